//! dbmate.
//!
//! State: `dbmate status` (`[X] file` / `[ ] file`), plus a direct read of
//! `schema_migrations` for versions without a file (status hides them).
//! Apply: `up --strict` with `--no-dump-schema`, so an out-of-order file is
//! refused and no schema file is written at release. dbmate commits each file
//! on its own and leaves no dirty state; undo is one `rollback` per migration
//! this run applied, newest first, stopping at one whose down section is empty.

use super::{ApplyOutcome, Context, DbState, Engine, EngineError, UndoPlan, UndoStep, process};
use crate::tool::Tool;
use std::process::Command;

#[derive(Default)]
pub struct Dbmate;

const PREFIX: &str = "  dbmate | ";

fn base(ctx: &Context<'_>) -> Command {
    let mut c = Command::new(Tool::Dbmate.executable());
    // The URL goes through the environment, never the command line.
    c.env("MIGRATIONS_TOOL_DATABASE_URL", &ctx.tool_url)
        .args(["--env", "MIGRATIONS_TOOL_DATABASE_URL", "--no-dump-schema", "--migrations-dir"])
        .arg(&ctx.dir);
    c
}

fn shown(ctx: &Context<'_>, args: &[&str]) -> String {
    format!("dbmate --url '{}' --migrations-dir {} --no-dump-schema {}", ctx.url.masked(), ctx.dir.display(), args.join(" "))
}

fn run(ctx: &mut Context<'_>, args: &[&str], relay: bool) -> Result<process::Output, EngineError> {
    let mut cmd = base(ctx);
    cmd.args(args);
    let (url, stop) = (ctx.url, ctx.stop);
    process::run(cmd, url, stop, PREFIX, relay, &mut *ctx.out)
        .map_err(|source| EngineError::Spawn { program: Tool::Dbmate.executable().into(), source })
}

fn last_error(out: &process::Output) -> String {
    out.stderr_lines().filter(|l| l.starts_with("Error:")).last().unwrap_or("no error message").to_string()
}

fn version_of(file: &str) -> String {
    file.chars().take_while(char::is_ascii_digit).collect()
}

impl Dbmate {
    /// Every version recorded in `schema_migrations` (empty when the table does not exist).
    fn recorded_versions(ctx: &Context<'_>) -> Result<Vec<String>, EngineError> {
        ctx.with_db(|client| {
            let exists: Option<String> = client.query_one("SELECT to_regclass('schema_migrations')::text", &[])?.get(0);
            if exists.is_none() {
                return Ok(Vec::new());
            }
            let rows = client.query("SELECT version::text FROM schema_migrations ORDER BY version", &[])?;
            Ok(rows.iter().map(|r| r.get::<_, String>(0)).collect())
        })
    }
}

impl Engine for Dbmate {
    fn tool(&self) -> Tool {
        Tool::Dbmate
    }

    fn state(&mut self, ctx: &mut Context<'_>) -> Result<DbState, EngineError> {
        let out = run(ctx, &["status"], false)?;
        if !out.success() {
            return Err(EngineError::Tool {
                command: shown(ctx, &["status"]),
                code: out.exit_code.map_or("signal".into(), |c| c.to_string()),
                message: last_error(&out),
            });
        }
        let mut applied = Vec::new();
        for line in out.stdout_lines() {
            if let Some(file) = line.strip_prefix("[X] ") {
                applied.push(version_of(file.trim()));
            }
        }
        let recorded = Self::recorded_versions(ctx)?;
        let orphans: Vec<String> = recorded.iter().filter(|v| ctx.set.find(v).is_none()).cloned().collect();
        let version = applied.last().cloned();
        Ok(DbState { version, dirty: false, applied, orphans })
    }

    fn apply(&mut self, ctx: &mut Context<'_>) -> Result<ApplyOutcome, EngineError> {
        let mut cmd = base(ctx);
        cmd.args(["up", "--strict"]);
        let out = super::run_apply(ctx, cmd, PREFIX)
            .map_err(|source| EngineError::Spawn { program: Tool::Dbmate.executable().into(), source })?;
        let success = out.success() && out.stopped.is_none();
        // dbmate prints `Applied:` even for the file that failed; the last `Applying:` is the one.
        let failed_version = if success {
            None
        } else {
            out.stdout_lines().filter_map(|l| l.strip_prefix("Applying: ")).last().map(|f| version_of(f.trim()))
        };
        let error_lines = if success { Vec::new() } else { out.stderr_lines().map(str::to_string).collect() };
        Ok(ApplyOutcome { success, exit_code: out.exit_code, failed_version, error_lines, stopped: out.stopped })
    }

    fn undo_plan(&self, ctx: &Context<'_>, record: &DbState, now: &DbState) -> UndoPlan {
        let mut steps = Vec::new();
        let mut undone = Vec::new();
        let mut cannot_undo = Vec::new();
        let mut blocked = false;
        for v in super::applied_since(record, now) {
            let has_down = ctx.set.find(&v).is_some_and(|m| m.has_down);
            if blocked || !has_down {
                blocked = true;
                cannot_undo.push(v);
                continue;
            }
            steps.push(UndoStep {
                description: format!("roll back {v}"),
                command: shown(ctx, &["rollback"]),
                args: vec!["rollback".into()],
            });
            undone.push(v);
        }
        let target = match cannot_undo.first() {
            Some(v) => Some(v.clone()),
            None => record.version.clone(),
        };
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

    fn manual_commands(&self, ctx: &Context<'_>, _state: &DbState, wanted: &DbState, _during_undo: bool) -> Vec<String> {
        let mut cmds = vec![shown(ctx, &["status"])];
        cmds.push(format!(
            "{}   # once per migration above {}; check the schema first if a down section failed",
            shown(ctx, &["rollback"]),
            wanted.version.as_deref().unwrap_or("the first one")
        ));
        cmds
    }
}
