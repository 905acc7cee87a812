//! Feature extraction: one comment becomes a sparse vector of hashed features (word unigrams and
//! bigrams, character 3–5-grams of the normalised text with its links cut out, link domains and
//! TLDs, and bucketed structural signals), each with a value. The word and character blocks each
//! merge repeated buckets, use sub-linear term frequency and are scaled to a fixed L2 norm.
//!
//! Must not: use any hash but [`crate::hash`] (xxh3, fixed seed): model files index weights by
//! these hashes. Changing what a feature means requires bumping [`FEATURES_VERSION`].
//!
//! Entry points: [`extract`], [`Features`], [`signal_text`] (moderator words for a signal code).
//! Tested below and in `tests/properties.rs` (never panics on any input).

use crate::Comment;
use crate::normalize::normalize;
use crate::signals::Signals;

/// Version of the feature definitions; stored in model files and checked on load.
pub const FEATURES_VERSION: u32 = 7;

/// Bytes of normalised text used for character n-grams (long e-mails are cut).
const CHAR_WINDOW: usize = 4000;
/// Bytes of the comment that are analysed at all.
const MAX_INPUT: usize = 16_384;
/// Tokens used for word features.
const WORD_WINDOW: usize = 1500;

const NS_WORD: u64 = 1;
const NS_BIGRAM: u64 = 2;
const NS_CHAR: u64 = 3;
const NS_SIGNAL: u64 = 4;
const NS_DOMAIN: u64 = 5;
const NS_TLD: u64 = 6;

/// Feature group, used to explain a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// The constant bias feature.
    Bias,
    /// Word unigrams and bigrams.
    Words,
    /// Character n-grams (writing style).
    Chars,
    /// Linked domains (registrable part, e.g. `bbc.co.uk`).
    Domains,
    /// Top-level domains of the links (`com`, `xyz`).
    Tld,
    /// A structural signal, by code.
    Signal(&'static str),
}

/// A sparse feature vector: parallel arrays of bucket index, value and group.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Bucket indices (already masked to the model size).
    pub idx: Vec<u32>,
    /// Values.
    pub val: Vec<f32>,
    /// Group of each entry.
    pub group: Vec<Group>,
    /// Words a moderator could be shown as a reason, in text order: (unigram bucket, start,
    /// end) into `words_text`. One- and two-letter words and folded numbers are left out.
    pub(crate) words: Vec<(u32, u32, u32)>,
    pub(crate) words_text: String,
}

impl Features {
    fn push(&mut self, idx: u32, val: f32, group: Group) {
        self.idx.push(idx);
        self.val.push(val);
        self.group.push(group);
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.idx.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.idx.is_empty()
    }
}

