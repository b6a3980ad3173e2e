//! Releases that cannot take the application down, against a real PostgreSQL with a real concurrent
//! client, the real dbmate and the golang-migrate test double:
//! - the blocking guard (`MIGRATIONS_MAX_BLOCKING`): a migration that takes `ACCESS EXCLUSIVE` on a
//!   table the application reads and writes every 50 ms, then runs for a minute, is cancelled after
//!   the limit and the database is left as found (both modes, both tools, and a rehearsal); with
//!   `off` it runs to the end while the application waits;
//! - progress lines (`MIGRATIONS_PROGRESS_INTERVAL`): a long statement's file and elapsed time, an
//!   index build's percentage, and the session a migration waits for (its pid and
//!   application_name, never its query text).
//!
//! Each test runs its cases side by side (threads, one database each), so that a minute-long
//! migration costs a minute once. Each prints what it measured.

mod common;

use common::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use testkit::pg::Postgres;

/// The text of the application's query: the runner must never print another session's query.
const APP_QUERY_MARKER: &str = "APP-QUERY-TEXT-9f3";

/// The application: one session reading and updating `customers` every 50 ms (the update writes the
/// value the row has, so the data stays as found), timing each round.
struct AppClient {
    stop: Arc<AtomicBool>,
    handle: std::thread::JoinHandle<Duration>,
}

impl AppClient {
    fn start(pg: &Postgres, db: &str) -> AppClient {
        let mut client = postgres::Client::connect(&format!("{} application_name=shop-web", pg.conn_str(db)), postgres::NoTls).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let handle = std::thread::spawn(move || {
            let mut longest = Duration::ZERO;
            while !flag.load(Ordering::SeqCst) {
                let started = Instant::now();
                let sql = format!(
                    "SELECT name FROM customers WHERE id = 1 /* {APP_QUERY_MARKER} */; UPDATE customers SET name = name WHERE id = 1"
                );
                client.batch_execute(&sql).unwrap();
                let took = started.elapsed();
                longest = longest.max(took);
                std::thread::sleep(Duration::from_millis(50).saturating_sub(took));
            }
            longest
        });
        AppClient { stop, handle }
    }

    /// Stop it; the longest the application waited for one round.
    fn finish(self) -> Duration {
        self.stop.store(true, Ordering::SeqCst);
        self.handle.join().unwrap()
    }
}

/// The database as a dump shows it: its schema, and its rows in any order (the application's update
/// writes the value a row has, but moves the row to the end of the table, where `pg_dump` reads it last).
fn as_found(pg: &Postgres, db: &str) -> (String, Vec<String>) {
    let mut lines: Vec<String> = pg.dump(db).lines().map(str::to_string).collect();
    lines.sort();
    (schema_dump(pg, db), lines)
}

/// What one release (or rehearsal) under load did.
struct Loaded {
    what: String,
    code: i32,
    out: String,
    took: Duration,
    longest_wait: Duration,
    changed: bool,
}

/// A release of `step(1)` and a migration that takes `customers` exclusively and then runs for a
/// minute, while the application works on `customers`; `command` is `release` or `rehearse`.
fn under_load(pg: &Postgres, engine: Engine, mode: &str, command: &str, extra: &[(&str, &str)]) -> Loaded {
    let what = format!("{command} {mode} {}", engine.name());
    let db = seeded_db(pg, &what.replace([' ', '-'], "_"));
    let hold = "ALTER TABLE customers ADD COLUMN note text;\nSELECT pg_sleep(60);";
    let app = RunnerApp::new(engine, &[step(1), mig(2, hold, Some("ALTER TABLE customers DROP COLUMN note;"))]);
    let before = as_found(pg, &db);
    let client = AppClient::start(pg, &db);
    let mut env = vec![("MIGRATIONS_TX_MODE", mode)];
    env.extend_from_slice(extra);
    // Timed from the runner's start (finding the tool for the command is the test's own work).
    let args: Vec<&str> = command.split(' ').collect();
    let mut cmd = app.command(&pg.url(&db), &args, &env);
    cmd.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    let started = Instant::now();
    let (code, out) = timed(cmd.spawn().unwrap(), started);
    let took = started.elapsed();
    // The application goes on a little after the release, so that its last wait is counted.
    std::thread::sleep(Duration::from_millis(300));
    let longest_wait = client.finish();
    let changed = as_found(pg, &db) != before;
    println!(
        "{what} {extra:?}: exit {code} after {:.2} s; the application's longest wait {:.2} s",
        took.as_secs_f64(),
        longest_wait.as_secs_f64()
    );
    Loaded { what, code, out, took, longest_wait, changed }
}

/// Wait for a run started by [`RunnerApp::spawn`]: (exit code, its output with each line's time
/// since `started`). Asserts no password leaked.
fn timed(mut child: std::process::Child, started: Instant) -> (i32, String) {
    use std::io::BufRead;
    let stderr = child.stderr.take().unwrap();
    let errors = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    let mut out = String::new();
    for line in std::io::BufReader::new(child.stdout.take().unwrap()).lines() {
        out.push_str(&format!("[{:5.2}s] {}\n", started.elapsed().as_secs_f64(), line.unwrap()));
    }
    out.push_str(&errors.join().unwrap());
    let code = child.wait().unwrap().code().unwrap_or(-1);
    assert_no_secret(&out);
    (code, out)
}

