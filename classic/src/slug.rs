//! What the classic build adds to the slug (BUILD_DIR, `/app` at run time):
//!
//! - `.heroku/migrations/bin/migrations`: the release runner;
//! - `.heroku/migrations/bin/<migrate|dbmate>`: the verified tool;
//! - `.heroku/migrations/sbom/{tool,runner}.sbom.{cdx,spdx}.json`: the SBOMs
//!   the CNB build writes for its tool and runner layers (Cedar has no layer
//!   SBOMs; these travel with the slug);
//! - `.profile.d/migrations.sh`: sourced by every dyno (release phase included)
//!   before its command: puts that directory on `PATH` and exports
//!   `MIGRATIONS_TOOL` and `MIGRATIONS_DIR`, as the CNB runner layer's launch
//!   environment does (override, not default).

use migrations_buildpack::config;
use migrations_buildpack::detect::Detected;
use migrations_buildpack::errors::BuildpackError;
use migrations_buildpack::install::ResolvedArtifact;
use migrations_buildpack::layers::runner::RUNNER;
use migrations_buildpack::sbom;
use migrations_buildpack::sbom::SbomFormat;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// The slug directory holding the runner and the tool, relative to BUILD_DIR.
pub const BIN_DIR: &str = ".heroku/migrations/bin";
/// The slug directory holding the SBOMs, relative to BUILD_DIR.
pub const SBOM_DIR: &str = ".heroku/migrations/sbom";
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

/// Write the tool's and the runner's SBOMs (CycloneDX and SPDX JSON, as the CNB
/// build writes them for its layers) to `BUILD_DIR/.heroku/migrations/sbom/`.
pub fn write_sboms(build_dir: &Path, artifact: &ResolvedArtifact, runner: &Path) -> Result<Vec<PathBuf>, BuildpackError> {
    let runner_sha = crate::cache::sha256_file(runner).map_err(io("read", runner))?;
    let crates = sbom::runner_crates()?;
    let now = std::time::SystemTime::now();
    let docs = [("tool", sbom::tool_layer(artifact)), ("runner", sbom::runner_layer(&crates, RUNNER, Some(runner_sha)))];
    let mut written = Vec::new();
    for (name, doc) in docs {
        for file in sbom::sboms(&doc, now)? {
            let ext = match file.format {
                SbomFormat::CycloneDxJson => "cdx.json",
                SbomFormat::SpdxJson => "spdx.json",
                SbomFormat::SyftJson => "syft.json",
            };
            let path = build_dir.join(SBOM_DIR).join(format!("{name}.sbom.{ext}"));
            crate::cache::write_atomic(&path, &file.data)?;
            written.push(path);
        }
    }
    Ok(written)
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
    use migrations_buildpack::tool_kind::ToolKind;

    #[test]
    fn profile_exports_what_the_runner_reads() {
        let d = Detected { dir: "db/it's migrations".into(), tool: ToolKind::Dbmate, guessed: true };
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
