//! The `all` strategy: every pending migration in one transaction on the
//! session that holds the runner's lock, sent to the server as the tool would
//! send it (golang-migrate: one simple-query string per file; dbmate: one per
//! up section), then the tool's version table written as the tool's `up` would
//! leave it, then COMMIT. Any error is a ROLLBACK: nothing changed, no down file.
//!
//! Which migrations can run that way is decided before anything connects
//! (`migrations::grouping`, re-exported here); this module adds what the URL
//! allows ([`session_settings`]) and runs one attempt ([`attempt`]); the
//! retries and the outcome are the release plan's.
//!
//! Memory: the plan holds no file's text, only byte ranges; an attempt reads one unit's file when
//! it runs it ([`send_unit`]) and sends a big piece in messages of whole statements, so a release
//! holds at most one file's text, plus what the PostgreSQL client copies of one message.

pub use crate::migrations::grouping::{Blocker, Piece, Plan, TextCheck, Unit, plan};

use crate::db::DbUrl;
use crate::engine::{Context, Engine, go_bool};
use crate::migrations::grouping::line_of;
use crate::migrations::transactions::TransactionScoped;
use crate::migrations::{MigrationSet, ModelError, sql};
use crate::tool_kind::ToolKind;
use std::ops::Range;
use std::path::Path;
use std::time::{Duration, Instant};

/// What the runner's session must be told so its statements see what the tool's would.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionSettings {
    /// Run-time parameters from the URL (lib/pq passes unknown parameters to the server), e.g. `search_path`.
    pub params: Vec<(String, String)>,
    /// golang-migrate's `x-statement-timeout` (milliseconds), applied to each file.
    pub statement_timeout_ms: Option<u64>,
}

/// URL parameters the runner's own connection already honours, or that change nothing in the database.
const CONNECTION_KEYS: &[&str] = &[
    "sslmode",
    "connect_timeout",
    "application_name",
    "fallback_application_name",
    "host",
    "port",
    "user",
    "password",
    "dbname",
    "sslsni",
    "binary_parameters",
    "disable_prepared_binary_result",
];

/// The session settings the URL asks for, and the first URL parameter `all` mode cannot reproduce.
pub fn session_settings(url: &DbUrl, tool: ToolKind) -> (SessionSettings, Option<Blocker>) {
    let mut blocker = None;
    let mut s = SessionSettings::default();
    let refuse = |key: &str, why: &str| Blocker { what: format!("{} parameter `{key}`", url.var()), line: None, why: why.to_string() };
    for (key, v) in url.query() {
        let key = key.as_str();
        match (tool, key) {
            // The runner's own connection takes these from the URL as lib/pq does (`options`, keepalives, ...).
            (_, k) if CONNECTION_KEYS.contains(&k) || crate::db::RUNNER_PARAMS.contains(&k) => {}
            (ToolKind::GolangMigrate, "x-migrations-table" | "x-migrations-table-quoted" | "x-multi-statement-max-size") => {}
            (ToolKind::GolangMigrate, "x-multi-statement") => {
                if go_bool(v) == Some(true) {
                    blocker = blocker.or(Some(refuse(
                        key,
                        "x-multi-statement=true makes golang-migrate run each statement on its own, outside any transaction",
                    )));
                }
            }
            (ToolKind::GolangMigrate, "x-statement-timeout") => match v.trim().parse::<u64>() {
                Ok(0) => {}
                Ok(ms) => s.statement_timeout_ms = Some(ms),
                Err(_) => blocker = blocker.or(Some(refuse(key, "golang-migrate would refuse this value (not a number of milliseconds)"))),
            },
            (_, k) if k.starts_with("x-") => {
                blocker = blocker.or(Some(refuse(key, "the runner cannot reproduce this golang-migrate option in one transaction")));
            }
            (_, "sslcert" | "sslkey" | "sslrootcert" | "sslpassword" | "sslinline" | "service" | "krbsrvname" | "krbspn" | "socket") => {
                blocker = blocker.or(Some(refuse(key, "the runner's own connection cannot use this connection option")));
            }
            _ => s.params.push((key.to_string(), v.clone())),
        }
    }
    (s, blocker)
}

