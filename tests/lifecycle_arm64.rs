//! Inventory resolution for arm64 through the packaged (x86_64) `bin/build`,
//! with `CNB_TARGET_ARCH=arm64` as the lifecycle sets it on an arm64 builder
//! (issue 14).
//!
//! The inventory's URLs are the tools' official `https://github.com/...`
//! release assets, compiled into the buildpack, and the download verifies TLS
//! against the public roots: no local server can stand in for them. So every
//! build here runs with `HTTPS_PROXY` pointing at a 127.0.0.1 server that
//! refuses every `CONNECT` (nothing leaves the machine, and the server records
//! which host the build tried to reach), and the choice is observed where a
//! user sees it:
//!
//! - without a cache: the build names the version, architecture and URL it
//!   installs from, then fails at the proxy;
//! - with a cached tool layer whose metadata is the published arm64 artifact's
//!   identity (tool, version, SHA-256, arch from the tools' release
//!   manifests): the build reuses it without any request, which happens only
//!   when the resolved artifact equals it field by field, SHA-256 included;
//!   switching the same app to amd64 names every field that changed.

mod common;

use std::fs;

use common::plain;
use testkit::http::Server;
use testkit::lifecycle::App;

const DBMATE_2_35_0_ARM64_URL: &str = "https://github.com/amacneil/dbmate/releases/download/v2.35.0/dbmate-linux-arm64";
const DBMATE_2_35_0_ARM64_SHA256: &str = "9aac97323334c252bc1ea7d49f3fcb67ae54636b4af6f9045b8d229027c564d6";
const DBMATE_2_36_0_AMD64_URL: &str = "https://github.com/amacneil/dbmate/releases/download/v2.36.0/dbmate-linux-amd64";
const DBMATE_2_36_0_AMD64_SHA256: &str = "47e284b3d8cbad1ba5f090495aa05afd1bbd5f35e2ed5577aad06da74ce780ce";
const MIGRATE_4_20_1_ARM64_SHA256: &str = "03ea70d9ba535b68fe03602120d1856a567cd0fa2fbca3748ba8070e9d4b8f60";

/// What a user reads when arm64 gets an older dbmate than amd64.
const DBMATE_FALLBACK_NOTE: &str = "dbmate 2.36.0 is in the inventory for linux-amd64 only (no published checksum for linux-arm64), \
                                    so this build uses 2.35.0, the newest dbmate for linux-arm64";

/// An app built for `arch` whose downloads go to a proxy on 127.0.0.1 that
/// answers every request (including `CONNECT github.com:443`) with 404.
fn app_behind_refusing_proxy(fixture: &str, arch: &str) -> (App, Server) {
    let mut app = App::from_fixture(fixture);
    app.target_arch(arch);
    let proxy = Server::start();
    let proxy_url = format!("http://{}", proxy.addr());
    app.process_env("HTTPS_PROXY", &proxy_url);
    app.process_env("HTTP_PROXY", &proxy_url);
    (app, proxy)
}

/// The state a previous successful build would have left: a cached `tool`
/// layer with this metadata (as the buildpack writes it) and an executable.
fn seed_cached_tool_layer(app: &App, executable: &str, tool: &str, version: &str, sha256: &str, arch: &str) {
    let exported = app.exported_dir();
    fs::create_dir_all(exported.join("tool/bin")).unwrap();
    fs::write(exported.join("tool/bin").join(executable), "#!/bin/sh\necho cached\n").unwrap();
    let layer_toml = format!(
        "[types]\nlaunch = true\nbuild = false\ncache = true\n\n[metadata]\ntool = \"{tool}\"\nversion = \"{version}\"\nsha256 = \"{sha256}\"\narch = \"{arch}\"\n"
    );
    fs::write(exported.join("tool.toml"), layer_toml).unwrap();
}

