//! Check tests: data-driven fixtures under `test-fixtures/checks/` plus unit tests.
//!
//! Each fixture `test-fixtures/checks/<scenario>/` holds `migrations/` and
//! `expected.txt`: `tool: …`, optional `previous: v1, v2`, `changed: v2`
//! (the previous build saw other up SQL for these versions), `strict: true`,
//! `allow-out-of-order: true`, `lint: locks|all|off`, then one line per expected finding:
//! `CODE severity [file[:line]]` (order does not matter; `#` comments).

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
fn increments_and_suggested_versions() {
    assert_eq!(deployed::increment("0009"), "0010");
    assert_eq!(deployed::increment("99"), "100");
    assert_eq!(deployed::increment(""), "1");
    assert_eq!(next_version(ToolKind::GolangMigrate, "10", "0005_x.up.sql").as_deref(), Some("0011"));
    assert_eq!(next_version(ToolKind::Dbmate, "20240101000003", "20240101000002_x.sql").as_deref(), Some("20240101000004"));
    // String order: "10" < "9", so append instead.
    assert_eq!(next_version(ToolKind::Dbmate, "9", "5_x.sql").as_deref(), Some("91"));
    assert_eq!(deployed::rename("0005_late.up.sql", "0011"), "0011_late.up.sql");
}

#[test]
fn golang_migrate_suggestions_are_versions_golang_migrate_can_read() {
    // golang-migrate reads versions with strconv.ParseUint(…, 10, 64).
    let reads = |v: &str| v.parse::<u64>().is_ok();
    assert_eq!(next_version(ToolKind::GolangMigrate, "18446744073709551614", "1_x.up.sql").as_deref(), Some("18446744073709551615"));
    assert_eq!(next_version(ToolKind::GolangMigrate, "18446744073709551615", "1_x.up.sql"), None);
    assert_eq!(next_version(ToolKind::GolangMigrate, "99999999999999999999", "1_x.up.sql"), None);
    for max in ["0", "9", "20240101000000", "9999999999999999999", "18446744073709551614"] {
        for file in ["1_x.up.sql", "0000000000000000000000000001_x.up.sql", "20240101_x.up.sql"] {
            let v = next_version(ToolKind::GolangMigrate, max, file).expect("a higher version exists");
            assert!(reads(&v), "{max} / {file}: suggested {v}");
            assert!(v.parse::<u64>().unwrap() > max.parse::<u64>().unwrap(), "{max} / {file}: suggested {v}");
        }
    }
}

