//! Section 16 of the reference transcript (session advisory lock: a second
//! process simply waits) and the SIGINT graceful stop.

mod common;
use common::*;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn spawn(args: &[&str]) -> std::process::Child {
    Command::new(BIN).args(args).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap()
}

fn finish(child: std::process::Child) -> Out {
    let o = child.wait_with_output().unwrap();
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn advisory_locks(b: &Bench, db: &str) -> Vec<String> {
    b.pg.query(
        db,
        "SELECT classid, objid, objsubid, granted FROM pg_locks WHERE locktype='advisory' AND database=(SELECT oid FROM pg_database WHERE datname=current_database())",
    )
}

#[test]
fn s16_second_process_waits_for_the_advisory_lock() {
    let b = Bench::new("s16");
    let slow = b.scratch.fixture("slow", &[("1_slow.up.sql", "SELECT pg_sleep(3);\nCREATE TABLE s1 (id int);\n")]);
    b.pg.create_db("locktest");
    let url = b.url("locktest");
    let bg = spawn(&["-path", &slow, "-database", &url, "up"]);
    assert!(
        Postgres::wait_for(Duration::from_secs(10), || !advisory_locks(&b, "locktest").is_empty()),
        "the migration never took the lock"
    );
    // key = crc32("public\0schema_migrations\0/locktest") * 1486364155 mod 2^32
    assert_eq!(advisory_locks(&b, "locktest"), strs(&["0|3708018671|1|t"]));
    let t = Instant::now();
    let waiter = run(&["-path", &slow, "-database", &url, "-lock-timeout", "1", "version"], None);
    let waited = t.elapsed();
    expect(&waiter, 0, "1\n");
    assert!(waited > Duration::from_millis(1500), "version did not wait: {waited:?}");
    expect(&finish(bg), 0, "1/u slow (3.01s)\n");
    assert_eq!(b.tables("locktest"), strs(&["s1", "schema_migrations"]));

    // hold the lock of /locktest2 from another session; -lock-timeout 1 still succeeds after release
    let good_dir = b.scratch.fixture("good", &good());
    b.pg.create_db("locktest2");
    let url2 = b.url("locktest2");
    expect(&run(&["-path", &good_dir, "-database", &url2, "version"], None), 1, "error: no migration\n");
    let mut holder = b.pg.client("locktest2");
    holder.batch_execute("SELECT pg_advisory_lock(2203766945)").unwrap();
    let t = Instant::now();
    let child = spawn(&["-path", &good_dir, "-database", &url2, "-lock-timeout", "1", "up"]);
    std::thread::sleep(Duration::from_millis(2500));
    assert_eq!(b.rows("locktest2"), Vec::<String>::new(), "must still be waiting");
    holder.batch_execute("SELECT pg_advisory_unlock(2203766945)").unwrap();
    expect(&finish(child), 0, "1/u create_users (1ms)\n2/u add_email (1ms)\n3/u create_posts (1ms)\n");
    assert!(t.elapsed() > Duration::from_millis(2500));
    expect(&run(&["-path", &good_dir, "-database", &url2, "version"], None), 0, "3\n");
}

#[test]
fn sigint_stops_after_the_running_migration() {
    let b = Bench::new("sigint");
    let dir = b.scratch.fixture(
        "slow2",
        &[("1_a.up.sql", "SELECT pg_sleep(2);\nCREATE TABLE a1 (id int);\n"), ("2_b.up.sql", "CREATE TABLE b1 (id int);\n")],
    );
    b.pg.create_db("sig");
    let child = spawn(&["-path", &dir, "-database", &b.url("sig"), "up"]);
    assert!(Postgres::wait_for(Duration::from_secs(10), || {
        b.pg.query("sig", "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(2)%'") == strs(&["1"])
    }));
    let st = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(st.success());
    // the real tool: graceful stop, runMigrations returns nil → exit 0
    expect(&finish(child), 0, "Stopping after this running migration ...\n1/u a (2.0s)\n");
    assert_eq!(b.rows("sig"), strs(&["1|f"]));
    assert_eq!(b.tables("sig"), strs(&["a1", "schema_migrations"]));
}
