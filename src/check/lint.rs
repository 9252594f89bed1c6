//! Accessibility and plain-language lint of the authored Markdown, and content rules that only the
//! whole site shows (journey steps, duplicate titles, drafts).

use std::collections::HashMap;
use std::path::PathBuf;

use crate::content::Place;
use crate::content::{Document, Group, SectionKind, Site};
use crate::error::{Code, Diagnostic, Diagnostics};

/// Link texts that say nothing out of context (WCAG 2.4.4), in the site's languages.
const VAGUE_LINK_TEXT: &[&str] = &[
    // it
    "qui",
    "clicca qui",
    "clicca",
    "questo link",
    "link",
    "leggi",
    "leggi qui",
    "leggi di più",
    "di più",
    "altro",
    // en
    "here",
    "click here",
    "click",
    "this link",
    "read more",
    "more",
    "this page",
    "this",
    // fr
    "ici",
    "cliquez ici",
    "cliquez",
    "ce lien",
    "lien",
    "en savoir plus",
    "plus",
    "lire la suite",
    // es
    "aquí",
    "aqui",
    "haga clic aquí",
    "haz clic aquí",
    "clic aquí",
    "este enlace",
    "enlace",
    "más",
    "leer más",
    // ar
    "هنا",
    "اضغط هنا",
    "انقر هنا",
    "هذا الرابط",
    "رابط",
    "المزيد",
    "اقرأ المزيد",
    // zh
    "这里",
    "点击这里",
    "点击",
    "点此",
    "此处",
    "链接",
    "更多",
    "阅读更多",
];

const IMAGE_EXTENSIONS: &[&str] = &[".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif"];

/// Plain-language limits: a paragraph longer than this many words, a sentence longer than this.
/// Han text has about twice as many "words" (characters) for the same content.
fn limits(lang: &str) -> (usize, usize) {
    if lang.starts_with("zh") {
        (300, 90)
    } else {
        (150, 40)
    }
}

pub fn check(site: &Site) -> Diagnostics {
    let mut diags = Diagnostics::default();
    for doc in &site.docs {
        diags.extend(check_doc(doc));
    }
    diags
}

pub fn check_doc(doc: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    check_images(doc, &mut out);
    check_links(doc, &mut out);
    check_headings(doc, &mut out);
    check_tables(doc, &mut out);
    check_paragraphs(doc, &mut out);
    out
}

/// Alt text (WCAG 1.1.1): missing, or a file name that says nothing of the picture.
fn check_images(doc: &Document, out: &mut Vec<Diagnostic>) {
    let src = &doc.source;
    for img in &doc.parsed.images {
        let alt = img.alt.trim();
        if alt.is_empty() {
            out.push(
                Diagnostic::error(src, format!("image `{}` has no alt text", img.src))
                    .placed(doc, img.line)
                    .with_hint("describe what the image shows for readers who cannot see it: ![A filled-in form, page 1](form.png)")
                    .with_code(Code::MissingAlt, &img.src),
            );
        } else if looks_like_file_name(alt, &img.src) {
            out.push(
                Diagnostic::warning(
                    src,
                    format!("the alt text of `{}` is a file name: \"{alt}\"", img.src),
                )
                .placed(doc, img.line)
                .with_hint("write what the image shows, in the page's language")
                .with_code(Code::AltIsFileName, &img.src),
            );
        }
    }
}

/// Link texts (WCAG 2.4.4): empty, vague out of context, or a bare address.
fn check_links(doc: &Document, out: &mut Vec<Diagnostic>) {
    let src = &doc.source;
    for link in &doc.parsed.links {
        let text = link
            .text
            .trim()
            .trim_end_matches(['.', ':', '!', '。'])
            .to_lowercase();
        if text.is_empty() {
            out.push(
                Diagnostic::error(src, format!("link `{}` has no text", link.dest))
                    .placed(doc, link.line)
                    .with_hint("a screen reader announces the link text: say where the link goes")
                    .with_code(Code::LinkWithoutText, &link.dest),
            );
        } else if VAGUE_LINK_TEXT.contains(&text.as_str()) {
            out.push(
                Diagnostic::warning(
                    src,
                    format!("link text \"{}\" says nothing on its own", link.text.trim()),
                )
                .placed(doc, link.line)
                .with_hint(
                    "name the destination: [how to enrol your children](../school/enrolment.md)",
                )
                .with_code(Code::VagueLinkText, link.text.trim()),
            );
        } else if text.starts_with("http://")
            || text.starts_with("https://")
            || text.starts_with("www.")
        {
            out.push(
                Diagnostic::warning(src, format!("link text is a bare address: {}", link.text.trim()))
                    .placed(doc, link.line)
                    .with_hint("use the name of the site or page as link text: [Prefettura di Milano](https://www.prefettura.it/milano/)")
                    .with_code(Code::AddressAsLinkText, link.text.trim()),
            );
        }
    }
}

