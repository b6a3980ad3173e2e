//! Destructive and locking schema changes (MG301–MG308) and seed data
//! (MG401) in up migrations. A table created earlier in the same file, or by a
//! migration that is new in this deploy, is new: changing it harms nobody.

use std::collections::HashSet;

use super::{Block, Check, CheckedMigration, Findings, SqlFile, Status, codes};
use crate::migrations::sql::{Token, TokenKind};
use crate::tool_kind::ToolKind;

#[derive(Default)]
pub(super) struct Destructive {
    /// Tables created by migrations that are new in this deploy (the release
    /// applies later migrations of the same deploy before any code uses them).
    deploy_tables: HashSet<String>,
}

impl Check for Destructive {
    fn migration(&mut self, unit: &CheckedMigration<'_>, blocks: &[Block<'_>], out: &mut Findings<'_>) {
        let is_new = unit.status == Status::New;
        for b in blocks.iter().filter(|b| b.up) {
            up_block(b, is_new, &mut self.deploy_tables, out);
        }
    }
}

/// One statement of an up block, as each rule below sees it.
struct Stmt<'s, 'a> {
    /// Its code tokens (no whitespace or comments).
    c: &'s [&'s Token<'a>],
    line: Option<usize>,
    file: &'s SqlFile,
    tool: ToolKind,
    /// Whether a table is new (created earlier in the file or in this deploy).
    new: &'s dyn Fn(&str) -> bool,
}

const OLD_CODE: &str = "the release still running during and after the release phase uses the old schema";

