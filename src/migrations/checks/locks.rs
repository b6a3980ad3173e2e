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

use std::collections::{HashMap, HashSet};

use squawk_linter::{Linter, Rule, Violation};
use squawk_syntax::ast::{self, AstNode, NameLike};
use squawk_syntax::{Parse, SourceFile};

use super::destructive::{created_table, qualified, skip_words, w};
use super::{Block, Check, CheckedMigration, Findings, Lint, Status, codes};
use crate::migrations::MigrationSet;
use crate::migrations::sql::Token;
use crate::tool_kind::ToolKind;

/// squawk's rules that are never reported, whatever the setting: the runner
/// sets `lock_timeout` itself and retries busy locks (`all` mode), and a failed
/// release is rolled back, so every statement would get them for nothing.
pub(super) const NEVER: [Rule; 3] = [Rule::RequireLockTimeout, Rule::RequireStatementTimeout, Rule::PreferRobustStmts];

/// squawk's rules about locks, rewrites and blocking that this module reports
/// (the others of that kind are MG305, MG306 and MG308, reported by
/// [`super::destructive`] under their existing codes).
const LOCK_RULES: [Rule; 9] = [
    Rule::AddingForeignKeyConstraint,
    Rule::ConstraintMissingNotValid,
    Rule::DisallowedUniqueConstraint,
    Rule::AddingSerialPrimaryKeyField,
    Rule::AddingFieldWithDefault,
    Rule::RequireConcurrentIndexDeletion,
    Rule::RequireConcurrentReindex,
    Rule::RequireConcurrentPartitionDetach,
    Rule::BanAlterDomainWithAddConstraint,
];

/// squawk's style rules, reported only with `BP_MIGRATIONS_LINT=all`.
const STYLE_RULES: [Rule; 6] = [
    Rule::PreferTextField,
    Rule::PreferBigintOverInt,
    Rule::PreferBigintOverSmallint,
    Rule::PreferIdentity,
    Rule::PreferTimestampTz,
    Rule::BanCharField,
];

/// The squawk rules run for `lint`.
pub(super) fn rules(lint: Lint) -> Vec<Rule> {
    let style: &[Rule] = if lint == Lint::All { &STYLE_RULES } else { &[] };
    match lint {
        Lint::Off => Vec::new(),
        Lint::Locks | Lint::All => LOCK_RULES.iter().chain(style).copied().filter(|r| !NEVER.contains(r)).collect(),
    }
}

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

/// A lock on an existing table that a release migration takes and keeps to
/// the end of its transaction.
#[derive(Debug, Clone)]
struct Held {
    table: String,
    mode: Mode,
    line: usize,
    /// The statement, as the user would search for it (`ALTER TABLE`, …).
    what: &'static str,
}

