//! The model every stage reads: documents, translation groups, routes, and what the parse stage
//! found in each page. Only types and the questions they answer live here (mdBook's `book.rs`);
//! loading is in [`super`], parsing in [`crate::markdown`].

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use serde::Serialize;

use crate::config::Config;
use crate::error::{Diagnostic, LineIndex};
use crate::ids::ReservedIds;
use crate::paths::is_site_path;

use super::FrontMatter;

/// File stem of a section's (or the home page's) own page.
pub const INDEX: &str = "_index";

/// One Markdown file in one language.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path relative to the site root, for messages (`content/legal/visa.ar.md`).
    pub source: PathBuf,
    pub lang: String,
    /// Section path relative to `content/`, with `/` separators; empty for the root.
    pub section: String,
    /// File slug (`visa`), or [`INDEX`] for a section page.
    pub slug: String,
    pub front: FrontMatter,
    pub body: String,
    /// 1-based line of the file where the body starts, so Markdown positions map back to the file.
    pub body_line: usize,
    /// Filled in by the parse stage.
    pub parsed: Parsed,
    /// Warnings found while reading the file (its front matter). Kept with the document and
    /// reported by [`assemble`], so every path that builds the model from documents — the build,
    /// and the preview when pages are added or their front matter changes — shows them.
    pub warnings: Vec<Diagnostic>,
    /// The body's line starts, made on the first diagnostic placed in it.
    pub lines: std::sync::OnceLock<LineIndex>,
    /// Set when the body was released after parsing ([`Site::release_bodies`]): a diagnostic's
    /// source line is then read from this file, once (`reread`), however many diagnostics it has.
    pub body_file: Option<PathBuf>,
    pub reread: std::sync::OnceLock<Option<(String, LineIndex)>>,
}

impl Document {
    pub fn is_index(&self) -> bool {
        self.slug == INDEX
    }

    /// The body's line index, made once.
    pub fn line_index(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.body))
    }
}

/// The translations of one page or section index.
#[derive(Debug)]
pub struct Group {
    pub section: String,
    pub key: String,
    pub is_index: bool,
    /// Language code → index into [`Site::docs`].
    pub docs: BTreeMap<String, usize>,
    /// Ordering shared by all translations (taken from the default language when it has the page), so
    /// a translator who forgets `weight:` does not reshuffle the menu.
    pub weight: i64,
    pub step: Option<u32>,
}

impl Group {
    /// The document that speaks for the group (its ordering, its section kind, its title in
    /// messages): the default language's, or else the first translation there is.
    pub fn lead(&self, default_language: &str) -> Option<usize> {
        self.docs
            .get(default_language)
            .or_else(|| self.docs.values().next())
            .copied()
    }
}

/// One HTML page of the output.
#[derive(Debug, Clone)]
pub struct Route {
    pub lang: String,
    pub group: usize,
    /// The document whose text this page shows.
    pub doc: usize,
    /// True when the text is borrowed from another language.
    pub fallback: bool,
    /// Site path without the base path: `/ar/legal/who-can-apply/`.
    pub path: String,
}

/// The whole site in memory.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    /// `data/*.yaml`, by file stem.
    pub data: crate::data::Data,
    /// Ids the theme's templates use (set with the theme, before parsing): headings never take them.
    pub reserved_ids: ReservedIds,
    pub docs: Vec<Document>,
    pub groups: Vec<Group>,
    pub routes: Vec<Route>,
    pub(super) route_of: HashMap<(usize, String), usize>,
    pub(super) group_of: HashMap<(String, String), usize>,
    /// (section, file slug) → group, so links can name a translation's own file.
    pub(super) group_of_slug: HashMap<(String, String), usize>,
}

impl Site {
    /// The route that shows `group` in `lang` (every group has one in every language).
    pub fn route(&self, group: usize, lang: &str) -> Option<&Route> {
        self.route_of
            .get(&(group, lang.to_string()))
            .map(|&i| &self.routes[i])
    }

    pub fn group_by_key(&self, section: &str, key: &str) -> Option<usize> {
        self.group_of
            .get(&(section.to_string(), key.to_string()))
            .copied()
    }

