//! The aarch64 package, run under `qemu-aarch64-static` (issue 14).
//!
//! `buildpack.toml` declares linux/arm64, so the aarch64 package must hold
//! static aarch64 executables that behave exactly like the x86_64 ones:
//!
//! - `bin/build` (and `bin/detect`, its link) and the runner are static ELF
//!   executables for AArch64 (no program interpreter, no shared library);
//! - `bin/detect` passes, and fails, on the same apps as the x86_64 one, with
//!   the same Build Plan; `bin/build` builds an arm64 app (downloading and
//!   verifying a tool from a 127.0.0.1 server) and installs the aarch64 runner;
//! - `migrations --version`, and `migrations check` on every check fixture and
//!   example app, print byte for byte what the x86_64 runner prints, with the
//!   same exit code;
//! - `migrations release` applies migrations against a real PostgreSQL, and
//!   puts the database back when one fails.
//!
//! Needs `TESTKIT_AARCH64_PACKAGE` (the aarch64 package directory) and the
//! x86_64 package (`TESTKIT_PACKAGED_BUILDPACK`, or packaged on first use).
//! `bash scripts/test-aarch64.sh` packages both and runs this file; CI runs it.
//! The tests are `#[ignore]`d in the ordinary suite (a machine without the
//! cross toolchain reports them as skipped, never as passed); the script runs
//! them with `--ignored`, and without `TESTKIT_AARCH64_PACKAGE` they fail. There is no binfmt registration here: every aarch64 executable is run
//! as `qemu-aarch64-static <executable> <args>` (`TESTKIT_QEMU_AARCH64` overrides
//! the emulator's path).

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{Engine, RunnerApp, failing_step, plain, step};
use object::elf;
use object::read::elf::{Dyn, ElfFile64, FileHeader, ProgramHeader};
use testkit::http::{Behavior, Server};
use testkit::lifecycle::{App, look_path, packaged_buildpack, workspace_root};
use testkit::pg::Postgres;
use testkit::tools;

const RUNNER: &str = ".libcnb-cargo/additional-bin/migrations";

/// The aarch64 package. These tests are ignored in the ordinary suite and run by
/// `bash scripts/test-aarch64.sh` (`--ignored`), which sets the variable: a run
/// without it is a mistake, not a pass.
fn aarch64_package(test: &str) -> PathBuf {
    let dir = std::env::var_os("TESTKIT_AARCH64_PACKAGE").unwrap_or_else(|| {
        panic!("{test}: TESTKIT_AARCH64_PACKAGE is not set (bash scripts/test-aarch64.sh cross-builds the aarch64 package and sets it)")
    });
    let dir = PathBuf::from(dir);
    assert!(
        dir.join("buildpack.toml").is_file() && dir.join("bin/build").is_file() && dir.join(RUNNER).is_file(),
        "TESTKIT_AARCH64_PACKAGE={} is not a packaged buildpack (buildpack.toml, bin/build, {RUNNER})",
        dir.display()
    );
    dir
}

fn qemu() -> PathBuf {
    if let Some(path) = std::env::var_os("TESTKIT_QEMU_AARCH64") {
        return PathBuf::from(path);
    }
    look_path("qemu-aarch64-static", &std::env::var("PATH").unwrap_or_default())
        .expect("qemu-aarch64-static is not on PATH: bash scripts/setup.sh installs Debian's qemu-user-static")
}

/// `qemu-aarch64-static <exe>`, with a clean environment.
fn emulated(exe: &Path) -> Command {
    let mut cmd = Command::new(qemu());
    cmd.arg(exe).env_clear().env("PATH", "/usr/local/bin:/usr/bin:/bin").stdin(Stdio::null());
    cmd
}

fn native(exe: &Path) -> Command {
    let mut cmd = Command::new(exe);
    cmd.env_clear().env("PATH", "/usr/local/bin:/usr/bin:/bin").stdin(Stdio::null());
    cmd
}

