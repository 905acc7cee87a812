//! No public page, feed, API response or log line carries a commenter's e-mail or IP.

use crate::{DEMO_URL, SITES, http, start_with};

#[tokio::test]
async fn emails_and_ips_never_appear_in_public_output_or_logs() {
    let config = format!("{SITES}\n[proxy]\ntrusted = [\"127.0.0.1/32\", \"::1/128\"]\n");
    let s = start_with(Some(&config), &[("RUST_LOG", "info")]).await;
    let mut secrets: Vec<String> = Vec::new();
    let mut bodies: Vec<String> = Vec::new();
    let targets = [
        ("demo", DEMO_URL),
        ("blog", "https://blog.example/p1"),
        ("held", "https://held.example/p2"),
    ];
    for (i, (site, url)) in targets.iter().enumerate() {
        for j in 0..3 {
            let email = format!("secret.person{i}{j}@private-mail.example");
            let ip = format!("203.0.113.{}", 10 + i * 3 + j);
            let r = http()
                .post(s.at("/api/v1/comments"))
                .header("x-forwarded-for", format!("{ip}, 127.0.0.1"))
                .json(&serde_json::json!({"site": site, "url": url, "title": "T", "author": format!("Person {i}{j}"), "email": email, "website": "", "text": format!("Comment {i}{j}")}))
                .send()
                .await
                .expect("post");
            assert_eq!(r.status().as_u16(), 201);
            bodies.push(r.text().await.expect("body"));
            secrets.push(email);
            secrets.push(ip);
        }
    }
    // One more through the no-JS form.
    let r = http()
        .post(s.at("/threads/1/comments"))
        .header("x-forwarded-for", "198.51.100.77")
        .form(&[
            ("author", "Formy"),
            ("email", "form.secret@private-mail.example"),
            ("text", "via form"),
        ])
        .send()
        .await
        .expect("form");
    assert_eq!(r.status().as_u16(), 303);
    secrets.push("form.secret@private-mail.example".into());
    secrets.push("198.51.100.77".into());

    let index = http()
        .get(s.at("/"))
        .send()
        .await
        .expect("index")
        .text()
        .await
        .expect("text");
    let ids: Vec<String> = index
        .match_indices("href=\"/threads/")
        .map(|(i, _)| index[i + 15..].split('"').next().unwrap_or("").to_owned())
        .collect();
    assert!(ids.len() >= 3, "{index}");
    let mut pages = vec![
        "/".to_owned(),
        "/demo".into(),
        "/embed.js".into(),
        "/api/v1/openapi.json".into(),
        "/healthz".into(),
    ];
    for site in ["demo", "blog", "held"] {
        pages.push(format!("/sites/{site}/privacy"));
        pages.push(format!("/api/v1/sites/{site}"));
    }
    for id in &ids {
        pages.push(format!("/threads/{id}"));
        pages.push(format!("/threads/{id}/atom.xml"));
        pages.push(format!("/threads/{id}?replyto=1"));
    }
    for (site, url) in targets {
        let enc = url.replace(':', "%3A").replace('/', "%2F");
        pages.push(format!("/api/v1/threads?site={site}&url={enc}"));
        pages.push(format!("/api/v1/counts?site={site}&url={enc}"));
    }
    for p in &pages {
        let r = http().get(s.at(p)).send().await.expect("get");
        let headers = format!("{:?}", r.headers());
        bodies.push(format!("{p}\n{headers}\n{}", r.text().await.expect("text")));
    }
    assert!(
        bodies.iter().any(|b| b.contains("Comment 11")),
        "the comments themselves are public"
    );
    for b in &bodies {
        for secret in &secrets {
            assert!(
                !b.contains(secret.as_str()),
                "{secret} leaked in:\n{}",
                &b[..b.len().min(300)]
            );
        }
    }
    let log = s.log();
    assert!(log.contains("request"), "the server logs requests: {log}");
    for secret in &secrets {
        assert!(!log.contains(secret.as_str()), "{secret} leaked in the log");
    }
}
