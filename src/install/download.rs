//! Streaming download to a file with SHA-256, timeouts, bounded redirects,
//! a size cap and retries with exponential backoff.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::Path;
use std::time::Duration;

use sha2::{Digest, Sha256};
use ureq::ResponseExt as _;

use super::auth::{AuthSource, MirrorAuth};
use super::{InstallError, TransportProblem};
use crate::redact::SecretUrl;

/// Redirects followed before giving up (a loop ends here).
pub const MAX_REDIRECTS: u32 = 5;

/// How much of the body's start is kept to recognise an HTML page.
const SNIFF_BYTES: usize = 512;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadOptions {
    /// Time allowed to establish the TCP/TLS connection.
    pub connect_timeout: Duration,
    /// Time allowed for each read (headers or body) to make progress.
    pub read_timeout: Duration,
    /// Total tries, including the first.
    pub attempts: u32,
    /// Delay before the first retry; doubles for each further retry.
    pub backoff: Duration,
    /// Largest body accepted. A tar.gz may expand to at most 4× this per entry
    /// and 8× in total.
    pub max_bytes: u64,
    /// Credentials for the URL's host (a private mirror), sent in an
    /// `Authorization` header and kept on redirects to the same host only.
    pub auth: Option<MirrorAuth>,
}

impl Default for DownloadOptions {
    fn default() -> Self {
        DownloadOptions {
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(30),
            attempts: 4,
            backoff: Duration::from_millis(500),
            max_bytes: 256 * 1024 * 1024,
            auth: None,
        }
    }
}

/// A completed, not yet verified, download.
#[derive(Debug)]
pub(crate) struct Downloaded {
    pub bytes: u64,
    pub attempts: u32,
    /// Lowercase hex.
    pub sha256: String,
    /// `Content-Type: text/html` or a body starting with `<`.
    pub looks_like_html: bool,
}

/// Why one attempt failed.
#[derive(Debug)]
enum AttemptError {
    /// A status outside 2xx; the URL it came from when a redirect led there (masked).
    Status(u16, Option<String>),
    Transport {
        kind: TransportProblem,
        detail: String,
        retryable: bool,
    },
    TooManyRedirects,
    TooLarge {
        content_length: Option<u64>,
    },
    LongerThanContentLength(u64),
    /// A local error (writing the temp file): never retried.
    Local(InstallError),
}

impl AttemptError {
    fn retryable(&self) -> bool {
        match self {
            AttemptError::Status(status, _) => matches!(status, 408 | 429 | 500..=599),
            AttemptError::Transport { retryable, .. } => *retryable,
            _ => false,
        }
    }

    /// The error users see: the URL masked, and the transport's own text with
    /// the credentials and any URL credentials in it masked too.
    fn into_install_error(self, url: &SecretUrl, secrets: &[String], attempts: u32, opts: &DownloadOptions) -> InstallError {
        let url = url.masked();
        match self {
            AttemptError::Status(status, redirected_to) => InstallError::HttpStatus { url, status, attempts, redirected_to },
            AttemptError::Transport { kind, detail, .. } => {
                let detail = crate::redact::mask_secrets(&detail, secrets.iter().map(String::as_str));
                InstallError::Transport { url, attempts, kind, detail }
            }
            AttemptError::TooManyRedirects => InstallError::TooManyRedirects { url, max_redirects: MAX_REDIRECTS },
            AttemptError::TooLarge { content_length } => InstallError::TooLarge { url, max_bytes: opts.max_bytes, content_length },
            AttemptError::LongerThanContentLength(content_length) => InstallError::LongerThanContentLength { url, content_length },
            AttemptError::Local(e) => e,
        }
    }
}

fn io_kind_problem(kind: io::ErrorKind) -> TransportProblem {
    match kind {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => TransportProblem::Timeout,
        io::ErrorKind::ConnectionReset | io::ErrorKind::ConnectionAborted | io::ErrorKind::BrokenPipe => TransportProblem::ConnectionReset,
        io::ErrorKind::UnexpectedEof => TransportProblem::Truncated,
        io::ErrorKind::ConnectionRefused => TransportProblem::ConnectFailed,
        _ => TransportProblem::Other,
    }
}

fn classify(error: ureq::Error) -> AttemptError {
    let detail = error.to_string();
    let transport = |kind, retryable| AttemptError::Transport { kind, detail: detail.clone(), retryable };
    match error {
        ureq::Error::TooManyRedirects | ureq::Error::RedirectFailed => AttemptError::TooManyRedirects,
        ureq::Error::StatusCode(status) => AttemptError::Status(status, None),
        ureq::Error::BodyExceedsLimit(_) => AttemptError::TooLarge { content_length: None },
        ureq::Error::Timeout(_) => transport(TransportProblem::Timeout, true),
        ureq::Error::Io(e) => transport(io_kind_problem(e.kind()), true),
        ureq::Error::ConnectionFailed => transport(TransportProblem::ConnectFailed, true),
        ureq::Error::HostNotFound => transport(TransportProblem::HostNotFound, true),
        ureq::Error::Protocol(_) | ureq::Error::BodyStalled => transport(TransportProblem::Other, true),
        // Bad URL, TLS/certificate problems, ...: retrying cannot help.
        _ => transport(TransportProblem::Other, false),
    }
}

