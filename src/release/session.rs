//! The locked session a release works in: the runner's lock, the tool's engine, the guard over the
//! lock and the schema, and the context each phase borrows with the stop that phase runs under.

use super::verify::Guard;
use super::{Release, ReleaseError, ReleaseOutcome, Setup, VERIFY_LOCK_WAIT, all};
use crate::db::{ReleaseLock, SessionsLeft, ToolSession};
use crate::engine::{self, Context, Engine, EngineError, Stop, VersionTable};
use std::ops::ControlFlow::{self, Break, Continue};
use std::time::Duration;

pub(super) struct Session<'r> {
    setup: &'r Setup,
    /// The URL and `application_name` the tool's sessions get in this release.
    tool: ToolSession,
    out: &'r mut dyn FnMut(&str),
    pub lock: &'r ReleaseLock,
    pub eng: &'static dyn Engine,
    pub guard: Guard<'r>,
    /// The tool's version table, and whether this release found it.
    table: VersionTable,
    table_existed: bool,
}

impl<'r> Session<'r> {
    /// The session over `lock`: the URL's run-time parameters (`search_path`, …) set on it, as the
    /// tool's sessions get them from lib/pq, and every read of the runner's own waiting for a table's
    /// lock at most [`VERIFY_LOCK_WAIT`] (the reads before applying set their own, from
    /// MIGRATIONS_LOCK_RETRIES); a stop cancels them (see `Context::with_db`).
    pub fn open(release: &Release<'r>, lock: &'r ReleaseLock, out: &'r mut dyn FnMut(&str)) -> ControlFlow<ReleaseOutcome, Session<'r>> {
        let setup = release.setup;
        let eng = engine::for_tool(setup.set.tool);
        let mut s = Session {
            setup,
            tool: ToolSession::new(&setup.url),
            out,
            lock,
            eng,
            guard: Guard { lock, leave_out: Vec::new() },
            table: VersionTable { schema: None, name: String::new() },
            table_existed: true,
        };
        let ctx = s.ctx(release.read_stop());
        let (settings, _) = all::session_settings(&setup.url, setup.set.tool);
        for (k, v) in &settings.params {
            if let Err(e) = ctx.with_db(|c| c.execute("SELECT set_config($1, $2, false)", &[k, v])) {
                return Break(ReleaseOutcome::Refused(ReleaseError::Session(format!("{k}={v}: {e}"))));
            }
        }
        if let Err(e) = set_lock_timeout(&ctx, Some(VERIFY_LOCK_WAIT)) {
            return Break(ReleaseOutcome::Refused(ReleaseError::State(e)));
        }
        let table = eng.version_table(&ctx);
        let table_existed = ctx.with_db(|c| table.exists(c)).unwrap_or(true);
        drop(ctx);
        s.guard.leave_out = vec![table.qualified()];
        s.table = table;
        s.table_existed = table_existed;
        Continue(s)
    }

    /// A context on the runner's own session (the one holding the lock), under `stop`.
    pub fn ctx(&mut self, stop: Stop) -> Context<'_> {
        Context {
            url: &self.setup.url,
            tool_url: self.tool.expose_url().to_string(),
            application_name: self.tool.application_name.clone(),
            dir: self.setup.dir.clone(),
            set: &self.setup.set,
            stop,
            out: &mut *self.out,
            db: Some(self.lock),
            running: None,
        }
    }

    /// A context that reads on a connection of its own: the lock's session may be gone, and nothing
    /// must change once the lock was lost.
    pub fn ctx_apart(&mut self, stop: Stop) -> Context<'_> {
        Context { db: None, ..self.ctx(stop) }
    }

    /// The `application_name` the tool's sessions have in this release.
    pub fn tool_application_name(&self) -> &str {
        &self.tool.application_name
    }

    /// Print one line of the release's output.
    pub fn say(&mut self, line: &str) {
        (self.out)(line)
    }

    /// End the tool's sessions (found by this run's token) and wait up to `wait` for them to go.
    pub fn terminate_tool_sessions(&self, wait: Duration) -> SessionsLeft {
        crate::db::terminate_sessions(&mut self.lock.session().borrow_mut(), &self.tool.application_name, wait)
    }

    /// Drop the version table when this release found none and leaves it empty (the tools create it
    /// even for read-only commands), when the database is as found.
    pub fn forget_version_table_if_unused(&mut self, outcome: &ReleaseOutcome, stop: Stop) {
        if outcome.database_as_found() {
            let (table, existed) = (self.table.clone(), self.table_existed);
            engine::drop_version_table_if_new_and_empty(&self.ctx(stop), &table, existed);
        }
    }
}

/// The lock timeout of the runner's own session for the statements that follow (`None`: none).
pub(super) fn set_lock_timeout(ctx: &Context<'_>, timeout: Option<Duration>) -> Result<(), EngineError> {
    let ms = timeout.map_or(0, |d| d.as_millis().clamp(1, i32::MAX as u128));
    ctx.with_db(|c| c.batch_execute(&format!("SET lock_timeout = {ms}")))
}
