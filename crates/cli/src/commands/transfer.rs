//! `retort export` and `retort import`: the lossless JSON format of
//! [`retort_domain::dump`], for backups and for moving between SQLite and PostgreSQL.

use std::io::Write;

use anyhow::Context;

use crate::config::{Config, DataArgs};

/// Arguments of `retort export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub data: DataArgs,
}

/// Arguments of `retort import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// A file written by `retort export`.
    pub file: std::path::PathBuf,
    #[command(flatten)]
    pub data: DataArgs,
}

/// Runs `retort export`.
pub async fn export(args: &ExportArgs, cfg: Config) -> anyhow::Result<()> {
    let store = retort_storage::open(&cfg.backend())
        .await
        .context("opening the database")?;
    let dump = retort_domain::dump::export(store.as_ref())
        .await
        .context("reading the data")?;
    let json = serde_json::to_vec_pretty(&dump).context("encoding the export")?;
    match &args.out {
        Some(path) => {
            std::fs::write(path, &json).with_context(|| format!("writing {}", path.display()))?
        }
        None => std::io::stdout()
            .lock()
            .write_all(&json)
            .context("writing the export")?,
    }
    eprintln!(
        "exported {} sites, {} threads, {} comments",
        dump.sites.len(),
        dump.threads.len(),
        dump.comments.len()
    );
    Ok(())
}

/// Runs `retort import`: everything in one transaction, or nothing.
pub async fn import(args: &ImportArgs, cfg: Config) -> anyhow::Result<()> {
    let bytes =
        std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let dump: retort_domain::dump::Dump = serde_json::from_slice(&bytes).map_err(|e| {
        anyhow::anyhow!(
            "{}: line {}, column {}: {e}",
            args.file.display(),
            e.line(),
            e.column()
        )
    })?;
    dump.validate()
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.file.display()))?;
    let store = retort_storage::open(&cfg.backend())
        .await
        .context("opening the database")?;
    let report = store
        .import_dump(&dump)
        .await
        .context("importing (nothing was changed)")?;
    crate::background::bump_data_epoch(store.as_ref())
        .await
        .context("telling running servers")?;
    println!(
        "imported {} sites, {} threads, {} comments",
        report.sites, report.threads, report.comments
    );
    Ok(())
}
