//! The database URL: read from its variable, validated (naming the variable when it is not right),
//! turned into the runner's own connection settings, and masked wherever it is shown.

use super::Tls;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DbUrlError {
    #[error("{var} is not set")]
    Missing { var: String },
    #[error("{var} is empty")]
    Empty { var: String },
    #[error("{var} is not a URL: {reason}")]
    Unparseable { var: String, reason: String },
    #[error("{var} has scheme `{scheme}`, not postgres:// or postgresql://")]
    Scheme { var: String, scheme: String },
    #[error("{var} has sslmode={value}, which is not one of disable, allow, prefer, require, verify-ca, verify-full")]
    SslMode { var: String, value: String },
}

/// The libpq connection parameters the runner's own connection understands
/// (`sslmode` is mapped separately, see [`Tls`]); everything else in the query
/// (the tools' `x-*` options, `search_path`, `sslrootcert`, ...) is for the tools.
pub const RUNNER_PARAMS: [&str; 17] = [
    "user",
    "password",
    "dbname",
    "options",
    "application_name",
    "sslnegotiation",
    "host",
    "hostaddr",
    "port",
    "connect_timeout",
    "tcp_user_timeout",
    "keepalives",
    "keepalives_idle",
    "keepalives_interval",
    "keepalives_retries",
    "target_session_attrs",
    "load_balance_hosts",
];

/// Keepalives on the runner's session unless the URL sets them: the session
/// holding the lock sits idle while the tool applies, and a dead peer must be
/// noticed in about a minute, not after the kernel's two hours.
const KEEPALIVES_IDLE: Duration = Duration::from_secs(30);
const KEEPALIVES_INTERVAL: Duration = Duration::from_secs(10);
const KEEPALIVES_RETRIES: u32 = 3;

/// A validated PostgreSQL URL. `Debug`/`Display` never show the password.
#[derive(Clone)]
pub struct DbUrl {
    raw: String,
    var: String,
    /// The URL parsed once: its query parameters, path and userinfo are read from here.
    parsed: url::Url,
    /// The query parameters in order, decoded.
    query: Vec<(String, String)>,
    /// The password as written in the URL (percent-encoded), to mask that form too.
    raw_password: Option<String>,
    /// The runner's connection settings, from the URL without the tools' parameters.
    config: postgres::Config,
    password: Option<String>,
    tls: Tls,
}

/// Everything else is read from the URL and the variable's name.
impl PartialEq for DbUrl {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw && self.var == other.var
    }
}

impl Eq for DbUrl {}

impl std::fmt::Debug for DbUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DbUrl({})", self.masked())
    }
}

impl std::fmt::Display for DbUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.masked())
    }
}

impl DbUrl {
    /// Read and validate the URL from the variable `var`.
    pub fn from_lookup(var: &str, lookup: impl Fn(&str) -> Option<String>) -> Result<DbUrl, DbUrlError> {
        match lookup(var) {
            None => Err(DbUrlError::Missing { var: var.to_string() }),
            Some(v) if v.trim().is_empty() => Err(DbUrlError::Empty { var: var.to_string() }),
            Some(v) => DbUrl::parse(var, v.trim()),
        }
    }

    pub fn parse(var: &str, raw: &str) -> Result<DbUrl, DbUrlError> {
        let unparseable = |reason: String| DbUrlError::Unparseable { var: var.to_string(), reason };
        let parsed = url::Url::parse(raw).map_err(|e| unparseable(e.to_string()))?;
        let scheme = parsed.scheme();
        if scheme != "postgres" && scheme != "postgresql" {
            return Err(DbUrlError::Scheme { var: var.to_string(), scheme: scheme.to_string() });
        }
        let mut tls = Tls::Require;
        let mut has_host_param = false;
        for (k, v) in parsed.query_pairs() {
            match k.as_ref() {
                "sslmode" => {
                    tls = match v.as_ref() {
                        "disable" => Tls::Disable,
                        "allow" | "prefer" => Tls::Prefer,
                        "require" => Tls::Require,
                        "verify-ca" | "verify-full" => Tls::Verify,
                        other => return Err(DbUrlError::SslMode { var: var.to_string(), value: other.to_string() }),
                    }
                }
                "host" => has_host_param = !v.is_empty(),
                _ => {}
            }
        }
        if parsed.host_str().is_none_or(str::is_empty) && !has_host_param {
            return Err(unparseable("it names no host (expected postgres://USER:PASSWORD@HOST:PORT/DATABASE)".into()));
        }
        // From the parsed URL's own text: userinfo characters are percent-encoded there.
        let mut config: postgres::Config = runner_url(parsed.as_str()).parse().map_err(|e: postgres::Error| {
            let text = mask_urls(&e.to_string());
            unparseable(match parsed.password().filter(|p| !p.is_empty()) {
                Some(pw) => text.replace(pw, "****"),
                None => text,
            })
        })?;
        if config.get_user().is_none_or(str::is_empty) {
            config.user("postgres");
        }
        if config.get_dbname().is_none_or(str::is_empty) {
            let user = config.get_user().unwrap_or("postgres").to_string();
            config.dbname(&user);
        }
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        if config.get_application_name().is_none() {
            config.application_name("migrations-buildpack");
        }
        let set_by_url = |key: &str| parsed.query_pairs().any(|(k, _)| k == key);
        if !set_by_url("keepalives_idle") {
            config.keepalives_idle(KEEPALIVES_IDLE);
        }
        if !set_by_url("keepalives_interval") {
            config.keepalives_interval(KEEPALIVES_INTERVAL);
        }
        if !set_by_url("keepalives_retries") {
            config.keepalives_retries(KEEPALIVES_RETRIES);
        }
        let password = config.get_password().map(|p| String::from_utf8_lossy(p).into_owned());
        let query = parsed.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        let raw_password = parsed.password().map(str::to_string);
        Ok(DbUrl { raw: raw.to_string(), var: var.to_string(), parsed, query, raw_password, config, password, tls })
    }

