//! The admin pages' frame: layout with navigation and the logout button, and error pages.
//! Every value is escaped here or by the caller with `esc`; comment bodies are the stored,
//! sanitised HTML.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use retort_textproc::escape_html as esc;

use super::Staff;
use crate::error::ApiError;

const STYLE: &str = r#"body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#222}
header.top{background:#203040;color:#fff;padding:.5rem 1rem;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
header.top a{color:#fff}header.top form{margin-left:auto}main{padding:1rem;max-width:70rem}
.skip{position:absolute;left:-10000px}.skip:focus{left:1rem;top:1rem;background:#fff;color:#000;padding:.3rem}
a{color:#0b57d0}:focus-visible{outline:3px solid #e5a100;outline-offset:2px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;vertical-align:top;text-align:left}
.body{max-width:40rem;overflow-wrap:anywhere}.meta{font-size:.85rem;color:#555}.reasons{font-size:.85rem;margin:.2rem 0;padding-left:1.1rem}
.status-spam{color:#a00;font-weight:600}.status-pending{color:#8a5a00;font-weight:600}
.notice{background:#e7f5e7;border:1px solid #6a6;padding:.5rem}.error{color:#b00}
.actions button{margin:.1rem}fieldset{border:1px solid #ccc;margin:.6rem 0}label{display:block;font-weight:600;margin-top:.4rem}
input[type=text],input[type=password],input[type=number],textarea,select{font:inherit;padding:.3rem}textarea{width:100%;box-sizing:border-box}
.search{display:flex;gap:.6rem;flex-wrap:wrap;align-items:end}.search label{margin:0}
.key{font-family:monospace;background:#ffd;padding:.3rem}"#;

/// A whole admin page. With `staff`, the navigation and the logout button are shown.
pub fn layout(title: &str, staff: Option<&Staff>, body: &str) -> String {
    let nav = match staff {
        Some(s) => format!(
            "<nav aria-label=\"Admin\"><a href=\"/admin\">Queue</a> · <a href=\"/admin/sites\">Sites</a> · <a href=\"/admin/audit\">Audit log</a> · <a href=\"/admin/privacy\">Commenters' data</a></nav>\
<span>Logged in as <strong>{name}</strong> ({role})</span>\
<form method=\"post\" action=\"/admin/logout\"><input type=\"hidden\" name=\"csrf\" value=\"{csrf}\"><button type=\"submit\">Log out</button></form>",
            name = esc(&s.user.name),
            role = s.user.role.as_str(),
            csrf = esc(&s.csrf),
        ),
        None => String::new(),
    };
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
<meta name=\"robots\" content=\"noindex\"><title>{title} · Retort admin</title><style>{STYLE}</style></head><body>\
<a class=\"skip\" href=\"#main\">Skip to content</a><header class=\"top\"><strong>Retort admin</strong>{nav}</header>\
<main id=\"main\"><h1>{title}</h1>{body}</main></body></html>\n",
        title = esc(title),
    )
}

/// An admin error page with a status.
pub fn error(status: StatusCode, message: &str) -> Response {
    let body = format!(
        "<p class=\"error\" role=\"alert\">{}</p><p><a href=\"/admin\">Back to the queue</a></p>",
        esc(message)
    );
    (
        status,
        Html(layout(&format!("Error {}", status.as_u16()), None, &body)),
    )
        .into_response()
}

/// A domain or storage error as an admin page (statuses from [`ApiError`]).
pub fn from_domain(e: impl Into<ApiError>) -> Response {
    let e: ApiError = e.into();
    error(e.status, &e.message)
}

/// A 303 to an admin page. `target` must be a path; anything that is not a plain ASCII
/// `/admin…` path (another host, control characters) goes to the queue instead.
pub fn see_other(target: &str) -> Response {
    let safe = target.starts_with("/admin")
        && !target.contains("//")
        && target.bytes().all(|b| b.is_ascii_graphic() && b != b'\\');
    let target = if safe { target } else { "/admin" };
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = axum::http::HeaderValue::from_str(target) {
        res.headers_mut().insert(axum::http::header::LOCATION, v);
    }
    res
}

/// A path segment, percent-encoded.
pub fn segment(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// The hidden CSRF field for a form.
pub fn csrf_field(staff: &Staff) -> String {
    format!(
        "<input type=\"hidden\" name=\"csrf\" value=\"{}\">",
        esc(&staff.csrf)
    )
}