/// One migration of the next release (new since the previous build), as
/// MG320 and the cross-file MG312 need it after its files are gone.
struct ReleaseUnit {
    version: String,
    /// Its up file.
    file: String,
    allowed: HashSet<String>,
    /// Locks on existing tables, in statement order.
    held: Vec<Held>,
    /// Constraints added `NOT VALID` to existing tables: name → table.
    not_valid: HashMap<String, String>,
    /// `VALIDATE CONSTRAINT` on existing tables: (constraint, table, line).
    validates: Vec<(String, String, usize)>,
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
        let mut rel = match (is_new, unit.up_file()) {
            (true, Some(up)) => Some(ReleaseUnit {
                version: unit.migration.version.clone(),
                file: up.name.clone(),
                allowed: up.allowed.clone(),
                held: Vec::new(),
                not_valid: HashMap::new(),
                validates: Vec::new(),
            }),
            _ => None,
        };
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

/// MG320: a lock taken before the last migration of an `all` release is held
/// while the later ones run.
fn held_across_files(release: &[ReleaseUnit], out: &mut Findings<'_>) {
    for (i, r) in release.iter().enumerate() {
        let later = &release[i + 1..];
        let Some(first) = r.held.first() else { continue };
        let Some(next) = later.first() else { continue };
        let mut tables: Vec<(&str, Mode)> = Vec::new();
        for h in &r.held {
            match tables.iter_mut().find(|(t, _)| *t == h.table) {
                Some((_, m)) => *m = (*m).max(h.mode),
                None => tables.push((&h.table, h.mode)),
            }
        }
        let listed: Vec<String> = tables.iter().take(3).map(|(t, m)| format!("{} on `{t}`", m.name())).collect();
        let more = if tables.len() > 3 { format!(" and {} more", tables.len() - 3) } else { String::new() };
        let strongest = tables.iter().map(|(_, m)| *m).max().unwrap_or(first.mode);
        let others = if later.len() > 1 { format!(" and {} more", later.len() - 1) } else { String::new() };
        out.warn_in(
            &r.file,
            &r.allowed,
            codes::LOCK_HELD_ACROSS_FILES,
            None,
            Some(first.line),
            format!(
                "{} takes {}{more}; the next release runs its {} new migrations in one transaction (`all` mode: \
                 MIGRATIONS_TX_MODE=auto picks it because each can run in a transaction), so {} on `{}` stay blocked \
                 until it commits, also while the later `{}`{others} run",
                first.what,
                listed.join(", "),
                release.len(),
                strongest.blocks(),
                tables[0].0,
                next.file,
            ),
            "deploy the later migrations in a separate release, or make this the last migration of the release (its lock \
             is then held only briefly); MIGRATIONS_TX_MODE=file commits each migration on its own",
        );
    }
}

/// MG312 across files: `VALIDATE CONSTRAINT` in the same `all` transaction as
/// the `ADD CONSTRAINT … NOT VALID` of an earlier migration.
fn validate_after_not_valid(release: &[ReleaseUnit], out: &mut Findings<'_>) {
    for (j, r) in release.iter().enumerate() {
        for (name, table, line) in &r.validates {
            let Some(earlier) = release[..j].iter().rev().find(|e| e.not_valid.get(name) == Some(table)) else { continue };
            out.warn_in(
                &r.file,
                &r.allowed,
                codes::CONSTRAINT_SCAN,
                Some("constraint-missing-not-valid"),
                Some(*line),
                format!(
                    "VALIDATE CONSTRAINT `{name}` runs in the same transaction as `{}`, which added it NOT VALID (the \
                     next release applies both in one `all` transaction): the validation scans `{table}` while the lock \
                     ADD CONSTRAINT took is still held",
                    earlier.file
                ),
                "deploy the VALIDATE CONSTRAINT in a later release than the NOT VALID constraint (or set MIGRATIONS_TX_MODE=file)",
            );
        }
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

fn start(node: &squawk_syntax::SyntaxNode) -> usize {
    let first = node.children_with_tokens().find(|x| !x.kind().is_trivia()).map(|x| x.text_range().start());
    u32::from(first.unwrap_or_else(|| node.text_range().start())) as usize
}

fn path(p: Option<ast::PathRef>) -> Option<String> {
    Some(p?.segment()?.text())
}

fn table_ref(t: Option<ast::TableNameRef>) -> Option<String> {
    path(t?.path_ref())
}

fn relation(t: Option<ast::TableRelationName>) -> Option<String> {
    table_ref(t?.table_name_ref())
}

/// Tables a foreign key or `REFERENCES` in `node` points to.
fn referenced(node: &squawk_syntax::SyntaxNode) -> Vec<String> {
    node.descendants()
        .filter_map(|n| match ast::Constraint::cast(n)? {
            ast::Constraint::ForeignKeyConstraint(fk) => table_ref(fk.table_name_ref()),
            ast::Constraint::ReferencesConstraint(r) => table_ref(r.table()),
            _ => None,
        })
        .collect()
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

/// The tables a statement's lock rules are about (empty: unknown, never "new").
fn targets(stmt: &ast::Stmt, ctx: &Ctx<'_>) -> Vec<String> {
    let index = |r: Option<ast::IndexRef>| path(r?.path_ref()).and_then(|i| ctx.index_table(&i).map(str::to_string));
    match stmt {
        ast::Stmt::AlterTable(a) => relation(a.table_relation_name()).into_iter().collect(),
        ast::Stmt::DropIndex(d) => {
            let t: Vec<Option<String>> = d.index_refs().map(|r| index(Some(r))).collect();
            if t.iter().all(Option::is_some) { t.into_iter().flatten().collect() } else { Vec::new() }
        }
        ast::Stmt::Reindex(r) => match r.reindex_target() {
            Some(ast::ReindexTarget::ReindexTargetTable(t)) => table_ref(t.table_name_ref()).into_iter().collect(),
            Some(ast::ReindexTarget::ReindexTargetIndex(i)) => index(i.index_ref()).into_iter().collect(),
            _ => Vec::new(),
        },
        ast::Stmt::Vacuum(v) => v
            .table_and_columns_list()
            .map(|l| l.table_and_columnss().filter_map(|t| relation(t.table_relation_name())).collect())
            .unwrap_or_default(),
        ast::Stmt::Cluster(c) => cluster_table(c).into_iter().collect(),
        ast::Stmt::Lock(l) => lock_tables(l),
        _ => Vec::new(),
    }
}

fn cluster_table(c: &ast::Cluster) -> Option<String> {
    table_ref(c.table_name_ref()).or_else(|| table_ref(c.cluster_legacy()?.on_path()?.table_name_ref()))
}

fn lock_tables(l: &ast::Lock) -> Vec<String> {
    l.relation_list().map(|r| r.relation_names().filter_map(|n| path(n.relation_name_ref()?.path_ref())).collect()).unwrap_or_default()
}

fn lock_mode(l: &ast::Lock) -> Option<Mode> {
    match l.lock_mode_clause() {
        None => Some(Mode::AccessExclusive),
        Some(c) => Mode::of(&c.lock_mode()?),
    }
}

/// "alone in its own migration file", as each tool needs it for statements
/// that cannot run in a transaction block.
fn alone(tool: ToolKind) -> &'static str {
    match tool {
        ToolKind::GolangMigrate => "alone in its own migration file",
        ToolKind::Dbmate => "alone in its own migration file with `-- migrate:up transaction:false`",
    }
}

fn quoted(name: Option<String>) -> String {
    name.map(|n| format!("`{n}`")).unwrap_or_else(|| "the table".into())
}

/// The action of `alter` that covers `pos`.
fn action_at(alter: &ast::AlterTable, pos: usize) -> Option<ast::AlterTableAction> {
    alter.actions().find(|a| {
        let r = a.syntax().text_range();
        (u32::from(r.start()) as usize..=u32::from(r.end()) as usize).contains(&pos)
    })
}

/// A squawk violation as this project's finding.
fn from_squawk(v: &Violation, stmt: &ast::Stmt, ctx: &Ctx<'_>, tool: ToolKind) -> Option<Found> {
    let pos = u32::from(v.text_range.start()) as usize;
    let rule: &'static str = rule_name(v.code)?;
    let lock = |code, message: String, fix: &str| Some(Found { code, rule: Some(rule), message, fix: fix.to_string(), lock: true });
    let alter = match stmt {
        ast::Stmt::AlterTable(a) => Some(a),
        _ => None,
    };
    let table = quoted(alter.and_then(|a| relation(a.table_relation_name())));
    match v.code {
        Rule::AddingForeignKeyConstraint => {
            let refs = referenced(stmt.syntax());
            let target = quoted(refs.first().cloned());
            let inline = matches!(alter.and_then(|a| action_at(a, pos)), Some(ast::AlterTableAction::AddColumn(_)));
            lock(
                codes::FOREIGN_KEY_SCAN,
                format!(
                    "adding a foreign key to {table} checks every row while holding SHARE ROW EXCLUSIVE locks on {table} and \
                     {target}, blocking writes to both until the scan ends"
                ),
                if inline {
                    "add the column without REFERENCES, then `ADD CONSTRAINT … FOREIGN KEY … NOT VALID`, and VALIDATE CONSTRAINT in a later migration"
                } else {
                    "add it with NOT VALID (`ADD CONSTRAINT … FOREIGN KEY … NOT VALID`), then VALIDATE CONSTRAINT in a later migration"
                },
            )
        }
        Rule::ConstraintMissingNotValid => match alter.and_then(|a| action_at(a, pos))? {
            ast::AlterTableAction::ValidateConstraint(val) => {
                let name = quoted(path(val.constraint_name_ref()?.path_ref()));
                lock(
                    codes::CONSTRAINT_SCAN,
                    format!(
                        "VALIDATE CONSTRAINT {name} runs in the same transaction as the ADD CONSTRAINT … NOT VALID before it \
                         (the tool runs the whole file as one transaction), so it scans {table} while that statement's lock is still held"
                    ),
                    "move the VALIDATE CONSTRAINT to a later migration file",
                )
            }
            ast::AlterTableAction::AddConstraint(add) => match add.constraint()? {
                // MG311 and MG313 report these (NOT VALID is not even possible for UNIQUE and PRIMARY KEY).
                ast::Constraint::ForeignKeyConstraint(_)
                | ast::Constraint::ReferencesConstraint(_)
                | ast::Constraint::UniqueConstraint(_)
                | ast::Constraint::PrimaryKeyConstraint(_) => None,
                ast::Constraint::ExcludeConstraint(_) => lock(
                    codes::CONSTRAINT_INDEX,
                    format!(
                        "adding an EXCLUDE constraint to {table} builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes until it is built"
                    ),
                    "there is no non-blocking way to add an EXCLUDE constraint: add it at a quiet time, or when the table is created",
                ),
                c => lock(
                    codes::CONSTRAINT_SCAN,
                    format!(
                        "adding a {} constraint to {table} scans every row under an ACCESS EXCLUSIVE lock, blocking reads and writes until the scan ends",
                        if matches!(c, ast::Constraint::NotNullConstraint(_)) { "NOT NULL" } else { "CHECK" }
                    ),
                    "add it with NOT VALID, then VALIDATE CONSTRAINT in a later migration (that scan does not block reads or writes)",
                ),
            },
            _ => None,
        },
        Rule::DisallowedUniqueConstraint | Rule::AddingSerialPrimaryKeyField => {
            let what = if v.code == Rule::DisallowedUniqueConstraint { "UNIQUE" } else { "PRIMARY KEY" };
            lock(
                codes::CONSTRAINT_INDEX,
                format!(
                    "adding a {what} constraint to {table} builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes until it is built"
                ),
                &format!(
                    "create the index with `CREATE UNIQUE INDEX CONCURRENTLY` ({}), then `ADD CONSTRAINT … {what} USING INDEX` in a later migration",
                    alone(tool)
                ),
            )
        }
        Rule::AddingFieldWithDefault => {
            let add = match alter.and_then(|a| action_at(a, pos)) {
                Some(ast::AlterTableAction::AddColumn(c)) => Some(c),
                _ => None,
            };
            let generated = add.as_ref().is_some_and(|c| c.constraints().any(|k| matches!(k, ast::Constraint::GeneratedConstraint(_))));
            let column = add.and_then(|c| c.column_name()).map(|n| n.text());
            let col = column.map(|c| format!(" `{c}`")).unwrap_or_default();
            lock(
                codes::COLUMN_REWRITE,
                format!(
                    "adding column{col} to {table} {} rewrites the whole table under an ACCESS EXCLUSIVE lock, blocking reads and writes until it finishes",
                    if generated { "as a generated column (STORED or identity)" } else { "with a volatile DEFAULT" }
                ),
                if generated {
                    "add a plain nullable column, backfill it in batches and keep it current with a trigger (or add the column when the table is created)"
                } else {
                    "add the column without the default (nullable), backfill it in batches, then SET DEFAULT for new rows"
                },
            )
        }
        Rule::RequireConcurrentIndexDeletion => {
            let ast::Stmt::DropIndex(d) = stmt else { return None };
            let names: Vec<String> = d.index_refs().filter_map(|r| path(r.path_ref())).collect();
            let on = names.iter().find_map(|n| ctx.index_table(n)).map(|t| format!("`{t}`")).unwrap_or_else(|| "its table".into());
            lock(
                codes::BLOCKING_DROP_INDEX,
                format!(
                    "DROP INDEX `{}` without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on {on}, blocking reads and writes until it is dropped",
                    names.join("`, `")
                ),
                &format!("use DROP INDEX CONCURRENTLY, {}", alone(tool)),
            )
        }
        Rule::RequireConcurrentReindex => {
            let ast::Stmt::Reindex(r) = stmt else { return None };
            let what = match r.reindex_target() {
                Some(ast::ReindexTarget::ReindexTargetTable(t)) => format!("table {}", quoted(table_ref(t.table_name_ref()))),
                Some(ast::ReindexTarget::ReindexTargetIndex(i)) => {
                    format!("index {}", quoted(path(i.index_ref().and_then(|i| i.path_ref()))))
                }
                _ => "every index of a schema or database".into(),
            };
            lock(
                codes::BLOCKING_REINDEX,
                format!(
                    "REINDEX of {what} without CONCURRENTLY blocks writes to the table, and reads that use the index, until it is rebuilt"
                ),
                &format!("use REINDEX … CONCURRENTLY (PostgreSQL 12+), {}", alone(tool)),
            )
        }
        Rule::RequireConcurrentPartitionDetach => lock(
            codes::BLOCKING_DETACH,
            format!(
                "DETACH PARTITION without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the partitioned table {table}, blocking reads and writes"
            ),
            &format!("use DETACH PARTITION … CONCURRENTLY (PostgreSQL 14+), {}", alone(tool)),
        ),
        Rule::BanAlterDomainWithAddConstraint => {
            let ast::Stmt::AlterDomain(d) = stmt else { return None };
            if let Some(ast::AlterDomainAction::AddConstraint(add)) = d.action()
                && add.constraint().is_some_and(|c| c.is_not_valid())
            {
                return None;
            }
            let domain = quoted(path(d.domain_ref().and_then(|r| r.path_ref())));
            lock(
                codes::DOMAIN_CONSTRAINT,
                format!(
                    "ALTER DOMAIN {domain} ADD CONSTRAINT checks every column of that domain, in every table, while holding locks on them"
                ),
                "add the constraint NOT VALID, then VALIDATE CONSTRAINT in a later migration (or put CHECK constraints on the tables instead)",
            )
        }
        _ => {
            let code = match v.code {
                Rule::PreferTextField => codes::STYLE_TEXT,
                Rule::PreferBigintOverInt | Rule::PreferBigintOverSmallint => codes::STYLE_BIGINT,
                Rule::PreferIdentity => codes::STYLE_IDENTITY,
                Rule::PreferTimestampTz => codes::STYLE_TIMESTAMPTZ,
                Rule::BanCharField => codes::STYLE_CHAR,
                _ => return None,
            };
            let fix = v.help.clone().unwrap_or_else(|| "follow the rule, or silence it".into());
            Some(Found { code, rule: Some(rule), message: v.message.clone(), fix: fix.trim_end_matches('.').to_string(), lock: false })
        }
    }
}

/// squawk's name of the rules this module maps (`None` for those it never reports).
fn rule_name(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::AddingForeignKeyConstraint => "adding-foreign-key-constraint",
        Rule::ConstraintMissingNotValid => "constraint-missing-not-valid",
        Rule::DisallowedUniqueConstraint => "disallowed-unique-constraint",
        Rule::AddingSerialPrimaryKeyField => "adding-serial-primary-key-field",
        Rule::AddingFieldWithDefault => "adding-field-with-default",
        Rule::RequireConcurrentIndexDeletion => "require-concurrent-index-deletion",
        Rule::RequireConcurrentReindex => "require-concurrent-reindex",
        Rule::RequireConcurrentPartitionDetach => "require-concurrent-partition-detach",
        Rule::BanAlterDomainWithAddConstraint => "ban-alter-domain-with-add-constraint",
        Rule::PreferTextField => "prefer-text-field",
        Rule::PreferBigintOverInt => "prefer-bigint-over-int",
        Rule::PreferBigintOverSmallint => "prefer-bigint-over-smallint",
        Rule::PreferIdentity => "prefer-identity",
        Rule::PreferTimestampTz => "prefer-timestamptz",
        Rule::BanCharField => "ban-char-field",
        _ => return None,
    })
}

/// What squawk lacks: `VACUUM FULL`, `CLUSTER` (MG315), table copies (MG316), `LOCK TABLE` (MG317).
fn own_rules(stmt: &ast::Stmt, ctx: &Ctx<'_>) -> Vec<Found> {
    let lock =
        |code, rule: Option<&'static str>, message: String, fix: &str| Found { code, rule, message, fix: fix.to_string(), lock: true };
    let rewrite_fix = "run it outside the migrations at a quiet time, or use pg_repack (REPACK (CONCURRENTLY) on PostgreSQL 19+), which rewrites without blocking reads and writes";
    match stmt {
        ast::Stmt::Vacuum(v) if v.is_full() => {
            let tables: Vec<String> = targets(stmt, ctx);
            let what = if tables.is_empty() { "every table of the database".to_string() } else { format!("`{}`", tables.join("`, `")) };
            vec![lock(
                codes::TABLE_REWRITE,
                Some("prefer-repack"),
                format!("VACUUM FULL rewrites {what} under an ACCESS EXCLUSIVE lock, blocking reads and writes until it finishes"),
                rewrite_fix,
            )]
        }
        ast::Stmt::Cluster(c) => {
            let what = cluster_table(c).map(|t| format!("`{t}`")).unwrap_or_else(|| "every previously clustered table".into());
            vec![lock(
                codes::TABLE_REWRITE,
                Some("prefer-repack"),
                format!("CLUSTER rewrites {what} under an ACCESS EXCLUSIVE lock, blocking reads and writes until it finishes"),
                rewrite_fix,
            )]
        }
        ast::Stmt::AlterTable(a) => {
            let table = quoted(relation(a.table_relation_name()));
            a.actions()
                .filter_map(|act| {
                    let what = match act {
                        ast::AlterTableAction::SetTablespace(_) => "SET TABLESPACE copies",
                        ast::AlterTableAction::SetLogged(_) => "SET LOGGED rewrites",
                        ast::AlterTableAction::SetUnlogged(_) => "SET UNLOGGED rewrites",
                        ast::AlterTableAction::SetAccessMethod(_) => "SET ACCESS METHOD rewrites",
                        _ => return None,
                    };
                    Some(lock(
                        codes::TABLE_COPY,
                        None,
                        format!("ALTER TABLE {table} {what} the whole table under an ACCESS EXCLUSIVE lock, blocking reads and writes until it finishes"),
                        "do it outside the migrations at a quiet time (pg_repack can also move a table to another tablespace online)",
                    ))
                })
                .take(1)
                .collect()
        }
        ast::Stmt::Lock(l) => {
            let Some(mode) = lock_mode(l) else { return Vec::new() };
            let tables = lock_tables(l);
            vec![lock(
                codes::LOCK_TABLE,
                None,
                format!(
                    "LOCK TABLE `{}` IN {} MODE blocks {} to it until the migration's transaction ends (in the release's `all` mode: until the whole release commits)",
                    tables.join("`, `"),
                    mode.name(),
                    mode.blocks()
                ),
                "remove it (each statement takes the lock it needs), or take a weaker lock",
            )]
        }
        _ => Vec::new(),
    }
}

/// Locks on existing tables, and `NOT VALID` / `VALIDATE` constraints, that a
/// release migration's statement takes or adds.
fn record(stmt: &ast::Stmt, ctx: &Ctx<'_>, line: usize, r: &mut ReleaseUnit) {
    let mut held = |table: Option<String>, mode: Mode, what: &'static str| {
        if let Some(table) = table.filter(|t| !ctx.is_new(t)) {
            r.held.push(Held { table, mode, line, what });
        }
    };
    match stmt {
        ast::Stmt::AlterTable(a) => {
            let table = relation(a.table_relation_name());
            let mut mode = None;
            for act in a.actions() {
                let m = match &act {
                    // SHARE UPDATE EXCLUSIVE: reads and writes go on.
                    ast::AlterTableAction::ValidateConstraint(_)
                    | ast::AlterTableAction::AttachPartition(_)
                    | ast::AlterTableAction::ClusterOn(_)
                    | ast::AlterTableAction::SetWithoutCluster(_) => None,
                    ast::AlterTableAction::DetachPartition(d) if d.detach_partition_option().is_some() => None,
                    ast::AlterTableAction::AddConstraint(add)
                        if matches!(add.constraint(), Some(ast::Constraint::ForeignKeyConstraint(_))) =>
                    {
                        Some(Mode::ShareRowExclusive)
                    }
                    ast::AlterTableAction::EnableTrigger(_)
                    | ast::AlterTableAction::DisableTrigger(_)
                    | ast::AlterTableAction::EnableAlwaysTrigger(_)
                    | ast::AlterTableAction::EnableReplicaTrigger(_) => Some(Mode::ShareRowExclusive),
                    _ => Some(Mode::AccessExclusive),
                };
                mode = mode.max(m);
                match act {
                    ast::AlterTableAction::AddConstraint(add) => {
                        if let (Some(c), Some(t)) = (add.constraint(), table.clone())
                            && c.is_not_valid()
                            && !ctx.is_new(&t)
                            && let Some(name) = c.constraint_name()
                        {
                            r.not_valid.insert(name.text(), t);
                        }
                    }
                    ast::AlterTableAction::ValidateConstraint(val) => {
                        if let (Some(name), Some(t)) = (path(val.constraint_name_ref().and_then(|n| n.path_ref())), table.clone())
                            && !ctx.is_new(&t)
                        {
                            r.validates.push((name, t, line));
                        }
                    }
                    _ => {}
                }
            }
            if let Some(m) = mode {
                held(table, m, "ALTER TABLE");
                for t in referenced(a.syntax()) {
                    held(Some(t), Mode::ShareRowExclusive, "ALTER TABLE");
                }
            }
        }
        ast::Stmt::CreateIndex(c) if c.concurrently_token().is_none() => {
            held(relation(c.table_relation_name()), Mode::Share, "CREATE INDEX")
        }
        ast::Stmt::CreateTable(c) => {
            for t in referenced(c.syntax()) {
                held(Some(t), Mode::ShareRowExclusive, "CREATE TABLE … REFERENCES");
            }
        }
        ast::Stmt::DropIndex(d) if d.concurrently_token().is_none() => {
            for t in targets(stmt, ctx) {
                held(Some(t), Mode::AccessExclusive, "DROP INDEX");
            }
        }
        ast::Stmt::Reindex(_) => {
            for t in targets(stmt, ctx) {
                held(Some(t), Mode::Share, "REINDEX");
            }
        }
        ast::Stmt::Cluster(c) => held(cluster_table(c), Mode::AccessExclusive, "CLUSTER"),
        ast::Stmt::Lock(l) => {
            if let Some(m) = lock_mode(l) {
                for t in lock_tables(l) {
                    held(Some(t), m, "LOCK TABLE");
                }
            }
        }
        _ => {}
    }
}
