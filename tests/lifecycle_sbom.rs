//! Layer SBOMs (issue 21) through the packaged buildpack, run as the CNB
//! lifecycle runs it: `<layers>/tool.sbom.{cdx,spdx}.json` and
//! `<layers>/runner.sbom.{cdx,spdx}.json` exist after a build, validate against
//! the CycloneDX 1.5 and SPDX 2.3 JSON schemas (`testkit::sbom::validate`:
//! cyclonedx-python-lib's schemas, the official SPDX 2.3 schema and spdx-tools),
//! carry the exact artifact, survive a rebuild that reuses the layer, and the
//! runner's lists exactly the crates `cargo metadata` says are compiled into it.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use common::{plain, serve_dbmate};
use serde_json::Value;
use testkit::lifecycle::App;
use testkit::{sbom, tools};

/// The triple `cargo libcnb package` builds the tested package for.
const PACKAGED_TARGET: &str = "x86_64-unknown-linux-musl";

fn sbom_files(app: &App, layer: &str) -> [PathBuf; 2] {
    [app.layers_dir().join(format!("{layer}.sbom.cdx.json")), app.layers_dir().join(format!("{layer}.sbom.spdx.json"))]
}

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

fn assert_valid(files: &[PathBuf]) {
    let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    if let Err(report) = sbom::validate(&refs) {
        panic!("the SBOMs do not validate against their schemas:\n{report}");
    }
}

/// The one CycloneDX component and SPDX package of a tool layer's SBOMs.
fn tool_entries(app: &App) -> (Value, Value) {
    let [cdx, spdx] = sbom_files(app, "tool");
    let cdx = read_json(&cdx);
    let spdx = read_json(&spdx);
    assert_eq!(cdx["specVersion"], "1.5");
    assert_eq!(spdx["spdxVersion"], "SPDX-2.3");
    let components = cdx["components"].as_array().expect("components");
    let packages = spdx["packages"].as_array().expect("packages");
    assert_eq!((components.len(), packages.len()), (1, 1), "one tool per layer:\n{cdx}\n{spdx}");
    // The document describes it.
    let id = packages[0]["SPDXID"].as_str().unwrap();
    assert!(
        spdx["relationships"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["spdxElementId"] == "SPDXRef-DOCUMENT" && r["relationshipType"] == "DESCRIBES" && r["relatedSpdxElement"] == id),
        "{spdx}"
    );
    (components[0].clone(), packages[0].clone())
}

fn property<'a>(component: &'a Value, name: &str) -> Option<&'a str> {
    component["properties"].as_array()?.iter().find(|p| p["name"] == name)?["value"].as_str()
}

/// A cached tool layer of this inventory artifact, as a previous build leaves it
/// (identity metadata, an executable) but without SBOMs, as a layer written by 0.1.0.
fn seed_cached_tool_layer(app: &App, tool: &str, executable: &str, version: &str, sha256: &str, arch: &str) {
    let exported = app.exported_dir();
    fs::create_dir_all(exported.join("tool/bin")).unwrap();
    fs::write(exported.join("tool/bin").join(executable), "#!/bin/sh\necho cached\n").unwrap();
    fs::write(
        exported.join("tool.toml"),
        format!(
            "[types]\nlaunch = true\nbuild = false\ncache = true\n\n[metadata]\ntool = \"{tool}\"\nversion = \"{version}\"\nsha256 = \"{sha256}\"\narch = \"{arch}\"\n"
        ),
    )
    .unwrap();
}