/// The heading outline screen-reader users move through: no empty heading, no second h1, no
/// skipped level.
fn check_headings(doc: &Document, out: &mut Vec<Diagnostic>) {
    let src = &doc.source;
    let mut previous = 1u8;
    for h in &doc.parsed.headings {
        if h.text.trim().is_empty() {
            out.push(
                Diagnostic::error(src, "empty heading")
                    .placed(doc, h.line)
                    .with_hint("write what the section is about, or remove the `#` line")
                    .coded(Code::EmptyHeading),
            );
        }
        if h.level == 1 {
            out.push(
                Diagnostic::error(src, format!("level-1 heading \"{}\" in the body", h.text))
                    .placed(doc, h.line)
                    .with_hint("the page title (front matter `title`) is the page's only h1: start sections at `##`")
                    .with_code(Code::H1InBody, &h.text),
            );
        } else if h.level > previous + 1 {
            out.push(
                Diagnostic::warning(
                    src,
                    format!(
                        "heading level jumps from h{previous} to h{}: \"{}\"",
                        h.level, h.text
                    ),
                )
                .placed(doc, h.line)
                .with_hint(format!(
                    "use `{}` here; screen-reader users move through the page by heading level",
                    "#".repeat(usize::from(previous) + 1)
                ))
                .with_code(Code::HeadingOrder, &h.text),
            );
        }
        previous = h.level;
    }
}

fn check_tables(doc: &Document, out: &mut Vec<Diagnostic>) {
    for t in &doc.parsed.tables {
        if t.empty_header {
            out.push(
                Diagnostic::error(&doc.source, "table without a header row")
                    .placed(doc, t.line)
                    .with_hint(
                        "the first row of a Markdown table is its header: name each column there",
                    )
                    .coded(Code::TableWithoutHeader),
            );
        }
    }
}

/// Plain language: paragraphs and sentences within the language's limits.
fn check_paragraphs(doc: &Document, out: &mut Vec<Diagnostic>) {
    let src = &doc.source;
    let (max_par, max_sentence) = limits(&doc.lang);
    for p in &doc.parsed.paragraphs {
        if p.words > max_par {
            out.push(
                Diagnostic::warning(src, format!("long paragraph ({} words)", p.words))
                    .placed(doc, p.line)
                    .with_hint(format!(
                        "plain language: split it, or make a list (aim for under {max_par} words)"
                    ))
                    .coded(Code::LongParagraph),
            );
        } else if p.longest_sentence > max_sentence {
            out.push(
                Diagnostic::warning(src, format!("long sentence ({} words)", p.longest_sentence))
                    .placed(doc, p.line)
                    .with_hint(format!("plain language: one idea per sentence (aim for under {max_sentence} words)"))
                    .coded(Code::LongSentence),
            );
        }
    }
}

fn looks_like_file_name(alt: &str, src: &str) -> bool {
    let lower = alt.to_lowercase();
    let file = src.rsplit('/').next().unwrap_or(src).to_lowercase();
    lower == file
        || IMAGE_EXTENSIONS.iter().any(|e| lower.ends_with(e))
        || (!lower.contains(' ')
            && (lower.contains('_') || lower.starts_with("img") || lower.starts_with("dsc"))
            && lower.len() > 3)
}

