//! Internal links and anchors, in every language a page is shown in (its own, and the languages
//! that borrow it as a fallback), plus the list of external links, which are never fetched.

use std::collections::{BTreeSet, HashMap};

use crate::content::Place;
use crate::content::{Document, Link, Site};
use crate::error::{Code, Diagnostic, Diagnostics};

/// Checks the links of `only` those documents, or of all.
pub fn check_only(site: &Site, only: Option<&[usize]>) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let check = LinkCheck::new(site);
    let only: Option<BTreeSet<usize>> = only.map(|o| o.iter().copied().collect());
    for (di, doc) in site.docs.iter().enumerate() {
        if only.as_ref().is_some_and(|o| !o.contains(&di)) {
            continue;
        }
        for link in &doc.parsed.links {
            diags.extend(check.link(doc, &check.shown_in[di], link));
        }
    }
    diags
}

/// What the check of every link needs: the site, its routes by site path, and the languages each
/// document is shown in (indexed once: looking them up per document would cost routes × documents).
struct LinkCheck<'s> {
    site: &'s Site,
    by_path: HashMap<&'s str, usize>,
    /// Per document: its own language, and those that borrow it as a fallback.
    shown_in: Vec<Vec<&'s str>>,
}

impl<'s> LinkCheck<'s> {
    fn new(site: &'s Site) -> Self {
        let mut shown_in = vec![Vec::new(); site.docs.len()];
        for r in &site.routes {
            shown_in[r.doc].push(r.lang.as_str());
        }
        LinkCheck {
            site,
            by_path: site
                .routes
                .iter()
                .enumerate()
                .map(|(i, r)| (r.path.as_str(), i))
                .collect(),
            shown_in,
        }
    }

    /// A broken link or anchor: an error, or a warning under `[links] broken = "warn"`.
    fn broken(&self, doc: &Document, code: Code, dest: &str, message: String) -> Diagnostic {
        let mut d = Diagnostic::error(&doc.source, message).with_code(code, dest);
        d.severity = self.site.config.broken_links.severity();
        d
    }

    /// The problem with one link of `doc`, if any, at the link's line.
    fn link(&self, doc: &Document, shown_in: &[&str], link: &Link) -> Option<Diagnostic> {
        let dest = link.dest.as_str();
        let (path, frag) = dest.split_once('#').unwrap_or((dest, ""));
        let problem = if is_external(dest) {
            (!dest.starts_with("mailto:") && !dest.starts_with("tel:")).then(|| {
                Diagnostic::note(&doc.source, format!("external link (not checked): {dest}"))
                    .with_code(Code::ExternalLink, dest)
            })
        } else if let Some(g) = link.group {
            self.anchor_in_group(doc, shown_in, g, dest, frag)
        } else if path.is_empty() {
            (!frag.is_empty() && !has_id(self.site, doc, frag)).then(|| {
                self.broken(
                    doc,
                    Code::BrokenAnchor,
                    dest,
                    format!("link `{dest}`: this page has no heading with id `{frag}`"),
                )
                .with_hint(anchor_hint(Some(doc)))
            })
        } else if let Some(site_path) = path.strip_prefix('/') {
            self.site_path(doc, site_path, dest, frag)
        } else if !path.contains('.') || path.ends_with('/') {
            Some(Diagnostic::warning(
                &doc.source,
                format!("link `{dest}` is relative to the page's URL and breaks in other languages or when pages move"),
            )
            .with_hint("link to the Markdown file instead, e.g. `../school/enrolment.md`")
            .with_code(Code::RelativeLink, dest))
        } else {
            None
        };
        problem.map(|d| d.placed(doc, link.line))
    }

