//! Lock safety (issue 20): squawk's rules with the release's context, and the rules squawk lacks.

use super::*;
use crate::migrations::checks::locks;

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
