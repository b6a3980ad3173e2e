//! Layer SBOMs for what the buildpack puts into the app image (issue 21): the
//! migration tool (`tool` layer) and the release runner with the crates
//! compiled into it (`runner` layer), each as CycloneDX 1.5 JSON (written
//! with `cyclonedx-bom`, CycloneDX's Rust model, validated by it before
//! writing) and SPDX 2.3 JSON (written with `serde-spdx`, a model generated
//! from the SPDX 2.3 JSON schema), the formats `buildpack.toml` declares in
//! `sbom-formats`. libcnb writes them as `<layers>/<layer>.sbom.cdx.json` and
//! `.sbom.spdx.json`; the lifecycle exports them with the image, where `pack
//! sbom download` reads them.
//!
//! Nothing secret is written: a download URL is always the masked one
//! ([`crate::redact`]).

pub mod crates;

use std::collections::BTreeMap;
use std::str::FromStr;
use std::time::SystemTime;

use cyclonedx_bom::models::component::Classification;
use cyclonedx_bom::models::dependency::{Dependencies, Dependency};
use cyclonedx_bom::models::external_reference::{ExternalReference, ExternalReferenceType, ExternalReferences};
use cyclonedx_bom::models::hash::{Hash, HashAlgorithm, HashValue, Hashes};
use cyclonedx_bom::models::license::{LicenseChoice, Licenses};
use cyclonedx_bom::models::property::{Properties, Property};
use cyclonedx_bom::models::tool::{Tool as CdxTool, Tools};
use cyclonedx_bom::prelude::*;
pub use libcnb::data::sbom::SbomFormat;
pub use libcnb::sbom::Sbom;
use serde_spdx::spdx::v_2_3 as spdx;

use crate::install::ResolvedArtifact;
pub use crates::{Crate, RunnerCrates};

/// Who writes these SBOMs (CycloneDX `metadata.tools`, SPDX `creators`).
pub const CREATOR: &str = "safemigrate/migrations";
/// The buildpack's repository, for its own package URL and the SPDX namespaces.
const HOMEPAGE: &str = "https://github.com/safemigrate/migrations-buildpack";
const REPOSITORY: &str = "safemigrate/migrations-buildpack";

/// The crates compiled into the runner, listed by `build.rs` when this buildpack was compiled.
const RUNNER_CRATES_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/runner-crates.json"));

#[derive(Debug, thiserror::Error)]
pub enum SbomError {
    #[error("the {format} SBOM does not validate: {reason}")]
    Invalid { format: &'static str, reason: String },
    #[error("the {format} SBOM could not be written: {reason}")]
    Write { format: &'static str, reason: String },
    #[error("the list of the runner's crates compiled into this buildpack is unreadable: {0}")]
    RunnerCrates(String),
}

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An executable (the tool, the runner).
    Application,
    /// A crate linked into the runner.
    Library,
}

/// One thing an SBOM lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Unique within the document (CycloneDX `bom-ref`).
    pub id: String,
    pub kind: Kind,
    pub name: String,
    pub version: String,
    pub description: Option<String>,
    pub purl: Option<String>,
    /// An SPDX licence expression.
    pub license: Option<String>,
    /// Lowercase hex.
    pub sha256: Option<String>,
    /// Where it was (or is) downloaded from; always masked.
    pub download: Option<String>,
    pub properties: Vec<(String, String)>,
    /// Ids of the items it depends on.
    pub depends_on: Vec<String>,
}

/// The items of one layer's SBOM; `roots` are what the layer holds directly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// What the document describes (`tool layer: dbmate 2.36.0`).
    pub name: String,
    pub roots: Vec<String>,
    pub items: Vec<Item>,
}

/// The tool layer: the installed tool, described with what is known about it.
/// An inventory artifact has its version, licence and package URL; a custom
/// one (`BP_MIGRATIONS_TOOL_URL`) only its (masked) URL and SHA-256, and says so.
pub fn tool_layer(artifact: &ResolvedArtifact) -> Document {
    let name = artifact.tool.name().to_string();
    let source = if artifact.custom { "custom (BP_MIGRATIONS_TOOL_URL)" } else { "inventory" };
    let description = if artifact.custom {
        format!(
            "{name} from a custom artifact (BP_MIGRATIONS_TOOL_URL): only its download URL and SHA-256 are known; \
             the SHA-256 was verified at install"
        )
    } else {
        format!(
            "{name} {} for linux-{} from the buildpack's inventory; the SHA-256 was verified at install",
            artifact.version, artifact.arch
        )
    };
    let item = Item {
        id: format!("tool-{name}"),
        kind: Kind::Application,
        name,
        version: artifact.version.clone(),
        description: Some(description),
        purl: artifact.purl(),
        license: artifact.license.clone(),
        sha256: Some(artifact.sha256.clone()),
        download: Some(artifact.url.masked()),
        properties: vec![
            ("safemigrate:source".into(), source.into()),
            ("safemigrate:architecture".into(), artifact.arch.clone()),
            ("safemigrate:executable".into(), format!("bin/{}", artifact.tool.executable())),
        ],
        depends_on: Vec::new(),
    };
    Document { name: format!("tool layer: {} {}", artifact.tool, artifact.version), roots: vec![item.id.clone()], items: vec![item] }
}

