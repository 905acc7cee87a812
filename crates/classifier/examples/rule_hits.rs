//! Dev-only: for each JSONL comment on stdin (`text`, `author`, `email`, `url`, `lang`), prints
//! one JSON line with the shipped model's probability, the learned part of the log-odds
//! (`model`) and the rules that fired with their weights, so that a change to a rule's weight can
//! be tried on the probe sets without retraining (`model + Σ rule weights` is the new log-odds),
//! and the signals that fired:
//! `cargo run --release -p retort-classifier --example rule_hits < tests/probes/blogs/ham.jsonl`.
use std::io::BufRead;

fn main() {
    let m = retort_classifier::Model::builtin();
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("stdin is readable");
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            println!("{{\"error\":\"not JSON\"}}");
            continue;
        };
        let g = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
        let c = retort_classifier::Comment {
            content: g("text"),
            author: g("author"),
            url: g("url"),
            email: g("email"),
            lang: g("lang"),
            ..Default::default()
        };
        let (_, s, text) = retort_classifier::features::extract(&c, m.bits());
        let mut hits = Vec::new();
        retort_classifier::rules::apply(&s, &text, &mut hits);
        let p = m.classify(&c).spam_probability.clamp(1e-6, 1.0 - 1e-6);
        let rules: f32 = hits.iter().map(|h| h.weight).sum();
        let out = serde_json::json!({
            "p": p,
            "model": (p / (1.0 - p)).ln() - rules,
            "rules": hits.iter().map(|h| (h.code, h.weight)).collect::<Vec<_>>(),
            "text": c.content.chars().take(90).collect::<String>(),
            "normalised": text.chars().take(90).collect::<String>(),
            "signals": nonzero(&format!("{s:?}")),
        });
        println!("{out}");
    }
}

/// The signals that fired, from their `Debug` form: `name: value` pairs that are not zero, false,
/// empty or `None`.
fn nonzero(debug: &str) -> String {
    let inner = debug
        .trim_start_matches("Signals {")
        .trim_end_matches('}')
        .trim();
    let mut out = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in inner.char_indices() {
        match c {
            '{' | '[' | '(' => depth += 1,
            '}' | ']' | ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(inner[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(inner[start..].trim());
    out.into_iter()
        .filter(|f| {
            let v = f.split_once(": ").map_or("", |(_, v)| v);
            !matches!(v, "0" | "0.0" | "false" | "[]" | "None" | "")
                && !f.starts_with("norm:")
                && !f.starts_with("scripts:")
        })
        .collect::<Vec<_>>()
        .join(", ")
}
