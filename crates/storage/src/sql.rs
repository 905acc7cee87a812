//! The SQL shared by both backends. Both dialects accept the same statements (`$n`
//! placeholders in ascending order, `RETURNING`, `ON CONFLICT`), so one macro implements
//! [`retort_domain::store::Store`] for each pool type; each backend module supplies only its
//! dialect-specific pieces (`COUNTS_SQL`, `urls_param`).

/// Binds a new comment's first sixteen columns, in the order `thread_id, parent_id, number,
/// author, email, website, body_md, body_html, status, created_at, ip, user_agent, referrer,
/// spam_score, spam_reasons, edit_token_hash` (the live insert and the import share it).
macro_rules! bind_new_comment {
    ($query:expr, $new:expr, $number:expr, $reasons:expr) => {
        $query
            .bind($new.thread_id)
            .bind($new.parent_id)
            .bind($number)
            .bind(&$new.author)
            .bind(&$new.email)
            .bind(&$new.website)
            .bind(&$new.body_md)
            .bind(&$new.body_html)
            .bind($new.status.as_str())
            .bind($new.created_at)
            .bind(&$new.ip)
            .bind(&$new.user_agent)
            .bind(&$new.referrer)
            .bind($new.spam_score)
            .bind($reasons)
            .bind(&$new.edit_token_hash)
    };
}

