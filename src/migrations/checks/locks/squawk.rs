//! squawk's rules: which run for each `BP_MIGRATIONS_LINT` setting, and what each violation
//! says as this project's finding (the code, the message naming the table and the lock, and the
//! fix as each tool needs it).

use squawk_linter::{Rule, Violation};
use squawk_syntax::ast::{self, AstNode};

use super::syntax::{path, quoted, referenced, relation, table_ref};
use super::{Ctx, Found};
use crate::migrations::checks::{Lint, codes};
use crate::tool_kind::ToolKind;

/// squawk's rules that are never reported, whatever the setting: the runner
/// sets `lock_timeout` itself and retries busy locks (`all` mode), and a failed
/// release is rolled back, so every statement would get them for nothing.
const NEVER: [Rule; 3] = [Rule::RequireLockTimeout, Rule::RequireStatementTimeout, Rule::PreferRobustStmts];

/// squawk's rules about locks, rewrites and blocking that this module reports
/// (the others of that kind are MG305, MG306 and MG308, reported by
/// [`crate::migrations::checks::destructive`] under their existing codes).
const LOCK_RULES: [Rule; 9] = [
    Rule::AddingForeignKeyConstraint,
    Rule::ConstraintMissingNotValid,
    Rule::DisallowedUniqueConstraint,
    Rule::AddingSerialPrimaryKeyField,
    Rule::AddingFieldWithDefault,
    Rule::RequireConcurrentIndexDeletion,
    Rule::RequireConcurrentReindex,
    Rule::RequireConcurrentPartitionDetach,
    Rule::BanAlterDomainWithAddConstraint,
];

/// squawk's style rules, reported only with `BP_MIGRATIONS_LINT=all`.
const STYLE_RULES: [Rule; 6] = [
    Rule::PreferTextField,
    Rule::PreferBigintOverInt,
    Rule::PreferBigintOverSmallint,
    Rule::PreferIdentity,
    Rule::PreferTimestampTz,
    Rule::BanCharField,
];

/// The squawk rules run for `lint`.
pub(crate) fn rules(lint: Lint) -> Vec<Rule> {
    let style: &[Rule] = if lint == Lint::All { &STYLE_RULES } else { &[] };
    match lint {
        Lint::Off => Vec::new(),
        Lint::Locks | Lint::All => LOCK_RULES.iter().chain(style).copied().filter(|r| !NEVER.contains(r)).collect(),
    }
}

/// squawk's name of the rules this module maps (`None` for those it never reports).
fn rule_name(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::AddingForeignKeyConstraint => "adding-foreign-key-constraint",
        Rule::ConstraintMissingNotValid => "constraint-missing-not-valid",
        Rule::DisallowedUniqueConstraint => "disallowed-unique-constraint",
        Rule::AddingSerialPrimaryKeyField => "adding-serial-primary-key-field",
        Rule::AddingFieldWithDefault => "adding-field-with-default",
        Rule::RequireConcurrentIndexDeletion => "require-concurrent-index-deletion",
        Rule::RequireConcurrentReindex => "require-concurrent-reindex",
        Rule::RequireConcurrentPartitionDetach => "require-concurrent-partition-detach",
        Rule::BanAlterDomainWithAddConstraint => "ban-alter-domain-with-add-constraint",
        Rule::PreferTextField => "prefer-text-field",
        Rule::PreferBigintOverInt => "prefer-bigint-over-int",
        Rule::PreferBigintOverSmallint => "prefer-bigint-over-smallint",
        Rule::PreferIdentity => "prefer-identity",
        Rule::PreferTimestampTz => "prefer-timestamptz",
        Rule::BanCharField => "ban-char-field",
        _ => return None,
    })
}

/// A squawk violation as this project's finding.
pub(super) fn from_squawk(v: &Violation, stmt: &ast::Stmt, ctx: &Ctx<'_>, tool: ToolKind) -> Option<Found> {
    let rule = rule_name(v.code)?;
    let alter = match stmt {
        ast::Stmt::AlterTable(a) => Some(a),
        _ => None,
    };
    let table = quoted(alter.and_then(|a| relation(a.table_relation_name())));
    // The ALTER TABLE action the violation points at.
    let action = || alter.and_then(|a| action_at(a, u32::from(v.text_range.start()) as usize));
    let found = match v.code {
        Rule::AddingForeignKeyConstraint => foreign_key(stmt, action(), &table),
        Rule::ConstraintMissingNotValid => missing_not_valid(action()?, &table)?,
        Rule::DisallowedUniqueConstraint => constraint_index("UNIQUE", &table, tool),
        Rule::AddingSerialPrimaryKeyField => constraint_index("PRIMARY KEY", &table, tool),
        Rule::AddingFieldWithDefault => field_with_default(action(), &table),
        Rule::RequireConcurrentIndexDeletion => drop_index(stmt, ctx, tool)?,
        Rule::RequireConcurrentReindex => reindex(stmt, tool)?,
        Rule::RequireConcurrentPartitionDetach => Found::lock(
            codes::BLOCKING_DETACH,
            format!(
                "DETACH PARTITION without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the partitioned table {table}, blocking reads and writes"
            ),
            format!("use DETACH PARTITION … CONCURRENTLY (PostgreSQL 14+), {}", alone(tool)),
        ),
        Rule::BanAlterDomainWithAddConstraint => alter_domain(stmt)?,
        _ => return style(v, rule),
    };
    Some(Found { rule: Some(rule), ..found })
}

