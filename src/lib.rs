//! Shared code of the migrations buildpack: the buildpack (`src/main.rs`), the
//! release runner (`src/bin/migrations.rs`) and the classic entry point all use
//! these modules. Data flows one way: settings and files → migration model →
//! (build) checks, install, layers → (release) engine → plan → report.

pub mod catalog;
pub mod config;
pub mod db;
pub mod detect;
pub mod engine;
pub mod errors;
pub mod install;
pub mod layers;
pub mod messages;
pub mod migrations;
pub mod output;
pub mod platform;
pub mod procfile;
pub mod redact;
pub mod release;
pub mod sbom;
pub mod tool_kind;
