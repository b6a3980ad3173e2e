//! Credentials for a private mirror (`BP_MIGRATIONS_TOOL_URL`): read at build
//! time only, sent only to that URL's host, never stored or printed.
//!
//! Three ways to give them, exactly one at a time:
//! - a CNB service binding of type `migrations-tool-mirror` (the CNB way:
//!   `pack build --volume <dir>:/platform/bindings/<name>`, kpack, Tekton):
//!   `<bindings>/<name>/type` holds the type, `username` + `password` give HTTP
//!   Basic credentials, `token` a bearer token. The bindings directory is
//!   `SERVICE_BINDING_ROOT` when set, else `<platform>/bindings`;
//! - the build-time setting `BP_MIGRATIONS_TOOL_AUTH` (Heroku config var,
//!   `pack build --env`): `USER:PASSWORD`, or `Bearer TOKEN`;
//! - a userinfo in the URL itself (`https://USER:PASSWORD@host/…`), as before.
//!
//! Whatever the source, the request goes to the URL without its userinfo and
//! the credentials travel in an `Authorization` header, which the download
//! keeps on redirects to the same host only (a mirror that redirects to a
//! signed object-store URL must not forward them).

use std::path::{Path, PathBuf};

use base64::Engine as _;

use crate::redact::{self, SecretUrl};

/// The service binding type this buildpack reads.
pub const BINDING_TYPE: &str = "migrations-tool-mirror";

/// Where the credentials came from (for the build log; never the credentials).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthSource {
    /// A service binding, by name.
    Binding { name: String },
    /// `BP_MIGRATIONS_TOOL_AUTH`.
    Setting,
    /// The userinfo of `BP_MIGRATIONS_TOOL_URL`.
    Url,
}

impl std::fmt::Display for AuthSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AuthSource::Binding { name } => write!(f, "service binding `{name}` (type {BINDING_TYPE})"),
            AuthSource::Setting => f.write_str(crate::config::BP_TOOL_AUTH),
            AuthSource::Url => write!(f, "the user and password in {}", crate::config::BP_TOOL_URL),
        }
    }
}

#[derive(Clone, PartialEq, Eq)]
enum Credentials {
    Basic { user: String, password: String },
    Bearer { token: String },
}

/// Credentials for the mirror. `Debug` shows the source and the scheme only.
#[derive(Clone, PartialEq, Eq)]
pub struct MirrorAuth {
    credentials: Credentials,
    pub source: AuthSource,
}

impl std::fmt::Debug for MirrorAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let scheme = match self.credentials {
            Credentials::Basic { .. } => "Basic",
            Credentials::Bearer { .. } => "Bearer",
        };
        write!(f, "MirrorAuth({scheme} ****, from {})", self.source)
    }
}

impl MirrorAuth {
    pub fn basic(user: impl Into<String>, password: impl Into<String>, source: AuthSource) -> Self {
        MirrorAuth { credentials: Credentials::Basic { user: user.into(), password: password.into() }, source }
    }

    pub fn bearer(token: impl Into<String>, source: AuthSource) -> Self {
        MirrorAuth { credentials: Credentials::Bearer { token: token.into() }, source }
    }

    /// The `Authorization` header's value.
    pub fn header_value(&self) -> String {
        match &self.credentials {
            Credentials::Basic { user, password } => {
                format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}")))
            }
            Credentials::Bearer { token } => format!("Bearer {token}"),
        }
    }

    /// The exact strings that must never be shown: the password or token, and the header value.
    pub fn secrets(&self) -> Vec<String> {
        let secret = match &self.credentials {
            Credentials::Basic { password, .. } => password.clone(),
            Credentials::Bearer { token } => token.clone(),
        };
        let header = self.header_value();
        let encoded = header.split_once(' ').map(|(_, v)| v.to_string()).unwrap_or_default();
        vec![secret, encoded]
    }

    /// `text` with these credentials and any URL credentials masked.
    pub fn mask(&self, text: &str) -> String {
        let secrets = self.secrets();
        redact::mask_secrets(text, secrets.iter().map(String::as_str))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("{BP_TOOL_AUTH} is neither USER:PASSWORD nor `Bearer TOKEN`", BP_TOOL_AUTH = crate::config::BP_TOOL_AUTH)]
    InvalidSetting,
    #[error("several service bindings of type {BINDING_TYPE}: {}", names.join(", "))]
    SeveralBindings { names: Vec<String> },
    #[error("service binding `{name}` (type {BINDING_TYPE}) has neither `token` nor `password`")]
    IncompleteBinding { name: String, path: PathBuf },
    #[error("cannot read {}: {source}", path.display())]
    UnreadableBinding { path: PathBuf, source: std::io::Error },
    #[error("mirror credentials are given twice: by {first} and by {second}")]
    Conflict { first: AuthSource, second: AuthSource },
}

