//! golang-migrate (v4 CLI `migrate`, postgres driver).
//!
//! State: read straight from its version table (one row `(version, dirty)`,
//! `x-migrations-table` / `x-migrations-table-quoted` honoured), or through
//! `migrate version` when the tool's own view is wanted.
//! Undo after a failed file F: PostgreSQL rolled back F's implicit transaction,
//! so `force` the version before F (or `force -- -1`), then `goto` the recorded
//! version (`down -all` when the record was "no version"), stopping above any
//! migration that has no down file: golang-migrate would treat it as an empty
//! down and move the version without undoing anything.

use super::watch::running::Progressed;
use super::{
    ApplyOutcome, Cli, CommittedDespiteFailure, Context, DbState, EngineError, ToolDriver, UndoPlan, UndoStep, VersionModel, VersionTable,
    checked, go_bool,
};
use crate::migrations::MigrationSet;
use crate::tool_kind::ToolKind;
use std::process::Command;

#[derive(Default)]
pub struct GolangMigrate;

const PREFIX: &str = "  migrate | ";
const ERROR: &str = "error:";
/// How the tool is started and how its output reads.
const CLI: Cli = Cli { command: base, prefix: PREFIX, error_marker: ERROR };

fn base(ctx: &Context<'_>) -> Command {
    let mut c = Command::new(ToolKind::GolangMigrate.executable());
    c.arg("-path").arg(&ctx.dir).arg("-database").arg(&ctx.tool_url);
    c
}

/// The tool's command line with `args` as a person would type it (the URL masked).
fn shown(ctx: &Context<'_>, args: &[&str]) -> String {
    format!("migrate -path {} -database '{}' {}", ctx.dir.display(), ctx.url.masked(), args.join(" "))
}

/// The state for a version-table row (`None`: no row, or no table).
fn state_from_row(set: &MigrationSet, row: Option<(i64, bool)>) -> DbState {
    let (version, dirty) = match row {
        None => (None, false),
        Some((v, dirty)) if v < 0 => (None, dirty),
        Some((v, dirty)) => (Some(v.to_string()), dirty),
    };
    let mut applied = Vec::new();
    let mut orphans = Vec::new();
    if let Some(v) = &version {
        applied = set.migrations.iter().filter(|m| set.compare_versions(&m.version, v).is_le()).map(|m| m.version.clone()).collect();
        if set.find(v).is_none() {
            orphans.push(v.clone());
        }
    }
    DbState { version, dirty, applied, orphans }
}

/// Whether golang-migrate's error is about its own version write (`SetVersion`:
/// `TRUNCATE` + `INSERT` of the version table), not about a migration: its
/// `database.Error` then names that statement (`error: pq: … in line 0: TRUNCATE "public"."schema_migrations"`).
fn version_write_error(error_lines: &[String]) -> bool {
    error_lines.iter().any(|l| {
        l.starts_with("error: ")
            && !l.starts_with("error: migration failed")
            && (l.contains(" in line 0: TRUNCATE ") || l.contains(" in line 0: INSERT INTO "))
    })
}

/// golang-migrate's advisory lock key: `crc32(schema \0 table \0 dbname) * 1486364155 mod 2^32`,
/// where dbname is the URL's path with its leading slash.
pub fn lock_key(database_name: &str, schema: &str, table: &str) -> i64 {
    let sum = crc32fast::hash(format!("{schema}\0{table}\0{database_name}").as_bytes()).wrapping_mul(1_486_364_155);
    i64::from(sum)
}

/// golang-migrate's `SetVersion(v, dirty)`: TRUNCATE + INSERT (one row), as one string
/// (the values are an integer and a boolean, written as literals).
fn set_version(table: &str, version: &str, dirty: bool) -> String {
    let v: i64 = version.parse().unwrap_or(-1);
    format!("TRUNCATE {table}; INSERT INTO {table} (version, dirty) VALUES ({v}, {dirty})")
}

impl GolangMigrate {
    /// Read `(version, dirty)` straight from the table (the tool hides `(-1, true)`).
    fn raw_row(&self, ctx: &Context<'_>) -> Result<Option<(i64, bool)>, EngineError> {
        let table = self.version_table(ctx);
        ctx.with_db(|client| {
            if !table.exists(client)? {
                return Ok(None);
            }
            let row = client.query_opt(&format!("SELECT version, dirty FROM {} LIMIT 1", table.qualified()), &[])?;
            Ok(row.map(|r| (r.get(0), r.get(1))))
        })
    }
}

