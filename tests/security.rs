//! Untrusted input stays data: classic payloads in every place an editor or translator writes
//! (front matter, Markdown, Fluent messages and their arguments) never become markup, script, an
//! event handler or a script URL in the pages readers get.

mod common;

use common::{select, Fixture};

const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x alt=\"\" onerror=alert(2)>",
    "'><svg onload=alert(3)>",
    "</script><script>alert(4)</script>",
    "javascript:alert(5)",
    "\u{2028}\u{202E}evil",
];

/// Every element and attribute of every built page: no script element, no `on*` attribute, no
/// `javascript:` URL in a URL attribute (as text, say in a description, it is harmless).
fn assert_inert(f: &Fixture) {
    // The app manifests and offline lists, written from translations and titles, stay JSON.
    for lang in ["it", "en", "ar", "zh"] {
        for rel in ["manifest.webmanifest", "offline/files.json"] {
            let text = std::fs::read_to_string(f.out().join(lang).join(rel)).unwrap();
            assert!(
                serde_json::from_str::<serde_json::Value>(&text).is_ok(),
                "{lang}/{rel} is not JSON: {text}"
            );
        }
    }
    for path in f.html_files() {
        let html = std::fs::read_to_string(&path).unwrap();
        let doc = scraper::Html::parse_document(&html);
        let name = path.display();
        // The only scripts are the theme's own files, never inline, never from content.
        for script in select(&doc, "script") {
            assert!(
                matches!(script.value().attr("src"), Some("/search.js" | "/app.js")),
                "{name}: a script element {:?}",
                script.value().attr("src")
            );
            assert!(
                script.inner_html().trim().is_empty(),
                "{name}: inline script"
            );
        }
        for el in select(&doc, "*") {
            for (attr, value) in el.value().attrs() {
                assert!(
                    !attr.starts_with("on"),
                    "{name}: event handler {attr}={value}"
                );
                let url_attr = matches!(
                    attr,
                    "href" | "src" | "action" | "formaction" | "poster" | "data" | "xlink:href"
                );
                let v: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_ascii_lowercase();
                assert!(
                    !(url_attr && v.starts_with("javascript:")),
                    "{name}: {attr}={value}"
                );
            }
        }
    }
}

#[test]
fn payloads_in_front_matter_are_escaped_everywhere() {
    let f = Fixture::new();
    for (i, p) in PAYLOADS.iter().enumerate() {
        let yaml = serde_json::to_string(p).unwrap();
        f.write(
            &format!("content/school/p{i}.it.md"),
            &format!("---\ntitle: {yaml}\ndescription: {yaml}\n---\nTesto.\n"),
        );
    }
    f.build().unwrap();
    assert_inert(&f);
    let page = f.read("it/school/p0/index.html");
    // Tera also escapes `/` (as &#x2F;).
    assert!(
        page.contains("<h1>&lt;script&gt;alert(1)&lt;&#x2F;script&gt;</h1>"),
        "shown as text"
    );
    // The sitemap stays well-formed XML.
    let xml = f.read("sitemap.xml");
    assert!(!xml.contains("<script"), "sitemap");
}

#[test]
fn payloads_in_markdown_are_text_or_errors() {
    let f = Fixture::new();
    // The images the payloads name exist, so what is tested is escaping, not the missing-file check.
    f.write_bytes("content/school/x", b"GIF89a");
    f.write_bytes("content/school/foto.png", b"\x89PNG\r\n");
    f.write(
        "content/school/enrol.it.md",
        &format!(
            "---\ntitle: \"Iscrizione\"\n---\n## Età {{#age}}\n\n{}\n\n![{}](foto.png \"{}\")\n\n[testo](https://example.org \"\\\"><script>alert(9)</script>\")\n\n<iframe src=\"https://evil.example\"></iframe>\n\n## T {{#x onmouseover=alert(1)}}\n",
            PAYLOADS.join("\n\n"),
            "\"><img src=x alt=\"\" onerror=alert(7)>",
            "\" onerror=\"alert(8)",
        ),
    );
    // Default policy: sanitize. The iframe is gone, and the editor is told where and why.
    let report = f.build().unwrap();
    assert_inert(&f);
    let iframe = report
        .warnings
        .0
        .iter()
        .find(|w| w.message.contains("`<iframe>` is removed"))
        .expect("the editor learns that the iframe was removed");
    assert_eq!(iframe.line, Some(22), "{iframe:?}");
    let page = f.read("it/school/enrol/index.html");
    assert!(!page.contains("iframe"), "the iframe is removed");
    assert!(
        !page.contains("evil.example"),
        "nothing points at a third party"
    );

    // `escape`: the same page shows raw HTML as text.
    f.write(
        "site.toml",
        &format!("{}\n[markdown]\nraw_html = \"escape\"\n", common::SITE_TOML),
    );
    let report = f.build().unwrap();
    assert_inert(&f);
    assert!(report
        .warnings
        .0
        .iter()
        .any(|w| w.message.contains("raw HTML is shown as plain text")));
    let page = f.read("it/school/enrol/index.html");
    assert!(
        page.contains("&lt;iframe"),
        "the iframe is visible text, not an element"
    );
    // Script URLs in links are refused at build time.
    f.write(
        "content/school/enrol.it.md",
        "---\ntitle: \"x\"\n---\n[a](JaVaScRiPt:alert(1))\n",
    );
    assert!(f.build_err().contains("`javascript:` URLs are not allowed"));
}

