//! What a reader can save for offline reading: per language, the list of files the theme's service
//! worker downloads when the reader asks ("save this guide", "save all guides"), with each file's
//! size (shown before the reader agrees: a family pays per megabyte) and a hash of its bytes (so
//! after a rebuild only the files that changed are downloaded again).
//!
//! Written by a build only (`<lang>/offline/files.json` and the tiny `<lang>/offline/version.json`
//! the worker polls), from what the build actually wrote: a [`Recorder`] sits between the render
//! stage and the write stage and notes every file as it passes. The preview has no list: it never
//! lets a service worker install (see `serve::http`).

use std::collections::BTreeMap;
use std::hash::Hasher;
use std::sync::Mutex;

use serde::Serialize;

use super::context::link_item;
use super::{OutputFile, Sink};
use crate::assets::StaticFiles;
use crate::content::Site;
use crate::error::Diagnostic;

/// The list's name inside a language's `offline/` folder.
pub const FILES: &str = "files.json";
/// The build version alone, which a saved phone checks on each visit (a few bytes, not the list).
pub const VERSION: &str = "version.json";

/// File types saved with a language's pages from `content/` and the site's `static/`: what pages
/// show. Documents (PDF forms, say) are left to the reader to download one by one.
const SAVED_MEDIA: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "svg", "avif"];

/// A sink that passes every file on and notes its path, size and hash.
pub struct Recorder<'a> {
    inner: &'a dyn Sink,
    seen: Mutex<Vec<(String, u64, u64)>>,
}

impl<'a> Recorder<'a> {
    pub fn new(inner: &'a dyn Sink) -> Self {
        Recorder {
            inner,
            seen: Mutex::default(),
        }
    }

    /// The files seen: path, size and hash.
    pub fn into_seen(self) -> Vec<(String, u64, u64)> {
        self.seen.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for Recorder<'_> {
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic> {
        let entry = (
            file.path.clone(),
            file.contents.len() as u64,
            hash(&file.contents),
        );
        self.inner.put(file)?;
        self.seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(entry);
        Ok(())
    }
}

/// A fast hash of a file's bytes: it only tells a changed file from an unchanged one (a clash
/// would keep one stale file until its next change), so speed wins over strength: at 12,000 pages
/// the build hashes a quarter of a gigabyte.
fn hash(bytes: &[u8]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(bytes);
    h.write_usize(bytes.len());
    h.finish()
}

#[derive(Serialize)]
struct Listing<'a> {
    version: String,
    lang: &'a str,
    /// BCP 47 tag, for `lang` on the offline page's links to this language's pages.
    tag: &'a str,
    guides: Vec<GuideEntry>,
    /// `[url, bytes, hash, guide, title]`; guide `""` is needed by every guide (the home page,
    /// search, styles), title is set for pages (the offline page lists them).
    files: Vec<(String, u64, String, String, String)>,
}

#[derive(Serialize)]
struct GuideEntry {
    id: String,
    title: String,
    url: String,
}

/// Each language's `offline/files.json` and `offline/version.json`, from the files the build
/// wrote (`seen`) and the static files it copies.
pub fn listings(
    site: &Site,
    seen: &[(String, u64, u64)],
    statics: &StaticFiles,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let config = &site.config;
    let theme_static = config.theme_dir().join("static");
    let guides: Vec<(usize, String)> = site
        .children("")
        .into_iter()
        .filter(|&g| site.groups[g].is_index)
        .map(|g| (g, site.groups[g].section.clone()))
        .collect();
    let guide_of = |first: &str| {
        guides
            .iter()
            .any(|(_, s)| s == first)
            .then(|| first.to_string())
    };
    // Shared by every language: the theme's files and the pictures pages show.
    let mut shared = Vec::new();
    for f in &statics.files {
        let is_theme = f.path.starts_with(&theme_static);
        let ext = f.rel.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
        if f.rel == "sw.js" || !(is_theme || SAVED_MEDIA.contains(&ext.as_str())) {
            continue;
        }
        let bytes = std::fs::read(&f.path).map_err(|e| {
            Diagnostic::error(
                crate::error::relative_to(&config.root, &f.path),
                format!("cannot read: {e}"),
            )
        })?;
        let guide = if is_theme {
            None
        } else {
            f.rel.split('/').next().and_then(guide_of)
        };
        shared.push((f.rel.clone(), bytes.len() as u64, hash(&bytes), guide));
    }
    // Page titles by output file, per language.
    let mut titles: BTreeMap<String, &str> = BTreeMap::new();
    for r in &site.routes {
        titles.insert(super::route_file(r), &site.docs[r.doc].front.title);
    }
    let mut out = Vec::new();
    for lang in &config.languages {
        let prefix = format!("{}/", lang.code);
        let mut files: Vec<(String, u64, String, String, String)> = Vec::new();
        let mut add = |rel: &str, size: u64, h: u64, guide: Option<String>| {
            let url = match rel.strip_suffix("index.html") {
                Some(dir) => config.href(&format!("/{dir}")),
                None => config.href(&format!("/{rel}")),
            };
            let title = titles.get(rel).map(|t| t.to_string()).unwrap_or_default();
            files.push((
                url,
                size,
                format!("{h:016x}"),
                guide.unwrap_or_default(),
                title,
            ));
        };
        for (rel, size, h) in seen.iter().filter(|(p, ..)| p.starts_with(&prefix)) {
            let mut parts = rel[prefix.len()..].split('/');
            let first = parts.next().unwrap_or("");
            // `ar/legal/…/index.html` belongs to the guide `legal`; `ar/index.html`, search and
            // root pages (the glossary) to every guide.
            let guide = parts.next().and_then(|_| guide_of(first));
            add(rel, *size, *h, guide);
        }
        for (rel, size, h, guide) in &shared {
            add(rel, *size, *h, guide.clone());
        }
        files.sort();
        let mut v = rustc_hash::FxHasher::default();
        for (url, size, h, ..) in &files {
            v.write(url.as_bytes());
            v.write_u64(*size);
            v.write(h.as_bytes());
        }
        let version = format!("{:016x}", v.finish());
        let listing = Listing {
            version: version.clone(),
            lang: &lang.code,
            tag: &lang.tag,
            guides: guides
                .iter()
                .filter_map(|(g, id)| {
                    let item = link_item(site, *g, &lang.code)?;
                    Some(GuideEntry {
                        id: id.clone(),
                        title: item.title,
                        url: item.url,
                    })
                })
                .collect(),
            files,
        };
        let json = serde_json::to_vec(&listing).map_err(|e| {
            Diagnostic::error(&config.root, format!("cannot write the offline list: {e}"))
        })?;
        out.push(OutputFile {
            path: format!("{prefix}offline/{FILES}"),
            contents: json,
        });
        out.push(OutputFile {
            path: format!("{prefix}offline/{VERSION}"),
            contents: format!("{{\"version\":\"{version}\"}}\n").into_bytes(),
        });
    }
    Ok(out)
}
