//! The `file://` source driver (golang-migrate `source/file` + `source/iofs`):
//! every regular entry of the directory whose name matches
//! `^([0-9]+)_(.*)\.(down|up)\.(.*)$` is a migration; the version is the
//! leading digits as a u64 (leading zeros allowed); everything else, and
//! sub-directories, is silently ignored. Two files for the same version and
//! direction are an error (`duplicate migration file: <later name>`).

use crate::golike::{errno_text, go_quote};
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Clone)]
pub struct Entry {
    pub identifier: String,
    pub raw: String,
}

pub struct Source {
    dir: PathBuf,
    ups: BTreeMap<u64, Entry>,
    downs: BTreeMap<u64, Entry>,
    versions: Vec<u64>,
}

/// A Go `*fs.PathError`-shaped not-exist error: `<op> .: file does not exist`.
pub fn not_exist(op: &str) -> String {
    format!("{op} .: file does not exist")
}

/// Errors of the source that are `os.ErrNotExist` (golang-migrate branches on this).
#[derive(Debug)]
pub enum ReadErr {
    NotExist(String),
    Other(String),
}

fn percent_decode(s: &str, whole: &str) -> Result<String, String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3).filter(|h| h.len() == 2 && h.chars().all(|c| c.is_ascii_hexdigit()));
            match hex {
                Some(h) => {
                    out.push(u8::from_str_radix(h, 16).unwrap());
                    i += 3;
                }
                None => {
                    let bad: String = s[i..].chars().take(3).collect();
                    return Err(format!("parse {}: invalid URL escape {}", go_quote(whole), go_quote(&bad)));
                }
            }
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// The directory a `file://` URL designates (golang-migrate `source/file` parseURL).
fn file_url_path(url: &str) -> Result<PathBuf, String> {
    let colon = url.find(':').unwrap_or(0);
    let mut rest = &url[colon + 1..];
    if let Some(h) = rest.find('#') {
        rest = &rest[..h];
    }
    let p = if let Some(auth_and_path) = rest.strip_prefix("//") {
        let auth_and_path = auth_and_path.split('?').next().unwrap_or("");
        let (auth, path) = match auth_and_path.find('/') {
            Some(i) => (&auth_and_path[..i], &auth_and_path[i..]),
            None => (auth_and_path, ""),
        };
        let host = match auth.rfind('@') {
            Some(i) => &auth[i + 1..],
            None => auth,
        };
        format!("{}{}", percent_decode(host, url)?, percent_decode(path, url)?)
    } else {
        // opaque (`file:dir`) or rooted path without authority (`file:/dir`)
        let r = rest.split('?').next().unwrap_or("");
        if r.starts_with('/') { percent_decode(r, url)? } else { r.to_string() }
    };
    if p.is_empty() {
        return std::env::current_dir().map_err(|e| format!("getwd: {}", errno_text(&e)));
    }
    if p.starts_with('/') {
        Ok(PathBuf::from(p))
    } else {
        let cwd = std::env::current_dir().map_err(|e| format!("getwd: {}", errno_text(&e)))?;
        Ok(cwd.join(p))
    }
}

impl Source {
    /// `source.Open(url)`; the error text is what follows `failed to open source, "<url>": `.
    pub fn open(url: &str) -> Result<Source, String> {
        let scheme = url.split(':').next().unwrap_or("").to_ascii_lowercase();
        if scheme.is_empty() {
            return Err("source driver: invalid URL scheme".into());
        }
        if scheme != "file" {
            return Err(format!("source driver: unknown driver '{scheme}' (forgotten import?)"));
        }
        let dir = file_url_path(url)?;
        let rd = std::fs::read_dir(&dir).map_err(|e| {
            if e.raw_os_error() == Some(20) { "readdirent .: not a directory".to_string() } else { format!("open .: {}", errno_text(&e)) }
        })?;
        let mut entries: Vec<(Vec<u8>, String, bool)> = Vec::new();
        for e in rd {
            let e = e.map_err(|e| format!("readdirent .: {}", errno_text(&e)))?;
            let is_dir = e.file_type().map(|t| t.is_dir()).unwrap_or(false);
            let name = e.file_name();
            let bytes = name.as_encoded_bytes().to_vec();
            entries.push((bytes, name.to_string_lossy().into_owned(), is_dir));
        }
        entries.sort();
        let re = regex::Regex::new(r"^([0-9]+)_(.*)\.(down|up)\.(.*)$").unwrap();
        let mut ups = BTreeMap::new();
        let mut downs = BTreeMap::new();
        for (_, name, is_dir) in entries {
            if is_dir {
                continue;
            }
            let Some(c) = re.captures(&name) else {
                continue;
            };
            let Ok(version) = crate::golike::parse_uint10(&c[1]) else {
                continue;
            };
            let map = if &c[3] == "up" { &mut ups } else { &mut downs };
            if map.contains_key(&version) {
                return Err(format!("duplicate migration file: {name}"));
            }
            map.insert(version, Entry { identifier: c[2].to_string(), raw: name.clone() });
        }
        let mut versions: Vec<u64> = ups.keys().chain(downs.keys()).copied().collect();
        versions.sort_unstable();
        versions.dedup();
        Ok(Source { dir, ups, downs, versions })
    }

    pub fn first(&self) -> Result<u64, ReadErr> {
        self.versions.first().copied().ok_or_else(|| ReadErr::NotExist(not_exist("first")))
    }

    pub fn prev(&self, v: u64) -> Result<u64, ReadErr> {
        match self.versions.binary_search(&v) {
            Ok(i) if i > 0 => Ok(self.versions[i - 1]),
            _ => Err(ReadErr::NotExist(not_exist(&format!("prev for version {v}")))),
        }
    }

    pub fn next(&self, v: u64) -> Result<u64, ReadErr> {
        match self.versions.binary_search(&v) {
            Ok(i) if i + 1 < self.versions.len() => Ok(self.versions[i + 1]),
            _ => Err(ReadErr::NotExist(not_exist(&format!("next for version {v}")))),
        }
    }

    /// `ReadUp` / `ReadDown`: the file's bytes and identifier.
    pub fn read(&self, v: u64, up: bool) -> Result<(Vec<u8>, String), ReadErr> {
        let (map, dir) = if up { (&self.ups, "up") } else { (&self.downs, "down") };
        match map.get(&v) {
            Some(e) => std::fs::read(self.dir.join(&e.raw)).map(|b| (b, e.identifier.clone())).map_err(|err| {
                let msg = format!("open {}: {}", e.raw, errno_text(&err));
                if err.kind() == std::io::ErrorKind::NotFound { ReadErr::NotExist(msg) } else { ReadErr::Other(msg) }
            }),
            None => Err(ReadErr::NotExist(not_exist(&format!("read {dir} for version {v}")))),
        }
    }
}
