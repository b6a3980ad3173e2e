//! Every user-facing setting, parsed and validated once.
//!
//! Build-time settings (`BP_MIGRATIONS_*`) come from the platform's env dir
//! (Heroku config vars, `pack build --env`). Release-time settings
//! (`MIGRATIONS_*`) come from the release process's environment. Each
//! function takes a lookup closure so the same parsing serves the CNB build,
//! the runner and the tests.

use crate::install::MirrorAuth;
use crate::migrations::Lint;
use crate::redact::SecretUrl;
use crate::tool_kind::ToolKind;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

/// Directories tried, in order, when `BP_MIGRATIONS_DIR` is unset.
pub const DEFAULT_DIRS: [&str; 2] = ["db/migrations", "migrations"];

pub const BP_DIR: &str = "BP_MIGRATIONS_DIR";
pub const BP_TOOL: &str = "BP_MIGRATIONS_TOOL";
pub const BP_TOOL_VERSION: &str = "BP_MIGRATIONS_TOOL_VERSION";
pub const BP_TOOL_URL: &str = "BP_MIGRATIONS_TOOL_URL";
pub const BP_TOOL_SHA256: &str = "BP_MIGRATIONS_TOOL_SHA256";
/// Credentials for `BP_MIGRATIONS_TOOL_URL`'s host: `USER:PASSWORD` or `Bearer TOKEN`.
pub const BP_TOOL_AUTH: &str = "BP_MIGRATIONS_TOOL_AUTH";
pub const BP_STRICT: &str = "BP_MIGRATIONS_STRICT";
pub const BP_ALLOW_OUT_OF_ORDER: &str = "BP_MIGRATIONS_ALLOW_OUT_OF_ORDER";
pub const BP_RELEASE_MODE: &str = "BP_MIGRATIONS_RELEASE_MODE";
pub const BP_LINT: &str = "BP_MIGRATIONS_LINT";

