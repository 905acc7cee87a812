//! Comments and the validated fields a commenter submits.

use serde::Serialize;

use crate::FieldError;

/// Where a comment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Waiting for a moderator.
    Pending,
    /// Published.
    Approved,
    /// Judged spam; hidden.
    Spam,
    /// Deleted by its author or a moderator.
    Deleted,
}

impl Status {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Approved => "approved",
            Status::Spam => "spam",
            Status::Deleted => "deleted",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "pending" => Status::Pending,
            "approved" => Status::Approved,
            "spam" => Status::Spam,
            "deleted" => Status::Deleted,
            _ => return None,
        })
    }
}

/// What kind of contribution a comment is: written by a reader, or a notification that another
/// page links to the article (WordPress pingbacks and trackbacks, kept when importing).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A reader's comment.
    #[default]
    Comment,
    /// A pingback: another site's page links here (automatic).
    Pingback,
    /// A trackback: another site announced a link here.
    Trackback,
}

impl Kind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Comment => "comment",
            Kind::Pingback => "pingback",
            Kind::Trackback => "trackback",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "comment" => Kind::Comment,
            "pingback" => Kind::Pingback,
            "trackback" => Kind::Trackback,
            _ => return None,
        })
    }
}

/// A stored comment, with everything the store keeps. Only some fields are public: see
/// [`Comment::is_public`] and the server's views; `email` and the client fields never are.
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    /// Store id.
    pub id: i64,
    /// The thread.
    pub thread_id: i64,
    /// The comment it replies to.
    pub parent_id: Option<i64>,
    /// Display number within the thread, given when the comment is first published; stable.
    pub number: Option<i64>,
    /// Author's name.
    pub author: String,
    /// Author's e-mail: stored, never published.
    pub email: String,
    /// Author's website, if given.
    pub website: String,
    /// Source Markdown.
    pub body_md: String,
    /// Rendered, sanitised HTML.
    pub body_html: String,
    /// Status.
    pub status: Status,
    /// Creation time, Unix milliseconds.
    pub created_at: i64,
    /// Last edit by its author, Unix milliseconds.
    pub edited_at: Option<i64>,
    /// Client IP (kept per the retention policy, then erased).
    pub ip: Option<String>,
    /// Client user agent (same retention as the IP).
    pub user_agent: Option<String>,
    /// Referrer (same retention as the IP).
    pub referrer: Option<String>,
    /// Spam probability given by the filter.
    pub spam_score: f64,
    /// The filter's reasons, in moderator words.
    pub spam_reasons: Vec<String>,
    /// SHA-256 of the secret edit token, hex.
    pub edit_token_hash: String,
    /// Comment, pingback or trackback.
    pub kind: Kind,
    /// For an imported comment, its identity in the source (`wp:<post>:<comment>`,
    /// `disqus:<post>`), so that importing the same file again adds nothing.
    pub import_key: Option<String>,
}

impl Comment {
    /// Whether the public may see this comment's content.
    pub fn is_public(&self) -> bool {
        self.status == Status::Approved
    }

    /// A filled-in example for tests.
    #[doc(hidden)]
    pub fn example() -> Self {
        Comment {
            id: 1,
            thread_id: 1,
            parent_id: None,
            number: Some(1),
            author: "Ada".into(),
            email: "ada@example.org".into(),
            website: String::new(),
            body_md: "Hello".into(),
            body_html: "<p>Hello</p>\n".into(),
            status: Status::Approved,
            created_at: 0,
            edited_at: None,
            ip: None,
            user_agent: None,
            referrer: None,
            spam_score: 0.0,
            spam_reasons: Vec::new(),
            edit_token_hash: String::new(),
            kind: Kind::Comment,
            import_key: None,
        }
    }
}

/// A comment about to be stored.
#[derive(Debug, Clone, PartialEq)]
pub struct NewComment {
    /// The thread.
    pub thread_id: i64,
    /// The comment it replies to.
    pub parent_id: Option<i64>,
    /// Author's name.
    pub author: String,
    /// Author's e-mail.
    pub email: String,
    /// Author's website or empty.
    pub website: String,
    /// Source Markdown.
    pub body_md: String,
    /// Rendered, sanitised HTML.
    pub body_html: String,
    /// Initial status; an approved comment gets its display number on insert.
    pub status: Status,
    /// Creation time, Unix milliseconds.
    pub created_at: i64,
    /// Client IP.
    pub ip: Option<String>,
    /// Client user agent.
    pub user_agent: Option<String>,
    /// Referrer.
    pub referrer: Option<String>,
    /// Spam probability.
    pub spam_score: f64,
    /// The filter's reasons.
    pub spam_reasons: Vec<String>,
    /// SHA-256 of the edit token, hex.
    pub edit_token_hash: String,
}