/// How one migration ended in an attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRun {
    pub version: String,
    pub file: String,
    pub elapsed: Duration,
    /// The table locks it took (those not held before it), when the attempt looks (a rehearsal).
    pub locks: Vec<HeldLock>,
}

/// A lock the release's transaction holds on a relation that existed before it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HeldLock {
    /// The relation as PostgreSQL names it (`regclass`: schema-qualified when not on the search path).
    pub relation: String,
    /// PostgreSQL's mode name (`AccessExclusiveLock`, ...).
    pub mode: String,
}

impl HeldLock {
    /// What the lock makes the application's queries on the relation wait for: `Some("reads and
    /// writes")`, `Some("writes")`, or `None` when reads and writes go on (ROW EXCLUSIVE, SHARE UPDATE
    /// EXCLUSIVE, ...).
    pub fn blocks(&self) -> Option<&'static str> {
        match self.mode.as_str() {
            "AccessExclusiveLock" => Some("reads and writes"),
            "ExclusiveLock" | "ShareRowExclusiveLock" | "ShareLock" => Some("writes"),
            _ => None,
        }
    }

    /// The mode as the SQL that takes it spells it (`ACCESS EXCLUSIVE`).
    pub fn mode_name(&self) -> String {
        let words = self.mode.strip_suffix("Lock").unwrap_or(&self.mode);
        let mut out = String::new();
        for (i, c) in words.char_indices() {
            if c.is_ascii_uppercase() && i > 0 {
                out.push(' ');
            }
            out.push(c.to_ascii_uppercase());
        }
        out
    }
}

/// Reads what the transaction holds after a migration (see [`Hooks::after_unit`]).
pub type AfterUnit<'h> = &'h mut dyn FnMut(&mut postgres::Transaction<'_>) -> Result<Vec<HeldLock>, postgres::Error>;

/// What an attempt calls as it goes.
pub struct Hooks<'h> {
    /// The progress line printed after each migration ran.
    pub line: &'h dyn Fn(&UnitRun) -> String,
    /// Run first in the transaction, before any migration (a release reads the schema there).
    pub first: &'h mut dyn FnMut(&mut postgres::Transaction<'_>) -> Result<(), postgres::Error>,
    /// Run after each migration: the table locks the transaction now holds (a rehearsal measures them).
    pub after_unit: Option<AfterUnit<'h>>,
    /// Asked before each unit (with it: the watcher learns which file runs) and before the end (with
    /// `None`); `false` ends the attempt as [`AttemptError::Stopped`] (the blocking guard cancelled it).
    pub proceed: &'h mut dyn FnMut(Option<&Unit>) -> bool,
}

/// Why an attempt ended without a commit.
#[derive(Debug)]
pub enum AttemptError {
    /// A migration's SQL failed (the database's error).
    Migration { unit: usize, error: postgres::Error, line: Option<usize> },
    /// Writing the version table, committing, or talking to the server failed.
    Runner(postgres::Error),
    /// A migration file could not be read again to run it (or changed since the plan read it).
    Read(ModelError),
    /// A stop request (signal or deadline) came between two migrations.
    Stopped,
}

impl AttemptError {
    pub fn sqlstate(&self) -> Option<&str> {
        match self {
            AttemptError::Migration { error, .. } | AttemptError::Runner(error) => error.code().map(|c| c.code()),
            AttemptError::Read(_) | AttemptError::Stopped => None,
        }
    }
}

/// Whether PostgreSQL refused a statement because it ran inside a transaction block that the tool
/// would not have had: a statement that must run outside one (25001), transaction control in a
/// procedure or function (2D000), an enum value used in the transaction that added it (55P04), a
/// table altered while checks of rows the same transaction changed are still pending (55006).
/// Nothing was committed, and one transaction per file may well succeed.
pub fn refused_in_one_transaction(error: &postgres::Error) -> bool {
    let Some(db) = error.as_db_error() else { return false };
    match db.code().code() {
        "25001" | "2D000" | "55P04" => true,
        "55006" => db.message().contains("pending trigger events"),
        _ => false,
    }
}

