//! Commenters' data rights: export of everything stored about an e-mail address, erasure per
//! each site's policy, and the signed, expiring, single-use self-service links that let a
//! commenter ask for either without an account. Every export and erasure is written to the
//! audit log under a keyed hash of the address, never the address itself.
//!
//! A link is a random token; the store keeps only its SHA-256, the address it was sent to and
//! its expiry. Answers to link requests never reveal whether an address has comments: a link
//! is mailed only when it has, and the caller shows the same page either way.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::audit::NewAuditEntry;
use crate::mail::{NewMail, Outbox};
use crate::site::Erasure;
use crate::store::{self, Store};
use crate::token::{FormSigner, hash_token, random_hex};

/// How long a self-service link works.
pub const LINK_TTL_MS: i64 = 24 * 3_600_000;
/// The export format's name.
pub const FORMAT: &str = "retort-personal-data";

/// Everything stored about one e-mail address.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonalData {
    /// Always [`FORMAT`].
    pub format: &'static str,
    /// Format version.
    pub version: u32,
    /// The address.
    pub email: String,
    /// When the export was made, Unix milliseconds.
    pub generated_at: i64,
    /// The address's comments on every site of this instance, oldest first.
    pub comments: Vec<PersonalComment>,
    /// Messages to the address still waiting in the mail queue.
    pub queued_mail: u64,
}

/// One comment in a [`PersonalData`] export, with every stored field about its author.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonalComment {
    /// The site's name.
    pub site: String,
    /// The article's URL.
    pub article_url: String,
    /// The article's title.
    pub article_title: String,
    /// Comment id.
    pub id: i64,
    /// Display number, once published.
    pub number: Option<i64>,
    /// The comment replied to.
    pub parent_id: Option<i64>,
    /// Name given.
    pub author: String,
    /// E-mail given.
    pub email: String,
    /// Website given.
    pub website: String,
    /// Text as written (Markdown).
    pub text: String,
    /// `pending`, `approved`, `spam` or `deleted`.
    pub status: String,
    /// Posted at, Unix milliseconds.
    pub created_at: i64,
    /// Last edited at.
    pub edited_at: Option<i64>,
    /// IP address (or its network, after truncation), while kept.
    pub ip: Option<String>,
    /// Browser user agent, while kept.
    pub user_agent: Option<String>,
    /// Referring page, while kept.
    pub referrer: Option<String>,
    /// The spam filter's score.
    pub spam_score: f64,
    /// The spam filter's reasons.
    pub spam_reasons: Vec<String>,
    /// Whether replies to this comment are mailed to the address (confirmed subscription).
    pub reply_notifications: bool,
}

/// What an erasure changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Erased {
    /// Comments kept under the name "Anonymous".
    pub anonymised: u64,
    /// Comments whose text and author were deleted.
    pub deleted: u64,
    /// Queued messages to the address that were dropped.
    pub mails_dropped: u64,
    /// Threads whose pages must be rendered again.
    pub threads: Vec<i64>,
}

/// The state of a self-service link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// Valid, for this address, until this time.
    Valid {
        /// The address it was sent to.
        email: String,
        /// Expiry, Unix milliseconds.
        expires_at: i64,
    },
    /// It worked once but has expired.
    Expired,
    /// It was used to erase the data and cannot be used again.
    Used,
    /// No such link (mistyped, tampered with, or long gone).
    Unknown,
}

/// A stored link, as the store returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredLink {
    /// The address.
    pub email: String,
    /// Expiry, Unix milliseconds.
    pub expires_at: i64,
    /// When it was used for an erasure.
    pub used_at: Option<i64>,
}

/// The data-rights service.
#[derive(Clone)]
pub struct Privacy {
    store: std::sync::Arc<dyn Store>,
    signer: FormSigner,
    outbox: Outbox,
}

/// Normalises an address for matching: trimmed, lower case.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

impl Privacy {
    /// The service.
    pub fn new(store: std::sync::Arc<dyn Store>, signer: FormSigner, outbox: Outbox) -> Self {
        Privacy {
            store,
            signer,
            outbox,
        }
    }

    /// Whether links can be mailed (SMTP is configured).
    pub fn can_mail(&self) -> bool {
        self.outbox.enabled()
    }

    /// The audit subject for an address: a keyed hash, not the address.
    pub fn subject(&self, email: &str) -> String {
        let h = self
            .signer
            .keyed_hash("audit-email", &normalise_email(email));
        format!("email:{}", &h[..16.min(h.len())])
    }

