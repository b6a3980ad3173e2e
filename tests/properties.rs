//! Property tests (issue 6, family 4): URL masking, config parsing and
//! inventory resolution against generated and arbitrary input.
//!
//! `cargo fuzz` needs a nightly toolchain, which this project does not use;
//! these proptest properties play the fuzzers' role (arbitrary strings,
//! never-panics) on stable.

mod common;

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use common::percent_encode;
use migrations_buildpack::config::{
    self, AheadPolicy, BuildConfig, ConfigError, CustomArtifact, OnFailure, ReleaseConfig, ReleaseMode, TxConfig, TxMode,
};
use migrations_buildpack::db::{DbUrl, mask_urls};
use migrations_buildpack::install::resolve;
use migrations_buildpack::migrations::Lint;
use migrations_buildpack::tool_kind::ToolKind;
use proptest::prelude::*;

/// Passwords: printable ASCII with URL-special characters, some non-ASCII, no `*`
/// (the mask itself is `****`), at least 4 characters.
fn password() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            8 => prop::char::range('!', '~').prop_filter("no *", |c| *c != '*'),
            1 => Just(' '),
            1 => prop::sample::select(vec!['é', 'ß', '密', '🔑']),
        ],
        4..24,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

/// Other URL parts: from an alphabet disjoint enough that the password is
/// rarely a substring of them (checked with `prop_assume!` anyway).
fn ident() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9_]{0,11}"
}

fn surrounding() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[ -~]{0,40}".prop_filter("no *", |s| !s.contains('*')),
        Just("error: pq: password authentication failed: ".to_string()),
        Just("dial tcp: connect: connection refused; url=".to_string()),
    ]
}

#[derive(Debug, Clone)]
struct GenUrl {
    url: String,
    password: String,
    encoded: String,
    skeleton: String,
}

