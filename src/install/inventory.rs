//! The built-in inventory (`inventory.toml`, libherokubuildpack's `[[artifacts]]`
//! format) and version resolution per tool and architecture.

use std::str::FromStr;

use libherokubuildpack::inventory::Inventory;
use libherokubuildpack::inventory::artifact::{Arch, Artifact, Os};
use libherokubuildpack::inventory::version::ArtifactRequirement;
use semver::{Version, VersionReq};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use super::{ArtifactFormat, InstallError, ResolvedArtifact};
use crate::redact::SecretUrl;
use crate::tool_kind::ToolKind;

const INVENTORY_TOML: &str = include_str!("../../inventory.toml");

/// `[artifacts.metadata]` of each inventory entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArtifactMetadata {
    pub tool: ToolKind,
    pub format: ArtifactFormat,
    /// The tool's licence, an SPDX expression (for the tool layer's SBOM).
    pub license: String,
}

pub type ToolInventory = Inventory<Version, Sha256, ArtifactMetadata>;
pub type ToolArtifact = Artifact<Version, Sha256, ArtifactMetadata>;

/// Parses the inventory compiled into the buildpack.
pub fn inventory() -> Result<ToolInventory, InstallError> {
    ToolInventory::from_str(INVENTORY_TOML).map_err(|e| InstallError::Inventory { reason: e.to_string() })
}

/// Version requirement restricted to one tool (the metadata part).
struct ToolRequirement<'a> {
    tool: ToolKind,
    version: &'a VersionReq,
}

impl ArtifactRequirement<Version, ArtifactMetadata> for ToolRequirement<'_> {
    fn satisfies_metadata(&self, metadata: &ArtifactMetadata) -> bool {
        metadata.tool == self.tool
    }

    fn satisfies_version(&self, version: &Version) -> bool {
        self.version.matches(version)
    }
}

/// Normalises an architecture (`amd64`/`x86_64`, `arm64`/`aarch64`).
pub(crate) fn parse_arch(arch: &str) -> Result<Arch, InstallError> {
    Arch::from_str(arch.trim()).map_err(|_| InstallError::UnsupportedArch { arch: arch.to_string() })
}

/// Parses a requirement such as `4.19`, `^2.30`, `=2.35.0` or `>=4.17, <4.19`
/// (Cargo semantics: a bare version means `^`). A leading `v` is tolerated.
fn parse_requirement(requirement: &str) -> Result<VersionReq, InstallError> {
    let trimmed = requirement.trim();
    let text = trimmed.strip_prefix('v').or_else(|| trimmed.strip_prefix('V')).unwrap_or(trimmed);
    // A full version written bare (`4.19.1`) means exactly that version, as users
    // expect of a pin; partial (`4.19`) and operator forms keep semver's meaning.
    let exact;
    let text = if Version::parse(text).is_ok() {
        exact = format!("={text}");
        exact.as_str()
    } else {
        text
    };
    VersionReq::parse(text).map_err(|e| InstallError::InvalidRequirement { requirement: requirement.to_string(), reason: e.to_string() })
}

fn to_resolved(artifact: &ToolArtifact) -> ResolvedArtifact {
    ResolvedArtifact {
        tool: artifact.metadata.tool,
        version: artifact.version.to_string(),
        url: SecretUrl::new(artifact.url.clone()),
        sha256: hex::encode(&artifact.checksum.value),
        format: artifact.metadata.format,
        arch: artifact.arch.to_string(),
        license: Some(artifact.metadata.license.clone()),
        custom: false,
    }
}

/// Versions of `tool` listed for `arch`, newest first.
pub fn available_versions(inventory: &ToolInventory, tool: ToolKind, arch: Arch) -> Vec<Version> {
    let mut versions: Vec<Version> = inventory
        .artifacts
        .iter()
        .filter(|a| a.os == Os::Linux && a.arch == arch && a.metadata.tool == tool)
        .map(|a| a.version.clone())
        .collect();
    versions.sort_by(|a, b| b.cmp(a));
    versions.dedup();
    versions
}

