//! Tool install: inventory, resolution, download, checksum, extraction.
//!
//! [`resolve`] (or [`custom`]) picks an artifact; [`install`] downloads it to a
//! temporary file outside `bin_dir` while hashing it, verifies the SHA-256, and
//! only then places the executable as `bin_dir/<tool.executable()>` (temp name
//! in `bin_dir`, mode 0755, rename). On any error nothing from the attempt is
//! left in `bin_dir`.

mod archive;
pub mod auth;
mod download;
mod inventory;

use std::fs::{self, File};
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::redact::SecretUrl;

pub use auth::{AuthError, AuthSource, MirrorAuth};
pub use download::{DownloadOptions, MAX_REDIRECTS};
pub use inventory::{ArtifactMetadata, ToolArtifact, ToolInventory, available_versions, custom, inventory, newer_on_other_arch, resolve};

use crate::tool_kind::ToolKind;

/// How an artifact is packaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ArtifactFormat {
    /// A gzip-compressed tar with the executable at its root.
    #[serde(rename = "tar.gz")]
    TarGz,
    /// The bare executable.
    #[serde(rename = "binary")]
    Binary,
}

/// The artifact to install: from the inventory or from the user's URL + checksum.
/// Its identity (what a cached install is compared on) is tool, version,
/// SHA-256 and architecture; the URL only says where to get it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedArtifact {
    pub tool: ToolKind,
    /// Semver (`4.20.1`), or `custom`.
    pub version: String,
    /// Where to download it; may carry credentials, so it shows itself masked.
    pub url: SecretUrl,
    /// Lowercase hex.
    pub sha256: String,
    pub format: ArtifactFormat,
    /// `amd64` or `arm64`.
    pub arch: String,
    /// The licence (SPDX expression) from the inventory; unknown (`None`) for a custom artifact.
    pub license: Option<String>,
    /// From `BP_MIGRATIONS_TOOL_URL` rather than the inventory.
    pub custom: bool,
}

impl ResolvedArtifact {
    /// The package URL of an inventory artifact (`pkg:github/amacneil/dbmate@v2.36.0`);
    /// `None` for a custom one, whose origin is unknown.
    pub fn purl(&self) -> Option<String> {
        (!self.custom).then(|| format!("pkg:github/{}@v{}", self.tool.github_repository(), self.version))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InstallReport {
    /// Bytes downloaded (the artifact, not the extracted executable).
    pub bytes: u64,
    pub elapsed: Duration,
    /// Download attempts used (1 = no retry).
    pub attempts: u32,
}

/// What kind of transport failure ended a download.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TransportProblem {
    #[error("timed out")]
    Timeout,
    /// Reset before the response arrived (mid-body resets count as `Truncated`).
    #[error("connection reset")]
    ConnectionReset,
    /// The connection closed (or was reset) before the whole body arrived.
    #[error("connection closed before the body was complete")]
    Truncated,
    #[error("connection failed")]
    ConnectFailed,
    #[error("host not found")]
    HostNotFound,
    #[error("transport error")]
    Other,
}

/// Why an archive entry was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EntryProblem {
    #[error("absolute path")]
    AbsolutePath,
    #[error("path contains `..`")]
    ParentDir,
    #[error("symbolic link")]
    Symlink,
    #[error("hard link")]
    HardLink,
    #[error("device or FIFO")]
    Special,
    #[error("unsupported entry type `{}`", char::from(*.0))]
    UnsupportedType(u8),
    #[error("{size} bytes, over the {limit}-byte limit")]
    TooLarge { size: u64, limit: u64 },
    #[error("executable listed twice")]
    Duplicate,
}

