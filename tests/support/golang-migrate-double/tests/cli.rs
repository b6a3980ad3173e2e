//! Section 0 of the reference transcript (CLI basics) and Go `flag` parsing
//! details. None of these need a database server: golang-migrate checks the
//! URLs and opens the source before it connects.

mod common;
use common::*;

const USAGE: &str = "Usage: migrate OPTIONS COMMAND [arg...]
       migrate [ -version | -help ]

Options:
  -source          Location of the migrations (driver://url)
  -path            Shorthand for -source=file://path
  -database        Run migrations against this database (driver://url)
  -prefetch N      Number of migrations to load in advance before executing (default 10)
  -lock-timeout N  Allow N seconds to acquire database lock (default 15)
  -verbose         Print verbose logging
  -version         Print version
  -help            Print usage

Commands:
  create [-ext E] [-dir D] [-seq] [-digits N] [-format] [-tz] NAME
\t   Create a set of timestamped up/down migrations titled NAME, in directory D with extension E.
\t   Use -seq option to generate sequential up/down migrations with N digits.
\t   Use -format option to specify a Go time format string. Note: migrations with the same time cause \"duplicate migration version\" error.
           Use -tz option to specify the timezone that will be used when generating non-sequential migrations (defaults: UTC).

  goto V       Migrate to version V
  up [N]       Apply all or N up migrations
  down [N] [-all]    Apply all or N down migrations
\tUse -all to apply all down migrations
  drop [-f]    Drop everything inside database
\tUse -f to bypass confirmation
  force V      Set version V but don't run migration (ignores dirty state)
  version      Print current migration version

Source drivers: file
Database drivers: stub, postgres, postgresql
";

/// A URL that is never connected to in these tests (port 1 refuses anyway).
const DB: &str = "postgres://postgres:secret@127.0.0.1:1/x?sslmode=disable";

#[test]
fn version_flag_single_and_double_dash() {
    expect(&run(&["-version"], None), 0, "4.19.1\n");
    expect(&run(&["--version"], None), 0, "4.19.1\n");
    expect(&run(&["-version=true", "up"], None), 0, "4.19.1\n");
}

#[test]
fn no_command_and_unknown_command_print_usage_exit_2() {
    expect(&run(&[], None), 2, USAGE);
    expect(&run(&["bogus"], None), 2, USAGE);
}

#[test]
fn help_exits_0_and_undefined_flags_exit_2() {
    expect(&run(&["-help"], None), 0, USAGE);
    expect(&run(&["-h"], None), 0, USAGE);
    expect(&run(&["-nope", "up"], None), 2, &format!("flag provided but not defined: -nope\n{USAGE}"));
    expect(&run(&["-prefetch", "abc", "up"], None), 2, &format!("invalid value \"abc\" for flag -prefetch: parse error\n{USAGE}"));
    expect(&run(&["-path"], None), 2, &format!("flag needs an argument: -path\n{USAGE}"));
    expect(&run(&["---path", "x"], None), 2, &format!("bad flag syntax: ---path\n{USAGE}"));
}

#[test]
fn url_errors_in_golang_migrate_order() {
    let s = Scratch::new("cli-url");
    let good = s.fixture("good", &good());
    expect(&run(&["-path", &good, "version"], None), 1, "error: failed to parse scheme from database URL: URL cannot be empty\n");
    expect(
        &run(&["-path", &good, "-database", "", "version"], None),
        1,
        "error: failed to parse scheme from database URL: URL cannot be empty\n",
    );
    expect(&run(&["-database", DB, "version"], None), 1, "error: failed to parse scheme from source URL: URL cannot be empty\n");
    expect(
        &run(&["-path", &good, "-database", "not a url", "version"], None),
        1,
        "error: failed to parse scheme from database URL: no scheme\n",
    );
    expect(
        &run(&["-path", &good, "-database", "mysql://x@tcp(127.0.0.1:1)/x", "version"], None),
        1,
        "error: failed to open database: database driver: unknown driver mysql (forgotten import?)\n",
    );
    expect(
        &run(&["-source", "s3://bucket/x", "-database", DB, "version"], None),
        1,
        "error: failed to open source, \"s3://bucket/x\": source driver: unknown driver 's3' (forgotten import?)\n",
    );
}

#[test]
fn source_errors_missing_dir_and_duplicates() {
    let s = Scratch::new("cli-src");
    let missing = s.path("nonexistent");
    expect(
        &run(&["-path", &missing, "-database", DB, "version"], None),
        1,
        &format!("error: failed to open source, \"file://{missing}\": open .: no such file or directory\n"),
    );
    let dup = s.fixture("dup", &[("1_a.up.sql", "SELECT 1;\n"), ("001_b.up.sql", "SELECT 1;\n")]);
    expect(
        &run(&["-path", &dup, "-database", DB, "version"], None),
        1,
        &format!("error: failed to open source, \"file://{dup}\": duplicate migration file: 1_a.up.sql\n"),
    );
    // -source wins over -path
    expect(
        &run(&["-source", &format!("file://{dup}"), "-path", "/nowhere", "-database", DB, "version"], None),
        1,
        &format!("error: failed to open source, \"file://{dup}\": duplicate migration file: 1_a.up.sql\n"),
    );
}

#[test]
fn connection_refused_and_sslmode_checked_after_dial() {
    let s = Scratch::new("cli-refused");
    let good = s.fixture("good", &good());
    expect(
        &run(&["-path", &good, "-database", DB, "version"], None),
        1,
        "error: failed to open database: dial tcp 127.0.0.1:1: connect: connection refused\n",
    );
    // lib/pq validates sslmode only after the dial succeeded
    expect(
        &run(&["-path", &good, "-database", "postgres://u:p@127.0.0.1:1/x?sslmode=prefer", "version"], None),
        1,
        "error: failed to open database: dial tcp 127.0.0.1:1: connect: connection refused\n",
    );
}

#[test]
fn subcommand_flag_errors_exit_2_even_without_database() {
    let s = Scratch::new("cli-sub");
    let good = s.fixture("good", &good());
    let force_usage = "Usage of force:\n  -help\n    \tPrint help information\n";
    expect(&run(&["-path", &good, "-database", DB, "force", "-1"], None), 2, &format!("flag provided but not defined: -1\n{force_usage}"));
    expect(
        &run(&["-path", &good, "-database", DB, "down", "-x"], None),
        2,
        "flag provided but not defined: -x\nUsage of down:\n  -all\n    \tApply all down migrations\n  -help\n    \tPrint help information\n",
    );
    expect(
        &run(&["-path", &good, "-database", DB, "drop", "-help"], None),
        0,
        "drop [-f]    Drop everything inside database\n\tUse -f to bypass confirmation\n  -f\tForce the drop command by bypassing the confirmation prompt\n  -help\n    \tPrint help information\n",
    );
    // the sub-command checks its flags before the (failed) connection
    expect(&run(&["-path", &good, "-database", DB, "up", "-h"], None), 0, "Usage of up:\n  -help\n    \tPrint help information\n");
}

#[test]
fn drop_prompt_comes_before_the_connection_error() {
    let s = Scratch::new("cli-drop");
    let good = s.fixture("good", &good());
    expect(
        &run(&["-path", &good, "-database", DB, "drop"], None),
        1,
        "Are you sure you want to drop the entire database schema? [y/N]\nAborted dropping the entire database schema\n",
    );
    expect(
        &run(&["-path", &good, "-database", DB, "drop"], Some("y\n")),
        1,
        "Are you sure you want to drop the entire database schema? [y/N]\nDropping the entire database schema\nerror: failed to open database: dial tcp 127.0.0.1:1: connect: connection refused\n",
    );
}

#[test]
fn ssl_accepting_server_is_reported_as_unimplemented_tls() {
    use std::io::{Read, Write};
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let srv = std::thread::spawn(move || {
        for answer in [b'N', b'S'] {
            let (mut c, _) = l.accept().unwrap();
            let mut req = [0u8; 8];
            c.read_exact(&mut req).unwrap();
            assert_eq!(req, [0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f], "an SSLRequest");
            c.write_all(&[answer]).unwrap();
        }
    });
    let s = Scratch::new("cli-ssl");
    let good = s.fixture("good", &good());
    let url = format!("postgres://u:p@127.0.0.1:{port}/db");
    expect(
        &run(&["-path", &good, "-database", &url, "version"], None),
        1,
        "error: failed to open database: pq: SSL is not enabled on the server\n",
    );
    let out = run(&["-path", &good, "-database", &url, "version"], None);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.starts_with("error: failed to open database: golang-migrate-double:") && out.stderr.contains("TLS"),
        "{}",
        out.stderr
    );
    srv.join().unwrap();
}

#[test]
fn create_is_not_implemented() {
    let out = run(&["create", "-ext", "sql", "x"], None);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("not implemented"), "{}", out.stderr);
}
