//! Raw HTML in content: the policy (`[markdown] raw_html` in `site.toml`), the sanitizer and the
//! audit that tells an editor what the sanitizer will remove.
//!
//! Safety comes from [ammonia] (html5ever underneath): whatever an editor writes, only the tags and
//! attributes listed here survive, and URLs keep only safe schemes. ammonia does not say what it
//! removed, so [`audit`] reads each raw fragment with a small tag scanner and reports removals at
//! their line. The scanner only produces messages; it never decides what is safe, so a
//! disagreement between the two can cost a missing warning, never an injection.
//!
//! The sanitizer runs over a page's whole body, and only on pages that contain raw HTML, so the
//! tags Markdown itself writes (headings with ids, links, tables, footnotes) are on the list too. An
//! editor who types `<em>` or `<a href>` gets nothing Markdown would not have given them.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

use crate::error::Code;
use crate::ids::ReservedIds;
use crate::paths::LINK_PLACEHOLDER;

/// Tags an editor may write by hand in a guide, with the attributes each keeps beyond the global
/// `lang`, `dir`, `title` and `class`.
pub const GUIDE_TAGS: &[(&str, &[&str])] = &[
    ("abbr", &[]),
    ("bdi", &[]),
    ("bdo", &[]),
    ("br", &[]),
    ("kbd", &[]),
    ("mark", &[]),
    ("small", &[]),
    ("sub", &[]),
    ("sup", &[]),
    ("span", &[]),
    ("div", &["id"]),
    ("details", &["open"]),
    ("summary", &[]),
    ("figure", &[]),
    ("figcaption", &[]),
];

/// Tags the Markdown renderer itself writes, which must survive sanitizing the whole body.
const MARKDOWN_TAGS: &[(&str, &[&str])] = &[
    ("p", &[]),
    ("h1", &["id"]),
    ("h2", &["id"]),
    ("h3", &["id"]),
    ("h4", &["id"]),
    ("h5", &["id"]),
    ("h6", &["id"]),
    ("em", &[]),
    ("strong", &[]),
    ("del", &[]),
    ("code", &[]),
    ("pre", &[]),
    ("blockquote", &[]),
    ("ul", &[]),
    ("ol", &["start"]),
    ("li", &[]),
    ("a", &["href"]),
    ("img", &["src", "alt"]),
    ("table", &[]),
    ("thead", &[]),
    ("tbody", &[]),
    ("tr", &[]),
    ("th", &["style"]),
    ("td", &["style"]),
    ("hr", &[]),
];

const GLOBAL_ATTRS: &[&str] = &["lang", "dir", "title", "class", "aria-hidden"];

/// Tags whose content goes with them (ammonia's default).
const CONTENT_TAGS: &[&str] = &["script", "style"];

fn allowed_attrs(tag: &str) -> Option<&'static [&'static str]> {
    GUIDE_TAGS
        .iter()
        .chain(MARKDOWN_TAGS)
        .find(|(t, _)| *t == tag)
        .map(|(_, a)| *a)
}

/// The cleaner for a site whose theme uses `reserved` ids, built once per set of ids and shared by
/// every page and thread: on a site moved from another generator most pages hold some raw HTML
/// (an HTML comment is enough), and ammonia's tables are not worth rebuilding for each.
fn cleaner(reserved: &ReservedIds) -> Arc<ammonia::Builder<'static>> {
    type Cached = Option<(ReservedIds, Arc<ammonia::Builder<'static>>)>;
    static LAST: Mutex<Cached> = Mutex::new(None);
    let mut last = LAST.lock().unwrap_or_else(PoisonError::into_inner);
    match &*last {
        Some((ids, built)) if ids == reserved => Arc::clone(built),
        _ => {
            let built = Arc::new(build_cleaner(reserved));
            *last = Some((reserved.clone(), Arc::clone(&built)));
            built
        }
    }
}

fn build_cleaner(reserved: &ReservedIds) -> ammonia::Builder<'static> {
    let reserved = reserved.clone();
    let mut tags: HashSet<&str> = HashSet::new();
    let mut tag_attrs: HashMap<&str, HashSet<&str>> = HashMap::new();
    for (tag, attrs) in GUIDE_TAGS.iter().chain(MARKDOWN_TAGS) {
        tags.insert(tag);
        tag_attrs
            .entry(tag)
            .or_default()
            .extend(attrs.iter().copied());
    }
    let mut b = ammonia::Builder::empty();
    b.tags(tags)
        .tag_attributes(tag_attrs)
        .generic_attributes(GLOBAL_ATTRS.iter().copied().collect())
        .clean_content_tags(CONTENT_TAGS.iter().copied().collect())
        .url_schemes(
            ["http", "https", "mailto", "tel", "approdo", "data"]
                .into_iter()
                .collect(),
        )
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true)
        .attribute_filter(move |tag, attr, value| {
            if attr == "id" && reserved.contains(value) {
                return None;
            }
            filter_attr(tag, attr, value)
        });
    b
}

