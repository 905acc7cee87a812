//! `retort import wordpress` and `retort import disqus` with real export files
//! (`tests/fixtures/`): what is stored is compared with what the file holds, read here with
//! plain string scanning (independently of the importer's XML reader), through `retort export`
//! and the public API. Also: dry runs, re-runs, broken files, orphaned replies, `--learn`, and a
//! JSON round trip of imported data. On SQLite, or PostgreSQL when `DATABASE_URL` is set.

use std::collections::HashMap;

use serde_json::Value;

use crate::transfer::{cli, export};
use crate::{SITES, http, start_with};

const WXR_FILE: &str = "wordpress-export.xml";
const WXR: &str = include_str!("../fixtures/wordpress-export.xml");
const DISQUS: &str = include_str!("../fixtures/disqus-export.xml");
const WP_BASE: &str = "https://wordpress.example.org/";
const MAP: &str = "https://wordpress.example.org/=https://blog.example/";

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The text of `<name>…</name>` in `block` (CDATA unwrapped), or empty for `<name/>` or none.
fn tag(block: &str, name: &str) -> String {
    let open = format!("<{name}>");
    let Some(start) = block.find(&open) else {
        return String::new();
    };
    let rest = &block[start + open.len()..];
    let end = rest.find(&format!("</{name}>")).expect("closed");
    let v = &rest[..end];
    v.strip_prefix("<![CDATA[")
        .and_then(|v| v.strip_suffix("]]>"))
        .unwrap_or(v)
        .to_owned()
}

/// The `dsq:id` attribute of the first `<name dsq:id="…"` in `block`.
fn dsq(block: &str, name: &str) -> Option<String> {
    let open = format!("<{name} dsq:id=\"");
    let start = block.find(&open)? + open.len();
    Some(block[start..].split('"').next()?.to_owned())
}

/// The blocks between `<open…>` and `close`.
fn blocks<'a>(text: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    text.match_indices(open)
        .map(|(i, _)| {
            let rest = &text[i..];
            &rest[..rest.find(close).expect("block closes") + close.len()]
        })
        .collect()
}

fn decode(s: &str) -> String {
    s.replace("&laquo;", "\u{ab}")
        .replace("&#8217;", "\u{2019}")
        .replace("&amp;", "&")
}

#[derive(Debug)]
struct Expected {
    key: String,
    thread_url: String,
    parent: Option<String>,
    status: &'static str,
    kind: &'static str,
    author: String,
    email: String,
    ip: String,
}

/// What the WXR file says, read with string scanning.
fn wxr_expected(xml: &str) -> (Vec<(String, String)>, Vec<Expected>) {
    let mut threads = Vec::new();
    let mut comments = Vec::new();
    for item in blocks(xml, "<item>", "</item>") {
        let post = tag(item, "wp:post_id");
        let url = tag(item, "link").replace(WP_BASE, "https://blog.example/");
        let cs = blocks(item, "<wp:comment>", "</wp:comment>");
        if cs.is_empty() {
            continue;
        }
        threads.push((url.clone(), decode(&tag(item, "title"))));
        for c in cs {
            let parent = tag(c, "wp:comment_parent");
            comments.push(Expected {
                key: format!("wp:{post}:{}", tag(c, "wp:comment_id")),
                thread_url: url.clone(),
                parent: (parent != "0").then(|| format!("wp:{post}:{parent}")),
                status: match tag(c, "wp:comment_approved").as_str() {
                    "1" => "approved",
                    "0" => "pending",
                    "spam" => "spam",
                    "trash" => "deleted",
                    other => panic!("status {other}"),
                },
                kind: match tag(c, "wp:comment_type").as_str() {
                    "" | "comment" => "comment",
                    "pingback" => "pingback",
                    "trackback" => "trackback",
                    other => panic!("type {other}"),
                },
                author: decode(&tag(c, "wp:comment_author")),
                email: tag(c, "wp:comment_author_email"),
                ip: tag(c, "wp:comment_author_IP"),
            });
        }
    }
    (threads, comments)
}

