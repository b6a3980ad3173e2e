//! golang-migrate (v4 CLI `migrate`, postgres driver).
//!
//! State: `migrate version` (`N`, `N (dirty)`, `error: no migration`), plus a
//! direct read of `schema_migrations` for the `(-1, dirty)` row the tool hides.
//! Undo after a failed file F: PostgreSQL rolled back F's implicit transaction,
//! so `force` the version before F (or `force -- -1`), then `goto` the recorded
//! version (`down -all` when the record was "no version"), stopping above any
//! migration that has no down file: golang-migrate would treat it as an empty
//! down and move the version without undoing anything.

use super::{ApplyOutcome, Context, DbState, Engine, EngineError, UndoPlan, UndoStep, process};
use crate::tool::Tool;
use std::process::Command;

#[derive(Default)]
pub struct GolangMigrate;

const PREFIX: &str = "  migrate | ";

fn base(ctx: &Context<'_>, url: &str) -> Command {
    let mut c = Command::new(Tool::GolangMigrate.executable());
    c.arg("-path").arg(&ctx.dir).arg("-database").arg(url);
    c
}

fn shown(ctx: &Context<'_>, args: &[&str]) -> String {
    format!("migrate -path {} -database '{}' {}", ctx.dir.display(), ctx.url.masked(), args.join(" "))
}

fn run(ctx: &mut Context<'_>, args: &[&str], relay: bool) -> Result<process::Output, EngineError> {
    let mut cmd = base(ctx, &ctx.tool_url.clone());
    cmd.args(args);
    let (url, stop) = (ctx.url, ctx.stop);
    process::run(cmd, url, stop, PREFIX, relay, &mut *ctx.out)
        .map_err(|source| EngineError::Spawn { program: Tool::GolangMigrate.executable().into(), source })
}

fn last_error(out: &process::Output) -> String {
    out.stderr_lines().filter(|l| l.starts_with("error:")).last().unwrap_or("no error message").to_string()
}

impl GolangMigrate {
    /// Read `(version, dirty)` straight from the table (the tool hides `(-1, true)`).
    fn raw_row(ctx: &Context<'_>) -> Result<Option<(i64, bool)>, EngineError> {
        let quoted = ctx.url.migrations_table_sql();
        ctx.with_db(|client| {
            let exists: Option<String> = client.query_one("SELECT to_regclass($1)::text", &[&quoted])?.get(0);
            if exists.is_none() {
                return Ok(None);
            }
            let row = client.query_opt(&format!("SELECT version, dirty FROM {quoted} LIMIT 1"), &[])?;
            Ok(row.map(|r| (r.get(0), r.get(1))))
        })
    }
}

impl Engine for GolangMigrate {
    fn tool(&self) -> Tool {
        Tool::GolangMigrate
    }

    fn state(&mut self, ctx: &mut Context<'_>) -> Result<DbState, EngineError> {
        let out = run(ctx, &["version"], false)?;
        let line = out.stderr_lines().last().unwrap_or("").trim().to_string();
        let (version, dirty) = if let Some(v) = line.strip_suffix(" (dirty)") {
            (Some(v.to_string()), true)
        } else if line.parse::<u64>().is_ok() && out.success() {
            (Some(line.clone()), false)
        } else if line == "error: no migration" {
            // The tool says "no migration" for both an empty table and the (-1, dirty) row.
            let dirty = matches!(Self::raw_row(ctx)?, Some((-1, true)));
            (None, dirty)
        } else {
            return Err(EngineError::Tool {
                command: shown(ctx, &["version"]),
                code: out.exit_code.map_or("signal".into(), |c| c.to_string()),
                message: last_error(&out),
            });
        };
        let mut applied = Vec::new();
        let mut orphans = Vec::new();
        if let Some(v) = &version {
            for m in &ctx.set.migrations {
                if ctx.set.compare_versions(&m.version, v).is_le() {
                    applied.push(m.version.clone());
                }
            }
            if ctx.set.find(v).is_none() {
                orphans.push(v.clone());
            }
        }
        Ok(DbState { version, dirty, applied, orphans })
    }

    fn apply(&mut self, ctx: &mut Context<'_>) -> Result<ApplyOutcome, EngineError> {
        let mut cmd = base(ctx, &ctx.tool_url.clone());
        cmd.arg("up");
        let out = super::run_apply(ctx, cmd, PREFIX)
            .map_err(|source| EngineError::Spawn { program: Tool::GolangMigrate.executable().into(), source })?;
        let success = out.success() && out.stopped.is_none();
        let error_lines: Vec<String> = if success {
            Vec::new()
        } else {
            let mut lines = Vec::new();
            let mut trim = false;
            for l in out.stderr_lines() {
                if l.starts_with("error:") {
                    trim = l.starts_with("error: migration failed") && !l.contains(" (details: ");
                    lines.push(l.to_string());
                } else if trim {
                    if let Some(i) = l.find(" (details: ") {
                        lines.push(l[i + 1..].to_string());
                        trim = false;
                    }
                }
            }
            lines
        };
        Ok(ApplyOutcome { success, exit_code: out.exit_code, failed_version: None, error_lines, stopped: out.stopped })
    }

