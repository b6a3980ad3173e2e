//! The report of a failed release: what happened, what was undone, the state now and the next step.

use super::*;

/// `in line L:` from golang-migrate's error, or `line: L,` from dbmate's.
fn error_line_number(lines: &[String]) -> Option<usize> {
    for l in lines {
        for marker in [" in line ", "line: "] {
            if let Some(i) = l.find(marker) {
                let digits: String = l[i + marker.len()..].chars().take_while(char::is_ascii_digit).collect();
                if let Ok(n) = digits.parse() {
                    return Some(n);
                }
            }
        }
    }
    None
}

/// After a stop: the tool's sessions that could not be confirmed gone.
pub fn tool_sessions_left(left: &crate::db::SessionsLeft) -> String {
    match left {
        crate::db::SessionsLeft::None => "the stopped tool's database sessions are gone".to_string(),
        crate::db::SessionsLeft::Some(n) => format!("{n} database session(s) of the stopped tool were still there after being ended"),
        crate::db::SessionsLeft::Unknown(e) => format!("whether the stopped tool's database sessions are gone is unknown: {e}"),
    }
}

/// One piece of evidence about the final state, as the report states it.
pub fn evidence(e: &crate::release::outcome::Evidence) -> String {
    use crate::release::outcome::{Evidence, LockLoss};
    match e {
        Evidence::SchemaAsFound { objects } => format!("the schema is as found ({objects} objects compared)"),
        Evidence::SchemaDiffers(d) => format!("schema: {d}"),
        Evidence::MoreSchemaDiffers(n) => format!("schema: … and {n} more object(s) differ from when the release started"),
        Evidence::SchemaUnreadBefore(e) => format!("the schema could not be read before applying, so it cannot be compared: {e}"),
        Evidence::SchemaUnreadAfter(e) => format!("the schema could not be read afterwards: {e}"),
        Evidence::NothingRan => "no migration statement ran: every attempt ended before its first migration".into(),
        Evidence::LockLost(LockLoss::NotHeld) => {
            "the runner's lock was no longer held by its session (another release may have run meanwhile)".into()
        }
        Evidence::LockLost(LockLoss::Unconfirmed(e)) => format!("the runner's lock could not be confirmed: its session failed ({e})"),
        Evidence::ToolSessionsLeft(left) => tool_sessions_left(left),
        Evidence::ToolDisagrees(tool) => format!("{tool}'s own view agrees with the versions written"),
        Evidence::CommittedDespiteFailure(why) => why.clone(),
    }
}

/// SQL that repairs what the catalogs show without doubt (an index a failed `CREATE INDEX
/// CONCURRENTLY` left INVALID), run through the URL's variable.
pub fn repair_commands(evidence: &[crate::release::outcome::Evidence], url_var: &str) -> Vec<String> {
    evidence
        .iter()
        .filter_map(crate::release::outcome::Evidence::invalid_index)
        .map(|name| {
            let quoted = match name.split_once('.') {
                Some((schema, n)) => format!("{}.{}", crate::db::quote_ident(schema), crate::db::quote_ident(n)),
                None => crate::db::quote_ident(name),
            };
            format!("psql \"${url_var}\" -c 'DROP INDEX CONCURRENTLY IF EXISTS {quoted}'   # the failed CREATE INDEX CONCURRENTLY left it INVALID")
        })
        .collect()
}

pub fn success(a: &Applied) -> String {
    let applied = &a.applied;
    format!(
        "migrations: done: applied {} migration(s) ({}) in {} ({} mode); database went from {} to {}.",
        applied.len(),
        list(applied),
        output::duration(a.elapsed),
        mode_name(&a.mode),
        a.record.describe(),
        a.now.describe()
    )
}

fn cause(f: &Failure) -> String {
    match &f.cause {
        Cause::Stopped(StopReason::Signal) => "the release was stopped by a signal (SIGTERM/SIGINT) while migrating".to_string(),
        Cause::Stopped(StopReason::Deadline) => "the release ran past MIGRATIONS_TIMEOUT and was stopped".to_string(),
        Cause::Runner(e) => format!("the runner could not finish: {e}"),
        Cause::Blocking(b) => blocked_cause(b),
        Cause::Migration => match (&f.failed, &f.failed_file) {
            (Some(v), Some(file)) => {
                format!("migration {v} failed ({})", file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default())
            }
            (Some(v), None) => format!("migration {v} failed"),
            _ => "the migration tool failed".to_string(),
        },
    }
}

