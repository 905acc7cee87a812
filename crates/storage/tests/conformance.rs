//! Backend conformance suite: every test runs against SQLite (a real file in a temporary
//! directory) and, when `DATABASE_URL` is set, against a fresh PostgreSQL database.

use std::sync::Arc;

use retort_domain::comment::{NewComment, Status};
use retort_domain::site::{Moderation, SiteSpec};
use retort_domain::store::Store;
use retort_storage::Backend;

struct Fixture {
    store: Arc<dyn Store>,
    _tmp: tempfile::TempDir,
}

async fn backends() -> Vec<(&'static str, Fixture)> {
    let mut out = Vec::new();
    let tmp = tempfile::tempdir().expect("tempdir");
    let store = retort_storage::open(&Backend::Sqlite(tmp.path().join("retort.db")))
        .await
        .expect("open sqlite");
    out.push(("sqlite", Fixture { store, _tmp: tmp }));
    if let retort_testkit::Backend::Postgres(base) = retort_testkit::Backend::from_env() {
        let url = retort_testkit::fresh_postgres(&base)
            .await
            .expect("fresh postgres database");
        let store = retort_storage::open(&Backend::Postgres(url))
            .await
            .expect("open postgres");
        out.push((
            "postgres",
            Fixture {
                store,
                _tmp: tempfile::tempdir().expect("tempdir"),
            },
        ));
    }
    out
}

fn site(name: &str) -> SiteSpec {
    SiteSpec {
        name: name.into(),
        title: "T".into(),
        origins: vec!["https://blog.example".into()],
        lang: "en".into(),
        moderation: Moderation::Auto,
        erasure: Default::default(),
    }
}

fn new_comment(thread_id: i64, parent: Option<i64>, status: Status, email: &str) -> NewComment {
    NewComment {
        thread_id,
        parent_id: parent,
        author: "Ada".into(),
        email: email.into(),
        website: String::new(),
        body_md: "hi".into(),
        body_html: "<p>hi</p>".into(),
        status,
        created_at: 1_000,
        ip: Some("192.0.2.1".into()),
        user_agent: Some("UA".into()),
        referrer: None,
        spam_score: 0.25,
        spam_reasons: vec!["a reason".into()],
        edit_token_hash: "abc".into(),
    }
}

#[tokio::test]
async fn sites_upsert_and_read_back() {
    for (name, f) in backends().await {
        let s = f.store.upsert_site(&site("blog")).await.expect(name);
        assert_eq!(s.origins, vec!["https://blog.example".to_owned()], "{name}");
        let mut spec = site("blog");
        spec.moderation = Moderation::Manual;
        let s2 = f.store.upsert_site(&spec).await.expect(name);
        assert_eq!(s2.id, s.id, "{name}: same site");
        assert_eq!(s2.moderation, Moderation::Manual, "{name}");
        assert_eq!(
            f.store.site_by_name("blog").await.expect(name),
            Some(s2.clone()),
            "{name}"
        );
        assert_eq!(f.store.site(s2.id).await.expect(name), Some(s2), "{name}");
        assert_eq!(
            f.store.site_by_name("nope").await.expect(name),
            None,
            "{name}"
        );
        assert_eq!(f.store.sites().await.expect(name).len(), 1, "{name}");
    }
}

#[tokio::test]
async fn threads_are_unique_per_site_and_url() {
    for (name, f) in backends().await {
        let s = f.store.upsert_site(&site("blog")).await.expect(name);
        let t1 = f
            .store
            .ensure_thread(s.id, "https://blog.example/a", "A", 5)
            .await
            .expect(name);
        let t2 = f
            .store
            .ensure_thread(s.id, "https://blog.example/a", "Other title", 6)
            .await
            .expect(name);
        assert_eq!(t1, t2, "{name}: second call returns the first thread");
        assert_eq!(t1.title, "A", "{name}");
        assert_eq!(
            f.store.thread(t1.id).await.expect(name),
            Some(t1.clone()),
            "{name}"
        );
        assert_eq!(
            f.store
                .thread_by_url(s.id, "https://blog.example/b")
                .await
                .expect(name),
            None,
            "{name}"
        );
        let list = f.store.threads().await.expect(name);
        assert_eq!(list.len(), 1, "{name}");
        assert_eq!(list[0].site_name, "blog", "{name}");
    }
}

