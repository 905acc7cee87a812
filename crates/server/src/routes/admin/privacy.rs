//! Commenters' data rights for admins: `GET /admin/privacy` is a form for an e-mail address;
//! `POST /admin/privacy/export` downloads everything stored about it (JSON) and
//! `POST /admin/privacy/erase` erases it per each site's policy. The same operations as the
//! commenters' self-service links and `retort privacy`, written to the same audit log with the
//! admin as the actor. Admins only: an address's data span every site.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use super::{Staff, page};
use crate::routes::St;
use crate::{extract, now_ms};

/// `GET /admin/privacy`.
pub async fn index(staff: Staff) -> Response {
    let csrf = page::csrf_field(&staff);
    let body = format!(
        "<p>Export or erase everything stored about a commenter, by the email address they commented with. \
Erasure follows each site's policy (anonymise or delete) and cannot be undone. Both are written to the audit log \
under a keyed hash of the address.</p>\
<form method=\"post\" action=\"/admin/privacy/export\">{csrf}<label for=\"export-email\">Email address</label>\
<input type=\"text\" id=\"export-email\" name=\"email\" required> <button type=\"submit\">Download the data (JSON)</button></form>\
<form method=\"post\" action=\"/admin/privacy/erase\">{csrf}<label for=\"erase-email\">Email address</label>\
<input type=\"text\" id=\"erase-email\" name=\"email\" required>\
<label><input type=\"checkbox\" name=\"confirm\" value=\"yes\" required> Erase this commenter's data on every site</label>\
<button type=\"submit\">Erase</button></form>"
    );
    Html(page::layout("Commenters' data", Some(&staff), &body)).into_response()
}

fn email_of(body: &[u8]) -> Result<(String, extract::Form), Box<Response>> {
    let form = extract::form(body).map_err(|e| Box::new(e.into_html()))?;
    let email = form.get("email").trim().to_owned();
    if email.is_empty() || !email.contains('@') {
        return Err(Box::new(page::error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Enter the email address the commenter used.",
        )));
    }
    Ok((email, form))
}

/// `POST /admin/privacy/export`.
pub async fn export(State(state): St, staff: Staff, body: Bytes) -> Response {
    let (email, _) = match email_of(&body) {
        Ok(x) => x,
        Err(r) => return *r,
    };
    let actor = format!("admin:{}", staff.user.name);
    let data = match state.privacy.export(&email, &actor, now_ms()).await {
        Ok(d) => d,
        Err(e) => return page::from_domain(e),
    };
    match serde_json::to_vec_pretty(&data) {
        Ok(json) => (
            [
                (header::CONTENT_TYPE, "application/json; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"comment-data.json\"",
                ),
                (header::CACHE_CONTROL, "no-store"),
            ],
            json,
        )
            .into_response(),
        Err(e) => page::error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

/// `POST /admin/privacy/erase` (needs `confirm=yes`).
pub async fn erase(State(state): St, staff: Staff, body: Bytes) -> Response {
    let (email, form) = match email_of(&body) {
        Ok(x) => x,
        Err(r) => return *r,
    };
    if form.get("confirm") != "yes" {
        return page::error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Tick the box to confirm the erasure.",
        );
    }
    let actor = format!("admin:{}", staff.user.name);
    let erased = match state.privacy.erase(&email, &actor, now_ms()).await {
        Ok(e) => e,
        Err(e) => return page::from_domain(e),
    };
    for t in &erased.threads {
        state.thread_written(*t);
    }
    let body = format!(
        "<p class=\"notice\" role=\"status\">Erased: {} comment(s) anonymised, {} deleted, {} queued message(s) dropped.</p>\
<p><a href=\"/admin/privacy\">Back</a></p>",
        erased.anonymised, erased.deleted, erased.mails_dropped
    );
    Html(page::layout("Commenters' data", Some(&staff), &body)).into_response()
}
