//! Build-time checks of a [`MigrationSet`] (every code is documented in
//! `docs/checks.md`).
//!
//! [`run`] decides once, before any rule runs, which migrations are new or
//! changed since the previous successful build ([`Status`]), reads each
//! migration's SQL once ([`CheckedMigration`], split into statements per [`Block`]), then
//! hands every migration, in apply order, to each rule family (a [`Check`]):
//!
//! * [`naming`]: files the tool ignores or would run unexpectedly, empty up
//!   and missing down migrations;
//! * [`transactions`]: statements that break or cannot run in the tool's
//!   transaction;
//! * [`destructive`]: destructive and locking schema changes, seed data;
//! * [`locks`]: lock-safety rules at squawk's level (squawk's linter as the
//!   rule engine, with the release's context: which tables are new, which
//!   files run in one transaction), and a few rules squawk lacks;
//! * [`history`]: comparison with the previous build (out of order, removed,
//!   changed).
//!
//! Warnings can be silenced per file with a comment
//! `-- migrations:allow MG301, MG401`; errors cannot. `strict` promotes the
//! warnings that are news for this build ([`CheckReport::is_new`]) to errors
//! (except an out-of-order warning that `allow_out_of_order` asked for).

mod deployed;
mod destructive;
mod locks;
mod naming;
mod tx_control;

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::sync::LazyLock;

use regex::Regex;
use sha2::Digest;

use super::sql::{self, Statement, TokenKind};
use super::{Migration, MigrationSet, dbmate_files as dbmate, file_name};
use crate::tool_kind::ToolKind;

pub use deployed::next_version;

