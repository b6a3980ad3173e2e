//! What a piece of SQL sets for its own transaction only (`SET LOCAL`, `set_config(…, true)`,
//! `SET CONSTRAINTS`), and whether a statement changes how later ones are parsed: the settings
//! half of [`super::analyse`].

use super::statement::w;
use super::{NotGroupable, TransactionScoped};
use crate::migrations::sql::{Token, TokenKind};

/// What a text sets for its transaction only, from its statements one at a time (see
/// [`transaction_scoped`](super::transaction_scoped)).
#[derive(Default)]
pub(super) struct SettingsScan {
    scoped: TransactionScoped,
    /// Parameters set for the session: the first line of each.
    session: Vec<(String, usize)>,
    error: Option<NotGroupable>,
}

impl SettingsScan {
    /// One statement's code tokens `c`; `calls_set_config`: it has the word `set_config`.
    pub(super) fn statement(&mut self, c: &[&Token<'_>], line: usize, calls_set_config: bool) {
        if self.error.is_some() {
            return;
        }
        let Some(first) = c.first() else { return };
        if first.is_word("SET") {
            match set_target(c) {
                Some(SetTarget::Constraints) => self.scoped.constraints = true,
                Some(SetTarget::Param { name, local: true }) => push_unique(&mut self.scoped.params, name),
                Some(SetTarget::Param { name, local: false }) => self.session_param(name, line),
                None => {}
            }
        } else if first.is_word("RESET") {
            // `RESET x` sets the session value (and ends a `SET LOCAL` of it).
            if let Some(name) = c.get(1).map(|t| param_name(t)) {
                self.session_param(name, line);
            }
        }
        if !calls_set_config {
            return;
        }
        for (i, t) in c.iter().enumerate() {
            let Some(call) = set_config_call(c, i) else { continue };
            match call {
                (Some(name), Some(true)) => push_unique(&mut self.scoped.params, name),
                (Some(name), Some(false)) => self.session_param(name, line),
                _ => {
                    self.error = Some(NotGroupable {
                        statement: "set_config(...)".into(),
                        why: "its parameter name or scope is not a literal, so the runner cannot tell what the file's commit would end"
                            .into(),
                        line: t.line,
                    });
                    return;
                }
            }
        }
    }

    fn session_param(&mut self, name: String, line: usize) {
        // Only the first line of each parameter can be reported.
        if !self.session.iter().any(|(n, _)| *n == name) {
            self.session.push((name, line));
        }
    }

    /// Whether the statement with code tokens `c` may change how later statements are parsed
    /// (see [`Analysis::changes_parsing`](super::Analysis::changes_parsing)).
    pub(super) fn changes_parsing(&self, c: &[&Token<'_>]) -> bool {
        const NAME: &str = "standard_conforming_strings";
        let literal_on = |t: Option<&&Token<'_>>| {
            t.is_some_and(|t| match t.kind {
                TokenKind::Word | TokenKind::Number => pg_bool(t.text) == Some(true),
                TokenKind::String => pg_bool(&string_value(t.text)) == Some(true),
                _ => false,
            })
        };
        let Some(first) = c.first() else { return false };
        if first.is_word("SET") {
            if let Some(SetTarget::Param { name, .. }) = set_target(c) {
                if name == NAME {
                    // `SET [SESSION|LOCAL] standard_conforming_strings {=|TO} on`, nothing else.
                    let value = c.iter().position(|t| t.text == "=" || t.is_word("TO")).map(|i| i + 1);
                    return !(value.is_some_and(|v| literal_on(c.get(v))) && value.is_some_and(|v| v + 1 == c.len()));
                }
            }
        } else if first.is_word("RESET") {
            return c.get(1).is_some_and(|t| t.is_word("ALL") || param_name(t) == NAME);
        }
        // A `set_config` of it to anything but on, or of a parameter whose name is not a literal.
        (0..c.len()).filter_map(|i| set_config_call(c, i).map(|call| (i, call))).any(|(i, (name, _))| match name {
            None => true,
            Some(name) => name == NAME && !call_args(&c[i + 2..]).get(1).is_some_and(|a| a.len() == 1 && literal_on(a.first())),
        })
    }

    pub(super) fn result(self) -> Result<TransactionScoped, NotGroupable> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let scoped = self.scoped;
        if let Some((name, line)) =
            self.session.iter().find(|(n, _)| scoped.params.contains(n) || (n == "all" && !scoped.params.is_empty()))
        {
            return Err(NotGroupable {
                statement: format!("SET {name}"),
                why: "it is set both for the transaction (SET LOCAL) and for the session in the same file".into(),
                line: *line,
            });
        }
        Ok(scoped)
    }
}

