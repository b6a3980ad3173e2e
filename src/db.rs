//! The database URL (read, validated, masked) and the runner's own connection,
//! used for the advisory lock and for reading state the tools hide.
//!
//! TLS follows libpq/lib/pq semantics, as the tools do: no `sslmode` means
//! `require` (encrypted, certificate not verified: what Heroku's `DATABASE_URL`
//! needs); `verify-ca`/`verify-full` verify against the system's roots;
//! `disable` is plain; `prefer` tries TLS first.

use postgres::config::SslMode;
use std::sync::Arc;
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
    #[error("{0}")]
    TransactionPooler(Pooler),
    #[error("{0}")]
    ReadOnly(ReadOnly),
}

/// Why the database the URL reaches takes no writes (found before anything runs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnly {
    /// `pg_is_in_recovery()`: a hot standby (a follower, a read replica).
    Standby,
    /// The session's transactions are read-only (`default_transaction_read_only = on`).
    Setting { source: ReadOnlySource, database: String, role: String },
}

/// Where `default_transaction_read_only = on` comes from (`pg_settings.source`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnlySource {
    /// `ALTER DATABASE … SET`.
    Database,
    /// `ALTER ROLE … SET`.
    Role,
    /// `ALTER ROLE … IN DATABASE … SET`.
    RoleInDatabase,
    /// The URL's `options=-c default_transaction_read_only=on` (a connection parameter).
    UrlOptions,
    /// The URL's `default_transaction_read_only=on` parameter (a run-time parameter, as the tools send it).
    UrlParameter,
    /// The server's configuration (`postgresql.conf`, `ALTER SYSTEM`, the command line).
    Server,
    /// Another source, as `pg_settings` names it.
    Other(String),
}

impl std::fmt::Display for ReadOnly {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadOnly::Standby => f.write_str("the server is a hot standby (pg_is_in_recovery() is true)"),
            ReadOnly::Setting { database, role, .. } => {
                write!(f, "default_transaction_read_only is on for the role {role} in the database {database}")
            }
        }
    }
}

/// Why the URL is taken for a transaction-mode connection pooler, where a
/// session-level advisory lock protects nothing (the next statement may run on
/// another server connection, and the lock outlives the release on the one it took).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pooler {
    /// The variable's name says pool (Heroku's `DATABASE_CONNECTION_POOL_URL`).
    VariableName { var: String },
    /// The host name is a provider's transaction-mode pooler endpoint.
    Host { host: String },
    /// The lock just taken is not held by the session that took it: statements
    /// of one session reach different server connections (`then`: the server process
    /// that answered next, when known). `unlock`: what became of that lock.
    LockNotKept { then: Option<i32>, unlock: Unlock },
    /// The server connection reached already held the runner's lock for another
    /// client (a pooler handed out the connection of a release still running).
    SharedServerConnection,
    /// Two connections of the runner reached the same server process.
    SharedBackend { pid: i32 },
    /// Two statements of one connection reached different server processes.
    BackendChanged { first: i32, then: i32 },
    /// A setting this session made was gone one statement later (the server connection was reset
    /// under it, as a pooler's `DISCARD ALL` does).
    SessionReset,
    /// PostgreSQL's answer to a statement of the runner's session is one that a pooler causes
    /// (`prepared statement "s1" does not exist`: the statement was prepared on one server
    /// connection and run on another).
    Symptom { error: String },
}

impl std::fmt::Display for Pooler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Pooler::VariableName { var } => write!(f, "${var} names a connection pool"),
            Pooler::Host { host } => write!(f, "{host} is a transaction-mode pooler endpoint"),
            Pooler::LockNotKept { then, unlock } => {
                f.write_str("the advisory lock taken by this session was not held by it one statement later")?;
                if let Some(then) = then {
                    write!(f, " (that statement ran in server process {then})")?;
                }
                match unlock {
                    Unlock::Released => Ok(()),
                    Unlock::Terminated { pid } => {
                        write!(f, "; the pooled server connection holding it (server process {pid}) was ended to release it")
                    }
                    Unlock::Left { pid, why } => write!(
                        f,
                        "; the lock is STILL HELD by server process {pid} ({why}): end it with `SELECT pg_terminate_backend({pid})` on a direct connection"
                    ),
                }
            }
            Pooler::SharedServerConnection => {
                f.write_str("the server connection it reached already held the runner's lock for another client (a release still running)")
            }
            Pooler::SharedBackend { pid } => {
                write!(f, "two connections of the runner reached the same server process (pid {pid}), which a direct connection never does")
            }
            Pooler::BackendChanged { first, then } => write!(
                f,
                "two statements of one connection ran in different server processes (pid {first}, then {then}), which a direct connection never does"
            ),
            Pooler::SessionReset => {
                f.write_str("a setting the runner's session made was gone at its next statement (the server connection was reset)")
            }
            Pooler::Symptom { error } => write!(
                f,
                "PostgreSQL answered `{error}`: a statement the runner prepared was missing from, or clashed with another client's on, \
                 the server connection that ran it, so its statements reach server connections shared with other clients"
            ),
        }
    }
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

