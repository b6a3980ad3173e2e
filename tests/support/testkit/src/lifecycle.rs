//! A stand-in for the CNB lifecycle (Buildpack API 0.10), for machines without
//! Docker, `pack` or the real lifecycle.
//!
//! It packages the workspace's buildpack with `cargo libcnb package` and runs
//! the packaged `bin/detect` and `bin/build` the way the lifecycle does
//! (arguments, `CNB_*` variables, working directory, a clean environment),
//! emulates what happens between two builds (export, analyze, restore: which
//! layers and which `<layer>.toml` files come back), and launches process
//! types the way the CNB launcher does (launch layers' `bin/` on `PATH`, layer
//! env files with every suffix, `exec.d`, direct exec, no shell).
//!
//! Sources the behaviour follows: buildpacks/spec `buildpack.md` at tag
//! `buildpack/v0.10` (Layer Types, Detection, Build, Environment) and
//! buildpacks/lifecycle (`env/env.go`, `launch/launcher.go`,
//! `internal/layer/metadata_restorer.go`, `buildpack/build.go`).
//!
//! What it does not emulate: OCI images and layer SHAs, SBOM aggregation,
//! `build.toml` unmet entries, slices, renaming ignored layers to
//! `<layer>.ignore`, other buildpacks in the group (a group is this buildpack
//! alone), `/cnb/process` symlinks, time limits.
//!
//! ```no_run
//! use testkit::lifecycle::App;
//!
//! let mut app = App::from_fixture("test-fixtures/basic");
//! app.env("MIGRATIONS_DIR", "db/migrations");
//! let first = app.build();
//! assert!(first.success(), "{}", first.stderr);
//! let second = app.build(); // layers restored as the lifecycle would
//! assert!(second.stdout.contains("Reusing"));
//! let release = app.run_process("release", &[("DATABASE_URL", "postgres://...")]);
//! assert_eq!(release.exit_code, 0, "{}", release.stderr);
//! ```

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use walkdir::WalkDir;

/// `PATH` of the build container (Ubuntu base images).
pub const BUILD_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
/// `PATH` of the run image before the launcher adds launch layers.
pub const LAUNCH_PATH: &str = "/usr/local/bin:/usr/bin:/bin";
/// Exit code of the lifecycle's detector when no group passes detection.
pub const EXIT_FAILED_DETECT: i32 = 20;
/// Exit code of the lifecycle's detector when a buildpack's detect errored.
pub const EXIT_FAILED_DETECT_WITH_ERRORS: i32 = 21;

// ---------------------------------------------------------------------------------------------
// Packaging
// ---------------------------------------------------------------------------------------------

/// The workspace root (`/work/main`): three levels above this crate.
pub fn workspace_root() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
    dir.canonicalize().unwrap_or(dir)
}

/// The packaged buildpack directory (`buildpack.toml`, `bin/build`, `bin/detect`,
/// `.libcnb-cargo/additional-bin/*`).
///
/// Runs `cargo libcnb package` (musl, debug profile) for the workspace's root
/// buildpack once per test process, with its own target dir
/// (`target/lifecycle`, because the outer `cargo test` holds the lock on
/// `target/`) and package dir (`target/lifecycle/packaged`). The result is
/// copied to an immutable, content-addressed snapshot
/// (`target/lifecycle/snapshots/<sha256 prefix>/`) so that test processes
/// running at the same time never see a directory being rewritten. Packaging
/// itself is serialised between processes with a file lock.
///
/// If `TESTKIT_PACKAGED_BUILDPACK` is set, that directory is used as is (CI
/// packages once). Panics with cargo's output when packaging fails.
pub fn packaged_buildpack() -> PathBuf {
    static PACKAGED: OnceLock<PathBuf> = OnceLock::new();
    PACKAGED
        .get_or_init(|| {
            if let Some(dir) = std::env::var_os("TESTKIT_PACKAGED_BUILDPACK") {
                let dir = PathBuf::from(dir);
                assert!(
                    dir.join("buildpack.toml").is_file() && dir.join("bin/build").exists(),
                    "TESTKIT_PACKAGED_BUILDPACK={} is not a packaged buildpack (no buildpack.toml / bin/build)",
                    dir.display()
                );
                return dir;
            }
            package_workspace_buildpack()
        })
        .clone()
}

/// A `cargo` command for a nested build from inside `cargo test`/`cargo run`,
/// in `root`, with stdin closed and without the variables cargo sets for the
/// running binary (they must not leak into the nested build).
pub fn nested_cargo(root: &Path) -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(root).stdin(Stdio::null());
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy();
        if key.starts_with("CARGO_PKG_")
            || key.starts_with("CARGO_BIN_")
            || key.starts_with("CARGO_MANIFEST_")
            || matches!(&*key, "CARGO_CRATE_NAME" | "CARGO_PRIMARY_PACKAGE" | "CARGO_TARGET_TMPDIR")
        {
            cmd.env_remove(&*key);
        }
    }
    cmd
}

