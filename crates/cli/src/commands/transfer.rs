//! `retort export` and `retort import`: the lossless JSON format of [`retort_domain::dump`] (for
//! backups and for moving between SQLite and PostgreSQL), and imports from WordPress (WXR) and
//! Disqus exports, read by `retort-import` and stored by [`retort_domain::import::run`]. This
//! module only parses arguments, opens the store and prints the report.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use retort_domain::import::{Options, Report};

use crate::config::{Config, DataArgs};

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Retort's lossless, versioned JSON (docs/export-format.md).
    Json,
}

/// Arguments of `retort export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The format to write.
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
    /// Export only this site (by name), its threads and comments.
    #[arg(long, value_name = "SITE")]
    pub site: Option<String>,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub data: DataArgs,
}

/// Arguments of `retort import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// What to import.
    #[command(subcommand)]
    pub source: ImportSource,
}

impl ImportArgs {
    /// The data options, whatever the source.
    pub fn data(&self) -> &DataArgs {
        match &self.source {
            ImportSource::Json(a) => &a.data,
            ImportSource::Wordpress(a) => &a.common.data,
            ImportSource::Disqus(a) => &a.data,
        }
    }
}

/// The sources `retort import` reads.
#[derive(Debug, clap::Subcommand)]
pub enum ImportSource {
    /// A file written by `retort export` (everything in one transaction).
    Json(JsonArgs),
    /// A WordPress export (WXR, from Tools → Export) into one site.
    Wordpress(WordpressArgs),
    /// A Disqus export (XML) into one site.
    Disqus(ForeignArgs),
}

/// Arguments of `retort import json`.
#[derive(Debug, clap::Args)]
pub struct JsonArgs {
    /// A file written by `retort export`.
    pub file: PathBuf,
    #[command(flatten)]
    pub data: DataArgs,
}

/// Arguments shared by the imports from other systems.
#[derive(Debug, clap::Args)]
pub struct ForeignArgs {
    /// The export file.
    pub file: PathBuf,
    /// The Retort site (by name) the comments belong to.
    #[arg(long, value_name = "SITE")]
    pub site: String,
    /// Read the whole file and print the report, but write nothing (a site declared only in the
    /// configuration is registered first, as `serve` would).
    #[arg(long)]
    pub dry_run: bool,
    /// Train the site's spam filter on the file's spam and approved comments.
    #[arg(long)]
    pub learn: bool,
    #[command(flatten)]
    pub data: DataArgs,
}

/// Arguments of `retort import wordpress`.
#[derive(Debug, clap::Args)]
pub struct WordpressArgs {
    #[command(flatten)]
    pub common: ForeignArgs,
    /// Rewrite thread URLs starting with FROM to start with TO (repeatable; first match wins).
    #[arg(long = "map-url", value_name = "FROM=TO", value_parser = parse_map)]
    pub map_url: Vec<(String, String)>,
}

fn parse_map(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((from, to)) if !from.is_empty() => Ok((from.to_owned(), to.to_owned())),
        _ => Err(format!("expected FROM=TO, got '{s}'")),
    }
}

/// Runs `retort export`.
pub async fn export(args: &ExportArgs, cfg: Config) -> anyhow::Result<()> {
    let ExportFormat::Json = args.format;
    let store = retort_storage::open(&cfg.backend())
        .await
        .context("opening the database")?;
    let dump = match retort_domain::dump::export(store.as_ref(), args.site.as_deref()).await {
        Err(retort_domain::store::Error::NotFound) => {
            anyhow::bail!(
                "unknown site '{}'",
                args.site.as_deref().unwrap_or_default()
            )
        }
        other => other.context("reading the data")?,
    };
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

/// Runs `retort import`.
pub async fn import(args: &ImportArgs, cfg: Config) -> anyhow::Result<()> {
    match &args.source {
        ImportSource::Json(a) => import_json(a, cfg).await,
        ImportSource::Wordpress(a) => {
            let records = retort_import::wxr::Wxr::open(&a.common.file)?;
            import_foreign(&a.common, &a.map_url, "WordPress", records, cfg).await
        }
        ImportSource::Disqus(a) => {
            let records = retort_import::disqus::Disqus::open(&a.file)?;
            import_foreign(a, &[], "Disqus", records, cfg).await
        }
    }
}

/// `retort import json`: everything in one transaction, or nothing.
async fn import_json(args: &JsonArgs, cfg: Config) -> anyhow::Result<()> {
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
        "imported {} sites, {} threads, {} comments ({} already present)",
        report.sites, report.threads, report.comments, report.already
    );
    Ok(())
}

