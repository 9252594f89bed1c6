//! Parse stage: Markdown → HTML, and everything later checks need (headings, links, images), gathered
//! in the same pass so no stage ever parses a page twice.
//!
//! Heading ids: an explicit `{#id}` wins, so translated pages can share language-independent anchors
//! (`## تأشيرة الدخول {#visa}`). Otherwise the id is made from the heading text, keeping letters of
//! every script: an Arabic or Chinese heading gets an Arabic or Chinese id rather than an empty one.
//!
//! Raw HTML in Markdown is shown as text for now (the safest policy); links with script URLs are
//! errors. Internal Markdown links (`../school/enrolment.md`) are resolved by the caller and written
//! as [`LINK_PLACEHOLDER`] references, because the same text can be shown in several languages (as a
//! fallback) and each page must link within its own language.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

/// Prefix of a resolved internal link in parsed HTML: `approdo:page/<group>#fragment`. The render
/// stage replaces it with the URL of that page in the language being rendered.
pub const LINK_PLACEHOLDER: &str = "approdo:page/";

/// Ids the theme itself uses; headings never take them.
const RESERVED_IDS: &[&str] = &["main", "top", "content", "toc", "language", "footer"];

#[derive(Debug, Clone, Default, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
    /// 1-based line in the source file.
    pub line: usize,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Link {
    /// The destination as the editor wrote it.
    pub dest: String,
    /// The internal page it resolves to (group index), when it is a Markdown link.
    pub group: Option<usize>,
    pub text: String,
    pub line: usize,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Image {
    pub src: String,
    pub alt: String,
    pub line: usize,
}

/// A page's body after parsing.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub html: String,
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
    pub images: Vec<Image>,
}

/// A problem found while parsing, at a 1-based line of the source file.
#[derive(Debug)]
pub struct Problem {
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub hint: Option<String>,
    pub is_error: bool,
}

