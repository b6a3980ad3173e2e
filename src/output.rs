//! Build output (bullet_stream) and small formatting helpers shared by the
//! build and the runner.

use bullet_stream::global::print;
use std::time::{Duration, Instant};

pub fn buildpack(title: &str) -> Instant {
    print::buildpack(title)
}
pub fn bullet(s: impl AsRef<str>) {
    print::bullet(s);
}
pub fn sub_bullet(s: impl AsRef<str>) {
    print::sub_bullet(s);
}
pub fn warning(s: impl AsRef<str>) {
    print::warning(s);
}
pub fn error(s: impl AsRef<str>) {
    print::error(s);
}
pub fn all_done(started: Instant) {
    print::all_done(&Some(started));
}
pub fn url(s: impl AsRef<str>) -> String {
    bullet_stream::style::url(s)
}
pub fn value(s: impl AsRef<str>) -> String {
    bullet_stream::style::value(s)
}
pub fn command(s: impl AsRef<str>) -> String {
    bullet_stream::style::command(s)
}

/// Where the runner's lines go, shared by its threads: the main thread's phases and the thread that
/// watches a running statement (its progress lines). One line at a time, whole: a line printed by
/// one thread never lands inside another's.
#[derive(Clone)]
pub struct Lines(std::sync::Arc<std::sync::Mutex<Print>>);

/// What prints one line.
type Print = dyn FnMut(&str) + Send;

impl Lines {
    pub fn new(print: impl FnMut(&str) + Send + 'static) -> Lines {
        Lines(std::sync::Arc::new(std::sync::Mutex::new(print)))
    }

    /// Print one line (or several, joined by newlines, as one piece).
    pub fn say(&self, line: &str) {
        // A thread that panicked while printing leaves the sink usable: a line is still a line.
        let mut print = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        print(line)
    }
}

/// `34.4 MB`, `812 KB`, `17 B` (decimal units, one decimal above KB).
pub fn bytes(n: u64) -> String {
    match n {
        0..1_000 => format!("{n} B"),
        1_000..1_000_000 => format!("{} KB", n / 1_000),
        _ => format!("{:.1} MB", n as f64 / 1e6),
    }
}

/// `2.3s`, `140ms`.
pub fn duration(d: Duration) -> String {
    if d >= Duration::from_secs(1) { format!("{:.1}s", d.as_secs_f64()) } else { format!("{}ms", d.as_millis()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_durations_read_well() {
        assert_eq!(bytes(17), "17 B");
        assert_eq!(bytes(812_400), "812 KB");
        assert_eq!(bytes(34_420_792), "34.4 MB");
        assert_eq!(duration(Duration::from_millis(140)), "140ms");
        assert_eq!(duration(Duration::from_millis(2_340)), "2.3s");
    }

    #[test]
    fn lines_from_several_threads_stay_whole_and_in_each_threads_order() {
        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
        let sink = std::sync::Arc::clone(&seen);
        // A printer that writes a line in pieces: another thread's line must never land between them.
        let lines = Lines::new(move |l: &str| {
            let mut v = sink.lock().unwrap();
            for piece in l.split(' ') {
                v.push(piece.to_string());
                std::thread::yield_now();
            }
        });
        std::thread::scope(|s| {
            for t in 0..4 {
                let lines = lines.clone();
                s.spawn(move || (0..200).for_each(|i| lines.say(&format!("t{t} {i} end"))));
            }
        });
        let v = seen.lock().unwrap();
        let whole: Vec<String> = v.chunks(3).map(|c| c.join(" ")).collect();
        for t in 0..4 {
            let mine: Vec<&String> = whole.iter().filter(|l| l.starts_with(&format!("t{t} "))).collect();
            assert_eq!(mine.len(), 200);
            assert!(mine.iter().enumerate().all(|(i, l)| **l == format!("t{t} {i} end")), "{mine:?}");
        }
    }
}

std::thread_local! {
    /// The message of the last panic on this thread (masked), for [`catch_panics`].
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Run `f` with panics kept quiet: no Rust panic message and no backtrace on stderr (both binaries
/// are built with `panic = "unwind"`). `Err` carries the panic's message, URLs masked, for the one
/// line the caller prints instead.
pub fn catch_panics(f: impl FnOnce() -> i32) -> Result<i32, String> {
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(crate::db::mask_urls(&message)));
    }));
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|_| LAST_PANIC.with(|p| p.borrow_mut().take()).unwrap_or_default())
}
