//! Destructive and locking schema changes (MG301–MG308) and seed data
//! (MG401) in up migrations. A table created earlier in the same file, or by a
//! migration that is new in this deploy, is new: changing it harms nobody.

use std::collections::HashSet;

use super::{Block, Check, Findings, SqlFile, Status, Unit, codes};
use crate::migrations::sql::{Token, TokenKind};
use crate::tool::Tool;

#[derive(Default)]
pub(super) struct Destructive {
    /// Tables created by migrations that are new in this deploy (the release
    /// applies later migrations of the same deploy before any code uses them).
    deploy_tables: HashSet<String>,
}

impl Check for Destructive {
    fn migration(&mut self, unit: &Unit<'_>, blocks: &[Block<'_>], out: &mut Findings<'_>) {
        let is_new = unit.status == Status::New;
        for b in blocks.iter().filter(|b| b.up) {
            up_block(b, is_new, &mut self.deploy_tables, out);
        }
    }
}

fn up_block(b: &Block<'_>, is_new: bool, deploy_tables: &mut HashSet<String>, out: &mut Findings<'_>) {
    let mut file_tables: HashSet<String> = HashSet::new();
    let is_new_table = |t: &str, file_tables: &HashSet<String>, deploy: &HashSet<String>| file_tables.contains(t) || deploy.contains(t);
    for s in &b.stmts {
        let c: Vec<&Token<'_>> = s.code().collect();
        let line = Some(s.line);
        // CREATE [GLOBAL|LOCAL] [TEMP|TEMPORARY|UNLOGGED] TABLE [IF NOT EXISTS] name
        if w(&c, 0, "CREATE") {
            let i = skip_words(&c, 1, &["GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "UNLOGGED"]);
            if w(&c, i, "TABLE") {
                let i = if w(&c, i + 1, "IF") { i + 4 } else { i + 1 };
                if let Some((t, _)) = qualified(&c, i) {
                    if is_new {
                        deploy_tables.insert(t.clone());
                    }
                    file_tables.insert(t);
                }
            }
        }
        let new = |t: &str| is_new_table(t, &file_tables, deploy_tables);
        let old_code = "the release still running during and after the release phase uses the old schema";
        // DROP TABLE [IF EXISTS] a, b
        if w(&c, 0, "DROP") && w(&c, 1, "TABLE") {
            let i = if w(&c, 2, "IF") { 4 } else { 2 };
            let names: Vec<String> =
                split_commas(c.get(i..).unwrap_or(&[])).iter().filter_map(|p| qualified(p, 0).map(|(n, _)| n)).collect();
            if names.iter().any(|n| !new(n)) {
                out.warn(
                    b.file,
                    codes::DROP_TABLE,
                    line,
                    format!("DROP TABLE {} destroys data and cannot be undone by a down migration; {old_code}", names.join(", ")),
                    "stop using the table in a previous release first, then drop it in a later deploy",
                );
            }
        }
        // TRUNCATE [TABLE] [ONLY] a, b
        if w(&c, 0, "TRUNCATE") {
            let i = skip_words(&c, 1, &["TABLE", "ONLY"]);
            let names: Vec<String> =
                split_commas(c.get(i..).unwrap_or(&[])).iter().filter_map(|p| qualified(p, 0).map(|(n, _)| n)).collect();
            if names.is_empty() || names.iter().any(|n| !new(n)) {
                out.warn(
                    b.file,
                    codes::TRUNCATE,
                    line,
                    format!("TRUNCATE {} deletes all rows and cannot be undone by a down migration", names.join(", ")),
                    "delete the data deliberately (e.g. with `heroku run`), not in a migration",
                );
            }
        }
        // ALTER TABLE [IF EXISTS] [ONLY] name [*] action, action…
        if w(&c, 0, "ALTER") && w(&c, 1, "TABLE") {
            let i = if w(&c, 2, "IF") { 4 } else { 2 };
            let i = skip_words(&c, i, &["ONLY"]);
            if let Some((table, mut j)) = qualified(&c, i) {
                if c.get(j).is_some_and(|t| t.text == "*") {
                    j += 1;
                }
                if !new(&table) {
                    for a in split_commas(c.get(j..).unwrap_or(&[])) {
                        alter_action(a, &table, line, old_code, b.file, out);
                    }
                }
            }
        }
        // CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] table
        if w(&c, 0, "CREATE") {
            let i = skip_words(&c, 1, &["UNIQUE"]);
            if w(&c, i, "INDEX") && !w(&c, i + 1, "CONCURRENTLY") {
                let on = c.iter().position(|t| t.is_word("ON"));
                if let Some(on) = on {
                    let k = skip_words(&c, on + 1, &["ONLY"]);
                    if let Some((t, _)) = qualified(&c, k)
                        && !new(&t)
                    {
                        out.warn(
                            b.file,
                            codes::BLOCKING_INDEX,
                            line,
                            format!(
                                "CREATE INDEX on the existing table `{t}` without CONCURRENTLY blocks writes to it until the index is built"
                            ),
                            match b.tool {
                                Tool::GolangMigrate => "use CREATE INDEX CONCURRENTLY, alone in its own migration file",
                                Tool::Dbmate => {
                                    "use CREATE INDEX CONCURRENTLY, alone in its own migration file with `-- migrate:up transaction:false`"
                                }
                            },
                        );
                    }
                }
            }
        }
        // Seed data.
        let insert = w(&c, 0, "INSERT") || (w(&c, 0, "WITH") && c.iter().any(|t| t.is_word("INSERT")));
        let copy_from = w(&c, 0, "COPY") && c.iter().any(|t| t.is_word("FROM"));
        if insert || copy_from {
            out.warn(
    b.file,
                codes::SEED_DATA,
                line,
                format!(
                    "{} in an up migration loads data; review that it is reference data every environment needs, and that the down migration removes it",
                    if insert { "INSERT" } else { "COPY … FROM" }
                ),
                "keep seed data out of schema migrations (load it with a separate task), or confirm it is intended",
            );
        }
    }
}

fn alter_action(a: &[&Token<'_>], table: &str, line: Option<usize>, old_code: &str, file: &SqlFile, out: &mut Findings<'_>) {
    let has = |kw: &str| a.iter().any(|t| t.is_word(kw));
    let constraint_words = ["CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "EXCLUDE"];
    if w(a, 0, "DROP") && !constraint_words.iter().any(|k| w(a, 1, k)) {
        let i = skip_words(a, 1, &["COLUMN"]);
        let i = if w(a, i, "IF") { i + 2 } else { i };
        let col = a.get(i).and_then(|t| ident(t)).unwrap_or_default();
        out.warn(
            file,
            codes::DROP_COLUMN,
            line,
            format!("dropping column `{table}.{col}` destroys data and breaks code that still reads it; {old_code}"),
            "stop using the column in a previous release first, then drop it in a later deploy",
        );
    }
    if w(a, 0, "RENAME") && !w(a, 1, "CONSTRAINT") {
        let what = if w(a, 1, "TO") {
            format!("renaming table `{table}`")
        } else {
            let i = skip_words(a, 1, &["COLUMN"]);
            format!("renaming column `{table}.{}`", a.get(i).and_then(|t| ident(t)).unwrap_or_default())
        };
        out.warn(
            file,
            codes::RENAME,
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
            out.warn(
    file,
                codes::ALTER_COLUMN_TYPE,
                line,
                format!("changing the type of `{table}.{col}` may rewrite the table under an exclusive lock and break code that expects the old type"),
                "add a new column with the new type, backfill it, switch the code, then drop the old column in a later deploy",
            );
        }
        if w(rest, 0, "SET") && w(rest, 1, "NOT") && w(rest, 2, "NULL") {
            out.warn(
                file,
                codes::SET_NOT_NULL,
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
            out.warn(
    file,
                codes::ADD_COLUMN_NOT_NULL,
                line,
                format!("adding `{table}.{col}` as NOT NULL without a DEFAULT fails if the table has rows, and old code inserting rows without it fails"),
                "add a DEFAULT, or add the column as nullable, backfill it, then SET NOT NULL later",
            );
        }
    }
}

fn ident(t: &Token<'_>) -> Option<String> {
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
fn qualified(c: &[&Token<'_>], mut i: usize) -> Option<(String, usize)> {
    let mut name = ident(c.get(i)?)?;
    i += 1;
    while c.get(i).is_some_and(|t| t.text == ".") {
        name = ident(c.get(i + 1)?)?;
        i += 2;
    }
    Some((name, i))
}

fn skip_words(c: &[&Token<'_>], mut i: usize, words: &[&str]) -> usize {
    while c.get(i).is_some_and(|t| words.iter().any(|w| t.is_word(w))) {
        i += 1;
    }
    i
}

fn w(c: &[&Token<'_>], i: usize, kw: &str) -> bool {
    c.get(i).is_some_and(|t| t.is_word(kw))
}

/// Splits tokens at commas outside parentheses.
fn split_commas<'t, 'a>(c: &'t [&'t Token<'a>]) -> Vec<&'t [&'t Token<'a>]> {
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
