//! Hand-made tar.gz archives, and the list of archive attacks the installer must refuse.
//!
//! Tar headers are written byte by byte (ustar), because tar libraries refuse to produce the
//! entries an attack needs (`../` names, absolute names, links pointing outside, devices, a header
//! announcing more than it carries). Gzip streams are assembled from independently compressed,
//! fully flushed deflate segments, so that a 3 GiB bomb costs a few MB and milliseconds to make.
//!
//! [`attacks`] is the one list of attacks: the installer's unit tests (`src/install/tests.rs`)
//! and the whole-build tests (`tests/reliability_archives.rs`) both run every one of them.

use flate2::{Compress, Compression, FlushCompress};
use std::io::Write;
use std::path::Path;

pub const REGULAR: u8 = b'0';
pub const HARDLINK: u8 = b'1';
pub const SYMLINK: u8 = b'2';
pub const CHAR_DEV: u8 = b'3';
pub const BLOCK_DEV: u8 = b'4';
pub const DIRECTORY: u8 = b'5';
pub const FIFO: u8 = b'6';

/// A stand-in for the golang-migrate executable inside an attack archive.
pub const FAKE_MIGRATE: &[u8] = b"#!/bin/sh\necho 'not the real migrate'\n";

enum Segment {
    Bytes(Vec<u8>),
    Zeros(u64),
}

/// A tar archive being written, entry by entry (`Tar::default().file(..).special(..).gz()`).
#[derive(Default)]
pub struct Tar {
    segments: Vec<Segment>,
}

fn octal(field: &mut [u8], value: u64) {
    let text = format!("{value:0width$o}", width = field.len() - 1);
    assert!(text.len() < field.len(), "{value} does not fit an octal field of {}", field.len());
    field[..text.len()].copy_from_slice(text.as_bytes());
    field[text.len()] = 0;
}

