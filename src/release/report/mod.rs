//! The release runner's wording, in one place: the plan as it runs (this file), the errors that
//! stop a release before it starts (`refused`), the report of a failed release (`failure`) and of
//! a rehearsal (`rehearsal`). Every line is derived from the [`ReleaseOutcome`]; database URLs are
//! always shown masked.

mod failure;
mod refused;
mod rehearsal;
mod watch;

pub use failure::{evidence, failure_report, panicked, repair_commands, state_unknown, success, tool_sessions_left};
pub use refused::release_error;
pub use rehearsal::{
    cannot_rehearse, rehearsal_json, rehearse_banner, rehearse_checked, rehearse_error, rehearse_failed, rehearse_ok, rehearse_ran,
    rehearse_stopped,
};
pub use watch::{blocked_cause, blocked_next_step, progress, rehearse_blocked};

use crate::config::ReleaseConfig;
use crate::db::{DbUrl, DbUrlError};
use crate::engine::{DbState, StopReason, UndoPlan};
use crate::messages::{config_error, model_error};
use crate::migrations::MigrationSet;
use crate::output;
use crate::release::outcome::{Applied, Cause, Failure, Mode, NotRun, ReleaseOutcome};
use crate::tool_kind::ToolKind;
use indoc::formatdoc;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

/// The final report of a release (the last thing it prints).
pub fn outcome(o: &ReleaseOutcome, set: &MigrationSet, config: &ReleaseConfig) -> String {
    match o {
        ReleaseOutcome::Refused(e) => release_error(e, config),
        ReleaseOutcome::NothingToDo { record, ahead: None } => nothing_to_do(record, set),
        ReleaseOutcome::NothingToDo { ahead: Some((versions, newest)), .. } => ahead_warning(versions, newest.as_deref(), set.tool),
        ReleaseOutcome::NotRun(NotRun::LockBusy(waited)) => lock_timeout(*waited),
        ReleaseOutcome::NotRun(NotRun::Stopped(reason)) => stopped_before_apply(*reason),
        ReleaseOutcome::NotRun(NotRun::ReadBusy { what, attempts, relation }) => read_busy(what, *attempts, relation.as_deref()),
        ReleaseOutcome::Applied(a) => success(a),
        ReleaseOutcome::Restored(f) => failure_report(f, true),
        ReleaseOutcome::NotRestored(f) => failure_report(f, false),
        ReleaseOutcome::Unknown(f) => state_unknown(f),
        ReleaseOutcome::Rehearsed(r) => rehearsal::rehearsal(r),
    }
}

/// One line naming the mode (and, for `file` chosen by `auto`, why).
pub fn mode_line(mode: &Mode) -> String {
    match mode {
        Mode::All => "migrations: mode: all — every pending migration in one transaction; a failure rolls everything back".into(),
        Mode::File { why: None } => {
            "migrations: mode: file — the tool applies each file in its own transaction (MIGRATIONS_TX_MODE=file)".into()
        }
        Mode::File { why: Some(why) } => format!("migrations: mode: file — {why}"),
    }
}

fn mode_name(mode: &Mode) -> &'static str {
    match mode {
        Mode::All => "all",
        Mode::File { .. } => "file",
    }
}

pub fn release_banner(set: &MigrationSet, dir: &Path, url: &DbUrl) -> String {
    format!(
        "migrations: release with {} — {} migration file(s) in {} — database {} (from ${})",
        set.tool,
        set.migrations.len(),
        dir.display(),
        url.masked(),
        url.var()
    )
}

fn list(versions: &[String]) -> String {
    if versions.is_empty() {
        return "none".into();
    }
    if versions.len() > 12 {
        return format!("{} … {} ({} in all)", versions[..5].join(", "), versions[versions.len() - 5..].join(", "), versions.len());
    }
    versions.join(", ")
}

pub fn recorded(record: &DbState, pending: &[String], set: &MigrationSet) -> String {
    format!(
        "migrations: recorded state: {} — {} of {} applied — pending: {}",
        record.describe(),
        set.migrations.len() - pending.len(),
        set.migrations.len(),
        list(pending)
    )
}

pub fn nothing_to_do(record: &DbState, set: &MigrationSet) -> String {
    format!(
        "migrations: nothing to do: the database is at {} and all {} migration(s) are applied.",
        record.describe(),
        set.migrations.len()
    )
}

pub fn missing_down_warning(versions: &[String], set: &MigrationSet) -> String {
    let files: Vec<String> = versions.iter().filter_map(|v| set.find(v)).map(|m| m.file_name()).collect();
    format!(
        "migrations: WARNING: these pending migrations have no down migration, so they cannot be undone automatically if a later one fails: {}.\n\
         migrations: Add down files, or set MIGRATIONS_REQUIRE_DOWN=true to refuse such releases.",
        files.join(", ")
    )
}

