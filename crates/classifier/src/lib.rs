//! Retort's spam classifier: turns one comment into a calibrated spam probability, a verdict
//! (`ham`, `spam`, `discard`) and the reasons behind it, in words a moderator understands.
//!
//! Owns: Unicode normalisation ([`normalize`]), structural signals ([`signals`]), hashed
//! features ([`features`]), hand-written rules ([`rules`]), the linear model and its file format
//! ([`model`]), training ([`train()`]) and the per-site online layer ([`SiteLayer`]).
//!
//! Must not: do I/O, spawn threads, read clocks or environment, or depend on other Retort
//! crates. The default model is embedded with `include_bytes!`, so the product needs no files.
//!
//! Entry points: [`Model::builtin`], [`Model::classify`], [`Model::classify_for_site`],
//! [`SiteLayer::learn`], [`train()`].
//!
//! Tested by: unit tests in each module (one per signal and rule), `tests/examples.rs` (hand-written
//! realistic ham and spam against the built-in model), `tests/properties.rs` (proptest: no panics,
//! idempotent normalisation), `tests/site_layer.rs` (per-site learning), `benches/classify.rs`
//! (divan), and the `fuzz/` crate at the repository root.
#![forbid(unsafe_code)]

pub mod features;
pub mod model;
pub mod normalize;
pub mod rules;
pub mod signals;
pub mod site;
mod trades;
pub mod train;

pub use model::Model;
pub use site::SiteLayer;
pub use train::{TrainConfig, train};

use serde::{Deserialize, Serialize};

/// Errors of the classifier crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The bytes are not a model (or site layer) file of a version this build understands.
    #[error("not a model file of a supported version: {0}")]
    Format(String),
    /// The file is a model file but its contents are damaged (checksum or bounds).
    #[error("model file is damaged: {0}")]
    Corrupt(String),
    /// A site layer learned over another version of the features: its weights would land on
    /// buckets that now mean something else.
    #[error("site layer learned over an older feature set: {0}")]
    Stale(String),
}

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// One comment to classify, with everything the caller knows about it.
///
/// Every field may be empty; only `content` is really needed. Field names follow the Akismet
/// API where one exists.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct Comment {
    /// The comment text as submitted (plain text, markdown or HTML).
    pub content: String,
    /// Author name as typed.
    pub author: String,
    /// Author e-mail as typed.
    pub email: String,
    /// Author URL (website field).
    pub url: String,
    /// Submitter IP address.
    pub user_ip: String,
    /// Submitter user agent.
    pub user_agent: String,
    /// HTTP referrer of the form submission.
    pub referrer: String,
    /// URL of the article the comment is on.
    pub permalink: String,
    /// `comment`, `reply`, `forum-post`, `message`, ...
    pub comment_type: String,
    /// Site language, e.g. `en` (ISO 639-1); empty when unknown.
    pub lang: String,
    /// Value of the form's hidden honeypot field: humans leave it empty.
    pub honeypot: String,
    /// Seconds between rendering the form and submitting it, when the caller measured it.
    pub seconds_to_submit: Option<f64>,
    /// What the caller knows about the author and the thread.
    pub context: Context,
}

/// Context supplied by the caller (the classifier keeps no state of its own).
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct Context {
    /// Approved comments by the same author (e-mail hash) on this site.
    pub author_approved_comments: u32,
    /// Near-duplicates of this text seen recently on this site (or across sites).
    pub recent_duplicates: u32,
    /// Title of the article the comment is on.
    pub article_title: String,
}

/// The verdict: what to do with the comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    /// Publish.
    Ham,
    /// Hold for moderation (spam queue).
    Spam,
    /// Blatant spam that need not be kept.
    Discard,
}

impl Label {
    /// Lower-case name as used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Ham => "ham",
            Label::Spam => "spam",
            Label::Discard => "discard",
        }
    }

    /// True for `Spam` and `Discard`.
    pub fn is_spam(self) -> bool {
        !matches!(self, Label::Ham)
    }
}

/// One reason behind a verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// Stable machine code, e.g. `links.shortener`, `words`, `rule.honeypot`.
    pub code: std::borrow::Cow<'static, str>,
    /// Words for a moderator, e.g. "link through a URL shortener".
    pub text: std::borrow::Cow<'static, str>,
    /// Contribution to the spam log-odds (negative: points to ham).
    pub weight: f32,
}

/// The classifier's answer for one comment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// Calibrated probability that the comment is spam.
    pub spam_probability: f32,
    /// What to do with it.
    pub label: Label,
    /// The few features or rules that drove the verdict, strongest first.
    pub reasons: Vec<Reason>,
}

/// Stable feature hash: xxh3-64 with a fixed seed. Model files index weights by it, so it must
/// never change for a given file version.
pub(crate) fn hash(ns: u64, bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64_with_seed(bytes, HASH_SEED ^ ns)
}

/// The fixed seed of feature hashing (part of the model file format).
pub(crate) const HASH_SEED: u64 = 0x5245_544f_5254_0001; // "RETORT" + 1
