//! Download faults through the WHOLE build (issue 6, family 1).
//!
//! Every test runs the packaged buildpack as the lifecycle would
//! (`testkit::lifecycle::App::build`), with `BP_MIGRATIONS_TOOL_URL` /
//! `BP_MIGRATIONS_TOOL_SHA256` pointing at a misbehaving 127.0.0.1 server
//! (`testkit::http::Server`). Each fault must end in either success after a
//! retry, or a build error that names the URL and the cause; after a failure
//! the build must leave no tool layer a later build could reuse and no
//! download scratch files, and once the server is fixed the next build must
//! say "Installing" (not "Reusing") and install a working tool.
//!
//! Timing: the buildpack uses its default download options (4 attempts,
//! backoff 0.5 s + 1 s + 2 s, 30 s read timeout, 256 MiB cap); there is no
//! build-time setting to shorten them. Retried faults therefore cost ~3.5 s
//! each, the stall-then-recover case costs one full 30 s read timeout, and the
//! stall-on-every-attempt case (4 × 30 s + backoff ≈ 2 min) is `#[ignore]`d.
//!
//! Note: `TMPDIR` of `bin/build` is set to a per-test directory (the real
//! lifecycle would leave it unset, i.e. `/tmp`) so that leftovers of the
//! download scratch directory can be checked without racing other tests.

mod common;

use std::process::Command;
use std::time::Duration;

use common::plain;
use testkit::http::{Behavior, Server};
use testkit::lifecycle::{App, all_paths, list_files};
use testkit::tools;

const PATH: &str = "/dbmate-linux-amd64";

/// An app (dbmate fixture) whose tool URL points at `server` + `path`, with a
/// private `TMPDIR` for the build.
struct Case {
    app: App,
    server: Server,
    tmp: tempfile::TempDir,
    url: String,
}

impl Case {
    fn new(path: &str, behavior: Behavior) -> Case {
        let mut app = App::from_fixture("test-fixtures/dbmate-basic");
        let server = Server::start();
        server.route(path, behavior);
        let url = server.url(path);
        app.env("BP_MIGRATIONS_TOOL_URL", &url);
        app.env("BP_MIGRATIONS_TOOL_SHA256", tools::DBMATE_SHA256);
        let tmp = tempfile::Builder::new().prefix("reliability-dl-tmp-").tempdir().unwrap();
        app.process_env("TMPDIR", &tmp.path().display().to_string());
        Case { app, server, tmp, url }
    }

    /// Nothing of a download may stay in the build's temp dir.
    fn assert_no_scratch_left(&self) {
        let left = all_paths(self.tmp.path());
        assert!(left.is_empty(), "download scratch files left behind: {left:?}");
    }

    /// After a failed build: no executable, no partial file and no metadata in the tool layer.
    fn assert_no_reusable_layer(&self) {
        let tool = self.app.layer_path("tool");
        let files = list_files(&tool).unwrap();
        assert!(files.is_empty(), "files left in the tool layer after a failed install: {files:?}");
        if let Some(toml) = self.app.layer_toml("tool") {
            assert!(toml.get("metadata").is_none(), "tool layer metadata written for a failed install: {toml:?}");
        }
        // Nothing was exported: the next build cannot restore a tool layer.
        assert!(
            list_files(&self.app.exported_dir().join("tool")).unwrap().is_empty(),
            "a failed build left a tool layer in the exported image/cache"
        );
        self.assert_no_scratch_left();
    }

    /// Serve the real dbmate at `path`, rebuild, and check it installs (not reuses) a working tool.
    fn fix_and_rebuild(&mut self, path: &str) {
        self.server.route(path, Behavior::file(tools::dbmate()));
        let before = self.server.requests_for(path);
        let rebuild = self.app.build();
        let out = plain(&rebuild);
        assert!(rebuild.success(), "rebuild after fixing the server failed:\n{out}");
        assert!(out.contains("Installing dbmate custom (linux-amd64)"), "{out}");
        assert!(!out.contains("Reusing"), "{out}");
        assert_eq!(self.server.requests_for(path), before + 1, "the rebuild must download exactly once");
        assert_tool_works(&self.app);
        self.assert_no_scratch_left();
    }
}

