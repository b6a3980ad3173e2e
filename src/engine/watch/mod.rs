//! The one watcher over a statement the release runs, from a connection of its own: it cancels the
//! statement when a stop request comes (SIGTERM/SIGINT or a deadline), notes the relation the
//! statement waits for when it waits for a lock (PostgreSQL's lock-timeout error does not name it),
//! cancels the release when other sessions wait for its locks longer than `MIGRATIONS_MAX_BLOCKING`
//! (the blocking guard, [`blocking`]), and reports a long statement's progress every
//! `MIGRATIONS_PROGRESS_INTERVAL` ([`progress`]).
//!
//! One thread, and one connection opened only when there is something to look at: a statement
//! that ends within [`LOOK_AFTER`] (the tool's sessions: [`FULL_LOOK_AFTER`]) costs a thread and no
//! connection; the guard's and the progress lines' part of a look starts after [`FULL_LOOK_AFTER`]. Then one query per look ([`poll`]), every [`POLL`].

pub mod blocking;
mod poll;
pub mod progress;
pub mod running;

use super::process::{Stop, StopReason};
use crate::db::DbUrl;
use blocking::{Blocked, Waits};
use progress::{Progress, Schedule};
use running::Running;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How long a watched statement runs before the watcher first looks at it (and again after [`Watcher::mark`]).
const LOOK_AFTER: Duration = Duration::from_millis(100);
/// When the guard and the progress lines start looking: neither can act before a second (their
/// shortest setting), and the guard's waits are counted by the server (`waitstart`), so looking
/// later loses nothing on PostgreSQL 14 and later (before it, a wait is counted from the first look
/// that saw it). Until then a look only notes a lock wait; the tool's sessions are not looked at.
const FULL_LOOK_AFTER: Duration = Duration::from_secs(1);
/// How often it looks after that.
const POLL: Duration = Duration::from_millis(250);
/// How often it checks for a stop request.
const TICK: Duration = Duration::from_millis(20);
/// How often a stopped (or guarded) statement is cancelled again while it goes on.
const CANCEL_AGAIN: Duration = Duration::from_secs(1);

/// Whose statements are watched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// One of the runner's sessions (its server process): a stop cancels its statement.
    Backend(i32),
    /// The tool's sessions, by this run's `application_name`: a stop is the tool runner's to handle
    /// (it lets the tool finish its migration first, see `process`).
    Tool(String),
}

/// What to do with a progress report (the release words it and prints it).
pub type Report = Box<dyn Fn(&Progress) + Send>;

/// What the watcher does beyond cancelling on a stop and noting lock waits.
#[derive(Default)]
pub struct Watch {
    /// `MIGRATIONS_MAX_BLOCKING`: cancel the release when a session has waited longer than this for its locks.
    pub max_blocking: Option<Duration>,
    /// `MIGRATIONS_PROGRESS_INTERVAL`, and what to do with each progress report (word and print it).
    pub progress: Option<(Duration, Report)>,
    /// The migration file running, for the progress reports and the guard's.
    pub running: Option<Running>,
}

/// Why the watcher cancelled the watched statement (the first reason it had).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cancelled {
    Stop(StopReason),
    Blocking(Blocked),
}

impl Cancelled {
    pub fn stop(&self) -> Option<StopReason> {
        match self {
            Cancelled::Stop(reason) => Some(*reason),
            Cancelled::Blocking(_) => None,
        }
    }
}

#[derive(Default)]
struct Shared {
    done: AtomicBool,
    /// Look soon: a new attempt started.
    look: AtomicBool,
    waiting_for: Mutex<Option<String>>,
    cancelled: Mutex<Option<Cancelled>>,
}

impl Shared {
    fn cancel_for(&self, why: Cancelled) {
        self.cancelled.lock().unwrap_or_else(PoisonError::into_inner).get_or_insert(why);
    }
}

pub struct Watcher {
    shared: Arc<Shared>,
    handle: std::thread::JoinHandle<()>,
}

impl Watcher {
    /// Watch `session` (its server process): cancel on a stop, note lock waits.
    pub fn start(session: &mut postgres::Client, url: &DbUrl, stop: &Stop) -> Result<Watcher, postgres::Error> {
        Watcher::start_with(session, url, stop, Watch::default())
    }

    /// Watch `session` with the blocking guard and progress lines of `watch`.
    pub fn start_with(session: &mut postgres::Client, url: &DbUrl, stop: &Stop, watch: Watch) -> Result<Watcher, postgres::Error> {
        let pid: i32 = session.query_one("SELECT pg_backend_pid()", &[])?.get(0);
        Ok(Watcher::watch(Target::Backend(pid), url, stop, watch))
    }

    /// Watch the session of server process `pid`: cancel on a stop, note lock waits.
    pub fn for_pid(pid: i32, url: &DbUrl, stop: &Stop) -> Watcher {
        Watcher::watch(Target::Backend(pid), url, stop, Watch::default())
    }

    /// Watch `target`'s statements.
    pub fn watch(target: Target, url: &DbUrl, stop: &Stop, watch: Watch) -> Watcher {
        let shared = Arc::new(Shared::default());
        let mut eye = Eye::new(target, url.clone(), watch, Arc::clone(&shared));
        let stop = stop.clone();
        let handle = std::thread::spawn(move || eye.run(&stop));
        Watcher { shared, handle }
    }