    /// The runner's connection settings (host(s), port(s), user, database,
    /// timeouts, keepalives, `options`, ... as the URL gives them).
    pub fn config(&self) -> &postgres::Config {
        &self.config
    }

    /// The URL's query parameters in order, decoded.
    pub fn query(&self) -> &[(String, String)] {
        &self.query
    }

    /// One query parameter as the tools read it (`None` when absent; the first when repeated).
    pub fn param(&self, key: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// The URL's path (`/dbname`; golang-migrate's lock key uses it as written).
    pub fn path(&self) -> &str {
        self.parsed.path()
    }

    /// The parsed URL (holds the password: never print it), for deriving the tool's URL.
    pub fn parsed(&self) -> &url::Url {
        &self.parsed
    }

    /// The URL exactly as given (only for handing to the tool; never print it).
    pub fn expose(&self) -> &str {
        &self.raw
    }

    /// The variable the URL came from.
    pub fn var(&self) -> &str {
        &self.var
    }

    pub fn password(&self) -> Option<&str> {
        self.password.as_deref()
    }

    pub fn tls(&self) -> Tls {
        self.tls
    }

    /// The URL with its password replaced by `****`.
    pub fn masked(&self) -> String {
        self.mask(&self.raw)
    }

    /// Mask this URL's password (raw and percent-decoded) and any URL credentials in `text`.
    pub fn mask(&self, text: &str) -> String {
        // The exact password forms first (`redact::mask_secrets`): a decoded password may
        // contain `@` or `:`, which would stop the general URL pattern part-way through it.
        crate::redact::mask_secrets(text, self.password.as_deref().into_iter().chain(self.raw_password.as_deref()))
    }
}

/// The URL with only the parameters the runner's own connection understands,
/// each kept exactly as written (the tools' `x-*` options and `sslmode`, which
/// [`Tls`] maps, are removed).
fn runner_url(raw: &str) -> String {
    let (base, query) = match raw.split_once('?') {
        Some((b, q)) => (b, q),
        None => return raw.to_string(),
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|piece| {
            let key = piece.split('=').next().unwrap_or("");
            let key = url::form_urlencoded::parse(key.as_bytes()).next().map(|(k, _)| k.into_owned()).unwrap_or_default();
            RUNNER_PARAMS.contains(&key.as_str())
        })
        .collect();
    if kept.is_empty() { base.to_string() } else { format!("{base}?{}", kept.join("&")) }
}

/// Mask every URL credential in `text` (`scheme://user:****@`, `https://****@`,
/// credential query parameters): the buildpack's one set of rules, [`crate::redact`].
pub use crate::redact::mask_urls;

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(url: &str) -> Result<DbUrl, DbUrlError> {
        DbUrl::parse("DATABASE_URL", url)
    }

