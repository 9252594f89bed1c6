//! `approdo i18n diff FILE…`: what changed in the source page since a translation was stamped, so
//! a translator edits the sentence that moved instead of re-reading the whole page.
//!
//! A stamp (`translated_from:`) is a hash of the source's title, description and body
//! ([`super::source_version`]). The source's text *as it was* is found by that hash:
//! - in the site's git history, when the site is in a git repository: the newest commit whose copy
//!   of the source file hashes to the stamp (read with gix, no `git` program needed);
//! - otherwise in the stamp cache, `.approdo/sources/<hash>.md`, which `approdo i18n stamp` fills
//!   with the source's text each time it stamps. The build never reads `.approdo/` (hidden folders
//!   are ignored), and the cache is safe to commit: it holds copies of pages, keyed by version.
//!
//! The two texts are compared block by block (paragraphs, list items, headings, table rows); in a
//! changed block only the sentences that changed are kept, with a word diff; the title and
//! description are compared too. Each change is placed at its line in the current source and,
//! where the section's heading id is the same in the translation (explicit `{#id}` anchors), at
//! the corresponding line of the translation.

use std::path::{Path, PathBuf};

use serde::Serialize;
use similar::{Algorithm, ChangeTag, DiffOp, TextDiff};

use super::{source_of, version_of};
use crate::content::frontmatter::{parse_front_matter, split_front_matter};
use crate::content::{Document, Site};
use crate::error::{relative_to, Diagnostic};

/// Where stamped source texts are kept, relative to the site folder.
pub const CACHE_DIR: &str = ".approdo/sources";

/// How many commits back the history is searched: enough for years of edits to one site, bounded
/// so a huge repository never makes the command hang.
const MAX_COMMITS: usize = 20_000;

/// A source page's text at one version.
#[derive(Debug, Clone)]
struct Snapshot {
    title: String,
    description: Option<String>,
    body: String,
    body_line: usize,
}

impl Snapshot {
    fn parse(text: &str) -> Option<Snapshot> {
        let split = split_front_matter(text).ok()?;
        let front = parse_front_matter(&split).ok()?;
        Some(Snapshot {
            title: front.title,
            description: front.description,
            body: split.body.to_string(),
            body_line: split.body_line,
        })
    }

    fn of(doc: &Document) -> Snapshot {
        Snapshot {
            title: doc.front.title.clone(),
            description: doc.front.description.clone(),
            body: doc.body.clone(),
            body_line: doc.body_line,
        }
    }

    fn version(&self) -> String {
        version_of(&self.title, self.description.as_deref(), &self.body)
    }

    /// Whether a translation stamped `stamp` was made from this text. Stamps made before the
    /// description counted hashed the title and body only; they still find their text.
    fn has_version(&self, stamp: &str) -> bool {
        self.version() == stamp || version_of(&self.title, None, &self.body) == stamp
    }
}

/// Where the stamped source text was found.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Origin {
    /// A commit of the site's git repository (abbreviated id).
    Git { commit: String },
    /// The stamp cache file.
    Cache { file: PathBuf },
}

/// One part of a changed paragraph.
#[derive(Debug, Clone, Serialize)]
pub struct Piece {
    /// `same`, `added` or `removed`.
    pub tag: &'static str,
    pub text: String,
}

/// One change in the source.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// `added`, `removed` or `changed`.
    pub kind: &'static str,
    /// `title`, `description`, or `text` for a paragraph of the body.
    pub field: &'static str,
    /// Line in the current source (for a removed paragraph: the line it stood before).
    pub line: usize,
    pub pieces: Vec<Piece>,
    /// The same place in the translation, when the section's heading id matches there.
    pub in_translation: Option<Place>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Place {
    pub heading_id: String,
    pub heading: String,
    pub line: usize,
}

/// What changed in a translation's source since it was stamped.
#[derive(Debug, Clone, Serialize)]
pub struct PageDiff {
    pub file: PathBuf,
    pub source: PathBuf,
    /// `translated_from:`, if the translation has one.
    pub stamped: Option<String>,
    pub current: String,
    /// Where the stamped text came from; `None` when it was not found (see `why_not`).
    pub origin: Option<Origin>,
    pub why_not: Option<String>,
    pub changes: Vec<Change>,
    /// When the stamped text was not found: the current source (title, then each block with its
    /// line), to compare the translation with.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub current_source: Vec<(usize, String)>,
}

impl PageDiff {
    pub fn is_up_to_date(&self) -> bool {
        self.stamped.as_deref() == Some(self.current.as_str())
    }
}

/// The diff for the translation `doc_index` (an error if it has no source to compare with); when
/// the stamped text is lost, the current source comes with it, to compare by hand.
pub fn page_diff(site: &Site, doc_index: usize) -> Result<PageDiff, Diagnostic> {
    diff_page(site, doc_index, true)
}

