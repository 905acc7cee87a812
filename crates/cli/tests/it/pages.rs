//! Server-rendered pages and the no-JavaScript reply form.

use crate::admin::{ADMIN_PW, create_user, get, login, post};
use crate::{DEMO_URL, SITES, comment, http, post_json, start, start_with};

fn form_token(page: &str) -> String {
    let i = page
        .find("name=\"form_token\" value=\"")
        .expect("form token in page")
        + 25;
    page[i..i + page[i..].find('"').expect("end of token")].to_owned()
}

async fn get_text(url: &str) -> (u16, String) {
    let r = http().get(url).send().await.expect("get");
    (r.status().as_u16(), r.text().await.expect("text"))
}

async fn post_form(url: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    http()
        .post(url)
        .form(fields)
        .send()
        .await
        .expect("post form")
}

#[tokio::test]
async fn index_and_demo_thread_show_numbered_threaded_comments_and_the_form() {
    let s = start().await;
    let (st, index) = get_text(&s.at("/")).await;
    assert_eq!(st, 200);
    assert!(
        index.contains("Welcome to Retort") && index.contains("href=\"/threads/1\""),
        "{index}"
    );
    let (st, page) = get_text(&s.at("/threads/1")).await;
    assert_eq!(st, 200);
    assert!(page.contains("<h1>Welcome to Retort</h1>"), "title");
    for n in ["1.", "2.", "3.", "4."] {
        assert!(page.contains(&format!("\">{n}</a>")), "number {n} shown");
    }
    // The reply (comment 2) sits inside comment 1's list of replies.
    let c1 = page.find("id=\"comment-1\"").expect("comment 1");
    let replies = page[c1..]
        .find("<ol class=\"replies\">")
        .expect("replies list")
        + c1;
    let c2 = page.find("id=\"comment-2\"").expect("comment 2");
    let c3 = page.find("id=\"comment-3\"").expect("comment 3");
    assert!(
        c1 < replies && replies < c2 && c2 < c3,
        "reply nested under its parent"
    );
    assert!(page.contains("href=\"/threads/1?replyto=1#reply\">Reply</a>"));
    assert!(page.contains("Leave a reply"));
    assert!(page.contains("Your email address will not be published. Required fields are marked <span class=\"required\">*</span>"));
    for label in [
        "Name <span class=\"required\">*</span>",
        "Email <span class=\"required\">*</span>",
        ">Website</label>",
        "Comment <span class=\"required\">*</span>",
    ] {
        assert!(page.contains(label), "label {label}");
    }
    assert!(
        page.contains(
            "<a href=\"/sites/demo/privacy\">Learn how your comment data is processed</a>"
        )
    );
    let (st, demo) = get_text(&s.at("/demo")).await;
    assert_eq!(st, 200);
    assert!(
        demo.contains("<script src=\"/embed.js\"")
            && demo.contains(&format!("data-url=\"{DEMO_URL}\""))
    );
    let (st, health) = get_text(&s.at("/healthz")).await;
    assert_eq!((st, health.trim()), (200, "ok"));
}

#[tokio::test]
async fn form_post_redirects_to_the_new_comment_and_shows_it() {
    let s = start().await;
    let (_, page) = get_text(&s.at("/threads/1")).await;
    let token = form_token(&page);
    let r = post_form(
        &s.at("/threads/1/comments"),
        &[
            ("author", "Rosa"),
            ("email", "rosa@example.org"),
            ("website", "rosa.example.org"),
            ("text", "Plain *forms* still work."),
            ("parent", ""),
            ("form_token", &token),
            ("hp", ""),
        ],
    )
    .await;
    assert_eq!(r.status().as_u16(), 303);
    let loc = r.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(loc.starts_with("/threads/1#comment-"), "{loc}");
    let id = loc.rsplit('-').next().expect("id");
    let (_, page) = get_text(&s.at("/threads/1")).await;
    let at = page
        .find(&format!("id=\"comment-{id}\""))
        .expect("new comment shown");
    let li = &page[at..];
    assert!(li.contains("\">5.</a>"), "numbered 5");
    assert!(li.contains(
        "<a class=\"author\" href=\"https://rosa.example.org/\" rel=\"nofollow ugc\">Rosa</a>"
    ));
    assert!(li.contains("Plain <em>forms</em> still work."));
}

