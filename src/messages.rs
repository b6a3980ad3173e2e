//! Every user-facing sentence of the build: build errors, check findings and
//! the buildpack's notes. The release runner's wording is in `release/report.rs`.
//! Each message says what happened, names the file, setting, URL or variable,
//! and the next step. Database URLs are always shown masked.

use crate::config::{self, ConfigError};
use crate::errors::BuildpackError;
use crate::install::auth::BINDING_TYPE;
use crate::install::{AuthError, InstallError};
use crate::migrations::checks::{Baseline, CheckReport, Finding, Severity, codes};
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
        ConfigError::InvalidToolAuth { var } => (
            format!("{var} is not a credential"),
            format!(
                "{var} is set, but is neither `USER:PASSWORD` (HTTP Basic) nor `Bearer TOKEN`. Its value is not shown. \
                 Set it to one of these forms, or unset it and pass the mirror's credentials with a service binding \
                 of type `{binding}` instead.",
                binding = crate::install::auth::BINDING_TYPE
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

fn auth_error(e: &AuthError) -> (String, String) {
    let binding = format!("a directory under <platform>/bindings (or $SERVICE_BINDING_ROOT) whose `type` file says `{BINDING_TYPE}`");
    match e {
        AuthError::InvalidSetting => config_error(&ConfigError::InvalidToolAuth { var: config::BP_TOOL_AUTH }),
        AuthError::SeveralBindings { names } => (
            format!("Several service bindings of type {BINDING_TYPE}"),
            format!("These bindings all say they hold the mirror's credentials: {}. Keep one of them ({binding}).", names.join(", ")),
        ),
        AuthError::IncompleteBinding { name, path } => (
            format!("Service binding `{name}` holds no credentials"),
            format!(
                "{} has type {BINDING_TYPE} but neither a `token` file (a bearer token) nor a `password` file \
                 (with `username`, for HTTP Basic). Add one of them.",
                path.display()
            ),
        ),
        AuthError::UnreadableBinding { path, source } => (
            "A service binding could not be read".into(),
            format!("Could not read {}: {source}. Check the binding's files and their permissions.", path.display()),
        ),
        AuthError::Conflict { first, second } => (
            "The mirror's credentials are given twice".into(),
            format!(
                "They come from {first} and from {second}. Keep one: a service binding of type {BINDING_TYPE}, \
                 {auth}, or a user and password in {url} (the least safe: remove them from the URL when you use one of the others).",
                auth = config::BP_TOOL_AUTH,
                url = config::BP_TOOL_URL
            ),
        ),
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
            "The problems are listed above with their files, grouped per code when there are many; `migrations check` lists each \
             one with its fix. The build stopped before any migration could reach a database.\n\
             Warnings only stop the build when BP_MIGRATIONS_STRICT=true, and then only those of new or changed migrations."
                .into(),
        ),
        BuildpackError::Install(i) => install_error(i),
        BuildpackError::Auth(a) => auth_error(a),
        BuildpackError::Sbom(e) => (
            "The layer SBOM could not be written".into(),
            format!("{e}.\n\nThis is a bug in the buildpack: retry the build, and report it with this output if it fails again."),
        ),
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

/// The summary line: "Checked N migration(s): no problems" or with counts,
/// and, in a build (`in_build`), what the order and the news were compared with.
fn check_summary(set: &MigrationSet, report: &CheckReport, in_build: bool) -> String {
    let order = match (&report.baseline, in_build) {
        (_, false) => String::new(),
        (Baseline::FirstBuild, true) => " (first build, so no previous versions to check the order against)".into(),
        (Baseline::Compared { new_versions, .. }, true) => {
            format!(" (order checked against the previous build; {} new, {} changed)", new_versions.len(), report.changed_versions.len())
        }
    };
    if report.findings.is_empty() {
        format!("Checked {} migration(s): no problems{order}", set.migrations.len())
    } else {
        format!(
            "Checked {} migration(s): {} error(s), {} warning(s){order}",
            set.migrations.len(),
            report.errors().len(),
            report.warnings().len()
        )
    }
}

fn finding_text(f: &Finding) -> String {
    let place = match f.line {
        Some(l) => format!("{}:{l}", f.file),
        None => f.file.clone(),
    };
    format!("{} {} {place}: {}\n{}", label(f.severity), f.code, f.message, f.fix)
}

/// `Error` or `Warning`, as a finding starts.
fn label(severity: Severity) -> &'static str {
    if severity == Severity::Error { "Error" } else { "Warning" }
}

/// Every finding in full (`migrations check`).
pub fn check_report(set: &MigrationSet, report: &CheckReport) -> CheckReportText {
    CheckReportText {
        summary: check_summary(set, report, false),
        findings: report.findings.iter().map(|f| (f.severity, finding_text(f))).collect(),
    }
}

/// One finding per line as JSON for CI (`migrations check --format json`): an
/// array of objects with `code`, `severity`, `file`, `line` (null when none),
/// `message`, `fix`, `rule` (the name of squawk's rule for the same problem,
/// null when it has none) and `new` (news for a build, see `--new-since`).
pub fn check_report_json(report: &CheckReport) -> String {
    let mut out = String::from("[");
    for (i, f) in report.findings.iter().enumerate() {
        let obj = serde_json::json!({
            "code": f.code,
            "severity": f.severity.to_string(),
            "file": f.file,
            "line": f.line,
            "message": f.message,
            "fix": f.fix,
            "rule": f.rule,
            "new": report.is_new(f),
        });
        out.push_str(if i == 0 { "\n  " } else { ",\n  " });
        out.push_str(&obj.to_string());
    }
    out.push_str(if report.findings.is_empty() { "]" } else { "\n]" });
    out
}

/// What a check code is about, in a few words (for grouped lines).
pub fn code_title(code: &str) -> &'static str {
    match code {
        codes::DUPLICATE_VERSION => "duplicate version",
        codes::DOWN_WITHOUT_UP => "down file without its up file",
        codes::DBMATE_MISSING_UP => "no `-- migrate:up`",
        codes::DBMATE_PARSE => "dbmate cannot parse the file",
        codes::DBMATE_MULTIPLE_SECTIONS => "several up/down pairs in one file",
        codes::EMPTY_UP => "up migration without SQL",
        codes::VERSION_OVERFLOW => "version too large for golang-migrate",
        codes::OUT_OF_ORDER => "new migration numbered below a deployed one",
        codes::NON_UTF8_NAME => "file name not UTF-8",
        codes::UNREADABLE => "unreadable file",
        codes::IGNORED_FILE => "file the tool ignores",
        codes::MISSING_DOWN => "no usable down migration",
        codes::ODD_EXTENSION => "copy with another extension runs too",
        codes::REMOVED_SINCE_PREVIOUS => "deployed version without a file",
        codes::CHANGED_SINCE_PREVIOUS => "deployed migration changed",
        codes::NON_TRANSACTIONAL => "cannot run inside the transaction",
        codes::TRANSACTION_CONTROL => "explicit transaction control",
        codes::ENUM_ADD_VALUE => "ALTER TYPE … ADD VALUE in a transaction",
        codes::DROP_TABLE => "DROP TABLE",
        codes::DROP_COLUMN => "DROP COLUMN",
        codes::TRUNCATE => "TRUNCATE",
        codes::RENAME => "rename of a table or column",
        codes::ALTER_COLUMN_TYPE => "column type change",
        codes::SET_NOT_NULL => "SET NOT NULL",
        codes::ADD_COLUMN_NOT_NULL => "NOT NULL column without DEFAULT",
        codes::BLOCKING_INDEX => "CREATE INDEX without CONCURRENTLY",
        codes::BLOCKING_DROP_INDEX => "DROP INDEX without CONCURRENTLY",
        codes::BLOCKING_REINDEX => "REINDEX without CONCURRENTLY",
        codes::FOREIGN_KEY_SCAN => "foreign key without NOT VALID",
        codes::CONSTRAINT_SCAN => "CHECK without NOT VALID, or VALIDATE under its lock",
        codes::CONSTRAINT_INDEX => "UNIQUE/PRIMARY KEY without USING INDEX",
        codes::COLUMN_REWRITE => "column added with a table rewrite",
        codes::TABLE_REWRITE => "VACUUM FULL or CLUSTER",
        codes::TABLE_COPY => "ALTER TABLE … SET TABLESPACE (table copy)",
        codes::LOCK_TABLE => "LOCK TABLE",
        codes::BLOCKING_DETACH => "DETACH PARTITION without CONCURRENTLY",
        codes::DOMAIN_CONSTRAINT => "ALTER DOMAIN … ADD CONSTRAINT",
        codes::LOCK_HELD_ACROSS_FILES => "lock held while later migrations run",
        codes::SEED_DATA => "seed data",
        codes::STYLE_TEXT => "varchar(n) instead of text",
        codes::STYLE_BIGINT => "int instead of bigint",
        codes::STYLE_IDENTITY => "serial instead of identity",
        codes::STYLE_TIMESTAMPTZ => "timestamp without time zone",
        codes::STYLE_CHAR => "char(n)",
        _ => "check",
    }
}

/// Lines the build's check report may take: with the other lines of the
/// buildpack's section (at most 12: title, directory, tool, install, release
/// process, done) the section stays within 25 lines.
pub const CHECK_REPORT_LINES: usize = 13;

/// One piece of the build log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogPiece {
    /// `- text`
    Bullet(String),
    /// `  - text`
    SubBullet(String),
    /// A yellow `! ` paragraph, blank lines around it.
    Warning(String),
    /// A red `! ` paragraph, blank lines around it.
    Error(String),
}

