//! Tool install: inventory, download, checksum, extraction (placeholder).
