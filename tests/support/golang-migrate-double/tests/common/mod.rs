//! Shared helpers for the golang-migrate test-double tests: run the `migrate`
//! binary, write fixture directories, normalise durations, compare stderr.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub use testkit::pg::Postgres;

pub const BIN: &str = env!("CARGO_BIN_EXE_migrate");

pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Run the double with `args`; stdin is /dev/null unless `stdin` is given.
pub fn run(args: &[&str], stdin: Option<&str>) -> Out {
    let mut cmd = Command::new(BIN);
    cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    for v in ["PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE", "PGSSLMODE", "PGOPTIONS", "PGPASSFILE"] {
        cmd.env_remove(v);
    }
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    let mut child = cmd.spawn().expect("spawn migrate double");
    if let Some(input) = stdin {
        use std::io::Write;
        let mut si = child.stdin.take().unwrap();
        si.write_all(input.as_bytes()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Replace the duration in progress lines (`1/u name (7.8ms)`) with `(DUR)`.
pub fn normalize(s: &str) -> String {
    let re = regex::Regex::new(r"(?m)^(\d+/[ud] .*) \(([0-9]+(\.[0-9]+)?(ns|µs|ms|s|m|h))+\)$").unwrap();
    re.replace_all(s, "${1} (DUR)").into_owned()
}

/// Strip Go `log` timestamps (verbose mode) and normalise durations everywhere.
pub fn normalize_verbose(s: &str) -> String {
    let ts = regex::Regex::new(r"(?m)^\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2} ").unwrap();
    let d = regex::Regex::new(r"([0-9]+(\.[0-9]+)?(ns|µs|ms|s|m|h))+").unwrap();
    let s = ts.replace_all(s, "");
    d.replace_all(&s, "DUR").into_owned()
}

/// A scratch directory removed on drop.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(tag: &str) -> Scratch {
        let p = std::env::temp_dir().join(format!("gm-double-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        Scratch(p)
    }

    /// Create `<root>/<name>` with the given files; returns its path as a string.
    pub fn fixture(&self, name: &str, files: &[(&str, &str)]) -> String {
        let dir = self.0.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        for (f, body) in files {
            let p = dir.join(f);
            if let Some(parent) = p.parent() {
                std::fs::create_dir_all(parent).unwrap();
            }
            std::fs::write(p, body).unwrap();
        }
        dir.to_string_lossy().into_owned()
    }

    pub fn path(&self, name: &str) -> String {
        self.0.join(name).to_string_lossy().into_owned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Assert exit code, empty stdout and exact (duration-normalised) stderr.
#[track_caller]
pub fn expect(out: &Out, code: i32, stderr: &str) {
    assert_eq!(out.stdout, "", "stdout must be empty; stderr was:\n{}", out.stderr);
    assert_eq!(normalize(&out.stderr), normalize(stderr), "stderr mismatch (exit code {}):\n--- actual ---\n{}", out.code, out.stderr);
    assert_eq!(out.code, code, "exit code; stderr:\n{}", out.stderr);
}

/// A test bench: a server, a scratch dir, and helpers that run `migrate -path DIR -database URL ...`.
pub struct Bench {
    pub pg: Postgres,
    pub scratch: Scratch,
}

impl Bench {
    pub fn new(tag: &str) -> Bench {
        Bench { pg: Postgres::start(), scratch: Scratch::new(tag) }
    }

    pub fn url(&self, db: &str) -> String {
        self.pg.url(db)
    }

    /// `migrate -path <dir> -database <url(db)[&extra]> <cmd...>`
    pub fn mig(&self, dir: &str, db: &str, cmd: &[&str]) -> Out {
        self.mig_url(dir, &self.url(db), cmd)
    }

    pub fn mig_url(&self, dir: &str, url: &str, cmd: &[&str]) -> Out {
        let mut args = vec!["-path", dir, "-database", url];
        args.extend_from_slice(cmd);
        run(&args, None)
    }

    /// `SELECT version, dirty FROM schema_migrations` as `v|t` strings.
    pub fn rows(&self, db: &str) -> Vec<String> {
        self.pg.query(db, "SELECT version, dirty FROM schema_migrations")
    }

    /// Tables in `public`, sorted.
    pub fn tables(&self, db: &str) -> Vec<String> {
        self.pg.query(db, "SELECT table_name FROM information_schema.tables WHERE table_schema='public' ORDER BY 1")
    }
}

pub fn strs(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

pub fn exists(p: &str) -> bool {
    Path::new(p).exists()
}

// ---------------------------------------------------------------------------
// Fixtures (our own, shaped like the ones of the reference transcript).

pub const USERS_UP: &str =
    "CREATE TABLE users (\n  id serial PRIMARY KEY,\n  name text NOT NULL\n);\nCREATE INDEX users_name_idx ON users (name);\n";

pub fn good() -> Vec<(&'static str, &'static str)> {
    vec![
        ("1_create_users.up.sql", USERS_UP),
        ("1_create_users.down.sql", "DROP TABLE users;\n"),
        ("2_add_email.up.sql", "ALTER TABLE users ADD COLUMN email text;\n"),
        ("2_add_email.down.sql", "ALTER TABLE users DROP COLUMN email;\n"),
        ("3_create_posts.up.sql", "CREATE TABLE posts (id serial PRIMARY KEY, user_id int REFERENCES users (id), body text);\n"),
        ("3_create_posts.down.sql", "DROP TABLE posts;\n"),
    ]
}

pub const BROKEN_SYNTAX: &str =
    "CREATE TABLE t3a (id int);\nINSERT INTO t3a VALUES (1);\nCREATE TABLEX t3_oops (id int);\nCREATE TABLE t3b (id int);\n";
pub const BROKEN_RUNTIME: &str =
    "CREATE TABLE t3a (id int);\nINSERT INTO t3a VALUES (1);\nINSERT INTO no_such_table VALUES (1);\nCREATE TABLE t3b (id int);\n";

pub fn failing(third_name: &'static str, third_up: &'static str, third_down: &'static str) -> Vec<(&'static str, &'static str)> {
    let mut v = good();
    v.truncate(4);
    v.push((third_name, third_up));
    v.push((third_down, "DROP TABLE IF EXISTS t3b;\nDROP TABLE IF EXISTS t3a;\n"));
    v.push(("4_after.up.sql", "CREATE TABLE t4 (id int);\n"));
    v.push(("4_after.down.sql", "DROP TABLE t4;\n"));
    v
}

pub fn ooo(with_late: bool, with_30: bool) -> Vec<(&'static str, &'static str)> {
    let mut v = vec![
        ("10_o10.up.sql", "CREATE TABLE o10 (id int);\n"),
        ("10_o10.down.sql", "DROP TABLE o10;\n"),
        ("20_o20.up.sql", "CREATE TABLE o20 (id int);\n"),
        ("20_o20.down.sql", "DROP TABLE o20;\n"),
    ];
    if with_late {
        v.push(("25_o25_late.up.sql", "CREATE TABLE o25 (id int);\n"));
        v.push(("25_o25_late.down.sql", "DROP TABLE o25;\n"));
    }
    if with_30 {
        v.push(("30_o30.up.sql", "CREATE TABLE o30 (id int);\n"));
        v.push(("30_o30.down.sql", "DROP TABLE o30;\n"));
    }
    v
}
