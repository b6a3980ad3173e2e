//! Lock safety at squawk's level (MG309–MG320) and, with
//! `BP_MIGRATIONS_LINT=all`, style (MG501–MG505), in up migrations.
//!
//! squawk's linter (the crates `squawk-linter` and `squawk-syntax`, pinned to
//! 2.68.0) is the rule engine for the rules it has. This module gives it what
//! squawk cannot know, and adds what it lacks:
//!
//! * **The transaction each block runs in.** golang-migrate sends a file, and
//!   dbmate a section, in one call: several statements are one implicit
//!   transaction, and dbmate wraps a section in its own unless
//!   `transaction:false`. squawk's `assume_in_transaction` is set per block
//!   from that. In the release's `all` mode (what `auto` picks when every
//!   pending migration can run in a transaction, decided by
//!   [`crate::migrations::grouping::plan`] exactly as the release does) every lock is
//!   held until the final commit: MG320 and the cross-file half of MG312.
//! * **Which tables are new.** A table created earlier in the same block, or by
//!   a migration that is new in this deploy, is empty and unused when the
//!   release runs: statements on it block nobody, so nothing is reported
//!   (squawk only knows tables created earlier in the same file, inside a
//!   transaction). `DROP INDEX` and `REINDEX INDEX` are resolved to their table
//!   through the `CREATE INDEX` statements of the set.
//! * **Rules squawk lacks:** `VACUUM FULL` and `CLUSTER` (MG315; squawk has them
//!   only for PostgreSQL 19+, as `prefer-repack`), table copies such as
//!   `SET TABLESPACE` (MG316), `LOCK TABLE` (MG317), and a lock held while
//!   later migrations of the same `all` release run (MG320).
//! * **Never reported:** `require-lock-timeout`, `require-statement-timeout` and
//!   `prefer-robust-stmts` (the runner sets its own `lock_timeout` and retries,
//!   and rolls a failed release back), and the rules MG301–MG308 already cover
//!   with their own codes ([`super::destructive`]).
//!
//! Only blocks with a statement one of these rules looks at go through
//! squawk's parser ([`needs_parse`], decided on the project's tokenizer):
//! most migrations (`CREATE TABLE`, `INSERT`) never do.
//!
//! This file runs the rules per block ([`Locks`]); [`squawk`] maps squawk's
//! violations to findings, [`own_rules`](mod@own_rules) has the rules squawk lacks,
//! [`release`] the rules about the next release as a whole (MG320, the
//! cross-file MG312), and [`syntax`] reads squawk's syntax tree.

mod own_rules;
mod release;
mod squawk;
mod syntax;

use std::collections::{HashMap, HashSet};

use squawk_linter::{Linter, Rule, Violation};
use squawk_syntax::ast::{self, AstNode};
use squawk_syntax::{Parse, SourceFile};

use self::own_rules::own_rules;
use self::release::{ReleaseUnit, held_across_files, record, validate_after_not_valid};
use self::squawk::from_squawk;
pub(crate) use self::squawk::rules;
use self::syntax::{start, targets};
use super::destructive::{created_table, qualified, skip_words, w};
use super::{Block, Check, CheckedMigration, Findings, Lint, Status};
use crate::migrations::MigrationSet;
use crate::migrations::sql::Token;
use crate::tool_kind::ToolKind;

/// A table lock mode that blocks the application (weaker modes are not tracked).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Mode {
    /// `SHARE`: blocks writes.
    Share,
    /// `SHARE ROW EXCLUSIVE`: blocks writes.
    ShareRowExclusive,
    /// `EXCLUSIVE`: blocks writes (reads go on).
    Exclusive,
    /// `ACCESS EXCLUSIVE`: blocks reads and writes.
    AccessExclusive,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::Share => "SHARE",
            Mode::ShareRowExclusive => "SHARE ROW EXCLUSIVE",
            Mode::Exclusive => "EXCLUSIVE",
            Mode::AccessExclusive => "ACCESS EXCLUSIVE",
        }
    }

    fn blocks(self) -> &'static str {
        if self == Mode::AccessExclusive { "reads and writes" } else { "writes" }
    }

    fn of(mode: &ast::LockMode) -> Option<Mode> {
        match mode {
            ast::LockMode::AccessExclusive(_) => Some(Mode::AccessExclusive),
            ast::LockMode::Exclusive(_) => Some(Mode::Exclusive),
            ast::LockMode::ShareRowExclusive(_) => Some(Mode::ShareRowExclusive),
            ast::LockMode::Share(_) => Some(Mode::Share),
            _ => None,
        }
    }
}

pub(super) struct Locks {
    lint: Lint,
    /// Tables created by migrations that are new in this deploy.
    deploy_tables: HashSet<String>,
    /// Index → its table, from every `CREATE INDEX` seen so far.
    index_tables: HashMap<String, String>,
    /// The migrations new in this deploy, in apply order (the next release).
    release: Vec<ReleaseUnit>,
}

