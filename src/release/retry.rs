//! Lock retries (MIGRATIONS_LOCK_RETRIES): one attempt per lock timeout of the schedule, going on
//! while an attempt gave up waiting for a busy table's lock, with a line per retry naming it.

use super::session::Session;
use super::{Release, report};
use crate::engine::watch::Watcher;
use std::time::{Duration, Instant};

impl Release<'_> {
    /// Run `attempt` with each lock timeout of `MIGRATIONS_LOCK_RETRIES` in turn, going on only while
    /// `busy` says the attempt gave up waiting for a lock (and where: the file, the relation when
    /// known, else the one the watcher saw). Between attempts: the retry line and a short pause that
    /// a stop ends, as does the loop. `None` only for an empty schedule.
    pub(super) fn with_lock_retries<R>(
        &self,
        s: &mut Session<'_>,
        watcher: Option<&Watcher>,
        mut attempt: impl FnMut(&mut Session<'_>, Option<Duration>) -> R,
        busy: impl Fn(&R) -> Option<(Option<String>, Option<String>)>,
    ) -> Option<R> {
        let schedule = &self.setup.config.tx.lock_retries;
        let mut result = None;
        for (i, lock_timeout) in schedule.iter().enumerate() {
            if let Some(w) = watcher {
                w.mark();
            }
            let r = attempt(s, *lock_timeout);
            let wait = busy(&r);
            result = Some(r);
            let Some((file, relation)) = wait else { break };
            if i + 1 == schedule.len() || self.stop.reason().is_some() {
                break;
            }
            let relation = relation.or_else(|| watcher.and_then(Watcher::waited_for));
            s.say(&report::lock_retry(i + 1, schedule.len(), *lock_timeout, file.as_deref(), relation.as_deref(), schedule[i + 1]));
            let pause = Duration::from_millis(200 * (i as u64 + 1)).min(Duration::from_secs(2));
            let until = Instant::now() + pause;
            while Instant::now() < until && self.stop.reason().is_none() {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        result
    }
}