    /// Drops every document's Markdown once it is parsed, for a build: the render stage reads the
    /// parse results only, and at 12,000 pages the Markdown is 65 MB held for nothing. A diagnostic
    /// placed afterwards reads its source line from the file. The preview keeps the bodies (it
    /// re-parses from memory).
    pub fn release_bodies(&mut self) {
        let root = self.config.root.clone();
        for doc in &mut self.docs {
            doc.body_file = Some(root.join(&doc.source));
            doc.body = String::new();
            doc.lines = std::sync::OnceLock::new();
        }
    }

    /// The groups the documents `docs` belong to.
    pub fn groups_of(
        &self,
        docs: impl IntoIterator<Item = usize>,
    ) -> std::collections::BTreeSet<usize> {
        let docs: std::collections::BTreeSet<usize> = docs.into_iter().collect();
        self.routes
            .iter()
            .filter(|r| docs.contains(&r.doc))
            .map(|r| r.group)
            .collect()
    }

    /// A name for a group that every translation shares and that survives rebuilds
    /// (`legal/visa`, `legal/_index`): what a reader's ticks on a page are kept under, so they
    /// follow the reader to the same page in another language.
    pub fn group_id(&self, group: usize) -> String {
        let grp = &self.groups[group];
        if grp.section.is_empty() {
            grp.key.clone()
        } else {
            format!("{}/{}", grp.section, grp.key)
        }
    }

    /// The section-index group of a section path (empty for the home page).
    pub fn section_group(&self, section: &str) -> Option<usize> {
        self.group_by_key(section, INDEX)
    }

    /// The section a group sits in: its own folder for a page, the parent folder for a section's
    /// index; `None` for the home page.
    pub fn enclosing_section(&self, group: usize) -> Option<&str> {
        let grp = &self.groups[group];
        match (grp.is_index, grp.section.is_empty()) {
            (true, true) => None,
            (true, false) => Some(parent_section(&grp.section)),
            (false, _) => Some(&grp.section),
        }
    }

    /// Groups of the pages and subsections directly inside `section`, ordered for listing.
    pub fn children(&self, section: &str) -> Vec<usize> {
        let mut out: Vec<usize> = (0..self.groups.len())
            .filter(|&g| {
                let grp = &self.groups[g];
                if grp.is_index {
                    !grp.section.is_empty() && parent_section(&grp.section) == section
                } else {
                    grp.section == section
                }
            })
            .collect();
        out.sort_by_cached_key(|&g| self.order_key(g));
        out
    }

    /// Sort key: step, then weight, then the default-language title for a stable order.
    pub fn order_key(&self, g: usize) -> (u32, i64, String) {
        let grp = &self.groups[g];
        let title = grp
            .lead(&self.config.default_language)
            .map(|d| self.docs[d].front.title.clone())
            .unwrap_or_default();
        (grp.step.unwrap_or(0), grp.weight, title)
    }

    /// The page or section a language-less site path names (`/learn/some-page/`, `/learn/`,
    /// `/learn/some-page`), the way sites whose translations share paths write links: it then goes
    /// to that page in the reader's language. `None` for a path whose first segment is a language
    /// (`/ar/…` names that language's page and stays as written), for a file (`/files/form.pdf`),
    /// and for a path that names nothing.
    pub fn group_at_site_path(&self, path: &str) -> Option<usize> {
        let path = path.trim_matches('/');
        let first = path.split('/').next().unwrap_or("");
        if path.is_empty() || self.config.language(first).is_some() {
            return None;
        }
        let (section, last) = path.rsplit_once('/').unwrap_or(("", path));
        if last.contains('.') {
            return None;
        }
        self.group_named(section, last)
            .or_else(|| self.group_named(path, INDEX))
    }

    /// The group a link names by section and name: a file's own slug first (so a link can name a
    /// translation's file), then the group key (`translation_key`, the slug, or [`INDEX`]).
    fn group_named(&self, section: &str, name: &str) -> Option<usize> {
        let key = (section.to_string(), name.to_string());
        self.group_of_slug
            .get(&key)
            .or_else(|| self.group_of.get(&key))
            .copied()
    }

