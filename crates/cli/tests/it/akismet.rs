//! The Akismet-compatible API over raw HTTP against the real binary: key locations and
//! precedence, encodings, date formats, HTTP/1.0, charsets, extra fields, exact bodies and
//! headers, the documented test hooks, usage counters and learning from feedback.

use std::io::{Read, Write};

use crate::{bin, http, start};

/// Creates a key with `retort keys create` against the server's own data.
pub fn create_key(s: &retort_testkit::Server, site: &str) -> String {
    let mut cmd = std::process::Command::new(bin());
    cmd.args(["keys", "create", "--site", site, "--data-dir"])
        .arg(&s.data_dir);
    if let Some(db) = &s.database_url {
        cmd.args(["--database-url", db]);
    }
    let out = cmd.output().expect("retort keys create");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let key = String::from_utf8(out.stdout)
        .expect("utf8")
        .trim()
        .to_owned();
    assert_eq!(key.len(), 12, "{key}");
    key
}

async fn call(
    s: &retort_testkit::Server,
    path: &str,
    body: &str,
) -> (String, reqwest::header::HeaderMap) {
    let r = http()
        .post(s.at(path))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.to_owned())
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 200, "API outcomes always answer 200");
    let h = r.headers().clone();
    (r.text().await.expect("body"), h)
}

fn base(key: &str) -> String {
    format!(
        "api_key={key}&blog=https%3A%2F%2Fblog.example&user_ip=192.0.2.7&user_agent=Mozilla%2F5.0"
    )
}