impl Locks {
    pub(super) fn new(lint: Lint) -> Self {
        Locks { lint, deploy_tables: HashSet::new(), index_tables: HashMap::new(), release: Vec::new() }
    }
}

impl Check for Locks {
    fn migration(&mut self, unit: &CheckedMigration<'_>, blocks: &[Block<'_>], out: &mut Findings<'_>) {
        if self.lint == Lint::Off {
            return;
        }
        let is_new = unit.status == Status::New;
        let mut rel = unit.up_file().filter(|_| is_new).map(|up| ReleaseUnit::new(&unit.migration.version, up));
        for b in blocks.iter().filter(|b| b.up && !b.is_empty()) {
            self.block(b, is_new, rel.as_mut(), out);
        }
        self.release.extend(rel);
    }

    fn finish(&mut self, set: &MigrationSet, out: &mut Findings<'_>) {
        // The next release applies the migrations new since the previous build
        // (none on a first build: then nothing is known about the database).
        if self.release.len() < 2 {
            return;
        }
        // What `MIGRATIONS_TX_MODE=auto` (the default) will do with them,
        // decided by the release's own code.
        let versions: Vec<String> = self.release.iter().map(|r| r.version.clone()).collect();
        let all_mode = matches!(crate::migrations::grouping::plan(set, &versions), Ok(p) if p.blocker.is_none());
        if !all_mode {
            return;
        }
        held_across_files(&self.release, out);
        validate_after_not_valid(&self.release, out);
    }
}

