//! Parse stage: Markdown → HTML, and everything later checks need (headings, links, images), gathered
//! in the same pass so no stage ever parses a page twice.
//!
//! Heading ids: an explicit `{#id}` wins, so translated pages can share language-independent anchors
//! (`## تأشيرة الدخول {#visa}`). Otherwise the id is made from the heading text, keeping letters of
//! every script: an Arabic or Chinese heading gets an Arabic or Chinese id rather than an empty one.
//!
//! Raw HTML in Markdown follows the site's policy ([`RawHtml`]): sanitized by default, with a warning
//! for each thing removed; links with script URLs are errors. Internal Markdown links (`../school/enrolment.md`) are resolved by the caller and written
//! as [`LINK_PLACEHOLDER`] references, because the same text can be shown in several languages (as a
//! fallback) and each page must link within its own language.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::config::RawHtml;
use crate::content::{Heading, Image, Link, ParagraphInfo, Parsed, TableInfo};
use crate::error::Code;
use crate::ids::ReservedIds;
use crate::paths::LINK_PLACEHOLDER;
use crate::sanitize;

/// A problem found while parsing, at a 1-based line of the source file.
#[derive(Debug)]
pub struct Problem {
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub hint: Option<String>,
    pub is_error: bool,
    /// The kind of problem, for summaries ([`Code`]).
    pub code: Option<Code>,
    /// What it is about (an image's source, a removed tag's name).
    pub subject: Option<String>,
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

/// How the caller resolves what a page points at: links to other pages, and images to published
/// files (see [`crate::assets::resolve_image`]).
pub struct Resolve<'a> {
    pub link: &'a dyn Fn(&str) -> Result<LinkTarget, String>,
    /// `Ok(Some(url))`: write this instead; `Ok(None)`: keep; `Err`: the image is missing.
    pub image: &'a dyn Fn(&str) -> Result<Option<String>, String>,
}

impl Resolve<'static> {
    /// Keeps every destination as written (for tests and fuzzing, where no site exists).
    pub const KEEP: Resolve<'static> = Resolve {
        link: &keep_link,
        image: &keep_image,
    };
}

fn keep_link(_: &str) -> Result<LinkTarget, String> {
    Ok(LinkTarget::Keep)
}

fn keep_image(_: &str) -> Result<Option<String>, String> {
    Ok(None)
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// One event with its byte range in the body, as pulldown-cmark's offset iterator gives them.
type Spanned<'a> = (Event<'a>, std::ops::Range<usize>);

/// Parses `body`, whose first line is line `first_line` of its file.
pub fn parse(
    body: &str,
    first_line: usize,
    rtl: bool,
    raw_html: RawHtml,
    reserved: &ReservedIds,
    resolve: &Resolve<'_>,
) -> (Parsed, Vec<Problem>) {
    let mut events: Vec<Spanned> = Parser::new_ext(body, options())
        .into_offset_iter()
        .collect();
    let mut page = PageParse::new(body, first_line, raw_html, reserved, resolve);
    page.claim_explicit_ids(&events);
    page.walk(&mut events);
    page.report_bidi_controls();
    page.collect_text(&events);
    // How many checklist items the page has, and where the first is (translations must match).
    let (items, first) = mark_checklists(&mut events);
    page.parsed.checklist_items = items;
    page.parsed.checklist_line = first.map(|at| page.lines.line_col(at).0);
    if rtl {
        isolate_ltr_runs(&mut events);
    }
    page.into_html(events)
}

impl Problem {
    fn error(line: usize, col: usize, message: String, hint: Option<String>) -> Problem {
        Problem {
            line,
            col,
            message,
            hint,
            is_error: true,
            code: None,
            subject: None,
        }
    }

    fn warning(line: usize, col: usize, message: String, hint: Option<String>) -> Problem {
        Problem {
            is_error: false,
            ..Problem::error(line, col, message, hint)
        }
    }

    /// Names the kind of problem and what it is about.
    fn coded(mut self, code: Code, subject: Option<&str>) -> Problem {
        self.code = Some(code);
        self.subject = subject.map(str::to_owned);
        self
    }
}

/// What the parse of one page gathers on its single walk over the events: the model it fills, the
/// problems in the order they are met, and the heading ids already taken.
struct PageParse<'p, 'r> {
    body: &'p str,
    lines: LineIndex<'p>,
    raw_html: RawHtml,
    reserved: &'p ReservedIds,
    resolve: &'p Resolve<'r>,
    parsed: Parsed,
    problems: Vec<Problem>,
    used_ids: HashSet<String>,
    /// Only pages with hand-written HTML pay for the sanitizer.
    has_raw_html: bool,
    /// Inside an HTML comment that an earlier raw fragment opened: pulldown-cmark gives an HTML
    /// block one fragment per line, so `<!--` and `-->` can be fragments apart.
    in_comment: bool,
}

impl<'p, 'r> PageParse<'p, 'r> {
    fn new(
        body: &'p str,
        first_line: usize,
        raw_html: RawHtml,
        reserved: &'p ReservedIds,
        resolve: &'p Resolve<'r>,
    ) -> Self {
        PageParse {
            body,
            lines: LineIndex::new(body, first_line),
            raw_html,
            reserved,
            resolve,
            parsed: Parsed::default(),
            problems: Vec::new(),
            // Generated ids step around the theme's ids as around each other (`main` → `main-1`).
            used_ids: reserved.iter().map(str::to_owned).collect(),
            has_raw_html: false,
            in_comment: false,
        }
    }

