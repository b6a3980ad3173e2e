//! The migration model shared by build (checks), release (engine, plan) and
//! the runner: which migration files a tool sees in a directory, in which
//! order it applies them, and which files it silently ignores.
//!
//! * [`MigrationSet::load`] reads a directory the way the tool does
//!   ([`golang_migrate`] / [`dbmate`] hold the tools' exact rules).
//! * [`checks::run`] lints a loaded set (codes documented in `docs/checks.md`).
//! * [`sql`] is the SQL tokenizer the checks use.

pub mod checks;
pub mod dbmate_files;
pub mod golang_migrate_files;
pub mod grouping;
pub mod sql;
pub mod transactions;

use std::cmp::Ordering;
use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

pub use checks::{Baseline, CheckOptions, CheckReport, Finding, Lint, Severity, codes};

use crate::tool_kind::ToolKind;

/// Errors while reading a migrations directory.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The directory (or one of its entries) could not be listed.
    #[error("cannot read the migrations directory {}: {source}", path.display())]
    ReadDir {
        /// The directory.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A migration file could not be read.
    #[error("cannot read migration file {}: {source}", path.display())]
    ReadFile {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// All migrations of one directory, as one tool sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationSet {
    /// The tool whose rules were applied.
    pub tool: ToolKind,
    /// The migrations directory.
    pub dir: PathBuf,
    /// Migrations in the tool's apply order (golang-migrate: numeric version;
    /// dbmate: lexicographic file name).
    pub migrations: Vec<Migration>,
    /// Directory entries the tool would silently ignore, with the reason.
    pub ignored: Vec<IgnoredFile>,
    /// Problems found while loading (duplicates, parse errors, …); always
    /// errors. [`checks::run`] includes them in its report.
    pub load_findings: Vec<Finding>,
    /// Lookup by normalised version (see [`version_key`]) into `migrations`,
    /// built by [`MigrationSet::load`]; lookups verify it and fall back to a scan.
    index: std::collections::HashMap<String, usize>,
    /// File texts already read while loading, so the checks read each file once (only texts of
    /// at most [`KEEP_TEXT_MAX`] bytes: see [`MigrationSet::keep_text`]).
    contents: std::collections::HashMap<PathBuf, String>,
}

/// The longest file text a [`MigrationSet`] keeps from its load. A longer one (a seed-data file of
/// tens of MB) is read again when needed, so that a release does not hold it from start to end.
const KEEP_TEXT_MAX: usize = 1 << 20;

/// MG009: a file name that is not valid UTF-8 but that the tool would still run.
fn non_utf8_name(tool: ToolKind, file: &str, version: &str) -> Finding {
    let verb = match tool {
        ToolKind::GolangMigrate => "run it",
        ToolKind::Dbmate => "apply it",
    };
    Finding::error(
        codes::NON_UTF8_NAME,
        file,
        format!(
            "file name `{file}` is not valid UTF-8; {tool} would still {verb} as version {version}, but it cannot be reported or rolled back reliably"
        ),
        "rename the file using only ASCII characters",
    )
}

/// The key a version is looked up by: golang-migrate compares numerically
/// (leading zeros do not count), dbmate compares the exact string.
pub(crate) fn version_key(tool: ToolKind, version: &str) -> String {
    match tool {
        ToolKind::GolangMigrate if !version.is_empty() && version.bytes().all(|c| c.is_ascii_digit()) => {
            let t = version.trim_start_matches('0');
            if t.is_empty() { "0".to_string() } else { t.to_string() }
        }
        _ => version.to_string(),
    }
}

/// One migration (one version).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migration {
    /// The version as the tool stores it: golang-migrate's decimal `u64`
    /// (`0008_x.up.sql` → `"8"`), dbmate's leading digits as written.
    pub version: String,
    /// The descriptive part of the file name.
    pub name: String,
    /// The up file (golang-migrate: `*.up.*`; dbmate: the migration file).
    /// `None` only for a golang-migrate down file without its up file.
    pub up: Option<PathBuf>,
    /// The down file (golang-migrate: `*.down.*`; dbmate: the same file as `up`).
    pub down: Option<PathBuf>,
    /// Whether a rollback can undo this migration: golang-migrate — the down
    /// file exists and is not whitespace-only; dbmate — the down section has
    /// SQL besides whitespace and comments.
    pub has_down: bool,
    /// Whether the up SQL runs in a transaction (dbmate: no
    /// `transaction:false` on `-- migrate:up`; golang-migrate: always true,
    /// the file runs as one implicit transaction).
    pub up_transaction: bool,
    /// Same as `up_transaction`, for the down SQL.
    pub down_transaction: bool,
}

