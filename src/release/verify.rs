//! Verify: what a release left, read back and proven — the version state (through the tool itself
//! after a commit), the schema against the fingerprint taken before applying, and the runner's lock
//! held throughout. "Back where this release found it" (exit 1) needs all of them; each failed
//! release is built here, once, from the facts its phases found.

use super::apply::{AllFailure, FileFailure};
use super::choose::AllPlan;
use super::outcome::{Applied, Cause, Evidence, Failure, LockLoss, Mode};
use super::record::Found;
use super::session::Session;
use super::undo::Undo;
use super::{Release, ReleaseOutcome, VERIFY_LOCK_WAIT, report};
use crate::catalog::{self, Fingerprint};
use crate::db::{DbUrl, ReleaseLock};
use crate::engine::watch::Watcher;
use crate::engine::{DbState, Stop};
use crate::output;
use std::time::Duration;

/// Differences of the schema listed one by one in the report (the rest are counted).
const SCHEMA_LINES: usize = 20;

/// What proves a failed release left the database as it found it, beyond the version table: the
/// runner's lock held throughout, and the schema unchanged.
#[derive(Clone)]
pub(super) struct Guard<'l> {
    pub lock: &'l ReleaseLock,
    /// The tools' version tables: their contents are compared through the version state.
    pub leave_out: Vec<String>,
}

impl Guard<'_> {
    /// Why this session no longer holds the runner's lock (or cannot tell); `None` while it does.
    pub fn lost(&self) -> Option<Evidence> {
        match self.lock.still_held() {
            Ok(true) => None,
            Ok(false) => Some(Evidence::LockLost(LockLoss::NotHeld)),
            Err(e) => Some(Evidence::LockLost(LockLoss::Unconfirmed(e.to_string()))),
        }
    }

    /// The schema on the lock's session, in a read-only transaction whose statements wait at most
    /// `lock_timeout` for a lock (`None`: no limit). The catalog functions take ACCESS SHARE on the
    /// tables they describe, so a table another session holds exclusively makes this wait (55P03).
    pub fn read_schema(&self, lock_timeout: Option<Duration>) -> Result<Result<Fingerprint, catalog::CatalogError>, postgres::Error> {
        let mut client = self.lock.session().borrow_mut();
        let mut tx = client.build_transaction().read_only(true).start()?;
        let ms = lock_timeout.map_or(0, |d| d.as_millis().clamp(1, i32::MAX as u128));
        tx.batch_execute(&format!("SET LOCAL lock_timeout = {ms}"))?;
        let fingerprint = catalog::fingerprint_in(&mut tx, &self.leave_out)?;
        tx.commit()?;
        Ok(fingerprint)
    }

    /// The schema after an undo or a rollback, within `stop` (the verification's share of the stop
    /// budget): the read is cancelled when it fires, and waits for a lock at most [`VERIFY_LOCK_WAIT`].
    fn fingerprint(&self, url: &DbUrl, stop: &Stop) -> Result<Fingerprint, String> {
        let watcher = Watcher::for_pid(self.lock.backend_pid(), url, stop);
        let result = self.read_schema(Some(VERIFY_LOCK_WAIT));
        let waited = watcher.waited_for();
        let stopped = watcher.finish().and_then(|c| c.stop());
        match result {
            Ok(f) => f.map_err(|e| url.mask(&e.to_string())),
            Err(_) if stopped.is_some() => Err("the stop budget (MIGRATIONS_STOP_GRACE) ended while it was being read".into()),
            Err(e) if e.code().map(|c| c.code()) == Some("55P03") => Err(format!(
                "{} stayed locked by another session for {}",
                waited.unwrap_or_else(|| "a table".into()),
                output::duration(VERIFY_LOCK_WAIT)
            )),
            Err(e) => Err(url.mask(&crate::db::describe_pg_error(&e))),
        }
    }

    /// The schema now against the schema before applying: one failed piece of evidence per difference.
    pub fn schema_evidence(&self, url: &DbUrl, stop: &Stop, before: &Result<Fingerprint, String>) -> Vec<Evidence> {
        let before = match before {
            Ok(f) => f,
            Err(e) => return vec![Evidence::SchemaUnreadBefore(e.clone())],
        };
        let after = match self.fingerprint(url, stop) {
            Ok(f) => f,
            Err(e) => return vec![Evidence::SchemaUnreadAfter(e)],
        };
        let differences = catalog::diff(before, &after);
        if differences.is_empty() {
            return vec![Evidence::SchemaAsFound { objects: after.len() }];
        }
        // One line per object, up to a screenful; the rest is counted.
        let more = differences.len().saturating_sub(SCHEMA_LINES);
        let mut evidence: Vec<Evidence> = differences.into_iter().take(SCHEMA_LINES).map(Evidence::SchemaDiffers).collect();
        if more > 0 {
            evidence.push(Evidence::MoreSchemaDiffers(more));
        }
        evidence
    }
}

