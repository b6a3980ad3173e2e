//! The benchmarks of issue 7 (1-7), issue 12 (8), issue 15 (9, the catalog fingerprint) and issue 18 (10, big
//! migration files). Each returns its rows for the
//! results table
//! and may append details (sub-tables) to `extra`.

use crate::stats::{Row, Sample, Unit, fmt_mb, fmt_secs, time};
use migrations_buildpack::install::{self, ArtifactFormat, DownloadOptions, ResolvedArtifact};
use migrations_buildpack::migrations::{MigrationSet, checks};
use migrations_buildpack::tool_kind::ToolKind;
use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use testkit::http::{Behavior, Server};
use testkit::lifecycle::{App, restore_layers_in_place};
use testkit::pg::Postgres;
use testkit::tools;

/// Shared state: one PostgreSQL server, a scratch dir, the artifacts under test.
pub struct Ctx {
    pg: Option<Postgres>,
    pub scratch: tempfile::TempDir,
    pub runner: PathBuf,
}

impl Ctx {
    pub fn new() -> Ctx {
        let runner = PathBuf::from(
            std::env::var_os("BENCH_RUNNER").expect("BENCH_RUNNER (the release runner) is not set: run `bash benches/run.sh`"),
        );
        assert!(runner.is_file(), "BENCH_RUNNER={} does not exist", runner.display());
        Ctx { pg: None, scratch: tempfile::Builder::new().prefix("bench-").tempdir().unwrap(), runner }
    }

    pub fn pg(&mut self) -> &Postgres {
        self.pg.get_or_insert_with(Postgres::start)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Engine {
    Dbmate,
    GolangMigrate,
}

const ENGINES: [Engine; 2] = [Engine::Dbmate, Engine::GolangMigrate];

impl Engine {
    fn name(self) -> &'static str {
        match self {
            Engine::Dbmate => "dbmate",
            Engine::GolangMigrate => "golang-migrate",
        }
    }
    /// How the table names it: the double is a stand-in, never the real tool.
    fn label(self) -> &'static str {
        match self {
            Engine::Dbmate => "dbmate (real 2.36.0)",
            Engine::GolangMigrate => "golang-migrate (TEST DOUBLE)",
        }
    }
    fn bin(self) -> PathBuf {
        match self {
            Engine::Dbmate => tools::dbmate(),
            Engine::GolangMigrate => tools::golang_migrate_double(),
        }
    }
}

/// An app dir (`<dir>/db/migrations`) with migrations laid out for `engine`.
struct MigDir {
    engine: Engine,
    root: PathBuf,
}

impl MigDir {
    fn new(engine: Engine, root: PathBuf) -> MigDir {
        fs::create_dir_all(root.join("db/migrations")).unwrap();
        MigDir { engine, root }
    }
    fn dir(&self) -> PathBuf {
        self.root.join("db/migrations")
    }
    fn add(&self, n: u32, up: &str, down: &str) {
        let d = self.dir();
        match self.engine {
            Engine::Dbmate => {
                fs::write(d.join(format!("2024010100{n:04}_step{n}.sql")), format!("-- migrate:up\n{up}\n\n-- migrate:down\n{down}\n"))
                    .unwrap();
            }
            Engine::GolangMigrate => {
                fs::write(d.join(format!("{n}_step{n}.up.sql")), up).unwrap();
                fs::write(d.join(format!("{n}_step{n}.down.sql")), down).unwrap();
            }
        }
    }
    fn step(&self, n: u32) {
        self.add(n, &format!("CREATE TABLE t{n} (id int PRIMARY KEY);\nINSERT INTO t{n} VALUES ({n});"), &format!("DROP TABLE t{n};"));
    }

    /// `migrations release` (the shipped runner), run directly as the launcher would
    /// exec it: clean env, the tool on `PATH`, settings the build's launch layer sets.
    fn runner(&self, runner: &Path, url: &str) -> Command {
        let mut c = Command::new(runner);
        c.arg("release")
            .current_dir(&self.root)
            .env_clear()
            .env("PATH", format!("{}:/usr/local/bin:/usr/bin:/bin", self.engine.bin().parent().unwrap().display()))
            .env("HOME", &self.root)
            .env("MIGRATIONS_TOOL", self.engine.name())
            .env("MIGRATIONS_DIR", "db/migrations")
            .env("DATABASE_URL", url)
            .stdin(Stdio::null());
        c
    }

    /// The raw tool's `up`, as a user would run it by hand.
    fn raw_up(&self, url: &str) -> Command {
        let mut c = Command::new(self.engine.bin());
        c.current_dir(&self.root).env_clear().env("PATH", "/usr/local/bin:/usr/bin:/bin").env("HOME", &self.root).stdin(Stdio::null());
        match self.engine {
            Engine::Dbmate => {
                c.env("DATABASE_URL", url).args(["--migrations-dir", "db/migrations", "--no-dump-schema", "up"]);
            }
            Engine::GolangMigrate => {
                c.args(["-path", "db/migrations", "-database", url, "up"]);
            }
        }
        c
    }
}

/// Runs to completion; panics with the output unless the exit code is `want`.
fn run_expect(mut cmd: Command, want: i32, what: &str) -> Duration {
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let (d, out) = time(|| cmd.output().unwrap());
    assert_eq!(
        out.status.code(),
        Some(want),
        "{what}: unexpected exit\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    d
}

fn secs(v: &[Duration]) -> Sample {
    Sample::new(v.iter().map(Duration::as_secs_f64).collect())
}

fn ratio_row(bench: &str, figure: String, subject: &Sample, baseline: &Sample, target: &str, limit: f64, unit: Unit) -> Row {
    let ratio = subject.median() / baseline.median();
    Row {
        bench: bench.into(),
        figure,
        value: unit.summary(subject),
        baseline: unit.summary(baseline),
        ratio: format!("{ratio:.2}×"),
        target: target.into(),
        met: Some(ratio <= limit),
    }
}

// ------------------------------------------------------------------------------------------
// 1. Warm rebuild vs cold build (bin/build only)
// ------------------------------------------------------------------------------------------

/// Runs the packaged `bin/build` exactly as `App::build` does, without the
/// lifecycle's own work around it (detect, restore, export copies).
fn bin_build(app: &App, plan: &Path) -> (Duration, String) {
    let bp = app.buildpack_dir();
    let layers = app.layers_dir();
    let mut cmd = Command::new(bp.join("bin/build"));
    cmd.arg(&layers)
        .arg(app.platform_dir())
        .arg(plan)
        .current_dir(app.app_dir())
        .env_clear()
        .envs(app.buildpack_process_env())
        .env("CNB_BUILDPACK_DIR", &bp)
        .env("CNB_PLATFORM_DIR", app.platform_dir())
        .env("CNB_BP_PLAN_PATH", plan)
        .env("CNB_LAYERS_DIR", &layers)
        .env("CNB_TARGET_OS", "linux")
        .env("CNB_TARGET_ARCH", "amd64")
        .env("CNB_TARGET_DISTRO_NAME", "ubuntu")
        .env("CNB_TARGET_DISTRO_VERSION", "24.04")
        .stdin(Stdio::null());
    let (d, out) = time(|| cmd.output().unwrap());
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "bin/build failed:\n{text}");
    (d, text)
}

