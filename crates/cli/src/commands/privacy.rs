//! `retort privacy export|erase --email ADDRESS`: the operator's side of commenters' data
//! rights, the same operations as the self-service links, written to the same audit log.

use std::io::Write;

use anyhow::Context;
use retort_domain::privacy::Privacy;

use crate::config::{Config, DataArgs};

/// Arguments of `retort privacy`.
#[derive(Debug, clap::Args)]
pub struct PrivacyArgs {
    #[command(subcommand)]
    pub action: PrivacyAction,
    #[command(flatten)]
    pub data: DataArgs,
}

/// What to do.
#[derive(Debug, clap::Subcommand)]
pub enum PrivacyAction {
    /// Print everything stored about an address, as JSON.
    Export {
        /// The commenter's e-mail address.
        #[arg(long)]
        email: String,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
    },
    /// Erase an address's data on every site, per each site's erasure policy.
    Erase {
        /// The commenter's e-mail address.
        #[arg(long)]
        email: String,
        /// Really erase (without it, only say what would be erased).
        #[arg(long)]
        yes: bool,
    },
}

/// Runs the command.
pub async fn run(action: &PrivacyAction, cfg: Config) -> anyhow::Result<()> {
    let store = retort_storage::open(&cfg.backend())
        .await
        .context("opening the database")?;
    let secret = store
        .init_setting(
            "form_secret",
            &retort_domain::token::random_hex(32).context("random source")?,
        )
        .await
        .context("reading the server secret")?;
    let outbox = retort_domain::mail::Outbox::new(store.clone(), false);
    let privacy = Privacy::new(
        store.clone(),
        retort_domain::token::FormSigner::new(&secret),
        outbox,
    );
    let now = retort_server::now_ms();
    match action {
        PrivacyAction::Export { email, out } => {
            let data = privacy
                .export(email, "cli", now)
                .await
                .context("reading the data")?;
            let json = serde_json::to_vec_pretty(&data).context("encoding the export")?;
            match out {
                Some(path) => std::fs::write(path, &json)
                    .with_context(|| format!("writing {}", path.display()))?,
                None => std::io::stdout()
                    .lock()
                    .write_all(&json)
                    .context("writing the export")?,
            }
            eprintln!("exported {} comments", data.comments.len());
        }
        PrivacyAction::Erase { email, yes } => {
            let n = store
                .comments_by_email(&retort_domain::privacy::normalise_email(email))
                .await
                .context("reading the data")?
                .len();
            if !yes {
                anyhow::bail!(
                    "{n} comments were written with this address; run again with --yes to erase them"
                );
            }
            let erased = privacy
                .erase(email, "cli", now)
                .await
                .context("erasing (nothing was changed)")?;
            crate::background::bump_data_epoch(store.as_ref())
                .await
                .context("telling running servers")?;
            println!(
                "erased: {} comments anonymised, {} deleted, {} queued messages dropped",
                erased.anonymised, erased.deleted, erased.mails_dropped
            );
        }
    }
    Ok(())
}
