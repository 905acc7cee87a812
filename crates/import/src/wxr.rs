//! WordPress eXtended RSS (WXR 1.0–1.2), as written by WordPress's Tools → Export.
//!
//! Every `<item>` (post, page or other type) that holds `<wp:comment>`s yields one thread
//! (`<title>`, `<link>`, `<wp:post_date_gmt>`) before its first comment. A comment keeps its
//! author, e-mail, URL, IP, `<wp:comment_date_gmt>` (or `<wp:comment_date>` when the GMT date is
//! `0000-00-00`), content, `<wp:comment_parent>`, approval (`1` approved, `0` pending, `spam`,
//! `trash` deleted) and type (pingback, trackback, or a comment). Import keys are
//! `wp:<post id>:<comment id>`. Post bodies (`<content:encoded>`) are skipped as they stream by.

use std::collections::VecDeque;
use std::path::Path;

use retort_domain::comment::{Kind, Status};
use retort_domain::import::{CommentRecord, Format, Record, ThreadRecord};

use crate::Error;
use crate::xml::{Item, Xml};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Link,
    PostId,
    PostDateGmt,
    PostDate,
    Id,
    Author,
    Email,
    Url,
    Ip,
    Date,
    DateGmt,
    Content,
    Approved,
    Type,
    Parent,
}

#[derive(Debug, Default)]
struct Post {
    title: String,
    link: String,
    id: String,
    date_gmt: String,
    date: String,
    emitted: bool,
    comments: usize,
}

#[derive(Debug, Default)]
struct Comment {
    id: String,
    author: String,
    email: String,
    url: String,
    ip: String,
    date: String,
    date_gmt: String,
    content: String,
    approved: String,
    kind: String,
    parent: String,
}

/// A WXR file being read; yields records until the end or the first error.
pub struct Wxr {
    xml: Xml,
    queue: VecDeque<Record>,
    item_level: Option<usize>,
    comment_level: Option<usize>,
    capture: Option<(Field, usize)>,
    text: String,
    post: Post,
    comment: Comment,
    done: bool,
}

impl Wxr {
    /// Opens a WXR file.
    ///
    /// # Errors
    /// [`Error::Io`] when it cannot be opened.
    pub fn open(path: &Path) -> Result<Self, Error> {
        Ok(Wxr {
            xml: Xml::open(path, "rss")?,
            queue: VecDeque::new(),
            item_level: None,
            comment_level: None,
            capture: None,
            text: String::new(),
            post: Post::default(),
            comment: Comment::default(),
            done: false,
        })
    }

    fn start(&mut self, name: &str, level: usize) {
        match (self.item_level, self.comment_level) {
            (None, _) if name == "item" => {
                self.item_level = Some(level);
                self.post = Post::default();
            }
            (Some(item), None) if level == item + 1 => {
                let field = match name {
                    "title" => Some(Field::Title),
                    "link" => Some(Field::Link),
                    "wp:post_id" => Some(Field::PostId),
                    "wp:post_date_gmt" => Some(Field::PostDateGmt),
                    "wp:post_date" => Some(Field::PostDate),
                    "wp:comment" => {
                        self.comment_level = Some(level);
                        self.comment = Comment::default();
                        None
                    }
                    _ => None,
                };
                self.begin(field, level);
            }
            (Some(_), Some(c)) if level == c + 1 => {
                let field = match name {
                    "wp:comment_id" => Some(Field::Id),
                    "wp:comment_author" => Some(Field::Author),
                    "wp:comment_author_email" => Some(Field::Email),
                    "wp:comment_author_url" => Some(Field::Url),
                    "wp:comment_author_IP" => Some(Field::Ip),
                    "wp:comment_date" => Some(Field::Date),
                    "wp:comment_date_gmt" => Some(Field::DateGmt),
                    "wp:comment_content" => Some(Field::Content),
                    "wp:comment_approved" => Some(Field::Approved),
                    "wp:comment_type" => Some(Field::Type),
                    "wp:comment_parent" => Some(Field::Parent),
                    _ => None,
                };
                self.begin(field, level);
            }
            _ => {}
        }
    }

