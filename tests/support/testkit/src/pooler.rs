//! A real PgBouncer (Debian's `pgbouncer`; scripts/setup.sh installs it) in front of a
//! test server, and a real concurrent client load through it (`pgbench` from the same
//! PostgreSQL bin dir as the server). Both are stopped on drop.

use crate::pg::{PASSWORD, Postgres, USER, free_port};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// PgBouncer's `pool_mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolMode {
    /// A server connection per client for the client's whole session.
    Session,
    /// A server connection per transaction: between two transactions a client holds none.
    Transaction,
}

impl PoolMode {
    fn name(self) -> &'static str {
        match self {
            PoolMode::Session => "session",
            PoolMode::Transaction => "transaction",
        }
    }
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}

/// PgBouncer listening on 127.0.0.1, every database of `pg` behind it, `pool_size` server
/// connections per database and user. Stopped (SIGINT, its safe shutdown) on drop.
pub struct Bouncer {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl Bouncer {
    pub fn start(pg: &Postgres, mode: PoolMode, pool_size: u32) -> Bouncer {
        Bouncer::start_with(pg, mode, pool_size, "")
    }

    /// [`Bouncer::start`] with more `[pgbouncer]` settings (`key = value` lines; later lines win).
    pub fn start_with(pg: &Postgres, mode: PoolMode, pool_size: u32, extra: &str) -> Bouncer {
        let bin = ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"]
            .into_iter()
            .find(|p| Path::new(p).exists())
            .expect("pgbouncer not found: install the Debian package pgbouncer (scripts/setup.sh does)");
        let dir = tempfile::Builder::new().prefix("bouncer-").tempdir().unwrap();
        let port = free_port();
        std::fs::write(dir.path().join("users.txt"), format!("\"{USER}\" \"{PASSWORD}\"\n")).unwrap();
        std::fs::write(
            dir.path().join("pgbouncer.ini"),
            format!(
                "[databases]\n* = host=127.0.0.1 port={}\n[pgbouncer]\nlisten_addr = 127.0.0.1\nlisten_port = {port}\n\
                 unix_socket_dir =\nauth_type = trust\nauth_file = {}\npool_mode = {}\ndefault_pool_size = {pool_size}\n\
                 max_client_conn = 200\nignore_startup_parameters = extra_float_digits,options\npidfile = {}\nlogfile = {}\n{extra}\n",
                pg.port(),
                dir.path().join("users.txt").display(),
                mode.name(),
                dir.path().join("pgbouncer.pid").display(),
                dir.path().join("pgbouncer.log").display(),
            ),
        )
        .unwrap();
        let mut cmd = if is_root() {
            Command::new("chown").args(["-R", "postgres"]).arg(dir.path()).status().unwrap();
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--", bin]);
            c
        } else {
            Command::new(bin)
        };
        let child = cmd.arg(dir.path().join("pgbouncer.ini")).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        let up = Postgres::wait_for(Duration::from_secs(10), || std::net::TcpStream::connect(("127.0.0.1", port)).is_ok());
        assert!(up, "pgbouncer did not start on port {port}");
        Bouncer { child, port, dir }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `postgres://postgres:<PASSWORD>@127.0.0.1:<bouncer port>/<db>?sslmode=disable`
    pub fn url(&self, db: &str) -> String {
        format!("postgres://{USER}:{PASSWORD}@127.0.0.1:{}/{db}?sslmode=disable", self.port)
    }

    /// PgBouncer's own log (for a failing test's message).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("pgbouncer.log")).unwrap_or_default()
    }
}

impl Drop for Bouncer {
    fn drop(&mut self) {
        // pgbouncer itself (under runuser when root): its pid file names it.
        if let Ok(pid) = std::fs::read_to_string(self.dir.path().join("pgbouncer.pid")) {
            let _ = Command::new("kill").arg("-INT").arg(pid.trim()).status();
        }
        let _ = self.child.wait();
    }
}

/// `pgbench -c <clients>` running against `db` through a port (a pooler's, or the server's),
/// for `secs` seconds at most; killed on drop. The tables come from `pgbench -i` on the server.
pub struct Load {
    child: Child,
    log: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl Load {
    /// `pgbench -i` on `db` (directly on the server), then `pgbench -n -c clients -T secs` through `port`
    /// with the default (TPC-B-like) script over the simple query protocol.
    pub fn start(pg: &Postgres, db: &str, port: u16, clients: u32, secs: u32) -> Load {
        let pgbench = pg.bindir().join("pgbench");
        let out = Command::new(&pgbench)
            .args(["-i", "-q", "-s", "1", "-h", "127.0.0.1", "-U", USER, "-p"])
            .arg(pg.port().to_string())
            .arg(db)
            .env("PGPASSWORD", PASSWORD)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(out.status.success(), "pgbench -i failed: {}", String::from_utf8_lossy(&out.stderr));
        let dir = tempfile::Builder::new().prefix("pgbench-").tempdir().unwrap();
        let log = dir.path().join("pgbench.out");
        let child = Command::new(&pgbench)
            .args(["-n", "-c", &clients.to_string(), "-j", "2", "-T", &secs.to_string(), "-h", "127.0.0.1", "-U", USER, "-p"])
            .arg(port.to_string())
            .arg(db)
            .env("PGPASSWORD", PASSWORD)
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&log).unwrap())
            .stderr(std::fs::File::create(dir.path().join("pgbench.err")).unwrap())
            .spawn()
            .unwrap();
        let load = Load { child, log, _dir: dir };
        // Running: every client has done transactions.
        let started =
            Postgres::wait_for(Duration::from_secs(20), || pg.query(db, "SELECT count(*) >= 20 FROM pgbench_history") == vec!["t"]);
        assert!(started, "pgbench made no transactions through port {port}: {}", load.errors());
        load
    }

    /// Whether pgbench is still running.
    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// pgbench's error output so far.
    pub fn errors(&self) -> String {
        std::fs::read_to_string(self.log.with_file_name("pgbench.err")).unwrap_or_default()
    }

    /// Wait for pgbench to end; its summary.
    pub fn finish(mut self) -> String {
        let _ = self.child.wait();
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Load {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}