    /// A link to another page's anchor must find it in every language the linking page is shown
    /// in, since each language links to its own version of the target.
    fn anchor_in_group(
        &self,
        doc: &Document,
        shown_in: &[&str],
        g: usize,
        dest: &str,
        frag: &str,
    ) -> Option<Diagnostic> {
        if frag.is_empty() {
            return None;
        }
        let site = self.site;
        let missing: BTreeSet<&str> = shown_in
            .iter()
            .filter(|lang| {
                site.route(g, lang)
                    .is_some_and(|r| !has_id(site, &site.docs[r.doc], frag))
            })
            .copied()
            .collect();
        if missing.is_empty() {
            return None;
        }
        let target = site
            .route(g, shown_in.first().copied().unwrap_or(""))
            .map(|r| &site.docs[r.doc]);
        Some(
            self.broken(
                doc,
                Code::BrokenAnchor,
                dest,
                format!(
                    "link `{dest}`: no heading with id `{frag}` in the target page ({})",
                    missing.into_iter().collect::<Vec<_>>().join(", ")
                ),
            )
            .with_hint(anchor_hint(target)),
        )
    }

    /// A site path to a page (`/it/legal/visa/#documents`): the page must exist, and so must the
    /// anchor. A path whose last segment has a dot (`/files/form.pdf`) is a file, not checked here.
    fn site_path(
        &self,
        doc: &Document,
        site_path: &str,
        dest: &str,
        frag: &str,
    ) -> Option<Diagnostic> {
        let page_like = !site_path.rsplit('/').next().unwrap_or("").contains('.');
        if !page_like {
            return None;
        }
        let key = format!("/{}", site_path.trim_end_matches('/'))
            + if site_path.is_empty() { "" } else { "/" };
        match self.by_path.get(key.as_str()) {
            None => Some(self.broken(
                doc,
                Code::BrokenLink,
                dest,
                format!("link `{dest}`: there is no page at {key}"),
            )
            .with_hint("link to the page's file instead (`../legal/visa.md`): such links follow renames and languages")),
            Some(&r) => {
                let target = &self.site.docs[self.site.routes[r].doc];
                (!frag.is_empty() && !has_id(self.site, target, frag)).then(|| {
                    self.broken(
                        doc,
                        Code::BrokenAnchor,
                        dest,
                        format!("link `{dest}`: no heading with id `{frag}` on {key}"),
                    )
                    .with_hint(anchor_hint(Some(target)))
                })
            }
        }
    }
}

/// `docs`, and every document with a link to an anchor that may be in one of them.
pub fn with_pages_linking_to(site: &Site, docs: &[usize]) -> Vec<usize> {
    let groups = site.groups_of(docs.iter().copied());
    let mut all: BTreeSet<usize> = docs.iter().copied().collect();
    for (i, doc) in site.docs.iter().enumerate() {
        let links_in = doc.parsed.links.iter().any(|l| {
            l.dest.contains('#')
                && match l.group {
                    Some(g) => groups.contains(&g),
                    // A site path with a fragment (`/it/legal/visa/#documents`): could be any page.
                    None => !is_external(&l.dest),
                }
        });
        if links_in {
            all.insert(i);
        }
    }
    all.into_iter().collect()
}

/// Another site's address or another kind of address (`mailto:`), which is never fetched.
fn is_external(dest: &str) -> bool {
    !crate::paths::is_site_path(dest)
}

/// Whether the page showing `doc` has the id: one of its headings, or one the layout puts on every
/// page (`#main`, the skip link's target).
fn has_id(site: &Site, doc: &Document, id: &str) -> bool {
    site.reserved_ids.on_every_page(id) || doc.parsed.headings.iter().any(|h| h.id == id)
}

fn anchor_hint(target: Option<&Document>) -> String {
    match target {
        Some(d) if !d.parsed.headings.is_empty() => format!(
            "headings of {}: {}",
            d.source.display(),
            d.parsed
                .headings
                .iter()
                .map(|h| format!("#{}", h.id))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        _ => "give the heading an explicit id: `## Documents {#documents}`".into(),
    }
}
