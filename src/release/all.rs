//! The `all` strategy: every pending migration in one transaction on the
//! session that holds the runner's lock, sent to the server as the tool would
//! send it (golang-migrate: one simple-query string per file; dbmate: one per
//! up section), then the tool's version table written as the tool's `up` would
//! leave it, then COMMIT. Any error is a ROLLBACK: nothing changed, no down file.
//!
//! This module decides whether a release can run that way ([`plan`]) and runs
//! one attempt of it ([`attempt`]); the retries and the outcome are the plan's.

use crate::db::DbUrl;
use crate::engine::{Context, Engine, go_bool};
use crate::migrations::transactions::{TransactionScoped, TxShape, shape, transaction_scoped};
use crate::migrations::{MigrationSet, ModelError, dbmate};
use crate::tool::Tool;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// One SQL string as the tool would send it, and the file line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub sql: String,
    pub first_line: usize,
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
pub fn session_settings(url: &DbUrl, tool: Tool) -> (SessionSettings, Option<Blocker>) {
    let mut blocker = None;
    let mut s = SessionSettings::default();
    let refuse = |key: &str, why: &str| Blocker { what: format!("{} parameter `{key}`", url.var()), line: None, why: why.to_string() };
    for (key, v) in url.query() {
        let key = key.as_str();
        match (tool, key) {
            // The runner's own connection takes these from the URL as lib/pq does (`options`, keepalives, ...).
            (_, k) if CONNECTION_KEYS.contains(&k) || crate::db::RUNNER_PARAMS.contains(&k) => {}
            (Tool::GolangMigrate, "x-migrations-table" | "x-migrations-table-quoted" | "x-multi-statement-max-size") => {}
            (Tool::GolangMigrate, "x-multi-statement") => {
                if go_bool(v) == Some(true) {
                    blocker = blocker.or(Some(refuse(
                        key,
                        "x-multi-statement=true makes golang-migrate run each statement on its own, outside any transaction",
                    )));
                }
            }
            (Tool::GolangMigrate, "x-statement-timeout") => match v.trim().parse::<u64>() {
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
/// those inside; see [`TxShape::Wrapped`]).
fn pieces(tool: Tool, file: &str, sql: &str, first_line: usize) -> Result<Vec<Piece>, Blocker> {
    let at = |r: std::ops::Range<usize>| Piece { sql: sql[r.clone()].to_string(), first_line: first_line + line_of(sql, r.start) - 1 };
    match shape(sql, first_line) {
        TxShape::Plain => Ok(vec![Piece { sql: sql.to_string(), first_line }]),
        TxShape::Wrapped { .. } if tool == Tool::Dbmate => Err(Blocker {
            what: file.to_string(),
            line: Some(first_line),
            why: "its BEGIN ... COMMIT runs inside dbmate's own transaction, whose COMMIT ends it early \
                  (dbmate itself then fails with `unexpected transaction status idle`)"
                .into(),
        }),
        TxShape::Wrapped { prefix, inner } => Ok(prefix.into_iter().chain([inner]).map(at).collect()),
        TxShape::NotGroupable(ng) => {
            Err(Blocker { what: file.to_string(), line: Some(ng.line), why: format!("{} ({})", ng.why, ng.statement) })
        }
    }
}

/// The pending migrations as units, up to the first one that cannot be grouped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// In apply order; when `blocker` is set, only the migrations before it.
    pub units: Vec<Unit>,
    pub blocker: Option<Blocker>,
}

/// One pending migration as a unit, or why it cannot run in the release's transaction.
fn unit(set: &MigrationSet, m: &crate::migrations::Migration) -> Result<Result<Unit, Blocker>, ModelError> {
    let file = m.file_name();
    let mut unit = Unit {
        version: m.version.clone(),
        file: file.clone(),
        path: m.up.clone(),
        pieces: Vec::new(),
        scoped: TransactionScoped::default(),
    };
    let Some(path) = &m.up else {
        return Ok(Ok(unit));
    };
    let text = set.text(path)?;
    match set.tool {
        Tool::GolangMigrate => {
            // golang-migrate skips a whitespace-only file (the version still moves).
            if !text.trim().is_empty() {
                match pieces(set.tool, &file, &text, 1) {
                    Ok(p) => unit.pieces.extend(p),
                    Err(b) => return Ok(Err(b)),
                }
            }
        }
        Tool::Dbmate => {
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
                    Ok(p) => unit.pieces.extend(p),
                    Err(b) => return Ok(Err(b)),
                }
            }
        }
    }
    for p in &unit.pieces {
        match transaction_scoped(&p.sql, p.first_line) {
            Ok(scoped) => {
                for name in scoped.params {
                    if !unit.scoped.params.contains(&name) {
                        unit.scoped.params.push(name);
                    }
                }
                unit.scoped.constraints |= scoped.constraints;
            }
            Err(ng) => return Ok(Err(Blocker { what: file, line: Some(ng.line), why: format!("{} ({})", ng.why, ng.statement) })),
        }
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
    /// A stop request (signal or deadline) came between two migrations.
    Stopped,
}

impl AttemptError {
    pub fn sqlstate(&self) -> Option<&str> {
        match self {
            AttemptError::Migration { error, .. } | AttemptError::Runner(error) => error.code().map(|c| c.code()),
            AttemptError::Stopped => None,
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

/// The file line of a server error position within `piece`.
fn error_line(p: &Piece, e: &postgres::Error) -> Option<usize> {
    let pos = match e.as_db_error()?.position()? {
        postgres::error::ErrorPosition::Original(pos) => *pos as usize,
        postgres::error::ErrorPosition::Internal { .. } => return None,
    };
    // The position counts characters from 1.
    let offset = p.sql.char_indices().nth(pos.saturating_sub(1)).map(|(i, _)| i).unwrap_or(p.sql.len());
    Some(p.first_line + line_of(&p.sql, offset) - 1)
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
/// line printed after each migration ran. Any error rolls the transaction back (the transaction is
/// dropped without a commit); an error of `first` is a [`AttemptError::Runner`].
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
        if ctx.stop.reason().is_some() {
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
        for p in &unit.pieces {
            if let Err(error) = tx.batch_execute(&p.sql) {
                let line = error_line(p, &error);
                return Err(failed(error, line));
            }
        }
        let in_migration = eng.writes_version_in_migration_transaction();
        if in_migration {
            eng.after_migration(&mut tx, &table, &unit.version).map_err(|e| failed(e, None))?;
        }
        // What the migration's own commit would end or check.
        deferred |= unit.scoped.constraints || unit.pieces.iter().any(|p| mentions_initially_deferred(&p.sql));
        end_of_migration(&mut tx, &saved, deferred).map_err(|e| failed(e, None))?;
        if !in_migration {
            eng.after_migration(&mut tx, &table, &unit.version).map_err(|e| failed(e, None))?;
        }
        let run = UnitRun { version: unit.version.clone(), file: unit.file.clone(), elapsed: started.elapsed() };
        (ctx.out)(&line(&run));
        runs.push(run);
    }
    if ctx.stop.reason().is_some() {
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

    fn url(q: &str) -> DbUrl {
        DbUrl::parse("DATABASE_URL", &format!("postgres://u:p@h/d?sslmode=disable{q}")).unwrap()
    }

    #[test]
    fn url_parameters_become_session_settings_or_name_what_cannot_be_reproduced() {
        let (s, b) = session_settings(&url("&search_path=app,public&x-statement-timeout=5000&x-migrations-table=v"), Tool::GolangMigrate);
        assert_eq!((s.params, s.statement_timeout_ms, b), (vec![("search_path".to_string(), "app,public".to_string())], Some(5000), None));
        let (_, b) = session_settings(&url("&x-multi-statement=true"), Tool::GolangMigrate);
        assert!(b.unwrap().to_string().contains("x-multi-statement"));
        assert_eq!(session_settings(&url("&x-multi-statement=false"), Tool::GolangMigrate).1, None);
        let (_, b) = session_settings(&url("&sslcert=/c.pem"), Tool::Dbmate);
        assert!(b.unwrap().to_string().contains("DATABASE_URL parameter `sslcert`"));
        // The runner's connection applies these itself (db::RUNNER_PARAMS): neither a setting nor a blocker.
        let (s, b) = session_settings(&url("&options=-c%20work_mem%3D8MB&keepalives_idle=7&target_session_attrs=read-write"), Tool::Dbmate);
        assert_eq!((s.params, b), (vec![], None));
        let (_, b) = session_settings(&url("&x-migrations-table=v"), Tool::Dbmate);
        assert!(b.is_some(), "dbmate has no x- options: the runner cannot know what it would do");
    }

    #[test]
    fn line_numbers_follow_the_file() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 3);
        let p = pieces(Tool::GolangMigrate, "f", "BEGIN;\nCREATE TABLE t (id int);\nCOMMIT;\n", 1).unwrap();
        assert_eq!(p.iter().map(|p| (p.sql.trim(), p.first_line)).collect::<Vec<_>>(), [("CREATE TABLE t (id int);", 1)]);
        assert!(pieces(Tool::Dbmate, "f", "BEGIN;\nCREATE TABLE t (id int);\nCOMMIT;\n", 1).is_err());
        let b = pieces(Tool::GolangMigrate, "f.up.sql", "SELECT 1;\n\nCREATE INDEX CONCURRENTLY i ON t (id);\n", 1).unwrap_err();
        assert_eq!(b.line, Some(3));
        assert!(b.to_string().starts_with("f.up.sql:3: "), "{b}");
    }

    #[test]
    fn statements_before_a_begin_run_first_without_the_begin_and_the_commit() {
        // As golang-migrate sends it, the CREATE EXTENSION joins the BEGIN's transaction.
        let sql = "CREATE EXTENSION IF NOT EXISTS x;\n\nBEGIN;\nCREATE TABLE t (id int);\nCREATE INDEX i ON t (id);\nCOMMIT;\n";
        let p = pieces(Tool::GolangMigrate, "1_a.up.sql", sql, 1).unwrap();
        assert_eq!(
            p.iter().map(|p| (p.sql.trim(), p.first_line)).collect::<Vec<_>>(),
            [("CREATE EXTENSION IF NOT EXISTS x;", 1), ("CREATE TABLE t (id int);\nCREATE INDEX i ON t (id);", 3)]
        );
        // A dbmate section at line 2 of its file: the lines follow the file.
        let p = pieces(Tool::GolangMigrate, "s", "\nSELECT 1;\nBEGIN;\nSELECT 2;\nCOMMIT;\n", 2).unwrap();
        assert_eq!(p.iter().map(|p| (p.sql.as_str(), p.first_line)).collect::<Vec<_>>(), [("\nSELECT 1;", 2), ("\nSELECT 2;", 4)]);
        // dbmate runs the section inside its own transaction, which the COMMIT would end early.
        assert!(pieces(Tool::Dbmate, "f", "SELECT 1;\nBEGIN;\nSELECT 2;\nCOMMIT;\n", 1).is_err());
        // A statement after the COMMIT would run outside the file's transaction.
        let b = pieces(Tool::GolangMigrate, "2_b.up.sql", "SELECT 1;\nBEGIN;\nSELECT 2;\nCOMMIT;\nSELECT 3;\n", 1).unwrap_err();
        assert_eq!(b.to_string(), "2_b.up.sql:2: transaction control inside the file (BEGIN)");
    }
}
