//! The migration tools this buildpack knows. Shared by every other module.

use std::fmt;
use std::str::FromStr;

/// A supported migration tool ("engine").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ToolKind {
    /// <https://github.com/golang-migrate/migrate> (v4 CLI, `migrate`).
    GolangMigrate,
    /// <https://github.com/amacneil/dbmate> (`dbmate`).
    Dbmate,
}

impl ToolKind {
    pub const ALL: [ToolKind; 2] = [ToolKind::GolangMigrate, ToolKind::Dbmate];

    /// The name users write in `BP_MIGRATIONS_TOOL` and that the inventory uses.
    pub fn name(self) -> &'static str {
        match self {
            ToolKind::GolangMigrate => "golang-migrate",
            ToolKind::Dbmate => "dbmate",
        }
    }

    /// The tool's GitHub repository (`owner/name`), where its releases are published.
    pub fn github_repository(self) -> &'static str {
        match self {
            ToolKind::GolangMigrate => "golang-migrate/migrate",
            ToolKind::Dbmate => "amacneil/dbmate",
        }
    }

    /// The executable's file name once installed (on `PATH` at launch).
    pub fn executable(self) -> &'static str {
        match self {
            ToolKind::GolangMigrate => "migrate",
            ToolKind::Dbmate => "dbmate",
        }
    }
}

impl fmt::Display for ToolKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown migration tool `{0}`")]
pub struct UnknownTool(pub String);

impl FromStr for ToolKind {
    type Err = UnknownTool;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "golang-migrate" | "migrate" => Ok(ToolKind::GolangMigrate),
            "dbmate" => Ok(ToolKind::Dbmate),
            _ => Err(UnknownTool(s.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_is_an_error() {
        for t in ToolKind::ALL {
            assert_eq!(t.name().parse::<ToolKind>().unwrap(), t);
        }
        assert_eq!("flyway".parse::<ToolKind>(), Err(UnknownTool("flyway".into())));
    }
}
