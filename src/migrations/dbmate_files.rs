//! dbmate's file naming rule (`db.go`) and migration file parser
//! (`migration.go`, v2.35).
//!
//! File names match `^(\d+).*\.sql$` (case-sensitive); the version is the
//! leading digits kept as a string; files apply in lexicographic file name
//! order. A file holds one or more sections, each starting at a
//! `-- migrate:up` directive and containing exactly one `-- migrate:down`.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use super::{Finding, IgnoredFile, Migration, MigrationSet, ModelError, codes, looks_like_migration, read_lossy, sql};
use crate::tool_kind::ToolKind;

/// Go's RE2 `\s` is ASCII `[\t\n\f\r ]`; `\S` is everything else.
const S: &str = r"[\t\n\x0C\r ]";
const NS: &str = r"[^\t\n\x0C\r ]";

static FILE_RE: LazyLock<regex::bytes::Regex> =
    LazyLock::new(|| regex::bytes::Regex::new(r"(?-u)^([0-9]+)[^\n]*\.sql$").expect("valid regex"));
/// `(?m)^--\s*migrate:up(\s*$|\s+\S+)`
pub(crate) static UP_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?m)^--{S}*migrate:up({S}*$|{S}+{NS}+)")).expect("valid regex"));
/// `(?m)^--\s*migrate:down(\s*$|\s+\S+)`
static DOWN_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!(r"(?m)^--{S}*migrate:down({S}*$|{S}+{NS}+)")).expect("valid regex"));
/// `^--\s*migrate:(up|down)`
static BLOCK_DIRECTIVE_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!(r"^--{S}*migrate:(up|down)")).expect("valid regex"));

/// dbmate's own parse errors, with its exact messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// No `-- migrate:up` directive.
    #[error("dbmate requires each migration to define an up block with '-- migrate:up'")]
    MissingUp,
    /// A section without `-- migrate:down`.
    #[error("dbmate requires each migration to define a down block with '-- migrate:down'")]
    MissingDown,
    /// `-- migrate:down` before `-- migrate:up` in a section.
    #[error("dbmate requires '-- migrate:up' to appear before '-- migrate:down'")]
    WrongOrder,
    /// Non-comment lines before the first `-- migrate:up`.
    #[error("dbmate does not support statements preceding the '-- migrate:up' block")]
    UnexpectedStatement,
    /// Two `-- migrate:down` in one section.
    #[error("dbmate requires every '-- migrate:down' to be preceded by a '-- migrate:up'")]
    MultipleDown,
}

/// One up/down section of a dbmate file, as byte ranges into the contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Byte range of the up block (from its directive to the down directive).
    pub up: std::ops::Range<usize>,
    /// Byte range of the down block (from its directive to the section end).
    pub down: std::ops::Range<usize>,
    /// `transaction:false` absent on the up directive.
    pub up_transaction: bool,
    /// `transaction:false` absent on the down directive.
    pub down_transaction: bool,
}

/// Parses file contents like dbmate does (same checks, same order).
pub fn parse_contents(contents: &str) -> Result<Vec<Section>, ParseError> {
    let ups: Vec<usize> = UP_RE.find_iter(contents).map(|m| m.start()).collect();
    let Some(&first) = ups.first() else {
        return Err(ParseError::MissingUp);
    };
    if contents[..first].split('\n').any(|l| {
        let t = l.trim_start_matches(['\t', '\n', '\x0C', '\r', ' ']);
        !(t.is_empty() || t.starts_with("--"))
    }) {
        return Err(ParseError::UnexpectedStatement);
    }
    let bounds: Vec<(usize, usize)> =
        ups.iter().enumerate().map(|(i, &s)| (s, ups.get(i + 1).copied().unwrap_or(contents.len()))).collect();
    for &(s, e) in &bounds {
        if DOWN_RE.find_iter(&contents[s..e]).count() > 1 {
            return Err(ParseError::MultipleDown);
        }
    }
    let mut out = Vec::with_capacity(bounds.len());
    for (s, e) in bounds {
        let section = &contents[s..e];
        // The up directive is at offset 0 of the section.
        let Some(d) = DOWN_RE.find(section) else {
            return Err(ParseError::MissingDown);
        };
        let (up, down) = (s..s + d.start(), s + d.start()..e);
        out.push(Section {
            up_transaction: transaction(&contents[up.clone()]),
            down_transaction: transaction(&contents[down.clone()]),
            up,
            down,
        });
    }
    Ok(out)
}