/// A ustar header with these exact bytes for name and link name.
pub fn header(name: &str, kind: u8, size: u64, link: &str, dev: (u64, u64)) -> [u8; 512] {
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

/// The zero bytes that pad an entry of `len` bytes to the 512-byte block.
pub fn padding(len: u64) -> u64 {
    (512 - len % 512) % 512
}

impl Tar {
    pub fn file(mut self, name: &str, data: &[u8]) -> Self {
        self.segments.push(Segment::Bytes(header(name, REGULAR, data.len() as u64, "", (0, 0)).to_vec()));
        let mut body = data.to_vec();
        body.resize(data.len() + padding(data.len() as u64) as usize, 0);
        self.segments.push(Segment::Bytes(body));
        self
    }

    /// A regular file of `size` zero bytes (the bomb's filler).
    pub fn zeros(mut self, name: &str, size: u64) -> Self {
        self.segments.push(Segment::Bytes(header(name, REGULAR, size, "", (0, 0)).to_vec()));
        self.segments.push(Segment::Zeros(size + padding(size)));
        self
    }

    /// A header announcing `size` bytes with no data behind it.
    pub fn declared(mut self, name: &str, size: u64) -> Self {
        self.segments.push(Segment::Bytes(header(name, REGULAR, size, "", (0, 0)).to_vec()));
        self
    }

    /// A link, a directory, a device or a FIFO (`kind`: [`SYMLINK`], [`HARDLINK`], [`DIRECTORY`], ...).
    pub fn special(mut self, name: &str, kind: u8, link: &str, dev: (u64, u64)) -> Self {
        self.segments.push(Segment::Bytes(header(name, kind, 0, link, dev).to_vec()));
        self
    }

    /// The tar without compression (with its end-of-archive blocks).
    pub fn plain(self) -> Vec<u8> {
        let mut out = Vec::new();
        for segment in self.segments {
            match segment {
                Segment::Bytes(b) => out.extend(b),
                Segment::Zeros(n) => out.resize(out.len() + n as usize, 0),
            }
        }
        out.resize(out.len() + 1024, 0);
        out
    }

    /// gzip of the tar (with its end-of-archive blocks).
    pub fn gz(mut self) -> Vec<u8> {
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

/// Why the installer must refuse an archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// An entry whose path contains `..`.
    ParentDir,
    AbsolutePath,
    Symlink,
    HardLink,
    /// A character or block device, or a FIFO.
    Special,
    /// The executable listed twice (which one would run?).
    Duplicate,
    /// An entry announcing `size` bytes, over the per-entry limit.
    EntryTooLarge {
        size: u64,
    },
    /// Entries each under the per-entry limit that together expand past the total limit.
    TooLarge,
    /// No `migrate` at the archive's root.
    NoExecutable,
    /// Not a gzip-compressed tar.
    NotTarGz,
}

/// One archive the installer must refuse.
pub struct Attack {
    /// A short name for messages (`parent-sibling`).
    pub case: &'static str,
    pub archive: Vec<u8>,
    pub refusal: Refusal,
    /// The entry the refusal names, for refusals of one entry.
    pub entry: Option<String>,
}

/// The size limits of the installer under test (per entry, and all entries together), which the
/// size attacks go past.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub entry: u64,
    pub total: u64,
}

fn attack(case: &'static str, archive: Vec<u8>, refusal: Refusal, entry: Option<&str>) -> Attack {
    Attack { case, archive, refusal, entry: entry.map(str::to_string) }
}

/// Every attack on the installer of golang-migrate's archive, each refused before anything is
/// written. `outside`: a directory outside the install target (with a file `victim` in it, for the
/// links to point at) that the `../` paths, absolute paths and links try to write into; a safe
/// installer leaves it as it was, and never creates `escaped`, `abs-escaped`, `payload` or
/// `sibling-escaped` anywhere.
pub fn attacks(outside: &Path, limits: Limits) -> Vec<Attack> {
    let at = |name: &str| outside.join(name).display().to_string();
    let escape = format!("../../../../../../../../../../..{}", at("escaped"));
    let victim = at("victim");
    let fake = FAKE_MIGRATE;
    use Refusal::*;
    let mut list = vec![
        // `..` after the executable, first (a sibling of the target), and hidden in the middle of a path.
        attack("parent-after", Tar::default().file("migrate", fake).file(&escape, b"owned").gz(), ParentDir, Some(&escape)),
        attack(
            "parent-sibling",
            Tar::default().file("./../sibling-escaped", b"owned").file("migrate", fake).gz(),
            ParentDir,
            Some("./../sibling-escaped"),
        ),
        attack(
            "parent-middle",
            Tar::default().file("migrate", fake).file("bin/../../escaped", b"owned").gz(),
            ParentDir,
            Some("bin/../../escaped"),
        ),
        // An absolute name, and the executable itself under one.
        attack(
            "absolute",
            Tar::default().file(&at("abs-escaped"), b"owned").file("migrate", fake).gz(),
            AbsolutePath,
            Some(&at("abs-escaped")),
        ),
        attack("absolute-migrate", Tar::default().file("/migrate", fake).gz(), AbsolutePath, Some("/migrate")),
        // A directory symlink to the outside, then a file through it.
        attack(
            "symlink-dir",
            Tar::default()
                .special("linkdir", SYMLINK, &outside.display().to_string(), (0, 0))
                .file("linkdir/payload", b"owned")
                .file("migrate", fake)
                .gz(),
            Symlink,
            Some("linkdir"),
        ),
        // The executable as a symlink to an outside file (would install the victim's bytes), after a
        // good `migrate`, then written through.
        attack(
            "symlink-exe",
            Tar::default().file("migrate", fake).special("migrate", SYMLINK, &victim, (0, 0)).file("migrate", b"overwrite the victim").gz(),
            Symlink,
            Some("migrate"),
        ),
        // The executable as a hard link to an outside file, then written through; a hard link besides it.
        attack(
            "hardlink-victim",
            Tar::default().special("migrate", HARDLINK, &victim, (0, 0)).file("migrate", b"overwrite through the link").gz(),
            HardLink,
            Some("migrate"),
        ),
        attack(
            "hardlink-passwd",
            Tar::default().special("migrate", HARDLINK, "/etc/passwd", (0, 0)).file("migrate", b"overwrite through the link").gz(),
            HardLink,
            Some("migrate"),
        ),
        attack(
            "hardlink-other",
            Tar::default().file("migrate", fake).special("other", HARDLINK, &victim, (0, 0)).gz(),
            HardLink,
            Some("other"),
        ),
        // Devices and a FIFO as the executable, and a device besides it (the whole archive is refused).
        attack("char", Tar::default().special("migrate", CHAR_DEV, "", (1, 3)).gz(), Special, Some("migrate")),
        attack("block", Tar::default().special("migrate", BLOCK_DEV, "", (8, 0)).gz(), Special, Some("migrate")),
        attack("fifo", Tar::default().special("migrate", FIFO, "", (0, 0)).gz(), Special, Some("migrate")),
        attack("char-other", Tar::default().file("migrate", fake).special("null", CHAR_DEV, "", (1, 3)).gz(), Special, Some("null")),
        // Two executables: which one would run?
        attack(
            "duplicate",
            Tar::default().file("migrate", fake).file("./migrate", b"#!/bin/sh\necho other\n").gz(),
            Duplicate,
            Some("./migrate"),
        ),
        // The executable nested, a directory named `migrate`, the pre-4.15 name.
        attack("nested", Tar::default().file("README.md", b"# migrate").file("bin/migrate", fake).gz(), NoExecutable, None),
        attack("dir", Tar::default().special("migrate/", DIRECTORY, "", (0, 0)).gz(), NoExecutable, None),
        attack("old-layout", Tar::default().file("migrate.linux-amd64", fake).gz(), NoExecutable, None),
        // A plain (uncompressed) tar, a gzip whose content is not a tar, and text.
        attack("plain-tar", Tar::default().file("migrate", fake).plain(), NotTarGz, None),
        attack("gz-not-tar", gzip(b"<html>this is not a tarball</html>\n"), NotTarGz, None),
        attack("not-gzip", b"this is not gzip\n".to_vec(), NotTarGz, None),
    ];
    // A header announcing six times the entry limit, with nothing behind it.
    let size = 6 * limits.entry;
    list.push(attack(
        "declared",
        Tar::default().file("migrate", fake).declared("filler", size).gz(),
        EntryTooLarge { size },
        Some("filler"),
    ));
    let (each, count) = bomb_entries(limits);
    let mut bomb = Tar::default().file("migrate", fake);
    for i in 0..count {
        bomb = bomb.zeros(&format!("pad{i}"), each);
    }
    list.push(attack("bomb", bomb.gz(), TooLarge, None));
    list
}

/// The bomb's entries of zeros: their size, each under the entry limit, and how many, together past
/// the total limit.
fn bomb_entries(limits: Limits) -> (u64, u64) {
    let each = limits.entry / 16 * 15;
    (each, limits.total / each + 1)
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(data).unwrap();
    gz.finish().unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    /// The hand-made tar + gzip writer produces archives the system `tar` reads.
    #[test]
    fn the_archive_writer_is_sound() {
        let dir = tempfile::tempdir().unwrap();
        let gz = Tar::default().file("migrate", FAKE_MIGRATE).zeros("pad", 3 << 20).file("z", b"end").gz();
        let path = dir.path().join("a.tar.gz");
        std::fs::write(&path, gz).unwrap();
        let out = Command::new("tar").arg("-tvzf").arg(&path).output().unwrap();
        let listing = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{listing}{}", String::from_utf8_lossy(&out.stderr));
        assert!(listing.contains("migrate") && listing.contains("pad") && listing.contains(" z"), "{listing}");
        assert!(listing.contains(&(3u64 << 20).to_string()), "{listing}");
        let plain = dir.path().join("a.tar");
        std::fs::write(&plain, Tar::default().file("migrate", FAKE_MIGRATE).plain()).unwrap();
        let out = Command::new("tar").arg("-tvf").arg(&plain).output().unwrap();
        assert!(out.status.success() && String::from_utf8_lossy(&out.stdout).contains("migrate"), "{out:?}");
    }

    /// The size attacks cost little to make and to serve, even at the build's limits (1 GiB per
    /// entry, 2 GiB in all), and go past those limits.
    #[test]
    fn the_size_attacks_are_small_compressed_and_past_the_limits() {
        let limits = Limits { entry: 1 << 30, total: 2 << 30 };
        let outside = tempfile::tempdir().unwrap();
        for a in attacks(outside.path(), limits) {
            match a.refusal {
                Refusal::EntryTooLarge { size } => {
                    assert!(size > limits.entry);
                    assert!(a.archive.len() < 4096, "{}: {} bytes", a.case, a.archive.len());
                }
                Refusal::TooLarge => assert!(a.archive.len() < 8 << 20, "{}: {} bytes compressed", a.case, a.archive.len()),
                _ => {}
            }
        }
        let (each, count) = bomb_entries(limits);
        assert!(each < limits.entry && each * count > limits.total);
    }
}
