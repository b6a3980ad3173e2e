//! Atomic releases (MIGRATIONS_TX_MODE=auto|all|file), against a real
//! PostgreSQL with the real dbmate and the golang-migrate test double: a
//! failure in `all` mode leaves the database exactly as found (pg_dump) with
//! no down file and no tool process; `auto` falls back to `file` only for a
//! migration that cannot run in a transaction; the database an `all` release
//! leaves is the one the tool's own `up` leaves; rehearsals and lock retries.

mod common;

use common::*;
use std::time::{Duration, Instant};
use testkit::pg::Postgres;

const ALL: (&str, &str) = ("MIGRATIONS_TX_MODE", "all");
const FILE: (&str, &str) = ("MIGRATIONS_TX_MODE", "file");
/// A PATH without either tool: any tool process the runner tried to start would fail.
const NO_TOOL: (&str, &str) = ("PATH", "/usr/bin:/bin");

#[derive(Clone, Copy, Debug)]
enum Downs {
    Real,
    Deleted,
    Empty,
}

fn ten(fail_at: u32, downs: Downs) -> Vec<Mig> {
    (1..=10)
        .map(|n| {
            let mut m = if n == fail_at { failing_step(n) } else { step(n) };
            match downs {
                Downs::Real => {}
                Downs::Deleted => m.down = None,
                Downs::Empty => m.down = Some(String::new()),
            }
            m
        })
        .collect()
}

#[test]
fn all_mode_restores_exactly_for_every_k_of_10_with_real_deleted_or_empty_down_files() {
    let pg = Postgres::start();
    for engine in ENGINES {
        for downs in [Downs::Real, Downs::Deleted, Downs::Empty] {
            for k in 1..=10 {
                let db = seeded_db(&pg, &format!("all_{}_{downs:?}_{k}", engine.name().replace('-', "_")).to_lowercase());
                let app = RunnerApp::new(engine, &ten(k, downs));
                let before = pg.dump(&db);
                // No tool on PATH: an `all` failure needs no tool process at all (no undo, no state read).
                let (code, out) = app.release(&pg.url(&db), &[NO_TOOL]);
                let what = format!("{engine:?} {downs:?} k={k}");
                assert_eq!(code, 1, "{what}:\n{out}");
                assert_eq!(pg.dump(&db), before, "{what}: schema or data differs:\n{out}");
                assert!(out.contains("mode: all"), "{what}:\n{out}");
                assert!(out.contains(&format!("migration {} failed", app.version(k))), "{what}:\n{out}");
                // The file's own line (dbmate's file starts with its `-- migrate:up` line).
                let line = if engine == Engine::Dbmate { 3 } else { 2 };
                assert!(out.contains("no_such_table") && out.contains(&format!("in line {line}")), "{what}:\n{out}");
                assert!(out.contains(&format!("at {}:{line}: INSERT INTO no_such_table", app.file_names(k)[0])), "{what}:\n{out}");
                assert!(out.contains("Applied this run:   none"), "{what}:\n{out}");
                assert!(out.contains("no down file was needed"), "{what}:\n{out}");
                assert!(out.contains("The database is back where this release found it"), "{what}:\n{out}");
                assert!(!out.contains("undo step"), "{what}:\n{out}");
            }
        }
        // The same set in file mode cannot be undone without down files: exit 2, as before.
        let db = seeded_db(&pg, &format!("file_nodown_{}", engine.name().replace('-', "_")));
        let app = RunnerApp::new(engine, &ten(5, Downs::Deleted));
        let (code, out) = app.release(&pg.url(&db), &[FILE]);
        assert_eq!(code, 2, "{engine:?}:\n{out}");
        assert!(out.contains("NOT where this release found it"), "{out}");
    }
}

