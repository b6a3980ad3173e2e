use super::settings::{SetTarget, param_name, push_unique, set_config_call, set_target};
use super::statement::{do_body_commits, dollar_body};
use super::*;

/// [`shape`] as it was before [`analyse`]: every statement's tokens at once (the reference the
/// one-pass analysis is checked against).
fn reference_shape(sql: &str, first_line: usize) -> TxShape {
    let stmts: Vec<sql::Statement<'_>> = sql::split_from(sql, first_line).into_iter().filter(|s| !s.is_blank()).collect();
    let kinds: Vec<Option<StatementTx>> = stmts.iter().map(|s| classify(&s.code().collect::<Vec<_>>())).collect();
    // The wrapper: the first BEGIN, and a COMMIT that is the very last statement.
    let last = stmts.len().checked_sub(1);
    let begin = kinds.iter().position(|k| matches!(k, Some(StatementTx::Begin(_))));
    let wrapper = match (begin, last) {
        (Some(b), Some(l)) if b < l && matches!(kinds[l], Some(StatementTx::Commit(_))) => Some((b, l)),
        _ => None,
    };
    // Anything else the tokenizer classifies (a second BEGIN, a COMMIT in the middle or a
    // statement after the final COMMIT, a SAVEPOINT, CONCURRENTLY, ...) is not groupable.
    // `ALTER TYPE … ADD VALUE` is: PostgreSQL 12+ runs it in a transaction, and only a later use
    // of the new value in the same transaction fails (55P04), which the release then answers
    // by falling back to one transaction per file.
    let offender = (0..stmts.len())
        .filter(|i| wrapper.is_none_or(|(b, l)| *i != b && *i != l))
        .find_map(|i| kinds[i].filter(|k| *k != StatementTx::EnumAddValue).map(|k| (i, k)));
    if let Some((i, k)) = offender {
        return TxShape::NotGroupable(k.not_groupable(stmts[i].line));
    }
    let Some((b, l)) = wrapper else {
        return TxShape::Plain;
    };
    let (begin, commit) = (&stmts[b], &stmts[l]);
    if b > 0 && !bare_begin(begin) {
        // After other statements PostgreSQL refuses an isolation level, and a READ ONLY
        // would refuse what follows: the release's transaction could not do the same.
        return TxShape::NotGroupable(NotGroupable {
            statement: kinds[b].map_or("BEGIN", |k| k.label()).to_string(),
            why: "transaction modes on a BEGIN that follows other statements".into(),
            line: begin.line,
        });
    }
    // `begin.offset` is just after the `;` before it; `begin.text` stops just before its own `;`.
    TxShape::Wrapped { prefix: (b > 0).then_some(0..begin.offset), inner: begin.offset + begin.text.len() + 1..commit.offset }
}

