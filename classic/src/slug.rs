//! What the classic build adds to the slug (BUILD_DIR, `/app` at run time):
//!
//! - `.heroku/migrations/bin/migrations`: the release runner;
//! - `.heroku/migrations/bin/<migrate|dbmate>`: the verified tool;
//! - `.profile.d/migrations.sh`: sourced by every dyno (release phase included)
//!   before its command: puts that directory on `PATH` and exports
//!   `MIGRATIONS_TOOL` and `MIGRATIONS_DIR`, as the CNB runner layer's launch
//!   environment does (override, not default).

use migrations_buildpack::config;
use migrations_buildpack::detect::Detected;
use migrations_buildpack::errors::BuildpackError;
use migrations_buildpack::layers::runner::RUNNER;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// The slug directory holding the runner and the tool, relative to BUILD_DIR.
pub const BIN_DIR: &str = ".heroku/migrations/bin";
/// The profile script, relative to BUILD_DIR.
pub const PROFILE: &str = ".profile.d/migrations.sh";

fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> BuildpackError {
    let path = path.to_path_buf();
    move |source| BuildpackError::LayerIo { action, path, source }
}

/// Copy `source` to `BUILD_DIR/.heroku/migrations/bin/<name>`, mode 0755; returns the destination.
pub fn install_executable(build_dir: &Path, source: &Path, name: &str, action: &'static str) -> Result<PathBuf, BuildpackError> {
    let bin = build_dir.join(BIN_DIR);
    std::fs::create_dir_all(&bin).map_err(io("create", &bin))?;
    let dest = bin.join(name);
    // Through a temp file: a half-copied executable is never left under its real name.
    let temp = bin.join(format!(".{name}.partial"));
    std::fs::copy(source, &temp).map_err(io(action, &dest))?;
    std::fs::set_permissions(&temp, std::fs::Permissions::from_mode(0o755)).map_err(io("set permissions of", &temp))?;
    std::fs::rename(&temp, &dest).map_err(io("rename into", &dest))?;
    Ok(dest)
}

/// `'value'` for sh, with any `'` escaped.
pub fn sh_quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', r"'\''"))
}

pub fn profile_script(detected: &Detected) -> String {
    format!(
        "# Written by the migrations buildpack (classic) at build time. Sourced by every dyno,\n\
         # the release phase included: puts the release runner (`{RUNNER}`) and the migration\n\
         # tool on PATH, and tells the runner which tool and directory to use.\n\
         export PATH=\"$HOME/{BIN_DIR}:$PATH\"\n\
         export {}={}\n\
         export {}={}\n",
        config::TOOL,
        sh_quote(detected.tool.name()),
        config::DIR,
        sh_quote(&detected.dir.to_string_lossy()),
    )
}

pub fn write_profile(build_dir: &Path, detected: &Detected) -> Result<PathBuf, BuildpackError> {
    let path = build_dir.join(PROFILE);
    crate::cache::write_atomic(&path, profile_script(detected).as_bytes())?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use migrations_buildpack::tool::Tool;

    #[test]
    fn profile_exports_what_the_runner_reads() {
        let d = Detected { dir: "db/it's migrations".into(), tool: Tool::Dbmate, guessed: true };
        let script = profile_script(&d);
        assert!(script.contains("export PATH=\"$HOME/.heroku/migrations/bin:$PATH\"\n"), "{script}");
        assert!(script.contains("export MIGRATIONS_TOOL='dbmate'\n"), "{script}");
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("{script}\nprintf %s \"$MIGRATIONS_DIR\""))
            .env("HOME", "/app")
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout), "db/it's migrations");
    }
}
