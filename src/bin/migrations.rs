//! The release runner: `migrations [release|status|rehearse|check]`.
//!
//! `release` (the default) applies pending migrations and, if one fails, puts
//! the database back exactly where this release found it. `status` shows every
//! migration file as applied or pending. `rehearse` runs the pending migrations
//! in a transaction that is always rolled back. `check` runs the build-time checks.

use migrations_buildpack::config::ReleaseConfig;
use migrations_buildpack::migrations::{MigrationSet, checks};
use migrations_buildpack::output::Lines;
use migrations_buildpack::release::{self, Setup, exit};
use std::io::Write;

const USAGE: &str = "\
usage: migrations [release|status|rehearse [--format text|json]|check [--new-since <version>] [--format text|json]]

  release   apply pending migrations; on failure put the database back exactly where this run found it (default)
  status    list every migration as applied or pending, the database version and any problem
  rehearse  run the pending migrations against the database in a transaction that is always rolled back
            (takes the same locks a release would, for as long as it runs) and report each file's
            duration and the table locks it takes, and how long a release would hold them;
            --format json prints it as one JSON object
  check     run the build-time checks on the migration files (no database needed) and list
            every finding; --new-since <version> prints what a build whose previous build had
            the migrations up to <version> would print; --format json prints one object per
            finding (code, severity, file, line, message, fix, rule, new) for CI

