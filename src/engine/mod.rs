//! One trait (state, apply, undo) and one adapter per tool. The adapters drive
//! the real tool executables (found on `PATH`, where the tool layer puts them);
//! they never re-implement migrations themselves.

pub mod dbmate;
pub mod golang_migrate;
pub mod process;
pub mod watch;

use crate::db::DbUrl;
use crate::migrations::MigrationSet;
use crate::tool_kind::ToolKind;
use std::path::PathBuf;

pub use process::{Output, Stop, StopReason};

/// The database's migration state as the tool sees it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DbState {
    /// The current version (`None`: no migration applied).
    pub version: Option<String>,
    /// golang-migrate's dirty flag (always false for dbmate).
    pub dirty: bool,
    /// Applied versions that have a file, in apply order.
    pub applied: Vec<String>,
    /// Versions recorded in the database that have no file in this release.
    pub orphans: Vec<String>,
}

impl DbState {
    pub fn describe(&self) -> String {
        match (&self.version, self.dirty) {
            (None, false) => "no migration applied".to_string(),
            (None, true) => "dirty, with no version (a failed down of the first migration)".to_string(),
            (Some(v), false) => format!("version {v}"),
            (Some(v), true) => format!("version {v}, DIRTY"),
        }
    }
}

/// The outcome of one `up` run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplyOutcome {
    pub success: bool,
    /// The migration the tool was running when it failed (when known).
    pub failed_version: Option<String>,
    /// The tool's error lines (masked, trimmed of the echoed file).
    pub error_lines: Vec<String>,
    /// Stopped by us (SIGTERM/SIGINT to the runner, or the deadline).
    pub stopped: Option<StopReason>,
    /// golang-migrate failed while writing its version table (`TRUNCATE`/`INSERT`),
    /// not in a migration: a dirty version then names a migration that committed.
    pub version_write_failed: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("cannot run `{program}`: {source}")]
    Spawn { program: String, source: std::io::Error },
    #[error("`{command}` failed (exit {code}): {message}")]
    ToolFailed { command: String, code: String, message: String },
    #[error("`{command}` was stopped by its deadline before it finished")]
    Stopped { command: String },
    #[error("database query failed: {0}")]
    Query(String),
    /// A lock stayed busy for the whole lock timeout of the runner's session.
    #[error("{} stayed locked by another session", relation.as_deref().unwrap_or("a table"))]
    Busy { relation: Option<String> },
}

/// Everything an engine needs to drive its tool.
pub struct Context<'a> {
    pub url: &'a DbUrl,
    /// The URL handed to the tool: the user's plus an `application_name` that
    /// lets the runner find and stop the tool's sessions.
    pub tool_url: String,
    pub application_name: String,
    pub dir: PathBuf,
    pub set: &'a MigrationSet,
    pub stop: Stop,
    /// Where relayed tool lines go (already masked and prefixed).
    pub out: &'a mut dyn FnMut(&str),
    /// The runner's own session (the one holding the lock), when there is one.
    pub db: Option<&'a crate::db::ReleaseLock>,
    /// Where the tool's `up` tells which file it runs (from its relayed lines), when someone watches.
    pub running: Option<watch::running::Running>,
}