fn package_workspace_buildpack() -> PathBuf {
    let root = workspace_root();
    let base = root.join("target/lifecycle");
    fs::create_dir_all(&base).unwrap();
    let lock = fs::File::create(base.join("package.lock")).unwrap();
    lock.lock().expect("lock target/lifecycle/package.lock");

    let mut cmd = nested_cargo(&root);
    cmd.args(["libcnb", "package", "--target", "x86_64-unknown-linux-musl", "--package-dir"])
        .arg(base.join("packaged"))
        .env("CARGO_TARGET_DIR", &base);
    // A `cargo libcnb package` started by hand at the same time can collide with
    // ours while assembling the dir ("File exists"): retry once.
    let mut out = cmd.output().expect("run `cargo libcnb package` (install: cargo install libcnb-cargo@0.30.4)");
    if !out.status.success() && String::from_utf8_lossy(&out.stderr).contains("File exists") {
        out = cmd.output().expect("run `cargo libcnb package`");
    }
    assert!(
        out.status.success(),
        "`cargo libcnb package` failed ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let id = buildpack_id(&root).expect("read [buildpack].id from the workspace buildpack.toml");
    let packaged = base.join("packaged/x86_64-unknown-linux-musl/debug").join(escape_id(&id));
    assert!(
        packaged.join("bin/build").exists(),
        "`cargo libcnb package` succeeded but {} has no bin/build:\n{}",
        packaged.display(),
        String::from_utf8_lossy(&out.stderr)
    );

    // Content-addressed, immutable snapshot.
    let digest = tree_digest(&packaged).unwrap();
    let snapshots = base.join("snapshots");
    let snapshot = snapshots.join(&digest[..16]);
    if !snapshot.join("buildpack.toml").exists() {
        let tmp = snapshots.join(format!(".tmp-{}", std::process::id()));
        let _ = fs::remove_dir_all(&tmp);
        copy_tree(&packaged, &tmp).unwrap();
        let _ = fs::remove_dir_all(&snapshot);
        fs::rename(&tmp, &snapshot).unwrap();
    } else if let Ok(dir) = fs::File::open(&snapshot) {
        // Mark as in use, so that other processes do not prune it.
        let _ = dir.set_modified(std::time::SystemTime::now());
    }
    prune_old_snapshots(&snapshots, &snapshot);
    drop(lock);
    snapshot
}

/// Removes snapshots older than a day (never the current one).
fn prune_old_snapshots(snapshots: &Path, keep: &Path) {
    let Ok(entries) = fs::read_dir(snapshots) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path == keep {
            continue;
        }
        let old =
            entry.metadata().and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok()).is_some_and(|age| age.as_secs() > 24 * 3600);
        if old {
            let _ = fs::remove_dir_all(path);
        }
    }
}

fn tree_digest(dir: &Path) -> io::Result<String> {
    use sha2::Digest;
    let mut hasher = sha2::Sha256::new();
    for path in list_files(dir)? {
        let rel = path.strip_prefix(dir).unwrap();
        hasher.update(rel.to_string_lossy().as_bytes());
        hasher.update([0]);
        let meta = fs::symlink_metadata(&path)?;
        if meta.file_type().is_symlink() {
            hasher.update(b"link:");
            hasher.update(fs::read_link(&path)?.to_string_lossy().as_bytes());
        } else {
            use std::os::unix::fs::PermissionsExt;
            hasher.update(meta.permissions().mode().to_le_bytes());
            hasher.update(fs::read(&path)?);
        }
        hasher.update([0]);
    }
    Ok(hex::encode(hasher.finalize()))
}

/// `[buildpack].id` of `<dir>/buildpack.toml`.
pub fn buildpack_id(dir: &Path) -> Option<String> {
    let table = read_toml(&dir.join("buildpack.toml"))?;
    table.get("buildpack")?.get("id")?.as_str().map(str::to_string)
}

/// The lifecycle's directory name for a buildpack id: `/` → `_`.
pub fn escape_id(id: &str) -> String {
    id.replace('/', "_")
}

// ---------------------------------------------------------------------------------------------
// Small file helpers
// ---------------------------------------------------------------------------------------------

fn read_toml(path: &Path) -> Option<toml::Table> {
    let text = fs::read_to_string(path).ok()?;
    Some(toml::from_str(&text).unwrap_or_else(|e| panic!("{} is not valid TOML: {e}\n{text}", path.display())))
}

/// Copies a directory tree: files (with permissions), symlinks as symlinks (never followed).
pub fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in WalkDir::new(from).min_depth(1) {
        let entry = entry?;
        let dst = to.join(entry.path().strip_prefix(from).expect("below the root"));
        let ty = entry.file_type();
        if ty.is_symlink() {
            std::os::unix::fs::symlink(fs::read_link(entry.path())?, &dst)?;
        } else if ty.is_dir() {
            fs::create_dir_all(&dst)?;
        } else {
            fs::copy(entry.path(), &dst)?;
        }
    }
    Ok(())
}

/// Every file (and symlink, not followed) under `dir`, recursively, sorted by name within each
/// directory, each directory's contents where it sorts. Directories are not listed. A missing `dir`
/// gives an empty list.
pub fn list_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for entry in WalkDir::new(dir).min_depth(1).sort_by_file_name() {
        let entry = entry?;
        if !entry.file_type().is_dir() {
            out.push(entry.into_path());
        }
    }
    Ok(out)
}

/// Every path under `dir` (files, directories, symlinks not followed), recursively, in no particular
/// order; what cannot be read is left out, and a missing `dir` gives an empty list.
pub fn all_paths(dir: &Path) -> Vec<PathBuf> {
    WalkDir::new(dir).min_depth(1).into_iter().filter_map(Result::ok).map(walkdir::DirEntry::into_path).collect()
}

fn remove_path(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

// ---------------------------------------------------------------------------------------------
// Layer types and the restore emulation (pure file operations)
// ---------------------------------------------------------------------------------------------

/// `[types]` of a `<layer>.toml`; a missing table or key is `false` (spec: unset types =
/// launch = false, build = false, cache = false).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LayerTypes {
    pub launch: bool,
    pub build: bool,
    pub cache: bool,
}

impl LayerTypes {
    pub fn of(layer_toml: &toml::Table) -> Self {
        let get = |key: &str| layer_toml.get("types").and_then(|t| t.get(key)).and_then(toml::Value::as_bool).unwrap_or(false);
        LayerTypes { launch: get("launch"), build: get("build"), cache: get("cache") }
    }
}

