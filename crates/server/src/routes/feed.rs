//! `GET /threads/{id}/atom.xml`: the Atom feed of a thread's published comments.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::IntoResponse;

use super::St;
use crate::error::{ApiError, PageError};

/// The feed, newest 50 comments first.
pub async fn thread(
    State(state): St,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<impl IntoResponse, PageError> {
    let id: i64 = id.parse().map_err(|_| ApiError::not_found("thread"))?;
    let thread = state
        .store()
        .thread(id)
        .await?
        .ok_or_else(|| ApiError::not_found("thread"))?;
    let all = state.store().comments(id).await?;
    let mut shown: Vec<_> = all.iter().filter(|c| c.is_public()).collect();
    shown.reverse();
    shown.truncate(50);
    let host = crate::client::header(&headers, "host").unwrap_or("localhost");
    let base = state
        .settings
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{host}"));
    let xml = crate::views::atom(&thread, base.trim_end_matches('/'), &shown);
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        xml,
    ))
}
