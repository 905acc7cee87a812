//! Commenters' data rights over HTTP: the data-processing page of each site (generated from the
//! running configuration and [`retort_domain::privacy::STORED_FIELDS`], so it cannot drift from
//! what the server does), the request for a self-service link, and the link's page with export
//! and erasure. Identicons are served here too.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use retort_domain::privacy::{Kept, Link, STORED_FIELDS};
use retort_domain::site::{Erasure, Site};
use retort_textproc::escape_html as esc;

use super::{ClientInfo, St};
use crate::error::{ApiError, PageError};
use crate::i18n::{Strings, strings};
use crate::views::layout;
use crate::{AppState, extract};

async fn site_named(state: &AppState, name: &str) -> Result<Site, ApiError> {
    state
        .cache
        .site(state.store().as_ref(), name)
        .await?
        .ok_or_else(|| ApiError::not_found("site"))
}

fn site_title(site: &Site) -> &str {
    if site.title.is_empty() {
        &site.name
    } else {
        &site.title
    }
}

fn kept(t: &Strings, state: &AppState, k: Kept) -> String {
    let r = &state.settings.retention;
    match k {
        Kept::WithComment => t.kept_with_comment.to_owned(),
        Kept::Ip => t
            .kept_ip
            .replace("{n}", &r.ip_truncate_days.to_string())
            .replace("{m}", &r.ip_delete_days.to_string()),
        Kept::Agent => t.kept_agent.replace("{n}", &r.user_agent_days.to_string()),
        Kept::UntilSent => t.kept_until_sent.to_owned(),
        Kept::Link => t.kept_link.to_owned(),
        Kept::Audit => t.kept_audit.to_owned(),
        Kept::Subscription => t.kept_subscription.to_owned(),
        Kept::RateLimit => t.kept_rate_limit.to_owned(),
    }
}

/// The data-processing page of a site.
pub async fn page(State(state): St, Path(site): Path<String>) -> Result<Html<String>, PageError> {
    let site = site_named(&state, &site).await?;
    Ok(Html(render_page(&state, &site, None)))
}

