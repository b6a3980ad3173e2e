//! The CNB contract: detect, build, on_error. Everything else lives in the library.

use libcnb::build::{BuildContext, BuildResult, BuildResultBuilder};
use libcnb::data::build_plan::{BuildPlanBuilder, Require};
use libcnb::data::launch::{LaunchBuilder, ProcessBuilder};
use libcnb::data::process_type;
use libcnb::detect::{DetectContext, DetectResult, DetectResultBuilder};
use libcnb::generic::GenericMetadata;
use libcnb::{Buildpack, Platform, buildpack_main};
use migrations_buildpack::config::{BuildConfig, ReleaseMode};
use migrations_buildpack::detect::{self, Detection};
use migrations_buildpack::errors::BuildpackError;
use migrations_buildpack::layers::{history, runner, tool_layer};
use migrations_buildpack::migrations::{MigrationSet, checks};
use migrations_buildpack::platform::BuildPlatform;
use migrations_buildpack::{install, messages, output, procfile};

// Used only by the integration tests in tests/ (libcnb-test) and unit tests.
#[cfg(test)]
use libcnb_test as _;

struct MigrationsBuildpack;

/// The Build Plan name heroku/release-phase provides (and merges `release` commands from).
const RELEASE_PHASE: &str = "release-phase";

/// One entry of heroku/release-phase's `[[requires.metadata.release]]`: it runs
/// `command` with `args` (no shell, `PATH` lookup) in the `release` process's
/// environment, after the commands of buildpacks earlier in the group and
/// before the app's own `[[com.heroku.phase.release]]` commands.
#[derive(serde::Serialize)]
struct ReleaseCommand {
    command: String,
    args: Vec<String>,
    source: String,
}

#[derive(serde::Serialize)]
struct ReleasePhaseMetadata {
    release: Vec<ReleaseCommand>,
}

/// `[[requires]] name = "release-phase"` with the runner as one ordered release
/// command. The command is looked up on `PATH`: detect does not know the layers
/// dir, and the runner layer's `bin/` is on the launch `PATH` of every process.
fn release_phase_require(source: &str) -> Require {
    let mut require = Require::new(RELEASE_PHASE);
    require
        .metadata(ReleasePhaseMetadata {
            release: vec![ReleaseCommand {
                command: runner::RUNNER.to_string(),
                args: vec!["release".to_string()],
                source: source.to_string(),
            }],
        })
        .expect("a table of strings always serialises to TOML");
    require
}

/// Does the app's `project.toml` put heroku/release-phase in its buildpack group?
/// (It then defines its own `release` process type, which competes with ours.)
fn project_uses_release_phase(app_dir: &std::path::Path) -> bool {
    let Ok(text) = std::fs::read_to_string(app_dir.join("project.toml")) else {
        return false;
    };
    let Ok(project) = text.parse::<toml::Table>() else {
        return false;
    };
    let group = project.get("io").and_then(|io| io.get("buildpacks")).and_then(|b| b.get("group")).and_then(toml::Value::as_array);
    group.into_iter().flatten().any(|entry| {
        ["id", "uri"]
            .iter()
            .filter_map(|key| entry.get(*key).and_then(toml::Value::as_str))
            .any(|v| v.contains("heroku/release-phase") || v.contains("buildpack-release-phase"))
    })
}

fn build_config(platform: &BuildPlatform) -> Result<BuildConfig, BuildpackError> {
    Ok(BuildConfig::from_lookup(|k| platform.env().get_string_lossy(k))?)
}

impl Buildpack for MigrationsBuildpack {
    type Platform = BuildPlatform;
    type Metadata = GenericMetadata;
    type Error = BuildpackError;