macro_rules! impl_store {
    ($store:ty, $db:ty) => {
        use async_trait::async_trait;
        use retort_domain::admin::account::{NewUser, Role, User};
        use retort_domain::admin::moderation::{QueueFilter, QueueItem};
        use retort_domain::apikey::{ApiKey, UsageRow};
        use retort_domain::comment::{Comment, Kind, NewComment, Status};
        use retort_domain::site::{Moderation, Site, SiteSpec};
        use retort_domain::store::{self, Store};
        use retort_domain::thread::{Thread, ThreadSummary};
        use sqlx::Row as _;

        type DbRow = <$db as sqlx::Database>::Row;
        type StoreResult<T> = store::Result<T>;

        const COMMENT_COLUMNS: &str = "id, thread_id, parent_id, number, author, email, website, body_md, body_html, \
             status, created_at, edited_at, ip, user_agent, referrer, spam_score, spam_reasons, edit_token_hash, kind, import_key";

        fn site_from_row(r: &DbRow) -> Result<Site, sqlx::Error> {
            let origins: String = r.try_get("origins")?;
            let moderation: String = r.try_get("moderation")?;
            let policy: String = r.try_get("policy")?;
            Ok(Site {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                title: r.try_get("title")?,
                origins: serde_json::from_str(&origins).unwrap_or_default(),
                lang: r.try_get("lang")?,
                moderation: Moderation::parse(&moderation),
                policy: serde_json::from_str(&policy).unwrap_or_default(),
                erasure: retort_domain::site::Erasure::parse(&r.try_get::<String, _>("erasure")?),
            })
        }

        fn user_from_row(r: &DbRow) -> Result<User, sqlx::Error> {
            let role: String = r.try_get("role")?;
            let sites: String = r.try_get("sites")?;
            Ok(User {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                password_hash: r.try_get("password_hash")?,
                // An unknown role reads as the least privileged one.
                role: Role::parse(&role).unwrap_or(Role::Moderator),
                sites: serde_json::from_str(&sites).unwrap_or_default(),
                email: r.try_get("email")?,
                created_at: r.try_get("created_at")?,
            })
        }

        fn key_from_row(r: &DbRow) -> Result<ApiKey, sqlx::Error> {
            Ok(ApiKey {
                id: r.try_get("id")?,
                hint: r.try_get("key_hint")?,
                site_url: r.try_get("site_url")?,
                created_at: r.try_get("created_at")?,
                revoked_at: r.try_get("revoked_at")?,
            })
        }

        fn thread_from_row(r: &DbRow) -> Result<Thread, sqlx::Error> {
            Ok(Thread {
                id: r.try_get("id")?,
                site_id: r.try_get("site_id")?,
                url: r.try_get("url")?,
                title: r.try_get("title")?,
                created_at: r.try_get("created_at")?,
            })
        }

        fn comment_from_row(r: &DbRow) -> Result<Comment, sqlx::Error> {
            let status: String = r.try_get("status")?;
            let reasons: String = r.try_get("spam_reasons")?;
            let kind: String = r.try_get("kind")?;
            Ok(Comment {
                id: r.try_get("id")?,
                thread_id: r.try_get("thread_id")?,
                parent_id: r.try_get("parent_id")?,
                number: r.try_get("number")?,
                author: r.try_get("author")?,
                email: r.try_get("email")?,
                website: r.try_get("website")?,
                body_md: r.try_get("body_md")?,
                body_html: r.try_get("body_html")?,
                status: Status::parse(&status).ok_or_else(|| sqlx::Error::Decode(format!("unknown status {status}").into()))?,
                created_at: r.try_get("created_at")?,
                edited_at: r.try_get("edited_at")?,
                ip: r.try_get("ip")?,
                user_agent: r.try_get("user_agent")?,
                referrer: r.try_get("referrer")?,
                spam_score: r.try_get("spam_score")?,
                spam_reasons: serde_json::from_str(&reasons).unwrap_or_default(),
                edit_token_hash: r.try_get("edit_token_hash")?,
                kind: Kind::parse(&kind).ok_or_else(|| sqlx::Error::Decode(format!("unknown kind {kind}").into()))?,
                import_key: r.try_get("import_key")?,
            })
        }


        /// Inserts one comment inside an open transaction (numbering it if it is approved).
        async fn insert_in_tx(tx: &mut sqlx::Transaction<'_, $db>, new: &NewComment) -> Result<Comment, sqlx::Error> {
            // Without a one-statement insert, the number is taken from the thread's counter first
            // (the row lock serialises concurrent writers).
            let number: Option<i64> = if ONE_STATEMENT_INSERT.is_none() && new.status == Status::Approved {
                let row = sqlx::query("UPDATE threads SET last_number = last_number + 1 WHERE id = $1 RETURNING last_number")
                    .bind(new.thread_id)
                    .fetch_one(&mut **tx)
                    .await?;
                Some(row.try_get(0)?)
            } else {
                None
            };
            let insert = ONE_STATEMENT_INSERT.unwrap_or(
                "INSERT INTO comments (thread_id, parent_id, number, author, email, website, body_md, body_html, status, \
                 created_at, ip, user_agent, referrer, spam_score, spam_reasons, edit_token_hash) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
            );
            let reasons = serde_json::Value::from(new.spam_reasons.clone()).to_string();
            let query = sqlx::query(sqlx::AssertSqlSafe(format!("{insert} RETURNING {COMMENT_COLUMNS}")));
            let row = crate::sql::bind_new_comment!(query, new, number, reasons)
                .fetch_one(&mut **tx)
                .await?;
            comment_from_row(&row)
        }

        /// Inserts comments in one transaction: all are stored, or none.
        async fn insert_batch(pool: &sqlx::Pool<$db>, batch: &[&NewComment]) -> Result<Vec<Comment>, sqlx::Error> {
            let mut tx = pool.begin().await?;
            let mut out = Vec::with_capacity(batch.len());
            for new in batch {
                out.push(insert_in_tx(&mut tx, new).await?);
            }
            tx.commit().await?;
            Ok(out)
        }

        /// An import's transaction; dropped without commit, it rolls back.
        struct SqlImportTx {
            tx: sqlx::Transaction<'static, $db>,
            /// Threads that received numbered comments.
            touched: std::collections::HashSet<i64>,
        }

        #[async_trait]
        impl store::ImportTx for SqlImportTx {
            async fn import_keys(&mut self, site_id: i64) -> StoreResult<Vec<(String, i64, i64)>> {
                // In pages, so that a large site's keys never sit in memory twice (rows and tuples).
                let mut out = Vec::new();
                let mut after = 0i64;
                loop {
                    let rows = sqlx::query(
                        "SELECT c.import_key, c.id, c.thread_id FROM comments c JOIN threads t ON t.id = c.thread_id \
                         WHERE t.site_id = $1 AND c.import_key IS NOT NULL AND c.id > $2 ORDER BY c.id LIMIT 5000",
                    )
                    .bind(site_id)
                    .bind(after)
                    .fetch_all(&mut *self.tx)
                    .await
                    .map_err(crate::backend_err)?;
                    let Some(last) = rows.last() else { break };
                    after = last.try_get(1).map_err(crate::backend_err)?;
                    for r in &rows {
                        out.push((
                            r.try_get(0).map_err(crate::backend_err)?,
                            r.try_get(1).map_err(crate::backend_err)?,
                            r.try_get(2).map_err(crate::backend_err)?,
                        ));
                    }
                }
                Ok(out)
            }

            async fn thread(
                &mut self,
                site_id: i64,
                url: &str,
                title: &str,
                created_at: i64,
            ) -> StoreResult<retort_domain::import::ImportThread> {
                let inserted = sqlx::query(
                    "INSERT INTO threads (site_id, url, title, created_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (site_id, url) DO NOTHING RETURNING id, last_number",
                )
                .bind(site_id)
                .bind(url)
                .bind(title)
                .bind(created_at)
                .fetch_optional(&mut *self.tx)
                .await
                .map_err(crate::backend_err)?;
                let (row, created) = match inserted {
                    Some(r) => (r, true),
                    None => (
                        sqlx::query("SELECT id, last_number FROM threads WHERE site_id = $1 AND url = $2")
                            .bind(site_id)
                            .bind(url)
                            .fetch_one(&mut *self.tx)
                            .await
                            .map_err(crate::backend_err)?,
                        false,
                    ),
                };
                Ok(retort_domain::import::ImportThread {
                    id: row.try_get(0).map_err(crate::backend_err)?,
                    last_number: row.try_get(1).map_err(crate::backend_err)?,
                    created,
                })
            }

            async fn insert(&mut self, c: &retort_domain::import::ImportedComment) -> StoreResult<i64> {
                let n = &c.new;
                let reasons = serde_json::Value::from(n.spam_reasons.clone()).to_string();
                let query = sqlx::query(
                    "INSERT INTO comments (thread_id, parent_id, number, author, email, website, body_md, body_html, status, \
                     created_at, ip, user_agent, referrer, spam_score, spam_reasons, edit_token_hash, kind, import_key) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id",
                );
                let row = crate::sql::bind_new_comment!(query, n, c.number, reasons)
                .bind(c.kind.as_str())
                .bind(&c.import_key)
                .fetch_one(&mut *self.tx)
                .await
                .map_err(crate::backend_err)?;
                if c.number.is_some() {
                    self.touched.insert(n.thread_id);
                }
                row.try_get(0).map_err(crate::backend_err)
            }

            async fn set_parent(&mut self, id: i64, parent_id: i64) -> StoreResult<()> {
                sqlx::query("UPDATE comments SET parent_id = $1 WHERE id = $2")
                    .bind(parent_id)
                    .bind(id)
                    .execute(&mut *self.tx)
                    .await
                    .map_err(crate::backend_err)?;
                Ok(())
            }

            async fn commit(mut self: Box<Self>) -> StoreResult<()> {
                for id in &self.touched {
                    sqlx::query(
                        "UPDATE threads SET last_number = (SELECT COALESCE(MAX(number), 0) FROM comments WHERE thread_id = $1) \
                         WHERE id = $1",
                    )
                    .bind(*id)
                    .execute(&mut *self.tx)
                    .await
                    .map_err(crate::backend_err)?;
                }
                self.tx.commit().await.map_err(crate::backend_err)
            }
        }

        impl $store {
            async fn fetch_comment(&self, id: i64) -> StoreResult<Option<Comment>> {
                let row = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {COMMENT_COLUMNS} FROM comments WHERE id = $1")))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                row.as_ref().map(comment_from_row).transpose().map_err(crate::backend_err)
            }
        }

        #[async_trait]
        impl Store for $store {
            async fn ping(&self) -> StoreResult<()> {
                sqlx::query("SELECT 1").execute(&self.pool).await.map_err(crate::backend_err)?;
                Ok(())
            }

            async fn upsert_site(&self, spec: &SiteSpec) -> StoreResult<Site> {
                let origins = serde_json::Value::from(spec.origins.clone()).to_string();
                let row = sqlx::query(
                    "INSERT INTO sites (name, title, origins, lang, moderation, erasure) VALUES ($1, $2, $3, $4, $5, $6) \
                     ON CONFLICT (name) DO UPDATE SET title = excluded.title, origins = excluded.origins, \
                     lang = excluded.lang, moderation = excluded.moderation, erasure = excluded.erasure \
                     RETURNING id, name, title, origins, lang, moderation, erasure, policy",
                )
                .bind(&spec.name)
                .bind(&spec.title)
                .bind(origins)
                .bind(&spec.lang)
                .bind(spec.moderation.as_str())
                .bind(spec.erasure.as_str())
                .fetch_one(&self.pool)
                .await
                .map_err(crate::backend_err)?;
                site_from_row(&row).map_err(crate::backend_err)
            }

            async fn site_by_name(&self, name: &str) -> StoreResult<Option<Site>> {
                let row = sqlx::query("SELECT id, name, title, origins, lang, moderation, erasure, policy FROM sites WHERE name = $1")
                    .bind(name)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                row.as_ref().map(site_from_row).transpose().map_err(crate::backend_err)
            }

            async fn site(&self, id: i64) -> StoreResult<Option<Site>> {
                let row = sqlx::query("SELECT id, name, title, origins, lang, moderation, erasure, policy FROM sites WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                row.as_ref().map(site_from_row).transpose().map_err(crate::backend_err)
            }

            async fn sites(&self) -> StoreResult<Vec<Site>> {
                let rows = sqlx::query("SELECT id, name, title, origins, lang, moderation, erasure, policy FROM sites ORDER BY name")
                    .fetch_all(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                rows.iter().map(site_from_row).collect::<Result<_, _>>().map_err(crate::backend_err)
            }

            async fn thread(&self, id: i64) -> StoreResult<Option<Thread>> {
                let row = sqlx::query("SELECT id, site_id, url, title, created_at FROM threads WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                row.as_ref().map(thread_from_row).transpose().map_err(crate::backend_err)
            }

            async fn thread_by_url(&self, site_id: i64, url: &str) -> StoreResult<Option<Thread>> {
                let row = sqlx::query("SELECT id, site_id, url, title, created_at FROM threads WHERE site_id = $1 AND url = $2")
                    .bind(site_id)
                    .bind(url)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                row.as_ref().map(thread_from_row).transpose().map_err(crate::backend_err)
            }

            async fn ensure_thread(&self, site_id: i64, url: &str, title: &str, now: i64) -> StoreResult<Thread> {
                sqlx::query(
                    "INSERT INTO threads (site_id, url, title, created_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (site_id, url) DO NOTHING",
                )
                .bind(site_id)
                .bind(url)
                .bind(title)
                .bind(now)
                .execute(&self.pool)
                .await
                .map_err(crate::backend_err)?;
                self.thread_by_url(site_id, url).await?.ok_or(store::Error::NotFound)
            }

            async fn threads(&self) -> StoreResult<Vec<ThreadSummary>> {
                let rows = sqlx::query(
                    "SELECT t.id, t.site_id, t.url, t.title, t.created_at, s.name AS site_name, \
                     (SELECT COUNT(*) FROM comments c WHERE c.thread_id = t.id AND c.status = 'approved') AS n \
                     FROM threads t JOIN sites s ON s.id = t.site_id ORDER BY t.created_at DESC, t.id DESC",
                )
                .fetch_all(&self.pool)
                .await
                .map_err(crate::backend_err)?;
                rows.iter()
                    .map(|r| -> Result<ThreadSummary, sqlx::Error> {
                        Ok(ThreadSummary { thread: thread_from_row(r)?, site_name: r.try_get("site_name")?, comments: r.try_get("n")? })
                    })
                    .collect::<Result<_, _>>()
                    .map_err(crate::backend_err)
            }

            async fn insert_comment(&self, new: &NewComment) -> StoreResult<Comment> {
                self.insert(new).await
            }

            async fn comment(&self, id: i64) -> StoreResult<Option<Comment>> {
                self.fetch_comment(id).await
            }

            async fn comments(&self, thread_id: i64) -> StoreResult<Vec<Comment>> {
                let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT {COMMENT_COLUMNS} FROM comments WHERE thread_id = $1 ORDER BY id"
                )))
                .bind(thread_id)
                .fetch_all(&self.pool)
                .await
                .map_err(crate::backend_err)?;
                rows.iter().map(comment_from_row).collect::<Result<_, _>>().map_err(crate::backend_err)
            }

            async fn update_body(&self, id: i64, body_md: &str, body_html: &str, now: i64) -> StoreResult<Comment> {
                let done = sqlx::query("UPDATE comments SET body_md = $1, body_html = $2, edited_at = $3 WHERE id = $4")
                    .bind(body_md)
                    .bind(body_html)
                    .bind(now)
                    .bind(id)
                    .execute(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                if done.rows_affected() == 0 {
                    return Err(store::Error::NotFound);
                }
                self.fetch_comment(id).await?.ok_or(store::Error::NotFound)
            }

            async fn set_status(&self, id: i64, status: Status) -> StoreResult<Comment> {
                let mut tx = self.pool.begin().await.map_err(crate::backend_err)?;
                // Take the write lock first (SQLite) or the row lock (PostgreSQL), then read.
                let done = sqlx::query("UPDATE comments SET status = $1 WHERE id = $2")
                    .bind(status.as_str())
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .map_err(crate::backend_err)?;
                if done.rows_affected() == 0 {
                    return Err(store::Error::NotFound);
                }
                if status == Status::Approved {
                    let row = sqlx::query("SELECT thread_id, number FROM comments WHERE id = $1")
                        .bind(id)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(crate::backend_err)?;
                    let number: Option<i64> = row.try_get("number").map_err(crate::backend_err)?;
                    if number.is_none() {
                        let thread_id: i64 = row.try_get("thread_id").map_err(crate::backend_err)?;
                        sqlx::query(
                            "UPDATE comments SET number = (SELECT last_number + 1 FROM threads WHERE id = $1) WHERE id = $2",
                        )
                        .bind(thread_id)
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err(crate::backend_err)?;
                        sqlx::query("UPDATE threads SET last_number = last_number + 1 WHERE id = $1")
                            .bind(thread_id)
                            .execute(&mut *tx)
                            .await
                            .map_err(crate::backend_err)?;
                    }
                }
                tx.commit().await.map_err(crate::backend_err)?;
                self.fetch_comment(id).await?.ok_or(store::Error::NotFound)
            }

            async fn approved_by_email(&self, site_id: i64, email: &str) -> StoreResult<i64> {
                let row = sqlx::query(
                    "SELECT COUNT(*) FROM comments c JOIN threads t ON t.id = c.thread_id \
                     WHERE t.site_id = $1 AND c.email = $2 AND c.status = 'approved'",
                )
                .bind(site_id)
                .bind(email)
                .fetch_one(&self.pool)
                .await
                .map_err(crate::backend_err)?;
                row.try_get(0).map_err(crate::backend_err)
            }

            async fn counts(&self, site_id: i64, urls: &[String]) -> StoreResult<Vec<(String, i64)>> {
                let rows = sqlx::query(COUNTS_SQL)
                    .bind(site_id)
                    .bind(urls_param(urls))
                    .fetch_all(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                rows.iter()
                    .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
                    .collect::<Result<_, sqlx::Error>>()
                    .map_err(crate::backend_err)
            }

            // Admin: users, sessions, moderation.
            async fn save_admin_user(&self, new: &NewUser) -> StoreResult<User> {
                let sites = serde_json::Value::from(new.sites.clone()).to_string();
                let row = sqlx::query(
                    "INSERT INTO admin_users (name, password_hash, role, sites, email, created_at) VALUES ($1, $2, $3, $4, $5, $6) \
                     ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role, \
                     sites = excluded.sites, email = excluded.email RETURNING id, name, password_hash, role, sites, email, created_at",
                )
                .bind(&new.name)
                .bind(&new.password_hash)
                .bind(new.role.as_str())
                .bind(sites)
                .bind(&new.email)
                .bind(new.created_at)
                .fetch_one(&self.pool)
                .await
                .map_err(crate::backend_err)?;
                // A changed password or role ends the account's sessions.
                let id: i64 = row.try_get("id").map_err(crate::backend_err)?;
                sqlx::query("DELETE FROM admin_sessions WHERE user_id = $1")
                    .bind(id)
                    .execute(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                user_from_row(&row).map_err(crate::backend_err)
            }

            async fn admin_user_by_name(&self, name: &str) -> StoreResult<Option<User>> {
                let row = sqlx::query("SELECT id, name, password_hash, role, sites, email, created_at FROM admin_users WHERE name = $1")
                    .bind(name)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                row.as_ref().map(user_from_row).transpose().map_err(crate::backend_err)
            }

            async fn create_admin_session(&self, token_hash: &str, user_id: i64, now: i64, expires_at: i64) -> StoreResult<()> {
                sqlx::query("INSERT INTO admin_sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
                    .bind(token_hash)
                    .bind(user_id)
                    .bind(now)
                    .bind(expires_at)
                    .execute(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                Ok(())
            }

            async fn admin_session(&self, token_hash: &str, now: i64) -> StoreResult<Option<User>> {
                let row = sqlx::query(
                    "SELECT u.id, u.name, u.password_hash, u.role, u.sites, u.email, u.created_at FROM admin_sessions s \
                     JOIN admin_users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2",
                )
                .bind(token_hash)
                .bind(now)
                .fetch_optional(&self.pool)
                .await
                .map_err(crate::backend_err)?;
                row.as_ref().map(user_from_row).transpose().map_err(crate::backend_err)
            }

            async fn admin_users(&self) -> StoreResult<Vec<User>> {
                let rows = sqlx::query("SELECT id, name, password_hash, role, sites, email, created_at FROM admin_users ORDER BY name")
                    .fetch_all(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                rows.iter().map(user_from_row).collect::<Result<_, _>>().map_err(crate::backend_err)
            }

            async fn delete_admin_session(&self, token_hash: &str) -> StoreResult<()> {
                sqlx::query("DELETE FROM admin_sessions WHERE token_hash = $1")
                    .bind(token_hash)
                    .execute(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                Ok(())
            }

            async fn purge_admin_sessions(&self, now: i64) -> StoreResult<u64> {
                let done = sqlx::query("DELETE FROM admin_sessions WHERE expires_at <= $1")
                    .bind(now)
                    .execute(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                Ok(done.rows_affected())
            }

            async fn moderation_queue(&self, f: &QueueFilter) -> StoreResult<Vec<QueueItem>> {
                // Lists travel as comma-separated text so that one statement serves both
                // dialects; '*' stands for every site.
                let statuses = f.statuses.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(",");
                let sites = match &f.site_ids {
                    None => "*".to_owned(),
                    Some(ids) => ids.iter().map(i64::to_string).collect::<Vec<_>>().join(","),
                };
                let like = |s: &str| {
                    if s.is_empty() {
                        String::new()
                    } else {
                        let esc = s.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
                        format!("%{esc}%")
                    }
                };
                let rows = sqlx::query(
                    "SELECT c.id, c.thread_id, c.parent_id, c.number, c.author, c.email, c.website, c.body_md, c.body_html, \
                     c.status, c.created_at, c.edited_at, c.ip, c.user_agent, c.referrer, c.spam_score, c.spam_reasons, \
                     c.edit_token_hash, c.kind, c.import_key, t.site_id AS t_site_id, t.url AS t_url, t.title AS t_title, \
                     t.created_at AS t_created_at, s.name AS site_name, \
                     (SELECT COUNT(*) FROM comments c2 JOIN threads t2 ON t2.id = c2.thread_id \
                      WHERE t2.site_id = t.site_id AND c2.email = c.email AND c2.status = 'approved' \
                      AND c2.id <> c.id AND c.email <> '') AS approved_by_author \
                     FROM comments c JOIN threads t ON t.id = c.thread_id JOIN sites s ON s.id = t.site_id \
                     WHERE ($1 = '' OR (',' || $1 || ',') LIKE ('%,' || c.status || ',%')) \
                     AND ($2 = '*' OR (',' || $2 || ',') LIKE ('%,' || CAST(t.site_id AS TEXT) || ',%')) \
                     AND ($3 = '' OR LOWER(c.body_md) LIKE $3 ESCAPE '\\') \
                     AND ($4 = '' OR LOWER(c.author) LIKE $4 ESCAPE '\\') \
                     AND ($5 = '' OR LOWER(c.email) LIKE $5 ESCAPE '\\') \
                     AND ($6 = '' OR c.ip LIKE $6) \
                     AND c.id > $7 \
                     ORDER BY c.id DESC LIMIT $8 OFFSET $9",
                )
                .bind(statuses)
                .bind(sites)
                .bind(like(&f.text))
                .bind(like(&f.author))
                .bind(like(&f.email))
                .bind(&f.ip_prefix)
                .bind(f.after_id)
                .bind(f.limit.clamp(1, 1000))
                .bind(f.offset.max(0))
                .fetch_all(&self.pool)
                .await
                .map_err(crate::backend_err)?;
                rows.iter()
                    .map(|r| -> Result<QueueItem, sqlx::Error> {
                        let comment = comment_from_row(r)?;
                        Ok(QueueItem {
                            thread: Thread {
                                id: comment.thread_id,
                                site_id: r.try_get("t_site_id")?,
                                url: r.try_get("t_url")?,
                                title: r.try_get("t_title")?,
                                created_at: r.try_get("t_created_at")?,
                            },
                            comment,
                            site_name: r.try_get("site_name")?,
                            approved_by_author: r.try_get("approved_by_author")?,
                        })
                    })
                    .collect::<Result<_, _>>()
                    .map_err(crate::backend_err)
            }

            async fn update_site(&self, site: &Site) -> StoreResult<Site> {
                let origins = serde_json::Value::from(site.origins.clone()).to_string();
                let policy = serde_json::to_string(&site.policy).map_err(|e| store::Error::Backend(Box::new(e)))?;
                let row = sqlx::query(
                    "UPDATE sites SET title = $1, origins = $2, lang = $3, moderation = $4, erasure = $5, policy = $6 \
                     WHERE id = $7 RETURNING id, name, title, origins, lang, moderation, erasure, policy",
                )
                .bind(&site.title)
                .bind(origins)
                .bind(&site.lang)
                .bind(site.moderation.as_str())
                .bind(site.erasure.as_str())
                .bind(policy)
                .bind(site.id)
                .fetch_optional(&self.pool)
                .await
                .map_err(crate::backend_err)?
                .ok_or(store::Error::NotFound)?;
                site_from_row(&row).map_err(crate::backend_err)
            }

            async fn revoke_api_key_by_id(&self, id: i64, now: i64) -> StoreResult<bool> {
                let done = sqlx::query("UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
                    .bind(now)
                    .bind(id)
                    .execute(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                Ok(done.rows_affected() > 0)
            }

            async fn subscribe_replies(&self, comment_id: i64, now: i64) -> StoreResult<()> {
                sqlx::query("INSERT INTO reply_subscriptions (comment_id, created_at) VALUES ($1, $2) ON CONFLICT (comment_id) DO NOTHING")
                    .bind(comment_id)
                    .bind(now)
                    .execute(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                Ok(())
            }

            async fn confirm_replies(&self, comment_id: i64, now: i64) -> StoreResult<bool> {
                let done = sqlx::query(
                    "UPDATE reply_subscriptions SET confirmed_at = COALESCE(confirmed_at, $1) WHERE comment_id = $2",
                )
                .bind(now)
                .bind(comment_id)
                .execute(&self.pool)
                .await
                .map_err(crate::backend_err)?;
                Ok(done.rows_affected() > 0)
            }

            async fn unsubscribe_replies(&self, comment_id: i64) -> StoreResult<bool> {
                let done = sqlx::query("DELETE FROM reply_subscriptions WHERE comment_id = $1")
                    .bind(comment_id)
                    .execute(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                Ok(done.rows_affected() > 0)
            }

            async fn replies_confirmed(&self, comment_id: i64) -> StoreResult<bool> {
                let row = sqlx::query("SELECT confirmed_at FROM reply_subscriptions WHERE comment_id = $1")
                    .bind(comment_id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                let at: Option<i64> = match row {
                    Some(r) => r.try_get(0).map_err(crate::backend_err)?,
                    None => None,
                };
                Ok(at.is_some())
            }

            async fn unannounced_replies(&self, limit: i64) -> StoreResult<Vec<(Comment, Comment)>> {
                let cols = |p: &str| COMMENT_COLUMNS.split(", ").map(|c| format!("{p}.{c} AS {p}_{c}")).collect::<Vec<_>>().join(", ");
                let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT {r}, {p} FROM reply_subscriptions s JOIN comments p ON p.id = s.comment_id \
                     JOIN comments r ON r.parent_id = p.id \
                     WHERE s.confirmed_at IS NOT NULL AND r.status = 'approved' AND r.created_at >= s.created_at \
                     AND NOT EXISTS (SELECT 1 FROM reply_notices n WHERE n.comment_id = r.id) \
                     ORDER BY r.id LIMIT $1",
                    r = cols("r"),
                    p = cols("p"),
                )))
                .bind(limit)
                .fetch_all(&self.pool)
                .await
                .map_err(crate::backend_err)?;
                let prefixed = |row: &DbRow, p: &str| -> Result<Comment, sqlx::Error> {
                    let status: String = row.try_get(format!("{p}_status").as_str())?;
                    let reasons: String = row.try_get(format!("{p}_spam_reasons").as_str())?;
                    let g = |c: &str| format!("{p}_{c}");
                    Ok(Comment {
                        id: row.try_get(g("id").as_str())?,
                        thread_id: row.try_get(g("thread_id").as_str())?,
                        parent_id: row.try_get(g("parent_id").as_str())?,
                        number: row.try_get(g("number").as_str())?,
                        author: row.try_get(g("author").as_str())?,
                        email: row.try_get(g("email").as_str())?,
                        website: row.try_get(g("website").as_str())?,
                        body_md: row.try_get(g("body_md").as_str())?,
                        body_html: row.try_get(g("body_html").as_str())?,
                        status: Status::parse(&status).ok_or_else(|| sqlx::Error::Decode(format!("unknown status {status}").into()))?,
                        created_at: row.try_get(g("created_at").as_str())?,
                        edited_at: row.try_get(g("edited_at").as_str())?,
                        ip: row.try_get(g("ip").as_str())?,
                        user_agent: row.try_get(g("user_agent").as_str())?,
                        referrer: row.try_get(g("referrer").as_str())?,
                        spam_score: row.try_get(g("spam_score").as_str())?,
                        spam_reasons: serde_json::from_str(&reasons).unwrap_or_default(),
                        edit_token_hash: row.try_get(g("edit_token_hash").as_str())?,
                        kind: {
                            let kind: String = row.try_get(g("kind").as_str())?;
                            Kind::parse(&kind).ok_or_else(|| sqlx::Error::Decode(format!("unknown kind {kind}").into()))?
                        },
                        import_key: row.try_get(g("import_key").as_str())?,
                    })
                };
                rows.iter()
                    .map(|row| Ok((prefixed(row, "r")?, prefixed(row, "p")?)))
                    .collect::<Result<_, sqlx::Error>>()
                    .map_err(crate::backend_err)
            }

            async fn claim_reply_notice(&self, reply_id: i64, now: i64) -> StoreResult<bool> {
                let done = sqlx::query("INSERT INTO reply_notices (comment_id, sent_at) VALUES ($1, $2) ON CONFLICT (comment_id) DO NOTHING")
                    .bind(reply_id)
                    .bind(now)
                    .execute(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                Ok(done.rows_affected() > 0)
            }

            async fn create_api_key(&self, key_hash: &str, hint: &str, site_url: &str, now: i64) -> StoreResult<ApiKey> {
                let row = sqlx::query(
                    "INSERT INTO api_keys (key_hash, key_hint, site_url, created_at) VALUES ($1, $2, $3, $4) \
                     RETURNING id, key_hint, site_url, created_at, revoked_at",
                )
                .bind(key_hash)
                .bind(hint)
                .bind(site_url)
                .bind(now)
                .fetch_one(&self.pool)
                .await
                .map_err(crate::backend_err)?;
                key_from_row(&row).map_err(crate::backend_err)
            }

            async fn api_key_by_hash(&self, key_hash: &str) -> StoreResult<Option<ApiKey>> {
                let row = sqlx::query("SELECT id, key_hint, site_url, created_at, revoked_at FROM api_keys WHERE key_hash = $1")
                    .bind(key_hash)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                row.as_ref().map(key_from_row).transpose().map_err(crate::backend_err)
            }

            async fn api_keys(&self) -> StoreResult<Vec<ApiKey>> {
                let rows = sqlx::query("SELECT id, key_hint, site_url, created_at, revoked_at FROM api_keys ORDER BY id")
                    .fetch_all(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                rows.iter().map(key_from_row).collect::<Result<_, _>>().map_err(crate::backend_err)
            }

            async fn revoke_api_key(&self, key_hash: &str, now: i64) -> StoreResult<bool> {
                let done = sqlx::query("UPDATE api_keys SET revoked_at = $1 WHERE key_hash = $2 AND revoked_at IS NULL")
                    .bind(now)
                    .bind(key_hash)
                    .execute(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                Ok(done.rows_affected() > 0)
            }

            async fn add_usage(&self, key_id: i64, month: &str, d: &UsageRow) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO api_usage (key_id, month, site, api_calls, spam, ham, missed_spam, false_positives) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (key_id, month, site) DO UPDATE SET \
                     api_calls = api_usage.api_calls + excluded.api_calls, spam = api_usage.spam + excluded.spam, \
                     ham = api_usage.ham + excluded.ham, missed_spam = api_usage.missed_spam + excluded.missed_spam, \
                     false_positives = api_usage.false_positives + excluded.false_positives",
                )
                .bind(key_id)
                .bind(month)
                .bind(&d.site)
                .bind(d.api_calls)
                .bind(d.spam)
                .bind(d.ham)
                .bind(d.missed_spam)
                .bind(d.false_positives)
                .execute(&self.pool)
                .await
                .map_err(crate::backend_err)?;
                Ok(())
            }

            async fn usage(&self, key_id: i64, month: &str) -> StoreResult<Vec<UsageRow>> {
                let rows = sqlx::query(
                    "SELECT site, api_calls, spam, ham, missed_spam, false_positives FROM api_usage \
                     WHERE key_id = $1 AND month = $2 ORDER BY api_calls DESC, site",
                )
                .bind(key_id)
                .bind(month)
                .fetch_all(&self.pool)
                .await
                .map_err(crate::backend_err)?;
                rows.iter()
                    .map(|r| -> Result<UsageRow, sqlx::Error> {
                        Ok(UsageRow {
                            site: r.try_get("site")?,
                            api_calls: r.try_get("api_calls")?,
                            spam: r.try_get("spam")?,
                            ham: r.try_get("ham")?,
                            missed_spam: r.try_get("missed_spam")?,
                            false_positives: r.try_get("false_positives")?,
                        })
                    })
                    .collect::<Result<_, _>>()
                    .map_err(crate::backend_err)
            }

            async fn model_layer(&self, scope: &str) -> StoreResult<Option<Vec<u8>>> {
                let row = sqlx::query("SELECT data FROM model_layers WHERE scope = $1")
                    .bind(scope)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                row.map(|r| r.try_get(0)).transpose().map_err(crate::backend_err)
            }

            async fn save_model_layer(&self, scope: &str, data: &[u8], now: i64) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO model_layers (scope, data, updated_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (scope) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
                )
                .bind(scope)
                .bind(data)
                .bind(now)
                .execute(&self.pool)
                .await
                .map_err(crate::backend_err)?;
                Ok(())
            }

            async fn import_dump(&self, dump: &retort_domain::dump::Dump) -> StoreResult<retort_domain::dump::ImportReport> {
                use std::collections::HashMap;
                let mut report = retort_domain::dump::ImportReport::default();
                let mut tx = self.pool.begin().await.map_err(crate::backend_err)?;
                let mut site_ids: HashMap<&str, i64> = HashMap::new();
                for spec in &dump.sites {
                    let origins = serde_json::Value::from(spec.origins.clone()).to_string();
                    let row = sqlx::query(
                        "INSERT INTO sites (name, title, origins, lang, moderation, erasure) VALUES ($1, $2, $3, $4, $5, $6) \
                         ON CONFLICT (name) DO UPDATE SET title = excluded.title RETURNING id",
                    )
                    .bind(&spec.name)
                    .bind(&spec.title)
                    .bind(origins)
                    .bind(&spec.lang)
                    .bind(spec.moderation.as_str())
                    .bind(spec.erasure.as_str())
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(crate::backend_err)?;
                    site_ids.insert(spec.name.as_str(), row.try_get(0).map_err(crate::backend_err)?);
                    report.sites += 1;
                }
                let mut thread_ids: HashMap<i64, (i64, i64)> = HashMap::new();
                for t in &dump.threads {
                    let site_id = *site_ids.get(t.site.as_str()).ok_or(store::Error::NotFound)?;
                    sqlx::query("INSERT INTO threads (site_id, url, title, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (site_id, url) DO NOTHING")
                        .bind(site_id)
                        .bind(&t.url)
                        .bind(&t.title)
                        .bind(t.created_at)
                        .execute(&mut *tx)
                        .await
                        .map_err(crate::backend_err)?;
                    let row = sqlx::query("SELECT id, last_number FROM threads WHERE site_id = $1 AND url = $2")
                        .bind(site_id)
                        .bind(&t.url)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(crate::backend_err)?;
                    // Imported numbers follow any the thread already has.
                    thread_ids.insert(
                        t.id,
                        (row.try_get(0).map_err(crate::backend_err)?, row.try_get::<i64, _>(1).map_err(crate::backend_err)?),
                    );
                    report.threads += 1;
                }
                let mut comment_ids: HashMap<i64, i64> = HashMap::new();
                // Replies that come before their parent in the file: (stored id, parent's file id).
                let mut later: Vec<(i64, i64)> = Vec::new();
                for c in &dump.comments {
                    let (thread_id, offset) = *thread_ids.get(&c.thread).ok_or(store::Error::NotFound)?;
                    let parent = c.parent.and_then(|p| comment_ids.get(&p).copied());
                    // A comment the database already holds (an earlier import of the same file)
                    // is not stored again; replies to it attach to the stored one.
                    let existing = match &c.import_key {
                        Some(key) => sqlx::query("SELECT id FROM comments WHERE thread_id = $1 AND import_key = $2")
                            .bind(thread_id)
                            .bind(key)
                            .fetch_optional(&mut *tx)
                            .await,
                        None => sqlx::query(
                            "SELECT id FROM comments WHERE thread_id = $1 AND created_at = $2 AND author = $3 \
                             AND email = $4 AND body_md = $5 AND import_key IS NULL ORDER BY id LIMIT 1",
                        )
                        .bind(thread_id)
                        .bind(c.created_at)
                        .bind(&c.author)
                        .bind(&c.email)
                        .bind(&c.body_md)
                        .fetch_optional(&mut *tx)
                        .await,
                    }
                    .map_err(crate::backend_err)?;
                    if let Some(row) = existing {
                        comment_ids.insert(c.id, row.try_get(0).map_err(crate::backend_err)?);
                        report.already += 1;
                        continue;
                    }
                    let reasons = serde_json::Value::from(c.spam_reasons.clone()).to_string();
                    let row = sqlx::query(
                        "INSERT INTO comments (thread_id, parent_id, number, author, email, website, body_md, body_html, status, \
                         created_at, edited_at, ip, user_agent, referrer, spam_score, spam_reasons, edit_token_hash, kind, import_key) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, '', $17, $18) RETURNING id",
                    )
                    .bind(thread_id)
                    .bind(parent)
                    .bind(c.number.map(|n| n + offset))
                    .bind(&c.author)
                    .bind(&c.email)
                    .bind(&c.website)
                    .bind(&c.body_md)
                    .bind(&c.body_html)
                    .bind(&c.status)
                    .bind(c.created_at)
                    .bind(c.edited_at)
                    .bind(&c.ip)
                    .bind(&c.user_agent)
                    .bind(&c.referrer)
                    .bind(c.spam_score)
                    .bind(reasons)
                    .bind(&c.kind)
                    .bind(&c.import_key)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(crate::backend_err)?;
                    let id: i64 = row.try_get(0).map_err(crate::backend_err)?;
                    if let Some(p) = c.parent
                        && parent.is_none()
                    {
                        later.push((id, p));
                    }
                    comment_ids.insert(c.id, id);
                    report.comments += 1;
                }
                for (id, p) in later {
                    let parent = *comment_ids.get(&p).ok_or(store::Error::NotFound)?;
                    sqlx::query("UPDATE comments SET parent_id = $1 WHERE id = $2")
                        .bind(parent)
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err(crate::backend_err)?;
                }
                for (id, _) in thread_ids.values() {
                    sqlx::query("UPDATE threads SET last_number = (SELECT COALESCE(MAX(number), 0) FROM comments WHERE thread_id = $1) WHERE id = $1")
                        .bind(*id)
                        .execute(&mut *tx)
                        .await
                        .map_err(crate::backend_err)?;
                }
                tx.commit().await.map_err(crate::backend_err)?;
                Ok(report)
            }

            async fn begin_import(&self) -> StoreResult<Box<dyn store::ImportTx>> {
                let tx = self.pool.begin().await.map_err(crate::backend_err)?;
                Ok(Box::new(SqlImportTx { tx, touched: std::collections::HashSet::new() }))
            }

            async fn setting(&self, key: &str) -> StoreResult<Option<String>> {
                let row = sqlx::query("SELECT value FROM settings WHERE key = $1")
                    .bind(key)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                row.map(|r| r.try_get(0)).transpose().map_err(crate::backend_err)
            }

            async fn init_setting(&self, key: &str, value: &str) -> StoreResult<String> {
                sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
                    .bind(key)
                    .bind(value)
                    .execute(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                self.setting(key).await?.ok_or(store::Error::NotFound)
            }

            async fn set_setting(&self, key: &str, value: &str) -> StoreResult<()> {
                sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                    .bind(key)
                    .bind(value)
                    .execute(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                Ok(())
            }

            async fn swap_setting(&self, key: &str, expected: &str, value: &str) -> StoreResult<bool> {
                let done = sqlx::query("UPDATE settings SET value = $1 WHERE key = $2 AND value = $3")
                    .bind(value)
                    .bind(key)
                    .bind(expected)
                    .execute(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                Ok(done.rows_affected() == 1)
            }

            async fn take_rate_token(&self, key: &str, interval_ms: i64, burst: u32, now: i64) -> StoreResult<bool> {
                // GCRA: the bucket's theoretical arrival time moves one interval per request and
                // may run at most `burst - 1` intervals ahead of now. One statement, so
                // concurrent requests on any instance are serialised by the row.
                let interval = interval_ms.max(1);
                let tolerance = interval.saturating_mul(i64::from(burst.max(1)) - 1);
                let row = sqlx::query(
                    "INSERT INTO rate_limits (key, tat) VALUES ($1, $2 + $3) \
                     ON CONFLICT (key) DO UPDATE SET tat = \
                       CASE WHEN rate_limits.tat > $2 THEN rate_limits.tat ELSE $2 END + $3 \
                     WHERE rate_limits.tat - $2 <= $4 \
                     RETURNING tat",
                )
                .bind(key)
                .bind(now)
                .bind(interval)
                .bind(tolerance)
                .fetch_optional(&self.pool)
                .await
                .map_err(crate::backend_err)?;
                Ok(row.is_some())
            }

            async fn purge_rate_tokens(&self, now: i64) -> StoreResult<u64> {
                let done = sqlx::query("DELETE FROM rate_limits WHERE tat <= $1")
                    .bind(now)
                    .execute(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                Ok(done.rows_affected())
            }

            // Data rights, retention, audit and mail.

            async fn comments_by_email(&self, email: &str) -> StoreResult<Vec<Comment>> {
                let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT {COMMENT_COLUMNS} FROM comments WHERE lower(email) = $1 ORDER BY id"
                )))
                .bind(email)
                .fetch_all(&self.pool)
                .await
                .map_err(crate::backend_err)?;
                rows.iter().map(comment_from_row).collect::<Result<_, _>>().map_err(crate::backend_err)
            }

            async fn erase_author(&self, email: &str, now: i64) -> StoreResult<retort_domain::privacy::Erased> {
                let mut tx = self.pool.begin().await.map_err(crate::backend_err)?;
                let rows = sqlx::query("SELECT DISTINCT thread_id FROM comments WHERE lower(email) = $1 ORDER BY thread_id")
                    .bind(email)
                    .fetch_all(&mut *tx)
                    .await
                    .map_err(crate::backend_err)?;
                let threads = rows
                    .iter()
                    .map(|r| r.try_get::<i64, _>(0))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(crate::backend_err)?;
                // Reply subscriptions name the comment, whose address is about to go.
                sqlx::query("DELETE FROM reply_subscriptions WHERE comment_id IN (SELECT id FROM comments WHERE lower(email) = $1)")
                    .bind(email)
                    .execute(&mut *tx)
                    .await
                    .map_err(crate::backend_err)?;
                let anonymised = sqlx::query(
                    "UPDATE comments SET author = 'Anonymous', email = '', website = '', ip = NULL, user_agent = NULL, \
                     referrer = NULL, edit_token_hash = '' WHERE lower(email) = $1 AND thread_id IN \
                     (SELECT t.id FROM threads t JOIN sites s ON s.id = t.site_id WHERE s.erasure = 'anonymise')",
                )
                .bind(email)
                .execute(&mut *tx)
                .await
                .map_err(crate::backend_err)?
                .rows_affected();
                let deleted = sqlx::query(
                    "UPDATE comments SET author = '', email = '', website = '', body_md = '', body_html = '', \
                     status = 'deleted', ip = NULL, user_agent = NULL, referrer = NULL, spam_reasons = '[]', \
                     edit_token_hash = '' WHERE lower(email) = $1",
                )
                .bind(email)
                .execute(&mut *tx)
                .await
                .map_err(crate::backend_err)?
                .rows_affected();
                let mails_dropped = sqlx::query("DELETE FROM mail_outbox WHERE lower(to_addr) = $1")
                    .bind(email)
                    .execute(&mut *tx)
                    .await
                    .map_err(crate::backend_err)?
                    .rows_affected();
                sqlx::query("UPDATE privacy_links SET used_at = $1, email = '' WHERE email = $2")
                    .bind(now)
                    .bind(email)
                    .execute(&mut *tx)
                    .await
                    .map_err(crate::backend_err)?;
                tx.commit().await.map_err(crate::backend_err)?;
                Ok(retort_domain::privacy::Erased { anonymised, deleted, mails_dropped, threads })
            }

            async fn create_privacy_link(&self, token_hash: &str, email: &str, now: i64, expires_at: i64) -> StoreResult<()> {
                sqlx::query("INSERT INTO privacy_links (token_hash, email, created_at, expires_at) VALUES ($1, $2, $3, $4)")
                    .bind(token_hash)
                    .bind(email)
                    .bind(now)
                    .bind(expires_at)
                    .execute(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                Ok(())
            }

            async fn privacy_link(&self, token_hash: &str) -> StoreResult<Option<retort_domain::privacy::StoredLink>> {
                let row = sqlx::query("SELECT email, expires_at, used_at FROM privacy_links WHERE token_hash = $1")
                    .bind(token_hash)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                row.map(|r| -> Result<_, sqlx::Error> {
                    Ok(retort_domain::privacy::StoredLink {
                        email: r.try_get(0)?,
                        expires_at: r.try_get(1)?,
                        used_at: r.try_get(2)?,
                    })
                })
                .transpose()
                .map_err(crate::backend_err)
            }

            async fn purge_privacy_links(&self, now: i64) -> StoreResult<u64> {
                let done = sqlx::query("DELETE FROM privacy_links WHERE expires_at < $1")
                    .bind(now)
                    .execute(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                Ok(done.rows_affected())
            }

            async fn truncate_ips(&self, before: i64) -> StoreResult<u64> {
                let rows = sqlx::query("SELECT id, ip FROM comments WHERE created_at < $1 AND ip IS NOT NULL AND ip NOT LIKE '%/%'")
                    .bind(before)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                let mut n = 0;
                let mut tx = self.pool.begin().await.map_err(crate::backend_err)?;
                for r in &rows {
                    let id: i64 = r.try_get(0).map_err(crate::backend_err)?;
                    let ip: String = r.try_get(1).map_err(crate::backend_err)?;
                    // A value that is not an IP is not kept either.
                    let cut = retort_domain::retention::truncate_ip(&ip);
                    sqlx::query("UPDATE comments SET ip = $1 WHERE id = $2 AND ip = $3")
                        .bind(cut)
                        .bind(id)
                        .bind(&ip)
                        .execute(&mut *tx)
                        .await
                        .map_err(crate::backend_err)?;
                    n += 1;
                }
                tx.commit().await.map_err(crate::backend_err)?;
                Ok(n)
            }

            async fn erase_ips(&self, before: i64) -> StoreResult<u64> {
                let done = sqlx::query("UPDATE comments SET ip = NULL WHERE created_at < $1 AND ip IS NOT NULL")
                    .bind(before)
                    .execute(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                Ok(done.rows_affected())
            }

            async fn erase_agents(&self, before: i64) -> StoreResult<u64> {
                let done = sqlx::query(
                    "UPDATE comments SET user_agent = NULL, referrer = NULL \
                     WHERE created_at < $1 AND (user_agent IS NOT NULL OR referrer IS NOT NULL)",
                )
                .bind(before)
                .execute(&self.pool)
                .await
                .map_err(crate::backend_err)?;
                Ok(done.rows_affected())
            }

            async fn erase_deleted_texts(&self) -> StoreResult<u64> {
                let done = sqlx::query(
                    "UPDATE comments SET body_md = '', body_html = '' WHERE status = 'deleted' AND (body_md <> '' OR body_html <> '')",
                )
                .execute(&self.pool)
                .await
                .map_err(crate::backend_err)?;
                Ok(done.rows_affected())
            }

            async fn append_audit(&self, e: &retort_domain::audit::NewAuditEntry) -> StoreResult<()> {
                sqlx::query("INSERT INTO audit_log (at, actor, action, site_id, subject, details) VALUES ($1, $2, $3, $4, $5, $6)")
                    .bind(e.at)
                    .bind(&e.actor)
                    .bind(&e.action)
                    .bind(e.site_id)
                    .bind(&e.subject)
                    .bind(&e.details)
                    .execute(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                Ok(())
            }

            async fn audit_log(&self, limit: i64) -> StoreResult<Vec<retort_domain::audit::AuditEntry>> {
                let rows = sqlx::query("SELECT id, at, actor, action, site_id, subject, details FROM audit_log ORDER BY id DESC LIMIT $1")
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                rows.iter()
                    .map(|r| -> Result<_, sqlx::Error> {
                        Ok(retort_domain::audit::AuditEntry {
                            id: r.try_get(0)?,
                            at: r.try_get(1)?,
                            actor: r.try_get(2)?,
                            action: r.try_get(3)?,
                            site_id: r.try_get(4)?,
                            subject: r.try_get(5)?,
                            details: r.try_get(6)?,
                        })
                    })
                    .collect::<Result<_, _>>()
                    .map_err(crate::backend_err)
            }

            async fn enqueue_mail(&self, m: &retort_domain::mail::NewMail) -> StoreResult<i64> {
                let headers = serde_json::to_string(&m.headers).unwrap_or_else(|_| "[]".into());
                let row = sqlx::query(
                    "INSERT INTO mail_outbox (created_at, to_addr, subject, body, headers, next_attempt_at) \
                     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                )
                .bind(m.created_at)
                .bind(&m.to)
                .bind(&m.subject)
                .bind(&m.body)
                .bind(headers)
                .bind(m.created_at)
                .fetch_one(&self.pool)
                .await
                .map_err(crate::backend_err)?;
                row.try_get(0).map_err(crate::backend_err)
            }

            async fn claim_mail(&self, now: i64, lease_ms: i64, limit: i64) -> StoreResult<Vec<retort_domain::mail::Mail>> {
                let rows = sqlx::query(
                    "SELECT id, to_addr, subject, body, headers, attempts, next_attempt_at FROM mail_outbox \
                     WHERE next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2",
                )
                .bind(now)
                .bind(limit)
                .fetch_all(&self.pool)
                .await
                .map_err(crate::backend_err)?;
                let mut out = Vec::new();
                for r in &rows {
                    let id: i64 = r.try_get(0).map_err(crate::backend_err)?;
                    let due: i64 = r.try_get(6).map_err(crate::backend_err)?;
                    // Whoever moves the due time first owns the message for the lease.
                    let won = sqlx::query("UPDATE mail_outbox SET next_attempt_at = $1 WHERE id = $2 AND next_attempt_at = $3")
                        .bind(now + lease_ms)
                        .bind(id)
                        .bind(due)
                        .execute(&self.pool)
                        .await
                        .map_err(crate::backend_err)?
                        .rows_affected()
                        == 1;
                    if !won {
                        continue;
                    }
                    let headers: String = r.try_get(4).map_err(crate::backend_err)?;
                    let attempts: i64 = r.try_get(5).map_err(crate::backend_err)?;
                    out.push(retort_domain::mail::Mail {
                        id,
                        to: r.try_get(1).map_err(crate::backend_err)?,
                        subject: r.try_get(2).map_err(crate::backend_err)?,
                        body: r.try_get(3).map_err(crate::backend_err)?,
                        headers: serde_json::from_str(&headers).unwrap_or_default(),
                        attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
                    });
                }
                Ok(out)
            }

            async fn mail_sent(&self, id: i64) -> StoreResult<()> {
                sqlx::query("DELETE FROM mail_outbox WHERE id = $1")
                    .bind(id)
                    .execute(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                Ok(())
            }

            async fn mail_failed(&self, id: i64, next_attempt_at: i64, error: &str) -> StoreResult<()> {
                sqlx::query("UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = $1, last_error = $2 WHERE id = $3")
                    .bind(next_attempt_at)
                    .bind(error)
                    .bind(id)
                    .execute(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                Ok(())
            }

            async fn queued_mail_to(&self, email: &str) -> StoreResult<u64> {
                let row = sqlx::query("SELECT COUNT(*) FROM mail_outbox WHERE lower(to_addr) = $1")
                    .bind(email)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                let n: i64 = row.try_get(0).map_err(crate::backend_err)?;
                Ok(u64::try_from(n).unwrap_or(0))
            }

            async fn queued_mail(&self) -> StoreResult<u64> {
                let row = sqlx::query("SELECT COUNT(*) FROM mail_outbox")
                    .fetch_one(&self.pool)
                    .await
                    .map_err(crate::backend_err)?;
                let n: i64 = row.try_get(0).map_err(crate::backend_err)?;
                Ok(u64::try_from(n).unwrap_or(0))
            }
        }
    };
}

pub(crate) use bind_new_comment;
pub(crate) use impl_store;
