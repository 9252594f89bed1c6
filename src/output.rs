//! Write stage: everything goes into a staging folder next to the output, which is swapped into
//! place only when the whole site was written. A failed build leaves the previous `public/` exactly
//! as it was, and a reader of the live folder never sees half a site.
//!
//! The previous output is renamed away and deleted after the swap (by [`Cleanup`]), off the critical
//! path: recursive deletes are slow on some disks, and writing into a freshly emptied folder even more.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::assets::StaticFile;
use crate::config::Config;
use crate::error::{Diagnostic, Diagnostics};
use crate::render::{OutputFile, Sink};
use rayon::prelude::*;

/// A file approdo leaves in every output folder it creates. A folder without it is never replaced,
/// so a mistyped `--output ~/Documents` cannot delete anyone's files.
pub const MARKER: &str = ".approdo-output";

/// Deletes the previous output in the background, then releases the output lock; join before the
/// process exits (dropping it joins too, so the lock is never released while the old folder is
/// still being deleted).
#[derive(Debug, Default)]
pub struct Cleanup {
    thread: Option<std::thread::JoinHandle<()>>,
    lock: Option<OutputLock>,
}

impl Cleanup {
    pub fn wait(&mut self) {
        if let Some(h) = self.thread.take() {
            let _ = h.join();
        }
        self.lock = None;
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        self.wait();
    }
}

/// An exclusive lock on an output folder, held from the first write to the end of the clean-up, so
/// two builds into the same `public/` (an editor's terminal and a script, two CI jobs) take turns
/// instead of deleting each other's staging folders. It is an operating-system file lock on
/// `.<name>.lock` beside the output: released when the process exits, however it exits, so a killed
/// build never leaves a stale lock. The file itself stays (deleting it would race with a waiter).
#[derive(Debug)]
pub struct OutputLock(#[allow(dead_code)] std::fs::File);

impl OutputLock {
    /// Takes the lock, waiting for another build that holds it (and saying so on stderr).
    pub fn acquire(parent: &Path, name: &str) -> Result<OutputLock, Diagnostic> {
        let path = parent.join(format!(".{name}.lock"));
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| {
                Diagnostic::error(
                    path.display().to_string(),
                    format!("cannot create the output lock: {e}"),
                )
            })?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                eprintln!(
                    "note: another approdo build is writing {}; waiting for it to finish",
                    parent.join(name).display()
                );
                file.lock().map_err(|e| {
                    Diagnostic::error(path.display().to_string(), format!("cannot lock: {e}"))
                })?;
            }
            // File systems without locks (some network mounts): build unguarded, as before.
            Err(std::fs::TryLockError::Error(_)) => {}
        }
        Ok(OutputLock(file))
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
    // A read-only folder could be moved aside but never deleted: `.public.old-*` folders would pile
    // up next to it, silently. Refuse instead, before any work.
    let read_only = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.permissions().readonly());
    if out_abs.is_dir() && read_only(&out_abs) {
        return Err(Diagnostic::error(
            &shown,
            format!("the output folder {shown} is read-only, so approdo cannot replace it"),
        )
        .with_hint(format!(
            "make it writable (chmod -R u+w {shown}) or choose another folder with --output"
        )));
    }
    if let Some(parent) = out_abs.parent().filter(|p| read_only(p)) {
        return Err(Diagnostic::error(
            &shown,
            format!(
                "the folder {} that holds the output is read-only, so approdo cannot write {shown} there",
                parent.display()
            ),
        )
        .with_hint("make it writable or choose another folder with --output"));
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

/// What [`Staging::finish`] leaves to do, and what it noticed.
#[derive(Debug)]
pub struct Written {
    pub cleanup: Cleanup,
    /// Leftovers of earlier builds that could not be removed.
    pub warnings: Vec<Diagnostic>,
}

/// The folder a build writes into, next to the output, holding the output's [`OutputLock`]: the
/// render stage puts each file into it as soon as it is made ([`Sink`]), and [`Staging::finish`]
/// adds the static files and swaps it into place. Dropped unfinished (an error, a panic), it is
/// deleted, and the previous output stays as it was.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    parent: PathBuf,
    name: String,
    unique: String,
    lock: Option<OutputLock>,
    warnings: Vec<Diagnostic>,
    /// Folders already made, so a folder of 2,000 search files costs one `mkdir`, not 2,000.
    made: Mutex<HashSet<PathBuf>>,
    finished: bool,
}

fn write_error(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(path.display().to_string(), format!("cannot write: {e}"))
}

