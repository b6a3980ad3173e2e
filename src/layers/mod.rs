//! One file per layer; each states its cache-invalidation rule at the top.

pub mod history;
pub mod runner;
pub mod tool;
