//! The release runner's wording: the plan as it runs, the final report and the
//! errors that stop a release before it starts. Every line is derived from the
//! [`ReleaseOutcome`]; database URLs are always shown masked.

use super::ReleaseError;
use super::outcome::{Applied, Cause, Failure, Mode, NotRun, ReleaseOutcome};
use crate::config::ReleaseConfig;
use crate::db::{DbUrl, DbUrlError};
use crate::engine::{DbState, StopReason, UndoPlan};
use crate::messages::{config_error, model_error};
use crate::migrations::MigrationSet;
use crate::output;
use crate::tool::Tool;
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

pub fn ahead_warning(versions: &[String], newest: Option<&str>, tool: Tool) -> String {
    formatdoc! {"
        migrations: WARNING: the database is ahead of this code: it has version(s) {} that no file in this release knows (newest file: {}).
        migrations: This happens after a rollback of the code: the platform never rolls the database back.
        migrations: Nothing was run, and the release continues (set MIGRATIONS_AHEAD=fail to stop it instead).
        migrations: If the newer schema must go, deploy the release that has those migrations and undo them with {} there.",
        list(versions),
        newest.unwrap_or("none"),
        match tool { Tool::GolangMigrate => "`migrate goto <version>`", Tool::Dbmate => "`dbmate rollback`" }
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

/// The longest part of a migration file's line a report quotes, in characters.
const QUOTED_LINE: usize = 200;

/// Line `n` (from 1) of a migration file, trimmed, cut after [`QUOTED_LINE`] characters: read as a
/// stream, so that a seed file of tens of MB (perhaps on one line) is neither held nor printed.
fn file_line(path: &Path, n: usize) -> Option<String> {
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

/// `in line L:` from golang-migrate's error, or `line: L,` from dbmate's.
fn error_line_number(lines: &[String]) -> Option<usize> {
    for l in lines {
        for marker in [" in line ", "line: "] {
            if let Some(i) = l.find(marker) {
                let digits: String = l[i + marker.len()..].chars().take_while(char::is_ascii_digit).collect();
                if let Ok(n) = digits.parse() {
                    return Some(n);
                }
            }
        }
    }
    None
}

fn db_url_error(e: &DbUrlError) -> String {
    let how = |var: &str| {
        format!(
            "Set it on the platform: `heroku config:set {var}=postgres://USER:PASSWORD@HOST:5432/DATABASE` (Heroku), \
             `docker run --env {var}=…` or `pack build … --env {var}=…` (containers)."
        )
    };
    match e {
        DbUrlError::Missing { var } => format!(
            "The database URL variable {var} is not set.\n{}\nIf your URL lives in another variable, set MIGRATIONS_DATABASE_URL_VAR to its name.",
            how(var)
        ),
        DbUrlError::Empty { var } => format!("The database URL variable {var} is empty.\n{}", how(var)),
        DbUrlError::Unparseable { var, reason } => format!("{var} is not a valid URL ({reason}).\n{}", how(var)),
        DbUrlError::Scheme { var, scheme } => {
            format!("{var} uses the scheme `{scheme}://`; this buildpack migrates PostgreSQL, so use postgres:// or postgresql://.")
        }
        DbUrlError::SslMode { var, value } => format!(
            "{var} has sslmode={value}. Use one of disable, allow, prefer, require, verify-ca, verify-full \
             (no sslmode means require, which is what Heroku Postgres needs)."
        ),
    }
}

fn connect_hint(error: &str) -> &'static str {
    if error.contains("password authentication failed") {
        "The user name or password in the URL is wrong: check the variable's value (`heroku config:get`), or rotate the credentials."
    } else if error.contains("server does not support TLS") || error.contains("SSL is not enabled") || error.contains("TLS") {
        "The server does not accept TLS, and the URL asks for it (no sslmode means require). For a local server without TLS add `?sslmode=disable` to the URL; never do that for a remote database."
    } else if error.contains("does not exist") {
        "The database named in the URL does not exist: create it, or fix the name in the URL."
    } else if error.contains("refused") || error.contains("timed out") || error.contains("error connecting") || error.contains("lookup") {
        "The server could not be reached: check the host and port in the URL, and that the database is running and accepts connections from here."
    } else {
        "Check the URL, and that the database is running and reachable from here."
    }
}

/// After a stop: the tool's sessions that could not be confirmed gone.
pub fn tool_sessions_left(left: &crate::db::SessionsLeft) -> String {
    match left {
        crate::db::SessionsLeft::None => "the stopped tool's database sessions are gone".to_string(),
        crate::db::SessionsLeft::Some(n) => format!("{n} database session(s) of the stopped tool were still there after being ended"),
        crate::db::SessionsLeft::Unknown(e) => format!("whether the stopped tool's database sessions are gone is unknown: {e}"),
    }
}

/// The message for an error that stopped the release before anything ran.
pub fn release_error(e: &ReleaseError, config: &ReleaseConfig) -> String {
    let body = match e {
        ReleaseError::Config(c) => {
            let (h, b) = config_error(c);
            format!("{h}.\n{b}")
        }
        ReleaseError::Url(u) => db_url_error(u),
        ReleaseError::NoDir { looked } => format!(
            "No migrations directory: looked for {}. The buildpack sets MIGRATIONS_DIR in the image; outside an image, run from the app root or set MIGRATIONS_DIR.",
            looked.join(", ")
        ),
        ReleaseError::Tool { value } => format!("MIGRATIONS_TOOL={value:?} is not golang-migrate or dbmate."),
        ReleaseError::NoToolGuess { dir } => {
            format!(
                "No migration files in {} tell golang-migrate from dbmate: set MIGRATIONS_TOOL=golang-migrate or dbmate.",
                dir.display()
            )
        }
        ReleaseError::Model(m) => model_error(m).1,
        ReleaseError::Connect { url, error: crate::db::DbError::TransactionPooler(why) } => formatdoc! {"
            {url} (from ${var}) goes through a transaction-mode connection pooler: {why}.
            Behind such a pooler the runner's lock protects nothing (two releases could migrate at once) and a
            lock left on a pooled server connection outlives the release. Migrations need a direct connection.
            Release with the database's direct URL: set MIGRATIONS_DATABASE_URL_VAR to the name of the variable
            that holds it (on Heroku, DATABASE_URL; the pooler is DATABASE_CONNECTION_POOL_URL), and keep the
            pooled URL for the app's web and worker processes. Nothing was changed.",
            var = config.database_url_var
        },
        ReleaseError::Connect { url, error } => {
            let text = error.to_string();
            format!("Cannot connect to the database {url} (from ${}): {text}\n{}", config.database_url_var, connect_hint(&text))
        }
        ReleaseError::State(crate::engine::EngineError::Spawn { program, source }) => format!(
            "Could not run the migration tool `{program}`: {source}.\n\
             In an image built by this buildpack it is on PATH; outside one, install {program} and put it on PATH."
        ),
        ReleaseError::State(engine_error) => {
            let text = engine_error.to_string();
            format!("Could not read the database's migration state: {text}\n{}", connect_hint(&text))
        }
        ReleaseError::Dirty { state, commands } => {
            let mut s = formatdoc! {"
                The database is dirty: {}.
                A previous migration run failed part-way and the tool recorded it. No migration can run until
                someone checks what that migration left behind and marks the right version, by hand.
                Nothing was changed. Inspect and repair with:",
                state.describe()
            };
            for c in commands {
                let _ = write!(s, "\n  {c}");
            }
            s
        }
        ReleaseError::Orphan { versions, newest_file } => format!(
            "The database has version(s) {} that no migration file in this release has, and they are older than the newest file ({newest_file}).\n\
             A migration file was deleted or renamed after it was applied. Restore the file (same version number), or, if it was removed on purpose, \
             record that by hand. Nothing was changed.",
            list(versions)
        ),
        ReleaseError::Ahead { versions, newest_file } => format!(
            "The database is ahead of this code: version(s) {} are newer than every migration file here (newest: {}).\n\
             MIGRATIONS_AHEAD=fail stops such releases. Deploy the code that has those migrations, or unset MIGRATIONS_AHEAD to let them through with a warning.",
            list(versions),
            newest_file.as_deref().unwrap_or("none")
        ),
        ReleaseError::NotGroupable { blocker } => format!(
            "MIGRATIONS_TX_MODE=all applies every pending migration in one transaction, and {blocker}. Nothing was changed.\n\
             Set MIGRATIONS_TX_MODE=auto (or file) to let the tool apply the files one by one, or move that statement to a release of its own."
        ),
        ReleaseError::Session(e) => format!(
            "The database refused a run-time parameter from {} ({e}). The migration tool would fail the same way: fix or remove the parameter in the URL. Nothing was changed.",
            config.database_url_var
        ),
        ReleaseError::MissingDown { versions } => format!(
            "Pending migrations without a down migration: {}. MIGRATIONS_REQUIRE_DOWN=true refuses to apply migrations that could not be undone \
             if a later one fails. Add a down migration for each, or unset MIGRATIONS_REQUIRE_DOWN. Nothing was changed.",
            list(versions)
        ),
    };
    format!("migrations: REFUSED: {}", body.replace('\n', "\nmigrations: "))
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

pub fn success(a: &Applied) -> String {
    let applied = &a.applied;
    format!(
        "migrations: done: applied {} migration(s) ({}) in {} ({} mode); database went from {} to {}.",
        applied.len(),
        list(applied),
        output::duration(a.elapsed),
        mode_name(&a.mode),
        a.record.describe(),
        a.now.describe()
    )
}

fn cause(f: &Failure) -> String {
    match &f.cause {
        Cause::Stopped(StopReason::Signal) => "the release was stopped by a signal (SIGTERM/SIGINT) while migrating".to_string(),
        Cause::Stopped(StopReason::Deadline) => "the release ran past MIGRATIONS_TIMEOUT and was stopped".to_string(),
        Cause::Runner(e) => format!("the runner could not finish: {e}"),
        Cause::Migration => match (&f.failed, &f.failed_file) {
            (Some(v), Some(file)) => {
                format!("migration {v} failed ({})", file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default())
            }
            (Some(v), None) => format!("migration {v} failed"),
            _ => "the migration tool failed".to_string(),
        },
    }
}

/// What happened, the error and the failing line, what was pending and applied (shared by every failure report).
fn what_happened(s: &mut String, f: &Failure) {
    let _ = writeln!(s, "What happened: {}.", cause(f));
    for l in f.error_lines.iter().take(6) {
        let _ = writeln!(s, "  {l}");
    }
    if let (Some(file), Some(n)) = (&f.failed_file, error_line_number(&f.error_lines)) {
        if let Some(line) = file_line(file, n) {
            let _ = writeln!(s, "  at {}:{n}: {line}", file.file_name().unwrap_or_default().to_string_lossy());
        }
    }
    let _ = writeln!(s, "Mode:               {}", mode_name(&f.mode));
    let _ = writeln!(s, "Pending at start:   {}", list(&f.pending));
    let _ = writeln!(s, "Applied this run:   {}", list(&f.applied));
    match &f.mode {
        Mode::All if f.applied.is_empty() => {
            let _ = writeln!(s, "Undone:             everything (one transaction, rolled back; no down file was needed)");
        }
        Mode::All => {
            let _ = writeln!(s, "Undone:             nothing (the transaction was committed)");
        }
        Mode::File { .. } if f.on_failure_stop => {
            let _ = writeln!(s, "Undone:             nothing (MIGRATIONS_ON_FAILURE=stop)");
        }
        Mode::File { .. } => {
            let _ = writeln!(s, "Undone:             {}", list(&f.undone()));
            if !f.cannot_undo.is_empty() {
                let _ = writeln!(s, "Could not undo:     {} (no down migration)", list(&f.cannot_undo));
            }
        }
    }
    if let Some((n, step, e)) = f.failed_step() {
        let _ = writeln!(s, "Undo failed:        step {n} ({}): {e}", step.description);
    }
    for e in f.evidence.iter().filter(|e| !e.holds) {
        let _ = writeln!(s, "Check failed:       {}", e.what);
    }
    let _ = writeln!(s, "State before:       {}", f.record.describe());
}

pub fn failure_report(f: &Failure, restored: bool) -> String {
    let mut s = String::from("\nmigrations: ======================== RELEASE FAILED ========================\n");
    what_happened(&mut s, f);
    if let Ok(now) = &f.final_state {
        let _ = writeln!(s, "State now:          {}", now.describe());
    }
    if restored {
        let next = match f.cause {
            Cause::Stopped(StopReason::Signal) => "release again (for example `heroku releases:retry`, or redeploy)",
            Cause::Stopped(StopReason::Deadline) => {
                "make the slow migration faster or split it, or raise MIGRATIONS_TIMEOUT (the platform allows one hour), then deploy again"
            }
            _ => "fix the failing migration, then deploy again",
        };
        if f.mode == Mode::All {
            let _ = writeln!(s, "Nothing was changed: the transaction was rolled back, and no down file was needed.");
        }
        let _ = writeln!(s, "The database is back where this release found it. The previous release keeps running.\nNext step: {next}.");
    } else {
        let _ = writeln!(
            s,
            "The database is NOT where this release found it. The previous release keeps running against it.\n\
             Next step: inspect the schema, then run these commands (from `heroku run bash` or a machine that can reach the database):"
        );
        for c in &f.manual {
            let _ = writeln!(s, "  {c}");
        }
    }
    let _ = writeln!(s, "migrations: ================================================================");
    s
}

/// The runner panicked (a bug): what is known, the state read afterwards, how to check.
pub fn panicked(message: &str, record: Option<&DbState>, now: &Result<DbState, String>, manual: &[String]) -> String {
    let mut s = String::from("\nmigrations: ======================== RELEASE FAILED ========================\n");
    let _ = writeln!(s, "What happened: the runner stopped on an internal error (a bug; please report it): {message}.");
    let _ = writeln!(s, "State before:       {}", record.map_or("not read yet".to_string(), DbState::describe));
    match now {
        Ok(state) => {
            let _ = writeln!(s, "State now:          {}", state.describe());
        }
        Err(e) => {
            let _ = writeln!(s, "State now:          unknown ({e})");
        }
    }
    let _ = writeln!(
        s,
        "Nothing proves the database is where this release found it: the schema was not compared.\n\
         Next step: inspect the schema, then check and repair with (from `heroku run bash` or a machine that can reach the database):"
    );
    for c in manual {
        let _ = writeln!(s, "  {c}");
    }
    let _ = write!(s, "migrations: ================================================================");
    s
}

/// The final state could not be read: say what is known and how to check.
pub fn state_unknown(f: &Failure) -> String {
    let mut s = String::from("\nmigrations: ======================== RELEASE FAILED ========================\n");
    what_happened(&mut s, f);
    let e = f.final_state.as_ref().err().cloned().unwrap_or_default();
    let _ = writeln!(s, "State now:          unknown");
    let _ = writeln!(
        s,
        "migrations: FAILED: the database state could not be read afterwards: {e}\n\
         migrations: State before this release: {}. The database may be anywhere between that and fully migrated.\n\
         migrations: Next step: once the database is reachable, check and repair with:",
        f.record.describe()
    );
    for c in &f.manual {
        let _ = writeln!(s, "  {c}");
    }
    let _ = write!(s, "migrations: ================================================================");
    s
}

/// The line `auto` prints when it falls back to `file`.
pub fn auto_fell_back(blocker: &super::all::Blocker) -> String {
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

pub fn rehearse_banner(set: &MigrationSet, url: &DbUrl) -> String {
    format!(
        "migrations: rehearsal with {} against {} (from ${}): every pending migration in one transaction that is always rolled back.\n\
         migrations: It takes the same locks the release would, for as long as it runs.",
        set.tool,
        url.masked(),
        url.var()
    )
}

pub fn rehearse_ok(n: usize, elapsed: Duration) -> String {
    format!(
        "migrations: rehearse: the release would succeed: {n} migration(s) ran in {}; all rolled back, nothing was changed.",
        output::duration(elapsed)
    )
}

pub fn rehearse_failed(file: &str, error_lines: &[String], path: Option<&Path>, line: Option<usize>) -> String {
    let mut s = format!("migrations: rehearse: FAILED {file}");
    for l in error_lines {
        let _ = write!(s, "\n  {l}");
    }
    if let (Some(p), Some(n)) = (path, line) {
        if let Some(text) = file_line(p, n) {
            let _ = write!(s, "\n  at {file}:{n}: {text}");
        }
    }
    let _ = write!(s, "\nmigrations: rehearse: the release would fail at {file}; everything was rolled back, nothing was changed.");
    s
}

pub fn cannot_rehearse(blocker: &super::all::Blocker, rehearsed: usize) -> String {
    format!(
        "migrations: rehearse: cannot rehearse further: {blocker}.\n\
         migrations: rehearse: the {rehearsed} pending migration(s) before it ran and were rolled back; nothing was changed. \
         A release would apply these files with MIGRATIONS_TX_MODE=file (auto chooses it)."
    )
}

/// The rehearsal's last line: the version table and the schema after its rollback, against before.
/// `schema`: the evidence of the schema comparison (`None`: the schema was never read, because the
/// rehearsal ended before its first statement).
pub fn rehearse_checked(version_table_as_found: bool, schema: Option<&[super::outcome::Evidence]>) -> String {
    let mut problems: Vec<String> = Vec::new();
    if !version_table_as_found {
        problems.push("the version table reads differently".into());
    }
    let mut compared = None;
    match schema {
        Some(evidence) => {
            for e in evidence {
                if e.holds {
                    compared = Some(e.what.clone());
                } else {
                    problems.push(e.what.clone());
                }
            }
        }
        None => compared = Some("the schema was not read: the rehearsal ended before its first migration".into()),
    }
    if problems.is_empty() {
        let schema = compared.unwrap_or_else(|| "the schema is as found".into());
        format!("migrations: rehearse: checked after the rollback: the version table is as found, and {schema}.")
    } else {
        let mut s = "migrations: rehearse: WARNING: after the rollback the database is not as the rehearsal found it (another session may have changed it meanwhile); check the database:".to_string();
        for p in problems {
            let _ = write!(
                s,
                "
  {p}"
            );
        }
        s
    }
}

pub fn rehearse_stopped(reason: StopReason) -> String {
    let why = match reason {
        StopReason::Signal => "a signal (SIGTERM/SIGINT)",
        StopReason::Deadline => "MIGRATIONS_TIMEOUT",
    };
    format!("migrations: rehearse: stopped by {why}; everything was rolled back, nothing was changed. No conclusion.")
}

pub fn rehearse_error(e: &super::all::AttemptError, url: &DbUrl) -> String {
    let text = match e {
        super::all::AttemptError::Migration { error, .. } | super::all::AttemptError::Runner(error) => {
            url.mask(&crate::db::describe_pg_error(error))
        }
        super::all::AttemptError::Read(e) => e.to_string(),
        super::all::AttemptError::Stopped => "stopped".into(),
    };
    format!("migrations: rehearse: could not finish: {text}; nothing was changed. No conclusion.")
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
