//! Learning from feedback: the one path by which "spam" and "not spam" decisions adapt the
//! filter. Each scope — a comment site (`site:<id>`) or an Akismet API key
//! (`akismet-key:<id>`) — has its own learned layer over the shared global model, so that one
//! site's decisions never change another site's verdicts.
//!
//! Owns loading, caching and saving layers, and the bounded online update. Used by the Akismet
//! API (submit-spam / submit-ham), by moderators' decisions and by imports with `--learn`; the
//! comment workflow classifies with the site's layer. Layers are re-read after
//! [`LAYER_TTL_MS`], so several instances sharing one database see each other's lessons.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use retort_classifier::{Comment, Model, SiteLayer};

use crate::store::{self, Store};

/// How long a loaded layer is trusted before it is read again from the store.
pub const LAYER_TTL_MS: i64 = 2_000;
/// Most online steps one lesson may take to make the layer agree with it.
const MAX_STEPS: usize = 3;

/// The scope of a comment site's layer.
pub fn site_scope(site_id: i64) -> String {
    format!("site:{site_id}")
}

/// The scope of an Akismet API key's layer.
pub fn key_scope(key_id: i64) -> String {
    format!("akismet-key:{key_id}")
}

/// Learned layers by scope, over one global model.
pub struct Learning {
    store: Arc<dyn Store>,
    model: Arc<Model>,
    layers: Mutex<HashMap<String, (Arc<SiteLayer>, i64)>>,
}

impl Learning {
    /// The learning service over a store and the global model.
    pub fn new(store: Arc<dyn Store>, model: Arc<Model>) -> Self {
        Learning {
            store,
            model,
            layers: Mutex::new(HashMap::new()),
        }
    }

    /// The global model.
    pub fn model(&self) -> &Arc<Model> {
        &self.model
    }

    /// The scope's layer (empty when it has learned nothing yet).
    ///
    /// # Errors
    /// When the store fails.
    pub async fn layer(&self, scope: &str, now_ms: i64) -> store::Result<Arc<SiteLayer>> {
        if let Some((l, at)) = self.layers.lock().ok().and_then(|m| m.get(scope).cloned())
            && now_ms - at < LAYER_TTL_MS
        {
            return Ok(l);
        }
        let layer = match self.store.model_layer(scope).await? {
            Some(bytes) => SiteLayer::from_bytes(&bytes).unwrap_or_else(|e| {
                if matches!(e, retort_classifier::Error::Stale(_)) {
                    // After an upgrade that changed the features: the old corrections would land
                    // on other n-grams. The site's next decisions build a new layer.
                    tracing::info!(error = %e, scope, "set aside a learned layer from an older release; learning afresh");
                } else {
                    tracing::warn!(error = %e, scope, "a stored model layer is damaged; starting afresh");
                }
                SiteLayer::new()
            }),
            None => SiteLayer::new(),
        };
        let layer = Arc::new(layer);
        if let Ok(mut m) = self.layers.lock() {
            m.insert(scope.to_owned(), (layer.clone(), now_ms));
        }
        Ok(layer)
    }

    /// Teaches the scope's layer that `comment` is spam (`true`) or not, with a bounded number
    /// of online steps until the layer agrees, and stores the layer.
    ///
    /// # Errors
    /// When the store fails.
    pub async fn teach(
        &self,
        scope: &str,
        comment: &Comment,
        is_spam: bool,
        now_ms: i64,
    ) -> store::Result<()> {
        self.teach_many(scope, std::slice::from_ref(comment), is_spam, now_ms)
            .await
    }

    /// Like [`Learning::teach`] for several examples with the same label, saved once.
    ///
    /// # Errors
    /// When the store fails.
    pub async fn teach_many(
        &self,
        scope: &str,
        comments: &[Comment],
        is_spam: bool,
        now_ms: i64,
    ) -> store::Result<()> {
        if comments.is_empty() {
            return Ok(());
        }
        // Read afresh: another instance may have taught this scope since it was cached.
        if let Ok(mut m) = self.layers.lock() {
            m.remove(scope);
        }
        let mut layer = (*self.layer(scope, now_ms).await?).clone();
        for c in comments {
            for _ in 0..MAX_STEPS {
                layer.learn(&self.model, c, is_spam);
                if self.model.classify_for_site(c, &layer).label.is_spam() == is_spam {
                    break;
                }
            }
        }
        self.store
            .save_model_layer(scope, &layer.to_bytes(), now_ms)
            .await?;
        if let Ok(mut m) = self.layers.lock() {
            m.insert(scope.to_owned(), (Arc::new(layer), now_ms));
        }
        Ok(())
    }
}
