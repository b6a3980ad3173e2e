//! golang-migrate's file naming rule (`source/parse.go`) and directory loading.
//!
//! The tool's regex is `^([0-9]+)_(.*)\.(down|up)\.(.*)$` (RE2, greedy, any
//! extension, direction case-sensitive); the version is parsed as `u64`.
//! Files that do not match, or whose version overflows `u64`, are silently
//! skipped by the tool; two files with the same version and direction make
//! every command fail.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::Path;
use std::sync::LazyLock;

use regex::bytes::Regex;

use super::{Finding, IgnoredFile, Migration, MigrationSet, ModelError, codes, looks_like_migration, read_lossy};
use crate::tool_kind::ToolKind;

/// The tool's regex, on raw bytes (Go strings may hold any bytes; RE2's `.`
/// matches anything but `\n`).
static FILE_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s-u)^([0-9]+)_([^\n]*)\.(down|up)\.([^\n]*)$").expect("valid regex"));

/// Migration direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// `.up.`
    Up,
    /// `.down.`
    Down,
}

/// What the tool makes of one file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParsedName {
    /// A migration file.
    Migration {
        /// The version as the tool stores it.
        version: u64,
        /// The digits as written (e.g. `0008`).
        digits: String,
        /// The identifier (group 2; may contain dots).
        name: String,
        /// Up or down.
        direction: Direction,
        /// The extension (group 4), e.g. `sql`.
        extension: String,
    },
    /// The name matches but the version does not fit in `u64`: the tool skips it.
    Overflow {
        /// The digits as written.
        digits: String,
    },
    /// Not a migration file name: the tool skips it.
    NoMatch,
}

/// Parses a file name with golang-migrate's rule. Never panics.
pub fn parse_file_name(name: &OsStr) -> ParsedName {
    use std::os::unix::ffi::OsStrExt;
    let bytes = name.as_bytes();
    let Some(c) = FILE_RE.captures(bytes) else {
        return ParsedName::NoMatch;
    };
    let lossy = |i: usize| String::from_utf8_lossy(&c[i]).into_owned();
    let digits = lossy(1);
    match digits.parse::<u64>() {
        Ok(version) => ParsedName::Migration {
            version,
            digits,
            name: lossy(2),
            direction: if &c[3] == b"up" { Direction::Up } else { Direction::Down },
            extension: lossy(4),
        },
        Err(_) => ParsedName::Overflow { digits },
    }
}

/// Whether `name` matches golang-migrate's pattern (ignoring overflow).
pub fn matches(name: &OsStr) -> bool {
    use std::os::unix::ffi::OsStrExt;
    FILE_RE.is_match(name.as_bytes())
}

pub(super) fn load(dir: &Path, entries: Vec<super::Entry>) -> Result<MigrationSet, ModelError> {
    let mut loader = Loader { set: MigrationSet::empty(ToolKind::GolangMigrate, dir), by_version: HashMap::new(), names: HashMap::new() };
    for e in entries {
        if e.is_dir {
            loader.set.ignored.push(IgnoredFile::dir(e));
            continue;
        }
        match parse_file_name(&e.os_name) {
            ParsedName::NoMatch => {
                let suspicious = looks_like_migration(&e.name);
                let why = "does not match golang-migrate's file name pattern `<version>_<name>.up.<ext>` / \
                           `<version>_<name>.down.<ext>` (direction is case-sensitive), so the tool silently skips it";
                loader.set.ignored.push(IgnoredFile::new(e, why, suspicious));
            }
            ParsedName::Overflow { digits } => loader.overflow(e, &digits),
            ParsedName::Migration { version, name, direction, .. } => loader.file(e, version, name, direction)?,
        }
    }
    let mut set = loader.set;
    for m in set.migrations.iter().filter(|m| m.up.is_none()) {
        let down = m.down.as_deref().map(super::file_name).unwrap_or_default();
        set.load_findings.push(Finding::error(
            codes::DOWN_WITHOUT_UP,
            down.clone(),
            format!(
                "`{down}` has no matching up file; golang-migrate treats version {} as an empty up migration that only \
                 moves the version",
                m.version
            ),
            format!("add `{}_{}.up.sql` or delete `{down}`", m.version, m.name),
        ));
    }
    // The tool orders versions numerically.
    set.migrations.sort_by_key(|m| m.version.parse::<u64>().unwrap_or(u64::MAX));
    Ok(set)
}

/// A [`MigrationSet`] being filled from the directory's entries in name order.
struct Loader {
    set: MigrationSet,
    /// Version → index in `set.migrations`; the first file (in name order) wins.
    by_version: HashMap<u64, usize>,
    /// Version → (up file name, down file name), for duplicate messages.
    names: HashMap<u64, (Option<String>, Option<String>)>,
}

