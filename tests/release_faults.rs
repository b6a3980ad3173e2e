//! Database faults, signals, deadlines and concurrency during a release, for
//! both engines: every outcome has the promised exit code, and what the report
//! says matches the database.

mod common;

use common::*;
use std::time::{Duration, Instant};
use testkit::pg::Postgres;

fn slow(n: u32, secs: u32) -> Mig {
    mig(n, &format!("CREATE TABLE t{n} (id int);\nSELECT pg_sleep({secs});"), Some(&format!("DROP TABLE t{n};")))
}

/// Both transaction modes: `file` (the tool, undo with down files) and `all` (one transaction, rolled back).
const MODES: [&str; 2] = ["file", "all"];

/// Tests of the tool's own sessions and of undo pin `file` mode (the default `auto` picks `all` for these files).
const FILE: (&str, &str) = ("MIGRATIONS_TX_MODE", "file");

#[test]
fn sigterm_during_a_slow_migration_undoes_to_the_start() {
    let pg = Postgres::start();
    for (engine, mode) in ENGINES.into_iter().flat_map(|e| MODES.map(|m| (e, m))) {
        let db = seeded_db(&pg, &format!("sigterm_{}_{mode}", engine.name().replace('-', "_")));
        let app = RunnerApp::new(engine, &[step(1), slow(2, 60), step(3)]);
        let before = pg.dump(&db);
        let child = app.spawn(&pg.url(&db), &["release"], &[("MIGRATIONS_TX_MODE", mode)]);
        pg.wait_until_running(&db, "pg_sleep");
        let started = signal(&child, "TERM");
        let (code, out) = finish(child);
        assert!(started.elapsed() < Duration::from_secs(25), "took {:?} to stop", started.elapsed());
        assert_eq!(code, 1, "{engine:?} {mode}:\n{out}");
        assert!(out.contains("stopped by a signal"), "{out}");
        assert!(out.contains("The database is back where this release found it"), "{out}");
        assert!(out.contains(&format!("Mode:               {mode}")), "{out}");
        assert_eq!(pg.dump(&db), before, "{engine:?} {mode}:\n{out}");
    }
}

#[test]
fn the_overall_deadline_stops_and_undoes() {
    let pg = Postgres::start();
    for (engine, mode) in ENGINES.into_iter().flat_map(|e| MODES.map(|m| (e, m))) {
        let db = seeded_db(&pg, &format!("deadline_{}_{mode}", engine.name().replace('-', "_")));
        let app = RunnerApp::new(engine, &[step(1), slow(2, 60)]);
        let before = pg.dump(&db);
        let started = Instant::now();
        let (code, out) = app.release(&pg.url(&db), &[("MIGRATIONS_TIMEOUT", "3s"), ("MIGRATIONS_TX_MODE", mode)]);
        assert!(started.elapsed() < Duration::from_secs(25), "took {:?}", started.elapsed());
        assert_eq!(code, 1, "{engine:?}:\n{out}");
        assert!(out.contains("ran past MIGRATIONS_TIMEOUT"), "{out}");
        assert_eq!(pg.dump(&db), before, "{engine:?}:\n{out}");
    }
}

#[test]
fn five_concurrent_releases_apply_once() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let db = pg.create_db(&format!("conc_{}", engine.name().replace('-', "_")));
        let app = RunnerApp::new(engine, &[slow(1, 2), step(2), step(3)]);
        let children: Vec<_> = (0..5).map(|_| app.spawn(&pg.url(&db), &["release"], &[])).collect();
        let results: Vec<(i32, String)> = children.into_iter().map(finish).collect();
        let applied = results.iter().filter(|(_, o)| o.contains("done: applied 3 migration(s)")).count();
        let idle = results.iter().filter(|(_, o)| o.contains("nothing to do")).count();
        assert_eq!(applied, 1, "{engine:?}: exactly one release applies:\n{results:#?}");
        assert_eq!(idle, 4, "{results:#?}");
        assert!(results.iter().all(|(c, _)| *c == 0), "{results:#?}");
        assert!(results.iter().filter(|(_, o)| o.contains("another release held the lock")).count() >= 1, "{results:#?}");
        assert_eq!(pg.query(&db, "SELECT count(*) FROM t2"), vec!["1"]);
    }
}