/// dbmate's `parseMigrationOptions(...).Transaction()`.
fn transaction(block: &str) -> bool {
    let first = block.split('\n').next().unwrap_or("");
    let rest = BLOCK_DIRECTIVE_RE.replace(first, "");
    let opts = rest.trim();
    let mut tx = true;
    for pair in opts.split(|c: char| "\t\n\x0C\r ".contains(c)).filter(|p| !p.is_empty()) {
        let kv: Vec<&str> = pair.split(':').collect();
        if kv.len() == 2 && kv[0] == "transaction" {
            tx = kv[1] != "false";
        }
    }
    tx
}

/// Whether a file name matches dbmate's pattern; returns the version digits.
pub fn parse_file_name(name: &OsStr) -> Option<String> {
    use std::os::unix::ffi::OsStrExt;
    FILE_RE.captures(name.as_bytes()).map(|c| String::from_utf8_lossy(&c[1]).into_owned())
}

/// The migration name: the file name without version digits, separators and `.sql`.
fn name_of(file: &str, version: &str) -> String {
    let rest = file.get(version.len()..).unwrap_or("");
    let rest = rest.strip_suffix(".sql").unwrap_or(rest);
    rest.trim_start_matches(['_', '-', '.']).to_string()
}

/// 1-based line number of byte offset `pos` in `text`.
pub(crate) fn line_of(text: &str, pos: usize) -> usize {
    1 + text.as_bytes()[..pos.min(text.len())].iter().filter(|&&b| b == b'\n').count()
}

pub(super) fn load(dir: &Path, entries: Vec<super::Entry>) -> Result<MigrationSet, ModelError> {
    let mut set = MigrationSet::empty(ToolKind::Dbmate, dir);
    let mut seen: HashMap<String, String> = HashMap::new();
    // Entries arrive sorted by file name bytes: dbmate's apply order.
    for e in entries {
        if e.is_dir {
            set.ignored.push(IgnoredFile::dir(e));
            continue;
        }
        let Some(version) = parse_file_name(&e.os_name) else {
            let suspicious = looks_like_migration(&e.name);
            let why = "does not match dbmate's file name pattern `<digits>*.sql` (`.sql` is case-sensitive), so the tool \
                       silently skips it";
            set.ignored.push(IgnoredFile::new(e, why, suspicious));
            continue;
        };
        if !e.utf8 {
            set.load_findings.push(super::non_utf8_name(ToolKind::Dbmate, &e.name, &version));
            set.ignored.push(IgnoredFile::new(e, "file name is not valid UTF-8 (dbmate would still apply it)", false));
            continue;
        }
        if let Some(first) = seen.get(&version) {
            set.load_findings.push(Finding::error(
                codes::DUPLICATE_VERSION,
                e.name.clone(),
                format!(
                    "`{first}` and `{}` have the same version `{version}`; dbmate applies the first and then fails on the \
                     second with a duplicate key error",
                    e.name
                ),
                format!("give `{}` a new, higher version (e.g. a fresh timestamp)", e.name),
            ));
            continue;
        }
        seen.insert(version.clone(), e.name.clone());
        let text = read_lossy(&e.path)?;
        let (m, finding) = migration(&e.name, version, &e.path, &text);
        set.load_findings.extend(finding);
        set.migrations.push(m);
        set.keep_text(e.path, text);
    }
    Ok(set)
}

/// The migration of `version` in the file `file` at `path`, whose contents are `text`, and what
/// dbmate would refuse in it (a parse error, or several up/down pairs).
fn migration(file: &str, version: String, path: &Path, text: &str) -> (Migration, Option<Finding>) {
    let mut m = Migration {
        name: name_of(file, &version),
        version,
        up: Some(path.to_path_buf()),
        down: Some(path.to_path_buf()),
        has_down: false,
        up_transaction: true,
        down_transaction: true,
    };
    let sections = match parse_contents(text) {
        Ok(sections) => sections,
        Err(err) => return (m, Some(parse_error(file, text, err))),
    };
    let s = &sections[0];
    m.up_transaction = s.up_transaction;
    m.down_transaction = s.down_transaction;
    m.has_down = sections.iter().all(|s| sql::has_code(&text[s.down.clone()]));
    let several = (sections.len() > 1).then(|| Finding {
        line: Some(line_of(text, sections[1].up.start)),
        ..Finding::error(
            codes::DBMATE_MULTIPLE_SECTIONS,
            file,
            format!(
                "`{file}` has {} `-- migrate:up`/`-- migrate:down` pairs; dbmate commits each pair separately and then \
                 fails recording the version twice (duplicate key), leaving the file half applied",
                sections.len()
            ),
            "keep one `-- migrate:up` and one `-- migrate:down` per file; move the other pairs into new migration files",
        )
    });
    (m, several)
}