/// What the Disqus file says: threads that have posts (url, title), and the posts.
fn disqus_expected(xml: &str) -> (Vec<(String, String)>, Vec<Expected>) {
    // Top-level threads: `<thread dsq:id="…">…</thread>`, not the `<thread dsq:id="…" />`
    // references inside posts.
    let threads: HashMap<String, (String, String)> = xml
        .match_indices("<thread dsq:id=")
        .filter(|(i, _)| !xml[*i..].split('>').next().expect("tag").ends_with('/'))
        .map(|(i, _)| &xml[i..i + xml[i..].find("</thread>").expect("closes")])
        .map(|t| {
            (
                dsq(t, "thread").expect("id"),
                (tag(t, "link"), decode(&tag(t, "title"))),
            )
        })
        .collect();
    let mut used = Vec::new();
    let mut posts = Vec::new();
    for p in blocks(xml, "<post dsq:id=", "</post>") {
        let thread = dsq(p, "thread").expect("thread");
        let (url, title) = threads[&thread].clone();
        if !used.contains(&(url.clone(), title.clone())) {
            used.push((url.clone(), title));
        }
        let name = tag(p, "name");
        posts.push(Expected {
            key: format!("disqus:{}", dsq(p, "post").expect("id")),
            thread_url: url,
            parent: dsq(p, "parent").map(|id| format!("disqus:{id}")),
            status: if tag(p, "isSpam") == "true" {
                "spam"
            } else if tag(p, "isDeleted") == "true" {
                "deleted"
            } else {
                "approved"
            },
            kind: "comment",
            author: if name.is_empty() {
                tag(p, "username")
            } else {
                name
            },
            email: tag(p, "email"),
            ip: tag(p, "ipAddress"),
        });
    }
    (used, posts)
}

