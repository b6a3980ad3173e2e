//! Every user-facing sentence of the build: build errors, check findings and
//! the buildpack's notes. The release runner's wording is in `release/report.rs`.
//! Each message says what happened, names the file, setting, URL or variable,
//! and the next step. Database URLs are always shown masked.

use crate::config::{self, ConfigError};
use crate::errors::BuildpackError;
use crate::install::InstallError;
use crate::migrations::checks::{CheckReport, Severity};
use crate::migrations::{MigrationSet, ModelError};
use crate::output;
use indoc::formatdoc;

// ---------------------------------------------------------------- build

/// Name of the buildpack in messages.
pub const BUILDPACK: &str = "migrations buildpack";

pub fn config_error(e: &ConfigError) -> (String, String) {
    match e {
        ConfigError::InvalidBool { var, value } => (
            format!("{var} is not true or false"),
            format!("{var} is set to {value:?}. Set it to `true` or `false` (or unset it to use the default)."),
        ),
        ConfigError::InvalidChoice { var, value, allowed } => {
            (format!("{var} has an unknown value"), format!("{var} is set to {value:?}. Use one of: {allowed}."))
        }
        ConfigError::InvalidDuration { var, value } => (
            format!("{var} is not a duration"),
            format!("{var} is set to {value:?}. Use seconds (`90`) or a number with a unit: `90s`, `5m`, `1h`."),
        ),
        ConfigError::DurationOutOfRange { var, value, min, max } => (
            format!("{var} is out of range"),
            format!("{var} is set to {value:?}. Use a duration between {min} and {max}, for example `25s` (unset it for the default)."),
        ),
        ConfigError::DirOutsideApp { var, value } => (
            format!("{var} must point inside the app"),
            format!("{var} is set to {value:?}. Set it to the migrations directory relative to the app root, for example `db/migrations`."),
        ),
        ConfigError::HalfCustomArtifact { set, missing } => (
            format!("{set} is set without {missing}"),
            format!(
                "A custom tool download needs both {url} (where to download it) and {sha} (its SHA-256, 64 hex characters), \
                 so that what is downloaded can be verified. Set {missing} too, or unset {set} to use the built-in inventory.",
                url = config::BP_TOOL_URL,
                sha = config::BP_TOOL_SHA256
            ),
        ),
        ConfigError::InvalidVarName { var, value } => (
            format!("{var} is not a variable name"),
            format!(
                "{var} is set to {value:?}. Set it to the NAME of the variable that holds the database URL, for example `HEROKU_POSTGRESQL_RED_URL`."
            ),
        ),
    }
}

fn install_error(e: &InstallError) -> (String, String) {
    let generic = e.to_string();
    match e {
        InstallError::NoMatchingVersion { tool, arch, requirement, available } => (
            format!("No {tool} version matches BP_MIGRATIONS_TOOL_VERSION={requirement}"),
            format!(
                "The inventory has these {tool} versions for linux/{arch}: {}.\nSet {} to one of them (a semver requirement such as `{}`), or unset it to use the newest.",
                available.join(", "),
                config::BP_TOOL_VERSION,
                available.first().map(String::as_str).unwrap_or("*")
            ),
        ),
        InstallError::InvalidRequirement { .. } => ("BP_MIGRATIONS_TOOL_VERSION is not a version requirement".into(), generic),
        InstallError::InvalidChecksum { .. } => (
            "BP_MIGRATIONS_TOOL_SHA256 is not a SHA-256".into(),
            format!("{generic}.\nSet it to the 64 hex characters of `sha256sum <file>` for the file at BP_MIGRATIONS_TOOL_URL."),
        ),
        InstallError::InvalidUrl { .. } => {
            ("BP_MIGRATIONS_TOOL_URL is not a download URL".into(), format!("{generic}.\nUse an http:// or https:// URL."))
        }
        InstallError::ChecksumMismatch { url, expected, actual, html } => (
            "The downloaded tool failed its checksum".into(),
            formatdoc! {"
                Downloaded from: {url}
                Expected SHA-256: {expected}
                Actual SHA-256:   {actual}{html_note}

                Nothing was installed, and nothing of this download is kept for later builds.
                If you set BP_MIGRATIONS_TOOL_URL, check that BP_MIGRATIONS_TOOL_SHA256 is the checksum of that exact file.
                Otherwise the download was corrupted or tampered with: retry the build, and report it if it persists.",
                html_note = if *html { "\nThe server returned an HTML page instead of the file (a login or error page?)." } else { "" }
            },
        ),
        InstallError::HttpStatus { .. }
        | InstallError::Transport { .. }
        | InstallError::TooManyRedirects { .. }
        | InstallError::TooLarge { .. }
        | InstallError::LongerThanContentLength { .. } => (
            "The migration tool could not be downloaded".into(),
            format!(
                "{generic}\n\nNothing was installed. Retry the build; if you use BP_MIGRATIONS_TOOL_URL, check that the URL serves the file."
            ),
        ),
        InstallError::UnsafeArchiveEntry { .. }
        | InstallError::ArchiveTooLarge { .. }
        | InstallError::InvalidArchive { .. }
        | InstallError::ExecutableMissing { .. } => (
            "The downloaded archive was refused".into(),
            format!(
                "{generic}\n\nNothing from the archive was installed. Check that the URL points at the tool's official release archive."
            ),
        ),
        _ => ("The migration tool could not be installed".into(), generic),
    }
}

