//! Replays of the reference transcript's scenarios (golang-migrate v4.19.1
//! against PostgreSQL) against a throwaway server: exit code, stderr (durations
//! normalised) and the database state after each step.

mod common;
use common::*;

#[test]
fn s1_good_set() {
    let b = Bench::new("s1");
    let dir = b.scratch.fixture("good", &good());
    b.pg.create_db("good");
    let m = |cmd: &[&str]| b.mig(&dir, "good", cmd);

    expect(&m(&["version"]), 1, "error: no migration\n");
    // even `version` creates the table
    assert_eq!(
        b.pg.query("good", "SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name='schema_migrations' ORDER BY ordinal_position"),
        strs(&["version|bigint|NO", "dirty|boolean|NO"])
    );
    assert_eq!(
        b.pg.query("good", "SELECT indexdef FROM pg_indexes WHERE tablename='schema_migrations'"),
        strs(&["CREATE UNIQUE INDEX schema_migrations_pkey ON public.schema_migrations USING btree (version)"])
    );
    expect(&m(&["up"]), 0, "1/u create_users (7.897865ms)\n2/u add_email (11.668647ms)\n3/u create_posts (16.865042ms)\n");
    expect(&m(&["version"]), 0, "3\n");
    assert_eq!(b.rows("good"), strs(&["3|f"]));
    assert_eq!(b.tables("good"), strs(&["posts", "schema_migrations", "users"]));
    expect(&m(&["up"]), 0, "no change\n");

    // `-verbose` after the command is a sub-command flag: not defined for `up`
    expect(&m(&["up", "-verbose"]), 2, "flag provided but not defined: -verbose\nUsage of up:\n  -help\n    \tPrint help information\n");
    // no command: usage, exit 2 (after connecting, like the real tool)
    assert_eq!(b.mig_url(&dir, &b.url("good"), &[]).code, 2);
    let v = run(&["-path", &dir, "-database", &b.url("good"), "-verbose", "up"], None);
    assert_eq!(v.code, 0);
    assert_eq!(normalize_verbose(&v.stderr), "no change\nFinished after DUR\nClosing source and database\n");

    expect(&m(&["down", "1"]), 0, "3/d create_posts (5.769463ms)\n");
    expect(&m(&["version"]), 0, "2\n");
    assert_eq!(b.tables("good"), strs(&["schema_migrations", "users"]));
    expect(&m(&["up", "1"]), 0, "3/u create_posts (6.753562ms)\n");
    expect(&m(&["up", "1"]), 1, "error: file does not exist\n");
    expect(&m(&["goto", "1"]), 0, "3/d create_posts (5.369227ms)\n2/d add_email (8.744685ms)\n");
    assert_eq!(b.rows("good"), strs(&["1|f"]));
    expect(&m(&["up", "5"]), 1, "2/u add_email (4.307681ms)\n3/u create_posts (10.615991ms)\nerror: limit 3 short\n");
    expect(&m(&["version"]), 0, "3\n");
    let nf = |v: u64| {
        let e = format!("error: no migration found for version {v}: read down for version {v} .: file does not exist");
        format!("{e}{e}\n")
    };
    expect(&m(&["goto", "9"]), 1, &nf(9));
    expect(&m(&["goto", "3"]), 0, "no change\n");
    expect(&m(&["down"]), 1, "Are you sure you want to apply all down migrations? [y/N]\nNot applying all down migrations\n");
    assert_eq!(b.rows("good"), strs(&["3|f"]));
    expect(
        &m(&["down", "5"]),
        1,
        "3/d create_posts (6.610534ms)\n2/d add_email (11.002465ms)\n1/d create_users (15.550591ms)\nerror: limit 2 short\n",
    );
    expect(&m(&["version"]), 1, "error: no migration\n");
    assert_eq!(b.rows("good"), Vec::<String>::new());
    expect(&m(&["up"]), 0, "1/u create_users (8.968182ms)\n2/u add_email (13.010955ms)\n3/u create_posts (21.534957ms)\n");
    expect(&m(&["down", "-all"]), 0, "3/d create_posts (8.025961ms)\n2/d add_email (14.661528ms)\n1/d create_users (20.699088ms)\n");
    expect(&m(&["version"]), 1, "error: no migration\n");
    assert_eq!(b.rows("good"), Vec::<String>::new());
    assert_eq!(b.tables("good"), strs(&["schema_migrations"]));
    expect(&m(&["down", "-all"]), 0, "no change\n");
    expect(&m(&["down", "1"]), 1, "error: file does not exist\n");
    expect(&m(&["up", "2"]), 0, "1/u create_users (10.01722ms)\n2/u add_email (16.180313ms)\n");

    let v = run(&["-path", &dir, "-database", &b.url("good"), "-verbose", "down", "-all"], None);
    assert_eq!(v.code, 0, "{}", v.stderr);
    let mut lines: Vec<String> = normalize_verbose(&v.stderr).lines().map(str::to_string).collect();
    lines.sort();
    let mut want = strs(&[
        "Start buffering 2/d add_email",
        "Start buffering 1/d create_users",
        "Read and execute 2/d add_email",
        "Finished 2/d add_email (read DUR, ran DUR)",
        "Read and execute 1/d create_users",
        "Finished 1/d create_users (read DUR, ran DUR)",
        "Finished after DUR",
        "Closing source and database",
    ]);
    want.sort();
    assert_eq!(lines, want, "{}", v.stderr);
    assert!(v.stderr.lines().all(|l| { regex::Regex::new(r"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d ").unwrap().is_match(l) }));

    expect(
        &run(&["-path", &dir, "-database", &b.url("good"), "down"], Some("y\n")),
        0,
        "Are you sure you want to apply all down migrations? [y/N]\nApplying all down migrations\nno change\n",
    );
    expect(
        &run(&["-source", &format!("file://{dir}"), "-database", &b.url("good"), "up"], None),
        0,
        "1/u create_users (9.387292ms)\n2/u add_email (14.009031ms)\n3/u create_posts (21.592819ms)\n",
    );
    expect(&m(&["goto", "0"]), 1, &nf(0));
    expect(&m(&["up", "0"]), 0, "no change\n");
    expect(&m(&["down", "0"]), 0, "no change\n");
    expect(&m(&["down", "-all", "1"]), 1, "error: -all cannot be used with other arguments\n");
    expect(&m(&["down", "1", "2"]), 1, "error: too many arguments\n");
    expect(&m(&["up", "x"]), 1, "error: can't read limit argument N\n");
    expect(&m(&["goto"]), 1, "error: please specify version argument V\n");
    expect(&m(&["goto", "-1"]), 2, "flag provided but not defined: -1\nUsage of goto:\n  -help\n    \tPrint help information\n");
    assert_eq!(b.rows("good"), strs(&["3|f"]));

    // section 12: drop
    expect(
        &m(&["drop"]),
        1,
        "Are you sure you want to drop the entire database schema? [y/N]\nAborted dropping the entire database schema\n",
    );
    assert_eq!(b.tables("good"), strs(&["posts", "schema_migrations", "users"]));
    expect(&m(&["drop", "-f"]), 0, "");
    assert_eq!(b.tables("good"), Vec::<String>::new());
}

