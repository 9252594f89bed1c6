//! `approdo serve`: the site as the public will see it, rebuilt the moment an editor saves.
//!
//! HTTP is tiny_http on loopback; a pool of threads answers requests, and each live-reload stream
//! (Server-Sent Events, `/__approdo/events`) gets a thread of its own, so an open stream never
//! blocks other requests. Pages are served from memory (never from disk), which also means no path
//! can reach a file outside the site. The watcher (notify, debounced) turns saves into [`Change`]s
//! for the [`Session`], which rebuilds as little as it can with the normal pipeline.

mod http;
mod session;
mod watch;

use std::io::Write;
use std::net::SocketAddr;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use tiny_http::{Header, Request, Response, Server};

use crate::error::Diagnostics;
use crate::paths::is_ignored_name;
use crate::pipeline::BuildOptions;
pub use http::{answer, clean_path, content_type, header_value, output_key, Reply, Snapshot};
pub use session::{Change, Outcome, Session};
pub use watch::DEBOUNCE_MS;

/// Threads answering ordinary requests. Each survives whatever one request does (see
/// [`serve_one`]), so the pool stays this size for the life of the preview.
const REQUEST_THREADS: usize = 4;

/// How `approdo serve` was asked to run.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: String,
    /// 0 takes any free port.
    pub port: u16,
    pub drafts: bool,
}

/// A running preview server.
pub struct Preview {
    pub addr: SocketAddr,
    state: Arc<State>,
    _watcher: watch::Handle,
}

/// Shared by the request threads, the watcher and the rebuilds.
///
/// Requests only ever read `served`, an immutable [`Snapshot`] swapped in whole after each
/// rebuild: they never wait for a rebuild, and never see half of one. Rebuilds take `session`,
/// which requests touch only to refresh a stale search index, and then only if it is free.
struct State {
    served: RwLock<Arc<Snapshot>>,
    session: Mutex<Session>,
    clients: Mutex<Vec<Sender<String>>>,
}

impl State {
    fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(&self.served.read().unwrap_or_else(|e| e.into_inner()))
    }

    fn publish(&self, session: &Session, error: Option<Arc<http::ErrorReport>>) {
        let snapshot = Arc::new(session.snapshot(error));
        *self.served.write().unwrap_or_else(|e| e.into_inner()) = snapshot;
    }

    fn lock_session(&self) -> std::sync::MutexGuard<'_, Session> {
        self.session.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Preview {
    /// The server's address as a URL.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Applies a change as the watcher would, and notifies the browsers (used by tests too).
    pub fn apply(&self, change: &Change) -> Result<Outcome, Diagnostics> {
        apply(&self.state, change)
    }

    /// Holds the rebuild lock, as a long rebuild does, until the guard is dropped (for tests that
    /// show requests never wait for a rebuild).
    #[doc(hidden)]
    pub fn hold_rebuilds(&self) -> std::sync::MutexGuard<'_, Session> {
        self.state.lock_session()
    }

    /// The errors shown in the browser now, as JSON (the overlay's data), if any.
    pub fn current_error(&self) -> Option<String> {
        self.state.snapshot().error.as_ref().map(|e| e.json.clone())
    }
}

/// Binds, builds the site, starts the watcher and the request threads, and returns at once.
/// A site that does not build yet is still served: every address shows the errors, and reloads
/// by itself when a save fixes them.
pub fn start(opts: &ServeOptions, log: bool) -> Result<Preview, String> {
    let server = listen(&opts.bind, opts.port)
        .map_err(|e| format!("cannot listen on {}:{}: {e}", opts.bind, opts.port))?;
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or("the server has no IP address")?;
    let mut build = BuildOptions::new(&opts.root);
    build.drafts = opts.drafts;
    build.base_url = Some(format!("http://{addr}"));
    let state = Arc::new(State {
        served: RwLock::new(Arc::new(Snapshot::default())),
        session: Mutex::new(Session::new(build)),
        clients: Mutex::new(Vec::new()),
    });
    let first = {
        let mut session = state.lock_session();
        let first = rebuild_guarded(&mut session, |s| s.rebuild_all());
        let error = first.as_ref().err().map(|d| Arc::new(error_report(d)));
        state.publish(&session, error);
        first
    };
    match first {
        Ok(o) if log => eprintln!("built {} pages in {} ms", o.rendered, o.elapsed.as_millis()),
        Ok(_) => {}
        Err(d) => eprintln!("{d}"),
    }
    spawn_request_threads(Arc::new(server), &state, answer);
    let watcher = watch::start(&opts.root, Arc::clone(&state), log)?;
    Ok(Preview {
        addr,
        state,
        _watcher: watcher,
    })
}

