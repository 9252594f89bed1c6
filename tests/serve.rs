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

/// Sends one request whose target is any bytes (not only valid HTTP) and returns the raw answer,
/// empty when the server closed the connection without one.
fn exchange(addr: SocketAddr, method: &str, target: &[u8]) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(WAIT)).unwrap();
    let mut req = format!("{method} ").into_bytes();
    req.extend_from_slice(target);
    req.extend_from_slice(b" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    s.write_all(&req).unwrap();
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    String::from_utf8_lossy(&raw).into_owned()
}

fn request(addr: SocketAddr, method: &str, path: &str) -> Reply {
    let text = exchange(addr, method, path.as_bytes());
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

// ---- The preview never dies and never lies -------------------------------------------------------

/// Waits until `f` holds (the watcher applies changes asynchronously), failing after `WAIT`.
fn eventually(what: &str, mut f: impl FnMut() -> bool) {
    let start = std::time::Instant::now();
    while start.elapsed() < WAIT {
        if f() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("never happened: {what}");
}

/// The fixture with pages whose file names are Arabic and Chinese.
fn non_ascii_fixture() -> Fixture {
    let f = Fixture::new();
    f.write(
        "content/school/مدرسة.it.md",
        "---\ntitle: \"Pagina araba\"\n---\nTesto arabo.\n",
    );
    f.write(
        "content/school/学校.it.md",
        "---\ntitle: \"Pagina cinese\"\n---\nTesto cinese.\n",
    );
    f
}

#[test]
fn non_ascii_urls_without_a_slash_redirect_and_never_kill_the_server() {
    let f = non_ascii_fixture();
    let p = serve(&f);
    let ar = "/ar/school/%D9%85%D8%AF%D8%B1%D8%B3%D8%A9";
    let zh = "/zh/school/%E5%AD%A6%E6%A0%A1";
    assert_eq!(get(p.addr, &format!("{ar}/")).status, 200);
    assert_eq!(get(p.addr, &format!("{zh}/")).status, 200);
    // Far more requests than there are request threads: each used to kill one.
    for _ in 0..10 {
        for (url, location) in [
            (ar.to_string(), format!("{ar}/")),
            (zh.to_string(), format!("{zh}/")),
            (format!("{zh}?q=1"), format!("{zh}/?q=1")),
        ] {
            let r = get(p.addr, &url);
            assert_eq!(r.status, 301, "{url}");
            assert!(
                r.headers
                    .contains(&format!("location: {}", location.to_ascii_lowercase())),
                "{url}: {}",
                r.headers
            );
        }
    }
    assert_eq!(get(p.addr, "/it/").status, 200, "still answering");
}

#[test]
fn hostile_request_lines_get_an_answer_and_the_server_survives() {
    let f = non_ascii_fixture();
    let p = serve(&f);
    let raw_paths: Vec<Vec<u8>> = vec![
        b"/it/%C0%AF".to_vec(),
        b"/it/%00/".to_vec(),
        b"/it/%0d%0aSet-Cookie:x".to_vec(),
        b"/..%5c..%5c".to_vec(),
        b"//".to_vec(),
        b"/it/school/enrol?".to_vec(),
        b"/zh/%E5%AD%A6%E6%A0%A1/../../site.toml".to_vec(),
        b"/it/%ZZ".to_vec(),
        b"/it/%".to_vec(),
    ];
    for _ in 0..3 {
        for path in &raw_paths {
            let head = exchange(p.addr, "GET", path);
            assert!(
                ["400", "404", "301", "200"]
                    .iter()
                    .any(|c| head.starts_with(&format!("HTTP/1.1 {c}"))),
                "{:?}: {head}",
                String::from_utf8_lossy(path)
            );
            assert!(!head.to_ascii_lowercase().contains("set-cookie"));
        }
    }
    // Bytes that are not ASCII are not HTTP (browsers percent-encode them): the connection is
    // closed or answered 400 by the HTTP layer, and the server goes on.
    for path in [
        &b"/\xff\xfe"[..],
        b"/ar/school/\xd9\x85",
        "/ar/school/مدرسة".as_bytes(),
    ] {
        let head = exchange(p.addr, "GET", path);
        assert!(
            head.is_empty() || head.starts_with("HTTP/1.1 400"),
            "{head}"
        );
    }
    assert_eq!(get(p.addr, "/it/").status, 200, "still answering");
}

#[test]
fn a_first_build_that_fails_shows_its_error_in_the_browser_and_recovers() {
    let f = Fixture::new();
    f.write(
        "content/legal/visa.it.md",
        "---\ntitle: \"Il visto\nstep: 1\n---\nTesto.\n",
    );
    let p = serve(&f);
    let rx = events(p.addr);
    for url in ["/it/", "/ar/legal/visa/", "/anything"] {
        let page = get(p.addr, url);
        assert_eq!(page.status, 500, "{url}");
        assert!(
            page.body.contains("content/legal/visa.it.md:2"),
            "{url}: {}",
            page.body
        );
        assert!(page.body.contains("/__approdo/livereload.js"));
    }
    assert!(get(p.addr, "/ar/legal/visa/").body.contains("dir=\"rtl\""));
    assert!(get(p.addr, "/it/").body.contains("dir=\"ltr\""));
    // A browser connecting now is told about the error at once.
    assert_eq!(next_event(&rx).0, "build-error");
    f.write(
        "content/legal/visa.it.md",
        "---\ntitle: \"Il visto\"\nstep: 1\n---\nTesto sistemato.\n",
    );
    assert_eq!(next_event(&rx).0, "reload");
    assert!(get(p.addr, "/it/legal/visa/")
        .body
        .contains("Testo sistemato."));
}

#[test]
fn an_error_stays_until_its_file_is_fixed() {
    let f = Fixture::new();
    let p = serve(&f);
    let rx = events(p.addr);
    f.write(
        "content/legal/visa.it.md",
        "---\ntitle: \"Il visto\nstep: 1\n---\nTesto.\n",
    );
    assert_eq!(next_event(&rx).0, "build-error");
    // Saving another page does not hide the error: `approdo build` of this tree still fails.
    f.write(
        "content/school/enrol.it.md",
        "---\ntitle: \"Iscrizione\"\n---\n## Età {#age}\n\nAltro testo.\n",
    );
    let (name, data) = next_event(&rx);
    assert_eq!(name, "build-error");
    assert!(data.contains("content/legal/visa.it.md"), "{data}");
    assert!(f.build().is_err());
    f.write(
        "content/legal/visa.it.md",
        "---\ntitle: \"Il visto\"\nstep: 1\n---\n## Documenti {#documents}\n\nTesto.\n",
    );
    assert_eq!(next_event(&rx).0, "reload");
    assert!(p.current_error().is_none());
    assert!(get(p.addr, "/it/school/enrol/")
        .body
        .contains("Altro testo."));
}

#[test]
fn a_page_that_failed_is_read_again_once_its_cause_is_fixed() {
    let f = Fixture::new();
    let p = serve(&f);
    let rx = events(p.addr);
    // A page in a new section without its `_index`: an error, as in the build.
    f.write(
        "content/work/contract.it.md",
        "---\ntitle: \"Il contratto\"\n---\nContratto.\n",
    );
    assert_eq!(next_event(&rx).0, "build-error");
    assert!(f.build().is_err(), "the build refuses it too");
    f.write(
        "content/work/_index.it.md",
        "---\ntitle: \"Lavoro\"\nweight: 30\n---\nLavoro.\n",
    );
    assert_eq!(next_event(&rx).0, "reload");
    assert_eq!(get(p.addr, "/it/work/contract/").status, 200);
    assert!(get(p.addr, "/it/work/contract/")
        .body
        .contains("Contratto."));
}

#[test]
fn folders_moved_in_and_out_are_seen() {
    let f = Fixture::new();
    let p = serve(&f);
    assert_eq!(get(p.addr, "/it/school/enrol/").status, 200);
    // A section moved out of the tree.
    let away = tempfile::tempdir().unwrap();
    std::fs::rename(f.root().join("content/school"), away.path().join("school")).unwrap();
    // The visa page links to the school: the build now fails, and so does the preview.
    eventually("the moved-out section is noticed", || {
        p.current_error()
            .is_some_and(|e| e.contains("content/legal/visa.it.md"))
    });
    f.write(
        "content/legal/visa.it.md",
        "---\ntitle: \"Il visto\"\nstep: 1\n---\n## Documenti {#documents}\n\nSenza link.\n",
    );
    f.write(
        "content/legal/visa.en.md",
        "---\ntitle: \"The visa\"\nstep: 1\n---\n## Documents {#documents}\n\nNo link.\n",
    );
    eventually("the section is gone", || {
        get(p.addr, "/it/school/enrol/").status == 404
    });
    // A section with pages moved into the tree (made elsewhere, then moved: one event only).
    let new = away.path().join("health");
    std::fs::create_dir_all(&new).unwrap();
    std::fs::write(
        new.join("_index.it.md"),
        "---\ntitle: \"Salute\"\nweight: 40\n---\nSalute.\n",
    )
    .unwrap();
    std::fs::write(
        new.join("doctor.it.md"),
        "---\ntitle: \"Il medico\"\n---\nMedico di famiglia.\n",
    )
    .unwrap();
    std::fs::rename(&new, f.root().join("content/health")).unwrap();
    eventually("the moved-in section is served", || {
        get(p.addr, "/it/health/doctor/").status == 200
    });
    // Pages inside the folder that arrived are watched too.
    std::thread::sleep(Duration::from_millis(200));
    f.write(
        "content/health/doctor.it.md",
        "---\ntitle: \"Il medico\"\n---\nPediatra.\n",
    );
    eventually("an edit inside the moved-in folder is seen", || {
        get(p.addr, "/it/health/doctor/").body.contains("Pediatra.")
    });
}

#[test]
fn content_moved_away_and_back_is_still_watched() {
    let f = Fixture::new();
    let p = serve(&f);
    let away = tempfile::tempdir().unwrap();
    std::fs::rename(f.root().join("content"), away.path().join("content")).unwrap();
    eventually("the missing content folder is reported", || {
        p.current_error().is_some_and(|e| e.contains("content"))
    });
    std::fs::rename(away.path().join("content"), f.root().join("content")).unwrap();
    eventually("the site is back", || {
        p.current_error().is_none() && get(p.addr, "/it/legal/visa/").status == 200
    });
    std::thread::sleep(Duration::from_millis(200));
    f.write(
        "content/legal/visa.it.md",
        "---\ntitle: \"Il visto\"\nstep: 1\n---\n## Documenti {#documents}\n\nDi nuovo visto.\n",
    );
    eventually("edits are seen again", || {
        get(p.addr, "/it/legal/visa/")
            .body
            .contains("Di nuovo visto.")
    });
}

#[cfg(unix)]
#[test]
fn symlinks_are_skipped_as_the_build_skips_them() {
    let f = Fixture::new();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.it.md"),
        "---\ntitle: \"Segreto\"\n---\nTesto segreto.\n",
    )
    .unwrap();
    let p = serve(&f);
    let rx = events(p.addr);
    std::os::unix::fs::symlink(
        outside.path().join("secret.it.md"),
        f.root().join("content/school/secret.it.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink("/etc/passwd", f.root().join("content/school/passwd.it.md"))
        .unwrap();
    let (name, _) = next_event(&rx);
    assert_eq!(name, "reload");
    assert_eq!(get(p.addr, "/it/school/secret/").status, 404);
    assert_eq!(get(p.addr, "/it/school/passwd/").status, 404);
    assert!(p.current_error().is_none());
    assert!(!get(p.addr, "/it/school/").body.contains("Segreto"));
    // Static folders: a link to a file outside is not published, as in the build.
    std::fs::create_dir_all(f.root().join("static")).unwrap();
    std::fs::write(outside.path().join("leak.txt"), "leaked").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("leak.txt"),
        f.root().join("static/leak.txt"),
    )
    .unwrap();
    std::fs::write(f.root().join("static/ok.txt"), "fine").unwrap();
    eventually("the static file is served", || {
        get(p.addr, "/ok.txt").status == 200
    });
    assert_eq!(get(p.addr, "/leak.txt").status, 404);
    let report = f.build().unwrap();
    assert!(!f.out().join("leak.txt").exists());
    assert!(
        report
            .warnings
            .0
            .iter()
            .any(|w| w.file.ends_with("static/leak.txt")),
        "the build warns at the link's path"
    );
}

#[test]
fn requests_are_answered_while_a_rebuild_runs() {
    let f = Fixture::new();
    let p = serve(&f);
    let guard = p.hold_rebuilds();
    // A rebuild holding the session (as a 4-second rebuild of a huge page does) delays no request.
    let start = std::time::Instant::now();
    for _ in 0..20 {
        assert_eq!(get(p.addr, "/ar/legal/visa/").status, 200);
        assert_eq!(get(p.addr, "/it/search/index.json").status, 200);
    }
    assert!(start.elapsed() < WAIT);
    drop(guard);
}

#[test]
fn a_missing_image_is_an_error_until_the_image_is_saved_next_to_the_page() {
    let f = Fixture::new();
    let p = serve(&f);
    let rx = events(p.addr);
    f.write(
        "content/legal/visa.ar.md",
        "---\ntitle: \"التأشيرة\"\nstep: 1\n---\n![نموذج الطلب](نموذج.png)\n",
    );
    assert_eq!(next_event(&rx).0, "build-error");
    assert!(p
        .current_error()
        .is_some_and(|e| e.contains("content/legal/visa.ar.md:5:")));
    // Saving the image beside the page clears the error, and the image is served where the page
    // points.
    f.write_bytes("content/legal/نموذج.png", b"\x89PNG\r\n");
    eventually("the error clears", || p.current_error().is_none());
    let page = get(p.addr, "/ar/legal/visa/");
    assert!(page.body.contains("src=\"/legal/%D9%86"), "{}", page.body);
    assert_eq!(
        get(p.addr, "/legal/%D9%86%D9%85%D9%88%D8%B0%D8%AC.png").status,
        200
    );
    // Deleting it brings the error back, as a build would.
    std::fs::remove_file(f.root().join("content/legal/نموذج.png")).unwrap();
    eventually("the error returns", || p.current_error().is_some());
}

#[test]
fn the_preview_never_lets_a_service_worker_live() {
    let f = Fixture::new();
    let p = serve(&f);
    // The theme's worker would cache pages; the preview answers with one that removes itself.
    let sw = get(p.addr, "/sw.js");
    assert_eq!(sw.status, 200);
    assert!(
        sw.headers.contains("cache-control: no-store"),
        "{}",
        sw.headers
    );
    assert!(sw.body.contains("unregister()"), "{}", sw.body);
    assert!(sw.body.contains("caches.delete"), "{}", sw.body);
    assert!(
        !sw.body.contains("respondWith"),
        "the preview served the real worker"
    );
    // Under a base path too.
    assert!(get(p.addr, "/docs/sw.js").body.contains("unregister()"));
}