/// The file line of a server error position within `sql`, a message that starts on file line `first_line`.
fn error_line(sql: &str, first_line: usize, e: &postgres::Error) -> Option<usize> {
    let pos = match e.as_db_error()?.position()? {
        postgres::error::ErrorPosition::Original(pos) => *pos as usize,
        postgres::error::ErrorPosition::Internal { .. } => return None,
    };
    // The position counts characters from 1.
    let offset = sql.char_indices().nth(pos.saturating_sub(1)).map(|(i, _)| i).unwrap_or(sql.len());
    Some(first_line + line_of(sql, offset) - 1)
}

/// The longest message a piece is sent in when it has several statements (see [`send_unit`]). The
/// client holds about three times a message while sending it (benchmark 10: with 4 MB messages a
/// 10 MB file of small statements peaked at 2.6 times its size); a round trip per MB is nothing
/// next to what inserting a MB of rows costs.
const CHUNK: usize = 1 << 20;

/// Sends unit `i`'s SQL inside the release's transaction, as the tool sends it: its file's text is
/// read now (the plan holds none; one file's text at a time) and each piece goes in one
/// simple-query message, so a small file costs one round trip.
///
/// A piece longer than [`CHUNK`] goes in several messages of whole statements instead (one
/// statement longer than that is a message of its own): the client library copies a message twice
/// (its encoded form, then the connection's write buffer), which for one 60 MB message triples the
/// file's size in memory. That remains the cost of one statement of many MB (one `INSERT` of every
/// row), since no message can end inside a statement.
///
/// Inside the release's transaction block, several messages are the same to PostgreSQL as one:
/// its protocol documentation ("Multiple Statements in a Simple Query") says that a session
/// already in a transaction block, from a BEGIN in some previous message, "simply continues that
/// transaction block, whether the message contains one statement or several"; the
/// implicit-transaction rules of a multi-statement message apply only outside a block, and a
/// message stops at its first error just as the rest of the transaction then does. Two things can
/// differ, so they keep the piece in one message: PostgreSQL parses a whole message before running
/// any of it, so a statement that changes how literals are parsed (`standard_conforming_strings`)
/// would reach the following messages but not the rest of the tool's one message
/// ([`Piece::chunkable`]); and the splitter reads strings as standard ones, so the session must
/// have `standard_conforming_strings` on (checked once per big piece). Before PostgreSQL 13,
/// `statement_timeout` timed a whole message rather than each statement.
fn send_unit(tx: &mut postgres::Transaction<'_>, set: &MigrationSet, unit: &Unit, i: usize) -> Result<(), AttemptError> {
    let (Some(path), Some(planned)) = (&unit.path, unit.text) else {
        return Ok(());
    };
    let text = set.text_ref(path).map_err(AttemptError::Read)?;
    if TextCheck::of(&text) != planned {
        return Err(AttemptError::Read(changed(path)));
    }
    let failed = |error: postgres::Error, sql: &str, first_line: usize| {
        let line = error_line(sql, first_line, &error);
        AttemptError::Migration { unit: i, error, line }
    };
    for p in &unit.pieces {
        let sql = text.get(p.range.clone()).ok_or_else(|| AttemptError::Read(changed(path)))?;
        let chunks = if sql.len() > CHUNK && p.chunkable && standard_strings(tx).map_err(AttemptError::Runner)? {
            chunks(sql, p.first_line, CHUNK)
        } else {
            vec![(0..sql.len(), p.first_line)]
        };
        for (range, first_line) in chunks {
            let chunk = &sql[range];
            tx.batch_execute(chunk).map_err(|e| failed(e, chunk, first_line))?;
        }
    }
    Ok(())
}

fn changed(path: &Path) -> ModelError {
    ModelError::ReadFile { path: path.to_path_buf(), source: std::io::Error::other("it changed while the release was running") }
}

/// Whether the session reads `'…'` literals as standard strings (backslashes are not escapes), as
/// the statement splitter does.
fn standard_strings(tx: &mut postgres::Transaction<'_>) -> Result<bool, postgres::Error> {
    let rows = tx.simple_query("SHOW standard_conforming_strings")?;
    Ok(rows.iter().any(|m| matches!(m, postgres::SimpleQueryMessage::Row(r) if r.get(0) == Some("on"))))
}

