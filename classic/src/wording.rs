//! Sentences only the classic build says. Everything the CNB build also says
//! comes from the library (`messages`, `install`, `layers::tool_layer`) or repeats
//! `src/main.rs`'s wording.

use migrations_buildpack::layers::runner::RUNNER;

/// Joins lines with `\n` (keeps the long sentences below readable).
fn lines(parts: &[&str]) -> String {
    parts.join("\n")
}

/// The process type `bin/release` contributes.
pub fn release_command() -> String {
    format!("{RUNNER} release")
}

/// `bin/release`'s output: the YAML hash of the classic Buildpack API.
pub fn release_yaml() -> String {
    format!("---\ndefault_process_types:\n  release: {}\n", release_command())
}

/// The app's Procfile declares `release:` and does not run the runner.
pub fn procfile_release_conflict(cmd: &str) -> String {
    lines(&[
        &format!("Your Procfile declares its own release process: `release: {cmd}`"),
        "",
        "On Heroku the Procfile's process types replace the default process types of the",
        "buildpacks (bin/release), so your command runs in the release phase and the",
        "migrations runner does not: no migration will be applied.",
        "To run both, make the runner the first step of your release command:",
        &format!("  release: {} && {cmd}", release_command()),
        &format!("or remove the Procfile line to use this buildpack's `release: {}`.", release_command()),
    ])
}

/// Said when the Procfile leaves the release process to the buildpacks.
pub fn ordering_note() -> String {
    lines(&[
        "Heroku takes default process types from the LAST buildpack's bin/release only:",
        "keep this buildpack last (`heroku buildpacks`), or add this line to your Procfile,",
        "which works whatever the order:",
        &format!("  release: {}", release_command()),
    ])
}

/// `BP_MIGRATIONS_RELEASE_MODE=release-phase` is a Cloud Native Buildpacks setting.
pub fn release_mode_ignored() -> String {
    lines(&[
        "BP_MIGRATIONS_RELEASE_MODE=release-phase only applies to Cloud Native Buildpacks",
        "(Heroku's release-phase buildpack). A classic buildpack contributes the `release`",
        "process type; use your Procfile to combine it with other release commands.",
    ])
}

/// `bin/detect` on Heroku sees the app's files, not its config vars.
pub fn detect_hint() -> &'static str {
    "(bin/detect cannot read config vars on Heroku: keep the migrations in db/migrations/ or migrations/)"
}
