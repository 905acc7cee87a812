//! Dev-only: prints the learned weight of every structural signal of a model file (or the
//! built-in model): `cargo run --release -p retort-classifier --example signal_weights -- [PATH]`.
use retort_classifier::Model;

const CODES: &[&str] = &[
    "links=0",
    "links=1",
    "links=2",
    "links=3+",
    "links.domains2+",
    "links.shortener",
    "links.ip_host",
    "links.cheap_tld",
    "links.commercial_domain",
    "links.media_only",
    "links.media",
    "links.mostly_links",
    "links.html_anchor",
    "links.bbcode",
    "contact.phone",
    "contact.phones2+",
    "contact.tollfree",
    "contact.short_code",
    "contact.email",
    "contact.handle",
    "contact.handles2+",
    "contact.reply_mention",
    "contact.hashtag",
    "contact.finance_handle",
    "contact.name_handle",
    "contact.messenger",
    "contact.phrase",
    "contact.bait",
    "contact.crypto_address",
    "obfuscation.spaced_letters",
    "obfuscation.leetspeak",
    "obfuscation.styled1",
    "obfuscation.styled4+",
    "obfuscation.invisible",
    "obfuscation.mixed_script",
    "obfuscation.marks",
    "shape.all_caps",
    "shape.many_caps",
    "shape.normal_caps",
    "shape.exclamations",
    "shape.repeated_chars",
    "shape.repetitive",
    "shape.gibberish1",
    "shape.gibberish2+",
    "money.amount",
    "money.amounts2+",
    "relevance.generic_praise",
    "relevance.praise_with_link",
    "relevance.off_topic",
    "relevance.on_topic",
    "language.script_mismatch",
    "author.url",
    "author.url_commercial",
    "author.name_keyword",
    "author.name_is_url",
    "author.email_disposable",
    "shape.words1",
    "shape.words2-3",
    "shape.words4-7",
    "shape.words8-15",
    "shape.words16-40",
    "shape.words41-100",
    "shape.words100+",
];

fn main() {
    let owned;
    let m: &Model = match std::env::args().nth(1) {
        Some(p) => {
            owned = Model::from_bytes(&std::fs::read(p).expect("read")).expect("model");
            &owned
        }
        None => Model::builtin(),
    };
    let mut v: Vec<(f32, &str)> = CODES.iter().map(|c| (m.signal_weight(c), *c)).collect();
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (w, c) in v {
        println!("{w:+.3}  {c}");
    }
}