#[test]
fn s2_syntax_error_in_third_of_four_then_force() {
    let b = Bench::new("s2");
    let dir = b.scratch.fixture("failing", &failing("3_broken.up.sql", BROKEN_SYNTAX, "3_broken.down.sql"));
    b.pg.create_db("failing");
    let m = |cmd: &[&str]| b.mig(&dir, "failing", cmd);

    expect(
        &m(&["up"]),
        1,
        &format!(
            "1/u create_users (6.41666ms)\n2/u add_email (10.636802ms)\nerror: migration failed: syntax error at or near \"TABLEX\" (column 8) in line 3: {BROKEN_SYNTAX} (details: pq: syntax error at or near \"TABLEX\")\n"
        ),
    );
    expect(&m(&["version"]), 0, "3 (dirty)\n");
    assert_eq!(b.rows("failing"), strs(&["3|t"]));
    assert_eq!(b.tables("failing"), strs(&["schema_migrations", "users"]));
    let dirty = "error: Dirty database version 3. Fix and force version.\n";
    for cmd in [&["up"][..], &["down", "1"], &["goto", "1"], &["down", "-all"]] {
        expect(&m(cmd), 1, dirty);
    }
    assert_eq!(b.rows("failing"), strs(&["3|t"]));
    expect(&m(&["force", "2"]), 0, "");
    expect(&m(&["version"]), 0, "2\n");
    assert_eq!(b.rows("failing"), strs(&["2|f"]));
    expect(&m(&["goto", "1"]), 0, "2/d add_email (5.800694ms)\n");
    expect(&m(&["version"]), 0, "1\n");
    expect(&m(&["down", "-all"]), 0, "1/d create_users (7.053077ms)\n");
    expect(&m(&["version"]), 1, "error: no migration\n");
    assert_eq!(b.rows("failing"), Vec::<String>::new());

    let force_usage = "Usage of force:\n  -help\n    \tPrint help information\n";
    expect(&m(&["force", "-1"]), 2, &format!("flag provided but not defined: -1\n{force_usage}"));
    expect(&m(&["version"]), 1, "error: no migration\n");
    assert_eq!(b.rows("failing"), Vec::<String>::new());
    expect(&m(&["force", "3"]), 0, "");
    expect(&m(&["version"]), 0, "3\n");
    expect(&m(&["force", "-2"]), 2, &format!("flag provided but not defined: -2\n{force_usage}"));
    expect(&m(&["force", "abc"]), 1, "error: can't read version argument V\n");
    expect(&m(&["force", "--", "-2"]), 1, "error: argument V must be >= -1\n");
    expect(&m(&["force"]), 1, "error: please specify version argument V\n");
    expect(&m(&["force", "99"]), 0, "");
    expect(&m(&["version"]), 0, "99\n");
    let nf = |v: u64| {
        let e = format!("error: no migration found for version {v}: read down for version {v} .: file does not exist");
        format!("{e}{e}\n")
    };
    expect(&m(&["up"]), 1, &nf(99));
    expect(&m(&["force", "0"]), 0, "");
    expect(&m(&["up"]), 1, &nf(0));
    assert_eq!(b.rows("failing"), strs(&["0|f"]));
}