#[tokio::test]
async fn comments_round_trip_and_number_on_publication() {
    for (name, f) in backends().await {
        let s = f.store.upsert_site(&site("blog")).await.expect(name);
        let t = f
            .store
            .ensure_thread(s.id, "https://blog.example/a", "A", 5)
            .await
            .expect(name);
        let c1 = f
            .store
            .insert_comment(&new_comment(t.id, None, Status::Approved, "a@x.org"))
            .await
            .expect(name);
        assert_eq!(c1.number, Some(1), "{name}");
        assert_eq!(c1.spam_reasons, vec!["a reason".to_owned()], "{name}");
        assert_eq!(c1.ip.as_deref(), Some("192.0.2.1"), "{name}");
        let held = f
            .store
            .insert_comment(&new_comment(t.id, Some(c1.id), Status::Pending, "b@x.org"))
            .await
            .expect(name);
        assert_eq!(
            held.number, None,
            "{name}: held comments have no number yet"
        );
        let c3 = f
            .store
            .insert_comment(&new_comment(t.id, None, Status::Approved, "a@x.org"))
            .await
            .expect(name);
        assert_eq!(c3.number, Some(2), "{name}");
        let approved = f
            .store
            .set_status(held.id, Status::Approved)
            .await
            .expect(name);
        assert_eq!(approved.number, Some(3), "{name}: numbered when published");
        let again = f
            .store
            .set_status(held.id, Status::Approved)
            .await
            .expect(name);
        assert_eq!(again.number, Some(3), "{name}: number is stable");
        let all = f.store.comments(t.id).await.expect(name);
        assert_eq!(
            all.iter().map(|c| c.id).collect::<Vec<_>>(),
            vec![c1.id, held.id, c3.id],
            "{name}"
        );
        assert_eq!(all[1].parent_id, Some(c1.id), "{name}");
        assert_eq!(
            f.store
                .approved_by_email(s.id, "a@x.org")
                .await
                .expect(name),
            2,
            "{name}"
        );
        let counts = f
            .store
            .counts(
                s.id,
                &[
                    "https://blog.example/a".into(),
                    "https://blog.example/zzz".into(),
                ],
            )
            .await
            .expect(name);
        assert_eq!(
            counts,
            vec![("https://blog.example/a".to_owned(), 3)],
            "{name}"
        );
        let edited = f
            .store
            .update_body(c1.id, "new", "<p>new</p>", 9)
            .await
            .expect(name);
        assert_eq!(
            (edited.body_md.as_str(), edited.edited_at),
            ("new", Some(9)),
            "{name}"
        );
        assert!(
            f.store.update_body(999_999, "x", "x", 9).await.is_err(),
            "{name}"
        );
        assert!(
            f.store.set_status(999_999, Status::Spam).await.is_err(),
            "{name}"
        );
        assert_eq!(f.store.comment(999_999).await.expect(name), None, "{name}");
    }
}

#[tokio::test]
async fn concurrent_inserts_get_distinct_numbers() {
    for (name, f) in backends().await {
        let s = f.store.upsert_site(&site("blog")).await.expect(name);
        let t = f
            .store
            .ensure_thread(s.id, "https://blog.example/a", "A", 5)
            .await
            .expect(name);
        let mut tasks = Vec::new();
        for i in 0..20 {
            let store = f.store.clone();
            tasks.push(tokio::spawn(async move {
                store
                    .insert_comment(&new_comment(
                        t.id,
                        None,
                        Status::Approved,
                        &format!("{i}@x.org"),
                    ))
                    .await
            }));
        }
        let mut numbers = Vec::new();
        for task in tasks {
            numbers.push(
                task.await
                    .expect("join")
                    .expect(name)
                    .number
                    .expect("numbered"),
            );
        }
        numbers.sort_unstable();
        assert_eq!(numbers, (1..=20).collect::<Vec<_>>(), "{name}");
    }
}

