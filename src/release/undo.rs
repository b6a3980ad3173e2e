//! Undo (`file` mode): what this run applied, newest first, never below the record, with the tool's
//! own steps (golang-migrate: `force` the failed version, then `goto`; dbmate: one `rollback` per
//! migration), stopping above a migration without a down migration, within the stop budget.

use super::apply::FileFailure;
use super::outcome::{Evidence, StepResult};
use super::record::Found;
use super::session::Session;
use super::{Release, report};
use crate::db::SessionsLeft;
use std::time::Duration;

/// The undo as it ran.
pub(super) struct Undo {
    /// The steps that ran, in order (the last may have failed; none ran after a failed one).
    pub steps: Vec<StepResult>,
    /// Migrations this run applied that have no down migration, newest first.
    pub cannot_undo: Vec<String>,
    /// About a stopped step's sessions.
    pub evidence: Vec<Evidence>,
}

impl Release<'_> {
    /// The undo of a failed `file` release; `None` when nothing is to be undone: the tool recorded
    /// as failed a migration that committed, or MIGRATIONS_ON_FAILURE=stop.
    pub(super) fn undo(&self, s: &mut Session<'_>, found: &Found, failure: &FileFailure) -> Option<Undo> {
        if failure.committed.is_some() || self.on_failure_stop() {
            return None;
        }
        // Tests only (debug builds): a panic where the undo would start.
        #[cfg(debug_assertions)]
        if std::env::var_os("MIGRATIONS_DEBUG_PANIC_BEFORE_UNDO").is_some() {
            panic!("MIGRATIONS_DEBUG_PANIC_BEFORE_UNDO is set");
        }
        let eng = s.eng;
        let stop = self.undo_stop();
        let plan = eng.undo_plan(&s.ctx(stop.clone()), &found.record, &failure.now);
        s.say(&report::undo_start(&plan));
        let mut undo = Undo { steps: Vec::new(), cannot_undo: plan.cannot_undo.clone(), evidence: Vec::new() };
        for (i, step) in plan.steps.iter().enumerate() {
            if stop.reason().is_some() {
                let e = "not started: the stop budget (MIGRATIONS_STOP_GRACE) left no time for it".to_string();
                undo.steps.push(StepResult { step: step.clone(), result: Err(e) });
                break;
            }
            s.say(&format!("migrations: undo step {}: {}", i + 1, step.description));
            let result = eng.run_step(&mut s.ctx(stop.clone()), step).map_err(|e| e.to_string());
            let failed = result.is_err();
            if failed && stop.reason().is_some() {
                // The step was stopped: its statement must not go on behind the report.
                let left = s.terminate_tool_sessions(Duration::from_secs(1));
                if left != SessionsLeft::None {
                    undo.evidence.push(Evidence::ToolSessionsLeft(left));
                }
            }
            undo.steps.push(StepResult { step: step.clone(), result });
            if failed {
                break;
            }
        }
        Some(undo)
    }
}
