//! A stop fits in the platform's shutdown window: after SIGTERM (or the
//! MIGRATIONS_TIMEOUT deadline), everything — letting the tool finish,
//! cancelling it, undoing, verifying, reporting — ends within
//! MIGRATIONS_STOP_GRACE, at every phase, and the exit code tells the truth.
//! Each test prints the measured time from the signal to the exit.

mod common;

use common::*;
use std::time::{Duration, Instant};
use testkit::pg::Postgres;

const GRACE: Duration = Duration::from_secs(10);

/// Undo happens in `file` mode only (the default `auto` picks `all` for these files).
const FILE: (&str, &str) = ("MIGRATIONS_TX_MODE", "file");

fn grace_env() -> (&'static str, &'static str) {
    ("MIGRATIONS_STOP_GRACE", "10s")
}

/// Print the measured time from the signal to the exit, against the stop budget `grace`.
fn report(phase: &str, engine: Engine, took: Duration, grace: Duration) {
    println!(
        "stop budget: {phase}, {}: signal to exit {:.2} s (MIGRATIONS_STOP_GRACE {} s)",
        engine.name(),
        took.as_secs_f64(),
        grace.as_secs()
    );
}

#[test]
fn sigterm_while_the_tool_runs_a_long_statement_ends_within_the_budget_restored() {
    let pg = Postgres::start();
    // `file`: the tool runs the statement; `all`: the runner's transaction does, and a stop is a ROLLBACK.
    for mode in ["file", "all"] {
        for engine in ENGINES {
            let db = seeded_db(&pg, &format!("budget_apply_{mode}_{}", engine.name().replace('-', "_")));
            let app = RunnerApp::new(engine, &[step(1), mig(2, "CREATE TABLE t2 (id int);\nSELECT pg_sleep(60);", Some("DROP TABLE t2;"))]);
            let before = pg.dump(&db);
            let env = [grace_env(), ("MIGRATIONS_TX_MODE", mode)];
            let child = app.spawn(&pg.url(&db), &["release"], &env);
            pg.wait_until_running(&db, "pg_sleep(60)");
            let at = signal(&child, "TERM");
            let (code, out) = finish(child);
            let took = at.elapsed();
            report(&format!("apply ({mode} mode)"), engine, took, GRACE);
            assert!(took < GRACE, "{mode} {engine:?}: {took:?}\n{out}");
            assert_eq!(code, 1, "{mode} {engine:?}:\n{out}");
            assert!(out.contains("back where this release found it"), "{mode} {engine:?}:\n{out}");
            assert_eq!(pg.dump(&db), before, "{mode} {engine:?}:\n{out}");
        }
    }
}

#[test]
fn sigterm_during_a_slow_undo_ends_within_the_budget_with_the_truth() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let db = seeded_db(&pg, &format!("budget_undo_{}", engine.name().replace('-', "_")));
        // Migration 2's down takes a minute; 3 fails, so the undo runs it.
        let app = RunnerApp::new(
            engine,
            &[step(1), mig(2, "CREATE TABLE t2 (id int);", Some("SELECT pg_sleep(60);\nDROP TABLE t2;")), failing_step(3)],
        );
        let child = app.spawn(&pg.url(&db), &["release"], &[grace_env(), FILE]);
        pg.wait_until_running(&db, "pg_sleep(60)");
        let at = signal(&child, "TERM");
        let (code, out) = finish(child);
        let took = at.elapsed();
        report("undo", engine, took, GRACE);
        assert!(took < GRACE, "{engine:?}: {took:?}\n{out}");
        // The undo could not finish: exit 2 with the state, never "restored".
        assert_eq!(code, 2, "{engine:?}:\n{out}");
        assert!(out.contains("NOT where this release found it"), "{engine:?}:\n{out}");
        assert!(out.contains("Undo failed:"), "{engine:?}:\n{out}");
        // Nothing of the stopped step goes on behind the report.
        assert_eq!(pg.sessions_running(&db, "pg_sleep(60)"), 0, "{engine:?}");
        assert_eq!(pg.query(&db, "SELECT to_regclass('t2') IS NOT NULL"), vec!["t"], "the report says 2 is still applied");
    }
}