#[test]
fn all_mode_success_writes_the_tools_version_table_and_the_tool_agrees() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let db = seeded_db(&pg, &format!("all_ok_{}", engine.name().replace('-', "_")));
        let app = RunnerApp::new(engine, &(1..=3).map(step).collect::<Vec<_>>());
        let (code, out) = app.release(&pg.url(&db), &[]);
        assert_eq!(code, 0, "{out}");
        assert!(out.contains("mode: all") && out.contains("done: applied 3 migration(s)") && out.contains("(all mode)"), "{out}");
        match engine {
            Engine::GolangMigrate => assert_eq!(pg.query(&db, "SELECT version, dirty FROM schema_migrations"), vec!["3|f"]),
            Engine::Dbmate => assert_eq!(pg.query(&db, "SELECT count(*) FROM schema_migrations"), vec!["3"]),
        }
        // Nothing pending: no tool process at all (the fast path reads the table itself).
        let (code, out) = app.release(&pg.url(&db), &[NO_TOOL]);
        assert_eq!(code, 0, "{out}");
        assert!(out.contains("nothing to do"), "{out}");
        // The tool's own status agrees with what the runner wrote.
        let (code, out) = app.run(&pg.url(&db), &["status"], &[]);
        assert_eq!(code, 0, "{out}");
        assert!(out.contains("Applied: 3  Pending: 0"), "{out}");
    }
}

fn write(app: &RunnerApp, name: &str, text: &str) {
    std::fs::write(app.migrations_dir().join(name), text).unwrap();
}

#[test]
fn auto_falls_back_to_file_for_a_concurrent_index_and_all_refuses_it() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let name = engine.name().replace('-', "_");
        let app = RunnerApp::new(engine, &[step(1)]);
        let cic = match engine {
            Engine::GolangMigrate => {
                write(&app, "2_idx.up.sql", "CREATE INDEX CONCURRENTLY t1_idx ON t1 (id);\n");
                write(&app, "2_idx.down.sql", "DROP INDEX t1_idx;\n");
                "2_idx.up.sql"
            }
            Engine::Dbmate => {
                let text = "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY t1_idx ON t1 (id);\n\n-- migrate:down\nDROP INDEX t1_idx;\n";
                write(&app, "20240101000002_idx.sql", text);
                "20240101000002_idx.sql"
            }
        };
        app.add(&step(3));
        let db = seeded_db(&pg, &format!("cic_{name}"));
        let before = pg.dump(&db);
        let (code, out) = app.release(&pg.url(&db), &[ALL]);
        assert_eq!(code, 3, "{engine:?}:\n{out}");
        assert!(out.contains("MIGRATIONS_TX_MODE=all") && out.contains(cic), "{out}");
        assert_eq!(pg.dump(&db), before);

        let (code, out) = app.release(&pg.url(&db), &[]);
        assert_eq!(code, 0, "{engine:?}:\n{out}");
        assert!(out.contains(&format!("mode: file — auto chose file mode because {cic}")), "{out}");
        match engine {
            Engine::GolangMigrate => assert!(out.contains("CREATE INDEX CONCURRENTLY"), "{out}"),
            Engine::Dbmate => assert!(out.contains("transaction:false"), "{out}"),
        }
        assert_eq!(pg.query(&db, "SELECT to_regclass('t1_idx') IS NOT NULL, to_regclass('t3') IS NOT NULL"), vec!["t|t"]);
    }
}

/// golang-migrate's docs recommend wrapping a file in BEGIN/COMMIT. dbmate runs
/// each file inside its own transaction, which such a COMMIT ends early (dbmate
/// itself then fails), so only golang-migrate's wrapped files are groupable.
#[test]
fn files_wrapped_in_begin_commit_run_in_all_mode() {
    let pg = Postgres::start();
    let wrapped = |n: u32, fail: bool| {
        let body = if fail { format!("INSERT INTO no_such_table VALUES ({n});") } else { format!("INSERT INTO t{n} VALUES ({n});") };
        mig(n, &format!("BEGIN;\nCREATE TABLE t{n} (id int);\n{body}\nCOMMIT;\n"), Some(&format!("DROP TABLE t{n};")))
    };
    for engine in ENGINES {
        let name = engine.name().replace('-', "_");
        let db = seeded_db(&pg, &format!("wrapped_{name}"));
        if engine == Engine::Dbmate {
            let app = RunnerApp::new(engine, &[wrapped(1, false)]);
            let (code, out) = app.release(&pg.url(&db), &[ALL]);
            assert_eq!(code, 3, "{out}");
            assert!(out.contains("unexpected transaction status idle"), "{out}");
            continue;
        }
        let app = RunnerApp::new(engine, &[wrapped(1, false), wrapped(2, false), wrapped(3, true)]);
        let before = pg.dump(&db);
        let (code, out) = app.release(&pg.url(&db), &[]);
        assert_eq!(code, 1, "{engine:?}:\n{out}");
        assert!(out.contains("mode: all"), "{out}");
        assert!(out.contains("in line 3"), "the line is the file's, not the inner SQL's:\n{out}");
        assert_eq!(pg.dump(&db), before, "{out}");
        app.remove(3);
        let (code, out) = app.release(&pg.url(&db), &[]);
        assert_eq!(code, 0, "{engine:?}:\n{out}");
        assert_eq!(pg.query(&db, "SELECT (SELECT count(*) FROM t1) + (SELECT count(*) FROM t2)"), vec!["2"]);
    }
}