pub fn lock_timeout(waited: Duration) -> String {
    formatdoc! {"
        migrations: FAILED: another release is running migrations on this database.
        migrations: Waited {} for its lock (MIGRATIONS_LOCK_TIMEOUT); nothing was changed.
        migrations: Next step: let the other release finish, then release again (for example `heroku releases:retry`), or raise MIGRATIONS_LOCK_TIMEOUT.",
        output::duration(waited)
    }
}

pub fn lock_acquired_after_wait(waited: Duration) -> String {
    format!("migrations: another release held the lock; acquired it after {}", output::duration(waited))
}

pub fn ahead_warning(versions: &[String], newest: Option<&str>, tool: ToolKind) -> String {
    formatdoc! {"
        migrations: WARNING: the database is ahead of this code: it has version(s) {} that no file in this release knows (newest file: {}).
        migrations: This happens after a rollback of the code: the platform never rolls the database back.
        migrations: Nothing was run, and the release continues (set MIGRATIONS_AHEAD=fail to stop it instead).
        migrations: If the newer schema must go, deploy the release that has those migrations and undo them with {} there.",
        list(versions),
        newest.unwrap_or("none"),
        match tool { ToolKind::GolangMigrate => "`migrate goto <version>`", ToolKind::Dbmate => "`dbmate rollback`" }
    }
}

pub fn stopped_before_apply(reason: StopReason) -> String {
    format!(
        "migrations: FAILED: {} before any migration ran; nothing was changed. Release again when ready.",
        match reason {
            StopReason::Signal => "the release was stopped by a signal (SIGTERM/SIGINT)",
            StopReason::Deadline => "the release reached MIGRATIONS_TIMEOUT",
        }
    )
}

/// `file` mode could not read the schema before applying: a table stayed locked by another session.
pub fn read_busy(what: &str, attempts: usize, relation: Option<&str>) -> String {
    format!(
        "migrations: FAILED: {what} waited for a busy table through every attempt; nothing was changed. {}",
        lock_retries_exhausted(attempts, relation)
    )
}

pub fn undo_start(plan: &UndoPlan) -> String {
    let mut s = format!("migrations: undoing what this release applied, newest first: {}", list(&plan.undone));
    if !plan.cannot_undo.is_empty() {
        let _ = write!(s, "\nmigrations: cannot undo (no down migration): {}", list(&plan.cannot_undo));
    }
    s
}

pub fn status(set: &MigrationSet, state: &DbState, pending: &[String], problems: &[String], url: &DbUrl) -> String {
    let mut s = format!(
        "Database: {} ({})\nTool: {}, {} migration file(s) in {}\n\n",
        url.masked(),
        state.describe(),
        set.tool,
        set.migrations.len(),
        set.dir.display()
    );
    let pending_set: std::collections::HashSet<&String> = pending.iter().collect();
    for m in &set.migrations {
        let mark = if pending_set.contains(&m.version) { "pending" } else { "applied" };
        let down = if m.has_down { "" } else { "  (no down migration)" };
        let _ = writeln!(s, "  {mark:<8} {:<20} {}{down}", m.version, m.file_name());
    }
    for o in &state.orphans {
        let _ = writeln!(s, "  applied  {o:<20} (no file in this release)");
    }
    let _ = write!(s, "\nApplied: {}  Pending: {}", set.migrations.len() - pending.len(), pending.len());
    for p in problems {
        let _ = write!(s, "\n\nProblem: {p}");
    }
    s
}

/// The line `auto` prints when it falls back to `file`.
pub fn auto_fell_back(blocker: &crate::release::all::Blocker) -> String {
    format!(
        "auto chose file mode because {blocker} (the tool applies each file in its own transaction; a failure is undone with down files)"
    )
}

/// Why `auto` applies the release in file mode after PostgreSQL refused a statement of `file`
/// inside the release's one transaction (that transaction was rolled back).
pub fn auto_fell_back_after_refusal(file: &str, error: &str) -> String {
    format!(
        "auto falls back to file mode: PostgreSQL refused {file} inside the release's one transaction ({error}); \
         it was rolled back, nothing was changed, and the tool now applies each file in its own transaction"
    )
}

/// The line under an explicit `all` release's error when PostgreSQL refused a statement in one transaction.
pub fn all_mode_refused_by_postgres() -> String {
    "PostgreSQL cannot run this migration inside one transaction with the others; with MIGRATIONS_TX_MODE=auto \
     (the default) the release would have fallen back to file mode (one transaction per file) and applied it."
        .into()
}

