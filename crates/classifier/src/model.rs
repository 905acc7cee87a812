//! The linear model: dense hashed weights, Platt calibration, cost-chosen thresholds, the
//! versioned binary file format, scoring and explanations.
//!
//! File format v1 (little endian): magic `RTRTSPAM`, u32 version, u32 feature version, u32 bits,
//! f32 platt_a, platt_b, spam_threshold, discard_threshold, weight_scale; u32 length + UTF-8
//! JSON metadata; u32 count of non-zero weights, then per weight a LEB128 delta of the bucket index
//! and an i16 quantised weight (`w = q * weight_scale`); finally the xxh3-64 of all preceding bytes.
//!
//! Must not: do I/O (callers pass bytes), or panic on damaged bytes ([`Model::from_bytes`] returns
//! [`crate::Error`]).
//!
//! Entry points: [`Model::builtin`], [`Model::from_bytes`], [`Model::classify`],
//! [`Model::classify_for_site`]. Tested below (round trip, damage, thresholds) and in `tests/`.

use std::sync::OnceLock;

use crate::features::{self, Features, Group};
use crate::rules::{self, RuleHit};
use crate::site::SiteLayer;
use crate::{Comment, Error, Label, Reason, Result, Verdict};

const MAGIC: &[u8; 8] = b"RTRTSPAM";
/// Current model file version.
pub const FILE_VERSION: u32 = 1;
/// Largest model this build accepts (2^22 buckets = 16 MiB of weights).
const MAX_BITS: u32 = 22;

/// The default model, trained by `scripts/train-default-model.sh` from `data/`.
static BUILTIN_BYTES: &[u8] = include_bytes!("../model/default.rtm");

/// The global model's raw score of one comment, its shares by feature group, and the site
/// layer's raw score.
#[derive(Default)]
struct Parts {
    raw: f32,
    site: f32,
    words: f32,
    chars: f32,
    domains: f32,
    tlds: f32,
}

/// A trained spam model.
#[derive(Clone, PartialEq)]
pub struct Model {
    pub(crate) bits: u32,
    pub(crate) weights: Vec<f32>,
    pub(crate) platt_a: f32,
    pub(crate) platt_b: f32,
    pub(crate) spam_threshold: f32,
    pub(crate) discard_threshold: f32,
    pub(crate) scale: f32,
    pub(crate) meta: String,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("bits", &self.bits)
            .field("non_zero", &self.non_zero())
            .field("platt", &(self.platt_a, self.platt_b))
            .field("thresholds", &(self.spam_threshold, self.discard_threshold))
            .field("meta", &self.meta)
            .finish()
    }
}

