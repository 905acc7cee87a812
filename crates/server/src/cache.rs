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

/// How long a background rendering waits after a write, to cover a burst of writes at once.
/// Readers in the meantime render the thread themselves.
const RENDER_DELAY: Duration = Duration::from_millis(1000);

/// One thread's slot: its rendering (if current), a generation counter bumped by every write,
/// and whether a background render is running.
#[derive(Debug, Default)]
struct Slot {
    entry: Option<Arc<CachedThread>>,
    generation: u64,
    rendering: bool,
}

/// The cache.
#[derive(Debug, Default)]
pub struct ThreadCache {
    threads: RwLock<HashMap<i64, Slot>>,
    by_url: RwLock<HashMap<(i64, String), Thread>>,
    sites: RwLock<HashMap<String, (Site, Instant)>>,
    ttl: Option<Duration>,
    avatars: Option<crate::avatars::Avatars>,
}

impl ThreadCache {
    /// An empty cache; entries older than `ttl` are rebuilt (never, when `None`).
    pub fn new(ttl: Option<Duration>, avatars: Option<crate::avatars::Avatars>) -> Self {
        ThreadCache {
            ttl,
            avatars,
            ..Default::default()
        }
    }

    /// How avatars are made, if shown.
    pub fn avatars(&self) -> Option<&crate::avatars::Avatars> {
        self.avatars.as_ref()
    }

    /// Forgets every rendering and cached site, e.g. after another process (`retort privacy
    /// erase`, `retort import`) changed the data.
    pub fn clear(&self) {
        if let Ok(mut m) = self.threads.write() {
            for slot in m.values_mut() {
                slot.generation += 1;
                slot.entry = None;
            }
        }
        if let Ok(mut m) = self.by_url.write() {
            m.clear();
        }
        if let Ok(mut m) = self.sites.write() {
            m.clear();
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

    /// A site's thread by article URL (threads never move, so this is cached for good).
    ///
    /// # Errors
    /// When the store fails.
    pub async fn thread_by_url(
        &self,
        store: &dyn Store,
        site_id: i64,
        url: &str,
    ) -> store::Result<Option<Thread>> {
        let key = (site_id, url.to_owned());
        if let Some(t) = self.by_url.read().ok().and_then(|m| m.get(&key).cloned()) {
            return Ok(Some(t));
        }
        let t = store.thread_by_url(site_id, url).await?;
        if let (Some(t), Ok(mut m)) = (&t, self.by_url.write()) {
            m.insert(key, t.clone());
        }
        Ok(t)
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
        Ok(self.thread_by_url(store, site_id, url).await?.map(|t| t.id))
    }

    /// Drops the cached copies of a site (by name, and inside rendered threads), after its
    /// settings changed.
    pub fn site_changed(&self, name: &str) {
        if let Ok(mut m) = self.sites.write() {
            m.remove(name);
        }
        if let Ok(mut m) = self.threads.write() {
            for slot in m.values_mut() {
                if slot.entry.as_ref().is_some_and(|e| e.site.name == name) {
                    slot.entry = None;
                    slot.generation += 1;
                }
            }
        }
    }

    fn generation(&self, id: i64) -> u64 {
        self.threads
            .read()
            .ok()
            .and_then(|m| m.get(&id).map(|s| s.generation))
            .unwrap_or(0)
    }

    /// Keeps a rendering made at `generation` unless a write has happened since.
    fn keep(&self, id: i64, generation: u64, entry: &Arc<CachedThread>) {
        if let Ok(mut m) = self.threads.write() {
            let slot = m.entry(id).or_default();
            if slot.generation == generation {
                slot.entry = Some(entry.clone());
            }
        }
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
        if let Some(t) = self
            .threads
            .read()
            .ok()
            .and_then(|m| m.get(&id).and_then(|s| s.entry.clone()))
            && self.fresh(t.built)
        {
            return Ok(Some(t));
        }
        let generation = self.generation(id);
        let Some(entry) = render(store, id, max_depth, self.avatars.as_ref()).await? else {
            return Ok(None);
        };
        self.keep(id, generation, &entry);
        Ok(Some(entry))
    }

    /// Records that a thread changed: readers stop seeing the old rendering at once, and, if the
    /// thread was rendered for readers, a background task renders it again (one task per thread at a time; writes that
    /// arrive meanwhile are folded into its next pass).
    pub fn written(self: &Arc<Self>, store: Arc<dyn Store>, id: i64, max_depth: u32) {
        {
            let Ok(mut m) = self.threads.write() else {
                return;
            };
            let slot = m.entry(id).or_default();
            slot.generation += 1;
            // Only threads that readers have asked for are kept rendered; others render on
            // their first read.
            let was_read = slot.entry.take().is_some();
            if slot.rendering || !was_read {
                return;
            }
            slot.rendering = true;
        }
        let cache = self.clone();
        tokio::spawn(async move {
            loop {
                // Let a burst of writes land first, so one rendering covers them all.
                tokio::time::sleep(RENDER_DELAY).await;
                let generation = cache.generation(id);
                let rendered = render(store.as_ref(), id, max_depth, cache.avatars.as_ref()).await;
                let Ok(mut m) = cache.threads.write() else {
                    return;
                };
                let slot = m.entry(id).or_default();
                match rendered {
                    // A write came in while rendering: render again.
                    Ok(Some(_)) if slot.generation != generation => continue,
                    Ok(Some(entry)) => {
                        slot.entry = Some(entry);
                        slot.rendering = false;
                        return;
                    }
                    Ok(None) => {
                        slot.rendering = false;
                        return;
                    }
                    Err(e) => {
                        slot.rendering = false;
                        tracing::warn!(error = %e, thread_id = id, "re-rendering a thread failed; readers will render it");
                        return;
                    }
                }
            }
        });
    }
}

/// Renders a thread from the store.
async fn render(
    store: &dyn Store,
    id: i64,
    max_depth: u32,
    avatars: Option<&crate::avatars::Avatars>,
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
    let comments_html = views::comment_list(&thread, &tree, n, avatars);
    let json = serde_json::json!({
        "thread": { "id": thread.id, "site": site.name, "url": thread.url, "title": thread.title, "comments": n },
        "comments": tree.iter().map(|c| views::node_json(c, avatars)).collect::<Vec<_>>(),
    });
    Ok(Some(Arc::new(CachedThread {
        thread,
        site,
        comments_html,
        json: Bytes::from(json.to_string()),
        count: n,
        built: Instant::now(),
    })))
}