#[test]
fn s3_failing_down_of_first_migration_leaves_dirty_nil_version() {
    let b = Bench::new("s3");
    let dir = b.scratch.fixture("faildown", &[("1_fd.up.sql", "CREATE TABLE fd (id int);\n"), ("1_fd.down.sql", "DROP TABLEX fd;\n")]);
    b.pg.create_db("faildown");
    let m = |cmd: &[&str]| b.mig(&dir, "faildown", cmd);
    expect(&m(&["up"]), 0, "1/u fd (5.358401ms)\n");
    expect(
        &m(&["down", "-all"]),
        1,
        "error: migration failed: syntax error at or near \"TABLEX\" (column 6) in line 1: DROP TABLEX fd;\n (details: pq: syntax error at or near \"TABLEX\")\n",
    );
    expect(&m(&["version"]), 1, "error: no migration\n");
    assert_eq!(b.rows("faildown"), strs(&["-1|t"]));
    expect(&m(&["up"]), 1, "error: Dirty database version -1. Fix and force version.\n");
    assert_eq!(b.tables("faildown"), strs(&["fd", "schema_migrations"]));
}

#[test]
fn s4_bad_database_urls() {
    let b = Bench::new("s4");
    let dir = b.scratch.fixture("good", &good());
    b.pg.create_db("good");
    let port = b.pg.port();
    let pw = testkit::pg::PASSWORD;
    let u = |rest: &str| format!("postgres://postgres:{pw}@127.0.0.1:{port}/{rest}");
    let v = |url: &str| b.mig_url(&dir, url, &["version"]);

    expect(
        &v(&format!("postgres://postgres:WRONG@127.0.0.1:{port}/good?sslmode=disable")),
        1,
        "error: failed to open database: pq: password authentication failed for user \"postgres\"\n",
    );
    expect(
        &v(&format!("postgres://postgres:{pw}@127.0.0.1:1/good?sslmode=disable")),
        1,
        "error: failed to open database: dial tcp 127.0.0.1:1: connect: connection refused\n",
    );
    expect(&v(&u("good")), 1, "error: failed to open database: pq: SSL is not enabled on the server\n");
    expect(&v(&u("good?sslmode=require")), 1, "error: failed to open database: pq: SSL is not enabled on the server\n");
    for mode in ["prefer", "allow"] {
        expect(
            &v(&u(&format!("good?sslmode={mode}"))),
            1,
            &format!(
                "error: failed to open database: pq: unsupported sslmode \"{mode}\"; only \"require\" (default), \"verify-full\", \"verify-ca\", and \"disable\" supported\n"
            ),
        );
    }
    expect(&v(&u("nosuchdb?sslmode=disable")), 1, "error: failed to open database: pq: database \"nosuchdb\" does not exist\n");
    // nothing was created by the failed attempts
    assert_eq!(b.tables("good"), Vec::<String>::new());
    expect(&b.mig(&dir, "good", &["up"]), 0, "1/u create_users (1ms)\n2/u add_email (1ms)\n3/u create_posts (1ms)\n");
    expect(&v(&format!("postgresql://postgres:{pw}@127.0.0.1:{port}/good?sslmode=disable")), 0, "3\n");

    // x-migrations-table: a second version table, so migration 1 runs again and fails
    let url = format!("{}&x-migrations-table=my_versions", b.url("good"));
    expect(
        &b.mig_url(&dir, &url, &["up"]),
        1,
        &format!(
            "error: migration failed: relation \"users\" already exists in line 0: {USERS_UP} (details: pq: relation \"users\" already exists)\n"
        ),
    );
    assert_eq!(b.pg.query("good", "SELECT version, dirty FROM my_versions"), strs(&["1|t"]));
    expect(&b.mig_url(&dir, &url, &["version"]), 0, "1 (dirty)\n");
    assert_eq!(b.rows("good"), strs(&["3|f"]));

    // bad x- options are reported before connecting
    expect(
        &b.mig_url(&dir, &format!("{}&x-statement-timeout=abc", b.url("good")), &["version"]),
        1,
        "error: failed to open database: strconv.Atoi: parsing \"abc\": invalid syntax\n",
    );
    expect(
        &b.mig_url(&dir, &format!("{}&x-multi-statement=maybe", b.url("good")), &["version"]),
        1,
        "error: failed to open database: Unable to parse option x-multi-statement: strconv.ParseBool: parsing \"maybe\": invalid syntax\n",
    );
    // lib/pq run-time parameters are passed on (search_path decides current_schema())
    b.pg.query("good", "CREATE SCHEMA other");
    let url = format!("{}&search_path=other", b.url("good"));
    expect(&b.mig_url(&dir, &url, &["version"]), 1, "error: no migration\n");
    assert_eq!(
        b.pg.query("good", "SELECT count(*) FROM information_schema.tables WHERE table_schema='other' AND table_name='schema_migrations'"),
        strs(&["1"])
    );
}

