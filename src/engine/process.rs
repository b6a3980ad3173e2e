//! Running a tool: stream its output line by line (masked, prefixed, never
//! buffered whole), and stop it gracefully on SIGTERM/SIGINT or the deadline.

use crate::db::DbUrl;
use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// Longest line relayed; the rest of a longer line is cut (keeps memory flat).
const MAX_LINE: usize = 8 * 1024;
/// Lines queued between the pipe readers and the relay.
const QUEUE: usize = 256;
/// How many of the last lines are kept for the report.
const TAIL: usize = 200;
/// How long a stopped tool gets to finish its current migration on its own
/// (golang-migrate stops after the running file on SIGINT) before the running
/// statement is cancelled, at most. Cancelling is the fallback, not the first
/// move: a cancel that lands in golang-migrate's version bookkeeping, rather
/// than in a migration, would leave a committed migration marked dirty.
pub const CANCEL_AFTER: Duration = Duration::from_secs(5);
/// How long a stopped tool gets in all before it is killed, at most.
pub const GRACE: Duration = Duration::from_secs(15);
/// The default stop budget (`MIGRATIONS_STOP_GRACE`), as the configuration defines it.
pub const STOP_GRACE: Duration = crate::config::DEFAULT_STOP_GRACE;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopReason {
    Signal,
    Deadline,
}

/// Why and when to stop: a signal (SIGTERM/SIGINT) or the deadline passing.
///
/// Everything after a stop (letting the tool finish, cancelling, undoing,
/// verifying, reporting) fits in the stop budget (`grace`), counted from the
/// signal's arrival or from the deadline. A derived stop (see [`Stop::budget`])
/// ignores the signal itself and only ends earlier because of it.
#[derive(Clone)]
pub struct Stop {
    flag: Arc<AtomicBool>,
    /// When the first signal arrived (recorded by a thread waiting on the signals).
    signalled_at: Arc<OnceLock<Instant>>,
    deadline: Instant,
    /// The overall deadline the stop budget counts from (the release's `MIGRATIONS_TIMEOUT`).
    overall: Instant,
    grace: Duration,
    /// What must be left of the budget when this stop fires (for the phases after it).
    reserve: Duration,
    honour_signal: bool,
}

impl Stop {
    /// Record SIGTERM and SIGINT (their arrival time too); `deadline` is the release's own.
    pub fn install(deadline: Instant, grace: Duration) -> Stop {
        let stop = Stop {
            flag: Arc::new(AtomicBool::new(false)),
            signalled_at: Arc::new(OnceLock::new()),
            deadline,
            overall: deadline,
            grace,
            reserve: Duration::ZERO,
            honour_signal: true,
        };
        if let Ok(mut signals) = signal_hook::iterator::Signals::new([signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT]) {
            let (flag, at) = (Arc::clone(&stop.flag), Arc::clone(&stop.signalled_at));
            std::thread::spawn(move || {
                for _ in signals.forever() {
                    at.get_or_init(Instant::now);
                    flag.store(true, Ordering::SeqCst);
                }
            });
        }
        stop
    }

    /// A stop that only honours the deadline (tests, `status`, state reads).
    pub fn deadline_only(deadline: Instant) -> Stop {
        Stop {
            flag: Arc::new(AtomicBool::new(false)),
            signalled_at: Arc::new(OnceLock::new()),
            deadline,
            overall: deadline,
            grace: STOP_GRACE,
            reserve: Duration::ZERO,
            honour_signal: false,
        }
    }

    /// A stop for a phase that must run even after a stop (undo, verification):
    /// it fires at `deadline`, or when only `reserve` is left of the stop budget.
    pub fn budget(&self, deadline: Instant, reserve: Duration) -> Stop {
        Stop { deadline, reserve, honour_signal: false, ..self.clone() }
    }

    /// When the release was asked to stop: the signal's arrival, or the overall deadline once passed.
    pub fn stopped_at(&self) -> Option<Instant> {
        if let Some(at) = self.signalled_at.get() {
            return Some(*at);
        }
        if self.flag.load(Ordering::SeqCst) {
            return Some(Instant::now());
        }
        (Instant::now() >= self.overall).then_some(self.overall)
    }

