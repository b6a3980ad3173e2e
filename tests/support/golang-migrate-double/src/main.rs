//! # golang-migrate-double — a TEST DOUBLE, not golang-migrate
//!
//! This binary (named `migrate`) imitates the command-line interface of
//! [golang-migrate](https://github.com/golang-migrate/migrate) **v4.19.1**
//! built with only the `postgres` database driver and the `file` source
//! driver, closely enough for this project's tests: the real binary cannot be
//! downloaded in the test environment. It is written from the behaviour
//! documented in the project's reference notes (no code was copied from
//! golang-migrate) and drives a real PostgreSQL server the same way:
//!
//! * same global flags (Go `flag` semantics), commands, messages, exit codes
//!   (0 / 1 / 2), everything on stderr, nothing on stdout;
//! * same `schema_migrations (version bigint, dirty boolean)` bookkeeping,
//!   dirty flag, advisory-lock key, one simple-query Exec per migration file
//!   (so PostgreSQL runs a file in one implicit transaction), `x-multi-statement`,
//!   `x-statement-timeout`, `x-migrations-table(-quoted)`;
//! * same lib/pq connection behaviour as far as observable without TLS
//!   (default `sslmode=require` → `pq: SSL is not enabled on the server` against
//!   a non-SSL server).
//!
//! Known simplifications (all documented where implemented):
//! * `create` is not implemented (prints an error, exit 1);
//! * the `stub` database driver is not implemented;
//! * TLS is not implemented: when a server accepts the SSLRequest the double
//!   stops with an explicit error instead of negotiating TLS;
//! * `-verbose` output has the same lines but the `Start buffering`/`Scheduled`
//!   lines all come first (no prefetch goroutine), and the timestamps are UTC.
//! * like the real tool only SIGINT is handled (`Stopping after this running
//!   migration ...`, then a graceful stop with exit 0); SIGTERM keeps its
//!   default action (the process dies at once), as with the Go binary.

mod engine;
mod goflag;
mod golike;
mod log;
mod pg;
mod source;

use engine::{Error, Migrate};
use goflag::{Def, FlagSet, Kind};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// The version the double imitates (`migrate -version`).
const VERSION: &str = "4.19.1";

// Usage text of golang-migrate v4.19.1 (a TEST DOUBLE prints it unchanged so
// callers that parse it see the same thing).
const CREATE_USAGE: &str = "create [-ext E] [-dir D] [-seq] [-digits N] [-format] [-tz] NAME
\t   Create a set of timestamped up/down migrations titled NAME, in directory D with extension E.
\t   Use -seq option to generate sequential up/down migrations with N digits.
\t   Use -format option to specify a Go time format string. Note: migrations with the same time cause \"duplicate migration version\" error.
           Use -tz option to specify the timezone that will be used when generating non-sequential migrations (defaults: UTC).
";
const GOTO_USAGE: &str = "goto V       Migrate to version V";
const UP_USAGE: &str = "up [N]       Apply all or N up migrations";
const DOWN_USAGE: &str = "down [N] [-all]    Apply all or N down migrations\n\tUse -all to apply all down migrations";
const DROP_USAGE: &str = "drop [-f]    Drop everything inside database\n\tUse -f to bypass confirmation";
const FORCE_USAGE: &str = "force V      Set version V but don't run migration (ignores dirty state)";

