//! The release plan: a [`Release`] whose phases are methods — lock → record →
//! apply with the chosen strategy → undo when the strategy needs it → verify →
//! report. Every phase ends in a [`ReleaseOutcome`], from which the exit code
//! and the report are derived once.
//!
//! The lock comes before the record: a concurrent release could otherwise change
//! the database between our reading its state and our applying.

pub mod all;
pub mod outcome;
pub mod report;

use crate::catalog::{self, Fingerprint};
use crate::config::{self, AheadPolicy, OnFailure, ReleaseConfig, TxMode};
use crate::db::{DbError, DbUrl, DbUrlError, ReleaseLock};
use crate::engine::watch::Watcher;
use crate::engine::{self, Context, DbState, Engine, EngineError, Stop, StopReason};
use crate::migrations::{self, MigrationSet, ModelError};
use crate::output;
use crate::tool::Tool;
use outcome::{Applied, Cause, Evidence, Failure, Mode, NotRun, StepResult};
use std::path::PathBuf;
use std::time::{Duration, Instant};

pub use outcome::ReleaseOutcome;

/// Exit codes of the runner (documented in the README).
pub mod exit {
    /// Success, or nothing to do.
    pub const OK: i32 = 0;
    /// A migration failed (or the release was stopped) and the database is back at its recorded state.
    pub const FAILED_RESTORED: i32 = 1;
    /// The database is not at its recorded state: the report prints it and the manual commands.
    pub const NOT_RESTORED: i32 = 2;
    /// Refused before anything ran (settings, URL, connection, dirty or inconsistent database).
    pub const REFUSED: i32 = 3;
}

#[derive(Debug, thiserror::Error)]
pub enum ReleaseError {
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    #[error(transparent)]
    Url(#[from] DbUrlError),
    #[error("no migrations directory")]
    NoDir { looked: Vec<String> },
    #[error("unknown tool {value}")]
    Tool { value: String },
    #[error("cannot tell the migration tool from the files in {dir}")]
    NoToolGuess { dir: PathBuf },
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error("cannot connect to {url}: {error}")]
    Connect { url: String, error: DbError },
    #[error(transparent)]
    State(EngineError),
    #[error("dirty database")]
    Dirty { state: DbState, commands: Vec<String> },
    #[error("database versions {versions:?} have no migration file")]
    Orphan { versions: Vec<String>, newest_file: String },
    #[error("database ahead of code")]
    Ahead { versions: Vec<String>, newest_file: Option<String> },
    #[error("migrations without a down file")]
    MissingDown { versions: Vec<String> },
    #[error("MIGRATIONS_TX_MODE=all, but {blocker} cannot run inside one transaction")]
    NotGroupable { blocker: all::Blocker },
    #[error("the database refused a setting from the URL: {0}")]
    Session(String),
}

/// Where the runner finds its migrations and tool: the launch env the buildpack wrote,
/// or (outside an image) the same defaults and guess as detection.
pub fn locate(lookup: &impl Fn(&str) -> Option<String>, app_dir: &std::path::Path) -> Result<(PathBuf, Tool), ReleaseError> {
    let dir = match lookup(config::DIR).filter(|v| !v.trim().is_empty()) {
        Some(d) => PathBuf::from(d.trim()),
        None => config::DEFAULT_DIRS
            .iter()
            .map(PathBuf::from)
            .find(|d| app_dir.join(d).is_dir())
            .ok_or_else(|| ReleaseError::NoDir { looked: config::DEFAULT_DIRS.iter().map(|s| s.to_string()).collect() })?,
    };
    let abs = app_dir.join(&dir);
    if !abs.is_dir() {
        return Err(ReleaseError::NoDir { looked: vec![dir.display().to_string()] });
    }
    let tool = match lookup(config::TOOL).filter(|v| !v.trim().is_empty()) {
        Some(t) => t.parse::<Tool>().map_err(|_| ReleaseError::Tool { value: t })?,
        None => migrations::guess_tool(&abs).ok().flatten().ok_or(ReleaseError::NoToolGuess { dir: dir.clone() })?,
    };
    Ok((abs, tool))
}

/// Everything `release` and `status` need, read and validated before touching the database.
pub struct Setup {
    pub config: ReleaseConfig,
    pub url: DbUrl,
    pub dir: PathBuf,
    pub set: MigrationSet,
}

impl Setup {
    pub fn read(lookup: impl Fn(&str) -> Option<String>, app_dir: &std::path::Path) -> Result<Setup, ReleaseError> {
        let config = ReleaseConfig::from_lookup(&lookup)?;
        let (dir, tool) = locate(&lookup, app_dir)?;
        let url = DbUrl::from_lookup(&config.database_url_var, &lookup)?;
        let set = MigrationSet::load(&dir, tool)?;
        Ok(Setup { config, url, dir, set })
    }

    fn context<'a>(&'a self, stop: Stop, out: &'a mut dyn FnMut(&str)) -> Context<'a> {
        let tool = crate::db::ToolSession::new(&self.url);
        Context {
            url: &self.url,
            tool_url: tool.expose_url().to_string(),
            application_name: tool.application_name,
            dir: self.dir.clone(),
            set: &self.set,
            stop,
            out,
            db: None,
        }
    }
}

/// The pending migrations (apply order) given the recorded state.
pub fn pending(set: &MigrationSet, record: &DbState) -> Vec<String> {
    match set.tool {
        Tool::GolangMigrate => set
            .migrations
            .iter()
            .filter(|m| record.version.as_deref().is_none_or(|v| set.compare_versions(&m.version, v).is_gt()))
            .map(|m| m.version.clone())
            .collect(),
        Tool::Dbmate => {
            let applied: std::collections::HashSet<&str> = record.applied.iter().map(String::as_str).collect();
            set.migrations.iter().filter(|m| !applied.contains(m.version.as_str())).map(|m| m.version.clone()).collect()
        }
    }
}

/// Refuse a dirty or inconsistent database; detect "database ahead of code".
fn preflight(set: &MigrationSet, record: &DbState, ctx: &Context<'_>, eng: &dyn Engine) -> Result<(), ReleaseError> {
    if record.dirty {
        let commands = eng.manual_commands(ctx, record, record, false);
        return Err(ReleaseError::Dirty { state: record.clone(), commands });
    }
    if record.orphans.is_empty() {
        return Ok(());
    }
    let newest = set.newest().map(|m| m.version.clone());
    let (ahead, below): (Vec<String>, Vec<String>) =
        record.orphans.iter().cloned().partition(|v| newest.as_deref().is_none_or(|n| set.compare_versions(v, n).is_gt()));
    if !below.is_empty() {
        return Err(ReleaseError::Orphan { versions: below, newest_file: newest.unwrap_or_default() });
    }
    Err(ReleaseError::Ahead { versions: ahead, newest_file: newest })
}

