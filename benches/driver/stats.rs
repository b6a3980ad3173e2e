//! Timing helpers: repeated measurements, medians and spread, and the results table.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

/// Repeated measurements of one figure (seconds, bytes, ... as `f64`).
#[derive(Debug, Clone)]
pub struct Sample {
    pub values: Vec<f64>,
}

impl Sample {
    pub fn new(values: Vec<f64>) -> Sample {
        assert!(!values.is_empty(), "a sample needs at least one value");
        Sample { values }
    }

    fn sorted(&self) -> Vec<f64> {
        let mut v = self.values.clone();
        v.sort_by(f64::total_cmp);
        v
    }

    pub fn median(&self) -> f64 {
        let v = self.sorted();
        let n = v.len();
        if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 }
    }

    pub fn min(&self) -> f64 {
        self.sorted()[0]
    }

    pub fn max(&self) -> f64 {
        *self.sorted().last().unwrap()
    }
}

/// Times `f` once.
pub fn time<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let started = Instant::now();
    let out = f();
    (started.elapsed(), out)
}

/// Formats seconds with a unit that fits.
pub fn fmt_secs(s: f64) -> String {
    if s >= 10.0 {
        format!("{s:.1} s")
    } else if s >= 1.0 {
        format!("{s:.2} s")
    } else if s >= 0.01 {
        format!("{:.1} ms", s * 1e3)
    } else if s >= 0.001 {
        format!("{:.2} ms", s * 1e3)
    } else {
        format!("{:.0} µs", s * 1e6)
    }
}

/// Formats bytes in decimal megabytes (1 MB = 10^6 bytes).
pub fn fmt_mb(bytes: f64) -> String {
    format!("{:.1} MB", bytes / 1e6)
}

/// How a sample is printed.
#[derive(Debug, Clone, Copy)]
pub enum Unit {
    Secs,
    Mb,
}

impl Unit {
    pub fn fmt(self, v: f64) -> String {
        match self {
            Unit::Secs => fmt_secs(v),
            Unit::Mb => fmt_mb(v),
        }
    }

    /// `median [min–max] (n=N)`.
    pub fn summary(self, s: &Sample) -> String {
        if s.values.len() == 1 {
            return self.fmt(s.median());
        }
        format!("{} [{}–{}] n={}", self.fmt(s.median()), self.fmt(s.min()), self.fmt(s.max()), s.values.len())
    }
}

/// One line of the results table.
#[derive(Debug, Clone)]
pub struct Row {
    pub bench: String,
    pub figure: String,
    pub value: String,
    pub baseline: String,
    pub ratio: String,
    pub target: String,
    /// None: informational row (no target).
    pub met: Option<bool>,
}

impl Row {
    pub fn info(bench: &str, figure: impl Into<String>, value: impl Into<String>) -> Row {
        Row {
            bench: bench.into(),
            figure: figure.into(),
            value: value.into(),
            baseline: String::new(),
            ratio: String::new(),
            target: String::new(),
            met: None,
        }
    }
}

/// Renders rows as a Markdown table (readable as plain text too).
pub fn table(rows: &[Row]) -> String {
    let header = ["#", "figure", "value: median [min–max]", "baseline: median [min–max]", "ratio", "target", "met"];
    let cells: Vec<[String; 7]> = rows
        .iter()
        .map(|r| {
            [
                r.bench.clone(),
                r.figure.clone(),
                r.value.clone(),
                r.baseline.clone(),
                r.ratio.clone(),
                r.target.clone(),
                match r.met {
                    Some(true) => "yes".into(),
                    Some(false) => "NO".into(),
                    None => "-".into(),
                },
            ]
        })
        .collect();
    let mut width = header.map(|h| h.chars().count());
    for row in &cells {
        for (w, c) in width.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let mut out = String::new();
    let line = |out: &mut String, cols: &[String]| {
        out.push('|');
        for (c, w) in cols.iter().zip(width) {
            let pad = w - c.chars().count();
            let _ = write!(out, " {c}{} |", " ".repeat(pad));
        }
        out.push('\n');
    };
    line(&mut out, &header.map(String::from));
    line(&mut out, &width.map(|w| "-".repeat(w)));
    for row in &cells {
        line(&mut out, row);
    }
    out
}