/// [`do_body_commits`] as it was before it read the body one token at a time (the reference).
fn reference_do_body_commits(c: &[&Token<'_>]) -> bool {
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

/// `BEGIN`, `BEGIN WORK`, `BEGIN TRANSACTION` or `START TRANSACTION`, without transaction modes.
fn bare_begin(s: &sql::Statement<'_>) -> bool {
    let c: Vec<&Token<'_>> = s.code().collect();
    c.len() <= 2 && c.iter().skip(1).all(|t| t.is_word("WORK") || t.is_word("TRANSACTION"))
}

/// [`transaction_scoped`] as it was before [`analyse`] (the reference).
fn reference_scoped(sql: &str, first_line: usize) -> Result<TransactionScoped, NotGroupable> {
    let mut scoped = TransactionScoped::default();
    let mut session: Vec<(String, usize)> = Vec::new();
    for stmt in sql::split_from(sql, first_line) {
        let c: Vec<&Token<'_>> = stmt.code().collect();
        let Some(first) = c.first() else { continue };
        if first.is_word("SET") {
            match set_target(&c) {
                Some(SetTarget::Constraints) => scoped.constraints = true,
                Some(SetTarget::Param { name, local: true }) => push_unique(&mut scoped.params, name),
                Some(SetTarget::Param { name, local: false }) => session.push((name, stmt.line)),
                None => {}
            }
        } else if first.is_word("RESET") {
            // `RESET x` sets the session value (and ends a `SET LOCAL` of it).
            if let Some(name) = c.get(1).map(|t| param_name(t)) {
                session.push((name, stmt.line));
            }
        }
        for (i, t) in c.iter().enumerate() {
            let Some(call) = set_config_call(&c, i) else { continue };
            match call {
                (Some(name), Some(true)) => push_unique(&mut scoped.params, name),
                (Some(name), Some(false)) => session.push((name, stmt.line)),
                _ => {
                    return Err(NotGroupable {
                        statement: "set_config(...)".into(),
                        why: "its parameter name or scope is not a literal, so the runner cannot tell what the file's commit would end"
                            .into(),
                        line: t.line,
                    });
                }
            }
        }
    }
    if let Some((name, line)) = session.iter().find(|(n, _)| scoped.params.contains(n) || (n == "all" && !scoped.params.is_empty())) {
        return Err(NotGroupable {
            statement: format!("SET {name}"),
            why: "it is set both for the transaction (SET LOCAL) and for the session in the same file".into(),
            line: *line,
        });
    }
    Ok(scoped)
}

fn not_groupable(sql: &str) -> (String, String, usize) {
    match shape(sql, 1) {
        TxShape::NotGroupable(n) => (n.statement, n.why, n.line),
        other => panic!("expected NotGroupable for {sql:?}, got {other:?}"),
    }
}

fn inner(sql: &str) -> &str {
    match shape(sql, 1) {
        TxShape::Wrapped { prefix: None, inner } => &sql[inner],
        other => panic!("expected Wrapped without a prefix for {sql:?}, got {other:?}"),
    }
}

/// The prefix and the inner statements of a wrapper with statements before its BEGIN.
fn prefix_and_inner(sql: &str) -> (&str, &str) {
    match shape(sql, 1) {
        TxShape::Wrapped { prefix: Some(prefix), inner } => (&sql[prefix], &sql[inner]),
        other => panic!("expected Wrapped with a prefix for {sql:?}, got {other:?}"),
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
    assert_eq!(shape(sec, 40), TxShape::Wrapped { prefix: None, inner: 7..17 });
}

#[test]
fn statements_before_the_begin_are_a_prefix_of_the_same_transaction() {
    assert_eq!(
        prefix_and_inner("CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\";\n\nBEGIN;\nCREATE TABLE a (id uuid);\nCOMMIT;\n"),
        ("CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\";", "\nCREATE TABLE a (id uuid);")
    );
    assert_eq!(
        prefix_and_inner(
            "-- header\nSET search_path = app;\nCREATE SCHEMA s;\nstart transaction;\nSELECT 1;\nSELECT 2;\nend work;\n-- done\n"
        ),
        ("-- header\nSET search_path = app;\nCREATE SCHEMA s;", "\nSELECT 1;\nSELECT 2;")
    );
    assert_eq!(prefix_and_inner("SELECT 1; BEGIN TRANSACTION; COMMIT"), ("SELECT 1;", ""));
    // Comments and empty statements before the BEGIN are no prefix.
    assert_eq!(inner("-- a; b\n;;\nBEGIN;\nSELECT 1;\nCOMMIT;"), "\nSELECT 1;");
    // Byte ranges into the analysed text (a dbmate section), lines from `first_line`.
    assert_eq!(shape("\nSELECT 1;\nBEGIN;\nSELECT 2;\nCOMMIT;\n", 7), TxShape::Wrapped { prefix: Some(0..10), inner: 17..27 });
}

#[test]
fn a_prefixed_wrapper_stays_not_groupable_where_one_transaction_would_differ() {
    let cases: &[(&str, &str, &str, usize)] = &[
        // After the final COMMIT the tool runs outside the file's transaction.
        ("CREATE EXTENSION x;\nBEGIN;\nSELECT 1;\nCOMMIT;\nSELECT 2;", "BEGIN", CONTROL, 2),
        ("BEGIN;\nSELECT 1;\nCOMMIT;\nCREATE EXTENSION x;", "BEGIN", CONTROL, 1),
        // Transaction control before the BEGIN.
        ("SELECT 1;\nCOMMIT;\nBEGIN;\nSELECT 2;\nCOMMIT;", "COMMIT", CONTROL, 2),
        ("SELECT 1;\nBEGIN;\nBEGIN;\nSELECT 2;\nCOMMIT;", "BEGIN", CONTROL, 3),
        ("SAVEPOINT a;\nBEGIN;\nSELECT 2;\nCOMMIT;", "SAVEPOINT", CONTROL, 1),
        // A statement PostgreSQL refuses in a transaction block, before or inside.
        ("CREATE INDEX CONCURRENTLY i ON t (x);\nBEGIN;\nSELECT 1;\nCOMMIT;", "CREATE INDEX CONCURRENTLY", NO_TX, 1),
        ("SELECT 1;\nBEGIN;\nVACUUM t;\nCOMMIT;", "VACUUM", NO_TX, 3),
        // Modes on a BEGIN after other statements: PostgreSQL refuses an isolation level
        // there, and READ ONLY would refuse what follows.
        (
            "SELECT 1;\nBEGIN ISOLATION LEVEL SERIALIZABLE;\nSELECT 2;\nCOMMIT;",
            "BEGIN",
            "transaction modes on a BEGIN that follows other statements",
            2,
        ),
        (
            "CREATE TABLE a (id int);\nSTART TRANSACTION READ ONLY;\nCREATE TABLE b (id int);\nCOMMIT;",
            "START TRANSACTION",
            "transaction modes on a BEGIN that follows other statements",
            2,
        ),
    ];
    for (sql, stmt, why, line) in cases {
        assert_eq!(not_groupable(sql), (stmt.to_string(), why.to_string(), *line), "{sql:?}");
    }
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
    // An enum value added in a wrapper is groupable (PostgreSQL 12+); before or after it too.
    assert_eq!(inner("BEGIN;\nALTER TYPE mood ADD VALUE 'sad';\nCOMMIT;"), "\nALTER TYPE mood ADD VALUE 'sad';");
    assert_eq!(
        shape("ALTER TYPE e ADD VALUE 'x';\nBEGIN;\nSELECT 1;\nCOMMIT;", 1),
        TxShape::Wrapped { prefix: Some(0..27), inner: 34..44 }
    );
    assert_eq!(shape("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh';\nSELECT 1;", 1), TxShape::Plain);
    let sql = "BEGIN;\nSET TRANSACTION ISOLATION LEVEL SERIALIZABLE;\nSELECT 1;\nCOMMIT;";
    assert_eq!(not_groupable(sql), ("SET TRANSACTION".into(), "must be the first statement of its transaction".into(), 2));
    // The first offending statement wins.
    let sql = "VACUUM;\nCOMMIT;";
    assert_eq!(not_groupable(sql).0, "VACUUM");
}

#[test]
fn settings_a_file_makes_for_its_own_transaction_are_found_on_the_tokens() {
    let scoped = |sql: &str| transaction_scoped(sql, 1);
    let params = |sql: &str| scoped(sql).unwrap().params;
    assert_eq!(
        params("SET LOCAL search_path TO app;\nSET LOCAL ROLE admin;\nSET LOCAL TIME ZONE 'UTC';"),
        ["search_path", "role", "timezone"]
    );
    assert_eq!(params("SELECT pg_catalog.set_config('app.Tenant', '7', true);\nSET LOCAL \"app\".\"x\" = 1;"), ["app.tenant", "app.x"]);
    assert_eq!(params("select set_config('lock_timeout', '5s', 't') from t"), ["lock_timeout"]);
    // Session settings, comments, strings and bodies are not transaction-scoped.
    for sql in [
        "SET search_path = app;\nSELECT pg_catalog.set_config('search_path', '', false);\nSET SESSION ROLE x;\nRESET ALL;",
        "-- SET LOCAL role x;\nSELECT 'SET LOCAL x = 1';\nDO $$ BEGIN SET LOCAL search_path = x; END $$;",
        "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;",
    ] {
        assert_eq!(scoped(sql), Ok(TransactionScoped::default()), "{sql:?}");
    }
    assert!(scoped("SET CONSTRAINTS ALL DEFERRED;\nINSERT INTO t VALUES (1);").unwrap().constraints);
    // Both scopes for one parameter, or a scope that is not a literal: the runner cannot tell.
    let e = scoped("SET LOCAL search_path = a;\nSELECT 1;\nSET search_path = b;").unwrap_err();
    assert_eq!((e.statement.as_str(), e.line), ("SET search_path", 3));
    assert!(scoped("SET LOCAL search_path = a;\nRESET ALL;").is_err());
    let e = scoped("SELECT 1;\nSELECT set_config('search_path', v, is_local) FROM cfg;").unwrap_err();
    assert_eq!((e.statement.as_str(), e.line), ("set_config(...)", 2));
}

#[test]
fn statements_that_change_how_later_ones_are_parsed() {
    let changes = |sql: &str| analyse(sql, 1).changes_parsing;
    // pg_dump's preamble keeps the default.
    assert!(!changes(
        "SET statement_timeout = 0;\nSET standard_conforming_strings = on;\nSET LOCAL standard_conforming_strings TO 'true';"
    ));
    assert!(!changes("SELECT pg_catalog.set_config('standard_conforming_strings', 'on', false);\nINSERT INTO t VALUES ('a\\b');"));
    assert!(!changes("-- SET standard_conforming_strings = off\nSELECT 'SET standard_conforming_strings = off';"));
    for sql in [
        "SET standard_conforming_strings = off;",
        "SET SESSION standard_conforming_strings TO DEFAULT;",
        "RESET standard_conforming_strings;",
        "reset all;",
        "SELECT set_config('Standard_Conforming_Strings', 'off', true);",
        "SELECT set_config(name, 'on', false) FROM t;",
        "UPDATE pg_catalog.pg_settings SET setting = 'off' WHERE name = 'standard_conforming_strings';",
    ] {
        assert!(changes(&format!("INSERT INTO t VALUES (1);\n{sql}\nINSERT INTO t VALUES (2);")), "{sql}");
    }
}

#[test]
fn atomic_wrappers_allow_statements_before_begin_but_nothing_after_commit() {
    let kinds = |sql: &str| -> Vec<Option<StatementTx>> {
        sql::split(sql).iter().filter(|s| !s.is_blank()).map(|s| classify(&s.code().collect::<Vec<_>>())).collect()
    };
    assert!(atomic_wrapper(&kinds("BEGIN;\nSELECT 1;\nCOMMIT;")));
    assert!(atomic_wrapper(&kinds("CREATE EXTENSION IF NOT EXISTS x;\nBEGIN;\nCREATE TABLE t (id int);\nCOMMIT;\n-- end")));
    assert!(atomic_wrapper(&kinds("BEGIN;\nALTER TYPE e ADD VALUE 'x';\nEND;")));
    assert!(!atomic_wrapper(&kinds("BEGIN;\nSELECT 1;\nCOMMIT;\nSELECT 2;")));
    assert!(!atomic_wrapper(&kinds("BEGIN;\nSELECT 1;\nROLLBACK;")));
    assert!(!atomic_wrapper(&kinds("BEGIN;\nSAVEPOINT a;\nCOMMIT;")));
    assert!(!atomic_wrapper(&kinds("SELECT 1;")));
    assert!(!atomic_wrapper(&kinds("COMMIT;\nBEGIN;")));
}

/// Files from `test-fixtures/realworld/` (public projects, see their ORIGIN.md).
#[test]
fn real_projects_files() {
    const RW: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/test-fixtures/realworld/");
    let read = |p: &str| std::fs::read_to_string(format!("{RW}{p}")).unwrap();
    // hyperledger/firefly: the whole file in BEGIN; … COMMIT; (114 of its 115 up files).
    let text = read("firefly/db/migrations/000002_create_data_table.up.sql");
    match shape(&text, 1) {
        TxShape::Wrapped { prefix: None, inner } => {
            assert!(text[inner.clone()].trim_start().starts_with("CREATE TABLE data ("), "{}", &text[inner.clone()]);
            assert!(text[inner].trim_end().ends_with("CREATE INDEX data_created ON data(namespace,created);"));
        }
        other => panic!("{other:?}"),
    }
    // firefly's first file: CREATE EXTENSION before the BEGIN, atomic when sent in one
    // call (the extension joins the BEGIN's transaction): groupable as prefix + inner.
    let text = read("firefly/db/migrations/000001_create_messages_table.up.sql");
    match shape(&text, 1) {
        TxShape::Wrapped { prefix: Some(prefix), inner } => {
            assert_eq!(text[prefix].trim(), "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\";");
            assert!(text[inner.clone()].trim_start().starts_with("CREATE TABLE messages ("), "{}", &text[inner.clone()]);
            assert!(text[inner].trim_end().ends_with("CREATE INDEX messages_confirmed ON messages(confirmed);"));
        }
        other => panic!("{other:?}"),
    }
    let kinds: Vec<Option<StatementTx>> =
        sql::split(&text).iter().filter(|s| !s.is_blank()).map(|s| classify(&s.code().collect::<Vec<_>>())).collect();
    assert!(atomic_wrapper(&kinds));
    // google/exposure-notifications-server: an enum value added inside BEGIN; … END;.
    let text = read("exposure-notifications/db/migrations/000051_AddPendingDelete.up.sql");
    match shape(&text, 1) {
        TxShape::Wrapped { prefix: None, inner } => {
            assert_eq!(text[inner].trim(), "ALTER TYPE ExportBatchStatus ADD VALUE 'DEL_PEND';")
        }
        other => panic!("an enum value added in BEGIN; … END; is groupable (PostgreSQL 12+): {other:?}"),
    }
    // ForumViriumHelsinki/R4C-Cesium-Viewer: dbmate, transaction:false, CONCURRENTLY.
    let text = read("r4c-cesium-viewer/db/migrations/20250626114521_tree_f_index_postinumero_koodi.sql");
    let sections = crate::migrations::dbmate_files::parse_contents(&text).unwrap();
    let up = &text[sections[0].up.clone()];
    assert_eq!(
        shape(up, crate::migrations::dbmate_files::line_of(&text, sections[0].up.start)),
        TxShape::NotGroupable(NotGroupable { statement: "CREATE INDEX CONCURRENTLY".into(), why: NO_TX.into(), line: 4 })
    );
    // pocket-id/pocket-id: an up file with comments only.
    assert_eq!(shape(&read("pocket-id/db/migrations/20251217141000_v2_export_normalization.up.sql"), 1), TxShape::Plain);
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

mod props {
    use super::*;
    use proptest::prelude::*;

    /// The one-pass [`analyse`] gives what the whole-token implementations give, and every
    /// statement it classifies on its first words alone is classified the same on all of them.
    fn same_as_reference(sql: &str, first_line: usize) -> Result<(), TestCaseError> {
        let a = analyse(sql, first_line);
        prop_assert_eq!(&a.shape, &super::reference_shape(sql, first_line), "{:?}", sql);
        prop_assert_eq!(&a.scoped, &super::reference_scoped(sql, first_line), "{:?}", sql);
        for st in sql::split_from(sql, first_line) {
            let c: Vec<&Token<'_>> = st.code().collect();
            let lead: Vec<Token<'_>> = st.code().take(sql::LEAD).copied().collect();
            if !needs_every_token(&lead) {
                let lead: Vec<&Token<'_>> = lead.iter().collect();
                prop_assert_eq!(classify(&lead), classify(&c), "{:?}", st.text);
            }
            if c.first().is_some_and(|t| t.is_word("DO")) {
                prop_assert_eq!(do_body_commits(&c), super::reference_do_body_commits(&c), "{:?}", st.text);
            }
        }
        Ok(())
    }

    /// Statements of every kind [`classify`] and the settings scan know, and some they do not.
    fn statement() -> impl Strategy<Value = String> {
        let kinds = prop::sample::select(vec![
            "BEGIN",
            "begin work",
            "BEGIN ISOLATION LEVEL SERIALIZABLE",
            "START TRANSACTION",
            "start transaction read only",
            "COMMIT",
            "END",
            "commit and chain",
            "COMMIT AND NO CHAIN",
            "COMMIT PREPARED 'x'",
            "ROLLBACK",
            "ROLLBACK TO SAVEPOINT a",
            "ROLLBACK PREPARED 'x'",
            "ABORT",
            "SAVEPOINT a",
            "RELEASE a",
            "PREPARE TRANSACTION 'x'",
            "PREPARE q AS SELECT 1",
            "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE",
            "SET LOCAL search_path = a",
            "SET search_path = b",
            "SET SESSION ROLE x",
            "SET LOCAL ROLE x",
            "set local time zone 'UTC'",
            "SET CONSTRAINTS ALL DEFERRED",
            "RESET ALL",
            "RESET search_path",
            "SET standard_conforming_strings = on",
            "SET standard_conforming_strings = off",
            "VACUUM",
            "VACUUM (ANALYZE) t",
            "DISCARD ALL",
            "DISCARD PLANS",
            "CLUSTER",
            "CLUSTER VERBOSE",
            "CLUSTER t USING i",
            "REINDEX (VERBOSE) TABLE CONCURRENTLY t",
            "REINDEX DATABASE d",
            "REINDEX TABLE t",
            "CREATE INDEX CONCURRENTLY i ON t (x)",
            "CREATE UNIQUE INDEX CONCURRENTLY i ON t (x)",
            "create unique index i on t (x)",
            "CREATE DATABASE d",
            "CREATE TABLESPACE s LOCATION '/x'",
            "CREATE SUBSCRIPTION s CONNECTION 'c' PUBLICATION p WITH (create_slot = false)",
            "CREATE SUBSCRIPTION s CONNECTION 'c' PUBLICATION p",
            "CREATE TABLE t (id int)",
            "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END",
            "DROP INDEX CONCURRENTLY i",
            "DROP DATABASE d",
            "DROP TABLESPACE s",
            "DROP SUBSCRIPTION s",
            "DROP TABLE t",
            "ALTER SYSTEM SET work_mem = '1MB'",
            "ALTER DATABASE d SET TABLESPACE s",
            "ALTER DATABASE d SET work_mem = 1",
            "ALTER TYPE e ADD VALUE 'x'",
            "ALTER TYPE e RENAME VALUE 'a' TO 'b'",
            "ALTER TABLE p DETACH PARTITION c CONCURRENTLY",
            "ALTER TABLE t ADD COLUMN x int",
            "ALTER SUBSCRIPTION s REFRESH PUBLICATION",
            "ALTER SUBSCRIPTION s SET PUBLICATION p WITH (refresh = false)",
            "DO $$ BEGIN COMMIT; END $$",
            "DO $x$ BEGIN IF a THEN ROLLBACK; END IF; END $x$",
            "DO $$ BEGIN PERFORM 1; END $$",
            "SELECT set_config('search_path', 'a', true)",
            "SELECT set_config('x.y', '1', false)",
            "SELECT set_config(n, v, true) FROM t",
            "SELECT set_config('standard_conforming_strings', 'off', false)",
            "UPDATE pg_settings SET setting = 'off' WHERE name = 'x'",
            "INSERT INTO t VALUES (1, 'BEGIN; COMMIT')",
            "SELECT 1",
            "-- only a comment",
            "",
        ]);
        (kinds, any::<bool>()).prop_map(|(k, lower)| if lower { k.to_ascii_lowercase() } else { k.to_string() })
    }

    fn check_wrapped(sql: &str) -> Result<(), TestCaseError> {
        if let TxShape::Wrapped { prefix, inner } = shape(sql, 1) {
            for r in prefix.iter().chain([&inner]) {
                // The release side slices the text with them: in bounds, on char boundaries.
                prop_assert!(r.start <= r.end && r.end <= sql.len());
                prop_assert!(sql.is_char_boundary(r.start) && sql.is_char_boundary(r.end));
                // What it runs instead of the file has no transaction control left.
                let body = &sql[r.clone()];
                prop_assert_eq!(shape(body, 1), TxShape::Plain, "{:?}", body);
            }
            if let Some(p) = prefix {
                prop_assert!(p.start == 0 && p.end < inner.start && sql::has_code(&sql[p]));
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512)))]
        #[test]
        fn shape_never_panics_and_inner_is_a_plain_slice(s in any::<String>()) {
            check_wrapped(&s)?;
            same_as_reference(&s, 1)?;
        }

        #[test]
        fn one_pass_analysis_equals_every_token_at_once(
            stmts in proptest::collection::vec((statement(), r"(\n|  |\n-- c;\n|/\* x; \*/)"), 0..8),
            first_line in 1usize..40,
        ) {
            let sql: String = stmts.iter().map(|(s, gap)| format!("{s};{gap}")).collect();
            same_as_reference(&sql, first_line)?;
            // Without the last `;`, and one statement at a time.
            same_as_reference(sql.trim_end().trim_end_matches(';'), first_line)?;
            for (s, _) in &stmts {
                same_as_reference(s, first_line)?;
            }
        }

        #[test]
        fn sqlish_wrappers(
            pre in r"(-- [a-zé ]{0,8}\n|/\* x \*/ |\n){0,2}",
            body in r"((SELECT 1|CREATE TABLE t \(id int\)|INSERT INTO t VALUES \('é;'\)|DO \$\$ BEGIN NULL; END \$\$);\n){0,4}",
            begin in "(BEGIN|begin transaction|START TRANSACTION|BEGIN ISOLATION LEVEL SERIALIZABLE)",
            end in "(COMMIT|END|commit work)",
            post in r"(\n-- done|\n|){0,1}",
        ) {
            let sql = format!("{pre}{begin};\n{body}{end};{post}");
            check_wrapped(&sql)?;
            prop_assert!(matches!(shape(&sql, 1), TxShape::Wrapped { prefix: None, .. }), "{:?}", sql);
        }

        #[test]
        fn sqlish_prefixed_wrappers(
            pre in r"((SELECT 1|CREATE EXTENSION IF NOT EXISTS x|SET search_path = 'a;b'|-- c\nSELECT 2);\n){1,3}",
            body in r"((SELECT 1|CREATE TABLE t \(id int\)|DO \$\$ BEGIN NULL; END \$\$);\n){0,3}",
            begin in "(BEGIN|begin work|START TRANSACTION)",
            end in "(COMMIT|END)",
            post in r"(\n-- done|\n|){0,1}",
        ) {
            let sql = format!("{pre}{begin};\n{body}{end};{post}");
            check_wrapped(&sql)?;
            prop_assert!(matches!(shape(&sql, 1), TxShape::Wrapped { prefix: Some(_), .. }), "{:?}", sql);
        }
    }
}
