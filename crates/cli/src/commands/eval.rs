//! `retort eval`: per-source accuracy of a model on labelled JSONL (placeholder until the filter lands).

/// Arguments of `retort eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Directory of labelled JSONL.
    #[arg(long)]
    pub data: std::path::PathBuf,
    /// Model file; the built-in default model when omitted.
    #[arg(long)]
    pub model: Option<std::path::PathBuf>,
}

/// Runs the command.
pub fn run(_args: &EvalArgs) -> anyhow::Result<()> {
    anyhow::bail!("eval is not built yet")
}
