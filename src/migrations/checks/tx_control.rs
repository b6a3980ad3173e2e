//! Transactions: statements PostgreSQL refuses inside the tool's transaction
//! (MG201), explicit transaction control that breaks the file's atomicity
//! (MG202), and `ALTER TYPE … ADD VALUE` inside a transaction (MG203).
//! What each statement is comes from [`crate::migrations::transactions`].

use super::{Block, Check, CheckedMigration, Findings, codes};
use crate::migrations::transactions::{self as tx, StatementTx};
use crate::tool_kind::ToolKind;

pub(super) struct Transactions;

impl Check for Transactions {
    fn migration(&mut self, _unit: &CheckedMigration<'_>, blocks: &[Block<'_>], out: &mut Findings<'_>) {
        for b in blocks.iter().filter(|b| !b.is_empty()) {
            block(b, out);
        }
    }
}

fn block(b: &Block<'_>, out: &mut Findings<'_>) {
    let kinds: Vec<Option<StatementTx>> = b.stmts.iter().map(|s| tx::classify(&s.code().collect::<Vec<_>>())).collect();
    // One BEGIN and one final COMMIT around the statements: as atomic as the
    // tool's own implicit transaction (golang-migrate's documentation suggests
    // it). Not inside dbmate's own transaction, which that COMMIT ends before
    // dbmate records the version.
    let wrapper = tx::atomic_wrapper(&kinds);
    let dbmate_tx = b.tool == ToolKind::Dbmate && b.transaction;
    let tx_reason = tx_reason(b);
    for (s, kind) in b.stmts.iter().zip(&kinds) {
        let Some(kind) = kind else { continue };
        let line = Some(s.line);
        match kind {
            StatementTx::NoTransactionBlock(what) => {
                if let Some(reason) = &tx_reason {
                    let rule = (*what == "CREATE INDEX CONCURRENTLY").then_some("ban-concurrent-index-creation-in-transaction");
                    out.warn_rule(
                        b.file,
                        codes::NON_TRANSACTIONAL,
                        rule,
                        line,
                        format!("{what} cannot run inside a transaction block, and {reason}; the migration will fail"),
                        own_file(b.tool),
                    );
                }
            }
            StatementTx::EnumAddValue => {
                if let Some(reason) = &tx_reason {
                    out.warn(
                        b.file,
                        codes::ENUM_ADD_VALUE,
                        line,
                        format!(
                            "ALTER TYPE … ADD VALUE inside a transaction ({reason}) fails before PostgreSQL 12, and on 12+ the new value cannot be used until the transaction commits"
                        ),
                        own_file(b.tool),
                    );
                }
            }
            // A whole-block wrapper is fine, but not inside dbmate's own transaction.
            k if k.is_control() && (!wrapper || dbmate_tx) => control(b, *k, line, wrapper, out),
            _ => {}
        }
    }
}

/// "file" or "section": what the tool sends in one call.
fn what_block(tool: ToolKind) -> &'static str {
    if tool == ToolKind::Dbmate { "section" } else { "file" }
}

/// Why the block runs inside a transaction block, if it does.
fn tx_reason(b: &Block<'_>) -> Option<String> {
    match (b.tool, b.transaction, b.stmts.len() > 1) {
        (ToolKind::Dbmate, true, _) => {
            Some("dbmate runs this section inside a transaction (no `transaction:false` on its directive)".into())
        }
        (_, _, true) => Some(format!(
            "{} sends the whole {} in one call, which PostgreSQL runs as one implicit transaction when it holds several statements",
            b.tool,
            what_block(b.tool)
        )),
        _ => None,
    }
}

/// The fix for a statement that cannot run in the tool's transaction.
fn own_file(tool: ToolKind) -> &'static str {
    match tool {
        ToolKind::GolangMigrate => "put this statement alone in its own migration file",
        ToolKind::Dbmate => {
            "put this statement alone in its own migration file whose directive is `-- migrate:up transaction:false` (or `-- migrate:down transaction:false`)"
        }
    }
}

/// MG202: transaction control `k` inside dbmate's own transaction (around the whole block:
/// `wrapper`), or that breaks the block's atomicity.
fn control(b: &Block<'_>, k: StatementTx, line: Option<usize>, wrapper: bool, out: &mut Findings<'_>) {
    let (message, fix) = if wrapper {
        (
            format!(
                "explicit `{}` inside dbmate's own transaction: the COMMIT ends dbmate's transaction before it records the version, so the migration and its record are no longer one unit",
                k.label()
            ),
            "remove the BEGIN/COMMIT lines (dbmate already runs the section in a transaction), or add `transaction:false` to the `-- migrate:up` directive",
        )
    } else {
        (
            format!(
                "explicit `{}` breaks the per-{} transaction: statements before it are committed even if a later one fails, leaving a half-applied migration",
                k.label(),
                what_block(b.tool)
            ),
            "remove the transaction statements (the tool already runs the file atomically), or split the work into separate migration files",
        )
    };
    out.warn_rule(b.file, codes::TRANSACTION_CONTROL, Some("transaction-nesting"), line, message, fix);
}