#[tokio::test]
async fn retention_truncates_then_removes_client_data_of_old_comments_only() {
    for (name, f) in backends().await {
        let s = f.store.upsert_site(&site("blog")).await.expect(name);
        let t = f
            .store
            .ensure_thread(s.id, "https://blog.example/a", "A", 5)
            .await
            .expect(name);
        let old = f
            .store
            .insert_comment(&new_comment(t.id, None, Status::Approved, "a@x.org"))
            .await
            .expect(name);
        let mut v6 = new_comment(t.id, None, Status::Approved, "b@x.org");
        v6.ip = Some("2001:db8:aa:bb::1".into());
        let v6 = f.store.insert_comment(&v6).await.expect(name);
        let mut young = new_comment(t.id, None, Status::Approved, "a@x.org");
        young.created_at = 50_000;
        let young = f.store.insert_comment(&young).await.expect(name);
        let get = |id: i64| {
            let store = f.store.clone();
            async move { store.comment(id).await.expect("read").expect("exists") }
        };
        assert_eq!(f.store.truncate_ips(10_000).await.expect(name), 2, "{name}");
        assert_eq!(
            get(old.id).await.ip.as_deref(),
            Some("192.0.2.0/24"),
            "{name}"
        );
        assert_eq!(
            get(v6.id).await.ip.as_deref(),
            Some("2001:db8:aa::/48"),
            "{name}"
        );
        assert_eq!(
            get(young.id).await.ip.as_deref(),
            Some("192.0.2.1"),
            "{name}"
        );
        // Already truncated values are left alone.
        assert_eq!(f.store.truncate_ips(10_000).await.expect(name), 0, "{name}");
        assert_eq!(f.store.erase_agents(10_000).await.expect(name), 2, "{name}");
        assert_eq!(get(old.id).await.user_agent, None, "{name}");
        assert_eq!(
            get(young.id).await.user_agent.as_deref(),
            Some("UA"),
            "{name}"
        );
        assert_eq!(f.store.erase_ips(10_000).await.expect(name), 2, "{name}");
        assert_eq!(get(old.id).await.ip, None, "{name}");
        assert!(get(young.id).await.ip.is_some(), "{name}");
    }
}

