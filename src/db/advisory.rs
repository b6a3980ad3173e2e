//! The runner's session-level advisory lock: one release at a time per database, taken only where
//! it protects something (a session of its own) and released in the server process that took it.

use super::{Backend, DbError, DbUrl, Pooler, column, describe_pg_error, first_row, is_pooler_symptom, session_error};
use std::time::{Duration, Instant};

/// The runner's own advisory-lock key. It is above 2^32, so it can never equal
/// golang-migrate's key (a 32-bit value), and it is the same for every release of every app.
pub const LOCK_KEY: i64 = 0x6d69_6772_6174_6521; // "migrate!"

/// What became of the runner's lock when it was released.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unlock {
    /// Unlocked in the server process that held it, or that process is gone (and the lock with it).
    Released,
    /// The server process that held it (a pooled server connection the runner's statements no
    /// longer reached) was ended to release it.
    Terminated { pid: i32 },
    /// Still held by server process `pid`.
    Left { pid: i32, why: String },
}

/// How long the unlock is retried on the runner's connection, hoping a pooler hands it the server
/// connection that holds the lock, before that server process is ended.
const UNLOCK_WAIT: Duration = Duration::from_secs(3);
/// How long ending the lock's server process waits for it to be idle (between two transactions of
/// the pooler's clients), before ending it anyway.
const TERMINATE_IDLE_WAIT: Duration = Duration::from_secs(2);
/// How long, after that, the lock may take to go with its ended server process.
const TERMINATE_WAIT: Duration = Duration::from_secs(2);

/// The runner's session-level advisory lock, held until released or dropped: every way out of a
/// release releases it, in the server process that took it (see [`ReleaseLock::release`]).
pub struct ReleaseLock {
    client: std::cell::RefCell<postgres::Client>,
    /// The server process of the session that took the lock.
    backend_pid: i32,
    /// To reach that server process when the session cannot.
    url: DbUrl,
    released: bool,
}

