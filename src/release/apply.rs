//! Apply: every pending migration in one transaction on a session of the release's own (`all`), or
//! file by file by the tool itself (`file`). Each ends with the facts of what happened, which the
//! `verify` phase turns into the outcome.

use super::choose::AllPlan;
use super::outcome::{Applied, Cause, Evidence, Failure, Mode, NotRun};
use super::record::Found;
use super::session::Session;
use super::{Release, ReleaseError, ReleaseOutcome, all, report};
use crate::catalog::{self, Fingerprint};
use crate::config::TxMode;
use crate::db::{DbError, SessionsLeft};
use crate::engine::watch::blocking::Blocked;
use crate::engine::watch::running::Running;
use crate::engine::watch::{Cancelled, Target, Watcher};
use crate::engine::{self, ApplyOutcome, CommittedDespiteFailure, DbState, StopReason};
use crate::output;
use std::ops::ControlFlow::{self, Break, Continue};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Where a retry line says the wait was when no migration had started yet.
pub(super) const SCHEMA_READ: &str = "the schema read before the first migration";
/// The longest wait for a stopped tool's sessions to end.
const TERMINATE_WAIT: Duration = Duration::from_secs(10);

/// How the one transaction ended.
pub(super) enum AllRun {
    Committed,
    /// PostgreSQL refused a statement of `file` inside the one transaction (nothing was committed).
    Refused {
        file: String,
        error: String,
        failure: AllFailure,
    },
    /// Rolled back: a migration failed, the runner could not go on, or a stop came.
    Failed(AllFailure),
}

/// What made the one transaction roll back.
pub(super) struct AllFailure {
    pub cause: Cause,
    /// The unit whose SQL failed, when one did.
    pub unit: Option<usize>,
    pub error_lines: Vec<String>,
    /// The schema as found, read inside the transaction before its first migration (`None`: no
    /// attempt got that far, so no migration statement ever ran).
    pub before: Option<Result<Fingerprint, String>>,
}

/// A failed `file` release as the tool left it, before any undo.
pub(super) struct FileFailure {
    pub mode: Mode,
    pub cause: Cause,
    pub failed: Option<String>,
    pub failed_file: Option<PathBuf>,
    pub error_lines: Vec<String>,
    /// What this run left applied, newest first (never the failed migration).
    pub applied: Vec<String>,
    /// The state the tool left.
    pub now: DbState,
    /// About the stopped tool's sessions, when it was stopped.
    pub evidence: Vec<Evidence>,
    /// A migration the tool committed although it records it as failed: nothing is undone then.
    pub committed: Option<CommittedDespiteFailure>,
}

