//! A watcher over one of the runner's sessions, from a connection of its own: it cancels the
//! statement the session runs when a stop request comes (SIGTERM/SIGINT or a deadline), and notes
//! the relation the session waits for when it waits for a lock (PostgreSQL's lock-timeout error
//! does not name it). Its connection is opened only when needed, so a quick statement costs one
//! thread and no connection.

use super::process::{Stop, StopReason};
use crate::db::DbUrl;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a session runs a statement before the watcher looks at what it waits for.
const LOOK_AFTER: Duration = Duration::from_millis(100);

pub struct Watcher {
    done: Arc<AtomicBool>,
    waiting_for: Arc<Mutex<Option<String>>>,
    handle: std::thread::JoinHandle<Option<StopReason>>,
}

impl Watcher {
    /// Watch `session` (its server process).
    pub fn start(session: &mut postgres::Client, url: &DbUrl, stop: &Stop) -> Result<Watcher, postgres::Error> {
        let pid: i32 = session.query_one("SELECT pg_backend_pid()", &[])?.get(0);
        Ok(Watcher::for_pid(pid, url, stop))
    }

    /// Watch the session of server process `pid`.
    pub fn for_pid(pid: i32, url: &DbUrl, stop: &Stop) -> Watcher {
        let done = Arc::new(AtomicBool::new(false));
        let waiting_for = Arc::new(Mutex::new(None));
        let (url, stop, flag, seen) = (url.clone(), stop.clone(), done.clone(), waiting_for.clone());
        let handle = std::thread::spawn(move || {
            let started = Instant::now();
            let mut watch: Option<postgres::Client> = None;
            let mut fired = None;
            let mut last_cancel: Option<Instant> = None;
            let mut last_look = Instant::now();
            while !flag.load(Ordering::SeqCst) {
                if let Some(reason) = stop.reason() {
                    fired = fired.or(Some(reason));
                    if last_cancel.is_none_or(|t| t.elapsed() > Duration::from_secs(1)) {
                        if watch.is_none() {
                            watch = url.connect().ok();
                        }
                        if let Some(c) = watch.as_mut() {
                            let _ = c.execute("SELECT pg_cancel_backend($1)", &[&pid]);
                        }
                        last_cancel = Some(Instant::now());
                    }
                } else if started.elapsed() > LOOK_AFTER && last_look.elapsed() > LOOK_AFTER {
                    last_look = Instant::now();
                    if watch.is_none() {
                        watch = url.connect().ok();
                    }
                    if let Some(c) = watch.as_mut() {
                        let q = "SELECT coalesce(relation::regclass::text, locktype) FROM pg_locks WHERE pid = $1 AND NOT granted LIMIT 1";
                        if let Ok(Some(row)) = c.query_opt(q, &[&pid]) {
                            if let Ok(mut w) = seen.lock() {
                                *w = row.get::<_, Option<String>>(0);
                            }
                        }
                    }
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            fired
        });
        Watcher { done, waiting_for, handle }
    }

    /// The relation the session was last seen waiting for (taken: the next wait starts afresh).
    pub fn waited_for(&self) -> Option<String> {
        self.waiting_for.lock().ok().and_then(|mut w| w.take())
    }

    /// Stop watching; the stop reason when it cancelled something.
    pub fn finish(self) -> Option<StopReason> {
        self.done.store(true, Ordering::SeqCst);
        self.handle.join().ok().flatten()
    }
}