fn db_url() -> impl Strategy<Value = GenUrl> {
    (
        prop::sample::select(vec!["postgres", "postgresql"]),
        ident(),
        password(),
        ident(),
        1u16..65535,
        ident(),
        prop::sample::select(vec!["", "?sslmode=disable", "?sslmode=require&application_name=x", "?x-migrations-table=m"]),
    )
        .prop_map(|(scheme, user, password, host, port, db, query)| {
            let encoded = percent_encode(&password);
            GenUrl {
                url: format!("{scheme}://{user}:{encoded}@{host}:{port}/{db}{query}"),
                skeleton: format!("{scheme}://{user}:****@{host}:{port}/{db}{query}"),
                password,
                encoded,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512)))]

    #[test]
    fn masked_url_never_contains_the_password(g in db_url()) {
        let u = DbUrl::parse("DATABASE_URL", &g.url).unwrap();
        prop_assert_eq!(u.password(), Some(g.password.as_str()));
        for secret in [&g.password, &g.encoded] {
            prop_assume!(!g.skeleton.contains(secret.as_str()));
            let masked = u.masked();
            prop_assert!(!masked.contains(secret.as_str()), "{} -> {}", g.url, masked);
            let shown = format!("{u} {u:?}");
            prop_assert!(!shown.contains(secret.as_str()), "{}", shown);
        }
        prop_assert_eq!(u.masked(), g.skeleton.clone());
    }

    #[test]
    fn mask_removes_raw_and_encoded_password_from_any_text(
        g in db_url(),
        before in surrounding(),
        after in surrounding(),
        which in 0usize..4,
    ) {
        let u = DbUrl::parse("DATABASE_URL", &g.url).unwrap();
        let inner = match which {
            0 => g.password.clone(),
            1 => g.encoded.clone(),
            2 => g.url.clone(),
            _ => format!("password={} and url {}", g.password, g.url),
        };
        let text = format!("{before}{inner}{after}");
        let masked = u.mask(&text);
        for secret in [&g.password, &g.encoded] {
            prop_assert!(!masked.contains(secret.as_str()), "text {:?}\nmasked {:?}", text, masked);
        }
    }

    #[test]
    fn mask_urls_hides_any_url_password(g in db_url(), before in surrounding(), after in surrounding()) {
        // Without knowing the URL: every `scheme://user:password@` is masked.
        let text = format!("{before} {} {after}", g.url);
        let masked = mask_urls(&text);
        prop_assert!(!masked.contains(&format!(":{}@", g.encoded)), "{}", masked);
        prop_assert!(masked.contains(":****@"), "{}", masked);
    }

    #[test]
    fn url_parsing_and_masking_never_panic(s in "\\PC{0,80}", t in "\\PC{0,80}") {
        let _ = mask_urls(&s);
        if let Ok(u) = DbUrl::parse("DATABASE_URL", &s) {
            let _ = u.masked();
            let _ = u.mask(&t);
            let _ = format!("{u} {u:?}");
        }
        let _ = DbUrl::from_lookup("DATABASE_URL", |_| Some(s.clone()));
    }

    #[test]
    fn url_shaped_strings_never_panic_nor_leak_their_password(
        scheme in "(postgres|postgresql|mysql|[a-z]{1,5})",
        user in "[^@/]{0,10}",
        pw in "\\PC{0,12}",
        host in "(\\[[0-9a-f:]{0,20}\\]|[a-z0-9.%-]{0,15})",
        port in "[0-9]{0,7}",
        rest in "\\PC{0,30}",
    ) {
        let s = format!("{scheme}://{user}:{pw}@{host}:{port}/{rest}");
        if let Ok(u) = DbUrl::parse("DATABASE_URL", &s) {
            let masked = u.masked();
            // The password, as written in the URL and as decoded, is nowhere in the
            // masked text, wherever else it occurs in the URL. (`*` is the mask's own character.)
            let written = url::Url::parse(&s).ok().and_then(|x| x.password().map(str::to_string));
            for p in [u.password().map(str::to_string), written].into_iter().flatten() {
                if !p.is_empty() && !p.contains('*') {
                    prop_assert!(!masked.contains(&p), "password {:?} of {} left in {}", p, s, masked);
                }
            }
        }
    }

    #[test]
    fn build_config_never_panics(values in prop::collection::vec(prop::option::of("\\PC{0,40}"), 8)) {
        let vars = [
            config::BP_DIR, config::BP_TOOL, config::BP_TOOL_VERSION, config::BP_TOOL_URL,
            config::BP_TOOL_SHA256, config::BP_STRICT, config::BP_ALLOW_OUT_OF_ORDER, config::BP_RELEASE_MODE,
        ];
        let map: HashMap<&str, String> = vars.iter().zip(&values).filter_map(|(k, v)| v.clone().map(|v| (*k, v))).collect();
        match BuildConfig::from_lookup(|k| map.get(k).cloned()) {
            // A directory that was accepted stays inside the app.
            Ok(c) => {
                if let Some(dir) = c.dir {
                    prop_assert!(dir.is_relative());
                    prop_assert!(!dir.components().any(|c| matches!(c, std::path::Component::ParentDir)));
                }
            }
            // A refusal names the variable it is about.
            Err(e) => prop_assert!(vars.iter().any(|v| e.to_string().contains(v)), "{}", e),
        }
    }

    #[test]
    fn release_config_never_panics(values in prop::collection::vec(prop::option::of(prop_oneof![
        "\\PC{0,30}",
        "[0-9]{1,25}[smh]?",
        "(true|false|yes|no|on|off|1|0|warn|fail|stop|rollback|TRUE|Stop|auto|all|file|none)",
        "([0-9]{1,22}(ms|s|m|h)?|none|off)(,([0-9]{1,22}(ms|s|m|h)?|none)){0,4}",
    ]), 9)) {
        let vars = [
            config::DATABASE_URL_VAR, config::AHEAD, config::LOCK_TIMEOUT,
            config::TIMEOUT, config::REQUIRE_DOWN, config::ON_FAILURE,
            config::TX_MODE, config::LOCK_RETRIES, config::STOP_GRACE,
        ];
        let map: HashMap<&str, String> = vars.iter().zip(&values).filter_map(|(k, v)| v.clone().map(|v| (*k, v))).collect();
        match ReleaseConfig::from_lookup(|k| map.get(k).cloned()) {
            Ok(c) => {
                prop_assert!(!c.database_url_var.is_empty());
                prop_assert!(c.database_url_var.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_'));
                // Every attempt's lock timeout fits PostgreSQL's lock_timeout; only the last may have none.
                prop_assert!(!c.tx.lock_retries.is_empty());
                let last = c.tx.lock_retries.len() - 1;
                for (i, t) in c.tx.lock_retries.iter().enumerate() {
                    prop_assert!(t.is_some() || i == last);
                    prop_assert!(t.is_none_or(|d| !d.is_zero() && d.as_millis() <= i32::MAX as u128));
                }
                prop_assert!(c.stop_grace >= Duration::from_secs(5) && c.stop_grace <= Duration::from_secs(3600));
            }
            // A refusal names the variable it is about.
            Err(e) => prop_assert!(vars.iter().any(|v| e.to_string().contains(v)), "{}", e),
        }
    }

    #[test]
    fn inventory_resolution_never_panics(
        requirement in prop_oneof![
            "\\PC{0,30}",
            "[<>=^~*v ]{0,3}[0-9]{1,3}(\\.[0-9x*]{1,3}){0,3}(-[a-z0-9.]{1,6})?(, ?[<>=]{1,2}[0-9.]{1,8})?",
            "[0-9]{15,25}\\.[0-9]{15,25}",
        ],
        arch in prop_oneof![Just("amd64".to_string()), Just("arm64".to_string()), Just("x86_64".to_string()), "\\PC{0,10}"],
        golang in any::<bool>(),
    ) {
        let tool = if golang { ToolKind::GolangMigrate } else { ToolKind::Dbmate };
        if let Ok(a) = resolve(tool, &arch, Some(&requirement)) {
            prop_assert_eq!(a.tool, tool);
            prop_assert_eq!(a.sha256.len(), 64);
            prop_assert!(a.url.expose().starts_with("https://"));
            prop_assert!(!a.custom);
        }
    }
}

