//! The glossary where the reader needs it: each term of the glossary page is linked at its first
//! mention on every other page, to its entry in the reader's language, with its short definition as
//! the link's accessible description (`title`); every mention of a term inside another language's
//! text is marked `lang="it"` (and `dir="ltr"` inside right-to-left text) so a screen reader reads
//! "Nulla Osta" with an Italian voice, not an Arabic or Chinese one (WCAG 3.1.2).
//!
//! The terms are the glossary page's own `##` headings (`content/glossary.<lang>.md`), so there is
//! no list kept twice. A heading's text is the term as it appears in the guides (the Italian
//! official word, in every language); a paragraph that is all bold right under it is the term's
//! name in the page's language, and the first other paragraph its definition.
//!
//! Matching works on the rendered HTML of a page's body: text inside headings, links, code,
//! `<abbr>`/`<dfn>` and elements an editor already marked with `lang` is left alone. A term
//! matches as a whole word, without regard to case, where its edge is a letter of an alphabet with
//! spaces; a Chinese or Japanese neighbour is a boundary (Chinese writes no spaces).

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::content::Site;

/// The content-root page whose `##` headings are the glossary.
pub const PAGE_KEY: &str = "glossary";

/// One term of one language's glossary.
#[derive(Debug, Clone)]
pub struct Entry {
    /// As written in the heading (`Nulla Osta`).
    pub term: String,
    /// The forms matched in pages: the heading, or for `Case popolari (SAP)` both `Case popolari`
    /// and `SAP`.
    pub forms: Vec<String>,
    /// The heading's id (`nulla-osta`).
    pub id: String,
    /// The name in the page's language and the definition, for the link's `title`.
    pub description: String,
}

/// One language's glossary: its entries, the group of the glossary page and a matcher.
pub struct Terms {
    pub entries: Vec<Entry>,
    matcher: AhoCorasick,
    /// The entry of each pattern of the matcher.
    entry_of: Vec<usize>,
}

impl Terms {
    fn new(entries: Vec<Entry>) -> Option<Terms> {
        let (forms, entry_of): (Vec<&str>, Vec<usize>) = entries
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.forms.iter().map(move |f| (f.as_str(), i)))
            .unzip();
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            // A full DFA: a few dozen terms make a small one, and every page's text runs through it.
            .kind(Some(AhoCorasickKind::DFA))
            .build(forms)
            .ok()?;
        Some(Terms {
            entries,
            matcher,
            entry_of,
        })
    }
}

/// All languages' glossaries (empty when the site has no glossary page).
#[derive(Default)]
pub struct Glossary {
    pub group: Option<usize>,
    /// The language the terms are written in (the default language), for `lang`.
    pub term_lang: String,
    by_lang: HashMap<String, Terms>,
}

impl Glossary {
    /// Reads the glossary page as shown in each language (its translation, or the page it borrows).
    pub fn new(site: &Site) -> Glossary {
        let Some(group) = site.group_by_key("", PAGE_KEY) else {
            return Glossary::default();
        };
        let mut by_lang = HashMap::new();
        for lang in &site.config.languages {
            let Some(route) = site.route(group, &lang.code) else {
                continue;
            };
            let entries = entries(&site.docs[route.doc].parsed.html);
            if entries.is_empty() {
                continue;
            }
            if let Some(terms) = Terms::new(entries) {
                by_lang.insert(lang.code.clone(), terms);
            }
        }
        Glossary {
            group: Some(group),
            term_lang: site.config.default_language.clone(),
            by_lang,
        }
    }

    pub fn terms(&self, lang: &str) -> Option<&Terms> {
        self.by_lang.get(lang)
    }

