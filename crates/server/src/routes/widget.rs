//! `GET /embed.js`: the embeddable widget (plain JavaScript, its CSS inside), committed under
//! `widget/` at the repository root and compiled into the binary.

use axum::http::header;
use axum::response::IntoResponse;

/// The widget source.
pub const EMBED_JS: &str = include_str!("../../../../widget/embed.js");

/// Serves the widget.
pub async fn script() -> impl IntoResponse {
    (
        [
            (
                header::CONTENT_TYPE,
                "application/javascript; charset=utf-8",
            ),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        EMBED_JS,
    )
}
