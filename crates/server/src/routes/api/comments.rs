//! `POST /api/v1/comments` (post a comment or reply), `PATCH` and `DELETE
//! /api/v1/comments/{id}` (edit or delete one's own comment with its edit token).

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use retort_domain::comment::{Comment, Status};
use retort_domain::comments::{Draft, ThreadRef};
use retort_domain::thread::Node;
use serde::Deserialize;

use crate::error::ApiError;
use crate::routes::ClientInfo;
use crate::views::{node_json, rfc3339};
use crate::{AppState, extract, now_ms};

#[derive(Deserialize)]
struct CreateBody {
    #[serde(default)]
    site: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    parent: Option<i64>,
    #[serde(default)]
    author: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    website: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    honeypot: String,
    #[serde(default)]
    form_token: Option<String>,
    /// Mail the author about replies (after confirming the address by mail).
    #[serde(default)]
    notify_replies: bool,
}

fn public(c: &Comment, avatars: Option<&crate::avatars::Avatars>) -> serde_json::Value {
    node_json(
        &Node {
            comment: c.clone(),
            depth: 0,
            replies: Vec::new(),
        },
        avatars,
    )
}

/// Posts a comment. 201 with the comment, its status (`approved` or `pending`; spam is
/// reported as `pending`), and the secret edit token.
pub async fn create(
    State(state): State<AppState>,
    client: ClientInfo,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    if !state.limiter.check(client.ip, now_ms()).await {
        return Err(ApiError::rate_limited());
    }
    let bytes = extract::read_body(body, state.settings.max_body_bytes).await?;
    let b: CreateBody = extract::json(&bytes)?;
    let notify_replies = b.notify_replies;
    if b.site.trim().is_empty() {
        return Err(retort_domain::Error::field("site", "is required").into());
    }
    let site = state
        .cache
        .site(state.store().as_ref(), b.site.trim())
        .await?
        .ok_or_else(|| ApiError::not_found("site"))?;
    super::check_origin(&site, &client)?;
    let draft = Draft {
        thread: match state
            .cache
            .thread_by_url(state.store().as_ref(), site.id, b.url.trim())
            .await?
        {
            Some(t) => ThreadRef::Known(t),
            None => ThreadRef::Url {
                url: b.url,
                title: b.title,
            },
        },
        parent: b.parent,
        author: b.author,
        email: b.email,
        website: b.website,
        text: b.text,
        honeypot: b.honeypot,
        form_token: b.form_token,
        ip: client.ip.map(|i| i.to_string()),
        user_agent: client.user_agent,
        referrer: client.referrer,
    };
    let posted = state.comments.post(site, draft, now_ms()).await?;
    state.thread_written(posted.thread.id);
    state
        .comment_posted(&posted, notify_replies, &headers)
        .await;
    let status = if posted.comment.status == Status::Approved {
        "approved"
    } else {
        "pending"
    };
    Ok(super::json(
        StatusCode::CREATED,
        &serde_json::json!({
            "comment": public(&posted.comment, state.cache.avatars()),
            "status": status,
            "thread": { "id": posted.thread.id, "url": posted.thread.url, "title": posted.thread.title },
            "edit_token": posted.edit_token,
            "edit_until": rfc3339(posted.edit_until),
        }),
    ))
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct EditBody {
    #[serde(default)]
    edit_token: Option<String>,
    #[serde(default)]
    text: Option<String>,
}

fn token(headers: &HeaderMap, body: &EditBody) -> Result<String, ApiError> {
    crate::client::header(headers, "x-retort-edit-token")
        .map(str::to_owned)
        .or_else(|| body.edit_token.clone())
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "missing_edit_token",
                "Send the edit token in the X-Retort-Edit-Token header or the edit_token field.",
            )
        })
}

fn parse_id(id: &str) -> Result<i64, ApiError> {
    id.parse().map_err(|_| ApiError::not_found("comment"))
}

async fn own_site_check(state: &AppState, id: i64, client: &ClientInfo) -> Result<(), ApiError> {
    let c = state
        .store()
        .comment(id)
        .await?
        .ok_or_else(|| ApiError::not_found("comment"))?;
    let t = state
        .store()
        .thread(c.thread_id)
        .await?
        .ok_or_else(|| ApiError::not_found("thread"))?;
    let s = state
        .store()
        .site(t.site_id)
        .await?
        .ok_or_else(|| ApiError::not_found("site"))?;
    super::check_origin(&s, client)
}

/// Edits one's own comment: `{"edit_token": …, "text": …}`.
pub async fn edit(
    State(state): State<AppState>,
    Path(id): Path<String>,
    client: ClientInfo,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    if !state.limiter.check(client.ip, now_ms()).await {
        return Err(ApiError::rate_limited());
    }
    let bytes = extract::read_body(body, state.settings.max_body_bytes).await?;
    let b: EditBody = extract::json(&bytes)?;
    let tok = token(&headers, &b)?;
    own_site_check(&state, id, &client).await?;
    let text = b.text.unwrap_or_default();
    let c = state.comments.edit(id, &tok, &text, now_ms()).await?;
    state.thread_written(c.thread_id);
    Ok(super::json(
        StatusCode::OK,
        &serde_json::json!({ "comment": public(&c, state.cache.avatars()) }),
    ))
}

/// Deletes one's own comment; the token comes in `X-Retort-Edit-Token` or a JSON body.
pub async fn delete(
    State(state): State<AppState>,
    Path(id): Path<String>,
    client: ClientInfo,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    if !state.limiter.check(client.ip, now_ms()).await {
        return Err(ApiError::rate_limited());
    }
    let bytes = extract::read_body(body, state.settings.max_body_bytes).await?;
    let b: EditBody = if bytes.iter().all(u8::is_ascii_whitespace) {
        EditBody::default()
    } else {
        extract::json(&bytes)?
    };
    let tok = token(&headers, &b)?;
    own_site_check(&state, id, &client).await?;
    let c = state.comments.delete(id, &tok, now_ms()).await?;
    state.thread_written(c.thread_id);
    Ok(super::json(
        StatusCode::OK,
        &serde_json::json!({ "id": c.id, "deleted": true }),
    ))
}