/// Every case of `cases`, run side by side.
fn side_by_side(pg: &Postgres, cases: &[(Engine, &str, &str)], extra: &[(&str, &str)]) -> Vec<Loaded> {
    std::thread::scope(|s| {
        let runs: Vec<_> =
            cases.iter().map(|(engine, mode, command)| s.spawn(move || under_load(pg, *engine, mode, command, extra))).collect();
        runs.into_iter().map(|r| r.join().unwrap()).collect()
    })
}

const CASES: [(Engine, &str, &str); 6] = [
    (Engine::GolangMigrate, "all", "release"),
    (Engine::Dbmate, "all", "release"),
    (Engine::GolangMigrate, "file", "release"),
    (Engine::Dbmate, "file", "release"),
    (Engine::Dbmate, "all", "rehearse"),
    (Engine::GolangMigrate, "all", "rehearse --format json"),
];

#[test]
fn the_blocking_guard_cancels_a_release_that_holds_what_the_application_needs() {
    let pg = Postgres::start();
    for r in side_by_side(&pg, &CASES, &[("MIGRATIONS_MAX_BLOCKING", "5s")]) {
        let (what, out) = (&r.what, &r.out);
        assert_eq!(r.code, 1, "{what}:\n{out}");
        assert!(r.took < Duration::from_secs(8), "{what}: exit after {:?}\n{out}", r.took);
        assert!(r.longest_wait <= Duration::from_secs(7), "{what}: the application waited {:?}\n{out}", r.longest_wait);
        assert!(!r.changed, "{what}: the database is not as found:\n{out}");
        if what.contains("json") {
            // What CI reads: the result, and which table waited for how long.
            let json = out.lines().map(|l| l.split_once("] ").map_or(l, |(_, rest)| rest)).collect::<Vec<_>>().join("\n");
            let v: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{what}: {e}:\n{out}"));
            assert_eq!(v["result"], "blocking", "{what}:\n{out}");
            assert_eq!(v["exit_code"], 1, "{what}:\n{out}");
            assert_eq!(v["detail"]["relation"], "customers", "{what}:\n{out}");
            assert_eq!(v["detail"]["file"], "2_step2.up.sql", "{what}:\n{out}");
            assert!(v["detail"]["longest_wait_ms"].as_u64().unwrap_or(0) >= 5000, "{what}:\n{out}");
            assert_eq!(v["checked"]["version_table_as_found"], true, "{what}:\n{out}");
            continue;
        }
        assert!(out.contains("the blocking guard cancelled the release"), "{what}:\n{out}");
        assert!(out.contains("other session(s) waited for its locks on customers, the longest for"), "{what}:\n{out}");
        assert!(out.contains("(MIGRATIONS_MAX_BLOCKING=5.0s)"), "{what}:\n{out}");
        assert!(out.contains("NOT VALID") && out.contains("CONCURRENTLY") && out.contains("quiet"), "{what}:\n{out}");
        assert!(!out.contains(APP_QUERY_MARKER), "{what}: another session's query text was printed:\n{out}");
        // Neither a stop nor a failed migration.
        assert!(!out.contains("stopped by a signal") && !out.contains("MIGRATIONS_TIMEOUT"), "{what}:\n{out}");
        assert!(!out.contains("fix the failing migration"), "{what}:\n{out}");
        if what.starts_with("rehearse") {
            assert!(out.contains("rehearse: STOPPED: the blocking guard") && out.contains("nothing was changed"), "{what}:\n{out}");
        } else {
            assert!(out.contains("back where this release found it"), "{what}:\n{out}");
        }
    }
}

#[test]
fn without_the_guard_the_release_runs_to_its_end_while_the_application_waits() {
    let pg = Postgres::start();
    for r in side_by_side(&pg, &CASES[..4], &[("MIGRATIONS_MAX_BLOCKING", "off")]) {
        let (what, out) = (&r.what, &r.out);
        assert_eq!(r.code, 0, "{what}:\n{out}");
        assert!(out.contains("done: applied 2 migration(s)"), "{what}:\n{out}");
        // What the guard spares the application: the whole minute.
        assert!(r.longest_wait >= Duration::from_secs(55), "{what}: the application waited {:?}\n{out}", r.longest_wait);
        assert!(!out.contains("blocking guard"), "{what}:\n{out}");
    }
}

/// The progress lines of `out` about `file`.
fn progress_lines<'o>(out: &'o str, file: &str) -> Vec<&'o str> {
    let prefix = format!("migrations: progress: {file}: running for ");
    out.lines().filter(|l| l.starts_with(&prefix)).collect()
}