/// Exit code, stdout and stderr, for comparing two runs.
fn observed(out: &Output) -> (Option<i32>, String, String) {
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[derive(Debug, PartialEq, Eq)]
struct ElfFacts {
    machine: u16,
    executable: bool,
    interpreter: bool,
    needed: usize,
}

fn elf_facts(path: &Path) -> ElfFacts {
    let data = fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let file =
        ElfFile64::<object::Endianness>::parse(&*data).unwrap_or_else(|e| panic!("{} is not a 64-bit ELF file: {e}", path.display()));
    let endian = file.endian();
    let header = file.elf_header();
    let mut interpreter = false;
    let mut needed = 0;
    for segment in header.program_headers(endian, &*data).unwrap() {
        match segment.p_type(endian) {
            elf::PT_INTERP => interpreter = true,
            elf::PT_DYNAMIC => {
                if let Ok(Some(entries)) = segment.dynamic(endian, &*data) {
                    needed += entries.iter().filter(|d| Into::<u64>::into(d.d_tag(endian)) == u64::from(elf::DT_NEEDED)).count();
                }
            }
            _ => {}
        }
    }
    let e_type = header.e_type(endian);
    ElfFacts { machine: header.e_machine(endian), executable: e_type == elf::ET_EXEC || e_type == elf::ET_DYN, interpreter, needed }
}

/// A buildpack directory whose `bin/detect` and `bin/build` run the aarch64
/// package's executables under qemu (what binfmt_misc would do on a machine
/// that registers it). The executables keep their names, as libcnb picks the
/// phase from `argv[0]`; `buildpack.toml` and the runner are the package's.
fn emulated_buildpack(package: &Path) -> tempfile::TempDir {
    let dir = tempfile::Builder::new().prefix("aarch64-emulated-bp-").tempdir().unwrap();
    fs::create_dir_all(dir.path().join("bin")).unwrap();
    fs::create_dir_all(dir.path().join(".libcnb-cargo/additional-bin")).unwrap();
    fs::copy(package.join("buildpack.toml"), dir.path().join("buildpack.toml")).unwrap();
    fs::copy(package.join(RUNNER), dir.path().join(RUNNER)).unwrap();
    for phase in ["detect", "build"] {
        let script = format!("#!/bin/sh\nexec '{}' '{}' \"$@\"\n", qemu().display(), package.join("bin").join(phase).display());
        let path = dir.path().join("bin").join(phase);
        fs::write(&path, script).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    }
    dir
}

#[test]
#[ignore = "needs the aarch64 package under qemu: bash scripts/test-aarch64.sh runs these"]
fn aarch64_executables_are_static_elf_for_aarch64() {
    let package = aarch64_package("aarch64_executables_are_static_elf_for_aarch64");
    assert_eq!(fs::read_link(package.join("bin/detect")).unwrap(), Path::new("build"), "bin/detect must be the link to build");
    for exe in [package.join("bin/build"), package.join(RUNNER)] {
        let facts = elf_facts(&exe);
        assert_eq!(facts, ElfFacts { machine: elf::EM_AARCH64, executable: true, interpreter: false, needed: 0 }, "{}", exe.display());
        assert_ne!(fs::metadata(&exe).unwrap().permissions().mode() & 0o111, 0, "{} is not executable", exe.display());
    }
    // The same check tells the x86_64 package apart (the check can fail).
    let x86_64 = elf_facts(&packaged_buildpack().join(RUNNER));
    assert_eq!(x86_64, ElfFacts { machine: elf::EM_X86_64, executable: true, interpreter: false, needed: 0 });
}

#[test]
#[ignore = "needs the aarch64 package under qemu: bash scripts/test-aarch64.sh runs these"]
fn aarch64_runner_prints_its_version() {
    let package = aarch64_package("aarch64_runner_prints_its_version");
    let out = emulated(&package.join(RUNNER)).arg("--version").output().unwrap();
    assert!(out.status.success(), "{:?}", observed(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("migrations {}\n", env!("CARGO_PKG_VERSION")));
    let x86_64 = native(&packaged_buildpack().join(RUNNER)).arg("--version").output().unwrap();
    assert_eq!(observed(&out), observed(&x86_64));
}

/// Every directory the runner can check: the check fixtures (one per finding
/// code, with errors and warnings), the sample apps and the examples.
fn check_dirs() -> Vec<PathBuf> {
    let root = workspace_root();
    let mut dirs = Vec::new();
    for parent in ["test-fixtures/checks", "test-fixtures", "examples"] {
        for entry in fs::read_dir(root.join(parent)).unwrap() {
            let path = entry.unwrap().path();
            if path.join("migrations").is_dir() || path.join("db/migrations").is_dir() {
                dirs.push(path);
            }
        }
    }
    dirs.sort();
    dirs
}

#[test]
#[ignore = "needs the aarch64 package under qemu: bash scripts/test-aarch64.sh runs these"]
fn aarch64_check_reports_every_fixture_exactly_as_x86_64_does() {
    let package = aarch64_package("aarch64_check_reports_every_fixture_exactly_as_x86_64_does");
    let x86_64 = packaged_buildpack().join(RUNNER);
    let dirs = check_dirs();
    assert!(dirs.len() >= 25, "expected the check fixtures, found {dirs:?}");
    let (mut with_errors, mut with_warnings) = (0, 0);
    for dir in &dirs {
        let arm = emulated(&package.join(RUNNER)).arg("check").current_dir(dir).output().unwrap();
        let amd = native(&x86_64).arg("check").current_dir(dir).output().unwrap();
        assert_eq!(observed(&arm), observed(&amd), "`migrations check` in {} differs between aarch64 (left) and x86_64", dir.display());
        let text = String::from_utf8_lossy(&arm.stdout);
        with_errors += usize::from(arm.status.code() == Some(1));
        with_warnings += usize::from(text.contains("MG1") || text.contains("MG2") || text.contains("MG3") || text.contains("MG4"));
    }
    // The comparison covered reports with findings, not only clean ones.
    assert!(with_errors >= 5 && with_warnings >= 5, "errors in {with_errors}, warnings in {with_warnings} of {} dirs", dirs.len());
}

#[test]
#[ignore = "needs the aarch64 package under qemu: bash scripts/test-aarch64.sh runs these"]
fn aarch64_detect_passes_and_fails_on_the_same_apps_as_x86_64() {
    let package = aarch64_package("aarch64_detect_passes_and_fails_on_the_same_apps_as_x86_64");
    let emulated_bp = emulated_buildpack(&package);
    // (fixture, build-time config vars, whether detect passes)
    type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], bool);
    let cases: [Case; 4] = [
        ("test-fixtures/golang-migrate-basic", &[], true),
        ("test-fixtures/dbmate-basic", &[], true),
        ("test-fixtures/dbmate-basic", &[("BP_MIGRATIONS_DIR", "no/such/dir")], false),
        ("test-fixtures/checks/gm-destructive", &[], true),
    ];
    for (fixture, env, passes) in cases {
        let outcome = |bp: Option<&Path>| {
            let mut app = App::from_fixture(fixture);
            app.target_arch("arm64");
            for (k, v) in env {
                app.env(k, v);
            }
            if let Some(bp) = bp {
                app.with_buildpack(bp);
            }
            app.detect()
        };
        let arm = outcome(Some(emulated_bp.path()));
        let amd = outcome(None);
        assert_eq!(arm.passed(), passes, "{fixture} {env:?}: exit {}\n{}{}", arm.exit_code, arm.stdout, arm.stderr);
        assert_eq!(arm.exit_code, amd.exit_code, "{fixture} {env:?}");
        assert_eq!(arm.plan, amd.plan, "{fixture} {env:?}: the Build Plans differ");
        assert_eq!((&arm.stdout, &arm.stderr), (&amd.stdout, &amd.stderr), "{fixture} {env:?}");
    }
}