#[test]
fn s5_s6_out_of_order_and_missing_files() {
    let b = Bench::new("s5");
    let ooo_dir = b.scratch.fixture("ooo", &ooo(false, true));
    let plus = b.scratch.fixture("ooo_plus", &ooo(true, true));
    let missing = b.scratch.fixture("missing", &ooo(false, false));
    b.pg.create_db("ooo");
    expect(&b.mig(&ooo_dir, "ooo", &["up"]), 0, "10/u o10 (4.6ms)\n20/u o20 (8.8ms)\n30/u o30 (12.7ms)\n");
    expect(&b.mig(&ooo_dir, "ooo", &["version"]), 0, "30\n");
    expect(&b.mig(&plus, "ooo", &["up"]), 0, "no change\n");
    expect(&b.mig(&plus, "ooo", &["version"]), 0, "30\n");
    assert_eq!(b.tables("ooo"), strs(&["o10", "o20", "o30", "schema_migrations"]));
    expect(&b.mig(&plus, "ooo", &["down", "1"]), 0, "30/d o30 (4.656931ms)\n");
    expect(&b.mig(&plus, "ooo", &["version"]), 0, "25\n");
    expect(
        &b.mig(&plus, "ooo", &["down", "1"]),
        1,
        "error: migration failed: table \"o25\" does not exist in line 0: DROP TABLE o25;\n (details: pq: table \"o25\" does not exist)\n",
    );
    expect(&b.mig(&plus, "ooo", &["version"]), 0, "20 (dirty)\n");
    assert_eq!(b.tables("ooo"), strs(&["o10", "o20", "schema_migrations"]));

    // section 6
    b.pg.create_db("missing");
    expect(&b.mig(&ooo_dir, "missing", &["up"]), 0, "10/u o10 (1ms)\n20/u o20 (1ms)\n30/u o30 (1ms)\n");
    expect(&b.mig(&missing, "missing", &["version"]), 0, "30\n");
    let e = "error: no migration found for version 30: read down for version 30 .: file does not exist";
    let doubled = format!("{e}{e}\n");
    expect(&b.mig(&missing, "missing", &["up"]), 1, &doubled);
    expect(&b.mig(&missing, "missing", &["down", "1"]), 1, &doubled);
    expect(&b.mig(&missing, "missing", &["goto", "10"]), 1, &doubled);
    assert_eq!(b.rows("missing"), strs(&["30|f"]));
    // in verbose mode both copies get a timestamp and a newline
    let v = run(&["-path", &missing, "-database", &b.url("missing"), "-verbose", "up"], None);
    assert_eq!(v.code, 1);
    let body = &e["error: ".len()..];
    assert_eq!(normalize_verbose(&v.stderr), format!("error: {body}\nerror: {body}\n"));
    expect(&b.mig(&missing, "missing", &["force", "20"]), 0, "");
    expect(&b.mig(&missing, "missing", &["version"]), 0, "20\n");
    expect(&b.mig(&missing, "missing", &["up"]), 0, "no change\n");
    assert_eq!(b.tables("missing"), strs(&["o10", "o20", "o30", "schema_migrations"]));
}