#[tokio::test]
async fn erasure_follows_each_sites_policy_and_touches_nobody_else() {
    for (name, f) in backends().await {
        let anon = f.store.upsert_site(&site("anon")).await.expect(name);
        let mut del = site("del");
        del.erasure = retort_domain::site::Erasure::Delete;
        let del = f.store.upsert_site(&del).await.expect(name);
        let ta = f
            .store
            .ensure_thread(anon.id, "https://blog.example/a", "A", 5)
            .await
            .expect(name);
        let td = f
            .store
            .ensure_thread(del.id, "https://blog.example/d", "D", 5)
            .await
            .expect(name);
        let a = f
            .store
            .insert_comment(&new_comment(ta.id, None, Status::Approved, "Gone@X.org"))
            .await
            .expect(name);
        let d = f
            .store
            .insert_comment(&new_comment(td.id, None, Status::Approved, "gone@x.org"))
            .await
            .expect(name);
        let other = f
            .store
            .insert_comment(&new_comment(td.id, None, Status::Approved, "stay@x.org"))
            .await
            .expect(name);
        assert_eq!(
            f.store
                .comments_by_email("gone@x.org")
                .await
                .expect(name)
                .len(),
            2,
            "{name}"
        );
        f.store
            .enqueue_mail(&retort_domain::mail::NewMail {
                to: "gone@x.org".into(),
                subject: "s".into(),
                body: "b".into(),
                headers: vec![],
                created_at: 1,
            })
            .await
            .expect(name);
        f.store
            .create_privacy_link("h1", "gone@x.org", 1, 100)
            .await
            .expect(name);
        let e = f.store.erase_author("gone@x.org", 7).await.expect(name);
        assert_eq!(
            (e.anonymised, e.deleted, e.mails_dropped),
            (1, 1, 1),
            "{name}"
        );
        assert_eq!(e.threads, vec![ta.id, td.id], "{name}");
        let a = f.store.comment(a.id).await.expect(name).expect("kept");
        assert_eq!(
            (a.author.as_str(), a.email.as_str(), a.ip.as_deref()),
            ("Anonymous", "", None),
            "{name}"
        );
        assert_eq!(a.body_md, "hi", "{name}");
        let d = f.store.comment(d.id).await.expect(name).expect("kept");
        assert_eq!(
            (d.author.as_str(), d.body_md.as_str(), d.status),
            ("", "", Status::Deleted),
            "{name}"
        );
        let other = f.store.comment(other.id).await.expect(name).expect("kept");
        assert_eq!(
            (other.author.as_str(), other.email.as_str()),
            ("Ada", "stay@x.org"),
            "{name}"
        );
        assert!(
            f.store
                .comments_by_email("gone@x.org")
                .await
                .expect(name)
                .is_empty(),
            "{name}"
        );
        let link = f.store.privacy_link("h1").await.expect(name).expect("kept");
        assert_eq!((link.email.as_str(), link.used_at), ("", Some(7)), "{name}");
        assert_eq!(
            f.store.purge_privacy_links(101).await.expect(name),
            1,
            "{name}"
        );
    }
}

#[tokio::test]
async fn mail_is_claimed_once_retried_and_removed_when_sent() {
    for (name, f) in backends().await {
        let id = f
            .store
            .enqueue_mail(&retort_domain::mail::NewMail {
                to: "r@x.org".into(),
                subject: "Hello".into(),
                body: "Body".into(),
                headers: vec![("List-Unsubscribe".into(), "<https://x/u>".into())],
                created_at: 1_000,
            })
            .await
            .expect(name);
        assert!(
            f.store
                .claim_mail(999, 60_000, 10)
                .await
                .expect(name)
                .is_empty(),
            "{name}"
        );
        let got = f.store.claim_mail(1_000, 60_000, 10).await.expect(name);
        assert_eq!(got.len(), 1, "{name}");
        assert_eq!(got[0].headers[0].0, "List-Unsubscribe", "{name}");
        // Leased: nobody else gets it meanwhile.
        assert!(
            f.store
                .claim_mail(2_000, 60_000, 10)
                .await
                .expect(name)
                .is_empty(),
            "{name}"
        );
        f.store.mail_failed(id, 5_000, "refused").await.expect(name);
        let again = f.store.claim_mail(5_000, 60_000, 10).await.expect(name);
        assert_eq!(again[0].attempts, 1, "{name}");
        f.store.mail_sent(id).await.expect(name);
        assert_eq!(f.store.queued_mail().await.expect(name), 0, "{name}");
        f.store
            .append_audit(&retort_domain::audit::NewAuditEntry {
                at: 3,
                actor: "cli".into(),
                action: "privacy.export".into(),
                site_id: None,
                subject: "email:abc".into(),
                details: "2 comments".into(),
            })
            .await
            .expect(name);
        let log = f.store.audit_log(10).await.expect(name);
        assert_eq!(
            (log.len(), log[0].action.as_str()),
            (1, "privacy.export"),
            "{name}"
        );
    }
}

#[tokio::test]
async fn settings_are_set_once() {
    for (name, f) in backends().await {
        assert_eq!(f.store.setting("k").await.expect(name), None, "{name}");
        assert_eq!(
            f.store.init_setting("k", "v1").await.expect(name),
            "v1",
            "{name}"
        );
        assert_eq!(
            f.store.init_setting("k", "v2").await.expect(name),
            "v1",
            "{name}"
        );
        f.store.ping().await.expect(name);
        assert!(
            f.store.swap_setting("k", "v1", "v3").await.expect(name),
            "{name}"
        );
        assert!(
            !f.store.swap_setting("k", "v1", "v4").await.expect(name),
            "{name}: stale"
        );
        assert_eq!(
            f.store.setting("k").await.expect(name).as_deref(),
            Some("v3"),
            "{name}"
        );
    }
}

