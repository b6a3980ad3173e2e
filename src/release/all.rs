//! The `all` strategy: every pending migration in one transaction on the
//! session that holds the runner's lock, sent to the server as the tool would
//! send it (golang-migrate: one simple-query string per file; dbmate: one per
//! up section), then the tool's version table written as the tool's `up` would
//! leave it, then COMMIT. Any error is a ROLLBACK: nothing changed, no down file.
//!
//! This module decides whether a release can run that way ([`plan`]) and runs
//! one attempt of it ([`attempt`]); the retries and the outcome are the plan's.
//!
//! Memory: the plan holds no file's text, only byte ranges; an attempt reads one unit's file when
//! it runs it ([`send_unit`]) and sends a big piece in messages of whole statements, so a release
//! holds at most one file's text, plus what the PostgreSQL client copies of one message.

use crate::db::DbUrl;
use crate::engine::{Context, Engine, go_bool};
use crate::migrations::transactions::{TransactionScoped, TxShape, analyse};
use crate::migrations::{MigrationSet, ModelError, dbmate_files as dbmate, sql};
use crate::tool_kind::ToolKind;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// One SQL string as the tool would send it: a byte range of the up file's text, and the file line
/// it starts on. The text is read when an attempt runs the unit ([`send_unit`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub range: Range<usize>,
    pub first_line: usize,
    /// Whether a big piece may reach the server in several messages of whole statements: not when
    /// a statement in it may change how PostgreSQL parses the next ones (see [`send_unit`]).
    pub chunkable: bool,
}

/// What the plan knew of a file's text: an attempt checks that it reads the same text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextCheck {
    len: usize,
    crc32: u32,
}

impl TextCheck {
    fn of(text: &str) -> TextCheck {
        TextCheck { len: text.len(), crc32: crc32fast::hash(text.as_bytes()) }
    }
}

/// One pending migration, ready to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub version: String,
    pub file: String,
    pub path: Option<PathBuf>,
    /// Empty for a golang-migrate migration without an up file (it only moves the version).
    pub pieces: Vec<Piece>,
    /// What the migration sets for its own transaction only: the tool's commit of the file ends
    /// it, so the release ends it after the file (see [`attempt`]).
    pub scoped: TransactionScoped,
    /// Whether its SQL may create a constraint checked at commit (`INITIALLY DEFERRED`).
    pub initially_deferred: bool,
    /// The up file's text as planned (`None` when there are no pieces).
    pub text: Option<TextCheck>,
}

/// Why the release cannot run in one transaction: the first file (or setting) that forces `file`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blocker {
    /// The file, or the setting, that forces it.
    pub what: String,
    pub line: Option<usize>,
    pub why: String,
}

impl std::fmt::Display for Blocker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{l}: {}", self.what, self.why),
            None => write!(f, "{}: {}", self.what, self.why),
        }
    }
}

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

/// 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The SQL of one up block, if it can run inside the release's transaction: the block itself, or
/// for a BEGIN ... COMMIT wrapper what it runs without them (statements before the BEGIN, then
/// those inside; see [`TxShape::Wrapped`]), as ranges of `sql`; and what the block sets for its
/// transaction only. One pass over the block ([`analyse`]), whatever its size.
fn pieces(tool: ToolKind, file: &str, sql: &str, first_line: usize) -> Result<(Vec<Piece>, TransactionScoped), Blocker> {
    let analysis = analyse(sql, first_line);
    let chunkable = !analysis.changes_parsing;
    let at = |range: Range<usize>| Piece { first_line: first_line + line_of(sql, range.start) - 1, range, chunkable };
    let blocker = |line, why| Blocker { what: file.to_string(), line: Some(line), why };
    let pieces = match analysis.shape {
        TxShape::Plain => vec![at(0..sql.len())],
        TxShape::Wrapped { .. } if tool == ToolKind::Dbmate => {
            let why = "its BEGIN ... COMMIT runs inside dbmate's own transaction, whose COMMIT ends it early \
                       (dbmate itself then fails with `unexpected transaction status idle`)";
            return Err(blocker(first_line, why.into()));
        }
        TxShape::Wrapped { prefix, inner } => prefix.into_iter().chain([inner]).map(at).collect(),
        TxShape::NotGroupable(ng) => return Err(blocker(ng.line, format!("{} ({})", ng.why, ng.statement))),
    };
    match analysis.scoped {
        Ok(scoped) => Ok((pieces, scoped)),
        Err(ng) => Err(blocker(ng.line, format!("{} ({})", ng.why, ng.statement))),
    }
}

