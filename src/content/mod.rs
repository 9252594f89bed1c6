//! Load stage: walk `content/`, read every Markdown file, split and read its front matter, and build
//! the [`Site`] model that every later stage reads.
//!
//! The model has three layers:
//! - [`Document`]: one source file in one language.
//! - [`Group`]: the translations of one page (or one section index), keyed by (section, slug) or by
//!   an explicit `translation_key`, so a translation may keep its own slug.
//! - [`Route`]: one HTML page to write, for every group in every configured language. A language
//!   without its own translation gets a *fallback* route that borrows the text along the language's
//!   fallback chain, so the language switcher can never lead to a 404.

pub mod frontmatter;
pub mod frontmatter_edit;
mod model;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::Config;
use crate::error::{relative_to, Diagnostic, Diagnostics};
pub use frontmatter::{FrontMatter, SectionKind};
pub use model::*;

use crate::paths::{is_ignored_name, CONTENT_DIR};
/// Reads `content/` into a [`Site`]. All problems are gathered; `Err` holds at least one error.
pub fn load(config: &Config, include_drafts: bool) -> Result<(Site, Diagnostics), Diagnostics> {
    let content = config.root.join(CONTENT_DIR);
    let mut diags = Diagnostics::default();
    if !content.is_dir() {
        return Err(
            Diagnostic::error(CONTENT_DIR, "the content folder does not exist")
                .with_hint("create content/_index.<lang>.md for the home page")
                .into(),
        );
    }
    let files = collect_markdown_files(config, &content, &mut diags);
    let loaded: Vec<Result<Option<Document>, Diagnostic>> = files
        .par_iter()
        .map(|path| load_document(config, path, include_drafts))
        .collect();
    let mut docs = Vec::new();
    for r in loaded {
        match r {
            Ok(Some(d)) => docs.push(d),
            Ok(None) => {}
            Err(d) => diags.push(d),
        }
    }
    docs.sort_by(|a, b| a.source.cmp(&b.source));
    let site = assemble(config.clone(), docs, &mut diags);
    if diags.has_errors() {
        return Err(diags);
    }
    Ok((site, diags))
}

fn collect_markdown_files(
    config: &Config,
    content: &Path,
    diags: &mut Diagnostics,
) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let walker = WalkDir::new(content)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => match e.path().extension() {
                Some(x) if x == "md" => files.push(e.into_path()),
                // Pages are `.md` files, exactly: on a case-sensitive disk `guida.it.md` and
                // `guida.it.MD` could both exist and be two pages. Say that `guida.it.MD` is not
                // read, rather than leave a page silently missing from the site.
                Some(x) if x.eq_ignore_ascii_case("md") => diags.push(
                    Diagnostic::warning(
                        relative_to(&config.root, e.path()),
                        "not read as a page: the extension must be lowercase .md",
                    )
                    .with_hint(format!(
                        "rename it to {}.md",
                        e.path()
                            .file_stem()
                            .map(|s| s.to_string_lossy().into_owned())
                            .unwrap_or_default()
                    )),
                ),
                _ => {}
            },
            Ok(e) if e.path_is_symlink() => diags.push(
                Diagnostic::warning(
                    relative_to(&config.root, e.path()),
                    "symbolic link in content/ was not followed",
                )
                .with_hint("copy the file into content/ instead"),
            ),
            Ok(_) => {}
            Err(e) => diags.push(Diagnostic::error(
                relative_to(&config.root, e.path().unwrap_or(content)),
                format!("cannot read: {e}"),
            )),
        }
    }
    files
}

/// A URL path as case-insensitive file systems compare names: Unicode-normalised (NFC), lowercased.
fn fold_path(path: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    path.nfc().collect::<String>().to_lowercase()
}

