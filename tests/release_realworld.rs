//! Every real project in `test-fixtures/realworld/` (see its README), released
//! by the runner as a user would, against a real PostgreSQL with the real
//! dbmate and the golang-migrate test double:
//!
//! 1. the default release (`migrations release`, MIGRATIONS_TX_MODE unset) on
//!    an empty database leaves what the tool's own `up` leaves on another:
//!    the same schema (`pg_dump --schema-only`), the same version rows, and the
//!    tool's own `version`/`status` says the same of both;
//! 2. the first half applied by the tool, then the rest plus a migration that
//!    fails at run time: exit 1 and the database exactly as found (`all`
//!    mode), or, where the release runs in `file` mode, a report that is true
//!    line by line (each claim checked against the database).
//!
//! The fixtures are found by listing the directory, so a new one is covered
//! without touching this file. What a project's database needs before its
//! tool runs is set up here the way the project's own repository does it
//! ([`PREPS`], [`SERVER_PREPS`]). One summary line per fixture is printed
//! (`--nocapture` shows them); every mismatch of every fixture is listed at the
//! end, not only the first. `REALWORLD_FIXTURES=name,name` runs only those.

mod common;

use common::*;
use std::collections::BTreeSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use testkit::pg::Postgres;

/// What a fixture's database needs before its tool runs, done as the project's own repository does it.
struct Prep {
    fixture: &'static str,
    /// SQL run on each new database (`{db}` is replaced by the quoted database name).
    sql: &'static str,
    /// A directory of the fixture whose `.sql` files are run in version order on each new database.
    files: &'static str,
    /// An extension that Debian's postgresql-15 does not ship (scripts/setup.sh installs it).
    extension: &'static str,
    /// A login role the project creates and migrates as: a superuser (made one again before each
    /// fresh database, since the project's first migration takes that away cluster-wide), owner of
    /// the database, and the user in the URL the tool and the runner get.
    role: &'static str,
    /// Where the project does this.
    why: &'static str,
}

const PREPS: &[Prep] = &[
    Prep {
        fixture: "measure",
        sql: "CREATE SCHEMA measure; ALTER DATABASE {db} SET search_path TO measure, \"$user\", public;",
        files: "",
        extension: "",
        role: "",
        why: "self-host/postgres/init-postgres.sh creates the schema and sets the database's search_path before dbmate runs",
    },
    Prep {
        fixture: "mergestat",
        sql: "",
        files: "setup/sqlq",
        extension: "",
        role: "",
        why: "cmd/worker/main.go applies sqlq's schema (mergestat/sqlq schema.Apply, v1-v17) before golang-migrate's Up",
    },
    Prep {
        fixture: "r4c-cesium-viewer",
        sql: "CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS postgis_topology;",
        files: "",
        extension: "postgis",
        role: "",
        why: "k8s/migration-job.yaml creates both extensions before `dbmate up`",
    },
    Prep {
        fixture: "provide-ident",
        sql: "",
        files: "",
        extension: "",
        role: "ident",
        why: "cmd/migrate/main.go runs CREATE USER \"ident\" WITH SUPERUSER and CREATE DATABASE … OWNER \"ident\", then migrates as ident",
    },
];

/// A library a fixture needs preloaded on the server: (fixture, library, where the project does it).
/// Set once on the shared server (ALTER SYSTEM, restart) before any database is created.
const SERVER_PREPS: &[(&str, &str, &str)] = &[(
    "exposure-notifications",
    "pgaudit",
    "terraform/database.tf sets the Cloud SQL flag cloudsql.enable_pgaudit, which preloads pgaudit; 000052 runs CREATE EXTENSION pgaudit",
)];

const FAILING: &str = "CREATE TABLE release_canary (id int);\nINSERT INTO no_such_table VALUES (1);\n";

/// What happened to one fixture.
#[derive(Default)]
struct Outcome {
    fixture: String,
    tool: String,
    files: usize,
    whole_mode: String,
    whole_code: i32,
    equal: bool,
    half_mode: String,
    half_code: i32,
    half_result: String,
    setup: String,
    seconds: f64,
    mismatches: Vec<String>,
}