pub fn warm_vs_cold(ctx: &mut Ctx, extra: &mut String) -> Vec<Row> {
    const COLD: usize = 7;
    const WARM: usize = 15;
    let mut app = App::from_fixture("test-fixtures/dbmate-basic");
    let server = Server::start();
    server.route("/dbmate-linux-amd64", Behavior::file(tools::dbmate()));
    app.env("BP_MIGRATIONS_TOOL_URL", &server.url("/dbmate-linux-amd64"));
    app.env("BP_MIGRATIONS_TOOL_SHA256", tools::DBMATE_SHA256);
    let detect = app.detect();
    assert!(detect.passed(), "detect failed: {}{}", detect.stdout, detect.stderr);
    let plan = ctx.scratch.path().join("bp-plan.toml");
    fs::write(&plan, toml::to_string(&detect.buildpack_plan).unwrap()).unwrap();
    let layers = app.layers_dir();

    let mut cold = Vec::new();
    let mut warm = Vec::new();
    let mut warm_requests = 0;
    let mut cold_requests = Vec::new();
    for i in 0..COLD.max(WARM) {
        if i < COLD {
            // Cold: first build, empty layers dir (no cache, no previous image).
            let _ = fs::remove_dir_all(app.layers_root());
            fs::create_dir_all(&layers).unwrap();
            let before = server.requests();
            let (d, text) = bin_build(&app, &plan);
            assert!(!text.contains("Reusing"), "cold build reused something:\n{text}");
            cold_requests.push(server.requests() - before);
            cold.push(d);
        }
        // Warm: the previous build's layers restored as the lifecycle would (untimed).
        restore_layers_in_place(&layers, true).unwrap();
        let before = server.requests();
        let (d, text) = bin_build(&app, &plan);
        assert!(text.contains("Reusing"), "warm build did not reuse the tool:\n{text}");
        warm_requests += server.requests() - before;
        warm.push(d);
    }
    assert!(cold_requests.iter().all(|&n| n >= 1), "a cold build made no request: {cold_requests:?}");
    let (cold, warm) = (secs(&cold), secs(&warm));
    let speedup = cold.median() / warm.median();
    let _ = writeln!(
        extra,
        "Bench 1: bin/build of test-fixtures/dbmate-basic (dbmate 34 MB bare binary from the local server); \
         cold = empty layers dir, warm = layers restored from the previous build (restore not timed). \
         HTTP requests per cold build: {cold_requests:?}; on all {WARM} warm builds together: {warm_requests}."
    );
    vec![
        Row {
            bench: "1".into(),
            figure: "warm rebuild, bin/build (tool cached)".into(),
            value: Unit::Secs.summary(&warm),
            baseline: format!("cold build {}", Unit::Secs.summary(&cold)),
            ratio: format!("{speedup:.1}× faster"),
            target: "≥ 100× faster".into(),
            met: Some(speedup >= 100.0),
        },
        Row {
            bench: "1".into(),
            figure: "HTTP requests on the warm path".into(),
            value: format!("{warm_requests} (in {WARM} warm builds)"),
            baseline: format!("cold: {} per build", cold_requests[0]),
            ratio: String::new(),
            target: "0".into(),
            met: Some(warm_requests == 0),
        },
    ]
}

// ------------------------------------------------------------------------------------------
// 2. Cold install vs curl | tar
// ------------------------------------------------------------------------------------------

pub fn install_vs_curl(ctx: &mut Ctx, extra: &mut String) -> Vec<Row> {
    const N: usize = 9;
    let scratch = ctx.scratch.path().join("install");
    fs::create_dir_all(&scratch).unwrap();
    // golang-migrate format: a tar.gz with `migrate` at its root. Its contents are a
    // real 34 MB Go executable (dbmate's bytes), so it compresses like the real
    // golang-migrate archive; the file is never run.
    let stage = scratch.join("stage");
    fs::create_dir_all(&stage).unwrap();
    fs::copy(tools::dbmate(), stage.join("migrate")).unwrap();
    let tarball = scratch.join("migrate.linux-amd64.tar.gz");
    let ok = Command::new("tar").arg("-czf").arg(&tarball).arg("-C").arg(&stage).arg("migrate").status().unwrap();
    assert!(ok.success());
    let server = Server::start();
    server.route("/dbmate-linux-amd64", Behavior::file(tools::dbmate()));
    server.route("/migrate.linux-amd64.tar.gz", Behavior::file(&tarball));

    let cases = [
        ("bare binary (dbmate)", ToolKind::Dbmate, ArtifactFormat::Binary, tools::dbmate(), "/dbmate-linux-amd64"),
        ("tar.gz (golang-migrate layout)", ToolKind::GolangMigrate, ArtifactFormat::TarGz, tarball.clone(), "/migrate.linux-amd64.tar.gz"),
    ];
    let mut rows = Vec::new();
    for (label, tool, format, file, path) in cases {
        let bytes = fs::metadata(&file).unwrap().len();
        let artifact = ResolvedArtifact {
            tool,
            version: "custom".into(),
            url: server.url(path).into(),
            sha256: tools::sha256_file(&file),
            format,
            arch: "amd64".into(),
            license: None,
            custom: true,
        };
        let curl_script = match format {
            ArtifactFormat::Binary => {
                format!("curl -fsSL '{}' -o \"$1/{}\" && chmod 755 \"$1/{}\"", artifact.url, tool.executable(), tool.executable())
            }
            ArtifactFormat::TarGz => format!("curl -fsSL '{}' | tar xz -C \"$1\"", artifact.url),
        };
        let mut ours = Vec::new();
        let mut curl = Vec::new();
        for i in 0..N + 1 {
            let dir_a = tempfile::tempdir_in(&scratch).unwrap();
            let dir_b = tempfile::tempdir_in(&scratch).unwrap();
            let run_ours = || {
                let (d, r) = time(|| install::install(&artifact, dir_a.path(), &DownloadOptions::default()));
                r.unwrap_or_else(|e| panic!("install {label}: {e}"));
                d
            };
            let run_curl = || {
                let (d, s) = time(|| Command::new("sh").args(["-c", &curl_script, "sh"]).arg(dir_b.path()).status().unwrap());
                assert!(s.success(), "{curl_script} failed");
                d
            };
            // Alternate the order; the first round is a warm-up (page cache, server thread).
            let (a, b) = if i % 2 == 0 {
                let a = run_ours();
                (a, run_curl())
            } else {
                let b = run_curl();
                (run_ours(), b)
            };
            assert_eq!(
                fs::metadata(dir_a.path().join(tool.executable())).unwrap().len(),
                fs::metadata(dir_b.path().join(tool.executable())).unwrap().len()
            );
            if i > 0 {
                ours.push(a);
                curl.push(b);
            }
        }
        let (ours, curl) = (secs(&ours), secs(&curl));
        let mbps = |s: &Sample| bytes as f64 / 1e6 / s.median();
        let mut row =
            ratio_row("2", format!("cold install, {label}, {:.1} MB", bytes as f64 / 1e6), &ours, &curl, "≤ 1.10×", 1.10, Unit::Secs);
        row.value = format!("{} = {:.0} MB/s", row.value, mbps(&ours));
        row.baseline = format!("curl {} = {:.0} MB/s", row.baseline, mbps(&curl));
        rows.push(row);
    }
    let _ = writeln!(
        extra,
        "Bench 2: in process, `migrations_buildpack::install::install` (download to a temp file while hashing, \
         SHA-256 check, extract/copy into the bin dir, fsync, rename) vs `sh -c 'curl -fsSL URL | tar xz -C DIR'` \
         (bare binary: `curl -fsSL URL -o DIR/dbmate && chmod 755`), same 127.0.0.1 server, same file; no checksum in the baseline. \
         MB/s = artifact bytes / median time."
    );
    rows
}

