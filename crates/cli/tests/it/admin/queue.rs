//! The moderation queue: decisions as seen on the public thread, bulk actions and search, IP
//! search by network, the audit log, and learning from decisions.

use super::{
    ADMIN_PW, MOD_PW, create_user, get, login, post, post_comment, start_admin, thread_page,
};
use crate::{SITES, comment, http, start_with};

#[tokio::test]
async fn queue_decisions_show_on_the_public_thread() {
    let s = start_admin().await;
    let url = "https://held.example/story";
    let (first, st, tid) = post_comment(&s, "held", url, "Ada", "My first words.").await;
    assert_eq!(st, "pending");
    let (second, _, _) = post_comment(&s, "held", url, "Ada", "My second words.").await;
    let (spammy, _, _) = post_comment(
        &s,
        "held",
        url,
        "Cheap Pills",
        "Buy now http://a.example http://b.example http://c.example http://d.example http://e.example",
    )
    .await;
    let admin = login(&s, "root", ADMIN_PW).await;
    let cookie = Some(admin.cookie.clone());
    // Readers have the page rendered before any decision (so the cache must be refreshed).
    assert!(!thread_page(&s, tid).await.contains("My first words."));

    let (st, q) = get(&s, &cookie, "/admin").await;
    assert_eq!(st, 200);
    for needle in [
        "My first words.",
        "My second words.",
        "Buy now",
        "Cheap Pills",
        "ada@example.org",
    ] {
        assert!(q.contains(needle), "{needle} in the queue");
    }
    assert!(
        q.contains("<a href=\"/threads/") && q.contains(">An article</a>"),
        "thread title and link"
    );
    assert!(q.contains("5 links"), "the filter's reasons: {q}");
    assert!(
        q.contains("class=\"status-spam\""),
        "the link spam is in the spam queue"
    );
    assert!(q.contains("score "));
    assert!(q.contains("0 earlier approved"));

    // Approve from the queue: published on the public page at once.
    let back = "/admin?status=queue";
    let (st, loc) = post(
        &s,
        &admin,
        &format!("/admin/comments/{first}/approve"),
        &[("back", back)],
    )
    .await;
    assert_eq!(
        (st, loc.as_str()),
        (303, "/admin?status=queue&done=approve-1")
    );
    assert!(thread_page(&s, tid).await.contains("My first words."));
    let (_, q) = get(&s, &cookie, &loc).await;
    assert!(q.contains("Approved 1 comment."), "{q}");
    assert!(!q.contains("My first words."), "no longer in the queue");
    assert!(
        q.contains("1 earlier approved"),
        "the author's history counts the approved comment"
    );

    // Not spam publishes the spam; spam hides an approved one again; delete removes.
    let (st, _) = post(&s, &admin, &format!("/admin/comments/{spammy}/ham"), &[]).await;
    assert_eq!(st, 303);
    assert!(thread_page(&s, tid).await.contains("Buy now"));
    let (st, _) = post(&s, &admin, &format!("/admin/comments/{spammy}/spam"), &[]).await;
    assert_eq!(st, 303);
    assert!(!thread_page(&s, tid).await.contains("Buy now"));
    let (st, _) = post(&s, &admin, &format!("/admin/comments/{second}/delete"), &[]).await;
    assert_eq!(st, 303);
    let (_, q) = get(&s, &cookie, "/admin?status=deleted").await;
    assert!(q.contains("My second words."));

    // Edit and reply as the site.
    let (st, loc) = post(
        &s,
        &admin,
        &format!("/admin/comments/{first}/edit"),
        &[
            ("text", "My *edited* words."),
            ("back", &format!("/admin/comments/{first}")),
        ],
    )
    .await;
    assert_eq!(
        (st, loc.as_str()),
        (303, format!("/admin/comments/{first}?done=edit-1").as_str())
    );
    let page = thread_page(&s, tid).await;
    assert!(
        page.contains("My <em>edited</em> words.") && !page.contains("My first words."),
        "{page}"
    );
    let (st, _) = post(
        &s,
        &admin,
        &format!("/admin/comments/{first}/reply"),
        &[("text", "Thanks, <b>Ada</b>!")],
    )
    .await;
    assert_eq!(st, 303);
    let page = thread_page(&s, tid).await;
    assert!(
        page.contains("Thanks, &lt;b&gt;Ada&lt;/b&gt;!"),
        "raw HTML shown as text: {page}"
    );
    let reply = page.find("Thanks, &lt;b&gt;").expect("reply");
    let header = page[..reply]
        .rfind("class=\"author\"")
        .expect("author of the reply");
    assert!(
        page[header..reply].contains("Moderated"),
        "signed with the site's title"
    );
    // Invalid edits are refused with a message.
    let (st, body) = post(
        &s,
        &admin,
        &format!("/admin/comments/{first}/edit"),
        &[("text", "   ")],
    )
    .await;
    assert_eq!(st, 422);
    assert!(body.contains("Please write a comment."), "{body}");
}