/// The stable check codes.
pub mod codes {
    /// Error: two files with the same version.
    pub const DUPLICATE_VERSION: &str = "MG001";
    /// Error: golang-migrate down file without its up file.
    pub const DOWN_WITHOUT_UP: &str = "MG002";
    /// Error: dbmate file without `-- migrate:up`.
    pub const DBMATE_MISSING_UP: &str = "MG003";
    /// Error: any other dbmate parse error (missing down, statements before up, …).
    pub const DBMATE_PARSE: &str = "MG004";
    /// Error: dbmate file with more than one up/down pair.
    pub const DBMATE_MULTIPLE_SECTIONS: &str = "MG005";
    /// Warning (was an error): up migration without SQL; the tool records the version, nothing else happens.
    pub const EMPTY_UP: &str = "MG006";
    /// Error: version does not fit the tool's type (u64 for golang-migrate).
    pub const VERSION_OVERFLOW: &str = "MG007";
    /// Error (warning when allowed): new migration older than the previous build's newest.
    pub const OUT_OF_ORDER: &str = "MG008";
    /// Error: migration file name that is not valid UTF-8.
    pub const NON_UTF8_NAME: &str = "MG009";
    /// Error: a migration file could not be read while checking.
    pub const UNREADABLE: &str = "MG010";
    /// Warning: file the tool silently ignores.
    pub const IGNORED_FILE: &str = "MG101";
    /// Warning: no (usable) down migration.
    pub const MISSING_DOWN: &str = "MG102";
    /// Warning: golang-migrate file with an extension other than `.sql` (still applied).
    pub const ODD_EXTENSION: &str = "MG103";
    /// Warning: a version of the previous build has no file any more.
    pub const REMOVED_SINCE_PREVIOUS: &str = "MG104";
    /// Warning: the up SQL of a migration the previous build had has changed.
    pub const CHANGED_SINCE_PREVIOUS: &str = "MG105";
    /// Warning: statement that cannot run inside a transaction block.
    pub const NON_TRANSACTIONAL: &str = "MG201";
    /// Warning: explicit BEGIN/COMMIT/ROLLBACK.
    pub const TRANSACTION_CONTROL: &str = "MG202";
    /// Warning: `ALTER TYPE … ADD VALUE` inside a transaction.
    pub const ENUM_ADD_VALUE: &str = "MG203";
    /// Warning: `DROP TABLE`.
    pub const DROP_TABLE: &str = "MG301";
    /// Warning: `ALTER TABLE … DROP COLUMN`.
    pub const DROP_COLUMN: &str = "MG302";
    /// Warning: `TRUNCATE`.
    pub const TRUNCATE: &str = "MG303";
    /// Warning: renaming a table or column.
    pub const RENAME: &str = "MG304";
    /// Warning: `ALTER COLUMN … TYPE`.
    pub const ALTER_COLUMN_TYPE: &str = "MG305";
    /// Warning: `ALTER COLUMN … SET NOT NULL`.
    pub const SET_NOT_NULL: &str = "MG306";
    /// Warning: `ADD COLUMN … NOT NULL` without `DEFAULT`.
    pub const ADD_COLUMN_NOT_NULL: &str = "MG307";
    /// Warning: `CREATE INDEX` without `CONCURRENTLY` on an existing table.
    pub const BLOCKING_INDEX: &str = "MG308";
    /// Warning: `DROP INDEX` without `CONCURRENTLY` on an existing table.
    pub const BLOCKING_DROP_INDEX: &str = "MG309";
    /// Warning: `REINDEX` without `CONCURRENTLY`.
    pub const BLOCKING_REINDEX: &str = "MG310";
    /// Warning: foreign key (`ADD CONSTRAINT … FOREIGN KEY`, `ADD COLUMN … REFERENCES`) validated under the lock.
    pub const FOREIGN_KEY_SCAN: &str = "MG311";
    /// Warning: `CHECK` constraint without `NOT VALID`, or `VALIDATE` in the transaction of its `NOT VALID`.
    pub const CONSTRAINT_SCAN: &str = "MG312";
    /// Warning: `UNIQUE` / `PRIMARY KEY` / `EXCLUDE` constraint that builds its index under the lock.
    pub const CONSTRAINT_INDEX: &str = "MG313";
    /// Warning: `ADD COLUMN` with a volatile default or a stored generated column (table rewrite).
    pub const COLUMN_REWRITE: &str = "MG314";
    /// Warning: `VACUUM FULL` or `CLUSTER` (table rewrite under `ACCESS EXCLUSIVE`).
    pub const TABLE_REWRITE: &str = "MG315";
    /// Warning: `ALTER TABLE … SET TABLESPACE` / `SET LOGGED` / `SET UNLOGGED` / `SET ACCESS METHOD` (table copy).
    pub const TABLE_COPY: &str = "MG316";
    /// Warning: explicit `LOCK TABLE` in a mode that blocks the application.
    pub const LOCK_TABLE: &str = "MG317";
    /// Warning: `DETACH PARTITION` without `CONCURRENTLY`.
    pub const BLOCKING_DETACH: &str = "MG318";
    /// Warning: `ALTER DOMAIN … ADD CONSTRAINT` (checks every column of the domain under lock).
    pub const DOMAIN_CONSTRAINT: &str = "MG319";
    /// Warning: a lock taken by one migration is held while later migrations of the same `all` release run.
    pub const LOCK_HELD_ACROSS_FILES: &str = "MG320";
    /// Warning: seed data (`INSERT` / `COPY … FROM`) in an up migration.
    pub const SEED_DATA: &str = "MG401";
    /// Style (`BP_MIGRATIONS_LINT=all`): `varchar(n)` instead of `text`.
    pub const STYLE_TEXT: &str = "MG501";
    /// Style (`BP_MIGRATIONS_LINT=all`): `int` / `smallint` instead of `bigint`.
    pub const STYLE_BIGINT: &str = "MG502";
    /// Style (`BP_MIGRATIONS_LINT=all`): `serial` instead of an identity column.
    pub const STYLE_IDENTITY: &str = "MG503";
    /// Style (`BP_MIGRATIONS_LINT=all`): `timestamp` without time zone.
    pub const STYLE_TIMESTAMPTZ: &str = "MG504";
    /// Style (`BP_MIGRATIONS_LINT=all`): `char(n)`.
    pub const STYLE_CHAR: &str = "MG505";
}

