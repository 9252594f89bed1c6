//! The site as an app: a manifest per language, the offline page, and the list of files a reader
//! can save (what the service worker downloads). The browser side is in `tests/browser/app.test.mjs`.

mod common;

use common::{attr, Fixture};
use serde_json::Value;

fn json(f: &Fixture, rel: &str) -> Value {
    serde_json::from_str(&f.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn each_language_has_its_own_manifest_linked_from_its_pages() {
    let f = Fixture::new();
    f.build().unwrap();
    for (code, tag, dir) in [
        ("it", "it", "ltr"),
        ("ar", "ar", "rtl"),
        ("zh", "zh-Hans", "ltr"),
    ] {
        let m = json(&f, &format!("{code}/manifest.webmanifest"));
        assert_eq!(m["lang"], tag);
        assert_eq!(m["dir"], dir);
        assert_eq!(m["start_url"], format!("/{code}/"));
        let sizes: Vec<&str> = m["icons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["sizes"].as_str().unwrap())
            .collect();
        assert!(
            sizes.contains(&"192x192") && sizes.contains(&"512x512"),
            "{sizes:?}"
        );
        for icon in m["icons"].as_array().unwrap() {
            let src = icon["src"].as_str().unwrap();
            assert!(f.out().join(src.trim_start_matches('/')).is_file(), "{src}");
        }
        let page = f.html(&format!("{code}/legal/visa/index.html"));
        assert_eq!(
            attr(&page, "link[rel=manifest]", "href"),
            Some(format!("/{code}/manifest.webmanifest"))
        );
    }
}

#[test]
fn a_manifest_stays_valid_json_whatever_the_translators_write() {
    let f = Fixture::new();
    f.write(
        "locales/en/main.ftl",
        "site-name = The \"Harbour\" </script><script>alert(1)</script>\nsite-description = Line one\\ two \u{202E}\n",
    );
    f.build().unwrap();
    let m = json(&f, "en/manifest.webmanifest");
    assert_eq!(
        m["name"],
        "The \"Harbour\" </script><script>alert(1)</script>"
    );
}

#[test]
fn a_theme_manifest_that_is_not_json_is_an_error_at_the_template() {
    let f = Fixture::new();
    f.write(
        "themes/default/templates/manifest.webmanifest",
        "{ \"name\": {{ t_attr(key=\"site-name\") }} }\n",
    );
    let err = f.build_err();
    assert!(err.contains("manifest.webmanifest"), "{err}");
    assert!(err.contains("not valid JSON"), "{err}");
    assert!(!f.out().exists(), "nothing is published");
}

#[test]
fn the_offline_list_names_every_file_of_a_language_with_its_size_and_guide() {
    let f = Fixture::new();
    f.write_bytes("content/school/modulo.png", b"\x89PNG\r\n\x1a\nnot really");
    f.write_bytes("content/school/modulo.pdf", b"%PDF-1.4 a form");
    f.build().unwrap();
    let list = json(&f, "ar/offline/files.json");
    assert_eq!(list["lang"], "ar");
    let version = json(&f, "ar/offline/version.json")["version"].clone();
    assert_eq!(list["version"], version);
    let files = list["files"].as_array().unwrap();
    let find = |url: &str| {
        files
            .iter()
            .find(|e| e[0] == url)
            .unwrap_or_else(|| panic!("{url} not listed"))
    };
    // A page: its size on disk, its guide (the top-level section), its title.
    let visa = find("/ar/legal/visa/");
    let bytes = std::fs::metadata(f.out().join("ar/legal/visa/index.html"))
        .unwrap()
        .len();
    assert_eq!(visa[1].as_u64(), Some(bytes));
    assert_eq!(visa[3], "legal");
    assert_eq!(visa[4], "التأشيرة");
    // Needed by every guide: the home page, search, the offline page, the theme's files.
    for shared in [
        "/ar/",
        "/ar/offline/",
        "/style.css",
        "/app.js",
        "/icons/icon-192.png",
    ] {
        assert_eq!(find(shared)[3], "", "{shared}");
    }
    assert!(files
        .iter()
        .any(|e| e[0].as_str().unwrap().starts_with("/ar/search/")));
    // Pictures are saved with their guide; documents are not saved at all; nor is the worker.
    assert_eq!(find("/school/modulo.png")[3], "school");
    for absent in [
        "/school/modulo.pdf",
        "/sw.js",
        "/it/",
        "/ar/offline/files.json",
    ] {
        assert!(!files.iter().any(|e| e[0] == absent), "{absent} listed");
    }
    let guides: Vec<&str> = list["guides"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap())
        .collect();
    assert_eq!(guides, ["legal", "school"]);
}

#[test]
fn a_rebuild_changes_the_hash_of_changed_files_only() {
    let f = Fixture::new();
    f.build().unwrap();
    let before = json(&f, "ar/offline/files.json");
    f.build().unwrap();
    assert_eq!(
        json(&f, "ar/offline/files.json"),
        before,
        "same site, same list"
    );
    f.write(
        "content/legal/visa.ar.md",
        "---\ntitle: \"التأشيرة\"\nstep: 1\n---\nنص جديد.\n",
    );
    f.build().unwrap();
    let after = json(&f, "ar/offline/files.json");
    assert_ne!(after["version"], before["version"]);
    let hashes = |v: &Value| -> std::collections::BTreeMap<String, String> {
        v["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e[0].as_str().unwrap().into(), e[2].as_str().unwrap().into()))
            .collect()
    };
    let (b, a) = (hashes(&before), hashes(&after));
    let changed: Vec<&String> = a.keys().filter(|k| b.get(*k) != a.get(*k)).collect();
    assert!(
        changed.contains(&&"/ar/legal/visa/".to_string()),
        "{changed:?}"
    );
    assert!(!changed.contains(&&"/style.css".to_string()), "{changed:?}");
    assert!(
        !changed.contains(&&"/ar/school/".to_string()),
        "{changed:?}"
    );
}

#[test]
fn arabic_and_chinese_addresses_are_listed_as_browsers_request_them() {
    let f = Fixture::new();
    f.write(
        "content/school/مدرسة.it.md",
        "---\ntitle: \"Pagina araba\"\n---\nTesto.\n",
    );
    f.write(
        "content/school/学校.it.md",
        "---\ntitle: \"Pagina cinese\"\n---\nTesto.\n",
    );
    f.build().unwrap();
    let list = json(&f, "zh/offline/files.json");
    let urls: Vec<&str> = list["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e[0].as_str().unwrap())
        .collect();
    assert!(urls.contains(&"/zh/school/%E5%AD%A6%E6%A0%A1/"), "{urls:?}");
    assert!(
        urls.contains(&"/zh/school/%D9%85%D8%AF%D8%B1%D8%B3%D8%A9/"),
        "{urls:?}"
    );
}

#[test]
fn offline_is_reserved_like_search() {
    let f = Fixture::new();
    f.write(
        "content/offline/_index.it.md",
        "---\ntitle: \"Offline\"\n---\nTesto.\n",
    );
    let err = f.build_err();
    assert!(
        err.contains("/it/offline/ is where the offline page is published"),
        "{err}"
    );
}

#[test]
fn the_offline_page_speaks_the_readers_language() {
    let f = Fixture::new();
    f.build().unwrap();
    let page = f.html("ar/offline/index.html");
    assert_eq!(attr(&page, "html", "dir").as_deref(), Some("rtl"));
    assert_eq!(
        attr(&page, "meta[name=robots]", "content").as_deref(),
        Some("noindex")
    );
    // The offline page offers no saving of its own.
    assert!(common::select(&page, "[data-offline]").is_empty());
}

#[test]
fn a_theme_without_a_manifest_makes_a_plain_website() {
    let f = Fixture::new();
    f.remove("themes/default/templates/manifest.webmanifest");
    f.build().unwrap();
    assert!(!f.out().join("ar/offline").exists());
    assert!(!f.out().join("ar/manifest.webmanifest").exists());
}

#[test]
fn readers_without_scripts_get_no_app_markup() {
    let f = Fixture::new();
    f.build().unwrap();
    let page = f.html("it/legal/visa/index.html");
    // What the app adds is made by app.js, from words it fetches: the page itself carries ids only.
    for css in [
        ".offline-tools",
        ".journey-tools",
        ".journey-step",
        "input[type=checkbox]",
        "progress",
    ] {
        assert!(common::select(&page, css).is_empty(), "{css} in a page");
    }
    // The checklist is still the printable squares.
    assert_eq!(common::select(&page, ".checklist .check").len(), 1);
    // Ticks are kept under an id every translation shares.
    assert_eq!(
        attr(&page, "article[data-page]", "data-page").as_deref(),
        Some("legal/visa")
    );
    let ar = f.html("ar/legal/visa/index.html");
    assert_eq!(
        attr(&ar, "article[data-page]", "data-page").as_deref(),
        Some("legal/visa")
    );
    assert_eq!(attr(&ar, "article", "data-guide").as_deref(), Some("legal"));
    assert_eq!(
        attr(&ar, "article", "data-guide-title").as_deref(),
        Some("المسار")
    );
    assert_eq!(
        attr(&ar, "nav.step-by-step li", "data-journey").as_deref(),
        Some("legal/visa")
    );
}

#[test]
fn the_scripts_words_are_published_per_language_and_stay_json() {
    let f = Fixture::new();
    f.write(
        "locales/en/main.ftl",
        "journey-clear = Clear \"my\" progress </script>\noffline-save-guide = Save { $guide } now\n",
    );
    f.build().unwrap();
    let en = json(&f, "en/app-strings.json");
    assert_eq!(en["journey-clear"], "Clear \"my\" progress </script>");
    // The guide's title is filled in by the script (inside Fluent's isolation marks).
    assert_eq!(en["offline-save-guide"], "Save \u{2068}{guide}\u{2069} now");
    // A language without its own words borrows them along its fallback chain.
    let zh = json(&f, "zh/app-strings.json");
    assert_eq!(zh["journey-clear"], en["journey-clear"]);
    // Borrowed words still name the reader's language, not the one they were borrowed from.
    let save_all = zh["offline-save-all"].as_str().unwrap();
    assert!(save_all.contains("中文"), "{save_all}");
    let ar = json(&f, "ar/app-strings.json");
    // Borrowed Italian inside Arabic keeps its own direction (isolated).
    assert_eq!(ar["offline-cancel"], "\u{2068}Annulla\u{2069}");
    assert!(f.out().join("app.css").is_file());
}