#[test]
fn s7_s8_s9_multi_statement_concurrently_explicit_tx() {
    let b = Bench::new("s7");
    let partial = "CREATE TABLE m1 (id int);\nINSERT INTO m1 VALUES (1);\nCREATE TABLEX m_oops (id int);\nCREATE TABLE m2 (id int);\n";
    let ms = b.scratch.fixture("multistmt", &[("1_partial.up.sql", partial)]);
    b.pg.create_db("ms1");
    expect(
        &b.mig(&ms, "ms1", &["up"]),
        1,
        &format!(
            "error: migration failed: syntax error at or near \"TABLEX\" (column 8) in line 3: {partial} (details: pq: syntax error at or near \"TABLEX\")\n"
        ),
    );
    assert_eq!(b.tables("ms1"), strs(&["schema_migrations"]));
    b.pg.create_db("ms2");
    let url = format!("{}&x-multi-statement=true", b.url("ms2"));
    expect(
        &b.mig_url(&ms, &url, &["up"]),
        1,
        "error: migration failed: syntax error at or near \"TABLEX\" (column 8) in line 2: \nCREATE TABLEX m_oops (id int); (details: pq: syntax error at or near \"TABLEX\")\n",
    );
    assert_eq!(b.tables("ms2"), strs(&["m1", "schema_migrations"]));
    expect(&b.mig_url(&ms, &url, &["version"]), 0, "1 (dirty)\n");

    // section 8
    let c1 = ("1_c1.up.sql", "CREATE TABLE c1 (id int);\n");
    let conc = b.scratch.fixture("concurrently", &[c1, ("2_conc.up.sql", "CREATE INDEX CONCURRENTLY c1_id_idx ON c1 (id);\nSELECT 1;\n")]);
    let single =
        b.scratch.fixture("concurrently_single", &[c1, ("2_conc_single.up.sql", "CREATE INDEX CONCURRENTLY c1_id_idx ON c1 (id);\n")]);
    b.pg.create_db("conc1");
    expect(
        &b.mig(&conc, "conc1", &["up"]),
        1,
        "1/u c1 (4.258673ms)\nerror: migration failed: CREATE INDEX CONCURRENTLY cannot run inside a transaction block in line 0: CREATE INDEX CONCURRENTLY c1_id_idx ON c1 (id);\nSELECT 1;\n (details: pq: CREATE INDEX CONCURRENTLY cannot run inside a transaction block)\n",
    );
    assert_eq!(b.rows("conc1"), strs(&["2|t"]));
    b.pg.create_db("conc2");
    expect(&b.mig(&single, "conc2", &["up"]), 0, "1/u c1 (4.066578ms)\n2/u conc_single (8.785606ms)\n");
    assert_eq!(b.pg.query("conc2", "SELECT indexname FROM pg_indexes WHERE tablename='c1'"), strs(&["c1_id_idx"]));

    // section 9: explicit BEGIN/COMMIT + syntax error: nothing runs
    let explicit = "CREATE TABLE e_before (id int);\nBEGIN;\nCREATE TABLE e_in (id int);\nCOMMIT;\nCREATE TABLEX e_oops (id int);\n";
    let etx = b.scratch.fixture("explicit_tx", &[("1_explicit.up.sql", explicit)]);
    b.pg.create_db("etx");
    expect(
        &b.mig(&etx, "etx", &["up"]),
        1,
        &format!(
            "error: migration failed: syntax error at or near \"TABLEX\" (column 8) in line 5: {explicit} (details: pq: syntax error at or near \"TABLEX\")\n"
        ),
    );
    assert_eq!(b.tables("etx"), strs(&["schema_migrations"]));
}