#[tokio::test]
async fn verify_key_and_its_precedence() {
    let s = start().await;
    let key = create_key(&s, "https://blog.example");
    let other = create_key(&s, "https://other.example");
    let (b, h) = call(
        &s,
        "/1.1/verify-key",
        &format!("key={key}&blog=https%3A%2F%2Fblog.example"),
    )
    .await;
    assert_eq!(b, "valid");
    assert!(h.get("x-akismet-debug-help").is_none());
    assert_eq!(
        call(
            &s,
            "/1.1/verify-key",
            "key=zzzzzzzzzzzz&blog=https%3A%2F%2Fblog.example"
        )
        .await
        .0,
        "invalid"
    );
    let (b, h) = call(&s, "/1.1/verify-key", "blog=https%3A%2F%2Fblog.example").await;
    assert_eq!(b, "invalid");
    assert_eq!(h["x-akismet-debug-help"], "Empty \"key\" value");
    // WordPress sends api_key (its configured key) on every call; verify-key checks `key`.
    assert_eq!(
        call(
            &s,
            "/1.1/verify-key",
            &format!("key=zzzzzzzzzzzz&api_key={key}&blog=https%3A%2F%2Fblog.example")
        )
        .await
        .0,
        "invalid"
    );
    assert_eq!(
        call(
            &s,
            "/1.1/verify-key",
            &format!("key={key}&api_key=zzzzzzzzzzzz&blog=https%3A%2F%2Fblog.example")
        )
        .await
        .0,
        "valid"
    );
    assert_eq!(
        call(
            &s,
            "/1.1/verify-key",
            &format!("api_key={other}&blog=https%3A%2F%2Fother.example")
        )
        .await
        .0,
        "valid"
    );
    let (b, h) = call(&s, "/1.1/verify-key", &format!("key={key}&blog=not+a+url")).await;
    assert_eq!(b, "invalid");
    assert_eq!(
        h["x-akismet-debug-help"],
        "We were unable to parse your blog URI"
    );
    // The same under /1.2/, and revoked keys stop working.
    assert_eq!(
        call(
            &s,
            "/1.2/verify-key",
            &format!("key={key}&blog=https%3A%2F%2Fblog.example")
        )
        .await
        .0,
        "valid"
    );
    let mut cmd = std::process::Command::new(bin());
    cmd.args(["keys", "revoke", &other, "--data-dir"])
        .arg(&s.data_dir);
    if let Some(db) = &s.database_url {
        cmd.args(["--database-url", db]);
    }
    assert!(cmd.status().expect("revoke").success());
    // A running server trusts a key it has read for at most two seconds.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let (b, _) = call(
            &s,
            "/1.1/verify-key",
            &format!("key={other}&blog=https%3A%2F%2Fother.example"),
        )
        .await;
        if b == "invalid" {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the revoked key still works"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn comment_check_key_locations_and_exact_answers() {
    let s = start().await;
    let key = create_key(&s, "https://blog.example");
    let ham = format!(
        "{}&comment_type=comment&comment_author=Ann&comment_content=I+think+the+council+got+this+one+right.",
        base(&key)
    );
    let (b, h) = call(&s, "/1.1/comment-check", &ham).await;
    assert_eq!(b, "false", "exact body, no newline");
    assert!(h["x-akismet-guid"].to_str().expect("guid").len() >= 16);
    assert!(
        h.get("x-akismet-debug-help").is_none()
            && h.get("x-akismet-alert-code").is_none()
            && h.get("x-akismet-pro-tip").is_none()
    );
    assert_eq!(h["content-type"], "text/plain; charset=utf-8");
    // `key` works where api_key is absent; api_key wins over key.
    let via_key = ham.replacen("api_key=", "key=", 1);
    assert_eq!(call(&s, "/1.1/comment-check", &via_key).await.0, "false");
    assert_eq!(
        call(&s, "/1.1/comment-check", &format!("{ham}&key=zzzzzzzzzzzz"))
            .await
            .0,
        "false"
    );
    // The Host prefix: KEY.host, with no key in the body.
    let no_key = ham.replacen(&format!("api_key={key}&"), "", 1);
    let r = http()
        .post(s.at("/1.1/comment-check"))
        .header(
            "host",
            format!(
                "{key}.localhost:{}",
                s.url.rsplit(':').next().expect("port")
            ),
        )
        .header("content-type", "application/x-www-form-urlencoded")
        .body(no_key.clone())
        .send()
        .await
        .expect("post");
    assert_eq!(r.text().await.expect("body"), "false");
    let (b, h) = call(&s, "/1.1/comment-check", &no_key).await;
    assert_eq!(b, "invalid");
    assert_eq!(h["x-akismet-debug-help"], "Empty \"api_key\" value");
    // Missing user_ip is refused; comment_author_IP stands in for it (WordPress rows).
    let no_ip = ham.replacen("user_ip=192.0.2.7&", "", 1);
    let (b, h) = call(&s, "/1.1/comment-check", &no_ip).await;
    assert_eq!(
        (
            b.as_str(),
            h["x-akismet-debug-help"].to_str().expect("help")
        ),
        ("invalid", "Missing required field: user_ip.")
    );
    assert_eq!(
        call(
            &s,
            "/1.1/comment-check",
            &format!("{no_ip}&comment_author_IP=192.0.2.8")
        )
        .await
        .0,
        "false"
    );
    // Unknown path: 404.
    assert_eq!(
        http()
            .post(s.at("/1.1/nothing"))
            .send()
            .await
            .expect("post")
            .status()
            .as_u16(),
        404
    );
}

