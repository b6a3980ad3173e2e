//! golang-migrate's `Migrate` type (`migrate.go`): planning (`read`, `readUp`,
//! `readDown`), running (`runMigrations`), locking and the graceful stop.
//!
//! Difference from the real tool: the plan is computed up front instead of by a
//! prefetching goroutine. Observable output is the same except for the order
//! and timing of `-verbose` lines.

use crate::golike::fmt_duration;
use crate::log;
use crate::pg::Driver;
use crate::source::{ReadErr, Source};
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

pub enum Error {
    NoChange,
    Msg(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoChange => f.write_str("no change"),
            Error::Msg(s) => f.write_str(s),
        }
    }
}

impl From<String> for Error {
    fn from(s: String) -> Self {
        Error::Msg(s)
    }
}

fn not_exist() -> Error {
    Error::Msg("file does not exist".into())
}

struct Migration {
    version: u64,
    target: i64,
    identifier: String,
    body: Option<Vec<u8>>,
    started: Instant,
}

impl Migration {
    fn log_string(&self) -> String {
        let dir = if self.target < self.version as i64 { "d" } else { "u" };
        format!("{}/{} {}", self.version, dir, self.identifier)
    }
}

enum Item {
    M(Migration),
    E(Error),
}

pub struct Migrate {
    src: Source,
    db: Driver,
    pub lock_timeout: Duration,
    pub stop: Arc<AtomicBool>,
    is_locked: bool,
}