#[tokio::test]
async fn rate_limit_buckets_hold_under_concurrency_and_refill() {
    for (name, f) in backends().await {
        // Burst 5, one more every 1,000 ms: 40 concurrent takes at one instant get exactly 5.
        let takes = (0..40).map(|_| {
            let store = f.store.clone();
            tokio::spawn(async move { store.take_rate_token("login:a", 1_000, 5, 10_000).await })
        });
        let mut granted = 0;
        for t in takes.collect::<Vec<_>>() {
            if t.await.expect("join").expect(name) {
                granted += 1;
            }
        }
        assert_eq!(granted, 5, "{name}");
        // Another key has its own bucket.
        assert!(
            f.store
                .take_rate_token("login:b", 1_000, 5, 10_000)
                .await
                .expect(name),
            "{name}"
        );
        // Refused takes took nothing: one interval later exactly one more is granted.
        assert!(
            f.store
                .take_rate_token("login:a", 1_000, 5, 11_000)
                .await
                .expect(name),
            "{name}"
        );
        assert!(
            !f.store
                .take_rate_token("login:a", 1_000, 5, 11_000)
                .await
                .expect(name),
            "{name}"
        );
        // Buckets full again are forgotten; a bucket still refilling is kept.
        assert_eq!(
            f.store.purge_rate_tokens(12_000).await.expect(name),
            1,
            "{name}: login:b"
        );
        assert_eq!(
            f.store.purge_rate_tokens(16_000).await.expect(name),
            1,
            "{name}: login:a"
        );
        assert!(
            f.store
                .take_rate_token("login:a", 1_000, 5, 16_000)
                .await
                .expect(name),
            "{name}"
        );
    }
}

// Admin: users, sessions, moderation.

fn staff(
    name: &str,
    role: retort_domain::admin::account::Role,
    sites: &[&str],
) -> retort_domain::admin::account::NewUser {
    retort_domain::admin::account::NewUser {
        name: name.into(),
        password_hash: format!("$argon2id$hash-of-{name}"),
        role,
        sites: sites.iter().map(|s| (*s).to_owned()).collect(),
        email: format!("{name}@staff.example"),
        created_at: 5,
    }
}

#[tokio::test]
async fn admin_users_and_sessions() {
    use retort_domain::admin::account::Role;
    for (name, f) in backends().await {
        let s = &f.store;
        let u = s
            .save_admin_user(&staff("mia", Role::Moderator, &["a", "b"]))
            .await
            .expect("save");
        assert_eq!(
            (u.name.as_str(), u.role, u.sites.len()),
            ("mia", Role::Moderator, 2),
            "{name}"
        );
        assert_eq!(
            s.admin_user_by_name("mia").await.expect("read"),
            Some(u.clone()),
            "{name}"
        );
        assert_eq!(
            s.admin_user_by_name("nobody").await.expect("read"),
            None,
            "{name}"
        );

        s.create_admin_session("h1", u.id, 100, 200)
            .await
            .expect("session");
        s.create_admin_session("h2", u.id, 100, 150)
            .await
            .expect("session");
        assert_eq!(
            s.admin_session("h1", 120)
                .await
                .expect("read")
                .map(|x| x.id),
            Some(u.id),
            "{name}"
        );
        assert_eq!(
            s.admin_session("h1", 200).await.expect("read"),
            None,
            "{name}: expired at expires_at"
        );
        assert_eq!(
            s.admin_session("nope", 120).await.expect("read"),
            None,
            "{name}"
        );
        assert_eq!(
            s.purge_admin_sessions(160).await.expect("purge"),
            1,
            "{name}"
        );
        assert!(
            s.admin_session("h2", 120).await.expect("read").is_none(),
            "{name}: purged"
        );
        s.delete_admin_session("h1").await.expect("delete");
        assert!(
            s.admin_session("h1", 120).await.expect("read").is_none(),
            "{name}: logged out"
        );

        // Saving again replaces password, role and sites, keeps the id, and ends sessions.
        s.create_admin_session("h3", u.id, 100, 900)
            .await
            .expect("session");
        let mut again = staff("mia", Role::Admin, &[]);
        again.password_hash = "$argon2id$new".into();
        let u2 = s.save_admin_user(&again).await.expect("save");
        assert_eq!(
            (u2.id, u2.role, u2.password_hash.as_str(), u2.sites.len()),
            (u.id, Role::Admin, "$argon2id$new", 0),
            "{name}"
        );
        assert!(
            s.admin_session("h3", 120).await.expect("read").is_none(),
            "{name}: sessions ended"
        );
    }
}