/// The crates compiled into this buildpack's runner (see `build.rs`).
pub fn runner_crates() -> Result<RunnerCrates, SbomError> {
    serde_json::from_str(RUNNER_CRATES_JSON).map_err(|e| SbomError::RunnerCrates(e.to_string()))
}

/// The runner layer: the `migrations` executable (with the SHA-256 of the
/// file in the layer, when given) and every crate compiled into it.
pub fn runner_layer(runner: &RunnerCrates, executable: &str, runner_sha256: Option<String>) -> Document {
    let package = &runner.package;
    let root = Item {
        id: package.id.clone(),
        kind: Kind::Application,
        name: executable.to_string(),
        version: package.version.clone(),
        description: Some(format!(
            "the release runner of the {CREATOR} buildpack (crate {} {}, built for {})",
            package.name, package.version, runner.target
        )),
        purl: Some(format!("pkg:github/{REPOSITORY}@v{}", package.version)),
        license: package.license.clone(),
        sha256: runner_sha256,
        download: None,
        properties: vec![("safemigrate:target".into(), runner.target.clone())],
        depends_on: package.deps.clone(),
    };
    let crates = runner.crates.iter().map(|c| {
        let crates_io = c.source == "crates.io";
        Item {
            id: c.id.clone(),
            kind: Kind::Library,
            name: c.name.clone(),
            version: c.version.clone(),
            description: None,
            purl: crates_io.then(|| format!("pkg:cargo/{}@{}", c.name, c.version)),
            license: c.license.clone(),
            sha256: c.sha256.clone(),
            download: crates_io.then(|| format!("https://crates.io/api/v1/crates/{}/{}/download", c.name, c.version)),
            properties: Vec::new(),
            depends_on: c.deps.clone(),
        }
    });
    Document {
        name: format!("runner layer: {executable} {}", package.version),
        roots: vec![root.id.clone()],
        items: std::iter::once(root).chain(crates).collect(),
    }
}

/// `2024-05-01T12:00:00Z`: what both formats accept.
fn timestamp(at: SystemTime) -> String {
    humantime::format_rfc3339_seconds(at).to_string()
}

/// Both SBOMs of `doc`, created `at`, for `LayerRef::write_sboms`.
pub fn sboms(doc: &Document, at: SystemTime) -> Result<Vec<Sbom>, SbomError> {
    let created = timestamp(at);
    Ok(vec![
        Sbom::from_bytes(SbomFormat::CycloneDxJson, cyclonedx(doc, &created)?),
        Sbom::from_bytes(SbomFormat::SpdxJson, spdx(doc, &created)?),
    ])
}

/// CycloneDX 1.5 JSON.
pub fn cyclonedx(doc: &Document, created: &str) -> Result<Vec<u8>, SbomError> {
    let invalid = |reason: String| SbomError::Invalid { format: "CycloneDX", reason };
    let metadata = Metadata {
        timestamp: Some(DateTime::try_from(created.to_string()).map_err(|e| invalid(e.to_string()))?),
        tools: Some(Tools::List(vec![CdxTool {
            vendor: Some(NormalizedString::new("safemigrate")),
            name: Some(NormalizedString::new(CREATOR)),
            version: Some(NormalizedString::new(env!("CARGO_PKG_VERSION"))),
            hashes: None,
            external_references: None,
        }])),
        properties: Some(Properties(vec![Property::new("safemigrate:describes", &doc.name)])),
        ..Metadata::default()
    };
    let components = doc
        .items
        .iter()
        .map(|item| {
            let kind = match item.kind {
                Kind::Application => Classification::Application,
                Kind::Library => Classification::Library,
            };
            let mut c = Component::new(kind, &item.name, &item.version, Some(item.id.clone()));
            c.description = item.description.as_deref().map(NormalizedString::new);
            c.purl = item.purl.as_deref().map(|p| Purl::from_str(p).expect("infallible"));
            c.licenses = item.license.as_deref().map(|l| Licenses(vec![LicenseChoice::Expression(SpdxExpression::new(l))]));
            c.hashes = item.sha256.as_ref().map(|sha| Hashes(vec![Hash { alg: HashAlgorithm::SHA_256, content: HashValue(sha.clone()) }]));
            c.external_references = item
                .download
                .as_deref()
                .map(|url| ExternalReferences(vec![ExternalReference::new(ExternalReferenceType::Distribution, Uri::new(url))]));
            if !item.properties.is_empty() {
                c.properties = Some(Properties(item.properties.iter().map(|(k, v)| Property::new(k, v)).collect()));
            }
            c
        })
        .collect();
    // `Bom::default()` gives version 1 and a random serial number.
    let bom = Bom {
        metadata: Some(metadata),
        components: Some(Components(components)),
        dependencies: Some(Dependencies(
            doc.items.iter().map(|item| Dependency { dependency_ref: item.id.clone(), dependencies: item.depends_on.clone() }).collect(),
        )),
        ..Bom::default()
    };
    let result = bom.validate_version(SpecVersion::V1_5);
    if !result.passed() {
        return Err(invalid(format!("{result:?}")));
    }
    let mut out = Vec::new();
    bom.output_as_json_v1_5(&mut out).map_err(|e| SbomError::Write { format: "CycloneDX", reason: e.to_string() })?;
    Ok(out)
}

