//! A small, deliberately misbehaving HTTP/1.1 server on `127.0.0.1:0`, for
//! download tests.
//!
//! Hand-written on [`std::net::TcpListener`] (one thread accepting, one thread per
//! connection) because off-the-shelf servers cannot truncate bodies, reset
//! connections mid-body or stall on purpose. Every response carries
//! `Connection: close`; the connection is closed after each response.
//!
//! ```no_run
//! use testkit::http::{Behavior, Server};
//! let server = Server::start();
//! server.route("/a.tar.gz", Behavior::sequence([Behavior::status(503), Behavior::ok(b"hi".to_vec())]));
//! let url = server.url("/a.tar.gz");
//! // ... download `url` twice ...
//! assert_eq!(server.requests_for("/a.tar.gz"), 2);
//! ```

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// What the server does for a request to a registered path.
#[derive(Debug, Clone)]
pub enum Behavior {
    /// 200 with this body, a correct `Content-Length` and this content type.
    Bytes { body: Vec<u8>, content_type: String },
    /// 200 with the contents of a file, streamed from disk (never fully in memory).
    File(PathBuf),
    /// This status code with this body (content type `text/plain`).
    Status { code: u16, body: Vec<u8> },
    /// Behaviour per request number for this path: the first request gets
    /// element 0, the second element 1, ...; requests past the end repeat the last.
    Sequence(Vec<Behavior>),
    /// 200 announcing `Content-Length: body.len()`, but only the first `sent`
    /// bytes are written before the connection is closed cleanly (FIN).
    Truncated { body: Vec<u8>, sent: usize },
    /// 200 announcing `Content-Length: body.len()`; after `sent` bytes the socket
    /// is closed with `SO_LINGER` 0, so the client sees a connection reset (RST).
    Reset { body: Vec<u8>, sent: usize },
    /// 200 announcing `Content-Length: body.len()`; the headers and the first
    /// `sent` bytes are written, then the server goes silent for `delay`
    /// (or until the server is dropped) and closes the connection.
    Stall { body: Vec<u8>, sent: usize, delay: Duration },
    /// `302 Found` with `Location` pointing to this path on the same server
    /// (so `a → b → a` makes a redirect loop).
    Redirect(String),
    /// 200 with `Content-Type: text/html` and this page (what a captive portal,
    /// a login page or a "not found" page served with 200 looks like).
    Html(String),
    /// 200 with no `Content-Length`: the body is delimited by closing the connection.
    Unframed(Vec<u8>),
    /// These exact bytes are written as the whole response, then the connection is closed.
    Raw(Vec<u8>),
    /// `302 Found` with `Location` set to this full URL (another host, a signed query, ...).
    RedirectTo(String),
    /// The inner behaviour when the request's `Authorization` header is exactly
    /// this value; otherwise `401 Unauthorized`
    /// (what Artifactory, Nexus and S3-backed mirrors answer).
    RequireAuth { authorization: String, then: Box<Behavior> },
}

impl Behavior {
    /// 200, `application/octet-stream`, correct `Content-Length`.
    pub fn ok(body: impl Into<Vec<u8>>) -> Self {
        Behavior::Bytes { body: body.into(), content_type: "application/octet-stream".into() }
    }

    /// A status code with a short plain-text body (its reason phrase).
    pub fn status(code: u16) -> Self {
        Behavior::Status { code, body: format!("{code} {}\n", reason(code)).into_bytes() }
    }

    pub fn status_with_body(code: u16, body: impl Into<Vec<u8>>) -> Self {
        Behavior::Status { code, body: body.into() }
    }

    pub fn file(path: impl Into<PathBuf>) -> Self {
        Behavior::File(path.into())
    }

    pub fn sequence(steps: impl IntoIterator<Item = Behavior>) -> Self {
        Behavior::Sequence(steps.into_iter().collect())
    }

