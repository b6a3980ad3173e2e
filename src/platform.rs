//! The CNB platform as the buildpack reads it: the user's build environment
//! (`<platform>/env/`, like libcnb's `GenericPlatform`) and where that
//! directory is, for the service bindings under it.

use libcnb::{Env, Platform};
use std::path::{Path, PathBuf};

pub struct BuildPlatform {
    inner: libcnb::generic::GenericPlatform,
    dir: PathBuf,
}

impl BuildPlatform {
    /// The platform directory (`$CNB_PLATFORM_DIR`).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The service bindings directory: `SERVICE_BINDING_ROOT` when the build
    /// environment (or the lifecycle) sets it, else `<platform>/bindings`.
    pub fn bindings_dir(&self) -> PathBuf {
        crate::install::auth::bindings_dir(&self.dir, |k| self.env().get_string_lossy(k))
    }
}

impl Platform for BuildPlatform {
    fn env(&self) -> &Env {
        self.inner.env()
    }

    fn from_path(platform_dir: impl AsRef<Path>) -> std::io::Result<Self> {
        let dir = platform_dir.as_ref().to_path_buf();
        Ok(BuildPlatform { inner: libcnb::generic::GenericPlatform::from_path(&dir)?, dir })
    }
}
