//! `retort train`: trains a spam model from labelled JSONL and writes the model file.
//!
//! Directories are searched recursively for `*.jsonl`; files named `dev*.jsonl` or
//! `test*.jsonl` are refused (never train on evaluation data) unless named explicitly.
//! Deterministic: the same data, order and `--seed` give the same bytes.
//! Tested by `scripts/train-default-model.sh --check` (rebuilds the committed model bit for bit).

use anyhow::Context as _;
use retort_classifier::{TrainConfig, train::train_grouped_with_report};

use super::classify::{jsonl_files, read_labelled};

/// Arguments of `retort train`.
#[derive(Debug, clap::Args)]
pub struct TrainArgs {
    /// Labelled JSONL files or directories holding `*.jsonl`.
    #[arg(long, num_args = 1.., required = true)]
    pub data: Vec<std::path::PathBuf>,
    /// Where to write the model.
    #[arg(long)]
    pub out: std::path::PathBuf,
    /// Seed of the example order.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Hash bits: the model has 2^bits weights.
    #[arg(long, default_value_t = 20)]
    pub bits: u32,
    /// Passes over the data.
    #[arg(long, default_value_t = 20)]
    pub epochs: u32,
    /// Folds for out-of-fold calibration.
    #[arg(long, default_value_t = 5)]
    pub folds: u32,
    /// FTRL L1 strength (higher: sparser, smaller model).
    #[arg(long)]
    pub l1: Option<f64>,
    /// FTRL L2 strength.
    #[arg(long)]
    pub l2: Option<f64>,
    /// FTRL learning rate.
    #[arg(long)]
    pub alpha: Option<f64>,
    /// Cost of a false positive relative to a missed spam (sets the spam threshold).
    #[arg(long)]
    pub fp_cost: Option<f64>,
    /// Smoothing of the naive Bayes part blended into the weights (0: logistic regression only).
    #[arg(long)]
    pub nb_alpha: Option<f64>,
}

/// Runs the command.
pub fn run(args: &TrainArgs) -> anyhow::Result<()> {
    let files = jsonl_files(&args.data, &|n: &str| {
        n.ends_with(".jsonl") && !n.starts_with("dev") && !n.starts_with("test")
    })?;
    anyhow::ensure!(
        !files.is_empty(),
        "no training files found in {:?}",
        args.data
    );
    let mut examples = Vec::new();
    // Each data set (directory) is one group: groups weigh equally when the threshold is chosen.
    let mut groups = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for f in &files {
        let items = read_labelled(f)?;
        eprintln!("retort: {}: {} examples", f.display(), items.len());
        for l in items {
            let g = match names.iter().position(|n| *n == l.set) {
                Some(g) => g,
                None => {
                    names.push(l.set.clone());
                    names.len() - 1
                }
            };
            groups.push(g as u32);
            examples.push((l.comment, l.spam));
        }
    }
    let d = TrainConfig::default();
    let cfg = TrainConfig {
        seed: args.seed,
        bits: args.bits,
        epochs: args.epochs,
        folds: args.folds,
        l1: args.l1.unwrap_or(d.l1),
        l2: args.l2.unwrap_or(d.l2),
        alpha: args.alpha.unwrap_or(d.alpha),
        fp_cost: args.fp_cost.unwrap_or(d.fp_cost),
        nb_alpha: args.nb_alpha.unwrap_or(d.nb_alpha),
        ..d
    };
    let (model, r) = train_grouped_with_report(&examples, &groups, &cfg);
    let bytes = model.to_bytes();
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!(
        "retort: trained on {} examples ({} spam); out-of-fold AUC {:.4}, precision {:.4}, recall {:.4}, FPR {:.4}; platt ({:.3}, {:.3}); thresholds spam {:.3} discard {:.3}; {} non-zero weights; {} bytes -> {}",
        r.examples,
        r.spam,
        r.oof_auc,
        r.oof_precision,
        r.oof_recall,
        r.oof_fpr,
        r.platt.0,
        r.platt.1,
        r.thresholds.0,
        r.thresholds.1,
        r.non_zero,
        bytes.len(),
        args.out.display()
    );
    Ok(())
}
