//! The Akismet-compatible service: key checks, comment checks with the documented test hooks,
//! feedback (submit-spam / submit-ham) that trains the key's own model layer online, and usage
//! counters. Protocol parsing and exact response bodies live in the server; this module holds
//! the decisions.
//!
//! Only the learned layer's weights are kept from feedback; the comment text, e-mail and IP of
//! API calls are never stored.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use retort_classifier::{Comment, Label};

use crate::apikey::{ApiKey, UsageKind, UsageRow};
use crate::learning::{Learning, key_scope};
use crate::store::{self, Store};
use crate::token::hash_token;

/// What the caller knows beyond the comment itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CheckInput {
    /// The comment, in the classifier's terms.
    pub comment: Comment,
    /// The `blog` parameter.
    pub blog: String,
    /// `user_role`, a comma-separated list.
    pub user_role: String,
    /// `is_test`: a test call neither trains nor counts.
    pub is_test: bool,
}

/// The answer to comment-check.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckOutcome {
    /// Spam (`true`) or ham (`false`).
    pub spam: bool,
    /// Blatant spam the client may drop (`X-akismet-pro-tip: discard`).
    pub discard: bool,
    /// The spam probability.
    pub probability: f32,
    /// Reasons, in moderator words.
    pub reasons: Vec<String>,
}

/// The service.
pub struct Akismet {
    store: Arc<dyn Store>,
    learning: Arc<Learning>,
    /// Active keys by hash, with the time they were read (see [`KEY_TTL_MS`]).
    keys: Mutex<HashMap<String, (ApiKey, i64)>>,
    /// Usage counted since the last flush, by (key, month, site).
    pending: Mutex<HashMap<(i64, String, String), UsageRow>>,
}

const GUARANTEED_SPAM_AUTHORS: [&str; 2] = ["viagra-test-123", "akismet-guaranteed-spam"];
const GUARANTEED_SPAM_EMAIL: &str = "akismet-guaranteed-spam@example.com";
/// How long a running server trusts an active key it has read: a key revoked with
/// `retort keys revoke` stops working within this time.
pub const KEY_TTL_MS: i64 = 2_000;

/// The current month, `YYYY-MM`, from Unix milliseconds.
pub fn month_of(now_ms: i64) -> String {
    let days = now_ms.div_euclid(86_400_000);
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}")
}

impl Akismet {
    /// The service over a store and the shared learning path.
    pub fn new(store: Arc<dyn Store>, learning: Arc<Learning>) -> Self {
        Akismet {
            store,
            learning,
            pending: Mutex::new(HashMap::new()),
            keys: Mutex::new(HashMap::new()),
        }
    }

    /// The active key with this value, if any.
    ///
    /// # Errors
    /// When the store fails.
    pub async fn key(&self, key: &str, now_ms: i64) -> store::Result<Option<ApiKey>> {
        if !crate::apikey::looks_like_key(key) {
            return Ok(None);
        }
        let hash = hash_token(key);
        if let Some((k, at)) = self.keys.lock().ok().and_then(|m| m.get(&hash).cloned())
            && now_ms - at < KEY_TTL_MS
        {
            return Ok(Some(k));
        }
        let found = self
            .store
            .api_key_by_hash(&hash)
            .await?
            .filter(ApiKey::is_active);
        if let Ok(mut m) = self.keys.lock() {
            match &found {
                Some(k) => {
                    m.insert(hash, (k.clone(), now_ms));
                }
                None => {
                    m.remove(&hash);
                }
            }
        }
        Ok(found)
    }