impl Model {
    /// The built-in default model, parsed once on first use. If the embedded bytes are damaged
    /// (never in a release build: a test checks them) this is an empty model whose verdicts come
    /// from the hand-written rules alone.
    pub fn builtin() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| Model::from_bytes(BUILTIN_BYTES).unwrap_or_else(|_| Model::empty(18)))
    }

    /// A model with all weights zero: scores come from the rules only.
    pub fn empty(bits: u32) -> Model {
        let bits = bits.clamp(8, MAX_BITS);
        Model {
            bits,
            weights: vec![0.0; 1 << bits],
            platt_a: 1.0,
            platt_b: 0.0,
            spam_threshold: 0.5,
            discard_threshold: 0.99,
            scale: 1.0,
            meta: String::new(),
        }
    }

    /// Number of hash bits (the model has `2^bits` weights).
    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// Training metadata stored in the file (JSON).
    pub fn meta(&self) -> &str {
        &self.meta
    }

    /// Probability at or above which a comment is spam.
    pub fn spam_threshold(&self) -> f32 {
        self.spam_threshold
    }

    /// Probability at or above which a comment is discarded.
    pub fn discard_threshold(&self) -> f32 {
        self.discard_threshold
    }

    /// Non-zero weights.
    pub fn non_zero(&self) -> usize {
        self.weights.iter().filter(|w| **w != 0.0).count()
    }

    /// Learned weight of a structural signal code (e.g. `contact.email`), on the raw-score scale.
    pub fn signal_weight(&self, code: &str) -> f32 {
        self.weights[features::signal_index(code, self.bits) as usize]
    }

    /// One pass over the features: the raw score, and the shares of it that explanations name.
    fn parts(&self, f: &Features, site: Option<&SiteLayer>) -> Parts {
        let w = &self.weights;
        let mut p = Parts::default();
        for ((&i, &v), g) in f.idx.iter().zip(&f.val).zip(&f.group) {
            let c = w.get(i as usize).copied().unwrap_or(0.0) * v;
            p.raw += c;
            match g {
                Group::Words => p.words += c,
                Group::Chars => p.chars += c,
                Group::Domains => p.domains += c,
                Group::Tld => p.tlds += c,
                Group::Bias | Group::Signal(_) => {}
            }
        }
        p.site = site.map_or(0.0, |l| l.raw_score(f));
        p
    }

    pub(crate) fn raw_score(&self, f: &Features) -> f32 {
        let w = &self.weights;
        f.idx
            .iter()
            .zip(&f.val)
            .map(|(&i, &v)| w.get(i as usize).copied().unwrap_or(0.0) * v)
            .sum()
    }

    /// Classifies a comment with the global model.
    pub fn classify(&self, c: &Comment) -> Verdict {
        self.classify_inner(c, None)
    }

    /// Classifies a comment with the global model plus one site's learned layer.
    pub fn classify_for_site(&self, c: &Comment, site: &SiteLayer) -> Verdict {
        self.classify_inner(c, Some(site))
    }

    fn classify_inner(&self, c: &Comment, site: Option<&SiteLayer>) -> Verdict {
        let (f, s, text) = features::extract(c, self.bits);
        let parts = self.parts(&f, site);
        let raw = parts.raw + parts.site;
        let mut hits = Vec::new();
        rules::apply(&s, &text, &mut hits);
        let rule_sum: f32 = hits.iter().map(|h| h.weight).sum();
        let logit = self.platt_a * raw + self.platt_b + rule_sum;
        let p = sigmoid(logit);
        // A filled honeypot is proof of a bot: discard whatever the text says.
        let label = if p >= self.discard_threshold || s.honeypot {
            Label::Discard
        } else if p >= self.spam_threshold {
            Label::Spam
        } else {
            Label::Ham
        };
        let reasons = self.reasons(&f, &parts, &hits, label.is_spam());
        Verdict {
            spam_probability: p,
            label,
            reasons,
        }
    }

    /// The few strongest contributions in the direction of the verdict.
    fn reasons(&self, f: &Features, parts: &Parts, hits: &[RuleHit], spam: bool) -> Vec<Reason> {
        let sign = if spam { 1.0 } else { -1.0 };
        let a = self.platt_a;
        let (words, chars, domains, tlds) = (
            a * parts.words,
            a * parts.chars,
            a * parts.domains,
            a * parts.tlds,
        );
        let site_sum = a * parts.site;
        let mut out: Vec<Reason> = Vec::new();
        for ((&i, &v), g) in f.idx.iter().zip(&f.val).zip(&f.group) {
            if let Group::Signal(code) = g {
                let c = a * self.weights.get(i as usize).copied().unwrap_or(0.0) * v;
                if c * sign > 0.05 {
                    out.push(Reason {
                        code: (*code).into(),
                        text: features::signal_text(code).into(),
                        weight: c,
                    });
                }
            }
        }
        if words * sign > 0.1 {
            let top = self.top_words(f, sign);
            let what = if spam {
                "words typical of spam"
            } else {
                "words typical of real comments"
            };
            let text = if top.is_empty() {
                what.to_string()
            } else {
                format!("{what}: {}", top.join(", "))
            };
            out.push(Reason {
                code: "words".into(),
                text: text.into(),
                weight: words,
            });
        }
        // Feature groups summed into one reason each: (sum, code, words if spam, words if ham).
        for (sum, code, if_spam, if_ham) in [
            (
                chars,
                "style",
                "writing style typical of spam",
                "writing style typical of real comments",
            ),
            (
                domains,
                "links.domain",
                "linked site seen in spam before",
                "linked site seen in real comments before",
            ),
            (
                tlds,
                "links.tld",
                "the link's ending (.com, .xyz, ...) is common in spam",
                "the link's ending (.com, .org, ...) is common in real comments",
            ),
        ] {
            if sum * sign > 0.1 {
                out.push(Reason {
                    code: code.into(),
                    text: if spam { if_spam } else { if_ham }.into(),
                    weight: sum,
                });
            }
        }
        if site_sum * sign > 0.1 {
            out.push(Reason {
                code: "site".into(),
                text: "this site's own moderation decisions".into(),
                weight: site_sum,
            });
        }
        for h in hits {
            if h.weight * sign > 0.0 {
                out.push(Reason {
                    code: h.code.into(),
                    text: h.text.into(),
                    weight: h.weight,
                });
            }
        }
        out.sort_by(|x, y| (y.weight * sign).total_cmp(&(x.weight * sign)));
        out.truncate(5);
        out
    }

    /// The (at most three) words of the comment whose weights pushed hardest towards the verdict.
    fn top_words(&self, f: &Features, sign: f32) -> Vec<String> {
        let mut scored: Vec<(f32, u32, &str)> = Vec::new();
        for &(i, a, b) in &f.words {
            if scored.iter().any(|&(_, j, _)| j == i) {
                continue;
            }
            let w = self.weights.get(i as usize).copied().unwrap_or(0.0) * sign;
            if w > 0.3 {
                scored.push((w, i, &f.words_text[a as usize..b as usize]));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored
            .into_iter()
            .take(3)
            .map(|(_, _, s)| format!("\"{s}\""))
            .collect()
    }

    /// Serialises the model (format v1, see the module docs).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(1 << 20);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FILE_VERSION.to_le_bytes());
        out.extend_from_slice(&features::FEATURES_VERSION.to_le_bytes());
        out.extend_from_slice(&self.bits.to_le_bytes());
        for f in [
            self.platt_a,
            self.platt_b,
            self.spam_threshold,
            self.discard_threshold,
            self.scale,
        ] {
            out.extend_from_slice(&f.to_le_bytes());
        }
        out.extend_from_slice(&(self.meta.len() as u32).to_le_bytes());
        out.extend_from_slice(self.meta.as_bytes());
        let nz: Vec<(usize, i16)> = self
            .weights
            .iter()
            .enumerate()
            .filter_map(|(i, &w)| {
                let q = quantise(w, self.scale);
                (q != 0).then_some((i, q))
            })
            .collect();
        out.extend_from_slice(&(nz.len() as u32).to_le_bytes());
        let mut prev = 0usize;
        for (i, q) in nz {
            write_varint(&mut out, (i - prev) as u64);
            out.extend_from_slice(&q.to_le_bytes());
            prev = i;
        }
        let sum = xxhash_rust::xxh3::xxh3_64(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Parses a model file.
    ///
    /// # Errors
    ///
    /// [`Error::Format`] for a wrong magic or an unsupported version; [`Error::Corrupt`] for a
    /// bad checksum, truncated data or out-of-range values.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model> {
        if bytes.len() < MAGIC.len() + 4 || &bytes[..8] != MAGIC {
            return Err(Error::Format("missing RTRTSPAM magic".into()));
        }
        let body_len = bytes
            .len()
            .checked_sub(8)
            .ok_or_else(|| Error::Corrupt("truncated".into()))?;
        let (body, sum) = bytes.split_at(body_len);
        let mut r = Reader { b: body, pos: 8 };
        let version = r.u32()?;
        if version != FILE_VERSION {
            return Err(Error::Format(format!(
                "file version {version}, this build reads {FILE_VERSION}"
            )));
        }
        let stored = u64::from_le_bytes(
            sum.try_into()
                .map_err(|_| Error::Corrupt("checksum".into()))?,
        );
        if stored != xxhash_rust::xxh3::xxh3_64(body) {
            return Err(Error::Corrupt("checksum mismatch".into()));
        }
        let fv = r.u32()?;
        if fv != features::FEATURES_VERSION {
            return Err(Error::Format(format!(
                "feature version {fv}, this build computes {}",
                features::FEATURES_VERSION
            )));
        }
        let bits = r.u32()?;
        if !(8..=MAX_BITS).contains(&bits) {
            return Err(Error::Corrupt(format!("{bits} hash bits")));
        }
        let platt_a = r.f32()?;
        let platt_b = r.f32()?;
        let spam_threshold = r.f32()?;
        let discard_threshold = r.f32()?;
        let scale = r.f32()?;
        let meta_len = r.u32()? as usize;
        let meta = String::from_utf8(r.take(meta_len)?.to_vec())
            .map_err(|_| Error::Corrupt("metadata".into()))?;
        let n = r.u32()? as usize;
        let size = 1usize << bits;
        if n > size {
            return Err(Error::Corrupt("more weights than buckets".into()));
        }
        let mut weights = vec![0.0f32; size];
        let mut idx = 0usize;
        for _ in 0..n {
            idx = idx
                .checked_add(r.varint()? as usize)
                .ok_or_else(|| Error::Corrupt("index".into()))?;
            let q = i16::from_le_bytes([r.u8()?, r.u8()?]);
            *weights
                .get_mut(idx)
                .ok_or_else(|| Error::Corrupt("index out of range".into()))? = q as f32 * scale;
        }
        if r.pos != body.len() {
            return Err(Error::Corrupt("trailing bytes".into()));
        }
        Ok(Model {
            bits,
            weights,
            platt_a,
            platt_b,
            spam_threshold,
            discard_threshold,
            scale,
            meta,
        })
    }
}

pub(crate) fn quantise(w: f32, scale: f32) -> i16 {
    if scale <= 0.0 || !w.is_finite() {
        return 0;
    }
    (w / scale).round().clamp(-32767.0, 32767.0) as i16
}

pub(crate) fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

fn write_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7F) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