fn render_page(state: &AppState, site: &Site, notice: Option<&str>) -> String {
    let t = strings(&site.lang);
    let s = &state.settings;
    let mut rows = String::new();
    // One row per field key, listing the stored columns it covers.
    let mut keys: Vec<&str> = Vec::new();
    for f in STORED_FIELDS {
        if !keys.contains(&f.key) {
            keys.push(f.key);
        }
    }
    for key in keys {
        let fields: Vec<_> = STORED_FIELDS.iter().filter(|f| f.key == key).collect();
        let (name, why) = t.field(key);
        let columns: Vec<&str> = fields.iter().map(|f| f.column).collect();
        let published = fields.iter().any(|f| f.published);
        rows.push_str(&format!(
            "<tr data-fields=\"{cols}\"><td>{name}</td><td>{why}</td><td>{publ}</td><td>{kept}</td></tr>",
            cols = esc(&columns.join(" ")),
            name = esc(name),
            why = esc(why),
            publ = if published {
                esc(t.yes_no[0])
            } else {
                format!("<strong>{}</strong>", esc(t.yes_no[1]))
            },
            kept = esc(&kept(t, state, fields[0].kept)),
        ));
    }
    let sweep_hours = s.retention_sweep_secs.div_ceil(3600).max(1);
    let third = match &s.smtp_relay {
        Some(relay) => t.smtp_relay.replace("{relay}", relay),
        None => t.no_third_parties.to_owned(),
    };
    let policy = match site.erasure {
        Erasure::Anonymise => t.policies[0],
        Erasure::Delete => t.policies[1],
    };
    let edit_hours = (state.comments.settings().edit_window_secs.max(3600) + 3599) / 3600;
    let request = if state.privacy.can_mail() {
        format!(
            "<form method=\"post\" action=\"/sites/{site}/privacy/request\" accept-charset=\"UTF-8\">\
<p><label for=\"email\">{label}</label> <input type=\"email\" id=\"email\" name=\"email\" required maxlength=\"254\" autocomplete=\"email\"> \
<button type=\"submit\">{button}</button></p></form>",
            site = esc(&site.name),
            label = esc(t.request_form[0]),
            button = esc(t.request_form[1]),
        )
    } else {
        format!("<p>{}</p>", esc(t.no_mail))
    };
    let contact = if s.privacy_contact.is_empty() {
        String::new()
    } else {
        format!(
            "<p>{}</p>",
            esc(&t.contact.replace("{contact}", &s.privacy_contact))
        )
    };
    let notice = notice
        .map(|n| format!("<p class=\"notice\" role=\"status\">{}</p>", esc(n)))
        .unwrap_or_default();
    let body = format!(
        "<div lang=\"{lang}\"><h1>{title}</h1>{notice}<p>{intro}</p>\
<h2>{stored}</h2><table><thead><tr><th>{c0}</th><th>{c1}</th><th>{c2}</th><th>{c3}</th></tr></thead><tbody>{rows}</tbody></table>\
<p>{deleted}</p><p>{storage}</p>\
<h2>{f0}</h2><p>{f1}</p><p>{third}</p>\
<h2>{k0}</h2><p>{k1}</p>\
<h2 id=\"rights\">{r0}</h2><p>{r1}</p>{request}{contact}</div>",
        lang = t.lang,
        title = esc(t.title),
        intro = esc(&t.intro.replace("{site}", site_title(site))),
        stored = esc(t.stored_heading),
        c0 = esc(t.columns[0]),
        c1 = esc(t.columns[1]),
        c2 = esc(t.columns[2]),
        c3 = esc(t.columns[3]),
        deleted = esc(&t.deleted_text.replace("{h}", &sweep_hours.to_string())),
        storage = esc(&t.storage.replace("{backend}", &s.backend_name)),
        f0 = esc(t.filtering[0]),
        f1 = esc(t.filtering[1]),
        third = esc(&third),
        k0 = esc(t.cookies[0]),
        k1 = esc(&t.cookies[1].replace("{hours}", &edit_hours.to_string())),
        r0 = esc(t.rights[0]),
        r1 = esc(&t.rights[1].replace("{policy}", policy)),
    );
    layout(t.title, &body)
}

/// The base of self-service links: the configured public URL, or the `Host` the request came to.
fn link_base(state: &AppState, headers: &HeaderMap) -> String {
    let base = state.settings.public_url.clone().unwrap_or_else(|| {
        let host = crate::client::header(headers, "host").unwrap_or("localhost");
        format!("http://{host}")
    });
    format!("{}/privacy/", base.trim_end_matches('/'))
}

/// `POST /sites/{site}/privacy/request`: mails a link when the address has comments; the answer
/// is the same either way.
pub async fn request(
    State(state): St,
    Path(site): Path<String>,
    client: ClientInfo,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, PageError> {
    let site = site_named(&state, &site).await?;
    if !state
        .privacy_limiter
        .check(client.ip, crate::now_ms())
        .await
    {
        return Err(ApiError::rate_limited().into());
    }
    let bytes = extract::read_body(body, state.settings.max_body_bytes).await?;
    let form = extract::form(&bytes)?;
    let email = form.get("email");
    let email = email.trim();
    if email.is_empty() || !email.contains('@') || email.chars().count() > 254 {
        return Err(ApiError::bad_request(
            "invalid_email",
            "Please enter the email address you commented with.",
        )
        .into());
    }
    if state.privacy.can_mail() {
        // The work happens after the answer, so that neither its content nor its timing
        // reveals whether the address has comments.
        let privacy = state.privacy.clone();
        let (email, title, base) = (
            email.to_owned(),
            site_title(&site).to_owned(),
            link_base(&state, &headers),
        );
        tokio::spawn(async move {
            if let Err(e) = privacy
                .request_link(&email, &title, &base, crate::now_ms())
                .await
            {
                tracing::warn!(error = %e, "handling a self-service link request failed");
            }
        });
    }
    let notice = if state.privacy.can_mail() {
        "If comments were posted here with this address, a link has been sent to it. It works for 24 hours."
    } else {
        strings(&site.lang).no_mail
    };
    Ok(Html(render_page(&state, &site, Some(notice))).into_response())
}

async fn valid_link(state: &AppState, token: &str) -> Result<String, PageError> {
    match state.privacy.link(token, crate::now_ms()).await? {
        Link::Valid { email, .. } => Ok(email),
        Link::Expired => Err(ApiError::new(
            StatusCode::GONE,
            "link_expired",
            "This link has expired. Ask for a new one on the site's data-processing page.",
        )
        .into()),
        Link::Used => Err(ApiError::new(
            StatusCode::GONE,
            "link_used",
            "This link was used to erase the data and cannot be used again.",
        )
        .into()),
        Link::Unknown => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "link_unknown",
            "This link is not valid. Check that it was copied whole, or ask for a new one.",
        )
        .into()),
    }
}

