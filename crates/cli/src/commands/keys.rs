//! `retort keys create --site URL | list | revoke KEY`: keys of the Akismet-compatible API.
//! Keys are printed once at creation and stored only as a SHA-256 hash.

use anyhow::Context;

use crate::config::{Config, DataArgs};

/// Arguments of `retort keys`.
#[derive(Debug, clap::Args)]
pub struct KeysArgs {
    #[command(subcommand)]
    pub action: KeysAction,
    #[command(flatten)]
    pub data: DataArgs,
}

/// What to do with keys.
#[derive(Debug, clap::Subcommand)]
pub enum KeysAction {
    /// Create a key for a site and print it.
    Create {
        /// The site's front-page URL, as the client sends it in `blog`.
        #[arg(long)]
        site: String,
    },
    /// List keys (their first four characters, site and state).
    List,
    /// Revoke a key.
    Revoke {
        /// The key.
        key: String,
    },
}

/// Runs the command.
pub async fn run(action: &KeysAction, cfg: Config) -> anyhow::Result<()> {
    let store = retort_storage::open(&cfg.backend())
        .await
        .context("opening the database")?;
    let now = retort_server::now_ms();
    match action {
        KeysAction::Create { site } => {
            let u = url::Url::parse(site)
                .with_context(|| format!("--site {site} is not a URL like https://blog.example"))?;
            anyhow::ensure!(
                u.scheme() == "http" || u.scheme() == "https",
                "--site must be an http(s) URL"
            );
            let key = retort_domain::apikey::generate().context("random source")?;
            store
                .create_api_key(
                    &retort_domain::token::hash_token(&key),
                    &key[..4],
                    site,
                    now,
                )
                .await
                .context("storing the key")?;
            println!("{key}");
        }
        KeysAction::List => {
            for k in store.api_keys().await.context("reading keys")? {
                let state = if k.is_active() { "active" } else { "revoked" };
                println!("{}…\t{}\t{}", k.hint, k.site_url, state);
            }
        }
        KeysAction::Revoke { key } => {
            let done = store
                .revoke_api_key(&retort_domain::token::hash_token(key.trim()), now)
                .await
                .context("revoking")?;
            anyhow::ensure!(
                done,
                "no active key {}…",
                key.chars().take(4).collect::<String>()
            );
            println!("revoked");
        }
    }
    Ok(())
}
