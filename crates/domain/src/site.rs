//! Sites: the blogs or news sites whose articles carry comment threads.

use serde::{Deserialize, Serialize};

/// How a site treats comments that the spam filter lets through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Moderation {
    /// Comments the filter judges ham are published at once.
    #[default]
    Auto,
    /// Every comment waits for a moderator.
    Manual,
}

impl Moderation {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Moderation::Auto => "auto",
            Moderation::Manual => "manual",
        }
    }

    /// Parses the stored name; unknown names fall back to holding comments (the safe side).
    pub fn parse(s: &str) -> Self {
        if s == "auto" {
            Moderation::Auto
        } else {
            Moderation::Manual
        }
    }
}

/// What erasing a commenter's data does to their comments on a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Erasure {
    /// The comments stay, under the name "Anonymous", without e-mail, website, IP or user agent.
    #[default]
    Anonymise,
    /// The comments' text and author are deleted; a placeholder keeps replies in place.
    Delete,
}

impl Erasure {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Erasure::Anonymise => "anonymise",
            Erasure::Delete => "delete",
        }
    }

    /// Parses the stored name; unknown names delete (the side that keeps less).
    pub fn parse(s: &str) -> Self {
        if s == "anonymise" {
            Erasure::Anonymise
        } else {
            Erasure::Delete
        }
    }
}

/// A site as configured: what an operator declares and what the store keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteSpec {
    /// Short unique name used in URLs and the API (`data-site`).
    pub name: String,
    /// Human title.
    #[serde(default)]
    pub title: String,
    /// Origins (`https://blog.example`) whose pages may embed the thread and whose article URLs
    /// may open new threads. Empty means any origin may open threads, and no CORS is granted.
    #[serde(default)]
    pub origins: Vec<String>,
    /// The site's main language (BCP 47 primary tag such as `en`).
    #[serde(default = "default_lang")]
    pub lang: String,
    /// Moderation policy.
    #[serde(default)]
    pub moderation: Moderation,
    /// What a commenter's erasure request does to their comments here.
    #[serde(default)]
    pub erasure: Erasure,
}

fn default_lang() -> String {
    "en".to_owned()
}

/// A stored site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Site {
    /// Store id.
    pub id: i64,
    /// Short unique name.
    pub name: String,
    /// Human title.
    pub title: String,
    /// Allowed origins.
    pub origins: Vec<String>,
    /// Main language.
    pub lang: String,
    /// Moderation policy.
    pub moderation: Moderation,
    /// Erasure policy.
    pub erasure: Erasure,
}

impl Site {
    /// Whether `origin` (scheme://host[:port]) is one of the site's allowed origins.
    pub fn allows_origin(&self, origin: &str) -> bool {
        let origin = origin.trim_end_matches('/');
        self.origins
            .iter()
            .any(|o| o.trim_end_matches('/').eq_ignore_ascii_case(origin))
    }

    /// Whether a new thread may be opened for this article URL.
    pub fn allows_article_url(&self, url: &url::Url) -> bool {
        self.origins.is_empty() || self.allows_origin(&url.origin().ascii_serialization())
    }
}