/// `sql` (starting on file line `first_line`) cut into runs of whole statements, each with its
/// terminating `;`, of at most `max` bytes unless one statement alone is longer: byte ranges and
/// the file line each starts on. Empty statements and trailing comments stay with the run before.
fn chunks(sql: &str, first_line: usize, max: usize) -> Vec<(Range<usize>, usize)> {
    let mut out = Vec::new();
    let (mut start, mut start_line) = (0, first_line);
    for span in sql::Statements::new(sql, first_line) {
        let end = (span.offset + span.text.len() + 1).min(sql.len());
        if span.offset > start && end - start > max && !span.is_blank() {
            out.push((start..span.offset, start_line));
            (start, start_line) = (span.offset, span.start_line);
        }
    }
    out.push((start..sql.len(), start_line));
    out
}

/// What an attempt does with its transaction at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finish {
    /// Write the tool's version table and COMMIT (a release).
    Commit,
    /// Always ROLLBACK (a rehearsal).
    Rollback,
}

/// One attempt on `session` (a connection of the release's own, started with the URL's run-time
/// parameters, so nothing a migration does to its session reaches the runner's other reads): BEGIN,
/// the runner's limits, the first hook (a release reads the schema there, under the lock timeout),
/// every unit as the tool runs it, then COMMIT (or ROLLBACK for a rehearsal); see [`Hooks`]. Any
/// error rolls the transaction back (the transaction is dropped without a commit); an error of a
/// hook is a [`AttemptError::Runner`].
///
/// Each unit runs as in its own transaction as far as the tool's `up` would show it: the runner's
/// lock and statement timeouts are set again before it (a migration may change them for the
/// session), the version table is written where and when the tool writes it, and what the
/// migration set for its transaction only (`SET LOCAL`, `set_config(…, true)`, `SET CONSTRAINTS`)
/// ends with it, deferred constraints being checked there as the file's commit would.
#[allow(clippy::too_many_arguments)]
pub fn attempt(
    session: &mut postgres::Client,
    ctx: &mut Context<'_>,
    eng: &dyn Engine,
    units: &[Unit],
    settings: &SessionSettings,
    lock_timeout: Option<Duration>,
    finish: Finish,
    hooks: &mut Hooks<'_>,
) -> Result<Vec<UnitRun>, AttemptError> {
    let mut runs = Vec::with_capacity(units.len());
    let mut tx = session.transaction().map_err(AttemptError::Runner)?;
    let limits = runner_limits(lock_timeout, settings);
    if !limits.is_empty() {
        tx.batch_execute(&limits).map_err(AttemptError::Runner)?;
    }
    (hooks.first)(&mut tx).map_err(AttemptError::Runner)?;
    // The version table exists before the first migration and is written around each one,
    // exactly as the tool does (migrations and triggers may read or alter it).
    let table = eng.open_version_table(ctx, &mut tx).map_err(AttemptError::Runner)?;
    let deferred = initially_deferred_constraints(&mut tx).map_err(AttemptError::Runner)?;
    let mut runner = UnitRunner { eng, table, limits, deferred };
    for (i, unit) in units.iter().enumerate() {
        if ctx.stop.reason().is_some() || !(hooks.proceed)(Some(unit)) {
            return Err(AttemptError::Stopped);
        }
        let started = Instant::now();
        runner.run(&mut tx, ctx, unit, i)?;
        let elapsed = started.elapsed();
        let locks = match hooks.after_unit.as_mut() {
            Some(after) => after(&mut tx).map_err(AttemptError::Runner)?,
            None => Vec::new(),
        };
        let run = UnitRun { version: unit.version.clone(), file: unit.file.clone(), elapsed, locks };
        (ctx.out)(&(hooks.line)(&run));
        runs.push(run);
    }
    if ctx.stop.reason().is_some() || !(hooks.proceed)(None) {
        return Err(AttemptError::Stopped);
    }
    match finish {
        Finish::Rollback => tx.rollback().map_err(AttemptError::Runner)?,
        Finish::Commit => tx.commit().map_err(AttemptError::Runner)?,
    }
    Ok(runs)
}

