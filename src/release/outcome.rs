//! What a release ended with. [`ReleaseOutcome`] is the only value the exit
//! code and the report are derived from, and [`Failure::conclude`] is the one
//! place that decides whether a failed release left the database as it found it.

use super::ReleaseError;
use super::exit;
use crate::catalog::{Difference, Kind};
use crate::db::SessionsLeft;
use crate::engine::watch::blocking::Blocked;
use crate::engine::{DbState, StopReason, UndoStep};
use crate::tool_kind::ToolKind;
use std::path::PathBuf;
use std::time::Duration;

/// How the pending migrations were applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Every pending migration in one transaction on the runner's session.
    All,
    /// The tool applies them, one transaction per file; a failure is undone with down files.
    /// `why`: the reason `auto` chose it (None when it was asked for).
    File { why: Option<String> },
}

/// Why nothing ran although the release had work to do (the database is as found).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotRun {
    /// Another release held the runner's lock for the whole `MIGRATIONS_LOCK_TIMEOUT`.
    LockBusy(Duration),
    /// A signal or the deadline came before the first migration.
    Stopped(StopReason),
    /// A table stayed locked by another session through every attempt of MIGRATIONS_LOCK_RETRIES
    /// to read `what` before applying (the state, or in `file` mode the schema; `relation` when seen).
    ReadBusy { what: &'static str, attempts: usize, relation: Option<String> },
}

/// What made a release fail once migrations had started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    /// A migration (or the tool) failed.
    Migration,
    /// A signal or the deadline stopped the release while migrating.
    Stopped(StopReason),
    /// The runner could not drive the tool or the database (spawn, query, commit).
    Runner(String),
    /// The blocking guard cancelled the release: other sessions waited for its locks longer than
    /// `MIGRATIONS_MAX_BLOCKING`.
    Blocking(Blocked),
}

/// One undo step as it ran.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepResult {
    pub step: UndoStep,
    /// `Err` with the message when the step failed (a step stopped by its deadline failed).
    pub result: Result<(), String>,
}

/// A piece of evidence about the final state, beyond the version table. All must hold for
/// "restored"; the report words each one (`report::evidence`), and repair SQL is derived from the
/// typed differences, never from their text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Evidence {
    /// The schema fingerprint equals the one taken before applying.
    SchemaAsFound { objects: usize },
    /// One object differs from the schema as found.
    SchemaDiffers(Difference),
    /// More objects differ than the report lists one by one.
    MoreSchemaDiffers(usize),
    /// The schema before applying could not be read, so nothing can be compared.
    SchemaUnreadBefore(String),
    /// The schema afterwards could not be read.
    SchemaUnreadAfter(String),
    /// No migration statement ran: every attempt ended before its first migration.
    NothingRan,
    /// The runner's lock was not held by its session throughout (why).
    LockLost(LockLoss),
    /// The stopped tool's database sessions after they were ended.
    ToolSessionsLeft(SessionsLeft),
    /// The tool's own view disagrees with the versions written in `all` mode.
    ToolDisagrees(ToolKind),
    /// The tool records as failed a migration that committed (why).
    CommittedDespiteFailure(String),
}

/// How the runner's lock was lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockLoss {
    /// Its session answers, but no longer holds it.
    NotHeld,
    /// Its session cannot answer (the error).
    Unconfirmed(String),
}

impl Evidence {
    pub fn holds(&self) -> bool {
        matches!(self, Evidence::SchemaAsFound { .. } | Evidence::NothingRan)
    }

    /// The index a failed `CREATE INDEX CONCURRENTLY` left INVALID, when this is one.
    pub fn invalid_index(&self) -> Option<&str> {
        match self {
            Evidence::SchemaDiffers(Difference::Added { kind: Kind::Index, name, invalid: true }) => Some(name),
            _ => None,
        }
    }
}

/// The final state of a failure no phase has read yet.
pub const NOT_READ: &str = "the state was not read after the failure";

