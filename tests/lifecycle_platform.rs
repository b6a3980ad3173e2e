//! The buildpack on the platforms it targets, at the lifecycle-contract level:
//! the examples under `examples/` as fixtures, `BP_MIGRATIONS_RELEASE_MODE`
//! (`process`: a `release` process type; `release-phase`: a Build Plan
//! requirement that hands `migrations release` to heroku/release-phase), and
//! what the build says about a Procfile `release:` line.
//!
//! The lifecycle stand-in runs one buildpack alone. Where a test needs the
//! group `[heroku/release-phase, safemigrate/migrations]`, it wraps the
//! packaged buildpack so that detect's plan also carries the `provides` that
//! heroku/release-phase (which always passes detect with `provides` +
//! `requires` `release-phase`) contributes from earlier in the group; and it
//! runs the release commands the way heroku/release-phase's
//! `exec-release-commands` does: Build Plan commands first, then the app's
//! `[[com.heroku.phase.release]]`, each exec'd without a shell (`PATH` lookup)
//! in the launch environment, stopping at the first non-zero exit.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use testkit::lifecycle::{self, App, DetectOutcome, EXIT_FAILED_DETECT};
use testkit::pg::Postgres;

const FIR: &str = "examples/go-golang-migrate-fir";
const PACK: &str = "examples/dbmate-pack";
const RELEASE_PHASE: &str = "examples/release-phase";
const BUILDPACK_ID: &str = "safemigrate/migrations";

// ------------------------------------------------------------------ helpers

fn project_toml(example: &str) -> toml::Table {
    let path = lifecycle::workspace_root().join(example).join("project.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.parse().unwrap_or_else(|e| panic!("{} is not valid TOML: {e}", path.display()))
}

fn readme(example: &str) -> String {
    std::fs::read_to_string(lifecycle::workspace_root().join(example).join("README.md")).unwrap()
}

/// `[[io.buildpacks.group]]` as a list of `id`/`uri` strings, in order.
fn group(project: &toml::Table) -> Vec<String> {
    project["io"]["buildpacks"]["group"]
        .as_array()
        .expect("[[io.buildpacks.group]]")
        .iter()
        .map(|e| e.get("id").or_else(|| e.get("uri")).and_then(toml::Value::as_str).unwrap().to_string())
        .collect()
}

fn position(group: &[String], needle: &str) -> usize {
    group.iter().position(|g| g.contains(needle)).unwrap_or_else(|| panic!("{needle} is not in the group {group:?}"))
}

/// What `pack build` does with `[[io.buildpacks.build.env]]`: platform env vars.
fn apply_build_env(app: &mut App, project: &toml::Table) {
    let envs = project.get("io").and_then(|io| io.get("buildpacks")).and_then(|b| b.get("build")).and_then(|b| b.get("env"));
    for entry in envs.and_then(toml::Value::as_array).into_iter().flatten() {
        app.env(entry["name"].as_str().unwrap(), entry["value"].as_str().unwrap());
    }
}

/// The `[[requires]]` entry named `name` of detect's (primary) plan.
fn required<'a>(detect: &'a DetectOutcome, name: &str) -> Option<&'a toml::Value> {
    detect.plan.as_ref()?.get("requires")?.as_array()?.iter().find(|r| r.get("name").and_then(toml::Value::as_str) == Some(name))
}

/// `(command, args)` of a `[[...release]]` array (Build Plan metadata or project.toml).
fn commands(list: Option<&toml::Value>) -> Vec<(String, Vec<String>)> {
    list.and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
        .map(|c| {
            let args = c.get("args").and_then(toml::Value::as_array).into_iter().flatten();
            (c["command"].as_str().unwrap().to_string(), args.map(|a| a.as_str().unwrap().to_string()).collect())
        })
        .collect()
}