#[test]
fn out_of_order_at_the_largest_version_suggests_no_unreadable_rename() {
    let d = tempfile::tempdir().unwrap();
    for (f, body) in [("18446744073709551615_top.up.sql", "SELECT 1;"), ("5_late.up.sql", "SELECT 1;")] {
        std::fs::write(d.path().join(f), body).unwrap();
    }
    let set = MigrationSet::load(d.path(), ToolKind::GolangMigrate).unwrap();
    let opts = CheckOptions { previous_versions: Some(vec!["18446744073709551615".into()]), ..Default::default() };
    let r = run(&set, &opts);
    let f = r.errors().into_iter().find(|f| f.code == codes::OUT_OF_ORDER).expect("MG008");
    assert!(!f.fix.contains("18446744073709551616") && !f.fix.contains("rename `"), "{f}");
    assert!(f.fix.contains("18446744073709551615 is the highest version golang-migrate can read"), "{f}");
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
fn out_of_order_message_names_the_rename() {
    let d = fixtures_root().join("gm-out-of-order/migrations");
    let set = MigrationSet::load(&d, ToolKind::GolangMigrate).unwrap();
    let opts = CheckOptions { previous_versions: Some(vec!["1".into(), "2".into(), "10".into()]), ..Default::default() };
    let r = run(&set, &opts);
    let f = r.errors().into_iter().find(|f| f.code == codes::OUT_OF_ORDER).unwrap();
    assert!(
        f.fix.contains("`0005_late_branch.up.sql` → `0012_late_branch.up.sql`")
            && f.fix.contains("`0005_late_branch.down.sql` → `0012_late_branch.down.sql`"),
        "{f}"
    );
    assert!(f.message.contains("silently skips"), "{f}");
    assert_eq!(
        r.baseline,
        Baseline::Compared { previous: 3, previous_newest: Some("10".into()), new_versions: vec!["5".into(), "11".into()] }
    );
    assert!(r.baseline.to_string().contains("2 new"));
    let first = run(&set, &CheckOptions::default());
    assert_eq!(first.baseline.to_string(), "first build: nothing to compare with");
    assert!(!first.has_errors());
    assert!(first.warnings().is_empty());
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

// ------------------------------------------------------------ the build's report

mod build_report {
    use super::*;
    use crate::messages::{CHECK_REPORT_LINES, LogPiece, build_check_report, log_lines};
    use proptest::prelude::*;

    fn write_all(dir: &Path, files: &[(&str, &str)]) {
        for (f, body) in files {
            std::fs::write(dir.join(f), body).unwrap();
        }
    }

    /// The pieces as the build log shows them (without colours).
    fn printed(pieces: &[LogPiece]) -> String {
        let out = bullet_stream::global::with_locked_writer(Vec::<u8>::new(), || {
            for p in pieces {
                match p {
                    LogPiece::Bullet(t) => bullet_stream::global::print::bullet(t),
                    LogPiece::SubBullet(t) => bullet_stream::global::print::sub_bullet(t),
                    LogPiece::Warning(t) => bullet_stream::global::print::warning(t),
                    LogPiece::Error(t) => bullet_stream::global::print::error(t),
                }
            }
        });
        bullet_stream::strip_ansi(String::from_utf8_lossy(&out))
    }

    fn gm_dir() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        write_all(
            d.path(),
            &[
                ("1_users.up.sql", "CREATE TABLE users (id int, name text, legacy text);"),
                ("1_users.down.sql", "DROP TABLE users;"),
                ("2_index.up.sql", "CREATE INDEX users_name ON users (name);"),
                ("2_index.down.sql", "DROP INDEX users_name;"),
                ("3_seed.up.sql", "INSERT INTO users VALUES (1, 'a', 'b');"),
            ],
        );
        d
    }

    #[test]
    fn first_build_prints_one_line_per_code_and_the_command() {
        let d = gm_dir();
        let set = MigrationSet::load(d.path(), ToolKind::GolangMigrate).unwrap();
        let report = run(&set, &CheckOptions::default());
        let text = printed(&build_check_report(&set, &report, CHECK_REPORT_LINES));
        assert_eq!(
            text,
            "- Checked 3 migration(s): 0 error(s), 3 warning(s) (first build, so no previous versions to check the order against); \
             `migrations check` (e.g. `heroku run migrations check`) lists every finding\n  \
             - MG102 warning ×1: no usable down migration\n  \
             - MG308 warning ×1: CREATE INDEX without CONCURRENTLY\n  \
             - MG401 warning ×1: seed data\n"
        );
    }

    #[test]
    fn a_rebuild_with_nothing_new_prints_one_line_and_a_new_destructive_file_is_shown_in_full() {
        let d = gm_dir();
        let set = MigrationSet::load(d.path(), ToolKind::GolangMigrate).unwrap();
        let first = run(&set, &CheckOptions::default());
        let history = crate::layers::history::HistoryMetadata::of(&set, &first);
        let again = run(&set, &history.clone().options(false, false));
        let text = printed(&build_check_report(&set, &again, CHECK_REPORT_LINES));
        assert_eq!(
            text,
            "- Checked 3 migration(s) (order checked against the previous build; 0 new, 0 changed): 0 error(s), 0 warning(s) of new or \
             changed migrations; 3 warning(s) of deployed migrations not repeated (MG102 ×1, MG308 ×1, MG401 ×1), `migrations check` \
             (e.g. `heroku run migrations check`) lists every finding\n"
        );

        write_all(d.path(), &[("4_drop.up.sql", "ALTER TABLE users DROP COLUMN legacy;"), ("4_drop.down.sql", "SELECT 1;")]);
        let set = MigrationSet::load(d.path(), ToolKind::GolangMigrate).unwrap();
        let report = run(&set, &history.clone().options(false, false));
        let text = printed(&build_check_report(&set, &report, CHECK_REPORT_LINES));
        assert_eq!(
            text,
            "- Checked 4 migration(s) (order checked against the previous build; 1 new, 0 changed): 0 error(s), 1 warning(s) of new or \
             changed migrations; 3 warning(s) of deployed migrations not repeated (MG102 ×1, MG308 ×1, MG401 ×1), `migrations check` \
             (e.g. `heroku run migrations check`) lists every finding\n\
             \n\
             ! Warning MG302 4_drop.up.sql:1: dropping column `users.legacy` destroys data and breaks code that still reads it; the release \
             still running during and after the release phase uses the old schema\n\
             ! stop using the column in a previous release first, then drop it in a later deploy; or silence it with a comment \
             `-- migrations:allow MG302` in that file\n\
             \n"
        );
        // Strict fails on it, not on the deployed migrations' warnings.
        let strict = run(&set, &history.clone().options(true, false));
        assert_eq!(strict.errors().iter().map(|f| f.code).collect::<Vec<_>>(), vec![codes::DROP_COLUMN]);

        // A deployed migration edited (a comment edit alone does not count).
        write_all(d.path(), &[("2_index.up.sql", "-- faster\nCREATE INDEX users_name ON users (name);")]);
        let set = MigrationSet::load(d.path(), ToolKind::GolangMigrate).unwrap();
        assert!(run(&set, &history.clone().options(false, false)).changed_versions.is_empty());
        write_all(d.path(), &[("2_index.up.sql", "CREATE INDEX users_name ON users (lower(name));")]);
        let set = MigrationSet::load(d.path(), ToolKind::GolangMigrate).unwrap();
        let report = run(&set, &history.options(false, false));
        assert_eq!(report.changed_versions, vec!["2".to_string()]);
        let text = printed(&build_check_report(&set, &report, CHECK_REPORT_LINES));
        assert!(text.contains("1 new, 1 changed"), "{text}");
        assert!(text.contains("! Warning MG105 2_index.up.sql: the up SQL of version 2 changed since the previous build"), "{text}");
        assert!(text.contains("! Warning MG308 2_index.up.sql:1"), "{text}");
    }

    #[test]
    fn many_new_findings_are_grouped_per_code_within_the_budget() {
        let d = tempfile::tempdir().unwrap();
        for i in 1..=40 {
            write_all(
                d.path(),
                &[
                    (&format!("{i}_t.up.sql"), &format!("ALTER TABLE t DROP COLUMN c{i};\nTRUNCATE t;")),
                    (&format!("{i}_t.down.sql"), "SELECT 1;"),
                ],
            );
        }
        let set = MigrationSet::load(d.path(), ToolKind::GolangMigrate).unwrap();
        let report = run(&set, &CheckOptions { previous_versions: Some(vec![]), ..Default::default() });
        let pieces = build_check_report(&set, &report, CHECK_REPORT_LINES);
        let text = printed(&pieces);
        assert_eq!(text.lines().count(), log_lines(&pieces));
        assert!(log_lines(&pieces) <= CHECK_REPORT_LINES, "{text}");
        assert!(text.contains("! Warning MG302 ×40 (DROP COLUMN): 1_t.up.sql:1, 2_t.up.sql:1, 3_t.up.sql:1 and 37 more\n"), "{text}");
        assert!(text.contains("! Warning MG303 ×40 (TRUNCATE): 1_t.up.sql:2, 2_t.up.sql:2, 3_t.up.sql:2 and 37 more\n"), "{text}");
        assert!(text.contains("`migrations check`"), "{text}");
    }

    const ALL_CODES: [&str; 44] = [
        "MG001", "MG002", "MG003", "MG004", "MG005", "MG006", "MG007", "MG008", "MG009", "MG010", "MG101", "MG102", "MG103", "MG104",
        "MG105", "MG201", "MG202", "MG203", "MG301", "MG302", "MG303", "MG304", "MG305", "MG306", "MG307", "MG308", "MG309", "MG310",
        "MG311", "MG312", "MG313", "MG314", "MG315", "MG316", "MG317", "MG318", "MG319", "MG320", "MG401", "MG501", "MG502", "MG503",
        "MG504", "MG505",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48)))]
        /// Whatever the directory holds (up to 10,000 files, any mix of
        /// findings, first build or not), the check report stays within its
        /// lines, and `log_lines` counts what bullet_stream really prints.
        #[test]
        fn the_report_never_exceeds_its_lines(
            files in 0usize..10_000,
            picks in proptest::collection::vec((0usize..44, 0usize..10_000, any::<bool>(), proptest::option::of(1usize..500), 0u8..10), 0..400),
            first_build in any::<bool>(),
            bulk in 0usize..25,
        ) {
            let empty = tempfile::tempdir().unwrap();
            let set = MigrationSet::load(empty.path(), ToolKind::GolangMigrate).unwrap();
            let mut findings = Vec::new();
            let mut new_files = HashSet::new();
            // `bulk` repeats the picks on other files: up to 10,000 findings.
            for round in 0..=bulk {
                for (code, file, is_new, line, sev) in &picks {
                    let file_no = (file + round * 7919) % files.max(1);
                    let file = format!("{file_no:06}_migration_with_a_long_descriptive_name.up.sql");
                    if *is_new {
                        new_files.insert(file.clone());
                    }
                    findings.push(Finding {
                        code: ALL_CODES[*code],
                        severity: if *sev == 0 { Severity::Error } else { Severity::Warning },
                        file: if ALL_CODES[*code] == codes::REMOVED_SINCE_PREVIOUS { String::new() } else { file },
                        line: *line,
                        message: "something is wrong here, as a long sentence that names the table and the column".into(),
                        fix: "do the right thing instead; or silence it with a comment `-- migrations:allow MG000` in that file".into(),
                        rule: None,
                    });
                }
            }
            let baseline = if first_build {
                Baseline::FirstBuild
            } else {
                Baseline::Compared { previous: files, previous_newest: None, new_versions: vec!["1".into(); new_files.len()] }
            };
            let report = CheckReport { findings, baseline, new_files, changed_versions: vec![], checksums: Default::default(), ignored: vec![] };
            let pieces = build_check_report(&set, &report, CHECK_REPORT_LINES);
            let text = printed(&pieces);
            prop_assert!(log_lines(&pieces) <= CHECK_REPORT_LINES, "{} lines:\n{}", log_lines(&pieces), text);
            prop_assert_eq!(text.lines().count(), log_lines(&pieces), "{}", text);
            // Every error is at least counted, and the way to see everything is named.
            if report.has_errors() {
                prop_assert!(text.contains("Error MG0") || text.contains("Error MG1") || text.contains("Error MG2") || text.contains("Error MG3") || text.contains("Error MG4") || text.contains("Error MG5"), "{}", text);
            }
            // Either every finding is there in full, or the command that lists them is named.
            let in_full = text.matches("something is wrong here").count() == report.findings.len();
            prop_assert!(in_full || text.contains("`migrations check`"), "{}", text);
        }
    }
}

