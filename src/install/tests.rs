//! Install tests against `testkit::http`, a local server that can misbehave.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use sha2::{Digest, Sha256};
use testkit::archive::{Limits, Refusal, attacks};
use testkit::http::{Behavior, Server};

use super::*;

fn opts() -> DownloadOptions {
    DownloadOptions {
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_millis(400),
        attempts: 3,
        backoff: Duration::from_millis(10),
        max_bytes: 1024 * 1024,
        auth: None,
    }
}

fn sha(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn artifact(tool: ToolKind, url: String, body: &[u8], format: ArtifactFormat) -> ResolvedArtifact {
    ResolvedArtifact {
        tool,
        version: "1.0.0".into(),
        url: url.into(),
        sha256: sha(body),
        format,
        arch: "amd64".into(),
        license: None,
        custom: false,
    }
}

/// A temp root holding `bin/` (the install target) and `scratch/` (downloads).
struct Root {
    dir: tempfile::TempDir,
}

impl Root {
    fn new() -> Root {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("bin")).unwrap();
        fs::create_dir(dir.path().join("scratch")).unwrap();
        Root { dir }
    }

    fn bin(&self) -> PathBuf {
        self.dir.path().join("bin")
    }

    fn install(&self, artifact: &ResolvedArtifact, opts: &DownloadOptions) -> Result<InstallReport, InstallError> {
        install_with_scratch(artifact, &self.bin(), opts, &self.dir.path().join("scratch"))
    }

    /// Every non-directory under the root, relative, sorted.
    fn files(&self) -> Vec<String> {
        let base = self.dir.path();
        let mut out: Vec<String> = walkdir::WalkDir::new(base)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| !e.file_type().is_dir())
            .map(|e| e.path().strip_prefix(base).unwrap().display().to_string())
            .collect();
        out.sort();
        out
    }

    fn assert_untouched(&self) {
        assert_eq!(self.files(), Vec::<String>::new());
        let mut dirs: Vec<_> = fs::read_dir(self.dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        dirs.sort();
        assert_eq!(dirs, ["bin", "scratch"]);
    }
}

/// One tar entry, written with raw header fields (the archive attacks are `testkit::archive`'s).
struct Entry {
    name: Vec<u8>,
    kind: tar::EntryType,
    data: Vec<u8>,
    link: Option<&'static str>,
}

fn file(name: &str, data: &[u8]) -> Entry {
    Entry { name: name.as_bytes().to_vec(), kind: tar::EntryType::Regular, data: data.to_vec(), link: None }
}

fn special(name: &str, kind: tar::EntryType, link: Option<&'static str>) -> Entry {
    Entry { name: name.as_bytes().to_vec(), kind, data: Vec::new(), link }
}

fn tar_gz(entries: &[Entry]) -> Vec<u8> {
    let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let mut builder = tar::Builder::new(gz);
    for e in entries {
        let mut header = tar::Header::new_gnu();
        {
            let raw = header.as_old_mut();
            raw.name[..e.name.len()].copy_from_slice(&e.name);
            if let Some(link) = e.link {
                raw.linkname[..link.len()].copy_from_slice(link.as_bytes());
            }
        }
        header.set_entry_type(e.kind);
        header.set_size(e.data.len() as u64);
        header.set_mode(0o755);
        header.set_mtime(0);
        header.set_cksum();
        builder.append(&header, &e.data[..]).unwrap();
    }
    builder.into_inner().unwrap().finish().unwrap()
}

fn good_archive(exe: &[u8]) -> Vec<u8> {
    tar_gz(&[file("LICENSE", b"MIT"), file("./migrate", exe), file("README.md", b"# migrate")])
}

fn serve(behavior: Behavior) -> (Server, String) {
    let server = Server::start();
    server.route("/artifact", behavior);
    let url = server.url("/artifact");
    (server, url)
}

