//! Progress lines (`MIGRATIONS_PROGRESS_INTERVAL`): while one of the release's statements runs longer
//! than the interval, one report per interval of what it does — what it waits for, how many wait
//! for it, an index build's or a rewrite's phase and percent. Worded by the release (`report`).

use super::blocking::Waited;
use super::poll::Statement;
use std::time::Duration;

/// What a long statement does, at one look.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// The migration file it belongs to, when known.
    pub file: Option<String>,
    /// How long the statement has run.
    pub elapsed: Duration,
    /// The lock it waits for, when it waits for one.
    pub waiting: Option<LockWait>,
    /// The sessions that wait for its locks (how many, the longest wait), when some do.
    pub blocking: Option<(usize, Duration)>,
    /// An index build's or a table rewrite's progress.
    pub build: Option<Build>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LockWait {
    /// The relation (`None`: a row, a transaction, … of `lock_type`).
    pub relation: Option<String>,
    pub lock_type: String,
    /// The first session it waits for (never its query text).
    pub holder: Option<Holder>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Holder {
    pub pid: i32,
    pub application_name: String,
    /// How long the holder's transaction has been open: it has held the lock at most that long.
    pub held: Option<Duration>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Build {
    /// `CREATE INDEX CONCURRENTLY`, `REINDEX`, `CLUSTER`, `VACUUM FULL`, …
    pub command: String,
    pub phase: String,
    pub percent: Option<f64>,
}

fn secs(s: f64) -> Duration {
    Duration::try_from_secs_f64(s).unwrap_or_default()
}

impl Progress {
    pub fn of(s: &Statement, waited: Option<&Waited>, file: Option<String>) -> Progress {
        let waiting = s.locktype.as_ref().map(|lock_type| LockWait {
            relation: s.relation.clone(),
            lock_type: lock_type.clone(),
            holder: s.holder_pid.map(|pid| Holder {
                pid,
                application_name: s.holder_app.clone().unwrap_or_default(),
                held: s.holder_for.map(secs),
            }),
        });
        let build = s.command.as_ref().map(|command| {
            let phase = s.phase.clone().unwrap_or_default();
            let percent = percent(&phase, (s.blocks_done, s.blocks_total), (s.tuples_done, s.tuples_total));
            Build { command: command.clone(), phase, percent }
        });
        Progress { file, elapsed: secs(s.elapsed), waiting, blocking: waited.map(|w| (w.sessions, w.longest)), build }
    }
}

/// How far the phase is: PostgreSQL counts blocks while a phase scans (a table, an index) and tuples
/// while it loads them into an index; other phases (sorting, waiting for other transactions) have no
/// count of their own, and the counters left from the phase before would read as 100 %.
fn percent(phase: &str, blocks: (Option<i64>, Option<i64>), tuples: (Option<i64>, Option<i64>)) -> Option<f64> {
    let of = |(done, total): (Option<i64>, Option<i64>)| match (done, total) {
        (Some(done), Some(total)) if total > 0 => Some((done as f64 * 100.0 / total as f64).clamp(0.0, 100.0)),
        _ => None,
    };
    if phase.contains("loading") {
        of(tuples)
    } else if phase.contains("scanning") {
        of(blocks).or_else(|| of(tuples))
    } else {
        None
    }
}

/// When the running statement is due its next line: one per whole interval it has run.
pub struct Schedule {
    interval: Duration,
    /// The statement the lines are about (its pid and start), and how many intervals it has been reported for.
    statement: Option<(i32, i64)>,
    reported: u64,
}

impl Schedule {
    pub fn new(interval: Duration) -> Schedule {
        Schedule { interval, statement: None, reported: 0 }
    }

    /// Whether `s` (the longest-running statement of the release's) is due a line now.
    pub fn due(&mut self, s: &Statement) -> bool {
        let key = (s.pid, (s.started * 1e6) as i64);
        if self.statement != Some(key) {
            (self.statement, self.reported) = (Some(key), 0);
        }
        let intervals = (s.elapsed / self.interval.as_secs_f64().max(0.001)).floor() as u64;
        if intervals > self.reported {
            self.reported = intervals;
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement(pid: i32, started: f64, elapsed: f64) -> Statement {
        Statement {
            pid,
            active: true,
            elapsed,
            started,
            relation: None,
            locktype: None,
            holder_pid: None,
            holder_app: None,
            holder_for: None,
            command: Some("CREATE INDEX CONCURRENTLY".into()),
            phase: Some("building index: scanning table".into()),
            blocks_done: Some(25),
            blocks_total: Some(200),
            tuples_done: Some(0),
            tuples_total: Some(0),
        }
    }

    #[test]
    fn one_line_per_whole_interval_of_one_statement() {
        let mut s = Schedule::new(Duration::from_secs(10));
        let due: Vec<bool> = [0.3, 9.9, 10.1, 10.4, 19.0, 31.0, 31.2].iter().map(|e| s.due(&statement(1, 5.0, *e))).collect();
        assert_eq!(due, [false, false, true, false, false, true, false]);
        // Another statement starts afresh.
        assert!(!s.due(&statement(1, 50.0, 2.0)));
        assert!(s.due(&statement(1, 50.0, 10.0)));
    }

    #[test]
    fn a_build_reports_its_percent_of_the_phase() {
        let p = Progress::of(&statement(1, 5.0, 12.0), None, Some("2_idx.up.sql".into()));
        let b = p.build.unwrap();
        assert_eq!((b.command.as_str(), b.percent), ("CREATE INDEX CONCURRENTLY", Some(12.5)));
        assert_eq!((p.elapsed, p.waiting, p.blocking), (Duration::from_secs(12), None, None));
        let (b, t) = ((Some(200), Some(200)), (Some(10), Some(40)));
        assert_eq!(percent("building index: sorting live tuples", b, t), None, "what the scan left is not the sort's progress");
        assert_eq!(percent("building index: loading tuples in tree", b, t), Some(25.0));
        assert_eq!(percent("index validation: scanning index", (Some(0), Some(0)), t), Some(25.0));
        assert_eq!(percent("seq scanning heap", (Some(50), Some(200)), (None, None)), Some(25.0));
        assert_eq!(percent("writing new heap", (Some(200), Some(200)), (None, None)), None);
        assert_eq!(percent("waiting for writers before build", b, t), None);
    }
}
