//! golang-migrate's CLI logger (`internal/cli/log.go`): everything goes to
//! stderr; with `-verbose` each entry goes through Go's `log` package, i.e. gets a
//! `YYYY/MM/DD HH:MM:SS ` prefix (UTC in this double) and a guaranteed newline.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

static VERBOSE: AtomicBool = AtomicBool::new(false);

pub fn set_verbose(v: bool) {
    VERBOSE.store(v, Ordering::SeqCst);
}

pub fn verbose() -> bool {
    VERBOSE.load(Ordering::SeqCst)
}

fn write(s: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(s.as_bytes());
    let _ = err.flush();
}

/// Raw write to stderr (used by the `flag` package emulation and usage text).
pub fn raw(s: &str) {
    write(s);
}

/// `Log.Printf`: no newline added unless verbose.
pub fn printf(s: &str) {
    if verbose() {
        let mut line = crate::golike::log_timestamp() + s;
        if !line.ends_with('\n') {
            line.push('\n');
        }
        write(&line);
    } else {
        write(s);
    }
}

/// `Log.Println`.
pub fn println(s: &str) {
    if verbose() {
        write(&format!("{}{s}\n", crate::golike::log_timestamp()));
    } else {
        write(&format!("{s}\n"));
    }
}

/// `Migrate.logVerbosePrintf`.
pub fn verbose_printf(s: &str) {
    if verbose() {
        printf(s);
    }
}

/// `log.fatal`: print the line, exit 1.
pub fn fatal(s: &str) -> ! {
    println(s);
    std::process::exit(1)
}

/// `log.fatalErr`: `error: <err>`, exit 1.
pub fn fatal_err(e: &dyn std::fmt::Display) -> ! {
    fatal(&format!("error: {e}"))
}
