//! The default theme: accessible structure a reader relies on, checked on the built HTML.

mod common;

use common::{attr, select, text, Fixture};

#[test]
fn stylesheet_uses_logical_properties_only() {
    let css = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/themes/default/static/style.css"
    ))
    .unwrap();
    let physical = [
        "margin-left",
        "margin-right",
        "padding-left",
        "padding-right",
        "border-left",
        "border-right",
        "text-align: left",
        "text-align: right",
        "float: left",
        "float: right",
        " left:",
        " right:",
        "\tleft:",
        "\tright:",
        "{left:",
        "{right:",
        ";left:",
        ";right:",
    ];
    for (n, line) in css.lines().enumerate() {
        for p in physical {
            assert!(
                !line.contains(p),
                "style.css:{}: physical property `{p}`: {line}",
                n + 1
            );
        }
    }
}

#[test]
fn every_page_is_self_contained_with_a_strict_csp() {
    let f = Fixture::new();
    f.build().unwrap();
    for path in f.html_files() {
        let html = std::fs::read_to_string(&path).unwrap();
        let doc = scraper::Html::parse_document(&html);
        let name = path.display();
        let csp =
            attr(&doc, "meta[http-equiv=Content-Security-Policy]", "content").unwrap_or_default();
        assert!(
            csp.contains("default-src 'self'") && csp.contains("script-src 'self'"),
            "{name}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{name}");
        // Scripts are files (the search and the app enhancements), deferred; the pages work
        // without them (the language chooser has no search box, so no script).
        let scripts = select(&doc, "script");
        assert!(scripts.len() <= 2, "{name}: scripts");
        for s in scripts {
            let src = s.value().attr("src");
            assert!(
                matches!(src, Some("/search.js" | "/app.js")),
                "{name}: {src:?}"
            );
            assert!(s.value().attr("defer").is_some(), "{name}: deferred");
        }
        assert!(
            !html.contains(" style=\""),
            "{name}: inline styles would break the CSP"
        );
        for el in select(&doc, "link[href], img[src], script[src]") {
            let url = el.value().attr("href").or(el.value().attr("src")).unwrap();
            let rel = el.value().attr("rel").unwrap_or("");
            if rel == "alternate" || rel == "canonical" {
                continue;
            }
            assert!(url.starts_with('/'), "{name}: loads {url} from elsewhere");
        }
    }
}

#[test]
fn step_pages_follow_the_step_by_step_pattern() {
    let f = Fixture::new();
    f.build().unwrap();
    let doc = f.html("it/legal/arrival/index.html");
    assert!(text(&doc, ".step-of").contains('2') && text(&doc, ".step-of").contains("di"));
    let current = select(&doc, ".step-by-step a[aria-current=step]");
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].value().attr("href"), Some("/it/legal/arrival/"));
    assert_eq!(select(&doc, ".step-by-step li").len(), 2);
    let prev = select(&doc, ".step-pager a[rel=prev]");
    assert!(
        prev[0].text().collect::<String>().contains("Il visto"),
        "previous link names the step"
    );
    assert!(select(&doc, ".step-pager a[rel=next]").is_empty());
    // The journey's overview lists steps in order, numbered.
    let overview = f.html("it/legal/index.html");
    let steps: Vec<String> = select(&overview, "ol.step-by-step a")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(steps, ["Il visto", "L'arrivo"]);
}

#[test]
fn task_lists_are_document_checklists() {
    let f = Fixture::new();
    f.build().unwrap();
    let doc = f.html("it/legal/visa/index.html");
    let items = select(&doc, "ul.checklist > li");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].text().collect::<String>(), "Passaporto");
    assert!(
        select(&doc, "ul.checklist input").is_empty(),
        "no unlabelled form controls"
    );
    assert_eq!(
        attr(&doc, "ul.checklist .check", "aria-hidden").as_deref(),
        Some("true")
    );
}