#[test]
fn a_few_new_findings_take_one_line_each_when_their_fixes_do_not_fit() {
    use crate::messages::{CHECK_REPORT_LINES, build_check_report, log_lines};
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("1_users.up.sql"), "CREATE TABLE users (id int, name text, legacy text);").unwrap();
    std::fs::write(d.path().join("1_users.down.sql"), "DROP TABLE users;").unwrap();
    std::fs::write(
        d.path().join("2_cleanup.up.sql"),
        "ALTER TABLE users DROP COLUMN legacy;\nTRUNCATE users;\nALTER TABLE users RENAME name TO full_name;\nCREATE INDEX users_id ON users (id);\nALTER TABLE users ALTER COLUMN id SET NOT NULL;\n",
    )
    .unwrap();
    std::fs::write(d.path().join("2_cleanup.down.sql"), "SELECT 1;").unwrap();
    let set = MigrationSet::load(d.path(), ToolKind::GolangMigrate).unwrap();
    let report = run(&set, &CheckOptions { previous_versions: Some(vec!["1".into()]), ..Default::default() });
    let pieces = build_check_report(&set, &report, CHECK_REPORT_LINES);
    assert_eq!(log_lines(&pieces), 9);
    let crate::messages::LogPiece::Warning(text) = &pieces[1] else { panic!("{pieces:?}") };
    assert_eq!(
        text.lines().map(|l| l.split(": ").next().unwrap()).collect::<Vec<_>>(),
        vec![
            "Warning MG302 2_cleanup.up.sql:1",
            "Warning MG303 2_cleanup.up.sql:2",
            "Warning MG304 2_cleanup.up.sql:3",
            "Warning MG306 2_cleanup.up.sql:5",
            "Warning MG308 2_cleanup.up.sql:4",
            "`migrations check` (e.g. `heroku run migrations check`) lists every finding with its fix",
        ]
    );
}