// ------------------------------------------------------------------------------------------
// 3. Release vs the raw tool's up
// ------------------------------------------------------------------------------------------

pub fn release_vs_raw(ctx: &mut Ctx, extra: &mut String) -> Vec<Row> {
    const N_NOOP: usize = 15;
    const N_200: usize = 7;
    const M: u32 = 200;
    let runner = ctx.runner.clone();
    let root = ctx.scratch.path().join("release");
    let mut rows = Vec::new();
    for engine in ENGINES {
        let app = MigDir::new(engine, root.join(engine.name()));
        for n in 1..=M {
            app.step(n);
        }
        let pg = ctx.pg();
        // Nothing pending: the same 200 migrations, all applied already.
        let db = pg.create_db(&format!("noop_{}", engine.name().replace('-', "_")));
        let url = pg.url(&db);
        run_expect(app.raw_up(&url), 0, "raw up (setup)");
        let mut ours = Vec::new();
        let mut raw = Vec::new();
        for i in 0..N_NOOP + 1 {
            let (a, b) = if i % 2 == 0 {
                let a = run_expect(app.runner(&runner, &url), 0, "release (nothing pending)");
                (a, run_expect(app.raw_up(&url), 0, "raw up (nothing pending)"))
            } else {
                let b = run_expect(app.raw_up(&url), 0, "raw up (nothing pending)");
                (run_expect(app.runner(&runner, &url), 0, "release (nothing pending)"), b)
            };
            if i > 0 {
                ours.push(a);
                raw.push(b);
            }
        }
        rows.push(ratio_row(
            "3",
            format!("release, nothing pending (200 applied), {}", engine.label()),
            &secs(&ours),
            &secs(&raw),
            "≤ 1.5×",
            1.5,
            Unit::Secs,
        ));
        // 200 pending: a fresh database for every run (creation not timed).
        let mut ours = Vec::new();
        let mut raw = Vec::new();
        for i in 0..N_200 {
            let db_a = pg.create_db("pending_a");
            let db_b = pg.create_db("pending_b");
            let (ua, ub) = (pg.url(&db_a), pg.url(&db_b));
            let (a, b) = if i % 2 == 0 {
                let a = run_expect(app.runner(&runner, &ua), 0, "release (200 pending)");
                (a, run_expect(app.raw_up(&ub), 0, "raw up (200 pending)"))
            } else {
                let b = run_expect(app.raw_up(&ub), 0, "raw up (200 pending)");
                (run_expect(app.runner(&runner, &ua), 0, "release (200 pending)"), b)
            };
            let count = |db: &str| pg.query(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 't%'");
            assert_eq!(count(&db_a), vec![M.to_string()], "release did not apply all {M}");
            assert_eq!(count(&db_b), vec![M.to_string()], "raw up did not apply all {M}");
            ours.push(a);
            raw.push(b);
        }
        rows.push(ratio_row(
            "3",
            format!("release, 200 pending, {}", engine.label()),
            &secs(&ours),
            &secs(&raw),
            "≤ 1.05×",
            1.05,
            Unit::Secs,
        ));
    }
    let _ = writeln!(
        extra,
        "Bench 3: the shipped release runner (`migrations release`, static musl release build) run directly with a clean env, vs \
         the same tool binary run by hand (`dbmate --migrations-dir db/migrations --no-dump-schema up` / `migrate -path db/migrations -database URL up`), \
         same PostgreSQL (127.0.0.1, scram-sha-256 auth, fsync off), runs interleaved. Each trivial migration: CREATE TABLE + one INSERT. \
         golang-migrate rows use the project's TEST DOUBLE (a Rust stand-in for the Go CLI), so they measure the runner's overhead around that double, not the real tool."
    );
    rows
}

// ------------------------------------------------------------------------------------------
// 8. Atomic release (issue 12): `all` mode and the fast path vs the raw tool's up
// ------------------------------------------------------------------------------------------

pub fn atomic_release(ctx: &mut Ctx, extra: &mut String) -> Vec<Row> {
    const N_NOOP: usize = 15;
    const N_200: usize = 7;
    const M: u32 = 200;
    let runner = ctx.runner.clone();
    let root = ctx.scratch.path().join("atomic");
    let mut rows = Vec::new();
    for engine in ENGINES {
        let app = MigDir::new(engine, root.join(engine.name()));
        for n in 1..=M {
            app.step(n);
        }
        let release = |url: &str| {
            let mut c = app.runner(&runner, url);
            c.env("MIGRATIONS_TX_MODE", "all");
            c
        };
        let pg = ctx.pg();
        // 200 pending, one transaction and one version write per file inside it, vs the tool's
        // one transaction (and two version writes) per file. A fresh database for every run.
        let mut ours = Vec::new();
        let mut raw = Vec::new();
        for i in 0..N_200 {
            let db_a = pg.create_db("atomic_a");
            let db_b = pg.create_db("atomic_b");
            let (ua, ub) = (pg.url(&db_a), pg.url(&db_b));
            let (a, b) = if i % 2 == 0 {
                let a = run_expect(release(&ua), 0, "all release (200 pending)");
                (a, run_expect(app.raw_up(&ub), 0, "raw up (200 pending)"))
            } else {
                let b = run_expect(app.raw_up(&ub), 0, "raw up (200 pending)");
                (run_expect(release(&ua), 0, "all release (200 pending)"), b)
            };
            let count = |db: &str| pg.query(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 't%'");
            assert_eq!(count(&db_a), vec![M.to_string()], "the all release did not apply all {M}");
            assert_eq!(count(&db_b), vec![M.to_string()], "raw up did not apply all {M}");
            ours.push(a);
            raw.push(b);
        }
        rows.push(ratio_row(
            "8",
            format!("all mode, 200 pending, {}", engine.label()),
            &secs(&ours),
            &secs(&raw),
            "≤ 0.5×",
            0.5,
            Unit::Secs,
        ));
        // Nothing pending: the runner reads the version table itself and starts no tool process.
        let db = pg.create_db(&format!("atomic_noop_{}", engine.name().replace('-', "_")));
        let url = pg.url(&db);
        run_expect(app.raw_up(&url), 0, "raw up (setup)");
        let mut ours = Vec::new();
        let mut raw = Vec::new();
        for i in 0..N_NOOP + 1 {
            let (a, b) = if i % 2 == 0 {
                let a = run_expect(release(&url), 0, "release (nothing pending)");
                (a, run_expect(app.raw_up(&url), 0, "raw up (nothing pending)"))
            } else {
                let b = run_expect(app.raw_up(&url), 0, "raw up (nothing pending)");
                (run_expect(release(&url), 0, "release (nothing pending)"), b)
            };
            if i > 0 {
                ours.push(a);
                raw.push(b);
            }
        }
        rows.push(ratio_row(
            "8",
            format!("nothing pending (200 applied), no tool process, {}", engine.label()),
            &secs(&ours),
            &secs(&raw),
            "≤ 1.0×",
            1.0,
            Unit::Secs,
        ));
        for mode in ["all", "file"] {
            rows.push(watcher_cost(ctx, &app, &runner, mode));
        }
    }
    let _ = writeln!(
        extra,
        "Bench 8, watcher (issue 20): the same 200-pending release with the blocking guard and progress lines at their defaults \
         (MIGRATIONS_MAX_BLOCKING=15s, MIGRATIONS_PROGRESS_INTERVAL=10s: one look every 250 ms at the release's statements and at \
         the sessions waiting behind them) vs both `off` (the watcher then only cancels on a stop and notes lock waits; in file \
         mode none runs), a fresh database per run, interleaved, first pair discarded."
    );
    let _ = writeln!(
        extra,
        "Bench 8: `migrations release` with MIGRATIONS_TX_MODE=all (every pending migration in one transaction on the runner's own \
         session, the version table written around each file as the tool does, one COMMIT, then one `migrate version` / `dbmate status` \
         to cross-check) vs the raw tool's `up` (one transaction per file), same trivial migrations as bench 3, runs interleaved. \
         Nothing pending: the runner reads the version table itself and starts no tool process."
    );
    rows
}

/// Bench 8, the watcher's cost (issue 20): 200 pending in `mode` with the blocking guard and the
/// progress lines on (their defaults) vs both off, a fresh database per run, interleaved.
fn watcher_cost(ctx: &mut Ctx, app: &MigDir, runner: &Path, mode: &str) -> Row {
    const N: usize = 11;
    let pg = ctx.pg();
    let release = |url: &str, watched: bool| {
        let mut c = app.runner(runner, url);
        c.env("MIGRATIONS_TX_MODE", mode);
        if !watched {
            c.env("MIGRATIONS_MAX_BLOCKING", "off").env("MIGRATIONS_PROGRESS_INTERVAL", "off");
        }
        c
    };
    let (mut on, mut off) = (Vec::new(), Vec::new());
    for i in 0..N + 1 {
        let (ua, ub) = (pg.url(&pg.create_db("watch_a")), pg.url(&pg.create_db("watch_b")));
        let (a, b) = if i % 2 == 0 {
            let a = run_expect(release(&ua, true), 0, "release, guard and progress on");
            (a, run_expect(release(&ub, false), 0, "release, guard and progress off"))
        } else {
            let b = run_expect(release(&ub, false), 0, "release, guard and progress off");
            (run_expect(release(&ua, true), 0, "release, guard and progress on"), b)
        };
        if i > 0 {
            on.push(a);
            off.push(b);
        }
    }
    let figure = format!("guard + progress on vs off, {mode} mode, 200 pending, {}", app.engine.label());
    ratio_row("8", figure, &secs(&on), &secs(&off), "≤ 1.02×", 1.02, Unit::Secs)
}

// ------------------------------------------------------------------------------------------
// 4. Undo cost
// ------------------------------------------------------------------------------------------

/// Runs the runner; returns (total, time from the "undoing" line to exit, exit code).
fn timed_undo(cmd: &mut Command) -> (Duration, Option<Duration>, i32, String) {
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let started = Instant::now();
    let mut child = cmd.spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let undo_at: Arc<Mutex<Option<Instant>>> = Arc::default();
    let seen = Arc::clone(&undo_at);
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        for line in BufReader::new(stdout).lines() {
            let line = line.unwrap_or_default();
            if line.starts_with("migrations: undoing") {
                seen.lock().unwrap().get_or_insert_with(Instant::now);
            }
            text.push_str(&line);
            text.push('\n');
        }
        text
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let status = child.wait().unwrap();
    let ended = Instant::now();
    let text = reader.join().unwrap() + &err_reader.join().unwrap();
    let undo = undo_at.lock().unwrap().map(|t| ended - t);
    (ended - started, undo, status.code().unwrap_or(-1), text)
}

pub fn undo_cost(ctx: &mut Ctx, extra: &mut String) -> Vec<Row> {
    const REPS: usize = 3;
    const KS: [u32; 3] = [1, 10, 100];
    let runner = ctx.runner.clone();
    let root = ctx.scratch.path().join("undo");
    let pg = ctx.pg();
    // Unrelated data the undo must not scale with.
    let sizes = [("1k", 1_000u64), ("1M", 1_000_000u64)];
    let mut dbs = Vec::new();
    for (label, rows) in sizes {
        let db = pg.create_db(&format!("undo_{}", label.to_lowercase()));
        pg.query(
            &db,
            &format!(
                "CREATE TABLE unrelated (id bigint PRIMARY KEY, payload text NOT NULL); \
                 INSERT INTO unrelated SELECT g, md5(g::text) FROM generate_series(1, {rows}) g; ANALYZE unrelated"
            ),
        );
        let size = pg.query(&db, "SELECT pg_database_size(current_database())");
        dbs.push((label, db, size[0].parse::<f64>().unwrap_or(0.0)));
    }
    let mut rows = Vec::new();
    let _ = writeln!(
        extra,
        "\nBench 4: undo time (from the runner's \"undoing\" line to its exit: the undo steps, the verification and the report), \
         after k trivial migrations applied and migration k+1 failed; median [min–max] of {REPS} runs. Database sizes: {}.\n",
        dbs.iter().map(|(l, _, s)| format!("{l} rows = {}", fmt_mb(*s))).collect::<Vec<_>>().join(", ")
    );
    let _ = writeln!(extra, "| engine | k | undo, 1k rows | undo, 1M rows | 1M/1k | per undone migration (1M rows) |");
    let _ = writeln!(extra, "|---|---|---|---|---|---|");
    for engine in ENGINES {
        let mut medians: Vec<(u32, f64, f64)> = Vec::new();
        for k in KS {
            let app = MigDir::new(engine, root.join(format!("{}-{k}", engine.name())));
            for n in 1..=k {
                app.step(n);
            }
            app.add(
                k + 1,
                &format!("CREATE TABLE t{0} (id int);\nINSERT INTO no_such_table VALUES ({0});", k + 1),
                &format!("DROP TABLE t{};", k + 1),
            );
            let mut per_size = Vec::new();
            for (_, db, _) in &dbs {
                let url = pg.url(db);
                let mut undo = Vec::new();
                for _ in 0..REPS {
                    let (_, u, code, text) = timed_undo(&mut app.runner(&runner, &url));
                    assert_eq!(code, 1, "expected a failed, restored release (exit 1):\n{text}");
                    undo.push(u.unwrap_or_else(|| panic!("no undo line in:\n{text}")));
                }
                per_size.push(secs(&undo));
            }
            let (small, big) = (&per_size[0], &per_size[1]);
            let size_ratio = big.median() / small.median();
            let _ = writeln!(
                extra,
                "| {} | {k} | {} | {} | {size_ratio:.2}× | {} |",
                engine.label(),
                Unit::Secs.summary(small),
                Unit::Secs.summary(big),
                fmt_secs(big.median() / f64::from(k))
            );
            rows.push(Row {
                bench: "4".into(),
                figure: format!("undo k={k}, 1M-row table, {}", engine.label()),
                value: Unit::Secs.summary(big),
                baseline: format!("1k rows {}", Unit::Secs.summary(small)),
                ratio: format!("{size_ratio:.2}×"),
                target: "≤ 1.25× (size-independent)".into(),
                met: Some(size_ratio <= 1.25),
            });
            medians.push((k, small.median(), big.median()));
        }
        // Linear in k: the cost per extra migration from 10 to 100 is about the cost per
        // extra migration from 1 to 10 (a fixed part plus a constant per migration).
        let slope = |a: (u32, f64), b: (u32, f64)| (b.1 - a.1) / f64::from(b.0 - a.0);
        let m = |i: usize| (medians[i].0, (medians[i].1 + medians[i].2) / 2.0);
        let (s1, s2) = (slope(m(0), m(1)), slope(m(1), m(2)));
        let r = s2 / s1;
        rows.push(Row {
            bench: "4".into(),
            figure: format!("undo growth in k, {}: per extra migration 10→100 vs 1→10", engine.label()),
            value: fmt_secs(s2),
            baseline: fmt_secs(s1),
            ratio: format!("{r:.2}×"),
            target: "0.5–2× (linear)".into(),
            met: Some((0.5..=2.0).contains(&r)),
        });
    }
    rows
}

// ------------------------------------------------------------------------------------------
// 5. Build-time checks
// ------------------------------------------------------------------------------------------

/// `alter`: each migration also alters the previous one's table (`ALTER TABLE … ADD COLUMN`), so that
/// the lock-safety rules (issue 20) run squawk's parser on every file.
fn write_check_set(engine: Engine, dir: &Path, files: u32, alter: bool) {
    fs::create_dir_all(dir).unwrap();
    let create = |n: u32| {
        let alter = if alter && n > 1 { format!("\nALTER TABLE t{} ADD COLUMN note{n} text;", n - 1) } else { String::new() };
        format!(
            "-- step {n}\nCREATE TABLE t{n} (id bigint PRIMARY KEY, name text NOT NULL DEFAULT '', created_at timestamptz NOT NULL DEFAULT now());\nINSERT INTO t{n} (id, name) VALUES ({n}, 'row {n}');{alter}"
        )
    };
    match engine {
        Engine::Dbmate => {
            for n in 1..=files {
                fs::write(
                    dir.join(format!("{:014}_step{n}.sql", 20_240_101_000_000u64 + u64::from(n))),
                    format!("-- migrate:up\n{}\n\n-- migrate:down\nDROP TABLE t{n};\n", create(n)),
                )
                .unwrap();
            }
        }
        Engine::GolangMigrate => {
            for n in 1..=files / 2 {
                fs::write(dir.join(format!("{n:06}_step{n}.up.sql")), create(n)).unwrap();
                fs::write(dir.join(format!("{n:06}_step{n}.down.sql")), format!("DROP TABLE t{n};\n")).unwrap();
            }
        }
    }
}

pub fn checks_scaling(ctx: &mut Ctx, extra: &mut String) -> Vec<Row> {
    let root = ctx.scratch.path().join("checks");
    let mut rows = Vec::new();
    for engine in ENGINES {
        let tool = match engine {
            Engine::Dbmate => ToolKind::Dbmate,
            Engine::GolangMigrate => ToolKind::GolangMigrate,
        };
        let mut per_file = Vec::new();
        for (files, alter) in [(100u32, false), (1_000, false), (10_000, false), (10_000, true)] {
            let dir = root.join(format!("{}-{files}{}", engine.name(), if alter { "-alter" } else { "" }));
            write_check_set(engine, &dir, files, alter);
            let reps = if files >= 10_000 { 9 } else { 21 };
            let mut times = Vec::new();
            let mut findings = 0;
            for i in 0..reps + 1 {
                let (d, n) = time(|| {
                    let set = MigrationSet::load(&dir, tool).unwrap();
                    // A rebuild: the previous build knew every version but the newest.
                    let mut previous: Vec<String> = set.migrations.iter().map(|m| m.version.clone()).collect();
                    previous.pop();
                    let report = checks::run(&set, &checks::CheckOptions { previous_versions: Some(previous), ..Default::default() });
                    assert_eq!(set.migrations.len() as u32, if engine == Engine::Dbmate { files } else { files / 2 });
                    report.findings.len()
                });
                findings = n;
                if i > 0 {
                    times.push(d);
                }
            }
            let s = secs(&times);
            per_file.push((files, s.median() / f64::from(files)));
            let met = (files == 10_000).then(|| s.median() <= 0.100);
            let with = if alter { ", each with an ALTER TABLE" } else { "" };
            rows.push(Row {
                bench: "5".into(),
                figure: format!("load + checks, {files} files{with}, {} ({findings} findings)", engine.name()),
                value: Unit::Secs.summary(&s),
                baseline: String::new(),
                ratio: format!("{:.1} µs/file", s.median() / f64::from(files) * 1e6),
                target: if files == 10_000 { "≤ 100 ms".into() } else { String::new() },
                met,
            });
        }
        let r = per_file[2].1 / per_file[1].1;
        rows.push(Row {
            bench: "5".into(),
            figure: format!("linear growth, {}: per-file time 10,000 vs 1,000", engine.name()),
            value: format!("{:.1} µs/file", per_file[2].1 * 1e6),
            baseline: format!("{:.1} µs/file", per_file[1].1 * 1e6),
            ratio: format!("{r:.2}×"),
            target: "≤ 1.5× (linear)".into(),
            met: Some(r <= 1.5),
        });
    }
    let _ = writeln!(
        extra,
        "\nBench 5: in process (this driver is built with the bench profile, which inherits the shipped release profile: \
         opt-level z, fat LTO, 1 codegen unit), `MigrationSet::load` + `checks::run` as a rebuild (previous versions known), \
         files written once and read from the page cache (first run discarded). dbmate: N single files; golang-migrate: N/2 up+down pairs. \
         \"each with an ALTER TABLE\": every migration also adds a column to the previous one's table, so the lock-safety rules \
         (issue 20) parse every file with squawk's parser (the other sets have no statement they look at)."
    );
    rows
}

// ------------------------------------------------------------------------------------------
// 6. Memory
// ------------------------------------------------------------------------------------------

fn vm_hwm_kib(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Runs `cmd`, polling the runner's own VmHWM (not its children's) every millisecond.
/// Returns (peak RSS bytes, bytes on stdout+stderr, exit code, head of the output).
fn peak_rss(cmd: &mut Command) -> (u64, u64, i32, String) {
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let pid = child.id();
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 1 << 16];
            let mut total = 0u64;
            let mut head = Vec::new();
            loop {
                match r.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        total += n as u64;
                        if head.len() < 4096 {
                            head.extend_from_slice(&buf[..n.min(4096)]);
                        }
                    }
                }
            }
            (total, head)
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let mut peak = 0;
    let status = loop {
        if let Some(kib) = vm_hwm_kib(pid) {
            peak = peak.max(kib);
        }
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        std::thread::sleep(Duration::from_millis(1));
    };
    let (o, oh) = out.join().unwrap();
    let (e, eh) = err.join().unwrap();
    let head = format!("{}{}", String::from_utf8_lossy(&oh), String::from_utf8_lossy(&eh));
    (peak * 1024, o + e, status.code().unwrap_or(-1), head)
}