    fn detect(&self, context: DetectContext<Self>) -> libcnb::Result<DetectResult, Self::Error> {
        let config = build_config(&context.platform)?;
        match detect::detect(&context.app_dir, &config).map_err(BuildpackError::from)? {
            Detection::Found(_) => match config.release_mode {
                ReleaseMode::Process => DetectResultBuilder::pass().build(),
                ReleaseMode::ReleasePhase => {
                    // Shown by `pack build -v`: the lifecycle logs detect output only in debug mode.
                    println!("{}", messages::release_phase_detect_note(RELEASE_PHASE, runner::RUNNER));
                    let source = context.buildpack_descriptor.buildpack.id.to_string();
                    DetectResultBuilder::pass().build_plan(BuildPlanBuilder::new().requires(release_phase_require(&source)).build()).build()
                }
            },
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
        let options = history::check_options(previous, detected.tool, &config);
        let report = checks::run(&set, &options);
        messages::print_check_report(&set, &report);
        if report.has_errors() {
            return Err(BuildpackError::Checks { count: report.errors().len(), dir: detected.dir.clone() }.into());
        }

        // The tool: from the inventory, or from a custom URL with its checksum.
        let arch = context.target.arch.as_str();
        let artifact = install::for_config(detected.tool, arch, &config).map_err(BuildpackError::from)?;
        output::bullet(messages::tool_choice(&artifact, &config, &output::value(&artifact.version)));
        let requirement = if config.custom_artifact.is_some() { None } else { config.tool_version.as_deref() };
        if let Some((newer, arches)) = install::newer_on_other_arch(&artifact, requirement).map_err(BuildpackError::from)? {
            output::sub_bullet(messages::newer_on_other_arch(&artifact, &newer.to_string(), &arches));
        }
        // Mirror credentials: read now, sent to the custom URL's host only, never stored.
        let bindings = context.platform.bindings_dir();
        let credentials =
            install::mirror_credentials(&artifact, config.tool_auth.as_ref(), Some(&bindings)).map_err(BuildpackError::from)?;
        if let Some(source) = &credentials.unused {
            output::sub_bullet(messages::unused_mirror_credentials(source));
        }
        tool_layer::handle(&context, &artifact, credentials.auth.as_ref())?;

        // The release runner, from this buildpack's own binaries. Installed in both
        // modes: in release-phase mode heroku/release-phase runs it from PATH.
        runner::handle(&context, &libcnb::additional_buildpack_binary_path!("migrations"), &detected)?;
        let release_command = output::command(format!("{} release", runner::RUNNER));
        match config.release_mode {
            ReleaseMode::Process => {
                output::bullet(format!("Release process: {release_command}"));
                if project_uses_release_phase(&context.app_dir) {
                    output::warning(messages::release_phase_in_process_mode(&release_command));
                }
            }
            ReleaseMode::ReleasePhase => {
                output::bullet(format!(
                    "Release command: {release_command}, run by heroku/release-phase (BP_MIGRATIONS_RELEASE_MODE=release-phase)"
                ));
                output::sub_bullet(
                    "It runs before the app's own [[com.heroku.phase.release]] commands; no `release` process type from this buildpack",
                );
            }
        }
        if let Some(cmd) = procfile::release_command(&context.app_dir) {
            output::warning(messages::procfile_release_conflict(&cmd));
        }

        history_layer.write_metadata(history::HistoryMetadata::of(&set, &report))?;
        output::all_done(started);

        match config.release_mode {
            ReleaseMode::Process => BuildResultBuilder::new()
                .launch(
                    LaunchBuilder::new()
                        .process(ProcessBuilder::new(process_type!("release"), [runner::RUNNER]).arg("release").build())
                        .build(),
                )
                .build(),
            // heroku/release-phase owns the `release` process type; ours would replace or be replaced by it.
            ReleaseMode::ReleasePhase => BuildResultBuilder::new().build(),
        }
    }

    fn on_error(&self, error: libcnb::Error<Self::Error>) {
        messages::print_build_error(&error);
    }
}

buildpack_main!(MigrationsBuildpack);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_phase_require_matches_the_release_phase_contract() {
        let plan = BuildPlanBuilder::new().requires(release_phase_require("safemigrate/migrations")).build();
        let text = toml::to_string(&plan).unwrap();
        let parsed: toml::Table = text.parse().unwrap();
        let requires = parsed["requires"].as_array().unwrap();
        assert_eq!(requires.len(), 1, "{text}");
        assert_eq!(requires[0]["name"].as_str(), Some("release-phase"));
        let release = requires[0]["metadata"]["release"].as_array().unwrap();
        assert_eq!(release.len(), 1);
        assert_eq!(release[0]["command"].as_str(), Some("migrations"));
        assert_eq!(release[0]["args"].as_array().unwrap().len(), 1);
        assert_eq!(release[0]["args"][0].as_str(), Some("release"));
        assert_eq!(release[0]["source"].as_str(), Some("safemigrate/migrations"));
        assert!(parsed.get("provides").is_none(), "we must not provide release-phase ourselves: {text}");
    }

    #[test]
    fn finds_release_phase_in_project_toml() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!project_uses_release_phase(dir.path()));
        let write = |s: &str| std::fs::write(dir.path().join("project.toml"), s).unwrap();
        write("[_]\nschema-version = \"0.2\"\n[[io.buildpacks.group]]\nid = \"heroku/go\"\n");
        assert!(!project_uses_release_phase(dir.path()));
        write(
            "[_]\nschema-version = \"0.2\"\n[[io.buildpacks.group]]\nuri = \"heroku/release-phase\"\n[[io.buildpacks.group]]\nid = \"heroku/go\"\n",
        );
        assert!(project_uses_release_phase(dir.path()));
        write("not toml [");
        assert!(!project_uses_release_phase(dir.path()));
    }
}
