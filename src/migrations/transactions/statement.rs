//! What one statement is with respect to transactions ([`classify`]): the table of statements
//! that are transaction control, that PostgreSQL refuses inside a transaction block, or that
//! must come first in one.

use super::StatementTx;
use crate::migrations::sql::{self, Token, TokenKind};

pub(super) fn w(c: &[&Token<'_>], i: usize, kw: &str) -> bool {
    c.get(i).is_some_and(|t| t.is_word(kw))
}

fn has(c: &[&Token<'_>], kw: &str) -> bool {
    c.iter().any(|t| t.is_word(kw))
}

/// Index of the first word at or after `i` that is outside parentheses
/// (skips option lists such as `REINDEX (VERBOSE) …`).
fn next_word(c: &[&Token<'_>], mut i: usize) -> Option<usize> {
    let mut depth = 0i32;
    while let Some(t) = c.get(i) {
        match t.text {
            "(" => depth += 1,
            ")" => depth -= 1,
            _ if depth == 0 && t.kind == TokenKind::Word => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// What the statement made of the code tokens `c` (no whitespace or
/// comments) is with respect to transactions; `None` for an ordinary statement.
pub fn classify(c: &[&Token<'_>]) -> Option<StatementTx> {
    use StatementTx::*;
    let first = c.first().filter(|t| t.kind == TokenKind::Word)?;
    let k = first.text.to_ascii_uppercase();
    let chain = || c.windows(2).any(|p| p[0].is_word("AND") && p[1].is_word("CHAIN")) && !has(c, "NO");
    match k.as_str() {
        "BEGIN" => Some(Begin("BEGIN")),
        "START" if w(c, 1, "TRANSACTION") => Some(Begin("START TRANSACTION")),
        "COMMIT" if w(c, 1, "PREPARED") => Some(NoTransactionBlock("COMMIT PREPARED")),
        "COMMIT" | "END" if chain() => Some(Control(if k == "COMMIT" { "COMMIT AND CHAIN" } else { "END AND CHAIN" })),
        "COMMIT" => Some(Commit("COMMIT")),
        "END" => Some(Commit("END")),
        "ROLLBACK" if w(c, 1, "PREPARED") => Some(NoTransactionBlock("ROLLBACK PREPARED")),
        "ROLLBACK" if w(c, 1, "TO") || w(c, 2, "TO") => Some(Control("ROLLBACK TO SAVEPOINT")),
        "ROLLBACK" => Some(Control("ROLLBACK")),
        "ABORT" => Some(Control("ABORT")),
        "SAVEPOINT" => Some(Control("SAVEPOINT")),
        "RELEASE" => Some(Control("RELEASE SAVEPOINT")),
        "PREPARE" if w(c, 1, "TRANSACTION") => Some(Control("PREPARE TRANSACTION")),
        "SET" if w(c, 1, "TRANSACTION") => Some(MustBeFirst("SET TRANSACTION")),
        "VACUUM" => Some(NoTransactionBlock("VACUUM")),
        "DISCARD" if w(c, 1, "ALL") => Some(NoTransactionBlock("DISCARD ALL")),
        // `CLUSTER` without a table reclusters the whole database.
        "CLUSTER" if c.iter().filter(|t| t.kind == TokenKind::Word).all(|t| t.is_word("CLUSTER") || t.is_word("VERBOSE")) => {
            Some(NoTransactionBlock("CLUSTER"))
        }
        "REINDEX" => reindex(c).map(NoTransactionBlock),
        "CREATE" => create(c).map(NoTransactionBlock),
        "DROP" => drop(c).map(NoTransactionBlock),
        "ALTER" => alter(c),
        "DO" if do_body_commits(c) => Some(NoTransactionBlock("COMMIT inside a DO block")),
        _ => None,
    }
}

/// The `REINDEX` forms PostgreSQL refuses in a transaction block.
fn reindex(c: &[&Token<'_>]) -> Option<&'static str> {
    let target = next_word(c, 1);
    if has(c, "CONCURRENTLY") {
        Some("REINDEX CONCURRENTLY")
    } else if target.is_some_and(|i| w(c, i, "DATABASE")) {
        Some("REINDEX DATABASE")
    } else if target.is_some_and(|i| w(c, i, "SYSTEM")) {
        Some("REINDEX SYSTEM")
    } else if target.is_some_and(|i| w(c, i, "SCHEMA")) {
        Some("REINDEX SCHEMA")
    } else {
        None
    }
}

/// The `CREATE` statements PostgreSQL refuses in a transaction block.
fn create(c: &[&Token<'_>]) -> Option<&'static str> {
    let i = if w(c, 1, "UNIQUE") { 2 } else { 1 };
    if w(c, i, "INDEX") && w(c, i + 1, "CONCURRENTLY") {
        Some("CREATE INDEX CONCURRENTLY")
    } else if w(c, 1, "DATABASE") {
        Some("CREATE DATABASE")
    } else if w(c, 1, "TABLESPACE") {
        Some("CREATE TABLESPACE")
    } else if w(c, 1, "SUBSCRIPTION") && !option_false(c, "create_slot") {
        Some("CREATE SUBSCRIPTION")
    } else {
        None
    }
}

/// The `DROP` statements PostgreSQL refuses in a transaction block.
fn drop(c: &[&Token<'_>]) -> Option<&'static str> {
    if w(c, 1, "INDEX") && w(c, 2, "CONCURRENTLY") {
        Some("DROP INDEX CONCURRENTLY")
    } else if w(c, 1, "DATABASE") {
        Some("DROP DATABASE")
    } else if w(c, 1, "TABLESPACE") {
        Some("DROP TABLESPACE")
    } else if w(c, 1, "SUBSCRIPTION") {
        Some("DROP SUBSCRIPTION")
    } else {
        None
    }
}

/// The `ALTER` statements PostgreSQL refuses in a transaction block, and `ALTER TYPE … ADD VALUE`.
fn alter(c: &[&Token<'_>]) -> Option<StatementTx> {
    let pair = |a: &str, b: &str| c.windows(2).any(|p| p[0].is_word(a) && p[1].is_word(b));
    let refused = if w(c, 1, "SYSTEM") {
        "ALTER SYSTEM"
    } else if w(c, 1, "DATABASE") && pair("SET", "TABLESPACE") {
        "ALTER DATABASE ... SET TABLESPACE"
    } else if w(c, 1, "TYPE") && pair("ADD", "VALUE") {
        return Some(StatementTx::EnumAddValue);
    } else if w(c, 1, "TABLE") && has(c, "DETACH") && has(c, "CONCURRENTLY") {
        "ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY"
    } else if w(c, 1, "SUBSCRIPTION") && (has(c, "REFRESH") || (has(c, "PUBLICATION") && !option_false(c, "refresh"))) {
        "ALTER SUBSCRIPTION ... PUBLICATION"
    } else {
        return None;
    };
    Some(StatementTx::NoTransactionBlock(refused))
}

/// Whether `WITH (… option = false …)` turns `option` off.
fn option_false(c: &[&Token<'_>], option: &str) -> bool {
    c.iter().enumerate().any(|(i, t)| {
        t.is_word(option)
            && c.get(i + 1).is_some_and(|e| e.text == "=")
            && c.get(i + 2).is_some_and(|v| {
                let v = v.text.trim_matches('\'');
                ["false", "off", "0", "no"].iter().any(|f| v.eq_ignore_ascii_case(f))
            })
    })
}

/// Whether a `DO` block's dollar-quoted PL/pgSQL body contains a `COMMIT` or
/// `ROLLBACK` statement (allowed only outside a transaction block).
pub(super) fn do_body_commits(c: &[&Token<'_>]) -> bool {
    // The body's code tokens one at a time, with the one before and the one after (a seed-data
    // DO block can be tens of MB).
    c.iter().filter(|t| t.kind == TokenKind::DollarString).any(|t| {
        let mut code = sql::Tokens::new(dollar_body(t.text), 1).filter(Token::is_code);
        let (mut before, mut current): (Option<Token<'_>>, Option<Token<'_>>) = (None, code.next());
        while let Some(t) = current {
            let after = code.next();
            if (t.is_word("COMMIT") || t.is_word("ROLLBACK"))
                && after.is_none_or(|n| n.text == ";" || n.is_word("AND"))
                && before.is_none_or(|b| b.text == ";" || ["BEGIN", "THEN", "ELSE", "LOOP"].iter().any(|k| b.is_word(k)))
            {
                return true;
            }
            (before, current) = (Some(t), after);
        }
        false
    })
}

/// The text between the opening and closing tags of a `$tag$…$tag$` token.
pub(super) fn dollar_body(text: &str) -> &str {
    let Some(open_end) = text[1..].find('$').map(|p| p + 2) else {
        return "";
    };
    let tag = &text[..open_end];
    let rest = &text[open_end..];
    rest.strip_suffix(tag).unwrap_or(rest)
}
