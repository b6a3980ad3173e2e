//! The comparison with the previous successful build: new migrations
//! numbered below deployed ones (MG008), versions whose file disappeared
//! (MG104) and deployed migrations whose up SQL changed (MG105).

use std::collections::{HashMap, HashSet};

use super::{Baseline, Block, Check, CheckOptions, CheckedMigration, Finding, Findings, Severity, Status, codes};
use crate::migrations::{Migration, MigrationSet, file_name, version_key};
use crate::tool_kind::ToolKind;

pub(super) struct History<'a> {
    prev: Option<&'a Previous<'a>>,
    opts: &'a CheckOptions,
    /// Set by [`Check::finish`].
    pub baseline: Option<Baseline>,
}

impl<'a> History<'a> {
    pub(super) fn new(prev: Option<&'a Previous<'a>>, opts: &'a CheckOptions) -> Self {
        History { prev, opts, baseline: None }
    }
}

impl Check for History<'_> {
    fn migration(&mut self, unit: &CheckedMigration<'_>, _blocks: &[Block<'_>], out: &mut Findings<'_>) {
        if unit.status != Status::Changed {
            return;
        }
        let Some(up) = unit.up_file() else { return };
        let v = &unit.migration.version;
        out.warn(
            up,
            codes::CHANGED_SINCE_PREVIOUS,
            None,
            format!(
                "the up SQL of version {v} changed since the previous build, which already had it; {} never runs an applied \
                 migration again, so databases that ran the old SQL keep the old schema",
                unit.tool
            ),
            "restore the previous content and put the change in a new migration",
        );
    }

    fn finish(&mut self, set: &MigrationSet, out: &mut Findings<'_>) {
        self.baseline = Some(match self.prev {
            None => Baseline::FirstBuild,
            Some(p) => p.check(set, self.opts, out),
        });
    }
}

/// The previous build's versions (normalised for membership tests) and checksums.
pub(super) struct Previous<'a> {
    list: &'a [String],
    set: HashSet<String>,
    checksums: HashMap<String, &'a str>,
}

