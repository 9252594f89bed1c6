//! Render stage: the theme's Tera templates, the `t()` function for UI strings, and one context per
//! route, rendered in parallel.
//!
//! Templates are parsed once; each language gets a clone with its own `t`/`t_attr` functions bound,
//! so templates write `t(key="step-of", current=2, total=6)` without passing the language around.
//! Every `t(key="…")` literal in the templates is checked before rendering, so a key missing in every
//! language is reported at its template line, not discovered page by page.

mod aliases;
pub mod chart;
mod context;
mod functions;
mod generated;
pub mod offline;
mod page;
pub mod search;
mod theme;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::content::Site;
use crate::error::{Diagnostic, Diagnostics};

use context::Bases;
use generated::{generated_pages, site_files};
use page::render_route;
pub use theme::{error_chain, template_keys, Theme, REQUIRED_TEMPLATES};

/// The Content-Security-Policy of every page: only the site itself, no inline script or style.
/// Written into each page's `<meta>` (as `csp` in templates) and into `_headers` for static hosts.
pub const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

/// One file of the output, relative to the output folder with `/` separators.
#[derive(Debug)]
pub struct OutputFile {
    pub path: String,
    pub contents: Vec<u8>,
}

/// Renders the given routes only (the preview server re-renders what an edit touched).
pub fn render_routes(
    site: &Site,
    theme: &Theme,
    routes: &[usize],
) -> Result<Vec<OutputFile>, Diagnostics> {
    let bases = Bases::new(site);
    let results: Vec<Result<OutputFile, Diagnostic>> = routes
        .par_iter()
        .map(|&r| render_route(site, theme, &bases, r))
        .collect();
    let (files, diags) = gather(results);
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(files)
    }
}

/// Where rendered files go as they are made: the write stage's staging folder for a build, memory
/// for the preview, nowhere for `approdo check`. Each page is handed over as soon as it is rendered
/// instead of the whole site being held until the end: at 12,000 pages the rendered HTML alone is
/// a quarter of a gigabyte, and writing while rendering overlaps the disk with the CPU.
pub trait Sink: Sync {
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic>;
}

/// Keeps every file (the preview serves from memory).
#[derive(Default)]
pub struct InMemory(std::sync::Mutex<Vec<OutputFile>>);

impl InMemory {
    pub fn into_files(self) -> Vec<OutputFile> {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for InMemory {
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        Ok(())
    }
}

/// Drops every file: `approdo check` renders to find template errors, not to keep pages.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _: OutputFile) -> Result<(), Diagnostic> {
        Ok(())
    }
}

/// Renders every route, plus the language chooser, 404 pages, search pages and indexes, sitemap,
/// robots.txt and `_headers`, into `sink`; advances `progress` by one for each page rendered.
/// Returns the paths of the files made (what later checks compare static files with).
pub fn render_site(
    site: &Site,
    theme: &Theme,
    progress: Option<&indicatif::ProgressBar>,
    sink: &dyn Sink,
) -> Result<Vec<String>, Diagnostics> {
    // The search index is built alongside the pages (from the text the parse stage kept).
    let (pages, search_files) = rayon::join(
        || render_all_routes(site, theme, progress, sink),
        || {
            if theme.has_search {
                search::build(site, sink)
            } else {
                Ok(Vec::new())
            }
        },
    );
    let (mut paths, mut diags) = gather(pages);
    let small = match render_generated(site, theme, &paths) {
        Ok(small) => small,
        Err(e) => {
            diags.extend(e);
            Vec::new()
        }
    };
    match search_files {
        Ok(written) => paths.extend(written),
        Err(e) => diags.extend(e),
    }
    if diags.has_errors() {
        return Err(diags);
    }
    paths.extend(small.iter().map(|f| f.path.clone()));
    let failures: Vec<Diagnostic> = small
        .into_par_iter()
        .filter_map(|f| sink.put(f).err())
        .collect();
    if !failures.is_empty() {
        return Err(Diagnostics(failures));
    }
    Ok(paths)
}

/// The files no Markdown file stands for: the language chooser, 404 pages, search pages, alias
/// pages, sitemap, robots.txt and `_headers`. `route_files` are the pages' own paths, which an
/// alias may not take.
pub fn render_generated(
    site: &Site,
    theme: &Theme,
    route_files: &[String],
) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut small = Vec::new();
    let mut diags = generated_pages(site, theme, &mut small);
    let made: Vec<String> = route_files
        .iter()
        .cloned()
        .chain(small.iter().map(|f| f.path.clone()))
        .collect();
    let (alias_files, alias_errors) = aliases::alias_pages(site, &made);
    diags.extend(alias_errors);
    small.extend(alias_files);
    if diags.has_errors() {
        return Err(diags);
    }
    small.extend(site_files(site));
    Ok(small)
}

/// The file a route is written to (`ar/legal/visa/index.html`).
pub fn route_file(route: &crate::content::Route) -> String {
    format!("{}index.html", route.path.trim_start_matches('/'))
}

fn render_all_routes(
    site: &Site,
    theme: &Theme,
    progress: Option<&indicatif::ProgressBar>,
    sink: &dyn Sink,
) -> Vec<Result<String, Diagnostic>> {
    let bases = Bases::new(site);
    (0..site.routes.len())
        .into_par_iter()
        .map(|r| {
            let out = render_route(site, theme, &bases, r).and_then(|f| {
                let path = f.path.clone();
                sink.put(f).map(|()| path)
            });
            if let Some(p) = progress {
                p.inc(1);
            }
            out
        })
        .collect()
}

/// Rendered files, and the errors grouped: a broken template fails every page that uses it, and
/// one message "(and 1,999 more pages)" says more than two thousand copies.
fn gather<T>(results: Vec<Result<T, Diagnostic>>) -> (Vec<T>, Diagnostics) {
    let mut files = Vec::with_capacity(results.len() + 16);
    let mut errors: BTreeMap<String, (Diagnostic, usize)> = BTreeMap::new();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(d) => {
                errors
                    .entry(format!("{}{}", d.file.display(), d.message))
                    .and_modify(|e| e.1 += 1)
                    .or_insert((d, 0));
            }
        }
    }
    let mut diags = Diagnostics::default();
    for (_, (mut d, more)) in errors {
        if more > 0 {
            d.message.push_str(&format!(" (and {more} more pages)"));
        }
        diags.push(d);
    }
    (files, diags)
}
