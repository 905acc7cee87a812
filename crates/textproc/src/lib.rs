//! Text processing for comment bodies: Markdown in, sanitised HTML out.
//!
//! Owns the safe Markdown subset (paragraphs, emphasis, links, inline and block code, quotes,
//! lists), autolinking of bare URLs and the HTML sanitising policy. Pure: no I/O, no knowledge
//! of comments or storage. Entry points: [`render_markdown`] for comments written here, and
//! [`sanitize_html`] (with [`autop`] and [`html_to_text`]) for comments imported from other
//! systems as HTML. Rendering happens once, at write time; readers are served the stored HTML.
//! Tested by unit and property tests in this file.
#![forbid(unsafe_code)]

use std::collections::HashSet;
use std::sync::OnceLock;

use ammonia::Builder;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

/// The `rel` attribute every link in user content carries.
pub const LINK_REL: &str = "nofollow ugc noopener";

fn sanitizer() -> &'static Builder<'static> {
    static CLEAN: OnceLock<Builder<'static>> = OnceLock::new();
    CLEAN.get_or_init(|| {
        let tags: HashSet<&str> = [
            "p",
            "br",
            "em",
            "strong",
            "del",
            "a",
            "code",
            "pre",
            "blockquote",
            "ul",
            "ol",
            "li",
        ]
        .into_iter()
        .collect();
        let mut b = Builder::default();
        b.tags(tags)
            .clean_content_tags(["script", "style"].into_iter().collect())
            .generic_attributes(HashSet::new())
            .tag_attributes(
                [
                    ("a", ["href"].into_iter().collect()),
                    ("ol", ["start"].into_iter().collect()),
                ]
                .into_iter()
                .collect(),
            )
            .url_schemes(["http", "https", "mailto"].into_iter().collect())
            .url_relative(ammonia::UrlRelative::Deny)
            .link_rel(Some(LINK_REL));
        b
    })
}

/// Renders a comment's Markdown source to sanitised HTML.
///
/// Raw HTML in the source is shown as text, images become their alt text and headings become
/// paragraphs, so the output only ever holds the allowed subset. Bare `http(s)://` URLs are
/// linked. Every link gets `rel="nofollow ugc noopener"`.
pub fn render_markdown(source: &str) -> String {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    let parser = Parser::new_ext(source, opts);
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut in_link = 0usize;
    let mut in_code_block = false;
    for ev in parser {
        match ev {
            Event::Html(h) | Event::InlineHtml(h) => events.push(Event::Text(h)),
            Event::Start(Tag::Heading { .. }) => events.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::Heading(_)) => events.push(Event::End(TagEnd::Paragraph)),
            // Images are dropped; their alt text stays as plain text.
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            Event::Start(Tag::Link { .. }) => {
                in_link += 1;
                events.push(ev);
            }
            Event::End(TagEnd::Link) => {
                in_link = in_link.saturating_sub(1);
                events.push(ev);
            }
            Event::Start(Tag::CodeBlock(_)) => {
                in_code_block = true;
                events.push(ev);
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                events.push(ev);
            }
            Event::Text(t) if in_link == 0 && !in_code_block => autolink(t, &mut events),
            Event::Rule => events.push(Event::Text(CowStr::Borrowed("* * *"))),
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(source.len() + source.len() / 4 + 16);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    sanitizer().clean(&html).to_string()
}

fn autolink<'a>(text: CowStr<'a>, out: &mut Vec<Event<'a>>) {
    let mut finder = linkify::LinkFinder::new();
    finder.kinds(&[linkify::LinkKind::Url]);
    let s: &str = &text;
    if finder.links(s).next().is_none() {
        out.push(Event::Text(text));
        return;
    }
    for span in finder.spans(s) {
        let piece = CowStr::from(span.as_str().to_owned());
        match span.kind() {
            Some(linkify::LinkKind::Url) => {
                out.push(Event::Start(Tag::Link {
                    link_type: pulldown_cmark::LinkType::Autolink,
                    dest_url: piece.clone(),
                    title: CowStr::Borrowed(""),
                    id: CowStr::Borrowed(""),
                }));
                out.push(Event::Text(piece));
                out.push(Event::End(TagEnd::Link));
            }
            _ => out.push(Event::Text(piece)),
        }
    }
}

