//! Whatever a migration does to its session, and whatever PostgreSQL refuses
//! to run inside one transaction, the default release (`auto`) ends as the
//! tool's own `up` would: where the tool succeeds, the release succeeds and
//! leaves the same database (pg_dump, version rows, table owners, and the
//! tool's own `version`/`status`); where the tool fails, the release fails
//! with exit 1 and the database as the release found it. Real PostgreSQL,
//! the real dbmate, the golang-migrate test double.

mod common;

use common::*;
use testkit::pg::Postgres;

/// One case: SQL run on both databases first, the URL's extra parameters, the migrations, and what
/// the tool's own `up` does with them (golang-migrate, dbmate) — so that a typo in a case cannot
/// make both sides fail for the same wrong reason unnoticed.
struct Case {
    name: &'static str,
    setup: &'static str,
    url_suffix: &'static str,
    /// Up and down SQL of each migration (the down files matter where the release uses file mode).
    migrations: &'static [(&'static str, &'static str)],
    tool_succeeds: (bool, bool),
    /// A line the release must print (for golang-migrate, dbmate), when there is one to check.
    says: (Option<&'static str>, Option<&'static str>),
}

/// Roles are the cluster's, not a database's: created once whatever runs first.
const ROLE: &str = "DO $$ BEGIN CREATE ROLE app_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
                    GRANT CREATE ON SCHEMA public TO app_owner;";

const PREAMBLE: &str = "SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

CREATE TABLE public.users (
    id integer NOT NULL,
    name text
);

CREATE SEQUENCE public.users_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
ALTER SEQUENCE public.users_id_seq OWNED BY public.users.id;
ALTER TABLE ONLY public.users ALTER COLUMN id SET DEFAULT nextval('public.users_id_seq'::regclass);
ALTER TABLE ONLY public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id);";

