//! The decision core: pure, no platform, HTTP or database crate, no I/O.
//!
//! - [`directives`]: parse and validate directive files into a [`directives::DirectiveSet`];
//! - [`normalize`]: Québec French and English normalisation;
//! - [`lexicon`]: bilingual synonyms of the incident domain;
//! - [`matcher`]: the per-set [`matcher::Index`] and its calibrated scores;
//! - [`distress`], [`triage`]: distress, requests for a human, small talk;
//! - [`decide`]: the [`decide::Decision`] every message gets;
//! - [`reply`]: the texts a resident receives for a decision.

pub mod cluster;
pub mod decide;
pub mod directives;
pub mod distress;
pub mod lexicon;
pub mod matcher;
pub mod normalize;
pub mod reply;
pub mod triage;

pub use decide::{Action, Decision, Knowledge, Reason, Thresholds, decide};
pub use directives::{DirectiveSet, Lang};
