//! One file per layer; each states its cache-invalidation rule at the top.

pub mod history;
pub mod runner;
pub mod tool_layer;

/// Does `<layers_dir>/<layer>` have both layer SBOMs (CycloneDX and SPDX JSON)?
pub fn has_sboms(layers_dir: &std::path::Path, layer: &str) -> bool {
    ["cdx.json", "spdx.json"].iter().all(|ext| layers_dir.join(format!("{layer}.sbom.{ext}")).is_file())
}

/// A real `BuildContext` in a temp dir, for unit-testing layer logic without the lifecycle.
#[cfg(test)]
pub(crate) mod test_context {
    use crate::errors::BuildpackError;
    use libcnb::build::{BuildContext, BuildResult};
    use libcnb::data::buildpack_plan::BuildpackPlan;
    use libcnb::detect::{DetectContext, DetectResult};
    use libcnb::generic::{GenericMetadata, GenericPlatform};
    use libcnb::{Buildpack, Platform, Target};
    use std::path::Path;

    pub(crate) struct TestBuildpack;

    impl Buildpack for TestBuildpack {
        type Platform = GenericPlatform;
        type Metadata = GenericMetadata;
        type Error = BuildpackError;
        fn detect(&self, _: DetectContext<Self>) -> libcnb::Result<DetectResult, Self::Error> {
            unreachable!("layer tests only build")
        }
        fn build(&self, _: BuildContext<Self>) -> libcnb::Result<BuildResult, Self::Error> {
            unreachable!("layer tests call the layer functions directly")
        }
    }

    pub(crate) fn build_context(root: &Path) -> BuildContext<TestBuildpack> {
        for d in ["layers", "app", "buildpack", "platform"] {
            std::fs::create_dir_all(root.join(d)).unwrap();
        }
        BuildContext {
            layers_dir: root.join("layers"),
            app_dir: root.join("app"),
            buildpack_dir: root.join("buildpack"),
            target: Target {
                os: "linux".into(),
                arch: "amd64".into(),
                arch_variant: None,
                distro_name: "ubuntu".into(),
                distro_version: "24.04".into(),
            },
            platform: GenericPlatform::from_path(root.join("platform")).unwrap(),
            buildpack_plan: BuildpackPlan { entries: Vec::new() },
            buildpack_descriptor: toml::from_str(include_str!("../../buildpack.toml")).unwrap(),
            store: None,
        }
    }
}
