//! `GET /sites/{site}/privacy`: how a site processes commenters' data, generated from the
//! running configuration so that it always tells the truth.

use axum::extract::{Path, State};
use axum::response::Html;

use super::St;
use crate::error::{ApiError, PageError};
use crate::views::layout;
use retort_textproc::escape_html as esc;

/// The data-processing page of a site.
pub async fn page(State(state): St, Path(site): Path<String>) -> Result<Html<String>, PageError> {
    let site = state
        .cache
        .site(state.store().as_ref(), &site)
        .await?
        .ok_or_else(|| ApiError::not_found("site"))?;
    let s = &state.settings;
    let days = s.client_data_days;
    let edit_minutes = state.comments.edit_window_secs(&site) / 60;
    let moderation = match site.moderation {
        retort_domain::site::Moderation::Auto => {
            "Comments that the spam filter judges legitimate are published at once; the others are held for a moderator.".to_owned()
        }
        retort_domain::site::Moderation::Manual => {
            "Every comment is held until a moderator approves it.".to_owned()
        }
        retort_domain::site::Moderation::FirstComment => {
            "A first comment from a new email address is held until a moderator approves it; later ones the spam filter judges legitimate are published at once.".to_owned()
        }
        retort_domain::site::Moderation::Links(n) => format!(
            "Comments with more than {n} links are held for a moderator; others the spam filter judges legitimate are published at once."
        ),
    };
    let body = format!(
        "<h1>How your comment data is processed</h1>\
<p>This page describes what <strong>{name}</strong> stores when you comment, why, and for how long. It is generated from the \
running configuration of this Retort server.</p>\
<h2>What is stored, and why</h2><table><thead><tr><th>Data</th><th>Why</th><th>Published?</th><th>Kept for</th></tr></thead><tbody>\
<tr><td>Your name</td><td>To show who wrote the comment</td><td>Yes</td><td>As long as the comment exists</td></tr>\
<tr><td>Your email address</td><td>So the site owner can contact you about your comment, and to recognise returning commenters for the spam filter</td><td><strong>Never</strong></td><td>As long as the comment exists</td></tr>\
<tr><td>Your website (optional)</td><td>To link your name</td><td>Yes, as a link with <code>rel=\"nofollow ugc\"</code></td><td>As long as the comment exists</td></tr>\
<tr><td>Your comment text</td><td>To publish it</td><td>Yes, once approved</td><td>As long as the comment exists</td></tr>\
<tr><td>Your IP address, browser user agent and the referring page</td><td>To fight spam and abuse</td><td><strong>Never</strong></td><td>{days} days, then erased</td></tr>\
<tr><td>The spam filter's score and reasons</td><td>So moderators can review its decisions</td><td>No</td><td>As long as the comment exists</td></tr>\
</tbody></table>\
<h2>Spam filtering</h2><p>Every comment is checked by a spam filter that runs on this server. Nothing about you or your comment is \
sent to any other service. {moderation}</p>\
<h2>Spam checks for other sites</h2><p>When another site asks this server to check a comment \
through its Akismet-compatible API, the comment is classified in memory and not stored: neither its text nor the \
commenter's email address or IP. What is kept is a count of checks per month and, when that site reports spam or \
not spam, adjusted weights of its own spam model.</p>\
<h2>Cookies and third parties</h2><p>Posting does not need cookies. When your comment is held for moderation, this server sets \
one cookie so that you, and only you, can see your own waiting comment; it holds the comment's number and a random token, and \
expires after at most {cookie_hours} hour(s). No analytics, no avatars from third-party services, no tracking.</p>\
<h2>Editing and deleting</h2><p>You can edit or delete your comment for {edit_minutes} minutes after posting it, from the same \
browser. After that, ask the site owner.</p>\
<h2>Where the data are</h2><p>In a {backend} database run by the site owner.</p>\
<h2>Your rights</h2><p>You may ask the site owner for a copy of your data or for its erasure.</p>",
        name = esc(if site.title.is_empty() {
            &site.name
        } else {
            &site.title
        }),
        cookie_hours = (state.comments.settings().edit_window_secs.max(3600) + 3599) / 3600,
        backend = esc(&s.backend_name),
    );
    Ok(Html(layout("How your comment data is processed", &body)))
}