    /// The relation the session was last seen waiting for (taken: the next wait starts afresh).
    pub fn waited_for(&self) -> Option<String> {
        self.shared.waiting_for.lock().unwrap_or_else(PoisonError::into_inner).take()
    }

    /// A new attempt starts: look at it soon.
    pub fn mark(&self) {
        self.shared.look.store(true, Ordering::SeqCst);
    }

    /// Whether the blocking guard has cancelled the release (it goes on cancelling until [`Watcher::finish`]).
    pub fn blocking(&self) -> bool {
        matches!(*self.shared.cancelled.lock().unwrap_or_else(PoisonError::into_inner), Some(Cancelled::Blocking(_)))
    }

    /// Stop watching; why it cancelled the statement, when it did.
    pub fn finish(self) -> Option<Cancelled> {
        self.shared.done.store(true, Ordering::SeqCst);
        // Woken at once: a quick statement must not wait out the watcher's tick.
        self.handle.thread().unpark();
        let _ = self.handle.join();
        self.shared.cancelled.lock().unwrap_or_else(PoisonError::into_inner).take()
    }
}

/// The watching thread's state.
struct Eye {
    target: Target,
    url: DbUrl,
    watch: Watch,
    shared: Arc<Shared>,
    client: Option<postgres::Client>,
    /// The looks for this server, once connected: the lock-wait note only, and everything `watch` asks for.
    sql: Option<(String, String)>,
    /// When the full look starts.
    full_from: Instant,
    waits: Waits,
    schedule: Option<Schedule>,
}

impl Eye {
    fn new(target: Target, url: DbUrl, watch: Watch, shared: Arc<Shared>) -> Eye {
        let schedule = watch.progress.as_ref().map(|(interval, _)| Schedule::new(*interval));
        let full_from = Instant::now() + FULL_LOOK_AFTER;
        Eye { target, url, watch, shared, client: None, sql: None, full_from, waits: Waits::default(), schedule }
    }

    fn run(&mut self, stop: &Stop) {
        let mut next_look = if matches!(self.target, Target::Tool(_)) { self.full_from } else { Instant::now() + LOOK_AFTER };
        let mut last_cancel: Option<Instant> = None;
        while !self.shared.done.load(Ordering::SeqCst) {
            let now = Instant::now();
            if self.shared.look.swap(false, Ordering::SeqCst) {
                next_look = next_look.min(now + LOOK_AFTER);
            }
            let stopped = matches!(self.target, Target::Backend(_)).then(|| stop.reason()).flatten();
            if let Some(reason) = stopped {
                self.shared.cancel_for(Cancelled::Stop(reason));
            }
            let cancelling = stopped.is_some() || self.shared.cancelled.lock().unwrap_or_else(PoisonError::into_inner).is_some();
            if cancelling {
                if last_cancel.is_none_or(|t| t.elapsed() > CANCEL_AGAIN) {
                    self.cancel();
                    last_cancel = Some(Instant::now());
                }
            } else if now >= next_look {
                next_look = now + POLL;
                self.look(now);
            }
            std::thread::park_timeout(TICK);
        }
    }

    /// Whether the watcher's connection is open: opened on first use (again after a failure).
    fn connected(&mut self) -> bool {
        if self.client.is_none() {
            let Ok(mut client) = self.url.connect() else { return false };
            let Ok(version) = poll::server_version(&mut client) else { return false };
            let (guard, progress) = (self.watch.max_blocking.is_some(), self.watch.progress.is_some());
            self.sql = Some((poll::sql(version, false, false), poll::sql(version, guard || progress, progress)));
            self.client = Some(client);
        }
        true
    }

    fn cancel(&mut self) {
        if let (true, Some(client)) = (self.connected(), self.client.as_mut()) {
            if poll::cancel(client, &self.target).is_err() {
                self.client = None;
            }
        }
    }

    /// One look: note a lock wait, apply the guard, report progress when due.
    fn look(&mut self, now: Instant) {
        let (true, Some(client), Some((note, full))) = (self.connected(), self.client.as_mut(), self.sql.as_ref()) else { return };
        let sql = if now >= self.full_from { full } else { note };
        let snapshot = match poll::look(client, sql, &self.target) {
            Ok(Some(s)) => s,
            Ok(None) => return,
            Err(_) => {
                self.client = None;
                return;
            }
        };
        if let Some(what) = snapshot.running.iter().find_map(|s| s.relation.clone().or_else(|| s.locktype.clone())) {
            *self.shared.waiting_for.lock().unwrap_or_else(PoisonError::into_inner) = Some(what);
        }
        let waited = self.waits.measure(&snapshot.waiting, now);
        let file = || self.watch.running.as_ref().and_then(Running::file);
        if let (Some(limit), Some(w)) = (self.watch.max_blocking, &waited) {
            if w.longest > limit {
                let (relation, lock_type, sessions, longest) = (w.relation.clone(), w.lock_type.clone(), w.sessions, w.longest);
                self.shared.cancel_for(Cancelled::Blocking(Blocked { relation, lock_type, sessions, longest, limit, file: file() }));
                self.cancel();
                return;
            }
        }
        let longest = snapshot.running.iter().filter(|s| s.active).max_by(|a, b| a.elapsed.total_cmp(&b.elapsed));
        if let (Some(s), Some(schedule), Some((_, report))) = (longest, self.schedule.as_mut(), self.watch.progress.as_ref()) {
            if schedule.due(s) {
                report(&Progress::of(s, waited.as_ref(), file()));
            }
        }
    }
}