#[test]
fn dbmate_templates_with_empty_downs_are_one_count_unless_new() {
    use crate::messages::{CHECK_REPORT_LINES, LogPiece, build_check_report};
    let d = tempfile::tempdir().unwrap();
    let template = |i: u32| format!("-- migrate:up\nCREATE TABLE t{i} (id int);\n\n-- migrate:down\n\n");
    for i in 1..=30u32 {
        std::fs::write(d.path().join(format!("2024010100{i:04}_t{i}.sql")), template(i)).unwrap();
    }
    let set = MigrationSet::load(d.path(), ToolKind::Dbmate).unwrap();
    let previous: Vec<String> = (1..=29u32).map(|i| format!("2024010100{i:04}")).collect();
    let report = run(&set, &CheckOptions { previous_versions: Some(previous), ..Default::default() });
    assert_eq!(report.warnings().len(), 30);
    let pieces = build_check_report(&set, &report, CHECK_REPORT_LINES);
    let LogPiece::Bullet(head) = &pieces[0] else { panic!("{pieces:?}") };
    assert!(
        head.contains(
            "0 error(s), 1 warning(s) of new or changed migrations; 29 warning(s) of deployed migrations not repeated (MG102 ×29)"
        ),
        "{head}"
    );
    assert_eq!(pieces.len(), 2, "{pieces:?}");
    let LogPiece::Warning(text) = &pieces[1] else { panic!("{pieces:?}") };
    assert!(text.starts_with("Warning MG102 20240101000030_t30.sql:4: the `-- migrate:down` section"), "{text}");
}

