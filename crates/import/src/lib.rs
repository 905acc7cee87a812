//! Readers of other comment systems' export files: WordPress WXR ([`wxr`]) and Disqus XML
//! ([`disqus`]). Each streams its file with quick-xml and yields
//! [`retort_domain::import::Record`]s (threads, then their comments) for
//! [`retort_domain::import::run`] to store.
//!
//! Owns the mapping of each format's fields, statuses and kinds to Retort's, and the
//! well-formedness checks: a malformed or truncated file is an [`Error::Syntax`] naming the line
//! and column. Memory holds the comment being read and a few small fields of its thread, never a
//! whole post or file. Must not touch the database or sanitise HTML (the domain does). Tested by
//! unit tests in each module and by the black-box import tests of the `retort` binary.
#![forbid(unsafe_code)]

mod date;
pub mod disqus;
pub mod wxr;
mod xml;

use std::path::PathBuf;

/// Errors reading an export file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file cannot be opened or read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The file is not well-formed XML, is truncated, or is not this kind of export.
    #[error("{path}: line {line}, column {column}: {message}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: u64,
        /// 1-based column (in characters) of the problem.
        column: u64,
        /// What is wrong.
        message: String,
    },
}