    /// Checks a comment for a key's site.
    ///
    /// # Errors
    /// When the store fails.
    pub async fn check(
        &self,
        key: &ApiKey,
        input: &CheckInput,
        now_ms: i64,
    ) -> store::Result<CheckOutcome> {
        let outcome = if input
            .user_role
            .split(',')
            .any(|r| r.trim().eq_ignore_ascii_case("administrator"))
        {
            CheckOutcome {
                spam: false,
                discard: false,
                probability: 0.0,
                reasons: vec!["posted by an administrator".into()],
            }
        } else if GUARANTEED_SPAM_AUTHORS
            .iter()
            .any(|a| input.comment.author.trim().eq_ignore_ascii_case(a))
            || input
                .comment
                .email
                .trim()
                .eq_ignore_ascii_case(GUARANTEED_SPAM_EMAIL)
        {
            CheckOutcome {
                spam: true,
                discard: false,
                probability: 1.0,
                reasons: vec!["Akismet's guaranteed-spam test marker".into()],
            }
        } else {
            let layer = self.learning.layer(&key_scope(key.id), now_ms).await?;
            let v = self
                .learning
                .model()
                .classify_for_site(&input.comment, &layer);
            CheckOutcome {
                spam: v.label.is_spam(),
                discard: v.label == Label::Discard,
                probability: v.spam_probability,
                reasons: v.reasons.into_iter().map(|r| r.text.into_owned()).collect(),
            }
        };
        if !input.is_test {
            let kind = if outcome.spam {
                UsageKind::CheckSpam
            } else {
                UsageKind::CheckHam
            };
            self.count(key, now_ms, &input.blog, kind);
        }
        Ok(outcome)
    }

    /// Feedback: the comment is spam (`true`) or ham. Trains the key's own layer until it agrees
    /// (a bounded number of online steps), stores the layer, and counts the call.
    ///
    /// # Errors
    /// When the store fails.
    pub async fn submit(
        &self,
        key: &ApiKey,
        input: &CheckInput,
        is_spam: bool,
        now_ms: i64,
    ) -> store::Result<()> {
        if input.is_test {
            return Ok(());
        }
        self.learning
            .teach(&key_scope(key.id), &input.comment, is_spam, now_ms)
            .await?;
        let kind = if is_spam {
            UsageKind::MissedSpam
        } else {
            UsageKind::FalsePositive
        };
        self.count(key, now_ms, &input.blog, kind);
        Ok(())
    }

    /// Counts a call in memory; [`Akismet::flush`] writes the counts (the server does so every
    /// second, and before answering usage queries), so checks never wait for a disk write.
    fn count(&self, key: &ApiKey, now_ms: i64, site: &str, kind: UsageKind) {
        let Ok(mut p) = self.pending.lock() else {
            return;
        };
        let row = p
            .entry((key.id, month_of(now_ms), site.to_owned()))
            .or_insert_with(|| UsageRow {
                site: site.to_owned(),
                api_calls: 0,
                spam: 0,
                ham: 0,
                missed_spam: 0,
                false_positives: 0,
            });
        row.api_calls += 1;
        match kind {
            UsageKind::CheckSpam => row.spam += 1,
            UsageKind::CheckHam => row.ham += 1,
            UsageKind::MissedSpam => row.missed_spam += 1,
            UsageKind::FalsePositive => row.false_positives += 1,
        }
    }

    /// Writes the counts gathered in memory to the store.
    ///
    /// # Errors
    /// When the store fails; the counts not written are kept for the next flush.
    pub async fn flush(&self) -> store::Result<()> {
        let taken: Vec<_> = match self.pending.lock() {
            Ok(mut p) => p.drain().collect(),
            Err(_) => return Ok(()),
        };
        let mut failed = Vec::new();
        let mut result = Ok(());
        for ((key_id, month, site), row) in taken {
            if let Err(e) = self.store.add_usage(key_id, &month, &row).await {
                failed.push(((key_id, month, site), row));
                result = Err(e);
            }
        }
        if !failed.is_empty()
            && let Ok(mut p) = self.pending.lock()
        {
            for (k, row) in failed {
                let e = p.entry(k).or_insert_with(|| UsageRow {
                    api_calls: 0,
                    spam: 0,
                    ham: 0,
                    missed_spam: 0,
                    false_positives: 0,
                    ..row.clone()
                });
                e.api_calls += row.api_calls;
                e.spam += row.spam;
                e.ham += row.ham;
                e.missed_spam += row.missed_spam;
                e.false_positives += row.false_positives;
            }
        }
        result
    }

    /// A key's usage in a month.
    ///
    /// # Errors
    /// When the store fails.
    pub async fn usage(&self, key: &ApiKey, month: &str) -> store::Result<Vec<UsageRow>> {
        self.flush().await?;
        self.store.usage(key.id, month).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_from_unix_time() {
        assert_eq!(month_of(0), "1970-01");
        assert_eq!(month_of(1_796_000_000_000), "2026-11");
        assert_eq!(month_of(951_782_400_000), "2000-02"); // 2000-02-29
        assert_eq!(month_of(951_868_800_000), "2000-03");
    }
}
