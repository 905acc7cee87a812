//! Property tests: normalisation and feature extraction never panic on any Unicode input, and
//! normalisation is idempotent. Regressions are kept in `proptest-regressions/`.

use proptest::prelude::*;
use retort_classifier::normalize::normalize;
use retort_classifier::{Comment, Model, features};

/// Strings biased towards the characters that matter: styled letters, look-alikes, marks,
/// invisibles, digits, URL and contact punctuation.
fn tricky() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "Z",
        "0",
        "9",
        " ",
        "\n",
        ".",
        "/",
        "@",
        "#",
        "+",
        "(",
        ")",
        "-",
        ":",
        "&",
        ";",
        "<",
        "http://",
        "www.",
        ".com",
        ".xyz",
        "bit.ly/",
        "&amp;",
        "&#39;",
        "<br />",
        "\u{200b}",
        "\u{200d}",
        "\u{feff}",
        "\u{0301}",
        "\u{0316}",
        "\u{0430}",
        "\u{0441}",
        "\u{03bf}",
        "𝐂",
        "𝟏",
        "Ｖ",
        "ⓐ",
        "🅲",
        "ᴀ",
        "ꜱ",
        "ɪ",
        "İ",
        "ß",
        "ﬁ",
        "Σ",
        "ς",
        "ᄀ",
        "ᅡ",
        "각",
        "한",
        "日",
        "ا",
        "é",
        "e\u{301}",
        "❤️",
        "🇺🇸",
        "👍🏽",
        "\u{1d400}",
        "\u{e0041}",
        "\u{fe0f}",
        "\u{0}",
        "\u{7f}",
        "\u{10ffff}",
    ]);
    prop::collection::vec(
        prop_oneof![
            pieces.prop_map(str::to_string),
            any::<char>().prop_map(|c| c.to_string())
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn normalize_is_idempotent(s in tricky()) {
        let once = normalize(&s).text;
        let twice = normalize(&once).text;
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn normalize_is_idempotent_on_any_string(s in any::<String>()) {
        let once = normalize(&s).text;
        prop_assert_eq!(normalize(&once).text, once);
    }

    #[test]
    fn normalized_text_has_no_invisibles_or_runs_of_spaces(s in tricky()) {
        let t = normalize(&s).text;
        prop_assert!(!t.contains("  "));
        prop_assert!(!t.starts_with(' ') && !t.ends_with(' '));
        let invisible = ['\u{200b}', '\u{feff}'];
        prop_assert!(!t.contains(invisible));
    }

    #[test]
    fn feature_extraction_never_panics(content in tricky(), author in tricky(), url in tricky(), email in tricky(), lang in "[a-z]{0,3}") {
        let c = Comment { content, author, url, email, lang, ..Comment::default() };
        let (f, _, _) = features::extract(&c, 18);
        prop_assert!(f.idx.iter().all(|&i| i < (1 << 18)));
        prop_assert!(f.val.iter().all(|v| v.is_finite()));
        let v = Model::builtin().classify(&c);
        prop_assert!((0.0..=1.0).contains(&v.spam_probability));
    }

    #[test]
    fn model_parsing_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let _ = Model::from_bytes(&bytes);
        let _ = retort_classifier::SiteLayer::from_bytes(&bytes);
    }
}
