//! A rehearsal (`migrations rehearse`): the same plan as a release — lock, record, the `all`
//! strategy's units — in a transaction that is always rolled back, then proven unchanged (the
//! version table and the schema as found). It concludes in a [`Rehearsal`].

use super::apply::{SCHEMA_READ, cancelled, proceed};
use super::outcome::{Rehearsal, RehearsalEnd};
use super::session::Session;
use super::{Release, ReleaseError, ReleaseOutcome, all, outcome_of};
use crate::catalog::{self, Fingerprint};
use crate::engine::watch::running::Running;
use crate::output;
use std::ops::ControlFlow::{self, Break, Continue};

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
    /// attempt that rolls back → the version table and the schema compared with before.
    fn rehearsal(&self, s: &mut Session<'_>) -> ControlFlow<ReleaseOutcome, ReleaseOutcome> {
        let found = self.record(s)?;
        let (settings, url_blocker) = all::session_settings(&self.setup.url, self.setup.set.tool);
        if let Some(blocker) = url_blocker {
            return Continue(self.rehearsed(0, RehearsalEnd::Cannot(blocker), None));
        }
        let plan = match all::plan(&self.setup.set, &found.pending) {
            Ok(plan) => plan,
            Err(e) => return Break(ReleaseOutcome::Refused(ReleaseError::Model(e))),
        };
        let running = Running::default();
        running.set(SCHEMA_READ);
        let (mut session, watcher) = self.apply_session(&settings, &running)?;
        let (eng, leave_out) = (s.eng, s.guard.leave_out.clone());
        let line = |r: &all::UnitRun| format!("migrations: rehearse: ok     {} ({})", r.file, output::duration(r.elapsed));
        // The schema as found, read as the first statement of the rehearsal's transaction.
        let mut before: Option<Result<Fingerprint, String>> = None;
        let mut read_schema = |tx: &mut postgres::Transaction<'_>| {
            let fingerprint = catalog::fingerprint_in(tx, &leave_out)?;
            before = Some(fingerprint.map_err(|e| self.setup.url.mask(&e.to_string())));
            Ok(())
        };
        let mut ctx = s.ctx(self.stop());
        let mut go_on = |unit: Option<&all::Unit>| proceed(&running, &watcher, unit);
        let units = &plan.units;
        let result =
            all::attempt(&mut session, &mut ctx, eng, units, &settings, None, all::Finish::Rollback, &line, &mut read_schema, &mut go_on);
        drop(ctx);
        let (stopped, blocked) = cancelled(watcher.finish());
        drop(session);
        // After the rollback, within the stop budget: the version table and the schema as found.
        let stop = self.verify_stop();
        let version_table_as_found = eng.recorded(&s.ctx(stop.clone())).is_ok_and(|now| now == found.record);
        let schema = before.map(|before| s.guard.schema_evidence(&self.setup.url, &stop, &before));
        let url = &self.setup.url;
        let (rehearsed, end) = match (result, stopped, blocked) {
            (_, _, Some(blocked)) => (0, RehearsalEnd::Blocking(blocked)),
            (_, Some(reason), None) => (0, RehearsalEnd::Stopped(reason)),
            (Ok(runs), None, None) => match plan.blocker {
                Some(b) => (runs.len(), RehearsalEnd::Cannot(b)),
                None => (runs.len(), RehearsalEnd::WouldSucceed),
            },
            (Err(all::AttemptError::Migration { unit, error, line }), None, None) if all::refused_in_one_transaction(&error) => {
                // A release (auto) would fall back to file mode here, which a rehearsal cannot roll back.
                let why = format!("PostgreSQL refused it inside one transaction ({})", url.mask(&crate::db::describe_pg_error(&error)));
                (unit, RehearsalEnd::Cannot(all::Blocker { what: plan.units[unit].file.clone(), line, why }))
            }
            (Err(all::AttemptError::Migration { unit, error, line }), None, None) => {
                let u = &plan.units[unit];
                let error_lines = super::report::pg_error_lines(&error, line, url);
                (unit, RehearsalEnd::WouldFail { file: u.file.clone(), error_lines, path: u.path.clone(), line })
            }
            (Err(all::AttemptError::Runner(e)), None, None) => (0, RehearsalEnd::Error(url.mask(&crate::db::describe_pg_error(&e)))),
            (Err(all::AttemptError::Read(e)), None, None) => (0, RehearsalEnd::Error(e.to_string())),
            (Err(all::AttemptError::Stopped), None, None) => (0, RehearsalEnd::Error("stopped".into())),
        };
        Continue(self.rehearsed(rehearsed, end, Some((version_table_as_found, schema))))
    }

    fn rehearsed(
        &self,
        rehearsed: usize,
        end: RehearsalEnd,
        checked: Option<(bool, Option<Vec<super::outcome::Evidence>>)>,
    ) -> ReleaseOutcome {
        ReleaseOutcome::Rehearsed(Box::new(Rehearsal { rehearsed, end, checked, elapsed: self.started.elapsed() }))
    }
}
