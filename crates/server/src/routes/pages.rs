//! Server-rendered pages: the thread list, each thread with its "Leave a reply" form (posting
//! works without JavaScript), and the demo article.

use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use retort_domain::FieldError;
use retort_domain::comment::Status;
use retort_domain::comments::{Draft, ThreadRef};

use super::{ClientInfo, St};
use crate::error::{ApiError, PageError};
use crate::views::{self, FormView};
use crate::{AppState, extract, now_ms};

/// `GET /`: all threads.
pub async fn index(State(state): St) -> Result<Html<String>, PageError> {
    let threads = state.store().threads().await?;
    Ok(Html(views::index(&threads)))
}

fn own_cookie_name(thread_id: i64) -> String {
    format!("retort_own_{thread_id}")
}

/// The consent cookie: name, e-mail and website, kept in the browser only when the commenter
/// ticks "Save my name, email and website in this browser".
const REMEMBER_COOKIE: &str = "retort_commenter";
const REMEMBERED: [&str; 3] = ["author", "email", "website"];

fn remember_cookie_value(form: &extract::Form) -> String {
    use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
    REMEMBERED
        .iter()
        .map(|k| {
            format!(
                "{k}={}",
                utf8_percent_encode(form.get(k).trim(), NON_ALPHANUMERIC)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn remembered(headers: &HeaderMap) -> Option<std::collections::HashMap<String, String>> {
    let raw = cookie(headers, REMEMBER_COOKIE)?;
    let mut out = std::collections::HashMap::new();
    for kv in raw.split('&') {
        let (k, v) = kv.split_once('=')?;
        if REMEMBERED.contains(&k) {
            let v = percent_encoding::percent_decode_str(v).decode_utf8().ok()?;
            out.insert(k.to_owned(), v.chars().take(300).collect());
        }
    }
    out.insert("remember".into(), "1".into());
    Some(out)
}

fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

async fn render_thread(
    state: &AppState,
    id: i64,
    form: FormView<'_>,
    notice: String,
) -> Result<String, PageError> {
    let cached = state
        .cache
        .thread(state.store().as_ref(), id, state.settings.max_depth)
        .await?
        .ok_or_else(|| ApiError::not_found("thread"))?;
    let form = FormView {
        form_token: state.comments.form_token(cached.site.id, now_ms()),
        can_notify: state.replies.is_some(),
        ..form
    };
    let form_html = if cached
        .site
        .policy
        .closed(cached.thread.created_at, now_ms())
    {
        "<section id=\"reply\"><p class=\"notice\">Comments are closed on this thread.</p></section>"
            .to_owned()
    } else {
        views::reply_form(&cached.thread, &cached.site, &form)
    };
    Ok(views::thread_page(
        &cached.thread,
        &cached.site,
        &cached.comments_html,
        &notice,
        &form_html,
    ))
}

/// `GET /threads/{id}`: the thread page. `?replyto=N` aims the form at comment N;
/// `?awaiting=N` shows the "awaiting moderation" notice (with the text only to its author,
/// who holds the cookie set when posting).
pub async fn thread(
    State(state): St,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Html<String>, PageError> {
    let id: i64 = id.parse().map_err(|_| ApiError::not_found("thread"))?;
    let q = extract::form(query.unwrap_or_default().as_bytes())?;
    let mut form = FormView {
        values: remembered(&headers).unwrap_or_default(),
        ..FormView::default()
    };
    if let Some(pid) = q.id("replyto").ok().flatten()
        && let Some(p) = state
            .store()
            .comment(pid)
            .await?
            .filter(|c| c.thread_id == id && c.status == Status::Approved)
    {
        form.reply_to = Some((p.id, p.author));
    }
    let mut notice = String::new();
    if let Some(cid) = q.id("awaiting").ok().flatten() {
        let own = match cookie(&headers, &own_cookie_name(id)).and_then(|v| v.split_once('.')) {
            Some((c, token)) if c == cid.to_string() => state
                .store()
                .comment(cid)
                .await?
                .filter(|c| c.thread_id == id && !c.is_public() && c.status != Status::Deleted)
                .filter(|c| retort_domain::token::token_matches(token, &c.edit_token_hash)),
            _ => None,
        };
        notice = views::awaiting_notice(own.as_ref().map(|c| c.body_html.as_str()));
    }
    Ok(Html(render_thread(&state, id, form, notice).await?))
}

/// `POST /threads/{id}/comments`: the no-JavaScript form post. Answers 303 to the new comment
/// (or to the "awaiting moderation" notice), or 422 with the form re-rendered, every value kept
/// and an error on each bad field.
pub async fn create_comment(
    State(state): St,
    Path(id): Path<String>,
    client: ClientInfo,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, PageError> {
    let id: i64 = id.parse().map_err(|_| ApiError::not_found("thread"))?;
    if !state.limiter.check(client.ip, now_ms()).await {
        return Err(ApiError::rate_limited().into());
    }
    let bytes = extract::read_body(body, state.settings.max_body_bytes).await?;
    let form = extract::form(&bytes)?;
    let thread = state
        .store()
        .thread(id)
        .await?
        .ok_or_else(|| ApiError::not_found("thread"))?;
    let site = state
        .store()
        .site(thread.site_id)
        .await?
        .ok_or_else(|| ApiError::not_found("site"))?;
    let parent = match form.id("parent") {
        Ok(p) => p,
        Err(e) => return rerender(&state, id, &form, &e.fields).await,
    };
    let draft = Draft {
        thread: ThreadRef::Known(thread),
        parent,
        author: form.get("author"),
        email: form.get("email"),
        website: form.get("website"),
        text: form.get("text"),
        honeypot: form.get("hp"),
        form_token: Some(form.get("form_token")),
        ip: client.ip.map(|i| i.to_string()),
        user_agent: client.user_agent,
        referrer: client.referrer,
    };
    // The consent cookie is set only when its box is ticked, and removed when it is not.
    let remember = if form.get("remember") == "1" {
        Some(format!(
            "{REMEMBER_COOKIE}={}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax",
            remember_cookie_value(&form)
        ))
    } else if cookie(&headers, REMEMBER_COOKIE).is_some() {
        Some(format!(
            "{REMEMBER_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"
        ))
    } else {
        None
    };
    let with_remember = |mut res: Response| {
        if let Some(c) = &remember
            && let Ok(v) = HeaderValue::from_str(c)
        {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
        res
    };
    match state.comments.post(site, draft, now_ms()).await {
        Ok(posted) => {
            state.thread_written(id);
            state
                .comment_posted(&posted, form.get("notify") == "1", &headers)
                .await;
            let c = &posted.comment;
            if c.status == Status::Approved {
                Ok(with_remember(
                    Redirect::to(&format!("/threads/{id}#comment-{}", c.id)).into_response(),
                ))
            } else {
                let mut res = Redirect::to(&format!("/threads/{id}?awaiting={}#awaiting", c.id))
                    .into_response();
                let max_age = state.comments.settings().edit_window_secs.max(3600);
                let cookie = format!(
                    "{}={}.{}; Path=/threads/{id}; Max-Age={max_age}; HttpOnly; SameSite=Lax",
                    own_cookie_name(id),
                    c.id,
                    posted.edit_token
                );
                if let Ok(v) = HeaderValue::from_str(&cookie) {
                    res.headers_mut().insert(header::SET_COOKIE, v);
                }
                Ok(with_remember(res))
            }
        }
        Err(retort_domain::Error::Invalid(fields)) => rerender(&state, id, &form, &fields).await,
        Err(e) => Err(e.into()),
    }
}

async fn rerender(
    state: &AppState,
    id: i64,
    form: &extract::Form,
    fields: &[FieldError],
) -> Result<Response, PageError> {
    let mut view = FormView {
        values: form.to_map(),
        errors: fields,
        ..Default::default()
    };
    if let Some(pid) = form.id("parent").ok().flatten()
        && let Some(p) = state.store().comment(pid).await?
    {
        view.reply_to = Some((p.id, p.author));
    }
    let page = render_thread(state, id, view, String::new()).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page)).into_response())
}

/// The demo article's canonical URL.
pub const DEMO_URL: &str = "https://demo.retort.invalid/articles/welcome-to-retort";

/// `GET /demo`: the demo article, embedding its thread with `/embed.js` (the server-rendered
/// thread is linked for readers without JavaScript).
pub async fn demo(State(state): St) -> Result<Html<String>, PageError> {
    let site = state
        .cache
        .site(state.store().as_ref(), "demo")
        .await?
        .ok_or_else(|| ApiError::not_found("site"))?;
    let tid = state
        .cache
        .thread_id(state.store().as_ref(), site.id, DEMO_URL)
        .await?
        .ok_or_else(|| ApiError::not_found("thread"))?;
    let body = format!(
        "<p><a href=\"/\">All threads</a></p>{article}\
<div id=\"retort-thread\" data-site=\"demo\" data-url=\"{url}\" data-title=\"Welcome to Retort\"></div>\
<noscript><p><a href=\"/threads/{tid}\">Read and write comments</a> (works without JavaScript).</p></noscript>\
<script src=\"/embed.js\" async></script>",
        article = DEMO_ARTICLE,
        url = DEMO_URL,
    );
    Ok(Html(views::layout("Welcome to Retort", &body)))
}

const DEMO_ARTICLE: &str = "<article><h1>Welcome to Retort</h1>\
<p>This page is a demo article served by your own Retort server. Under it you find its comment thread, \
embedded with one script tag. Readers without JavaScript get the same thread as a plain page.</p>\
<p>Every comment passes a spam filter that runs on this machine: nothing is sent anywhere, and each verdict \
comes with its reasons. Email addresses are stored for the site owner only and never published.</p>\
<p>Try it: leave a reply below, or answer one of the comments.</p></article>";
