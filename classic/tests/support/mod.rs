//! Runs the classic Buildpack API the way Heroku's build system does: a fresh
//! BUILD_DIR (a copy of the app) for every build, a CACHE_DIR kept between
//! builds, an ENV_DIR with one file per config var; then the slug's `release`
//! command in a dyno-like environment (HOME = the app dir, `.profile.d/*.sh`
//! sourced first).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use testkit::lifecycle::{copy_tree, workspace_root};

pub fn classic_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_classic"))
}

/// The release runner (`migrations`), built once per test process with its own
/// target dir (the outer `cargo test` holds the lock on `target/`), shared with
/// testkit's golang-migrate double. `CLASSIC_TEST_RUNNER_BIN` overrides it.
pub fn runner_bin() -> PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        if let Some(p) = std::env::var_os("CLASSIC_TEST_RUNNER_BIN") {
            return PathBuf::from(p);
        }
        let root = workspace_root();
        let target = root.join("target/lifecycle");
        std::fs::create_dir_all(&target).unwrap();
        // Cargo serialises concurrent builds in one target dir itself (its own lock).
        let mut cmd = testkit::lifecycle::nested_cargo(&root);
        cmd.args(["build", "-p", "migrations-buildpack", "--bin", "migrations"]).env("CARGO_TARGET_DIR", &target);
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "building the release runner failed: {}", String::from_utf8_lossy(&out.stderr));
        target.join("debug/migrations")
    })
    .clone()
}

/// What one run of a classic script produced.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn from_output(out: Output) -> Self {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

/// How to invoke bin/detect, bin/compile, bin/release.
#[derive(Clone)]
pub enum Scripts {
    /// The cargo-built `classic` binary, with the runner passed in `MIGRATIONS_RUNNER_BIN`.
    Binary { classic: PathBuf, runner: PathBuf },
    /// A buildpack directory laid out like the tarball (`bin/*` shims, `lib/*`).
    Shims(PathBuf),
}

impl Scripts {
    pub fn binary() -> Self {
        Scripts::Binary { classic: classic_bin(), runner: runner_bin() }
    }

    fn command(&self, script: &str) -> Command {
        match self {
            Scripts::Binary { classic, runner } => {
                let mut c = Command::new(classic);
                c.arg(script).env("MIGRATIONS_RUNNER_BIN", runner);
                c
            }
            Scripts::Shims(dir) => {
                let mut c = Command::new(dir.join("bin").join(script));
                c.env_remove("MIGRATIONS_RUNNER_BIN");
                c
            }
        }
    }
}

/// An app on a classic platform: its source, a persistent cache, config vars.
pub struct ClassicApp {
    root: tempfile::TempDir,
    scripts: Scripts,
    builds: usize,
    /// The BUILD_DIR of the latest compile (the slug).
    pub slug: Option<PathBuf>,
}

impl ClassicApp {
    pub fn from_fixture(fixture: &str) -> Self {
        Self::with_scripts(fixture, Scripts::binary())
    }

    pub fn with_scripts(fixture: &str, scripts: Scripts) -> Self {
        let root = tempfile::Builder::new().prefix("classic-app-").tempdir().unwrap();
        for d in ["app", "cache", "env"] {
            std::fs::create_dir_all(root.path().join(d)).unwrap();
        }
        copy_tree(&workspace_root().join(fixture), &root.path().join("app")).unwrap();
        ClassicApp { root, scripts, builds: 0, slug: None }
    }

    /// The app's source (what `git push` sends); changes show in the next build.
    pub fn app_dir(&self) -> PathBuf {
        self.root.path().join("app")
    }
    pub fn cache_dir(&self) -> PathBuf {
        self.root.path().join("cache")
    }
    pub fn env_dir(&self) -> PathBuf {
        self.root.path().join("env")
    }
    /// Room for test files that are not part of the app.
    pub fn scratch_dir(&self) -> PathBuf {
        self.root.path().to_path_buf()
    }

    pub fn write_file(&self, rel: &str, contents: &str) {
        let p = self.app_dir().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, contents).unwrap();
    }

    /// `heroku config:set KEY=value`: one file in ENV_DIR.
    pub fn config_set(&self, key: &str, value: &str) {
        std::fs::write(self.env_dir().join(key), value).unwrap();
    }

    fn fresh_build_dir(&mut self) -> PathBuf {
        self.builds += 1;
        let dir = self.root.path().join(format!("build-{}", self.builds));
        copy_tree(&self.app_dir(), &dir).unwrap();
        dir
    }

    pub fn detect(&mut self) -> Run {
        let dir = self.fresh_build_dir();
        Run::from_output(self.scripts.command("detect").arg(&dir).stdin(Stdio::null()).output().unwrap())
    }

    /// bin/compile in a fresh BUILD_DIR with the kept CACHE_DIR and the ENV_DIR.
    pub fn compile(&mut self) -> Run {
        let dir = self.fresh_build_dir();
        let out =
            self.scripts.command("compile").arg(&dir).arg(self.cache_dir()).arg(self.env_dir()).stdin(Stdio::null()).output().unwrap();
        let run = Run::from_output(out);
        if run.code == 0 {
            self.slug = Some(dir);
        }
        run
    }

    pub fn slug(&self) -> &Path {
        self.slug.as_deref().expect("no successful compile yet")
    }

    pub fn release_yaml(&self) -> Run {
        let dir = self.slug.clone().unwrap_or_else(|| self.app_dir());
        Run::from_output(self.scripts.command("release").arg(dir).stdin(Stdio::null()).output().unwrap())
    }

    /// The `release` process as a dyno runs it: cwd and HOME = the slug, a
    /// minimal environment, `.profile.d/migrations.sh` sourced first.
    pub fn run_release(&self, database_url: &str) -> Run {
        let slug = self.slug();
        let out = Command::new("sh")
            .arg("-c")
            .arg(". .profile.d/migrations.sh && migrations release")
            .current_dir(slug)
            .env_clear()
            .env("HOME", slug)
            .env("PATH", "/usr/local/bin:/usr/bin:/bin")
            .env("DATABASE_URL", database_url)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let run = Run::from_output(out);
        assert!(!run.all().contains(testkit::pg::PASSWORD), "the database password leaked:\n{}", run.all());
        run
    }
}

/// A buildpack directory laid out like `migrations-buildpack-classic-<version>.tgz`:
/// the shims from `classic/bin` and the binaries in `lib/`. With
/// `CLASSIC_TEST_BUILDPACK_TGZ` set (the output of `scripts/package-classic.sh`),
/// that archive is extracted and used instead.
pub fn assemble_buildpack(into: &Path) -> PathBuf {
    let bp = into.join("buildpack");
    std::fs::create_dir_all(&bp).unwrap();
    if let Some(tgz) = std::env::var_os("CLASSIC_TEST_BUILDPACK_TGZ") {
        let status = Command::new("tar").arg("-xzf").arg(&tgz).arg("-C").arg(&bp).status().unwrap();
        assert!(status.success(), "cannot extract {}", Path::new(&tgz).display());
        return bp;
    }
    copy_tree(&workspace_root().join("classic/bin"), &bp.join("bin")).unwrap();
    std::fs::create_dir_all(bp.join("lib")).unwrap();
    std::fs::copy(classic_bin(), bp.join("lib/classic")).unwrap();
    std::fs::copy(runner_bin(), bp.join("lib/migrations")).unwrap();
    bp
}

pub fn tables(pg: &testkit::pg::Postgres, db: &str) -> Vec<String> {
    pg.query(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
}