impl ReleaseLock {
    /// Try to take the lock every 500 ms until `timeout`; `on_wait` is called once when we start
    /// waiting; `give_up` is checked between tries (a SIGTERM while waiting ends the wait).
    /// `backend`: the server process [`connect_checked`](super::connect_checked) found this session in. The lock is only
    /// taken by a statement that runs in that process; a statement answered by another one, or a lock
    /// that is not held one statement later, means statements of this session reach different server
    /// connections (a transaction-mode pooler): [`DbError::TransactionPooler`], the lock released first.
    pub fn acquire(
        url: &DbUrl,
        mut client: postgres::Client,
        backend: &Backend,
        timeout: Duration,
        mut on_wait: impl FnMut(),
        give_up: impl Fn() -> bool,
    ) -> Result<ReleaseLock, DbError> {
        let started = Instant::now();
        let mut told = false;
        let expected = backend.pid;
        loop {
            // Before trying: does the server process this statement reached hold the lock already?
            // Then it is another client's session, reached through a pooled server connection
            // (advisory locks are re-entrant: trying would "succeed" on someone else's lock).
            let row = first_row(
                &mut client,
                &format!(
                    "WITH found AS MATERIALIZED (
                         SELECT pg_backend_pid() AS pid, EXISTS (SELECT 1 FROM pg_locks WHERE {} AND pid = pg_backend_pid()) AS held)
                     SELECT pid, held, CASE WHEN pid = {expected} AND NOT held THEN pg_try_advisory_lock({LOCK_KEY}) ELSE false END
                     FROM found",
                    runner_lock_condition()
                ),
            )
            .map_err(|e| session_error(&e))?;
            let pid: i32 = column(&row, 0).parse().unwrap_or(0);
            if column(&row, 1) == "t" {
                return Err(DbError::TransactionPooler(Pooler::SharedServerConnection));
            }
            if pid != expected {
                return Err(DbError::TransactionPooler(Pooler::BackendChanged { first: expected, then: pid }));
            }
            if column(&row, 2) == "t" {
                let mut lock = ReleaseLock { client: std::cell::RefCell::new(client), backend_pid: pid, url: url.clone(), released: false };
                return match lock.held_by_session() {
                    Ok((_, true)) => Ok(lock),
                    Ok((then, false)) => {
                        let unlock = lock.release();
                        Err(DbError::TransactionPooler(Pooler::LockNotKept { then: Some(then).filter(|p| *p != pid), unlock }))
                    }
                    Err(e) => {
                        lock.release();
                        Err(match e {
                            DbError::Query(text) if is_pooler_symptom(&text) => DbError::TransactionPooler(Pooler::Symptom { error: text }),
                            e => e,
                        })
                    }
                };
            }
            if started.elapsed() >= timeout {
                return Err(DbError::LockTimeout(timeout));
            }
            if give_up() {
                return Err(DbError::LockAbandoned);
            }
            if !told {
                on_wait();
                told = true;
            }
            std::thread::sleep(Duration::from_millis(500).min(timeout.saturating_sub(started.elapsed())).max(Duration::from_millis(10)));
        }
    }

    /// The session holding the lock, shared for the release's own queries
    /// (one connection instead of one per query).
    pub fn session(&self) -> &std::cell::RefCell<postgres::Client> {
        &self.client
    }

    /// The server process of the session holding the lock (to cancel its statement from another session).
    pub fn backend_pid(&self) -> i32 {
        self.backend_pid
    }

    /// Whether this session still holds the lock: the server process that took
    /// it is the one answering, and `pg_locks` lists the lock as granted to it.
    /// `Err`: the session cannot answer (then nothing proves the lock is held).
    pub fn still_held(&self) -> Result<bool, DbError> {
        self.held_by_session().map(|(_, held)| held)
    }

    /// The server process answering this session's statement, and whether it is the lock's and holds it.
    fn held_by_session(&self) -> Result<(i32, bool), DbError> {
        let pid = self.backend_pid;
        let row = first_row(
            &mut self.client.borrow_mut(),
            &format!(
                "SELECT pg_backend_pid(), pg_backend_pid() = {pid} AND EXISTS (SELECT 1 FROM pg_locks WHERE {} AND pid = {pid})",
                runner_lock_condition()
            ),
        )
        .map_err(|e| DbError::Query(describe_pg_error(&e)))?;
        Ok((column(&row, 0).parse().unwrap_or(0), column(&row, 1) == "t"))
    }

    /// Release the lock in the server process that took it (`pg_advisory_unlock` works only there).
    ///
    /// On a direct connection that is this session's, and one statement does it. Behind a pooler that
    /// hands this session's statements to other server connections, the one holding the lock has gone
    /// back to the pool and outlives the runner. So: the unlock is sent again, running only where the
    /// answering process is the one that took it, for up to [`UNLOCK_WAIT`]; when it never gets there,
    /// that server process is ended (`pg_terminate_backend`, the pooler opens a new one), once it is
    /// idle between two transactions of the pooler's other clients, or after [`TERMINATE_IDLE_WAIT`]
    /// whatever it runs. A session that died is checked from a new connection (through a pooler its
    /// server connection, and the lock, may live on).
    pub fn release(&mut self) -> Unlock {
        if self.released {
            return Unlock::Released;
        }
        self.released = true;
        let pid = self.backend_pid;
        // One statement, wherever it runs: the unlock where the answering process is the lock's,
        // else `elsewhere` (or, later, the end of the lock's process); and whether the lock is still held.
        let step = |otherwise: &str| {
            format!(
                "SELECT CASE WHEN pg_backend_pid() = {pid} THEN 'unlocked ' || pg_advisory_unlock({LOCK_KEY})::text ELSE {otherwise} END,
                        EXISTS (SELECT 1 FROM pg_locks WHERE {} AND pid = {pid})",
                runner_lock_condition()
            )
        };
        let unlock = step("'elsewhere'");
        let end = |any_state: bool| {
            step(&format!(
                "'ended ' || coalesce((SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                                       WHERE pid = {pid} AND ({any_state} OR state = 'idle')), false)::text"
            ))
        };
        let started = Instant::now();
        let (mut on_session, mut rolled_back, mut terminated) = (true, false, false);
        let mut fresh: Option<postgres::Client> = None;
        let mut last_error = None;
        while started.elapsed() < UNLOCK_WAIT + TERMINATE_IDLE_WAIT + TERMINATE_WAIT {
            let elapsed = started.elapsed();
            let sql = if on_session && elapsed < UNLOCK_WAIT { unlock.clone() } else { end(elapsed >= UNLOCK_WAIT + TERMINATE_IDLE_WAIT) };
            let result = if on_session {
                first_row(self.client.get_mut(), &sql)
            } else {
                if fresh.is_none() {
                    // The session died: on a direct connection its lock went with it; through a
                    // pooler its server connection may live on. A new connection looks, once.
                    match self.url.connect_within(Duration::from_secs(2)) {
                        Ok(c) => fresh = Some(c),
                        Err(e) => return Unlock::Left { pid, why: self.url.mask(&e.to_string()) },
                    }
                }
                first_row(fresh.as_mut().expect("connected above"), &sql)
            };
            match result {
                Ok(row) if column(&row, 0).starts_with("unlocked") => return Unlock::Released,
                Ok(row) => {
                    terminated |= column(&row, 0) == "ended true";
                    if column(&row, 1) == "f" {
                        return if terminated { Unlock::Terminated { pid } } else { Unlock::Released };
                    }
                }
                // An aborted transaction on the session: end it, and go on there.
                Err(e) if on_session && e.as_db_error().is_some() && !rolled_back => {
                    rolled_back = true;
                    let _ = self.client.get_mut().batch_execute("ROLLBACK");
                }
                Err(_) if on_session => on_session = false,
                Err(e) => last_error = Some(describe_pg_error(&e)),
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let why = last_error.unwrap_or_else(|| "it was still held after its server process was asked to end".into());
        Unlock::Left { pid, why: self.url.mask(&why) }
    }
}

impl Drop for ReleaseLock {
    fn drop(&mut self) {
        // Nothing to report from here: the release's report is written already.
        let _ = self.release();
    }
}

/// The `pg_locks` condition for the runner's advisory lock, granted (a bigint key shows as `classid`,
/// the high 32 bits, and `objid`, the low 32 bits, with `objsubid` 1).
fn runner_lock_condition() -> String {
    let key = LOCK_KEY as u64;
    format!("locktype = 'advisory' AND granted AND classid = {} AND objid = {} AND objsubid = 1", key >> 32, key & 0xffff_ffff)
}
