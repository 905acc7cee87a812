//! `retort classify`: JSONL in, one verdict line out per item (placeholder until the filter lands).

/// Arguments of `retort classify`.
#[derive(Debug, clap::Args)]
pub struct ClassifyArgs {
    /// Model file; the built-in default model when omitted.
    #[arg(long)]
    pub model: Option<std::path::PathBuf>,
}

/// Runs the command.
pub fn run(_args: &ClassifyArgs) -> anyhow::Result<()> {
    anyhow::bail!("classify is not built yet")
}