#[tokio::test]
async fn moderation_queue_filters_and_counts_history() {
    use retort_domain::admin::moderation::QueueFilter;
    for (name, f) in backends().await {
        let s = &f.store;
        let a = s.upsert_site(&site("a")).await.expect("site");
        let b = s.upsert_site(&site("b")).await.expect("site");
        let ta = s
            .ensure_thread(a.id, "https://blog.example/1", "One", 1)
            .await
            .expect("thread");
        let tb = s
            .ensure_thread(b.id, "https://blog.example/2", "Two", 1)
            .await
            .expect("thread");
        let mut ids = Vec::new();
        for (t, status, email, text) in [
            (ta.id, Status::Approved, "ada@x.org", "old approved"),
            (ta.id, Status::Pending, "ada@x.org", "Pending 100% sure"),
            (ta.id, Status::Spam, "spam@x.org", "buy pills"),
            (tb.id, Status::Pending, "ada@x.org", "other site"),
        ] {
            let mut c = new_comment(t, None, status, email);
            c.body_md = text.into();
            ids.push(s.insert_comment(&c).await.expect("insert").id);
        }
        let q = |f: QueueFilter| async move {
            s.moderation_queue(&QueueFilter { limit: 50, ..f })
                .await
                .expect("queue")
        };
        let queue = q(QueueFilter {
            statuses: vec![Status::Pending, Status::Spam],
            ..Default::default()
        })
        .await;
        assert_eq!(
            queue.iter().map(|i| i.comment.id).collect::<Vec<_>>(),
            vec![ids[3], ids[2], ids[1]],
            "{name}: newest first"
        );
        let pending_a = &queue[2];
        assert_eq!(
            (
                pending_a.site_name.as_str(),
                pending_a.thread.title.as_str(),
                pending_a.approved_by_author
            ),
            ("a", "One", 1),
            "{name}"
        );
        assert_eq!(
            queue[0].approved_by_author, 0,
            "{name}: history is per site"
        );
        let only_a = q(QueueFilter {
            site_ids: Some(vec![a.id]),
            ..Default::default()
        })
        .await;
        assert_eq!(only_a.len(), 3, "{name}");
        let none = q(QueueFilter {
            site_ids: Some(vec![]),
            ..Default::default()
        })
        .await;
        assert!(none.is_empty(), "{name}: no sites, no rows");
        let text = q(QueueFilter {
            text: "100%".into(),
            ..Default::default()
        })
        .await;
        assert_eq!(text.len(), 1, "{name}: % is literal");
        let text = q(QueueFilter {
            text: "PENDING".into(),
            ..Default::default()
        })
        .await;
        assert_eq!(text.len(), 1, "{name}: case-insensitive");
        let email = q(QueueFilter {
            email: "ADA@".into(),
            statuses: vec![Status::Pending],
            ..Default::default()
        })
        .await;
        assert_eq!(email.len(), 2, "{name}");
        let author = q(QueueFilter {
            author: "zed".into(),
            ..Default::default()
        })
        .await;
        assert!(author.is_empty(), "{name}");
        let paged = q(QueueFilter {
            limit: 2,
            offset: 2,
            ..Default::default()
        })
        .await;
        assert_eq!(
            paged.len(),
            2,
            "{name}: limit is clamped to the given one, offset skips"
        );
    }
}

