//! Posting, editing and deleting comments: the one workflow both the HTML form and the JSON API
//! go through.

use std::sync::Arc;

use crate::comment::{AuthorName, Body, Comment, Email, Limits, NewComment, Status, Website};
use crate::learning::{Learning, site_scope};
use crate::site::{Moderation, Site};
use crate::spam::{Label, SpamFilter, Submission, Verdict};
use crate::store::Store;
use crate::thread::Thread;
use crate::token::{self, FormSigner};
use crate::{Error, FieldError, Result};

/// Settings of the comment workflow, from configuration.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Field length limits.
    pub limits: Limits,
    /// How long after posting its author may edit or delete a comment, in seconds.
    pub edit_window_secs: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            limits: Limits::default(),
            edit_window_secs: 15 * 60,
        }
    }
}

/// Which thread a draft is for.
#[derive(Debug, Clone, PartialEq)]
pub enum ThreadRef {
    /// An existing thread, by id.
    Id(i64),
    /// An existing thread the caller has already loaded.
    Known(Thread),
    /// An article URL of the site; the thread is opened on the first comment.
    Url {
        /// The article's canonical URL.
        url: String,
        /// The article's title, used when the thread is opened.
        title: String,
    },
}

/// A comment as submitted, not yet validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The thread.
    pub thread: ThreadRef,
    /// The comment replied to.
    pub parent: Option<i64>,
    /// Author name.
    pub author: String,
    /// Author e-mail.
    pub email: String,
    /// Author website.
    pub website: String,
    /// Markdown text.
    pub text: String,
    /// The honeypot field.
    pub honeypot: String,
    /// The signed form token, if the client sent one.
    pub form_token: Option<String>,
    /// Client IP (after trusted-proxy resolution).
    pub ip: Option<String>,
    /// Client user agent.
    pub user_agent: Option<String>,
    /// Referrer.
    pub referrer: Option<String>,
}

/// The result of posting.
#[derive(Debug, Clone)]
pub struct Posted {
    /// The stored comment.
    pub comment: Comment,
    /// Its thread.
    pub thread: Thread,
    /// Its site.
    pub site: Site,
    /// The secret that lets its author edit or delete it; shown once, stored only as a hash.
    pub edit_token: String,
    /// Until when the token works, Unix milliseconds.
    pub edit_until: i64,
    /// The filter's verdict.
    pub verdict: Verdict,
}

/// The comment workflow.
#[derive(Clone)]
pub struct Comments {
    store: Arc<dyn Store>,
    filter: Arc<dyn SpamFilter>,
    signer: FormSigner,
    settings: Settings,
    learning: Option<Arc<Learning>>,
}

impl Comments {
    /// Builds the workflow over a store and a filter.
    pub fn new(
        store: Arc<dyn Store>,
        filter: Arc<dyn SpamFilter>,
        signer: FormSigner,
        settings: Settings,
    ) -> Self {
        Comments {
            store,
            filter,
            signer,
            settings,
            learning: None,
        }
    }

    /// Classifies with each site's learned layer, and lets [`Comments::learn_from`] teach it.
    #[must_use]
    pub fn with_learning(mut self, learning: Arc<Learning>) -> Self {
        self.learning = Some(learning);
        self
    }

    /// The learning path, when the filter learns.
    pub fn learning(&self) -> Option<&Arc<Learning>> {
        self.learning.as_ref()
    }

    /// Teaches the site of a stored comment that it is spam (`true`) or not: the path of
    /// moderators' decisions and of imports with `--learn`. Does nothing when the filter does
    /// not learn.
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown comment; store failures.
    pub async fn learn_from(&self, comments: &[Comment], is_spam: bool, now: i64) -> Result<()> {
        let Some(learning) = &self.learning else {
            return Ok(());
        };
        let mut by_site: std::collections::BTreeMap<i64, Vec<retort_classifier::Comment>> =
            std::collections::BTreeMap::new();
        for c in comments {
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
            let submission = Submission {
                text: c.body_md.clone(),
                links: c.body_html.matches("<a ").count(),
                author: c.author.clone(),
                email: c.email.clone(),
                website: c.website.clone(),
                ip: c.ip.clone().unwrap_or_default(),
                user_agent: c.user_agent.clone().unwrap_or_default(),
                referrer: c.referrer.clone().unwrap_or_default(),
                permalink: thread.url.clone(),
                article_title: thread.title.clone(),
                ..Submission::default()
            };
            by_site
                .entry(site.id)
                .or_default()
                .push(crate::spam::ModelFilter::comment(&site, &submission));
        }
        for (site_id, examples) in by_site {
            learning
                .teach_many(&site_scope(site_id), &examples, is_spam, now)
                .await?;
        }
        Ok(())
    }