/// Regression: when a tool prints the URL with the password DECODED (an `@`
/// unescaped), the generic URL pattern cuts at the password's own `@`; the
/// exact password must be replaced first, or the rest of it is printed.
#[test]
fn mask_hides_a_decoded_password_with_an_at_sign_inside_a_url() {
    let u = DbUrl::parse("DATABASE_URL", "postgres://app:p%40ssw0rd-secret@db.internal:5432/app").unwrap();
    let line = "could not connect to postgres://app:p@ssw0rd-secret@db.internal:5432/app";
    let masked = u.mask(line);
    assert!(!masked.contains("ssw0rd-secret"), "{masked}");
}

#[test]
fn mask_hides_the_decoded_password_on_its_own() {
    let u = DbUrl::parse("DATABASE_URL", "postgres://app:p%40ssw0rd-secret@db.internal:5432/app").unwrap();
    assert!(!u.mask("password was p@ssw0rd-secret").contains("ssw0rd"));
    assert!(!u.mask("password was p%40ssw0rd-secret").contains("ssw0rd"));
}

// ------------------------------------------------------------ settings: valid values parse to what was written, bad ones are refused by name

/// The environment a property builds: (variable, value as written).
type Env = Vec<(&'static str, String)>;

fn lookup(env: &Env) -> impl Fn(&str) -> Option<String> + '_ {
    move |k| env.iter().find(|(var, _)| *var == k).map(|(_, v)| v.clone())
}