impl Outcome {
    fn summary(&self) -> String {
        format!(
            "realworld: {:<22} {:<14} {:>3} files | whole: mode {}, exit {}, equal to the tool: {} | half applied + failing: mode {}, exit {}, {} | setup: {} | {:.0} s",
            self.fixture,
            self.tool,
            self.files,
            self.whole_mode,
            self.whole_code,
            if self.equal { "yes" } else { "NO" },
            self.half_mode,
            self.half_code,
            self.half_result,
            self.setup,
            self.seconds
        )
    }

    /// Record a mismatch with the last lines of the output it was seen in (the runner's or the tool's).
    fn mismatch(&mut self, case: &str, what: impl AsRef<str>, out: &str) {
        let mut m = format!("{} ({case}): {}", self.fixture, what.as_ref());
        if !out.trim().is_empty() {
            let tail: Vec<&str> = out.lines().rev().take(25).collect::<Vec<_>>().into_iter().rev().collect();
            m.push_str(&format!("\n    --- output, last lines ---\n    {}", tail.join("\n    ")));
        }
        self.mismatches.push(m);
    }
}

/// `all`, `file` or `-` (no mode line), from the runner's `mode:` line; for an `auto` fallback, with its reason.
fn mode_of(out: &str) -> String {
    let Some(line) = out.lines().find(|l| l.starts_with("migrations: mode: ")) else { return "-".into() };
    let rest = &line["migrations: mode: ".len()..];
    if rest.starts_with("all") {
        return "all".into();
    }
    match rest.split_once("because ") {
        Some((_, why)) => format!("file (auto: {})", why.split(" (").next().unwrap_or(why)),
        None => "file".into(),
    }
}

/// Run `sql` on `db` (several statements allowed).
fn exec(pg: &Postgres, db: &str, sql: &str) -> Result<(), String> {
    pg.client(db).batch_execute(sql).map_err(|e| format!("{e}: {}", e.as_db_error().map(|d| d.message()).unwrap_or_default()))
}

/// A new empty database prepared as the fixture's project prepares it.
fn new_db(pg: &Postgres, name: &str, prep: Option<&Prep>) -> Result<String, String> {
    let db = pg.create_db(name);
    let Some(p) = prep else { return Ok(db) };
    if !p.role.is_empty() {
        make_superuser(pg, p.role)?;
        exec(pg, &db, &format!("ALTER DATABASE \"{db}\" OWNER TO {}", p.role)).map_err(|e| format!("setup: {e}"))?;
    }
    if !p.sql.is_empty() {
        exec(pg, &db, &p.sql.replace("{db}", &format!("\"{db}\""))).map_err(|e| format!("setup SQL: {e}"))?;
    }
    if !p.files.is_empty() {
        let dir = realworld_dir(p.fixture).join(p.files);
        let mut files: Vec<(u64, std::path::PathBuf)> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "sql"))
            .map(|p| {
                let n = p.file_name().unwrap().to_string_lossy().chars().filter(char::is_ascii_digit).collect::<String>();
                (n.parse().unwrap_or(0), p)
            })
            .collect();
        files.sort();
        for (_, f) in files {
            exec(pg, &db, &std::fs::read_to_string(&f).unwrap()).map_err(|e| format!("setup file {}: {e}", f.display()))?;
        }
    }
    Ok(db)
}

/// The project's migration role, as a fresh deployment has it: a superuser that can log in.
fn make_superuser(pg: &Postgres, role: &str) -> Result<(), String> {
    let sql = format!(
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN CREATE ROLE {role}; END IF; END $$; \
         ALTER ROLE {role} WITH SUPERUSER LOGIN PASSWORD '{}'",
        testkit::pg::PASSWORD
    );
    exec(pg, "postgres", &sql).map_err(|e| format!("setup: role {role}: {e}"))
}

/// The URL the tool and the runner get: as the project's migration role where it has one.
fn url_for(pg: &Postgres, db: &str, prep: Option<&Prep>) -> String {
    match prep.filter(|p| !p.role.is_empty()) {
        Some(p) => pg.url(db).replacen(&format!("//{}:", testkit::pg::USER), &format!("//{}:", p.role), 1),
        None => pg.url(db),
    }
}

/// Before a run on a fresh database: the role is a superuser again (see [`Prep::role`]).
fn fresh_role(pg: &Postgres, prep: Option<&Prep>) -> Result<(), String> {
    match prep.filter(|p| !p.role.is_empty()) {
        Some(p) => make_superuser(pg, p.role),
        None => Ok(()),
    }
}

