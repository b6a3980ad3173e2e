//! The examples built by the real `pack` with `heroku/builder:24`, and their
//! `release` process run in a container against PostgreSQL.
//!
//! Needs Docker and the `pack` CLI (and network access for the builder, the
//! other buildpacks and the migration tools):
//!
//! ```sh
//! cargo test --test integration_test -- --ignored
//! ```
//!
//! Database: by default each test starts a `postgres:16` container and
//! reaches it from the app container through its bridge IP. Set
//! `INTEGRATION_DATABASE_URL` to use a server of your own instead: a URL
//! (`postgres://user:password@host:port/postgres?sslmode=disable`) that both
//! this machine and the app containers can reach (on Linux, the Docker host is
//! usually `172.17.0.1`) and whose user may `CREATE DATABASE`; each test creates
//! its own database on it.
//!
//! Other settings: `INTEGRATION_TEST_CNB_BUILDER` (default `heroku/builder:24`),
//! `INTEGRATION_RELEASE_PHASE_BUILDPACK` (default
//! `docker://docker.io/heroku/buildpack-release-phase:1.0.4`).

// Required due to: https://github.com/rust-lang/rust/issues/95513
#![allow(unused_crate_dependencies)]

use libcnb::data::sbom::SbomFormat;
use libcnb::data::{buildpack_id, layer_name};
use libcnb_test::{
    BuildConfig, BuildpackReference, ContainerConfig, SbomType, TestContext, TestRunner, assert_contains, assert_not_contains,
};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn builder() -> String {
    std::env::var("INTEGRATION_TEST_CNB_BUILDER").unwrap_or_else(|_| "heroku/builder:24".to_string())
}

fn release_phase_buildpack() -> BuildpackReference {
    BuildpackReference::Other(
        std::env::var("INTEGRATION_RELEASE_PHASE_BUILDPACK")
            .unwrap_or_else(|_| "docker://docker.io/heroku/buildpack-release-phase:1.0.4".to_string()),
    )
}

fn other(id: &str) -> BuildpackReference {
    BuildpackReference::Other(id.to_string())
}

// ------------------------------------------------------------------ PostgreSQL

fn docker(args: &[&str]) -> String {
    let out = Command::new("docker").args(args).output().expect("run docker");
    assert!(out.status.success(), "docker {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A PostgreSQL server for one test: a container of our own, or `INTEGRATION_DATABASE_URL`.
struct Database {
    container: Option<String>,
    /// Reachable from this machine (creates databases, checks the outcome).
    host_url: url::Url,
    /// Reachable from the app containers.
    container_url: url::Url,
}

impl Database {
    fn start() -> Database {
        if let Ok(given) = std::env::var("INTEGRATION_DATABASE_URL") {
            let url = url::Url::parse(&given).expect("INTEGRATION_DATABASE_URL is a URL");
            return Database { container: None, host_url: url.clone(), container_url: url };
        }
        let password = "integration-pw";
        let name = format!("migrations-it-pg-{}-{}", std::process::id(), rand_suffix());
        docker(&["run", "-d", "--name", &name, "-e", &format!("POSTGRES_PASSWORD={password}"), "-p", "127.0.0.1::5432", "postgres:16"]);
        let mut db = Database {
            host_url: url::Url::parse("postgres://localhost/postgres").unwrap(),
            container_url: url::Url::parse("postgres://localhost/postgres").unwrap(),
            container: Some(name.clone()),
        };
        let port = docker(&["port", &name, "5432/tcp"]).lines().next().unwrap().rsplit(':').next().unwrap().to_string();
        let ip = docker(&["inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", &name]);
        let host_url = url::Url::parse(&format!("postgres://postgres:{password}@127.0.0.1:{port}/postgres?sslmode=disable")).unwrap();
        let container_url = url::Url::parse(&format!("postgres://postgres:{password}@{ip}:5432/postgres?sslmode=disable")).unwrap();
        let deadline = Instant::now() + Duration::from_secs(60);
        while postgres::Client::connect(host_url.as_str(), postgres::NoTls).is_err() {
            assert!(Instant::now() < deadline, "PostgreSQL container {name} did not accept connections in 60 s");
            std::thread::sleep(Duration::from_millis(500));
        }
        db.host_url = host_url;
        db.container_url = container_url;
        db
    }

    /// A fresh database; returns its URL for the app container.
    fn create(&self, name: &str) -> String {
        let name = format!("{name}_{}", rand_suffix());
        let mut client = postgres::Client::connect(self.host_url.as_str(), postgres::NoTls).expect("connect to the integration database");
        client.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        let mut url = self.container_url.clone();
        url.set_path(&format!("/{name}"));
        url.to_string()
    }

    /// Rows of `sql` in database `name` (as in a container URL from [`Database::create`]), as `a|b` strings.
    fn query(&self, container_url: &str, sql: &str) -> Vec<String> {
        let db = url::Url::parse(container_url).unwrap().path().to_string();
        let mut url = self.host_url.clone();
        url.set_path(&db);
        let mut client = postgres::Client::connect(url.as_str(), postgres::NoTls).unwrap();
        client
            .simple_query(sql)
            .unwrap()
            .into_iter()
            .filter_map(|m| match m {
                postgres::SimpleQueryMessage::Row(row) => {
                    Some((0..row.len()).map(|i| row.get(i).unwrap_or("").to_string()).collect::<Vec<_>>().join("|"))
                }
                _ => None,
            })
            .collect()
    }

    fn tables(&self, container_url: &str) -> Vec<String> {
        self.query(container_url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        if let Some(name) = &self.container {
            let _ = Command::new("docker").args(["rm", "-f", name]).output();
        }
    }
}

fn rand_suffix() -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("{nanos:x}")
}

// ------------------------------------------------------------------ containers

struct Run {
    exit_code: i64,
    stdout: String,
    stderr: String,
}

/// Runs a container of the built image to completion; returns its exit code and logs.
fn run(ctx: &TestContext, config: &ContainerConfig) -> Run {
    let mut result = None;
    ctx.start_container(config, |container| {
        let code = docker(&["wait", &container.container_name]);
        let logs = container.logs_now();
        result = Some(Run { exit_code: code.parse().unwrap(), stdout: logs.stdout, stderr: logs.stderr });
    });
    result.unwrap()
}

fn release(ctx: &TestContext, database_url: &str) -> Run {
    run(ctx, ContainerConfig::new().entrypoint("release").env("DATABASE_URL", database_url))
}

fn add_files(files: &'static [(&'static str, &'static str)]) -> impl Fn(std::path::PathBuf) {
    move |dir: std::path::PathBuf| {
        for (path, contents) in files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, contents).unwrap();
        }
    }
}

