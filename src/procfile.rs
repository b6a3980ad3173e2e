//! The app's `Procfile`: does it declare its own `release:` process?

use std::path::Path;

/// The command of the Procfile's `release:` entry, if any (last one wins, as in heroku/procfile).
pub fn release_command(app_dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(app_dir.join("Procfile")).ok()?;
    text.lines()
        .filter_map(|line| {
            let (key, cmd) = line.split_once(':')?;
            (key.trim() == "release").then(|| cmd.trim().to_string())
        })
        .next_back()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_release_line() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(release_command(dir.path()), None);
        std::fs::write(dir.path().join("Procfile"), "web: ./server\nrelease: ./bin/migrate.sh up\n").unwrap();
        assert_eq!(release_command(dir.path()).as_deref(), Some("./bin/migrate.sh up"));
        std::fs::write(dir.path().join("Procfile"), "web: ./server\nreleaser: x\n").unwrap();
        assert_eq!(release_command(dir.path()), None);
    }
}