/// Copy the fixture's files whose version is among `versions` into `app`.
fn copy(app: &RunnerApp, files: &[(String, std::path::PathBuf)], versions: &[String]) {
    let keep: BTreeSet<&String> = versions.iter().collect();
    for (n, p) in files {
        if keep.contains(&version_of(n)) {
            std::fs::copy(p, app.migrations_dir().join(n)).unwrap();
        }
    }
}

/// A migration numbered above the newest that fails at run time (with a down, as a user would write it).
fn add_failing(app: &RunnerApp, newest: &str) -> String {
    match app.engine {
        Engine::GolangMigrate => {
            let next = newest.parse::<u64>().unwrap() + 1;
            let name = format!("{next}_release_canary_fails");
            std::fs::write(app.migrations_dir().join(format!("{name}.up.sql")), FAILING).unwrap();
            std::fs::write(app.migrations_dir().join(format!("{name}.down.sql")), "DROP TABLE IF EXISTS release_canary;\n").unwrap();
            next.to_string()
        }
        Engine::Dbmate => {
            let version = "99999999999999";
            let text = format!("-- migrate:up\n{FAILING}\n-- migrate:down\nDROP TABLE IF EXISTS release_canary;\n");
            std::fs::write(app.migrations_dir().join(format!("{version}_release_canary_fails.sql")), text).unwrap();
            version.into()
        }
    }
}

/// A version as the runner prints it: golang-migrate's as a number (`000041` is 41), dbmate's as written.
fn norm(engine: Engine, v: &str) -> String {
    match engine {
        Engine::GolangMigrate => v.parse::<u64>().map(|n| n.to_string()).unwrap_or_else(|_| v.to_string()),
        Engine::Dbmate => v.to_string(),
    }
}

/// Two full dumps compared, leaving out only where sequences stand (`SELECT pg_catalog.setval(…)`):
/// PostgreSQL never rolls a `nextval` back, so no rollback and no down file can restore them.
/// Returns (equal apart from those, the sequences that moved as `name: before -> now`).
fn same_but_sequences(before: &str, now: &str) -> (bool, Vec<String>) {
    let split = |d: &str| -> (Vec<String>, std::collections::BTreeMap<String, String>) {
        let mut rest = Vec::new();
        let mut seqs = std::collections::BTreeMap::new();
        for l in d.lines() {
            match l.strip_prefix("SELECT pg_catalog.setval('") {
                Some(s) => {
                    let (name, value) = s.split_once("', ").unwrap_or((s, ""));
                    seqs.insert(name.to_string(), value.trim_end_matches(");").to_string());
                }
                None => rest.push(l.to_string()),
            }
        }
        (rest, seqs)
    };
    let ((rest_b, seq_b), (rest_n, seq_n)) = (split(before), split(now));
    let moved = seq_n
        .iter()
        .filter(|(k, v)| seq_b.get(*k) != Some(*v))
        .map(|(k, v)| format!("{k}: {} -> {v}", seq_b.get(k).map_or("none", String::as_str)))
        .collect();
    (rest_b == rest_n && seq_b.keys().eq(seq_n.keys()), moved)
}

/// What the tool itself says of a database: golang-migrate's `version`, dbmate's `status`.
fn tool_view(app: &RunnerApp, url: &str) -> (bool, String) {
    match app.engine {
        Engine::GolangMigrate => tool(app, url, &["version"], &[]),
        Engine::Dbmate => tool(app, url, &["status"], &[]),
    }
}

/// The first line where two texts differ, for a readable mismatch.
fn first_difference(a: &str, b: &str, name_a: &str, name_b: &str) -> String {
    let (la, lb): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    for i in 0..la.len().max(lb.len()) {
        let (x, y) = (la.get(i).copied().unwrap_or("<end>"), lb.get(i).copied().unwrap_or("<end>"));
        if x != y {
            return format!("line {}: {name_a} `{x}`, {name_b} `{y}`", i + 1);
        }
    }
    "no line differs".into()
}