/// The rules, each on one statement.
const RULES: [fn(&Stmt<'_, '_>, &mut Findings<'_>); 5] = [drop_table, truncate, alter_table, create_index, seed_data];

fn up_block(b: &Block<'_>, is_new: bool, deploy_tables: &mut HashSet<String>, out: &mut Findings<'_>) {
    let mut file_tables: HashSet<String> = HashSet::new();
    for s in &b.stmts {
        let c: Vec<&Token<'_>> = s.code().collect();
        if let Some(t) = created_table(&c) {
            if is_new {
                deploy_tables.insert(t.clone());
            }
            file_tables.insert(t);
        }
        let new = |t: &str| file_tables.contains(t) || deploy_tables.contains(t);
        let stmt = Stmt { c: &c, line: Some(s.line), file: b.file, tool: b.tool, new: &new };
        for rule in RULES {
            rule(&stmt, out);
        }
    }
}

/// `CREATE [GLOBAL|LOCAL] [TEMP|TEMPORARY|UNLOGGED] TABLE [IF NOT EXISTS] name`: the name.
pub(super) fn created_table(c: &[&Token<'_>]) -> Option<String> {
    if !w(c, 0, "CREATE") {
        return None;
    }
    let i = skip_words(c, 1, &["GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "UNLOGGED"]);
    if !w(c, i, "TABLE") {
        return None;
    }
    let i = if w(c, i + 1, "IF") { i + 4 } else { i + 1 };
    qualified(c, i).map(|(t, _)| t)
}

/// The table names of a comma-separated list starting at `i`.
fn table_list(c: &[&Token<'_>], i: usize) -> Vec<String> {
    split_commas(c.get(i..).unwrap_or(&[])).iter().filter_map(|p| qualified(p, 0).map(|(n, _)| n)).collect()
}

/// MG301: `DROP TABLE [IF EXISTS] a, b`.
fn drop_table(s: &Stmt<'_, '_>, out: &mut Findings<'_>) {
    if !(w(s.c, 0, "DROP") && w(s.c, 1, "TABLE")) {
        return;
    }
    let names = table_list(s.c, if w(s.c, 2, "IF") { 4 } else { 2 });
    if names.iter().any(|n| !(s.new)(n)) {
        out.warn_rule(
            s.file,
            codes::DROP_TABLE,
            Some("ban-drop-table"),
            s.line,
            format!("DROP TABLE {} destroys data and cannot be undone by a down migration; {OLD_CODE}", names.join(", ")),
            "stop using the table in a previous release first, then drop it in a later deploy",
        );
    }
}

/// MG303: `TRUNCATE [TABLE] [ONLY] a, b`.
fn truncate(s: &Stmt<'_, '_>, out: &mut Findings<'_>) {
    if !w(s.c, 0, "TRUNCATE") {
        return;
    }
    let names = table_list(s.c, skip_words(s.c, 1, &["TABLE", "ONLY"]));
    if names.is_empty() || names.iter().any(|n| !(s.new)(n)) {
        // squawk only reports `TRUNCATE … CASCADE` (ban-truncate-cascade).
        let cascade = s.c.iter().any(|t| t.is_word("CASCADE"));
        out.warn_rule(
            s.file,
            codes::TRUNCATE,
            cascade.then_some("ban-truncate-cascade"),
            s.line,
            format!("TRUNCATE {} deletes all rows and cannot be undone by a down migration", names.join(", ")),
            "delete the data deliberately (e.g. with `heroku run`), not in a migration",
        );
    }
}

/// MG302, MG304–MG307: `ALTER TABLE [IF EXISTS] [ONLY] name [*] action, action…`.
fn alter_table(s: &Stmt<'_, '_>, out: &mut Findings<'_>) {
    if !(w(s.c, 0, "ALTER") && w(s.c, 1, "TABLE")) {
        return;
    }
    let i = skip_words(s.c, if w(s.c, 2, "IF") { 4 } else { 2 }, &["ONLY"]);
    let Some((table, mut j)) = qualified(s.c, i) else { return };
    if s.c.get(j).is_some_and(|t| t.text == "*") {
        j += 1;
    }
    if !(s.new)(&table) {
        for a in split_commas(s.c.get(j..).unwrap_or(&[])) {
            alter_action(a, &table, s.line, OLD_CODE, s.file, out);
        }
    }
}

/// MG308: `CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON [ONLY] table` without `CONCURRENTLY`.
fn create_index(s: &Stmt<'_, '_>, out: &mut Findings<'_>) {
    let i = skip_words(s.c, 1, &["UNIQUE"]);
    if !(w(s.c, 0, "CREATE") && w(s.c, i, "INDEX")) || w(s.c, i + 1, "CONCURRENTLY") {
        return;
    }
    let Some(on) = s.c.iter().position(|t| t.is_word("ON")) else { return };
    let Some((t, _)) = qualified(s.c, skip_words(s.c, on + 1, &["ONLY"])) else { return };
    if (s.new)(&t) {
        return;
    }
    out.warn_rule(
        s.file,
        codes::BLOCKING_INDEX,
        Some("require-concurrent-index-creation"),
        s.line,
        format!("CREATE INDEX on the existing table `{t}` without CONCURRENTLY blocks writes to it until the index is built"),
        match s.tool {
            ToolKind::GolangMigrate => "use CREATE INDEX CONCURRENTLY, alone in its own migration file",
            ToolKind::Dbmate => "use CREATE INDEX CONCURRENTLY, alone in its own migration file with `-- migrate:up transaction:false`",
        },
    );
}

/// MG401: `INSERT` (also inside `WITH …`) or `COPY … FROM`.
fn seed_data(s: &Stmt<'_, '_>, out: &mut Findings<'_>) {
    let insert = w(s.c, 0, "INSERT") || (w(s.c, 0, "WITH") && s.c.iter().any(|t| t.is_word("INSERT")));
    let copy_from = w(s.c, 0, "COPY") && s.c.iter().any(|t| t.is_word("FROM"));
    if insert || copy_from {
        out.warn(
            s.file,
            codes::SEED_DATA,
            s.line,
            format!(
                "{} in an up migration loads data; review that it is reference data every environment needs, and that the down migration removes it",
                if insert { "INSERT" } else { "COPY … FROM" }
            ),
            "keep seed data out of schema migrations (load it with a separate task), or confirm it is intended",
        );
    }
}

fn alter_action(a: &[&Token<'_>], table: &str, line: Option<usize>, old_code: &str, file: &SqlFile, out: &mut Findings<'_>) {
    let has = |kw: &str| a.iter().any(|t| t.is_word(kw));
    let constraint_words = ["CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "EXCLUDE"];
    if w(a, 0, "DROP") && !constraint_words.iter().any(|k| w(a, 1, k)) {
        let i = skip_words(a, 1, &["COLUMN"]);
        let i = if w(a, i, "IF") { i + 2 } else { i };
        let col = a.get(i).and_then(|t| ident(t)).unwrap_or_default();
        out.warn_rule(
            file,
            codes::DROP_COLUMN,
            Some("ban-drop-column"),
            line,
            format!("dropping column `{table}.{col}` destroys data and breaks code that still reads it; {old_code}"),
            "stop using the column in a previous release first, then drop it in a later deploy",
        );
    }
    if w(a, 0, "RENAME") && !w(a, 1, "CONSTRAINT") {
        let (what, rule) = if w(a, 1, "TO") {
            (format!("renaming table `{table}`"), "renaming-table")
        } else {
            let i = skip_words(a, 1, &["COLUMN"]);
            (format!("renaming column `{table}.{}`", a.get(i).and_then(|t| ident(t)).unwrap_or_default()), "renaming-column")
        };
        out.warn_rule(
            file,
            codes::RENAME,
            Some(rule),
            line,
            format!("{what} breaks code that uses the old name; {old_code}"),
            "add the new name alongside the old one (new column/view), migrate the code, and remove the old name in a later deploy",
        );
    }
    if w(a, 0, "ALTER") {
        let i = skip_words(a, 1, &["COLUMN"]);
        let col = a.get(i).and_then(|t| ident(t)).unwrap_or_default();
        let rest = a.get(i + 1..).unwrap_or(&[]);
        if w(rest, 0, "TYPE") || (w(rest, 0, "SET") && w(rest, 1, "DATA") && w(rest, 2, "TYPE")) {
            out.warn_rule(
                file,
                codes::ALTER_COLUMN_TYPE,
                Some("changing-column-type"),
                line,
                format!("changing the type of `{table}.{col}` may rewrite the table under an exclusive lock and break code that expects the old type"),
                "add a new column with the new type, backfill it, switch the code, then drop the old column in a later deploy",
            );
        }
        if w(rest, 0, "SET") && w(rest, 1, "NOT") && w(rest, 2, "NULL") {
            out.warn_rule(
                file,
                codes::SET_NOT_NULL,
                Some("adding-not-nullable-field"),
                line,
                format!(
                    "SET NOT NULL on `{table}.{col}` scans the table under an exclusive lock and fails for rows (or old code) writing NULL"
                ),
                "add a `CHECK (col IS NOT NULL) NOT VALID` constraint, VALIDATE it in a later migration, then SET NOT NULL",
            );
        }
    }
    if w(a, 0, "ADD") && !constraint_words.iter().any(|k| w(a, 1, k)) {
        let not_null = a.windows(2).any(|p| p[0].is_word("NOT") && p[1].is_word("NULL"));
        let serial = ["SERIAL", "BIGSERIAL", "SMALLSERIAL", "SERIAL4", "SERIAL8", "SERIAL2"].iter().any(|k| has(k));
        if not_null && !has("DEFAULT") && !has("GENERATED") && !serial {
            let i = skip_words(a, 1, &["COLUMN"]);
            let i = if w(a, i, "IF") { i + 3 } else { i };
            let col = a.get(i).and_then(|t| ident(t)).unwrap_or_default();
            out.warn_rule(
                file,
                codes::ADD_COLUMN_NOT_NULL,
                Some("adding-required-field"),
                line,
                format!("adding `{table}.{col}` as NOT NULL without a DEFAULT fails if the table has rows, and old code inserting rows without it fails"),
                "add a DEFAULT, or add the column as nullable, backfill it, then SET NOT NULL later",
            );
        }
    }
}

pub(super) fn ident(t: &Token<'_>) -> Option<String> {
    match t.kind {
        TokenKind::Word => Some(t.text.to_ascii_lowercase()),
        TokenKind::QuotedIdent => {
            let inner = t.text.strip_prefix('"').unwrap_or(t.text);
            let inner = inner.strip_suffix('"').unwrap_or(inner);
            Some(inner.replace("\"\"", "\""))
        }
        _ => None,
    }
}

/// Parses `[schema.]name` at `i`; returns the unqualified name and the next index.
pub(super) fn qualified(c: &[&Token<'_>], mut i: usize) -> Option<(String, usize)> {
    let mut name = ident(c.get(i)?)?;
    i += 1;
    while c.get(i).is_some_and(|t| t.text == ".") {
        name = ident(c.get(i + 1)?)?;
        i += 2;
    }
    Some((name, i))
}

pub(super) fn skip_words(c: &[&Token<'_>], mut i: usize, words: &[&str]) -> usize {
    while c.get(i).is_some_and(|t| words.iter().any(|w| t.is_word(w))) {
        i += 1;
    }
    i
}

pub(super) fn w(c: &[&Token<'_>], i: usize, kw: &str) -> bool {
    c.get(i).is_some_and(|t| t.is_word(kw))
}

/// Splits tokens at commas outside parentheses.
pub(super) fn split_commas<'t, 'a>(c: &'t [&'t Token<'a>]) -> Vec<&'t [&'t Token<'a>]> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, t) in c.iter().enumerate() {
        match t.text {
            "(" | "[" => depth += 1,
            ")" | "]" => depth -= 1,
            "," if depth == 0 => {
                out.push(&c[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&c[start..]);
    out
}
