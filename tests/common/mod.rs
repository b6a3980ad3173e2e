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

/// Percent-encode every byte outside the URL's unreserved characters (`A-Z a-z 0-9 - _ . ~`), as a
/// password is written into a URL.
pub fn percent_encode(s: &str) -> String {
    const RESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');
    percent_encoding::utf8_percent_encode(s, RESERVED).to_string()
}

/// Build output as a person reads it (ANSI colours removed).
pub fn plain(b: &BuildOutcome) -> String {
    bullet_stream::strip_ansi(b.output())
}

// ------------------------------------------------------------ the runner, directly

use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::Instant;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    GolangMigrate,
    Dbmate,
}

pub const ENGINES: [Engine; 2] = [Engine::GolangMigrate, Engine::Dbmate];

impl Engine {
    pub fn name(self) -> &'static str {
        match self {
            Engine::GolangMigrate => "golang-migrate",
            Engine::Dbmate => "dbmate",
        }
    }
    fn tool_dir(self) -> PathBuf {
        let bin = match self {
            Engine::GolangMigrate => tools::golang_migrate_double(),
            Engine::Dbmate => tools::dbmate(),
        };
        // The runner looks the tool up on PATH by its official name (`migrate`, `dbmate`).
        bin.parent().unwrap().to_path_buf()
    }
}

/// A migration: version number (1-based), up SQL, optional down SQL.
pub struct Mig {
    pub n: u32,
    pub up: String,
    pub down: Option<String>,
}

pub fn mig(n: u32, up: &str, down: Option<&str>) -> Mig {
    Mig { n, up: up.to_string(), down: down.map(str::to_string) }
}

/// A standard step: creates table `t<n>` with one row; its down drops it.
pub fn step(n: u32) -> Mig {
    mig(n, &format!("CREATE TABLE t{n} (id int PRIMARY KEY);\nINSERT INTO t{n} VALUES ({n});"), Some(&format!("DROP TABLE t{n};")))
}

/// A step that fails at run time after a first statement succeeded (PostgreSQL rolls the file back).
pub fn failing_step(n: u32) -> Mig {
    mig(n, &format!("CREATE TABLE t{n} (id int);\nINSERT INTO no_such_table VALUES ({n});"), Some(&format!("DROP TABLE t{n};")))
}

/// An app dir with migrations for one engine, and the runner pointed at it.
pub struct RunnerApp {
    pub engine: Engine,
    pub dir: tempfile::TempDir,
}

impl RunnerApp {
    pub fn new(engine: Engine, migs: &[Mig]) -> RunnerApp {
        let app = RunnerApp { engine, dir: tempfile::tempdir().unwrap() };
        std::fs::create_dir_all(app.migrations_dir()).unwrap();
        for m in migs {
            app.add(m);
        }
        app
    }

    pub fn migrations_dir(&self) -> PathBuf {
        self.dir.path().join("db/migrations")
    }

    pub fn file_names(&self, n: u32) -> Vec<String> {
        match self.engine {
            Engine::GolangMigrate => vec![format!("{n}_step{n}.up.sql"), format!("{n}_step{n}.down.sql")],
            Engine::Dbmate => vec![format!("2024010100{n:04}_step{n}.sql")],
        }
    }

    /// The version as the tool prints it.
    pub fn version(&self, n: u32) -> String {
        match self.engine {
            Engine::GolangMigrate => n.to_string(),
            Engine::Dbmate => format!("2024010100{n:04}"),
        }
    }

    pub fn add(&self, m: &Mig) {
        let d = self.migrations_dir();
        let names = self.file_names(m.n);
        match self.engine {
            Engine::GolangMigrate => {
                std::fs::write(d.join(&names[0]), &m.up).unwrap();
                if let Some(down) = &m.down {
                    std::fs::write(d.join(&names[1]), down).unwrap();
                }
            }
            Engine::Dbmate => {
                let down = m.down.clone().unwrap_or_default();
                std::fs::write(d.join(&names[0]), format!("-- migrate:up\n{}\n\n-- migrate:down\n{down}\n", m.up)).unwrap();
            }
        }
    }

    pub fn remove(&self, n: u32) {
        for name in self.file_names(n) {
            let _ = std::fs::remove_file(self.migrations_dir().join(name));
        }
    }

    pub fn command(&self, url: &str, args: &[&str], extra: &[(&str, &str)]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_migrations"));
        c.args(args)
            .current_dir(self.dir.path())
            .env_clear()
            .env("PATH", format!("{}:/usr/local/bin:/usr/bin:/bin", self.engine.tool_dir().display()))
            .env("HOME", self.dir.path())
            .env("MIGRATIONS_TOOL", self.engine.name())
            .env("MIGRATIONS_DIR", "db/migrations")
            .stdin(Stdio::null());
        if !url.is_empty() {
            c.env("DATABASE_URL", url);
        }
        for (k, v) in extra {
            c.env(k, v);
        }
        c
    }

    /// Run `migrations <args>`; returns (exit code, stdout+stderr). Asserts no password leaked.
    pub fn run(&self, url: &str, args: &[&str], extra: &[(&str, &str)]) -> (i32, String) {
        outcome(self.command(url, args, extra).output().unwrap())
    }

    /// Start `migrations <args>` in the background with its output captured; [`finish`] waits for it.
    pub fn spawn(&self, url: &str, args: &[&str], extra: &[(&str, &str)]) -> Child {
        self.command(url, args, extra).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap()
    }

    pub fn release(&self, url: &str, extra: &[(&str, &str)]) -> (i32, String) {
        self.run(url, &["release"], extra)
    }
}