pub const DATABASE_URL_VAR: &str = "MIGRATIONS_DATABASE_URL_VAR";
pub const AHEAD: &str = "MIGRATIONS_AHEAD";
pub const LOCK_TIMEOUT: &str = "MIGRATIONS_LOCK_TIMEOUT";
pub const TIMEOUT: &str = "MIGRATIONS_TIMEOUT";
pub const REQUIRE_DOWN: &str = "MIGRATIONS_REQUIRE_DOWN";
pub const ON_FAILURE: &str = "MIGRATIONS_ON_FAILURE";
pub const TX_MODE: &str = "MIGRATIONS_TX_MODE";
pub const LOCK_RETRIES: &str = "MIGRATIONS_LOCK_RETRIES";
pub const STOP_GRACE: &str = "MIGRATIONS_STOP_GRACE";
/// How long other sessions may wait for the release's locks before it is cancelled (`off`: never).
pub const MAX_BLOCKING: &str = "MIGRATIONS_MAX_BLOCKING";
/// How often a long statement prints a progress line (`off`: never).
pub const PROGRESS_INTERVAL: &str = "MIGRATIONS_PROGRESS_INTERVAL";
/// The default of [`MAX_BLOCKING`]: well under Heroku's 30 s router timeout.
pub const DEFAULT_MAX_BLOCKING: Duration = Duration::from_secs(15);
/// The default of [`PROGRESS_INTERVAL`].
pub const DEFAULT_PROGRESS_INTERVAL: Duration = Duration::from_secs(10);
/// The default stop budget ([`STOP_GRACE`]): Heroku sends SIGKILL 30 s after SIGTERM.
pub const DEFAULT_STOP_GRACE: Duration = Duration::from_secs(25);
/// Written by the buildpack into the launch environment: the engine to use.
pub const TOOL: &str = "MIGRATIONS_TOOL";
/// Written by the buildpack into the launch environment: the migrations dir, relative to the app.
pub const DIR: &str = "MIGRATIONS_DIR";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("{var}={value:?} is not a boolean")]
    InvalidBool { var: &'static str, value: String },
    #[error("{var}={value:?} is not one of {allowed}")]
    InvalidChoice { var: &'static str, value: String, allowed: &'static str },
    #[error("{var}={value:?} is not a duration")]
    InvalidDuration { var: &'static str, value: String },
    #[error("{var}={value:?} is not between {min} and {max}")]
    DurationOutOfRange { var: &'static str, value: String, min: &'static str, max: &'static str },
    #[error("{var}={value:?} must be a relative path inside the app")]
    DirOutsideApp { var: &'static str, value: String },
    #[error("{set} is set but {missing} is not")]
    HalfCustomArtifact { set: &'static str, missing: &'static str },
    #[error("{var}={value:?} is not a valid environment variable name")]
    InvalidVarName { var: &'static str, value: String },
    /// The value is a secret: never part of the error.
    #[error("{var} is neither USER:PASSWORD nor `Bearer TOKEN`")]
    InvalidToolAuth { var: &'static str },
}

/// How the buildpack hooks the runner into the platform's release step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReleaseMode {
    /// Contribute the `release` process type.
    Process,
    /// Add a command to Heroku's release-phase buildpack through the Build Plan.
    ReleasePhase,
}

/// A custom artifact from a mirror or an air-gapped store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomArtifact {
    /// May carry credentials: shown only masked.
    pub url: SecretUrl,
    pub sha256: String,
}

/// Build-time settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildConfig {
    /// `BP_MIGRATIONS_DIR` as given (relative to the app root), if set.
    pub dir: Option<PathBuf>,
    pub tool: Option<ToolKind>,
    pub tool_version: Option<String>,
    pub custom_artifact: Option<CustomArtifact>,
    /// `BP_MIGRATIONS_TOOL_AUTH`, parsed (its `Debug` shows no secret).
    pub tool_auth: Option<MirrorAuth>,
    pub strict: bool,
    pub allow_out_of_order: bool,
    pub release_mode: ReleaseMode,
    /// Which lock-safety and style rules run (`BP_MIGRATIONS_LINT`).
    pub lint: Lint,
}

fn get(lookup: &impl Fn(&str) -> Option<String>, var: &str) -> Option<String> {
    lookup(var).map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

pub fn parse_bool(var: &'static str, value: Option<String>, default: bool) -> Result<bool, ConfigError> {
    match value.as_deref().map(str::to_ascii_lowercase).as_deref() {
        None => Ok(default),
        Some("true" | "1" | "yes" | "on") => Ok(true),
        Some("false" | "0" | "no" | "off") => Ok(false),
        Some(_) => Err(ConfigError::InvalidBool { var, value: value.unwrap_or_default() }),
    }
}

/// One of a fixed set of values (case-insensitive); the first is the default when unset.
fn parse_choice<T: Copy>(
    lookup: &impl Fn(&str) -> Option<String>,
    var: &'static str,
    choices: &[(&str, T)],
    allowed: &'static str,
) -> Result<T, ConfigError> {
    match get(lookup, var) {
        None => Ok(choices[0].1),
        Some(value) => choices
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(&value))
            .map(|(_, v)| *v)
            .ok_or(ConfigError::InvalidChoice { var, value, allowed }),
    }
}

/// `BP_MIGRATIONS_LINT`: `locks` (default), `all` (also the style rules) or `off`.
pub fn parse_lint(lookup: &impl Fn(&str) -> Option<String>) -> Result<Lint, ConfigError> {
    parse_choice(lookup, BP_LINT, &[("locks", Lint::Locks), ("all", Lint::All), ("off", Lint::Off)], "locks, all, off")
}

/// A relative path that stays inside the app (no absolute path, no `..`).
/// A migration tool's name (`golang-migrate`, `migrate`, `dbmate`).
fn parse_tool(var: &'static str, value: &str) -> Result<ToolKind, ConfigError> {
    value.parse::<ToolKind>().map_err(|_| ConfigError::InvalidChoice { var, value: value.to_string(), allowed: "golang-migrate, dbmate" })
}

pub fn parse_app_relative_dir(var: &'static str, value: &str) -> Result<PathBuf, ConfigError> {
    let path = Path::new(value);
    let ok = path.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if ok && path.components().any(|c| matches!(c, Component::Normal(_))) {
        Ok(path.to_path_buf())
    } else {
        Err(ConfigError::DirOutsideApp { var, value: value.to_string() })
    }
}

/// Parse a duration: plain seconds (`90`), or with units as `humantime` reads
/// them: `90s`, `5m`, `1h`, `1h 30m`, `2min`.
pub fn parse_duration(var: &'static str, value: &str) -> Result<Duration, ConfigError> {
    let v = value.trim();
    let err = || ConfigError::InvalidDuration { var, value: value.to_string() };
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        return v.parse::<u64>().map(Duration::from_secs).map_err(|_| err());
    }
    humantime::parse_duration(v).map_err(|_| err())
}

impl BuildConfig {
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let dir = get(&lookup, BP_DIR).map(|v| parse_app_relative_dir(BP_DIR, &v)).transpose()?;
        let tool = get(&lookup, BP_TOOL).map(|v| parse_tool(BP_TOOL, &v)).transpose()?;
        let custom_artifact = match (get(&lookup, BP_TOOL_URL), get(&lookup, BP_TOOL_SHA256)) {
            (Some(url), Some(sha256)) => Some(CustomArtifact { url: SecretUrl::new(url), sha256 }),
            (None, None) => None,
            (Some(_), None) => {
                return Err(ConfigError::HalfCustomArtifact { set: BP_TOOL_URL, missing: BP_TOOL_SHA256 });
            }
            (None, Some(_)) => {
                return Err(ConfigError::HalfCustomArtifact { set: BP_TOOL_SHA256, missing: BP_TOOL_URL });
            }
        };
        let release_mode = parse_choice(
            &lookup,
            BP_RELEASE_MODE,
            &[("process", ReleaseMode::Process), ("release-phase", ReleaseMode::ReleasePhase)],
            "process, release-phase",
        )?;
        Ok(BuildConfig {
            dir,
            tool,
            tool_version: get(&lookup, BP_TOOL_VERSION),
            custom_artifact,
            tool_auth: get(&lookup, BP_TOOL_AUTH)
                .map(|v| crate::install::auth::from_setting(&v).map_err(|_| ConfigError::InvalidToolAuth { var: BP_TOOL_AUTH }))
                .transpose()?,
            strict: parse_bool(BP_STRICT, get(&lookup, BP_STRICT), false)?,
            allow_out_of_order: parse_bool(BP_ALLOW_OUT_OF_ORDER, get(&lookup, BP_ALLOW_OUT_OF_ORDER), false)?,
            release_mode,
            lint: parse_lint(&lookup)?,
        })
    }
}

