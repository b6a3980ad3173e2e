//! Lock: the runner's own advisory lock, taken on a connection checked first (a read-only target
//! or a transaction-mode pooler is refused before anything that writes), waited for up to
//! MIGRATIONS_LOCK_TIMEOUT, and given up at once on a stop.

use super::outcome::NotRun;
use super::{Release, ReleaseError, ReleaseOutcome, all, report};
use crate::db::{DbError, ReleaseLock};
use crate::engine::StopReason;
use std::ops::ControlFlow::{self, Break, Continue};

impl Release<'_> {
    pub(super) fn lock(&self, out: &mut dyn FnMut(&str)) -> ControlFlow<ReleaseOutcome, ReleaseLock> {
        let setup = self.setup;
        let refused = |error| ReleaseOutcome::Refused(ReleaseError::Connect { url: setup.url.masked(), error });
        if let Some(pooler) = setup.url.transaction_pooler() {
            return Break(refused(DbError::TransactionPooler(pooler)));
        }
        // Before anything that writes (the lock included): a read-only target or a transaction pooler is refused.
        let (settings, _) = all::session_settings(&setup.url, setup.set.tool);
        let (client, backend) = match crate::db::connect_checked(&setup.url, &settings.params) {
            Ok(checked) => checked,
            Err(error) => return Break(refused(error)),
        };
        let lock_timeout = setup.config.lock_timeout.min(setup.config.timeout);
        let mut waiting_said = false;
        let acquired =
            ReleaseLock::acquire(&setup.url, client, &backend, lock_timeout, || waiting_said = true, || self.stop.reason().is_some());
        let lock = match acquired {
            Ok(lock) => lock,
            Err(DbError::LockTimeout(waited)) => return Break(ReleaseOutcome::NotRun(NotRun::LockBusy(waited))),
            Err(DbError::LockAbandoned) => {
                return Break(ReleaseOutcome::NotRun(NotRun::Stopped(self.stop.reason().unwrap_or(StopReason::Signal))));
            }
            Err(error) => return Break(refused(error)),
        };
        if waiting_said {
            out(&report::lock_acquired_after_wait(self.started.elapsed()));
        }
        Continue(lock)
    }
}
