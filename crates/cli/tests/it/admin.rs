//! The admin UI against the real binary: accounts from `retort admin create-user`, login with
//! cookie flags and limits, the guard on every admin route (anonymous requests, CSRF tokens,
//! Origin), moderators confined to their sites, the queue's decisions as seen on the public
//! thread, and per-site settings.

use std::process::Stdio;

use retort_testkit::Server;
use tokio::io::AsyncWriteExt;

use crate::{SITES, bin, comment, http, post_json, start_with};

pub const ADMIN_PW: &str = "admin password 1";
pub const MOD_PW: &str = "moderator password 1";

/// Runs `retort admin create-user` against the server's database; returns exit success and
/// output.
pub async fn create_user(
    s: &Server,
    name: &str,
    role: &str,
    sites: &[&str],
    password: &str,
) -> (bool, String) {
    create_user_with_email(s, name, role, sites, password, "").await
}

/// As [`create_user`], with an address for moderation notices.
pub async fn create_user_with_email(
    s: &Server,
    name: &str,
    role: &str,
    sites: &[&str],
    password: &str,
    email: &str,
) -> (bool, String) {
    let mut cmd = tokio::process::Command::new(bin());
    cmd.args([
        "admin",
        "create-user",
        name,
        "--role",
        role,
        "--password-stdin",
    ])
    .arg("--data-dir")
    .arg(&s.data_dir);
    for site in sites {
        cmd.args(["--site", site]);
    }
    if !email.is_empty() {
        cmd.args(["--email", email]);
    }
    if let Some(db) = &s.database_url {
        cmd.arg("--database-url").arg(db);
    }
    let cfg = s.data_dir.join("retort.toml");
    if cfg.exists() {
        cmd.arg("--config").arg(cfg);
    }
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn retort admin");
    let mut stdin = child.stdin.take().expect("stdin");
    // The command may refuse its arguments (and exit) before reading the password.
    let _ = stdin.write_all(format!("{password}\n").as_bytes()).await;
    drop(stdin);
    let out = child.wait_with_output().await.expect("wait");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// A logged-in browser session.
#[derive(Debug, Clone)]
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

pub async fn login(s: &Server, name: &str, password: &str) -> Session {
    let r = http()
        .post(s.at("/admin/login"))
        .form(&[("name", name), ("password", password)])
        .send()
        .await
        .expect("login");
    assert_eq!(r.status().as_u16(), 303, "login of {name} succeeds");
    let set = r
        .headers()
        .get("set-cookie")
        .expect("cookie set")
        .to_str()
        .expect("ascii")
        .to_owned();
    let cookie = set.split(';').next().expect("pair").to_owned();
    let page = get(s, &Some(cookie.clone()), "/admin").await.1;
    Session {
        csrf: csrf_of(&page),
        cookie,
    }
}

pub fn csrf_of(page: &str) -> String {
    let i = page
        .find("name=\"csrf\" value=\"")
        .expect("csrf field in page")
        + 19;
    page[i..i + page[i..].find('"').expect("end")].to_owned()
}

pub async fn get(s: &Server, cookie: &Option<String>, path: &str) -> (u16, String) {
    let mut req = http().get(s.at(path));
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    let r = req.send().await.expect("get");
    (r.status().as_u16(), r.text().await.expect("text"))
}

/// POSTs a form as the session, with its CSRF token; returns status and Location or body.
pub async fn post(
    s: &Server,
    session: &Session,
    path: &str,
    fields: &[(&str, &str)],
) -> (u16, String) {
    let mut f: Vec<(&str, &str)> = vec![("csrf", &session.csrf)];
    f.extend_from_slice(fields);
    let r = http()
        .post(s.at(path))
        .header("cookie", &session.cookie)
        .form(&f)
        .send()
        .await
        .expect("post");
    let status = r.status().as_u16();
    let loc = r
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    (status, loc.unwrap_or(r.text().await.expect("text")))
}

/// Posts a comment through the API; returns its id and status.
pub async fn post_comment(
    s: &Server,
    site: &str,
    url: &str,
    author: &str,
    text: &str,
) -> (i64, String, i64) {
    let (st, body) = post_json(s, comment(site, url, author, text)).await;
    assert_eq!(st, 201, "{body}");
    (
        body["comment"]["id"].as_i64().expect("id"),
        body["status"].as_str().expect("status").to_owned(),
        body["thread"]["id"].as_i64().expect("thread"),
    )
}

/// A server with the test sites, an admin `root` and a moderator `mia` of `blog`.
pub async fn start_admin() -> Server {
    let s = start_with(Some(SITES), &[]).await;
    let (ok, out) = create_user(&s, "root", "admin", &[], ADMIN_PW).await;
    assert!(ok, "{out}");
    assert!(out.contains("created admin root"), "{out}");
    let (ok, out) = create_user(&s, "mia", "moderator", &["blog"], MOD_PW).await;
    assert!(ok, "{out}");
    s
}

/// The full URL path of an admin route, with its parameters filled in.
fn fill(path: &str, id: i64) -> String {
    let p = path
        .replace("{id}", &id.to_string())
        .replace("{site}", "blog");
    format!("/admin{}", p.trim_end_matches('/'))
}

#[tokio::test]
async fn create_user_validates_its_input() {
    let s = start_with(Some(SITES), &[]).await;
    let (ok, out) = create_user(&s, "ada", "admin", &[], "short").await;
    assert!(!ok && out.contains("at least 10 characters"), "{out}");
    let (ok, out) = create_user(&s, "mo", "moderator", &[], MOD_PW).await;
    assert!(!ok && out.contains("needs at least one --site"), "{out}");
    let (ok, out) = create_user(&s, "mo", "moderator", &["nosuch"], MOD_PW).await;
    assert!(!ok && out.contains("there is no site 'nosuch'"), "{out}");
    let (ok, out) =
        create_user_with_email(&s, "ada", "admin", &[], ADMIN_PW, "not-an-address").await;
    assert!(!ok && out.contains("email"), "{out}");
    let (ok, out) = create_user(&s, "bad name", "admin", &[], ADMIN_PW).await;
    assert!(!ok && out.contains("name"), "{out}");
    let (ok, out) = create_user(&s, "ada", "admin", &[], ADMIN_PW).await;
    assert!(ok && out.contains("created admin ada"), "{out}");
    // Again: the password is replaced and the old one stops working.
    let (ok, out) = create_user(&s, "ada", "admin", &[], "a new password").await;
    assert!(ok && out.contains("updated admin ada"), "{out}");
    let r = http()
        .post(s.at("/admin/login"))
        .form(&[("name", "ada"), ("password", ADMIN_PW)])
        .send()
        .await
        .expect("login");
    assert_eq!(r.status().as_u16(), 401);
    login(&s, "ada", "a new password").await;
}

#[tokio::test]
async fn login_sets_a_safe_cookie_and_logout_ends_the_session() {
    let s = start_with(
        Some(&format!("{SITES}\n[proxy]\ntrusted = [\"127.0.0.1/32\"]\n")),
        &[],
    )
    .await;
    let (ok, out) = create_user(&s, "root", "admin", &[], ADMIN_PW).await;
    assert!(ok, "{out}");
    let (st, form) = get(&s, &None, "/admin/login").await;
    assert_eq!(st, 200);
    assert!(
        form.contains("<label for=\"password\">Password</label>"),
        "{form}"
    );

    let wrong = http()
        .post(s.at("/admin/login"))
        .form(&[("name", "root"), ("password", "not it at all")])
        .send()
        .await
        .expect("login");
    assert_eq!(wrong.status().as_u16(), 401);
    assert!(wrong.headers().get("set-cookie").is_none());
    assert!(
        wrong
            .text()
            .await
            .expect("text")
            .contains("Wrong name or password.")
    );

    let r = http()
        .post(s.at("/admin/login"))
        .form(&[("name", "root"), ("password", ADMIN_PW)])
        .send()
        .await
        .expect("login");
    assert_eq!(r.status().as_u16(), 303);
    let set = r.headers()["set-cookie"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(set.starts_with("retort_admin="), "{set}");
    for flag in ["HttpOnly", "SameSite=Lax", "Path=/admin", "Max-Age=43200"] {
        assert!(set.contains(flag), "{flag} in {set}");
    }
    assert!(!set.contains("Secure"), "plain HTTP: no Secure flag: {set}");
    let token = set.split(';').next().expect("pair")["retort_admin=".len()..].to_owned();
    assert_eq!(token.len(), 64, "a 256-bit random token");

    // Behind a trusted TLS proxy, the cookie is Secure.
    let tls = http()
        .post(s.at("/admin/login"))
        .header("x-forwarded-proto", "https")
        .form(&[("name", "root"), ("password", ADMIN_PW)])
        .send()
        .await
        .expect("login");
    assert!(
        tls.headers()["set-cookie"]
            .to_str()
            .expect("ascii")
            .contains("; Secure")
    );

    let cookie = Some(set.split(';').next().expect("pair").to_owned());
    let (st, page) = get(&s, &cookie, "/admin").await;
    assert_eq!(st, 200);
    assert!(
        page.contains("Logged in as <strong>root</strong>"),
        "{page}"
    );
    let session = Session {
        csrf: csrf_of(&page),
        cookie: cookie.clone().expect("cookie"),
    };
    let (st, loc) = post(&s, &session, "/admin/logout", &[]).await;
    assert_eq!((st, loc.as_str()), (303, "/admin/login"));
    let (st, _) = get(&s, &cookie, "/admin").await;
    assert_eq!(st, 303, "the session is gone after logout");
}

#[tokio::test]
async fn every_admin_route_rejects_anonymous_requests() {
    let s = start_admin().await;
    let (id, _, _) = post_comment(
        &s,
        "held",
        "https://held.example/a",
        "Ann",
        "Held for review.",
    )
    .await;
    let routes = retort_server::routes::admin::route_list();
    assert!(routes.len() >= 15, "the list holds every route");
    for cookie in [None, Some("retort_admin=forged-token".to_owned())] {
        for r in routes
            .iter()
            .filter(|r| r.access != retort_server::routes::admin::Access::Public)
        {
            let url = s.at(&fill(r.path, id));
            let mut req = match r.method {
                "GET" => http().get(&url),
                _ => http()
                    .post(&url)
                    .form(&[("action", "approve"), ("ids", &id.to_string())]),
            };
            if let Some(c) = &cookie {
                req = req.header("cookie", c);
            }
            let res = req.send().await.expect("request");
            let st = res.status().as_u16();
            if r.method == "GET" {
                assert_eq!(st, 303, "{} {}", r.method, r.path);
                assert_eq!(res.headers()["location"], "/admin/login", "{}", r.path);
            } else {
                assert_eq!(st, 401, "{} {}", r.method, r.path);
            }
        }
    }
    // Nothing happened to the comment.
    let admin = login(&s, "root", ADMIN_PW).await;
    let (_, page) = get(&s, &Some(admin.cookie), &format!("/admin/comments/{id}")).await;
    assert!(page.contains("class=\"status-pending\""), "{page}");
}

#[tokio::test]
async fn every_write_without_a_valid_csrf_token_is_rejected() {
    let s = start_admin().await;
    let (id, _, _) = post_comment(
        &s,
        "blog",
        "https://blog.example/a",
        "Ann",
        "A published one.",
    )
    .await;
    let admin = login(&s, "root", ADMIN_PW).await;
    let other = login(&s, "root", ADMIN_PW).await;
    assert_ne!(admin.csrf, other.csrf, "tokens are per session");
    let writes: Vec<_> = retort_server::routes::admin::route_list()
        .into_iter()
        .filter(|r| r.is_write() && r.access != retort_server::routes::admin::Access::Public)
        .collect();
    assert!(writes.len() >= 10);
    let bad_tokens = [
        None,
        Some(String::new()),
        Some("0".repeat(40)),
        Some(other.csrf.clone()),
    ];
    for r in &writes {
        let url = s.at(&fill(r.path, id));
        for t in &bad_tokens {
            let mut f = vec![
                ("action", "delete".to_owned()),
                ("ids", id.to_string()),
                ("text", "changed".to_owned()),
                ("site_url", "https://blog.example".to_owned()),
            ];
            if let Some(t) = t {
                f.push(("csrf", t.clone()));
            }
            let res = http()
                .post(&url)
                .header("cookie", &admin.cookie)
                .form(&f)
                .send()
                .await
                .expect("post");
            assert_eq!(res.status().as_u16(), 403, "{} with token {t:?}", r.path);
            let body = res.text().await.expect("text");
            assert!(
                body.contains("security token is missing or out of date"),
                "{body}"
            );
        }
        // A valid token from another site's page (cross-origin) is refused as well.
        let res = http()
            .post(&url)
            .header("cookie", &admin.cookie)
            .header("origin", "https://evil.example")
            .form(&[("csrf", admin.csrf.as_str()), ("action", "delete")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status().as_u16(), 403, "{} cross-origin", r.path);
    }
    // The comment is untouched and the session still works.
    let (_, page) = get(
        &s,
        &Some(admin.cookie.clone()),
        &format!("/admin/comments/{id}"),
    )
    .await;
    assert!(
        page.contains("class=\"status-approved\"") && page.contains("A published one."),
        "{page}"
    );
    // The same request with the token and a same-origin Origin goes through.
    let res = http()
        .post(s.at(&format!("/admin/comments/{id}/spam")))
        .header("cookie", &admin.cookie)
        .header("origin", s.url.as_str())
        .form(&[("csrf", admin.csrf.as_str())])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status().as_u16(), 303);
    // Login from another origin is refused too (login CSRF).
    let res = http()
        .post(s.at("/admin/login"))
        .header("origin", "https://evil.example")
        .form(&[("name", "root"), ("password", ADMIN_PW)])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status().as_u16(), 403);
}

#[tokio::test]
async fn a_moderator_cannot_read_or_change_another_sites_comments() {
    let s = start_admin().await;
    let (theirs, st, _) = post_comment(
        &s,
        "held",
        "https://held.example/a",
        "Hal",
        "Secret held words.",
    )
    .await;
    assert_eq!(st, "pending");
    let (mine, _, _) = post_comment(
        &s,
        "blog",
        "https://blog.example/a",
        "Bo",
        "Blog words here.",
    )
    .await;
    let m = login(&s, "mia", MOD_PW).await;
    let cookie = Some(m.cookie.clone());

    for q in [
        "/admin",
        "/admin?status=all",
        "/admin?status=pending&q=secret",
    ] {
        let (st, page) = get(&s, &cookie, q).await;
        assert_eq!(st, 200);
        assert!(!page.contains("Secret held words."), "{q}: {page}");
    }
    let (_, page) = get(&s, &cookie, "/admin?status=all").await;
    assert!(page.contains("Blog words here."), "own site listed");
    assert!(
        !page.contains("<option value=\"held\""),
        "other site not offered"
    );
    let (st, _) = get(&s, &cookie, "/admin?site=held").await;
    assert_eq!(st, 403);
    let (st, page) = get(&s, &cookie, &format!("/admin/comments/{theirs}")).await;
    assert_eq!(st, 403);
    assert!(!page.contains("Secret held words."));
    for action in ["approve", "spam", "ham", "delete", "edit", "reply"] {
        let (st, _) = post(
            &s,
            &m,
            &format!("/admin/comments/{theirs}/{action}"),
            &[("text", "hijacked")],
        )
        .await;
        assert_eq!(st, 403, "{action}");
    }
    // A bulk action that includes the other site's comment changes nothing at all.
    let (st, _) = post(
        &s,
        &m,
        "/admin/bulk",
        &[
            ("action", "spam"),
            ("scope", "selected"),
            ("ids", &mine.to_string()),
            ("ids", &theirs.to_string()),
        ],
    )
    .await;
    assert_eq!(st, 403);
    // Site settings are for admins.
    for path in ["/admin/sites/blog", "/admin/sites/held"] {
        assert_eq!(get(&s, &cookie, path).await.0, 403, "{path}");
        assert_eq!(
            post(&s, &m, path, &[("blocked_words", "x")]).await.0,
            403,
            "{path}"
        );
    }
    let admin = login(&s, "root", ADMIN_PW).await;
    let (_, page) = get(&s, &Some(admin.cookie.clone()), "/admin?status=all").await;
    assert!(
        page.contains("Secret held words."),
        "the admin sees it, untouched: {page}"
    );
    let i = page.find("Secret held words.").expect("row");
    assert!(page[i..].contains("status-pending"));
    assert!(page.contains("Blog words here."));
    let j = page.find("Blog words here.").expect("row");
    assert!(
        page[j..]
            .find("status-")
            .map(|k| &page[j + k..j + k + 22])
            .is_some_and(|s| s.contains("approved")),
        "bulk changed nothing"
    );
    // The moderator can act on their own site.
    let (st, _) = post(&s, &m, &format!("/admin/comments/{mine}/spam"), &[]).await;
    assert_eq!(st, 303);
}

#[tokio::test]
async fn login_rate_limit_holds_under_concurrent_attempts() {
    let s = start_admin().await;
    let url = s.at("/admin/login");
    let attempts = (0..50).map(|_| {
        let url = url.clone();
        tokio::spawn(async move {
            http()
                .post(url)
                .form(&[("name", "root"), ("password", "wrong guess")])
                .send()
                .await
                .expect("post")
                .status()
                .as_u16()
        })
    });
    let mut codes = Vec::new();
    for a in attempts.collect::<Vec<_>>() {
        codes.push(a.await.expect("join"));
    }
    let verified = codes.iter().filter(|c| **c == 401).count();
    let limited = codes.iter().filter(|c| **c == 429).count();
    assert_eq!(verified + limited, 50, "{codes:?}");
    assert!(
        (1..=5).contains(&verified),
        "at most 5 reach the password check: {codes:?}"
    );
    // The account stays locked for now, even with the right password.
    let r = http()
        .post(&url)
        .form(&[("name", "root"), ("password", ADMIN_PW)])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 429);
    assert!(
        r.text()
            .await
            .expect("text")
            .contains("Too many login attempts")
    );
    // Per IP: guessing many names from one address hits the address's allowance (20).
    let attempts = (0..50).map(|i| {
        let url = url.clone();
        tokio::spawn(async move {
            http()
                .post(url)
                .form(&[
                    ("name", format!("user{i}")),
                    ("password", "wrong guess".into()),
                ])
                .send()
                .await
                .expect("post")
                .status()
                .as_u16()
        })
    });
    let mut codes = Vec::new();
    for a in attempts.collect::<Vec<_>>() {
        codes.push(a.await.expect("join"));
    }
    let verified = codes.iter().filter(|c| **c == 401).count();
    assert!(
        verified <= 15,
        "at most the IP's remaining allowance (20 less the 5 used): {codes:?}"
    );
    assert!(codes.iter().all(|c| *c == 401 || *c == 429), "{codes:?}");
}