/// How many lines `pieces` take in the build log: bullets one per line of
/// text; a paragraph its lines plus a blank line before (shared with a
/// paragraph just before it) and one after.
pub fn log_lines(pieces: &[LogPiece]) -> usize {
    let mut n = 0;
    let mut after_paragraph = false;
    for p in pieces {
        match p {
            LogPiece::Bullet(t) | LogPiece::SubBullet(t) => {
                n += t.trim().lines().count().max(1);
                after_paragraph = false;
            }
            LogPiece::Warning(t) | LogPiece::Error(t) => {
                n += t.trim().lines().count().max(1) + 1 + usize::from(!after_paragraph);
                after_paragraph = true;
            }
        }
    }
    n
}

const CHECK_COMMAND: &str = "`migrations check` (e.g. `heroku run migrations check`) lists every finding";

/// `MG302 ×145, MG308 ×3, …`: codes by count, at most `max`.
fn code_counts(findings: &[&Finding], max: usize) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for f in findings {
        match counts.iter_mut().find(|(c, _)| *c == f.code) {
            Some((_, n)) => *n += 1,
            None => counts.push((f.code, 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut parts: Vec<String> = counts.iter().take(max).map(|(c, n)| format!("{c} ×{n}")).collect();
    if counts.len() > max {
        parts.push("…".into());
    }
    parts.join(", ")
}

/// Findings grouped per (severity, code), errors first, codes in order.
fn groups<'a>(findings: &[&'a Finding]) -> Vec<Vec<&'a Finding>> {
    let mut out: Vec<Vec<&'a Finding>> = Vec::new();
    for f in findings {
        match out.iter_mut().find(|g| g[0].code == f.code && g[0].severity == f.severity) {
            Some(g) => g.push(f),
            None => out.push(vec![f]),
        }
    }
    out.sort_by(|a, b| a[0].severity.cmp(&b[0].severity).then(a[0].code.cmp(b[0].code)));
    out
}

