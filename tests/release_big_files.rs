//! Big migration files in `all` mode (issue 18, item 6), against a real PostgreSQL with the real
//! dbmate and the golang-migrate test double: a seed file of several MB (many statements, one
//! statement bigger than the runner's message size, semicolons and quotes inside strings, dollar
//! quotes and comments) is sent in several messages of whole statements and applies; a failure
//! deep inside it rolls everything back and the report names the file's own line. The memory
//! figures themselves are benchmark 10 (BENCHMARKS.md), not a test.

mod common;

use common::*;
use testkit::pg::Postgres;

const ALL: (&str, &str) = ("MIGRATIONS_TX_MODE", "all");
const SMALL_BEFORE: usize = 20_000;
const BIG_ROWS: usize = 60_000;
const SMALL_AFTER: usize = 10_000;

/// What can go wrong in the seed file, and where.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Fault {
    None,
    /// A row of the big INSERT that is not an integer, this many rows in.
    InBigStatement(usize),
    /// One of the small INSERTs after the big one.
    AfterIt(usize),
}

/// The seed file's up SQL (about 7.5 MB, of which 4.6 MB one INSERT) and the file line of the fault, if any.
fn seed_sql(fault: Fault) -> (String, Option<usize>) {
    let mut lines: Vec<String> = vec![
        "-- seed data; the runner must not split statements on these semicolons".into(),
        "CREATE TABLE seed_small (id int PRIMARY KEY, v text NOT NULL);".into(),
        "CREATE TABLE seed_big (id int PRIMARY KEY, v text NOT NULL);".into(),
    ];
    let pad = "x".repeat(40);
    let small = |i: usize| match i % 3 {
        0 => format!("INSERT INTO seed_small VALUES ({i}, 'row {i}; it''s -- not a comment /* nor this */ {pad}');"),
        1 => format!("INSERT INTO seed_small VALUES ({i}, E'back\\'slash; {i} {pad}'); -- a comment; with semicolons"),
        _ => format!("/* block; comment */ INSERT INTO seed_small VALUES ({i}, $q$dollar; 'quoted' {i} {pad}$q$);"),
    };
    for i in 1..=SMALL_BEFORE {
        lines.push(small(i));
    }
    lines.push("INSERT INTO seed_big (id, v) VALUES".into());
    let mut fault_line = None;
    for i in 1..=BIG_ROWS {
        let id = if fault == Fault::InBigStatement(i) {
            fault_line = Some(lines.len() + 1);
            "'oops'".to_string()
        } else {
            i.to_string()
        };
        let sep = if i == BIG_ROWS { ";" } else { "," };
        lines.push(format!("({id}, 'big row {i}; ''quoted''; {pad}'){sep}"));
    }
    for i in SMALL_BEFORE + 1..=SMALL_BEFORE + SMALL_AFTER {
        if fault == Fault::AfterIt(i) {
            fault_line = Some(lines.len() + 1);
            lines.push(format!("INSERT INTO seed_small VALUES ('bad {i}', 'x');"));
        } else {
            lines.push(small(i));
        }
    }
    lines.push("-- end of the seed data;".into());
    (lines.join("\n") + "\n", fault_line)
}

/// The simple-query messages PostgreSQL logged (`log_statement = all`) after byte `from` of its
/// log that contain `needle`.
fn messages_with(pg: &Postgres, from: usize, needle: &str) -> Vec<String> {
    pg.server_log()[from..].split("LOG:  statement: ").skip(1).filter(|m| m.contains(needle)).map(str::to_string).collect()
}

