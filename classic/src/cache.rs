//! What the classic build keeps in CACHE_DIR, under `CACHE_DIR/migrations/`:
//!
//! - `tool/bin/<migrate|dbmate>`: the VERIFIED tool executable (installed by
//!   `install::install`, which checks the download's SHA-256 before placing it);
//! - `tool.toml`: its `ToolLayerMetadata` (tool, version, sha256, arch: the
//!   artifact's identity, never the URL, which may carry credentials), the
//!   same key as the CNB tool layer's metadata. Reused only when it equals the
//!   wanted artifact's; otherwise the tool is reinstalled and the output says
//!   what changed (the CNB wording). A `tool.toml` of an earlier version (with
//!   the URL) is rewritten without it;
//! - `tool.executable.sha256`: the SHA-256 of the cached executable, so a
//!   damaged cache is reinstalled instead of copied into the slug;
//! - `history.toml`: the `HistoryMetadata` (tool, versions) of the last
//!   successful compile, for the out-of-order check.
//!
//! Metadata is written last (after a verified install), and removed first
//! before a reinstall, so an interrupted build never leaves a cache a later
//! build would trust.

use crate::out;
use migrations_buildpack::errors::BuildpackError;
use migrations_buildpack::install::{self, DownloadOptions, ResolvedArtifact};
use migrations_buildpack::layers::history::HistoryMetadata;
use migrations_buildpack::layers::tool_layer::ToolLayerMetadata;
use migrations_buildpack::output;
use sha2::Digest;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

pub struct Cache {
    root: PathBuf,
}

fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> BuildpackError {
    let path = path.to_path_buf();
    move |source| BuildpackError::LayerIo { action, path, source }
}

/// SHA-256 (lowercase hex) of a file.
pub fn sha256_file(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = sha2::Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}

/// Write `contents` to `path` through a temporary file and a rename.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), BuildpackError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io("create", dir))?;
    let mut temp = tempfile::Builder::new().prefix(".partial-").tempfile_in(dir).map_err(io("create a temporary file in", dir))?;
    temp.write_all(contents).map_err(io("write", temp.path()))?;
    temp.as_file().sync_all().map_err(io("write", temp.path()))?;
    temp.persist(path).map_err(|e| io("rename into", path)(e.error))?;
    Ok(())
}

/// What the cache holds for the wanted artifact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cached {
    /// Nothing usable (first build, or a cache cleared with `heroku builds:cache:purge`).
    Empty,
    /// The same artifact, verified when installed, executable unchanged since.
    Same,
    /// Another artifact: what differs, in the CNB wording (`version (a → b)`).
    Changed(Vec<String>),
    /// The metadata or the executable cannot be trusted: why.
    Damaged(String),
}

impl Cache {
    pub fn new(cache_dir: &Path) -> Self {
        Cache { root: cache_dir.join("migrations") }
    }

    fn tool_dir(&self) -> PathBuf {
        self.root.join("tool")
    }

    fn tool_metadata_path(&self) -> PathBuf {
        self.root.join("tool.toml")
    }

    fn executable_sha_path(&self) -> PathBuf {
        self.root.join("tool.executable.sha256")
    }

    fn history_path(&self) -> PathBuf {
        self.root.join("history.toml")
    }

    /// The cached executable of `artifact`'s tool.
    pub fn executable(&self, artifact: &ResolvedArtifact) -> PathBuf {
        self.tool_dir().join("bin").join(artifact.tool.executable())
    }

