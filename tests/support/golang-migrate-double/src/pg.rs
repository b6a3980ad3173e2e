//! The `postgres://` / `postgresql://` database driver of golang-migrate
//! (`database/postgres`), on top of a connection that imitates lib/pq v1.10.9:
//!
//! * the URL becomes lib/pq options (defaults `host=localhost port=5432`, then
//!   `PG*` environment variables, then the URL); `x-` query parameters are
//!   golang-migrate's own and are not sent to the server;
//! * the TCP (or unix socket) dial is done here so that its errors read like
//!   Go's (`dial tcp 127.0.0.1:1: connect: connection refused`);
//! * sslmode defaults to `require`; only `disable`, `require`, `verify-ca`,
//!   `verify-full` are accepted. For every mode but `disable` an SSLRequest is
//!   sent: a refusal gives `pq: SSL is not enabled on the server` exactly like
//!   lib/pq; an acceptance makes the double stop with an error, because **this
//!   test double does not implement TLS**;
//! * the session itself is then opened with the `postgres` crate (NoTls);
//!   other lib/pq run-time parameters (e.g. `search_path`) are passed as
//!   `options=-c key=value`.
//!
//! Error texts follow golang-migrate's `database.Error` shapes.

use crate::golike::{atoi, errno_text, go_quote, parse_bool, parse_int10};
use postgres::error::SqlState;
use postgres::{Client, NoTls, SimpleQueryMessage};
use std::collections::BTreeMap;
use std::fmt;
use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

const BAD_CONN: &str = "driver: bad connection";
const DEFAULT_MULTI_STATEMENT_MAX_SIZE: i64 = 10 << 20;

/// The error a lib/pq call returns: a server error (`*pq.Error`, displayed
/// `pq: <message>`) or anything else.
pub enum OrigErr {
    Pq { message: String, detail: Option<String>, position: Option<u32> },
    Other(String),
}

impl fmt::Display for OrigErr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OrigErr::Pq { message, .. } => write!(f, "pq: {message}"),
            OrigErr::Other(s) => f.write_str(s),
        }
    }
}

/// golang-migrate `database.Error.Error()`.
fn db_error(orig: &OrigErr, err: &str, query: &str, line: u64) -> String {
    if err.is_empty() { format!("{orig} in line {line}: {query}") } else { format!("{err} in line {line}: {query} (details: {orig})") }
}

/// Classify a `postgres` crate error like lib/pq would surface it after the
/// connection is established: ERROR-level server errors are `*pq.Error`;
/// FATAL errors and broken connections become `driver: bad connection`.
fn classify(e: &postgres::Error) -> (OrigErr, bool) {
    if let Some(db) = e.as_db_error() {
        if matches!(db.severity(), "FATAL" | "PANIC") {
            return (OrigErr::Other(BAD_CONN.into()), true);
        }
        let position = match db.position() {
            Some(postgres::error::ErrorPosition::Original(p)) => Some(*p),
            _ => None,
        };
        return (OrigErr::Pq { message: db.message().to_string(), detail: db.detail().map(str::to_string), position }, false);
    }
    (OrigErr::Other(BAD_CONN.into()), true)
}

