//! `GET /api/v1/threads?site=…&url=…`: a thread's public comment tree.

use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::error::ApiError;
use crate::extract;

/// A required query parameter.
///
/// # Errors
/// 400 `missing_parameter` naming the parameter.
pub fn required(q: &extract::Form, key: &'static str) -> Result<String, ApiError> {
    let v = q.get(key);
    if v.trim().is_empty() {
        let mut e = ApiError::bad_request(
            "missing_parameter",
            format!("The query parameter '{key}' is required."),
        );
        e.fields = vec![retort_domain::FieldError {
            field: key,
            message: "is required".into(),
        }];
        return Err(e);
    }
    Ok(v)
}

/// The thread, served from the pre-rendered cache.
pub async fn get(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let q = extract::form(query.unwrap_or_default().as_bytes())?;
    let site = required(&q, "site")?;
    let url = required(&q, "url")?;
    let store = state.store().as_ref();
    let site = state
        .cache
        .site(store, &site)
        .await?
        .ok_or_else(|| ApiError::not_found("site"))?;
    let id = state
        .cache
        .thread_id(store, site.id, url.trim())
        .await?
        .ok_or_else(|| ApiError::not_found("thread"))?;
    let t = state
        .cache
        .thread(store, id, state.settings.max_depth)
        .await?
        .ok_or_else(|| ApiError::not_found("thread"))?;
    Ok(([(header::CONTENT_TYPE, "application/json")], t.json.clone()).into_response())
}
