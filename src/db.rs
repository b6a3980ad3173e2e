//! The database URL (read, validated, masked) and the runner's own connection,
//! used for the advisory lock and for reading state the tools hide.
//!
//! TLS follows libpq/lib/pq semantics, as the tools do: no `sslmode` means
//! `require` (encrypted, certificate not verified: what Heroku's `DATABASE_URL`
//! needs); `verify-ca`/`verify-full` verify against the system's roots;
//! `disable` is plain; `prefer` tries TLS first.

use postgres::config::SslMode;
use regex::Regex;
use std::sync::{Arc, LazyLock};
use std::time::{Duration, Instant};

/// The runner's own advisory-lock key. It is above 2^32, so it can never equal
/// golang-migrate's key (a 32-bit value), and it is the same for every release of every app.
pub const LOCK_KEY: i64 = 0x6d69_6772_6174_6521; // "migrate!"

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

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot connect: {0}")]
    Connect(String),
    #[error("query failed: {0}")]
    Query(String),
    #[error("the lock is held by another release after waiting {0:?}")]
    LockTimeout(Duration),
    #[error("stopped while waiting for the lock")]
    LockAbandoned,
}

/// How TLS is used on the runner's own connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tls {
    Disable,
    Prefer,
    Require,
    Verify,
}

/// A validated PostgreSQL URL. `Debug`/`Display` never show the password.
#[derive(Clone, PartialEq, Eq)]
pub struct DbUrl {
    raw: String,
    var: String,
    host: Option<String>,
    port: u16,
    user: String,
    password: Option<String>,
    dbname: String,
    tls: Tls,
    connect_timeout: Duration,
    application_name: Option<String>,
    /// golang-migrate's `x-migrations-table` (for reading its dirty flag directly).
    pub migrations_table: Option<String>,
}

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

fn decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={s}").as_bytes()).next().map(|(_, v)| v.into_owned()).unwrap_or_else(|| s.to_string())
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
        let mut connect_timeout = Duration::from_secs(10);
        let mut application_name = None;
        let mut migrations_table = None;
        let mut host_param = None;
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
                "connect_timeout" => {
                    if let Ok(secs) = v.parse::<u64>() {
                        connect_timeout = Duration::from_secs(secs.max(1));
                    }
                }
                "application_name" => application_name = Some(v.into_owned()),
                "x-migrations-table" => migrations_table = Some(v.into_owned()),
                "host" => host_param = Some(v.into_owned()),
                _ => {}
            }
        }
        let host = parsed.host_str().filter(|h| !h.is_empty()).map(|h| h.trim_matches(['[', ']']).to_string()).or(host_param);
        if host.is_none() {
            return Err(unparseable("it names no host (expected postgres://USER:PASSWORD@HOST:PORT/DATABASE)".into()));
        }
        let dbname = decode(parsed.path().trim_start_matches('/'));
        let user = decode(parsed.username());
        Ok(DbUrl {
            raw: raw.to_string(),
            var: var.to_string(),
            host,
            port: parsed.port().unwrap_or(5432),
            user: if user.is_empty() { "postgres".into() } else { user.clone() },
            password: parsed.password().map(decode),
            dbname: if dbname.is_empty() { if user.is_empty() { "postgres".into() } else { user } } else { dbname },
            tls,
            connect_timeout,
            application_name,
            migrations_table,
        })
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
        // The exact password forms first: a decoded password may contain `@` or `:`,
        // which would stop the general URL pattern part-way through it.
        let mut out = text.to_string();
        if let Some(pw) = self.password.as_deref().filter(|p| !p.is_empty()) {
            out = out.replace(pw, "****");
            if let Some(raw_pw) = url::Url::parse(&self.raw).ok().and_then(|u| u.password().map(str::to_string)) {
                if !raw_pw.is_empty() {
                    out = out.replace(&raw_pw, "****");
                }
            }
        }
        mask_urls(&out)
    }

    /// Connect with the runner's own session.
    pub fn connect(&self) -> Result<postgres::Client, DbError> {
        let mut config = postgres::Config::new();
        if let Some(host) = &self.host {
            config.host(host);
        }
        config.port(self.port).user(&self.user).dbname(&self.dbname).connect_timeout(self.connect_timeout);
        config.application_name(self.application_name.as_deref().unwrap_or("migrations-buildpack"));
        if let Some(pw) = &self.password {
            config.password(pw);
        }
        let result = match self.tls {
            Tls::Disable => config.ssl_mode(SslMode::Disable).connect(postgres::NoTls),
            Tls::Prefer => config.ssl_mode(SslMode::Prefer).connect(no_verify_tls()),
            Tls::Require => config.ssl_mode(SslMode::Require).connect(no_verify_tls()),
            Tls::Verify => {
                let connector = tokio_postgres_rustls::MakeRustlsConnect::with_native_certs()
                    .map(|(c, _)| c)
                    .map_err(|_| DbError::Connect("sslmode=verify-full needs the system's CA certificates, and none were found".into()))?;
                config.ssl_mode(SslMode::Require).connect(connector)
            }
        };
        result.map_err(|e| DbError::Connect(self.mask(&describe_pg_error(&e))))
    }
}

