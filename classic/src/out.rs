//! Build output in the classic buildpack conventions: `-----> ` for a step,
//! seven spaces for its details, ` !     ` for warnings and errors. Everything
//! goes to stdout, which is what Heroku shows during `git push` and stores with
//! the build.

use std::io::Write;
use std::time::Instant;

const DETAIL: &str = "       ";
const SUB_DETAIL: &str = "         ";
const BANG: &str = " !     ";

fn emit(prefix: &str, text: &str) {
    let mut stdout = std::io::stdout().lock();
    for line in text.lines() {
        if line.is_empty() {
            let _ = writeln!(stdout, "{}", prefix.trim_end());
        } else {
            let _ = writeln!(stdout, "{prefix}{line}");
        }
    }
    let _ = stdout.flush();
}

/// `-----> Database migrations` and the time it started.
pub fn header(title: &str) -> Instant {
    emit("-----> ", title);
    Instant::now()
}

pub fn detail(text: impl AsRef<str>) {
    emit(DETAIL, text.as_ref());
}

pub fn sub_detail(text: impl AsRef<str>) {
    emit(SUB_DETAIL, text.as_ref());
}

pub fn warning(text: impl AsRef<str>) {
    emit(BANG, text.as_ref());
}

pub fn error(text: impl AsRef<str>) {
    emit(BANG, text.as_ref());
}

pub fn done(started: Instant) {
    detail(format!("Done (finished in {})", migrations_buildpack::output::duration(started.elapsed())));
}

/// A value as the CNB output shows it, without colours: `` `db/migrations` ``.
pub fn value(s: impl AsRef<str>) -> String {
    format!("`{}`", s.as_ref())
}