/// Wait for a run started by [`RunnerApp::spawn`]: (exit code, stdout+stderr). Asserts no password leaked.
pub fn finish(child: Child) -> (i32, String) {
    outcome(child.wait_with_output().unwrap())
}

/// (exit code, stdout+stderr) of a finished run, -1 for a run ended by a signal. Asserts no password leaked.
fn outcome(out: Output) -> (i32, String) {
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_no_secret(&text);
    (out.status.code().unwrap_or(-1), text)
}

/// Send `signal` (`TERM`, `INT`, `KILL`, ...) to a running child; returns when it was sent.
pub fn signal(child: &Child, signal: &str) -> Instant {
    let at = Instant::now();
    let status = Command::new("kill").arg(format!("-{signal}")).arg(child.id().to_string()).status().unwrap();
    assert!(status.success(), "kill -{signal} {}", child.id());
    at
}

/// A database with data the release must never lose.
pub fn seeded_db(pg: &Postgres, name: &str) -> String {
    let db = pg.create_db(name);
    pg.query(&db, "CREATE TABLE customers (id int PRIMARY KEY, name text); INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 50) g");
    db
}

// ------------------------------------------------------------ the tools themselves, and real projects' directories

/// Run the tool itself (not the runner) against `url` on `app`'s migrations: (exited 0, stdout+stderr).
pub fn tool(app: &RunnerApp, url: &str, args: &[&str], env: &[(&str, &str)]) -> (bool, String) {
    let mut c = match app.engine {
        Engine::GolangMigrate => {
            let mut c = Command::new(tools::golang_migrate_double());
            c.arg("-path").arg(app.migrations_dir()).arg("-database").arg(url);
            c
        }
        Engine::Dbmate => {
            let mut c = Command::new(tools::dbmate());
            c.arg("--url").arg(url).arg("--migrations-dir").arg(app.migrations_dir()).arg("--no-dump-schema");
            c
        }
    };
    c.args(args).stdin(Stdio::null());
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

/// `test-fixtures/realworld/<fixture>`.
pub fn realworld_dir(fixture: &str) -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test-fixtures/realworld").join(fixture)
}

/// Every real-world fixture (a directory with an `ORIGIN.md`), by name.
pub fn realworld_fixtures() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test-fixtures/realworld");
    let mut names: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("ORIGIN.md").is_file())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The engine of a fixture's directory: golang-migrate when any file is an `.up.` file, else dbmate.
pub fn realworld_engine(fixture: &str) -> Engine {
    let dir = realworld_dir(fixture).join("db/migrations");
    let any_up = std::fs::read_dir(dir).unwrap().any(|e| e.unwrap().file_name().to_string_lossy().contains(".up."));
    if any_up { Engine::GolangMigrate } else { Engine::Dbmate }
}

/// The fixture's migration files in the tool's order (golang-migrate: numeric version; dbmate: file name).
pub fn realworld_files(fixture: &str, engine: Engine) -> Vec<(String, PathBuf)> {
    let dir = realworld_dir(fixture).join("db/migrations");
    let mut files: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    let key = |name: &str| -> (u64, String) {
        match engine {
            Engine::GolangMigrate => (name.chars().take_while(char::is_ascii_digit).collect::<String>().parse().unwrap_or(0), name.into()),
            Engine::Dbmate => (0, name.into()),
        }
    };
    files.sort_by_key(|(n, _)| key(n));
    files
}

/// The leading digits of a migration file's name (its version as both tools read it).
pub fn version_of(file_name: &str) -> String {
    file_name.chars().take_while(char::is_ascii_digit).collect()
}

/// Versions in apply order (golang-migrate: one per up/down pair).
pub fn versions_of(files: &[(String, PathBuf)]) -> Vec<String> {
    let mut v: Vec<String> = files.iter().map(|(n, _)| version_of(n)).collect();
    v.dedup();
    v
}

/// A dump with what varies between two runs of the same SQL blanked: the database name, timestamps and random UUIDs.
pub fn comparable(dump: &str, db: &str) -> String {
    let ts = regex::Regex::new(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}(:\d{2})?)?").unwrap();
    let uuid = regex::Regex::new(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").unwrap();
    uuid.replace_all(&ts.replace_all(&dump.replace(db, "DB"), "TS"), "UUID").into_owned()
}

/// `pg_dump --schema-only` of `db` (no owners, no privileges), with the database's name replaced by `DB`:
/// the only difference two databases built by the same SQL may show.
pub fn schema_dump(pg: &Postgres, db: &str) -> String {
    let out = Command::new(pg.bindir().join("pg_dump"))
        .args(["--schema-only", "--no-owner", "--no-privileges", "--no-comments", "-h", "127.0.0.1", "-U", testkit::pg::USER])
        .arg("-p")
        .arg(pg.port().to_string())
        .arg(db)
        .env("PGPASSWORD", PASSWORD)
        .output()
        .unwrap();
    assert!(out.status.success(), "pg_dump --schema-only {db}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.starts_with("\\restrict") && !l.starts_with("\\unrestrict") && !l.starts_with("-- Dumped"))
        .collect::<Vec<_>>()
        .join("\n")
        .replace(db, "DB")
}

/// Every row of every table named `schema_migrations`, in any schema, as `schema.table: row`
/// (both tools' version tables; a table written to the wrong schema shows up too).
pub fn version_rows(pg: &Postgres, db: &str) -> Vec<String> {
    let tables = pg.query(
        db,
        "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE c.relname = 'schema_migrations' AND c.relkind IN ('r', 'p') ORDER BY 1",
    );
    let mut rows = Vec::new();
    for t in tables {
        for r in pg.query(db, &format!("SELECT * FROM {t} ORDER BY 1")) {
            rows.push(format!("{t}: {r}"));
        }
    }
    rows
}
