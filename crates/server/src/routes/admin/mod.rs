//! The admin UI under `/admin`: server-rendered HTML that works without JavaScript.
//!
//! Owns the list of admin routes ([`routes`]) and the guard every non-public one passes: a live
//! session (else a redirect to the login form, or 401 for writes), the admin role where the
//! route needs it (403), and for every `POST` the Origin/Referer check and the session-bound
//! CSRF token (403). Because [`router`] registers only what [`routes`] lists and wraps each
//! entry by its access level, no route can be added without its guard. Handlers are thin:
//! `session` (login, logout), `queue` (queue, search, decisions), `comment` (one comment: edit,
//! reply), `sites` (settings), `keys` (API keys), `audit` (the audit log), `privacy` (commenters' export and erasure).
//! Business rules live in `retort_domain::admin`. Tested by `crates/cli/tests/it/admin.rs`
//! (every route anonymous and without a CSRF token) and the browser tests.

pub mod audit;
pub mod comment;
pub mod keys;
pub mod page;
pub mod privacy;
pub mod queue;
pub mod session;
pub mod sites;

use std::net::SocketAddr;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{MethodRouter, get, post};
use retort_domain::admin::account::{self, Accounts, User};
use retort_domain::admin::moderation::Queue;

use crate::{AppState, client, extract, now_ms};

/// The session cookie's name.
pub const COOKIE: &str = "retort_admin";

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone (the login form).
    Public,
    /// Any logged-in staff member; comment routes check the comment's site in the domain.
    Staff,
    /// Admins only (site settings, API keys).
    Admin,
}

/// One admin route: method, path under `/admin`, and who may use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    /// `GET` or `POST`.
    pub method: &'static str,
    /// Path under `/admin` (`{…}` marks a parameter).
    pub path: &'static str,
    /// Who may use it.
    pub access: Access,
}

impl Route {
    /// Whether the route changes state (and so needs a CSRF token).
    pub fn is_write(&self) -> bool {
        self.method != "GET"
    }
}

const fn r(method: &'static str, path: &'static str, access: Access) -> Route {
    Route {
        method,
        path,
        access,
    }
}

/// Every admin route with its handler: the one list the router is built from.
pub fn routes() -> Vec<(Route, MethodRouter<AppState>)> {
    use Access::{Admin, Public, Staff};
    vec![
        (r("GET", "/login", Public), get(session::form)),
        (r("POST", "/login", Public), post(session::login)),
        (r("POST", "/logout", Staff), post(session::logout)),
        (r("GET", "/", Staff), get(queue::index)),
        (r("POST", "/bulk", Staff), post(queue::bulk)),
        (r("GET", "/comments/{id}", Staff), get(comment::show)),
        (
            r("POST", "/comments/{id}/approve", Staff),
            post(queue::approve),
        ),
        (r("POST", "/comments/{id}/spam", Staff), post(queue::spam)),
        (r("POST", "/comments/{id}/ham", Staff), post(queue::ham)),
        (
            r("POST", "/comments/{id}/delete", Staff),
            post(queue::delete),
        ),
        (r("POST", "/comments/{id}/edit", Staff), post(comment::edit)),
        (
            r("POST", "/comments/{id}/reply", Staff),
            post(comment::reply),
        ),
        (r("GET", "/audit", Staff), get(audit::index)),
        (r("GET", "/sites", Staff), get(sites::index)),
        (r("GET", "/sites/{site}", Admin), get(sites::show)),
        (r("POST", "/sites/{site}", Admin), post(sites::update)),
        (r("POST", "/sites/{site}/keys", Admin), post(keys::create)),
        (
            r("POST", "/sites/{site}/keys/{id}/revoke", Admin),
            post(keys::revoke),
        ),
        (r("GET", "/privacy", Admin), get(privacy::index)),
        (r("POST", "/privacy/export", Admin), post(privacy::export)),
        (r("POST", "/privacy/erase", Admin), post(privacy::erase)),
    ]
}

/// The admin routes without their handlers (for tests and documentation).
pub fn route_list() -> Vec<Route> {
    routes().into_iter().map(|(r, _)| r).collect()
}

/// The `/admin` router: each listed route, wrapped in the guard for its access level.
pub fn router(state: &AppState) -> Router<AppState> {
    let mut router = Router::new();
    for (route, handler) in routes() {
        let handler = if route.access == Access::Public {
            handler
        } else {
            handler.route_layer(middleware::from_fn_with_state(
                (state.clone(), route),
                guard,
            ))
        };
        router = router.route(route.path, handler);
    }
    router
}

/// What the admin side keeps: accounts, the queue, login limits and cookie settings.
pub struct AdminState {
    /// Accounts and sessions.
    pub accounts: Accounts,
    /// The moderation queue.
    pub queue: Queue,
    /// Login attempt limits.
    pub logins: session::LoginLimiter,
}

