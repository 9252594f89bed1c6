//! The watcher: turns bursts of file-system events into [`Change`]s, and keeps the watches
//! themselves alive.
//!
//! Watching is less reliable than it looks. A folder moved into `content/` arrives as one event for
//! the folder and none for the pages inside it; `content/` moved away and back leaves the old watch
//! on a folder that is no longer there; editors save by writing a temporary file and renaming it.
//! So: events on folders count as well as events on `.md` files (the session then reads everything
//! from disk), and once a second, and after every burst, each watched folder's identity (device and
//! inode) is compared with the one watched; a folder that changed is watched again and the whole site
//! rebuilt. An event the OS dropped (queue overflow) also rebuilds everything.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use notify::event::{EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use super::{apply, classify, describe, Change, State};

/// Quiet time that ends a burst of events: an editor's save (write a temp file, rename it, touch
/// a backup) arrives as several events within a few milliseconds and becomes one rebuild. Every
/// save waits this long before its rebuild starts, so it is kept short (it was 50 ms, more than
/// the whole rebuild of a page on a 12,000-page site).
pub const DEBOUNCE_MS: u64 = 20;
const DEBOUNCE: Duration = Duration::from_millis(DEBOUNCE_MS);

/// How often the watched folders are checked when nothing happens, and how long the site must be
/// quiet before stale search indexes are rebuilt in the background.
const TICK: Duration = Duration::from_millis(500);

/// The site's folders that hold its sources, each watched recursively.
const WATCHED: [&str; 5] = ["content", "locales", "themes", "data", "static"];

/// Keeps the watcher alive for as long as the preview runs.
pub struct Handle {
    _watches: Arc<Mutex<Watches>>,
}

struct Watches {
    watcher: RecommendedWatcher,
    root: PathBuf,
    /// Identity of each watched folder when its watch was made (`None`: it did not exist).
    ids: HashMap<&'static str, Option<(u64, u64)>>,
}

impl Watches {
    /// Watches again every folder whose identity changed (made, removed, or replaced by a move).
    /// Returns true when any did.
    fn resync(&mut self) -> bool {
        let mut changed = false;
        for dir in WATCHED {
            let path = self.root.join(dir);
            let id = identity(&path);
            if self.ids.get(dir) != Some(&id) {
                self.rewatch(dir);
                changed = true;
            }
        }
        changed
    }

    /// Drops the watch on `dir` and makes it again, so folders that arrived inside it are watched.
    fn rewatch(&mut self, dir: &'static str) {
        let path = self.root.join(dir);
        let _ = self.watcher.unwatch(&path);
        let id = identity(&path);
        if id.is_some() && self.watcher.watch(&path, RecursiveMode::Recursive).is_err() {
            // Not watchable now (removed again in between): try again at the next check.
            self.ids.insert(dir, None);
            return;
        }
        self.ids.insert(dir, id);
    }
}

#[cfg(unix)]
fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path)
        .ok()
        .filter(|m| m.is_dir())
        .map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(path: &Path) -> Option<(u64, u64)> {
    std::fs::metadata(path)
        .ok()
        .filter(|m| m.is_dir())
        .map(|_| (0, 0))
}

/// Only events that change files count (create, write, rename, remove): the server's own reads
/// must never trigger a rebuild.
fn is_write(e: &notify::Event) -> bool {
    matches!(
        e.kind,
        EventKind::Create(_)
            | EventKind::Remove(_)
            | EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Name(_) | ModifyKind::Any)
    ) || e.need_rescan()
}

/// Starts watching the site's folders and a thread that applies what they report.
pub fn start(root: &Path, state: Arc<State>, log: bool) -> Result<Handle, String> {
    let root = root
        .canonicalize()
        .map_err(|e| format!("{}: {e}", root.display()))?;
    let (tx, rx) = channel::<notify::Result<notify::Event>>();
    let watches = Arc::new(Mutex::new(Watches::new(&root, tx)?));
    let shared = Arc::clone(&watches);
    std::thread::spawn(move || apply_bursts(&root, &rx, &shared, &state, log));
    Ok(Handle { _watches: watches })
}

impl Watches {
    /// Watches the root itself, not recursively (`site.toml`, and the source folders being made,
    /// removed or moved, which their own watches cannot report), and each source folder there is.
    fn new(root: &Path, tx: Sender<notify::Result<notify::Event>>) -> Result<Watches, String> {
        let mut watcher = notify::recommended_watcher(tx).map_err(|e| e.to_string())?;
        watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        let mut watches = Watches {
            watcher,
            root: root.to_path_buf(),
            ids: HashMap::new(),
        };
        for dir in WATCHED {
            let p = root.join(dir);
            let id = identity(&p);
            if id.is_some() {
                watches
                    .watcher
                    .watch(&p, RecursiveMode::Recursive)
                    .map_err(|e| format!("cannot watch {}: {e}", p.display()))?;
            }
            watches.ids.insert(dir, id);
        }
        Ok(watches)
    }
}

