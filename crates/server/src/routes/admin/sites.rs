//! Sites: the list of sites a staff member moderates, and (for admins) each site's settings
//! page: moderation policy, blocked words and domains, closing old threads, the edit window,
//! allowed origins, language, and the site's Akismet API keys (made and revoked in `keys`).
//!
//! Settings ownership: a site declared under `[[sites]]` in the configuration file keeps the
//! file's title, origins, language and moderation policy (re-applied at every start), so the
//! page shows those read-only; every other setting, and all settings of sites not in the file,
//! belong to this page.

use std::fmt::Write as _;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use retort_domain::apikey::ApiKey;
use retort_domain::site::{Moderation, Site};
use retort_domain::{Error, FieldError};
use retort_textproc::escape_html as esc;

use super::{Staff, page};
use crate::routes::St;
use crate::{AppState, extract};

/// `GET /admin/sites`: the sites this staff member moderates.
pub async fn index(State(state): St, staff: Staff) -> Response {
    let sites = match state.admin.queue.sites(&staff.user).await {
        Ok(s) => s,
        Err(e) => return page::from_domain(e),
    };
    let mut body = String::from("<ul>");
    for s in &sites {
        let name = esc(&s.name);
        if staff.user.is_admin() {
            let _ = write!(
                body,
                "<li><a href=\"/admin/sites/{name}\">{name}</a> — {}</li>",
                esc(&s.title)
            );
        } else {
            let _ = write!(
                body,
                "<li><a href=\"/admin?site={name}\">{name}</a> — {}</li>",
                esc(&s.title)
            );
        }
    }
    body.push_str("</ul>");
    Html(page::layout("Sites", Some(&staff), &body)).into_response()
}

fn configured(state: &AppState, site: &Site) -> bool {
    state.settings.configured_sites.contains(&site.name)
}

fn site_keys(keys: Vec<ApiKey>, site: &Site) -> Vec<ApiKey> {
    keys.into_iter()
        .filter(|k| {
            url::Url::parse(&k.site_url)
                .is_ok_and(|u| site.allows_origin(&u.origin().ascii_serialization()))
        })
        .collect()
}

