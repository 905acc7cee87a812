//! Commenters' data rights against the real binary: the data-processing page follows the
//! configuration and the schema; export and erasure (`retort privacy`) are exact and leave no
//! trace; retention truncates and then removes IPs on schedule under an injected clock; the
//! consent cookie is set only when asked for; identicons are keyed. The self-service links go
//! through a real SMTP server (`aiosmtpd`, feature `mail-tests`). All on SQLite, or on
//! PostgreSQL when `DATABASE_URL` is set.

use serde_json::Value;

use crate::{bin, http, start_with};

/// Two sites: `blog` anonymises on erasure, `news` deletes; a trusted proxy so tests can set IPs.
pub const RIGHTS_SITES: &str = r#"
[proxy]
trusted = ["127.0.0.1/32", "::1/128"]

[[sites]]
name = "blog"
title = "The Blog"
origins = ["https://blog.example"]

[[sites]]
name = "news"
title = "Die Zeitung"
origins = ["https://news.example"]
lang = "de"
erasure = "delete"
"#;

pub fn cli(s: &retort_testkit::Server, args: &[&str]) -> std::process::Output {
    let mut cmd = std::process::Command::new(bin());
    cmd.args(args).arg("--data-dir").arg(&s.data_dir);
    if let Some(db) = &s.database_url {
        cmd.args(["--database-url", db]);
    }
    cmd.output().expect("run retort")
}

/// Posts through the JSON API from `ip`; returns the comment's id.
pub async fn post_from(
    s: &retort_testkit::Server,
    ip: &str,
    (site, url): (&str, &str),
    author: &str,
    email: &str,
    text: &str,
    parent: Option<i64>,
) -> i64 {
    let r = http()
        .post(s.at("/api/v1/comments"))
        .header("x-forwarded-for", ip)
        .header("user-agent", UA)
        .json(
            &serde_json::json!({"site": site, "url": url, "title": "An article", "author": author,
            "email": email, "website": format!("https://{}.example/home", author.split(' ').next().unwrap_or("").to_lowercase()), "text": text, "parent": parent}),
        )
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 201, "{author}");
    let v: Value = r.json().await.expect("json");
    v["comment"]["id"].as_i64().expect("id")
}

async fn get_json(url: &str) -> Value {
    http()
        .get(url)
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json")
}

async fn text(url: &str) -> (u16, String) {
    let r = http().get(url).send().await.expect("get");
    (r.status().as_u16(), r.text().await.expect("text"))
}

const UA: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";

#[tokio::test]
async fn data_processing_page_follows_the_configuration_schema_and_language() {
    let a = start_with(Some(RIGHTS_SITES), &[]).await;
    let b = start_with(
        Some(RIGHTS_SITES),
        &[
            ("RETORT_RETENTION__IP_TRUNCATE_DAYS", "3"),
            ("RETORT_RETENTION__IP_DELETE_DAYS", "11"),
            ("RETORT_RETENTION__USER_AGENT_DAYS", "2"),
            ("RETORT_PRIVACY__CONTACT", "dpo@blog.example"),
        ],
    )
    .await;
    let (st, pa) = text(&a.at("/sites/blog/privacy")).await;
    assert_eq!(st, 200);
    let (_, pb) = text(&b.at("/sites/blog/privacy")).await;
    assert!(pa.contains("after 7 days, removed after 30 days"), "{pa}");
    assert!(pb.contains("after 3 days, removed after 11 days"), "{pb}");
    assert!(pb.contains("Removed after 2 days") && !pa.contains("Removed after 2 days"));
    assert!(pb.contains("dpo@blog.example") && !pa.contains("dpo@"));
    assert!(pa.contains("Your email address") && pa.contains("<strong>Never</strong>"));
    assert!(
        !pa.contains("\"><td></td>"),
        "every stored field is described: {pa}"
    );
    assert!(
        pa.contains("This server sends no mail"),
        "no SMTP configured"
    );
    assert!(
        pa.contains("cannot send mail"),
        "no self-service form without mail"
    );
    assert!(pa.contains("SQLite") || pa.contains("PostgreSQL"));
    assert!(
        pa.contains("under the name &quot;Anonymous&quot;"),
        "blog anonymises"
    );
    // The German site gets the German page, with its own erasure policy.
    let (_, de) = text(&a.at("/sites/news/privacy")).await;
    assert!(
        de.contains("Wie deine Kommentardaten verarbeitet werden"),
        "{de}"
    );
    assert!(
        de.contains("werden mit Name, E-Mail-Adresse"),
        "news deletes"
    );
    assert_eq!(text(&a.at("/sites/nope/privacy")).await.0, 404);

    // Every column of every table holding commenters' data is on the page.
    let not_about_commenters = [
        "sites",
        "threads",
        "settings",
        "api_keys",
        "api_usage",
        "model_layers",
        // Staff accounts, not commenters.
        "admin_users",
        "admin_sessions",
    ];
    let mut checked = 0;
    for table in retort_testkit::tables(&a).await.expect("tables") {
        if not_about_commenters.contains(&table.as_str()) {
            continue;
        }
        for col in retort_testkit::table_columns(&a, &table)
            .await
            .expect("columns")
        {
            let needle = format!("{table}.{col}");
            let listed = pa
                .split("data-fields=\"")
                .skip(1)
                .filter_map(|s| s.split('"').next())
                .any(|fields| fields.split(' ').any(|f| f == needle));
            assert!(listed, "the data-processing page does not mention {needle}");
            checked += 1;
        }
    }
    assert!(checked >= 30, "only {checked} columns checked");
}

