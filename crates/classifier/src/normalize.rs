//! Unicode normalisation for features: NFKC, homoglyph and styled-letter folding, invisible
//! characters and stray combining marks removed, lower case, whitespace folded to one space.
//!
//! Also counts how much folding was needed ([`NormStats`]): styled letters such as 𝐂𝐀𝐒𝐈𝐍𝐎,
//! zero-width characters and words that mix Latin with Cyrillic or Greek look-alikes. The
//! counts are signals of their own.
//!
//! Must not: allocate more than the output string on the ASCII fast path, panic on any input,
//! or fold whole words of a real foreign script (a Russian word stays Russian; only Cyrillic
//! letters inside a Latin word are folded). Leetspeak is folded later, per token, in
//! [`crate::features`], so that URLs and numbers stay intact here.
//!
//! Entry point: [`normalize`]. Tested here (one test per folding) and in `tests/properties.rs`
//! (never panics, idempotent).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Counts of what normalisation had to undo.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NormStats {
    /// Letters or digits written in styled forms: mathematical alphanumerics, fullwidth,
    /// circled or squared letters, small capitals.
    pub styled: u32,
    /// Zero-width and other invisible formatting characters.
    pub invisible: u32,
    /// Combining marks left over after composition (e.g. Zalgo text, stacked accents).
    pub marks: u32,
    /// Words mixing Latin letters with Greek, Cyrillic or other look-alike letters.
    pub mixed_script_words: u32,
    /// Letters in the text by script family, for language mismatch checks.
    pub scripts: ScriptCounts,
}

/// Letter counts by coarse script family.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScriptCounts {
    /// Latin letters (ASCII and accented).
    pub latin: u32,
    /// Cyrillic letters.
    pub cyrillic: u32,
    /// Greek letters.
    pub greek: u32,
    /// Arabic and Hebrew letters.
    pub rtl: u32,
    /// Chinese, Japanese and Korean characters.
    pub cjk: u32,
    /// Letters of any other script (Devanagari, Thai, ...).
    pub other: u32,
}

/// Normalised text and the statistics of what was folded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    /// The normalised text: lower case, single spaces, no invisible characters.
    pub text: String,
    /// What normalisation had to undo.
    pub stats: NormStats,
}

/// Normalises `input` for feature extraction. Idempotent: `normalize(normalize(x).text).text ==
/// normalize(x).text`.
pub fn normalize(input: &str) -> Normalized {
    let mut stats = NormStats::default();
    if input.is_ascii() {
        let text = fold_ascii(input, &mut stats.scripts);
        return Normalized { text, stats };
    }
    count_styled_and_invisible(input, &mut stats);
    let mut text = fold_unicode(input, &mut stats);
    // Removing characters can make a string that is no longer in NFKC (e.g. Hangul jamo that
    // were separated by a zero-width space). Iterate to a fixed point; two rounds are enough in
    // practice, four is the bound.
    for _ in 0..4 {
        if text.is_ascii() {
            break;
        }
        let mut scratch = NormStats::default();
        let again = fold_unicode(&text, &mut scratch);
        if again == text {
            break;
        }
        text = again;
    }
    Normalized { text, stats }
}

/// The normalised text only.
pub fn normalize_text(input: &str) -> String {
    normalize(input).text
}

fn fold_ascii(input: &str, scripts: &mut ScriptCounts) -> String {
    let mut out = String::with_capacity(input.len());
    let mut pending_space = false;
    for b in input.bytes() {
        if b.is_ascii_whitespace() || b.is_ascii_control() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if b.is_ascii_alphabetic() {
            scripts.latin += 1;
        }
        out.push(char::from(b.to_ascii_lowercase()));
    }
    out
}

/// Characters that render as nothing and are used to split words invisibly.
fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFEFF | 0xFFA0
        | 0x1BCA0..=0x1BCA3 | 0xE0000..=0xE007F)
}

/// Variation selectors: dropped silently (emoji presentation, not obfuscation).
fn is_variation_selector(c: char) -> bool {
    matches!(c as u32, 0xFE00..=0xFE0F | 0xE0100..=0xE01EF)
}