/// The value-level rules ammonia's lists cannot express.
fn filter_attr<'v>(tag: &str, attr: &str, value: &'v str) -> Option<Cow<'v, str>> {
    match attr {
        "src" if tag == "img" && is_external_image(value) => None,
        // A link the parse stage resolved to a page (`approdo:page/12#frag`): the sanitizer runs
        // on the parsed HTML, so these are the parser's own. An editor who types the prefix in
        // raw HTML or Markdown gets an error at parse time (the audit and `check_scheme`).
        "href" if tag == "a" && is_parsed_page_link(value) => Some(Cow::Borrowed(value)),
        "href" | "src" => match unsafe_scheme(value, tag == "img") {
            Some(_) => None,
            None => Some(Cow::Borrowed(value)),
        },
        // The generator's own ids (glossary, shortcode tokens) are never an editor's.
        "id" if value.starts_with("approdo-") => None,
        // Markdown writes `style="text-align: …"` on table cells; nothing else is kept.
        "style" => matches!(
            value.trim().trim_end_matches(';'),
            "text-align: left" | "text-align: center" | "text-align: right"
        )
        .then_some(Cow::Borrowed(value)),
        "dir" => matches!(value.to_ascii_lowercase().as_str(), "ltr" | "rtl" | "auto")
            .then_some(Cow::Borrowed(value)),
        _ => Some(Cow::Borrowed(value)),
    }
}

/// Sanitizes a page body that contains raw HTML; ids the theme uses are dropped.
pub fn clean(html: &str, reserved: &ReservedIds) -> String {
    cleaner(reserved).clean(html).to_string()
}

/// The start of a URL as a browser reads its scheme: whitespace and control characters ignored
/// (`java\tscript:`), lower-cased.
fn scheme_head(url: &str) -> String {
    url.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(16)
        .flat_map(char::to_lowercase)
        .collect()
}

/// The scheme that makes a URL unsafe in content, if any: `javascript:`, `vbscript:`, `data:` (but
/// `data:image/…` for images), and approdo's own internal-link prefix, which only the parser writes.
pub fn unsafe_scheme(dest: &str, is_image: bool) -> Option<&'static str> {
    let lowered = scheme_head(dest);
    for scheme in ["javascript:", "vbscript:", "data:"] {
        if lowered.starts_with(scheme) {
            if is_image && scheme == "data:" && lowered.starts_with("data:image/") {
                return None;
            }
            return Some(scheme);
        }
    }
    dest.starts_with(LINK_PLACEHOLDER)
        .then_some(LINK_PLACEHOLDER)
}

/// `approdo:page/<group>` with an optional `#fragment`: the exact form the parse stage writes.
fn is_parsed_page_link(value: &str) -> bool {
    value.strip_prefix(LINK_PLACEHOLDER).is_some_and(|rest| {
        let group = rest.split('#').next().unwrap_or("");
        !group.is_empty() && group.bytes().all(|b| b.is_ascii_digit())
    })
}

/// An image on another site: every reader's browser would contact it (and tell it which page they
/// read), so content may only show the site's own images.
pub fn is_external_image(src: &str) -> bool {
    let lowered = scheme_head(src);
    lowered.starts_with("http:") || lowered.starts_with("https:") || lowered.starts_with("//")
}

/// The message for an external image, shared by Markdown and raw HTML.
pub const EXTERNAL_IMAGE: &str =
    "images must be files of this site: an image from another site is fetched by every reader's browser";

/// Something the sanitizer will remove from a raw HTML fragment, at a byte offset in it.
#[derive(Debug, PartialEq)]
pub struct Finding {
    pub offset: usize,
    pub message: String,
    pub is_error: bool,
    /// The kind of finding, for summaries ([`Code`]).
    pub code: Option<Code>,
    /// What it is about: the tag's or attribute's name, the image's source.
    pub subject: Option<String>,
}

/// Whether `raw` leaves a comment open (`<!--` with no `-->` after it), so the fragments after it
/// are comment text, not tags.
pub fn ends_inside_comment(raw: &str) -> bool {
    raw.rfind("<!--")
        .is_some_and(|open| !raw[open + 4..].contains("-->"))
}

