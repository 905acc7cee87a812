//! The per-site layer: sparse weights added to the global model's raw score, learned online from
//! one site's moderation decisions (AdaGrad with a higher rate than the global model, and L2
//! decay towards zero so that a site with few labels behaves like the global model).
//!
//! Must not: touch the global model or any other site's layer; a site's labels move only that
//! site. No clock or I/O: the caller stores the bytes ([`SiteLayer::to_bytes`]).
//!
//! File format v2: magic `RTRTSITE`, u32 version, u32 feature version
//! ([`crate::features::FEATURES_VERSION`] when it was learned), u32 updates, u32 count, then per entry u32
//! index, f32 weight, f32 sum of squared gradients (sorted by index), then xxh3-64 of the
//! preceding bytes. A layer of another feature version (or a v1 file, which did not record it)
//! is refused with [`Error::Stale`]: its weights sit on buckets that now mean other n-grams.
//!
//! Entry points: [`SiteLayer::new`], [`SiteLayer::learn`], [`crate::Model::classify_for_site`].
//! Tested below and in `tests/site_layer.rs` (a handful of labels flips one site only).

use std::collections::HashMap;

use crate::features::Group;
use crate::model::{Reader, sigmoid};
use crate::{Comment, Error, Model, Result};

const MAGIC: &[u8; 8] = b"RTRTSITE";
const VERSION: u32 = 2;
/// AdaGrad learning rate of the site layer.
const RATE: f32 = 0.6;
/// L2 decay towards zero, applied to the touched weights at each update.
const DECAY: f32 = 0.002;
/// Site weights are clipped to this magnitude.
const CLIP: f32 = 4.0;
/// Entries above which the smallest weights are pruned (bounds memory per site).
const MAX_ENTRIES: usize = 200_000;

/// One site's learned adjustments to the global model.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SiteLayer {
    w: HashMap<u32, (f32, f32)>,
    updates: u32,
}

impl SiteLayer {
    /// An empty layer: the site behaves exactly like the global model.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of labelled examples learned.
    pub fn updates(&self) -> u32 {
        self.updates
    }

    /// Number of non-zero site weights.
    pub fn len(&self) -> usize {
        self.w.len()
    }

    /// True when the layer has no weights.
    pub fn is_empty(&self) -> bool {
        self.w.is_empty()
    }

    pub(crate) fn weight(&self, i: u32) -> f32 {
        self.w.get(&i).map_or(0.0, |e| e.0)
    }

    pub(crate) fn raw_score(&self, f: &crate::features::Features) -> f32 {
        if self.w.is_empty() {
            return 0.0;
        }
        f.idx
            .iter()
            .zip(&f.val)
            .map(|(&i, &v)| self.weight(i) * v)
            .sum()
    }

    /// Learns one moderation decision: `is_spam` is the moderator's label for `c`.
    pub fn learn(&mut self, model: &Model, c: &Comment, is_spam: bool) {
        let (f, s, text) = crate::features::extract(c, model.bits);
        let mut hits = Vec::new();
        crate::rules::apply(&s, &text, &mut hits);
        let rules: f32 = hits.iter().map(|h| h.weight).sum();
        let y = if is_spam { 1.0 } else { 0.0 };
        // A few passes over the one example, so a single label has a visible effect; each pass
        // stops early once the example is on the right side with margin.
        for _ in 0..3 {
            let raw = model.raw_score(&f) + self.raw_score(&f);
            let p = sigmoid(model.platt_a * raw + model.platt_b + rules);
            let g = p - y;
            if g.abs() < 0.1 {
                break;
            }
            // Only content features (words, character n-grams, linked domains) are learned per
            // site: the bias and the structural signals are shared by nearly every comment, so a
            // few spam reports would otherwise push all of a site's comments towards spam.
            for ((&i, &v), group) in f.idx.iter().zip(&f.val).zip(&f.group) {
                if !matches!(
                    group,
                    Group::Words | Group::Chars | Group::Domains | Group::Tld
                ) {
                    continue;
                }
                let gi = g * model.platt_a * v;
                let e = self.w.entry(i).or_insert((0.0, 0.0));
                e.1 += gi * gi;
                e.0 = (e.0 * (1.0 - DECAY) - RATE * gi / (e.1.sqrt() + 1e-6)).clamp(-CLIP, CLIP);
            }
        }
        self.updates = self.updates.saturating_add(1);
        if self.w.len() > MAX_ENTRIES {
            let mut mags: Vec<f32> = self.w.values().map(|e| e.0.abs()).collect();
            let k = self.w.len() - MAX_ENTRIES * 3 / 4;
            mags.select_nth_unstable_by(k, f32::total_cmp);
            let cut = mags[k];
            self.w.retain(|_, e| e.0.abs() > cut);
        }
    }