/// Blocks whose letters are "styled" Latin: counted before NFKC folds them.
fn is_styled(c: char) -> bool {
    matches!(c as u32,
        0x1D400..=0x1D7FF      // mathematical alphanumerics 𝐀 𝒜 𝔄 𝟏
        | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A // fullwidth letters (fullwidth digits are normal in CJK text)
        | 0x2460..=0x24FF      // enclosed alphanumerics ⓐ ① ⒜
        | 0x1F100..=0x1F1E5    // enclosed alphanumeric supplement 🅐 🅰 (not regional indicators)
        | 0x1D00..=0x1D2B      // small capitals ᴀ ʙ ᴄ
        | 0xA730..=0xA7FF      // small capital s ꜱ, Latin extended-D
        | 0x0250..=0x02AF      // IPA letters ɪ ɴ ʀ
        | 0x2100..=0x214F) // letterlike ℂ ℍ ℕ
}

/// Squared and negative circled/squared capitals that NFKC leaves alone: 🄰 🅐 🅰.
fn squared_letter(c: char) -> Option<char> {
    let u = c as u32;
    let base = match u {
        0x1F130..=0x1F149 => 0x1F130,
        0x1F150..=0x1F169 => 0x1F150,
        0x1F170..=0x1F189 => 0x1F170,
        _ => return None,
    };
    char::from_u32(u32::from(b'a') + (u - base))
}

fn count_styled_and_invisible(input: &str, stats: &mut NormStats) {
    // Invisible characters count only between two letters or digits ("vi\u{200b}agra"); a byte
    // order mark at the end of a text is an artefact of the software that sent it.
    // The zero-width non-joiner and joiner are spelling in Persian, Kurdish and the Indic
    // scripts ("می‌گیرم", "क्‍ष"): they count only between letters of the alphabets that never
    // need them (Latin, Greek, Cyrillic).
    let mut prev_alnum = false;
    let mut prev_alphabet = false;
    let mut pending = 0u32;
    let mut pending_joiners = 0u32;
    for c in input.chars() {
        // Letters only: ™ and ℃ are symbols, not styling.
        if is_styled(c) && (c.is_alphanumeric() || squared_letter(c).is_some()) {
            stats.styled += 1;
        }
        if is_invisible(c) {
            if matches!(c, '\u{200C}' | '\u{200D}') {
                pending_joiners += u32::from(prev_alphabet);
            } else if prev_alnum {
                pending += 1;
            }
            continue;
        }
        let alnum = c.is_alphanumeric();
        let alphabet = alnum && (c as u32) < 0x0590;
        if alnum {
            stats.invisible += pending;
        }
        if alphabet {
            stats.invisible += pending_joiners;
        }
        pending = 0;
        pending_joiners = 0;
        prev_alnum = alnum;
        prev_alphabet = alphabet;
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    Ascii,
    LatinExt,
    Styling,
    Lookalike,
    Other,
}

fn family(c: char) -> Family {
    match c as u32 {
        0..=0x7F => Family::Ascii,
        0x00C0..=0x024F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA72F => Family::LatinExt,
        0x0250..=0x02AF | 0x1D00..=0x1DBF | 0x2100..=0x214F | 0xA730..=0xA7FF | 0xAB30..=0xAB6F => {
            Family::Styling
        }
        // Greek, Cyrillic, Armenian, Cherokee, Coptic: the usual sources of Latin look-alikes.
        0x0370..=0x058F | 0x13A0..=0x13FF | 0x1C80..=0x1C8F | 0x2C80..=0x2CFF | 0xAB70..=0xABBF => {
            Family::Lookalike
        }
        _ => Family::Other,
    }
}

/// True for letters of scripts written without spaces between words: Chinese, Japanese kana,
/// Thai, Lao, Khmer and Myanmar. A "word" split at spaces there is a whole phrase or sentence.
pub fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF // Thai, Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
        | 0x3040..=0x30FF // Hiragana, Katakana
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x3FFFF // Han
    )
}