    pub fn inspect(&self, artifact: &ResolvedArtifact) -> Cached {
        let Ok(text) = std::fs::read_to_string(self.tool_metadata_path()) else {
            return Cached::Empty;
        };
        let old: ToolLayerMetadata = match toml::from_str(&text) {
            Ok(md) => md,
            Err(_) => match toml::from_str::<toml::Table>(&text).ok().as_ref().and_then(ToolLayerMetadata::from_legacy) {
                // Written by an earlier version, with the download URL: keep the identity, drop the URL.
                Some(md) => {
                    let rewritten = toml::to_string(&md).expect("tool metadata serialises");
                    if write_atomic(&self.tool_metadata_path(), rewritten.as_bytes()).is_err() {
                        return Cached::Damaged("its metadata (tool.toml) could not be rewritten".into());
                    }
                    md
                }
                None => return Cached::Damaged("its metadata (tool.toml) is unreadable".into()),
            },
        };
        let changes = ToolLayerMetadata::for_artifact(artifact).changes_from(&old);
        if !changes.is_empty() {
            return Cached::Changed(changes);
        }
        let expected = std::fs::read_to_string(self.executable_sha_path()).unwrap_or_default();
        match sha256_file(&self.executable(artifact)) {
            Ok(actual) if actual == expected.trim() => Cached::Same,
            Ok(_) => Cached::Damaged(format!("the cached `{}` changed since it was verified", artifact.tool.executable())),
            Err(_) => Cached::Damaged(format!("the cached `{}` is missing", artifact.tool.executable())),
        }
    }

