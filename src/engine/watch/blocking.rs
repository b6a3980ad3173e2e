//! The blocking guard's measure: how many client sessions wait for the release's locks, and how long
//! the longest has waited — from `pg_locks.waitstart` (PostgreSQL 14+), or else from when the
//! watcher first saw it waiting.

use super::poll::Waiter;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Why the blocking guard cancelled the release (`MIGRATIONS_MAX_BLOCKING`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blocked {
    /// What the longest-waiting session waits for: a relation, or (`None`) a row or a transaction of the release's.
    pub relation: Option<String>,
    /// The type of the lock it waits for (`relation`, `transactionid`, `tuple`, …).
    pub lock_type: String,
    /// How many sessions waited for the release's locks then.
    pub sessions: usize,
    /// How long the longest of them had waited.
    pub longest: Duration,
    /// `MIGRATIONS_MAX_BLOCKING`.
    pub limit: Duration,
    /// The migration file running then, when known.
    pub file: Option<String>,
}

/// The sessions waiting behind the release at one look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waited {
    pub sessions: usize,
    pub longest: Duration,
    pub relation: Option<String>,
    pub lock_type: String,
}

/// When each waiting statement was first seen waiting (for servers without `waitstart`).
#[derive(Default)]
pub struct Waits {
    first_seen: HashMap<(i32, i64), Instant>,
}

impl Waits {
    /// The waits of one look, taken at `now`; `None` when nobody waits for the release.
    pub fn measure(&mut self, waiting: &[Waiter], now: Instant) -> Option<Waited> {
        let key = |w: &Waiter| (w.pid, (w.started * 1e6) as i64);
        self.first_seen.retain(|k, _| waiting.iter().any(|w| key(w) == *k));
        let mut longest: Option<(Duration, &Waiter)> = None;
        for w in waiting {
            let seen = *self.first_seen.entry(key(w)).or_insert(now);
            let waited = w.waited.and_then(|s| Duration::try_from_secs_f64(s).ok()).unwrap_or_else(|| now.saturating_duration_since(seen));
            if longest.is_none_or(|(d, _)| waited > d) {
                longest = Some((waited, w));
            }
        }
        longest.map(|(longest, w)| Waited {
            sessions: waiting.len(),
            longest,
            relation: w.relation.clone(),
            lock_type: w.locktype.clone().unwrap_or_else(|| "lock".into()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn waiter(pid: i32, waited: Option<f64>) -> Waiter {
        Waiter { pid, started: 100.0 + f64::from(pid), waited, relation: Some(format!("t{pid}")), locktype: Some("relation".into()) }
    }

    #[test]
    fn the_longest_wait_comes_from_the_server_or_from_the_first_sighting() {
        let mut w = Waits::default();
        let t0 = Instant::now();
        assert_eq!(w.measure(&[], t0), None);
        let m = w.measure(&[waiter(1, Some(2.5)), waiter(2, Some(7.0))], t0).unwrap();
        assert_eq!((m.sessions, m.longest, m.relation.as_deref()), (2, Duration::from_secs(7), Some("t2")));
        // Without waitstart: counted from the first look that saw it, and forgotten once it no longer waits.
        w.measure(&[waiter(3, None)], t0);
        let m = w.measure(&[waiter(3, None)], t0 + Duration::from_secs(4)).unwrap();
        assert_eq!(m.longest, Duration::from_secs(4));
        w.measure(&[], t0 + Duration::from_secs(5));
        let m = w.measure(&[waiter(3, None)], t0 + Duration::from_secs(6)).unwrap();
        assert_eq!(m.longest, Duration::ZERO);
    }
}
