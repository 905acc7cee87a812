//! The spam hook: every new comment passes a [`SpamFilter`] before it is stored, and the
//! verdict decides its status.
//!
//! [`RuleFilter`] is the small rule-based filter (honeypot, minimum time to submit, link count).
//! The learned filter of `retort-classifier` implements the same trait.

use serde::Serialize;

use crate::site::Site;

/// What the filter sees of a submission.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Submission {
    /// Comment text (Markdown source).
    pub text: String,
    /// Number of links in the rendered text.
    pub links: usize,
    /// Author name.
    pub author: String,
    /// Author e-mail.
    pub email: String,
    /// Author website.
    pub website: String,
    /// Client IP.
    pub ip: String,
    /// Client user agent.
    pub user_agent: String,
    /// Referrer.
    pub referrer: String,
    /// The article's URL.
    pub permalink: String,
    /// The article's title.
    pub article_title: String,
    /// Value of the hidden honeypot field (empty for people).
    pub honeypot: String,
    /// Seconds between the form being shown and being submitted, when known.
    pub seconds_to_submit: Option<f64>,
    /// Approved comments this e-mail address already has on the site.
    pub author_approved_comments: u32,
}

/// The filter's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    /// Looks legitimate.
    Ham,
    /// Looks like spam: kept, hidden, shown to moderators.
    Spam,
    /// Blatant spam.
    Discard,
}

/// A verdict with its reasons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// Spam probability in [0, 1].
    pub score: f64,
    /// Decision.
    pub label: Label,
    /// Why, in moderator words.
    pub reasons: Vec<String>,
}

/// A spam filter. Implementations are pure and fast; callers supply all context.
pub trait SpamFilter: Send + Sync + 'static {
    /// Judges one submission for a site.
    fn check(&self, site: &Site, submission: &Submission) -> Verdict;

    /// Judges with what the site has learned from its moderators ([`crate::learning`]).
    /// Filters that do not learn ignore the layer.
    fn check_for_site(
        &self,
        site: &Site,
        submission: &Submission,
        layer: &retort_classifier::SiteLayer,
    ) -> Verdict {
        let _ = layer;
        self.check(site, submission)
    }
}

/// Settings of the rule-based filter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RuleSettings {
    /// A form submitted sooner than this many seconds after it was shown is spam.
    pub min_seconds_to_submit: f64,
    /// More links than this is spam.
    pub max_links: usize,
}

impl Default for RuleSettings {
    fn default() -> Self {
        RuleSettings {
            min_seconds_to_submit: 3.0,
            max_links: 3,
        }
    }
}

/// The rule-based filter: honeypot, minimum time to submit, link count.
#[derive(Debug, Clone, Default)]
pub struct RuleFilter {
    /// Its settings.
    pub settings: RuleSettings,
}

