//! The admin UI in headless Chromium: log in with the keyboard, approve from the queue, mark
//! spam, run a bulk action, change a site setting, and see each effect on the public thread
//! page. Run with `--features browser-tests`.

use std::time::Duration;

use fantoccini::{Client, Locator};

use crate::admin::{ADMIN_PW, post_comment, start_admin};
use crate::browser::{browser, chromedriver, fill, wait_text};

async fn click(c: &Client, css: &str) {
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
        .expect(css)
        .click()
        .await
        .expect("click");
}

async fn source(c: &Client) -> String {
    c.source().await.expect("source")
}

#[tokio::test]
async fn moderate_from_the_queue_and_change_a_setting_in_the_browser() {
    let s = start_admin().await;
    let url = "https://held.example/browser";
    let (approve, _, tid) = post_comment(&s, "held", url, "Ada", "Please approve me.").await;
    let (spam, _, _) = post_comment(&s, "held", url, "Sam", "Please reject me.").await;
    let (b1, _, _) = post_comment(&s, "held", url, "Bea", "First of the bulk.").await;
    let (b2, _, _) = post_comment(&s, "held", url, "Ben", "Second of the bulk.").await;

    let driver = chromedriver().await;
    let profile = tempfile::tempdir().expect("profile");
    let c = browser(&driver, profile.path()).await;

    // Anonymous: the queue sends us to the login form. Log in with the keyboard only.
    c.goto(&s.at("/admin")).await.expect("goto");
    wait_text(&c, "<h1>Log in</h1>").await;
    fill(&c, "#name", "root").await;
    fill(&c, "#password", &format!("{ADMIN_PW}\u{E007}")).await;
    wait_text(&c, "<h1>Moderation queue</h1>").await;
    for text in [
        "Please approve me.",
        "Please reject me.",
        "First of the bulk.",
        "Second of the bulk.",
    ] {
        wait_text(&c, text).await;
    }

    // Approve one from the queue.
    click(
        &c,
        &format!("button[formaction=\"/admin/comments/{approve}/approve\"]"),
    )
    .await;
    wait_text(&c, "Approved 1 comment.").await;
    assert!(
        !source(&c).await.contains("Please approve me."),
        "left the queue"
    );

    // Mark one as spam.
    click(
        &c,
        &format!("button[formaction=\"/admin/comments/{spam}/spam\"]"),
    )
    .await;
    wait_text(&c, "Marked as spam 1 comment.").await;

    // Bulk: tick two boxes, choose "Approve", apply to the selection.
    click(&c, &format!("#sel-{b1}")).await;
    click(&c, &format!("#sel-{b2}")).await;
    c.find(Locator::Css("#bulk-action"))
        .await
        .expect("bulk action")
        .select_by_value("approve")
        .await
        .expect("select");
    click(&c, "button[name=scope][value=selected]").await;
    wait_text(&c, "Approved 2 comments.").await;

    // The public thread shows the approved ones and not the spam.
    c.goto(&s.at(&format!("/threads/{tid}")))
        .await
        .expect("goto");
    wait_text(&c, "Please approve me.").await;
    wait_text(&c, "First of the bulk.").await;
    wait_text(&c, "Second of the bulk.").await;
    assert!(!source(&c).await.contains("Please reject me."));

    // Change a site setting: the demo site now holds every comment.
    c.goto(&s.at("/admin/sites/demo")).await.expect("goto");
    wait_text(&c, "Settings of demo").await;
    c.find(Locator::Css("#moderation"))
        .await
        .expect("moderation")
        .select_by_value("manual")
        .await
        .expect("select");
    click(&c, "form[action=\"/admin/sites/demo\"] button[type=submit]").await;
    wait_text(&c, "Settings saved.").await;

    // On the public page, a new comment now waits for a moderator.
    c.goto(&s.at("/threads/1")).await.expect("goto");
    wait_text(&c, "Leave a reply").await;
    fill(&c, "#author", "Reader Rita").await;
    fill(&c, "#email", "rita@example.org").await;
    fill(&c, "#text", "Held after the setting changed.").await;
    click(&c, "form button[type=submit]").await;
    wait_text(&c, "Your comment is awaiting moderation.").await;
    c.goto(&s.at("/admin")).await.expect("goto");
    wait_text(&c, "Held after the setting changed.").await;
    c.close().await.expect("close");
}
