//! Translation versions: which version of the source-language page a translation was made from.
//!
//! A translation records `translated_from: <hash>` in its front matter, where the hash covers the
//! source page's title and body. When the source changes, the hashes differ and the translation is
//! known to be out of date, without relying on file dates (git does not keep them) or on memory.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::content::{Document, Site};
use crate::error::{relative_to, Diagnostic, Diagnostics};

/// The version of a source page: the first 12 hex digits of SHA-256 over its title and body, with
/// line endings normalised so a Windows editor does not make every translation stale.
pub fn source_version(doc: &Document) -> String {
    let mut h = Sha256::new();
    h.update(doc.front.title.trim().as_bytes());
    h.update(b"\n");
    h.update(doc.body.replace("\r\n", "\n").trim().as_bytes());
    let digest = h.finalize();
    digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

/// The source-language document of the group `doc` belongs to, when `doc` is a translation.
pub fn source_of(site: &Site, doc_index: usize) -> Option<&Document> {
    let doc = &site.docs[doc_index];
    if doc.lang == site.config.default_language {
        return None;
    }
    site.groups
        .iter()
        .find(|g| g.docs.get(&doc.lang) == Some(&doc_index))
        .and_then(|g| g.docs.get(&site.config.default_language))
        .map(|&i| &site.docs[i])
}

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
