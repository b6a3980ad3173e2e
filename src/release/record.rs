//! Record: the state this release starts from, read straight from the tool's version table on the
//! lock's session (no tool process), checked (dirty, orphaned or ahead), and what is pending.

use super::outcome::NotRun;
use super::session::{Session, set_lock_timeout};
use super::{Release, ReleaseError, ReleaseOutcome, VERIFY_LOCK_WAIT, report};
use crate::config::AheadPolicy;
use crate::engine::{Context, DbState, Engine, EngineError};
use crate::migrations::MigrationSet;
use crate::tool_kind::ToolKind;
use std::ops::ControlFlow::{self, Break, Continue};

/// Where a retry line says the wait was when the release read the state it starts from.
const VERSION_TABLE_READ: &str = "the read of the migration state before the first migration";

/// What the release found: the recorded state, and the migrations pending from it (apply order).
pub(super) struct Found {
    pub record: DbState,
    pub pending: Vec<String>,
}

impl Release<'_> {
    /// The state as found, checked; `Break` when there is nothing to apply (or it must not be).
    pub(super) fn record(&self, s: &mut Session<'_>) -> ControlFlow<ReleaseOutcome, Found> {
        let set = &self.setup.set;
        let record = self.read_record(s)?;
        *self.recorded.borrow_mut() = Some(record.clone());
        let eng = s.eng;
        let ctx = s.ctx(self.read_stop());
        if let Err(e) = preflight(set, &record, &ctx, eng) {
            return Break(match e {
                ReleaseError::Ahead { versions, newest_file } if self.setup.config.ahead == AheadPolicy::Warn => {
                    ReleaseOutcome::NothingToDo { record, ahead: Some((versions, newest_file)) }
                }
                e => ReleaseOutcome::Refused(e),
            });
        }
        drop(ctx);
        let pending = pending(set, &record);
        s.say(&report::recorded(&record, &pending, set));
        if pending.is_empty() {
            return Break(ReleaseOutcome::NothingToDo { record, ahead: None });
        }
        Continue(Found { record, pending })
    }

    /// The version table as found, read under the lock timeouts of MIGRATIONS_LOCK_RETRIES (a retry
    /// line each, as the schema read) and cancelled by a stop: nothing has run yet, so a busy table
    /// or a signal ends the release with nothing changed.
    fn read_record(&self, s: &mut Session<'_>) -> ControlFlow<ReleaseOutcome, DbState> {
        let eng = s.eng;
        let result = self.with_lock_retries(
            s,
            None,
            |s, lock_timeout| {
                let ctx = s.ctx(self.stop());
                set_lock_timeout(&ctx, lock_timeout).and_then(|()| eng.recorded(&ctx))
            },
            |r| match r {
                Err(EngineError::Busy { relation }) => Some((Some(VERSION_TABLE_READ.to_string()), relation.clone())),
                _ => None,
            },
        );
        let reset = set_lock_timeout(&s.ctx(self.read_stop()), Some(VERIFY_LOCK_WAIT));
        let attempts = self.setup.config.tx.lock_retries.len();
        match (result, self.stop.reason()) {
            (Some(Ok(record)), _) => match reset {
                Ok(()) => Continue(record),
                Err(e) => Break(ReleaseOutcome::Refused(ReleaseError::State(e))),
            },
            (_, Some(reason)) => Break(ReleaseOutcome::NotRun(NotRun::Stopped(reason))),
            (Some(Err(EngineError::Busy { relation })), None) => {
                Break(ReleaseOutcome::NotRun(NotRun::ReadBusy { what: VERSION_TABLE_READ, attempts, relation }))
            }
            (Some(Err(e)), None) => Break(ReleaseOutcome::Refused(ReleaseError::State(e))),
            (None, None) => Break(ReleaseOutcome::Refused(ReleaseError::State(EngineError::Query("no attempt was made".into())))),
        }
    }
}

/// The pending migrations (apply order) given the recorded state.
pub fn pending(set: &MigrationSet, record: &DbState) -> Vec<String> {
    match set.tool {
        ToolKind::GolangMigrate => set
            .migrations
            .iter()
            .filter(|m| record.version.as_deref().is_none_or(|v| set.compare_versions(&m.version, v).is_gt()))
            .map(|m| m.version.clone())
            .collect(),
        ToolKind::Dbmate => {
            let applied: std::collections::HashSet<&str> = record.applied.iter().map(String::as_str).collect();
            set.migrations.iter().filter(|m| !applied.contains(m.version.as_str())).map(|m| m.version.clone()).collect()
        }
    }
}

/// Refuse a dirty or inconsistent database; detect "database ahead of code".
pub(super) fn preflight(set: &MigrationSet, record: &DbState, ctx: &Context<'_>, eng: &dyn Engine) -> Result<(), ReleaseError> {
    if record.dirty {
        let commands = eng.manual_commands(ctx, record, record, false);
        return Err(ReleaseError::Dirty { state: record.clone(), commands });
    }
    if record.orphans.is_empty() {
        return Ok(());
    }
    let newest = set.newest().map(|m| m.version.clone());
    let (ahead, below): (Vec<String>, Vec<String>) =
        record.orphans.iter().cloned().partition(|v| newest.as_deref().is_none_or(|n| set.compare_versions(v, n).is_gt()));
    if !below.is_empty() {
        return Err(ReleaseError::Orphan { versions: below, newest_file: newest.unwrap_or_default() });
    }
    Err(ReleaseError::Ahead { versions: ahead, newest_file: newest })
}