/// Which lock-safety and style rules run (`BP_MIGRATIONS_LINT`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Lint {
    /// The lock-safety rules (MG309–MG320), not the style rules (default).
    #[default]
    Locks,
    /// The lock-safety rules and the style rules (MG501–MG505).
    All,
    /// Neither: only the checks that do not need squawk's parser (MG0xx–MG308, MG401).
    Off,
}

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Fails the build.
    Error,
    /// Printed; fails the build only with `strict`.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Stable code, e.g. `MG301`.
    pub code: &'static str,
    /// Error or warning (after `strict` promotion in a [`CheckReport`]).
    pub severity: Severity,
    /// File name relative to the migrations directory (empty if none).
    pub file: String,
    /// 1-based line, when it concerns one statement.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it (and, for warnings, how to silence it).
    pub fix: String,
    /// The name of squawk's rule for the same problem, when it has one
    /// (e.g. `adding-foreign-key-constraint`), for `--format json`.
    pub rule: Option<&'static str>,
}

impl Finding {
    /// A finding about `file` (empty: the whole set), not about one line, with no squawk rule.
    pub(crate) fn new(code: &'static str, severity: Severity, file: impl Into<String>, message: String, fix: impl Into<String>) -> Finding {
        Finding { code, severity, file: file.into(), line: None, message, fix: fix.into(), rule: None }
    }

    /// [`Finding::new`] for an error.
    pub(crate) fn error(code: &'static str, file: impl Into<String>, message: String, fix: impl Into<String>) -> Finding {
        Finding::new(code, Severity::Error, file, message, fix)
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.severity, self.code)?;
        if !self.file.is_empty() {
            write!(f, " {}", self.file)?;
            if let Some(l) = self.line {
                write!(f, ":{l}")?;
            }
        }
        write!(f, ": {} (fix: {})", self.message, self.fix)
    }
}

/// Inputs of [`run`] besides the set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckOptions {
    /// Promote warnings to errors (`BP_MIGRATIONS_STRICT=true`).
    pub strict: bool,
    /// Out-of-order migrations are warnings, not errors
    /// (`BP_MIGRATIONS_ALLOW_OUT_OF_ORDER=true`).
    pub allow_out_of_order: bool,
    /// Versions seen by the previous successful build; `None` on the first build.
    pub previous_versions: Option<Vec<String>>,
    /// The previous build's [`CheckReport::checksums`] (version → checksum of
    /// its up SQL); versions missing here are never reported as changed.
    pub previous_checksums: BTreeMap<String, String>,
    /// The previous build's [`CheckReport::ignored`]: MG101 for these files is
    /// not new.
    pub previous_ignored: Vec<String>,
    /// Which lock-safety and style rules run (`BP_MIGRATIONS_LINT`).
    pub lint: Lint,
}

/// The informational result of the out-of-order comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Baseline {
    /// No previous build: nothing to compare with.
    FirstBuild,
    /// Compared with the previous build's versions.
    Compared {
        /// How many versions the previous build had.
        previous: usize,
        /// The previous build's newest version, if any.
        previous_newest: Option<String>,
        /// Versions new in this build, in apply order.
        new_versions: Vec<String>,
    },
}

impl fmt::Display for Baseline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Baseline::FirstBuild => f.write_str("first build: nothing to compare with"),
            Baseline::Compared { previous, previous_newest, new_versions } => write!(
                f,
                "compared with the previous build ({previous} migrations, newest {}): {} new",
                previous_newest.as_deref().unwrap_or("none"),
                new_versions.len()
            ),
        }
    }
}