/// Mixes two hashes into one (bigrams). Part of the file format: never change.
fn mix(a: u64, b: u64) -> u64 {
    let mut z = a.rotate_left(23) ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Folds one token for word features: numbers by length, leetspeak digits inside words.
pub(crate) fn fold_token(tok: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let b = tok.as_bytes();
    if b.iter().all(u8::is_ascii_digit) {
        return if b.len() >= 5 {
            Cow::Owned(format!("#num{}", b.len().min(16)))
        } else {
            Cow::Borrowed(tok)
        };
    }
    if tok.len() > 30 {
        return Cow::Borrowed("#long");
    }
    let letters = b.iter().filter(|c| c.is_ascii_alphabetic()).count();
    let leet = b.windows(2).any(|w| {
        (w[0].is_ascii_alphabetic() && matches!(w[1], b'0' | b'1' | b'3' | b'4' | b'5' | b'7'))
            || (matches!(w[0], b'0' | b'1' | b'3' | b'4' | b'5' | b'7')
                && w[1].is_ascii_alphabetic())
    });
    if letters >= 2 && leet {
        let folded: String = tok
            .chars()
            .map(|c| match c {
                '0' => 'o',
                '1' => 'i',
                '3' => 'e',
                '4' => 'a',
                '5' => 's',
                '7' => 't',
                _ => c,
            })
            .collect();
        return Cow::Owned(folded);
    }
    Cow::Borrowed(tok)
}

/// Word tokens of normalised text, with spaced-out letters ("c a s i n o") joined.
pub(crate) fn tokens(text: &str) -> Vec<std::borrow::Cow<'_, str>> {
    use std::borrow::Cow;
    let raw: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(WORD_WINDOW)
        .collect();
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let single = |w: &str| w.len() == 1 && w.as_bytes()[0].is_ascii_alphabetic();
        if single(raw[i]) {
            let mut j = i;
            while j < raw.len() && single(raw[j]) {
                j += 1;
            }
            if j - i >= 4 {
                out.push(Cow::Owned(raw[i..j].concat()));
                i = j;
                continue;
            }
        }
        if !raw[i].is_ascii() && raw[i].chars().any(crate::normalize::is_unspaced) {
            // Chinese, Japanese, Thai, ...: no spaces between words, so overlapping character
            // pairs stand in for words (as search engines index them). Whole phrases would be
            // one rare token each, or "#long".
            let chars: Vec<(usize, char)> = raw[i].char_indices().collect();
            if chars.len() <= 2 {
                out.push(Cow::Borrowed(raw[i]));
            } else {
                for w in chars.windows(2) {
                    let end = w[1].0 + w[1].1.len_utf8();
                    out.push(Cow::Borrowed(&raw[i][w[0].0..end]));
                }
            }
        } else {
            out.push(fold_token(raw[i]));
        }
        i += 1;
    }
    out
}

/// Decodes the HTML entities and line breaks that published comments carry (`&amp;`, `&#39;`,
/// `<br />`), so that "don&#39;t" and "don't" give the same features. Applied once, before
/// [`normalize`] (which stays idempotent on its own).
pub fn decode_entities(raw: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if !raw.contains('&') && !raw.contains("<br") && !raw.contains("<BR") {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(pos) = rest.find(['&', '<']) {
        out.push_str(&rest[..pos]);
        let tail = &rest[pos..];
        if let Some(after) = tail.strip_prefix('<') {
            let lower: String = tail
                .chars()
                .take(6)
                .collect::<String>()
                .to_ascii_lowercase();
            if lower.starts_with("<br")
                && let Some(end) = tail.find('>').filter(|&e| e <= 6)
            {
                out.push('\n');
                rest = &tail[end + 1..];
                continue;
            }
            out.push('<');
            rest = after;
            continue;
        }
        let end = tail.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &tail[1..e];
            let ch = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse::<u32>().ok()))
                    .and_then(char::from_u32),
            };
            ch.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn bucket(n: u32, edges: &[u32], names: &'static [&'static str]) -> &'static str {
    let pos = edges.iter().position(|&e| n <= e).unwrap_or(edges.len());
    names[pos.min(names.len() - 1)]
}

/// L2 norm of the word n-gram block of a feature vector.
const WORD_NORM: f32 = 1.5;
/// L2 norm of the character n-gram block of a feature vector.
const CHAR_NORM: f32 = 1.0;
/// Character n-grams within words (padded with spaces) rather than across the whole text.
const CHAR_WB: bool = false;
/// Shortest and longest character n-grams.
const CHAR_MIN: usize = 3;
const CHAR_MAX: usize = 5;
/// Value of a structural signal feature.
const SIGNAL_VALUE: f32 = 0.5;

