//! Every user-facing sentence, in one place: build errors, check findings, and
//! the release runner's plan, report and errors. Each message says what
//! happened, names the file, setting, URL or variable, and the next step.
//! Database URLs are always shown masked.

use crate::config::{self, ConfigError, ReleaseConfig};
use crate::db::{DbUrl, DbUrlError};
use crate::engine::{DbState, StopReason, UndoPlan};
use crate::errors::BuildpackError;
use crate::install::InstallError;
use crate::migrations::checks::{CheckReport, Severity};
use crate::migrations::{MigrationSet, ModelError};
use crate::output;
use crate::release::ReleaseError;
use crate::tool::Tool;
use indoc::formatdoc;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

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

fn model_error(e: &ModelError) -> (String, String) {
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

// ---------------------------------------------------------------- release

pub fn release_banner(set: &MigrationSet, dir: &Path, url: &DbUrl) -> String {
    format!(
        "migrations: release with {} — {} migration file(s) in {} — database {} (from ${})",
        set.tool,
        set.migrations.len(),
        dir.display(),
        url.masked(),
        url.var()
    )
}

fn list(versions: &[String]) -> String {
    if versions.is_empty() {
        return "none".into();
    }
    if versions.len() > 12 {
        return format!("{} … {} ({} in all)", versions[..5].join(", "), versions[versions.len() - 5..].join(", "), versions.len());
    }
    versions.join(", ")
}

pub fn recorded(record: &DbState, pending: &[String], set: &MigrationSet) -> String {
    format!(
        "migrations: recorded state: {} — {} of {} applied — pending: {}",
        record.describe(),
        set.migrations.len() - pending.len(),
        set.migrations.len(),
        list(pending)
    )
}

pub fn nothing_to_do(record: &DbState, set: &MigrationSet) -> String {
    format!(
        "migrations: nothing to do: the database is at {} and all {} migration(s) are applied.",
        record.describe(),
        set.migrations.len()
    )
}

pub fn missing_down_warning(versions: &[String], set: &MigrationSet) -> String {
    let files: Vec<String> = versions.iter().filter_map(|v| set.find(v)).map(|m| m.file_name()).collect();
    format!(
        "migrations: WARNING: these pending migrations have no down migration, so they cannot be undone automatically if a later one fails: {}.\n\
         migrations: Add down files, or set MIGRATIONS_REQUIRE_DOWN=true to refuse such releases.",
        files.join(", ")
    )
}

pub fn lock_timeout(waited: Duration) -> String {
    formatdoc! {"
        migrations: FAILED: another release is running migrations on this database.
        migrations: Waited {} for its lock (MIGRATIONS_LOCK_TIMEOUT); nothing was changed.
        migrations: Next step: let the other release finish, then release again (for example `heroku releases:retry`), or raise MIGRATIONS_LOCK_TIMEOUT.",
        output::duration(waited)
    }
}

pub fn lock_acquired_after_wait(waited: Duration) -> String {
    format!("migrations: another release held the lock; acquired it after {}", output::duration(waited))
}

pub fn ahead_warning(versions: &[String], newest: Option<&str>, tool: Tool) -> String {
    formatdoc! {"
        migrations: WARNING: the database is ahead of this code: it has version(s) {} that no file in this release knows (newest file: {}).
        migrations: This happens after a rollback of the code: the platform never rolls the database back.
        migrations: Nothing was run, and the release continues (set MIGRATIONS_AHEAD=fail to stop it instead).
        migrations: If the newer schema must go, deploy the release that has those migrations and undo them with {} there.",
        list(versions),
        newest.unwrap_or("none"),
        match tool { Tool::GolangMigrate => "`migrate goto <version>`", Tool::Dbmate => "`dbmate rollback`" }
    }
}

pub fn stopped_before_apply(reason: StopReason) -> String {
    format!(
        "migrations: FAILED: {} before any migration ran; nothing was changed. Release again when ready.",
        match reason {
            StopReason::Signal => "the release was stopped by a signal (SIGTERM/SIGINT)",
            StopReason::Deadline => "the release reached MIGRATIONS_TIMEOUT",
        }
    )
}

pub fn success(record: &DbState, now: &DbState, pending: &[String], elapsed: Duration) -> String {
    format!(
        "migrations: done: applied {} migration(s) ({}) in {}; database went from {} to {}.",
        pending.len(),
        list(pending),
        output::duration(elapsed),
        record.describe(),
        now.describe()
    )
}

pub fn undo_start(plan: &UndoPlan) -> String {
    let mut s = format!("migrations: undoing what this release applied, newest first: {}", list(&plan.undone));
    if !plan.cannot_undo.is_empty() {
        let _ = write!(s, "\nmigrations: cannot undo (no down migration): {}", list(&plan.cannot_undo));
    }
    s
}

/// Everything the failure report shows.
pub struct FailureReport {
    pub tool: Tool,
    pub pending: Vec<String>,
    pub applied: Vec<String>,
    pub failed: Option<String>,
    pub failed_file: Option<PathBuf>,
    pub error_lines: Vec<String>,
    pub stopped: Option<StopReason>,
    pub undone: Vec<String>,
    pub cannot_undo: Vec<String>,
    pub record: DbState,
    pub now: DbState,
    pub manual: Vec<String>,
    pub undo_error: Option<String>,
    pub on_failure_stop: bool,
}

/// `in line L:` from golang-migrate's error, or `line: L,` from dbmate's.
fn error_line_number(lines: &[String]) -> Option<usize> {
    for l in lines {
        for marker in [" in line ", "line: "] {
            if let Some(i) = l.find(marker) {
                let digits: String = l[i + marker.len()..].chars().take_while(char::is_ascii_digit).collect();
                if let Ok(n) = digits.parse() {
                    return Some(n);
                }
            }
        }
    }
    None
}

pub fn failure_report(r: &FailureReport) -> String {
    let restored = r.now.version == r.record.version && !r.now.dirty && r.now.applied == r.record.applied;
    let mut s = String::from("\nmigrations: ======================== RELEASE FAILED ========================\n");
    let cause = match r.stopped {
        Some(StopReason::Signal) => "the release was stopped by a signal (SIGTERM/SIGINT) while migrating".to_string(),
        Some(StopReason::Deadline) => "the release ran past MIGRATIONS_TIMEOUT and was stopped".to_string(),
        None => match (&r.failed, &r.failed_file) {
            (Some(v), Some(f)) => {
                format!("migration {v} failed ({})", f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default())
            }
            (Some(v), None) => format!("migration {v} failed"),
            _ => "the migration tool failed".to_string(),
        },
    };
    let _ = writeln!(s, "What happened: {cause}.");
    for l in r.error_lines.iter().take(6) {
        let _ = writeln!(s, "  {l}");
    }
    if let (Some(file), Some(n)) = (&r.failed_file, error_line_number(&r.error_lines)) {
        if n > 0 {
            if let Ok(text) = std::fs::read_to_string(file) {
                if let Some(line) = text.lines().nth(n - 1) {
                    let _ = writeln!(s, "  at {}:{n}: {}", file.file_name().unwrap_or_default().to_string_lossy(), line.trim());
                }
            }
        }
    }
    let _ = writeln!(s, "Pending at start:   {}", list(&r.pending));
    let _ = writeln!(s, "Applied this run:   {}", list(&r.applied));
    if r.on_failure_stop {
        let _ = writeln!(s, "Undone:             nothing (MIGRATIONS_ON_FAILURE=stop)");
    } else {
        let _ = writeln!(s, "Undone:             {}", list(&r.undone));
        if !r.cannot_undo.is_empty() {
            let _ = writeln!(s, "Could not undo:     {} (no down migration)", list(&r.cannot_undo));
        }
    }
    if let Some(e) = &r.undo_error {
        let _ = writeln!(s, "Undo failed:        {e}");
    }
    let _ = writeln!(s, "State before:       {}", r.record.describe());
    let _ = writeln!(s, "State now:          {}", r.now.describe());
    if restored {
        let next = match r.stopped {
            Some(StopReason::Signal) => "release again (for example `heroku releases:retry`, or redeploy)",
            Some(StopReason::Deadline) => {
                "make the slow migration faster or split it, or raise MIGRATIONS_TIMEOUT (the platform allows one hour), then deploy again"
            }
            None => "fix the failing migration, then deploy again",
        };
        let _ = writeln!(s, "The database is back where this release found it. The previous release keeps running.\nNext step: {next}.");
    } else {
        let _ = writeln!(
            s,
            "The database is NOT where this release found it. The previous release keeps running against it.\n\
             Next step: inspect the schema, then run these commands (from `heroku run bash` or a machine that can reach the database):"
        );
        for c in &r.manual {
            let _ = writeln!(s, "  {c}");
        }
    }
    let _ = writeln!(s, "migrations: ================================================================");
    s
}

pub fn state_unknown(e: &crate::engine::EngineError, record: &DbState, manual: Vec<String>) -> String {
    let mut s = formatdoc! {"
        migrations: FAILED: the migration tool stopped and the database state could not be read afterwards: {e}
        migrations: State before this release: {}. The database may be anywhere between that and fully migrated.
        migrations: Next step: once the database is reachable, check and repair with:",
        record.describe()
    };
    for c in manual {
        let _ = write!(s, "\n  {c}");
    }
    s
}

fn db_url_error(e: &DbUrlError) -> String {
    let how = |var: &str| {
        format!(
            "Set it on the platform: `heroku config:set {var}=postgres://USER:PASSWORD@HOST:5432/DATABASE` (Heroku), \
             `docker run --env {var}=…` or `pack build … --env {var}=…` (containers)."
        )
    };
    match e {
        DbUrlError::Missing { var } => format!(
            "The database URL variable {var} is not set.\n{}\nIf your URL lives in another variable, set MIGRATIONS_DATABASE_URL_VAR to its name.",
            how(var)
        ),
        DbUrlError::Empty { var } => format!("The database URL variable {var} is empty.\n{}", how(var)),
        DbUrlError::Unparseable { var, reason } => format!("{var} is not a valid URL ({reason}).\n{}", how(var)),
        DbUrlError::Scheme { var, scheme } => {
            format!("{var} uses the scheme `{scheme}://`; this buildpack migrates PostgreSQL, so use postgres:// or postgresql://.")
        }
        DbUrlError::SslMode { var, value } => format!(
            "{var} has sslmode={value}. Use one of disable, allow, prefer, require, verify-ca, verify-full \
             (no sslmode means require, which is what Heroku Postgres needs)."
        ),
    }
}

fn connect_hint(error: &str) -> &'static str {
    if error.contains("password authentication failed") {
        "The user name or password in the URL is wrong: check the variable's value (`heroku config:get`), or rotate the credentials."
    } else if error.contains("server does not support TLS") || error.contains("SSL is not enabled") || error.contains("TLS") {
        "The server does not accept TLS, and the URL asks for it (no sslmode means require). For a local server without TLS add `?sslmode=disable` to the URL; never do that for a remote database."
    } else if error.contains("does not exist") {
        "The database named in the URL does not exist: create it, or fix the name in the URL."
    } else if error.contains("refused") || error.contains("timed out") || error.contains("error connecting") || error.contains("lookup") {
        "The server could not be reached: check the host and port in the URL, and that the database is running and accepts connections from here."
    } else {
        "Check the URL, and that the database is running and reachable from here."
    }
}

