//! The lines of a rehearsal (`migrations rehearse`).

use super::*;

/// A rehearsal's conclusion, then what was checked after its rollback.
pub(super) fn rehearsal(r: &crate::release::outcome::Rehearsal) -> String {
    use crate::release::outcome::RehearsalEnd;
    let mut text = match &r.end {
        RehearsalEnd::WouldSucceed => rehearse_ok(r.rehearsed, r.elapsed),
        RehearsalEnd::WouldFail { file, error_lines, path, line } => rehearse_failed(file, error_lines, path.as_deref(), *line),
        RehearsalEnd::Cannot(blocker) => cannot_rehearse(blocker, r.rehearsed),
        RehearsalEnd::Stopped(reason) => rehearse_stopped(*reason),
        RehearsalEnd::Blocking(b) => rehearse_blocked(b),
        RehearsalEnd::Error(e) => rehearse_error(e),
    };
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
