//! A rehearsal (`migrations rehearse`): the same plan as a release — lock, record, the `all`
//! strategy's units — in a transaction that is always rolled back, then proven unchanged (the
//! version table and the schema as found). It measures what the release would do to the
//! application: how long each file runs, and which tables each one locks in which mode (from
//! `pg_locks` of its own session after the file). It concludes in a [`Rehearsal`].

use super::apply::{SCHEMA_READ, cancelled, proceed};
use super::outcome::{Evidence, Mode, Rehearsal, RehearsalEnd};
use super::session::Session;
use super::{Release, ReleaseError, ReleaseOutcome, all, outcome_of, report};
use crate::catalog::{self, Fingerprint};
use crate::config::TxMode;
use crate::engine::StopReason;
use crate::engine::watch::blocking::Blocked;
use crate::engine::watch::running::Running;
use std::collections::BTreeSet;
use std::ops::ControlFlow::{self, Break, Continue};

/// What one attempt of a rehearsal left: how it ended, what ran, and the schema read first.
struct Attempted {
    result: Result<Vec<all::UnitRun>, all::AttemptError>,
    runs: Vec<all::UnitRun>,
    before: Option<Result<Fingerprint, String>>,
    stopped: Option<StopReason>,
    blocked: Option<Blocked>,
}