#[test]
fn dates_and_reading_time_follow_the_language() {
    let f = Fixture::new();
    f.write("locales/zh/main.ftl", "fallback-notice = 本指南尚无中文版本。以下是{ $language }版本。\ndate-long = { $year }年{ $monthnum }月{ $day }日\npage-updated = 更新于 { $date }\n");
    f.write("locales/ar/main.ftl", "skip-link = انتقل\nmonth-1 = يناير\nfallback-notice = غير متوفر { $language }\nreading-time = { $minutes ->\n    [one] دقيقة واحدة للقراءة\n    [two] دقيقتان للقراءة\n    [few] { $minutes } دقائق للقراءة\n   *[other] { $minutes } دقيقة للقراءة\n}\n");
    f.write(
        "content/legal/visa.zh.md",
        "---\ntitle: \"签证\"\nstep: 1\nupdated: 2026-11-03\n---\n正文。\n",
    );
    f.write(
        "content/legal/visa.ar.md",
        &format!(
            "---\ntitle: \"التأشيرة\"\nstep: 1\nupdated: 2026-01-01\n---\n{}\n",
            "كلمة ".repeat(450)
        ),
    );
    f.build().unwrap();
    let it = f.html("it/legal/visa/index.html");
    assert_eq!(
        attr(&it, ".page-meta time", "datetime").as_deref(),
        Some("2026-11-23")
    );
    assert!(
        text(&it, ".page-meta time").contains("23 novembre 2026"),
        "{}",
        text(&it, ".page-meta")
    );
    let zh = f.html("zh/legal/visa/index.html");
    assert!(
        text(&zh, ".page-meta time").contains("2026年11月3日"),
        "{}",
        text(&zh, ".page-meta")
    );
    let ar = f.html("ar/legal/visa/index.html");
    // 450 words: 3 minutes, Arabic "few" form.
    assert!(
        // Fluent isolates the number (U+2068…U+2069) so it keeps its own direction.
        text(&ar, ".page-meta").contains("\u{2068}3\u{2069} دقائق للقراءة"),
        "{}",
        text(&ar, ".page-meta")
    );
    // The Arabic month name, in the date pattern borrowed key by key from Italian.
    assert!(
        text(&ar, ".page-meta time").contains("1 يناير 2026"),
        "{}",
        text(&ar, ".page-meta")
    );
}

#[test]
fn long_guides_get_a_table_of_contents() {
    let f = Fixture::new();
    f.write("content/school/enrol.it.md", "---\ntitle: \"Iscrizione\"\n---\n## Età {#age}\n\n## Documenti\n\n## Dove\n\n### Dettaglio\n");
    f.build().unwrap();
    let doc = f.html("it/school/enrol/index.html");
    let links: Vec<_> = select(&doc, "nav.toc a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(links, ["#age", "#documenti", "#dove"]);
    assert_eq!(
        attr(&doc, "nav.toc", "aria-labelledby").as_deref(),
        Some("toc-heading")
    );
    // Short pages have none.
    assert!(select(&f.html("it/legal/visa/index.html"), "nav.toc").is_empty());
}

#[test]
fn guide_pages_carry_the_general_information_notice() {
    let f = Fixture::new();
    f.build().unwrap();
    let doc = f.html("it/legal/visa/index.html");
    assert!(text(&doc, ".notice").contains("verifica sempre con l'ufficio competente"));
}

#[test]
fn a_typical_guide_weighs_under_40_kb_with_its_stylesheet() {
    let out = tempfile::tempdir().unwrap();
    let mut opts = approdo::BuildOptions::new(env!("CARGO_MANIFEST_DIR"));
    opts.output = Some(out.path().join("public"));
    approdo::build(&opts).unwrap().cleanup.wait();
    let css = std::fs::metadata(out.path().join("public/style.css"))
        .unwrap()
        .len();
    for page in [
        "it/legal/requirements/index.html",
        "ar/legal/requirements/index.html",
        "zh/school/enrolment/index.html",
    ] {
        let html = std::fs::metadata(out.path().join("public").join(page))
            .unwrap()
            .len();
        assert!(html + css < 40 * 1024, "{page}: {html} B + {css} B of CSS");
    }
}
