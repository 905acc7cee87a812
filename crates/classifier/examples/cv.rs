//! Dev-only model selection by k-fold cross-validation on the training data:
//! `cargo run --release -p retort-classifier --example cv -- [DATA_DIR] [key=value ...]`
//! (keys: epochs, alpha, beta, l1, l2, bits, folds, seed). Reads `DATA_DIR/*/train.jsonl`
//! (default `data`), prints per-set out-of-fold AUC, best F1 and the metrics at the threshold
//! that training would choose. Never reads dev data.
use retort_classifier::{Comment, train::cross_validate};

mod common;

fn main() {
    let (dir, cfg) = common::args();
    let sets = common::sets(&dir);
    let mut ex: Vec<(Comment, bool)> = Vec::new();
    let mut set_of: Vec<usize> = Vec::new();
    for (si, s) in sets.iter().enumerate() {
        let items = common::load(&dir, s);
        set_of.extend(std::iter::repeat_n(si, items.len()));
        ex.extend(items);
    }
    let t0 = std::time::Instant::now();
    let p = cross_validate(&ex, &cfg);
    eprintln!("cv {:.1}s {cfg:?}", t0.elapsed().as_secs_f64());
    let ys: Vec<bool> = ex.iter().map(|e| e.1).collect();
    if let Ok(path) = std::env::var("CV_DUMP") {
        let mut out = String::new();
        for i in 0..p.len() {
            out.push_str(&format!(
                "{}\t{}\t{}\n",
                sets[set_of[i]],
                u8::from(ys[i]),
                p[i]
            ));
        }
        std::fs::write(path, out).expect("dump");
    }
    let metrics = |k: usize, t: f64| {
        let (mut tp, mut fp, mut fn_, mut tn) = (0.0, 0.0, 0.0, 0.0);
        for i in (0..p.len()).filter(|&i| set_of[i] == k) {
            match (p[i] >= t, ys[i]) {
                (true, true) => tp += 1.0,
                (true, false) => fp += 1.0,
                (false, true) => fn_ += 1.0,
                (false, false) => tn += 1.0,
            }
        }
        (2.0 * tp / (2.0 * tp + fp + fn_), fp / (fp + tn))
    };
    for t in [0.3, 0.4, 0.5, 0.6, 0.7] {
        let mut line = format!("t={t:.2}");
        for (k, s) in sets.iter().enumerate() {
            let (f1, fpr) = metrics(k, t);
            line.push_str(&format!("  {s:.5} F1 {f1:.4} FPR {:.2}%", fpr * 100.0));
        }
        println!("{line}");
    }
    let mut line = "best".to_string();
    for (k, s) in sets.iter().enumerate() {
        let best = (1..100)
            .map(|i| metrics(k, f64::from(i) / 100.0).0)
            .fold(0.0, f64::max);
        line.push_str(&format!("  {s:.5} F1 {best:.4}"));
    }
    println!("{line}");
}
