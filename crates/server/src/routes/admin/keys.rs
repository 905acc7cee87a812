//! A site's Akismet API keys, for admins: `POST /admin/sites/{site}/keys` makes one for one of
//! the site's origins and shows it once (only its hash is stored); `…/keys/{id}/revoke` revokes
//! one of the site's keys.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use retort_textproc::escape_html as esc;

use super::sites::load;
use super::{Staff, page};
use crate::routes::St;
use crate::{extract, now_ms};

/// `POST /admin/sites/{site}/keys`: creates an API key for one of the site's origins and
/// shows it once.
pub async fn create(
    State(state): St,
    staff: Staff,
    Path(name): Path<String>,
    body: Bytes,
) -> Response {
    let form = match extract::form(&body) {
        Ok(f) => f,
        Err(e) => return e.into_html(),
    };
    let (site, _) = match load(&state, &staff, &name).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let site_url = form.get("site_url").trim().to_owned();
    if !site.allows_origin(&site_url) {
        return page::error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "A key can only be made for one of the site's allowed origins.",
        );
    }
    let key = match retort_domain::apikey::generate() {
        Ok(k) => k,
        Err(_) => {
            return page::error(StatusCode::SERVICE_UNAVAILABLE, "The random source failed.");
        }
    };
    let hash = retort_domain::token::hash_token(&key);
    if let Err(e) = state
        .store()
        .create_api_key(&hash, &key[..4], &site_url, now_ms())
        .await
    {
        return page::from_domain(e);
    }
    tracing::info!(user = %staff.user.name, site = %site.name, "API key created");
    let body = format!(
        "<p>The new key for {url} is shown only now; copy it into the site's Akismet settings:</p>\
<p class=\"key\" id=\"new-key\">{key}</p><p><a href=\"/admin/sites/{name}\">Back to the settings</a></p>",
        url = esc(&site_url),
        key = esc(&key),
        name = esc(&site.name)
    );
    Html(page::layout("New API key", Some(&staff), &body)).into_response()
}

/// `POST /admin/sites/{site}/keys/{id}/revoke`: revokes one of the site's keys.
pub async fn revoke(
    State(state): St,
    staff: Staff,
    Path((name, id)): Path<(String, String)>,
) -> Response {
    let (site, keys) = match load(&state, &staff, &name).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let Some(key) = id
        .parse::<i64>()
        .ok()
        .and_then(|id| keys.iter().find(|k| k.id == id))
    else {
        return page::error(StatusCode::NOT_FOUND, "This site has no such key.");
    };
    match state.store().revoke_api_key_by_id(key.id, now_ms()).await {
        Ok(_) => {
            tracing::info!(user = %staff.user.name, site = %site.name, "API key revoked");
            page::see_other(&format!(
                "/admin/sites/{}?saved=1",
                page::segment(&site.name)
            ))
        }
        Err(e) => page::from_domain(e),
    }
}
