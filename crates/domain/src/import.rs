//! Importing comments from other systems (WordPress WXR, Disqus XML): the records a reader of
//! such a file produces, the [`Report`] of what happened, and [`run`], which writes the records
//! through one store transaction ([`crate::store::ImportTx`]).
//!
//! Owns the import rules: comments keep the status the file gives them and never pass through
//! the spam filter; HTML is sanitised with the same policy as comments written here; a comment
//! is identified by its import key (`wp:<post>:<comment>`, `disqus:<post>`), so importing the
//! same file again adds nothing and reports the comments as already imported; a reply whose
//! parent is missing is kept as a top-level comment and reported; a comment deleted at the
//! source keeps its place (number, replies) but not its text; a comment that cannot be
//! imported is reported with the reason. Everything is written in one transaction (or, for a
//! dry run, rolled back), so a failure leaves the database unchanged. Memory holds the import
//! keys and the threads, never the whole file (with `--learn`, also the comments to learn from,
//! which are taught through [`crate::learning`] once the import is committed).
//!
//! Must not parse files (`retort-import` does) or name SQL. Tested by the black-box import
//! tests of the `retort` binary (real export files, both backends) and unit tests of the helpers
//! here.

use std::collections::{HashMap, HashSet};

use crate::comment::{Kind, NewComment, Status, Website};
use crate::learning::{Learning, site_scope};
use crate::site::Site;
use crate::store::{self, Store};

/// A thread (post, page, Disqus thread) as read from the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadRecord {
    /// The thread's identity within the file (WordPress post id, Disqus thread id).
    pub key: String,
    /// The article URL, before `--map-url` rewriting.
    pub url: String,
    /// The title, possibly with HTML markup or character references.
    pub title: String,
    /// Creation time, Unix milliseconds, when the file gives one.
    pub created_at: Option<i64>,
}

/// How a comment's content is written in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// WordPress: HTML in which line breaks make paragraphs (WordPress adds them on display).
    WordPress,
    /// Plain HTML (Disqus).
    Html,
}

/// A comment as read from the file.
#[derive(Debug, Clone, PartialEq)]
pub struct CommentRecord {
    /// The key of the thread it belongs to ([`ThreadRecord::key`]).
    pub thread_key: String,
    /// The import key: the comment's identity in the source system.
    pub key: String,
    /// The import key of the comment it replies to.
    pub parent_key: Option<String>,
    /// Author name (may hold character references).
    pub author: String,
    /// Author e-mail, or empty.
    pub email: String,
    /// Author website, or empty.
    pub website: String,
    /// Client IP, if the file has it.
    pub ip: Option<String>,
    /// Creation time, Unix milliseconds; `None` when the file's date could not be read.
    pub created_at: Option<i64>,
    /// The content as written in the file.
    pub content: String,
    /// How [`CommentRecord::content`] is written.
    pub format: Format,
    /// The status the source system gave it.
    pub status: Status,
    /// Comment, pingback or trackback.
    pub kind: Kind,
}

/// One thing read from a file.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    /// A thread; it becomes a Retort thread only if a comment of the file belongs to it.
    Thread(ThreadRecord),
    /// A comment; its thread comes before it in the file.
    Comment(CommentRecord),
}

/// A comment ready to be stored by an import.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedComment {
    /// The comment (status, dates and client data as in the file).
    pub new: NewComment,
    /// Its display number, for an approved comment.
    pub number: Option<i64>,
    /// Comment, pingback or trackback.
    pub kind: Kind,
    /// Its import key.
    pub import_key: String,
}

/// A thread as an import sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportThread {
    /// Store id.
    pub id: i64,
    /// The highest display number it has.
    pub last_number: i64,
    /// Whether this import created it (rather than finding it by URL).
    pub created: bool,
}

/// Import options.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Report only; the transaction is rolled back.
    pub dry_run: bool,
    /// URL prefix rewrites (`from`, `to`) for thread URLs; the first match applies.
    pub map_url: Vec<(String, String)>,
    /// The source's name in reasons shown to moderators, e.g. `WordPress`.
    pub source: &'static str,
}