pub fn memory(ctx: &mut Ctx, extra: &mut String) -> Vec<Row> {
    let runner = ctx.runner.clone();
    let root = ctx.scratch.path().join("memory");
    let mut rows = Vec::new();
    // Do the tools relay NOTICEs? (If so, a RAISE NOTICE loop would be the natural load.)
    let mut notice = Vec::new();
    for engine in ENGINES {
        let app = MigDir::new(engine, root.join(format!("{}-notice", engine.name())));
        app.add(1, "DO $$ BEGIN RAISE NOTICE 'bench-notice-%', 6 * 7; END $$;", "SELECT 1;");
        let pg = ctx.pg();
        let db = pg.create_db("notice");
        let out = app.runner(&runner, &pg.url(&db)).output().unwrap();
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "notice migration failed:\n{text}");
        notice.push(format!(
            "{}: {}",
            engine.label(),
            if text.contains("bench-notice-42") { "relays NOTICEs" } else { "does not relay NOTICEs" }
        ));
    }
    let _ = writeln!(
        extra,
        "\nBench 6: NOTICE check ({}). The load is therefore a failing migration whose error message is huge \
         (`RAISE EXCEPTION` with N lines of 100 bytes): the tool prints it on stderr, the runner relays every line \
         (cut at 8 KiB) and keeps only the last 200 for its report. Peak RSS = the runner process's own VmHWM from \
         /proc/<pid>/status polled every 1 ms (`/usr/bin/time -v` would report the largest of the runner and its \
         children, i.e. the tool holding the 100 MB message).",
        notice.join("; ")
    );
    for engine in ENGINES {
        let mut base = None;
        for (label, lines) in [("tiny", 1u64), ("10 MB", 100_000), ("100 MB", 1_000_000)] {
            let app = MigDir::new(engine, root.join(format!("{}-{lines}", engine.name())));
            app.add(1, &format!("DO $$ BEGIN RAISE EXCEPTION '%', repeat(repeat('x', 99) || E'\\n', {lines}); END $$;"), "SELECT 1;");
            let reps = if lines >= 1_000_000 { 2 } else { 3 };
            let mut peaks = Vec::new();
            let mut relayed = 0;
            for _ in 0..reps {
                let pg = ctx.pg();
                let db = pg.create_db("memory");
                // A tool that hangs on the huge message is stopped by the runner's own deadline.
                let mut cmd = app.runner(&runner, &pg.url(&db));
                cmd.env("MIGRATIONS_TIMEOUT", "20s");
                let (peak, bytes, code, head) = peak_rss(&mut cmd);
                assert_eq!(code, 1, "expected a failed, restored release:\n{head}");
                peaks.push(peak as f64);
                relayed = bytes;
            }
            let s = Sample::new(peaks);
            let ok = s.max() <= 16e6;
            let baseline = *base.get_or_insert(s.median());
            // Did the output really go through the runner? (dbmate hangs on a multi-MB error.)
            let delivered = relayed * 2 >= lines * 100;
            rows.push(Row {
                bench: "6".into(),
                figure: format!(
                    "runner peak RSS, {label} error output ({} relayed{}), {}",
                    fmt_mb(relayed as f64),
                    if delivered { "" } else { ": the tool never printed it" },
                    engine.label()
                ),
                value: Unit::Mb.summary(&s),
                baseline: format!("tiny output {}", fmt_mb(baseline)),
                ratio: format!("{:.2}×", s.median() / baseline),
                target: "≤ 16 MB, flat".into(),
                met: delivered.then_some(ok && s.median() <= baseline + 2e6),
            });
        }
    }
    rows
}

