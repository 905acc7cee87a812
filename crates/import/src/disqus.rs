//! Disqus XML exports (Admin → Moderation → Export), in the format Disqus documents: a
//! `<disqus>` root with `<category>`s, then `<thread dsq:id>`s (`<link>`, `<title>`,
//! `<createdAt>`), then `<post dsq:id>`s (`<message>` HTML, `<createdAt>`, `<isDeleted>`,
//! `<isSpam>`, `<author>` with `<name>`, `<email>`, `<username>`, `<ipAddress>`,
//! `<thread dsq:id>` and an optional `<parent dsq:id>`).
//!
//! A post flagged spam becomes spam, else a deleted one deleted, else approved. Import keys are
//! `disqus:<post id>`. Threads are yielded as they are read; the domain keeps them until a post
//! needs one.

use std::collections::VecDeque;
use std::path::Path;

use quick_xml::events::BytesStart;
use retort_domain::comment::{Kind, Status};
use retort_domain::import::{CommentRecord, Format, Record, ThreadRecord};

use crate::Error;
use crate::xml::{Item, Xml};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Link,
    Title,
    CreatedAt,
    Message,
    IsDeleted,
    IsSpam,
    Ip,
    Name,
    Email,
    Username,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum In {
    Nothing,
    Thread,
    Post,
    PostAuthor,
}

#[derive(Debug, Default)]
struct Fields {
    id: String,
    link: String,
    title: String,
    created_at: String,
    message: String,
    is_deleted: String,
    is_spam: String,
    ip: String,
    name: String,
    email: String,
    username: String,
    thread: String,
    parent: String,
}

/// A Disqus export being read; yields records until the end or the first error.
pub struct Disqus {
    xml: Xml,
    queue: VecDeque<Record>,
    within: In,
    capture: Option<(Field, usize)>,
    text: String,
    cur: Fields,
    done: bool,
}

fn dsq_id(e: &BytesStart<'_>) -> String {
    e.try_get_attribute("dsq:id")
        .ok()
        .flatten()
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.trim().to_owned())
        })
        .unwrap_or_default()
}

fn yes(s: &str) -> bool {
    s.trim().eq_ignore_ascii_case("true")
}

impl Disqus {
    /// Opens a Disqus export.
    ///
    /// # Errors
    /// [`Error::Io`] when it cannot be opened.
    pub fn open(path: &Path) -> Result<Self, Error> {
        Ok(Disqus {
            xml: Xml::open(path, "disqus")?,
            queue: VecDeque::new(),
            within: In::Nothing,
            capture: None,
            text: String::new(),
            cur: Fields::default(),
            done: false,
        })
    }

    fn start(&mut self, e: &BytesStart<'_>, level: usize, empty: bool) {
        let name = e.name();
        let name = name.as_ref();
        let field = match (self.within, level, name) {
            (In::Nothing, 2, "thread") if !empty => {
                self.within = In::Thread;
                self.cur = Fields {
                    id: dsq_id(e),
                    ..Fields::default()
                };
                None
            }
            (In::Nothing, 2, "post") if !empty => {
                self.within = In::Post;
                self.cur = Fields {
                    id: dsq_id(e),
                    ..Fields::default()
                };
                None
            }
            (In::Thread, 3, "link") => Some(Field::Link),
            (In::Thread, 3, "title") => Some(Field::Title),
            (In::Thread, 3, "createdAt") | (In::Post, 3, "createdAt") => Some(Field::CreatedAt),
            (In::Post, 3, "message") => Some(Field::Message),
            (In::Post, 3, "isDeleted") => Some(Field::IsDeleted),
            (In::Post, 3, "isSpam") => Some(Field::IsSpam),
            (In::Post, 3, "ipAddress") => Some(Field::Ip),
            (In::Post, 3, "thread") => {
                self.cur.thread = dsq_id(e);
                None
            }
            (In::Post, 3, "parent") => {
                self.cur.parent = dsq_id(e);
                None
            }
            (In::Post, 3, "author") if !empty => {
                self.within = In::PostAuthor;
                None
            }
            (In::PostAuthor, 4, "name") => Some(Field::Name),
            (In::PostAuthor, 4, "email") => Some(Field::Email),
            (In::PostAuthor, 4, "username") => Some(Field::Username),
            _ => None,
        };
        if !empty {
            self.capture = field.map(|f| (f, level));
            self.text.clear();
        }
    }

