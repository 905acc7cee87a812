//! Secrets handed to clients: edit tokens for one's own comment, and signed form tokens that
//! carry the time a form was shown (for the spam filter's minimum-time rule).

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// Draws `n` random bytes, hex-encoded.
///
/// # Errors
/// When the operating system's random source fails.
pub fn random_hex(n: usize) -> Result<String, getrandom::Error> {
    let mut buf = vec![0u8; n];
    getrandom::fill(&mut buf)?;
    Ok(hex::encode(buf))
}

/// SHA-256 of a token, hex: what the store keeps instead of the token.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Whether `token` hashes to `stored_hash`, in constant time.
pub fn token_matches(token: &str, stored_hash: &str) -> bool {
    !stored_hash.is_empty()
        && hash_token(token)
            .as_bytes()
            .ct_eq(stored_hash.as_bytes())
            .into()
}

/// Signs and checks form tokens with the server's secret.
#[derive(Clone)]
pub struct FormSigner {
    key: Vec<u8>,
}

impl std::fmt::Debug for FormSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FormSigner(***)")
    }
}

impl FormSigner {
    /// A signer with the given secret.
    pub fn new(secret: &str) -> Self {
        FormSigner {
            key: secret.as_bytes().to_vec(),
        }
    }

    fn mac(&self, payload: &str) -> String {
        // HMAC accepts keys of any length, so this cannot fail; fall back to an empty MAC.
        match Hmac::<Sha256>::new_from_slice(&self.key) {
            Ok(mut m) => {
                m.update(payload.as_bytes());
                hex::encode(&m.finalize().into_bytes()[..12])
            }
            Err(_) => String::new(),
        }
    }

    /// A keyed hash of `value` for `purpose` (HMAC-SHA-256 with the server's secret, hex):
    /// a stable pseudonym that reveals nothing without the secret, e.g. for identicons and the
    /// audit log.
    pub fn keyed_hash(&self, purpose: &str, value: &str) -> String {
        match Hmac::<Sha256>::new_from_slice(&self.key) {
            Ok(mut m) => {
                m.update(purpose.as_bytes());
                m.update(&[0]);
                m.update(value.as_bytes());
                hex::encode(m.finalize().into_bytes())
            }
            Err(_) => String::new(),
        }
    }

    /// A token saying "this form of site `site_id` was shown at `now_ms`".
    pub fn issue(&self, site_id: i64, now_ms: i64) -> String {
        let payload = format!("{site_id}.{now_ms}");
        format!("{payload}.{}", self.mac(&payload))
    }

    /// Seconds since the form was shown, if the token is genuine and for this site.
    pub fn age_seconds(&self, token: &str, site_id: i64, now_ms: i64) -> Option<f64> {
        let (payload, mac) = token.rsplit_once('.')?;
        let (tid, ts) = payload.split_once('.')?;
        if tid.parse::<i64>().ok()? != site_id {
            return None;
        }
        let ts: i64 = ts.parse().ok()?;
        let ok: bool = self.mac(payload).as_bytes().ct_eq(mac.as_bytes()).into();
        ok.then(|| (now_ms - ts) as f64 / 1000.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_tokens_hash_and_match() {
        let t = random_hex(16).expect("random");
        assert_eq!(t.len(), 32);
        let h = hash_token(&t);
        assert!(token_matches(&t, &h));
        assert!(!token_matches("other", &h));
        assert!(!token_matches(&t, ""));
    }

    #[test]
    fn form_tokens_are_signed_and_bound_to_the_site() {
        let s = FormSigner::new("secret");
        let tok = s.issue(7, 1_000);
        assert_eq!(s.age_seconds(&tok, 7, 6_000), Some(5.0));
        assert_eq!(s.age_seconds(&tok, 8, 6_000), None);
        let forged = tok.replace("1000", "0");
        assert_eq!(s.age_seconds(&forged, 7, 6_000), None);
        assert_eq!(FormSigner::new("other").age_seconds(&tok, 7, 6_000), None);
    }
}