/// Everything known about a failed release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub mode: Mode,
    pub cause: Cause,
    /// The state this release found (after taking the lock).
    pub record: DbState,
    /// Pending at start, in apply order.
    pub pending: Vec<String>,
    /// Migrations this run left applied (committed) before the failure, newest first; never the failed one.
    pub applied: Vec<String>,
    pub failed: Option<String>,
    pub failed_file: Option<PathBuf>,
    /// The database's or the tool's error lines (masked).
    pub error_lines: Vec<String>,
    /// The undo steps that ran, in order (the last may have failed; none ran after a failed one).
    pub steps: Vec<StepResult>,
    /// Migrations this run applied that have no down migration, newest first.
    pub cannot_undo: Vec<String>,
    /// `MIGRATIONS_ON_FAILURE=stop`: no undo was attempted.
    pub on_failure_stop: bool,
    /// The state read last (after the undo, or after the rollback); `Err` when it could not be read.
    pub final_state: Result<DbState, String>,
    pub evidence: Vec<Evidence>,
    /// The commands to inspect and repair by hand (filled when the database is not as found).
    pub manual: Vec<String>,
}

impl Failure {
    /// A failure with nothing known yet beyond the record (the phases fill in the rest).
    pub fn new(mode: Mode, record: DbState, pending: Vec<String>, on_failure_stop: bool) -> Failure {
        Failure {
            mode,
            cause: Cause::Migration,
            // Never assumed: only a read of the database after the failure can make it "restored".
            final_state: Err(NOT_READ.into()),
            record,
            pending,
            applied: Vec::new(),
            failed: None,
            failed_file: None,
            error_lines: Vec::new(),
            steps: Vec::new(),
            cannot_undo: Vec::new(),
            on_failure_stop,
            evidence: Vec::new(),
            manual: Vec::new(),
        }
    }

    /// The versions the undo took back, newest first: when the state was read afterwards, those of
    /// this run's applied migrations it no longer shows (one step, such as golang-migrate's `goto`,
    /// may undo several before it fails); otherwise those of the steps that succeeded.
    pub fn undone(&self) -> Vec<String> {
        match &self.final_state {
            Ok(now) => self.applied.iter().filter(|v| !now.applied.contains(v)).cloned().collect(),
            Err(_) => self.steps.iter().filter(|s| s.result.is_ok()).flat_map(|s| s.step.undoes.iter().cloned()).collect(),
        }
    }

    /// The undo step that failed, with its number (1-based) and message.
    pub fn failed_step(&self) -> Option<(usize, &UndoStep, &str)> {
        self.steps.iter().enumerate().find_map(|(i, s)| s.result.as_ref().err().map(|e| (i + 1, &s.step, e.as_str())))
    }

    /// Whether the final state is the recorded one and every piece of evidence holds.
    fn back_at_record(&self) -> Option<bool> {
        let now = self.final_state.as_ref().ok()?;
        let r = &self.record;
        Some(now.version == r.version && !now.dirty && now.applied == r.applied && self.evidence.iter().all(Evidence::holds))
    }

    /// The one decision: restored, not restored, or unknown (the final state could not be read).
    pub fn conclude(self) -> ReleaseOutcome {
        match self.back_at_record() {
            None => ReleaseOutcome::Unknown(Box::new(self)),
            Some(true) => ReleaseOutcome::Restored(Box::new(self)),
            Some(false) => ReleaseOutcome::NotRestored(Box::new(self)),
        }
    }
}

/// A successful release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub mode: Mode,
    pub record: DbState,
    pub now: DbState,
    /// The migrations applied, in apply order.
    pub applied: Vec<String>,
    pub elapsed: Duration,
}

/// How a rehearsal ended (`migrations rehearse`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RehearsalEnd {
    /// Every pending migration ran; the release would succeed.
    WouldSucceed,
    /// A migration failed: the release would fail there.
    WouldFail { file: String, error_lines: Vec<String>, path: Option<std::path::PathBuf>, line: Option<usize> },
    /// What cannot run in one transaction (a file or a URL setting): rehearsed up to it.
    Cannot(super::all::Blocker),
    /// A signal or the deadline stopped it: no conclusion.
    Stopped(StopReason),
    /// The blocking guard stopped it: the release would block other sessions longer than
    /// `MIGRATIONS_MAX_BLOCKING` there, and be cancelled.
    Blocking(Blocked),
    /// The runner could not finish it (the masked error): no conclusion.
    Error(String),
}