// ------------------------------------------------------------ lock safety (issue 20)

/// The 28 one-statement migrations against an existing table of issue 20, with the
/// code this buildpack reports (`None`: nothing). docs/checks.md has the same table
/// with what the buildpack reported before and squawk's own verdict.
const TWENTY_EIGHT: [(&str, Option<&str>); 28] = [
    ("ALTER TABLE users DROP COLUMN legacy;", Some("MG302")),
    ("DROP TABLE legacy_users;", Some("MG301")),
    ("TRUNCATE users;", Some("MG303")),
    ("ALTER TABLE users RENAME COLUMN name TO full_name;", Some("MG304")),
    ("ALTER TABLE users ALTER COLUMN id TYPE bigint;", Some("MG305")),
    ("ALTER TABLE users ALTER COLUMN email SET NOT NULL;", Some("MG306")),
    ("ALTER TABLE users ADD COLUMN age int NOT NULL;", Some("MG307")),
    ("CREATE INDEX users_email_idx ON users (email);", Some("MG308")),
    ("ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);", Some("MG311")),
    ("ALTER TABLE orders ADD COLUMN customer_id bigint REFERENCES users (id);", Some("MG311")),
    ("ALTER TABLE users ADD CONSTRAINT users_age_check CHECK (age >= 0);", Some("MG312")),
    ("ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);", Some("MG313")),
    ("ALTER TABLE users ADD PRIMARY KEY (id);", Some("MG313")),
    ("ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();", Some("MG314")),
    ("ALTER TABLE users ADD COLUMN name_lower text GENERATED ALWAYS AS (lower(name)) STORED;", Some("MG314")),
    ("DROP INDEX users_email_idx;", Some("MG309")),
    ("REINDEX TABLE users;", Some("MG310")),
    ("VACUUM FULL users;", Some("MG315")),
    ("CLUSTER users USING users_pkey;", Some("MG315")),
    ("ALTER TABLE users SET TABLESPACE fast;", Some("MG316")),
    ("LOCK TABLE users IN ACCESS EXCLUSIVE MODE;", Some("MG317")),
    ("ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;", None),
    ("ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;", None),
    ("ALTER TABLE users ADD CONSTRAINT users_age_check CHECK (age >= 0) NOT VALID;", None),
    ("CREATE INDEX CONCURRENTLY users_email_idx ON users (email);", None),
    ("DROP INDEX CONCURRENTLY users_email_idx;", None),
    ("ALTER TABLE users ADD COLUMN status text DEFAULT 'active';", None),
    ("ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;", None),
];

