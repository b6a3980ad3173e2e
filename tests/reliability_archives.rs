//! Archive attacks through the WHOLE build (issue 6, family 2).
//!
//! A golang-migrate app (`test-fixtures/golang-migrate-basic`) gets a
//! hand-crafted tar.gz from a 127.0.0.1 server, with the archive's real
//! SHA-256 (so the checksum passes and the archive handling itself is what
//! is tested: a checksum only proves the file is the one the user named, not
//! that it is harmless). Each archive must be refused with a clear build error,
//! and the FILE SYSTEM must show that nothing was written outside the layer:
//! the targets of `../` paths, absolute paths, symlinks and hard links (in a
//! `/tmp/reliability-archives-<pid>-<case>/` directory chosen by the test) stay
//! absent or unchanged; every file under the app's temp root (app dir,
//! platform dir, home, layers) is listed before and after; the build's private
//! `TMPDIR` is empty afterwards. Then the server is fixed and the next build
//! installs (not reuses) a working `migrate`.
//!
//! Tar headers are written byte by byte (ustar), because tar libraries refuse
//! to produce these entries. Gzip streams are assembled from independently
//! compressed, fully flushed deflate segments, so that a 3 GiB bomb costs a few
//! MB and milliseconds to make.

use std::collections::BTreeMap;
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use flate2::{Compress, Compression, FlushCompress};
use testkit::http::{Behavior, Server};
use testkit::lifecycle::{App, BuildOutcome, list_files};
use testkit::tools;

const ARCHIVE: &str = "/migrate.linux-amd64.tar.gz";

// ---------------------------------------------------------------------------------------------
// Raw tar + gzip
// ---------------------------------------------------------------------------------------------

enum Segment {
    Bytes(Vec<u8>),
    Zeros(u64),
}

#[derive(Default)]
struct Tar {
    segments: Vec<Segment>,
}

const REGULAR: u8 = b'0';
const HARDLINK: u8 = b'1';
const SYMLINK: u8 = b'2';
const CHAR_DEV: u8 = b'3';
const BLOCK_DEV: u8 = b'4';
const DIRECTORY: u8 = b'5';
const FIFO: u8 = b'6';

fn octal(field: &mut [u8], value: u64) {
    let text = format!("{value:0width$o}", width = field.len() - 1);
    assert!(text.len() < field.len(), "{value} does not fit an octal field of {}", field.len());
    field[..text.len()].copy_from_slice(text.as_bytes());
    field[text.len()] = 0;
}

/// A ustar header with these exact bytes for name and link name.
fn header(name: &str, kind: u8, size: u64, link: &str, dev: (u64, u64)) -> [u8; 512] {
    assert!(name.len() <= 100 && link.len() <= 100, "{name} / {link}: too long for ustar");
    let mut h = [0u8; 512];
    h[..name.len()].copy_from_slice(name.as_bytes());
    octal(&mut h[100..108], 0o755);
    octal(&mut h[108..116], 0);
    octal(&mut h[116..124], 0);
    octal(&mut h[124..136], size);
    octal(&mut h[136..148], 1_700_000_000);
    h[156] = kind;
    h[157..157 + link.len()].copy_from_slice(link.as_bytes());
    h[257..263].copy_from_slice(b"ustar\0");
    h[263..265].copy_from_slice(b"00");
    h[265..269].copy_from_slice(b"root");
    h[297..301].copy_from_slice(b"root");
    octal(&mut h[329..337], dev.0);
    octal(&mut h[337..345], dev.1);
    h[148..156].copy_from_slice(b"        ");
    let sum: u64 = h.iter().map(|b| u64::from(*b)).sum();
    let text = format!("{sum:06o}\0 ");
    h[148..156].copy_from_slice(text.as_bytes());
    h
}

fn padding(len: u64) -> u64 {
    (512 - len % 512) % 512
}

impl Tar {
    fn file(mut self, name: &str, data: &[u8]) -> Self {
        self.segments.push(Segment::Bytes(header(name, REGULAR, data.len() as u64, "", (0, 0)).to_vec()));
        let mut body = data.to_vec();
        body.resize(data.len() + padding(data.len() as u64) as usize, 0);
        self.segments.push(Segment::Bytes(body));
        self
    }

    /// A regular file of `size` zero bytes (the bomb's filler).
    fn zeros(mut self, name: &str, size: u64) -> Self {
        self.segments.push(Segment::Bytes(header(name, REGULAR, size, "", (0, 0)).to_vec()));
        self.segments.push(Segment::Zeros(size + padding(size)));
        self
    }