/// Layers of a buildpack layers dir: every `<name>.toml` except `launch.toml`,
/// `build.toml` and `store.toml`, with its parsed content, sorted by name.
pub fn layer_tomls(bp_layers_dir: &Path) -> io::Result<Vec<(String, toml::Table)>> {
    let mut out = Vec::new();
    let entries = match fs::read_dir(bp_layers_dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(name) = file_name.strip_suffix(".toml") else {
            continue;
        };
        if matches!(name, "launch" | "build" | "store") || !entry.file_type()?.is_file() {
            continue;
        }
        let table = read_toml(&entry.path()).unwrap_or_default();
        out.push((name.to_string(), table));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// A `<layer>.toml` as the lifecycle restores it: the same content without `[types]`.
fn without_types(table: &toml::Table) -> String {
    let mut t = table.clone();
    t.remove("types");
    toml::to_string(&t).unwrap()
}

fn copy_layer_sboms(from: &Path, to: &Path, layer: &str) -> io::Result<()> {
    let prefix = format!("{layer}.sbom.");
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with(&prefix) && entry.file_type()?.is_file() {
            fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

/// Fills the (empty or missing) buildpack layers dir `into` the way analyze +
/// restore do before a rebuild, from `previous`: the buildpack layers dir as it
/// was at the end of the previous successful build (types still in the TOMLs).
///
/// Per layer of `previous` (lifecycle `metadata_restorer.go` + `restorer.go`):
/// - `cache = true` and `with_cache`: contents and `<layer>.toml` without `[types]`
///   (metadata kept), plus `<layer>.sbom.*`;
/// - `cache = true` without cache (`--clear-cache`): nothing at all;
/// - `launch = true`, `cache = false`, `build = false`: `<layer>.toml` without
///   `[types]` (+ sboms), no contents;
/// - anything else (`launch` + `build` uncached, build-only, ignored): nothing.
///
/// `store.toml` is restored (spec: "MUST restore `<layers>/store.toml`");
/// `launch.toml`, `build.toml` and other top-level files are not.
pub fn restore_layers(previous: &Path, into: &Path, with_cache: bool) -> io::Result<()> {
    fs::create_dir_all(into)?;
    if !previous.is_dir() {
        return Ok(());
    }
    for (name, table) in layer_tomls(previous)? {
        let types = LayerTypes::of(&table);
        let restore_contents = types.cache && with_cache;
        let restore_metadata = restore_contents || (types.launch && !types.cache && !types.build);
        if !restore_metadata {
            continue;
        }
        fs::write(into.join(format!("{name}.toml")), without_types(&table))?;
        copy_layer_sboms(previous, into, &name)?;
        let dir = previous.join(&name);
        if restore_contents && dir.is_dir() {
            copy_tree(&dir, &into.join(&name))?;
        }
    }
    let store = previous.join("store.toml");
    if store.is_file() {
        fs::copy(store, into.join("store.toml"))?;
    }
    Ok(())
}

/// [`restore_layers`] in place: turns a buildpack layers dir left by a build
/// into what the next build starts with.
pub fn restore_layers_in_place(bp_layers_dir: &Path, with_cache: bool) -> io::Result<()> {
    let parent = bp_layers_dir.parent().unwrap_or(Path::new("."));
    let tmp = tempfile::Builder::new().prefix(".restore-").tempdir_in(parent)?;
    let previous = tmp.path().join("previous");
    fs::rename(bp_layers_dir, &previous)?;
    restore_layers(&previous, bp_layers_dir, with_cache)
}

// ---------------------------------------------------------------------------------------------
// Environment files (lifecycle env/env.go) and the launch environment
// ---------------------------------------------------------------------------------------------

/// Applies one env dir (`<layer>/env`, `<layer>/env.launch`, `<layer>/env.launch/<process>`,
/// ...) to `env`, exactly as lifecycle's `addEnvDir` with Buildpack API 0.10
/// (no suffix = override):
///
/// - files are processed in file-name order; sub-directories are skipped;
/// - the variable name is the file name up to the first `.`; the rest is the action;
/// - `.override` / no suffix: set; `.default`: set only if the variable is unset or empty;
/// - `.prepend`: `contents + delim + old` (just `contents` when old is empty);
/// - `.append`: `old + delim + contents`;
/// - `delim` is the contents of `<NAME>.delim` in the same dir, else empty;
/// - `.delim` files and unknown suffixes change nothing;
/// - contents are used verbatim (no trimming, no shell).
pub fn apply_env_dir(env: &mut BTreeMap<String, String>, dir: &Path) -> io::Result<()> {
    let mut entries = match fs::read_dir(dir) {
        Ok(rd) => rd.collect::<Result<Vec<_>, _>>()?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        if fs::metadata(entry.path())?.is_dir() {
            continue;
        }
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let value = String::from_utf8_lossy(&fs::read(entry.path())?).into_owned();
        let (name, action) = match file_name.split_once('.') {
            Some((n, a)) => (n.to_string(), a),
            None => (file_name.clone(), "override"),
        };
        let delim = || fs::read_to_string(dir.join(format!("{name}.delim"))).unwrap_or_default();
        let old = env.get(&name).cloned().unwrap_or_default();
        match action {
            "override" => {
                env.insert(name, value);
            }
            "default" if old.is_empty() => {
                env.insert(name, value);
            }
            "prepend" => {
                let new = if old.is_empty() { value } else { format!("{value}{}{old}", delim()) };
                env.insert(name, new);
            }
            "append" => {
                let new = if old.is_empty() { value } else { format!("{old}{}{value}", delim()) };
                env.insert(name, new);
            }
            _ => {}
        }
    }
    Ok(())
}

/// Names of the launch layers (`[types] launch = true`) of a buildpack layers
/// dir that have a directory, in the launcher's order (ascending by name).
pub fn launch_layers(bp_layers_dir: &Path) -> io::Result<Vec<String>> {
    Ok(layer_tomls(bp_layers_dir)?
        .into_iter()
        .filter(|(name, t)| LayerTypes::of(t).launch && bp_layers_dir.join(name).is_dir())
        .map(|(name, _)| name)
        .collect())
}

/// The launch environment of `process_type` for one buildpack's layers, as the
/// launcher computes it before `exec.d` (lifecycle `launcher.go` `doEnv`):
/// first, for every launch layer in name order, `<layer>/bin` is prepended to
/// `PATH` and `<layer>/lib` to `LD_LIBRARY_PATH` (with `:`); then, for every
/// launch layer in name order, `env/`, `env.launch/` and
/// `env.launch/<process_type>/` are applied with [`apply_env_dir`].
/// Non-launch layers are ignored (they are not in the image).
pub fn launch_env_for_layers(
    bp_layers_dir: &Path,
    process_type: &str,
    mut env: BTreeMap<String, String>,
) -> io::Result<BTreeMap<String, String>> {
    let layers = launch_layers(bp_layers_dir)?;
    for name in &layers {
        let layer = bp_layers_dir.join(name);
        for (sub, var) in [("bin", "PATH"), ("lib", "LD_LIBRARY_PATH")] {
            let dir = layer.join(sub);
            if dir.is_dir() {
                let old = env.get(var).cloned().unwrap_or_default();
                let new = if old.is_empty() { dir.display().to_string() } else { format!("{}:{old}", dir.display()) };
                env.insert(var.to_string(), new);
            }
        }
    }
    for name in &layers {
        let layer = bp_layers_dir.join(name);
        apply_env_dir(&mut env, &layer.join("env"))?;
        apply_env_dir(&mut env, &layer.join("env.launch"))?;
        if !process_type.is_empty() {
            apply_env_dir(&mut env, &layer.join("env.launch").join(process_type))?;
        }
    }
    Ok(env)
}

/// Runs the `exec.d` programs of the launch layers (`<layer>/exec.d/*`, then
/// `<layer>/exec.d/<process_type>/*`, layers in name order) with `env`, cwd
/// `app_dir`, and applies the TOML table each writes to file descriptor 3
/// (values override). Panics when a program fails, as the launcher would abort.
pub fn apply_exec_d(bp_layers_dir: &Path, process_type: &str, app_dir: &Path, env: &mut BTreeMap<String, String>) -> io::Result<()> {
    for name in launch_layers(bp_layers_dir)? {
        let base = bp_layers_dir.join(&name).join("exec.d");
        let mut dirs = vec![base.clone()];
        if !process_type.is_empty() {
            dirs.push(base.join(process_type));
        }
        for dir in dirs {
            let Ok(rd) = fs::read_dir(&dir) else { continue };
            let mut programs: Vec<PathBuf> = rd.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file()).collect();
            programs.sort();
            for program in programs {
                let out_file = tempfile::NamedTempFile::new()?;
                // FD 3 without unsafe code: a tiny sh wrapper opens it, then execs the program.
                let output = Command::new("/bin/sh")
                    .args(["-c", "f=$1; shift; exec \"$@\" 3>\"$f\"", "sh"])
                    .arg(out_file.path())
                    .arg(&program)
                    .env_clear()
                    .envs(env.iter())
                    .current_dir(app_dir)
                    .stdin(Stdio::null())
                    .output()?;
                assert!(
                    output.status.success(),
                    "exec.d program {} failed ({}): {}",
                    program.display(),
                    output.status,
                    String::from_utf8_lossy(&output.stderr)
                );
                let text = fs::read_to_string(out_file.path())?;
                let table: toml::Table = toml::from_str(&text)
                    .unwrap_or_else(|e| panic!("exec.d program {} wrote invalid TOML: {e}\n{text}", program.display()));
                for (k, v) in table {
                    let v = v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string());
                    env.insert(k, v);
                }
            }
        }
    }
    Ok(())
}

/// `exec.LookPath`: a name with a `/` is used as is (relative to the working
/// directory); otherwise the first executable file named so in `PATH`.
pub fn look_path(name: &str, path_var: &str) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    if name.contains('/') {
        return Some(PathBuf::from(name));
    }
    path_var
        .split(':')
        .filter(|d| !d.is_empty())
        .map(|d| Path::new(d).join(name))
        .find(|p| fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0))
}

