//! The release runner against a real PostgreSQL, with the real dbmate and the
//! golang-migrate test double: every failure leaves the database exactly where
//! the release found it (compared with pg_dump), or says precisely where it is.
//! Tests of undo with down files pin `MIGRATIONS_TX_MODE=file` (the default,
//! `auto`, runs these sets in one transaction: see release_atomic.rs).

mod common;

use common::*;
use testkit::pg::Postgres;

const FILE: (&str, &str) = ("MIGRATIONS_TX_MODE", "file");

fn ten(fail_at: Option<u32>) -> Vec<Mig> {
    (1..=10).map(|n| if Some(n) == fail_at { failing_step(n) } else { step(n) }).collect()
}

#[test]
fn migration_k_of_10_fails_for_every_k_and_the_database_is_restored_exactly() {
    let pg = Postgres::start();
    for engine in ENGINES {
        for k in 1..=10 {
            let db = seeded_db(&pg, &format!("k{k}_{}", engine.name().replace('-', "_")));
            let app = RunnerApp::new(engine, &ten(Some(k)));
            let before = pg.dump(&db);
            let (code, out) = app.release(&pg.url(&db), &[FILE]);
            assert_eq!(code, 1, "{engine:?} k={k}:\n{out}");
            assert_eq!(pg.dump(&db), before, "{engine:?} k={k}: schema or data differs after the rollback:\n{out}");
            // The tools create their version table on the way; the runner removes it again.
            assert_eq!(pg.query(&db, "SELECT to_regclass('schema_migrations') IS NULL"), vec!["t"], "{engine:?} k={k}");
            assert_eq!(pg.query(&db, "SELECT count(*) FROM customers"), vec!["50"]);
            assert!(out.contains("RELEASE FAILED"), "{out}");
            assert!(out.contains(&format!("migration {} failed", app.version(k))), "{engine:?} k={k}:\n{out}");
            assert!(out.contains("no_such_table"), "{out}");
            assert!(out.contains("The database is back where this release found it"), "{out}");
            let undone: Vec<String> = (1..k).rev().map(|n| app.version(n)).collect();
            let expected_undone = if undone.is_empty() { "none".to_string() } else { undone.join(", ") };
            assert!(out.contains(&format!("Undone:             {expected_undone}")), "{engine:?} k={k}:\n{out}");
            // The failed migration is never reported as applied (dbmate itself prints `Applied:` for it).
            assert!(out.contains(&format!("Applied this run:   {expected_undone}")), "{engine:?} k={k}:\n{out}");
            if engine == Engine::Dbmate {
                assert!(out.contains(&format!("dbmate printed `Applied:` for {} although it failed", app.version(k))), "{out}");
            }
        }
    }
}

fn sm_dump(pg: &Postgres, db: &str) -> String {
    pg.dump(db)
}

#[test]
fn from_the_middle_a_failure_goes_back_to_the_middle_not_to_zero() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let db = seeded_db(&pg, &format!("mid_{}", engine.name().replace('-', "_")));
        let app = RunnerApp::new(engine, &(1..=5).map(step).collect::<Vec<_>>());
        let (code, out) = app.release(&pg.url(&db), &[]);
        assert_eq!(code, 0, "{out}");
        pg.query(&db, "INSERT INTO t3 VALUES (33)");
        let before = sm_dump(&pg, &db);
        for m in [step(6), step(7), failing_step(8), step(9)] {
            app.add(&m);
        }
        let (code, out) = app.release(&pg.url(&db), &[FILE]);
        assert_eq!(code, 1, "{engine:?}:\n{out}");
        assert_eq!(sm_dump(&pg, &db), before, "{engine:?}:\n{out}");
        assert!(out.contains(&format!("State now:          version {}", app.version(5))), "{out}");
        assert!(out.contains(&format!("Undone:             {}, {}", app.version(7), app.version(6))), "{out}");
        assert_eq!(pg.query(&db, "SELECT count(*) FROM t3"), vec!["2"]);
    }
}