#[test]
fn installs_executable_from_tar_gz() {
    let exe = b"#!/bin/sh\necho migrate\n".repeat(100);
    let archive = good_archive(&exe);
    let (server, url) = serve(Behavior::ok(archive.clone()));
    let root = Root::new();
    let a = artifact(ToolKind::GolangMigrate, url, &archive, ArtifactFormat::TarGz);
    let report = root.install(&a, &opts()).unwrap();
    assert_eq!(report.attempts, 1);
    assert_eq!(report.bytes, archive.len() as u64);
    assert_eq!(root.files(), ["bin/migrate"]);
    let installed = root.bin().join("migrate");
    assert_eq!(fs::read(&installed).unwrap(), exe);
    assert_eq!(fs::metadata(&installed).unwrap().permissions().mode() & 0o777, 0o755);
    assert_eq!(server.requests(), 1);
}

#[test]
fn tolerates_directories_and_a_plain_root_name() {
    let exe = b"binary".to_vec();
    let archive = tar_gz(&[special("./", tar::EntryType::Directory, None), file("migrate", &exe)]);
    let (_server, url) = serve(Behavior::ok(archive.clone()));
    let root = Root::new();
    root.install(&artifact(ToolKind::GolangMigrate, url, &archive, ArtifactFormat::TarGz), &opts()).unwrap();
    assert_eq!(fs::read(root.bin().join("migrate")).unwrap(), exe);
}

#[test]
fn installs_binary_streamed_from_disk_and_replaces_an_old_one() {
    let data_dir = tempfile::tempdir().unwrap();
    let path = data_dir.path().join("dbmate");
    let body: Vec<u8> = (0..3 * 1024 * 1024u32).map(|i| (i % 253) as u8).collect();
    fs::File::create(&path).unwrap().write_all(&body).unwrap();
    let (_server, url) = serve(Behavior::file(&path));
    let root = Root::new();
    fs::write(root.bin().join("dbmate"), b"old").unwrap();
    let a = artifact(ToolKind::Dbmate, url, &body, ArtifactFormat::Binary);
    let report = root.install(&a, &DownloadOptions { max_bytes: 8 * 1024 * 1024, ..opts() }).unwrap();
    assert_eq!(report.bytes, body.len() as u64);
    assert_eq!(root.files(), ["bin/dbmate"]);
    assert_eq!(fs::read(root.bin().join("dbmate")).unwrap(), body);
    let mode = fs::metadata(root.bin().join("dbmate")).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o755);
}

#[test]
fn creates_a_missing_bin_dir() {
    let (_server, url) = serve(Behavior::ok(b"exe".to_vec()));
    let root = tempfile::tempdir().unwrap();
    let bin = root.path().join("layer/bin");
    install(&artifact(ToolKind::Dbmate, url, b"exe", ArtifactFormat::Binary), &bin, &opts()).unwrap();
    assert_eq!(fs::read(bin.join("dbmate")).unwrap(), b"exe");
}

#[test]
fn checksum_mismatch_names_url_expected_and_actual() {
    let (server, url) = serve(Behavior::ok(b"tampered".to_vec()));
    let root = Root::new();
    let mut a = artifact(ToolKind::Dbmate, url.clone(), b"original", ArtifactFormat::Binary);
    a.sha256 = a.sha256.to_ascii_uppercase(); // comparison is case-insensitive
    let err = root.install(&a, &opts()).unwrap_err();
    match &err {
        InstallError::ChecksumMismatch { url: u, expected, actual, html } => {
            assert_eq!(u, &url);
            assert_eq!(expected, &sha(b"original"));
            assert_eq!(actual, &sha(b"tampered"));
            assert!(!html);
        }
        other => panic!("unexpected {other:?}"),
    }
    let text = err.to_string();
    assert!(text.contains(&url) && text.contains(&sha(b"original")) && text.contains(&sha(b"tampered")));
    assert!(!text.contains("HTML"));
    assert_eq!(server.requests(), 1, "a checksum mismatch is not retried");
    root.assert_untouched();
}

