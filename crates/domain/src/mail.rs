//! Outgoing mail: messages wait in a queue in the database and a sender (in the binary) hands
//! them to the configured SMTP server, retrying with backoff, so nothing is lost while the
//! server is down. A sent message is deleted from the queue; nothing keeps a copy. No message
//! is queued at all until SMTP is configured ([`Outbox::enabled`]).

use std::sync::Arc;

use crate::store::{self, Store};

/// A message to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMail {
    /// Recipient address.
    pub to: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// Extra headers, e.g. `List-Unsubscribe`.
    pub headers: Vec<(String, String)>,
    /// Queued at, Unix milliseconds.
    pub created_at: i64,
}

/// A queued message claimed for sending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    /// Store id.
    pub id: i64,
    /// Recipient address.
    pub to: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// Extra headers.
    pub headers: Vec<(String, String)>,
    /// Failed attempts so far.
    pub attempts: u32,
}

/// Delay before the next attempt after `attempts` failures: `base_ms` doubled each time, at
/// most an hour.
pub fn backoff_ms(base_ms: i64, attempts: u32) -> i64 {
    let factor = 1_i64 << attempts.min(16);
    base_ms.saturating_mul(factor).min(3_600_000)
}

/// The queue, as the rest of the domain sees it.
#[derive(Clone)]
pub struct Outbox {
    store: Arc<dyn Store>,
    enabled: bool,
}

impl Outbox {
    /// A queue over the store; `enabled` is whether SMTP is configured.
    pub fn new(store: Arc<dyn Store>, enabled: bool) -> Self {
        Outbox { store, enabled }
    }

    /// Whether mail can be sent at all.
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// Queues a message; returns false (and queues nothing) when SMTP is not configured.
    ///
    /// # Errors
    /// When the store fails.
    pub async fn send(&self, mail: &NewMail) -> store::Result<bool> {
        if !self.enabled {
            return Ok(false);
        }
        self.store.enqueue_mail(mail).await?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff_ms(1_000, 0), 1_000);
        assert_eq!(backoff_ms(1_000, 3), 8_000);
        assert_eq!(backoff_ms(30_000, 20), 3_600_000);
    }
}