#[test]
fn an_all_release_leaves_what_the_tools_own_up_leaves() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let name = engine.name().replace('-', "_");
        let (suffix, env): (&str, Vec<(&str, &str)>) = match engine {
            Engine::GolangMigrate => ("&search_path=app&x-migrations-table=my_versions&x-statement-timeout=60000", vec![]),
            Engine::Dbmate => ("&search_path=app", vec![("DBMATE_MIGRATIONS_TABLE", "my_versions")]),
        };
        let app = RunnerApp::new(engine, &[]);
        let migs = [
            mig(
                1,
                "CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL);\nINSERT INTO users (name) VALUES ('a'), ('b');",
                Some("DROP TABLE users;"),
            ),
            // golang-migrate: a file wrapped in BEGIN/COMMIT; dbmate: a section of several statements.
            mig(
                2,
                if engine == Engine::GolangMigrate {
                    "BEGIN;\nCREATE INDEX users_name ON users (name);\nALTER TABLE users ADD COLUMN email text;\nCOMMIT;"
                } else {
                    "CREATE INDEX users_name ON users (name);\nALTER TABLE users ADD COLUMN email text;"
                },
                Some("ALTER TABLE users DROP COLUMN email;\nDROP INDEX users_name;"),
            ),
            mig(
                3,
                "CREATE VIEW v_users AS SELECT id, name FROM users;\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;",
                Some("DROP VIEW v_users;\nDROP FUNCTION f();"),
            ),
            mig(
                4,
                "UPDATE users SET email = name || '@example.com';\nINSERT INTO users (name) VALUES ('c');",
                Some("DELETE FROM users WHERE name = 'c';"),
            ),
        ];
        for m in &migs {
            app.add(m);
        }
        let (a, b) = (pg.create_db(&format!("fid_all_{name}")), pg.create_db(&format!("fid_tool_{name}")));
        for db in [&a, &b] {
            pg.query(db, "CREATE SCHEMA app");
        }
        let (url_a, url_b) = (format!("{}{suffix}", pg.url(&a)), format!("{}{suffix}", pg.url(&b)));
        let mut extra = env.clone();
        extra.push(ALL);
        let (code, out) = app.release(&url_a, &extra);
        assert_eq!(code, 0, "{engine:?}:\n{out}");
        assert!(out.contains("mode: all"), "{out}");
        let (ok, out) = tool(&app, &url_b, &["up"], &env);
        assert!(ok, "{out}");
        let (dump_a, dump_b) = (pg.dump(&a), pg.dump(&b));
        assert_eq!(dump_a.replace(&a, "DB"), dump_b.replace(&b, "DB"), "{engine:?}: an all release differs from the tool's up");
        assert!(dump_a.contains("app.my_versions"), "the version table honours search_path and the table setting:\n{dump_a}");

        // The tool reads the state the runner wrote.
        let (ok, out) = match engine {
            Engine::GolangMigrate => tool(&app, &url_a, &["version"], &env),
            Engine::Dbmate => tool(&app, &url_a, &["status"], &env),
        };
        assert!(ok, "{out}");
        match engine {
            Engine::GolangMigrate => assert_eq!(out.trim(), "4"),
            Engine::Dbmate => assert!(out.contains("Applied: 4") && out.contains("Pending: 0"), "{out}"),
        }
        // A later file-mode release, then the tool's own undo, on top of an all-mode database.
        app.add(&step(5));
        let mut extra = env.clone();
        extra.push(FILE);
        let (code, out) = app.release(&url_a, &extra);
        assert_eq!(code, 0, "{out}");
        let (ok, out) = match engine {
            Engine::GolangMigrate => tool(&app, &url_a, &["down", "2"], &env),
            Engine::Dbmate => {
                let first = tool(&app, &url_a, &["rollback"], &env);
                assert!(first.0, "{}", first.1);
                tool(&app, &url_a, &["rollback"], &env)
            }
        };
        assert!(ok, "{out}");
        assert_eq!(pg.query(&a, "SELECT to_regclass('app.t5') IS NULL, (SELECT count(*) FROM app.users)"), vec!["t|2"]);
    }
}

