//! Choose: how the pending migrations will be applied (MIGRATIONS_TX_MODE, and for `auto` whether
//! every pending migration can run in one transaction).

use super::outcome::Mode;
use super::record::Found;
use super::{Release, ReleaseError, ReleaseOutcome, all, report};
use crate::config::TxMode;
use std::ops::ControlFlow::{self, Break, Continue};

/// The `all` strategy's units and the session settings its session starts with.
pub(super) struct AllPlan {
    pub units: Vec<all::Unit>,
    pub settings: all::SessionSettings,
}

/// How the pending migrations will be applied.
pub(super) enum Strategy {
    All(AllPlan),
    File(Mode),
}

impl Strategy {
    pub fn mode(&self) -> &Mode {
        match self {
            Strategy::All(_) => &Mode::All,
            Strategy::File(m) => m,
        }
    }
}

impl Release<'_> {
    /// `file` when asked for; `all` when every pending migration can run in one transaction; else
    /// `file` (auto, with the reason) or a refusal (all).
    pub(super) fn choose(&self, found: &Found) -> ControlFlow<ReleaseOutcome, Strategy> {
        let setup = self.setup;
        if setup.config.tx.mode == TxMode::File {
            return Continue(Strategy::File(Mode::File { why: None }));
        }
        let (settings, url_blocker) = all::session_settings(&setup.url, setup.set.tool);
        let plan = match all::plan(&setup.set, &found.pending) {
            Ok(plan) => plan,
            Err(e) => return Break(ReleaseOutcome::Refused(ReleaseError::Model(e))),
        };
        match url_blocker.or(plan.blocker) {
            None => Continue(Strategy::All(AllPlan { units: plan.units, settings })),
            Some(blocker) if setup.config.tx.mode == TxMode::All => Break(ReleaseOutcome::Refused(ReleaseError::NotGroupable { blocker })),
            Some(blocker) => Continue(Strategy::File(Mode::File { why: Some(report::auto_fell_back(&blocker)) })),
        }
    }
}
