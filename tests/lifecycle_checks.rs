//! Build-time checks through real builds: a clean directory prints one summary
//! line; errors stop the build naming file and fix; the out-of-order check
//! compares with the previous successful build's versions.

mod common;

use common::*;
use testkit::lifecycle::App;

#[test]
fn a_clean_directory_prints_one_summary_line() {
    let mut app = App::from_fixture("test-fixtures/dbmate-basic");
    let _server = serve_dbmate(&mut app);
    let build = app.build();
    let out = plain(&build);
    assert!(build.success(), "{out}");
    assert_eq!(out.matches("Checked ").count(), 1, "{out}");
    assert!(out.contains("Checked 3 migration(s): no problems (first build"), "{out}");
    assert!(!out.contains("Warning") && !out.contains("! "), "{out}");
}

#[test]
fn a_new_file_numbered_below_the_last_build_fails_the_next_build() {
    let scratch = tempfile::tempdir().unwrap();
    let mut app = App::from_fixture("test-fixtures/golang-migrate-basic");
    let server = serve_migrate_double(&mut app, scratch.path());
    let first = app.build();
    assert!(first.success(), "{}", plain(&first));

    // Someone merges a branch whose migration is numbered below the deployed ones.
    app.write_file("db/migrations/0_backfill.up.sql", "UPDATE users SET email = lower(email);");
    app.write_file("db/migrations/0_backfill.down.sql", "SELECT 1;");
    let second = app.build();
    let out = plain(&second);
    assert!(!second.success(), "{out}");
    assert!(out.contains("MG008"), "{out}");
    assert!(out.contains("0_backfill.up.sql"), "{out}");
    assert!(out.contains("order checked against the previous build"), "{out}");
    assert!(out.contains("rename"), "the fix says how to renumber: {out}");

    // Allowed explicitly: a warning, the build goes on.
    app.env("BP_MIGRATIONS_ALLOW_OUT_OF_ORDER", "true");
    let third = app.build();
    assert!(third.success(), "{}", plain(&third));
    assert!(plain(&third).contains("MG008"), "{}", plain(&third));
    // Still one download in all: the tool layer was reused each time.
    assert_eq!(server.requests(), 1);
}

#[test]
fn errors_fail_the_build_with_file_and_fix_and_strict_promotes_warnings() {
    let mut dup = App::from_fixture("test-fixtures/checks/gm-duplicate-version");
    dup.env("BP_MIGRATIONS_DIR", "migrations");
    let build = dup.build();
    let out = plain(&build);
    assert!(!build.success(), "{out}");
    assert!(out.contains("MG001"), "{out}");
    assert!(out.contains("problem(s) in the migrations in migrations"), "{out}");

    // Strict on a first build: every warning is news, the build fails.
    let mut first_strict = App::from_fixture("test-fixtures/checks/db-destructive");
    first_strict.env("BP_MIGRATIONS_DIR", "migrations").env("BP_MIGRATIONS_STRICT", "true");
    let _server1 = serve_dbmate(&mut first_strict);
    let build = first_strict.build();
    let out = plain(&build);
    assert!(!build.success(), "{out}");
    // Eleven findings do not fit one per line: one line per code, each with its places.
    assert!(out.contains("Error MG301 ×1 (DROP TABLE): 2_destructive.sql:2"), "{out}");

    let mut destructive = App::from_fixture("test-fixtures/checks/db-destructive");
    destructive.env("BP_MIGRATIONS_DIR", "migrations");
    let _server = serve_dbmate(&mut destructive);
    let build = destructive.build();
    let out = plain(&build);
    assert!(build.success(), "warnings alone do not fail the build: {out}");
    // First build: one line per code, not every occurrence.
    assert!(out.contains("  - MG301 warning ×1: DROP TABLE\n"), "{out}");
    assert!(out.contains("  - MG304 warning ×2: rename of a table or column\n"), "{out}");
    assert!(!out.contains("2_destructive.sql:2"), "{out}");

    // Strict, nothing new: the deployed migrations' warnings do not fail it.
    destructive.env("BP_MIGRATIONS_STRICT", "true");
    let strict = destructive.build();
    let out = plain(&strict);
    assert!(strict.success(), "{out}");
    assert!(out.contains("0 new, 0 changed): 0 error(s), 0 warning(s) of new or changed migrations; 12 warning(s) of deployed"), "{out}");

    // Strict, a new destructive migration: fails, naming it.
    destructive
        .write_file("migrations/3_drop_more.sql", "-- migrate:up\nALTER TABLE users DROP COLUMN nickname;\n-- migrate:down\nSELECT 1;\n");
    let strict = destructive.build();
    let out = plain(&strict);
    assert!(!strict.success(), "{out}");
    assert!(out.contains("Error MG302 3_drop_more.sql:2: dropping column `users.nickname`"), "{out}");
}

