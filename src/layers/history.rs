//! The history layer: what the last successful build saw: the migration
//! versions, a checksum of each one's up SQL, and the files the tool ignores.
//!
//! Layer dir: `<layers>/history/` (metadata only, no files). Cached, neither
//! build nor launch. Kept across builds; its metadata is rewritten at the end of
//! every successful build. A failed build is never exported, so the record always
//! reflects the last successful one. Used to refuse out-of-order migrations and
//! to report in full only what is new or changed since that build.

use crate::errors::BuildpackError;
use libcnb::Buildpack;
use libcnb::build::BuildContext;
use libcnb::data::layer_name;
use libcnb::layer::{CachedLayerDefinition, InvalidMetadataAction, LayerRef, RestoredLayerAction};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryMetadata {
    pub tool: String,
    pub versions: Vec<String>,
    /// Version → checksum of its up SQL (`CheckReport::checksums`); absent in
    /// records of older buildpack versions, then nothing counts as changed.
    #[serde(default)]
    pub checksums: BTreeMap<String, String>,
    /// Files the checks reported as ignored by the tool (MG101).
    #[serde(default)]
    pub ignored: Vec<String>,
}

impl HistoryMetadata {
    /// The record of a successful build.
    pub fn of(set: &crate::migrations::MigrationSet, report: &crate::migrations::CheckReport) -> Self {
        HistoryMetadata {
            tool: set.tool.name().to_string(),
            versions: set.versions().into_iter().map(str::to_string).collect(),
            checksums: report.checksums.clone(),
            ignored: report.ignored.clone(),
        }
    }

    /// The check options that compare with this record.
    pub fn options(self, strict: bool, allow_out_of_order: bool) -> crate::migrations::CheckOptions {
        crate::migrations::CheckOptions {
            strict,
            allow_out_of_order,
            previous_versions: Some(self.versions),
            previous_checksums: self.checksums,
            previous_ignored: self.ignored,
            ..Default::default()
        }
    }
}

/// The check options of a build with `config` for `tool`: compared with `previous` when that is
/// the same tool's record, else those of a first build.
pub fn check_options(
    previous: Option<HistoryMetadata>,
    tool: crate::tool_kind::ToolKind,
    config: &crate::config::BuildConfig,
) -> crate::migrations::CheckOptions {
    let options = match previous.filter(|p| p.tool == tool.name()) {
        Some(p) => p.options(config.strict, config.allow_out_of_order),
        None => {
            crate::migrations::CheckOptions { strict: config.strict, allow_out_of_order: config.allow_out_of_order, ..Default::default() }
        }
    };
    crate::migrations::CheckOptions { lint: config.lint, ..options }
}

/// Open the layer; returns it with the previous successful build's record, if any.
#[allow(clippy::type_complexity)]
pub fn open<B>(context: &BuildContext<B>) -> libcnb::Result<(LayerRef<B, (), ()>, Option<HistoryMetadata>), BuildpackError>
where
    B: Buildpack<Error = BuildpackError>,
{
    let previous = RefCell::new(None);
    let layer = context.cached_layer(
        layer_name!("history"),
        CachedLayerDefinition {
            build: false,
            launch: false,
            invalid_metadata_action: &|_| InvalidMetadataAction::DeleteLayer,
            restored_layer_action: &|md: &HistoryMetadata, _| {
                previous.replace(Some(md.clone()));
                RestoredLayerAction::KeepLayer
            },
        },
    )?;
    Ok((layer, previous.into_inner()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_of_older_builds_without_checksums_still_load() {
        let old: HistoryMetadata = toml::from_str("tool = \"dbmate\"\nversions = [\"1\", \"2\"]\n").unwrap();
        assert_eq!(old.versions, vec!["1", "2"]);
        assert!(old.checksums.is_empty() && old.ignored.is_empty());
        let opts = old.options(true, false);
        assert_eq!(opts.previous_versions.as_deref(), Some(&["1".to_string(), "2".to_string()][..]));
        assert!(opts.strict && !opts.allow_out_of_order);
        // And a new record round-trips.
        let new = HistoryMetadata {
            tool: "golang-migrate".into(),
            versions: vec!["0001".into()],
            checksums: [("0001".to_string(), "0123456789abcdef".to_string())].into(),
            ignored: vec!["3.up.sql".into()],
        };
        assert_eq!(toml::from_str::<HistoryMetadata>(&toml::to_string(&new).unwrap()).unwrap(), new);
    }
}