impl Migration {
    /// The up file's name (relative to the migrations directory), or the
    /// down file's if there is no up file.
    pub fn file_name(&self) -> String {
        self.up.as_deref().or(self.down.as_deref()).map(file_name).unwrap_or_default()
    }
}

/// A directory entry the tool would not use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgnoredFile {
    /// The entry name (lossy UTF-8).
    pub file: String,
    /// The full path.
    pub path: PathBuf,
    /// Why the tool ignores it.
    pub why: String,
    /// Whether it looks like it was meant to be a migration (e.g. `3.up.sql`,
    /// `12.sql.bak`); the checks warn about those (code MG101).
    pub suspicious: bool,
}

impl IgnoredFile {
    /// The entry `e`, ignored by the tool for the reason `why`.
    fn new(e: Entry, why: impl Into<String>, suspicious: bool) -> IgnoredFile {
        IgnoredFile { file: e.name, path: e.path, why: why.into(), suspicious }
    }

    fn dir(e: Entry) -> IgnoredFile {
        IgnoredFile::new(e, "sub-directories are not searched", false)
    }
}

/// A directory entry, sorted by raw name bytes.
pub(crate) struct Entry {
    pub(crate) os_name: OsString,
    pub(crate) name: String,
    pub(crate) utf8: bool,
    pub(crate) path: PathBuf,
    pub(crate) is_dir: bool,
}

fn read_entries(dir: &Path) -> Result<Vec<Entry>, ModelError> {
    use std::os::unix::ffi::OsStrExt;
    let err = |source| ModelError::ReadDir { path: dir.to_path_buf(), source };
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).map_err(err)? {
        let e = e.map_err(err)?;
        let os_name = e.file_name();
        // Like Go's DirEntry.IsDir: no symlink following.
        let is_dir = e.file_type().map_err(err)?.is_dir();
        out.push(Entry { name: os_name.to_string_lossy().into_owned(), utf8: os_name.to_str().is_some(), path: e.path(), is_dir, os_name });
    }
    out.sort_by(|a, b| a.os_name.as_bytes().cmp(b.os_name.as_bytes()));
    Ok(out)
}