/// The pending migrations as units, up to the first one that cannot be grouped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// In apply order; when `blocker` is set, only the migrations before it.
    pub units: Vec<Unit>,
    pub blocker: Option<Blocker>,
}

/// One pending migration as a unit, or why it cannot run in the release's transaction. The file's
/// text is read, analysed and dropped: the unit keeps ranges of it.
fn unit(set: &MigrationSet, m: &crate::migrations::Migration) -> Result<Result<Unit, Blocker>, ModelError> {
    let file = m.file_name();
    let mut unit = Unit {
        version: m.version.clone(),
        file: file.clone(),
        path: m.up.clone(),
        pieces: Vec::new(),
        scoped: TransactionScoped::default(),
        initially_deferred: false,
        text: None,
    };
    let Some(path) = &m.up else {
        return Ok(Ok(unit));
    };
    let text = set.text_ref(path)?;
    match set.tool {
        ToolKind::GolangMigrate => {
            // golang-migrate skips a whitespace-only file (the version still moves).
            if !text.trim().is_empty() {
                match pieces(set.tool, &file, &text, 1) {
                    Ok((p, scoped)) => (unit.pieces, unit.scoped) = (p, scoped),
                    Err(b) => return Ok(Err(b)),
                }
            }
        }
        ToolKind::Dbmate => {
            if !m.up_transaction {
                let why = "dbmate `transaction:false` asks for this migration to run outside a transaction";
                return Ok(Err(Blocker { what: file, line: Some(1), why: why.into() }));
            }
            let sections = match dbmate::parse_contents(&text) {
                Ok(s) => s,
                Err(e) => return Ok(Err(Blocker { what: file, line: None, why: format!("dbmate cannot parse it: {e}") })),
            };
            if sections.len() > 1 {
                let why = "it has several up/down sections, which dbmate applies one by one";
                return Ok(Err(Blocker { what: file, line: None, why: why.into() }));
            }
            for s in sections {
                let first_line = line_of(&text, s.up.start);
                match pieces(set.tool, &file, &text[s.up.clone()], first_line) {
                    Ok((p, scoped)) => {
                        // Ranges of the section, as ranges of the file.
                        let of_file = |p: Piece| Piece { range: p.range.start + s.up.start..p.range.end + s.up.start, ..p };
                        unit.pieces = p.into_iter().map(of_file).collect();
                        unit.scoped = scoped;
                    }
                    Err(b) => return Ok(Err(b)),
                }
            }
        }
    }
    if !unit.pieces.is_empty() {
        unit.initially_deferred = unit.pieces.iter().any(|p| mentions_initially_deferred(&text[p.range.clone()]));
        unit.text = Some(TextCheck::of(&text));
    }
    Ok(Ok(unit))
}

/// The units for `pending` (apply order), up to the first migration that cannot be grouped.
pub fn plan(set: &MigrationSet, pending: &[String]) -> Result<Plan, ModelError> {
    let mut units = Vec::with_capacity(pending.len());
    for v in pending {
        let Some(m) = set.find(v) else { continue };
        match unit(set, m)? {
            Ok(u) => units.push(u),
            Err(b) => return Ok(Plan { units, blocker: Some(b) }),
        }
    }
    Ok(Plan { units, blocker: None })
}

