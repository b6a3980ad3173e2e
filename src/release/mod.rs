//! The release plan: lock → record → apply → on failure undo back to the record
//! → verify → report.
//!
//! The lock comes before the record: a concurrent release could otherwise change
//! the database between our reading its state and our applying.

use crate::config::{self, AheadPolicy, OnFailure, ReleaseConfig};
use crate::db::{DbError, DbUrl, DbUrlError, ReleaseLock};
use crate::engine::{self, Context, DbState, EngineError, Stop, StopReason};
use crate::messages;
use crate::migrations::{self, MigrationSet, ModelError};
use crate::tool::Tool;
use std::path::PathBuf;
use std::time::{Duration, Instant};

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

    fn context<'a>(&'a self, stop: &'a Stop, out: &'a mut dyn FnMut(&str)) -> Context<'a> {
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
fn preflight(setup: &Setup, record: &DbState, ctx: &Context<'_>, eng: &dyn engine::Engine) -> Result<(), ReleaseError> {
    let set = &setup.set;
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
pub fn run(setup: &Setup, out: &mut dyn FnMut(&str)) -> i32 {
    let started = Instant::now();
    let deadline = started + setup.config.timeout;
    let stop = Stop::install(deadline);
    let set = &setup.set;
    out(&messages::release_banner(set, &setup.dir, &setup.url));

    // Lock.
    if let Some(pooler) = setup.url.transaction_pooler() {
        return refuse(out, ReleaseError::Connect { url: setup.url.masked(), error: DbError::TransactionPooler(pooler) }, &setup.config);
    }
    let client = match setup.url.connect() {
        Ok(c) => c,
        Err(error) => return refuse(out, ReleaseError::Connect { url: setup.url.masked(), error }, &setup.config),
    };
    let lock_timeout = setup.config.lock_timeout.min(setup.config.timeout);
    let mut waiting_said = false;
    let lock = match ReleaseLock::acquire(client, lock_timeout, || waiting_said = true, || stop.reason().is_some()) {
        Ok(l) => l,
        Err(DbError::LockTimeout(waited)) => {
            out(&messages::lock_timeout(waited));
            return exit::FAILED_RESTORED;
        }
        Err(DbError::LockAbandoned) => {
            out(&messages::stopped_before_apply(stop.reason().unwrap_or(StopReason::Signal)));
            return exit::FAILED_RESTORED;
        }
        Err(error) => return refuse(out, ReleaseError::Connect { url: setup.url.masked(), error }, &setup.config),
    };
    if waiting_said {
        out(&messages::lock_acquired_after_wait(started.elapsed()));
    }

    let table = version_table(setup);
    let table_existed = table_exists(&lock, &table);
    let mut relay = |l: &str| out(l);
    let mut eng = engine::for_tool(set.tool);
    // Reading state is quick and must not be cut short by a signal: only the deadline applies.
    let quick_stop = Stop::deadline_only(deadline);
    let mut ctx = setup.context(&quick_stop, &mut relay);
    ctx.db = Some(lock.session());

    // Record.
    let record = match eng.state(&mut ctx) {
        Ok(s) => s,
        Err(e) => {
            drop(ctx);
            lock.release();
            return refuse(out, ReleaseError::State(e), &setup.config);
        }
    };
    if let Err(e) = preflight(setup, &record, &ctx, eng.as_ref()) {
        drop(ctx);
        drop_new_empty_version_table(&lock, &table, table_existed);
        lock.release();
        if let ReleaseError::Ahead { versions, newest_file } = &e {
            if setup.config.ahead == AheadPolicy::Warn {
                out(&messages::ahead_warning(versions, newest_file.as_deref(), set.tool));
                return exit::OK;
            }
        }
        return refuse(out, e, &setup.config);
    }
    let pending = pending(set, &record);
    (ctx.out)(&messages::recorded(&record, &pending, set));
    if pending.is_empty() {
        drop(ctx);
        drop_new_empty_version_table(&lock, &table, table_existed);
        lock.release();
        out(&messages::nothing_to_do(&record, set));
        return exit::OK;
    }
    let no_down: Vec<String> = pending.iter().filter(|v| set.find(v).is_some_and(|m| !m.has_down)).cloned().collect();
    if !no_down.is_empty() {
        if setup.config.require_down {
            drop(ctx);
            drop_new_empty_version_table(&lock, &table, table_existed);
            lock.release();
            return refuse(out, ReleaseError::MissingDown { versions: no_down }, &setup.config);
        }
        (ctx.out)(&messages::missing_down_warning(&no_down, set));
    }

    // Stopped before anything ran: nothing to undo.
    if let Some(reason) = stop.reason() {
        drop(ctx);
        drop_new_empty_version_table(&lock, &table, table_existed);
        lock.release();
        out(&messages::stopped_before_apply(reason));
        return exit::FAILED_RESTORED;
    }

    // Apply.
    ctx.stop = &stop;
    let outcome = match eng.apply(&mut ctx) {
        Ok(o) => o,
        Err(e) => {
            drop(ctx);
            lock.release();
            return refuse(out, ReleaseError::State(e), &setup.config);
        }
    };
    if outcome.stopped.is_some() {
        let left = crate::db::terminate_sessions(&mut lock.session().borrow_mut(), &ctx.application_name, Duration::from_secs(10));
        if left != crate::db::SessionsLeft::None {
            (ctx.out)(&messages::tool_sessions_left(&left));
        }
    }
    // Undo runs even after SIGTERM or the deadline, with a budget of its own.
    let undo_budget = match outcome.stopped {
        Some(StopReason::Signal) => Duration::from_secs(25),
        _ => Duration::from_secs(300),
    };
    let undo_stop = Stop::deadline_only(Instant::now() + undo_budget);
    ctx.stop = &undo_stop;

    let now = match eng.state(&mut ctx) {
        Ok(s) => s,
        Err(e) => {
            let msg = messages::state_unknown(&e, &record, eng.manual_commands(&ctx, &record, &record, false));
            drop(ctx);
            lock.release();
            out(&msg);
            return exit::NOT_RESTORED;
        }
    };
    if outcome.success {
        drop(ctx);
        lock.release();
        out(&messages::success(&record, &now, &pending, started.elapsed()));
        return exit::OK;
    }

    // Failed (or stopped): which file, what the database said.
    let failed = outcome.failed_version.clone().or_else(|| if now.dirty { now.version.clone() } else { None });
    let applied_this_run = engine::applied_since(&record, &now);
    let mut report = messages::FailureReport {
        tool: set.tool,
        pending: pending.clone(),
        applied: applied_this_run.clone(),
        failed: failed.clone(),
        failed_file: failed.as_deref().and_then(|v| set.find(v)).and_then(|m| m.up.clone()),
        error_lines: outcome.error_lines.clone(),
        stopped: outcome.stopped,
        undone: Vec::new(),
        cannot_undo: Vec::new(),
        record: record.clone(),
        now: now.clone(),
        manual: Vec::new(),
        undo_error: None,
        on_failure_stop: setup.config.on_failure == OnFailure::Stop,
    };
    if setup.config.on_failure == OnFailure::Stop {
        report.manual = eng.manual_commands(&ctx, &now, &record, false);
        drop(ctx);
        lock.release();
        out(&messages::failure_report(&report));
        return if now.version == record.version && !now.dirty { exit::FAILED_RESTORED } else { exit::NOT_RESTORED };
    }

    // Undo, newest first, never below the record.
    let plan = eng.undo_plan(&ctx, &record, &now);
    (ctx.out)(&messages::undo_start(&plan));
    let mut undo_error = None;
    for i in 0..plan.steps.len() {
        (ctx.out)(&format!("migrations: undo step {}: {}", i + 1, plan.steps[i].description));
        if let Err(e) = eng.run_step(&mut ctx, i, &plan) {
            undo_error = Some(e);
            break;
        }
    }
    // Verify.
    let after = eng.state(&mut ctx);
    let restored = matches!(&after, Ok(s) if s.version == record.version && !s.dirty && s.applied == record.applied);
    report.undone = plan.undone.clone();
    report.cannot_undo = plan.cannot_undo.clone();
    report.undo_error = undo_error.map(|e| e.to_string());
    let code = match after {
        Ok(state) => {
            if !restored {
                report.manual = eng.manual_commands(&ctx, &state, &record, report.undo_error.is_some());
            }
            report.now = state;
            if restored { exit::FAILED_RESTORED } else { exit::NOT_RESTORED }
        }
        Err(e) => {
            report.undo_error = Some(format!("{}; then reading the state failed: {e}", report.undo_error.clone().unwrap_or_default()));
            report.manual = eng.manual_commands(&ctx, &now, &record, true);
            exit::NOT_RESTORED
        }
    };
    drop(ctx);
    if code == exit::FAILED_RESTORED {
        drop_new_empty_version_table(&lock, &table, table_existed);
    }
    lock.release();
    out(&messages::failure_report(&report));
    code
}

/// The tool's version table, quoted for SQL (golang-migrate honours `x-migrations-table`).
fn version_table(setup: &Setup) -> String {
    match setup.set.tool {
        Tool::GolangMigrate => setup.url.migrations_table_sql(),
        Tool::Dbmate => crate::db::quote_ident("schema_migrations"),
    }
}

fn table_exists(lock: &ReleaseLock, table: &str) -> Option<bool> {
    lock.session().borrow_mut().query_one("SELECT to_regclass($1) IS NOT NULL", &[&table]).ok().map(|r| r.get::<_, bool>(0))
}

/// The tools create their version table even for read-only commands. When this
/// release found no such table and leaves it empty, drop it again, so the
/// database is exactly as it was found.
fn drop_new_empty_version_table(lock: &ReleaseLock, table: &str, existed_before: Option<bool>) {
    if existed_before != Some(false) || table_exists(lock, table) != Some(true) {
        return;
    }
    let mut client = lock.session().borrow_mut();
    if let Ok(mut tx) = client.transaction() {
        let empty = tx.query_one(&format!("SELECT NOT EXISTS (SELECT 1 FROM {table})"), &[]).map(|r| r.get::<_, bool>(0)).unwrap_or(false);
        if empty && tx.batch_execute(&format!("DROP TABLE {table}")).is_ok() {
            let _ = tx.commit();
        }
    }
}

fn refuse(out: &mut dyn FnMut(&str), e: ReleaseError, config: &ReleaseConfig) -> i32 {
    out(&messages::release_error(&e, config));
    exit::REFUSED
}

/// `status`: every migration with applied/pending, the version, dirty flag and problems.
pub fn status(setup: &Setup, out: &mut dyn FnMut(&str)) -> i32 {
    let stop = Stop::deadline_only(Instant::now() + setup.config.timeout);
    let mut sink = |_: &str| {};
    let mut eng = engine::for_tool(setup.set.tool);
    let mut ctx = setup.context(&stop, &mut sink);
    match eng.state(&mut ctx) {
        Ok(state) => {
            let problems = match preflight(setup, &state, &ctx, eng.as_ref()) {
                Ok(()) => Vec::new(),
                Err(e) => vec![messages::release_error(&e, &setup.config)],
            };
            drop(ctx);
            out(&messages::status(&setup.set, &state, &pending(&setup.set, &state), &problems, &setup.url));
            if problems.is_empty() { exit::OK } else { exit::REFUSED }
        }
        Err(e) => {
            drop(ctx);
            out(&messages::release_error(&ReleaseError::State(e), &setup.config));
            exit::REFUSED
        }
    }
}