#[test]
fn s10_s11_s15_file_names_up_only_and_empty_dir() {
    let b = Bench::new("s10");
    let naming = b.scratch.fixture(
        "naming",
        &[
            ("08_leading_zero.up.sql", "CREATE TABLE n8 (id int);\n"),
            ("1_ok.up.sql", "CREATE TABLE n1 (id int);\n"),
            ("2_noext.up", "CREATE TABLE bad2 (id int);\n"),
            ("3.up.sql", "CREATE TABLE bad3 (id int);\n"),
            ("4_x.UP.sql", "CREATE TABLE bad4 (id int);\n"),
            ("6_up_only.up.sql", "CREATE TABLE n6 (id int);\n"),
            ("7_down_only.down.sql", "CREATE TABLE n7_down (id int);\n"),
            ("9_multi.dots.up.sql.txt", "CREATE TABLE n9 (id int);\n"),
            ("README.md", "# not a migration\n"),
            ("V5__flyway.sql", "CREATE TABLE bad5 (id int);\n"),
            ("10_subdir.up.sql/ignored.sql", "CREATE TABLE bad10 (id int);\n"),
            ("11_blank.up.sql", "  \n\t\n"),
        ],
    );
    b.pg.create_db("naming");
    let v = run(&["-path", &naming, "-database", &b.url("naming"), "-verbose", "up"], None);
    assert_eq!(v.code, 0, "{}", v.stderr);
    let got = normalize_verbose(&v.stderr);
    for line in [
        "Start buffering 1/u ok",
        "Start buffering 6/u up_only",
        "Scheduled 7/u <empty>",
        "Start buffering 8/u leading_zero",
        "Start buffering 9/u multi.dots",
        "Finished 1/u ok (read DUR, ran DUR)",
        "Finished 7/u <empty> (read DUR, ran DUR)",
        "Finished 9/u multi.dots (read DUR, ran DUR)",
        "Finished 11/u blank (read DUR, ran DUR)",
        "Finished after DUR",
        "Closing source and database",
    ] {
        assert!(got.lines().any(|l| l == line), "missing {line:?} in\n{got}");
    }
    assert!(v.stderr.contains("Finished 7/u <empty> (read 0s, ran "), "{}", v.stderr);
    assert_eq!(b.rows("naming"), strs(&["11|f"]));
    assert_eq!(b.tables("naming"), strs(&["n1", "n6", "n8", "n9", "schema_migrations"]));
    expect(
        &b.mig(&naming, "naming", &["down", "-all"]),
        0,
        "11/d <empty> (1ms)\n9/d <empty> (1ms)\n8/d <empty> (1ms)\n7/d down_only (1ms)\n6/d <empty> (1ms)\n1/d <empty> (1ms)\n",
    );
    assert_eq!(b.tables("naming"), strs(&["n1", "n6", "n7_down", "n8", "n9", "schema_migrations"]));
    expect(&b.mig(&naming, "naming", &["version"]), 1, "error: no migration\n");

    // section 11
    let ups =
        b.scratch.fixture("upsonly", &[("1_u1.up.sql", "CREATE TABLE u1 (id int);\n"), ("2_u2.up.sql", "CREATE TABLE u2 (id int);\n")]);
    b.pg.create_db("upsonly");
    expect(&b.mig(&ups, "upsonly", &["up"]), 0, "1/u u1 (3.713818ms)\n2/u u2 (7.117764ms)\n");
    expect(&b.mig(&ups, "upsonly", &["down", "-all"]), 0, "2/d <empty> (4.245669ms)\n1/d <empty> (7.199746ms)\n");
    expect(&b.mig(&ups, "upsonly", &["version"]), 1, "error: no migration\n");
    assert_eq!(b.tables("upsonly"), strs(&["schema_migrations", "u1", "u2"]));

    // section 15
    let empty = b.scratch.fixture("empty_dir", &[(".keep", "")]);
    b.pg.create_db("emptydir");
    expect(&b.mig(&empty, "emptydir", &["up"]), 1, "error: first .: file does not exist\n");
    expect(&b.mig(&empty, "emptydir", &["version"]), 1, "error: no migration\n");
    expect(&b.mig(&empty, "emptydir", &["down", "-all"]), 0, "no change\n");
    expect(&b.mig(&empty, "emptydir", &["up", "1"]), 1, "error: first .: file does not exist\n");
    expect(&b.mig(&empty, "emptydir", &["goto", "1"]), 1, &{
        let e = "error: no migration found for version 1: read down for version 1 .: file does not exist";
        format!("{e}{e}\n")
    });
    assert_eq!(b.rows("emptydir"), Vec::<String>::new());
}

