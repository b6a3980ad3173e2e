//! The classic Buildpack API end to end: bin/detect, bin/compile (twice, the
//! second from CACHE_DIR without any download), bin/release's YAML, then the
//! slug's `release` process against a real PostgreSQL, with the real dbmate and
//! the golang-migrate test double served from a 127.0.0.1 server that counts
//! requests.

mod support;

use std::os::unix::fs::PermissionsExt;
use support::{ClassicApp, Scripts, assemble_buildpack, tables};
use testkit::http::{Behavior, Server};
use testkit::pg::Postgres;
use testkit::tools;
use yaml_rust2::YamlLoader;

/// Serve the real dbmate and point the app's config vars at it.
fn serve_dbmate(app: &ClassicApp) -> Server {
    let server = Server::start();
    server.route("/dbmate-linux-amd64", Behavior::file(tools::dbmate()));
    app.config_set("BP_MIGRATIONS_TOOL_URL", &server.url("/dbmate-linux-amd64"));
    app.config_set("BP_MIGRATIONS_TOOL_SHA256", tools::DBMATE_SHA256);
    server
}

/// Serve a tar.gz of the golang-migrate TEST DOUBLE (laid out like the official archive).
fn serve_migrate_double(app: &ClassicApp, scratch: &std::path::Path) -> Server {
    let tarball = tools::golang_migrate_double_tarball(scratch);
    let server = Server::start();
    server.route("/migrate.linux-amd64.tar.gz", Behavior::file(&tarball));
    app.config_set("BP_MIGRATIONS_TOOL_URL", &server.url("/migrate.linux-amd64.tar.gz"));
    app.config_set("BP_MIGRATIONS_TOOL_SHA256", &tools::sha256_file(&tarball));
    server
}

/// A small stand-in `dbmate` (a shell script, served as a bare executable) for
/// the tests about caching and wording: installs in milliseconds, unlike the
/// real 34 MB dbmate. Returns the server and the stand-in's SHA-256.
fn serve_small_tool(app: &ClassicApp) -> (Server, String) {
    let file = app.scratch_dir().join("small-dbmate");
    std::fs::write(&file, "#!/bin/sh\necho 'small stand-in for dbmate'\n").unwrap();
    let sha = tools::sha256_file(&file);
    let server = Server::start();
    server.route("/dbmate-linux-amd64", Behavior::file(&file));
    app.config_set("BP_MIGRATIONS_TOOL_URL", &server.url("/dbmate-linux-amd64"));
    app.config_set("BP_MIGRATIONS_TOOL_SHA256", &sha);
    (server, sha)
}

fn assert_ok(run: &support::Run, what: &str) {
    assert_eq!(run.code, 0, "{what} failed:\n{}", run.all());
}

/// bin/release's YAML, parsed: `default_process_types.release`.
fn release_process(app: &ClassicApp) -> String {
    let run = app.release_yaml();
    assert_ok(&run, "bin/release");
    assert_eq!(run.stdout, "---\ndefault_process_types:\n  release: migrations release\n");
    let docs = YamlLoader::load_from_str(&run.stdout).expect("bin/release prints YAML");
    assert_eq!(docs.len(), 1);
    let hash = docs[0].as_hash().expect("a YAML hash");
    assert_eq!(hash.len(), 1, "only default_process_types: {:?}", docs[0]);
    docs[0]["default_process_types"]["release"].as_str().expect("a release process type").to_string()
}

fn assert_slug(app: &ClassicApp, executable: &str, tool: &str) {
    let slug = app.slug();
    for exe in ["migrations", executable] {
        let p = slug.join(".heroku/migrations/bin").join(exe);
        let mode = std::fs::metadata(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())).permissions().mode();
        assert_eq!(mode & 0o777, 0o755, "{}", p.display());
    }
    let profile = std::fs::read_to_string(slug.join(".profile.d/migrations.sh")).unwrap();
    assert!(profile.contains("export PATH=\"$HOME/.heroku/migrations/bin:$PATH\""), "{profile}");
    assert!(profile.contains(&format!("export MIGRATIONS_TOOL='{tool}'")), "{profile}");
    assert!(profile.contains("export MIGRATIONS_DIR='db/migrations'"), "{profile}");
    // The SBOMs the CNB build writes for its layers travel with the slug.
    for name in ["tool.sbom.cdx.json", "tool.sbom.spdx.json", "runner.sbom.cdx.json", "runner.sbom.spdx.json"] {
        let p = slug.join(".heroku/migrations/sbom").join(name);
        let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        assert!(text.contains(&format!("\"{tool}\"")) || name.starts_with("runner"), "{}: {text}", p.display());
    }
}

