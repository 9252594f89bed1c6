//! The preview server's in-memory site: the last good build, and the smallest rebuild for each kind
//! of change. It uses the same pipeline functions as `approdo build`; there is no second rendering
//! path, only a decision about *what* to render again.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::assets::{self, StaticFile};
use crate::check;
use crate::content::{self, Document, Site};
use crate::error::{relative_to, Diagnostic, Diagnostics};
use crate::pipeline::{self, BuildOptions, Checks, Prepared};
use crate::render;

use super::http::{ErrorReport, Snapshot};

/// What an editor changed, as the watcher classified it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Markdown files under `content/` (saved, added or deleted).
    Content(Vec<PathBuf>),
    /// Files under a static folder (theme or site).
    Static(Vec<PathBuf>),
    /// Templates, locales, data or `site.toml`: everything is rendered again.
    Everything(Vec<PathBuf>),
}

/// What a rebuild did.
#[derive(Debug)]
pub struct Outcome {
    /// Pages rendered again.
    pub rendered: usize,
    /// True when only stylesheets changed: the browser can swap them without reloading.
    pub css_only: bool,
    pub elapsed: Duration,
    /// Warnings of the rebuild.
    pub warnings: Diagnostics,
}

/// The site as served: last good model and output.
pub struct Session {
    pub opts: BuildOptions,
    prepared: Option<Prepared>,
    /// Rendered files by output path (`ar/legal/index.html`). Shared with the published snapshot
    /// and copied on the first write after publishing, so requests keep reading the old one.
    generated: Arc<HashMap<String, Arc<Vec<u8>>>>,
    /// Files of the static folders, as [`crate::output::static_files`] lists them for the build.
    statics: Arc<HashMap<String, Arc<Vec<u8>>>>,
    /// Languages (code, right to left) of the last `site.toml` read, even if the build failed.
    languages: Vec<(String, bool)>,
    /// Languages whose search index predates an edit: rebuilt when a search file is next asked
    /// for, so a save stays a one-page render.
    search_stale: BTreeSet<String>,
    /// A build has succeeded: `generated` holds a whole site (kept while a later rebuild fails).
    built: bool,
    /// The model in memory is the files on disk as of the last change applied. False after a
    /// failed or interrupted rebuild: a failed rebuild may have left a document unread, so the
    /// next change of any kind reads everything from disk again, exactly as `approdo build` would.
    in_sync: bool,
}

impl Session {
    /// An empty session; call [`Session::rebuild_all`] to build.
    pub fn new(opts: BuildOptions) -> Session {
        Session {
            opts,
            prepared: None,
            generated: Arc::default(),
            statics: Arc::default(),
            languages: Vec::new(),
            search_stale: BTreeSet::new(),
            built: false,
            in_sync: false,
        }
    }

    /// What is served now, for the request threads (cheap: shares the maps).
    pub fn snapshot(&self, error: Option<Arc<ErrorReport>>) -> Snapshot {
        Snapshot {
            generated: Arc::clone(&self.generated),
            statics: Arc::clone(&self.statics),
            languages: self.languages.clone(),
            error,
            built: self.built,
        }
    }

    /// The served file at `key`, if any (rendered files first, as in the build).
    pub fn file(&self, key: &str) -> Option<&Arc<Vec<u8>>> {
        self.generated.get(key).or_else(|| self.statics.get(key))
    }

    /// Every output path served, sorted: rendered and static.
    pub fn paths(&self) -> Vec<String> {
        let mut all: Vec<String> = self
            .generated
            .keys()
            .chain(self.statics.keys())
            .cloned()
            .collect();
        all.sort();
        all.dedup();
        all
    }

    /// Forget that the model matches the disk: the next change reads everything again. Called
    /// after a rebuild panicked half-way.
    pub fn invalidate(&mut self) {
        self.in_sync = false;
    }

    /// True when `key` (an output path) is a search file of a language whose index is out of date.
    pub fn search_is_stale(&self, key: &str) -> bool {
        key.split_once("/search/")
            .is_some_and(|(lang, rest)| rest.ends_with(".json") && self.search_stale.contains(lang))
    }

    /// True when some language's search index waits to be rebuilt.
    pub fn has_stale_search(&self) -> bool {
        !self.search_stale.is_empty()
    }

    /// Rebuilds the search index of the language `key` belongs to.
    pub fn refresh_search(&mut self, key: &str) {
        if let Some((lang, _)) = key.split_once("/search/") {
            let lang = lang.to_string();
            self.refresh_search_language(&lang);
        }
    }