    /// `html` (a page body in `text_lang`, shown on a page in `page_lang`) with the first mention
    /// of each term linked to `glossary_url#id` and the mentions in another language marked.
    /// `rtl`: the page is right to left. The glossary page itself is only marked, never linked.
    pub fn annotate(
        &self,
        html: &str,
        page_lang: &str,
        text_lang: &str,
        rtl: bool,
        glossary_url: Option<&str>,
    ) -> String {
        let Some(terms) = self.terms(page_lang) else {
            return html.to_string();
        };
        let foreign = text_lang != self.term_lang;
        let lang_attrs = match (foreign, rtl) {
            (false, _) => String::new(),
            (true, false) => format!(" lang=\"{}\"", self.term_lang),
            (true, true) => format!(" lang=\"{}\" dir=\"ltr\"", self.term_lang),
        };
        // A term the editor already linked to its entry is not linked a second time: one pass
        // over the page's links to the glossary, not one search per term.
        let mut linked = vec![false; terms.entries.len()];
        if let Some(url) = glossary_url {
            let prefix = format!("\"{url}#");
            for (at, _) in html.match_indices(&prefix) {
                let id = html[at + prefix.len()..]
                    .split('"')
                    .next()
                    .unwrap_or_default();
                if let Some(i) = terms.entries.iter().position(|e| e.id == id) {
                    linked[i] = true;
                }
            }
        }
        let mut out = String::with_capacity(html.len() + html.len() / 8);
        let mut skip_depth = 0usize;
        let mut rest = html;
        while !rest.is_empty() {
            if rest.starts_with('<') {
                let end = rest.find('>').map_or(rest.len(), |e| e + 1);
                let tag = &rest[..end];
                skip_depth = track_skip(tag, skip_depth);
                out.push_str(tag);
                rest = &rest[end..];
                continue;
            }
            let end = rest.find('<').unwrap_or(rest.len());
            let text = &rest[..end];
            if skip_depth > 0 {
                out.push_str(text);
            } else {
                annotate_text(
                    text,
                    terms,
                    &mut linked,
                    glossary_url,
                    &lang_attrs,
                    &mut out,
                );
            }
            rest = &rest[end..];
        }
        out
    }
}

impl Terms {
    /// Ids of the entries mentioned in `text` (plain text of a page).
    pub fn mentioned(&self, text: &str) -> Vec<usize> {
        self.matcher
            .find_iter(text)
            .filter(|m| whole_word(text, m.start(), m.end()))
            .map(|m| self.entry_of[m.pattern().as_usize()])
            .collect()
    }
}

/// Elements whose text is never annotated, and how deep inside them the scanner is.
fn track_skip(tag: &str, depth: usize) -> usize {
    const SKIPPED: &[&str] = &[
        "a", "code", "pre", "kbd", "samp", "h1", "h2", "h3", "h4", "h5", "h6", "abbr", "dfn",
        "script", "style", "svg", "textarea", "title", "button",
    ];
    let closing = tag.starts_with("</");
    let name: String = tag
        .trim_start_matches('<')
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let self_closing = tag.ends_with("/>") || matches!(name.as_str(), "br" | "img" | "hr" | "wbr");
    // An editor's own `<span lang="…">` is already marked: leave its text alone too.
    let skipped = SKIPPED.contains(&name.as_str()) || (name == "span" && tag.contains(" lang="));
    if closing && depth > 0 && (SKIPPED.contains(&name.as_str()) || name == "span") {
        depth - 1
    } else if !closing && !self_closing && (skipped || (depth > 0 && name == "span")) {
        depth + 1
    } else {
        depth
    }
}

fn annotate_text(
    text: &str,
    terms: &Terms,
    linked: &mut [bool],
    glossary_url: Option<&str>,
    lang_attrs: &str,
    out: &mut String,
) {
    let mut last = 0;
    for m in terms.matcher.find_iter(text) {
        if !whole_word(text, m.start(), m.end()) {
            continue;
        }
        let i = terms.entry_of[m.pattern().as_usize()];
        let entry = &terms.entries[i];
        let matched = &text[m.start()..m.end()];
        out.push_str(&text[last..m.start()]);
        match glossary_url.filter(|_| !linked[i]) {
            Some(url) => {
                linked[i] = true;
                out.push_str(&format!(
                    "<a class=\"term\" href=\"{url}#{}\" title=\"{}\"{lang_attrs}>{matched}</a>",
                    crate::escape::xml_escape(&entry.id),
                    crate::escape::xml_escape(&entry.description)
                ));
            }
            None if !lang_attrs.is_empty() => {
                out.push_str(&format!("<span{lang_attrs}>{matched}</span>"));
            }
            None => out.push_str(matched),
        }
        last = m.end();
    }
    out.push_str(&text[last..]);
}

