//! The SQLite backend: one file in WAL mode with `synchronous = FULL`, so a comment that was
//! acknowledged survives a crash.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Pool, Sqlite};
use tokio::sync::{mpsc, oneshot};

use crate::{Error, Result};

/// A store in one SQLite file.
///
/// New comments go through one writer task that commits whatever is waiting in a single
/// transaction (group commit): one fsync covers many comments, and each caller is answered only
/// after the commit.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: Pool<Sqlite>,
    writer: mpsc::Sender<Pending>,
}

type Pending = (NewComment, oneshot::Sender<store::Result<Comment>>);

/// Most comments committed in one transaction.
const MAX_BATCH: usize = 128;

// Published-comment counts for a JSON array of URLs.
const COUNTS_SQL: &str = "SELECT t.url, (SELECT COUNT(*) FROM comments c WHERE c.thread_id = t.id AND c.status = 'approved') \
     FROM threads t WHERE t.site_id = $1 AND t.url IN (SELECT value FROM json_each($2))";

// Inserting a comment in one statement: an approved comment's number is read from its thread's
// counter (the `comments_advance_thread_number` trigger advances it; SQLite's single writer makes
// this safe). `?N` numbers the parameters explicitly, in the same order as the generic insert.
const ONE_STATEMENT_INSERT: Option<&str> = Some(
    "INSERT INTO comments (thread_id, parent_id, number, author, email, website, body_md, body_html, status, \
     created_at, ip, user_agent, referrer, spam_score, spam_reasons, edit_token_hash) \
     VALUES (?1, ?2, COALESCE(?3, CASE WHEN ?9 = 'approved' THEN (SELECT last_number + 1 FROM threads WHERE id = ?1) END), \
     ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
);

fn urls_param(urls: &[String]) -> String {
    serde_json::Value::from(urls.to_vec()).to_string()
}

impl SqliteStore {
    /// Opens or creates the database file and applies pending migrations.
    ///
    /// # Errors
    /// When the file cannot be opened or migrated.
    pub async fn open(path: &Path) -> Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::DataDir(dir.to_owned(), e))?;
        }
        let opts = SqliteConnectOptions::from_str("sqlite://")
            .map_err(Error::Connect)?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(2)
            .connect_with(opts)
            .await
            .map_err(Error::Connect)?;
        sqlx::migrate!("migrations/sqlite")
            .run(&pool)
            .await
            .map_err(Error::Migrate)?;
        let (writer, rx) = mpsc::channel(1024);
        tokio::spawn(write_loop(pool.clone(), rx));
        Ok(SqliteStore { pool, writer })
    }

    async fn insert(&self, new: &NewComment) -> store::Result<Comment> {
        let (tx, rx) = oneshot::channel();
        self.writer
            .send((new.clone(), tx))
            .await
            .map_err(|_| store::Error::Backend("the comment writer has stopped".into()))?;
        rx.await
            .map_err(|_| store::Error::Backend("the comment writer has stopped".into()))?
    }
}

/// The writer task: takes the waiting comments, commits them together, answers each caller.
async fn write_loop(pool: Pool<Sqlite>, mut rx: mpsc::Receiver<Pending>) {
    while let Some(first) = rx.recv().await {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(p) => batch.push(p),
                Err(_) => break,
            }
        }
        let news: Vec<&NewComment> = batch.iter().map(|(n, _)| n).collect();
        match insert_batch(&pool, &news).await {
            Ok(stored) => {
                for ((_, reply), c) in batch.into_iter().zip(stored) {
                    let _ = reply.send(Ok(c));
                }
            }
            Err(_) if batch.len() > 1 => {
                // One bad comment must not fail the others: store them one by one.
                for (new, reply) in batch {
                    let r = insert_batch(&pool, &[&new])
                        .await
                        .map(|mut v| v.remove(0))
                        .map_err(crate::backend_err);
                    let _ = reply.send(r);
                }
            }
            Err(e) => {
                let msg = e.to_string();
                for (_, reply) in batch {
                    let _ = reply.send(Err(store::Error::Backend(msg.clone().into())));
                }
            }
        }
    }
}

crate::sql::impl_store!(SqliteStore, Sqlite);