/// `pq.QuoteIdentifier`.
pub fn quote_ident(s: &str) -> String {
    let s = s.split('\0').next().unwrap_or("");
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// golang-migrate `computeLineFromPos` (position is 1-based, in characters).
pub fn line_col_from_pos(query: &str, pos: u32) -> Option<(u64, u64)> {
    let s = query.replace("\r\n", "\n");
    let runes: Vec<char> = s.chars().collect();
    let pos = pos as usize;
    if pos > runes.len() {
        return None;
    }
    let sel = &runes[..pos];
    let line = sel.iter().filter(|c| **c == '\n').count() as i64 + 1;
    let last = sel.iter().rposition(|c| *c == '\n').map(|i| i as i64).unwrap_or(-1);
    let col = pos as i64 - 1 - last;
    Some((line as u64, col.max(0) as u64))
}

/// Advisory lock key: `crc32(schema \0 table \0 dbname) * 1486364155 mod 2^32`.
pub fn advisory_lock_id(database_name: &str, schema: &str, table: &str) -> i64 {
    let joined = format!("{schema}\0{table}\0{database_name}");
    let sum = crate::golike::crc32_ieee(joined.as_bytes()).wrapping_mul(1_486_364_155);
    i64::from(sum)
}

pub struct Driver {
    client: Client,
    database_name: String,
    schema: String,
    table: String,
    statement_timeout_ms: i64,
    multi_statement: bool,
    multi_statement_max: usize,
    locked: bool,
    /// Set once the connection is unusable: the error every later call returns.
    dead: Option<String>,
}

fn go_url_parse_error(url: &str, e: url::ParseError) -> String {
    let q = go_quote(url);
    match e {
        url::ParseError::InvalidPort => {
            let after = url.split_once("://").map(|x| x.1).unwrap_or(url);
            let auth = after.split(['/', '?', '#']).next().unwrap_or("");
            let hostport = auth.rsplit('@').next().unwrap_or("");
            let port = hostport.rfind(':').map(|i| &hostport[i..]).unwrap_or("");
            format!("parse {q}: invalid port {} after host", go_quote(port))
        }
        other => format!("parse {q}: {other}"),
    }
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={}", s.replace('+', "%2B")).as_bytes()).next().map(|(_, v)| v.into_owned()).unwrap_or_default()
}

/// The OS user name (lib/pq's last-resort default for `user`).
fn current_user() -> String {
    let uid = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("Uid:")).and_then(|l| l.split_whitespace().nth(1).map(str::to_string)));
    if let (Some(uid), Ok(passwd)) = (uid, std::fs::read_to_string("/etc/passwd")) {
        for l in passwd.lines() {
            let f: Vec<&str> = l.split(':').collect();
            if f.len() > 2 && f[2] == uid {
                return f[0].to_string();
            }
        }
    }
    std::env::var("USER").unwrap_or_else(|_| "root".into())
}

fn is_driver_setting(k: &str) -> bool {
    matches!(
        k,
        "host"
            | "port"
            | "password"
            | "sslmode"
            | "sslcert"
            | "sslkey"
            | "sslrootcert"
            | "sslinline"
            | "sslsni"
            | "fallback_application_name"
            | "connect_timeout"
            | "disable_prepared_binary_result"
            | "binary_parameters"
            | "krbsrvname"
            | "krbspn"
    )
}

/// lib/pq `.pgpass` handling (only when no password was given).
fn pgpass(o: &mut BTreeMap<String, String>) {
    if o.contains_key("password") {
        return;
    }
    let file = match std::env::var("PGPASSFILE") {
        Ok(f) if !f.is_empty() => f,
        _ => match std::env::var("HOME") {
            Ok(h) if !h.is_empty() => format!("{h}/.pgpass"),
            _ => return,
        },
    };
    use std::os::unix::fs::PermissionsExt;
    let Ok(meta) = std::fs::metadata(&file) else {
        return;
    };
    if meta.permissions().mode() & 0o077 != 0 {
        return;
    }
    let Ok(text) = std::fs::read_to_string(&file) else {
        return;
    };
    let host = o.get("host").cloned().unwrap_or_default();
    let unix = host.starts_with('/');
    let get = |k: &str| o.get(k).cloned().unwrap_or_default();
    let (port, db, user) = (get("port"), get("dbname"), get("user"));
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = vec![String::new()];
        let mut esc = false;
        for c in line.chars() {
            if esc {
                fields.last_mut().unwrap().push(c);
                esc = false;
            } else if c == '\\' {
                esc = true;
            } else if c == ':' {
                fields.push(String::new());
            } else {
                fields.last_mut().unwrap().push(c);
            }
        }
        if fields.len() != 5 {
            continue;
        }
        let host_ok = fields[0] == "*" || fields[0] == host || (fields[0] == "localhost" && (host.is_empty() || unix));
        if host_ok
            && (fields[1] == "*" || fields[1] == port)
            && (fields[2] == "*" || fields[2] == db)
            && (fields[3] == "*" || fields[3] == user)
        {
            o.insert("password".into(), fields[4].clone());
            return;
        }
    }
}