// ---------------------------------------------------------------------------------------------
// Outcomes
// ---------------------------------------------------------------------------------------------

/// Result of running `bin/detect`.
#[derive(Debug, Clone)]
pub struct DetectOutcome {
    /// `bin/detect`'s exit code (-1 when killed by a signal).
    pub exit_code: i32,
    pub stdout: String,
    pub stderr: String,
    /// The build plan `bin/detect` wrote (None when it wrote nothing).
    pub plan: Option<toml::Table>,
    /// Set when detect exited 0 but the plan cannot be satisfied by a group made
    /// of this buildpack alone (every `requires` must be provided and every
    /// `provides` required, in one of the plan's alternatives): the lifecycle
    /// then fails detection.
    pub plan_error: Option<String>,
    /// The Buildpack Plan `bin/build` gets: the `requires` of the chosen
    /// alternative as `[[entries]]`.
    pub buildpack_plan: toml::Table,
}

impl DetectOutcome {
    /// Exit 0 and a plan the lifecycle can resolve.
    pub fn passed(&self) -> bool {
        self.exit_code == 0 && self.plan_error.is_none()
    }
    /// Exit 100: the buildpack opted out.
    pub fn failed(&self) -> bool {
        self.exit_code == 100
    }
    /// Any exit code other than 0 and 100.
    pub fn errored(&self) -> bool {
        self.exit_code != 0 && self.exit_code != 100
    }
}

