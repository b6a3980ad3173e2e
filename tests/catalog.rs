//! The catalog fingerprint against a real PostgreSQL: equal when the schema is
//! the same (whatever the data), and every kind of difference named the way a
//! person reads a schema.

use migrations_buildpack::catalog::{self, Fingerprint};
use testkit::pg::Postgres;

fn take(pg: &Postgres, db: &str) -> Fingerprint {
    catalog::fingerprint(&mut pg.client(db), &[]).unwrap()
}

fn lines(before: &Fingerprint, after: &Fingerprint) -> Vec<String> {
    catalog::diff(before, after).iter().map(ToString::to_string).collect()
}

const SCHEMA: &str = "
    CREATE TYPE mood AS ENUM ('sad', 'ok');
    CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');
    CREATE TABLE users (id bigserial PRIMARY KEY, email email NOT NULL, mood mood DEFAULT 'ok');
    CREATE TABLE orders (id serial PRIMARY KEY, user_id bigint REFERENCES users (id), total integer NOT NULL DEFAULT 0);
    CREATE INDEX orders_user_idx ON orders (user_id);
    CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
    CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
    CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
    ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
    CREATE POLICY own_orders ON orders USING (user_id = 1);
    INSERT INTO users (email) SELECT 'u' || g || '@x' FROM generate_series(1, 100) g;
";

fn schema_db(pg: &Postgres, name: &str) -> String {
    let db = pg.create_db(name);
    pg.query(&db, SCHEMA);
    db
}

#[test]
fn the_same_schema_gives_the_same_fingerprint_whatever_the_data_and_a_rolled_back_change_leaves_no_trace() {
    let pg = Postgres::start();
    let db = schema_db(&pg, "same");
    let before = take(&pg, &db);
    assert!(before.len() > 20, "{before:?}");

    // Data, sequence values and statistics are not schema.
    pg.query(&db, "INSERT INTO orders (user_id, total) SELECT 1 + g % 100, g FROM generate_series(1, 5000) g; ANALYZE; SELECT nextval('users_id_seq')");
    assert_eq!(lines(&before, &take(&pg, &db)), Vec::<String>::new());

    // A change in a transaction that rolled back.
    let mut c = pg.client(&db);
    let mut tx = c.transaction().unwrap();
    tx.batch_execute(
        "ALTER TABLE orders ADD COLUMN note text; CREATE INDEX ON users (email); DROP VIEW big_orders; ALTER TYPE mood RENAME TO feeling",
    )
    .unwrap();
    tx.rollback().unwrap();
    assert_eq!(lines(&before, &take(&pg, &db)), Vec::<String>::new());

    // A column dropped and added again by a down migration comes back last: the order differs, once.
    let other = schema_db(&pg, "reorder");
    let found = take(&pg, &other);
    pg.query(&other, "ALTER TABLE orders DROP COLUMN user_id CASCADE; ALTER TABLE orders ADD COLUMN user_id bigint REFERENCES users (id)");
    pg.query(&other, "CREATE INDEX orders_user_idx ON orders (user_id); CREATE POLICY own_orders ON orders USING (user_id = 1)");
    let moved = lines(&found, &take(&pg, &other));
    assert_eq!(moved, vec!["column order of orders changed: user_id moved".to_string()]);

    // A change undone by its down migration.
    pg.query(&db, "CREATE TABLE t1 (id int PRIMARY KEY); ALTER TABLE orders ADD COLUMN note text");
    assert_ne!(take(&pg, &db), before);
    pg.query(&db, "DROP TABLE t1; ALTER TABLE orders DROP COLUMN note");
    assert_eq!(lines(&before, &take(&pg, &db)), Vec::<String>::new());
}

