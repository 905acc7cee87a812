//! Dev-only: how often each structural signal and rule fires on spam and ham, per training set,
//! and the weight the built-in model learned for each signal:
//! `cargo run --release -p retort-classifier --example signal_stats -- [DATA_DIR] [CODE_PREFIX]`.
//! Shows which signals a set's ham carries (candidates for a dataset artefact). With
//! `SHOW=CODE HAM_ONLY=1`, also prints the texts on which CODE fires (the first 8 per set).
use retort_classifier::Model;
use retort_classifier::features::{Group, extract};
use std::collections::BTreeMap;

mod common;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "data".into());
    let prefix = std::env::args().nth(2).unwrap_or_default();
    let sets = ["instagram", "sms", "spamassassin", "youtube"];
    let mut counts: BTreeMap<String, [[u32; 2]; 4]> = BTreeMap::new();
    let mut totals = [[0u32; 2]; 4];
    for (k, s) in sets.iter().enumerate() {
        for (c, spam) in common::load(&dir, s) {
            let y = usize::from(spam);
            totals[k][y] += 1;
            let (f, sig, norm) = extract(&c, 20);
            let mut codes: Vec<String> = f
                .group
                .iter()
                .filter_map(|g| match g {
                    Group::Signal(c) => Some((*c).to_string()),
                    _ => None,
                })
                .collect();
            let mut hits = Vec::new();
            retort_classifier::rules::apply(&sig, &norm, &mut hits);
            codes.extend(hits.iter().map(|h| h.code.to_string()));
            codes.sort();
            codes.dedup();
            if let Ok(show) = std::env::var("SHOW")
                && codes.contains(&show)
                && !(spam && std::env::var("HAM_ONLY").is_ok())
                && counts.get(&show).map_or(0, |c| c[k][y]) < 8
            {
                let label = if spam { "spam" } else { "ham" };
                let text: String = c.content.chars().take(140).collect();
                println!("{s} {label}: {}", text.replace('\n', " "));
            }
            for c in codes {
                counts.entry(c).or_default()[k][y] += 1;
            }
        }
    }
    let m = Model::builtin();
    println!(
        "{:32} {}  weight",
        "signal (spam/ham)",
        sets.map(|s| format!("{s:>14}")).join("")
    );
    for (code, c) in counts.iter().filter(|(c, _)| c.starts_with(&prefix)) {
        let cells: String = (0..4)
            .map(|k| format!("{:>14}", format!("{}/{}", c[k][1], c[k][0])))
            .collect();
        let w = if code.starts_with("rule.") {
            String::new()
        } else {
            format!("{:+.3}", m.signal_weight(code))
        };
        println!("{code:32} {cells}  {w}");
    }
    let cells: String = (0..4)
        .map(|k| format!("{:>14}", format!("{}/{}", totals[k][1], totals[k][0])))
        .collect();
    println!("{:32} {cells}", "(all)");
}