impl SpamFilter for RuleFilter {
    fn check(&self, _site: &Site, s: &Submission) -> Verdict {
        let mut reasons = Vec::new();
        let mut score: f64 = 0.05;
        let mut label = Label::Ham;
        if !s.honeypot.trim().is_empty() {
            reasons.push("the hidden field that only robots fill in was filled in".to_owned());
            score = 1.0;
            label = Label::Discard;
        }
        if let Some(secs) = s.seconds_to_submit
            && secs < self.settings.min_seconds_to_submit
        {
            reasons.push(format!("submitted {secs:.1} s after the form was shown"));
            score = score.max(0.95);
            if label == Label::Ham {
                label = Label::Spam;
            }
        }
        if s.links > self.settings.max_links {
            reasons.push(format!("{} links", s.links));
            score = score.max(0.9);
            if label == Label::Ham {
                label = Label::Spam;
            }
        }
        Verdict {
            score,
            label,
            reasons,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::Moderation;

    fn site() -> Site {
        Site {
            id: 1,
            name: "s".into(),
            title: String::new(),
            origins: vec![],
            lang: "en".into(),
            moderation: Moderation::Auto,
            policy: Default::default(),
            erasure: Default::default(),
        }
    }

    #[test]
    fn ordinary_comment_is_ham() {
        let v = RuleFilter::default().check(
            &site(),
            &Submission {
                text: "I disagree with the mayor, and here is why.".into(),
                links: 1,
                seconds_to_submit: Some(40.0),
                ..Default::default()
            },
        );
        assert_eq!(v.label, Label::Ham);
        assert!(v.reasons.is_empty());
    }

    #[test]
    fn honeypot_is_discarded() {
        let v = RuleFilter::default().check(
            &site(),
            &Submission {
                honeypot: "http://x".into(),
                ..Default::default()
            },
        );
        assert_eq!(v.label, Label::Discard);
        assert!(v.reasons[0].contains("hidden field"));
    }

    #[test]
    fn too_fast_and_too_many_links_are_spam() {
        let f = RuleFilter::default();
        let fast = f.check(
            &site(),
            &Submission {
                seconds_to_submit: Some(0.4),
                ..Default::default()
            },
        );
        assert_eq!(fast.label, Label::Spam);
        let links = f.check(
            &site(),
            &Submission {
                links: 7,
                ..Default::default()
            },
        );
        assert_eq!(links.label, Label::Spam);
        assert_eq!(links.reasons, vec!["7 links".to_owned()]);
    }
}

/// The learned filter of `retort-classifier`, with the configured hard rules of
/// [`RuleFilter`] on top: a rule can only make a verdict stricter, never milder.
pub struct ModelFilter {
    model: std::sync::Arc<retort_classifier::Model>,
    rules: RuleFilter,
}

impl ModelFilter {
    /// A filter over `model` with the given hard rules.
    pub fn new(model: std::sync::Arc<retort_classifier::Model>, rules: RuleFilter) -> Self {
        ModelFilter { model, rules }
    }

    /// The classifier's view of a submission.
    pub fn comment(site: &Site, s: &Submission) -> retort_classifier::Comment {
        retort_classifier::Comment {
            content: s.text.clone(),
            author: s.author.clone(),
            email: s.email.clone(),
            url: s.website.clone(),
            user_ip: s.ip.clone(),
            user_agent: s.user_agent.clone(),
            referrer: s.referrer.clone(),
            permalink: s.permalink.clone(),
            comment_type: "comment".into(),
            lang: site.lang.clone(),
            honeypot: s.honeypot.clone(),
            seconds_to_submit: s.seconds_to_submit,
            context: retort_classifier::Context {
                author_approved_comments: s.author_approved_comments,
                recent_duplicates: 0,
                article_title: s.article_title.clone(),
            },
        }
    }
}

impl SpamFilter for ModelFilter {
    fn check(&self, site: &Site, s: &Submission) -> Verdict {
        self.judge(site, s, None)
    }

    fn check_for_site(
        &self,
        site: &Site,
        s: &Submission,
        layer: &retort_classifier::SiteLayer,
    ) -> Verdict {
        self.judge(site, s, Some(layer))
    }
}

impl ModelFilter {
    fn judge(
        &self,
        site: &Site,
        s: &Submission,
        layer: Option<&retort_classifier::SiteLayer>,
    ) -> Verdict {
        let mut comment = Self::comment(site, s);
        if self.rules.settings.min_seconds_to_submit <= 0.0 {
            // The operator turned timing checks off: the model does not see the timing either.
            comment.seconds_to_submit = None;
        }
        let v = match layer {
            Some(l) if !l.is_empty() => self.model.classify_for_site(&comment, l),
            _ => self.model.classify(&comment),
        };
        let mut label = match v.label {
            retort_classifier::Label::Ham => Label::Ham,
            retort_classifier::Label::Spam => Label::Spam,
            retort_classifier::Label::Discard => Label::Discard,
        };
        let mut score = f64::from(v.spam_probability);
        let mut reasons: Vec<String> = v.reasons.into_iter().map(|r| r.text.into_owned()).collect();
        let rules = self.rules.check(site, s);
        if rules.label != Label::Ham {
            if label == Label::Ham || rules.label == Label::Discard {
                label = rules.label;
            }
            score = score.max(rules.score);
            for r in rules.reasons {
                if !reasons.contains(&r) {
                    reasons.push(r);
                }
            }
        }
        Verdict {
            score,
            label,
            reasons,
        }
    }
}

#[cfg(test)]
mod model_tests {
    use super::*;
    use crate::site::Moderation;

    fn site() -> Site {
        Site {
            id: 1,
            name: "s".into(),
            title: String::new(),
            origins: vec![],
            lang: "en".into(),
            moderation: Moderation::Auto,
            policy: Default::default(),
            erasure: Default::default(),
        }
    }

    fn filter() -> ModelFilter {
        ModelFilter::new(
            std::sync::Arc::new(retort_classifier::Model::builtin().clone()),
            RuleFilter::default(),
        )
    }

    #[test]
    fn model_passes_a_reader_comment_and_catches_link_spam() {
        let f = filter();
        let ham = f.check(&site(), &Submission {
            text: "The council vote on the tram line was a mistake, and the article explains why quite well.".into(),
            author: "Hannah".into(),
            email: "hannah@example.org".into(),
            seconds_to_submit: Some(60.0),
            ..Default::default()
        });
        assert_eq!(ham.label, Label::Ham, "{ham:?}");
        let spam = f.check(&site(), &Submission {
            text: "Cheap viagra online!!! Buy now at http://pills.example.top http://pills2.example.top best price casino bonus".into(),
            author: "Best Cheap Pills".into(),
            website: "http://pills.example.top".into(),
            links: 2,
            ..Default::default()
        });
        assert_ne!(spam.label, Label::Ham, "{spam:?}");
        assert!(!spam.reasons.is_empty());
    }

    #[test]
    fn rules_only_make_the_verdict_stricter() {
        let v = filter().check(
            &site(),
            &Submission {
                text: "Nice article.".into(),
                honeypot: "x".into(),
                ..Default::default()
            },
        );
        assert_eq!(v.label, Label::Discard);
        assert!(v.reasons.iter().any(|r| r.contains("hidden field")));
    }
}
