//! The migrations buildpack as a classic buildpack (Heroku Cedar):
//!
//! ```text
//! classic detect  BUILD_DIR [ENV_DIR]            bin/detect
//! classic compile BUILD_DIR CACHE_DIR [ENV_DIR]  bin/compile
//! classic release BUILD_DIR                      bin/release
//! ```
//!
//! Same library as the Cloud Native Buildpack (`src/main.rs`): detection,
//! settings, checks, inventory, verified install and release runner are shared;
//! only the plumbing (ENV_DIR, CACHE_DIR, the slug, `.profile.d`, YAML) is here.

mod cache;
mod compile;
mod out;
mod settings;
mod slug;
mod wording;

use migrations_buildpack::detect::{self, Detection};
use migrations_buildpack::errors::BuildpackError;
use migrations_buildpack::messages;
use std::path::PathBuf;

const USAGE: &str = "\
usage: classic detect  BUILD_DIR [ENV_DIR]
       classic compile BUILD_DIR CACHE_DIR [ENV_DIR]
       classic release BUILD_DIR

The classic Buildpack API (bin/detect, bin/compile, bin/release) of the migrations buildpack.
compile copies the release runner from $MIGRATIONS_RUNNER_BIN (default: `migrations` next to
this executable) into BUILD_DIR/.heroku/migrations/bin.";

/// `bin/detect`: prints the name and exits 0, or prints why not and exits 1.
fn run_detect(build_dir: PathBuf, env_dir: Option<PathBuf>) -> i32 {
    // Heroku passes only BUILD_DIR: config vars are not visible here. Other
    // platforms may pass ENV_DIR, or export BP_MIGRATIONS_* to the process.
    let vars = match env_dir {
        Some(dir) => settings::read_env_dir(&dir),
        None => Ok(settings::from_process_env()),
    };
    let config = match vars.and_then(|v| settings::build_config(&v)) {
        Ok(config) => config,
        Err(e) => {
            let (header, body) = messages::build_error(&e);
            println!("{header}: {}", body.lines().next().unwrap_or_default());
            return 1;
        }
    };
    match detect::detect(&build_dir, &config) {
        Ok(Detection::Found(d)) => {
            println!("Database migrations ({})", d.tool);
            0
        }
        Ok(Detection::NotFound(why)) => {
            if config.dir.is_none() {
                println!("{why} {}", wording::detect_hint());
            } else {
                println!("{why}");
            }
            1
        }
        Err(e) => {
            println!("{}", BuildpackError::from(e));
            1
        }
    }
}

fn main() {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let command = args.first().and_then(|a| a.to_str()).unwrap_or("");
    // A panic ends the command with one masked line and exit 1 (the compile fails), never with
    // Rust's message and backtrace, as in the release runner.
    let run = || match (command, &args[args.len().min(1)..]) {
        ("detect", [build_dir]) => run_detect(build_dir.clone(), None),
        ("detect", [build_dir, env_dir]) => run_detect(build_dir.clone(), Some(env_dir.clone())),
        ("compile", [build_dir, cache_dir, rest @ ..]) if rest.len() <= 1 => {
            let args = compile::CompileArgs {
                build_dir: build_dir.clone(),
                cache_dir: cache_dir.clone(),
                env_dir: rest.first().cloned(),
                runner: compile::runner_path(),
                arch: compile::host_arch(),
            };
            match compile::compile(&args) {
                Ok(()) => 0,
                Err(e) => {
                    compile::print_error(&e);
                    1
                }
            }
        }
        ("release", [_build_dir]) => {
            print!("{}", wording::release_yaml());
            0
        }
        ("-h" | "--help" | "help", _) => {
            println!("{USAGE}");
            0
        }
        ("--version" | "version", _) => {
            println!("classic {}", env!("CARGO_PKG_VERSION"));
            0
        }
        // Tests only (debug builds): a panic whose message holds a database URL with a password.
        #[cfg(debug_assertions)]
        ("debug-panic", _) => panic!("CLASSIC debug-panic: postgres://user:debug-panic-secret@db.example/app"),
        _ => {
            eprintln!("{USAGE}");
            2
        }
    };
    let code = migrations_buildpack::output::catch_panics(run).unwrap_or_else(|message| {
        println!("migrations: internal error (a bug; please report it): {message}");
        1
    });
    std::process::exit(code);
}
