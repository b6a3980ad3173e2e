//! The build-time checks on real projects' migration directories
//! (`test-fixtures/realworld/`, see its README): each builds, its section of
//! the build log stays within 25 lines, a rebuild with nothing new prints one
//! check line, a new destructive migration is named with its code, and so is
//! a deployed migration that was edited.

mod common;

use common::*;
use migrations_buildpack::migrations::{MigrationSet, checks};
use migrations_buildpack::tool_kind::ToolKind;
use std::path::{Path, PathBuf};
use testkit::lifecycle::App;

const MAX_SECTION_LINES: usize = 25;

fn fixtures() -> Vec<PathBuf> {
    let root = testkit::lifecycle::workspace_root().join("test-fixtures/realworld");
    let mut dirs: Vec<PathBuf> =
        std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).filter(|p| p.join("ORIGIN.md").is_file()).collect();
    dirs.sort();
    assert!(dirs.len() >= 6, "the realworld corpus is missing: {dirs:?}");
    dirs
}

/// The buildpack's section of the build log: from its title to `Done` (or the end).
fn section(out: &str) -> Vec<String> {
    let lines: Vec<&str> = out.lines().collect();
    let start = lines.iter().position(|l| l.starts_with("## Database migrations")).unwrap_or_else(|| panic!("no section: {out}"));
    let end = lines.iter().rposition(|l| l.starts_with("- Done")).map_or(lines.len(), |i| i + 1);
    let mut s: Vec<String> = lines[start..end].iter().map(|l| l.to_string()).collect();
    while s.last().is_some_and(|l| l.trim().is_empty()) {
        s.pop();
    }
    s
}

fn tool_of(dir: &Path) -> ToolKind {
    let any_up = std::fs::read_dir(dir).unwrap().any(|e| e.unwrap().file_name().to_string_lossy().contains(".up."));
    if any_up { ToolKind::GolangMigrate } else { ToolKind::Dbmate }
}

/// A file name for a migration numbered above every existing one.
fn next_file(set: &MigrationSet, suffix: &str) -> String {
    let newest = set.migrations.iter().map(|m| m.version.clone()).max_by(|a, b| set.compare_versions(a, b)).unwrap();
    let next = checks::next_version(set.tool, &newest, &set.migrations.last().unwrap().file_name()).expect("a higher version");
    format!("{next}_{suffix}")
}

