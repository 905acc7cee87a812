//! Comment counts for many article URLs in one call: `GET /api/v1/counts?site=…&url=…&url=…`
//! or `POST /api/v1/counts` with `{"site": …, "urls": […]}`.

use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::AppState;
use crate::error::ApiError;
use crate::extract;

/// Most URLs in one call.
pub const MAX_URLS: usize = 500;

async fn answer(state: &AppState, site: &str, urls: Vec<String>) -> Result<Response, ApiError> {
    if urls.len() > MAX_URLS {
        return Err(ApiError::bad_request(
            "too_many_urls",
            format!("At most {MAX_URLS} URLs per call."),
        ));
    }
    let site = state
        .cache
        .site(state.store().as_ref(), site)
        .await?
        .ok_or_else(|| ApiError::not_found("site"))?;
    let found = state.store().counts(site.id, &urls).await?;
    let mut counts = serde_json::Map::new();
    for u in &urls {
        counts.insert(u.clone(), 0.into());
    }
    for (u, n) in found {
        counts.insert(u, n.into());
    }
    Ok(super::json(
        StatusCode::OK,
        &serde_json::json!({ "counts": counts }),
    ))
}

/// `GET` form.
pub async fn get(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let q = extract::form(query.unwrap_or_default().as_bytes())?;
    let site = super::threads::required(&q, "site")?;
    answer(&state, &site, q.all("url")).await
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CountsBody {
    site: String,
    urls: Vec<String>,
}

/// `POST` form.
pub async fn post(State(state): State<AppState>, body: Body) -> Result<Response, ApiError> {
    let bytes = extract::read_body(body, state.settings.max_body_bytes).await?;
    let b: CountsBody = extract::json(&bytes)?;
    answer(&state, &b.site, b.urls).await
}
