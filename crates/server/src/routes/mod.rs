//! The router: one module per resource. Handlers parse the request, call the domain, render.

pub mod admin;
pub mod akismet;
pub mod api;
pub mod feed;
pub mod health;
pub mod pages;
pub mod privacy;
pub mod replies;
pub mod widget;

use std::net::{IpAddr, SocketAddr};
use std::time::Instant;

use axum::Router;
use axum::extract::{ConnectInfo, FromRequestParts, MatchedPath, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};

use crate::AppState;
use crate::client;

/// Builds the router with all routes and middleware.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(pages::index))
        .route("/healthz", get(health::check))
        .route("/demo", get(pages::demo))
        .route("/threads/{id}", get(pages::thread))
        .route("/threads/{id}/comments", post(pages::create_comment))
        .route("/threads/{id}/atom.xml", get(feed::thread))
        .route("/sites/{site}/privacy", get(privacy::page))
        .route("/sites/{site}/privacy/request", post(privacy::request))
        .route("/privacy/{token}", get(privacy::link_page))
        .route("/privacy/{token}/export", post(privacy::export))
        .route("/privacy/{token}/erase", post(privacy::erase))
        .route("/avatars/{file}", get(privacy::avatar))
        .route("/embed.js", get(widget::script))
        .nest("/api/v1", api::router())
        .nest("/admin", admin::router(&state))
        .route(
            "/replies/{id}/confirm/{sig}",
            get(replies::confirm_form).post(replies::confirm),
        )
        .route(
            "/replies/{id}/unsubscribe/{sig}",
            get(replies::unsubscribe).post(replies::unsubscribe),
        )
        .merge(akismet_router())
        .fallback(fallback)
        .layer(middleware::from_fn_with_state(state.clone(), api::cors))
        .layer(middleware::from_fn(log_and_secure))
        .with_state(state)
}

fn akismet_router() -> Router<AppState> {
    let mut r = Router::new();
    for v in ["1.1", "1.2"] {
        r = r
            .route(
                &format!("/{v}/verify-key"),
                post(akismet::verify_key).get(akismet::verify_key),
            )
            .route(
                &format!("/{v}/comment-check"),
                post(akismet::comment_check).get(akismet::comment_check),
            )
            .route(
                &format!("/{v}/submit-spam"),
                post(akismet::submit_spam).get(akismet::submit_spam),
            )
            .route(
                &format!("/{v}/submit-ham"),
                post(akismet::submit_ham).get(akismet::submit_ham),
            )
            .route(
                &format!("/{v}/deactivate"),
                post(akismet::deactivate).get(akismet::deactivate),
            );
    }
    r.route(
        "/1.2/usage-limit",
        get(akismet::usage_limit).post(akismet::usage_limit),
    )
    .route(
        "/1.2/key-sites",
        get(akismet::key_sites).post(akismet::key_sites),
    )
}

async fn fallback(req: Request) -> Response {
    let e = crate::error::ApiError::new(
        axum::http::StatusCode::NOT_FOUND,
        "not_found",
        format!("No such page: {}", req.uri().path()),
    );
    if req.uri().path().starts_with("/api/") {
        axum::response::IntoResponse::into_response(e)
    } else {
        e.into_html()
    }
}

/// Logs one line per request (method, route, status, latency; never IPs, e-mails or bodies)
/// and sets security headers.
async fn log_and_secure(req: Request, next: Next) -> Response {
    let start = Instant::now();
    // No path segment or query value may hold a NUL character (databases refuse them).
    let uri = req.uri().to_string().to_ascii_lowercase();
    if uri.contains("%00") {
        let e = crate::extract::nul_error();
        return if req.uri().path().starts_with("/api/") {
            axum::response::IntoResponse::into_response(e)
        } else {
            e.into_html()
        };
    }
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned())
        .unwrap_or_else(|| "(unmatched)".into());
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.entry(header::X_CONTENT_TYPE_OPTIONS)
        .or_insert(HeaderValue::from_static("nosniff"));
    h.entry(header::REFERRER_POLICY)
        .or_insert(HeaderValue::from_static("strict-origin-when-cross-origin"));
    tracing::info!(%method, %route, status = res.status().as_u16(), latency_us = start.elapsed().as_micros() as u64, "request");
    res
}

/// What the server knows about the client of a request.
#[derive(Debug, Clone, Default)]
pub struct ClientInfo {
    /// Client IP, after trusted-proxy resolution.
    pub ip: Option<IpAddr>,
    /// `User-Agent`.
    pub user_agent: Option<String>,
    /// `Referer`.
    pub referrer: Option<String>,
    /// `Origin`, if sent.
    pub origin: Option<String>,
    /// Whether `Origin` is this server itself.
    pub same_origin: bool,
}

impl FromRequestParts<AppState> for ClientInfo {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0);
        let h = &parts.headers;
        let origin = client::header(h, "origin").map(str::to_owned);
        Ok(ClientInfo {
            ip: client::client_ip(peer, h, &state.settings.trusted_proxies),
            user_agent: client::header(h, "user-agent").map(str::to_owned),
            referrer: client::header(h, "referer").map(str::to_owned),
            same_origin: origin
                .as_deref()
                .is_some_and(|o| client::is_same_origin(h, o)),
            origin,
        })
    }
}

/// Shared state extractor alias.
pub type St = State<AppState>;