pub(crate) struct Reader<'a> {
    pub(crate) b: &'a [u8],
    pub(crate) pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.b.len())
            .ok_or_else(|| Error::Corrupt("truncated".into()))?;
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    pub(crate) fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }
    pub(crate) fn u32(&mut self) -> Result<u32> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    pub(crate) fn f32(&mut self) -> Result<f32> {
        let v = f32::from_bits(self.u32()?);
        if v.is_finite() {
            Ok(v)
        } else {
            Err(Error::Corrupt("non-finite number".into()))
        }
    }
    pub(crate) fn varint(&mut self) -> Result<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(Error::Corrupt("varint".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Model {
        let mut m = Model::empty(10);
        m.scale = 0.25;
        m.weights[3] = 1.5;
        m.weights[1000] = -0.25;
        m.meta = "{\"seed\":1}".into();
        m
    }

    #[test]
    fn round_trip() {
        let m = small();
        let b = m.to_bytes();
        let back = Model::from_bytes(&b).expect("parses");
        assert_eq!(back, m);
        assert_eq!(back.to_bytes(), b);
    }

    #[test]
    fn damaged_files_are_errors_not_panics() {
        let b = small().to_bytes();
        assert!(matches!(
            Model::from_bytes(b"nonsense"),
            Err(Error::Format(_))
        ));
        let mut bad = b.clone();
        let last = bad.len() - 12;
        bad[last] ^= 0xFF;
        assert!(matches!(Model::from_bytes(&bad), Err(Error::Corrupt(_))));
        for cut in 0..b.len() {
            assert!(Model::from_bytes(&b[..cut]).is_err());
        }
    }

    #[test]
    fn builtin_model_parses_and_is_small() {
        let m = Model::from_bytes(BUILTIN_BYTES).expect("the committed model parses");
        assert!(m.non_zero() > 1000);
        assert!(BUILTIN_BYTES.len() < 8 << 20);
        assert!(m.spam_threshold > 0.0 && m.spam_threshold < m.discard_threshold);
    }

    #[test]
    fn a_link_ending_is_not_called_a_known_site() {
        let c = Comment {
            content: "Photos from the flooded high street are at myholidaysnaps.com".into(),
            ..Comment::default()
        };
        let (f, _, _) = features::extract(&c, 12);
        let mut m = Model::empty(12);
        for (&i, g) in f.idx.iter().zip(&f.group) {
            if matches!(g, Group::Tld) {
                m.weights[i as usize] = -3.0;
            }
        }
        let v = m.classify(&c);
        let codes: Vec<&str> = v.reasons.iter().map(|r| r.code.as_ref()).collect();
        assert!(codes.contains(&"links.tld"), "{v:?}");
        assert!(!codes.contains(&"links.domain"), "{v:?}");
    }

    #[test]
    fn a_linked_site_explains_the_verdict_in_its_own_direction() {
        let c = Comment {
            content: "The full ruling is at https://example.org/ruling.pdf if you want to read it"
                .into(),
            ..Comment::default()
        };
        let (f, _, _) = features::extract(&c, 12);
        for sign in [-1.0f32, 1.0] {
            let mut m = Model::empty(12);
            for (&i, g) in f.idx.iter().zip(&f.group) {
                if matches!(g, Group::Domains) {
                    m.weights[i as usize] = 3.0 * sign;
                }
            }
            let v = m.classify(&c);
            assert_eq!(v.label.is_spam(), sign > 0.0, "{v:?}");
            let r = v
                .reasons
                .iter()
                .find(|r| r.code == "links.domain")
                .expect("the domain is a reason");
            let expect = if sign > 0.0 {
                "linked site seen in spam before"
            } else {
                "linked site seen in real comments before"
            };
            assert_eq!(r.text, expect);
        }
    }

    #[test]
    fn explanations_name_words_a_moderator_can_read() {
        let m = Model::builtin();
        let v = m.classify(&Comment {
            content: "Suscríbete a mi canal, subo videos nuevos cada semana!!".into(),
            ..Comment::default()
        });
        let words = v
            .reasons
            .iter()
            .find(|r| r.code == "words")
            .map(|r| r.text.clone())
            .unwrap_or_default();
        assert!(words.contains("suscribete"), "{words}");
        assert!(!words.contains("\"a\""), "{words}");
    }

    #[test]
    fn honeypot_is_discarded_even_by_an_empty_model() {
        let m = Model::empty(12);
        let c = Comment {
            content: "hello".into(),
            honeypot: "filled".into(),
            ..Comment::default()
        };
        let v = m.classify(&c);
        assert_eq!(v.label, Label::Discard);
        assert_eq!(v.reasons[0].code, "rule.honeypot");
    }
}