impl Release<'_> {
    /// After the commit: the state read back through the tool itself must agree with what was
    /// written, and the runner's lock must still be held (otherwise another release may have run).
    pub(super) fn verify_commit(&self, s: &mut Session<'_>, found: Found) -> ReleaseOutcome {
        let (set, eng, stop) = (&self.setup.set, s.eng, self.verify_stop());
        let mut expected: Vec<String> = found.record.applied.iter().chain(found.pending.iter()).cloned().collect();
        expected.sort_by(|a, b| set.compare_versions(a, b));
        let lock_lost = s.guard.lost();
        // Without the lock, its session may be gone: the state is read on a connection of its own.
        let mut ctx = if lock_lost.is_some() { s.ctx_apart(stop) } else { s.ctx(stop) };
        let state = eng.state(&mut ctx);
        let agrees = matches!(&state, Ok(now) if !now.dirty && now.applied == expected);
        if agrees && lock_lost.is_none() {
            let now = state.unwrap_or_default();
            let elapsed = self.started.elapsed();
            return ReleaseOutcome::Applied(Box::new(Applied {
                mode: Mode::All,
                record: found.record,
                now,
                applied: found.pending,
                elapsed,
            }));
        }
        let cause = if agrees {
            Cause::Runner("the migrations were committed, but the runner's lock was lost meanwhile".into())
        } else {
            let seen = state.as_ref().map_or_else(|e| format!("an error ({e})"), DbState::describe);
            Cause::Runner(format!(
                "the release committed, but {} reports {seen} instead of {} applied migrations",
                set.tool,
                expected.len()
            ))
        };
        let evidence: Vec<Evidence> = (!agrees).then_some(Evidence::ToolDisagrees(set.tool)).into_iter().chain(lock_lost).collect();
        let manual = eng.manual_commands(&ctx, state.as_ref().unwrap_or(&found.record), &found.record, false);
        Failure {
            cause,
            applied: found.pending.iter().rev().cloned().collect(),
            final_state: state.map_err(|e| e.to_string()),
            evidence,
            manual,
            ..Failure::new(Mode::All, found.record, found.pending, false)
        }
        .conclude()
    }

    /// After the one transaction rolled back: proven like an undo — the version state, the schema as
    /// found, and the lock held throughout. Without the lock, the state is read on a connection of its own.
    pub(super) fn verify_rollback(&self, s: &mut Session<'_>, found: Found, plan: &AllPlan, f: AllFailure) -> ReleaseOutcome {
        let (eng, stop, guard) = (s.eng, self.verify_stop(), s.guard.clone());
        let lock_lost = guard.lost();
        let ctx = if lock_lost.is_some() { s.ctx_apart(stop.clone()) } else { s.ctx(stop.clone()) };
        let final_state = eng.recorded(&ctx).map_err(|e| e.to_string());
        let evidence = match (lock_lost, &f.before) {
            (Some(lost), _) => vec![lost],
            (None, Some(before)) => guard.schema_evidence(&self.setup.url, &stop, before),
            (None, None) => vec![Evidence::NothingRan],
        };
        let mut manual = eng.manual_commands(&ctx, final_state.as_ref().unwrap_or(&found.record), &found.record, false);
        manual.extend(report::repair_commands(&evidence, self.setup.url.var()));
        let unit = f.unit.map(|u| &plan.units[u]);
        Failure {
            cause: f.cause,
            failed: unit.map(|u| u.version.clone()),
            failed_file: unit.and_then(|u| u.path.clone()),
            error_lines: f.error_lines,
            final_state,
            evidence,
            manual,
            ..Failure::new(Mode::All, found.record, found.pending, self.on_failure_stop())
        }
        .conclude()
    }

    /// After a failed `file` release and its undo (or no undo: MIGRATIONS_ON_FAILURE=stop, or a
    /// migration the tool committed though it records it as failed): the state, the schema and the lock.
    pub(super) fn verify_undo(
        &self,
        s: &mut Session<'_>,
        found: Found,
        failure: FileFailure,
        undo: Option<Undo>,
        before: &Result<Fingerprint, String>,
    ) -> ReleaseOutcome {
        let FileFailure { mode, cause, mut failed, mut failed_file, error_lines, mut applied, now, mut evidence, committed } = failure;
        let (eng, stop, guard, url) = (s.eng, self.verify_stop(), s.guard.clone(), &self.setup.url);
        let (final_state, steps, cannot_undo, mut manual) = match (undo, committed) {
            (_, Some(committed)) => {
                // Nothing was forced: the migration is applied, and the way back starts by saying so.
                (failed, failed_file) = (None, None);
                applied.insert(0, committed.version);
                evidence.push(Evidence::CommittedDespiteFailure(committed.why));
                (Ok(now), Vec::new(), Vec::new(), committed.manual)
            }
            (None, None) => {
                evidence.extend(guard.schema_evidence(url, &stop, before));
                let manual = eng.manual_commands(&s.ctx(stop.clone()), &now, &found.record, false);
                (Ok(now), Vec::new(), Vec::new(), manual)
            }
            (Some(undo), None) => {
                let undo_failed = undo.steps.iter().any(|step| step.result.is_err());
                let mut ctx = s.ctx(stop.clone());
                let state = eng.state(&mut ctx).map(|st| if undo_failed { eng.after_failed_undo(&ctx, st) } else { st });
                let manual = eng.manual_commands(&ctx, state.as_ref().unwrap_or(&now), &found.record, undo_failed);
                drop(ctx);
                evidence.extend(undo.evidence);
                evidence.extend(guard.schema_evidence(url, &stop, before));
                evidence.extend(guard.lost());
                (state.map_err(|e| e.to_string()), undo.steps, undo.cannot_undo, manual)
            }
        };
        manual.extend(report::repair_commands(&evidence, url.var()));
        let on_failure_stop = self.on_failure_stop();
        let (record, pending) = (found.record, found.pending);
        let failure = Failure {
            mode,
            cause,
            record,
            pending,
            applied,
            failed,
            failed_file,
            error_lines,
            steps,
            cannot_undo,
            on_failure_stop,
            final_state,
            evidence,
            manual,
        };
        failure.conclude()
    }
}
