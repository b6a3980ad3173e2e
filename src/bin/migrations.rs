//! The release runner: `migrations [release|status|check]`.
//!
//! `release` (the default) applies pending migrations and, if one fails, puts
//! the database back exactly where this release found it. `status` shows every
//! migration file as applied or pending. `check` runs the build-time checks.

use migrations_buildpack::config::ReleaseConfig;
use migrations_buildpack::migrations::{MigrationSet, checks};
use migrations_buildpack::release::{self, Setup, exit};
use std::io::Write;

const USAGE: &str = "\
usage: migrations [release|status|check]

  release   apply pending migrations; on failure undo exactly what this run applied (default)
  status    list every migration as applied or pending, the database version and any problem
  check     run the build-time checks on the migration files (no database needed)

Settings are read from the environment (see the buildpack's README): the database URL from
$DATABASE_URL (or the variable named by MIGRATIONS_DATABASE_URL_VAR), MIGRATIONS_LOCK_TIMEOUT,
MIGRATIONS_TIMEOUT, MIGRATIONS_STOP_GRACE, MIGRATIONS_AHEAD, MIGRATIONS_REQUIRE_DOWN, MIGRATIONS_ON_FAILURE.

exit codes: 0 success or nothing to do; 1 failed, database back at its recorded state;
            2 database NOT restored (manual steps printed); 3 refused before anything ran";

thread_local! {
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

fn print(line: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{line}");
    let _ = stdout.flush();
}

fn lookup(k: &str) -> Option<String> {
    std::env::var(k).ok()
}

fn main() {
    // A panic is reported by the code that catches it (`release` prints its report), never
    // as Rust's message and backtrace; outside `release` the process ends with one masked line.
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(migrations_buildpack::db::mask_urls(&message)));
    }));
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = args.first().map(String::as_str).unwrap_or("release");
    let app_dir = std::env::current_dir().unwrap_or_else(|_| ".".into());
    let run = std::panic::AssertUnwindSafe(|| match command {
        "release" | "status" => match Setup::read(lookup, &app_dir) {
            Ok(setup) if command == "release" => release::run(&setup, &mut |l| print(l)),
            Ok(setup) => release::status(&setup, &mut |l| print(l)),
            Err(e) => {
                let config = ReleaseConfig::from_lookup(lookup)
                    .unwrap_or_else(|_| ReleaseConfig::from_lookup(|_| None).expect("defaults are valid"));
                print(&release::report::release_error(&e, &config));
                exit::REFUSED
            }
        },
        "check" => match release::locate(&lookup, &app_dir)
            .map_err(|e| e.to_string())
            .and_then(|(dir, tool)| MigrationSet::load(&dir, tool).map_err(|e| e.to_string()))
        {
            Ok(set) => {
                let strict = migrations_buildpack::config::parse_bool(
                    migrations_buildpack::config::BP_STRICT,
                    lookup(migrations_buildpack::config::BP_STRICT),
                    false,
                )
                .unwrap_or(false);
                let report = checks::run(&set, &checks::CheckOptions { strict, allow_out_of_order: false, previous_versions: None });
                let text = migrations_buildpack::messages::check_report(&set, &report, None);
                for (_, finding) in &text.findings {
                    print(finding);
                }
                print(&text.summary);
                if report.has_errors() { 1 } else { 0 }
            }
            Err(e) => {
                print(&format!("migrations: check: {e}"));
                exit::REFUSED
            }
        },
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
    });
    let code = std::panic::catch_unwind(run).unwrap_or_else(|_| {
        let message = LAST_PANIC.with(|p| p.borrow_mut().take()).unwrap_or_default();
        print(&format!("migrations: internal error (a bug; please report it): {message}"));
        exit::NOT_RESTORED
    });
    std::process::exit(code);
}
