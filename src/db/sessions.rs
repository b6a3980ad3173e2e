//! The tool's sessions: tagged with an `application_name` unique to this run, so that the runner
//! can cancel their statements or end them (on a stop) and never touches anyone else's.

use super::{DbUrl, describe_pg_error};
use std::time::{Duration, Instant};

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
        let mut tagged = url.parsed().clone();
        let pairs = url.query().iter().filter(|(k, _)| k != "application_name");
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
pub(super) fn random_u64() -> u64 {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tool_gets_this_runs_application_name_in_place_of_the_users() {
        let u = DbUrl::parse(
            "DATABASE_URL",
            "postgres://app:p%2Bw@h:5432/shop?application_name=shop-web&sslmode=require&x-migrations-table=my%20table",
        )
        .unwrap();
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
        let plain = ToolSession::new(&DbUrl::parse("DATABASE_URL", "postgres://app:pw@h/shop").unwrap());
        assert!(plain.expose_url().ends_with(&format!("/shop?application_name={}", plain.application_name)), "{}", plain.expose_url());
    }
}
