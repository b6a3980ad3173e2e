//! Which migration file runs now: told by the runner before each migration of its own transaction,
//! or followed from the tool's relayed lines (each driver says what a line means,
//! [`crate::engine::ToolDriver::progressed`]). The watcher reads it for its progress lines and the
//! blocking guard's report.

use std::sync::{Arc, Mutex, PoisonError};

/// What one relayed line of the tool's `up` says about its progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progressed {
    /// The tool starts this file (dbmate: `Applying: <file>`).
    Started(String),
    /// The tool finished this version (golang-migrate: `<version>/u <name> (<duration>)`): the next
    /// pending file runs now.
    Finished(String),
}

/// The file running now, shared between threads (cheap to clone).
#[derive(Clone, Default)]
pub struct Running(Arc<Mutex<State>>);

#[derive(Default)]
struct State {
    file: Option<String>,
    /// The pending migrations in apply order: (version, file).
    pending: Vec<(String, String)>,
}

impl Running {
    /// For a run of `pending` (version, file) in apply order: the first one runs first.
    pub fn new(pending: Vec<(String, String)>) -> Running {
        let file = pending.first().map(|(_, f)| f.clone());
        Running(Arc::new(Mutex::new(State { file, pending })))
    }

    /// `file` runs now.
    pub fn set(&self, file: &str) {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).file = Some(file.to_string());
    }

    /// The file running now, when known.
    pub fn file(&self) -> Option<String> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).file.clone()
    }

    /// What a relayed line said.
    pub fn note(&self, progressed: Progressed) {
        let mut state = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        state.file = match progressed {
            Progressed::Started(file) => Some(file),
            Progressed::Finished(version) => {
                let at = state.pending.iter().position(|(v, _)| same_version(v, &version));
                // After an unknown version, nothing is known of what runs.
                at.and_then(|i| state.pending.get(i + 1)).map(|(_, f)| f.clone())
            }
        };
    }
}

/// Versions as the tools compare them: golang-migrate prints `1` for a file named `0001_…`.
fn same_version(a: &str, b: &str) -> bool {
    let digits = |s: &str| s.bytes().all(|c| c.is_ascii_digit()) && !s.is_empty();
    if digits(a) && digits(b) { a.trim_start_matches('0') == b.trim_start_matches('0') } else { a == b }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_running_file_follows_the_tools_lines() {
        let pending = |v: &[&str]| v.iter().map(|v| (v.to_string(), format!("{v}_x.up.sql"))).collect::<Vec<_>>();
        let r = Running::new(pending(&["0002", "0003", "0004"]));
        assert_eq!(r.file().as_deref(), Some("0002_x.up.sql"));
        r.note(Progressed::Finished("2".into()));
        assert_eq!(r.file().as_deref(), Some("0003_x.up.sql"));
        r.note(Progressed::Finished("3".into()));
        assert_eq!(r.file().as_deref(), Some("0004_x.up.sql"));
        r.note(Progressed::Finished("4".into()));
        assert_eq!(r.file(), None, "after the last one, nothing runs");
        r.note(Progressed::Started("20240101000001_a.sql".into()));
        assert_eq!(r.file().as_deref(), Some("20240101000001_a.sql"));
        r.set("b.sql");
        assert_eq!(r.file().as_deref(), Some("b.sql"));
        assert_eq!(Running::default().file(), None);
    }
}