    fn undo_plan(&self, ctx: &Context<'_>, record: &DbState, now: &DbState) -> UndoPlan {
        let set = ctx.set;
        let mut steps = Vec::new();
        // 1. A dirty version F: its transaction was rolled back, so mark the version before it.
        let mut current = now.version.clone();
        if now.dirty {
            let previous = current.as_deref().and_then(|f| set.previous(f)).map(|m| m.version.clone());
            // Never force below the record.
            let previous = match (&previous, &record.version) {
                (Some(p), Some(r)) if set.compare_versions(p, r).is_lt() => Some(r.clone()),
                _ => previous,
            };
            let arg = previous.clone().unwrap_or_else(|| "-1".into());
            let args: Vec<String> = if arg == "-1" { vec!["force".into(), "--".into(), "-1".into()] } else { vec!["force".into(), arg] };
            steps.push(UndoStep {
                description: format!(
                    "mark the failed migration {} as not applied (PostgreSQL rolled back its transaction)",
                    now.version.as_deref().unwrap_or("-1")
                ),
                command: shown(ctx, &args.iter().map(String::as_str).collect::<Vec<_>>()),
                args,
            });
            current = previous;
        }
        // 2. Walk down from `current` to the record, newest first, stopping at a migration without a down file.
        let mut undone = Vec::new();
        let mut cannot_undo = Vec::new();
        let mut target = current.clone();
        let newer_than_record = |v: &str| record.version.as_deref().is_none_or(|r| set.compare_versions(v, r).is_gt());
        let mut blocked = false;
        for m in set.migrations.iter().rev() {
            let at_or_below_current = current.as_deref().is_some_and(|c| set.compare_versions(&m.version, c).is_le());
            if !at_or_below_current || !newer_than_record(&m.version) {
                continue;
            }
            if blocked || !m.has_down {
                blocked = true;
                cannot_undo.push(m.version.clone());
                continue;
            }
            undone.push(m.version.clone());
            target = set.previous(&m.version).map(|p| p.version.clone());
        }
        if target != current {
            let args: Vec<String> = match &target {
                Some(t) => vec!["goto".into(), t.clone()],
                None => vec!["down".into(), "-all".into()],
            };
            steps.push(UndoStep {
                description: format!("run the down migrations of {}", undone.join(", ")),
                command: shown(ctx, &args.iter().map(String::as_str).collect::<Vec<_>>()),
                args,
            });
        }
        UndoPlan { steps, undone, cannot_undo, target }
    }

    fn run_step(&mut self, ctx: &mut Context<'_>, step_index: usize, plan: &UndoPlan) -> Result<(), EngineError> {
        let step = &plan.steps[step_index];
        let arg_refs: Vec<&str> = step.args.iter().map(String::as_str).collect();
        let out = run(ctx, &arg_refs, true)?;
        if out.success() {
            Ok(())
        } else {
            Err(EngineError::Tool {
                command: step.command.clone(),
                code: out.exit_code.map_or("signal".into(), |c| c.to_string()),
                message: last_error(&out),
            })
        }
    }

    fn manual_commands(&self, ctx: &Context<'_>, state: &DbState, wanted: &DbState, during_undo: bool) -> Vec<String> {
        let mut cmds = vec![shown(ctx, &["version"])];
        if state.dirty {
            // A failed up of F leaves `F (dirty)` with F rolled back: F is not applied.
            // A failed down of X leaves `previous(X) (dirty)` with X's down rolled back: X is still applied.
            let still_applied = if during_undo {
                match &state.version {
                    Some(d) => {
                        ctx.set.migrations.iter().find(|m| ctx.set.compare_versions(&m.version, d).is_gt()).map(|m| m.version.clone())
                    }
                    None => ctx.set.migrations.first().map(|m| m.version.clone()),
                }
            } else {
                state.version.as_deref().and_then(|f| ctx.set.previous(f)).map(|m| m.version.clone())
            };
            cmds.push("# check the schema first: a statement outside a transaction may have left part of the migration behind".to_string());
            cmds.push(match &still_applied {
                Some(v) => shown(ctx, &["force", v]),
                None => shown(ctx, &["force", "--", "-1"]),
            });
        }
        match &wanted.version {
            Some(v) => cmds.push(shown(ctx, &["goto", v])),
            None => cmds.push(format!("{}   # only if every remaining migration has a down file", shown(ctx, &["down", "-all"]))),
        }
        cmds
    }
}
