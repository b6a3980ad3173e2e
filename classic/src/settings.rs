//! Build settings from a classic ENV_DIR: one file per config var, named after
//! the variable, holding its value. Only the `BP_MIGRATIONS_*` files are read;
//! every other config var (DATABASE_URL, secrets) is left alone.

use migrations_buildpack::config::BuildConfig;
use migrations_buildpack::errors::BuildpackError;
use std::collections::BTreeMap;
use std::path::Path;

/// The prefix of every build-time setting.
pub const PREFIX: &str = "BP_MIGRATIONS_";

/// The `BP_MIGRATIONS_*` config vars found in `env_dir` (missing dir: none).
pub fn read_env_dir(env_dir: &Path) -> Result<BTreeMap<String, String>, BuildpackError> {
    let mut vars = BTreeMap::new();
    let entries = match std::fs::read_dir(env_dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vars),
        Err(source) => {
            return Err(BuildpackError::LayerIo { action: "read the config vars in", path: env_dir.to_path_buf(), source });
        }
    };
    for entry in entries {
        let entry =
            entry.map_err(|source| BuildpackError::LayerIo { action: "read the config vars in", path: env_dir.to_path_buf(), source })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with(PREFIX) || !entry.path().is_file() {
            continue;
        }
        let bytes = std::fs::read(entry.path()).map_err(|source| BuildpackError::LayerIo {
            action: "read the config var file",
            path: entry.path(),
            source,
        })?;
        vars.insert(name, String::from_utf8_lossy(&bytes).into_owned());
    }
    Ok(vars)
}

/// The `BP_MIGRATIONS_*` variables of this process's own environment (platforms
/// other than Heroku, such as Dokku, may export config vars to the build).
pub fn from_process_env() -> BTreeMap<String, String> {
    std::env::vars().filter(|(k, _)| k.starts_with(PREFIX)).collect()
}

pub fn build_config(vars: &BTreeMap<String, String>) -> Result<BuildConfig, BuildpackError> {
    Ok(BuildConfig::from_lookup(|k| vars.get(k).cloned())?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_only_the_buildpack_settings() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("BP_MIGRATIONS_DIR"), "sql\n").unwrap();
        std::fs::write(dir.path().join("DATABASE_URL"), "postgres://secret").unwrap();
        let vars = read_env_dir(dir.path()).unwrap();
        assert_eq!(vars.keys().collect::<Vec<_>>(), ["BP_MIGRATIONS_DIR"]);
        assert_eq!(build_config(&vars).unwrap().dir.unwrap(), Path::new("sql"));
        assert!(read_env_dir(&dir.path().join("absent")).unwrap().is_empty());
    }
}