/// What the sanitizer will remove from one raw fragment, as messages for the editor.
pub fn audit(raw: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    for tag in scan_tags(raw) {
        let Some(attrs_ok) = allowed_attrs(&tag.name) else {
            let message = if CONTENT_TAGS.contains(&tag.name.as_str()) {
                format!("`<{}>` is removed with its content", tag.written)
            } else if tag.written.starts_with(|c: char| c.is_ascii_uppercase()) {
                // `<Note>`, `<Sandpack>`: a component of the generator the page was written for.
                format!(
                    "`<{}>` is a component of another generator, not HTML: it is removed (its text is kept)",
                    tag.written
                )
            } else {
                format!("`<{}>` is removed (its text is kept)", tag.written)
            };
            if !findings.iter().any(|f: &Finding| f.message == message) {
                findings.push(Finding {
                    offset: tag.offset,
                    message,
                    is_error: false,
                    code: Some(Code::RawHtmlRemoved),
                    subject: Some(tag.name.clone()),
                });
            }
            continue;
        };
        for (name, value, _) in tag.attrs {
            let kept = GLOBAL_ATTRS.contains(&name.as_str()) || attrs_ok.contains(&name.as_str());
            if name == "src" && tag.name == "img" && is_external_image(&decode_entities(&value)) {
                findings.push(Finding {
                    offset: tag.offset,
                    message: EXTERNAL_IMAGE.into(),
                    is_error: true,
                    code: Some(Code::ExternalImage),
                    subject: Some(value.clone()),
                });
            } else if (name == "href" || name == "src") && kept {
                if let Some(scheme) = unsafe_scheme(&decode_entities(&value), tag.name == "img") {
                    findings.push(Finding {
                        offset: tag.offset,
                        message: format!("`{scheme}` URLs are not allowed in content"),
                        is_error: true,
                        code: None,
                        subject: None,
                    });
                }
            } else if !kept {
                findings.push(Finding {
                    offset: tag.offset,
                    message: format!("attribute `{name}` is removed from `<{}>`", tag.name),
                    is_error: false,
                    code: Some(Code::RawHtmlAttributeRemoved),
                    subject: Some(name),
                });
            }
        }
    }
    findings
}

/// The hint shown with every removal warning.
pub fn allowed_hint() -> String {
    let tags: Vec<&str> = GUIDE_TAGS.iter().map(|(t, _)| *t).collect();
    format!(
        "raw HTML may use {} (with lang, dir, class, title) besides what Markdown writes; the site owner can change this with [markdown] raw_html in site.toml",
        tags.join(", ")
    )
}

struct ScannedTag {
    offset: usize,
    /// Lowercased, as HTML compares tag names.
    name: String,
    /// As the editor wrote it (`Note`, an MDX component), for messages.
    written: String,
    /// Name (lowercased), raw value, and the value's byte range in the fragment.
    attrs: Vec<(String, String, std::ops::Range<usize>)>,
}

/// An `<img src>` of a raw HTML fragment.
#[derive(Debug, PartialEq)]
pub struct ImageSource {
    /// Byte offset of the `<img` tag.
    pub tag_offset: usize,
    /// The value with character references decoded, as a browser reads it.
    pub src: String,
    /// Where the raw value is in the fragment (to write a resolved one in its place).
    pub value: std::ops::Range<usize>,
    /// The tag has an `alt` attribute (empty marks a decorative image).
    pub has_alt: bool,
}

/// Every `<img src>` of a raw fragment, for the missing-image check and rewriting.
pub fn image_sources(raw: &str) -> Vec<ImageSource> {
    scan_tags(raw)
        .into_iter()
        .filter(|t| t.name == "img")
        .flat_map(|t| {
            let offset = t.offset;
            let has_alt = t.attrs.iter().any(|(name, _, _)| name == "alt");
            t.attrs
                .into_iter()
                .filter(|(name, _, _)| name == "src")
                .map(move |(_, value, range)| ImageSource {
                    tag_offset: offset,
                    src: decode_entities(&value).replace("&amp;", "&"),
                    value: range,
                    has_alt,
                })
        })
        .collect()
}

