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

fn to_ada(smtp: &retort_testkit::SmtpSink) -> Vec<String> {
    smtp.messages()
        .into_iter()
        .filter(|m| m.contains("To: ada@example.org"))
        .collect()
}

fn link_in(mail: &str, base: &str) -> String {
    let start = mail
        .find(&format!("{base}/replies/"))
        .expect("link in mail");
    mail[start..]
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '>')
        .collect()
}

async fn reply(
    s: &retort_testkit::Server,
    parent: i64,
    author: &str,
    email: &str,
    text: &str,
) -> i64 {
    let (st, body) = crate::post_json(
        s,
        serde_json::json!({"site": "held", "url": "https://held.example/r", "author": author,
                           "email": email, "text": text, "parent": parent}),
    )
    .await;
    assert_eq!(st, 201, "{body}");
    body["comment"]["id"].as_i64().expect("id")
}

#[tokio::test]
async fn reply_notifications_need_confirmation_wait_for_approval_and_can_be_stopped() {
    let mut smtp = retort_testkit::SmtpSink::start().await.expect("aiosmtpd");
    let env = smtp.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let s = start_with(Some(SITES), &env).await;
    let (ok, out) = create_user_with_email(&s, "root", "admin", &[], ADMIN_PW, "").await;
    assert!(ok, "{out}");
    let admin = crate::admin::login(&s, "root", ADMIN_PW).await;

    // The form offers the box once mail is configured.
    let (_, page) = crate::admin::get(&s, &None, "/threads/1").await;
    assert!(page.contains("name=\"notify\""), "{page}");

    // Ada asks for replies: a confirmation link is mailed; nothing else yet.
    let (st, body) = crate::post_json(
        &s,
        serde_json::json!({"site": "held", "url": "https://held.example/r", "title": "Reply test",
                           "author": "Ada", "email": "ada@example.org", "text": "Tell me about replies.",
                           "notify_replies": true}),
    )
    .await;
    assert_eq!(st, 201, "{body}");
    let ada = body["comment"]["id"].as_i64().expect("id");
    let mails = smtp.wait_for(1, 15).await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert!(
        mails[0].contains("To: ada@example.org") && mails[0].contains("Subject: Please confirm"),
        "{}",
        mails[0]
    );
    let confirm = link_in(&mails[0], &s.url);
    assert!(
        confirm.contains(&format!("/replies/{ada}/confirm/")),
        "{confirm}"
    );
    assert_eq!(
        crate::admin::post(&s, &admin, &format!("/admin/comments/{ada}/approve"), &[])
            .await
            .0,
        303
    );

    // A reply before confirmation: no mail. A forged link does nothing.
    let bob = reply(&s, ada, "Bob", "bob@example.org", "Bob's early answer.").await;
    assert_eq!(
        crate::admin::post(&s, &admin, &format!("/admin/comments/{bob}/approve"), &[])
            .await
            .0,
        303
    );
    // Change the signature's last character (to a different one).
    let last = if confirm.ends_with('0') { '1' } else { '0' };
    let forged = format!("{}{last}", &confirm[..confirm.len() - 1]);
    let r = crate::http().post(&forged).send().await.expect("post");
    assert_eq!(r.status().as_u16(), 404);
    let r = crate::http()
        .post(confirm.replace(&format!("/{ada}/"), &format!("/{bob}/")))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 404, "a signature is for one comment");
    // Opening the link only shows a button (mail scanners confirm nothing).
    let r = crate::http().get(&confirm).send().await.expect("get");
    assert_eq!(r.status().as_u16(), 200);
    assert!(
        r.text()
            .await
            .expect("text")
            .contains("Yes, tell me about replies")
    );
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(to_ada(&smtp).len(), 1, "nothing before confirmation");

    // Confirm: the approved reply is announced, once.
    let r = crate::http().post(&confirm).send().await.expect("post");
    assert_eq!(r.status().as_u16(), 200);
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    while to_ada(&smtp).len() < 2 {
        assert!(
            std::time::Instant::now() < deadline,
            "{:?}",
            smtp.messages()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // A held reply is not announced until it is approved; then exactly once.
    let cy = reply(&s, ada, "Cy", "cy@example.org", "Cy's held answer.").await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(
        to_ada(&smtp).len(),
        2,
        "no mail for a reply awaiting moderation"
    );
    assert_eq!(
        crate::admin::post(&s, &admin, &format!("/admin/comments/{cy}/approve"), &[])
            .await
            .0,
        303
    );
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    while to_ada(&smtp).len() < 3 {
        assert!(
            std::time::Instant::now() < deadline,
            "{:?}",
            smtp.messages()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Ada's own reply is not announced to her.
    let own = reply(&s, ada, "Ada", "ada@example.org", "Replying to myself.").await;
    assert_eq!(
        crate::admin::post(&s, &admin, &format!("/admin/comments/{own}/approve"), &[])
            .await
            .0,
        303
    );
    tokio::time::sleep(Duration::from_secs(3)).await;
    let mails = to_ada(&smtp);
    assert_eq!(
        mails.len(),
        3,
        "one mail per approved reply, none for her own: {mails:?}"
    );
    assert_eq!(
        mails
            .iter()
            .filter(|m| m.contains("Bob's early answer.") || m.contains("Bob&#39;s early"))
            .count(),
        1
    );
    let cy_mail = mails
        .iter()
        .find(|m| m.contains("Cy's held answer."))
        .expect("Cy's reply mailed");
    assert!(
        cy_mail.contains("Subject: New reply to your comment on \"Reply test\""),
        "{cy_mail}"
    );
    assert!(
        cy_mail.contains(&format!("{}/threads/", s.url))
            && cy_mail.contains(&format!("#comment-{cy}"))
    );
    assert!(
        cy_mail.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
        "{cy_mail}"
    );
    let unsubscribe = link_in(
        &cy_mail[cy_mail.find("List-Unsubscribe:").expect("header")..],
        &s.url,
    );
    assert!(
        unsubscribe.contains(&format!("/replies/{ada}/unsubscribe/")),
        "{unsubscribe}"
    );
    assert!(
        cy_mail.contains(&format!("open: {unsubscribe}")),
        "the link is in the text too"
    );
    assert!(
        !cy_mail.contains("cy@example.org"),
        "the replier's address is not mailed"
    );

    // The SMTP server is down while a reply is approved: the mail arrives once it is back.
    smtp.stop().await.expect("stop");
    let dee = reply(
        &s,
        ada,
        "Dee",
        "dee@example.org",
        "Dee's answer during the outage.",
    )
    .await;
    assert_eq!(
        crate::admin::post(&s, &admin, &format!("/admin/comments/{dee}/approve"), &[])
            .await
            .0,
        303
    );
    tokio::time::sleep(Duration::from_secs(4)).await;
    smtp.resume().await.expect("resume");
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while !to_ada(&smtp)
        .iter()
        .any(|m| m.contains("Dee's answer during the outage."))
    {
        assert!(
            std::time::Instant::now() < deadline,
            "{:?}",
            smtp.messages()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    // One click (RFC 8058 POST) ends it; later replies are not mailed.
    let r = crate::http()
        .post(&unsubscribe)
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 200);
    assert!(r.text().await.expect("text").contains("no more email"));
    let eve = reply(&s, ada, "Eve", "eve@example.org", "Eve's late answer.").await;
    assert_eq!(
        crate::admin::post(&s, &admin, &format!("/admin/comments/{eve}/approve"), &[])
            .await
            .0,
        303
    );
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(
        !to_ada(&smtp)
            .iter()
            .any(|m| m.contains("Eve's late answer."))
    );
    assert_eq!(to_ada(&smtp).len(), 4);
}
