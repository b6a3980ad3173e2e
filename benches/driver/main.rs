//! The benchmark driver (issue 7): every benchmark in one process, one table.
//!
//! Run it with `bash benches/run.sh` (it builds the release artifacts first and
//! sets the variables below). Not part of the test suite: without `--bench`
//! (e.g. under `cargo test --benches`) it only says so and exits 0, and it never
//! fails on timing (only on a broken setup).
//!
//! Environment (set by `benches/run.sh`):
//! - `BENCH_RUNNER`: the release runner (`migrations`) shipped in the package;
//! - `TESTKIT_PACKAGED_BUILDPACK`: the `cargo libcnb package --release` output dir;
//! - `TESTKIT_MIGRATE_DOUBLE`: the golang-migrate TEST DOUBLE (release build);
//! - `BENCH_ONLY=1,3`: run only these benchmarks; `BENCH_OUT`: also write the
//!   table (Markdown) to this file.

mod benches;
mod stats;

use stats::{Row, table};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if !args.iter().any(|a| a == "--bench") {
        println!("benchmarks are not tests: run them with `bash benches/run.sh` (see BENCHMARKS.md)");
        return;
    }
    let only: Option<Vec<u32>> = std::env::var("BENCH_ONLY")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect());
    let wanted = |n: u32| only.as_ref().is_none_or(|o| o.contains(&n));

    let started = Instant::now();
    let mut ctx = benches::Ctx::new();
    let mut rows: Vec<Row> = Vec::new();
    let mut extra = String::new();
    type Bench = fn(&mut benches::Ctx, &mut String) -> Vec<Row>;
    let all: [(u32, &str, Bench); 10] = [
        (1, "warm rebuild vs cold build", benches::warm_vs_cold),
        (2, "cold install vs curl | tar", benches::install_vs_curl),
        (3, "release vs raw tool up", benches::release_vs_raw),
        (4, "undo cost", benches::undo_cost),
        (5, "build-time checks", benches::checks_scaling),
        (6, "runner memory", benches::memory),
        (7, "sizes", benches::sizes),
        (8, "atomic release (all mode, fast path)", benches::atomic_release),
        (9, "catalog fingerprint", benches::fingerprint_cost),
        (10, "big migration files: peak RSS / file size", benches::big_files),
    ];
    for (n, name, f) in all {
        if !wanted(n) {
            continue;
        }
        let t = Instant::now();
        eprintln!("bench {n}: {name} ...");
        let r = f(&mut ctx, &mut extra);
        eprintln!("bench {n}: done in {:.1} s", t.elapsed().as_secs_f64());
        rows.extend(r);
    }
    let met = rows.iter().filter(|r| r.met == Some(true)).count();
    let targets = rows.iter().filter(|r| r.met.is_some()).count();
    let mut report = String::new();
    report.push_str(&table(&rows));
    report.push_str(&format!(
        "\n{met} of {targets} targets met; measured in {:.0} s on {} CPU(s); load average at the end: {}\n",
        started.elapsed().as_secs_f64(),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        std::fs::read_to_string("/proc/loadavg").unwrap_or_default().trim()
    ));
    if !extra.is_empty() {
        report.push('\n');
        report.push_str(&extra);
    }
    println!("\n{report}");
    if let Ok(path) = std::env::var("BENCH_OUT") {
        std::fs::write(&path, &report).unwrap_or_else(|e| panic!("write {path}: {e}"));
    }
}
