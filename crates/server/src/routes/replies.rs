//! The signed links of reply notifications: `/replies/{comment}/confirm/{signature}` (a page
//! with a button, so that mail scanners that open links do not confirm anything) and
//! `/replies/{comment}/unsubscribe/{signature}` (one click: opening it unsubscribes, and so does
//! the RFC 8058 `POST` that mail programs send).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use retort_domain::replies::{Purpose, Replies};
use retort_textproc::escape_html as esc;

use super::St;
use crate::error::ApiError;
use crate::views::layout;
use crate::{AppState, now_ms};

/// The service and the comment id of a link, when the server mails and the id is a number.
fn target<'a>(state: &'a AppState, id: &str) -> Option<(&'a Replies, i64)> {
    Some((state.replies.as_deref()?, id.parse().ok()?))
}

fn not_found() -> Response {
    ApiError::not_found("subscription").into_html()
}

/// `GET /replies/{comment}/confirm/{signature}`: asks to confirm.
pub async fn confirm_form(State(state): St, Path((id, sig)): Path<(String, String)>) -> Response {
    let Some((r, cid)) = target(&state, &id) else {
        return not_found();
    };
    if !r.verify(Purpose::Confirm, cid, &sig) {
        return not_found();
    }
    let body = format!(
        "<h1>Replies by email</h1><p>Do you want to be told by email of replies to your comment?</p>\
<form method=\"post\" action=\"/replies/{cid}/confirm/{sig}\"><button type=\"submit\">Yes, tell me about replies</button></form>",
        sig = esc(&sig)
    );
    Html(layout("Replies by email", &body)).into_response()
}

/// `POST /replies/{comment}/confirm/{signature}`: confirms.
pub async fn confirm(State(state): St, Path((id, sig)): Path<(String, String)>) -> Response {
    let Some((r, cid)) = target(&state, &id) else {
        return not_found();
    };
    match r.confirm(cid, &sig, now_ms()).await {
        Ok(()) => Html(layout(
            "Replies by email",
            "<h1>Confirmed</h1><p>You will get an email when someone replies to your comment. Every such email has a link to stop them.</p>",
        ))
        .into_response(),
        Err(e) => ApiError::from(e).into_html(),
    }
}

/// `GET` or `POST /replies/{comment}/unsubscribe/{signature}`: unsubscribes at once.
pub async fn unsubscribe(State(state): St, Path((id, sig)): Path<(String, String)>) -> Response {
    let Some((r, cid)) = target(&state, &id) else {
        return not_found();
    };
    match r.unsubscribe(cid, &sig).await {
        Ok(()) => (
            StatusCode::OK,
            Html(layout(
                "Replies by email",
                "<h1>Unsubscribed</h1><p>You will get no more email about replies to this comment.</p>",
            )),
        )
            .into_response(),
        Err(e) => ApiError::from(e).into_html(),
    }
}
