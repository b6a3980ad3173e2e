//! The README's first command (`bash scripts/demo.sh` runs this after
//! `scripts/setup.sh`): the buildpack end to end on this machine, without
//! Docker, `pack` or the CNB lifecycle.
//!
//! 1. packages the buildpack (`cargo libcnb package`, via [`testkit::lifecycle`]);
//! 2. starts a throwaway PostgreSQL ([`testkit::pg`]);
//! 3. dbmate (default): serves the real dbmate binary from 127.0.0.1
//!    ([`testkit::http`]) through `BP_MIGRATIONS_TOOL_URL` +
//!    `BP_MIGRATIONS_TOOL_SHA256`; golang-migrate (`DEMO_TOOL=golang-migrate`):
//!    no custom URL, the buildpack downloads the official release listed in
//!    `inventory.toml` (needs internet);
//! 4. detect, then build twice (cold cache: "Installing", warm: "Reusing");
//! 5. the `release` process against the database;
//! 6. the next deploy adds a migration that fails: rebuild, release → exit
//!    code 1, and the database is exactly as before (pg_dump compared);
//! 7. stops PostgreSQL and prints the figures for the release notes.
//!
//! Environment: `DEMO_TOOL` = `dbmate` (default) | `golang-migrate`;
//! `DEMO_PROFILE` = `debug` (default, the package the tests use) | `release`
//! (`cargo libcnb package --release`, what is shipped; slower to build).
//! Exit code 0 when every step did what it should, 1 otherwise.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use testkit::http::{Behavior, Server};
use testkit::lifecycle::{self, App, BuildOutcome, ProcessOutcome};
use testkit::pg::{self, Postgres};
use testkit::tools;

const TARGET: &str = "x86_64-unknown-linux-musl";
const DB: &str = "taskapp";

#[derive(Clone, Copy, PartialEq, Eq)]
enum ToolKind {
    Dbmate,
    GolangMigrate,
}

impl ToolKind {
    fn name(self) -> &'static str {
        match self {
            ToolKind::Dbmate => "dbmate",
            ToolKind::GolangMigrate => "golang-migrate",
        }
    }
}

fn main() {
    let tool = match std::env::var("DEMO_TOOL").as_deref() {
        Err(_) | Ok("") | Ok("dbmate") => ToolKind::Dbmate,
        Ok("golang-migrate") => ToolKind::GolangMigrate,
        Ok(other) => {
            eprintln!("demo: DEMO_TOOL={other:?} is not supported: use dbmate (default) or golang-migrate");
            std::process::exit(2);
        }
    };
    let release_profile = match std::env::var("DEMO_PROFILE").as_deref() {
        Err(_) | Ok("") | Ok("debug") => false,
        Ok("release") => true,
        Ok(other) => {
            eprintln!("demo: DEMO_PROFILE={other:?} is not supported: use debug (default) or release");
            std::process::exit(2);
        }
    };
    // Everything (PostgreSQL above all) is dropped inside `run`, before exiting.
    let code = run(tool, release_profile);
    std::process::exit(code);
}

/// What the demo measured and checked.
#[derive(Default)]
struct Report {
    failures: Vec<String>,
    profile: &'static str,
    package_dir: PathBuf,
    package_bytes: u64,
    package_tgz_bytes: Option<u64>,
    package_time: Duration,
    cold_build: Option<Duration>,
    warm_build: Option<Duration>,
    redeploy_build: Option<Duration>,
    tool_requests: Option<usize>,
}

impl Report {
    fn check(&mut self, ok: bool, what: &str) -> bool {
        if ok {
            println!("  ✔ {what}");
        } else {
            println!("  ✘ {what}  <-- NOT AS EXPECTED");
            self.failures.push(what.to_string());
        }
        ok
    }
}