    #[test]
    fn both_schemes_work_and_default_tls_is_require() {
        for scheme in ["postgres", "postgresql"] {
            let u = parse(&format!("{scheme}://u:p%40ss@db.example.com:6543/app")).unwrap();
            let c = u.config();
            assert_eq!((c.get_ports(), c.get_user(), c.get_dbname()), (&[6543][..], Some("u"), Some("app")));
            assert_eq!(u.password(), Some("p@ss"));
            assert_eq!(u.tls(), Tls::Require);
        }
        // In the userinfo `+` is a plus, as libpq and the tools read it (not a form-encoded space).
        assert_eq!(parse("postgres://u:a+b%2Bc@h/d").unwrap().password(), Some("a+b+c"));
        assert_eq!(parse("postgres://u:p@h/d?sslmode=disable").unwrap().tls(), Tls::Disable);
        assert_eq!(parse("postgres://u:p@h/d?sslmode=verify-full").unwrap().tls(), Tls::Verify);
    }

    #[test]
    fn bad_urls_name_the_variable() {
        assert_eq!(DbUrl::from_lookup("DATABASE_URL", |_| None).unwrap_err(), DbUrlError::Missing { var: "DATABASE_URL".into() });
        assert!(matches!(DbUrl::from_lookup("X", |_| Some("  ".into())), Err(DbUrlError::Empty { .. })));
        assert!(matches!(parse("mysql://u:p@h/d"), Err(DbUrlError::Scheme { .. })));
        assert!(matches!(parse("not a url"), Err(DbUrlError::Unparseable { .. })));
        assert!(matches!(parse("postgres://u:p@h/d?sslmode=sometimes"), Err(DbUrlError::SslMode { .. })));
        let e = parse("postgres://u:hunter2@/d").unwrap_err();
        assert!(!e.to_string().contains("hunter2"));
    }

    #[test]
    fn masking_hides_the_password_everywhere() {
        let u = parse("postgres://app:s%2Fecret@h:5432/d?sslmode=disable").unwrap();
        assert_eq!(u.masked(), "postgres://app:****@h:5432/d?sslmode=disable");
        assert_eq!(
            format!("{u} {u:?}"),
            "postgres://app:****@h:5432/d?sslmode=disable DbUrl(postgres://app:****@h:5432/d?sslmode=disable)"
        );
        let line = "error: pq: password s/ecret rejected for postgres://app:s%2Fecret@h/d and mysql://x:y@z";
        let masked = u.mask(line);
        assert!(!masked.contains("s/ecret") && !masked.contains("s%2Fecret") && !masked.contains(":y@"), "{masked}");
    }

    #[test]
    fn the_runner_connection_honours_libpq_options_and_ignores_the_tools_parameters() {
        let u = parse(
            "postgres://app:pw@db.example.com:6543/shop?sslmode=verify-full&x-migrations-table=mig&x-multi-statement=true\
             &options=-c%20statement_timeout%3D5s&keepalives_idle=7&target_session_attrs=read-write&search_path=app",
        )
        .unwrap();
        let c = u.config();
        assert_eq!(c.get_options(), Some("-c statement_timeout=5s"));
        assert_eq!(c.get_keepalives_idle(), Duration::from_secs(7), "the URL's own keepalive setting wins");
        assert_eq!(c.get_keepalives_interval(), Some(KEEPALIVES_INTERVAL));
        assert_eq!(c.get_target_session_attrs(), postgres::config::TargetSessionAttrs::ReadWrite);
        assert_eq!(c.get_application_name(), Some("migrations-buildpack"));
        assert_eq!(c.get_connect_timeout(), Some(&Duration::from_secs(10)));
        assert_eq!(u.tls(), Tls::Verify);

        // Keepalives on by default, found within about a minute; libpq's `host=`, `port=`, `user=`, `password=`.
        let u = parse("postgres:///shop?user=app&password=pw&host=a.example.com&port=5433&application_name=shop-web").unwrap();
        assert_eq!((u.config().get_user(), u.password()), (Some("app"), Some("pw")));
        let c = u.config();
        assert_eq!(c.get_hosts(), &[postgres::config::Host::Tcp("a.example.com".into())][..]);
        assert_eq!(c.get_ports(), &[5433][..]);
        assert!(c.get_keepalives());
        assert_eq!((c.get_keepalives_idle(), c.get_keepalives_retries()), (KEEPALIVES_IDLE, Some(KEEPALIVES_RETRIES)));
        assert_eq!(c.get_application_name(), Some("shop-web"));

        // A bad libpq value names the variable, never the password.
        let e = parse("postgres://app:hunter2@h/d?keepalives=maybe").unwrap_err();
        assert!(matches!(&e, DbUrlError::Unparseable { var, .. } if var == "DATABASE_URL"), "{e}");
        assert!(!e.to_string().contains("hunter2"), "{e}");
    }

    #[test]
    fn mask_urls_leaves_text_without_credentials_alone() {
        assert_eq!(mask_urls("see https://example.com/x and postgres://u@h/d"), "see https://example.com/x and postgres://u@h/d");
    }
}