#[test]
fn the_runner_check_subcommand_runs_the_same_checks() {
    let app = RunnerApp::new(Engine::Dbmate, &[step(1), mig(2, "DROP TABLE t1;", Some("CREATE TABLE t1 (id int);"))]);
    let (code, out) = app.run("", &["check"], &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("MG301"), "{out}");
    assert!(out.contains("Checked 2 migration(s): 0 error(s), 2 warning(s)"), "{out}");
    let (code, out) = app.run("", &["check"], &[("BP_MIGRATIONS_STRICT", "true")]);
    assert_eq!(code, 1, "{out}");

    // For CI: one JSON object per finding.
    let (code, out) = app.run("", &["check", "--format", "json"], &[]);
    assert_eq!(code, 0, "{out}");
    let findings: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_eq!(findings.len(), 2, "{out}");
    let drop = findings.iter().find(|f| f["code"] == "MG301").expect("MG301");
    assert_eq!(drop["severity"], "warning");
    assert_eq!(drop["line"], 2, "{out}");
    assert!(drop["file"].as_str().unwrap().ends_with("_step2.sql"), "{out}");
    assert!(drop["message"].as_str().unwrap().contains("DROP TABLE t1"), "{out}");

    // What a build whose previous build ended at the first migration would print.
    let (code, out) = app.run("", &["check", "--new-since", "20240101000001"], &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("(order checked against the previous build; 1 new, 0 changed)"), "{out}");
    assert!(out.contains("! Warning MG301 "), "{out}");
    assert!(out.contains("1 warning(s) of deployed migrations not repeated (MG401 ×1)"), "{out}");
    let (_, since_2) = app.run("", &["check", "--new-since", "20240101000002"], &[]);
    assert!(since_2.contains("0 new, 0 changed") && !since_2.contains("! Warning"), "{since_2}");

    // Bad arguments: refused with a clear message, exit 3.
    for args in [
        &["check", "--format", "yaml"][..],
        &["check", "--new-since"][..],
        &["check", "--new-since", "v2"][..],
        &["check", "--verbose"][..],
    ] {
        let (code, out) = app.run("", args, &[]);
        assert_eq!(code, 3, "{args:?}: {out}");
        assert!(out.starts_with("migrations: check: "), "{out}");
    }
}