    /// The store.
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    /// The server's signer (form tokens and keyed hashes).
    pub fn signer(&self) -> &FormSigner {
        &self.signer
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// A fresh signed form token for a site's comment form.
    pub fn form_token(&self, site_id: i64, now: i64) -> String {
        self.signer.issue(site_id, now)
    }

    /// Resolves a site by name.
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown site.
    pub async fn site(&self, name: &str) -> Result<Site> {
        self.store
            .site_by_name(name)
            .await?
            .ok_or(Error::NotFound("site"))
    }

    /// Validates, filters and stores a new comment.
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown site or thread, [`Error::Invalid`] with every bad field,
    /// [`Error::Forbidden`] when the article URL is outside the site's origins.
    #[tracing::instrument(skip_all, fields(site = %site.name))]
    pub async fn post(&self, site: Site, draft: Draft, now: i64) -> Result<Posted> {
        let limits = &self.settings.limits;
        let mut errors: Vec<FieldError> = Vec::new();
        let author = AuthorName::parse(&draft.author, limits)
            .map_err(|e| errors.push(e))
            .ok();
        let email = Email::parse(&draft.email, limits)
            .map_err(|e| errors.push(e))
            .ok();
        let website = Website::parse(&draft.website, limits)
            .map_err(|e| errors.push(e))
            .ok();
        let body = Body::parse(&draft.text, limits)
            .map_err(|e| errors.push(e))
            .ok();

        let thread = match &draft.thread {
            ThreadRef::Id(id) => {
                let t = self
                    .store
                    .thread(*id)
                    .await?
                    .filter(|t| t.site_id == site.id);
                t.ok_or(Error::NotFound("thread"))?
            }
            ThreadRef::Known(t) if t.site_id == site.id => t.clone(),
            ThreadRef::Known(_) => return Err(Error::NotFound("thread")),
            ThreadRef::Url { url, title } => {
                let parsed = url::Url::parse(url.trim())
                    .ok()
                    .filter(|u| u.scheme() == "http" || u.scheme() == "https");
                let Some(parsed) = parsed else {
                    return Err(Error::field(
                        "url",
                        "must be an absolute http(s) URL of the article",
                    ));
                };
                match self.store.thread_by_url(site.id, url.trim()).await? {
                    Some(t) => t,
                    None => {
                        if !site.allows_article_url(&parsed) {
                            return Err(Error::Forbidden(format!(
                                "the URL's origin is not one of site '{}''s allowed origins",
                                site.name
                            )));
                        }
                        if !errors.is_empty() {
                            return Err(Error::Invalid(errors));
                        }
                        let title = if title.trim().is_empty() {
                            url.trim()
                        } else {
                            title.trim()
                        };
                        let title: String = title.chars().take(300).collect();
                        self.store
                            .ensure_thread(site.id, url.trim(), &title, now)
                            .await?
                    }
                }
            }
        };

        if site.policy.closed(thread.created_at, now) {
            return Err(Error::Forbidden(
                "comments are closed on this thread".into(),
            ));
        }

        if let Some(pid) = draft.parent {
            match self.store.comment(pid).await? {
                Some(p) if p.thread_id == thread.id && p.status == Status::Approved => {}
                _ => errors.push(FieldError {
                    field: "parent",
                    message: "the comment you reply to does not exist in this thread".into(),
                }),
            }
        }
        let (Some(author), Some(email), Some(website), Some(body), true) =
            (author, email, website, body, errors.is_empty())
        else {
            return Err(Error::Invalid(errors));
        };
        let (author, email, website) = (
            author.into_inner(),
            email.into_inner(),
            website.into_inner(),
        );

        let body_html = retort_textproc::render_markdown(body.as_str());
        let links = body_html.matches("<a ").count();
        let seconds_to_submit = draft
            .form_token
            .as_deref()
            .and_then(|t| self.signer.age_seconds(t, site.id, now));
        let submission = Submission {
            text: body.as_str().to_owned(),
            links,
            author: author.clone(),
            email: email.clone(),
            website: website.clone(),
            ip: draft.ip.clone().unwrap_or_default(),
            user_agent: draft.user_agent.clone().unwrap_or_default(),
            referrer: draft.referrer.clone().unwrap_or_default(),
            permalink: thread.url.clone(),
            article_title: thread.title.clone(),
            honeypot: draft.honeypot.clone(),
            seconds_to_submit,
            author_approved_comments: 0,
        };
        // Reputation can only make a verdict milder, so it is looked up only when the comment
        // would otherwise be held: most comments cost no extra query.
        let mut submission = submission;
        let layer = match &self.learning {
            Some(l) => Some(l.layer(&site_scope(site.id), now).await?),
            None => None,
        };
        let judge = |s: &Submission| match &layer {
            Some(l) => self.filter.check_for_site(&site, s, l),
            None => self.filter.check(&site, s),
        };
        let mut verdict = judge(&submission);
        let mut approved_before = None;
        if verdict.label != Label::Ham {
            let approved = self.store.approved_by_email(site.id, &email).await?;
            approved_before = Some(approved);
            if approved > 0 {
                submission.author_approved_comments = u32::try_from(approved).unwrap_or(u32::MAX);
                verdict = judge(&submission);
            }
        }
        if let Some(reason) = site.policy.blocked_reason(body.as_str(), &website, &email) {
            verdict.score = verdict.score.max(0.9);
            if verdict.label == Label::Ham {
                verdict.label = Label::Spam;
            }
            verdict.reasons.push(reason);
        }
        let status = match verdict.label {
            Label::Ham => {
                let approved = match (site.moderation, approved_before) {
                    (Moderation::FirstComment, None) => {
                        self.store.approved_by_email(site.id, &email).await?
                    }
                    (_, a) => a.unwrap_or(0),
                };
                if site.moderation.holds(links, approved) {
                    Status::Pending
                } else {
                    Status::Approved
                }
            }
            Label::Spam | Label::Discard => Status::Spam,
        };
        let edit_token =
            token::random_hex(16).map_err(|e| crate::store::Error::Backend(Box::new(e)))?;
        let new = NewComment {
            thread_id: thread.id,
            parent_id: draft.parent,
            author,
            email,
            website,
            body_md: body.as_str().to_owned(),
            body_html,
            status,
            created_at: now,
            ip: draft.ip.filter(|s| !s.is_empty()),
            user_agent: draft
                .user_agent
                .filter(|s| !s.is_empty())
                .map(|s| s.chars().take(512).collect()),
            referrer: draft
                .referrer
                .filter(|s| !s.is_empty())
                .map(|s| s.chars().take(1024).collect()),
            spam_score: verdict.score,
            spam_reasons: verdict.reasons.clone(),
            edit_token_hash: token::hash_token(&edit_token),
        };
        let comment = self.store.insert_comment(&new).await?;
        tracing::info!(
            comment_id = comment.id,
            thread_id = thread.id,
            status = status.as_str(),
            "comment stored"
        );
        Ok(Posted {
            edit_until: now + self.edit_window_secs(&site) * 1000,
            comment,
            thread,
            site,
            edit_token,
            verdict,
        })
    }

    /// How long after posting its author may edit or delete a comment on `site`, in seconds
    /// (the site's own setting, else the server's).
    pub fn edit_window_secs(&self, site: &Site) -> i64 {
        site.policy
            .edit_window_minutes
            .map_or(self.settings.edit_window_secs, |m| i64::from(m) * 60)
    }

    async fn own_comment(&self, id: i64, token: &str, now: i64) -> Result<Comment> {
        let c = self
            .store
            .comment(id)
            .await?
            .ok_or(Error::NotFound("comment"))?;
        if !token::token_matches(token, &c.edit_token_hash) {
            return Err(Error::Forbidden(
                "the edit token does not match this comment".into(),
            ));
        }
        if c.status == Status::Deleted {
            return Err(Error::NotFound("comment"));
        }
        let site = match self.store.thread(c.thread_id).await? {
            Some(t) => self.store.site(t.site_id).await?,
            None => None,
        };
        let window = site.map_or(self.settings.edit_window_secs, |s| {
            self.edit_window_secs(&s)
        });
        if now - c.created_at > window * 1000 {
            return Err(Error::Forbidden(
                "the time to edit or delete this comment has passed".into(),
            ));
        }
        Ok(c)
    }

    /// Replaces the text of one's own comment, within the edit window.
    ///
    /// # Errors
    /// [`Error::NotFound`], [`Error::Forbidden`] for a wrong token or a closed window,
    /// [`Error::Invalid`] for a bad text.
    pub async fn edit(&self, id: i64, edit_token: &str, text: &str, now: i64) -> Result<Comment> {
        let c = self.own_comment(id, edit_token, now).await?;
        let body = Body::parse(text, &self.settings.limits).map_err(|e| Error::Invalid(vec![e]))?;
        let html = retort_textproc::render_markdown(body.as_str());
        Ok(self
            .store
            .update_body(c.id, body.as_str(), &html, now)
            .await?)
    }

    /// Deletes one's own comment within the edit window; its text is erased.
    ///
    /// # Errors
    /// [`Error::NotFound`], [`Error::Forbidden`] for a wrong token or a closed window.
    pub async fn delete(&self, id: i64, edit_token: &str, now: i64) -> Result<Comment> {
        let c = self.own_comment(id, edit_token, now).await?;
        self.store.update_body(c.id, "", "", now).await?;
        Ok(self.store.set_status(c.id, Status::Deleted).await?)
    }
}
