//! The JSON API under /api/v1.

use serde_json::{Value, json};

use crate::{DEMO_URL, SITES, comment, http, post_json, start, start_with};

async fn get_json(url: &str) -> (u16, Value) {
    let r = http().get(url).send().await.expect("get");
    let st = r.status().as_u16();
    (st, r.json().await.unwrap_or(Value::Null))
}

fn thread_url(s: &retort_testkit::Server, site: &str, url: &str) -> String {
    s.at(&format!(
        "/api/v1/threads?site={site}&url={}",
        url.replace(':', "%3A").replace('/', "%2F")
    ))
}

fn flatten(v: &Value, out: &mut Vec<Value>) {
    for c in v.as_array().into_iter().flatten() {
        out.push(c.clone());
        flatten(&c["replies"], out);
    }
}

fn assert_error(body: &Value, code: &str) {
    assert_eq!(body["error"]["code"], code, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "{body}"
    );
}

#[tokio::test]
async fn reads_the_comment_tree_by_site_and_url() {
    let s = start().await;
    let (st, body) = get_json(&thread_url(&s, "demo", DEMO_URL)).await;
    assert_eq!(st, 200, "{body}");
    assert_eq!(body["thread"]["title"], "Welcome to Retort");
    assert_eq!(body["thread"]["comments"], 4);
    let top = body["comments"].as_array().expect("array");
    assert_eq!(top.len(), 3, "three top-level comments");
    assert_eq!(top[0]["replies"][0]["author"], "Retort team");
    assert_eq!(top[0]["replies"][0]["parent"], top[0]["id"]);
    assert!(top[0].get("email").is_none());
}

#[tokio::test]
async fn posts_comments_and_replies_that_open_a_thread() {
    let s = start_with(Some(SITES), &[]).await;
    let url = "https://blog.example/2026/11/a-post";
    let (st, a) = post_json(&s, comment("blog", url, "Ann", "First!")).await;
    assert_eq!(st, 201, "{a}");
    assert_eq!(a["status"], "approved");
    assert_eq!(a["comment"]["number"], 1);
    assert!(a["edit_token"].as_str().is_some_and(|t| t.len() >= 32));
    let mut reply = comment("blog", url, "Ben", "A **reply**.");
    reply["parent"] = a["comment"]["id"].clone();
    let (st, b) = post_json(&s, reply).await;
    assert_eq!(st, 201, "{b}");
    let (_, tree) = get_json(&thread_url(&s, "blog", url)).await;
    assert_eq!(
        tree["comments"][0]["replies"][0]["html"],
        "<p>A <strong>reply</strong>.</p>\n"
    );
    assert_eq!(tree["comments"][0]["replies"][0]["number"], 2);
    let (st, _) = get_json(&s.at(&format!("/threads/{}", a["thread"]["id"]))).await;
    assert_eq!(
        st, 200,
        "the server-rendered page exists for the new thread"
    );
}

#[tokio::test]
async fn edits_and_deletes_own_comments_with_the_edit_token() {
    let s = start().await;
    let (_, a) = post_json(&s, comment("demo", DEMO_URL, "Eve", "Frist")).await;
    let id = a["comment"]["id"].as_i64().expect("id");
    let token = a["edit_token"].as_str().expect("token").to_owned();
    let edit = |tok: Option<&str>, text: &str| {
        let mut r = http()
            .patch(s.at(&format!("/api/v1/comments/{id}")))
            .json(&json!({ "text": text }));
        if let Some(t) = tok {
            r = r.header("X-Retort-Edit-Token", t);
        }
        r.send()
    };
    let r = edit(None, "First").await.expect("patch");
    assert_eq!(r.status().as_u16(), 401);
    let r = edit(Some("0123456789abcdef0123456789abcdef"), "First")
        .await
        .expect("patch");
    assert_eq!(r.status().as_u16(), 403);
    let r = edit(Some(&token), "First, *edited*").await.expect("patch");
    assert_eq!(r.status().as_u16(), 200);
    let (_, tree) = get_json(&thread_url(&s, "demo", DEMO_URL)).await;
    let mut all = Vec::new();
    flatten(&tree["comments"], &mut all);
    let mine = all.iter().find(|c| c["id"] == id).expect("still there");
    assert_eq!(mine["html"], "<p>First, <em>edited</em></p>\n");
    assert!(mine["edited_at"].is_string());
    let r = edit(Some(&token), "   ").await.expect("patch");
    assert_eq!(r.status().as_u16(), 422);
    let r = http()
        .delete(s.at(&format!("/api/v1/comments/{id}")))
        .json(&json!({ "edit_token": token }))
        .send()
        .await
        .expect("delete");
    assert_eq!(r.status().as_u16(), 200);
    let (_, tree) = get_json(&thread_url(&s, "demo", DEMO_URL)).await;
    let mut all = Vec::new();
    flatten(&tree["comments"], &mut all);
    assert!(
        all.iter().all(|c| c["id"] != id),
        "deleted comment without replies is gone"
    );
    let r = edit(Some(&token), "again").await.expect("patch");
    assert_eq!(r.status().as_u16(), 404);
}

