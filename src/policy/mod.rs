//! The policy stage: Rego rules loaded into sandboxed regorus engines (one per
//! rule, holding the modules it reads), evaluated in parallel over the resource
//! graph, and tested with `lzscan test`.
//!
//! The contract every rule (built-in or a user's) follows:
//! - a package with a `# METADATA` block holding `custom.id`, `custom.name`,
//!   `custom.severity`, `title` and `description` (see [`metadata`]);
//! - a `deny` set of objects `{"resource": <input resource id>, "message": <text>,
//!   "path": <offending property path, optional>}`;
//! - `input` is the resource graph documented in `docs/policy-input.md`.

mod deps;
pub mod docs;
mod engine;
pub mod metadata;
pub mod testing;

pub use engine::{PolicyError, PolicySet, Prepared, RawFinding, RuleResult};
pub use metadata::RuleMeta;

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_policies.rs"));
}

/// The built-in policy library: `(path, text)` pairs, tests included.
pub fn builtin_policies() -> &'static [(&'static str, &'static str)] {
    builtin::BUILTIN_POLICIES
}

/// True for Rego test files (`*_test.rego`).
pub fn is_test_file(path: &str) -> bool {
    path.ends_with("_test.rego")
}