fn resolver_address() -> String {
    let ns = std::fs::read_to_string("/etc/resolv.conf").ok().and_then(|s| {
        s.lines().map(str::trim).find(|l| l.starts_with("nameserver")).and_then(|l| l.split_whitespace().nth(1).map(str::to_string))
    });
    match ns {
        Some(ns) if ns.contains(':') => format!("[{ns}]:53"),
        Some(ns) => format!("{ns}:53"),
        None => "127.0.0.1:53".into(),
    }
}

enum Conn {
    Tcp(TcpStream),
    Unix(UnixStream),
}

impl Conn {
    fn stream(&mut self) -> (&mut dyn Read, String) {
        match self {
            Conn::Tcp(s) => {
                let desc = format!(
                    "read tcp {}->{}",
                    s.local_addr().map(|a| a.to_string()).unwrap_or_default(),
                    s.peer_addr().map(|a| a.to_string()).unwrap_or_default()
                );
                (s, desc)
            }
            Conn::Unix(s) => (s, "read unix @".into()),
        }
    }
    fn write_all(&mut self, b: &[u8]) -> std::io::Result<()> {
        match self {
            Conn::Tcp(s) => s.write_all(b),
            Conn::Unix(s) => s.write_all(b),
        }
    }
}

/// lib/pq `dial`, with Go's error texts.
fn dial(o: &BTreeMap<String, String>) -> Result<Conn, String> {
    let host = o.get("host").cloned().unwrap_or_default();
    let port = o.get("port").cloned().unwrap_or_default();
    let mut timeout = None;
    if let Some(t) = o.get("connect_timeout").filter(|t| t.as_str() != "0") {
        let secs = parse_int10(t).map_err(|e| {
            format!("invalid value for parameter connect_timeout: strconv.ParseInt: parsing {}: {}", go_quote(t), e.strconv_text())
        })?;
        timeout = Some(Duration::from_secs(secs.max(0) as u64));
    }
    if host.starts_with('/') {
        let path = format!("{}/.s.PGSQL.{port}", host.trim_end_matches('/'));
        return UnixStream::connect(&path).map(Conn::Unix).map_err(|e| format!("dial unix {path}: connect: {}", errno_text(&e)));
    }
    let Ok(port_num) = port.parse::<u16>() else {
        return Err(format!("dial tcp: lookup tcp/{port}: unknown port"));
    };
    let addrs: Vec<_> = match (host.as_str(), port_num).to_socket_addrs() {
        Ok(a) => a.collect(),
        Err(_) => {
            return Err(format!("dial tcp: lookup {host} on {}: no such host", resolver_address()));
        }
    };
    let mut first_err = None;
    for addr in &addrs {
        let r = match timeout {
            Some(t) if !t.is_zero() => TcpStream::connect_timeout(addr, t),
            Some(_) => Err(std::io::Error::from(std::io::ErrorKind::TimedOut)),
            None => TcpStream::connect(addr),
        };
        match r {
            Ok(s) => return Ok(Conn::Tcp(s)),
            Err(e) => {
                if first_err.is_none() {
                    let text = if e.kind() == std::io::ErrorKind::TimedOut && timeout.is_some() {
                        format!("dial tcp {addr}: i/o timeout")
                    } else {
                        format!("dial tcp {addr}: connect: {}", errno_text(&e))
                    };
                    first_err = Some(text);
                }
            }
        }
    }
    Err(first_err.unwrap_or_else(|| format!("dial tcp: lookup {host}: no such host")))
}

/// Escape a value for PostgreSQL's `options` (`-c key=value`): spaces and backslashes.
fn options_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace(' ', "\\ ")
}

