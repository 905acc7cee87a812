//! API keys of the Akismet-compatible API, and their monthly usage counters. Keys are
//! 12 lowercase letters and digits (WordPress refuses any other length); only their SHA-256 is
//! stored.

use serde::Serialize;

/// Length of a key.
pub const KEY_LEN: usize = 12;

/// A stored key (never the key itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiKey {
    /// Store id.
    pub id: i64,
    /// The first four characters, to tell keys apart in listings.
    pub hint: String,
    /// The site (front-page URL) the key was issued for.
    pub site_url: String,
    /// Creation time, Unix milliseconds.
    pub created_at: i64,
    /// Revocation time, if revoked.
    pub revoked_at: Option<i64>,
}

impl ApiKey {
    /// Whether the key may be used.
    pub fn is_active(&self) -> bool {
        self.revoked_at.is_none()
    }
}

/// What one API call counts as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UsageKind {
    /// comment-check answered spam.
    CheckSpam,
    /// comment-check answered ham.
    CheckHam,
    /// submit-spam: a spam the filter had missed.
    MissedSpam,
    /// submit-ham: a ham the filter had called spam.
    FalsePositive,
}

/// Usage of one key for one site in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UsageRow {
    /// The `blog` the calls named.
    pub site: String,
    /// All calls.
    pub api_calls: i64,
    /// Checks answered spam.
    pub spam: i64,
    /// Checks answered ham.
    pub ham: i64,
    /// submit-spam calls.
    pub missed_spam: i64,
    /// submit-ham calls.
    pub false_positives: i64,
}

/// A new random key.
///
/// # Errors
/// When the operating system's random source fails.
pub fn generate() -> Result<String, getrandom::Error> {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut out = String::with_capacity(KEY_LEN);
    let mut buf = [0u8; 1];
    while out.len() < KEY_LEN {
        getrandom::fill(&mut buf)?;
        // Reject the top of the range so every character is equally likely.
        if usize::from(buf[0]) < 252 {
            out.push(char::from(ALPHABET[usize::from(buf[0]) % ALPHABET.len()]));
        }
    }
    Ok(out)
}

/// Whether a string has the shape of a key.
pub fn looks_like_key(s: &str) -> bool {
    s.len() == KEY_LEN
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_twelve_lowercase_alphanumerics_and_differ() {
        let a = generate().expect("random");
        let b = generate().expect("random");
        assert!(looks_like_key(&a) && looks_like_key(&b), "{a} {b}");
        assert_ne!(a, b);
        assert!(!looks_like_key("ABCDEFGHIJKL") && !looks_like_key("short"));
    }
}