/// Places `d` at the front-matter line of `key` in its file, read again (only when reporting: the
/// model keeps values, not their lines).
fn at_front_key(site: &Site, d: Diagnostic, key: &str) -> Diagnostic {
    let path = site.config.root.join(&d.file);
    let Ok(text) = crate::error::read_source(&path, &d.file) else {
        return d;
    };
    let prefix = format!("{key}:");
    match text.lines().position(|l| l.starts_with(&prefix)) {
        Some(i) => d.at_in(&text, i + 1, 1),
        None => d,
    }
}

/// Glossary entries no page of the source language mentions or links to: a term explained for
/// nobody, or one whose wording in the guides drifted from its heading.
fn unused_glossary_entries(site: &Site) -> Vec<Diagnostic> {
    let glossary = crate::glossary::Glossary::new(site);
    let (Some(group), Some(terms)) = (
        glossary.group,
        glossary.terms(&site.config.default_language),
    ) else {
        return Vec::new();
    };
    let mut used = vec![false; terms.entries.len()];
    let glossary_docs: Vec<usize> = site.groups[group].docs.values().copied().collect();
    for (i, doc) in site.docs.iter().enumerate() {
        if doc.lang != site.config.default_language || glossary_docs.contains(&i) {
            continue;
        }
        for i in terms.mentioned(&doc.parsed.text) {
            used[i] = true;
        }
        for link in doc.parsed.links.iter().filter(|l| l.group == Some(group)) {
            if let Some((_, frag)) = link.dest.split_once('#') {
                if let Some(i) = terms.entries.iter().position(|e| e.id == frag) {
                    used[i] = true;
                }
            }
        }
    }
    let Some(source) = site.groups[group]
        .docs
        .get(&site.config.default_language)
        .map(|&d| &site.docs[d])
    else {
        return Vec::new();
    };
    terms
        .entries
        .iter()
        .zip(used)
        .filter(|(_, used)| !used)
        .map(|(e, _)| {
            let d = Diagnostic::warning(
                &source.source,
                format!("glossary entry `{}` is not used by any page", e.term),
            )
            .with_hint(
                "remove the entry, or check that the guides write the term as its heading does",
            );
            match source.parsed.headings.iter().find(|h| h.id == e.id) {
                Some(h) => d.placed(source, h.line),
                None => d,
            }
        })
        .collect()
}

/// Journey steps, duplicate titles, drafts.
pub fn check_content(site: &Site) -> Diagnostics {
    let mut diags = Diagnostics::default();
    for grp in site.groups.iter().filter(|g| is_steps_section(site, g)) {
        check_steps(site, grp, &mut diags);
    }
    diags.extend(unused_glossary_entries(site));
    check_duplicate_titles(site, &mut diags);
    checklists_agree(site, &mut diags);
    note_drafts(site, &mut diags);
    diags
}

/// Each translation's checklist has as many items as the source page's: "my journey" keeps a
/// reader's ticks by item position, so a translation that drops or adds an item would move the
/// ticks of a reader who switches language onto other items.
fn checklists_agree(site: &Site, diags: &mut Diagnostics) {
    let source = &site.config.default_language;
    for grp in &site.groups {
        let Some(&s) = grp.docs.get(source) else {
            continue;
        };
        let want = site.docs[s].parsed.checklist_items;
        for (lang, &d) in grp.docs.iter().filter(|(l, _)| *l != source) {
            let doc = &site.docs[d];
            let have = doc.parsed.checklist_items;
            // A page without a checklist in one of the two has no ticks to share.
            if have == want || have == 0 || want == 0 {
                continue;
            }
            let mut w = Diagnostic::warning(
                &doc.source,
                format!(
                    "this page's checklists have {have} items, the source page's ({}) {want}",
                    site.docs[s].source.display()
                ),
            )
            .with_hint(format!(
                "readers' ticks are kept by item position in every language: give the `{lang}` page the same items, in the same order"
            ))
            .with_code(Code::ChecklistMismatch, doc.source.display().to_string());
            if let Some(line) = doc.parsed.checklist_line {
                w = w.placed(doc, line);
            }
            diags.push(w);
        }
    }
}

/// A section index whose (source language) front matter says `kind: steps`.
fn is_steps_section(site: &Site, grp: &Group) -> bool {
    grp.is_index
        && grp
            .lead(&site.config.default_language)
            .and_then(|d| site.docs[d].front.kind)
            .unwrap_or_default()
            == SectionKind::Steps
}