#[tokio::test]
async fn the_edit_window_closes() {
    let s = start_with(None, &[("RETORT_COMMENTS__EDIT_WINDOW_MINUTES", "0")]).await;
    let (_, a) = post_json(&s, comment("demo", DEMO_URL, "Late", "Text")).await;
    let id = a["comment"]["id"].as_i64().expect("id");
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let r = http()
        .patch(s.at(&format!("/api/v1/comments/{id}")))
        .header("X-Retort-Edit-Token", a["edit_token"].as_str().expect("t"))
        .json(&json!({"text": "new"}))
        .send()
        .await
        .expect("patch");
    assert_eq!(r.status().as_u16(), 403);
    let body: Value = r.json().await.expect("json");
    assert!(
        body["error"]["message"]
            .as_str()
            .expect("msg")
            .contains("passed")
    );
}

#[tokio::test]
async fn counts_many_urls_in_one_call() {
    let s = start_with(Some(SITES), &[]).await;
    for (i, url) in [
        "https://blog.example/a",
        "https://blog.example/a",
        "https://blog.example/b",
    ]
    .iter()
    .enumerate()
    {
        let (st, _) = post_json(&s, comment("blog", url, &format!("P{i}"), "hello")).await;
        assert_eq!(st, 201);
    }
    let (st, c) = get_json(&s.at("/api/v1/counts?site=blog&url=https%3A%2F%2Fblog.example%2Fa&url=https%3A%2F%2Fblog.example%2Fb&url=https%3A%2F%2Fblog.example%2Fnone")).await;
    assert_eq!(st, 200, "{c}");
    assert_eq!(
        c["counts"],
        json!({"https://blog.example/a": 2, "https://blog.example/b": 1, "https://blog.example/none": 0})
    );
    let r = http()
        .post(s.at("/api/v1/counts"))
        .json(&json!({"site": "blog", "urls": ["https://blog.example/b"]}))
        .send()
        .await
        .expect("post");
    assert_eq!(
        r.json::<Value>().await.expect("json")["counts"]["https://blog.example/b"],
        1
    );
}

#[tokio::test]
async fn openapi_document_describes_every_route() {
    let s = start().await;
    let (st, doc) = get_json(&s.at("/api/v1/openapi.json")).await;
    assert_eq!(st, 200);
    assert!(doc["openapi"].as_str().expect("version").starts_with("3."));
    for (path, methods) in [
        ("/threads", &["get"][..]),
        ("/sites/{site}", &["get"]),
        ("/comments", &["post"]),
        ("/comments/{id}", &["patch", "delete"]),
        ("/counts", &["get", "post"]),
        ("/openapi.json", &["get"]),
    ] {
        for m in methods {
            assert!(doc["paths"][path][m].is_object(), "{m} {path} documented");
        }
    }
}