const CASES: &[Case] = &[
    Case {
        name: "a pg_dump preamble empties the search path for the rest of the session",
        setup: "",
        url_suffix: "",
        migrations: &[
            (PREAMBLE, "DROP TABLE public.users;"),
            ("CREATE TABLE public.posts (id int PRIMARY KEY, user_id int REFERENCES public.users (id));", "DROP TABLE public.posts;"),
        ],
        tool_succeeds: (true, true),
        says: (Some("mode: all"), Some("mode: all")),
    },
    Case {
        name: "SET search_path to a schema the migration creates",
        setup: "",
        url_suffix: "",
        migrations: &[
            ("CREATE SCHEMA foo;\nSET search_path TO foo;\nCREATE TABLE t (id int);", "DROP SCHEMA foo CASCADE;"),
            ("CREATE TABLE u (id int);", "DROP TABLE u;"),
        ],
        // dbmate records the version in current_schema(), now foo, where it has no table.
        tool_succeeds: (true, false),
        says: (Some("mode: all"), Some("relation \"foo.schema_migrations\" does not exist")),
    },
    Case {
        name: "SET LOCAL search_path ends with its file",
        setup: "CREATE SCHEMA app;",
        url_suffix: "",
        migrations: &[
            ("SET LOCAL search_path TO app;\nCREATE TABLE a (id int);", "DROP TABLE app.a;"),
            ("CREATE TABLE b (id int);", "DROP TABLE b;"),
        ],
        tool_succeeds: (true, false),
        says: (Some("mode: all"), None),
    },
    Case {
        name: "SET ROLE to a role that may not write the version table",
        setup: ROLE,
        url_suffix: "",
        migrations: &[
            ("SET ROLE app_owner;\nCREATE TABLE owned (id int);", "DROP TABLE owned;"),
            ("CREATE TABLE later (id int);", "DROP TABLE later;"),
        ],
        tool_succeeds: (false, false),
        says: (Some("permission denied"), Some("permission denied")),
    },
    Case {
        name: "SET LOCAL ROLE: the file's objects are the role's, the next file's are not",
        setup: ROLE,
        url_suffix: "",
        migrations: &[
            ("SET LOCAL ROLE app_owner;\nCREATE TABLE owned (id int);", "DROP TABLE owned;"),
            ("CREATE TABLE later (id int);", "DROP TABLE later;"),
        ],
        // dbmate writes the version inside the file's transaction, still as app_owner.
        tool_succeeds: (true, false),
        says: (Some("mode: all"), None),
    },
    Case {
        name: "session_replication_role = replica turns foreign keys off for later files",
        setup: "CREATE TABLE parent (id int PRIMARY KEY);\nCREATE TABLE child (parent_id int REFERENCES parent (id));",
        url_suffix: "",
        migrations: &[("SET session_replication_role = replica;", ""), ("INSERT INTO child VALUES (42);", "DELETE FROM child;")],
        tool_succeeds: (true, true),
        says: (Some("mode: all"), Some("mode: all")),
    },
    Case {
        name: "RESET ALL returns to the URL's search_path",
        setup: "CREATE SCHEMA app;",
        url_suffix: "&search_path=app",
        migrations: &[
            ("SET search_path TO public;\nCREATE TABLE a (id int);", "DROP TABLE public.a;"),
            ("RESET ALL;\nCREATE TABLE b (id int);", "DROP TABLE b;"),
        ],
        tool_succeeds: (true, true),
        says: (Some("mode: all"), Some("mode: all")),
    },
    Case {
        name: "a statement_timeout set by one file applies to the next",
        setup: "",
        url_suffix: "",
        migrations: &[("SET statement_timeout = '300ms';", ""), ("SELECT pg_sleep(2);", "")],
        tool_succeeds: (false, false),
        says: (Some("statement timeout"), Some("statement timeout")),
    },
    Case {
        name: "SET lock_timeout = 0 in one file",
        setup: "CREATE TABLE busy (id int);",
        url_suffix: "",
        migrations: &[
            ("SET lock_timeout = 0;\nCREATE TABLE a (id int);", "DROP TABLE a;"),
            ("ALTER TABLE busy ADD COLUMN x int;", "ALTER TABLE busy DROP COLUMN x;"),
        ],
        tool_succeeds: (true, true),
        says: (Some("mode: all"), Some("mode: all")),
    },
    Case {
        name: "DISCARD ALL as a file of its own",
        setup: "",
        url_suffix: "",
        migrations: &[("CREATE TABLE a (id int);", "DROP TABLE a;"), ("DISCARD ALL;", ""), ("CREATE TABLE b (id int);", "DROP TABLE b;")],
        // golang-migrate sends a one-statement file outside any transaction; dbmate inside its own.
        tool_succeeds: (true, false),
        says: (Some("auto chose file mode"), Some("auto chose file mode")),
    },
    Case {
        name: "a deferred foreign key is checked at each file's commit",
        setup: "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (p_id int REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED);",
        url_suffix: "",
        migrations: &[("INSERT INTO c VALUES (1);", "DELETE FROM c;"), ("INSERT INTO p VALUES (1);", "DELETE FROM p;")],
        tool_succeeds: (false, false),
        says: (Some("violates foreign key constraint"), Some("violates foreign key constraint")),
    },
    Case {
        name: "SET CONSTRAINTS ALL DEFERRED ends with its file",
        setup: "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (p_id int REFERENCES p (id) DEFERRABLE);",
        url_suffix: "",
        migrations: &[
            ("SET CONSTRAINTS ALL DEFERRED;\nINSERT INTO c VALUES (1);", "DELETE FROM c;"),
            ("INSERT INTO p VALUES (1);", "DELETE FROM p;"),
        ],
        tool_succeeds: (false, false),
        says: (Some("violates foreign key constraint"), Some("violates foreign key constraint")),
    },
    Case {
        name: "CALL of a procedure that commits",
        setup: "",
        url_suffix: "",
        migrations: &[
            (
                "CREATE TABLE a (id int);\nCREATE PROCEDURE fill() LANGUAGE plpgsql AS $$ BEGIN INSERT INTO a VALUES (1); COMMIT; END $$;",
                "DROP PROCEDURE fill();\nDROP TABLE a;",
            ),
            ("CALL fill();", "DELETE FROM a;"),
        ],
        // dbmate runs the CALL inside its own transaction too.
        tool_succeeds: (true, false),
        says: (Some("auto falls back to file mode: PostgreSQL refused"), Some("auto falls back to file mode: PostgreSQL refused")),
    },
    Case {
        name: "an enum value added dynamically and used by a later file",
        setup: "",
        url_suffix: "",
        migrations: &[
            ("CREATE TYPE mood AS ENUM ('sad');", "DROP TYPE mood;"),
            ("DO $$ BEGIN EXECUTE 'ALTER TYPE mood ADD VALUE ''happy'''; END $$;", ""),
            ("CREATE TABLE m (x mood);\nINSERT INTO m VALUES ('happy');", "DROP TABLE m;"),
        ],
        tool_succeeds: (true, true),
        says: (Some("unsafe use of new value"), Some("unsafe use of new value")),
    },
];