#[test]
fn detect_passes_for_both_layouts_and_fails_with_one_line() {
    let mut dbmate = ClassicApp::from_fixture("test-fixtures/dbmate-basic");
    let run = dbmate.detect();
    assert_eq!((run.code, run.stdout.as_str()), (0, "Database migrations (dbmate)\n"), "{}", run.all());

    let mut gm = ClassicApp::from_fixture("test-fixtures/golang-migrate-basic");
    let run = gm.detect();
    assert_eq!((run.code, run.stdout.as_str()), (0, "Database migrations (golang-migrate)\n"), "{}", run.all());

    // No migrations where detection looks: exit 1 and one line saying why.
    let mut none = ClassicApp::from_fixture("test-fixtures/dbmate-basic");
    std::fs::rename(none.app_dir().join("db/migrations"), none.app_dir().join("db/sql")).unwrap();
    let run = none.detect();
    assert_eq!(run.code, 1, "{}", run.all());
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    assert!(run.stdout.contains("db/migrations/ (absent)") && run.stdout.contains("bin/detect cannot read config vars"), "{}", run.stdout);

    // bin/compile reads ENV_DIR, so BP_MIGRATIONS_DIR works there; the build fails
    // clearly (not as a detect failure) when the directory is wrong.
    none.config_set("BP_MIGRATIONS_DIR", "db/elsewhere");
    let run = none.compile();
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stdout.contains(" !     Error: No migrations found"), "{}", run.stdout);
    assert!(run.stdout.contains("BP_MIGRATIONS_DIR=db/elsewhere does not exist"), "{}", run.stdout);
}