#[test]
fn nothing_pending_is_success_and_changes_nothing() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let db = pg.create_db(&format!("noop_{}", engine.name().replace('-', "_")));
        let app = RunnerApp::new(engine, &[step(1), step(2)]);
        assert_eq!(app.release(&pg.url(&db), &[]).0, 0);
        let before = pg.dump(&db);
        let (code, out) = app.release(&pg.url(&db), &[]);
        assert_eq!(code, 0, "{out}");
        assert!(out.contains("nothing to do"), "{out}");
        assert_eq!(pg.dump(&db), before);
    }
}

#[test]
fn a_dirty_database_is_refused_with_the_exact_commands() {
    let pg = Postgres::start();
    let db = pg.create_db("dirty");
    let app = RunnerApp::new(Engine::GolangMigrate, &[step(1), step(2), step(3)]);
    assert_eq!(app.release(&pg.url(&db), &[]).0, 0);
    pg.query(&db, "UPDATE schema_migrations SET dirty = true");
    let before = pg.dump(&db);
    let (code, out) = app.release(&pg.url(&db), &[]);
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("The database is dirty: version 3, DIRTY"), "{out}");
    assert!(out.contains("force 2"), "the repair command forces the version before the failed one:\n{out}");
    assert!(out.contains("goto 3"), "{out}");
    assert!(out.contains("postgres://postgres:****@"), "{out}");
    assert_eq!(pg.dump(&db), before);

    // The (-1, dirty) row left by a failed down of the first migration: the tool hides it.
    pg.query(&db, "TRUNCATE schema_migrations; INSERT INTO schema_migrations VALUES (-1, true)");
    let (code, out) = app.release(&pg.url(&db), &[]);
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("dirty, with no version"), "{out}");
    assert!(out.contains("force -- -1"), "{out}");
}

#[test]
fn database_ahead_of_code_warns_by_default_and_fails_on_request() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let db = pg.create_db(&format!("ahead_{}", engine.name().replace('-', "_")));
        let app = RunnerApp::new(engine, &(1..=5).map(step).collect::<Vec<_>>());
        assert_eq!(app.release(&pg.url(&db), &[]).0, 0);
        // A platform rollback: the old code has only migrations 1-3.
        app.remove(4);
        app.remove(5);
        let before = pg.dump(&db);
        let (code, out) = app.release(&pg.url(&db), &[]);
        assert_eq!(code, 0, "{engine:?}:\n{out}");
        assert!(out.contains("WARNING: the database is ahead of this code"), "{out}");
        assert!(out.contains(&app.version(5)), "{out}");
        let (code, out) = app.release(&pg.url(&db), &[("MIGRATIONS_AHEAD", "fail")]);
        assert_eq!(code, 3, "{engine:?}:\n{out}");
        assert!(out.contains("ahead of this code"), "{out}");
        assert_eq!(pg.dump(&db), before);
    }
}

#[test]
fn a_database_version_without_its_file_below_the_newest_is_an_error_naming_it() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let db = pg.create_db(&format!("orphan_{}", engine.name().replace('-', "_")));
        let app = RunnerApp::new(engine, &(1..=3).map(step).collect::<Vec<_>>());
        assert_eq!(app.release(&pg.url(&db), &[]).0, 0);
        app.remove(3);
        app.add(&step(4));
        let before = pg.dump(&db);
        let (code, out) = app.release(&pg.url(&db), &[]);
        assert_eq!(code, 3, "{engine:?}:\n{out}");
        assert!(out.contains(&format!("version(s) {} that no migration file", app.version(3))), "{out}");
        assert_eq!(pg.dump(&db), before);
    }
}

