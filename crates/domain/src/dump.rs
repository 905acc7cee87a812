//! The lossless JSON export format (`retort export` / `retort import`): every site, thread and
//! comment with all stored fields, so that an instance can be backed up, moved between SQLite
//! and PostgreSQL, or merged into another. It holds personal data (emails, IPs): it is an
//! operator's backup, never a public file. The format is documented in `docs/export-format.md`.
//!
//! Version 2 added each comment's `kind` and `import_key`; version 1 files are still read (their
//! comments are plain comments without import keys).

use serde::{Deserialize, Serialize};

use crate::comment::{Kind, Status};
use crate::site::SiteSpec;
use crate::store::{self, Store};

/// The format's name, in every file.
pub const FORMAT: &str = "retort-export";
/// The format's version (written).
pub const VERSION: u32 = 2;
/// The oldest version still read.
pub const OLDEST_VERSION: u32 = 1;

/// A whole export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dump {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`VERSION`] for files this version writes.
    pub version: u32,
    /// Sites.
    pub sites: Vec<SiteSpec>,
    /// Threads.
    pub threads: Vec<ThreadDump>,
    /// Comments, oldest first.
    pub comments: Vec<CommentDump>,
}

/// A thread in an export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThreadDump {
    /// Id within this file.
    pub id: i64,
    /// The site's name.
    pub site: String,
    /// The article's canonical URL.
    pub url: String,
    /// The article's title.
    pub title: String,
    /// Creation time, Unix milliseconds.
    pub created_at: i64,
}

/// A comment in an export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommentDump {
    /// Id within this file.
    pub id: i64,
    /// Thread id within this file.
    pub thread: i64,
    /// Parent comment id within this file.
    pub parent: Option<i64>,
    /// Display number.
    pub number: Option<i64>,
    /// Author name.
    pub author: String,
    /// Author e-mail.
    pub email: String,
    /// Author website.
    pub website: String,
    /// Markdown source.
    pub body_md: String,
    /// Sanitised HTML, as stored.
    pub body_html: String,
    /// `pending`, `approved`, `spam` or `deleted`.
    pub status: String,
    /// Creation time, Unix milliseconds.
    pub created_at: i64,
    /// Last edit, Unix milliseconds.
    pub edited_at: Option<i64>,
    /// Client IP, if still kept.
    pub ip: Option<String>,
    /// User agent, if still kept.
    pub user_agent: Option<String>,
    /// Referrer, if still kept.
    pub referrer: Option<String>,
    /// Spam probability.
    pub spam_score: f64,
    /// The filter's reasons.
    pub spam_reasons: Vec<String>,
    /// `comment`, `pingback` or `trackback` (version 2; `comment` when absent).
    #[serde(default = "default_kind")]
    pub kind: String,
    /// For an imported comment, its identity in the source system (version 2).
    #[serde(default)]
    pub import_key: Option<String>,
}

fn default_kind() -> String {
    Kind::Comment.as_str().to_owned()
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// Sites created or updated.
    pub sites: usize,
    /// Threads created or matched by URL.
    pub threads: usize,
    /// Comments stored.
    pub comments: usize,
    /// Comments not stored because the database already holds them (same import key, or same
    /// thread, time, author, e-mail and text): a re-run of an import adds nothing.
    pub already: usize,
}

impl Dump {
    /// Checks the file's own consistency before anything is written.
    ///
    /// # Errors
    /// A message naming the first problem.
    pub fn validate(&self) -> Result<(), String> {
        if self.format != FORMAT {
            return Err(format!(
                "not a Retort export: format is '{}', expected '{FORMAT}'",
                self.format
            ));
        }
        if !(OLDEST_VERSION..=VERSION).contains(&self.version) {
            return Err(format!(
                "unsupported export version {} (this Retort reads versions {OLDEST_VERSION} to {VERSION})",
                self.version
            ));
        }
        let sites: std::collections::HashSet<&str> =
            self.sites.iter().map(|s| s.name.as_str()).collect();
        let mut threads = std::collections::HashSet::new();
        for t in &self.threads {
            if !sites.contains(t.site.as_str()) {
                return Err(format!("thread {} names unknown site '{}'", t.id, t.site));
            }
            threads.insert(t.id);
        }
        let ids: std::collections::HashMap<i64, i64> =
            self.comments.iter().map(|c| (c.id, c.thread)).collect();
        for c in &self.comments {
            if !threads.contains(&c.thread) {
                return Err(format!(
                    "comment {} names unknown thread {}",
                    c.id, c.thread
                ));
            }
            if Status::parse(&c.status).is_none() {
                return Err(format!(
                    "comment {} has unknown status '{}'",
                    c.id, c.status
                ));
            }
            if Kind::parse(&c.kind).is_none() {
                return Err(format!("comment {} has unknown kind '{}'", c.id, c.kind));
            }
            // A parent may come later in the file (an imported reply stored before its parent).
            if let Some(p) = c.parent
                && ids.get(&p) != Some(&c.thread)
            {
                return Err(format!(
                    "comment {} replies to {}, which is not a comment of the same thread in the file",
                    c.id, p
                ));
            }
        }
        Ok(())
    }
}

/// Exports everything the store holds, or only one site's sites, threads and comments.
///
/// # Errors
/// When the store fails; [`store::Error::NotFound`] when `site` names no site.
pub async fn export(store: &dyn Store, site: Option<&str>) -> store::Result<Dump> {
    let mut sites = store.sites().await?;
    if let Some(name) = site {
        sites.retain(|s| s.name == name);
        if sites.is_empty() {
            return Err(store::Error::NotFound);
        }
    }
    let names: std::collections::HashMap<i64, String> =
        sites.iter().map(|s| (s.id, s.name.clone())).collect();
    let mut threads = store.threads().await?;
    threads.retain(|t| names.contains_key(&t.thread.site_id));
    threads.sort_by_key(|t| t.thread.id);
    let mut comments = Vec::new();
    for t in &threads {
        for c in store.comments(t.thread.id).await? {
            comments.push(CommentDump {
                id: c.id,
                thread: c.thread_id,
                parent: c.parent_id,
                number: c.number,
                author: c.author,
                email: c.email,
                website: c.website,
                body_md: c.body_md,
                body_html: c.body_html,
                status: c.status.as_str().to_owned(),
                created_at: c.created_at,
                edited_at: c.edited_at,
                ip: c.ip,
                user_agent: c.user_agent,
                referrer: c.referrer,
                spam_score: c.spam_score,
                spam_reasons: c.spam_reasons,
                kind: c.kind.as_str().to_owned(),
                import_key: c.import_key,
            });
        }
    }
    comments.sort_by_key(|c| c.id);
    Ok(Dump {
        format: FORMAT.into(),
        version: VERSION,
        sites: sites
            .into_iter()
            .map(|s| SiteSpec {
                name: s.name,
                title: s.title,
                origins: s.origins,
                lang: s.lang,
                moderation: s.moderation,
                erasure: s.erasure,
            })
            .collect(),
        threads: threads
            .into_iter()
            .map(|t| ThreadDump {
                id: t.thread.id,
                site: names.get(&t.thread.site_id).cloned().unwrap_or_default(),
                url: t.thread.url,
                title: t.thread.title,
                created_at: t.thread.created_at,
            })
            .collect(),
        comments,
    })
}
