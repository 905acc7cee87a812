//! The moderation queue and the actions on comments: approve, mark spam, mark not spam,
//! delete, edit, and reply as the site. Every call takes the acting [`User`] and refuses
//! comments of sites the user may not moderate, so the check cannot be skipped by a handler.
//! Decisions teach the site's filter through [`Comments::learn_from`] (the one learning path)
//! and every change is written to the audit log.

use std::sync::Arc;

use crate::admin::account::User;
use crate::audit::{AuditEntry, NewAuditEntry};
use crate::comment::{Body, Comment, Limits, NewComment, Status};
use crate::comments::Comments;
use crate::site::Site;
use crate::store::Store;
use crate::thread::Thread;
use crate::{Error, Result};

/// What a moderator decides about one comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Publish it (a held comment counts as "not spam").
    Approve,
    /// Hide it as spam.
    Spam,
    /// Publish it as not spam.
    Ham,
    /// Delete it (hidden; a placeholder stays for its visible replies).
    Delete,
}

impl Action {
    /// The name used in URLs and forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Approve => "approve",
            Action::Spam => "spam",
            Action::Ham => "ham",
            Action::Delete => "delete",
        }
    }

    /// Parses the name used in URLs and forms.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "approve" => Action::Approve,
            "spam" => Action::Spam,
            "ham" => Action::Ham,
            "delete" => Action::Delete,
            _ => return None,
        })
    }
}

/// Which comments a queue listing shows. Text filters match case-insensitively anywhere.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueFilter {
    /// Statuses to show; empty means every status.
    pub statuses: Vec<Status>,
    /// Sites to show; `None` means every site.
    pub site_ids: Option<Vec<i64>>,
    /// Text in the comment.
    pub text: String,
    /// Text in the author's name.
    pub author: String,
    /// Text in the author's e-mail address.
    pub email: String,
    /// `LIKE` pattern the stored client IP must match (empty: any).
    pub ip_prefix: String,
    /// Only comments with a larger id (0: all).
    pub after_id: i64,
    /// Most rows returned.
    pub limit: i64,
    /// Rows skipped (newest first).
    pub offset: i64,
}

/// One row of the queue.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueItem {
    /// The comment.
    pub comment: Comment,
    /// Its thread.
    pub thread: Thread,
    /// Its site's name.
    pub site_name: String,
    /// Other approved comments by the same e-mail address on the same site.
    pub approved_by_author: i64,
}

/// A search as typed into the queue form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// `queue` (pending and spam, the default), `pending`, `spam`, `approved`, `deleted`, `all`.
    pub status: String,
    /// A site name, or empty for every site the user moderates.
    pub site: String,
    /// Text in the comment.
    pub text: String,
    /// Text in the author's name.
    pub author: String,
    /// Text in the author's e-mail address.
    pub email: String,
    /// An IP address or network: matches comments from the same /24 (IPv6: /48), the form IPs
    /// are kept in after truncation, whether the stored IP is still whole or already cut.
    pub ip: String,
    /// Page number, from 1.
    pub page: i64,
}

/// Rows per queue page.
pub const PAGE_SIZE: i64 = 50;

/// The outcome of an action.
#[derive(Debug, Clone, PartialEq)]
pub struct Acted {
    /// The comment, as it is now.
    pub comment: Comment,
    /// Its status before.
    pub before: Status,
    /// Its site.
    pub site: Site,
    /// Its thread.
    pub thread: Thread,
}

/// The moderation queue over the comment workflow's store.
#[derive(Clone)]
pub struct Queue {
    comments: Comments,
    store: Arc<dyn Store>,
    limits: Limits,
}

impl Queue {
    /// A queue over the comment workflow (its store, and its limits for edits).
    pub fn new(comments: Comments) -> Self {
        Queue {
            store: comments.store().clone(),
            limits: comments.settings().limits,
            comments,
        }
    }

    /// The comment workflow the queue acts through.
    pub fn comments(&self) -> &Comments {
        &self.comments
    }

    /// The sites `user` moderates, by name.
    ///
    /// # Errors
    /// When the store fails.
    pub async fn sites(&self, user: &User) -> Result<Vec<Site>> {
        let mut all = self.store.sites().await?;
        all.retain(|s| user.may_moderate(s));
        Ok(all)
    }

    /// A site `user` moderates, by name.
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown site, [`Error::Forbidden`] for another's site.
    pub async fn site(&self, user: &User, name: &str) -> Result<Site> {
        let site = self
            .store
            .site_by_name(name)
            .await?
            .ok_or(Error::NotFound("site"))?;
        if !user.may_moderate(&site) {
            return Err(Error::Forbidden(format!(
                "you do not moderate the site '{}'",
                site.name
            )));
        }
        Ok(site)
    }