impl VersionModel for GolangMigrate {
    fn version_table(&self, ctx: &Context<'_>) -> VersionTable {
        let table =
            ctx.url.param("x-migrations-table").map(str::to_string).filter(|t| !t.is_empty()).unwrap_or_else(|| "schema_migrations".into());
        let quoted = ctx.url.param("x-migrations-table-quoted").and_then(go_bool).unwrap_or(false);
        if quoted {
            // `"schema"."table"` or `"table"`, as the postgres driver splits it.
            let parts: Vec<&str> = table.split('"').skip(1).step_by(2).collect();
            if let Some(name) = parts.last() {
                let schema = if parts.len() == 2 { Some(parts[0].to_string()) } else { None };
                return VersionTable { schema, name: name.to_string() };
            }
        }
        VersionTable { schema: None, name: table }
    }

    fn recorded(&self, ctx: &Context<'_>) -> Result<DbState, EngineError> {
        Ok(state_from_row(ctx.set, self.raw_row(ctx)?))
    }

    fn open_version_table(&self, ctx: &Context<'_>, tx: &mut postgres::Transaction<'_>) -> Result<VersionTable, postgres::Error> {
        let t = self.version_table(ctx);
        // Resolved once, as the tool does when it connects (`WithConnection`): every later write goes
        // to this schema, whatever a migration does to the session's search path.
        let schema = match t.schema {
            Some(s) => s,
            None => match super::current_schema(tx)? {
                Some(s) => s,
                // golang-migrate refuses to start ("no schema"); PostgreSQL refuses the CREATE the same way.
                None => {
                    tx.batch_execute(&format!("CREATE TABLE {} (version bigint)", super::quote_ident(&t.name)))?;
                    String::new()
                }
            },
        };
        // golang-migrate's own advisory lock (held until the transaction ends), so a `migrate` run by
        // hand at the same time waits for the release as it would for another `migrate`.
        let path = ctx.url.path().to_string();
        let dbname = if path.is_empty() { tx.query_one("SELECT current_database()", &[])?.get(0) } else { path };
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&lock_key(&dbname, &schema, &t.name)])?;
        let table = VersionTable { schema: Some(schema), name: t.name };
        tx.batch_execute(&format!(
            "CREATE TABLE IF NOT EXISTS {} (version bigint not null primary key, dirty boolean not null)",
            table.qualified()
        ))?;
        Ok(table)
    }

    fn before_migration(&self, table: &VersionTable, version: &str) -> Option<String> {
        Some(set_version(&table.qualified(), version, true))
    }

    fn after_migration(&self, tx: &mut postgres::Transaction<'_>, table: &VersionTable, version: &str) -> Result<(), postgres::Error> {
        tx.batch_execute(&set_version(&table.qualified(), version, false))
    }

    fn writes_version_in_migration_transaction(&self) -> bool {
        false
    }
}