// ------------------------------------------------------------------------------------------
// 7. Sizes
// ------------------------------------------------------------------------------------------

pub fn sizes(ctx: &mut Ctx, extra: &mut String) -> Vec<Row> {
    let package = testkit::lifecycle::packaged_buildpack();
    let files = testkit::lifecycle::list_files(&package).unwrap();
    let total: u64 = files.iter().filter_map(|f| fs::symlink_metadata(f).ok()).map(|m| m.len()).sum();
    let tgz = ctx.scratch.path().join("package.tgz");
    let ok = Command::new("tar").arg("-czf").arg(&tgz).arg("-C").arg(&package).arg(".").status().unwrap();
    assert!(ok.success());
    let compressed = fs::metadata(&tgz).unwrap().len();
    let runner = fs::metadata(&ctx.runner).unwrap().len();
    let describe = |p: &Path| {
        Command::new("file")
            .arg("-b")
            .arg(p)
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_else(|_| "(no `file` command)".into())
    };
    let _ = writeln!(extra, "\nBench 7: packaged buildpack {}:", package.display());
    for f in &files {
        let len = fs::symlink_metadata(f).map(|m| m.len()).unwrap_or(0);
        let _ = writeln!(extra, "- {} {} ({})", f.strip_prefix(&package).unwrap().display(), fmt_mb(len as f64), describe(f));
    }
    let _ = writeln!(extra, "- runner under test: {} ({})", ctx.runner.display(), describe(&ctx.runner));
    let static_ok = describe(&ctx.runner).contains("static");
    vec![
        Row::info(
            "7",
            "packaged buildpack (cargo libcnb package --release), all files",
            format!("{} (tar.gz {})", fmt_mb(total as f64), fmt_mb(compressed as f64)),
        ),
        Row {
            bench: "7".into(),
            figure: "static release runner `migrations`".into(),
            value: format!("{} ({})", fmt_mb(runner as f64), if static_ok { "statically linked" } else { "NOT reported static" }),
            baseline: String::new(),
            ratio: String::new(),
            // 6 MB since the lock-safety checks (issue 20): the runner's `migrations check` runs the
            // build's checks, squawk's parser and linter included (+0.86 MB). See BENCHMARKS.md.
            target: "≤ 6 MB".into(),
            met: Some(runner <= 6_000_000),
        },
    ]
}

