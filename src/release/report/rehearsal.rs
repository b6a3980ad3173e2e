//! The lines of a rehearsal (`migrations rehearse`).

use super::*;

/// A rehearsal's conclusion, then what was checked after its rollback.
pub(super) fn rehearsal(r: &crate::release::outcome::Rehearsal) -> String {
    use crate::release::outcome::RehearsalEnd;
    let mut text = match &r.end {
        RehearsalEnd::WouldSucceed => rehearse_ok(r.runs.len(), r.elapsed),
        RehearsalEnd::WouldFail { file, error_lines, path, line } => rehearse_failed(file, error_lines, path.as_deref(), *line),
        RehearsalEnd::Cannot(blocker) => cannot_rehearse(blocker, r.runs.len()),
        RehearsalEnd::Stopped(reason) => rehearse_stopped(*reason),
        RehearsalEnd::Blocking(b) => rehearse_blocked(b),
        RehearsalEnd::Error(e) => rehearse_error(e),
    };
    if let Some(held) = locks_held(r) {
        text.push('\n');
        text.push_str(&held);
    }
    if let Some((table, schema)) = &r.checked {
        text.push('\n');
        text.push_str(&rehearse_checked(*table, schema.as_deref()));
    }
    text
}

pub fn rehearse_banner(set: &MigrationSet, url: &DbUrl) -> String {
    format!(
        "migrations: rehearsal with {} against {} (from ${}): every pending migration in one transaction that is always rolled back.\n\
         migrations: It takes the same locks the release would, for as long as it runs.",
        set.tool,
        url.masked(),
        url.var()
    )
}

pub fn rehearse_ok(n: usize, elapsed: Duration) -> String {
    format!(
        "migrations: rehearse: the release would succeed: {n} migration(s) ran in {}; all rolled back, nothing was changed.",
        output::duration(elapsed)
    )
}

pub fn rehearse_failed(file: &str, error_lines: &[String], path: Option<&Path>, line: Option<usize>) -> String {
    let mut s = format!("migrations: rehearse: FAILED {file}");
    for l in error_lines {
        let _ = write!(s, "\n  {l}");
    }
    if let (Some(p), Some(n)) = (path, line) {
        if let Some(text) = file_line(p, n) {
            let _ = write!(s, "\n  at {file}:{n}: {text}");
        }
    }
    let _ = write!(s, "\nmigrations: rehearse: the release would fail at {file}; everything was rolled back, nothing was changed.");
    s
}

pub fn cannot_rehearse(blocker: &crate::release::all::Blocker, rehearsed: usize) -> String {
    format!(
        "migrations: rehearse: cannot rehearse further: {blocker}.\n\
         migrations: rehearse: the {rehearsed} pending migration(s) before it ran and were rolled back; nothing was changed. \
         A release would apply these files with MIGRATIONS_TX_MODE=file (auto chooses it)."
    )
}

/// The rehearsal's last line: the version table and the schema after its rollback, against before.
/// `schema`: the evidence of the schema comparison (`None`: the schema was never read, because the
/// rehearsal ended before its first statement).
pub fn rehearse_checked(version_table_as_found: bool, schema: Option<&[crate::release::outcome::Evidence]>) -> String {
    let mut problems: Vec<String> = Vec::new();
    if !version_table_as_found {
        problems.push("the version table reads differently".into());
    }
    let mut compared = None;
    match schema {
        Some(items) => {
            for e in items {
                if e.holds() {
                    compared = Some(evidence(e));
                } else {
                    problems.push(evidence(e));
                }
            }
        }
        None => compared = Some("the schema was not read: the rehearsal ended before its first migration".into()),
    }
    if problems.is_empty() {
        let schema = compared.unwrap_or_else(|| "the schema is as found".into());
        format!("migrations: rehearse: checked after the rollback: the version table is as found, and {schema}.")
    } else {
        let mut s = "migrations: rehearse: WARNING: after the rollback the database is not as the rehearsal found it (another session may have changed it meanwhile); check the database:".to_string();
        for p in problems {
            let _ = write!(
                s,
                "
  {p}"
            );
        }
        s
    }
}

pub fn rehearse_stopped(reason: StopReason) -> String {
    let why = match reason {
        StopReason::Signal => "a signal (SIGTERM/SIGINT)",
        StopReason::Deadline => "MIGRATIONS_TIMEOUT",
    };
    format!("migrations: rehearse: stopped by {why}; everything was rolled back, nothing was changed. No conclusion.")
}

pub fn rehearse_error(error: &str) -> String {
    format!("migrations: rehearse: could not finish: {error}; nothing was changed. No conclusion.")
}

/// The rehearsal's line for a migration that ran: its duration, and the table locks it took that
/// make the application wait.
pub fn rehearse_ran(r: &crate::release::all::UnitRun) -> String {
    let mut line = format!("migrations: rehearse: ok     {} ({})", r.file, output::duration(r.elapsed));
    let blocking: Vec<String> =
        r.locks.iter().filter(|l| l.blocks().is_some()).map(|l| format!("{} {}", l.relation, l.mode_name())).collect();
    if !blocking.is_empty() {
        let _ = write!(line, "; locks {}", blocking.join(", "));
    }
    line
}