#[tokio::test]
async fn form_errors_rerender_the_form_with_every_value_kept() {
    let s = start().await;
    let r = post_form(
        &s.at("/threads/1/comments"),
        &[
            ("author", ""),
            ("email", "not-an-email"),
            ("website", "javascript:alert(1)"),
            ("text", "Kept <text> & \"quotes\""),
            ("parent", ""),
        ],
    )
    .await;
    assert_eq!(r.status().as_u16(), 422);
    let page = r.text().await.expect("page");
    for f in ["author", "email", "website"] {
        assert!(page.contains(&format!("id=\"{f}-error\"")), "error on {f}");
    }
    assert!(
        !page.contains("id=\"text-error\""),
        "no error on a valid field"
    );
    assert!(page.contains("value=\"not-an-email\""), "email kept");
    assert!(
        page.contains("value=\"javascript:alert(1)\""),
        "website kept"
    );
    assert!(
        page.contains(">Kept &lt;text&gt; &amp; &quot;quotes&quot;</textarea>"),
        "text kept, escaped"
    );
    let r = post_form(
        &s.at("/threads/1/comments"),
        &[("author", "A"), ("email", "a@b.org"), ("text", "")],
    )
    .await;
    assert_eq!(r.status().as_u16(), 422);
    assert!(
        r.text()
            .await
            .expect("page")
            .contains("id=\"text-error\">Please write a comment.</span>")
    );
}

#[tokio::test]
async fn replies_through_the_form_nest_under_their_parent() {
    let s = start().await;
    let (_, page) = get_text(&s.at("/threads/1?replyto=3#reply")).await;
    assert!(
        page.contains("Reply to <a href=\"#comment-3\">Jonas</a>"),
        "reply heading"
    );
    assert!(page.contains("name=\"parent\" value=\"3\""));
    let r = post_form(
        &s.at("/threads/1/comments"),
        &[
            ("author", "Ola"),
            ("email", "ola@example.org"),
            ("text", "Agreed, Jonas."),
            ("parent", "3"),
            ("form_token", &form_token(&page)),
        ],
    )
    .await;
    assert_eq!(r.status().as_u16(), 303);
    let loc = r.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let id = loc.rsplit('-').next().expect("id").to_owned();
    let (_, page) = get_text(&s.at("/threads/1")).await;
    let c3 = page.find("id=\"comment-3\"").expect("parent");
    let c4 = page.find("id=\"comment-4\"").expect("next top-level");
    let new = page.find(&format!("id=\"comment-{id}\"")).expect("reply");
    assert!(c3 < new && new < c4, "reply inside its parent's item");
    assert!(page[c3..new].contains("<ol class=\"replies\">"));
    // Replying to a comment of another thread, or to nothing, is a field error.
    let r = post_form(
        &s.at("/threads/1/comments"),
        &[
            ("author", "Ola"),
            ("email", "ola@example.org"),
            ("text", "x"),
            ("parent", "99999"),
        ],
    )
    .await;
    assert_eq!(r.status().as_u16(), 422);
    let r = post_form(
        &s.at("/threads/1/comments"),
        &[
            ("author", "Ola"),
            ("email", "ola@example.org"),
            ("text", "x"),
            ("parent", "abc"),
        ],
    )
    .await;
    assert_eq!(r.status().as_u16(), 422);
}

#[tokio::test]
async fn held_comments_show_their_author_a_notice_and_nobody_else_the_text() {
    let s = start_with(Some(SITES), &[]).await;
    let (st, body) = post_json(
        &s,
        comment(
            "held",
            "https://held.example/post",
            "First",
            "Opening the thread.",
        ),
    )
    .await;
    assert_eq!(st, 201, "{body}");
    assert_eq!(body["status"], "pending");
    let tid = body["thread"]["id"].as_i64().expect("thread id");
    let r = post_form(
        &s.at(&format!("/threads/{tid}/comments")),
        &[
            ("author", "Kim"),
            ("email", "kim@example.org"),
            ("text", "Waiting for approval, secret words."),
        ],
    )
    .await;
    assert_eq!(r.status().as_u16(), 303);
    let loc = r.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(loc.contains("?awaiting="), "{loc}");
    let cookie = r.headers()["set-cookie"]
        .to_str()
        .expect("cookie")
        .split(';')
        .next()
        .expect("pair")
        .to_owned();
    let with = http()
        .get(s.at(&loc))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("text");
    assert!(
        with.contains("Your comment is awaiting moderation.") && with.contains("secret words"),
        "author sees notice and text"
    );
    let (_, without) = get_text(&s.at(&loc)).await;
    assert!(
        without.contains("awaiting moderation") && !without.contains("secret words"),
        "others never see the text"
    );
    let (_, plain) = get_text(&s.at(&format!("/threads/{tid}"))).await;
    assert!(!plain.contains("secret words") && plain.contains("0 comments"));
}