/// In a `kind: steps` section the pages are numbered 1..N with no gap or repeat, and each
/// translation's own `step:` agrees with the source's.
fn check_steps(site: &Site, section: &Group, diags: &mut Diagnostics) {
    // Each step number with the source file of the page that has it first.
    let mut seen: HashMap<u32, PathBuf> = HashMap::new();
    for g in site.children(&section.section) {
        let page = &site.groups[g];
        if page.is_index {
            continue;
        }
        number_step(site, page, &mut seen, diags);
        translation_steps_agree(site, page, diags);
    }
    steps_have_no_gap(site, &seen, diags);
}

/// Records the page's step number, or reports it missing or taken by an earlier page.
fn number_step(
    site: &Site,
    page: &Group,
    seen: &mut HashMap<u32, PathBuf>,
    diags: &mut Diagnostics,
) {
    let lead = site.docs[page
        .lead(&site.config.default_language)
        .expect("a group has a document")]
    .source
    .clone();
    match page.step {
        None => diags.push(
            Diagnostic::error(&lead, "page in a step-by-step section has no `step:`")
                .with_hint("add `step: N` to its front matter"),
        ),
        Some(n) => {
            if let Some(other_lead) = seen.get(&n) {
                diags.push(at_front_key(
                    site,
                    Diagnostic::error(
                        &lead,
                        format!(
                            "step {n} is used twice: here and in {}",
                            other_lead.display()
                        ),
                    )
                    .with_hint("number the pages of the journey 1, 2, 3… once each"),
                    "step",
                ));
            } else {
                seen.insert(n, lead);
            }
        }
    }
}

/// The source language's step is the one used, so a translation saying otherwise is a warning.
fn translation_steps_agree(site: &Site, page: &Group, diags: &mut Diagnostics) {
    for &d in page.docs.values() {
        let doc = &site.docs[d];
        if doc.front.step.is_some() && doc.front.step != page.step {
            diags.push(
                Diagnostic::warning(
                    &doc.source,
                    format!(
                        "`step: {}` differs from the source page's step {}",
                        doc.front.step.unwrap_or(0),
                        page.step.unwrap_or(0)
                    ),
                )
                .with_hint("the source language's step is used; make them equal"),
            );
        }
    }
}

/// The first gap in the numbering, reported at the page whose number comes too early, where the
/// editor fixes it.
fn steps_have_no_gap(site: &Site, seen: &HashMap<u32, PathBuf>, diags: &mut Diagnostics) {
    let mut steps: Vec<u32> = seen.keys().copied().collect();
    steps.sort_unstable();
    for (i, n) in steps.iter().enumerate() {
        if *n != i as u32 + 1 {
            let lead = &seen[n];
            diags.push(at_front_key(
                site,
                Diagnostic::error(
                    lead,
                    format!("steps skip a number: expected step {}, found {n}", i + 1),
                )
                .with_hint(format!("steps found: {steps:?}")),
                "step",
            ));
            break;
        }
    }
}

/// Two pages with the same title in one language confuse readers and search results.
fn check_duplicate_titles(site: &Site, diags: &mut Diagnostics) {
    let mut titles: HashMap<(String, String), &Document> = HashMap::new();
    for doc in &site.docs {
        let key = (doc.lang.clone(), doc.front.title.trim().to_lowercase());
        if let Some(other) = titles.get(&key) {
            diags.push(
                Diagnostic::warning(
                    &doc.source,
                    format!(
                        "same title as {}: \"{}\"",
                        other.source.display(),
                        doc.front.title
                    ),
                )
                .with_hint("give each page a title that says what is in it")
                .with_code(Code::DuplicateTitle, doc.front.title.trim()),
            );
        } else {
            titles.insert(key, doc);
        }
    }
}

fn note_drafts(site: &Site, diags: &mut Diagnostics) {
    for doc in site.docs.iter().filter(|d| d.front.draft) {
        diags.push(
            Diagnostic::note(
                &doc.source,
                "draft: not published (remove `draft: true` when it is ready)",
            )
            .coded(Code::Draft),
        );
    }
}
