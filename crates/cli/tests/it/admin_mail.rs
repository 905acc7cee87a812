//! Mail to staff about held comments, through a real SMTP server on loopback (`aiosmtpd`):
//! each staff member with an address hears about the held comments of the sites they
//! moderate, once. Run with `--features mail-tests`.

use std::time::Duration;

use crate::admin::{ADMIN_PW, MOD_PW, create_user_with_email, post_comment};
use crate::{SITES, start_with};

#[tokio::test]
async fn staff_are_told_once_of_held_comments_on_their_sites() {
    let smtp = retort_testkit::SmtpSink::start().await.expect("aiosmtpd");
    let mut env = smtp.env();
    env.push(("RETORT_ADMIN__NOTIFY_EVERY_SECS".into(), "1".into()));
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let s = start_with(Some(SITES), &env).await;
    for (name, role, sites, pw, email) in [
        ("root", "admin", vec![], ADMIN_PW, "root@staff.example"),
        (
            "mia",
            "moderator",
            vec!["blog"],
            MOD_PW,
            "mia@staff.example",
        ),
        (
            "hana",
            "moderator",
            vec!["held"],
            MOD_PW,
            "hana@staff.example",
        ),
        ("quiet", "moderator", vec!["held"], MOD_PW, ""),
    ] {
        let (ok, out) = create_user_with_email(&s, name, role, &sites, pw, email).await;
        assert!(ok, "{out}");
    }
    let (a, st, _) = post_comment(
        &s,
        "held",
        "https://held.example/n",
        "Ada",
        "Waiting words one.",
    )
    .await;
    assert_eq!(st, "pending");
    let (b, _, _) = post_comment(
        &s,
        "held",
        "https://held.example/n",
        "Bea",
        "Waiting words two.",
    )
    .await;
    let (_, st, _) = post_comment(
        &s,
        "blog",
        "https://blog.example/n",
        "Cy",
        "Published at once.",
    )
    .await;
    assert_eq!(st, "approved");

    // Root (all sites) and Hana (held) are told; Mia (blog only) and Quiet (no address) not.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let told = |who: &str, id: i64| {
        let link = format!("{}/admin/comments/{id}", s.url);
        let to = format!("To: {who}@staff.example");
        smtp.messages()
            .iter()
            .filter(|m| m.contains(&to) && m.contains(&link))
            .count()
    };
    while [
        told("root", a),
        told("root", b),
        told("hana", a),
        told("hana", b),
    ]
    .contains(&0)
    {
        assert!(
            std::time::Instant::now() < deadline,
            "notices: {:?}",
            smtp.messages()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Later runs do not repeat them.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let mails = smtp.messages();
    for (who, id) in [("root", a), ("root", b), ("hana", a), ("hana", b)] {
        assert_eq!(told(who, id), 1, "{who} told once of {id}: {mails:?}");
    }
    assert!(
        mails.iter().all(|m| !m.contains("mia@staff.example")),
        "{mails:?}"
    );
    assert_eq!(mails.len(), smtp.messages().len());
    let one = mails
        .iter()
        .find(|m| m.contains("To: hana@staff.example"))
        .expect("mail");
    assert!(one.contains("waiting for moderation"), "{one}");
    assert!(
        one.contains("Ada on \"An article\" (held)")
            || one.contains("Bea on \"An article\" (held)"),
        "{one}"
    );
    assert!(
        !one.contains("@example.org"),
        "commenters' addresses are not mailed: {one}"
    );
    assert!(!one.contains("Published at once."));
}