#[test]
fn the_deadline_path_is_capped_by_the_same_budget() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let db = seeded_db(&pg, &format!("budget_deadline_{}", engine.name().replace('-', "_")));
        // The deadline stops migration 2; undoing 1 would take a minute.
        let app = RunnerApp::new(
            engine,
            &[
                mig(1, "CREATE TABLE t1 (id int);", Some("SELECT pg_sleep(60);\nDROP TABLE t1;")),
                mig(2, "CREATE TABLE t2 (id int);\nSELECT pg_sleep(60);", Some("DROP TABLE t2;")),
            ],
        );
        let started = Instant::now();
        let (code, out) = app.release(&pg.url(&db), &[grace_env(), ("MIGRATIONS_TIMEOUT", "3s"), FILE]);
        let after_deadline = started.elapsed().saturating_sub(Duration::from_secs(3));
        report("deadline, then a slow undo", engine, after_deadline, GRACE);
        assert!(after_deadline < GRACE, "{engine:?}: {after_deadline:?} after the deadline\n{out}");
        assert_eq!(code, 2, "{engine:?}:\n{out}");
        assert!(out.contains("ran past MIGRATIONS_TIMEOUT"), "{out}");
    }
}

#[test]
fn sigterm_while_waiting_for_the_lock_ends_at_once() {
    let pg = Postgres::start();
    let db = pg.create_db("budget_lock");
    let app = RunnerApp::new(Engine::Dbmate, &[step(1)]);
    let mut holder = pg.client(&db);
    holder.execute("SELECT pg_advisory_lock($1)", &[&migrations_buildpack::db::LOCK_KEY]).unwrap();
    let child = app.spawn(&pg.url(&db), &["release"], &[grace_env()]);
    pg.wait_until_running(&db, "pg_try_advisory_lock");
    let at = signal(&child, "TERM");
    let (code, out) = finish(child);
    report("lock wait", Engine::Dbmate, at.elapsed(), GRACE);
    assert!(at.elapsed() < Duration::from_secs(2), "{out}");
    assert_eq!(code, 1, "{out}");
}

#[test]
fn a_panic_during_a_release_reports_the_state_and_exits_2() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let db = seeded_db(&pg, &format!("panic_{}", engine.name().replace('-', "_")));
        let app = RunnerApp::new(engine, &[step(1), failing_step(2)]);
        let (code, out) = app.release(&pg.url(&db), &[("MIGRATIONS_DEBUG_PANIC_BEFORE_UNDO", "1"), FILE]);
        assert_eq!(code, 2, "{engine:?}:\n{out}");
        assert!(out.contains("the runner stopped on an internal error"), "{out}");
        assert!(out.contains("State before:       no migration applied"), "{out}");
        let now = match engine {
            Engine::GolangMigrate => "version 2, DIRTY".to_string(),
            Engine::Dbmate => format!("version {}", app.version(1)),
        };
        assert!(out.contains(&format!("State now:          {now}")), "{engine:?}:\n{out}");
        assert!(!out.contains("panicked at") && !out.contains("stack backtrace") && !out.contains("RUST_BACKTRACE"), "{out}");
        // The lock was released while unwinding: the next release runs at once.
        app.remove(2);
        let started = Instant::now();
        let (_, out) = app.release(&pg.url(&db), &[("MIGRATIONS_LOCK_TIMEOUT", "1")]);
        assert!(!out.contains("another release"), "{out}");
        assert!(started.elapsed() < Duration::from_secs(5));
    }
}