#[test]
fn missing_down_files_are_announced_refused_on_request_and_bound_the_undo() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let name = engine.name().replace('-', "_");
        // MIGRATIONS_REQUIRE_DOWN=true: refused, nothing applied.
        let db = pg.create_db(&format!("nodown_req_{name}"));
        let app = RunnerApp::new(engine, &[step(1), mig(2, "CREATE TABLE t2 (id int);", None), failing_step(3)]);
        let before = pg.dump(&db);
        let (code, out) = app.release(&pg.url(&db), &[("MIGRATIONS_REQUIRE_DOWN", "true"), FILE]);
        assert_eq!(code, 3, "{out}");
        assert!(out.contains("without a down migration"), "{out}");
        assert_eq!(pg.dump(&db), before);

        // File mode: a warning before applying; on failure, undo stops at the migration that cannot be undone.
        let (code, out) = app.release(&pg.url(&db), &[FILE]);
        assert!(out.contains("have no down migration"), "{out}");
        assert_eq!(code, 2, "{engine:?}:\n{out}");
        assert!(out.contains(&format!("Could not undo:     {}", app.version(2))), "{out}");
        assert!(out.contains("NOT where this release found it"), "{out}");
        assert!(out.contains(&format!("State now:          version {}", app.version(2))), "{out}");
        // The printed state is the real state.
        assert_eq!(pg.query(&db, "SELECT count(*) FROM schema_migrations WHERE version::text IN ('2', '20240101000002')"), vec!["1"]);
        assert_eq!(pg.query(&db, "SELECT to_regclass('t2') IS NOT NULL, to_regclass('t1') IS NOT NULL"), vec!["t|t"]);
    }
}

#[test]
fn a_broken_down_migration_during_undo_exits_2_with_manual_steps_matching_the_state() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let db = pg.create_db(&format!("brokendown_{}", engine.name().replace('-', "_")));
        let app = RunnerApp::new(
            engine,
            &[step(1), mig(2, "CREATE TABLE t2 (id int);", Some("DROP TABLE no_such_table_either;")), step(3), failing_step(4)],
        );
        let (code, out) = app.release(&pg.url(&db), &[FILE]);
        assert_eq!(code, 2, "{engine:?}:\n{out}");
        assert!(out.contains("Undo failed:"), "{out}");
        assert!(out.contains("Next step: inspect the schema"), "{out}");
        // Migration 3 was undone, 2 could not be: t3 gone, t2 and t1 present.
        assert_eq!(
            pg.query(&db, "SELECT to_regclass('t1') IS NOT NULL, to_regclass('t2') IS NOT NULL, to_regclass('t3') IS NULL"),
            vec!["t|t|t"]
        );
        // The report says so, although golang-migrate's one undo step (`down -all`) failed part-way.
        assert!(out.contains(&format!("Undone:             {}\n", app.version(3))), "{engine:?}:\n{out}");
        match engine {
            Engine::GolangMigrate => {
                // The failed down of 2 leaves "1 (dirty)"; 2 is still applied, so the repair is `force 2`.
                assert_eq!(pg.query(&db, "SELECT version, dirty FROM schema_migrations"), vec!["1|t"]);
                assert!(out.contains("State now:          version 1, DIRTY"), "{out}");
                assert!(out.contains("force 2"), "{out}");
            }
            Engine::Dbmate => {
                assert_eq!(pg.query(&db, "SELECT max(version) FROM schema_migrations"), vec![app.version(2)]);
                assert!(out.contains(&format!("State now:          version {}", app.version(2))), "{out}");
                assert!(out.contains("rollback"), "{out}");
            }
        }
    }
}