    /// Rebuilds the first stale search index, if any.
    pub fn refresh_one_stale_search(&mut self) {
        if let Some(lang) = self.search_stale.iter().next().cloned() {
            self.refresh_search_language(&lang);
        }
    }

    /// Rebuilds every stale search index.
    pub fn refresh_all_search(&mut self) {
        let stale: Vec<String> = self.search_stale.iter().cloned().collect();
        for lang in stale {
            self.refresh_search_language(&lang);
        }
    }

    fn refresh_search_language(&mut self, lang: &str) {
        let Some(prepared) = self.prepared.as_ref() else {
            return;
        };
        let prefix = format!("{lang}/search/");
        let files = Arc::make_mut(&mut self.generated);
        files.retain(|k, _| !(k.starts_with(&prefix) && k.ends_with(".json")));
        for f in crate::render::search::build_language(&prepared.site, lang) {
            files.insert(f.path, Arc::new(f.contents));
        }
        self.search_stale.remove(lang);
    }

    /// Loads, parses and renders everything from disk, as `approdo build` does; on success replaces
    /// what is served. On failure what is served stays, and the session stays out of sync.
    pub fn rebuild_all(&mut self) -> Result<Outcome, Diagnostics> {
        let start = Instant::now();
        self.in_sync = false;
        // The old model is not needed to serve the old site (the served files are), nor after a
        // failure (the next change rebuilds from disk): drop it first, so a rebuild never holds two
        // models at once (at 12,000 pages, the difference between 1.4 GB and less).
        self.prepared = None;
        self.search_stale.clear();
        let config = pipeline::load_config(&self.opts).map_err(|f| f.0)?;
        self.languages = config
            .languages
            .iter()
            .map(|l| (l.code.clone(), l.dir == crate::config::Direction::Rtl))
            .collect();
        let mut prepared = pipeline::prepare(config, self.opts.drafts).map_err(|f| f.0)?;
        let so_far = std::mem::take(&mut prepared.diags);
        let (rendered, warnings) =
            pipeline::render_in_memory(prepared.parts(), so_far, Checks::Gate)?;
        self.statics = Arc::new(read_statics(&prepared.statics.files));
        let pages = prepared.site.routes.len();
        self.generated = Arc::new(
            rendered
                .into_iter()
                .map(|f| (f.path, Arc::new(f.contents)))
                .collect(),
        );
        self.prepared = Some(prepared);
        self.built = true;
        self.in_sync = true;
        Ok(Outcome {
            rendered: pages,
            css_only: false,
            elapsed: start.elapsed(),
            warnings,
        })
    }

    /// Applies one change with the smallest rebuild that keeps every served page equal to what
    /// `approdo build` of the same files would publish.
    pub fn apply(&mut self, change: &Change) -> Result<Outcome, Diagnostics> {
        if !self.in_sync || self.prepared.is_none() {
            return self.rebuild_all();
        }
        let result = match change {
            Change::Everything(_) => return self.rebuild_all(),
            Change::Static(paths) => self.static_changed(paths),
            Change::Content(paths) => self.content_changed(paths),
        };
        if result.is_err() {
            self.in_sync = false;
        }
        result
    }

    /// A file of a static folder (or a non-Markdown file of `content/`) was written, added or
    /// removed: list the folders again with the build's own lister (cheap next to rendering), so a
    /// new folder, a symlink or an ignored name is treated exactly as the build treats it. When the
    /// set of published files changed, pages' images may have appeared or gone missing: everything
    /// is parsed again, as `approdo build` would.
    fn static_changed(&mut self, paths: &[PathBuf]) -> Result<Outcome, Diagnostics> {
        let start = Instant::now();
        let css_only = paths
            .iter()
            .all(|p| p.extension().is_some_and(|e| e == "css"));
        let mut warnings = Diagnostics::default();
        if let Some(prepared) = self.prepared.as_mut() {
            let statics = assets::list(&prepared.config);
            if !statics.rels().eq(prepared.statics.rels()) {
                return self.rebuild_all();
            }
            warnings.extend(statics.skipped.iter().cloned());
            self.statics = Arc::new(read_statics(&statics.files));
            prepared.statics = statics;
        }
        Ok(Outcome {
            rendered: 0,
            css_only,
            elapsed: start.elapsed(),
            warnings,
        })
    }