/// A comment that could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Its import key.
    pub key: String,
    /// Why.
    pub reason: String,
}

/// What an import did (or, for a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Whether this was a dry run (nothing written).
    pub dry_run: bool,
    /// Threads in the file that have comments.
    pub threads_read: usize,
    /// Of those, threads created.
    pub threads_created: usize,
    /// Of those, threads that already existed (matched by site and URL).
    pub threads_matched: usize,
    /// Comments (including pingbacks and trackbacks) in the file.
    pub comments_read: usize,
    /// Comments stored by this run.
    pub imported: usize,
    /// Comments found already imported by an earlier run (not stored again).
    pub already_imported: usize,
    /// Comments that could not be imported, with the reason.
    pub skipped: Vec<Skipped>,
    /// Import keys of replies whose parent is not in the file or the database; they were kept
    /// as top-level comments.
    pub orphans: Vec<String>,
    /// Imported comments by status, in [`Status`] order.
    pub by_status: Vec<(Status, usize)>,
    /// Imported comments by kind, in [`Kind`] order.
    pub by_kind: Vec<(Kind, usize)>,
    /// With `--learn`: spam and approved comments the site's filter learned from after the
    /// commit (for a dry run: would learn from).
    pub learned: Option<(usize, usize)>,
}

impl Report {
    /// True when every comment read was imported now or before.
    pub fn complete(&self) -> bool {
        self.skipped.is_empty()
    }

    fn count_status(&mut self, s: Status) {
        bump(&mut self.by_status, s);
    }

    fn count_kind(&mut self, k: Kind) {
        bump(&mut self.by_kind, k);
    }
}

fn bump<T: PartialEq>(v: &mut Vec<(T, usize)>, key: T) {
    match v.iter_mut().find(|(k, _)| *k == key) {
        Some((_, n)) => *n += 1,
        None => v.push((key, 1)),
    }
}

/// Errors of an import; after any of them nothing has been written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be read (malformed XML, I/O); the message names the place.
    #[error("{0}")]
    Source(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] store::Error),
}

/// Rewrites a thread URL with the first matching `--map-url` prefix.
pub fn map_url(url: &str, map: &[(String, String)]) -> String {
    for (from, to) in map {
        if let Some(rest) = url.strip_prefix(from.as_str()) {
            return format!("{to}{rest}");
        }
    }
    url.to_owned()
}

enum ThreadState {
    /// Read, not needed yet.
    Pending(ThreadRecord),
    /// Stored (created by this run, or found by URL); the last display number given.
    Ready {
        id: i64,
        last_number: i64,
        created: bool,
    },
    /// Cannot hold comments, for this reason.
    Failed(String),
}

struct Known {
    id: i64,
    thread_id: i64,
    /// Stored by this run (a second occurrence is a duplicate in the file).
    new: bool,
}

/// Removes characters no database can store (NUL) and trims.
fn clean(s: &str) -> String {
    s.trim().replace('\0', "")
}

