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
async fn retention_purges_client_data_only_of_old_comments() {
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
        let mut young = new_comment(t.id, None, Status::Approved, "a@x.org");
        young.created_at = 50_000;
        let young = f.store.insert_comment(&young).await.expect(name);
        assert_eq!(
            f.store.purge_client_data(10_000).await.expect(name),
            1,
            "{name}"
        );
        let old = f.store.comment(old.id).await.expect(name).expect("exists");
        assert_eq!((old.ip, old.user_agent), (None, None), "{name}");
        let young = f
            .store
            .comment(young.id)
            .await
            .expect(name)
            .expect("exists");
        assert!(young.ip.is_some(), "{name}");
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
    }
}