/// Run the release; returns the exit code. Every line goes through `out`.
///
/// A panic (a bug in the runner) ends the release with a report and exit 2: the
/// lock guard is released while unwinding, and the state is read again on a
/// connection of its own (the shipped profile unwinds: `panic = "unwind"`).
pub fn run(setup: &Setup, out: &mut dyn FnMut(&str)) -> i32 {
    let release = Release::new(setup);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| release.execute(&mut *out)));
    match result {
        Ok(outcome) => {
            out(&report::outcome(&outcome, &setup.set, &setup.config));
            outcome.exit_code()
        }
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "no message".into());
            let mut eng = engine::for_tool(setup.set.tool);
            let mut sink = |_: &str| {};
            let mut ctx = setup.context(Stop::deadline_only(Instant::now() + Duration::from_secs(10)), &mut sink);
            let state = eng.state(&mut ctx).map_err(|e| e.to_string());
            let record = release.recorded.borrow().clone();
            let manual = match (&state, &record) {
                (Ok(now), Some(record)) => eng.manual_commands(&ctx, now, record, false),
                _ => Vec::new(),
            };
            drop(ctx);
            out(&report::panicked(&setup.url.mask(&message), record.as_ref(), &state, &manual));
            exit::NOT_RESTORED
        }
    }
}

/// One release: its settings, clock and stop request; each phase is a method.
pub struct Release<'s> {
    setup: &'s Setup,
    started: Instant,
    deadline: Instant,
    /// SIGTERM/SIGINT or the overall deadline.
    stop: Stop,
    /// The state the release found, once read (for the report after a panic).
    recorded: std::cell::RefCell<Option<DbState>>,
}

impl<'s> Release<'s> {
    pub fn new(setup: &'s Setup) -> Release<'s> {
        let started = Instant::now();
        let deadline = started + setup.config.timeout;
        Release { setup, started, deadline, stop: Stop::install(deadline, setup.config.stop_grace), recorded: Default::default() }
    }

    /// All phases; the lock guard is released when this returns, whatever the outcome.
    pub fn execute(&self, out: &mut dyn FnMut(&str)) -> ReleaseOutcome {
        out(&report::release_banner(&self.setup.set, &self.setup.dir, &self.setup.url));
        self.locked(out, |ctx, eng, guard| {
            let table = eng.version_table(ctx);
            let table_existed = ctx.with_db(|c| table.exists(c)).unwrap_or(true);
            let outcome = self.record_and_apply(ctx, eng, guard);
            if outcome.database_as_found() {
                engine::drop_version_table_if_new_and_empty(ctx, &table, table_existed);
            }
            outcome
        })
    }

    /// Take the lock, open the engine's context on the locked session (with the URL's run-time
    /// parameters) and run `f` with the [`Guard`] over that lock; the lock is released when this returns.
    fn locked(
        &self,
        out: &mut dyn FnMut(&str),
        f: impl FnOnce(&mut Context<'_>, &mut dyn Engine, &Guard<'_>) -> ReleaseOutcome,
    ) -> ReleaseOutcome {
        let lock = match self.lock(out) {
            Ok(lock) => lock,
            Err(outcome) => return outcome,
        };
        let mut eng = engine::for_tool(self.setup.set.tool);
        let mut relay = |l: &str| out(l);
        // Reading state is quick and must not be cut short by a signal: only the deadline
        // and the end of the stop budget apply.
        let mut ctx = self.setup.context(self.stop.budget(self.deadline, VERIFY_RESERVE), &mut relay);
        ctx.db = Some(&lock);
        // The URL's run-time parameters (`search_path`, …), as the tool's sessions get them from lib/pq.
        let (settings, _) = all::session_settings(&self.setup.url, self.setup.set.tool);
        for (k, v) in &settings.params {
            if let Err(e) = ctx.with_db(|c| c.execute("SELECT set_config($1, $2, false)", &[k, v])) {
                return ReleaseOutcome::Refused(ReleaseError::Session(format!("{k}={v}: {e}")));
            }
        }
        // Every read of the runner's own waits for a table's lock at most VERIFY_LOCK_WAIT (the reads
        // before applying set their own, from MIGRATIONS_LOCK_RETRIES), and a stop cancels it.
        if let Err(e) = set_lock_timeout(&ctx, Some(VERIFY_LOCK_WAIT)) {
            return ReleaseOutcome::Refused(ReleaseError::State(e));
        }
        let table = eng.version_table(&ctx);
        let guard = Guard { lock: &lock, leave_out: vec![table.qualified()] };
        f(&mut ctx, eng.as_mut(), &guard)
    }

    /// `migrations rehearse`: run exactly what an `all` release would run, under the same lock,
    /// in a transaction that is always rolled back. Exit 0: the release would succeed; 1: it would
    /// fail (the error is reported); 3: it cannot be rehearsed (a migration that cannot run in a transaction).
    pub fn rehearse(&self, out: &mut dyn FnMut(&str)) -> i32 {
        out(&report::rehearse_banner(&self.setup.set, &self.setup.url));
        let mut code = exit::REFUSED;
        let outcome = self.locked(out, |ctx, eng, guard| {
            let (record, pending) = match self.record(ctx, &*eng) {
                Ok(r) => r,
                Err(outcome) => return outcome,
            };
            let (settings, url_blocker) = all::session_settings(&self.setup.url, self.setup.set.tool);
            if let Some(blocker) = url_blocker {
                (ctx.out)(&report::cannot_rehearse(&blocker, 0));
                return ReleaseOutcome::NothingToDo { record, ahead: None };
            }
            let plan = match all::plan(&self.setup.set, &pending) {
                Ok(p) => p,
                Err(e) => return ReleaseOutcome::Refused(ReleaseError::Model(e)),
            };
            ctx.stop = self.stop.clone();
            let (mut session, watcher) = match self.apply_session(&settings) {
                Ok(s) => s,
                Err(outcome) => return outcome,
            };
            let line = |r: &all::UnitRun| format!("migrations: rehearse: ok     {} ({})", r.file, output::duration(r.elapsed));
            // The schema as found, read as the first statement of the rehearsal's transaction.
            let mut before: Option<Result<Fingerprint, String>> = None;
            let mut read_schema = |tx: &mut postgres::Transaction<'_>| {
                let fingerprint = catalog::fingerprint_in(tx, &guard.leave_out)?;
                before = Some(fingerprint.map_err(|e| self.setup.url.mask(&e.to_string())));
                Ok(())
            };
            let result =
                all::attempt(&mut session, ctx, &*eng, &plan.units, &settings, None, all::Finish::Rollback, &line, &mut read_schema);
            let stopped = watcher.finish();
            drop(session);
            // After the rollback, within the stop budget: the version table and the schema as found.
            ctx.stop = self.stop.budget(Instant::now() + UNDO_LIMIT, VERIFY_RESERVE);
            let changed = eng.recorded(ctx).map(|now| now != record);
            let schema = before.map(|before| guard.schema_evidence(ctx, &before));
            let text = match (&result, stopped) {
                (_, Some(reason)) => report::rehearse_stopped(reason),
                (Ok(_), None) => match &plan.blocker {
                    Some(b) => report::cannot_rehearse(b, plan.units.len()),
                    None => {
                        code = exit::OK;
                        report::rehearse_ok(plan.units.len(), self.started.elapsed())
                    }
                },
                (Err(all::AttemptError::Migration { unit, error, line }), None) if all::refused_in_one_transaction(error) => {
                    // A release (auto) would fall back to file mode here, which a rehearsal cannot roll back.
                    let why = format!("PostgreSQL refused it inside one transaction ({})", self.setup.url.mask(&crate::db::describe_pg_error(error)));
                    report::cannot_rehearse(&all::Blocker { what: plan.units[*unit].file.clone(), line: *line, why }, *unit)
                }
                (Err(all::AttemptError::Migration { unit, error, line }), None) => {
                    code = exit::FAILED_RESTORED;
                    let u = &plan.units[*unit];
                    report::rehearse_failed(&u.file, &report::pg_error_lines(error, *line, &self.setup.url), u.path.as_deref(), *line)
                }
                (Err(e), None) => report::rehearse_error(e, &self.setup.url),
            };
            (ctx.out)(&text);
            let schema_as_found = schema.as_ref().is_none_or(|evidence| evidence.iter().all(|e| e.holds));
            if !matches!(changed, Ok(false)) || !schema_as_found {
                code = exit::NOT_RESTORED;
            }
            (ctx.out)(&report::rehearse_checked(matches!(changed, Ok(false)), schema.as_deref()));
            ReleaseOutcome::NothingToDo { record, ahead: None }
        });
        match outcome {
            o @ ReleaseOutcome::NothingToDo { .. } if code == exit::REFUSED && nothing_pending(&self.setup.set, &o) => {
                out(&report::outcome(&o, &self.setup.set, &self.setup.config));
                exit::OK
            }
            ReleaseOutcome::NothingToDo { .. } => code,
            other => {
                out(&report::outcome(&other, &self.setup.set, &self.setup.config));
                other.exit_code()
            }
        }
    }

