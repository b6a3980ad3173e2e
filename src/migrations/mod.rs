//! The migration model (owned by the model/checks work; placeholder).
