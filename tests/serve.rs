//! `approdo serve` over a temp copy of a fixture site: edits reach the browser, errors are shown and
//! recovered from, and the HTTP side is safe and correct.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

use approdo::serve::{start, Preview, ServeOptions};
use common::Fixture;

const WAIT: Duration = Duration::from_secs(10);

fn serve(f: &Fixture) -> Preview {
    start(
        &ServeOptions {
            root: f.root().to_path_buf(),
            bind: "127.0.0.1".into(),
            port: 0,
            drafts: false,
        },
        false,
    )
    .expect("server starts")
}

struct Reply {
    status: u16,
    headers: String,
    body: String,
}

fn request(addr: SocketAddr, method: &str, path: &str) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    Reply {
        status,
        headers: head.to_ascii_lowercase(),
        body: body.to_string(),
    }
}

fn get(addr: SocketAddr, path: &str) -> Reply {
    request(addr, "GET", path)
}

/// Opens an event stream; every `event:` name with its data arrives on the channel.
fn events(addr: SocketAddr) -> Receiver<(String, String)> {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET /__approdo/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut event = String::new();
        for line in BufReader::new(s).lines() {
            let Ok(line) = line else { return };
            if let Some(name) = line.strip_prefix("event: ") {
                event = name.to_string();
            } else if let Some(data) = line.strip_prefix("data: ") {
                if tx.send((event.clone(), data.to_string())).is_err() {
                    return;
                }
            }
        }
    });
    // Let the server register the client before the test edits anything.
    std::thread::sleep(Duration::from_millis(300));
    rx
}

fn next_event(rx: &Receiver<(String, String)>) -> (String, String) {
    rx.recv_timeout(WAIT).expect("an event arrives")
}

#[test]
fn an_edit_reloads_and_serves_the_new_text() {
    let f = Fixture::new();
    let p = serve(&f);
    let rx = events(p.addr);
    assert!(get(p.addr, "/it/legal/visa/").body.contains("Passaporto"));
    f.write("content/legal/visa.it.md", "---\ntitle: \"Il visto\"\nstep: 1\n---\n## Documenti {#documents}\n\nCarta d'identità nuova.\n");
    assert_eq!(next_event(&rx).0, "reload");
    let page = get(p.addr, "/it/legal/visa/");
    assert!(page.body.contains("Carta d'identità nuova."));
    // The page shows in the languages that borrow it too (Chinese falls back to English here, so
    // edit the English one).
    f.write(
        "content/legal/visa.en.md",
        "---\ntitle: \"The visa\"\nstep: 1\n---\nFresh English text.\n",
    );
    assert_eq!(next_event(&rx).0, "reload");
    assert!(get(p.addr, "/zh/legal/visa/")
        .body
        .contains("Fresh English text."));
}

