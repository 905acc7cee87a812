//! Dev-only measure of transfer to unseen sites: leave one data set out, train on the others,
//! classify the left-out set's training file with the trained model (threshold included):
//! `cargo run --release -p retort-classifier --example loso -- [DATA_DIR] [key=value ...]`
//! (keys as in `examples/cv.rs`). Never reads dev data.
use retort_classifier::{Comment, TrainConfig, train::train_grouped_with_report};

fn load(dir: &str, s: &str) -> Vec<(Comment, bool)> {
    let text = std::fs::read_to_string(format!("{dir}/{s}/train.jsonl")).expect("read");
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

fn auc(p: &[(f32, bool)]) -> f64 {
    let mut v = p.to_vec();
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    let pos = v.iter().filter(|x| x.1).count() as f64;
    let neg = v.len() as f64 - pos;
    let (mut rank_sum, mut i) = (0.0, 0usize);
    while i < v.len() {
        let mut j = i;
        while j < v.len() && v[j].0 == v[i].0 {
            j += 1;
        }
        let r = (i + j + 1) as f64 / 2.0;
        rank_sum += r * v[i..j].iter().filter(|x| x.1).count() as f64;
        i = j;
    }
    (rank_sum - pos * (pos + 1.0) / 2.0) / (pos * neg)
}

fn main() {
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
            "l1" => cfg.l1 = f,
            "l2" => cfg.l2 = f,
            "folds" => cfg.folds = f as u32,
            "nb" => cfg.nb_alpha = f,
            _ => panic!("unknown key {k}"),
        }
    }
    let sets = ["instagram", "sms", "spamassassin", "youtube"];
    let data: Vec<Vec<(Comment, bool)>> = sets.iter().map(|s| load(&dir, s)).collect();
    for (k, s) in sets.iter().enumerate() {
        let mut ex = Vec::new();
        let mut groups = Vec::new();
        for (j, d) in data.iter().enumerate().filter(|(j, _)| *j != k) {
            ex.extend(d.iter().cloned());
            groups.extend(std::iter::repeat_n(j as u32, d.len()));
        }
        let (m, _) = train_grouped_with_report(&ex, &groups, &cfg);
        let p: Vec<(f32, bool)> = data[k]
            .iter()
            .map(|(c, y)| (m.classify(c).spam_probability, *y))
            .collect();
        let t = m.spam_threshold();
        let tp = p.iter().filter(|x| x.1 && x.0 >= t).count() as f64;
        let fp = p.iter().filter(|x| !x.1 && x.0 >= t).count() as f64;
        let pos = p.iter().filter(|x| x.1).count() as f64;
        let neg = p.len() as f64 - pos;
        println!(
            "unseen {s:13} AUC {:.4}  recall {:.3}  FPR {:.2}%  F1 {:.4}",
            auc(&p),
            tp / pos,
            100.0 * fp / neg,
            2.0 * tp / (tp + pos + fp)
        );
    }
}