#[test]
fn real_projects_build_within_one_screen_and_report_what_is_new() {
    let mut summary = Vec::new();
    let mut failures = Vec::new();
    for fixture in fixtures() {
        let name = fixture.file_name().unwrap().to_string_lossy().to_string();
        let migrations = fixture.join("db/migrations");
        let tool = tool_of(&migrations);
        let scratch = tempfile::tempdir().unwrap();
        let mut app = App::from_fixture(&fixture);
        let _server = match tool {
            ToolKind::GolangMigrate => serve_migrate_double(&mut app, scratch.path()),
            ToolKind::Dbmate => serve_dbmate(&mut app),
        };
        let mut check = |what: &str, ok: bool, out: &str| {
            if !ok {
                failures.push(format!("{name}: {what}\n{out}"));
            }
        };

        // First build: passes, one screen.
        let first = app.build();
        let out = plain(&first);
        let s1 = section(&out);
        check("first build passes", first.success(), &out);
        check("first build within 25 lines", s1.len() <= MAX_SECTION_LINES, &s1.join("\n"));

        // Nothing new: one check line, no warning.
        let second = app.build();
        let out = plain(&second);
        let s2 = section(&out);
        check("second build passes", second.success(), &out);
        check("second build within 25 lines", s2.len() <= MAX_SECTION_LINES, &s2.join("\n"));
        let check_lines: Vec<&String> = s2
            .iter()
            .skip_while(|l| !l.starts_with("- Checked "))
            .take_while(|l| !l.starts_with("- Tool:"))
            .filter(|l| !l.trim().is_empty())
            .collect();
        check("second build: one check line", check_lines.len() == 1 && check_lines[0].contains("0 new, 0 changed"), &s2.join("\n"));

        // A new migration dropping a column: named with its code.
        let set = MigrationSet::load(&migrations, tool).unwrap();
        let new_up = match tool {
            ToolKind::GolangMigrate => {
                let up = next_file(&set, "drop_legacy.up.sql");
                app.write_file(format!("db/migrations/{up}"), "ALTER TABLE realworld_accounts DROP COLUMN legacy;\n");
                app.write_file(
                    format!("db/migrations/{}", up.replace(".up.", ".down.")),
                    "ALTER TABLE realworld_accounts ADD COLUMN legacy text;\n",
                );
                up
            }
            ToolKind::Dbmate => {
                let f = next_file(&set, "drop_legacy.sql");
                app.write_file(
                    format!("db/migrations/{f}"),
                    "-- migrate:up\nALTER TABLE realworld_accounts DROP COLUMN legacy;\n\n-- migrate:down\nALTER TABLE realworld_accounts ADD COLUMN legacy text;\n",
                );
                f
            }
        };
        let third = app.build();
        let out = plain(&third);
        let s3 = section(&out);
        check("third build passes", third.success(), &out);
        check("third build within 25 lines", s3.len() <= MAX_SECTION_LINES, &s3.join("\n"));
        check("third build names the new file with MG302", s3.iter().any(|l| l.contains("MG302") && l.contains(&new_up)), &s3.join("\n"));

        // A deployed migration edited: named with MG105.
        let edited = set.migrations[set.migrations.len() / 2].up.clone().unwrap();
        let edited_name = edited.file_name().unwrap().to_string_lossy().to_string();
        let mut text = std::fs::read_to_string(&edited).unwrap();
        match tool {
            ToolKind::GolangMigrate => text.push_str("\nSELECT 1;\n"),
            ToolKind::Dbmate => text = text.replacen("-- migrate:up", "-- migrate:up\nSELECT 1;", 1),
        }
        app.write_file(format!("db/migrations/{edited_name}"), text);
        let fourth = app.build();
        let out = plain(&fourth);
        let s4 = section(&out);
        check("fourth build passes", fourth.success(), &out);
        check("fourth build within 25 lines", s4.len() <= MAX_SECTION_LINES, &s4.join("\n"));
        check(
            "fourth build names the edited file with MG105",
            s4.iter().any(|l| l.contains("MG105") && l.contains(&edited_name)),
            &s4.join("\n"),
        );

        summary.push(format!(
            "{name}: {} migrations ({tool}), first build {} lines, second build {} lines",
            set.migrations.len(),
            s1.len(),
            s2.len()
        ));
    }
    println!("{}", summary.join("\n"));
    assert!(failures.is_empty(), "{}\n\n{}", summary.join("\n"), failures.join("\n\n"));
}

#[test]
fn a_strict_first_build_of_the_largest_project_fails_within_one_screen() {
    let fixture = testkit::lifecycle::workspace_root().join("test-fixtures/realworld/openmeter");
    let scratch = tempfile::tempdir().unwrap();
    let mut app = App::from_fixture(&fixture);
    let _server = serve_migrate_double(&mut app, scratch.path());
    app.env("BP_MIGRATIONS_STRICT", "true");
    let build = app.build();
    let out = plain(&build);
    let s = section(&out);
    assert!(!build.success(), "{out}");
    assert!(s.len() <= MAX_SECTION_LINES, "{} lines:\n{}", s.len(), s.join("\n"));
    // Grouped per code, errors named with their first files, and the way to see them all.
    assert!(s.iter().any(|l| l.starts_with("! Error MG308 ×") && l.contains(".up.sql:")), "{}", s.join("\n"));
    assert!(s.iter().any(|l| l.contains("`migrations check`")), "{}", s.join("\n"));
    assert!(out.contains("problem(s) in the migrations in db/migrations"), "{out}");
}
