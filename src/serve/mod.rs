//! `approdo serve`: the site as the public will see it, rebuilt the moment an editor saves.
//!
//! HTTP is tiny_http on loopback; a pool of threads answers requests, and each live-reload stream
//! (Server-Sent Events, `/__approdo/events`) gets a thread of its own, so an open stream never
//! blocks other requests. Pages are served from memory (never from disk), which also means no path
//! can reach a file outside the site. The watcher (notify, debounced) turns saves into [`Change`]s
//! for the [`Session`], which rebuilds as little as it can with the normal pipeline.

mod session;

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use notify::event::{EventKind, ModifyKind};
use notify::{RecursiveMode, Watcher};
use tiny_http::{Header, Method, Request, Response, Server};

use crate::content::is_ignored_name;
use crate::error::Diagnostics;
use crate::pipeline::BuildOptions;
pub use session::{Change, Outcome, Session};

const LIVERELOAD_JS: &str = include_str!("livereload.js");
const EVENTS_PATH: &str = "/__approdo/events";
const SCRIPT_PATH: &str = "/__approdo/livereload.js";

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
    _watcher: Box<dyn std::any::Any + Send>,
}

struct State {
    session: RwLock<Session>,
    /// The last failed rebuild, shown on every page until the next good one.
    error: RwLock<Option<String>>,
    clients: Mutex<Vec<Sender<String>>>,
    languages: Vec<String>,
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
}

/// Binds, builds the site, starts the watcher and the request threads, and returns at once.
/// A site that does not build yet is still served: the error is shown in the browser.
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
    let mut session = Session::new(build);
    let first = session.rebuild_all();
    let languages = session.languages();
    let state = Arc::new(State {
        session: RwLock::new(session),
        error: RwLock::new(None),
        clients: Mutex::new(Vec::new()),
        languages,
    });
    match first {
        Ok(o) => {
            if log {
                eprintln!("built {} pages in {} ms", o.rendered, o.elapsed.as_millis());
            }
        }
        Err(d) => {
            eprintln!("{d}");
            *state.error.write().unwrap_or_else(|e| e.into_inner()) = Some(error_report(&d));
        }
    }
    let server = Arc::new(server);
    for _ in 0..4 {
        let server = Arc::clone(&server);
        let state = Arc::clone(&state);
        std::thread::spawn(move || {
            while let Ok(req) = server.recv() {
                if req.url().split('?').next() == Some(EVENTS_PATH) {
                    let state = Arc::clone(&state);
                    std::thread::spawn(move || event_stream(&state, req));
                } else {
                    handle(&state, req);
                }
            }
        });
    }
    let watcher = watch(&opts.root, Arc::clone(&state), log)?;
    Ok(Preview {
        addr,
        state,
        _watcher: watcher,
    })
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
    let result = state
        .session
        .write()
        .unwrap_or_else(|e| e.into_inner())
        .apply(change);
    match &result {
        Ok(o) => {
            *state.error.write().unwrap_or_else(|e| e.into_inner()) = None;
            let name = if o.css_only { "css" } else { "reload" };
            let data = serde_json::json!({
                "rendered": o.rendered,
                "ms": o.elapsed.as_secs_f64() * 1000.0,
            });
            broadcast(state, format!("event: {name}\ndata: {data}\n\n"));
        }
        Err(d) => {
            let report = error_report(d);
            broadcast(state, format!("event: build-error\ndata: {report}\n\n"));
            *state.error.write().unwrap_or_else(|e| e.into_inner()) = Some(report);
        }
    }
    result
}

/// The diagnostics as JSON for the browser overlay: the same text the terminal shows.
fn error_report(d: &Diagnostics) -> String {
    let lines: Vec<String> =
        d.0.iter()
            .filter(|x| x.is_error())
            .map(ToString::to_string)
            .collect();
    serde_json::json!({
        "title": format!("The site does not build ({} error{})", lines.len(), if lines.len() == 1 { "" } else { "s" }),
        "diagnostics": lines,
        "errors": d.0.iter().filter(|x| x.is_error()).collect::<Vec<_>>(),
    })
    .to_string()
}

fn broadcast(state: &State, message: String) {
    let mut clients = state.clients.lock().unwrap_or_else(|e| e.into_inner());
    clients.retain(|tx| tx.send(message.clone()).is_ok());
}

/// Quiet time that ends a burst of events: an editor's save (write a temp file, rename it, touch
/// a backup) arrives as several events within a few milliseconds and becomes one rebuild.
const DEBOUNCE: Duration = Duration::from_millis(50);

