//! Support code shared by the project's tests. Never shipped in the buildpack.
pub mod archive;
pub mod http;
pub mod lifecycle;
pub mod pg;
pub mod pooler;
pub mod sbom;
pub mod tools;
