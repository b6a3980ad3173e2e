//! SBOM checks for the tests: schema validation with
//! `tests/support/sbom/validate.py` (CycloneDX JSON schemas from
//! cyclonedx-python-lib, the SPDX 2.3 JSON schema, spdx-tools), run in the
//! Python venv `bash scripts/setup.sh` installs in `target/tools/sbom-venv`,
//! and `cargo metadata` of the workspace, to compare the runner's SBOM with.

use crate::lifecycle::{nested_cargo, workspace_root};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// The venv's Python (`TESTKIT_SBOM_PYTHON` overrides it).
pub fn python() -> PathBuf {
    if let Some(p) = std::env::var_os("TESTKIT_SBOM_PYTHON") {
        return PathBuf::from(p);
    }
    let python = workspace_root().join("target/tools/sbom-venv/bin/python3");
    assert!(python.exists(), "{} is missing: run `bash scripts/setup.sh` (it installs the SBOM validators)", python.display());
    python
}

/// `cargo metadata --format-version 1 --locked` of the workspace, filtered
/// for `target` (a triple), parsed; once per target and test process.
pub fn cargo_metadata(target: &str) -> serde_json::Value {
    static CACHE: OnceLock<Mutex<BTreeMap<String, serde_json::Value>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(BTreeMap::new()));
    let mut cache = cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    cache
        .entry(target.to_string())
        .or_insert_with(|| {
            let out = nested_cargo(&workspace_root())
                .args(["metadata", "--format-version", "1", "--locked", "--filter-platform", target])
                .output()
                .expect("run cargo metadata");
            assert!(out.status.success(), "cargo metadata failed: {}", String::from_utf8_lossy(&out.stderr));
            serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON")
        })
        .clone()
}

/// The SPDX 2.3 JSON schema: the official file that the `serde-spdx` crate
/// (which writes the buildpack's SPDX documents) ships and generates its model from.
pub fn spdx_schema() -> PathBuf {
    let metadata = cargo_metadata("x86_64-unknown-linux-musl");
    let manifest = metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"] == "serde-spdx")
        .and_then(|p| p["manifest_path"].as_str())
        .expect("serde-spdx is a dependency of the buildpack");
    let schema = Path::new(manifest).parent().unwrap().join("schemas/spdx_2_3.json");
    assert!(schema.is_file(), "{} is missing", schema.display());
    schema
}

/// Validates SBOM files (`*.cdx.json`, `*.spdx.json`) against their formats'
/// JSON schemas. `Ok` with the validator's report when every file is valid,
/// `Err` with it (the reasons per file) otherwise.
pub fn validate(files: &[&Path]) -> Result<String, String> {
    let out = std::process::Command::new(python())
        .arg(workspace_root().join("tests/support/sbom/validate.py"))
        .arg("--spdx-schema")
        .arg(spdx_schema())
        .args(files)
        .output()
        .expect("run tests/support/sbom/validate.py");
    let report = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    match out.status.code() {
        Some(0) => Ok(report),
        Some(1) => Err(report),
        _ => panic!("tests/support/sbom/validate.py failed to run:\n{report}"),
    }
}