/// `s` with every character but ASCII letters, digits and `.` replaced by `-` (what SPDX ids
/// allow after `SPDXRef-`).
fn spdx_safe(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' { c } else { '-' }).collect()
}

/// An SPDX id for `item` (`SPDXRef-` and letters, digits, `.`, `-` only).
fn spdx_id(index: usize, item: &Item) -> String {
    format!("SPDXRef-Package-{index}-{}", spdx_safe(&format!("{}-{}", item.name, item.version)))
}

/// SPDX 2.3 JSON.
pub fn spdx(doc: &Document, created: &str) -> Result<Vec<u8>, SbomError> {
    let ids: BTreeMap<&str, String> = doc.items.iter().enumerate().map(|(i, item)| (item.id.as_str(), spdx_id(i, item))).collect();
    let packages = doc.items.iter().map(|item| spdx_package(item, ids[item.id.as_str()].clone())).collect();
    let document = spdx::Spdx {
        spdxid: "SPDXRef-DOCUMENT".into(),
        spdx_version: "SPDX-2.3".into(),
        data_license: "CC0-1.0".into(),
        name: doc.name.clone(),
        document_namespace: spdx_namespace(doc, created),
        creation_info: spdx::SpdxCreationInfo {
            comment: None,
            created: created.to_string(),
            creators: vec![format!("Tool: {CREATOR}-{}", env!("CARGO_PKG_VERSION"))],
            license_list_version: None,
        },
        packages: Some(packages),
        relationships: Some(spdx_relationships(doc, &ids)),
        annotations: None,
        comment: None,
        document_describes: None,
        external_document_refs: None,
        files: None,
        has_extracted_licensing_infos: None,
        revieweds: None,
        snippets: None,
    };
    serde_json::to_vec_pretty(&document).map_err(|e| SbomError::Write { format: "SPDX", reason: e.to_string() })
}

/// A document namespace unique per document: what it describes, when, and a digest of its items.
fn spdx_namespace(doc: &Document, created: &str) -> String {
    let digest = {
        use sha2::Digest;
        let mut hasher = sha2::Sha256::new();
        for item in &doc.items {
            hasher.update(format!("{item:?}\n"));
        }
        hex::encode(&hasher.finalize()[..8])
    };
    format!("{HOMEPAGE}/sbom/{}-{created}-{digest}", spdx_safe(&doc.name))
}

/// `item` as an SPDX package with the id `spdxid`.
fn spdx_package(item: &Item, spdxid: String) -> spdx::SpdxItemPackages {
    let noassertion = || "NOASSERTION".to_string();
    let mut comment = Vec::new();
    if let Some(d) = &item.description {
        comment.push(d.clone());
    }
    comment.extend(item.properties.iter().map(|(k, v)| format!("{k}: {v}")));
    spdx::SpdxItemPackages {
        spdxid,
        name: item.name.clone(),
        version_info: Some(item.version.clone()),
        download_location: item.download.clone().unwrap_or_else(noassertion),
        files_analyzed: Some(false),
        license_concluded: Some(noassertion()),
        license_declared: Some(item.license.clone().unwrap_or_else(noassertion)),
        copyright_text: Some(noassertion()),
        checksums: item
            .sha256
            .as_ref()
            .map(|sha| vec![spdx::SpdxItemPackagesItemChecksums { algorithm: "SHA256".into(), checksum_value: sha.clone() }]),
        external_refs: item.purl.as_ref().map(|purl| {
            vec![spdx::SpdxItemPackagesItemExternalRefs {
                comment: None,
                reference_category: "PACKAGE-MANAGER".into(),
                reference_locator: purl.clone(),
                reference_type: "purl".into(),
            }]
        }),
        primary_package_purpose: Some(
            match item.kind {
                Kind::Application => "APPLICATION",
                Kind::Library => "LIBRARY",
            }
            .into(),
        ),
        comment: (!comment.is_empty()).then(|| comment.join("; ")),
        annotations: None,
        attribution_texts: None,
        built_date: None,
        description: None,
        has_files: None,
        homepage: None,
        license_comments: None,
        license_info_from_files: None,
        originator: None,
        package_file_name: None,
        package_verification_code: None,
        release_date: None,
        source_info: None,
        summary: None,
        supplier: None,
        valid_until_date: None,
    }
}