/// The checks of a directory holding `files` (golang-migrate; a down file for each up file).
fn check_files(files: &[(&str, &str)], opts: &CheckOptions) -> CheckReport {
    let d = tempfile::tempdir().unwrap();
    for (name, sql) in files {
        std::fs::write(d.path().join(name), sql).unwrap();
        if let Some(down) = name.strip_suffix(".up.sql") {
            std::fs::write(d.path().join(format!("{down}.down.sql")), "SELECT 1;").unwrap();
        }
    }
    run(&MigrationSet::load(d.path(), ToolKind::GolangMigrate).unwrap(), opts)
}

#[test]
fn the_twenty_eight_one_statement_migrations_of_issue_20() {
    for (sql, code) in TWENTY_EIGHT {
        for tool in ToolKind::ALL {
            let d = tempfile::tempdir().unwrap();
            let name = match tool {
                ToolKind::GolangMigrate => {
                    std::fs::write(d.path().join("1_x.down.sql"), "SELECT 1;").unwrap();
                    std::fs::write(d.path().join("1_x.up.sql"), sql).unwrap();
                    "1_x.up.sql"
                }
                ToolKind::Dbmate => {
                    std::fs::write(
                        d.path().join("1_x.sql"),
                        format!("-- migrate:up transaction:false\n{sql}\n-- migrate:down\nSELECT 1;\n"),
                    )
                    .unwrap();
                    "1_x.sql"
                }
            };
            let r = run(&MigrationSet::load(d.path(), tool).unwrap(), &CheckOptions::default());
            let got: Vec<(&str, &str, Option<usize>)> = r.findings.iter().map(|f| (f.code, f.file.as_str(), f.line)).collect();
            let line = if tool == ToolKind::Dbmate { 2 } else { 1 };
            let want: Vec<(&str, &str, Option<usize>)> = code.map(|c| (c, name, Some(line))).into_iter().collect();
            assert_eq!(got, want, "{tool}: {sql}");
        }
    }
}

/// squawk's names of the rules that are never reported.
const NEVER: [&str; 3] = ["require-lock-timeout", "require-statement-timeout", "prefer-robust-stmts"];

#[test]
fn timeout_and_robustness_rules_are_never_reported() {
    // squawk's own defaults report them on these statements, so the test below can fail...
    for (sql, _) in TWENTY_EIGHT.iter().take(21) {
        let parse = squawk_syntax::SourceFile::parse(sql);
        let names: Vec<String> = squawk_linter::Linter::with_default_rules().lint(&parse, sql).iter().map(|v| v.code.to_string()).collect();
        assert!(names.iter().any(|n| n == "require-lock-timeout" && NEVER.contains(&n.as_str())), "{sql}: {names:?}");
    }
    // ...and no level of the checks ever runs or reports them.
    for lint in [Lint::Locks, Lint::All] {
        assert!(locks::rules(lint).iter().all(|r| !NEVER.contains(&r.to_string().as_str())), "{lint:?}");
        let files: Vec<(String, &str)> =
            TWENTY_EIGHT.iter().enumerate().map(|(i, (sql, _))| (format!("{}_x.up.sql", i + 1), *sql)).collect();
        let files: Vec<(&str, &str)> = files.iter().map(|(n, s)| (n.as_str(), *s)).collect();
        let r = check_files(&files, &CheckOptions { lint, ..Default::default() });
        assert!(r.findings.len() >= 20, "{lint:?}: {:?}", r.findings);
        for f in &r.findings {
            assert!(f.rule.is_none_or(|n| !NEVER.contains(&n)), "{f}");
            assert!(!NEVER.iter().any(|n| f.message.contains(n) || f.fix.contains(n)), "{f}");
        }
    }
}

