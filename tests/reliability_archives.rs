//! Archive attacks through the WHOLE build (issue 6, family 2).
//!
//! A golang-migrate app (`test-fixtures/golang-migrate-basic`) gets a
//! hand-crafted tar.gz from a 127.0.0.1 server, with the archive's real
//! SHA-256 (so the checksum passes and the archive handling itself is what
//! is tested: a checksum only proves the file is the one the user named, not
//! that it is harmless). Each archive must be refused with a clear build error,
//! and the FILE SYSTEM must show that nothing was written outside the layer:
//! the targets of `../` paths, absolute paths, symlinks and hard links (in a
//! `/tmp/reliability-archives-<pid>-<case>/` directory chosen by the test) stay
//! absent or unchanged; every file under the app's temp root (app dir,
//! platform dir, home, layers) is listed before and after; the build's private
//! `TMPDIR` is empty afterwards. Then the server is fixed and the next build
//! installs (not reuses) a working `migrate`.
//!
//! The archives are `testkit::archive::attacks`, the one list the installer's
//! unit tests run as well (written byte by byte: see that module).

mod common;

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::plain;
use testkit::archive::{Attack, Limits, Refusal, attacks};
use testkit::http::{Behavior, Server};
use testkit::lifecycle::{App, all_paths, list_files};
use testkit::tools;

const ARCHIVE: &str = "/migrate.linux-amd64.tar.gz";

/// The build's limits: 1 GiB per entry, 2 GiB in all.
const LIMITS: Limits = Limits { entry: 1 << 30, total: 2 << 30 };

// ---------------------------------------------------------------------------------------------
// File-system snapshots
// ---------------------------------------------------------------------------------------------

/// path → (size, sha256) of every file/symlink under `dir` (symlinks by target).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (u64, String)> {
    list_files(dir)
        .unwrap()
        .into_iter()
        .map(|p| {
            let meta = std::fs::symlink_metadata(&p).unwrap();
            let digest = if meta.file_type().is_symlink() {
                format!("link:{}", std::fs::read_link(&p).unwrap().display())
            } else if meta.is_file() {
                tools::sha256_file(&p)
            } else {
                "special".to_string()
            };
            (p, (meta.len(), digest))
        })
        .collect()
}

/// A directory in /tmp that plays "outside the layer" for one case. Removed on drop.
struct Outside {
    dir: PathBuf,
}