/// Watches the site's own folders and turns bursts of writes into changes. Only events that change
/// files count (create, write, rename, remove): the server's own reads must never trigger a rebuild.
fn watch(
    root: &Path,
    state: Arc<State>,
    log: bool,
) -> Result<Box<dyn std::any::Any + Send>, String> {
    let root = root
        .canonicalize()
        .map_err(|e| format!("{}: {e}", root.display()))?;
    let (tx, rx) = channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(tx).map_err(|e| e.to_string())?;
    for dir in ["content", "locales", "themes", "data", "static"] {
        let p = root.join(dir);
        if p.is_dir() {
            watcher
                .watch(&p, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", p.display()))?;
        }
    }
    watcher
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    std::thread::spawn(move || {
        let writes = |e: &notify::Event| {
            matches!(
                e.kind,
                EventKind::Create(_)
                    | EventKind::Remove(_)
                    | EventKind::Modify(
                        ModifyKind::Data(_) | ModifyKind::Name(_) | ModifyKind::Any
                    )
            )
        };
        while let Ok(first) = rx.recv() {
            let mut paths: Vec<PathBuf> = Vec::new();
            let mut take = |ev: notify::Result<notify::Event>| {
                if let Ok(e) = ev {
                    if writes(&e) {
                        paths.extend(e.paths);
                    }
                }
            };
            take(first);
            while let Ok(ev) = rx.recv_timeout(DEBOUNCE) {
                take(ev);
            }
            paths.sort();
            paths.dedup();
            let Some(change) = classify(&root, &paths) else {
                continue;
            };
            let what = describe(&root, &change);
            match apply(&state, &change) {
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
    });
    Ok(Box::new(watcher))
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
    let pending = state
        .error
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
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

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

/// The content type of a served file, with a charset for text.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "woff2" => "font/woff2",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

/// Decodes and checks a request path. Only plain relative segments are accepted: `..`, encoded
/// slashes and dots, backslashes and NUL bytes are refused before anything is looked up.
pub fn clean_path(url: &str) -> Result<String, u16> {
    let raw = url.split(['?', '#']).next().unwrap_or("");
    if !raw.starts_with('/') {
        return Err(400);
    }
    let lowered = raw.to_ascii_lowercase();
    if lowered.contains("%2f") || lowered.contains("%5c") || lowered.contains("%00") {
        return Err(400);
    }
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .map_err(|_| 400u16)?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return Err(400);
    }
    if decoded.split('/').any(|seg| seg == ".." || seg == ".") {
        return Err(400);
    }
    Ok(decoded.into_owned())
}

fn handle(state: &State, req: Request) {
    let head = *req.method() == Method::Head;
    if !matches!(req.method(), Method::Get | Method::Head) {
        let _ = req.respond(Response::empty(405).with_header(header("Allow", "GET, HEAD")));
        return;
    }
    let path = match clean_path(req.url()) {
        Ok(p) => p,
        Err(code) => {
            let _ = req.respond(Response::from_string("bad request").with_status_code(code));
            return;
        }
    };
    if path == SCRIPT_PATH {
        respond(req, 200, "x.js", LIVERELOAD_JS.as_bytes().to_vec(), head);
        return;
    }
    let key = path.trim_start_matches('/');
    let key = if key.is_empty() || key.ends_with('/') {
        format!("{key}index.html")
    } else {
        key.to_string()
    };
    let stale = state
        .session
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .search_is_stale(&key);
    if stale {
        let mut session = state.session.write().unwrap_or_else(|e| e.into_inner());
        if session.search_is_stale(&key) {
            session.refresh_search(&key);
        }
    }
    let session = state.session.read().unwrap_or_else(|e| e.into_inner());
    if let Some(body) = session.files.get(&key) {
        let body = prepare_body(&key, body);
        drop(session);
        respond(req, 200, &key, body, head);
        return;
    }
    if session.files.contains_key(&format!("{key}/index.html")) {
        drop(session);
        let _ = req.respond(
            Response::empty(301)
                .with_header(header("Location", &format!("{path}/")))
                .with_header(header("Cache-Control", "no-store")),
        );
        return;
    }
    // The language's own 404 page, with status 404.
    let lang = key.split('/').next().unwrap_or("");
    let not_found = if state.languages.iter().any(|l| l == lang) {
        format!("{lang}/404.html")
    } else {
        "404.html".to_string()
    };
    let body = match session.files.get(&not_found) {
        Some(b) => prepare_body(&not_found, b),
        None => error_page(),
    };
    drop(session);
    respond(req, 404, "404.html", body, head);
}

/// HTML gets the live-reload script (which also shows the current error); other files pass through.
fn prepare_body(key: &str, body: &Arc<Vec<u8>>) -> Vec<u8> {
    if !key.ends_with(".html") {
        return body.to_vec();
    }
    let html = String::from_utf8_lossy(body);
    let script = format!("<script src=\"{SCRIPT_PATH}\"></script>");
    match html.rfind("</body>") {
        Some(i) => format!("{}{script}{}", &html[..i], &html[i..]).into_bytes(),
        None => format!("{html}{script}").into_bytes(),
    }
}

/// Served before the first successful build: the live-reload script shows the error over it.
fn error_page() -> Vec<u8> {
    format!("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>approdo: build error</title></head><body><main><h1>The site does not build yet</h1><p>Fix the error shown in the terminal; this page reloads by itself.</p></main><script src=\"{SCRIPT_PATH}\"></script></body></html>").into_bytes()
}

fn respond(req: Request, status: u16, key: &str, body: Vec<u8>, head: bool) {
    let headers = [
        header("Content-Type", content_type(key)),
        header("Cache-Control", "no-store"),
        header("X-Content-Type-Options", "nosniff"),
        header("Referrer-Policy", "no-referrer"),
    ];
    let len = body.len();
    let mut response =
        Response::from_data(if head { Vec::new() } else { body }).with_status_code(status);
    for h in headers {
        response.add_header(h);
    }
    if head {
        response.add_header(header("Content-Length", &len.to_string()));
    }
    let _ = req.respond(response);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused() {
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/a/%2f..%2fb",
            "/a/..%5c..%5cb",
            "/a%00b",
            "/./x",
            "x",
        ] {
            assert!(clean_path(bad).is_err(), "{bad}");
        }
        assert_eq!(clean_path("/ar/legal/%D8%AA/").unwrap(), "/ar/legal/ت/");
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