impl Release<'_> {
    /// Every pending migration in one transaction, retried with each lock timeout of
    /// MIGRATIONS_LOCK_RETRIES while a table stays busy; the schema as found is read as the first
    /// statement of each attempt, so a busy table there is retried too.
    pub(super) fn apply_all(&self, s: &mut Session<'_>, plan: &AllPlan) -> ControlFlow<ReleaseOutcome, AllRun> {
        let units = &plan.units;
        let running = Running::default();
        let (mut session, watcher) = self.apply_session(&plan.settings, &running)?;
        let (eng, leave_out) = (s.eng, s.guard.leave_out.clone());
        let mut before: Option<Result<Fingerprint, String>> = None;
        let line = |r: &all::UnitRun| format!("migrations:   ran {} ({})", r.file, output::duration(r.elapsed));
        let attempt = |s: &mut Session<'_>, lock_timeout: Option<Duration>| {
            // Until the first migration starts, what runs is the schema read (progress lines say so).
            running.set(SCHEMA_READ);
            let mut schema_read = false;
            let mut read_schema = |tx: &mut postgres::Transaction<'_>| {
                let fingerprint = catalog::fingerprint_in(tx, &leave_out)?;
                before = Some(fingerprint.map_err(|e| self.setup.url.mask(&e.to_string())));
                schema_read = true;
                Ok(())
            };
            let mut ctx = s.ctx(self.stop());
            let mut proceed_here = |unit: Option<&all::Unit>| proceed(&running, &watcher, unit);
            let mut hooks = all::Hooks { line: &line, first: &mut read_schema, after_unit: None, proceed: &mut proceed_here };
            let result = all::attempt(&mut session, &mut ctx, eng, units, &plan.settings, lock_timeout, all::Finish::Commit, &mut hooks);
            (result, schema_read)
        };
        let busy = |(result, schema_read): &(Result<Vec<all::UnitRun>, all::AttemptError>, bool)| {
            matches!(result, Err(e) if e.sqlstate() == Some("55P03")).then(|| {
                let (file, relation) = busy_detail(result, units);
                // Before its first migration, the attempt was waiting in the schema read.
                (if *schema_read { file } else { Some(SCHEMA_READ.to_string()) }, relation)
            })
        };
        let result = self.with_lock_retries(s, Some(&watcher), attempt, busy).map_or(Err(all::AttemptError::Stopped), |(r, _)| r);
        let waited = watcher.waited_for();
        let (stopped, blocked) = cancelled(watcher.finish());
        let stopped = stopped
            .or_else(|| (blocked.is_none() && matches!(result, Err(all::AttemptError::Stopped))).then(|| self.stop.reason()).flatten());
        Continue(match result {
            Ok(_) => AllRun::Committed,
            Err(error) => self.rolled_back(plan, error, (stopped, blocked), waited, before),
        })
    }

    /// Why the one transaction rolled back, and whether PostgreSQL refused one transaction.
    fn rolled_back(
        &self,
        plan: &AllPlan,
        error: all::AttemptError,
        (stopped, blocked): (Option<StopReason>, Option<Blocked>),
        waited: Option<String>,
        before: Option<Result<Fingerprint, String>>,
    ) -> AllRun {
        let url = &self.setup.url;
        let attempts = self.setup.config.tx.lock_retries.len();
        let described = |e: &postgres::Error| url.mask(&crate::db::describe_pg_error(e));
        // Cancelled by a stop or by the blocking guard: not a lock that stayed busy, nor a refusal.
        let interrupted = stopped.is_some() || blocked.is_some();
        let cause = match (blocked, stopped, &error) {
            (Some(blocked), _, _) => Cause::Blocking(blocked),
            (None, Some(reason), _) => Cause::Stopped(reason),
            (None, None, all::AttemptError::Migration { .. }) => Cause::Migration,
            (None, None, all::AttemptError::Runner(e)) => Cause::Runner(described(e)),
            (None, None, all::AttemptError::Read(e)) => Cause::Runner(e.to_string()),
            (None, None, all::AttemptError::Stopped) => Cause::Stopped(StopReason::Signal),
        };
        match &error {
            all::AttemptError::Migration { unit, error, line } => {
                let mut lines = report::pg_error_lines(error, *line, url);
                if error.code().map(|c| c.code()) == Some("55P03") && !interrupted {
                    lines.push(report::lock_retries_exhausted(attempts, named_relation(error).or(waited).as_deref()));
                }
                // A statement PostgreSQL refuses inside one transaction: nothing was committed.
                if !interrupted && all::refused_in_one_transaction(error) {
                    if self.setup.config.tx.mode != TxMode::Auto {
                        lines.push(report::all_mode_refused_by_postgres());
                    }
                    let failure = AllFailure { cause, unit: Some(*unit), error_lines: lines, before };
                    return AllRun::Refused { file: plan.units[*unit].file.clone(), error: described(error), failure };
                }
                AllRun::Failed(AllFailure { cause, unit: Some(*unit), error_lines: lines, before })
            }
            // The schema read before the first migration waited for a busy table through every attempt.
            all::AttemptError::Runner(e) if !interrupted && before.is_none() && e.code().map(|c| c.code()) == Some("55P03") => {
                let cause = Cause::Runner(format!("reading the schema before the first migration: {}", described(e)));
                let error_lines = vec![report::lock_retries_exhausted(attempts, waited.as_deref())];
                AllRun::Failed(AllFailure { cause, unit: None, error_lines, before })
            }
            _ => AllRun::Failed(AllFailure { cause, unit: None, error_lines: Vec::new(), before }),
        }
    }

    /// The `all` strategy's session: a connection of its own, started with the URL's run-time
    /// parameters as the tool's would be, and watched: for a stop, by the blocking guard, for
    /// progress lines (about the file `running` names). What the migrations do to it
    /// (`SET search_path`, `SET ROLE`, `RESET ALL`, ...) stays on it: the lock's session, which
    /// reads the state and the schema afterwards, never sees any of it.
    /// `Break`: the release is refused (exit 3), as when the lock's connection cannot be made.
    pub(super) fn apply_session(
        &self,
        settings: &all::SessionSettings,
        running: &Running,
    ) -> ControlFlow<ReleaseOutcome, (postgres::Client, Watcher)> {
        let url = &self.setup.url;
        let refused = |error| Break(ReleaseOutcome::Refused(ReleaseError::Connect { url: url.masked(), error }));
        let mut session = match url.connect_with(&settings.params) {
            Ok(session) => session,
            Err(error) => return refused(error),
        };
        match Watcher::start_with(&mut session, url, &self.stop, self.watch(running)) {
            Ok(watcher) => Continue((session, watcher)),
            Err(e) => refused(DbError::Query(url.mask(&crate::db::describe_pg_error(&e)))),
        }
    }

    /// `file` mode: pending migrations without a down migration announced first, or refused with
    /// MIGRATIONS_REQUIRE_DOWN.
    pub(super) fn check_down_files(&self, s: &mut Session<'_>, found: &Found) -> ControlFlow<ReleaseOutcome> {
        let set = &self.setup.set;
        let no_down: Vec<String> = found.pending.iter().filter(|v| set.find(v).is_some_and(|m| !m.has_down)).cloned().collect();
        if !no_down.is_empty() {
            if self.setup.config.require_down {
                return Break(ReleaseOutcome::Refused(ReleaseError::MissingDown { versions: no_down }));
            }
            s.say(&report::missing_down_warning(&no_down, set));
        }
        Continue(())
    }

    /// File mode's schema as found, under the lock, before the tool applies anything: one attempt per
    /// lock timeout of MIGRATIONS_LOCK_RETRIES (a retry line each, as in `all` mode), cancelled by a
    /// stop, so a busy table can neither hold the release forever nor outlive SIGTERM. `Break` when a
    /// busy table or a stop kept it from being read (nothing ran, so nothing changed).
    pub(super) fn schema_before_file(&self, s: &mut Session<'_>) -> ControlFlow<ReleaseOutcome, Result<Fingerprint, String>> {
        let attempts = self.setup.config.tx.lock_retries.len();
        let guard = s.guard.clone();
        let watcher = Watcher::for_pid(guard.lock.backend_pid(), &self.setup.url, &self.stop);
        let busy = |r: &Result<_, Option<postgres::Error>>| {
            matches!(r, Err(Some(e)) if e.code().map(|c| c.code()) == Some("55P03")).then(|| (Some(SCHEMA_READ.to_string()), None))
        };
        let read = |_: &mut Session<'_>, lock_timeout| guard.read_schema(lock_timeout).map_err(Some);
        let result = self.with_lock_retries(s, Some(&watcher), read, busy).unwrap_or(Err(None));
        let waited = watcher.waited_for();
        let stopped = watcher.finish().and_then(|c| c.stop()).or_else(|| self.stop.reason());
        match result {
            Ok(fingerprint) => Continue(fingerprint.map_err(|e| self.setup.url.mask(&e.to_string()))),
            Err(_) if stopped.is_some() => Break(ReleaseOutcome::NotRun(NotRun::Stopped(stopped.unwrap_or(StopReason::Signal)))),
            Err(Some(e)) if e.code().map(|c| c.code()) == Some("55P03") => {
                Break(ReleaseOutcome::NotRun(NotRun::ReadBusy { what: SCHEMA_READ, attempts, relation: waited }))
            }
            Err(e) => Continue(Err(self.setup.url.mask(&e.map_or("no attempt was made".into(), |e| crate::db::describe_pg_error(&e))))),
        }
    }

    /// The tool's `up` (one transaction per file), then the state it left. `Break` with the outcome
    /// when there is nothing to undo: every migration applied, the state unreadable, or the lock
    /// lost (then nothing is changed any more); `Continue` with the failure to undo.
    pub(super) fn apply_file(&self, s: &mut Session<'_>, found: &Found, mode: Mode) -> ControlFlow<ReleaseOutcome, FileFailure> {
        let eng = s.eng;
        let running = Running::new(self.pending_files(found));
        let watcher = self.watches().then(|| {
            let tool = Target::Tool(s.tool_application_name().to_string());
            Watcher::watch(tool, &self.setup.url, &self.stop, self.watch(&running))
        });
        let mut ctx = s.ctx(self.stop());
        ctx.running = Some(running);
        let ran = eng.apply(&mut ctx);
        drop(ctx);
        let (_, blocked) = cancelled(watcher.and_then(Watcher::finish));
        let outcome = match ran {
            Ok(o) => o,
            Err(e) => return Break(ReleaseOutcome::Refused(ReleaseError::State(e))),
        };
        let evidence = self.tool_sessions_after_stop(s, &outcome);
        // After the tool committed (or stopped), and before any undo: is the lock still ours?
        if let Some(lost) = s.guard.lost() {
            return Break(self.lock_lost_after_tool(s, found, mode, outcome, evidence, lost));
        }
        let now = match eng.state(&mut s.ctx(self.undo_stop())) {
            Ok(now) => now,
            Err(e) => return Break(self.tool_left_unknown(s, found, mode, outcome, evidence, Err(e.to_string()))),
        };
        if outcome.success {
            let applied = engine::applied_since(&found.record, &now).into_iter().rev().collect();
            let elapsed = self.started.elapsed();
            return Break(ReleaseOutcome::Applied(Box::new(Applied { mode, record: found.record.clone(), now, applied, elapsed })));
        }
        // Failed (or stopped): which file, what the database said. The failed file is never "applied".
        let (failed, failed_file, applied) = self.failed_and_applied(found, outcome.failed_version.clone(), &now);
        let committed = eng.committed_despite_failure(&s.ctx(self.undo_stop()), &outcome, &now, &found.record);
        let cause = match (blocked, outcome.stopped) {
            (Some(blocked), _) => Cause::Blocking(blocked),
            (None, stopped) => stopped.map_or(Cause::Migration, Cause::Stopped),
        };
        let error_lines = outcome.error_lines;
        Continue(FileFailure { mode, cause, failed, failed_file, error_lines, applied, now, evidence, committed })
    }

    /// Whether a running migration is watched beyond a stop: the blocking guard or progress lines are on.
    fn watches(&self) -> bool {
        self.setup.config.max_blocking.is_some() || self.setup.config.progress_interval.is_some()
    }

    /// The pending migrations, (version, file) in apply order.
    fn pending_files(&self, found: &Found) -> Vec<(String, String)> {
        let set = &self.setup.set;
        found.pending.iter().filter_map(|v| set.find(v)).map(|m| (m.version.clone(), m.file_name())).collect()
    }

    /// A stopped tool's statement must not go on behind the report: its sessions are ended, within
    /// a quarter of what is left of the stop budget (and 10 s).
    fn tool_sessions_after_stop(&self, s: &mut Session<'_>, outcome: &ApplyOutcome) -> Vec<Evidence> {
        if outcome.stopped.is_none() {
            return Vec::new();
        }
        let wait =
            self.stop.budget_end().map_or(TERMINATE_WAIT, |end| TERMINATE_WAIT.min(end.saturating_duration_since(Instant::now()) / 4));
        match s.terminate_tool_sessions(wait) {
            SessionsLeft::None => Vec::new(),
            left => vec![Evidence::ToolSessionsLeft(left)],
        }
    }

    /// The failed migration (the tool's word, or the dirty version), its file, and what this run left
    /// applied, newest first, without it.
    fn failed_and_applied(&self, found: &Found, said: Option<String>, now: &DbState) -> (Option<String>, Option<PathBuf>, Vec<String>) {
        let set = &self.setup.set;
        let failed = said.or_else(|| if now.dirty { now.version.clone() } else { None });
        let failed_file = failed.as_deref().and_then(|v| set.find(v)).and_then(|m| m.up.clone());
        let applied = engine::applied_since(&found.record, now).into_iter().filter(|v| Some(v) != failed.as_ref()).collect();
        (failed, failed_file, applied)
    }

    /// The lock was lost while the tool ran: nothing more is changed; the state is read on a
    /// connection of its own and reported.
    fn lock_lost_after_tool(
        &self,
        s: &mut Session<'_>,
        found: &Found,
        mode: Mode,
        outcome: ApplyOutcome,
        mut evidence: Vec<Evidence>,
        lost: Evidence,
    ) -> ReleaseOutcome {
        evidence.push(lost);
        let now = s.eng.state(&mut s.ctx_apart(self.undo_stop()));
        let now = match now {
            Ok(now) => now,
            Err(e) => return self.tool_left_unknown(s, found, mode, outcome, evidence, Err(e.to_string())),
        };
        let (failed, failed_file, applied) = self.failed_and_applied(found, outcome.failed_version.clone(), &now);
        let manual = s.eng.manual_commands(&s.ctx_apart(self.undo_stop()), &now, &found.record, false);
        Failure {
            cause: lock_lost_cause(&outcome),
            applied,
            failed,
            failed_file,
            error_lines: outcome.error_lines,
            final_state: Ok(now),
            evidence,
            manual,
            ..Failure::new(mode, found.record.clone(), found.pending.clone(), self.on_failure_stop())
        }
        .conclude()
    }

    /// The state could not be read after the tool ran: the outcome says what is known.
    fn tool_left_unknown(
        &self,
        s: &mut Session<'_>,
        found: &Found,
        mode: Mode,
        outcome: ApplyOutcome,
        evidence: Vec<Evidence>,
        final_state: Result<DbState, String>,
    ) -> ReleaseOutcome {
        let lost = evidence.iter().any(|e| matches!(e, Evidence::LockLost(_)));
        let manual = s.eng.manual_commands(&s.ctx_apart(self.undo_stop()), &found.record, &found.record, false);
        Failure {
            cause: if lost { lock_lost_cause(&outcome) } else { outcome.stopped.map_or(Cause::Migration, Cause::Stopped) },
            failed: outcome.failed_version,
            error_lines: outcome.error_lines,
            final_state,
            evidence,
            manual,
            ..Failure::new(mode, found.record.clone(), found.pending.clone(), self.on_failure_stop())
        }
        .conclude()
    }

    pub(super) fn on_failure_stop(&self) -> bool {
        self.setup.config.on_failure == crate::config::OnFailure::Stop
    }
}