    pub fn truncated(body: impl Into<Vec<u8>>, sent: usize) -> Self {
        Behavior::Truncated { body: body.into(), sent }
    }

    pub fn reset(body: impl Into<Vec<u8>>, sent: usize) -> Self {
        Behavior::Reset { body: body.into(), sent }
    }

    pub fn stall(body: impl Into<Vec<u8>>, sent: usize, delay: Duration) -> Self {
        Behavior::Stall { body: body.into(), sent, delay }
    }

    pub fn redirect(to_path: impl Into<String>) -> Self {
        Behavior::Redirect(to_path.into())
    }

    pub fn html(page: impl Into<String>) -> Self {
        Behavior::Html(page.into())
    }

    pub fn redirect_to(url: impl Into<String>) -> Self {
        Behavior::RedirectTo(url.into())
    }

    /// `then` only for requests with `Authorization: <authorization>`; 401 otherwise.
    pub fn require_auth(authorization: impl Into<String>, then: Behavior) -> Self {
        Behavior::RequireAuth { authorization: authorization.into(), then: Box::new(then) }
    }
}

/// One request as the server received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The request target as sent (path and query string).
    pub target: String,
    /// The path (no query string), as routes are matched.
    pub path: String,
    /// The `Authorization` header, if any.
    pub authorization: Option<String>,
}

struct Shared {
    routes: Mutex<HashMap<String, Behavior>>,
    log: Mutex<Vec<Request>>,
    counts: Mutex<HashMap<String, usize>>,
    total: AtomicUsize,
    shutdown: AtomicBool,
    addr: SocketAddr,
}

/// The running server. Shuts down (and stops accepting) on drop.
pub struct Server {
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

impl Server {
    /// Binds `127.0.0.1:0` and starts serving. Unregistered paths get 404.
    pub fn start() -> Server {
        Server::start_on(std::net::Ipv4Addr::LOCALHOST.into())
    }

    /// Binds `<ip>:0` (e.g. `0.0.0.0` for containers on a Docker bridge, in the
    /// Docker-only integration tests) and starts serving.
    pub fn start_on(ip: std::net::IpAddr) -> Server {
        let listener = TcpListener::bind((ip, 0)).unwrap_or_else(|e| panic!("bind {ip}:0: {e}"));
        let addr = listener.local_addr().expect("local_addr");
        let shared = Arc::new(Shared {
            routes: Mutex::new(HashMap::new()),
            log: Mutex::new(Vec::new()),
            counts: Mutex::new(HashMap::new()),
            total: AtomicUsize::new(0),
            shutdown: AtomicBool::new(false),
            addr,
        });
        let accept_shared = Arc::clone(&shared);
        let acceptor = std::thread::Builder::new()
            .name("testkit-http-accept".into())
            .spawn(move || accept_loop(&listener, &accept_shared))
            .expect("spawn accept thread");
        Server { shared, acceptor: Some(acceptor) }
    }

    /// Registers (or replaces) the behaviour for `path` (e.g. `"/migrate.tar.gz"`).
    pub fn route(&self, path: &str, behavior: Behavior) -> &Self {
        lock(&self.shared.routes).insert(path.to_string(), behavior);
        self
    }

    /// `http://127.0.0.1:<port><path>`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.shared.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.shared.addr
    }

    /// Requests received so far (all paths, including unregistered ones).
    pub fn requests(&self) -> usize {
        self.shared.total.load(Ordering::SeqCst)
    }

    /// Requests received so far for this path (query string ignored).
    pub fn requests_for(&self, path: &str) -> usize {
        lock(&self.shared.counts).get(path).copied().unwrap_or(0)
    }