/// How TLS is used on the runner's own connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tls {
    Disable,
    Prefer,
    Require,
    Verify,
}

/// A validated PostgreSQL URL. `Debug`/`Display` never show the password.
#[derive(Clone)]
pub struct DbUrl {
    raw: String,
    var: String,
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
        Ok(DbUrl { raw: raw.to_string(), var: var.to_string(), config, password, tls })
    }

    /// The runner's connection settings (host(s), port(s), user, database,
    /// timeouts, keepalives, `options`, ... as the URL gives them).
    pub fn config(&self) -> &postgres::Config {
        &self.config
    }

    /// A transaction-mode connection pooler, when the URL's variable or host says so.
    /// (A pooler that says nothing is caught by how it behaves, see [`connect_checked`] and [`ReleaseLock::acquire`].)
    pub fn transaction_pooler(&self) -> Option<Pooler> {
        if self.var.to_ascii_uppercase().contains("POOL") {
            return Some(Pooler::VariableName { var: self.var.clone() });
        }
        let ports = self.config.get_ports();
        for (i, host) in self.config.get_hosts().iter().enumerate() {
            let postgres::config::Host::Tcp(host) = host else { continue };
            let port = ports.get(i).or(ports.first()).copied().unwrap_or(5432);
            let h = host.to_ascii_lowercase();
            // Neon's pooled endpoints (`ep-…-pooler.region.aws.neon.tech`) run PgBouncer in transaction mode;
            // Supabase's pooler runs transaction mode on 6543 (session mode, which is fine, on 5432).
            let neon = h.split('.').next().is_some_and(|label| label.ends_with("-pooler"));
            let supabase = h.ends_with(".pooler.supabase.com") && port == 6543;
            if neon || supabase {
                return Some(Pooler::Host { host: host.clone() });
            }
        }
        None
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
        let raw_pw = url::Url::parse(&self.raw).ok().and_then(|u| u.password().map(str::to_string));
        crate::redact::mask_secrets(text, self.password.as_deref().into_iter().chain(raw_pw.as_deref()))
    }

    /// Connect with the runner's own session.
    pub fn connect(&self) -> Result<postgres::Client, DbError> {
        self.connect_config(self.config.clone())
    }

    /// Connect a session that starts with these run-time parameters, as lib/pq starts the tools'
    /// sessions with a URL's unknown parameters: in the startup packet (here as `options=-c
    /// key=value`, after the URL's own `options`), so that `RESET`/`RESET ALL` return to them.
    pub fn connect_with(&self, params: &[(String, String)]) -> Result<postgres::Client, DbError> {
        let mut config = self.config.clone();
        if !params.is_empty() {
            let mut options = config.get_options().unwrap_or_default().to_string();
            for (k, v) in params {
                if !options.is_empty() {
                    options.push(' ');
                }
                options.push_str(&format!("-c {}={}", options_escape(k), options_escape(v)));
            }
            config.options(&options);
        }
        self.connect_config(config)
    }

    /// [`DbUrl::connect`], giving up after `timeout` at most (a clean-up that must not hold the runner up).
    pub fn connect_within(&self, timeout: Duration) -> Result<postgres::Client, DbError> {
        let mut config = self.config.clone();
        config.connect_timeout(config.get_connect_timeout().copied().unwrap_or(timeout).min(timeout));
        self.connect_config(config)
    }

    fn connect_config(&self, mut config: postgres::Config) -> Result<postgres::Client, DbError> {
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

/// A value for PostgreSQL's `options` startup parameter: spaces and backslashes escaped.
fn options_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace(' ', "\\ ")
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

/// The connection a migration tool gets: the user's URL with its
/// `application_name` replaced by a token unique to this run, so the runner can
/// find the tool's sessions (to cancel or end them) and never anyone else's.
#[derive(Clone)]
pub struct ToolSession {
    url: String,
    /// The tool sessions' `application_name`.
    pub application_name: String,
}

impl ToolSession {
    pub fn new(url: &DbUrl) -> ToolSession {
        let application_name = format!("migrations-release-{:016x}", random_u64());
        let mut tagged = url::Url::parse(url.expose()).expect("a DbUrl is a valid URL");
        let pairs: Vec<(String, String)> =
            tagged.query_pairs().filter(|(k, _)| k != "application_name").map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        tagged.query_pairs_mut().clear().extend_pairs(pairs).append_pair("application_name", &application_name);
        ToolSession { url: tagged.into(), application_name }
    }

    /// The URL for the tool (holds the password: never print it).
    pub fn expose_url(&self) -> &str {
        &self.url
    }
}

impl std::fmt::Debug for ToolSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ToolSession({})", self.application_name)
    }
}