#[test]
fn a_broken_save_shows_the_error_and_keeps_the_last_good_page() {
    let f = Fixture::new();
    let p = serve(&f);
    let rx = events(p.addr);
    f.write(
        "content/legal/visa.ar.md",
        "---\ntitle: \"التأشيرة\nstep: 1\n---\nنص.\n",
    );
    let (name, data) = next_event(&rx);
    assert_eq!(name, "build-error");
    let report: serde_json::Value = serde_json::from_str(&data).unwrap();
    let err = &report["errors"][0];
    assert_eq!(err["file"], "content/legal/visa.ar.md");
    assert_eq!(err["line"], 2);
    assert!(report["diagnostics"][0]
        .as_str()
        .unwrap()
        .contains("content/legal/visa.ar.md:2:"));
    // The last good page is still served, and a new stream is told about the error at once.
    let page = get(p.addr, "/ar/legal/visa/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("الوثائق المطلوبة"));
    assert_eq!(next_event(&events(p.addr)).0, "build-error");
    // The next good save recovers.
    f.write(
        "content/legal/visa.ar.md",
        "---\ntitle: \"التأشيرة\"\nstep: 1\n---\nنص جديد.\n",
    );
    assert_eq!(next_event(&rx).0, "reload");
    assert!(get(p.addr, "/ar/legal/visa/").body.contains("نص جديد."));
}

#[test]
fn pages_can_be_added_and_deleted() {
    let f = Fixture::new();
    let p = serve(&f);
    let rx = events(p.addr);
    f.write(
        "content/school/canteen.it.md",
        "---\ntitle: \"La mensa\"\n---\nMensa.\n",
    );
    assert_eq!(next_event(&rx).0, "reload");
    assert_eq!(get(p.addr, "/it/school/canteen/").status, 200);
    assert!(
        get(p.addr, "/it/school/").body.contains("La mensa"),
        "listed in its section"
    );
    assert_eq!(
        get(p.addr, "/ar/school/canteen/").status,
        200,
        "a fallback in every language"
    );
    f.remove("content/school/canteen.it.md");
    assert_eq!(next_event(&rx).0, "reload");
    let gone = get(p.addr, "/it/school/canteen/");
    assert_eq!(gone.status, 404);
    assert!(!get(p.addr, "/it/school/").body.contains("La mensa"));
}

#[test]
fn locale_edits_reload_too() {
    let f = Fixture::new();
    let p = serve(&f);
    let rx = events(p.addr);
    f.write(
        "locales/ar/main.ftl",
        "skip-link = تخطَّ إلى المحتوى\nfallback-notice = غير مترجم { $language }\n",
    );
    assert_eq!(next_event(&rx).0, "reload");
    assert!(get(p.addr, "/ar/").body.contains("تخطَّ إلى المحتوى"));
}

#[test]
fn a_stylesheet_edit_swaps_css_without_a_reload() {
    let f = Fixture::new();
    let p = serve(&f);
    let rx = events(p.addr);
    let css = std::fs::read_to_string(f.root().join("themes/default/static/style.css")).unwrap();
    f.write(
        "themes/default/static/style.css",
        &format!("{css}\n.new-rule {{ color: red; }}\n"),
    );
    assert_eq!(next_event(&rx).0, "css");
    assert!(get(p.addr, "/style.css").body.contains(".new-rule"));
}

#[test]
fn twenty_open_streams_are_all_notified() {
    let f = Fixture::new();
    let p = serve(&f);
    let streams: Vec<_> = (0..20).map(|_| events(p.addr)).collect();
    // Other requests are answered while twenty streams are open.
    assert_eq!(get(p.addr, "/it/").status, 200);
    f.write(
        "content/legal/visa.it.md",
        "---\ntitle: \"Il visto\"\nstep: 1\n---\nVenti.\n",
    );
    for rx in &streams {
        assert_eq!(next_event(rx).0, "reload");
    }
}

#[test]
fn http_is_done_right() {
    let f = Fixture::new();
    let p = serve(&f);
    let page = get(p.addr, "/ar/legal/visa/");
    assert!(page
        .headers
        .contains("content-type: text/html; charset=utf-8"));
    assert!(page.headers.contains("cache-control: no-store"));
    assert!(
        page.body
            .contains("<script src=\"/__approdo/livereload.js\"></script></body>"),
        "reload script injected"
    );
    assert!(get(p.addr, "/style.css")
        .headers
        .contains("content-type: text/css; charset=utf-8"));
    assert!(get(p.addr, "/sitemap.xml")
        .headers
        .contains("content-type: application/xml; charset=utf-8"));
    let redirect = get(p.addr, "/ar/legal");
    assert_eq!(redirect.status, 301);
    assert!(redirect.headers.contains("location: /ar/legal/"));
    let missing = get(p.addr, "/ar/nothing/here/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("dir=\"rtl\""), "the Arabic 404 page");
    let head = request(p.addr, "HEAD", "/it/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert!(head.headers.contains("content-length:"));
    assert_eq!(request(p.addr, "POST", "/it/").status, 405);
}

#[test]
fn path_traversal_is_refused() {
    let f = Fixture::new();
    f.write("secret.txt", "do not serve");
    let p = serve(&f);
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/it/..%2f..%2fsecret.txt",
        "/it/%00",
        "/it\\..\\secret.txt",
        "/./secret.txt",
    ] {
        let r = get(p.addr, path);
        assert!(matches!(r.status, 400 | 404), "{path}: {}", r.status);
        assert!(!r.body.contains("do not serve"), "{path}");
    }
    assert_eq!(
        get(p.addr, "/secret.txt").status,
        404,
        "only the built site is served"
    );
    assert_eq!(get(p.addr, "/site.toml").status, 404);
}

#[test]
fn the_built_site_never_contains_the_reload_script() {
    let f = Fixture::new();
    f.build().unwrap();
    for path in f.html_files() {
        let html = std::fs::read_to_string(&path).unwrap();
        assert!(!html.contains("__approdo"), "{}", path.display());
    }
}

/// The search index follows edits: a word saved into a page is found in the index the next time a
/// search file is asked for (rebuilt lazily, so the save itself stays a one-page render).
#[test]
fn search_follows_edits() {
    let f = Fixture::new();
    let p = serve(&f);
    let rx = events(p.addr);
    let has_word = |word: &str| -> bool {
        let meta: serde_json::Value =
            serde_json::from_str(&get(p.addr, "/it/search/index.json").body).unwrap();
        let shards = meta["k"].as_array().unwrap().len();
        let version = meta["h"].as_str().unwrap().to_string();
        (0..shards).any(|n| {
            get(p.addr, &format!("/it/search/s/{n}.{version}.json"))
                .body
                .contains(&format!("\"{word}\""))
        })
    };
    assert!(!has_word("zanzibarico"));
    f.write(
        "content/legal/visa.it.md",
        "---\ntitle: \"Il visto\"\nstep: 1\n---\n## Documenti {#documents}\n\nUn timbro zanzibarico.\n",
    );
    assert_eq!(next_event(&rx).0, "reload");
    assert!(has_word("zanzibarico"));
}
