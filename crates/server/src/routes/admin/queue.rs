//! The moderation queue: listing and search (`GET /admin`), the decisions on one comment
//! (approve, spam, not spam, delete), and bulk decisions over a selection or over everything a
//! search matches. Every decision refreshes the public thread's cache. The page of one comment
//! (edit, reply as the site) is in `comment`.

use std::fmt::Write as _;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use retort_domain::admin::moderation::{Acted, Action, QueueItem, Search};
use retort_domain::comment::Status;
use retort_textproc::escape_html as esc;

use super::{Staff, page};
use crate::routes::St;
use crate::views::human_date;
use crate::{AppState, extract};

/// Most comments one "apply to everything matching" decision touches.
const BULK_FILTER_MAX: usize = 500;

fn search_from(f: &extract::Form) -> Search {
    Search {
        status: f.get("status"),
        site: f.get("site"),
        text: f.get("q"),
        author: f.get("author"),
        email: f.get("email"),
        ip: f.get("ip"),
        page: f
            .get("page")
            .trim()
            .parse::<i64>()
            .unwrap_or(1)
            .clamp(1, 1_000_000),
    }
}

fn search_query(s: &Search) -> String {
    let enc = |v: &str| {
        percent_encoding::utf8_percent_encode(v, percent_encoding::NON_ALPHANUMERIC).to_string()
    };
    format!(
        "status={}&site={}&q={}&author={}&email={}&ip={}",
        enc(&s.status),
        enc(&s.site),
        enc(&s.text),
        enc(&s.author),
        enc(&s.email),
        enc(&s.ip)
    )
}

/// Where to go after a decision: the page the form came from, if it is an admin page.
pub(super) fn back(f: &extract::Form, done: &str) -> Response {
    let target = f.get("back");
    let target = match target.split_once("done=") {
        Some((head, _)) => head.trim_end_matches(['&', '?']).to_owned(),
        None => target,
    };
    let target = if target.is_empty() {
        "/admin".to_owned()
    } else {
        target
    };
    let sep = if target.contains('?') { '&' } else { '?' };
    page::see_other(&format!("{target}{sep}done={done}"))
}

pub(super) fn done_message(done: &str) -> String {
    let (what, n) = done.split_once('-').unwrap_or((done, "1"));
    let n: usize = n.parse().unwrap_or(1);
    let verb = match what {
        "approve" => "Approved",
        "spam" => "Marked as spam",
        "ham" => "Marked as not spam and published",
        "delete" => "Deleted",
        "edit" => "Saved the edit of",
        "reply" => "Published your reply to",
        _ => return String::new(),
    };
    let noun = if n == 1 { "comment" } else { "comments" };
    format!("<p class=\"notice\" role=\"status\">{verb} {n} {noun}.</p>")
}

fn status_options(current: &str) -> String {
    let mut out = String::new();
    for (v, label) in [
        ("queue", "Pending and spam"),
        ("pending", "Pending"),
        ("spam", "Spam"),
        ("approved", "Approved"),
        ("deleted", "Deleted"),
        ("all", "All"),
    ] {
        let sel = if current == v || (current.is_empty() && v == "queue") {
            " selected"
        } else {
            ""
        };
        let _ = write!(out, "<option value=\"{v}\"{sel}>{label}</option>");
    }
    out
}

/// The client's network (/24, IPv6 /48) as a link to its other comments: only the truncated
/// form that retention keeps is ever shown.
fn network(ip: Option<&str>) -> String {
    match ip.and_then(retort_domain::retention::truncate_ip) {
        Some(net) => format!(
            "<br>from <a href=\"/admin?status=all&amp;ip={q}\">{net}</a>",
            q = esc(&page::segment(&net)),
            net = esc(&net)
        ),
        None => String::new(),
    }
}

