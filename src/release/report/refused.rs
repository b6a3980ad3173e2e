//! Why a release was refused before anything ran: the error, its cause and the fix.

use super::*;
use crate::release::ReleaseError;

fn db_url_error(e: &DbUrlError) -> String {
    let how = |var: &str| {
        format!(
            "Set it where the release runs: `heroku config:set {var}=postgres://USER:PASSWORD@HOST:5432/DATABASE` (Heroku), \
             `docker run --env {var}=…` (Docker), or a Kubernetes Secret exposed to the container as {var} \
             (`env[].valueFrom.secretKeyRef`). A variable given only to the build is not in the image."
        )
    };
    match e {
        DbUrlError::Missing { var } => format!(
            "The database URL variable {var} is not set.\n{}\nIf your URL lives in another variable, set MIGRATIONS_DATABASE_URL_VAR to its name.",
            how(var)
        ),
        DbUrlError::Empty { var } => format!("The database URL variable {var} is empty.\n{}", how(var)),
        DbUrlError::Unparseable { var, reason } => format!("{var} is not a valid URL ({reason}).\n{}", how(var)),
        DbUrlError::Scheme { var, scheme } => {
            format!("{var} uses the scheme `{scheme}://`; this buildpack migrates PostgreSQL, so use postgres:// or postgresql://.")
        }
        DbUrlError::SslMode { var, value } => format!(
            "{var} has sslmode={value}. Use one of disable, allow, prefer, require, verify-ca, verify-full \
             (no sslmode means require, which is what Heroku Postgres needs)."
        ),
    }
}

fn connect_hint(error: &str) -> &'static str {
    if error.contains("password authentication failed") {
        "The user name or password in the URL is wrong: check the variable's value (`heroku config:get`), or rotate the credentials."
    } else if error.contains("server does not support TLS") || error.contains("SSL is not enabled") || error.contains("TLS") {
        "The server does not accept TLS, and the URL asks for it (no sslmode means require). For a local server without TLS add `?sslmode=disable` to the URL; never do that for a remote database."
    } else if crate::db::is_pooler_symptom(error) {
        "The runner's statements reached server connections shared with other clients: the URL goes through a transaction-mode connection pooler. Release with the database's direct URL (set MIGRATIONS_DATABASE_URL_VAR to the name of the variable that holds it)."
    } else if error.contains("database \"") && error.contains("does not exist") {
        "The database named in the URL does not exist: create it, or fix the name in the URL."
    } else if error.contains("role \"") && error.contains("does not exist") {
        "The user named in the URL does not exist: fix the user name in the URL, or create the role."
    } else if error.contains("refused") || error.contains("timed out") || error.contains("error connecting") || error.contains("lookup") {
        "The server could not be reached: check the host and port in the URL, and that the database is running and accepts connections from here."
    } else {
        "Check the URL, and that the database is running and reachable from here."
    }
}

/// The message for an error that stopped the release before anything ran.
pub fn release_error(e: &ReleaseError, config: &ReleaseConfig) -> String {
    let body = match e {
        ReleaseError::Config(_) | ReleaseError::Url(_) | ReleaseError::NoDir { .. } | ReleaseError::Model(_) => setup_error(e),
        ReleaseError::Connect { .. } | ReleaseError::Session(_) => connection_error(e, config),
        ReleaseError::State(crate::engine::EngineError::Query(text)) if crate::db::is_pooler_symptom(text) => connection_error(e, config),
        ReleaseError::State(_) | ReleaseError::Dirty { .. } | ReleaseError::Orphan { .. } | ReleaseError::Ahead { .. } => state_error(e),
        ReleaseError::NotGroupable { .. } | ReleaseError::MissingDown { .. } => plan_error(e),
    };
    format!("migrations: REFUSED: {}", body.replace('\n', "\nmigrations: "))
}

/// The settings, the directory or the migration files are wrong.
fn setup_error(e: &ReleaseError) -> String {
    match e {
        ReleaseError::Config(c) => {
            let (h, b) = config_error(c);
            format!("{h}.\n{b}")
        }
        ReleaseError::Url(u) => db_url_error(u),
        ReleaseError::NoDir { why } => format!(
            "No migrations to run: {why}.\nThe buildpack sets MIGRATIONS_DIR and MIGRATIONS_TOOL in the image; outside an image, run from the app root or set them."
        ),
        ReleaseError::Model(m) => model_error(m).1,
        other => unreachable!("release_error sends only its own errors here, not {other:?}"),
    }
}