/// `env` with `var` set to `value` (in place of any value it had).
fn with(mut env: Env, var: &'static str, value: String) -> Env {
    env.retain(|(k, _)| *k != var);
    env.push((var, value));
    env
}

/// One of `choices`, in any mix of upper and lower case, with what it means.
fn spelling<T: Clone + std::fmt::Debug + 'static>(choices: Vec<(&'static str, T)>) -> impl Strategy<Value = (String, T)> {
    prop::sample::select(choices).prop_flat_map(|(name, meaning)| {
        prop::collection::vec(any::<bool>(), name.len()).prop_map(move |upper| {
            let text = name.chars().zip(upper).map(|(c, up)| if up { c.to_ascii_uppercase() } else { c }).collect();
            (text, meaning.clone())
        })
    })
}

fn boolean() -> impl Strategy<Value = (String, bool)> {
    spelling(vec![("true", true), ("yes", true), ("on", true), ("1", true), ("false", false), ("no", false), ("off", false), ("0", false)])
}

/// A duration as the settings take it (plain seconds, or with a unit), with what it means.
fn duration() -> impl Strategy<Value = (String, Duration)> {
    prop_oneof![
        (0u64..100_000).prop_map(|n| (n.to_string(), Duration::from_secs(n))),
        (0u64..100_000).prop_map(|n| (format!("{n}s"), Duration::from_secs(n))),
        (0u64..10_000_000).prop_map(|n| (format!("{n}ms"), Duration::from_millis(n))),
        (0u64..10_000).prop_map(|n| (format!("{n}m"), Duration::from_secs(n * 60))),
        (0u64..10_000).prop_map(|n| (format!("{n}min"), Duration::from_secs(n * 60))),
        (0u64..1_000).prop_map(|n| (format!("{n}h"), Duration::from_secs(n * 3600))),
        (1u64..24, 1u64..60).prop_map(|(h, m)| (format!("{h}h {m}m"), Duration::from_secs(h * 3600 + m * 60))),
    ]
}

/// One attempt's lock timeout for `MIGRATIONS_LOCK_RETRIES`: above zero, at most a day.
fn lock_timeout() -> impl Strategy<Value = (String, Duration)> {
    prop_oneof![
        (1u64..=86_400).prop_map(|n| (n.to_string(), Duration::from_secs(n))),
        (1u64..=86_400_000).prop_map(|n| (format!("{n}ms"), Duration::from_millis(n))),
        (1u64..=86_400).prop_map(|n| (format!("{n}s"), Duration::from_secs(n))),
        (1u64..=1_440).prop_map(|n| (format!("{n}m"), Duration::from_secs(n * 60))),
        (1u64..=24).prop_map(|n| (format!("{n}h"), Duration::from_secs(n * 3600))),
    ]
}

/// `MIGRATIONS_LOCK_RETRIES`: `off`, or lock timeouts with an optional final `none`.
fn lock_retries() -> impl Strategy<Value = (String, Vec<Option<Duration>>)> {
    let list = (
        prop::collection::vec(lock_timeout(), 1..6),
        prop::option::of(spelling(vec![("none", ())])),
        prop::sample::select(vec![",", ", ", " , "]),
    )
        .prop_map(|(timeouts, none, sep)| {
            let mut texts: Vec<String> = timeouts.iter().map(|(t, _)| t.clone()).collect();
            let mut meaning: Vec<Option<Duration>> = timeouts.iter().map(|(_, d)| Some(*d)).collect();
            if let Some((text, ())) = none {
                texts.push(text);
                meaning.push(None);
            }
            (texts.join(sep), meaning)
        });
    prop_oneof![1 => spelling(vec![("off", ())]).prop_map(|(text, ())| (text, vec![None])), 4 => list]
}