/// How a request is answered from a snapshot: [`answer`], or a stand-in in tests.
type Answer = fn(&Snapshot, &str, &str) -> Reply;

/// The request pool: each thread answers requests until the server closes; live-reload streams get
/// a thread of their own so an open stream never holds a pool thread.
fn spawn_request_threads(server: Arc<Server>, state: &Arc<State>, answer: Answer) {
    for _ in 0..REQUEST_THREADS {
        let server = Arc::clone(&server);
        let state = Arc::clone(state);
        std::thread::spawn(move || {
            while let Ok(req) = server.recv() {
                if req.url().split('?').next() == Some(http::EVENTS_PATH) {
                    let state = Arc::clone(&state);
                    std::thread::spawn(move || event_stream(&state, req));
                } else {
                    serve_one(&state, req, answer);
                }
            }
        });
    }
}

/// Answers one request. Whatever happens while computing the answer, the thread lives on: a panic
/// is caught here, logged once, and answered with a 500 page that says so.
fn serve_one(state: &State, req: Request, answer: Answer) {
    let method = req.method().as_str().to_string();
    let url = req.url().to_string();
    let reply = catch_unwind(AssertUnwindSafe(|| {
        refresh_stale_search(state, &url);
        answer(&state.snapshot(), &method, &url)
    }))
    .unwrap_or_else(|panic| {
        let message = panic_message(&panic);
        eprintln!("approdo serve: request {url:?} failed: {message}");
        Reply::internal_error(&message)
    });
    let _ = req.respond(to_response(reply));
}

/// A search file of a language edited since its index was built: rebuild that index first, if no
/// rebuild is running (otherwise the last index is served; the next request gets the new one).
fn refresh_stale_search(state: &State, url: &str) {
    if !url.contains("/search/") {
        return;
    }
    let Ok(path) = clean_path(url) else { return };
    let key = output_key(&path);
    let Ok(mut session) = state.session.try_lock() else {
        return;
    };
    if session.search_is_stale(&key) {
        session.refresh_search(&key);
        let error = state.snapshot().error.clone();
        state.publish(&session, error);
    }
}

fn to_response(reply: Reply) -> Response<std::io::Cursor<Vec<u8>>> {
    let mut response = Response::from_data(reply.body).with_status_code(reply.status);
    for (name, value) in &reply.headers {
        // Values are checked ASCII by `http`; a header that still fails is dropped, not a panic.
        if let Ok(h) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(h);
        }
    }
    response
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unexpected internal error".into())
}

/// Runs a rebuild, turning a panic into an error diagnostic: the preview shows it like any build
/// error, the session forgets its model (the next change rebuilds from disk), and the watcher thread
/// goes on.
fn rebuild_guarded(
    session: &mut Session,
    f: impl FnOnce(&mut Session) -> Result<Outcome, Diagnostics>,
) -> Result<Outcome, Diagnostics> {
    match catch_unwind(AssertUnwindSafe(|| f(session))) {
        Ok(r) => r,
        Err(panic) => {
            session.invalidate();
            let message = panic_message(&panic);
            eprintln!("approdo serve: the rebuild stopped on an internal error: {message}");
            Err(crate::Diagnostic::error(
                "approdo",
                format!("internal error while rebuilding: {message}"),
            )
            .with_hint("save again to retry; please report this with the file you changed")
            .into())
        }
    }
}

/// A listening socket with TCP_NODELAY set, which Linux passes on to accepted connections: small
/// responses then leave at once instead of waiting for the client's delayed ACK.
fn listen(bind: &str, port: u16) -> Result<Server, Box<dyn std::error::Error + Send + Sync>> {
    use std::net::ToSocketAddrs;
    let addr = (bind, port)
        .to_socket_addrs()?
        .next()
        .ok_or("the address does not resolve")?;
    let socket = socket2::Socket::new(
        socket2::Domain::for_address(addr),
        socket2::Type::STREAM,
        Some(socket2::Protocol::TCP),
    )?;
    socket.set_reuse_address(true)?;
    socket.set_tcp_nodelay(true)?;
    socket.bind(&addr.into())?;
    socket.listen(128)?;
    Server::from_listener(std::net::TcpListener::from(socket), None)
}