    /// Resolves a relative Markdown link (`../school/enrolment.md#documents`) written in `doc` to
    /// the group it names and the fragment. `Ok(None)`: not a link to a Markdown page.
    pub fn resolve_md_link(
        &self,
        doc: &Document,
        dest: &str,
    ) -> Result<Option<(usize, String)>, String> {
        let (path, frag) = match dest.find('#') {
            Some(i) => (&dest[..i], dest[i..].to_string()),
            None => (dest, String::new()),
        };
        // `https://github.com/…/README.md` is another site's file, not a page of this one.
        if !is_site_path(path) {
            return Ok(None);
        }
        let Some(stem_path) = path.strip_suffix(".md") else {
            // `enrol.MD` names no page (page files end in lowercase .md, see the load stage), and
            // left as it is, it would be published as a link to nowhere.
            if path.len() > 3
                && path.is_char_boundary(path.len() - 3)
                && path[path.len() - 3..].eq_ignore_ascii_case(".md")
            {
                return Err(format!(
                    "link `{dest}` ends in `{}`: links to pages end in lowercase `.md`, like the files (`{}.md`)",
                    &path[path.len() - 3..],
                    &path[..path.len() - 3]
                ));
            }
            return Ok(None);
        };
        let mut parts: Vec<&str> = if stem_path.starts_with('/') {
            Vec::new()
        } else {
            doc.section.split('/').filter(|s| !s.is_empty()).collect()
        };
        for seg in stem_path.split('/') {
            match seg {
                "" | "." => {}
                ".." => {
                    if parts.pop().is_none() {
                        return Err(format!("`{dest}` points above the content folder"));
                    }
                }
                s => parts.push(s),
            }
        }
        let file = parts.pop().unwrap_or(INDEX);
        let slug = match file.rsplit_once('.') {
            Some((s, l)) if self.config.language(l).is_some() => s,
            _ => file,
        };
        let section = parts.join("/");
        self.group_named(&section, slug)
            .map(|g| Some((g, frag)))
            .ok_or_else(|| {
                let shown = if section.is_empty() {
                    format!("content/{slug}")
                } else {
                    format!("content/{section}/{slug}")
                };
                format!("link `{dest}` points to {shown}.<lang>.md, which does not exist")
            })
    }
}

/// The section that contains `section` (`legal/visa` → `legal`, `legal` → ``).
pub fn parent_section(section: &str) -> &str {
    section.rsplit_once('/').map_or("", |(p, _)| p)
}

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
    /// 1-based column of the link's start, counted in characters.
    pub col: usize,
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
    /// Words of running text; Han, kana and Hangul characters count one each.
    pub words: usize,
    /// Estimated reading time in minutes (at least 1).
    pub reading_minutes: u32,
    /// Shortcode calls, in order; the HTML holds [`crate::shortcode::token`]s where they go.
    pub shortcodes: Vec<crate::shortcode::Shortcode>,
    /// Tables, for the check that each has a header row.
    pub tables: Vec<TableInfo>,
    /// Paragraphs, for plain-language checks.
    pub paragraphs: Vec<ParagraphInfo>,
    /// Checklist items (`- [ ]`), with the line of the first: ticks are kept by position, so
    /// translations must have as many.
    pub checklist_items: usize,
    pub checklist_line: Option<usize>,
    /// The running text (one line per block), for the search index and its snippets.
    pub text: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct TableInfo {
    pub line: usize,
    /// True when every header cell is empty: the table has no real header row.
    pub empty_header: bool,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ParagraphInfo {
    pub line: usize,
    /// Words; Han characters count one each.
    pub words: usize,
    /// Words of the longest sentence.
    pub longest_sentence: usize,
}

/// Places a diagnostic in a page's body: `d.placed(doc, line)` reads as the chains that build it.
pub trait Place {
    /// At file line `line` of `doc`'s body (column 1), with that line as the snippet.
    fn placed(self, doc: &Document, line: usize) -> Self;
}

impl Place for Diagnostic {
    fn placed(self, doc: &Document, line: usize) -> Self {
        let Some(file) = &doc.body_file else {
            return self.at_in_body(&doc.body, doc.line_index(), doc.body_line, line);
        };
        let whole = doc.reread.get_or_init(|| {
            let text = crate::error::read_source(file, &doc.source).ok()?;
            let index = LineIndex::new(&text);
            Some((text, index))
        });
        match whole {
            // The whole file: its first line is line 1.
            Some((text, index)) => self.at_in_body(text, index, 1, line),
            None => self.at(line, 1),
        }
    }
}
