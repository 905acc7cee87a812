//! The command line: configuration errors, graceful shutdown.

use std::process::Command;

use crate::{bin, start};

#[test]
fn invalid_configuration_exits_2_with_one_line() {
    let dir = tempfile::tempdir().expect("tmp");
    let cfg = dir.path().join("retort.toml");
    std::fs::write(&cfg, "listen = 12\n").expect("write");
    let out = Command::new(bin())
        .args(["serve", "--config"])
        .arg(&cfg)
        .arg("--data-dir")
        .arg(dir.path())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("invalid configuration"), "{err}");

    let out = Command::new(bin())
        .args(["serve", "--listen", "not-an-address", "--data-dir"])
        .arg(dir.path())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("listen"));

    let out = Command::new(bin())
        .args(["serve", "--data-dir"])
        .arg(dir.path())
        .env("RETORT_RATE_LIMIT__BURST", "lots")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "bad environment override");

    std::fs::write(
        &cfg,
        "[[sites]]\nname = \"b\"\norigins = [\"https://b.example/path\"]\n",
    )
    .expect("write");
    let out = Command::new(bin())
        .args(["check-config", "--config"])
        .arg(&cfg)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("origin"));

    let out = Command::new(bin())
        .args(["example-config"])
        .output()
        .expect("run");
    assert!(out.status.success());
    std::fs::write(&cfg, &out.stdout).expect("write");
    let out = Command::new(bin())
        .args(["check-config", "--config"])
        .arg(&cfg)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "the example configuration is valid: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test]
async fn sigterm_shuts_down_gracefully() {
    let mut s = start().await;
    let st = crate::http()
        .get(s.at("/healthz"))
        .send()
        .await
        .expect("health")
        .status()
        .as_u16();
    assert_eq!(st, 200);
    let status = s.terminate().await.expect("terminate");
    assert!(status.success(), "exit status {status:?}");
}
