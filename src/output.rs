//! Write stage: everything goes into a staging folder next to the output, which is swapped into
//! place only when the whole site was written. A failed build leaves the previous `public/` exactly
//! as it was, and a reader of the live folder never sees half a site.
//!
//! The previous output is renamed away and deleted after the swap (by [`Cleanup`]), off the critical
//! path: recursive deletes are slow on some disks, and writing into a freshly emptied folder even more.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::Config;
use crate::error::{Diagnostic, Diagnostics};
use crate::render::OutputFile;

/// A file approdo leaves in every output folder it creates. A folder without it is never replaced,
/// so a mistyped `--output ~/Documents` cannot delete anyone's files.
pub const MARKER: &str = ".approdo-output";

/// Deletes the previous output in the background; join before the process exits.
#[derive(Debug, Default)]
pub struct Cleanup(Option<std::thread::JoinHandle<()>>);

impl Cleanup {
    pub fn wait(&mut self) {
        if let Some(h) = self.0.take() {
            let _ = h.join();
        }
    }
}

/// One file of a static folder, as it is published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticFile {
    /// Path in the output, relative, with `/` separators (`images/logo.png`).
    pub rel: String,
    /// Where it is read from.
    pub path: PathBuf,
}

/// What the static folders publish, and what they leave out with a reason.
#[derive(Debug, Default)]
pub struct StaticFiles {
    pub files: Vec<StaticFile>,
    /// Symbolic links (never followed, so nothing outside the site is published) and unreadable
    /// entries, as warnings at their path.
    pub skipped: Vec<Diagnostic>,
}