fn count_script(c: char, s: &mut ScriptCounts) {
    if !c.is_alphabetic() {
        return;
    }
    match c as u32 {
        0..=0x024F | 0x1E00..=0x1EFF => s.latin += 1,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => s.greek += 1,
        0x0400..=0x052F | 0x1C80..=0x1C8F => s.cyrillic += 1,
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF => s.rtl += 1,
        0x1100..=0x11FF
        | 0x2E80..=0x9FFF
        | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF
        | 0x20000..=0x3FFFF => s.cjk += 1,
        _ => s.other += 1,
    }
}

/// Folds one non-ASCII letter to ASCII with decancer; `None` when there is no ASCII form.
fn to_ascii(c: char) -> Option<String> {
    let t = decancer::cure_char(c, decancer::Options::default());
    let s: String = match t {
        decancer::Translation::Character(ch) => ch.to_string(),
        decancer::Translation::String(s) => s.to_string(),
        decancer::Translation::None => return None,
    };
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Some(s.to_ascii_lowercase())
    } else {
        None
    }
}

/// The value of a digit from another script or a dingbat that NFKC leaves alone: Arabic-Indic
/// "٠٥٣", Bengali "০১৭", Devanagari, Thai, and the circled "❾ ➊" that spam uses to hide a
/// phone number from filters.
fn script_digit(c: char) -> Option<u8> {
    const ZEROS: &[u32] = &[
        0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
        0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x17E0, 0x1810,
    ];
    let u = c as u32;
    // Most characters are outside every digit block: one comparison each.
    if !(0x0660..=0x1819).contains(&u) && !(0x24F5..=0x2793).contains(&u) {
        return None;
    }
    if let Some(z) = ZEROS.iter().find(|&&z| (z..z + 10).contains(&u)) {
        return u8::try_from(u - z).ok();
    }
    match u {
        // ❶–❿, ➀–➉, ➊–➓: one to ten.
        0x2776..=0x277F => u8::try_from(u - 0x2776 + 1).ok(),
        0x2780..=0x2789 => u8::try_from(u - 0x2780 + 1).ok(),
        0x278A..=0x2793 => u8::try_from(u - 0x278A + 1).ok(),
        // ⓵–⓾ and ⓿.
        0x24F5..=0x24FE => u8::try_from(u - 0x24F5 + 1).ok(),
        0x24FF => Some(0),
        _ => None,
    }
}