/// Whether the statement made of the code tokens `c` needs squawk's parser:
/// a rule looks at it, or (in a release migration) it may take a lock.
fn needs_parse(c: &[&Token<'_>], lint: Lint, is_new: bool) -> bool {
    let Some(first) = c.first() else { return false };
    if first.is_word("ALTER") {
        w(c, 1, "TABLE") || w(c, 1, "DOMAIN")
    } else if first.is_word("DROP") {
        w(c, 1, "INDEX")
    } else if ["REINDEX", "VACUUM", "CLUSTER", "LOCK"].iter().any(|k| first.is_word(k)) {
        true
    } else if first.is_word("CREATE") {
        let i = skip_words(c, 1, &["UNIQUE"]);
        if w(c, i, "INDEX") {
            return is_new;
        }
        let i = skip_words(c, 1, &["GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "UNLOGGED", "OR", "REPLACE"]);
        w(c, i, "TABLE") && (lint == Lint::All || (is_new && c.iter().any(|t| t.is_word("REFERENCES"))))
    } else {
        false
    }
}

/// The block's text with the code of the statements no rule looks at blanked
/// out (same byte offsets and lines, comments kept for squawk's own ignore
/// comments, transaction control kept): squawk's parser is the costly part, and
/// most statements of a migration (`CREATE TABLE`, `INSERT`, …) need none of it.
fn only_wanted(b: &Block<'_>, code: &[Vec<&Token<'_>>], wanted: &[bool]) -> String {
    let mut text = b.text.as_bytes().to_vec();
    for ((s, c), keep) in b.stmts.iter().zip(code).zip(wanted) {
        let control = c.first().is_some_and(|t| ["BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT"].iter().any(|k| t.is_word(k)));
        if *keep || control {
            continue;
        }
        let mut at = s.offset;
        for t in &s.tokens {
            if t.is_code() {
                for byte in &mut text[at..at + t.text.len()] {
                    if *byte != b'\n' {
                        *byte = b' ';
                    }
                }
            }
            at += t.text.len();
        }
    }
    // Whole tokens were replaced by ASCII spaces, so the text is still UTF-8.
    String::from_utf8(text).unwrap_or_else(|_| b.text.to_string())
}

/// `CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] name ON [ONLY] table`: (index, table).
fn created_index(c: &[&Token<'_>]) -> Option<(String, String)> {
    let i = skip_words(c, 1, &["UNIQUE"]);
    if !(w(c, 0, "CREATE") && w(c, i, "INDEX")) {
        return None;
    }
    let i = skip_words(c, i + 1, &["CONCURRENTLY"]);
    let i = if w(c, i, "IF") { i + 3 } else { i };
    if w(c, i, "ON") {
        return None; // No name: PostgreSQL picks one.
    }
    let (index, j) = qualified(c, i)?;
    if !w(c, j, "ON") {
        return None;
    }
    let (table, _) = qualified(c, skip_words(c, j + 1, &["ONLY"]))?;
    Some((index, table))
}

/// What squawk made of one block.
struct Parsed {
    parse: Parse<SourceFile>,
    violations: Vec<Violation>,
}

/// Parses and lints `text` with `rules`; `None` if squawk's parser panicked
/// (then the block gets no findings from this module rather than failing the build).
fn lint(text: &str, rules: &[Rule], in_transaction: bool) -> Option<Parsed> {
    std::panic::catch_unwind(|| {
        let parse = SourceFile::parse(text);
        let mut linter = Linter::from(rules.iter().copied());
        linter.settings.assume_in_transaction = in_transaction;
        let violations = linter.lint(&parse, text);
        Parsed { parse, violations }
    })
    .ok()
}

/// One finding about one statement, before the new-table filter.
struct Found {
    code: &'static str,
    rule: Option<&'static str>,
    message: String,
    fix: String,
    /// A lock rule: not reported when every table it concerns is new.
    lock: bool,
}

impl Found {
    /// A finding of a lock rule (no squawk rule named).
    fn lock(code: &'static str, message: String, fix: impl Into<String>) -> Found {
        Found { code, rule: None, message, fix: fix.into(), lock: true }
    }
}

/// The per-block state: which tables are new so far.
struct Ctx<'s> {
    file_tables: HashSet<String>,
    deploy_tables: &'s HashSet<String>,
    index_tables: &'s HashMap<String, String>,
}

impl Ctx<'_> {
    fn is_new(&self, table: &str) -> bool {
        self.file_tables.contains(table) || self.deploy_tables.contains(table)
    }

    fn index_table(&self, index: &str) -> Option<&str> {
        self.index_tables.get(index).map(String::as_str)
    }
}

impl Locks {
    /// Tracks created tables and indexes of one statement.
    fn track(&mut self, c: &[&Token<'_>], is_new: bool, file_tables: &mut HashSet<String>) {
        if let Some(t) = created_table(c) {
            if is_new {
                self.deploy_tables.insert(t.clone());
            }
            file_tables.insert(t);
        } else if let Some((index, table)) = created_index(c) {
            self.index_tables.insert(index, table);
        }
    }

    fn block(&mut self, b: &Block<'_>, is_new: bool, mut rel: Option<&mut ReleaseUnit>, out: &mut Findings<'_>) {
        let code: Vec<Vec<&Token<'_>>> = b.stmts.iter().map(|s| s.code().collect()).collect();
        let mut file_tables = HashSet::new();
        let wanted: Vec<bool> = code.iter().map(|c| needs_parse(c, self.lint, is_new)).collect();
        let parsed = if wanted.contains(&true) {
            // Several statements sent in one call are one implicit transaction;
            // dbmate also wraps a section in its own unless `transaction:false`.
            let in_transaction = (b.tool == ToolKind::Dbmate && b.transaction) || b.stmts.len() > 1;
            lint(&only_wanted(b, &code, &wanted), &rules(self.lint), in_transaction)
        } else {
            None
        };
        let Some(parsed) = parsed else {
            for c in &code {
                self.track(c, is_new, &mut file_tables);
            }
            return;
        };
        // Our statement of each squawk statement, by where its code starts.
        let ends: Vec<usize> = b.stmts.iter().map(|s| s.offset + s.text.len() + 1).collect();
        let stmts: Vec<ast::Stmt> = parsed.parse.tree().stmts().collect();
        let mut tracked = 0;
        let mut v = 0;
        for (k, stmt) in stmts.iter().enumerate() {
            let at = start(stmt.syntax());
            let end = u32::from(stmt.syntax().text_range().end()) as usize;
            let i = ends.iter().position(|e| at < *e).unwrap_or(b.stmts.len() - 1);
            while tracked <= i {
                self.track(&code[tracked], is_new, &mut file_tables);
                tracked += 1;
            }
            let ctx =
                Ctx { file_tables: std::mem::take(&mut file_tables), deploy_tables: &self.deploy_tables, index_tables: &self.index_tables };
            let targets = targets(stmt, &ctx);
            let all_new = !targets.is_empty() && targets.iter().all(|t| ctx.is_new(t));
            let mut found: Vec<Found> = Vec::new();
            while let Some(viol) = parsed.violations.get(v) {
                let pos = u32::from(viol.text_range.start()) as usize;
                // Violations come in text order; the last statement takes any left.
                if pos >= end && k + 1 < stmts.len() {
                    break;
                }
                v += 1;
                if let Some(f) = from_squawk(viol, stmt, &ctx, b.tool) {
                    found.push(f);
                }
            }
            found.extend(own_rules(stmt, &ctx));
            let line = Some(b.stmts[i].line);
            let mut seen = HashSet::new();
            for f in found {
                if (f.lock && all_new) || !seen.insert(f.code) {
                    continue;
                }
                out.warn_rule(b.file, f.code, f.rule, line, f.message, &f.fix);
            }
            if let Some(r) = rel.as_deref_mut() {
                record(stmt, &ctx, b.stmts[i].line, r);
            }
            file_tables = ctx.file_tables;
        }
        for c in &code[tracked.min(code.len())..] {
            self.track(c, is_new, &mut file_tables);
        }
    }
}