#[tokio::test]
async fn export_holds_exactly_one_commenters_data_across_threads_and_sites() {
    let s = start_with(Some(RIGHTS_SITES), &[]).await;
    let me = "zeb.q@private-mail.example";
    let mut mine = Vec::new();
    mine.push(
        post_from(
            &s,
            "203.0.113.5",
            ("blog", "https://blog.example/a"),
            "Zeb",
            me,
            "Mine on a.",
            None,
        )
        .await,
    );
    let other = post_from(
        &s,
        "198.51.100.9",
        ("blog", "https://blog.example/a"),
        "Olga",
        "olga@else.example",
        "Olga's.",
        None,
    )
    .await;
    mine.push(
        post_from(
            &s,
            "203.0.113.5",
            ("blog", "https://blog.example/b"),
            "Zeb",
            me,
            "Mine on b.",
            None,
        )
        .await,
    );
    mine.push(
        post_from(
            &s,
            "203.0.113.5",
            ("blog", "https://blog.example/a"),
            "Zeb",
            me,
            "My reply.",
            Some(other),
        )
        .await,
    );
    mine.push(
        post_from(
            &s,
            "203.0.113.6",
            ("news", "https://news.example/x"),
            "Zeb Q",
            "Zeb.Q@Private-Mail.example",
            "Meins.",
            None,
        )
        .await,
    );
    post_from(
        &s,
        "198.51.100.10",
        ("news", "https://news.example/x"),
        "Pia",
        "pia@else.example",
        "Pias.",
        None,
    )
    .await;

    let out = cli(
        &s,
        &["privacy", "export", "--email", "ZEB.Q@private-mail.example"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["format"], "retort-personal-data");
    let comments = v["comments"].as_array().expect("comments");
    let ids: Vec<i64> = comments
        .iter()
        .map(|c| c["id"].as_i64().expect("id"))
        .collect();
    assert_eq!(ids, mine, "exactly this commenter's comments, oldest first");
    let sites: Vec<&str> = comments
        .iter()
        .map(|c| c["site"].as_str().expect("site"))
        .collect();
    assert_eq!(sites, ["blog", "blog", "blog", "news"]);
    assert_eq!(comments[2]["parent_id"], other);
    assert_eq!(comments[0]["ip"], "203.0.113.5");
    assert_eq!(comments[0]["user_agent"], UA);
    assert_eq!(comments[1]["article_url"], "https://blog.example/b");
    let raw = String::from_utf8_lossy(&out.stdout);
    for foreign in ["Olga", "olga@", "Pia", "pia@", "198.51.100"] {
        assert!(!raw.contains(foreign), "{foreign} is in the export");
    }
    // An unknown address exports nothing (and is not an error).
    let out = cli(&s, &["privacy", "export", "--email", "nobody@else.example"]);
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["comments"].as_array().expect("comments").len(), 0);
}

