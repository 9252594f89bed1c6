//! Files published as they are: the theme's `static/`, the site's `static/`, and the images and
//! documents an editor keeps next to the pages in `content/` (as Zola and Hugo do with a page's
//! own files). One list serves the build, the preview and the checks, so the three never disagree
//! about whether `modulo.png` exists.
//!
//! Where an image an editor wrote resolves: a relative path (`modulo.png`, `../img/x.png`) from the
//! Markdown file's own folder, as the editor's Markdown preview shows it; a site-absolute path
//! (`/images/x.png`) from the root of the published files. Either must name a published file:
//! otherwise it is an error at its line, like a broken link. Content files are published at their
//! path under `content/` (`content/legal/modulo.png` → `/legal/modulo.png`), once for all languages.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use percent_encoding::percent_decode_str;
use walkdir::WalkDir;

use crate::config::Config;
use crate::error::Diagnostic;

/// One published file, as it is published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticFile {
    /// Path in the output, relative, with `/` separators (`images/logo.png`).
    pub rel: String,
    /// Where it is read from.
    pub path: PathBuf,
}

/// What is published as it is, and what was left out with a reason.
#[derive(Debug, Default, Clone)]
pub struct StaticFiles {
    /// Sorted by `rel`.
    pub files: Vec<StaticFile>,
    /// Symbolic links (never followed, so nothing outside the site is published) and unreadable
    /// entries, as warnings at their path.
    pub skipped: Vec<Diagnostic>,
}

impl StaticFiles {
    /// Whether `rel` (`legal/modulo.png`) is published.
    pub fn contains(&self, rel: &str) -> bool {
        self.files
            .binary_search_by(|f| f.rel.as_str().cmp(rel))
            .is_ok()
    }

    /// The published paths, for comparing two listings.
    pub fn rels(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(|f| f.rel.as_str())
    }
}

/// Everything a site publishes as it is: `content/` (all but its Markdown pages), then the theme's
/// `static/`, then the site's `static/`; a later folder wins over an earlier one. Ignored names
/// (hidden files, editor backups) are skipped at any depth and symbolic links are never followed.
/// Skipped entries are reported relative to the site's folder.
pub fn list(config: &Config) -> StaticFiles {
    let content = config.root.join(crate::paths::CONTENT_DIR);
    let dirs = [
        content.clone(),
        config.theme_dir().join("static"),
        config.root.join("static"),
    ];
    let mut listed = static_files(&dirs, &|p: &Path| {
        p.starts_with(&content) && p.extension().is_some_and(|e| e == "md")
    });
    for d in &mut listed.skipped {
        d.file = crate::error::relative_to(&config.root, &d.file);
    }
    listed
}

/// The lister behind [`list`]: `is_page` names files that are not published as they are.
pub fn static_files(dirs: &[PathBuf], is_page: &dyn Fn(&Path) -> bool) -> StaticFiles {
    let mut by_rel: BTreeMap<String, PathBuf> = Default::default();
    let mut skipped = Vec::new();
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        // The folder itself may be the link (`static -> /home/me`): `WalkDir` would follow a root
        // link, publishing whatever it points at.
        if dir
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
        {
            skipped.push(
                Diagnostic::warning(
                    dir.display().to_string(),
                    "this folder is a symbolic link and was not published (links are never followed, so nothing outside the site is)",
                )
                .with_hint("make it a real folder and copy the files into it"),
            );
            continue;
        }
        let walker = WalkDir::new(dir)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0 || !crate::paths::is_ignored_name(&e.file_name().to_string_lossy())
            });
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let at = e.path().unwrap_or(dir).display().to_string();
                    skipped.push(Diagnostic::warning(at, format!("cannot read: {e}")));
                    continue;
                }
            };
            if is_page(entry.path()) {
                continue;
            }
            if entry.path_is_symlink() {
                skipped.push(
                    Diagnostic::warning(
                        entry.path().display().to_string(),
                        "symbolic link was not published (links are never followed, so nothing outside the site is)",
                    )
                    .with_hint("copy the file into the folder instead"),
                );
                continue;
            }
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let rel = rel.to_string_lossy().replace('\\', "/");
            by_rel.insert(rel, entry.into_path());
        }
    }
    StaticFiles {
        files: by_rel
            .into_iter()
            .map(|(rel, path)| StaticFile { rel, path })
            .collect(),
        skipped,
    }
}

/// Published files that would take the place of a generated one, or need a folder where a
/// generated file is (or the reverse): `static/it/index.html` would silently replace the Italian
/// home page, and a file `static/it` cannot coexist with the folder `it/`. Each is an error naming
/// the static file and, for a page, the page's source (`page_source`, asked only for a clash).
/// `generated` holds output paths (`it/index.html`).
pub fn collisions<'a>(
    root: &Path,
    files: &StaticFiles,
    generated: &[&str],
    page_source: &dyn Fn(&str) -> Option<&'a Path>,
) -> Vec<Diagnostic> {
    let by_path: std::collections::BTreeSet<&str> = generated.iter().copied().collect();
    let mut out = Vec::new();
    for f in &files.files {
        let exact = by_path
            .contains(f.rel.as_str())
            .then(|| page_source(&f.rel));
        // A generated file below this one (`it` vs `it/index.html`), or this one below a
        // generated file (`sitemap.xml/x`).
        let below = by_path
            .range::<str, _>((
                std::ops::Bound::Excluded(f.rel.as_str()),
                std::ops::Bound::Unbounded,
            ))
            .next()
            .filter(|p| p.starts_with(&f.rel) && p[f.rel.len()..].starts_with('/'));
        let above = f
            .rel
            .match_indices('/')
            .map(|(i, _)| &f.rel[..i])
            .find(|prefix| by_path.contains(prefix));
        let shown = crate::error::relative_to(root, &f.path);
        let message = match (exact, below, above) {
            (Some(Some(source)), _, _) => format!(
                "{} would replace the page of {} (both are published at {})",
                shown.display(),
                source.display(),
                f.rel
            ),
            (Some(None), _, _) => format!(
                "{} would replace the file {} that approdo writes",
                shown.display(),
                f.rel
            ),
            (None, Some(p), _) => format!(
                "{} is a file where the site needs the folder {} (for {p})",
                shown.display(),
                f.rel
            ),
            (None, None, Some(p)) => format!(
                "{} needs a folder {p}/, but approdo writes a file {p}",
                shown.display()
            ),
            (None, None, None) => continue,
        };
        out.push(
            Diagnostic::error(&shown, message).with_hint(
                "rename or move the static file; pages are published under /<language>/",
            ),
        );
    }
    out
}