fn fold_unicode(input: &str, stats: &mut NormStats) -> String {
    // Pass 1: NFKC, drop invisibles and marks, lower-case, map squared letters, fold spaces.
    let mut chars: Vec<char> = Vec::with_capacity(input.len());
    let mut pending_space = false;
    for c in input.nfkc() {
        if is_invisible(c) || is_variation_selector(c) {
            continue;
        }
        if is_combining_mark(c) {
            stats.marks += 1;
            continue;
        }
        if c.is_whitespace() || c.is_control() {
            pending_space = !chars.is_empty();
            continue;
        }
        if pending_space {
            chars.push(' ');
            pending_space = false;
        }
        if let Some(l) = squared_letter(c) {
            chars.push(l);
            continue;
        }
        if let Some(d) = script_digit(c) {
            if d == 10 {
                chars.extend(['1', '0']);
            } else {
                chars.push(char::from(b'0' + d));
            }
            continue;
        }
        for l in c.to_lowercase() {
            if !is_combining_mark(l) && !is_invisible(l) {
                chars.push(l);
            }
        }
    }
    // Pass 2: per word, fold accented and styled Latin always, and Greek/Cyrillic look-alikes
    // only inside words that also hold Latin letters.
    let mut out = String::with_capacity(chars.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !c.is_alphanumeric() {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_alphanumeric() {
            i += 1;
        }
        let word = &chars[start..i];
        let mut has_latin = false;
        let mut has_lookalike = false;
        for &w in word {
            match family(w) {
                Family::Ascii | Family::LatinExt | Family::Styling => {
                    has_latin |= w.is_alphabetic()
                }
                Family::Lookalike => has_lookalike = true,
                Family::Other => {}
            }
        }
        if has_latin && has_lookalike {
            stats.mixed_script_words += 1;
        }
        for &w in word {
            count_script(w, &mut stats.scripts);
            let fold = match family(w) {
                Family::Ascii | Family::Other => false,
                Family::LatinExt | Family::Styling => true,
                Family::Lookalike => has_latin,
            };
            match fold.then(|| to_ascii(w)).flatten() {
                Some(s) => out.push_str(&s),
                None => out.push(w),
            }
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_lowercased_and_spaces_folded() {
        let n = normalize("  GREAT   Post!\n\nVisit NOW ");
        assert_eq!(n.text, "great post! visit now");
        assert_eq!(n.stats.styled, 0);
    }

    #[test]
    fn math_bold_letters_fold_and_are_counted() {
        let n = normalize("Best 𝐂𝐀𝐒𝐈𝐍𝐎 bonus");
        assert_eq!(n.text, "best casino bonus");
        assert_eq!(n.stats.styled, 6);
    }

    #[test]
    fn fullwidth_circled_and_squared_letters_fold() {
        assert_eq!(normalize("ＶＩＡＧＲＡ").text, "viagra");
        assert_eq!(normalize("ⓒⓐⓢⓘⓝⓞ").text, "casino");
        assert_eq!(normalize("🅲🅰🆂🅸🅽🅾").text, "casino");
        assert!(normalize("🅲🅰🆂🅸🅽🅾").stats.styled >= 6);
    }

    #[test]
    fn digits_of_other_scripts_and_dingbats_fold() {
        assert_eq!(normalize("٠٥٣ ০১৭ ९८ ๕๕").text, "053 017 98 55");
        assert_eq!(normalize("❾❺ ➊➋ ❿").text, "95 12 10");
    }

    #[test]
    fn small_capitals_fold() {
        let n = normalize("ᴄᴀꜱɪɴᴏ");
        assert_eq!(n.text, "casino");
        assert!(n.stats.styled >= 5);
    }

    #[test]
    fn zero_width_characters_are_removed_and_counted() {
        let n = normalize("vi\u{200b}ag\u{200d}ra");
        assert_eq!(n.text, "viagra");
        assert_eq!(n.stats.invisible, 2);
    }

    #[test]
    fn joiners_are_spelling_in_persian_and_indic_scripts() {
        // Persian "I get" and "computers", Hindi with a joiner: no obfuscation.
        for t in [
            "این خطا رو می\u{200c}گیرم",
            "کامپیوتر\u{200c}ها",
            "क्\u{200d}ष",
        ] {
            assert_eq!(normalize(t).stats.invisible, 0, "{t}");
        }
        // Between Latin letters the same characters hide a word.
        assert_eq!(normalize("ca\u{200c}si\u{200c}no").stats.invisible, 2);
    }

    #[test]
    fn cyrillic_lookalikes_inside_latin_words_fold() {
        // "саsino" with Cyrillic с and а.
        let n = normalize("\u{0441}\u{0430}sino");
        assert_eq!(n.text, "casino");
        assert_eq!(n.stats.mixed_script_words, 1);
    }

    #[test]
    fn real_russian_words_stay_russian() {
        let n = normalize("Привет, как дела?");
        assert_eq!(n.text, "привет, как дела?");
        assert_eq!(n.stats.mixed_script_words, 0);
        assert!(n.stats.scripts.cyrillic >= 10);
    }

    #[test]
    fn accents_fold_and_zalgo_marks_are_counted() {
        assert_eq!(normalize("Café Müller").text, "cafe muller");
        let n = normalize("ha\u{0301}\u{0316}\u{0317}ck");
        assert_eq!(n.text, "hack");
        assert!(n.stats.marks >= 2);
    }

    #[test]
    fn emoji_survive() {
        assert_eq!(normalize("❤️🔥 nice").text, "❤🔥 nice");
    }
}
