//! Per-site settings: moderation policy, blocked words and domains, language, edit window,
//! closing old threads, and API keys.

use retort_testkit::Server;

use super::{ADMIN_PW, get, login, post, post_comment, start_admin, thread_page};
use crate::{bin, comment, http, post_json};

async fn verify_key(s: &Server, key: &str) -> String {
    http()
        .post(s.at("/1.1/verify-key"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("key={key}&blog=https%3A%2F%2Fblog.example"))
        .send()
        .await
        .expect("post")
        .text()
        .await
        .expect("text")
}

#[tokio::test]
async fn site_settings_change_how_new_comments_are_treated() {
    let s = start_admin().await;
    let admin = login(&s, "root", ADMIN_PW).await;
    let cookie = Some(admin.cookie.clone());
    let (st, page) = get(&s, &cookie, "/admin/sites").await;
    assert_eq!(st, 200);
    for name in ["blog", "held", "demo"] {
        assert!(
            page.contains(&format!("href=\"/admin/sites/{name}\"")),
            "{name}"
        );
    }

    // A site from the file: its file-owned fields are read-only and stay as the file says;
    // blocked words and domains are the UI's.
    let (st, page) = get(&s, &cookie, "/admin/sites/blog").await;
    assert_eq!(st, 200);
    assert!(
        page.contains("declared in the configuration file"),
        "{page}"
    );
    assert!(page.contains("id=\"title\" name=\"title\" value=\"The Blog\" readonly"));
    let (st, loc) = post(
        &s,
        &admin,
        "/admin/sites/blog",
        &[
            ("title", "Hijacked"),
            ("moderation", "manual"),
            ("lang", "en"),
            ("blocked_words", "Casino Royale\n"),
            ("blocked_domains", "https://Spam.example/path\n"),
        ],
    )
    .await;
    assert_eq!((st, loc.as_str()), (303, "/admin/sites/blog?saved=1"));
    let (_, page) = get(&s, &cookie, &loc).await;
    assert!(page.contains("Settings saved.") && page.contains("value=\"The Blog\""));
    assert!(
        page.contains(">Casino Royale</textarea>") && page.contains(">spam.example</textarea>"),
        "{page}"
    );
    let url = "https://blog.example/policy";
    let (_, st, _) = post_comment(&s, "blog", url, "Nice Nina", "A perfectly normal remark.").await;
    assert_eq!(st, "approved", "moderation stayed auto, as the file says");
    let (_, st, _) =
        post_comment(&s, "blog", url, "Greg", "Have you seen casino royale yet?").await;
    assert_eq!(st, "pending");
    let (st, body) = post_json(
        &s,
        serde_json::json!({"site": "blog", "url": url, "author": "Wes", "email": "wes@mail.spam.example",
                           "text": "An ordinary opinion."}),
    )
    .await;
    assert_eq!(
        (st, body["status"].as_str()),
        (201, Some("pending")),
        "{body}"
    );
    let (_, q) = get(&s, &cookie, "/admin?status=spam&site=blog").await;
    assert!(
        q.contains("contains the blocked word &quot;casino royale&quot;"),
        "{q}"
    );
    assert!(q.contains("uses the blocked domain spam.example"), "{q}");

    // A site only in the database (the demo): everything is the UI's.
    let demo = "https://demo.retort.invalid/articles/welcome-to-retort";
    let (st, _) = post(
        &s,
        &admin,
        "/admin/sites/demo",
        &[
            ("title", "Demo!"),
            ("origins", ""),
            ("lang", "de"),
            ("moderation", "first"),
            ("links", "3"),
            ("edit_window_minutes", "0"),
        ],
    )
    .await;
    assert_eq!(st, 303);
    let (_, page) = get(&s, &None, "/sites/demo/privacy").await;
    assert!(
        page.contains("Wie deine Kommentardaten verarbeitet werden"),
        "the site's language is German now: {page}"
    );
    let (first, st, _) = post_comment(&s, "demo", demo, "Newbie", "Hello from a new reader.").await;
    assert_eq!(st, "pending", "first comment of a new address is held");
    assert_eq!(
        post(&s, &admin, &format!("/admin/comments/{first}/approve"), &[])
            .await
            .0,
        303
    );
    let (st, body) = post_json(&s, comment("demo", demo, "Newbie", "Hello again.")).await;
    assert_eq!(
        (st, body["status"].as_str()),
        (201, Some("approved")),
        "known address now"
    );
    // Edit window 0: authors can no longer edit.
    let token = body["edit_token"].as_str().expect("token").to_owned();
    let id = body["comment"]["id"].as_i64().expect("id");
    let r = http()
        .patch(s.at(&format!("/api/v1/comments/{id}")))
        .header("x-retort-edit-token", token)
        .json(&serde_json::json!({"text": "changed"}))
        .send()
        .await
        .expect("patch");
    assert_eq!(r.status().as_u16(), 403);
    // More than N links.
    assert_eq!(
        post(
            &s,
            &admin,
            "/admin/sites/demo",
            &[("lang", "en"), ("moderation", "links"), ("links", "1")]
        )
        .await
        .0,
        303
    );
    let (two, st, _) = post_comment(
        &s,
        "demo",
        demo,
        "Newbie",
        "The council minutes (https://a.example/minutes) and the budget (https://b.example/budget) explain the vote well.",
    )
    .await;
    assert_eq!(st, "pending");
    let (_, page) = get(&s, &cookie, &format!("/admin/comments/{two}")).await;
    assert!(
        page.contains("status-pending"),
        "held by the policy, not as spam: {page}"
    );
    let (_, st, _) = post_comment(
        &s,
        "demo",
        demo,
        "Newbie",
        "The council minutes (https://a.example/minutes) explain the vote well, I think.",
    )
    .await;
    assert_eq!(st, "approved");

    // Invalid settings are refused with every problem named, and nothing is saved.
    let (st, body) = post(
        &s,
        &admin,
        "/admin/sites/demo",
        &[
            ("origins", "not a url\nhttps://ok.example/path"),
            ("lang", "e n"),
            ("moderation", "links"),
            ("close_after_days", "-3"),
        ],
    )
    .await;
    assert_eq!(st, 422);
    for msg in [
        "'not a url' is not an origin",
        "'https://ok.example/path' is not an origin",
        "lang: must be a language tag",
        "close_after_days: must be empty or a whole number",
    ] {
        assert!(
            body.contains(&msg.replace('\'', "&#39;")) || body.contains(msg),
            "{msg} in {body}"
        );
    }
}

#[tokio::test]
async fn api_keys_are_made_and_revoked_on_the_site_page() {
    let s = start_admin().await;
    let admin = login(&s, "root", ADMIN_PW).await;
    let (st, page) = post(
        &s,
        &admin,
        "/admin/sites/blog/keys",
        &[("site_url", "https://blog.example")],
    )
    .await;
    assert_eq!(st, 200);
    let i = page.find("id=\"new-key\">").expect("key shown") + 13;
    let key = page[i..i + 12].to_owned();
    assert_eq!(verify_key(&s, &key).await, "valid");
    let (_, page) = get(&s, &Some(admin.cookie.clone()), "/admin/sites/blog").await;
    assert!(
        page.contains(&format!("<code>{}…</code>", &key[..4])),
        "{page}"
    );
    assert!(!page.contains(&key), "the key is shown only once");
    let j = page.find("/keys/").expect("revoke form") + 6;
    let kid: String = page[j..].chars().take_while(char::is_ascii_digit).collect();
    // Another site's page cannot revoke it.
    let (st, _) = post(
        &s,
        &admin,
        &format!("/admin/sites/held/keys/{kid}/revoke"),
        &[],
    )
    .await;
    assert_eq!(st, 404);
    assert_eq!(verify_key(&s, &key).await, "valid");
    let (st, _) = post(
        &s,
        &admin,
        &format!("/admin/sites/blog/keys/{kid}/revoke"),
        &[],
    )
    .await;
    assert_eq!(st, 303);
    // A running server trusts a key it has read for up to two seconds (akismet::KEY_TTL_MS).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while verify_key(&s, &key).await != "invalid" {
        assert!(
            std::time::Instant::now() < deadline,
            "the revoked key stops working"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    // Keys only for the site's own origins.
    let (st, _) = post(
        &s,
        &admin,
        "/admin/sites/blog/keys",
        &[("site_url", "https://evil.example")],
    )
    .await;
    assert_eq!(st, 422);
}

#[tokio::test]
async fn old_threads_close_when_the_site_says_so() {
    let s = start_admin().await;
    // An article from a year ago, brought in with `retort import`.
    let year_ago = retort_server::now_ms() - 365 * 86_400_000;
    let dump = serde_json::json!({
        "format": "retort-export", "version": 1,
        "sites": [{"name": "blog", "title": "The Blog", "origins": ["https://blog.example"]}],
        "threads": [{"id": 1, "site": "blog", "url": "https://blog.example/old", "title": "Old news", "created_at": year_ago}],
        "comments": [],
    });
    let file = s.data_dir.join("old.json");
    std::fs::write(&file, dump.to_string()).expect("write dump");
    let mut cmd = std::process::Command::new(bin());
    cmd.args(["import", "json"])
        .arg(&file)
        .arg("--data-dir")
        .arg(&s.data_dir);
    if let Some(db) = &s.database_url {
        cmd.args(["--database-url", db]);
    }
    let out = cmd.output().expect("import");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let old = "https://blog.example/old";
    let (st, body) = post_json(&s, comment("blog", old, "Ada", "Still open.")).await;
    assert_eq!(st, 201, "{body}");
    let tid = body["thread"]["id"].as_i64().expect("thread");
    let (_, fresh_st, _) =
        post_comment(&s, "blog", "https://blog.example/new", "Bo", "New one.").await;
    assert_eq!(fresh_st, "approved");

    let admin = login(&s, "root", ADMIN_PW).await;
    let (st, _) = post(
        &s,
        &admin,
        "/admin/sites/blog",
        &[("close_after_days", "30")],
    )
    .await;
    assert_eq!(st, 303);
    let page = thread_page(&s, tid).await;
    assert!(
        page.contains("Comments are closed on this thread.") && !page.contains("Leave a reply"),
        "{page}"
    );
    assert!(page.contains("Still open."), "earlier comments stay");
    let (st, body) = post_json(&s, comment("blog", old, "Ada", "Too late.")).await;
    assert_eq!(st, 403, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("closed")),
        "{body}"
    );
    let (st, _) = post_json(
        &s,
        comment("blog", "https://blog.example/new", "Bo", "Still fine."),
    )
    .await;
    assert_eq!(st, 201, "new threads stay open");
}