    fn begin(&mut self, field: Option<Field>, level: usize) {
        self.capture = field.map(|f| (f, level));
        self.text.clear();
    }

    fn end(&mut self, level: usize) {
        if let Some((field, at)) = self.capture
            && at == level
        {
            self.capture = None;
            let value = std::mem::take(&mut self.text);
            let (p, c) = (&mut self.post, &mut self.comment);
            let slot = match field {
                Field::Title => &mut p.title,
                Field::Link => &mut p.link,
                Field::PostId => &mut p.id,
                Field::PostDateGmt => &mut p.date_gmt,
                Field::PostDate => &mut p.date,
                Field::Id => &mut c.id,
                Field::Author => &mut c.author,
                Field::Email => &mut c.email,
                Field::Url => &mut c.url,
                Field::Ip => &mut c.ip,
                Field::Date => &mut c.date,
                Field::DateGmt => &mut c.date_gmt,
                Field::Content => &mut c.content,
                Field::Approved => &mut c.approved,
                Field::Type => &mut c.kind,
                Field::Parent => &mut c.parent,
            };
            *slot = value;
            return;
        }
        if self.comment_level == Some(level) {
            self.comment_level = None;
            self.finish_comment();
        } else if self.item_level == Some(level) {
            self.item_level = None;
        }
    }

    fn post_key(&self) -> String {
        let id = self.post.id.trim();
        if id.is_empty() {
            format!("wp:{}", self.post.link.trim())
        } else {
            format!("wp:{id}")
        }
    }

    fn finish_comment(&mut self) {
        let post_key = self.post_key();
        self.post.comments += 1;
        if !self.post.emitted {
            self.post.emitted = true;
            let created_at = crate::date::wordpress(&self.post.date_gmt)
                .or_else(|| crate::date::wordpress(&self.post.date));
            self.queue.push_back(Record::Thread(ThreadRecord {
                key: post_key.clone(),
                url: self.post.link.trim().to_owned(),
                title: std::mem::take(&mut self.post.title),
                created_at,
            }));
        }
        let c = std::mem::take(&mut self.comment);
        let id = c.id.trim();
        let key = if id.is_empty() {
            format!("{post_key}:#{}", self.post.comments)
        } else {
            format!("{post_key}:{id}")
        };
        let parent = c.parent.trim();
        let parent_key =
            (!parent.is_empty() && parent != "0").then(|| format!("{post_key}:{parent}"));
        let status = match c.approved.trim() {
            "1" | "approve" | "approved" => Status::Approved,
            "spam" => Status::Spam,
            "trash" | "post-trashed" => Status::Deleted,
            _ => Status::Pending,
        };
        let kind = match c.kind.trim() {
            "pingback" => Kind::Pingback,
            "trackback" => Kind::Trackback,
            _ => Kind::Comment,
        };
        let ip = c.ip.trim();
        self.queue.push_back(Record::Comment(CommentRecord {
            thread_key: post_key,
            key,
            parent_key,
            author: c.author,
            email: c.email,
            website: c.url,
            ip: (!ip.is_empty()).then(|| ip.to_owned()),
            created_at: crate::date::wordpress(&c.date_gmt)
                .or_else(|| crate::date::wordpress(&c.date)),
            content: c.content,
            format: Format::WordPress,
            status,
            kind,
        }));
    }

    fn step(&mut self) -> Result<Option<Record>, Error> {
        loop {
            if let Some(r) = self.queue.pop_front() {
                return Ok(Some(r));
            }
            if self.done {
                return Ok(None);
            }
            match self.xml.next()? {
                Item::Start(e, level) => {
                    let name = e.name().as_ref().to_owned();
                    if level == 2 && name != "channel" {
                        return Err(self.xml.error_here(format!(
                            "not a WordPress export: <rss> holds <{name}>, expected <channel>"
                        )));
                    }
                    self.start(&name, level);
                }
                Item::Empty(_, _) => {}
                Item::End(level) => self.end(level),
                Item::Text(t) => {
                    if self.capture.is_some() {
                        self.text.push_str(&t);
                    }
                }
                Item::Eof => self.done = true,
            }
        }
    }
}

