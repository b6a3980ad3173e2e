//! dbmate.
//!
//! State: read straight from its version table (one row per applied version;
//! `DBMATE_MIGRATIONS_TABLE` and the URL's `search_path` honoured as dbmate
//! does), or through `dbmate status` when the tool's own view is wanted.
//! Apply: `up --strict` with `--no-dump-schema`, so an out-of-order file is
//! refused and no schema file is written at release. dbmate commits each file
//! on its own and leaves no dirty state; undo is one `rollback` per migration
//! this run applied, newest first, stopping at one whose down section is empty.

use super::watch::running::Progressed;
use super::{ApplyOutcome, Cli, Context, DbState, EngineError, ToolDriver, UndoPlan, UndoStep, VersionModel, VersionTable, checked};
use crate::migrations::MigrationSet;
use crate::tool_kind::ToolKind;
use std::process::Command;

#[derive(Default)]
pub struct Dbmate;

const PREFIX: &str = "  dbmate | ";
const ERROR: &str = "Error:";
/// How the tool is started and how its output reads.
const CLI: Cli = Cli { command: base, prefix: PREFIX, error_marker: ERROR };
/// dbmate's own setting for its table (`schema.table` accepted); the tool reads it from the same environment.
pub const MIGRATIONS_TABLE_VAR: &str = "DBMATE_MIGRATIONS_TABLE";

fn base(ctx: &Context<'_>) -> Command {
    let mut c = Command::new(ToolKind::Dbmate.executable());
    // The URL goes through the environment, never the command line.
    c.env("MIGRATIONS_TOOL_DATABASE_URL", &ctx.tool_url)
        .args(["--env", "MIGRATIONS_TOOL_DATABASE_URL", "--no-dump-schema", "--migrations-dir"])
        .arg(&ctx.dir);
    c
}

/// The tool's command line with `args` as a person would type it (the URL masked).
fn shown(ctx: &Context<'_>, args: &[&str]) -> String {
    format!("dbmate --url '{}' --migrations-dir {} --no-dump-schema {}", ctx.url.masked(), ctx.dir.display(), args.join(" "))
}

fn version_of(file: &str) -> String {
    file.chars().take_while(char::is_ascii_digit).collect()
}

/// The state for the recorded versions (status lists applied files in file order; versions without a file are orphans).
fn state_from_versions(set: &MigrationSet, recorded: &[String]) -> DbState {
    let have: std::collections::HashSet<&str> = recorded.iter().map(String::as_str).collect();
    let applied: Vec<String> = set.migrations.iter().filter(|m| have.contains(m.version.as_str())).map(|m| m.version.clone()).collect();
    let orphans: Vec<String> = recorded.iter().filter(|v| set.find(v).is_none()).cloned().collect();
    DbState { version: applied.last().cloned(), dirty: false, applied, orphans }
}

impl Dbmate {
    /// Every version recorded in the version table (empty when the table does not exist).
    fn recorded_versions(&self, ctx: &Context<'_>) -> Result<Vec<String>, EngineError> {
        let table = self.version_table(ctx);
        ctx.with_db(|client| {
            if !table.exists(client)? {
                return Ok(Vec::new());
            }
            let rows = client.query(&format!("SELECT version::text FROM {} ORDER BY version", table.qualified()), &[])?;
            Ok(rows.iter().map(|r| r.get::<_, String>(0)).collect())
        })
    }
}

impl VersionModel for Dbmate {
    fn version_table(&self, ctx: &Context<'_>) -> VersionTable {
        let setting =
            std::env::var(MIGRATIONS_TABLE_VAR).ok().filter(|t| !t.trim().is_empty()).unwrap_or_else(|| "schema_migrations".into());
        let mut parts: Vec<&str> = setting.split('.').collect();
        let schema = if parts.len() > 1 {
            Some(parts.remove(0).to_string())
        } else {
            ctx.url.param("search_path").and_then(|p| p.split(',').next().map(|s| s.trim().to_string())).filter(|s| !s.is_empty())
        };
        VersionTable { schema, name: parts.join(".") }
    }

    fn recorded(&self, ctx: &Context<'_>) -> Result<DbState, EngineError> {
        Ok(state_from_versions(ctx.set, &self.recorded_versions(ctx)?))
    }