/// Field length limits, from configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Longest author name, in characters.
    pub name_chars: usize,
    /// Longest e-mail address, in characters.
    pub email_chars: usize,
    /// Longest website URL, in characters.
    pub website_chars: usize,
    /// Longest comment text, in characters.
    pub text_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            name_chars: 80,
            email_chars: 254,
            website_chars: 300,
            text_chars: 10_000,
        }
    }
}

fn too_long(field: &'static str, max: usize) -> FieldError {
    FieldError {
        field,
        message: format!("must be at most {max} characters"),
    }
}

/// An author name: trimmed, non-empty, without control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorName(String);

impl AuthorName {
    /// Validates a submitted name.
    ///
    /// # Errors
    /// A [`FieldError`] for `author` when it is empty, too long or holds control characters.
    pub fn parse(raw: &str, limits: &Limits) -> Result<Self, FieldError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(FieldError {
                field: "author",
                message: "Please enter your name.".into(),
            });
        }
        if s.chars().count() > limits.name_chars {
            return Err(too_long("author", limits.name_chars));
        }
        if s.chars().any(char::is_control) {
            return Err(FieldError {
                field: "author",
                message: "must not contain control characters".into(),
            });
        }
        Ok(AuthorName(s.to_owned()))
    }

    /// The name.
    pub fn into_inner(self) -> String {
        self.0
    }
}

/// An e-mail address: `local@domain` with a dot in the domain, no spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Validates a submitted address.
    ///
    /// # Errors
    /// A [`FieldError`] for `email` when it is empty, too long or not an address.
    pub fn parse(raw: &str, limits: &Limits) -> Result<Self, FieldError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(FieldError {
                field: "email",
                message: "Please enter your email address.".into(),
            });
        }
        if s.chars().count() > limits.email_chars {
            return Err(too_long("email", limits.email_chars));
        }
        let valid = match s.rsplit_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !s
                        .chars()
                        .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
            }
            None => false,
        };
        if !valid {
            return Err(FieldError {
                field: "email",
                message: "is not a valid email address".into(),
            });
        }
        Ok(Email(s.to_owned()))
    }

    /// The address.
    pub fn into_inner(self) -> String {
        self.0
    }
}

/// A website: empty, or an absolute `http(s)` URL (`https://` is assumed when no scheme is given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Website(String);

impl Website {
    /// Validates a submitted website.
    ///
    /// # Errors
    /// A [`FieldError`] for `website` when it is too long or not an http(s) URL.
    pub fn parse(raw: &str, limits: &Limits) -> Result<Self, FieldError> {
        let s = raw.trim();
        if s.is_empty() {
            return Ok(Website(String::new()));
        }
        if s.chars().count() > limits.website_chars {
            return Err(too_long("website", limits.website_chars));
        }
        let with_scheme = if s.contains("://") {
            s.to_owned()
        } else {
            format!("https://{s}")
        };
        match url::Url::parse(&with_scheme) {
            Ok(u) if (u.scheme() == "http" || u.scheme() == "https") && u.host().is_some() => {
                Ok(Website(u.to_string()))
            }
            _ => Err(FieldError {
                field: "website",
                message: "is not a valid http(s) address".into(),
            }),
        }
    }

    /// The URL, or empty.
    pub fn into_inner(self) -> String {
        self.0
    }
}

/// A comment text: trimmed, non-empty Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body(String);

impl Body {
    /// Validates a submitted text.
    ///
    /// # Errors
    /// A [`FieldError`] for `text` when it is empty or too long.
    pub fn parse(raw: &str, limits: &Limits) -> Result<Self, FieldError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(FieldError {
                field: "text",
                message: "Please write a comment.".into(),
            });
        }
        if s.chars().count() > limits.text_chars {
            return Err(too_long("text", limits.text_chars));
        }
        // Normalise line endings; keep everything else as written.
        Ok(Body(s.replace("\r\n", "\n")))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_validation() {
        let l = Limits::default();
        assert!(AuthorName::parse("  ", &l).is_err());
        assert_eq!(
            AuthorName::parse(" Ada ", &l).map(AuthorName::into_inner),
            Ok("Ada".into())
        );
        assert!(Email::parse("not-an-email", &l).is_err());
        assert!(Email::parse("a@b", &l).is_err());
        assert!(Email::parse("a@b.org", &l).is_ok());
        assert_eq!(
            Website::parse("example.org", &l).map(Website::into_inner),
            Ok("https://example.org/".into())
        );
        assert!(Website::parse("javascript:alert(1)", &l).is_err());
        assert!(Body::parse(&"x".repeat(l.text_chars + 1), &l).is_err());
    }
}