#[tokio::test]
async fn bulk_actions_and_search() {
    let s = start_admin().await;
    let mut ids = Vec::new();
    for (i, who) in ["Alice", "Bob", "Carol"].iter().enumerate() {
        let (id, _, _) = post_comment(
            &s,
            "held",
            "https://held.example/bulk",
            who,
            &format!("Bulk words number {i}."),
        )
        .await;
        ids.push(id);
    }
    let (other, _, _) = post_comment(
        &s,
        "held",
        "https://held.example/other",
        "Dave",
        "Quite different text.",
    )
    .await;
    let admin = login(&s, "root", ADMIN_PW).await;
    let cookie = Some(admin.cookie.clone());

    // Search by text, author, email, site and status.
    for (q, yes, no) in [
        (
            "/admin?q=bulk+WORDS",
            "Bulk words number 1.",
            "Quite different",
        ),
        ("/admin?author=dav", "Quite different", "Bulk words"),
        (
            "/admin?email=carol%40example",
            "Bulk words number 2.",
            "number 1",
        ),
        (
            "/admin?site=held&status=pending",
            "Bulk words number 0.",
            "no-such-text",
        ),
        ("/admin?q=100%25", "No comments match.", "Bulk words"),
    ] {
        let (st, page) = get(&s, &cookie, q).await;
        assert_eq!(st, 200, "{q}");
        assert!(page.contains(yes), "{q} finds {yes}");
        assert!(!page.contains(no), "{q} leaves out {no}");
    }
    let (st, _) = get(&s, &cookie, "/admin?status=nonsense").await;
    assert_eq!(st, 422);
    let (_, page) = get(&s, &cookie, "/admin?site=blog").await;
    assert!(page.contains("No comments match."));

    // A selection: approve two of them.
    let (st, loc) = post(
        &s,
        &admin,
        "/admin/bulk",
        &[
            ("action", "approve"),
            ("scope", "selected"),
            ("ids", &ids[0].to_string()),
            ("ids", &ids[1].to_string()),
            ("back", "/admin"),
        ],
    )
    .await;
    assert_eq!((st, loc.as_str()), (303, "/admin?done=approve-2"));
    let tid = {
        let (_, body) = get(
            &s,
            &None,
            "/api/v1/threads?site=held&url=https%3A%2F%2Fheld.example%2Fbulk",
        )
        .await;
        let v: serde_json::Value = serde_json::from_str(&body).expect("json");
        assert_eq!(v["thread"]["comments"], 2, "{v}");
        v["thread"]["id"].as_i64().expect("id")
    };
    let page = thread_page(&s, tid).await;
    assert!(page.contains("Bulk words number 0.") && page.contains("Bulk words number 1."));
    assert!(!page.contains("Bulk words number 2."));

    // Everything a search matches: "bulk" in pending comments → spam; the other stays.
    let (st, loc) = post(
        &s,
        &admin,
        "/admin/bulk",
        &[
            ("action", "spam"),
            ("scope", "filter"),
            ("status", "pending"),
            ("q", "bulk"),
        ],
    )
    .await;
    assert_eq!((st, loc.as_str()), (303, "/admin?done=spam-1"));
    let (_, page) = get(&s, &cookie, "/admin?status=spam").await;
    assert!(page.contains("Bulk words number 2.") && !page.contains("Quite different"));
    let (_, page) = get(&s, &cookie, &format!("/admin/comments/{other}")).await;
    assert!(page.contains("status-pending"));

    // Nothing selected, or an unknown action: a clear 400.
    let (st, body) = post(
        &s,
        &admin,
        "/admin/bulk",
        &[("action", "approve"), ("scope", "selected")],
    )
    .await;
    assert_eq!(st, 400);
    assert!(body.contains("No comments were selected"));
    let (st, _) = post(
        &s,
        &admin,
        "/admin/bulk",
        &[("action", "explode"), ("ids", "1")],
    )
    .await;
    assert_eq!(st, 400);
}