/// Issue 20: the lock-safety findings through `migrations check`: squawk's rule
/// name in JSON, the release's context (`--new-since`), the three
/// timeout/robustness rules never, style rules only with BP_MIGRATIONS_LINT=all.
#[test]
fn the_check_subcommand_reports_lock_safety_with_squawks_rule_names() {
    let app = RunnerApp::new(
        Engine::GolangMigrate,
        &[
            mig(1, "CREATE TABLE users (id serial, email varchar(200));\nCREATE TABLE orders (id bigint, user_id int);", Some("SELECT 1;")),
            mig(2, "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);", Some("SELECT 1;")),
            mig(3, "-- rebuild\nVACUUM FULL users;", Some("SELECT 1;")),
        ],
    );
    let json = |extra: &[(&str, &str)], args: &[&str]| -> Vec<serde_json::Value> {
        let mut a = vec!["check", "--format", "json"];
        a.extend_from_slice(args);
        let (code, out) = app.run("", &a, extra);
        assert_eq!(code, 0, "{out}");
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
    };
    let summary = |f: &[serde_json::Value]| -> Vec<String> {
        f.iter().map(|f| format!("{} {}:{} {}", f["code"], f["file"], f["line"], f["rule"])).collect()
    };

    let findings = json(&[], &[]);
    assert_eq!(
        summary(&findings),
        vec![
            r#""MG311" "2_step2.up.sql":1 "adding-foreign-key-constraint""#.to_string(),
            r#""MG315" "3_step3.up.sql":2 "prefer-repack""#.to_string(),
        ]
    );
    let fk = &findings[0];
    assert!(fk["message"].as_str().unwrap().contains("SHARE ROW EXCLUSIVE locks on `orders` and `users`"), "{fk}");
    assert!(fk["fix"].as_str().unwrap().contains("NOT VALID"), "{fk}");
    for f in &findings {
        let text = f.to_string();
        for never in ["require-lock-timeout", "require-statement-timeout", "prefer-robust-stmts", "lock_timeout"] {
            assert!(!text.contains(never), "{text}");
        }
    }

    // Style rules only on request; off turns the lock-safety rules off.
    let all = json(&[("BP_MIGRATIONS_LINT", "all")], &[]);
    let mut style: Vec<String> = summary(&all).into_iter().filter(|s| s.starts_with("\"MG5")).collect();
    style.sort();
    assert_eq!(
        style,
        vec![
            r#""MG501" "1_step1.up.sql":1 "prefer-text-field""#.to_string(),
            // `serial` is a 4-byte integer too.
            r#""MG502" "1_step1.up.sql":1 "prefer-bigint-over-int""#.to_string(),
            r#""MG502" "1_step1.up.sql":2 "prefer-bigint-over-int""#.to_string(),
            r#""MG503" "1_step1.up.sql":1 "prefer-identity""#.to_string(),
        ]
    );
    assert_eq!(json(&[("BP_MIGRATIONS_LINT", "off")], &[]), Vec::<serde_json::Value>::new());
    let (code, out) = app.run("", &["check"], &[("BP_MIGRATIONS_LINT", "style")]);
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("BP_MIGRATIONS_LINT=\"style\" is not one of locks, all, off"), "{out}");

    // A table created by an earlier migration of the same new set: no lock risk.
    let findings = json(&[], &["--new-since", "0"]);
    assert_eq!(summary(&findings), Vec::<String>::new(), "users and orders are new in this deploy");
}

/// Issue 20: a build reads BP_MIGRATIONS_LINT, and a release that would hold a
/// lock across files is named in full on the rebuild that adds it.
#[test]
fn a_build_reports_a_lock_held_across_the_new_files_and_reads_the_lint_setting() {
    let scratch = tempfile::tempdir().unwrap();
    let mut app = App::from_fixture("test-fixtures/golang-migrate-basic");
    let _server = serve_migrate_double(&mut app, scratch.path());
    app.env("BP_MIGRATIONS_LINT", "all");
    let first = app.build();
    let out = plain(&first);
    assert!(first.success(), "{out}");
    assert!(out.contains("MG50"), "style rules with BP_MIGRATIONS_LINT=all: {out}");

    app.env("BP_MIGRATIONS_LINT", "locks");
    app.write_file("db/migrations/100_nickname.up.sql", "ALTER TABLE users ADD COLUMN nickname text;\n");
    app.write_file("db/migrations/100_nickname.down.sql", "ALTER TABLE users DROP COLUMN nickname;\n");
    app.write_file("db/migrations/101_backfill.up.sql", "UPDATE users SET nickname = 'x';\n");
    app.write_file("db/migrations/101_backfill.down.sql", "SELECT 1;\n");
    let second = app.build();
    let out = plain(&second);
    assert!(second.success(), "{out}");
    assert!(out.contains("! Warning MG320 100_nickname.up.sql:1: ALTER TABLE takes ACCESS EXCLUSIVE on `users`"), "{out}");
    assert!(out.contains("also while the later `101_backfill.up.sql` run"), "{out}");
    assert!(!out.contains("MG50"), "no style rules by default: {out}");
}