/// `MIGRATIONS_STOP_GRACE`: 5 s to an hour.
fn stop_grace() -> impl Strategy<Value = (String, Duration)> {
    prop_oneof![
        (5u64..=3600).prop_map(|n| (n.to_string(), Duration::from_secs(n))),
        (5u64..=3600).prop_map(|n| (format!("{n}s"), Duration::from_secs(n))),
        (1u64..=60).prop_map(|n| (format!("{n}m"), Duration::from_secs(n * 60))),
    ]
}

/// `MIGRATIONS_MAX_BLOCKING` and `MIGRATIONS_PROGRESS_INTERVAL`: `off`, or 1 s to an hour.
fn off_or_duration() -> impl Strategy<Value = (String, Option<Duration>)> {
    prop_oneof![
        1 => spelling(vec![("off", None)]),
        4 => prop_oneof![
            (1u64..=3600).prop_map(|n| (n.to_string(), Duration::from_secs(n))),
            (1u64..=3600).prop_map(|n| (format!("{n}s"), Duration::from_secs(n))),
            (1_000u64..=3_600_000).prop_map(|n| (format!("{n}ms"), Duration::from_millis(n))),
            (1u64..=60).prop_map(|n| (format!("{n}m"), Duration::from_secs(n * 60))),
            Just(("1h".to_string(), Duration::from_secs(3600))),
        ]
        .prop_map(|(text, d)| (text, Some(d))),
    ]
}

/// Sets `var` to the padded `text` when the setting was generated, and gives its meaning (or `default`).
fn set<T>(env: &mut Env, var: &'static str, setting: Option<(String, T)>, pad: &(String, String), default: T) -> T {
    match setting {
        Some((text, meaning)) => {
            env.push((var, format!("{}{text}{}", pad.0, pad.1)));
            meaning
        }
        None => default,
    }
}

/// Spaces around a value as a user may write them (they are not part of it).
fn pads() -> impl Strategy<Value = (String, String)> {
    (prop::sample::select(vec!["", " ", "\t"]), prop::sample::select(vec!["", " ", "\n"])).prop_map(|(a, b)| (a.to_string(), b.to_string()))
}

/// Build settings as a user may write them, and the configuration they mean.
fn valid_build_settings() -> impl Strategy<Value = (Env, BuildConfig)> {
    (
        prop::option::of("(\\./)?[a-z0-9_-]{1,10}(/[a-z0-9_-]{1,10}){0,2}/?"),
        prop::option::of(spelling(vec![
            ("golang-migrate", ToolKind::GolangMigrate),
            ("migrate", ToolKind::GolangMigrate),
            ("dbmate", ToolKind::Dbmate),
        ])),
        prop::option::of("v?[0-9]{1,2}\\.[0-9]{1,2}\\.[0-9]{1,2}"),
        prop::option::of(("https://[a-z]{1,10}\\.example/[a-z0-9./-]{1,20}", "[0-9a-f]{64}")),
        (prop::option::of(boolean()), prop::option::of(boolean())),
        prop::option::of(spelling(vec![("process", ReleaseMode::Process), ("release-phase", ReleaseMode::ReleasePhase)])),
        prop::option::of(spelling(vec![("locks", Lint::Locks), ("all", Lint::All), ("off", Lint::Off)])),
        pads(),
    )
        .prop_map(|(dir, tool, version, custom, (strict, out_of_order), mode, lint, pad)| {
            let mut env = Env::new();
            let dir = set(&mut env, config::BP_DIR, dir.map(|d| (d.clone(), Some(PathBuf::from(d)))), &pad, None);
            let tool = set(&mut env, config::BP_TOOL, tool.map(|(t, m)| (t, Some(m))), &pad, None);
            let tool_version = set(&mut env, config::BP_TOOL_VERSION, version.map(|v| (v.clone(), Some(v))), &pad, None);
            let custom_artifact = custom.map(|(url, sha256)| {
                env.push((config::BP_TOOL_URL, format!("{}{url}{}", pad.0, pad.1)));
                env.push((config::BP_TOOL_SHA256, format!("{}{sha256}{}", pad.0, pad.1)));
                CustomArtifact { url: url.into(), sha256 }
            });
            let strict = set(&mut env, config::BP_STRICT, strict, &pad, false);
            let allow_out_of_order = set(&mut env, config::BP_ALLOW_OUT_OF_ORDER, out_of_order, &pad, false);
            let release_mode = set(&mut env, config::BP_RELEASE_MODE, mode, &pad, ReleaseMode::Process);
            let lint = set(&mut env, config::BP_LINT, lint, &pad, Lint::Locks);
            // Mirror credentials (BP_MIGRATIONS_TOOL_AUTH) are secrets, tested in src/install/auth.rs and tests/reliability_mirror.rs.
            let tool_auth = None;
            (env, BuildConfig { dir, tool, tool_version, custom_artifact, tool_auth, strict, allow_out_of_order, release_mode, lint })
        })
}

