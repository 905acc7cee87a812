//! Storage for Retort: the [`retort_domain::store::Store`] trait implemented on SQLite (the
//! embedded default, one file in WAL mode) and on PostgreSQL (for several instances sharing one
//! database).
//!
//! Owns the schema (embedded migrations under `migrations/{sqlite,postgres}`, never edited once
//! released, only added to) and every SQL statement. Must not know about HTTP or the spam model.
//! Entry point: [`open`], which picks the backend from the database URL. Tested by the
//! conformance suite in `tests/conformance.rs`, which runs on SQLite always and on PostgreSQL
//! when `DATABASE_URL` is set.
#![forbid(unsafe_code)]

mod postgres;
mod sql;
mod sqlite;

use std::path::PathBuf;
use std::sync::Arc;

use retort_domain::store::Store;

pub use postgres::PostgresStore;
pub use sqlite::SqliteStore;

/// Where the data live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file (created if missing).
    Sqlite(PathBuf),
    /// A PostgreSQL database URL (`postgres://…`).
    Postgres(String),
}

/// Errors opening a store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database could not be opened or reached.
    #[error("cannot open the database: {0}")]
    Connect(#[source] sqlx::Error),
    /// A migration failed.
    #[error("cannot migrate the database: {0}")]
    Migrate(#[source] sqlx::migrate::MigrateError),
    /// The data directory could not be created.
    #[error("cannot create the data directory {0}: {1}")]
    DataDir(PathBuf, #[source] std::io::Error),
}

/// Result with the storage [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Opens (and migrates) the store for a backend.
///
/// # Errors
/// When the database cannot be created, reached or migrated.
pub async fn open(backend: &Backend) -> Result<Arc<dyn Store>> {
    Ok(match backend {
        Backend::Sqlite(path) => Arc::new(SqliteStore::open(path).await?),
        Backend::Postgres(url) => Arc::new(PostgresStore::open(url).await?),
    })
}

fn backend_err(e: sqlx::Error) -> retort_domain::store::Error {
    match e {
        sqlx::Error::RowNotFound => retort_domain::store::Error::NotFound,
        other => retort_domain::store::Error::Backend(Box::new(other)),
    }
}
