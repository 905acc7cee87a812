//! Reply notifications: a commenter may ask, on the form, to be told of replies to their
//! comment. The address (the comment's own) is confirmed first by double opt-in: a mail with a
//! signed link, so nobody can subscribe someone else. A reply is announced only once it is
//! approved, and exactly once ([`Replies::announce`] claims each reply before queueing its
//! mail). Every mail carries a one-click unsubscribe link and `List-Unsubscribe` headers
//! (RFC 8058). Links are signed with the server's secret (HMAC), so nothing secret is stored.
//! Mail goes through the outbox: nothing is sent until SMTP is configured.
//! Tested by the black-box mail tests (`tests/it/admin_mail.rs`) and the conformance suite.

use std::sync::Arc;

use subtle::ConstantTimeEq;

use crate::comment::Comment;
use crate::mail::{NewMail, Outbox};
use crate::store::Store;
use crate::token::FormSigner;
use crate::{Error, Result};

/// Reply notifications over a store, the server's signer and the outbox.
#[derive(Clone)]
pub struct Replies {
    store: Arc<dyn Store>,
    signer: FormSigner,
    outbox: Outbox,
}

/// What a signed link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Confirming the subscription.
    Confirm,
    /// Ending it.
    Unsubscribe,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Confirm => "confirm",
            Purpose::Unsubscribe => "unsubscribe",
        }
    }
}

impl Replies {
    /// The service.
    pub fn new(store: Arc<dyn Store>, signer: FormSigner, outbox: Outbox) -> Self {
        Replies {
            store,
            signer,
            outbox,
        }
    }

    /// Whether notifications can be offered at all (SMTP is configured).
    pub fn enabled(&self) -> bool {
        self.outbox.enabled()
    }

    fn signature(&self, purpose: Purpose, comment_id: i64) -> String {
        let full = self.signer.keyed_hash(
            "reply-notifications",
            &format!("{}:{comment_id}", purpose.as_str()),
        );
        full.chars().take(32).collect()
    }

    /// The signed link for a comment's subscription, under `base` (e.g. `https://c.example`).
    pub fn link(&self, base: &str, purpose: Purpose, comment_id: i64) -> String {
        format!(
            "{}/replies/{comment_id}/{}/{}",
            base.trim_end_matches('/'),
            purpose.as_str(),
            self.signature(purpose, comment_id)
        )
    }

    /// Whether `signature` is genuine for this purpose and comment (constant time).
    pub fn verify(&self, purpose: Purpose, comment_id: i64, signature: &str) -> bool {
        let expected = self.signature(purpose, comment_id);
        expected.len() == signature.len()
            && bool::from(expected.as_bytes().ct_eq(signature.as_bytes()))
    }

    /// Records the request of a new comment's author to hear of replies and mails them the
    /// confirmation link. Returns false (and does nothing) when mail is off.
    ///
    /// # Errors
    /// When the store fails.
    pub async fn subscribe(
        &self,
        comment: &Comment,
        article_title: &str,
        base: &str,
        now: i64,
    ) -> Result<bool> {
        if !self.enabled() || comment.email.is_empty() {
            return Ok(false);
        }
        self.store.subscribe_replies(comment.id, now).await?;
        let confirm = self.link(base, Purpose::Confirm, comment.id);
        let body = format!(
            "Hello {author},\n\nYou asked to be told by email of replies to your comment on \"{article_title}\".\n\
Please confirm that this is your address by opening this link:\n\n{confirm}\n\n\
If you did not ask for this, ignore this mail: nothing will be sent to you.\n",
            author = comment.author,
        );
        self.outbox
            .send(&NewMail {
                to: comment.email.clone(),
                subject: format!("Please confirm: replies to your comment on \"{article_title}\""),
                body,
                headers: Vec::new(),
                created_at: now,
            })
            .await?;
        Ok(true)
    }

    /// Confirms a subscription through its signed link.
    ///
    /// # Errors
    /// [`Error::NotFound`] for a wrong signature or an unknown subscription.
    pub async fn confirm(&self, comment_id: i64, signature: &str, now: i64) -> Result<()> {
        if !self.verify(Purpose::Confirm, comment_id, signature)
            || !self.store.confirm_replies(comment_id, now).await?
        {
            return Err(Error::NotFound("subscription"));
        }
        Ok(())
    }

    /// Ends a subscription through its signed link (again is fine).
    ///
    /// # Errors
    /// [`Error::NotFound`] for a wrong signature.
    pub async fn unsubscribe(&self, comment_id: i64, signature: &str) -> Result<()> {
        if !self.verify(Purpose::Unsubscribe, comment_id, signature) {
            return Err(Error::NotFound("subscription"));
        }
        self.store.unsubscribe_replies(comment_id).await?;
        Ok(())
    }

    /// Queues one mail for each approved reply not yet announced to its confirmed subscriber
    /// (replies by the subscriber's own address are skipped); returns how many were queued.
    ///
    /// # Errors
    /// When the store fails.
    pub async fn announce(&self, base: &str, now: i64) -> Result<usize> {
        if !self.enabled() {
            return Ok(0);
        }
        let mut queued = 0;
        for (reply, parent) in self.store.unannounced_replies(100).await? {
            // Claimed first: a second run or instance never mails the same reply again.
            if !self.store.claim_reply_notice(reply.id, now).await? {
                continue;
            }
            if parent.email.is_empty() || reply.email.eq_ignore_ascii_case(&parent.email) {
                continue;
            }
            let title = self
                .store
                .thread(reply.thread_id)
                .await?
                .map(|t| t.title)
                .unwrap_or_default();
            let unsubscribe = self.link(base, Purpose::Unsubscribe, parent.id);
            let excerpt: String = reply.body_md.chars().take(500).collect();
            let body = format!(
                "Hello {to},\n\n{author} replied to your comment on \"{title}\":\n\n{excerpt}\n\n\
Read it and answer: {base}/threads/{tid}#comment-{rid}\n\n\
To get no more mail about replies to this comment, open: {unsubscribe}\n",
                to = parent.author,
                author = reply.author,
                base = base.trim_end_matches('/'),
                tid = reply.thread_id,
                rid = reply.id,
            );
            self.outbox
                .send(&NewMail {
                    to: parent.email.clone(),
                    subject: format!("New reply to your comment on \"{title}\""),
                    body,
                    headers: vec![
                        ("List-Unsubscribe".into(), format!("<{unsubscribe}>")),
                        (
                            "List-Unsubscribe-Post".into(),
                            "List-Unsubscribe=One-Click".into(),
                        ),
                    ],
                    created_at: now,
                })
                .await?;
            queued += 1;
        }
        Ok(queued)
    }
}