    /// The end of the stop budget (everything, report included, must be done by then).
    pub fn budget_end(&self) -> Option<Instant> {
        self.stopped_at().map(|at| at + self.grace)
    }

    /// The stop budget (`MIGRATIONS_STOP_GRACE`).
    pub fn grace(&self) -> Duration {
        self.grace
    }

    pub fn reason(&self) -> Option<StopReason> {
        if self.honour_signal && self.flag.load(Ordering::SeqCst) {
            return Some(StopReason::Signal);
        }
        let now = Instant::now();
        let budget_over = self.budget_end().is_some_and(|end| now + self.reserve >= end);
        if now >= self.deadline || budget_over { Some(StopReason::Deadline) } else { None }
    }

    /// After the stop is seen: when to cancel the tool's statement and when to kill it,
    /// counted from the stop (a share of the budget, so the undo keeps the rest).
    fn interrupt_after(&self) -> (Duration, Duration) {
        if self.honour_signal {
            (CANCEL_AFTER.min(self.grace / 5), GRACE.min(self.grace * 2 / 5))
        } else {
            // Undo and verification: the budget is already reserved; a stuck tool's statement is
            // cancelled after half a second, the tool killed after one.
            (Duration::from_millis(500), Duration::from_secs(1))
        }
    }
}

/// What a finished tool run left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub exit_code: Option<i32>,
    /// The last lines (masked), stdout and stderr interleaved as they arrived; `true` = stderr.
    pub tail: Vec<(bool, String)>,
    pub stopped: Option<StopReason>,
}

impl Output {
    pub fn success(&self) -> bool {
        self.exit_code == Some(0)
    }
    pub fn stderr_lines(&self) -> impl Iterator<Item = &str> {
        self.tail.iter().filter(|(err, _)| *err).map(|(_, l)| l.as_str())
    }
    pub fn stdout_lines(&self) -> impl Iterator<Item = &str> {
        self.tail.iter().filter(|(err, _)| !*err).map(|(_, l)| l.as_str())
    }
}

/// Filters what is relayed: golang-migrate echoes the whole migration file in
/// its error; we relay the first line and a note instead of the file.
#[derive(Default)]
pub struct EchoTrim {
    in_echo: bool,
    skipped: usize,
}

impl EchoTrim {
    /// Returns the line to relay (or None to skip it).
    fn filter(&mut self, line: &str) -> Option<String> {
        if self.in_echo {
            if let Some(idx) = line.find(" (details: ") {
                self.in_echo = false;
                let note = format!("[{} line(s) of the migration file omitted] {}", self.skipped, &line[idx + 1..]);
                self.skipped = 0;
                return Some(note);
            }
            self.skipped += 1;
            return None;
        }
        if line.starts_with("error: migration failed") && !line.contains(" (details: ") {
            self.in_echo = true;
            self.skipped = 0;
        }
        Some(line.to_string())
    }
}

fn read_lines(reader: impl Read, is_err: bool, tx: mpsc::SyncSender<(bool, String)>) {
    let mut reader = BufReader::with_capacity(16 * 1024, reader);
    let mut buf = Vec::with_capacity(1024);
    loop {
        buf.clear();
        // Read one line, but never keep more than MAX_LINE bytes of it.
        let mut overflow = false;
        loop {
            let chunk = match reader.fill_buf() {
                Ok([]) => break,
                Ok(c) => c,
                Err(_) => break,
            };
            let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (i + 1, true),
                None => (chunk.len(), false),
            };
            let room = MAX_LINE.saturating_sub(buf.len());
            buf.extend_from_slice(&chunk[..take.min(room)]);
            overflow |= take > room;
            reader.consume(take);
            if done {
                break;
            }
        }
        if buf.is_empty() {
            return;
        }
        let mut line = String::from_utf8_lossy(&buf).trim_end_matches(['\n', '\r']).to_string();
        if overflow {
            line.push_str(" […]");
        }
        if tx.send((is_err, line)).is_err() {
            return;
        }
    }
}