impl Migrate {
    /// `migrate.New`: the error is the complete message (with golang-migrate's prefixes).
    pub fn new(source_url: &str, database_url: &str) -> Result<Migrate, String> {
        scheme_from_url(source_url).map_err(|e| format!("failed to parse scheme from source URL: {e}"))?;
        let db_scheme = scheme_from_url(database_url).map_err(|e| format!("failed to parse scheme from database URL: {e}"))?;
        let src = Source::open(source_url).map_err(|e| format!("failed to open source, \"{source_url}\": {e}"))?;
        let db = match db_scheme {
            "postgres" | "postgresql" => Driver::open(database_url).map_err(|e| format!("failed to open database: {e}"))?,
            "stub" => {
                return Err(
                    "failed to open database: golang-migrate-double: the stub database driver is not implemented by this test double"
                        .into(),
                );
            }
            other => {
                return Err(format!("failed to open database: database driver: unknown driver {other} (forgotten import?)"));
            }
        };
        Ok(Migrate { src, db, lock_timeout: Duration::from_secs(15), stop: Arc::new(AtomicBool::new(false)), is_locked: false })
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    fn lock(&mut self) -> Result<(), Error> {
        if self.is_locked {
            return Err(Error::Msg("database locked".into()));
        }
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let timeout = self.lock_timeout;
        std::thread::spawn(move || {
            if rx.recv_timeout(timeout) == Err(std::sync::mpsc::RecvTimeoutError::Timeout) {
                log::fatal_err(&"timeout: can't acquire database lock");
            }
        });
        let r = self.db.lock();
        let _ = tx.send(());
        r?;
        self.is_locked = true;
        Ok(())
    }

    fn unlock(&mut self) -> Result<(), Error> {
        self.db.unlock()?;
        self.is_locked = false;
        Ok(())
    }

    /// `unlockErr`: unlock, joining (newline) an unlock failure to the previous result.
    fn unlock_with(&mut self, prev: Result<(), Error>) -> Result<(), Error> {
        match (prev, self.unlock()) {
            (p, Ok(())) => p,
            (Ok(()), Err(u)) => Err(u),
            (Err(p), Err(u)) => Err(Error::Msg(format!("{p}\n{u}"))),
        }
    }

    /// Lock, read the version, refuse when dirty; then plan and run.
    fn locked_run(&mut self, plan: impl FnOnce(&Self, i64) -> Vec<Item>) -> Result<(), Error> {
        self.lock()?;
        let (cur, dirty) = match self.db.version() {
            Ok(v) => v,
            Err(e) => return self.unlock_with(Err(e.into())),
        };
        if dirty {
            return self.unlock_with(Err(Error::Msg(format!("Dirty database version {cur}. Fix and force version."))));
        }
        let items = plan(self, cur);
        let r = self.run_migrations(items);
        self.unlock_with(r)
    }

    pub fn up(&mut self) -> Result<(), Error> {
        self.locked_run(|m, cur| m.read_up(cur, -1))
    }

    pub fn down(&mut self) -> Result<(), Error> {
        self.locked_run(|m, cur| m.read_down(cur, -1))
    }

    pub fn steps(&mut self, n: i64) -> Result<(), Error> {
        if n == 0 {
            return Err(Error::NoChange);
        }
        self.locked_run(|m, cur| if n > 0 { m.read_up(cur, n) } else { m.read_down(cur, n.wrapping_neg()) })
    }

    /// `goto V` (`Migrate(version uint)`; the target is `int(version)`).
    pub fn migrate(&mut self, version: u64) -> Result<(), Error> {
        self.locked_run(|m, cur| m.read(cur, version as i64))
    }

    pub fn force(&mut self, version: i64) -> Result<(), Error> {
        if version < -1 {
            return Err(Error::Msg("version must be >= -1".into()));
        }
        self.lock()?;
        if let Err(e) = self.db.set_version(version, false) {
            return self.unlock_with(Err(e.into()));
        }
        self.unlock()
    }

    pub fn drop_all(&mut self) -> Result<(), Error> {
        self.lock()?;
        if let Err(e) = self.db.drop_all() {
            return self.unlock_with(Err(e.into()));
        }
        self.unlock()
    }

    /// `Version()`: `no migration` for the nil version (even when dirty).
    pub fn version(&mut self) -> Result<(u64, bool), Error> {
        let (v, d) = self.db.version()?;
        if v == -1 {
            return Err(Error::Msg("no migration".into()));
        }
        Ok((v as u64, d))
    }

    fn version_exists(&self, v: u64) -> Result<(), Error> {
        match self.src.read(v, true) {
            Ok(_) => return Ok(()),
            Err(ReadErr::Other(e)) => return Err(Error::Msg(e)),
            Err(ReadErr::NotExist(_)) => {}
        }
        match self.src.read(v, false) {
            Ok(_) => Ok(()),
            Err(ReadErr::Other(e)) => Err(Error::Msg(e)),
            Err(ReadErr::NotExist(e)) => {
                let msg = format!("no migration found for version {v}: {e}");
                // golang-migrate logs it once (no newline) and returns it: it is printed twice.
                log::printf(&format!("error: {msg}"));
                Err(Error::Msg(msg))
            }
        }
    }

    fn new_migration(&self, version: u64, target: i64) -> Result<Migration, Error> {
        let up = target >= version as i64;
        let started = Instant::now();
        let m = match self.src.read(version, up) {
            Ok((body, identifier)) => Migration { version, target, identifier, body: Some(body), started },
            Err(ReadErr::NotExist(_)) => Migration { version, target, identifier: "<empty>".into(), body: None, started },
            Err(ReadErr::Other(e)) => return Err(Error::Msg(e)),
        };
        if m.body.is_none() {
            log::verbose_printf(&format!("Scheduled {}\n", m.log_string()));
        } else {
            log::verbose_printf(&format!("Start buffering {}\n", m.log_string()));
        }
        Ok(m)
    }

    fn push_new(&self, items: &mut Vec<Item>, version: u64, target: i64) -> bool {
        match self.new_migration(version, target) {
            Ok(m) => {
                items.push(Item::M(m));
                true
            }
            Err(e) => {
                items.push(Item::E(e));
                false
            }
        }
    }

    fn read(&self, mut from: i64, to: i64) -> Vec<Item> {
        let mut items = Vec::new();
        if from >= 0
            && let Err(e) = self.version_exists(from as u64)
        {
            items.push(Item::E(e));
            return items;
        }
        if to >= 0
            && let Err(e) = self.version_exists(to as u64)
        {
            items.push(Item::E(e));
            return items;
        }
        if from == to {
            items.push(Item::E(Error::NoChange));
            return items;
        }
        if from < to {
            if from == -1 {
                let first = match self.src.first() {
                    Ok(f) => f,
                    Err(e) => return err_item(items, e),
                };
                if !self.push_new(&mut items, first, first as i64) {
                    return items;
                }
                from = first as i64;
            }
            while from < to {
                let next = match self.src.next(from as u64) {
                    Ok(n) => n,
                    Err(e) => return err_item(items, e),
                };
                if !self.push_new(&mut items, next, next as i64) {
                    return items;
                }
                from = next as i64;
            }
        } else {
            while from > to && from >= 0 {
                match self.src.prev(from as u64) {
                    Err(ReadErr::NotExist(_)) if to == -1 => {
                        self.push_new(&mut items, from as u64, -1);
                        return items;
                    }
                    Err(e) => return err_item(items, e),
                    Ok(prev) => {
                        if !self.push_new(&mut items, from as u64, prev as i64) {
                            return items;
                        }
                        from = prev as i64;
                    }
                }
            }
        }
        items
    }

    fn read_up(&self, mut from: i64, limit: i64) -> Vec<Item> {
        let mut items = Vec::new();
        if from >= 0
            && let Err(e) = self.version_exists(from as u64)
        {
            items.push(Item::E(e));
            return items;
        }
        if limit == 0 {
            items.push(Item::E(Error::NoChange));
            return items;
        }
        let mut count = 0i64;
        while count < limit || limit == -1 {
            if from == -1 {
                let first = match self.src.first() {
                    Ok(f) => f,
                    Err(e) => return err_item(items, e),
                };
                if !self.push_new(&mut items, first, first as i64) {
                    return items;
                }
                from = first as i64;
                count += 1;
                continue;
            }
            let next = match self.src.next(from as u64) {
                Ok(n) => n,
                Err(ReadErr::NotExist(e)) => {
                    if limit == -1 && count == 0 {
                        items.push(Item::E(Error::NoChange));
                    } else if limit == -1 {
                    } else if limit > 0 && count == 0 {
                        items.push(Item::E(not_exist()));
                    } else if count < limit {
                        items.push(Item::E(Error::Msg(format!("limit {} short", limit - count))));
                    } else {
                        items.push(Item::E(Error::Msg(e)));
                    }
                    return items;
                }
                Err(e) => return err_item(items, e),
            };
            if !self.push_new(&mut items, next, next as i64) {
                return items;
            }
            from = next as i64;
            count += 1;
        }
        items
    }

    fn read_down(&self, mut from: i64, limit: i64) -> Vec<Item> {
        let mut items = Vec::new();
        if from >= 0
            && let Err(e) = self.version_exists(from as u64)
        {
            items.push(Item::E(e));
            return items;
        }
        if limit == 0 || (from == -1 && limit == -1) {
            items.push(Item::E(Error::NoChange));
            return items;
        }
        if from == -1 && limit > 0 {
            items.push(Item::E(not_exist()));
            return items;
        }
        let mut count = 0i64;
        while count < limit || limit == -1 {
            match self.src.prev(from as u64) {
                Err(ReadErr::NotExist(_)) => {
                    if limit == -1 || limit - count > 0 {
                        let first = match self.src.first() {
                            Ok(f) => f,
                            Err(e) => return err_item(items, e),
                        };
                        if !self.push_new(&mut items, first, -1) {
                            return items;
                        }
                        count += 1;
                    }
                    if count < limit {
                        items.push(Item::E(Error::Msg(format!("limit {} short", limit - count))));
                    }
                    return items;
                }
                Err(e) => return err_item(items, e),
                Ok(prev) => {
                    if !self.push_new(&mut items, from as u64, prev as i64) {
                        return items;
                    }
                    from = prev as i64;
                    count += 1;
                }
            }
        }
        items
    }

    fn run_migrations(&mut self, items: Vec<Item>) -> Result<(), Error> {
        for item in items {
            if self.stopped() {
                return Ok(());
            }
            let m = match item {
                Item::E(e) => return Err(e),
                Item::M(m) => m,
            };
            self.db.set_version(m.target, true)?;
            let finished_reading = match &m.body {
                Some(body) => {
                    log::verbose_printf(&format!("Read and execute {}\n", m.log_string()));
                    let t = Instant::now();
                    self.db.run(body)?;
                    t
                }
                None => m.started,
            };
            self.db.set_version(m.target, false)?;
            let end = Instant::now();
            let read = finished_reading.duration_since(m.started);
            let ran = end.duration_since(finished_reading);
            if log::verbose() {
                log::printf(&format!("Finished {} (read {}, ran {})\n", m.log_string(), fmt_duration(read), fmt_duration(ran)));
            } else {
                log::printf(&format!("{} ({})\n", m.log_string(), fmt_duration(read + ran)));
            }
        }
        Ok(())
    }
}

fn err_item(mut items: Vec<Item>, e: ReadErr) -> Vec<Item> {
    let msg = match e {
        ReadErr::NotExist(s) | ReadErr::Other(s) => s,
    };
    items.push(Item::E(Error::Msg(msg)));
    items
}

/// golang-migrate `internal/url.SchemeFromURL`.
pub fn scheme_from_url(url: &str) -> Result<&str, &'static str> {
    if url.is_empty() {
        return Err("URL cannot be empty");
    }
    match url.find(':') {
        Some(i) if i >= 1 => Ok(&url[..i]),
        _ => Err("no scheme"),
    }
}
