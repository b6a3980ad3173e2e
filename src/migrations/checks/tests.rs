//! Check tests: data-driven fixtures under `test-fixtures/checks/` plus unit tests.