    /// Serialises the layer (deterministic: entries sorted by index).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut e: Vec<(&u32, &(f32, f32))> = self.w.iter().collect();
        e.sort_by_key(|(i, _)| **i);
        let mut out = Vec::with_capacity(24 + e.len() * 12);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&crate::features::FEATURES_VERSION.to_le_bytes());
        out.extend_from_slice(&self.updates.to_le_bytes());
        out.extend_from_slice(&(e.len() as u32).to_le_bytes());
        for (i, (w, g)) in e {
            out.extend_from_slice(&i.to_le_bytes());
            out.extend_from_slice(&w.to_le_bytes());
            out.extend_from_slice(&g.to_le_bytes());
        }
        let sum = xxhash_rust::xxh3::xxh3_64(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Parses a layer written by [`SiteLayer::to_bytes`].
    ///
    /// # Errors
    ///
    /// [`Error::Format`] for a wrong magic or version, [`Error::Corrupt`] for damaged data.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        if bytes.len() < 16 || &bytes[..8] != MAGIC {
            return Err(Error::Format("missing RTRTSITE magic".into()));
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        let mut r = Reader { b: body, pos: 8 };
        let version = r.u32()?;
        if version == 1 {
            return Err(Error::Stale(
                "a version 1 layer does not record its features".into(),
            ));
        }
        if version != VERSION {
            return Err(Error::Format(format!("site layer version {version}")));
        }
        let stored = u64::from_le_bytes(
            sum.try_into()
                .map_err(|_| Error::Corrupt("checksum".into()))?,
        );
        if stored != xxhash_rust::xxh3::xxh3_64(body) {
            return Err(Error::Corrupt("checksum mismatch".into()));
        }
        let features = r.u32()?;
        if features != crate::features::FEATURES_VERSION {
            return Err(Error::Stale(format!(
                "features version {features}, this build uses {}",
                crate::features::FEATURES_VERSION
            )));
        }
        let updates = r.u32()?;
        let n = r.u32()? as usize;
        if n > MAX_ENTRIES * 2 {
            return Err(Error::Corrupt("too many entries".into()));
        }
        let mut w = HashMap::with_capacity(n);
        for _ in 0..n {
            let i = r.u32()?;
            let wt = r.f32()?;
            let g = r.f32()?;
            w.insert(i, (wt, g));
        }
        if r.pos != body.len() {
            return Err(Error::Corrupt("trailing bytes".into()));
        }
        Ok(SiteLayer { w, updates })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_damage() {
        let m = Model::empty(12);
        let mut l = SiteLayer::new();
        l.learn(
            &m,
            &Comment {
                content: "buy kratom capsules".into(),
                ..Comment::default()
            },
            true,
        );
        assert!(!l.is_empty());
        let b = l.to_bytes();
        assert_eq!(SiteLayer::from_bytes(&b).expect("parses"), l);
        assert!(SiteLayer::from_bytes(&b[..b.len() - 1]).is_err());
        // Learned over other features: refused as stale, not read as garbage.
        let mut other = b.clone();
        other[12..16].copy_from_slice(&(crate::features::FEATURES_VERSION - 1).to_le_bytes());
        let n = other.len() - 8;
        let sum = xxhash_rust::xxh3::xxh3_64(&other[..n]);
        other[n..].copy_from_slice(&sum.to_le_bytes());
        assert!(matches!(
            SiteLayer::from_bytes(&other),
            Err(Error::Stale(_))
        ));
        let mut v1 = b.clone();
        v1[8..12].copy_from_slice(&1u32.to_le_bytes());
        assert!(matches!(SiteLayer::from_bytes(&v1), Err(Error::Stale(_))));
        assert!(SiteLayer::from_bytes(b"RTRTSITE").is_err());
    }

    #[test]
    fn empty_layer_changes_nothing() {
        let m = Model::builtin();
        let c = Comment {
            content: "Interesting point about the budget".into(),
            ..Comment::default()
        };
        assert_eq!(m.classify(&c), m.classify_for_site(&c, &SiteLayer::new()));
    }
}
