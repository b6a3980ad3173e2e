//! Build-time checks of a [`MigrationSet`] (every code is documented in
//! `docs/checks.md`).
//!
//! [`run`] reports the loader's errors, then per migration (in apply order)
//! file-level and statement-level findings, then the out-of-order comparison
//! with the previous build. Warnings can be silenced per file with a comment
//! `-- migrations:allow MG301, MG401`; errors cannot. `strict` promotes the
//! remaining warnings to errors (except an out-of-order warning that
//! `allow_out_of_order` asked for).

use std::collections::HashSet;
use std::fmt;
use std::sync::LazyLock;

use regex::Regex;

use super::sql::{self, Statement, Token, TokenKind};
use super::transactions::{self, StatementTx, TxShape};
use super::{Migration, MigrationSet, dbmate, file_name, golang_migrate};
use crate::tool::Tool;

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
    /// Error: up migration without SQL.
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
    /// Warning: seed data (`INSERT` / `COPY … FROM`) in an up migration.
    pub const SEED_DATA: &str = "MG401";
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

/// Collects findings for one file and applies its allow list.
struct FileFindings<'a> {
    out: &'a mut Vec<Finding>,
    file: String,
    allowed: HashSet<String>,
}

impl FileFindings<'_> {
    fn warn(&mut self, code: &'static str, line: Option<usize>, message: String, fix: &str) {
        if self.allowed.contains(code) {
            return;
        }
        self.out.push(Finding {
            code,
            severity: Severity::Warning,
            file: self.file.clone(),
            line,
            message,
            fix: format!("{fix}; {}", silence_hint(code)),
        });
    }

    fn error(&mut self, code: &'static str, line: Option<usize>, message: String, fix: &str) {
        self.out.push(Finding { code, severity: Severity::Error, file: self.file.clone(), line, message, fix: fix.to_string() });
    }
}

/// Runs all checks. Reads the migration files again (linear in their size).
pub fn run(set: &MigrationSet, opts: &CheckOptions) -> CheckReport {
    let mut findings = set.load_findings.clone();
    check_ignored(set, &mut findings);

    let prev = Previous::new(set, opts.previous_versions.as_deref());
    // Tables created by migrations that are new in this deploy (empty when
    // the release applies later migrations of the same deploy).
    let mut deploy_tables: HashSet<String> = HashSet::new();
    for m in &set.migrations {
        let is_new = prev.as_ref().is_some_and(|p| !p.contains(set, &m.version));
        match set.tool {
            Tool::GolangMigrate => check_golang_migrate(set, m, is_new, &mut deploy_tables, &mut findings),
            Tool::Dbmate => check_dbmate(set, m, is_new, &mut deploy_tables, &mut findings),
        }
    }

    let baseline = match &prev {
        None => Baseline::FirstBuild,
        Some(p) => p.check(set, opts, &mut findings),
    };

    if opts.strict {
        for f in &mut findings {
            let allowed_ooo = f.code == codes::OUT_OF_ORDER && opts.allow_out_of_order;
            if !allowed_ooo {
                f.severity = Severity::Error;
            }
        }
    }
    CheckReport { findings, baseline }
}

fn check_ignored(set: &MigrationSet, out: &mut Vec<Finding>) {
    for i in set.ignored.iter().filter(|i| i.suspicious) {
        // A small text file may carry an allow comment like any migration.
        let allowed = std::fs::metadata(&i.path)
            .ok()
            .filter(|m| m.is_file() && m.len() <= 1 << 20)
            .and_then(|_| super::read_lossy(&i.path).ok())
            .map(|t| allowed_codes(&t))
            .unwrap_or_default();
        let mut ff = FileFindings { out, file: i.file.clone(), allowed };
        let pattern = match set.tool {
            Tool::GolangMigrate => "`<version>_<name>.up.sql` and `<version>_<name>.down.sql`",
            Tool::Dbmate => "`<version>_<name>.sql` (lower-case `.sql`)",
        };
        ff.warn(
            codes::IGNORED_FILE,
            None,
            format!("`{}` will never run: it {}", i.file, i.why),
            &format!("rename it to {pattern} if it is a migration, or move it out of the migrations directory"),
        );
    }
}