#[tokio::test]
async fn erasure_leaves_no_trace_in_pages_feeds_api_exports_or_database_rows() {
    let s = start_with(Some(RIGHTS_SITES), &[]).await;
    let (name, email, ip) = (
        "Zebulon Quarrington",
        "zebulon.q@private-mail.example",
        "203.0.113.77",
    );
    let a = post_from(
        &s,
        ip,
        ("blog", "https://blog.example/a"),
        name,
        email,
        "Kept, but anonymously.",
        None,
    )
    .await;
    let reply = post_from(
        &s,
        "198.51.100.9",
        ("blog", "https://blog.example/a"),
        "Olga",
        "olga@else.example",
        "A reply to Zebulon.",
        Some(a),
    )
    .await;
    let d = post_from(
        &s,
        ip,
        ("news", "https://news.example/x"),
        name,
        email,
        "Quarrington's deleted words.",
        None,
    )
    .await;
    // Pages are rendered (and cached) before the erasure.
    let threads: Vec<i64> = {
        let (_, idx) = text(&s.at("/")).await;
        idx.match_indices("href=\"/threads/")
            .filter_map(|(i, _)| idx[i + 15..].split('"').next()?.parse().ok())
            .collect()
    };
    assert_eq!(threads.len(), 3, "the demo thread and two more");
    let mut with_name = 0;
    for t in &threads {
        with_name += usize::from(text(&s.at(&format!("/threads/{t}"))).await.1.contains(name));
    }
    assert_eq!(
        with_name, 2,
        "both threads show the name before the erasure"
    );

    let (ok, msg) =
        crate::admin::create_user(&s, "root", "admin", &[], crate::admin::ADMIN_PW).await;
    assert!(ok, "{msg}");
    let staff = crate::admin::login(&s, "root", crate::admin::ADMIN_PW).await;
    let staff_cookie = Some(staff.cookie.clone());
    let admin_paths = [
        "/admin".to_owned(),
        "/admin?status=all".to_owned(),
        "/admin?status=all&ip=203.0.113.0".to_owned(),
        format!("/admin/comments/{a}"),
        format!("/admin/comments/{d}"),
        "/admin/audit".to_owned(),
    ];
    let mut before = String::new();
    for p in &admin_paths {
        before.push_str(&crate::admin::get(&s, &staff_cookie, p).await.1);
    }
    assert!(
        before.contains(name),
        "the admin pages show the commenter before the erasure"
    );
    let out = cli(&s, &["privacy", "erase", "--email", email]);
    assert!(!out.status.success(), "erasure needs --yes");
    let out = cli(&s, &["privacy", "erase", "--email", email, "--yes"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 comments anonymised, 1 deleted"));
    // Running servers drop their pre-rendered pages within a second or so.
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;

    let mut admin_seen = String::new();
    for p in &admin_paths {
        let (st, body) = crate::admin::get(&s, &staff_cookie, p).await;
        assert_eq!(st, 200, "{p}");
        admin_seen.push_str(&body);
    }
    let mut seen = String::new();
    let mut paths = vec!["/".to_owned()];
    for t in &threads {
        paths.push(format!("/threads/{t}"));
        paths.push(format!("/threads/{t}/atom.xml"));
    }
    for (site, url) in [
        ("blog", "https://blog.example/a"),
        ("news", "https://news.example/x"),
    ] {
        paths.push(format!(
            "/api/v1/threads?site={site}&url={}",
            url.replace(':', "%3A").replace('/', "%2F")
        ));
        paths.push(format!("/sites/{site}/privacy"));
    }
    for p in &paths {
        let (st, body) = text(&s.at(p)).await;
        assert_eq!(st, 200, "{p}");
        seen.push_str(&body);
    }
    assert!(
        seen.contains("Kept, but anonymously.") && seen.contains("Anonymous"),
        "anonymised text stays"
    );
    assert!(
        seen.contains("A reply to Zebulon."),
        "other people's comments stay"
    );
    assert!(!seen.contains("deleted words"), "deleted text is gone");
    let dump = cli(&s, &["export"]);
    assert!(dump.status.success());
    let dump = String::from_utf8_lossy(&dump.stdout).into_owned();
    let personal = cli(&s, &["privacy", "export", "--email", email]);
    let personal: Value = serde_json::from_slice(&personal.stdout).expect("json");
    assert_eq!(
        personal["comments"].as_array().map(Vec::len),
        Some(0),
        "nothing left to export"
    );
    let rows = retort_testkit::all_stored_text(&s).await.expect("rows");
    assert!(
        rows.contains("olga@else.example"),
        "the scan sees stored data: {rows}"
    );
    for (what, hay) in [
        ("public output", &seen),
        ("admin pages", &admin_seen),
        ("retort export", &dump),
        ("database rows", &rows),
    ] {
        for secret in [name, "Quarrington", email, ip, "zebulon.example"] {
            assert!(!hay.contains(secret), "{secret} is still in the {what}");
        }
    }
    // The audit log records the erasure without the address.
    assert!(rows.contains("privacy.erase"), "{rows}");
    let api = get_json(&s.at("/api/v1/threads?site=news&url=https%3A%2F%2Fnews.example%2Fx")).await;
    let shown: Vec<i64> = api["comments"]
        .as_array()
        .expect("comments")
        .iter()
        .map(|c| c["id"].as_i64().expect("id"))
        .collect();
    assert!(
        !shown.contains(&d),
        "a deleted comment without replies is not shown"
    );
    let blog =
        get_json(&s.at("/api/v1/threads?site=blog&url=https%3A%2F%2Fblog.example%2Fa")).await;
    assert_eq!(blog["comments"][0]["author"], "Anonymous");
    assert_eq!(
        blog["comments"][0]["replies"][0]["id"], reply,
        "the reply keeps its place"
    );
}

#[tokio::test]
async fn retention_truncates_then_removes_ips_on_schedule_with_an_injected_clock() {
    let clock = tempfile::NamedTempFile::new().expect("clock");
    let day: i64 = 86_400_000;
    let t0: i64 = 1_900_000_000_000;
    std::fs::write(clock.path(), t0.to_string()).expect("write clock");
    let path = clock.path().to_str().expect("path").to_owned();
    let s = start_with(
        Some(RIGHTS_SITES),
        &[
            ("RETORT_CLOCK_FILE", path.as_str()),
            ("RETORT_RETENTION__SWEEP_EVERY_SECS", "1"),
            ("RETORT_RETENTION__IP_TRUNCATE_DAYS", "2"),
            ("RETORT_RETENTION__IP_DELETE_DAYS", "5"),
            ("RETORT_RETENTION__USER_AGENT_DAYS", "1"),
        ],
    )
    .await;
    let v4 = post_from(
        &s,
        "203.0.113.77",
        ("blog", "https://blog.example/a"),
        "Ann",
        "ann@x.example",
        "v4",
        None,
    )
    .await;
    let v6 = post_from(
        &s,
        "2001:db8:aa:bb::7",
        ("blog", "https://blog.example/a"),
        "Ben",
        "ben@x.example",
        "v6",
        None,
    )
    .await;
    let state = |s: &retort_testkit::Server| {
        let out = cli(s, &["export"]);
        let v: Value = serde_json::from_slice(&out.stdout).expect("json");
        let find = |id: i64| {
            v["comments"]
                .as_array()
                .expect("comments")
                .iter()
                .find(|c| c["id"] == id)
                .cloned()
                .expect("comment")
        };
        (find(v4), find(v6))
    };
    async fn settle<F: Fn() -> bool>(f: F) -> bool {
        for _ in 0..60 {
            if f() {
                return true;
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        false
    }
    let (a, b) = state(&s);
    assert_eq!(
        (a["ip"].as_str(), b["ip"].as_str()),
        (Some("203.0.113.77"), Some("2001:db8:aa:bb::7"))
    );
    assert_eq!(
        a["created_at"], t0,
        "comments are stamped with the injected clock"
    );

    // Day 1.5: user agents go; IPs stay whole.
    std::fs::write(clock.path(), (t0 + day * 3 / 2).to_string()).expect("clock");
    assert!(
        settle(|| state(&s).0["user_agent"].is_null()).await,
        "user agent removed"
    );
    assert_eq!(state(&s).0["ip"], "203.0.113.77");
    // Day 2.5: IPs are cut to their networks.
    std::fs::write(clock.path(), (t0 + day * 5 / 2).to_string()).expect("clock");
    assert!(
        settle(|| state(&s).0["ip"] == "203.0.113.0/24").await,
        "{:?}",
        state(&s)
    );
    assert_eq!(state(&s).1["ip"], "2001:db8:aa::/48");
    // Day 5.5: IPs are gone.
    std::fs::write(clock.path(), (t0 + day * 11 / 2).to_string()).expect("clock");
    assert!(
        settle(|| {
            let (a, b) = state(&s);
            a["ip"].is_null() && b["ip"].is_null()
        })
        .await
    );
    let rows = retort_testkit::all_stored_text(&s).await.expect("rows");
    for gone in ["203.0.113", "2001:db8:aa", "Chrome/124"] {
        assert!(!rows.contains(gone), "{gone} still stored");
    }
}

#[tokio::test]
async fn the_consent_cookie_is_set_only_when_ticked_and_avatars_are_keyed_identicons() {
    let s = start_with(Some(RIGHTS_SITES), &[]).await;
    let first = post_from(
        &s,
        "203.0.113.1",
        ("blog", "https://blog.example/a"),
        "Ann",
        "ann@x.example",
        "One.",
        None,
    )
    .await;
    let _ = first;
    let t = get_json(&s.at("/api/v1/threads?site=blog&url=https%3A%2F%2Fblog.example%2Fa")).await;
    let tid = t["thread"]["id"].as_i64().expect("thread id");
    let form = |remember: bool| {
        let mut f = vec![
            ("author", "Cora Cookie"),
            ("email", "cora@x.example"),
            ("website", "https://cora.example"),
            ("text", "Posting through the form."),
        ];
        if remember {
            f.push(("remember", "1"));
        }
        f
    };
    let r = http()
        .post(s.at(&format!("/threads/{tid}/comments")))
        .form(&form(false))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 303);
    assert!(
        !r.headers()
            .get_all("set-cookie")
            .iter()
            .any(|c| c.to_str().unwrap_or("").starts_with("retort_commenter")),
        "no cookie unless asked for"
    );
    let r = http()
        .post(s.at(&format!("/threads/{tid}/comments")))
        .form(&form(true))
        .send()
        .await
        .expect("post");
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|c| c.to_str().ok())
        .find(|c| c.starts_with("retort_commenter="))
        .expect("consent cookie")
        .to_owned();
    assert!(
        cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
            && cookie.contains("Max-Age=31536000")
    );
    let pair = cookie.split(';').next().expect("pair").to_owned();
    let page = http()
        .get(s.at(&format!("/threads/{tid}")))
        .header("cookie", &pair)
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("text");
    assert!(
        page.contains("value=\"Cora Cookie\"") && page.contains("value=\"cora@x.example\""),
        "form filled in"
    );
    assert!(page.contains("name=\"remember\" value=\"1\" checked"));
    let plain = http()
        .get(s.at(&format!("/threads/{tid}")))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("text");
    assert!(
        !plain.contains("Cora Cookie\""),
        "nobody else's form is filled in"
    );
    // Unticking removes it.
    let r = http()
        .post(s.at(&format!("/threads/{tid}/comments")))
        .header("cookie", &pair)
        .form(&form(false))
        .send()
        .await
        .expect("post");
    assert!(r.headers().get_all("set-cookie").iter().any(|c| {
        c.to_str().unwrap_or("").starts_with("retort_commenter=;")
            && c.to_str().unwrap_or("").contains("Max-Age=0")
    }));

    // Identicons: same address, same picture; no address in the URL; served locally.
    let api = get_json(&s.at("/api/v1/threads?site=blog&url=https%3A%2F%2Fblog.example%2Fa")).await;
    let avatars: Vec<&str> = api["comments"]
        .as_array()
        .expect("comments")
        .iter()
        .map(|c| c["avatar"].as_str().expect("avatar"))
        .collect();
    assert_eq!(avatars.len(), 4);
    assert_ne!(avatars[0], avatars[1]);
    assert_eq!(avatars[1..], [avatars[1]; 3], "Cora posted three times");
    assert!(
        avatars
            .iter()
            .all(|a| a.starts_with("/avatars/") && !a.contains("cora"))
    );
    let r = http().get(s.at(avatars[0])).send().await.expect("get");
    assert_eq!(r.headers()["content-type"], "image/svg+xml");
    assert!(r.text().await.expect("svg").starts_with("<svg"));
    assert_eq!(text(&s.at("/avatars/nothex.svg")).await.0, 404);
    assert!(plain.contains(avatars[0]), "the page shows the same avatar");
}

#[cfg(feature = "mail-tests")]
#[tokio::test]
async fn self_service_links_are_mailed_expire_are_single_use_and_resist_tampering() {
    let clock = tempfile::NamedTempFile::new().expect("clock");
    let t0: i64 = 1_900_000_000_000;
    std::fs::write(clock.path(), t0.to_string()).expect("clock");
    let path = clock.path().to_str().expect("path").to_owned();
    let smtp = retort_testkit::SmtpSink::start().await.expect("aiosmtpd");
    let mut env: Vec<(String, String)> = smtp.env();
    env.push(("RETORT_CLOCK_FILE".into(), path));
    env.push(("RETORT_PRIVACY__REQUESTS_PER_HOUR".into(), "2".into()));
    let env_ref: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let s = start_with(Some(RIGHTS_SITES), &env_ref).await;
    let me = "linda.link@private-mail.example";
    post_from(
        &s,
        "203.0.113.9",
        ("blog", "https://blog.example/a"),
        "Linda",
        me,
        "Hello.",
        None,
    )
    .await;

    let ask = |email: &'static str| {
        let url = s.at("/sites/blog/privacy/request");
        async move {
            let r = http()
                .post(url)
                .form(&[("email", email)])
                .send()
                .await
                .expect("post");
            (r.status().as_u16(), r.text().await.expect("text"))
        }
    };
    let (st_known, known) = ask("linda.link@private-mail.example").await;
    let (st_unknown, unknown) = ask("nobody@private-mail.example").await;
    assert_eq!((st_known, st_unknown), (200, 200));
    assert_eq!(
        known, unknown,
        "the answer does not reveal whether the address has comments"
    );
    let mails = smtp.wait_for(1, 15).await;
    assert_eq!(
        mails.len(),
        1,
        "a link goes only to an address with comments"
    );
    assert!(mails[0].contains(&format!("To: {me}")), "{}", mails[0]);
    assert!(
        mails[0].contains("Subject: Your comment data on The Blog"),
        "{}",
        mails[0]
    );
    let start = mails[0]
        .find(&format!("{}/privacy/", s.url))
        .expect("link in mail");
    let link: String = mails[0][start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    let token = link.rsplit('/').next().expect("token").to_owned();
    assert_eq!(token.len(), 48);

    let (st, page) = text(&link).await;
    assert_eq!(st, 200, "{page}");
    assert!(page.contains("1 comment(s)") && page.contains(me));
    let mut tampered = token.clone();
    let last = if tampered.ends_with('0') { "1" } else { "0" };
    tampered.replace_range(47..48, last);
    assert_eq!(text(&s.at(&format!("/privacy/{tampered}"))).await.0, 404);
    assert_eq!(text(&s.at("/privacy/not-a-token")).await.0, 404);

    let r = http()
        .post(format!("{link}/export"))
        .send()
        .await
        .expect("export");
    assert_eq!(r.status().as_u16(), 200);
    let v: Value = r.json().await.expect("json");
    assert_eq!(v["comments"][0]["email"], me);
    let r = http()
        .post(format!("{link}/erase"))
        .send()
        .await
        .expect("erase");
    assert_eq!(
        r.status().as_u16(),
        400,
        "erasure needs the confirmation box"
    );
    let r = http()
        .post(format!("{link}/erase"))
        .form(&[("confirm", "yes")])
        .send()
        .await
        .expect("erase");
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(
        text(&link).await.0,
        410,
        "the link cannot be used after erasure"
    );
    let r = http()
        .post(format!("{link}/export"))
        .send()
        .await
        .expect("export");
    assert_eq!(r.status().as_u16(), 410);

    // A fresh link for another commenter expires after 24 hours.
    post_from(
        &s,
        "203.0.113.10",
        ("blog", "https://blog.example/a"),
        "Max",
        "max.m@private-mail.example",
        "Hi.",
        None,
    )
    .await;
    ask("max.m@private-mail.example").await;
    let mails = smtp.wait_for(2, 15).await;
    assert_eq!(mails.len(), 2);
    let max_mail = mails
        .iter()
        .find(|m| m.contains("To: max.m@private-mail.example"))
        .expect("Max's mail");
    let start = max_mail.find(&format!("{}/privacy/", s.url)).expect("link");
    let link2: String = max_mail[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    assert_eq!(text(&link2).await.0, 200);
    std::fs::write(clock.path(), (t0 + 25 * 3_600_000).to_string()).expect("clock");
    assert_eq!(text(&link2).await.0, 410, "expired");

    // Requests are rate-limited per IP.
    let mut limited = false;
    for _ in 0..10 {
        if ask("nobody@private-mail.example").await.0 == 429 {
            limited = true;
            break;
        }
    }
    assert!(limited, "link requests are rate-limited");
}

#[tokio::test]
async fn admins_export_and_erase_a_commenters_data_from_the_admin_ui() {
    let s = start_with(Some(RIGHTS_SITES), &[]).await;
    let email = "ulla.ui@private-mail.example";
    let id = post_from(
        &s,
        "203.0.113.44",
        ("blog", "https://blog.example/u"),
        "Ulla Uhlenbrock",
        email,
        "Through the UI.",
        None,
    )
    .await;
    post_from(
        &s,
        "203.0.113.45",
        ("blog", "https://blog.example/u"),
        "Vera",
        "vera@else.example",
        "Stays.",
        None,
    )
    .await;
    let (ok, msg) =
        crate::admin::create_user(&s, "root", "admin", &[], crate::admin::ADMIN_PW).await;
    assert!(ok, "{msg}");
    let (ok, msg) =
        crate::admin::create_user(&s, "mod", "moderator", &["blog"], crate::admin::MOD_PW).await;
    assert!(ok, "{msg}");
    let admin = crate::admin::login(&s, "root", crate::admin::ADMIN_PW).await;
    let moderator = crate::admin::login(&s, "mod", crate::admin::MOD_PW).await;
    let (st, page) = crate::admin::get(&s, &Some(admin.cookie.clone()), "/admin/privacy").await;
    assert_eq!(st, 200);
    assert!(page.contains("action=\"/admin/privacy/erase\""));
    // Moderators cannot: an address's data span every site.
    assert_eq!(
        crate::admin::get(&s, &Some(moderator.cookie.clone()), "/admin/privacy")
            .await
            .0,
        403
    );
    assert_eq!(
        crate::admin::post(&s, &moderator, "/admin/privacy/export", &[("email", email)])
            .await
            .0,
        403
    );

    let (st, json) =
        crate::admin::post(&s, &admin, "/admin/privacy/export", &[("email", email)]).await;
    assert_eq!(st, 200, "{json}");
    let v: Value = serde_json::from_str(&json).expect("json");
    let ids: Vec<i64> = v["comments"]
        .as_array()
        .expect("comments")
        .iter()
        .map(|c| c["id"].as_i64().expect("id"))
        .collect();
    assert_eq!(ids, [id]);
    assert!(!json.contains("vera"));

    let (st, _) = crate::admin::post(&s, &admin, "/admin/privacy/erase", &[("email", email)]).await;
    assert_eq!(st, 422, "erasure needs the confirmation box");
    let (st, page) = crate::admin::post(
        &s,
        &admin,
        "/admin/privacy/erase",
        &[("email", email), ("confirm", "yes")],
    )
    .await;
    assert_eq!(st, 200, "{page}");
    assert!(page.contains("1 comment(s) anonymised"), "{page}");
    let rows = retort_testkit::all_stored_text(&s).await.expect("rows");
    for gone in [email, "Uhlenbrock", "203.0.113.44"] {
        assert!(!rows.contains(gone), "{gone} still stored");
    }
    assert!(rows.contains("vera@else.example"));
    let (_, audit) = crate::admin::get(&s, &Some(admin.cookie.clone()), "/admin/audit").await;
    assert!(
        audit.contains("privacy.export")
            && audit.contains("privacy.erase")
            && audit.contains("admin:root"),
        "{audit}"
    );
    assert!(!audit.contains(email));
}