    /// A saved page: when only its body changed, parse that one file and render the pages that show
    /// it (its own, and other languages' fallbacks). When its front matter changed, or pages were
    /// added or removed, the model is assembled again from memory and every page rendered (titles
    /// appear in menus, listings, breadcrumbs and neighbouring steps).
    fn content_changed(&mut self, paths: &[PathBuf]) -> Result<Outcome, Diagnostics> {
        let start = Instant::now();
        let Some(prepared) = self.prepared.as_ref() else {
            return self.rebuild_all();
        };
        let Some(reloaded) = reload(prepared, paths, self.opts.drafts)? else {
            return self.rebuild_all();
        };
        if !is_body_only(&prepared.site, &reloaded) {
            return self.restructure(reloaded, start);
        }
        self.rerender_bodies(reloaded, start)
    }

    /// Only bodies changed: the new documents take the old ones' places, are parsed and checked,
    /// and the routes that show them are rendered again.
    fn rerender_bodies(
        &mut self,
        reloaded: Reloaded,
        start: Instant,
    ) -> Result<Outcome, Diagnostics> {
        let Some(prepared) = self.prepared.as_mut() else {
            return self.rebuild_all();
        };
        let (changed, old) = swap_in(&mut prepared.site, reloaded);
        let diags = reparse(prepared, &changed);
        let routes = routes_showing(&prepared.site, &changed);
        let rendered = if diags.has_errors() {
            Err(diags.clone())
        } else {
            render::render_routes(&prepared.site, &prepared.theme, &routes)
        };
        let files = match rendered {
            Ok(files) => files,
            Err(e) => {
                // Keep the last good model, so the next save is compared with what is served.
                for (i, doc) in old {
                    prepared.site.docs[i] = doc;
                }
                return Err(e.sorted());
            }
        };
        let served = Arc::make_mut(&mut self.generated);
        for f in files {
            served.insert(f.path, Arc::new(f.contents));
        }
        if prepared.theme.has_search {
            for &r in &routes {
                self.search_stale
                    .insert(prepared.site.routes[r].lang.clone());
            }
        }
        Ok(Outcome {
            rendered: routes.len(),
            css_only: false,
            elapsed: start.elapsed(),
            warnings: diags,
        })
    }

    /// Pages added, removed or re-titled: rebuild the model from the documents in memory (only the
    /// changed files were read). When every page kept its place (a title, a weight, a description
    /// changed), only the changed files are parsed again, and only the pages that show what changed
    /// are rendered ([`routes_showing_front_matter`]); otherwise everything is parsed and rendered.
    /// The served model is replaced only when all of it succeeded.
    fn restructure(&mut self, reloaded: Reloaded, start: Instant) -> Result<Outcome, Diagnostics> {
        let Some(prepared) = self.prepared.as_mut() else {
            return self.rebuild_all();
        };
        let replaced: BTreeSet<usize> = reloaded.iter().filter_map(|(i, _)| *i).collect();
        let mut docs: Vec<Document> = prepared
            .site
            .docs
            .iter()
            .enumerate()
            .filter(|(i, _)| !replaced.contains(i))
            .map(|(_, d)| d.clone())
            .collect();
        let new_sources: BTreeSet<PathBuf> = reloaded
            .iter()
            .filter_map(|(_, d)| d.as_ref().map(|d| d.source.clone()))
            .collect();
        docs.extend(reloaded.into_iter().filter_map(|(_, d)| d));
        docs.sort_by(|a, b| a.source.cmp(&b.source));
        let mut diags = Diagnostics::default();
        let mut site = content::assemble(prepared.site.config.clone(), docs, &mut diags);
        let kept_places = same_routes(&prepared.site, &site);
        let changed: BTreeSet<usize> = site
            .docs
            .iter()
            .enumerate()
            .filter(|(_, d)| new_sources.contains(&d.source))
            .map(|(i, _)| i)
            .collect();
        if !diags.has_errors() {
            let data = prepared.site.data.clone();
            diags.extend(pipeline::complete_model_parsing(
                &mut site,
                &data,
                &prepared.theme,
                &prepared.statics,
                kept_places.then_some(&changed),
            ));
        }
        if diags.has_errors() {
            return Err(diags.sorted());
        }
        if kept_places {
            return self.rerender_front_matter(site, &changed, diags, start);
        }
        let (files, diags) = pipeline::render_in_memory(
            (&site, &prepared.theme, &prepared.statics),
            diags,
            Checks::Gate,
        )?;
        // Pages that no longer exist must not stay served: rendered files are replaced whole.
        let rendered = site.routes.len();
        self.generated = Arc::new(
            files
                .into_iter()
                .map(|f| (f.path, Arc::new(f.contents)))
                .collect(),
        );
        self.search_stale.clear();
        prepared.site = site;
        Ok(Outcome {
            rendered,
            css_only: false,
            elapsed: start.elapsed(),
            warnings: diags,
        })
    }