/// The logged-in staff member of a request, put there by the guard.
#[derive(Debug, Clone)]
pub struct Staff {
    /// The account.
    pub user: User,
    /// The CSRF token to put in every form.
    pub csrf: String,
}

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Staff {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, Self::Rejection> {
        // Present only behind the guard: a handler on an unguarded route fails closed.
        parts
            .extensions
            .get::<Staff>()
            .cloned()
            .ok_or_else(|| page::error(StatusCode::UNAUTHORIZED, "Please log in.").into_response())
    }
}

/// A cookie's value.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Whether the request's `Origin` (or, without one, its `Referer`) is this server; a request
/// with neither passes (it is not from a browser page, and still needs the CSRF token).
pub fn same_origin(state: &AppState, headers: &HeaderMap) -> bool {
    let own = |o: &str| {
        client::is_same_origin(headers, o)
            || state.settings.public_url.as_deref().is_some_and(|p| {
                url::Url::parse(p)
                    .is_ok_and(|u| u.origin().ascii_serialization().eq_ignore_ascii_case(o))
            })
    };
    if let Some(origin) = client::header(headers, "origin") {
        return own(origin.trim_end_matches('/'));
    }
    if let Some(referer) = client::header(headers, "referer") {
        return url::Url::parse(referer).is_ok_and(|u| own(&u.origin().ascii_serialization()));
    }
    true
}

/// Whether the browser reached us over TLS: a configured `https` public URL, or
/// `X-Forwarded-Proto: https` from a trusted proxy.
pub fn over_tls(state: &AppState, peer: Option<SocketAddr>, headers: &HeaderMap) -> bool {
    if state
        .settings
        .public_url
        .as_deref()
        .is_some_and(|u| u.starts_with("https://"))
    {
        return true;
    }
    let trusted = peer.is_some_and(|p| {
        state
            .settings
            .trusted_proxies
            .iter()
            .any(|n| n.contains(&p.ip()))
    });
    trusted
        && client::header(headers, "x-forwarded-proto")
            .is_some_and(|p| p.trim().eq_ignore_ascii_case("https"))
}

async fn guard(
    State((state, route)): State<(AppState, Route)>,
    req: Request,
    next: Next,
) -> Response {
    let token = cookie(req.headers(), COOKIE).unwrap_or("").to_owned();
    let user = match state.admin.accounts.session(&token, now_ms()).await {
        Ok(u) => u,
        Err(e) => return page::from_domain(e),
    };
    let Some(user) = user else {
        return if req.method() == Method::GET {
            Redirect::to("/admin/login").into_response()
        } else {
            page::error(
                StatusCode::UNAUTHORIZED,
                "Your session has ended; please log in again.",
            )
        };
    };
    if route.access == Access::Admin && !user.is_admin() {
        return page::error(StatusCode::FORBIDDEN, "This page is for admins only.");
    }
    let csrf = account::csrf_token(&token);
    let req = if route.is_write() {
        if !same_origin(&state, req.headers()) {
            return page::error(
                StatusCode::FORBIDDEN,
                "This request came from another site (its Origin is not this server), so it was refused.",
            );
        }
        let (parts, body) = req.into_parts();
        let bytes = match extract::read_body(body, state.settings.max_body_bytes).await {
            Ok(b) => b,
            Err(e) => return e.into_html(),
        };
        let submitted = match client::header(&parts.headers, "x-csrf-token") {
            Some(h) => h.to_owned(),
            None => match extract::form(&bytes) {
                Ok(f) => f.get("csrf"),
                Err(e) => return e.into_html(),
            },
        };
        if !account::csrf_matches(&token, &submitted) {
            return page::error(
                StatusCode::FORBIDDEN,
                "The form's security token is missing or out of date. Go back, reload the page and try again.",
            );
        }
        Request::from_parts(parts, Body::from(bytes))
    } else {
        req
    };
    let mut req = req;
    req.extensions_mut().insert(Staff { user, csrf });
    let mut res = next.run(req).await;
    // Admin pages show personal data: never cache them.
    res.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    res
}

impl AdminState {
    /// Builds the admin state over the comment workflow.
    pub fn new(comments: &retort_domain::comments::Comments, settings: &crate::Settings) -> Self {
        AdminState {
            accounts: Accounts::new(
                comments.store().clone(),
                i64::from(settings.admin_session_hours) * 3_600_000,
            ),
            queue: Queue::new(comments.clone()),
            logins: session::LoginLimiter::new(
                settings.login_attempts,
                settings.login_window_minutes,
                comments.store().clone(),
                comments.signer().clone(),
            ),
        }
    }
}
