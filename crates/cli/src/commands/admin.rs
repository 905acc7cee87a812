//! `retort admin create-user NAME [--role admin|moderator] [--site SITE…] --password-stdin`:
//! creates a staff account for the admin UI at `/admin`, or replaces the password, role and
//! sites of an existing one (which ends its sessions). The password is read from standard input
//! so that it never appears in the process list or shell history.

use std::io::Read as _;

use anyhow::Context;
use retort_domain::admin::account::{Accounts, Role};

use crate::config::{Config, DataArgs};

/// Arguments of `retort admin`.
#[derive(Debug, clap::Args)]
pub struct AdminArgs {
    #[command(subcommand)]
    pub action: AdminAction,
    #[command(flatten)]
    pub data: DataArgs,
}

/// What to do.
#[derive(Debug, clap::Subcommand)]
pub enum AdminAction {
    /// Create a staff account (or reset an existing one's password, role and sites).
    CreateUser {
        /// Login name.
        name: String,
        /// `admin` manages everything; `moderator` moderates the `--site`s only.
        #[arg(long, default_value = "moderator", value_parser = ["admin", "moderator"])]
        role: String,
        /// A site the moderator acts on (repeat for several).
        #[arg(long = "site", value_name = "SITE")]
        sites: Vec<String>,
        /// Where to mail notices of comments waiting for moderation (needs `[smtp]`).
        #[arg(long, value_name = "ADDRESS", default_value = "")]
        email: String,
        /// Read the password from standard input (the first line).
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}

/// Runs the staff notifier every `every` (the first run only sets where notices start).
pub fn spawn_notifier(
    notifier: retort_domain::admin::notify::Notifier,
    every: std::time::Duration,
) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            match notifier.run_once(retort_server::now_ms()).await {
                Ok(n) if n > 0 => tracing::info!(notices = n, "queued moderation notices"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "moderation notices failed; will retry"),
            }
        }
    });
}

/// Announces approved replies to their confirmed subscribers every two seconds.
pub fn spawn_reply_announcer(replies: retort_domain::replies::Replies, base: String) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(2));
        loop {
            tick.tick().await;
            match replies.announce(&base, retort_server::now_ms()).await {
                Ok(n) if n > 0 => tracing::info!(replies = n, "queued reply notifications"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "reply notifications failed; will retry"),
            }
        }
    });
}

/// Runs the command.
pub async fn run(action: &AdminAction, cfg: Config) -> anyhow::Result<()> {
    let AdminAction::CreateUser {
        name,
        role,
        sites,
        email,
        password_stdin: _,
    } = action;
    let role = Role::parse(role).context("--role must be admin or moderator")?;
    anyhow::ensure!(
        role == Role::Admin || !sites.is_empty(),
        "a moderator needs at least one --site"
    );
    let mut input = String::new();
    std::io::stdin()
        .take(4096)
        .read_to_string(&mut input)
        .context("reading the password from standard input")?;
    let password = input.lines().next().unwrap_or("").to_owned();
    let store = retort_storage::open(&cfg.backend())
        .await
        .context("opening the database")?;
    // Sites declared in the file exist once the server has started; create them now so that
    // an account can be made before the first start.
    for spec in &cfg.sites {
        if store.site_by_name(&spec.name).await?.is_none() {
            store
                .upsert_site(spec)
                .await
                .with_context(|| format!("saving site {}", spec.name))?;
        }
    }
    let accounts = Accounts::new(store, 0);
    let (user, created) = accounts
        .save_user(name, &password, role, sites, email, retort_server::now_ms())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!(
        "{} {} {}{}",
        if created { "created" } else { "updated" },
        user.role.as_str(),
        user.name,
        if user.sites.is_empty() {
            String::new()
        } else {
            format!(" for {}", user.sites.join(", "))
        }
    );
    Ok(())
}