/// The lib/pq connection: returns the text golang-migrate prints after `failed to open database: `.
fn connect(mut o: BTreeMap<String, String>) -> Result<Client, String> {
    for k in ["disable_prepared_binary_result", "binary_parameters"] {
        if let Some(v) = o.get(k)
            && v != "yes"
            && v != "no"
        {
            return Err(format!("unrecognized value {} for {k}", go_quote(v)));
        }
    }
    pgpass(&mut o);
    let mut conn = dial(&o)?;
    let sslmode = o.get("sslmode").cloned().unwrap_or_default();
    match sslmode.as_str() {
        "" | "require" | "verify-ca" | "verify-full" => {
            if let Some(root) = o.get("sslrootcert")
                && sslmode.starts_with("verify")
                && let Err(e) = std::fs::metadata(root)
            {
                return Err(format!("open {root}: {}", errno_text(&e)));
            }
            conn.write_all(&[0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]).map_err(|e| format!("write: {}", errno_text(&e)))?;
            let mut b = [0u8; 1];
            let (r, desc) = conn.stream();
            match r.read_exact(&mut b) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Err("EOF".into()),
                Err(e) => return Err(format!("{desc}: read: {}", errno_text(&e))),
            }
            if b[0] != b'S' {
                return Err("pq: SSL is not enabled on the server".into());
            }
            return Err(format!(
                "golang-migrate-double: the server accepted SSL (sslmode={}) but this TEST DOUBLE does not implement TLS; \
                 the real golang-migrate would negotiate TLS here (use sslmode=disable with the double)",
                if sslmode.is_empty() { "require" } else { &sslmode }
            ));
        }
        "disable" => {}
        other => {
            return Err(format!(
                "pq: unsupported sslmode {}; only \"require\" (default), \"verify-full\", \"verify-ca\", and \"disable\" supported",
                go_quote(other)
            ));
        }
    }
    drop(conn);

    let mut cfg = postgres::Config::new();
    let host = o.get("host").cloned().unwrap_or_default();
    cfg.host(&host);
    cfg.port(o.get("port").and_then(|p| p.parse().ok()).unwrap_or(5432));
    cfg.user(o.get("user").map(String::as_str).unwrap_or(""));
    cfg.password(o.get("password").map(String::as_str).unwrap_or(""));
    if let Some(db) = o.get("dbname").filter(|d| !d.is_empty()) {
        cfg.dbname(db);
    }
    if let Some(app) = o.get("application_name") {
        cfg.application_name(app);
    }
    if let Some(t) = o.get("connect_timeout").and_then(|t| t.parse::<u64>().ok()).filter(|t| *t > 0) {
        cfg.connect_timeout(Duration::from_secs(t));
    }
    let mut options = o.get("options").cloned().unwrap_or_default();
    for (k, v) in &o {
        if is_driver_setting(k)
            || matches!(
                k.as_str(),
                "user" | "dbname" | "options" | "application_name" | "client_encoding" | "datestyle" | "extra_float_digits"
            )
        {
            continue;
        }
        if !options.is_empty() {
            options.push(' ');
        }
        options.push_str(&format!("-c {}={}", options_escape(k), options_escape(v)));
    }
    if !options.is_empty() {
        cfg.options(&options);
    }
    cfg.ssl_mode(postgres::config::SslMode::Disable);
    cfg.connect(NoTls).map_err(|e| match e.as_db_error() {
        Some(db) => format!("pq: {}", db.message()),
        None => {
            let s = e.to_string();
            if s.contains("closed") || s.contains("EOF") { "EOF".to_string() } else { s }
        }
    })
}