/// Reads one content file (`Ok(None)`: a draft left out). Used by the load stage and by the
/// preview server when an editor saves a single page.
pub fn load_document(
    config: &Config,
    path: &Path,
    include_drafts: bool,
) -> Result<Option<Document>, Diagnostic> {
    let rel = relative_to(&config.root, path);
    let content_rel = path
        .strip_prefix(config.root.join(CONTENT_DIR))
        .unwrap_or(path);
    let mut section_parts = Vec::new();
    if let Some(parent) = content_rel.parent() {
        for c in parent.components() {
            let seg = c.as_os_str().to_string_lossy();
            check_segment(&seg).map_err(|why| {
                Diagnostic::error(&rel, format!("folder name `{seg}` {why}")).with_hint(
                    "folder names become URLs: use lowercase letters, digits and hyphens",
                )
            })?;
            section_parts.push(seg.into_owned());
        }
    }
    let file_name = content_rel
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = file_name.strip_suffix(".md").unwrap_or(&file_name);
    let (slug, lang) = match stem.rsplit_once('.') {
        Some((slug, code)) => {
            if config.language(code).is_none() {
                return Err(Diagnostic::error(
                    &rel,
                    format!("`{code}` in the file name is not a configured language"),
                )
                .with_hint(format!(
                    "name translations <slug>.<lang>.md with one of: {}; or add `{code}` to [[languages]] in site.toml",
                    config.languages.iter().map(|l| l.code.as_str()).collect::<Vec<_>>().join(", ")
                )));
            }
            (slug.to_string(), code.to_string())
        }
        None => (stem.to_string(), config.default_language.clone()),
    };
    if slug != INDEX {
        check_segment(&slug).map_err(|why| {
            Diagnostic::error(&rel, format!("file name `{slug}` {why}"))
                .with_hint("file names become URLs: use lowercase letters, digits and hyphens, e.g. `nulla-osta.ar.md`")
        })?;
    }

    let text = crate::error::read_source(path, &rel)?;
    let split = frontmatter::split_front_matter(&text).map_err(|e| fm_diag(&rel, &text, e))?;
    let mut front = frontmatter::parse_front_matter(&split).map_err(|e| fm_diag(&rel, &text, e))?;
    validate_front(&rel, &text, &front, slug == INDEX)?;
    // Other generators write date-times; pages show and compare dates.
    for date in [&mut front.date, &mut front.updated].into_iter().flatten() {
        date.truncate(frontmatter::date_part(date).len());
    }
    let warnings = frontmatter::warnings(&split)
        .into_iter()
        .map(|w| {
            let mut d = fm_diag(&rel, &text, w);
            d.severity = crate::error::Severity::Warning;
            d
        })
        .collect();
    if front.draft && !include_drafts {
        return Ok(None);
    }
    Ok(Some(Document {
        source: rel,
        lang,
        section: section_parts.join("/"),
        slug,
        body: split.body.to_string(),
        body_line: split.body_line,
        front,
        parsed: Parsed::default(),
        warnings,
        lines: Default::default(),
        body_file: None,
        reread: Default::default(),
    }))
}

fn fm_diag(rel: &Path, text: &str, e: frontmatter::FrontMatterError) -> Diagnostic {
    let mut d = Diagnostic::error(rel, e.message).at_in(text, e.line, e.col);
    d.code = e.code;
    match e.hint {
        Some(h) => d.with_hint(h),
        None => d,
    }
}

