//! Check tests: data-driven fixtures under `test-fixtures/checks/` plus unit tests.
//!
//! Each fixture `test-fixtures/checks/<scenario>/` holds `migrations/` and
//! `expected.txt`: `tool: …`, optional `previous: v1, v2`, `changed: v2`
//! (the previous build saw other up SQL for these versions), `strict: true`,
//! `allow-out-of-order: true`, `lint: locks|all|off`, then one line per expected finding:
//! `CODE severity [file[:line]]` (order does not matter; `#` comments).
//!
//! By rule family: [`deployed`] (the comparison with the previous build), [`report`] (what the
//! build log shows), [`locks`] (lock safety, issue 20).

mod deployed;
mod locks;
mod report;

use super::*;
use crate::migrations::MigrationSet;
use std::path::{Path, PathBuf};

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test-fixtures/checks")
}

struct Expected {
    tool: ToolKind,
    opts: CheckOptions,
    findings: Vec<String>,
}

fn parse_expected(text: &str) -> Expected {
    let mut tool = None;
    let mut opts = CheckOptions::default();
    let mut findings = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(v) = line.strip_prefix("tool:") {
            tool = Some(v.trim().parse::<ToolKind>().expect("tool"));
        } else if let Some(v) = line.strip_prefix("previous:") {
            opts.previous_versions = Some(v.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect());
        } else if let Some(v) = line.strip_prefix("changed:") {
            // The previous build saw other SQL for these versions.
            for version in v.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                opts.previous_checksums.insert(version.to_string(), "0000000000000000".into());
            }
        } else if let Some(v) = line.strip_prefix("strict:") {
            opts.strict = v.trim() == "true";
        } else if let Some(v) = line.strip_prefix("allow-out-of-order:") {
            opts.allow_out_of_order = v.trim() == "true";
        } else if let Some(v) = line.strip_prefix("lint:") {
            opts.lint = crate::config::parse_lint(&|_: &str| Some(v.trim().to_string())).expect("lint: locks|all|off");
        } else {
            findings.push(line.to_string());
        }
    }
    findings.sort();
    Expected { tool: tool.expect("fixture needs `tool:`"), opts, findings }
}

fn summary(f: &Finding) -> String {
    let mut s = format!("{} {}", f.code, f.severity);
    if !f.file.is_empty() {
        s.push(' ');
        s.push_str(&f.file);
        if let Some(l) = f.line {
            s.push_str(&format!(":{l}"));
        }
    }
    s
}