/// The versions a version table holds, by engine: every dbmate row; for golang-migrate every version of
/// the fixture up to the recorded one (its table keeps one row) and whether that row is dirty.
fn versions_in_db(pg: &Postgres, db: &str, engine: Engine, all_versions: &[String]) -> (BTreeSet<String>, bool) {
    match engine {
        Engine::Dbmate => (pg.query(db, "SELECT version FROM schema_migrations").into_iter().collect(), false),
        Engine::GolangMigrate => {
            let rows = pg.query(db, "SELECT version, dirty FROM schema_migrations");
            let Some((v, dirty)) = rows.first().and_then(|r| r.split_once('|')) else { return (BTreeSet::new(), false) };
            let current: u64 = v.parse().unwrap();
            let upto = all_versions.iter().filter(|x| x.parse::<u64>().unwrap() <= current).cloned().collect();
            (upto, dirty == "t")
        }
    }
}

/// How the runner describes a database state (DbState::describe), from the version table itself.
fn describe(pg: &Postgres, db: &str, engine: Engine) -> String {
    let (version, dirty) = match engine {
        Engine::GolangMigrate => match pg.query(db, "SELECT version, dirty FROM schema_migrations").first() {
            Some(r) => {
                let (v, d) = r.split_once('|').unwrap();
                (Some(v.to_string()), d == "t")
            }
            None => (None, false),
        },
        Engine::Dbmate => (pg.query(db, "SELECT max(version) FROM schema_migrations").into_iter().next().filter(|v| v != "NULL"), false),
    };
    match (version, dirty) {
        (None, _) => "no migration applied".into(),
        (Some(v), false) => format!("version {v}"),
        (Some(v), true) => format!("version {v}, DIRTY"),
    }
}

/// A version list as the report prints it: all of them, or the first and last five and `(N in all)`.
struct Listed {
    shown: BTreeSet<String>,
    total: usize,
}

fn parse_list(text: &str) -> Listed {
    let text = text.trim();
    if text == "none" || text.is_empty() {
        return Listed { shown: BTreeSet::new(), total: 0 };
    }
    let (body, total) = match text.rfind(" (") {
        Some(i) if text.ends_with(" in all)") => (&text[..i], text[i + 2..text.len() - " in all)".len()].parse().unwrap_or(0)),
        _ => (text, 0),
    };
    let shown: BTreeSet<String> = body.split([',', '…']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect();
    let total = if total == 0 { shown.len() } else { total };
    Listed { shown, total }
}

/// The value of a report line `Label:   value`.
fn report_field<'a>(out: &'a str, label: &str) -> Option<&'a str> {
    out.lines().find_map(|l| l.strip_prefix(label)).map(str::trim)
}

