//! The release plan. [`Release::execute`] reads top to bottom as the phases of a release:
//!
//! lock → record → choose → apply (one transaction, or the tool file by file) → undo (file mode,
//! when something failed) → verify → report.
//!
//! Each phase is a method in a module of its own (`lock`, `record`, `choose`, `apply`, `undo`,
//! `verify`; a rehearsal is the same plan with a transaction that is always rolled back,
//! `rehearse`). A phase returns `ControlFlow`: `Break` with the [`ReleaseOutcome`] when the release
//! ends there, `Continue` with what the next phase needs. The exit code and the report are derived
//! once, from the outcome (`outcome`, `report`).
//!
//! The lock comes before the record: a concurrent release could otherwise change the database
//! between our reading its state and our applying.

pub mod all;
mod apply;
mod choose;
mod lock;
pub mod outcome;
mod record;
mod rehearse;
pub mod report;
mod retry;
mod session;
mod undo;
mod verify;

use crate::config::{self, ReleaseConfig, TxMode};
use crate::db::{DbError, DbUrl, DbUrlError};
use crate::engine::watch::{Report, Watch, progress::Progress, running::Running};
use crate::engine::{self, Context, DbState, EngineError, Stop};
use crate::migrations::{MigrationSet, ModelError};
use crate::output::Lines;
use crate::tool_kind::ToolKind;
use choose::Strategy;
use outcome::{Mode, NotRun};
use session::Session;
use std::ops::ControlFlow::{self, Break, Continue};
use std::path::PathBuf;
use std::time::{Duration, Instant};

pub use outcome::ReleaseOutcome;
pub use record::pending;

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
    #[error("no migrations to run: {why}")]
    NoDir { why: String },
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

/// Where the runner finds its migrations and tool: `MIGRATIONS_DIR` and `MIGRATIONS_TOOL` as the
/// build wrote them into the image, or (outside an image) detection's own defaults and guess —
/// the one resolution the build used ([`crate::detect::locate`]).
pub fn locate(config: &ReleaseConfig, app_dir: &std::path::Path) -> Result<(PathBuf, ToolKind), ReleaseError> {
    match crate::detect::locate(app_dir, config.dir.as_deref(), config.tool, config::DIR) {
        Ok(crate::detect::Detection::Found(found)) => Ok((app_dir.join(found.dir), found.tool)),
        Ok(crate::detect::Detection::NotFound(why)) => Err(ReleaseError::NoDir { why }),
        Err(e) => Err(ReleaseError::NoDir { why: e.to_string() }),
    }
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
        let (dir, tool) = locate(&config, app_dir)?;
        let url = DbUrl::from_lookup(&config.database_url_var, &lookup)?;
        let set = MigrationSet::load(&dir, tool)?;
        Ok(Setup { config, url, dir, set })
    }

    /// A context without the runner's own session (the tool's state, `status`, after a panic).
    fn context<'a>(&'a self, tool: &crate::db::ToolSession, stop: Stop, out: &'a mut dyn FnMut(&str)) -> Context<'a> {
        Context {
            url: &self.url,
            tool_url: tool.expose_url().to_string(),
            application_name: tool.application_name.clone(),
            dir: self.dir.clone(),
            set: &self.set,
            stop,
            out,
            db: None,
            running: None,
        }
    }
}

/// Run the release; returns the exit code. Every line goes through `lines`, from the main thread
/// and from the thread that watches a running statement (its progress lines).
///
/// A panic (a bug in the runner) ends the release with a report and exit 2: the
/// lock guard is released while unwinding, and the state is read again on a
/// connection of its own (the shipped profile unwinds: `panic = "unwind"`).
pub fn run(setup: &Setup, lines: &Lines) -> i32 {
    let release = Release::new(setup, lines);
    let out = &mut |line: &str| lines.say(line);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| release.execute(&mut *out)));
    let outcome = match result {
        Ok(outcome) => outcome,
        Err(payload) => return release.after_panic(payload.as_ref(), out),
    };
    out(&report::outcome(&outcome, &setup.set, &setup.config));
    outcome.exit_code()
}

/// `migrations rehearse`; returns the exit code.
pub fn rehearse(setup: &Setup, lines: &Lines) -> i32 {
    lines.say(&report::rehearse_banner(&setup.set, &setup.url));
    let outcome = rehearsal(setup, lines);
    lines.say(&report::outcome(&outcome, &setup.set, &setup.config));
    outcome.rehearsal_exit_code()
}

/// A rehearsal's outcome (`migrations rehearse --format json` reports it as JSON).
pub fn rehearsal(setup: &Setup, lines: &Lines) -> ReleaseOutcome {
    Release::new(setup, lines).rehearse(&mut |line| lines.say(line))
}