pub(crate) fn model_error(e: &ModelError) -> (String, String) {
    (
        "The migrations directory could not be read".into(),
        format!("{e}\n\nCheck the directory's permissions and that it is committed with your app."),
    )
}

/// Header and body for a build error.
pub fn build_error(e: &BuildpackError) -> (String, String) {
    match e {
        BuildpackError::Config(c) => config_error(c),
        BuildpackError::Detect(d) => ("The migrations directory could not be read".into(), d.to_string()),
        BuildpackError::NotDetected(why) => ("No migrations found".into(), format!("{why}.")),
        BuildpackError::Model(m) => model_error(m),
        BuildpackError::Checks { count, dir } => (
            format!("{count} problem(s) in the migrations in {}", dir.display()),
            "Each problem is listed above with its file and how to fix it. The build stopped before any migration could reach a database.\n\
             Warnings only stop the build when BP_MIGRATIONS_STRICT=true."
                .into(),
        ),
        BuildpackError::Install(i) => install_error(i),
        BuildpackError::LayerIo { action, path, source } => (
            "A file operation failed during the build".into(),
            format!("Could not {action} {}: {source}. Retry the build; if it persists, report it.", path.display()),
        ),
    }
}

pub fn print_build_error(error: &libcnb::Error<BuildpackError>) {
    let (header, body) = match error {
        libcnb::Error::BuildpackError(e) => build_error(e),
        other => (
            format!("Internal error in the {BUILDPACK}"),
            format!("{other}\n\nRetry the build. If it fails again, report it with this output."),
        ),
    };
    output::error(format!("Error: {header}\n\n{body}"));
}

/// The check report as words: one summary line, then one entry per finding.
pub struct CheckReportText {
    pub summary: String,
    pub findings: Vec<(Severity, String)>,
}

/// `first_build`: `Some` in a build (says whether the order was checked against
/// the previous build), `None` outside one (`migrations check`).
pub fn check_report(set: &MigrationSet, report: &CheckReport, first_build: Option<bool>) -> CheckReportText {
    let order = match first_build {
        Some(true) => " (first build, so no previous versions to check the order against)",
        Some(false) => " (order checked against the previous build)",
        None => "",
    };
    let summary = if report.findings.is_empty() {
        format!("Checked {} migration(s): no problems{order}", set.migrations.len())
    } else {
        format!(
            "Checked {} migration(s): {} error(s), {} warning(s){order}",
            set.migrations.len(),
            report.errors().len(),
            report.warnings().len()
        )
    };
    let findings = report
        .findings
        .iter()
        .map(|f| {
            let place = match f.line {
                Some(l) => format!("{}:{l}", f.file),
                None => f.file.clone(),
            };
            let label = if f.severity == Severity::Error { "Error" } else { "Warning" };
            (f.severity, format!("{label} {} {place}: {}\n{}", f.code, f.message, f.fix))
        })
        .collect();
    CheckReportText { summary, findings }
}

/// The check findings in the build output: one summary line when clean.
pub fn print_check_report(set: &MigrationSet, report: &CheckReport, first_build: bool) {
    let text = check_report(set, report, Some(first_build));
    output::bullet(text.summary);
    for (severity, line) in text.findings {
        match severity {
            Severity::Error => output::error(line),
            _ => output::warning(line),
        }
    }
}

/// "Tool: dbmate 2.36.0 for linux-amd64 (why this one)"; `version` is the version as styled by the caller.
pub fn tool_choice(artifact: &crate::install::ResolvedArtifact, config: &crate::config::BuildConfig, version: &str) -> String {
    let why = match (&config.custom_artifact, &config.tool_version) {
        (Some(_), _) => " (custom artifact from BP_MIGRATIONS_TOOL_URL)".to_string(),
        (None, Some(req)) => format!(" (newest matching BP_MIGRATIONS_TOOL_VERSION={req})"),
        (None, None) => " (newest in the inventory; pin it with BP_MIGRATIONS_TOOL_VERSION)".to_string(),
    };
    format!("Tool: {} {version} for linux-{}{why}", artifact.tool, artifact.arch)
}

pub fn procfile_release_conflict(cmd: &str) -> String {
    formatdoc! {"
        Your Procfile declares its own release process: `release: {cmd}`

        An image has one `release` process type. When several buildpacks define it, the
        one from the buildpack that runs last wins. heroku/procfile normally runs last
        (after this buildpack, and after heroku/release-phase if you use it), so your
        Procfile's command is what runs at release, and `migrations release` does not.

        To run both, either make the runner the first step of your release command
        (your command then runs only after the migrations succeeded):
          release: migrations release && {cmd}
        or remove the `release:` line, move the command to project.toml as a
        [[com.heroku.phase.release]] entry of heroku/release-phase, and set
        BP_MIGRATIONS_RELEASE_MODE=release-phase: `migrations release` then runs first."
    }
}

pub fn release_phase_detect_note(release_phase: &str, runner: &str) -> String {
    format!(
        "BP_MIGRATIONS_RELEASE_MODE=release-phase: requiring `{release_phase}` with `{runner} release` as a release command. \
         This passes only in a group where heroku/release-phase comes before this buildpack."
    )
}

pub fn release_phase_in_process_mode(release_command: &str) -> String {
    format!(
        "project.toml lists heroku/release-phase, which defines its own `release` process type. \
         The image keeps the one from the buildpack that runs last, so either your \
         [[com.heroku.phase.release]] commands or {release_command} will not run. \
         Set BP_MIGRATIONS_RELEASE_MODE=release-phase to run {release_command} as one of \
         heroku/release-phase's release commands instead."
    )
}