// ------------------------------------------------------------------------------------------
// 9. Catalog fingerprint (issue 15)
// ------------------------------------------------------------------------------------------

/// A schema of `tables` tables, each with a bigserial key, two columns with
/// defaults, a foreign key to the previous table, a secondary index and a
/// check constraint: per table 1 relation, 1 sequence, 4 columns, 2 indexes,
/// 3 constraints.
fn many_tables(pg: &Postgres, db: &str, tables: u32) {
    let mut sql = String::new();
    for i in 1..=tables {
        let fk = if i == 1 { String::new() } else { format!(", ref_id bigint REFERENCES t{} (id)", i - 1) };
        let _ = write!(
            sql,
            "CREATE TABLE t{i} (id bigserial PRIMARY KEY, name text NOT NULL DEFAULT '', \
             created_at timestamptz NOT NULL DEFAULT now(){fk}, CHECK (name <> 'x'));\n\
             CREATE INDEX t{i}_name_idx ON t{i} (name);\n"
        );
        if i % 250 == 0 || i == tables {
            pg.query(db, &sql);
            sql.clear();
        }
    }
}

fn pg_dump_schema(pg: &Postgres, db: &str) -> Duration {
    let mut cmd = Command::new(pg.bindir().join("pg_dump"));
    cmd.args(["--schema-only", "--no-owner", "--no-privileges", "-h", "127.0.0.1", "-U", testkit::pg::USER, "-p"])
        .arg(pg.port().to_string())
        .arg(db)
        .env("PGPASSWORD", testkit::pg::PASSWORD)
        .stdout(Stdio::null());
    run_expect(cmd, 0, "pg_dump --schema-only")
}