/// Picks the newest inventory artifact of `tool` for `arch` (`amd64`/`arm64`)
/// satisfying `requirement` (`BP_MIGRATIONS_TOOL_VERSION`; `None`, empty or
/// `latest` = newest).
pub fn resolve(tool: ToolKind, arch: &str, requirement: Option<&str>) -> Result<ResolvedArtifact, InstallError> {
    let arch = parse_arch(arch)?;
    let requirement = requirement.map(str::trim).filter(|r| !r.is_empty() && !r.eq_ignore_ascii_case("latest"));
    let version_req = match requirement {
        Some(r) => parse_requirement(r)?,
        None => VersionReq::STAR,
    };
    let inventory = inventory()?;
    let wanted = ToolRequirement { tool, version: &version_req };
    match inventory.resolve(Os::Linux, arch, &wanted) {
        Some(artifact) => Ok(to_resolved(artifact)),
        None => Err(InstallError::NoMatchingVersion {
            tool,
            arch: arch.to_string(),
            requirement: requirement.unwrap_or("*").to_string(),
            available: available_versions(&inventory, tool, arch).iter().map(Version::to_string).collect(),
        }),
    }
}

/// A newer version of `artifact`'s tool that the inventory lists for other
/// architectures only (it matches the same `requirement`), with those
/// architectures; `None` when `artifact` is already the newest matching
/// version anywhere or is a custom artifact. For dbmate on arm64 this is
/// 2.36.0 on amd64: its arm64 build has no published checksum, so arm64
/// falls back to 2.35.0, and the build says so.
pub fn newer_on_other_arch(artifact: &ResolvedArtifact, requirement: Option<&str>) -> Result<Option<(Version, Vec<String>)>, InstallError> {
    if artifact.custom {
        return Ok(None);
    }
    let chosen = Version::parse(&artifact.version)
        .map_err(|e| InstallError::Inventory { reason: format!("version `{}`: {e}", artifact.version) })?;
    let requirement = requirement.map(str::trim).filter(|r| !r.is_empty() && !r.eq_ignore_ascii_case("latest"));
    let version_req = match requirement {
        Some(r) => parse_requirement(r)?,
        None => VersionReq::STAR,
    };
    let inventory = inventory()?;
    let newer: Vec<&ToolArtifact> = inventory
        .artifacts
        .iter()
        .filter(|a| a.os == Os::Linux && a.metadata.tool == artifact.tool && a.version > chosen && version_req.matches(&a.version))
        .collect();
    let Some(newest) = newer.iter().map(|a| &a.version).max() else {
        return Ok(None);
    };
    let mut arches: Vec<String> = newer.iter().filter(|a| &a.version == newest).map(|a| a.arch.to_string()).collect();
    arches.sort();
    arches.dedup();
    Ok(Some((newest.clone(), arches)))
}

/// Validates `sha256` (64 hex characters, optional `sha256:` prefix) and
/// returns it in lowercase.
pub(crate) fn parse_sha256(sha256: &str) -> Result<String, InstallError> {
    let trimmed = sha256.trim();
    let hex_part = match trimmed.get(..7) {
        Some(prefix) if prefix.eq_ignore_ascii_case("sha256:") => &trimmed[7..],
        _ => trimmed,
    };
    if hex_part.len() == 64 && hex_part.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(hex_part.to_ascii_lowercase())
    } else {
        Err(InstallError::InvalidChecksum { value: sha256.to_string() })
    }
}

