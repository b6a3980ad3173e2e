//! The watcher's one query per look: the release's own statements (what each waits for, who holds
//! it, an index build's or a rewrite's progress) and the sessions waiting behind them. One round trip
//! (the simple protocol: it works through a transaction pooler too), answered as one JSON value.
//! Another session's query text is never read.

use super::Target;
use serde::Deserialize;

/// One of the release's sessions (the runner's own, or one of the tool's).
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Statement {
    pub pid: i32,
    /// Whether it runs a statement now (not idle, nor idle in its transaction).
    pub active: bool,
    /// Seconds since its statement started.
    pub elapsed: f64,
    /// When its statement started (seconds since the epoch): with the pid, it tells statements apart.
    pub started: f64,
    /// When it waits for a lock: the relation (`None` for a row, a transaction, …) and the lock's type.
    pub relation: Option<String>,
    pub locktype: Option<String>,
    /// The first session it waits for: its pid, application_name and how long its transaction is open.
    #[serde(default)]
    pub holder_pid: Option<i32>,
    #[serde(default)]
    pub holder_app: Option<String>,
    #[serde(default)]
    pub holder_for: Option<f64>,
    /// An index build's (`pg_stat_progress_create_index`) or a rewrite's (`pg_stat_progress_cluster`) command and phase.
    #[serde(default)]
    pub command: Option<String>,
    #[serde(default)]
    pub phase: Option<String>,
    #[serde(default)]
    pub blocks_done: Option<i64>,
    #[serde(default)]
    pub blocks_total: Option<i64>,
    #[serde(default)]
    pub tuples_done: Option<i64>,
    #[serde(default)]
    pub tuples_total: Option<i64>,
}

/// A client session waiting for a lock that one of the release's sessions holds (or waits for ahead of it).
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Waiter {
    pub pid: i32,
    /// When its statement started (seconds since the epoch).
    pub started: f64,
    /// Seconds it has waited (PostgreSQL 14+: `pg_locks.waitstart`; `None` before that, or in the
    /// instant before PostgreSQL records it).
    pub waited: Option<f64>,
    pub relation: Option<String>,
    pub locktype: Option<String>,
}

/// What one look saw.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct Snapshot {
    pub running: Vec<Statement>,
    #[serde(default)]
    pub waiting: Vec<Waiter>,
}

/// The text of the look for this server (`server_version_num`): `waiting` adds the sessions that wait
/// behind the release's, `progress` the holder of a lock it waits for and the progress views.
pub fn sql(server_version: i32, waiting: bool, progress: bool) -> String {
    let progress = progress && server_version >= 120_000;
    let (holder_cols, holder_join) = if progress { (HOLDER_COLS, HOLDER_JOIN) } else { ("", "") };
    let (progress_cols, progress_join) = if progress { (PROGRESS_COLS, PROGRESS_JOIN) } else { ("", "") };
    let waited = if server_version >= 140_000 { "extract(epoch FROM now() - l.waitstart)::float8" } else { "NULL::float8" };
    let waiting = if waiting { WAITING.replace("{waited}", waited) } else { "'[]'::json".to_string() };
    format!(
        "WITH mine AS (SELECT pid, state, query_start, wait_event_type FROM pg_stat_activity \
           WHERE pid <> pg_backend_pid() AND (pid = $1 OR ($2 <> '' AND application_name = $2))) \
         SELECT json_build_object('running', (SELECT coalesce(json_agg(r), '[]') FROM ( \
           SELECT m.pid, m.state = 'active' AS active, \
                  coalesce(extract(epoch FROM now() - m.query_start)::float8, 0) AS elapsed, \
                  coalesce(extract(epoch FROM m.query_start)::float8, 0) AS started, \
                  w.relation, w.locktype{holder_cols}{progress_cols} \
             FROM mine m \
             LEFT JOIN LATERAL (SELECT l.relation::regclass::text AS relation, l.locktype FROM pg_locks l \
                                 WHERE m.wait_event_type = 'Lock' AND l.pid = m.pid AND NOT l.granted LIMIT 1) w ON true \
             {holder_join}{progress_join}) r), 'waiting', {waiting})::text"
    )
}

/// The first session the release's waits for (only computed when it waits), and how long that
/// session's transaction is open: it holds the lock at most that long.
const HOLDER_COLS: &str = ", h.pid AS holder_pid, h.application_name AS holder_app, \
    extract(epoch FROM now() - coalesce(h.xact_start, h.state_change))::float8 AS holder_for";
const HOLDER_JOIN: &str = "LEFT JOIN LATERAL (SELECT (pg_blocking_pids(m.pid))[1] AS pid WHERE w.locktype IS NOT NULL) hp ON true \
    LEFT JOIN pg_stat_activity h ON h.pid = hp.pid ";

/// An index build's progress in blocks and tuples; a rewrite's (`CLUSTER`, `VACUUM FULL`) in heap blocks.
const PROGRESS_COLS: &str = ", p.command, p.phase, p.blocks_done, p.blocks_total, p.tuples_done, p.tuples_total";
const PROGRESS_JOIN: &str = "LEFT JOIN LATERAL ( \
      SELECT c.command, c.phase, c.blocks_done, c.blocks_total, c.tuples_done, c.tuples_total \
        FROM pg_stat_progress_create_index c WHERE c.pid = m.pid \
      UNION ALL \
      SELECT k.command, k.phase, k.heap_blks_scanned, k.heap_blks_total, NULL, NULL FROM pg_stat_progress_cluster k WHERE k.pid = m.pid \
      LIMIT 1) p ON true ";

