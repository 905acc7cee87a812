//! `retort serve`: opens the store, seeds the demo on first start, and serves HTTP until
//! SIGTERM or Ctrl-C, then shuts down gracefully.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use retort_domain::comment::Limits;
use retort_domain::comments::{Comments, Settings as CommentSettings};
use retort_domain::spam::{ModelFilter, RuleFilter, RuleSettings, SpamFilter};
use retort_domain::token::{FormSigner, random_hex};
use retort_server::{AppState, Settings};

use crate::config::{Config, DataArgs};

/// Arguments of `retort serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on (default 127.0.0.1:8080).
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<String>,
    #[command(flatten)]
    pub data: DataArgs,
}

/// Runs the server.
pub async fn run(cfg: Config) -> anyhow::Result<()> {
    if let Some(path) = std::env::var_os("RETORT_CLOCK_FILE") {
        tracing::warn!("the clock is read from RETORT_CLOCK_FILE (for tests only)");
        retort_server::inject_clock(path.into());
    }
    let backend = cfg.backend();
    let store = retort_storage::open(&backend)
        .await
        .context("opening the database")?;
    let first_start = store.sites().await.context("reading sites")?.is_empty();
    for spec in &cfg.sites {
        store
            .upsert_site(spec)
            .await
            .with_context(|| format!("saving site {}", spec.name))?;
    }
    if first_start && cfg.demo {
        crate::demo::seed(store.as_ref())
            .await
            .context("creating the demo")?;
    }
    let secret = store
        .init_setting("form_secret", &random_hex(32).context("random source")?)
        .await
        .context("reading the form secret")?;

    let rules = RuleFilter {
        settings: RuleSettings {
            min_seconds_to_submit: cfg.comments.min_seconds_to_submit,
            max_links: cfg.comments.max_links,
        },
    };
    let model = Arc::new(retort_classifier::Model::builtin().clone());
    let filter: Arc<dyn SpamFilter> = Arc::new(ModelFilter::new(model.clone(), rules));
    let learning = Arc::new(retort_domain::learning::Learning::new(store.clone(), model));
    let akismet = Arc::new(retort_domain::akismet::Akismet::new(
        store.clone(),
        learning.clone(),
    ));
    let comment_settings = CommentSettings {
        limits: Limits {
            name_chars: cfg.comments.max_name_chars,
            text_chars: cfg.comments.max_text_chars,
            ..Limits::default()
        },
        edit_window_secs: i64::from(cfg.comments.edit_window_minutes) * 60,
    };
    let comments = Comments::new(
        store.clone(),
        filter,
        FormSigner::new(&secret),
        comment_settings,
    )
    .with_learning(learning);
    let signer = FormSigner::new(&secret);
    let outbox = retort_domain::mail::Outbox::new(store.clone(), cfg.smtp.enabled());
    let privacy =
        retort_domain::privacy::Privacy::new(store.clone(), signer.clone(), outbox.clone());
    let avatars = retort_server::avatars::Avatars::new(signer.clone(), cfg.privacy.gravatar);
    let postgres = matches!(backend, retort_storage::Backend::Postgres(_));
    let settings = Settings {
        max_depth: cfg.comments.max_depth,
        trusted_proxies: cfg.proxy.trusted.clone(),
        rate_per_minute: cfg.rate_limit.per_minute,
        rate_burst: cfg.rate_limit.burst,
        max_body_bytes: cfg.limits.max_body_bytes,
        cache_ttl: postgres.then(|| Duration::from_secs(cfg.retention.shared_cache_ttl_secs)),
        retention: cfg.retention.policy(),
        retention_sweep_secs: cfg.retention.sweep_every_secs,
        privacy_contact: cfg.privacy.contact.clone(),
        privacy_requests_per_hour: cfg.privacy.requests_per_hour,
        smtp_relay: cfg
            .smtp
            .enabled()
            .then(|| format!("{}:{}", cfg.smtp.host.trim(), cfg.smtp.port)),
        public_url: cfg.public_url.clone(),
        backend_name: if postgres {
            "PostgreSQL".into()
        } else {
            "SQLite".into()
        },
        configured_sites: cfg.sites.iter().map(|s| s.name.clone()).collect(),
        admin_session_hours: cfg.admin.session_hours,
        login_attempts: cfg.admin.login_attempts,
        login_window_minutes: cfg.admin.login_window_minutes,
    };
    let replies =
        retort_domain::replies::Replies::new(store.clone(), signer.clone(), outbox.clone());
    let state = AppState::new(comments, akismet, privacy, Some(avatars), settings)
        .with_replies(replies.clone());

    let addr: SocketAddr = cfg.listen.parse().context("listen address")?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    let bound = listener.local_addr().context("reading the bound address")?;
    let base = cfg
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{bound}"));
    if cfg.smtp.enabled() {
        crate::commands::admin::spawn_reply_announcer(replies, base.clone());
    }
    if cfg.smtp.enabled() && cfg.admin.notify_every_secs > 0 {
        let notifier = retort_domain::admin::notify::Notifier::new(store.clone(), outbox, &base);
        // Comments held before notices were on are not announced.
        notifier
            .start()
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))
            .context("reading where moderation notices start")?;
        crate::commands::admin::spawn_notifier(
            notifier,
            Duration::from_secs(cfg.admin.notify_every_secs),
        );
    }
    // The first stdout line announces the address (tests and scripts read it).
    println!("retort listening on http://{bound}");
    if first_start && cfg.demo {
        println!("Demo article: open http://{bound}/demo");
    } else {
        println!("Threads: open http://{bound}/");
    }

    crate::background::spawn_retention(
        state.clone(),
        cfg.retention.policy(),
        Duration::from_secs(cfg.retention.sweep_every_secs),
    );
    crate::background::spawn_epoch_watch(state.clone());
    crate::background::spawn_mailer(store.clone(), cfg.smtp.clone()).context("setting up SMTP")?;

    let flusher = state.akismet.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        loop {
            tick.tick().await;
            if let Err(e) = flusher.flush().await {
                tracing::warn!(error = %e, "writing Akismet usage counters failed; will retry");
            }
        }
    });
    let last_flush = state.akismet.clone();
    let app = retort_server::app(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("serving")?;
    if let Err(e) = last_flush.flush().await {
        tracing::warn!(error = %e, "writing Akismet usage counters at shutdown failed");
    }
    tracing::info!("shut down");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
