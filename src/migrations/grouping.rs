//! Grouping: whether each pending migration can run inside a release's one transaction, and as
//! which pieces of its up SQL — decided on the SQL itself (`transactions::analyse`) and the tool's
//! rules (dbmate's `transaction:false` and sections), before anything connects. The release's `all`
//! strategy runs what this plans (`release::all`); the build's lock checks ask it whether a set of
//! new migrations would run in one transaction.

use super::transactions::{TransactionScoped, TxShape, analyse};
use super::{MigrationSet, ModelError, dbmate_files as dbmate};
use crate::tool_kind::ToolKind;
use std::ops::Range;
use std::path::PathBuf;

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
    pub fn of(text: &str) -> TextCheck {
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

/// 1-based line of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
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
