//! Retort's domain: sites, threads, comments, and the rules for posting, editing and deleting.
//!
//! Owns validation of everything a commenter submits, the spam-filter hook that decides a new
//! comment's status, edit tokens and signed form tokens, and the [`store::Store`] trait that the
//! storage crate implements. Must not name HTTP, SQL or any I/O crate: callers pass a store, a
//! filter and the current time in. Entry point: [`comments::Comments`]. Tested by unit tests
//! here, by the storage conformance suite and by the black-box tests of the `retort` binary.
#![forbid(unsafe_code)]

pub mod admin;
pub mod akismet;
pub mod apikey;
pub mod audit;
pub mod comment;
pub mod comments;
pub mod dump;
pub mod error;
pub mod import;
pub mod learning;
pub mod mail;
pub mod privacy;
pub mod replies;
pub mod retention;
pub mod site;
pub mod spam;
pub mod store;
pub mod thread;
pub mod token;

pub use error::{Error, FieldError, Result};