#[test]
fn s13_s14_runtime_errors_roll_back_the_file() {
    let b = Bench::new("s13");
    let dir = b.scratch.fixture("failing_rt", &failing("3_broken_runtime.up.sql", BROKEN_RUNTIME, "3_broken_runtime.down.sql"));
    b.pg.create_db("failing_rt");
    let m = |cmd: &[&str]| b.mig(&dir, "failing_rt", cmd);
    expect(
        &m(&["up"]),
        1,
        &format!(
            "1/u create_users (8.32413ms)\n2/u add_email (12.969734ms)\nerror: migration failed: relation \"no_such_table\" does not exist (column 13) in line 3: {BROKEN_RUNTIME} (details: pq: relation \"no_such_table\" does not exist)\n"
        ),
    );
    expect(&m(&["version"]), 0, "3 (dirty)\n");
    assert_eq!(b.rows("failing_rt"), strs(&["3|t"]));
    // statements 1-2 of file 3 were rolled back with the implicit transaction
    assert_eq!(b.tables("failing_rt"), strs(&["schema_migrations", "users"]));
    expect(&m(&["force", "--", "-1"]), 0, "");
    expect(&m(&["version"]), 1, "error: no migration\n");
    assert_eq!(b.pg.query("failing_rt", "SELECT count(*) FROM schema_migrations"), strs(&["0"]));
    expect(&m(&["force", "2"]), 0, "");
    expect(&m(&["version"]), 0, "2\n");
    expect(&m(&["down", "-all"]), 0, "2/d add_email (6.869374ms)\n1/d create_users (12.518497ms)\n");
    expect(&m(&["version"]), 1, "error: no migration\n");
    assert_eq!(b.tables("failing_rt"), strs(&["schema_migrations"]));

    // section 14: explicit COMMIT inside the file commits what precedes it
    let body = "CREATE TABLE e_before (id int);\nBEGIN;\nCREATE TABLE e_in (id int);\nCOMMIT;\nCREATE TABLE e_after (id int);\nINSERT INTO no_such_table VALUES (1);\n";
    let etx = b.scratch.fixture("explicit_tx_rt", &[("1_explicit_rt.up.sql", body)]);
    b.pg.create_db("etx_rt");
    expect(
        &b.mig(&etx, "etx_rt", &["up"]),
        1,
        &format!(
            "error: migration failed: relation \"no_such_table\" does not exist (column 13) in line 6: {body} (details: pq: relation \"no_such_table\" does not exist)\n"
        ),
    );
    expect(&b.mig(&etx, "etx_rt", &["version"]), 0, "1 (dirty)\n");
    assert_eq!(b.tables("etx_rt"), strs(&["e_before", "e_in", "schema_migrations"]));
}