/// What to do when the database is newer than the newest migration file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AheadPolicy {
    Warn,
    Fail,
}

/// What to do after a failed migration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnFailure {
    /// Undo what this release applied (default).
    Rollback,
    /// Report and leave the database as the failure left it.
    Stop,
}

/// Release-time settings (read by the runner from its own environment).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseConfig {
    /// The name of the variable holding the database URL (`DATABASE_URL` by default).
    pub database_url_var: String,
    pub ahead: AheadPolicy,
    pub lock_timeout: Duration,
    pub timeout: Duration,
    pub require_down: bool,
    pub on_failure: OnFailure,
    pub tx: TxConfig,
    /// Everything after SIGTERM or the deadline (the tool stopping, the undo, the report) fits in this.
    pub stop_grace: Duration,
    /// `MIGRATIONS_DIR` (app relative; the build writes it into the image), else detection's defaults.
    pub dir: Option<PathBuf>,
    /// `MIGRATIONS_TOOL` (the build writes it into the image), else the files' layout.
    pub tool: Option<ToolKind>,
    /// `MIGRATIONS_MAX_BLOCKING`: the longest another session may wait for the release's locks
    /// before the release is cancelled (`None`: `off`).
    pub max_blocking: Option<Duration>,
    /// `MIGRATIONS_PROGRESS_INTERVAL`: a line per interval while one statement runs longer (`None`: `off`).
    pub progress_interval: Option<Duration>,
}