/// The database cannot be reached as a release needs it (a pooler, a read-only target, a refused setting).
fn connection_error(e: &ReleaseError, config: &ReleaseConfig) -> String {
    match e {
        ReleaseError::Connect { url, error: crate::db::DbError::TransactionPooler(why) } => {
            transaction_pooler(&format!("{url} (from ${})", config.database_url_var), why)
        }
        // What a transaction pooler does to the runner's statements, wherever it first shows.
        ReleaseError::Connect { url, error: crate::db::DbError::Query(text) } if crate::db::is_pooler_symptom(text) => {
            transaction_pooler(&format!("{url} (from ${})", config.database_url_var), &crate::db::Pooler::Symptom { error: text.clone() })
        }
        ReleaseError::State(crate::engine::EngineError::Query(text)) if crate::db::is_pooler_symptom(text) => {
            transaction_pooler(&format!("The URL in ${}", config.database_url_var), &crate::db::Pooler::Symptom { error: text.clone() })
        }
        ReleaseError::Session(text) if crate::db::is_pooler_symptom(text) => {
            transaction_pooler(&format!("The URL in ${}", config.database_url_var), &crate::db::Pooler::Symptom { error: text.clone() })
        }
        ReleaseError::Connect { url, error: crate::db::DbError::ReadOnly(why) } => read_only(url, why, &config.database_url_var),
        ReleaseError::Connect { url, error } => {
            let text = error.to_string();
            format!("Cannot connect to the database {url} (from ${}): {text}\n{}", config.database_url_var, connect_hint(&text))
        }
        ReleaseError::Session(e) => format!(
            "The database refused a run-time parameter from {} ({e}). The migration tool would fail the same way: fix or remove the parameter in the URL. Nothing was changed.",
            config.database_url_var
        ),
        other => unreachable!("release_error sends only its own errors here, not {other:?}"),
    }
}

/// The database's migration state cannot be read, or must not be migrated from.
fn state_error(e: &ReleaseError) -> String {
    match e {
        ReleaseError::State(crate::engine::EngineError::Spawn { program, source }) => format!(
            "Could not run the migration tool `{program}`: {source}.\n\
             In an image built by this buildpack it is on PATH; outside one, install {program} and put it on PATH."
        ),
        ReleaseError::State(engine_error) => {
            let text = engine_error.to_string();
            format!("Could not read the database's migration state: {text}\n{}", connect_hint(&text))
        }
        ReleaseError::Dirty { state, commands } => {
            let mut s = formatdoc! {"
                The database is dirty: {}.
                A previous migration run failed part-way and the tool recorded it. No migration can run until
                someone checks what that migration left behind and marks the right version, by hand.
                Nothing was changed. Inspect and repair with:",
                state.describe()
            };
            for c in commands {
                let _ = write!(s, "\n  {c}");
            }
            s
        }
        ReleaseError::Orphan { versions, newest_file } => format!(
            "The database has version(s) {} that no migration file in this release has, and they are older than the newest file ({newest_file}).\n\
             A migration file was deleted or renamed after it was applied. Restore the file (same version number), or, if it was removed on purpose, \
             record that by hand. Nothing was changed.",
            list(versions)
        ),
        ReleaseError::Ahead { versions, newest_file } => format!(
            "The database is ahead of this code: version(s) {} are newer than every migration file here (newest: {}).\n\
             MIGRATIONS_AHEAD=fail stops such releases. Deploy the code that has those migrations, or unset MIGRATIONS_AHEAD to let them through with a warning.",
            list(versions),
            newest_file.as_deref().unwrap_or("none")
        ),
        other => unreachable!("release_error sends only its own errors here, not {other:?}"),
    }
}

/// The pending migrations cannot be applied the way the settings ask.
fn plan_error(e: &ReleaseError) -> String {
    match e {
        ReleaseError::NotGroupable { blocker } => format!(
            "MIGRATIONS_TX_MODE=all applies every pending migration in one transaction, and {blocker}. Nothing was changed.\n\
             Set MIGRATIONS_TX_MODE=auto (or file) to let the tool apply the files one by one, or move that statement to a release of its own."
        ),
        ReleaseError::MissingDown { versions } => format!(
            "Pending migrations without a down migration: {}. MIGRATIONS_REQUIRE_DOWN=true refuses to apply migrations that could not be undone \
             if a later one fails. Add a down migration for each, or unset MIGRATIONS_REQUIRE_DOWN. Nothing was changed.",
            list(versions)
        ),
        other => unreachable!("release_error sends only its own errors here, not {other:?}"),
    }
}

/// A transaction-mode pooler between the runner and the database (`whose`: the URL, masked, and its variable).
fn transaction_pooler(whose: &str, why: &crate::db::Pooler) -> String {
    formatdoc! {"
        {whose} goes through a transaction-mode connection pooler: {why}.
        Behind such a pooler each transaction may run on another server connection, shared with other clients:
        the runner's lock protects nothing (two releases could migrate at once), and a session lock taken there
        would stay on a pooled server connection after the release. Migrations need a direct connection (or a
        session-mode pooler).
        Release with the database's direct URL: set MIGRATIONS_DATABASE_URL_VAR to the name of the variable
        that holds it (on Heroku, DATABASE_URL; the pooler is DATABASE_CONNECTION_POOL_URL), and keep the
        pooled URL for the app's web and worker processes. Nothing was changed."
    }
}