    /// Script URLs and images from other sites are refused unless the site allows raw HTML (whose
    /// editors could write them anyway).
    fn check_urls(&self) -> bool {
        self.raw_html != RawHtml::Allow
    }

    fn line_col(&self, event: &Spanned<'_>) -> (usize, usize) {
        self.lines.line_col(event.1.start)
    }

    /// Explicit ids first, so a generated id never takes one an editor chose further down the page.
    /// The same explicit id twice would be invalid HTML with both contents links going to the first.
    fn claim_explicit_ids(&mut self, events: &[Spanned<'_>]) {
        let mut explicit_lines: HashMap<String, usize> = HashMap::new();
        for event in events {
            let Event::Start(Tag::Heading { id: Some(id), .. }) = &event.0 else {
                continue;
            };
            let (line, col) = self.line_col(event);
            if let Some(first) = explicit_lines.get(id.as_ref()) {
                self.problems.push(Problem::error(
                    line,
                    col,
                    format!("heading id `{id}` is used twice on this page (first at line {first})"),
                    Some("give each heading its own `{#id}`".into()),
                ));
            } else if self.reserved.contains(id) {
                self.problems.push(Problem::error(
                    line,
                    col,
                    format!("heading id `{id}` is used by the theme's page layout"),
                    Some(format!(
                        "choose another id; the theme uses {}",
                        self.reserved.list()
                    )),
                ));
            }
            explicit_lines.entry(id.to_string()).or_insert(line);
            self.used_ids.insert(id.to_string());
        }
    }

    /// The one pass over the page: each element later stages need is recorded, and rewritten in
    /// place where the output differs from the source (ids, link targets, image sources, raw HTML).
    fn walk(&mut self, events: &mut [Spanned<'_>]) {
        for i in 0..events.len() {
            match &events[i].0 {
                Event::Start(Tag::Heading { .. }) => self.heading(events, i),
                Event::Start(Tag::Link { .. }) => self.link(events, i),
                Event::Start(Tag::Image { .. }) => self.image(events, i),
                Event::Start(Tag::Table(_)) => self.table(events, i),
                Event::Start(Tag::Paragraph) => self.paragraph(events, i),
                Event::Html(raw) | Event::InlineHtml(raw)
                    if crate::shortcode::block_token(raw).is_some() =>
                {
                    shortcode_block(&mut events[i].0)
                }
                Event::Html(raw) | Event::InlineHtml(raw) if !raw.trim().is_empty() => {
                    self.raw_fragment(&mut events[i])
                }
                _ => {}
            }
        }
    }

    /// Gives the heading at `i` its id (explicit, or made from its text and unique on the page) and
    /// records it for the contents list and the anchor checks.
    fn heading(&mut self, events: &mut [Spanned<'_>], i: usize) {
        let (line, _) = self.line_col(&events[i]);
        let text = element_text(events, i, |e| matches!(e, TagEnd::Heading(_)));
        let Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) = &mut events[i].0
        else {
            return;
        };
        let id_str = match id {
            Some(explicit) => explicit.to_string(),
            None => {
                let generated = unique_id(&heading_id(&text), &mut self.used_ids);
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
        self.parsed.headings.push(Heading {
            level: heading_level(*level),
            id: id_str,
            text,
            line,
        });
    }

    /// Checks the link at `i`, writes the resolved target in, and records it for the link checks.
    fn link(&mut self, events: &mut [Spanned<'_>], i: usize) {
        let (line, col) = self.line_col(&events[i]);
        let text = element_text(events, i, |e| matches!(e, TagEnd::Link));
        let Event::Start(Tag::Link { dest_url, .. }) = &mut events[i].0 else {
            return;
        };
        let dest = dest_url.to_string();
        let mut group = None;
        match check_scheme(&dest, false, self.check_urls())
            .and_then(|()| (self.resolve.link)(&dest))
        {
            Ok(LinkTarget::Keep) => {}
            Ok(LinkTarget::Url(u)) => *dest_url = CowStr::from(u),
            Ok(LinkTarget::Page(g, frag)) => {
                group = Some(g);
                *dest_url = CowStr::from(format!("{LINK_PLACEHOLDER}{g}{frag}"));
            }
            Err(msg) => {
                *dest_url = CowStr::from("#");
                self.problems.push(Problem::error(
                    line,
                    col,
                    msg,
                    Some("link to another page with a relative path to its file, e.g. `../school/enrolment.md`".into()),
                ));
            }
        }
        self.parsed.links.push(Link {
            dest,
            group,
            text,
            line,
            col,
        });
    }

    /// Checks the image at `i` (scheme, other sites, a published file), writes the resolved source
    /// in, and records it with its alt text.
    fn image(&mut self, events: &mut [Spanned<'_>], i: usize) {
        let (line, col) = self.line_col(&events[i]);
        let alt = element_text(events, i, |e| matches!(e, TagEnd::Image));
        let Event::Start(Tag::Image { dest_url, .. }) = &mut events[i].0 else {
            return;
        };
        let src = dest_url.to_string();
        let external = self.check_urls() && sanitize::is_external_image(&src);
        let checked = if external {
            Err(sanitize::EXTERNAL_IMAGE.to_string())
        } else {
            check_scheme(&src, true, self.check_urls())
        };
        match checked.map(|()| (self.resolve.image)(&src)) {
            Err(msg) => {
                *dest_url = CowStr::from("");
                let hint = external.then(|| {
                    "save the image in the page's folder or in static/ and link it by its file name".to_string()
                });
                let problem = Problem::error(line, col, msg, hint);
                self.problems.push(if external {
                    problem.coded(Code::ExternalImage, Some(&src))
                } else {
                    problem
                });
            }
            Ok(Err(missing)) => self.problems.push(
                Problem::error(
                    line,
                    col,
                    missing,
                    Some(crate::assets::MISSING_IMAGE_HINT.into()),
                )
                .coded(Code::MissingImage, Some(&src)),
            ),
            Ok(Ok(Some(url))) => *dest_url = CowStr::from(url),
            Ok(Ok(None)) => {}
        }
        self.parsed.images.push(Image { src, alt, line });
    }

    /// Records the table at `i`, and whether its header row says anything (the accessibility lint).
    fn table(&mut self, events: &[Spanned<'_>], i: usize) {
        let (line, _) = self.line_col(&events[i]);
        let head_end = events[i..]
            .iter()
            .position(|(e, _)| matches!(e, Event::End(TagEnd::TableHead)))
            .map_or(i, |p| i + p);
        let header_text = plain_text(&events[i + 1..head_end.max(i + 1)]);
        self.parsed.tables.push(TableInfo {
            line,
            empty_header: header_text.trim().is_empty(),
        });
    }

    /// Records the word counts of the paragraph at `i` (the plain-language lint).
    fn paragraph(&mut self, events: &[Spanned<'_>], i: usize) {
        let (line, _) = self.line_col(&events[i]);
        let text = element_text(events, i, |e| matches!(e, TagEnd::Paragraph));
        self.parsed.paragraphs.push(paragraph_info(&text, line));
    }

    /// Applies the site's raw-HTML policy to one fragment: shown as text, audited for the sanitizer,
    /// or allowed; then, unless escaped, its comments are checked and its images resolved.
    fn raw_fragment(&mut self, event: &mut Spanned<'_>) {
        let (Event::Html(raw) | Event::InlineHtml(raw)) = &event.0 else {
            return;
        };
        // Owned (cheap: borrowed from `body` or small), so the event can be replaced.
        let raw = raw.clone();
        // A fragment's offsets map back into the body unless pulldown-cmark split it from its
        // source (then the event's own start is used).
        let start = event.1.start;
        let in_place = self.body[start..].starts_with(raw.as_ref());
        let at = move |offset: usize| start + if in_place { offset } else { 0 };
        match self.raw_html {
            RawHtml::Escape => return self.escape_raw_html(event, raw),
            RawHtml::Sanitize => self.audit_raw_html(&raw, at),
            RawHtml::Allow => {}
        }
        self.report_unclosed_comment(&raw, at);
        let line_col = |offset| self.lines.line_col(at(offset));
        if let Some(html) = resolve_raw_images(&raw, line_col, self.resolve, &mut self.problems) {
            event.0 = if matches!(event.0, Event::Html(_)) {
                Event::Html(html.into())
            } else {
                Event::InlineHtml(html.into())
            };
        }
    }

    /// `[markdown] raw_html = "escape"`: the fragment is shown as the text it is, with a warning.
    fn escape_raw_html<'e>(&mut self, event: &mut Spanned<'e>, raw: CowStr<'e>) {
        let (line, col) = self.line_col(event);
        self.problems.push(Problem::warning(
            line,
            col,
            "raw HTML is shown as plain text".into(),
            Some("write it in Markdown instead; the site owner can allow some HTML with [markdown] raw_html = \"sanitize\" in site.toml".into()),
        ).coded(Code::RawHtmlEscaped, None));
        event.0 = Event::Text(raw);
    }

    /// `[markdown] raw_html = "sanitize"`: the page goes through the sanitizer, and each thing it
    /// will remove is reported at its own line (ammonia does not say what it removed).
    fn audit_raw_html(&mut self, raw: &str, at: impl Fn(usize) -> usize) {
        self.has_raw_html = true;
        // The part of the fragment that is not the rest of a comment opened before it.
        let skip = if self.in_comment {
            match raw.find("-->") {
                Some(end) => end + 3,
                None => return,
            }
        } else {
            0
        };
        let visible = &raw[skip..];
        self.in_comment = sanitize::ends_inside_comment(visible);
        for f in sanitize::audit(visible) {
            let (line, col) = self.lines.line_col(at(skip + f.offset));
            let hint = (!f.is_error).then(sanitize::allowed_hint);
            self.problems.push(Problem {
                line,
                col,
                message: f.message,
                hint,
                is_error: f.is_error,
                code: f.code,
                subject: f.subject,
            });
        }
    }

    /// `<!--` without `-->` hides everything after it from readers, silently.
    fn report_unclosed_comment(&mut self, raw: &str, at: impl Fn(usize) -> usize) {
        let Some(open) = raw.find("<!--") else {
            return;
        };
        let from = at(open);
        if !self.body[from..].contains("-->") {
            let (line, col) = self.lines.line_col(from);
            self.problems.push(Problem::warning(
                line,
                col,
                "this HTML comment is never closed: everything after `<!--` is hidden from readers"
                    .into(),
                Some("end the comment with `-->`".into()),
            ));
        }
    }

    /// Bidi embeddings and overrides make text display in another order than it is written (and
    /// than a screen reader reads it): legitimate mixed-direction text uses `dir` or <bdi> instead.
    fn report_bidi_controls(&mut self) {
        for (offset, c) in self
            .body
            .char_indices()
            .filter(|(_, c)| ('\u{202A}'..='\u{202E}').contains(c))
            .take(3)
        {
            let (line, col) = self.lines.line_col(offset);
            self.problems.push(Problem::warning(
                line,
                col,
                format!(
                    "invisible bidi control U+{:04X} changes the order text is displayed in",
                    c as u32
                ),
                Some(
                    "remove it; for a phrase in the other direction use <bdi> or <span dir=\"ltr\">"
                        .into(),
                ),
            ));
        }
    }

    /// The running text (for search) and its length (for the word count and reading time), taken
    /// before the checklist and direction rewrites turn text into HTML.
    fn collect_text(&mut self, events: &[Spanned<'_>]) {
        self.parsed.text = running_text(events);
        let (words, cjk) = count_words(events);
        self.parsed.words = words + cjk;
        self.parsed.reading_minutes = reading_minutes(words, cjk);
    }

    /// Writes the HTML; only pages with hand-written HTML pay for the sanitizer, the rest is
    /// escaped by construction.
    fn into_html(mut self, events: Vec<Spanned<'_>>) -> (Parsed, Vec<Problem>) {
        let mut html = String::with_capacity(self.body.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
        self.parsed.html = if self.has_raw_html {
            sanitize::clean(&html, self.reserved)
        } else {
            html
        };
        (self.parsed, self.problems)
    }
}

/// Task lists are document checklists: the list gets a class, and each tick box becomes a decorative
/// box drawn by CSS (it prints as an empty square). A disabled `<input>` without a label, which
/// pulldown-cmark writes, is noise to a screen reader; the item's own text is the label that matters.
/// Returns the number of items and the byte offset of the first.
fn mark_checklists(events: &mut [Spanned<'_>]) -> (usize, Option<usize>) {
    let (mut items, mut first) = (0, None);
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::List(None)) = events[i].0 {
            let is_tasks = events[i + 1..]
                .iter()
                .take(3)
                .any(|(e, _)| matches!(e, Event::TaskListMarker(_)));
            if is_tasks {
                let end = find_end(events, i, |e| matches!(e, TagEnd::List(false)));
                events[i].0 = Event::Html(CowStr::from("<ul class=\"checklist\">\n"));
                if end > i {
                    events[end].0 = Event::Html(CowStr::from("</ul>\n"));
                }
            }
        }
        if let Event::TaskListMarker(done) = events[i].0 {
            items += 1;
            first = first.or(Some(events[i].1.start));
            events[i].0 = Event::InlineHtml(CowStr::from(if done {
                "<span class=\"check checked\" aria-hidden=\"true\"></span>"
            } else {
                "<span class=\"check\" aria-hidden=\"true\"></span>"
            }));
        }
        i += 1;
    }
    (items, first)
}

/// In right-to-left text, phone numbers, IBANs and Latin asides in parentheses are wrapped in
/// `<span dir="ltr">` so the bidi algorithm cannot move their `+`, spaces, brackets or letter
/// groups around.
fn isolate_ltr_runs(events: &mut Vec<Spanned<'_>>) {
    let mut out = Vec::with_capacity(events.len());
    let mut in_code_or_link = 0usize;
    for (ev, range) in events.drain(..) {
        match &ev {
            Event::Start(Tag::CodeBlock(_) | Tag::Link { .. }) => in_code_or_link += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::Link) => {
                in_code_or_link = in_code_or_link.saturating_sub(1)
            }
            _ => {}
        }
        let Event::Text(text) = &ev else {
            out.push((ev, range));
            continue;
        };
        let runs = ltr_runs(text);
        if runs.is_empty() || in_code_or_link > 0 {
            out.push((ev, range));
            continue;
        }
        let mut html = String::new();
        let mut last = 0;
        for (a, b) in runs {
            pulldown_cmark_escape::escape_html(&mut html, &text[last..a]).ok();
            html.push_str("<span dir=\"ltr\">");
            pulldown_cmark_escape::escape_html(&mut html, &text[a..b]).ok();
            html.push_str("</span>");
            last = b;
        }
        pulldown_cmark_escape::escape_html(&mut html, &text[last..]).ok();
        out.push((Event::InlineHtml(CowStr::from(html)), range));
    }
    *events = out;
}

/// Arabic, Hebrew, Syriac, Thaana and N'Ko letters, and their presentation forms.
fn is_rtl_letter(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Byte ranges of phone numbers (`+39 02 1234 5678`), IBANs
/// (`IT60 X054 2811 1010 0000 0123 456`) and Latin asides in parentheses (`(Decreto legislativo 286/1998)`).
pub fn ltr_runs(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        // A Latin aside in parentheses, `(Decreto legislativo 286/1998)`: left alone, the bidi
        // algorithm shows it as `Decreto legislativo) 286/1998 (` in Arabic text.
        if bytes[i] == b'(' && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            if let Some(len) = text[i..]
                .char_indices()
                .take(160)
                .find_map(|(k, c)| match c {
                    ')' => Some(Some(k + 1)),
                    '(' if k > 0 => Some(None),
                    c if is_rtl_letter(c) => Some(None),
                    _ => None,
                })
                .flatten()
            {
                runs.push((start, i + len));
                i += len;
                continue;
            }
        }
        // IBAN: two capital letters, two digits, then groups of capitals/digits.
        if i + 4 <= bytes.len()
            && bytes[i].is_ascii_uppercase()
            && bytes[i + 1].is_ascii_uppercase()
            && bytes[i + 2].is_ascii_digit()
            && bytes[i + 3].is_ascii_digit()
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
        {
            let mut j = i + 4;
            let mut alnum = 4;
            while j < bytes.len()
                && (bytes[j].is_ascii_uppercase()
                    || bytes[j].is_ascii_digit()
                    || (bytes[j] == b' '
                        && j + 1 < bytes.len()
                        && bytes[j + 1].is_ascii_alphanumeric()))
            {
                if bytes[j] != b' ' {
                    alnum += 1;
                }
                j += 1;
            }
            if alnum >= 15 {
                runs.push((start, j));
                i = j;
                continue;
            }
        }
        // Phone: optional +, then digits with spaces, dots, dashes or brackets; at least 7 digits.
        if (bytes[i] == b'+' || bytes[i].is_ascii_digit())
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
        {
            let mut j = i + 1;
            let mut digits = usize::from(bytes[i].is_ascii_digit());
            let mut last_digit = if digits > 0 { i + 1 } else { i };
            while j < bytes.len()
                && (bytes[j].is_ascii_digit()
                    || matches!(bytes[j], b' ' | b'.' | b'-' | b'(' | b')'))
            {
                if bytes[j].is_ascii_digit() {
                    digits += 1;
                    last_digit = j + 1;
                }
                j += 1;
            }
            let has_separator = text[i..last_digit].contains([' ', '-', '.', '(', '+']);
            if digits >= 7 && has_separator && !text[i..last_digit].contains(". ") {
                runs.push((start, last_digit));
                i = last_digit;
                continue;
            }
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    runs
}

/// Counts words of running text and, separately, ideographic characters (which are words of their
/// own: a Chinese page has few spaces, so splitting on whitespace would count a paragraph as one).
fn count_words(events: &[Spanned<'_>]) -> (usize, usize) {
    events
        .iter()
        .filter_map(|(ev, _)| match ev {
            Event::Text(t) | Event::Code(t) => Some(count_text(t)),
            _ => None,
        })
        .fold((0, 0), |(w, c), (w2, c2)| (w + w2, c + c2))
}

/// A shortcode token written as a comment on a line of its own (see [`crate::shortcode`]) is the
/// generator's, not raw HTML from the editor: it is written as the bare token, which the render
/// stage replaces.
fn shortcode_block(event: &mut Event<'_>) {
    let (Event::Html(raw) | Event::InlineHtml(raw)) = &*event else {
        return;
    };
    let Some(token) = crate::shortcode::block_token(raw) else {
        return;
    };
    let token = CowStr::from(token.to_string());
    *event = match event {
        Event::Html(_) => Event::Html(CowStr::from(format!("{token}\n"))),
        _ => Event::InlineHtml(token),
    };
}

/// The text a reader sees, blocks on their own lines, without shortcode tokens (what a shortcode
/// renders is theme output, not the page's text).
fn running_text(events: &[Spanned<'_>]) -> String {
    let mut out = String::new();
    // Text between raw <script>/<style> tags is not shown on the page (the sanitizer drops it).
    let mut hidden = false;
    for (ev, _) in events {
        match ev {
            Event::Html(raw) | Event::InlineHtml(raw) => {
                let lower = raw.to_ascii_lowercase();
                if lower.contains("<script") || lower.contains("<style") {
                    hidden = true;
                }
                if lower.contains("</script") || lower.contains("</style") {
                    hidden = false;
                }
            }
            Event::Text(_) | Event::Code(_) if hidden => {}
            Event::Text(t) | Event::Code(t) => {
                if t.contains(crate::shortcode::MARK) {
                    out.extend(t.split(crate::shortcode::MARK).step_by(2));
                } else {
                    out.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_),
            ) if !out.ends_with('\n') => out.push('\n'),
            _ => {}
        }
    }
    out
}

/// (words, ideographic characters) of a text.
fn count_text(t: &str) -> (usize, usize) {
    let mut counter = WordCounter::default();
    counter.feed(t, |_| {});
    (counter.words, counter.cjk)
}

/// Counts words and ideographic characters in one pass over a text, telling `at_sentence_end`
/// the count so far at each sentence end (`.`, `!`, `?` and their Arabic and CJK forms).
#[derive(Default)]
struct WordCounter {
    words: usize,
    cjk: usize,
    in_word: bool,
}

impl WordCounter {
    fn feed(&mut self, t: &str, mut at_sentence_end: impl FnMut(usize)) {
        let bytes = t.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // Most text is ASCII, decided byte by byte without decoding.
            if b.is_ascii() {
                i += 1;
                if b.is_ascii_alphanumeric() {
                    self.words += usize::from(!self.in_word);
                    self.in_word = true;
                } else if b != b'\'' {
                    self.in_word = false;
                    if matches!(b, b'.' | b'!' | b'?' | b';') {
                        at_sentence_end(self.words + self.cjk);
                    }
                }
                continue;
            }
            let c = t[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            if is_cjk(c) {
                self.cjk += 1;
                self.in_word = false;
            } else if is_word_char(c) {
                self.words += usize::from(!self.in_word);
                self.in_word = true;
            } else if !is_dropped_mark(c) && c != '’' {
                self.in_word = false;
                if matches!(c, '。' | '！' | '？' | '؟' | '；') {
                    at_sentence_end(self.words + self.cjk);
                }
            }
        }
    }
}

/// `char::is_alphanumeric` with fast answers for the scripts this site is written in: ASCII, Latin
/// letters with accents and Arabic letters and digits are decided by range; the general Unicode
/// table lookup, the hottest spot in a profile of large builds, is left for everything else.
fn is_word_char(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        '\u{D7}' | '\u{F7}' => false,
        '\u{C0}'..='\u{24F}' => true,
        '\u{620}'..='\u{64A}' | '\u{660}'..='\u{669}' | '\u{66E}'..='\u{6D3}' => true,
        _ => c.is_alphanumeric(),
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}')
}

/// Word counts of a paragraph and of its longest sentence. Sentences end at `.`, `!`, `?` and
/// their Arabic and CJK forms; Han characters count as words.
fn paragraph_info(text: &str, line: usize) -> ParagraphInfo {
    let mut counter = WordCounter::default();
    let (mut longest_sentence, mut sentence_start) = (0, 0);
    counter.feed(text, |so_far| {
        longest_sentence = longest_sentence.max(so_far - sentence_start);
        sentence_start = so_far;
    });
    let words = counter.words + counter.cjk;
    ParagraphInfo {
        line,
        words,
        longest_sentence: longest_sentence.max(words - sentence_start),
    }
}

/// Minutes to read: about 200 words a minute, and about 400 Han characters a minute.
pub fn reading_minutes(words: usize, cjk: usize) -> u32 {
    let minutes = words as f64 / 200.0 + cjk as f64 / 400.0;
    (minutes.ceil() as u32).max(1)
}

/// Script-running URL schemes are never accepted from content, unless the site allows raw HTML
/// (whose editors could write them anyway).
fn check_scheme(dest: &str, is_image: bool, check: bool) -> Result<(), String> {
    match sanitize::unsafe_scheme(dest, is_image) {
        Some(LINK_PLACEHOLDER) => Err(format!("`{LINK_PLACEHOLDER}` is reserved")),
        Some(scheme) if check => Err(format!("`{scheme}` URLs are not allowed in content")),
        _ => Ok(()),
    }
}

/// Checks each `<img src>` of a raw HTML fragment like a Markdown image (a missing file is an
/// error at its line) and returns the fragment with resolved sources written in, if any changed.
fn resolve_raw_images(
    raw: &str,
    line_col: impl Fn(usize) -> (usize, usize),
    resolve: &Resolve<'_>,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    let mut out = raw.to_string();
    let mut changed = false;
    // From the last to the first, so earlier byte ranges stay valid while replacing.
    for img in sanitize::image_sources(raw).into_iter().rev() {
        if !img.has_alt {
            let (line, col) = line_col(img.tag_offset);
            problems.push(Problem::error(
                line,
                col,
                format!("image `{}` has no alt text", img.src),
                Some("describe what the image shows for readers who cannot see it: <img src=\"form.png\" alt=\"A filled-in form, page 1\"> (alt=\"\" for a purely decorative image)".into()),
            ).coded(Code::MissingAlt, Some(&img.src)));
        }
        match (resolve.image)(&img.src) {
            Ok(Some(url)) => {
                let mut escaped = String::new();
                let _ = pulldown_cmark_escape::escape_html(&mut escaped, &url);
                out.replace_range(img.value.clone(), &escaped);
                changed = true;
            }
            Ok(None) => {}
            Err(missing) => {
                let (line, col) = line_col(img.tag_offset);
                problems.push(
                    Problem::error(
                        line,
                        col,
                        missing,
                        Some(crate::assets::MISSING_IMAGE_HINT.into()),
                    )
                    .coded(Code::MissingImage, Some(&img.src)),
                );
            }
        }
    }
    changed.then_some(out)
}

/// The plain text inside the element that starts at `start` (a heading's words, a link's text, an
/// image's alt text).
fn element_text(events: &[Spanned<'_>], start: usize, is_end: impl Fn(&TagEnd) -> bool) -> String {
    let end = find_end(events, start, is_end);
    plain_text(&events[start + 1..end])
}

fn find_end(events: &[Spanned<'_>], start: usize, is_end: impl Fn(&TagEnd) -> bool) -> usize {
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

fn plain_text(events: &[Spanned<'_>]) -> String {
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
    index: crate::error::LineIndex,
    first_line: usize,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str, first_line: usize) -> Self {
        LineIndex {
            text,
            index: crate::error::LineIndex::new(text),
            first_line,
        }
    }

    fn line_col(&self, offset: usize) -> (usize, usize) {
        let (idx, col) = self.index.line_col(self.text, offset);
        (idx + self.first_line, col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-pass counter gives what counting each sentence separately gave.
    #[test]
    fn one_pass_counts_match_counting_each_sentence() {
        fn reference(text: &str) -> (usize, usize) {
            let count = |s: &str| {
                let (w, c) = count_text(s);
                w + c
            };
            let longest = text
                .split(['.', '!', '?', '。', '！', '？', '؟', ';', '；'])
                .map(count)
                .max()
                .unwrap_or(0);
            (count(text), longest)
        }
        for text in [
            "",
            "Una frase. Due frasi, con l'apostrofo! E tre?",
            "申请人每个月都要提交收入证明。然后等待。",
            "يجب تقديم الطلب؟ نعم. الإِقَامَة",
            "3.5 euro; 12 mesi… fine",
            "...!!",
            "mixed 中文 and عربي; end",
        ] {
            let info = paragraph_info(text, 1);
            assert_eq!(
                (info.words, info.longest_sentence),
                reference(text),
                "{text:?}"
            );
        }
    }

    /// Parses with the theme's skip-link target reserved and every destination kept.
    fn parse_md(body: &str, first_line: usize, rtl: bool, mode: RawHtml) -> (Parsed, Vec<Problem>) {
        parse(
            body,
            first_line,
            rtl,
            mode,
            &ReservedIds::of(&["main"]),
            &Resolve::KEEP,
        )
    }

    #[test]
    fn links_to_pages_survive_the_sanitizer_on_a_page_with_raw_html() {
        let resolve = |dest: &str| -> Result<LinkTarget, String> {
            Ok(match dest {
                "visa.md" => LinkTarget::Page(7, "#documenti".into()),
                _ => LinkTarget::Keep,
            })
        };
        let (p, probs) = parse(
            "<abbr title=\"Indicatore\">ISEE</abbr> e [il visto](visa.md).\n\n<a href=\"approdo:page/3\">x</a>\n",
            1,
            false,
            RawHtml::Sanitize,
            &ReservedIds::of(&["main"]),
            &Resolve {
                link: &resolve,
                image: &|_: &str| Ok(None),
            },
        );
        assert!(
            p.html.contains("href=\"approdo:page/7#documenti\""),
            "{}",
            p.html
        );
        assert!(
            probs.iter().any(|p| p.is_error && p.line == 3),
            "a placeholder typed by an editor is an error: {probs:?}"
        );
    }

    #[test]
    fn text_inside_a_comment_is_not_read_as_tags_and_components_keep_their_name() {
        let md = "Testo\n<!-- un <none> -->\naltro.\n\n<!--\nmulti <none>\nriga\n-->\n\n<Note>Nota</Note>\n\n<!-- a --> <b>x</b> <!--\n<none>\n-->\n";
        let (p, probs) = parse_md(md, 1, false, RawHtml::Sanitize);
        let messages: Vec<(usize, &str)> =
            probs.iter().map(|p| (p.line, p.message.as_str())).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert_eq!(messages[0].0, 10);
        assert!(
            messages[0].1.contains("`<Note>` is a component"),
            "{messages:?}"
        );
        assert!(messages[1].1.contains("`<b>`"), "{messages:?}");
        assert!(
            p.html.contains("Nota") && !p.html.contains("none"),
            "{}",
            p.html
        );
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
    fn the_same_explicit_id_twice_is_an_error_at_the_second() {
        let body = "## A {#doppio}\n\nx\n\n## B {#doppio}\n\n## C {#main}\n";
        let (_, problems) = parse_md(body, 5, false, RawHtml::Sanitize);
        let errors: Vec<_> = problems
            .iter()
            .filter(|p| p.is_error)
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[0].0, 9);
        assert!(errors[0].1.contains("`doppio`") && errors[0].1.contains("line 5"));
        assert_eq!(errors[1].0, 11);
        assert!(errors[1].1.contains("`main`"));
    }

    #[test]
    fn ids_are_unique_and_explicit_ids_win() {
        let md = "## Documenti\n\n## Documenti\n\n## Altro {#documenti}\n";
        let (p, _) = parse_md(md, 1, false, RawHtml::Sanitize);
        let ids: Vec<_> = p.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, vec!["documenti-1", "documenti-2", "documenti"]);
        assert!(
            p.html.contains(r#"<h2 id="documenti">Altro</h2>"#),
            "{}",
            p.html
        );
    }

    #[test]
    fn raw_html_escaped_on_request_and_reported() {
        let (p, probs) = parse_md("a <script>alert(1)</script> b\n", 4, false, RawHtml::Escape);
        assert!(!p.html.contains("<script>"), "{}", p.html);
        assert!(p.html.contains("&lt;script&gt;"), "{}", p.html);
        assert_eq!(probs[0].line, 4);
    }

    #[test]
    fn raw_html_sanitized_with_removals_at_their_line() {
        let md = "# T\n\nIl <abbr title=\"Indicatore\">ISEE</abbr> e <span lang=\"ar\" onclick=\"x()\">نص</span>.\n\n<iframe src=\"https://evil.example/\"></iframe>\n\n<div lang=\"it\">\n\n**Nulla Osta**\n\n</div>\n";
        let (p, probs) = parse_md(md, 10, false, RawHtml::Sanitize);
        assert!(
            p.html.contains(r#"<abbr title="Indicatore">ISEE</abbr>"#),
            "{}",
            p.html
        );
        assert!(
            p.html.contains(r#"<span lang="ar">نص</span>"#),
            "{}",
            p.html
        );
        assert!(p.html.contains(r#"<div lang="it">"#), "{}", p.html);
        assert!(p.html.contains("<strong>Nulla Osta</strong>"), "{}", p.html);
        assert!(
            !p.html.contains("iframe") && !p.html.contains("onclick"),
            "{}",
            p.html
        );
        assert!(p.html.contains(r#"<h1 id="t">T</h1>"#), "{}", p.html);
        let found: Vec<(usize, &str)> =
            probs.iter().map(|p| (p.line, p.message.as_str())).collect();
        assert_eq!(
            found,
            [
                (12, "attribute `onclick` is removed from `<span>`"),
                (14, "`<iframe>` is removed (its text is kept)"),
            ]
        );
        assert!(probs.iter().all(|p| !p.is_error));
        assert_eq!(
            kinds(&probs),
            [
                (Some(Code::RawHtmlAttributeRemoved), Some("onclick")),
                (Some(Code::RawHtmlRemoved), Some("iframe")),
            ]
        );
    }

    /// Each problem's code and subject, for comparing with a list.
    fn kinds(probs: &[Problem]) -> Vec<(Option<Code>, Option<&str>)> {
        probs
            .iter()
            .map(|p| (p.code, p.subject.as_deref()))
            .collect()
    }

    #[test]
    fn missing_images_are_coded_with_their_source() {
        let missing = |src: &str| Err(format!("image `{src}` is not a file of this site"));
        let resolve = Resolve {
            link: &keep_link,
            image: &missing,
        };
        let md = "![Modulo](modulo.png)\n\n<img src=\"foto.jpg\">\n";
        let (_, probs) = parse(
            md,
            1,
            false,
            RawHtml::Sanitize,
            &ReservedIds::of(&[]),
            &resolve,
        );
        assert_eq!(
            kinds(&probs),
            [
                (Some(Code::MissingImage), Some("modulo.png")),
                (Some(Code::MissingAlt), Some("foto.jpg")),
                (Some(Code::MissingImage), Some("foto.jpg")),
            ]
        );
    }

    #[test]
    fn running_text_leaves_out_what_the_page_does_not_show() {
        let md = "Testo <script>alert(1)</script> visibile.\n\n{{ x }}\n";
        let (p, _) = parse_md(md, 1, false, RawHtml::Sanitize);
        assert_eq!(p.text, "Testo  visibile.\n{{ x }}\n");
        let (p, _) = parse_md(md, 1, false, RawHtml::Escape);
        assert!(p.text.contains("<script>alert(1)</script>"), "{}", p.text);
    }

    #[test]
    fn bidi_overrides_are_reported() {
        let (_, probs) = parse_md("a\n\nb \u{202E}live\u{202C}\n", 3, false, RawHtml::Sanitize);
        assert_eq!(probs.len(), 2, "{probs:?}");
        assert_eq!((probs[0].line, probs[0].col), (5, 3));
        assert!(probs[0].message.contains("U+202E"));
    }

    #[test]
    fn raw_html_allowed_on_request() {
        let (p, probs) = parse_md("<video src=\"v.mp4\"></video>\n", 1, false, RawHtml::Allow);
        assert!(p.html.contains("<video"), "{}", p.html);
        assert!(probs.is_empty());
    }

    #[test]
    fn javascript_links_are_errors_with_line() {
        let (p, probs) = parse_md(
            "x\n\n[a](javascript:alert(1))\n",
            10,
            false,
            RawHtml::Sanitize,
        );
        assert!(!p.html.contains("javascript"), "{}", p.html);
        assert_eq!(probs[0].line, 12);
        assert!(probs[0].is_error);
    }

    #[test]
    fn heading_attributes_other_than_id_are_dropped() {
        let (p, _) = parse_md("## T {#x onclick=alert(1)}\n", 1, false, RawHtml::Sanitize);
        assert!(!p.html.contains("onclick"), "{}", p.html);
    }

    #[test]
    fn phone_numbers_and_ibans_are_isolated_in_rtl_text() {
        let (p, _) = parse_md(
            "اتصل على +39 02 1234 5678 أو IT60 X054 2811 1010 0000 0123 456.\n",
            1,
            true,
            RawHtml::Sanitize,
        );
        assert!(
            p.html.contains("<span dir=\"ltr\">+39 02 1234 5678</span>"),
            "{}",
            p.html
        );
        assert!(
            p.html
                .contains("<span dir=\"ltr\">IT60 X054 2811 1010 0000 0123 456</span>"),
            "{}",
            p.html
        );
        let (p, _) = parse_md("في عام 2026 و 286/1998.\n", 1, true, RawHtml::Sanitize);
        assert!(
            !p.html.contains("dir=\"ltr\""),
            "short numbers stay as they are: {}",
            p.html
        );
    }

    #[test]
    fn latin_asides_in_parentheses_keep_their_order_in_rtl_text() {
        let (p, _) = parse_md(
            "ابحث عن المرسوم التشريعي 286/1998 (Decreto legislativo 286/1998)، المادة 29.\n",
            1,
            true,
            RawHtml::Sanitize,
        );
        assert!(
            p.html
                .contains("<span dir=\"ltr\">(Decreto legislativo 286/1998)</span>"),
            "{}",
            p.html
        );
        // Brackets around Arabic, or never closed, stay as they are.
        for text in [
            "نص (a نص عربي) نص.\n",
            "نص (Decreto legislativo 286/1998 بلا قوس.\n",
        ] {
            let (p, _) = parse_md(text, 1, true, RawHtml::Sanitize);
            assert!(!p.html.contains("dir=\"ltr\""), "{}", p.html);
        }
    }

    #[test]
    fn chinese_text_counts_characters_not_spaces() {
        let zh = "家庭团聚".repeat(200);
        let (p, _) = parse_md(&zh, 1, false, RawHtml::Sanitize);
        assert_eq!(p.words, 800);
        assert_eq!(p.reading_minutes, 2);
        let (p, _) = parse_md(&"parola ".repeat(450), 1, false, RawHtml::Sanitize);
        assert_eq!(p.words, 450);
        assert_eq!(p.reading_minutes, 3);
    }

    #[test]
    fn task_lists_tables_footnotes() {
        let md = "- [ ] Passaporto\n- [x] Foto\n\n|a|b|\n|-|-|\n|1|2|\n\nNota[^1]\n\n[^1]: testo\n";
        let (p, _) = parse_md(md, 1, false, RawHtml::Sanitize);
        assert!(p.html.contains("<ul class=\"checklist\">"), "{}", p.html);
        assert!(
            p.html
                .contains("<span class=\"check\" aria-hidden=\"true\"></span>Passaporto"),
            "{}",
            p.html
        );
        assert!(!p.html.contains("<input"), "{}", p.html);
        assert!(p.html.contains("<table>"));
        assert!(p.html.contains("footnote"));
    }
}