/// 64 random bits (the standard library's per-process random hash keys, mixed
/// with the time and pid), enough to tell one run's sessions from any other's.
fn random_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    h.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
    h.finish()
}

/// How many of a tool's sessions are still there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionsLeft {
    None,
    Some(i64),
    /// The count could not be read: nothing is known about them.
    Unknown(String),
}

/// Cancel the running statement of every session named `application_name`
/// (on a connection of its own: the runner's session may be busy).
pub fn cancel_sessions(url: &DbUrl, application_name: &str) {
    if let Ok(mut client) = url.connect() {
        let _ = client.execute(
            "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()",
            &[&application_name],
        );
    }
}

/// End every session named `application_name` and wait up to `wait` for them to
/// be gone. A count that cannot be read is [`SessionsLeft::Unknown`], never "none".
pub fn terminate_sessions(client: &mut postgres::Client, application_name: &str, wait: Duration) -> SessionsLeft {
    let started = Instant::now();
    let _ = client.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()",
        &[&application_name],
    );
    loop {
        let left = match client.query_one(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()",
            &[&application_name],
        ) {
            Ok(row) => row.get::<_, i64>(0),
            Err(e) => return SessionsLeft::Unknown(describe_pg_error(&e)),
        };
        if left == 0 {
            return SessionsLeft::None;
        }
        if started.elapsed() >= wait {
            return SessionsLeft::Some(left);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Quote an identifier for SQL (`"a""b"`).
pub fn quote_ident(name: &str) -> String {
    postgres_protocol::escape::escape_identifier(name)
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

/// Mask every URL credential in `text` (`scheme://user:****@`, `https://****@`,
/// credential query parameters): the buildpack's one set of rules, [`crate::redact`].
pub use crate::redact::mask_urls;

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

/// A server process as a session sees it: its pid, and when its server started (the pids of two
/// servers behind one host name, a primary and a replica, may coincide).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backend {
    pub pid: i32,
    started: String,
}

impl Backend {
    /// The server process answering `client`'s next statement.
    pub fn of(client: &mut postgres::Client) -> Result<Backend, DbError> {
        first_row(client, &format!("SELECT {BACKEND_COLUMNS}")).map(|row| Backend::from_row(&row)).map_err(|e| session_error(&e))
    }

    /// From the first two columns of a row: `pg_backend_pid()`, `pg_postmaster_start_time()::text`.
    fn from_row(row: &[Option<String>]) -> Backend {
        let col = |i: usize| row.get(i).cloned().flatten().unwrap_or_default();
        Backend { pid: col(0).parse().unwrap_or(0), started: col(1) }
    }
}

/// The columns that identify the answering server process (read by [`Backend::from_row`]).
const BACKEND_COLUMNS: &str = "pg_backend_pid(), pg_postmaster_start_time()::text";

/// The first row of a query sent with the simple protocol, as text (empty when there is no row).
/// The simple protocol sends a statement in one message, so a pooler cannot prepare it on one server
/// connection and run it on another (what `prepared statement "s1" does not exist` comes from).
fn first_row(client: &mut postgres::Client, sql: &str) -> Result<Vec<Option<String>>, postgres::Error> {
    for message in client.simple_query(sql)? {
        if let postgres::SimpleQueryMessage::Row(row) = message {
            return Ok((0..row.len()).map(|i| row.get(i).map(str::to_string)).collect());
        }
    }
    Ok(Vec::new())
}

fn column(row: &[Option<String>], i: usize) -> &str {
    row.get(i).and_then(|c| c.as_deref()).unwrap_or("")
}

/// Whether an error of one of the runner's own statements is one that a connection pooler causes:
/// a statement prepared on one server connection and run on another (`prepared statement "s1" does
/// not exist`, 26000; an unnamed one; a portal, 34000), a statement name another client already
/// used on the same server connection (42P05), PgBouncer refusing a transaction in statement mode.
pub fn is_pooler_symptom(error: &str) -> bool {
    let e = error.to_ascii_lowercase();
    (e.contains("prepared statement") && (e.contains("does not exist") || e.contains("already exists")))
        || (e.contains("portal") && e.contains("does not exist"))
        || ["(26000)", "(42p05)", "(34000)", "sqlstate 26000", "sqlstate 42p05", "sqlstate 34000"].iter().any(|c| e.contains(c))
        || e.contains("not allowed in statement pooling mode")
}

/// A failed statement of the runner's session: the pooler case when its error is one a pooler causes.
fn session_error(e: &postgres::Error) -> DbError {
    let text = describe_pg_error(e);
    if is_pooler_symptom(&text) { DbError::TransactionPooler(Pooler::Symptom { error: text }) } else { DbError::Query(text) }
}

/// How long the pooler probe waits for its second connection's answer (a session-mode pooler whose
/// pool is full keeps it waiting for a server connection; then nothing is concluded from it).
const PROBE_WAIT: Duration = Duration::from_secs(3);
/// Statements of the runner's session compared while the probe's second connection holds a transaction.
const PROBE_STATEMENTS: usize = 5;
/// The placeholder setting the probe makes on the runner's session (a reset of the server connection removes it).
const PROBE_SETTING: &str = "migrations_buildpack.session_probe";

/// Connect the runner's own session and check it before anything runs that writes (the lock included):
/// the database takes writes ([`DbError::ReadOnly`]: a hot standby, `default_transaction_read_only`
/// from the role, the database, the server or the URL), and the connection is a session of its own,
/// not a transaction-mode pooler's ([`DbError::TransactionPooler`]). `url_params`: the URL's run-time
/// parameters, which the release sets on this session later (a `default_transaction_read_only` among
/// them is evaluated here). Every statement here uses the simple protocol and writes nothing.
pub fn connect_checked(url: &DbUrl, url_params: &[(String, String)]) -> Result<(postgres::Client, Backend), DbError> {
    let mut client = url.connect()?;
    let backend = check_writable(&mut client, url_params)?;
    probe_session(url, &mut client, &backend)?;
    Ok((client, backend))
}

fn check_writable(client: &mut postgres::Client, url_params: &[(String, String)]) -> Result<Backend, DbError> {
    let row = first_row(
        client,
        &format!(
            "SELECT {BACKEND_COLUMNS}, pg_is_in_recovery(), current_setting('transaction_read_only'),
                    (SELECT source FROM pg_settings WHERE name = 'default_transaction_read_only'), current_database(), current_user"
        ),
    )
    .map_err(|e| session_error(&e))?;
    let backend = Backend::from_row(&row);
    if column(&row, 2) == "t" {
        return Err(DbError::ReadOnly(ReadOnly::Standby));
    }
    let setting = |source| ReadOnly::Setting { source, database: column(&row, 5).to_string(), role: column(&row, 6).to_string() };
    if column(&row, 3) == "on" {
        let source = match column(&row, 4) {
            "database" => ReadOnlySource::Database,
            "user" => ReadOnlySource::Role,
            "database user" => ReadOnlySource::RoleInDatabase,
            "client" => ReadOnlySource::UrlOptions,
            "configuration file" | "command line" | "environment variable" => ReadOnlySource::Server,
            other => ReadOnlySource::Other(other.to_string()),
        };
        return Err(DbError::ReadOnly(setting(source)));
    }
    for (_, value) in url_params.iter().filter(|(k, _)| k.eq_ignore_ascii_case("default_transaction_read_only")) {
        // What the value means to PostgreSQL (`on`, `true`, `yes`, `1`, ...), in a transaction that
        // is rolled back. A value it refuses is reported when the URL's parameters are set.
        let literal = postgres_protocol::escape::escape_literal(value);
        match first_row(client, &format!("BEGIN; SELECT set_config('default_transaction_read_only', {literal}, true); ROLLBACK")) {
            Ok(r) if column(&r, 0) == "on" => return Err(DbError::ReadOnly(setting(ReadOnlySource::UrlParameter))),
            Ok(_) => {}
            Err(_) => {
                let _ = client.batch_execute("ROLLBACK");
            }
        }
    }
    Ok(backend)
}

/// Whether the runner's connection is a session of its own. Behind a transaction-mode pooler a client
/// holds a server connection only for a transaction, so: a second connection whose open transaction
/// answers from the same server process ([`Pooler::SharedBackend`]), a statement of this session
/// answered by another server process while that transaction holds its own ([`Pooler::BackendChanged`]),
/// or a session setting gone one statement later ([`Pooler::SessionReset`]) each prove a pooler. None
/// of these can happen on a direct connection or through a session-mode pooler or a TCP proxy (no false
/// positive); a transaction pooler that keeps handing this session the same idle server connection
/// shows them less surely, and the lock's own checks ([`ReleaseLock::acquire`]) come after.
fn probe_session(url: &DbUrl, client: &mut postgres::Client, first: &Backend) -> Result<(), DbError> {
    let token = format!("{:016x}", random_u64());
    let row = first_row(client, &format!("SELECT {BACKEND_COLUMNS}, set_config('{PROBE_SETTING}', '{token}', false)"))
        .map_err(|e| session_error(&e))?;
    let current = Backend::from_row(&row);
    if current != *first {
        return Err(DbError::TransactionPooler(Pooler::BackendChanged { first: first.pid, then: current.pid }));
    }
    let (answer_tx, answer_rx) = std::sync::mpsc::channel();
    let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
    let other_url = url.clone();
    let other = std::thread::spawn(move || {
        let opened = other_url.connect().and_then(|mut c| {
            let row = first_row(&mut c, &format!("BEGIN; SELECT {BACKEND_COLUMNS}")).map_err(|e| session_error(&e))?;
            Ok((c, Backend::from_row(&row)))
        });
        match opened {
            Ok((mut c, backend)) => {
                let _ = answer_tx.send(Ok(backend));
                let _ = done_rx.recv_timeout(Duration::from_secs(60));
                let _ = c.batch_execute("ROLLBACK");
            }
            Err(e) => {
                let _ = answer_tx.send(Err(e));
            }
        }
    });
    let answer = answer_rx.recv_timeout(PROBE_WAIT);
    let answered = answer.is_ok();
    let result = match answer {
        Ok(Ok(ref second)) if *second == current => Err(DbError::TransactionPooler(Pooler::SharedBackend { pid: current.pid })),
        Ok(Err(DbError::TransactionPooler(p))) => Err(DbError::TransactionPooler(p)),
        // No second connection (too many connections, a full session pool): nothing concluded from it.
        _ => (0..PROBE_STATEMENTS).try_for_each(|_| {
            let row = first_row(client, &format!("SELECT {BACKEND_COLUMNS}, current_setting('{PROBE_SETTING}', true)"))
                .map_err(|e| session_error(&e))?;
            let now = Backend::from_row(&row);
            if now != current {
                return Err(DbError::TransactionPooler(Pooler::BackendChanged { first: current.pid, then: now.pid }));
            }
            if column(&row, 2) != token {
                return Err(DbError::TransactionPooler(Pooler::SessionReset));
            }
            Ok(())
        }),
    };
    let _ = done_tx.send(());
    if answered {
        // Its transaction ends now: the second connection is gone before the release goes on.
        let _ = other.join();
    }
    if result.is_ok() {
        first_row(client, &format!("RESET {PROBE_SETTING}")).map_err(|e| session_error(&e))?;
    }
    result
}

/// What became of the runner's lock when it was released.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unlock {
    /// Unlocked in the server process that held it, or that process is gone (and the lock with it).
    Released,
    /// The server process that held it (a pooled server connection the runner's statements no
    /// longer reached) was ended to release it.
    Terminated { pid: i32 },
    /// Still held by server process `pid`.
    Left { pid: i32, why: String },
}

/// How long the unlock is retried on the runner's connection, hoping a pooler hands it the server
/// connection that holds the lock, before that server process is ended.
const UNLOCK_WAIT: Duration = Duration::from_secs(1);
/// How long ending the lock's server process waits for it to be idle (between two transactions of
/// the pooler's clients), before ending it anyway.
const TERMINATE_IDLE_WAIT: Duration = Duration::from_secs(2);
/// How long, after that, the lock may take to go with its ended server process.
const TERMINATE_WAIT: Duration = Duration::from_secs(2);

/// The runner's session-level advisory lock, held until released or dropped: every way out of a
/// release releases it, in the server process that took it (see [`ReleaseLock::release`]).
pub struct ReleaseLock {
    client: std::cell::RefCell<postgres::Client>,
    /// The server process of the session that took the lock.
    backend_pid: i32,
    /// To reach that server process when the session cannot.
    url: DbUrl,
    released: bool,
}

impl ReleaseLock {
    /// Try to take the lock every 500 ms until `timeout`; `on_wait` is called once when we start
    /// waiting; `give_up` is checked between tries (a SIGTERM while waiting ends the wait).
    /// `backend`: the server process [`connect_checked`] found this session in. The lock is only
    /// taken by a statement that runs in that process; a statement answered by another one, or a lock
    /// that is not held one statement later, means statements of this session reach different server
    /// connections (a transaction-mode pooler): [`DbError::TransactionPooler`], the lock released first.
    pub fn acquire(
        url: &DbUrl,
        mut client: postgres::Client,
        backend: &Backend,
        timeout: Duration,
        mut on_wait: impl FnMut(),
        give_up: impl Fn() -> bool,
    ) -> Result<ReleaseLock, DbError> {
        let started = Instant::now();
        let mut told = false;
        let expected = backend.pid;
        loop {
            // Before trying: does the server process this statement reached hold the lock already?
            // Then it is another client's session, reached through a pooled server connection
            // (advisory locks are re-entrant: trying would "succeed" on someone else's lock).
            let row = first_row(
                &mut client,
                &format!(
                    "WITH found AS MATERIALIZED (
                         SELECT pg_backend_pid() AS pid, EXISTS (SELECT 1 FROM pg_locks WHERE {} AND pid = pg_backend_pid()) AS held)
                     SELECT pid, held, CASE WHEN pid = {expected} AND NOT held THEN pg_try_advisory_lock({LOCK_KEY}) ELSE false END
                     FROM found",
                    runner_lock_condition()
                ),
            )
            .map_err(|e| session_error(&e))?;
            let pid: i32 = column(&row, 0).parse().unwrap_or(0);
            if column(&row, 1) == "t" {
                return Err(DbError::TransactionPooler(Pooler::SharedServerConnection));
            }
            if pid != expected {
                return Err(DbError::TransactionPooler(Pooler::BackendChanged { first: expected, then: pid }));
            }
            if column(&row, 2) == "t" {
                let mut lock = ReleaseLock { client: std::cell::RefCell::new(client), backend_pid: pid, url: url.clone(), released: false };
                return match lock.held_by_session() {
                    Ok((_, true)) => Ok(lock),
                    Ok((then, false)) => {
                        let unlock = lock.release();
                        Err(DbError::TransactionPooler(Pooler::LockNotKept { then: Some(then).filter(|p| *p != pid), unlock }))
                    }
                    Err(e) => {
                        lock.release();
                        Err(match e {
                            DbError::Query(text) if is_pooler_symptom(&text) => DbError::TransactionPooler(Pooler::Symptom { error: text }),
                            e => e,
                        })
                    }
                };
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

    /// The server process of the session holding the lock (to cancel its statement from another session).
    pub fn backend_pid(&self) -> i32 {
        self.backend_pid
    }

    /// Whether this session still holds the lock: the server process that took
    /// it is the one answering, and `pg_locks` lists the lock as granted to it.
    /// `Err`: the session cannot answer (then nothing proves the lock is held).
    pub fn still_held(&self) -> Result<bool, DbError> {
        self.held_by_session().map(|(_, held)| held)
    }

    /// The server process answering this session's statement, and whether it is the lock's and holds it.
    fn held_by_session(&self) -> Result<(i32, bool), DbError> {
        let pid = self.backend_pid;
        let row = first_row(
            &mut self.client.borrow_mut(),
            &format!(
                "SELECT pg_backend_pid(), pg_backend_pid() = {pid} AND EXISTS (SELECT 1 FROM pg_locks WHERE {} AND pid = {pid})",
                runner_lock_condition()
            ),
        )
        .map_err(|e| DbError::Query(describe_pg_error(&e)))?;
        Ok((column(&row, 0).parse().unwrap_or(0), column(&row, 1) == "t"))
    }

    /// Release the lock in the server process that took it (`pg_advisory_unlock` works only there).
    ///
    /// On a direct connection that is this session's, and one statement does it. Behind a pooler that
    /// hands this session's statements to other server connections, the one holding the lock has gone
    /// back to the pool and outlives the runner. So: the unlock is sent again, running only where the
    /// answering process is the one that took it, for up to [`UNLOCK_WAIT`]; when it never gets there,
    /// that server process is ended (`pg_terminate_backend`, the pooler opens a new one), once it is
    /// idle between two transactions of the pooler's other clients, or after [`TERMINATE_IDLE_WAIT`]
    /// whatever it runs. A session that died is checked from a new connection (through a pooler its
    /// server connection, and the lock, may live on).
    pub fn release(&mut self) -> Unlock {
        if self.released {
            return Unlock::Released;
        }
        self.released = true;
        let pid = self.backend_pid;
        // One statement, wherever it runs: the unlock where the answering process is the lock's,
        // else `elsewhere` (or, later, the end of the lock's process); and whether the lock is still held.
        let step = |otherwise: &str| {
            format!(
                "SELECT CASE WHEN pg_backend_pid() = {pid} THEN 'unlocked ' || pg_advisory_unlock({LOCK_KEY})::text ELSE {otherwise} END,
                        EXISTS (SELECT 1 FROM pg_locks WHERE {} AND pid = {pid})",
                runner_lock_condition()
            )
        };
        let unlock = step("'elsewhere'");
        let end = |any_state: bool| {
            step(&format!(
                "'ended ' || coalesce((SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                                       WHERE pid = {pid} AND ({any_state} OR state = 'idle')), false)::text"
            ))
        };
        let started = Instant::now();
        let (mut on_session, mut rolled_back, mut terminated) = (true, false, false);
        let mut fresh: Option<postgres::Client> = None;
        let mut last_error = None;
        while started.elapsed() < UNLOCK_WAIT + TERMINATE_IDLE_WAIT + TERMINATE_WAIT {
            let elapsed = started.elapsed();
            let sql = if on_session && elapsed < UNLOCK_WAIT { unlock.clone() } else { end(elapsed >= UNLOCK_WAIT + TERMINATE_IDLE_WAIT) };
            let result = if on_session {
                first_row(self.client.get_mut(), &sql)
            } else {
                if fresh.is_none() {
                    // The session died: on a direct connection its lock went with it; through a
                    // pooler its server connection may live on. A new connection looks, once.
                    match self.url.connect_within(Duration::from_secs(2)) {
                        Ok(c) => fresh = Some(c),
                        Err(e) => return Unlock::Left { pid, why: self.url.mask(&e.to_string()) },
                    }
                }
                first_row(fresh.as_mut().expect("connected above"), &sql)
            };
            match result {
                Ok(row) if column(&row, 0).starts_with("unlocked") => return Unlock::Released,
                Ok(row) => {
                    terminated |= column(&row, 0) == "ended true";
                    if column(&row, 1) == "f" {
                        return if terminated { Unlock::Terminated { pid } } else { Unlock::Released };
                    }
                }
                // An aborted transaction on the session: end it, and go on there.
                Err(e) if on_session && e.as_db_error().is_some() && !rolled_back => {
                    rolled_back = true;
                    let _ = self.client.get_mut().batch_execute("ROLLBACK");
                }
                Err(_) if on_session => on_session = false,
                Err(e) => last_error = Some(describe_pg_error(&e)),
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let why = last_error.unwrap_or_else(|| "it was still held after its server process was asked to end".into());
        Unlock::Left { pid, why: self.url.mask(&why) }
    }
}

impl Drop for ReleaseLock {
    fn drop(&mut self) {
        // Nothing to report from here: the release's report is written already.
        let _ = self.release();
    }
}

/// The `pg_locks` condition for the runner's advisory lock, granted (a bigint key shows as `classid`,
/// the high 32 bits, and `objid`, the low 32 bits, with `objsubid` 1).
fn runner_lock_condition() -> String {
    let key = LOCK_KEY as u64;
    format!("locktype = 'advisory' AND granted AND classid = {} AND objid = {} AND objsubid = 1", key >> 32, key & 0xffff_ffff)
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
    fn the_tool_gets_this_runs_application_name_in_place_of_the_users() {
        let u = parse("postgres://app:p%2Bw@h:5432/shop?application_name=shop-web&sslmode=require&x-migrations-table=my%20table").unwrap();
        let a = ToolSession::new(&u);
        let b = ToolSession::new(&u);
        assert_ne!(a.application_name, b.application_name, "a token per run");
        assert!(a.application_name.starts_with("migrations-release-") && a.application_name.len() <= 63);
        let tagged = url::Url::parse(a.expose_url()).unwrap();
        let pairs: Vec<(String, String)> = tagged.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        assert_eq!(
            pairs,
            vec![
                ("sslmode".to_string(), "require".to_string()),
                ("x-migrations-table".to_string(), "my table".to_string()),
                ("application_name".to_string(), a.application_name.clone()),
            ]
        );
        assert_eq!((tagged.username(), tagged.password(), tagged.host_str(), tagged.path()), ("app", Some("p%2Bw"), Some("h"), "/shop"));
        assert!(!format!("{a:?}").contains("p%2Bw"));
        let plain = ToolSession::new(&parse("postgres://app:pw@h/shop").unwrap());
        assert!(plain.expose_url().ends_with(&format!("/shop?application_name={}", plain.application_name)), "{}", plain.expose_url());
    }

    #[test]
    fn transaction_poolers_are_recognised_by_variable_or_endpoint() {
        let at = |var: &str, url: &str| DbUrl::parse(var, url).unwrap().transaction_pooler();
        assert_eq!(
            at("DATABASE_CONNECTION_POOL_URL", "postgres://u:p@h/d"),
            Some(Pooler::VariableName { var: "DATABASE_CONNECTION_POOL_URL".into() })
        );
        assert!(matches!(at("PGBOUNCER_POOLED_URL", "postgres://u:p@h/d"), Some(Pooler::VariableName { .. })));
        assert!(matches!(
            at("DATABASE_URL", "postgres://u:p@ep-cool-name-123456-pooler.us-east-2.aws.neon.tech/neondb"),
            Some(Pooler::Host { .. })
        ));
        assert!(matches!(
            at("DATABASE_URL", "postgres://u:p@aws-0-eu-west-1.pooler.supabase.com:6543/postgres"),
            Some(Pooler::Host { .. })
        ));
        // Supabase's session-mode pooler (5432) keeps a session: locks work there.
        assert_eq!(at("DATABASE_URL", "postgres://u:p@aws-0-eu-west-1.pooler.supabase.com:5432/postgres"), None);
        assert_eq!(at("DATABASE_URL", "postgres://u:p@ep-cool-name-123456.us-east-2.aws.neon.tech/neondb"), None);
        assert_eq!(at("HEROKU_POSTGRESQL_RED_URL", "postgres://u:p@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d"), None);
    }

    #[test]
    fn pooler_symptoms_are_the_errors_a_pooler_causes_and_no_others() {
        for symptom in [
            r#"prepared statement "s1" does not exist (26000)"#,
            "unnamed prepared statement does not exist (26000)",
            r#"prepared statement "s0" already exists (42P05)"#,
            r#"portal "" does not exist (34000)"#,
            "ERROR: transaction blocks not allowed in statement pooling mode",
        ] {
            assert!(is_pooler_symptom(symptom), "{symptom}");
        }
        for other in [
            r#"database "shop" does not exist (3D000)"#,
            r#"role "shop" does not exist (28000)"#,
            r#"relation "users" does not exist (42P01)"#,
            "cannot execute CREATE TABLE in a read-only transaction (25006)",
        ] {
            assert!(!is_pooler_symptom(other), "{other}");
        }
    }

    #[test]
    fn mask_urls_leaves_text_without_credentials_alone() {
        assert_eq!(mask_urls("see https://example.com/x and postgres://u@h/d"), "see https://example.com/x and postgres://u@h/d");
    }
}
