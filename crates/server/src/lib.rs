//! The HTTP face of Retort: server-rendered pages that work without JavaScript, the JSON API
//! under `/api/v1`, the Atom feeds and the embeddable widget.
//!
//! Owns routing, request parsing (with clear 4xx errors for bad input), the mapping of domain
//! errors to status codes (only [`error::ApiError`] knows them), CORS, client-IP resolution,
//! rate limits and the cache of pre-rendered threads. Must not contain business rules: handlers
//! parse, call [`retort_domain::comments::Comments`], and render. Entry point: [`app`].
//! Tested by unit tests here and by the black-box suite in `crates/cli/tests/it`.
#![forbid(unsafe_code)]

pub mod avatars;
pub mod cache;
pub mod client;
pub mod error;
pub mod extract;
pub mod i18n;
pub mod rate_limit;
pub mod routes;
pub mod settings;
pub mod views;

use std::sync::Arc;

use axum::Router;
use retort_domain::comments::Comments;
use retort_domain::store::Store;

pub use settings::Settings;

/// Everything a handler needs.
#[derive(Clone)]
pub struct AppState {
    /// The comment workflow.
    pub comments: Comments,
    /// Server settings.
    pub settings: Arc<Settings>,
    /// Pre-rendered threads.
    pub cache: Arc<cache::ThreadCache>,
    /// Per-IP limiter for writes.
    pub limiter: Arc<rate_limit::Limiter>,
    /// The Akismet-compatible service.
    pub akismet: Arc<retort_domain::akismet::Akismet>,
    /// Staff accounts, sessions, login limits and the moderation queue.
    pub admin: Arc<routes::admin::AdminState>,
    /// Reply notifications, when the server can send mail.
    pub replies: Option<Arc<retort_domain::replies::Replies>>,
    /// Commenters' data rights.
    pub privacy: retort_domain::privacy::Privacy,
    /// Per-IP limiter for self-service link requests.
    pub privacy_limiter: Arc<rate_limit::Limiter>,
}

impl AppState {
    /// Builds the state.
    pub fn new(
        comments: Comments,
        akismet: Arc<retort_domain::akismet::Akismet>,
        privacy: retort_domain::privacy::Privacy,
        avatars: Option<avatars::Avatars>,
        settings: Settings,
    ) -> Self {
        // Both allowances are kept in the store as well, shared by every instance on it.
        let store = comments.store().clone();
        let signer = comments.signer().clone();
        let limiter = rate_limit::Limiter::new(settings.rate_per_minute, settings.rate_burst)
            .shared(store.clone(), signer.clone(), "write-limit");
        // A person needs a link now and then; an abuser would ask for many.
        let privacy_limiter = rate_limit::Limiter::per_hour(
            settings.privacy_requests_per_hour,
            settings.privacy_requests_per_hour.saturating_mul(3),
        )
        .shared(store, signer, "privacy-limit");
        let cache = cache::ThreadCache::new(settings.cache_ttl, avatars);
        let admin = routes::admin::AdminState::new(&comments, &settings);
        AppState {
            admin: Arc::new(admin),
            replies: None,
            comments,
            settings: Arc::new(settings),
            cache: Arc::new(cache),
            limiter: Arc::new(limiter),
            akismet,
            privacy,
            privacy_limiter: Arc::new(privacy_limiter),
        }
    }

    /// Records a write to a thread so its pre-rendered page and JSON are rebuilt.
    pub fn thread_written(&self, thread_id: i64) {
        self.cache
            .written(self.store().clone(), thread_id, self.settings.max_depth);
    }

    /// Offers reply notifications (when `replies` can send mail).
    #[must_use]
    pub fn with_replies(mut self, replies: retort_domain::replies::Replies) -> Self {
        self.replies = replies.enabled().then(|| Arc::new(replies));
        self
    }

    /// After a comment was posted: when its author ticked "tell me of replies", records that
    /// and mails the confirmation link (links start with the public URL, or the request's
    /// `Host`). A failure is logged; the comment stands.
    pub async fn comment_posted(
        &self,
        posted: &retort_domain::comments::Posted,
        wants_replies: bool,
        headers: &axum::http::HeaderMap,
    ) {
        let Some(replies) = self.replies.as_ref().filter(|_| wants_replies) else {
            return;
        };
        let base = self.link_base(headers);
        if let Err(e) = replies
            .subscribe(&posted.comment, &posted.thread.title, &base, now_ms())
            .await
        {
            tracing::warn!(error = %e, "recording a reply subscription failed");
        }
    }

    /// The base of links in mail: the configured public URL, or the `Host` of the request.
    pub fn link_base(&self, headers: &axum::http::HeaderMap) -> String {
        self.settings.public_url.clone().map_or_else(
            || {
                let host = client::header(headers, "host").unwrap_or("localhost");
                format!("http://{host}")
            },
            |u| u.trim_end_matches('/').to_owned(),
        )
    }

    /// Records that a site's settings changed, so cached copies of it are dropped.
    pub fn site_written(&self, name: &str) {
        self.cache.site_changed(name);
    }

    /// The store.
    pub fn store(&self) -> &Arc<dyn Store> {
        self.comments.store()
    }
}

/// The whole application.
pub fn app(state: AppState) -> Router {
    routes::router(state)
}

/// Where the current time comes from: the system clock, or, for tests, a file holding Unix
/// milliseconds (`RETORT_CLOCK_FILE`), read on every call so a test can move time forward.
static CLOCK_FILE: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();

/// Makes [`now_ms`] read the time from `path` (tests only; set once at start-up).
pub fn inject_clock(path: std::path::PathBuf) {
    let _ = CLOCK_FILE.set(path);
}

/// Current time, Unix milliseconds.
pub fn now_ms() -> i64 {
    if let Some(path) = CLOCK_FILE.get()
        && let Some(ms) = std::fs::read_to_string(path)
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
    {
        return ms;
    }
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