/// `off`, or a duration from 1 s to 1 h; `default` when unset. The guard and the progress lines
/// look every few hundred milliseconds, so less than a second is not a limit they could keep.
fn parse_off_or_duration(
    lookup: &impl Fn(&str) -> Option<String>,
    var: &'static str,
    default: Duration,
) -> Result<Option<Duration>, ConfigError> {
    let Some(value) = get(lookup, var) else { return Ok(Some(default)) };
    if value.eq_ignore_ascii_case("off") {
        return Ok(None);
    }
    let allowed = "`off`, or a duration from 1s to 1h such as `15s`";
    match parse_duration(var, &value) {
        Ok(d) if (Duration::from_secs(1)..=Duration::from_secs(3600)).contains(&d) => Ok(Some(d)),
        _ => Err(ConfigError::InvalidChoice { var, value, allowed }),
    }
}

impl ReleaseConfig {
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let database_url_var = get(&lookup, DATABASE_URL_VAR).unwrap_or_else(|| "DATABASE_URL".to_string());
        let valid_name = database_url_var.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !database_url_var.starts_with(|c: char| c.is_ascii_digit());
        if !valid_name {
            return Err(ConfigError::InvalidVarName { var: DATABASE_URL_VAR, value: database_url_var });
        }
        let ahead = parse_choice(&lookup, AHEAD, &[("warn", AheadPolicy::Warn), ("fail", AheadPolicy::Fail)], "warn, fail")?;
        let on_failure =
            parse_choice(&lookup, ON_FAILURE, &[("rollback", OnFailure::Rollback), ("stop", OnFailure::Stop)], "rollback, stop")?;
        let lock_timeout =
            get(&lookup, LOCK_TIMEOUT).map(|v| parse_duration(LOCK_TIMEOUT, &v)).transpose()?.unwrap_or(Duration::from_secs(60));
        let timeout = get(&lookup, TIMEOUT).map(|v| parse_duration(TIMEOUT, &v)).transpose()?.unwrap_or(Duration::from_secs(50 * 60));
        let stop_grace = match get(&lookup, STOP_GRACE) {
            None => DEFAULT_STOP_GRACE,
            Some(v) => {
                let d = parse_duration(STOP_GRACE, &v)?;
                // Under 5 s there is no time to stop a tool and undo; Heroku kills 30 s after SIGTERM.
                if d < Duration::from_secs(5) || d > Duration::from_secs(3600) {
                    return Err(ConfigError::DurationOutOfRange { var: STOP_GRACE, value: v, min: "5s", max: "1h" });
                }
                d
            }
        };
        let dir = get(&lookup, DIR).map(|v| parse_app_relative_dir(DIR, &v)).transpose()?;
        let tool = get(&lookup, TOOL).map(|v| parse_tool(TOOL, &v)).transpose()?;
        Ok(ReleaseConfig {
            dir,
            tool,
            max_blocking: parse_off_or_duration(&lookup, MAX_BLOCKING, DEFAULT_MAX_BLOCKING)?,
            progress_interval: parse_off_or_duration(&lookup, PROGRESS_INTERVAL, DEFAULT_PROGRESS_INTERVAL)?,
            stop_grace,
            database_url_var,
            ahead,
            lock_timeout,
            timeout,
            require_down: parse_bool(REQUIRE_DOWN, get(&lookup, REQUIRE_DOWN), false)?,
            on_failure,
            tx: TxConfig::from_lookup(&lookup)?,
        })
    }
}

// ------------------------------------------------ release transaction settings (issue 12)

/// `MIGRATIONS_TX_MODE`: how the pending migrations are applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TxMode {
    /// `all` when every pending migration can run inside one transaction, else `file`.
    Auto,
    /// Every pending migration in one transaction, applied by the runner.
    All,
    /// The tool applies each file in its own transaction; undo with down files.
    File,
}