fn usage() {
    log::raw(&format!(
        "Usage: migrate OPTIONS COMMAND [arg...]
       migrate [ -version | -help ]

Options:
  -source          Location of the migrations (driver://url)
  -path            Shorthand for -source=file://path
  -database        Run migrations against this database (driver://url)
  -prefetch N      Number of migrations to load in advance before executing (default 10)
  -lock-timeout N  Allow N seconds to acquire database lock (default 15)
  -verbose         Print verbose logging
  -version         Print version
  -help            Print usage

Commands:
  {CREATE_USAGE}
  {GOTO_USAGE}
  {UP_USAGE}
  {DOWN_USAGE}
  {DROP_USAGE}
  {FORCE_USAGE}
  version      Print current migration version

Source drivers: file
Database drivers: stub, postgres, postgresql
"
    ));
}

fn print_usage_and_exit() -> ! {
    usage();
    std::process::exit(2)
}

fn handle_sub_cmd_help(help: bool, text: &str, fs: &FlagSet) {
    if help {
        log::raw(&format!("{text}\n"));
        fs.print_defaults();
        std::process::exit(0);
    }
}

/// `fmt.Scanln(&response)`: the first whitespace-separated word of the first line.
fn read_answer() -> String {
    use std::io::Read;
    let mut line = Vec::new();
    let mut b = [0u8; 1];
    let mut stdin = std::io::stdin().lock();
    while let Ok(1) = stdin.read(&mut b) {
        if b[0] == b'\n' {
            break;
        }
        line.push(b[0]);
    }
    let s = String::from_utf8_lossy(&line);
    s.split_whitespace().next().unwrap_or("").trim().to_lowercase()
}

fn migrater_or_fatal(m: &mut Result<Migrate, String>) -> &mut Migrate {
    match m {
        Ok(m) => m,
        Err(e) => log::fatal_err(e),
    }
}

/// `upCmd` / `downCmd`: `no change` is printed, not an error.
fn no_change_ok(r: Result<(), Error>) {
    match r {
        Ok(()) => {}
        Err(Error::NoChange) => log::println("no change"),
        Err(e) => log::fatal_err(&e),
    }
}

fn finished_after(start: Instant) {
    if log::verbose() {
        log::println(&format!("Finished after {}", golike::fmt_duration(start.elapsed())));
    }
}

/// Only SIGINT, as golang-migrate's `signal.Notify(signals, syscall.SIGINT)`:
/// print once, then ask for a graceful stop after the running migration.
fn install_sigint(m: &Migrate) {
    let stop = m.stop.clone();
    let Ok(mut signals) = signal_hook::iterator::Signals::new([signal_hook::consts::SIGINT]) else {
        return;
    };
    std::thread::spawn(move || {
        let mut first = true;
        for _ in signals.forever() {
            if first {
                first = false;
                log::println("Stopping after this running migration ...");
                stop.store(true, Ordering::SeqCst);
            }
        }
    });
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut global = FlagSet::new(
        "migrate",
        vec![
            Def { name: "help", kind: Kind::Bool, usage: "", default: "false" },
            Def { name: "version", kind: Kind::Bool, usage: "", default: "false" },
            Def { name: "verbose", kind: Kind::Bool, usage: "", default: "false" },
            Def { name: "prefetch", kind: Kind::Uint, usage: "", default: "10" },
            Def { name: "lock-timeout", kind: Kind::Uint, usage: "", default: "15" },
            Def { name: "path", kind: Kind::Str, usage: "", default: "" },
            Def { name: "database", kind: Kind::Str, usage: "", default: "" },
            Def { name: "source", kind: Kind::Str, usage: "", default: "" },
        ],
    );
    global.set_usage(usage);
    let rest = global.parse(&args);
    log::set_verbose(global.get_bool("verbose"));

    if global.get_bool("version") {
        log::raw(&format!("{VERSION}\n"));
        std::process::exit(0);
    }
    if global.get_bool("help") {
        usage();
        std::process::exit(0);
    }
    let mut source = global.get_str("source");
    let path = global.get_str("path");
    if source.is_empty() && !path.is_empty() {
        source = format!("file://{path}");
    }

    // Like the real tool, connect before looking at the command.
    let mut migrater = Migrate::new(&source, &global.get_str("database"));
    if let Ok(m) = &mut migrater {
        // `-prefetch` is accepted and ignored: the double plans eagerly.
        m.lock_timeout = Duration::from_secs(global.get_uint("lock-timeout"));
        install_sigint(m);
    }
    let start = Instant::now();

    if rest.is_empty() {
        print_usage_and_exit();
    }
    let sub_args = &rest[1..];
    let verbose_close = |ok: bool| {
        if ok {
            log::verbose_printf("Closing source and database\n");
        }
    };

    match rest[0].as_str() {
        "create" => {
            log::fatal("error: golang-migrate-double: `create` is not implemented by this test double");
        }
        "goto" => {
            let mut fs = FlagSet::with_help("goto", vec![]);
            let a = fs.parse(sub_args);
            handle_sub_cmd_help(fs.get_bool("help"), GOTO_USAGE, &fs);
            let m = migrater_or_fatal(&mut migrater);
            if a.is_empty() {
                log::fatal("error: please specify version argument V");
            }
            let Ok(v) = golike::parse_uint10(&a[0]) else { log::fatal("error: can't read version argument V") };
            if let Err(e) = m.migrate(v) {
                if let Error::NoChange = e {
                    log::println("no change");
                } else {
                    log::fatal_err(&e);
                }
            }
            finished_after(start);
        }
        "up" => {
            let mut fs = FlagSet::with_help("up", vec![]);
            let a = fs.parse(sub_args);
            handle_sub_cmd_help(fs.get_bool("help"), UP_USAGE, &fs);
            let m = migrater_or_fatal(&mut migrater);
            let mut limit: i64 = -1;
            if !a.is_empty() {
                let Ok(n) = golike::parse_uint10(&a[0]) else { log::fatal("error: can't read limit argument N") };
                limit = n as i64;
            }
            no_change_ok(if limit >= 0 { m.steps(limit) } else { m.up() });
            finished_after(start);
        }
        "down" => {
            let mut fs = FlagSet::with_help(
                "down",
                vec![Def { name: "all", kind: Kind::Bool, usage: "Apply all down migrations", default: "false" }],
            );
            let a = fs.parse(sub_args);
            handle_sub_cmd_help(fs.get_bool("help"), DOWN_USAGE, &fs);
            let m = migrater_or_fatal(&mut migrater);
            let (num, confirm): (i64, bool) = if fs.get_bool("all") {
                if !a.is_empty() {
                    log::fatal_err(&"-all cannot be used with other arguments");
                }
                (-1, false)
            } else {
                match a.len() {
                    0 => (-1, true),
                    1 => match golike::parse_uint10(&a[0]) {
                        Ok(n) => (n as i64, false),
                        Err(_) => log::fatal_err(&"can't read limit argument N"),
                    },
                    _ => log::fatal_err(&"too many arguments"),
                }
            };
            if confirm {
                log::println("Are you sure you want to apply all down migrations? [y/N]");
                if read_answer() == "y" {
                    log::println("Applying all down migrations");
                } else {
                    log::fatal("Not applying all down migrations");
                }
            }
            no_change_ok(if num >= 0 { m.steps(num.wrapping_neg()) } else { m.down() });
            finished_after(start);
        }
        "drop" => {
            let mut fs = FlagSet::with_help(
                "drop",
                vec![Def {
                    name: "f",
                    kind: Kind::Bool,
                    usage: "Force the drop command by bypassing the confirmation prompt",
                    default: "false",
                }],
            );
            fs.parse(sub_args);
            handle_sub_cmd_help(fs.get_bool("help"), DROP_USAGE, &fs);
            if !fs.get_bool("f") {
                log::println("Are you sure you want to drop the entire database schema? [y/N]");
                if read_answer() == "y" {
                    log::println("Dropping the entire database schema");
                } else {
                    log::fatal("Aborted dropping the entire database schema");
                }
            }
            let m = migrater_or_fatal(&mut migrater);
            if let Err(e) = m.drop_all() {
                log::fatal_err(&e);
            }
            finished_after(start);
        }
        "force" => {
            let mut fs = FlagSet::with_help("force", vec![]);
            let a = fs.parse(sub_args);
            handle_sub_cmd_help(fs.get_bool("help"), FORCE_USAGE, &fs);
            let m = migrater_or_fatal(&mut migrater);
            if a.is_empty() {
                log::fatal("error: please specify version argument V");
            }
            let Ok(v) = golike::parse_int10(&a[0]) else { log::fatal("error: can't read version argument V") };
            if v < -1 {
                log::fatal("error: argument V must be >= -1");
            }
            if let Err(e) = m.force(v) {
                log::fatal_err(&e);
            }
            finished_after(start);
        }
        "version" => {
            let m = migrater_or_fatal(&mut migrater);
            match m.version() {
                Ok((v, true)) => log::printf(&format!("{v} (dirty)\n")),
                Ok((v, false)) => log::println(&v.to_string()),
                Err(e) => log::fatal_err(&e),
            }
        }
        _ => print_usage_and_exit(),
    }
    verbose_close(migrater.is_ok());
}