    /// Every request received so far, in order (target, path, `Authorization`).
    pub fn request_log(&self) -> Vec<Request> {
        lock(&self.shared.log).clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shared.shutdown.store(true, Ordering::SeqCst);
        // Wake the blocking accept().
        let _ = TcpStream::connect_timeout(&self.shared.addr, Duration::from_secs(1));
        if let Some(handle) = self.acceptor.take() {
            let _ = handle.join();
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn accept_loop(listener: &TcpListener, shared: &Arc<Shared>) {
    for stream in listener.incoming() {
        if shared.shutdown.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = stream else { continue };
        let conn_shared = Arc::clone(shared);
        let _ = std::thread::Builder::new().name("testkit-http-conn".into()).spawn(move || {
            let _ = handle_connection(stream, &conn_shared);
        });
    }
}

/// Reads the request head: the target, the path without query string, and the `Authorization` header.
fn read_request(stream: &TcpStream) -> io::Result<Option<Request>> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line)? == 0 {
        return Ok(None);
    }
    let mut authorization = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("authorization")
        {
            authorization = Some(value.trim().to_string());
        }
    }
    let target = request_line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let path = target.split('?').next().unwrap_or("/");
    // Absolute-form targets (`GET http://host/path`) → path only.
    let path = match path.strip_prefix("http://") {
        Some(rest) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => path,
    };
    Ok(Some(Request { path: path.to_string(), target, authorization }))
}

fn handle_connection(mut stream: TcpStream, shared: &Shared) -> io::Result<()> {
    let Some(request) = read_request(&stream)? else {
        return Ok(());
    };
    if shared.shutdown.load(Ordering::SeqCst) {
        return Ok(());
    }
    let path = request.path.clone();
    lock(&shared.log).push(request.clone());
    shared.total.fetch_add(1, Ordering::SeqCst);
    let number = {
        let mut counts = lock(&shared.counts);
        let n = counts.entry(path.clone()).or_insert(0);
        *n += 1;
        *n
    };
    let behavior = lock(&shared.routes).get(&path).cloned();
    let Some(mut behavior) = behavior else {
        return respond(&mut stream, shared, &Behavior::status(404));
    };
    loop {
        behavior = match behavior {
            Behavior::Sequence(steps) => {
                let Some(last) = steps.last() else {
                    return respond(&mut stream, shared, &Behavior::status(404));
                };
                steps.get(number - 1).unwrap_or(last).clone()
            }
            Behavior::RequireAuth { authorization, then } => {
                if request.authorization.as_deref() == Some(authorization.as_str()) {
                    *then
                } else {
                    return respond(&mut stream, shared, &Behavior::status(401));
                }
            }
            other => break respond(&mut stream, shared, &other),
        };
    }
}

fn head(code: u16, content_type: &str, length: Option<u64>, extra: &str) -> Vec<u8> {
    let mut h = format!("HTTP/1.1 {code} {}\r\nConnection: close\r\nContent-Type: {content_type}\r\n", reason(code));
    if let Some(len) = length {
        h.push_str(&format!("Content-Length: {len}\r\n"));
    }
    h.push_str(extra);
    h.push_str("\r\n");
    h.into_bytes()
}

