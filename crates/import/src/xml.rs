//! The streaming XML layer both readers share: quick-xml over a buffered file, with text,
//! CDATA and character references delivered as decoded text, element levels tracked, and every
//! problem (malformed markup, truncation, a wrong root element) turned into an
//! [`Error::Syntax`] with its line and column.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::Error;

/// One step through the document.
pub(crate) enum Item<'a> {
    /// An element opens; `level` is 1 for the root.
    Start(BytesStart<'a>, usize),
    /// An empty element (`<a/>`) at `level`.
    Empty(BytesStart<'a>, usize),
    /// The element at `level` closes.
    End(usize),
    /// Character data (text, CDATA or a resolved reference).
    Text(Cow<'a, str>),
    /// The end of a complete document.
    Eof,
}

/// A document being read.
pub(crate) struct Xml {
    reader: Reader<BufReader<File>>,
    buf: Vec<u8>,
    path: PathBuf,
    open: Vec<String>,
    root: &'static str,
    seen_root: bool,
}

impl Xml {
    /// Opens `path`, whose root element must be `root`.
    pub(crate) fn open(path: &Path, root: &'static str) -> Result<Self, Error> {
        let file = File::open(path).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })?;
        let mut reader = Reader::from_reader(BufReader::with_capacity(64 * 1024, file));
        reader.config_mut().check_end_names = true;
        Ok(Xml {
            reader,
            buf: Vec::with_capacity(8 * 1024),
            path: path.to_owned(),
            open: Vec::new(),
            root,
            seen_root: false,
        })
    }

    /// The error `message` at byte `offset` of the file, with its line and column.
    pub(crate) fn error_at(&self, offset: u64, message: impl Into<String>) -> Error {
        let (line, column) = line_column(&self.path, offset).unwrap_or((0, 0));
        Error::Syntax {
            path: self.path.clone(),
            line,
            column,
            message: message.into(),
        }
    }

    /// The error `message` at the current position.
    pub(crate) fn error_here(&self, message: impl Into<String>) -> Error {
        self.error_at(self.reader.buffer_position(), message)
    }

    /// The next item.
    pub(crate) fn next(&mut self) -> Result<Item<'static>, Error> {
        loop {
            self.buf.clear();
            let ev = match self.reader.read_event_into(&mut self.buf) {
                Ok(ev) => ev.into_owned(),
                Err(e) => {
                    let at = self.reader.error_position();
                    let (line, column) = line_column(&self.path, at).unwrap_or((0, 0));
                    return Err(Error::Syntax {
                        path: self.path.clone(),
                        line,
                        column,
                        message: format!("malformed XML: {e}"),
                    });
                }
            };
            match ev {
                Event::Start(e) => {
                    let name = e.name().as_ref().to_owned();
                    if self.open.is_empty() {
                        if self.seen_root {
                            let pos = self.reader.buffer_position();
                            return Err(self.error_at(pos, "content after the end of the document"));
                        }
                        if name != self.root {
                            let pos = self.reader.buffer_position();
                            let msg =
                                format!("the root element is <{name}>, expected <{}>", self.root);
                            return Err(self.error_at(pos, msg));
                        }
                        self.seen_root = true;
                    }
                    self.open.push(name);
                    let level = self.open.len();
                    return Ok(Item::Start(e, level));
                }
                Event::Empty(e) => {
                    if self.open.is_empty() {
                        let pos = self.reader.buffer_position();
                        return Err(
                            self.error_at(pos, format!("expected <{}> with content", self.root))
                        );
                    }
                    let level = self.open.len() + 1;
                    return Ok(Item::Empty(e, level));
                }
                Event::End(_) => {
                    let level = self.open.len();
                    self.open.pop();
                    return Ok(Item::End(level));
                }
                Event::Text(t) => {
                    if self.open.is_empty() {
                        continue;
                    }
                    return Ok(Item::Text(Cow::Owned(t.xml10_content().into_owned())));
                }
                Event::CData(t) => {
                    return Ok(Item::Text(Cow::Owned(t.xml10_content().into_owned())));
                }
                Event::GeneralRef(r) => {
                    let ch = match r.resolve_char_ref() {
                        Ok(Some(c)) => c,
                        Ok(None) => match r.as_ref() {
                            "amp" => '&',
                            "lt" => '<',
                            "gt" => '>',
                            "apos" => '\'',
                            "quot" => '"',
                            other => {
                                let msg = format!("unknown entity &{other};");
                                let pos = self.reader.buffer_position();
                                return Err(self.error_at(pos, msg));
                            }
                        },
                        Err(e) => {
                            let pos = self.reader.buffer_position();
                            return Err(self.error_at(pos, format!("bad character reference: {e}")));
                        }
                    };
                    return Ok(Item::Text(Cow::Owned(ch.to_string())));
                }
                Event::Eof => {
                    let pos = self.reader.buffer_position();
                    if let Some(inner) = self.open.last() {
                        let msg = format!(
                            "the file ends inside <{inner}> (truncated?): <{}> is not closed",
                            self.open.first().map_or("", String::as_str)
                        );
                        return Err(self.error_at(pos, msg));
                    }
                    if !self.seen_root {
                        return Err(
                            self.error_at(pos, format!("no <{}> element (empty file?)", self.root))
                        );
                    }
                    return Ok(Item::Eof);
                }
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => continue,
            }
        }
    }
}

/// The 1-based line and column (in characters) of byte `offset` in the file.
fn line_column(path: &Path, offset: u64) -> std::io::Result<(u64, u64)> {
    let mut r = BufReader::new(File::open(path)?).take(offset);
    let (mut line, mut column) = (1u64, 1u64);
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        for &b in buf {
            if b == b'\n' {
                line += 1;
                column = 1;
            } else if b & 0xC0 != 0x80 {
                // Count characters, not UTF-8 continuation bytes.
                column += 1;
            }
        }
        let n = buf.len();
        r.consume(n);
    }
    Ok((line, column))
}