    /// Everything stored about `email`, across all sites. Written to the audit log.
    ///
    /// # Errors
    /// When the store fails.
    pub async fn export(&self, email: &str, actor: &str, now: i64) -> store::Result<PersonalData> {
        let email = normalise_email(email);
        let comments = self.store.comments_by_email(&email).await?;
        let mut threads = BTreeMap::new();
        let mut sites = BTreeMap::new();
        let mut out = Vec::with_capacity(comments.len());
        for c in comments {
            if !threads.contains_key(&c.thread_id)
                && let Some(t) = self.store.thread(c.thread_id).await?
            {
                threads.insert(c.thread_id, t);
            }
            let Some(t) = threads.get(&c.thread_id) else {
                continue;
            };
            if !sites.contains_key(&t.site_id)
                && let Some(s) = self.store.site(t.site_id).await?
            {
                sites.insert(t.site_id, s.name);
            }
            let reply_notifications = self.store.replies_confirmed(c.id).await?;
            out.push(PersonalComment {
                reply_notifications,
                site: sites.get(&t.site_id).cloned().unwrap_or_default(),
                article_url: t.url.clone(),
                article_title: t.title.clone(),
                id: c.id,
                number: c.number,
                parent_id: c.parent_id,
                author: c.author,
                email: c.email,
                website: c.website,
                text: c.body_md,
                status: c.status.as_str().to_owned(),
                created_at: c.created_at,
                edited_at: c.edited_at,
                ip: c.ip,
                user_agent: c.user_agent,
                referrer: c.referrer,
                spam_score: c.spam_score,
                spam_reasons: c.spam_reasons,
            });
        }
        let queued_mail = self.store.queued_mail_to(&email).await?;
        self.store
            .append_audit(&NewAuditEntry {
                at: now,
                actor: actor.to_owned(),
                action: "privacy.export".into(),
                site_id: None,
                subject: self.subject(&email),
                details: format!("{} comments", out.len()),
            })
            .await?;
        Ok(PersonalData {
            format: FORMAT,
            version: 1,
            email,
            generated_at: now,
            comments: out,
            queued_mail,
        })
    }

    /// Erases `email`'s data on every site: per each site's [`Erasure`] policy the comments are
    /// anonymised or deleted; queued mail to the address is dropped; its self-service links
    /// stop working. Written to the audit log.
    ///
    /// # Errors
    /// When the store fails (then nothing was changed).
    pub async fn erase(&self, email: &str, actor: &str, now: i64) -> store::Result<Erased> {
        let email = normalise_email(email);
        let erased = self.store.erase_author(&email, now).await?;
        self.store
            .append_audit(&NewAuditEntry {
                at: now,
                actor: actor.to_owned(),
                action: "privacy.erase".into(),
                site_id: None,
                subject: self.subject(&email),
                details: format!(
                    "{} anonymised, {} deleted, {} queued messages dropped",
                    erased.anonymised, erased.deleted, erased.mails_dropped
                ),
            })
            .await?;
        Ok(erased)
    }

    /// Handles a request for a self-service link: when `email` has comments here and mail can
    /// be sent, queues a message with a fresh link under `base_url` (e.g.
    /// `https://comments.example/privacy/`). Returns nothing either way, so that callers cannot
    /// reveal whether the address is known.
    ///
    /// # Errors
    /// When the store fails or the random source does.
    pub async fn request_link(
        &self,
        email: &str,
        site_title: &str,
        base_url: &str,
        now: i64,
    ) -> store::Result<()> {
        let email = normalise_email(email);
        if !self.outbox.enabled() || self.store.comments_by_email(&email).await?.is_empty() {
            return Ok(());
        }
        let token = random_hex(24).map_err(|e| store::Error::Backend(Box::new(e)))?;
        self.store
            .create_privacy_link(&hash_token(&token), &email, now, now + LINK_TTL_MS)
            .await?;
        let body = format!(
            "Someone, hopefully you, asked for the data that {site_title} keeps about comments \
             posted with this e-mail address.\n\n\
             Open this link to download a copy of your data or to erase it:\n\n{base_url}{token}\n\n\
             The link works for 24 hours. If you did not ask for it, ignore this message: nothing \
             happens unless the link is opened.\n"
        );
        self.outbox
            .send(&NewMail {
                to: email.clone(),
                subject: format!("Your comment data on {site_title}"),
                body,
                headers: Vec::new(),
                created_at: now,
            })
            .await?;
        self.store
            .append_audit(&NewAuditEntry {
                at: now,
                actor: "commenter".into(),
                action: "privacy.link".into(),
                site_id: None,
                subject: self.subject(&email),
                details: String::new(),
            })
            .await?;
        Ok(())
    }

    /// The state of the link with this token.
    ///
    /// # Errors
    /// When the store fails.
    pub async fn link(&self, token: &str, now: i64) -> store::Result<Link> {
        if token.len() != 48 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(Link::Unknown);
        }
        Ok(match self.store.privacy_link(&hash_token(token)).await? {
            None => Link::Unknown,
            Some(l) if l.used_at.is_some() => Link::Used,
            Some(l) if l.expires_at <= now => Link::Expired,
            Some(l) => Link::Valid {
                email: l.email,
                expires_at: l.expires_at,
            },
        })
    }

    /// What erasure does on a site, in words for the commenter.
    pub fn describe(policy: Erasure) -> &'static str {
        match policy {
            Erasure::Anonymise => {
                "your comments stay, under the name \"Anonymous\", without your e-mail address, website, IP address or browser details"
            }
            Erasure::Delete => {
                "your comments are deleted with your name, e-mail address, website, IP address and browser details"
            }
        }
    }
}