#[test]
fn error_detail_and_statement_timeout() {
    let b = Bench::new("detail");
    let dup = "CREATE TABLE d (id int PRIMARY KEY);\nINSERT INTO d VALUES (1);\nINSERT INTO d VALUES (1);\n";
    let dir = b.scratch.fixture("detail", &[("1_dup.up.sql", dup)]);
    b.pg.create_db("detail");
    expect(
        &b.mig(&dir, "detail", &["up"]),
        1,
        &format!(
            "error: migration failed: duplicate key value violates unique constraint \"d_pkey\", Key (id)=(1) already exists. in line 0: {dup} (details: pq: duplicate key value violates unique constraint \"d_pkey\")\n"
        ),
    );

    let slow = "SELECT pg_sleep(5);\n";
    let dir = b.scratch.fixture("timeout", &[("1_slow.up.sql", slow)]);
    b.pg.create_db("timeout");
    let url = format!("{}&x-statement-timeout=300", b.url("timeout"));
    let t = std::time::Instant::now();
    expect(
        &b.mig_url(&dir, &url, &["up"]),
        1,
        &format!(
            "error: migration failed: canceling statement due to user request in line 0: {slow} (details: pq: canceling statement due to user request)\ncontext deadline exceeded in line 0: SELECT pg_advisory_unlock($1)\n"
        ),
    );
    assert!(t.elapsed() < std::time::Duration::from_secs(4));
    assert_eq!(b.rows("timeout"), strs(&["1|t"]));
}