/// The watcher thread: applies each burst's change until the watcher is gone, and refreshes
/// stale search indexes when nothing has changed for a tick.
fn apply_bursts(
    root: &Path,
    rx: &Receiver<notify::Result<notify::Event>>,
    watches: &Mutex<Watches>,
    state: &State,
    log: bool,
) {
    let mut last_change = Instant::now();
    while let Some(burst) = next_burst(rx) {
        let Some(change) = burst_change(root, watches, burst) else {
            if last_change.elapsed() > TICK {
                refresh_search_when_idle(state);
            }
            continue;
        };
        last_change = Instant::now();
        apply_and_report(root, state, &change, log);
    }
}

/// What one burst of events reported: the paths written (sorted, once each), and whether
/// nothing reported can be trusted.
struct Burst {
    paths: Vec<PathBuf>,
    rescan: bool,
}

/// The events of one burst (up to a quiet [`DEBOUNCE`]), or an empty burst after a quiet
/// [`TICK`]; `None` once the watcher is gone.
fn next_burst(rx: &Receiver<notify::Result<notify::Event>>) -> Option<Burst> {
    let mut burst = Burst {
        paths: Vec::new(),
        rescan: false,
    };
    let mut take = |ev: notify::Result<notify::Event>| match ev {
        Ok(e) if e.need_rescan() => burst.rescan = true,
        Ok(e) if is_write(&e) => burst.paths.extend(e.paths),
        Ok(_) => {}
        // The OS lost events (or a watch): nothing reported can be trusted.
        Err(_) => burst.rescan = true,
    };
    match rx.recv_timeout(TICK) {
        Ok(first) => {
            take(first);
            while let Ok(ev) = rx.recv_timeout(DEBOUNCE) {
                take(ev);
            }
        }
        Err(RecvTimeoutError::Timeout) => {}
        Err(RecvTimeoutError::Disconnected) => return None,
    }
    burst.paths.sort();
    burst.paths.dedup();
    Some(burst)
}

/// The change a burst makes to the site: what its paths say, or everything when a watched folder
/// was replaced or events were lost.
fn burst_change(root: &Path, watches: &Mutex<Watches>, burst: Burst) -> Option<Change> {
    let resynced = lock(watches).resync();
    let mut change = classify(root, &burst.paths);
    if resynced || burst.rescan {
        let mut all = burst.paths;
        all.push(root.join("content"));
        change = Some(Change::Everything(all));
    }
    if let Some(Change::Everything(paths)) = &change {
        rewatch_arrived_folders(root, &mut lock(watches), paths);
    }
    change
}

/// A folder arrived inside a watched one: watch it again, so pages saved inside that folder
/// later are seen whatever the platform's recursive watching does.
fn rewatch_arrived_folders(root: &Path, watches: &mut Watches, paths: &[PathBuf]) {
    for dir in WATCHED {
        if paths
            .iter()
            .any(|x| x.starts_with(root.join(dir)) && x.is_dir())
        {
            watches.rewatch(dir);
        }
    }
}

/// The watches as they are, even after a thread panicked holding them: a poisoned lock must not
/// stop the preview from watching for good.
fn lock(watches: &Mutex<Watches>) -> MutexGuard<'_, Watches> {
    watches.lock().unwrap_or_else(|e| e.into_inner())
}

/// Rebuilds for the change and says what happened on the terminal (successes only with `log`).
fn apply_and_report(root: &Path, state: &State, change: &Change, log: bool) {
    let what = describe(root, change);
    match apply(state, change) {
        Ok(o) if log => eprintln!(
            "changed {what}: re-rendered {} page{} in {} ms",
            o.rendered,
            if o.rendered == 1 { "" } else { "s" },
            o.elapsed.as_millis()
        ),
        Ok(_) => {}
        Err(d) => eprintln!("changed {what}: the site does not build\n{d}"),
    }
}

/// While the editor is not saving, brings stale search indexes up to date, so the next search in
/// the browser is instant. One language per quiet tick: the session is locked while an index is
/// rebuilt, and a save arriving meanwhile waits for one language (about 0.3 s at 2,000 pages), not
/// for all six (2 s).
fn refresh_search_when_idle(state: &State) {
    let Ok(mut session) = state.session.try_lock() else {
        return;
    };
    if session.has_stale_search() {
        session.refresh_one_stale_search();
        let error = state.snapshot().error.clone();
        state.publish(&session, error);
    }
}