/// What the caller says about a link destination.
pub enum LinkTarget {
    /// Leave it as written.
    Keep,
    /// An internal page: group index and `#fragment` (possibly empty).
    Page(usize, String),
    /// Rewrite to this URL.
    Url(String),
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Parses `body`, whose first line is line `first_line` of its file.
pub fn parse(
    body: &str,
    first_line: usize,
    resolve: &dyn Fn(&str) -> Result<LinkTarget, String>,
) -> (Parsed, Vec<Problem>) {
    let lines = LineIndex::new(body, first_line);
    let mut events: Vec<(Event, std::ops::Range<usize>)> = Parser::new_ext(body, options())
        .into_offset_iter()
        .collect();
    let mut parsed = Parsed::default();
    let mut problems = Vec::new();
    let mut used_ids: HashSet<String> = RESERVED_IDS.iter().map(|s| s.to_string()).collect();

    // Explicit ids first, so a generated id never takes one an editor chose further down the page.
    for (ev, _) in &events {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = ev {
            used_ids.insert(id.to_string());
        }
    }

    let mut i = 0;
    while i < events.len() {
        let (line, col) = lines.line_col(events[i].1.start);
        match &events[i].0 {
            Event::Start(Tag::Heading { .. }) => {
                let end = find_end(&events, i, |e| matches!(e, TagEnd::Heading(_)));
                let text = plain_text(&events[i + 1..end]);
                if let Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) = &mut events[i].0
                {
                    let id_str = match id {
                        Some(explicit) => explicit.to_string(),
                        None => {
                            let generated = unique_id(&heading_id(&text), &mut used_ids);
                            *id = Some(CowStr::from(generated.clone()));
                            generated
                        }
                    };
                    // Arbitrary `{key=value}` attributes could carry event handlers: never pass them.
                    attrs.clear();
                    classes.retain(|c| {
                        c.chars()
                            .all(|ch| ch.is_alphanumeric() || ch == '-' || ch == '_')
                    });
                    parsed.headings.push(Heading {
                        level: heading_level(*level),
                        id: id_str,
                        text,
                        line,
                    });
                }
                i += 1;
            }
            Event::Start(Tag::Link { .. }) => {
                let end = find_end(&events, i, |e| matches!(e, TagEnd::Link));
                let text = plain_text(&events[i + 1..end]);
                if let Event::Start(Tag::Link { dest_url, .. }) = &mut events[i].0 {
                    let dest = dest_url.to_string();
                    let mut group = None;
                    match check_scheme(&dest, false).and_then(|()| resolve(&dest)) {
                        Ok(LinkTarget::Keep) => {}
                        Ok(LinkTarget::Url(u)) => *dest_url = CowStr::from(u),
                        Ok(LinkTarget::Page(g, frag)) => {
                            group = Some(g);
                            *dest_url = CowStr::from(format!("{LINK_PLACEHOLDER}{g}{frag}"));
                        }
                        Err(msg) => {
                            *dest_url = CowStr::from("#");
                            problems.push(Problem {
                                line,
                                col,
                                message: msg,
                                hint: Some("link to another page with a relative path to its file, e.g. `../school/enrolment.md`".into()),
                                is_error: true,
                            });
                        }
                    }
                    parsed.links.push(Link {
                        dest,
                        group,
                        text,
                        line,
                    });
                }
                i += 1;
            }
            Event::Start(Tag::Image { .. }) => {
                let end = find_end(&events, i, |e| matches!(e, TagEnd::Image));
                let alt = plain_text(&events[i + 1..end]);
                if let Event::Start(Tag::Image { dest_url, .. }) = &mut events[i].0 {
                    let src = dest_url.to_string();
                    if let Err(msg) = check_scheme(&src, true) {
                        *dest_url = CowStr::from("");
                        problems.push(Problem {
                            line,
                            col,
                            message: msg,
                            hint: None,
                            is_error: true,
                        });
                    }
                    parsed.images.push(Image { src, alt, line });
                }
                i += 1;
            }
            Event::Html(raw) | Event::InlineHtml(raw) => {
                if !raw.trim().is_empty() {
                    problems.push(Problem {
                        line,
                        col,
                        message: "raw HTML is shown as plain text".into(),
                        hint: Some("write it in Markdown instead".into()),
                        is_error: false,
                    });
                }
                let text = raw.clone();
                events[i].0 = Event::Text(text);
                i += 1;
            }
            _ => i += 1,
        }
    }

    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
    parsed.html = html;
    (parsed, problems)
}

/// Script-running URL schemes are never accepted from content.
fn check_scheme(dest: &str, is_image: bool) -> Result<(), String> {
    let lowered: String = dest
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect();
    for scheme in ["javascript:", "vbscript:", "data:"] {
        if lowered.starts_with(scheme) {
            if is_image && scheme == "data:" && lowered.starts_with("data:image/") {
                return Ok(());
            }
            return Err(format!("`{scheme}` URLs are not allowed in content"));
        }
    }
    if dest.starts_with(LINK_PLACEHOLDER) {
        return Err(format!("`{LINK_PLACEHOLDER}` is reserved"));
    }
    Ok(())
}

fn find_end(
    events: &[(Event, std::ops::Range<usize>)],
    start: usize,
    is_end: impl Fn(&TagEnd) -> bool,
) -> usize {
    let mut depth = 0usize;
    for (j, (ev, _)) in events.iter().enumerate().skip(start) {
        match ev {
            Event::Start(_) => depth += 1,
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                if depth == 0 && is_end(end) {
                    return j;
                }
            }
            _ => {}
        }
    }
    events.len().saturating_sub(1).max(start)
}

