//! Helpers shared by the lifecycle tests (each test file includes this module).
#![allow(dead_code)]

use testkit::http::{Behavior, Server};
use testkit::lifecycle::{App, BuildOutcome, ProcessOutcome};
use testkit::pg::{PASSWORD, Postgres};
use testkit::tools;

/// Serve the real dbmate binary and point the app's custom-artifact settings at it.
pub fn serve_dbmate(app: &mut App) -> Server {
    let server = Server::start();
    server.route("/dbmate-linux-amd64", Behavior::file(tools::dbmate()));
    app.env("BP_MIGRATIONS_TOOL_URL", &server.url("/dbmate-linux-amd64"));
    app.env("BP_MIGRATIONS_TOOL_SHA256", tools::DBMATE_SHA256);
    server
}

/// Serve a tar.gz of the golang-migrate TEST DOUBLE (laid out like the official archive).
pub fn serve_migrate_double(app: &mut App, scratch: &std::path::Path) -> Server {
    let tarball = tools::golang_migrate_double_tarball(scratch);
    let server = Server::start();
    server.route("/migrate.linux-amd64.tar.gz", Behavior::file(&tarball));
    app.env("BP_MIGRATIONS_TOOL_URL", &server.url("/migrate.linux-amd64.tar.gz"));
    app.env("BP_MIGRATIONS_TOOL_SHA256", &tools::sha256_file(&tarball));
    server
}

/// An app built from a fixture with its tool served locally; panics with the build output on failure.
pub fn built_app(fixture: &str, scratch: &std::path::Path) -> (App, Server, BuildOutcome) {
    let mut app = App::from_fixture(fixture);
    let server = if fixture.contains("golang-migrate") { serve_migrate_double(&mut app, scratch) } else { serve_dbmate(&mut app) };
    let build = app.build();
    assert!(build.success(), "build failed:\n{}", plain(&build));
    (app, server, build)
}

pub fn release(app: &App, url: &str, extra: &[(&str, &str)]) -> ProcessOutcome {
    let mut env = vec![("DATABASE_URL", url)];
    env.extend_from_slice(extra);
    let out = app.run_process("release", &env);
    assert_no_secret(&format!("{}{}", out.stdout, out.stderr));
    out
}

/// The test password must never appear in anything a user sees.
pub fn assert_no_secret(text: &str) {
    assert!(!text.contains(PASSWORD), "the database password leaked into output:\n{text}");
}

pub fn tables(pg: &Postgres, db: &str) -> Vec<String> {
    pg.query(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
}

/// Build output as a person reads it (ANSI colours removed).
pub fn plain(b: &BuildOutcome) -> String {
    bullet_stream::strip_ansi(b.output())
}