/// The newest inventory entry of `tool` for `arch`: (version, url, sha256).
fn newest(tool: &str, arch: &str) -> (String, String, String) {
    let inventory: toml::Table = fs::read_to_string(testkit::lifecycle::workspace_root().join("inventory.toml")).unwrap().parse().unwrap();
    let entry = inventory["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["arch"].as_str() == Some(arch) && a["metadata"]["tool"].as_str() == Some(tool))
        .unwrap();
    let field = |k: &str| entry[k].as_str().unwrap().to_string();
    (field("version"), field("url"), field("checksum").trim_start_matches("sha256:").to_string())
}

#[test]
fn tool_layer_sboms_carry_the_inventory_artifact_for_both_tools_and_both_architectures() {
    for (tool, executable, fixture, repository) in [
        ("dbmate", "dbmate", "test-fixtures/dbmate-basic", "amacneil/dbmate"),
        ("golang-migrate", "migrate", "test-fixtures/golang-migrate-basic", "golang-migrate/migrate"),
    ] {
        for arch in ["amd64", "arm64"] {
            let (version, url, sha256) = newest(tool, arch);
            let mut app = App::from_fixture(fixture);
            app.target_arch(arch);
            // Nothing may leave the machine: a download would fail at this proxy.
            let proxy = testkit::http::Server::start();
            app.process_env("HTTPS_PROXY", &format!("http://{}", proxy.addr()));
            seed_cached_tool_layer(&app, tool, executable, &version, &sha256, arch);
            let build = app.build();
            let out = plain(&build);
            assert!(build.success(), "{tool} {arch}: {out}");
            assert!(out.contains(&format!("Reusing {tool} {version} (linux-{arch}) from the cache")), "{out}");
            assert_eq!(proxy.requests(), 0, "{out}");

            let files = sbom_files(&app, "tool");
            assert_valid(&files);
            let (component, package) = tool_entries(&app);
            let purl = format!("pkg:github/{repository}@v{version}");
            assert_eq!(component["name"], tool);
            assert_eq!(component["type"], "application");
            assert_eq!(component["version"], version.as_str());
            assert_eq!(component["purl"], purl.as_str());
            assert_eq!(component["hashes"][0]["alg"], "SHA-256");
            assert_eq!(component["hashes"][0]["content"], sha256.as_str());
            assert_eq!(component["licenses"][0]["expression"], "MIT");
            assert_eq!(component["externalReferences"][0]["type"], "distribution");
            assert_eq!(component["externalReferences"][0]["url"], url.as_str());
            assert_eq!(property(&component, "safemigrate:architecture"), Some(arch));
            assert_eq!(property(&component, "safemigrate:source"), Some("inventory"));

            assert_eq!(package["name"], tool);
            assert_eq!(package["versionInfo"], version.as_str());
            assert_eq!(package["checksums"][0]["algorithm"], "SHA256");
            assert_eq!(package["checksums"][0]["checksumValue"], sha256.as_str());
            assert_eq!(package["externalRefs"][0]["referenceType"], "purl");
            assert_eq!(package["externalRefs"][0]["referenceLocator"], purl.as_str());
            assert_eq!(package["licenseDeclared"], "MIT");
            assert_eq!(package["downloadLocation"], url.as_str());
        }
    }
}

#[test]
fn a_custom_artifact_is_described_as_custom_and_a_reused_layer_keeps_its_sboms() {
    let mut app = App::from_fixture("test-fixtures/dbmate-basic");
    let server = serve_dbmate(&mut app);
    let first = app.build();
    assert!(first.success(), "{}", plain(&first));
    let mut files = sbom_files(&app, "tool").to_vec();
    files.extend(sbom_files(&app, "runner"));
    assert_valid(&files);

    let (component, package) = tool_entries(&app);
    assert_eq!(component["name"], "dbmate");
    assert_eq!(component["version"], "custom");
    assert_eq!(component["hashes"][0]["content"], tools::DBMATE_SHA256);
    assert_eq!(component["externalReferences"][0]["url"], server.url("/dbmate-linux-amd64").as_str());
    assert_eq!(property(&component, "safemigrate:source"), Some("custom (BP_MIGRATIONS_TOOL_URL)"));
    assert!(component.get("purl").is_none() && component.get("licenses").is_none(), "nothing is claimed that is not known: {component}");
    assert!(component["description"].as_str().unwrap().contains("custom artifact"), "{component}");
    assert_eq!(package["versionInfo"], "custom");
    assert_eq!(package["licenseDeclared"], "NOASSERTION");
    assert!(package.get("externalRefs").is_none(), "{package}");
    assert_eq!(package["checksums"][0]["checksumValue"], tools::DBMATE_SHA256);

    // A rebuild reuses both layers and keeps their SBOMs as they were (same creation time).
    let before: Vec<Vec<u8>> = files.iter().map(|f| fs::read(f).unwrap()).collect();
    let second = app.build();
    let out = plain(&second);
    assert!(second.success(), "{out}");
    assert!(out.contains("Reusing dbmate custom (linux-amd64) from the cache"), "{out}");
    assert_eq!(server.requests(), 1);
    let after: Vec<Vec<u8>> = files.iter().map(|f| fs::read(f).unwrap()).collect();
    assert_eq!(before, after, "a reused layer keeps its SBOMs");
    // They are in the state kept for the next build (image and cache), too.
    for f in &files {
        assert!(app.exported_dir().join(f.file_name().unwrap()).is_file(), "{}", f.display());
    }

    // Another artifact (a new SHA-256) gets a new tool SBOM; the runner's stays.
    let scratch = tempfile::tempdir().unwrap();
    let other = scratch.path().join("dbmate");
    let mut bytes = fs::read(tools::dbmate()).unwrap();
    bytes.push(b'\n');
    fs::write(&other, bytes).unwrap();
    let sha = tools::sha256_file(&other);
    server.route("/dbmate-linux-amd64", testkit::http::Behavior::file(&other));
    app.env("BP_MIGRATIONS_TOOL_SHA256", &sha);
    let third = app.build();
    assert!(third.success(), "{}", plain(&third));
    assert_valid(&files);
    let (component, package) = tool_entries(&app);
    assert_eq!(component["hashes"][0]["content"], sha.as_str());
    assert_eq!(package["checksums"][0]["checksumValue"], sha.as_str());
    assert_eq!(fs::read(&files[2]).unwrap(), before[2], "the runner layer was reused with its SBOM");
}

/// `(name, version)` of every crate compiled into the runner for `target`, from
/// `cargo metadata`: the normal-dependency closure of the buildpack's package,
/// without proc-macro crates (they run in the compiler) or build dependencies.
fn runner_crates_from_cargo_metadata(target: &str) -> BTreeSet<(String, String)> {
    let metadata = sbom::cargo_metadata(target);
    let packages: Vec<&Value> = metadata["packages"].as_array().unwrap().iter().collect();
    let package = |id: &str| packages.iter().find(|p| p["id"] == id).copied().unwrap();
    let proc_macro = |id: &str| {
        package(id)["targets"].as_array().unwrap().iter().any(|t| t["kind"].as_array().unwrap().iter().any(|k| k == "proc-macro"))
    };
    let nodes = metadata["resolve"]["nodes"].as_array().unwrap();
    let deps = |id: &str| -> Vec<String> {
        let node = nodes.iter().find(|n| n["id"] == id).unwrap();
        node["deps"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["dep_kinds"].as_array().unwrap().iter().any(|k| k["kind"].is_null()))
            .map(|d| d["pkg"].as_str().unwrap().to_string())
            .filter(|id| !proc_macro(id))
            .collect()
    };
    let root = packages.iter().find(|p| p["name"] == "migrations-buildpack").unwrap()["id"].as_str().unwrap().to_string();
    let mut seen = BTreeSet::new();
    let mut queue = deps(&root);
    while let Some(id) = queue.pop() {
        if seen.insert(id.clone()) {
            queue.extend(deps(&id));
        }
    }
    seen.iter()
        .map(|id| {
            let p = package(id);
            (p["name"].as_str().unwrap().to_string(), p["version"].as_str().unwrap().to_string())
        })
        .collect()
}

/// Cargo.lock's checksum of `name` `version`.
fn lock_checksum(lock: &toml::Table, name: &str, version: &str) -> Option<String> {
    lock["package"]
        .as_array()?
        .iter()
        .find(|p| p["name"].as_str() == Some(name) && p["version"].as_str() == Some(version))?
        .get("checksum")?
        .as_str()
        .map(str::to_string)
}

#[test]
fn the_runner_sbom_lists_exactly_the_crates_compiled_into_the_runner() {
    let scratch = tempfile::tempdir().unwrap();
    let (app, _server, _) = common::built_app("test-fixtures/dbmate-basic", scratch.path());
    let [cdx_path, spdx_path] = sbom_files(&app, "runner");
    assert_valid(&[cdx_path.clone(), spdx_path.clone()]);
    let cdx = read_json(&cdx_path);
    let spdx = read_json(&spdx_path);

    let expected = runner_crates_from_cargo_metadata(PACKAGED_TARGET);
    let components = cdx["components"].as_array().unwrap();
    let libraries: BTreeSet<(String, String)> = components
        .iter()
        .filter(|c| c["type"] == "library")
        .map(|c| (c["name"].as_str().unwrap().to_string(), c["version"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(libraries, expected, "the runner SBOM's crates are cargo metadata's");
    println!("runner SBOM: {} components ({} crates + the runner)", components.len(), libraries.len());

    let lock: toml::Table = fs::read_to_string(testkit::lifecycle::workspace_root().join("Cargo.lock")).unwrap().parse().unwrap();
    for c in components.iter().filter(|c| c["type"] == "library") {
        let (name, version) = (c["name"].as_str().unwrap(), c["version"].as_str().unwrap());
        assert_eq!(c["purl"], format!("pkg:cargo/{name}@{version}").as_str());
        assert_eq!(c["hashes"][0]["content"].as_str(), lock_checksum(&lock, name, version).as_deref(), "{name} {version}");
        assert!(c["licenses"][0]["expression"].is_string(), "{name} declares a licence in its Cargo.toml: {c}");
    }
    // The runner itself: the file in the layer, by its SHA-256.
    let runner = components.iter().find(|c| c["type"] == "application").unwrap();
    assert_eq!(runner["name"], "migrations");
    assert_eq!(runner["hashes"][0]["content"], tools::sha256_file(&app.layer_path("runner").join("bin/migrations")).as_str());
    assert_eq!(runner["licenses"][0]["expression"], "MIT");
    // Its direct dependencies are recorded as such.
    let graph = cdx["dependencies"].as_array().unwrap();
    let runner_deps = graph.iter().find(|d| d["ref"] == runner["bom-ref"]).unwrap()["dependsOn"].as_array().unwrap().len();
    assert!(runner_deps >= 20, "{runner_deps} direct dependencies");

    // The SPDX document lists the same crates.
    let packages = spdx["packages"].as_array().unwrap();
    let spdx_libraries: BTreeSet<(String, String)> = packages
        .iter()
        .filter(|p| p["primaryPackagePurpose"] == "LIBRARY")
        .map(|p| (p["name"].as_str().unwrap().to_string(), p["versionInfo"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(spdx_libraries, expected);
    let depends_on = spdx["relationships"].as_array().unwrap().iter().filter(|r| r["relationshipType"] == "DEPENDS_ON").count();
    assert!(depends_on >= expected.len(), "{depends_on} DEPENDS_ON relationships for {} crates", expected.len());
}

#[test]
fn every_inventory_entry_gets_tool_sboms_that_validate() {
    use migrations_buildpack::install::{inventory, resolve};
    use migrations_buildpack::sbom as bp_sbom;
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for a in inventory().unwrap().artifacts {
        let artifact = resolve(a.metadata.tool, &a.arch.to_string(), Some(&format!("={}", a.version))).unwrap();
        assert_eq!(artifact.sha256, hex::encode(&a.checksum.value));
        let doc = bp_sbom::tool_layer(&artifact);
        for s in bp_sbom::sboms(&doc, std::time::SystemTime::now()).unwrap() {
            let ext = if s.format == bp_sbom::SbomFormat::CycloneDxJson { "cdx.json" } else { "spdx.json" };
            let path = dir.path().join(format!("{}-{}-{}.sbom.{ext}", a.metadata.tool, a.version, a.arch));
            fs::write(&path, &s.data).unwrap();
            files.push(path);
        }
    }
    assert_eq!(files.len(), 2 * 25);
    assert_valid(&files);
}

#[test]
fn the_schema_validation_rejects_broken_sboms() {
    use migrations_buildpack::install::resolve;
    use migrations_buildpack::sbom as bp_sbom;
    let dir = tempfile::tempdir().unwrap();
    let doc = bp_sbom::tool_layer(&resolve(migrations_buildpack::tool_kind::ToolKind::Dbmate, "amd64", None).unwrap());
    let created = "2024-05-01T12:00:00Z";
    let good_cdx: Value = serde_json::from_slice(&bp_sbom::cyclonedx(&doc, created).unwrap()).unwrap();
    let good_spdx: Value = serde_json::from_slice(&bp_sbom::spdx(&doc, created).unwrap()).unwrap();
    let write = |name: &str, v: &Value| {
        let p = dir.path().join(name);
        fs::write(&p, serde_json::to_vec(v).unwrap()).unwrap();
        p
    };
    let good = [write("good.cdx.json", &good_cdx), write("good.spdx.json", &good_spdx)];
    assert_valid(&good);

    // Each of these breaks one rule of its format's schema.
    let mut cdx_bad_type = good_cdx.clone();
    cdx_bad_type["components"][0]["type"] = "gadget".into();
    let mut cdx_unknown_field = good_cdx.clone();
    cdx_unknown_field["components"][0]["downloadUrl"] = "https://example.com".into();
    let mut cdx_old = good_cdx.clone();
    cdx_old["specVersion"] = "1.3".into();
    let mut spdx_no_name = good_spdx.clone();
    spdx_no_name["packages"][0].as_object_mut().unwrap().remove("name");
    let mut spdx_bad_id = good_spdx.clone();
    spdx_bad_id["packages"][0]["SPDXID"] = "Package dbmate".into();
    let mut spdx_bad_checksum = good_spdx.clone();
    spdx_bad_checksum["packages"][0]["checksums"][0]["algorithm"] = "SHA-256".into();
    let bad: Vec<PathBuf> = [
        ("type.cdx.json", cdx_bad_type),
        ("field.cdx.json", cdx_unknown_field),
        ("old.cdx.json", cdx_old),
        ("name.spdx.json", spdx_no_name),
        ("id.spdx.json", spdx_bad_id),
        ("checksum.spdx.json", spdx_bad_checksum),
    ]
    .iter()
    .map(|(name, v)| write(name, v))
    .collect();
    let refs: Vec<&Path> = bad.iter().map(PathBuf::as_path).collect();
    let report = sbom::validate(&refs).expect_err("broken SBOMs must be rejected");
    for path in &bad {
        assert!(report.contains(&format!("invalid {}", path.display())), "{} must be rejected:\n{report}", path.display());
    }
}