fn respond(stream: &mut TcpStream, shared: &Shared, behavior: &Behavior) -> io::Result<()> {
    const OCTETS: &str = "application/octet-stream";
    let len = |b: &[u8]| Some(b.len() as u64);
    match behavior {
        Behavior::Bytes { body, content_type } => {
            stream.write_all(&head(200, content_type, len(body), ""))?;
            stream.write_all(body)?;
        }
        Behavior::File(path) => {
            let mut file = File::open(path)?;
            let size = file.metadata()?.len();
            stream.write_all(&head(200, OCTETS, Some(size), ""))?;
            io::copy(&mut file, stream)?;
        }
        Behavior::Status { code, body } => {
            stream.write_all(&head(*code, "text/plain", len(body), ""))?;
            stream.write_all(body)?;
        }
        Behavior::Sequence(_) | Behavior::RequireAuth { .. } => unreachable!("resolved before responding"),
        Behavior::Truncated { body, sent } => {
            stream.write_all(&head(200, OCTETS, len(body), ""))?;
            stream.write_all(&body[..(*sent).min(body.len())])?;
            stream.flush()?;
            stream.shutdown(std::net::Shutdown::Both)?;
        }
        Behavior::Reset { body, sent } => {
            stream.write_all(&head(200, OCTETS, len(body), ""))?;
            stream.write_all(&body[..(*sent).min(body.len())])?;
            stream.flush()?;
            // Give the client a moment to read what was sent, then RST.
            std::thread::sleep(Duration::from_millis(50));
            socket2::SockRef::from(&*stream).set_linger(Some(Duration::ZERO))?;
        }
        Behavior::Stall { body, sent, delay } => {
            stream.write_all(&head(200, OCTETS, len(body), ""))?;
            stream.write_all(&body[..(*sent).min(body.len())])?;
            stream.flush()?;
            let until = Instant::now() + *delay;
            while Instant::now() < until && !shared.shutdown.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        Behavior::Redirect(to) => {
            let location = format!("Location: http://{}{to}\r\n", shared.addr);
            stream.write_all(&head(302, "text/plain", Some(0), &location))?;
        }
        Behavior::RedirectTo(url) => {
            stream.write_all(&head(302, "text/plain", Some(0), &format!("Location: {url}\r\n")))?;
        }
        Behavior::Html(page) => {
            stream.write_all(&head(200, "text/html; charset=utf-8", len(page.as_bytes()), ""))?;
            stream.write_all(page.as_bytes())?;
        }
        Behavior::Unframed(body) => {
            stream.write_all(&head(200, OCTETS, None, ""))?;
            stream.write_all(body)?;
        }
        Behavior::Raw(bytes) => stream.write_all(bytes)?,
    }
    stream.flush()?;
    // Drain anything the client still sends so a clean close is a FIN, not a RST
    // (except for `Reset`, where the RST is the point).
    if !matches!(behavior, Behavior::Reset { .. }) {
        let _ = stream.shutdown(std::net::Shutdown::Write);
        let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
        let mut sink = [0u8; 1024];
        while let Ok(n) = stream.read(&mut sink) {
            if n == 0 {
                break;
            }
        }
    }
    Ok(())
}

fn reason(code: u16) -> &'static str {
    match code {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        408 => "Request Timeout",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal client: returns (status line, headers, body bytes) or the io error.
    fn get(url: &str) -> io::Result<(String, String, Vec<u8>)> {
        let rest = url.strip_prefix("http://").expect("http url");
        let (host, path) = rest.split_at(rest.find('/').expect("path"));
        let mut s = TcpStream::connect(host)?;
        s.set_read_timeout(Some(Duration::from_secs(5)))?;
        write!(s, "GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n")?;
        let mut all = Vec::new();
        s.read_to_end(&mut all)?;
        let split = all.windows(4).position(|w| w == b"\r\n\r\n").expect("head") + 4;
        let head = String::from_utf8_lossy(&all[..split]).to_string();
        let status = head.lines().next().unwrap_or_default().to_string();
        Ok((status, head, all[split..].to_vec()))
    }

    fn content_length(head: &str) -> Option<usize> {
        head.lines().find_map(|l| l.strip_prefix("Content-Length: ")).map(|v| v.trim().parse().expect("number"))
    }

    #[test]
    fn serves_bytes_status_html_and_counts() {
        let server = Server::start();
        server.route("/a", Behavior::ok(b"hello".to_vec()));
        server.route("/page", Behavior::html("<html>login</html>"));
        let (status, head, body) = get(&server.url("/a")).unwrap();
        assert_eq!(status, "HTTP/1.1 200 OK");
        assert_eq!(content_length(&head), Some(5));
        assert_eq!(body, b"hello");
        let (status, ..) = get(&server.url("/missing?x=1")).unwrap();
        assert_eq!(status, "HTTP/1.1 404 Not Found");
        let (_, head, body) = get(&server.url("/page")).unwrap();
        assert!(head.contains("Content-Type: text/html"));
        assert_eq!(body, b"<html>login</html>");
        assert_eq!(server.requests(), 3);
        assert_eq!(server.requests_for("/a"), 1);
        assert_eq!(server.requests_for("/missing"), 1);
    }

    #[test]
    fn sequence_follows_request_number_and_repeats_last() {
        let server = Server::start();
        server.route("/s", Behavior::sequence([Behavior::status(503), Behavior::ok(b"ok".to_vec())]));
        let statuses: Vec<String> = (0..3).map(|_| get(&server.url("/s")).unwrap().0).collect();
        assert_eq!(statuses, ["HTTP/1.1 503 Service Unavailable", "HTTP/1.1 200 OK", "HTTP/1.1 200 OK"]);
        assert_eq!(server.requests_for("/s"), 3);
    }

    #[test]
    fn truncated_sends_less_than_content_length() {
        let server = Server::start();
        server.route("/t", Behavior::truncated(vec![7u8; 1000], 100));
        let (_, head, body) = get(&server.url("/t")).unwrap();
        assert_eq!(content_length(&head), Some(1000));
        assert_eq!(body.len(), 100);
    }

    #[test]
    fn reset_is_a_connection_reset() {
        let server = Server::start();
        server.route("/r", Behavior::reset(vec![7u8; 100_000], 10));
        let err = get(&server.url("/r")).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::ConnectionReset, "{err}");
    }

    #[test]
    fn stall_outlasts_a_short_read_timeout() {
        let server = Server::start();
        server.route("/st", Behavior::stall(vec![1u8; 10], 2, Duration::from_secs(30)));
        let mut s = TcpStream::connect(server.addr()).unwrap();
        s.set_read_timeout(Some(Duration::from_millis(300))).unwrap();
        write!(s, "GET /st HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut all = Vec::new();
        let err = s.read_to_end(&mut all).unwrap_err();
        // A read timeout is EAGAIN on Linux (std's `set_read_timeout`: WouldBlock on Unix).
        assert_eq!(err.kind(), io::ErrorKind::WouldBlock, "{err}");
        assert!(all.ends_with(b"\r\n\r\n\x01\x01"));
        let started = Instant::now();
        drop(server); // must not wait for the stall
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn redirect_points_to_the_same_server() {
        let server = Server::start();
        server.route("/a", Behavior::redirect("/b"));
        server.route("/b", Behavior::redirect("/a"));
        let (status, head, _) = get(&server.url("/a")).unwrap();
        assert_eq!(status, "HTTP/1.1 302 Found");
        assert!(head.contains(&format!("Location: {}\r\n", server.url("/b"))));
    }

    #[test]
    fn serves_a_large_file_from_disk() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.bin");
        let chunk: Vec<u8> = (0..1024 * 1024).map(|i| (i % 251) as u8).collect();
        let mut f = File::create(&path).unwrap();
        for _ in 0..30 {
            f.write_all(&chunk).unwrap();
        }
        drop(f);
        let server = Server::start();
        server.route("/big", Behavior::file(&path));
        let (_, head, body) = get(&server.url("/big")).unwrap();
        assert_eq!(content_length(&head), Some(30 * 1024 * 1024));
        assert_eq!(body.len(), 30 * 1024 * 1024);
        assert_eq!(&body[..1024 * 1024], &chunk[..]);
    }

    #[test]
    fn unframed_and_raw() {
        let server = Server::start();
        server.route("/u", Behavior::Unframed(b"abc".to_vec()));
        server.route("/raw", Behavior::Raw(b"HTTP/1.1 204 No Content\r\n\r\n".to_vec()));
        let (_, head, body) = get(&server.url("/u")).unwrap();
        assert_eq!(content_length(&head), None);
        assert_eq!(body, b"abc");
        assert_eq!(get(&server.url("/raw")).unwrap().0, "HTTP/1.1 204 No Content");
    }
}