#[test]
fn html_instead_of_the_artifact_is_reported() {
    let (_server, url) = serve(Behavior::html("<!DOCTYPE html><html><body>Sign in</body></html>"));
    let root = Root::new();
    let err = root.install(&artifact(ToolKind::GolangMigrate, url, b"real", ArtifactFormat::TarGz), &opts()).unwrap_err();
    assert!(matches!(err, InstallError::ChecksumMismatch { html: true, .. }), "{err:?}");
    assert!(err.to_string().contains("the server returned HTML"), "{err}");
    root.assert_untouched();

    // Sniffed from the body even without the content type.
    let (_server, url) = serve(Behavior::ok(b"\n  <html>oops</html>".to_vec()));
    let err = root.install(&artifact(ToolKind::Dbmate, url, b"real", ArtifactFormat::Binary), &opts()).unwrap_err();
    assert!(matches!(err, InstallError::ChecksumMismatch { html: true, .. }), "{err:?}");
    root.assert_untouched();
}

#[test]
fn server_error_is_retried_then_reported() {
    let (server, url) = serve(Behavior::status(500));
    let root = Root::new();
    let err = root.install(&artifact(ToolKind::Dbmate, url.clone(), b"x", ArtifactFormat::Binary), &opts()).unwrap_err();
    match err {
        InstallError::HttpStatus { url: u, status, attempts, redirected_to } => {
            assert_eq!((u, status, attempts, redirected_to), (url, 500, 3, None));
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(server.requests_for("/artifact"), 3);
    root.assert_untouched();
}

#[test]
fn unavailable_then_ok_succeeds_on_the_second_attempt() {
    let (server, url) = serve(Behavior::sequence([Behavior::status(503), Behavior::ok(b"exe".to_vec())]));
    let root = Root::new();
    let report = root.install(&artifact(ToolKind::Dbmate, url, b"exe", ArtifactFormat::Binary), &opts()).unwrap();
    assert_eq!(report.attempts, 2);
    assert_eq!(server.requests_for("/artifact"), 2);
    assert_eq!(root.files(), ["bin/dbmate"]);
}

#[test]
fn throttling_and_request_timeout_are_retried() {
    let (server, url) = serve(Behavior::sequence([Behavior::status(429), Behavior::status(408), Behavior::ok(b"exe".to_vec())]));
    let root = Root::new();
    let report = root.install(&artifact(ToolKind::Dbmate, url, b"exe", ArtifactFormat::Binary), &opts()).unwrap();
    assert_eq!(report.attempts, 3);
    assert_eq!(server.requests(), 3);
}

#[test]
fn not_found_is_not_retried() {
    let (server, url) = serve(Behavior::sequence([Behavior::status(404), Behavior::ok(b"exe".to_vec())]));
    let root = Root::new();
    let err = root.install(&artifact(ToolKind::Dbmate, url, b"exe", ArtifactFormat::Binary), &opts()).unwrap_err();
    assert!(matches!(err, InstallError::HttpStatus { status: 404, attempts: 1, .. }), "{err:?}");
    assert_eq!(server.requests(), 1);
    root.assert_untouched();
}

#[test]
fn truncated_body_is_retried_then_reported() {
    let body = vec![9u8; 50_000];
    let (server, url) = serve(Behavior::truncated(body.clone(), 1000));
    let root = Root::new();
    let a = artifact(ToolKind::Dbmate, url, &body, ArtifactFormat::Binary);
    let err = root.install(&a, &opts()).unwrap_err();
    assert!(matches!(err, InstallError::Transport { kind: TransportProblem::Truncated, attempts: 3, .. }), "{err:?}");
    assert_eq!(server.requests(), 3);
    root.assert_untouched();

    let fresh = Server::start();
    fresh.route("/artifact", Behavior::sequence([Behavior::truncated(body.clone(), 10), Behavior::ok(body.clone())]));
    let a = artifact(ToolKind::Dbmate, fresh.url("/artifact"), &body, ArtifactFormat::Binary);
    assert_eq!(root.install(&a, &opts()).unwrap().attempts, 2);
}

#[test]
fn connection_reset_is_retried_then_reported() {
    let body = vec![7u8; 200_000];
    let (server, url) = serve(Behavior::reset(body.clone(), 1000));
    let root = Root::new();
    let err = root.install(&artifact(ToolKind::Dbmate, url, &body, ArtifactFormat::Binary), &opts()).unwrap_err();
    // ureq treats a reset while reading the body like the peer closing early,
    // so a mid-body reset shows up as `Truncated` (a reset before the headers
    // as `ConnectionReset`); either way it is a retried transport error.
    assert!(
        matches!(err, InstallError::Transport { kind: TransportProblem::ConnectionReset | TransportProblem::Truncated, attempts: 3, .. }),
        "{err:?}"
    );
    assert_eq!(server.requests(), 3);
    root.assert_untouched();
}

#[test]
fn stalled_body_times_out() {
    let body = vec![1u8; 10_000];
    let (server, url) = serve(Behavior::stall(body.clone(), 100, Duration::from_secs(30)));
    let root = Root::new();
    let started = std::time::Instant::now();
    let options = DownloadOptions { attempts: 2, read_timeout: Duration::from_millis(300), ..opts() };
    let err = root.install(&artifact(ToolKind::Dbmate, url, &body, ArtifactFormat::Binary), &options).unwrap_err();
    assert!(matches!(err, InstallError::Transport { kind: TransportProblem::Timeout, attempts: 2, .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(server.requests(), 2);
    root.assert_untouched();
}

#[test]
fn connection_refused_is_a_transport_error() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}/gone");
    let root = Root::new();
    let err = root.install(&artifact(ToolKind::Dbmate, url, b"x", ArtifactFormat::Binary), &opts()).unwrap_err();
    assert!(matches!(err, InstallError::Transport { attempts: 3, .. }), "{err:?}");
    root.assert_untouched();
}

#[test]
fn redirects_are_followed_but_a_loop_is_an_error() {
    let server = Server::start();
    server.route("/a", Behavior::redirect("/b"));
    server.route("/b", Behavior::redirect("/a"));
    server.route("/moved", Behavior::redirect("/real"));
    server.route("/real", Behavior::ok(b"exe".to_vec()));
    let root = Root::new();
    let err = root.install(&artifact(ToolKind::Dbmate, server.url("/a"), b"exe", ArtifactFormat::Binary), &opts()).unwrap_err();
    match &err {
        InstallError::TooManyRedirects { url, max_redirects } => {
            assert_eq!(url, &server.url("/a"));
            assert_eq!(*max_redirects, MAX_REDIRECTS);
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(server.requests() <= (MAX_REDIRECTS + 1) as usize, "{}", server.requests());
    root.assert_untouched();

    root.install(&artifact(ToolKind::Dbmate, server.url("/moved"), b"exe", ArtifactFormat::Binary), &opts()).unwrap();
    assert_eq!(root.files(), ["bin/dbmate"]);
}

#[test]
fn oversize_body_is_refused_without_retry() {
    let body = vec![0u8; 2 * 1024 * 1024];
    let (server, url) = serve(Behavior::ok(body.clone()));
    let root = Root::new();
    let err = root.install(&artifact(ToolKind::Dbmate, url, &body, ArtifactFormat::Binary), &opts()).unwrap_err();
    assert!(matches!(err, InstallError::TooLarge { max_bytes: 1_048_576, content_length: Some(2_097_152), .. }), "{err:?}");
    assert_eq!(server.requests(), 1);
    root.assert_untouched();

    // No Content-Length: caught while streaming.
    let (_server, url) = serve(Behavior::Unframed(body.clone()));
    let err = root.install(&artifact(ToolKind::Dbmate, url, &body, ArtifactFormat::Binary), &opts()).unwrap_err();
    assert!(matches!(err, InstallError::TooLarge { content_length: None, .. }), "{err:?}");
    root.assert_untouched();
}

#[test]
fn unframed_body_within_limits_is_fine() {
    let (_server, url) = serve(Behavior::Unframed(b"exe".to_vec()));
    let root = Root::new();
    root.install(&artifact(ToolKind::Dbmate, url, b"exe", ArtifactFormat::Binary), &opts()).unwrap();
    assert_eq!(root.files(), ["bin/dbmate"]);
}

/// Serves `archive` with its correct checksum and expects the install to fail.
fn install_archive(archive: Vec<u8>) -> InstallError {
    let (_server, url) = serve(Behavior::ok(archive.clone()));
    let root = Root::new();
    let a = artifact(ToolKind::GolangMigrate, url, &archive, ArtifactFormat::TarGz);
    let err = root.install(&a, &opts()).unwrap_err();
    root.assert_untouched();
    err
}

fn assert_unsafe(err: &InstallError, entry: &str, problem: EntryProblem) {
    match err {
        InstallError::UnsafeArchiveEntry { entry: e, problem: p, .. } => {
            assert_eq!((e.as_str(), *p), (entry, problem));
        }
        other => panic!("unexpected {other:?}"),
    }
}

/// Every attack of `testkit::archive::attacks` (the list the whole-build tests run too) is refused,
/// with the entry and the problem named, and nothing written in the target or outside it.
#[test]
fn every_archive_attack_is_refused() {
    // `opts()`: entries up to 4 × max_bytes, 8 × max_bytes in all.
    let limits = Limits { entry: 4 * 1024 * 1024, total: 8 * 1024 * 1024 };
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("victim"), b"original").unwrap();
    for attack in attacks(outside.path(), limits) {
        let case = attack.case;
        let err = install_archive(attack.archive);
        let problem = match attack.refusal {
            Refusal::ParentDir => EntryProblem::ParentDir,
            Refusal::AbsolutePath => EntryProblem::AbsolutePath,
            Refusal::Symlink => EntryProblem::Symlink,
            Refusal::HardLink => EntryProblem::HardLink,
            Refusal::Special => EntryProblem::Special,
            Refusal::Duplicate => EntryProblem::Duplicate,
            Refusal::EntryTooLarge { size } => EntryProblem::TooLarge { size, limit: limits.entry },
            Refusal::TooLarge => {
                assert!(matches!(err, InstallError::ArchiveTooLarge { limit, .. } if limit == limits.total), "{case}: {err:?}");
                continue;
            }
            Refusal::NoExecutable => {
                assert!(matches!(err, InstallError::ExecutableMissing { executable: "migrate", .. }), "{case}: {err:?}");
                continue;
            }
            Refusal::NotTarGz => {
                assert!(matches!(err, InstallError::InvalidArchive { .. }), "{case}: {err:?}");
                continue;
            }
        };
        let entry = attack.entry.expect("an entry refusal names its entry");
        assert_unsafe(&err, &entry, problem);
        assert!(err.to_string().contains(&entry), "{case}: {err}");
    }
    let mut left: Vec<_> = fs::read_dir(outside.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    left.sort();
    assert_eq!(left, ["victim"], "only the victim is outside");
    assert_eq!(fs::read(outside.path().join("victim")).unwrap(), b"original");
}

#[test]
fn connection_closed_without_a_response_is_retried() {
    // Request read, nothing sent, connection closed.
    let (server, url) = serve(Behavior::Raw(Vec::new()));
    let root = Root::new();
    let err = root.install(&artifact(ToolKind::Dbmate, url, b"x", ArtifactFormat::Binary), &opts()).unwrap_err();
    assert!(matches!(err, InstallError::Transport { attempts: 3, .. }), "{err:?}");
    assert_eq!(server.requests(), 3);
    root.assert_untouched();
}

#[test]
fn bytes_past_content_length_are_never_used() {
    // The server announces 3 bytes and sends 10: only the announced 3 count.
    let raw = b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nexeEXTRA!!".to_vec();
    let (_server, url) = serve(Behavior::Raw(raw));
    let root = Root::new();
    let err = root.install(&artifact(ToolKind::Dbmate, url.clone(), b"exeEXTRA!!", ArtifactFormat::Binary), &opts()).unwrap_err();
    assert!(matches!(err, InstallError::ChecksumMismatch { .. }), "{err:?}");
    root.assert_untouched();
    let report = root.install(&artifact(ToolKind::Dbmate, url, b"exe", ArtifactFormat::Binary), &opts()).unwrap();
    assert_eq!(report.bytes, 3);
    assert_eq!(fs::read(root.bin().join("dbmate")).unwrap(), b"exe");
}

// ------------------------------------------------------------------ mirror credentials (issue 22)

fn basic(user: &str, password: &str) -> String {
    use base64::Engine as _;
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}")))
}

#[test]
fn url_userinfo_travels_in_a_header_and_never_in_the_request_or_the_errors() {
    let server = Server::start();
    server.route("/dbmate", Behavior::require_auth(basic("ci", "s3cret/pw"), Behavior::ok(b"exe".to_vec())));
    let url = server.url("/dbmate").replace("http://", "http://ci:s3cret%2Fpw@") + "?token=tok-123&v=1";
    let root = Root::new();
    root.install(&artifact(ToolKind::Dbmate, url.clone(), b"exe", ArtifactFormat::Binary), &opts()).unwrap();
    let log = server.request_log();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].authorization.as_deref(), Some(basic("ci", "s3cret/pw").as_str()));
    assert_eq!(log[0].target, "/dbmate?token=tok-123&v=1", "the query is sent as given");

    // Wrong password: a 401 named with the URL masked.
    let wrong = url.replace("s3cret%2Fpw", "wr0ng-pw");
    let err = root.install(&artifact(ToolKind::Dbmate, wrong, b"exe", ArtifactFormat::Binary), &opts()).unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, InstallError::HttpStatus { status: 401, .. }), "{err:?}");
    assert!(text.contains(&format!("{}?token=****&v=1", server.url("/dbmate").replace("http://", "http://****@"))), "{text}");
    assert!(!text.contains("wr0ng-pw") && !text.contains("tok-123") && !text.contains("ci:"), "{text}");
}