impl<'a> Previous<'a> {
    pub(super) fn new(set: &MigrationSet, opts: &'a CheckOptions) -> Option<Previous<'a>> {
        let list = opts.previous_versions.as_deref()?;
        let checksums = opts.previous_checksums.iter().map(|(v, c)| (version_key(set.tool, v), c.as_str())).collect();
        Some(Previous { list, set: list.iter().map(|v| version_key(set.tool, v)).collect(), checksums })
    }

    /// Where `version`, whose up SQL now has `checksum`, stands.
    pub(super) fn status(&self, set: &MigrationSet, version: &str, checksum: &str) -> Status {
        let key = version_key(set.tool, version);
        if !self.set.contains(&key) {
            Status::New
        } else if self.checksums.get(&key).is_some_and(|c| *c != checksum) {
            Status::Changed
        } else {
            Status::Deployed
        }
    }

    fn contains(&self, set: &MigrationSet, v: &str) -> bool {
        self.set.contains(&version_key(set.tool, v))
    }

    fn check(&self, set: &MigrationSet, opts: &CheckOptions, out: &mut Findings<'_>) -> Baseline {
        self.removed(set, out);
        let newest_prev = self.list.iter().max_by(|a, b| set.compare_versions(a, b)).cloned();
        // Position (apply order) of the last migration the previous build had.
        let newest_prev_pos = set.migrations.iter().rposition(|m| self.contains(set, &m.version));
        let max_all = set
            .migrations
            .iter()
            .map(|m| m.version.as_str())
            .chain(self.list.iter().map(String::as_str))
            .max_by(|a, b| set.compare_versions(a, b))
            .unwrap_or("0")
            .to_string();
        let mut new_versions = Vec::new();
        for (i, m) in set.migrations.iter().enumerate() {
            if self.contains(set, &m.version) {
                continue;
            }
            new_versions.push(m.version.clone());
            let lower = newest_prev.as_ref().is_some_and(|p| set.compare_versions(&m.version, p) == std::cmp::Ordering::Less)
                || newest_prev_pos.is_some_and(|p| i < p);
            if lower {
                out.push(out_of_order(set.tool, opts, m, newest_prev.as_deref().unwrap_or("?"), &max_all));
            }
        }
        Baseline::Compared { previous: self.list.len(), previous_newest: newest_prev, new_versions }
    }

    /// MG104: versions of the previous build that have no file any more.
    fn removed(&self, set: &MigrationSet, out: &mut Findings<'_>) {
        let current: HashSet<String> = set.migrations.iter().map(|m| version_key(set.tool, &m.version)).collect();
        for v in self.list.iter().filter(|v| !current.contains(&version_key(set.tool, v))) {
            let consequence = match set.tool {
                ToolKind::GolangMigrate => "if the database is at that version, golang-migrate fails with `no migration found for version`",
                ToolKind::Dbmate => "dbmate ignores its row in schema_migrations and can no longer roll it back",
            };
            out.push(Finding::new(
                codes::REMOVED_SINCE_PREVIOUS,
                Severity::Warning,
                "",
                format!("version {v} was in the previous build but has no file any more; {consequence}"),
                "restore the migration file (renaming the descriptive part is fine, the version must stay)",
            ));
        }
    }
}

/// MG008: `m`, new since the previous build, is lower than its newest version `prev`; `max_all`
/// is the highest version of the set and of the previous build.
fn out_of_order(tool: ToolKind, opts: &CheckOptions, m: &Migration, prev: &str, max_all: &str) -> Finding {
    let why = match tool {
        ToolKind::GolangMigrate => format!(
            "golang-migrate only moves forward from the database's version, so on databases that already ran {prev} it silently skips this migration forever"
        ),
        ToolKind::Dbmate => format!(
            "dbmate applies it after {prev} on databases that already ran that, so environments end up with different histories (`dbmate --strict` refuses it)"
        ),
    };
    let allow = if opts.allow_out_of_order { "" } else { " (or set BP_MIGRATIONS_ALLOW_OUT_OF_ORDER=true if this is intended)" };
    Finding::new(
        codes::OUT_OF_ORDER,
        if opts.allow_out_of_order { Severity::Warning } else { Severity::Error },
        m.file_name(),
        format!("version {} is new since the previous build but lower than its newest version {prev}; {why}", m.version),
        format!("{}{allow}", renumber(tool, m, max_all)),
    )
}

/// How to renumber `m` above `max_all`: the renames of its files, when the tool can read a higher version.
fn renumber(tool: ToolKind, m: &Migration, max_all: &str) -> String {
    let Some(next) = next_version(tool, max_all, &m.file_name()) else {
        return format!(
            "renumber it above every existing version; {max_all} is the highest version golang-migrate can read, so \
             first give the newest migrations lower versions that still sort after the deployed ones"
        );
    };
    let mut paths: Vec<&std::path::Path> = [m.up.as_deref(), m.down.as_deref()].into_iter().flatten().collect();
    paths.dedup();
    let renames: Vec<String> = paths
        .iter()
        .map(|p| {
            let f = file_name(p);
            format!("`{f}` → `{}`", rename(&f, &next))
        })
        .collect();
    format!("renumber it above every existing version: rename {}", renames.join(" and "))
}

/// Replaces the leading digits of `file` with `version`.
pub(super) fn rename(file: &str, version: &str) -> String {
    let digits = file.bytes().take_while(u8::is_ascii_digit).count();
    format!("{version}{}", &file[digits..])
}

/// A version above `max` (in the tool's order) that the tool can read,
/// zero-padded like the digits of `file`; `None` when there is none
/// (golang-migrate reads versions as unsigned 64-bit numbers, so nothing is
/// above 18446744073709551615).
pub fn next_version(tool: ToolKind, max: &str, file: &str) -> Option<String> {
    let width = file.bytes().take_while(u8::is_ascii_digit).count();
    let inc = increment(max);
    match tool {
        ToolKind::GolangMigrate => {
            inc.parse::<u64>().ok()?;
            Some(format!("{inc:0>width$}"))
        }
        ToolKind::Dbmate => {
            // String order: keep the width of `max`, or append a digit.
            Some(if inc.len() == max.len() { inc } else { format!("{max}1") })
        }
    }
}

/// Adds one to a decimal digit string (keeps leading zeros).
pub(super) fn increment(v: &str) -> String {
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return "1".into();
    }
    let mut b = v.as_bytes().to_vec();
    let mut i = b.len();
    loop {
        if i == 0 {
            b.insert(0, b'1');
            break;
        }
        i -= 1;
        if b[i] == b'9' {
            b[i] = b'0';
        } else {
            b[i] += 1;
            break;
        }
    }
    String::from_utf8(b).unwrap_or_default()
}