/// How long a stored field is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// As long as the comment exists (until it is erased).
    WithComment,
    /// Cut to its network after some days, removed after more.
    Ip,
    /// Removed after some days.
    Agent,
    /// Until the message is sent.
    UntilSent,
    /// Until the link expires or is used.
    Link,
    /// Kept as a record of what was done.
    Audit,
    /// Until the commenter unsubscribes or asks for erasure.
    Subscription,
    /// Until a rate-limit allowance is full again.
    RateLimit,
}

/// A stored field about commenters: where it is, what it is for, whether it is published and
/// how long it is kept. The data-processing page is generated from this list, and a test checks
/// that every column of the schema's commenter tables is in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredField {
    /// `table.column`.
    pub column: &'static str,
    /// Key of its name and purpose in the page's translations.
    pub key: &'static str,
    /// Whether the public sees it.
    pub published: bool,
    /// How long it is kept.
    pub kept: Kept,
}

const fn field(
    column: &'static str,
    key: &'static str,
    published: bool,
    kept: Kept,
) -> StoredField {
    StoredField {
        column,
        key,
        published,
        kept,
    }
}

/// Every stored field that concerns commenters.
pub const STORED_FIELDS: &[StoredField] = &[
    field("comments.author", "name", true, Kept::WithComment),
    field("comments.email", "email", false, Kept::WithComment),
    field("comments.website", "website", true, Kept::WithComment),
    field("comments.body_md", "text", true, Kept::WithComment),
    field("comments.body_html", "text", true, Kept::WithComment),
    field("comments.ip", "ip", false, Kept::Ip),
    field("comments.user_agent", "user_agent", false, Kept::Agent),
    field("comments.referrer", "referrer", false, Kept::Agent),
    field("comments.spam_score", "spam", false, Kept::WithComment),
    field("comments.spam_reasons", "spam", false, Kept::WithComment),
    field(
        "comments.edit_token_hash",
        "edit_token",
        false,
        Kept::WithComment,
    ),
    field("comments.id", "bookkeeping", true, Kept::WithComment),
    field("comments.thread_id", "bookkeeping", true, Kept::WithComment),
    field("comments.parent_id", "bookkeeping", true, Kept::WithComment),
    field("comments.number", "bookkeeping", true, Kept::WithComment),
    field("comments.status", "bookkeeping", false, Kept::WithComment),
    field("comments.kind", "bookkeeping", true, Kept::WithComment),
    field(
        "comments.import_key",
        "bookkeeping",
        false,
        Kept::WithComment,
    ),
    field("comments.created_at", "dates", true, Kept::WithComment),
    field("comments.edited_at", "dates", true, Kept::WithComment),
    field("mail_outbox.to_addr", "mail", false, Kept::UntilSent),
    field("mail_outbox.subject", "mail", false, Kept::UntilSent),
    field("mail_outbox.body", "mail", false, Kept::UntilSent),
    field("mail_outbox.headers", "mail", false, Kept::UntilSent),
    field("mail_outbox.id", "mail", false, Kept::UntilSent),
    field("mail_outbox.created_at", "mail", false, Kept::UntilSent),
    field("mail_outbox.attempts", "mail", false, Kept::UntilSent),
    field(
        "mail_outbox.next_attempt_at",
        "mail",
        false,
        Kept::UntilSent,
    ),
    field("mail_outbox.last_error", "mail", false, Kept::UntilSent),
    field("privacy_links.email", "link", false, Kept::Link),
    field("privacy_links.token_hash", "link", false, Kept::Link),
    field("privacy_links.created_at", "link", false, Kept::Link),
    field("privacy_links.expires_at", "link", false, Kept::Link),
    field("privacy_links.used_at", "link", false, Kept::Link),
    field(
        "reply_subscriptions.comment_id",
        "subscription",
        false,
        Kept::Subscription,
    ),
    field(
        "reply_subscriptions.created_at",
        "subscription",
        false,
        Kept::Subscription,
    ),
    field(
        "reply_subscriptions.confirmed_at",
        "subscription",
        false,
        Kept::Subscription,
    ),
    field(
        "reply_notices.comment_id",
        "notices",
        false,
        Kept::WithComment,
    ),
    field("reply_notices.sent_at", "notices", false, Kept::WithComment),
    field("audit_log.id", "audit", false, Kept::Audit),
    field("audit_log.at", "audit", false, Kept::Audit),
    field("audit_log.actor", "audit", false, Kept::Audit),
    field("audit_log.action", "audit", false, Kept::Audit),
    field("audit_log.site_id", "audit", false, Kept::Audit),
    field("audit_log.subject", "audit", false, Kept::Audit),
    field("audit_log.details", "audit", false, Kept::Audit),
    field("rate_limits.key", "rate_limit", false, Kept::RateLimit),
    field("rate_limits.tat", "rate_limit", false, Kept::RateLimit),
];
