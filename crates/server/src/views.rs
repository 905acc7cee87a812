//! HTML and Atom rendering. Every piece of user data passes through [`esc`] or is the stored,
//! already-sanitised comment HTML. Pages work without JavaScript.

use std::collections::HashMap;
use std::fmt::Write as _;

use retort_domain::FieldError;
use retort_domain::comment::{Kind, Status};
use retort_domain::site::Site;
use retort_domain::thread::{Node, Thread, ThreadSummary};
use retort_textproc::escape_html as esc;

const STYLE: &str = r#"body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
a{color:#0b57d0}ol.comments,ol.replies{list-style:none;padding-left:0}ol.replies{padding-left:1.5rem;border-left:2px solid #eee}
.comment article{margin:1rem 0}.comment header{font-size:.9rem;color:#555}.comment .number{font-weight:600;margin-right:.4rem}
.comment .author{font-weight:600}.comment .avatar{vertical-align:middle;border-radius:4px}.comment .kind{font-size:.75rem;text-transform:uppercase;letter-spacing:.04em;color:#555;border:1px solid #ccc;border-radius:3px;padding:0 .3rem;margin-left:.3rem}.comment .deleted{color:#777;font-style:italic}.comment footer{font-size:.85rem}
form p{margin:.6rem 0}label{display:block;font-weight:600}input[type=text],input[type=email],input[type=url],textarea{width:100%;box-sizing:border-box;padding:.4rem;font:inherit}
.required{color:#b00}.error{color:#b00;display:block}.notice{background:#fff7d6;border:1px solid #e5c100;padding:.6rem}.hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
.note{font-size:.9rem;color:#555}"#;

/// A whole HTML page.
pub fn layout(title: &str, body: &str) -> String {
    page(title, "", &[body])
}

/// A whole HTML page with extra `<head>` content, its body written from `parts` in one pass.
pub fn page(title: &str, head: &str, parts: &[&str]) -> String {
    let mut out =
        String::with_capacity(STYLE.len() + 512 + parts.iter().map(|p| p.len()).sum::<usize>());
    out.push_str("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>");
    out.push_str(&esc(title));
    out.push_str("</title><style>");
    out.push_str(STYLE);
    out.push_str("</style>");
    out.push_str(head);
    out.push_str("</head><body>\n");
    for p in parts {
        out.push_str(p);
    }
    out.push_str("\n</body></html>\n");
    out
}

/// An error page.
pub fn error_page(status: u16, message: &str) -> String {
    layout(
        &format!("Error {status}"),
        &format!(
            "<h1>Error {status}</h1><p class=\"error\">{}</p><p><a href=\"/\">All threads</a></p>",
            esc(message)
        ),
    )
}

/// Formats Unix milliseconds as a readable UTC date.
pub fn human_date(ms: i64) -> String {
    let fmt = time::macros::format_description!(
        "[day padding:none] [month repr:long] [year] at [hour]:[minute] UTC"
    );
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(&fmt).ok())
        .unwrap_or_default()
}

/// Formats Unix milliseconds as RFC 3339.
pub fn rfc3339(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

/// The index: every thread with its comment count.
pub fn index(threads: &[ThreadSummary]) -> String {
    let mut body =
        String::from("<h1>Retort</h1><p>Comment threads on this server:</p><ul class=\"threads\">");
    for t in threads {
        let _ = write!(
            body,
            "<li><a href=\"/threads/{}\">{}</a> <small>({}, {} comment{})</small></li>",
            t.thread.id,
            esc(&t.thread.title),
            esc(&t.site_name),
            t.comments,
            if t.comments == 1 { "" } else { "s" }
        );
    }
    if threads.is_empty() {
        body.push_str("<li>No threads yet.</li>");
    }
    body.push_str("</ul>");
    layout("Retort", &body)
}

/// The comment list of a thread (the part that is pre-rendered and cached).
pub fn comment_list(
    thread: &Thread,
    nodes: &[Node],
    count: usize,
    avatars: Option<&crate::avatars::Avatars>,
) -> String {
    let mut out = String::with_capacity(512 * count + 128);
    let _ = write!(
        out,
        "<section class=\"comments\" id=\"comments\"><h2>{count} comment{}</h2><ol class=\"comments\">",
        if count == 1 { "" } else { "s" }
    );
    for n in nodes {
        render_node(&mut out, thread, n, avatars);
    }
    out.push_str("</ol></section>");
    out
}

fn render_node(
    out: &mut String,
    thread: &Thread,
    n: &Node,
    avatars: Option<&crate::avatars::Avatars>,
) {
    let c = &n.comment;
    let number = c.number.map(|n| format!("{n}.")).unwrap_or_default();
    let _ = write!(
        out,
        "<li class=\"comment depth-{}\" id=\"comment-{}\"><article>",
        n.depth, c.id
    );
    if c.status == Status::Deleted {
        let _ = write!(
            out,
            "<header><span class=\"number\">{number}</span></header><p class=\"deleted\">This comment was deleted.</p>"
        );
    } else {
        let author = if c.website.is_empty() {
            format!("<span class=\"author\">{}</span>", esc(&c.author))
        } else {
            format!(
                "<a class=\"author\" href=\"{}\" rel=\"nofollow ugc\">{}</a>",
                esc(&c.website),
                esc(&c.author)
            )
        };
        let kind = match c.kind {
            Kind::Comment => "",
            Kind::Pingback => " <span class=\"kind\">Pingback</span>",
            Kind::Trackback => " <span class=\"kind\">Trackback</span>",
        };
        let avatar = avatars
            .map(|a| {
                format!(
                    "<img class=\"avatar\" src=\"{}\" alt=\"\" width=\"40\" height=\"40\" loading=\"lazy\"> ",
                    esc(&a.url(&c.email))
                )
            })
            .unwrap_or_default();
        let edited = if c.edited_at.is_some() {
            " <span class=\"edited\">(edited)</span>"
        } else {
            ""
        };
        let _ = write!(
            out,
            "<header>{avatar}<a class=\"number\" href=\"#comment-{id}\">{number}</a> {author}{kind} <time datetime=\"{dt}\">{date}</time>{edited}</header>\
             <div class=\"body\">{body}</div><footer><a class=\"reply\" href=\"/threads/{tid}?replyto={id}#reply\">Reply</a></footer>",
            id = c.id,
            dt = rfc3339(c.created_at),
            date = human_date(c.created_at),
            body = c.body_html,
            tid = thread.id,
        );
    }
    out.push_str("</article>");
    if !n.replies.is_empty() {
        out.push_str("<ol class=\"replies\">");
        for r in &n.replies {
            render_node(out, thread, r, avatars);
        }
        out.push_str("</ol>");
    }
    out.push_str("</li>");
}

/// What the reply form shows.
#[derive(Debug, Default)]
pub struct FormView<'a> {
    /// Values to keep (after an error).
    pub values: HashMap<String, String>,
    /// Errors by field.
    pub errors: &'a [FieldError],
    /// Signed form token.
    pub form_token: String,
    /// The comment replied to: id and author name.
    pub reply_to: Option<(i64, String)>,
    /// Whether the server can mail reply notifications (the box is offered only then).
    pub can_notify: bool,
}

/// The "Leave a reply" form of a thread.
pub fn reply_form(thread: &Thread, site: &Site, f: &FormView<'_>) -> String {
    let val = |k: &str| esc(f.values.get(k).map(String::as_str).unwrap_or(""));
    let err = |k: &str| {
        f.errors
            .iter()
            .filter(|e| e.field == k)
            .map(|e| {
                format!(
                    "<span class=\"error\" id=\"{k}-error\">{}</span>",
                    esc(&e.message)
                )
            })
            .collect::<String>()
    };
    let invalid = |k: &str| {
        if f.errors.iter().any(|e| e.field == k) {
            " aria-invalid=\"true\""
        } else {
            ""
        }
    };
    let heading = match &f.reply_to {
        Some((id, name)) => format!(
            "Reply to <a href=\"#comment-{id}\">{}</a> <small><a href=\"/threads/{}#reply\">Cancel reply</a></small>",
            esc(name),
            thread.id
        ),
        None => "Leave a reply".to_owned(),
    };
    let parent = f
        .reply_to
        .as_ref()
        .map(|(id, _)| id.to_string())
        .unwrap_or_else(|| val("parent"));
    let general = format!("{}{}", err("parent"), err("form"));
    format!(
        "<section id=\"reply\" class=\"reply-form\"><h2>{heading}</h2>{general}\
<form method=\"post\" action=\"/threads/{tid}/comments\" accept-charset=\"UTF-8\">\
<p class=\"note\">Your email address will not be published. Required fields are marked <span class=\"required\">*</span></p>\
<input type=\"hidden\" name=\"parent\" value=\"{parent}\"><input type=\"hidden\" name=\"form_token\" value=\"{token}\">\
<p><label for=\"author\">Name <span class=\"required\">*</span></label><input type=\"text\" id=\"author\" name=\"author\" value=\"{author}\" maxlength=\"80\" autocomplete=\"name\" required{ia}>{ea}</p>\
<p><label for=\"email\">Email <span class=\"required\">*</span></label><input type=\"email\" id=\"email\" name=\"email\" value=\"{email}\" maxlength=\"254\" autocomplete=\"email\" required{ie}>{ee}</p>\
<p><label for=\"website\">Website</label><input type=\"url\" id=\"website\" name=\"website\" value=\"{website}\" maxlength=\"300\" autocomplete=\"url\"{iw}>{ew}</p>\
<p><label for=\"text\">Comment <span class=\"required\">*</span></label><textarea id=\"text\" name=\"text\" rows=\"6\" required{it}>{text}</textarea>{et}</p>\
<p class=\"remember\"><input type=\"checkbox\" id=\"remember\" name=\"remember\" value=\"1\"{remember}> <label for=\"remember\">Save my name, email and website in this browser for the next time I comment.</label></p>\
{notify}<p class=\"hp\" aria-hidden=\"true\"><label for=\"hp\">Leave this field empty</label><input type=\"text\" id=\"hp\" name=\"hp\" tabindex=\"-1\" autocomplete=\"off\"></p>\
<p><button type=\"submit\">Post Comment</button></p>\
<p class=\"note\"><a href=\"/sites/{site}/privacy\">Learn how your comment data is processed</a>.</p>\
</form></section>",
        tid = thread.id,
        token = esc(&f.form_token),
        author = val("author"),
        email = val("email"),
        website = val("website"),
        text = val("text"),
        ia = invalid("author"),
        ie = invalid("email"),
        iw = invalid("website"),
        it = invalid("text"),
        ea = err("author"),
        ee = err("email"),
        ew = err("website"),
        et = err("text"),
        site = esc(&site.name),
        notify = if f.can_notify {
            let checked = if f.values.get("notify").is_some_and(|v| v == "1") {
                " checked"
            } else {
                ""
            };
            format!(
                "<p class=\"notify\"><input type=\"checkbox\" id=\"notify\" name=\"notify\" value=\"1\"{checked}> <label for=\"notify\">Email me when someone replies (you will be asked to confirm your address first).</label></p>"
            )
        } else {
            String::new()
        },
        remember = if f.values.get("remember").is_some_and(|v| v == "1") {
            " checked"
        } else {
            ""
        },
    )
}

/// A thread page: title, comments, notice, form.
pub fn thread_page(
    thread: &Thread,
    site: &Site,
    comments_html: &str,
    notice: &str,
    form_html: &str,
) -> String {
    let intro = format!(
        "<p><a href=\"/\">All threads</a> · <a href=\"/threads/{id}/atom.xml\">Feed</a></p>\
<h1>{title}</h1><p class=\"note\">Comments on <a href=\"{url}\">{url}</a> ({site})</p>\n",
        id = thread.id,
        title = esc(&thread.title),
        url = esc(&thread.url),
        site = esc(if site.title.is_empty() {
            &site.name
        } else {
            &site.title
        }),
    );
    let head = format!(
        "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/threads/{}/atom.xml\">",
        thread.id
    );
    page(
        &thread.title,
        &head,
        &[&intro, comments_html, "\n", notice, "\n", form_html],
    )
}

/// The notice a commenter sees when their comment is held for moderation.
pub fn awaiting_notice(own_html: Option<&str>) -> String {
    let mut s = String::from(
        "<section class=\"notice\" id=\"awaiting\"><p><strong>Your comment is awaiting moderation.</strong> It will appear here once a moderator has approved it.</p>",
    );
    if let Some(h) = own_html {
        let _ = write!(s, "<div class=\"body\">{h}</div>");
    }
    s.push_str("</section>");
    s
}

/// Escapes text for XML.
fn xml(s: &str) -> String {
    esc(s)
}

/// The Atom feed of a thread's published comments, newest first.
pub fn atom(thread: &Thread, base: &str, comments: &[&retort_domain::comment::Comment]) -> String {
    let updated = comments
        .iter()
        .map(|c| c.edited_at.unwrap_or(c.created_at))
        .max()
        .unwrap_or(thread.created_at);
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\
<title>Comments on {title}</title><id>{base}/threads/{id}</id><updated>{upd}</updated>\
<link rel=\"self\" href=\"{base}/threads/{id}/atom.xml\"/><link rel=\"alternate\" href=\"{base}/threads/{id}\"/>",
        title = xml(&thread.title),
        base = xml(base),
        id = thread.id,
        upd = rfc3339(updated),
    );
    for c in comments {
        let _ = write!(
            out,
            "<entry><id>{base}/threads/{tid}#comment-{cid}</id><title>Comment {num} by {author}</title>\
<author><name>{author}</name></author><published>{pubd}</published><updated>{upd}</updated>\
<link rel=\"alternate\" href=\"{base}/threads/{tid}#comment-{cid}\"/><content type=\"html\">{content}</content></entry>",
            base = xml(base),
            tid = thread.id,
            cid = c.id,
            num = c.number.unwrap_or_default(),
            author = xml(&c.author),
            pubd = rfc3339(c.created_at),
            upd = rfc3339(c.edited_at.unwrap_or(c.created_at)),
            content = xml(&c.body_html),
        );
    }
    out.push_str("</feed>\n");
    out
}

/// The public JSON of a comment node: never the e-mail, IP, user agent or referrer.
pub fn node_json(n: &Node, avatars: Option<&crate::avatars::Avatars>) -> serde_json::Value {
    let c = &n.comment;
    let deleted = c.status == Status::Deleted;
    let avatar = match avatars {
        Some(a) if !deleted => a.url(&c.email).into(),
        _ => serde_json::Value::Null,
    };
    serde_json::json!({
        "id": c.id,
        "number": c.number,
        "parent": c.parent_id,
        "author": if deleted { "" } else { c.author.as_str() },
        "website": if deleted || c.website.is_empty() { serde_json::Value::Null } else { c.website.as_str().into() },
        "html": if deleted { "" } else { c.body_html.as_str() },
        "deleted": deleted,
        "kind": c.kind.as_str(),
        "avatar": avatar,
        "created_at": rfc3339(c.created_at),
        "edited_at": c.edited_at.map(rfc3339),
        "replies": n.replies.iter().map(|r| node_json(r, avatars)).collect::<Vec<_>>(),
    })
}
