//! Lists the crates compiled into the release runner (`migrations`), for the
//! runner layer's SBOM: `cargo metadata` (the resolve for this build's target)
//! and `Cargo.lock` (each crate's checksum), written to
//! `$OUT_DIR/runner-crates.json` and compiled into `bin/build`
//! (`src/sbom/mod.rs`). So every way of packaging the buildpack (`cargo libcnb
//! package`, scripts/package.sh, the classic tarball) ships it, and `bin/build`
//! writes it into the runner layer.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

#[path = "src/sbom/crates.rs"]
mod crates;

use crates::{Crate, RunnerCrates};

fn main() {
    println!("cargo::rerun-if-changed=Cargo.lock");
    println!("cargo::rerun-if-changed=Cargo.toml");
    println!("cargo::rerun-if-changed=src/sbom/crates.rs");
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let target = std::env::var("TARGET").expect("cargo sets TARGET");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("runner-crates.json");
    let list = runner_crates(&manifest_dir, &target).unwrap_or_else(|e| panic!("listing the runner's crates for its SBOM: {e}"));
    std::fs::write(&out, serde_json::to_vec_pretty(&list).expect("serialisable")).expect("write runner-crates.json");
}

fn runner_crates(manifest_dir: &std::path::Path, target: &str) -> Result<RunnerCrates, String> {
    let metadata = cargo_metadata::MetadataCommand::new()
        .manifest_path(manifest_dir.join("Cargo.toml"))
        .other_options(vec!["--locked".to_string(), "--filter-platform".to_string(), target.to_string()])
        .exec()
        .map_err(|e| format!("cargo metadata: {e}"))?;
    let root_name = std::env::var("CARGO_PKG_NAME").map_err(|e| e.to_string())?;
    let root = metadata
        .workspace_packages()
        .into_iter()
        .find(|p| p.name.as_str() == root_name)
        .ok_or_else(|| format!("package {root_name} is not in the workspace"))?
        .clone();
    let resolve = metadata.resolve.as_ref().ok_or("cargo metadata gave no resolve")?;
    let nodes: BTreeMap<_, _> = resolve.nodes.iter().map(|n| (n.id.clone(), n)).collect();
    let packages: BTreeMap<_, _> = metadata.packages.iter().map(|p| (p.id.clone(), p)).collect();
    let is_proc_macro = |id: &cargo_metadata::PackageId| {
        packages.get(id).is_some_and(|p| p.targets.iter().any(|t| t.kind.contains(&cargo_metadata::TargetKind::ProcMacro)))
    };
    // Normal dependencies only (not build or dev), proc macros left out.
    let linked_deps = |id: &cargo_metadata::PackageId| -> Vec<cargo_metadata::PackageId> {
        let Some(node) = nodes.get(id) else { return Vec::new() };
        node.deps
            .iter()
            .filter(|d| d.dep_kinds.iter().any(|k| k.kind == cargo_metadata::DependencyKind::Normal))
            .map(|d| d.pkg.clone())
            .filter(|p| !is_proc_macro(p))
            .collect()
    };
    let checksums = lock_checksums(&manifest_dir.join("Cargo.lock"))?;
    let describe = |id: &cargo_metadata::PackageId| -> Result<Crate, String> {
        let p = packages.get(id).ok_or_else(|| format!("{id} is not in cargo metadata's packages"))?;
        let source = match &p.source {
            None => "path".to_string(),
            Some(s) if s.repr == "registry+https://github.com/rust-lang/crates.io-index" => "crates.io".to_string(),
            Some(s) => s.repr.clone(),
        };
        let mut deps: Vec<String> = linked_deps(id).iter().map(|d| d.repr.clone()).collect();
        deps.sort();
        Ok(Crate {
            id: id.repr.clone(),
            name: p.name.to_string(),
            version: p.version.to_string(),
            license: p.license.as_deref().map(|l| l.split('/').map(str::trim).collect::<Vec<_>>().join(" OR ")),
            sha256: checksums.get(&(p.name.to_string(), p.version.to_string())).cloned(),
            source,
            deps,
        })
    };
    let mut seen = BTreeSet::new();
    let mut queue = linked_deps(&root.id);
    while let Some(id) = queue.pop() {
        if seen.insert(id.clone()) {
            queue.extend(linked_deps(&id));
        }
    }
    let mut crates = seen.iter().map(describe).collect::<Result<Vec<_>, _>>()?;
    crates.sort_by(|a, b| (&a.name, &a.version).cmp(&(&b.name, &b.version)));
    Ok(RunnerCrates { target: target.to_string(), package: describe(&root.id)?, crates })
}

/// `(name, version)` → checksum of every `[[package]]` in Cargo.lock that has one.
fn lock_checksums(path: &std::path::Path) -> Result<BTreeMap<(String, String), String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("read {}: {e}", path.display()))?;
    let lock: toml::Table = text.parse().map_err(|e| format!("parse {}: {e}", path.display()))?;
    let mut out = BTreeMap::new();
    for package in lock.get("package").and_then(toml::Value::as_array).into_iter().flatten() {
        let field = |k: &str| package.get(k).and_then(toml::Value::as_str).map(str::to_string);
        if let (Some(name), Some(version), Some(checksum)) = (field("name"), field("version"), field("checksum")) {
            out.insert((name, version), checksum);
        }
    }
    Ok(out)
}