#[test]
fn two_releases_with_a_short_lock_timeout_the_second_fails_cleanly() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let db = pg.create_db(&format!("lockto_{}", engine.name().replace('-', "_")));
        let app = RunnerApp::new(engine, &[slow(1, 4), step(2)]);
        let first = app.spawn(&pg.url(&db), &["release"], &[]);
        pg.wait_until_running(&db, "pg_sleep");
        let (code, out) = app.release(&pg.url(&db), &[("MIGRATIONS_LOCK_TIMEOUT", "1")]);
        assert_eq!(code, 1, "{out}");
        assert!(out.contains("another release is running migrations"), "{out}");
        assert!(out.contains("nothing was changed"), "{out}");
        let (code, out) = finish(first);
        assert_eq!(code, 0, "{out}");
    }
}

#[test]
fn a_lock_held_by_another_session_times_out_without_changes() {
    let pg = Postgres::start();
    let db = pg.create_db("heldlock");
    let app = RunnerApp::new(Engine::Dbmate, &[step(1)]);
    let mut holder = pg.client(&db);
    holder.execute("SELECT pg_advisory_lock($1)", &[&migrations_buildpack::db::LOCK_KEY]).unwrap();
    let before = pg.dump(&db);
    let started = Instant::now();
    let (code, out) = app.release(&pg.url(&db), &[("MIGRATIONS_LOCK_TIMEOUT", "2")]);
    assert_eq!(code, 1, "{out}");
    assert!(started.elapsed() >= Duration::from_secs(2) && started.elapsed() < Duration::from_secs(10));
    assert_eq!(pg.dump(&db), before);
    drop(holder);
    assert_eq!(app.release(&pg.url(&db), &[]).0, 0);
}

#[test]
fn a_statement_timeout_fails_the_migration_and_the_release_is_undone() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let db = seeded_db(&pg, &format!("stmt_to_{}", engine.name().replace('-', "_")));
        pg.query("postgres", &format!("ALTER DATABASE {db} SET statement_timeout = '1s'"));
        let app = RunnerApp::new(engine, &[step(1), slow(2, 5)]);
        let before = pg.dump(&db);
        let (code, out) = app.release(&pg.url(&db), &[]);
        assert_eq!(code, 1, "{engine:?}:\n{out}");
        assert!(out.contains("statement timeout"), "{out}");
        assert_eq!(pg.dump(&db), before);
    }
}

#[test]
fn the_server_stopping_mid_release_is_reported_as_unknown_state_with_repair_steps() {
    for engine in ENGINES {
        let mut pg = Postgres::start();
        let db = pg.create_db("crash");
        // The test server runs with synchronous_commit=off for speed; a crash test needs real commits.
        pg.query("postgres", "ALTER DATABASE crash SET synchronous_commit = on");
        let app = RunnerApp::new(engine, &[step(1), slow(2, 30)]);
        // File mode: migration 1 is committed on its own before 2 runs (release_atomic covers `all`).
        let child = app.spawn(&pg.url(&db), &["release"], &[("MIGRATIONS_TX_MODE", "file")]);
        pg.wait_until_running(&db, "pg_sleep");
        pg.stop();
        let (code, out) = finish(child);
        assert_eq!(code, 2, "{engine:?}:\n{out}");
        assert!(out.contains("could not be read"), "{out}");
        assert!(out.contains("State before this release: no migration applied"), "{out}");
        // After the server comes back, crash recovery rolled back migration 2's transaction.
        pg.restart();
        assert_eq!(pg.query(&db, "SELECT to_regclass('t2') IS NULL, to_regclass('t1') IS NOT NULL"), vec!["t|t"]);
    }
}