    /// A header announcing `size` bytes with no data behind it.
    fn declared(mut self, name: &str, size: u64) -> Self {
        self.segments.push(Segment::Bytes(header(name, REGULAR, size, "", (0, 0)).to_vec()));
        self
    }

    fn special(mut self, name: &str, kind: u8, link: &str, dev: (u64, u64)) -> Self {
        self.segments.push(Segment::Bytes(header(name, kind, 0, link, dev).to_vec()));
        self
    }

    /// gzip of the tar (with its end-of-archive blocks).
    fn gz(mut self) -> Vec<u8> {
        self.segments.push(Segment::Zeros(1024));
        let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff];
        let mut crc = flate2::Crc::new();
        let mut total: u64 = 0;
        const CHUNK: u64 = 1 << 20;
        let chunk_zeros = vec![0u8; CHUNK as usize];
        let chunk_deflated = deflate_flushed(&chunk_zeros);
        let mut crc_ok = true;
        for segment in &self.segments {
            match segment {
                Segment::Bytes(b) => {
                    out.extend(deflate_flushed(b));
                    crc.update(b);
                    total += b.len() as u64;
                }
                Segment::Zeros(n) => {
                    let (whole, rest) = (n / CHUNK, n % CHUNK);
                    for _ in 0..whole {
                        out.extend_from_slice(&chunk_deflated);
                    }
                    let rest = vec![0u8; rest as usize];
                    out.extend(deflate_flushed(&rest));
                    if whole > 64 {
                        crc_ok = false; // a bomb: its trailer is never reached
                    } else {
                        for _ in 0..whole {
                            crc.update(&chunk_zeros);
                        }
                        crc.update(&rest);
                    }
                    total += n;
                }
            }
        }
        // Final (empty) block.
        let mut c = Compress::new(Compression::best(), false);
        let mut fin = Vec::with_capacity(64);
        c.compress_vec(&[], &mut fin, FlushCompress::Finish).unwrap();
        out.extend(fin);
        out.extend((if crc_ok { crc.sum() } else { 0 }).to_le_bytes());
        out.extend(((total & 0xffff_ffff) as u32).to_le_bytes());
        out
    }
}

/// Raw deflate of `data`, fully flushed (byte-aligned, no back references
/// across the boundary), so segments can be concatenated.
fn deflate_flushed(data: &[u8]) -> Vec<u8> {
    let mut c = Compress::new(Compression::best(), false);
    let mut out = Vec::with_capacity(data.len() / 2 + 1024);
    loop {
        let consumed = c.total_in() as usize;
        if out.capacity() - out.len() < 1024 {
            out.reserve(64 * 1024);
        }
        c.compress_vec(&data[consumed..], &mut out, FlushCompress::Full).unwrap();
        if c.total_in() as usize == data.len() && out.capacity() > out.len() {
            break;
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// File-system snapshots
// ---------------------------------------------------------------------------------------------

/// path → (size, sha256) of every file/symlink under `dir` (symlinks by target).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (u64, String)> {
    list_files(dir)
        .unwrap()
        .into_iter()
        .map(|p| {
            let meta = std::fs::symlink_metadata(&p).unwrap();
            let digest = if meta.file_type().is_symlink() {
                format!("link:{}", std::fs::read_link(&p).unwrap().display())
            } else if meta.is_file() {
                tools::sha256_file(&p)
            } else {
                "special".to_string()
            };
            (p, (meta.len(), digest))
        })
        .collect()
}

/// Every path (files, dirs, links) under `dir`, recursively.
fn all_paths(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        out.push(entry.path());
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            out.extend(all_paths(&entry.path()));
        }
    }
    out
}

fn plain(b: &BuildOutcome) -> String {
    bullet_stream::strip_ansi(b.output())
}

/// A directory in /tmp that plays "outside the layer" for one case. Removed on drop.
struct Outside {
    dir: PathBuf,
}