fn row(item: &QueueItem, staff: &Staff) -> String {
    let c = &item.comment;
    let reasons: String = c
        .spam_reasons
        .iter()
        .map(|r| format!("<li>{}</li>", esc(r)))
        .collect();
    let reasons = if reasons.is_empty() {
        String::new()
    } else {
        format!("<ul class=\"reasons\" aria-label=\"Filter reasons\">{reasons}</ul>")
    };
    let buttons: String = [
        (Action::Approve, "Approve"),
        (Action::Spam, "Spam"),
        (Action::Ham, "Not spam"),
        (Action::Delete, "Delete"),
    ]
    .iter()
    .filter(|(a, _)| match a {
        Action::Approve | Action::Ham => c.status != Status::Approved,
        Action::Spam => c.status != Status::Spam,
        Action::Delete => c.status != Status::Deleted,
    })
    .map(|(a, label)| {
        format!(
            "<button type=\"submit\" formaction=\"/admin/comments/{id}/{a}\" aria-label=\"{label} comment {id} by {author}\">{label}</button>",
            id = c.id,
            a = a.as_str(),
            author = esc(&c.author),
        )
    })
    .collect();
    let _ = staff;
    format!(
        "<tr id=\"c{id}\"><td><input type=\"checkbox\" name=\"ids\" value=\"{id}\" id=\"sel-{id}\" aria-label=\"Select comment {id}\"></td>\
<td><div class=\"meta\"><strong>{author}</strong> &lt;{email}&gt; · {site} · <a href=\"/threads/{tid}\">{title}</a> · {date}</div>\
<div class=\"body\">{body}</div></td>\
<td><span class=\"status-{status}\">{status}</span><br>score {score:.2}{reasons}<div class=\"meta\">{approved} earlier approved{network}</div></td>\
<td class=\"actions\">{buttons} <a href=\"/admin/comments/{id}\">Edit or reply</a></td></tr>",
        id = c.id,
        author = esc(&c.author),
        email = esc(&c.email),
        site = esc(&item.site_name),
        tid = item.thread.id,
        title = esc(&item.thread.title),
        date = human_date(c.created_at),
        body = c.body_html,
        status = c.status.as_str(),
        score = c.spam_score,
        approved = item.approved_by_author,
        network = network(c.ip.as_deref()),
    )
}

/// `GET /admin`: the queue (pending and spam by default) with the search form.
pub async fn index(State(state): St, staff: Staff, RawQuery(query): RawQuery) -> Response {
    let raw = query.unwrap_or_default();
    let q = match extract::form(raw.as_bytes()) {
        Ok(q) => q,
        Err(e) => return e.into_html(),
    };
    let search = search_from(&q);
    let queue = &state.admin.queue;
    let items = match queue.search(&staff.user, &search).await {
        Ok(i) => i,
        Err(e) => return page::from_domain(e),
    };
    let sites = match queue.sites(&staff.user).await {
        Ok(s) => s,
        Err(e) => return page::from_domain(e),
    };
    let site_options: String =
        std::iter::once("<option value=\"\">All my sites</option>".to_owned())
            .chain(sites.iter().map(|s| {
                let sel = if s.name == search.site {
                    " selected"
                } else {
                    ""
                };
                format!("<option value=\"{n}\"{sel}>{n}</option>", n = esc(&s.name))
            }))
            .collect();
    let mut body = done_message(&q.get("done"));
    let _ = write!(
        body,
        "<form method=\"get\" action=\"/admin\" class=\"search\" role=\"search\">\
<div><label for=\"status\">Status</label><select id=\"status\" name=\"status\">{statuses}</select></div>\
<div><label for=\"site\">Site</label><select id=\"site\" name=\"site\">{site_options}</select></div>\
<div><label for=\"q\">Text</label><input type=\"text\" id=\"q\" name=\"q\" value=\"{text}\"></div>\
<div><label for=\"author\">Author</label><input type=\"text\" id=\"author\" name=\"author\" value=\"{author}\"></div>\
<div><label for=\"email\">Email</label><input type=\"text\" id=\"email\" name=\"email\" value=\"{email}\"></div>\
<div><label for=\"ip\">IP network (/24, IPv6 /48)</label><input type=\"text\" id=\"ip\" name=\"ip\" value=\"{ip}\"></div>\
<div><button type=\"submit\">Search</button></div></form>",
        statuses = status_options(&search.status),
        text = esc(&search.text),
        author = esc(&search.author),
        email = esc(&search.email),
        ip = esc(&search.ip),
    );
    let back = format!(
        "/admin?{}&page={}",
        search_query(&search),
        search.page.max(1)
    );
    let _ = write!(
        body,
        "<form method=\"post\" action=\"/admin/bulk\" id=\"queue\">{csrf}\
<input type=\"hidden\" name=\"back\" value=\"{back}\">\
<input type=\"hidden\" name=\"status\" value=\"{status}\"><input type=\"hidden\" name=\"site\" value=\"{site}\">\
<input type=\"hidden\" name=\"q\" value=\"{text}\"><input type=\"hidden\" name=\"author\" value=\"{author}\">\
<input type=\"hidden\" name=\"email\" value=\"{email}\"><input type=\"hidden\" name=\"ip\" value=\"{ip}\">\
<fieldset><legend>Bulk action</legend><label for=\"bulk-action\">Action</label>\
<select id=\"bulk-action\" name=\"action\"><option value=\"approve\">Approve</option><option value=\"spam\">Mark as spam</option>\
<option value=\"ham\">Not spam</option><option value=\"delete\">Delete</option></select> \
<button type=\"submit\" name=\"scope\" value=\"selected\">Apply to selected</button> \
<button type=\"submit\" name=\"scope\" value=\"filter\">Apply to everything this search matches</button></fieldset>",
        csrf = page::csrf_field(&staff),
        back = esc(&back),
        status = esc(&search.status),
        site = esc(&search.site),
        text = esc(&search.text),
        author = esc(&search.author),
        email = esc(&search.email),
        ip = esc(&search.ip),
    );
    if items.is_empty() {
        body.push_str("<p>No comments match.</p>");
    } else {
        body.push_str("<table><thead><tr><th scope=\"col\">Select</th><th scope=\"col\">Comment</th><th scope=\"col\">Filter</th><th scope=\"col\">Actions</th></tr></thead><tbody>");
        for item in &items {
            body.push_str(&row(item, &staff));
        }
        body.push_str("</tbody></table>");
    }
    body.push_str("</form>");
    let page_no = search.page.max(1);
    if page_no > 1 {
        let _ = write!(
            body,
            "<a href=\"/admin?{}&page={}\">Newer</a> ",
            esc(&search_query(&search)),
            page_no - 1
        );
    }
    if items.len() as i64 >= retort_domain::admin::moderation::PAGE_SIZE {
        let _ = write!(
            body,
            "<a href=\"/admin?{}&page={}\">Older</a>",
            esc(&search_query(&search)),
            page_no + 1
        );
    }
    Html(page::layout("Moderation queue", Some(&staff), &body)).into_response()
}