    /// The `all` strategy's session: a connection of its own, started with the URL's run-time
    /// parameters as the tool's would be, and watched for a stop. What the migrations do to it
    /// (`SET search_path`, `SET ROLE`, `RESET ALL`, ...) stays on it: the lock's session, which
    /// reads the state and the schema afterwards, never sees any of it.
    #[allow(clippy::result_large_err)] // the outcome ends the release: returned once, never in a loop
    fn apply_session(&self, settings: &all::SessionSettings) -> Result<(postgres::Client, Watcher), ReleaseOutcome> {
        let url = &self.setup.url;
        let refused = |error| ReleaseOutcome::Refused(ReleaseError::Connect { url: url.masked(), error });
        let mut session = url.connect_with(&settings.params).map_err(refused)?;
        let watcher = Watcher::start(&mut session, url, &self.stop)
            .map_err(|e| refused(DbError::Query(url.mask(&crate::db::describe_pg_error(&e)))))?;
        Ok((session, watcher))
    }

    /// Lock: the runner's advisory lock, waited for up to MIGRATIONS_LOCK_TIMEOUT.
    #[allow(clippy::result_large_err)] // the outcome ends the release: returned once, never in a loop
    fn lock(&self, out: &mut dyn FnMut(&str)) -> Result<ReleaseLock, ReleaseOutcome> {
        let setup = self.setup;
        let refused = |error| ReleaseOutcome::Refused(ReleaseError::Connect { url: setup.url.masked(), error });
        if let Some(pooler) = setup.url.transaction_pooler() {
            return Err(refused(DbError::TransactionPooler(pooler)));
        }
        let client = setup.url.connect().map_err(refused)?;
        let lock_timeout = setup.config.lock_timeout.min(setup.config.timeout);
        let mut waiting_said = false;
        let lock =
            ReleaseLock::acquire(client, lock_timeout, || waiting_said = true, || self.stop.reason().is_some()).map_err(|e| match e {
                DbError::LockTimeout(waited) => ReleaseOutcome::NotRun(NotRun::LockBusy(waited)),
                DbError::LockAbandoned => ReleaseOutcome::NotRun(NotRun::Stopped(self.stop.reason().unwrap_or(StopReason::Signal))),
                error => refused(error),
            })?;
        if waiting_said {
            out(&report::lock_acquired_after_wait(self.started.elapsed()));
        }
        Ok(lock)
    }

    /// Record: the state this release starts from (straight from the version table), checked.
    /// `Err` is the outcome when there is nothing to apply.
    #[allow(clippy::result_large_err)] // the outcome ends the release: returned once, never in a loop
    fn record(&self, ctx: &mut Context<'_>, eng: &dyn Engine) -> Result<(DbState, Vec<String>), ReleaseOutcome> {
        let set = &self.setup.set;
        let record = self.read_record(ctx, eng)?;
        *self.recorded.borrow_mut() = Some(record.clone());
        if let Err(e) = preflight(set, &record, ctx, eng) {
            return Err(match e {
                ReleaseError::Ahead { versions, newest_file } if self.setup.config.ahead == AheadPolicy::Warn => {
                    ReleaseOutcome::NothingToDo { record, ahead: Some((versions, newest_file)) }
                }
                e => ReleaseOutcome::Refused(e),
            });
        }
        let pending = pending(set, &record);
        (ctx.out)(&report::recorded(&record, &pending, set));
        if pending.is_empty() {
            return Err(ReleaseOutcome::NothingToDo { record, ahead: None });
        }
        Ok((record, pending))
    }