/// `retort import wordpress|disqus`: one transaction; the report on standard output.
async fn import_foreign<I>(
    args: &ForeignArgs,
    map_url: &[(String, String)],
    source: &'static str,
    records: I,
    cfg: Config,
) -> anyhow::Result<()>
where
    I: Iterator<Item = Result<retort_domain::import::Record, retort_import::Error>>,
{
    let store = retort_storage::open(&cfg.backend())
        .await
        .context("opening the database")?;
    let site = match store.site_by_name(&args.site).await? {
        Some(s) => s,
        None => match cfg.sites.iter().find(|s| s.name == args.site) {
            // Declared in the configuration but never served yet: register it as `serve` would.
            Some(spec) => store.upsert_site(spec).await?,
            None => {
                let mut known: Vec<String> =
                    store.sites().await?.into_iter().map(|s| s.name).collect();
                known.extend(cfg.sites.iter().map(|s| s.name.clone()));
                known.sort();
                known.dedup();
                anyhow::bail!(
                    "unknown site '{}' (known sites: {}); declare it under [[sites]] in the configuration",
                    args.site,
                    if known.is_empty() {
                        "none".into()
                    } else {
                        known.join(", ")
                    }
                );
            }
        },
    };
    let opts = Options {
        dry_run: args.dry_run,
        map_url: map_url.to_vec(),
        source,
    };
    let learning = args.learn.then(|| {
        retort_domain::learning::Learning::new(
            store.clone(),
            std::sync::Arc::new(retort_classifier::Model::builtin().clone()),
        )
    });
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    let report = retort_domain::import::run(
        store.as_ref(),
        learning.as_ref(),
        &site,
        records,
        &opts,
        now,
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e} (nothing was imported)"))?;
    if !report.dry_run && report.imported > 0 {
        crate::background::bump_data_epoch(store.as_ref())
            .await
            .context("telling running servers")?;
    }
    print!("{}", render(&report, source, &args.file, &site.name));
    if !report.complete() {
        anyhow::bail!(
            "{} of {} comments could not be imported (see the report above){}",
            report.skipped.len(),
            report.comments_read,
            if report.dry_run {
                ""
            } else {
                "; the others were imported"
            }
        );
    }
    Ok(())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The human-readable import report.
fn render(r: &Report, source: &str, file: &std::path::Path, site: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{source} import of {} into site '{site}'{}",
        file.display(),
        if r.dry_run {
            " (dry run: nothing was written)"
        } else {
            ""
        }
    );
    let _ = writeln!(
        out,
        "threads:  {} read, {} created, {} already existed",
        plural(
            r.threads_read,
            "thread with comments",
            "threads with comments"
        ),
        r.threads_created,
        r.threads_matched
    );
    let _ = writeln!(
        out,
        "comments: {} read, {} imported, {} already imported, {} skipped",
        r.comments_read,
        r.imported,
        r.already_imported,
        r.skipped.len()
    );
    if !r.by_status.is_empty() {
        let parts: Vec<String> = r
            .by_status
            .iter()
            .map(|(s, n)| format!("{n} {}", s.as_str()))
            .collect();
        let _ = writeln!(out, "  imported by status: {}", parts.join(", "));
    }
    if !r.by_kind.is_empty() {
        let parts: Vec<String> = r
            .by_kind
            .iter()
            .map(|(k, n)| format!("{n} {}{}", k.as_str(), if *n == 1 { "" } else { "s" }))
            .collect();
        let _ = writeln!(out, "  imported by kind: {}", parts.join(", "));
    }
    if !r.orphans.is_empty() {
        let _ = writeln!(
            out,
            "replies whose parent is missing, kept as top-level comments: {}",
            r.orphans.len()
        );
        for k in &r.orphans {
            let _ = writeln!(out, "  {k}");
        }
    }
    if !r.skipped.is_empty() {
        let _ = writeln!(out, "not imported: {}", r.skipped.len());
        for s in &r.skipped {
            let _ = writeln!(out, "  {}: {}", s.key, s.reason);
        }
    }
    if let Some((spam, ham)) = r.learned {
        let _ = writeln!(
            out,
            "{}: {} and {} for the site's spam filter{}",
            if r.dry_run { "would learn" } else { "learned" },
            plural(spam, "spam comment", "spam comments"),
            plural(ham, "approved comment", "approved comments"),
            if r.dry_run {
                " (dry run: not saved)"
            } else {
                ""
            }
        );
    }
    out
}