/// A `set_config(name, value, is_local)` call at `c[i]`: its name (lower case) and scope when
/// they are literals.
pub(super) fn set_config_call(c: &[&Token<'_>], i: usize) -> Option<(Option<String>, Option<bool>)> {
    if !c[i].is_word("set_config") || c.get(i + 1).is_none_or(|p| p.text != "(") {
        return None;
    }
    let args = call_args(&c[i + 2..]);
    let name = args.first().and_then(|a| match a.as_slice() {
        [t] if t.kind == TokenKind::String => Some(string_value(t.text).to_ascii_lowercase()),
        _ => None,
    });
    let local = args.get(2).and_then(|a| match a.as_slice() {
        [t] if t.kind == TokenKind::Word => pg_bool(t.text),
        [t] if t.kind == TokenKind::String => pg_bool(&string_value(t.text)),
        _ => None,
    });
    Some((name, local))
}

pub(super) fn push_unique(v: &mut Vec<String>, name: String) {
    if !v.contains(&name) {
        v.push(name);
    }
}

pub(super) enum SetTarget {
    Param { name: String, local: bool },
    Constraints,
}

/// What a `SET` statement sets (`None` for `SET TRANSACTION`/`SET SESSION CHARACTERISTICS`,
/// which [`classify`](super::classify) and the session already cover).
pub(super) fn set_target(c: &[&Token<'_>]) -> Option<SetTarget> {
    let (local, i) = if w(c, 1, "LOCAL") {
        (true, 2)
    } else if w(c, 1, "SESSION") && !w(c, 2, "AUTHORIZATION") && !w(c, 2, "CHARACTERISTICS") {
        (false, 2)
    } else {
        (false, 1)
    };
    let name = match c.get(i)? {
        t if t.is_word("CONSTRAINTS") => return Some(SetTarget::Constraints),
        t if t.is_word("TRANSACTION") || t.is_word("CHARACTERISTICS") => return None,
        t if t.is_word("ROLE") => "role".to_string(),
        t if t.is_word("SCHEMA") => "search_path".to_string(),
        t if t.is_word("NAMES") => "client_encoding".to_string(),
        t if t.is_word("TIME") && w(c, i + 1, "ZONE") => "timezone".to_string(),
        t if t.is_word("XML") && w(c, i + 1, "OPTION") => "xmloption".to_string(),
        t if t.is_word("SESSION") && w(c, i + 1, "AUTHORIZATION") => "session_authorization".to_string(),
        t => {
            // `name` or `prefix.name` (custom parameters), possibly quoted.
            let mut name = param_name(t);
            let mut j = i + 1;
            while c.get(j).is_some_and(|p| p.text == ".") && c.get(j + 1).is_some() {
                name = format!("{name}.{}", param_name(c[j + 1]));
                j += 2;
            }
            name
        }
    };
    Some(SetTarget::Param { name, local })
}

/// A parameter name as PostgreSQL folds it: bare words lower case, quoted ones as written.
pub(super) fn param_name(t: &Token<'_>) -> String {
    match t.kind {
        TokenKind::QuotedIdent => t.text.trim_matches('"').replace("\"\"", "\""),
        _ => t.text.to_ascii_lowercase(),
    }
}

/// The value of a plain `'…'` string token (`''` undoubled).
fn string_value(text: &str) -> String {
    text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')).unwrap_or(text).replace("''", "'")
}

/// PostgreSQL's boolean input for a literal (`true`, `'t'`, `'on'`, `1`, ...).
fn pg_bool(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "true" | "t" | "on" | "yes" | "y" | "1" => Some(true),
        "false" | "f" | "off" | "no" | "n" | "0" => Some(false),
        _ => None,
    }
}

/// The arguments of a call whose `(` was just before `c` (tokens of each, up to the matching `)`).
fn call_args<'t, 'a>(c: &'t [&'t Token<'a>]) -> Vec<Vec<&'t Token<'a>>> {
    let mut args = vec![Vec::new()];
    let mut depth = 0i32;
    for t in c {
        match t.text {
            "(" => depth += 1,
            ")" if depth == 0 => break,
            ")" => depth -= 1,
            "," if depth == 0 => {
                args.push(Vec::new());
                continue;
            }
            _ => {}
        }
        if let Some(last) = args.last_mut() {
            last.push(*t);
        }
    }
    args
}