/// [`page_diff`] for `i18n status`, which lists every stale page: without the current source,
/// which would bury the report (`i18n diff FILE` shows it).
pub(super) fn status_diff(site: &Site, doc_index: usize) -> Result<PageDiff, Diagnostic> {
    diff_page(site, doc_index, false)
}

fn diff_page(site: &Site, doc_index: usize, with_source: bool) -> Result<PageDiff, Diagnostic> {
    let doc = &site.docs[doc_index];
    let source = source_of(site, doc_index).ok_or_else(|| {
        Diagnostic::error(&doc.source, format!(
            "this page has no source to compare with: it is in the source language `{}` or has no `{}` version",
            doc.lang, site.config.default_language
        ))
    })?;
    let now = Snapshot::of(source);
    let current = now.version();
    let stamped = doc.front.translated_from.clone();
    let mut diff = PageDiff {
        file: doc.source.clone(),
        source: source.source.clone(),
        stamped: stamped.clone(),
        current: current.clone(),
        origin: None,
        why_not: None,
        changes: Vec::new(),
        current_source: Vec::new(),
    };
    let whole_source = || {
        if !with_source {
            return Vec::new();
        }
        let mut all = vec![(2, format!("title: {}", now.title))];
        all.extend(paragraphs(&now));
        all
    };
    let Some(stamp) = stamped.filter(|s| *s != current) else {
        if diff.stamped.is_none() {
            diff.why_not = Some(
                "the translation has no `translated_from:` stamp, so the text it was made from is unknown"
                    .into(),
            );
            diff.current_source = whole_source();
        }
        return Ok(diff);
    };
    match find_old(site, source, &stamp) {
        Ok((old, origin)) => {
            diff.origin = Some(origin);
            diff.changes = changes(&old, &now, source, doc);
        }
        Err(why) => {
            diff.why_not = Some(why);
            diff.current_source = whole_source();
        }
    }
    Ok(diff)
}

/// The source's text at version `stamp`: from git, else from the stamp cache.
fn find_old(site: &Site, source: &Document, stamp: &str) -> Result<(Snapshot, Origin), String> {
    let root = &site.config.root;
    let from_git = from_git(root, &source.source, stamp);
    if let Ok(Some(found)) = from_git {
        return Ok(found);
    }
    let cached = root.join(CACHE_DIR).join(format!("{stamp}.md"));
    if let Ok(text) = crate::error::read_source(&cached, &relative_to(root, &cached)) {
        if let Some(old) = Snapshot::parse(&text).filter(|s| s.has_version(stamp)) {
            return Ok((
                old,
                Origin::Cache {
                    file: relative_to(root, &cached),
                },
            ));
        }
    }
    let git = match from_git {
        Err(e) => format!("the site is not in a git repository ({e})"),
        Ok(_) => "no commit of the site's git history has it".to_string(),
    };
    Err(format!(
        "the source text stamped `{stamp}` was not found: {git}, and the stamp cache has no {CACHE_DIR}/{stamp}.md"
    ))
}

/// Searches the history of the repository holding `root` for `rel`'s text at version `stamp`.
/// `Err` when there is no repository; `Ok(None)` when no commit has it.
fn from_git(root: &Path, rel: &Path, stamp: &str) -> Result<Option<(Snapshot, Origin)>, String> {
    let repo = gix::discover(root).map_err(|e| e.to_string())?;
    let workdir = repo
        .workdir()
        .ok_or("a bare repository has no files")?
        .canonicalize()
        .map_err(|e| e.to_string())?;
    let abs = root.canonicalize().map_err(|e| e.to_string())?.join(rel);
    let in_repo = abs.strip_prefix(&workdir).map_err(|e| e.to_string())?;
    let in_repo = in_repo.to_string_lossy().replace('\\', "/");
    let Ok(head) = repo.head_commit() else {
        return Ok(None); // a repository without commits yet
    };
    let walk = head.ancestors().all().map_err(|e| e.to_string())?;
    let mut seen = std::collections::HashSet::new();
    for info in walk.take(MAX_COMMITS) {
        let Ok(info) = info else { continue };
        let Ok(commit) = info.object() else { continue };
        let Ok(tree) = commit.tree() else { continue };
        let Ok(Some(entry)) = tree.lookup_entry_by_path(&in_repo) else {
            continue;
        };
        // The same text in many commits is read once.
        if !seen.insert(entry.object_id()) {
            continue;
        }
        let Ok(blob) = entry.object() else { continue };
        let Ok(text) = crate::error::decode_source(rel, blob.data.clone()) else {
            continue;
        };
        if let Some(old) = Snapshot::parse(&text).filter(|s| s.has_version(stamp)) {
            let id = info.id.to_string();
            return Ok(Some((
                old,
                Origin::Git {
                    commit: id[..id.len().min(10)].to_string(),
                },
            )));
        }
    }
    Ok(None)
}

