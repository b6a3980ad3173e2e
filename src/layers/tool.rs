//! The tool layer: the migration tool's executable in `bin/`, on `PATH` at launch.
//!
//! Layer dir: `<layers>/tool/bin/<migrate|dbmate>`. Cached, launch, not build.
//! Cache invalidation: kept only when tool, version, URL, SHA-256 and
//! architecture all equal the wanted artifact; otherwise deleted and
//! reinstalled, and the build output says what changed. Metadata is written
//! only after a verified install, so a failed install never leaves a layer a
//! later build would reuse.

use crate::errors::BuildpackError;
use crate::install::{self, DownloadOptions, ResolvedArtifact};
use crate::output;
use libcnb::Buildpack;
use libcnb::build::BuildContext;
use libcnb::data::layer_name;
use libcnb::layer::{CachedLayerDefinition, EmptyLayerCause, InvalidMetadataAction, LayerState, RestoredLayerAction};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToolLayerMetadata {
    pub tool: String,
    pub version: String,
    pub url: String,
    pub sha256: String,
    pub arch: String,
}

impl ToolLayerMetadata {
    pub fn for_artifact(a: &ResolvedArtifact) -> Self {
        ToolLayerMetadata {
            tool: a.tool.name().to_string(),
            version: a.version.clone(),
            url: a.url.clone(),
            sha256: a.sha256.clone(),
            arch: a.arch.clone(),
        }
    }

    /// Human-readable list of what differs, e.g. `version (4.18.3 → 4.19.1)`.
    pub fn changes_from(&self, old: &ToolLayerMetadata) -> Vec<String> {
        let mut out = Vec::new();
        let fields = [
            ("tool", &old.tool, &self.tool),
            ("version", &old.version, &self.version),
            ("URL", &old.url, &self.url),
            ("SHA-256", &old.sha256, &self.sha256),
            ("architecture", &old.arch, &self.arch),
        ];
        for (name, before, after) in fields {
            if before != after {
                out.push(format!("{name} ({before} → {after})"));
            }
        }
        out
    }
}

