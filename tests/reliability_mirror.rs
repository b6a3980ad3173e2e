//! A private mirror's credentials (issue 22) never reach the image, the cache
//! or the build log, through the packaged buildpack run as the CNB lifecycle
//! runs it.
//!
//! The mirror is a 127.0.0.1 server that checks the `Authorization` header, as
//! Artifactory or Nexus do. After every build the secrets (raw, percent-encoded
//! and as the Basic header's base64) must appear in no build output line and in
//! no file under the layers directory or the state kept for the next build
//! (image + cache: layer metadata TOMLs, env files, SBOMs, launch.toml).

mod common;

use base64::Engine as _;
use common::plain;
use testkit::http::{Behavior, Server};
use testkit::lifecycle::App;
use testkit::tools;

const USER: &str = "ci-deploy";

fn basic(user: &str, password: &str) -> String {
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}")))
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') { (b as char).to_string() } else { format!("%{b:02X}") }
        })
        .collect()
}

/// Every form of a secret that must not appear.
fn forms(secret: &str) -> Vec<String> {
    let mut v = vec![secret.to_string(), percent_encode(secret), percent_encode(secret).to_ascii_lowercase()];
    v.sort();
    v.dedup();
    v
}

/// `secrets` (and the Basic headers `headers`) are in neither `output` nor any file the build left.
fn assert_nowhere(app: &App, output: &str, secrets: &[&str], headers: &[String]) {
    let mut needles: Vec<String> = secrets.iter().flat_map(|s| forms(s)).collect();
    needles.extend(headers.iter().map(|h| h.trim_start_matches("Basic ").to_string()));
    for needle in &needles {
        assert!(!output.contains(needle.as_str()), "{needle:?} leaked into the build output:\n{output}");
        let files = app.files_containing(needle);
        assert!(files.is_empty(), "{needle:?} is stored in {files:?}");
    }
    // The tool layer's metadata, explicitly: it is copied into the image's label.
    let toml = app.layer_toml("tool").expect("a tool layer").to_string();
    assert!(!toml.contains("url") && !toml.contains("127.0.0.1"), "the tool layer's metadata stores no URL:\n{toml}");
}

/// A copy of dbmate with one more byte: another artifact, another SHA-256.
fn other_artifact(dir: &std::path::Path) -> (std::path::PathBuf, String) {
    let mut bytes = std::fs::read(tools::dbmate()).unwrap();
    bytes.push(b'\n');
    let path = dir.join("dbmate-rebuilt");
    std::fs::write(&path, &bytes).unwrap();
    let sha = tools::sha256_file(&path);
    (path, sha)
}

#[test]
fn credentials_in_the_url_reach_no_file_nor_log_and_a_rotated_token_reuses_the_layer() {
    let (pw1, token1) = ("s3cret-Pw/1", "tok-AAA111");
    let (pw2, token2) = ("n3w-s3cret-2", "tok-BBB222");
    let server = Server::start();
    server.route("/dbmate-linux-amd64", Behavior::require_auth(basic(USER, pw1), Behavior::file(tools::dbmate())));
    let url = |pw: &str, token: &str| {
        format!("{}?token={token}&arch=amd64", server.url("/dbmate-linux-amd64"))
            .replace("http://", &format!("http://{USER}:{}@", percent_encode(pw)))
    };
    let mut app = App::from_fixture("test-fixtures/dbmate-basic");
    app.env("BP_MIGRATIONS_TOOL_URL", &url(pw1, token1));
    app.env("BP_MIGRATIONS_TOOL_SHA256", tools::DBMATE_SHA256);

    let first = app.build();
    let out = plain(&first);
    assert!(first.success(), "{out}");
    assert!(out.contains("Installing dbmate custom"), "{out}");
    let shown = format!("{}?token=****&arch=amd64", server.url("/dbmate-linux-amd64").replace("http://", "http://****@"));
    assert!(out.contains(&shown), "the URL is shown masked ({shown}):\n{out}");
    assert!(out.contains("credentials from the user and password in BP_MIGRATIONS_TOOL_URL"), "{out}");
    // The mirror got what it needs: the password in the header, the token in the query.
    let log = server.request_log();
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0].authorization.as_deref(), Some(basic(USER, pw1).as_str()));
    assert!(log[0].target.contains(&format!("token={token1}")), "{log:?}");
    assert_nowhere(&app, &out, &[pw1, token1], &[basic(USER, pw1)]);
    // The tool layer's SBOMs name the mirror, masked, and still validate.
    let sboms = [app.layers_dir().join("tool.sbom.cdx.json"), app.layers_dir().join("tool.sbom.spdx.json")];
    for path in &sboms {
        assert!(std::fs::read_to_string(path).unwrap().contains(&shown), "{} names {shown}", path.display());
    }
    if let Err(report) = testkit::sbom::validate(&[sboms[0].as_path(), sboms[1].as_path()]) {
        panic!("{report}");
    }

    // The token is rotated (the mirror now wants the new password): same SHA-256, so the
    // cached layer is reused with no request at all.
    server.route("/dbmate-linux-amd64", Behavior::require_auth(basic(USER, pw2), Behavior::file(tools::dbmate())));
    app.env("BP_MIGRATIONS_TOOL_URL", &url(pw2, token2));
    let rotated = app.build();
    let out = plain(&rotated);
    assert!(rotated.success(), "{out}");
    assert!(out.contains("Reusing dbmate custom (linux-amd64) from the cache"), "{out}");
    assert_eq!(server.requests(), 1, "a rotated credential must not download again");
    assert_nowhere(&app, &out, &[pw1, token1, pw2, token2], &[basic(USER, pw1), basic(USER, pw2)]);

    // A new artifact (new SHA-256) replaces the layer, with the current credentials.
    let scratch = tempfile::tempdir().unwrap();
    let (path, sha) = other_artifact(scratch.path());
    server.route("/dbmate-linux-amd64", Behavior::require_auth(basic(USER, pw2), Behavior::file(&path)));
    app.env("BP_MIGRATIONS_TOOL_SHA256", &sha);
    let changed = app.build();
    let out = plain(&changed);
    assert!(changed.success(), "{out}");
    assert!(out.contains(&format!("Cached tool changed: SHA-256 ({} → {sha})", tools::DBMATE_SHA256)), "{out}");
    assert!(out.contains("Installing dbmate custom"), "{out}");
    assert_eq!(server.requests(), 2);
    assert_eq!(std::fs::read(app.layer_path("tool").join("bin/dbmate")).unwrap(), std::fs::read(&path).unwrap());
    assert_nowhere(&app, &out, &[pw1, token1, pw2, token2], &[basic(USER, pw1), basic(USER, pw2)]);
}