/// A rehearsal: always rolled back, then checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rehearsal {
    /// The migrations that ran before it ended, each with its duration and the table locks it took.
    pub runs: Vec<super::all::UnitRun>,
    /// The mode a release would use for these migrations.
    pub mode: Mode,
    pub end: RehearsalEnd,
    /// After the rollback: whether the version table reads as found, and the schema compared with
    /// before (`None` when it was never read); `None` when nothing ran.
    pub checked: Option<(bool, Option<Vec<Evidence>>)>,
    pub elapsed: Duration,
}

/// How long a release would hold a table in a mode that makes the application wait.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    pub lock: super::all::HeldLock,
    pub held: Duration,
    /// The migration that took it.
    pub from_file: String,
}

impl Rehearsal {
    /// Each table lock that makes the application wait, and how long a release in its mode would
    /// hold it: in `all` mode from the start of the migration that took it to the commit (the rest of
    /// the release), in `file` mode for that migration's own transaction. Longest first.
    pub fn held(&self) -> Vec<Held> {
        let mut held: Vec<Held> = Vec::new();
        for (i, run) in self.runs.iter().enumerate() {
            let until_commit: Duration = self.runs[i..].iter().map(|r| r.elapsed).sum();
            let held_for = if self.mode == Mode::All { until_commit } else { run.elapsed };
            for lock in run.locks.iter().filter(|l| l.blocks().is_some()) {
                held.push(Held { lock: lock.clone(), held: held_for, from_file: run.file.clone() });
            }
        }
        held.sort_by(|a, b| b.held.cmp(&a.held).then_with(|| a.lock.cmp(&b.lock)));
        held
    }

    /// 0: the release would succeed; 1: it would fail (or block other sessions too long); 2: the database does not read as found
    /// afterwards; 3: it cannot be rehearsed (or was stopped).
    pub fn exit_code(&self) -> i32 {
        let unchanged = self
            .checked
            .as_ref()
            .is_none_or(|(table, schema)| *table && schema.as_ref().is_none_or(|evidence| evidence.iter().all(Evidence::holds)));
        match &self.end {
            _ if !unchanged => exit::NOT_RESTORED,
            RehearsalEnd::WouldSucceed => exit::OK,
            RehearsalEnd::WouldFail { .. } | RehearsalEnd::Blocking(_) => exit::FAILED_RESTORED,
            RehearsalEnd::Cannot(_) | RehearsalEnd::Stopped(_) | RehearsalEnd::Error(_) => exit::REFUSED,
        }
    }
}

/// How a release ended. The exit code and the report both come from this value.
#[derive(Debug)]
pub enum ReleaseOutcome {
    /// Refused before anything ran (settings, URL, connection, dirty or inconsistent database).
    Refused(ReleaseError),
    /// Nothing pending; `ahead` when the database has versions newer than every file (MIGRATIONS_AHEAD=warn).
    NothingToDo {
        record: DbState,
        ahead: Option<(Vec<String>, Option<String>)>,
    },
    /// Work was pending but nothing ran (lock busy, stopped first): the database is as found.
    NotRun(NotRun),
    Applied(Box<Applied>),
    /// Failed, and the database is back where the release found it.
    Restored(Box<Failure>),
    /// Failed, and the database is NOT where the release found it.
    NotRestored(Box<Failure>),
    /// Failed, and the final state could not be read.
    Unknown(Box<Failure>),
    /// A rehearsal ran (and was rolled back).
    Rehearsed(Box<Rehearsal>),
}

impl ReleaseOutcome {
    pub fn exit_code(&self) -> i32 {
        match self {
            ReleaseOutcome::Refused(_) => exit::REFUSED,
            ReleaseOutcome::NothingToDo { .. } | ReleaseOutcome::Applied(_) => exit::OK,
            ReleaseOutcome::NotRun(_) | ReleaseOutcome::Restored(_) => exit::FAILED_RESTORED,
            ReleaseOutcome::NotRestored(_) | ReleaseOutcome::Unknown(_) => exit::NOT_RESTORED,
            ReleaseOutcome::Rehearsed(r) => r.exit_code(),
        }
    }

