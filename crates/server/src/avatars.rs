//! Avatars without leaking identities: each commenter gets an identicon drawn on this server
//! from a keyed hash (HMAC with the server's secret) of their e-mail address, so the picture is
//! stable for a person but reveals nothing about the address, and no third party is asked.
//! Gravatar is an opt-in setting, because its URLs carry an unkeyed hash of the address.

use retort_domain::token::FormSigner;
use sha2::{Digest, Sha256};

/// How avatars are made.
#[derive(Debug, Clone)]
pub struct Avatars {
    signer: FormSigner,
    gravatar: bool,
}

impl Avatars {
    /// Identicons keyed with `signer`; Gravatar images instead when `gravatar` is set.
    pub fn new(signer: FormSigner, gravatar: bool) -> Self {
        Avatars { signer, gravatar }
    }

    /// The avatar URL for an e-mail address.
    pub fn url(&self, email: &str) -> String {
        let email = email.trim().to_lowercase();
        if self.gravatar {
            let h = hex::encode(Sha256::digest(email.as_bytes()));
            return format!("https://gravatar.com/avatar/{h}?s=80&d=identicon");
        }
        let h = self.signer.keyed_hash("avatar", &email);
        format!("/avatars/{}.svg", &h[..20.min(h.len())])
    }
}

/// Whether `id` looks like an identicon id (hex, 20 characters).
pub fn valid_id(id: &str) -> bool {
    id.len() == 20 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A 5×5 mirrored identicon as SVG, from a hex id.
pub fn identicon_svg(id: &str) -> String {
    let bytes = hex::decode(id).unwrap_or_default();
    let b = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let hue = u16::from_be_bytes([b(0), b(1)]) % 360;
    let mut rects = String::new();
    for row in 0..5usize {
        for col in 0..3usize {
            let bit = row * 3 + col;
            if b(2 + bit / 8) >> (bit % 8) & 1 == 1 {
                for x in [col, 4 - col] {
                    rects.push_str(&format!(
                        "<rect x=\"{}\" y=\"{}\" width=\"1\" height=\"1\"/>",
                        x + 1,
                        row + 1
                    ));
                    if col == 2 {
                        break;
                    }
                }
            }
        }
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 7 7\" width=\"40\" height=\"40\">\
<rect width=\"7\" height=\"7\" fill=\"hsl({hue},25%,94%)\"/><g fill=\"hsl({hue},55%,45%)\">{rects}</g></svg>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identicons_are_keyed_stable_and_private() {
        let a = Avatars::new(FormSigner::new("k1"), false);
        let url = a.url("Ada@Example.org");
        assert_eq!(url, a.url("ada@example.org "));
        assert!(!url.contains("ada"));
        assert_ne!(
            url,
            Avatars::new(FormSigner::new("k2"), false).url("ada@example.org")
        );
        let id = url.trim_start_matches("/avatars/").trim_end_matches(".svg");
        assert!(valid_id(id));
        let svg = identicon_svg(id);
        assert!(svg.starts_with("<svg") && svg.contains("<rect x="));
        assert_ne!(svg, identicon_svg(&"0".repeat(20)));
    }
}