impl Context<'_> {
    /// Run queries on the runner's own session, or on a new connection when there is none. The
    /// statement is cancelled when `stop` fires (a signal, the deadline, the end of the stop budget),
    /// and on the runner's session it waits for a lock at most as long as that session's
    /// `lock_timeout` says (see `release`): [`EngineError::Busy`] then names what it waited for.
    pub fn with_db<T>(&self, f: impl FnOnce(&mut postgres::Client) -> Result<T, postgres::Error>) -> Result<T, EngineError> {
        let (result, watcher) = match self.db {
            Some(lock) => {
                let watcher = watch::Watcher::for_pid(lock.backend_pid(), self.url, &self.stop);
                (f(&mut lock.session().borrow_mut()), watcher)
            }
            None => {
                let mut client = self.url.connect().map_err(|e| EngineError::Query(e.to_string()))?;
                let watcher = watch::Watcher::start(&mut client, self.url, &self.stop)
                    .map_err(|e| EngineError::Query(self.url.mask(&crate::db::describe_pg_error(&e))))?;
                (f(&mut client), watcher)
            }
        };
        let waited = watcher.waited_for();
        let stopped = watcher.finish().and_then(|c| c.stop());
        result.map_err(|e| match (stopped, e.code().map(|c| c.code())) {
            (Some(_), Some("57014")) => EngineError::Stopped { command: "a query of the runner's own".into() },
            (_, Some("55P03")) => EngineError::Busy { relation: waited },
            _ => EngineError::Query(self.url.mask(&crate::db::describe_pg_error(&e))),
        })
    }
}

/// One undo step the runner will take, for the report and for manual instructions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoStep {
    pub description: String,
    /// The exact command (masked URL) so a person can run it by hand.
    pub command: String,
    /// The tool's arguments for this step (after its connection and directory options).
    pub args: Vec<String>,
    /// The versions this step undoes when it succeeds, newest first (empty for a `force`).
    pub undoes: Vec<String>,
}

/// The plan to put the database back to the recorded state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoPlan {
    pub steps: Vec<UndoStep>,
    /// Versions that will be undone, newest first.
    pub undone: Vec<String>,
    /// Versions this run applied that cannot be undone (no down migration), newest first.
    pub cannot_undo: Vec<String>,
}

/// The tool's version table: where it lives and whether this release found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionTable {
    /// The schema (`None`: the session's `current_schema()`).
    pub schema: Option<String>,
    pub name: String,
}

impl VersionTable {
    /// The quoted, schema-qualified name for SQL (`"schema"."table"`, or `"table"` resolved by the search path).
    pub fn qualified(&self) -> String {
        match &self.schema {
            Some(s) => format!("{}.{}", quote_ident(s), quote_ident(&self.name)),
            None => quote_ident(&self.name),
        }
    }

    /// Whether the table exists (on the runner's session).
    pub fn exists(&self, client: &mut postgres::Client) -> Result<bool, postgres::Error> {
        let row = client.query_one("SELECT to_regclass($1) IS NOT NULL", &[&self.qualified()])?;
        Ok(row.get(0))
    }
}

/// Go's `strconv.ParseBool`.
pub fn go_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// The session's `current_schema()` (`None` when its search path names no existing schema).
pub fn current_schema(tx: &mut postgres::Transaction<'_>) -> Result<Option<String>, postgres::Error> {
    Ok(tx.query_one("SELECT current_schema()", &[])?.get(0))
}

/// `"ident"` with embedded quotes doubled.
pub fn quote_ident(s: &str) -> String {
    crate::db::quote_ident(s)
}