#[test]
fn credentials_from_options_are_sent_and_kept_only_on_same_host_redirects() {
    let server = Server::start();
    let bearer = "Bearer tok-from-binding";
    let auth = auth::MirrorAuth::bearer("tok-from-binding", auth::AuthSource::Binding { name: "mirror".into() });
    let with_auth = || DownloadOptions { auth: Some(auth.clone()), ..opts() };
    // A same-host redirect keeps the header (Artifactory's own redirects).
    server.route("/dl", Behavior::require_auth(bearer, Behavior::redirect("/store/dbmate")));
    server.route("/store/dbmate", Behavior::require_auth(bearer, Behavior::ok(b"exe".to_vec())));
    let root = Root::new();
    root.install(&artifact(ToolKind::Dbmate, server.url("/dl"), b"exe", ArtifactFormat::Binary), &with_auth()).unwrap();
    assert_eq!(server.requests_for("/store/dbmate"), 1);

    // A redirect to another host (a signed object-store URL) gets no credentials.
    let store = Server::start();
    store.route("/bucket/dbmate", Behavior::ok(b"exe".to_vec()));
    let elsewhere = store.url("/bucket/dbmate?X-Amz-Signature=sig-abc").replace("127.0.0.1", "localhost");
    server.route("/dl2", Behavior::require_auth(bearer, Behavior::redirect_to(elsewhere)));
    root.install(&artifact(ToolKind::Dbmate, server.url("/dl2"), b"exe", ArtifactFormat::Binary), &with_auth()).unwrap();
    let log = store.request_log();
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0].authorization, None, "the other host must not get the mirror's credentials");
    assert_eq!(log[0].target, "/bucket/dbmate?X-Amz-Signature=sig-abc");
}

#[test]
fn a_failing_redirect_target_is_named_with_its_signed_query_masked() {
    let server = Server::start();
    let signed = "/bucket/dbmate?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20240101&X-Amz-Signature=deadbeef42";
    server.route("/dl", Behavior::redirect(signed));
    server.route("/bucket/dbmate", Behavior::status(403));
    let root = Root::new();
    let err = root.install(&artifact(ToolKind::Dbmate, server.url("/dl"), b"exe", ArtifactFormat::Binary), &opts()).unwrap_err();
    let text = err.to_string();
    match &err {
        InstallError::HttpStatus { status: 403, redirected_to: Some(to), .. } => {
            assert_eq!(to, &server.url("/bucket/dbmate?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=****&X-Amz-Signature=****"));
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(text.contains("after a redirect to"), "{text}");
    assert!(!text.contains("deadbeef42") && !text.contains("AKIAEXAMPLE"), "{text}");
    root.assert_untouched();
}