fn plain_text(events: &[(Event, std::ops::Range<usize>)]) -> String {
    let mut s = String::new();
    for (ev, _) in events {
        match ev {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s.trim().to_string()
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Makes a heading id from its text: lower-cased letters and digits of any script, other runs
/// become one hyphen. Combining marks (Arabic vowel signs) are dropped so the same word with or
/// without diacritics gives the same id. Stable: depends only on the text.
pub fn heading_id(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if is_dropped_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_dash && !id.is_empty() {
                id.push('-');
            }
            pending_dash = false;
            id.extend(c.to_lowercase());
        } else if c == '_'
            || c == '-'
            || c.is_whitespace()
            || c.is_ascii_punctuation()
            || is_separator_like(c)
        {
            pending_dash = true;
        }
        // Anything else (combining marks, tatweel, emoji) is dropped without a separator.
    }
    if id.is_empty() {
        "section".to_string()
    } else {
        id
    }
}

/// Combining marks that only change how a word is voiced or stretched: Arabic harakat and tatweel,
/// Latin combining accents. Rust counts some of them as alphabetic, so they are named here.
fn is_dropped_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{0610}'..='\u{061A}' | '\u{0640}' | '\u{064B}'..='\u{065F}' |
        '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

/// CJK and Arabic punctuation that separates words.
fn is_separator_like(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' |
        '\u{060C}' | '\u{061B}' | '\u{061F}' | '\u{066A}'..='\u{066D}' | '\u{2010}'..='\u{2027}' |
        '\u{00A0}' | '\u{00AB}' | '\u{00BB}')
}

/// `base`, or `base-1`, `base-2`… whichever is free.
fn unique_id(base: &str, used: &mut HashSet<String>) -> String {
    if used.insert(base.to_string()) {
        return base.to_string();
    }
    let mut n = 1;
    loop {
        let candidate = format!("{base}-{n}");
        if used.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

/// Byte offset → 1-based (line, column) in the file, for a body that starts at `first_line`.
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    first_line: usize,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str, first_line: usize) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            text,
            starts,
            first_line,
        }
    }

    fn line_col(&self, offset: usize) -> (usize, usize) {
        let idx = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[idx];
        let col = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (idx + self.first_line, col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keep(_: &str) -> Result<LinkTarget, String> {
        Ok(LinkTarget::Keep)
    }

    #[test]
    fn ids_for_arabic_and_chinese_headings() {
        assert_eq!(heading_id("تأشيرة الدخول"), "تأشيرة-الدخول");
        assert_eq!(heading_id("تَأْشِيرَة"), "تأشيرة");
        assert_eq!(heading_id("谁可以申请？"), "谁可以申请");
        assert_eq!(heading_id("第一步：准备文件"), "第一步-准备文件");
        assert_eq!(
            heading_id("Nulla Osta: i documenti"),
            "nulla-osta-i-documenti"
        );
        assert_eq!(heading_id("???"), "section");
    }

    #[test]
    fn ids_are_unique_and_explicit_ids_win() {
        let md = "## Documenti\n\n## Documenti\n\n## Altro {#documenti}\n";
        let (p, _) = parse(md, 1, &keep);
        let ids: Vec<_> = p.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, vec!["documenti-1", "documenti-2", "documenti"]);
        assert!(
            p.html.contains(r#"<h2 id="documenti">Altro</h2>"#),
            "{}",
            p.html
        );
    }

    #[test]
    fn raw_html_becomes_text_and_is_reported() {
        let (p, probs) = parse("a <script>alert(1)</script> b\n", 4, &keep);
        assert!(!p.html.contains("<script>"), "{}", p.html);
        assert!(p.html.contains("&lt;script&gt;"), "{}", p.html);
        assert_eq!(probs[0].line, 4);
    }

    #[test]
    fn javascript_links_are_errors_with_line() {
        let (p, probs) = parse("x\n\n[a](javascript:alert(1))\n", 10, &keep);
        assert!(!p.html.contains("javascript"), "{}", p.html);
        assert_eq!(probs[0].line, 12);
        assert!(probs[0].is_error);
    }

    #[test]
    fn heading_attributes_other_than_id_are_dropped() {
        let (p, _) = parse("## T {#x onclick=alert(1)}\n", 1, &keep);
        assert!(!p.html.contains("onclick"), "{}", p.html);
    }

    #[test]
    fn task_lists_tables_footnotes() {
        let md = "- [ ] Passaporto\n- [x] Foto\n\n|a|b|\n|-|-|\n|1|2|\n\nNota[^1]\n\n[^1]: testo\n";
        let (p, _) = parse(md, 1, &keep);
        assert!(p.html.contains("type=\"checkbox\""));
        assert!(p.html.contains("<table>"));
        assert!(p.html.contains("footnote"));
    }
}
