//! Notices to staff about comments waiting for moderation: every run mails each staff member
//! with an address one message listing the comments held since the last run on the sites they
//! moderate. Run often for near-immediate notices, or rarely for a digest (`[admin]
//! notify_every_secs`). Mail goes through the outbox, so nothing is sent until SMTP is
//! configured. The last comment announced is kept as a setting, so a restart neither repeats nor
//! skips notices. Tested by the black-box mail tests (`tests/it/admin_mail.rs`).

use std::fmt::Write as _;
use std::sync::Arc;

use crate::Result;
use crate::admin::moderation::QueueFilter;
use crate::comment::Status;
use crate::mail::{NewMail, Outbox};
use crate::store::Store;

/// The setting holding the id of the newest comment already considered.
pub const WATERMARK: &str = "admin_notified_up_to";

/// Most comments listed in one notice.
const MAX_LISTED: usize = 50;

/// Mails staff about held comments.
#[derive(Clone)]
pub struct Notifier {
    store: Arc<dyn Store>,
    outbox: Outbox,
    base_url: String,
}

impl Notifier {
    /// A notifier whose links start with `base_url` (e.g. `https://comments.example.org`).
    pub fn new(store: Arc<dyn Store>, outbox: Outbox, base_url: &str) -> Self {
        Notifier {
            store,
            outbox,
            base_url: base_url.trim_end_matches('/').to_owned(),
        }
    }

    /// Sets where notices start (the newest comment now) unless that is already set.
    ///
    /// # Errors
    /// When the store fails.
    pub async fn start(&self) -> Result<()> {
        let newest = self.newest().await?;
        self.store
            .init_setting(WATERMARK, &newest.to_string())
            .await?;
        Ok(())
    }

    async fn newest(&self) -> Result<i64> {
        Ok(self
            .store
            .moderation_queue(&QueueFilter {
                limit: 1,
                ..Default::default()
            })
            .await?
            .first()
            .map_or(0, |i| i.comment.id))
    }

    /// Queues one notice per staff member about comments held since the last run; returns how
    /// many notices were queued.
    ///
    /// # Errors
    /// When the store fails.
    pub async fn run_once(&self, now: i64) -> Result<usize> {
        if !self.outbox.enabled() {
            return Ok(0);
        }
        let newest = self.newest().await?;
        let Some(mark) = self
            .store
            .setting(WATERMARK)
            .await?
            .and_then(|v| v.parse::<i64>().ok())
        else {
            // First run: what was held before notices were on is not announced.
            self.store
                .set_setting(WATERMARK, &newest.to_string())
                .await?;
            return Ok(0);
        };
        if newest <= mark {
            return Ok(0);
        }
        // Claim the range first: with several instances sharing the database, only the one
        // that moves the bookmark announces these comments.
        if !self
            .store
            .swap_setting(WATERMARK, &mark.to_string(), &newest.to_string())
            .await?
        {
            return Ok(0);
        }
        let held = self
            .store
            .moderation_queue(&QueueFilter {
                statuses: vec![Status::Pending],
                after_id: mark,
                limit: 1000,
                ..Default::default()
            })
            .await?;
        let mut queued = 0;
        for user in self.store.admin_users().await? {
            if user.email.is_empty() {
                continue;
            }
            let mine: Vec<_> = held
                .iter()
                .filter(|i| user.may_moderate_named(&i.site_name))
                .collect();
            if mine.is_empty() {
                continue;
            }
            let n = mine.len();
            let mut body = format!(
                "Hello {},\n\n{n} new comment{} {} waiting for moderation:\n\n",
                user.name,
                if n == 1 { "" } else { "s" },
                if n == 1 { "is" } else { "are" }
            );
            for i in mine.iter().rev().take(MAX_LISTED) {
                let excerpt: String = i.comment.body_md.chars().take(200).collect();
                let _ = write!(
                    body,
                    "- {author} on \"{title}\" ({site}):\n  {excerpt}\n  {base}/admin/comments/{id}\n\n",
                    author = i.comment.author,
                    title = i.thread.title,
                    site = i.site_name,
                    excerpt = excerpt.replace('\n', " "),
                    base = self.base_url,
                    id = i.comment.id,
                );
            }
            let _ = write!(
                body,
                "The queue: {}/admin\n\nYou get this mail because your Retort account has this address.\n",
                self.base_url
            );
            self.outbox
                .send(&NewMail {
                    to: user.email.clone(),
                    subject: format!(
                        "{n} comment{} waiting for moderation",
                        if n == 1 { "" } else { "s" }
                    ),
                    body,
                    headers: Vec::new(),
                    created_at: now,
                })
                .await?;
            queued += 1;
        }
        Ok(queued)
    }
}