fn read(set: &MigrationSet, path: &std::path::Path, file: &str, out: &mut Vec<Finding>) -> Option<String> {
    match set.text(path) {
        Ok(t) => Some(t),
        Err(e) => {
            out.push(Finding {
                code: codes::UNREADABLE,
                severity: Severity::Error,
                file: file.to_string(),
                line: None,
                message: e.to_string(),
                fix: "make the file readable".into(),
            });
            None
        }
    }
}

fn check_golang_migrate(set: &MigrationSet, m: &Migration, is_new: bool, deploy_tables: &mut HashSet<String>, out: &mut Vec<Finding>) {
    let Some(up) = &m.up else {
        return; // MG002 was reported by the loader.
    };
    let up_name = file_name(up);
    let Some(up_text) = read(set, up, &up_name, out) else {
        return;
    };
    let mut ff = FileFindings { out: &mut *out, file: up_name.clone(), allowed: allowed_codes(&up_text) };
    check_extension(&mut ff, &up_name);
    if !sql::has_code(&up_text) {
        ff.error(
            codes::EMPTY_UP,
            None,
            format!("`{up_name}` contains no SQL; golang-migrate would record version {} without changing anything", m.version),
            "add the SQL of the migration, or delete the file",
        );
    } else {
        let block = Block { text: &up_text, first_line: 1, up: true, tool: Tool::GolangMigrate, transaction: true };
        analyze(&block, is_new, deploy_tables, &mut ff);
    }
    match &m.down {
        None => ff.warn(
            codes::MISSING_DOWN,
            None,
            format!("version {} has no down file; an automatic rollback cannot undo it", m.version),
            &format!("add `{}_{}.down.sql` with SQL that undoes it", m.version, m.name),
        ),
        Some(down) => {
            let down_name = file_name(down);
            let Some(down_text) = read(set, down, &down_name, out) else {
                return;
            };
            let mut ff = FileFindings { out, file: down_name.clone(), allowed: allowed_codes(&down_text) };
            check_extension(&mut ff, &down_name);
            if !sql::has_code(&down_text) {
                ff.warn(
                    codes::MISSING_DOWN,
                    None,
                    format!("`{down_name}` contains no SQL; an automatic rollback cannot undo version {}", m.version),
                    "write SQL that undoes the up migration",
                );
            } else {
                let block = Block { text: &down_text, first_line: 1, up: false, tool: Tool::GolangMigrate, transaction: true };
                analyze(&block, false, &mut HashSet::new(), &mut ff);
            }
        }
    }
}

fn check_extension(ff: &mut FileFindings<'_>, name: &str) {
    if let golang_migrate::ParsedName::Migration { extension, .. } = golang_migrate::parse_file_name(std::ffi::OsStr::new(name))
        && extension != "sql"
    {
        ff.warn(
            codes::ODD_EXTENSION,
            None,
            format!(
                "`{name}` has the extension `.{extension}`, but golang-migrate runs files with any \
                 extension, so this backup/copy runs as a migration"
            ),
            "rename it to end in `.sql`, or move it out of the migrations directory",
        );
    }
}

fn check_dbmate(set: &MigrationSet, m: &Migration, is_new: bool, deploy_tables: &mut HashSet<String>, out: &mut Vec<Finding>) {
    let Some(path) = &m.up else { return };
    let name = file_name(path);
    let Some(text) = read(set, path, &name, out) else {
        return;
    };
    let Ok(sections) = dbmate::parse_contents(&text) else {
        return; // Reported by the loader.
    };
    let mut ff = FileFindings { out, file: name.clone(), allowed: allowed_codes(&text) };
    for s in &sections {
        let up_line = dbmate::line_of(&text, s.up.start);
        let down_line = dbmate::line_of(&text, s.down.start);
        let up_text = &text[s.up.clone()];
        if !sql::has_code(up_text) {
            ff.error(
                codes::EMPTY_UP,
                Some(up_line),
                format!(
                    "the `-- migrate:up` section of `{name}` contains no SQL; dbmate would record version {} without changing anything",
                    m.version
                ),
                "add the SQL of the migration below `-- migrate:up`, or delete the file",
            );
        } else {
            let block = Block { text: up_text, first_line: up_line, up: true, tool: Tool::Dbmate, transaction: s.up_transaction };
            analyze(&block, is_new, deploy_tables, &mut ff);
        }
        let down_text = &text[s.down.clone()];
        if !sql::has_code(down_text) {
            ff.warn(
                codes::MISSING_DOWN,
                Some(down_line),
                format!("the `-- migrate:down` section of `{name}` is empty; an automatic rollback cannot undo version {}", m.version),
                "write SQL that undoes the up migration below `-- migrate:down`",
            );
        } else {
            let block = Block { text: down_text, first_line: down_line, up: false, tool: Tool::Dbmate, transaction: s.down_transaction };
            analyze(&block, false, &mut HashSet::new(), &mut ff);
        }
    }
}