/// Keeps the source's text of version `version` in the stamp cache (written by `i18n stamp`).
pub fn cache_source(root: &Path, source: &Path, version: &str) -> Result<(), Diagnostic> {
    let dir = root.join(CACHE_DIR);
    let target = dir.join(format!("{version}.md"));
    if target.is_file() {
        return Ok(());
    }
    let text = crate::error::read_as_saved(&root.join(source), source)?;
    std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(&target, text))
        .map_err(|e| {
            Diagnostic::error(
                relative_to(root, &target),
                format!("cannot keep the source text: {e}"),
            )
        })
}

/// Whether a line starts a block of its own even without a blank line before it: a heading, a
/// list item, a table row. Translators work item by item, so a list is not one block.
fn starts_block(line: &str) -> bool {
    let t = line.trim_start();
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    t.starts_with('#')
        || t.starts_with('|')
        || ["- ", "* ", "+ "].iter().any(|m| t.starts_with(m))
        || (digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") ")))
}

/// Blocks of a body (paragraphs, list items, headings, table rows) with the file line each
/// starts on.
fn paragraphs(s: &Snapshot) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (i, line) in s.body.lines().enumerate() {
        if line.trim().is_empty() {
            out.extend(current.take());
        } else if starts_block(line) {
            out.extend(current.take());
            current = Some((s.body_line + i, line.to_string()));
        } else if let Some((_, text)) = &mut current {
            text.push('\n');
            text.push_str(line);
        } else {
            current = Some((s.body_line + i, line.to_string()));
        }
    }
    out.extend(current);
    out
}

/// A paragraph's sentences, each with the spaces after it (joined, they are the paragraph).
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '؟') {
            let mut end = i + c.len_utf8();
            let mut spaced = matches!(c, '。' | '！' | '？');
            while let Some(&(j, w)) = chars.peek() {
                if !w.is_whitespace() {
                    break;
                }
                spaced = true;
                end = j + w.len_utf8();
                chars.next();
            }
            if spaced && end < text.len() {
                out.push(&text[start..end]);
                start = end;
            }
        }
    }
    out.push(&text[start..]);
    out
}

/// A changed paragraph: the sentences that changed, word by word; the unchanged ones between
/// them are left out ("…"), since a translator looks for the sentence that moved.
fn changed_sentences(old: &str, new: &str) -> Vec<Piece> {
    let (a, b) = (sentences(old), sentences(new));
    let mut out = Vec::new();
    let ops = similar::capture_diff_slices(Algorithm::Myers, &a, &b);
    let last = ops.len().saturating_sub(1);
    for (k, op) in ops.iter().enumerate() {
        match *op {
            DiffOp::Equal { .. } => out.push(Piece {
                tag: "same",
                // Sentences keep the spaces after them, so only a leading "…" needs one.
                text: if k == last && k > 0 { "…" } else { "… " }.into(),
            }),
            DiffOp::Delete {
                old_index, old_len, ..
            } => out.extend(whole(
                "removed",
                &a[old_index..old_index + old_len].concat(),
            )),
            DiffOp::Insert {
                new_index, new_len, ..
            } => out.extend(whole("added", &b[new_index..new_index + new_len].concat())),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => out.extend(words(
                &a[old_index..old_index + old_len].concat(),
                &b[new_index..new_index + new_len].concat(),
            )),
        }
    }
    out
}

fn words(old: &str, new: &str) -> Vec<Piece> {
    let diff = TextDiff::from_words(old, new);
    let mut out: Vec<Piece> = Vec::new();
    for c in diff.iter_all_changes() {
        let tag = match c.tag() {
            ChangeTag::Equal => "same",
            ChangeTag::Insert => "added",
            ChangeTag::Delete => "removed",
        };
        match out.last_mut() {
            Some(p) if p.tag == tag => p.text.push_str(c.value()),
            _ => out.push(Piece {
                tag,
                text: c.value().to_string(),
            }),
        }
    }
    out
}

fn whole(tag: &'static str, text: &str) -> Vec<Piece> {
    vec![Piece {
        tag,
        text: text.to_string(),
    }]
}

