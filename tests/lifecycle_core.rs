//! The buildpack end to end, as the CNB lifecycle runs it: detect, build (twice,
//! from the cache), then the contributed `release` process against a real
//! PostgreSQL. Downloads come from a 127.0.0.1 server that counts requests.

mod common;

use common::*;
use testkit::http::{Behavior, Server};
use testkit::lifecycle::App;
use testkit::pg::Postgres;
use testkit::tools;

#[test]
fn dbmate_app_installs_once_reuses_on_rebuild_and_releases() {
    let pg = Postgres::start();
    let db = pg.create_db("core_dbmate");
    let mut app = App::from_fixture("test-fixtures/dbmate-basic");
    let server = serve_dbmate(&mut app);

    let detect = app.detect();
    assert!(detect.passed(), "detect: {}{}", detect.stdout, detect.stderr);

    let first = app.build();
    assert!(first.success(), "{}", plain(&first));
    let out = plain(&first);
    assert!(out.contains("Migrations in `db/migrations` for dbmate"), "{out}");
    assert!(out.contains("Installing dbmate custom (linux-amd64)"), "{out}");
    assert!(out.contains("Checked 3 migration(s)"), "{out}");
    assert_eq!(server.requests(), 1);
    let release_proc = first.process("release").expect("a release process type");
    assert!(!release_proc.get("default").and_then(|v| v.as_bool()).unwrap_or(false), "release must not be the default process");

    let second = app.build();
    assert!(second.success(), "{}", plain(&second));
    assert!(plain(&second).contains("Reusing dbmate custom (linux-amd64) from the cache"), "{}", plain(&second));
    assert_eq!(server.requests(), 1, "a rebuild with the same tool must not download");

    let run = release(&app, &pg.url(&db), &[]);
    assert_eq!(run.exit_code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("applied 3 migration(s)"), "{}", run.stdout);
    assert_eq!(tables(&pg, &db), vec!["posts", "schema_migrations", "users"]);

    // Same release again (a config var change re-runs release): nothing to do, exit 0.
    let again = release(&app, &pg.url(&db), &[]);
    assert_eq!(again.exit_code, 0, "{}", again.stdout);
    assert!(again.stdout.contains("nothing to do"), "{}", again.stdout);
}