    /// Front matter changed and every page kept its place: check the changed documents, render the
    /// pages that show them and the generated files (menus of the search pages, sitemap, aliases),
    /// and leave the search indexes to the background rebuild.
    fn rerender_front_matter(
        &mut self,
        site: Site,
        changed: &BTreeSet<usize>,
        mut diags: Diagnostics,
        start: Instant,
    ) -> Result<Outcome, Diagnostics> {
        let Some(prepared) = self.prepared.as_mut() else {
            return self.rebuild_all();
        };
        let changed_list: Vec<usize> = changed.iter().copied().collect();
        diags.extend(
            check::check_docs_and_content(&site, &changed_list)
                .into_iter()
                .filter(Diagnostic::is_error),
        );
        if diags.has_errors() {
            return Err(diags.sorted());
        }
        let routes = routes_showing_front_matter(&site, changed);
        let route_files: Vec<String> = site.routes.iter().map(render::route_file).collect();
        let mut files = render::render_routes(&site, &prepared.theme, &routes)?;
        files.extend(render::render_generated(
            &site,
            &prepared.theme,
            &route_files,
        )?);
        let served = Arc::make_mut(&mut self.generated);
        for f in files {
            served.insert(f.path, Arc::new(f.contents));
        }
        if prepared.theme.has_search {
            self.search_stale
                .extend(site.config.languages.iter().map(|l| l.code.clone()));
        }
        prepared.site = site;
        Ok(Outcome {
            rendered: routes.len(),
            css_only: false,
            elapsed: start.elapsed(),
            warnings: diags.sorted(),
        })
    }
}

/// Whether two models publish the same pages at the same addresses, from the same files in the
/// same groups: then a document's parse result (its links point at groups by number) still holds.
fn same_routes(old: &Site, new: &Site) -> bool {
    old.routes.len() == new.routes.len()
        && old.docs.len() == new.docs.len()
        && old.groups.len() == new.groups.len()
        && old.routes.iter().zip(&new.routes).all(|(a, b)| {
            a.path == b.path
                && a.lang == b.lang
                && a.fallback == b.fallback
                && a.group == b.group
                && old.docs[a.doc].source == new.docs[b.doc].source
        })
        && old
            .groups
            .iter()
            .zip(&new.groups)
            .all(|(a, b)| a.section == b.section && a.key == b.key && a.is_index == b.is_index)
}

/// The routes whose page shows something of the front matter of `docs` (title, description,
/// weight, step, kind): the pages themselves in every language; for a page, its section's index
/// (the listing) and pages (step navigation); for a section's index, everything inside the
/// section (breadcrumbs, kind) and its parent's index; for the home page, a top-level section or
/// the glossary (the menu, every breadcrumb trail, every page's term links), every page.
fn routes_showing_front_matter(site: &Site, docs: &BTreeSet<usize>) -> Vec<usize> {
    let glossary = site.group_by_key("", crate::glossary::PAGE_KEY);
    let groups = site.groups_of(docs.iter().copied());
    let mut everything = false;
    let mut sections: BTreeSet<&str> = BTreeSet::new();
    let mut subtrees: BTreeSet<&str> = BTreeSet::new();
    for &g in &groups {
        let grp = &site.groups[g];
        if Some(g) == glossary || (grp.is_index && !grp.section.contains('/')) {
            everything = true;
        } else if grp.is_index {
            subtrees.insert(&grp.section);
            sections.insert(content::parent_section(&grp.section));
        } else {
            sections.insert(&grp.section);
        }
    }
    let inside = |section: &str, tree: &str| {
        section == tree
            || section
                .strip_prefix(tree)
                .is_some_and(|rest| rest.starts_with('/'))
    };
    site.routes
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            let grp = &site.groups[r.group];
            everything
                || groups.contains(&r.group)
                || sections.contains(grp.section.as_str())
                || subtrees.iter().any(|t| inside(&grp.section, t))
        })
        .map(|(i, _)| i)
        .collect()
}