/// Release settings as a user may write them, and the configuration they mean.
fn valid_release_settings() -> impl Strategy<Value = (Env, ReleaseConfig)> {
    (
        prop::option::of("[A-Za-z_][A-Za-z0-9_]{0,20}"),
        prop::option::of(spelling(vec![("warn", AheadPolicy::Warn), ("fail", AheadPolicy::Fail)])),
        (prop::option::of(duration()), prop::option::of(duration())),
        prop::option::of(boolean()),
        prop::option::of(spelling(vec![("rollback", OnFailure::Rollback), ("stop", OnFailure::Stop)])),
        prop::option::of(spelling(vec![("auto", TxMode::Auto), ("all", TxMode::All), ("file", TxMode::File)])),
        prop::option::of(lock_retries()),
        prop::option::of(stop_grace()),
        (
            prop::option::of("[a-z0-9_-]{1,10}(/[a-z0-9_-]{1,10}){0,2}"),
            prop::option::of(spelling(vec![("golang-migrate", ToolKind::GolangMigrate), ("dbmate", ToolKind::Dbmate)])),
        ),
        (prop::option::of(off_or_duration()), prop::option::of(off_or_duration())),
        pads(),
    )
        .prop_map(
            |(
                var,
                ahead,
                (lock_timeout, timeout),
                require_down,
                on_failure,
                mode,
                retries,
                grace,
                (dir, tool),
                (blocking, progress),
                pad,
            )| {
                let mut env = Env::new();
                // config::DEFAULT_LOCK_RETRIES: 250ms,500ms,1s,2s,5s,10s,none.
                let default_retries = [250, 500, 1000, 2000, 5000, 10_000].map(|ms| Some(Duration::from_millis(ms)));
                let config = ReleaseConfig {
                    database_url_var: set(&mut env, config::DATABASE_URL_VAR, var.map(|v| (v.clone(), v)), &pad, "DATABASE_URL".into()),
                    ahead: set(&mut env, config::AHEAD, ahead, &pad, AheadPolicy::Warn),
                    lock_timeout: set(&mut env, config::LOCK_TIMEOUT, lock_timeout, &pad, Duration::from_secs(60)),
                    timeout: set(&mut env, config::TIMEOUT, timeout, &pad, Duration::from_secs(50 * 60)),
                    require_down: set(&mut env, config::REQUIRE_DOWN, require_down, &pad, false),
                    on_failure: set(&mut env, config::ON_FAILURE, on_failure, &pad, OnFailure::Rollback),
                    tx: TxConfig {
                        mode: set(&mut env, config::TX_MODE, mode, &pad, TxMode::Auto),
                        lock_retries: set(&mut env, config::LOCK_RETRIES, retries, &pad, [&default_retries[..], &[None]].concat()),
                    },
                    stop_grace: set(&mut env, config::STOP_GRACE, grace, &pad, config::DEFAULT_STOP_GRACE),
                    dir: set(&mut env, config::DIR, dir.map(|d| (d.clone(), Some(PathBuf::from(d)))), &pad, None),
                    tool: set(&mut env, config::TOOL, tool.map(|(t, m)| (t, Some(m))), &pad, None),
                    max_blocking: set(&mut env, config::MAX_BLOCKING, blocking, &pad, Some(config::DEFAULT_MAX_BLOCKING)),
                    progress_interval: set(&mut env, config::PROGRESS_INTERVAL, progress, &pad, Some(config::DEFAULT_PROGRESS_INTERVAL)),
                };
                (env, config)
            },
        )
}