#[tokio::test]
async fn marking_a_new_spam_kind_as_spam_teaches_only_that_site() {
    let sites = format!(
        "{SITES}\n[[sites]]\nname = \"news\"\ntitle = \"News\"\norigins = [\"https://news.example\"]\n"
    );
    let s = start_with(Some(&sites), &[]).await;
    let (ok, out) = create_user(&s, "mia", "moderator", &["blog"], MOD_PW).await;
    assert!(ok, "{out}");
    let m = login(&s, "mia", MOD_PW).await;
    // A kind of spam the shipped model has never seen: it passes as a reader's comment.
    let kind = [
        (
            "Ann",
            "Zorblax glow lamps are the best lamps, everyone should try a Zorblax glow lamp this winter.",
        ),
        (
            "Bert",
            "Dear readers, the Zorblax glow lamp changed my evenings, ask for Zorblax at your local store.",
        ),
        (
            "Cleo",
            "Nothing beats a Zorblax glow lamp on a dark evening, get your own Zorblax lamp today.",
        ),
        (
            "Dirk",
            "My whole family switched to Zorblax glow lamps, honestly the warmest light you can buy.",
        ),
    ];
    let mut ids = Vec::new();
    for (i, (who, text)) in kind.iter().enumerate() {
        let (id, st, _) =
            post_comment(&s, "blog", &format!("https://blog.example/p{i}"), who, text).await;
        assert_eq!(
            st, "approved",
            "the filter passes the new kind at first: {text}"
        );
        ids.push(id.to_string());
    }
    // The moderator marks them as spam in the UI (a bulk action over the selection).
    let mut form: Vec<(&str, &str)> = vec![("action", "spam"), ("scope", "selected")];
    form.extend(ids.iter().map(|i| ("ids", i.as_str())));
    let (st, _) = post(&s, &m, "/admin/bulk", &form).await;
    assert_eq!(st, 303);
    // A fresh variant: held as spam on the site that learned, published on the other.
    let fresh =
        "Treat yourself to a Zorblax glow lamp, the Zorblax light makes every evening cosy.";
    let (id, st, _) = post_comment(&s, "blog", "https://blog.example/fresh", "Eve", fresh).await;
    assert_eq!(st, "pending", "held on the site that learned");
    let (_, page) = get(
        &s,
        &Some(m.cookie.clone()),
        &format!("/admin/comments/{id}"),
    )
    .await;
    assert!(
        page.contains("status-spam"),
        "held as spam, not merely pending: {page}"
    );
    let (_, st, _) = post_comment(&s, "news", "https://news.example/fresh", "Eve", fresh).await;
    assert_eq!(st, "approved", "another site's filter is unchanged");
    // "Not spam" on the held variant publishes it (and teaches the opposite lesson).
    assert_eq!(
        post(&s, &m, &format!("/admin/comments/{id}/ham"), &[])
            .await
            .0,
        303
    );
}

