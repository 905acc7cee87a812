//! `GET /healthz`: 200 while the database answers, 503 otherwise.

use axum::http::StatusCode;

use super::St;

/// Pings the store.
pub async fn check(axum::extract::State(state): St) -> (StatusCode, &'static str) {
    match state.store().ping().await {
        Ok(()) => (StatusCode::OK, "ok\n"),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n")
        }
    }
}
