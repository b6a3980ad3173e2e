//! The lock rules squawk lacks: `VACUUM FULL` and `CLUSTER` (MG315; squawk has them only for
//! PostgreSQL 19+, as `prefer-repack`), table copies such as `SET TABLESPACE` (MG316) and
//! `LOCK TABLE` (MG317).

use squawk_syntax::ast;

use super::syntax::{cluster_table, lock_mode, lock_tables, quoted, relation, targets};
use super::{Ctx, Found};
use crate::migrations::checks::codes;

/// What squawk lacks: `VACUUM FULL`, `CLUSTER` (MG315), table copies (MG316), `LOCK TABLE` (MG317).
pub(super) fn own_rules(stmt: &ast::Stmt, ctx: &Ctx<'_>) -> Vec<Found> {
    match stmt {
        ast::Stmt::Vacuum(v) if v.is_full() => {
            let tables: Vec<String> = targets(stmt, ctx);
            let what = if tables.is_empty() { "every table of the database".to_string() } else { format!("`{}`", tables.join("`, `")) };
            vec![table_rewrite("VACUUM FULL", &what)]
        }
        ast::Stmt::Cluster(c) => {
            let what = cluster_table(c).map(|t| format!("`{t}`")).unwrap_or_else(|| "every previously clustered table".into());
            vec![table_rewrite("CLUSTER", &what)]
        }
        ast::Stmt::AlterTable(a) => table_copy(a).into_iter().collect(),
        ast::Stmt::Lock(l) => {
            let Some(mode) = lock_mode(l) else { return Vec::new() };
            let tables = lock_tables(l);
            vec![Found::lock(
                codes::LOCK_TABLE,
                format!(
                    "LOCK TABLE `{}` IN {} MODE blocks {} to it until the migration's transaction ends (in the release's `all` mode: until the whole release commits)",
                    tables.join("`, `"),
                    mode.name(),
                    mode.blocks()
                ),
                "remove it (each statement takes the lock it needs), or take a weaker lock",
            )]
        }
        _ => Vec::new(),
    }
}

/// MG315: `statement` (`VACUUM FULL`, `CLUSTER`) rewrites `what`.
fn table_rewrite(statement: &str, what: &str) -> Found {
    Found {
        rule: Some("prefer-repack"),
        ..Found::lock(
            codes::TABLE_REWRITE,
            format!("{statement} rewrites {what} under an ACCESS EXCLUSIVE lock, blocking reads and writes until it finishes"),
            "run it outside the migrations at a quiet time, or use pg_repack (REPACK (CONCURRENTLY) on PostgreSQL 19+), which rewrites without blocking reads and writes",
        )
    }
}

/// MG316: the first action of `a` that copies or rewrites the whole table.
fn table_copy(a: &ast::AlterTable) -> Option<Found> {
    let what = a.actions().find_map(|act| match act {
        ast::AlterTableAction::SetTablespace(_) => Some("SET TABLESPACE copies"),
        ast::AlterTableAction::SetLogged(_) => Some("SET LOGGED rewrites"),
        ast::AlterTableAction::SetUnlogged(_) => Some("SET UNLOGGED rewrites"),
        ast::AlterTableAction::SetAccessMethod(_) => Some("SET ACCESS METHOD rewrites"),
        _ => None,
    })?;
    let table = quoted(relation(a.table_relation_name()));
    Some(Found::lock(
        codes::TABLE_COPY,
        format!("ALTER TABLE {table} {what} the whole table under an ACCESS EXCLUSIVE lock, blocking reads and writes until it finishes"),
        "do it outside the migrations at a quiet time (pg_repack can also move a table to another tablespace online)",
    ))
}
