//! The server's background jobs: the retention sweep on its schedule, the mail sender that
//! drains the outbox over SMTP with backoff, and the watcher that drops pre-rendered pages when
//! another process (`retort privacy erase`, `retort import`) changed the data.

use std::sync::Arc;
use std::time::Duration;

use lettre::message::Mailbox;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use retort_domain::mail::{Mail, backoff_ms};
use retort_domain::store::Store;

use crate::config::SmtpConfig;

/// The setting that processes other than the server bump after changing data.
pub const DATA_EPOCH: &str = "data_epoch";

/// Records that this process changed data behind running servers' backs: they drop their
/// pre-rendered pages within a second.
///
/// # Errors
/// When the store fails.
pub async fn bump_data_epoch(store: &dyn Store) -> retort_domain::store::Result<()> {
    let now = retort_server::now_ms();
    store.set_setting(DATA_EPOCH, &now.to_string()).await
}

/// Runs the retention sweep every `every`, with the (injectable) clock of
/// [`retort_server::now_ms`]; changed threads are rendered again.
pub fn spawn_retention(
    state: retort_server::AppState,
    policy: retort_domain::retention::Policy,
    every: Duration,
) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            let now = retort_server::now_ms();
            match retort_domain::retention::sweep(state.store().as_ref(), &policy, now).await {
                Ok(r) if !r.is_empty() => {
                    tracing::info!(
                        ips_truncated = r.ips_truncated,
                        ips_removed = r.ips_removed,
                        agents_removed = r.agents_removed,
                        deleted_texts_removed = r.deleted_texts_removed,
                        links_removed = r.links_removed,
                        rate_limits_forgotten = r.rate_limits_forgotten,
                        "retention sweep"
                    );
                    // Deleted comments' texts may have been on cached pages.
                    if r.deleted_texts_removed > 0 {
                        state.cache.clear();
                    }
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "retention sweep failed; will retry"),
            }
        }
    });
}

/// Drops the cache whenever [`DATA_EPOCH`] changes.
pub fn spawn_epoch_watch(state: retort_server::AppState) {
    tokio::spawn(async move {
        let mut seen = state.store().setting(DATA_EPOCH).await.ok().flatten();
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        loop {
            tick.tick().await;
            if let Ok(now) = state.store().setting(DATA_EPOCH).await
                && now != seen
            {
                tracing::info!("data changed by another process; pre-rendered pages dropped");
                state.cache.clear();
                seen = now;
            }
        }
    });
}

/// An error message with every word that looks like an address replaced, for the log.
fn redact(s: &str) -> String {
    s.split(' ')
        .map(|w| if w.contains('@') { "<address>" } else { w })
        .collect::<Vec<_>>()
        .join(" ")
}

fn transport(cfg: &SmtpConfig) -> anyhow::Result<AsyncSmtpTransport<Tokio1Executor>> {
    let host = cfg.host.trim();
    let builder = match cfg.security.as_str() {
        "tls" => AsyncSmtpTransport::<Tokio1Executor>::relay(host)?,
        "starttls" => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)?,
        _ => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
    };
    let mut builder = builder
        .port(cfg.port)
        .timeout(Some(Duration::from_secs(20)));
    if !cfg.username.is_empty() {
        builder = builder.credentials(Credentials::new(cfg.username.clone(), cfg.password.clone()));
    }
    Ok(builder.build())
}

fn message(from: &Mailbox, mail: &Mail) -> anyhow::Result<Message> {
    let mut b = Message::builder()
        .from(from.clone())
        .to(mail.to.parse::<Mailbox>()?)
        .subject(mail.subject.clone())
        .header(ContentType::TEXT_PLAIN);
    for (name, value) in &mail.headers {
        b = b.raw_header(HeaderValue::new(
            HeaderName::new_from_ascii(name.clone())?,
            value.clone(),
        ));
    }
    Ok(b.body(mail.body.clone())?)
}

/// Sends queued mail over SMTP: claims due messages, sends each, deletes it when the server
/// took it, and schedules a retry with backoff when it did not. Does nothing unless SMTP is
/// configured.
pub fn spawn_mailer(store: Arc<dyn Store>, cfg: SmtpConfig) -> anyhow::Result<()> {
    if !cfg.enabled() {
        return Ok(());
    }
    let transport = transport(&cfg)?;
    let from: Mailbox = cfg.from.parse()?;
    let base_ms = i64::try_from(cfg.retry_base_secs.saturating_mul(1000)).unwrap_or(i64::MAX);
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_millis(500));
        loop {
            tick.tick().await;
            let now = retort_server::now_ms();
            let due = match store.claim_mail(now, 120_000, 20).await {
                Ok(d) => d,
                Err(e) => {
                    tracing::warn!(error = %e, "reading the mail queue failed; will retry");
                    continue;
                }
            };
            for mail in due {
                let sent = match message(&from, &mail) {
                    Ok(m) => transport
                        .send(m)
                        .await
                        .map(|_| ())
                        .map_err(|e| e.to_string()),
                    Err(e) => Err(e.to_string()),
                };
                let result = match sent {
                    Ok(()) => store.mail_sent(mail.id).await,
                    Err(e) => {
                        let next = retort_server::now_ms() + backoff_ms(base_ms, mail.attempts);
                        tracing::warn!(mail_id = mail.id, attempts = mail.attempts + 1, error = %redact(&e), "sending mail failed; will retry");
                        store.mail_failed(mail.id, next, &e).await
                    }
                };
                if let Err(e) = result {
                    tracing::warn!(error = %e, "updating the mail queue failed");
                }
            }
        }
    });
    Ok(())
}
