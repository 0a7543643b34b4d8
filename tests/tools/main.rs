//! Tests that run outside tools, installed by `scripts/install-test-tools.sh`:
//! Mermaid's own parser (Node.js), the Nu HTML checker (Java), headless
//! Chromium and poppler, Microsoft's SARIF validator. Each test skips with a
//! loud message when its tool is missing, and fails instead when the `CI`
//! variable is set.

mod gantt;
mod hostile;
mod print;
mod sarif;
mod support;
mod validate;