/// What the user sees of the database: the dump (schema, data, version rows) and who owns each table.
fn state(pg: &Postgres, db: &str) -> (String, Vec<String>) {
    let dump = pg.dump(db).replace(db, "DB");
    let owners = pg.query(
        db,
        "SELECT schemaname || '.' || tablename || ' ' || tableowner FROM pg_tables
         WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1",
    );
    (dump, owners)
}

#[test]
fn a_release_ends_as_the_tools_own_up_whatever_a_migration_does_to_its_session() {
    let pg = Postgres::start();
    let mut failures = Vec::new();
    for (i, case) in CASES.iter().enumerate() {
        for engine in ENGINES {
            let who = format!("{} / {}", case.name, engine.name());
            let migs: Vec<Mig> = case.migrations.iter().enumerate().map(|(n, (up, down))| mig(n as u32 + 1, up, Some(down))).collect();
            let app = RunnerApp::new(engine, &migs);
            let (tool_db, release_db) =
                (pg.create_db(&format!("fid{i}_{}_tool", engine.name())), pg.create_db(&format!("fid{i}_{}_rel", engine.name())));
            for db in [&tool_db, &release_db] {
                if !case.setup.is_empty() {
                    pg.query(db, case.setup);
                }
            }
            let url = |db: &str| format!("{}{}", pg.url(db), case.url_suffix);
            let (tool_ok, tool_out) = tool(&app, &url(&tool_db), &["up"], &[]);
            let expected = if engine == Engine::GolangMigrate { case.tool_succeeds.0 } else { case.tool_succeeds.1 };
            if tool_ok != expected {
                failures.push(format!("{who}: the tool's own up {} (the case expects otherwise):\n{tool_out}", ok_word(tool_ok)));
                continue;
            }
            let found = state(&pg, &release_db);
            let (code, out) = app.release(&url(&release_db), &[]);
            let says = if engine == Engine::GolangMigrate { case.says.0 } else { case.says.1 };
            if let Some(line) = says.filter(|l| !out.contains(l)) {
                failures.push(format!("{who}: the release does not say {line:?}:\n{out}"));
            }
            if tool_ok {
                if code != 0 {
                    failures.push(format!("{who}: the tool succeeds, the release exits {code}:\n{out}"));
                    continue;
                }
                if state(&pg, &release_db) != state(&pg, &tool_db) {
                    failures.push(format!(
                        "{who}: the release leaves another database than the tool's up:\n--- release\n{:?}\n--- tool\n{:?}",
                        state(&pg, &release_db),
                        state(&pg, &tool_db)
                    ));
                }
                // The tool itself reads the state the release left, as it reads its own.
                let view = |db: &str| match engine {
                    Engine::GolangMigrate => tool(&app, &url(db), &["version"], &[]),
                    Engine::Dbmate => tool(&app, &url(db), &["status"], &[]),
                };
                if view(&release_db) != view(&tool_db) {
                    failures.push(format!("{who}: the tool's view differs: {:?} vs {:?}", view(&release_db), view(&tool_db)));
                }
            } else {
                if code != 1 || !out.contains("back where this release found it") {
                    failures.push(format!("{who}: the tool fails, the release exits {code} (expected 1, restored):\n{out}"));
                }
                if state(&pg, &release_db) != found {
                    failures.push(format!("{who}: the release changed the database although it failed:\n{out}"));
                }
            }
            println!("{who}: tool {}, release exit {code}", ok_word(tool_ok));
        }
    }
    assert!(failures.is_empty(), "{} mismatch(es):\n\n{}", failures.len(), failures.join("\n\n"));
}

fn ok_word(ok: bool) -> &'static str {
    if ok { "succeeds" } else { "fails" }
}