/// `dbmate --version` found through the launch `PATH` of the `release` process.
fn assert_tool_works(app: &App) {
    let env = app.launch_env("release");
    let out = Command::new("dbmate")
        .arg("--version")
        .env_clear()
        .envs(&env)
        .output()
        .unwrap_or_else(|e| panic!("run dbmate from the launch PATH {:?}: {e}", env.get("PATH")));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && text.contains(tools::DBMATE_VERSION), "{text}");
    assert_eq!(tools::sha256_file(&app.layer_path("tool").join("bin/dbmate")), tools::DBMATE_SHA256);
}

fn dbmate_bytes() -> Vec<u8> {
    std::fs::read(tools::dbmate()).unwrap()
}

/// Build, expect failure, check the message names the URL and every `causes`
/// fragment, check nothing reusable is left, return the output.
fn expect_failure(case: &mut Case, causes: &[&str]) -> String {
    let build = case.app.build();
    let out = plain(&build);
    assert!(!build.success(), "the build succeeded:\n{out}");
    assert!(out.contains(&case.url), "the error does not name the URL {}:\n{out}", case.url);
    for cause in causes {
        assert!(out.contains(cause), "the error does not say {cause:?}:\n{out}");
    }
    case.assert_no_reusable_layer();
    out
}

#[test]
fn http_500_is_retried_then_named_and_nothing_is_kept() {
    let mut case = Case::new(PATH, Behavior::status(500));
    expect_failure(&mut case, &["The migration tool could not be downloaded", "returned HTTP 500 (4 attempt(s))"]);
    assert_eq!(case.server.requests_for(PATH), 4, "500 is retryable: 4 attempts");
    case.fix_and_rebuild(PATH);
}

#[test]
fn http_503_then_success_is_retried_and_the_build_succeeds() {
    let case = Case::new(PATH, Behavior::sequence([Behavior::status(503), Behavior::file(tools::dbmate())]));
    let mut app = case.app;
    let build = app.build();
    let out = plain(&build);
    assert!(build.success(), "{out}");
    assert!(out.contains("(2 attempts)"), "{out}");
    assert_eq!(case.server.requests_for(PATH), 2);
    assert_tool_works(&app);
    // The good install is reused: it really was complete.
    let again = app.build();
    assert!(plain(&again).contains("Reusing dbmate custom"), "{}", plain(&again));
    assert_eq!(case.server.requests_for(PATH), 2);
}

#[test]
fn http_404_is_not_retried_and_is_named() {
    let mut case = Case::new(PATH, Behavior::status(404));
    expect_failure(&mut case, &["returned HTTP 404 (1 attempt(s))"]);
    assert_eq!(case.server.requests_for(PATH), 1, "404 is final: no retry");
    case.fix_and_rebuild(PATH);
}

#[test]
fn truncated_body_is_retried_then_named() {
    let body = dbmate_bytes();
    let len = body.len();
    let mut case = Case::new(PATH, Behavior::truncated(body, len / 2));
    expect_failure(&mut case, &["connection closed before the body was complete (4 attempt(s))"]);
    assert_eq!(case.server.requests_for(PATH), 4);
    case.fix_and_rebuild(PATH);
}

#[test]
fn truncated_once_then_complete_succeeds() {
    let body = dbmate_bytes();
    let len = body.len();
    let mut case = Case::new(PATH, Behavior::sequence([Behavior::truncated(body, len - 1), Behavior::file(tools::dbmate())]));
    let build = case.app.build();
    assert!(build.success(), "{}", plain(&build));
    assert!(plain(&build).contains("(2 attempts)"), "{}", plain(&build));
    assert_tool_works(&case.app);
    case.assert_no_scratch_left();
}

#[test]
fn wrong_checksum_is_named_with_both_digests() {
    let mut tampered = dbmate_bytes();
    tampered[1000] ^= 0xff;
    let mut case = Case::new(PATH, Behavior::ok(tampered));
    let out = expect_failure(&mut case, &["failed its checksum", tools::DBMATE_SHA256, "Actual SHA-256:"]);
    assert!(!out.contains("HTML"), "{out}");
    assert_eq!(case.server.requests_for(PATH), 1, "a checksum mismatch is not retried");
    case.fix_and_rebuild(PATH);
}