#[test]
fn database_url_problems_name_the_cause_and_the_fix_without_the_password() {
    let pg = Postgres::start();
    let db = pg.create_db("urls");
    let app = RunnerApp::new(Engine::Dbmate, &[step(1)]);
    let port = pg.port();
    let pw = testkit::pg::PASSWORD;
    type Case<'a> = (String, Vec<(&'a str, &'a str)>, &'a str);
    let cases: Vec<Case> = vec![
        (String::new(), vec![], "DATABASE_URL is not set"),
        (String::new(), vec![("DATABASE_URL", "  ")], "DATABASE_URL is empty"),
        ("not a url".into(), vec![], "DATABASE_URL is not a valid URL"),
        (format!("mysql://root:{pw}@127.0.0.1/x"), vec![], "use postgres:// or postgresql://"),
        (format!("postgres://postgres:wrong-{pw}@127.0.0.1:{port}/{db}?sslmode=disable"), vec![], "password authentication failed"),
        (format!("postgres://postgres:{pw}@127.0.0.1:1/{db}?sslmode=disable"), vec![], "could not be reached"),
        (format!("postgres://postgres:{pw}@127.0.0.1:{port}/{db}"), vec![], "add `?sslmode=disable`"),
        (format!("postgresql://postgres:{pw}@127.0.0.1:{port}/nosuchdb?sslmode=disable"), vec![], "does not exist"),
    ];
    for (url, extra, expected) in cases {
        let (code, out) = app.release(&url, &extra);
        assert_eq!(code, 3, "{url}: {out}");
        assert!(out.contains(expected), "expected {expected:?} for a bad URL, got:\n{out}");
    }
    // A URL in another variable.
    let url = pg.url(&db);
    let (code, out) = app.release("", &[("MIGRATIONS_DATABASE_URL_VAR", "HEROKU_POSTGRESQL_RED_URL"), ("HEROKU_POSTGRESQL_RED_URL", &url)]);
    assert_eq!(code, 0, "{out}");
    let (code, out) = app.release("", &[("MIGRATIONS_DATABASE_URL_VAR", "OTHER_URL")]);
    assert_eq!(code, 3);
    assert!(out.contains("OTHER_URL is not set"), "{out}");
}

#[test]
fn on_failure_stop_reports_and_leaves_the_state() {
    let pg = Postgres::start();
    let db = pg.create_db("stopmode");
    let app = RunnerApp::new(Engine::Dbmate, &[step(1), step(2), failing_step(3)]);
    let (code, out) = app.release(&pg.url(&db), &[("MIGRATIONS_ON_FAILURE", "stop"), FILE]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("Undone:             nothing (MIGRATIONS_ON_FAILURE=stop)"), "{out}");
    assert_eq!(pg.query(&db, "SELECT count(*) FROM schema_migrations"), vec!["2"]);
}

#[test]
fn status_lists_applied_and_pending() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let db = pg.create_db(&format!("status_{}", engine.name().replace('-', "_")));
        let app = RunnerApp::new(engine, &[step(1), step(2)]);
        assert_eq!(app.release(&pg.url(&db), &[]).0, 0);
        app.add(&step(3));
        let (code, out) = app.run(&pg.url(&db), &["status"], &[]);
        assert_eq!(code, 0, "{out}");
        assert!(out.contains(&format!("applied  {:<20}", app.version(2))), "{out}");
        assert!(out.contains(&format!("pending  {:<20}", app.version(3))), "{out}");
        assert!(out.contains("Applied: 2  Pending: 1"), "{out}");
    }
}

