//! Before anything writes: the connection check. The database must take writes (not a hot standby,
//! not `default_transaction_read_only`), and the runner's connection must be a session of its own,
//! not a transaction-mode pooler's, where a session-level advisory lock protects nothing. A pooler is
//! known by the URL's variable or host, by how the connection behaves, or by the errors it causes.

use super::{DbError, DbUrl, Unlock, column, first_row, random_u64, session_error};
use std::time::Duration;

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

impl DbUrl {
    /// A transaction-mode connection pooler, when the URL's variable or host says so.
    /// (A pooler that says nothing is caught by how it behaves, see [`connect_checked`] and
    /// [`ReleaseLock::acquire`](super::ReleaseLock::acquire).)
    pub fn transaction_pooler(&self) -> Option<Pooler> {
        if self.var().to_ascii_uppercase().contains("POOL") {
            return Some(Pooler::VariableName { var: self.var().to_string() });
        }
        let ports = self.config().get_ports();
        for (i, host) in self.config().get_hosts().iter().enumerate() {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
