//! Compatibility with a real third-party Akismet client: the `akismet` package from PyPI,
//! installed by `scripts/test.sh` into `target/test-venv` (or `RETORT_TEST_PYTHON`). Run with
//! `--features compat-tests`.

use crate::akismet::create_key;
use crate::start;

fn python() -> std::path::PathBuf {
    if let Ok(p) = std::env::var("RETORT_TEST_PYTHON") {
        return p.into();
    }
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/test-venv/bin/python")
}

#[tokio::test]
async fn python_akismet_client_works_unchanged() {
    let s = start().await;
    let key = create_key(&s, "https://blog.example");
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/compat/akismet_client.py");
    let out = tokio::process::Command::new(python())
        .arg(script)
        .args([s.url.as_str(), key.as_str(), "https://blog.example"])
        .output()
        .await
        .expect("python from target/test-venv (scripts/test.sh installs it)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("all checks passed"), "{stdout}");
}
