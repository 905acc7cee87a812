//! Logging in and out. Login attempts are limited per account and per client IP before any
//! password is verified (argon2 runs on a blocking thread), so guessing is slow and a flood of
//! attempts cannot tie up the CPU. The limits hold across every instance on one database: each
//! attempt takes a token from a bucket in the store, keyed by a keyed hash of the name or
//! address; an in-process limiter with the same allowance turns floods away before they reach
//! the database.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::sync::Arc;

use retort_domain::admin::account;
use retort_domain::store::{Result as DomainResult, Store};
use retort_domain::token::FormSigner;
use retort_textproc::escape_html as esc;

use super::{COOKIE, Staff, page};
use crate::routes::St;
use crate::{client, extract, now_ms};

/// Limits on login attempts, per account name and per client IP (IPv6 by /64): in process
/// (keyed `governor` limiters, lock-free and exact under concurrent attempts) and then in the
/// store, shared by every instance.
pub struct LoginLimiter {
    by_account: DefaultKeyedRateLimiter<String>,
    by_ip: DefaultKeyedRateLimiter<IpAddr>,
    attempts: u32,
    window_ms: i64,
    store: Arc<dyn Store>,
    signer: FormSigner,
}

impl LoginLimiter {
    /// `attempts` per account (four times as many per IP, for staff behind one address) in
    /// bursts, refilled evenly over `window_minutes`.
    pub fn new(
        attempts: u32,
        window_minutes: u32,
        store: Arc<dyn Store>,
        signer: FormSigner,
    ) -> Self {
        let quota = |n: u32| {
            let n = NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN);
            let period = Duration::from_secs(u64::from(window_minutes.max(1)) * 60) / n.get();
            Quota::with_period(period.max(Duration::from_millis(1)))
                .unwrap_or_else(|| Quota::per_minute(n))
                .allow_burst(n)
        };
        LoginLimiter {
            by_account: RateLimiter::keyed(quota(attempts)),
            by_ip: RateLimiter::keyed(quota(attempts.saturating_mul(4))),
            attempts: attempts.max(1),
            window_ms: i64::from(window_minutes.max(1)) * 60_000,
            store,
            signer,
        }
    }

    /// Takes one attempt for `name` from `ip`; false when either allowance is used up, in this
    /// process or on the shared store.
    ///
    /// # Errors
    /// When the store cannot be reached (the attempt is then refused by the caller).
    pub async fn check(&self, name: &str, ip: Option<IpAddr>, now: i64) -> DomainResult<bool> {
        let name: String = name.trim().to_lowercase().chars().take(64).collect();
        let ip = crate::rate_limit::client_key(ip);
        if !(self.by_account.check_key(&name).is_ok() && self.by_ip.check_key(&ip).is_ok()) {
            return Ok(false);
        }
        let shared = |what: &str, value: &str, burst: u32| {
            let key = format!(
                "login:{what}:{}",
                self.signer.keyed_hash("login-limit", value)
            );
            let interval = self.window_ms / i64::from(burst);
            let store = self.store.clone();
            async move { store.take_rate_token(&key, interval, burst, now).await }
        };
        Ok(shared("name", &name, self.attempts).await?
            && shared("ip", &ip.to_string(), self.attempts.saturating_mul(4)).await?)
    }
}

fn form_page(status: StatusCode, name: &str, message: &str) -> Response {
    let msg = if message.is_empty() {
        String::new()
    } else {
        format!("<p class=\"error\" role=\"alert\">{}</p>", esc(message))
    };
    let body = format!(
        "{msg}<form method=\"post\" action=\"/admin/login\">\
<label for=\"name\">Name</label><input type=\"text\" id=\"name\" name=\"name\" value=\"{}\" autocomplete=\"username\" required autofocus>\
<label for=\"password\">Password</label><input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\" required>\
<p><button type=\"submit\">Log in</button></p></form>",
        esc(name)
    );
    let mut res = (status, Html(page::layout("Log in", None, &body))).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// `GET /admin/login`: the login form.
pub async fn form() -> Response {
    form_page(StatusCode::OK, "", "")
}

/// `POST /admin/login`: checks the limits, then the password; on success opens a session,
/// sets its cookie and goes to the queue.
pub async fn login(
    State(state): St,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    if !super::same_origin(&state, &headers) {
        return page::error(
            StatusCode::FORBIDDEN,
            "This login came from another site (its Origin is not this server), so it was refused.",
        );
    }
    let bytes = match extract::read_body(body, state.settings.max_body_bytes).await {
        Ok(b) => b,
        Err(e) => return e.into_html(),
    };
    let form = match extract::form(&bytes) {
        Ok(f) => f,
        Err(e) => return e.into_html(),
    };
    let (name, password) = (form.get("name"), form.get("password"));
    let ip = client::client_ip(Some(peer), &headers, &state.settings.trusted_proxies);
    let allowed = match state.admin.logins.check(&name, ip, now_ms()).await {
        Ok(a) => a,
        Err(e) => return page::from_domain(e),
    };
    if !allowed {
        return form_page(
            StatusCode::TOO_MANY_REQUESTS,
            &name,
            "Too many login attempts; please wait a few minutes and try again.",
        );
    }
    let accounts = &state.admin.accounts;
    let user = match accounts.user_by_name(&name).await {
        Ok(u) => u,
        Err(e) => return page::from_domain(e),
    };
    let hash = user.as_ref().map_or_else(
        || account::dummy_hash().to_owned(),
        |u| u.password_hash.clone(),
    );
    let verified = tokio::task::spawn_blocking(move || account::verify_password(&hash, &password))
        .await
        .unwrap_or(false);
    let Some(user) = user.filter(|_| verified) else {
        tracing::info!("admin login refused");
        return form_page(StatusCode::UNAUTHORIZED, &name, "Wrong name or password.");
    };
    let token = match accounts.start_session(&user, now_ms()).await {
        Ok(t) => t,
        Err(e) => return page::from_domain(e),
    };
    tracing::info!(user = %user.name, "admin logged in");
    let secure = if super::over_tls(&state, Some(peer), &headers) {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{COOKIE}={token}; Path=/admin; Max-Age={}; HttpOnly; SameSite=Lax{secure}",
        accounts.session_ms() / 1000
    );
    let mut res = Redirect::to("/admin").into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    res
}

/// `POST /admin/logout`: ends the session and clears the cookie.
pub async fn logout(State(state): St, _staff: Staff, headers: HeaderMap) -> Response {
    if let Some(token) = super::cookie(&headers, COOKIE)
        && let Err(e) = state.admin.accounts.end_session(token).await
    {
        return page::from_domain(e);
    }
    let mut res = Redirect::to("/admin/login").into_response();
    res.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static("retort_admin=; Path=/admin; Max-Age=0; HttpOnly; SameSite=Lax"),
    );
    res
}
