//! The Akismet-compatible REST API (`/1.1/…`, `/1.2/…`), byte for byte as real clients expect
//! it (see `shared/spec/akismet-api.md`): form parameters from the query and the body, three key
//! locations, exact plain-text bodies without a trailing newline, and 200 for every API outcome.

use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use retort_domain::akismet::{CheckInput, month_of};
use retort_domain::apikey::{ApiKey, looks_like_key};

use crate::error::ApiError;
use crate::{AppState, extract, now_ms};

/// Largest Akismet request body (WordPress sends the whole comment and dozens of fields).
pub const MAX_BODY: usize = 1024 * 1024;

/// The success body of submit-spam and submit-ham.
pub const THANKS: &str = "Thanks for making the web a better place.";

/// Request parameters: the query string, then the body (later wins for scalars).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

fn percent_decode(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < s.len() => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (hex(s[i + 1]), hex(s[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    out
}

fn raw_pairs(data: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
    data.split(|b| *b == b'&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut it = p.splitn(2, |b| *b == b'=');
            let k = it.next().unwrap_or_default();
            let v = it.next().unwrap_or_default();
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn is_latin1(charset: &str) -> bool {
    let c = charset.trim().to_ascii_lowercase();
    [
        "iso-8859-1",
        "iso8859-1",
        "latin1",
        "latin-1",
        "windows-1252",
        "cp1252",
    ]
    .contains(&c.as_str())
}

impl Params {
    /// Parses the query string and body. Text is UTF-8 (invalid sequences replaced) unless
    /// `blog_charset` names ISO-8859-1 / Windows-1252.
    pub fn parse(query: &[u8], body: &[u8]) -> Params {
        let mut raw = raw_pairs(query);
        raw.extend(raw_pairs(body));
        let latin1 = raw
            .iter()
            .rev()
            .find(|(k, _)| k == b"blog_charset")
            .is_some_and(|(_, v)| is_latin1(&String::from_utf8_lossy(v)));
        // NUL characters become U+FFFD: the protocol answers every call, and no store takes NULs.
        let text = |b: &[u8]| -> String {
            let s: String = if latin1 {
                b.iter().map(|&c| char::from(c)).collect()
            } else {
                String::from_utf8_lossy(b).into_owned()
            };
            s.replace('\0', "\u{FFFD}")
        };
        Params {
            pairs: raw.iter().map(|(k, v)| (text(k), text(v))).collect(),
        }
    }

    /// The last value of a field; empty when absent.
    pub fn get(&self, name: &str) -> &str {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// The first non-empty of several fields.
    pub fn first(&self, names: &[&str]) -> &str {
        names
            .iter()
            .map(|n| self.get(n))
            .find(|v| !v.is_empty())
            .unwrap_or("")
    }

    /// An array field in any of its encodings: `name[]`, `name[0]`, or `name` repeated.
    pub fn array(&self, name: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(k, _)| {
                k == name
                    || k.strip_prefix(name)
                        .and_then(|r| r.strip_prefix('['))
                        .and_then(|r| r.strip_suffix(']'))
                        .is_some_and(|i| i.chars().all(|c| c.is_ascii_digit()))
            })
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// A boolean field (`1`, `true`, `yes`, `on`).
    pub fn flag(&self, name: &str) -> bool {
        matches!(
            self.get(name).trim().to_ascii_lowercase().as_str(),
            "1" | "true" | "yes" | "on"
        )
    }
}

/// Accepts the date formats clients send for `comment_date_gmt`: ISO 8601 with or without
/// fraction and zone, and `YYYY-MM-DD HH:MM:SS`. Returns whether the value parses.
pub fn parse_date(s: &str) -> bool {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 19 {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let shape = digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && (b[10] == b'T' || b[10] == b' ')
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19);
    let rest = &s[19..];
    let rest = rest
        .strip_prefix('.')
        .map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit()))
        .unwrap_or(rest);
    shape
        && (rest.is_empty()
            || rest == "Z"
            || ((rest.starts_with('+') || rest.starts_with('-')) && rest.len() >= 3))
}

fn text(status: StatusCode, body: &'static str, headers: Vec<(&'static str, String)>) -> Response {
    let mut res = (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        body,
    )
        .into_response();
    for (k, v) in headers {
        if let Ok(v) = HeaderValue::from_str(&v) {
            res.headers_mut().insert(HeaderName::from_static(k), v);
        }
    }
    res
}

fn invalid(help: impl Into<String>) -> Response {
    text(
        StatusCode::OK,
        "invalid",
        vec![("x-akismet-debug-help", help.into())],
    )
}

/// The key from the Host header's first label, e.g. `k3y4bc123456.localhost:8080`.
fn host_key(headers: &HeaderMap) -> Option<&str> {
    let host = crate::client::header(headers, "host")?;
    let label = host.split('.').next()?;
    (host.contains('.') && looks_like_key(label)).then_some(label)
}

enum KeyCheck {
    Valid(ApiKey),
    Invalid(String),
}

async fn resolve_key(
    state: &AppState,
    p: &Params,
    headers: &HeaderMap,
    verify: bool,
) -> Result<KeyCheck, ApiError> {
    let fields: &[&str] = if verify {
        &["key", "api_key"]
    } else {
        &["api_key", "key"]
    };
    let given = p.first(fields);
    if !given.is_empty() {
        return Ok(match state.akismet.key(given.trim(), now_ms()).await? {
            Some(k) => KeyCheck::Valid(k),
            None => KeyCheck::Invalid("Invalid API key.".into()),
        });
    }
    if let Some(k) = host_key(headers)
        && let Some(key) = state.akismet.key(k, now_ms()).await?
    {
        return Ok(KeyCheck::Valid(key));
    }
    Ok(KeyCheck::Invalid(format!("Empty \"{}\" value", fields[0])))
}

async fn read(query: Option<String>, body: Body) -> Result<Params, ApiError> {
    let bytes = extract::read_body(body, MAX_BODY).await?;
    Ok(Params::parse(query.unwrap_or_default().as_bytes(), &bytes))
}

fn blog_ok(blog: &str) -> bool {
    url::Url::parse(blog.trim())
        .is_ok_and(|u| (u.scheme() == "http" || u.scheme() == "https") && u.host().is_some())
}

/// `verify-key`.
pub async fn verify_key(
    State(state): State<AppState>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let p = read(q, body).await?;
    match resolve_key(&state, &p, &headers, true).await? {
        KeyCheck::Invalid(help) => Ok(invalid(help)),
        KeyCheck::Valid(_) if !blog_ok(p.get("blog")) => {
            Ok(invalid("We were unable to parse your blog URI"))
        }
        KeyCheck::Valid(_) => Ok(text(StatusCode::OK, "valid", Vec::new())),
    }
}

fn check_input(p: &Params) -> CheckInput {
    let honeypot = {
        let name = p.get("honeypot_field_name");
        let v = if name.is_empty() { "" } else { p.get(name) };
        if v.is_empty() {
            p.get("POST_ak_hp_textarea").to_owned()
        } else {
            v.to_owned()
        }
    };
    let lang = p
        .get("blog_lang")
        .split(',')
        .next()
        .unwrap_or("")
        .trim()
        .split(['_', '-'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let context = p.array("comment_context").join(", ");
    let comment = retort_classifier::Comment {
        content: p.get("comment_content").to_owned(),
        author: p.get("comment_author").to_owned(),
        email: p.get("comment_author_email").to_owned(),
        url: p.get("comment_author_url").to_owned(),
        user_ip: p.first(&["user_ip", "comment_author_IP"]).to_owned(),
        user_agent: p.first(&["user_agent", "comment_agent"]).to_owned(),
        referrer: p.get("referrer").to_owned(),
        permalink: p.get("permalink").to_owned(),
        comment_type: p.first(&["comment_type", "content_type"]).to_owned(),
        lang,
        honeypot,
        seconds_to_submit: None,
        context: retort_classifier::Context {
            author_approved_comments: 0,
            recent_duplicates: 0,
            article_title: context,
        },
    };
    CheckInput {
        comment,
        blog: p.get("blog").trim().to_owned(),
        user_role: p.get("user_role").to_owned(),
        is_test: p.flag("is_test"),
    }
}

/// Validates a check or submission: key, `blog`, `user_ip`.
async fn checked(
    state: &AppState,
    p: &Params,
    headers: &HeaderMap,
) -> Result<Result<(ApiKey, CheckInput), Response>, ApiError> {
    let key = match resolve_key(state, p, headers, false).await? {
        KeyCheck::Valid(k) => k,
        KeyCheck::Invalid(help) => return Ok(Err(invalid(help))),
    };
    if p.get("blog").trim().is_empty() {
        return Ok(Err(invalid("Missing required field: blog.")));
    }
    let input = check_input(p);
    if input.comment.user_ip.trim().is_empty() {
        return Ok(Err(invalid("Missing required field: user_ip.")));
    }
    Ok(Ok((key, input)))
}

/// `comment-check`.
pub async fn comment_check(
    State(state): State<AppState>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let p = read(q, body).await?;
    let (key, input) = match checked(&state, &p, &headers).await? {
        Ok(v) => v,
        Err(res) => return Ok(res),
    };
    let outcome = state.akismet.check(&key, &input, now_ms()).await?;
    let guid = retort_domain::token::random_hex(16).unwrap_or_default();
    let mut h = vec![("x-akismet-guid", guid)];
    if outcome.spam && outcome.discard {
        h.push(("x-akismet-pro-tip", "discard".to_owned()));
    }
    Ok(text(
        StatusCode::OK,
        if outcome.spam { "true" } else { "false" },
        h,
    ))
}

async fn submit(
    state: AppState,
    q: Option<String>,
    headers: HeaderMap,
    body: Body,
    is_spam: bool,
) -> Result<Response, ApiError> {
    let p = read(q, body).await?;
    let (key, input) = match checked(&state, &p, &headers).await? {
        Ok(v) => v,
        Err(res) => return Ok(res),
    };
    state
        .akismet
        .submit(&key, &input, is_spam, now_ms())
        .await?;
    Ok(text(StatusCode::OK, THANKS, Vec::new()))
}

/// `submit-spam`.
pub async fn submit_spam(
    State(state): State<AppState>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    submit(state, q, headers, body, true).await
}

/// `submit-ham`.
pub async fn submit_ham(
    State(state): State<AppState>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    submit(state, q, headers, body, false).await
}

/// `deactivate` (WordPress, when the plugin is deactivated).
pub async fn deactivate() -> Response {
    text(StatusCode::OK, "deactivated", Vec::new())
}

/// `usage-limit`: unlimited, with this month's checks.
pub async fn usage_limit(
    State(state): State<AppState>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let p = read(q, body).await?;
    let key = match resolve_key(&state, &p, &headers, false).await? {
        KeyCheck::Valid(k) => k,
        KeyCheck::Invalid(help) => return Ok(invalid(help)),
    };
    let rows = state.akismet.usage(&key, &month_of(now_ms())).await?;
    let usage: i64 = rows.iter().map(|r| r.spam + r.ham).sum();
    let body = serde_json::json!({ "limit": "none", "usage": usage, "percentage": "0.00", "throttled": false });
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response())
}

/// `key-sites`: this key's sites and their counts in a month, as JSON or CSV.
pub async fn key_sites(
    State(state): State<AppState>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let p = read(q, body).await?;
    let key = match resolve_key(&state, &p, &headers, false).await? {
        KeyCheck::Valid(k) => k,
        KeyCheck::Invalid(help) => return Ok(invalid(help)),
    };
    let month = match p.get("month").trim() {
        "" => month_of(now_ms()),
        m if m.len() == 7
            && m.as_bytes()[4] == b'-'
            && m.bytes()
                .enumerate()
                .all(|(i, b)| i == 4 || b.is_ascii_digit()) =>
        {
            m.to_owned()
        }
        _ => return Ok(invalid("The month must look like YYYY-MM.")),
    };
    let mut rows = state.akismet.usage(&key, &month).await?;
    let filter = p.get("filter").to_ascii_lowercase();
    rows.retain(|r| r.site.to_ascii_lowercase().contains(&filter));
    match p.get("order") {
        "spam" => rows.sort_by_key(|r| std::cmp::Reverse(r.spam)),
        "ham" => rows.sort_by_key(|r| std::cmp::Reverse(r.ham)),
        "missed_spam" => rows.sort_by_key(|r| std::cmp::Reverse(r.missed_spam)),
        "false_positives" => rows.sort_by_key(|r| std::cmp::Reverse(r.false_positives)),
        _ => rows.sort_by_key(|r| std::cmp::Reverse(r.api_calls)),
    }
    let total = rows.len();
    let limit: usize = p.get("limit").trim().parse().unwrap_or(500);
    let offset: usize = p.get("offset").trim().parse().unwrap_or(0);
    let page: Vec<_> = rows.into_iter().skip(offset).take(limit).collect();
    let revoked = !key.is_active();
    if p.get("format").eq_ignore_ascii_case("csv") {
        let mut out = format!(
            "Active sites for {} during {month} (limit:{limit}, offset: {offset}, total: {total})\nSite,Total API Calls,Spam,Ham,Missed Spam,False Positives,Is Revoked\n",
            p.first(&["api_key", "key"]).trim()
        );
        for r in &page {
            out.push_str(&format!(
                "{},{},{},{},{},{},{}\n",
                r.site, r.api_calls, r.spam, r.ham, r.missed_spam, r.false_positives, revoked
            ));
        }
        return Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], out).into_response());
    }
    let sites: Vec<_> = page
        .iter()
        .map(|r| {
            serde_json::json!({
                "site": r.site, "api_calls": r.api_calls.to_string(), "spam": r.spam.to_string(), "ham": r.ham.to_string(),
                "missed_spam": r.missed_spam.to_string(), "false_positives": r.false_positives.to_string(), "is_revoked": revoked,
            })
        })
        .collect();
    let mut body = serde_json::Map::new();
    body.insert(month, sites.into());
    body.insert("limit".into(), limit.into());
    body.insert("offset".into(), offset.into());
    body.insert("total".into(), total.into());
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        serde_json::Value::Object(body).to_string(),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_merge_query_and_body_and_read_arrays_three_ways() {
        let p = Params::parse(
            b"api_key=q&blog=x",
            b"api_key=b&comment_context%5B0%5D=a&comment_context%5B1%5D=b",
        );
        assert_eq!(p.get("api_key"), "b", "body wins");
        assert_eq!(p.array("comment_context"), vec!["a", "b"]);
        let p = Params::parse(b"", b"comment_context[]=x&comment_context[]=y");
        assert_eq!(p.array("comment_context"), vec!["x", "y"]);
        let p = Params::parse(
            b"",
            b"comment_context=x&comment_context=y&comment_contexts=z",
        );
        assert_eq!(p.array("comment_context"), vec!["x", "y"]);
    }

    #[test]
    fn params_decode_plus_percent_invalid_utf8_and_latin1() {
        let p = Params::parse(b"", b"comment_content=caf%C3%A9+ok&x=%FF&bad=%G1%");
        assert_eq!(p.get("comment_content"), "café ok");
        assert_eq!(p.get("x"), "\u{FFFD}");
        assert_eq!(p.get("bad"), "%G1%");
        let p = Params::parse(b"", b"a=x%00y");
        assert_eq!(p.get("a"), "x\u{FFFD}y");
        let p = Params::parse(b"", b"blog_charset=ISO-8859-1&comment_content=caf%E9");
        assert_eq!(p.get("comment_content"), "café");
    }

    #[test]
    fn flags_and_dates() {
        let p = Params::parse(b"", b"a=1&b=true&c=TRUE&d=0&e=false&f=");
        assert!(p.flag("a") && p.flag("b") && p.flag("c"));
        assert!(!p.flag("d") && !p.flag("e") && !p.flag("f") && !p.flag("missing"));
        for d in [
            "2024-01-02T03:04:05Z",
            "2024-01-02T03:04:05.000Z",
            "2024-01-02 03:04:05",
            "2024-01-02T03:04:05+02:00",
        ] {
            assert!(parse_date(d), "{d}");
        }
        assert!(!parse_date("yesterday"));
    }
}