fn example(name: &str) -> String {
    Path::new("examples").join(name).display().to_string()
}

/// `pack sbom download` of the image: the tool layer's SBOMs describe dbmate
/// 2.36.0 from the inventory, the runner layer's list the runner's crates,
/// and all four validate against their JSON schemas.
fn assert_layer_sboms(ctx: &TestContext) {
    ctx.download_sbom_files(|files| {
        let id = buildpack_id!("safemigrate/migrations");
        let mut paths = Vec::new();
        for layer in [layer_name!("tool"), layer_name!("runner")] {
            for format in [SbomFormat::CycloneDxJson, SbomFormat::SpdxJson] {
                let path = files.path_for(&id, SbomType::Layer(layer.clone()), format);
                assert!(path.is_file(), "pack sbom download has no {}", path.display());
                paths.push(path);
            }
        }
        let json = |path: &Path| -> serde_json::Value { serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap() };
        let tool = json(&paths[0]);
        let dbmate = &tool["components"][0];
        assert_eq!(dbmate["name"], "dbmate");
        assert_eq!(dbmate["version"], "2.36.0");
        assert_eq!(dbmate["purl"], "pkg:github/amacneil/dbmate@v2.36.0");
        assert_eq!(dbmate["hashes"][0]["content"], testkit::tools::DBMATE_SHA256);
        assert_eq!(dbmate["licenses"][0]["expression"], "MIT");
        let runner = json(&paths[2]);
        let crates = runner["components"].as_array().unwrap();
        assert!(crates.iter().any(|c| c["name"] == "postgres" && c["type"] == "library"), "{runner}");
        assert!(crates.len() > 100, "{} components", crates.len());
        let refs: Vec<&Path> = paths.iter().map(std::path::PathBuf::as_path).collect();
        if let Err(report) = testkit::sbom::validate(&refs) {
            panic!("{report}");
        }
    });
}

// ------------------------------------------------------------------ tests