/// Checks the values serde cannot: dates, an empty title, keys in the wrong kind of file.
fn validate_front(
    rel: &Path,
    text: &str,
    fm: &FrontMatter,
    is_index: bool,
) -> Result<(), Diagnostic> {
    // `key:` in YAML, `key =` in TOML.
    let is_key_line = |l: &str, key: &str| {
        l.trim_start()
            .strip_prefix(key)
            .is_some_and(|rest| rest.starts_with(':') || rest.trim_start().starts_with('='))
    };
    let at_key = |key: &str, d: Diagnostic| match text.lines().position(|l| is_key_line(l, key)) {
        Some(i) => d.at_in(text, i + 1, 1),
        None => d,
    };
    if fm.title.trim().is_empty() {
        return Err(at_key("title", Diagnostic::error(rel, "`title` is empty")));
    }
    for (key, value) in [("date", &fm.date), ("updated", &fm.updated)] {
        if let Some(v) = value {
            if !frontmatter::valid_date(v) {
                return Err(at_key(
                    key,
                    Diagnostic::error(rel, format!("`{key}` is not a valid date: \"{v}\""))
                        .with_hint("write dates as YYYY-MM-DD, e.g. 2026-11-23 (a time after it, as in 2026-11-23T10:00:00Z, is allowed and not shown)"),
                ));
            }
        }
    }
    if is_index && fm.translation_key.is_some() {
        return Err(at_key(
            "translation_key",
            Diagnostic::error(
                rel,
                "`translation_key` is for pages, not for a section's _index",
            )
            .with_hint("sections are matched across languages by their folder"),
        ));
    }
    if !is_index && fm.kind.is_some() {
        return Err(at_key(
            "kind",
            Diagnostic::error(
                rel,
                "`kind` belongs in a section's _index file, not in a page",
            )
            .with_hint("move `kind: steps` into _index.<lang>.md of this folder"),
        ));
    }
    for alias in &fm.aliases {
        let segments_ok = alias
            .trim_matches('/')
            .split('/')
            .filter(|s| !s.is_empty())
            .try_for_each(check_segment);
        let problem = if !alias.starts_with('/') || alias.starts_with("//") {
            Some("is not a path of this site starting with `/`".to_string())
        } else if alias.contains(['?', '#']) {
            Some("has a query or a fragment, which cannot be an address of its own".to_string())
        } else if alias.trim_matches('/').is_empty() {
            Some("is the site's root".to_string())
        } else {
            segments_ok
                .err()
                .map(|why| format!("has a part that {why}"))
        };
        if let Some(why) = problem {
            return Err(at_key(
                "aliases",
                Diagnostic::error(rel, format!("alias \"{alias}\" {why}")).with_hint(
                    "write old addresses as site paths, e.g. aliases: [\"/legal/visto/\"]",
                ),
            ));
        }
    }
    if let Some(key) = &fm.translation_key {
        check_segment(key).map_err(|why| {
            at_key(
                "translation_key",
                Diagnostic::error(rel, format!("`translation_key` \"{key}\" {why}")),
            )
        })?;
    }
    Ok(())
}

/// The site path of a page: `/<lang>/<section>/<slug>/` (no slug for a section's index). Every part
/// has passed [`check_segment`], which is what keeps the path inside the output folder.
pub fn route_path(lang: &str, section: &str, slug: Option<&str>) -> String {
    let mut path = format!("/{lang}/");
    if !section.is_empty() {
        path.push_str(section);
        path.push('/');
    }
    if let Some(slug) = slug {
        path.push_str(slug);
        path.push('/');
    }
    path
}

/// A path segment that is safe as a folder name and a URL segment on every platform.
pub fn check_segment(seg: &str) -> Result<(), String> {
    if seg.is_empty() {
        return Err("is empty".into());
    }
    if seg.starts_with('.') || seg == ".." {
        return Err("may not start with a dot".into());
    }
    if seg.len() > 100 {
        return Err("is longer than 100 bytes".into());
    }
    if seg.chars().any(|c| {
        c.is_control()
            || c.is_whitespace()
            || matches!(
                c,
                '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' | '#' | '%' | '&'
            )
    }) {
        return Err("contains spaces or characters that are not allowed in URLs".into());
    }
    // An invisible character makes two names that look the same differ (`visto` and `vis<U+200B>to`),
    // and a bidi override makes one display as another (`<U+202E>dm.exe` shows as `exe.md`).
    if let Some(c) = seg.chars().find(|&c| is_invisible_format(c)) {
        return Err(format!(
            "contains an invisible character (U+{:04X}): delete it and type the name again",
            c as u32
        ));
    }
    // Windows drops a final dot (and space): `visto.` would be written as `visto`.
    if seg.ends_with('.') {
        return Err("ends in a dot, which Windows removes from names".into());
    }
    if is_windows_reserved(seg) {
        return Err("is a reserved name on Windows".into());
    }
    Ok(())
}

/// Device names Windows reserves in every folder, whatever the case and whatever follows a dot
/// (`aux.v2` is as unusable as `AUX`): a site with such a page cannot be checked out, built or
/// copied there.
fn is_windows_reserved(seg: &str) -> bool {
    let base = seg.split('.').next().unwrap_or(seg).to_lowercase();
    matches!(base.as_str(), "con" | "prn" | "aux" | "nul")
        || ["com", "lpt"].iter().any(|p| {
            let mut n = base.strip_prefix(p).unwrap_or("").chars();
            matches!(
                (n.next(), n.next()),
                (Some('0'..='9' | '¹' | '²' | '³'), None)
            )
        })
}