/// The packaged buildpack, wrapped so that detect runs as in the group
/// `[heroku/release-phase, safemigrate/migrations]`: the real `bin/detect`,
/// then the `[[provides]] name = "release-phase"` the earlier buildpack adds
/// to the group's plan. `bin/build` is untouched.
fn behind_release_phase(scratch: &Path) -> PathBuf {
    let dir = scratch.join("behind-release-phase");
    lifecycle::copy_tree(&lifecycle::packaged_buildpack(), &dir).unwrap();
    let bin = dir.join("bin");
    std::fs::remove_file(bin.join("detect")).unwrap();
    std::fs::create_dir_all(bin.join("real")).unwrap();
    // libcnb picks detect or build from argv[0]'s file name.
    std::os::unix::fs::symlink("../build", bin.join("real/detect")).unwrap();
    let script = "#!/bin/sh\n\
        \"$CNB_BUILDPACK_DIR/bin/real/detect\" \"$@\" || exit $?\n\
        { printf '[[provides]]\\nname = \"release-phase\"\\n\\n'; cat \"$2\"; } > \"$2.group\" && mv \"$2.group\" \"$2\"\n";
    std::fs::write(bin.join("detect"), script).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(bin.join("detect"), std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

struct Ran {
    command: String,
    exit_code: i32,
    output: String,
}

/// heroku/release-phase's `release` process, emulated: the Build Plan's
/// release commands, then project.toml's, each exec'd (no shell, `PATH`
/// lookup) with the launch environment and the app dir as working dir; stops
/// at the first command that does not exit 0.
fn run_release_phase(app: &App, detect: &DetectOutcome, project: &toml::Table, extra_env: &[(&str, &str)]) -> Vec<Ran> {
    let mut sequence = commands(required(detect, "release-phase").and_then(|r| r.get("metadata")).and_then(|m| m.get("release")));
    let from_project = project.get("com").and_then(|c| c.get("heroku")).and_then(|h| h.get("phase")).and_then(|p| p.get("release"));
    sequence.extend(commands(from_project));
    let env = app.launch_env_with("release", extra_env);
    let mut ran = Vec::new();
    for (command, args) in sequence {
        let program = lifecycle::look_path(&command, env.get("PATH").map_or("", String::as_str))
            .unwrap_or_else(|| panic!("release command {command:?} not found in the launch PATH {:?}", env.get("PATH")));
        let program = if program.is_relative() { app.app_dir().join(program) } else { program };
        let out =
            Command::new(program).args(&args).env_clear().envs(&env).current_dir(app.app_dir()).stdin(Stdio::null()).output().unwrap();
        let output = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert_no_secret(&output);
        let exit_code = out.status.code().unwrap_or(-1);
        ran.push(Ran { command: format!("{command} {}", args.join(" ")).trim().to_string(), exit_code, output });
        if exit_code != 0 {
            break;
        }
    }
    ran
}

fn is_release_process(p: &toml::Value) -> bool {
    p.get("type").and_then(toml::Value::as_str) == Some("release")
}

// ------------------------------------------------------------------ process mode (default)

#[test]
fn fir_example_lists_go_then_us_then_procfile_on_the_heroku_builder() {
    let project = project_toml(FIR);
    assert_eq!(project["_"]["schema-version"].as_str(), Some("0.2"));
    assert_eq!(project["io"]["buildpacks"]["builder"].as_str(), Some("heroku/builder:24"));
    let g = group(&project);
    assert_eq!(g.len(), 3, "{g:?}");
    assert!(g[0] == "heroku/go" && g[2] == "heroku/procfile", "{g:?}");
    assert!(g[1].contains("migrations"), "{g:?}");
    let text = readme(FIR);
    assert!(text.contains("project.toml") && text.contains("git push heroku main"), "{text}");
    assert!(text.contains("heroku releases:output"), "{text}");
}

#[test]
fn fir_example_process_mode_installs_reuses_and_releases() {
    let pg = Postgres::start();
    let db = pg.create_db("platform_fir");
    let scratch = tempfile::tempdir().unwrap();
    let mut app = App::from_fixture(FIR);
    let server = serve_migrate_double(&mut app, scratch.path());

    // Default mode: no Build Plan at all, so it detects in any group.
    let detect = app.detect();
    assert!(detect.passed(), "{detect:?}");
    assert!(detect.plan.is_none(), "process mode must not touch the Build Plan: {:?}", detect.plan);

    let first = app.build();
    assert!(first.success(), "{}", plain(&first));
    let out = plain(&first);
    assert!(out.contains("Migrations in `db/migrations` for golang-migrate"), "{out}");
    assert!(out.contains("Installing golang-migrate"), "{out}");
    assert!(out.contains("Release process: `migrations release`"), "{out}");
    assert!(!out.contains("Procfile declares"), "the example's Procfile has no release line: {out}");

    // launch.toml: exactly one `release` process, `migrations release`, not the default, direct.
    let launch = app.launch_toml().expect("launch.toml");
    let processes = launch["processes"].as_array().unwrap();
    assert_eq!(processes.len(), 1, "{launch:#?}");
    let process = &processes[0];
    assert!(is_release_process(process), "{launch:#?}");
    assert_eq!(process["command"].as_array().unwrap(), &vec![toml::Value::from("migrations")]);
    assert_eq!(process["args"].as_array().unwrap(), &vec![toml::Value::from("release")]);
    assert!(!process.get("default").and_then(toml::Value::as_bool).unwrap_or(false));

    let second = app.build();
    assert!(second.success(), "{}", plain(&second));
    assert!(plain(&second).contains("Reusing golang-migrate"), "{}", plain(&second));
    assert_eq!(server.requests(), 1);

    let run = release(&app, &pg.url(&db), &[]);
    assert_eq!(run.exit_code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(pg.query(&db, "SELECT version, dirty FROM schema_migrations"), vec!["2|f"]);
    assert_eq!(tables(&pg, &db), vec!["notes", "schema_migrations"]);
}

#[test]
fn pack_example_documents_the_exact_command_and_releases_with_dbmate() {
    let text = readme(PACK);
    for part in [
        "cargo libcnb package --release",
        "pack build dbmate-pack-example",
        "--builder heroku/builder:24",
        "--buildpack heroku/nodejs",
        "--buildpack packaged/x86_64-unknown-linux-musl/release/safemigrate_migrations",
        "--buildpack heroku/procfile",
        "--path examples/dbmate-pack",
        "--entrypoint release",
    ] {
        assert!(text.contains(part), "examples/dbmate-pack/README.md lacks {part:?}");
    }

    let pg = Postgres::start();
    let db = pg.create_db("platform_pack");
    let scratch = tempfile::tempdir().unwrap();
    let (mut app, server, build) = built_app(PACK, scratch.path());
    let out = plain(&build);
    assert!(out.contains("Migrations in `db/migrations` for dbmate"), "{out}");
    assert!(out.contains("Installing dbmate"), "{out}");
    assert!(build.process("release").is_some());
    let again = app.build();
    assert!(plain(&again).contains("Reusing dbmate"), "{}", plain(&again));
    assert_eq!(server.requests(), 1);

    let run = release(&app, &pg.url(&db), &[]);
    assert_eq!(run.exit_code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(tables(&pg, &db), vec!["bookmarks", "schema_migrations"]);

    // `migrations status` through the launch environment (what `docker run --entrypoint launcher IMAGE migrations status` gets).
    let env = app.launch_env_with("web", &[("DATABASE_URL", &pg.url(&db))]);
    let program = lifecycle::look_path("migrations", &env["PATH"]).expect("migrations on the launch PATH of every process");
    let status = Command::new(program).arg("status").env_clear().envs(&env).current_dir(app.app_dir()).output().unwrap();
    let status_out = String::from_utf8_lossy(&status.stdout);
    assert_eq!(status.status.code(), Some(0), "{status_out}");
    assert!(status_out.contains("20240602090000"), "{status_out}");
}

// ------------------------------------------------------------------ release-phase mode

#[test]
fn release_phase_example_lists_release_phase_before_us_and_sets_the_mode() {
    let project = project_toml(RELEASE_PHASE);
    let g = group(&project);
    let (rp, us, procfile) = (position(&g, "heroku/release-phase"), position(&g, "migrations"), position(&g, "heroku/procfile"));
    assert!(
        rp < us,
        "heroku/release-phase must come before this buildpack (a requirement is met only by the same or an earlier buildpack): {g:?}"
    );
    assert_eq!(procfile, g.len() - 1, "{g:?}");
    let mut app = App::from_fixture(RELEASE_PHASE);
    apply_build_env(&mut app, &project);
    assert!(std::fs::read_to_string(app.platform_dir().join("env/BP_MIGRATIONS_RELEASE_MODE")).unwrap() == "release-phase");
    let text = readme(RELEASE_PHASE);
    assert!(text.contains("heroku config:set BP_MIGRATIONS_RELEASE_MODE=release-phase"), "{text}");
}

#[test]
fn release_phase_mode_requires_release_phase_with_the_runner_as_a_release_command() {
    let mut app = App::from_fixture(RELEASE_PHASE);
    apply_build_env(&mut app, &project_toml(RELEASE_PHASE));
    let detect = app.detect();
    assert_eq!(detect.exit_code, 0, "{}{}", detect.stdout, detect.stderr);
    let plan = detect.plan.as_ref().expect("a Build Plan");
    assert!(plan.get("provides").is_none(), "we must not provide release-phase ourselves: {plan:#?}");
    assert!(plan.get("or").is_none(), "{plan:#?}");
    let requires = plan["requires"].as_array().unwrap();
    assert_eq!(requires.len(), 1, "{plan:#?}");
    let entry = &requires[0];
    assert_eq!(entry["name"].as_str(), Some("release-phase"));
    // heroku/release-phase's contract: [[requires.metadata.release]] with command / args / source.
    let release = entry["metadata"]["release"].as_array().expect("[[requires.metadata.release]]");
    assert_eq!(release.len(), 1, "{plan:#?}");
    assert_eq!(release[0]["command"].as_str(), Some("migrations"));
    assert_eq!(release[0]["args"].as_array().unwrap(), &vec![toml::Value::from("release")]);
    assert_eq!(release[0]["source"].as_str(), Some(BUILDPACK_ID));
    assert!(entry["metadata"].get("release-build").is_none());
    assert!(detect.stdout.contains("heroku/release-phase comes before this buildpack"), "{}", detect.stdout);

    // Alone, nothing provides `release-phase`: the lifecycle fails detection of the group.
    let unmet = detect.plan_error.as_deref().expect("an unmet requirement when run alone");
    assert!(unmet.contains("release-phase"), "{unmet}");
    let build = app.build();
    assert_eq!(build.exit_code, EXIT_FAILED_DETECT, "{}", plain(&build));
    assert!(build.stderr.contains("No buildpack groups passed detection"), "{}", build.stderr);
}

#[test]
fn release_phase_mode_builds_without_a_release_process_and_migrations_run_first() {
    let pg = Postgres::start();
    let db = pg.create_db("platform_rp");
    let scratch = tempfile::tempdir().unwrap();
    let project = project_toml(RELEASE_PHASE);
    let mut app = App::from_fixture(RELEASE_PHASE);
    app.with_buildpack(behind_release_phase(scratch.path()));
    apply_build_env(&mut app, &project);
    let server = serve_dbmate(&mut app);

    let first = app.build();
    assert!(first.success(), "{}", plain(&first));
    assert!(first.detect.passed(), "{:?}", first.detect.plan_error);
    let out = plain(&first);
    assert!(out.contains("Installing dbmate"), "{out}");
    assert!(out.contains("Release command: `migrations release`, run by heroku/release-phase"), "{out}");
    assert!(!out.contains("Release process:"), "{out}");
    // No `release` process type from us: heroku/release-phase defines it.
    let processes = app.launch_toml().and_then(|l| l.get("processes").cloned());
    assert!(
        !processes.as_ref().and_then(toml::Value::as_array).into_iter().flatten().any(is_release_process),
        "release-phase mode must not register a release process: {processes:?}"
    );
    // The runner is still in a launch layer, so `migrations` resolves at launch.
    assert!(app.layer_path("runner").join("bin/migrations").is_file());
    assert_eq!(app.layer_toml("runner").unwrap()["types"]["launch"].as_bool(), Some(true));

    let second = app.build();
    assert!(second.success(), "{}", plain(&second));
    assert!(plain(&second).contains("Reusing dbmate"), "{}", plain(&second));
    assert_eq!(server.requests(), 1);

    // Release: our command first, then the app's own (project.toml), in order.
    let ran = run_release_phase(&app, &second.detect, &project, &[("DATABASE_URL", &pg.url(&db))]);
    let names: Vec<&str> = ran.iter().map(|r| r.command.as_str()).collect();
    assert_eq!(names, vec!["migrations release", "bash bin/after-migrations"]);
    assert!(ran.iter().all(|r| r.exit_code == 0), "{}", ran.iter().map(|r| r.output.as_str()).collect::<String>());
    assert!(ran[0].output.contains("applied 2 migration(s)"), "{}", ran[0].output);
    assert!(ran[1].output.contains("after-migrations: the schema is up to date"), "{}", ran[1].output);
    assert_eq!(tables(&pg, &db), vec!["events", "schema_migrations"]);

    // A deploy with a failing migration: the runner rolls back and exits 1, and
    // the sequence stops (heroku/release-phase exits 1, the release fails).
    app.write_file(
        "db/migrations/20240703090000_add_events_source.sql",
        "-- migrate:up\nALTER TABLE events ADD COLUMN source text;\n\n-- migrate:down\nALTER TABLE events DROP COLUMN source;\n",
    );
    app.write_file(
        "db/migrations/20240704090000_broken.sql",
        "-- migrate:up\nINSERT INTO no_such_table VALUES (1);\n\n-- migrate:down\nSELECT 1;\n",
    );
    let third = app.build();
    assert!(third.success(), "{}", plain(&third));
    let before = pg.dump(&db);
    let ran = run_release_phase(&app, &third.detect, &project, &[("DATABASE_URL", &pg.url(&db))]);
    assert_eq!(ran.len(), 1, "the app's own release command must not run after a failed migration");
    assert_eq!(ran[0].exit_code, 1, "{}", ran[0].output);
    assert_eq!(pg.dump(&db), before, "the database is back where the release found it");
}

#[test]
fn unknown_release_mode_is_a_clear_build_error() {
    let mut app = App::from_fixture(PACK);
    app.env("BP_MIGRATIONS_RELEASE_MODE", "release_phase");
    let build = app.build();
    assert!(!build.success());
    let out = plain(&build);
    assert!(out.contains("BP_MIGRATIONS_RELEASE_MODE"), "{out}");
    assert!(out.contains("process, release-phase"), "{out}");
}

// ------------------------------------------------------------------ Procfile and project.toml conflicts

#[test]
fn procfile_release_line_explains_who_wins_and_both_ways_to_combine() {
    for mode in ["process", "release-phase"] {
        let scratch = tempfile::tempdir().unwrap();
        let mut app = App::from_fixture(PACK);
        if mode == "release-phase" {
            app.with_buildpack(behind_release_phase(scratch.path()));
        }
        app.env("BP_MIGRATIONS_RELEASE_MODE", mode);
        app.write_file("Procfile", "web: node index.js\nrelease: ./bin/warm-caches\n");
        let _server = serve_dbmate(&mut app);
        let build = app.build();
        assert!(build.success(), "{mode}: {}", plain(&build));
        let out = plain(&build);
        for part in [
            "release: ./bin/warm-caches",
            "the buildpack that runs last wins",
            "heroku/procfile normally runs last",
            "release: migrations release && ./bin/warm-caches",
            "[[com.heroku.phase.release]]",
            "BP_MIGRATIONS_RELEASE_MODE=release-phase",
        ] {
            assert!(out.contains(part), "{mode}: the warning lacks {part:?}:\n{out}");
        }
    }
}

#[test]
fn process_mode_warns_when_project_toml_uses_heroku_release_phase() {
    let mut app = App::from_fixture(RELEASE_PHASE);
    let _server = serve_dbmate(&mut app);
    // BP_MIGRATIONS_RELEASE_MODE not applied: the default, process mode.
    let build = app.build();
    assert!(build.success(), "{}", plain(&build));
    let out = plain(&build);
    assert!(out.contains("project.toml lists heroku/release-phase"), "{out}");
    assert!(out.contains("Set BP_MIGRATIONS_RELEASE_MODE=release-phase"), "{out}");

    let mut plain_app = App::from_fixture(FIR);
    let scratch = tempfile::tempdir().unwrap();
    let _server2 = serve_migrate_double(&mut plain_app, scratch.path());
    let build = plain_app.build();
    assert!(!plain(&build).contains("project.toml lists heroku/release-phase"), "{}", plain(&build));
}
