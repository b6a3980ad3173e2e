//! How one migration's up SQL relates to a transaction.
//!
//! Every decision is made on the tokens of [`super::sql`]: a keyword inside a
//! comment, a string, a dollar-quoted body (`DO $$ BEGIN … END $$`, a
//! `CREATE FUNCTION` body) or a `BEGIN ATOMIC … END` routine body is never
//! taken for transaction control.
//!
//! [`classify`] says what one statement is; [`shape`] says whether a whole
//! piece of SQL (a golang-migrate up file, a dbmate up section) can run inside
//! a larger transaction together with other migrations.

use std::ops::Range;

use super::sql::{self, Token, TokenKind};

/// How a migration's SQL relates to a transaction (see [`shape`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TxShape {
    /// No transaction control: runs in the tool's one implicit transaction; groupable.
    Plain,
    /// The whole content is one explicit BEGIN/START TRANSACTION ... COMMIT/END: groupable by
    /// running only `inner` (byte range into the analysed text: the statements between them).
    Wrapped {
        /// The statements between the wrapper's BEGIN and COMMIT, with their semicolons.
        inner: Range<usize>,
    },
    /// Cannot run inside a larger transaction: the first offending statement.
    NotGroupable(NotGroupable),
}

/// Why a migration cannot run inside a larger transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotGroupable {
    /// What was found, as the user would search for it, e.g. "CREATE INDEX CONCURRENTLY",
    /// "VACUUM", "ALTER SYSTEM", "CREATE DATABASE", "ALTER TYPE ... ADD VALUE", "COMMIT".
    pub statement: String,
    /// Why it cannot be grouped, one short clause, e.g. "cannot run inside a transaction block",
    /// "a later migration in the same transaction could not use the new value",
    /// "transaction control inside the file".
    pub why: String,
    /// 1-based line in the file.
    pub line: usize,
}