#[test]
fn style_rules_only_with_lint_all() {
    let dir = fixtures_root().join("gm-lint-all/migrations");
    let set = MigrationSet::load(&dir, ToolKind::GolangMigrate).unwrap();
    let style = |lint| -> Vec<(&'static str, Option<&'static str>)> {
        run(&set, &CheckOptions { lint, ..Default::default() })
            .findings
            .iter()
            .filter(|f| f.code.starts_with("MG5"))
            .map(|f| (f.code, f.rule))
            .collect()
    };
    assert_eq!(style(Lint::Locks), vec![]);
    assert_eq!(style(Lint::Off), vec![]);
    let mut all = style(Lint::All);
    all.sort();
    assert_eq!(
        all,
        vec![
            ("MG501", Some("prefer-text-field")),
            ("MG502", Some("prefer-bigint-over-int")),
            ("MG503", Some("prefer-identity")),
            ("MG504", Some("prefer-timestamptz")),
            ("MG505", Some("ban-char-field")),
        ]
    );
    // Off also drops the lock-safety codes; the checks that existed before stay.
    let off = run(&set, &CheckOptions { lint: Lint::Off, ..Default::default() });
    assert!(off.findings.is_empty(), "{:?}", off.findings);
}

#[test]
fn findings_name_squawks_rule_and_each_tools_fix() {
    let r = check_files(
        &[
            ("1_fk.up.sql", "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id);"),
            ("2_drop.up.sql", "DROP INDEX users_email_idx;"),
        ],
        &CheckOptions::default(),
    );
    let fk = r.findings.iter().find(|f| f.code == codes::FOREIGN_KEY_SCAN).expect("MG311");
    assert_eq!(fk.rule, Some("adding-foreign-key-constraint"));
    assert!(fk.message.contains("`orders` and `users`") && fk.fix.contains("NOT VALID"), "{fk}");
    let drop = r.findings.iter().find(|f| f.code == codes::BLOCKING_DROP_INDEX).expect("MG309");
    assert_eq!(drop.rule, Some("require-concurrent-index-deletion"));
    assert!(drop.fix.starts_with("use DROP INDEX CONCURRENTLY, alone in its own migration file;"), "{drop}");
    // dbmate: the fix says how to leave dbmate's transaction.
    let set = MigrationSet::load(&fixtures_root().join("db-locks/migrations"), ToolKind::Dbmate).unwrap();
    let r = run(&set, &CheckOptions::default());
    let drop = r.findings.iter().find(|f| f.code == codes::BLOCKING_DROP_INDEX).expect("MG309");
    assert!(drop.fix.contains("`-- migrate:up transaction:false`"), "{drop}");
    // The existing codes carry squawk's name too.
    let r = check_files(
        &[("1_x.up.sql", "ALTER TABLE users ALTER COLUMN id TYPE bigint;\nTRUNCATE a;\nTRUNCATE b CASCADE;")],
        &CheckOptions::default(),
    );
    let rules: Vec<(&str, Option<&str>)> = r.findings.iter().map(|f| (f.code, f.rule)).collect();
    assert_eq!(
        rules,
        vec![
            (codes::ALTER_COLUMN_TYPE, Some("changing-column-type")),
            (codes::TRUNCATE, None),
            (codes::TRUNCATE, Some("ban-truncate-cascade"))
        ]
    );
}

#[test]
fn a_lock_held_across_files_names_the_table_and_the_later_file_and_can_be_silenced() {
    let files = [
        ("1_users.up.sql", "CREATE TABLE users (id int);"),
        ("2_nick.up.sql", "ALTER TABLE users ADD COLUMN nick text;"),
        ("3_backfill.up.sql", "UPDATE big SET x = 1;"),
    ];
    let previous = CheckOptions { previous_versions: Some(vec!["1".into()]), ..Default::default() };
    let r = check_files(&files, &previous);
    let held: Vec<&Finding> = r.findings.iter().filter(|f| f.code == codes::LOCK_HELD_ACROSS_FILES).collect();
    assert_eq!(held.len(), 1, "{:?}", r.findings);
    assert_eq!((held[0].file.as_str(), held[0].line), ("2_nick.up.sql", Some(1)));
    assert!(held[0].message.contains("ACCESS EXCLUSIVE on `users`") && held[0].message.contains("`3_backfill.up.sql`"), "{}", held[0]);
    // First build: what the database already has is unknown, so nothing is said.
    assert!(check_files(&files, &CheckOptions::default()).findings.iter().all(|f| f.code != codes::LOCK_HELD_ACROSS_FILES));
    // Silenced in the file that takes the lock.
    let silenced = [files[0], ("2_nick.up.sql", "-- migrations:allow MG320\nALTER TABLE users ADD COLUMN nick text;"), files[2]];
    assert!(check_files(&silenced, &previous).findings.iter().all(|f| f.code != codes::LOCK_HELD_ACROSS_FILES));
    // Off: not reported either.
    assert!(check_files(&files, &CheckOptions { lint: Lint::Off, ..previous.clone() }).findings.is_empty());
}