#[tokio::test]
async fn decisions_are_in_the_audit_log_for_the_sites_one_moderates() {
    let s = start_admin().await;
    let (held, _, _) =
        post_comment(&s, "held", "https://held.example/a", "Hal", "Held words.").await;
    let (mine, _, _) =
        post_comment(&s, "blog", "https://blog.example/a", "Bo", "Blog words.").await;
    let admin = login(&s, "root", ADMIN_PW).await;
    let m = login(&s, "mia", MOD_PW).await;
    assert_eq!(
        post(&s, &admin, &format!("/admin/comments/{held}/approve"), &[])
            .await
            .0,
        303
    );
    assert_eq!(
        post(&s, &m, &format!("/admin/comments/{mine}/spam"), &[])
            .await
            .0,
        303
    );
    assert_eq!(
        post(
            &s,
            &m,
            &format!("/admin/comments/{mine}/edit"),
            &[("text", "Edited.")]
        )
        .await
        .0,
        303
    );
    let (st, log) = get(&s, &Some(admin.cookie.clone()), "/admin/audit").await;
    assert_eq!(st, 200);
    for needle in [
        "<td>root</td><td>comment.approve</td><td>held</td>".to_owned(),
        format!(
            "<a href=\"/admin/comments/{held}\">comment {held}</a></td><td>pending -&gt; approved</td>"
        ),
        "<td>mia</td><td>comment.spam</td><td>blog</td>".to_owned(),
        format!("comment {mine}</a></td><td>approved -&gt; spam</td>"),
        "<td>mia</td><td>comment.edit</td>".to_owned(),
    ] {
        assert!(log.contains(&needle), "{needle} in {log}");
    }
    // The order is newest first; e-mail addresses and texts are not in the log.
    assert!(log.find("comment.edit") < log.find("comment.approve"));
    assert!(!log.contains("@example.org") && !log.contains("Held words."));
    let (_, mlog) = get(&s, &Some(m.cookie.clone()), "/admin/audit").await;
    assert!(mlog.contains("comment.spam"));
    assert!(
        !mlog.contains("comment.approve"),
        "the other site's entries are not shown: {mlog}"
    );
}

#[tokio::test]
async fn ips_are_searched_by_their_kept_network_and_never_shown() {
    let s = start_with(
        Some(&format!("{SITES}\n[proxy]\ntrusted = [\"127.0.0.1/32\"]\n")),
        &[],
    )
    .await;
    let (ok, out) = create_user(&s, "root", "admin", &[], ADMIN_PW).await;
    assert!(ok, "{out}");
    for (ip, who) in [
        ("203.0.113.7", "Vee Four"),
        ("203.0.113.99", "Vee Near"),
        ("198.51.100.5", "Vee Far"),
        ("2001:db8:1::5", "Six One"),
        ("2001:db8:2::5", "Six Two"),
    ] {
        let r = http()
            .post(s.at("/api/v1/comments"))
            .header("x-forwarded-for", ip)
            .json(&comment(
                "held",
                "https://held.example/ip",
                who,
                "From somewhere.",
            ))
            .send()
            .await
            .expect("post");
        assert_eq!(r.status().as_u16(), 201);
    }
    let admin = login(&s, "root", ADMIN_PW).await;
    let cookie = Some(admin.cookie.clone());
    for (q, yes, no) in [
        (
            "203.0.113.50",
            &["Vee Four", "Vee Near"][..],
            &["Vee Far", "Six One"][..],
        ),
        (
            "203.0.113.0/24",
            &["Vee Four", "Vee Near"][..],
            &["Vee Far"][..],
        ),
        (
            "2001:db8:1:ffff::1",
            &["Six One"][..],
            &["Six Two", "Vee Four"][..],
        ),
    ] {
        let (st, page) = get(
            &s,
            &cookie,
            &format!("/admin?ip={}", q.replace(':', "%3A").replace('/', "%2F")),
        )
        .await;
        assert_eq!(st, 200, "{q}");
        for y in yes {
            assert!(page.contains(y), "{q} finds {y}");
        }
        for n in no {
            assert!(!page.contains(n), "{q} leaves out {n}");
        }
        for stored in [
            "203.0.113.7",
            "203.0.113.99",
            "198.51.100.5",
            "2001:db8:1::5",
        ] {
            assert!(!page.contains(stored), "IPs are never shown: {stored}");
        }
    }
    let (_, page) = get(&s, &cookie, "/admin").await;
    assert!(
        page.contains(">203.0.113.0/24</a>") && page.contains(">2001:db8:1::/48</a>"),
        "networks shown: {page}"
    );
    assert!(
        page.contains("href=\"/admin?status=all&amp;ip=203%2E0%2E113%2E0%2F24\""),
        "{page}"
    );
    let (st, body) = get(&s, &cookie, "/admin?ip=not-an-ip").await;
    assert_eq!(st, 422);
    assert!(body.contains("is not an IP address"));
}