pub fn fingerprint_cost(ctx: &mut Ctx, extra: &mut String) -> Vec<Row> {
    use migrations_buildpack::catalog;
    const REPS: usize = 7;
    let pg = ctx.pg();
    let small = pg.create_db("fp_200");
    many_tables(pg, &small, 200);
    let big = pg.create_db("fp_2000");
    many_tables(pg, &big, 2000);
    let mut client = pg.client(&big);
    let objects = catalog::fingerprint(&mut client, &[]).expect("fingerprint").len();

    // Interleaved: fingerprint, trivial catalog query, pg_dump --schema-only.
    let (mut fp, mut count, mut dump) = (Vec::new(), Vec::new(), Vec::new());
    for rep in 0..=REPS {
        let (f, _) = time(|| catalog::fingerprint(&mut client, &[]).expect("fingerprint"));
        let (c, _) = time(|| client.query_one("SELECT count(*) FROM pg_class", &[]).expect("count"));
        let d = pg_dump_schema(pg, &big);
        if rep > 0 {
            fp.push(f);
            count.push(c);
            dump.push(d);
        }
    }
    let mut small_client = pg.client(&small);
    let mut fp_small = Vec::new();
    for rep in 0..=REPS {
        let (f, _) = time(|| catalog::fingerprint(&mut small_client, &[]).expect("fingerprint"));
        if rep > 0 {
            fp_small.push(f);
        }
    }
    // The same schema with a million rows in one table and statistics: the fingerprint reads no table.
    pg.query(&big, "INSERT INTO t1 (name) SELECT md5(g::text) FROM generate_series(1, 1000000) g; ANALYZE");
    let mut fp_data = Vec::new();
    for rep in 0..=REPS {
        let (f, _) = time(|| catalog::fingerprint(&mut client, &[]).expect("fingerprint"));
        if rep > 0 {
            fp_data.push(f);
        }
    }
    let (fp, count, dump, fp_small, fp_data) = (secs(&fp), secs(&count), secs(&dump), secs(&fp_small), secs(&fp_data));
    let growth = fp.median() / fp_small.median();
    let _ = writeln!(
        extra,
        "\nBench 9: catalog fingerprint of a schema of 2,000 tables ({objects} objects: per table a relation, a sequence, \
         4 columns, 2 indexes, 3 constraints, plus the schema); one query on an open session, median [min–max] of {REPS} runs \
         after a warm-up. 200 tables: {}; 2,000 tables: {} ({growth:.1}× for 10× the objects); the same 2,000 tables with \
         1,000,000 rows in one of them: {}. A trivial catalog query (`SELECT count(*) FROM pg_class`) takes {} on the same session.",
        Unit::Secs.summary(&fp_small),
        Unit::Secs.summary(&fp),
        Unit::Secs.summary(&fp_data),
        Unit::Secs.summary(&count),
    );
    vec![
        ratio_row("9", "fingerprint, 2,000 tables (vs pg_dump --schema-only)".into(), &fp, &dump, "≤ 1×", 1.0, Unit::Secs),
        ratio_row(
            "9",
            "fingerprint, 2,000 tables + 1M rows (vs no rows)".into(),
            &fp_data,
            &fp,
            "≤ 1.25× (data-independent)",
            1.25,
            Unit::Secs,
        ),
        Row {
            bench: "9".into(),
            figure: "fingerprint growth, 2,000 vs 200 tables".into(),
            value: Unit::Secs.summary(&fp),
            baseline: Unit::Secs.summary(&fp_small),
            ratio: format!("{growth:.1}×"),
            target: "≤ 15× for 10× the objects (linear)".into(),
            met: Some(growth <= 15.0),
        },
    ]
}

// ------------------------------------------------------------------------------------------
// 10. Big migration files (issue 18): peak RSS / file size, runner and tool
// ------------------------------------------------------------------------------------------

/// How the seed data is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SeedShape {
    /// One `INSERT … VALUES` of every row (one statement of the file's size).
    OneInsert,
    /// The same rows as one `INSERT` statement each.
    ManyInserts,
}

impl SeedShape {
    fn label(self, rows: u64) -> String {
        match self {
            SeedShape::OneInsert => format!("one INSERT of {}k rows", rows / 1000),
            SeedShape::ManyInserts => format!("{}k INSERT statements", rows / 1000),
        }
    }
}