/// Each changed file: the index of its document in the model (if it had one) and its new
/// document (`None`: the page is gone).
type Reloaded = Vec<(Option<usize>, Option<Document>)>;

/// Reads the changed files again; `Ok(None)` when one is something only the build's own loader
/// decides about (a symbolic link, a folder named `x.md`, an unreadable entry: a warning or an
/// error), so everything must be read from disk.
fn reload(
    prepared: &Prepared,
    paths: &[PathBuf],
    drafts: bool,
) -> Result<Option<Reloaded>, Diagnostics> {
    let config = &prepared.site.config;
    let canonical_root = config
        .root
        .canonicalize()
        .unwrap_or_else(|_| config.root.clone());
    let mut reloaded = Vec::new();
    for path in paths {
        // The watcher reports absolute paths; the model knows them relative to the root.
        let rel = relative_to(&canonical_root, path);
        let path = &config.root.join(&rel);
        let existing = prepared.site.docs.iter().position(|d| d.source == rel);
        let doc = match std::fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_file() => {
                content::load_document(config, path, drafts).map_err(Diagnostics::from)?
            }
            // Gone: the page is removed.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            _ => return Ok(None),
        };
        reloaded.push((existing, doc));
    }
    Ok(Some(reloaded))
}

/// Every changed file is an existing page whose front matter and place are unchanged. The
/// glossary's text goes into every page (term links and their descriptions): an edit to it
/// renders everything, like a title change.
fn is_body_only(site: &Site, reloaded: &Reloaded) -> bool {
    let glossary_docs: Vec<usize> = site
        .group_by_key("", crate::glossary::PAGE_KEY)
        .map(|g| site.groups[g].docs.values().copied().collect())
        .unwrap_or_default();
    reloaded
        .iter()
        .all(|(existing, doc)| match (existing, doc) {
            (Some(i), Some(new)) => {
                !glossary_docs.contains(i) && same_structure(&site.docs[*i], new)
            }
            _ => false,
        })
}

/// Puts the reloaded documents in their places; returns the places, and the documents they
/// replaced (to put back if the rebuild fails).
fn swap_in(site: &mut Site, reloaded: Reloaded) -> (BTreeSet<usize>, Vec<(usize, Document)>) {
    let mut changed = BTreeSet::new();
    let mut old = Vec::new();
    for (existing, doc) in reloaded {
        let (Some(i), Some(doc)) = (existing, doc) else {
            continue;
        };
        old.push((i, std::mem::replace(&mut site.docs[i], doc)));
        changed.insert(i);
    }
    (changed, old)
}

/// Parses the changed documents and runs the checks that concern them (their links, and the
/// links of pages pointing at their anchors); their warnings, and any error.
fn reparse(prepared: &mut Prepared, changed: &BTreeSet<usize>) -> Diagnostics {
    let shortcodes = prepared.theme.shortcodes();
    let mut diags = Diagnostics::default();
    for &i in changed {
        let (parsed, problems) =
            pipeline::parse_doc(&prepared.site, i, &shortcodes, &prepared.statics);
        prepared.site.docs[i].parsed = parsed;
        diags.extend(problems);
    }
    let changed_list: Vec<usize> = changed.iter().copied().collect();
    diags.extend(
        check::check_docs(&prepared.site, &changed_list)
            .into_iter()
            .filter(Diagnostic::is_error),
    );
    diags
}

/// The routes that show one of `docs`: each page's own, and other languages' fallbacks.
fn routes_showing(site: &Site, docs: &BTreeSet<usize>) -> Vec<usize> {
    site.routes
        .iter()
        .enumerate()
        .filter(|(_, r)| docs.contains(&r.doc))
        .map(|(i, _)| i)
        .collect()
}

/// Same place in the model and the same front matter: only the body differs.
fn same_structure(old: &Document, new: &Document) -> bool {
    old.lang == new.lang
        && old.section == new.section
        && old.slug == new.slug
        && serde_json::to_value(&old.front).ok() == serde_json::to_value(&new.front).ok()
}

/// Reads the listed static files into memory. A file that vanished between listing and reading is
/// left out, as the next event will say.
fn read_statics(files: &[StaticFile]) -> HashMap<String, Arc<Vec<u8>>> {
    files
        .iter()
        .filter_map(|f| Some((f.rel.clone(), Arc::new(std::fs::read(&f.path).ok()?))))
        .collect()
}