#[test]
fn payloads_in_translations_and_arguments_are_escaped() {
    let f = Fixture::new();
    let it = std::fs::read_to_string(f.root().join("locales/it/main.ftl")).unwrap();
    let hostile = it
        .replace(
            "site-name = Approdo Milano",
            "site-name = <script>alert(1)</script>\"><img src=x onerror=alert(2)>",
        )
        .replace(
            "skip-link = Vai al contenuto principale",
            "skip-link = </a><script>alert(3)</script>",
        );
    f.write("locales/it/main.ftl", &hostile);
    // A language name (a Fluent argument on fallback pages) with a payload.
    let toml = common::SITE_TOML.replace(
        "name = \"English\"",
        "name = \"<b onclick=alert(4)>English</b>\"",
    );
    f.write("site.toml", &toml);
    f.build().unwrap();
    assert_inert(&f);
    let page = f.read("it/index.html");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
}

#[test]
fn static_hosts_get_the_same_policy_as_headers() {
    let f = Fixture::new();
    f.build().unwrap();
    let headers = f.read("_headers");
    assert!(headers.starts_with("/*\n"));
    assert!(headers.contains(&format!(
        "Content-Security-Policy: {}; frame-ancestors 'none'",
        approdo::render::CSP
    )));
    assert!(headers.contains("X-Content-Type-Options: nosniff"));
    let page = f.html("ar/index.html");
    assert_eq!(
        common::attr(&page, "meta[http-equiv=Content-Security-Policy]", "content").as_deref(),
        Some(approdo::render::CSP)
    );
}

/// JSON the site writes (search index and page records, plural forms for the script) carries
/// payloads as data: it parses back to the same text and holds no `<`, `>`, `&` or U+2028 that
/// could end a `<script>` or a comment if a theme ever inlined it.
#[test]
fn payloads_in_json_stay_json() {
    let f = Fixture::new();
    let title = "</script><script>alert(1)</script>\u{2028}\"><img src=x onerror=alert(2)>";
    f.write(
        "content/school/json.it.md",
        &format!(
            "---\ntitle: {}\n---\nTesto con `</script>` e \u{2028} e &amp;.\n",
            serde_json::to_string(title).unwrap()
        ),
    );
    let it = std::fs::read_to_string(f.root().join("locales/it/main.ftl")).unwrap();
    let start = it.find("search-results = ").unwrap();
    let end = start + it[start..].find("\n}\n").unwrap() + 3;
    let it = format!("{}{}", &it[..start], &it[end..]);
    f.write(
        "locales/it/main.ftl",
        &format!(
            "{it}\nsearch-results = {{ $count ->\n    [one] </script><b onclick=x()>{{ $count }}</b>\n   *[other] {{ $count }} \"'<script>\n}}\n"
        ),
    );
    f.build().unwrap();
    assert_inert(&f);
    let mut found = false;
    for entry in walkdir::WalkDir::new(f.out().join("it/search")) {
        let path = entry.unwrap().into_path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).unwrap();
            for bad in ['<', '>', '&', '\u{2028}'] {
                assert!(!text.contains(bad), "{}: raw {bad:?}", path.display());
            }
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            if value["t"] == title {
                found = true;
                assert!(value["x"].as_str().unwrap().contains("</script>"));
            }
        }
    }
    assert!(found, "the page's record holds the title as text");
    // The plural forms reach the script as an attribute holding JSON, which decodes to the text.
    let doc = f.html("it/index.html");
    let plurals = common::attr(&doc, ".search-status", "data-plurals").unwrap();
    let forms: serde_json::Value = serde_json::from_str(&plurals).unwrap();
    assert_eq!(forms["one"], "</script><b onclick=x()>{n}</b>");
}