#[test]
#[ignore = "needs Docker and pack: cargo test --test integration_test -- --ignored"]
fn go_golang_migrate_fir_example() {
    let db = Database::start();
    let url = db.create("it_fir");
    let mut config = BuildConfig::new(builder(), example("go-golang-migrate-fir"));
    config.buildpacks([other("heroku/go"), BuildpackReference::CurrentCrate, other("heroku/procfile")]);
    TestRunner::default().build(&config, |ctx| {
        assert_contains!(ctx.pack_stdout, "Migrations in `db/migrations` for golang-migrate");
        assert_contains!(ctx.pack_stdout, "Installing golang-migrate");
        assert_contains!(ctx.pack_stdout, "Release process: `migrations release`");

        let ok = release(&ctx, &url);
        assert_eq!(ok.exit_code, 0, "{}{}", ok.stdout, ok.stderr);
        assert_contains!(ok.stdout, "applied 2 migration(s)");
        assert_eq!(db.query(&url, "SELECT version, dirty FROM schema_migrations"), vec!["2|f"]);

        let status = run(&ctx, ContainerConfig::new().entrypoint("launcher").command(["migrations", "status"]).env("DATABASE_URL", &url));
        assert_eq!(status.exit_code, 0, "{}{}", status.stdout, status.stderr);

        // The next deploy brings a migration that applies and one that fails.
        let mut next = ctx.config.clone();
        next.app_dir_preprocessor(add_files(&[
            ("db/migrations/3_add_notes_tag.up.sql", "ALTER TABLE notes ADD COLUMN tag text;\n"),
            ("db/migrations/3_add_notes_tag.down.sql", "ALTER TABLE notes DROP COLUMN tag;\n"),
            ("db/migrations/4_broken.up.sql", "INSERT INTO no_such_table VALUES (1);\n"),
            ("db/migrations/4_broken.down.sql", "SELECT 1;\n"),
        ]));
        ctx.rebuild(next, |ctx| {
            assert_contains!(ctx.pack_stdout, "Reusing golang-migrate");
            let failed = release(&ctx, &url);
            assert_eq!(failed.exit_code, 1, "{}{}", failed.stdout, failed.stderr);
            // Back where this release found it: version 2, clean, no `tag` column.
            assert_eq!(db.query(&url, "SELECT version, dirty FROM schema_migrations"), vec!["2|f"]);
            assert!(
                db.query(&url, "SELECT column_name FROM information_schema.columns WHERE table_name = 'notes' AND column_name = 'tag'")
                    .is_empty()
            );
        });
    });
}

#[test]
#[ignore = "needs Docker and pack: cargo test --test integration_test -- --ignored"]
fn dbmate_pack_example() {
    let db = Database::start();
    let url = db.create("it_pack");
    let mut config = BuildConfig::new(builder(), example("dbmate-pack"));
    config.buildpacks([other("heroku/nodejs"), BuildpackReference::CurrentCrate, other("heroku/procfile")]);
    TestRunner::default().build(&config, |ctx| {
        assert_contains!(ctx.pack_stdout, "Installing dbmate");
        assert_layer_sboms(&ctx);

        // Refused before anything ran: no database URL.
        let refused = run(&ctx, ContainerConfig::new().entrypoint("release"));
        assert_eq!(refused.exit_code, 3, "{}{}", refused.stdout, refused.stderr);
        assert_contains!(refused.stdout, "DATABASE_URL is not set");

        let ok = release(&ctx, &url);
        assert_eq!(ok.exit_code, 0, "{}{}", ok.stdout, ok.stderr);
        assert_eq!(db.tables(&url), vec!["bookmarks", "schema_migrations"]);
        let again = release(&ctx, &url);
        assert_eq!(again.exit_code, 0);
        assert_contains!(again.stdout, "nothing to do");

        let config = ctx.config.clone();
        ctx.rebuild(config, |ctx| {
            assert_contains!(ctx.pack_stdout, "Reusing dbmate");
            assert_not_contains!(ctx.pack_stdout, "Installing dbmate");
        });
    });
}