/// The one list of published static files, used by the build and by the preview so both publish
/// exactly the same thing: later folders win over earlier ones (the site's `static/` over the
/// theme's), ignored names (hidden, editor backups) are skipped at any depth, and symbolic links are
/// never followed.
pub fn static_files(static_dirs: &[PathBuf]) -> StaticFiles {
    let mut by_rel: std::collections::BTreeMap<String, PathBuf> = Default::default();
    let mut skipped = Vec::new();
    for dir in static_dirs.iter().filter(|d| d.is_dir()) {
        let walker = WalkDir::new(dir)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0 || !crate::content::is_ignored_name(&e.file_name().to_string_lossy())
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
            if entry.path_is_symlink() {
                skipped.push(
                    Diagnostic::warning(
                        entry.path().display().to_string(),
                        "symbolic link in a static folder was not published",
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

/// Checks that `out` is a folder approdo may replace, before any work is done.
pub fn check_output_dir(config: &Config, out: &Path) -> Result<(), Diagnostic> {
    let root = config
        .root
        .canonicalize()
        .unwrap_or_else(|_| config.root.clone());
    let out_abs = absolute(out);
    let shown = out.display().to_string();
    let refuse = |why: &str| {
        Err(Diagnostic::error(
            &shown,
            format!("refusing to write the site into {shown}: {why}"),
        )
        .with_hint("choose an empty or new folder with --output, e.g. --output public"))
    };
    if out_abs.parent().is_none() {
        return refuse("it is the file-system root");
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        if out_abs == home {
            return refuse("it is your home folder");
        }
    }
    if root.starts_with(&out_abs) {
        return refuse("it contains the site's own files");
    }
    for own in ["content", "locales", "themes", "static", "data"] {
        if out_abs.starts_with(root.join(own)) {
            return refuse(&format!("it is inside the site's {own}/ folder"));
        }
    }
    if out_abs.is_file() {
        return refuse("it is a file");
    }
    if out_abs.is_dir() && !out_abs.join(MARKER).exists() {
        let empty = std::fs::read_dir(&out_abs)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return refuse("the folder is not empty and was not created by approdo");
        }
    }
    Ok(())
}

/// Writes `files` and the static folders into a staging folder, then swaps it into `out`.
pub fn write_site(
    config: &Config,
    out: &Path,
    files: &[OutputFile],
    statics: &[StaticFile],
) -> Result<Cleanup, Diagnostics> {
    check_output_dir(config, out)?;
    let out = absolute(out);
    let parent = out
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let io_err = |path: &Path, e: std::io::Error| {
        Diagnostics::from(Diagnostic::error(
            path.display().to_string(),
            format!("cannot write: {e}"),
        ))
    };
    std::fs::create_dir_all(&parent).map_err(|e| io_err(&parent, e))?;
    remove_leftovers(&parent, &name);
    let unique = format!(
        "{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    );
    let staging = parent.join(format!(".{name}.staging-{unique}"));
    let result = fill_staging(&staging, files, statics);
    if let Err(d) = result {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(d);
    }

    let old = parent.join(format!(".{name}.old-{unique}"));
    let had_old = out.exists();
    if had_old {
        if let Err(e) = std::fs::rename(&out, &old) {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(io_err(&out, e));
        }
    }
    if let Err(e) = std::fs::rename(&staging, &out) {
        if had_old {
            let _ = std::fs::rename(&old, &out);
        }
        let _ = std::fs::remove_dir_all(&staging);
        return Err(io_err(&out, e));
    }
    Ok(Cleanup(had_old.then(|| {
        std::thread::spawn(move || {
            let _ = std::fs::remove_dir_all(&old);
        })
    })))
}

fn fill_staging(
    staging: &Path,
    files: &[OutputFile],
    statics: &[StaticFile],
) -> Result<(), Diagnostics> {
    let err = |path: &Path, e: std::io::Error| {
        Diagnostic::error(path.display().to_string(), format!("cannot write: {e}"))
    };
    std::fs::create_dir_all(staging).map_err(|e| err(staging, e))?;
    std::fs::write(
        staging.join(MARKER),
        "This folder is written by approdo and replaced on every build. Do not edit it by hand.\n",
    )
    .map_err(|e| err(staging, e))?;

    for file in statics {
        let target = staging.join(&file.rel);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| err(parent, e))?;
        }
        std::fs::copy(&file.path, &target).map_err(|e| err(&target, e))?;
    }

    // Paths come from checked names, so this never fires; it stays as the last line of defence.
    if let Some(f) = files.iter().find(|f| contained(&f.path).is_none()) {
        return Err(
            Diagnostic::error(&f.path, "refusing to write outside the output folder").into(),
        );
    }
    let dirs: BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|f| Path::new(&f.path).parent().map(|p| staging.join(p)))
        .collect();
    for d in &dirs {
        std::fs::create_dir_all(d).map_err(|e| err(d, e))?;
    }
    let failures: Vec<Diagnostic> = files
        .par_iter()
        .filter_map(|f| {
            let target = staging.join(&f.path);
            std::fs::write(&target, &f.contents)
                .err()
                .map(|e| err(&target, e))
        })
        .collect();
    if failures.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(failures))
    }
}

/// `rel` as a path inside the output folder, or `None` if it could leave it: absolute paths, `..`,
/// empty segments and anything a file system would read as a separator or a drive.
pub fn contained(rel: &str) -> Option<PathBuf> {
    let ok = !rel.is_empty()
        && !rel.contains(['\\', '\0', ':'])
        && rel
            .split('/')
            .all(|seg| !seg.is_empty() && seg != "." && seg != "..");
    let path = PathBuf::from(rel);
    (ok && path
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_))))
    .then_some(path)
}

/// Removes staging and old folders a killed build left behind (only ones carrying our marker).
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let staging = format!(".{name}.staging-");
    let old = format!(".{name}.old-");
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if (n.starts_with(&staging) || n.starts_with(&old)) && e.path().join(MARKER).exists() {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

fn absolute(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|c| c.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    // Resolve `..` and symlinks of the part that exists, so the safety checks compare real paths.
    let mut existing = abs.clone();
    let mut tail = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(n), Some(parent)) => {
                tail.push(n);
                existing = parent.to_path_buf();
            }
            _ => return abs,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for n in tail.into_iter().rev() {
        resolved.push(n);
    }
    resolved
}