/// What the document describes (its roots), and what each item depends on.
fn spdx_relationships(doc: &Document, ids: &BTreeMap<&str, String>) -> Vec<spdx::SpdxItemRelationships> {
    let relationship = |from: &str, kind: &str, to: &str| spdx::SpdxItemRelationships {
        comment: None,
        related_spdx_element: to.to_string(),
        relationship_type: kind.to_string(),
        spdx_element_id: from.to_string(),
    };
    let mut relationships: Vec<_> =
        doc.roots.iter().filter_map(|root| ids.get(root.as_str())).map(|to| relationship("SPDXRef-DOCUMENT", "DESCRIBES", to)).collect();
    for item in &doc.items {
        for dep in &item.depends_on {
            if let Some(to) = ids.get(dep.as_str()) {
                relationships.push(relationship(&ids[item.id.as_str()], "DEPENDS_ON", to));
            }
        }
    }
    relationships
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::install::{custom, resolve};
    use crate::tool_kind::ToolKind;

    #[test]
    fn the_runner_crate_list_compiled_in_is_readable_and_complete() {
        let runner = runner_crates().unwrap();
        assert_eq!(runner.package.name, env!("CARGO_PKG_NAME"));
        assert_eq!(runner.package.version, env!("CARGO_PKG_VERSION"));
        assert!(runner.crates.len() > 50, "{}", runner.crates.len());
        for name in ["postgres", "ureq", "rustls", "libcnb", "serde"] {
            assert!(runner.crates.iter().any(|c| c.name == name), "{name} is compiled into the runner");
        }
        // Proc macros run in the compiler, dev-dependencies are not built into it.
        for name in ["serde_derive", "thiserror-impl", "proptest", "testkit", "libcnb-test"] {
            assert!(!runner.crates.iter().any(|c| c.name == name), "{name} is not linked into the runner");
        }
        for c in &runner.crates {
            assert_eq!(c.source, "crates.io", "{c:?}");
            assert_eq!(c.sha256.as_ref().map(String::len), Some(64), "{c:?}");
        }
    }

    #[test]
    fn documents_serialise_and_the_cyclonedx_one_validates() {
        let artifact = resolve(ToolKind::GolangMigrate, "amd64", Some("=4.19.1")).unwrap();
        let doc = tool_layer(&artifact);
        assert_eq!(doc.items[0].purl.as_deref(), Some("pkg:github/golang-migrate/migrate@v4.19.1"));
        let created = "2024-05-01T12:00:00Z";
        let cdx: serde_json::Value = serde_json::from_slice(&cyclonedx(&doc, created).unwrap()).unwrap();
        assert_eq!(cdx["specVersion"], "1.5");
        assert_eq!(cdx["components"][0]["hashes"][0]["content"], artifact.sha256.as_str());
        let spdx_doc: serde_json::Value = serde_json::from_slice(&spdx(&doc, created).unwrap()).unwrap();
        assert_eq!(spdx_doc["spdxVersion"], "SPDX-2.3");
        assert_eq!(spdx_doc["packages"][0]["licenseDeclared"], "MIT");

        let runner = runner_crates().unwrap();
        let doc = runner_layer(&runner, "migrations", Some("ab".repeat(32)));
        assert_eq!(doc.items.len(), runner.crates.len() + 1);
        cyclonedx(&doc, created).unwrap();
        spdx(&doc, created).unwrap();
    }

    #[test]
    fn a_custom_artifact_is_described_with_what_is_known_and_no_secret() {
        let c = custom(ToolKind::Dbmate, "amd64", "https://ci:s3cret@mirror.example.com/dbmate?token=t0k", &"ab".repeat(32)).unwrap();
        let doc = tool_layer(&c);
        let item = &doc.items[0];
        assert_eq!((item.version.as_str(), item.purl.as_deref(), item.license.as_deref()), ("custom", None, None));
        assert_eq!(item.download.as_deref(), Some("https://****@mirror.example.com/dbmate?token=****"));
        for bytes in [cyclonedx(&doc, "2024-05-01T12:00:00Z").unwrap(), spdx(&doc, "2024-05-01T12:00:00Z").unwrap()] {
            let text = String::from_utf8(bytes).unwrap();
            assert!(!text.contains("s3cret") && !text.contains("t0k"), "{text}");
            assert!(text.contains("custom (BP_MIGRATIONS_TOOL_URL)"), "{text}");
        }
    }
}