/// A database that takes no writes: what makes it read-only, and what to release against instead.
fn read_only(url: &str, why: &crate::db::ReadOnly, var: &str) -> String {
    use crate::db::ReadOnly;
    let primary = format!(
        "Release against the primary's URL: on Heroku the app's DATABASE_URL, not a follower's HEROKU_POSTGRESQL_<COLOR>_URL \
         (unset MIGRATIONS_DATABASE_URL_VAR, or set it to the variable that holds the primary's URL; now ${var})."
    );
    let (cause, fix) = match why {
        ReadOnly::Standby => (
            "it is a hot standby (pg_is_in_recovery() is true): a follower or read replica, which takes changes only from its primary"
                .to_string(),
            primary,
        ),
        ReadOnly::Setting { source, database, role } => read_only_setting(source, database, role, var, primary),
    };
    formatdoc! {"
        The database {url} (from ${var}) is read-only: {cause}.
        PostgreSQL refuses every write there, so no migration can run, and no rehearsal either (it rolls
        back, but PostgreSQL refuses DDL in a read-only transaction). Nothing was run, nothing was changed.
        {fix}"
    }
}

/// Where `default_transaction_read_only` was turned on, and how to release anyway: (cause, fix).
fn read_only_setting(source: &crate::db::ReadOnlySource, database: &str, role: &str, var: &str, primary: String) -> (String, String) {
    use crate::db::ReadOnlySource;
    let (db, r) = (crate::db::quote_ident(database), crate::db::quote_ident(role));
    match source {
        ReadOnlySource::Database => (
            format!(
                "default_transaction_read_only is on for the database {database} (ALTER DATABASE {db} SET default_transaction_read_only = on)"
            ),
            format!(
                "If the database is read-only on purpose, release once it takes writes again; otherwise `ALTER DATABASE {db} RESET default_transaction_read_only`. If this is not the database the app writes to: {primary}"
            ),
        ),
        ReadOnlySource::Role => (
            format!(
                "default_transaction_read_only is on for the role {role} (ALTER ROLE {r} SET default_transaction_read_only = on): a read-only credential"
            ),
            format!(
                "Release with the credentials that own the schema (on Heroku the app's DATABASE_URL), not a read-only credential, or `ALTER ROLE {r} RESET default_transaction_read_only`."
            ),
        ),
        ReadOnlySource::RoleInDatabase => (
            format!(
                "default_transaction_read_only is on for the role {role} in the database {database} (ALTER ROLE {r} IN DATABASE {db} SET default_transaction_read_only = on)"
            ),
            format!("Release with credentials that may write, or `ALTER ROLE {r} IN DATABASE {db} RESET default_transaction_read_only`."),
        ),
        ReadOnlySource::UrlOptions => (
            "the URL's options parameter turns default_transaction_read_only on (-c default_transaction_read_only=on)".to_string(),
            format!("Remove default_transaction_read_only from the options parameter of the URL in ${var}."),
        ),
        ReadOnlySource::UrlParameter => (
            "the URL's default_transaction_read_only parameter is on".to_string(),
            format!("Remove the default_transaction_read_only parameter from the URL in ${var}."),
        ),
        ReadOnlySource::Server => (
            "the server's configuration turns default_transaction_read_only on for every session (postgresql.conf or ALTER SYSTEM)"
                .to_string(),
            primary,
        ),
        ReadOnlySource::Other(source) => (format!("default_transaction_read_only is on (set by: {source})"), primary),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pooler_symptom_is_never_taken_for_a_missing_database_or_user() {
        let config = ReleaseConfig::from_lookup(|_| None).expect("defaults are valid");
        let refused = |error: &str| {
            release_error(
                &ReleaseError::Connect { url: "postgres://u:****@h:6432/app".into(), error: crate::db::DbError::Query(error.into()) },
                &config,
            )
        };
        for symptom in [
            r#"prepared statement "s1" does not exist (26000)"#,
            "unnamed prepared statement does not exist (26000)",
            r#"prepared statement "s0" already exists (42P05)"#,
            r#"portal "p1" does not exist (34000)"#,
        ] {
            let text = refused(symptom);
            assert!(text.contains("goes through a transaction-mode connection pooler"), "{text}");
            assert!(text.contains("MIGRATIONS_DATABASE_URL_VAR"), "{text}");
            assert!(!text.contains("does not exist: create it"), "{text}");
        }
        let state = release_error(
            &ReleaseError::State(crate::engine::EngineError::Query(r#"prepared statement "s3" does not exist (26000)"#.into())),
            &config,
        );
        assert!(state.contains("The URL in $DATABASE_URL goes through a transaction-mode connection pooler"), "{state}");
        // The real cases keep their own advice.
        assert!(connect_hint(r#"database "shop" does not exist"#).starts_with("The database named in the URL does not exist"));
        assert!(connect_hint(r#"role "shop" does not exist"#).starts_with("The user named in the URL does not exist"));
        assert!(!connect_hint(r#"prepared statement "s1" does not exist (26000)"#).contains("database named"));
    }
}
