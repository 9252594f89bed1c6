//! The preview's answer to one request, as plain data: status, headers and body, computed from the
//! published [`Snapshot`] alone. Nothing here touches the socket, the session or the disk, so the
//! whole request path (decoding, traversal refusal, redirects, lookup, 404s) is a pure function that
//! the fuzzer and the property tests can call with arbitrary bytes, and a panic in it can be caught
//! at the request boundary without leaving anything half-done.

use std::collections::HashMap;
use std::sync::Arc;

use crate::escape::{encode_path, xml_escape};

pub const EVENTS_PATH: &str = "/__approdo/events";
pub const SCRIPT_PATH: &str = "/__approdo/livereload.js";
const LIVERELOAD_JS: &str = include_str!("livereload.js");
/// What the preview serves in place of the theme's service worker (`sw.js`): a worker that
/// deletes every cache the site made, unregisters itself and reloads its pages. An editor who
/// once saved the published site for offline reading on `localhost` (or whose browser kept a
/// worker from an earlier preview on the same port) would otherwise be shown cached pages
/// instead of the edit they just saved.
const KILL_SWITCH_JS: &str = "// approdo serve: no offline copies during a preview.\n\
self.addEventListener('install', () => self.skipWaiting());\n\
self.addEventListener('activate', event => event.waitUntil((async () => {\n\
  for (const name of await caches.keys()) await caches.delete(name);\n\
  await self.registration.unregister();\n\
  for (const client of await self.clients.matchAll({ type: 'window' })) client.navigate(client.url);\n\
})()));\n";

/// What the preview serves at one moment: the last good build (or nothing yet) and the current
/// error, if the last rebuild failed. Published whole, so a request never sees half a rebuild.
#[derive(Debug, Default, Clone)]
pub struct Snapshot {
    /// Rendered files, by output path (`ar/legal/index.html`).
    pub generated: Arc<HashMap<String, Arc<Vec<u8>>>>,
    /// Files of the static folders, by output path; rendered files win over them, as in the build.
    pub statics: Arc<HashMap<String, Arc<Vec<u8>>>>,
    /// Language codes, and which of them are written right to left.
    pub languages: Vec<(String, bool)>,
    /// The failed rebuild that is not fixed yet.
    pub error: Option<Arc<ErrorReport>>,
    /// True once a build has succeeded: until then every page is the error page.
    pub built: bool,
}

/// A failed build as the browser shows it.
#[derive(Debug, Clone)]
pub struct ErrorReport {
    /// JSON for the live-reload overlay (`title`, `diagnostics`, `errors`).
    pub json: String,
    pub title: String,
    /// Each error as the terminal shows it: location, message, the source line, the hint.
    pub texts: Vec<String>,
}

impl Snapshot {
    fn get(&self, key: &str) -> Option<&Arc<Vec<u8>>> {
        self.generated.get(key).or_else(|| self.statics.get(key))
    }

    fn language(&self, key: &str) -> Option<&(String, bool)> {
        let first = key.split('/').next().unwrap_or("");
        self.languages.iter().find(|(code, _)| code == first)
    }
}

/// One answer, ready to be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    /// Header names and values; values are ASCII by construction (see [`header_value`]).
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    fn new(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            headers: vec![
                ("Content-Type", content_type.to_string()),
                ("Cache-Control", "no-store".into()),
                ("X-Content-Type-Options", "nosniff".into()),
                ("Referrer-Policy", "no-referrer".into()),
            ],
            body,
        }
    }

    fn text(status: u16, message: &str) -> Reply {
        let body = format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{status}</title></head><body><main><h1>{status}</h1><p>{}</p></main></body></html>",
            xml_escape(message)
        );
        Reply::new(status, "text/html; charset=utf-8", body.into_bytes())
    }

    /// The answer when handling a request failed unexpectedly (a panic caught at the boundary).
    pub fn internal_error(message: &str) -> Reply {
        Reply::text(
            500,
            &format!("approdo could not answer this request: {message}. The preview is still running; the terminal shows the details."),
        )
    }
}

/// A header value that is safe to send: visible ASCII and spaces only. Anything else (a decoded
/// Arabic path, a control character) is refused here rather than panicking in the HTTP library.
pub fn header_value(value: &str) -> Option<String> {
    value
        .bytes()
        .all(|b| b == b' ' || b == b'\t' || (0x21..0x7f).contains(&b))
        .then(|| value.to_string())
}