/// Pushes one block of hashed n-grams: repeated buckets merged, sub-linear term frequency
/// `1 + ln(count)`, and the block scaled to L2 norm `norm`, so that long and short texts give
/// vectors of the same length (TF-IDF-style normalisation without the IDF). Entries come out in
/// the order of each bucket's first occurrence.
///
/// Repeats are merged through a small open-addressing table of positions into the block's
/// distinct buckets: one multiply and usually one probe a bucket, cheaper than sorting the block.
fn push_block(f: &mut Features, block: &[u32], norm: f32, group: Group) {
    if block.is_empty() {
        return;
    }
    // At most half full, so that probe runs stay short.
    let bits = (block.len() * 2)
        .next_power_of_two()
        .trailing_zeros()
        .max(6);
    let mask = (1usize << bits) - 1;
    // Slot -> 1 + position of the bucket in `counts` (0 = empty).
    let mut slots = vec![0u32; 1 << bits];
    let mut counts: Vec<(u32, u32)> = Vec::with_capacity(block.len());
    for &x in block {
        let mut h = (x.wrapping_mul(0x9E37_79B1) >> (32 - bits)) as usize;
        loop {
            match slots[h] {
                0 => {
                    counts.push((x, 1));
                    slots[h] = counts.len() as u32;
                    break;
                }
                s if counts[s as usize - 1].0 == x => {
                    counts[s as usize - 1].1 += 1;
                    break;
                }
                _ => h = (h + 1) & mask,
            }
        }
    }
    let start = f.idx.len();
    f.idx.reserve(counts.len());
    f.val.reserve(counts.len());
    f.group.reserve(counts.len());
    let mut sq = 0.0f32;
    for &(x, n) in &counts {
        let v = if n == 1 { 1.0 } else { 1.0 + (n as f32).ln() };
        sq += v * v;
        f.push(x, v, group);
    }
    let k = norm / sq.sqrt();
    for v in &mut f.val[start..] {
        *v *= k;
    }
}

