//! Sites: the blogs or news sites whose articles carry comment threads.

use serde::{Deserialize, Serialize};

/// How a site treats comments that the spam filter lets through.
///
/// Stored and configured as text: `auto` (or `none`), `manual` (or `all`), `first`, and
/// `links:N`. The two original names stay the stored names of their policies, so values written
/// by earlier versions read back unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Moderation {
    /// Comments the filter judges ham are published at once.
    #[default]
    Auto,
    /// Every comment waits for a moderator.
    Manual,
    /// The first comment from an e-mail address without approved comments on the site waits.
    FirstComment,
    /// Comments with more than this many links wait.
    Links(u32),
}

impl Moderation {
    /// The stored name.
    pub fn as_str(self) -> String {
        match self {
            Moderation::Auto => "auto".into(),
            Moderation::Manual => "manual".into(),
            Moderation::FirstComment => "first".into(),
            Moderation::Links(n) => format!("links:{n}"),
        }
    }

    /// Parses a configured or stored name.
    ///
    /// # Errors
    /// A message naming the accepted forms.
    pub fn try_parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        Ok(match s {
            "auto" | "none" => Moderation::Auto,
            "manual" | "all" => Moderation::Manual,
            "first" => Moderation::FirstComment,
            _ => match s.strip_prefix("links:").map(|n| n.trim().parse::<u32>()) {
                Some(Ok(n)) => Moderation::Links(n),
                _ => {
                    return Err(format!(
                        "moderation '{s}' is not one of auto (none), manual (all), first, links:N"
                    ));
                }
            },
        })
    }

    /// Parses the stored name; unknown names fall back to holding comments (the safe side).
    pub fn parse(s: &str) -> Self {
        Self::try_parse(s).unwrap_or(Moderation::Manual)
    }

    /// Whether a comment the filter passed must wait for a moderator: `links` is its number of
    /// links, `approved_before` how many approved comments its author's address has on the site.
    pub fn holds(self, links: usize, approved_before: i64) -> bool {
        match self {
            Moderation::Auto => false,
            Moderation::Manual => true,
            Moderation::FirstComment => approved_before == 0,
            Moderation::Links(n) => links > n as usize,
        }
    }
}

impl TryFrom<String> for Moderation {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Moderation::try_parse(&s)
    }
}

impl From<Moderation> for String {
    fn from(m: Moderation) -> String {
        m.as_str()
    }
}

/// Per-site settings owned by the admin UI (never by the configuration file), stored as JSON
/// beside the site. Unknown or missing keys read as the defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SitePolicy {
    /// Words or phrases that send a comment to the spam queue (case-insensitive).
    pub blocked_words: Vec<String>,
    /// Domains (and their subdomains) that send a comment to the spam queue when linked, or
    /// used in the author's website or e-mail address.
    pub blocked_domains: Vec<String>,
    /// Threads older than this many days take no new comments.
    pub close_after_days: Option<u32>,
    /// Minutes during which authors may edit or delete their comment (the server default when
    /// unset).
    pub edit_window_minutes: Option<u32>,
}

impl SitePolicy {
    /// The first blocked word or domain a submission uses, as a reason for moderators.
    pub fn blocked_reason(&self, text: &str, website: &str, email: &str) -> Option<String> {
        let lower = text.to_lowercase();
        for w in &self.blocked_words {
            let w = w.trim().to_lowercase();
            if !w.is_empty() && lower.contains(&w) {
                return Some(format!("contains the blocked word \"{w}\""));
            }
        }
        let mut hosts: Vec<String> = Vec::new();
        for word in text.split(|c: char| c.is_whitespace() || "()<>[]\"'".contains(c)) {
            if let Ok(u) = url::Url::parse(word)
                && let Some(h) = u.host_str()
            {
                hosts.push(h.to_lowercase());
            }
        }
        if let Ok(u) = url::Url::parse(website)
            && let Some(h) = u.host_str()
        {
            hosts.push(h.to_lowercase());
        }
        if let Some((_, d)) = email.rsplit_once('@') {
            hosts.push(d.to_lowercase());
        }
        for d in &self.blocked_domains {
            let d = d.trim().trim_start_matches('.').to_lowercase();
            if d.is_empty() {
                continue;
            }
            if hosts
                .iter()
                .any(|h| *h == d || h.ends_with(&format!(".{d}")))
            {
                return Some(format!("uses the blocked domain {d}"));
            }
        }
        None
    }

    /// Whether a thread opened at `created_at` is closed to new comments at `now` (Unix ms).
    pub fn closed(&self, created_at: i64, now: i64) -> bool {
        self.close_after_days
            .is_some_and(|d| now - created_at > i64::from(d) * 86_400_000)
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
    /// Settings owned by the admin UI (never serialised: blocked words stay private).
    #[serde(skip_serializing)]
    pub policy: SitePolicy,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moderation_names_old_and_new_read_back() {
        for (s, m) in [
            ("auto", Moderation::Auto),
            ("none", Moderation::Auto),
            ("manual", Moderation::Manual),
            ("all", Moderation::Manual),
            ("first", Moderation::FirstComment),
            ("links:2", Moderation::Links(2)),
        ] {
            assert_eq!(Moderation::try_parse(s), Ok(m), "{s}");
            assert_eq!(Moderation::parse(&m.as_str()), m, "round trip {s}");
        }
        assert!(Moderation::try_parse("links:x").is_err());
        assert_eq!(
            Moderation::parse("garbage"),
            Moderation::Manual,
            "unknown holds"
        );
        assert!(Moderation::FirstComment.holds(0, 0) && !Moderation::FirstComment.holds(9, 1));
        assert!(Moderation::Links(1).holds(2, 5) && !Moderation::Links(1).holds(1, 0));
        let spec: SiteSpec =
            serde_json::from_str(r#"{"name":"x","moderation":"links:3"}"#).expect("spec");
        assert_eq!(spec.moderation, Moderation::Links(3));
        assert!(serde_json::from_str::<SiteSpec>(r#"{"name":"x","moderation":"maybe"}"#).is_err());
    }

    #[test]
    fn blocked_words_and_domains_and_closing() {
        let p = SitePolicy {
            blocked_words: vec!["Casino".into()],
            blocked_domains: vec!["spam.example".into()],
            close_after_days: Some(2),
            edit_window_minutes: None,
        };
        assert!(
            p.blocked_reason("Great CASINO bonus", "", "a@b.org")
                .is_some()
        );
        assert!(
            p.blocked_reason("see https://x.spam.example/a", "", "a@b.org")
                .is_some()
        );
        assert!(
            p.blocked_reason("fine", "https://spam.example", "a@b.org")
                .is_some()
        );
        assert!(
            p.blocked_reason("fine", "", "a@mail.spam.example")
                .is_some()
        );
        assert!(
            p.blocked_reason("see https://notspam.example", "", "a@b.org")
                .is_none()
        );
        assert!(p.blocked_reason("fine", "", "a@b.org").is_none());
        let day = 86_400_000;
        assert!(!p.closed(0, 2 * day));
        assert!(p.closed(0, 2 * day + 1));
        assert!(!SitePolicy::default().closed(0, 1000 * day));
        let stored: SitePolicy = serde_json::from_str("{}").expect("empty policy");
        assert_eq!(stored, SitePolicy::default());
    }
}