#[tokio::test]
async fn site_settings_update_and_survive_upserts() {
    use retort_domain::site::SitePolicy;
    for (name, f) in backends().await {
        let s = &f.store;
        let mut site_a = s.upsert_site(&site("a")).await.expect("site");
        assert_eq!(site_a.policy, SitePolicy::default(), "{name}");
        site_a.moderation = Moderation::Links(2);
        site_a.title = "New".into();
        site_a.policy.blocked_words = vec!["casino".into()];
        site_a.policy.close_after_days = Some(30);
        let saved = s.update_site(&site_a).await.expect("update");
        assert_eq!(saved, site_a, "{name}");
        // The configuration's upsert keeps the UI-owned policy.
        let again = s.upsert_site(&site("a")).await.expect("upsert");
        assert_eq!(
            (again.moderation, again.policy.clone()),
            (Moderation::Auto, site_a.policy.clone()),
            "{name}"
        );
        let mut gone = site_a.clone();
        gone.id = 9999;
        assert!(s.update_site(&gone).await.is_err(), "{name}");
        let key = s
            .create_api_key("hash", "abcd", "https://blog.example", 1)
            .await
            .expect("key");
        assert!(
            s.revoke_api_key_by_id(key.id, 2).await.expect("revoke"),
            "{name}"
        );
        assert!(
            !s.revoke_api_key_by_id(key.id, 3).await.expect("revoke"),
            "{name}: once"
        );
    }
}

#[tokio::test]
async fn reply_subscriptions_announce_approved_replies_once() {
    for (name, f) in backends().await {
        let s = &f.store;
        let site_a = s.upsert_site(&site("a")).await.expect("site");
        let t = s
            .ensure_thread(site_a.id, "https://blog.example/r", "R", 1)
            .await
            .expect("thread");
        let mut parent = new_comment(t.id, None, Status::Approved, "ada@x.org");
        parent.created_at = 10;
        let parent = s.insert_comment(&parent).await.expect("parent");
        s.subscribe_replies(parent.id, 20).await.expect("subscribe");
        s.subscribe_replies(parent.id, 25)
            .await
            .expect("again is fine");
        let mut early = new_comment(t.id, Some(parent.id), Status::Approved, "bob@x.org");
        early.created_at = 15;
        s.insert_comment(&early).await.expect("early reply");
        let mut r1 = new_comment(t.id, Some(parent.id), Status::Approved, "bob@x.org");
        r1.created_at = 30;
        let r1 = s.insert_comment(&r1).await.expect("reply");
        let mut held = new_comment(t.id, Some(parent.id), Status::Pending, "cy@x.org");
        held.created_at = 31;
        let held = s.insert_comment(&held).await.expect("held reply");
        assert!(
            !s.replies_confirmed(parent.id).await.expect("read"),
            "{name}"
        );
        assert!(
            s.unannounced_replies(10).await.expect("read").is_empty(),
            "{name}: unconfirmed"
        );
        assert!(
            s.confirm_replies(parent.id, 40).await.expect("confirm"),
            "{name}"
        );
        assert!(
            !s.confirm_replies(held.id, 40).await.expect("confirm"),
            "{name}: no subscription"
        );
        assert!(
            s.replies_confirmed(parent.id).await.expect("read"),
            "{name}"
        );
        let due = s.unannounced_replies(10).await.expect("read");
        assert_eq!(
            due.iter().map(|(r, p)| (r.id, p.id)).collect::<Vec<_>>(),
            vec![(r1.id, parent.id)],
            "{name}: approved, after subscribing"
        );
        assert!(
            s.claim_reply_notice(r1.id, 50).await.expect("claim"),
            "{name}"
        );
        assert!(
            !s.claim_reply_notice(r1.id, 51).await.expect("claim"),
            "{name}: once"
        );
        assert!(
            s.unannounced_replies(10).await.expect("read").is_empty(),
            "{name}"
        );
        s.set_status(held.id, Status::Approved)
            .await
            .expect("approve");
        assert_eq!(
            s.unannounced_replies(10).await.expect("read").len(),
            1,
            "{name}: after approval"
        );
        assert!(
            s.unsubscribe_replies(parent.id).await.expect("unsubscribe"),
            "{name}"
        );
        assert!(
            s.unannounced_replies(10).await.expect("read").is_empty(),
            "{name}: unsubscribed"
        );
    }
}