/// How one migration ended in an attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRun {
    pub version: String,
    pub file: String,
    pub elapsed: Duration,
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
/// the runner's limits, `first` (a release reads the schema there, under the lock timeout), every
/// unit as the tool runs it, then COMMIT (or ROLLBACK for a rehearsal). `line` words the progress
/// line printed after each migration ran. `proceed` is asked before each unit (with it: the watcher
/// learns which file runs) and before the end (with `None`); `false` ends the attempt as
/// [`AttemptError::Stopped`] (the blocking guard cancelled the release). Any error rolls the
/// transaction back (the transaction is dropped without a commit); an error of `first` is a
/// [`AttemptError::Runner`].
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
    line: &dyn Fn(&UnitRun) -> String,
    first: &mut dyn FnMut(&mut postgres::Transaction<'_>) -> Result<(), postgres::Error>,
    proceed: &mut dyn FnMut(Option<&Unit>) -> bool,
) -> Result<Vec<UnitRun>, AttemptError> {
    let mut runs = Vec::with_capacity(units.len());
    let mut tx = session.transaction().map_err(AttemptError::Runner)?;
    let limits = runner_limits(lock_timeout, settings);
    if !limits.is_empty() {
        tx.batch_execute(&limits).map_err(AttemptError::Runner)?;
    }
    first(&mut tx).map_err(AttemptError::Runner)?;
    // The version table exists before the first migration and is written around each one,
    // exactly as the tool does (migrations and triggers may read or alter it).
    let table = eng.open_version_table(ctx, &mut tx).map_err(AttemptError::Runner)?;
    let mut deferred = initially_deferred_constraints(&mut tx).map_err(AttemptError::Runner)?;
    for (i, unit) in units.iter().enumerate() {
        if ctx.stop.reason().is_some() || !proceed(Some(unit)) {
            return Err(AttemptError::Stopped);
        }
        let started = Instant::now();
        let failed = |error: postgres::Error, line: Option<usize>| AttemptError::Migration { unit: i, error, line };
        let before = [(i > 0).then(|| limits.clone()), eng.before_migration(&table, &unit.version)];
        let before: String = before.into_iter().flatten().collect::<Vec<_>>().join(";");
        if !before.is_empty() {
            tx.batch_execute(&before).map_err(|e| failed(e, None))?;
        }
        let saved = save_scoped(&mut tx, &unit.scoped).map_err(|e| failed(e, None))?;
        send_unit(&mut tx, ctx.set, unit, i)?;
        let in_migration = eng.writes_version_in_migration_transaction();
        if in_migration {
            eng.after_migration(&mut tx, &table, &unit.version).map_err(|e| failed(e, None))?;
        }
        // What the migration's own commit would end or check.
        deferred |= unit.scoped.constraints || unit.initially_deferred;
        end_of_migration(&mut tx, &saved, deferred).map_err(|e| failed(e, None))?;
        if !in_migration {
            eng.after_migration(&mut tx, &table, &unit.version).map_err(|e| failed(e, None))?;
        }
        let run = UnitRun { version: unit.version.clone(), file: unit.file.clone(), elapsed: started.elapsed() };
        (ctx.out)(&line(&run));
        runs.push(run);
    }
    if ctx.stop.reason().is_some() || !proceed(None) {
        return Err(AttemptError::Stopped);
    }
    match finish {
        Finish::Rollback => tx.rollback().map_err(AttemptError::Runner)?,
        Finish::Commit => tx.commit().map_err(AttemptError::Runner)?,
    }
    Ok(runs)
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

/// Whether SQL may create a constraint checked at commit (`INITIALLY DEFERRED`), word for word.
fn mentions_initially_deferred(sql: &str) -> bool {
    let has = |word: &str| sql.as_bytes().windows(word.len()).any(|w| w.eq_ignore_ascii_case(word.as_bytes()));
    has("INITIALLY") && has("DEFERRED")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pieces of `sql` as texts, with their first lines.
    fn texts(tool: ToolKind, sql: &str, first_line: usize) -> Vec<(&str, usize)> {
        pieces(tool, "f", sql, first_line).unwrap().0.into_iter().map(|p| (&sql[p.range], p.first_line)).collect()
    }

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
    fn line_numbers_follow_the_file() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 3);
        let p = texts(ToolKind::GolangMigrate, "BEGIN;\nCREATE TABLE t (id int);\nCOMMIT;\n", 1);
        assert_eq!(p.iter().map(|(sql, line)| (sql.trim(), *line)).collect::<Vec<_>>(), [("CREATE TABLE t (id int);", 1)]);
        assert!(pieces(ToolKind::Dbmate, "f", "BEGIN;\nCREATE TABLE t (id int);\nCOMMIT;\n", 1).is_err());
        let b = pieces(ToolKind::GolangMigrate, "f.up.sql", "SELECT 1;\n\nCREATE INDEX CONCURRENTLY i ON t (id);\n", 1).unwrap_err();
        assert_eq!(b.line, Some(3));
        assert!(b.to_string().starts_with("f.up.sql:3: "), "{b}");
    }

    #[test]
    fn statements_before_a_begin_run_first_without_the_begin_and_the_commit() {
        // As golang-migrate sends it, the CREATE EXTENSION joins the BEGIN's transaction.
        let sql = "CREATE EXTENSION IF NOT EXISTS x;\n\nBEGIN;\nCREATE TABLE t (id int);\nCREATE INDEX i ON t (id);\nCOMMIT;\n";
        let p = texts(ToolKind::GolangMigrate, sql, 1);
        assert_eq!(
            p.iter().map(|(sql, line)| (sql.trim(), *line)).collect::<Vec<_>>(),
            [("CREATE EXTENSION IF NOT EXISTS x;", 1), ("CREATE TABLE t (id int);\nCREATE INDEX i ON t (id);", 3)]
        );
        // A dbmate section at line 2 of its file: the lines follow the file.
        assert_eq!(
            texts(ToolKind::GolangMigrate, "\nSELECT 1;\nBEGIN;\nSELECT 2;\nCOMMIT;\n", 2),
            [("\nSELECT 1;", 2), ("\nSELECT 2;", 4)]
        );
        // dbmate runs the section inside its own transaction, which the COMMIT would end early.
        assert!(pieces(ToolKind::Dbmate, "f", "SELECT 1;\nBEGIN;\nSELECT 2;\nCOMMIT;\n", 1).is_err());
        // A statement after the COMMIT would run outside the file's transaction.
        let b = pieces(ToolKind::GolangMigrate, "2_b.up.sql", "SELECT 1;\nBEGIN;\nSELECT 2;\nCOMMIT;\nSELECT 3;\n", 1).unwrap_err();
        assert_eq!(b.to_string(), "2_b.up.sql:2: transaction control inside the file (BEGIN)");
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

    #[test]
    fn a_dbmate_units_pieces_are_ranges_of_its_file() {
        let d = tempfile::tempdir().unwrap();
        let text = "-- migrate:up\nSET LOCAL lock_timeout = '1s';\nCREATE TABLE t (id int);\n\n-- migrate:down\nDROP TABLE t;\n";
        std::fs::write(d.path().join("20240101000001_t.sql"), text).unwrap();
        let set = MigrationSet::load(d.path(), ToolKind::Dbmate).unwrap();
        let planned = plan(&set, &["20240101000001".to_string()]).unwrap();
        let u = &planned.units[0];
        assert_eq!(u.pieces.len(), 1);
        assert_eq!(&text[u.pieces[0].range.clone()], "-- migrate:up\nSET LOCAL lock_timeout = '1s';\nCREATE TABLE t (id int);\n\n");
        assert_eq!(
            (u.pieces[0].first_line, u.scoped.params.as_slice(), u.text),
            (1, &["lock_timeout".to_string()][..], Some(TextCheck::of(text)))
        );
        // Comments before the section: the range and the line follow the file.
        let text = "-- seed data\n\n-- migrate:up\nINSERT INTO t VALUES (1);\n-- migrate:down\n";
        std::fs::write(d.path().join("20240101000002_u.sql"), text).unwrap();
        let set = MigrationSet::load(d.path(), ToolKind::Dbmate).unwrap();
        let u = &plan(&set, &["20240101000002".to_string()]).unwrap().units[0];
        assert_eq!((&text[u.pieces[0].range.clone()], u.pieces[0].first_line), ("-- migrate:up\nINSERT INTO t VALUES (1);\n", 3));
    }
}