fn place(f: &Finding) -> String {
    match f.line {
        Some(l) => format!("{}:{l}", f.file),
        None if f.file.is_empty() => "(no file)".into(),
        None => f.file.clone(),
    }
}

/// `Warning MG302 ×3 (DROP COLUMN): a.sql:3, b.sql:7, c.sql:1 and 2 more`
fn group_line(g: &[&Finding]) -> String {
    let shown: Vec<String> = g.iter().take(3).map(|f| place(f)).collect();
    let more = if g.len() > 3 { format!(" and {} more", g.len() - 3) } else { String::new() };
    format!("{} {} ×{} ({}): {}{more}", label(g[0].severity), g[0].code, g.len(), code_title(g[0].code), shown.join(", "))
}

/// The findings shown one by one: in full when they fit, else one line per
/// code, else as many code lines as fit and one line for the rest.
fn detail_candidates(shown: &[&Finding]) -> Vec<Vec<LogPiece>> {
    if shown.is_empty() {
        return vec![vec![]];
    }
    let paragraph = |text: String, error: bool| if error { LogPiece::Error(text) } else { LogPiece::Warning(text) };
    let any_error = shown.iter().any(|f| f.severity == Severity::Error);
    let mut out = vec![shown.iter().map(|f| paragraph(finding_text(f), f.severity == Severity::Error)).collect()];
    // One line per finding, without its fix.
    let groups = groups(shown);
    let mut one_each: Vec<String> =
        groups.iter().flatten().map(|f| format!("{} {} {}: {}", label(f.severity), f.code, place(f), f.message)).collect();
    one_each.push(format!("{CHECK_COMMAND} with its fix"));
    out.push(vec![paragraph(one_each.join("\n"), any_error)]);
    let lines: Vec<String> = groups.iter().map(|g| group_line(g)).collect();
    // Grouped, then truncated to fewer code lines plus one for the rest.
    for keep in (0..=lines.len()).rev() {
        let mut text = lines[..keep].join("\n");
        if keep < lines.len() {
            let rest: Vec<&Finding> = groups[keep..].iter().flatten().copied().collect();
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&format!("… and {} more ({}); {CHECK_COMMAND}", rest.len(), code_counts(&rest, 4)));
        } else {
            text.push_str(&format!("\n{CHECK_COMMAND} with its fix"));
        }
        out.push(vec![paragraph(text, any_error)]);
    }
    out
}