#[test]
fn connection_reset_mid_body_is_retried_then_named() {
    let body = dbmate_bytes();
    let mut case = Case::new(PATH, Behavior::reset(body, 1 << 20));
    let out = expect_failure(&mut case, &["(4 attempt(s))", "The migration tool could not be downloaded"]);
    // Both are right: whether the client reads the bytes before the reset to their end (then sees the
    // body cut short) or the reset first (then the read fails with it) is a race in the kernel, not
    // something the runner chooses; either way the message names what happened to the download.
    assert!(out.contains("connection closed before the body was complete") || out.contains("connection reset"), "{out}");
    assert_eq!(case.server.requests_for(PATH), 4);
    case.fix_and_rebuild(PATH);
}

#[test]
fn stall_once_hits_the_read_timeout_and_the_retry_succeeds() {
    // The server goes silent after 1000 bytes for longer than the 30 s read timeout.
    let stall = Behavior::stall(dbmate_bytes(), 1000, Duration::from_secs(120));
    let mut case = Case::new(PATH, Behavior::sequence([stall, Behavior::file(tools::dbmate())]));
    let started = std::time::Instant::now();
    let build = case.app.build();
    let elapsed = started.elapsed();
    assert!(build.success(), "{}", plain(&build));
    assert!(plain(&build).contains("(2 attempts)"), "{}", plain(&build));
    assert!(elapsed >= Duration::from_secs(25), "the stall should cost one read timeout, took {elapsed:?}");
    assert_tool_works(&case.app);
    case.assert_no_scratch_left();
}

#[test]
#[ignore = "slow: 4 attempts x the fixed 30 s read timeout (~2 min); no build-time timeout setting exists"]
fn stall_on_every_attempt_times_out_and_is_named() {
    let stall = Behavior::stall(dbmate_bytes(), 1000, Duration::from_secs(600));
    let mut case = Case::new(PATH, stall);
    expect_failure(&mut case, &["timed out (4 attempt(s))"]);
    case.fix_and_rebuild(PATH);
}

#[test]
fn redirect_loop_is_stopped_and_named() {
    let mut case = Case::new("/loop-a", Behavior::redirect("/loop-b"));
    case.server.route("/loop-b", Behavior::redirect("/loop-a"));
    expect_failure(&mut case, &["more than 5 redirects"]);
    let total = case.server.requests();
    assert!((2..=12).contains(&total), "a redirect loop must be cut short, saw {total} requests");
    case.fix_and_rebuild("/loop-a");
}

#[test]
fn html_page_instead_of_the_binary_is_recognised() {
    let page = "<!doctype html><html><body><form action=/login>Sign in</form></body></html>";
    let mut case = Case::new(PATH, Behavior::html(page));
    expect_failure(&mut case, &["failed its checksum", "The server returned an HTML page instead of the file"]);
    case.fix_and_rebuild(PATH);
}

#[test]
fn body_announced_larger_than_the_cap_is_refused_without_downloading_it() {
    // A sparse 300 MiB file: Content-Length is over the 256 MiB cap.
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.bin");
    std::fs::File::create(&big).unwrap().set_len(300 * 1024 * 1024).unwrap();
    let mut case = Case::new(PATH, Behavior::file(&big));
    let started = std::time::Instant::now();
    expect_failure(&mut case, &["is larger than 268435456 bytes"]);
    assert!(started.elapsed() < Duration::from_secs(20), "refusal should not need the body");
    assert_eq!(case.server.requests_for(PATH), 1, "too large is final: no retry");
    case.fix_and_rebuild(PATH);
}

#[test]
fn unframed_body_larger_than_the_cap_is_cut_off() {
    // No Content-Length: the cap must be enforced while streaming.
    let body = vec![0x7fu8; 256 * 1024 * 1024 + 4096];
    let mut case = Case::new(PATH, Behavior::Unframed(body));
    expect_failure(&mut case, &["is larger than 268435456 bytes"]);
    assert_eq!(case.server.requests_for(PATH), 1);
    case.fix_and_rebuild(PATH);
}

#[test]
fn unreachable_server_is_named_after_retries() {
    // A port nobody listens on.
    let port = testkit::pg::free_port();
    let url = format!("http://127.0.0.1:{port}{PATH}");
    let mut case = Case::new(PATH, Behavior::status(404));
    case.url = url.clone();
    case.app.env("BP_MIGRATIONS_TOOL_URL", &url);
    expect_failure(&mut case, &["connection failed (4 attempt(s))"]);
}
