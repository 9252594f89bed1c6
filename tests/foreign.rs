//! Sites written for another generator: links the way such sites write them, and a mode to build
//! while broken links are repaired (issue #18).

mod common;

use common::{attr, Fixture};

/// The school page, Italian only: shown as a fallback in en, ar and zh.
const ENROL: &str = "content/school/enrol.it.md";

fn page_with(f: &Fixture, body: &str) {
    f.write(
        ENROL,
        &format!("---\ntitle: \"Iscrizione\"\n---\n## Età {{#age}}\n\nTesto.\n\n{body}\n"),
    );
}

#[test]
fn a_link_to_another_site_s_md_file_is_external() {
    let f = Fixture::new();
    let url = "https://github.com/org/repo/blob/main/CHANGELOG.md";
    page_with(
        &f,
        &format!("[changelog]({url}) e [rfc](//example.org/x.md#top)."),
    );
    f.build().expect("an external .md link builds");
    let doc = f.html("it/school/enrol/index.html");
    assert_eq!(
        attr(&doc, "main a[href^='https://github']", "href").as_deref(),
        Some(url)
    );
    assert!(attr(&doc, "main a[href^='//example.org']", "href").is_some());
}

#[test]
fn language_less_site_paths_go_to_the_reader_s_language() {
    let f = Fixture::new();
    page_with(
        &f,
        "[età](/school/enrol/#age), [sezione](/legal/), [senza barra](/legal/visa) e [in italiano](/it/legal/visa/).",
    );
    f.build().expect("language-less links build");
    for lang in ["it", "en", "ar", "zh"] {
        let doc = f.html(&format!("{lang}/school/enrol/index.html"));
        let hrefs: Vec<String> = common::select(&doc, "main a")
            .iter()
            .filter_map(|a| a.value().attr("href").map(str::to_owned))
            .collect();
        for expected in [
            format!("/{lang}/school/enrol/#age"),
            format!("/{lang}/legal/"),
            format!("/{lang}/legal/visa/"),
            "/it/legal/visa/".to_string(),
        ] {
            assert!(
                hrefs.contains(&expected),
                "{lang}: {expected} not in {hrefs:?}"
            );
        }
    }
}

#[test]
fn a_language_less_link_to_a_missing_anchor_is_checked_in_every_language() {
    let f = Fixture::new();
    page_with(&f, "[visto](/legal/visa/#nessuna).");
    let err = f.build_err();
    assert!(
        err.contains("content/school/enrol.it.md:8:") && err.contains("`nessuna`"),
        "{err}"
    );
}

const BROKEN: &str = "[manca](../nowhere.md), [via](/nowhere/), [ancora](#nessuna) e [altrove](../legal/visa.md#nessuna).";

#[test]
fn broken_links_are_errors_by_default() {
    let f = Fixture::new();
    page_with(&f, BROKEN);
    // A link to a missing file stops the parse stage; the others are found once it is fixed.
    let err = f.build_err();
    assert!(
        err.contains("enrol.it.md:8:1") && err.contains("nowhere.md"),
        "{err}"
    );
    page_with(&f, &BROKEN.replace("../nowhere.md", "../legal/visa.md"));
    let err = f.build_err();
    for part in ["/nowhere/", "`#nessuna`", "visa.md#nessuna"] {
        assert!(err.contains(part), "{part} not reported: {err}");
    }
}