/// The build's summary line, with the warnings not shown one by one as
/// counts (`rest`, at most `max_codes` codes named).
fn build_summary(set: &MigrationSet, report: &CheckReport, shown: &[&Finding], rest: &[&Finding], max_codes: usize) -> String {
    let n = set.migrations.len();
    match &report.baseline {
        Baseline::FirstBuild => {
            let base = check_summary(set, report, true);
            if rest.is_empty() { base } else { format!("{base}; {CHECK_COMMAND}") }
        }
        Baseline::Compared { new_versions, .. } => {
            let compared =
                format!("order checked against the previous build; {} new, {} changed", new_versions.len(), report.changed_versions.len());
            if report.findings.is_empty() {
                return format!("Checked {n} migration(s): no problems ({compared})");
            }
            let errors = shown.iter().filter(|f| f.severity == Severity::Error).count();
            let news = format!("{errors} error(s), {} warning(s) of new or changed migrations", shown.len() - errors);
            let old = if rest.is_empty() {
                String::new()
            } else {
                format!(
                    "; {} warning(s) of deployed migrations not repeated ({}), {CHECK_COMMAND}",
                    rest.len(),
                    code_counts(rest, max_codes)
                )
            };
            format!("Checked {n} migration(s) ({compared}): {news}{old}")
        }
    }
}