impl ToolDriver for GolangMigrate {
    fn cli(&self) -> &'static Cli {
        &CLI
    }

    fn state(&self, ctx: &mut Context<'_>) -> Result<DbState, EngineError> {
        let command = shown(ctx, &["version"]);
        let out = self.run(ctx, &["version".into()], false)?;
        if out.stopped.is_some() {
            return Err(EngineError::Stopped { command });
        }
        let line = out.stderr_lines().last().unwrap_or("").trim().to_string();
        let row = if let Some(v) = line.strip_suffix(" (dirty)").and_then(|v| v.parse::<i64>().ok()) {
            Some((v, true))
        } else if let Some(v) = line.parse::<i64>().ok().filter(|_| out.success()) {
            Some((v, false))
        } else if line == "error: no migration" {
            // The tool says "no migration" for both an empty table and the (-1, dirty) row.
            self.raw_row(ctx)?.filter(|r| *r == (-1, true))
        } else {
            checked(out, &command, ERROR)?;
            return Err(EngineError::ToolFailed { command, code: "0".into(), message: format!("unexpected output: {line}") });
        };
        Ok(state_from_row(ctx.set, row))
    }

    fn apply(&self, ctx: &mut Context<'_>) -> Result<ApplyOutcome, EngineError> {
        let mut cmd = base(ctx);
        cmd.arg("up");
        let out = super::run_apply(ctx, cmd, self)
            .map_err(|source| EngineError::Spawn { program: ToolKind::GolangMigrate.executable().into(), source })?;
        let success = out.success() && out.stopped.is_none();
        let error_lines: Vec<String> = if success {
            Vec::new()
        } else {
            let mut lines = Vec::new();
            let mut trim = false;
            for l in out.stderr_lines() {
                if l.starts_with(ERROR) {
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
        let version_write_failed = !success && version_write_error(&error_lines);
        Ok(ApplyOutcome { success, failed_version: None, error_lines, stopped: out.stopped, version_write_failed })
    }

    /// golang-migrate prints `<version>/u <name> (<duration>)` after each file, nothing before one.
    fn progressed(&self, line: &str) -> Option<Progressed> {
        let (version, rest) = line.split_once("/u ")?;
        (!version.is_empty() && version.bytes().all(|b| b.is_ascii_digit()) && !rest.is_empty())
            .then(|| Progressed::Finished(version.to_string()))
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
                undoes: Vec::new(),
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
                undoes: undone.clone(),
            });
        }
        UndoPlan { steps, undone, cannot_undo }
    }

    fn after_failed_undo(&self, ctx: &Context<'_>, mut state: DbState) -> DbState {
        if !state.dirty {
            return state;
        }
        let set = ctx.set;
        let still = match &state.version {
            Some(d) => set.migrations.iter().find(|m| set.compare_versions(&m.version, d).is_gt()),
            None => set.migrations.first(),
        };
        if let Some(m) = still.filter(|m| !state.applied.contains(&m.version)) {
            state.applied.push(m.version.clone());
        }
        state
    }

    /// The failure (a stop's cancel, or any error) landed in golang-migrate's version write after the
    /// migration committed: "dirty" names a migration that is applied. Forcing the version before it
    /// would leave its changes in place unrecorded, so the way back starts with `force <v>`.
    fn committed_despite_failure(
        &self,
        ctx: &Context<'_>,
        outcome: &ApplyOutcome,
        now: &DbState,
        record: &DbState,
    ) -> Option<CommittedDespiteFailure> {
        if !(outcome.version_write_failed && now.dirty) {
            return None;
        }
        let v = now.version.clone().unwrap_or_default();
        let mut manual = self.manual_commands(ctx, &DbState { dirty: false, ..now.clone() }, record, false);
        manual.insert(1, format!("# migration {v} committed: mark it applied (not the version before it), then go back"));
        manual.insert(2, shown(ctx, &["force", &v]));
        Some(CommittedDespiteFailure {
            why: format!(
                "golang-migrate failed while writing its version after migration {v} had committed: {v} is applied, though marked dirty"
            ),
            version: v,
            manual,
        })
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

#[cfg(test)]
mod tests {
    use super::{Progressed, version_write_error};

    #[test]
    fn a_failed_version_write_is_told_from_a_failed_migration() {
        let lines = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(version_write_error(&lines(&[
            "error: pq: canceling statement due to user request in line 0: TRUNCATE \"public\".\"schema_migrations\""
        ])));
        assert!(version_write_error(&lines(&[
            "error: pq: canceling statement due to user request in line 0: INSERT INTO \"public\".\"schema_migrations\" (version, dirty) VALUES ($1, $2)"
        ])));
        assert!(!version_write_error(&lines(&[
            "error: migration failed: canceling statement due to user request in line 0: INSERT INTO t VALUES (1);",
            "(details: pq: canceling statement due to user request)"
        ])));
        assert!(!version_write_error(&lines(&["error: migration failed in line 0: TRUNCATE t (details: pq: deadlock detected)"])));
    }

    #[test]
    fn the_line_after_each_file_says_which_version_finished() {
        use crate::engine::ToolDriver;
        let p = |l: &str| super::GolangMigrate.progressed(l);
        assert_eq!(p("12/u create_users (7.897865ms)"), Some(Progressed::Finished("12".into())));
        assert_eq!(p("error: migration failed in line 0: x/u y"), None);
        assert_eq!(p("no change"), None);
        assert_eq!(p("3/d drop (1ms)"), None);
    }

    #[test]
    fn the_lock_key_is_golang_migrates() {
        // Verified against golang-migrate in pg_locks (reference transcript §16): `/locktest`, public, schema_migrations.
        assert_eq!(super::lock_key("/locktest", "public", "schema_migrations"), 3_708_018_671);
    }
}