impl Outside {
    fn new(case: &str) -> Outside {
        let dir = PathBuf::from(format!("/tmp/reliability-archives-{}-{case}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Outside { dir }
    }
    fn path(&self, name: &str) -> String {
        self.dir.join(name).display().to_string()
    }
}

impl Drop for Outside {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Names the attacks try to create; none may appear under the app's temp root.
const PAYLOAD_NAMES: [&str; 5] = ["escaped", "abs-escaped", "payload", "sibling-escaped", "victim"];

/// Serve `archive`, build, and check the refusal and the file system. Returns the build output.
/// With `then_fix`, the server is then fixed and the next build must install a working tool.
fn refused(case: &str, archive: Vec<u8>, outside: &Outside, expect: &[&str], then_fix: bool) -> String {
    let scratch = tempfile::tempdir().unwrap();
    let archive_path = scratch.path().join("attack.tar.gz");
    std::fs::write(&archive_path, &archive).unwrap();

    let mut app = App::from_fixture("test-fixtures/golang-migrate-basic");
    let server = Server::start();
    server.route(ARCHIVE, Behavior::file(&archive_path));
    let url = server.url(ARCHIVE);
    app.env("BP_MIGRATIONS_TOOL_URL", &url);
    app.env("BP_MIGRATIONS_TOOL_SHA256", &tools::sha256_file(&archive_path));
    let tmp = tempfile::Builder::new().prefix("reliability-arch-tmp-").tempdir().unwrap();
    app.process_env("TMPDIR", &tmp.path().display().to_string());

    let root = app.app_dir().parent().unwrap().to_path_buf();
    let app_before = snapshot(&app.app_dir());
    let platform_before = snapshot(&app.platform_dir());
    let outside_before = snapshot(&outside.dir);
    assert!(list_files(&app.home_dir()).unwrap().is_empty());
    assert!(list_files(&app.layers_root()).unwrap().is_empty());

    let build = app.build();
    let out = plain(&build);
    assert!(!build.success(), "[{case}] the archive was accepted:\n{out}");
    assert!(out.contains("The downloaded archive was refused"), "[{case}] {out}");
    assert!(out.contains(&url), "[{case}] the error does not name the URL:\n{out}");
    for e in expect {
        assert!(out.contains(e), "[{case}] the error does not say {e:?}:\n{out}");
    }

    // Nothing changed outside the layer.
    assert_eq!(snapshot(&outside.dir), outside_before, "[{case}] the outside directory changed");
    assert_eq!(snapshot(&app.app_dir()), app_before, "[{case}] the app dir changed");
    assert_eq!(snapshot(&app.platform_dir()), platform_before, "[{case}] the platform dir changed");
    assert!(list_files(&app.home_dir()).unwrap().is_empty(), "[{case}] files written to HOME");
    let left: Vec<_> = all_paths(tmp.path());
    assert!(left.is_empty(), "[{case}] files left in the build's TMPDIR: {left:?}");
    // In the layers: only the layers' TOML files, no tool executable, no payloads.
    let layer_files = list_files(&app.layers_root()).unwrap();
    let unexpected: Vec<_> = layer_files.iter().filter(|p| p.extension().is_none_or(|e| e != "toml")).collect();
    assert!(unexpected.is_empty(), "[{case}] files left in the layers dir: {unexpected:?}\nall: {layer_files:?}");
    if let Some(toml) = app.layer_toml("tool") {
        assert!(toml.get("metadata").is_none(), "[{case}] tool metadata written: {toml:?}");
    }
    for p in all_paths(&root) {
        let name = p.file_name().unwrap().to_string_lossy();
        assert!(!PAYLOAD_NAMES.contains(&name.as_ref()), "[{case}] payload written at {}", p.display());
    }
    for name in PAYLOAD_NAMES {
        if name != "victim" {
            assert!(!outside.dir.join(name).exists(), "[{case}] {} was created", outside.path(name));
        }
    }

    if !then_fix {
        return out;
    }
    // Fix the server: the next build installs the real archive (nothing reused).
    let (good, good_sha) = good_archive();
    server.route(ARCHIVE, Behavior::file(good));
    app.env("BP_MIGRATIONS_TOOL_SHA256", good_sha);
    let rebuild = app.build();
    let rout = plain(&rebuild);
    assert!(rebuild.success(), "[{case}] rebuild with a good archive failed:\n{rout}");
    assert!(rout.contains("Installing golang-migrate custom (linux-amd64)"), "[{case}] {rout}");
    assert!(!rout.contains("Reusing"), "[{case}] {rout}");
    let migrate = app.layer_path("tool").join("bin/migrate");
    assert_eq!(tools::sha256_file(&migrate), tools::sha256_file(&tools::golang_migrate_double()));
    let env = app.launch_env("release");
    let version = Command::new("migrate").arg("-version").env_clear().envs(&env).output().unwrap();
    assert!(version.status.success(), "[{case}] migrate -version: {version:?}");
    assert!(all_paths(tmp.path()).is_empty(), "[{case}] TMPDIR not cleaned after success");
    out
}

/// The golang-migrate double's release-like tar.gz and its SHA-256, made once per process.
fn good_archive() -> &'static (PathBuf, String) {
    static GOOD: OnceLock<(PathBuf, String)> = OnceLock::new();
    GOOD.get_or_init(|| {
        let dir = tempfile::Builder::new().prefix("reliability-arch-good-").tempdir().unwrap().keep();
        let path = tools::golang_migrate_double_tarball(&dir);
        let sha = tools::sha256_file(&path);
        (path, sha)
    })
}

const FAKE_MIGRATE: &[u8] = b"#!/bin/sh\necho 'not the real migrate'\n";

fn escape_to(target: &str) -> String {
    format!("../../../../../../../../../../..{target}")
}

#[test]
fn parent_dir_entries_are_refused() {
    let outside = Outside::new("parent");
    let name = escape_to(&outside.path("escaped"));
    let gz = Tar::default().file("migrate", FAKE_MIGRATE).file(&name, b"owned").gz();
    refused("parent-after", gz, &outside, &[&format!("unsafe entry `{name}`"), "path contains `..`"], true);

    // `..` first, and a sibling of the layer (relative to where a naive extractor would write).
    let gz = Tar::default().file("./../sibling-escaped", b"owned").file("migrate", FAKE_MIGRATE).gz();
    refused("parent-sibling", gz, &outside, &["unsafe entry `./../sibling-escaped`", "path contains `..`"], false);

    // `..` hidden in the middle of a path.
    let gz = Tar::default().file("migrate", FAKE_MIGRATE).file("bin/../../escaped", b"owned").gz();
    refused("parent-middle", gz, &outside, &["unsafe entry `bin/../../escaped`", "path contains `..`"], false);
}

#[test]
fn absolute_paths_are_refused() {
    let outside = Outside::new("absolute");
    let name = outside.path("abs-escaped");
    let gz = Tar::default().file(&name, b"owned").file("migrate", FAKE_MIGRATE).gz();
    refused("absolute", gz, &outside, &[&format!("unsafe entry `{name}`"), "absolute path"], true);
    // The executable itself under an absolute name.
    let gz = Tar::default().file("/migrate", FAKE_MIGRATE).gz();
    refused("absolute-migrate", gz, &outside, &["unsafe entry `/migrate`", "absolute path"], false);
}

#[test]
fn symlinks_pointing_outside_are_refused() {
    let outside = Outside::new("symlink");
    let victim = outside.path("victim");
    std::fs::write(&victim, b"original").unwrap();
    // Classic: a directory symlink to the outside, then a file through it.
    let gz = Tar::default()
        .special("linkdir", SYMLINK, &outside.dir.display().to_string(), (0, 0))
        .file("linkdir/payload", b"owned")
        .file("migrate", FAKE_MIGRATE)
        .gz();
    refused("symlink-dir", gz, &outside, &["unsafe entry `linkdir`", "symbolic link"], true);
    // The executable as a symlink to an outside file (would install the victim's bytes),
    // after a good `migrate`, then writing through the link.
    let gz = Tar::default()
        .file("migrate", FAKE_MIGRATE)
        .special("migrate", SYMLINK, &victim, (0, 0))
        .file("migrate", b"overwrite the victim")
        .gz();
    refused("symlink-exe", gz, &outside, &["unsafe entry `migrate`", "symbolic link"], false);
    assert_eq!(std::fs::read(&victim).unwrap(), b"original");
}

#[test]
fn hard_links_pointing_outside_are_refused() {
    let outside = Outside::new("hardlink");
    let victim = outside.path("victim");
    std::fs::write(&victim, b"original").unwrap();
    for (case, target) in [("hardlink-victim", victim.as_str()), ("hardlink-passwd", "/etc/passwd")] {
        let gz = Tar::default().special("migrate", HARDLINK, target, (0, 0)).file("migrate", b"overwrite through the link").gz();
        refused(case, gz, &outside, &["unsafe entry `migrate`", "hard link"], case == "hardlink-victim");
    }
    let meta = std::fs::metadata(&victim).unwrap();
    assert_eq!(meta.nlink(), 1, "something hard-linked the victim");
    assert_eq!(std::fs::read(&victim).unwrap(), b"original");
}

#[test]
fn device_files_and_fifos_are_refused() {
    let outside = Outside::new("device");
    for (case, kind, dev) in [("char", CHAR_DEV, (1, 3)), ("block", BLOCK_DEV, (8, 0)), ("fifo", FIFO, (0, 0))] {
        let gz = Tar::default().special("migrate", kind, "", dev).gz();
        refused(case, gz, &outside, &["unsafe entry `migrate`", "device or FIFO"], kind == CHAR_DEV);
    }
    // A device that is not the executable is refused as well (whole archive).
    let gz = Tar::default().file("migrate", FAKE_MIGRATE).special("null", CHAR_DEV, "", (1, 3)).gz();
    refused("char-other", gz, &outside, &["unsafe entry `null`", "device or FIFO"], false);
}

#[test]
fn gzip_bomb_with_a_huge_declared_entry_is_refused_at_its_header() {
    let outside = Outside::new("declared");
    // 6 GiB announced; the per-entry limit is 4 x 256 MiB.
    let gz = Tar::default().file("migrate", FAKE_MIGRATE).declared("filler", 6 << 30).gz();
    assert!(gz.len() < 4096, "{}", gz.len());
    refused("declared", gz, &outside, &["unsafe entry `filler`", "6442450944 bytes, over the 1073741824-byte limit"], true);
}

#[test]
fn gzip_bomb_expanding_past_the_total_cap_is_refused() {
    let outside = Outside::new("bomb");
    // Three 1000 MiB entries of zeros (each under the 1 GiB entry limit) expand
    // past the 2 GiB total cap; compressed, the archive is a few MB.
    let mut tar = Tar::default().file("migrate", FAKE_MIGRATE);
    for i in 0..3 {
        tar = tar.zeros(&format!("pad{i}"), 1000 << 20);
    }
    let gz = tar.gz();
    assert!(gz.len() < 8 << 20, "bomb is {} bytes compressed", gz.len());
    let started = Instant::now();
    refused("bomb", gz, &outside, &["expands to more than 2147483648 bytes"], false);
    eprintln!("gzip bomb case took {:?}", started.elapsed());
    assert!(started.elapsed() < Duration::from_secs(120));
}

#[test]
fn archives_without_the_executable_are_refused() {
    let outside = Outside::new("missing");
    let gz = Tar::default().file("README.md", b"# migrate").file("bin/migrate", FAKE_MIGRATE).gz();
    refused("nested", gz, &outside, &["has no `migrate` at the archive root"], true);
    // A directory named `migrate` is not the executable.
    let gz = Tar::default().special("migrate/", DIRECTORY, "", (0, 0)).gz();
    refused("dir", gz, &outside, &["has no `migrate` at the archive root"], false);
    // Two executables: which one would run?
    let gz = Tar::default().file("migrate", FAKE_MIGRATE).file("./migrate", b"#!/bin/sh\necho other\n").gz();
    refused("duplicate", gz, &outside, &["unsafe entry `./migrate`", "executable listed twice"], false);
}

#[test]
fn not_a_tar_gz_is_refused() {
    let outside = Outside::new("invalid");
    // A plain (uncompressed) tar, and a gzip whose content is not a tar.
    let mut plain_tar = header("migrate", REGULAR, FAKE_MIGRATE.len() as u64, "", (0, 0)).to_vec();
    plain_tar.extend(FAKE_MIGRATE);
    plain_tar.resize(plain_tar.len() + padding(FAKE_MIGRATE.len() as u64) as usize + 1024, 0);
    refused("plain-tar", plain_tar, &outside, &["is not a valid tar.gz"], true);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(b"<html>this is not a tarball</html>\n").unwrap();
    refused("gz-not-tar", gz.finish().unwrap(), &outside, &["is not a valid tar.gz"], false);
}

/// The hand-made tar + gzip writer produces archives the system `tar` reads.
#[test]
fn the_test_archive_writer_is_sound() {
    let dir = tempfile::tempdir().unwrap();
    let gz = Tar::default().file("migrate", FAKE_MIGRATE).zeros("pad", 3 << 20).file("z", b"end").gz();
    let path = dir.path().join("a.tar.gz");
    std::fs::write(&path, gz).unwrap();
    let out = Command::new("tar").arg("-tvzf").arg(&path).output().unwrap();
    let listing = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{listing}{}", String::from_utf8_lossy(&out.stderr));
    assert!(listing.contains("migrate") && listing.contains("pad") && listing.contains(" z"), "{listing}");
    assert!(listing.contains(&(3u64 << 20).to_string()), "{listing}");
}
