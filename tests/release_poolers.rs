//! Releases through a real PgBouncer: in transaction mode (with and without a concurrent
//! pgbench load through it) every release is refused with the pooler message before anything
//! runs, and the runner's advisory lock is never left on a pooled server connection; in
//! session mode a release works as on a direct connection.

mod common;

use common::*;
use migrations_buildpack::db::{Backend, DbUrl, LOCK_KEY, ReleaseLock, Unlock};
use std::time::Duration;
use testkit::pg::Postgres;
use testkit::pooler::{Bouncer, Load, PoolMode};

/// Advisory locks with the runner's key held by any server process of the cluster (pg_locks shows
/// a bigint key as classid = high 32 bits, objid = low 32 bits, objsubid = 1).
fn runner_locks(pg: &Postgres) -> Vec<String> {
    let key = LOCK_KEY as u64;
    pg.query(
        "postgres",
        &format!(
            "SELECT pid::text || ' ' || granted::text FROM pg_locks WHERE locktype = 'advisory' AND classid = {} AND objid = {} AND objsubid = 1",
            key >> 32,
            key & 0xffff_ffff
        ),
    )
}

/// What a refused release must say, and never say.
fn assert_pooler_refusal(code: i32, out: &str, what: &str) {
    assert_eq!(code, 3, "{what}:\n{out}");
    assert!(out.contains("goes through a transaction-mode connection pooler"), "{what}:\n{out}");
    assert!(out.contains("MIGRATIONS_DATABASE_URL_VAR"), "{what}: the fix is named:\n{out}");
    assert!(out.contains("Nothing was changed"), "{what}:\n{out}");
    assert!(!out.contains("does not exist: create it"), "{what}: not a missing database:\n{out}");
}

/// Nothing of the release is in the database: no migration's table, no version table.
fn assert_untouched(pg: &Postgres, db: &str, what: &str) {
    assert_eq!(
        pg.query(db, "SELECT to_regclass('t1') IS NULL AND to_regclass('schema_migrations') IS NULL"),
        vec!["t"],
        "{what}: the release changed the database"
    );
}

#[test]
fn releases_through_a_transaction_pooler_under_pgbench_load_are_refused_and_leave_no_lock() {
    let pg = Postgres::start();
    // Three server connections for six pgbench clients: every one of them is busy most of the time.
    let bouncer = Bouncer::start(&pg, PoolMode::Transaction, 3);
    for engine in ENGINES {
        let db = seeded_db(&pg, &format!("txpool_load_{}", engine.name().replace('-', "_")));
        let mut load = Load::start(&pg, &db, bouncer.port(), 6, 120);
        let app = RunnerApp::new(engine, &[step(1), step(2)]);
        for i in 1..=5 {
            let (code, out) = app.release(&bouncer.url(&db), &[]);
            let what = format!("{engine:?}, release {i} under load");
            assert_pooler_refusal(code, &out, &what);
            // The runner has exited: its lock is on no server connection, pooled or not.
            assert_eq!(runner_locks(&pg), Vec::<String>::new(), "{what}:\n{out}\npgbouncer log:\n{}", bouncer.log());
            assert_untouched(&pg, &db, &what);
        }
        assert!(load.running(), "{engine:?}: the load ran throughout: {}", load.errors());
        // A rehearsal is refused the same way.
        let (code, out) = app.run(&bouncer.url(&db), &["rehearse"], &[]);
        assert_pooler_refusal(code, &out, &format!("{engine:?}, rehearse under load"));
        assert_eq!(runner_locks(&pg), Vec::<String>::new());
        drop(load);
        // The direct URL releases (the fix the message names).
        let (code, out) = app.release(&pg.url(&db), &[]);
        assert_eq!(code, 0, "{engine:?}:\n{out}");
    }
}

#[test]
fn a_release_through_an_idle_transaction_pooler_is_refused_too() {
    let pg = Postgres::start();
    // One server connection (every client gets the same one), then several (PgBouncer hands the
    // most recently used idle one first): without load the pooler behaves like one session
    // for a while, and is still recognised.
    for pool_size in [1, 4] {
        let bouncer = Bouncer::start(&pg, PoolMode::Transaction, pool_size);
        for engine in ENGINES {
            let db = seeded_db(&pg, &format!("txpool_idle{pool_size}_{}", engine.name().replace('-', "_")));
            let app = RunnerApp::new(engine, &[step(1), step(2)]);
            let (code, out) = app.release(&bouncer.url(&db), &[]);
            let what = format!("{engine:?}, pool of {pool_size}");
            assert_pooler_refusal(code, &out, &what);
            assert_eq!(runner_locks(&pg), Vec::<String>::new(), "{what}:\n{out}");
            assert_untouched(&pg, &db, &what);
        }
    }
}

