//! `retort eval`: per-set and per-source accuracy of a model on labelled JSONL.
//!
//! `--data DIR` is searched recursively for files named `dev.jsonl` (change with `--file`); each
//! file's parent directory names its set. Prints n, precision, recall, F1, false-positive rate on
//! ham and ROC AUC per set and, where a set holds several `source` values, per source. Spam is the
//! positive class; `discard` counts as spam.
//! Tested by hand against `../shared/tools/eval_filter.py` (same numbers; see BENCHMARKS.md).

use std::collections::BTreeMap;

use super::classify::{jsonl_files, load_model, read_labelled};

/// Arguments of `retort eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Directory of labelled JSONL.
    #[arg(long)]
    pub data: std::path::PathBuf,
    /// Model file; the built-in default model when omitted.
    #[arg(long)]
    pub model: Option<std::path::PathBuf>,
    /// File name to evaluate in each set directory.
    #[arg(long, default_value = "dev.jsonl")]
    pub file: String,
    /// Print the N worst false positives and misses per set.
    #[arg(long, default_value_t = 0)]
    pub show_errors: usize,
}

#[derive(Default)]
struct Tally {
    scored: Vec<(f32, bool, bool)>,
}

impl Tally {
    fn line(&self, name: &str) -> String {
        let (mut tp, mut fp, mut fn_, mut tn) = (0f64, 0f64, 0f64, 0f64);
        for &(_, pred, y) in &self.scored {
            match (pred, y) {
                (true, true) => tp += 1.0,
                (true, false) => fp += 1.0,
                (false, true) => fn_ += 1.0,
                (false, false) => tn += 1.0,
            }
        }
        let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
        let r = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        let fpr = if fp + tn > 0.0 { fp / (fp + tn) } else { 0.0 };
        format!(
            "{name:<32} {:>6} {p:>9.4} {r:>7.4} {f1:>7.4} {fpr:>7.4} {:>7}  fp={fp} fn={fn_}",
            self.scored.len(),
            auc(&self.scored).map_or("-".to_string(), |a| format!("{a:.4}"))
        )
    }
}

fn auc(v: &[(f32, bool, bool)]) -> Option<f64> {
    let mut s: Vec<(f32, bool)> = v.iter().map(|&(p, _, y)| (p, y)).collect();
    s.sort_by(|a, b| a.0.total_cmp(&b.0));
    let pos = s.iter().filter(|x| x.1).count() as f64;
    let neg = s.len() as f64 - pos;
    if pos == 0.0 || neg == 0.0 {
        return None;
    }
    let (mut rank_sum, mut i) = (0.0, 0usize);
    while i < s.len() {
        let mut j = i;
        while j < s.len() && s[j].0 == s[i].0 {
            j += 1;
        }
        rank_sum += (i + j + 1) as f64 / 2.0 * s[i..j].iter().filter(|x| x.1).count() as f64;
        i = j;
    }
    Some((rank_sum - pos * (pos + 1.0) / 2.0) / (pos * neg))
}

/// Runs the command.
pub fn run(args: &EvalArgs) -> anyhow::Result<()> {
    let model = load_model(args.model.as_deref())?;
    let files = jsonl_files(std::slice::from_ref(&args.data), &|n: &str| n == args.file)?;
    anyhow::ensure!(
        !files.is_empty(),
        "no {} files under {}",
        args.file,
        args.data.display()
    );
    println!(
        "{:<32} {:>6} {:>9} {:>7} {:>7} {:>7} {:>7}",
        "set/source", "n", "precision", "recall", "F1", "FPR", "AUC"
    );
    for f in files {
        let items = read_labelled(&f)?;
        let mut set = Tally::default();
        let mut by_source: BTreeMap<String, Tally> = BTreeMap::new();
        let mut errors: Vec<(f32, bool, String)> = Vec::new();
        let name = items
            .first()
            .map_or_else(|| f.display().to_string(), |l| l.set.clone());
        for l in &items {
            let v = model.classify(&l.comment);
            let e = (v.spam_probability, v.label.is_spam(), l.spam);
            set.scored.push(e);
            by_source
                .entry(l.source.clone())
                .or_default()
                .scored
                .push(e);
            if e.1 != e.2 && args.show_errors > 0 {
                let why: Vec<String> = v
                    .reasons
                    .iter()
                    .map(|r| format!("{}({:+.2})", r.code, r.weight))
                    .collect();
                let text: String = l
                    .comment
                    .content
                    .chars()
                    .take(160)
                    .collect::<String>()
                    .replace('\n', " ");
                errors.push((
                    v.spam_probability,
                    l.spam,
                    format!("{text}  [{}]", why.join(" ")),
                ));
            }
        }
        println!("{}", set.line(&name));
        if by_source.len() > 1 {
            for (s, t) in &by_source {
                println!("{}", t.line(&format!("  {s}")));
            }
        }
        if args.show_errors > 0 {
            let mut fps: Vec<_> = errors.iter().filter(|e| !e.1).collect();
            fps.sort_by(|a, b| b.0.total_cmp(&a.0));
            for e in fps.iter().take(args.show_errors) {
                println!("    FP {:.3} {}", e.0, e.2);
            }
            let mut fns: Vec<_> = errors.iter().filter(|e| e.1).collect();
            fns.sort_by(|a, b| a.0.total_cmp(&b.0));
            for e in fns.iter().take(args.show_errors) {
                println!("    FN {:.3} {}", e.0, e.2);
            }
        }
    }
    Ok(())
}