/// With the default interval (10 s), so that the test shows what a user gets without setting
/// anything: a 25 s migration is reported at 10 s and 20 s. The cases run side by side (25 s in all).
#[test]
fn a_long_migration_reports_its_progress_at_the_default_interval() {
    let pg = Postgres::start();
    let cases = [
        (Engine::GolangMigrate, "all", "release"),
        (Engine::Dbmate, "all", "release"),
        (Engine::GolangMigrate, "file", "release"),
        (Engine::Dbmate, "file", "release"),
        (Engine::Dbmate, "all", "rehearse"),
    ];
    let runs: Vec<(String, i32, String, String)> = std::thread::scope(|s| {
        let pg = &pg;
        let handles: Vec<_> = cases
            .iter()
            .map(|(engine, mode, command)| {
                s.spawn(move || {
                    let what = format!("{command} {mode} {}", engine.name());
                    let db = seeded_db(pg, &what.replace([' ', '-'], "_"));
                    let app = RunnerApp::new(*engine, &[step(1), mig(2, "SELECT pg_sleep(25);", Some("SELECT 1;")), step(3)]);
                    let (code, out) = app.run(&pg.url(&db), &[command], &[("MIGRATIONS_TX_MODE", mode)]);
                    (what, code, out, app.file_names(2)[0].clone())
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (what, code, out, file) in runs {
        assert_eq!(code, 0, "{what}:\n{out}");
        let lines = progress_lines(&out, &file);
        println!("{what}: {lines:#?}");
        assert!(lines.len() >= 2, "{what}: {} progress line(s) about {file}:\n{out}", lines.len());
        assert!(lines[0].starts_with(&format!("migrations: progress: {file}: running for 10.")), "{what}:\n{out}");
        // Only the long migration is reported, and each line is whole.
        assert_eq!(out.matches("migrations: progress:").count(), lines.len(), "{what}:\n{out}");
    }
}

#[test]
fn a_concurrent_index_build_reports_its_percentage() {
    let pg = Postgres::start();
    let db = seeded_db(&pg, "cic_progress");
    pg.query(&db, "CREATE TABLE big AS SELECT g AS id, md5(g::text) AS v FROM generate_series(1, 2000000) g");
    let app = RunnerApp::new(
        Engine::GolangMigrate,
        &[mig(1, "CREATE INDEX CONCURRENTLY big_v_idx ON big (md5(v || id::text));", Some("DROP INDEX big_v_idx;"))],
    );
    let (code, out) = app.release(&pg.url(&db), &[("MIGRATIONS_TX_MODE", "file"), ("MIGRATIONS_PROGRESS_INTERVAL", "1s")]);
    assert_eq!(code, 0, "{out}");
    let lines = progress_lines(&out, &app.file_names(1)[0]);
    println!("{lines:#?}");
    let percent = regex::Regex::new(r"; CREATE INDEX CONCURRENTLY: [a-z :]+ \d{1,3}%").unwrap();
    assert!(lines.iter().any(|l| percent.is_match(l)), "no percentage in the progress lines:\n{out}");
}

#[test]
fn a_migration_waiting_for_a_lock_names_the_holder_by_pid_and_application_name() {
    let pg = Postgres::start();
    let cases = [(Engine::GolangMigrate, "all"), (Engine::Dbmate, "all"), (Engine::GolangMigrate, "file"), (Engine::Dbmate, "file")];
    std::thread::scope(|s| {
        for (engine, mode) in cases {
            let pg = &pg;
            s.spawn(move || {
                let what = format!("{mode} {}", engine.name());
                let db = seeded_db(pg, &format!("lockwait_{}", what.replace([' ', '-'], "_")));
                let app = RunnerApp::new(engine, &[mig(1, "ALTER TABLE customers ADD COLUMN note text;", Some("ALTER TABLE customers DROP COLUMN note;"))]);
                let mut holder =
                    postgres::Client::connect(&format!("{} application_name=reporting-job", pg.conn_str(&db)), postgres::NoTls).unwrap();
                let pid: i32 = holder.query_one("SELECT pg_backend_pid()", &[]).unwrap().get(0);
                holder.batch_execute("BEGIN; LOCK TABLE customers IN ACCESS SHARE MODE; SELECT 'HOLDER-QUERY-TEXT'").unwrap();
                let env = [("MIGRATIONS_TX_MODE", mode), ("MIGRATIONS_PROGRESS_INTERVAL", "1s"), ("MIGRATIONS_LOCK_RETRIES", "none")];
                let child = app.spawn(&pg.url(&db), &["release"], &env);
                pg.wait_until_lock_wait(&db, Some("customers"));
                std::thread::sleep(Duration::from_millis(2500));
                holder.batch_execute("COMMIT").unwrap();
                let (code, out) = finish(child);
                assert_eq!(code, 0, "{what}:\n{out}");
                let named = format!("; waiting for a lock on customers held by pid {pid} (application_name \"reporting-job\"), whose transaction is open for ");
                assert!(out.lines().any(|l| l.starts_with("migrations: progress: ") && l.contains(&named)), "{what}:\n{out}");
                assert!(!out.contains("HOLDER-QUERY-TEXT"), "{what}: another session's query text was printed:\n{out}");
            });
        }
    });
}