/// Check a `file`-mode failure report against the database, claim by claim; returns what is not true.
#[allow(clippy::too_many_arguments)]
fn false_claims(
    pg: &Postgres,
    db: &str,
    engine: Engine,
    all_versions: &[String],
    before_versions: &BTreeSet<String>,
    pending: &BTreeSet<String>,
    before_dump: &str,
    code: i32,
    out: &str,
) -> Vec<String> {
    let mut wrong = Vec::new();
    let (after, dirty) = versions_in_db(pg, db, engine, all_versions);

    match report_field(out, "Pending at start:") {
        Some(p) => {
            let l = parse_list(p);
            if l.total != pending.len() || !l.shown.is_subset(pending) {
                wrong.push(format!("`Pending at start: {p}`: pending were {} version(s): {pending:?}", pending.len()));
            }
        }
        None => wrong.push("no `Pending at start:` line".into()),
    }
    let applied = report_field(out, "Applied this run:").map(parse_list);
    let undone_text = report_field(out, "Undone:").unwrap_or("");
    let undone = if undone_text.starts_with("nothing") { parse_list("none") } else { parse_list(undone_text) };
    let cannot = report_field(out, "Could not undo:").map(|c| parse_list(c.trim_end_matches("(no down migration)")));
    let Some(applied) = applied else {
        wrong.push("no `Applied this run:` line".into());
        return wrong;
    };
    if !applied.shown.is_subset(pending) {
        wrong.push(format!(
            "`Applied this run` names versions that were not pending: {:?}",
            applied.shown.difference(pending).collect::<Vec<_>>()
        ));
    }
    // Every version the report says it undid is gone; every one it could not undo is still there.
    for v in &undone.shown {
        if after.contains(v) {
            wrong.push(format!("`Undone` names {v}, but the version table still has it"));
        }
    }
    if let Some(c) = &cannot {
        for v in &c.shown {
            if !after.contains(v) {
                wrong.push(format!("`Could not undo` names {v}, but the version table no longer has it"));
            }
        }
    }
    // The version table holds what was there, plus what was applied, minus what was undone.
    // (A dirty golang-migrate version means the down of the version above it failed part-way.)
    let expected = before_versions.len() + applied.total - undone.total.min(applied.total);
    if expected != after.len() && !(dirty && expected == after.len() + 1) {
        wrong.push(format!(
            "{} version(s) before + {} applied - {} undone != {} in the version table now{}",
            before_versions.len(),
            applied.total,
            undone.total,
            after.len(),
            if dirty { " (dirty)" } else { "" }
        ));
    }
    match report_field(out, "State now:") {
        Some("unknown") | None => wrong.push("`State now` is unknown, but the version table is readable".into()),
        Some(s) => {
            let truth = describe(pg, db, engine);
            if s != truth {
                wrong.push(format!("`State now: {s}`, but the version table says {truth}{}", if dirty { " (dirty)" } else { "" }));
            }
        }
    }
    let now_dump = pg.dump(db);
    let (unchanged, _) = same_but_sequences(before_dump, &now_dump);
    let says_restored = out.contains("The database is back where this release found it");
    let says_not = out.contains("The database is NOT where this release found it");
    if says_restored && !unchanged {
        wrong.push(format!(
            "says the database is back where the release found it, but pg_dump differs: {}",
            first_difference(before_dump, &now_dump, "before", "now")
        ));
    }
    if says_not && unchanged {
        wrong.push("says the database is NOT where the release found it, but pg_dump is unchanged".into());
    }
    if !says_restored && !says_not {
        wrong.push("says neither that the database is back where it was found nor that it is not".into());
    }
    if (says_restored && code != 1) || (says_not && code != 2) {
        wrong.push(format!("exit {code} does not match the report's final state"));
    }
    wrong
}

