//! An emulation of Go's `flag` package (`flag.ExitOnError` mode), which
//! golang-migrate uses for its global options and for every sub-command:
//! parsing stops at the first non-flag argument or after `--`; `-f`, `--f`,
//! `-f=v`, `-f v` are accepted; an undefined flag prints
//! `flag provided but not defined: -x` plus the usage and exits 2; `-h`/`-help`
//! (when not defined) print the usage and exit 0.

use crate::golike::{go_quote, parse_bool, parse_uint_base0};
use crate::log;
use std::collections::HashMap;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Bool,
    Uint,
    Str,
}

pub struct Def {
    pub name: &'static str,
    pub kind: Kind,
    pub usage: &'static str,
    pub default: &'static str,
}

pub struct FlagSet {
    name: String,
    defs: Vec<Def>,
    values: HashMap<&'static str, String>,
    custom_usage: Option<fn()>,
}

impl FlagSet {
    pub fn new(name: &str, defs: Vec<Def>) -> Self {
        let values = defs.iter().map(|d| (d.name, d.default.to_string())).collect();
        FlagSet { name: name.to_string(), defs, values, custom_usage: None }
    }

    /// A sub-command flag set as created by golang-migrate's `newFlagSetWithHelp`.
    pub fn with_help(name: &str, mut extra: Vec<Def>) -> Self {
        extra.push(Def { name: "help", kind: Kind::Bool, usage: "Print help information", default: "false" });
        Self::new(name, extra)
    }

    pub fn set_usage(&mut self, f: fn()) {
        self.custom_usage = Some(f);
    }

    pub fn usage(&self) {
        match self.custom_usage {
            Some(f) => f(),
            None => {
                log::raw(&format!("Usage of {}:\n", self.name));
                self.print_defaults();
            }
        }
    }

    /// `FlagSet.PrintDefaults` (flags sorted by name).
    pub fn print_defaults(&self) {
        let mut defs: Vec<&Def> = self.defs.iter().collect();
        defs.sort_by_key(|d| d.name);
        let mut out = String::new();
        for d in defs {
            let mut b = format!("  -{}", d.name);
            match d.kind {
                Kind::Bool => {}
                Kind::Uint => b.push_str(" uint"),
                Kind::Str => b.push_str(" string"),
            }
            if b.len() <= 4 {
                b.push('\t');
            } else {
                b.push_str("\n    \t");
            }
            b.push_str(&d.usage.replace('\n', "\n    \t"));
            let zero = matches!(d.default, "" | "0" | "false");
            if !zero {
                if d.kind == Kind::Str {
                    b.push_str(&format!(" (default {})", go_quote(d.default)));
                } else {
                    b.push_str(&format!(" (default {})", d.default));
                }
            }
            out.push_str(&b);
            out.push('\n');
        }
        log::raw(&out);
    }

    fn fail(&self, msg: String) -> ! {
        log::raw(&format!("{msg}\n"));
        self.usage();
        std::process::exit(2)
    }

    /// Parse; returns the remaining (non-flag) arguments. Exits like `flag.ExitOnError`.
    pub fn parse(&mut self, args: &[String]) -> Vec<String> {
        let mut i = 0;
        while i < args.len() {
            let s = &args[i];
            let b = s.as_bytes();
            if b.len() < 2 || b[0] != b'-' {
                break;
            }
            let mut minuses = 1;
            if b[1] == b'-' {
                minuses = 2;
                if b.len() == 2 {
                    i += 1;
                    break;
                }
            }
            let mut name = &s[minuses..];
            if name.is_empty() || name.starts_with('-') || name.starts_with('=') {
                self.fail(format!("bad flag syntax: {s}"));
            }
            i += 1;
            let mut value: Option<String> = None;
            if let Some((eq, _)) = name.char_indices().skip(1).find(|(_, c)| *c == '=') {
                value = Some(name[eq + 1..].to_string());
                name = &name[..eq];
            }
            let Some(def) = self.defs.iter().find(|d| d.name == name) else {
                if name == "help" || name == "h" {
                    self.usage();
                    std::process::exit(0);
                }
                self.fail(format!("flag provided but not defined: -{name}"));
            };
            let (dname, kind) = (def.name, def.kind);
            match kind {
                Kind::Bool => {
                    let v = match value {
                        Some(v) => match parse_bool(&v) {
                            Some(x) => x,
                            None => self.fail(format!("invalid boolean value {} for -{name}: parse error", go_quote(&v))),
                        },
                        None => true,
                    };
                    self.values.insert(dname, v.to_string());
                }
                Kind::Uint | Kind::Str => {
                    let v = match value {
                        Some(v) => v,
                        None if i < args.len() => {
                            i += 1;
                            args[i - 1].clone()
                        }
                        None => self.fail(format!("flag needs an argument: -{name}")),
                    };
                    if kind == Kind::Uint {
                        match parse_uint_base0(&v) {
                            Ok(n) => {
                                self.values.insert(dname, n.to_string());
                            }
                            Err(e) => self.fail(format!("invalid value {} for flag -{name}: {}", go_quote(&v), e.flag_text())),
                        }
                    } else {
                        self.values.insert(dname, v);
                    }
                }
            }
        }
        args[i..].to_vec()
    }

    pub fn get_bool(&self, name: &str) -> bool {
        self.values.get(name).map(|v| v == "true").unwrap_or(false)
    }

    pub fn get_uint(&self, name: &str) -> u64 {
        self.values.get(name).and_then(|v| v.parse().ok()).unwrap_or(0)
    }

    pub fn get_str(&self, name: &str) -> String {
        self.values.get(name).cloned().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn go_flag_semantics() {
        let mut fs = FlagSet::new(
            "migrate",
            vec![
                Def { name: "path", kind: Kind::Str, usage: "", default: "" },
                Def { name: "verbose", kind: Kind::Bool, usage: "", default: "false" },
                Def { name: "prefetch", kind: Kind::Uint, usage: "", default: "10" },
            ],
        );
        let rest = fs.parse(&args(&["--path=/x", "-verbose", "-prefetch", "0x3", "up", "-verbose", "2"]));
        assert_eq!(rest, args(&["up", "-verbose", "2"]));
        assert_eq!(fs.get_str("path"), "/x");
        assert!(fs.get_bool("verbose"));
        assert_eq!(fs.get_uint("prefetch"), 3);
        let mut fs = FlagSet::with_help("force", vec![]);
        assert_eq!(fs.parse(&args(&["--", "-1"])), args(&["-1"]));
        let mut fs = FlagSet::with_help("force", vec![]);
        assert_eq!(fs.parse(&args(&["-", "x"])), args(&["-", "x"]));
    }
}
