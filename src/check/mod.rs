//! `approdo check`: what can be known about a site without publishing it. Links and anchors in every
//! language, accessibility of the authored Markdown, and content rules (steps, duplicate titles,
//! drafts). Everything works from what the parse stage collected; nothing is parsed again.
//!
//! Severity decides who is stopped: errors fail `check` and `build` (a broken anchor or an image
//! without alt text should never reach readers); warnings fail only `check --strict`; notes (external
//! links, drafts) are information.

mod links;
mod lint;

use crate::content::Site;
use crate::error::Diagnostics;

/// The checks that concern only the given documents: their links and their Markdown, and the links
/// of other pages to anchors in them (an edit that removes a heading breaks those). What the preview
/// server runs after a one-page edit, so a save costs the same on a small or a large site.
pub fn check_docs(site: &Site, docs: &[usize]) -> Diagnostics {
    let mut diags = Diagnostics::default();
    diags.extend(links::check_only(
        site,
        Some(&links::with_pages_linking_to(site, docs)),
    ));
    for &i in docs {
        diags.extend(lint::check_doc(&site.docs[i]));
    }
    diags
}

/// [`check_docs`], plus the rules that compare pages with each other (steps, duplicate titles):
/// what the preview runs after a front-matter edit, which can break those anywhere in a section.
pub fn check_docs_and_content(site: &Site, docs: &[usize]) -> Diagnostics {
    let mut diags = check_docs(site, docs);
    diags.extend(lint::check_content(site));
    diags
}

/// Runs every check on a parsed site.
pub fn check_site(site: &Site) -> Diagnostics {
    let mut diags = Diagnostics::default();
    diags.extend(links::check_only(site, None));
    diags.extend(lint::check(site));
    diags.extend(lint::check_content(site));
    diags
}