/// `status`: every migration with applied/pending, the version, dirty flag and problems.
pub fn status(setup: &Setup, out: &mut dyn FnMut(&str)) -> i32 {
    let stop = Stop::deadline_only(Instant::now() + setup.config.timeout);
    let eng = engine::for_tool(setup.set.tool);
    let tool = crate::db::ToolSession::new(&setup.url);
    let mut sink = |_: &str| {};
    let mut ctx = setup.context(&tool, stop, &mut sink);
    let state = eng.state(&mut ctx);
    let problems = match &state {
        Ok(state) => record::preflight(&setup.set, state, &ctx, eng).err().map(|e| report::release_error(&e, &setup.config)),
        Err(_) => None,
    };
    drop(ctx);
    match state {
        Ok(state) => {
            let problems: Vec<String> = problems.into_iter().collect();
            out(&report::status(&setup.set, &state, &pending(&setup.set, &state), &problems, &setup.url));
            if problems.is_empty() { exit::OK } else { exit::REFUSED }
        }
        Err(e) => {
            out(&report::release_error(&ReleaseError::State(e), &setup.config));
            exit::REFUSED
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
    /// Where the watcher's progress lines go (the phases print through `out`, to the same place).
    lines: Lines,
}

/// The outcome a phase ended the release with, or the one the plan reached.
fn outcome_of(flow: ControlFlow<ReleaseOutcome, ReleaseOutcome>) -> ReleaseOutcome {
    match flow {
        Break(outcome) | Continue(outcome) => outcome,
    }
}

impl<'s> Release<'s> {
    pub fn new(setup: &'s Setup, lines: &Lines) -> Release<'s> {
        let started = Instant::now();
        let deadline = started + setup.config.timeout;
        let stop = Stop::install(deadline, setup.config.stop_grace);
        Release { setup, started, deadline, stop, recorded: Default::default(), lines: lines.clone() }
    }

    /// What the watcher of a running migration does besides a stop: the blocking guard
    /// (`MIGRATIONS_MAX_BLOCKING`) and progress lines (`MIGRATIONS_PROGRESS_INTERVAL`), about the
    /// file `running` names.
    fn watch(&self, running: &Running) -> Watch {
        let config = &self.setup.config;
        let (lines, url) = (self.lines.clone(), self.setup.url.clone());
        let progress = config.progress_interval.map(|interval| {
            let print: Report = Box::new(move |p: &Progress| lines.say(&url.mask(&report::progress(p))));
            (interval, print)
        });
        Watch { max_blocking: config.max_blocking, progress, running: Some(running.clone()) }
    }

    /// The whole release; the lock is released when this returns, whatever the outcome.
    pub fn execute(&self, out: &mut dyn FnMut(&str)) -> ReleaseOutcome {
        out(&report::release_banner(&self.setup.set, &self.setup.dir, &self.setup.url));
        let lock = match self.lock(out) {
            Continue(lock) => lock,
            Break(outcome) => return outcome,
        };
        let mut session = match Session::open(self, &lock, out) {
            Continue(session) => session,
            Break(outcome) => return outcome,
        };
        let outcome = outcome_of(self.plan(&mut session));
        session.forget_version_table_if_unused(&outcome, self.verify_stop());
        outcome
    }

    /// Under the lock: record → choose → apply → (undo) → verify.
    fn plan(&self, s: &mut Session<'_>) -> ControlFlow<ReleaseOutcome, ReleaseOutcome> {
        let found = self.record(s)?;
        let strategy = self.choose(&found)?;
        s.say(&report::mode_line(strategy.mode()));
        self.not_stopped()?;
        Continue(match strategy {
            Strategy::All(plan) => outcome_of(self.release_all(s, found, plan)),
            Strategy::File(mode) => outcome_of(self.release_file(s, found, mode)),
        })
    }

    /// One transaction: a commit is checked against the tool's own view, a rollback proven like an
    /// undo; when PostgreSQL refuses one transaction, `auto` applies the release file by file instead.
    fn release_all(&self, s: &mut Session<'_>, found: record::Found, plan: choose::AllPlan) -> ControlFlow<ReleaseOutcome, ReleaseOutcome> {
        Continue(match self.apply_all(s, &plan)? {
            apply::AllRun::Committed => self.verify_commit(s, found),
            apply::AllRun::Refused { file, error, .. } if self.setup.config.tx.mode == TxMode::Auto => {
                let why = report::auto_fell_back_after_refusal(&file, &error);
                s.say(&format!("migrations: {why}"));
                outcome_of(self.release_file(s, found, Mode::File { why: Some(why) }))
            }
            apply::AllRun::Refused { failure, .. } | apply::AllRun::Failed(failure) => self.verify_rollback(s, found, &plan, failure),
        })
    }

    /// File by file with the tool: the schema as found, the tool's `up`, and on failure the undo with
    /// the down files, then the verification.
    fn release_file(&self, s: &mut Session<'_>, found: record::Found, mode: Mode) -> ControlFlow<ReleaseOutcome, ReleaseOutcome> {
        self.check_down_files(s, &found)?;
        let before = self.schema_before_file(s)?;
        let failure = self.apply_file(s, &found, mode)?;
        let undo = self.undo(s, &found, &failure);
        Continue(self.verify_undo(s, found, failure, undo, &before))
    }

    /// A stop (signal or deadline) that came before anything ran ends the release with nothing changed.
    fn not_stopped(&self) -> ControlFlow<ReleaseOutcome> {
        match self.stop.reason() {
            Some(reason) => Break(ReleaseOutcome::NotRun(NotRun::Stopped(reason))),
            None => Continue(()),
        }
    }

    /// After a panic: the state read again on a connection of its own, reported with exit 2.
    fn after_panic(&self, payload: &(dyn std::any::Any + Send), out: &mut dyn FnMut(&str)) -> i32 {
        let setup = self.setup;
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".into());
        let eng = engine::for_tool(setup.set.tool);
        let tool = crate::db::ToolSession::new(&setup.url);
        let mut sink = |_: &str| {};
        let mut ctx = setup.context(&tool, Stop::deadline_only(Instant::now() + Duration::from_secs(10)), &mut sink);
        let state = eng.state(&mut ctx).map_err(|e| e.to_string());
        let record = self.recorded.borrow().clone();
        let manual = match (&state, &record) {
            (Ok(now), Some(record)) => eng.manual_commands(&ctx, now, record, false),
            _ => Vec::new(),
        };
        drop(ctx);
        out(&report::panicked(&setup.url.mask(&message), record.as_ref(), &state, &manual));
        exit::NOT_RESTORED
    }

    /// The stop for phases that change the database or wait on it before anything ran: a signal
    /// or the deadline ends them.
    fn stop(&self) -> Stop {
        self.stop.clone()
    }

    /// The stop for the runner's quick reads outside the phases (the session's settings, the version
    /// table's existence): only the deadline and the end of the stop budget cut them short.
    fn read_stop(&self) -> Stop {
        self.stop.budget(self.deadline, VERIFY_RESERVE)
    }

    /// The stop for the undo: it runs even after a signal or the deadline, within the stop budget,
    /// leaving time to verify and report.
    fn undo_stop(&self) -> Stop {
        self.stop.budget(Instant::now() + UNDO_LIMIT, UNDO_RESERVE)
    }

    /// The stop for reading what a phase left (state, schema, lock): within the stop budget,
    /// leaving time for the report.
    fn verify_stop(&self) -> Stop {
        self.stop.budget(Instant::now() + UNDO_LIMIT, VERIFY_RESERVE)
    }
}

/// The longest an undo may take when nothing asked the release to stop.
const UNDO_LIMIT: Duration = Duration::from_secs(300);
/// What the undo leaves of the stop budget for the verification and the report.
const UNDO_RESERVE: Duration = Duration::from_secs(3);
/// What the verification leaves of the stop budget for the report.
const VERIFY_RESERVE: Duration = Duration::from_secs(1);
/// The longest a read of the runner's own (the schema after an undo or a rollback, the state) waits
/// for a table another session holds.
const VERIFY_LOCK_WAIT: Duration = Duration::from_secs(5);

#[cfg(test)]
mod tests {
    use super::*;

    fn config(pairs: &[(&str, &str)]) -> Result<ReleaseConfig, config::ConfigError> {
        ReleaseConfig::from_lookup(|k| pairs.iter().find(|(key, _)| *key == k).map(|(_, v)| v.to_string()))
    }

    /// The runner outside an image (`migrations check`, `status`) resolves the directory exactly as the
    /// build did: a default directory without migration files is skipped, not taken.
    #[test]
    fn the_runner_finds_the_directory_the_build_found() {
        let app = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(app.path().join("db/migrations")).unwrap();
        std::fs::write(app.path().join("db/migrations/README.md"), "notes").unwrap();
        std::fs::create_dir_all(app.path().join("migrations")).unwrap();
        std::fs::write(app.path().join("migrations/1_init.up.sql"), "CREATE TABLE t (id int);").unwrap();
        let build = crate::config::BuildConfig::from_lookup(|_| None).unwrap();
        let crate::detect::Detection::Found(built) = crate::detect::detect(app.path(), &build).unwrap() else { panic!("not detected") };
        let (dir, tool) = locate(&config(&[]).unwrap(), app.path()).unwrap();
        assert_eq!((dir, tool), (app.path().join(&built.dir), built.tool));
        assert_eq!(built.dir, PathBuf::from("migrations"));
        // MIGRATIONS_DIR follows the same rules as BP_MIGRATIONS_DIR.
        let e = config(&[(config::DIR, "../elsewhere")]).unwrap_err().to_string();
        assert!(e.starts_with("MIGRATIONS_DIR=\"../elsewhere\""), "{e}");
        let Err(ReleaseError::NoDir { why }) = locate(&config(&[(config::DIR, "sql")]).unwrap(), app.path()) else { panic!("found") };
        assert!(why.starts_with("MIGRATIONS_DIR=sql does not exist in the app"), "{why}");
    }
}
