//! The database side of a release, as the runner itself sees it (the tools have their own
//! connections): the URL (read, validated, masked), the runner's own connection (TLS as libpq does
//! it), the check that this connection can do what a release needs (writes, a session of its own,
//! not a transaction-mode pooler's), the tool's sessions (tagged, cancelled, ended), the advisory
//! lock, and how a PostgreSQL error is described.
//!
//! | file | concern |
//! | --- | --- |
//! | `url.rs` | [`DbUrl`]: parsing, the runner's settings, masking ([`mask_urls`]) |
//! | `tls.rs` | [`Tls`] and [`DbUrl::connect`]: the runner's connection |
//! | `pooler.rs` | [`connect_checked`]: read-only databases and transaction-mode poolers, [`Pooler`] |
//! | `sessions.rs` | [`ToolSession`], [`cancel_sessions`], [`terminate_sessions`] |
//! | `lock.rs` | [`ReleaseLock`] and its key, [`LOCK_KEY`] |
//! | `error.rs` | [`DbError`], [`describe_pg_error`] |
//!
//! Nothing here knows about engines or releases: those modules use this one, never the other way.

mod advisory;
mod error;
mod pooler;
mod sessions;
mod tls;
mod url;

pub use self::url::{DbUrl, DbUrlError, RUNNER_PARAMS, mask_urls};
pub use advisory::{LOCK_KEY, ReleaseLock, Unlock};
pub use error::{DbError, describe_pg_error};
pub use pooler::{Backend, Pooler, ReadOnly, ReadOnlySource, connect_checked, is_pooler_symptom};
pub use sessions::{SessionsLeft, ToolSession, cancel_sessions, terminate_sessions};
pub use tls::Tls;

use error::session_error;
use sessions::random_u64;

/// Quote an identifier for SQL (`"a""b"`).
pub fn quote_ident(name: &str) -> String {
    postgres_protocol::escape::escape_identifier(name)
}

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
