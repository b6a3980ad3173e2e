//! The tool layer: the migration tool's executable in `bin/`, on `PATH` at launch.
//!
//! Layer dir: `<layers>/tool/bin/<migrate|dbmate>`. Cached, launch, not build.
//! Cache invalidation: the cache key is the artifact's identity — tool,
//! version, SHA-256 and architecture. The layer is kept when they all equal the
//! wanted artifact's (whatever URL or credentials it would be downloaded
//! with now: a rotated token or a moved mirror reuses it without a request);
//! otherwise it is deleted and reinstalled, and the build output says what
//! changed. The download URL is never stored (it may carry credentials, and
//! layer metadata is copied into the image's label and the cache). Metadata
//! is written only after a verified install, so a failed install never leaves
//! a layer a later build would reuse. Metadata of earlier buildpack versions
//! (with a `url` field) is migrated: the URL is dropped, the layer is judged
//! on the rest.
//!
//! SBOM: `<layers>/tool.sbom.cdx.json` and `.sbom.spdx.json` (the tool's
//! name, version, architecture, masked download URL, verified SHA-256,
//! licence and package URL; see `crate::sbom`) are written with every
//! install; a reused layer keeps the ones the lifecycle restored with it (they
//! are written again only when missing, as after a layer from 0.1.0).

use crate::errors::BuildpackError;
use crate::install::{self, DownloadOptions, MirrorAuth, ResolvedArtifact};
use crate::{output, sbom};
use libcnb::Buildpack;
use libcnb::build::BuildContext;
use libcnb::data::layer_name;
use libcnb::layer::{CachedLayerDefinition, EmptyLayerCause, InvalidMetadataAction, LayerRef, LayerState, RestoredLayerAction};
use serde::{Deserialize, Serialize};
use std::cell::Cell;

/// The tool layer's metadata: the artifact's identity, and nothing that may be secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToolLayerMetadata {
    pub tool: String,
    pub version: String,
    pub sha256: String,
    pub arch: String,
}

/// What buildpack versions up to 0.1.x stored: the identity plus the download
/// URL as given (credentials included).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LegacyToolLayerMetadata {
    tool: String,
    version: String,
    #[allow(dead_code, reason = "read only to recognise the old format; never kept")]
    url: String,
    sha256: String,
    arch: String,
}

impl ToolLayerMetadata {
    pub fn for_artifact(a: &ResolvedArtifact) -> Self {
        ToolLayerMetadata { tool: a.tool.name().to_string(), version: a.version.clone(), sha256: a.sha256.clone(), arch: a.arch.clone() }
    }

    /// Metadata written by an earlier version of this buildpack (with the
    /// download URL): its identity fields, the URL dropped. `None` for anything else.
    pub fn from_legacy(table: &toml::Table) -> Option<Self> {
        let old: LegacyToolLayerMetadata = table.clone().try_into().ok()?;
        Some(ToolLayerMetadata { tool: old.tool, version: old.version, sha256: old.sha256, arch: old.arch })
    }

