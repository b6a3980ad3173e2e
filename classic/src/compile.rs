//! `bin/compile BUILD_DIR CACHE_DIR ENV_DIR`: the CNB build's steps (see
//! `src/main.rs`), in the same order and words, writing into the slug and
//! CACHE_DIR instead of layers.

use crate::cache::Cache;
use crate::{out, settings, slug, wording};
use migrations_buildpack::config::ReleaseMode;
use migrations_buildpack::detect::{self, Detection};
use migrations_buildpack::errors::BuildpackError;
use migrations_buildpack::install::{self, DownloadOptions};
use migrations_buildpack::layers::history::{self, HistoryMetadata};
use migrations_buildpack::layers::runner::RUNNER;
use migrations_buildpack::messages;
use migrations_buildpack::migrations::MigrationSet;
use migrations_buildpack::migrations::checks::{self, CheckReport};
use migrations_buildpack::procfile;
use std::path::{Path, PathBuf};

pub struct CompileArgs {
    pub build_dir: PathBuf,
    pub cache_dir: PathBuf,
    /// Absent with the oldest form of the API (`bin/compile BUILD_DIR CACHE_DIR`).
    pub env_dir: Option<PathBuf>,
    /// The release runner (`migrations`) to copy into the slug.
    pub runner: PathBuf,
    /// `amd64` or `arm64`.
    pub arch: String,
}

/// The architecture this binary was built for, in the inventory's words.
pub fn host_arch() -> String {
    match std::env::consts::ARCH {
        "x86_64" => "amd64".into(),
        "aarch64" => "arm64".into(),
        other => other.into(),
    }
}

/// The check findings, in the CNB build's words and within its line budget
/// (`messages::build_check_report`).
fn print_check_report(set: &MigrationSet, report: &CheckReport) {
    for piece in messages::build_check_report(set, report, messages::CHECK_REPORT_LINES) {
        match piece {
            messages::LogPiece::Bullet(t) => out::detail(t),
            messages::LogPiece::SubBullet(t) => out::sub_detail(t),
            messages::LogPiece::Warning(t) => out::warning(t),
            messages::LogPiece::Error(t) => out::error(t),
        }
    }
}

pub fn compile(args: &CompileArgs) -> Result<(), BuildpackError> {
    let started = out::header("Database migrations");
    let vars = match &args.env_dir {
        Some(dir) => settings::read_env_dir(dir)?,
        None => settings::from_process_env(),
    };
    let config = settings::build_config(&vars)?;
    let detected = match detect::detect(&args.build_dir, &config)? {
        Detection::Found(d) => d,
        Detection::NotFound(why) => return Err(BuildpackError::NotDetected(why)),
    };
    out::detail(format!(
        "Migrations in {} for {} ({})",
        out::value(detected.dir.display().to_string()),
        detected.tool,
        if detected.guessed { "guessed from the file names; set BP_MIGRATIONS_TOOL to choose" } else { "set by BP_MIGRATIONS_TOOL" }
    ));

    // Build-time checks, with the previous successful build's versions for the order check.
    let set = MigrationSet::load(&args.build_dir.join(&detected.dir), detected.tool)?;
    let cache = Cache::new(&args.cache_dir);
    let options = history::check_options(cache.history(), detected.tool, &config);
    let report = checks::run(&set, &options);
    print_check_report(&set, &report);
    if report.has_errors() {
        return Err(BuildpackError::Checks { count: report.errors().len(), dir: detected.dir.clone() });
    }

    // The tool: from the inventory, or from a custom URL with its checksum.
    let artifact = install::for_config(detected.tool, &args.arch, &config)?;
    out::detail(messages::tool_choice(&artifact, &config, &out::value(&artifact.version)));
    // Mirror credentials (BP_MIGRATIONS_TOOL_AUTH or the URL's userinfo; no service bindings on Cedar).
    let credentials = install::mirror_credentials(&artifact, config.tool_auth.as_ref(), None)?;
    if let Some(source) = &credentials.unused {
        out::sub_detail(messages::unused_mirror_credentials(source));
    }
    let cached = cache.tool(&artifact, &DownloadOptions { auth: credentials.auth, ..DownloadOptions::default() })?;
    slug::install_executable(&args.build_dir, &cached, artifact.tool.executable(), "copy the migration tool to")?;

    // The release runner, from this buildpack's own binaries, and the dyno environment.
    let runner = slug::install_executable(&args.build_dir, &args.runner, RUNNER, "copy the release runner to")?;
    slug::write_sboms(&args.build_dir, &artifact, &runner)?;
    slug::write_profile(&args.build_dir, &detected)?;
    out::detail(format!("Release process: {}", out::value(wording::release_command())));
    out::sub_detail(format!(
        "{} and {} in {}, on PATH through {}; their SBOMs in {}",
        RUNNER,
        artifact.tool.executable(),
        slug::BIN_DIR,
        slug::PROFILE,
        slug::SBOM_DIR
    ));
    match procfile::release_command(&args.build_dir) {
        Some(cmd) if cmd.contains(&wording::release_command()) => {
            out::sub_detail(format!("Your Procfile runs it: `release: {cmd}`"));
        }
        Some(cmd) => out::warning(wording::procfile_release_conflict(&cmd)),
        None => out::sub_detail(wording::ordering_note()),
    }
    if config.release_mode == ReleaseMode::ReleasePhase {
        out::warning(wording::release_mode_ignored());
    }

    cache.write_history(&HistoryMetadata::of(&set, &report))?;
    out::done(started);
    Ok(())
}

/// Print a build error the way the CNB build's `on_error` does, in classic form.
pub fn print_error(e: &BuildpackError) {
    let (header, body) = messages::build_error(e);
    out::error(format!("Error: {header}\n\n{body}"));
}

/// The runner to ship: `MIGRATIONS_RUNNER_BIN` (the shims set it), else
/// `migrations` next to this executable.
pub fn runner_path() -> PathBuf {
    if let Some(p) = std::env::var_os("MIGRATIONS_RUNNER_BIN").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    std::env::current_exe().ok().and_then(|exe| exe.parent().map(|d| d.join(RUNNER))).unwrap_or_else(|| Path::new(RUNNER).to_path_buf())
}