#[test]
fn a_release_through_a_session_mode_pooler_under_load_works() {
    let pg = Postgres::start();
    // Session mode keeps one server connection per client: the runner's lock works there.
    let bouncer = Bouncer::start(&pg, PoolMode::Session, 20);
    for engine in ENGINES {
        let db = seeded_db(&pg, &format!("sesspool_{}", engine.name().replace('-', "_")));
        let load = Load::start(&pg, &db, bouncer.port(), 6, 120);
        let app = RunnerApp::new(engine, &[step(1), step(2)]);
        let (code, out) = app.release(&bouncer.url(&db), &[]);
        assert_eq!(code, 0, "{engine:?}:\n{out}");
        assert!(out.contains("done: applied 2 migration(s)"), "{out}");
        assert_eq!(pg.query(&db, "SELECT count(*) FROM t2"), vec!["1"]);
        // A failing release through it is rolled back as on a direct connection.
        app.add(&failing_step(3));
        let before = pg.query(&db, "SELECT count(*) FROM t1");
        let (code, out) = app.release(&bouncer.url(&db), &[]);
        assert_eq!(code, 1, "{engine:?}:\n{out}");
        assert!(out.contains("The database is back where this release found it"), "{out}");
        assert_eq!(pg.query(&db, "SELECT count(*) FROM t1"), before);
        app.remove(3);
        assert_eq!(runner_locks(&pg), Vec::<String>::new());
        drop(load);
    }
}

#[test]
fn a_server_connection_reset_under_the_runners_session_is_recognised() {
    let pg = Postgres::start();
    // One client connection at most (the runner's second one is turned away, so only its own session
    // is watched), one server connection, reset with DISCARD ALL after every transaction.
    let bouncer = Bouncer::start_with(&pg, PoolMode::Transaction, 1, "max_client_conn = 1\nserver_reset_query_always = 1\n");
    let db = seeded_db(&pg, "txpool_reset");
    let app = RunnerApp::new(Engine::Dbmate, &[step(1)]);
    let (code, out) = app.release(&bouncer.url(&db), &[]);
    assert_pooler_refusal(code, &out, "reset after every transaction");
    assert!(out.contains("a setting the runner's session made was gone at its next statement"), "{out}");
    assert_eq!(runner_locks(&pg), Vec::<String>::new());
    assert_untouched(&pg, &db, "reset");
}

/// The runner's lock taken through a transaction pooler (its checks bypassed: the library called
/// directly), then the pooled server connection holding it handed to another client, so the
/// runner's own statements reach another one.
fn lock_through_the_pooler(bouncer: &Bouncer, db: &str) -> (ReleaseLock, i32) {
    let url = DbUrl::parse("DATABASE_URL", &bouncer.url(db)).unwrap();
    let mut client = url.connect().unwrap();
    let backend = Backend::of(&mut client).unwrap();
    // The only client: PgBouncer hands it the server connection it used last every time.
    let lock = ReleaseLock::acquire(&url, client, &backend, Duration::from_secs(5), || {}, || false).unwrap();
    (lock, backend.pid)
}

#[test]
fn a_lock_left_on_a_pooled_server_connection_is_released_there() {
    let pg = Postgres::start();
    let bouncer = Bouncer::start(&pg, PoolMode::Transaction, 2);
    let db = pg.create_db("txpool_unlock");

    // Another client's transaction holds the lock's server connection for a moment: the unlock,
    // repeated, reaches it once that transaction ends, and the other client loses nothing.
    let (mut lock, pid) = lock_through_the_pooler(&bouncer, &db);
    assert_eq!(runner_locks(&pg), vec![format!("{pid} true")]);
    let mut other = postgres::Client::connect(&bouncer.url(&db), postgres::NoTls).unwrap();
    other.batch_execute("BEGIN").unwrap();
    let held: i32 = other.query_one("SELECT pg_backend_pid()", &[]).unwrap().get(0);
    assert_eq!(held, pid, "the other client got the lock's server connection");
    assert!(!lock.still_held().unwrap(), "the runner's session now reaches another server connection");
    let ends = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        other.batch_execute("CREATE TABLE other_client_work (id int); COMMIT").unwrap();
        other
    });
    assert_eq!(lock.release(), Unlock::Released);
    ends.join().unwrap();
    assert_eq!(runner_locks(&pg), Vec::<String>::new());
    assert_eq!(pg.query(&db, "SELECT to_regclass('other_client_work') IS NOT NULL"), vec!["t"]);

    // The lock's server connection stays busy in another client's transaction: it is ended (the
    // last resort, documented), and the lock goes with it, also when the lock is only dropped.
    for explicit in [true, false] {
        let (mut lock, pid) = lock_through_the_pooler(&bouncer, &db);
        let mut other = postgres::Client::connect(&bouncer.url(&db), postgres::NoTls).unwrap();
        let mut tx = other.transaction().unwrap();
        assert_eq!(tx.query_one("SELECT pg_backend_pid()", &[]).unwrap().get::<_, i32>(0), pid);
        let started = std::time::Instant::now();
        if explicit {
            assert_eq!(lock.release(), Unlock::Terminated { pid });
        } else {
            drop(lock);
        }
        assert!(started.elapsed() < Duration::from_secs(6), "took {:?}", started.elapsed());
        assert_eq!(runner_locks(&pg), Vec::<String>::new(), "explicit: {explicit}");
        assert!(tx.query_one("SELECT 1", &[]).is_err(), "the other client's transaction was ended with its server connection");
    }
}
