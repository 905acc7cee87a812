//! `retort export` / `retort import json`: a lossless JSON round trip between two servers (on
//! SQLite, or on two fresh PostgreSQL databases when `DATABASE_URL` is set), and bad files.

use serde_json::Value;

use crate::{DEMO_URL, SITES, bin, comment, http, post_json, start_with};

pub(crate) fn cli(s: &retort_testkit::Server, args: &[&str]) -> std::process::Output {
    let mut cmd = std::process::Command::new(bin());
    cmd.args(args).arg("--data-dir").arg(&s.data_dir);
    if let Some(db) = &s.database_url {
        cmd.args(["--database-url", db]);
    }
    cmd.output().expect("run retort")
}

pub(crate) fn export(s: &retort_testkit::Server) -> Value {
    let out = cli(s, &["export"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("export is JSON")
}

/// An export with file-local ids replaced by stable keys, for comparing two instances.
fn normalised(dump: &Value) -> Vec<Value> {
    let threads: std::collections::HashMap<i64, String> = dump["threads"]
        .as_array()
        .expect("threads")
        .iter()
        .map(|t| {
            (
                t["id"].as_i64().expect("id"),
                format!("{} {}", t["site"], t["url"]),
            )
        })
        .collect();
    let numbers: std::collections::HashMap<i64, Value> = dump["comments"]
        .as_array()
        .expect("comments")
        .iter()
        .map(|c| (c["id"].as_i64().expect("id"), c["created_at"].clone()))
        .collect();
    let mut out: Vec<Value> = dump["comments"]
        .as_array()
        .expect("comments")
        .iter()
        .map(|c| {
            let mut c = c.clone();
            c["thread"] = threads[&c["thread"].as_i64().expect("thread")]
                .clone()
                .into();
            c["parent"] = c["parent"]
                .as_i64()
                .map(|p| numbers[&p].clone())
                .unwrap_or(Value::Null);
            c.as_object_mut().expect("object").remove("id");
            c
        })
        .collect();
    out.sort_by_key(|c| c.to_string());
    out
}

#[tokio::test]
async fn export_then_import_reproduces_every_thread_and_comment() {
    let a = start_with(Some(SITES), &[]).await;
    let (_, first) = post_json(
        &a,
        comment(
            "blog",
            "https://blog.example/one",
            "Ann",
            "First, with *style*.",
        ),
    )
    .await;
    let mut reply = comment("blog", "https://blog.example/one", "Ben", "A reply.");
    reply["parent"] = first["comment"]["id"].clone();
    assert_eq!(post_json(&a, reply).await.0, 201);
    assert_eq!(
        post_json(
            &a,
            comment("held", "https://held.example/two", "Kim", "Waiting.")
        )
        .await
        .0,
        201
    );
    let (_, gone) = post_json(
        &a,
        comment("blog", "https://blog.example/one", "Del", "To be deleted."),
    )
    .await;
    let r = http()
        .delete(a.at(&format!("/api/v1/comments/{}", gone["comment"]["id"])))
        .header(
            "X-Retort-Edit-Token",
            gone["edit_token"].as_str().expect("token"),
        )
        .send()
        .await
        .expect("delete");
    assert_eq!(r.status().as_u16(), 200);
    let dump_a = export(&a);
    assert_eq!(dump_a["format"], "retort-export");
    assert_eq!(
        dump_a["comments"].as_array().map(Vec::len),
        Some(8),
        "4 demo comments + 4 posted"
    );

    let b = start_with(None, &[("RETORT_DEMO", "false")]).await;
    let file = b.data_dir.join("a.json");
    std::fs::write(&file, serde_json::to_vec(&dump_a).expect("json")).expect("write");
    let out = cli(&b, &["import", "json", file.to_str().expect("path")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "imported 3 sites, 3 threads, 8 comments (0 already present)"
    );
    assert_eq!(
        normalised(&export(&b)),
        normalised(&dump_a),
        "every field of every comment survives"
    );
    for (site, url) in [("demo", DEMO_URL), ("blog", "https://blog.example/one")] {
        let q = format!(
            "/api/v1/threads?site={site}&url={}",
            url.replace(':', "%3A").replace('/', "%2F")
        );
        let ta: Value = http()
            .get(a.at(&q))
            .send()
            .await
            .expect("a")
            .json()
            .await
            .expect("json");
        let tb: Value = http()
            .get(b.at(&q))
            .send()
            .await
            .expect("b")
            .json()
            .await
            .expect("json");
        let strip = |v: &Value| v.to_string().split("\"id\":").count();
        assert_eq!(ta["thread"]["comments"], tb["thread"]["comments"], "{site}");
        assert_eq!(strip(&ta), strip(&tb), "same shape for {site}");
        assert_eq!(ta["comments"][0]["html"], tb["comments"][0]["html"]);
        assert_eq!(
            ta["comments"][0]["replies"].as_array().map(Vec::len),
            tb["comments"][0]["replies"].as_array().map(Vec::len)
        );
    }
    // A new comment on the imported thread continues its numbering.
    let (_, next) = post_json(
        &b,
        comment("blog", "https://blog.example/one", "New", "After the move."),
    )
    .await;
    assert_eq!(
        next["comment"]["number"], 4,
        "numbers 1-3 came with the import (the deleted one kept its number)"
    );
}

#[tokio::test]
async fn bad_files_are_refused_and_change_nothing() {
    let s = start_with(None, &[]).await;
    let before = export(&s);
    let good = serde_json::to_string(&before).expect("json");
    let cases: Vec<(&str, String, &str)> = vec![
        ("truncated", good[..good.len() / 2].to_owned(), "line 1"),
        ("not an export", "{\"format\": \"other\", \"version\": 1, \"sites\": [], \"threads\": [], \"comments\": []}".into(), "not a Retort export"),
        ("future version", good.replace("\"version\":2", "\"version\":9"), "unsupported export version"),
        ("unknown kind", good.replacen("\"kind\":\"comment\"", "\"kind\":\"tweet\"", 1), "unknown kind 'tweet'"),
        ("dangling thread", good.replacen("\"thread\":1", "\"thread\":777", 1), "unknown thread 777"),
    ];
    for (what, text, message) in cases {
        let file = s.data_dir.join("bad.json");
        std::fs::write(&file, text).expect("write");
        let out = cli(&s, &["import", "json", file.to_str().expect("path")]);
        assert!(!out.status.success(), "{what} was accepted");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message), "{what}: {err}");
    }
    assert_eq!(export(&s), before, "the database is unchanged");
}