fn run(tool: ToolKind, release_profile: bool) -> i32 {
    let mut report = Report { profile: if release_profile { "release" } else { "debug" }, ..Report::default() };
    let demo_started = Instant::now();
    let root = lifecycle::workspace_root();
    let fixture = root.join(format!("test-fixtures/demo-{}", tool.name()));
    let next_deploy = root.join(format!("test-fixtures/demo-{}-failing-deploy", tool.name()));

    // ---------------------------------------------------------------------------------
    section(&format!(
        "1. Package the buildpack (cargo libcnb package --target {TARGET}{})",
        if release_profile { " --release" } else { "" }
    ));
    let started = Instant::now();
    let buildpack = if release_profile {
        match package_release(&root) {
            Ok(dir) => dir,
            Err(e) => {
                println!("{e}");
                return 1;
            }
        }
    } else {
        println!("  debug profile, shared with the tests (target/lifecycle); a fresh clone compiles for a few minutes.");
        println!("  DEMO_PROFILE=release packages what ships (its own target dir, target/demo-release).");
        lifecycle::packaged_buildpack()
    };
    report.package_time = started.elapsed();
    report.package_dir = buildpack.clone();
    report.package_bytes = dir_size(&buildpack);
    report.package_tgz_bytes = tgz_size(&buildpack);
    println!("  packaged in {} -> {}", secs(report.package_time), buildpack.display());
    for rel in ["buildpack.toml", "bin/build", "bin/detect", ".libcnb-cargo/additional-bin/migrations"] {
        let path = buildpack.join(rel);
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                println!("    {rel:<42} -> {}", std::fs::read_link(&path).unwrap_or_default().display())
            }
            Ok(m) => println!("    {rel:<42} {:>10}", human(m.len())),
            Err(_) => println!("    {rel:<42} (absent)"),
        }
    }
    println!(
        "  total: {}{}",
        human(report.package_bytes),
        report.package_tgz_bytes.map(|b| format!(", {} as .tar.gz", human(b))).unwrap_or_default()
    );

    // ---------------------------------------------------------------------------------
    section("2. Start a throwaway PostgreSQL (127.0.0.1, random port)");
    let pg = Postgres::start();
    pg.create_db(DB);
    let url = pg.url(DB);
    let version = pg.query("postgres", "SHOW server_version").join("");
    println!("  PostgreSQL {version} on port {} (data in a temp dir, deleted at the end)", pg.port());
    println!("  DATABASE_URL={}", mask(&url));

    // ---------------------------------------------------------------------------------
    let mut app = App::from_fixture(&fixture);
    let server = match tool {
        ToolKind::Dbmate => {
            section("3. Serve the real dbmate binary from 127.0.0.1 (custom artifact settings)");
            let dbmate = tools::dbmate();
            let server = Server::start();
            server.route("/dbmate-linux-amd64", Behavior::file(&dbmate));
            let sha = tools::sha256_file(&dbmate);
            println!("  serving {} ({}, SHA-256 {sha})", dbmate.display(), human(file_len(&dbmate)));
            println!("  app config (platform env, like `pack build --env` / config vars):");
            println!("    BP_MIGRATIONS_TOOL_URL={}", server.url("/dbmate-linux-amd64"));
            println!("    BP_MIGRATIONS_TOOL_SHA256={}", tools::DBMATE_SHA256);
            app.env("BP_MIGRATIONS_TOOL_URL", &server.url("/dbmate-linux-amd64"));
            app.env("BP_MIGRATIONS_TOOL_SHA256", tools::DBMATE_SHA256);
            Some(server)
        }
        ToolKind::GolangMigrate => {
            section("3. golang-migrate: the official release, through the buildpack's inventory");
            println!("  no BP_MIGRATIONS_TOOL_URL: the buildpack picks the newest golang-migrate for linux/amd64");
            println!("  from inventory.toml, downloads it from GitHub and verifies its SHA-256 (needs internet).");
            None
        }
    };
    println!("  app: a copy of {}", rel(&root, &fixture));
    for file in migration_files(&app.app_dir().join("db/migrations")) {
        println!("    db/migrations/{file}");
    }

    // ---------------------------------------------------------------------------------
    section("4. Detect (bin/detect, as the lifecycle runs it)");
    let detect = app.detect();
    print_block(&format!("{}{}", detect.stdout, detect.stderr));
    if !report.check(detect.passed(), &format!("detect passes (exit code {})", detect.exit_code)) {
        return finish(report, pg, demo_started);
    }

    // ---------------------------------------------------------------------------------
    section("5. Build #1: cold cache (download, verify, install)");
    let (first, took) = timed_build(&mut app);
    report.cold_build = Some(took);
    print_block(&first.output());
    println!("  build #1: exit code {} in {}", first.exit_code, secs(took));
    if !report.check(first.success(), "build #1 succeeds") {
        if tool == ToolKind::GolangMigrate {
            println!();
            println!("  This path downloads the official golang-migrate release from GitHub (the URL is in");
            println!("  inventory.toml), so it needs internet access; the error above is the buildpack's own");
            println!("  download error. Without internet, run the default demo (dbmate served from 127.0.0.1):");
            println!("    bash scripts/demo.sh");
        }
        return finish(report, pg, demo_started);
    }
    let out = plain(&first.output());
    report.check(out.contains(&format!("Installing {}", tool.name())), &format!("build #1 says \"Installing {} …\"", tool.name()));
    if let Some(server) = &server {
        report.check(server.requests() == 1, &format!("HTTP requests for the tool so far: {} (expected 1)", server.requests()));
    }
    let release_process = first.process("release");
    report.check(release_process.is_some(), "launch.toml has a `release` process type");

    // ---------------------------------------------------------------------------------
    section("6. Build #2: warm cache (same tool: reused, no download)");
    let (second, took) = timed_build(&mut app);
    report.warm_build = Some(took);
    print_block(&second.output());
    println!("  build #2: exit code {} in {}", second.exit_code, secs(took));
    report.check(second.success(), "build #2 succeeds");
    report.check(
        plain(&second.output()).contains(&format!("Reusing {}", tool.name())),
        &format!("build #2 says \"Reusing {} … from the cache\"", tool.name()),
    );
    if let Some(server) = &server {
        report.check(server.requests() == 1, &format!("HTTP requests for the tool so far: {} (expected still 1)", server.requests()));
    }

    // ---------------------------------------------------------------------------------
    section("7. Release: the `release` process against the database");
    print_launch_command(&app);
    let release = run_release(&app, &url, &mut report);
    report.check(release.exit_code == 0, &format!("release exit code {} (expected 0)", release.exit_code));
    print_schema(&pg, tool);
    let expected_tables = ["accounts", "projects", "schema_migrations", "tasks"];
    report.check(tables(&pg) == expected_tables, &format!("tables are {}", expected_tables.join(", ")));
    println!();
    println!("  Same release again (e.g. a config var change re-runs release):");
    let again = run_release(&app, &url, &mut report);
    report.check(again.exit_code == 0, &format!("second release exit code {} (expected 0, nothing to do)", again.exit_code));

    // ---------------------------------------------------------------------------------
    section("8. The app is used: rows arrive (one task has a blank title)");
    let seed = "INSERT INTO accounts (email) VALUES ('ada@example.com'), ('grace@example.com');
        INSERT INTO projects (account_id, name) VALUES (1, 'Launch'), (2, 'Compiler');
        INSERT INTO tasks (project_id, title, due_on) VALUES
          (1, 'Write the announcement', '2024-03-15'), (1, '   ', NULL), (2, 'Fix the parser', NULL);";
    pg.client(DB).batch_execute(seed).expect("insert demo rows");
    for row in pg.query(DB, "SELECT id, project_id, quote_literal(title), coalesce(due_on::text, '-') FROM tasks ORDER BY id") {
        println!("    tasks: {}", row.replace('|', " | "));
    }

    // ---------------------------------------------------------------------------------
    section("9. Next deploy: a rehearsal finds the failing migration; the release rolls everything back");
    println!("  copying {} into the app:", rel(&root, &next_deploy));
    for file in migration_files(&next_deploy.join("db/migrations")) {
        let contents = std::fs::read(next_deploy.join("db/migrations").join(&file)).unwrap();
        app.write_file(format!("db/migrations/{file}"), contents);
        println!("    db/migrations/{file}");
    }
    let failing = next_deploy.join("db/migrations").join(
        migration_files(&next_deploy.join("db/migrations"))
            .into_iter()
            .find(|f| f.contains("not_blank") && !f.contains(".down."))
            .unwrap_or_default(),
    );
    println!("  the failing one ({}):", failing.file_name().unwrap_or_default().to_string_lossy());
    print_block(&std::fs::read_to_string(&failing).unwrap_or_default());
    println!("  build #3 (the next deploy):");
    let (third, took) = timed_build(&mut app);
    report.redeploy_build = Some(took);
    print_block(&third.output());
    println!("  build #3: exit code {} in {}", third.exit_code, secs(took));
    report.check(third.success(), "build #3 succeeds (build-time checks cannot see the data)");
    report.check(plain(&third.output()).contains(&format!("Reusing {}", tool.name())), "build #3 reuses the cached tool");
    if let Some(server) = &server {
        report.tool_requests = Some(server.requests());
        report.check(server.requests() == 1, &format!("HTTP requests for the tool after 3 builds: {} (expected 1)", server.requests()));
    }
    let before = pg.dump(DB);
    println!();
    println!("  Before releasing, rehearse against the real data (`heroku run migrations rehearse`):");
    let rehearsal = run_runner(&app, "rehearse", &url, &mut report);
    report.check(rehearsal.exit_code == 1, &format!("rehearsal exit code {} (expected 1: the release would fail)", rehearsal.exit_code));
    report.check(
        rehearsal.stdout.contains("rehearse: FAILED") && rehearsal.stdout.contains("tasks_title_not_blank"),
        "the rehearsal names the failing migration and the database's error",
    );
    report.check(pg.dump(DB) == before, "the rehearsal changed nothing (its transaction was rolled back)");
    println!();
    println!("  Deployed anyway: the release (MIGRATIONS_TX_MODE=auto chooses `all`: one transaction).");
    println!("  The deploy's first migration (create_labels) has NO down part:");
    let failed = run_release(&app, &url, &mut report);
    report.check(
        failed.exit_code == 1,
        &format!("release exit code {} (expected 1: failed, database back at its recorded state)", failed.exit_code),
    );
    report.check(
        failed.stdout.contains("mode: all") && failed.stdout.contains("no down file was needed"),
        "the release ran in `all` mode and needed no down file",
    );
    let after = pg.dump(DB);
    print_schema(&pg, tool);
    report.check(before == after, "pg_dump of the database (schema, data, schema_migrations) is identical before and after");
    report.check(
        !tables(&pg).iter().any(|t| t == "labels" || t == "task_labels"),
        "the deploy's first migration (labels, task_labels) was rolled back, without a down file",
    );

    finish(report, pg, demo_started)
}