/// An artifact from `BP_MIGRATIONS_TOOL_URL` + `BP_MIGRATIONS_TOOL_SHA256`.
/// The format follows the URL path: `.tar.gz`/`.tgz` → tar.gz, anything else → a
/// bare executable. The version is `"custom"`.
pub fn custom(tool: ToolKind, arch: &str, url: &str, sha256: &str) -> Result<ResolvedArtifact, InstallError> {
    let arch = parse_arch(arch)?;
    let url = SecretUrl::new(url.trim());
    let invalid = |reason: String| InstallError::InvalidUrl { url: url.masked(), reason: mask_secrets(&reason, &url) };
    let parsed = url::Url::parse(url.expose()).map_err(|e| invalid(e.to_string()))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(invalid(format!("scheme `{}` is not http or https", parsed.scheme())));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(invalid("no host".to_string()));
    }
    let sha256 = parse_sha256(sha256)?;
    let path = parsed.path().to_ascii_lowercase();
    let format = if path.ends_with(".tar.gz") || path.ends_with(".tgz") { ArtifactFormat::TarGz } else { ArtifactFormat::Binary };
    Ok(ResolvedArtifact { tool, version: "custom".to_string(), url, sha256, format, arch: arch.to_string(), license: None, custom: true })
}

/// `text` with `url`'s credentials masked.
fn mask_secrets(text: &str, url: &SecretUrl) -> String {
    let secrets = url.secrets();
    crate::redact::mask_secrets(text, secrets.iter().map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GM_PREFIX: &str = "https://github.com/golang-migrate/migrate/releases/download/v";
    const DBMATE_PREFIX: &str = "https://github.com/amacneil/dbmate/releases/download/v";

    #[test]
    fn inventory_parses_and_every_entry_is_well_formed() {
        let inv = inventory().unwrap();
        assert!(inv.artifacts.len() >= 20);
        for a in &inv.artifacts {
            let hex = hex::encode(&a.checksum.value);
            assert_eq!(a.checksum.name, "sha256");
            assert_eq!(hex.len(), 64, "{}", a.url);
            assert_eq!(a.os, Os::Linux);
            let expected_url = match a.metadata.tool {
                ToolKind::GolangMigrate => {
                    format!("{GM_PREFIX}{}/migrate.linux-{}.tar.gz", a.version, a.arch)
                }
                ToolKind::Dbmate => format!("{DBMATE_PREFIX}{}/dbmate-linux-{}", a.version, a.arch),
            };
            assert_eq!(a.url, expected_url);
            let expected_format = match a.metadata.tool {
                ToolKind::GolangMigrate => ArtifactFormat::TarGz,
                ToolKind::Dbmate => ArtifactFormat::Binary,
            };
            assert_eq!(a.metadata.format, expected_format, "{}", a.url);
            // Both tools are MIT-licensed (their repositories' LICENSE files).
            assert_eq!(a.metadata.license, "MIT", "{}", a.url);
        }
        // No duplicate (tool, version, arch).
        let mut keys: Vec<_> = inv.artifacts.iter().map(|a| (a.metadata.tool.name(), a.version.clone(), a.arch.to_string())).collect();
        let before = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), before);
        // Same checksum never used twice.
        let mut sums: Vec<_> = inv.artifacts.iter().map(|a| a.checksum.value.clone()).collect();
        sums.sort();
        sums.dedup();
        assert_eq!(sums.len(), before);
    }

    #[test]
    fn inventory_is_newest_first_per_tool_and_arch() {
        let inv = inventory().unwrap();
        for tool in ToolKind::ALL {
            for arch in [Arch::Amd64, Arch::Arm64] {
                let listed: Vec<Version> =
                    inv.artifacts.iter().filter(|a| a.metadata.tool == tool && a.arch == arch).map(|a| a.version.clone()).collect();
                assert!(!listed.is_empty());
                assert_eq!(listed, available_versions(&inv, tool, arch));
            }
        }
    }

    #[test]
    fn known_figures_are_present() {
        let r = resolve(ToolKind::GolangMigrate, "amd64", Some("=4.19.1")).unwrap();
        assert_eq!(r.sha256, "2ac648fbd1b127b69ab5a7b33cf96212178f71e22379fc50573630c6f4c7ce18");
        let r = resolve(ToolKind::Dbmate, "arm64", Some("=2.35.0")).unwrap();
        assert_eq!(r.sha256, "9aac97323334c252bc1ea7d49f3fcb67ae54636b4af6f9045b8d229027c564d6");
    }

    #[test]
    fn resolves_newest_per_arch() {
        let gm = resolve(ToolKind::GolangMigrate, "amd64", None).unwrap();
        assert_eq!(gm.version, "4.20.1");
        assert_eq!(gm.format, ArtifactFormat::TarGz);
        assert_eq!(gm.arch, "amd64");
        assert!(!gm.custom);
        assert_eq!(resolve(ToolKind::GolangMigrate, "aarch64", None).unwrap().arch, "arm64");

        let amd = resolve(ToolKind::Dbmate, "amd64", None).unwrap();
        assert_eq!(amd.version, "2.36.0");
        assert_eq!(amd.format, ArtifactFormat::Binary);
        assert_eq!(amd.url.expose(), "https://github.com/amacneil/dbmate/releases/download/v2.36.0/dbmate-linux-amd64");
        // 2.36.0 has no known arm64 checksum.
        let arm = resolve(ToolKind::Dbmate, "arm64", None).unwrap();
        assert_eq!(arm.version, "2.35.0");
        assert!(arm.url.expose().ends_with("/v2.35.0/dbmate-linux-arm64"));
        assert_eq!(resolve(ToolKind::Dbmate, "x86_64", Some("  latest ")).unwrap().version, "2.36.0");
        assert_eq!(resolve(ToolKind::Dbmate, "amd64", Some("")).unwrap().version, "2.36.0");
    }

    #[test]
    fn a_newer_version_listed_only_for_another_arch_is_named() {
        let arm = resolve(ToolKind::Dbmate, "arm64", None).unwrap();
        let (newer, arches) = newer_on_other_arch(&arm, None).unwrap().expect("2.36.0 is amd64-only");
        assert_eq!(newer.to_string(), "2.36.0");
        assert_eq!(arches, ["amd64"]);
        // The same with a requirement that 2.36.0 satisfies, and not with one it does not.
        let arm = resolve(ToolKind::Dbmate, "arm64", Some("^2.30")).unwrap();
        assert_eq!(newer_on_other_arch(&arm, Some("^2.30")).unwrap().unwrap().0.to_string(), "2.36.0");
        let pinned = resolve(ToolKind::Dbmate, "arm64", Some("=2.34.1")).unwrap();
        assert_eq!(newer_on_other_arch(&pinned, Some("=2.34.1")).unwrap(), None);
        // Nothing to say where the architecture has the newest version.
        for (tool, arch) in [(ToolKind::Dbmate, "amd64"), (ToolKind::GolangMigrate, "arm64"), (ToolKind::GolangMigrate, "amd64")] {
            let a = resolve(tool, arch, None).unwrap();
            assert_eq!(newer_on_other_arch(&a, None).unwrap(), None, "{tool} {arch}");
        }
        let c = custom(ToolKind::Dbmate, "arm64", "https://mirror.local/dbmate", &"a".repeat(64)).unwrap();
        assert_eq!(newer_on_other_arch(&c, None).unwrap(), None);
    }

    #[test]
    fn requirement_matching() {
        let v = |tool, arch, req| resolve(tool, arch, Some(req)).unwrap().version;
        assert_eq!(v(ToolKind::GolangMigrate, "amd64", "4.19"), "4.20.1"); // caret
        assert_eq!(v(ToolKind::GolangMigrate, "amd64", "~4.18"), "4.18.3");
        assert_eq!(v(ToolKind::GolangMigrate, "amd64", "=4.18.2"), "4.18.2");
        // A full version written bare is an exact pin.
        assert_eq!(v(ToolKind::GolangMigrate, "amd64", "v4.17.0"), "4.17.0");
        assert_eq!(v(ToolKind::GolangMigrate, "amd64", "4.19.1"), "4.19.1");
        assert_eq!(v(ToolKind::GolangMigrate, "amd64", ">=4.15, <4.18"), "4.17.1");
        assert_eq!(v(ToolKind::Dbmate, "amd64", "^2.30"), "2.36.0");
        assert_eq!(v(ToolKind::Dbmate, "arm64", "^2.30"), "2.35.0");
        assert_eq!(v(ToolKind::Dbmate, "amd64", "=2.35.0"), "2.35.0");
        assert_eq!(v(ToolKind::Dbmate, "arm64", "<2.34"), "2.33.0");
        // The tool filter matters: no dbmate is a 4.x, no golang-migrate a 2.x.
        assert!(resolve(ToolKind::Dbmate, "amd64", Some("4")).is_err());
    }

    #[test]
    fn no_match_lists_available_versions_for_that_tool_and_arch() {
        let err = resolve(ToolKind::Dbmate, "arm64", Some("=2.36.0")).unwrap_err();
        match &err {
            InstallError::NoMatchingVersion { tool, arch, requirement, available } => {
                assert_eq!(*tool, ToolKind::Dbmate);
                assert_eq!(arch, "arm64");
                assert_eq!(requirement, "=2.36.0");
                assert_eq!(available, &["2.35.0", "2.34.1", "2.33.0", "2.32.0"]);
            }
            other => panic!("unexpected {other:?}"),
        }
        let text = err.to_string();
        assert!(text.contains("2.35.0, 2.34.1"), "{text}");
        assert!(text.contains("=2.36.0"), "{text}");
    }

    #[test]
    fn bad_requirement_and_arch() {
        let err = resolve(ToolKind::GolangMigrate, "amd64", Some("four")).unwrap_err();
        assert!(matches!(&err, InstallError::InvalidRequirement { requirement, .. } if requirement == "four"));
        assert!(err.to_string().contains("=2.35.0"), "{err}");
        let err = resolve(ToolKind::GolangMigrate, "riscv64", None).unwrap_err();
        assert!(matches!(err, InstallError::UnsupportedArch { ref arch } if arch == "riscv64"));
    }

    #[test]
    fn custom_artifacts() {
        let sum = "AB".repeat(32);
        let c =
            custom(ToolKind::GolangMigrate, "amd64", "https://example.com/dl/migrate.linux-amd64.tar.gz?token=1", &format!("sha256:{sum}"))
                .unwrap();
        assert_eq!(c.sha256, "ab".repeat(32));
        assert_eq!(c.format, ArtifactFormat::TarGz);
        assert_eq!(c.version, "custom");
        assert!(c.custom);
        let c = custom(ToolKind::Dbmate, "arm64", "http://mirror.local/x.TGZ", &sum).unwrap();
        assert_eq!(c.format, ArtifactFormat::TarGz);
        let c = custom(ToolKind::Dbmate, "arm64", "https://mirror.local/dbmate", &sum).unwrap();
        assert_eq!(c.format, ArtifactFormat::Binary);

        for bad_sum in ["", "abc", &"g".repeat(64), &"a".repeat(63), &"a".repeat(65), "md5:abcd"] {
            let err = custom(ToolKind::Dbmate, "amd64", "https://x.example/d", bad_sum).unwrap_err();
            assert!(matches!(err, InstallError::InvalidChecksum { .. }), "{bad_sum}: {err:?}");
        }
        for bad_url in ["ftp://x.example/d", "x.example/d", "file:///tmp/d", ""] {
            let err = custom(ToolKind::Dbmate, "amd64", bad_url, &sum).unwrap_err();
            assert!(matches!(err, InstallError::InvalidUrl { .. }), "{bad_url}: {err:?}");
        }
    }
}
