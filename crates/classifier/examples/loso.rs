//! Dev-only measure of transfer to unseen sites: leave one data set out, train on the others,
//! classify the left-out set's training file with the trained model (threshold included):
//! `cargo run --release -p retort-classifier --example loso -- [DATA_DIR] [key=value ...]`
//! (keys as in `examples/cv.rs`). Never reads dev data.
use retort_classifier::train::auc;

mod common;

fn main() {
    let (dir, cfg) = common::args();
    let sets = ["instagram", "sms", "spamassassin", "youtube"];
    let data: Vec<Vec<_>> = sets.iter().map(|s| common::load(&dir, s)).collect();
    for (k, s) in sets.iter().enumerate() {
        let m = common::train_without(&data, k, &cfg);
        let p: Vec<(f32, bool)> = data[k]
            .iter()
            .map(|(c, y)| (m.classify(c).spam_probability, *y))
            .collect();
        let scores: Vec<f64> = p.iter().map(|x| f64::from(x.0)).collect();
        let ys: Vec<f64> = p.iter().map(|x| f64::from(u8::from(x.1))).collect();
        let t = m.spam_threshold();
        let tp = p.iter().filter(|x| x.1 && x.0 >= t).count() as f64;
        let fp = p.iter().filter(|x| !x.1 && x.0 >= t).count() as f64;
        let pos = p.iter().filter(|x| x.1).count() as f64;
        let neg = p.len() as f64 - pos;
        println!(
            "unseen {s:13} AUC {:.4}  recall {:.3}  FPR {:.2}%  F1 {:.4}",
            auc(&scores, &ys),
            tp / pos,
            100.0 * fp / neg,
            2.0 * tp / (tp + pos + fp)
        );
    }
}
