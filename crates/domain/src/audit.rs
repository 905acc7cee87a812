//! The audit log: who did what to which comment or whose data, and when. Moderation actions,
//! data exports and erasures are written here. Entries hold no more personal data than needed:
//! a commenter is named by a keyed hash of their e-mail ([`crate::token::FormSigner::keyed_hash`]),
//! never by the address itself.

use serde::Serialize;

/// An entry to append.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAuditEntry {
    /// When, Unix milliseconds.
    pub at: i64,
    /// Who: an admin account's name, `cli`, or `commenter` for self-service.
    pub actor: String,
    /// What, e.g. `privacy.export`, `privacy.erase`, `comment.approve`.
    pub action: String,
    /// The site concerned, if one.
    pub site_id: Option<i64>,
    /// What was acted on: `comment:<id>` or `email:<keyed hash>`.
    pub subject: String,
    /// Counts or other details, free text without personal data.
    pub details: String,
}

/// A stored entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// Store id.
    pub id: i64,
    /// When, Unix milliseconds.
    pub at: i64,
    /// Who.
    pub actor: String,
    /// What.
    pub action: String,
    /// The site concerned, if one.
    pub site_id: Option<i64>,
    /// What was acted on.
    pub subject: String,
    /// Details.
    pub details: String,
}
