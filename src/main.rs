//! The CNB contract: detect, build, on_error. Everything else lives in the library.

use libcnb::build::{BuildContext, BuildResult, BuildResultBuilder};
use libcnb::data::launch::{LaunchBuilder, ProcessBuilder};
use libcnb::data::process_type;
use libcnb::detect::{DetectContext, DetectResult, DetectResultBuilder};
use libcnb::generic::{GenericMetadata, GenericPlatform};
use libcnb::{Buildpack, Platform, buildpack_main};
use migrations_buildpack::config::BuildConfig;
use migrations_buildpack::detect::{self, Detection};
use migrations_buildpack::errors::BuildpackError;
use migrations_buildpack::layers::{history, runner, tool};
use migrations_buildpack::migrations::{MigrationSet, checks};
use migrations_buildpack::{install, messages, output, procfile};

// Used only by the integration tests in tests/ (libcnb-test) and unit tests.
#[cfg(test)]
use libcnb_test as _;

struct MigrationsBuildpack;

fn build_config(platform: &GenericPlatform) -> Result<BuildConfig, BuildpackError> {
    Ok(BuildConfig::from_lookup(|k| platform.env().get_string_lossy(k))?)
}

impl Buildpack for MigrationsBuildpack {
    type Platform = GenericPlatform;
    type Metadata = GenericMetadata;
    type Error = BuildpackError;

    fn detect(&self, context: DetectContext<Self>) -> libcnb::Result<DetectResult, Self::Error> {
        let config = build_config(&context.platform)?;
        match detect::detect(&context.app_dir, &config).map_err(BuildpackError::from)? {
            Detection::Found(_) => DetectResultBuilder::pass().build(),
            Detection::NotFound(why) => {
                println!("{why}");
                DetectResultBuilder::fail().build()
            }
        }
    }

    fn build(&self, context: BuildContext<Self>) -> libcnb::Result<BuildResult, Self::Error> {
        let started = output::buildpack("Database migrations");
        let config = build_config(&context.platform)?;
        let detected = match detect::detect(&context.app_dir, &config).map_err(BuildpackError::from)? {
            Detection::Found(d) => d,
            Detection::NotFound(why) => return Err(BuildpackError::NotDetected(why).into()),
        };
        output::bullet(format!(
            "Migrations in {} for {} ({})",
            output::value(detected.dir.display().to_string()),
            detected.tool,
            if detected.guessed { "guessed from the file names; set BP_MIGRATIONS_TOOL to choose" } else { "set by BP_MIGRATIONS_TOOL" }
        ));

        // Build-time checks, with the previous successful build's versions for the order check.
        let set = MigrationSet::load(&context.app_dir.join(&detected.dir), detected.tool).map_err(BuildpackError::from)?;
        let (history_layer, previous) = history::open(&context)?;
        let previous_versions = previous.filter(|p| p.tool == detected.tool.name()).map(|p| p.versions);
        let first_build = previous_versions.is_none();
        let report = checks::run(
            &set,
            &checks::CheckOptions { strict: config.strict, allow_out_of_order: config.allow_out_of_order, previous_versions },
        );
        messages::print_check_report(&set, &report, first_build);
        if report.has_errors() {
            return Err(BuildpackError::Checks { count: report.errors().len(), dir: detected.dir.clone() }.into());
        }

        // The tool: from the inventory, or from a custom URL with its checksum.
        let arch = context.target.arch.as_str();
        let artifact = match &config.custom_artifact {
            Some(custom) => install::custom(detected.tool, arch, &custom.url, &custom.sha256),
            None => install::resolve(detected.tool, arch, config.tool_version.as_deref()),
        }
        .map_err(BuildpackError::from)?;
        output::bullet(format!(
            "Tool: {} {} for linux-{}{}",
            artifact.tool,
            output::value(&artifact.version),
            artifact.arch,
            match (&config.custom_artifact, &config.tool_version) {
                (Some(_), _) => " (custom artifact from BP_MIGRATIONS_TOOL_URL)".to_string(),
                (None, Some(req)) => format!(" (newest matching BP_MIGRATIONS_TOOL_VERSION={req})"),
                (None, None) => " (newest in the inventory; pin it with BP_MIGRATIONS_TOOL_VERSION)".to_string(),
            }
        ));
        tool::handle(&context, &artifact)?;

        // The release runner, from this buildpack's own binaries.
        runner::handle(&context, &libcnb::additional_buildpack_binary_path!("migrations"), &detected)?;
        output::bullet(format!("Release process: {}", output::command(format!("{} release", runner::RUNNER))));
        if let Some(cmd) = procfile::release_command(&context.app_dir) {
            output::warning(messages::procfile_release_conflict(&cmd));
        }

        history_layer.write_metadata(history::HistoryMetadata {
            tool: detected.tool.name().to_string(),
            versions: set.versions().into_iter().map(str::to_string).collect(),
        })?;
        output::all_done(started);

        BuildResultBuilder::new()
            .launch(
                LaunchBuilder::new()
                    .process(ProcessBuilder::new(process_type!("release"), [runner::RUNNER]).arg("release").build())
                    .build(),
            )
            .build()
    }

    fn on_error(&self, error: libcnb::Error<Self::Error>) {
        messages::print_build_error(&error);
    }
}

buildpack_main!(MigrationsBuildpack);
