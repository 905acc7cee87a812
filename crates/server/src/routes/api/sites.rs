//! `GET /api/v1/sites/{site}`: what a comment form needs to know about a site, and a fresh
//! signed form token.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::error::ApiError;
use crate::{AppState, now_ms};

/// Public site information.
pub async fn get(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<Response, ApiError> {
    let site = state
        .cache
        .site(state.store().as_ref(), &name)
        .await?
        .ok_or_else(|| ApiError::not_found("site"))?;
    Ok(super::json(
        StatusCode::OK,
        &serde_json::json!({
            "name": site.name,
            "title": site.title,
            "lang": site.lang,
            "privacy_url": format!("/sites/{}/privacy", site.name),
            "form_token": state.comments.form_token(site.id, now_ms()),
            "edit_window_secs": state.comments.settings().edit_window_secs,
            "max_depth": state.settings.max_depth,
            "reply_notifications": state.replies.is_some(),
        }),
    ))
}
