//! The next release as one unit: in the release's `all` mode every lock a migration takes is
//! held until the final commit, so a lock taken before the last migration blocks the
//! application while the later ones run (MG320), and a `VALIDATE CONSTRAINT` scans under the
//! lock of an earlier migration's `ADD CONSTRAINT … NOT VALID` (MG312 across files).

use std::collections::{HashMap, HashSet};

use squawk_syntax::ast::{self, AstNode, NameLike};

use super::syntax::{cluster_table, lock_mode, lock_tables, path, referenced, relation, targets};
use super::{Ctx, Mode};
use crate::migrations::checks::{Findings, SqlFile, codes};

/// A lock on an existing table that a release migration takes and keeps to
/// the end of its transaction.
#[derive(Debug, Clone)]
struct Held {
    table: String,
    mode: Mode,
    line: usize,
    /// The statement, as the user would search for it (`ALTER TABLE`, …).
    what: &'static str,
}

/// One migration of the next release (new since the previous build), as
/// MG320 and the cross-file MG312 need it after its files are gone.
pub(super) struct ReleaseUnit {
    pub(super) version: String,
    /// Its up file.
    file: String,
    allowed: HashSet<String>,
    /// Locks on existing tables, in statement order.
    held: Vec<Held>,
    /// Constraints added `NOT VALID` to existing tables: name → table.
    not_valid: HashMap<String, String>,
    /// `VALIDATE CONSTRAINT` on existing tables: (constraint, table, line).
    validates: Vec<(String, String, usize)>,
}

impl ReleaseUnit {
    /// Migration `version`, whose up file is `up`.
    pub(super) fn new(version: &str, up: &SqlFile) -> Self {
        ReleaseUnit {
            version: version.to_string(),
            file: up.name.clone(),
            allowed: up.allowed.clone(),
            held: Vec::new(),
            not_valid: HashMap::new(),
            validates: Vec::new(),
        }
    }

    /// A lock on `table` taken at `line` (nothing when the table is new).
    fn hold(&mut self, ctx: &Ctx<'_>, table: Option<String>, mode: Mode, line: usize, what: &'static str) {
        if let Some(table) = table.filter(|t| !ctx.is_new(t)) {
            self.held.push(Held { table, mode, line, what });
        }
    }
}

/// MG320: a lock taken before the last migration of an `all` release is held
/// while the later ones run.
pub(super) fn held_across_files(release: &[ReleaseUnit], out: &mut Findings<'_>) {
    for (i, r) in release.iter().enumerate() {
        let later = &release[i + 1..];
        let Some(first) = r.held.first() else { continue };
        let Some(next) = later.first() else { continue };
        let mut tables: Vec<(&str, Mode)> = Vec::new();
        for h in &r.held {
            match tables.iter_mut().find(|(t, _)| *t == h.table) {
                Some((_, m)) => *m = (*m).max(h.mode),
                None => tables.push((&h.table, h.mode)),
            }
        }
        let listed: Vec<String> = tables.iter().take(3).map(|(t, m)| format!("{} on `{t}`", m.name())).collect();
        let more = if tables.len() > 3 { format!(" and {} more", tables.len() - 3) } else { String::new() };
        let strongest = tables.iter().map(|(_, m)| *m).max().unwrap_or(first.mode);
        let others = if later.len() > 1 { format!(" and {} more", later.len() - 1) } else { String::new() };
        out.warn_in(
            &r.file,
            &r.allowed,
            codes::LOCK_HELD_ACROSS_FILES,
            None,
            Some(first.line),
            format!(
                "{} takes {}{more}; the next release runs its {} new migrations in one transaction (`all` mode: \
                 MIGRATIONS_TX_MODE=auto picks it because each can run in a transaction), so {} on `{}` stay blocked \
                 until it commits, also while the later `{}`{others} run",
                first.what,
                listed.join(", "),
                release.len(),
                strongest.blocks(),
                tables[0].0,
                next.file,
            ),
            "deploy the later migrations in a separate release, or make this the last migration of the release (its lock \
             is then held only briefly); MIGRATIONS_TX_MODE=file commits each migration on its own",
        );
    }
}

