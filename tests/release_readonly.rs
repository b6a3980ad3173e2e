//! Read-only targets — a hot standby (a follower), `default_transaction_read_only` from the
//! database, the role or the URL — are refused up front (exit 3) with the cause and the fix,
//! before any statement that writes and before any tool process; `status` keeps working there.

mod common;

use common::*;
use testkit::pg::{PASSWORD, Postgres};

/// What the runner's sessions and the tool's sent to database `db`, from the server log.
struct Seen {
    /// Lines of the runner's own sessions (`application_name` migrations-buildpack).
    runner: Vec<String>,
    /// Lines of tool sessions (`application_name` migrations-release-…): any means a tool process ran.
    tool: Vec<String>,
}

fn seen(pg: &Postgres, db: &str) -> Seen {
    let lines = pg.log_of(db);
    Seen {
        runner: lines.iter().filter(|l| l.contains(" app=migrations-buildpack ")).cloned().collect(),
        tool: lines.iter().filter(|l| l.contains(" app=migrations-release-")).cloned().collect(),
    }
}

/// Exit 3 before anything that writes: the runner connected (its statements are in the log) and
/// sent none that takes its lock or changes anything, no tool process connected, the database is as it was.
fn assert_refused_up_front(pg: &Postgres, db: &str, code: i32, out: &str, what: &str) {
    assert_eq!(code, 3, "{what}:\n{out}");
    assert!(out.contains("is read-only"), "{what}:\n{out}");
    assert!(out.contains("Nothing was run, nothing was changed"), "{what}:\n{out}");
    let seen = seen(pg, db);
    assert!(!seen.runner.is_empty(), "{what}: the runner's statements are not in the log (is log_statement on?)");
    for l in &seen.runner {
        let upper = l.to_uppercase();
        for write in ["ADVISORY_LOCK", "CREATE", "INSERT", "UPDATE", "DELETE", "DROP", "ALTER"] {
            assert!(!upper.contains(write), "{what}: the runner sent a statement that writes or locks: {l}");
        }
    }
    assert_eq!(seen.tool, Vec::<String>::new(), "{what}: a tool process connected:\n{out}");
}

fn no_version_table(pg: &Postgres, db: &str) -> bool {
    pg.query(db, "SELECT to_regclass('schema_migrations') IS NULL AND to_regclass('t1') IS NULL") == vec!["t"]
}

#[test]
fn a_read_only_database_role_or_url_is_refused_before_anything_runs() {
    let pg = Postgres::start();
    pg.log_statements();
    // A read-only credential: a role whose transactions are read-only unless it says otherwise.
    pg.query(
        "postgres",
        &format!("CREATE ROLE reader LOGIN PASSWORD '{PASSWORD}'; ALTER ROLE reader SET default_transaction_read_only = on"),
    );
    for engine in ENGINES {
        let e = engine.name().replace('-', "_");
        let app = RunnerApp::new(engine, &[step(1), step(2)]);
        // (case, database, URL, words of the cause the message must name)
        let cases: Vec<(&str, String, String, &str)> = vec![
            ("database", format!("ro_db_{e}"), String::new(), "for the database ro_db_"),
            ("role", format!("ro_role_{e}"), String::new(), "for the role reader"),
            ("url options", format!("ro_opt_{e}"), "&options=-c%20default_transaction_read_only%3Don".into(), "options parameter"),
            (
                "url parameter",
                format!("ro_param_{e}"),
                "&default_transaction_read_only=yes".into(),
                "default_transaction_read_only parameter",
            ),
        ];
        for (case, db, extra, cause) in cases {
            let db = seeded_db(&pg, &db);
            let mut url = pg.url(&db) + &extra;
            match case {
                "database" => {
                    pg.query("postgres", &format!("ALTER DATABASE {db} SET default_transaction_read_only = on"));
                }
                "role" => {
                    pg.query(&db, "GRANT ALL ON SCHEMA public TO reader");
                    url = format!("postgres://reader:{PASSWORD}@127.0.0.1:{}/{db}?sslmode=disable", pg.port());
                }
                _ => {}
            }
            let before = pg.dump(&db);
            let what = format!("{engine:?}, read-only by {case}");
            let (code, out) = app.release(&url, &[]);
            assert_refused_up_front(&pg, &db, code, &out, &what);
            assert!(out.contains(cause), "{what}: the cause is named:\n{out}");
            assert!(no_version_table(&pg, &db), "{what}");
            assert_eq!(pg.dump(&db), before, "{what}");
            // A rehearsal cannot run either: PostgreSQL refuses its DDL in a read-only transaction.
            let (code, out) = app.run(&url, &["rehearse"], &[]);
            assert_refused_up_front(&pg, &db, code, &out, &format!("{what}, rehearse"));
            assert!(out.contains("no rehearsal either"), "{what}:\n{out}");
            assert!(no_version_table(&pg, &db), "{what}");
        }
    }
}

#[test]
fn a_hot_standby_is_refused_before_anything_runs_and_status_still_works_there() {
    let pg = Postgres::start();
    let engines: Vec<(Engine, RunnerApp, String)> = ENGINES
        .into_iter()
        .map(|engine| {
            let db = seeded_db(&pg, &format!("follow_{}", engine.name().replace('-', "_")));
            let app = RunnerApp::new(engine, &[step(1)]);
            let (code, out) = app.release(&pg.url(&db), &[]);
            assert_eq!(code, 0, "{out}");
            app.add(&step(2));
            (engine, app, db)
        })
        .collect();
    // The follower: a streaming replica of the primary, on its own port.
    let standby = pg.start_standby();
    pg.wait_replayed(&standby);
    standby.log_statements();
    for (engine, app, db) in &engines {
        let primary_before = pg.dump(db);
        let (code, out) = app.release(&standby.url(db), &[]);
        let what = format!("{engine:?} on a hot standby");
        assert_refused_up_front(&standby, db, code, &out, &what);
        assert!(out.contains("hot standby"), "{what}:\n{out}");
        assert!(out.contains("the primary's URL") && out.contains("HEROKU_POSTGRESQL_<COLOR>_URL"), "{what}: the fix:\n{out}");
        let (code, out) = app.run(&standby.url(db), &["rehearse"], &[]);
        assert_refused_up_front(&standby, db, code, &out, &format!("{what}, rehearse"));
        assert!(out.contains("no rehearsal either"), "{what}:\n{out}");
        // Nothing happened on the primary either, and the follower still has only migration 1.
        assert_eq!(pg.dump(db), primary_before, "{what}");
        assert_eq!(standby.query(db, "SELECT to_regclass('t1') IS NOT NULL, to_regclass('t2') IS NULL"), vec!["t|t"]);
        // `status` only reads: it works on the follower.
        let (code, out) = app.run(&standby.url(db), &["status"], &[]);
        assert_eq!(code, 0, "{what}, status:\n{out}");
        assert!(out.contains(&format!("applied  {}", app.version(1))), "{out}");
        assert!(out.contains(&format!("pending  {}", app.version(2))), "{out}");
        // The primary's URL releases.
        let (code, out) = app.release(&pg.url(db), &[]);
        assert_eq!(code, 0, "{engine:?} on the primary:\n{out}");
    }
}