/// Runs one unit inside the attempt's transaction as the tool's own transaction for that file would.
struct UnitRunner<'e> {
    eng: &'e dyn Engine,
    table: crate::engine::VersionTable,
    /// The runner's own `SET LOCAL`s, set again before every unit but the first.
    limits: String,
    /// Whether constraints may be checked at commit (then checked at the end of each unit).
    deferred: bool,
}

impl UnitRunner<'_> {
    /// The unit's version writes where the tool makes them, its SQL, and the end of what it set for
    /// its transaction only; an error is the unit's (`AttemptError::Migration`).
    fn run(&mut self, tx: &mut postgres::Transaction<'_>, ctx: &Context<'_>, unit: &Unit, i: usize) -> Result<(), AttemptError> {
        let (eng, table) = (self.eng, &self.table);
        let failed = |error: postgres::Error| AttemptError::Migration { unit: i, error, line: None };
        let before = [(i > 0).then(|| self.limits.clone()), eng.before_migration(table, &unit.version)];
        let before: String = before.into_iter().flatten().collect::<Vec<_>>().join(";");
        if !before.is_empty() {
            tx.batch_execute(&before).map_err(failed)?;
        }
        let saved = save_scoped(tx, &unit.scoped).map_err(failed)?;
        send_unit(tx, ctx.set, unit, i)?;
        let in_migration = eng.writes_version_in_migration_transaction();
        if in_migration {
            eng.after_migration(tx, table, &unit.version).map_err(failed)?;
        }
        // What the migration's own commit would end or check.
        self.deferred |= unit.scoped.constraints || unit.initially_deferred;
        end_of_migration(tx, &saved, self.deferred).map_err(failed)?;
        if !in_migration {
            eng.after_migration(tx, table, &unit.version).map_err(failed)?;
        }
        Ok(())
    }
}

/// The runner's own limits for the transaction: the lock timeout of this attempt and
/// golang-migrate's `x-statement-timeout` (which the tool applies to each file).
fn runner_limits(lock_timeout: Option<Duration>, settings: &SessionSettings) -> String {
    let mut limits = Vec::new();
    if let Some(lt) = lock_timeout {
        limits.push(format!("SET LOCAL lock_timeout = {}", lt.as_millis().max(1)));
    }
    if let Some(ms) = settings.statement_timeout_ms {
        limits.push(format!("SET LOCAL statement_timeout = {ms}"));
    }
    limits.join(";")
}

/// The values a migration's transaction-scoped parameters have before it, to put back after it.
struct Saved {
    params: Vec<String>,
    values: Vec<String>,
    constraints: bool,
}

fn save_scoped(tx: &mut postgres::Transaction<'_>, scoped: &TransactionScoped) -> Result<Saved, postgres::Error> {
    let mut saved = Saved { params: scoped.params.clone(), values: Vec::new(), constraints: scoped.constraints };
    if !saved.params.is_empty() {
        let rows = tx.query(
            "SELECT coalesce(current_setting(n, true), '') FROM unnest($1::text[]) WITH ORDINALITY AS p(n, i) ORDER BY i",
            &[&saved.params],
        )?;
        saved.values = rows.iter().map(|r| r.get(0)).collect();
    }
    Ok(saved)
}

/// End what a migration set for its transaction only, as the tool's commit of its file would:
/// parameters back to their values before it, and deferred constraints checked now and deferred
/// again for the next migration (`SET CONSTRAINTS ALL IMMEDIATE` fires the pending checks).
fn end_of_migration(tx: &mut postgres::Transaction<'_>, saved: &Saved, deferred: bool) -> Result<(), postgres::Error> {
    if !saved.params.is_empty() {
        tx.execute("SELECT set_config(n, v, true) FROM unnest($1::text[], $2::text[]) AS p(n, v)", &[&saved.params, &saved.values])?;
    }
    if deferred || saved.constraints {
        tx.batch_execute(
            "SET CONSTRAINTS ALL IMMEDIATE;
             DO $runner$ DECLARE names text; BEGIN
               SELECT string_agg(format('%I.%I', n.nspname, c.conname), ', ') INTO names
                 FROM pg_catalog.pg_constraint c JOIN pg_catalog.pg_namespace n ON n.oid = c.connamespace WHERE c.condeferred;
               IF names IS NOT NULL THEN EXECUTE 'SET CONSTRAINTS ' || names || ' DEFERRED'; END IF;
             END $runner$",
        )?;
    }
    Ok(())
}

