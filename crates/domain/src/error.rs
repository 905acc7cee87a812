//! The domain error type: what went wrong, in terms a caller can map to a response.

/// One invalid field of a submission, with a message for the person who filled it in.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    /// The field's name as submitted (`author`, `email`, `website`, `text`, `parent`, ...).
    pub field: &'static str,
    /// What is wrong, in plain words.
    pub message: String,
}

/// Errors of the domain layer.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A named thing (site, thread, comment) does not exist.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// One or more submitted fields are invalid.
    #[error("invalid input: {}", .0.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<FieldError>),
    /// The caller may not do this (wrong edit token, edit window closed, origin not allowed).
    #[error("{0}")]
    Forbidden(String),
    /// The store failed.
    #[error("storage failed")]
    Store(#[from] crate::store::Error),
}

impl Error {
    /// An [`Error::Invalid`] for one field.
    pub fn field(field: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid(vec![FieldError {
            field,
            message: message.into(),
        }])
    }
}

/// Result with the domain [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
