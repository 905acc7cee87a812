//! One comment's page (`GET /admin/comments/{id}`) with its decisions, and the forms that edit
//! its text and reply to it as the site. Both writes refresh the public thread's cache.

use std::fmt::Write as _;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use retort_domain::comment::Status;
use retort_textproc::escape_html as esc;

use super::queue::{back, done_message, refresh};
use super::{Staff, page};
use crate::routes::St;
use crate::views::human_date;
use crate::{AppState, extract};

/// `GET /admin/comments/{id}`: one comment with its decisions, and forms to edit it and to
/// reply as the site.
pub async fn show(
    State(state): St,
    staff: Staff,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return page::error(StatusCode::NOT_FOUND, "comment not found");
    };
    let (c, thread, site) = match state.admin.queue.comment(&staff.user, id).await {
        Ok(x) => x,
        Err(e) => return page::from_domain(e),
    };
    let done = extract::form(query.unwrap_or_default().as_bytes())
        .map(|q| q.get("done"))
        .unwrap_or_default();
    let csrf = page::csrf_field(&staff);
    let back = format!("/admin/comments/{id}");
    let reasons: String = c
        .spam_reasons
        .iter()
        .map(|r| format!("<li>{}</li>", esc(r)))
        .collect();
    let mut body = done_message(&done);
    let _ = write!(
        body,
        "<p class=\"meta\"><strong>{author}</strong> &lt;{email}&gt; · site {site} · <a href=\"/threads/{tid}\">{title}</a> · {date} · \
<span class=\"status-{status}\">{status}</span> · score {score:.2}</p><ul class=\"reasons\">{reasons}</ul><div class=\"body\">{html}</div>\
<form method=\"post\" class=\"actions\">{csrf}<input type=\"hidden\" name=\"back\" value=\"{back}\">\
<button formaction=\"/admin/comments/{id}/approve\">Approve</button> <button formaction=\"/admin/comments/{id}/spam\">Spam</button> \
<button formaction=\"/admin/comments/{id}/ham\">Not spam</button> <button formaction=\"/admin/comments/{id}/delete\">Delete</button></form>\
<form method=\"post\" action=\"/admin/comments/{id}/edit\">{csrf}<input type=\"hidden\" name=\"back\" value=\"{back}\">\
<label for=\"edit-text\">Edit the text (Markdown)</label><textarea id=\"edit-text\" name=\"text\" rows=\"6\">{md}</textarea>\
<p><button type=\"submit\">Save edit</button></p></form>",
        author = esc(&c.author),
        email = esc(&c.email),
        site = esc(&site.name),
        tid = thread.id,
        title = esc(&thread.title),
        date = human_date(c.created_at),
        status = c.status.as_str(),
        score = c.spam_score,
        html = c.body_html,
        md = esc(&c.body_md),
    );
    if c.status == Status::Approved {
        let _ = write!(
            body,
            "<form method=\"post\" action=\"/admin/comments/{id}/reply\">{csrf}<input type=\"hidden\" name=\"back\" value=\"{back}\">\
<label for=\"reply-text\">Reply as {site_title}</label><textarea id=\"reply-text\" name=\"text\" rows=\"4\"></textarea>\
<p><button type=\"submit\">Publish reply</button></p></form>",
            site_title = esc(if site.title.is_empty() {
                &site.name
            } else {
                &site.title
            }),
        );
    } else {
        body.push_str("<p class=\"meta\">Approve the comment to reply to it as the site.</p>");
    }
    Html(page::layout(&format!("Comment {id}"), Some(&staff), &body)).into_response()
}

/// `POST /admin/comments/{id}/edit`: replaces the comment's text.
pub async fn edit(State(state): St, staff: Staff, Path(id): Path<String>, body: Bytes) -> Response {
    write_text(state, staff, id, body, false).await
}

/// `POST /admin/comments/{id}/reply`: publishes a reply signed with the site's title.
pub async fn reply(
    State(state): St,
    staff: Staff,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    write_text(state, staff, id, body, true).await
}

async fn write_text(
    state: AppState,
    staff: Staff,
    id: String,
    body: Bytes,
    reply: bool,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return page::error(StatusCode::NOT_FOUND, "comment not found");
    };
    let form = match extract::form(&body) {
        Ok(f) => f,
        Err(e) => return e.into_html(),
    };
    let queue = &state.admin.queue;
    let now = crate::now_ms();
    let text = form.get("text");
    let result = if reply {
        queue.reply(&staff.user, id, &text, now).await
    } else {
        queue.edit(&staff.user, id, &text, now).await
    };
    match result {
        Ok(acted) => {
            refresh(&state, std::slice::from_ref(&acted));
            back(&form, if reply { "reply-1" } else { "edit-1" })
        }
        Err(e) => page::from_domain(e),
    }
}