/// "alone in its own migration file", as each tool needs it for statements
/// that cannot run in a transaction block.
fn alone(tool: ToolKind) -> &'static str {
    match tool {
        ToolKind::GolangMigrate => "alone in its own migration file",
        ToolKind::Dbmate => "alone in its own migration file with `-- migrate:up transaction:false`",
    }
}

/// The action of `alter` that covers `pos`.
fn action_at(alter: &ast::AlterTable, pos: usize) -> Option<ast::AlterTableAction> {
    alter.actions().find(|a| {
        let r = a.syntax().text_range();
        (u32::from(r.start()) as usize..=u32::from(r.end()) as usize).contains(&pos)
    })
}

/// MG311: `adding-foreign-key-constraint`.
fn foreign_key(stmt: &ast::Stmt, action: Option<ast::AlterTableAction>, table: &str) -> Found {
    let target = quoted(referenced(stmt.syntax()).first().cloned());
    let inline = matches!(action, Some(ast::AlterTableAction::AddColumn(_)));
    Found::lock(
        codes::FOREIGN_KEY_SCAN,
        format!(
            "adding a foreign key to {table} checks every row while holding SHARE ROW EXCLUSIVE locks on {table} and \
             {target}, blocking writes to both until the scan ends"
        ),
        if inline {
            "add the column without REFERENCES, then `ADD CONSTRAINT … FOREIGN KEY … NOT VALID`, and VALIDATE CONSTRAINT in a later migration"
        } else {
            "add it with NOT VALID (`ADD CONSTRAINT … FOREIGN KEY … NOT VALID`), then VALIDATE CONSTRAINT in a later migration"
        },
    )
}

/// MG312 and MG313: `constraint-missing-not-valid`, for a VALIDATE in the file of its NOT VALID,
/// or a constraint added without NOT VALID (`None` for those MG311 and MG313 report).
fn missing_not_valid(action: ast::AlterTableAction, table: &str) -> Option<Found> {
    match action {
        ast::AlterTableAction::ValidateConstraint(val) => {
            let name = quoted(path(val.constraint_name_ref()?.path_ref()));
            Some(Found::lock(
                codes::CONSTRAINT_SCAN,
                format!(
                    "VALIDATE CONSTRAINT {name} runs in the same transaction as the ADD CONSTRAINT … NOT VALID before it \
                     (the tool runs the whole file as one transaction), so it scans {table} while that statement's lock is still held"
                ),
                "move the VALIDATE CONSTRAINT to a later migration file",
            ))
        }
        ast::AlterTableAction::AddConstraint(add) => match add.constraint()? {
            // MG311 and MG313 report these (NOT VALID is not even possible for UNIQUE and PRIMARY KEY).
            ast::Constraint::ForeignKeyConstraint(_)
            | ast::Constraint::ReferencesConstraint(_)
            | ast::Constraint::UniqueConstraint(_)
            | ast::Constraint::PrimaryKeyConstraint(_) => None,
            ast::Constraint::ExcludeConstraint(_) => Some(Found::lock(
                codes::CONSTRAINT_INDEX,
                format!(
                    "adding an EXCLUDE constraint to {table} builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes until it is built"
                ),
                "there is no non-blocking way to add an EXCLUDE constraint: add it at a quiet time, or when the table is created",
            )),
            c => Some(Found::lock(
                codes::CONSTRAINT_SCAN,
                format!(
                    "adding a {} constraint to {table} scans every row under an ACCESS EXCLUSIVE lock, blocking reads and writes until the scan ends",
                    if matches!(c, ast::Constraint::NotNullConstraint(_)) { "NOT NULL" } else { "CHECK" }
                ),
                "add it with NOT VALID, then VALIDATE CONSTRAINT in a later migration (that scan does not block reads or writes)",
            )),
        },
        _ => None,
    }
}

/// MG313: `disallowed-unique-constraint` and `adding-serial-primary-key-field` (`what`: `UNIQUE`
/// or `PRIMARY KEY`).
fn constraint_index(what: &str, table: &str, tool: ToolKind) -> Found {
    Found::lock(
        codes::CONSTRAINT_INDEX,
        format!(
            "adding a {what} constraint to {table} builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes until it is built"
        ),
        format!(
            "create the index with `CREATE UNIQUE INDEX CONCURRENTLY` ({}), then `ADD CONSTRAINT … {what} USING INDEX` in a later migration",
            alone(tool)
        ),
    )
}