fn apply(state: &State, change: &Change) -> Result<Outcome, Diagnostics> {
    let mut session = state.lock_session();
    let result = rebuild_guarded(&mut session, |s| s.apply(change));
    match &result {
        Ok(o) => {
            state.publish(&session, None);
            drop(session);
            let name = if o.css_only { "css" } else { "reload" };
            let data = serde_json::json!({
                "rendered": o.rendered,
                "ms": o.elapsed.as_secs_f64() * 1000.0,
            });
            broadcast(state, format!("event: {name}\ndata: {data}\n\n"));
        }
        Err(d) => {
            let report = Arc::new(error_report(d));
            state.publish(&session, Some(Arc::clone(&report)));
            drop(session);
            broadcast(
                state,
                format!("event: build-error\ndata: {}\n\n", report.json),
            );
        }
    }
    result
}

/// A failed build for the browser: the same text the terminal shows (location, message, the
/// source line with a caret, the hint), as JSON for the overlay and as lines for the error page.
fn error_report(d: &Diagnostics) -> http::ErrorReport {
    let renderer = annotate_snippets::Renderer::plain();
    let errors: Vec<&crate::Diagnostic> = d.0.iter().filter(|x| x.is_error()).collect();
    let texts: Vec<String> = errors.iter().map(|x| x.render(&renderer)).collect();
    let title = format!(
        "The site does not build ({} error{})",
        texts.len(),
        if texts.len() == 1 { "" } else { "s" }
    );
    let json = serde_json::json!({
        "title": title,
        "diagnostics": texts,
        "errors": errors,
    })
    .to_string();
    http::ErrorReport { json, title, texts }
}

fn broadcast(state: &State, message: String) {
    let mut clients = state.clients.lock().unwrap_or_else(|e| e.into_inner());
    clients.retain(|tx| tx.send(message.clone()).is_ok());
}

/// What kind of rebuild a set of changed paths needs; `None` when nothing the site uses changed.
pub fn classify(root: &Path, paths: &[PathBuf]) -> Option<Change> {
    let relevant: Vec<&PathBuf> = paths
        .iter()
        .filter(|p| {
            let rel = p.strip_prefix(root).unwrap_or(p);
            !rel.components()
                .any(|c| is_ignored_name(&c.as_os_str().to_string_lossy()))
        })
        .collect();
    if relevant.is_empty() {
        return None;
    }
    let under = |p: &Path, dir: &str| p.strip_prefix(root).is_ok_and(|r| r.starts_with(dir));
    let is_static = |p: &Path| {
        under(p, "static")
            || p.strip_prefix(root.join("themes")).is_ok_and(|r| {
                r.components()
                    .nth(1)
                    .is_some_and(|c| c.as_os_str() == "static")
            })
    };
    let mut content = Vec::new();
    let mut statics = Vec::new();
    let mut everything = Vec::new();
    for p in relevant {
        if under(p, "content") {
            if p.extension().is_some_and(|e| e == "md") {
                content.push(p.clone());
            } else if p.is_file() {
                // An image or document kept next to the pages: published as it is.
                statics.push(p.clone());
            } else {
                // A folder made, moved in or out, or removed (a path that is gone may have been
                // one): the pages inside it were never reported one by one, so read them all.
                everything.push(p.clone());
            }
        } else if is_static(p) {
            statics.push(p.clone());
        } else if under(p, "locales")
            || under(p, "themes")
            || under(p, "data")
            || p == &root.join("site.toml")
        {
            everything.push(p.clone());
        }
    }
    if !everything.is_empty() {
        everything.extend(content);
        return Some(Change::Everything(everything));
    }
    match (content.is_empty(), statics.is_empty()) {
        (false, true) => Some(Change::Content(content)),
        (true, false) => Some(Change::Static(statics)),
        (false, false) => {
            content.extend(statics);
            Some(Change::Everything(content))
        }
        (true, true) => None,
    }
}