#[test]
fn fixtures() {
    let mut dirs: Vec<PathBuf> =
        std::fs::read_dir(fixtures_root()).expect("fixtures dir").map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    assert!(dirs.len() >= 20, "fixtures missing: {dirs:?}");
    let mut failures = Vec::new();
    for d in &dirs {
        let exp = parse_expected(&std::fs::read_to_string(d.join("expected.txt")).unwrap());
        let set = MigrationSet::load(&d.join("migrations"), exp.tool).unwrap();
        let report = run(&set, &exp.opts);
        let mut got: Vec<String> = report.findings.iter().map(summary).collect();
        got.sort();
        if got != exp.findings {
            failures.push(format!(
                "{}:\n  expected {:?}\n  got      {:?}\n  details:\n    {}",
                d.display(),
                exp.findings,
                got,
                report.findings.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n    ")
            ));
        }
        // Every finding names a file (except removed versions) and a fix.
        for f in &report.findings {
            assert!(!f.fix.is_empty() && !f.message.is_empty(), "{f}");
            assert!(!f.file.is_empty() || f.code == codes::REMOVED_SINCE_PREVIOUS, "{f}");
            let silenceable = ["MG1", "MG2", "MG3", "MG4", "MG5"].iter().any(|p| f.code.starts_with(p));
            if silenceable && f.code != codes::REMOVED_SINCE_PREVIOUS {
                assert!(f.fix.contains("migrations:allow"), "{f}");
            }
        }
        match &exp.opts.previous_versions {
            None => assert_eq!(report.baseline, Baseline::FirstBuild),
            Some(_) => assert!(matches!(report.baseline, Baseline::Compared { .. })),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_code_is_documented_and_exercised() {
    let all = [
        codes::DUPLICATE_VERSION,
        codes::DOWN_WITHOUT_UP,
        codes::DBMATE_MISSING_UP,
        codes::DBMATE_PARSE,
        codes::DBMATE_MULTIPLE_SECTIONS,
        codes::EMPTY_UP,
        codes::VERSION_OVERFLOW,
        codes::OUT_OF_ORDER,
        codes::NON_UTF8_NAME,
        codes::UNREADABLE,
        codes::IGNORED_FILE,
        codes::MISSING_DOWN,
        codes::ODD_EXTENSION,
        codes::REMOVED_SINCE_PREVIOUS,
        codes::CHANGED_SINCE_PREVIOUS,
        codes::NON_TRANSACTIONAL,
        codes::TRANSACTION_CONTROL,
        codes::ENUM_ADD_VALUE,
        codes::DROP_TABLE,
        codes::DROP_COLUMN,
        codes::TRUNCATE,
        codes::RENAME,
        codes::ALTER_COLUMN_TYPE,
        codes::SET_NOT_NULL,
        codes::ADD_COLUMN_NOT_NULL,
        codes::BLOCKING_INDEX,
        codes::BLOCKING_DROP_INDEX,
        codes::BLOCKING_REINDEX,
        codes::FOREIGN_KEY_SCAN,
        codes::CONSTRAINT_SCAN,
        codes::CONSTRAINT_INDEX,
        codes::COLUMN_REWRITE,
        codes::TABLE_REWRITE,
        codes::TABLE_COPY,
        codes::LOCK_TABLE,
        codes::BLOCKING_DETACH,
        codes::DOMAIN_CONSTRAINT,
        codes::LOCK_HELD_ACROSS_FILES,
        codes::SEED_DATA,
        codes::STYLE_TEXT,
        codes::STYLE_BIGINT,
        codes::STYLE_IDENTITY,
        codes::STYLE_TIMESTAMPTZ,
        codes::STYLE_CHAR,
    ];
    let docs = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/checks.md")).expect("docs/checks.md");
    let mut expected_anywhere = String::new();
    for e in std::fs::read_dir(fixtures_root()).unwrap() {
        let p = e.unwrap().path().join("expected.txt");
        expected_anywhere.push_str(&std::fs::read_to_string(p).unwrap_or_default());
    }
    for c in all {
        assert!(docs.contains(&format!("`{c}`")), "{c} not documented");
        assert_ne!(crate::messages::code_title(c), "check", "{c} has no title for grouped lines");
        // Codes that need an unreadable file or a non-UTF-8 name are covered
        // by unit tests instead of fixtures (git cannot store them portably).
        if c != codes::UNREADABLE && c != codes::NON_UTF8_NAME {
            assert!(expected_anywhere.contains(c), "{c} has no fixture");
        }
    }
}

#[test]
fn allow_syntax() {
    let a = allowed_codes("-- migrations:allow MG301, mg401 MG102\nSELECT 'migrations:allow MG999';\n/* Migrations:Allow MG201 */");
    for c in ["MG301", "MG401", "MG102", "MG201"] {
        assert!(a.contains(c), "{c}: {a:?}");
    }
    assert!(!a.contains("MG999"));
}

#[test]
fn non_utf8_and_unreadable_files_are_errors() {
    use std::os::unix::ffi::OsStrExt;
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join(std::ffi::OsStr::from_bytes(b"1_\xff.up.sql")), "select 1;").unwrap();
    std::fs::write(d.path().join("2_ok.up.sql"), "select 1;").unwrap();
    std::fs::write(d.path().join("2_ok.down.sql"), "select 1;").unwrap();
    let set = MigrationSet::load(d.path(), ToolKind::GolangMigrate).unwrap();
    // Gone between load and checks (the down file's text was kept by the load; the up file's was not).
    std::fs::remove_file(d.path().join("2_ok.up.sql")).unwrap();
    let r = run(&set, &CheckOptions::default());
    let codes_: Vec<&str> = r.errors().iter().map(|f| f.code).collect();
    assert_eq!(codes_, vec![codes::NON_UTF8_NAME, codes::UNREADABLE], "{r:?}");
}

#[test]
fn ten_thousand_files_load_and_check() {
    // Not timed: guards against accidental quadratic work in debug builds
    // (which would take minutes here).
    let d = tempfile::tempdir().unwrap();
    for i in 1..=5_000u32 {
        std::fs::write(d.path().join(format!("{i:06}_m.up.sql")), format!("CREATE TABLE t{i} (id int);\nCREATE INDEX ON t{i} (id);\n"))
            .unwrap();
        std::fs::write(d.path().join(format!("{i:06}_m.down.sql")), format!("DROP TABLE t{i};\n")).unwrap();
    }
    let set = MigrationSet::load(d.path(), ToolKind::GolangMigrate).unwrap();
    assert_eq!(set.migrations.len(), 5_000);
    let prev: Vec<String> = (1..=4_000u32).map(|i| i.to_string()).collect();
    let r = run(&set, &CheckOptions { previous_versions: Some(prev), ..Default::default() });
    assert!(r.findings.is_empty(), "{:?}", &r.findings[..r.findings.len().min(3)]);
}