impl Loader {
    /// MG007: a version that does not fit in `u64`.
    fn overflow(&mut self, e: super::Entry, digits: &str) {
        self.set.load_findings.push(Finding::error(
            codes::VERSION_OVERFLOW,
            e.name.clone(),
            format!(
                "version `{digits}` of `{}` does not fit in golang-migrate's unsigned 64-bit version, so the tool \
                 silently skips the file",
                e.name
            ),
            "use a version of at most 20 digits below 18446744073709551616, e.g. a timestamp like 20240101120000",
        ));
        self.set.ignored.push(IgnoredFile::new(e, "version overflows u64; golang-migrate silently skips it", false));
    }

    /// A file whose name matches: the up or down file of migration `version`.
    fn file(&mut self, e: super::Entry, version: u64, name: String, direction: Direction) -> Result<(), ModelError> {
        if !e.utf8 {
            self.set.load_findings.push(super::non_utf8_name(ToolKind::GolangMigrate, &e.name, &version.to_string()));
            self.set.ignored.push(IgnoredFile::new(e, "file name is not valid UTF-8 (golang-migrate would still run it)", false));
            return Ok(());
        }
        let slot = self.names.entry(version).or_default();
        let (existing, dir_word) = match direction {
            Direction::Up => (&mut slot.0, "up"),
            Direction::Down => (&mut slot.1, "down"),
        };
        if let Some(first) = existing {
            self.set.load_findings.push(duplicate(first, &e.name, dir_word, version));
            return Ok(());
        }
        *existing = Some(e.name.clone());
        let set = &mut self.set;
        let idx = *self.by_version.entry(version).or_insert_with(|| {
            set.migrations.push(Migration {
                version: version.to_string(),
                name: name.clone(),
                up: None,
                down: None,
                has_down: false,
                up_transaction: true,
                down_transaction: true,
            });
            set.migrations.len() - 1
        });
        let m = &mut set.migrations[idx];
        match direction {
            Direction::Up => {
                m.name = name;
                m.up = Some(e.path);
            }
            Direction::Down => {
                let text = read_lossy(&e.path)?;
                m.has_down = !text.trim().is_empty();
                m.down = Some(e.path.clone());
                set.keep_text(e.path, text);
            }
        }
        Ok(())
    }
}

/// MG001: `file`, a second `dir_word` file of `version` after `first`.
fn duplicate(first: &str, file: &str, dir_word: &str, version: u64) -> Finding {
    Finding::error(
        codes::DUPLICATE_VERSION,
        file,
        format!(
            "`{first}` and `{file}` are both the {dir_word} migration of version {version}; golang-migrate refuses to \
             start (`duplicate migration file: {file}`)"
        ),
        format!(
            "give one of them a new, higher version, or delete the stray copy (note that golang-migrate accepts any \
             extension, so `{file}` counts)"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    fn p(s: &str) -> ParsedName {
        parse_file_name(OsStr::new(s))
    }

    #[test]
    fn real_tool_rule() {
        assert!(matches!(p("0008_x.up.sql"), ParsedName::Migration { version: 8, .. }));
        match p("9_multi.dots.up.sql.txt") {
            ParsedName::Migration { name, extension, .. } => {
                assert_eq!(name, "multi.dots");
                assert_eq!(extension, "sql.txt");
            }
            other => panic!("{other:?}"),
        }
        // Greedy: the last `.up.`/`.down.` wins.
        match p("1_a.up.b.down.sql") {
            ParsedName::Migration { name, direction, .. } => {
                assert_eq!(name, "a.up.b");
                assert_eq!(direction, Direction::Down);
            }
            other => panic!("{other:?}"),
        }
        for no in ["3.up.sql", "2_noext.up", "4_x.UP.sql", "V5__flyway.sql", "README.md", "1_x.up.sql\n"] {
            assert_eq!(p(no), ParsedName::NoMatch, "{no}");
        }
        assert!(matches!(p("1_.up."), ParsedName::Migration { .. }));
        assert!(matches!(p("99999999999999999999_x.up.sql"), ParsedName::Overflow { .. }));
        assert!(matches!(p("18446744073709551615_x.up.sql"), ParsedName::Migration { version: u64::MAX, .. }));
        assert!(matches!(parse_file_name(OsStr::from_bytes(b"1_\xff.up.sql")), ParsedName::Migration { version: 1, .. }));
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn never_panics_on_bytes(b in proptest::collection::vec(any::<u8>(), 0..64)) {
                let _ = parse_file_name(OsStr::from_bytes(&b));
                let _ = matches(OsStr::from_bytes(&b));
            }

            #[test]
            fn round_trips_valid_names(v in any::<u64>(), name in "[a-z._]{0,12}", up in any::<bool>(), ext in "[a-z.]{0,6}") {
                let dir = if up { "up" } else { "down" };
                let file = format!("{v}_{name}.{dir}.{ext}");
                match parse_file_name(OsStr::new(&file)) {
                    ParsedName::Migration { version, .. } => prop_assert_eq!(version, v),
                    other => prop_assert!(false, "{file}: {other:?}"),
                }
            }
        }
    }
}
