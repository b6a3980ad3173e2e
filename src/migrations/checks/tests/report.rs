//! What the build log shows of the checks: one line per code, new findings in full within the
//! line budget.

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

/// The checks of `set` with `opts`, and the build log's report of them.
fn checked(set: &MigrationSet, opts: &CheckOptions) -> (CheckReport, String) {
    let report = run(set, opts);
    let text = printed(&build_check_report(set, &report, CHECK_REPORT_LINES));
    (report, text)
}

#[test]
fn first_build_prints_one_line_per_code_and_the_command() {
    let d = gm_dir();
    let set = MigrationSet::load(d.path(), ToolKind::GolangMigrate).unwrap();
    let (_, text) = checked(&set, &CheckOptions::default());
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
    let (_, text) = checked(&set, &history.clone().options(false, false));
    assert_eq!(
        text,
        "- Checked 3 migration(s) (order checked against the previous build; 0 new, 0 changed): 0 error(s), 0 warning(s) of new or \
         changed migrations; 3 warning(s) of deployed migrations not repeated (MG102 ×1, MG308 ×1, MG401 ×1), `migrations check` \
         (e.g. `heroku run migrations check`) lists every finding\n"
    );

    write_all(d.path(), &[("4_drop.up.sql", "ALTER TABLE users DROP COLUMN legacy;"), ("4_drop.down.sql", "SELECT 1;")]);
    let set = MigrationSet::load(d.path(), ToolKind::GolangMigrate).unwrap();
    let (_, text) = checked(&set, &history.clone().options(false, false));
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
    let (report, text) = checked(&set, &history.options(false, false));
    assert_eq!(report.changed_versions, vec!["2".to_string()]);
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
    "MG001", "MG002", "MG003", "MG004", "MG005", "MG006", "MG007", "MG008", "MG009", "MG010", "MG101", "MG102", "MG103", "MG104", "MG105",
    "MG201", "MG202", "MG203", "MG301", "MG302", "MG303", "MG304", "MG305", "MG306", "MG307", "MG308", "MG309", "MG310", "MG311", "MG312",
    "MG313", "MG314", "MG315", "MG316", "MG317", "MG318", "MG319", "MG320", "MG401", "MG501", "MG502", "MG503", "MG504", "MG505",
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