fn run_fixture(pg: &Postgres, fixture: &str, server_notes: &[(String, Result<String, String>)]) -> Outcome {
    let engine = realworld_engine(fixture);
    let files = realworld_files(fixture, engine);
    let versions = versions_of(&files);
    let prep = PREPS.iter().find(|p| p.fixture == fixture);
    let name = fixture.replace('-', "_");
    let mut o = Outcome { fixture: fixture.into(), tool: engine.name().into(), files: files.len(), ..Default::default() };
    let mut setup: Vec<String> = Vec::new();
    if let Some(p) = prep {
        let role = if p.role.is_empty() { String::new() } else { format!("migrates as {} (superuser, owns the database)", p.role) };
        let sql = p.sql.replace("{db}", "<db>");
        let what = [sql.as_str(), p.files, &role].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" + ");
        setup.push(what);
        if !p.extension.is_empty() {
            let available = pg.query("postgres", &format!("SELECT count(*) FROM pg_available_extensions WHERE name = '{}'", p.extension));
            if available != vec!["1"] {
                o.setup = setup.join("; ");
                o.mismatch(
                    "setup",
                    format!("the extension {} is not installed on this machine ({}); run `bash scripts/setup.sh`", p.extension, p.why),
                    "",
                );
                return o;
            }
        }
    }
    for (_, result) in server_notes.iter().filter(|(f, _)| f == fixture) {
        match result {
            Ok(lib) => setup.push(format!("server preloads {lib}")),
            Err(e) => {
                o.setup = setup.join("; ");
                o.mismatch("setup", e, "");
                return o;
            }
        }
    }
    o.setup = if setup.is_empty() { "none".into() } else { setup.join("; ") };

    // 1. The whole directory: the default release on one empty database, the tool's own `up` on another.
    let app = RunnerApp::new(engine, &[]);
    copy(&app, &files, &versions);
    let dbs = new_db(pg, &format!("rw_{name}_release"), prep).and_then(|a| Ok((a, new_db(pg, &format!("rw_{name}_tool"), prep)?)));
    let (a, b) = match dbs {
        Ok(x) => x,
        Err(e) => {
            o.mismatch("setup", e, "");
            return o;
        }
    };
    let (url_a, url_b) = (url_for(pg, &a, prep), url_for(pg, &b, prep));
    if let Err(e) = fresh_role(pg, prep) {
        o.mismatch("setup", e, "");
        return o;
    }
    let (code, out) = app.release(&url_a, &[]);
    o.whole_mode = mode_of(&out);
    o.whole_code = code;
    if let Err(e) = fresh_role(pg, prep) {
        o.mismatch("setup", e, "");
        return o;
    }
    let (tool_ok, tool_out) = tool(&app, &url_b, &["up"], &[]);
    let mut equal = true;
    if !tool_ok {
        equal = false;
        o.mismatch("whole", "the tool's own `up` failed on a fresh database (the fixture's setup is incomplete)", &tool_out);
    }
    if code != 0 {
        equal = false;
        o.mismatch("whole", format!("the release exited {code}; the tool's own `up` exited {}", if tool_ok { 0 } else { 1 }), &out);
    }
    let (schema_a, schema_b) = (schema_dump(pg, &a), schema_dump(pg, &b));
    if schema_a != schema_b {
        equal = false;
        o.mismatch(
            "whole",
            format!("the schema differs from the tool's: {}", first_difference(&schema_a, &schema_b, "release", "tool")),
            &out,
        );
    }
    let (rows_a, rows_b) = (version_rows(pg, &a), version_rows(pg, &b));
    if rows_a != rows_b {
        equal = false;
        let first = |r: &[String]| r.iter().take(3).cloned().collect::<Vec<_>>().join("; ");
        o.mismatch(
            "whole",
            format!(
                "version rows differ: release {} row(s) [{} …], tool {} row(s) [{} …]",
                rows_a.len(),
                first(&rows_a),
                rows_b.len(),
                first(&rows_b)
            ),
            &out,
        );
    }
    let (view_a, view_b) = (tool_view(&app, &url_a), tool_view(&app, &url_b));
    if view_a != view_b {
        equal = false;
        o.mismatch(
            "whole",
            format!("the tool's own view differs: after the release `{}`, after its own up `{}`", view_a.1.trim(), view_b.1.trim()),
            &out,
        );
    }
    o.equal = equal;

    // 2. The first half applied by the tool, then the rest plus a failing migration.
    let half = versions.len() / 2;
    let app = RunnerApp::new(engine, &[]);
    copy(&app, &files, &versions[..half]);
    let c = match new_db(pg, &format!("rw_{name}_half"), prep) {
        Ok(c) => c,
        Err(e) => {
            o.mismatch("half", e, "");
            return o;
        }
    };
    let url_c = url_for(pg, &c, prep);
    if let Err(e) = fresh_role(pg, prep) {
        o.mismatch("setup", e, "");
        return o;
    }
    let (ok, tool_out) = tool(&app, &url_c, &["up"], &[]);
    if !ok {
        o.half_result = "not run".into();
        o.mismatch("half", format!("the tool's own `up` of the first {half} version(s) failed"), &tool_out);
        return o;
    }
    copy(&app, &files, &versions);
    let failing = add_failing(&app, versions.last().unwrap());
    let before = pg.dump(&c);
    let before_rows = version_rows(pg, &c);
    let mut all_versions: Vec<String> = versions.iter().map(|v| norm(engine, v)).collect();
    all_versions.push(norm(engine, &failing));
    let (before_versions, _) = versions_in_db(pg, &c, engine, &all_versions);
    let pending: BTreeSet<String> = all_versions[half..].iter().cloned().collect();
    let (code, out) = app.release(&url_c, &[]);
    o.half_mode = mode_of(&out);
    o.half_code = code;
    let (same_dump, moved) = same_but_sequences(&before, &pg.dump(&c));
    let unchanged = same_dump && version_rows(pg, &c) == before_rows;
    let moved_note = if moved.is_empty() || !same_dump {
        String::new()
    } else {
        format!(" (sequences advanced, as PostgreSQL never rolls them back: {})", moved.join(", "))
    };
    if o.half_mode == "all" {
        o.half_result = format!("database {}{moved_note}", if unchanged { "unchanged" } else { "CHANGED" });
        if code != 1 {
            o.mismatch("half", format!("an `all` release with a failing migration exited {code}, not 1"), &out);
        }
        if !unchanged {
            o.mismatch("half", "an `all` release with a failing migration changed the database (pg_dump or version rows)", &out);
        }
        if !out.contains("Undone:             everything") {
            o.mismatch("half", "the report does not say everything was rolled back", &out);
        }
    } else if o.half_mode.starts_with("file") {
        let wrong = false_claims(pg, &c, engine, &all_versions, &before_versions, &pending, &before, code, &out);
        o.half_result = format!(
            "database {}{moved_note}, report {}",
            if unchanged { "unchanged" } else { "changed" },
            if wrong.is_empty() { "true".to_string() } else { format!("FALSE in {} claim(s)", wrong.len()) }
        );
        if code == 0 {
            o.mismatch("half", "a release with a failing migration exited 0", &out);
        }
        for w in wrong {
            o.mismatch("half", format!("file-mode report: {w}"), &out);
        }
    } else {
        o.half_result = "no mode line".into();
        o.mismatch("half", format!("the release printed no mode line (exit {code})"), &out);
    }
    o
}