/// Anything but `choices` (in any case).
fn not_one_of(choices: &'static [&'static str]) -> impl Strategy<Value = String> {
    "[a-z][a-z0-9-]{0,14}".prop_filter("not an accepted value", move |v| !choices.iter().any(|c| c.eq_ignore_ascii_case(v)))
}

fn not_a_boolean() -> impl Strategy<Value = String> {
    prop_oneof!["[a-z]{1,8}", "[2-9][0-9]{0,3}", "-1", "(enabled|disabled|y|n|t|f)"]
        .prop_filter("not a boolean", |v| !["true", "false", "yes", "no", "on", "off"].contains(&v.as_str()))
}

fn not_a_duration() -> impl Strategy<Value = String> {
    prop_oneof!["[a-z]{1,8}", "-[0-9]{1,4}s?", "[0-9]{1,3} ?(parsecs|weeks?ago|xs)", "[0-9]{1,3}\\.[0-9]\\.[0-9]s"]
}

/// A build setting with a value the build refuses.
fn bad_build_setting() -> impl Strategy<Value = (&'static str, String)> {
    prop_oneof![
        prop_oneof!["/[a-z]{1,8}(/[a-z]{1,8}){0,2}", "([a-z]{1,8}/){0,2}\\.\\.(/[a-z]{1,8}){0,2}", "\\./?", "\\./\\."]
            .prop_map(|v| (config::BP_DIR, v)),
        not_one_of(&["golang-migrate", "migrate", "dbmate"]).prop_map(|v| (config::BP_TOOL, v)),
        not_a_boolean().prop_map(|v| (config::BP_STRICT, v)),
        not_a_boolean().prop_map(|v| (config::BP_ALLOW_OUT_OF_ORDER, v)),
        not_one_of(&["process", "release-phase"]).prop_map(|v| (config::BP_RELEASE_MODE, v)),
        not_one_of(&["locks", "all", "off"]).prop_map(|v| (config::BP_LINT, v)),
    ]
}

/// A release setting with a value the runner refuses.
fn bad_release_setting() -> impl Strategy<Value = (&'static str, String)> {
    prop_oneof![
        prop_oneof!["[0-9][A-Z0-9_]{0,8}", "[A-Z]{1,5}[-.:/ $][A-Z]{1,5}", "DATABASE_URLé"].prop_map(|v| (config::DATABASE_URL_VAR, v)),
        not_one_of(&["warn", "fail"]).prop_map(|v| (config::AHEAD, v)),
        not_a_duration().prop_map(|v| (config::LOCK_TIMEOUT, v)),
        not_a_duration().prop_map(|v| (config::TIMEOUT, v)),
        not_a_boolean().prop_map(|v| (config::REQUIRE_DOWN, v)),
        not_one_of(&["rollback", "stop"]).prop_map(|v| (config::ON_FAILURE, v)),
        not_one_of(&["auto", "all", "file"]).prop_map(|v| (config::TX_MODE, v)),
        prop_oneof!["none ?, ?[1-9][0-9]{0,2}s", "0(s|ms|m|h)?", "(2[5-9]|[3-9][0-9])h", "[1-9]s,,[1-9]s", not_one_of(&["off", "none"]),]
            .prop_map(|v| (config::LOCK_RETRIES, v)),
        prop_oneof!["[0-4]s?", "(36[0-9][1-9]|3[7-9][0-9]{2}|[4-9][0-9]{3})s?", "[2-9]h", not_a_duration()]
            .prop_map(|v| (config::STOP_GRACE, v)),
        prop_oneof!["/[a-z]{1,8}(/[a-z]{1,8}){0,2}", "([a-z]{1,8}/){0,2}\\.\\.(/[a-z]{1,8}){0,2}"].prop_map(|v| (config::DIR, v)),
        not_one_of(&["golang-migrate", "migrate", "dbmate"]).prop_map(|v| (config::TOOL, v)),
        (prop::sample::select(vec![config::MAX_BLOCKING, config::PROGRESS_INTERVAL]), not_off_or_duration()).prop_map(|(var, v)| (var, v)),
    ]
}