/// Unicode's invisible format characters (general category Cf) — zero-width spaces, bidi
/// controls, soft hyphens, byte-order marks — except ZERO WIDTH NON-JOINER and JOINER, which are
/// part of correct spelling in Persian and Indic scripts (`می<U+200C>خواهم`, "I want") and of emoji.
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{200E}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

/// Builds groups and routes from the loaded documents and checks what only the whole set can show:
/// duplicates, missing section pages, two pages on one URL.
pub fn assemble(config: Config, docs: Vec<Document>, diags: &mut Diagnostics) -> Site {
    diags.extend(docs.iter().flat_map(|d| d.warnings.iter().cloned()));
    let Grouped {
        mut groups,
        group_of,
        group_of_slug,
    } = group_translations(&docs, diags);
    for grp in &mut groups {
        if let Some(front) = grp.lead(&config.default_language).map(|i| &docs[i].front) {
            grp.weight = front.weight.unwrap_or(0);
            grp.step = front.step;
        }
    }
    diags.extend(missing_section_pages(&config, &docs, &group_of));
    let (routes, route_of) = routes(&config, &docs, &groups, diags);
    diags.extend(missing_home_or_pages(&config, &docs, &group_of));
    Site {
        config,
        data: Default::default(),
        reserved_ids: Default::default(),
        docs,
        groups,
        routes,
        route_of,
        group_of,
        group_of_slug,
    }
}

/// Documents gathered into translation groups, with the two ways links find a group.
struct Grouped {
    groups: Vec<Group>,
    /// (section, key) → group: `key` is `translation_key`, the slug, or [`INDEX`].
    group_of: HashMap<(String, String), usize>,
    /// (section, file slug) → group, so links can name a translation's own file.
    group_of_slug: HashMap<(String, String), usize>,
}

/// Puts each document in the group of its (section, `translation_key` or slug); a second document
/// in the same language for one group is an error naming both files.
fn group_translations(docs: &[Document], diags: &mut Diagnostics) -> Grouped {
    let mut groups: Vec<Group> = Vec::new();
    let mut group_of: HashMap<(String, String), usize> = HashMap::new();
    let mut group_of_slug: HashMap<(String, String), usize> = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        let key = if d.is_index() {
            INDEX.to_string()
        } else {
            d.front
                .translation_key
                .clone()
                .unwrap_or_else(|| d.slug.clone())
        };
        let g = *group_of
            .entry((d.section.clone(), key.clone()))
            .or_insert_with(|| {
                groups.push(Group {
                    section: d.section.clone(),
                    key,
                    is_index: d.is_index(),
                    docs: BTreeMap::new(),
                    weight: 0,
                    step: None,
                });
                groups.len() - 1
            });
        if let Some(&other) = groups[g].docs.get(&d.lang) {
            diags.push(
                Diagnostic::error(
                    &d.source,
                    format!(
                        "{} is a second `{}` version of the same page as {}",
                        d.source.display(),
                        d.lang,
                        docs[other].source.display()
                    ),
                )
                .with_hint("each page may exist once per language: remove one, or give it a different `translation_key`"),
            );
            continue;
        }
        groups[g].docs.insert(d.lang.clone(), i);
        group_of_slug
            .entry((d.section.clone(), d.slug.clone()))
            .or_insert(g);
    }
    Grouped {
        groups,
        group_of,
        group_of_slug,
    }
}

/// Every page's section, and every section's parent, needs its own `_index` page (the home page
/// is checked by [`missing_home_or_pages`]).
fn missing_section_pages(
    config: &Config,
    docs: &[Document],
    group_of: &HashMap<(String, String), usize>,
) -> Vec<Diagnostic> {
    let mut missing: BTreeMap<String, PathBuf> = BTreeMap::new();
    for d in docs {
        let mut section = if d.is_index() {
            if d.section.is_empty() {
                continue;
            }
            parent_section(&d.section).to_string()
        } else {
            d.section.clone()
        };
        while !section.is_empty() {
            if !group_of.contains_key(&(section.clone(), INDEX.to_string())) {
                missing
                    .entry(section.clone())
                    .or_insert_with(|| d.source.clone());
            }
            section = parent_section(&section).to_string();
        }
    }
    missing
        .into_iter()
        .map(|(section, example)| {
            let folder = format!("content/{section}");
            Diagnostic::error(
                &example,
                format!(
                    "{folder}/ has no {INDEX}.<lang>.md, so it has no title or page of its own"
                ),
            )
            .with_hint(format!(
                "create {folder}/{INDEX}.{}.md with a `title:`",
                config.default_language
            ))
        })
        .collect()
}

