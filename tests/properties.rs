//! Property tests (issue 6, family 4): URL masking, config parsing and
//! inventory resolution against generated and arbitrary input.
//!
//! `cargo fuzz` needs a nightly toolchain, which this project does not use;
//! these proptest properties play the fuzzers' role (arbitrary strings,
//! never-panics) on stable.

use std::collections::HashMap;

use migrations_buildpack::config::{self, BuildConfig, ReleaseConfig};
use migrations_buildpack::db::{DbUrl, mask_urls};
use migrations_buildpack::install::resolve;
use migrations_buildpack::tool::Tool;
use proptest::prelude::*;

/// Percent-encodes every byte outside the URL "unreserved" set.
fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') { (b as char).to_string() } else { format!("%{b:02X}") }
        })
        .collect()
}

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
        if let Ok(c) = BuildConfig::from_lookup(|k| map.get(k).cloned()) {
            // A directory that was accepted stays inside the app.
            if let Some(dir) = c.dir {
                prop_assert!(dir.is_relative());
                prop_assert!(!dir.components().any(|c| matches!(c, std::path::Component::ParentDir)));
            }
        }
    }

    #[test]
    fn release_config_never_panics(values in prop::collection::vec(prop::option::of(prop_oneof![
        "\\PC{0,30}",
        "[0-9]{1,25}[smh]?",
        "(true|false|yes|no|on|off|1|0|warn|fail|stop|rollback|TRUE|Stop|auto|all|file|none)",
        "([0-9]{1,22}(ms|s|m|h)?|none|off)(,([0-9]{1,22}(ms|s|m|h)?|none)){0,4}",
    ]), 8)) {
        let vars = [
            config::DATABASE_URL_VAR, config::AHEAD, config::LOCK_TIMEOUT,
            config::TIMEOUT, config::REQUIRE_DOWN, config::ON_FAILURE,
            config::TX_MODE, config::LOCK_RETRIES,
        ];
        let map: HashMap<&str, String> = vars.iter().zip(&values).filter_map(|(k, v)| v.clone().map(|v| (*k, v))).collect();
        if let Ok(c) = ReleaseConfig::from_lookup(|k| map.get(k).cloned()) {
            prop_assert!(!c.database_url_var.is_empty());
            prop_assert!(c.database_url_var.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_'));
            // Every attempt's lock timeout fits PostgreSQL's lock_timeout; only the last may have none.
            prop_assert!(!c.tx.lock_retries.is_empty());
            let last = c.tx.lock_retries.len() - 1;
            for (i, t) in c.tx.lock_retries.iter().enumerate() {
                prop_assert!(t.is_some() || i == last);
                prop_assert!(t.is_none_or(|d| !d.is_zero() && d.as_millis() <= i32::MAX as u128));
            }
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
        let tool = if golang { Tool::GolangMigrate } else { Tool::Dbmate };
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