/// The most useful text of a postgres error (the server's message when there is one).
pub fn describe_pg_error(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        return format!("{} ({})", db.message(), db.code().code());
    }
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let s_text = s.to_string();
        if !text.contains(&s_text) {
            text = format!("{text}: {s_text}");
        }
        source = s.source();
    }
    text
}

static URL_CREDENTIALS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([A-Za-z][A-Za-z0-9+.\-]*://[^:/@\s]*:)[^@\s]*@").expect("valid regex"));

/// Replace the password of every `scheme://user:password@` in `text` with `****`.
pub fn mask_urls(text: &str) -> String {
    URL_CREDENTIALS.replace_all(text, "${1}****@").into_owned()
}

/// TLS that encrypts without verifying the server certificate (libpq's `sslmode=require`),
/// while still checking the handshake signatures.
fn no_verify_tls() -> tokio_postgres_rustls::MakeRustlsConnect {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .expect("ring supports the default protocol versions")
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(NoCertificateVerification(provider)))
        .with_no_client_auth();
    tokio_postgres_rustls::MakeRustlsConnect::new(config)
}

#[derive(Debug)]
struct NoCertificateVerification(Arc<rustls::crypto::CryptoProvider>);

impl rustls::client::danger::ServerCertVerifier for NoCertificateVerification {
    fn verify_server_cert(
        &self,
        _end_entity: &rustls::pki_types::CertificateDer<'_>,
        _intermediates: &[rustls::pki_types::CertificateDer<'_>],
        _server_name: &rustls::pki_types::ServerName<'_>,
        _ocsp: &[u8],
        _now: rustls::pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        Ok(rustls::client::danger::ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// The runner's session-level advisory lock, held until dropped (or the session ends):
/// every way out of a release releases it, on the session that took it.
pub struct ReleaseLock {
    client: std::cell::RefCell<postgres::Client>,
}

impl ReleaseLock {
    /// Try to take the lock every 500 ms until `timeout`; `on_wait` is called once when we start
    /// waiting; `give_up` is checked between tries (a SIGTERM while waiting ends the wait).
    pub fn acquire(
        mut client: postgres::Client,
        timeout: Duration,
        mut on_wait: impl FnMut(),
        give_up: impl Fn() -> bool,
    ) -> Result<ReleaseLock, DbError> {
        let started = Instant::now();
        let mut told = false;
        loop {
            let row =
                client.query_one("SELECT pg_try_advisory_lock($1)", &[&LOCK_KEY]).map_err(|e| DbError::Query(describe_pg_error(&e)))?;
            if row.get::<_, bool>(0) {
                return Ok(ReleaseLock { client: std::cell::RefCell::new(client) });
            }
            if started.elapsed() >= timeout {
                return Err(DbError::LockTimeout(timeout));
            }
            if give_up() {
                return Err(DbError::LockAbandoned);
            }
            if !told {
                on_wait();
                told = true;
            }
            std::thread::sleep(Duration::from_millis(500).min(timeout.saturating_sub(started.elapsed())).max(Duration::from_millis(10)));
        }
    }

    /// The session holding the lock, shared for the release's own queries
    /// (one connection instead of one per query).
    pub fn session(&self) -> &std::cell::RefCell<postgres::Client> {
        &self.client
    }
}

impl Drop for ReleaseLock {
    fn drop(&mut self) {
        // A failed unlock needs no handling: the session ends right after, which releases the lock too.
        let _ = self.client.get_mut().execute("SELECT pg_advisory_unlock($1)", &[&LOCK_KEY]);
    }
}

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
            assert_eq!((u.port, u.user.as_str(), u.dbname.as_str()), (6543, "u", "app"));
            assert_eq!(u.password(), Some("p@ss"));
            assert_eq!(u.tls(), Tls::Require);
        }
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
    fn mask_urls_leaves_text_without_credentials_alone() {
        assert_eq!(mask_urls("see https://example.com/x and postgres://u@h/d"), "see https://example.com/x and postgres://u@h/d");
    }
}