/// The tool's version table, as the runner reads it (the record) and as `all` mode writes it the
/// way the tool's own `up` would.
pub trait VersionModel {
    /// The tool's version table for this database URL.
    fn version_table(&self, ctx: &Context<'_>) -> VersionTable;
    /// The recorded state, read straight from the tool's version table on the
    /// runner's session (no tool process; a missing table is "no migration applied").
    fn recorded(&self, ctx: &Context<'_>) -> Result<DbState, EngineError>;
    /// `all` mode, at the start of the release's transaction: create the version table with the
    /// tool's own DDL when it is missing (the tools do it on connect, so migrations can see it).
    /// Returns the table as the writes below find it (`schema: None`: the tool looks it up in the
    /// session's current schema at each write). Must not use `ctx.with_db`.
    fn open_version_table(&self, ctx: &Context<'_>, tx: &mut postgres::Transaction<'_>) -> Result<VersionTable, postgres::Error>;
    /// `all` mode: the SQL the tool sends to its version table just before a migration's SQL (`None`: nothing).
    fn before_migration(&self, table: &VersionTable, version: &str) -> Option<String>;
    /// `all` mode: what the tool writes to its version table after a migration's SQL.
    fn after_migration(&self, tx: &mut postgres::Transaction<'_>, table: &VersionTable, version: &str) -> Result<(), postgres::Error>;
    /// Whether the tool writes a migration's version inside that migration's own transaction, after
    /// its SQL (dbmate), rather than in a transaction of its own once the migration committed
    /// (golang-migrate): it decides whether the migration's `SET LOCAL`s are still in force then.
    fn writes_version_in_migration_transaction(&self) -> bool;
}

/// A migration the tool committed although its `up` failed afterwards, and how to record it by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommittedDespiteFailure {
    pub version: String,
    /// Why the tool's record says otherwise, one sentence.
    pub why: String,
    /// The commands to mark it applied, then go back to the record.
    pub manual: Vec<String>,
}

/// Driving the tool's own command line: its view of the state, its `up`, the undo steps, and the
/// commands a person runs by hand.
pub trait ToolDriver {
    /// How the tool is started and how its output reads.
    fn cli(&self) -> &'static Cli;
    /// The state as the tool itself reports it (`migrate version`, `dbmate status`),
    /// plus what the tool hides.
    fn state(&self, ctx: &mut Context<'_>) -> Result<DbState, EngineError>;
    /// Apply every pending migration, streaming the tool's output.
    fn apply(&self, ctx: &mut Context<'_>) -> Result<ApplyOutcome, EngineError>;
    /// What it takes to go from `now` back to `record`, never below it.
    fn undo_plan(&self, ctx: &Context<'_>, record: &DbState, now: &DbState) -> UndoPlan;
    /// The exact commands to inspect and repair a dirty or inconsistent database by hand.
    fn manual_commands(&self, ctx: &Context<'_>, state: &DbState, wanted: &DbState, during_undo: bool) -> Vec<String>;
    /// What one line of the tool's `up` output (without the relay's prefix) says about which file
    /// runs: the progress lines name it.
    fn progressed(&self, line: &str) -> Option<watch::running::Progressed>;

    /// Run the tool with `args` to completion on the context's stop (relayed or captured).
    fn run(&self, ctx: &mut Context<'_>, args: &[String], relay: bool) -> Result<Output, EngineError> {
        let mut cmd = (self.cli().command)(ctx);
        cmd.args(args);
        run_tool(ctx, cmd, self.cli().prefix, relay)
    }
    /// Run one step of the plan; a step stopped by its deadline is a failed step.
    fn run_step(&self, ctx: &mut Context<'_>, step: &UndoStep) -> Result<(), EngineError> {
        let out = self.run(ctx, &step.args, true)?;
        checked(out, &step.command, self.cli().error_marker).map(|_| ())
    }
    /// The state read after an undo step failed, as the tool means it (default: as read).
    fn after_failed_undo(&self, _ctx: &Context<'_>, state: DbState) -> DbState {
        state
    }
    /// A failed `up` that left its last migration committed though the tool records it as failed
    /// (golang-migrate's version write after the migration's commit); `None` for every other failure.
    fn committed_despite_failure(
        &self,
        _ctx: &Context<'_>,
        _outcome: &ApplyOutcome,
        _now: &DbState,
        _record: &DbState,
    ) -> Option<CommittedDespiteFailure> {
        None
    }
}

/// How a tool is started and how its output reads.
pub struct Cli {
    /// The tool's command with its connection and directory options.
    pub command: fn(&Context<'_>) -> std::process::Command,
    /// The prefix of the tool's relayed lines.
    pub prefix: &'static str,
    /// How the tool's error lines start.
    pub error_marker: &'static str,
}

/// A migration tool: its command line and its version table.
pub trait Engine: ToolDriver + VersionModel {}

impl<T: ToolDriver + VersionModel> Engine for T {}

/// Drop the version table when this release found none and leaves it empty:
/// the tools create it even for read-only commands, and a restored database
/// must equal the one the release found.
pub fn drop_version_table_if_new_and_empty(ctx: &Context<'_>, table: &VersionTable, existed_before: bool) {
    if existed_before {
        return;
    }
    let _ = ctx.with_db(|client| {
        if !table.exists(client)? {
            return Ok(());
        }
        let mut tx = client.transaction()?;
        let empty: bool = tx.query_one(&format!("SELECT NOT EXISTS (SELECT 1 FROM {})", table.qualified()), &[])?.get(0);
        if empty {
            tx.batch_execute(&format!("DROP TABLE {}", table.qualified()))?;
            tx.commit()?;
        }
        Ok(())
    });
}

/// Run a tool command to completion on the engine's stop (relayed or captured); a stop interrupts
/// the tool and cancels the statement its sessions run (a state read waiting for a busy table too).
fn run_tool(ctx: &mut Context<'_>, mut cmd: std::process::Command, prefix: &str, relay: bool) -> Result<Output, EngineError> {
    let program = cmd.get_program().to_string_lossy().into_owned();
    let (url, stop, app) = (ctx.url, &ctx.stop, ctx.application_name.clone());
    process::run_with_cancel(&mut cmd, url, stop, prefix, relay, &mut *ctx.out, &mut || crate::db::cancel_sessions(url, &app))
        .map_err(|source| EngineError::Spawn { program, source })
}

/// The tool's last error line (lines starting with `marker`).
fn last_error(out: &Output, marker: &str) -> String {
    out.stderr_lines().filter(|l| l.starts_with(marker)).last().unwrap_or("no error message").to_string()
}

/// A finished tool command as a result: stopped by the deadline and a non-zero exit are failures.
fn checked(out: Output, command: &str, marker: &str) -> Result<Output, EngineError> {
    if out.stopped.is_some() {
        return Err(EngineError::Stopped { command: command.to_string() });
    }
    if !out.success() {
        return Err(EngineError::ToolFailed {
            command: command.to_string(),
            code: out.exit_code.map_or("signal".into(), |c| c.to_string()),
            message: last_error(&out, marker),
        });
    }
    Ok(out)
}

pub fn for_tool(tool: ToolKind) -> &'static dyn Engine {
    match tool {
        ToolKind::GolangMigrate => &golang_migrate::GolangMigrate,
        ToolKind::Dbmate => &dbmate::Dbmate,
    }
}

/// Run a tool command for `apply`: relayed (each line also tells the context which file runs, as
/// `driver` reads it), and on a stop request the tool is interrupted and its running statement cancelled.
pub fn run_apply(ctx: &mut Context<'_>, mut cmd: std::process::Command, driver: &dyn ToolDriver) -> std::io::Result<Output> {
    let (url, stop, app, running) = (ctx.url, &ctx.stop, ctx.application_name.clone(), ctx.running.clone());
    let prefix = driver.cli().prefix;
    let out = &mut *ctx.out;
    let mut relay = |line: &str| {
        if let Some(running) = &running {
            if let Some(progressed) = line.strip_prefix(prefix).and_then(|l| driver.progressed(l)) {
                running.note(progressed);
            }
        }
        out(line)
    };
    process::run_with_cancel(&mut cmd, url, stop, prefix, true, &mut relay, &mut || crate::db::cancel_sessions(url, &app))
}

/// The versions a run applied: in `now.applied` but not in `record.applied`, newest first.
pub fn applied_since(record: &DbState, now: &DbState) -> Vec<String> {
    let before: std::collections::HashSet<&String> = record.applied.iter().collect();
    let mut v: Vec<String> = now.applied.iter().filter(|v| !before.contains(v)).cloned().collect();
    v.reverse();
    v
}