/// Extracts the features of `c` for a model of `2^bits` buckets, the signals they came from and
/// the normalised text.
pub fn extract(c: &Comment, bits: u32) -> (Features, Signals, String) {
    let mask = if bits >= 32 {
        u32::MAX
    } else {
        (1u32 << bits) - 1
    };
    // Long texts (e-mails) are judged on their first MAX_INPUT bytes: spam shows itself early,
    // and the cost of a check stays bounded.
    let mut end = c.content.len().min(MAX_INPUT);
    while !c.content.is_char_boundary(end) {
        end -= 1;
    }
    let n = normalize(&decode_entities(&c.content[..end]));
    let s = Signals::extract(c, &n.text, n.stats);
    let cap = n.text.len().min(CHAR_WINDOW) * 3 + 64;
    let mut f = Features {
        idx: Vec::with_capacity(cap),
        val: Vec::with_capacity(cap),
        group: Vec::with_capacity(cap),
        words: Vec::new(),
        words_text: String::new(),
    };
    let h = |ns: u64, bytes: &[u8]| (crate::hash(ns, bytes) as u32) & mask;

    // Bias.
    f.push(h(NS_SIGNAL, b"bias"), 1.0, Group::Bias);

    // Words and character n-grams read the text with its links cut out ("https", "www", "com"
    // and video ids say nothing about the comment; the link features describe the links).
    let unlinked: std::borrow::Cow<'_, str> = if s.link_spans.is_empty() {
        std::borrow::Cow::Borrowed(&n.text)
    } else {
        let mut t = String::with_capacity(n.text.len());
        let mut last = 0;
        for &(a, b) in &s.link_spans {
            t.push_str(&n.text[last..a]);
            t.push_str(" zzlinkzz ");
            last = b;
        }
        t.push_str(&n.text[last..]);
        std::borrow::Cow::Owned(t)
    };

    // Words.
    let toks = tokens(&unlinked);
    let uni: Vec<u64> = toks
        .iter()
        .map(|t| crate::hash(NS_WORD, t.as_bytes()))
        .collect();
    f.words.reserve(toks.len());
    f.words_text.reserve(unlinked.len());
    for (t, &u) in toks.iter().zip(&uni) {
        // One- and two-letter words ("a", "to") explain nothing to a moderator, and
        // "#num5"-style tokens are folded numbers. A pair of Chinese or Japanese characters is a
        // word.
        let short = if t.is_ascii() {
            t.len() < 3
        } else {
            t.chars().count() < 3 && !t.chars().any(crate::normalize::is_unspaced)
        };
        if short || t.starts_with('#') {
            continue;
        }
        let start = f.words_text.len() as u32;
        f.words_text.push_str(t);
        f.words
            .push((u as u32 & mask, start, f.words_text.len() as u32));
    }
    let mut block: Vec<u32> = Vec::with_capacity(cap);
    for (i, &u) in uni.iter().enumerate() {
        block.push(u as u32 & mask);
        if i + 1 < uni.len() {
            block.push(mix(u ^ NS_BIGRAM, uni[i + 1]) as u32 & mask);
        }
    }
    push_block(&mut f, &block, WORD_NORM, Group::Words);

    // Character n-grams of the normalised text, digits folded to '0'.
    let mut window = String::with_capacity(CHAR_WINDOW.min(n.text.len()) + 2);
    window.push(' ');
    for ch in unlinked.chars() {
        if window.len() >= CHAR_WINDOW {
            break;
        }
        window.push(if ch.is_ascii_digit() { '0' } else { ch });
    }
    window.push(' ');
    block.clear();
    if CHAR_WB {
        // Within words only, each word padded with one space on both sides.
        let mut bounds: Vec<usize> = Vec::with_capacity(64);
        let mut padded = String::with_capacity(64);
        for word in window.split_whitespace() {
            padded.clear();
            padded.push(' ');
            padded.push_str(word);
            padded.push(' ');
            bounds.clear();
            bounds.extend(padded.char_indices().map(|(i, _)| i));
            bounds.push(padded.len());
            let nchars = bounds.len() - 1;
            for size in CHAR_MIN..=CHAR_MAX {
                if nchars < size {
                    break;
                }
                let ns = NS_CHAR ^ ((size as u64) << 8);
                for i in 0..=nchars - size {
                    block.push(h(ns, &padded.as_bytes()[bounds[i]..bounds[i + size]]));
                }
            }
        }
    } else {
        let bounds: Vec<usize> = window
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(window.len()))
            .collect();
        let nchars = bounds.len() - 1;
        for size in CHAR_MIN..=CHAR_MAX {
            if nchars < size {
                break;
            }
            let ns = NS_CHAR ^ ((size as u64) << 8);
            for i in 0..=nchars - size {
                let g = &window.as_bytes()[bounds[i]..bounds[i + size]];
                block.push(h(ns, g));
            }
        }
    }
    push_block(&mut f, &block, CHAR_NORM, Group::Chars);

    // Link domains and TLDs.
    for d in &s.domains {
        f.push(h(NS_DOMAIN, d.as_bytes()), 1.0, Group::Domains);
    }
    for t in &s.tlds {
        f.push(h(NS_TLD, t.as_bytes()), 0.5, Group::Tld);
    }

    // Structural signals.
    let mut sig = |code: &'static str| {
        f.push(
            h(NS_SIGNAL, code.as_bytes()),
            SIGNAL_VALUE,
            Group::Signal(code),
        );
    };
    sig(bucket(
        s.links,
        &[0, 1, 2],
        &["links=0", "links=1", "links=2", "links=3+"],
    ));
    if s.distinct_domains >= 2 {
        sig("links.domains2+");
    }
    if s.shorteners > 0 {
        sig("links.shortener");
    }
    if s.referral_links > 0 {
        sig("links.referral");
    }
    if s.ip_hosts > 0 {
        sig("links.ip_host");
    }
    if s.cheap_tlds > 0 {
        sig("links.cheap_tld");
    }
    if s.commercial_domains > 0 {
        sig("links.commercial_domain");
    }
    if s.media_links > 0 {
        sig(if s.media_links == s.links {
            "links.media_only"
        } else {
            "links.media"
        });
    }
    if s.link_ratio > 0.6 {
        sig("links.mostly_links");
    }
    if s.html_anchors > 0 {
        sig("links.html_anchor");
    }
    if s.bbcode_links > 0 {
        sig("links.bbcode");
    }
    if s.phones > 0 {
        sig(bucket(
            s.phones,
            &[1],
            &["contact.phone", "contact.phones2+"],
        ));
    }
    if s.tollfree_phone {
        sig("contact.tollfree");
    }
    if s.short_codes > 0 {
        sig("contact.short_code");
    }
    if s.emails > 0 {
        sig("contact.email");
    }
    if s.handles > 0 {
        sig(bucket(
            s.handles,
            &[1],
            &["contact.handle", "contact.handles2+"],
        ));
    }
    if s.reply_mention {
        sig("contact.reply_mention");
    }
    if s.hashtags > 0 {
        sig("contact.hashtag");
    }
    if s.finance_handles > 0 {
        sig("contact.finance_handle");
    }
    if s.name_handles > 0 && s.handles + s.hashtags > 0 {
        sig("contact.name_handle");
    }
    if s.messengers > 0 {
        sig("contact.messenger");
    }
    if s.contact_phrases > 0 {
        sig("contact.phrase");
    }
    if s.contact_phrases > 0 && (s.handles + s.emails + s.messengers + s.phones) > 0 {
        sig("contact.bait");
    }
    if s.crypto_addresses > 0 {
        sig("contact.crypto_address");
    }
    if s.spaced_runs > 0 {
        sig("obfuscation.spaced_letters");
    }
    if s.leet_words > 0 {
        sig("obfuscation.leetspeak");
    }
    if s.norm.styled > 0 {
        sig(bucket(
            s.norm.styled,
            &[3],
            &["obfuscation.styled1", "obfuscation.styled4+"],
        ));
    }
    if s.norm.invisible > 0 {
        sig("obfuscation.invisible");
    }
    if s.norm.mixed_script_words > 0 {
        sig("obfuscation.mixed_script");
    }
    if s.norm.marks >= 3 {
        sig("obfuscation.marks");
    }
    if s.letters >= 20 {
        sig(if s.caps_ratio > 0.8 {
            "shape.all_caps"
        } else if s.caps_ratio > 0.4 {
            "shape.many_caps"
        } else {
            "shape.normal_caps"
        });
    }
    if s.exclamations >= 3 {
        sig("shape.exclamations");
    }
    if s.repeat_runs > 0 {
        sig("shape.repeated_chars");
    }
    sig(bucket(
        s.words,
        &[1, 3, 7, 15, 40, 100],
        &[
            "shape.words1",
            "shape.words2-3",
            "shape.words4-7",
            "shape.words8-15",
            "shape.words16-40",
            "shape.words41-100",
            "shape.words100+",
        ],
    ));
    // Short comments are mostly chatter ("nice", "🔥"); a short one that carries a link or a
    // contact is an advert's shape.
    if s.words <= 15 && s.adverts() > u32::from(s.author_url) {
        sig("shape.short_advert");
    }
    if s.words >= 8 && s.word_repeat_ratio > 0.4 {
        sig("shape.repetitive");
    }
    if s.gibberish_words > 0 {
        sig(bucket(
            s.gibberish_words,
            &[1],
            &["shape.gibberish1", "shape.gibberish2+"],
        ));
    }
    if s.money_amounts > 0 {
        sig(bucket(
            s.money_amounts,
            &[1],
            &["money.amount", "money.amounts2+"],
        ));
    }
    if s.generic_praise > 0 {
        sig("relevance.generic_praise");
        if s.links > 0 || s.author_url {
            sig("relevance.praise_with_link");
        }
    }
    if s.self_promotion > 0 {
        sig("promo.self");
    }
    if s.money_offers > 0 {
        sig("promo.money_offer");
    }
    if s.commerce > 0 {
        sig(if s.adverts() > 0 {
            "promo.commerce_contact"
        } else {
            "promo.commerce"
        });
    }
    if let Some(o) = s.title_overlap {
        sig(if o == 0.0 {
            "relevance.off_topic"
        } else {
            "relevance.on_topic"
        });
    }
    if s.script_mismatch {
        sig("language.script_mismatch");
    }
    if s.author_url {
        sig("author.url");
    }
    if s.author_url_commercial {
        sig("author.url_commercial");
    }
    if s.author_name_keyword {
        sig("author.name_keyword");
    }
    if s.author_name_is_url {
        sig("author.name_is_url");
    }
    if s.email_disposable {
        sig("author.email_disposable");
    }
    if s.author_url {
        f.push(
            h(NS_DOMAIN, s.author_url_domain.as_bytes()),
            1.0,
            Group::Domains,
        );
    }
    (f, s, n.text)
}