    /// The exit code of `migrations rehearse`: nothing pending (or the database ahead) is a success.
    pub fn rehearsal_exit_code(&self) -> i32 {
        match self {
            ReleaseOutcome::NothingToDo { .. } => exit::OK,
            other => other.exit_code(),
        }
    }

    /// Whether the database is as the release found it (so a version table it created may go again).
    pub fn database_as_found(&self) -> bool {
        matches!(
            self,
            ReleaseOutcome::Refused(_) | ReleaseOutcome::NothingToDo { .. } | ReleaseOutcome::NotRun(_) | ReleaseOutcome::Restored(_)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(version: Option<&str>, applied: &[&str]) -> DbState {
        DbState {
            version: version.map(str::to_string),
            dirty: false,
            applied: applied.iter().map(|s| s.to_string()).collect(),
            orphans: vec![],
        }
    }

    fn step(undoes: &[&str], result: Result<(), String>) -> StepResult {
        let step =
            UndoStep { description: "d".into(), command: "c".into(), args: vec![], undoes: undoes.iter().map(|s| s.to_string()).collect() };
        StepResult { step, result }
    }

    fn failure() -> Failure {
        Failure::new(Mode::File { why: None }, state(Some("1"), &["1"]), vec!["2".into(), "3".into()], false)
    }

    #[test]
    fn an_unreadable_final_state_is_unknown_never_the_state_before_the_undo() {
        let mut f = failure();
        f.final_state = Err("connection closed".into());
        let o = f.conclude();
        assert!(matches!(o, ReleaseOutcome::Unknown(_)));
        assert_eq!(o.exit_code(), exit::NOT_RESTORED);
        assert!(!o.database_as_found());
    }

    #[test]
    fn a_failure_whose_state_was_never_read_is_unknown_not_restored() {
        let o = failure().conclude();
        assert!(matches!(&o, ReleaseOutcome::Unknown(f) if f.final_state == Err(NOT_READ.to_string())), "{o:?}");
        assert_eq!(o.exit_code(), exit::NOT_RESTORED);
    }

    #[test]
    fn restored_needs_the_record_and_every_piece_of_evidence() {
        let mut f = failure();
        f.final_state = Ok(state(Some("1"), &["1"]));
        assert_eq!(f.clone().conclude().exit_code(), exit::FAILED_RESTORED);
        f.evidence.push(Evidence::LockLost(LockLoss::NotHeld));
        assert!(matches!(f.clone().conclude(), ReleaseOutcome::NotRestored(_)));
        f.evidence.clear();
        f.final_state = Ok(state(Some("2"), &["1", "2"]));
        assert_eq!(f.conclude().exit_code(), exit::NOT_RESTORED);
    }

    #[test]
    fn a_step_that_undid_part_of_its_work_before_failing_counts_what_the_state_shows() {
        // `goto 1` ran the downs of 5 and 4, then failed on 3's: the state read afterwards is the truth.
        let mut f =
            Failure::new(Mode::File { why: None }, state(Some("1"), &["1"]), vec!["2".into(), "3".into(), "4".into(), "5".into()], false);
        f.applied = vec!["5".into(), "4".into(), "3".into(), "2".into()];
        f.steps = vec![step(&["5", "4", "3", "2"], Err("down of 3 failed".into()))];
        f.final_state = Ok(DbState { dirty: true, ..state(Some("3"), &["1", "2", "3"]) });
        assert_eq!(f.undone(), vec!["5".to_string(), "4".to_string()]);
    }

    #[test]
    fn undone_lists_only_the_steps_that_succeeded_and_names_the_failed_one() {
        let mut f = failure();
        f.steps = vec![step(&["3"], Ok(())), step(&["2"], Err("stopped by its deadline".into()))];
        assert_eq!(f.undone(), vec!["3".to_string()]);
        let (n, _, e) = f.failed_step().unwrap();
        assert_eq!((n, e), (2, "stopped by its deadline"));
    }
}