#[test]
fn dbmate_app_compiles_twice_from_the_cache_and_releases_with_rollback() {
    let pg = Postgres::start();
    let db = pg.create_db("classic_dbmate");
    let mut app = ClassicApp::from_fixture("test-fixtures/dbmate-basic");
    let server = serve_dbmate(&app);
    // Other config vars are in ENV_DIR too; the build reads only BP_MIGRATIONS_*.
    app.config_set("DATABASE_URL", &pg.url(&db));

    assert_ok(&app.detect(), "bin/detect");
    let first = app.compile();
    assert_ok(&first, "first compile");
    let out = &first.stdout;
    assert!(out.starts_with("-----> Database migrations\n"), "{out}");
    assert!(out.contains("       Migrations in `db/migrations` for dbmate (guessed from the file names"), "{out}");
    assert!(out.contains("       Checked 3 migration(s): no problems (first build"), "{out}");
    assert!(out.contains("       Tool: dbmate `custom` for linux-amd64 (custom artifact from BP_MIGRATIONS_TOOL_URL)"), "{out}");
    assert!(out.contains("       Installing dbmate custom (linux-amd64)\n"), "{out}");
    assert!(out.contains("Downloaded") && out.contains("verified SHA-256"), "{out}");
    assert!(out.contains("       Release process: `migrations release`"), "{out}");
    assert!(out.contains("LAST buildpack"), "{out}");
    assert_eq!(server.requests(), 1);
    assert_slug(&app, "dbmate", "dbmate");
    let cached_md = std::fs::read_to_string(app.cache_dir().join("migrations/tool.toml")).unwrap();
    let md: toml::Table = toml::from_str(&cached_md).unwrap();
    let keys: Vec<&str> = md.keys().map(String::as_str).collect();
    assert_eq!(keys, ["arch", "sha256", "tool", "version"], "the CNB tool layer's key: {cached_md}");
    assert_eq!(md["sha256"].as_str(), Some(tools::DBMATE_SHA256));

    // A new push: fresh BUILD_DIR, same CACHE_DIR, no download.
    let second = app.compile();
    assert_ok(&second, "second compile");
    assert!(second.stdout.contains("       Reusing dbmate custom (linux-amd64) from the cache\n"), "{}", second.stdout);
    assert!(second.stdout.contains("order checked against the previous build"), "{}", second.stdout);
    assert!(!second.stdout.contains("Installing"), "{}", second.stdout);
    assert_eq!(server.requests(), 1, "a rebuild with the same tool must not download");
    assert_slug(&app, "dbmate", "dbmate");
    assert_eq!(
        tools::sha256_file(&app.slug().join(".heroku/migrations/bin/dbmate")),
        tools::DBMATE_SHA256,
        "the slug holds the verified executable"
    );

    assert_eq!(release_process(&app), "migrations release");
    let run = app.run_release(&pg.url(&db));
    assert_ok(&run, "release");
    assert!(run.stdout.contains("applied 3 migration(s)"), "{}", run.stdout);
    assert_eq!(tables(&pg, &db), vec!["posts", "schema_migrations", "users"]);

    // The next push adds a good migration and a failing one: the release applies
    // the first, hits the second, undoes the first and exits 1; schema unchanged.
    app.write_file(
        "db/migrations/20240101000004_create_tags.sql",
        "-- migrate:up\nCREATE TABLE tags (id bigserial PRIMARY KEY);\n\n-- migrate:down\nDROP TABLE tags;\n",
    );
    app.write_file(
        "db/migrations/20240101000005_broken.sql",
        "-- migrate:up\nALTER TABLE no_such_table ADD COLUMN x int;\n\n-- migrate:down\nSELECT 1;\n",
    );
    let third = app.compile();
    assert_ok(&third, "third compile");
    assert!(third.stdout.contains("Reusing dbmate custom"), "{}", third.stdout);
    assert_eq!(server.requests(), 1);
    let before = pg.dump(&db);
    let run = app.run_release(&pg.url(&db));
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stdout.contains("RELEASE FAILED"), "{}", run.stdout);
    assert!(run.stdout.contains("The database is back where this release found it"), "{}", run.stdout);
    assert_eq!(pg.dump(&db), before, "the failed release must leave the schema unchanged");
    assert_eq!(tables(&pg, &db), vec!["posts", "schema_migrations", "users"]);
}

#[test]
fn golang_migrate_app_compiles_twice_and_releases_with_rollback() {
    let pg = Postgres::start();
    let db = pg.create_db("classic_gm");
    let scratch = tempfile::tempdir().unwrap();
    let mut app = ClassicApp::from_fixture("test-fixtures/golang-migrate-basic");
    let server = serve_migrate_double(&app, scratch.path());

    let run = app.detect();
    assert_eq!(run.stdout, "Database migrations (golang-migrate)\n", "{}", run.all());
    let first = app.compile();
    assert_ok(&first, "first compile");
    assert!(first.stdout.contains("Migrations in `db/migrations` for golang-migrate"), "{}", first.stdout);
    assert!(first.stdout.contains("Installing golang-migrate custom (linux-amd64)"), "{}", first.stdout);
    assert_slug(&app, "migrate", "golang-migrate");
    let second = app.compile();
    assert_ok(&second, "second compile");
    assert!(second.stdout.contains("Reusing golang-migrate custom (linux-amd64) from the cache"), "{}", second.stdout);
    assert_eq!(server.requests(), 1, "a rebuild with the same tool must not download");
    assert_eq!(release_process(&app), "migrations release");

    let run = app.run_release(&pg.url(&db));
    assert_ok(&run, "release");
    assert_eq!(pg.query(&db, "SELECT version, dirty FROM schema_migrations"), vec!["3|f"]);

    app.write_file("db/migrations/4_create_tags.up.sql", "CREATE TABLE tags (id bigserial PRIMARY KEY);\n");
    app.write_file("db/migrations/4_create_tags.down.sql", "DROP TABLE tags;\n");
    app.write_file("db/migrations/5_broken.up.sql", "ALTER TABLE no_such_table ADD COLUMN x int;\n");
    app.write_file("db/migrations/5_broken.down.sql", "SELECT 1;\n");
    assert_ok(&app.compile(), "third compile");
    assert_eq!(server.requests(), 1);
    let before = pg.dump(&db);
    let run = app.run_release(&pg.url(&db));
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stdout.contains("The database is back where this release found it"), "{}", run.stdout);
    assert_eq!(pg.dump(&db), before, "the failed release must leave the schema unchanged");
    assert_eq!(pg.query(&db, "SELECT version, dirty FROM schema_migrations"), vec!["3|f"]);
}