/// Imports `records` into `site` in one transaction: committed at the end, or rolled back for a
/// dry run or on any error (then nothing is written). With `learning`, the newly imported spam
/// and approved comments are then taught to the site's layer (`site:<id>`) through the shared
/// learning path; comments imported by an earlier run are not taught again.
///
/// # Errors
/// [`Error::Source`] when the file cannot be read, [`Error::Store`] when the database fails.
pub async fn run<I, E>(
    store: &dyn Store,
    learning: Option<&Learning>,
    site: &Site,
    records: I,
    opts: &Options,
    now_ms: i64,
) -> Result<Report, Error>
where
    I: IntoIterator<Item = Result<Record, E>>,
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let mut report = Report {
        dry_run: opts.dry_run,
        ..Report::default()
    };
    // Examples to teach once the import is committed: (spam, approved).
    let mut lessons: Option<(
        Vec<retort_classifier::Comment>,
        Vec<retort_classifier::Comment>,
    )> = learning.map(|_| (Vec::new(), Vec::new()));
    let mut tx = store.begin_import().await?;
    let mut known: HashMap<String, Known> = tx
        .import_keys(site.id)
        .await?
        .into_iter()
        .map(|(key, id, thread_id)| {
            (
                key,
                Known {
                    id,
                    thread_id,
                    new: false,
                },
            )
        })
        .collect();
    let mut threads: HashMap<String, ThreadState> = HashMap::new();
    let mut thread_urls: HashMap<i64, String> = HashMap::new();
    // Threads of the file that have comments.
    let mut with_comments: HashSet<String> = HashSet::new();
    // Replies whose parent comes later in the file (or never): (child id, child thread, key, parent key).
    let mut waiting: Vec<(i64, i64, String, String)> = Vec::new();
    let website_limits = crate::comment::Limits {
        website_chars: 2048,
        ..Default::default()
    };

    for rec in records {
        let rec = rec.map_err(|e| Error::Source(e.into()))?;
        let c = match rec {
            Record::Thread(t) => {
                threads
                    .entry(t.key.clone())
                    .or_insert(ThreadState::Pending(t));
                continue;
            }
            Record::Comment(c) => c,
        };
        report.comments_read += 1;
        if threads.contains_key(&c.thread_key) && !with_comments.contains(&c.thread_key) {
            with_comments.insert(c.thread_key.clone());
        }
        if let Some(k) = known.get(&c.key) {
            if k.new {
                report.skipped.push(Skipped {
                    key: c.key,
                    reason: "appears twice in the file (the first one was imported)".into(),
                });
            } else {
                report.already_imported += 1;
            }
            continue;
        }
        let Some(created_at) = c.created_at else {
            report.skipped.push(Skipped {
                key: c.key,
                reason: "its date could not be read".into(),
            });
            continue;
        };
        // The thread: stored when its first comment arrives.
        let state = match threads.get_mut(&c.thread_key) {
            Some(s) => s,
            None => {
                report.skipped.push(Skipped {
                    reason: format!("its thread '{}' is not in the file", c.thread_key),
                    key: c.key,
                });
                continue;
            }
        };
        if let ThreadState::Pending(t) = state {
            let url = clean(&map_url(&t.url, &opts.map_url));
            *state = if url.is_empty() {
                ThreadState::Failed(format!("its thread '{}' has no URL", t.key))
            } else {
                let mut title = clean(&retort_textproc::html_to_text(&t.title));
                if title.is_empty() {
                    title.clone_from(&url);
                }
                let th = tx
                    .thread(site.id, &url, &title, t.created_at.unwrap_or(created_at))
                    .await?;
                thread_urls.insert(th.id, url);
                ThreadState::Ready {
                    id: th.id,
                    last_number: th.last_number,
                    created: th.created,
                }
            };
        }
        let (thread_id, number) = match state {
            ThreadState::Ready {
                id, last_number, ..
            } => {
                let number = (c.status == Status::Approved).then(|| {
                    *last_number += 1;
                    *last_number
                });
                (*id, number)
            }
            ThreadState::Failed(reason) => {
                report.skipped.push(Skipped {
                    key: c.key,
                    reason: reason.clone(),
                });
                continue;
            }
            ThreadState::Pending(_) => unreachable!("the thread was just stored"),
        };
        let parent_id = c
            .parent_key
            .as_ref()
            .and_then(|p| known.get(p))
            .filter(|k| k.thread_id == thread_id)
            .map(|k| k.id);
        let html = match c.format {
            Format::WordPress => {
                retort_textproc::sanitize_html(&retort_textproc::autop(&c.content))
            }
            Format::Html => retort_textproc::sanitize_html(&c.content),
        };
        let mut author = clean(&retort_textproc::html_to_text(&c.author));
        if author.is_empty() {
            author = "Anonymous".into();
        }
        let website = Website::parse(&clean(&c.website), &website_limits)
            .map(Website::into_inner)
            .unwrap_or_default();
        let spam_reasons = if c.status == Status::Spam {
            vec![format!("marked as spam in {}", opts.source)]
        } else {
            Vec::new()
        };
        // A comment already deleted at the source arrives without its text: this server
        // removes a deleted comment's text (the privacy page says so), so it has no reason to
        // take it in. The comment stays, for its number and its replies.
        let (body_md, body_html) = if c.status == Status::Deleted {
            (String::new(), String::new())
        } else {
            (c.content.replace('\0', ""), html)
        };
        let new = NewComment {
            thread_id,
            parent_id,
            author,
            email: clean(&c.email),
            website,
            body_md,
            body_html,
            status: c.status,
            created_at,
            ip: c.ip.as_deref().map(clean).filter(|s| !s.is_empty()),
            user_agent: None,
            referrer: None,
            spam_score: if c.status == Status::Spam { 1.0 } else { 0.0 },
            spam_reasons,
            edit_token_hash: String::new(),
        };
        if let Some((spam, ham)) = lessons.as_mut()
            && c.kind == Kind::Comment
            && matches!(c.status, Status::Spam | Status::Approved)
        {
            let example = retort_classifier::Comment {
                content: new.body_md.clone(),
                author: new.author.clone(),
                email: new.email.clone(),
                url: new.website.clone(),
                user_ip: new.ip.clone().unwrap_or_default(),
                permalink: thread_urls.get(&thread_id).cloned().unwrap_or_default(),
                comment_type: "comment".into(),
                lang: site.lang.clone(),
                ..Default::default()
            };
            if c.status == Status::Spam {
                spam.push(example);
            } else {
                ham.push(example);
            }
        }
        let id = tx
            .insert(&ImportedComment {
                new,
                number,
                kind: c.kind,
                import_key: c.key.clone(),
            })
            .await?;
        if let Some(p) = c.parent_key
            && parent_id.is_none()
        {
            waiting.push((id, thread_id, c.key.clone(), p));
        }
        report.imported += 1;
        report.count_status(c.status);
        report.count_kind(c.kind);
        known.insert(
            c.key,
            Known {
                id,
                thread_id,
                new: true,
            },
        );
    }
    // Replies that came before their parent, or whose parent is missing.
    for (id, thread_id, key, parent) in waiting {
        match known.get(&parent) {
            Some(k) if k.thread_id == thread_id => tx.set_parent(id, k.id).await?,
            _ => report.orphans.push(key),
        }
    }
    report.threads_read = with_comments.len();
    for key in &with_comments {
        match threads.get(key) {
            Some(ThreadState::Ready { created: true, .. }) => report.threads_created += 1,
            // Found by URL, or holding only comments imported before.
            Some(ThreadState::Ready { created: false, .. } | ThreadState::Pending(_)) => {
                report.threads_matched += 1
            }
            Some(ThreadState::Failed(_)) | None => {}
        }
    }
    report.by_status.sort_by_key(|(s, _)| *s as u8);
    report.by_kind.sort_by_key(|(k, _)| *k as u8);
    if opts.dry_run {
        // Dropping the transaction rolls it back.
        drop(tx);
        report.learned = lessons.map(|(spam, ham)| (spam.len(), ham.len()));
        return Ok(report);
    }
    tx.commit().await?;
    if let (Some(learning), Some((spam, ham))) = (learning, lessons) {
        let scope = site_scope(site.id);
        learning.teach_many(&scope, &spam, true, now_ms).await?;
        learning.teach_many(&scope, &ham, false, now_ms).await?;
        report.learned = Some((spam.len(), ham.len()));
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_url_rewrites_the_first_matching_prefix() {
        let map = vec![
            (
                "http://old.example/".to_owned(),
                "https://new.example/".to_owned(),
            ),
            (
                "http://old.example/x".to_owned(),
                "https://never/".to_owned(),
            ),
        ];
        assert_eq!(
            map_url("http://old.example/x/y", &map),
            "https://new.example/x/y"
        );
        assert_eq!(map_url("http://other/", &map), "http://other/");
    }

    #[test]
    fn report_counts_by_status_and_kind() {
        let mut r = Report::default();
        r.count_status(Status::Spam);
        r.count_status(Status::Spam);
        r.count_kind(Kind::Pingback);
        assert_eq!(r.by_status, vec![(Status::Spam, 2)]);
        assert_eq!(r.by_kind, vec![(Kind::Pingback, 1)]);
        assert!(r.complete());
    }
}
