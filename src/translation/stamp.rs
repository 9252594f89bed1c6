//! `approdo i18n stamp FILE…`: records in each translation the version of its source it now
//! matches.

use std::path::{Path, PathBuf};

use super::{source_of, source_version};
use crate::content::frontmatter_edit::{set_keys, Value};
use crate::content::Site;
use crate::error::{Diagnostic, Diagnostics};

/// Writes `translated_from: <current source version>` into each translation file, recording that
/// a translator has brought it up to date with the source.
pub fn stamp(site: &Site, files: &[PathBuf]) -> Result<Vec<String>, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut done = Vec::new();
    for file in files {
        let i = match super::find_doc(site, file) {
            Ok(i) => i,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let rel = site.docs[i].source.clone();
        let abs = site.config.root.join(&rel);
        let Some(source) = source_of(site, i) else {
            diags.push(Diagnostic::error(&rel, format!(
                "this page has no source to be translated from: it is in the source language `{}` or has no `{}` version",
                site.docs[i].lang, site.config.default_language
            )));
            continue;
        };
        let version = source_version(source);
        // The stamped text is kept, so `i18n diff` can show what changes after it (a site not in
        // git has no other record of it).
        if let Err(d) = super::diff::cache_source(&site.config.root, &source.source, &version) {
            diags.push(d);
            continue;
        }
        match write_stamp(&abs, &rel, &version) {
            Ok(()) => done.push(format!("{}: translated_from {version}", rel.display())),
            Err(d) => diags.push(d),
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(done)
    }
}

/// Sets `translated_from:` in the file's front matter, keeping every other byte as the translator
/// saved it (see [`crate::content::frontmatter_edit`]).
fn write_stamp(path: &Path, rel: &Path, version: &str) -> Result<(), Diagnostic> {
    let text = crate::error::read_as_saved(path, rel)?;
    let stamped = set_keys(&text, &[("translated_from", Value::Text(version))])
        .map_err(|e| Diagnostic::error(rel, e.message).at_in(&text, e.line, e.col))?;
    std::fs::write(path, stamped).map_err(|e| Diagnostic::error(rel, format!("cannot write: {e}")))
}
