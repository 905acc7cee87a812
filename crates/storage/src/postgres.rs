//! The PostgreSQL backend, for several Retort instances sharing one database.

use std::time::Duration;

use sqlx::postgres::PgPoolOptions;
use sqlx::{Pool, Postgres};

use crate::{Error, Result};

/// A store in a PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PostgresStore {
    pool: Pool<Postgres>,
}

// Published-comment counts for an array of URLs.
const COUNTS_SQL: &str = "SELECT t.url, (SELECT COUNT(*) FROM comments c WHERE c.thread_id = t.id AND c.status = 'approved') \
     FROM threads t WHERE t.site_id = $1 AND t.url = ANY($2)";

// PostgreSQL numbers comments with a row lock on the thread (two statements), which stays correct
// under concurrent writers.
const ONE_STATEMENT_INSERT: Option<&str> = None;

fn urls_param(urls: &[String]) -> Vec<String> {
    urls.to_vec()
}

impl PostgresStore {
    /// Connects and applies pending migrations.
    ///
    /// # Errors
    /// When the server cannot be reached or the schema cannot be migrated.
    pub async fn open(url: &str) -> Result<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await
            .map_err(Error::Connect)?;
        sqlx::migrate!("migrations/postgres")
            .run(&pool)
            .await
            .map_err(Error::Migrate)?;
        Ok(PostgresStore { pool })
    }

    async fn insert(&self, new: &NewComment) -> store::Result<Comment> {
        insert_batch(&self.pool, &[new])
            .await
            .map(|mut v| v.remove(0))
            .map_err(crate::backend_err)
    }
}

crate::sql::impl_store!(PostgresStore, Postgres);