/// `<platform>/bindings/<name>/` with these files.
fn binding(app: &App, name: &str, files: &[(&str, &str)]) {
    let dir = app.platform_dir().join("bindings").join(name);
    std::fs::create_dir_all(&dir).unwrap();
    for (file, contents) in files {
        std::fs::write(dir.join(file), contents).unwrap();
    }
}

#[test]
fn a_service_binding_or_the_auth_setting_gives_the_credentials_and_nothing_stores_them() {
    // A service binding of type migrations-tool-mirror, HTTP Basic.
    let password = "b1nding-Secret";
    let server = Server::start();
    server.route("/dbmate", Behavior::require_auth(basic(USER, password), Behavior::file(tools::dbmate())));
    let mut app = App::from_fixture("test-fixtures/dbmate-basic");
    app.env("BP_MIGRATIONS_TOOL_URL", &server.url("/dbmate"));
    app.env("BP_MIGRATIONS_TOOL_SHA256", tools::DBMATE_SHA256);
    // Without credentials the mirror refuses: a named 401.
    let refused = app.build();
    let out = plain(&refused);
    assert!(!refused.success(), "{out}");
    assert!(out.contains(&format!("{} returned HTTP 401", server.url("/dbmate"))), "{out}");

    binding(&app, "artifacts", &[("type", "migrations-tool-mirror\n"), ("username", &format!("{USER}\n")), ("password", password)]);
    let build = app.build();
    let out = plain(&build);
    assert!(build.success(), "{out}");
    assert!(out.contains("credentials from service binding `artifacts` (type migrations-tool-mirror)"), "{out}");
    assert_nowhere(&app, &out, &[password], &[basic(USER, password)]);

    // BP_MIGRATIONS_TOOL_AUTH with a bearer token (e.g. a Heroku config var).
    let token = "bearer-T0ken-xyz";
    let server = Server::start();
    server.route("/dbmate", Behavior::require_auth(format!("Bearer {token}"), Behavior::file(tools::dbmate())));
    let mut app = App::from_fixture("test-fixtures/dbmate-basic");
    app.env("BP_MIGRATIONS_TOOL_URL", &server.url("/dbmate"));
    app.env("BP_MIGRATIONS_TOOL_SHA256", tools::DBMATE_SHA256);
    app.env("BP_MIGRATIONS_TOOL_AUTH", &format!("Bearer {token}"));
    let build = app.build();
    let out = plain(&build);
    assert!(build.success(), "{out}");
    assert!(out.contains("credentials from BP_MIGRATIONS_TOOL_AUTH"), "{out}");
    assert_nowhere(&app, &out, &[token], &[]);
}