#[test]
fn a_rehearsal_finds_a_constraint_the_existing_rows_violate_and_changes_nothing() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let name = engine.name().replace('-', "_");
        let db = seeded_db(&pg, &format!("rehearse_{name}"));
        let app = RunnerApp::new(engine, &[step(1)]);
        assert_eq!(app.release(&pg.url(&db), &[]).0, 0);
        // Passes on an empty development database, fails on the production rows ('customer 1', …).
        app.add(&step(2));
        app.add(&mig(
            3,
            "ALTER TABLE customers\n  ADD CONSTRAINT name_short CHECK (length(name) < 5);",
            Some("ALTER TABLE customers DROP CONSTRAINT name_short;"),
        ));
        let before = pg.dump(&db);
        let (code, out) = app.run(&pg.url(&db), &["rehearse"], &[]);
        assert_eq!(code, 1, "{engine:?}:\n{out}");
        assert!(out.contains(&format!("rehearse: ok     {}", app.file_names(2)[0])), "{out}");
        assert!(out.contains(&format!("rehearse: FAILED {}", app.file_names(3)[0])), "{out}");
        assert!(out.contains("name_short") && out.contains("violated by some row"), "{out}");
        assert!(out.contains("nothing was changed"), "{out}");
        assert_eq!(pg.dump(&db), before, "{out}");

        app.remove(3);
        let (code, out) = app.run(&pg.url(&db), &["rehearse"], &[]);
        assert_eq!(code, 0, "{engine:?}:\n{out}");
        assert!(out.contains("the release would succeed"), "{out}");
        // The last line says what was compared after the rollback: the version table and the schema.
        let last = out.lines().last().unwrap_or_default();
        assert!(last.contains("checked after the rollback: the version table is as found, and the schema is as found ("), "{out}");
        assert_eq!(pg.dump(&db), before, "{out}");
    }
}

#[test]
fn a_rehearsal_is_not_called_unchanged_when_the_schema_changed_meanwhile() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let db = seeded_db(&pg, &format!("rehearse_fp_{}", engine.name().replace('-', "_")));
        // Migration 1 runs for a while (and would succeed); everything is rolled back at the end.
        let app = RunnerApp::new(engine, &[mig(1, "CREATE TABLE t1 (id int);\nSELECT pg_sleep(3);", Some("DROP TABLE t1;"))]);
        let child = app.spawn(&pg.url(&db), &["rehearse"], &[]);
        pg.wait_until_running(&db, "pg_sleep(3)");
        // Meanwhile another session changes the schema: the rehearsal must not say the schema is as it was.
        pg.query(&db, "CREATE TABLE sneaked_in (id int)");
        let (code, out) = finish(child);
        assert_eq!(code, 2, "{engine:?}:\n{out}");
        assert!(out.contains("WARNING: after the rollback the database is not as the rehearsal found it"), "{engine:?}:\n{out}");
        assert!(out.contains("sneaked_in exists now"), "{engine:?}: the report names what differs:\n{out}");
        assert_eq!(pg.query(&db, "SELECT to_regclass('t1') IS NULL"), vec!["t"], "{engine:?}: the rehearsal was rolled back");
    }
}

#[test]
fn a_release_waits_for_a_running_rehearsal() {
    let pg = Postgres::start();
    let db = pg.create_db("rehearse_lock");
    let app = RunnerApp::new(Engine::Dbmate, &[mig(1, "CREATE TABLE t1 (id int);\nSELECT pg_sleep(3);", Some("DROP TABLE t1;"))]);
    let rehearsal = app.spawn(&pg.url(&db), &["rehearse"], &[]);
    pg.wait_until_running(&db, "pg_sleep(3)");
    let (code, out) = app.release(&pg.url(&db), &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("another release held the lock"), "the release waited for the rehearsal's lock:\n{out}");
    let (code, out) = finish(rehearsal);
    assert_eq!(code, 0, "{out}");
    assert_eq!(pg.query(&db, "SELECT count(*) FROM schema_migrations"), vec!["1"]);
}