#[test]
fn a_plain_enum_value_keeps_the_release_in_one_transaction_and_a_later_failure_rolls_it_back() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let app = RunnerApp::new(engine, &[mig(1, "CREATE TYPE mood AS ENUM ('sad');", Some("DROP TYPE mood;"))]);
        let db = pg.create_db(&format!("enum_{}", engine.name()));
        let (code, out) = app.release(&pg.url(&db), &[]);
        assert_eq!(code, 0, "{out}");
        app.add(&mig(2, "ALTER TYPE mood ADD VALUE 'happy';", None));
        app.add(&failing_step(3));
        let before = pg.dump(&db);
        let (code, out) = app.release(&pg.url(&db), &[]);
        assert_eq!(code, 1, "{engine:?}:\n{out}");
        assert!(out.contains("mode: all"), "{engine:?}: ADD VALUE no longer forces file mode up front:\n{out}");
        assert!(out.contains("back where this release found it"), "{out}");
        assert_eq!(pg.dump(&db), before, "{engine:?}: the enum value was rolled back with the rest");
        assert_eq!(pg.query(&db, "SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum"), vec!["sad"]);
    }
}

#[test]
fn an_explicit_all_release_fails_where_postgres_refuses_and_says_auto_would_fall_back() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let app = RunnerApp::new(
            engine,
            &[mig(
                1,
                "CREATE TABLE a (id int);\nCREATE PROCEDURE fill() LANGUAGE plpgsql AS $$ BEGIN INSERT INTO a VALUES (1); COMMIT; END $$;\nCALL fill();",
                Some("DROP PROCEDURE fill();\nDROP TABLE a;"),
            )],
        );
        let db = pg.create_db(&format!("explicit_all_{}", engine.name()));
        let before = pg.dump(&db);
        let (code, out) = app.release(&pg.url(&db), &[("MIGRATIONS_TX_MODE", "all")]);
        assert_eq!(code, 1, "{engine:?}:\n{out}");
        assert!(out.contains("invalid transaction termination"), "{out}");
        assert!(out.contains("with MIGRATIONS_TX_MODE=auto (the default) the release would have fallen back to file mode"), "{out}");
        assert_eq!(pg.dump(&db), before, "{engine:?}");
        // The rehearsal cannot rehearse it and says why (exit 3), changing nothing.
        let (code, out) = app.run(&pg.url(&db), &["rehearse"], &[]);
        assert_eq!(code, 3, "{engine:?}:\n{out}");
        assert!(out.contains("PostgreSQL refused it inside one transaction"), "{out}");
        assert_eq!(pg.dump(&db), before, "{engine:?}");
    }
}

#[test]
fn a_file_that_sets_lock_timeout_to_zero_does_not_take_the_runners_lock_timeouts_from_later_files() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let app = RunnerApp::new(
            engine,
            &[
                mig(1, "SET lock_timeout = 0;\nCREATE TABLE a (id int);", Some("DROP TABLE a;")),
                mig(2, "ALTER TABLE customers ADD COLUMN x int;", Some("ALTER TABLE customers DROP COLUMN x;")),
            ],
        );
        let db = seeded_db(&pg, &format!("lock_zero_{}", engine.name()));
        let before = pg.dump(&db);
        // Another session keeps `customers` busy for longer than the release tries.
        let conn = pg.conn_str(&db);
        let holder = std::thread::spawn(move || {
            let mut c = postgres::Client::connect(&conn, postgres::NoTls).unwrap();
            c.batch_execute("BEGIN; LOCK TABLE customers IN ACCESS SHARE MODE; SELECT pg_sleep(15); COMMIT;").unwrap();
        });
        pg.wait_until_lock_held(&db, "customers", "pg_sleep(15)");
        let (code, out) = app.release(&pg.url(&db), &[("MIGRATIONS_LOCK_RETRIES", "300ms,600ms")]);
        assert_eq!(code, 1, "{engine:?}: the release gave up on the busy table after its two attempts:\n{out}");
        assert!(out.contains("attempt 1 of 2") && out.contains("customers"), "{engine:?}:\n{out}");
        assert!(out.contains("back where this release found it"), "{out}");
        assert_eq!(pg.dump(&db), before);
        holder.join().unwrap();
    }
}
