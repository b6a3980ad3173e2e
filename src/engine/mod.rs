//! One trait (state, apply, undo) and one adapter per tool. The adapters drive
//! the real tool executables (found on `PATH`, where the tool layer puts them);
//! they never re-implement migrations themselves.

pub mod dbmate;
pub mod golang_migrate;
pub mod process;

use crate::db::DbUrl;
use crate::migrations::MigrationSet;
use crate::tool::Tool;
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
    /// Exit code of the tool (None when killed by a signal).
    pub exit_code: Option<i32>,
    /// The migration the tool was running when it failed (when known).
    pub failed_version: Option<String>,
    /// The tool's error lines (masked, trimmed of the echoed file).
    pub error_lines: Vec<String>,
    /// Stopped by us (SIGTERM/SIGINT to the runner, or the deadline).
    pub stopped: Option<StopReason>,
}

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("cannot run `{program}`: {source}")]
    Spawn { program: String, source: std::io::Error },
    #[error("`{command}` failed (exit {code}): {message}")]
    Tool { command: String, code: String, message: String },
    #[error("cannot understand the output of `{command}`: {output}")]
    Unexpected { command: String, output: String },
    #[error("database query failed: {0}")]
    Query(String),
}

/// Everything an engine needs to drive its tool.
pub struct Context<'a> {
    pub url: &'a DbUrl,
    /// The URL handed to the tool: the user's, with `application_name` replaced by
    /// this run's token ([`crate::db::ToolSession`]), which finds and stops the tool's sessions.
    pub tool_url: String,
    pub application_name: String,
    pub dir: PathBuf,
    pub set: &'a MigrationSet,
    pub stop: &'a Stop,
    /// Where relayed tool lines go (already masked and prefixed).
    pub out: &'a mut dyn FnMut(&str),
    /// The runner's own session (the one holding the lock), when there is one.
    pub db: Option<&'a std::cell::RefCell<postgres::Client>>,
}

impl Context<'_> {
    /// Run queries on the runner's own session, or on a new connection when there is none.
    pub fn with_db<T>(&self, f: impl FnOnce(&mut postgres::Client) -> Result<T, postgres::Error>) -> Result<T, EngineError> {
        let result = match self.db {
            Some(cell) => f(&mut cell.borrow_mut()),
            None => {
                let mut client = self.url.connect().map_err(|e| EngineError::Query(e.to_string()))?;
                f(&mut client)
            }
        };
        result.map_err(|e| EngineError::Query(self.url.mask(&crate::db::describe_pg_error(&e))))
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
}

/// The plan to put the database back to the recorded state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoPlan {
    pub steps: Vec<UndoStep>,
    /// Versions that will be undone, newest first.
    pub undone: Vec<String>,
    /// Versions this run applied that cannot be undone (no down migration), newest first.
    pub cannot_undo: Vec<String>,
    /// The state expected once the steps ran.
    pub target: Option<String>,
}

pub trait Engine {
    fn tool(&self) -> Tool;
    /// Read the state (tool's view, plus what the tool hides).
    fn state(&mut self, ctx: &mut Context<'_>) -> Result<DbState, EngineError>;
    /// Apply every pending migration, streaming the tool's output.
    fn apply(&mut self, ctx: &mut Context<'_>) -> Result<ApplyOutcome, EngineError>;
    /// What it takes to go from `now` back to `record`, never below it.
    fn undo_plan(&self, ctx: &Context<'_>, record: &DbState, now: &DbState) -> UndoPlan;
    /// Run one step of the plan.
    fn run_step(&mut self, ctx: &mut Context<'_>, step_index: usize, plan: &UndoPlan) -> Result<(), EngineError>;
    /// The exact commands to inspect and repair a dirty or inconsistent database by hand.
    fn manual_commands(&self, ctx: &Context<'_>, state: &DbState, wanted: &DbState, during_undo: bool) -> Vec<String>;
}

pub fn for_tool(tool: Tool) -> Box<dyn Engine> {
    match tool {
        Tool::GolangMigrate => Box::new(golang_migrate::GolangMigrate),
        Tool::Dbmate => Box::new(dbmate::Dbmate),
    }
}

/// Run a tool command for `apply`: relayed, and on a stop request the tool is
/// interrupted and its running statement cancelled.
pub fn run_apply(ctx: &mut Context<'_>, mut cmd: std::process::Command, prefix: &str) -> std::io::Result<Output> {
    let (url, stop, app) = (ctx.url, ctx.stop, ctx.application_name.clone());
    process::run_with_cancel(&mut cmd, url, stop, prefix, true, &mut *ctx.out, &mut || crate::db::cancel_sessions(url, &app))
}

/// The versions a run applied: in `now.applied` but not in `record.applied`, newest first.
pub fn applied_since(record: &DbState, now: &DbState) -> Vec<String> {
    let before: std::collections::HashSet<&String> = record.applied.iter().collect();
    let mut v: Vec<String> = now.applied.iter().filter(|v| !before.contains(v)).cloned().collect();
    v.reverse();
    v
}