/// The default lock-retry schedule: short lock timeouts growing, then one attempt without.
pub const DEFAULT_LOCK_RETRIES: &str = "250ms,500ms,1s,2s,5s,10s,none";

/// The release's transaction settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TxConfig {
    pub mode: TxMode,
    /// One entry per attempt of an `all` release: its `lock_timeout` (`None`: no lock timeout).
    pub lock_retries: Vec<Option<Duration>>,
}

/// `MIGRATIONS_LOCK_RETRIES`: `off`, or lock timeouts separated by commas with an optional final `none`.
pub fn parse_lock_retries(var: &'static str, value: &str) -> Result<Vec<Option<Duration>>, ConfigError> {
    let bad = || ConfigError::InvalidChoice { var, value: value.to_string(), allowed: "off, or lock timeouts such as `1s,5s,none`" };
    if value.trim().eq_ignore_ascii_case("off") {
        return Ok(vec![None]);
    }
    let items: Vec<&str> = value.split(',').map(str::trim).collect();
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        if item.eq_ignore_ascii_case("none") {
            if i + 1 != items.len() {
                return Err(bad());
            }
            out.push(None);
            continue;
        }
        // `250ms` as well as `1s`: humantime reads both. PostgreSQL's lock_timeout
        // is a 32-bit number of milliseconds; a day is plenty.
        let d = parse_duration(var, item).map_err(|_| bad())?;
        if d.is_zero() || d > Duration::from_secs(24 * 3600) {
            return Err(bad());
        }
        out.push(Some(d));
    }
    Ok(out)
}