#[test]
#[ignore = "needs the aarch64 package under qemu: bash scripts/test-aarch64.sh runs these"]
fn aarch64_build_installs_a_verified_tool_and_the_aarch64_runner() {
    let package = aarch64_package("aarch64_build_installs_a_verified_tool_and_the_aarch64_runner");
    let emulated_bp = emulated_buildpack(&package);
    let server = Server::start();
    server.route("/dbmate-linux-arm64", Behavior::ok(fs::read(tools::dbmate()).unwrap()));
    let mut app = App::from_fixture("test-fixtures/dbmate-basic");
    app.with_buildpack(emulated_bp.path()).target_arch("arm64");
    app.env("BP_MIGRATIONS_TOOL_URL", &server.url("/dbmate-linux-arm64"));
    app.env("BP_MIGRATIONS_TOOL_SHA256", tools::DBMATE_SHA256);

    let first = app.build();
    let out = plain(&first);
    assert!(first.success(), "{out}");
    assert!(out.contains("Installing dbmate custom (linux-arm64)"), "{out}");
    assert!(out.contains("verified SHA-256"), "{out}");
    assert_eq!(tools::sha256_file(&app.layer_path("tool").join("bin/dbmate")), tools::DBMATE_SHA256);
    let release = first.process("release").unwrap_or_else(|| panic!("no release process in launch.toml:\n{out}"));
    assert!(release.to_string().contains("migrations"), "{release}");
    // The runner in the image is the aarch64 one.
    let runners: Vec<PathBuf> = app
        .layer_files()
        .into_iter()
        .filter(|p| p.starts_with(app.layers_dir()) && p.file_name().is_some_and(|n| n == "migrations") && p.is_file())
        .collect();
    assert!(!runners.is_empty(), "no runner in the layers:\n{out}");
    for runner in runners {
        assert_eq!(fs::read(&runner).unwrap(), fs::read(package.join(RUNNER)).unwrap(), "{}", runner.display());
    }

    let second = app.build();
    let out = plain(&second);
    assert!(second.success(), "{out}");
    assert!(out.contains("Reusing dbmate custom (linux-arm64) from the cache"), "{out}");
    assert_eq!(server.requests_for("/dbmate-linux-arm64"), 1, "{out}");
}