/// The result of [`run`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// All findings (load errors first, then per migration in apply order,
    /// then out-of-order), with final severities.
    pub findings: Vec<Finding>,
    /// Info line for the build log about the out-of-order comparison
    /// (print it with `Display`: "first build: nothing to compare with", …).
    pub baseline: Baseline,
    /// Files of the migrations that are new or changed since the previous
    /// build (empty on a first build): their findings are the build's news.
    pub new_files: HashSet<String>,
    /// Versions whose up SQL changed since the previous build.
    pub changed_versions: Vec<String>,
    /// Version → checksum of its up SQL (code tokens only, so comment and
    /// whitespace edits do not count), for the next build's [`CheckOptions`].
    pub checksums: BTreeMap<String, String>,
    /// Files reported as MG101 (ignored by the tool), for the next build.
    pub ignored: Vec<String>,
}

impl CheckReport {
    /// Whether any finding is an error (the build must fail).
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// The errors.
    pub fn errors(&self) -> Vec<&Finding> {
        self.findings.iter().filter(|f| f.severity == Severity::Error).collect()
    }

    /// The warnings.
    pub fn warnings(&self) -> Vec<&Finding> {
        self.findings.iter().filter(|f| f.severity == Severity::Warning).collect()
    }

    /// Whether the finding is news for this build: everything on a first build;
    /// otherwise findings of new or changed migrations, of newly ignored files,
    /// and those about the whole set (a removed version).
    pub fn is_new(&self, f: &Finding) -> bool {
        match self.baseline {
            Baseline::FirstBuild => true,
            Baseline::Compared { .. } => f.file.is_empty() || self.new_files.contains(&f.file),
        }
    }
}

static ALLOW_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)migrations:allow[ \t]+([A-Z0-9_, \t]+)").expect("valid regex"));

/// Codes silenced in a file: `migrations:allow CODE[, CODE…]` inside any SQL
/// comment (`--` or `/* */`), codes separated by commas and/or spaces.
pub fn allowed_codes(text: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    for t in sql::tokenize(text) {
        if matches!(t.kind, TokenKind::LineComment | TokenKind::BlockComment) {
            for c in ALLOW_RE.captures_iter(t.text) {
                out.extend(c[1].split([',', ' ', '\t']).filter(|s| !s.is_empty()).map(str::to_ascii_uppercase));
            }
        }
    }
    out
}

fn silence_hint(code: &str) -> String {
    format!("or silence it with a comment `-- migrations:allow {code}` in that file")
}

/// Where a migration stands relative to the previous successful build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// No previous build to compare with.
    FirstBuild,
    /// Not in the previous build.
    New,
    /// In the previous build, with different up SQL.
    Changed,
    /// In the previous build, unchanged (or no checksum to compare).
    Deployed,
}

/// One migration file as the rules see it.
pub(crate) struct SqlFile {
    /// File name relative to the migrations directory.
    pub name: String,
    pub text: String,
    /// Codes silenced in this file.
    pub allowed: HashSet<String>,
}

impl SqlFile {
    fn new(name: String, text: String) -> Self {
        let allowed = allowed_codes(&text);
        SqlFile { name, text, allowed }
    }
}

/// One migration: its files (golang-migrate: up then down; dbmate: the one
/// file), read once, and its status. Only migrations whose up file could be
/// read get one (the others have MG010); an unreadable down file is left out.
pub(crate) struct CheckedMigration<'a> {
    pub tool: ToolKind,
    pub migration: &'a Migration,
    pub status: Status,
    pub files: &'a [SqlFile],
}

impl CheckedMigration<'_> {
    /// The file that holds the up SQL (golang-migrate up file, dbmate file).
    pub fn up_file(&self) -> Option<&SqlFile> {
        self.files.first()
    }

    /// The golang-migrate down file, when there is one and it was read.
    pub fn down_file(&self) -> Option<&SqlFile> {
        match self.tool {
            ToolKind::GolangMigrate => self.files.get(1),
            ToolKind::Dbmate => None,
        }
    }
}