/// Decodes and checks a request path. Only plain relative segments are accepted: `..`, encoded
/// slashes and dots, backslashes, NUL and other control bytes are refused before anything is
/// looked up.
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
    if decoded.chars().any(|c| c.is_control() || c == '\\') {
        return Err(400);
    }
    if decoded.split('/').any(|seg| seg == ".." || seg == ".") {
        return Err(400);
    }
    Ok(decoded.into_owned())
}

/// The content type of a served file, with a charset for text.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "json" | "webmanifest" => "application/json; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "woff2" => "font/woff2",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

/// The output path a clean request path names: `/ar/legal/` → `ar/legal/index.html`.
pub fn output_key(path: &str) -> String {
    let key = path.trim_start_matches('/');
    if key.is_empty() || key.ends_with('/') {
        format!("{key}index.html")
    } else {
        key.to_string()
    }
}

/// Answers a GET or HEAD (other methods: 405) for `url` as the request line gave it.
pub fn answer(snapshot: &Snapshot, method: &str, url: &str) -> Reply {
    let head = method.eq_ignore_ascii_case("HEAD");
    if !head && !method.eq_ignore_ascii_case("GET") {
        let mut r = Reply::text(405, "Only GET and HEAD are answered.");
        r.headers.push(("Allow", "GET, HEAD".into()));
        return r;
    }
    let mut reply = answer_get(snapshot, url);
    if head {
        reply
            .headers
            .push(("Content-Length", reply.body.len().to_string()));
        reply.body.clear();
    }
    reply
}

fn answer_get(snapshot: &Snapshot, url: &str) -> Reply {
    let path = match clean_path(url) {
        Ok(p) => p,
        Err(code) => return Reply::text(code, "This address is not valid."),
    };
    if path == SCRIPT_PATH {
        return Reply::new(
            200,
            content_type(SCRIPT_PATH),
            LIVERELOAD_JS.as_bytes().to_vec(),
        );
    }
    let key = output_key(&path);
    // Any `sw.js`: the site may be previewed under its base path (`/docs/sw.js`).
    if key == "sw.js" || key.ends_with("/sw.js") {
        let mut r = Reply::new(200, content_type(&key), KILL_SWITCH_JS.as_bytes().to_vec());
        // Browsers check a worker's script for updates; this one must never be cached.
        r.headers.push(("Cache-Control", "no-store".into()));
        return r;
    }
    if !snapshot.built {
        return error_page(snapshot, &key);
    }
    if let Some(body) = snapshot.get(&key) {
        return Reply::new(200, content_type(&key), with_reload_script(&key, body));
    }
    if snapshot.get(&format!("{key}/index.html")).is_some() {
        return redirect(&path, url);
    }
    // The language's own 404 page, with status 404.
    let not_found = match snapshot.language(&key) {
        Some((lang, _)) => format!("{lang}/404.html"),
        None => "404.html".to_string(),
    };
    match snapshot.get(&not_found) {
        Some(body) => Reply::new(
            404,
            content_type(&not_found),
            with_reload_script(&not_found, body),
        ),
        None => Reply::text(404, "There is no page at this address."),
    }
}

/// `301` to the folder form of `path` (`/ar/legal` → `/ar/legal/`), keeping the query string. The
/// Location is built from the decoded path, percent-encoded again the way the build writes links,
/// so Arabic and Chinese slugs give a valid header.
fn redirect(path: &str, url: &str) -> Reply {
    let query = url
        .split_once('?')
        .map(|(_, q)| q.split('#').next().unwrap_or(""))
        .filter(|q| !q.is_empty());
    let mut location = encode_path(&format!("{path}/"));
    if let Some(q) = query {
        location.push('?');
        location.push_str(&encode_query(q));
    }
    match header_value(&location) {
        Some(value) => {
            let mut r = Reply::text(
                301,
                "This page has moved to the address with a final slash.",
            );
            r.headers.push(("Location", value));
            r
        }
        None => Reply::text(400, "This address cannot be redirected."),
    }
}

/// A query string made safe for a header: bytes outside visible ASCII are percent-encoded, what is
/// already encoded stays as it is.
fn encode_query(q: &str) -> String {
    const SET: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'<')
        .add(b'>')
        .add(b'`')
        .add(b'#');
    percent_encoding::utf8_percent_encode(q, SET).to_string()
}