#[tokio::test]
async fn bad_input_gets_json_errors() {
    let s = start_with(Some(SITES), &[("RETORT_LIMITS__MAX_BODY_BYTES", "2048")]).await;
    let post_raw = |body: Vec<u8>| {
        http()
            .post(s.at("/api/v1/comments"))
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let r = post_raw(b"{\"site\": ".to_vec()).await.expect("post");
    assert_eq!(r.status().as_u16(), 400);
    assert_error(&r.json().await.expect("json"), "invalid_json");
    let r = post_raw(b"{\"site\": \"blog\xff\"}".to_vec())
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 400);
    assert_error(&r.json().await.expect("json"), "invalid_utf8");
    let r = post_raw(
        serde_json::to_vec(&comment(
            "blog",
            "https://blog.example/x",
            "Big",
            &"y".repeat(4000),
        ))
        .expect("json"),
    )
    .await
    .expect("post");
    assert_eq!(r.status().as_u16(), 413);
    assert_error(&r.json().await.expect("json"), "body_too_large");
    let (st, b) = post_json(
        &s,
        comment("nosuchsite", "https://blog.example/x", "A", "t"),
    )
    .await;
    assert_eq!(st, 404);
    assert_error(&b, "site_not_found");
    let (st, b) = post_json(&s, json!({"site": "blog", "url": "https://blog.example/x", "author": "A", "email": "bad", "text": ""})).await;
    assert_eq!(st, 422);
    assert_error(&b, "invalid_field");
    assert_eq!(b["error"]["field"], "email");
    assert_eq!(b["error"]["fields"].as_array().map(Vec::len), Some(2));
    let (st, b) = post_json(&s, comment("blog", "https://elsewhere.example/x", "A", "t")).await;
    assert_eq!(st, 403, "article outside the site's origins");
    assert_error(&b, "forbidden");
    let (st, b) = post_json(&s, comment("blog", "not a url", "A", "t")).await;
    assert_eq!((st, b["error"]["field"].as_str()), (422, Some("url")));
    let (st, b) = get_json(&s.at("/api/v1/threads?site=blog")).await;
    assert_eq!(st, 400);
    assert_error(&b, "missing_parameter");
    assert_eq!(b["error"]["field"], "url");
    let (st, b) = get_json(&thread_url(&s, "blog", "https://blog.example/never")).await;
    assert_eq!(st, 404);
    assert_error(&b, "thread_not_found");
    let (st, b) = get_json(&s.at("/api/v1/nothing")).await;
    assert_eq!(st, 404);
    assert_error(&b, "not_found");
    let r = http()
        .patch(s.at("/api/v1/comments/1"))
        .header("content-type", "application/json")
        .body("[1,")
        .send()
        .await
        .expect("patch");
    assert_eq!(r.status().as_u16(), 400);
    // Nothing bad was stored: the demo thread is intact.
    let (_, tree) = get_json(&thread_url(&s, "demo", DEMO_URL)).await;
    assert_eq!(tree["thread"]["comments"], 4);
}

#[tokio::test]
async fn cors_only_for_the_sites_allowed_origins() {
    let s = start_with(Some(SITES), &[]).await;
    let pre = |origin: &'static str| {
        http()
            .request(reqwest::Method::OPTIONS, s.at("/api/v1/comments"))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .send()
    };
    let r = pre("https://blog.example").await.expect("preflight");
    assert_eq!(r.status().as_u16(), 204);
    assert_eq!(
        r.headers()["access-control-allow-origin"],
        "https://blog.example"
    );
    let r = pre("https://evil.example").await.expect("preflight");
    assert!(r.headers().get("access-control-allow-origin").is_none());
    let (st, _) = post_json(&s, comment("blog", "https://blog.example/c", "A", "t")).await;
    assert_eq!(st, 201);
    let get = |origin: &'static str, site: &'static str| {
        http()
            .get(s.at(&format!(
                "/api/v1/threads?site={site}&url=https%3A%2F%2Fblog.example%2Fc"
            )))
            .header("origin", origin)
            .send()
    };
    let r = get("https://blog.example", "blog").await.expect("get");
    assert_eq!(
        r.headers()["access-control-allow-origin"],
        "https://blog.example"
    );
    let r = get("https://held.example", "blog").await.expect("get");
    assert!(
        r.headers().get("access-control-allow-origin").is_none(),
        "another site's origin gets no CORS"
    );
    let r = http()
        .post(s.at("/api/v1/comments"))
        .header("origin", "https://held.example")
        .json(&comment("blog", "https://blog.example/c", "A", "t"))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 403);
    assert_error(&r.json().await.expect("json"), "origin_not_allowed");
}