impl TxConfig {
    pub fn from_lookup(lookup: &impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let mode =
            parse_choice(lookup, TX_MODE, &[("auto", TxMode::Auto), ("all", TxMode::All), ("file", TxMode::File)], "auto, all, file")?;
        let retries = get(lookup, LOCK_RETRIES).unwrap_or_else(|| DEFAULT_LOCK_RETRIES.to_string());
        Ok(TxConfig { mode, lock_retries: parse_lock_retries(LOCK_RETRIES, &retries)? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn durations_in_seconds_or_with_units() {
        for (text, secs) in [("90", 90), ("90s", 90), ("5m", 300), ("5min", 300), ("1h", 3600), ("1h 30m", 5400), (" 2m ", 120)] {
            assert_eq!(parse_duration(TIMEOUT, text), Ok(Duration::from_secs(secs)), "{text}");
        }
        assert_eq!(parse_duration(TIMEOUT, "1500ms"), Ok(Duration::from_millis(1500)));
        for bad in ["soon", "5 parsecs", "m", "1.5.5s", "-1s"] {
            assert_eq!(parse_duration(TIMEOUT, bad), Err(ConfigError::InvalidDuration { var: TIMEOUT, value: bad.into() }), "{bad}");
        }
    }

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn build_defaults() {
        let c = BuildConfig::from_lookup(env(&[])).unwrap();
        assert_eq!(c.dir, None);
        assert_eq!(c.tool, None);
        assert!(!c.strict && !c.allow_out_of_order);
        assert_eq!(c.release_mode, ReleaseMode::Process);
        assert_eq!(c.lint, Lint::Locks);
    }

    #[test]
    fn lint_levels() {
        for (v, lint) in [("locks", Lint::Locks), ("ALL", Lint::All), (" off ", Lint::Off)] {
            assert_eq!(BuildConfig::from_lookup(env(&[(BP_LINT, v)])).unwrap().lint, lint, "{v}");
        }
        let e = BuildConfig::from_lookup(env(&[(BP_LINT, "style")])).unwrap_err();
        assert_eq!(e.to_string(), "BP_MIGRATIONS_LINT=\"style\" is not one of locks, all, off");
    }

    #[test]
    fn custom_artifact_needs_both_settings() {
        let e = BuildConfig::from_lookup(env(&[(BP_TOOL_URL, "http://x/y")])).unwrap_err();
        assert_eq!(e, ConfigError::HalfCustomArtifact { set: BP_TOOL_URL, missing: BP_TOOL_SHA256 });
        let e = BuildConfig::from_lookup(env(&[(BP_TOOL_SHA256, "ab")])).unwrap_err();
        assert_eq!(e, ConfigError::HalfCustomArtifact { set: BP_TOOL_SHA256, missing: BP_TOOL_URL });
        let c = BuildConfig::from_lookup(env(&[(BP_TOOL_URL, "http://x/y"), (BP_TOOL_SHA256, "ab")])).unwrap();
        assert_eq!(c.custom_artifact.unwrap().url.expose(), "http://x/y");
    }

    #[test]
    fn tool_auth_is_parsed_and_never_echoed() {
        let c = BuildConfig::from_lookup(env(&[(BP_TOOL_AUTH, "ci:hunter2-pw")])).unwrap();
        let auth = c.tool_auth.clone().unwrap();
        assert!(auth.header_value().starts_with("Basic "));
        assert!(!format!("{c:?}").contains("hunter2-pw"), "{c:?}");
        let e = BuildConfig::from_lookup(env(&[(BP_TOOL_AUTH, "just-a-secret-token")])).unwrap_err();
        assert_eq!(e, ConfigError::InvalidToolAuth { var: BP_TOOL_AUTH });
        assert!(!e.to_string().contains("just-a-secret-token"));
        let c = BuildConfig::from_lookup(env(&[(BP_TOOL_URL, "https://u:pw-in-url@h/x"), (BP_TOOL_SHA256, "ab")])).unwrap();
        assert!(!format!("{c:?}").contains("pw-in-url"), "{c:?}");
    }

    #[test]
    fn bad_values_name_the_variable() {
        let e = BuildConfig::from_lookup(env(&[(BP_STRICT, "maybe")])).unwrap_err();
        assert!(e.to_string().contains("BP_MIGRATIONS_STRICT"));
        let e = BuildConfig::from_lookup(env(&[(BP_TOOL, "flyway")])).unwrap_err();
        assert!(e.to_string().contains("BP_MIGRATIONS_TOOL"));
        let e = BuildConfig::from_lookup(env(&[(BP_DIR, "../elsewhere")])).unwrap_err();
        assert!(matches!(e, ConfigError::DirOutsideApp { .. }));
        let e = BuildConfig::from_lookup(env(&[(BP_DIR, "/abs")])).unwrap_err();
        assert!(matches!(e, ConfigError::DirOutsideApp { .. }));
        assert!(BuildConfig::from_lookup(env(&[(BP_DIR, "sql/./migrations")])).is_ok());
    }

    #[test]
    fn release_defaults_and_overrides() {
        let c = ReleaseConfig::from_lookup(env(&[])).unwrap();
        assert_eq!(c.database_url_var, "DATABASE_URL");
        assert_eq!(c.lock_timeout, Duration::from_secs(60));
        assert_eq!(c.timeout, Duration::from_secs(3000));
        assert_eq!(c.ahead, AheadPolicy::Warn);
        assert_eq!(c.on_failure, OnFailure::Rollback);
        assert_eq!(c.stop_grace, Duration::from_secs(25));
        assert_eq!(ReleaseConfig::from_lookup(env(&[(STOP_GRACE, "10s")])).unwrap().stop_grace, Duration::from_secs(10));
        assert_eq!(
            ReleaseConfig::from_lookup(env(&[(STOP_GRACE, "2")])).unwrap_err(),
            ConfigError::DurationOutOfRange { var: STOP_GRACE, value: "2".into(), min: "5s", max: "1h" }
        );
        let c = ReleaseConfig::from_lookup(env(&[
            (DATABASE_URL_VAR, "HEROKU_POSTGRESQL_RED_URL"),
            (LOCK_TIMEOUT, "5"),
            (TIMEOUT, "10m"),
            (AHEAD, "fail"),
            (ON_FAILURE, "stop"),
            (REQUIRE_DOWN, "true"),
        ]))
        .unwrap();
        assert_eq!(c.database_url_var, "HEROKU_POSTGRESQL_RED_URL");
        assert_eq!(c.lock_timeout, Duration::from_secs(5));
        assert_eq!(c.timeout, Duration::from_secs(600));
        assert_eq!((c.ahead, c.on_failure, c.require_down), (AheadPolicy::Fail, OnFailure::Stop, true));
        assert!(ReleaseConfig::from_lookup(env(&[(TIMEOUT, "soon")])).is_err());
        assert_eq!(c.tx.mode, TxMode::Auto);
        assert!(ReleaseConfig::from_lookup(env(&[(TIMEOUT, "")])).is_ok(), "empty is unset");
        assert!(ReleaseConfig::from_lookup(env(&[(TIMEOUT, "-5")])).is_err());
        assert!(ReleaseConfig::from_lookup(env(&[(TIMEOUT, "99999999999999999999999")])).is_err());
        assert!(ReleaseConfig::from_lookup(env(&[(DATABASE_URL_VAR, "A-B")])).is_err());
    }

    #[test]
    fn the_blocking_guard_and_progress_lines_take_off_or_a_duration() {
        let c = ReleaseConfig::from_lookup(env(&[])).unwrap();
        assert_eq!((c.max_blocking, c.progress_interval), (Some(Duration::from_secs(15)), Some(Duration::from_secs(10))));
        let c = ReleaseConfig::from_lookup(env(&[(MAX_BLOCKING, "5s"), (PROGRESS_INTERVAL, " OFF ")])).unwrap();
        assert_eq!((c.max_blocking, c.progress_interval), (Some(Duration::from_secs(5)), None));
        let c = ReleaseConfig::from_lookup(env(&[(MAX_BLOCKING, "off"), (PROGRESS_INTERVAL, "1m")])).unwrap();
        assert_eq!((c.max_blocking, c.progress_interval), (None, Some(Duration::from_secs(60))));
        for var in [MAX_BLOCKING, PROGRESS_INTERVAL] {
            for bad in ["soon", "0", "500ms", "2h", "-5s", "none"] {
                let e = ReleaseConfig::from_lookup(env(&[(var, bad)])).unwrap_err().to_string();
                assert!(e.starts_with(&format!("{var}={bad:?} is not one of `off`, or a duration")), "{e}");
            }
        }
    }
}

#[cfg(test)]
mod tx_tests {
    use super::*;

    fn tx(pairs: &[(&str, &str)]) -> Result<TxConfig, ConfigError> {
        let map: std::collections::HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        TxConfig::from_lookup(&move |k: &str| map.get(k).cloned())
    }

    #[test]
    fn default_schedule_grows_then_waits_without_a_timeout() {
        let c = tx(&[]).unwrap();
        assert_eq!(c.mode, TxMode::Auto);
        let ms = |n| Some(Duration::from_millis(n));
        assert_eq!(c.lock_retries, vec![ms(250), ms(500), ms(1000), ms(2000), ms(5000), ms(10000), None]);
    }

    #[test]
    fn schedules_modes_and_bad_values() {
        let s = |v: &str| tx(&[(LOCK_RETRIES, v)]).map(|c| c.lock_retries);
        assert_eq!(s("1s,5s,none").unwrap(), vec![Some(Duration::from_secs(1)), Some(Duration::from_secs(5)), None]);
        assert_eq!(s("1s,2s").unwrap(), vec![Some(Duration::from_secs(1)), Some(Duration::from_secs(2))]);
        assert_eq!(s("OFF").unwrap(), vec![None]);
        for bad in ["none,1s", "1s,,2s", "soon", "0s", "", "25h", "99999999999999999999ms"] {
            if bad.is_empty() {
                continue;
            }
            let e = s(bad).unwrap_err();
            assert!(e.to_string().contains(LOCK_RETRIES), "{bad}: {e}");
        }
        assert_eq!(tx(&[(TX_MODE, "ALL")]).unwrap().mode, TxMode::All);
        assert_eq!(tx(&[(TX_MODE, "file")]).unwrap().mode, TxMode::File);
        assert!(tx(&[(TX_MODE, "group")]).unwrap_err().to_string().contains(TX_MODE));
    }
}