    fn end(&mut self, level: usize) {
        if let Some((field, at)) = self.capture
            && at == level
        {
            self.capture = None;
            let value = std::mem::take(&mut self.text);
            let c = &mut self.cur;
            let slot = match field {
                Field::Link => &mut c.link,
                Field::Title => &mut c.title,
                Field::CreatedAt => &mut c.created_at,
                Field::Message => &mut c.message,
                Field::IsDeleted => &mut c.is_deleted,
                Field::IsSpam => &mut c.is_spam,
                Field::Ip => &mut c.ip,
                Field::Name => &mut c.name,
                Field::Email => &mut c.email,
                Field::Username => &mut c.username,
            };
            *slot = value;
            return;
        }
        match (self.within, level) {
            (In::PostAuthor, 3) => self.within = In::Post,
            (In::Thread, 2) => {
                self.within = In::Nothing;
                let t = std::mem::take(&mut self.cur);
                self.queue.push_back(Record::Thread(ThreadRecord {
                    key: format!("disqus-thread:{}", t.id),
                    url: t.link.trim().to_owned(),
                    title: t.title,
                    created_at: crate::date::rfc3339(&t.created_at),
                }));
            }
            (In::Post, 2) => {
                self.within = In::Nothing;
                let p = std::mem::take(&mut self.cur);
                let status = if yes(&p.is_spam) {
                    Status::Spam
                } else if yes(&p.is_deleted) {
                    Status::Deleted
                } else {
                    Status::Approved
                };
                let author = if p.name.trim().is_empty() {
                    p.username
                } else {
                    p.name
                };
                let ip = p.ip.trim();
                self.queue.push_back(Record::Comment(CommentRecord {
                    thread_key: format!("disqus-thread:{}", p.thread),
                    key: format!("disqus:{}", p.id),
                    parent_key: (!p.parent.is_empty()).then(|| format!("disqus:{}", p.parent)),
                    author,
                    email: p.email,
                    website: String::new(),
                    ip: (!ip.is_empty()).then(|| ip.to_owned()),
                    created_at: crate::date::rfc3339(&p.created_at),
                    content: p.message,
                    format: Format::Html,
                    status,
                    kind: Kind::Comment,
                }));
            }
            _ => {}
        }
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
                Item::Start(e, level) => self.start(&e, level, false),
                Item::Empty(e, level) => self.start(&e, level, true),
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

impl Iterator for Disqus {
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

    #[test]
    fn reads_threads_posts_parents_and_flags() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("d.xml");
        std::fs::write(
            &path,
            r#"<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
  <category dsq:id="1"><forum>blog</forum><title>General</title><isDefault>true</isDefault></category>
  <thread dsq:id="10"><id/><forum>blog</forum><category dsq:id="1"/><link>https://b.example/p</link>
    <title>A post</title><message/><createdAt>2015-01-01T00:00:00Z</createdAt>
    <author><email>o@b.example</email><name>Owner</name><isAnonymous>false</isAnonymous></author>
  </thread>
  <post dsq:id="100"><id/><message><![CDATA[<p>First</p>]]></message><createdAt>2015-01-02T00:00:00Z</createdAt>
    <isDeleted>false</isDeleted><isSpam>false</isSpam>
    <author><email>a@example.org</email><name>Ann</name><isAnonymous>false</isAnonymous><username>ann</username></author>
    <ipAddress>198.51.100.7</ipAddress><thread dsq:id="10"/></post>
  <post dsq:id="101"><message><![CDATA[<p>Reply</p>]]></message><createdAt>2015-01-03T00:00:00Z</createdAt>
    <isDeleted>true</isDeleted><isSpam>false</isSpam>
    <author><name></name><isAnonymous>true</isAnonymous><username>guest</username></author>
    <thread dsq:id="10"/><parent dsq:id="100"/></post>
</disqus>"#,
        )
        .expect("write");
        let recs: Vec<Record> = Disqus::open(&path)
            .expect("open")
            .collect::<Result<_, _>>()
            .expect("reads");
        assert_eq!(recs.len(), 3, "{recs:?}");
        let Record::Thread(t) = &recs[0] else {
            panic!("{recs:?}")
        };
        assert_eq!(
            (t.key.as_str(), t.url.as_str(), t.title.as_str()),
            ("disqus-thread:10", "https://b.example/p", "A post")
        );
        let Record::Comment(a) = &recs[1] else {
            panic!("{recs:?}")
        };
        assert_eq!(
            (a.key.as_str(), a.thread_key.as_str()),
            ("disqus:100", "disqus-thread:10")
        );
        assert_eq!(
            (a.author.as_str(), a.email.as_str(), a.status),
            ("Ann", "a@example.org", Status::Approved)
        );
        assert_eq!(a.ip.as_deref(), Some("198.51.100.7"));
        assert_eq!(a.content, "<p>First</p>");
        let Record::Comment(b) = &recs[2] else {
            panic!("{recs:?}")
        };
        assert_eq!((b.author.as_str(), b.status), ("guest", Status::Deleted));
        assert_eq!(b.parent_key.as_deref(), Some("disqus:100"));
    }
}
