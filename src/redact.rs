//! Credentials in URLs never leave in clear: one set of masking rules for every
//! URL the buildpack and the runner print or store (build log, layer metadata,
//! SBOMs, release output).
//!
//! - `scheme://user:password@…` → `scheme://user:****@…` (any scheme: database
//!   URLs keep their user name, as they always have);
//! - `http(s)://userinfo@…` → `http(s)://****@…` (a download mirror's user name is
//!   often a token itself: `https://TOKEN@host/…`);
//! - a query parameter whose name looks like a credential (`token`,
//!   `access_token`, `sig`, `signature`, `X-Amz-Signature`, `X-Amz-Credential`,
//!   `X-Amz-Security-Token`, `X-Goog-Signature`, `password`, `secret`,
//!   `api_key`, …) keeps its name, its value becomes `****`.
//!
//! [`SecretUrl`] carries a URL that may hold credentials: it shows itself only
//! masked (`Display`, `Debug`, `Serialize`), and gives its text only through
//! [`SecretUrl::expose`], for the request itself.

use regex::{Captures, Regex};
use std::sync::LazyLock;

/// What replaces a secret.
pub const MASK: &str = "****";

/// `http(s)://` followed by a userinfo (everything up to the authority's last `@`).
static HTTP_USERINFO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)(\bhttps?://)[^/?#\s]*@").expect("valid regex"));

/// `scheme://user:password@`: the password part.
static URL_PASSWORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([A-Za-z][A-Za-z0-9+.\-]*://[^:/@\s]*:)[^@\s]*@").expect("valid regex"));

/// `?name=value` / `&name=value` / `;name=value`.
static QUERY_PARAM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"([?&;])([^=&#?;\s]+)=([^&#;\s"'<>]*)"#).expect("valid regex"));

/// Does a query parameter of this name carry a credential? Case-insensitive;
/// `X-Amz-Signature` and `x-amz-signature` alike.
pub fn is_credential_param(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    const EXACT: [&str; 7] = ["key", "sig", "pw", "pwd", "pass", "code", "auth"];
    const CONTAINS: [&str; 11] =
        ["token", "secret", "signature", "password", "passwd", "credential", "apikey", "api_key", "api-key", "access_key", "private_key"];
    EXACT.contains(&name.as_str()) || CONTAINS.iter().any(|c| name.contains(c)) || name.starts_with("auth")
}

/// Mask every URL credential in `text` (see the module rules). Text without any is returned unchanged.
pub fn mask_urls(text: &str) -> String {
    let out = HTTP_USERINFO.replace_all(text, format!("${{1}}{MASK}@").as_str());
    let out = URL_PASSWORD.replace_all(&out, format!("${{1}}{MASK}@").as_str());
    let out = QUERY_PARAM.replace_all(&out, |c: &Captures| {
        if is_credential_param(&c[2]) && !c[3].is_empty() { format!("{}{}={MASK}", &c[1], &c[2]) } else { c[0].to_string() }
    });
    out.into_owned()
}

/// Replace each of `secrets` (the exact strings; empty ones are skipped) with
/// `****`, then mask URL credentials ([`mask_urls`]). The exact forms go first:
/// a decoded password may contain `@` or `:`, which would stop the URL rules
/// part-way through it.
pub fn mask_secrets<'a>(text: &str, secrets: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = text.to_string();
    for secret in secrets {
        if !secret.is_empty() {
            out = out.replace(secret, MASK);
        }
    }
    mask_urls(&out)
}

/// One URL, masked. A URL that does not parse is masked conservatively:
/// everything between `://` and its last `@` is hidden.
pub fn mask_url(url: &str) -> String {
    if url::Url::parse(url).is_err() {
        if let (Some(start), Some(at)) = (url.find("://"), url.rfind('@')) {
            let start = start + 3;
            if at >= start {
                return mask_urls(&format!("{}{MASK}{}", &url[..start], &url[at..]));
            }
        }
    }
    mask_urls(url)
}

/// A URL that may carry credentials (a userinfo, a signed query). Shown,
/// debugged and serialised only masked; [`SecretUrl::expose`] gives the text
/// to send the request to.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SecretUrl(String);

impl SecretUrl {
    pub fn new(url: impl Into<String>) -> Self {
        SecretUrl(url.into())
    }

    /// The URL as given, credentials included: for the request only, never for output.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The URL with every credential replaced by `****`.
    pub fn masked(&self) -> String {
        mask_url(&self.0)
    }

    /// The userinfo's user name and password, percent-decoded (`None` without a userinfo).
    pub fn userinfo(&self) -> Option<(String, String)> {
        let parsed = url::Url::parse(&self.0).ok()?;
        if parsed.username().is_empty() && parsed.password().is_none() {
            return None;
        }
        let decode = |s: &str| percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned();
        Some((decode(parsed.username()), decode(parsed.password().unwrap_or(""))))
    }

    /// The URL without its userinfo (what is requested when the credentials travel in a header).
    pub fn without_userinfo(&self) -> SecretUrl {
        match url::Url::parse(&self.0) {
            Ok(mut parsed) if !parsed.username().is_empty() || parsed.password().is_some() => {
                let _ = parsed.set_username("");
                let _ = parsed.set_password(None);
                SecretUrl(parsed.to_string())
            }
            _ => self.clone(),
        }
    }

    /// Exact strings of this URL that must never be shown: the userinfo's
    /// password (raw and decoded) and the values of credential-looking query
    /// parameters (raw and decoded). The user name is masked structurally, not
    /// replaced wherever it occurs (it may be a common word).
    pub fn secrets(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Ok(parsed) = url::Url::parse(&self.0) {
            if let Some(pw) = parsed.password().filter(|p| !p.is_empty()) {
                out.push(pw.to_string());
                out.push(percent_encoding::percent_decode_str(pw).decode_utf8_lossy().into_owned());
            }
            if let Some(query) = parsed.query() {
                for c in QUERY_PARAM.captures_iter(&format!("?{query}")) {
                    if is_credential_param(&c[2]) && !c[3].is_empty() {
                        out.push(c[3].to_string());
                    }
                }
            }
            for (k, v) in parsed.query_pairs() {
                if is_credential_param(&k) && !v.is_empty() {
                    out.push(v.into_owned());
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

impl From<String> for SecretUrl {
    fn from(url: String) -> Self {
        SecretUrl(url)
    }
}

impl From<&str> for SecretUrl {
    fn from(url: &str) -> Self {
        SecretUrl(url.to_string())
    }
}

impl std::fmt::Display for SecretUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.masked())
    }
}

impl std::fmt::Debug for SecretUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretUrl({})", self.masked())
    }
}

impl serde::Serialize for SecretUrl {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_userinfo_is_masked_whole_and_database_urls_keep_their_user() {
        assert_eq!(mask_urls("https://user:s3cret@artifacts.example.com/x"), "https://****@artifacts.example.com/x");
        assert_eq!(mask_urls("from https://TOKEN123@host/dbmate"), "from https://****@host/dbmate");
        assert_eq!(mask_urls("http://u:p@ss@127.0.0.1:8080/d"), "http://****@127.0.0.1:8080/d");
        assert_eq!(mask_urls("postgres://app:pw@h/d and mysql://x:y@z"), "postgres://app:****@h/d and mysql://x:****@z");
        // Unchanged: no credentials.
        for text in ["see https://example.com/x and postgres://u@h/d", "https://host/@scope/pkg", "mail bob@example.com"] {
            assert_eq!(mask_urls(text), text);
        }
    }

    #[test]
    fn credential_query_parameters_are_masked_and_others_kept() {
        let signed = "https://bucket.s3.amazonaws.com/dbmate?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20240101&X-Amz-Date=20240101T000000Z&X-Amz-Expires=300&X-Amz-Signature=abcdef0123&X-Amz-SignedHeaders=host";
        assert_eq!(
            mask_urls(signed),
            "https://bucket.s3.amazonaws.com/dbmate?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=****&X-Amz-Date=20240101T000000Z&X-Amz-Expires=300&X-Amz-Signature=****&X-Amz-SignedHeaders=host"
        );
        assert_eq!(mask_urls("https://h/f?token=t0k&v=2"), "https://h/f?token=****&v=2");
        assert_eq!(mask_urls("https://h/f?sv=2022&sig=AbC%2Bd"), "https://h/f?sv=2022&sig=****");
        assert_eq!(mask_urls("https://h/f?access_token=x#frag"), "https://h/f?access_token=****#frag");
        assert_eq!(mask_urls("postgres://u@h/d?sslmode=disable&password=pw1"), "postgres://u@h/d?sslmode=disable&password=****");
        // Not credentials.
        for text in ["https://h/f?version=1&arch=amd64", "postgres://u:****@h/d?sslmode=require&application_name=x"] {
            assert_eq!(mask_urls(text), text);
        }
    }

    #[test]
    fn secret_urls_show_themselves_masked_only() {
        let u = SecretUrl::new("https://ci:p%40ss@mirror.example.com/dbmate?token=t%2B1&v=2");
        assert_eq!(u.masked(), "https://****@mirror.example.com/dbmate?token=****&v=2");
        assert_eq!(format!("{u} {u:?}"), format!("{0} SecretUrl({0})", u.masked()));
        assert_eq!(serde_json::to_string(&u).unwrap(), format!("\"{}\"", u.masked()));
        assert_eq!(u.userinfo(), Some(("ci".to_string(), "p@ss".to_string())));
        assert_eq!(u.without_userinfo().expose(), "https://mirror.example.com/dbmate?token=t%2B1&v=2");
        let secrets = u.secrets();
        for s in ["p%40ss", "p@ss", "t%2B1", "t+1"] {
            assert!(secrets.contains(&s.to_string()), "{s} in {secrets:?}");
        }
        assert_eq!(SecretUrl::new("https://h/x").userinfo(), None);
    }

    #[test]
    fn unparseable_urls_are_masked_up_to_their_last_at() {
        // A password with an unencoded `/` makes the URL invalid; it must not show anyway.
        assert_eq!(mask_url("https://user:pa/ss@host/x"), "https://****@host/x");
        assert_eq!(mask_url("not a url"), "not a url");
    }
}