#[tokio::test]
async fn test_hooks_and_usage_counters() {
    let s = start().await;
    let key = create_key(&s, "https://blog.example");
    let b = base(&key);
    assert_eq!(
        call(
            &s,
            "/1.1/comment-check",
            &format!("{b}&comment_author=viagra-test-123&comment_content=hello")
        )
        .await
        .0,
        "true"
    );
    assert_eq!(
        call(
            &s,
            "/1.1/comment-check",
            &format!("{b}&comment_author=akismet-guaranteed-spam&comment_content=hello")
        )
        .await
        .0,
        "true"
    );
    let (body, h) = call(
        &s,
        "/1.1/comment-check",
        &format!(
            "{b}&comment_author_email=akismet-guaranteed-spam%40example.com&comment_content=hello"
        ),
    )
    .await;
    assert_eq!(body, "true");
    assert!(
        h.get("x-akismet-pro-tip").is_none(),
        "test markers are not discarded"
    );
    assert_eq!(call(&s, "/1.1/comment-check", &format!("{b}&comment_author=viagra-test-123&user_role=editor%2Cadministrator&comment_content=hello")).await.0, "false");
    // is_test answers normally but never counts.
    assert_eq!(
        call(
            &s,
            "/1.1/comment-check",
            &format!("{b}&comment_author=viagra-test-123&is_test=true&comment_content=x")
        )
        .await
        .0,
        "true"
    );
    assert_eq!(
        call(
            &s,
            "/1.1/comment-check",
            &format!("{b}&comment_author=viagra-test-123&is_test=1&comment_content=x")
        )
        .await
        .0,
        "true"
    );
    let r: serde_json::Value = http()
        .get(s.at(&format!("/1.2/usage-limit?api_key={key}")))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(
        r,
        serde_json::json!({"limit": "none", "usage": 4, "percentage": "0.00", "throttled": false})
    );
    let (thanks, _) = call(
        &s,
        "/1.1/submit-ham",
        &format!("{b}&comment_author=Ann&comment_content=a+fine+comment"),
    )
    .await;
    assert_eq!(thanks, "Thanks for making the web a better place.");
    let sites: serde_json::Value = http()
        .get(s.at(&format!("/1.2/key-sites?api_key={key}")))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    let month = sites
        .as_object()
        .expect("object")
        .keys()
        .find(|k| k.len() == 7)
        .expect("month key")
        .clone();
    let row = &sites[&month][0];
    assert_eq!(row["site"], "https://blog.example");
    assert_eq!(
        (
            row["api_calls"].as_str(),
            row["spam"].as_str(),
            row["ham"].as_str(),
            row["false_positives"].as_str()
        ),
        (Some("5"), Some("3"), Some("1"), Some("1"))
    );
    assert_eq!(row["is_revoked"], false);
    assert_eq!(sites["total"], 1);
    let csv = http()
        .post(s.at("/1.2/key-sites"))
        .form(&[("api_key", key.as_str()), ("format", "csv")])
        .send()
        .await
        .expect("post")
        .text()
        .await
        .expect("csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert!(
        lines[0].starts_with(&format!(
            "Active sites for {key} during {month} (limit:500, offset: 0, total: 1)"
        )),
        "{csv}"
    );
    assert_eq!(
        lines[1],
        "Site,Total API Calls,Spam,Ham,Missed Spam,False Positives,Is Revoked"
    );
    assert_eq!(lines[2], "https://blog.example,5,3,1,0,1,false");
}

#[tokio::test]
async fn encodings_dates_charsets_and_extra_fields_are_accepted() {
    let s = start().await;
    let key = create_key(&s, "https://blog.example");
    let b = format!(
        "{}&comment_author=Ann&comment_content=Thanks+for+the+clear+write-up.",
        base(&key)
    );
    for extra in [
        "comment_context%5B%5D=news&comment_context%5B%5D=politics",
        "comment_context%5B0%5D=news&comment_context%5B1%5D=politics",
        "comment_context=news&comment_context=politics",
        "comment_date_gmt=2024-01-02T03%3A04%3A05Z",
        "comment_date_gmt=2024-01-02T03%3A04%3A05.000Z",
        "comment_date_gmt=2024-01-02+03%3A04%3A05&comment_post_modified_gmt=2023-12-30+10%3A00%3A00",
        "blog_lang=en%2C+fr_ca&blog_charset=UTF-8",
        "blog_lang=en_US&content_type=forum-post",
        "POST_comment=x&POST_ak_js=1700000000000&HTTP_ACCEPT_LANGUAGE=en&REMOTE_ADDR=192.0.2.7&comment_post_ID=12&akismet_comment_nonce=passed&callback=https%3A%2F%2Fblog.example%2Fwp-json%2Fakismet%2Fv1%2Fwebhook&recheck_reason=edit",
    ] {
        assert_eq!(
            call(&s, "/1.1/comment-check", &format!("{b}&{extra}"))
                .await
                .0,
            "false",
            "{extra}"
        );
    }
    for ct in [
        None,
        Some("application/x-www-form-urlencoded;charset=UTF-8"),
        Some("application/x-www-form-urlencoded; charset=UTF-8"),
        Some("text/plain"),
    ] {
        let mut r = http().post(s.at("/1.1/comment-check")).body(b.clone());
        if let Some(ct) = ct {
            r = r.header("content-type", ct);
        }
        assert_eq!(
            r.send().await.expect("post").text().await.expect("body"),
            "false",
            "{ct:?}"
        );
    }
    // ISO-8859-1 sites: the text is decoded as Latin-1, and the answer is the same.
    let latin1 = format!(
        "{}&blog_charset=ISO-8859-1&comment_author=Andr%E9&comment_content=Tr%E8s+bien+%E9crit.",
        base(&key)
    );
    assert_eq!(call(&s, "/1.1/comment-check", &latin1).await.0, "false");
    // The query string is merged with the body.
    let r = http()
        .get(s.at(&format!("/1.1/comment-check?{b}")))
        .send()
        .await
        .expect("get");
    assert_eq!(r.text().await.expect("body"), "false");
}

