//! The history layer: the migration versions seen by the last successful build.
//!
//! Layer dir: `<layers>/history/` (metadata only, no files). Cached, neither
//! build nor launch. Kept across builds; its metadata is rewritten at the end of
//! every successful build. A failed build is never exported, so the record always
//! reflects the last successful one. Used to refuse out-of-order migrations.

use crate::errors::BuildpackError;
use libcnb::Buildpack;
use libcnb::build::BuildContext;
use libcnb::data::layer_name;
use libcnb::layer::{CachedLayerDefinition, InvalidMetadataAction, LayerRef, RestoredLayerAction};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryMetadata {
    pub tool: String,
    pub versions: Vec<String>,
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