/// HTML gets the live-reload script (which also shows the current error); other files pass through.
fn with_reload_script(key: &str, body: &Arc<Vec<u8>>) -> Vec<u8> {
    if !key.ends_with(".html") {
        return body.to_vec();
    }
    let script = format!("<script src=\"{SCRIPT_PATH}\"></script>");
    let html: &[u8] = body;
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Before the first good build, every address answers with the build's errors, the way the overlay
/// shows them later: title, then each error with its file, line, source line and hint. The page is
/// laid out in the direction of the language its address names, and reloads by itself when a save
/// fixes the site (the live-reload script sees the `data-approdo-error` mark).
fn error_page(snapshot: &Snapshot, key: &str) -> Reply {
    let rtl = snapshot.language(key).is_some_and(|(_, rtl)| *rtl);
    let (title, texts) = match &snapshot.error {
        Some(e) => (e.title.clone(), e.texts.clone()),
        None => ("The site is being built".to_string(), Vec::new()),
    };
    let mut items = String::new();
    for t in &texts {
        items.push_str("<pre dir=\"ltr\">");
        items.push_str(&xml_escape(t));
        items.push_str("</pre>");
    }
    let body = format!(
        "<!DOCTYPE html><html lang=\"en\" dir=\"{dir}\" data-approdo-error><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>approdo: {title}</title><style>body{{font:1rem/1.5 system-ui,sans-serif;margin:0;color:#0b0c0c}}main{{padding:1rem;border-top:6px solid #d4351c}}h1{{color:#d4351c;font-size:1.5rem}}pre{{white-space:pre-wrap;font:.95rem/1.4 monospace;text-align:start;background:#f3f2f1;padding:.5rem}}</style></head><body><main role=\"alert\"><h1><bdi>{title}</bdi></h1><p><bdi>Fix the file named below and save: this page reloads by itself.</bdi></p>{items}</main><script src=\"{SCRIPT_PATH}\"></script></body></html>",
        dir = if rtl { "rtl" } else { "ltr" },
        title = xml_escape(&title),
    );
    Reply::new(500, "text/html; charset=utf-8", body.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Snapshot {
        crate::invariants::preview_fixture()
    }

    #[test]
    fn traversal_is_refused() {
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/a/%2f..%2fb",
            "/a/..%5c..%5cb",
            "/a%00b",
            "/a%0Ab",
            "/./x",
            "x",
            "/%FF",
        ] {
            assert!(clean_path(bad).is_err(), "{bad}");
        }
        assert_eq!(clean_path("/ar/legal/%D8%AA/").unwrap(), "/ar/legal/ت/");
    }

    #[test]
    fn non_ascii_paths_redirect_with_an_encoded_location() {
        let s = site();
        for (url, location) in [
            (
                "/ar/legal/%D8%B5%D9%81%D8%AD%D8%A9",
                "/ar/legal/%D8%B5%D9%81%D8%AD%D8%A9/",
            ),
            ("/ar/legal/صفحة", "/ar/legal/%D8%B5%D9%81%D8%AD%D8%A9/"),
            ("/zh/%E5%AD%A6%E6%A0%A1", "/zh/%E5%AD%A6%E6%A0%A1/"),
            (
                "/zh/%E5%AD%A6%E6%A0%A1?q=学 校",
                "/zh/%E5%AD%A6%E6%A0%A1/?q=%E5%AD%A6%20%E6%A0%A1",
            ),
        ] {
            let r = answer(&s, "GET", url);
            assert_eq!(r.status, 301, "{url}");
            let loc = r.headers.iter().find(|(n, _)| *n == "Location").unwrap();
            assert_eq!(loc.1, location, "{url}");
        }
    }

    #[test]
    fn every_header_value_is_ascii() {
        let s = site();
        for url in ["/ar/legal/صفحة", "/zh/学校?x=\u{7f}", "/nothing", "/ar/x"] {
            for (_, v) in answer(&s, "GET", url).headers {
                assert!(header_value(&v).is_some(), "{url}: {v:?}");
            }
        }
    }

    #[test]
    fn before_the_first_build_every_address_shows_the_errors() {
        let mut s = site();
        s.built = false;
        s.error = Some(Arc::new(ErrorReport {
            json: "{}".into(),
            title: "The site does not build (1 error)".into(),
            texts: vec!["error: content/a.it.md:3:1: <bad>".into()],
        }));
        let r = answer(&s, "GET", "/ar/legal/");
        assert_eq!(r.status, 500);
        let body = String::from_utf8(r.body).unwrap();
        assert!(body.contains("dir=\"rtl\""));
        assert!(body.contains("content/a.it.md:3:1: &lt;bad&gt;"));
        assert!(body.contains(SCRIPT_PATH));
    }
}