/// Posts one comment per URL in `urls`, all at once, to the thread `thread_url`; the status
/// codes, in order.
async fn post_at_once(urls: Vec<String>, thread_url: &'static str) -> Vec<u16> {
    let tasks: Vec<_> = urls
        .into_iter()
        .enumerate()
        .map(|(i, url)| {
            tokio::spawn(async move {
                http()
                    .post(url)
                    .json(&comment("blog", thread_url, &format!("R{i}"), "hi"))
                    .send()
                    .await
                    .expect("post")
                    .status()
                    .as_u16()
            })
        })
        .collect();
    let mut codes = Vec::new();
    for t in tasks {
        codes.push(t.await.expect("join"));
    }
    codes
}

#[tokio::test]
async fn rate_limits_hold_under_concurrency() {
    let s = start_with(
        Some(SITES),
        &[
            ("RETORT_RATE_LIMIT__PER_MINUTE", "1"),
            ("RETORT_RATE_LIMIT__BURST", "5"),
        ],
    )
    .await;
    let urls = vec![s.at("/api/v1/comments"); 24];
    let codes = post_at_once(urls, "https://blog.example/rl").await;
    assert_eq!(codes.iter().filter(|c| **c == 201).count(), 5, "{codes:?}");
    assert_eq!(codes.iter().filter(|c| **c == 429).count(), 19, "{codes:?}");
}

#[tokio::test]
async fn write_limits_hold_across_instances_sharing_one_database() {
    let a = start_with(
        Some(SITES),
        &[
            ("RETORT_RATE_LIMIT__PER_MINUTE", "1"),
            ("RETORT_RATE_LIMIT__BURST", "4"),
        ],
    )
    .await;
    let b = a.start_sharing().await.expect("second instance");
    // Twelve writes from one client, alternating between the instances, at the same time: the
    // client's burst of four is shared, not four per instance.
    let urls = (0..12)
        .map(|i| if i % 2 == 0 { &a } else { &b }.at("/api/v1/comments"))
        .collect();
    let codes = post_at_once(urls, "https://blog.example/shared-rl").await;
    assert_eq!(codes.iter().filter(|c| **c == 201).count(), 4, "{codes:?}");
    assert_eq!(codes.iter().filter(|c| **c == 429).count(), 8, "{codes:?}");
}

#[tokio::test]
async fn forwarded_for_is_believed_only_from_trusted_proxies() {
    // Burst 1: a second write from the same client is refused. Behind a trusted proxy, two
    // clients with different X-Forwarded-For addresses each get their own allowance.
    let trusted = format!("{SITES}\n[proxy]\ntrusted = [\"127.0.0.1/32\", \"::1/128\"]\n");
    let s = start_with(
        Some(&trusted),
        &[
            ("RETORT_RATE_LIMIT__PER_MINUTE", "1"),
            ("RETORT_RATE_LIMIT__BURST", "1"),
        ],
    )
    .await;
    let post_as = |ip: &'static str| {
        http()
            .post(s.at("/api/v1/comments"))
            .header("x-forwarded-for", ip)
            .json(&comment("blog", "https://blog.example/xff", "X", "hello"))
            .send()
    };
    assert_eq!(
        post_as("203.0.113.1")
            .await
            .expect("post")
            .status()
            .as_u16(),
        201
    );
    assert_eq!(
        post_as("203.0.113.2")
            .await
            .expect("post")
            .status()
            .as_u16(),
        201,
        "another client behind the proxy"
    );
    assert_eq!(
        post_as("203.0.113.1")
            .await
            .expect("post")
            .status()
            .as_u16(),
        429,
        "same client again"
    );

    // Without trusting the proxy, the header is ignored: every request is the peer's.
    let s2 = start_with(
        Some(SITES),
        &[
            ("RETORT_RATE_LIMIT__PER_MINUTE", "1"),
            ("RETORT_RATE_LIMIT__BURST", "1"),
        ],
    )
    .await;
    let post2 = |ip: &'static str| {
        http()
            .post(s2.at("/api/v1/comments"))
            .header("x-forwarded-for", ip)
            .json(&comment("blog", "https://blog.example/xff", "X", "hello"))
            .send()
    };
    assert_eq!(
        post2("203.0.113.1").await.expect("post").status().as_u16(),
        201
    );
    assert_eq!(
        post2("203.0.113.2").await.expect("post").status().as_u16(),
        429,
        "spoofed header does not dodge the limit"
    );
}