fn agent(opts: &DownloadOptions) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_connect(Some(opts.connect_timeout))
        .timeout_per_read(Some(opts.read_timeout))
        .max_redirects(MAX_REDIRECTS)
        .max_redirects_will_error(true)
        // A mirror's credentials go to its own host only: a redirect to a signed
        // object-store URL elsewhere gets none (and would refuse them).
        .redirect_auth_headers(ureq::config::RedirectAuthHeaders::SameHost)
        .http_status_as_error(false)
        .user_agent(concat!("migrations-buildpack/", env!("CARGO_PKG_VERSION")))
        .build()
        .new_agent()
}

/// Downloads `url` into `dest` (created or truncated), retrying as configured.
///
/// The request goes to `url` without its userinfo; credentials (`opts.auth`,
/// else the URL's own userinfo) travel in an `Authorization` header. Errors
/// name the URL masked.
pub(crate) fn download(url: &SecretUrl, dest: &Path, opts: &DownloadOptions) -> Result<Downloaded, InstallError> {
    let agent = agent(opts);
    let auth = opts.auth.clone().or_else(|| url.userinfo().map(|(user, password)| MirrorAuth::basic(user, password, AuthSource::Url)));
    let target = url.without_userinfo();
    let mut secrets = url.secrets();
    secrets.extend(auth.iter().flat_map(MirrorAuth::secrets));
    let attempts = opts.attempts.max(1);
    let mut delay = opts.backoff;
    let mut attempt = 1;
    loop {
        match download_once(&agent, &target, auth.as_ref(), dest, opts) {
            Ok((bytes, sha256, looks_like_html)) => {
                return Ok(Downloaded { bytes, attempts: attempt, sha256, looks_like_html });
            }
            Err(e) if e.retryable() && attempt < attempts => {
                std::thread::sleep(delay);
                delay = delay.saturating_mul(2);
                attempt += 1;
            }
            Err(e) => return Err(e.into_install_error(url, &secrets, attempt, opts)),
        }
    }
}

fn download_once(
    agent: &ureq::Agent,
    target: &SecretUrl,
    auth: Option<&MirrorAuth>,
    dest: &Path,
    opts: &DownloadOptions,
) -> Result<(u64, String, bool), AttemptError> {
    let local =
        |action: &'static str| move |source: io::Error| AttemptError::Local(InstallError::Io { action, path: dest.to_path_buf(), source });
    let mut request = agent.get(target.expose());
    if let Some(auth) = auth {
        request = request.header("Authorization", auth.header_value());
    }
    let response = request.call().map_err(classify)?;
    let status = response.status().as_u16();
    if !(200..300).contains(&status) {
        // Where a redirect led (a signed URL's credentials masked), to tell the two servers apart.
        let last = response.get_uri().to_string();
        let redirected = url::Url::parse(&last).ok() != url::Url::parse(target.expose()).ok();
        let redirected_to = redirected.then(|| crate::redact::mask_url(&last));
        return Err(AttemptError::Status(status, redirected_to));
    }
    let html_content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().to_ascii_lowercase().starts_with("text/html"));
    let content_length = response.body().content_length();
    if let Some(len) = content_length.filter(|len| *len > opts.max_bytes) {
        return Err(AttemptError::TooLarge { content_length: Some(len) });
    }

    let mut file = File::create(dest).map_err(local("create"))?;
    let mut reader = response.into_body().into_with_config().reader();
    let mut hasher = Sha256::new();
    let mut sniff: Vec<u8> = Vec::with_capacity(SNIFF_BYTES);
    let mut total: u64 = 0;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(classify(ureq::Error::from(e))),
        };
        total += n as u64;
        if total > opts.max_bytes {
            return Err(AttemptError::TooLarge { content_length });
        }
        if let Some(len) = content_length.filter(|len| total > *len) {
            return Err(AttemptError::LongerThanContentLength(len));
        }
        let chunk = &buf[..n];
        if sniff.len() < SNIFF_BYTES {
            let take = (SNIFF_BYTES - sniff.len()).min(n);
            sniff.extend_from_slice(&chunk[..take]);
        }
        hasher.update(chunk);
        file.write_all(chunk).map_err(local("write"))?;
    }
    if let Some(len) = content_length.filter(|len| total < *len) {
        return Err(AttemptError::Transport {
            kind: TransportProblem::Truncated,
            detail: format!("received {total} of {len} bytes"),
            retryable: true,
        });
    }
    file.sync_all().map_err(local("write"))?;
    let starts_with_lt = sniff.iter().find(|b| !b.is_ascii_whitespace()).is_some_and(|b| *b == b'<');
    Ok((total, hex::encode(hasher.finalize()), html_content_type || starts_with_lt))
}