/// Every `url` in these errors is already masked ([`SecretUrl::masked`]).
#[derive(Debug, thiserror::Error)]
pub enum InstallError {
    #[error("invalid built-in inventory: {reason}")]
    Inventory { reason: String },
    #[error("unsupported architecture `{arch}` (expected amd64 or arm64)")]
    UnsupportedArch { arch: String },
    #[error("invalid version requirement `{requirement}` ({reason}); expected e.g. `4.19`, `^2.30` or `=2.35.0`")]
    InvalidRequirement { requirement: String, reason: String },
    #[error("no {tool} version matches `{requirement}` on linux/{arch}; available: {}", available.join(", "))]
    NoMatchingVersion {
        tool: ToolKind,
        arch: String,
        requirement: String,
        /// Newest first.
        available: Vec<String>,
    },
    #[error("invalid SHA-256 `{value}` (expected 64 hex characters)")]
    InvalidChecksum { value: String },
    #[error("invalid URL `{url}`: {reason}")]
    InvalidUrl { url: String, reason: String },
    #[error(
        "{url} returned HTTP {status}{} ({attempts} attempt(s))",
        redirected_to.as_ref().map(|to| format!(" after a redirect to {to}")).unwrap_or_default()
    )]
    HttpStatus {
        url: String,
        status: u16,
        attempts: u32,
        /// Where a redirect led, when the status came from there (masked).
        redirected_to: Option<String>,
    },
    #[error("downloading {url}: {kind} ({attempts} attempt(s)): {detail}")]
    Transport { url: String, attempts: u32, kind: TransportProblem, detail: String },
    #[error("{url}: more than {max_redirects} redirects")]
    TooManyRedirects { url: String, max_redirects: u32 },
    #[error("{url} is larger than {max_bytes} bytes")]
    TooLarge {
        url: String,
        max_bytes: u64,
        /// What the server announced, if anything.
        content_length: Option<u64>,
    },
    #[error("{url} sent more than its Content-Length ({content_length} bytes)")]
    LongerThanContentLength { url: String, content_length: u64 },
    #[error(
        "checksum mismatch for {url}: expected sha256 {expected}, got {actual}{}",
        if *html { " (the server returned HTML)" } else { "" }
    )]
    ChecksumMismatch {
        url: String,
        expected: String,
        actual: String,
        /// The body looked like an HTML page (content type or first byte `<`).
        html: bool,
    },
    #[error("unsafe entry `{entry}` in {url}: {problem}")]
    UnsafeArchiveEntry { url: String, entry: String, problem: EntryProblem },
    #[error("{url} expands to more than {limit} bytes")]
    ArchiveTooLarge { url: String, limit: u64 },
    #[error("{url} is not a valid tar.gz: {reason}")]
    InvalidArchive { url: String, reason: String },
    #[error("{url} has no `{executable}` at the archive root")]
    ExecutableMissing { url: String, executable: &'static str },
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

fn io_error(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> InstallError {
    let path = path.to_path_buf();
    move |source| InstallError::Io { action, path, source }
}

/// Downloads, verifies and installs `artifact` as `bin_dir/<executable>`.
/// The artifact the build settings ask for: a custom URL with its checksum, or the
/// inventory's newest version matching `BP_MIGRATIONS_TOOL_VERSION` for `arch`.
pub fn for_config(tool: ToolKind, arch: &str, config: &crate::config::BuildConfig) -> Result<ResolvedArtifact, InstallError> {
    match &config.custom_artifact {
        Some(c) => custom(tool, arch, c.url.expose(), &c.sha256),
        None => resolve(tool, arch, config.tool_version.as_deref()),
    }
}

/// The credentials a build sends with its download, and those it leaves unused.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MirrorCredentials {
    /// Sent to the custom artifact's host.
    pub auth: Option<MirrorAuth>,
    /// Credentials given although the tool comes from the inventory (they are
    /// for `BP_MIGRATIONS_TOOL_URL` only, and never sent to the inventory's hosts).
    pub unused: Option<AuthSource>,
}

/// Which credentials go with `artifact`: for a custom artifact, at most one of
/// the service binding (`bindings_dir`, if given), `BP_MIGRATIONS_TOOL_AUTH`
/// (`setting`) and the URL's userinfo; for an inventory artifact, none.
pub fn mirror_credentials(
    artifact: &ResolvedArtifact,
    setting: Option<&MirrorAuth>,
    bindings_dir: Option<&Path>,
) -> Result<MirrorCredentials, AuthError> {
    let binding = match bindings_dir {
        Some(dir) => auth::from_bindings(dir)?,
        None => None,
    };
    if !artifact.custom {
        let unused = binding.map(|b| b.source).or_else(|| setting.map(|s| s.source.clone()));
        return Ok(MirrorCredentials { auth: None, unused });
    }
    Ok(MirrorCredentials { auth: auth::choose(&artifact.url, binding, setting.cloned())?, unused: None })
}

pub fn install(artifact: &ResolvedArtifact, bin_dir: &Path, opts: &DownloadOptions) -> Result<InstallReport, InstallError> {
    // Download next to `bin_dir` (in the layer), so the verified file is renamed
    // into place rather than copied across file systems; the scratch dir is
    // removed whatever happens.
    let scratch_parent = match bin_dir.parent() {
        Some(parent) if fs::create_dir_all(parent).is_ok() => parent.to_path_buf(),
        _ => std::env::temp_dir(),
    };
    install_with_scratch(artifact, bin_dir, opts, &scratch_parent)
}

/// [`install`] with the temporary download directory created under `scratch_parent`.
fn install_with_scratch(
    artifact: &ResolvedArtifact,
    bin_dir: &Path,
    opts: &DownloadOptions,
    scratch_parent: &Path,
) -> Result<InstallReport, InstallError> {
    let started = Instant::now();
    let scratch = tempfile::Builder::new()
        .prefix("migrations-buildpack-download-")
        .tempdir_in(scratch_parent)
        .map_err(io_error("create a temporary directory in", scratch_parent))?;
    let download_path = scratch.path().join("artifact");
    let downloaded = download::download(&artifact.url, &download_path, opts)?;

    let expected = artifact.sha256.to_ascii_lowercase();
    if downloaded.sha256 != expected {
        return Err(InstallError::ChecksumMismatch {
            url: artifact.url.masked(),
            expected,
            actual: downloaded.sha256,
            html: downloaded.looks_like_html,
        });
    }

    let executable = artifact.tool.executable();
    let source = match artifact.format {
        ArtifactFormat::Binary => download_path,
        ArtifactFormat::TarGz => {
            let extracted = scratch.path().join("executable");
            extract(artifact, &download_path, &extracted, opts)?;
            extracted
        }
    };
    place_executable(&source, bin_dir, executable)?;
    Ok(InstallReport { bytes: downloaded.bytes, elapsed: started.elapsed(), attempts: downloaded.attempts })
}

fn extract(artifact: &ResolvedArtifact, archive_path: &Path, dest_path: &Path, opts: &DownloadOptions) -> Result<(), InstallError> {
    let limits =
        archive::ArchiveLimits { max_entry_bytes: opts.max_bytes.saturating_mul(4), max_total_bytes: opts.max_bytes.saturating_mul(8) };
    let input = File::open(archive_path).map_err(io_error("open", archive_path))?;
    let mut output = File::create(dest_path).map_err(io_error("create", dest_path))?;
    let executable = artifact.tool.executable();
    let url = artifact.url.masked();
    archive::extract_executable(io::BufReader::new(input), executable, &mut output, limits).map_err(|e| match e {
        archive::ArchiveError::Unsafe { entry, problem } => InstallError::UnsafeArchiveEntry { url, entry, problem },
        archive::ArchiveError::TooLarge { limit } => InstallError::ArchiveTooLarge { url, limit },
        archive::ArchiveError::Invalid(reason) => InstallError::InvalidArchive { url, reason },
        archive::ArchiveError::Missing => InstallError::ExecutableMissing { url, executable },
        archive::ArchiveError::Write(source) => InstallError::Io { action: "write", path: dest_path.to_path_buf(), source },
    })?;
    output.sync_all().map_err(io_error("write", dest_path))
}

/// Copies `source` to a temp name in `bin_dir`, sets mode 0755, renames it to
/// `bin_dir/<executable>`. The temp file is removed on any error.
fn place_executable(source: &Path, bin_dir: &Path, executable: &str) -> Result<(), InstallError> {
    fs::create_dir_all(bin_dir).map_err(io_error("create", bin_dir))?;
    let target = bin_dir.join(executable);
    // On the same file system: make the verified file executable and rename it (atomic, no copy).
    if fs::set_permissions(source, fs::Permissions::from_mode(0o755)).is_ok() && fs::rename(source, &target).is_ok() {
        return Ok(());
    }
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{executable}.partial-"))
        .tempfile_in(bin_dir)
        .map_err(io_error("create a temporary file in", bin_dir))?;
    let mut input = File::open(source).map_err(io_error("open", source))?;
    io::copy(&mut input, temp.as_file_mut()).map_err(io_error("write", temp.path()))?;
    temp.as_file().set_permissions(fs::Permissions::from_mode(0o755)).map_err(io_error("set permissions of", temp.path()))?;
    temp.as_file().sync_all().map_err(io_error("write", temp.path()))?;
    temp.persist(&target).map_err(|e| io_error("rename into", &target)(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests;
