//! Pages for old addresses (`aliases:` in front matter, as Hugo and Zola have them): a leaflet
//! printed last year with `/legal/visto/` keeps leading to the page now at `/legal/visa/`.
//!
//! Each old address gets a small page in every language the group is shown in (a language-less
//! alias `/legal/visto/` becomes `/ar/legal/visto/`, …; one written with a language prefix only
//! that language's): a `<meta http-equiv="refresh">` and a visible link, no script (the site's CSP
//! forbids it, and a phone with JavaScript off must still follow), `noindex` and a canonical link so
//! search engines file the content under the new address. Nothing here comes from a template: the
//! page has no text of its own but the target's title, so it needs no UI string in any language.

use std::collections::BTreeMap;

use super::{OutputFile, CSP};
use crate::content::Site;
use crate::error::Diagnostic;
use crate::escape::xml_escape;

/// The alias pages of the whole site, and the errors: an alias that two pages claim, one where the
/// build already writes a file (one of `made`: a page, a search page, a 404).
pub(super) fn alias_pages(site: &Site, made: &[String]) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    // Most sites have no aliases: they pay nothing, not even the set of every file written.
    if site.docs.iter().all(|d| d.front.aliases.is_empty()) {
        return (Vec::new(), Vec::new());
    }
    let taken: std::collections::HashSet<&str> = made.iter().map(String::as_str).collect();
    let mut by_path: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut errors = Vec::new();
    for (ri, route) in site.routes.iter().enumerate() {
        let group = &site.groups[route.group];
        let aliases = group.docs.values().flat_map(|&d| {
            site.docs[d]
                .front
                .aliases
                .iter()
                .map(move |a| (d, a.as_str()))
        });
        for (doc_i, alias) in aliases {
            let Some(path) = alias_path(site, alias, &route.lang) else {
                continue;
            };
            let doc = &site.docs[doc_i];
            if taken.contains(file_of(&path).as_str()) {
                errors.push(Diagnostic::error(
                    &doc.source,
                    format!("alias `{alias}`: {path} is the address of a page of the site"),
                ).with_hint("remove the alias, or move the other page: an address can lead to one page only"));
                continue;
            }
            if let Some(&(other_route, other_doc)) = by_path.get(&path) {
                if site.routes[other_route].group != route.group {
                    errors.push(Diagnostic::error(
                        &doc.source,
                        format!(
                            "alias `{alias}`: {} has the same alias, and {path} can lead to one page only",
                            site.docs[other_doc].source.display()
                        ),
                    ));
                }
                continue;
            }
            by_path.insert(path, (ri, doc_i));
        }
    }
    errors.sort_by(|a, b| (&a.file, &a.message).cmp(&(&b.file, &b.message)));
    errors.dedup_by(|a, b| a.file == b.file && a.message == b.message);
    let files = by_path
        .into_iter()
        .map(|(path, (ri, _))| alias_page(site, &path, ri))
        .collect();
    (files, errors)
}

/// The site path an alias takes in `lang`: a language-less alias under `/<lang>/`, an alias
/// starting with a language code only in that language. `None` for another language's alias.
fn alias_path(site: &Site, alias: &str, lang: &str) -> Option<String> {
    let trimmed = alias.trim_start_matches('/');
    let first = trimmed.split('/').next().unwrap_or("");
    let path = if site.config.language(first).is_some() {
        (first == lang).then(|| format!("/{trimmed}"))?
    } else {
        format!("/{lang}/{trimmed}")
    };
    let is_file = path
        .rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'));
    Some(if is_file || path.ends_with('/') {
        path
    } else {
        format!("{path}/")
    })
}

fn alias_page(site: &Site, path: &str, route: usize) -> OutputFile {
    let config = &site.config;
    let r = &site.routes[route];
    let lang = config.language(&r.lang).unwrap_or(config.default_lang());
    let title = xml_escape(&site.docs[r.doc].front.title);
    let href = xml_escape(&config.href(&r.path));
    let canonical = xml_escape(&config.absolute_url(&r.path));
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{tag}\" dir=\"{dir}\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={href}\">\n<link rel=\"canonical\" href=\"{canonical}\">\n<title>{title}</title>\n</head>\n<body>\n<main>\n<p><a href=\"{href}\">{title}</a></p>\n</main>\n</body>\n</html>\n",
        tag = xml_escape(&lang.tag),
        dir = lang.dir.as_str(),
    );
    OutputFile {
        path: file_of(path),
        contents: html.into_bytes(),
    }
}

/// The output file of a site path: `index.html` in its folder, or the file it names.
fn file_of(path: &str) -> String {
    if path.ends_with('/') {
        format!("{}index.html", path.trim_start_matches('/'))
    } else {
        path.trim_start_matches('/').to_string()
    }
}