#[test]
fn with_links_broken_warn_the_site_builds_and_the_links_stay_as_written() {
    let f = Fixture::new();
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write(
        "site.toml",
        &format!("{toml}\n[links]\nbroken = \"warn\"\n"),
    );
    page_with(&f, BROKEN);
    let report = f.build().expect("broken links are warnings");
    let warnings: Vec<String> = report
        .warnings
        .0
        .iter()
        .map(|d| {
            format!(
                "{}:{} {:?} {}",
                d.file.display(),
                d.line.unwrap_or(0),
                d.code,
                d.message
            )
        })
        .collect();
    for (part, code) in [
        ("nowhere.md", "BrokenLink"),
        ("/nowhere/", "BrokenLink"),
        ("`#nessuna`", "BrokenAnchor"),
        ("visa.md#nessuna", "BrokenAnchor"),
    ] {
        assert!(
            warnings.iter().any(|w| w.contains(part)
                && w.contains(code)
                && w.starts_with("content/school/enrol.it.md:8")),
            "{part} ({code}) missing from {warnings:#?}"
        );
    }
    let doc = f.html("it/school/enrol/index.html");
    let hrefs: Vec<String> = common::select(&doc, "main a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    assert!(hrefs.contains(&"../nowhere.md".to_string()), "{hrefs:?}");
    assert!(hrefs.contains(&"/nowhere/".to_string()), "{hrefs:?}");
    // `approdo check` lists the same, and fails on them with --strict.
    let diags = approdo::pipeline::check(f.root()).unwrap();
    assert_eq!(
        diags
            .0
            .iter()
            .filter(|d| d.code.is_some_and(|c| matches!(
                c,
                approdo::error::Code::BrokenLink | approdo::error::Code::BrokenAnchor
            )))
            .count(),
        4,
        "{diags:?}"
    );
}

#[test]
fn an_alias_leads_from_the_old_address_in_every_language() {
    let f = Fixture::new();
    f.write(
        "content/legal/visa.it.md",
        "---\ntitle: \"Il visto\"\nstep: 1\naliases: [\"/legal/visto/\", \"/it/vecchio.html\"]\n---\nTesto.\n",
    );
    f.build().expect("aliases build");
    for (lang, target) in [
        ("it", "/it/legal/visa/"),
        ("en", "/en/legal/visa/"),
        ("ar", "/ar/legal/visa/"),
        ("zh", "/zh/legal/visa/"),
    ] {
        let doc = f.html(&format!("{lang}/legal/visto/index.html"));
        let refresh = attr(&doc, "meta[http-equiv='refresh']", "content").unwrap();
        assert_eq!(refresh, format!("0; url={target}"), "{lang}");
        assert_eq!(attr(&doc, "main a", "href").as_deref(), Some(target));
        assert_eq!(
            attr(&doc, "meta[name='robots']", "content").as_deref(),
            Some("noindex")
        );
        assert!(common::select(&doc, "script").is_empty());
    }
    assert!(f.out().join("it/vecchio.html").is_file());
    assert!(
        !f.out().join("en/vecchio.html").exists(),
        "an it/ alias is only Italian"
    );
    let sitemap = f.read("sitemap.xml");
    assert!(!sitemap.contains("visto"), "aliases are not in the sitemap");
}

#[test]
fn an_alias_on_a_page_s_address_or_claimed_twice_is_an_error() {
    let f = Fixture::new();
    f.write(
        "content/legal/arrival.it.md",
        "---\ntitle: \"L'arrivo\"\nstep: 2\naliases: [\"/legal/visa/\"]\n---\nTesto.\n",
    );
    let err = f.build_err();
    assert!(
        err.contains("content/legal/arrival.it.md") && err.contains("is the address of a page"),
        "{err}"
    );
    f.write(
        "content/legal/arrival.it.md",
        "---\ntitle: \"L'arrivo\"\nstep: 2\naliases: [\"/old/\"]\n---\nTesto.\n",
    );
    f.write(
        "content/school/enrol.it.md",
        "---\ntitle: \"Iscrizione\"\naliases: [\"/old/\"]\n---\n## Età {#age}\n",
    );
    let err = f.build_err();
    assert!(err.contains("has the same alias"), "{err}");
    f.write(
        "content/school/enrol.it.md",
        "---\ntitle: \"Iscrizione\"\naliases: [\"https://example.org/x\"]\n---\n## Età {#age}\n",
    );
    let err = f.build_err();
    assert!(
        err.contains("content/school/enrol.it.md:3:") && err.contains("not a path of this site"),
        "{err}"
    );
}

/// The sample of a real Hugo site (tests/foreign/cncf-glossary, see its SOURCE.md), with approdo's
/// theme and English UI strings, in a temporary folder.
fn cncf_sample() -> tempfile::TempDir {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&repo.join("tests/foreign/cncf-glossary"), dir.path());
    common::copy_dir(
        &repo.join("themes/default"),
        &dir.path().join("themes/default"),
    );
    std::fs::create_dir_all(dir.path().join("locales/en")).unwrap();
    std::fs::copy(
        repo.join("locales/en/main.ftl"),
        dir.path().join("locales/en/main.ftl"),
    )
    .unwrap();
    dir
}

#[test]
fn a_real_hugo_site_builds_with_a_page_for_every_group_in_every_language() {
    let dir = cncf_sample();
    let mut opts = approdo::BuildOptions::new(dir.path());
    opts.output = Some(dir.path().join("public"));
    let report = approdo::build(&opts).unwrap_or_else(|e| panic!("{:#?}", e.0));
    // 13 terms and the home page, in six languages.
    assert_eq!(report.languages.len(), 6);
    for l in &report.languages {
        assert_eq!(l.pages, 14, "{}: {l:?}", l.code);
    }
    let out = dir.path().join("public");
    let read = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap();
    // Language-less links go to the reader's language (the Urdu page, and the Japanese page that
    // borrows the English text), external ones are left alone even when they end in `.md`.
    let ur = read("ur/virtualization/index.html");
    assert!(ur.contains("href=\"/ur/cloud-computing/\""), "{ur}");
    let ja = read("ja/api-gateway/index.html");
    assert!(
        ja.contains("href=\"/ja/application-programming-interface/\""),
        "{ja}"
    );
    let en = read("en/cloud-computing/index.html");
    assert!(
        en.contains("href=\"https://github.com/ronitblenz/glossary/blob/cloud_computing/content/en/scalability.md\""),
        "{en}"
    );
    // A link to a term outside the sample is a warning, published as written.
    assert!(report
        .warnings
        .0
        .iter()
        .any(|d| d.code == Some(approdo::error::Code::BrokenLink)
            && d.subject.as_deref() == Some("/scalability/")));
    // Hugo's `Title:` and `status:`/`tags:` keys: read and ignored with a warning, never fatal.
    assert!(report
        .warnings
        .0
        .iter()
        .any(|d| d.code == Some(approdo::error::Code::IgnoredFrontMatterKey)));
}

#[test]
fn a_first_heading_that_repeats_the_title_is_left_out_with_a_warning() {
    let f = Fixture::new();
    f.write(
        ENROL,
        "---\ntitle: \"Iscrizione\"\n---\n\n# Iscrizione\n\n## Età {#age}\n\n# Altro titolo\n",
    );
    let err = f.build_err();
    assert!(
        err.contains("enrol.it.md:9:") && err.contains("level-1 heading \"Altro titolo\""),
        "another h1 is still an error: {err}"
    );
    f.write(
        ENROL,
        "---\ntitle: \"Iscrizione\"\n---\n\n# Iscrizione\n\n## Età {#age}\n",
    );
    let report = f.build().expect("a repeated title builds");
    assert!(report
        .warnings
        .0
        .iter()
        .any(|d| d.line == Some(5) && d.message.contains("repeats the page's title")));
    let doc = f.html("it/school/enrol/index.html");
    assert_eq!(common::select(&doc, "h1").len(), 1);
}