/// MG314: `adding-field-with-default` (a volatile default or a generated column).
fn field_with_default(action: Option<ast::AlterTableAction>, table: &str) -> Found {
    let add = match action {
        Some(ast::AlterTableAction::AddColumn(c)) => Some(c),
        _ => None,
    };
    let generated = add.as_ref().is_some_and(|c| c.constraints().any(|k| matches!(k, ast::Constraint::GeneratedConstraint(_))));
    let column = add.and_then(|c| c.column_name()).map(|n| n.text());
    let col = column.map(|c| format!(" `{c}`")).unwrap_or_default();
    Found::lock(
        codes::COLUMN_REWRITE,
        format!(
            "adding column{col} to {table} {} rewrites the whole table under an ACCESS EXCLUSIVE lock, blocking reads and writes until it finishes",
            if generated { "as a generated column (STORED or identity)" } else { "with a volatile DEFAULT" }
        ),
        if generated {
            "add a plain nullable column, backfill it in batches and keep it current with a trigger (or add the column when the table is created)"
        } else {
            "add the column without the default (nullable), backfill it in batches, then SET DEFAULT for new rows"
        },
    )
}

/// MG309: `require-concurrent-index-deletion`.
fn drop_index(stmt: &ast::Stmt, ctx: &Ctx<'_>, tool: ToolKind) -> Option<Found> {
    let ast::Stmt::DropIndex(d) = stmt else { return None };
    let names: Vec<String> = d.index_refs().filter_map(|r| path(r.path_ref())).collect();
    let on = names.iter().find_map(|n| ctx.index_table(n)).map(|t| format!("`{t}`")).unwrap_or_else(|| "its table".into());
    Some(Found::lock(
        codes::BLOCKING_DROP_INDEX,
        format!(
            "DROP INDEX `{}` without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on {on}, blocking reads and writes until it is dropped",
            names.join("`, `")
        ),
        format!("use DROP INDEX CONCURRENTLY, {}", alone(tool)),
    ))
}

/// MG310: `require-concurrent-reindex`.
fn reindex(stmt: &ast::Stmt, tool: ToolKind) -> Option<Found> {
    let ast::Stmt::Reindex(r) = stmt else { return None };
    let what = match r.reindex_target() {
        Some(ast::ReindexTarget::ReindexTargetTable(t)) => format!("table {}", quoted(table_ref(t.table_name_ref()))),
        Some(ast::ReindexTarget::ReindexTargetIndex(i)) => format!("index {}", quoted(path(i.index_ref().and_then(|i| i.path_ref())))),
        _ => "every index of a schema or database".into(),
    };
    Some(Found::lock(
        codes::BLOCKING_REINDEX,
        format!("REINDEX of {what} without CONCURRENTLY blocks writes to the table, and reads that use the index, until it is rebuilt"),
        format!("use REINDEX … CONCURRENTLY (PostgreSQL 12+), {}", alone(tool)),
    ))
}

/// MG319: `ban-alter-domain-with-add-constraint` (not for a constraint added NOT VALID).
fn alter_domain(stmt: &ast::Stmt) -> Option<Found> {
    let ast::Stmt::AlterDomain(d) = stmt else { return None };
    if let Some(ast::AlterDomainAction::AddConstraint(add)) = d.action()
        && add.constraint().is_some_and(|c| c.is_not_valid())
    {
        return None;
    }
    let domain = quoted(path(d.domain_ref().and_then(|r| r.path_ref())));
    Some(Found::lock(
        codes::DOMAIN_CONSTRAINT,
        format!("ALTER DOMAIN {domain} ADD CONSTRAINT checks every column of that domain, in every table, while holding locks on them"),
        "add the constraint NOT VALID, then VALIDATE CONSTRAINT in a later migration (or put CHECK constraints on the tables instead)",
    ))
}

/// MG501–MG505: squawk's style rules, with its own message and help.
fn style(v: &Violation, rule: &'static str) -> Option<Found> {
    let code = match v.code {
        Rule::PreferTextField => codes::STYLE_TEXT,
        Rule::PreferBigintOverInt | Rule::PreferBigintOverSmallint => codes::STYLE_BIGINT,
        Rule::PreferIdentity => codes::STYLE_IDENTITY,
        Rule::PreferTimestampTz => codes::STYLE_TIMESTAMPTZ,
        Rule::BanCharField => codes::STYLE_CHAR,
        _ => return None,
    };
    let fix = v.help.clone().unwrap_or_else(|| "follow the rule, or silence it".into());
    Some(Found { code, rule: Some(rule), message: v.message.clone(), fix: fix.trim_end_matches('.').to_string(), lock: false })
}
