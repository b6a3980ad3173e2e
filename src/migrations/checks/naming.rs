//! Naming and content of the files themselves: files the tool ignores
//! (MG101) or runs although they look like copies (MG103), up migrations
//! without SQL (MG006) and missing or empty down migrations (MG102).

use super::{Block, Check, CheckedMigration, Findings, SqlFile, codes};
use crate::migrations::{MigrationSet, golang_migrate_files as golang_migrate};
use crate::tool_kind::ToolKind;

pub(super) struct Naming;

impl Check for Naming {
    fn migration(&mut self, unit: &CheckedMigration<'_>, blocks: &[Block<'_>], out: &mut Findings<'_>) {
        let m = unit.migration;
        match unit.tool {
            ToolKind::GolangMigrate => {
                let Some(up) = unit.up_file() else { return };
                odd_extension(up, out);
                if blocks.first().is_some_and(Block::is_empty) {
                    out.warn(
                        up,
                        codes::EMPTY_UP,
                        None,
                        format!("`{}` contains no SQL; golang-migrate records version {} without changing anything", up.name, m.version),
                        "add the SQL of the migration, or delete the file if nothing was meant to happen",
                    );
                }
                match (m.down.is_some(), unit.down_file()) {
                    (false, _) => out.warn(
                        up,
                        codes::MISSING_DOWN,
                        None,
                        format!("version {} has no down file; an automatic rollback cannot undo it", m.version),
                        &format!("add `{}_{}.down.sql` with SQL that undoes it", m.version, m.name),
                    ),
                    (true, None) => {} // Unreadable: MG010 was reported.
                    (true, Some(down)) => {
                        odd_extension(down, out);
                        if blocks.get(1).is_some_and(Block::is_empty) {
                            out.warn(
                                down,
                                codes::MISSING_DOWN,
                                None,
                                format!("`{}` contains no SQL; an automatic rollback cannot undo version {}", down.name, m.version),
                                "write SQL that undoes the up migration",
                            );
                        }
                    }
                }
            }
            ToolKind::Dbmate => {
                for b in blocks.iter().filter(|b| b.is_empty()) {
                    let name = &b.file.name;
                    if b.up {
                        out.warn(
                            b.file,
                            codes::EMPTY_UP,
                            Some(b.first_line),
                            format!(
                                "the `-- migrate:up` section of `{name}` contains no SQL; dbmate records version {} without changing anything",
                                m.version
                            ),
                            "add the SQL of the migration below `-- migrate:up`, or delete the file if nothing was meant to happen",
                        );
                    } else {
                        out.warn(
                            b.file,
                            codes::MISSING_DOWN,
                            Some(b.first_line),
                            format!(
                                "the `-- migrate:down` section of `{name}` is empty; an automatic rollback cannot undo version {}",
                                m.version
                            ),
                            "write SQL that undoes the up migration below `-- migrate:down`",
                        );
                    }
                }
            }
        }
    }

    fn finish(&mut self, set: &MigrationSet, out: &mut Findings<'_>) {
        for i in set.ignored.iter().filter(|i| i.suspicious) {
            // A small text file may carry an allow comment like any migration.
            let text = std::fs::metadata(&i.path)
                .ok()
                .filter(|m| m.is_file() && m.len() <= 1 << 20)
                .and_then(|_| crate::migrations::read_lossy(&i.path).ok())
                .unwrap_or_default();
            let file = SqlFile::new(i.file.clone(), text);
            let pattern = match set.tool {
                ToolKind::GolangMigrate => "`<version>_<name>.up.sql` and `<version>_<name>.down.sql`",
                ToolKind::Dbmate => "`<version>_<name>.sql` (lower-case `.sql`)",
            };
            out.warn(
                &file,
                codes::IGNORED_FILE,
                None,
                format!("`{}` will never run: it {}", i.file, i.why),
                &format!("rename it to {pattern} if it is a migration, or move it out of the migrations directory"),
            );
        }
    }
}

fn odd_extension(file: &SqlFile, out: &mut Findings<'_>) {
    let name = &file.name;
    if let golang_migrate::ParsedName::Migration { extension, .. } = golang_migrate::parse_file_name(std::ffi::OsStr::new(name))
        && extension != "sql"
    {
        out.warn(
            file,
            codes::ODD_EXTENSION,
            None,
            format!(
                "`{name}` has the extension `.{extension}`, but golang-migrate runs files with any \
                 extension, so this backup/copy runs as a migration"
            ),
            "rename it to end in `.sql`, or move it out of the migrations directory",
        );
    }
}
