//! Browser tests in headless Chromium (Debian's `chromium` + `chromium-driver`): a plain HTML
//! page on another origin embeds `/embed.js`, posts a comment and a reply and sees both; then
//! the no-JavaScript page posts through its form. Run with `--features browser-tests`.

use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::start_with;

pub(crate) struct Driver {
    child: std::process::Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// The child is waited for in `Driver::drop`, which clippy cannot see.
#[allow(clippy::zombie_processes)]
pub(crate) async fn chromedriver() -> Driver {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("free port")
        .local_addr()
        .expect("addr")
        .port();
    let child = std::process::Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("chromedriver is installed (scripts/test.sh installs it)");
    let url = format!("http://127.0.0.1:{port}");
    for _ in 0..200 {
        if let Ok(r) = reqwest::get(format!("{url}/status")).await
            && r.status().is_success()
        {
            return Driver { child, url };
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("chromedriver did not start");
}

pub(crate) async fn browser(driver: &Driver, profile: &std::path::Path) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", format!("--user-data-dir={}", profile.display()),
                     // Present the browser as a reader's desktop Chromium, not as "HeadlessChrome".
                     "--user-agent=Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36"]
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("browser session")
}

pub(crate) async fn fill(c: &Client, css: &str, text: &str) {
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
        .expect(css)
        .send_keys(text)
        .await
        .expect("type");
}

pub(crate) async fn wait_text(c: &Client, needle: &str) {
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    loop {
        let src = c.source().await.expect("source");
        if src.contains(needle) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "'{needle}' never appeared in:\n{src}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn widget_posts_comment_and_reply_and_the_nojs_page_posts_too() {
    // The static site's origin must be in the config before retort starts: pick a free port,
    // start retort, then serve the page on that port with retort's URL in it.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let site_origin = format!("http://{}", listener.local_addr().expect("addr"));
    drop(listener);
    let config = format!(
        "[[sites]]\nname = \"static\"\ntitle = \"Static\"\norigins = [\"{site_origin}\"]\n"
    );
    let s = start_with(Some(&config), &[]).await;
    let port: u16 = site_origin
        .rsplit(':')
        .next()
        .expect("port")
        .parse()
        .expect("port");
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .expect("rebind static port");
    let page = format!(
        "<!doctype html><html><head><meta charset=utf-8><title>A static article</title></head><body>\
<h1>A static article</h1><p>Some text.</p>\
<div id=\"retort-thread\" data-site=\"static\" data-url=\"{site_origin}/article.html\" data-title=\"A static article\"></div>\
<script src=\"{}/embed.js\" async></script></body></html>",
        s.url
    );
    let app = axum::Router::new().route(
        "/article.html",
        axum::routing::get(move || async move { axum::response::Html(page) }),
    );
    let _server = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });

    let driver = chromedriver().await;
    let profile = tempfile::tempdir().expect("profile");
    let c = browser(&driver, profile.path()).await;

    c.goto(&format!("{site_origin}/article.html"))
        .await
        .expect("goto");
    wait_text(&c, "Leave a reply").await;
    wait_text(&c, "Learn how your comment data is processed").await;
    fill(&c, "form.rt-f [name=author]", "Browser Bea").await;
    fill(&c, "form.rt-f [name=email]", "bea@example.org").await;
    fill(
        &c,
        "form.rt-f [name=text]",
        "Posted from **headless** Chromium.",
    )
    .await;
    c.find(Locator::Css("form.rt-f button[type=submit]"))
        .await
        .expect("submit")
        .click()
        .await
        .expect("click");
    wait_text(&c, "Posted from <strong>headless</strong> Chromium.").await;
    wait_text(&c, "1 comment").await;

    c.find(Locator::Css(".rt-c .rt-reply"))
        .await
        .expect("reply button")
        .click()
        .await
        .expect("click");
    wait_text(&c, "Reply to Browser Bea").await;
    fill(&c, "form.rt-f [name=author]", "Replying Ray").await;
    fill(&c, "form.rt-f [name=email]", "ray@example.org").await;
    fill(&c, "form.rt-f [name=text]", "A reply through the widget.").await;
    c.find(Locator::Css("form.rt-f button[type=submit]"))
        .await
        .expect("submit")
        .click()
        .await
        .expect("click");
    wait_text(&c, "A reply through the widget.").await;
    let nested = c
        .execute("var r = document.querySelector('.rt-list > li.rt-c > ol > li.rt-c .rt-body'); return r ? r.textContent : null;", vec![])
        .await
        .expect("script");
    assert_eq!(
        nested,
        json!("A reply through the widget.\n"),
        "the reply is nested under its parent"
    );