    /// The version table as found, read on the lock's session under the lock timeouts of
    /// MIGRATIONS_LOCK_RETRIES (a retry line each, as the schema read) and cancelled by a stop:
    /// nothing has run yet, so a busy table or a signal ends the release with nothing changed.
    #[allow(clippy::result_large_err)] // the outcome ends the release: returned once, never in a loop
    fn read_record(&self, ctx: &mut Context<'_>, eng: &dyn Engine) -> Result<DbState, ReleaseOutcome> {
        let verify_stop = std::mem::replace(&mut ctx.stop, self.stop.clone());
        let result = self.with_lock_retries(
            ctx,
            None,
            |ctx, lock_timeout| set_lock_timeout(ctx, lock_timeout).and_then(|()| eng.recorded(ctx)),
            |r| match r {
                Err(EngineError::Busy { relation }) => Some((Some(VERSION_TABLE_READ.to_string()), relation.clone())),
                _ => None,
            },
        );
        ctx.stop = verify_stop;
        let reset = set_lock_timeout(ctx, Some(VERIFY_LOCK_WAIT));
        let schedule = &self.setup.config.tx.lock_retries;
        match (result, self.stop.reason()) {
            (Some(Ok(record)), _) => reset.map(|()| record).map_err(|e| ReleaseOutcome::Refused(ReleaseError::State(e))),
            (_, Some(reason)) => Err(ReleaseOutcome::NotRun(NotRun::Stopped(reason))),
            (Some(Err(EngineError::Busy { relation })), None) => {
                Err(ReleaseOutcome::NotRun(NotRun::ReadBusy { what: VERSION_TABLE_READ, attempts: schedule.len(), relation }))
            }
            (Some(Err(e)), None) => Err(ReleaseOutcome::Refused(ReleaseError::State(e))),
            (None, None) => Err(ReleaseOutcome::Refused(ReleaseError::State(EngineError::Query("no attempt was made".into())))),
        }
    }

    fn record_and_apply(&self, ctx: &mut Context<'_>, eng: &mut dyn Engine, guard: &Guard<'_>) -> ReleaseOutcome {
        let (record, pending) = match self.record(ctx, &*eng) {
            Ok(r) => r,
            Err(outcome) => return outcome,
        };
        let strategy = match self.choose(&pending) {
            Ok(s) => s,
            Err(outcome) => return outcome,
        };
        (ctx.out)(&report::mode_line(strategy.mode()));
        // Stopped before anything ran: nothing to undo.
        if let Some(reason) = self.stop.reason() {
            return ReleaseOutcome::NotRun(NotRun::Stopped(reason));
        }
        match strategy {
            Strategy::All { units, settings } => self.apply_all(ctx, eng, units, &settings, record, pending, guard),
            Strategy::File(mode) => self.apply_file_mode(ctx, eng, mode, record, pending, guard),
        }
    }

    /// `file` mode: the missing down files announced (or refused), the schema read, then the tool applies.
    fn apply_file_mode(
        &self,
        ctx: &mut Context<'_>,
        eng: &mut dyn Engine,
        mode: Mode,
        record: DbState,
        pending: Vec<String>,
        guard: &Guard<'_>,
    ) -> ReleaseOutcome {
        let set = &self.setup.set;
        let no_down: Vec<String> = pending.iter().filter(|v| set.find(v).is_some_and(|m| !m.has_down)).cloned().collect();
        if !no_down.is_empty() {
            if self.setup.config.require_down {
                return ReleaseOutcome::Refused(ReleaseError::MissingDown { versions: no_down });
            }
            (ctx.out)(&report::missing_down_warning(&no_down, set));
        }
        // The schema as found, under the lock, before anything is applied: read under the lock
        // timeouts of MIGRATIONS_LOCK_RETRIES and cancelled by a stop, so a busy table can neither
        // hold the release forever nor outlive SIGTERM. When it cannot be read, nothing is applied.
        let before = match self.schema_before_file(ctx, guard) {
            Ok(before) => before,
            Err(outcome) => return outcome,
        };
        self.apply_file(ctx, eng, mode, record, pending, guard, &before)
    }

    /// File mode's schema read before the tool applies anything, one attempt per lock timeout of
    /// MIGRATIONS_LOCK_RETRIES (a retry line each, as in `all` mode). `Err`: the outcome when a busy
    /// table or a stop kept it from being read (nothing ran, so nothing changed).
    #[allow(clippy::result_large_err)] // the outcome ends the release: returned once, never in a loop
    fn schema_before_file(&self, ctx: &mut Context<'_>, guard: &Guard<'_>) -> Result<Result<Fingerprint, String>, ReleaseOutcome> {
        let schedule = &self.setup.config.tx.lock_retries;
        let watcher = Watcher::for_pid(guard.lock.backend_pid(), &self.setup.url, &self.stop);
        let result = self
            .with_lock_retries(
                ctx,
                Some(&watcher),
                |_, lock_timeout| guard.read_schema(lock_timeout).map_err(Some),
                |r| matches!(r, Err(Some(e)) if e.code().map(|c| c.code()) == Some("55P03")).then(|| (Some(SCHEMA_READ.to_string()), None)),
            )
            .unwrap_or(Err(None));
        let waited = watcher.waited_for();
        let stopped = watcher.finish().or_else(|| self.stop.reason());
        match result {
            Ok(fingerprint) => Ok(fingerprint.map_err(|e| self.setup.url.mask(&e.to_string()))),
            Err(_) if stopped.is_some() => Err(ReleaseOutcome::NotRun(NotRun::Stopped(stopped.unwrap_or(StopReason::Signal)))),
            Err(Some(e)) if e.code().map(|c| c.code()) == Some("55P03") => {
                Err(ReleaseOutcome::NotRun(NotRun::ReadBusy { what: SCHEMA_READ, attempts: schedule.len(), relation: waited }))
            }
            Err(e) => Ok(Err(self.setup.url.mask(&e.map_or("no attempt was made".into(), |e| crate::db::describe_pg_error(&e))))),
        }
    }