/// `file` mode reads the schema before the tool applies anything; the catalog functions wait for a
/// table another session holds exclusively. That wait follows MIGRATIONS_LOCK_RETRIES (a release
/// does not hang past the schedule: exit 1, nothing changed, the table named), and SIGTERM ends it
/// within the budget with nothing changed.
#[test]
fn a_file_mode_schema_read_waiting_for_a_busy_table_is_bounded_and_stoppable() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let db = seeded_db(&pg, &format!("budget_schema_{}", engine.name().replace('-', "_")));
        let app = RunnerApp::new(
            engine,
            &[step(1), mig(2, "ALTER TABLE customers ADD COLUMN note text;", Some("ALTER TABLE customers DROP COLUMN note;"))],
        );
        let before = pg.dump(&db);
        let mut holder = pg.client(&db);
        holder.batch_execute("BEGIN; LOCK TABLE customers IN ACCESS EXCLUSIVE MODE").unwrap();

        // Held longer than the whole schedule (1 s + 2 s and a pause).
        let started = Instant::now();
        let (code, out) = app.release(&pg.url(&db), &[FILE, ("MIGRATIONS_LOCK_RETRIES", "1s,2s")]);
        let took = started.elapsed();
        assert_eq!(code, 1, "{engine:?}:\n{out}");
        assert!(took < Duration::from_secs(15), "{engine:?}: the release waited {took:?} for a schedule of 3 s\n{out}");
        assert!(out.contains("attempt 1 of 2: customers (in the schema read before the first migration)"), "{engine:?}:\n{out}");
        assert!(out.contains("the lock on customers stayed busy through all 2 attempt(s)"), "{engine:?}:\n{out}");
        assert!(out.contains("nothing was changed"), "{engine:?}:\n{out}");
        assert!(!out.contains("undo"), "{engine:?}: nothing ran, so nothing is undone\n{out}");

        // The default schedule ends with an attempt without a lock timeout: SIGTERM ends that wait.
        let child = app.spawn(&pg.url(&db), &["release"], &[grace_env(), FILE]);
        pg.wait_until_lock_wait(&db, None);
        let at = signal(&child, "TERM");
        let (code, out) = finish(child);
        let took = at.elapsed();
        report("file-mode schema read waiting for a busy table", engine, took, GRACE);
        assert!(took < GRACE, "{engine:?}: {took:?}\n{out}");
        assert_eq!(code, 1, "{engine:?}:\n{out}");
        assert!(out.contains("before any migration ran; nothing was changed"), "{engine:?}:\n{out}");

        holder.batch_execute("COMMIT").unwrap();
        assert_eq!(pg.dump(&db), before, "{engine:?}:\n{out}");
    }
}

/// The schema read after a `file`-mode undo waits at most a few seconds for a table another session
/// holds exclusively; unread, the release is never called restored (exit 2, the table named).
#[test]
fn the_schema_read_after_an_undo_is_bounded_and_never_restored_when_unread() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let db = seeded_db(&pg, &format!("budget_verify_{}", engine.name().replace('-', "_")));
        let app = RunnerApp::new(engine, &[step(1), mig(2, "SELECT pg_sleep(3);\nSELECT * FROM no_such_table;", None)]);
        let child = app.spawn(&pg.url(&db), &["release"], &[grace_env(), FILE]);
        pg.wait_until_running(&db, "pg_sleep(3)");
        // While migration 2 runs, another session takes `customers` and keeps it past the undo.
        let mut holder = pg.client(&db);
        holder.batch_execute("BEGIN; LOCK TABLE customers IN ACCESS EXCLUSIVE MODE").unwrap();
        let started = Instant::now();
        let (code, out) = finish(child);
        let took = started.elapsed();
        holder.batch_execute("COMMIT").unwrap();
        assert!(took < Duration::from_secs(30), "{engine:?}: {took:?}\n{out}");
        assert_eq!(code, 2, "{engine:?}:\n{out}");
        assert!(out.contains("the schema could not be read afterwards: customers stayed locked by another session"), "{engine:?}:\n{out}");
        assert!(!out.contains("back where this release found it"), "{engine:?}:\n{out}");
        assert_eq!(pg.query(&db, "SELECT to_regclass('t1') IS NULL"), vec!["t"], "{engine:?}: migration 1 was undone\n{out}");
    }
}