#[test]
fn a_big_seed_file_applies_in_all_mode_in_messages_of_whole_statements_and_a_failure_inside_it_rolls_back_with_its_line() {
    let pg = Postgres::start();
    for engine in ENGINES {
        let name = engine.name().replace('-', "_");
        let (sql, _) = seed_sql(Fault::None);
        assert!(sql.len() > 7_000_000, "{}", sql.len());
        let app = RunnerApp::new(engine, &[step(1), mig(2, &sql, Some("DROP TABLE seed_big, seed_small;"))]);
        let seed_file = &app.file_names(2)[0];
        // dbmate's file starts with its `-- migrate:up` line.
        let offset = if engine == Engine::Dbmate { 1 } else { 0 };

        let db = seeded_db(&pg, &format!("big_ok_{name}"));
        pg.query(&db, &format!("ALTER DATABASE {db} SET log_statement = 'all'"));
        let log_from = pg.server_log().len();
        let (code, out) = app.release(&pg.url(&db), &[ALL]);
        assert_eq!(code, 0, "{engine:?}:\n{out}");
        assert!(out.contains("mode: all") && out.contains("done: applied 2 migration(s)"), "{out}");
        assert_eq!(
            pg.query(&db, "SELECT count(*), sum(id) FROM seed_small"),
            [format!("{0}|{1}", SMALL_BEFORE + SMALL_AFTER, {
                let n = SMALL_BEFORE + SMALL_AFTER;
                n * (n + 1) / 2
            })]
        );
        assert_eq!(pg.query(&db, "SELECT count(*) FROM seed_big WHERE v LIKE 'big row %; ''quoted''; x%'"), [BIG_ROWS.to_string()]);
        assert_eq!(
            pg.query(&db, "SELECT count(*) FROM seed_small WHERE v LIKE 'back''slash; %' OR v LIKE 'dollar; ''quoted'' %'"),
            [(2 * (SMALL_BEFORE + SMALL_AFTER) / 3).to_string()]
        );
        // Several messages, each of whole statements; the big INSERT (over 4 MB) alone in one.
        let seeds = messages_with(&pg, log_from, "INSERT INTO seed_");
        assert!(seeds.len() >= 3, "{engine:?}: {} message(s)", seeds.len());
        let big: Vec<&String> = seeds.iter().filter(|m| m.contains("INSERT INTO seed_big")).collect();
        let heads: Vec<String> = seeds.iter().map(|m| format!("{} bytes: {}", m.len(), &m[..m.len().min(120)])).collect();
        assert_eq!(big.len(), 1, "{engine:?}: {heads:#?}");
        assert!(!big[0].contains("seed_small") && big[0].trim_start().starts_with("INSERT INTO seed_big"), "{}", &big[0][..200]);
        assert!(big[0].len() > 4 << 20, "{}", big[0].len());
        // The tool agrees with what the runner wrote.
        let (code, status) = app.run(&pg.url(&db), &["status"], &[]);
        assert_eq!(code, 0, "{status}");
        assert!(status.contains("Applied: 2  Pending: 0"), "{status}");

        for fault in [Fault::InBigStatement(BIG_ROWS / 2), Fault::AfterIt(SMALL_BEFORE + SMALL_AFTER - 3)] {
            let (sql, line) = seed_sql(fault);
            let line = line.unwrap() + offset;
            app.add(&mig(2, &sql, Some("DROP TABLE seed_big, seed_small;")));
            let db = seeded_db(&pg, &format!("big_fail_{name}"));
            let before = pg.dump(&db);
            let (code, out) = app.release(&pg.url(&db), &[ALL]);
            let what = format!("{engine:?} {fault:?}");
            assert_eq!(code, 1, "{what}:\n{out}");
            assert_eq!(pg.dump(&db), before, "{what}: the database changed:\n{out}");
            assert!(out.contains(&format!("migration {} failed", app.version(2))), "{what}:\n{out}");
            assert!(out.contains("invalid input syntax for type integer") && out.contains(&format!("in line {line}")), "{what}:\n{out}");
            let quoted = match fault {
                Fault::InBigStatement(i) => format!("at {seed_file}:{line}: ('oops', 'big row {i};"),
                _ => format!("at {seed_file}:{line}: INSERT INTO seed_small VALUES ('bad "),
            };
            assert!(out.contains(&quoted), "{what}: no `{quoted}` in:\n{out}");
            assert!(out.contains("Applied this run:   none") && out.contains("no down file was needed"), "{what}:\n{out}");
        }
    }
}
