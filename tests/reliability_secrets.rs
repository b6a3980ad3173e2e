//! The database password never leaks (issue 6, family 3).
//!
//! For both engines (dbmate, golang-migrate TEST DOUBLE) the app is built with
//! the database URL also set as a build-time config var (Heroku exposes config
//! vars to the build), then the `release` process is run as the launcher would:
//! a successful release, a failed release (rolled back), a wrong password, an
//! unreachable host, and a role whose password is full of URL-special
//! characters (percent-encoded in the URL). After every step the password
//! (raw and percent-encoded) must appear nowhere in the captured
//! stdout/stderr, the build output, any file under the layers dir, the kept
//! image/cache state or the layer metadata (`App::files_containing`).

mod common;

use common::{Engine, percent_encode, plain, tables};
use percent_encoding::percent_decode_str;
use testkit::http::{Behavior, Server};
use testkit::lifecycle::{App, ProcessOutcome};
use testkit::pg::{PASSWORD, Postgres, free_port};
use testkit::tools;

/// A password made of URL-special characters (no `'`, so it can be quoted in SQL).
const SPECIAL_PASSWORD: &str = "Sp3c!@l:/?#[]%&=+$,; leak~Q";
const SPECIAL_ROLE: &str = "leak_special";
const WRONG_ROLE: &str = "leak_wrong";

/// Every form of a secret that must not appear.
fn forms(secret: &str) -> Vec<String> {
    let mut v = vec![secret.to_string(), percent_encode(secret)];
    // Also a lower-case-escape variant and a form-encoded (`+` for space) variant.
    v.push(percent_encode(secret).to_ascii_lowercase());
    v.push(url::form_urlencoded::byte_serialize(secret.as_bytes()).collect());
    v.sort();
    v.dedup();
    v
}

fn assert_clean(what: &str, text: &str, secrets: &[&str]) {
    for secret in secrets {
        for form in forms(secret) {
            assert!(!text.contains(&form), "{what}: the password leaked as {form:?}:\n{text}");
        }
    }
}

fn assert_files_clean(app: &App, what: &str, secrets: &[&str]) {
    for secret in secrets {
        for form in forms(secret) {
            let files = app.files_containing(&form);
            assert!(files.is_empty(), "{what}: the password ({form:?}) is in files: {files:?}");
        }
    }
    // Layer metadata, explicitly (also covered by the scan above).
    for layer in ["tool", "runner", "history"] {
        if let Some(toml) = app.layer_toml(layer) {
            assert_clean(&format!("{what}: {layer}.toml"), &toml.to_string(), secrets);
        }
    }
}

struct Setup {
    pg: Postgres,
    _server: Server,
    _scratch: tempfile::TempDir,
    good: App,
    failing: App,
}

const SECRETS: [&str; 2] = [PASSWORD, SPECIAL_PASSWORD];

/// Builds two apps (the fixture, and the fixture plus a failing 4th migration),
/// both with `DATABASE_URL` as a build-time config var.
fn setup(engine: Engine) -> Setup {
    let pg = Postgres::start();
    let mut c = pg.client("postgres");
    c.batch_execute(&format!(
        "CREATE ROLE {SPECIAL_ROLE} LOGIN PASSWORD '{SPECIAL_PASSWORD}';
         CREATE ROLE {WRONG_ROLE} LOGIN PASSWORD 'not-the-test-password';"
    ))
    .unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let server = Server::start();
    let (fixture, path, sha) = match engine {
        Engine::Dbmate => {
            server.route("/dbmate-linux-amd64", Behavior::file(tools::dbmate()));
            ("test-fixtures/dbmate-basic", "/dbmate-linux-amd64", tools::DBMATE_SHA256.to_string())
        }
        Engine::GolangMigrate => {
            let tarball = tools::golang_migrate_double_tarball(scratch.path());
            server.route("/migrate.linux-amd64.tar.gz", Behavior::file(&tarball));
            ("test-fixtures/golang-migrate-basic", "/migrate.linux-amd64.tar.gz", tools::sha256_file(&tarball))
        }
    };
    let build_time_url = pg.url("build_time_db");
    let make = |broken: bool| {
        let mut app = App::from_fixture(fixture);
        app.env("BP_MIGRATIONS_TOOL_URL", &server.url(path));
        app.env("BP_MIGRATIONS_TOOL_SHA256", &sha);
        app.env("DATABASE_URL", &build_time_url);
        if broken {
            match engine {
                Engine::Dbmate => {
                    app.write_file(
                        "db/migrations/20240101000004_broken.sql",
                        "-- migrate:up\nINSERT INTO no_such_table VALUES (1);\n\n-- migrate:down\nSELECT 1;\n",
                    );
                }
                Engine::GolangMigrate => {
                    app.write_file("db/migrations/4_broken.up.sql", "INSERT INTO no_such_table VALUES (1);\n");
                    app.write_file("db/migrations/4_broken.down.sql", "SELECT 1;\n");
                }
            }
        }
        let build = app.build();
        let out = plain(&build);
        assert!(build.success(), "build failed:\n{out}");
        assert_clean("build output", &out, &SECRETS);
        assert_files_clean(&app, "after the build", &SECRETS);
        app
    };
    let good = make(false);
    let failing = make(true);
    Setup { pg, _server: server, _scratch: scratch, good, failing }
}