impl Outside {
    /// The directory, with a file `victim` the links point at.
    fn new(case: &str) -> Outside {
        let dir = PathBuf::from(format!("/tmp/reliability-archives-{}-{case}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("victim"), b"original").unwrap();
        Outside { dir }
    }
    fn path(&self, name: &str) -> String {
        self.dir.join(name).display().to_string()
    }
}

impl Drop for Outside {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Names the attacks try to create; none may appear under the app's temp root.
const PAYLOAD_NAMES: [&str; 5] = ["escaped", "abs-escaped", "payload", "sibling-escaped", "victim"];

/// Serve `archive`, build, and check the refusal and the file system. Returns the build output.
/// With `then_fix`, the server is then fixed and the next build must install a working tool.
fn refused(case: &str, archive: Vec<u8>, outside: &Outside, expect: &[&str], then_fix: bool) -> String {
    let scratch = tempfile::tempdir().unwrap();
    let archive_path = scratch.path().join("attack.tar.gz");
    std::fs::write(&archive_path, &archive).unwrap();

    let mut app = App::from_fixture("test-fixtures/golang-migrate-basic");
    let server = Server::start();
    server.route(ARCHIVE, Behavior::file(&archive_path));
    let url = server.url(ARCHIVE);
    app.env("BP_MIGRATIONS_TOOL_URL", &url);
    app.env("BP_MIGRATIONS_TOOL_SHA256", &tools::sha256_file(&archive_path));
    let tmp = tempfile::Builder::new().prefix("reliability-arch-tmp-").tempdir().unwrap();
    app.process_env("TMPDIR", &tmp.path().display().to_string());

    let root = app.app_dir().parent().unwrap().to_path_buf();
    let app_before = snapshot(&app.app_dir());
    let platform_before = snapshot(&app.platform_dir());
    let outside_before = snapshot(&outside.dir);
    assert!(list_files(&app.home_dir()).unwrap().is_empty());
    assert!(list_files(&app.layers_root()).unwrap().is_empty());

    let build = app.build();
    let out = plain(&build);
    assert!(!build.success(), "[{case}] the archive was accepted:\n{out}");
    assert!(out.contains("The downloaded archive was refused"), "[{case}] {out}");
    assert!(out.contains(&url), "[{case}] the error does not name the URL:\n{out}");
    for e in expect {
        assert!(out.contains(e), "[{case}] the error does not say {e:?}:\n{out}");
    }

    // Nothing changed outside the layer.
    assert_eq!(snapshot(&outside.dir), outside_before, "[{case}] the outside directory changed");
    assert_eq!(snapshot(&app.app_dir()), app_before, "[{case}] the app dir changed");
    assert_eq!(snapshot(&app.platform_dir()), platform_before, "[{case}] the platform dir changed");
    assert!(list_files(&app.home_dir()).unwrap().is_empty(), "[{case}] files written to HOME");
    let left: Vec<_> = all_paths(tmp.path());
    assert!(left.is_empty(), "[{case}] files left in the build's TMPDIR: {left:?}");
    // In the layers: only the layers' TOML files, no tool executable, no payloads.
    let layer_files = list_files(&app.layers_root()).unwrap();
    let unexpected: Vec<_> = layer_files.iter().filter(|p| p.extension().is_none_or(|e| e != "toml")).collect();
    assert!(unexpected.is_empty(), "[{case}] files left in the layers dir: {unexpected:?}\nall: {layer_files:?}");
    if let Some(toml) = app.layer_toml("tool") {
        assert!(toml.get("metadata").is_none(), "[{case}] tool metadata written: {toml:?}");
    }
    for p in all_paths(&root) {
        let name = p.file_name().unwrap().to_string_lossy();
        assert!(!PAYLOAD_NAMES.contains(&name.as_ref()), "[{case}] payload written at {}", p.display());
    }
    for name in PAYLOAD_NAMES {
        if name != "victim" {
            assert!(!outside.dir.join(name).exists(), "[{case}] {} was created", outside.path(name));
        }
    }
    let victim = outside.dir.join("victim");
    assert_eq!(std::fs::read(&victim).unwrap(), b"original", "[{case}] the victim was written");
    assert_eq!(std::fs::metadata(&victim).unwrap().nlink(), 1, "[{case}] something hard-linked the victim");

    if !then_fix {
        return out;
    }
    // Fix the server: the next build installs the real archive (nothing reused).
    let (good, good_sha) = good_archive();
    server.route(ARCHIVE, Behavior::file(good));
    app.env("BP_MIGRATIONS_TOOL_SHA256", good_sha);
    let rebuild = app.build();
    let rout = plain(&rebuild);
    assert!(rebuild.success(), "[{case}] rebuild with a good archive failed:\n{rout}");
    assert!(rout.contains("Installing golang-migrate custom (linux-amd64)"), "[{case}] {rout}");
    assert!(!rout.contains("Reusing"), "[{case}] {rout}");
    let migrate = app.layer_path("tool").join("bin/migrate");
    assert_eq!(tools::sha256_file(&migrate), tools::sha256_file(&tools::golang_migrate_double()));
    let env = app.launch_env("release");
    let version = Command::new("migrate").arg("-version").env_clear().envs(&env).output().unwrap();
    assert!(version.status.success(), "[{case}] migrate -version: {version:?}");
    assert!(all_paths(tmp.path()).is_empty(), "[{case}] TMPDIR not cleaned after success");
    out
}

/// The golang-migrate double's release-like tar.gz and its SHA-256, made once per process.
fn good_archive() -> &'static (PathBuf, String) {
    static GOOD: OnceLock<(PathBuf, String)> = OnceLock::new();
    GOOD.get_or_init(|| {
        let dir = tempfile::Builder::new().prefix("reliability-arch-good-").tempdir().unwrap().keep();
        let path = tools::golang_migrate_double_tarball(&dir);
        let sha = tools::sha256_file(&path);
        (path, sha)
    })
}

/// What the build says for an attack: the entry and the problem, or the archive's.
fn expected(attack: &Attack) -> Vec<String> {
    let unsafe_entry = |problem: &str| vec![format!("unsafe entry `{}`", attack.entry.as_deref().unwrap()), problem.to_string()];
    match attack.refusal {
        Refusal::ParentDir => unsafe_entry("path contains `..`"),
        Refusal::AbsolutePath => unsafe_entry("absolute path"),
        Refusal::Symlink => unsafe_entry("symbolic link"),
        Refusal::HardLink => unsafe_entry("hard link"),
        Refusal::Special => unsafe_entry("device or FIFO"),
        Refusal::Duplicate => unsafe_entry("executable listed twice"),
        Refusal::EntryTooLarge { size } => unsafe_entry(&format!("{size} bytes, over the {}-byte limit", LIMITS.entry)),
        Refusal::TooLarge => vec![format!("expands to more than {} bytes", LIMITS.total)],
        Refusal::NoExecutable => vec!["has no `migrate` at the archive root".to_string()],
        Refusal::NotTarGz => vec!["is not a valid tar.gz".to_string()],
    }
}

/// Build with every attack `which` selects, each refused with nothing written outside the layer.
/// After the first, the server is fixed and the next build must install a working tool (not after
/// the bomb: a build that decompresses 2 GiB is enough for that case).
fn refuse_every(case: &str, which: impl Fn(&Refusal) -> bool) {
    let outside = Outside::new(case);
    let selected: Vec<Attack> = attacks(&outside.dir, LIMITS).into_iter().filter(|a| which(&a.refusal)).collect();
    assert!(!selected.is_empty(), "no attack of {case}");
    for (i, attack) in selected.into_iter().enumerate() {
        let expect = expected(&attack);
        let expect: Vec<&str> = expect.iter().map(String::as_str).collect();
        let then_fix = i == 0 && attack.refusal != Refusal::TooLarge;
        refused(attack.case, attack.archive, &outside, &expect, then_fix);
    }
}

#[test]
fn parent_dir_entries_are_refused() {
    refuse_every("parent", |r| *r == Refusal::ParentDir);
}

#[test]
fn absolute_paths_are_refused() {
    refuse_every("absolute", |r| *r == Refusal::AbsolutePath);
}

#[test]
fn symlinks_pointing_outside_are_refused() {
    refuse_every("symlink", |r| *r == Refusal::Symlink);
}

#[test]
fn hard_links_pointing_outside_are_refused() {
    refuse_every("hardlink", |r| *r == Refusal::HardLink);
}

#[test]
fn device_files_and_fifos_are_refused() {
    refuse_every("device", |r| *r == Refusal::Special);
}

#[test]
fn gzip_bomb_with_a_huge_declared_entry_is_refused_at_its_header() {
    refuse_every("declared", |r| matches!(r, Refusal::EntryTooLarge { .. }));
}

#[test]
fn gzip_bomb_expanding_past_the_total_cap_is_refused() {
    let started = Instant::now();
    refuse_every("bomb", |r| *r == Refusal::TooLarge);
    eprintln!("gzip bomb case took {:?}", started.elapsed());
    assert!(started.elapsed() < Duration::from_secs(120));
}

#[test]
fn archives_without_the_executable_are_refused() {
    refuse_every("missing", |r| matches!(r, Refusal::NoExecutable | Refusal::Duplicate));
}

#[test]
fn not_a_tar_gz_is_refused() {
    refuse_every("invalid", |r| *r == Refusal::NotTarGz);
}
