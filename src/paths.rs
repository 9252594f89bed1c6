//! Path and address rules of a site on disk: which names are content, which addresses name this
//! site, how an internal link is written between the parse and render stages. A leaf: it depends
//! on nothing of the pipeline, so the loader, the asset list, the preview's watcher and the checks
//! share one answer instead of importing each other.

/// The folder of pages and of files published next to them.
pub const CONTENT_DIR: &str = "content";

/// Prefix of a resolved internal link in parsed HTML: `approdo:page/<group>#fragment`. The render
/// stage replaces it with the URL of that page in the language being rendered.
pub const LINK_PLACEHOLDER: &str = "approdo:page/";

/// Whether a link or image address names something of this site: not another site's
/// (`https://…`, `//host/…`) nor another kind of address (`mailto:`, `data:`), which have a
/// scheme as RFC 3986 defines it (a letter, then letters, digits, `+`, `-` or `.`, then `:`).
pub fn is_site_path(url: &str) -> bool {
    let has_scheme = url.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    !has_scheme && !url.starts_with("//")
}

/// Hidden files, editor swap and backup files: never content, never published, never watched.
/// The one exception is `.well-known/` (RFC 8615: `security.txt`, app links, the files a phone
/// checks before installing a web app), which a site publishes on purpose. Every lister, the
/// build's and the preview watcher's alike, asks this function, so they cannot disagree.
pub fn is_ignored_name(name: &str) -> bool {
    (name.starts_with('.') && name != ".well-known")
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
}