/// `migrations release` of the aarch64 runner, under qemu, with the real
/// (x86_64) dbmate run natively as its child.
fn emulated_release(package: &Path, app: &RunnerApp, url: &str) -> (i32, String) {
    let reference = app.command(url, &["release"], &[]);
    let mut cmd = Command::new(qemu());
    cmd.arg(package.join(RUNNER)).arg("release").current_dir(app.dir.path()).env_clear().stdin(Stdio::null());
    for (key, value) in reference.get_envs().filter_map(|(key, value)| Some((key, value?))) {
        cmd.env(key, value);
    }
    let out = cmd.output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    common::assert_no_secret(&text);
    (out.status.code().unwrap_or(-1), text)
}

#[test]
#[ignore = "needs the aarch64 package under qemu: bash scripts/test-aarch64.sh runs these"]
fn aarch64_release_applies_and_rolls_back_against_postgresql() {
    let package = aarch64_package("aarch64_release_applies_and_rolls_back_against_postgresql");
    let pg = Postgres::start();
    let db = pg.create_db("aarch64_release");
    let app = RunnerApp::new(Engine::Dbmate, &[step(1), step(2)]);
    let (code, out) = emulated_release(&package, &app, &pg.url(&db));
    assert_eq!(code, 0, "{out}");
    assert_eq!(pg.query(&db, "SELECT count(*) FROM t2"), vec!["1"], "{out}");

    app.add(&step(3));
    app.add(&failing_step(4));
    let before = pg.dump(&db);
    let (code, out) = emulated_release(&package, &app, &pg.url(&db));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("The database is back where this release found it"), "{out}");
    assert_eq!(pg.dump(&db), before, "the aarch64 runner did not restore the database:\n{out}");
}
