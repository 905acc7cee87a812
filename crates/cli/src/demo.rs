//! The demo site, article and comments created on first start with an empty database.

use retort_domain::comment::{NewComment, Status};
use retort_domain::site::{Moderation, SiteSpec};
use retort_domain::store::Store;
use retort_server::routes::pages::DEMO_URL;

const COMMENTS: &[(&str, Option<usize>, &str)] = &[
    (
        "Maria",
        None,
        "Finally a comment system I can run on the same box as the blog. Does it need anything besides the one binary?",
    ),
    (
        "Retort team",
        Some(0),
        "No: the binary carries its database (SQLite) and its spam filter. Point `--database-url` at PostgreSQL when you outgrow one machine.",
    ),
    (
        "Jonas",
        None,
        "I like that the spam filter explains itself. *Why* a comment was held matters more to me than a bare score.",
    ),
    (
        "Priya",
        None,
        "Works without JavaScript too, which is how I read most sites.",
    ),
];

/// Creates the demo.
///
/// # Errors
/// When the store fails.
pub async fn seed(store: &dyn Store) -> retort_domain::store::Result<()> {
    let site = store
        .upsert_site(&SiteSpec {
            name: "demo".into(),
            title: "Retort demo".into(),
            origins: Vec::new(),
            lang: "en".into(),
            moderation: Moderation::Auto,
            erasure: Default::default(),
        })
        .await?;
    let now = retort_server::now_ms();
    let thread = store
        .ensure_thread(site.id, DEMO_URL, "Welcome to Retort", now)
        .await?;
    let mut ids: Vec<i64> = Vec::new();
    for (i, (author, parent, text)) in COMMENTS.iter().enumerate() {
        let c = store
            .insert_comment(&NewComment {
                thread_id: thread.id,
                parent_id: parent.and_then(|p| ids.get(p).copied()),
                author: (*author).into(),
                email: format!("demo{i}@retort.invalid"),
                website: String::new(),
                body_md: (*text).into(),
                body_html: retort_textproc::render_markdown(text),
                status: Status::Approved,
                created_at: now - (COMMENTS.len() - i) as i64 * 3_600_000,
                ip: None,
                user_agent: None,
                referrer: None,
                spam_score: 0.0,
                spam_reasons: Vec::new(),
                edit_token_hash: String::new(),
            })
            .await?;
        ids.push(c.id);
    }
    Ok(())
}