/// Bucket index of a structural signal code in a model of `2^bits` buckets.
pub fn signal_index(code: &str, bits: u32) -> u32 {
    let mask = if bits >= 32 {
        u32::MAX
    } else {
        (1u32 << bits) - 1
    };
    (crate::hash(NS_SIGNAL, code.as_bytes()) as u32) & mask
}

/// Moderator words for a signal code (a [`Group::Signal`]).
pub fn signal_text(code: &str) -> &'static str {
    match code {
        "links=0" => "no links",
        "links=1" => "one link",
        "links=2" => "two links",
        "links=3+" => "three or more links",
        "links.domains2+" => "links to several different sites",
        "links.shortener" => "link hidden behind a URL shortener",
        "links.referral" => "link carries a referral or affiliate code",
        "links.ip_host" => "link to a bare IP address",
        "links.cheap_tld" => "link to a throw-away domain (.xyz, .top, ...)",
        "links.commercial_domain" => "link to a casino, pharmacy, loan or similar site",
        "links.media_only" => "links only to well-known news, video or government sites",
        "links.media" => "link to a well-known news or video site",
        "links.mostly_links" => "mostly links, little text",
        "links.html_anchor" => "HTML link markup in a plain-text comment",
        "links.bbcode" => "BBCode link markup",
        "contact.phone" => "phone number",
        "contact.phones2+" => "several phone numbers",
        "contact.tollfree" => "toll-free phone number",
        "contact.short_code" => "premium text-message short code",
        "contact.email" => "e-mail address in the text",
        "contact.handle" => "social media handle",
        "contact.handles2+" => "several social media handles",
        "contact.reply_mention" => "replies to another reader (@name)",
        "contact.hashtag" => "hashtag",
        "contact.finance_handle" => "handle or hashtag advertising trading or crypto",
        "contact.name_handle" => "points readers to a person's handle",
        "contact.messenger" => "messenger contact (WhatsApp, Telegram, ...)",
        "contact.phrase" => "asks readers to get in touch (\"DM me\", \"contact him\")",
        "contact.bait" => "asks readers to get in touch, with a handle, number or address",
        "contact.crypto_address" => "crypto wallet address",
        "obfuscation.spaced_letters" => "letters spaced out to dodge filters",
        "obfuscation.leetspeak" => "digits in place of letters (\"v1agra\")",
        "obfuscation.styled1" => "some styled look-alike letters",
        "obfuscation.styled4+" => "text styled with look-alike letters (𝐒𝐏𝐀𝐌)",
        "obfuscation.invisible" => "invisible characters inside words",
        "obfuscation.mixed_script" => "words mixing Latin with Cyrillic or Greek look-alikes",
        "obfuscation.marks" => "stacked accent marks",
        "shape.all_caps" => "written in capitals",
        "shape.many_caps" => "many capitals",
        "shape.normal_caps" => "ordinary capitalisation",
        "shape.exclamations" => "many exclamation marks",
        "shape.short_advert" => "short, and carries a link or contact",
        "shape.repeated_chars" => "repeated characters",
        "shape.repetitive" => "repeats the same words",
        "shape.gibberish1" | "shape.gibberish2+" => "gibberish words",
        "money.amount" | "money.amounts2+" => "money amounts",
        "promo.self" => "promotes the writer's own channel or page",
        "promo.money_offer" => "offers a way to make money",
        "promo.commerce" => "names a trade that spam sells (loans, casinos, pills)",
        "promo.commerce_contact" => "sells loans, betting, pills or followers, with a way to buy",
        "relevance.generic_praise" => "generic praise",
        "relevance.praise_with_link" => "generic praise with a link",
        "relevance.off_topic" => "shares no words with the article",
        "relevance.on_topic" => "talks about the article",
        "language.script_mismatch" => "written in a different script from the site's language",
        "author.url" => "author gave a website",
        "author.url_commercial" => "author website looks commercial",
        "author.name_keyword" => "author name reads like an advertisement",
        "author.name_is_url" => "author name is a web address",
        "author.email_disposable" => "disposable e-mail address",
        c if c.starts_with("shape.words") => "length of the comment",
        _ => "other signal",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_merges_repeats_in_first_occurrence_order() {
        let mut x = 0x2545_f491_4f6c_dd1du64;
        for (n, bits) in [
            (1, 20),
            (63, 20),
            (64, 20),
            (700, 20),
            (1000, 22),
            (500, 32),
            (300, 3),
        ] {
            let block: Vec<u32> = (0..n)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    // Many repeats, as a comment's n-grams have.
                    let v = (x >> 11) as u32 % 97;
                    if bits == 32 {
                        (x >> 7) as u32 | 0xFFFF_0000
                    } else {
                        (v * 7919 + (x as u32 & 3)) & ((1 << bits) - 1)
                    }
                })
                .collect();
            // Reference: distinct buckets in first-occurrence order, with their counts.
            let mut order: Vec<u32> = Vec::new();
            let mut count = std::collections::HashMap::new();
            for &b in &block {
                let e = count.entry(b).or_insert(0u32);
                if *e == 0 {
                    order.push(b);
                }
                *e += 1;
            }
            let mut f = Features::default();
            push_block(&mut f, &block, 2.0, Group::Chars);
            assert_eq!(f.idx, order, "{n} entries of {bits} bits");
            let norm: f32 = f.val.iter().map(|v| v * v).sum::<f32>().sqrt();
            assert!((norm - 2.0).abs() < 1e-4, "{norm}");
            for (i, (&b, &v)) in f.idx.iter().zip(&f.val).enumerate() {
                let c = count[&b] as f32;
                let single = f.val[0] / (1.0 + (count[&f.idx[0]] as f32).ln());
                assert!((v - single * (1.0 + c.ln())).abs() < 1e-5, "entry {i}");
            }
        }
    }

    fn comment(text: &str) -> Comment {
        Comment {
            content: text.to_string(),
            ..Comment::default()
        }
    }

    #[test]
    fn links_are_cut_out_of_the_words_and_characters() {
        let with = extract(
            &comment("full video: https://www.youtube.com/watch?v=abc123"),
            20,
        )
        .0;
        let words = |f: &Features| -> Vec<u32> {
            f.idx
                .iter()
                .zip(&f.group)
                .filter(|(_, g)| matches!(g, Group::Words))
                .map(|(i, _)| *i)
                .collect()
        };
        let https = crate::hash(NS_WORD, b"https") as u32 & ((1 << 20) - 1);
        assert!(!words(&with).contains(&https), "no 'https' word feature");
        // The link is still seen: by the link features.
        assert!(codes(&with).contains(&"links=1"));
        assert!(codes(&with).contains(&"links.media_only"));
    }

    #[test]
    fn trades_and_short_adverts() {
        let code_of = |t: &str| codes(&extract(&comment(t), 20).0);
        // A trade with a way to buy, in other languages.
        for t in [
            "Pinjaman online cepat cair, bunga rendah. Hubungi WA 0812-3456-7890",
            "代写论文，保证原创，加微信：lunwen2024",
            "Sie brauchen einen Kredit ohne Schufa? Kontakt: kredit.hilfe24@gmail.com",
        ] {
            let c = code_of(t);
            assert!(c.contains(&"promo.commerce_contact"), "{t}: {c:?}");
        }
        assert!(code_of("The casino vote in the council was a farce").contains(&"promo.commerce"));
        // Money and credit talk is not a trade on offer.
        for t in [
            "Die Bank gibt uns keinen Kredit mehr, obwohl wir seit 20 Jahren Kunden sind.",
            "My mortgage went up by £300 a month, the loan is killing us",
        ] {
            let c = code_of(t);
            assert!(
                !c.iter().any(|c| c.starts_with("promo.commerce")),
                "{t}: {c:?}"
            );
        }
        // Short and carrying a contact; short chatter and a long comment with a link are not.
        assert!(code_of("cheap followers here t.me/boostfast").contains(&"shape.short_advert"));
        assert!(!code_of("lol this aged well").contains(&"shape.short_advert"));
        assert!(
            !code_of(
                "The council promised to fix the bus lanes two years ago and nothing happened. Their own report says so: https://www.example.gov.uk/transport/report-2023"
            )
            .contains(&"shape.short_advert")
        );
    }

    fn codes(f: &Features) -> Vec<&'static str> {
        f.group
            .iter()
            .filter_map(|g| {
                if let Group::Signal(c) = g {
                    Some(*c)
                } else {
                    None
                }
            })
            .collect()
    }

    #[test]
    fn unspaced_scripts_are_read_in_character_pairs() {
        let t = tokens("このニュースは本当にひどい。政府 ok");
        assert_eq!(t[0], "この");
        assert_eq!(t[1], "のニ");
        assert!(!t.iter().any(|w| w == "#long"), "{t:?}");
        assert_eq!(t[t.len() - 2], "政府");
        assert_eq!(t[t.len() - 1], "ok");
    }

    #[test]
    fn same_text_same_features() {
        let (a, _, _) = extract(
            &comment("Free entry in 2 a wkly comp to win FA Cup final tkts"),
            20,
        );
        let (b, _, _) = extract(
            &comment("Free entry in 2 a wkly comp to win FA Cup final tkts"),
            20,
        );
        assert_eq!(a.idx, b.idx);
        assert!(a.idx.iter().all(|&i| i < (1 << 20)));
    }

    #[test]
    fn styled_text_shares_word_features_with_plain_text() {
        let (a, _, _) = extract(&comment("𝐁𝐞𝐬𝐭 𝐂𝐀𝐒𝐈𝐍𝐎"), 20);
        let (b, _, _) = extract(&comment("best casino"), 20);
        let words = |f: &Features| {
            f.idx
                .iter()
                .zip(&f.group)
                .filter(|(_, g)| **g == Group::Words)
                .map(|(i, _)| *i)
                .collect::<Vec<_>>()
        };
        assert_eq!(words(&a), words(&b));
        assert!(codes(&a).contains(&"obfuscation.styled4+"));
        assert!(!codes(&b).contains(&"obfuscation.styled4+"));
    }

    #[test]
    fn leet_and_spaced_tokens_fold() {
        let t: Vec<String> = tokens("buy v1agra at c a s i n o 08712460324 2024")
            .into_iter()
            .map(|c| c.into_owned())
            .collect();
        assert_eq!(t, vec!["buy", "viagra", "at", "casino", "#num11", "2024"]);
    }

    #[test]
    fn entities_and_line_breaks_decode() {
        assert_eq!(
            decode_entities("Avicii&#39;s &quot;Wake&quot; &amp; co<br />next &x; &#xZZ;"),
            "Avicii's \"Wake\" & co\nnext &x; &#xZZ;"
        );
        assert_eq!(decode_entities("a < b"), "a < b");
    }

    #[test]
    fn signal_codes_have_words() {
        let (f, _, _) = extract(
            &comment("DM me on WhatsApp +1 415 555 0134 for bit.ly/abc 𝐂𝐀𝐒𝐈𝐍𝐎"),
            20,
        );
        for c in codes(&f) {
            assert_ne!(signal_text(c), "other signal", "{c}");
        }
    }

    #[test]
    fn empty_comment_has_only_bias_and_shape() {
        let (f, _, _) = extract(&comment(""), 18);
        assert!(f.len() <= 3);
    }
}