/// Stops PostgreSQL, prints the summary; the exit code.
fn finish(report: Report, mut pg: Postgres, demo_started: Instant) -> i32 {
    section("Stop PostgreSQL");
    pg.stop();
    println!("  stopped (port {}); its temp dir is removed on exit", pg.port());
    drop(pg);

    section("Summary (figures for the release notes)");
    let rel_dir = report.package_dir.strip_prefix(lifecycle::workspace_root()).map(Path::to_path_buf).unwrap_or(report.package_dir.clone());
    println!(
        "  packaged buildpack ({} profile): {} on disk{} ({})",
        report.profile,
        human(report.package_bytes),
        report.package_tgz_bytes.map(|b| format!(", {} as .tar.gz", human(b))).unwrap_or_default(),
        rel_dir.display()
    );
    println!("  packaging step:     {} (includes compiling when the sources changed)", secs(report.package_time));
    let show = |d: Option<Duration>| d.map_or("-".to_string(), secs);
    println!("  build, cold cache:  {} (download + SHA-256 check + install + migration checks)", show(report.cold_build));
    println!("  build, warm cache:  {} (tool reused from the cache)", show(report.warm_build));
    println!("  build, next deploy: {} (tool reused, new migrations checked)", show(report.redeploy_build));
    if let Some(n) = report.tool_requests {
        println!("  HTTP requests for the tool over 3 builds: {n}");
    }
    println!("  demo total:         {}", secs(demo_started.elapsed()));
    if report.failures.is_empty() {
        println!("\nDemo finished: every step did what it should.");
        0
    } else {
        println!("\nDemo finished with {} unexpected result(s):", report.failures.len());
        for f in &report.failures {
            println!("  - {f}");
        }
        1
    }
}