/// First build: the warnings not shown one by one, one line per code (then
/// fewer codes and one line for the others).
fn first_build_candidates(rest: &[&Finding]) -> Vec<Vec<LogPiece>> {
    let mut out = Vec::new();
    let gs = groups(rest);
    for keep in (1..=gs.len()).rev() {
        let mut v = Vec::new();
        for g in &gs[..keep] {
            v.push(LogPiece::SubBullet(format!("{} warning ×{}: {}", g[0].code, g.len(), code_title(g[0].code))));
        }
        if keep < gs.len() {
            let tail: Vec<&Finding> = gs[keep..].iter().flatten().copied().collect();
            v.push(LogPiece::SubBullet(format!("and {}", code_counts(&tail, 6))));
        }
        out.push(v);
    }
    out.push(vec![LogPiece::SubBullet(format!("warnings per code: {}", code_counts(rest, 6)))]);
    out
}

/// The build's check report within `budget` lines (see [`log_lines`]): the
/// summary line; errors and the warnings that are news for this build (new
/// or changed migrations), in full when they fit, else grouped per code; the
/// other warnings as counts (on a first build one line per code), with the
/// command that lists them all. After a build with nothing new, one line.
pub fn build_check_report(set: &MigrationSet, report: &CheckReport, budget: usize) -> Vec<LogPiece> {
    let first_build = report.baseline == Baseline::FirstBuild;
    let (shown, rest): (Vec<&Finding>, Vec<&Finding>) =
        report.findings.iter().partition(|f| f.severity == Severity::Error || (!first_build && report.is_new(f)));
    let head = [LogPiece::Bullet(build_summary(set, report, &shown, &rest, 5))];
    let details = detail_candidates(&shown);
    let summaries = if first_build && !rest.is_empty() { first_build_candidates(&rest) } else { vec![vec![]] };
    for d in &details {
        for s in &summaries {
            // On a first build the per-code lines come right below the summary.
            let pieces: Vec<LogPiece> = head.iter().chain(s).chain(d).cloned().collect();
            if log_lines(&pieces) <= budget {
                return pieces;
            }
        }
    }
    // The most compact form, which fits a budget of 6 lines or more.
    head.iter().chain(summaries.last().into_iter().flatten()).chain(details.last().into_iter().flatten()).cloned().collect()
}

/// The check findings in the build output (see [`build_check_report`]).
pub fn print_check_report(set: &MigrationSet, report: &CheckReport) {
    for piece in build_check_report(set, report, CHECK_REPORT_LINES) {
        match piece {
            LogPiece::Bullet(t) => output::bullet(t),
            LogPiece::SubBullet(t) => output::sub_bullet(t),
            LogPiece::Warning(t) => output::warning(t),
            LogPiece::Error(t) => output::error(t),
        }
    }
}

/// `from <URL, masked>`, and where the mirror's credentials come from.
pub fn download_source(artifact: &crate::install::ResolvedArtifact, auth: Option<&crate::install::MirrorAuth>) -> String {
    match auth {
        Some(auth) => format!("from {} (credentials from {}; never stored)", output::url(artifact.url.masked()), auth.source),
        None => format!("from {}", output::url(artifact.url.masked())),
    }
}

/// Credentials given while the tool comes from the inventory.
pub fn unused_mirror_credentials(source: &crate::install::AuthSource) -> String {
    format!(
        "Mirror credentials from {source} are not used: the tool comes from the inventory, and credentials are sent only \
         to the host of {}",
        config::BP_TOOL_URL
    )
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

/// Under the tool choice when a newer version exists only for other architectures
/// (dbmate 2.36.0 has no published linux-arm64 checksum, so arm64 gets 2.35.0).
pub fn newer_on_other_arch(artifact: &crate::install::ResolvedArtifact, newer: &str, arches: &[String]) -> String {
    let elsewhere = arches.iter().map(|a| format!("linux-{a}")).collect::<Vec<_>>().join(", ");
    format!(
        "{tool} {newer} is in the inventory for {elsewhere} only (no published checksum for linux-{arch}), \
         so this build uses {version}, the newest {tool} for linux-{arch}",
        tool = artifact.tool,
        arch = artifact.arch,
        version = artifact.version,
    )
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
