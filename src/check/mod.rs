//! `approdo check`: what can be known about a site without publishing it. Links and anchors in every
//! language, accessibility of the authored Markdown, and content rules (steps, duplicate titles,
//! drafts). Everything works from what the parse stage collected; nothing is parsed again.
//!
//! Severity decides who is stopped: errors fail `check` and `build` (a broken anchor or an image
//! without alt text should never reach readers); warnings fail only `check --strict`; notes (external
//! links, drafts) are information.

mod links;
mod lint;
pub mod translations;

use crate::content::Site;
use crate::error::Diagnostics;

/// Runs every check on a parsed site.
pub fn check_site(site: &Site) -> Diagnostics {
    let mut diags = Diagnostics::default();
    diags.extend(links::check(site));
    diags.extend(lint::check(site));
    diags.extend(lint::check_content(site));
    diags
}