/// The changes from `old` to `now`, placed in the current source and in the translation.
fn changes(
    old: &Snapshot,
    now: &Snapshot,
    source: &Document,
    translation: &Document,
) -> Vec<Change> {
    let mut out = Vec::new();
    let field = |name: &'static str, a: Option<&str>, b: Option<&str>, line: usize| {
        let (a, b) = (a.unwrap_or("").trim(), b.unwrap_or("").trim());
        (a != b).then(|| Change {
            kind: match (a.is_empty(), b.is_empty()) {
                (true, _) => "added",
                (_, true) => "removed",
                _ => "changed",
            },
            field: name,
            line,
            pieces: words(a, b),
            in_translation: None,
        })
    };
    // Front matter lines are not tracked one by one: both fields point at the front matter.
    out.extend(field("title", Some(&old.title), Some(&now.title), 2));
    out.extend(field(
        "description",
        old.description.as_deref(),
        now.description.as_deref(),
        2,
    ));
    let (a, b) = (paragraphs(old), paragraphs(now));
    let a_text: Vec<&str> = a.iter().map(|(_, t)| t.as_str()).collect();
    let b_text: Vec<&str> = b.iter().map(|(_, t)| t.as_str()).collect();
    let line_before = |j: usize| {
        b.get(j)
            .map_or(now.body_line + now.body.lines().count(), |p| p.0)
    };
    let mut push = |kind, line, pieces| {
        out.push(Change {
            kind,
            field: "text",
            line,
            pieces,
            in_translation: place(source, translation, line),
        })
    };
    for op in similar::capture_diff_slices(Algorithm::Myers, &a_text, &b_text) {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => {
                for p in &a[old_index..old_index + old_len] {
                    push("removed", line_before(new_index), whole("removed", &p.1));
                }
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                for p in &b[new_index..new_index + new_len] {
                    push("added", p.0, whole("added", &p.1));
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let paired = old_len.min(new_len);
                for k in 0..paired {
                    let (o, n) = (&a[old_index + k], &b[new_index + k]);
                    push("changed", n.0, changed_sentences(&o.1, &n.1));
                }
                for p in &a[old_index + paired..old_index + old_len] {
                    push(
                        "removed",
                        line_before(new_index + paired),
                        whole("removed", &p.1),
                    );
                }
                for p in &b[new_index + paired..new_index + new_len] {
                    push("added", p.0, whole("added", &p.1));
                }
            }
        }
    }
    out
}

/// The translation's line for the section holding `line` of the source: the last heading at or
/// before it, found in the translation by its id.
fn place(source: &Document, translation: &Document, line: usize) -> Option<Place> {
    let heading = source
        .parsed
        .headings
        .iter()
        .rev()
        .find(|h| h.line <= line)?;
    let there = translation
        .parsed
        .headings
        .iter()
        .find(|h| h.id == heading.id)?;
    Some(Place {
        heading_id: there.id.clone(),
        heading: there.text.clone(),
        line: there.line,
    })
}

/// The diff as text for a terminal.
pub fn to_text(d: &PageDiff) -> String {
    let mut out = String::new();
    let (file, source) = (d.file.display(), d.source.display());
    if d.is_up_to_date() {
        return format!("{file}: up to date with {source} (version {})\n", d.current);
    }
    match (&d.stamped, &d.origin) {
        (Some(stamp), Some(origin)) => {
            let from = match origin {
                Origin::Git { commit } => format!("git commit {commit}"),
                Origin::Cache { file } => file.display().to_string(),
            };
            out.push_str(&format!(
                "{file}: {source} changed since this translation was stamped ({stamp} → {}; the stamped text is from {from})\n",
                d.current
            ));
            if d.changes.is_empty() {
                out.push_str(&format!("  the text is the same as when it was stamped: run `approdo i18n stamp {file}`\n"));
            }
        }
        _ => {
            out.push_str(&format!(
                "{file}: stale, and the text it was translated from is unknown\n"
            ));
            if let Some(why) = &d.why_not {
                out.push_str(&format!("  {why}\n"));
            }
            out.push_str(&format!(
                "  compare it with the current source, {source}:\n"
            ));
            for (line, text) in &d.current_source {
                for (k, l) in text.lines().enumerate() {
                    out.push_str(&format!("    {:>5} | {l}\n", line + k));
                }
            }
        }
    }
    for c in &d.changes {
        let what = if c.field == "text" {
            "paragraph"
        } else {
            c.field
        };
        let mut head = format!("  {} {what}, {source}:{}", c.kind, c.line);
        if let Some(p) = &c.in_translation {
            head.push_str(&format!(" → {file}:{} (#{})", p.line, p.heading_id));
        }
        out.push_str(&head);
        out.push('\n');
        let text: String = c
            .pieces
            .iter()
            .map(|p| match p.tag {
                "added" if c.kind == "changed" => format!("{{+{}+}}", p.text),
                "removed" if c.kind == "changed" => format!("[-{}-]", p.text),
                _ => p.text.clone(),
            })
            .collect();
        let sign = match c.kind {
            "added" => "+ ",
            "removed" => "- ",
            _ => "  ",
        };
        for line in text.lines() {
            out.push_str(&format!("    {sign}{line}\n"));
        }
    }
    out
}
