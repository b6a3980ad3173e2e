//! Find the migrations directory and choose the engine.
//!
//! Rules: `BP_MIGRATIONS_DIR` (relative to the app) when set, else the first of
//! `db/migrations`, `migrations` that holds migration files. The engine is
//! `BP_MIGRATIONS_TOOL` when set, else guessed from the file layout
//! (golang-migrate's `<version>_<name>.up.<ext>` / `.down.<ext>` first, then
//! dbmate's `<version>_<name>.sql` with `-- migrate:up`).

use crate::config::{self, BuildConfig};
use crate::migrations::{self, MigrationSet};
use crate::tool_kind::ToolKind;
use std::path::{Path, PathBuf};

/// A migrations directory and the engine that runs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detected {
    /// Relative to the app root.
    pub dir: PathBuf,
    pub tool: ToolKind,
    /// True when the tool was guessed from the files, false when set by `BP_MIGRATIONS_TOOL`.
    pub guessed: bool,
}

/// The outcome of detection: found, or not, with the one line that says why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detection {
    Found(Detected),
    NotFound(String),
}

#[derive(Debug, thiserror::Error)]
pub enum DetectError {
    #[error("cannot read the migrations directory {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
}

/// Does `dir` hold at least one migration file of `tool`'s layout?
fn holds_migrations(dir: &Path, tool: ToolKind) -> Result<bool, DetectError> {
    match MigrationSet::load(dir, tool) {
        Ok(set) => Ok(!set.migrations.is_empty()),
        Err(e) => Err(DetectError::Read { path: dir.to_path_buf(), source: std::io::Error::other(e.to_string()) }),
    }
}

/// Which tool the directory's files are laid out for (`None`: no migration files at all).
fn tool_for(dir: &Path, forced: Option<ToolKind>) -> Result<Option<(ToolKind, bool)>, DetectError> {
    match forced {
        Some(tool) => Ok(holds_migrations(dir, tool)?.then_some((tool, false))),
        None => migrations::guess_tool(dir)
            .map(|t| t.map(|t| (t, true)))
            .map_err(|source| DetectError::Read { path: dir.to_path_buf(), source }),
    }
}

/// Detection at build time: `BP_MIGRATIONS_DIR` and `BP_MIGRATIONS_TOOL`, else the defaults.
pub fn detect(app_dir: &Path, config: &BuildConfig) -> Result<Detection, DetectError> {
    locate(app_dir, config.dir.as_deref(), config.tool, config::BP_DIR)
}

/// The one directory resolution, for the build (`detect`) and the runner (`migrations release`,
/// `status`, `check`, reading the `MIGRATIONS_DIR`/`MIGRATIONS_TOOL` the build wrote): `dir` (app
/// relative, already validated as such by the configuration; `dir_var` names its setting) when
/// set, else the first default directory that holds migration files; `tool` when set, else the
/// tool the files are laid out for.
pub fn locate(app_dir: &Path, dir: Option<&Path>, tool: Option<ToolKind>, dir_var: &str) -> Result<Detection, DetectError> {
    let layout_hint = match tool {
        Some(tool) => format!("{tool} migration files"),
        None => {
            "migration files (golang-migrate `<version>_<name>.up.sql`, or dbmate `<version>_<name>.sql` with `-- migrate:up`)".to_string()
        }
    };
    if let Some(dir) = dir {
        let abs = app_dir.join(dir);
        if !abs.is_dir() {
            return Ok(Detection::NotFound(format!(
                "{dir_var}={} does not exist in the app (set it to the directory that holds your migrations, relative to the app root)",
                dir.display()
            )));
        }
        return Ok(match tool_for(&abs, tool)? {
            Some((tool, guessed)) => Detection::Found(Detected { dir: dir.to_path_buf(), tool, guessed }),
            None => Detection::NotFound(format!("{dir_var}={} holds no {layout_hint}", dir.display())),
        });
    }
    let mut looked = Vec::new();
    for candidate in config::DEFAULT_DIRS {
        let abs = app_dir.join(candidate);
        if !abs.is_dir() {
            looked.push(format!("{candidate}/ (absent)"));
            continue;
        }
        match tool_for(&abs, tool)? {
            Some((tool, guessed)) => {
                return Ok(Detection::Found(Detected { dir: PathBuf::from(candidate), tool, guessed }));
            }
            None => looked.push(format!("{candidate}/ (no migration files)")),
        }
    }
    Ok(Detection::NotFound(format!("no {layout_hint} in {}; set {dir_var} if they live elsewhere", looked.join(", "))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn app(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, content) in files {
            let p = dir.path().join(path);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, content).unwrap();
        }
        dir
    }

    fn cfg(pairs: &[(&str, &str)]) -> BuildConfig {
        let pairs: Vec<(String, String)> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        BuildConfig::from_lookup(|k| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone())).unwrap()
    }

    #[test]
    fn golang_migrate_layout_in_default_dir() {
        let a = app(&[("db/migrations/1_init.up.sql", "CREATE TABLE t(id int);"), ("db/migrations/1_init.down.sql", "DROP TABLE t;")]);
        let d = detect(a.path(), &cfg(&[])).unwrap();
        assert_eq!(d, Detection::Found(Detected { dir: "db/migrations".into(), tool: ToolKind::GolangMigrate, guessed: true }));
    }

    #[test]
    fn dbmate_layout_in_second_default_dir() {
        let a = app(&[("migrations/20240101000000_init.sql", "-- migrate:up\nCREATE TABLE t(id int);\n-- migrate:down\nDROP TABLE t;\n")]);
        let d = detect(a.path(), &cfg(&[])).unwrap();
        assert_eq!(d, Detection::Found(Detected { dir: "migrations".into(), tool: ToolKind::Dbmate, guessed: true }));
    }

    #[test]
    fn empty_dirs_fail_with_one_line() {
        let a = app(&[("db/migrations/README.md", "nothing")]);
        let Detection::NotFound(why) = detect(a.path(), &cfg(&[])).unwrap() else { panic!("detected") };
        assert!(why.contains("db/migrations/ (no migration files)"), "{why}");
        assert!(why.contains("migrations/ (absent)"), "{why}");
        assert!(!why.contains('\n'));
    }

    #[test]
    fn configured_dir_that_does_not_exist_fails() {
        let a = app(&[("db/migrations/1_init.up.sql", "SELECT 1;")]);
        let Detection::NotFound(why) = detect(a.path(), &cfg(&[("BP_MIGRATIONS_DIR", "sql")])).unwrap() else { panic!("detected") };
        assert!(why.starts_with("BP_MIGRATIONS_DIR=sql does not exist"), "{why}");
    }

    #[test]
    fn configured_dir_and_forced_tool() {
        let a = app(&[("sql/002_two.sql", "-- migrate:up\nSELECT 1;\n-- migrate:down\n")]);
        let d = detect(a.path(), &cfg(&[("BP_MIGRATIONS_DIR", "sql"), ("BP_MIGRATIONS_TOOL", "dbmate")])).unwrap();
        assert_eq!(d, Detection::Found(Detected { dir: "sql".into(), tool: ToolKind::Dbmate, guessed: false }));
        // Forcing golang-migrate on dbmate files: nothing in that layout.
        let d = detect(a.path(), &cfg(&[("BP_MIGRATIONS_DIR", "sql"), ("BP_MIGRATIONS_TOOL", "golang-migrate")])).unwrap();
        assert!(matches!(d, Detection::NotFound(ref why) if why.contains("holds no golang-migrate migration files")), "{d:?}");
    }
}
