//! lzscan: a policy-as-code compliance scanner for Azure landing zones that run AI
//! workloads.
//!
//! One pipeline, one direction, a module per stage:
//! [`discover`] → [`parse`] → [`graph`] → [`policy`] → [`report`], wired together by
//! [`scan`]. Parsers know nothing of rules; rules know nothing of formats.

#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod cli;
pub mod config;
pub mod discover;
pub mod finding;
pub mod graph;
pub mod parse;
pub mod policy;
pub mod report;
pub mod scan;
pub mod source;
pub mod suppress;
pub mod value;