#[test]
fn a_url_in_a_pool_variable_is_refused_before_anything_runs() {
    let pg = Postgres::start();
    let db = pg.create_db("pooled");
    let app = RunnerApp::new(Engine::Dbmate, &[step(1)]);
    let before = pg.dump(&db);
    let url = pg.url(&db);
    let (code, out) =
        app.release("", &[("MIGRATIONS_DATABASE_URL_VAR", "DATABASE_CONNECTION_POOL_URL"), ("DATABASE_CONNECTION_POOL_URL", &url)]);
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("$DATABASE_CONNECTION_POOL_URL names a connection pool"), "{out}");
    assert!(out.contains("set MIGRATIONS_DATABASE_URL_VAR to the name of the variable"), "{out}");
    assert!(out.contains("Nothing was changed"), "{out}");
    assert_eq!(pg.dump(&db), before);
    // The lock was never taken: a release with the direct URL goes through at once.
    let (code, out) = app.release(&url, &[]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn golang_migrate_with_its_own_version_table_is_read_and_restored_under_that_name() {
    let pg = Postgres::start();
    let db = seeded_db(&pg, "own_table");
    let app = RunnerApp::new(Engine::GolangMigrate, &[step(1), step(2)]);
    // A mixed-case name: it only matches when quoted, as golang-migrate quotes it.
    let url = format!("{}&x-migrations-table=MigVersions", pg.url(&db));
    let before = pg.dump(&db);
    app.add(&failing_step(3));
    let (code, out) = app.release(&url, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("The database is back where this release found it"), "{out}");
    assert_eq!(pg.dump(&db), before, "the version table the release created is dropped again:\n{out}");

    app.remove(3);
    let (code, out) = app.release(&url, &[]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(pg.query(&db, "SELECT version, dirty FROM \"MigVersions\""), vec!["2|f"]);
    assert_eq!(pg.query(&db, "SELECT to_regclass('schema_migrations') IS NULL"), vec!["t"]);
    // Its dirty flag is read from that table too.
    pg.query(&db, "UPDATE \"MigVersions\" SET dirty = true");
    let (code, out) = app.release(&url, &[]);
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("The database is dirty: version 2, DIRTY"), "{out}");
}

#[test]
fn a_lone_create_unique_index_concurrently_failing_on_duplicates_is_not_called_restored() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let db = seeded_db(&pg, &format!("cic_{}", engine.name().replace('-', "_")));
        pg.query(&db, "INSERT INTO customers VALUES (51, 'customer 1')");
        let cic = "CREATE UNIQUE INDEX CONCURRENTLY customers_name_key ON customers (name);";
        let app = RunnerApp::new(engine, &[step(1)]);
        match engine {
            // A file of one statement runs outside a transaction block.
            Engine::GolangMigrate => app.add(&mig(2, cic, Some("DROP INDEX CONCURRENTLY IF EXISTS customers_name_key;"))),
            Engine::Dbmate => std::fs::write(
                app.migrations_dir().join(&app.file_names(2)[0]),
                format!("-- migrate:up transaction:false\n{cic}\n\n-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY IF EXISTS customers_name_key;\n"),
            )
            .unwrap(),
        }
        let (code, out) = app.release(&pg.url(&db), &[]);
        assert_eq!(code, 2, "{engine:?}: the version bookkeeping is back, the schema is not:\n{out}");
        assert!(out.contains("schema: index customers_name_key (INVALID) exists now"), "{engine:?}:\n{out}");
        assert!(out.contains("NOT where this release found it"), "{out}");
        assert!(!out.contains("back where this release found it"), "{out}");
        assert!(out.contains("DROP INDEX CONCURRENTLY IF EXISTS \"customers_name_key\""), "{out}");
        // The report is the truth: the index is there, invalid.
        assert_eq!(pg.query(&db, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'customers_name_key'::regclass"), vec!["f"]);
    }
}

#[test]
fn a_failure_in_golang_migrates_own_version_write_is_reported_never_forced_back() {
    let pg = Postgres::start();
    let db = seeded_db(&pg, "version_write");
    // Migration 2 commits, then golang-migrate's SetVersion(2, clean) fails: here a trigger
    // refuses the clean row (as a cancel landing in that write would fail it).
    let refuse_clean = "CREATE TABLE t2 (id int);\n\
        CREATE FUNCTION refuse_clean() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'version write refused'; END $$;\n\
        CREATE TRIGGER refuse_clean BEFORE INSERT ON schema_migrations FOR EACH ROW WHEN (NOT NEW.dirty) EXECUTE FUNCTION refuse_clean();";
    let app = RunnerApp::new(
        Engine::GolangMigrate,
        &[
            step(1),
            mig(2, refuse_clean, Some("DROP TRIGGER refuse_clean ON schema_migrations; DROP FUNCTION refuse_clean(); DROP TABLE t2;")),
            step(3),
        ],
    );
    // golang-migrate writes its own version only in `file` mode (`all` writes it in the transaction).
    let (code, out) = app.release(&pg.url(&db), &[FILE]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("failed while writing its version after migration 2 had committed"), "{out}");
    assert!(out.contains("version_write?sslmode=disable' force 2\n"), "the repair marks 2 as applied:\n{out}");
    // Nothing was forced: 2 stays dirty, and its objects are there, as the report says.
    assert_eq!(pg.query(&db, "SELECT version, dirty FROM schema_migrations"), vec!["2|t"]);
    assert_eq!(pg.query(&db, "SELECT to_regclass('t2') IS NOT NULL, to_regclass('t1') IS NOT NULL"), vec!["t|t"]);
    assert!(out.contains("State now:          version 2, DIRTY"), "{out}");
}