#[test]
#[ignore = "needs Docker and pack: cargo test --test integration_test -- --ignored"]
fn release_phase_example() {
    let db = Database::start();
    let url = db.create("it_release_phase");
    let mut config = BuildConfig::new(builder(), example("release-phase"));
    config
        .buildpacks([release_phase_buildpack(), other("heroku/nodejs"), BuildpackReference::CurrentCrate, other("heroku/procfile")])
        .env("BP_MIGRATIONS_RELEASE_MODE", "release-phase");
    TestRunner::default().build(&config, |ctx| {
        assert_contains!(ctx.pack_stdout, "Installing dbmate");
        assert_contains!(ctx.pack_stdout, "run by heroku/release-phase");
        assert_not_contains!(ctx.pack_stdout, "Release process:");

        // The image's `release` is heroku/release-phase's: our command first, then the app's.
        let ok = release(&ctx, &url);
        assert_eq!(ok.exit_code, 0, "{}{}", ok.stdout, ok.stderr);
        assert_contains!(ok.stderr, "release-phase executing release command: migrations release (safemigrate/migrations)");
        assert_contains!(ok.stdout, "applied 2 migration(s)");
        assert_contains!(ok.stdout, "after-migrations: the schema is up to date");
        assert_eq!(db.tables(&url), vec!["events", "schema_migrations"]);

        let mut next = ctx.config.clone();
        next.app_dir_preprocessor(add_files(&[(
            "db/migrations/20240704090000_broken.sql",
            "-- migrate:up\nINSERT INTO no_such_table VALUES (1);\n\n-- migrate:down\nSELECT 1;\n",
        )]));
        ctx.rebuild(next, |ctx| {
            assert_contains!(ctx.pack_stdout, "Reusing dbmate");
            let failed = release(&ctx, &url);
            // heroku/release-phase exits 1 on any failed command and runs nothing after it.
            assert_eq!(failed.exit_code, 1, "{}{}", failed.stdout, failed.stderr);
            assert_contains!(failed.stderr, "release-phase failed");
            assert_not_contains!(failed.stdout, "after-migrations:");
            assert_eq!(db.tables(&url), vec!["events", "schema_migrations"]);
        });
    });
}

/// The Docker bridge's gateway: how containers (the lifecycle's included) reach this machine.
fn docker_host_ip() -> String {
    docker(&["network", "inspect", "bridge", "-f", "{{(index .IPAM.Config 0).Gateway}}"])
}

/// Everything `docker inspect` says about the image of a container of `ctx` and the container.
fn inspect_image(ctx: &TestContext) -> String {
    let mut out = String::new();
    ctx.start_container(ContainerConfig::new().entrypoint("launcher").command(["true"]), |container| {
        out.push_str(&docker(&["inspect", &container.container_name]));
        let image = docker(&["inspect", "-f", "{{.Image}}", &container.container_name]);
        out.push_str(&docker(&["image", "inspect", &image]));
    });
    out
}

#[test]
#[ignore = "needs Docker and pack: cargo test --test integration_test -- --ignored"]
fn mirror_credentials_are_in_neither_the_build_log_nor_the_image() {
    // A private mirror on this machine, checking HTTP Basic credentials, reached by the
    // lifecycle's containers through the Docker bridge.
    let password = "it-Mirror-s3cret";
    let server = testkit::http::Server::start_on(std::net::Ipv4Addr::UNSPECIFIED.into());
    let header = format!("Basic {}", base64::Engine::encode(&base64::engine::general_purpose::STANDARD, format!("ci:{password}")));
    server.route(
        "/dbmate-linux-amd64",
        testkit::http::Behavior::require_auth(header, testkit::http::Behavior::file(testkit::tools::dbmate())),
    );
    let url = format!("http://ci:{password}@{}:{}/dbmate-linux-amd64?token=it-query-t0ken", docker_host_ip(), server.addr().port());
    let mut config = BuildConfig::new(builder(), example("dbmate-pack"));
    config
        .buildpacks([other("heroku/nodejs"), BuildpackReference::CurrentCrate, other("heroku/procfile")])
        .env("BP_MIGRATIONS_TOOL_URL", &url)
        .env("BP_MIGRATIONS_TOOL_SHA256", testkit::tools::DBMATE_SHA256);
    TestRunner::default().build(&config, |ctx| {
        assert_contains!(ctx.pack_stdout, "Installing dbmate custom");
        assert_contains!(ctx.pack_stdout, "http://****@");
        assert_eq!(server.requests(), 1);
        for secret in [password, "it-query-t0ken"] {
            assert_not_contains!(ctx.pack_stdout, secret);
            assert_not_contains!(ctx.pack_stderr, secret);
            // The lifecycle copies layer metadata into the image's labels.
            assert_not_contains!(inspect_image(&ctx), secret);
            // The layer SBOMs in the image name the mirror masked.
            ctx.download_sbom_files(|files| {
                let id = buildpack_id!("safemigrate/migrations");
                for format in [SbomFormat::CycloneDxJson, SbomFormat::SpdxJson] {
                    let text = std::fs::read_to_string(files.path_for(&id, SbomType::Layer(layer_name!("tool")), format)).unwrap();
                    assert_contains!(text, "http://****@");
                    assert_not_contains!(text, secret);
                }
            });
        }
    });
}