fn release(app: &App, what: &str, url: &str) -> ProcessOutcome {
    let out = app.run_process("release", &[("DATABASE_URL", url)]);
    let text = format!("{}{}", out.stdout, out.stderr);
    assert_clean(what, &text, &SECRETS);
    out
}

fn special_url(pg: &Postgres, db: &str) -> String {
    format!("postgres://{SPECIAL_ROLE}:{}@127.0.0.1:{}/{db}?sslmode=disable", percent_encode(SPECIAL_PASSWORD), pg.port())
}

fn run_all(engine: Engine) {
    let s = setup(engine);
    let pg = &s.pg;
    run_releases(&s);
    // Releases run from the image; nothing they do may leave a secret in it.
    // (Scanned once at the end: the layers hold ~50 MB of tool binaries.)
    assert_files_clean(&s.good, "after every release", &SECRETS);
    assert_files_clean(&s.failing, "after every release", &SECRETS);
    let _ = pg;
}

fn run_releases(s: &Setup) {
    let pg = &s.pg;

    // 1. Success.
    let db = pg.create_db("leak_ok");
    let out = release(&s.good, "successful release", &pg.url(&db));
    assert_eq!(out.exit_code, 0, "{}{}", out.stdout, out.stderr);

    // 2. A failing migration, rolled back (exit 1). Exit 3 below: refused before anything ran.
    let db = pg.create_db("leak_fail");
    let before = tables(pg, &db);
    let out = release(&s.failing, "failed release", &pg.url(&db));
    assert_eq!(out.exit_code, 1, "{}{}", out.stdout, out.stderr);
    let after: Vec<String> = tables(pg, &db).into_iter().filter(|t| t != "schema_migrations").collect();
    assert_eq!(after, before, "the failed release was not rolled back:\n{}{}", out.stdout, out.stderr);

    // 3. Wrong password (the URL still carries the test password).
    let db = pg.create_db("leak_wrong");
    let url = format!("postgres://{WRONG_ROLE}:{PASSWORD}@127.0.0.1:{}/{db}?sslmode=disable", pg.port());
    let out = release(&s.good, "wrong password", &url);
    assert_eq!(out.exit_code, 3, "{}{}", out.stdout, out.stderr);
    assert!(tables(pg, &db).is_empty());

    // 4. Unreachable host (nothing listens on the port).
    let url = format!("postgres://postgres:{PASSWORD}@127.0.0.1:{}/leak?sslmode=disable&connect_timeout=3", free_port());
    let out = release(&s.good, "unreachable host", &url);
    assert_eq!(out.exit_code, 3, "{}{}", out.stdout, out.stderr);

    // 5. URL-special password, percent-encoded: success, then failure with rollback,
    //    then the same role with a wrong (but equally special) password.
    let db = pg.create_db("leak_special_ok");
    pg.client("postgres").batch_execute(&format!("ALTER DATABASE {db} OWNER TO {SPECIAL_ROLE}")).unwrap();
    let out = release(&s.good, "special password, success", &special_url(pg, &db));
    assert_eq!(out.exit_code, 0, "{}{}", out.stdout, out.stderr);
    let db = pg.create_db("leak_special_fail");
    pg.client("postgres").batch_execute(&format!("ALTER DATABASE {db} OWNER TO {SPECIAL_ROLE}")).unwrap();
    let out = release(&s.failing, "special password, failed release", &special_url(pg, &db));
    assert_eq!(out.exit_code, 1, "{}{}", out.stdout, out.stderr);
    let url = special_url(pg, &db).replace(&percent_encode(SPECIAL_PASSWORD), &percent_encode(&format!("{SPECIAL_PASSWORD}x")));
    let out = release(&s.good, "special password, wrong", &url);
    assert_eq!(out.exit_code, 3, "{}{}", out.stdout, out.stderr);

    // 6. The password was never written to the server log by us either way: nothing to check there;
    //    but the database name, user and host are still shown, so errors stay useful.
    let text = format!("{}{}", out.stdout, out.stderr);
    let masked = format!("postgres://{SPECIAL_ROLE}:****@127.0.0.1:{}/{db}", pg.port());
    assert!(text.contains(&masked), "the error should still say where it tried to connect ({masked}):\n{text}");
}

#[test]
fn dbmate_never_shows_the_password() {
    run_all(Engine::Dbmate);
}

#[test]
fn golang_migrate_never_shows_the_password() {
    run_all(Engine::GolangMigrate);
}

/// The helpers themselves: the encoded forms are what a URL carries.
#[test]
fn password_forms_cover_percent_encoding() {
    let f = forms(SPECIAL_PASSWORD);
    assert!(f.contains(&SPECIAL_PASSWORD.to_string()));
    assert!(f.iter().any(|x| x.contains("%40") && x.contains("%3A") && x.contains("%2F")), "{f:?}");
    let url = url::Url::parse(&format!("postgres://u:{}@h/d", percent_encode(SPECIAL_PASSWORD))).unwrap();
    let carried = percent_decode_str(url.password().unwrap()).decode_utf8().unwrap();
    assert_eq!(carried, SPECIAL_PASSWORD, "the test URL must carry exactly the role's password");
}
