//! The migration tools the tests run: the real dbmate (npm package
//! `@dbmate/linux-x64`, byte-identical to the official release) and the
//! golang-migrate TEST DOUBLE (`tests/support/golang-migrate-double`).

use crate::lifecycle::workspace_root;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

pub const DBMATE_VERSION: &str = "2.36.0";
/// SHA-256 of the official `dbmate-linux-amd64` 2.36.0 (also in `inventory.toml`).
pub const DBMATE_SHA256: &str = "47e284b3d8cbad1ba5f090495aa05afd1bbd5f35e2ed5577aad06da74ce780ce";

/// Path of the real dbmate executable, installed from npm into `target/tools` on first use.
pub fn dbmate() -> PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        if let Some(p) = std::env::var_os("TESTKIT_DBMATE") {
            return PathBuf::from(p);
        }
        let prefix = workspace_root().join("target/tools");
        let bin = prefix.join("node_modules/@dbmate/linux-x64/bin/dbmate");
        if !bin.exists() {
            std::fs::create_dir_all(&prefix).unwrap();
            let lock = std::fs::File::create(prefix.join("npm.lock")).unwrap();
            lock.lock().unwrap();
            if !bin.exists() {
                let out = Command::new("npm")
                    .args(["install", "--no-save", "--no-audit", "--no-fund", "--prefix"])
                    .arg(&prefix)
                    .arg(format!("@dbmate/linux-x64@{DBMATE_VERSION}"))
                    .output()
                    .expect("npm is needed to install dbmate for the tests (bash .ci/run installs everything)");
                assert!(out.status.success(), "npm install dbmate failed: {}", String::from_utf8_lossy(&out.stderr));
            }
        }
        bin
    })
    .clone()
}

/// Path of the golang-migrate TEST DOUBLE's `migrate` executable (built on first use,
/// in its own target dir because the outer `cargo test` holds `target/`'s lock).
pub fn golang_migrate_double() -> PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        if let Some(p) = std::env::var_os("TESTKIT_MIGRATE_DOUBLE") {
            return PathBuf::from(p);
        }
        let root = workspace_root();
        let target = root.join("target/lifecycle");
        std::fs::create_dir_all(&target).unwrap();
        let lock = std::fs::File::create(target.join("double.lock")).unwrap();
        lock.lock().unwrap();
        let out = crate::lifecycle::nested_cargo(&root)
            .args(["build", "-p", "golang-migrate-double", "--bin", "migrate"])
            .env("CARGO_TARGET_DIR", &target)
            .output()
            .unwrap();
        assert!(out.status.success(), "building the golang-migrate double failed: {}", String::from_utf8_lossy(&out.stderr));
        target.join("debug/migrate")
    })
    .clone()
}

/// SHA-256 (lowercase hex) of a file.
pub fn sha256_file(path: &std::path::Path) -> String {
    use sha2::Digest;
    use std::io::Read;
    let mut f = std::fs::File::open(path).unwrap();
    let mut h = sha2::Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    hex::encode(h.finalize())
}

/// A tar.gz with `migrate` (the double) at its root, like the official release archive.
pub fn golang_migrate_double_tarball(dest: &std::path::Path) -> PathBuf {
    let bin = golang_migrate_double();
    let out = dest.join("migrate.linux-amd64.tar.gz");
    let status = Command::new("tar").arg("-czf").arg(&out).arg("-C").arg(bin.parent().unwrap()).arg("migrate").status().unwrap();
    assert!(status.success());
    out
}