    fn open_version_table(&self, ctx: &Context<'_>, tx: &mut postgres::Transaction<'_>) -> Result<VersionTable, postgres::Error> {
        let t = self.version_table(ctx);
        // dbmate creates the table once, before the first migration, in the schema it names then.
        let schema = match &t.schema {
            Some(s) => s.clone(),
            None => super::current_schema(tx)?.unwrap_or_else(|| "public".into()),
        };
        let missing_schema: bool = tx.query_one("SELECT to_regnamespace($1) IS NULL", &[&super::quote_ident(&schema)])?.get(0);
        if missing_schema {
            // dbmate prints `Creating schema: s` and creates it.
            tx.batch_execute(&format!("create schema if not exists {}", super::quote_ident(&schema)))?;
        }
        let created = VersionTable { schema: Some(schema), name: t.name.clone() };
        tx.batch_execute(&format!("create table if not exists {} (version varchar primary key)", created.qualified()))?;
        // Without a schema in DBMATE_MIGRATIONS_TABLE or the URL's search_path, dbmate looks the
        // schema up again for every migration's version, inside its transaction: `t` says so.
        Ok(t)
    }

    fn before_migration(&self, _table: &VersionTable, _version: &str) -> Option<String> {
        None
    }

    fn after_migration(&self, tx: &mut postgres::Transaction<'_>, table: &VersionTable, version: &str) -> Result<(), postgres::Error> {
        // In the migration's own transaction, right after its SQL, as dbmate does (`InsertMigration`):
        // the schema is `current_schema()` as the migration left it (else `public`), so a migration
        // that changes the search path moves where dbmate records it.
        let table = match &table.schema {
            Some(_) => table.clone(),
            None => VersionTable { schema: Some(super::current_schema(tx)?.unwrap_or_else(|| "public".into())), name: table.name.clone() },
        };
        tx.execute(&format!("insert into {} (version) values ($1)", table.qualified()), &[&version])?;
        Ok(())
    }

    fn writes_version_in_migration_transaction(&self) -> bool {
        true
    }
}

impl ToolDriver for Dbmate {
    fn cli(&self) -> &'static Cli {
        &CLI
    }

    fn state(&self, ctx: &mut Context<'_>) -> Result<DbState, EngineError> {
        let command = shown(ctx, &["status"]);
        let out = checked(self.run(ctx, &["status".into()], false)?, &command, ERROR)?;
        // `[X] file` lines can be more than the relay keeps; the summary line `Applied: N` is last.
        let applied_count =
            out.stdout_lines().filter_map(|l| l.trim().strip_prefix("Applied: ")).last().and_then(|n| n.trim().parse::<usize>().ok());
        let state = state_from_versions(ctx.set, &self.recorded_versions(ctx)?);
        match applied_count {
            Some(n) if n == state.applied.len() => Ok(state),
            other => Err(EngineError::ToolFailed {
                command,
                code: "0".into(),
                message: format!(
                    "dbmate reports {} applied migration(s), the version table has {} with a file",
                    other.map_or("no count of".to_string(), |n| n.to_string()),
                    state.applied.len()
                ),
            }),
        }
    }

    fn apply(&self, ctx: &mut Context<'_>) -> Result<ApplyOutcome, EngineError> {
        let mut cmd = base(ctx);
        cmd.args(["up", "--strict"]);
        let out = super::run_apply(ctx, cmd, self)
            .map_err(|source| EngineError::Spawn { program: ToolKind::Dbmate.executable().into(), source })?;
        let success = out.success() && out.stopped.is_none();
        // dbmate prints `Applied:` even for the file that failed; the last `Applying:` is the one.
        let failed_version = if success {
            None
        } else {
            out.stdout_lines().filter_map(|l| l.strip_prefix("Applying: ")).last().map(|f| version_of(f.trim()))
        };
        let error_lines = if success { Vec::new() } else { out.stderr_lines().map(str::to_string).collect() };
        if let Some(v) = &failed_version {
            let said_applied = out.stdout_lines().filter_map(|l| l.strip_prefix("Applied: ")).any(|f| version_of(f.trim()) == *v);
            if said_applied {
                (ctx.out)(&format!(
                    "migrations: note: dbmate printed `Applied:` for {v} although it failed (dbmate prints that line before it checks the error); {v} was not applied."
                ));
            }
        }
        Ok(ApplyOutcome { success, failed_version, error_lines, stopped: out.stopped, version_write_failed: false })
    }

    /// `Applying: <file>` comes before dbmate runs the file.
    fn progressed(&self, line: &str) -> Option<Progressed> {
        line.strip_prefix("Applying: ").map(|f| Progressed::Started(f.trim().to_string()))
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
                undoes: vec![v.clone()],
            });
            undone.push(v);
        }
        UndoPlan { steps, undone, cannot_undo }
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