#[test]
fn an_all_rollback_is_not_called_restored_when_the_schema_changed_meanwhile() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let db = seeded_db(&pg, &format!("all_fp_{}", engine.name().replace('-', "_")));
        // Migration 2 runs for a while, then fails: the whole transaction rolls back.
        let app = RunnerApp::new(engine, &[step(1), mig(2, "SELECT pg_sleep(3);\nSELECT * FROM no_such_table;", None)]);
        let child = app.spawn(&pg.url(&db), &["release"], &[ALL]);
        pg.wait_until_running(&db, "pg_sleep(3)");
        // Meanwhile another session changes the schema: the rollback cannot take that back.
        pg.query(&db, "CREATE TABLE sneaked_in (id int)");
        let (code, out) = finish(child);
        // The version table is as found, the schema is not: never "back where this release found it".
        assert_eq!(code, 2, "{engine:?}:\n{out}");
        assert!(out.contains("sneaked_in exists now"), "{engine:?}: the report names what differs:\n{out}");
        assert!(out.contains("NOT where this release found it"), "{engine:?}:\n{out}");
        assert_eq!(pg.query(&db, "SELECT to_regclass('t1') IS NULL"), vec!["t"], "{engine:?}: migration 1 was rolled back");
    }
}

/// Hold an ACCESS EXCLUSIVE lock on `customers` from another session for `secs`.
fn hold_lock(pg: &Postgres, db: &str, secs: f64) -> std::thread::JoinHandle<()> {
    let mut c = pg.client(db);
    c.batch_execute("BEGIN; LOCK TABLE customers IN ACCESS EXCLUSIVE MODE").unwrap();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs_f64(secs));
        c.batch_execute("COMMIT").unwrap();
    })
}

#[test]
fn a_busy_table_is_retried_with_growing_lock_timeouts() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let name = engine.name().replace('-', "_");
        let db = seeded_db(&pg, &format!("retry_{name}"));
        let app = RunnerApp::new(
            engine,
            &[step(1), mig(2, "ALTER TABLE customers ADD COLUMN note text;", Some("ALTER TABLE customers DROP COLUMN note;"))],
        );
        let holder = hold_lock(&pg, &db, 3.0);
        let started = Instant::now();
        let (code, out) = app.release(&pg.url(&db), &[]);
        holder.join().unwrap();
        assert_eq!(code, 0, "{engine:?}:\n{out}");
        assert!(started.elapsed() >= Duration::from_secs(2), "{out}");
        assert!(out.contains("attempt 1 of 7: "), "{out}");
        assert!(out.contains(": customers (in "), "a retry names the busy table:\n{out}");
        assert!(out.contains("rolled back, nothing changed; retrying"), "{out}");
        assert_eq!(
            pg.query(&db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'note'"),
            vec!["1"]
        );

        // Held longer than the whole schedule: exit 1, nothing changed, the table named.
        app.add(&mig(3, "ALTER TABLE customers ADD COLUMN other text;", Some("ALTER TABLE customers DROP COLUMN other;")));
        let before = pg.dump(&db);
        let holder = hold_lock(&pg, &db, 8.0);
        let (code, out) = app.release(&pg.url(&db), &[("MIGRATIONS_LOCK_RETRIES", "1s,2s")]);
        assert_eq!(code, 1, "{engine:?}:\n{out}");
        assert!(out.contains("lock timeout"), "{out}");
        assert!(out.contains("the lock on customers stayed busy through all 2 attempt(s)"), "{out}");
        holder.join().unwrap();
        assert_eq!(pg.dump(&db), before, "{out}");
    }
}

// ------------------------------------------------------------ real projects' migration directories
// (every fixture, whole and half applied: tests/release_realworld.rs)