/// One line per retry of an `all` release whose lock stayed busy.
pub fn lock_retry(
    attempt: usize,
    attempts: usize,
    lock_timeout: Option<Duration>,
    file: Option<&str>,
    relation: Option<&str>,
    next: Option<Duration>,
) -> String {
    let waited = lock_timeout.map_or("without a lock timeout".to_string(), |d| format!("for {}", output::duration(d)));
    let what = match (relation, file) {
        (Some(r), Some(f)) => format!("{r} (in {f})"),
        (Some(r), None) => r.to_string(),
        (None, Some(f)) => format!("a table {f} needs"),
        (None, None) => "a table".to_string(),
    };
    let next = next.map_or("with no lock timeout".to_string(), |d| format!("with lock_timeout {}", output::duration(d)));
    format!(
        "migrations: attempt {attempt} of {attempts}: {what} stayed locked by another session {waited}; rolled back, nothing changed; retrying {next} (MIGRATIONS_LOCK_RETRIES)"
    )
}

/// The last error line when every attempt found the lock busy.
pub fn lock_retries_exhausted(attempts: usize, relation: Option<&str>) -> String {
    let what = relation.map_or("a lock".to_string(), |r| format!("the lock on {r}"));
    format!(
        "{what} stayed busy through all {attempts} attempt(s) of MIGRATIONS_LOCK_RETRIES; end the blocking session or release when the table is quiet, or add `none` at the end of MIGRATIONS_LOCK_RETRIES to wait for it"
    )
}

/// The database's error for a migration run by the runner, with the file line when PostgreSQL gives a position.
pub fn pg_error_lines(e: &postgres::Error, line: Option<usize>, url: &DbUrl) -> Vec<String> {
    let Some(db) = e.as_db_error() else {
        return vec![url.mask(&crate::db::describe_pg_error(e))];
    };
    let at = line.map(|l| format!(" in line {l}")).unwrap_or_default();
    let mut lines = vec![url.mask(&format!("ERROR: {} (SQLSTATE {}){at}", db.message(), db.code().code()))];
    if let Some(d) = db.detail() {
        lines.push(url.mask(&format!("DETAIL: {d}")));
    }
    if let Some(h) = db.hint() {
        lines.push(url.mask(&format!("HINT: {h}")));
    }
    lines
}

/// The longest part of a migration file's line a report quotes, in characters.
const QUOTED_LINE: usize = 200;

/// Line `n` (from 1) of a migration file, trimmed, cut after [`QUOTED_LINE`] characters: read as a
/// stream, so that a seed file of tens of MB (perhaps on one line) is neither held nor printed.
pub(super) fn file_line(path: &Path, n: usize) -> Option<String> {
    use std::io::BufRead;
    if n == 0 {
        return None;
    }
    let mut reader = std::io::BufReader::new(std::fs::File::open(path).ok()?);
    let mut line = 1;
    let mut kept: Vec<u8> = Vec::new();
    let (mut found, mut cut) = (false, false);
    loop {
        let buf = reader.fill_buf().ok()?;
        if buf.is_empty() {
            break;
        }
        let end = buf.iter().position(|&b| b == b'\n');
        let take = end.map_or(buf.len(), |i| i + 1);
        if line == n {
            found = true;
            // Room for the leading spaces `trim` removes, and for multi-byte characters.
            let room = (8 * QUOTED_LINE).saturating_sub(kept.len());
            let part = &buf[..end.unwrap_or(buf.len())];
            kept.extend_from_slice(&part[..part.len().min(room)]);
            cut |= part.len() > room;
        }
        reader.consume(take);
        if end.is_some() {
            if line == n {
                break;
            }
            line += 1;
        }
    }
    if !found {
        return None;
    }
    let text = String::from_utf8_lossy(&kept);
    let text = text.trim();
    let shown: String = text.chars().take(QUOTED_LINE).collect();
    if cut || shown.len() < text.len() { Some(format!("{} […]", shown.trim_end())) } else { Some(shown) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quoted_file_line_is_read_as_a_stream_and_cut() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("1_seed.up.sql");
        let long = format!("  INSERT INTO t VALUES {};", vec!["(1, 'é')"; 100_000].join(", "));
        std::fs::write(&p, format!("CREATE TABLE t (id int);\r\n\n{long}\nSELECT 1;\n")).unwrap();
        assert_eq!(file_line(&p, 1).as_deref(), Some("CREATE TABLE t (id int);"));
        assert_eq!(file_line(&p, 2).as_deref(), Some(""));
        let quoted = file_line(&p, 3).unwrap();
        assert!(quoted.starts_with("INSERT INTO t VALUES (1, 'é'), ") && quoted.ends_with(" […]"), "{quoted}");
        assert_eq!(quoted.chars().count(), QUOTED_LINE + " […]".chars().count());
        assert_eq!(file_line(&p, 4).as_deref(), Some("SELECT 1;"));
        for n in [0, 5, 99] {
            assert_eq!(file_line(&p, n), None, "line {n}");
        }
        assert_eq!(file_line(&d.path().join("missing.sql"), 1), None);
    }
}
