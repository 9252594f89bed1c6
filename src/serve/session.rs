//! The preview server's in-memory site: the last good build, and the smallest rebuild for each kind
//! of change. It uses the same pipeline functions as `approdo build`; there is no second rendering
//! path, only a decision about *what* to render again.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::check;
use crate::content::{self, Document};
use crate::error::{relative_to, Diagnostic, Diagnostics};
use crate::pipeline::{self, BuildOptions, Prepared};
use crate::render;

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
    /// Output path (`ar/legal/index.html`) → bytes.
    pub files: HashMap<String, Arc<Vec<u8>>>,
    /// Languages whose search index predates an edit: rebuilt when a search file is next asked
    /// for, so a save stays a one-page render.
    search_stale: BTreeSet<String>,
}

impl Session {
    /// An empty session; call [`Session::rebuild_all`] to build.
    pub fn new(opts: BuildOptions) -> Session {
        Session {
            opts,
            prepared: None,
            files: HashMap::new(),
            search_stale: BTreeSet::new(),
        }
    }

    /// True when `key` (an output path) is a search file of a language whose index is out of date.
    pub fn search_is_stale(&self, key: &str) -> bool {
        key.split_once("/search/")
            .is_some_and(|(lang, rest)| rest.ends_with(".json") && self.search_stale.contains(lang))
    }

    /// Rebuilds the search index of the language `key` belongs to.
    pub fn refresh_search(&mut self, key: &str) {
        let Some((lang, _)) = key.split_once("/search/") else {
            return;
        };
        let Some(prepared) = self.prepared.as_ref() else {
            return;
        };
        let prefix = format!("{lang}/search/");
        self.files
            .retain(|k, _| !(k.starts_with(&prefix) && k.ends_with(".json")));
        for f in crate::search::build_language(&prepared.site, lang) {
            self.files.insert(f.path, Arc::new(f.contents));
        }
        self.search_stale.remove(lang);
    }

    pub fn languages(&self) -> Vec<String> {
        self.prepared
            .as_ref()
            .map(|p| p.config.languages.iter().map(|l| l.code.clone()).collect())
            .unwrap_or_default()
    }

    /// Loads, parses and renders everything; on success replaces what is served.
    pub fn rebuild_all(&mut self) -> Result<Outcome, Diagnostics> {
        let start = Instant::now();
        let config = pipeline::load_config(&self.opts).map_err(|f| f.0)?;
        let mut prepared = pipeline::prepare(config, self.opts.drafts).map_err(|f| f.0)?;
        prepared.diags.extend(
            check::check_site(&prepared.site)
                .into_iter()
                .filter(Diagnostic::is_error),
        );
        if prepared.diags.has_errors() {
            return Err(prepared.diags.sorted());
        }
        let rendered = render::render_site(&prepared.site, &prepared.theme)?;
        let mut files: HashMap<String, Arc<Vec<u8>>> = HashMap::new();
        for dir in prepared.static_dirs() {
            for (rel, path) in walk_files(&dir) {
                if let Ok(bytes) = std::fs::read(&path) {
                    files.insert(rel, Arc::new(bytes));
                }
            }
        }
        let pages = prepared.site.routes.len();
        for f in rendered {
            files.insert(f.path, Arc::new(f.contents));
        }
        let warnings = std::mem::take(&mut prepared.diags);
        self.files = files;
        self.prepared = Some(prepared);
        Ok(Outcome {
            rendered: pages,
            css_only: false,
            elapsed: start.elapsed(),
            warnings,
        })
    }

    /// Applies one change with the smallest rebuild that keeps every served page correct.
    pub fn apply(&mut self, change: &Change) -> Result<Outcome, Diagnostics> {
        match change {
            Change::Everything(_) => self.rebuild_all(),
            Change::Static(paths) => Ok(self.static_changed(paths)),
            Change::Content(paths) => {
                if self.prepared.is_none() {
                    return self.rebuild_all();
                }
                self.content_changed(paths)
            }
        }
    }

    fn static_changed(&mut self, paths: &[PathBuf]) -> Outcome {
        let start = Instant::now();
        let dirs = self
            .prepared
            .as_ref()
            .map(Prepared::static_dirs)
            .unwrap_or_default();
        let mut css_only = true;
        let root = self
            .opts
            .root
            .canonicalize()
            .unwrap_or_else(|_| self.opts.root.clone());
        for path in paths {
            let path = &self.opts.root.join(relative_to(&root, path));
            let Some(dir) = dirs.iter().find(|d| path.starts_with(d)) else {
                continue;
            };
            let rel = relative_to(dir, path).to_string_lossy().replace('\\', "/");
            css_only &= rel.ends_with(".css");
            match std::fs::read(path) {
                Ok(bytes) => {
                    self.files.insert(rel, Arc::new(bytes));
                }
                Err(_) => {
                    self.files.remove(&rel);
                }
            }
        }
        Outcome {
            rendered: 0,
            css_only,
            elapsed: start.elapsed(),
            warnings: Diagnostics::default(),
        }
    }