    /// Human-readable list of what differs, e.g. `version (4.18.3 → 4.19.1)`.
    pub fn changes_from(&self, old: &ToolLayerMetadata) -> Vec<String> {
        let mut out = Vec::new();
        let fields = [
            ("tool", &old.tool, &self.tool),
            ("version", &old.version, &self.version),
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

/// The line under "Cached tool …" when an earlier buildpack version's metadata was migrated.
pub const LEGACY_METADATA_NOTE: &str =
    "Cached tool from an earlier version of this buildpack: its download URL is no longer stored in the layer metadata";

/// Install the tool (or reuse the cached one), sending `auth` to the download's
/// host when given. Returns whether it was reused.
pub fn handle<B>(context: &BuildContext<B>, artifact: &ResolvedArtifact, auth: Option<&MirrorAuth>) -> libcnb::Result<bool, BuildpackError>
where
    B: Buildpack<Error = BuildpackError>,
{
    let wanted = ToolLayerMetadata::for_artifact(artifact);
    let migrated = Cell::new(false);
    let layer = context.cached_layer(
        layer_name!("tool"),
        CachedLayerDefinition {
            build: false,
            launch: true,
            invalid_metadata_action: &|old: &libcnb::data::generic::GenericMetadata| match old
                .as_ref()
                .and_then(|table| toml::Table::try_from(table).ok())
                .and_then(|table| ToolLayerMetadata::from_legacy(&table))
            {
                Some(identity) => {
                    migrated.set(true);
                    (InvalidMetadataAction::ReplaceMetadata(identity), Vec::<String>::new())
                }
                None => (InvalidMetadataAction::DeleteLayer, Vec::<String>::new()),
            },
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
    if migrated.get() {
        output::sub_bullet(LEGACY_METADATA_NOTE);
    }
    let label = format!("{} {} (linux-{})", artifact.tool, artifact.version, artifact.arch);
    match &layer.state {
        LayerState::Restored { .. } => {
            output::bullet(format!("Reusing {label} from the cache"));
            if !crate::layers::has_sboms(&context.layers_dir, "tool") {
                write_sboms(&layer, artifact)?;
            }
            Ok(true)
        }
        LayerState::Empty { cause } => {
            if let EmptyLayerCause::RestoredLayerAction { cause: changes } = cause {
                output::sub_bullet(format!("Cached tool changed: {}", changes.join(", ")));
            }
            output::bullet(format!("Installing {label}"));
            output::sub_bullet(crate::messages::download_source(artifact, auth));
            install_into(&layer, artifact, auth)?;
            layer.write_metadata(wanted)?;
            Ok(false)
        }
    }
}

/// Downloads, verifies and installs `artifact` into the empty `layer`'s `bin/`, and writes its
/// SBOMs; on failure removes `bin/`, so that nothing is left a later build could mistake for a
/// good install.
fn install_into<B, MAC, RAC>(
    layer: &LayerRef<B, MAC, RAC>,
    artifact: &ResolvedArtifact,
    auth: Option<&MirrorAuth>,
) -> libcnb::Result<(), BuildpackError>
where
    B: Buildpack<Error = BuildpackError>,
{
    let bin = layer.path().join("bin");
    let opts = DownloadOptions { auth: auth.cloned(), ..DownloadOptions::default() };
    let result = std::fs::create_dir_all(&bin)
        .map_err(|source| BuildpackError::LayerIo { action: "create", path: bin.clone(), source })
        .and_then(|()| install::install(artifact, &bin, &opts).map_err(BuildpackError::from));
    match result {
        Ok(report) => {
            output::sub_bullet(format!(
                "Downloaded {} and verified SHA-256 in {} ({} attempt{})",
                output::bytes(report.bytes),
                output::duration(report.elapsed),
                report.attempts,
                if report.attempts == 1 { "" } else { "s" }
            ));
            write_sboms(layer, artifact)
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(&bin);
            Err(e.into())
        }
    }
}

/// The tool layer's SBOMs (CycloneDX and SPDX) for `artifact`.
fn write_sboms<B, MAC, RAC>(layer: &LayerRef<B, MAC, RAC>, artifact: &ResolvedArtifact) -> libcnb::Result<(), BuildpackError>
where
    B: Buildpack<Error = BuildpackError>,
{
    layer.write_sboms(&sbom::sboms(&sbom::tool_layer(artifact), std::time::SystemTime::now()).map_err(BuildpackError::from)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(version: &str) -> ToolLayerMetadata {
        ToolLayerMetadata { tool: "dbmate".into(), version: version.into(), sha256: "ab".repeat(32), arch: "amd64".into() }
    }

    #[test]
    fn identical_metadata_has_no_changes() {
        assert!(md("2.35.0").changes_from(&md("2.35.0")).is_empty());
    }

    #[test]
    fn changes_are_named() {
        let mut new = md("2.36.0");
        new.sha256 = "cd".repeat(32);
        let changes = new.changes_from(&md("2.35.0"));
        assert_eq!(changes.len(), 2);
        assert!(changes[0].starts_with("version (2.35.0 → 2.36.0)"));
        assert!(changes[1].starts_with("SHA-256"));
    }

    #[test]
    fn legacy_metadata_keeps_its_identity_and_drops_the_url() {
        let old: toml::Table = toml::from_str(&format!(
            "tool = \"dbmate\"\nversion = \"2.35.0\"\nurl = \"https://u:s3cret@mirror/x\"\nsha256 = \"{}\"\narch = \"amd64\"\n",
            "ab".repeat(32)
        ))
        .unwrap();
        let migrated = ToolLayerMetadata::from_legacy(&old).unwrap();
        assert_eq!(migrated, md("2.35.0"));
        assert!(!toml::to_string(&migrated).unwrap().contains("s3cret"));
        // The current format, or anything else, is not legacy.
        assert_eq!(ToolLayerMetadata::from_legacy(&toml::Table::try_from(md("2.35.0")).unwrap()), None);
        assert_eq!(ToolLayerMetadata::from_legacy(&toml::Table::new()), None);
    }
}

#[cfg(test)]
mod layer_tests {
    use super::*;
    use crate::install::ArtifactFormat;
    use crate::layers::test_context::build_context;
    use crate::tool_kind::ToolKind;
    use testkit::http::{Behavior, Server};

    fn artifact(server: &Server, path: &str, body: &[u8]) -> ResolvedArtifact {
        use sha2::Digest;
        ResolvedArtifact {
            tool: ToolKind::Dbmate,
            version: "custom".into(),
            url: server.url(path).into(),
            sha256: hex::encode(sha2::Sha256::digest(body)),
            format: ArtifactFormat::Binary,
            arch: "amd64".into(),
            license: None,
            custom: true,
        }
    }

    /// A build whose tool layer was just installed from `/a` of its own server (one request).
    struct Installed {
        _root: tempfile::TempDir,
        ctx: libcnb::build::BuildContext<crate::layers::test_context::TestBuildpack>,
        server: Server,
        body: Vec<u8>,
        a: ResolvedArtifact,
    }

    fn installed() -> Installed {
        let root = tempfile::tempdir().unwrap();
        let ctx = build_context(root.path());
        let server = Server::start();
        let body = b"#!/bin/sh\necho fake dbmate\n".to_vec();
        server.route("/a", Behavior::ok(body.clone()));
        let a = artifact(&server, "/a", &body);
        assert!(!handle(&ctx, &a, None).unwrap(), "first install is not a reuse");
        Installed { _root: root, ctx, server, body, a }
    }

    #[test]
    fn installs_once_reuses_whatever_the_url_then_reinstalls_a_new_sha256() {
        let Installed { _root, ctx, server, body, a } = installed();
        let newer = b"#!/bin/sh\necho fake dbmate 2\n".to_vec();
        server.route("/b", Behavior::ok(body.clone()));
        server.route("/c", Behavior::ok(newer.clone()));
        let bin = ctx.layers_dir.join("tool/bin/dbmate");
        assert_eq!(std::fs::read(&bin).unwrap(), body);
        let toml = std::fs::read_to_string(ctx.layers_dir.join("tool.toml")).unwrap();
        assert!(toml.contains(&a.sha256), "{toml}");
        assert!(!toml.contains("127.0.0.1") && !toml.contains("url"), "the URL is not stored: {toml}");

        let sbom = ctx.layers_dir.join("tool.sbom.cdx.json");
        assert!(crate::layers::has_sboms(&ctx.layers_dir, "tool"));
        let first_sbom = std::fs::read_to_string(&sbom).unwrap();
        assert!(first_sbom.contains(&a.sha256), "{first_sbom}");

        assert!(handle(&ctx, &a, None).unwrap(), "same artifact: reused");
        assert_eq!(server.requests(), 1, "a reuse makes no request");
        assert_eq!(std::fs::read_to_string(&sbom).unwrap(), first_sbom, "a reused layer keeps its SBOM");

        // Another URL (a moved mirror, a rotated token in the query), same bytes: still reused.
        let mut b = artifact(&server, "/b", &body);
        b.url = format!("{}?token=rotated", server.url("/b")).into();
        assert!(handle(&ctx, &b, None).unwrap(), "same SHA-256 elsewhere: reused");
        assert_eq!(server.requests(), 1);

        let c = artifact(&server, "/c", &newer);
        assert!(!handle(&ctx, &c, None).unwrap(), "new SHA-256: reinstalled");
        assert_eq!(server.requests_for("/c"), 1);
        assert_eq!(std::fs::read(&bin).unwrap(), newer);
        assert!(std::fs::read_to_string(&sbom).unwrap().contains(&c.sha256), "a new artifact gets a new SBOM");
    }

    #[test]
    fn metadata_of_an_earlier_version_is_migrated_without_its_url() {
        let Installed { _root, ctx, server, a, .. } = installed();
        // What buildpack 0.1.0 wrote (and the lifecycle restores, without [types]).
        let legacy = format!(
            "[metadata]\ntool = \"dbmate\"\nversion = \"custom\"\nurl = \"http://ci:s3cret@127.0.0.1:1/a\"\nsha256 = \"{}\"\narch = \"amd64\"\n",
            a.sha256
        );
        std::fs::write(ctx.layers_dir.join("tool.toml"), legacy).unwrap();
        for ext in ["cdx.json", "spdx.json"] {
            std::fs::remove_file(ctx.layers_dir.join(format!("tool.sbom.{ext}"))).unwrap();
        }
        assert!(handle(&ctx, &a, None).unwrap(), "same identity: reused after the migration");
        assert!(crate::layers::has_sboms(&ctx.layers_dir, "tool"), "a layer from 0.1.0 gets its SBOMs");
        assert_eq!(server.requests(), 1);
        let toml = std::fs::read_to_string(ctx.layers_dir.join("tool.toml")).unwrap();
        assert!(!toml.contains("s3cret") && !toml.contains("url"), "{toml}");
        assert!(toml.contains(&a.sha256), "{toml}");
    }

    #[test]
    fn a_cached_layer_without_its_executable_is_installed_again() {
        let Installed { _root, ctx, server, body, a } = installed();
        let bin = ctx.layers_dir.join("tool/bin/dbmate");
        std::fs::remove_file(&bin).unwrap();
        assert!(!handle(&ctx, &a, None).unwrap(), "same metadata, executable gone: installed again, not reused");
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
        a.url = server.url("/x").into();
        assert!(handle(&ctx, &a, None).is_err());
        assert!(!ctx.layers_dir.join("tool/bin").exists());
        // The next build sees no valid metadata and installs again.
        server.route("/x", Behavior::ok(b"original".to_vec()));
        assert!(!handle(&ctx, &a, None).unwrap());
        assert_eq!(server.requests(), 2);
    }
}
