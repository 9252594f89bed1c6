//! Render stage: the theme's Tera templates, the `t()` function for UI strings, and one context per
//! route, rendered in parallel.
//!
//! Templates are parsed once; each language gets a clone with its own `t`/`t_attr` functions bound,
//! so templates write `t(key="step-of", current=2, total=6)` without passing the language around.
//! Every `t(key="…")` literal in the templates is checked before rendering, so a key missing in every
//! language is reported at its template line, not discovered page by page.

pub mod chart;
mod context;
mod functions;
mod generated;
mod page;
pub mod search;
mod theme;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::content::Site;
use crate::error::{Diagnostic, Diagnostics};

use context::Bases;
use generated::*;
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
    let mut files = Vec::with_capacity(results.len());
    let mut diags = Diagnostics::default();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(d) => diags.push(d),
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(files)
    }
}

/// Renders every route, plus the language chooser, 404 pages, sitemap and robots.txt.
pub fn render_site(site: &Site, theme: &Theme) -> Result<Vec<OutputFile>, Diagnostics> {
    render_site_with_progress(site, theme, None)
}

/// [`render_site`], advancing `progress` by one for each page rendered.
pub fn render_site_with_progress(
    site: &Site,
    theme: &Theme,
    progress: Option<&indicatif::ProgressBar>,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let config = &site.config;
    let bases = Bases::new(site);
    // The search index is built alongside the pages (from the text the parse stage kept).
    let (results, search_files): (Vec<Result<OutputFile, Diagnostic>>, Vec<OutputFile>) =
        rayon::join(
            || {
                (0..site.routes.len())
                    .into_par_iter()
                    .map(|r| {
                        let out = render_route(site, theme, &bases, r);
                        if let Some(p) = progress {
                            p.inc(1);
                        }
                        out
                    })
                    .collect()
            },
            || {
                if theme.has_search {
                    crate::render::search::build(site)
                } else {
                    Vec::new()
                }
            },
        );
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
    let mut record = |res: Result<OutputFile, Diagnostic>, files: &mut Vec<OutputFile>| match res {
        Ok(f) => files.push(f),
        Err(d) => diags.push(d),
    };
    record(render_chooser(site, theme), &mut files);
    for lang in &config.languages {
        record(render_404(site, theme, lang, false), &mut files);
    }
    record(
        render_404(site, theme, config.default_lang(), true),
        &mut files,
    );
    if theme.has_search {
        for lang in &config.languages {
            record(render_search(site, theme, lang), &mut files);
        }
        let search_paths: Vec<String> = config
            .languages
            .iter()
            .map(|l| format!("/{}/search/", l.code))
            .collect();
        for r in site
            .routes
            .iter()
            .filter(|r| search_paths.contains(&r.path))
        {
            record(
                Err(Diagnostic::error(
                    &site.docs[r.doc].source,
                    format!("{} is where the search page is published", r.path),
                )
                .with_hint("rename this folder or page: `search` is reserved")),
                &mut files,
            );
        }
    }
    for (_, (mut d, more)) in errors {
        if more > 0 {
            d.message.push_str(&format!(" (and {more} more pages)"));
        }
        diags.push(d);
    }
    if diags.has_errors() {
        return Err(diags);
    }
    files.extend(search_files);
    files.push(OutputFile {
        path: "sitemap.xml".into(),
        contents: sitemap(site).into_bytes(),
    });
    // Headers for static hosts that read them (Netlify, Cloudflare Pages); README shows nginx.
    // `frame-ancestors` only works as a header, never in a meta tag.
    files.push(OutputFile {
        path: "_headers".into(),
        contents: format!(
            "/*\n  Content-Security-Policy: {CSP}; frame-ancestors 'none'\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n"
        )
        .into_bytes(),
    });
    files.push(OutputFile {
        path: "robots.txt".into(),
        contents: format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}/sitemap.xml\n",
            config.base_url
        )
        .into_bytes(),
    });
    Ok(files)
}
