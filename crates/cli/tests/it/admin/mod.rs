//! The admin UI against the real binary: accounts from `retort admin create-user`, login with
//! cookie flags and limits, the guard on every admin route (anonymous requests, CSRF tokens,
//! Origin), and moderators confined to their sites; the queue in `queue`, per-site settings in
//! `sites`. The helpers here are shared with the browser and mail tests.

mod queue;
mod sites;

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

/// A thread page as any reader gets it.
pub async fn thread_page(s: &Server, tid: i64) -> String {
    // The public page, as any reader gets it (served from the pre-rendered cache).
    let (st, page) = get(s, &None, &format!("/threads/{tid}")).await;
    assert_eq!(st, 200);
    page
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

#[tokio::test]
async fn login_limits_hold_across_instances_sharing_one_database() {
    let a = start_admin().await;
    let b = a.start_sharing().await.expect("second instance");
    // Ten wrong guesses for one account, alternating between the two instances: the account's
    // five attempts are shared, so only five reach the password check in all.
    let mut codes = Vec::new();
    for i in 0..10 {
        let s = if i % 2 == 0 { &a } else { &b };
        let r = http()
            .post(s.at("/admin/login"))
            .form(&[("name", "root"), ("password", "wrong guess")])
            .send()
            .await
            .expect("post");
        codes.push(r.status().as_u16());
    }
    assert_eq!(
        codes.iter().filter(|c| **c == 401).count(),
        5,
        "five attempts in all, not five per instance: {codes:?}"
    );
    assert!(codes[5..].iter().all(|c| *c == 429), "{codes:?}");
    // The other account is untouched, on either instance.
    let r = http()
        .post(b.at("/admin/login"))
        .form(&[("name", "mia"), ("password", MOD_PW)])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 303, "mia logs in");
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