/// Sanitises HTML written elsewhere (an imported WordPress or Disqus comment) with the same
/// policy as [`render_markdown`]'s output: only the safe subset of tags survives (others are
/// dropped, their text kept; scripts and styles go with their content), only `http`, `https`
/// and `mailto` links, and every link gets `rel="nofollow ugc noopener"`. Headings become
/// paragraphs (as in Markdown comments), `<b>`/`<i>`/`<s>` become `<strong>`/`<em>`/`<del>`.
pub fn sanitize_html(html: &str) -> String {
    static LEGACY: OnceLock<Option<aho_corasick::AhoCorasick>> = OnceLock::new();
    const FROM: [&str; 24] = [
        "<h1",
        "<h2",
        "<h3",
        "<h4",
        "<h5",
        "<h6",
        "</h1>",
        "</h2>",
        "</h3>",
        "</h4>",
        "</h5>",
        "</h6>",
        "<b>",
        "<b ",
        "</b>",
        "<i>",
        "<i ",
        "</i>",
        "<s>",
        "</s>",
        "<strike>",
        "</strike>",
        "<strike ",
        "<s ",
    ];
    const TO: [&str; 24] = [
        "<p",
        "<p",
        "<p",
        "<p",
        "<p",
        "<p",
        "</p>",
        "</p>",
        "</p>",
        "</p>",
        "</p>",
        "</p>",
        "<strong>",
        "<strong ",
        "</strong>",
        "<em>",
        "<em ",
        "</em>",
        "<del>",
        "</del>",
        "<del>",
        "</del>",
        "<del ",
        "<del ",
    ];
    let legacy = LEGACY.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(FROM)
            .ok()
    });
    match legacy {
        Some(ac) => sanitizer().clean(&ac.replace_all(html, &TO)).to_string(),
        None => sanitizer().clean(html).to_string(),
    }
}

/// Whether a (lower-cased, trimmed) line opens or closes a block-level element.
fn is_block_line(lower: &str) -> bool {
    const BLOCKS: [&str; 22] = [
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "blockquote",
        "pre",
        "table",
        "thead",
        "tbody",
        "tr",
        "td",
        "th",
        "div",
        "dl",
        "dt",
        "dd",
    ];
    let rest = match lower.strip_prefix("</").or_else(|| lower.strip_prefix('<')) {
        Some(r) => r,
        None => return false,
    };
    let name: String = rest
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    BLOCKS.contains(&name.as_str()) || name == "hr" || name == "address"
}

fn flush_paragraph(para: &mut Vec<String>, out: &mut String) {
    if !para.is_empty() {
        out.push_str("<p>");
        out.push_str(&para.join("<br>\n"));
        out.push_str("</p>\n");
        para.clear();
    }
}

/// WordPress-style paragraphs for comment text that relies on line breaks (as WordPress stores
/// comments): blank lines separate paragraphs, single newlines become `<br>`, lines that open
/// or close a block-level element stand on their own, and `<pre>` content is left as it is. The
/// result still needs [`sanitize_html`].
pub fn autop(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len() + 64);
    let mut para: Vec<String> = Vec::new();
    let mut in_pre = false;
    for line in text.split('\n') {
        let trimmed = line.trim();
        let lower = trimmed.to_ascii_lowercase();
        if in_pre {
            out.push_str(line);
            out.push('\n');
            in_pre = !lower.contains("</pre>");
            continue;
        }
        if trimmed.is_empty() {
            flush_paragraph(&mut para, &mut out);
        } else if is_block_line(&lower) {
            flush_paragraph(&mut para, &mut out);
            out.push_str(trimmed);
            out.push('\n');
            in_pre = lower.contains("<pre") && !lower.contains("</pre>");
        } else {
            para.push(trimmed.to_owned());
        }
    }
    flush_paragraph(&mut para, &mut out);
    out
}