#[test]
fn each_kind_of_difference_is_named() {
    let pg = Postgres::start();
    let db = schema_db(&pg, "kinds");
    let before = take(&pg, &db);
    pg.query(
        &db,
        "CREATE SCHEMA billing;
         CREATE TABLE billing.invoices (id int);
         CREATE EXTENSION citext;
         ALTER TYPE mood ADD VALUE 'happy';
         ALTER TABLE orders ADD COLUMN note text;
         DROP VIEW big_orders;
         ALTER TABLE orders ALTER COLUMN total TYPE bigint;
         ALTER TABLE orders ALTER COLUMN total SET DEFAULT 1;
         ALTER TABLE users ALTER COLUMN mood SET NOT NULL;
         DROP INDEX orders_user_idx;
         ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total >= 0);
         ALTER SEQUENCE orders_id_seq INCREMENT BY 10;
         CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 1000;
         CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$;
         ALTER TABLE orders DISABLE TRIGGER orders_touch;
         ALTER POLICY own_orders ON orders USING (user_id = 2);
         DROP TABLE users CASCADE;",
    );
    let after = take(&pg, &db);
    let got = lines(&before, &after);
    let text = got.join("\n");
    for expected in [
        "schema billing exists now",
        "extension citext exists now",
        "type mood changed: was `enum ('sad', 'ok')`, now `enum ('sad', 'ok', 'happy')`",
        "table billing.invoices exists now",
        "table users is gone",
        "sequence orders_id_seq changed: was `integer start 1 increment 1",
        "column billing.invoices.id exists now",
        "column orders.note exists now",
        "column orders.total changed: was `integer NOT NULL DEFAULT 0`, now `bigint NOT NULL DEFAULT 1`",
        "column users.mood is gone",
        "index orders_user_idx is gone",
        "index users_pkey is gone",
        "constraint orders.total_positive exists now",
        "constraint orders.orders_user_id_fkey is gone",
        "view big_orders ",
        "function touch() ",
        "trigger orders.orders_touch ",
        "policy orders.own_orders ",
    ] {
        assert!(got.iter().any(|l| l.starts_with(expected)), "missing {expected:?} in:\n{text}");
    }
    // Objects of the extension are covered by the extension, not listed one by one.
    assert!(!text.contains("citext("), "{text}");
    assert!(!text.contains("type citext"), "{text}");
}

#[test]
fn a_failed_create_unique_index_concurrently_leaves_an_invalid_index_that_is_named() {
    let pg = Postgres::start();
    let db = schema_db(&pg, "cic");
    pg.query(&db, "INSERT INTO users (email) VALUES ('u1@x')");
    let before = take(&pg, &db);
    let mut c = pg.client(&db);
    let err = c.batch_execute("CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email)").unwrap_err();
    assert_eq!(err.code(), Some(&postgres::error::SqlState::UNIQUE_VIOLATION), "{err:?}");
    assert_eq!(lines(&before, &take(&pg, &db)), vec!["index users_email_key (INVALID) exists now"]);
    // The index is there, unusable: only the fingerprint knew.
    assert_eq!(pg.query(&db, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'users_email_key'::regclass"), vec!["f"]);
}

#[test]
fn left_out_relations_take_their_indexes_and_constraints_with_them() {
    let pg = Postgres::start();
    let db = pg.create_db("leave_out");
    let none = take(&pg, &db);
    pg.query(&db, "CREATE TABLE schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL)");
    let mut c = pg.client(&db);
    let left_out = catalog::fingerprint(&mut c, &["\"schema_migrations\"".to_string()]).unwrap();
    assert_eq!(lines(&none, &left_out), Vec::<String>::new());
    let all = take(&pg, &db);
    assert_eq!(
        lines(&none, &all),
        vec![
            "table schema_migrations exists now",
            "column schema_migrations.dirty exists now",
            "column schema_migrations.version exists now",
            "index schema_migrations_pkey exists now",
            "constraint schema_migrations.schema_migrations_pkey exists now",
        ]
    );
}

/// A materialized view's data is not schema, but whether it holds any is: a `REFRESH` that a down
/// migration cannot undo (real case: test-fixtures/realworld/r4c-cesium-viewer) must be named.
#[test]
fn a_materialized_view_populated_since_is_named() {
    let pg = Postgres::start();
    let db = schema_db(&pg, "matview");
    pg.query(&db, "CREATE MATERIALIZED VIEW user_count AS SELECT count(*) AS n FROM users WITH NO DATA");
    let before = take(&pg, &db);
    pg.query(&db, "REFRESH MATERIALIZED VIEW user_count");
    let got = lines(&before, &take(&pg, &db));
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].starts_with("materialized view user_count changed: ") && got[0].contains("not populated") && got[0].ends_with("populated`"),
        "{got:?}"
    );
    // New rows in a populated view are data, not schema.
    let populated = take(&pg, &db);
    pg.query(&db, "INSERT INTO users (email) VALUES ('new@x'); REFRESH MATERIALIZED VIEW user_count");
    assert_eq!(lines(&populated, &take(&pg, &db)), Vec::<String>::new());
}
