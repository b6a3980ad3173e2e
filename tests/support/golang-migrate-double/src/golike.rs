//! Small re-implementations of Go standard-library formatting and parsing
//! that golang-migrate's output depends on (time.Duration.String, strconv,
//! log timestamps, syscall error strings, hash/crc32).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Fractional part of `v` with `prec` digits, trailing zeros removed (Go `fmtFrac`).
fn frac(v: u64, prec: u32) -> (String, u64) {
    let pow = 10u64.pow(prec);
    let digits = format!("{:0width$}", v % pow, width = prec as usize);
    let trimmed = digits.trim_end_matches('0');
    let s = if trimmed.is_empty() { String::new() } else { format!(".{trimmed}") };
    (s, v / pow)
}

/// Go's `time.Duration.String()`: `0s`, `512ns`, `1.5µs`, `7.897865ms`, `6.012085046s`, `1m2.5s`, `2h0m0s`.
pub fn fmt_duration(d: Duration) -> String {
    let u = u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
    if u == 0 {
        return "0s".into();
    }
    if u < 1_000 {
        return format!("{u}ns");
    }
    if u < 1_000_000 {
        let (f, i) = frac(u, 3);
        return format!("{i}{f}µs");
    }
    if u < 1_000_000_000 {
        let (f, i) = frac(u, 6);
        return format!("{i}{f}ms");
    }
    let (f, mut v) = frac(u, 9);
    let mut s = format!("{}{f}s", v % 60);
    v /= 60;
    if v > 0 {
        s = format!("{}m{s}", v % 60);
        v /= 60;
        if v > 0 {
            s = format!("{v}h{s}");
        }
    }
    s
}

/// Go `log` default prefix `YYYY/MM/DD HH:MM:SS ` (the double always uses UTC).
pub fn log_timestamp() -> String {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // civil-from-days (Howard Hinnant's algorithm)
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}/{m:02}/{d:02} {:02}:{:02}:{:02} ", rem / 3600, (rem / 60) % 60, rem % 60)
}

/// `strconv.ParseBool`.
pub fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum NumErr {
    Syntax,
    Range,
}

impl NumErr {
    /// The `strconv` wording (`invalid syntax` / `value out of range`).
    pub fn strconv_text(&self) -> &'static str {
        match self {
            NumErr::Syntax => "invalid syntax",
            NumErr::Range => "value out of range",
        }
    }
    /// The `flag` package wording (`parse error` / `value out of range`).
    pub fn flag_text(&self) -> &'static str {
        match self {
            NumErr::Syntax => "parse error",
            NumErr::Range => "value out of range",
        }
    }
}

fn digits_value(s: &str, base: u32) -> Result<u64, NumErr> {
    if s.is_empty() {
        return Err(NumErr::Syntax);
    }
    let mut v: u64 = 0;
    let mut range = false;
    for c in s.chars() {
        let d = c.to_digit(base).ok_or(NumErr::Syntax)?;
        match v.checked_mul(u64::from(base)).and_then(|x| x.checked_add(u64::from(d))) {
            Some(n) => v = n,
            None => range = true,
        }
    }
    if range { Err(NumErr::Range) } else { Ok(v) }
}

/// `strconv.ParseUint(s, 10, 64)`: digits only, no sign.
pub fn parse_uint10(s: &str) -> Result<u64, NumErr> {
    digits_value(s, 10)
}

/// `strconv.ParseInt(s, 10, 64)`.
pub fn parse_int10(s: &str) -> Result<i64, NumErr> {
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let u = digits_value(digits, 10)?;
    if neg {
        if u > (i64::MAX as u64) + 1 { Err(NumErr::Range) } else { Ok((u as i64).wrapping_neg()) }
    } else if u > i64::MAX as u64 {
        Err(NumErr::Range)
    } else {
        Ok(u as i64)
    }
}