fn settings_page(
    state: &AppState,
    staff: &Staff,
    site: &Site,
    keys: &[ApiKey],
    notice: &str,
    errors: &[FieldError],
) -> String {
    let csrf = page::csrf_field(staff);
    let fixed = configured(state, site);
    let ro = if fixed { " readonly" } else { "" };
    let dis = if fixed { " disabled" } else { "" };
    let name = esc(&site.name);
    let mut body = String::from(notice);
    for e in errors {
        let _ = write!(
            body,
            "<p class=\"error\" role=\"alert\">{}: {}</p>",
            e.field,
            esc(&e.message)
        );
    }
    if fixed {
        body.push_str("<p class=\"meta\">This site is declared in the configuration file: its title, origins, language and moderation policy come from there and are shown read-only.</p>");
    }
    let (mode, links) = match site.moderation {
        Moderation::Auto => ("auto", 3),
        Moderation::Manual => ("manual", 3),
        Moderation::FirstComment => ("first", 3),
        Moderation::Links(n) => ("links", n),
    };
    let options: String = [
        ("auto", "None: publish what the filter passes"),
        ("first", "First comment from a new email address"),
        ("manual", "All comments"),
        ("links", "Comments with more than N links"),
    ]
    .iter()
    .map(|(v, l)| {
        let sel = if *v == mode { " selected" } else { "" };
        format!("<option value=\"{v}\"{sel}>{l}</option>")
    })
    .collect();
    let p = &site.policy;
    let opt = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
    let _ = write!(
        body,
        "<form method=\"post\" action=\"/admin/sites/{name}\">{csrf}\
<fieldset><legend>Site</legend>\
<label for=\"title\">Title</label><input type=\"text\" id=\"title\" name=\"title\" value=\"{title}\"{ro}>\
<label for=\"origins\">Allowed origins (one per line, like https://blog.example)</label><textarea id=\"origins\" name=\"origins\" rows=\"3\"{ro}>{origins}</textarea>\
<label for=\"lang\">Language (like en)</label><input type=\"text\" id=\"lang\" name=\"lang\" value=\"{lang}\"{ro}></fieldset>\
<fieldset><legend>Moderation</legend>\
<label for=\"moderation\">Hold for a moderator</label><select id=\"moderation\" name=\"moderation\"{dis}>{options}</select>\
<label for=\"links\">N (for \"more than N links\")</label><input type=\"number\" min=\"0\" id=\"links\" name=\"links\" value=\"{links}\"{ro}>\
<label for=\"blocked_words\">Blocked words (one per line; such comments go to spam)</label><textarea id=\"blocked_words\" name=\"blocked_words\" rows=\"4\">{words}</textarea>\
<label for=\"blocked_domains\">Blocked domains (one per line; links, websites and email addresses)</label><textarea id=\"blocked_domains\" name=\"blocked_domains\" rows=\"4\">{domains}</textarea></fieldset>\
<fieldset><legend>Threads</legend>\
<label for=\"close_after_days\">Close comments on threads older than this many days (empty: never)</label><input type=\"number\" min=\"1\" id=\"close_after_days\" name=\"close_after_days\" value=\"{close}\">\
<label for=\"edit_window_minutes\">Minutes authors may edit their comment (empty: server default, {default_edit})</label><input type=\"number\" min=\"0\" id=\"edit_window_minutes\" name=\"edit_window_minutes\" value=\"{edit}\"></fieldset>\
<p><button type=\"submit\">Save settings</button></p></form>",
        title = esc(&site.title),
        origins = esc(&site.origins.join("\n")),
        lang = esc(&site.lang),
        words = esc(&p.blocked_words.join("\n")),
        domains = esc(&p.blocked_domains.join("\n")),
        close = opt(p.close_after_days),
        edit = opt(p.edit_window_minutes),
        default_edit = state.comments.settings().edit_window_secs / 60,
    );
    body.push_str("<h2>API keys</h2><p class=\"meta\">Keys of the Akismet-compatible API for this site's origins.</p><ul>");
    for k in keys {
        let state_txt = if k.is_active() { "active" } else { "revoked" };
        let _ = write!(
            body,
            "<li><code>{hint}…</code> {url} ({state_txt})",
            hint = esc(&k.hint),
            url = esc(&k.site_url)
        );
        if k.is_active() {
            let _ = write!(
                body,
                " <form method=\"post\" action=\"/admin/sites/{name}/keys/{id}/revoke\" style=\"display:inline\">{csrf}<button type=\"submit\">Revoke key {hint}…</button></form>",
                id = k.id,
                hint = esc(&k.hint)
            );
        }
        body.push_str("</li>");
    }
    body.push_str("</ul>");
    if site.origins.is_empty() {
        body.push_str("<p class=\"meta\">Add an allowed origin to create keys.</p>");
    } else {
        let opts: String = site
            .origins
            .iter()
            .map(|o| format!("<option>{}</option>", esc(o)))
            .collect();
        let _ = write!(
            body,
            "<form method=\"post\" action=\"/admin/sites/{name}/keys\">{csrf}<label for=\"key-site\">New key for</label>\
<select id=\"key-site\" name=\"site_url\">{opts}</select> <button type=\"submit\">Create key</button></form>"
        );
    }
    page::layout(&format!("Settings of {}", site.name), Some(staff), &body)
}

pub(super) async fn load(
    state: &AppState,
    staff: &Staff,
    name: &str,
) -> Result<(Site, Vec<ApiKey>), Response> {
    let site = state
        .admin
        .queue
        .site(&staff.user, name)
        .await
        .map_err(page::from_domain)?;
    let keys = state.store().api_keys().await.map_err(page::from_domain)?;
    let keys = site_keys(keys, &site);
    Ok((site, keys))
}

/// `GET /admin/sites/{site}`: the settings form.
pub async fn show(
    State(state): St,
    staff: Staff,
    Path(name): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let (site, keys) = match load(&state, &staff, &name).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let saved = query.is_some_and(|q| q.contains("saved=1"));
    let notice = if saved {
        "<p class=\"notice\" role=\"status\">Settings saved.</p>"
    } else {
        ""
    };
    Html(settings_page(&state, &staff, &site, &keys, notice, &[])).into_response()
}