/// Where the image `src`, written in the page `source` (`content/legal/visa.it.md`), is published:
/// `Ok(Some(url))` to write instead (base path prefixed, percent-encoded), `Ok(None)` to keep as
/// written (a `data:` URL, a fragment), or why it is missing. External and script URLs are refused
/// before this is asked.
pub fn resolve_image(
    config: &Config,
    files: &StaticFiles,
    source: &Path,
    src: &str,
) -> Result<Option<String>, String> {
    let src = src.trim();
    let cut = src.find(['?', '#']).unwrap_or(src.len());
    let (path, suffix) = src.split_at(cut);
    if path.is_empty() || !crate::paths::is_site_path(path) {
        return Ok(None);
    }
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let rel = if let Some(abs) = decoded.strip_prefix('/') {
        normalise(abs.split('/'))
    } else {
        // The page's folder under content/, then the editor's relative path from it.
        let folder = source
            .parent()
            .and_then(|p| p.strip_prefix(crate::paths::CONTENT_DIR).ok())
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        normalise(folder.split('/').chain(decoded.split('/')))
    };
    let Some(rel) = rel else {
        return Err(format!(
            "image `{src}` points outside the site's published files"
        ));
    };
    if files.contains(&rel) {
        let url = format!(
            "{}{}{suffix}",
            config.base_path,
            crate::escape::encode_path(&format!("/{rel}"))
        );
        return Ok(Some(url));
    }
    Err(if path.starts_with('/') {
        format!("image `{src}` not found: no file static/{rel} (nor content/{rel})")
    } else {
        format!("image `{src}` not found: no file content/{rel}")
    })
}

/// The hint for a missing image.
pub const MISSING_IMAGE_HINT: &str = "save the image next to the page's .md file and write its name (`![A form](modulo.png)`), or put it in static/ and write its path from the site root (`/images/modulo.png`)";

/// Joins path segments, resolving `.` and `..`; `None` if `..` climbs above the start.
fn normalise<'a>(segments: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for seg in segments {
        match seg {
            "" | "." => {}
            ".." => {
                out.pop()?;
            }
            s => out.push(s),
        }
    }
    Some(out.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(rels: &[&str]) -> StaticFiles {
        let mut files: Vec<StaticFile> = rels
            .iter()
            .map(|r| StaticFile {
                rel: r.to_string(),
                path: PathBuf::from(r),
            })
            .collect();
        files.sort_by(|a, b| a.rel.cmp(&b.rel));
        StaticFiles {
            files,
            skipped: Vec::new(),
        }
    }

    #[test]
    fn images_resolve_from_the_page_folder_or_the_site_root() {
        let mut config = crate::config::Config::parse(
            Path::new("."),
            "base_url = \"https://example.org/guida/\"\ndefault_language = \"it\"\n[[languages]]\ncode = \"it\"\nname = \"Italiano\"\n",
        )
        .unwrap();
        let f = files(&[
            "legal/modulo.png",
            "images/logo.svg",
            "legal/modulo con spazi.png",
            "immagini/ricevuta.png",
        ]);
        let page = Path::new("content/legal/visa.it.md");
        let r = |src: &str| resolve_image(&config, &f, page, src);
        assert_eq!(r("modulo.png"), Ok(Some("/guida/legal/modulo.png".into())));
        assert_eq!(
            r("./modulo.png#p1"),
            Ok(Some("/guida/legal/modulo.png#p1".into()))
        );
        assert_eq!(
            r("modulo%20con%20spazi.png"),
            Ok(Some("/guida/legal/modulo%20con%20spazi.png".into()))
        );
        assert_eq!(
            r("../immagini/ricevuta.png"),
            Ok(Some("/guida/immagini/ricevuta.png".into()))
        );
        assert_eq!(
            r("/images/logo.svg"),
            Ok(Some("/guida/images/logo.svg".into()))
        );
        assert_eq!(r("data:image/png;base64,AAAA"), Ok(None));
        assert!(r("modulo-mancante.png")
            .unwrap_err()
            .contains("content/legal/modulo-mancante.png"));
        assert!(r("/images/nope.png")
            .unwrap_err()
            .contains("static/images/nope.png"));
        assert!(r("../../../etc/passwd").unwrap_err().contains("outside"));
        config.base_path.clear();
        assert_eq!(
            resolve_image(&config, &f, page, "modulo.png"),
            Ok(Some("/legal/modulo.png".into()))
        );
    }
}
