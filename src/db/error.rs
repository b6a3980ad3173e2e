//! What went wrong on the runner's own connection, and the text a PostgreSQL error is shown with.

use super::{Pooler, ReadOnly, is_pooler_symptom};
use std::time::Duration;

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

/// A failed statement of the runner's session: the pooler case when its error is one a pooler causes.
pub(super) fn session_error(e: &postgres::Error) -> DbError {
    let text = describe_pg_error(e);
    if is_pooler_symptom(&text) { DbError::TransactionPooler(Pooler::Symptom { error: text }) } else { DbError::Query(text) }
}