/// Run `cmd` to completion, relaying each line as `<prefix><line>` to `out`.
/// `relay` false captures without relaying (state queries).
pub fn run(mut cmd: Command, url: &DbUrl, stop: &Stop, prefix: &str, relay: bool, out: &mut dyn FnMut(&str)) -> std::io::Result<Output> {
    run_with_cancel(&mut cmd, url, stop, prefix, relay, out, &mut || {})
}

/// Like [`run`], and calls `cancel` once when the tool has not stopped
/// [`CANCEL_AFTER`] a stop request (used to cancel the statement the tool is
/// running, so a long migration does not hold the release past its deadline).
pub fn run_with_cancel(
    cmd: &mut Command,
    url: &DbUrl,
    stop: &Stop,
    prefix: &str,
    relay: bool,
    out: &mut dyn FnMut(&str),
    cancel: &mut dyn FnMut(),
) -> std::io::Result<Output> {
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    // Own process group: a platform's SIGTERM to our group does not hit the tool
    // directly; we decide when and how it stops.
    cmd.process_group(0);
    let mut child = cmd.spawn()?;
    let rx = spawn_readers(&mut child);
    let mut lines = Relayed { url, prefix, relay, out, tail: VecDeque::with_capacity(TAIL), trim: EchoTrim::default() };
    let mut escalation = Escalation::default();
    let mut status = None;
    loop {
        match rx.recv_timeout(Duration::from_millis(50)) {
            Ok(item) => {
                lines.handle(item);
                continue;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                if status.is_none() {
                    status = Some(child.wait()?);
                }
                break;
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        if status.is_none() {
            status = child.try_wait()?;
        }
        if status.is_some() {
            // Drain what the readers still have, without waiting on grandchildren forever.
            while let Ok(item) = rx.recv_timeout(Duration::from_millis(200)) {
                lines.handle(item);
            }
            break;
        }
        escalation.step(stop, child.id(), cancel);
    }
    let status = match status {
        Some(s) => s,
        None => child.wait()?,
    };
    Ok(Output { exit_code: status.code(), tail: lines.tail.into_iter().collect(), stopped: escalation.stopped })
}

/// One thread per output stream, each sending whole lines (`true` for stderr). Bounded: when the
/// relay is slower than the tool, the readers wait (and the tool blocks on its pipe) instead of
/// queueing its whole output in memory. The channel disconnects when both streams are closed.
fn spawn_readers(child: &mut std::process::Child) -> mpsc::Receiver<(bool, String)> {
    let (tx, rx) = mpsc::sync_channel(QUEUE);
    if let Some(stdout) = child.stdout.take() {
        let tx = tx.clone();
        std::thread::spawn(move || read_lines(stdout, false, tx));
    }
    if let Some(stderr) = child.stderr.take() {
        let tx = tx.clone();
        std::thread::spawn(move || read_lines(stderr, true, tx));
    }
    rx
}

/// The tool's lines as the runner relays them (masked, the echoed SQL trimmed) and keeps the last
/// [`TAIL`] of them for the report.
struct Relayed<'a> {
    url: &'a DbUrl,
    prefix: &'a str,
    relay: bool,
    out: &'a mut dyn FnMut(&str),
    tail: VecDeque<(bool, String)>,
    trim: EchoTrim,
}

impl Relayed<'_> {
    fn handle(&mut self, (is_err, line): (bool, String)) {
        let masked = self.url.mask(&line);
        if self.relay {
            if let Some(shown) = self.trim.filter(&masked) {
                (self.out)(&format!("{}{shown}", self.prefix));
            }
        }
        if self.tail.len() == TAIL {
            self.tail.pop_front();
        }
        self.tail.push_back((is_err, masked));
    }
}

/// How a stop reaches the running tool: SIGINT to its group at once, then `cancel` (the statement,
/// from the database side) after the stop's cancel delay, then SIGKILL.
#[derive(Default)]
struct Escalation {
    stopped: Option<StopReason>,
    interrupted_at: Option<Instant>,
    cancelled: bool,
}

