//! What the watcher of a running migration reports: a long statement's progress lines
//! (`MIGRATIONS_PROGRESS_INTERVAL`) and the blocking guard's verdict (`MIGRATIONS_MAX_BLOCKING`).
//! Other sessions are named by pid and `application_name`, never by their query text.

use super::*;
use crate::engine::watch::blocking::Blocked;
use crate::engine::watch::progress::{LockWait, Progress};

/// One progress line: the file, how long its statement has run, then what it does.
pub fn progress(p: &Progress) -> String {
    let what = p.file.as_deref().map_or("a migration".to_string(), str::to_string);
    let mut s = format!("migrations: progress: {what}: running for {}", output::duration(p.elapsed));
    if let Some(wait) = &p.waiting {
        let _ = write!(s, "; {}", lock_wait(wait));
    }
    if let Some(build) = &p.build {
        let _ = write!(s, "; {}: {}", build.command, build.phase);
        if let Some(percent) = build.percent {
            let _ = write!(s, " {percent:.0}%");
        }
    }
    if let Some((sessions, longest)) = p.blocking {
        let _ = write!(s, "; {sessions} other session(s) waiting for its locks (the longest for {})", output::duration(longest));
    }
    s
}

/// `waiting for a lock on users held by pid 4242 (application_name "web"), whose transaction is open for 31.0s`
fn lock_wait(w: &LockWait) -> String {
    let on = lock_target(w.relation.as_deref(), &w.lock_type);
    let Some(holder) = &w.holder else { return format!("waiting for a lock {on}") };
    let held = holder.held.map_or(String::new(), |d| format!(", whose transaction is open for {}", output::duration(d)));
    format!("waiting for a lock {on} held by pid {} ({}){held}", holder.pid, application_name(&holder.application_name))
}

fn application_name(name: &str) -> String {
    if name.is_empty() { "no application_name".into() } else { format!("application_name {name:?}") }
}

/// `on users`, `on rows it changed`, `of type advisory`.
fn lock_target(relation: Option<&str>, lock_type: &str) -> String {
    match (relation, lock_type) {
        (Some(r), _) => format!("on {r}"),
        (None, "transactionid" | "tuple") => "on rows the release changed".into(),
        (None, other) => format!("of type {other}"),
    }
}

/// The blocking guard's verdict, as the cause of a failed release.
pub fn blocked_cause(b: &Blocked) -> String {
    let during = b.file.as_deref().map_or(String::new(), |f| format!(" while {f} ran"));
    format!(
        "the blocking guard cancelled the release{during}: {} other session(s) waited for its locks {}, the longest for {} \
         (MIGRATIONS_MAX_BLOCKING={})",
        b.sessions,
        lock_target(b.relation.as_deref(), &b.lock_type),
        output::duration(b.longest),
        output::duration(b.limit)
    )
}

/// What to do after the blocking guard cancelled a release (or a rehearsal).
pub fn blocked_next_step() -> &'static str {
    "make the migration hold its locks briefly, then deploy again: split it into smaller migrations; add a constraint \
     `NOT VALID` and `VALIDATE CONSTRAINT` it in a later migration; build or drop indexes `CONCURRENTLY`; or release \
     when the application is quiet (`migrations rehearse` on a copy of the database shows the same). \
     MIGRATIONS_MAX_BLOCKING sets the limit (`off` disables the guard)"
}

/// A rehearsal the blocking guard stopped.
pub fn rehearse_blocked(b: &Blocked) -> String {
    format!(
        "migrations: rehearse: STOPPED: {}.\n\
         migrations: rehearse: a release would be cancelled there the same way; everything was rolled back, nothing was changed.\n\
         migrations: rehearse: Next step: {}.",
        blocked_cause(b),
        blocked_next_step()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::watch::progress::{Build, Holder};

    fn progress_of(waiting: Option<LockWait>, build: Option<Build>, blocking: Option<(usize, Duration)>) -> Progress {
        Progress { file: Some("2_slow.up.sql".into()), elapsed: Duration::from_secs(20), waiting, blocking, build }
    }

    #[test]
    fn progress_lines_say_what_the_statement_does() {
        assert_eq!(progress(&progress_of(None, None, None)), "migrations: progress: 2_slow.up.sql: running for 20.0s");
        let holder = Holder { pid: 4242, application_name: "web".into(), held: Some(Duration::from_secs(31)) };
        let wait = LockWait { relation: Some("users".into()), lock_type: "relation".into(), holder: Some(holder) };
        assert_eq!(
            progress(&progress_of(Some(wait), None, None)),
            "migrations: progress: 2_slow.up.sql: running for 20.0s; waiting for a lock on users held by pid 4242 \
             (application_name \"web\"), whose transaction is open for 31.0s"
        );
        let build =
            Build { command: "CREATE INDEX CONCURRENTLY".into(), phase: "building index: scanning table".into(), percent: Some(42.4) };
        assert_eq!(
            progress(&progress_of(None, Some(build), Some((3, Duration::from_millis(4200))))),
            "migrations: progress: 2_slow.up.sql: running for 20.0s; CREATE INDEX CONCURRENTLY: building index: scanning table 42%; \
             3 other session(s) waiting for its locks (the longest for 4.2s)"
        );
        let row = LockWait { relation: None, lock_type: "transactionid".into(), holder: None };
        assert!(
            progress(&Progress { file: None, ..progress_of(Some(row), None, None) })
                .ends_with("a migration: running for 20.0s; waiting for a lock on rows the release changed")
        );
    }

    #[test]
    fn the_blocking_guards_verdict_names_the_relation_the_sessions_and_the_longest_wait() {
        let b = Blocked {
            relation: Some("customers".into()),
            lock_type: "relation".into(),
            sessions: 2,
            longest: Duration::from_millis(5100),
            limit: Duration::from_secs(5),
            file: Some("2_lock.up.sql".into()),
        };
        assert_eq!(
            blocked_cause(&b),
            "the blocking guard cancelled the release while 2_lock.up.sql ran: 2 other session(s) waited for its locks on customers, \
             the longest for 5.1s (MIGRATIONS_MAX_BLOCKING=5.0s)"
        );
        let r = rehearse_blocked(&b);
        assert!(r.contains("NOT VALID") && r.contains("CONCURRENTLY") && r.contains("nothing was changed"), "{r}");
    }
}