/// MG312 across files: `VALIDATE CONSTRAINT` in the same `all` transaction as
/// the `ADD CONSTRAINT … NOT VALID` of an earlier migration.
pub(super) fn validate_after_not_valid(release: &[ReleaseUnit], out: &mut Findings<'_>) {
    for (j, r) in release.iter().enumerate() {
        for (name, table, line) in &r.validates {
            let Some(earlier) = release[..j].iter().rev().find(|e| e.not_valid.get(name) == Some(table)) else { continue };
            out.warn_in(
                &r.file,
                &r.allowed,
                codes::CONSTRAINT_SCAN,
                Some("constraint-missing-not-valid"),
                Some(*line),
                format!(
                    "VALIDATE CONSTRAINT `{name}` runs in the same transaction as `{}`, which added it NOT VALID (the \
                     next release applies both in one `all` transaction): the validation scans `{table}` while the lock \
                     ADD CONSTRAINT took is still held",
                    earlier.file
                ),
                "deploy the VALIDATE CONSTRAINT in a later release than the NOT VALID constraint (or set MIGRATIONS_TX_MODE=file)",
            );
        }
    }
}

/// Locks on existing tables, and `NOT VALID` / `VALIDATE` constraints, that a
/// release migration's statement takes or adds.
pub(super) fn record(stmt: &ast::Stmt, ctx: &Ctx<'_>, line: usize, r: &mut ReleaseUnit) {
    let mut held = |table: Option<String>, mode: Mode, what: &'static str| r.hold(ctx, table, mode, line, what);
    match stmt {
        ast::Stmt::AlterTable(a) => {
            if let Some(m) = a.actions().filter_map(|act| alter_table_mode(&act)).max() {
                held(relation(a.table_relation_name()), m, "ALTER TABLE");
                for t in referenced(a.syntax()) {
                    held(Some(t), Mode::ShareRowExclusive, "ALTER TABLE");
                }
            }
            record_constraints(a, ctx, line, r);
        }
        ast::Stmt::CreateIndex(c) if c.concurrently_token().is_none() => {
            held(relation(c.table_relation_name()), Mode::Share, "CREATE INDEX")
        }
        ast::Stmt::CreateTable(c) => {
            for t in referenced(c.syntax()) {
                held(Some(t), Mode::ShareRowExclusive, "CREATE TABLE … REFERENCES");
            }
        }
        ast::Stmt::DropIndex(d) if d.concurrently_token().is_none() => {
            for t in targets(stmt, ctx) {
                held(Some(t), Mode::AccessExclusive, "DROP INDEX");
            }
        }
        ast::Stmt::Reindex(_) => {
            for t in targets(stmt, ctx) {
                held(Some(t), Mode::Share, "REINDEX");
            }
        }
        ast::Stmt::Cluster(c) => held(cluster_table(c), Mode::AccessExclusive, "CLUSTER"),
        ast::Stmt::Lock(l) => {
            if let Some(m) = lock_mode(l) {
                for t in lock_tables(l) {
                    held(Some(t), m, "LOCK TABLE");
                }
            }
        }
        _ => {}
    }
}

/// The table lock an `ALTER TABLE` action takes, when it blocks the application.
fn alter_table_mode(act: &ast::AlterTableAction) -> Option<Mode> {
    match act {
        // SHARE UPDATE EXCLUSIVE: reads and writes go on.
        ast::AlterTableAction::ValidateConstraint(_)
        | ast::AlterTableAction::AttachPartition(_)
        | ast::AlterTableAction::ClusterOn(_)
        | ast::AlterTableAction::SetWithoutCluster(_) => None,
        ast::AlterTableAction::DetachPartition(d) if d.detach_partition_option().is_some() => None,
        ast::AlterTableAction::AddConstraint(add) if matches!(add.constraint(), Some(ast::Constraint::ForeignKeyConstraint(_))) => {
            Some(Mode::ShareRowExclusive)
        }
        ast::AlterTableAction::EnableTrigger(_)
        | ast::AlterTableAction::DisableTrigger(_)
        | ast::AlterTableAction::EnableAlwaysTrigger(_)
        | ast::AlterTableAction::EnableReplicaTrigger(_) => Some(Mode::ShareRowExclusive),
        _ => Some(Mode::AccessExclusive),
    }
}

/// The constraints `a` adds `NOT VALID` to an existing table, and those it validates.
fn record_constraints(a: &ast::AlterTable, ctx: &Ctx<'_>, line: usize, r: &mut ReleaseUnit) {
    let Some(table) = relation(a.table_relation_name()).filter(|t| !ctx.is_new(t)) else { return };
    for act in a.actions() {
        match act {
            ast::AlterTableAction::AddConstraint(add) => {
                if let Some(c) = add.constraint()
                    && c.is_not_valid()
                    && let Some(name) = c.constraint_name()
                {
                    r.not_valid.insert(name.text(), table.clone());
                }
            }
            ast::AlterTableAction::ValidateConstraint(val) => {
                if let Some(name) = path(val.constraint_name_ref().and_then(|n| n.path_ref())) {
                    r.validates.push((name, table.clone(), line));
                }
            }
            _ => {}
        }
    }
}