impl Driver {
    /// golang-migrate `postgres.Open` (+ `WithInstance`/`WithConnection`, `ensureVersionTable`).
    pub fn open(url: &str) -> Result<Driver, String> {
        let purl = url::Url::parse(url).map_err(|e| go_url_parse_error(url, e))?;
        let query: Vec<(String, String)> = purl.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        let get = |k: &str| query.iter().find(|(qk, _)| qk == k).map(|(_, v)| v.clone()).unwrap_or_default();
        let path = percent_decode(purl.path());

        // lib/pq ParseURL: sorted `k='v'` pairs (later duplicates win), empty values skipped.
        let mut kvs: Vec<(String, String)> = Vec::new();
        let mut accrue = |k: &str, v: String| {
            if !v.is_empty() {
                kvs.push((k.to_string(), v));
            }
        };
        accrue("user", percent_decode(purl.username()));
        accrue("password", purl.password().map(percent_decode).unwrap_or_default());
        let host = percent_decode(purl.host_str().unwrap_or(""));
        match purl.port() {
            Some(p) => {
                accrue("host", host.trim_start_matches('[').trim_end_matches(']').to_string());
                accrue("port", p.to_string());
            }
            None => accrue("host", host),
        }
        if !path.is_empty() {
            accrue("dbname", path[1..].to_string());
        }
        let mut seen = std::collections::HashSet::new();
        for (k, _) in &query {
            if (k.len() > 1 && k.starts_with("x-")) || !seen.insert(k.clone()) {
                continue;
            }
            accrue(k, get(k));
        }
        let esc = |v: &str| v.replace('\\', "\\\\").replace('\'', "\\'");
        kvs.sort_by_key(|(k, v)| format!("{k}='{}'", esc(v)));

        let mut o: BTreeMap<String, String> = BTreeMap::new();
        o.insert("host".into(), "localhost".into());
        o.insert("port".into(), "5432".into());
        for (env, key) in [
            ("PGHOST", "host"),
            ("PGPORT", "port"),
            ("PGDATABASE", "dbname"),
            ("PGUSER", "user"),
            ("PGPASSWORD", "password"),
            ("PGOPTIONS", "options"),
            ("PGAPPNAME", "application_name"),
            ("PGSSLMODE", "sslmode"),
            ("PGSSLROOTCERT", "sslrootcert"),
            ("PGCONNECT_TIMEOUT", "connect_timeout"),
            ("PGTZ", "timezone"),
            ("PGGEQO", "geqo"),
        ] {
            if let Ok(v) = std::env::var(env) {
                o.insert(key.into(), v);
            }
        }
        for (k, v) in kvs {
            o.insert(k, v);
        }
        if let Some(f) = o.get("fallback_application_name").cloned() {
            o.entry("application_name".into()).or_insert(f);
        }
        if let Some(enc) = o.get("client_encoding") {
            let norm = enc.to_lowercase().replace(['-', '_'], "");
            if norm != "utf8" && norm != "unicode" {
                return Err("client_encoding must be absent or 'UTF8'".into());
            }
        }
        if let Some(ds) = o.get("datestyle")
            && ds != "ISO, MDY"
        {
            return Err(format!("setting datestyle must be absent or ISO, MDY; got {ds}"));
        }
        o.entry("user".into()).or_insert_with(current_user);
        if o.get("host").is_some_and(|h| h.starts_with('/')) {
            o.insert("sslmode".into(), "disable".into());
        }

        // golang-migrate's own options.
        let migrations_table = get("x-migrations-table");
        let mut quoted = false;
        let s = get("x-migrations-table-quoted");
        if !s.is_empty() {
            quoted = parse_bool(&s).ok_or_else(|| {
                format!("Unable to parse option x-migrations-table-quoted: strconv.ParseBool: parsing {}: invalid syntax", go_quote(&s))
            })?;
        }
        if !migrations_table.is_empty() && quoted && !(migrations_table.starts_with('"') && migrations_table.ends_with('"')) {
            return Err(format!(
                "x-migrations-table must be quoted (for instance '\"migrate\".\"schema_migrations\"') when x-migrations-table-quoted is enabled, current value is: {migrations_table}"
            ));
        }
        let s = get("x-statement-timeout");
        let statement_timeout_ms = if s.is_empty() { 0 } else { atoi(&s)? };
        let s = get("x-multi-statement-max-size");
        let mut multi_statement_max = DEFAULT_MULTI_STATEMENT_MAX_SIZE;
        if !s.is_empty() {
            multi_statement_max = atoi(&s)?;
            if multi_statement_max <= 0 {
                multi_statement_max = DEFAULT_MULTI_STATEMENT_MAX_SIZE;
            }
        }
        let s = get("x-multi-statement");
        let mut multi_statement = false;
        if !s.is_empty() {
            multi_statement = parse_bool(&s).ok_or_else(|| {
                format!("Unable to parse option x-multi-statement: strconv.ParseBool: parsing {}: invalid syntax", go_quote(&s))
            })?;
        }

        let client = connect(o)?;
        let mut d = Driver {
            client,
            database_name: path,
            schema: String::new(),
            table: String::new(),
            statement_timeout_ms,
            multi_statement,
            multi_statement_max: multi_statement_max as usize,
            locked: false,
            dead: None,
        };
        if d.database_name.is_empty() {
            let q = "SELECT CURRENT_DATABASE()";
            match d.simple_scalar(q)? {
                Some(n) if !n.is_empty() => d.database_name = n,
                _ => return Err("no database name".into()),
            }
        }
        match d.simple_scalar("SELECT CURRENT_SCHEMA()")? {
            Some(s) => d.schema = s,
            None => return Err("no schema".into()),
        }
        d.table = if migrations_table.is_empty() { "schema_migrations".into() } else { migrations_table.clone() };
        if quoted {
            let re = regex::Regex::new(r#""(.*?)""#).unwrap();
            let parts: Vec<String> = re.captures_iter(&migrations_table).map(|c| c[1].to_string()).collect();
            if parts.len() > 2 {
                return Err(format!("\"{migrations_table}\" MigrationsTable contains too many dot characters"));
            }
            if let Some(last) = parts.last() {
                d.table = last.clone();
            }
            if parts.len() == 2 {
                d.schema = parts[0].clone();
            }
        }
        d.ensure_version_table()?;
        Ok(d)
    }

    fn simple_scalar(&mut self, q: &str) -> Result<Option<String>, String> {
        match self.client.simple_query(q) {
            Ok(msgs) => Ok(msgs
                .iter()
                .find_map(|m| match m {
                    SimpleQueryMessage::Row(r) => Some(r.get(0).map(str::to_string)),
                    _ => None,
                })
                .flatten()),
            Err(e) => {
                let (orig, _) = classify(&e);
                Err(db_error(&orig, "", q, 0))
            }
        }
    }

    fn note(&mut self, e: &postgres::Error) -> OrigErr {
        let (orig, fatal) = classify(e);
        if fatal && self.dead.is_none() {
            self.dead = Some(BAD_CONN.into());
        }
        orig
    }

    fn qualified(&self) -> String {
        format!("{}.{}", quote_ident(&self.schema), quote_ident(&self.table))
    }

    fn lock_id(&self) -> i64 {
        advisory_lock_id(&self.database_name, &self.schema, &self.table)
    }

    pub fn lock(&mut self) -> Result<(), String> {
        if self.locked {
            return Err("database locked".into());
        }
        let q = "SELECT pg_advisory_lock($1)";
        if let Some(dead) = &self.dead {
            return Err(db_error(&OrigErr::Other(dead.clone()), "try lock failed", q, 0));
        }
        let id = self.lock_id();
        if let Err(e) = self.client.execute(q, &[&id]) {
            let orig = self.note(&e);
            return Err(db_error(&orig, "try lock failed", q, 0));
        }
        self.locked = true;
        Ok(())
    }

    pub fn unlock(&mut self) -> Result<(), String> {
        if !self.locked {
            return Err("database not locked".into());
        }
        let q = "SELECT pg_advisory_unlock($1)";
        if let Some(dead) = &self.dead {
            return Err(db_error(&OrigErr::Other(dead.clone()), "", q, 0));
        }
        let id = self.lock_id();
        if let Err(e) = self.client.execute(q, &[&id]) {
            let orig = self.note(&e);
            return Err(db_error(&orig, "", q, 0));
        }
        self.locked = false;
        Ok(())
    }

    fn ensure_version_table(&mut self) -> Result<(), String> {
        self.lock()?;
        let r = self.ensure_version_table_locked();
        match (r, self.unlock()) {
            (Ok(()), Ok(())) => Ok(()),
            (Ok(()), Err(u)) => Err(u),
            (Err(e), Ok(())) => Err(e),
            (Err(e), Err(u)) => Err(format!("{e}\n{u}")),
        }
    }

    fn ensure_version_table_locked(&mut self) -> Result<(), String> {
        let q = "SELECT COUNT(1) FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2 LIMIT 1";
        let typed = "SELECT COUNT(1) FROM information_schema.tables WHERE table_schema = $1::text AND table_name = $2::text LIMIT 1";
        let (schema, table) = (self.schema.clone(), self.table.clone());
        let count: i64 = match self.client.query_one(typed, &[&schema, &table]) {
            Ok(row) => row.get(0),
            Err(e) => {
                let orig = self.note(&e);
                return Err(db_error(&orig, "", q, 0));
            }
        };
        if count == 1 {
            return Ok(());
        }
        let q = format!("CREATE TABLE IF NOT EXISTS {} (version bigint not null primary key, dirty boolean not null)", self.qualified());
        if let Err(e) = self.client.batch_execute(&q) {
            let orig = self.note(&e);
            return Err(db_error(&orig, "", &q, 0));
        }
        Ok(())
    }

    /// `Version()`: (-1, false) when there is no row or no table.
    pub fn version(&mut self) -> Result<(i64, bool), String> {
        let q = format!("SELECT version, dirty FROM {} LIMIT 1", self.qualified());
        if let Some(dead) = &self.dead {
            return Err(db_error(&OrigErr::Other(dead.clone()), "", &q, 0));
        }
        match self.client.simple_query(&q) {
            Ok(msgs) => {
                for m in msgs {
                    if let SimpleQueryMessage::Row(r) = m {
                        let v = r.get(0).and_then(|v| v.parse::<i64>().ok());
                        let d = r.get(1).map(|d| d == "t");
                        return match (v, d) {
                            (Some(v), Some(d)) => Ok((v, d)),
                            _ => Err(db_error(&OrigErr::Other("sql: Scan error: converting NULL".into()), "", &q, 0)),
                        };
                    }
                }
                Ok((-1, false))
            }
            Err(e) => {
                if e.code() == Some(&SqlState::UNDEFINED_TABLE) {
                    return Ok((-1, false));
                }
                let orig = self.note(&e);
                Err(db_error(&orig, "", &q, 0))
            }
        }
    }

    /// `SetVersion(v, dirty)`: TRUNCATE + INSERT in one transaction; the INSERT
    /// is skipped for -1 unless dirty.
    pub fn set_version(&mut self, version: i64, dirty: bool) -> Result<(), String> {
        if let Some(dead) = &self.dead {
            return Err(db_error(&OrigErr::Other(dead.clone()), "transaction start failed", "", 0));
        }
        let truncate = format!("TRUNCATE {}", self.qualified());
        let insert = format!("INSERT INTO {} (version, dirty) VALUES ($1, $2)", self.qualified());
        let mut tx = match self.client.transaction() {
            Ok(tx) => tx,
            Err(e) => {
                let (orig, fatal) = classify(&e);
                if fatal && self.dead.is_none() {
                    self.dead = Some(BAD_CONN.into());
                }
                return Err(db_error(&orig, "transaction start failed", "", 0));
            }
        };
        let mut failure: Option<(postgres::Error, String)> = None;
        if let Err(e) = tx.batch_execute(&truncate) {
            failure = Some((e, truncate));
        } else if (version >= 0 || (version == -1 && dirty))
            && let Err(e) = tx.execute(insert.as_str(), &[&version, &dirty])
        {
            failure = Some((e, insert));
        }
        match failure {
            Some((e, q)) => {
                let rollback = tx.rollback();
                let orig = self.note(&e);
                let mut msg = db_error(&orig, "", &q, 0);
                if let Err(re) = rollback {
                    let ro = self.note(&re);
                    // errors.Join inside the OrigErr
                    msg = db_error(&OrigErr::Other(format!("{orig}\n{ro}")), "", &q, 0);
                }
                Err(msg)
            }
            None => match tx.commit() {
                Ok(()) => Ok(()),
                Err(e) => {
                    let orig = self.note(&e);
                    Err(db_error(&orig, "transaction commit failed", "", 0))
                }
            },
        }
    }

    /// `Run(body)`: the whole file as one simple-query Exec (one implicit
    /// transaction), or statement by statement with `x-multi-statement=true`.
    pub fn run(&mut self, body: &[u8]) -> Result<(), String> {
        if !self.multi_statement {
            return self.run_statement(body);
        }
        // database/multistmt: split after every `;` (naively), keep the delimiter.
        let mut rest = body;
        while !rest.is_empty() {
            let (stmt, tail) = match rest.iter().position(|b| *b == b';') {
                Some(i) => rest.split_at(i + 1),
                None => (rest, &rest[rest.len()..]),
            };
            if stmt.len() > self.multi_statement_max {
                return Err("bufio.Scanner: token too long".into());
            }
            self.run_statement(stmt)?;
            rest = tail;
        }
        Ok(())
    }

    fn run_statement(&mut self, stmt: &[u8]) -> Result<(), String> {
        let query = String::from_utf8_lossy(stmt).into_owned();
        if query.trim().is_empty() {
            return Ok(());
        }
        let other = |s: &str| format!("migration failed in line 0: {query} (details: {s})");
        if let Some(dead) = &self.dead {
            return Err(other(dead));
        }
        if self.statement_timeout_ms < 0 {
            return Err(other("context deadline exceeded"));
        }
        let result = if self.statement_timeout_ms > 0 {
            let fired = Arc::new(AtomicBool::new(false));
            let (tx, rx) = std::sync::mpsc::channel::<()>();
            let token = self.client.cancel_token();
            let timeout = Duration::from_millis(self.statement_timeout_ms as u64);
            let f2 = fired.clone();
            let watcher = std::thread::spawn(move || {
                if rx.recv_timeout(timeout) == Err(std::sync::mpsc::RecvTimeoutError::Timeout) {
                    f2.store(true, Ordering::SeqCst);
                    let _ = token.cancel_query(NoTls);
                }
            });
            let r = self.client.batch_execute(&query);
            let _ = tx.send(());
            let _ = watcher.join();
            if fired.load(Ordering::SeqCst) {
                // lib/pq closes the connection after a context cancellation.
                self.dead = Some("context deadline exceeded".into());
            }
            r
        } else {
            self.client.batch_execute(&query)
        };
        let Err(e) = result else { return Ok(()) };
        let orig = self.note(&e);
        match &orig {
            OrigErr::Pq { message, detail, position } => {
                let mut line = 0;
                let mut msg = format!("migration failed: {message}");
                if let Some((l, c)) = position.and_then(|p| line_col_from_pos(&query, p)) {
                    line = l;
                    msg = format!("{msg} (column {c})");
                }
                if let Some(d) = detail.as_deref().filter(|d| !d.is_empty()) {
                    msg = format!("{msg}, {d}");
                }
                Err(db_error(&orig, &msg, &query, line))
            }
            OrigErr::Other(_) => Err(db_error(&orig, "migration failed", &query, 0)),
        }
    }

    /// `Drop()`: `DROP TABLE IF EXISTS "<t>" CASCADE` for every base table of `current_schema()`.
    pub fn drop_all(&mut self) -> Result<(), String> {
        let q = "SELECT table_name FROM information_schema.tables WHERE table_schema=(SELECT current_schema()) AND table_type='BASE TABLE'";
        if let Some(dead) = &self.dead {
            return Err(db_error(&OrigErr::Other(dead.clone()), "", q, 0));
        }
        let names: Vec<String> = match self.client.simple_query(q) {
            Ok(msgs) => msgs
                .iter()
                .filter_map(|m| match m {
                    SimpleQueryMessage::Row(r) => r.get(0).map(str::to_string),
                    _ => None,
                })
                .filter(|n| !n.is_empty())
                .collect(),
            Err(e) => {
                let orig = self.note(&e);
                return Err(db_error(&orig, "", q, 0));
            }
        };
        for t in names {
            let q = format!("DROP TABLE IF EXISTS {} CASCADE", quote_ident(&t));
            if let Err(e) = self.client.batch_execute(&q) {
                let orig = self.note(&e);
                return Err(db_error(&orig, "", &q, 0));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_keys_match_the_transcript() {
        assert_eq!(advisory_lock_id("/locktest", "public", "schema_migrations"), 3_708_018_671);
        assert_eq!(advisory_lock_id("/locktest2", "public", "schema_migrations"), 2_203_766_945);
    }

    #[test]
    fn line_and_column_like_golang_migrate() {
        let q = "CREATE TABLE t3a (id int);\nINSERT INTO t3a VALUES (1);\nCREATE TABLEX t3_oops (id int);\n";
        let pos = q.find("TABLEX").unwrap() as u32 + 1;
        assert_eq!(line_col_from_pos(q, pos), Some((3, 8)));
        assert_eq!(line_col_from_pos("x", 5), None);
    }

    #[test]
    fn identifiers_are_quoted_like_pq() {
        assert_eq!(quote_ident("a\"b"), "\"a\"\"b\"");
    }
}