fn describe(root: &Path, change: &Change) -> String {
    let paths = match change {
        Change::Content(p) | Change::Static(p) | Change::Everything(p) => p,
    };
    let names: Vec<String> = paths
        .iter()
        .take(3)
        .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
        .collect();
    let more = paths.len().saturating_sub(3);
    if more > 0 {
        format!("{} and {more} more", names.join(", "))
    } else {
        names.join(", ")
    }
}

/// An open live-reload stream: sends events until the browser goes away.
///
/// tiny_http buffers response bodies (8 KiB chunks), which would hold events back; so the response
/// head is written through `upgrade`, which hands over the socket, and each event is written and
/// flushed as it comes. Without a length the body lasts until the connection closes, which is what
/// an event stream is.
fn event_stream(state: &State, req: Request) {
    let (tx, rx) = channel::<String>();
    let pending = state.snapshot().error.as_ref().map(|e| e.json.clone());
    state
        .clients
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(tx);
    let head = Response::empty(200)
        .with_header(header("Content-Type", "text/event-stream; charset=utf-8"))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"));
    let mut stream = req.upgrade("approdo-events", head);
    let mut send = |text: &str| -> std::io::Result<()> {
        stream.write_all(text.as_bytes())?;
        stream.flush()
    };
    if send("retry: 1000\n\n").is_err() {
        return;
    }
    if let Some(report) = pending {
        if send(&format!("event: build-error\ndata: {report}\n\n")).is_err() {
            return;
        }
    }
    loop {
        let message = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".into(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if send(&message).is_err() {
            return;
        }
    }
}

/// A header with a fixed, known-good value.
fn header(name: &'static str, value: &'static str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a constant header is valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A handler that panics on `/boom` cannot take the pool down: every request is answered (500
    /// with the message for the panicking ones), long after more panics than there are threads.
    #[test]
    fn a_panicking_request_never_kills_a_thread() {
        fn answer_or_panic(s: &Snapshot, method: &str, url: &str) -> Reply {
            if url.starts_with("/boom") {
                panic!("boom at {url}");
            }
            answer(s, method, url)
        }
        let state = Arc::new(State {
            served: RwLock::new(Arc::new(Snapshot {
                built: true,
                ..Snapshot::default()
            })),
            session: Mutex::new(Session::new(BuildOptions::new("/nonexistent"))),
            clients: Mutex::new(Vec::new()),
        });
        let server = Arc::new(Server::http("127.0.0.1:0").unwrap());
        let addr = server.server_addr().to_ip().unwrap();
        spawn_request_threads(Arc::clone(&server), &state, answer_or_panic);
        let get = |path: &str| -> String {
            use std::io::Read;
            let mut s = std::net::TcpStream::connect(addr).unwrap();
            s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
            write!(
                s,
                "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            )
            .unwrap();
            let mut out = String::new();
            let _ = s.read_to_string(&mut out);
            out
        };
        for i in 0..(REQUEST_THREADS * 5) {
            let r = get(&format!("/boom/{i}"));
            assert!(r.starts_with("HTTP/1.1 500"), "{r}");
            assert!(r.contains(&format!("boom at /boom/{i}")), "{r}");
        }
        for _ in 0..REQUEST_THREADS * 2 {
            assert!(get("/nothing").starts_with("HTTP/1.1 404"));
        }
    }

    #[test]
    fn changes_are_classified() {
        let root = Path::new("/site");
        let p = |s: &str| root.join(s);
        assert_eq!(
            classify(root, &[p("content/legal/visa.ar.md")]),
            Some(Change::Content(vec![p("content/legal/visa.ar.md")]))
        );
        assert_eq!(
            classify(
                root,
                &[
                    p("content/legal/.visa.ar.md.swp"),
                    p("content/legal/visa.ar.md~")
                ]
            ),
            None
        );
        assert_eq!(
            classify(root, &[p("themes/default/static/style.css")]),
            Some(Change::Static(vec![p("themes/default/static/style.css")]))
        );
        assert!(matches!(
            classify(root, &[p("locales/ar/main.ftl")]),
            Some(Change::Everything(_))
        ));
        assert!(matches!(
            classify(root, &[p("site.toml")]),
            Some(Change::Everything(_))
        ));
        assert_eq!(
            classify(root, &[p("public/index.html"), p("README.md")]),
            None
        );
    }
}
