//! The translators' tools (`approdo i18n status|scaffold|stamp`), and the translation versions
//! they share: which version of the source-language page a translation was made from.
//!
//! A translation records `translated_from: <hash>` in its front matter, where the hash covers the
//! source page's title and body. When the source changes, the hashes differ and the translation is
//! known to be out of date, without relying on file dates (git does not keep them) or on memory.
//!
//! These are tools, not checks: they write files ([`scaffold`], [`stamp`]) and reports
//! ([`report`]), so they live apart from `check`, which only reads. They read UI strings with the
//! build's own reader ([`crate::i18n::read_locale`]) and change pages only through
//! [`crate::content::frontmatter_edit`], so what they report is what the build does, and a file
//! they touch keeps every byte they did not mean to change.

pub mod report;
pub mod scaffold;
pub mod stamp;
pub mod status;

use sha2::{Digest, Sha256};

use crate::content::{Document, Site};

pub use scaffold::scaffold;
pub use stamp::stamp;
pub use status::{status, Status};

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
