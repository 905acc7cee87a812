//! The JSON API under `/api/v1`, described by `openapi.json` (served at
//! `/api/v1/openapi.json`). CORS is granted only to a site's allowed origins.

pub mod comments;
pub mod counts;
pub mod sites;
pub mod threads;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::AppState;
use crate::client;
use crate::error::ApiError;

/// The OpenAPI document of this API.
pub const OPENAPI: &str = include_str!("openapi.json");

/// The `/api/v1` routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/threads", get(threads::get))
        .route("/sites/{site}", get(sites::get))
        .route("/comments", axum::routing::post(comments::create))
        .route(
            "/comments/{id}",
            axum::routing::patch(comments::edit).delete(comments::delete),
        )
        .route("/counts", get(counts::get).post(counts::post))
        .route("/openapi.json", get(openapi))
        .fallback(|| async {
            ApiError::new(StatusCode::NOT_FOUND, "not_found", "No such API call.")
        })
}

async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI)
}

/// Answers CORS preflights and adds `Access-Control-Allow-Origin` for allowed origins. For a
/// `GET` naming a `site`, only that site's origins are allowed; otherwise an origin is allowed
/// when some site allows it, and writes check the comment's own site in the handler.
pub async fn cors(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let origin = client::header(req.headers(), "origin").map(str::to_owned);
    let Some(origin) = origin.filter(|_| req.uri().path().starts_with("/api/")) else {
        return next.run(req).await;
    };
    let site_param = if req.method() == Method::GET {
        crate::extract::form(req.uri().query().unwrap_or("").as_bytes())
            .ok()
            .map(|f| f.get("site"))
            .filter(|s| !s.is_empty())
    } else {
        None
    };
    let allowed = match &site_param {
        Some(name) => {
            matches!(state.cache.site(state.store().as_ref(), name).await, Ok(Some(s)) if s.allows_origin(&origin))
        }
        None => state
            .store()
            .sites()
            .await
            .map(|v| v.iter().any(|s| s.allows_origin(&origin)))
            .unwrap_or(false),
    };
    let preflight = req.method() == Method::OPTIONS;
    let mut res = if preflight {
        StatusCode::NO_CONTENT.into_response()
    } else {
        next.run(req).await
    };
    if allowed {
        let h = res.headers_mut();
        if let Ok(v) = HeaderValue::from_str(&origin) {
            h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, v);
        }
        h.insert(header::VARY, HeaderValue::from_static("Origin"));
        if preflight {
            h.insert(
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static("GET, POST, PATCH, DELETE"),
            );
            h.insert(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static("Content-Type, X-Retort-Edit-Token"),
            );
            h.insert(
                header::ACCESS_CONTROL_MAX_AGE,
                HeaderValue::from_static("600"),
            );
        }
    }
    res
}

/// Refuses a write from a cross-site origin that the site does not allow.
///
/// # Errors
/// 403 `origin_not_allowed`.
pub fn check_origin(
    site: &retort_domain::site::Site,
    client: &super::ClientInfo,
) -> Result<(), ApiError> {
    match &client.origin {
        Some(o) if !client.same_origin && !site.allows_origin(o) => Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "origin_not_allowed",
            format!("Origin {o} is not allowed to post to site '{}'.", site.name),
        )),
        _ => Ok(()),
    }
}

/// A JSON response with a status.
pub fn json(status: StatusCode, v: &serde_json::Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        v.to_string(),
    )
        .into_response()
}