#[test]
fn sigterm_while_waiting_for_the_lock_ends_the_wait_without_changes() {
    let pg = Postgres::start();
    let db = pg.create_db("lockwait_term");
    let app = RunnerApp::new(Engine::Dbmate, &[step(1)]);
    let mut holder = pg.client(&db);
    holder.execute("SELECT pg_advisory_lock($1)", &[&migrations_buildpack::db::LOCK_KEY]).unwrap();
    let before = pg.dump(&db);
    let child = app.spawn(&pg.url(&db), &["release"], &[]);
    // The runner is waiting: its session has tried to take the lock (and the holder keeps it).
    pg.wait_until_running(&db, "pg_try_advisory_lock");
    let started = signal(&child, "TERM");
    let (code, out) = finish(child);
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("before any migration ran; nothing was changed"), "{out}");
    assert_eq!(pg.dump(&db), before);
}

#[test]
fn sigterm_with_the_users_application_name_still_cancels_the_tools_statement() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let db = seeded_db(&pg, &format!("appname_{}", engine.name().replace('-', "_")));
        let app = RunnerApp::new(engine, &[step(1), slow(2, 60), step(3)]);
        let before = pg.dump(&db);
        let url = format!("{}&application_name=shop-web", pg.url(&db));
        // The tool's own sessions exist in `file` mode (`all` runs the SQL on the runner's session).
        let child = app.spawn(&url, &["release"], &[FILE]);
        pg.wait_until_running(&db, "pg_sleep");
        // The tool runs under this run's token, not under the user's name.
        let names =
            pg.query(&db, "SELECT application_name FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()");
        assert_eq!(names.len(), 1, "{names:?}");
        assert!(names[0].starts_with("migrations-release-"), "{names:?}");
        let started = signal(&child, "TERM");
        let (code, out) = finish(child);
        // Cancelled after the 5 s grace, not killed after 15 s with its statement still running.
        assert!(started.elapsed() < Duration::from_secs(12), "{engine:?}: took {:?} to stop:\n{out}", started.elapsed());
        assert_eq!(code, 1, "{engine:?}:\n{out}");
        assert_eq!(pg.dump(&db), before, "{engine:?}:\n{out}");
        assert_eq!(pg.sessions_running(&db, "pg_sleep(60)"), 0, "{engine:?}: the tool's statement was cancelled");
    }
}

#[test]
fn a_lost_lock_session_stops_the_release_from_changing_anything_and_exits_2() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let db = seeded_db(&pg, &format!("lostlock_{}", engine.name().replace('-', "_")));
        let app = RunnerApp::new(engine, &[step(1), slow(2, 3), failing_step(3)]);
        // `file` mode: the tool applies while the runner's session only holds the lock.
        let child = app.spawn(&pg.url(&db), &["release"], &[FILE]);
        pg.wait_until_running(&db, "pg_sleep");
        // Another session ends the runner's own (the one holding the lock) mid-apply.
        let ended = pg.query(
            &db,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'migrations-buildpack' AND pid <> pg_backend_pid()",
        );
        assert_eq!(ended, vec!["t"], "{engine:?}: the runner's session was found and ended");
        let (code, out) = finish(child);
        assert_eq!(code, 2, "{engine:?}:\n{out}");
        assert!(out.contains("the runner's lock could not be confirmed"), "{engine:?}:\n{out}");
        assert!(out.contains("NOT where this release found it"), "{out}");
        // Nothing was undone after the lock was lost: migrations 1 and 2 are still there, as the report says.
        assert!(out.contains("Undone:             none"), "{engine:?}:\n{out}");
        assert_eq!(pg.query(&db, "SELECT to_regclass('t1') IS NOT NULL, to_regclass('t2') IS NOT NULL"), vec!["t|t"]);
        // The state as it is: golang-migrate's failed 3 is dirty (its transaction rolled back), dbmate recorded 1 and 2.
        let now = match engine {
            Engine::GolangMigrate => "version 3, DIRTY".to_string(),
            Engine::Dbmate => format!("version {}", app.version(2)),
        };
        assert!(out.contains(&format!("State now:          {now}")), "{engine:?}:\n{out}");
    }
}