/// Opening tags with their attributes, read the way an HTML tokenizer would for well-formed input;
/// comments are skipped. Good enough for messages (see the module note).
fn scan_tags(raw: &str) -> Vec<ScannedTag> {
    let b = raw.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if raw[i..].starts_with("<!--") {
            i = raw[i + 4..].find("-->").map_or(b.len(), |p| i + 4 + p + 3);
            continue;
        }
        let start = i;
        i += 1;
        if i >= b.len() || !b[i].is_ascii_alphabetic() {
            continue;
        }
        let name_end = i + b[i..]
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b'-'))
            .unwrap_or(b.len() - i);
        let written = raw[i..name_end].to_string();
        let name = written.to_ascii_lowercase();
        i = name_end;
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                i += 1;
                break;
            }
            let a = i;
            while i < b.len() && !(b[i].is_ascii_whitespace() || matches!(b[i], b'=' | b'>' | b'/'))
            {
                i += 1;
            }
            let attr = raw[a..i].to_ascii_lowercase();
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = String::new();
            let mut range = i..i;
            if i < b.len() && b[i] == b'=' {
                i += 1;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    let v = i + 1;
                    i = b[v..]
                        .iter()
                        .position(|c| *c == q)
                        .map_or(b.len(), |p| v + p);
                    value = raw[v..i].to_string();
                    range = v..i;
                    i += 1;
                } else {
                    let v = i;
                    while i < b.len() && !(b[i].is_ascii_whitespace() || b[i] == b'>') {
                        i += 1;
                    }
                    value = raw[v..i].to_string();
                    range = v..i;
                }
            }
            if !attr.is_empty() {
                attrs.push((attr, value, range));
            }
        }
        tags.push(ScannedTag {
            offset: start,
            name,
            written,
            attrs,
        });
    }
    tags
}

/// Numeric character references and `&colon;`, the ways a scheme is usually disguised.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[1..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'));
        let (entity, tail) = match end {
            Some(e) => (&rest[1..1 + e], &rest[1 + e..]),
            None => (&rest[1..], ""),
        };
        let decoded = if let Some(n) = entity.strip_prefix("#x").or(entity.strip_prefix("#X")) {
            u32::from_str_radix(n, 16).ok().and_then(char::from_u32)
        } else if let Some(n) = entity.strip_prefix('#') {
            n.parse().ok().and_then(char::from_u32)
        } else if entity.eq_ignore_ascii_case("colon") {
            Some(':')
        } else if entity.eq_ignore_ascii_case("tab") {
            Some('\t')
        } else {
            None
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = tail.strip_prefix(';').unwrap_or(tail);
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guide_tags_survive_and_scripts_do_not() {
        let html = r#"<p><abbr title="Indicatore">ISEE</abbr> <span lang="it" dir="ltr" class="term">Nulla Osta</span><script>alert(1)</script><img src=x onerror=alert(1)><iframe src="https://evil.example/"></iframe></p>"#;
        let out = clean(html, &ReservedIds::of(&["main"]));
        assert!(
            out.contains(r#"<abbr title="Indicatore">ISEE</abbr>"#),
            "{out}"
        );
        assert!(
            out.contains(r#"<span lang="it" dir="ltr" class="term">"#),
            "{out}"
        );
        assert!(!out.contains("script") && !out.contains("alert"), "{out}");
        assert!(!out.contains("onerror") && !out.contains("iframe"), "{out}");
    }

    #[test]
    fn urls_keep_only_safe_schemes() {
        let out = clean(
            r#"<a href="java&#x09;script:alert(1)">x</a><a href="data:text/html,hi">d</a><img src="data:image/png;base64,AA" alt="dot"><a href="/it/visto/">ok</a>"#,
            &ReservedIds::of(&["main"]),
        );
        assert!(
            !out.contains("javascript") && !out.contains("data:text"),
            "{out}"
        );
        assert!(out.contains("data:image/png"), "{out}");
        assert!(out.contains(r#"href="/it/visto/""#), "{out}");
    }

    #[test]
    fn reserved_ids_and_free_styles_are_dropped() {
        let out = clean(
            r#"<div id="main" style="position:fixed">a</div><div id="note">b</div><table><tr><td style="text-align: center">c</td></tr></table>"#,
            &ReservedIds::of(&["main"]),
        );
        assert!(
            !out.contains(r#"id="main""#) && !out.contains("position"),
            "{out}"
        );
        assert!(out.contains(r#"id="note""#), "{out}");
        assert!(out.contains(r#"style="text-align: center""#), "{out}");
    }

    #[test]
    fn audit_names_what_goes() {
        let f = audit(
            r#"<iframe src="https://x"></iframe><span onclick="x()" lang="ar">a</span><!-- <script> --><a href="JaVa&#115;cript:alert(1)">x</a>"#,
        );
        let msgs: Vec<&str> = f.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "`<iframe>` is removed (its text is kept)",
                "attribute `onclick` is removed from `<span>`",
                "`javascript:` URLs are not allowed in content",
            ]
        );
        assert!(f[2].is_error && !f[0].is_error);
        assert_eq!(
            f[1].offset,
            raw_offset(r#"<iframe src="https://x"></iframe>"#)
        );
    }

    fn raw_offset(prefix: &str) -> usize {
        prefix.len()
    }

    #[test]
    fn allowed_fragments_have_nothing_to_report() {
        assert!(
            audit(r#"<details open><summary>Più</summary><bdi>محمد</bdi><br/></details>"#)
                .is_empty()
        );
    }
}
