//! Black-box tests: the real `retort` binary on a free loopback port with a temporary data
//! directory, over HTTP. Every test runs on SQLite, or on a fresh PostgreSQL database when
//! `DATABASE_URL` is set. All such tests live in this one test binary.

mod admin;
#[cfg(feature = "browser-tests")]
mod admin_browser;
#[cfg(feature = "mail-tests")]
mod admin_mail;
mod akismet;
mod api;
#[cfg(feature = "browser-tests")]
mod browser;
mod cli;
#[cfg(feature = "compat-tests")]
mod compat;
mod crash;
mod data_rights;
mod import;
mod pages;
mod privacy;
mod transfer;

use retort_testkit::{Backend, Options, Server};

/// The binary under test.
pub fn bin() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_BIN_EXE_retort"))
}

/// Test defaults: no minimum time to submit and a generous rate limit, so tests can post
/// quickly; tests of those rules set their own values.
pub fn test_env() -> Vec<(String, String)> {
    vec![
        ("RETORT_COMMENTS__MIN_SECONDS_TO_SUBMIT".into(), "0".into()),
        ("RETORT_RATE_LIMIT__PER_MINUTE".into(), "100000".into()),
        ("RETORT_RATE_LIMIT__BURST".into(), "100000".into()),
    ]
}

/// Starts a server with the test defaults plus `config` (TOML) and extra env.
pub async fn start_with(config: Option<&str>, env: &[(&str, &str)]) -> Server {
    let mut e = test_env();
    for (k, v) in env {
        e.retain(|(kk, _)| kk != k);
        e.push(((*k).into(), (*v).into()));
    }
    let opts = Options {
        env: e,
        config: config.map(str::to_owned),
        ..Default::default()
    };
    Server::start(&bin(), &Backend::from_env(), opts)
        .await
        .expect("server starts")
}

/// Starts a server with the test defaults.
pub async fn start() -> Server {
    start_with(None, &[]).await
}

/// A client that does not follow redirects.
pub fn http() -> reqwest::Client {
    retort_testkit::client().expect("client")
}

/// The demo article's URL.
pub const DEMO_URL: &str = "https://demo.retort.invalid/articles/welcome-to-retort";

/// A config with a moderated site and an open one, both allowing https://blog.example.
pub const SITES: &str = r#"
[[sites]]
name = "blog"
title = "The Blog"
origins = ["https://blog.example"]

[[sites]]
name = "held"
title = "Moderated"
origins = ["https://held.example"]
moderation = "manual"
"#;

/// Posts a comment through the JSON API; returns status and body.
pub async fn post_json(s: &Server, body: serde_json::Value) -> (u16, serde_json::Value) {
    let r = http()
        .post(s.at("/api/v1/comments"))
        .json(&body)
        .send()
        .await
        .expect("post");
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(serde_json::Value::Null))
}

/// A valid comment body for the JSON API.
pub fn comment(site: &str, url: &str, author: &str, text: &str) -> serde_json::Value {
    serde_json::json!({
        "site": site, "url": url, "title": "An article", "author": author,
        "email": format!("{}@example.org", author.to_lowercase().replace(' ', ".")), "text": text,
    })
}
