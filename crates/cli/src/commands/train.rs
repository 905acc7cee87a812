//! `retort train`: trains a model from labelled JSONL (placeholder until the filter lands).

/// Arguments of `retort train`.
#[derive(Debug, clap::Args)]
pub struct TrainArgs {
    /// Labelled JSONL files or directories holding `*.jsonl`.
    #[arg(long, num_args = 1.., required = true)]
    pub data: Vec<std::path::PathBuf>,
    /// Where to write the model.
    #[arg(long)]
    pub out: std::path::PathBuf,
}

/// Runs the command.
pub fn run(_args: &TrainArgs) -> anyhow::Result<()> {
    anyhow::bail!("train is not built yet")
}
