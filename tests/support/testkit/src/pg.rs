//! A throwaway PostgreSQL server in a temp dir, listening on 127.0.0.1.
//!
//! Uses the Debian `postgresql` package's binaries (`/usr/lib/postgresql/<n>/bin`).
//! PostgreSQL refuses to run as root, so when the tests run as root (CI) the
//! server is started as the `postgres` system user that the Debian package creates.
//! Password authentication (scram) is on for TCP, with a distinctive password
//! ([`PASSWORD`]) so tests can assert it never leaks into any output.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The superuser password of every test server. Distinctive on purpose: tests
/// grep every captured output for it.
pub const PASSWORD: &str = "Zq7-leakcheck-9Xw";
pub const USER: &str = "postgres";

/// How long a test waits for something another process or server does (a session reaching a
/// statement or a lock, a standby catching up, a setting reloaded): one limit for every wait. It only
/// matters when the awaited thing never happens, and then the test fails with what it waited for.
pub const WAIT: Duration = Duration::from_secs(30);

pub struct Postgres {
    dir: tempfile::TempDir,
    port: u16,
    bindir: PathBuf,
    stopped: bool,
}

fn bindir() -> PathBuf {
    if let Ok(dir) = std::env::var("TESTKIT_PG_BINDIR") {
        return PathBuf::from(dir);
    }
    let mut candidates: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path().join("bin")).collect())
        .unwrap_or_default();
    candidates.retain(|p| p.join("postgres").exists());
    candidates.sort();
    candidates.pop().expect(
        "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: \
         install the Debian package `postgresql` (bash .ci/run does)",
    )
}

fn is_root() -> bool {
    // SAFETY-free way: `id -u`.
    Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}