/// Preload what a fixture needs on the shared server; per fixture, whether that worked.
fn prepare_server(pg: &mut Postgres) -> Vec<(String, Result<String, String>)> {
    let mut notes = Vec::new();
    let mut libs = Vec::new();
    for (fixture, lib, why) in SERVER_PREPS {
        let available = pg.query("postgres", &format!("SELECT count(*) FROM pg_available_extensions WHERE name = '{lib}'"));
        if available == vec!["1"] {
            libs.push(*lib);
            notes.push((fixture.to_string(), Ok(lib.to_string())));
        } else {
            notes.push((
                fixture.to_string(),
                Err(format!("{lib} is not installed on this machine ({why}); run `bash scripts/setup.sh` (Debian postgresql-15-{lib})")),
            ));
        }
    }
    if !libs.is_empty() {
        pg.query("postgres", &format!("ALTER SYSTEM SET shared_preload_libraries = '{}'", libs.join(",")));
        pg.restart();
    }
    notes
}

#[test]
fn every_real_project_releases_as_its_own_tool_would_whole_and_half_applied_with_a_late_failure() {
    let mut pg = Postgres::start();
    let server_notes = prepare_server(&mut pg);
    let mut fixtures = realworld_fixtures();
    assert!(fixtures.len() >= 12, "the realworld corpus is missing: {fixtures:?}");
    // REALWORLD_FIXTURES=a,b runs only those (while working on one project).
    if let Ok(only) = std::env::var("REALWORLD_FIXTURES") {
        let only: Vec<&str> = only.split(',').map(str::trim).collect();
        fixtures.retain(|f| only.contains(&f.as_str()));
    }

    // Two fixtures at a time, each on its own databases of the one server.
    let next = AtomicUsize::new(0);
    let outcomes = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(f) = fixtures.get(i) else { break };
                    let started = std::time::Instant::now();
                    let mut o = run_fixture(&pg, f, &server_notes);
                    o.seconds = started.elapsed().as_secs_f64();
                    println!("{}", o.summary());
                    outcomes.lock().unwrap().push(o);
                }
            });
        }
    });
    let mut outcomes = outcomes.into_inner().unwrap();
    outcomes.sort_by(|a, b| a.fixture.cmp(&b.fixture));

    let summary: Vec<String> = outcomes.iter().map(Outcome::summary).collect();
    let atomic: Vec<&str> = outcomes.iter().filter(|o| o.half_mode == "all").map(|o| o.fixture.as_str()).collect();
    let count = format!(
        "realworld: half-applied releases that ran atomically (all mode): {} of {} ({})",
        atomic.len(),
        outcomes.len(),
        atomic.join(", ")
    );
    println!("\n{}\n{count}", summary.join("\n"));
    let mismatches: Vec<&String> = outcomes.iter().flat_map(|o| &o.mismatches).collect();
    assert!(
        mismatches.is_empty(),
        "{} mismatch(es) in {} fixture(s):\n\n{}\n\n{}\n{count}",
        mismatches.len(),
        outcomes.iter().filter(|o| !o.mismatches.is_empty()).count(),
        mismatches.iter().map(|m| m.as_str()).collect::<Vec<_>>().join("\n\n"),
        summary.join("\n")
    );
}