/// `GET /privacy/{token}`: what the link offers.
pub async fn link_page(State(state): St, Path(token): Path<String>) -> Result<Response, PageError> {
    let email = valid_link(&state, &token).await?;
    let count = state.store().comments_by_email(&email).await?.len();
    let token = esc(&token);
    let body = format!(
        "<h1>Your comment data</h1><p>This server holds {count} comment(s) written with <strong>{email}</strong>.</p>\
<h2>Download</h2><form method=\"post\" action=\"/privacy/{token}/export\"><p><button type=\"submit\">Download my data (JSON)</button></p></form>\
<h2>Erase</h2><p>Erasure follows each site's policy: comments are either kept as \"Anonymous\" without your details, or deleted. It cannot be undone, and this link stops working afterwards.</p>\
<form method=\"post\" action=\"/privacy/{token}/erase\"><p><label><input type=\"checkbox\" name=\"confirm\" value=\"yes\" required> I want my data erased</label></p>\
<p><button type=\"submit\">Erase my data</button></p></form>",
        email = esc(&email),
    );
    let mut res = Html(layout("Your comment data", &body)).into_response();
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    res.headers_mut().insert(
        header::REFERRER_POLICY,
        header::HeaderValue::from_static("no-referrer"),
    );
    Ok(res)
}

/// `POST /privacy/{token}/export`: everything stored about the address, as a JSON download.
pub async fn export(State(state): St, Path(token): Path<String>) -> Result<Response, PageError> {
    let email = valid_link(&state, &token).await?;
    let data = state
        .privacy
        .export(&email, "commenter", crate::now_ms())
        .await?;
    let json = serde_json::to_vec_pretty(&data)
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"my-comment-data.json\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        json,
    )
        .into_response())
}

/// `POST /privacy/{token}/erase`: erases the address's data; needs `confirm=yes`.
pub async fn erase(
    State(state): St,
    Path(token): Path<String>,
    body: Body,
) -> Result<Response, PageError> {
    let email = valid_link(&state, &token).await?;
    let bytes = extract::read_body(body, state.settings.max_body_bytes).await?;
    let form = extract::form(&bytes)?;
    if form.get("confirm") != "yes" {
        return Err(ApiError::bad_request(
            "confirmation_missing",
            "Tick \"I want my data erased\" to confirm the erasure.",
        )
        .into());
    }
    let erased = state
        .privacy
        .erase(&email, "commenter", crate::now_ms())
        .await?;
    for t in &erased.threads {
        state.thread_written(*t);
    }
    let body = format!(
        "<h1>Your data were erased</h1><p>{} comment(s) anonymised and {} deleted. This link no longer works.</p>",
        erased.anonymised, erased.deleted
    );
    Ok(Html(layout("Your data were erased", &body)).into_response())
}

/// `GET /avatars/{id}.svg`: an identicon.
pub async fn avatar(Path(file): Path<String>) -> Result<Response, PageError> {
    let id = file
        .strip_suffix(".svg")
        .filter(|id| crate::avatars::valid_id(id))
        .ok_or_else(|| ApiError::not_found("avatar"))?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        crate::avatars::identicon_svg(id),
    )
        .into_response())
}
