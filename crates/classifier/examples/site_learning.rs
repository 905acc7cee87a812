//! Dev-only measure of per-site learning on a kind of site the global model never saw: for each
//! data set, train the global model on the other sets, then teach a `SiteLayer` the first N
//! moderation labels of this set (its training file, shuffled with a fixed seed, first 70%) and
//! classify the rest (last 30%):
//! `cargo run --release -p retort-classifier --example site_learning -- [DATA_DIR]`.
//! `SHUF=N` changes the shuffle seed; `SITE_CACHE=DIR` keeps the four global models between
//! runs. Prints, per set and label count, F1, recall and FPR at the model's threshold, and the
//! mean of `3 * FPR + FNR` over the label counts. Never reads dev data.
use retort_classifier::{SiteLayer, TrainConfig};

mod common;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "data".into());
    let cfg = TrainConfig {
        folds: 3,
        ..TrainConfig::default()
    };
    let sets = ["instagram", "sms", "spamassassin", "youtube"];
    let data: Vec<Vec<_>> = sets.iter().map(|s| common::load(&dir, s)).collect();
    let mut total = 0.0;
    for (k, s) in sets.iter().enumerate() {
        let cache = std::env::var("SITE_CACHE")
            .ok()
            .map(|d| format!("{d}/global-without-{s}.rtm"));
        let m = match cache.as_ref().and_then(|p| std::fs::read(p).ok()) {
            Some(b) => retort_classifier::Model::from_bytes(&b).expect("cached model"),
            None => {
                let m = common::train_without(&data, k, &cfg);
                if let Some(p) = &cache {
                    std::fs::write(p, m.to_bytes()).expect("cache");
                }
                m
            }
        };
        // Deterministic shuffle (SplitMix64), then 70% to learn from, 30% to measure on.
        let mut items = data[k].clone();
        let mut st: u64 =
            std::env::var("SHUF").map_or(0x5EED, |v| v.parse().expect("SHUF is a number"));
        for i in (1..items.len()).rev() {
            st = st.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = st;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            items.swap(i, (z % (i as u64 + 1)) as usize);
        }
        let cut = items.len() * 7 / 10;
        let (learn, test) = items.split_at(cut);
        let t = m.spam_threshold();
        let mut layer = SiteLayer::new();
        let mut done = 0usize;
        let mut cost_sum = 0.0;
        for n in [0usize, 20, 50, 100, 200, 500, learn.len()] {
            let n = n.min(learn.len());
            for (c, y) in &learn[done..n] {
                layer.learn(&m, c, *y);
            }
            done = n;
            let (mut tp, mut fp, mut fn_, mut tn) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
            for (c, y) in test {
                let p = m.classify_for_site(c, &layer).spam_probability;
                match (p >= t, *y) {
                    (true, true) => tp += 1.0,
                    (true, false) => fp += 1.0,
                    (false, true) => fn_ += 1.0,
                    (false, false) => tn += 1.0,
                }
            }
            if n > 0 {
                cost_sum += 3.0 * fp / (fp + tn) + fn_ / (tp + fn_);
            }
            println!(
                "{s:13} labels {n:5}  F1 {:.4}  recall {:.3}  FPR {:.2}%",
                2.0 * tp / (2.0 * tp + fp + fn_),
                tp / (tp + fn_),
                100.0 * fp / (fp + tn)
            );
        }
        println!(
            "{s:13} mean cost 3*FPR+FNR over label counts: {:.4}",
            cost_sum / 6.0
        );
        total += cost_sum / 6.0;
    }
    println!("all sets: mean cost {:.4}", total / 4.0);
}