/// One route per group and language, borrowing along the language's fallback chain (or any
/// translation there is). Two routes whose paths a case-insensitive, normalising file system
/// folds together are an error, once per pair of files.
fn routes(
    config: &Config,
    docs: &[Document],
    groups: &[Group],
    diags: &mut Diagnostics,
) -> (Vec<Route>, HashMap<(usize, String), usize>) {
    let mut routes = Vec::new();
    let mut route_of = HashMap::new();
    // Keyed by the path folded as a case-insensitive, normalising file system folds it (macOS,
    // Windows, many hosts): `/it/Figures/` and `/it/figures/` cannot both exist there.
    let mut by_path: HashMap<String, usize> = HashMap::new();
    let mut reported: std::collections::HashSet<(usize, usize)> = Default::default();
    for (g, grp) in groups.iter().enumerate() {
        for lang in &config.languages {
            let chain = config.chain(&lang.code);
            let Some((doc, fallback)) = chain
                .iter()
                .enumerate()
                .find_map(|(n, code)| grp.docs.get(*code).map(|&d| (d, n > 0)))
                .or_else(|| grp.docs.values().next().map(|&d| (d, true)))
            else {
                continue;
            };
            let d = &docs[doc];
            let path = route_path(
                &lang.code,
                &grp.section,
                (!grp.is_index).then_some(&*d.slug),
            );
            let folded = fold_path(&path);
            if let Some(&other) = by_path.get(&folded) {
                let o: &Route = &routes[other];
                if reported.insert((doc, o.doc)) {
                    diags.push(path_collision(docs, d, o, &path));
                }
                continue;
            }
            by_path.insert(folded, routes.len());
            route_of.insert((g, lang.code.clone()), routes.len());
            routes.push(Route {
                lang: lang.code.clone(),
                group: g,
                doc,
                fallback,
                path,
            });
        }
    }
    (routes, route_of)
}

/// Two files published at one path, or at paths that differ only in case or accents' encoding.
fn path_collision(docs: &[Document], d: &Document, o: &Route, path: &str) -> Diagnostic {
    let message = if o.path == path {
        format!(
            "{} and {} would both be published at {path}",
            d.source.display(),
            docs[o.doc].source.display()
        )
    } else {
        format!(
            "{} and {} would be published at {path} and {}, which differ only in upper and lower case (or accents' encoding): on macOS, Windows and many web hosts they are the same folder",
            d.source.display(),
            docs[o.doc].source.display(),
            o.path
        )
    };
    Diagnostic::error(&d.source, message).with_hint(
        "rename one of the files (a page may not share its name with a folder next to it)",
    )
}