/// Result of one build (lifecycle detect + restore + `bin/build` + export).
#[derive(Debug, Clone)]
pub struct BuildOutcome {
    /// The detect run that preceded the build.
    pub detect: DetectOutcome,
    /// `bin/build`'s exit code; when detection did not pass, `bin/build` did not
    /// run and this is the lifecycle's [`EXIT_FAILED_DETECT`] (or
    /// [`EXIT_FAILED_DETECT_WITH_ERRORS`]); -1 when killed by a signal.
    pub exit_code: i32,
    /// `bin/build`'s stdout (detect's when build did not run).
    pub stdout: String,
    /// `bin/build`'s stderr (detect's + the lifecycle's message when build did not run).
    pub stderr: String,
    /// `launch.toml` written by this build.
    pub launch: Option<toml::Table>,
    /// Set when the build exited 0 but the export would fail (a `launch = true`
    /// layer without contents and no previous layer to reuse).
    pub export_error: Option<String>,
}

impl BuildOutcome {
    pub fn success(&self) -> bool {
        self.exit_code == 0 && self.export_error.is_none()
    }
    /// stdout then stderr (the lifecycle sends both to one stream; the order
    /// between the two is lost here).
    pub fn output(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
    /// The `[[processes]]` entry of `process_type` in `launch.toml`.
    pub fn process(&self, process_type: &str) -> Option<&toml::Table> {
        find_process(self.launch.as_ref()?, process_type)
    }
}

/// Result of a launched process.
#[derive(Debug, Clone)]
pub struct ProcessOutcome {
    /// Exit code (-1 when killed by a signal).
    pub exit_code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl ProcessOutcome {
    pub fn from_output(out: &Output) -> Self {
        ProcessOutcome {
            exit_code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

fn find_process<'a>(launch: &'a toml::Table, process_type: &str) -> Option<&'a toml::Table> {
    launch
        .get("processes")?
        .as_array()?
        .iter()
        .filter_map(toml::Value::as_table)
        .rfind(|p| p.get("type").and_then(toml::Value::as_str) == Some(process_type))
}

/// Chooses the plan alternative a group of this buildpack alone would use and
/// returns the Buildpack Plan (`[[entries]]` = its `requires`), or why none works.
pub fn resolve_plan(plan: Option<&toml::Table>) -> Result<toml::Table, String> {
    let Some(plan) = plan else {
        return Ok(toml::Table::new());
    };
    let mut alternatives = vec![plan];
    if let Some(or) = plan.get("or").and_then(toml::Value::as_array) {
        alternatives.extend(or.iter().filter_map(toml::Value::as_table));
    }
    let names = |alt: &toml::Table, key: &str| -> Vec<String> {
        alt.get(key)
            .and_then(toml::Value::as_array)
            .map(|a| a.iter().filter_map(|e| e.get("name").and_then(toml::Value::as_str).map(str::to_string)).collect())
            .unwrap_or_default()
    };
    let mut reasons = Vec::new();
    for alt in alternatives {
        let (provides, requires) = (names(alt, "provides"), names(alt, "requires"));
        let unmet: Vec<_> = requires.iter().filter(|r| !provides.contains(r)).collect();
        let unused: Vec<_> = provides.iter().filter(|p| !requires.contains(p)).collect();
        if unmet.is_empty() && unused.is_empty() {
            let entries: Vec<toml::Value> = alt
                .get("requires")
                .and_then(toml::Value::as_array)
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(|r| {
                    let mut e = toml::Table::new();
                    e.insert("name".into(), r.get("name").cloned().unwrap_or("".into()));
                    if let Some(m) = r.get("metadata") {
                        e.insert("metadata".into(), m.clone());
                    }
                    toml::Value::Table(e)
                })
                .collect();
            let mut bp_plan = toml::Table::new();
            if !entries.is_empty() {
                bp_plan.insert("entries".into(), toml::Value::Array(entries));
            }
            return Ok(bp_plan);
        }
        reasons.push(format!("requires not provided: {unmet:?}, provides not required: {unused:?}"));
    }
    Err(format!("no build plan alternative resolves: {}", reasons.join("; ")))
}

// ---------------------------------------------------------------------------------------------
// App
// ---------------------------------------------------------------------------------------------

/// One app under test, kept across builds like a platform keeps an app's image and cache.
///
/// Layout in a temp dir: `workspace/` (app dir), `platform/env/<KEY>`,
/// `layers/<escaped id>/` (the buildpack layers dir of the current/last
/// build), `exported/<escaped id>/` (copy of the layers dir after the last
/// successful build: image + cache), `cnb/` (plan files), `home/` (`HOME`).
pub struct App {
    root: tempfile::TempDir,
    buildpack_dir: Option<PathBuf>,
    target_os: String,
    target_arch: String,
    distro: (String, String),
    process_env: BTreeMap<String, String>,
    clear_cache_next: bool,
    last_build_ok: Option<bool>,
}

impl Default for App {
    fn default() -> Self {
        Self::empty()
    }
}

impl App {
    /// An app with an empty app dir.
    pub fn empty() -> Self {
        let root = tempfile::Builder::new().prefix("testkit-app-").tempdir().unwrap();
        for d in ["workspace", "platform/env", "layers", "cnb", "home"] {
            fs::create_dir_all(root.path().join(d)).unwrap();
        }
        App {
            root,
            buildpack_dir: None,
            target_os: "linux".into(),
            target_arch: "amd64".into(),
            distro: ("ubuntu".into(), "24.04".into()),
            process_env: BTreeMap::new(),
            clear_cache_next: false,
            last_build_ok: None,
        }
    }

    /// An app whose app dir is a copy of `fixture` (relative paths are relative
    /// to the workspace root). The fixture itself is never modified.
    pub fn from_fixture(fixture: impl AsRef<Path>) -> Self {
        let fixture = fixture.as_ref();
        let fixture = if fixture.is_relative() { workspace_root().join(fixture) } else { fixture.to_path_buf() };
        assert!(fixture.is_dir(), "fixture {} is not a directory", fixture.display());
        let app = Self::empty();
        copy_tree(&fixture, &app.app_dir()).unwrap();
        app
    }

    /// Same as [`App::from_fixture`]: copies any directory.
    pub fn from_dir(dir: impl AsRef<Path>) -> Self {
        Self::from_fixture(dir)
    }

    /// Uses this buildpack directory instead of [`packaged_buildpack`] (e.g. a
    /// hand-made shell buildpack in a test).
    pub fn with_buildpack(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.buildpack_dir = Some(dir.into());
        self
    }

    /// The buildpack directory in use (packages the workspace buildpack on first use).
    pub fn buildpack_dir(&self) -> PathBuf {
        self.buildpack_dir.clone().unwrap_or_else(packaged_buildpack)
    }

    /// `[buildpack].id` of the buildpack in use.
    pub fn buildpack_id(&self) -> String {
        let dir = self.buildpack_dir();
        buildpack_id(&dir).unwrap_or_else(|| panic!("no [buildpack].id in {}/buildpack.toml", dir.display()))
    }

    pub fn app_dir(&self) -> PathBuf {
        self.root.path().join("workspace")
    }
    pub fn platform_dir(&self) -> PathBuf {
        self.root.path().join("platform")
    }
    /// `HOME` of the build and launched processes (empty, per app).
    pub fn home_dir(&self) -> PathBuf {
        self.root.path().join("home")
    }
    /// The layers root (`<layers>`: one dir per buildpack in it).
    pub fn layers_root(&self) -> PathBuf {
        self.root.path().join("layers")
    }
    /// This buildpack's layers dir (`<layers>/<id with / → _>`), as the last build left it.
    pub fn layers_dir(&self) -> PathBuf {
        self.layers_root().join(escape_id(&self.buildpack_id()))
    }
    /// The state kept for the next build (previous image + cache).
    pub fn exported_dir(&self) -> PathBuf {
        self.root.path().join("exported").join(escape_id(&self.buildpack_id()))
    }
    pub fn layer_path(&self, name: &str) -> PathBuf {
        self.layers_dir().join(name)
    }
    /// `<layer>.toml` of the last build (None if absent).
    pub fn layer_toml(&self, name: &str) -> Option<toml::Table> {
        read_toml(&self.layers_dir().join(format!("{name}.toml")))
    }
    /// `launch.toml` of the last build.
    pub fn launch_toml(&self) -> Option<toml::Table> {
        read_toml(&self.layers_dir().join("launch.toml"))
    }

    /// Every file under the layers root and the kept image/cache state, for
    /// secret-leak scans.
    pub fn layer_files(&self) -> Vec<PathBuf> {
        let mut files = list_files(&self.layers_root()).unwrap();
        files.extend(list_files(&self.root.path().join("exported")).unwrap());
        files
    }

    /// Files among [`App::layer_files`] and the plan files whose bytes contain `needle`.
    pub fn files_containing(&self, needle: &str) -> Vec<PathBuf> {
        let mut files = self.layer_files();
        files.extend(list_files(&self.root.path().join("cnb")).unwrap());
        files.into_iter().filter(|p| fs::read(p).is_ok_and(|b| memchr::memmem::find(&b, needle.as_bytes()).is_some())).collect()
    }

    /// Writes a file into the app dir (parents created).
    pub fn write_file(&mut self, rel: impl AsRef<Path>, contents: impl AsRef<[u8]>) -> &mut Self {
        let path = self.app_dir().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
        self
    }

    /// Removes a file or directory from the app dir (no error if absent).
    pub fn remove_file(&mut self, rel: impl AsRef<Path>) -> &mut Self {
        remove_path(&self.app_dir().join(rel)).unwrap();
        self
    }

    /// Sets a user env var the platform way: the file `<platform>/env/<KEY>`
    /// (`pack build --env`, Heroku config vars). Contents are written verbatim.
    pub fn env(&mut self, key: &str, value: &str) -> &mut Self {
        fs::write(self.platform_dir().join("env").join(key), value).unwrap();
        self
    }

    pub fn remove_env(&mut self, key: &str) -> &mut Self {
        remove_path(&self.platform_dir().join("env").join(key)).unwrap();
        self
    }

    /// Adds a variable to the environment of `bin/detect` and `bin/build` (not
    /// the user's config: that is [`App::env`]). None by default. The real
    /// lifecycle passes through only `HOME`, `HOSTNAME`, proxy variables and
    /// layer path variables from its own environment; use this for those
    /// (e.g. `HTTPS_PROXY` towards a local test server).
    pub fn process_env(&mut self, key: &str, value: &str) -> &mut Self {
        self.process_env.insert(key.into(), value.into());
        self
    }

    /// `CNB_TARGET_ARCH` (`amd64` by default).
    pub fn target_arch(&mut self, arch: &str) -> &mut Self {
        self.target_arch = arch.into();
        self
    }

    /// `CNB_TARGET_DISTRO_NAME` / `CNB_TARGET_DISTRO_VERSION` (ubuntu 24.04 by default).
    pub fn target_distro(&mut self, name: &str, version: &str) -> &mut Self {
        self.distro = (name.into(), version.into());
        self
    }

    /// The next build runs without the cache (`pack build --clear-cache`):
    /// cached layers come back neither as contents nor as metadata; launch-only
    /// layers' metadata still comes from the previous image.
    pub fn clear_cache(&mut self) -> &mut Self {
        self.clear_cache_next = true;
        self
    }

    fn clear_env(&self) -> bool {
        read_toml(&self.buildpack_dir().join("buildpack.toml"))
            .and_then(|t| t.get("buildpack")?.get("clear-env")?.as_bool())
            .unwrap_or(false)
    }

    /// The environment of `bin/detect` / `bin/build` without the `CNB_*`
    /// path variables (lifecycle `WithOverrides`): `PATH`, `HOME`, the
    /// [`App::process_env`] variables, then the platform env files (unless the
    /// buildpack sets `clear-env = true`): `PATH`-like variables are prepended
    /// with `:`, others override.
    pub fn buildpack_process_env(&self) -> BTreeMap<String, String> {
        let mut env =
            BTreeMap::from([("PATH".to_string(), BUILD_PATH.to_string()), ("HOME".to_string(), self.home_dir().display().to_string())]);
        env.extend(self.process_env.clone());
        if !self.clear_env() {
            let dir = self.platform_dir().join("env");
            for file in list_files(&dir).unwrap() {
                if file.parent() != Some(dir.as_path()) {
                    continue;
                }
                let key = file.file_name().unwrap().to_string_lossy().into_owned();
                let value = String::from_utf8_lossy(&fs::read(&file).unwrap()).into_owned();
                let root_var = matches!(key.as_str(), "PATH" | "LD_LIBRARY_PATH" | "LIBRARY_PATH" | "CPATH" | "PKG_CONFIG_PATH");
                match env.get(&key) {
                    Some(old) if root_var && !old.is_empty() => {
                        let new = format!("{value}:{old}");
                        env.insert(key, new);
                    }
                    _ => {
                        env.insert(key, value);
                    }
                }
            }
        }
        env
    }

    fn target_env(&self) -> [(&'static str, String); 4] {
        [
            ("CNB_TARGET_OS", self.target_os.clone()),
            ("CNB_TARGET_ARCH", self.target_arch.clone()),
            ("CNB_TARGET_DISTRO_NAME", self.distro.0.clone()),
            ("CNB_TARGET_DISTRO_VERSION", self.distro.1.clone()),
        ]
    }

    /// Runs `bin/detect <platform> <plan>` as the lifecycle does.
    pub fn detect(&self) -> DetectOutcome {
        let bp = self.buildpack_dir();
        let plan_path = self.root.path().join("cnb/plan.toml");
        fs::write(&plan_path, "").unwrap();
        let out = Command::new(bp.join("bin/detect"))
            .arg(self.platform_dir())
            .arg(&plan_path)
            .current_dir(self.app_dir())
            .env_clear()
            .envs(self.buildpack_process_env())
            .env("CNB_BUILDPACK_DIR", &bp)
            .env("CNB_PLATFORM_DIR", self.platform_dir())
            .env("CNB_BUILD_PLAN_PATH", &plan_path)
            .envs(self.target_env())
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("run {}/bin/detect: {e}", bp.display()));
        let text = fs::read_to_string(&plan_path).unwrap_or_default();
        let plan = if text.trim().is_empty() {
            None
        } else {
            Some(toml::from_str::<toml::Table>(&text).unwrap_or_else(|e| panic!("bin/detect wrote an invalid build plan: {e}\n{text}")))
        };
        let exit_code = out.status.code().unwrap_or(-1);
        let (buildpack_plan, plan_error) = if exit_code == 0 {
            match resolve_plan(plan.as_ref()) {
                Ok(p) => (p, None),
                Err(e) => (toml::Table::new(), Some(e)),
            }
        } else {
            (toml::Table::new(), None)
        };
        DetectOutcome {
            exit_code,
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            plan,
            plan_error,
            buildpack_plan,
        }
    }

    /// One `pack build` of this app: detect; if it passes, restore the layers
    /// dir from the previous successful build ([`restore_layers`]; without
    /// cache after [`App::clear_cache`]); run `bin/build <layers> <platform>
    /// <plan>`; on success, export (keep the state for the next build).
    /// A failed build keeps the previous build's image and cache, like the
    /// lifecycle (nothing is exported).
    pub fn build(&mut self) -> BuildOutcome {
        let bp = self.buildpack_dir();
        let detect = self.detect();
        if !detect.passed() {
            self.last_build_ok = Some(false);
            let (code, msg) = if detect.errored() {
                (
                    EXIT_FAILED_DETECT_WITH_ERRORS,
                    "ERROR: No buildpack groups passed detection.\nERROR: failed to detect: buildpack(s) failed with err\n".to_string(),
                )
            } else if let Some(e) = &detect.plan_error {
                (EXIT_FAILED_DETECT, format!("ERROR: No buildpack groups passed detection.\n({e})\n"))
            } else {
                (EXIT_FAILED_DETECT, "ERROR: No buildpack groups passed detection.\n".to_string())
            };
            return BuildOutcome {
                exit_code: code,
                stdout: detect.stdout.clone(),
                stderr: format!("{}{msg}", detect.stderr),
                launch: None,
                export_error: None,
                detect,
            };
        }

        let layers = self.layers_dir();
        let exported = self.exported_dir();
        remove_path(&self.layers_root()).unwrap();
        fs::create_dir_all(&layers).unwrap();
        restore_layers(&exported, &layers, !self.clear_cache_next).unwrap();
        self.clear_cache_next = false;

        let bp_plan_path = self.root.path().join("cnb/bp-plan.toml");
        fs::write(&bp_plan_path, toml::to_string(&detect.buildpack_plan).unwrap()).unwrap();

        let out = Command::new(bp.join("bin/build"))
            .arg(&layers)
            .arg(self.platform_dir())
            .arg(&bp_plan_path)
            .current_dir(self.app_dir())
            .env_clear()
            .envs(self.buildpack_process_env())
            .env("CNB_BUILDPACK_DIR", &bp)
            .env("CNB_PLATFORM_DIR", self.platform_dir())
            .env("CNB_BP_PLAN_PATH", &bp_plan_path)
            .env("CNB_LAYERS_DIR", &layers)
            .envs(self.target_env())
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("run {}/bin/build: {e}", bp.display()));
        let exit_code = out.status.code().unwrap_or(-1);
        let export_error = if exit_code == 0 { self.export().err() } else { None };
        self.last_build_ok = Some(exit_code == 0 && export_error.is_none());
        BuildOutcome {
            detect,
            exit_code,
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            launch: read_toml(&layers.join("launch.toml")),
            export_error,
        }
    }

    /// Export: a `launch = true` layer left without a directory reuses the
    /// previous image's layer (spec, Launch Layers) or fails the export; then
    /// the layers dir is kept as the state for the next build.
    fn export(&self) -> Result<(), String> {
        let layers = self.layers_dir();
        let exported = self.exported_dir();
        for (name, table) in layer_tomls(&layers).unwrap() {
            if LayerTypes::of(&table).launch && !layers.join(&name).is_dir() {
                let previous = exported.join(&name);
                if previous.is_dir() {
                    copy_tree(&previous, &layers.join(&name)).unwrap();
                } else {
                    return Err(format!(
                        "ERROR: failed to export: layer '{name}' is launch = true but has no contents and no previous image layer"
                    ));
                }
            }
        }
        remove_path(&exported).unwrap();
        copy_tree(&layers, &exported).unwrap();
        Ok(())
    }

    fn assert_image(&self) {
        assert!(self.last_build_ok == Some(true), "no image to launch: the last build of this app did not succeed (or none ran)");
    }

    /// The environment the launcher gives `process_type`, with no extra variables.
    pub fn launch_env(&self, process_type: &str) -> BTreeMap<String, String> {
        self.launch_env_with(process_type, &[])
    }

    /// The environment the launcher gives `process_type`: base `PATH`
    /// ([`LAUNCH_PATH`]) and `HOME`, then `extra_env` (the container's env,
    /// e.g. config vars like `DATABASE_URL`), then the launch layers
    /// ([`launch_env_for_layers`]), then `exec.d` ([`apply_exec_d`]).
    pub fn launch_env_with(&self, process_type: &str, extra_env: &[(&str, &str)]) -> BTreeMap<String, String> {
        self.assert_image();
        let mut base =
            BTreeMap::from([("PATH".to_string(), LAUNCH_PATH.to_string()), ("HOME".to_string(), self.home_dir().display().to_string())]);
        for (k, v) in extra_env {
            base.insert((*k).to_string(), (*v).to_string());
        }
        let layers = self.layers_dir();
        let mut env = launch_env_for_layers(&layers, process_type, base).unwrap();
        apply_exec_d(&layers, process_type, &self.app_dir(), &mut env).unwrap();
        env
    }

    /// The `Command` the launcher would exec for `process_type` (from the last
    /// build's `launch.toml`): `command[0]` looked up in the launch `PATH`,
    /// then the rest of `command` and `args`, no shell; cleared env =
    /// [`App::launch_env_with`]; cwd = app dir (or the process's
    /// `working-dir`); stdin null. Panics if there is no such process type.
    pub fn process_command(&self, process_type: &str, extra_env: &[(&str, &str)]) -> Command {
        self.assert_image();
        let launch = self.launch_toml().expect("the last build wrote no launch.toml");
        let process = find_process(&launch, process_type)
            .unwrap_or_else(|| panic!("no process type {process_type:?} in launch.toml:\n{launch:#?}"))
            .clone();
        let strings = |key: &str| -> Vec<String> {
            match process.get(key) {
                Some(toml::Value::Array(a)) => a.iter().map(|v| v.as_str().unwrap_or_default().to_string()).collect(),
                Some(toml::Value::String(s)) => vec![s.clone()],
                _ => Vec::new(),
            }
        };
        let command = strings("command");
        let args = strings("args");
        let first = command.first().unwrap_or_else(|| panic!("process {process_type:?} has an empty command"));
        let env = self.launch_env_with(process_type, extra_env);
        let cwd = match process.get("working-dir").and_then(toml::Value::as_str) {
            Some(dir) if Path::new(dir).is_absolute() => PathBuf::from(dir),
            Some(dir) => self.app_dir().join(dir),
            None => self.app_dir(),
        };
        let program = look_path(first, env.get("PATH").map_or("", String::as_str))
            .unwrap_or_else(|| panic!("launcher: path lookup: {first:?} not found in PATH={:?}", env.get("PATH")));
        let program = if program.is_relative() { self.app_dir().join(program) } else { program };
        let mut cmd = Command::new(program);
        cmd.args(&command[1..]).args(&args).env_clear().envs(&env).current_dir(cwd).stdin(Stdio::null());
        cmd
    }

    /// Runs `process_type` to completion (see [`App::process_command`]).
    pub fn run_process(&self, process_type: &str, extra_env: &[(&str, &str)]) -> ProcessOutcome {
        let out = self.process_command(process_type, extra_env).output().unwrap_or_else(|e| panic!("launch process {process_type:?}: {e}"));
        ProcessOutcome::from_output(&out)
    }

    /// Starts `process_type` with piped stdout/stderr (for tests that send signals).
    pub fn spawn_process(&self, process_type: &str, extra_env: &[(&str, &str)]) -> Child {
        self.process_command(process_type, extra_env)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("launch process {process_type:?}: {e}"))
    }
}
