//! The translators' tools (`approdo i18n status|scaffold|stamp`), and the translation versions
//! they share: which version of the source-language page a translation was made from.
//!
//! A translation records `translated_from: <hash>` in its front matter, where the hash covers the
//! source page's title, description and body. When the source changes, the hashes differ and the translation is
//! known to be out of date, without relying on file dates (git does not keep them) or on memory.
//!
//! These are tools, not checks: they write files ([`scaffold`], [`stamp`]) and reports
//! ([`report`]), so they live apart from `check`, which only reads. They read UI strings with the
//! build's own reader ([`crate::i18n::read_locale`]) and change pages only through
//! [`crate::content::frontmatter_edit`], so what they report is what the build does, and a file
//! they touch keeps every byte they did not mean to change.

pub mod diff;
pub mod report;
pub mod scaffold;
pub mod stamp;
pub mod status;

use sha2::{Digest, Sha256};

use crate::content::{Document, Site};

pub use scaffold::scaffold;
pub use stamp::stamp;
pub use status::{status, Status};

/// The version of a source page: the first 12 hex digits of SHA-256 over its title, description
/// and body, with line endings normalised so a Windows editor does not make every translation stale.
pub fn source_version(doc: &Document) -> String {
    version_of(
        &doc.front.title,
        doc.front.description.as_deref(),
        &doc.body,
    )
}

/// [`source_version`] of a page's parts. A page without a description hashes as before
/// descriptions counted, so its existing stamps stay valid.
pub fn version_of(title: &str, description: Option<&str>, body: &str) -> String {
    let mut h = Sha256::new();
    h.update(title.trim().as_bytes());
    h.update(b"\n");
    if let Some(d) = description.map(str::trim).filter(|d| !d.is_empty()) {
        h.update(b"description: ");
        h.update(d.as_bytes());
        h.update(b"\n");
    }
    h.update(body.replace("\r\n", "\n").trim().as_bytes());
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

/// The page a translator names on the command line (`content/legal/visa.ar.md`, relative to the
/// site folder or to the current folder, or absolute).
pub fn find_doc(site: &Site, file: &std::path::Path) -> Result<usize, crate::error::Diagnostic> {
    let abs = if file.is_relative() && site.config.root.join(file).exists() {
        site.config.root.join(file)
    } else {
        std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf())
    };
    let abs = abs.canonicalize().unwrap_or(abs);
    let root = site
        .config
        .root
        .canonicalize()
        .unwrap_or_else(|_| site.config.root.clone());
    let rel = crate::error::relative_to(&root, &abs);
    site.docs
        .iter()
        .position(|d| d.source == rel)
        .ok_or_else(|| {
            crate::error::Diagnostic::error(file.display().to_string(), "not a page of this site")
                .with_hint("give the path of a translated page, e.g. content/legal/visa.ar.md")
        })
}