/// One block of SQL the tool sends in one `Exec`.
struct Block<'a> {
    text: &'a str,
    first_line: usize,
    up: bool,
    tool: Tool,
    /// dbmate's transaction option (golang-migrate: true).
    transaction: bool,
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

fn analyze(b: &Block<'_>, is_new: bool, deploy_tables: &mut HashSet<String>, ff: &mut FileFindings<'_>) {
    let stmts: Vec<Statement<'_>> = sql::split_from(b.text, b.first_line).into_iter().filter(|s| !s.is_blank()).collect();
    let multi = stmts.len() > 1;
    // Why the block runs inside a transaction block, if it does.
    let tx_reason: Option<String> = match (b.tool, b.transaction, multi) {
        (Tool::Dbmate, true, _) => Some("dbmate runs this section inside a transaction (no `transaction:false` on its directive)".into()),
        (_, _, true) => Some(format!(
            "{} sends the whole {} in one call, which PostgreSQL runs as one implicit transaction when it holds several statements",
            b.tool,
            if b.tool == Tool::Dbmate { "section" } else { "file" }
        )),
        _ => None,
    };
    let tx_fix = match b.tool {
        Tool::GolangMigrate => "put this statement alone in its own migration file",
        Tool::Dbmate => {
            "put this statement alone in its own migration file whose directive is `-- migrate:up transaction:false` (or `-- migrate:down transaction:false`)"
        }
    };
    let mut file_tables: HashSet<String> = HashSet::new();
    let is_new_table = |t: &str, file_tables: &HashSet<String>, deploy: &HashSet<String>| file_tables.contains(t) || deploy.contains(t);
    // A whole-file `BEGIN; … COMMIT;` wrapper is as atomic as the tool's own
    // implicit transaction: its first and last statements are not MG202. Not
    // so inside dbmate's own transaction, which the wrapper's COMMIT ends
    // before dbmate records the version.
    let wrapper =
        !(b.tool == Tool::Dbmate && b.transaction) && matches!(transactions::shape(b.text, b.first_line), TxShape::Wrapped { .. });
    for (i, s) in stmts.iter().enumerate() {
        let c: Vec<&Token<'_>> = s.code().collect();
        let line = Some(s.line);
        let tx = transactions::classify(&c);
        if let Some(StatementTx::NoTransactionBlock(what)) = tx
            && let Some(reason) = &tx_reason
        {
            ff.warn(
                codes::NON_TRANSACTIONAL,
                line,
                format!("{what} cannot run inside a transaction block, and {reason}; the migration will fail"),
                tx_fix,
            );
        }
        let wrapper_end = wrapper && (i == 0 || i + 1 == stmts.len());
        if let Some(k) = tx.filter(|k| k.is_control() && !wrapper_end) {
            ff.warn(
                codes::TRANSACTION_CONTROL,
                line,
                format!(
                    "explicit `{}` breaks the per-file transaction: statements before it are committed even if a later one fails, leaving a half-applied migration",
                    k.label()
                ),
                "remove the transaction statements (the tool already runs the file atomically), or split the work into separate migration files",
            );
        }
        if tx == Some(StatementTx::EnumAddValue)
            && let Some(reason) = &tx_reason
        {
            ff.warn(
                codes::ENUM_ADD_VALUE,
                line,
                format!(
                    "ALTER TYPE … ADD VALUE inside a transaction ({reason}) fails before PostgreSQL 12, and on 12+ the new value cannot be used until the transaction commits"
                ),
                tx_fix,
            );
        }
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
        if !b.up {
            continue;
        }
        let new = |t: &str| is_new_table(t, &file_tables, deploy_tables);
        let old_code = "the release still running during and after the release phase uses the old schema";
        // DROP TABLE [IF EXISTS] a, b
        if w(&c, 0, "DROP") && w(&c, 1, "TABLE") {
            let i = if w(&c, 2, "IF") { 4 } else { 2 };
            let names: Vec<String> =
                split_commas(c.get(i..).unwrap_or(&[])).iter().filter_map(|p| qualified(p, 0).map(|(n, _)| n)).collect();
            if names.iter().any(|n| !new(n)) {
                ff.warn(
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
                ff.warn(
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
                        alter_action(a, &table, line, old_code, ff);
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
                        ff.warn(
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
            ff.warn(
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

fn alter_action(a: &[&Token<'_>], table: &str, line: Option<usize>, old_code: &str, ff: &mut FileFindings<'_>) {
    let has = |kw: &str| a.iter().any(|t| t.is_word(kw));
    let constraint_words = ["CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "EXCLUDE"];
    if w(a, 0, "DROP") && !constraint_words.iter().any(|k| w(a, 1, k)) {
        let i = skip_words(a, 1, &["COLUMN"]);
        let i = if w(a, i, "IF") { i + 2 } else { i };
        let col = a.get(i).and_then(|t| ident(t)).unwrap_or_default();
        ff.warn(
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
        ff.warn(
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
            ff.warn(
                codes::ALTER_COLUMN_TYPE,
                line,
                format!("changing the type of `{table}.{col}` may rewrite the table under an exclusive lock and break code that expects the old type"),
                "add a new column with the new type, backfill it, switch the code, then drop the old column in a later deploy",
            );
        }
        if w(rest, 0, "SET") && w(rest, 1, "NOT") && w(rest, 2, "NULL") {
            ff.warn(
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
            ff.warn(
                codes::ADD_COLUMN_NOT_NULL,
                line,
                format!("adding `{table}.{col}` as NOT NULL without a DEFAULT fails if the table has rows, and old code inserting rows without it fails"),
                "add a DEFAULT, or add the column as nullable, backfill it, then SET NOT NULL later",
            );
        }
    }
}

/// The previous build's versions, normalised for membership tests.
struct Previous<'a> {
    list: &'a [String],
    set: HashSet<String>,
}

fn norm(tool: Tool, v: &str) -> String {
    match tool {
        Tool::GolangMigrate if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) => {
            let t = v.trim_start_matches('0');
            if t.is_empty() { "0".into() } else { t.into() }
        }
        _ => v.to_string(),
    }
}

impl<'a> Previous<'a> {
    fn new(set: &MigrationSet, list: Option<&'a [String]>) -> Option<Previous<'a>> {
        let list = list?;
        Some(Previous { list, set: list.iter().map(|v| norm(set.tool, v)).collect() })
    }

    fn contains(&self, set: &MigrationSet, v: &str) -> bool {
        self.set.contains(&norm(set.tool, v))
    }

    fn check(&self, set: &MigrationSet, opts: &CheckOptions, out: &mut Vec<Finding>) -> Baseline {
        let newest_prev = self.list.iter().max_by(|a, b| set.compare_versions(a, b)).cloned();
        // Position (apply order) of the last migration the previous build had.
        let newest_prev_pos = set.migrations.iter().rposition(|m| self.contains(set, &m.version));
        let current: HashSet<String> = set.migrations.iter().map(|m| norm(set.tool, &m.version)).collect();
        for v in self.list {
            if !current.contains(&norm(set.tool, v)) {
                out.push(Finding {
                    code: codes::REMOVED_SINCE_PREVIOUS,
                    severity: Severity::Warning,
                    file: String::new(),
                    line: None,
                    message: format!(
                        "version {v} was in the previous build but has no file any more; {}",
                        match set.tool {
                            Tool::GolangMigrate =>
                                "if the database is at that version, golang-migrate fails with `no migration found for version`",
                            Tool::Dbmate => "dbmate ignores its row in schema_migrations and can no longer roll it back",
                        }
                    ),
                    fix: "restore the migration file (renaming the descriptive part is fine, the version must stay)".into(),
                });
            }
        }
        let max_all = set
            .migrations
            .iter()
            .map(|m| m.version.as_str())
            .chain(self.list.iter().map(String::as_str))
            .max_by(|a, b| set.compare_versions(a, b))
            .unwrap_or("0")
            .to_string();
        let mut new_versions = Vec::new();
        for (i, m) in set.migrations.iter().enumerate() {
            if self.contains(set, &m.version) {
                continue;
            }
            new_versions.push(m.version.clone());
            let lower = newest_prev.as_ref().is_some_and(|p| set.compare_versions(&m.version, p) == std::cmp::Ordering::Less)
                || newest_prev_pos.is_some_and(|p| i < p);
            if !lower {
                continue;
            }
            let prev = newest_prev.as_deref().unwrap_or("?");
            let file = m.file_name();
            let next = next_version(set.tool, &max_all, &file);
            let mut paths: Vec<&std::path::Path> = [m.up.as_deref(), m.down.as_deref()].into_iter().flatten().collect();
            paths.dedup();
            let renames: Vec<String> = paths
                .iter()
                .map(|p| {
                    let f = file_name(p);
                    format!("`{f}` → `{}`", rename(&f, &next))
                })
                .collect();
            let why = match set.tool {
                Tool::GolangMigrate => format!(
                    "golang-migrate only moves forward from the database's version, so on databases that already ran {prev} it silently skips this migration forever"
                ),
                Tool::Dbmate => format!(
                    "dbmate applies it after {prev} on databases that already ran that, so environments end up with different histories (`dbmate --strict` refuses it)"
                ),
            };
            out.push(Finding {
                code: codes::OUT_OF_ORDER,
                severity: if opts.allow_out_of_order { Severity::Warning } else { Severity::Error },
                file,
                line: None,
                message: format!("version {} is new since the previous build but lower than its newest version {prev}; {why}", m.version),
                fix: format!(
                    "renumber it above every existing version: rename {}{}",
                    renames.join(" and "),
                    if opts.allow_out_of_order {
                        String::new()
                    } else {
                        " (or set BP_MIGRATIONS_ALLOW_OUT_OF_ORDER=true if this is intended)".into()
                    }
                ),
            });
        }
        Baseline::Compared { previous: self.list.len(), previous_newest: newest_prev, new_versions }
    }
}

/// Replaces the leading digits of `file` with `version`.
fn rename(file: &str, version: &str) -> String {
    let digits = file.bytes().take_while(u8::is_ascii_digit).count();
    format!("{version}{}", &file[digits..])
}

/// A version above `max` (in the tool's order), zero-padded like the digits
/// of `file` when that keeps it higher.
fn next_version(tool: Tool, max: &str, file: &str) -> String {
    let width = file.bytes().take_while(u8::is_ascii_digit).count();
    let inc = increment(max);
    match tool {
        Tool::GolangMigrate => {
            let padded = format!("{inc:0>width$}");
            if padded.parse::<u64>().is_ok() { padded } else { inc }
        }
        Tool::Dbmate => {
            // String order: keep the width of `max`, or append a digit.
            if inc.len() == max.len() { inc } else { format!("{max}1") }
        }
    }
}

/// Adds one to a decimal digit string (keeps leading zeros).
fn increment(v: &str) -> String {
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return "1".into();
    }
    let mut b = v.as_bytes().to_vec();
    let mut i = b.len();
    loop {
        if i == 0 {
            b.insert(0, b'1');
            break;
        }
        i -= 1;
        if b[i] == b'9' {
            b[i] = b'0';
        } else {
            b[i] += 1;
            break;
        }
    }
    String::from_utf8(b).unwrap_or_default()
}

#[cfg(test)]
mod tests;