/// SIGTERM in each phase while another session keeps a table the phase needs busy: the release
/// ends within MIGRATIONS_STOP_GRACE (+1 s for the process to exit) and never says "restored"
/// where it cannot know. The lock phase has its own test above.
#[test]
fn sigterm_in_the_record_apply_and_verify_phases_with_a_busy_table_ends_within_the_budget() {
    // 5 s where nothing is undone; `file` mode's undo needs more of a budget (the tool gets a fifth of
    // it to stop, and the verification and the report keep 3 s), as the other tests here give it.
    let (short, long) = (Duration::from_secs(5), Duration::from_secs(10));
    let grace = ("MIGRATIONS_STOP_GRACE", "5s");
    let pg = Postgres::start();
    let signal_and_finish = |child: std::process::Child, phase: &str, engine: Engine, grace: Duration| {
        std::thread::sleep(Duration::from_secs(3));
        let at = signal(&child, "TERM");
        let (code, out) = finish(child);
        let took = at.elapsed();
        report(phase, engine, took, grace);
        assert!(took <= grace + Duration::from_secs(1), "{phase} {engine:?}: {took:?}\n{out}");
        (code, out)
    };
    for engine in ENGINES {
        let name = engine.name().replace('-', "_");

        // Record: the version table is held exclusively, so the state the release starts from cannot be read.
        let db = seeded_db(&pg, &format!("phase_record_{name}"));
        let app = RunnerApp::new(engine, &[step(1)]);
        assert_eq!(app.release(&pg.url(&db), &[]).0, 0);
        app.add(&step(2));
        let before = pg.dump(&db);
        let mut holder = pg.client(&db);
        holder.batch_execute("BEGIN; LOCK TABLE schema_migrations IN ACCESS EXCLUSIVE MODE").unwrap();
        let child = app.spawn(&pg.url(&db), &["release"], &[grace]);
        pg.wait_until_lock_wait(&db, Some("schema_migrations"));
        let (code, out) = signal_and_finish(child, "record", engine, short);
        holder.batch_execute("COMMIT").unwrap();
        assert_eq!(code, 1, "{engine:?}:\n{out}");
        assert!(out.contains("before any migration ran; nothing was changed"), "{engine:?}:\n{out}");
        assert_eq!(pg.dump(&db), before, "{engine:?}");

        // Apply, both modes: the migration waits for a table another session uses.
        for mode in ["all", "file"] {
            let db = seeded_db(&pg, &format!("phase_apply_{mode}_{name}"));
            let app = RunnerApp::new(
                engine,
                &[step(1), mig(2, "ALTER TABLE customers ADD COLUMN x int;", Some("ALTER TABLE customers DROP COLUMN x;"))],
            );
            let before = pg.dump(&db);
            let mut holder = pg.client(&db);
            holder.batch_execute("BEGIN; LOCK TABLE customers IN ACCESS SHARE MODE").unwrap();
            let budget = if mode == "file" { long } else { short };
            let budget_env = format!("{}s", budget.as_secs());
            let env = [("MIGRATIONS_STOP_GRACE", budget_env.as_str()), ("MIGRATIONS_TX_MODE", mode), ("MIGRATIONS_LOCK_RETRIES", "off")];
            let child = app.spawn(&pg.url(&db), &["release"], &env);
            pg.wait_until_lock_wait(&db, Some("customers"));
            let (code, out) = signal_and_finish(child, &format!("apply ({mode} mode)"), engine, budget);
            holder.batch_execute("COMMIT").unwrap();
            assert_eq!(code, 1, "{mode} {engine:?}:\n{out}");
            assert!(out.contains("back where this release found it"), "{mode} {engine:?}:\n{out}");
            assert_eq!(pg.dump(&db), before, "{mode} {engine:?}");
        }

        // Verify: right after the commit another session takes the version table, so the state cannot be
        // read back. The migrations are committed: exit 2, the state unknown, never "restored".
        let db = seeded_db(&pg, &format!("phase_verify_{name}"));
        let app = RunnerApp::new(engine, &[step(1)]);
        assert_eq!(app.release(&pg.url(&db), &[]).0, 0);
        app.add(&step(2));
        app.add(&mig(3, "SELECT pg_sleep(2);", Some("SELECT 1;")));
        let child = app.spawn(&pg.url(&db), &["release"], &[grace]);
        pg.wait_until_running(&db, "pg_sleep(2)");
        // Queued behind the release's own lock on the table, it gets it at the release's commit.
        let conn = pg.conn_str(&db);
        let blocker = std::thread::spawn(move || {
            let mut c = postgres::Client::connect(&conn, postgres::NoTls).unwrap();
            c.batch_execute("BEGIN; LOCK TABLE schema_migrations IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(20); COMMIT").unwrap();
        });
        pg.wait_until_lock_held(&db, "schema_migrations", "pg_sleep(20)");
        let (code, out) = signal_and_finish(child, "verify", engine, short);
        assert_eq!(code, 2, "{engine:?}:\n{out}");
        assert!(!out.contains("back where this release found it"), "{engine:?}:\n{out}");
        assert!(out.contains("State now:          unknown"), "{engine:?}:\n{out}");
        blocker.join().unwrap();
        assert_eq!(pg.query(&db, "SELECT to_regclass('t2') IS NOT NULL"), vec!["t"], "{engine:?}: the release had committed");
    }
}