    /// The comments matching a search, among the sites `user` moderates, newest first.
    ///
    /// # Errors
    /// [`Error::Invalid`] for an unknown status, [`Error::Forbidden`] for a site the user does
    /// not moderate, [`Error::NotFound`] for an unknown site.
    pub async fn search(&self, user: &User, search: &Search) -> Result<Vec<QueueItem>> {
        let statuses = match search.status.trim() {
            "" | "queue" => vec![Status::Pending, Status::Spam],
            "all" => Vec::new(),
            s => vec![Status::parse(s).ok_or_else(|| {
                Error::field(
                    "status",
                    "must be queue, pending, spam, approved, deleted or all",
                )
            })?],
        };
        let site_ids = if !search.site.trim().is_empty() {
            Some(vec![self.site(user, search.site.trim()).await?.id])
        } else if user.is_admin() {
            None
        } else {
            Some(self.sites(user).await?.iter().map(|s| s.id).collect())
        };
        // An IP is matched by its network only: what the server keeps after truncation.
        let network = match search.ip.trim() {
            "" => None,
            ip => {
                let net = crate::retention::truncate_ip(ip.split('/').next().unwrap_or(ip))
                    .ok_or_else(|| Error::field("ip", "is not an IP address"))?;
                // IPv4 networks are a text prefix of both forms; IPv6 addresses are written
                // compressed, so they are narrowed by their first group and checked below.
                let pattern = match net.strip_suffix(".0/24") {
                    Some(v4) => format!("{v4}.%"),
                    None => format!("{}:%", net.split(':').next().unwrap_or("")),
                };
                Some((net, pattern))
            }
        };
        let filter = QueueFilter {
            statuses,
            site_ids,
            text: search.text.trim().to_owned(),
            author: search.author.trim().to_owned(),
            email: search.email.trim().to_owned(),
            ip_prefix: network.as_ref().map(|n| n.1.clone()).unwrap_or_default(),
            after_id: 0,
            limit: PAGE_SIZE,
            offset: (search.page.clamp(1, 1_000_000) - 1) * PAGE_SIZE,
        };
        let mut items = self.store.moderation_queue(&filter).await?;
        if let Some((net, _)) = &network {
            items.retain(|i| {
                i.comment.ip.as_deref().is_some_and(|ip| {
                    ip == net || crate::retention::truncate_ip(ip).as_deref() == Some(net.as_str())
                })
            });
        }
        Ok(items)
    }

    /// A comment with its thread and site, if `user` moderates its site.
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown comment, [`Error::Forbidden`] for another's site.
    pub async fn comment(&self, user: &User, id: i64) -> Result<(Comment, Thread, Site)> {
        let c = self
            .store
            .comment(id)
            .await?
            .ok_or(Error::NotFound("comment"))?;
        let thread = self
            .store
            .thread(c.thread_id)
            .await?
            .ok_or(Error::NotFound("thread"))?;
        let site = self
            .store
            .site(thread.site_id)
            .await?
            .ok_or(Error::NotFound("site"))?;
        if !user.may_moderate(&site) {
            return Err(Error::Forbidden(format!(
                "comment {id} belongs to the site '{}', which you do not moderate",
                site.name
            )));
        }
        Ok((c, thread, site))
    }

    /// Applies a decision to one comment: changes its status, teaches the site's filter (see
    /// [`Queue::act_many`]) and writes the audit log.
    ///
    /// # Errors
    /// As [`Queue::comment`]; [`Error::Store`] when the store fails.
    pub async fn act(&self, user: &User, id: i64, action: Action, now: i64) -> Result<Acted> {
        let mut acted = self.act_many(user, &[id], action, now).await?;
        acted.pop().ok_or(Error::NotFound("comment"))
    }

    /// Applies one decision to many comments. Every comment is checked first: when any is
    /// unknown or outside the user's sites, nothing is changed.
    ///
    /// Decisions teach each comment's site: "spam" on a comment that was not spam teaches
    /// spam; "approve" or "not spam" on a held comment (pending or spam) teaches not spam;
    /// "delete" teaches nothing. Every change is written to the audit log.
    ///
    /// # Errors
    /// As [`Queue::comment`]; [`Error::Store`] when the store fails.
    pub async fn act_many(
        &self,
        user: &User,
        ids: &[i64],
        action: Action,
        now: i64,
    ) -> Result<Vec<Acted>> {
        let mut checked = Vec::with_capacity(ids.len());
        for id in ids {
            checked.push(self.comment(user, *id).await?);
        }
        let status = match action {
            Action::Approve | Action::Ham => Status::Approved,
            Action::Spam => Status::Spam,
            Action::Delete => Status::Deleted,
        };
        let mut out = Vec::with_capacity(ids.len());
        for (c, thread, site) in checked {
            let comment = if c.status == status {
                c.clone()
            } else {
                self.store.set_status(c.id, status).await?
            };
            out.push(Acted {
                comment,
                before: c.status,
                site,
                thread,
            });
        }
        let lesson: Vec<Comment> = out
            .iter()
            .filter(|a| match action {
                Action::Spam => a.before != Status::Spam,
                Action::Approve | Action::Ham => {
                    matches!(a.before, Status::Pending | Status::Spam)
                }
                Action::Delete => false,
            })
            .map(|a| a.comment.clone())
            .collect();
        if !lesson.is_empty() {
            self.comments
                .learn_from(&lesson, action == Action::Spam, now)
                .await?;
        }
        for a in &out {
            self.audit(
                user,
                a,
                &format!("comment.{}", action.as_str()),
                &format!("{} -> {}", a.before.as_str(), a.comment.status.as_str()),
                now,
            )
            .await?;
        }
        tracing::info!(
            comments = out.len(),
            taught = lesson.len(),
            user = %user.name,
            action = action.as_str(),
            "moderation decision"
        );
        Ok(out)
    }