/// `strconv.ParseUint(s, 0, 64)` as used by `flag.Uint` (base prefixes, underscores).
pub fn parse_uint_base0(s: &str) -> Result<u64, NumErr> {
    let lower = s.to_ascii_lowercase();
    let (base, rest, prefixed) = if let Some(r) = lower.strip_prefix("0x") {
        (16, r, true)
    } else if let Some(r) = lower.strip_prefix("0b") {
        (2, r, true)
    } else if let Some(r) = lower.strip_prefix("0o") {
        (8, r, true)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, &lower[1..], true)
    } else {
        (10, lower.as_str(), false)
    };
    let mut cleaned = String::new();
    if rest.contains('_') {
        // Go accepts underscores only between digits (or right after a base prefix).
        let b = rest.as_bytes();
        let bad = b.last() == Some(&b'_') || (!prefixed && b.first() == Some(&b'_')) || rest.contains("__");
        if bad {
            return Err(NumErr::Syntax);
        }
        cleaned = rest.replace('_', "");
    }
    digits_value(if cleaned.is_empty() { rest } else { &cleaned }, base)
}

/// `strconv.Atoi` with Go's error text.
pub fn atoi(s: &str) -> Result<i64, String> {
    parse_int10(s).map_err(|e| format!("strconv.Atoi: parsing {}: {}", go_quote(s), e.strconv_text()))
}

/// Go `%q` for ordinary strings (escapes `"` and `\` and control characters).
pub fn go_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The text Go's `syscall.Errno.Error()` gives for an OS error.
pub fn errno_text(e: &std::io::Error) -> String {
    match e.raw_os_error() {
        Some(1) => "operation not permitted".into(),
        Some(2) => "no such file or directory".into(),
        Some(13) => "permission denied".into(),
        Some(20) => "not a directory".into(),
        Some(21) => "is a directory".into(),
        Some(99) => "cannot assign requested address".into(),
        Some(101) => "network is unreachable".into(),
        Some(104) => "connection reset by peer".into(),
        Some(110) => "connection timed out".into(),
        Some(111) => "connection refused".into(),
        Some(113) => "no route to host".into(),
        _ => {
            let s = e.to_string();
            let s = match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            };
            let mut c = s.chars();
            match c.next() {
                Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
                None => s,
            }
        }
    }
}

/// CRC-32 (IEEE 802.3 polynomial, as Go's `crc32.ChecksumIEEE`).
pub fn crc32_ieee(data: &[u8]) -> u32 {
    let mut crc: u32 = !0;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_like_go() {
        assert_eq!(fmt_duration(Duration::ZERO), "0s");
        assert_eq!(fmt_duration(Duration::from_nanos(999)), "999ns");
        assert_eq!(fmt_duration(Duration::from_nanos(896_816)), "896.816µs");
        assert_eq!(fmt_duration(Duration::from_nanos(7_897_865)), "7.897865ms");
        assert_eq!(fmt_duration(Duration::from_millis(5)), "5ms");
        assert_eq!(fmt_duration(Duration::from_nanos(6_012_085_046)), "6.012085046s");
        assert_eq!(fmt_duration(Duration::from_millis(62_500)), "1m2.5s");
        assert_eq!(fmt_duration(Duration::from_secs(7200)), "2h0m0s");
    }

    #[test]
    fn numbers_like_go() {
        assert_eq!(parse_uint10("+1"), Err(NumErr::Syntax));
        assert_eq!(parse_uint10("08"), Ok(8));
        assert_eq!(parse_uint10("18446744073709551616"), Err(NumErr::Range));
        assert_eq!(parse_int10("-1"), Ok(-1));
        assert_eq!(parse_int10("+5"), Ok(5));
        assert_eq!(parse_uint_base0("0x10"), Ok(16));
        assert_eq!(parse_uint_base0("010"), Ok(8));
        assert_eq!(parse_uint_base0("1_000"), Ok(1000));
        assert_eq!(parse_uint_base0("abc"), Err(NumErr::Syntax));
        assert_eq!(atoi("x").unwrap_err(), "strconv.Atoi: parsing \"x\": invalid syntax");
    }

    #[test]
    fn crc_matches_reference() {
        assert_eq!(crc32_ieee(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn timestamp_shape() {
        let t = log_timestamp();
        assert_eq!(t.len(), 20, "{t}");
        assert_eq!(&t[4..5], "/");
    }
}