/// Neither `off` nor a duration from 1 s to an hour.
fn not_off_or_duration() -> impl Strategy<Value = String> {
    prop_oneof![
        "0(s|ms|m|h)?",
        "[1-9][0-9]{0,2}ms",
        "(36[0-9][1-9]|3[7-9][0-9]{2}|[4-9][0-9]{3})s?",
        "(6[1-9]|[7-9][0-9])m",
        "[2-9]h",
        "(none|never|disabled|false)",
        not_a_duration().prop_filter("not off", |v| !v.eq_ignore_ascii_case("off")),
    ]
}

/// `var` set to the bad `value` (spaces around it) among valid settings `env`, `parse` refuses it, and
/// its error names the variable and the value as it was read (without those spaces).
fn refused_by_name<C: std::fmt::Debug>(
    parse: impl Fn(&Env) -> Result<C, ConfigError>,
    env: Env,
    (var, value): (&'static str, String),
    pad: (String, String),
) -> Result<(), TestCaseError> {
    let written = format!("{}{value}{}", pad.0, pad.1);
    match parse(&with(env, var, written.clone())) {
        Ok(c) => prop_assert!(false, "{}={:?} was accepted: {:?}", var, written, c),
        Err(e) => prop_assert!(e.to_string().starts_with(&format!("{var}={:?} ", written.trim())), "{} (for {}={:?})", e, var, written),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512)))]

    #[test]
    fn valid_build_settings_parse_to_what_was_written((env, expected) in valid_build_settings()) {
        prop_assert_eq!(BuildConfig::from_lookup(lookup(&env)), Ok(expected), "{:?}", env);
    }

    #[test]
    fn valid_release_settings_parse_to_what_was_written((env, expected) in valid_release_settings()) {
        prop_assert_eq!(ReleaseConfig::from_lookup(lookup(&env)), Ok(expected), "{:?}", env);
    }

    #[test]
    fn a_bad_build_setting_is_refused_by_its_name((env, _) in valid_build_settings(), bad in bad_build_setting(), pad in pads()) {
        refused_by_name(|env| BuildConfig::from_lookup(lookup(env)), env, bad, pad)?;
    }

    #[test]
    fn a_bad_release_setting_is_refused_by_its_name((env, _) in valid_release_settings(), bad in bad_release_setting(), pad in pads()) {
        refused_by_name(|env| ReleaseConfig::from_lookup(lookup(env)), env, bad, pad)?;
    }

    #[test]
    fn half_a_custom_artifact_names_both_settings((env, _) in valid_build_settings(), url_only in any::<bool>()) {
        let (set, missing) =
            if url_only { (config::BP_TOOL_URL, config::BP_TOOL_SHA256) } else { (config::BP_TOOL_SHA256, config::BP_TOOL_URL) };
        let mut env = with(env, set, "https://mirror.example/tool".into());
        env.retain(|(k, _)| *k != missing);
        prop_assert_eq!(BuildConfig::from_lookup(lookup(&env)), Err(ConfigError::HalfCustomArtifact { set, missing }));
    }
}
