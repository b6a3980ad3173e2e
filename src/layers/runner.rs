//! The runner layer: the release runner executable (`bin/migrations`) and the
//! launch environment that tells it which tool and directory to use.
//!
//! Layer dir: `<layers>/runner/`. Cached, launch. Cache invalidation: kept only
//! when the buildpack version and the runner executable shipped with it (size
//! and modification time, read with one `stat`) equal the cached ones;
//! otherwise the runner is copied again, so the image always holds the runner
//! of the buildpack that built it. The launch environment is rewritten on
//! every build (the migrations directory or tool may have changed).
//!
//! SBOM: `<layers>/runner.sbom.cdx.json` and `.sbom.spdx.json` describe the
//! runner (with the SHA-256 of the copied file) and every crate compiled into
//! it, from the list `build.rs` made when this buildpack was packaged
//! (`crate::sbom::runner_crates`). Written whenever the runner is copied; a
//! reused layer keeps its SBOMs (written again only when missing).

use crate::config;
use crate::detect::Detected;
use crate::errors::BuildpackError;
use crate::sbom;
use libcnb::Buildpack;
use libcnb::build::BuildContext;
use libcnb::data::layer_name;
use libcnb::layer::{CachedLayerDefinition, InvalidMetadataAction, LayerState, RestoredLayerAction};
use libcnb::layer_env::{LayerEnv, ModificationBehavior, Scope};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// The runner's executable name inside the image.
pub const RUNNER: &str = "migrations";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunnerLayerMetadata {
    pub buildpack_version: String,
    pub runner_bytes: u64,
    /// Modification time of the shipped runner, nanoseconds since the epoch (as text).
    pub runner_mtime: String,
}

impl RunnerLayerMetadata {
    fn of(buildpack_version: &str, runner_source: &Path) -> Result<Self, BuildpackError> {
        let md = std::fs::metadata(runner_source).map_err(|source| BuildpackError::LayerIo {
            action: "read the release runner",
            path: runner_source.to_path_buf(),
            source,
        })?;
        let mtime = md.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
        Ok(RunnerLayerMetadata {
            buildpack_version: buildpack_version.to_string(),
            runner_bytes: md.len(),
            runner_mtime: mtime.to_string(),
        })
    }
}

/// SHA-256 (lowercase hex) of a file, streamed.
fn sha256_file(path: &Path) -> std::io::Result<String> {
    use sha2::Digest;
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut hasher = sha2::Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match file.read(&mut buf)? {
            0 => break,
            n => hasher.update(&buf[..n]),
        }
    }
    Ok(hex::encode(hasher.finalize()))
}

/// Put the runner in a launch layer (copying it only when it changed); returns its path in the layer.
pub fn handle<B>(context: &BuildContext<B>, runner_source: &Path, detected: &Detected) -> libcnb::Result<PathBuf, BuildpackError>
where
    B: Buildpack<Error = BuildpackError>,
{
    let wanted = RunnerLayerMetadata::of(&context.buildpack_descriptor.buildpack.version.to_string(), runner_source)?;
    let layer = context.cached_layer(
        layer_name!("runner"),
        CachedLayerDefinition {
            build: false,
            launch: true,
            invalid_metadata_action: &|_| InvalidMetadataAction::DeleteLayer,
            restored_layer_action: &|old: &RunnerLayerMetadata, path: &Path| {
                if old == &wanted && path.join("bin").join(RUNNER).is_file() {
                    RestoredLayerAction::KeepLayer
                } else {
                    RestoredLayerAction::DeleteLayer
                }
            },
        },
    )?;
    let bin = layer.path().join("bin");
    let dest = bin.join(RUNNER);
    let copied = matches!(layer.state, LayerState::Empty { .. });
    if copied {
        std::fs::create_dir_all(&bin).map_err(|source| BuildpackError::LayerIo { action: "create", path: bin.clone(), source })?;
        std::fs::copy(runner_source, &dest).map_err(|source| BuildpackError::LayerIo {
            action: "copy the release runner to",
            path: dest.clone(),
            source,
        })?;
    }
    if copied || !crate::layers::has_sboms(&context.layers_dir, "runner") {
        let sha256 = sha256_file(&dest).map_err(|source| BuildpackError::LayerIo { action: "read", path: dest.clone(), source })?;
        let crates = sbom::runner_crates().map_err(BuildpackError::from)?;
        let doc = sbom::runner_layer(&crates, RUNNER, Some(sha256));
        layer.write_sboms(&sbom::sboms(&doc, std::time::SystemTime::now()).map_err(BuildpackError::from)?)?;
    }
    if copied {
        layer.write_metadata(wanted.clone())?;
    }
    layer.write_env(
        LayerEnv::new()
            .chainable_insert(Scope::Launch, ModificationBehavior::Override, config::TOOL, detected.tool.name())
            .chainable_insert(Scope::Launch, ModificationBehavior::Override, config::DIR, detected.dir.as_os_str()),
    )?;
    Ok(dest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layers::test_context::build_context;
    use crate::tool_kind::ToolKind;

    #[test]
    fn the_runner_is_copied_once_and_again_when_it_changes() {
        let root = tempfile::tempdir().unwrap();
        let ctx = build_context(root.path());
        let source = root.path().join("runner-source");
        std::fs::write(&source, b"runner v1").unwrap();
        let detected = Detected { dir: "db/migrations".into(), tool: ToolKind::Dbmate, guessed: true };

        let dest = handle(&ctx, &source, &detected).unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"runner v1");
        let sbom = ctx.layers_dir.join("runner.sbom.cdx.json");
        let first_sbom = std::fs::read_to_string(&sbom).unwrap();
        assert!(first_sbom.contains(&sha256_file(&dest).unwrap()), "the SBOM names the copied runner's SHA-256");
        assert!(first_sbom.contains("pkg:cargo/postgres@"), "and the crates compiled into it");
        assert!(crate::layers::has_sboms(&ctx.layers_dir, "runner"));
        // Same runner: kept (a marker written into the layer survives).
        std::fs::write(ctx.layers_dir.join("runner/marker"), b"kept").unwrap();
        handle(&ctx, &source, &detected).unwrap();
        assert!(ctx.layers_dir.join("runner/marker").exists());
        assert_eq!(std::fs::read_to_string(&sbom).unwrap(), first_sbom, "a reused layer keeps its SBOM");
        // A different runner (size changes): copied again.
        std::fs::write(&source, b"runner v2, longer").unwrap();
        handle(&ctx, &source, &detected).unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"runner v2, longer");
        assert!(std::fs::read_to_string(&sbom).unwrap().contains(&sha256_file(&dest).unwrap()), "a new runner gets a new SBOM");
        assert!(!ctx.layers_dir.join("runner/marker").exists());
        // The launch env follows the detected tool on every build.
        let env = std::fs::read_to_string(ctx.layers_dir.join("runner/env.launch/MIGRATIONS_TOOL.override")).unwrap();
        assert_eq!(env, "dbmate");
    }
}