/// MG003 / MG004: dbmate's parse error `err` in `file`, with how to fix it.
fn parse_error(file: &str, text: &str, err: ParseError) -> Finding {
    let (code, line) = match err {
        ParseError::MissingUp => (codes::DBMATE_MISSING_UP, None),
        _ => (codes::DBMATE_PARSE, UP_RE.find(text).map(|m| line_of(text, m.start()))),
    };
    let fix = match err {
        ParseError::MissingUp => {
            "start the file with a `-- migrate:up` line, followed by the SQL, then a `-- migrate:down` line with the SQL \
             that undoes it"
        }
        ParseError::MissingDown => "add a `-- migrate:down` line (after the up SQL) with SQL that undoes it",
        ParseError::WrongOrder | ParseError::UnexpectedStatement => {
            "move all SQL below the first `-- migrate:up` line; only blank lines and `--` comments may come before it"
        }
        ParseError::MultipleDown => "keep exactly one `-- migrate:down` after each `-- migrate:up`",
    };
    Finding { line, ..Finding::error(code, file, format!("`{file}`: {err}"), fix) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::ffi::OsStrExt;

    #[test]
    fn file_names() {
        let v = |s: &str| parse_file_name(OsStr::new(s));
        assert_eq!(v("0011_x.sql").as_deref(), Some("0011"));
        assert_eq!(v("20240101000001.sql").as_deref(), Some("20240101000001"));
        assert_eq!(v("12.sql.bak"), None);
        assert_eq!(v("13.SQL"), None);
        assert_eq!(v("abc.sql"), None);
        assert_eq!(v("1_x.sql\n"), None);
        assert_eq!(parse_file_name(OsStr::from_bytes(b"7\xff.sql")).as_deref(), Some("7"));
        assert_eq!(name_of("0011_add_users.sql", "0011"), "add_users");
    }

    #[test]
    fn parse_rules_match_dbmate() {
        use ParseError::*;
        let p = parse_contents;
        assert_eq!(p("create table x();"), Err(MissingUp));
        assert_eq!(p("-- migrate:up\ncreate table x();"), Err(MissingDown));
        assert_eq!(p("create table early();\n-- migrate:up\nx;\n-- migrate:down\ny;"), Err(UnexpectedStatement));
        assert_eq!(p("-- migrate:down\ndrop table pm;\n-- migrate:up\ncreate table pm();"), Err(UnexpectedStatement));
        assert_eq!(p("-- migrate:up\na;\n-- migrate:down\nb;\n-- migrate:down\nc;"), Err(MultipleDown));
        assert_eq!(p("-- migrate:upx\n-- migrate:down\n"), Err(MissingUp));
        let ok =
            p("-- a comment\n\n--migrate:up transaction:false\ncreate index concurrently i on t(x);\n-- migrate:down\ndrop index i;\n")
                .unwrap();
        assert_eq!(ok.len(), 1);
        assert!(!ok[0].up_transaction);
        assert!(ok[0].down_transaction);
        let two = p("-- migrate:up\na;\n-- migrate:down\nb;\n-- migrate:up\nc;\n-- migrate:down\nd;\n").unwrap();
        assert_eq!(two.len(), 2);
        // The directive must start the line; `\s` includes newlines, like RE2.
        assert!(p("  -- migrate:up\n-- migrate:down").is_err());
        assert!(p("--\nmigrate:up\n-- migrate:down\n").is_ok());
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn never_panics(b in proptest::collection::vec(any::<u8>(), 0..64), s in any::<String>()) {
                let _ = parse_file_name(OsStr::from_bytes(&b));
                let _ = parse_contents(&s);
                let _ = parse_contents(&String::from_utf8_lossy(&b));
            }

            #[test]
            fn directive_soup(s in "(-- migrate:up( transaction:false)?\n|-- migrate:down\n|select 1;\n|-- c\n|\n){0,8}") {
                if let Ok(sections) = parse_contents(&s) {
                    for sec in sections {
                        prop_assert!(sec.up.end == sec.down.start);
                        let _ = &s[sec.up.clone()];
                        let _ = &s[sec.down.clone()];
                    }
                }
            }
        }
    }
}