/// Parse `BP_MIGRATIONS_TOOL_AUTH`: `USER:PASSWORD` (HTTP Basic) or `Bearer TOKEN`.
pub fn from_setting(value: &str) -> Result<MirrorAuth, AuthError> {
    let value = value.trim();
    if let Some((scheme, token)) = value.split_once(char::is_whitespace) {
        if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() {
            return Ok(MirrorAuth::bearer(token.trim(), AuthSource::Setting));
        }
    }
    match value.split_once(':') {
        Some((user, password)) if !password.is_empty() && !user.contains(char::is_whitespace) => {
            Ok(MirrorAuth::basic(user, password, AuthSource::Setting))
        }
        _ => Err(AuthError::InvalidSetting),
    }
}

/// The service bindings directory: `SERVICE_BINDING_ROOT` (as given by `lookup`,
/// the platform's build env, then this process's) when set, else `<platform>/bindings`.
pub fn bindings_dir(platform_dir: &Path, lookup: impl Fn(&str) -> Option<String>) -> PathBuf {
    lookup("SERVICE_BINDING_ROOT")
        .or_else(|| std::env::var("SERVICE_BINDING_ROOT").ok())
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .map_or_else(|| platform_dir.join("bindings"), PathBuf::from)
}

fn read_entry(dir: &Path, key: &str) -> Result<Option<String>, AuthError> {
    let path = dir.join(key);
    match std::fs::read(&path) {
        Ok(bytes) => {
            // Secrets files usually end with a newline (`echo secret > password`).
            let text = String::from_utf8_lossy(&bytes);
            let text = text.strip_suffix('\n').map(|t| t.strip_suffix('\r').unwrap_or(t)).unwrap_or(&text);
            Ok(Some(text.to_string()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(AuthError::UnreadableBinding { path, source }),
    }
}

/// The credentials of the one service binding of type [`BINDING_TYPE`] under
/// `bindings_dir` (none: `Ok(None)`; a missing directory is none).
pub fn from_bindings(bindings_dir: &Path) -> Result<Option<MirrorAuth>, AuthError> {
    let entries = match std::fs::read_dir(bindings_dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(AuthError::UnreadableBinding { path: bindings_dir.to_path_buf(), source }),
    };
    let mut found: Vec<(String, PathBuf)> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| AuthError::UnreadableBinding { path: bindings_dir.to_path_buf(), source })?;
        let dir = entry.path();
        if !dir.is_dir() {
            continue;
        }
        let is_ours = read_entry(&dir, "type")?.is_some_and(|t| t.trim().eq_ignore_ascii_case(BINDING_TYPE));
        if is_ours {
            found.push((entry.file_name().to_string_lossy().into_owned(), dir));
        }
    }
    found.sort();
    let (name, dir) = match found.len() {
        0 => return Ok(None),
        1 => found.remove(0),
        _ => return Err(AuthError::SeveralBindings { names: found.into_iter().map(|(n, _)| n).collect() }),
    };
    let source = AuthSource::Binding { name: name.clone() };
    if let Some(token) = read_entry(&dir, "token")?.filter(|t| !t.trim().is_empty()) {
        return Ok(Some(MirrorAuth::bearer(token.trim(), source)));
    }
    match read_entry(&dir, "password")?.filter(|p| !p.is_empty()) {
        Some(password) => {
            let user = read_entry(&dir, "username")?.map(|u| u.trim().to_string()).unwrap_or_default();
            Ok(Some(MirrorAuth::basic(user, password, source)))
        }
        None => Err(AuthError::IncompleteBinding { name, path: dir }),
    }
}

/// The credentials to send with `url`: at most one of the binding, the
/// setting and the URL's own userinfo (two are an error naming both).
pub fn choose(url: &SecretUrl, binding: Option<MirrorAuth>, setting: Option<MirrorAuth>) -> Result<Option<MirrorAuth>, AuthError> {
    let from_url = url.userinfo().map(|(user, password)| MirrorAuth::basic(user, password, AuthSource::Url));
    let mut given = [binding, setting, from_url].into_iter().flatten();
    let first = given.next();
    match (first, given.next()) {
        (Some(first), Some(second)) => Err(AuthError::Conflict { first: first.source, second: second.source }),
        (first, None) => Ok(first),
        (None, Some(_)) => unreachable!("an iterator yields nothing after its end"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_setting_takes_basic_or_bearer_and_names_neither_value() {
        let a = from_setting("ci-user:s3cr:et").unwrap();
        assert_eq!(a.header_value(), format!("Basic {}", base64::engine::general_purpose::STANDARD.encode("ci-user:s3cr:et")));
        let b = from_setting("  Bearer  tok-123 \n").unwrap();
        assert_eq!(b.header_value(), "Bearer tok-123");
        for bad in ["", "no-colon", "user:", "Bearer", "two words:pw"] {
            let e = from_setting(bad).unwrap_err();
            assert!(matches!(e, AuthError::InvalidSetting), "{bad:?}: {e:?}");
        }
        assert!(!format!("{a:?} {b:?}").contains("s3cr") && !format!("{b:?}").contains("tok-123"));
        assert_eq!(a.mask("got s3cr:et back"), "got **** back");
    }

    #[test]
    fn one_binding_of_the_type_gives_the_credentials() {
        let root = tempfile::tempdir().unwrap();
        assert_eq!(from_bindings(&root.path().join("absent")).unwrap(), None);
        let other = root.path().join("db");
        std::fs::create_dir_all(&other).unwrap();
        std::fs::write(other.join("type"), "postgresql").unwrap();
        assert_eq!(from_bindings(root.path()).unwrap(), None);

        let mirror = root.path().join("mirror");
        std::fs::create_dir_all(&mirror).unwrap();
        std::fs::write(mirror.join("type"), "migrations-tool-mirror\n").unwrap();
        let e = from_bindings(root.path()).unwrap_err();
        assert!(matches!(&e, AuthError::IncompleteBinding { name, .. } if name == "mirror"), "{e:?}");
        std::fs::write(mirror.join("username"), "ci\n").unwrap();
        std::fs::write(mirror.join("password"), "pw with space\n").unwrap();
        let a = from_bindings(root.path()).unwrap().unwrap();
        assert_eq!(a, MirrorAuth::basic("ci", "pw with space", AuthSource::Binding { name: "mirror".into() }));
        std::fs::write(mirror.join("token"), "tok").unwrap();
        assert_eq!(from_bindings(root.path()).unwrap().unwrap().header_value(), "Bearer tok");

        let second = root.path().join("mirror2");
        std::fs::create_dir_all(&second).unwrap();
        std::fs::write(second.join("type"), BINDING_TYPE).unwrap();
        let e = from_bindings(root.path()).unwrap_err();
        assert!(matches!(&e, AuthError::SeveralBindings { names } if names == &["mirror", "mirror2"]), "{e:?}");
    }

    #[test]
    fn credentials_come_from_one_place_only() {
        let plain = SecretUrl::new("https://mirror.example.com/dbmate");
        let with_userinfo = SecretUrl::new("https://u:p%3Aw@mirror.example.com/dbmate");
        let binding = || Some(MirrorAuth::bearer("t", AuthSource::Binding { name: "m".into() }));
        assert_eq!(choose(&plain, None, None).unwrap(), None);
        assert_eq!(choose(&with_userinfo, None, None).unwrap(), Some(MirrorAuth::basic("u", "p:w", AuthSource::Url)));
        assert_eq!(choose(&plain, binding(), None).unwrap(), binding());
        let e = choose(&with_userinfo, binding(), None).unwrap_err();
        assert!(e.to_string().contains("service binding `m`") && e.to_string().contains("BP_MIGRATIONS_TOOL_URL"), "{e}");
        assert!(!e.to_string().contains("p:w"));
    }
}