async fn thread_page(s: &Server, tid: i64) -> String {
    // The public page, as any reader gets it (served from the pre-rendered cache).
    let (st, page) = get(s, &None, &format!("/threads/{tid}")).await;
    assert_eq!(st, 200);
    page
}

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
async fn no_input_at_any_admin_route_causes_a_server_error() {
    let s = start_admin().await;
    let (id, _, _) = post_comment(&s, "held", "https://held.example/a", "Ann", "Held.").await;
    let admin = login(&s, "root", ADMIN_PW).await;
    let mut samples: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"ids=abc&action=approve&scope=selected".to_vec(),
        b"ids=99999999999999999999&action=spam".to_vec(),
        b"ids=-1&action=delete&scope=filter&status=%FF".to_vec(),
        b"%%%&&&===".to_vec(),
        b"text=%00&back=//evil.example".to_vec(),
        b"text=x&back=/admin%0D%0ASet-Cookie:%20x=1".to_vec(),
        b"text=x&back=/admin/%C3%A9%E2%80%AE&page=9223372036854775807".to_vec(),
        b"origins=%E2%80%AE&lang=%F0%9F%98%80&moderation=links&links=99999999999&close_after_days=1e9".to_vec(),
        b"site_url=&blocked_domains=..%0A-%0A".to_vec(),
        "text=\u{202e}\u{fffd}&back=/admin?done=x".as_bytes().to_vec(),
    ];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..12 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let len = (x % 200) as usize;
        samples.push(
            (0..len)
                .map(|i| (x.rotate_left(i as u32) % 256) as u8)
                .collect(),
        );
    }
    let queries = [
        "",
        "?status=spam&page=-4",
        "?page=999999999999999",
        "?site=%FF",
        "?q=%25_%5C&email=%00",
    ];
    let mut routes = retort_server::routes::admin::route_list();
    routes.sort_by_key(|r| r.path == "/logout");
    for route in routes {
        let ids = [
            id.to_string(),
            "0".into(),
            "99999999999999999999".into(),
            "x".into(),
        ];
        for (i, body) in samples.iter().enumerate() {
            let path = route
                .path
                .replace("{id}", &ids[i % ids.len()])
                .replace("{site}", ["blog", "nosuch", "%FF"][i % 3]);
            let url = s.at(&format!(
                "/admin{}{}",
                path.trim_end_matches('/'),
                queries[i % queries.len()]
            ));
            let req = match route.method {
                "GET" => http().get(&url),
                _ => http().post(&url).body(body.clone()),
            };
            let st = req
                .header("cookie", &admin.cookie)
                .header("x-csrf-token", &admin.csrf)
                .header("content-type", "application/x-www-form-urlencoded")
                .send()
                .await
                .expect("request")
                .status()
                .as_u16();
            assert!(
                st < 500,
                "{} {url} with body #{i} answered {st}",
                route.method
            );
            if route.path == "/logout" {
                break;
            }
        }
    }
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
    cmd.arg("import")
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
    let (st, body) = get(&s, &cookie, "/admin?ip=not-an-ip").await;
    assert_eq!(st, 422);
    assert!(body.contains("is not an IP address"));
}