impl Escalation {
    fn step(&mut self, stop: &Stop, pid: u32, cancel: &mut dyn FnMut()) {
        let Some(reason) = stop.reason() else { return };
        let (cancel_after, kill_after) = stop.interrupt_after();
        match self.interrupted_at {
            None => {
                self.stopped = Some(reason);
                // Counted from the signal when there was one (the budget started then).
                self.interrupted_at = Some(stop.signalled_at.get().copied().filter(|_| stop.honour_signal).unwrap_or_else(Instant::now));
                signal_group(pid, Signal::SIGINT);
            }
            Some(t) if t.elapsed() > kill_after => signal_group(pid, Signal::SIGKILL),
            Some(t) if t.elapsed() > cancel_after && !self.cancelled => {
                self.cancelled = true;
                cancel();
            }
            Some(_) => {}
        }
    }
}

/// Signal the process group the child leads (it was spawned with `process_group(0)`).
fn signal_group(pid: u32, sig: Signal) {
    if let Ok(pid) = i32::try_from(pid) {
        // ESRCH (the group is already gone) is the only expected failure, and harmless.
        let _ = killpg(Pid::from_raw(pid), sig);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url() -> DbUrl {
        DbUrl::parse("DATABASE_URL", "postgres://u:SeCrEt@127.0.0.1:1/d?sslmode=disable").unwrap()
    }

    #[test]
    fn relays_masked_lines_with_prefix_and_exit_code() {
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "echo 'hello postgres://u:SeCrEt@h/d'; echo oops SeCrEt >&2; exit 3"]);
        let mut seen = Vec::new();
        let out = run(cmd, &url(), &Stop::deadline_only(Instant::now() + Duration::from_secs(30)), "  tool | ", true, &mut |l| {
            seen.push(l.to_string())
        })
        .unwrap();
        assert_eq!(out.exit_code, Some(3));
        assert!(seen.contains(&"  tool | hello postgres://u:****@h/d".to_string()), "{seen:?}");
        assert!(seen.contains(&"  tool | oops ****".to_string()), "{seen:?}");
        assert!(!seen.iter().any(|l| l.contains("SeCrEt")));
    }

    #[test]
    fn long_lines_are_cut_and_huge_output_is_not_kept() {
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "head -c 100000 /dev/zero | tr '\\0' 'a'; echo; seq 1 1000"]);
        let mut count = 0;
        let out = run(cmd, &url(), &Stop::deadline_only(Instant::now() + Duration::from_secs(30)), "", true, &mut |l| {
            assert!(l.len() <= MAX_LINE + 8);
            count += 1;
        })
        .unwrap();
        assert_eq!(count, 1001);
        assert_eq!(out.tail.len(), TAIL);
        assert_eq!(out.tail.last().unwrap().1, "1000");
    }

    #[test]
    fn deadline_interrupts_the_tool() {
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "trap 'echo got-int; exit 130' INT; while true; do sleep 0.1; done"]);
        let started = Instant::now();
        let out = run(cmd, &url(), &Stop::deadline_only(Instant::now() + Duration::from_millis(300)), "", true, &mut |_| {}).unwrap();
        assert_eq!(out.stopped, Some(StopReason::Deadline));
        assert!(out.stdout_lines().any(|l| l == "got-int"));
        assert!(started.elapsed() < GRACE);
    }

    #[test]
    fn echo_of_the_migration_file_is_trimmed() {
        let mut t = EchoTrim::default();
        let lines = [
            "error: migration failed: syntax error at or near \"TABL\" in line 0: CREATE TABLE a(id int);",
            "CREATE TABL b;",
            "SELECT 1; (details: pq: syntax error at or near \"TABL\")",
            "after",
        ];
        let shown: Vec<String> = lines.iter().filter_map(|l| t.filter(l)).collect();
        assert_eq!(shown.len(), 3);
        assert!(shown[1].starts_with("[1 line(s) of the migration file omitted] (details: pq:"), "{shown:?}");
        assert_eq!(shown[2], "after");
    }
}
