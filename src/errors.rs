//! The buildpack's top-level error: one variant per module's own error enum.
//! The wording users read lives in `messages.rs`, not here.

use crate::config::ConfigError;
use crate::detect::DetectError;
use crate::install::{AuthError, InstallError};
use crate::migrations::ModelError;
use crate::sbom::SbomError;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum BuildpackError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Detect(#[from] DetectError),
    /// Detection passed but the directory is gone or empty at build time.
    #[error("no migrations found at build: {0}")]
    NotDetected(String),
    #[error(transparent)]
    Model(#[from] ModelError),
    /// The build-time checks found errors; they were already printed one by one.
    #[error("{count} migration check(s) failed")]
    Checks { count: usize, dir: PathBuf },
    #[error(transparent)]
    Install(#[from] InstallError),
    /// Mirror credentials (service binding, `BP_MIGRATIONS_TOOL_AUTH`, URL userinfo).
    #[error(transparent)]
    Auth(#[from] AuthError),
    /// A layer SBOM could not be made (a bug: the buildpack's own data did not validate).
    #[error(transparent)]
    Sbom(#[from] SbomError),
    /// A file operation on a layer failed.
    #[error("{action} {path}: {source}")]
    LayerIo { action: &'static str, path: PathBuf, source: std::io::Error },
}

impl From<BuildpackError> for libcnb::Error<BuildpackError> {
    fn from(e: BuildpackError) -> Self {
        libcnb::Error::BuildpackError(e)
    }
}