/// After a stop: the tool's sessions that could not be confirmed gone.
pub fn tool_sessions_left(left: &crate::db::SessionsLeft) -> String {
    match left {
        crate::db::SessionsLeft::None => "migrations: the tool's database sessions are gone".to_string(),
        crate::db::SessionsLeft::Some(n) => {
            format!("migrations: WARNING: {n} database session(s) of the stopped tool are still there after being ended")
        }
        crate::db::SessionsLeft::Unknown(e) => {
            format!("migrations: WARNING: could not tell whether the stopped tool's database sessions are gone: {e}")
        }
    }
}

/// The message for an error that stopped the release before anything ran.
pub fn release_error(e: &ReleaseError, config: &ReleaseConfig) -> String {
    let body = match e {
        ReleaseError::Config(c) => {
            let (h, b) = config_error(c);
            format!("{h}.\n{b}")
        }
        ReleaseError::Url(u) => db_url_error(u),
        ReleaseError::NoDir { looked } => format!(
            "No migrations directory: looked for {}. The buildpack sets MIGRATIONS_DIR in the image; outside an image, run from the app root or set MIGRATIONS_DIR.",
            looked.join(", ")
        ),
        ReleaseError::Tool { value } => format!("MIGRATIONS_TOOL={value:?} is not golang-migrate or dbmate."),
        ReleaseError::NoToolGuess { dir } => {
            format!(
                "No migration files in {} tell golang-migrate from dbmate: set MIGRATIONS_TOOL=golang-migrate or dbmate.",
                dir.display()
            )
        }
        ReleaseError::Model(m) => model_error(m).1,
        ReleaseError::Connect { url, error: crate::db::DbError::TransactionPooler(why) } => formatdoc! {"
            {url} (from ${var}) goes through a transaction-mode connection pooler: {why}.
            Behind such a pooler the runner's lock protects nothing (two releases could migrate at once) and a
            lock left on a pooled server connection outlives the release. Migrations need a direct connection.
            Release with the database's direct URL: set MIGRATIONS_DATABASE_URL_VAR to the name of the variable
            that holds it (on Heroku, DATABASE_URL; the pooler is DATABASE_CONNECTION_POOL_URL), and keep the
            pooled URL for the app's web and worker processes. Nothing was changed.",
            var = config.database_url_var
        },
        ReleaseError::Connect { url, error } => {
            let text = error.to_string();
            format!("Cannot connect to the database {url} (from ${}): {text}\n{}", config.database_url_var, connect_hint(&text))
        }
        ReleaseError::State(crate::engine::EngineError::Spawn { program, source }) => format!(
            "Could not run the migration tool `{program}`: {source}.\n\
             In an image built by this buildpack it is on PATH; outside one, install {program} and put it on PATH."
        ),
        ReleaseError::State(engine_error) => {
            let text = engine_error.to_string();
            format!("Could not read the database's migration state: {text}\n{}", connect_hint(&text))
        }
        ReleaseError::Dirty { state, commands } => {
            let mut s = formatdoc! {"
                The database is dirty: {}.
                A previous migration run failed part-way and the tool recorded it. No migration can run until
                someone checks what that migration left behind and marks the right version, by hand.
                Nothing was changed. Inspect and repair with:",
                state.describe()
            };
            for c in commands {
                let _ = write!(s, "\n  {c}");
            }
            s
        }
        ReleaseError::Orphan { versions, newest_file } => format!(
            "The database has version(s) {} that no migration file in this release has, and they are older than the newest file ({newest_file}).\n\
             A migration file was deleted or renamed after it was applied. Restore the file (same version number), or, if it was removed on purpose, \
             record that by hand. Nothing was changed.",
            list(versions)
        ),
        ReleaseError::Ahead { versions, newest_file } => format!(
            "The database is ahead of this code: version(s) {} are newer than every migration file here (newest: {}).\n\
             MIGRATIONS_AHEAD=fail stops such releases. Deploy the code that has those migrations, or unset MIGRATIONS_AHEAD to let them through with a warning.",
            list(versions),
            newest_file.as_deref().unwrap_or("none")
        ),
        ReleaseError::MissingDown { versions } => format!(
            "Pending migrations without a down migration: {}. MIGRATIONS_REQUIRE_DOWN=true refuses to apply migrations that could not be undone \
             if a later one fails. Add a down migration for each, or unset MIGRATIONS_REQUIRE_DOWN. Nothing was changed.",
            list(versions)
        ),
    };
    format!("migrations: REFUSED: {}", body.replace('\n', "\nmigrations: "))
}

pub fn status(set: &MigrationSet, state: &DbState, pending: &[String], problems: &[String], url: &DbUrl) -> String {
    let mut s = format!(
        "Database: {} ({})\nTool: {}, {} migration file(s) in {}\n\n",
        url.masked(),
        state.describe(),
        set.tool,
        set.migrations.len(),
        set.dir.display()
    );
    let pending_set: std::collections::HashSet<&String> = pending.iter().collect();
    for m in &set.migrations {
        let mark = if pending_set.contains(&m.version) { "pending" } else { "applied" };
        let down = if m.has_down { "" } else { "  (no down migration)" };
        let _ = writeln!(s, "  {mark:<8} {:<20} {}{down}", m.version, m.file_name());
    }
    for o in &state.orphans {
        let _ = writeln!(s, "  applied  {o:<20} (no file in this release)");
    }
    let _ = write!(s, "\nApplied: {}  Pending: {}", set.migrations.len() - pending.len(), pending.len());
    for p in problems {
        let _ = write!(s, "\n\nProblem: {p}");
    }
    s
}