    /// A saved page: when only its body changed, parse that one file and render the pages that show
    /// it (its own, and other languages' fallbacks). When its front matter changed, or pages were
    /// added or removed, the model is assembled again from memory and every page rendered (titles
    /// appear in menus, listings, breadcrumbs and neighbouring steps).
    fn content_changed(&mut self, paths: &[PathBuf]) -> Result<Outcome, Diagnostics> {
        let start = Instant::now();
        let Some(prepared) = self.prepared.as_mut() else {
            return self.rebuild_all();
        };
        let config = prepared.site.config.clone();
        let canonical_root = config
            .root
            .canonicalize()
            .unwrap_or_else(|_| config.root.clone());
        let mut reloaded: Vec<(Option<usize>, Option<Document>)> = Vec::new();
        for path in paths {
            // The watcher reports absolute paths; the model knows them relative to the root.
            let rel = relative_to(&canonical_root, path);
            let path = &config.root.join(&rel);
            let existing = prepared.site.docs.iter().position(|d| d.source == rel);
            let doc = if path.is_file() {
                content::load_document(&config, path, self.opts.drafts)
                    .map_err(Diagnostics::from)?
            } else {
                None
            };
            reloaded.push((existing, doc));
        }
        let body_only = reloaded
            .iter()
            .all(|(existing, doc)| match (existing, doc) {
                (Some(i), Some(new)) => same_structure(&prepared.site.docs[*i], new),
                _ => false,
            });
        if !body_only {
            return self.restructure(reloaded, start);
        }
        let shortcodes = prepared.theme.shortcodes();
        let mut changed = BTreeSet::new();
        let mut old = Vec::new();
        for (existing, doc) in reloaded {
            let (Some(i), Some(doc)) = (existing, doc) else {
                continue;
            };
            old.push((i, std::mem::replace(&mut prepared.site.docs[i], doc)));
            changed.insert(i);
        }
        let mut diags = Diagnostics::default();
        for &i in &changed {
            let (parsed, problems) = pipeline::parse_doc(&prepared.site, i, &shortcodes);
            prepared.site.docs[i].parsed = parsed;
            diags.extend(problems);
        }
        let changed_list: Vec<usize> = changed.iter().copied().collect();
        diags.extend(
            check::check_docs(&prepared.site, &changed_list)
                .into_iter()
                .filter(Diagnostic::is_error),
        );
        let routes: Vec<usize> = prepared
            .site
            .routes
            .iter()
            .enumerate()
            .filter(|(_, r)| changed.contains(&r.doc))
            .map(|(i, _)| i)
            .collect();
        let rendered = if diags.has_errors() {
            Err(diags.clone())
        } else {
            render::render_routes(&prepared.site, &prepared.theme, &routes)
        };
        match rendered {
            Ok(files) => {
                for f in files {
                    self.files.insert(f.path, Arc::new(f.contents));
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
            Err(e) => {
                // Keep the last good model, so the next save is compared with what is served.
                for (i, doc) in old {
                    prepared.site.docs[i] = doc;
                }
                Err(e.sorted())
            }
        }
    }

    /// Pages added, removed or re-titled: rebuild the model from the documents in memory (only the
    /// changed files were read), parse and render everything. The served model is replaced only
    /// when all of it succeeded.
    fn restructure(
        &mut self,
        reloaded: Vec<(Option<usize>, Option<Document>)>,
        start: Instant,
    ) -> Result<Outcome, Diagnostics> {
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
        docs.extend(reloaded.into_iter().filter_map(|(_, d)| d));
        docs.sort_by(|a, b| a.source.cmp(&b.source));
        let mut diags = Diagnostics::default();
        let mut site = content::assemble(prepared.site.config.clone(), docs, &mut diags);
        site.data = prepared.site.data.clone();
        if !diags.has_errors() {
            diags.extend(pipeline::parse_all(&mut site, &prepared.theme.shortcodes()));
        }
        if !diags.has_errors() {
            diags.extend(
                check::check_site(&site)
                    .into_iter()
                    .filter(Diagnostic::is_error),
            );
        }
        if diags.has_errors() {
            return Err(diags.sorted());
        }
        let files = render::render_site(&site, &prepared.theme)?;
        // Pages that no longer exist must not stay served: generated files are replaced whole.
        self.files
            .retain(|k, _| !(k.ends_with(".html") || k.ends_with(".xml") || k.ends_with(".txt")));
        let rendered = site.routes.len();
        for f in files {
            self.files.insert(f.path, Arc::new(f.contents));
        }
        prepared.site = site;
        Ok(Outcome {
            rendered,
            css_only: false,
            elapsed: start.elapsed(),
            warnings: diags,
        })
    }
}

/// Same place in the model and the same front matter: only the body differs.
fn same_structure(old: &Document, new: &Document) -> bool {
    old.lang == new.lang
        && old.section == new.section
        && old.slug == new.slug
        && serde_json::to_value(&old.front).ok() == serde_json::to_value(&new.front).ok()
}

/// Files below `dir` as (path relative to it with `/`, absolute path), skipping editor files.
fn walk_files(dir: &Path) -> Vec<(String, PathBuf)> {
    walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| !content::is_ignored_name(&e.file_name().to_string_lossy()))
        .map(|e| {
            let rel = relative_to(dir, e.path())
                .to_string_lossy()
                .replace('\\', "/");
            (rel, e.into_path())
        })
        .collect()
}