#[tokio::test]
async fn widget_is_served_small_and_plain() {
    let s = start().await;
    let r = http().get(s.at("/embed.js")).send().await.expect("get");
    assert_eq!(r.status().as_u16(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .expect("ct")
            .starts_with("application/javascript")
    );
    let js = r.bytes().await.expect("body");
    assert!(js.len() > 1000, "the real widget");
    let mut gz = std::process::Command::new("gzip")
        .arg("-9c")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("gzip");
    std::io::Write::write_all(&mut gz.stdin.take().expect("stdin"), &js).expect("write");
    let out = gz.wait_with_output().expect("gzip output");
    assert!(
        out.stdout.len() < 15 * 1024,
        "widget is {} bytes gzipped",
        out.stdout.len()
    );
    let text = String::from_utf8_lossy(&js);
    assert!(
        !text.contains("gravatar") && !text.contains("import "),
        "no third-party calls, no modules"
    );
}

#[tokio::test]
async fn no_input_causes_a_server_error() {
    // Deterministic pseudo-random garbage at every route: bodies, query strings, content types.
    let s = start_with(Some(SITES), &[]).await;
    let routes: &[(&str, &str)] = &[
        ("POST", "/api/v1/comments"),
        ("PATCH", "/api/v1/comments/1"),
        ("DELETE", "/api/v1/comments/1"),
        ("GET", "/api/v1/threads"),
        ("GET", "/api/v1/counts"),
        ("POST", "/api/v1/counts"),
        ("GET", "/api/v1/sites/blog"),
        ("POST", "/threads/1/comments"),
        ("GET", "/threads/1"),
        ("GET", "/threads/1/atom.xml"),
        ("GET", "/sites/blog/privacy"),
        ("POST", "/1.1/comment-check"),
        ("POST", "/1.1/verify-key"),
        ("POST", "/1.1/submit-spam"),
        ("GET", "/1.2/key-sites"),
        ("GET", "/1.2/usage-limit"),
    ];
    let samples: Vec<Vec<u8>> = {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut v: Vec<Vec<u8>> = vec![
            b"".to_vec(),
            b"{}".to_vec(),
            b"null".to_vec(),
            b"[]".to_vec(),
            b"{\"site\": 5, \"url\": [], \"parent\": \"x\"}".to_vec(),
            b"{\"site\": \"blog\", \"url\": \"https://blog.example/\\u0000\", \"author\": \"\\ud800\", \"email\": \"a@b.c\", \"text\": \"x\"}".to_vec(),
            b"{\"site\": \"blog\", \"url\": \"https://blog.example/p\", \"author\": \"A\", \"email\": \"a@b.org\", \"text\": \"x\", \"parent\": 99999999999999}".to_vec(),
            b"%%%&&&===".to_vec(),
            b"author=%ZZ&text=%".to_vec(),
            b"parent=-1&author=A&email=a%40b.org&text=x".to_vec(),
            b"parent=99999999999999999999999&author=A&email=a%40b.org&text=x".to_vec(),
            "text=\u{202e}\u{0}\u{fffd}&author=\u{1F600}&email=x%40y.z".as_bytes().to_vec(),
        ];
        for _ in 0..40 {
            let len = (next() % 300) as usize;
            v.push((0..len).map(|_| (next() % 256) as u8).collect());
        }
        v
    };
    let queries = [
        "",
        "?site=blog",
        "?site=blog&url=%FF",
        "?site=%00&url=",
        "?url=x&url=y&site=nope",
        "?replyto=abc&awaiting=-5",
        "?format=csv&month=9999-99&limit=-1&offset=x",
    ];
    for (method, path) in routes {
        for (i, body) in samples.iter().enumerate() {
            let q = queries[i % queries.len()];
            let ct = [
                "application/json",
                "application/x-www-form-urlencoded",
                "text/plain; charset=latin1",
                "",
            ][i % 4];
            let mut r = http()
                .request(method.parse().expect("method"), s.at(&format!("{path}{q}")))
                .body(body.clone());
            if !ct.is_empty() {
                r = r.header("content-type", ct);
            }
            let st = r.send().await.expect("request").status().as_u16();
            assert!(st < 500, "{method} {path}{q} with body #{i} answered {st}");
        }
    }
    assert_eq!(
        http()
            .get(s.at("/healthz"))
            .send()
            .await
            .expect("health")
            .status()
            .as_u16(),
        200
    );
}