    async fn audit(
        &self,
        user: &User,
        a: &Acted,
        action: &str,
        details: &str,
        now: i64,
    ) -> Result<()> {
        self.store
            .append_audit(&NewAuditEntry {
                at: now,
                actor: user.name.clone(),
                action: action.to_owned(),
                site_id: Some(a.site.id),
                subject: format!("comment:{}", a.comment.id),
                details: details.to_owned(),
            })
            .await?;
        Ok(())
    }

    /// The newest audit entries about the sites `user` moderates (all entries for admins).
    ///
    /// # Errors
    /// When the store fails.
    pub async fn audit_log(&self, user: &User, limit: i64) -> Result<Vec<(AuditEntry, String)>> {
        let sites = self.store.sites().await?;
        let name_of = |id: Option<i64>| {
            id.and_then(|id| sites.iter().find(|s| s.id == id))
                .map(|s| s.name.clone())
                .unwrap_or_default()
        };
        let entries = self.store.audit_log(limit).await?;
        Ok(entries
            .into_iter()
            .filter(|e| {
                user.is_admin()
                    || e.site_id
                        .and_then(|id| sites.iter().find(|s| s.id == id))
                        .is_some_and(|s| user.may_moderate(s))
            })
            .map(|e| {
                let name = name_of(e.site_id);
                (e, name)
            })
            .collect())
    }

    /// Replaces a comment's text.
    ///
    /// # Errors
    /// As [`Queue::comment`]; [`Error::Invalid`] for an empty or too long text.
    pub async fn edit(&self, user: &User, id: i64, text: &str, now: i64) -> Result<Acted> {
        let (c, thread, site) = self.comment(user, id).await?;
        if c.status == Status::Deleted {
            return Err(Error::Forbidden(
                "a deleted comment cannot be edited".into(),
            ));
        }
        let body = Body::parse(text, &self.limits).map_err(|e| Error::Invalid(vec![e]))?;
        let html = retort_textproc::render_markdown(body.as_str());
        let comment = self
            .store
            .update_body(id, body.as_str(), &html, now)
            .await?;
        let acted = Acted {
            comment,
            before: c.status,
            site,
            thread,
        };
        self.audit(user, &acted, "comment.edit", "text replaced", now)
            .await?;
        Ok(acted)
    }

    /// Publishes a reply to an approved comment, signed with the site's title.
    ///
    /// # Errors
    /// As [`Queue::comment`]; [`Error::Forbidden`] when the comment is not published;
    /// [`Error::Invalid`] for an empty or too long text.
    pub async fn reply(&self, user: &User, id: i64, text: &str, now: i64) -> Result<Acted> {
        let (c, thread, site) = self.comment(user, id).await?;
        if c.status != Status::Approved {
            return Err(Error::Forbidden(
                "only a published comment can be replied to; approve it first".into(),
            ));
        }
        let body = Body::parse(text, &self.limits).map_err(|e| Error::Invalid(vec![e]))?;
        let author = if site.title.trim().is_empty() {
            site.name.clone()
        } else {
            site.title.clone()
        };
        let new = NewComment {
            thread_id: thread.id,
            parent_id: Some(c.id),
            author,
            email: String::new(),
            website: String::new(),
            body_md: body.as_str().to_owned(),
            body_html: retort_textproc::render_markdown(body.as_str()),
            status: Status::Approved,
            created_at: now,
            ip: None,
            user_agent: None,
            referrer: None,
            spam_score: 0.0,
            spam_reasons: vec![format!("reply by {} for the site", user.name)],
            edit_token_hash: String::new(),
        };
        let comment = self.store.insert_comment(&new).await?;
        let acted = Acted {
            comment,
            before: Status::Approved,
            site,
            thread,
        };
        self.audit(
            user,
            &acted,
            "comment.reply",
            &format!("reply to comment {id}"),
            now,
        )
        .await?;
        Ok(acted)
    }
}