/// hyperledger/firefly's first file runs `CREATE EXTENSION` before its own `BEGIN; ... COMMIT;`.
/// Sent in one call, as golang-migrate sends a file, the extension joins the BEGIN's transaction
/// (PostgreSQL's simple-query rule), so the whole directory runs in one `all` transaction from a
/// fresh database, and any failure after it takes the extension back too.
#[test]
fn firefly_from_a_fresh_database_runs_in_all_mode_and_a_failure_rolls_back_its_extension_too() {
    let pg = Postgres::start();
    let files = realworld_files("firefly", Engine::GolangMigrate);
    let first = "000001_create_messages_table.up.sql";
    let first_path = files.iter().find(|(n, _)| n == first).map(|(_, p)| p.clone()).unwrap();
    let extension = "SELECT count(*) FROM pg_extension WHERE extname = 'uuid-ossp'";
    let app = RunnerApp::new(Engine::GolangMigrate, &[]);
    for (n, p) in &files {
        std::fs::copy(p, app.migrations_dir().join(n)).unwrap();
    }
    // A failing migration after the last one: nothing of the release stays, the extension included.
    let next: u64 = versions_of(&files).last().unwrap().parse::<u64>().unwrap() + 1;
    let failing = app.migrations_dir().join(format!("{next}_fails.up.sql"));
    std::fs::write(&failing, "CREATE TABLE release_canary (id int);\nINSERT INTO no_such_table VALUES (1);\n").unwrap();
    let db = pg.create_db("ff_fresh_fail");
    let before = pg.dump(&db);
    let (code, out) = app.release(&pg.url(&db), &[NO_TOOL]);
    assert_eq!(code, 1, "{}", out.lines().rev().take(30).collect::<Vec<_>>().join("\n"));
    assert!(out.contains("mode: all") && out.contains("no down file was needed"), "{out}");
    assert!(!out.contains("auto chose file mode"), "{out}");
    assert_eq!(pg.query(&db, extension), vec!["0"], "the CREATE EXTENSION before the BEGIN was not rolled back:\n{out}");
    assert_eq!(pg.dump(&db), before, "{out}");

    // A failure inside the first file's own BEGIN ... COMMIT: the error names the file's line.
    std::fs::remove_file(&failing).unwrap();
    let text = std::fs::read_to_string(&first_path).unwrap();
    let commit_line = text.lines().position(|l| l.trim() == "COMMIT;").unwrap() + 1;
    let broken = text.replacen("\nCOMMIT;", "\nINSERT INTO no_such_table VALUES (1);\nCOMMIT;", 1);
    std::fs::write(app.migrations_dir().join(first), broken).unwrap();
    let db = pg.create_db("ff_fresh_first_fails");
    let before = pg.dump(&db);
    let (code, out) = app.release(&pg.url(&db), &[NO_TOOL]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("mode: all") && out.contains(first) && out.contains(&format!("in line {commit_line}")), "{out}");
    assert_eq!(pg.query(&db, extension), vec!["0"], "{out}");
    assert_eq!(pg.dump(&db), before, "{out}");

    // As the project ships it: the same database as the tool's own `up`, in one `all` release.
    std::fs::copy(&first_path, app.migrations_dir().join(first)).unwrap();
    let (a, b) = (pg.create_db("ff_fresh_all"), pg.create_db("ff_fresh_tool"));
    let (code, out) = app.release(&pg.url(&a), &[]);
    assert_eq!(code, 0, "{}", out.lines().rev().take(30).collect::<Vec<_>>().join("\n"));
    assert!(out.contains("mode: all") && !out.contains("auto chose file mode"), "{out}");
    let (ok, tool_out) = tool(&app, &pg.url(&b), &["up"], &[]);
    assert!(ok, "{tool_out}");
    assert_eq!(pg.query(&a, extension), vec!["1"]);
    assert_eq!(comparable(&pg.dump(&a), &a), comparable(&pg.dump(&b), &b), "an all release differs from the tool's up");
    let (ok, version) = tool(&app, &pg.url(&a), &["version"], &[]);
    let last: u64 = versions_of(&files).last().unwrap().parse().unwrap();
    assert!(ok && version.trim() == last.to_string(), "{version}");
}