impl Release<'_> {
    /// The whole rehearsal; the lock is released when this returns.
    pub(super) fn rehearse(&self, out: &mut dyn FnMut(&str)) -> ReleaseOutcome {
        let lock = match self.lock(out) {
            Continue(lock) => lock,
            Break(outcome) => return outcome,
        };
        match Session::open(self, &lock, out) {
            Continue(mut session) => outcome_of(self.rehearsal(&mut session)),
            Break(outcome) => outcome,
        }
    }

    /// Under the lock: record → the `all` units (up to the first that cannot be grouped) → one
    /// attempt that rolls back, measuring each file → the version table and the schema compared.
    fn rehearsal(&self, s: &mut Session<'_>) -> ControlFlow<ReleaseOutcome, ReleaseOutcome> {
        let found = self.record(s)?;
        let (settings, url_blocker) = all::session_settings(&self.setup.url, self.setup.set.tool);
        if let Some(blocker) = url_blocker {
            return Continue(self.rehearsed(Vec::new(), Mode::File { why: None }, RehearsalEnd::Cannot(blocker), None));
        }
        let plan = match all::plan(&self.setup.set, &found.pending) {
            Ok(plan) => plan,
            Err(e) => return Break(ReleaseOutcome::Refused(ReleaseError::Model(e))),
        };
        let attempted = self.rehearsal_attempt(s, &plan, &settings)?;
        // After the rollback, within the stop budget: the version table and the schema as found.
        let stop = self.verify_stop();
        let version_table_as_found = s.eng.recorded(&s.ctx(stop.clone())).is_ok_and(|now| now == found.record);
        let schema = attempted.before.as_ref().map(|before| s.guard.schema_evidence(&self.setup.url, &stop, before));
        let end = self.conclusion(&plan, attempted.result, attempted.stopped, attempted.blocked);
        let mode = match (&plan.blocker, self.setup.config.tx.mode) {
            (_, TxMode::File) => Mode::File { why: None },
            (Some(b), _) => Mode::File { why: Some(report::auto_fell_back(b)) },
            (None, _) => Mode::All,
        };
        Continue(self.rehearsed(attempted.runs, mode, end, Some((version_table_as_found, schema))))
    }

    /// One attempt on a session of its own that always rolls back: the schema read first, and after
    /// each file the table locks it took (on relations that existed before, other than the tool's
    /// version table).
    fn rehearsal_attempt(
        &self,
        s: &mut Session<'_>,
        plan: &all::Plan,
        settings: &all::SessionSettings,
    ) -> ControlFlow<ReleaseOutcome, Attempted> {
        let running = Running::default();
        running.set(SCHEMA_READ);
        let (mut session, watcher) = self.apply_session(settings, &running)?;
        let (eng, leave_out) = (s.eng, s.guard.leave_out.clone());
        let mut before: Option<Result<Fingerprint, String>> = None;
        let existed: std::cell::RefCell<Vec<u32>> = Default::default();
        let mut read_first = |tx: &mut postgres::Transaction<'_>| {
            let fingerprint = catalog::fingerprint_in(tx, &leave_out)?;
            before = Some(fingerprint.map_err(|e| self.setup.url.mask(&e.to_string())));
            *existed.borrow_mut() = tx.query_one(EXISTING_TABLES, &[&leave_out])?.get(0);
            Ok(())
        };
        let mut held: BTreeSet<all::HeldLock> = BTreeSet::new();
        let mut after_unit = |tx: &mut postgres::Transaction<'_>| {
            let rows = tx.query(TABLE_LOCKS, &[&*existed.borrow()])?;
            let now: BTreeSet<all::HeldLock> = rows.iter().map(|r| all::HeldLock { relation: r.get(0), mode: r.get(1) }).collect();
            let taken = now.difference(&held).cloned().collect();
            held = now;
            Ok(taken)
        };
        let runs = std::cell::RefCell::new(Vec::new());
        let line = |r: &all::UnitRun| {
            runs.borrow_mut().push(r.clone());
            report::rehearse_ran(r)
        };
        let mut go_on = |unit: Option<&all::Unit>| proceed(&running, &watcher, unit);
        let mut hooks = all::Hooks { line: &line, first: &mut read_first, after_unit: Some(&mut after_unit), proceed: &mut go_on };
        let mut ctx = s.ctx(self.stop());
        let result = all::attempt(&mut session, &mut ctx, eng, &plan.units, settings, None, all::Finish::Rollback, &mut hooks);
        drop((ctx, hooks));
        let (stopped, blocked) = cancelled(watcher.finish());
        Continue(Attempted { result, runs: runs.into_inner(), before, stopped, blocked })
    }

    /// How the attempt ended, as a rehearsal concludes it.
    fn conclusion(
        &self,
        plan: &all::Plan,
        result: Result<Vec<all::UnitRun>, all::AttemptError>,
        stopped: Option<StopReason>,
        blocked: Option<Blocked>,
    ) -> RehearsalEnd {
        let url = &self.setup.url;
        match (result, stopped, blocked) {
            (_, _, Some(blocked)) => RehearsalEnd::Blocking(blocked),
            (_, Some(reason), None) => RehearsalEnd::Stopped(reason),
            (Ok(_), None, None) => match &plan.blocker {
                Some(b) => RehearsalEnd::Cannot(b.clone()),
                None => RehearsalEnd::WouldSucceed,
            },
            (Err(all::AttemptError::Migration { unit, error, line }), None, None) if all::refused_in_one_transaction(&error) => {
                // A release (auto) would fall back to file mode here, which a rehearsal cannot roll back.
                let why = format!("PostgreSQL refused it inside one transaction ({})", url.mask(&crate::db::describe_pg_error(&error)));
                RehearsalEnd::Cannot(all::Blocker { what: plan.units[unit].file.clone(), line, why })
            }
            (Err(all::AttemptError::Migration { unit, error, line }), None, None) => {
                let u = &plan.units[unit];
                let error_lines = report::pg_error_lines(&error, line, url);
                RehearsalEnd::WouldFail { file: u.file.clone(), error_lines, path: u.path.clone(), line }
            }
            (Err(all::AttemptError::Runner(e)), None, None) => RehearsalEnd::Error(url.mask(&crate::db::describe_pg_error(&e))),
            (Err(all::AttemptError::Read(e)), None, None) => RehearsalEnd::Error(e.to_string()),
            (Err(all::AttemptError::Stopped), None, None) => RehearsalEnd::Error("stopped".into()),
        }
    }

    fn rehearsed(
        &self,
        runs: Vec<all::UnitRun>,
        mode: Mode,
        end: RehearsalEnd,
        checked: Option<(bool, Option<Vec<Evidence>>)>,
    ) -> ReleaseOutcome {
        ReleaseOutcome::Rehearsed(Box::new(Rehearsal { runs, mode, end, checked, elapsed: self.started.elapsed() }))
    }
}

/// The tables (and partitioned tables, materialized and foreign tables) that exist before the
/// rehearsal's first migration, but the tool's version tables ($1): only locks on these can make the
/// application wait (a table the release creates is not there for it yet).
const EXISTING_TABLES: &str = "SELECT coalesce(array_agg(c.oid), '{}'::oid[]) FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'm', 'f')
      AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp_)'
      AND c.oid NOT IN (SELECT to_regclass(t)::oid FROM unnest($1::text[]) AS t WHERE to_regclass(t) IS NOT NULL)";

/// The locks the rehearsal's own session holds on those tables ($1).
const TABLE_LOCKS: &str = "SELECT l.relation::regclass::text, l.mode FROM pg_catalog.pg_locks l
    WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted AND l.relation = ANY($1::oid[])";