/// Whether the database has constraints checked at commit by default (`INITIALLY DEFERRED`).
fn initially_deferred_constraints(tx: &mut postgres::Transaction<'_>) -> Result<bool, postgres::Error> {
    Ok(tx.query_one("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE condeferred)", &[])?.get(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(q: &str) -> DbUrl {
        DbUrl::parse("DATABASE_URL", &format!("postgres://u:p@h/d?sslmode=disable{q}")).unwrap()
    }

    #[test]
    fn url_parameters_become_session_settings_or_name_what_cannot_be_reproduced() {
        let (s, b) =
            session_settings(&url("&search_path=app,public&x-statement-timeout=5000&x-migrations-table=v"), ToolKind::GolangMigrate);
        assert_eq!((s.params, s.statement_timeout_ms, b), (vec![("search_path".to_string(), "app,public".to_string())], Some(5000), None));
        let (_, b) = session_settings(&url("&x-multi-statement=true"), ToolKind::GolangMigrate);
        assert!(b.unwrap().to_string().contains("x-multi-statement"));
        assert_eq!(session_settings(&url("&x-multi-statement=false"), ToolKind::GolangMigrate).1, None);
        let (_, b) = session_settings(&url("&sslcert=/c.pem"), ToolKind::Dbmate);
        assert!(b.unwrap().to_string().contains("DATABASE_URL parameter `sslcert`"));
        // The runner's connection applies these itself (db::RUNNER_PARAMS): neither a setting nor a blocker.
        let (s, b) =
            session_settings(&url("&options=-c%20work_mem%3D8MB&keepalives_idle=7&target_session_attrs=read-write"), ToolKind::Dbmate);
        assert_eq!((s.params, b), (vec![], None));
        let (_, b) = session_settings(&url("&x-migrations-table=v"), ToolKind::Dbmate);
        assert!(b.is_some(), "dbmate has no x- options: the runner cannot know what it would do");
    }

    #[test]
    fn big_pieces_are_cut_between_whole_statements_with_their_lines() {
        let sql =
            "CREATE TABLE t (v text);\nINSERT INTO t VALUES ('a;b');\n-- c\nINSERT INTO t VALUES\n('x'),\n('y');\n\nSELECT 1;\n-- end\n";
        let cut = |max| chunks(sql, 10, max).into_iter().map(|(r, line)| (&sql[r], line)).collect::<Vec<_>>();
        assert_eq!(cut(usize::MAX), [(sql, 10)]);
        assert_eq!(cut(60), [(&sql[..54], 10), (&sql[54..], 11)]);
        assert!(sql[..54].ends_with("('a;b');") && sql[54..].starts_with("\n-- c\nINSERT"));
        // A statement longer than the limit is a message of its own; the trailing comment stays with the last one.
        let small = cut(5);
        assert_eq!(
            small.iter().map(|(c, _)| c.trim()).collect::<Vec<_>>(),
            [
                "CREATE TABLE t (v text);",
                "INSERT INTO t VALUES ('a;b');",
                "-- c\nINSERT INTO t VALUES\n('x'),\n('y');",
                "SELECT 1;\n-- end"
            ]
        );
        for max in [1, 5, 30, 60, 100] {
            let parts = chunks(sql, 10, max);
            assert_eq!(parts.iter().map(|(r, _)| &sql[r.clone()]).collect::<String>(), sql);
            for (r, line) in parts {
                assert_eq!(line, 10 + sql[..r.start].matches('\n').count(), "{max} {r:?}");
            }
        }
    }
}