/// The text of an HTML fragment: tags removed, character references (`&laquo;`, `&#8217;`)
/// decoded. For fields that are plain text but arrive HTML-encoded, such as WordPress pingback
/// author names.
pub fn html_to_text(html: &str) -> String {
    static TEXT: OnceLock<Builder<'static>> = OnceLock::new();
    let b = TEXT.get_or_init(|| {
        let mut b = Builder::empty();
        b.clean_content_tags(["script", "style"].into_iter().collect());
        b
    });
    let cleaned = b.clean(html).to_string();
    // The serialiser escapes only these; undo them to get the text.
    cleaned
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Counts the links a comment's Markdown source would render to (for the spam filter).
pub fn count_links(source: &str) -> usize {
    render_markdown(source).matches("<a ").count()
}

/// Escapes text for use in HTML element content or a double-quoted attribute.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn renders_the_safe_subset() {
        let html = render_markdown("Hello *world* and **bold** `code`\n\n> quoted\n\n- a\n- b");
        assert!(html.contains("<em>world</em>"), "{html}");
        assert!(html.contains("<strong>bold</strong>"), "{html}");
        assert!(html.contains("<code>code</code>"), "{html}");
        assert!(html.contains("<blockquote>"), "{html}");
        assert!(html.contains("<li>a</li>"), "{html}");
    }

    #[test]
    fn links_get_nofollow_ugc_noopener() {
        let html = render_markdown("[site](https://example.org/x) and https://example.com/y.");
        assert_eq!(
            html.matches(r#"rel="nofollow ugc noopener""#).count(),
            2,
            "{html}"
        );
        assert!(html.contains(r#"href="https://example.com/y""#), "{html}");
    }

    #[test]
    fn raw_html_and_scripts_are_text() {
        let html = render_markdown("<script>alert(1)</script> <b onclick=x>hi</b>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<b"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn javascript_urls_and_images_are_dropped() {
        let html = render_markdown("[x](javascript:alert(1)) ![alt text](https://e.com/i.png)");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("alt text"), "{html}");
    }

    #[test]
    fn headings_become_paragraphs() {
        let html = render_markdown("# Big\ntext");
        assert!(!html.contains("<h1"), "{html}");
        assert!(html.contains("Big"), "{html}");
    }

    #[test]
    fn escape_html_escapes_all_specials() {
        assert_eq!(
            escape_html(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn sanitize_html_keeps_the_safe_subset_and_marks_links() {
        let html = sanitize_html(
            "<h1>Head</h1><p onclick=\"x()\">Hi <a href=\"https://e.org/\" title=\"t\">e</a> \
             <img src=x onerror=y> <a href=\"javascript:alert(1)\">js</a></p><script>bad()</script>",
        );
        assert!(html.contains("Head"), "{html}");
        assert!(!html.contains("<h1"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("bad()"), "{html}");
        assert!(
            html.contains(r#"<a href="https://e.org/" rel="nofollow ugc noopener">e</a>"#),
            "{html}"
        );
    }

    #[test]
    fn autop_makes_paragraphs_and_line_breaks() {
        assert_eq!(
            autop("One\nline two\n\nTwo\r\n\r\n<blockquote>q</blockquote>"),
            "<p>One<br>\nline two</p>\n<p>Two</p>\n<blockquote>q</blockquote>\n"
        );
        assert_eq!(autop("  \n\n "), "");
        assert_eq!(
            autop("<strong>Head</strong>\n<h1>One</h1>\ntext\n<pre>a\n\n b</pre>\nafter"),
            "<p><strong>Head</strong></p>\n<h1>One</h1>\n<p>text</p>\n<pre>a\n\n b</pre>\n<p>after</p>\n"
        );
        let html = sanitize_html(&autop(
            "<H2 class=x>Title</H2>\n<b>bold</b> <i>it</i> <strike>old</strike>",
        ));
        assert_eq!(
            html,
            "<p>Title</p>\n<p><strong>bold</strong> <em>it</em> <del>old</del></p>\n"
        );
    }

    #[test]
    fn html_to_text_decodes_references_and_drops_tags() {
        assert_eq!(
            html_to_text("Ping 1 &laquo; What&#8217;s <b>a</b> tellyworth? &amp; &lt;x&gt;"),
            "Ping 1 \u{ab} What\u{2019}s a tellyworth? & <x>"
        );
    }

    proptest! {
        #[test]
        fn sanitized_html_never_holds_active_content(s in ".{0,200}") {
            let lower = sanitize_html(&autop(&s)).to_lowercase();
            prop_assert!(!lower.contains("<script"));
            prop_assert!(!lower.contains("<img"));
            prop_assert!(!lower.contains("javascript:"));
        }

        #[test]
        fn output_never_holds_active_content(s in ".{0,200}") {
            let html = render_markdown(&s);
            let lower = html.to_lowercase();
            prop_assert!(!lower.contains("<script"));
            prop_assert!(!lower.contains("<img"));
            prop_assert!(!lower.contains("javascript:"));
            // No tag carries an event handler attribute (text such as "` on`" may say "on").
            for tag in lower.split('<').skip(1).filter_map(|t| t.split('>').next()) {
                prop_assert!(
                    !tag.split(|c: char| c.is_whitespace() || c == '/').skip(1).any(|a| a.starts_with("on")),
                    "event handler attribute in {}", html
                );
            }
        }

        #[test]
        fn markup_soup_never_holds_active_content(
            parts in proptest::collection::vec(prop_oneof![
                Just("<script>"), Just("<img src=x onerror=alert(1)>"), Just("[a]("),
                Just("javascript:alert(1)"), Just(")"), Just("`"), Just("*"), Just("\n\n"),
                Just("<a href=\"javascript:x\">"), Just("https://e.com/"), Just("<svg onload=x>"),
            ], 0..20)
        ) {
            let s: String = parts.concat();
            let lower = render_markdown(&s).to_lowercase();
            prop_assert!(!lower.contains("<script"));
            prop_assert!(!lower.contains("<img"));
            prop_assert!(!lower.contains("<svg"));
            for (i, _) in lower.match_indices("<a href=\"") {
                let rest = &lower[i + 9..];
                prop_assert!(
                    rest.starts_with("http:") || rest.starts_with("https:") || rest.starts_with("mailto:"),
                    "unsafe link in {}", lower
                );
            }
        }
    }
}
