//! A comment acknowledged with a 2xx survives SIGKILL.

use std::sync::{Arc, Mutex};

use crate::{DEMO_URL, comment, http, start};

#[tokio::test]
async fn acknowledged_comments_survive_sigkill() {
    let mut s = start().await;
    let acked: Arc<Mutex<Vec<i64>>> = Arc::default();
    let mut tasks = Vec::new();
    for w in 0..8 {
        let url = s.at("/api/v1/comments");
        let acked = acked.clone();
        tasks.push(tokio::spawn(async move {
            for i in 0..1000 {
                let r = http()
                    .post(&url)
                    .json(&comment("demo", DEMO_URL, &format!("W{w} {i}"), "durable?"))
                    .send()
                    .await;
                match r {
                    Ok(r) if r.status().as_u16() == 201 => {
                        let Ok(body) = r.json::<serde_json::Value>().await else {
                            break;
                        };
                        if let Some(id) = body["comment"]["id"].as_i64() {
                            acked.lock().expect("lock").push(id);
                        }
                    }
                    _ => break,
                }
            }
        }));
    }
    // Kill in the middle of the writes.
    loop {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        if acked.lock().expect("lock").len() >= 40 {
            break;
        }
    }
    s.kill().await.expect("kill -9");
    for t in tasks {
        t.await.expect("join");
    }
    let acked = acked.lock().expect("lock").clone();
    assert!(acked.len() >= 40);
    s.restart().await.expect("restart");
    let tree: serde_json::Value = http()
        .get(s.at("/api/v1/threads?site=demo&url=https%3A%2F%2Fdemo.retort.invalid%2Farticles%2Fwelcome-to-retort"))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    let mut stored = std::collections::HashSet::new();
    fn walk(v: &serde_json::Value, out: &mut std::collections::HashSet<i64>) {
        for c in v.as_array().into_iter().flatten() {
            if let Some(id) = c["id"].as_i64() {
                out.insert(id);
            }
            walk(&c["replies"], out);
        }
    }
    walk(&tree["comments"], &mut stored);
    let lost: Vec<_> = acked.iter().filter(|id| !stored.contains(id)).collect();
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged comments lost: {lost:?}",
        lost.len(),
        acked.len()
    );
}