impl Staging {
    /// Checks `out`, takes its lock, removes what earlier builds left behind and makes the staging
    /// folder with its marker.
    pub fn open(config: &Config, out: &Path) -> Result<Staging, Diagnostics> {
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
        std::fs::create_dir_all(&parent).map_err(|e| write_error(&parent, e))?;
        let lock = OutputLock::acquire(&parent, &name)?;
        let warnings = remove_leftovers(&parent, &name);
        let unique = format!(
            "{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        );
        let dir = parent.join(format!(".{name}.staging-{unique}"));
        let staging = Staging {
            dir: dir.clone(),
            out,
            parent,
            name,
            unique,
            lock: Some(lock),
            warnings,
            made: Mutex::new(HashSet::from([dir.clone()])),
            finished: false,
        };
        std::fs::create_dir_all(&dir).map_err(|e| write_error(&dir, e))?;
        std::fs::write(
            dir.join(MARKER),
            "This folder is written by approdo and replaced on every build. Do not edit it by hand.\n",
        )
        .map_err(|e| write_error(&dir, e))?;
        Ok(staging)
    }

    /// Makes `dir` (and its parents) unless this build already made it.
    fn make_dir(&self, dir: &Path) -> Result<(), Diagnostic> {
        if self
            .made
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(dir)
        {
            return Ok(());
        }
        std::fs::create_dir_all(dir).map_err(|e| write_error(dir, e))?;
        self.made
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(dir.to_path_buf());
        Ok(())
    }

    /// Copies the static files in, then swaps the staging folder into place: the previous output
    /// is renamed away and deleted in the background ([`Cleanup`]).
    pub fn finish(mut self, statics: &[StaticFile]) -> Result<Written, Diagnostics> {
        let failures: Vec<Diagnostic> = statics
            .par_iter()
            .filter_map(|file| {
                let target = self.dir.join(&file.rel);
                let parent = target.parent().unwrap_or(&self.dir);
                self.make_dir(parent)
                    .and_then(|()| {
                        std::fs::copy(&file.path, &target)
                            .map(drop)
                            .map_err(|e| write_error(&target, e))
                    })
                    .err()
            })
            .collect();
        if !failures.is_empty() {
            return Err(Diagnostics(failures));
        }
        let (out, staging) = (self.out.clone(), self.dir.clone());
        let old = self
            .parent
            .join(format!(".{}.old-{}", self.name, self.unique));
        let had_old = out.exists();
        if had_old {
            std::fs::rename(&out, &old).map_err(|e| write_error(&out, e))?;
        }
        if let Err(e) = std::fs::rename(&staging, &out) {
            if had_old {
                let _ = std::fs::rename(&old, &out);
            }
            return Err(write_error(&out, e).into());
        }
        self.finished = true;
        let thread = had_old.then(|| {
            std::thread::spawn(move || {
                // A failure is reported by the next build, which retries (see `remove_leftovers`).
                let _ = std::fs::remove_dir_all(&old);
            })
        });
        Ok(Written {
            cleanup: Cleanup {
                thread,
                lock: self.lock.take(),
            },
            warnings: std::mem::take(&mut self.warnings),
        })
    }
}

impl Sink for Staging {
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic> {
        // Paths come from checked names, so this never fires; it stays as the last line of defence.
        let Some(rel) = contained(&file.path) else {
            return Err(Diagnostic::error(
                &file.path,
                "refusing to write outside the output folder",
            ));
        };
        let target = self.dir.join(rel);
        if let Some(parent) = target.parent() {
            self.make_dir(parent)?;
        }
        std::fs::write(&target, &file.contents).map_err(|e| write_error(&target, e))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
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

/// Removes the staging and old folders earlier builds left behind (a killed build's staging
/// folder, an old output whose deletion failed), only ones carrying our marker and only of
/// processes that are gone; the caller holds the output lock, so no running build owns them.
/// What cannot be removed is a warning, at every build, so it is never left behind unsaid.
fn remove_leftovers(parent: &Path, name: &str) -> Vec<Diagnostic> {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let prefixes = [format!(".{name}.staging-"), format!(".{name}.old-")];
    let mut warnings = Vec::new();
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = prefixes.iter().find_map(|p| n.strip_prefix(p.as_str())) else {
            continue;
        };
        if !e.path().join(MARKER).exists() || process_is_running(rest) {
            continue;
        }
        if let Err(err) = std::fs::remove_dir_all(e.path()) {
            warnings.push(
                Diagnostic::warning(
                    e.path().display().to_string(),
                    format!("cannot remove this folder left by an earlier build: {err}"),
                )
                .with_hint(format!(
                    "make it writable and delete it: chmod -R u+w '{0}' && rm -rf '{0}'",
                    e.path().display()
                )),
            );
        }
    }
    warnings
}

/// Whether the `<pid>-<nanos>` suffix of a leftover names another process still running. Only
/// Linux can tell (`/proc`); elsewhere every leftover counts as abandoned, which the lock makes
/// safe for builds of this version.
fn process_is_running(suffix: &str) -> bool {
    let Some(pid) = suffix.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
        return false;
    };
    pid != std::process::id() && Path::new("/proc").join(pid.to_string()).exists()
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