/// A seed-data migration of about `bytes` bytes (rows of about 100 bytes each), after a `CREATE
/// TABLE`; with `fail`, a last statement that fails (a duplicate key) once every row is in.
/// Returns the up SQL and the number of rows.
fn seed_sql(bytes: usize, shape: SeedShape, fail: bool) -> (String, u64) {
    let mut sql = String::with_capacity(bytes + 200);
    sql.push_str("CREATE TABLE seed (id bigint PRIMARY KEY, payload text NOT NULL);\n");
    if shape == SeedShape::OneInsert {
        sql.push_str("INSERT INTO seed (id, payload) VALUES\n");
    }
    // 100 bytes a row in the one-INSERT form: a 60 MB file holds 600k rows.
    let payload = "x".repeat(72);
    let mut rows = 0u64;
    while sql.len() < bytes {
        rows += 1;
        let _ = match shape {
            SeedShape::OneInsert => write!(sql, "{}({rows}, 'row {rows:09} {payload}')", if rows == 1 { "" } else { ",\n" }),
            SeedShape::ManyInserts => writeln!(sql, "INSERT INTO seed (id, payload) VALUES ({rows}, 'row {rows:09} {payload}');"),
        };
    }
    if shape == SeedShape::OneInsert {
        sql.push_str(";\n");
    }
    if fail {
        sql.push_str("INSERT INTO seed (id, payload) VALUES (1, 'a duplicate key: this release fails after every row');\n");
    }
    (sql, rows)
}

/// Peak RSS of the runner (its own VmHWM) applying one seed file, and of the tool's own `up` on it.
pub fn big_files(ctx: &mut Ctx, extra: &mut String) -> Vec<Row> {
    let reps: usize = std::env::var("BENCH_BIG_REPS").ok().and_then(|v| v.parse().ok()).unwrap_or(1);
    // File sizes in MB (10 and 60 unless BENCH_BIG_MB says otherwise, e.g. `1,2` for a quick check).
    let sizes: Vec<usize> = std::env::var("BENCH_BIG_MB")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse::<usize>().ok()).map(|mb| mb * 1_000_000).collect())
        .filter(|v: &Vec<usize>| !v.is_empty())
        .unwrap_or_else(|| vec![10_000_000, 60_000_000]);
    let runner = ctx.runner.clone();
    let root = ctx.scratch.path().join("big");
    let mut rows = Vec::new();
    let mut detail = String::new();
    let ratio = |peak: f64, size: usize| format!("{:.2}×", peak / size as f64);
    for engine in ENGINES {
        for &bytes in &sizes {
            for shape in [SeedShape::OneInsert, SeedShape::ManyInserts] {
                for fail in [false, true] {
                    // Failures: with the biggest file only.
                    if fail && Some(&bytes) != sizes.last() {
                        continue;
                    }
                    let app = MigDir::new(engine, root.join(format!("{}-{bytes}-{}-{fail}", engine.name(), shape as u8)));
                    let (sql, n_rows) = seed_sql(bytes, shape, fail);
                    app.add(1, &sql, "DROP TABLE seed;");
                    drop(sql);
                    let file = fs::read_dir(app.dir()).unwrap().filter_map(Result::ok).map(|e| e.path()).find(|p| {
                        let name = p.file_name().unwrap().to_string_lossy().into_owned();
                        !name.contains(".down.")
                    });
                    let size = fs::metadata(file.unwrap()).unwrap().len() as usize;
                    let what =
                        format!("{} file, {}{}", fmt_mb(size as f64), shape.label(n_rows), if fail { ", FAILING at its end" } else { "" });
                    for mode in ["all", "file"] {
                        let mut peaks = Vec::new();
                        for _ in 0..reps {
                            let pg = ctx.pg();
                            let db = pg.create_db("big");
                            let mut cmd = app.runner(&runner, &pg.url(&db));
                            cmd.env("MIGRATIONS_TX_MODE", mode).env("MIGRATIONS_TIMEOUT", "15m");
                            let (peak, _, code, head) = peak_rss(&mut cmd);
                            let want = if fail { 1 } else { 0 };
                            assert_eq!(code, want, "{what}, {mode} mode: unexpected exit\n{head}");
                            let count = pg.query(&db, "SELECT count(*) FROM pg_tables WHERE tablename = 'seed'");
                            if fail {
                                assert_eq!(count, ["0"], "{what}, {mode} mode: the failed release left the table");
                            } else {
                                assert_eq!(
                                    pg.query(&db, "SELECT count(*) FROM seed"),
                                    [n_rows.to_string()],
                                    "{what}, {mode} mode: wrong row count"
                                );
                            }
                            peaks.push(peak as f64);
                        }
                        let s = Sample::new(peaks);
                        rows.push(Row {
                            bench: "10".into(),
                            figure: format!("runner peak RSS, {what}, {mode} mode, {}", engine.label()),
                            value: Unit::Mb.summary(&s),
                            baseline: format!("file {}", fmt_mb(size as f64)),
                            ratio: ratio(s.median(), size),
                            target: "≤ 2× the file".into(),
                            met: Some(s.max() <= 2.0 * size as f64),
                        });
                    }
                    if !fail {
                        // The tool's own `up` on the same file (its process only).
                        let mut peaks = Vec::new();
                        for _ in 0..reps {
                            let pg = ctx.pg();
                            let db = pg.create_db("big_tool");
                            let (peak, _, code, head) = peak_rss(&mut app.raw_up(&pg.url(&db)));
                            assert_eq!(code, 0, "{what}: the tool's own up failed\n{head}");
                            peaks.push(peak as f64);
                        }
                        let s = Sample::new(peaks);
                        let whose = match engine {
                            Engine::Dbmate => "dbmate's own up (real 2.36.0)".to_string(),
                            Engine::GolangMigrate => {
                                "the golang-migrate TEST DOUBLE's own up (the double's figure, not golang-migrate's)".to_string()
                            }
                        };
                        rows.push(Row {
                            bench: "10".into(),
                            figure: format!("tool peak RSS, {what}, {whose}"),
                            value: Unit::Mb.summary(&s),
                            baseline: format!("file {}", fmt_mb(size as f64)),
                            ratio: ratio(s.median(), size),
                            target: String::new(),
                            met: None,
                        });
                    }
                    let _ = fs::remove_dir_all(&app.root);
                    let _ = writeln!(detail, "- {}: {what}", engine.label());
                }
            }
        }
    }
    let _ = writeln!(
        extra,
        "\nBench 10: one seed-data migration (after a CREATE TABLE: rows of about 100 bytes, either one INSERT of every row or \
         one INSERT per row; the failing variants end with a duplicate key after every row is in), applied by `migrations release` \
         (MIGRATIONS_TX_MODE=all: the runner sends the SQL itself; file: the tool applies it and the runner relays its output) on \
         a fresh database per run, n={reps} per row. Peak RSS = the process's own VmHWM from /proc/<pid>/status polled every \
         1 ms (not its children's: `/usr/bin/time` would report the tool's). The tool rows run the tool's own `up` on the same \
         file; the golang-migrate rows are the project's TEST DOUBLE, not golang-migrate. Files:\n{detail}"
    );
    rows
}