/// After decisions: refresh the public threads they touched.
pub(super) fn refresh(state: &AppState, acted: &[Acted]) {
    let mut threads: Vec<i64> = acted.iter().map(|a| a.thread.id).collect();
    threads.sort_unstable();
    threads.dedup();
    for t in threads {
        state.thread_written(t);
    }
}

async fn decide(
    state: AppState,
    staff: Staff,
    id: String,
    body: Bytes,
    action: Action,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return page::error(StatusCode::NOT_FOUND, "comment not found");
    };
    let form = match extract::form(&body) {
        Ok(f) => f,
        Err(e) => return e.into_html(),
    };
    match state
        .admin
        .queue
        .act(&staff.user, id, action, crate::now_ms())
        .await
    {
        Ok(acted) => {
            refresh(&state, std::slice::from_ref(&acted));
            back(&form, &format!("{}-1", action.as_str()))
        }
        Err(e) => page::from_domain(e),
    }
}

/// `POST /admin/comments/{id}/approve`.
pub async fn approve(
    State(state): St,
    staff: Staff,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    decide(state, staff, id, body, Action::Approve).await
}

/// `POST /admin/comments/{id}/spam`.
pub async fn spam(State(state): St, staff: Staff, Path(id): Path<String>, body: Bytes) -> Response {
    decide(state, staff, id, body, Action::Spam).await
}

/// `POST /admin/comments/{id}/ham`: not spam (publishes it).
pub async fn ham(State(state): St, staff: Staff, Path(id): Path<String>, body: Bytes) -> Response {
    decide(state, staff, id, body, Action::Ham).await
}

/// `POST /admin/comments/{id}/delete`.
pub async fn delete(
    State(state): St,
    staff: Staff,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    decide(state, staff, id, body, Action::Delete).await
}

/// `POST /admin/bulk`: one decision over the selected comments (`scope=selected`, `ids`), or
/// over everything the search in the form matches (`scope=filter`, at most 500).
pub async fn bulk(State(state): St, staff: Staff, body: Bytes) -> Response {
    let form = match extract::form(&body) {
        Ok(f) => f,
        Err(e) => return e.into_html(),
    };
    let Some(action) = Action::parse(&form.get("action")) else {
        return page::error(
            StatusCode::BAD_REQUEST,
            "Choose an action: approve, spam, ham or delete.",
        );
    };
    let queue = &state.admin.queue;
    let ids: Vec<i64> = if form.get("scope") == "filter" {
        let mut search = search_from(&form);
        let mut ids = Vec::new();
        search.page = 1;
        loop {
            let items = match queue.search(&staff.user, &search).await {
                Ok(i) => i,
                Err(e) => return page::from_domain(e),
            };
            let n = items.len();
            ids.extend(items.iter().map(|i| i.comment.id));
            if (n as i64) < retort_domain::admin::moderation::PAGE_SIZE
                || ids.len() >= BULK_FILTER_MAX
            {
                break;
            }
            search.page += 1;
        }
        ids.truncate(BULK_FILTER_MAX);
        ids
    } else {
        let mut ids = Vec::new();
        for v in form.all("ids") {
            match v.trim().parse::<i64>() {
                Ok(id) => ids.push(id),
                Err(_) => {
                    return page::error(StatusCode::BAD_REQUEST, "ids must be comment numbers.");
                }
            }
        }
        ids
    };
    if ids.is_empty() {
        return page::error(
            StatusCode::BAD_REQUEST,
            "No comments were selected. Tick the boxes of the comments to act on.",
        );
    }
    match queue
        .act_many(&staff.user, &ids, action, crate::now_ms())
        .await
    {
        Ok(acted) => {
            refresh(&state, &acted);
            back(&form, &format!("{}-{}", action.as_str(), acted.len()))
        }
        Err(e) => page::from_domain(e),
    }
}
