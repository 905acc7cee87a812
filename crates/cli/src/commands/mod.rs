//! One module per subcommand of `retort`.

pub mod admin;
pub mod classify;
pub mod eval;
pub mod keys;
pub mod privacy;
pub mod serve;
pub mod train;
pub mod transfer;