fn run(s: &retort_testkit::Server, args: &[&str]) -> (bool, String, String) {
    let out = cli(s, args);
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Compares an export with the expectations: threads, per-thread counts, statuses, kinds,
/// authors, e-mails and nesting (parents by import key). Orphans are expected top-level.
fn check(dump: &Value, threads: &[(String, String)], expected: &[Expected], orphans: &[&str]) {
    let stored_threads: HashMap<i64, (String, String)> = dump["threads"]
        .as_array()
        .expect("threads")
        .iter()
        .map(|t| {
            (
                t["id"].as_i64().expect("id"),
                (
                    t["url"].as_str().expect("url").to_owned(),
                    t["title"].as_str().expect("title").to_owned(),
                ),
            )
        })
        .collect();
    let mut urls: Vec<&(String, String)> = stored_threads.values().collect();
    urls.sort();
    let mut want: Vec<&(String, String)> = threads.iter().collect();
    want.sort();
    assert_eq!(
        urls, want,
        "one thread per post with comments, with its title"
    );
    let comments = dump["comments"].as_array().expect("comments");
    assert_eq!(comments.len(), expected.len(), "every comment of the file");
    let by_id: HashMap<i64, &Value> = comments
        .iter()
        .map(|c| (c["id"].as_i64().expect("id"), c))
        .collect();
    let by_key: HashMap<&str, &Value> = comments
        .iter()
        .map(|c| (c["import_key"].as_str().expect("import key"), c))
        .collect();
    for e in expected {
        let c = by_key
            .get(e.key.as_str())
            .unwrap_or_else(|| panic!("{} stored", e.key));
        let thread = &stored_threads[&c["thread"].as_i64().expect("thread")];
        assert_eq!(thread.0, e.thread_url, "{}: thread", e.key);
        assert_eq!(c["status"], e.status, "{}: status", e.key);
        assert_eq!(c["kind"], e.kind, "{}: kind", e.key);
        assert_eq!(c["author"], e.author.as_str(), "{}: author", e.key);
        assert_eq!(c["email"], e.email.as_str(), "{}: email", e.key);
        assert_eq!(
            c["ip"].as_str().unwrap_or_default(),
            e.ip,
            "{}: IP kept privately",
            e.key
        );
        assert_eq!(
            c["number"].is_null(),
            e.status != "approved",
            "{}: numbered when published",
            e.key
        );
        let parent = c["parent"]
            .as_i64()
            .map(|p| by_id[&p]["import_key"].as_str().expect("key").to_owned());
        if orphans.contains(&e.key.as_str()) {
            assert_eq!(parent, None, "{}: kept as a top-level comment", e.key);
        } else {
            assert_eq!(parent, e.parent, "{}: parent", e.key);
        }
        let html = c["body_html"].as_str().expect("html").to_lowercase();
        if e.status == "deleted" {
            assert_eq!(
                (c["body_md"].as_str(), html.as_str()),
                (Some(""), ""),
                "{}: a deleted comment arrives without its text",
                e.key
            );
        }
        for unsafe_markup in [
            "<script",
            "<img",
            "onerror",
            "onclick",
            "<iframe",
            "javascript:",
        ] {
            assert!(!html.contains(unsafe_markup), "{}: {html}", e.key);
        }
    }
    // Per-thread counts.
    let mut per_thread: HashMap<&str, usize> = HashMap::new();
    for e in expected {
        *per_thread.entry(e.thread_url.as_str()).or_default() += 1;
    }
    for (id, (url, _)) in &stored_threads {
        let n = comments
            .iter()
            .filter(|c| c["thread"].as_i64() == Some(*id))
            .count();
        assert_eq!(n, per_thread[url.as_str()], "comments of {url}");
    }
}

fn report_line(stdout: &str, prefix: &str) -> String {
    stdout
        .lines()
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no '{prefix}' line in:\n{stdout}"))
        .to_owned()
}

/// A clock file for `RETORT_CLOCK_FILE` that stands at the epoch: no retention sweep erases
/// anything from comments dated after it.
fn frozen_clock() -> tempfile::NamedTempFile {
    let f = tempfile::NamedTempFile::new().expect("clock file");
    std::fs::write(f.path(), "0").expect("write clock");
    f
}

fn clock_path(f: &tempfile::NamedTempFile) -> &str {
    f.path().to_str().expect("path")
}

async fn get(s: &retort_testkit::Server, path: &str) -> (u16, String) {
    let r = http().get(s.at(path)).send().await.expect("get");
    (r.status().as_u16(), r.text().await.expect("body"))
}

fn q(url: &str) -> String {
    url.replace(':', "%3A").replace('/', "%2F")
}

#[tokio::test]
async fn wordpress_export_is_imported_as_the_file_says() {
    // The clock stands at the epoch, so that the retention sweep run at start-up (which may come
    // after the import under load) cannot cut the imported comments' IPs before they are read.
    let clock = frozen_clock();
    let s = start_with(
        Some(SITES),
        &[
            ("RETORT_COMMENTS__MAX_DEPTH", "12"),
            ("RETORT_CLOCK_FILE", clock_path(&clock)),
        ],
    )
    .await;
    let (threads, expected) = wxr_expected(WXR);
    // What the checks below rely on, found in the file by scanning it.
    assert!(
        ["pingback", "trackback", "comment"]
            .iter()
            .all(|k| expected.iter().any(|e| e.kind == *k))
            && ["approved", "pending", "deleted"]
                .iter()
                .all(|st| expected.iter().any(|e| e.status == *st))
            && expected.iter().any(|e| e.ip.contains(':'))
            && expected.iter().any(|e| e.parent.is_some()),
        "{expected:?}"
    );
    let items = blocks(WXR, "<item>", "</item>");
    assert!(
        threads.len() < items.len() && items.iter().any(|i| !i.contains("<wp:comment>")),
        "the file has a post without comments, which gets no thread"
    );
    let depth = |key: &str| {
        let mut n = 1;
        let mut at = expected.iter().find(|e| e.key == key).expect("key");
        while let Some(p) = &at.parent {
            at = expected.iter().find(|e| &e.key == p).expect("parent");
            n += 1;
        }
        n
    };
    assert_eq!(
        expected.iter().map(|e| depth(&e.key)).max(),
        Some(10),
        "replies ten levels deep"
    );
    let item_where = |found: &dyn Fn(&str) -> bool| {
        let item = items
            .iter()
            .find(|i| {
                blocks(i, "<wp:comment>", "</wp:comment>")
                    .into_iter()
                    .any(found)
            })
            .expect("item");
        tag(item, "link").replace(WP_BASE, "https://blog.example/")
    };
    let comments_url = item_where(&|c| tag(c, "wp:comment_content").starts_with("Depth 01."));
    let pings_url = item_where(&|c| tag(c, "wp:comment_type") == "pingback");
    let file = fixture(WXR_FILE);
    let (ok, out, err) = run(
        &s,
        &[
            "import",
            "wordpress",
            &file,
            "--site",
            "blog",
            "--map-url",
            MAP,
        ],
    );
    assert!(ok, "{out}{err}");
    assert_eq!(
        report_line(&out, "comments:"),
        format!(
            "comments: {n} read, {n} imported, 0 already imported, 0 skipped",
            n = expected.len()
        )
    );
    assert!(
        report_line(&out, "threads:").contains(&format!(
            "{} threads with comments read, {} created",
            threads.len(),
            threads.len()
        )),
        "{out}"
    );
    let dump = export(&s);
    let blog_only: Value = {
        let mut d = dump.clone();
        let blog: Vec<i64> = d["threads"]
            .as_array()
            .expect("t")
            .iter()
            .filter(|t| t["site"] == "blog")
            .map(|t| t["id"].as_i64().expect("id"))
            .collect();
        d["threads"] = d["threads"]
            .as_array()
            .expect("t")
            .iter()
            .filter(|t| t["site"] == "blog")
            .cloned()
            .collect();
        d["comments"] = d["comments"]
            .as_array()
            .expect("c")
            .iter()
            .filter(|c| blog.contains(&c["thread"].as_i64().expect("t")))
            .cloned()
            .collect();
        d
    };
    check(&blog_only, &threads, &expected, &[]);
    // `export --site` gives exactly that site.
    let (ok, site_json, err) = run(&s, &["export", "--format", "json", "--site", "blog"]);
    assert!(ok, "{err}");
    let site_dump: Value = serde_json::from_str(&site_json).expect("json");
    assert_eq!(site_dump["sites"].as_array().map(Vec::len), Some(1));
    assert_eq!(site_dump["comments"], blog_only["comments"]);
    check(&site_dump, &threads, &expected, &[]);

    // The public thread: nesting ten levels deep, labels for pingbacks, no e-mails or IPs.
    let (st, body) = get(
        &s,
        &format!("/api/v1/threads?site=blog&url={}", q(&comments_url)),
    )
    .await;
    assert_eq!(st, 200, "{body}");
    let tree: Value = serde_json::from_str(&body).expect("json");
    let published = expected
        .iter()
        .filter(|e| e.thread_url == comments_url && e.status == "approved")
        .count();
    assert_eq!(tree["thread"]["comments"].as_u64(), Some(published as u64));
    let mut node = tree["comments"]
        .as_array()
        .expect("comments")
        .iter()
        .find(|c| c["html"].as_str().is_some_and(|h| h.contains("Depth 01.")))
        .expect("depth 1")
        .clone();
    for depth in 2..=10 {
        node = node["replies"][0].clone();
        assert!(
            node["html"]
                .as_str()
                .is_some_and(|h| h.contains(&format!("Depth {depth:02}."))),
            "depth {depth}: {node}"
        );
    }
    assert!(
        node["replies"].as_array().is_none_or(Vec::is_empty),
        "depth 10 is the last: {node}"
    );
    let (_, pings) = get(
        &s,
        &format!("/api/v1/threads?site=blog&url={}", q(&pings_url)),
    )
    .await;
    let pings: Value = serde_json::from_str(&pings).expect("json");
    let kinds: Vec<&str> = pings["comments"]
        .as_array()
        .expect("c")
        .iter()
        .map(|c| c["kind"].as_str().expect("kind"))
        .collect();
    let want: Vec<&str> = expected
        .iter()
        .filter(|e| e.thread_url == pings_url)
        .map(|e| e.kind)
        .collect();
    assert_eq!(kinds, want);
    let id = blog_only["threads"]
        .as_array()
        .expect("t")
        .iter()
        .find(|t| t["url"] == pings_url)
        .expect("thread")["id"]
        .clone();
    let (st, page) = get(&s, &format!("/threads/{id}")).await;
    assert_eq!(st, 200);
    assert_eq!(
        page.matches("<span class=\"kind\">Pingback</span>").count(),
        want.iter().filter(|k| **k == "pingback").count(),
        "{page}"
    );
    assert_eq!(
        page.matches("<span class=\"kind\">Trackback</span>")
            .count(),
        want.iter().filter(|k| **k == "trackback").count()
    );
    for e in &expected {
        if !e.email.is_empty() {
            assert!(
                !body.contains(&e.email) && !page.contains(&e.email),
                "{} published",
                e.email
            );
        }
        if !e.ip.is_empty() {
            assert!(
                !body.contains(&e.ip) && !page.contains(&e.ip),
                "{} published",
                e.ip
            );
        }
    }
}

#[tokio::test]
async fn dry_run_reports_the_same_and_writes_nothing_and_reruns_add_nothing() {
    let s = start_with(Some(SITES), &[]).await;
    let file = fixture(WXR_FILE);
    let before = export(&s);
    let (ok, dry, err) = run(
        &s,
        &["import", "wordpress", &file, "--site", "blog", "--dry-run"],
    );
    assert!(ok, "{err}");
    assert!(
        dry.lines()
            .next()
            .is_some_and(|l| l.ends_with("(dry run: nothing was written)")),
        "{dry}"
    );
    assert_eq!(export(&s), before, "a dry run writes nothing");

    let (ok, real, err) = run(&s, &["import", "wordpress", &file, "--site", "blog"]);
    assert!(ok, "{err}");
    assert_eq!(
        dry.lines().skip(1).collect::<Vec<_>>(),
        real.lines().skip(1).collect::<Vec<_>>(),
        "the dry run reported what the import did"
    );
    let after = export(&s);
    let n = wxr_expected(WXR).1.len();
    assert_eq!(
        after["comments"].as_array().map(Vec::len),
        Some(before["comments"].as_array().map_or(0, Vec::len) + n)
    );

    let (ok, again, err) = run(&s, &["import", "wordpress", &file, "--site", "blog"]);
    assert!(ok, "{err}");
    assert_eq!(
        report_line(&again, "comments:"),
        format!("comments: {n} read, 0 imported, {n} already imported, 0 skipped")
    );
    assert!(
        report_line(&again, "threads:").contains(", 0 created,"),
        "{again}"
    );
    assert_eq!(export(&s), after, "a re-run adds nothing");
}

#[tokio::test]
async fn broken_files_and_unknown_sites_name_the_problem_and_change_nothing() {
    let s = start_with(Some(SITES), &[]).await;
    let before = export(&s);
    // Truncated right before a comment: the file ends inside open elements.
    let cut_at = WXR
        .match_indices("\t<wp:comment>\n")
        .nth(10)
        .expect("comment")
        .0;
    let truncated = &WXR[..cut_at];
    let truncated_line = truncated.matches('\n').count() + 1;
    // A closing tag misspelt in the middle of the file.
    let target = WXR
        .match_indices("</wp:comment_author>")
        .nth(7)
        .expect("tag")
        .0;
    let malformed = format!(
        "{}</wp:comment_autor>{}",
        &WXR[..target],
        &WXR[target + "</wp:comment_author>".len()..]
    );
    let malformed_line = WXR[..target].matches('\n').count() + 1;
    let half = (0..=WXR.len() / 2)
        .rev()
        .find(|i| WXR.is_char_boundary(*i))
        .expect("boundary");
    let cases = [
        (
            "truncated",
            truncated.to_owned(),
            truncated_line,
            "truncated",
        ),
        ("malformed", malformed, malformed_line, "malformed XML"),
        ("cut anywhere", WXR[..half].to_owned(), 0, ": line "),
    ];
    for (what, text, line, message) in cases {
        let file = s.data_dir.join("broken.xml");
        std::fs::write(&file, text).expect("write");
        let (ok, out, err) = run(
            &s,
            &[
                "import",
                "wordpress",
                file.to_str().expect("path"),
                "--site",
                "blog",
            ],
        );
        assert!(!ok, "{what} was accepted: {out}");
        assert!(
            err.contains(message) && err.contains("nothing was imported"),
            "{what}: {err}"
        );
        if line > 0 {
            assert!(
                err.contains(&format!(": line {line}, column ")),
                "{what}: expected line {line}: {err}"
            );
        }
    }
    let (ok, _, err) = run(
        &s,
        &["import", "wordpress", &fixture(WXR_FILE), "--site", "nope"],
    );
    assert!(!ok && err.contains("unknown site 'nope'"), "{err}");
    let (ok, _, err) = run(
        &s,
        &["import", "disqus", &fixture(WXR_FILE), "--site", "blog"],
    );
    assert!(!ok && err.contains("expected <disqus>"), "{err}");
    assert_eq!(export(&s), before, "the database is unchanged");
}

#[tokio::test]
async fn replies_whose_parent_is_missing_are_kept_top_level_and_reported() {
    let s = start_with(Some(SITES), &[]).await;
    // The real file without "Depth 01.", the top of the deepest chain: its one reply loses
    // its parent.
    let gone = blocks(WXR, "<wp:comment>", "</wp:comment>")
        .into_iter()
        .find(|c| tag(c, "wp:comment_content").starts_with("Depth 01."))
        .expect("comment");
    let text = WXR.replacen(gone, "", 1);
    let file = s.data_dir.join("orphans.xml");
    std::fs::write(&file, &text).expect("write");
    let (threads, expected) = wxr_expected(&text);
    let orphans: Vec<&Expected> = expected
        .iter()
        .filter(|e| {
            e.parent
                .as_ref()
                .is_some_and(|p| !expected.iter().any(|o| &o.key == p))
        })
        .collect();
    assert_eq!(orphans.len(), 1, "{orphans:?}");
    assert!(
        orphans[0]
            .parent
            .as_ref()
            .is_some_and(|p| p.ends_with(&format!(":{}", tag(gone, "wp:comment_id")))),
        "{orphans:?}"
    );
    let orphan = orphans[0].key.clone();
    let (ok, out, err) = run(
        &s,
        &[
            "import",
            "wordpress",
            file.to_str().expect("path"),
            "--site",
            "blog",
            "--map-url",
            MAP,
        ],
    );
    assert!(ok, "kept comments are not failures: {out}{err}");
    assert!(
        out.contains("replies whose parent is missing, kept as top-level comments: 1"),
        "{out}"
    );
    assert!(out.lines().any(|l| l.trim() == orphan), "{out}");
    let dump = export(&s);
    let mut d = dump.clone();
    d["threads"] = dump["threads"]
        .as_array()
        .expect("t")
        .iter()
        .filter(|t| t["site"] == "blog")
        .cloned()
        .collect();
    let ids: Vec<&Value> = d["threads"]
        .as_array()
        .expect("t")
        .iter()
        .map(|t| &t["id"])
        .collect();
    d["comments"] = dump["comments"]
        .as_array()
        .expect("c")
        .iter()
        .filter(|c| ids.contains(&&c["thread"]))
        .cloned()
        .collect();
    check(&d, &threads, &expected, &[&orphan]);
}

#[tokio::test]
async fn disqus_export_is_imported_as_the_file_says() {
    // See the WordPress test: no retention sweep may cut the imported IPs.
    let clock = frozen_clock();
    let s = start_with(Some(SITES), &[("RETORT_CLOCK_FILE", clock_path(&clock))]).await;
    let (threads, expected) = disqus_expected(DISQUS);
    let missing: Vec<&str> = expected
        .iter()
        .filter(|e| {
            e.parent
                .as_ref()
                .is_some_and(|p| !expected.iter().any(|o| &o.key == p))
        })
        .map(|e| e.key.as_str())
        .collect();
    assert_eq!(
        missing.len(),
        1,
        "the fixture has one reply to a missing parent"
    );
    let file = fixture("disqus-export.xml");
    let spam = expected.iter().filter(|e| e.status == "spam").count();
    let ham = expected.iter().filter(|e| e.status == "approved").count();
    let before = export(&s);
    let (ok, dry, err) = run(
        &s,
        &[
            "import",
            "disqus",
            &file,
            "--site",
            "blog",
            "--learn",
            "--dry-run",
        ],
    );
    assert!(ok, "{err}");
    assert_eq!(
        report_line(&dry, "would learn:"),
        format!(
            "would learn: {spam} spam comment and {ham} approved comments for the site's spam filter (dry run: not saved)"
        )
    );
    assert_eq!(export(&s), before, "a dry run writes nothing");
    let (ok, out, err) = run(
        &s,
        &["import", "disqus", &file, "--site", "blog", "--learn"],
    );
    assert!(ok, "{out}{err}");
    assert_eq!(
        report_line(&out, "comments:"),
        format!(
            "comments: {n} read, {n} imported, 0 already imported, 0 skipped",
            n = expected.len()
        )
    );
    assert!(out.contains(&format!("  {}", missing[0])), "{out}");
    assert!(spam > 0 && ham > 0);
    let learned = report_line(&out, "learned:");
    assert!(
        learned.starts_with(&format!("learned: {spam} spam comment"))
            && learned.contains(&format!("{ham} approved comments")),
        "{learned}"
    );
    let (ok, _, err) = run(
        &s,
        &[
            "export",
            "--site",
            "blog",
            "--out",
            s.data_dir.join("d.json").to_str().expect("p"),
        ],
    );
    assert!(ok, "{err}");
    let dump: Value =
        serde_json::from_slice(&std::fs::read(s.data_dir.join("d.json")).expect("read"))
            .expect("json");
    check(&dump, &threads, &expected, &missing);
    assert!(
        dump["threads"]
            .as_array()
            .expect("t")
            .iter()
            .all(|t| t["url"] != "https://fieldnotes.example/2019/06/no-comments-yet/"),
        "threads without posts are not created"
    );
    let ips: Vec<String> = blocks(DISQUS, "<post dsq:id=", "</post>")
        .into_iter()
        .map(|p| tag(p, "ipAddress"))
        .collect();
    assert!(
        dump["comments"]
            .as_array()
            .expect("c")
            .iter()
            .all(|c| ips.contains(&c["ip"].as_str().unwrap_or_default().to_owned())),
        "IPs kept privately"
    );
    // Public: no e-mails, no IPs, the spam and the deleted text hidden.
    let (st, body) = get(
        &s,
        &format!(
            "/api/v1/threads?site=blog&url={}",
            q("https://fieldnotes.example/2019/04/tram-line/")
        ),
    )
    .await;
    assert_eq!(st, 200, "{body}");
    for e in &expected {
        assert!(
            e.email.is_empty() || !body.contains(&e.email),
            "{} published",
            e.email
        );
    }
    for ip in &ips {
        assert!(!body.contains(ip.as_str()), "{ip} published");
    }
    assert!(
        !body.contains("cheap-watches") && !body.contains("wrong article"),
        "{body}"
    );
    assert!(body.contains("page 4"), "{body}");
    // A re-run learns nothing new.
    let (ok, again, _) = run(
        &s,
        &["import", "disqus", &file, "--site", "blog", "--learn"],
    );
    assert!(ok);
    assert_eq!(
        report_line(&again, "learned:"),
        "learned: 0 spam comments and 0 approved comments for the site's spam filter"
    );
}

#[tokio::test]
async fn comments_that_cannot_be_imported_are_reported_and_fail_the_command() {
    let s = start_with(Some(SITES), &[]).await;
    let text = DISQUS.replacen("<thread dsq:id=\"8002\" />", "<thread dsq:id=\"777\" />", 1);
    let file = s.data_dir.join("partial.xml");
    std::fs::write(&file, text).expect("write");
    let (ok, out, err) = run(
        &s,
        &[
            "import",
            "disqus",
            file.to_str().expect("p"),
            "--site",
            "blog",
        ],
    );
    assert!(!ok, "exit status is non-zero: {out}");
    assert!(
        out.contains("not imported: 1")
            && out.contains("disqus:90006: its thread 'disqus-thread:777' is not in the file"),
        "{out}"
    );
    assert!(
        err.contains("1 of 7 comments could not be imported"),
        "{err}"
    );
    let n = disqus_expected(DISQUS).1.len();
    assert_eq!(
        report_line(&out, "comments:"),
        format!(
            "comments: {n} read, {} imported, 0 already imported, 1 skipped",
            n - 1
        )
    );
}

#[tokio::test]
async fn imported_comments_survive_a_json_round_trip() {
    // Both servers' clocks stand at the epoch, so that no retention sweep (one runs at start-up,
    // and may come after an import under load) cuts the imported comments' IPs in one export
    // and not the other.
    let clock_file = tempfile::NamedTempFile::new().expect("clock file");
    std::fs::write(clock_file.path(), "0").expect("write clock");
    let clock = clock_file.path().to_str().expect("path").to_owned();
    let a = start_with(Some(SITES), &[("RETORT_CLOCK_FILE", clock.as_str())]).await;
    let (ok, out, err) = run(
        &a,
        &[
            "import",
            "wordpress",
            &fixture(WXR_FILE),
            "--site",
            "blog",
            "--map-url",
            MAP,
        ],
    );
    assert!(ok, "{out}{err}");
    let (ok, _, err) = run(
        &a,
        &[
            "import",
            "disqus",
            &fixture("disqus-export.xml"),
            "--site",
            "held",
        ],
    );
    assert!(ok, "{err}");
    let dump_a = export(&a);
    assert_eq!(dump_a["version"], 2);

    let b = start_with(
        None,
        &[
            ("RETORT_DEMO", "false"),
            ("RETORT_CLOCK_FILE", clock.as_str()),
        ],
    )
    .await;
    let file = b.data_dir.join("a.json");
    std::fs::write(&file, serde_json::to_vec(&dump_a).expect("json")).expect("write");
    let (ok, out, err) = run(&b, &["import", "json", file.to_str().expect("path")]);
    assert!(ok, "{err}");
    assert!(out.ends_with("(0 already present)\n"), "{out}");
    let dump_b = export(&b);
    assert_eq!(
        dump_b, dump_a,
        "export, import into an empty database, export: identical documents"
    );
    // Import keys came along: importing the WordPress file again adds nothing.
    let (ok, again, err) = run(
        &b,
        &[
            "import",
            "wordpress",
            &fixture(WXR_FILE),
            "--site",
            "blog",
            "--map-url",
            MAP,
        ],
    );
    assert!(ok, "{err}");
    assert!(
        report_line(&again, "comments:").contains(" 0 imported,"),
        "{again}"
    );
    // And so does the JSON file.
    let (ok, out, _) = run(&b, &["import", "json", file.to_str().expect("path")]);
    assert!(ok);
    assert!(
        out.starts_with(&format!(
            "imported 3 sites, {} threads, 0 comments ({} already present)",
            dump_a["threads"].as_array().map_or(0, Vec::len),
            dump_a["comments"].as_array().map_or(0, Vec::len)
        )),
        "{out}"
    );
    assert_eq!(export(&b), dump_a);
}