#[tokio::test]
async fn spam_rules_hold_fast_and_honeypot_submissions() {
    let s = start_with(None, &[("RETORT_COMMENTS__MIN_SECONDS_TO_SUBMIT", "30")]).await;
    let (_, page) = get_text(&s.at("/threads/1")).await;
    let token = form_token(&page);
    let r = post_form(
        &s.at("/threads/1/comments"),
        &[
            ("author", "Bot"),
            ("email", "bot@example.org"),
            ("text", "fast text"),
            ("form_token", &token),
        ],
    )
    .await;
    assert_eq!(r.status().as_u16(), 303);
    assert!(
        r.headers()["location"]
            .to_str()
            .expect("loc")
            .contains("awaiting="),
        "too fast: held"
    );
    let r = post_form(
        &s.at("/threads/1/comments"),
        &[
            ("author", "Bot"),
            ("email", "bot@example.org"),
            ("text", "honey text"),
            ("hp", "http://spam.example"),
        ],
    )
    .await;
    assert!(
        r.headers()["location"]
            .to_str()
            .expect("loc")
            .contains("awaiting="),
        "honeypot: held"
    );
    let (_, page) = get_text(&s.at("/threads/1")).await;
    assert!(!page.contains("fast text") && !page.contains("honey text"));
}

#[tokio::test]
async fn atom_feed_lists_published_comments() {
    let s = start().await;
    let r = http()
        .get(s.at("/threads/1/atom.xml"))
        .send()
        .await
        .expect("feed");
    assert_eq!(r.status().as_u16(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .expect("ct")
            .starts_with("application/atom+xml")
    );
    let xml = r.text().await.expect("xml");
    assert_eq!(xml.matches("<entry>").count(), 4);
    assert!(
        xml.contains("<name>Maria</name>")
            && xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">")
    );
    assert_eq!(
        http()
            .get(s.at("/threads/777/atom.xml"))
            .send()
            .await
            .expect("feed")
            .status()
            .as_u16(),
        404
    );
}

#[tokio::test]
async fn bad_input_and_unknown_threads_get_clear_4xx() {
    let s = start_with(None, &[("RETORT_LIMITS__MAX_BODY_BYTES", "2048")]).await;
    let (st, page) = get_text(&s.at("/threads/999")).await;
    assert_eq!(st, 404);
    assert!(page.contains("thread not found"));
    assert_eq!(get_text(&s.at("/threads/abc")).await.0, 404);
    assert_eq!(get_text(&s.at("/no/such/page")).await.0, 404);
    let r = post_form(
        &s.at("/threads/999/comments"),
        &[("author", "A"), ("email", "a@b.org"), ("text", "x")],
    )
    .await;
    assert_eq!(r.status().as_u16(), 404);
    let r = http()
        .post(s.at("/threads/1/comments"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(b"author=%FF%FE&email=a@b.org&text=x".to_vec())
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 400);
    assert!(r.text().await.expect("page").contains("not valid UTF-8"));
    let big = format!("author=A&email=a%40b.org&text={}", "x".repeat(5000));
    let r = http()
        .post(s.at("/threads/1/comments"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(big)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 413);
    // Nothing was lost or half-stored: the thread still has its 4 comments.
    let (_, page) = get_text(&s.at("/threads/1")).await;
    assert!(page.contains("<h2>4 comments</h2>"));
}

#[tokio::test]
async fn user_content_is_escaped_and_sanitised() {
    let s = start().await;
    let r = post_form(
        &s.at("/threads/1/comments"),
        &[
            ("author", "<b onmouseover=x>Mallory</b>"),
            ("email", "m@example.org"),
            ("website", "https://m.example/\"><script>"),
            (
                "text",
                "<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>",
            ),
        ],
    )
    .await;
    assert_eq!(r.status().as_u16(), 303);
    // The filter holds an attack probe; a moderator who publishes it anyway gets it sanitised.
    let (_, page) = get_text(&s.at("/threads/1")).await;
    assert!(
        !page.contains("Mallory"),
        "the probe is held, not published"
    );
    let (ok, out) = create_user(&s, "root", "admin", &[], ADMIN_PW).await;
    assert!(ok, "{out}");
    let admin = login(&s, "root", ADMIN_PW).await;
    let (_, queue) = get(&s, &Some(admin.cookie.clone()), "/admin").await;
    assert!(queue.contains("Mallory"), "{queue}");
    let at = queue.find("/admin/comments/").expect("a held comment") + 16;
    let id: String = queue[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let (st, _) = post(&s, &admin, &format!("/admin/comments/{id}/approve"), &[]).await;
    assert_eq!(st, 303);
    let (_, page) = get_text(&s.at("/threads/1")).await;
    assert!(page.contains("Mallory"), "published after approval");
    assert!(
        !page.contains("<script>alert")
            && !page.contains("<b onmouseover")
            // The only images are the server's own identicons.
            && !page
                .replace("<img class=\"avatar\" src=\"/avatars/", "")
                .contains("<img")
    );
    assert!(!page.contains("javascript:alert(2)\""));
    assert!(page.contains("&lt;b onmouseover=x&gt;Mallory&lt;/b&gt;"));
}