#[test]
fn a_changed_or_failed_tool_is_reinstalled_and_never_cached_unverified() {
    let mut app = ClassicApp::from_fixture("test-fixtures/dbmate-basic");
    let (server, sha) = serve_small_tool(&app);
    server.route("/mirror/dbmate", Behavior::file(app.scratch_dir().join("small-dbmate")));
    assert_ok(&app.compile(), "first compile");

    // Another URL, the same bytes (a moved mirror): the cache key is the artifact's
    // identity, not its URL, so the cached tool is reused without a request.
    app.config_set("BP_MIGRATIONS_TOOL_URL", &server.url("/mirror/dbmate"));
    let run = app.compile();
    assert_ok(&run, "compile with a new URL");
    assert!(run.stdout.contains("Reusing dbmate custom (linux-amd64) from the cache"), "{}", run.stdout);
    assert_eq!(server.requests_for("/mirror/dbmate"), 0);

    // Another artifact (a new SHA-256): reinstalled, and the output says what changed.
    let other = app.scratch_dir().join("other-dbmate");
    std::fs::write(&other, "#!/bin/sh\necho 'another stand-in for dbmate'\n").unwrap();
    let other_sha = tools::sha256_file(&other);
    server.route("/mirror/other", Behavior::file(&other));
    app.config_set("BP_MIGRATIONS_TOOL_URL", &server.url("/mirror/other"));
    app.config_set("BP_MIGRATIONS_TOOL_SHA256", &other_sha);
    let run = app.compile();
    assert_ok(&run, "compile with a new artifact");
    assert!(run.stdout.contains(&format!("         Cached tool changed: SHA-256 ({sha} → {other_sha})")), "{}", run.stdout);
    assert!(run.stdout.contains("Installing dbmate custom"), "{}", run.stdout);
    assert_eq!(server.requests_for("/mirror/other"), 1);
    app.config_set("BP_MIGRATIONS_TOOL_URL", &server.url("/mirror/dbmate"));

    // A wrong checksum: the build fails, nothing is kept, the slug is not produced.
    app.config_set("BP_MIGRATIONS_TOOL_SHA256", &"0".repeat(64));
    let run = app.compile();
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stdout.contains(" !     Error: The downloaded tool failed its checksum"), "{}", run.stdout);
    assert!(!app.cache_dir().join("migrations/tool.toml").exists());
    assert!(!app.cache_dir().join("migrations/tool").exists());

    // The right checksum again: downloaded again (the failed attempt left no cache).
    app.config_set("BP_MIGRATIONS_TOOL_SHA256", &sha);
    let run = app.compile();
    assert_ok(&run, "compile after the checksum failure");
    assert!(run.stdout.contains("Installing dbmate custom"), "{}", run.stdout);
    assert_eq!(server.requests_for("/mirror/dbmate"), 2);

    // A damaged cached executable is not copied into the slug.
    std::fs::write(app.cache_dir().join("migrations/tool/bin/dbmate"), b"#!/bin/sh\necho tampered\n").unwrap();
    let run = app.compile();
    assert_ok(&run, "compile with a damaged cache");
    assert!(run.stdout.contains("Cached tool not reused: the cached `dbmate` changed since it was verified"), "{}", run.stdout);
    assert_eq!(tools::sha256_file(&app.slug().join(".heroku/migrations/bin/dbmate")), sha);
}