#[tokio::test]
async fn import_transaction_commits_all_or_nothing() {
    use retort_domain::comment::Kind;
    use retort_domain::import::ImportedComment;
    for (name, f) in backends().await {
        let s = f.store.upsert_site(&site("imp")).await.expect(name);
        let imported =
            |thread_id: i64, number: Option<i64>, key: &str, kind: Kind| ImportedComment {
                new: new_comment(thread_id, None, Status::Approved, "i@x.org"),
                number,
                kind,
                import_key: key.into(),
            };
        // Dropped without commit: nothing stays, not even the thread.
        let mut tx = f.store.begin_import().await.expect(name);
        let t = tx
            .thread(s.id, "https://blog.example/i", "I", 5)
            .await
            .expect(name);
        assert!(t.created, "{name}");
        tx.insert(&imported(t.id, Some(1), "wp:1:1", Kind::Comment))
            .await
            .expect(name);
        drop(tx);
        assert_eq!(
            f.store
                .thread_by_url(s.id, "https://blog.example/i")
                .await
                .expect(name),
            None,
            "{name}"
        );

        // Committed: comments with numbers, kinds and keys; a reply linked afterwards.
        let mut tx = f.store.begin_import().await.expect(name);
        let t = tx
            .thread(s.id, "https://blog.example/i", "I", 5)
            .await
            .expect(name);
        let a = tx
            .insert(&imported(t.id, Some(1), "wp:1:1", Kind::Comment))
            .await
            .expect(name);
        let b = tx
            .insert(&imported(t.id, Some(2), "wp:1:2", Kind::Pingback))
            .await
            .expect(name);
        tx.set_parent(b, a).await.expect(name);
        tx.commit().await.expect(name);
        let stored = f.store.comments(t.id).await.expect(name);
        assert_eq!(stored.len(), 2, "{name}");
        assert_eq!(stored[1].parent_id, Some(a), "{name}");
        assert_eq!(
            (stored[1].kind, stored[1].import_key.as_deref()),
            (Kind::Pingback, Some("wp:1:2")),
            "{name}"
        );
        assert_eq!(stored[0].kind, Kind::Comment, "{name}");

        // The keys are known to the next import; the thread is found, and numbering continues.
        let mut tx = f.store.begin_import().await.expect(name);
        let mut keys = tx.import_keys(s.id).await.expect(name);
        keys.sort();
        assert_eq!(
            keys,
            vec![
                ("wp:1:1".to_owned(), a, t.id),
                ("wp:1:2".to_owned(), b, t.id)
            ],
            "{name}"
        );
        let again = tx
            .thread(s.id, "https://blog.example/i", "I", 5)
            .await
            .expect(name);
        assert_eq!(
            (again.id, again.created, again.last_number),
            (t.id, false, 2),
            "{name}"
        );
        assert!(
            tx.insert(&imported(t.id, None, "wp:1:2", Kind::Comment))
                .await
                .is_err(),
            "{name}: an import key is unique within its thread"
        );
        drop(tx);
        let next = f
            .store
            .insert_comment(&new_comment(t.id, None, Status::Approved, "n@x.org"))
            .await
            .expect(name);
        assert_eq!(
            next.number,
            Some(3),
            "{name}: posting continues the imported numbers"
        );
        assert_eq!(next.kind, Kind::Comment, "{name}");
    }
}
