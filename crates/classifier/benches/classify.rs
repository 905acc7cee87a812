//! Micro-benchmarks of the classifier with the built-in model, single thread.
//! Inputs: a typical 180-byte news comment with one link, a 60-byte SMS-like message, a 1.2 KB
//! e-mail-like text, and a styled-Unicode spam comment. Run: `cargo bench -p retort-classifier`.

use retort_classifier::{Comment, Model};

fn main() {
    divan::main();
}

fn comment(text: &str) -> Comment {
    Comment {
        content: text.to_string(),
        author: "Jane Reader".into(),
        lang: "en".into(),
        ..Comment::default()
    }
}

const TYPICAL: &str = "The council promised to fix the bus lanes two years ago and nothing happened. \
Here is their own report: https://www.example.gov.uk/transport/report-2023 - page 14 says it all.";
const SHORT: &str = "Free entry in 2 a wkly comp to win FA Cup final tkts, text FA to 87121";
const STYLED: &str =
    "𝐁𝐄𝐒𝐓 𝐎𝐍𝐋𝐈𝐍𝐄 𝐂𝐀𝐒𝐈𝐍𝐎 𝐅𝐑𝐄𝐄 𝐒𝐏𝐈𝐍𝐒 visit luckyspin777.xyz or DM me on WhatsApp +1 302 555 0188";

#[divan::bench(args = ["typical_180B", "sms_60B", "email_1200B", "styled_unicode"])]
fn classify(bencher: divan::Bencher<'_, '_>, input: &str) {
    let text = match input {
        "typical_180B" => TYPICAL.to_string(),
        "sms_60B" => SHORT.to_string(),
        "email_1200B" => TYPICAL.repeat(7),
        _ => STYLED.to_string(),
    };
    let model = Model::builtin();
    let c = comment(&text);
    bencher
        .counter(divan::counter::ItemsCount::new(1usize))
        .bench(|| model.classify(divan::black_box(&c)));
}

#[divan::bench]
fn extract_features_typical(bencher: divan::Bencher<'_, '_>) {
    let c = comment(TYPICAL);
    bencher.bench(|| retort_classifier::features::extract(divan::black_box(&c), 20));
}

#[divan::bench]
fn normalize_styled(bencher: divan::Bencher<'_, '_>) {
    bencher.bench(|| retort_classifier::normalize::normalize(divan::black_box(STYLED)));
}