/// Client sessions waiting for a lock (not an advisory one) that the release's sessions hold or wait
/// for ahead of them. `pg_blocking_pids` is only asked about sessions that wait for a lock at all.
const WAITING: &str = "(SELECT coalesce(json_agg(x), '[]') FROM ( \
      SELECT b.pid, coalesce(extract(epoch FROM b.query_start)::float8, 0) AS started, {waited} AS waited, \
             l.relation::regclass::text AS relation, l.locktype \
        FROM (SELECT a.pid, a.query_start FROM pg_stat_activity a \
               WHERE a.backend_type = 'client backend' AND a.pid <> pg_backend_pid() AND a.pid NOT IN (SELECT pid FROM mine) \
                 AND CASE WHEN a.wait_event_type = 'Lock' AND a.wait_event <> 'advisory' \
                          THEN pg_blocking_pids(a.pid) && ARRAY(SELECT pid FROM mine) ELSE false END) b \
        LEFT JOIN LATERAL (SELECT * FROM pg_locks l WHERE l.pid = b.pid AND NOT l.granted LIMIT 1) l ON true) x)";

/// `$1` and `$2` of a look or a cancel, as literals (the simple protocol has no parameters).
fn with_target(sql: &str, target: &Target) -> String {
    let (pid, app) = match target {
        Target::Backend(pid) => (*pid, String::new()),
        Target::Tool(app) => (0, app.replace('\'', "''")),
    };
    sql.replace("$1", &pid.to_string()).replace("$2", &format!("'{app}'"))
}

/// The first column of the first row of a simple query.
fn first_value(client: &mut postgres::Client, sql: &str) -> Result<Option<String>, postgres::Error> {
    Ok(client.simple_query(sql)?.into_iter().find_map(|m| match m {
        postgres::SimpleQueryMessage::Row(row) => row.get(0).map(str::to_string),
        _ => None,
    }))
}

/// The server's `server_version_num`.
pub fn server_version(client: &mut postgres::Client) -> Result<i32, postgres::Error> {
    Ok(first_value(client, "SELECT current_setting('server_version_num')")?.and_then(|v| v.parse().ok()).unwrap_or(0))
}

/// One look. An answer that does not parse is no answer (`None`), as is a failed query (`Err`).
pub fn look(client: &mut postgres::Client, sql: &str, target: &Target) -> Result<Option<Snapshot>, postgres::Error> {
    Ok(first_value(client, &with_target(sql, target))?.and_then(|text| serde_json::from_str(&text).ok()))
}

/// Cancel the statement of every session of `target`.
pub fn cancel(client: &mut postgres::Client, target: &Target) -> Result<(), postgres::Error> {
    let sql = "SELECT pg_cancel_backend(pid) FROM pg_stat_activity \
               WHERE pid <> pg_backend_pid() AND (pid = $1 OR ($2 <> '' AND application_name = $2))";
    client.simple_query(&with_target(sql, target)).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_look_reads_no_query_text_and_fits_the_server() {
        for (version, waiting, progress) in [(110_000, false, false), (130_000, true, true), (160_000, true, false)] {
            let sql = sql(version, waiting, progress);
            assert!(!sql.contains("query,") && !sql.contains(".query ") && !sql.contains("query AS"), "{sql}");
            assert_eq!(sql.contains("waitstart"), waiting && version >= 140_000, "{version}");
            assert_eq!(sql.contains("pg_stat_progress_create_index"), progress && version >= 120_000, "{version}");
            assert_eq!(sql.contains("backend_type"), waiting, "{version}");
        }
        let t = with_target("x = $1 OR y = $2", &Target::Tool("it's".into()));
        assert_eq!(t, "x = 0 OR y = 'it''s'");
        assert_eq!(with_target("x = $1 OR y = $2", &Target::Backend(42)), "x = 42 OR y = ''");
    }

    #[test]
    fn an_answer_parses_with_or_without_its_optional_parts() {
        let s: Snapshot = serde_json::from_str(
            r#"{"running":[{"pid":7,"active":true,"elapsed":12.5,"started":1.0,"relation":"users","locktype":"relation",
                "holder_pid":9,"holder_app":"web","holder_for":30.0,"command":null,"phase":null,"blocks_done":null}],
                "waiting":[{"pid":11,"started":2.0,"waited":null,"relation":null,"locktype":"transactionid"}]}"#,
        )
        .unwrap();
        assert_eq!((s.running[0].holder_pid, s.waiting[0].locktype.as_deref()), (Some(9), Some("transactionid")));
        let s: Snapshot = serde_json::from_str(
            r#"{"running":[{"pid":7,"active":false,"elapsed":0,"started":0,"relation":null,"locktype":null}],"waiting":[]}"#,
        )
        .unwrap();
        assert_eq!((s.running.len(), s.running[0].command.clone(), s.waiting.len()), (1, None, 0));
    }
}
