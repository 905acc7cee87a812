//! The admin side: accounts of site staff and what they do to comments.
//!
//! [`account`] owns staff accounts (argon2id password hashes, roles, the sites a moderator may
//! act on) and server-side sessions (random tokens, stored only as hashes, with a CSRF token
//! derived from each). [`moderation`] owns the moderation queue and the actions on comments
//! (approve, spam, not spam, delete, edit, reply as the site), each checked against the actor's
//! sites. [`notify`] mails staff about comments waiting for them. Must not name HTTP: rate limits, cookies and forms are the server's. Tested by unit
//! tests here, the storage conformance suite and the black-box suite (`tests/it/admin.rs`).

pub mod account;
pub mod moderation;
pub mod notify;
