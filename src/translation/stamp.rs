//! `approdo i18n stamp FILE…`: records in each translation the version of its source it now
//! matches.

use std::path::{Path, PathBuf};

use super::{source_of, source_version};
use crate::content::Site;
use crate::error::{relative_to, Diagnostic, Diagnostics};

/// Writes `translated_from: <current source version>` into each translation file, recording that
/// a translator has brought it up to date with the source.
pub fn stamp(site: &Site, files: &[PathBuf]) -> Result<Vec<String>, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut done = Vec::new();
    for file in files {
        // Relative paths are taken from the site root, or else from the current folder.
        let abs = if file.is_relative() && site.config.root.join(file).exists() {
            site.config.root.join(file)
        } else {
            std::path::absolute(file).unwrap_or_else(|_| file.clone())
        };
        let abs = abs.canonicalize().unwrap_or(abs);
        let root = site
            .config
            .root
            .canonicalize()
            .unwrap_or_else(|_| site.config.root.clone());
        let rel = relative_to(&root, &abs);
        let Some(i) = site.docs.iter().position(|d| d.source == rel) else {
            diags.push(
                Diagnostic::error(file.display().to_string(), "not a page of this site")
                    .with_hint("give the path of a translated page, e.g. content/legal/visa.ar.md"),
            );
            continue;
        };
        let Some(source) = source_of(site, i) else {
            diags.push(Diagnostic::error(&rel, format!(
                "this page has no source to be translated from: it is in the source language `{}` or has no `{}` version",
                site.docs[i].lang, site.config.default_language
            )));
            continue;
        };
        let version = source_version(source);
        match write_stamp(&abs, &version) {
            Ok(()) => done.push(format!("{}: translated_from {version}", rel.display())),
            Err(e) => diags.push(Diagnostic::error(&rel, format!("cannot write: {e}"))),
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(done)
    }
}

/// Replaces or adds the `translated_from:` line inside the file's front matter, touching nothing
/// else in the file.
fn write_stamp(path: &Path, version: &str) -> std::io::Result<()> {
    let text = std::fs::read_to_string(path)?;
    let mut out = String::with_capacity(text.len() + 40);
    let mut fences = 0;
    let mut written = false;
    for line in text.split_inclusive('\n') {
        if line.trim_end() == "---" && fences < 2 {
            fences += 1;
            if fences == 2 && !written {
                out.push_str(&format!("translated_from: \"{version}\"\n"));
                written = true;
            }
        } else if fences == 1 && line.starts_with("translated_from:") {
            out.push_str(&format!("translated_from: \"{version}\"\n"));
            written = true;
            continue;
        }
        out.push_str(line);
    }
    std::fs::write(path, out)
}