    // The same thread, server-rendered, without the widget.
    let tree: serde_json::Value = reqwest::get(s.at(&format!(
        "/api/v1/threads?site=static&url={}",
        format!("{site_origin}/article.html").replace(':', "%3A").replace('/', "%2F")
    )))
    .await
    .expect("get")
    .json()
    .await
    .expect("json");
    let tid = tree["thread"]["id"].as_i64().expect("thread id");
    c.goto(&s.at(&format!("/threads/{tid}")))
        .await
        .expect("goto");
    wait_text(&c, "A reply through the widget.").await;
    fill(&c, "#author", "No Script Nora").await;
    fill(&c, "#email", "nora@example.org").await;
    fill(&c, "#text", "Posted through the plain form.").await;
    c.find(Locator::Css("form button[type=submit]"))
        .await
        .expect("submit")
        .click()
        .await
        .expect("click");
    wait_text(&c, "Posted through the plain form.").await;
    let url = c.current_url().await.expect("url");
    assert!(
        url.fragment().is_some_and(|f| f.starts_with("comment-")),
        "redirected to the new comment: {url}"
    );
    assert!(
        c.source().await.expect("source").contains("\">3.</a>"),
        "numbered 3"
    );
    c.close().await.expect("close");
}

/// The widget on the demo page offers reply notifications (SMTP is configured here, to a port
/// where nobody listens) and keeps the commenter's details in the browser only while "Save my
/// name…" is ticked.
#[tokio::test]
async fn widget_remembers_details_only_when_asked_and_subscribes_to_replies() {
    let s = start_with(
        None,
        &[
            ("RETORT_SMTP__HOST", "127.0.0.1"),
            ("RETORT_SMTP__PORT", "9"),
            ("RETORT_SMTP__SECURITY", "none"),
        ],
    )
    .await;
    let driver = chromedriver().await;
    let profile = tempfile::tempdir().expect("profile");
    let c = browser(&driver, profile.path()).await;
    let value = |css: &'static str, prop: &'static str| {
        let c = c.clone();
        async move {
            c.execute(
                &format!("var e = document.querySelector('{css}'); return e ? e.{prop} : null;"),
                vec![],
            )
            .await
            .expect("script")
        }
    };
    let submit = || async {
        c.find(Locator::Css("form.rt-f button[type=submit]"))
            .await
            .expect("submit")
            .click()
            .await
            .expect("click");
    };

    c.goto(&s.at("/demo")).await.expect("goto");
    wait_text(&c, "Email me when someone replies").await;
    wait_text(&c, "Save my name, email and website").await;
    assert_eq!(
        value("form.rt-f [name=remember]", "checked").await,
        json!(false)
    );
    fill(&c, "form.rt-f [name=author]", "Nora Notify").await;
    fill(&c, "form.rt-f [name=email]", "nora@example.org").await;
    fill(&c, "form.rt-f [name=website]", "https://nora.example").await;
    fill(&c, "form.rt-f [name=text]", "Tell me when someone answers.").await;
    for name in ["notify", "remember"] {
        c.find(Locator::Css(&format!("form.rt-f [name={name}]")))
            .await
            .expect("box")
            .click()
            .await
            .expect("tick");
    }
    submit().await;
    wait_text(&c, "Tell me when someone answers.").await;

    // A fresh page load fills the form from what was saved.
    c.goto(&s.at("/demo")).await.expect("reload");
    wait_text(&c, "Tell me when someone answers.").await;
    wait_text(&c, "Leave a reply").await;
    assert_eq!(
        value("form.rt-f [name=author]", "value").await,
        json!("Nora Notify")
    );
    assert_eq!(
        value("form.rt-f [name=email]", "value").await,
        json!("nora@example.org")
    );
    assert_eq!(
        value("form.rt-f [name=remember]", "checked").await,
        json!(true)
    );
    // The subscription was asked for (it waits for the address to be confirmed).
    let rows = retort_testkit::all_stored_text(&s).await.expect("rows");
    assert!(rows.contains("reply_subscriptions.comment_id="), "{rows}");

    // Unticking forgets the details on the next post.
    c.find(Locator::Css("form.rt-f [name=remember]"))
        .await
        .expect("box")
        .click()
        .await
        .expect("untick");
    fill(&c, "form.rt-f [name=text]", "A second one, not remembered.").await;
    submit().await;
    wait_text(&c, "A second one, not remembered.").await;
    c.goto(&s.at("/demo")).await.expect("reload");
    wait_text(&c, "A second one, not remembered.").await;
    wait_text(&c, "Leave a reply").await;
    assert_eq!(value("form.rt-f [name=author]", "value").await, json!(""));
    assert_eq!(
        c.execute("return localStorage.getItem('retort-commenter');", vec![])
            .await
            .expect("script"),
        json!(null)
    );
    let _ = c.close().await;
}
