//! Pre-rendered threads: each thread's comment list as HTML and its public JSON, rendered when
//! a comment is written and served from memory on reads. Site lookups by name are cached too.
//!
//! With one instance the cache is exact: every write through this instance refreshes it. When
//! several instances share a PostgreSQL database, entries expire after a configured TTL.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use retort_domain::site::Site;
use retort_domain::store::{self, Store};
use retort_domain::thread::{Thread, visible_tree};

use crate::views;

/// A rendered thread.
#[derive(Debug)]
pub struct CachedThread {
    /// The thread.
    pub thread: Thread,
    /// Its site.
    pub site: Site,
    /// The comment list, as HTML.
    pub comments_html: String,
    /// `{"thread": …, "comments": […]}`.
    pub json: Bytes,
    /// Shown comments.
    pub count: usize,
    built: Instant,
}

/// The cache.
#[derive(Debug, Default)]
pub struct ThreadCache {
    threads: RwLock<HashMap<i64, Arc<CachedThread>>>,
    by_url: RwLock<HashMap<(i64, String), i64>>,
    sites: RwLock<HashMap<String, (Site, Instant)>>,
    ttl: Option<Duration>,
}

impl ThreadCache {
    /// An empty cache; entries older than `ttl` are rebuilt (never, when `None`).
    pub fn new(ttl: Option<Duration>) -> Self {
        ThreadCache {
            ttl,
            ..Default::default()
        }
    }

    fn fresh(&self, built: Instant) -> bool {
        self.ttl.is_none_or(|ttl| built.elapsed() < ttl)
    }

    /// A site by name.
    ///
    /// # Errors
    /// When the store fails.
    pub async fn site(&self, store: &dyn Store, name: &str) -> store::Result<Option<Site>> {
        if let Ok(m) = self.sites.read()
            && let Some((s, at)) = m.get(name)
            && self.fresh(*at)
        {
            return Ok(Some(s.clone()));
        }
        let site = store.site_by_name(name).await?;
        if let (Some(s), Ok(mut m)) = (&site, self.sites.write()) {
            m.insert(name.to_owned(), (s.clone(), Instant::now()));
        }
        Ok(site)
    }

    /// A site's thread id by article URL.
    ///
    /// # Errors
    /// When the store fails.
    pub async fn thread_id(
        &self,
        store: &dyn Store,
        site_id: i64,
        url: &str,
    ) -> store::Result<Option<i64>> {
        let key = (site_id, url.to_owned());
        if let Some(id) = self.by_url.read().ok().and_then(|m| m.get(&key).copied()) {
            return Ok(Some(id));
        }
        let t = store.thread_by_url(site_id, url).await?;
        if let (Some(t), Ok(mut m)) = (&t, self.by_url.write()) {
            m.insert(key, t.id);
        }
        Ok(t.map(|t| t.id))
    }

    /// The rendered thread, from memory or freshly rendered.
    ///
    /// # Errors
    /// When the store fails.
    pub async fn thread(
        &self,
        store: &dyn Store,
        id: i64,
        max_depth: u32,
    ) -> store::Result<Option<Arc<CachedThread>>> {
        if let Some(t) = self.threads.read().ok().and_then(|m| m.get(&id).cloned())
            && self.fresh(t.built)
        {
            return Ok(Some(t));
        }
        self.refresh(store, id, max_depth).await
    }

    /// Renders a thread again from the store (after a write) and keeps it.
    ///
    /// # Errors
    /// When the store fails.
    pub async fn refresh(
        &self,
        store: &dyn Store,
        id: i64,
        max_depth: u32,
    ) -> store::Result<Option<Arc<CachedThread>>> {
        let Some(thread) = store.thread(id).await? else {
            return Ok(None);
        };
        let Some(site) = store.site(thread.site_id).await? else {
            return Ok(None);
        };
        let comments = store.comments(id).await?;
        let tree = visible_tree(&comments, max_depth);
        fn count(nodes: &[retort_domain::thread::Node]) -> usize {
            nodes
                .iter()
                .map(|n| usize::from(n.comment.is_public()) + count(&n.replies))
                .sum()
        }
        let n = count(&tree);
        let comments_html = views::comment_list(&thread, &tree, n);
        let json = serde_json::json!({
            "thread": { "id": thread.id, "site": site.name, "url": thread.url, "title": thread.title, "comments": n },
            "comments": tree.iter().map(views::node_json).collect::<Vec<_>>(),
        });
        let entry = Arc::new(CachedThread {
            thread,
            site,
            comments_html,
            json: Bytes::from(json.to_string()),
            count: n,
            built: Instant::now(),
        });
        if let Ok(mut m) = self.threads.write() {
            m.insert(id, entry.clone());
        }
        Ok(Some(entry))
    }
}