    fn forget_tool(&self) -> Result<(), BuildpackError> {
        for file in [self.tool_metadata_path(), self.executable_sha_path()] {
            match std::fs::remove_file(&file) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(io("remove", &file)(e));
                }
                _ => {}
            }
        }
        match std::fs::remove_dir_all(self.tool_dir()) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io("remove", &self.tool_dir())(e)),
            _ => Ok(()),
        }
    }

    /// The tool's verified executable in the cache: reused when the cache holds
    /// the same artifact (no network), installed otherwise. Prints what it does,
    /// with the CNB build's wording.
    pub fn tool(&self, artifact: &ResolvedArtifact, opts: &DownloadOptions) -> Result<PathBuf, BuildpackError> {
        let label = format!("{} {} (linux-{})", artifact.tool, artifact.version, artifact.arch);
        match self.inspect(artifact) {
            Cached::Same => {
                out::detail(format!("Reusing {label} from the cache"));
                return Ok(self.executable(artifact));
            }
            Cached::Changed(changes) => out::sub_detail(format!("Cached tool changed: {}", changes.join(", "))),
            Cached::Damaged(why) => out::sub_detail(format!("Cached tool not reused: {why}")),
            Cached::Empty => {}
        }
        self.forget_tool()?;
        out::detail(format!("Installing {label}"));
        match &opts.auth {
            // The URL shows itself masked.
            Some(auth) => out::sub_detail(format!("from {} (credentials from {}; never stored)", artifact.url, auth.source)),
            None => out::sub_detail(format!("from {}", artifact.url)),
        }
        let bin = self.tool_dir().join("bin");
        let result = std::fs::create_dir_all(&bin)
            .map_err(io("create", &bin))
            .and_then(|()| install::install(artifact, &bin, opts).map_err(BuildpackError::from));
        let report = match result {
            Ok(report) => report,
            Err(e) => {
                // Leave nothing a later build could mistake for a good install.
                let _ = self.forget_tool();
                return Err(e);
            }
        };
        out::sub_detail(format!(
            "Downloaded {} and verified SHA-256 in {} ({} attempt{})",
            output::bytes(report.bytes),
            output::duration(report.elapsed),
            report.attempts,
            if report.attempts == 1 { "" } else { "s" }
        ));
        let exe = self.executable(artifact);
        let sha = sha256_file(&exe).map_err(io("read", &exe))?;
        write_atomic(&self.executable_sha_path(), format!("{sha}\n").as_bytes())?;
        let metadata = toml::to_string(&ToolLayerMetadata::for_artifact(artifact)).expect("tool metadata serialises");
        write_atomic(&self.tool_metadata_path(), metadata.as_bytes())?;
        Ok(exe)
    }

    /// The record of the last successful compile (unreadable: none, like the CNB layer).
    pub fn history(&self) -> Option<HistoryMetadata> {
        toml::from_str(&std::fs::read_to_string(self.history_path()).ok()?).ok()
    }

    pub fn write_history(&self, history: &HistoryMetadata) -> Result<(), BuildpackError> {
        let text = toml::to_string(history).expect("history metadata serialises");
        write_atomic(&self.history_path(), text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use migrations_buildpack::install::ArtifactFormat;
    use migrations_buildpack::tool_kind::ToolKind;

    fn artifact(version: &str) -> ResolvedArtifact {
        ResolvedArtifact {
            tool: ToolKind::Dbmate,
            version: version.into(),
            url: format!("http://127.0.0.1:9/{version}").into(),
            sha256: "ab".repeat(32),
            format: ArtifactFormat::Binary,
            arch: "amd64".into(),
            license: Some("MIT".into()),
            custom: false,
        }
    }

    #[test]
    fn cache_states() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let a = artifact("2.36.0");
        assert_eq!(cache.inspect(&a), Cached::Empty);

        // As after a verified install.
        let exe = cache.executable(&a);
        std::fs::create_dir_all(exe.parent().unwrap()).unwrap();
        std::fs::write(&exe, b"binary").unwrap();
        write_atomic(&cache.executable_sha_path(), sha256_file(&exe).unwrap().as_bytes()).unwrap();
        write_atomic(&cache.tool_metadata_path(), toml::to_string(&ToolLayerMetadata::for_artifact(&a)).unwrap().as_bytes()).unwrap();
        assert_eq!(cache.inspect(&a), Cached::Same);

        let Cached::Changed(changes) = cache.inspect(&artifact("2.37.0")) else { panic!("not changed") };
        assert!(changes[0].starts_with("version (2.36.0 → 2.37.0)"), "{changes:?}");

        std::fs::write(&exe, b"tampered").unwrap();
        assert!(matches!(cache.inspect(&a), Cached::Damaged(_)));
        std::fs::write(cache.tool_metadata_path(), "not toml [").unwrap();
        assert!(matches!(cache.inspect(&a), Cached::Damaged(_)));
        cache.forget_tool().unwrap();
        assert_eq!(cache.inspect(&a), Cached::Empty);
    }

    #[test]
    fn metadata_of_an_earlier_version_is_rewritten_without_its_url() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let a = artifact("2.36.0");
        let exe = cache.executable(&a);
        std::fs::create_dir_all(exe.parent().unwrap()).unwrap();
        std::fs::write(&exe, b"binary").unwrap();
        write_atomic(&cache.executable_sha_path(), sha256_file(&exe).unwrap().as_bytes()).unwrap();
        let legacy = format!(
            "tool = \"dbmate\"\nversion = \"2.36.0\"\nurl = \"https://ci:s3cret@mirror/x\"\nsha256 = \"{}\"\narch = \"amd64\"\n",
            a.sha256
        );
        write_atomic(&cache.tool_metadata_path(), legacy.as_bytes()).unwrap();
        assert_eq!(cache.inspect(&a), Cached::Same);
        let now = std::fs::read_to_string(cache.tool_metadata_path()).unwrap();
        assert!(!now.contains("s3cret") && !now.contains("url"), "{now}");
    }

    #[test]
    fn history_round_trips_and_ignores_garbage() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        assert_eq!(cache.history(), None);
        let h = HistoryMetadata {
            tool: "dbmate".into(),
            versions: vec!["1".into(), "2".into()],
            checksums: [("1".to_string(), "00ff".to_string())].into(),
            ignored: vec!["3.SQL".into()],
        };
        cache.write_history(&h).unwrap();
        assert_eq!(cache.history(), Some(h));
        std::fs::write(cache.history_path(), "garbage = [").unwrap();
        assert_eq!(cache.history(), None);
    }
}