    /// Run `attempt` with each lock timeout of `MIGRATIONS_LOCK_RETRIES` in turn, going on only while
    /// `busy` says the attempt gave up waiting for a lock (and where: the file, the relation when
    /// known, else the one the watcher saw). Between attempts: the retry line and a short pause that
    /// a stop ends, as does the loop. `None` only for an empty schedule.
    fn with_lock_retries<R>(
        &self,
        ctx: &mut Context<'_>,
        watcher: Option<&Watcher>,
        mut attempt: impl FnMut(&mut Context<'_>, Option<Duration>) -> R,
        busy: impl Fn(&R) -> Option<(Option<String>, Option<String>)>,
    ) -> Option<R> {
        let schedule = &self.setup.config.tx.lock_retries;
        let mut result = None;
        for (i, lock_timeout) in schedule.iter().enumerate() {
            let r = attempt(ctx, *lock_timeout);
            let wait = busy(&r);
            result = Some(r);
            let Some((file, relation)) = wait else { break };
            if i + 1 == schedule.len() || self.stop.reason().is_some() {
                break;
            }
            let relation = relation.or_else(|| watcher.and_then(Watcher::waited_for));
            (ctx.out)(&report::lock_retry(i + 1, schedule.len(), *lock_timeout, file.as_deref(), relation.as_deref(), schedule[i + 1]));
            let pause = Duration::from_millis(200 * (i as u64 + 1)).min(Duration::from_secs(2));
            let until = Instant::now() + pause;
            while Instant::now() < until && self.stop.reason().is_none() {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        result
    }

    /// The strategy for these pending migrations: MIGRATIONS_TX_MODE, and for `auto` whether every
    /// pending migration can run in one transaction.
    #[allow(clippy::result_large_err)] // the outcome ends the release: returned once, never in a loop
    fn choose(&self, pending: &[String]) -> Result<Strategy, ReleaseOutcome> {
        let setup = self.setup;
        if setup.config.tx.mode == TxMode::File {
            return Ok(Strategy::File(Mode::File { why: None }));
        }
        let (settings, url_blocker) = all::session_settings(&setup.url, setup.set.tool);
        let plan = all::plan(&setup.set, pending).map_err(|e| ReleaseOutcome::Refused(ReleaseError::Model(e)))?;
        match url_blocker.or(plan.blocker) {
            None => Ok(Strategy::All { units: plan.units, settings }),
            Some(blocker) if setup.config.tx.mode == TxMode::All => Err(ReleaseOutcome::Refused(ReleaseError::NotGroupable { blocker })),
            Some(blocker) => Ok(Strategy::File(Mode::File { why: Some(report::auto_fell_back(&blocker)) })),
        }
    }

    /// Apply every pending migration in one transaction on the locked session, retrying when a lock
    /// stays busy; any failure is a ROLLBACK (nothing changed, no down file needed). "Restored" after
    /// the rollback is proven as after an undo: version state, schema fingerprint, lock still held. The
    /// schema is read as the first statement of each attempt, so a busy table there is retried too.
    #[allow(clippy::too_many_arguments)]
    fn apply_all(
        &self,
        ctx: &mut Context<'_>,
        eng: &mut dyn Engine,
        units: Vec<all::Unit>,
        settings: &all::SessionSettings,
        record: DbState,
        pending: Vec<String>,
        guard: &Guard<'_>,
    ) -> ReleaseOutcome {
        let schedule = &self.setup.config.tx.lock_retries;
        // The schema as found, read inside the transaction before its first migration (the latest read
        // wins). `None`: no attempt got that far, so no migration statement ever ran.
        let mut before: Option<Result<Fingerprint, String>> = None;
        ctx.stop = self.stop.clone();
        let (mut session, watcher) = match self.apply_session(settings) {
            Ok(s) => s,
            Err(outcome) => return outcome,
        };
        let line = |r: &all::UnitRun| format!("migrations:   ran {} ({})", r.file, output::duration(r.elapsed));
        let attempt = |ctx: &mut Context<'_>, lock_timeout: Option<Duration>| {
            let mut schema_read = false;
            let mut read_schema = |tx: &mut postgres::Transaction<'_>| {
                let fingerprint = catalog::fingerprint_in(tx, &guard.leave_out)?;
                before = Some(fingerprint.map_err(|e| self.setup.url.mask(&e.to_string())));
                schema_read = true;
                Ok(())
            };
            let result =
                all::attempt(&mut session, ctx, &*eng, &units, settings, lock_timeout, all::Finish::Commit, &line, &mut read_schema);
            (result, schema_read)
        };
        let busy = |(result, schema_read): &(Result<Vec<all::UnitRun>, all::AttemptError>, bool)| {
            matches!(result, Err(e) if e.sqlstate() == Some("55P03")).then(|| {
                let (file, relation) = busy_detail(result, &units);
                // Before its first migration, the attempt was waiting in the schema read.
                (if *schema_read { file } else { Some(SCHEMA_READ.to_string()) }, relation)
            })
        };
        let result = self.with_lock_retries(ctx, Some(&watcher), attempt, busy).map_or(Err(all::AttemptError::Stopped), |(r, _)| r);
        let waited = watcher.waited_for();
        let stopped = watcher.finish().or_else(|| matches!(result, Err(all::AttemptError::Stopped)).then(|| self.stop.reason()).flatten());
        drop(session);
        // PostgreSQL refused a statement inside one transaction (a procedure that commits, an enum
        // value used in the transaction that added it, ...): nothing was committed, so `auto` applies
        // the release again the tool's way, one transaction per file.
        let refusal = match (&result, stopped) {
            (Err(all::AttemptError::Migration { unit, error, .. }), None) if all::refused_in_one_transaction(error) => {
                Some((units[*unit].file.clone(), self.setup.url.mask(&crate::db::describe_pg_error(error))))
            }
            _ => None,
        };
        if let Some((file, error)) = &refusal {
            if self.setup.config.tx.mode == TxMode::Auto {
                let why = report::auto_fell_back_after_refusal(file, error);
                (ctx.out)(&format!("migrations: {why}"));
                return self.apply_file_mode(ctx, eng, Mode::File { why: Some(why) }, record, pending, guard);
            }
        }
        // The transaction is over (committed, or rolled back). Reading the state, the schema and the
        // lock afterwards runs even after a stop, within the stop budget (counted from the signal or
        // the deadline), leaving time for the report.
        ctx.stop = self.stop.budget(Instant::now() + UNDO_LIMIT, VERIFY_RESERVE);
        match result {
            Ok(_) => self.verify_all(ctx, eng, record, pending, guard),
            Err(error) => {
                let mut failure = Failure::new(Mode::All, record, pending, self.setup.config.on_failure == OnFailure::Stop);
                failure.cause = match (stopped, &error) {
                    (Some(reason), _) => Cause::Stopped(reason),
                    (None, all::AttemptError::Migration { .. }) => Cause::Migration,
                    (None, all::AttemptError::Runner(e)) => Cause::Runner(self.setup.url.mask(&crate::db::describe_pg_error(e))),
                    (None, all::AttemptError::Read(e)) => Cause::Runner(e.to_string()),
                    (None, all::AttemptError::Stopped) => Cause::Stopped(StopReason::Signal),
                };
                if let all::AttemptError::Migration { unit, error, line } = &error {
                    let u = &units[*unit];
                    failure.failed = Some(u.version.clone());
                    failure.failed_file = u.path.clone();
                    failure.error_lines = report::pg_error_lines(error, *line, &self.setup.url);
                    if error.code().map(|c| c.code()) == Some("55P03") && stopped.is_none() {
                        let relation = named_relation(error).or(waited);
                        failure.error_lines.push(report::lock_retries_exhausted(schedule.len(), relation.as_deref()));
                    }
                    if refusal.is_some() {
                        failure.error_lines.push(report::all_mode_refused_by_postgres());
                    }
                } else if let (all::AttemptError::Runner(e), None, None) = (&error, stopped, &before) {
                    // The schema read before the first migration waited for a busy table through every attempt.
                    if e.code().map(|c| c.code()) == Some("55P03") {
                        failure.cause = Cause::Runner(format!(
                            "reading the schema before the first migration: {}",
                            self.setup.url.mask(&crate::db::describe_pg_error(e))
                        ));
                        failure.error_lines.push(report::lock_retries_exhausted(schedule.len(), waited.as_deref()));
                    }
                }
                // The rollback is proven like an undo: the version state, the schema as found, and the
                // lock ours throughout. Without the lock, the state is read on a connection of its own.
                let lock_lost = guard.lost();
                if lock_lost.is_some() {
                    ctx.db = None;
                }
                failure.final_state = eng.recorded(ctx).map_err(|e| e.to_string());
                match (lock_lost, &before) {
                    (Some(lost), _) => failure.evidence.push(Evidence { what: lost, holds: false }),
                    (None, Some(before)) => failure.evidence.extend(guard.schema_evidence(ctx, before)),
                    (None, None) => failure.evidence.push(Evidence {
                        what: "no migration statement ran: every attempt ended before its first migration".into(),
                        holds: true,
                    }),
                }
                failure.manual = eng.manual_commands(ctx, failure.final_state.as_ref().unwrap_or(&failure.record), &failure.record, false);
                guard.add_repair_sql(&mut failure, ctx.url.var());
                failure.conclude()
            }
        }
    }

    /// After the commit: read the state back through the tool itself; it must agree with what was written.
    /// The runner's lock must still be held after the commit: otherwise another release may have run meanwhile.
    fn verify_all(
        &self,
        ctx: &mut Context<'_>,
        eng: &mut dyn Engine,
        record: DbState,
        pending: Vec<String>,
        guard: &Guard<'_>,
    ) -> ReleaseOutcome {
        let set = &self.setup.set;
        let mut expected: Vec<String> = record.applied.iter().chain(pending.iter()).cloned().collect();
        expected.sort_by(|a, b| set.compare_versions(a, b));
        let lock_lost = guard.lost();
        if lock_lost.is_some() {
            // Its session may be gone: read the state on a connection of its own.
            ctx.db = None;
        }
        match eng.state(ctx) {
            Ok(now) if !now.dirty && now.applied == expected && lock_lost.is_none() => ReleaseOutcome::Applied(Box::new(Applied {
                mode: Mode::All,
                record,
                now,
                applied: pending,
                elapsed: self.started.elapsed(),
            })),
            other => {
                let mut failure = Failure::new(Mode::All, record, pending.clone(), false);
                let agrees = matches!(&other, Ok(now) if !now.dirty && now.applied == expected);
                if agrees {
                    failure.cause = Cause::Runner("the migrations were committed, but the runner's lock was lost meanwhile".into());
                } else {
                    let seen = match &other {
                        Ok(s) => s.describe(),
                        Err(e) => format!("an error ({e})"),
                    };
                    failure.cause = Cause::Runner(format!(
                        "the release committed, but {} reports {seen} instead of {} applied migrations",
                        set.tool,
                        expected.len()
                    ));
                    failure
                        .evidence
                        .push(Evidence { what: format!("{}'s own view agrees with the versions written", set.tool), holds: false });
                }
                if let Some(lost) = lock_lost {
                    failure.evidence.push(Evidence { what: lost, holds: false });
                }
                failure.applied = pending.into_iter().rev().collect();
                failure.final_state = other.map_err(|e| e.to_string());
                let state = failure.final_state.clone().unwrap_or_else(|_| failure.record.clone());
                failure.manual = eng.manual_commands(ctx, &state, &failure.record, false);
                failure.conclude()
            }
        }
    }

    /// Apply with the tool (one transaction per file); on failure undo with down files, then verify.
    #[allow(clippy::too_many_arguments)]
    fn apply_file(
        &self,
        ctx: &mut Context<'_>,
        eng: &mut dyn Engine,
        mode: Mode,
        record: DbState,
        pending: Vec<String>,
        guard: &Guard<'_>,
        before: &Result<Fingerprint, String>,
    ) -> ReleaseOutcome {
        let set = &self.setup.set;
        ctx.stop = self.stop.clone();
        let applied = match eng.apply(ctx) {
            Ok(o) => o,
            Err(e) => return ReleaseOutcome::Refused(ReleaseError::State(e)),
        };
        let mut evidence = Vec::new();
        if applied.stopped.is_some() {
            // At most a quarter of what is left of the stop budget (and 10 s).
            let wait =
                self.stop.budget_end().map_or(TERMINATE_WAIT, |end| TERMINATE_WAIT.min(end.saturating_duration_since(Instant::now()) / 4));
            let left = terminate_tool_sessions(ctx, wait);
            if left != crate::db::SessionsLeft::None {
                evidence.push(Evidence { what: report::tool_sessions_left(&left), holds: false });
            }
        }
        // After the tool committed (or stopped), and before any undo: is the lock still ours?
        let lock_lost = guard.lost();
        // The undo runs even after SIGTERM or the deadline, but within the stop budget (counted
        // from the signal or the deadline), leaving time to verify and report; a signal that
        // comes during the undo of a failed migration caps it the same way.
        ctx.stop = self.stop.budget(Instant::now() + UNDO_LIMIT, UNDO_RESERVE);

        let cause = match applied.stopped {
            Some(reason) => Cause::Stopped(reason),
            None => Cause::Migration,
        };
        let mut failure = Failure::new(mode, record.clone(), pending, self.setup.config.on_failure == OnFailure::Stop);
        failure.cause = cause;
        failure.failed = applied.failed_version.clone();
        failure.error_lines = applied.error_lines.clone();
        failure.manual = eng.manual_commands(ctx, &record, &record, false);
        failure.evidence = evidence;
        if let Some(lost) = &lock_lost {
            // Stop changing anything: read the state on a connection of its own and report it.
            ctx.db = None;
            failure.evidence.push(Evidence { what: lost.clone(), holds: false });
            if applied.success {
                failure.cause = Cause::Runner("the migrations were applied, but the runner's lock was lost meanwhile".into());
            }
        }
        let now = match eng.state(ctx) {
            Ok(s) => s,
            Err(e) => {
                failure.final_state = Err(e.to_string());
                return failure.conclude();
            }
        };
        if lock_lost.is_some() {
            failure.failed = failure.failed.take().or_else(|| if now.dirty { now.version.clone() } else { None });
            failure.failed_file = failure.failed.as_deref().and_then(|v| set.find(v)).and_then(|m| m.up.clone());
            failure.applied = engine::applied_since(&record, &now).into_iter().filter(|v| Some(v) != failure.failed.as_ref()).collect();
            failure.manual = eng.manual_commands(ctx, &now, &record, false);
            failure.final_state = Ok(now);
            return failure.conclude();
        }
        if applied.success {
            let applied = engine::applied_since(&record, &now).into_iter().rev().collect();
            return ReleaseOutcome::Applied(Box::new(Applied {
                mode: failure.mode,
                record,
                now,
                applied,
                elapsed: self.started.elapsed(),
            }));
        }

        // Failed (or stopped): which file, what the database said. The failed file is never "applied".
        failure.failed = failure.failed.take().or_else(|| if now.dirty { now.version.clone() } else { None });
        failure.failed_file = failure.failed.as_deref().and_then(|v| set.find(v)).and_then(|m| m.up.clone());
        failure.applied = engine::applied_since(&record, &now).into_iter().filter(|v| Some(v) != failure.failed.as_ref()).collect();
        failure.manual = eng.manual_commands(ctx, &now, &record, false);
        failure.final_state = Ok(now.clone());
        if applied.version_write_failed && now.dirty {
            // The failure (a stop's cancel, or any error) landed in golang-migrate's version write after the migration committed:
            // "dirty" names a migration that is applied. Forcing the version before it would
            // leave its changes in place unrecorded, so nothing is forced.
            let v = now.version.clone().unwrap_or_default();
            failure.failed = None;
            failure.failed_file = None;
            failure.applied.insert(0, v.clone());
            failure.evidence.push(Evidence {
                what: format!(
                    "golang-migrate failed while writing its version after migration {v} had committed: {v} is applied, though marked dirty"
                ),
                holds: false,
            });
            let mut manual = eng.manual_commands(ctx, &DbState { dirty: false, ..now.clone() }, &record, false);
            manual.insert(1, format!("# migration {v} committed: mark it applied (not the version before it), then go back"));
            // golang-migrate's `version` command line with `force <v>` in its place.
            if let Some(force) = manual.first().and_then(|c| c.strip_suffix(" version")).map(|base| format!("{base} force {v}")) {
                manual.insert(2, force);
            }
            failure.manual = manual;
            return failure.conclude();
        }
        if failure.on_failure_stop {
            failure.evidence.extend(guard.schema_evidence(ctx, before));
            guard.add_repair_sql(&mut failure, ctx.url.var());
            return failure.conclude();
        }

        // Tests only (debug builds): a panic where the undo would start.
        #[cfg(debug_assertions)]
        if std::env::var_os("MIGRATIONS_DEBUG_PANIC_BEFORE_UNDO").is_some() {
            panic!("MIGRATIONS_DEBUG_PANIC_BEFORE_UNDO is set");
        }
        // Undo, newest first, never below the record.
        let plan = eng.undo_plan(ctx, &record, &now);
        (ctx.out)(&report::undo_start(&plan));
        failure.cannot_undo = plan.cannot_undo.clone();
        for (i, step) in plan.steps.iter().enumerate() {
            if ctx.stop.reason().is_some() {
                let e = "not started: the stop budget (MIGRATIONS_STOP_GRACE) left no time for it".to_string();
                failure.steps.push(StepResult { step: step.clone(), result: Err(e) });
                break;
            }
            (ctx.out)(&format!("migrations: undo step {}: {}", i + 1, step.description));
            let result = eng.run_step(ctx, step).map_err(|e| e.to_string());
            let failed = result.is_err();
            if failed && ctx.stop.reason().is_some() {
                // The step was stopped: its statement must not go on behind the report.
                let left = terminate_tool_sessions(ctx, Duration::from_secs(1));
                if left != crate::db::SessionsLeft::None {
                    failure.evidence.push(Evidence { what: report::tool_sessions_left(&left), holds: false });
                }
            }
            failure.steps.push(StepResult { step: step.clone(), result });
            if failed {
                break;
            }
        }
        // Verify: the version state, the schema, and that the lock was ours throughout.
        ctx.stop = self.stop.budget(Instant::now() + UNDO_LIMIT, VERIFY_RESERVE);
        failure.final_state = eng.state(ctx).map_err(|e| e.to_string());
        failure.evidence.extend(guard.schema_evidence(ctx, before));
        if let Some(lost) = guard.lost() {
            failure.evidence.push(Evidence { what: lost, holds: false });
        }
        let undo_failed = failure.failed_step().is_some();
        let state_for_manual = failure.final_state.clone().unwrap_or(now);
        failure.manual = eng.manual_commands(ctx, &state_for_manual, &record, undo_failed);
        guard.add_repair_sql(&mut failure, ctx.url.var());
        failure.conclude()
    }
}

/// How the pending migrations will be applied.
enum Strategy {
    All { units: Vec<all::Unit>, settings: all::SessionSettings },
    File(Mode),
}

impl Strategy {
    fn mode(&self) -> &Mode {
        match self {
            Strategy::All { .. } => &Mode::All,
            Strategy::File(m) => m,
        }
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

/// Where a retry line says the wait was when no migration had started yet.
const SCHEMA_READ: &str = "the schema read before the first migration";
/// Where a retry line says the wait was when the release read the state it starts from.
const VERSION_TABLE_READ: &str = "the read of the migration state before the first migration";
/// Differences of the schema listed one by one in the report (the rest are counted).
const SCHEMA_LINES: usize = 20;
/// The longest an undo may take when nothing asked the release to stop.
const UNDO_LIMIT: Duration = Duration::from_secs(300);
/// What the undo leaves of the stop budget for the verification and the report.
const UNDO_RESERVE: Duration = Duration::from_secs(3);
/// What the verification leaves of the stop budget for the report.
const VERIFY_RESERVE: Duration = Duration::from_secs(1);
/// The longest the schema read after an undo or a rollback waits for a table another session holds.
const VERIFY_LOCK_WAIT: Duration = Duration::from_secs(5);
/// The longest wait for a stopped tool's sessions to end.
const TERMINATE_WAIT: Duration = Duration::from_secs(10);

/// The lock timeout of the runner's own session for the statements that follow (`None`: none).
fn set_lock_timeout(ctx: &Context<'_>, timeout: Option<Duration>) -> Result<(), EngineError> {
    let ms = timeout.map_or(0, |d| d.as_millis().clamp(1, i32::MAX as u128));
    ctx.with_db(|c| c.batch_execute(&format!("SET lock_timeout = {ms}")))
}

/// End the tool's sessions (found by this run's token) and wait up to `wait` for them to go.
fn terminate_tool_sessions(ctx: &Context<'_>, wait: Duration) -> crate::db::SessionsLeft {
    match ctx.db {
        Some(lock) => crate::db::terminate_sessions(&mut lock.session().borrow_mut(), &ctx.application_name, wait),
        None => crate::db::SessionsLeft::Unknown("the runner has no session of its own".into()),
    }
}

/// What proves a failed release left the database as it found it, beyond the
/// version table: the runner's lock held throughout, and the schema unchanged.
struct Guard<'l> {
    lock: &'l ReleaseLock,
    /// The tools' version tables: their contents are compared through the version state.
    leave_out: Vec<String>,
}

impl Guard<'_> {
    /// `Some(why)` when this session no longer holds the runner's lock (or cannot tell).
    fn lost(&self) -> Option<String> {
        match self.lock.still_held() {
            Ok(true) => None,
            Ok(false) => Some("the runner's lock was no longer held by its session (another release may have run meanwhile)".into()),
            Err(e) => Some(format!("the runner's lock could not be confirmed: its session failed ({e})")),
        }
    }