/// Install the tool (or reuse the cached one). Returns whether it was reused.
pub fn handle<B>(context: &BuildContext<B>, artifact: &ResolvedArtifact) -> libcnb::Result<bool, BuildpackError>
where
    B: Buildpack<Error = BuildpackError>,
{
    let wanted = ToolLayerMetadata::for_artifact(artifact);
    let layer = context.cached_layer(
        layer_name!("tool"),
        CachedLayerDefinition {
            build: false,
            launch: true,
            invalid_metadata_action: &|_| (InvalidMetadataAction::DeleteLayer, Vec::<String>::new()),
            restored_layer_action: &|old: &ToolLayerMetadata, path: &std::path::Path| {
                let mut changes = wanted.changes_from(old);
                // A cache whose executable went missing is no cache (as for the runner layer).
                let exe = artifact.tool.executable();
                if !path.join("bin").join(exe).is_file() {
                    changes.push(format!("bin/{exe} is missing from the cached layer"));
                }
                if changes.is_empty() { (RestoredLayerAction::KeepLayer, changes) } else { (RestoredLayerAction::DeleteLayer, changes) }
            },
        },
    )?;
    let label = format!("{} {} (linux-{})", artifact.tool, artifact.version, artifact.arch);
    match &layer.state {
        LayerState::Restored { .. } => {
            output::bullet(format!("Reusing {label} from the cache"));
            Ok(true)
        }
        LayerState::Empty { cause } => {
            if let EmptyLayerCause::RestoredLayerAction { cause: changes } = cause {
                output::sub_bullet(format!("Cached tool changed: {}", changes.join(", ")));
            }
            output::bullet(format!("Installing {label}"));
            output::sub_bullet(format!("from {}", output::url(&artifact.url)));
            let bin = layer.path().join("bin");
            let result = std::fs::create_dir_all(&bin)
                .map_err(|source| BuildpackError::LayerIo { action: "create", path: bin.clone(), source })
                .and_then(|()| install::install(artifact, &bin, &DownloadOptions::default()).map_err(BuildpackError::from));
            match result {
                Ok(report) => {
                    output::sub_bullet(format!(
                        "Downloaded {} and verified SHA-256 in {} ({} attempt{})",
                        output::bytes(report.bytes),
                        output::duration(report.elapsed),
                        report.attempts,
                        if report.attempts == 1 { "" } else { "s" }
                    ));
                    layer.write_metadata(wanted.clone())?;
                    Ok(false)
                }
                Err(e) => {
                    // Leave nothing a later build could mistake for a good install.
                    let _ = std::fs::remove_dir_all(&bin);
                    Err(e.into())
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(version: &str) -> ToolLayerMetadata {
        ToolLayerMetadata {
            tool: "dbmate".into(),
            version: version.into(),
            url: format!("https://example.test/{version}"),
            sha256: "ab".repeat(32),
            arch: "amd64".into(),
        }
    }

    #[test]
    fn identical_metadata_has_no_changes() {
        assert!(md("2.35.0").changes_from(&md("2.35.0")).is_empty());
    }

    #[test]
    fn changes_are_named() {
        let changes = md("2.36.0").changes_from(&md("2.35.0"));
        assert_eq!(changes.len(), 2);
        assert!(changes[0].starts_with("version (2.35.0 → 2.36.0)"));
        assert!(changes[1].starts_with("URL"));
    }
}

#[cfg(test)]
mod layer_tests {
    use super::*;
    use crate::install::ArtifactFormat;
    use crate::layers::test_context::build_context;
    use crate::tool::Tool;
    use testkit::http::{Behavior, Server};

    fn artifact(server: &Server, path: &str, body: &[u8]) -> ResolvedArtifact {
        use sha2::Digest;
        ResolvedArtifact {
            tool: Tool::Dbmate,
            version: "custom".into(),
            url: server.url(path),
            sha256: hex::encode(sha2::Sha256::digest(body)),
            format: ArtifactFormat::Binary,
            arch: "amd64".into(),
            custom: true,
        }
    }

    #[test]
    fn installs_once_reuses_then_reinstalls_on_change() {
        let root = tempfile::tempdir().unwrap();
        let ctx = build_context(root.path());
        let server = Server::start();
        let body = b"#!/bin/sh\necho fake dbmate\n".to_vec();
        server.route("/a", Behavior::ok(body.clone()));
        server.route("/b", Behavior::ok(body.clone()));
        let a = artifact(&server, "/a", &body);

        assert!(!handle(&ctx, &a).unwrap(), "first install is not a reuse");
        let bin = ctx.layers_dir.join("tool/bin/dbmate");
        assert_eq!(std::fs::read(&bin).unwrap(), body);
        let toml = std::fs::read_to_string(ctx.layers_dir.join("tool.toml")).unwrap();
        assert!(toml.contains("sha256") && toml.contains(&a.url), "{toml}");

        assert!(handle(&ctx, &a).unwrap(), "same artifact: reused");
        assert_eq!(server.requests(), 1, "a reuse makes no request");

        let b = artifact(&server, "/b", &body);
        assert!(!handle(&ctx, &b).unwrap(), "changed URL: reinstalled");
        assert_eq!(server.requests_for("/b"), 1);
    }

    #[test]
    fn a_cached_layer_without_its_executable_is_installed_again() {
        let root = tempfile::tempdir().unwrap();
        let ctx = build_context(root.path());
        let server = Server::start();
        let body = b"#!/bin/sh\necho fake dbmate\n".to_vec();
        server.route("/a", Behavior::ok(body.clone()));
        let a = artifact(&server, "/a", &body);
        assert!(!handle(&ctx, &a).unwrap());
        let bin = ctx.layers_dir.join("tool/bin/dbmate");
        std::fs::remove_file(&bin).unwrap();
        assert!(!handle(&ctx, &a).unwrap(), "same metadata, executable gone: installed again, not reused");
        assert_eq!(std::fs::read(&bin).unwrap(), body);
        assert_eq!(server.requests(), 2);
    }

    #[test]
    fn a_failed_install_leaves_nothing_to_reuse() {
        let root = tempfile::tempdir().unwrap();
        let ctx = build_context(root.path());
        let server = Server::start();
        server.route("/x", Behavior::ok(b"tampered".to_vec()));
        let mut a = artifact(&server, "/x", b"original");
        a.url = server.url("/x");
        assert!(handle(&ctx, &a).is_err());
        assert!(!ctx.layers_dir.join("tool/bin").exists());
        // The next build sees no valid metadata and installs again.
        server.route("/x", Behavior::ok(b"original".to_vec()));
        assert!(!handle(&ctx, &a).unwrap());
        assert_eq!(server.requests(), 2);
    }
}
