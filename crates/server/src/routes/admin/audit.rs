//! The audit log page (`GET /admin/audit`): the newest moderation actions, data exports and
//! erasures, newest first. Moderators see the entries about their sites; admins see all.

use std::fmt::Write as _;

use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use retort_textproc::escape_html as esc;

use super::{Staff, page};
use crate::routes::St;
use crate::views::human_date;

/// Most entries shown.
const SHOWN: i64 = 200;

/// `GET /admin/audit`.
pub async fn index(State(state): St, staff: Staff) -> Response {
    let entries = match state.admin.queue.audit_log(&staff.user, SHOWN).await {
        Ok(e) => e,
        Err(e) => return page::from_domain(e),
    };
    let mut body = String::new();
    if entries.is_empty() {
        body.push_str("<p>Nothing has been recorded yet.</p>");
    } else {
        body.push_str("<table><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Who</th><th scope=\"col\">What</th>\
<th scope=\"col\">Site</th><th scope=\"col\">Subject</th><th scope=\"col\">Details</th></tr></thead><tbody>");
        for (e, site) in &entries {
            let subject = match e.subject.strip_prefix("comment:").map(str::parse::<i64>) {
                Some(Ok(id)) => format!("<a href=\"/admin/comments/{id}\">comment {id}</a>"),
                _ => esc(&e.subject),
            };
            let _ = write!(
                body,
                "<tr><td>{when}</td><td>{who}</td><td>{what}</td><td>{site}</td><td>{subject}</td><td>{details}</td></tr>",
                when = human_date(e.at),
                who = esc(&e.actor),
                what = esc(&e.action),
                site = esc(site),
                details = esc(&e.details),
            );
        }
        body.push_str("</tbody></table>");
    }
    Html(page::layout("Audit log", Some(&staff), &body)).into_response()
}
