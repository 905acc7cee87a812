//! The storage interface the domain needs. `retort-storage` implements it for SQLite and
//! PostgreSQL; both must pass the same conformance suite.

use async_trait::async_trait;

use crate::admin::account::User;
use crate::admin::moderation::{QueueFilter, QueueItem};
use crate::apikey::{ApiKey, UsageRow};
use crate::comment::{Comment, NewComment, Status};
use crate::site::{Site, SiteSpec};
use crate::thread::{Thread, ThreadSummary};

/// Storage errors.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The row to change does not exist.
    #[error("not found")]
    NotFound,
    /// The database failed or is unreachable.
    #[error("database error: {0}")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// Result with the storage [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything Retort keeps, behind one interface.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Checks that the database answers.
    async fn ping(&self) -> Result<()>;

    /// Creates the site or updates its settings; returns it.
    async fn upsert_site(&self, spec: &SiteSpec) -> Result<Site>;
    /// A site by name.
    async fn site_by_name(&self, name: &str) -> Result<Option<Site>>;
    /// A site by id.
    async fn site(&self, id: i64) -> Result<Option<Site>>;
    /// All sites, by name.
    async fn sites(&self) -> Result<Vec<Site>>;

    /// A thread by id.
    async fn thread(&self, id: i64) -> Result<Option<Thread>>;
    /// A site's thread by article URL.
    async fn thread_by_url(&self, site_id: i64, url: &str) -> Result<Option<Thread>>;
    /// Returns the site's thread for `url`, creating it with `title` when there is none.
    async fn ensure_thread(&self, site_id: i64, url: &str, title: &str, now: i64)
    -> Result<Thread>;
    /// All threads with published-comment counts, newest first.
    async fn threads(&self) -> Result<Vec<ThreadSummary>>;

    /// Stores a comment durably. An approved comment gets the thread's next display number.
    async fn insert_comment(&self, new: &NewComment) -> Result<Comment>;
    /// A comment by id.
    async fn comment(&self, id: i64) -> Result<Option<Comment>>;
    /// All comments of a thread, any status, oldest first.
    async fn comments(&self, thread_id: i64) -> Result<Vec<Comment>>;
    /// Replaces a comment's body (author edit).
    async fn update_body(
        &self,
        id: i64,
        body_md: &str,
        body_html: &str,
        now: i64,
    ) -> Result<Comment>;
    /// Changes a comment's status; the first publication assigns the display number.
    async fn set_status(&self, id: i64, status: Status) -> Result<Comment>;
    /// Approved comments by this e-mail address on the site (author reputation).
    async fn approved_by_email(&self, site_id: i64, email: &str) -> Result<i64>;
    /// Published-comment counts of a site's threads, for the given URLs (unknown URLs omitted).
    async fn counts(&self, site_id: i64, urls: &[String]) -> Result<Vec<(String, i64)>>;

    // Admin: users, sessions, moderation.
    /// Creates the staff account with this name, or replaces its password, role and sites.
    async fn save_admin_user(&self, new: &crate::admin::account::NewUser) -> Result<User>;
    /// A staff account by login name.
    async fn admin_user_by_name(&self, name: &str) -> Result<Option<User>>;
    /// Every staff account, by name.
    async fn admin_users(&self) -> Result<Vec<User>>;
    /// Stores a session (by the hash of its token) until `expires_at`.
    async fn create_admin_session(
        &self,
        token_hash: &str,
        user_id: i64,
        now: i64,
        expires_at: i64,
    ) -> Result<()>;
    /// The user of the session with this token hash, unless it expired by `now`.
    async fn admin_session(&self, token_hash: &str, now: i64) -> Result<Option<User>>;
    /// Ends a session.
    async fn delete_admin_session(&self, token_hash: &str) -> Result<()>;
    /// Deletes sessions that expired by `now`; returns how many.
    async fn purge_admin_sessions(&self, now: i64) -> Result<u64>;
    /// Comments matching a moderation filter, newest first, with thread, site name and the
    /// author's other approved comments on the site.
    async fn moderation_queue(&self, filter: &QueueFilter) -> Result<Vec<QueueItem>>;
    /// Replaces a site's title, origins, language, moderation policy and admin-owned policy.
    async fn update_site(&self, site: &Site) -> Result<Site>;
    /// Revokes the key with this id; false when there is no such active key.
    async fn revoke_api_key_by_id(&self, id: i64, now: i64) -> Result<bool>;
    /// Records a (not yet confirmed) request to hear of replies to a comment.
    async fn subscribe_replies(&self, comment_id: i64, now: i64) -> Result<()>;
    /// Confirms a comment's reply subscription; false when there is none.
    async fn confirm_replies(&self, comment_id: i64, now: i64) -> Result<bool>;
    /// Ends a comment's reply subscription; false when there was none.
    async fn unsubscribe_replies(&self, comment_id: i64) -> Result<bool>;
    /// Whether a comment has a confirmed reply subscription.
    async fn replies_confirmed(&self, comment_id: i64) -> Result<bool>;
    /// Approved replies to comments with a confirmed subscription, posted after it was asked
    /// for and not yet announced, oldest first: (reply, the comment replied to).
    async fn unannounced_replies(&self, limit: i64) -> Result<Vec<(Comment, Comment)>>;
    /// Claims a reply's announcement; false when it was already claimed.
    async fn claim_reply_notice(&self, reply_id: i64, now: i64) -> Result<bool>;

    /// Stores a new API key (by its hash) for a site URL.
    async fn create_api_key(
        &self,
        key_hash: &str,
        hint: &str,
        site_url: &str,
        now: i64,
    ) -> Result<ApiKey>;
    /// A key by its hash.
    async fn api_key_by_hash(&self, key_hash: &str) -> Result<Option<ApiKey>>;
    /// All keys, oldest first.
    async fn api_keys(&self) -> Result<Vec<ApiKey>>;
    /// Revokes the key with this hash; false when there is no such active key.
    async fn revoke_api_key(&self, key_hash: &str, now: i64) -> Result<bool>;
    /// Adds counts (`delta.site` names the site) to a key's usage in a month (`YYYY-MM`).
    async fn add_usage(&self, key_id: i64, month: &str, delta: &UsageRow) -> Result<()>;
    /// A key's usage in a month, per site.
    async fn usage(&self, key_id: i64, month: &str) -> Result<Vec<UsageRow>>;
    /// A learned model layer (per site or per key), as bytes.
    async fn model_layer(&self, scope: &str) -> Result<Option<Vec<u8>>>;
    /// Stores a learned model layer.
    async fn save_model_layer(&self, scope: &str, data: &[u8], now: i64) -> Result<()>;

    /// Imports a validated export in one transaction: sites are matched by name, threads by
    /// site and URL, comments are added with their numbers, statuses and dates.
    async fn import_dump(&self, dump: &crate::dump::Dump) -> Result<crate::dump::ImportReport>;

    /// Opens the single transaction of an import (`retort import wordpress|disqus`): everything
    /// written through it is committed together by [`ImportTx::commit`], or rolled back when it
    /// is dropped.
    async fn begin_import(&self) -> Result<Box<dyn ImportTx>>;

    /// A stored setting (for example the server's signing secret).
    async fn setting(&self, key: &str) -> Result<Option<String>>;
    /// Stores a setting if it is not set yet; returns the value now stored.
    async fn init_setting(&self, key: &str, value: &str) -> Result<String>;
    /// Stores a setting, replacing any value.
    async fn set_setting(&self, key: &str, value: &str) -> Result<()>;
    /// Replaces a setting's value only if it is still `expected`; true when this call changed
    /// it. Lets several instances share a bookmark without doing the same work twice.
    async fn swap_setting(&self, key: &str, expected: &str, value: &str) -> Result<bool>;
    /// Takes one request from the rate-limit bucket `key`, atomically for every instance on
    /// this store: `burst` requests at once, refilled one per `interval_ms` (GCRA). False when
    /// the bucket is empty (nothing is taken then).
    async fn take_rate_token(
        &self,
        key: &str,
        interval_ms: i64,
        burst: u32,
        now: i64,
    ) -> Result<bool>;
    /// Forgets rate-limit buckets that are full again by `now`.
    async fn purge_rate_tokens(&self, now: i64) -> Result<u64>;

    // Data rights, retention, audit and mail.

    /// All comments written with this (normalised) e-mail address, on every site, oldest first.
    async fn comments_by_email(&self, email: &str) -> Result<Vec<Comment>>;
    /// Erases an address's data in one transaction: comments on sites whose policy is
    /// `anonymise` keep their text under "Anonymous"; the others lose text and author; queued
    /// mail to the address is dropped and its self-service links are spent.
    async fn erase_author(&self, email: &str, now: i64) -> Result<crate::privacy::Erased>;
    /// Stores a self-service link (by the SHA-256 of its token).
    async fn create_privacy_link(
        &self,
        token_hash: &str,
        email: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<()>;
    /// A self-service link by the SHA-256 of its token.
    async fn privacy_link(&self, token_hash: &str) -> Result<Option<crate::privacy::StoredLink>>;
    /// Removes links that expired before `now`.
    async fn purge_privacy_links(&self, now: i64) -> Result<u64>;
    /// Cuts IPs of comments created before `before` to their networks
    /// ([`crate::retention::truncate_ip`]).
    async fn truncate_ips(&self, before: i64) -> Result<u64>;
    /// Removes IPs of comments created before `before`.
    async fn erase_ips(&self, before: i64) -> Result<u64>;
    /// Removes user agents and referrers of comments created before `before`.
    async fn erase_agents(&self, before: i64) -> Result<u64>;
    /// Removes the text of deleted comments that still have one.
    async fn erase_deleted_texts(&self) -> Result<u64>;

    /// Appends to the audit log.
    async fn append_audit(&self, entry: &crate::audit::NewAuditEntry) -> Result<()>;
    /// The newest `limit` audit entries, newest first.
    async fn audit_log(&self, limit: i64) -> Result<Vec<crate::audit::AuditEntry>>;

    /// Queues a message; returns its id.
    async fn enqueue_mail(&self, mail: &crate::mail::NewMail) -> Result<i64>;
    /// Claims up to `limit` messages due at `now` for `lease_ms` (so that several instances do
    /// not send the same message).
    async fn claim_mail(
        &self,
        now: i64,
        lease_ms: i64,
        limit: i64,
    ) -> Result<Vec<crate::mail::Mail>>;
    /// Removes a sent message from the queue.
    async fn mail_sent(&self, id: i64) -> Result<()>;
    /// Records a failed attempt; the message is tried again at `next_attempt_at`.
    async fn mail_failed(&self, id: i64, next_attempt_at: i64, error: &str) -> Result<()>;
    /// Messages to this address still queued.
    async fn queued_mail_to(&self, email: &str) -> Result<u64>;
    /// Messages still queued.
    async fn queued_mail(&self) -> Result<u64>;
}

/// An import's open transaction (see [`Store::begin_import`]). Dropping it without
/// [`ImportTx::commit`] rolls everything back.
#[async_trait]
pub trait ImportTx: Send {
    /// The import keys of the site's stored comments: (key, comment id, thread id).
    async fn import_keys(&mut self, site_id: i64) -> Result<Vec<(String, i64, i64)>>;
    /// The site's thread for `url`, created with `title` and `created_at` when there is none.
    async fn thread(
        &mut self,
        site_id: i64,
        url: &str,
        title: &str,
        created_at: i64,
    ) -> Result<crate::import::ImportThread>;
    /// Stores an imported comment with its number, kind and import key; returns its id.
    async fn insert(&mut self, c: &crate::import::ImportedComment) -> Result<i64>;
    /// Sets a comment's parent (for a reply stored before its parent).
    async fn set_parent(&mut self, id: i64, parent_id: i64) -> Result<()>;
    /// Brings the threads' number counters up to date and commits.
    async fn commit(self: Box<Self>) -> Result<()>;
}
