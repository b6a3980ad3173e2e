//! Takes one executable out of a (checksum-verified) tar.gz, refusing anything
//! that could write outside the intended place or exhaust the disk.
//!
//! Nothing is unpacked to disk except the executable's bytes, which go to a
//! caller-provided writer; every entry of the archive is still inspected, and
//! the whole archive is refused if any entry is unsafe.

use std::cell::Cell;
use std::io::{self, Read, Write};
use std::path::Component;
use std::rc::Rc;

use tar::EntryType;

use super::EntryProblem;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ArchiveLimits {
    /// Largest size of a single entry (as declared in its header).
    pub max_entry_bytes: u64,
    /// Largest number of decompressed bytes read from the gzip stream.
    pub max_total_bytes: u64,
}

#[derive(Debug)]
pub(crate) enum ArchiveError {
    Unsafe {
        entry: String,
        problem: EntryProblem,
    },
    TooLarge {
        limit: u64,
    },
    Invalid(String),
    Missing,
    /// Writing the executable failed.
    Write(io::Error),
}

/// Counts decompressed bytes and fails once more than the cap was produced.
struct Capped<R> {
    inner: R,
    remaining: u64,
    exceeded: Rc<Cell<bool>>,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.remaining == 0 {
            // Allow a clean end exactly at the cap; anything more is too much.
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => {
                    self.exceeded.set(true);
                    Err(io::Error::other("decompressed size limit exceeded"))
                }
            };
        }
        let max = usize::try_from(self.remaining).unwrap_or(usize::MAX).min(buf.len());
        let n = self.inner.read(&mut buf[..max])?;
        self.remaining -= n as u64;
        Ok(n)
    }
}

fn entry_type_problem(kind: EntryType) -> Option<EntryProblem> {
    match kind {
        EntryType::Regular | EntryType::Directory | EntryType::XGlobalHeader => None,
        EntryType::Symlink => Some(EntryProblem::Symlink),
        EntryType::Link => Some(EntryProblem::HardLink),
        EntryType::Char | EntryType::Block | EntryType::Fifo => Some(EntryProblem::Special),
        other => Some(EntryProblem::UnsupportedType(other.as_byte())),
    }
}

/// Copies the regular file `executable` at the archive root (`migrate` or
/// `./migrate`) from the gzip-compressed tar `gz` into `dest`; returns its size.
pub(crate) fn extract_executable(
    gz: impl Read,
    executable: &str,
    dest: &mut impl Write,
    limits: ArchiveLimits,
) -> Result<u64, ArchiveError> {
    let exceeded = Rc::new(Cell::new(false));
    let capped = Capped { inner: flate2::read::GzDecoder::new(gz), remaining: limits.max_total_bytes, exceeded: Rc::clone(&exceeded) };
    let failed = |e: io::Error| {
        if exceeded.get() { ArchiveError::TooLarge { limit: limits.max_total_bytes } } else { ArchiveError::Invalid(e.to_string()) }
    };

    let mut archive = tar::Archive::new(capped);
    let mut found: Option<u64> = None;
    for entry in archive.entries().map_err(failed)? {
        let mut entry = entry.map_err(failed)?;
        let name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let unsafe_entry = |problem| ArchiveError::Unsafe { entry: name.clone(), problem };

        let path = entry.path().map_err(failed)?.into_owned();
        let mut parts = Vec::new();
        for component in path.components() {
            match component {
                Component::RootDir | Component::Prefix(_) => {
                    return Err(unsafe_entry(EntryProblem::AbsolutePath));
                }
                Component::ParentDir => return Err(unsafe_entry(EntryProblem::ParentDir)),
                Component::CurDir => {}
                Component::Normal(part) => parts.push(part.to_os_string()),
            }
        }
        let kind = entry.header().entry_type();
        if let Some(problem) = entry_type_problem(kind) {
            return Err(unsafe_entry(problem));
        }
        let size = entry.header().size().map_err(failed)?;
        if size > limits.max_entry_bytes {
            return Err(unsafe_entry(EntryProblem::TooLarge { size, limit: limits.max_entry_bytes }));
        }
        let is_executable = kind == EntryType::Regular && parts.len() == 1 && parts[0] == executable;
        if !is_executable {
            continue; // its data is skipped (and counted) by the tar reader
        }
        if found.is_some() {
            return Err(unsafe_entry(EntryProblem::Duplicate));
        }
        let mut copied: u64 = 0;
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = entry.read(&mut buf).map_err(failed)?;
            if n == 0 {
                break;
            }
            copied += n as u64;
            dest.write_all(&buf[..n]).map_err(ArchiveError::Write)?;
        }
        if copied != size {
            return Err(ArchiveError::Invalid(format!("entry `{name}` ended after {copied} of {size} bytes")));
        }
        found = Some(copied);
    }
    found.ok_or(ArchiveError::Missing)
}