#[test]
fn an_all_release_takes_golang_migrates_own_lock() {
    let pg = Postgres::start();
    let db = pg.create_db("gm_lock");
    let app = RunnerApp::new(Engine::GolangMigrate, &[step(1), step(2)]);
    // A `migrate` run by hand holds its advisory lock (key from the URL path, schema and table).
    let key = migrations_buildpack::engine::golang_migrate::lock_key(&format!("/{db}"), "public", "schema_migrations");
    let mut holder = pg.client(&db);
    holder.execute("SELECT pg_advisory_lock($1)", &[&key]).unwrap();
    let before = pg.dump(&db);
    let (code, out) = app.release(&pg.url(&db), &[("MIGRATIONS_LOCK_RETRIES", "500ms,1s")]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("attempt 1 of 2") && out.contains("lock timeout"), "{out}");
    assert_eq!(pg.dump(&db), before);
    holder.execute("SELECT pg_advisory_unlock($1)", &[&key]).unwrap();
    let (code, out) = app.release(&pg.url(&db), &[]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn more_migrations_than_the_relay_keeps_lines_are_read_correctly() {
    // The runner keeps the last 200 lines of a tool's output; `dbmate status` prints one per file.
    let pg = Postgres::start();
    for engine in ENGINES {
        let db = pg.create_db(&format!("many_{}", engine.name().replace('-', "_")));
        let app = RunnerApp::new(engine, &(1..=230).map(step).collect::<Vec<_>>());
        let (code, out) = app.release(&pg.url(&db), &[]);
        assert_eq!(code, 0, "{engine:?}:\n{}", out.lines().rev().take(20).collect::<Vec<_>>().join("\n"));
        assert!(out.contains("done: applied 230 migration(s)"), "{out}");
        let (code, out) = app.run(&pg.url(&db), &["status"], &[]);
        assert_eq!(code, 0, "{out}");
        assert!(out.contains("Applied: 230  Pending: 0"), "{out}");
    }
}

/// The rehearsal measures what a release would do to the application: each file's duration and the
/// table locks it takes, and how long a release would hold them — in `all` mode from the file that
/// takes a lock to the commit, in `file` mode for that file alone. The JSON says the same.
#[test]
fn a_rehearsal_reports_the_locks_each_file_takes_and_how_long_a_release_would_hold_them() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let db = pg.create_db(&format!("rehearse_locks_{}", engine.name().replace('-', "_")));
        pg.query(&db, "CREATE TABLE users (id int PRIMARY KEY, name text); INSERT INTO users VALUES (1, 'a')");
        let app = RunnerApp::new(
            engine,
            &[
                mig(1, "ALTER TABLE users ADD COLUMN nickname text;", Some("ALTER TABLE users DROP COLUMN nickname;")),
                mig(2, "SELECT pg_sleep(3);", Some("SELECT 1;")),
            ],
        );
        let before = pg.dump(&db);
        let (code, out) = app.run(&pg.url(&db), &["rehearse"], &[]);
        assert_eq!(code, 0, "{engine:?}:\n{out}");
        let first = &app.file_names(1)[0];
        assert!(out.contains(&format!("ok     {first} (")) && out.contains("; locks users ACCESS EXCLUSIVE"), "{engine:?}:\n{out}");
        assert!(out.contains("a release in all mode holds these locks from the migration that takes them to its commit:"), "{out}");
        assert!(
            out.contains("  users ACCESS EXCLUSIVE for ")
                && out.contains(&format!("(from {first}): the application's reads and writes on it wait")),
            "{out}"
        );

        let (code, json) = app.run(&pg.url(&db), &["rehearse", "--format", "json"], &[]);
        assert_eq!(code, 0, "{engine:?}:\n{json}");
        let v: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
        assert_eq!((v["result"].as_str(), v["mode"].as_str()), (Some("would-succeed"), Some("all")), "{json}");
        let held = &v["held"][0];
        assert_eq!((held["lock"]["relation"].as_str(), held["lock"]["mode"].as_str()), (Some("users"), Some("ACCESS EXCLUSIVE")), "{json}");
        assert_eq!(held["from_file"].as_str(), Some(first.as_str()), "{json}");
        assert!(held["held_ms"].as_u64().unwrap() >= 3000, "held through the 3 s file that follows it, to the commit: {json}");
        assert!(v["files"][1]["elapsed_ms"].as_u64().unwrap() >= 3000, "{json}");

        // In file mode the ALTER's lock ends with its own file: held for less than the sleep after it.
        let (code, json) = app.run(&pg.url(&db), &["rehearse", "--format", "json"], &[FILE]);
        assert_eq!(code, 0, "{engine:?}:\n{json}");
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["mode"].as_str(), Some("file"), "{json}");
        assert!(v["held"][0]["held_ms"].as_u64().unwrap() < 3000, "{json}");
        assert_eq!(pg.dump(&db), before, "{engine:?}: a rehearsal changes nothing");
    }
}