/// Run a server binary, as the `postgres` user when we are root.
fn server_cmd(bin: &Path) -> Command {
    if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(bin);
        c
    } else {
        Command::new(bin)
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn check(out: Output, what: &str) {
    assert!(out.status.success(), "{what} failed: {}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}

impl Postgres {
    /// initdb + start. Panics with a clear message when the server cannot start.
    pub fn start() -> Self {
        let bindir = bindir();
        let dir = tempfile::Builder::new().prefix("testkit-pg-").tempdir().unwrap();
        let data = dir.path().join("data");
        let pwfile = dir.path().join("pw");
        std::fs::write(&pwfile, PASSWORD).unwrap();
        if is_root() {
            check(Command::new("chown").args(["-R", "postgres:postgres"]).arg(dir.path()).output().unwrap(), "chown");
        }
        check(
            server_cmd(&bindir.join("initdb"))
                .arg("-D")
                .arg(&data)
                .args(["-U", USER, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
                .arg(format!("--pwfile={}", pwfile.display()))
                .output()
                .unwrap(),
            "initdb",
        );
        let mut pg = Postgres { dir, port: 0, bindir, stopped: true };
        pg.start_server();
        pg
    }

    /// A hot standby of this server (a follower, as a read replica is): `pg_basebackup -R`
    /// from it (which writes `standby.signal` and `primary_conninfo`), started on a port of its own
    /// and streaming from this server. Stopped on drop like any [`Postgres`].
    pub fn start_standby(&self) -> Postgres {
        let dir = tempfile::Builder::new().prefix("testkit-standby-").tempdir().unwrap();
        if is_root() {
            check(Command::new("chown").args(["-R", "postgres:postgres"]).arg(dir.path()).output().unwrap(), "chown");
        }
        let data = dir.path().join("data");
        check(
            server_cmd(&self.bindir.join("pg_basebackup"))
                .arg("-D")
                .arg(&data)
                .args(["-R", "-X", "stream", "-c", "fast", "--no-sync", "-d"])
                .arg(format!("host=127.0.0.1 port={} user={USER} password={PASSWORD}", self.port))
                .stdin(Stdio::null())
                .output()
                .unwrap(),
            "pg_basebackup",
        );
        assert!(data.join("standby.signal").exists(), "pg_basebackup -R wrote no standby.signal");
        let mut standby = Postgres { dir, port: 0, bindir: self.bindir.clone(), stopped: true };
        standby.start_server();
        let recovering = Postgres::wait_for(WAIT, || standby.query("postgres", "SELECT pg_is_in_recovery()") == vec!["t"]);
        assert!(recovering, "the standby is not in recovery: {}", standby.server_log());
        standby
    }

    /// Wait until `standby` has replayed everything this server has written so far.
    pub fn wait_replayed(&self, standby: &Postgres) {
        let lsn = self.query("postgres", "SELECT pg_current_wal_lsn()").remove(0);
        let sql = format!("SELECT pg_last_wal_replay_lsn() >= '{lsn}'::pg_lsn");
        assert!(Postgres::wait_for(WAIT, || standby.query("postgres", &sql) == vec!["t"]), "the standby never replayed {lsn}");
    }

    fn start_server(&mut self) {
        let data = self.dir.path().join("data");
        let mut last_err = String::new();
        for _ in 0..5 {
            let port = free_port();
            let opts = format!(
                "-p {port} -h 127.0.0.1 -k {} -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=100",
                self.dir.path().display()
            );
            let out = server_cmd(&self.bindir.join("pg_ctl"))
                .arg("-D")
                .arg(&data)
                .args(["-w", "-t", "30", "-l"])
                .arg(self.dir.path().join("server.log"))
                .args(["-o", &opts, "start"])
                .stdin(Stdio::null())
                .output()
                .unwrap();
            if out.status.success() {
                self.port = port;
                self.stopped = false;
                return;
            }
            last_err = format!(
                "{}{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr),
                std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
            );
        }
        panic!("could not start PostgreSQL: {last_err}");
    }

    /// Stop the server now (immediate shutdown: like a crash or a failover).
    pub fn stop(&mut self) {
        if self.stopped {
            return;
        }
        let _ = server_cmd(&self.bindir.join("pg_ctl"))
            .arg("-D")
            .arg(self.dir.path().join("data"))
            .args(["-m", "immediate", "-w", "stop"])
            .stdin(Stdio::null())
            .output();
        self.stopped = true;
    }

    /// Start the server again on a fresh port (after [`Postgres::stop`]).
    pub fn restart(&mut self) {
        self.stop();
        self.start_server();
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `postgres://postgres:<PASSWORD>@127.0.0.1:<port>/<db>?sslmode=disable`
    pub fn url(&self, db: &str) -> String {
        format!("postgres://{USER}:{PASSWORD}@127.0.0.1:{}/{db}?sslmode=disable", self.port)
    }

    /// Connection parameters for the `postgres` crate (key=value form).
    pub fn conn_str(&self, db: &str) -> String {
        format!("host=127.0.0.1 port={} user={USER} password={PASSWORD} dbname={db} sslmode=disable", self.port)
    }

    pub fn client(&self, db: &str) -> postgres::Client {
        postgres::Client::connect(&self.conn_str(db), postgres::NoTls).unwrap_or_else(|e| panic!("connect to test database {db}: {e}"))
    }

    /// Create a fresh database and return its name.
    pub fn create_db(&self, name: &str) -> String {
        let mut c = self.client("postgres");
        c.batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).unwrap();
        c.batch_execute(&format!("CREATE DATABASE \"{name}\"")).unwrap();
        name.to_string()
    }

    /// A schema+data dump of `db` (pg_dump, plain, no owner/privileges), for
    /// before/after comparisons. Lines that vary between runs are removed.
    pub fn dump(&self, db: &str) -> String {
        let out = Command::new(self.bindir.join("pg_dump"))
            .args(["--no-owner", "--no-privileges", "--no-comments", "-h", "127.0.0.1", "-U", USER])
            .arg("-p")
            .arg(self.port.to_string())
            .arg(db)
            .env("PGPASSWORD", PASSWORD)
            .output()
            .unwrap();
        check(out.clone(), "pg_dump");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| !l.starts_with("\\restrict") && !l.starts_with("\\unrestrict") && !l.starts_with("-- Dumped"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Run SQL and return every row as text columns joined with `|`.
    pub fn query(&self, db: &str, sql: &str) -> Vec<String> {
        let mut c = self.client(db);
        c.simple_query(sql)
            .unwrap()
            .into_iter()
            .filter_map(|m| match m {
                postgres::SimpleQueryMessage::Row(r) => {
                    Some((0..r.len()).map(|i| r.get(i).unwrap_or("NULL").to_string()).collect::<Vec<_>>().join("|"))
                }
                _ => None,
            })
            .collect()
    }

    /// Log every statement and connection, each line with its database and application name
    /// (`db=<name> app=<application_name> `), for tests that must show what a client sent.
    /// Read with [`Postgres::log_of`].
    pub fn log_statements(&self) {
        for sql in [
            "ALTER SYSTEM SET log_statement = 'all'",
            "ALTER SYSTEM SET log_connections = on",
            "ALTER SYSTEM SET log_line_prefix = '%m [%p] db=%d app=%a '",
            "SELECT pg_reload_conf()",
        ] {
            self.query("postgres", sql);
        }
        // The reload is asynchronous: wait until a new session sees it.
        assert!(
            Postgres::wait_for(WAIT, || self.query("postgres", "SHOW log_statement") == vec!["all"]),
            "log_statement was never reloaded"
        );
    }

    /// The server log's lines about database `db` (see [`Postgres::log_statements`]).
    pub fn log_of(&self, db: &str) -> Vec<String> {
        let marker = format!(" db={db} ");
        self.server_log().lines().filter(|l| l.contains(&marker)).map(str::to_string).collect()
    }

    pub fn bindir(&self) -> &Path {
        &self.bindir
    }

    pub fn server_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }

    /// How many sessions of `db`, other than the asking one, are running a statement containing `needle`.
    pub fn sessions_running(&self, db: &str, needle: &str) -> usize {
        let sql =
            format!("SELECT count(*) FROM pg_stat_activity WHERE datname = '{db}' AND query LIKE '%{needle}%' AND pid <> pg_backend_pid()");
        self.query(db, &sql)[0].parse().unwrap()
    }

    /// Wait (up to [`WAIT`]) until a session of `db` runs a statement containing `needle`; panics if none does.
    pub fn wait_until_running(&self, db: &str, needle: &str) {
        let ran = Postgres::wait_for(WAIT, || self.sessions_running(db, needle) > 0);
        assert!(ran, "no session of {db} ran `{needle}` within {WAIT:?}");
    }

    /// Wait (up to [`WAIT`]) until a session of `db` waits for a lock it has not been granted: on the
    /// table `table`, or on anything when `None`. Panics if none does.
    pub fn wait_until_lock_wait(&self, db: &str, table: Option<&str>) {
        let on_table = table.map(|t| format!(" AND l.relation = to_regclass('{t}')")).unwrap_or_default();
        let sql = format!(
            "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
             WHERE a.datname = '{db}' AND NOT l.granted AND l.pid <> pg_backend_pid(){on_table}"
        );
        let waited = Postgres::wait_for(WAIT, || self.query(db, &sql) != vec!["0"]);
        assert!(waited, "no session of {db} waited for a lock on {} within {WAIT:?}", table.unwrap_or("anything"));
    }

    /// Wait (up to [`WAIT`]) until the session of `db` running a statement containing `holder` holds a
    /// lock on the table `table`. Panics if it never does.
    pub fn wait_until_lock_held(&self, db: &str, table: &str, holder: &str) {
        let sql = format!(
            "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
             WHERE a.datname = '{db}' AND l.granted AND l.relation = to_regclass('{table}')
               AND a.query LIKE '%{holder}%' AND l.pid <> pg_backend_pid()"
        );
        let held = Postgres::wait_for(WAIT, || self.query(db, &sql) != vec!["0"]);
        assert!(held, "the session of {db} running `{holder}` held no lock on {table} within {WAIT:?}");
    }

    /// Wait until `f` holds, polling; false on timeout.
    pub fn wait_for(timeout: Duration, mut f: impl FnMut() -> bool) -> bool {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if f() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        self.stop();
    }
}