/// The blocks of SQL the tool sends in one call, in file order, split into
/// statements (blank ones dropped).
fn blocks(tool: ToolKind, files: &[SqlFile]) -> Vec<Block<'_>> {
    let mut out = Vec::new();
    match tool {
        ToolKind::GolangMigrate => {
            for (i, f) in files.iter().enumerate() {
                out.push(Block::new(f, 0..f.text.len(), 1, i == 0, true, tool));
            }
        }
        ToolKind::Dbmate => {
            let Some(f) = files.first() else { return out };
            let Ok(sections) = dbmate::parse_contents(&f.text) else {
                return out; // Reported by the loader.
            };
            for s in sections {
                let up_line = dbmate::line_of(&f.text, s.up.start);
                let down_line = dbmate::line_of(&f.text, s.down.start);
                out.push(Block::new(f, s.up.clone(), up_line, true, s.up_transaction, tool));
                out.push(Block::new(f, s.down.clone(), down_line, false, s.down_transaction, tool));
            }
        }
    }
    out
}

/// Checksum of the up SQL: the code tokens of every up block, so that comment
/// and whitespace edits do not count as changes (16 hex digits).
fn checksum(blocks: &[Block<'_>]) -> String {
    let mut code = String::new();
    for b in blocks.iter().filter(|b| b.up) {
        for s in &b.stmts {
            for t in s.code() {
                code.push_str(t.text);
                code.push(' ');
            }
            code.push(';');
        }
    }
    hex::encode(&sha2::Sha256::digest(code.as_bytes())[..8])
}

/// One block of SQL the tool sends in one call: a golang-migrate file or a
/// dbmate section.
pub(crate) struct Block<'a> {
    pub file: &'a SqlFile,
    /// Line of the block's first byte in its file (dbmate: its directive).
    pub first_line: usize,
    pub up: bool,
    pub tool: ToolKind,
    /// dbmate's transaction option (golang-migrate: true).
    pub transaction: bool,
    /// The block's SQL (statement offsets are relative to it).
    pub text: &'a str,
    /// The statements with code, in order.
    pub stmts: Vec<Statement<'a>>,
}

impl<'a> Block<'a> {
    fn new(file: &'a SqlFile, range: std::ops::Range<usize>, first_line: usize, up: bool, transaction: bool, tool: ToolKind) -> Self {
        let text = &file.text[range];
        let stmts = sql::split_from(text, first_line).into_iter().filter(|s| !s.is_blank()).collect();
        Block { file, first_line, up, tool, transaction, text, stmts }
    }

    /// Whether the block holds no SQL (only whitespace and comments).
    pub fn is_empty(&self) -> bool {
        self.stmts.is_empty()
    }
}

/// Where rules put their findings; applies each file's allow list.
pub(crate) struct Findings<'a> {
    out: &'a mut Vec<Finding>,
}

impl Findings<'_> {
    /// A warning about `file` (dropped when the file allows `code`).
    pub fn warn(&mut self, file: &SqlFile, code: &'static str, line: Option<usize>, message: String, fix: &str) {
        self.warn_rule(file, code, None, line, message, fix);
    }

    /// [`Findings::warn`], naming squawk's rule for the same problem.
    pub fn warn_rule(
        &mut self,
        file: &SqlFile,
        code: &'static str,
        rule: Option<&'static str>,
        line: Option<usize>,
        message: String,
        fix: &str,
    ) {
        self.warn_in(&file.name, &file.allowed, code, rule, line, message, fix);
    }

    /// A warning about the file named `name`, whose allowed codes are `allowed`
    /// (for rules that report after the file's [`SqlFile`] is gone).
    #[allow(clippy::too_many_arguments)]
    pub fn warn_in(
        &mut self,
        name: &str,
        allowed: &HashSet<String>,
        code: &'static str,
        rule: Option<&'static str>,
        line: Option<usize>,
        message: String,
        fix: &str,
    ) {
        if allowed.contains(code) {
            return;
        }
        self.out.push(Finding {
            code,
            severity: Severity::Warning,
            file: name.to_string(),
            line,
            message,
            fix: format!("{fix}; {}", silence_hint(code)),
            rule,
        });
    }

    /// Any finding, as is.
    pub fn push(&mut self, f: Finding) {
        self.out.push(f);
    }
}