#[test]
fn squawks_own_ignore_comments_silence_the_findings_squawk_produces() {
    let fk = "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id);";
    let r = check_files(
        &[
            ("1_ignored.up.sql", &format!("-- squawk-ignore adding-foreign-key-constraint\n{fk}")),
            ("2_file.up.sql", &format!("-- squawk-ignore-file adding-foreign-key-constraint\nSELECT 1;\n{fk}")),
            ("3_other_rule.up.sql", &format!("-- squawk-ignore ban-drop-table\n{fk}")),
        ],
        &CheckOptions::default(),
    );
    let got: Vec<(&str, &str)> = r.findings.iter().map(|f| (f.code, f.file.as_str())).collect();
    assert_eq!(got, vec![(codes::FOREIGN_KEY_SCAN, "3_other_rule.up.sql")]);
}

mod lock_props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)))]
        /// Any mix of the statements the lock rules look at, comments, strings and
        /// transaction control, in one file or several, new or not: no panic, and
        /// every finding points at a line of its file.
        #[test]
        fn lock_rules_never_panic_and_point_into_the_file(
            files in proptest::collection::vec(
                proptest::collection::vec(
                    prop_oneof![
                        Just("ALTER TABLE users ADD CONSTRAINT c FOREIGN KEY (a) REFERENCES t (id)".to_string()),
                        Just("ALTER TABLE users ADD COLUMN x uuid DEFAULT gen_random_uuid(), ADD UNIQUE (x)".to_string()),
                        Just("ALTER TABLE users VALIDATE CONSTRAINT c".to_string()),
                        Just("ALTER TABLE users ADD CONSTRAINT c CHECK (a > 0) NOT VALID".to_string()),
                        Just("CREATE TABLE t (id int REFERENCES users (id))".to_string()),
                        Just("CREATE INDEX i ON users (a)".to_string()),
                        Just("DROP INDEX i, j".to_string()),
                        Just("REINDEX INDEX i".to_string()),
                        Just("VACUUM (FULL) users".to_string()),
                        Just("CLUSTER".to_string()),
                        Just("LOCK users".to_string()),
                        Just("BEGIN".to_string()),
                        Just("COMMIT".to_string()),
                        Just("ALTER DOMAIN d ADD CHECK (VALUE > 0)".to_string()),
                        Just("SELECT 'ALTER TABLE x; é'".to_string()),
                        r"[a-zA-Z (),'é$-]{0,30}",
                    ],
                    0..6,
                ),
                1..5,
            ),
            previous in any::<bool>(),
            lint in prop_oneof![Just(Lint::Locks), Just(Lint::All)],
        ) {
            let named: Vec<(String, String)> = files
                .iter()
                .enumerate()
                .map(|(i, stmts)| (format!("{}_x.up.sql", i + 2), stmts.join(";\n-- c\n")))
                .collect();
            let mut all: Vec<(&str, &str)> = vec![("1_base.up.sql", "CREATE TABLE users (id int);")];
            all.extend(named.iter().map(|(n, s)| (n.as_str(), s.as_str())));
            let opts = CheckOptions { previous_versions: previous.then(|| vec!["1".to_string()]), lint, ..Default::default() };
            let r = check_files(&all, &opts);
            for f in &r.findings {
                if let (Some(line), Some((_, text))) = (f.line, all.iter().find(|(n, _)| *n == f.file)) {
                    prop_assert!(line >= 1 && line <= text.lines().count().max(1), "{}", f);
                }
            }
        }
    }
}