pub(crate) fn read_lossy(path: &Path) -> Result<String, ModelError> {
    let bytes = std::fs::read(path).map_err(|source| ModelError::ReadFile { path: path.to_path_buf(), source })?;
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

pub(crate) fn file_name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Heuristic: a name a human probably meant as a migration (`.sql` in any
/// case, a leading digit, or `.up.`/`.down.` in any case). Hidden files never.
pub(crate) fn looks_like_migration(name: &str) -> bool {
    if name.starts_with('.') {
        return false;
    }
    let lower = name.to_ascii_lowercase();
    lower.contains(".sql") || name.starts_with(|c: char| c.is_ascii_digit()) || lower.contains(".up.") || lower.contains(".down.")
}

/// Compares two digit strings numerically without overflow (leading zeros
/// ignored); falls back to string order for anything else.
fn cmp_digits(a: &str, b: &str) -> Ordering {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    if digits(a) && digits(b) {
        let a = a.trim_start_matches('0');
        let b = b.trim_start_matches('0');
        a.len().cmp(&b.len()).then_with(|| a.cmp(b))
    } else {
        a.cmp(b)
    }
}

impl MigrationSet {
    /// Loads `dir` with `tool`'s rules. Reads every dbmate file and every
    /// golang-migrate down file (linear in the number of files).
    pub fn load(dir: &Path, tool: ToolKind) -> Result<MigrationSet, ModelError> {
        let entries = read_entries(dir)?;
        let mut set = match tool {
            ToolKind::GolangMigrate => golang_migrate_files::load(dir, entries)?,
            ToolKind::Dbmate => dbmate_files::load(dir, entries)?,
        };
        set.index = HashMap::with_capacity(set.migrations.len());
        for (i, m) in set.migrations.iter().enumerate() {
            set.index.entry(version_key(tool, &m.version)).or_insert(i);
        }
        Ok(set)
    }

    /// An empty set (the loaders fill it).
    fn empty(tool: ToolKind, dir: &Path) -> MigrationSet {
        MigrationSet {
            tool,
            dir: dir.to_path_buf(),
            migrations: Vec::new(),
            ignored: Vec::new(),
            load_findings: Vec::new(),
            index: HashMap::new(),
            contents: HashMap::new(),
        }
    }

    /// The text of a migration file: from the load when it was read then, else from disk.
    pub(crate) fn text(&self, path: &Path) -> Result<String, ModelError> {
        self.text_ref(path).map(std::borrow::Cow::into_owned)
    }

    /// Like [`MigrationSet::text`], without copying a text the load kept.
    pub(crate) fn text_ref(&self, path: &Path) -> Result<std::borrow::Cow<'_, str>, ModelError> {
        match self.contents.get(path) {
            Some(t) => Ok(std::borrow::Cow::Borrowed(t)),
            None => read_lossy(path).map(std::borrow::Cow::Owned),
        }
    }

    /// Keeps a text read while loading, unless it is longer than [`KEEP_TEXT_MAX`].
    fn keep_text(&mut self, path: PathBuf, text: String) {
        if text.len() <= KEEP_TEXT_MAX {
            self.contents.insert(path, text);
        }
    }

    /// All versions, in apply order.
    pub fn versions(&self) -> Vec<&str> {
        self.migrations.iter().map(|m| m.version.as_str()).collect()
    }

    /// The last migration in apply order (the one the tool rolls back first).
    pub fn newest(&self) -> Option<&Migration> {
        self.migrations.last()
    }

    fn position(&self, version: &str) -> Option<usize> {
        if let Some(&i) = self.index.get(&version_key(self.tool, version)) {
            let hit = self.migrations.get(i).is_some_and(|m| version_key(self.tool, &m.version) == version_key(self.tool, version));
            if hit {
                return Some(i);
            }
        } else if self.index.len() == self.migrations.len() {
            // The index covers every migration: a miss means there is none.
            return None;
        }
        match self.tool {
            ToolKind::GolangMigrate => self.migrations.iter().position(|m| cmp_digits(&m.version, version) == Ordering::Equal),
            ToolKind::Dbmate => self.migrations.iter().position(|m| m.version == version),
        }
    }

    /// The migration with `version`: golang-migrate compares numerically
    /// (`"0008"` finds `"8"`), dbmate compares the exact string.
    pub fn find(&self, version: &str) -> Option<&Migration> {
        self.position(version).map(|i| &self.migrations[i])
    }

    /// Orders two versions: golang-migrate numerically (as `u64`, without
    /// overflow for longer digit strings), dbmate by string comparison (what
    /// `dbmate --strict` uses). Note that dbmate *applies* files in file name
    /// order, which can differ (`10_a.sql` sorts before `1_b.sql`); use the
    /// position in [`MigrationSet::migrations`] for apply order.
    pub fn compare_versions(&self, a: &str, b: &str) -> Ordering {
        match self.tool {
            ToolKind::GolangMigrate => cmp_digits(a, b),
            ToolKind::Dbmate => a.cmp(b),
        }
    }

    /// The migration applied just before `version` (`None` if `version` is
    /// the first or unknown).
    pub fn previous(&self, version: &str) -> Option<&Migration> {
        let i = self.position(version)?;
        i.checked_sub(1).map(|j| &self.migrations[j])
    }
}

/// Guesses the tool from the files: golang-migrate if any file name matches
/// its up/down pattern; else dbmate if any `^\d+.*\.sql$` file contains a
/// `-- migrate:up` directive; else `None`.
pub fn guess_tool(dir: &Path) -> std::io::Result<Option<ToolKind>> {
    let mut dbmate_candidates = Vec::new();
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        if e.file_type()?.is_dir() {
            continue;
        }
        let name = e.file_name();
        if golang_migrate_files::matches(&name) {
            return Ok(Some(ToolKind::GolangMigrate));
        }
        if dbmate_files::parse_file_name(&name).is_some() {
            dbmate_candidates.push(e.path());
        }
    }
    for p in dbmate_candidates {
        let bytes = std::fs::read(&p)?;
        if dbmate_files::UP_RE.is_match(&String::from_utf8_lossy(&bytes)) {
            return Ok(Some(ToolKind::Dbmate));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        for (n, c) in files {
            fs::write(d.path().join(n), c).unwrap();
        }
        d
    }

    #[test]
    fn golang_migrate_model() {
        let d = dir_with(&[
            ("0008_eight.up.sql", "create table e();"),
            ("0008_eight.down.sql", "drop table e;"),
            ("10_ten.up.sql", "select 1;"),
            ("10_ten.down.sql", "  \n"),
            ("9_nine.up.sql", "select 1;"),
            ("3.up.sql", "x"),
            ("README.md", "hi"),
        ]);
        fs::create_dir(d.path().join("sub")).unwrap();
        let s = MigrationSet::load(d.path(), ToolKind::GolangMigrate).unwrap();
        assert_eq!(s.versions(), vec!["8", "9", "10"]);
        assert!(s.load_findings.is_empty(), "{:?}", s.load_findings);
        let m8 = s.find("0008").unwrap();
        assert_eq!(m8.name, "eight");
        assert!(m8.has_down);
        assert!(!s.find("10").unwrap().has_down);
        assert!(s.find("9").unwrap().down.is_none());
        assert_eq!(s.newest().unwrap().version, "10");
        assert_eq!(s.previous("10").unwrap().version, "9");
        assert!(s.previous("8").is_none());
        assert_eq!(s.compare_versions("9", "10"), Ordering::Less);
        assert_eq!(s.compare_versions("0010", "10"), Ordering::Equal);
        assert_eq!(s.compare_versions("99999999999999999999999", "10"), Ordering::Greater);
        let ignored: Vec<(&str, bool)> = s.ignored.iter().map(|i| (i.file.as_str(), i.suspicious)).collect();
        assert_eq!(ignored, vec![("3.up.sql", true), ("README.md", false), ("sub", false)]);
    }

    #[test]
    fn dbmate_model_uses_file_name_order_and_string_versions() {
        let body = "-- migrate:up\nselect 1;\n-- migrate:down\nselect 2;\n";
        let d = dir_with(&[
            ("9_a.sql", body),
            ("10_b.sql", body),
            ("0011_c.sql", "-- migrate:up transaction:false\nselect 1;\n-- migrate:down\n-- nothing\n"),
            ("13.SQL", body),
        ]);
        let s = MigrationSet::load(d.path(), ToolKind::Dbmate).unwrap();
        assert_eq!(s.versions(), vec!["0011", "10", "9"]);
        let c = s.find("0011").unwrap();
        assert!(!c.up_transaction && c.down_transaction && !c.has_down);
        assert_eq!(c.up, c.down);
        assert!(s.find("11").is_none());
        assert!(s.find("10").unwrap().has_down);
        assert_eq!(s.previous("9").unwrap().version, "10");
        assert_eq!(s.ignored[0].file, "13.SQL");
    }

    #[test]
    fn guesses_tool() {
        let g = dir_with(&[("1_x.up.sql", "")]);
        assert_eq!(guess_tool(g.path()).unwrap(), Some(ToolKind::GolangMigrate));
        let d = dir_with(&[("1_x.sql", "-- migrate:up\nselect 1;")]);
        assert_eq!(guess_tool(d.path()).unwrap(), Some(ToolKind::Dbmate));
        let n = dir_with(&[("1_x.sql", "select 1;")]);
        assert_eq!(guess_tool(n.path()).unwrap(), None);
    }

    #[test]
    fn non_utf8_names_do_not_panic() {
        use std::os::unix::ffi::OsStrExt;
        let d = tempfile::tempdir().unwrap();
        for n in [&b"1_\xff.up.sql"[..], b"\xfe\xff", b"2\xff.sql"] {
            fs::write(d.path().join(std::ffi::OsStr::from_bytes(n)), "-- migrate:up\n").unwrap();
        }
        for tool in ToolKind::ALL {
            let s = MigrationSet::load(d.path(), tool).unwrap();
            assert!(s.migrations.is_empty());
            assert_eq!(s.ignored.len(), 3);
            assert!(s.load_findings.iter().any(|f| f.code == codes::NON_UTF8_NAME));
        }
        assert_eq!(guess_tool(d.path()).unwrap(), Some(ToolKind::GolangMigrate));
    }

    mod props {
        use super::*;
        use proptest::prelude::*;
        use std::os::unix::ffi::OsStrExt;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(32)))]
            #[test]
            fn load_and_check_never_panic(
                names in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 1..24), 0..12),
                body in any::<String>(),
            ) {
                let d = tempfile::tempdir().unwrap();
                for n in &names {
                    if n.contains(&b'/') || n.contains(&0) || n == b"." || n == b".." {
                        continue;
                    }
                    let _ = fs::write(d.path().join(std::ffi::OsStr::from_bytes(n)), &body);
                }
                for tool in ToolKind::ALL {
                    let s = MigrationSet::load(d.path(), tool).unwrap();
                    let _ = checks::run(&s, &checks::CheckOptions {
                        strict: true,
                        allow_out_of_order: false,
                        previous_versions: Some(vec!["5".into()]),
                        ..Default::default()
                    });
                    let _ = (s.versions(), s.newest(), s.find("1"), s.previous("1"));
                }
                let _ = guess_tool(d.path());
            }
        }
    }

    #[test]
    fn missing_dir_is_an_error() {
        let e = MigrationSet::load(Path::new("/nonexistent/dir"), ToolKind::Dbmate).unwrap_err();
        assert!(matches!(e, ModelError::ReadDir { .. }));
    }
}