impl Iterator for Wxr {
    type Item = Result<Record, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.step() {
            Ok(r) => r.map(Ok),
            Err(e) => {
                self.done = true;
                self.queue.clear();
                Some(Err(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(xml: &str) -> Result<Vec<Record>, Error> {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("t.xml");
        std::fs::write(&path, xml).expect("write");
        Wxr::open(&path)?.collect()
    }

    const DOC: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Blog</title>
<item><title>No comments</title><link>https://b.example/a</link><wp:post_id>1</wp:post_id>
<content:encoded><![CDATA[<p>A long body</p>]]></content:encoded></item>
<item><title>Hello &amp; <![CDATA[welcome]]></title><link>https://b.example/hello</link>
<wp:post_id>2</wp:post_id><wp:post_date_gmt>2020-01-01 10:00:00</wp:post_date_gmt>
<wp:comment><wp:comment_id>5</wp:comment_id><wp:comment_author><![CDATA[Ann]]></wp:comment_author>
<wp:comment_author_email>ann@example.org</wp:comment_author_email>
<wp:comment_author_IP>192.0.2.1</wp:comment_author_IP>
<wp:comment_date_gmt>0000-00-00 00:00:00</wp:comment_date_gmt><wp:comment_date>2020-01-02 10:00:00</wp:comment_date>
<wp:comment_content><![CDATA[Hi]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved>
<wp:comment_type/><wp:comment_parent>0</wp:comment_parent></wp:comment>
<wp:comment><wp:comment_id>6</wp:comment_id><wp:comment_approved>spam</wp:comment_approved>
<wp:comment_type>pingback</wp:comment_type><wp:comment_parent>5</wp:comment_parent></wp:comment>
</item></channel></rss>
"#;

    #[test]
    fn reads_threads_and_comments() {
        let recs = read(DOC).expect("reads");
        assert_eq!(recs.len(), 3, "{recs:?}");
        let Record::Thread(t) = &recs[0] else {
            panic!("thread first: {recs:?}")
        };
        assert_eq!(t.key, "wp:2");
        assert_eq!(t.title, "Hello & welcome");
        assert_eq!(t.url, "https://b.example/hello");
        assert_eq!(t.created_at, Some(1_577_872_800_000));
        let Record::Comment(a) = &recs[1] else {
            panic!("{recs:?}")
        };
        assert_eq!(a.key, "wp:2:5");
        assert_eq!(
            (a.author.as_str(), a.email.as_str()),
            ("Ann", "ann@example.org")
        );
        assert_eq!(a.ip.as_deref(), Some("192.0.2.1"));
        assert_eq!(
            a.created_at,
            Some(1_577_959_200_000),
            "falls back to comment_date"
        );
        assert_eq!(
            (a.status, a.kind, a.parent_key.as_deref()),
            (Status::Approved, Kind::Comment, None)
        );
        let Record::Comment(b) = &recs[2] else {
            panic!("{recs:?}")
        };
        assert_eq!((b.status, b.kind), (Status::Spam, Kind::Pingback));
        assert_eq!(b.parent_key.as_deref(), Some("wp:2:5"));
        assert_eq!(b.created_at, None);
    }

    #[test]
    fn truncated_and_malformed_files_name_the_line() {
        let cut = &DOC[..DOC.find("<wp:comment_type>pingback").expect("in doc")];
        match read(cut) {
            Err(Error::Syntax { line, message, .. }) => {
                assert_eq!(line, 15, "{message}");
                assert!(message.contains("truncated"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        let bad = DOC.replace("</wp:comment_author>", "</wp:comment_autor>");
        match read(&bad) {
            Err(Error::Syntax {
                line,
                column,
                message,
                ..
            }) => {
                assert_eq!(line, 8, "{message}");
                assert!(column > 1, "{column}");
            }
            other => panic!("{other:?}"),
        }
        match read("<disqus></disqus>") {
            Err(Error::Syntax { message, .. }) => {
                assert!(message.contains("expected <rss>"), "{message}")
            }
            other => panic!("{other:?}"),
        }
    }
}