#[test]
fn procfile_release_line_is_reported_with_the_line_to_add() {
    let mut app = ClassicApp::from_fixture("test-fixtures/dbmate-basic");
    let (_server, _) = serve_small_tool(&app);
    app.write_file("Procfile", "web: ./server\nrelease: ./bin/seed.sh\n");
    let run = app.compile();
    assert_ok(&run, "compile");
    assert!(run.stdout.contains(" !     Your Procfile declares its own release process: `release: ./bin/seed.sh`"), "{}", run.stdout);
    assert!(run.stdout.contains(" !       release: migrations release && ./bin/seed.sh"), "{}", run.stdout);
    assert!(!run.stdout.contains("LAST buildpack"), "{}", run.stdout);

    app.write_file("Procfile", "web: ./server\nrelease: migrations release && ./bin/seed.sh\n");
    let run = app.compile();
    assert_ok(&run, "compile");
    assert!(run.stdout.contains("Your Procfile runs it: `release: migrations release && ./bin/seed.sh`"), "{}", run.stdout);
    assert!(!run.stdout.contains(" !  "), "{}", run.stdout);
}

#[test]
fn check_and_config_errors_fail_the_compile_with_the_cnb_wording() {
    let mut app = ClassicApp::from_fixture("test-fixtures/dbmate-basic");
    let (server, _) = serve_small_tool(&app);
    app.config_set("BP_MIGRATIONS_STRICT", "maybe");
    let run = app.compile();
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stdout.contains(" !     Error: BP_MIGRATIONS_STRICT is not true or false"), "{}", run.stdout);
    std::fs::remove_file(app.env_dir().join("BP_MIGRATIONS_STRICT")).unwrap();
    assert_ok(&app.compile(), "compile");

    // A migration older than the newest one of the previous successful build.
    app.write_file("db/migrations/20231231000000_early.sql", "-- migrate:up\nSELECT 1;\n\n-- migrate:down\nSELECT 1;\n");
    let run = app.compile();
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stdout.contains("order checked against the previous build"), "{}", run.stdout);
    assert!(run.stdout.contains(" !     Error ") && run.stdout.contains("20231231000000_early.sql"), "{}", run.stdout);
    assert!(run.stdout.contains("problem(s) in the migrations in db/migrations"), "{}", run.stdout);
    assert_eq!(server.requests(), 1, "checks run before any download");

    // BP_MIGRATIONS_ALLOW_OUT_OF_ORDER turns it into a warning.
    app.config_set("BP_MIGRATIONS_ALLOW_OUT_OF_ORDER", "true");
    let run = app.compile();
    assert_ok(&run, "compile allowing out-of-order");
    assert!(run.stdout.contains(" !     Warning "), "{}", run.stdout);
}

#[test]
fn the_shims_run_the_packaged_binaries() {
    let scratch = tempfile::tempdir().unwrap();
    let bp = assemble_buildpack(scratch.path());
    let mut app = ClassicApp::with_scripts("test-fixtures/dbmate-basic", Scripts::Shims(bp.clone()));
    let (_server, _) = serve_small_tool(&app);
    let run = app.detect();
    assert_eq!((run.code, run.stdout.as_str()), (0, "Database migrations (dbmate)\n"), "{}", run.all());
    assert_ok(&app.compile(), "bin/compile");
    // The runner in the slug is the one shipped in lib/ (the shim passes its path).
    assert_eq!(tools::sha256_file(&app.slug().join(".heroku/migrations/bin/migrations")), tools::sha256_file(&bp.join("lib/migrations")));
    assert_eq!(release_process(&app), "migrations release");
}

/// A panic in the classic binary ends with one masked line and exit 1, never Rust's panic message
/// or a backtrace (even with RUST_BACKTRACE=1), as in the release runner.
#[test]
fn a_panic_prints_one_masked_line_and_no_stack_trace() {
    let out = std::process::Command::new(support::classic_bin()).arg("debug-panic").env("RUST_BACKTRACE", "1").output().unwrap();
    let run = support::Run::from_output(out);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stdout.contains("migrations: internal error (a bug; please report it): CLASSIC debug-panic"), "{}", run.all());
    assert!(!run.all().contains("debug-panic-secret"), "the password in the panic message leaked:\n{}", run.all());
    assert!(!run.all().contains("panicked at"), "{}", run.all());
    assert!(!run.all().contains("stack backtrace"), "{}", run.all());
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}