/// A site needs a home page, and at least one page at all.
fn missing_home_or_pages(
    config: &Config,
    docs: &[Document],
    group_of: &HashMap<(String, String), usize>,
) -> Vec<Diagnostic> {
    let hint = format!(
        "create content/{INDEX}.{}.md with a `title:`",
        config.default_language
    );
    let mut diags = Vec::new();
    if !group_of.contains_key(&(String::new(), INDEX.to_string())) && !docs.is_empty() {
        diags.push(
            Diagnostic::error(CONTENT_DIR, "the site has no home page").with_hint(hint.clone()),
        );
    }
    if docs.is_empty() {
        diags.push(
            Diagnostic::error(CONTENT_DIR, "the content folder holds no Markdown pages")
                .with_hint(hint),
        );
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str = "base_url = \"https://example.org\"\ndefault_language = \"it\"\n[[languages]]\ncode = \"it\"\nname = \"Italiano\"\n";

    #[test]
    fn windows_device_names_are_refused_with_or_without_an_extension() {
        for name in [
            "con",
            "PRN",
            "Aux",
            "nul",
            "com1",
            "COM7",
            "com9",
            "lpt1",
            "LPT9",
            "com0",
            "com¹",
            "aux.v2",
            "CON.txt",
            "nul.tar.gz",
        ] {
            let why = check_segment(name).unwrap_err();
            assert!(why.contains("reserved"), "{name}: {why}");
        }
        for name in [
            "console",
            "com10",
            "comune",
            "auxiliary",
            "lpt",
            "com",
            "nulla-osta",
            "a.con",
        ] {
            assert!(check_segment(name).is_ok(), "{name}");
        }
    }

    #[test]
    fn a_name_ending_in_a_dot_is_refused() {
        assert!(check_segment("visto.").unwrap_err().contains("dot"));
        assert!(check_segment("v1.2").is_ok());
    }

    #[test]
    fn invisible_characters_are_refused_by_code_point() {
        for (name, code) in [
            ("vis\u{200B}to", "U+200B"),
            ("\u{202E}dm.exe", "U+202E"),
            ("a\u{2066}b", "U+2066"),
            ("visto\u{FEFF}", "U+FEFF"),
            ("soft\u{AD}hyphen", "U+00AD"),
            ("a\u{200E}", "U+200E"),
            ("tag\u{E0041}", "U+E0041"),
        ] {
            let why = check_segment(name).unwrap_err();
            assert!(why.contains(code), "{name:?}: {why}");
        }
        // Joiners are spelling in Persian and Indic scripts.
        assert!(check_segment("می\u{200C}خواهم").is_ok());
        assert!(check_segment("التسجيل").is_ok());
    }

    fn site_with(
        files: &[(&str, &str)],
    ) -> (tempfile::TempDir, Result<(Site, Diagnostics), Diagnostics>) {
        let dir = tempfile::tempdir().unwrap();
        for (rel, text) in files {
            let p = dir.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let config = Config::parse(dir.path(), SITE).unwrap();
        let loaded = load(&config, false);
        (dir, loaded)
    }

    #[test]
    fn an_upper_case_md_file_is_a_warning_not_a_silent_gap() {
        let (_dir, loaded) = site_with(&[
            ("content/_index.it.md", "---\ntitle: Casa\n---\n"),
            ("content/guida.it.MD", "---\ntitle: Guida\n---\n"),
        ]);
        let (site, warnings) = loaded.unwrap();
        assert_eq!(site.docs.len(), 1);
        let w: Vec<String> = warnings.0.iter().map(ToString::to_string).collect();
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].contains("content/guida.it.MD") && w[0].contains("lowercase .md"),
            "{w:?}"
        );
    }

    #[test]
    fn front_matter_warnings_reach_the_load_stage() {
        let (_dir, loaded) = site_with(&[(
            "content/_index.it.md",
            "---\ntitle: Passo #2\ndescription: \"a\u{202E}b\"\n---\n",
        )]);
        let (site, warnings) = loaded.unwrap();
        assert_eq!(site.docs[0].front.title, "Passo");
        let w: Vec<String> = warnings.0.iter().map(ToString::to_string).collect();
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(
            w[0].contains("content/_index.it.md:2:") && w[0].contains('#'),
            "{w:?}"
        );
        assert!(
            w[1].contains("content/_index.it.md:3:") && w[1].contains("U+202E"),
            "{w:?}"
        );
        assert!(warnings.0.iter().all(|d| !d.is_error()));
    }

    #[test]
    fn a_link_ending_in_upper_case_md_is_an_error_naming_it() {
        let (_dir, loaded) = site_with(&[
            ("content/_index.it.md", "---\ntitle: Casa\n---\n"),
            ("content/enrol.it.md", "---\ntitle: Iscrizione\n---\n"),
        ]);
        let (site, _) = loaded.unwrap();
        let doc = &site.docs[0];
        let e = site.resolve_md_link(doc, "enrol.MD#age").unwrap_err();
        assert!(
            e.contains("`enrol.MD#age`") && e.contains("enrol.md"),
            "{e}"
        );
        assert!(site.resolve_md_link(doc, "enrol.Md").is_err());
        assert!(site.resolve_md_link(doc, "enrol.md").unwrap().is_some());
        for elsewhere in [
            "https://example.org/README.MD",
            "https://github.com/x/README.md",
            "//example.org/a.md",
            "mailto:a@b.md",
            "a.MDX",
            "MD",
        ] {
            assert_eq!(
                site.resolve_md_link(doc, elsewhere),
                Ok(None),
                "{elsewhere}"
            );
        }
    }
}
