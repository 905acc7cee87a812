//! What the dev-only examples share: reading the labelled training files and the
//! `key=value` training options. Training files only; dev data is never read here.
#![allow(dead_code)]

use retort_classifier::{Comment, TrainConfig};

/// The data sets below `dir` that have a `train.jsonl`, sorted by name.
pub fn sets(dir: &str) -> Vec<String> {
    let mut sets: Vec<String> = std::fs::read_dir(dir)
        .expect("data dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("train.jsonl").exists())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    sets.sort();
    sets
}

/// The labelled comments of `dir/set/train.jsonl` (an e-mail's subject goes before its body).
pub fn load(dir: &str, set: &str) -> Vec<(Comment, bool)> {
    let text = std::fs::read_to_string(format!("{dir}/{set}/train.jsonl")).expect("read");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("json");
            let g = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
            let body = g("text");
            let subj = g("subject");
            let content = if !subj.trim().is_empty() && !body.starts_with(subj.trim()) {
                format!("{}\n\n{body}", subj.trim())
            } else {
                body
            };
            let c = Comment {
                content,
                author: g("author"),
                ..Comment::default()
            };
            (c, g("label") == "spam")
        })
        .collect()
}

/// The data directory (default `data`) and training options from the command line: a bare
/// argument is the directory, `key=value` sets an option (epochs, alpha, beta, l1, l2, bits,
/// folds, seed, fp_cost, nb, bags).
pub fn args() -> (String, TrainConfig) {
    let mut dir = "data".to_string();
    let mut cfg = TrainConfig::default();
    for a in std::env::args().skip(1) {
        let Some((k, v)) = a.split_once('=') else {
            dir = a;
            continue;
        };
        let f: f64 = v.parse().expect("number");
        match k {
            "epochs" => cfg.epochs = f as u32,
            "alpha" => cfg.alpha = f,
            "beta" => cfg.beta = f,
            "l1" => cfg.l1 = f,
            "l2" => cfg.l2 = f,
            "bits" => cfg.bits = f as u32,
            "folds" => cfg.folds = f as u32,
            "seed" => cfg.seed = f as u64,
            "fp_cost" => cfg.fp_cost = f,
            "nb" => cfg.nb_alpha = f,
            "bags" => cfg.bags = f as u32,
            _ => panic!("unknown key {k}"),
        }
    }
    (dir, cfg)
}

/// A model trained on every set of `data` but the `k`-th (sets weigh equally in the threshold).
pub fn train_without(
    data: &[Vec<(Comment, bool)>],
    k: usize,
    cfg: &TrainConfig,
) -> retort_classifier::Model {
    let mut ex = Vec::new();
    let mut groups = Vec::new();
    for (j, d) in data.iter().enumerate().filter(|(j, _)| *j != k) {
        ex.extend(d.iter().cloned());
        groups.extend(std::iter::repeat_n(j as u32, d.len()));
    }
    retort_classifier::train::train_grouped_with_report(&ex, &groups, cfg).0
}
