//! The runner layer: the release runner executable (`bin/migrations`) and the
//! launch environment that tells it which tool and directory to use.
//!
//! Layer dir: `<layers>/runner/`. Uncached, launch: recreated on every build, so
//! it always holds the runner of the buildpack version that built the image.

use crate::config;
use crate::detect::Detected;
use crate::errors::BuildpackError;
use libcnb::Buildpack;
use libcnb::build::BuildContext;
use libcnb::data::layer_name;
use libcnb::layer::UncachedLayerDefinition;
use libcnb::layer_env::{LayerEnv, ModificationBehavior, Scope};
use std::path::{Path, PathBuf};

/// The runner's executable name inside the image.
pub const RUNNER: &str = "migrations";

/// Copy the runner into a launch layer; returns its path in the layer.
pub fn handle<B>(context: &BuildContext<B>, runner_source: &Path, detected: &Detected) -> libcnb::Result<PathBuf, BuildpackError>
where
    B: Buildpack<Error = BuildpackError>,
{
    let layer = context.uncached_layer(layer_name!("runner"), UncachedLayerDefinition { build: false, launch: true })?;
    let bin = layer.path().join("bin");
    std::fs::create_dir_all(&bin).map_err(|source| BuildpackError::LayerIo { action: "create", path: bin.clone(), source })?;
    let dest = bin.join(RUNNER);
    std::fs::copy(runner_source, &dest).map_err(|source| BuildpackError::LayerIo {
        action: "copy the release runner to",
        path: dest.clone(),
        source,
    })?;
    layer.write_env(
        LayerEnv::new()
            .chainable_insert(Scope::Launch, ModificationBehavior::Override, config::TOOL, detected.tool.name())
            .chainable_insert(Scope::Launch, ModificationBehavior::Override, config::DIR, detected.dir.as_os_str()),
    )?;
    Ok(dest)
}
