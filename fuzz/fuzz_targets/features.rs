//! Fuzz target: feature extraction and classification never panic, stay in range, and
//! normalisation is idempotent, for any bytes split into comment fields.
//! Run: `cargo +nightly fuzz run features` (from `fuzz/`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use retort_classifier::{Comment, Model, features, normalize::normalize};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(4, '\u{1}');
    let content = parts.next().unwrap_or("").to_string();
    let author = parts.next().unwrap_or("").to_string();
    let url = parts.next().unwrap_or("").to_string();
    let email = parts.next().unwrap_or("").to_string();
    let once = normalize(&content).text;
    assert_eq!(
        normalize(&once).text,
        once,
        "normalisation must be idempotent"
    );
    let c = Comment {
        content,
        author,
        url,
        email,
        lang: "en".into(),
        ..Comment::default()
    };
    let (f, _, _) = features::extract(&c, 20);
    assert!(f.idx.iter().all(|&i| i < (1 << 20)));
    assert!(f.val.iter().all(|v| v.is_finite()));
    let v = Model::builtin().classify(&c);
    assert!((0.0..=1.0).contains(&v.spam_probability));
});