fn lines(s: &str) -> Vec<String> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn optional_number(
    form: &extract::Form,
    key: &'static str,
    range: std::ops::RangeInclusive<u32>,
    errors: &mut Vec<FieldError>,
) -> Option<u32> {
    let v = form.get(key);
    if v.trim().is_empty() {
        return None;
    }
    match v.trim().parse::<u32>() {
        Ok(n) if range.contains(&n) => Some(n),
        _ => {
            errors.push(FieldError {
                field: key,
                message: format!(
                    "must be empty or a whole number from {} to {}",
                    range.start(),
                    range.end()
                ),
            });
            None
        }
    }
}

/// Applies the submitted settings form to `site`; every bad field is reported.
fn apply(form: &extract::Form, site: &mut Site, file_owned: bool) -> Result<(), Error> {
    let mut errors = Vec::new();
    if !file_owned {
        site.title = form.get("title").trim().chars().take(200).collect();
        let mut origins = Vec::new();
        for o in lines(&form.get("origins")) {
            match url::Url::parse(&o) {
                Ok(u)
                    if (u.scheme() == "http" || u.scheme() == "https")
                        && u.origin().ascii_serialization() == o.trim_end_matches('/') =>
                {
                    origins.push(u.origin().ascii_serialization());
                }
                _ => errors.push(FieldError {
                    field: "origins",
                    message: format!("'{o}' is not an origin like https://blog.example"),
                }),
            }
        }
        site.origins = origins;
        let lang = form.get("lang").trim().to_lowercase();
        if lang.is_empty() || lang.len() > 8 || !lang.chars().all(|c| c.is_ascii_alphabetic()) {
            errors.push(FieldError {
                field: "lang",
                message: "must be a language tag like en or de".into(),
            });
        } else {
            site.lang = lang;
        }
        let links = optional_number(form, "links", 0..=1000, &mut errors).unwrap_or(3);
        site.moderation = match form.get("moderation").as_str() {
            "auto" => Moderation::Auto,
            "manual" => Moderation::Manual,
            "first" => Moderation::FirstComment,
            "links" => Moderation::Links(links),
            _ => {
                errors.push(FieldError {
                    field: "moderation",
                    message: "must be auto, first, manual or links".into(),
                });
                site.moderation
            }
        };
    }
    site.policy.blocked_words = lines(&form.get("blocked_words"));
    let mut domains = Vec::new();
    for d in lines(&form.get("blocked_domains")) {
        let d = d.to_lowercase();
        let host = d
            .split("://")
            .last()
            .unwrap_or("")
            .split('/')
            .next()
            .unwrap_or("")
            .trim_start_matches('.')
            .to_owned();
        if host.is_empty()
            || !host
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
        {
            errors.push(FieldError {
                field: "blocked_domains",
                message: format!("'{d}' is not a domain like spam.example"),
            });
        } else {
            domains.push(host);
        }
    }
    site.policy.blocked_domains = domains;
    site.policy.close_after_days =
        optional_number(form, "close_after_days", 1..=36_500, &mut errors);
    site.policy.edit_window_minutes =
        optional_number(form, "edit_window_minutes", 0..=10_080, &mut errors);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(errors))
    }
}

/// `POST /admin/sites/{site}`: saves the settings.
pub async fn update(
    State(state): St,
    staff: Staff,
    Path(name): Path<String>,
    body: Bytes,
) -> Response {
    let form = match extract::form(&body) {
        Ok(f) => f,
        Err(e) => return e.into_html(),
    };
    let (mut site, keys) = match load(&state, &staff, &name).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let file_owned = configured(&state, &site);
    if let Err(e) = apply(&form, &mut site, file_owned) {
        let fields = match e {
            Error::Invalid(f) => f,
            other => return page::from_domain(other),
        };
        let html = settings_page(&state, &staff, &site, &keys, "", &fields);
        return (StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response();
    }
    match state.store().update_site(&site).await {
        Ok(saved) => {
            tracing::info!(user = %staff.user.name, site = %saved.name, "site settings saved");
            state.site_written(&saved.name);
            page::see_other(&format!(
                "/admin/sites/{}?saved=1",
                page::segment(&saved.name)
            ))
        }
        Err(e) => page::from_domain(e),
    }
}