/// A match is a whole word when no letter of a spaced alphabet touches its edges from outside.
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let spaced = |c: char| c.is_alphanumeric() && !is_unspaced_script(c);
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(spaced) && !after.is_some_and(spaced)
}

/// Scripts written without spaces between words (Han, kana, Thai…): a neighbour in these scripts
/// is a word boundary for a Latin term.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF      // Thai, Lao
        | 0x3040..=0x30FF    // kana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified
        | 0xF900..=0xFAFF    // CJK compatibility
        | 0x20000..=0x2FA1F) // CJK extensions B–F
}

/// The entries of a glossary page's HTML: each `<h2 id>` with the paragraphs under it.
fn entries(html: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    for section in html.split("<h2").skip(1) {
        let Some(id) = section
            .split_once("id=\"")
            .and_then(|(_, rest)| rest.split_once('"'))
            .map(|(id, _)| id.to_string())
        else {
            continue;
        };
        let Some((heading, body)) = section
            .split_once('>')
            .and_then(|(_, rest)| rest.split_once("</h2>"))
        else {
            continue;
        };
        let term = unescape(&strip_tags(heading)).trim().to_string();
        if term.is_empty() {
            continue;
        }
        let mut name = None;
        let mut definition = None;
        for p in body.split("<p>").skip(1) {
            let p = p.split("</p>").next().unwrap_or_default();
            // "…; leggi [la guida](…)": the pointer to a guide is no part of a definition.
            let p = match p.find("<a ").map(|a| &p[..a]) {
                Some(before) => before.rfind([';', '؛', '；']).map_or(p, |c| &before[..c]),
                None => p,
            };
            let bold = p.starts_with("<strong>") && p.ends_with("</strong>");
            let text = unescape(&strip_tags(p)).trim().to_string();
            if bold && name.is_none() && definition.is_none() {
                name = Some(text);
            } else if definition.is_none() && !text.is_empty() {
                definition = Some(text);
                break;
            }
        }
        let definition = definition.map(|d| shorten(&d, 200));
        let description = match (name, definition) {
            (Some(n), Some(d)) => format!("{n}: {d}"),
            (Some(n), None) => n,
            (None, Some(d)) => d,
            (None, None) => term.clone(),
        };
        let mut forms = vec![term.clone()];
        if let Some((main, rest)) = term.split_once(" (") {
            forms = vec![main.trim().to_string()];
            forms.extend(
                rest.trim_end_matches(')')
                    .split([',', ';'])
                    .map(|f| f.trim().to_string())
                    .filter(|f| !f.is_empty()),
            );
        }
        out.push(Entry {
            term,
            forms,
            id,
            description,
        });
    }
    out
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// At most `max` characters, cut after a word, with an ellipsis.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let at = cut.rfind([' ', '，', '、', '،']).unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(html: &str) -> Terms {
        Terms::new(entries(html)).unwrap()
    }

    const PAGE: &str = "<h2 id=\"nulla-osta\">Nulla Osta</h2>\n<p><strong>الإذن</strong></p>\n<p>الإذن الذي يصدره &quot;المكتب&quot;.</p>\n<h2 id=\"permesso-di-soggiorno\">Permesso di soggiorno</h2>\n<p>Il documento.</p>\n<h2 id=\"permesso-motivi-familiari\">Permesso di soggiorno per motivi familiari</h2>\n<p>Per la famiglia.</p>\n";

    fn glossary() -> Glossary {
        let mut by_lang = HashMap::new();
        by_lang.insert("ar".to_string(), terms(PAGE));
        by_lang.insert("it".to_string(), terms(PAGE));
        Glossary {
            group: Some(0),
            term_lang: "it".into(),
            by_lang,
        }
    }

    #[test]
    fn entries_come_from_the_headings_with_name_and_definition() {
        let e = entries(PAGE);
        assert_eq!(e.len(), 3);
        assert_eq!(e[0].term, "Nulla Osta");
        assert_eq!(e[0].id, "nulla-osta");
        assert_eq!(e[0].description, "الإذن: الإذن الذي يصدره \"المكتب\".");
        assert_eq!(e[1].description, "Il documento.");
    }

    #[test]
    fn first_mention_is_linked_later_ones_marked_and_headings_links_code_left_alone() {
        let html = "<h2 id=\"x\">Nulla Osta</h2>\n<p>اطلب الـ Nulla Osta ثم nulla osta و<a href=\"/y\">Nulla Osta</a> و<code>Nulla Osta</code>.</p>";
        let out = glossary().annotate(html, "ar", "ar", true, Some("/ar/glossary/"));
        assert!(out.starts_with("<h2 id=\"x\">Nulla Osta</h2>"), "{out}");
        assert!(out.contains("الـ <a class=\"term\" href=\"/ar/glossary/#nulla-osta\" title=\"الإذن: الإذن الذي يصدره &quot;المكتب&quot;.\" lang=\"it\" dir=\"ltr\">Nulla Osta</a>"), "{out}");
        assert!(
            out.contains("ثم <span lang=\"it\" dir=\"ltr\">nulla osta</span>"),
            "{out}"
        );
        assert!(out.contains("<a href=\"/y\">Nulla Osta</a>"), "{out}");
        assert!(out.contains("<code>Nulla Osta</code>"), "{out}");
    }

    #[test]
    fn the_longest_term_wins_and_words_must_be_whole() {
        let html = "<p>Il permesso di soggiorno per motivi familiari, poi il Permesso di soggiornoX e il permesso di soggiorno.</p>";
        let out = glossary().annotate(html, "it", "it", false, Some("/it/glossary/"));
        assert!(out.contains("#permesso-motivi-familiari\" title=\"Per la famiglia.\">permesso di soggiorno per motivi familiari</a>"), "{out}");
        assert!(out.contains("Permesso di soggiornoX"), "{out}");
        assert!(
            out.contains(
                "#permesso-di-soggiorno\" title=\"Il documento.\">permesso di soggiorno</a>."
            ),
            "{out}"
        );
        // Italian text needs no language mark.
        assert!(!out.contains("lang="), "{out}");
    }

    #[test]
    fn a_heading_with_parentheses_matches_each_form() {
        let t = terms("<h2 id=\"case-popolari\">Case popolari (SAP)</h2>\n<p>Le case.</p>\n");
        assert_eq!(t.entries[0].forms, vec!["Case popolari", "SAP"]);
        assert_eq!(
            t.mentioned("Chiedi una casa SAP o le case popolari."),
            vec![0, 0]
        );
    }

    #[test]
    fn chinese_neighbours_are_boundaries() {
        let html = "<p>由Nulla Osta签发</p>";
        let out = glossary().annotate(html, "ar", "zh", false, None);
        assert_eq!(out, "<p>由<span lang=\"it\">Nulla Osta</span>签发</p>");
    }

    #[test]
    fn an_editors_own_lang_span_is_left_alone() {
        let html = "<p><span lang=\"it\">Nulla Osta</span> e Nulla Osta</p>";
        let out = glossary().annotate(html, "ar", "ar", true, None);
        assert!(
            out.starts_with(
                "<p><span lang=\"it\">Nulla Osta</span> e <span lang=\"it\" dir=\"ltr\">"
            ),
            "{out}"
        );
    }
}