    /// The schema on the lock's session, in a read-only transaction whose statements wait at most
    /// `lock_timeout` for a lock (`None`: no limit). The catalog functions take ACCESS SHARE on the
    /// tables they describe, so a table another session holds exclusively makes this wait (55P03).
    fn read_schema(&self, lock_timeout: Option<Duration>) -> Result<Result<Fingerprint, catalog::CatalogError>, postgres::Error> {
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
    fn fingerprint(&self, ctx: &Context<'_>) -> Result<Fingerprint, String> {
        let watcher = Watcher::for_pid(self.lock.backend_pid(), ctx.url, &ctx.stop);
        let result = self.read_schema(Some(VERIFY_LOCK_WAIT));
        let waited = watcher.waited_for();
        let stopped = watcher.finish();
        match result {
            Ok(f) => f.map_err(|e| ctx.url.mask(&e.to_string())),
            Err(_) if stopped.is_some() => Err("the stop budget (MIGRATIONS_STOP_GRACE) ended while it was being read".into()),
            Err(e) if e.code().map(|c| c.code()) == Some("55P03") => Err(format!(
                "{} stayed locked by another session for {}",
                waited.unwrap_or_else(|| "a table".into()),
                output::duration(VERIFY_LOCK_WAIT)
            )),
            Err(e) => Err(ctx.url.mask(&crate::db::describe_pg_error(&e))),
        }
    }

    /// The schema now against the schema before applying: one failed piece of evidence per difference.
    fn schema_evidence(&self, ctx: &Context<'_>, before: &Result<Fingerprint, String>) -> Vec<Evidence> {
        let before = match before {
            Ok(f) => f,
            Err(e) => {
                return vec![Evidence {
                    what: format!("the schema could not be read before applying, so it cannot be compared: {e}"),
                    holds: false,
                }];
            }
        };
        let after = match self.fingerprint(ctx) {
            Ok(f) => f,
            Err(e) => return vec![Evidence { what: format!("the schema could not be read afterwards: {e}"), holds: false }],
        };
        let differences = catalog::diff(before, &after);
        if differences.is_empty() {
            return vec![Evidence { what: format!("the schema is as found ({} objects compared)", after.len()), holds: true }];
        }
        // One line per object, up to a screenful; the rest is counted.
        let mut evidence: Vec<Evidence> =
            differences.iter().take(SCHEMA_LINES).map(|d| Evidence { what: format!("schema: {d}"), holds: false }).collect();
        if differences.len() > SCHEMA_LINES {
            let more = differences.len() - SCHEMA_LINES;
            evidence
                .push(Evidence {
                    what: format!("schema: … and {more} more object(s) differ from when the release started"), holds: false
                });
        }
        evidence
    }

    /// SQL that repairs what the catalogs show without doubt (an index left INVALID).
    fn add_repair_sql(&self, failure: &mut Failure, url_var: &str) {
        let hints: Vec<String> = failure
            .evidence
            .iter()
            .filter(|e| !e.holds)
            .filter_map(|e| e.what.strip_prefix("schema: index ")?.strip_suffix(" (INVALID) exists now").map(str::to_string))
            .map(|name| {
                let quoted = match name.split_once('.') {
                    Some((schema, n)) => format!("{}.{}", crate::db::quote_ident(schema), crate::db::quote_ident(n)),
                    None => crate::db::quote_ident(&name),
                };
                format!("psql \"${url_var}\" -c 'DROP INDEX CONCURRENTLY IF EXISTS {quoted}'   # the failed CREATE INDEX CONCURRENTLY left it INVALID")
            })
            .collect();
        failure.manual.extend(hints);
    }
}

/// Whether a "nothing to do" outcome really had nothing pending (or the database was ahead).
fn nothing_pending(set: &MigrationSet, o: &ReleaseOutcome) -> bool {
    match o {
        ReleaseOutcome::NothingToDo { record, ahead } => ahead.is_some() || pending(set, record).is_empty(),
        _ => false,
    }
}

/// `migrations rehearse`; returns the exit code.
pub fn rehearse(setup: &Setup, out: &mut dyn FnMut(&str)) -> i32 {
    Release::new(setup).rehearse(out)
}

/// `status`: every migration with applied/pending, the version, dirty flag and problems.
pub fn status(setup: &Setup, out: &mut dyn FnMut(&str)) -> i32 {
    let stop = Stop::deadline_only(Instant::now() + setup.config.timeout);
    let mut sink = |_: &str| {};
    let mut eng = engine::for_tool(setup.set.tool);
    let mut ctx = setup.context(stop, &mut sink);
    match eng.state(&mut ctx) {
        Ok(state) => {
            let problems = match preflight(&setup.set, &state, &ctx, eng.as_ref()) {
                Ok(()) => Vec::new(),
                Err(e) => vec![report::release_error(&e, &setup.config)],
            };
            drop(ctx);
            out(&report::status(&setup.set, &state, &pending(&setup.set, &state), &problems, &setup.url));
            if problems.is_empty() { exit::OK } else { exit::REFUSED }
        }
        Err(e) => {
            drop(ctx);
            out(&report::release_error(&ReleaseError::State(e), &setup.config));
            exit::REFUSED
        }
    }
}