// -------------------------------------------------------------------------------------
// Steps
// -------------------------------------------------------------------------------------

fn timed_build(app: &mut App) -> (BuildOutcome, Duration) {
    let started = Instant::now();
    let out = app.build();
    (out, started.elapsed())
}

fn print_launch_command(app: &App) {
    let cmd = app.process_command("release", &[("DATABASE_URL", "…")]);
    let args: Vec<String> = cmd.get_args().map(|a| a.to_string_lossy().into_owned()).collect();
    println!("  $ DATABASE_URL=… {} {}   (what the launcher execs; cwd = app dir)", cmd.get_program().to_string_lossy(), args.join(" "));
}

fn run_release(app: &App, url: &str, report: &mut Report) -> ProcessOutcome {
    let started = Instant::now();
    let out = app.run_process("release", &[("DATABASE_URL", url)]);
    let took = started.elapsed();
    let text = format!("{}{}", out.stdout, out.stderr);
    print_block(&text);
    println!("  release: exit code {} in {}", out.exit_code, secs(took));
    if text.contains(pg::PASSWORD) {
        report.check(false, "the database password appeared in the release output");
    }
    out
}

/// Runs `migrations <subcommand>` with the image's launch environment, as `heroku run` would.
fn run_runner(app: &App, subcommand: &str, url: &str, report: &mut Report) -> ProcessOutcome {
    let release = app.process_command("release", &[("DATABASE_URL", url)]);
    let mut cmd = std::process::Command::new(release.get_program());
    cmd.arg(subcommand).env_clear().stdin(std::process::Stdio::null());
    if let Some(dir) = release.get_current_dir() {
        cmd.current_dir(dir);
    }
    for (k, v) in release.get_envs() {
        if let Some(v) = v {
            cmd.env(k, v);
        }
    }
    let started = Instant::now();
    let out = ProcessOutcome::from_output(&cmd.output().expect("run the runner"));
    let text = format!("{}{}", out.stdout, out.stderr);
    print_block(&text);
    println!("  migrations {subcommand}: exit code {} in {}", out.exit_code, secs(started.elapsed()));
    if text.contains(pg::PASSWORD) {
        report.check(false, "the database password appeared in the runner's output");
    }
    out
}

