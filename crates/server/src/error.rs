//! The one place that maps errors to HTTP status codes and bodies: JSON
//! (`{"error": {"code", "message", "field"}}`) for the API, an HTML page for browsers.
//! Internal details are logged here once and never sent to the client.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use retort_domain::FieldError;

/// An error answered to a client.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// Stable machine-readable code.
    pub code: &'static str,
    /// What is wrong, for people.
    pub message: String,
    /// Every invalid field, when the input was invalid.
    pub fields: Vec<FieldError>,
}

impl ApiError {
    /// A new error.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            fields: Vec::new(),
        }
    }

    /// 400 with a code and message.
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message)
    }

    /// 404 for an unknown thing.
    pub fn not_found(what: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            not_found_code(what),
            format!("{what} not found"),
        )
    }

    /// 429.
    pub fn rate_limited() -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "Too many comments from your address; please wait a minute.",
        )
    }

    fn json_body(&self) -> serde_json::Value {
        let mut err = serde_json::json!({ "code": self.code, "message": self.message });
        if let Some(first) = self.fields.first() {
            err["field"] = first.field.into();
            err["fields"] = serde_json::to_value(&self.fields).unwrap_or_default();
        }
        serde_json::json!({ "error": err })
    }

    /// This error as an HTML page (for browsers).
    pub fn into_html(self) -> Response {
        let body = crate::views::error_page(self.status.as_u16(), &self.message);
        (self.status, Html(body)).into_response()
    }
}

fn not_found_code(what: &str) -> &'static str {
    match what {
        "site" => "site_not_found",
        "thread" => "thread_not_found",
        "comment" => "comment_not_found",
        _ => "not_found",
    }
}

impl From<retort_domain::Error> for ApiError {
    fn from(e: retort_domain::Error) -> Self {
        use retort_domain::Error as E;
        match e {
            E::NotFound(what) => ApiError::not_found(what),
            E::Invalid(fields) => {
                let message = fields
                    .iter()
                    .map(|f| format!("{}: {}", f.field, f.message))
                    .collect::<Vec<_>>()
                    .join("; ");
                ApiError {
                    status: StatusCode::UNPROCESSABLE_ENTITY,
                    code: "invalid_field",
                    message,
                    fields,
                }
            }
            E::Forbidden(m) => ApiError::new(StatusCode::FORBIDDEN, "forbidden", m),
            E::Store(inner) => {
                tracing::error!(error = %inner, source = ?std::error::Error::source(&inner), "storage failure");
                ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "unavailable",
                    "The comment store is unavailable; please try again.",
                )
            }
        }
    }
}

impl From<retort_domain::store::Error> for ApiError {
    fn from(e: retort_domain::store::Error) -> Self {
        retort_domain::Error::Store(e).into()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(self.json_body())).into_response()
    }
}

/// An error shown as an HTML page.
#[derive(Debug)]
pub struct PageError(pub ApiError);

impl<E: Into<ApiError>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        self.0.into_html()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_fields_become_422_with_the_first_field() {
        let e: ApiError = retort_domain::Error::Invalid(vec![
            FieldError {
                field: "email",
                message: "bad".into(),
            },
            FieldError {
                field: "text",
                message: "empty".into(),
            },
        ])
        .into();
        assert_eq!(e.status, StatusCode::UNPROCESSABLE_ENTITY);
        let body = e.json_body();
        assert_eq!(body["error"]["field"], "email");
        assert_eq!(body["error"]["code"], "invalid_field");
        assert_eq!(body["error"]["fields"].as_array().map(Vec::len), Some(2));
    }
}