/// A rule family. Each is handed every migration in apply order, then the set.
pub(crate) trait Check {
    /// Findings about one migration.
    fn migration(&mut self, _unit: &CheckedMigration<'_>, _blocks: &[Block<'_>], _out: &mut Findings<'_>) {}
    /// Findings about the whole set, after every migration.
    fn finish(&mut self, _set: &MigrationSet, _out: &mut Findings<'_>) {}
}

/// Runs all checks. Reads the migration files again (linear in their size).
pub fn run(set: &MigrationSet, opts: &CheckOptions) -> CheckReport {
    let mut findings = set.load_findings.clone();
    let prev = deployed::Previous::new(set, opts);
    let mut new_files: HashSet<String> = HashSet::new();
    let mut changed_versions = Vec::new();
    let mut checksums = BTreeMap::new();

    let mut hist = deployed::History::new(prev.as_ref(), opts);
    let mut locks = locks::Locks::new(opts.lint);
    let mut checks: [&mut dyn Check; 5] =
        [&mut naming::Naming, &mut tx_control::Transactions, &mut destructive::Destructive::default(), &mut locks, &mut hist];
    {
        let mut out = Findings { out: &mut findings };
        for m in &set.migrations {
            let Some(files) = read_files(set, m, &mut out) else { continue };
            let blocks = blocks(set.tool, &files);
            let checksum = checksum(&blocks);
            let status = match &prev {
                None => Status::FirstBuild,
                Some(p) => p.status(set, &m.version, &checksum),
            };
            let unit = CheckedMigration { tool: set.tool, migration: m, status, files: &files };
            if matches!(status, Status::New | Status::Changed) {
                new_files.extend([m.up.as_deref(), m.down.as_deref()].into_iter().flatten().map(file_name));
            }
            if status == Status::Changed {
                changed_versions.push(m.version.clone());
            }
            for c in checks.iter_mut() {
                c.migration(&unit, &blocks, &mut out);
            }
            checksums.insert(m.version.clone(), checksum);
        }
        for c in checks.iter_mut() {
            c.finish(set, &mut out);
        }
    }
    let baseline = hist.baseline.take().unwrap_or(Baseline::FirstBuild);
    let ignored: Vec<String> = findings.iter().filter(|f| f.code == codes::IGNORED_FILE).map(|f| f.file.clone()).collect();
    if prev.is_some() {
        new_files.extend(ignored.iter().filter(|f| !opts.previous_ignored.contains(f)).cloned());
    }
    let mut report = CheckReport { findings, baseline, new_files, changed_versions, checksums, ignored };
    if opts.strict {
        let promote: Vec<bool> =
            report.findings.iter().map(|f| report.is_new(f) && !(f.code == codes::OUT_OF_ORDER && opts.allow_out_of_order)).collect();
        for (f, p) in report.findings.iter_mut().zip(promote) {
            if p {
                f.severity = Severity::Error;
            }
        }
    }
    report
}

/// Reads a migration's files; `None` (with MG010) when the up file cannot be read.
fn read_files(set: &MigrationSet, m: &Migration, out: &mut Findings<'_>) -> Option<Vec<SqlFile>> {
    let mut files = Vec::new();
    let paths: Vec<&std::path::Path> = match set.tool {
        ToolKind::GolangMigrate => [m.up.as_deref(), m.down.as_deref()].into_iter().flatten().collect(),
        ToolKind::Dbmate => m.up.as_deref().into_iter().collect(),
    };
    // golang-migrate without an up file: MG002 was reported by the loader.
    m.up.as_ref()?;
    for p in paths {
        let name = file_name(p);
        match set.text(p) {
            Ok(t) => files.push(SqlFile::new(name, t)),
            Err(e) => {
                out.push(Finding::error(codes::UNREADABLE, name, e.to_string(), "make the file readable"));
                if files.is_empty() {
                    return None;
                }
            }
        }
    }
    Some(files)
}

#[cfg(test)]
mod tests;