/// Tables listed one by one in the rehearsal's lock summary (the rest are counted).
const HELD_LINES: usize = 10;

/// How long a release would hold each table in a mode that makes the application wait (`None` when
/// no migration takes such a lock on a table that existed before).
fn locks_held(r: &crate::release::outcome::Rehearsal) -> Option<String> {
    let held = r.held();
    if held.is_empty() {
        return None;
    }
    let mut s = match r.mode {
        Mode::All => {
            "migrations: rehearse: a release in all mode holds these locks from the migration that takes them to its commit:".to_string()
        }
        Mode::File { .. } => {
            "migrations: rehearse: a release in file mode holds these locks for the migration that takes them:".to_string()
        }
    };
    for h in held.iter().take(HELD_LINES) {
        let waits = h.lock.blocks().unwrap_or("nothing");
        let _ = write!(
            s,
            "\n  {} {} for {} (from {}): the application's {waits} on it wait",
            h.lock.relation,
            h.lock.mode_name(),
            output::duration(h.held),
            h.from_file
        );
    }
    if held.len() > HELD_LINES {
        let _ = write!(s, "\n  … and {} more", held.len() - HELD_LINES);
    }
    Some(s)
}

/// `migrations rehearse --format json`: the rehearsal as one JSON object (any other outcome — nothing
/// pending, refused, not run — as its result and the text a person would read).
pub fn rehearsal_json(o: &ReleaseOutcome, set: &MigrationSet, config: &crate::config::ReleaseConfig) -> String {
    let value = match o {
        ReleaseOutcome::Rehearsed(r) => {
            let (result, detail) = end_json(&r.end);
            let files: Vec<serde_json::Value> = r
                .runs
                .iter()
                .map(|run| {
                    serde_json::json!({
                        "file": run.file, "version": run.version, "elapsed_ms": ms(run.elapsed),
                        "locks": run.locks.iter().map(lock_json).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let held: Vec<serde_json::Value> = r
                .held()
                .iter()
                .map(|h| serde_json::json!({ "lock": lock_json(&h.lock), "held_ms": ms(h.held), "from_file": h.from_file }))
                .collect();
            let checked = r.checked.as_ref().map(|(table, schema)| {
                serde_json::json!({
                    "version_table_as_found": table,
                    "schema": schema.as_ref().map(|e| e.iter().map(|e| serde_json::json!({ "holds": e.holds(), "what": evidence(e) })).collect::<Vec<_>>()),
                })
            });
            let mode = match r.mode {
                Mode::All => "all",
                Mode::File { .. } => "file",
            };
            serde_json::json!({
                "result": result, "exit_code": o.rehearsal_exit_code(), "mode": mode, "elapsed_ms": ms(r.elapsed),
                "detail": detail, "files": files, "held": held, "checked": checked,
            })
        }
        other => {
            let result = match other {
                ReleaseOutcome::NothingToDo { .. } => "nothing-pending",
                ReleaseOutcome::Refused(_) => "refused",
                _ => "not-run",
            };
            serde_json::json!({ "result": result, "exit_code": other.rehearsal_exit_code(), "message": super::outcome(other, set, config) })
        }
    };
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// How a rehearsal ended, as the JSON report's `result` and `detail`.
fn end_json(end: &crate::release::outcome::RehearsalEnd) -> (&'static str, serde_json::Value) {
    use crate::release::outcome::RehearsalEnd;
    match end {
        RehearsalEnd::WouldSucceed => ("would-succeed", serde_json::Value::Null),
        RehearsalEnd::WouldFail { file, error_lines, line, .. } => {
            ("would-fail", serde_json::json!({ "file": file, "line": line, "error": error_lines }))
        }
        RehearsalEnd::Cannot(b) => ("cannot-rehearse", serde_json::json!({ "why": b.to_string() })),
        RehearsalEnd::Stopped(reason) => ("stopped", serde_json::json!({ "why": rehearse_stopped(*reason) })),
        RehearsalEnd::Blocking(b) => (
            "blocking",
            serde_json::json!({
                "file": b.file, "relation": b.relation, "lock_type": b.lock_type, "sessions": b.sessions,
                "longest_wait_ms": ms(b.longest), "limit_ms": ms(b.limit), "why": super::blocked_cause(b),
            }),
        ),
        RehearsalEnd::Error(e) => ("error", serde_json::json!({ "error": e })),
    }
}

fn lock_json(l: &crate::release::all::HeldLock) -> serde_json::Value {
    serde_json::json!({ "relation": l.relation, "mode": l.mode_name(), "blocks": l.blocks() })
}

fn ms(d: Duration) -> u64 {
    d.as_millis() as u64
}