#[test]
fn golang_migrate_app_releases_with_the_double() {
    let pg = Postgres::start();
    let db = pg.create_db("core_gm");
    let scratch = tempfile::tempdir().unwrap();
    let (app, _server, build) = built_app("test-fixtures/golang-migrate-basic", scratch.path());
    assert!(plain(&build).contains("Migrations in `db/migrations` for golang-migrate"), "{}", plain(&build));
    let run = release(&app, &pg.url(&db), &[]);
    assert_eq!(run.exit_code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(pg.query(&db, "SELECT version, dirty FROM schema_migrations"), vec!["3|f"]);
}

#[test]
fn checksum_mismatch_fails_the_build_and_leaves_nothing_to_reuse() {
    let mut app = App::from_fixture("test-fixtures/dbmate-basic");
    let server = Server::start();
    server.route("/dbmate", Behavior::file(tools::dbmate()));
    let wrong = "0".repeat(64);
    app.env("BP_MIGRATIONS_TOOL_URL", &server.url("/dbmate"));
    app.env("BP_MIGRATIONS_TOOL_SHA256", &wrong);
    let build = app.build();
    assert!(!build.success());
    let out = plain(&build);
    assert!(out.contains("failed its checksum"), "{out}");
    assert!(out.contains(&server.url("/dbmate")), "{out}");
    assert!(out.contains(&wrong) && out.contains(tools::DBMATE_SHA256), "{out}");
    assert!(!app.layer_path("tool").join("bin/dbmate").exists());

    // Fixing the checksum: the next build installs (downloads again), it does not reuse anything.
    app.env("BP_MIGRATIONS_TOOL_SHA256", tools::DBMATE_SHA256);
    let fixed = app.build();
    assert!(fixed.success(), "{}", plain(&fixed));
    assert!(plain(&fixed).contains("Installing dbmate"), "{}", plain(&fixed));
    assert_eq!(server.requests(), 2);
}

#[test]
fn a_moved_mirror_reuses_the_tool_and_a_changed_artifact_is_reinstalled_and_named() {
    let mut app = App::from_fixture("test-fixtures/dbmate-basic");
    let server = serve_dbmate(&mut app);
    assert!(app.build().success());
    // The same bytes from another URL: the cache key is the artifact's identity (tool,
    // version, SHA-256, architecture), so nothing is downloaded.
    server.route("/mirror/dbmate", Behavior::file(tools::dbmate()));
    app.env("BP_MIGRATIONS_TOOL_URL", &server.url("/mirror/dbmate"));
    let rebuild = app.build();
    assert!(rebuild.success(), "{}", plain(&rebuild));
    assert!(plain(&rebuild).contains("Reusing dbmate custom (linux-amd64) from the cache"), "{}", plain(&rebuild));
    assert_eq!(server.requests_for("/mirror/dbmate"), 0);

    // Other bytes (a new SHA-256): reinstalled, and the change is named.
    let scratch = tempfile::tempdir().unwrap();
    let other = scratch.path().join("dbmate");
    let mut bytes = std::fs::read(tools::dbmate()).unwrap();
    bytes.push(b'\n');
    std::fs::write(&other, bytes).unwrap();
    let sha = tools::sha256_file(&other);
    server.route("/mirror/dbmate", Behavior::file(&other));
    app.env("BP_MIGRATIONS_TOOL_SHA256", &sha);
    let rebuild = app.build();
    assert!(rebuild.success(), "{}", plain(&rebuild));
    let out = plain(&rebuild);
    assert!(out.contains(&format!("Cached tool changed: SHA-256 ({} → {sha})", tools::DBMATE_SHA256)), "{out}");
    assert!(out.contains("Installing dbmate"), "{out}");
    assert_eq!(server.requests_for("/mirror/dbmate"), 1);
}

#[test]
fn detect_passes_and_fails_for_the_right_reasons() {
    assert!(App::from_fixture("test-fixtures/dbmate-basic").detect().passed());
    assert!(App::from_fixture("test-fixtures/golang-migrate-basic").detect().passed());

    let mut empty = App::empty();
    empty.write_file("README.md", "no migrations here");
    let d = empty.detect();
    assert!(d.failed(), "{d:?}");
    assert!(d.stdout.contains("db/migrations/ (absent), migrations/ (absent)"), "{}", d.stdout);

    let mut elsewhere = App::from_fixture("test-fixtures/dbmate-basic");
    elsewhere.env("BP_MIGRATIONS_DIR", "sql/migrations");
    let d = elsewhere.detect();
    assert!(d.failed());
    assert!(d.stdout.contains("BP_MIGRATIONS_DIR=sql/migrations does not exist"), "{}", d.stdout);

    let mut forced = App::from_fixture("test-fixtures/dbmate-basic");
    forced.env("BP_MIGRATIONS_TOOL", "golang-migrate");
    assert!(forced.detect().failed());
}

#[test]
fn half_a_custom_artifact_is_a_clear_build_error() {
    let mut app = App::from_fixture("test-fixtures/dbmate-basic");
    app.env("BP_MIGRATIONS_TOOL_URL", "http://127.0.0.1:9/dbmate");
    let build = app.build();
    assert!(!build.success());
    assert!(plain(&build).contains("BP_MIGRATIONS_TOOL_URL is set without BP_MIGRATIONS_TOOL_SHA256"), "{}", plain(&build));
}

#[test]
fn missing_database_url_is_named_with_the_fix() {
    let scratch = tempfile::tempdir().unwrap();
    let (app, _server, _) = built_app("test-fixtures/dbmate-basic", scratch.path());
    let out = app.run_process("release", &[]);
    assert_eq!(out.exit_code, 3);
    assert!(out.stdout.contains("DATABASE_URL is not set"), "{}", out.stdout);
    assert!(out.stdout.contains("heroku config:set DATABASE_URL="), "{}", out.stdout);
    assert!(out.stdout.contains("docker run --env DATABASE_URL=") && out.stdout.contains("Kubernetes Secret"), "{}", out.stdout);
    // A build-time variable never reaches the image: the hint must not suggest one.
    assert!(!out.stdout.contains("pack build"), "{}", out.stdout);
}

#[test]
fn procfile_release_line_is_explained() {
    let mut app = App::from_fixture("test-fixtures/dbmate-basic");
    app.write_file("Procfile", "web: ./server\nrelease: ./bin/release-tasks\n");
    let _server = serve_dbmate(&mut app);
    let build = app.build();
    assert!(build.success(), "{}", plain(&build));
    let out = plain(&build);
    assert!(out.contains("release: ./bin/release-tasks"), "{out}");
    assert!(out.contains("release: migrations release && ./bin/release-tasks"), "{out}");
}