/// What happened, the error and the failing line, what was pending and applied (shared by every failure report).
fn what_happened(s: &mut String, f: &Failure) {
    let _ = writeln!(s, "What happened: {}.", cause(f));
    for l in f.error_lines.iter().take(6) {
        let _ = writeln!(s, "  {l}");
    }
    if let (Some(file), Some(n)) = (&f.failed_file, error_line_number(&f.error_lines)) {
        if let Some(line) = file_line(file, n) {
            let _ = writeln!(s, "  at {}:{n}: {line}", file.file_name().unwrap_or_default().to_string_lossy());
        }
    }
    let _ = writeln!(s, "Mode:               {}", mode_name(&f.mode));
    let _ = writeln!(s, "Pending at start:   {}", list(&f.pending));
    let _ = writeln!(s, "Applied this run:   {}", list(&f.applied));
    match &f.mode {
        Mode::All if f.applied.is_empty() => {
            let _ = writeln!(s, "Undone:             everything (one transaction, rolled back; no down file was needed)");
        }
        Mode::All => {
            let _ = writeln!(s, "Undone:             nothing (the transaction was committed)");
        }
        Mode::File { .. } if f.on_failure_stop => {
            let _ = writeln!(s, "Undone:             nothing (MIGRATIONS_ON_FAILURE=stop)");
        }
        Mode::File { .. } => {
            let _ = writeln!(s, "Undone:             {}", list(&f.undone()));
            if !f.cannot_undo.is_empty() {
                let _ = writeln!(s, "Could not undo:     {} (no down migration)", list(&f.cannot_undo));
            }
        }
    }
    if let Some((n, step, e)) = f.failed_step() {
        let _ = writeln!(s, "Undo failed:        step {n} ({}): {e}", step.description);
    }
    for e in f.evidence.iter().filter(|e| !e.holds()) {
        let _ = writeln!(s, "Check failed:       {}", evidence(e));
    }
    let _ = writeln!(s, "State before:       {}", f.record.describe());
}

pub fn failure_report(f: &Failure, restored: bool) -> String {
    let mut s = String::from("\nmigrations: ======================== RELEASE FAILED ========================\n");
    what_happened(&mut s, f);
    if let Ok(now) = &f.final_state {
        let _ = writeln!(s, "State now:          {}", now.describe());
    }
    if restored {
        let next = match f.cause {
            Cause::Stopped(StopReason::Signal) => "release again (for example `heroku releases:retry`, or redeploy)",
            Cause::Stopped(StopReason::Deadline) => {
                "make the slow migration faster or split it, or raise MIGRATIONS_TIMEOUT (the platform allows one hour), then deploy again"
            }
            Cause::Blocking(_) => blocked_next_step(),
            _ => "fix the failing migration, then deploy again",
        };
        if f.mode == Mode::All {
            let _ = writeln!(s, "Nothing was changed: the transaction was rolled back, and no down file was needed.");
        }
        let _ = writeln!(s, "The database is back where this release found it. The previous release keeps running.\nNext step: {next}.");
    } else {
        let _ = writeln!(
            s,
            "The database is NOT where this release found it. The previous release keeps running against it.\n\
             Next step: inspect the schema, then run these commands (from `heroku run bash` or a machine that can reach the database):"
        );
        for c in &f.manual {
            let _ = writeln!(s, "  {c}");
        }
    }
    let _ = writeln!(s, "migrations: ================================================================");
    s
}

/// The runner panicked (a bug): what is known, the state read afterwards, how to check.
pub fn panicked(message: &str, record: Option<&DbState>, now: &Result<DbState, String>, manual: &[String]) -> String {
    let mut s = String::from("\nmigrations: ======================== RELEASE FAILED ========================\n");
    let _ = writeln!(s, "What happened: the runner stopped on an internal error (a bug; please report it): {message}.");
    let _ = writeln!(s, "State before:       {}", record.map_or("not read yet".to_string(), DbState::describe));
    match now {
        Ok(state) => {
            let _ = writeln!(s, "State now:          {}", state.describe());
        }
        Err(e) => {
            let _ = writeln!(s, "State now:          unknown ({e})");
        }
    }
    let _ = writeln!(
        s,
        "Nothing proves the database is where this release found it: the schema was not compared.\n\
         Next step: inspect the schema, then check and repair with (from `heroku run bash` or a machine that can reach the database):"
    );
    for c in manual {
        let _ = writeln!(s, "  {c}");
    }
    let _ = write!(s, "migrations: ================================================================");
    s
}

/// The final state could not be read: say what is known and how to check.
pub fn state_unknown(f: &Failure) -> String {
    let mut s = String::from("\nmigrations: ======================== RELEASE FAILED ========================\n");
    what_happened(&mut s, f);
    let e = f.final_state.as_ref().err().cloned().unwrap_or_default();
    let _ = writeln!(s, "State now:          unknown");
    let _ = writeln!(
        s,
        "migrations: FAILED: the database state could not be read afterwards: {e}\n\
         migrations: State before this release: {}. The database may be anywhere between that and fully migrated.\n\
         migrations: Next step: once the database is reachable, check and repair with:",
        f.record.describe()
    );
    for c in &f.manual {
        let _ = writeln!(s, "  {c}");
    }
    let _ = write!(s, "migrations: ================================================================");
    s
}