Settings are read from the environment (see the buildpack's README): the database URL from
$DATABASE_URL (or the variable named by MIGRATIONS_DATABASE_URL_VAR), MIGRATIONS_LOCK_TIMEOUT,
MIGRATIONS_TIMEOUT, MIGRATIONS_STOP_GRACE, MIGRATIONS_AHEAD, MIGRATIONS_REQUIRE_DOWN, MIGRATIONS_ON_FAILURE,
MIGRATIONS_TX_MODE (auto|all|file), MIGRATIONS_LOCK_RETRIES, MIGRATIONS_MAX_BLOCKING,
MIGRATIONS_PROGRESS_INTERVAL; `check` reads BP_MIGRATIONS_STRICT,
BP_MIGRATIONS_ALLOW_OUT_OF_ORDER and BP_MIGRATIONS_LINT (locks|all|off) as a build does.

exit codes: 0 success or nothing to do; 1 failed, database back at its recorded state;
            2 database NOT restored (manual steps printed); 3 refused before anything ran
rehearse:   0 the release would succeed; 1 it would fail; 2 the database did not read as found after
            the rollback; 3 it cannot be rehearsed";

fn print(line: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{line}");
    let _ = stdout.flush();
}

/// `rehearse [--format text|json]`: whether the output is JSON.
fn rehearse_format(args: &[String]) -> Result<bool, String> {
    match args {
        [] => Ok(false),
        [flag, value] if flag == "--format" && (value == "text" || value == "json") => Ok(value == "json"),
        [flag, value] if flag == "--format" => Err(format!("--format is `text` or `json`, not `{value}`")),
        [other, ..] => Err(format!("unknown option `{other}` (options: --format text|json)")),
    }
}

fn lookup(k: &str) -> Option<String> {
    std::env::var(k).ok()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = args.first().map(String::as_str).unwrap_or("release");
    let app_dir = std::env::current_dir().unwrap_or_else(|_| ".".into());
    // A panic is reported by the code that catches it (`release` prints its report), never
    // as Rust's message and backtrace; outside `release` the process ends with one masked line.
    let run = || match command {
        "release" | "status" | "rehearse" => match Setup::read(lookup, &app_dir) {
            Ok(setup) if command == "release" => release::run(&setup, &Lines::new(print)),
            Ok(setup) if command == "rehearse" => match rehearse_format(&args[1..]) {
                Ok(false) => release::rehearse(&setup, &Lines::new(print)),
                Ok(true) => {
                    let outcome = release::rehearsal(&setup, &Lines::new(|_| {}));
                    print(&release::report::rehearsal_json(&outcome, &setup.set, &setup.config));
                    outcome.rehearsal_exit_code()
                }
                Err(why) => {
                    print(&format!("migrations: rehearse: {why}\n\n{USAGE}"));
                    exit::REFUSED
                }
            },
            Ok(setup) => release::status(&setup, &mut |l| print(l)),
            Err(e) => {
                let config = ReleaseConfig::from_lookup(lookup)
                    .unwrap_or_else(|_| ReleaseConfig::from_lookup(|_| None).expect("defaults are valid"));
                print(&release::report::release_error(&e, &config));
                exit::REFUSED
            }
        },
        "check" => check_command(&args[1..], &app_dir),
        "-h" | "--help" | "help" => {
            print(USAGE);
            0
        }
        "--version" | "version" => {
            print(concat!("migrations ", env!("CARGO_PKG_VERSION")));
            0
        }
        other => {
            print(&format!("migrations: unknown command `{other}`\n\n{USAGE}"));
            exit::REFUSED
        }
    };
    let code = migrations_buildpack::output::catch_panics(run).unwrap_or_else(|message| {
        print(&format!("migrations: internal error (a bug; please report it): {message}"));
        exit::NOT_RESTORED
    });
    std::process::exit(code);
}

/// `migrations check [--new-since <version>] [--format text|json]`: exit 0
/// without errors, 1 with errors, 3 for bad arguments or settings.
fn check_command(args: &[String], app_dir: &std::path::Path) -> i32 {
    use migrations_buildpack::{config, messages};
    let mut new_since: Option<String> = None;
    let mut json = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (a.as_str(), None),
        };
        let mut value = || inline.clone().or_else(|| it.next().cloned()).filter(|v| !v.is_empty());
        match flag {
            "--new-since" => match value() {
                Some(v) if v.bytes().all(|b| b.is_ascii_digit()) => new_since = Some(v),
                Some(v) => {
                    return refuse(&format!(
                        "--new-since takes a migration version (digits), e.g. `--new-since 20240101000000`, not `{v}`"
                    ));
                }
                None => return refuse("--new-since needs a version, e.g. `--new-since 20240101000000`"),
            },
            "--format" => match value().as_deref() {
                Some("json") => json = true,
                Some("text") => json = false,
                other => {
                    return refuse(&format!("--format is `text` or `json`, not `{}`", other.unwrap_or("")));
                }
            },
            other => return refuse(&format!("unknown option `{other}` (options: --new-since <version>, --format text|json)")),
        }
    }
    let set = match ReleaseConfig::from_lookup(lookup)
        .map_err(|e| e.to_string())
        .and_then(|config| release::locate(&config, app_dir).map_err(|e| e.to_string()))
        .and_then(|(dir, tool)| MigrationSet::load(&dir, tool).map_err(|e| e.to_string()))
    {
        Ok(set) => set,
        Err(e) => return refuse(&e),
    };
    let flag = |var: &'static str| config::parse_bool(var, lookup(var), false);
    let (strict, allow_out_of_order, lint) =
        match (flag(config::BP_STRICT), flag(config::BP_ALLOW_OUT_OF_ORDER), config::parse_lint(&lookup)) {
            (Ok(s), Ok(a), Ok(l)) => (s, a, l),
            (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return refuse(&e.to_string()),
        };
    // What a build whose previous build had the migrations up to `v` saw.
    let previous_versions = new_since.as_ref().map(|v| {
        set.migrations
            .iter()
            .filter(|m| set.compare_versions(&m.version, v) != std::cmp::Ordering::Greater)
            .map(|m| m.version.clone())
            .collect::<Vec<_>>()
    });
    let report = checks::run(&set, &checks::CheckOptions { strict, allow_out_of_order, previous_versions, lint, ..Default::default() });
    if json {
        print(&messages::check_report_json(&report));
    } else if new_since.is_some() {
        for piece in messages::build_check_report(&set, &report, messages::CHECK_REPORT_LINES) {
            match piece {
                messages::LogPiece::Bullet(t) => print(&format!("- {t}")),
                messages::LogPiece::SubBullet(t) => print(&format!("  - {t}")),
                messages::LogPiece::Warning(t) | messages::LogPiece::Error(t) => {
                    print("");
                    for l in t.lines() {
                        print(&format!("! {l}"));
                    }
                    print("");
                }
            }
        }
    } else {
        let text = messages::check_report(&set, &report);
        for (_, finding) in &text.findings {
            print(finding);
        }
        print(&text.summary);
    }
    if report.has_errors() { 1 } else { 0 }
}

fn refuse(why: &str) -> i32 {
    print(&format!("migrations: check: {why}"));
    exit::REFUSED
}