#[test]
fn credentials_given_twice_are_refused_naming_both_sources_and_neither_secret() {
    let server = Server::start();
    server.route("/dbmate", Behavior::file(tools::dbmate()));
    let mut app = App::from_fixture("test-fixtures/dbmate-basic");
    app.env("BP_MIGRATIONS_TOOL_URL", &server.url("/dbmate").replace("http://", "http://u:url-Secret-1@"));
    app.env("BP_MIGRATIONS_TOOL_SHA256", tools::DBMATE_SHA256);
    app.env("BP_MIGRATIONS_TOOL_AUTH", "u:setting-Secret-2");
    let build = app.build();
    let out = plain(&build);
    assert!(!build.success(), "{out}");
    assert!(out.contains("The mirror's credentials are given twice"), "{out}");
    assert!(out.contains("BP_MIGRATIONS_TOOL_AUTH") && out.contains("the user and password in BP_MIGRATIONS_TOOL_URL"), "{out}");
    assert!(!out.contains("url-Secret-1") && !out.contains("setting-Secret-2"), "{out}");
    assert_eq!(server.requests(), 0, "nothing is downloaded");

    // A malformed setting is named without its value.
    app.env("BP_MIGRATIONS_TOOL_URL", &server.url("/dbmate"));
    app.env("BP_MIGRATIONS_TOOL_AUTH", "setting-Secret-3");
    let build = app.build();
    let out = plain(&build);
    assert!(!build.success(), "{out}");
    assert!(out.contains("BP_MIGRATIONS_TOOL_AUTH is not a credential"), "{out}");
    assert!(!out.contains("setting-Secret-3"), "{out}");
}

#[test]
fn a_redirect_to_a_signed_url_is_followed_and_its_signature_never_shown() {
    let signature = "a1b2c3d4e5f6SIGNATURE";
    let credential = "AKIAEXAMPLEKEY";
    let signed = format!(
        "/bucket/dbmate?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={credential}%2F20240101%2Fus-east-1&X-Amz-Expires=300&X-Amz-Signature={signature}"
    );
    let server = Server::start();
    server.route("/artifactory/dbmate", Behavior::redirect(&signed));
    server.route("/bucket/dbmate", Behavior::status(403));
    let mut app = App::from_fixture("test-fixtures/dbmate-basic");
    app.env("BP_MIGRATIONS_TOOL_URL", &server.url("/artifactory/dbmate"));
    app.env("BP_MIGRATIONS_TOOL_SHA256", tools::DBMATE_SHA256);

    // The object store refuses (an expired signature): the target is named, its signature masked.
    let failed = app.build();
    let out = plain(&failed);
    assert!(!failed.success(), "{out}");
    let target = server.url("/bucket/dbmate?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=****&X-Amz-Expires=300&X-Amz-Signature=****");
    assert!(out.contains(&format!("returned HTTP 403 after a redirect to {target}")), "{out}");
    assert!(!out.contains(signature) && !out.contains(credential), "{out}");

    // It serves the file: installed, and the signature is nowhere.
    server.route("/bucket/dbmate", Behavior::file(tools::dbmate()));
    let build = app.build();
    let out = plain(&build);
    assert!(build.success(), "{out}");
    assert_eq!(server.requests_for("/bucket/dbmate"), 2);
    assert_nowhere(&app, &out, &[signature, credential], &[]);
}

#[test]
fn a_tool_layer_written_by_the_previous_version_is_migrated_and_reused() {
    let password = "0ld-version-Secret";
    let server = Server::start();
    server.route("/dbmate", Behavior::require_auth(basic(USER, password), Behavior::file(tools::dbmate())));
    let mut app = App::from_fixture("test-fixtures/dbmate-basic");
    let url = server.url("/dbmate").replace("http://", &format!("http://{USER}:{password}@"));
    app.env("BP_MIGRATIONS_TOOL_URL", &url);
    app.env("BP_MIGRATIONS_TOOL_SHA256", tools::DBMATE_SHA256);
    assert!(app.build().success());

    // What buildpack 0.1.0 left in the image and the cache: the URL, credentials included.
    let kept = app.exported_dir().join("tool.toml");
    let text = std::fs::read_to_string(&kept).unwrap();
    let legacy = text.replace("[metadata]\n", &format!("[metadata]\nurl = \"{url}\"\n"));
    assert_ne!(legacy, text);
    std::fs::write(&kept, legacy).unwrap();
    assert!(!app.files_containing(password).is_empty(), "the emulated old cache holds the password");

    let rebuild = app.build();
    let out = plain(&rebuild);
    assert!(rebuild.success(), "{out}");
    assert!(out.contains("Cached tool from an earlier version of this buildpack"), "{out}");
    assert!(out.contains("Reusing dbmate custom (linux-amd64) from the cache"), "{out}");
    assert_eq!(server.requests(), 1, "the migrated layer is reused without a request");
    assert_nowhere(&app, &out, &[password], &[basic(USER, password)]);
}
