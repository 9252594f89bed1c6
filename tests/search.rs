//! The search index the build writes: what goes in (real translations, in their folded and
//! stemmed forms) and what stays out (fallback pages, drafts, `noindex` pages).

mod common;

use common::Fixture;

/// Every page record (`p/<n>.json`) of a language's index.
fn records(f: &Fixture, lang: &str) -> Vec<serde_json::Value> {
    let dir = f.out().join(lang).join("search/p");
    let mut out: Vec<serde_json::Value> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            serde_json::from_str(&std::fs::read_to_string(e.unwrap().path()).unwrap()).unwrap()
        })
        .collect();
    out.sort_by_key(|v| v["u"].as_str().unwrap_or("").to_string());
    out
}

/// All terms of a language's index, with their entries.
fn terms(f: &Fixture, lang: &str) -> serde_json::Map<String, serde_json::Value> {
    let meta: serde_json::Value =
        serde_json::from_str(&f.read(&format!("{lang}/search/index.json"))).unwrap();
    let mut all = serde_json::Map::new();
    let version = meta["h"].as_str().unwrap();
    for n in 0..meta["k"].as_array().unwrap().len() {
        let shard: serde_json::Value =
            serde_json::from_str(&f.read(&format!("{lang}/search/s/{n}.{version}.json"))).unwrap();
        all.extend(shard.as_object().unwrap().clone());
    }
    assert_eq!(meta["n"].as_u64().unwrap() as usize, records(f, lang).len());
    all
}

#[test]
fn real_translations_are_indexed_and_fallbacks_are_not() {
    let f = Fixture::new();
    f.build().unwrap();
    let urls = |lang: &str| -> Vec<String> {
        records(&f, lang)
            .iter()
            .map(|r| r["u"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(urls("it").contains(&"/it/legal/visa/".to_string()));
    assert!(urls("ar").contains(&"/ar/legal/visa/".to_string()));
    // zh has no translation of the visa page: it is published (borrowed) but not indexed again.
    assert!(
        !urls("zh").iter().any(|u| u.contains("visa")),
        "{:?}",
        urls("zh")
    );
    // The school section exists only in Italian: indexed once, in Italian.
    assert!(urls("it").iter().any(|u| u.starts_with("/it/school/")));
    assert!(!urls("en").iter().any(|u| u.contains("school")));
}

#[test]
fn drafts_and_noindex_pages_stay_out() {
    let f = Fixture::new();
    f.write(
        "content/school/hidden.it.md",
        "---\ntitle: \"Pagina nascosta\"\nnoindex: true\n---\nParola segretissima.\n",
    );
    f.write(
        "content/school/draft.it.md",
        "---\ntitle: \"Bozza\"\ndraft: true\n---\nParola bozzissima.\n",
    );
    f.build().unwrap();
    let it = terms(&f, "it");
    assert!(!it.contains_key("segretissima") && !it.contains_key("bozzissima"));
    assert!(!records(&f, "it")
        .iter()
        .any(|r| r["t"] == "Pagina nascosta"));
    // The noindex page is still published, marked for search engines, and left out of the sitemap.
    let page = f.read("it/school/hidden/index.html");
    assert!(page.contains(r#"<meta name="robots" content="noindex">"#));
    assert!(!f.read("sitemap.xml").contains("/it/school/hidden/"));
}

#[test]
fn terms_are_folded_stemmed_and_cover_every_script() {
    let f = Fixture::new();
    f.write(
        "content/school/age.it.md",
        "---\ntitle: \"Età e città\"\n---\nI documenti per l'università.\n",
    );
    f.write(
        "content/school/age.ar.md",
        "---\ntitle: \"تَصْرِيحُ الإِقَامَةِ\"\n---\nقدّم طلب Nulla Osta في ٢٠٢٦.\n",
    );
    f.write(
        "content/school/age.zh.md",
        "---\ntitle: \"居留许可\"\n---\n每个月都要交ISEE证明。\n",
    );
    f.build().unwrap();
    let it = terms(&f, "it");
    for t in ["eta", "citta", "universita", "documenti"] {
        assert!(it.contains_key(t), "{t}");
    }
    // "documenti" carries its stem, so "documento" (not on the site) can find it.
    assert_eq!(it["documenti"][0], "document");
    let ar = terms(&f, "ar");
    for t in ["تصريح", "الاقامه", "nulla", "osta", "2026"] {
        assert!(
            ar.contains_key(t),
            "{t}: {:?}",
            ar.keys().collect::<Vec<_>>()
        );
    }
    let zh = terms(&f, "zh");
    for t in ["居留", "许可", "每个", "月都", "isee", "证明", "证"] {
        assert!(zh.contains_key(t), "{t}");
    }
}

#[test]
fn the_search_page_lists_every_guide_a_to_z() {
    let f = Fixture::new();
    f.build().unwrap();
    let doc = f.html("zh/search/index.html");
    let links: Vec<String> = common::select(&doc, ".az-list a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    // Fallback pages are listed too (the reader may still want them), marked with their language.
    assert!(links.contains(&"/zh/legal/visa/".to_string()), "{links:?}");
    let borrowed = common::select(&doc, ".az-list a[lang]");
    assert!(
        !borrowed.is_empty(),
        "borrowed titles carry their own language"
    );
    // Without JavaScript the header form is a link to this page.
    let home = f.html("it/index.html");
    assert_eq!(
        common::attr(&home, "form[role=search]", "action").as_deref(),
        Some("/it/search/")
    );
    assert_eq!(
        common::attr(&home, "form[role=search]", "method").as_deref(),
        Some("get")
    );
}

#[test]
fn index_files_are_named_by_version() {
    let f = Fixture::new();
    f.build().unwrap();
    let version = |f: &Fixture| -> String {
        let meta: serde_json::Value =
            serde_json::from_str(&f.read("it/search/index.json")).unwrap();
        meta["h"].as_str().unwrap().to_string()
    };
    let first = version(&f);
    assert_eq!(first.len(), 10);
    assert!(f
        .out()
        .join(format!("it/search/s/0.{first}.json"))
        .is_file());
    assert!(f
        .out()
        .join(format!("it/search/p/0.{first}.json"))
        .is_file());
    f.build().unwrap();
    assert_eq!(version(&f), first, "same content, same names");
    f.write(
        "content/school/new.it.md",
        "---\ntitle: \"Nuova\"\n---\nTesto nuovo.\n",
    );
    f.build().unwrap();
    let second = version(&f);
    assert_ne!(
        second, first,
        "a changed index gets new names, so caches cannot mix them"
    );
    assert!(!f.out().join(format!("it/search/s/0.{first}.json")).exists());
}
