//! The crates compiled into the release runner, as `build.rs` finds them in
//! `cargo metadata` and `Cargo.lock` when the buildpack is compiled (so when it
//! is packaged), and as `bin/build` reads them back to write the runner
//! layer's SBOM. Shared by `build.rs` (through `#[path]`) and `src/sbom`.

use serde::{Deserialize, Serialize};

/// One crate: a package of the resolve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Crate {
    /// Cargo's package id (unique in the resolve).
    pub id: String,
    pub name: String,
    pub version: String,
    /// The `license` of its Cargo.toml, an SPDX expression (`/` read as `OR`,
    /// as Cargo reads it); `None` when it declares only a `license-file` or nothing.
    pub license: Option<String>,
    /// The SHA-256 of the `.crate` file, from Cargo.lock (registry crates only).
    pub sha256: Option<String>,
    /// Where it comes from: `crates.io`, another registry's URL, a git URL, or `path`.
    pub source: String,
    /// Package ids of the crates it depends on (normal dependencies for the target).
    pub deps: Vec<String>,
}

/// The runner's package and every crate compiled into it for one target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunnerCrates {
    /// The target triple this list is for (`x86_64-unknown-linux-musl`, ...).
    pub target: String,
    /// The workspace package the runner is built from (its own deps in `deps`).
    pub package: Crate,
    /// Every crate linked into the runner: the normal-dependency closure of
    /// `package` for `target`, proc-macro crates (which run in the compiler) and
    /// build dependencies excluded; sorted by name and version.
    pub crates: Vec<Crate>,
}