#[tokio::test]
async fn http_1_0_requests_are_answered() {
    let s = start().await;
    let key = create_key(&s, "https://blog.example");
    let body = format!("{}&comment_author=Ann&comment_content=Fine.", base(&key));
    let addr = s.url.trim_start_matches("http://").to_owned();
    let answer = tokio::task::spawn_blocking(move || {
        let mut sock = std::net::TcpStream::connect(&addr).expect("connect");
        write!(sock, "POST /1.1/comment-check HTTP/1.0\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded; charset=UTF-8\r\nContent-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        let mut out = String::new();
        sock.read_to_string(&mut out).expect("read");
        out
    })
    .await
    .expect("join");
    assert!(
        answer.starts_with("HTTP/1.0 200") || answer.starts_with("HTTP/1.1 200"),
        "{answer}"
    );
    assert!(answer.ends_with("\r\n\r\nfalse"), "exact body: {answer:?}");
}

#[tokio::test]
async fn feedback_teaches_one_site_and_not_another() {
    let s = start().await;
    let key_a = create_key(&s, "https://a.example");
    let key_b = create_key(&s, "https://b.example");
    let check = |key: &str, text: &str| {
        let body = format!(
            "api_key={key}&blog=https%3A%2F%2Fa.example&user_ip=192.0.2.9&comment_author=Sam&comment_content={}",
            text.replace(' ', "+")
        );
        let s = &s;
        async move { call(s, "/1.1/comment-check", &body).await.0 }
    };
    let fresh = "Kratom capsules shipped discreetly, Green Leaf Botanicals has fresh maeng da kratom powder in stock";
    assert_eq!(
        check(&key_a, fresh).await,
        "false",
        "a new kind of spam passes at first"
    );
    assert_eq!(check(&key_b, fresh).await, "false");
    for text in [
        "Kratom capsules shipped discreetly, Green Leaf Botanicals has the best red vein batches this month",
        "Best kratom powder online, Green Leaf Botanicals ships discreetly with free samples",
        "Order premium kratom from Green Leaf Botanicals, discreet shipping and bulk discounts",
        "Green Leaf Botanicals kratom capsules, white vein and red vein, shipped discreetly",
    ] {
        let body = format!(
            "api_key={key_a}&blog=https%3A%2F%2Fa.example&user_ip=192.0.2.9&comment_author=Sam&comment_content={}",
            text.replace(' ', "+")
        );
        assert_eq!(
            call(&s, "/1.1/submit-spam", &body).await.0,
            "Thanks for making the web a better place."
        );
    }
    assert_eq!(
        check(&key_a, fresh).await,
        "true",
        "site A learned the new spam"
    );
    assert_eq!(check(&key_b, fresh).await, "false", "site B is unaffected");
    let reader = format!(
        "api_key={key_a}&blog=https%3A%2F%2Fa.example&user_ip=198.51.100.4&comment_author=Priya&comment_content=I+disagree+with+the+mayor+about+the+new+bus+lanes."
    );
    assert_eq!(
        call(&s, "/1.1/comment-check", &reader).await.0,
        "false",
        "another reader's ordinary comment stays ham on site A"
    );
    // Resubmitting with the opposite label flips it back.
    let body = format!(
        "api_key={key_a}&blog=https%3A%2F%2Fa.example&user_ip=192.0.2.9&comment_author=Sam&comment_content={}",
        fresh.replace(' ', "+")
    );
    call(&s, "/1.1/submit-ham", &body).await;
    assert_eq!(check(&key_a, fresh).await, "false", "flipped by submit-ham");
}