fn tables(pg: &Postgres) -> Vec<String> {
    pg.query(DB, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
}

fn print_schema(pg: &Postgres, tool: ToolKind) {
    println!("  tables now:");
    let columns = pg.query(
        DB,
        "SELECT table_name, string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position)
           FROM information_schema.columns WHERE table_schema = 'public'
          GROUP BY table_name ORDER BY table_name",
    );
    for row in columns {
        let (table, cols) = row.split_once('|').unwrap_or((&row, ""));
        println!("    {table:<18} {cols}");
    }
    let versions = match tool {
        ToolKind::Dbmate => pg.query(DB, "SELECT string_agg(version, ', ' ORDER BY version) FROM schema_migrations"),
        ToolKind::GolangMigrate => pg.query(DB, "SELECT version || CASE WHEN dirty THEN ' (dirty)' ELSE '' END FROM schema_migrations"),
    };
    println!("  schema_migrations: {}", versions.join("").replace("NULL", "(empty)"));
    let constraints = pg.query(
        DB,
        "SELECT string_agg(conname, ', ' ORDER BY conname) FROM pg_constraint WHERE conrelid = 'tasks'::regclass AND contype = 'c'",
    );
    if let Some(c) = constraints.first().filter(|c| *c != "NULL") {
        println!("  CHECK constraints on tasks: {c}");
    }
}

/// `cargo libcnb package --release` with its own target dir, `target/demo-release`
/// (release artifacts share nothing with the tests' debug packaging in
/// `target/lifecycle`, and a long release build must not hold that dir's lock).
fn package_release(root: &Path) -> Result<PathBuf, String> {
    let base = root.join("target/demo-release");
    let package_dir = base.join("packaged");
    let mut cmd = testkit::lifecycle::nested_cargo(root);
    cmd.args(["libcnb", "package", "--release", "--target", TARGET, "--package-dir"])
        .arg(&package_dir)
        .env("CARGO_TARGET_DIR", &base)
        .stdout(Stdio::inherit())
        .stderr(Stdio::inherit());
    let status = cmd.status().map_err(|e| format!("demo: run `cargo libcnb package`: {e}"))?;
    if !status.success() {
        return Err(format!("demo: `cargo libcnb package --release` failed ({status})"));
    }
    let id = lifecycle::buildpack_id(root).ok_or("demo: no [buildpack].id in buildpack.toml")?;
    let dir = package_dir.join(TARGET).join("release").join(lifecycle::escape_id(&id));
    if dir.join("bin/build").exists() { Ok(dir) } else { Err(format!("demo: packaging succeeded but {} has no bin/build", dir.display())) }
}

// -------------------------------------------------------------------------------------
// Output helpers
// -------------------------------------------------------------------------------------

fn section(title: &str) {
    let bar = "=".repeat(88);
    if color() {
        println!("\n\x1b[1;36m{bar}\n{title}\n{bar}\x1b[0m");
    } else {
        println!("\n{bar}\n{title}\n{bar}");
    }
}

/// Colours only on a terminal and without `NO_COLOR`.
fn color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Subprocess output, indented; ANSI colours kept only on a terminal. The test
/// password is never printed.
fn print_block(text: &str) {
    let text = if color() { text.to_string() } else { plain(text) };
    for line in mask(&text).lines() {
        println!("    │ {line}");
    }
}

fn mask(text: &str) -> String {
    text.replace(pg::PASSWORD, "********")
}

/// Removes ANSI escape sequences (CSI `ESC [ … final byte` and two-byte `ESC x`).
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\x1b' {
            out.push(c);
            continue;
        }
        // `ESC [ … final byte`; any other escape is two characters.
        if let Some('[') = chars.next() {
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        }
    }
    out
}

fn migration_files(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).filter(|e| e.path().is_file()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

fn rel(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).display().to_string()
}

fn file_len(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// Bytes of the regular files under `dir` (symlinks not followed).
fn dir_size(dir: &Path) -> u64 {
    lifecycle::list_files(dir)
        .unwrap_or_default()
        .iter()
        .filter_map(|p| std::fs::symlink_metadata(p).ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

/// Size of `tar -czf` of the packaged directory (what a registry download is
/// close to), or None when `tar` is not available.
fn tgz_size(dir: &Path) -> Option<u64> {
    let tmp = tempfile::tempdir().ok()?;
    let out = tmp.path().join("buildpack.tgz");
    let status =
        Command::new("tar").arg("-czf").arg(&out).arg("-C").arg(dir).arg(".").stdout(Stdio::null()).stderr(Stdio::null()).status().ok()?;
    status.success().then(|| file_len(&out))
}

fn human(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
    } else if bytes >= 1024 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} B")
    }
}

fn secs(d: Duration) -> String {
    format!("{:.2}s", d.as_secs_f64())
}