/// What one statement is with respect to transactions (see [`classify`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatementTx {
    /// Opens a transaction block: `BEGIN [WORK|TRANSACTION] [modes]`, `START TRANSACTION`.
    Begin(&'static str),
    /// Ends one keeping its work: `COMMIT [WORK|TRANSACTION]`, `END [WORK|TRANSACTION]`.
    Commit(&'static str),
    /// Any other transaction control: `ROLLBACK`, `ABORT`, `SAVEPOINT`, `RELEASE`,
    /// `ROLLBACK TO`, `COMMIT AND CHAIN`, `PREPARE TRANSACTION`.
    Control(&'static str),
    /// A statement PostgreSQL refuses inside a transaction block.
    NoTransactionBlock(&'static str),
    /// `ALTER TYPE … ADD VALUE`: allowed in a transaction (PostgreSQL 12+), but the
    /// new value cannot be used before that transaction commits.
    EnumAddValue,
    /// Must be the first statement of its transaction (`SET TRANSACTION`).
    MustBeFirst(&'static str),
}

impl StatementTx {
    /// The statement as the user would search for it, e.g. `CREATE INDEX CONCURRENTLY`.
    pub fn label(&self) -> &'static str {
        match self {
            StatementTx::Begin(s)
            | StatementTx::Commit(s)
            | StatementTx::Control(s)
            | StatementTx::NoTransactionBlock(s)
            | StatementTx::MustBeFirst(s) => s,
            StatementTx::EnumAddValue => "ALTER TYPE ... ADD VALUE",
        }
    }

    /// Why a statement of this kind cannot run inside a larger transaction.
    pub fn why(&self) -> &'static str {
        match self {
            StatementTx::Begin(_) | StatementTx::Commit(_) | StatementTx::Control(_) => "transaction control inside the file",
            StatementTx::NoTransactionBlock(_) => "cannot run inside a transaction block",
            StatementTx::EnumAddValue => "a later migration in the same transaction could not use the new value",
            StatementTx::MustBeFirst(_) => "must be the first statement of its transaction",
        }
    }

    /// Whether this is transaction control (BEGIN, COMMIT, ROLLBACK, SAVEPOINT, …).
    pub fn is_control(&self) -> bool {
        matches!(self, StatementTx::Begin(_) | StatementTx::Commit(_) | StatementTx::Control(_))
    }

    fn not_groupable(&self, line: usize) -> NotGroupable {
        NotGroupable { statement: self.label().to_string(), why: self.why().to_string(), line }
    }
}

/// How `sql` relates to a transaction.
///
/// `first_line`: the line number of the first byte of `sql` in its file (dbmate sections).
pub fn shape(sql: &str, first_line: usize) -> TxShape {
    let stmts: Vec<sql::Statement<'_>> = sql::split_from(sql, first_line).into_iter().filter(|s| !s.is_blank()).collect();
    let kinds: Vec<Option<StatementTx>> = stmts.iter().map(|s| classify(&s.code().collect::<Vec<_>>())).collect();
    let wrapped = stmts.len() >= 2
        && matches!(kinds.first(), Some(Some(StatementTx::Begin(_))))
        && matches!(kinds.last(), Some(Some(StatementTx::Commit(_))));
    let body = if wrapped { 1..stmts.len() - 1 } else { 0..stmts.len() };
    if let Some((i, k)) = body.clone().find_map(|i| kinds[i].map(|k| (i, k))) {
        return TxShape::NotGroupable(k.not_groupable(stmts[i].line));
    }
    if wrapped {
        let begin = &stmts[0];
        let commit = &stmts[stmts.len() - 1];
        // `begin.text` stops just before its `;`; `commit.offset` is just after the `;` before it.
        TxShape::Wrapped { inner: begin.offset + begin.text.len() + 1..commit.offset }
    } else {
        TxShape::Plain
    }
}

fn w(c: &[&Token<'_>], i: usize, kw: &str) -> bool {
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
        "REINDEX" => {
            let target = next_word(c, 1);
            if has(c, "CONCURRENTLY") {
                Some(NoTransactionBlock("REINDEX CONCURRENTLY"))
            } else if target.is_some_and(|i| w(c, i, "DATABASE")) {
                Some(NoTransactionBlock("REINDEX DATABASE"))
            } else if target.is_some_and(|i| w(c, i, "SYSTEM")) {
                Some(NoTransactionBlock("REINDEX SYSTEM"))
            } else if target.is_some_and(|i| w(c, i, "SCHEMA")) {
                Some(NoTransactionBlock("REINDEX SCHEMA"))
            } else {
                None
            }
        }
        "CREATE" => {
            let i = if w(c, 1, "UNIQUE") { 2 } else { 1 };
            if w(c, i, "INDEX") && w(c, i + 1, "CONCURRENTLY") {
                Some(NoTransactionBlock("CREATE INDEX CONCURRENTLY"))
            } else if w(c, 1, "DATABASE") {
                Some(NoTransactionBlock("CREATE DATABASE"))
            } else if w(c, 1, "TABLESPACE") {
                Some(NoTransactionBlock("CREATE TABLESPACE"))
            } else if w(c, 1, "SUBSCRIPTION") && !option_false(c, "create_slot") {
                Some(NoTransactionBlock("CREATE SUBSCRIPTION"))
            } else {
                None
            }
        }
        "DROP" => {
            if w(c, 1, "INDEX") && w(c, 2, "CONCURRENTLY") {
                Some(NoTransactionBlock("DROP INDEX CONCURRENTLY"))
            } else if w(c, 1, "DATABASE") {
                Some(NoTransactionBlock("DROP DATABASE"))
            } else if w(c, 1, "TABLESPACE") {
                Some(NoTransactionBlock("DROP TABLESPACE"))
            } else if w(c, 1, "SUBSCRIPTION") {
                Some(NoTransactionBlock("DROP SUBSCRIPTION"))
            } else {
                None
            }
        }
        "ALTER" => {
            if w(c, 1, "SYSTEM") {
                Some(NoTransactionBlock("ALTER SYSTEM"))
            } else if w(c, 1, "DATABASE") && c.windows(2).any(|p| p[0].is_word("SET") && p[1].is_word("TABLESPACE")) {
                Some(NoTransactionBlock("ALTER DATABASE ... SET TABLESPACE"))
            } else if w(c, 1, "TYPE") && c.windows(2).any(|p| p[0].is_word("ADD") && p[1].is_word("VALUE")) {
                Some(EnumAddValue)
            } else if w(c, 1, "TABLE") && has(c, "DETACH") && has(c, "CONCURRENTLY") {
                Some(NoTransactionBlock("ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY"))
            } else if w(c, 1, "SUBSCRIPTION") && (has(c, "REFRESH") || (has(c, "PUBLICATION") && !option_false(c, "refresh"))) {
                Some(NoTransactionBlock("ALTER SUBSCRIPTION ... PUBLICATION"))
            } else {
                None
            }
        }
        "DO" if do_body_commits(c) => Some(NoTransactionBlock("COMMIT inside a DO block")),
        _ => None,
    }
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
fn do_body_commits(c: &[&Token<'_>]) -> bool {
    c.iter().filter(|t| t.kind == TokenKind::DollarString).any(|t| {
        let body = dollar_body(t.text);
        let toks: Vec<Token<'_>> = sql::tokenize(body).into_iter().filter(Token::is_code).collect();
        toks.iter().enumerate().any(|(i, t)| {
            (t.is_word("COMMIT") || t.is_word("ROLLBACK"))
                && toks.get(i + 1).is_none_or(|n| n.text == ";" || n.is_word("AND"))
                && (i == 0 || toks[i - 1].text == ";" || ["BEGIN", "THEN", "ELSE", "LOOP"].iter().any(|k| toks[i - 1].is_word(k)))
        })
    })
}

/// The text between the opening and closing tags of a `$tag$…$tag$` token.
fn dollar_body(text: &str) -> &str {
    let Some(open_end) = text[1..].find('$').map(|p| p + 2) else {
        return "";
    };
    let tag = &text[..open_end];
    let rest = &text[open_end..];
    rest.strip_suffix(tag).unwrap_or(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn not_groupable(sql: &str) -> (String, String, usize) {
        match shape(sql, 1) {
            TxShape::NotGroupable(n) => (n.statement, n.why, n.line),
            other => panic!("expected NotGroupable for {sql:?}, got {other:?}"),
        }
    }

    fn inner(sql: &str) -> &str {
        match shape(sql, 1) {
            TxShape::Wrapped { inner } => &sql[inner],
            other => panic!("expected Wrapped for {sql:?}, got {other:?}"),
        }
    }

    const NO_TX: &str = "cannot run inside a transaction block";
    const CONTROL: &str = "transaction control inside the file";

    #[test]
    fn plain_sql_and_keywords_in_comments_strings_and_bodies() {
        for sql in [
            "",
            "-- only a comment\n/* and another; COMMIT; */\n",
            "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);",
            "SELECT 'BEGIN; COMMIT;', E'it\\'s; ROLLBACK', \"commit\" FROM t;",
            "-- BEGIN;\nCREATE TABLE a (id int);\n-- COMMIT;\n",
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1) THEN CREATE TYPE e AS ENUM ('a'); END IF; END $$;",
            "CREATE FUNCTION f() RETURNS trigger AS $fn$\nBEGIN\n  NEW.at = now();\n  RETURN NEW;\nEND;\n$fn$ LANGUAGE plpgsql;",
            "CREATE OR REPLACE FUNCTION g() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\nEND;\nCREATE TABLE x (id int);",
            "CREATE INDEX t_idx ON t (id);\nREINDEX TABLE t;\nANALYZE t;\nCLUSTER t USING t_idx;",
            "PREPARE q AS SELECT 1;\nSET lock_timeout = '5s';\nALTER TYPE e ADD ATTRIBUTE a int;",
            "CREATE SUBSCRIPTION s CONNECTION 'x' PUBLICATION p WITH (create_slot = false);",
        ] {
            assert_eq!(shape(sql, 1), TxShape::Plain, "{sql:?}");
        }
    }

    #[test]
    fn whole_file_wrappers_are_wrapped_with_their_inner_statements() {
        assert_eq!(inner("BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\n"), "\nCREATE TABLE a (id int);");
        assert_eq!(
            inner("-- header\nbegin transaction;\nCREATE TABLE a (id int);\nCREATE TABLE b (id int);\nend;\n-- trailer\n"),
            "\nCREATE TABLE a (id int);\nCREATE TABLE b (id int);"
        );
        assert_eq!(inner("START TRANSACTION;\nSELECT 1;\nCOMMIT TRANSACTION"), "\nSELECT 1;");
        assert_eq!(inner("BEGIN ISOLATION LEVEL SERIALIZABLE;\nSELECT 1;\nCOMMIT WORK;"), "\nSELECT 1;");
        assert_eq!(inner("BEGIN WORK; COMMIT;"), "");
        // A function body with BEGIN/END/COMMIT words inside the wrapper.
        let sql = "BEGIN;\nCREATE FUNCTION f() RETURNS void AS $$ BEGIN PERFORM 1; END $$ LANGUAGE plpgsql;\nDO $x$ BEGIN RAISE NOTICE 'COMMIT;'; END $x$;\nCOMMIT;\n";
        assert_eq!(
            inner(sql),
            "\nCREATE FUNCTION f() RETURNS void AS $$ BEGIN PERFORM 1; END $$ LANGUAGE plpgsql;\nDO $x$ BEGIN RAISE NOTICE 'COMMIT;'; END $x$;"
        );
        // The byte range is into the analysed text, whatever `first_line` is.
        let sec = "\nBEGIN;\nSELECT 1;\nCOMMIT;\n";
        assert_eq!(shape(sec, 40), TxShape::Wrapped { inner: 7..17 });
    }

    #[test]
    fn transaction_control_that_is_not_a_whole_file_wrapper() {
        let cases: &[(&str, &str, usize)] = &[
            ("UPDATE t SET x = 1;\nCOMMIT;\nUPDATE t SET x = 2;", "COMMIT", 2),
            ("BEGIN;\nUPDATE t SET x = 1;", "BEGIN", 1),
            ("UPDATE t SET x = 1;\nCOMMIT;", "COMMIT", 2),
            ("BEGIN;\nSELECT 1;\nCOMMIT;\nBEGIN;\nSELECT 2;\nCOMMIT;", "COMMIT", 3),
            // Not a wrapper (it does not end in COMMIT): its BEGIN comes first.
            ("BEGIN;\nSELECT 1;\nROLLBACK;", "BEGIN", 1),
            ("BEGIN;\nSAVEPOINT a;\nSELECT 1;\nRELEASE SAVEPOINT a;\nCOMMIT;", "SAVEPOINT", 2),
            ("BEGIN;\nSELECT 1;\nROLLBACK TO SAVEPOINT a;\nCOMMIT;", "ROLLBACK TO SAVEPOINT", 3),
            ("SELECT 1;\nRELEASE a;", "RELEASE SAVEPOINT", 2),
            ("BEGIN;\nSELECT 1;\nCOMMIT AND CHAIN;", "BEGIN", 1),
            ("SELECT 1;\nCOMMIT AND CHAIN;", "COMMIT AND CHAIN", 2),
            ("BEGIN;\nSELECT 1;\nPREPARE TRANSACTION 'x';", "BEGIN", 1),
            ("SELECT 1;\nPREPARE TRANSACTION 'x';", "PREPARE TRANSACTION", 2),
            ("SELECT 1;\nABORT;", "ABORT", 2),
            ("COMMIT;", "COMMIT", 1),
            ("BEGIN;", "BEGIN", 1),
        ];
        for (sql, stmt, line) in cases {
            assert_eq!(not_groupable(sql), (stmt.to_string(), CONTROL.to_string(), *line), "{sql:?}");
        }
    }

    #[test]
    fn statements_postgresql_refuses_in_a_transaction_block() {
        let cases: &[(&str, &str)] = &[
            ("CREATE INDEX CONCURRENTLY i ON t (x);", "CREATE INDEX CONCURRENTLY"),
            ("create unique index concurrently if not exists i on t (x);", "CREATE INDEX CONCURRENTLY"),
            ("DROP INDEX CONCURRENTLY IF EXISTS i;", "DROP INDEX CONCURRENTLY"),
            ("REINDEX INDEX CONCURRENTLY i;", "REINDEX CONCURRENTLY"),
            ("REINDEX (VERBOSE) TABLE CONCURRENTLY t;", "REINDEX CONCURRENTLY"),
            ("REINDEX DATABASE app;", "REINDEX DATABASE"),
            ("REINDEX (VERBOSE) SYSTEM;", "REINDEX SYSTEM"),
            ("REINDEX SCHEMA public;", "REINDEX SCHEMA"),
            ("VACUUM;", "VACUUM"),
            ("VACUUM (ANALYZE) t;", "VACUUM"),
            ("ALTER SYSTEM SET work_mem = '64MB';", "ALTER SYSTEM"),
            ("CREATE DATABASE other;", "CREATE DATABASE"),
            ("DROP DATABASE IF EXISTS other;", "DROP DATABASE"),
            ("ALTER DATABASE app SET TABLESPACE fast;", "ALTER DATABASE ... SET TABLESPACE"),
            ("CREATE TABLESPACE fast LOCATION '/x';", "CREATE TABLESPACE"),
            ("DROP TABLESPACE fast;", "DROP TABLESPACE"),
            ("CREATE SUBSCRIPTION s CONNECTION 'x' PUBLICATION p;", "CREATE SUBSCRIPTION"),
            ("DROP SUBSCRIPTION s;", "DROP SUBSCRIPTION"),
            ("ALTER SUBSCRIPTION s REFRESH PUBLICATION;", "ALTER SUBSCRIPTION ... PUBLICATION"),
            ("ALTER TABLE p DETACH PARTITION c CONCURRENTLY;", "ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY"),
            ("CLUSTER;", "CLUSTER"),
            ("DISCARD ALL;", "DISCARD ALL"),
            ("COMMIT PREPARED 'x';", "COMMIT PREPARED"),
            ("ROLLBACK PREPARED 'x';", "ROLLBACK PREPARED"),
            ("DO $$\nBEGIN\n  UPDATE t SET x = 1;\n  COMMIT;\nEND\n$$;", "COMMIT inside a DO block"),
        ];
        for (sql, stmt) in cases {
            assert_eq!(not_groupable(sql), (stmt.to_string(), NO_TX.to_string(), 1), "{sql:?}");
        }
    }

    #[test]
    fn offending_statements_inside_a_wrapper_are_not_groupable() {
        let sql = "BEGIN;\nCREATE TABLE t (id int);\n-- build it without locking\nCREATE INDEX CONCURRENTLY i ON t (id);\nCOMMIT;\n";
        assert_eq!(not_groupable(sql), ("CREATE INDEX CONCURRENTLY".into(), NO_TX.into(), 4));
        let sql = "BEGIN;\nALTER TYPE mood ADD VALUE 'sad';\nCOMMIT;";
        assert_eq!(
            not_groupable(sql),
            ("ALTER TYPE ... ADD VALUE".into(), "a later migration in the same transaction could not use the new value".into(), 2)
        );
        let sql = "BEGIN;\nSET TRANSACTION ISOLATION LEVEL SERIALIZABLE;\nSELECT 1;\nCOMMIT;";
        assert_eq!(not_groupable(sql), ("SET TRANSACTION".into(), "must be the first statement of its transaction".into(), 2));
        // The first offending statement wins.
        let sql = "VACUUM;\nCOMMIT;";
        assert_eq!(not_groupable(sql).0, "VACUUM");
    }

    #[test]
    fn lines_count_from_first_line() {
        let section = "\nUPDATE t SET x = 1;\n\nVACUUM t;\n";
        match shape(section, 10) {
            TxShape::NotGroupable(n) => assert_eq!(n.line, 13),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn classify_labels_and_whys() {
        let toks = sql::tokenize("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh'");
        let c: Vec<&Token<'_>> = toks.iter().filter(|t| t.is_code()).collect();
        let k = classify(&c).unwrap();
        assert_eq!(k, StatementTx::EnumAddValue);
        assert_eq!(k.label(), "ALTER TYPE ... ADD VALUE");
        assert!(!k.is_control());
        assert!(StatementTx::Begin("BEGIN").is_control());
    }
}
