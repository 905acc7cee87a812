//! The SQLite backend: one file in WAL mode with `synchronous = FULL`, so a comment that was
//! acknowledged survives a crash.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Pool, Sqlite};

use crate::{Error, Result};

/// A store in one SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: Pool<Sqlite>,
}

// Published-comment counts for a JSON array of URLs.
const COUNTS_SQL: &str = "SELECT t.url, (SELECT COUNT(*) FROM comments c WHERE c.thread_id = t.id AND c.status = 'approved') \
     FROM threads t WHERE t.site_id = $1 AND t.url IN (SELECT value FROM json_each($2))";

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
            .max_connections(4)
            .connect_with(opts)
            .await
            .map_err(Error::Connect)?;
        sqlx::migrate!("migrations/sqlite")
            .run(&pool)
            .await
            .map_err(Error::Migrate)?;
        Ok(SqliteStore { pool })
    }
}

crate::sql::impl_store!(SqliteStore, Sqlite);