/// The stop and the blocking guard's verdict, from why a watcher cancelled the statement.
pub(super) fn cancelled(why: Option<Cancelled>) -> (Option<StopReason>, Option<Blocked>) {
    match why {
        Some(Cancelled::Stop(reason)) => (Some(reason), None),
        Some(Cancelled::Blocking(blocked)) => (None, Some(blocked)),
        None => (None, None),
    }
}

/// Before each unit of an attempt (and before its end, `None`): the watcher learns which file runs,
/// and the attempt goes on unless the blocking guard cancelled the release.
pub(super) fn proceed(running: &Running, watcher: &Watcher, unit: Option<&all::Unit>) -> bool {
    if let Some(unit) = unit {
        running.set(&unit.file);
    }
    !watcher.blocking()
}

/// What made a release whose lock was lost fail: the tool's own failure, or the loss itself.
fn lock_lost_cause(outcome: &ApplyOutcome) -> Cause {
    match (outcome.success, outcome.stopped) {
        (true, _) => Cause::Runner("the migrations were applied, but the runner's lock was lost meanwhile".into()),
        (false, Some(reason)) => Cause::Stopped(reason),
        (false, None) => Cause::Migration,
    }
}

/// The table or relation a busy-lock error names, when PostgreSQL names one, and the file it came from.
fn busy_detail(result: &Result<Vec<all::UnitRun>, all::AttemptError>, units: &[all::Unit]) -> (Option<String>, Option<String>) {
    match result {
        Err(all::AttemptError::Migration { unit, error, .. }) => (units.get(*unit).map(|u| u.file.clone()), named_relation(error)),
        _ => (None, None),
    }
}

/// The table a PostgreSQL error names, if it names one.
fn named_relation(error: &postgres::Error) -> Option<String> {
    let db = error.as_db_error()?;
    db.table().map(|t| db.schema().map_or(t.to_string(), |s| format!("{s}.{t}")))
}