#[test]
fn arm64_build_installs_the_newest_arm64_dbmate_and_says_why_it_is_older_than_on_amd64() {
    let (mut app, proxy) = app_behind_refusing_proxy("test-fixtures/dbmate-basic", "arm64");
    let build = app.build();
    let out = plain(&build);
    assert!(!build.success(), "the download must fail at the refusing proxy:\n{out}");
    assert!(out.contains("Tool: dbmate `2.35.0` for linux-arm64"), "{out}");
    assert!(out.contains(DBMATE_FALLBACK_NOTE), "{out}");
    assert!(out.contains("Installing dbmate 2.35.0 (linux-arm64)"), "{out}");
    assert!(out.contains(&format!("from {DBMATE_2_35_0_ARM64_URL}")), "{out}");
    assert!(proxy.requests_for("github.com:443") >= 1, "the build did not try to reach github.com through the proxy:\n{out}");
    assert_eq!(proxy.requests(), proxy.requests_for("github.com:443"), "requests to other hosts:\n{out}");

    // The same app on amd64 gets 2.36.0, with no note.
    let (mut amd64, _proxy) = app_behind_refusing_proxy("test-fixtures/dbmate-basic", "amd64");
    let out = plain(&amd64.build());
    assert!(out.contains("Tool: dbmate `2.36.0` for linux-amd64"), "{out}");
    assert!(out.contains(&format!("from {DBMATE_2_36_0_AMD64_URL}")), "{out}");
    assert!(!out.contains("is in the inventory for"), "{out}");
}

#[test]
fn arm64_build_reuses_a_cached_layer_of_exactly_the_arm64_dbmate_artifact_then_amd64_names_every_change() {
    let (mut app, proxy) = app_behind_refusing_proxy("test-fixtures/dbmate-basic", "arm64");
    seed_cached_tool_layer(&app, "dbmate", "dbmate", "2.35.0", DBMATE_2_35_0_ARM64_SHA256, "arm64");
    let build = app.build();
    let out = plain(&build);
    assert!(build.success(), "{out}");
    assert!(out.contains(DBMATE_FALLBACK_NOTE), "{out}");
    assert!(out.contains("Reusing dbmate 2.35.0 (linux-arm64) from the cache"), "{out}");
    assert_eq!(proxy.requests(), 0, "a reused tool must not be downloaded:\n{out}");

    // The same app and cache on an amd64 builder: every field differs.
    app.target_arch("amd64");
    let build = app.build();
    let out = plain(&build);
    assert!(!build.success(), "the download must fail at the refusing proxy:\n{out}");
    let changed = format!(
        "Cached tool changed: version (2.35.0 → 2.36.0), \
         SHA-256 ({DBMATE_2_35_0_ARM64_SHA256} → {DBMATE_2_36_0_AMD64_SHA256}), architecture (arm64 → amd64)"
    );
    assert!(out.contains(&changed), "expected {changed:?} in:\n{out}");
    assert!(out.contains("Installing dbmate 2.36.0 (linux-amd64)"), "{out}");
    assert!(proxy.requests_for("github.com:443") >= 1, "{out}");
}

#[test]
fn arm64_build_reuses_a_cached_layer_of_exactly_the_arm64_golang_migrate_artifact() {
    let (mut app, proxy) = app_behind_refusing_proxy("test-fixtures/golang-migrate-basic", "arm64");
    seed_cached_tool_layer(&app, "migrate", "golang-migrate", "4.20.1", MIGRATE_4_20_1_ARM64_SHA256, "arm64");
    let build = app.build();
    let out = plain(&build);
    assert!(build.success(), "{out}");
    assert!(out.contains("Tool: golang-migrate `4.20.1` for linux-arm64"), "{out}");
    assert!(out.contains("Reusing golang-migrate 4.20.1 (linux-arm64) from the cache"), "{out}");
    // golang-migrate publishes every version for both architectures: no note.
    assert!(!out.contains("is in the inventory for"), "{out}");
    assert_eq!(proxy.requests(), 0, "{out}");
}

#[test]
fn arm64_cached_layer_with_another_checksum_is_not_reused() {
    // The arm64 URL and version with the amd64 checksum: only the SHA-256 differs.
    let (mut app, proxy) = app_behind_refusing_proxy("test-fixtures/dbmate-basic", "arm64");
    seed_cached_tool_layer(&app, "dbmate", "dbmate", "2.35.0", DBMATE_2_36_0_AMD64_SHA256, "arm64");
    let build = app.build();
    let out = plain(&build);
    assert!(!build.success(), "{out}");
    assert!(out.contains(&format!("Cached tool changed: SHA-256 ({DBMATE_2_36_0_AMD64_SHA256} → {DBMATE_2_35_0_ARM64_SHA256})")), "{out}");
    assert!(proxy.requests_for("github.com:443") >= 1, "{out}");
}
