//! The build pipeline end to end: what a reader gets in each language.

mod common;

use common::{attr, select, text, Fixture};

#[test]
fn every_language_gets_lang_and_dir() {
    let f = Fixture::new();
    f.build().unwrap();
    for (path, lang, dir) in [
        ("it/index.html", "it", "ltr"),
        ("en/legal/visa/index.html", "en", "ltr"),
        ("ar/legal/visa/index.html", "ar", "rtl"),
        ("zh/index.html", "zh-Hans", "ltr"),
    ] {
        let doc = f.html(path);
        assert_eq!(attr(&doc, "html", "lang").as_deref(), Some(lang), "{path}");
        assert_eq!(attr(&doc, "html", "dir").as_deref(), Some(dir), "{path}");
        assert_eq!(select(&doc, "h1").len(), 1, "{path}: one h1");
        assert_eq!(
            attr(&doc, "a.skip-link", "href").as_deref(),
            Some("#main"),
            "{path}"
        );
        assert_eq!(select(&doc, "main#main").len(), 1, "{path}");
    }
}

#[test]
fn hreflang_lists_real_translations_and_x_default() {
    let f = Fixture::new();
    f.build().unwrap();
    let doc = f.html("en/legal/visa/index.html");
    let alts: Vec<(String, String)> = select(&doc, "link[rel=alternate]")
        .iter()
        .map(|e| {
            (
                e.value().attr("hreflang").unwrap().to_string(),
                e.value().attr("href").unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        alts,
        vec![
            ("it".into(), "https://example.org/it/legal/visa/".into()),
            ("en".into(), "https://example.org/en/legal/visa/".into()),
            ("ar".into(), "https://example.org/ar/legal/visa/".into()),
            (
                "x-default".into(),
                "https://example.org/it/legal/visa/".into()
            ),
        ],
        "zh is only a fallback, so it is not announced"
    );
    assert_eq!(
        attr(&doc, "link[rel=canonical]", "href").as_deref(),
        Some("https://example.org/en/legal/visa/")
    );
}

#[test]
fn language_switcher_names_languages_in_their_own_language() {
    let f = Fixture::new();
    f.build().unwrap();
    let doc = f.html("ar/legal/visa/index.html");
    let links = select(&doc, ".language-switcher a");
    assert_eq!(links.len(), 3, "three other languages");
    let zh = links
        .iter()
        .find(|a| a.value().attr("hreflang") == Some("zh-Hans"))
        .expect("zh link");
    assert_eq!(zh.value().attr("lang"), Some("zh-Hans"));
    assert_eq!(zh.text().collect::<String>(), "中文");
    assert_eq!(zh.value().attr("href"), Some("/zh/legal/visa/"));
    let current = select(&doc, ".language-switcher [aria-current]");
    assert_eq!(current[0].text().collect::<String>(), "العربية");
}

#[test]
fn switcher_never_leads_to_a_missing_page() {
    let f = Fixture::new();
    f.build().unwrap();
    for path in f.html_files() {
        let doc = scraper::Html::parse_document(&std::fs::read_to_string(&path).unwrap());
        for a in select(
            &doc,
            ".language-switcher a, .site-nav a, .breadcrumbs a, .content a, .listing a",
        ) {
            let href = a.value().attr("href").unwrap();
            if href.starts_with("http") {
                continue;
            }
            let linked = href.split('#').next().unwrap().trim_start_matches('/');
            let target = f.out().join(linked).join("index.html");
            assert!(
                target.is_file(),
                "{} links to missing {href}",
                path.display()
            );
        }
    }
}

#[test]
fn missing_translation_is_a_marked_fallback_page() {
    let f = Fixture::new();
    let report = f.build().unwrap();
    let doc = f.html("zh/legal/visa/index.html");
    assert_eq!(attr(&doc, "html", "lang").as_deref(), Some("zh-Hans"));
    // zh falls back along en → it: the English text is borrowed and marked as English.
    assert_eq!(attr(&doc, "article", "lang").as_deref(), Some("en"));
    assert_eq!(attr(&doc, "article", "dir").as_deref(), Some("ltr"));
    assert_eq!(text(&doc, "h1"), "The visa");
    let notice = text(&doc, ".fallback-notice");
    assert!(notice.contains("本指南尚无中文版本"), "{notice}");
    assert!(notice.contains("English"), "{notice}");
    assert_eq!(
        attr(&doc, "meta[name=robots]", "content").as_deref(),
        Some("noindex")
    );
    assert!(select(&doc, "link[rel=canonical]").is_empty());
    // The notice itself is marked as Chinese, inside the borrowed article.
    assert_eq!(
        attr(&doc, ".fallback-notice", "lang").as_deref(),
        Some("zh-Hans")
    );

    let zh = report.languages.iter().find(|l| l.code == "zh").unwrap();
    assert_eq!(
        zh.fallbacks, 5,
        "legal index, visa, arrival, school index, enrol"
    );
    // A page that is real in the language is not a fallback.
    let real = f.html("ar/legal/visa/index.html");
    assert!(select(&real, "meta[name=robots]").is_empty());
    assert!(select(&real, ".fallback-notice").is_empty());
}

#[test]
fn ui_strings_fall_back_key_by_key() {
    let f = Fixture::new();
    f.build().unwrap();
    let doc = f.html("ar/index.html");
    // Defined in Arabic.
    assert_eq!(text(&doc, ".skip-link"), "انتقل إلى المحتوى الرئيسي");
    // Not in ar, not in en: Italian, never the raw key.
    let label = attr(&doc, ".language-switcher", "aria-label").unwrap();
    assert_eq!(label, "Lingua");
    // Isolation marks stay out of attributes and titles.
    for page in ["ar/index.html", "zh/legal/visa/index.html"] {
        let html = f.read(page);
        let title = text(&f.html(page), "title");
        assert!(!title.contains('\u{2068}'), "{page}: {title:?}");
        for tag in html.split('<').filter(|t| t.contains('=')) {
            let head = tag.split('>').next().unwrap();
            assert!(
                !head.contains('\u{2068}'),
                "{page}: isolate in attribute: {head}"
            );
        }
    }
}

#[test]
fn root_is_a_language_chooser_without_javascript() {
    let f = Fixture::new();
    f.build().unwrap();
    let doc = f.html("index.html");
    assert!(select(&doc, "script").is_empty());
    let items = select(&doc, ".chooser-list li");
    assert_eq!(items.len(), 4);
    let langs: Vec<_> = items
        .iter()
        .map(|i| i.value().attr("lang").unwrap())
        .collect();
    assert_eq!(langs, vec!["it", "en", "ar", "zh-Hans"]);
    let ar = items[2];
    assert_eq!(ar.value().attr("dir"), Some("rtl"));
    let links: Vec<_> = select(&doc, ".chooser-list a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(links, vec!["/it/", "/en/", "/ar/", "/zh/"]);
    // Home pages name the chooser as x-default.
    let home = f.html("en/index.html");
    let xdef = select(&home, "link[hreflang=x-default]");
    assert_eq!(xdef[0].value().attr("href"), Some("https://example.org/"));
}

#[test]
fn sitemap_has_alternates_and_no_fallbacks() {
    let f = Fixture::new();
    f.build().unwrap();
    let xml = f.read("sitemap.xml");
    assert!(xml.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    assert!(xml.contains("<loc>https://example.org/ar/legal/visa/</loc>"));
    assert!(xml.contains(
        "<xhtml:link rel=\"alternate\" hreflang=\"ar\" href=\"https://example.org/ar/legal/visa/\"/>"
    ));
    assert!(xml.contains("<lastmod>2026-11-23</lastmod>"));
    assert!(
        !xml.contains("/zh/legal/visa/"),
        "fallback pages are not announced"
    );
    assert!(xml.contains("<loc>https://example.org/zh/</loc>"));
    assert!(xml.contains("hreflang=\"zh-Hans\""));
    let robots = f.read("robots.txt");
    assert!(robots.contains("Sitemap: https://example.org/sitemap.xml"));
}

#[test]
fn heading_ids_work_for_arabic_and_chinese() {
    let f = Fixture::new();
    f.build().unwrap();
    let doc = f.html("ar/legal/visa/index.html");
    let ids: Vec<_> = select(&doc, ".content h2")
        .iter()
        .map(|h| h.value().attr("id").unwrap().to_string())
        .collect();
    assert_eq!(
        ids,
        vec!["الوثائق-المطلوبة", "第一步-准备文件", "الوثائق-المطلوبة-1"]
    );
    // Explicit ids are kept, so translations share anchors.
    let it = f.html("it/legal/visa/index.html");
    assert_eq!(attr(&it, ".content h2", "id").as_deref(), Some("documents"));
}

#[test]
fn markdown_links_resolve_within_the_readers_language() {
    let f = Fixture::new();
    f.build().unwrap();
    let it = f.html("it/legal/visa/index.html");
    assert_eq!(
        attr(&it, ".content p a", "href").as_deref(),
        Some("/it/school/enrol/#age")
    );
    // The English page links to the (fallback) English school page, not the Italian one.
    let en = f.html("en/legal/visa/index.html");
    assert_eq!(
        attr(&en, ".content p a", "href").as_deref(),
        Some("/en/school/enrol/")
    );
    // The Chinese fallback borrows the English text, but its links stay in Chinese.
    let zh = f.html("zh/legal/visa/index.html");
    assert_eq!(
        attr(&zh, ".content p a", "href").as_deref(),
        Some("/zh/school/enrol/")
    );
}

#[test]
fn journey_steps_are_numbered_with_neighbours() {
    let f = Fixture::new();
    f.build().unwrap();
    let doc = f.html("it/legal/visa/index.html");
    assert_eq!(
        text(&doc, ".step-of"),
        "Passo \u{2068}1\u{2069} di \u{2068}2\u{2069}"
    );
    assert_eq!(
        attr(&doc, ".step-pager a[rel=next]", "href").as_deref(),
        Some("/it/legal/arrival/")
    );
    assert!(text(&doc, ".step-pager a[rel=next]").contains("L'arrivo"));
    assert!(select(&doc, ".step-pager a[rel=prev]").is_empty());
    let section = f.html("it/legal/index.html");
    assert_eq!(select(&section, "ol.step-by-step li").len(), 2);
}

#[test]
fn static_files_404_pages_and_marker_are_written() {
    let f = Fixture::new();
    let report = f.build().unwrap();
    assert!(f.out().join("style.css").is_file());
    assert!(f.out().join(".approdo-output").is_file());
    let nf = f.html("ar/404.html");
    assert_eq!(attr(&nf, "html", "dir").as_deref(), Some("rtl"));
    // Italian borrowed on a right-to-left page: isolated, so it keeps its own order.
    assert_eq!(
        text(&nf, "h1"),
        "\u{2068}Pagina non trovata\u{2069}",
        "falls back to Italian UI"
    );
    assert!(f.out().join("404.html").is_file());
    assert_eq!(report.pages(), 4 * 6, "6 groups × 4 languages");
    assert!(report.warnings.is_empty(), "{}", report.warnings);
}

#[test]
fn drafts_are_left_out_unless_asked() {
    let f = Fixture::new();
    f.write(
        "content/school/secret.it.md",
        "---\ntitle: \"Bozza\"\ndraft: true\n---\nx\n",
    );
    f.build().unwrap();
    assert!(!f.out().join("it/school/secret").exists());
    let mut opts = approdo::BuildOptions::new(f.root());
    opts.drafts = true;
    approdo::build(&opts).unwrap().cleanup.wait();
    assert!(f.out().join("it/school/secret/index.html").is_file());
}

#[test]
fn base_url_path_prefixes_every_link() {
    let f = Fixture::new();
    let mut opts = approdo::BuildOptions::new(f.root());
    opts.base_url = Some("https://example.org/guide/".into());
    approdo::build(&opts).unwrap().cleanup.wait();
    let doc = f.html("it/legal/visa/index.html");
    assert_eq!(
        attr(&doc, ".content p a", "href").as_deref(),
        Some("/guide/it/school/enrol/#age")
    );
    assert_eq!(
        attr(&doc, "link[rel=stylesheet]", "href").as_deref(),
        Some("/guide/style.css")
    );
    assert_eq!(
        attr(&doc, "link[rel=canonical]", "href").as_deref(),
        Some("https://example.org/guide/it/legal/visa/")
    );
}

#[test]
fn translation_key_lets_a_translation_keep_its_own_slug() {
    let f = Fixture::new();
    f.write(
        "content/legal/el-visado.en.md",
        "---\ntitle: \"Entry visa\"\ntranslation_key: visa\nstep: 1\n---\nx\n",
    );
    f.remove("content/legal/visa.en.md");
    f.build().unwrap();
    assert!(f.out().join("en/legal/el-visado/index.html").is_file());
    let it = f.html("it/legal/visa/index.html");
    let en_link = select(&it, ".language-switcher a[hreflang=en]");
    assert_eq!(
        en_link[0].value().attr("href"),
        Some("/en/legal/el-visado/")
    );
}

#[test]
fn unicode_slugs_are_percent_encoded_in_links() {
    let f = Fixture::new();
    f.write(
        "content/legal/تأشيرة.ar.md",
        "---\ntitle: \"تأشيرة\"\nstep: 3\n---\nx\n",
    );
    f.build().unwrap();
    assert!(f.out().join("ar/legal/تأشيرة/index.html").is_file());
    let section = f.html("ar/legal/index.html");
    let hrefs: Vec<_> = select(&section, "ol.step-by-step a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert!(
        hrefs.contains(&"/ar/legal/%D8%AA%D8%A3%D8%B4%D9%8A%D8%B1%D8%A9/".to_string()),
        "{hrefs:?}"
    );
}

#[test]
fn shortcodes_render_data_in_the_pages_language() {
    let f = Fixture::new();
    f.write(
        "data/offices.yaml",
        "offices:\n  - id: questura\n    name: \"Questura di Milano\"\n    website: \"https://questure.poliziadistato.it/it/Milano\"\n    what:\n      it: \"Rilascia i permessi.\"\n      ar: \"تصدر تصاريح الإقامة.\"\n",
    );
    f.write(
        "content/legal/visa.ar.md",
        "---\ntitle: \"التأشيرة\"\nstep: 1\n---\nاسأل:\n\n{{ contact(office=\"questura\") }}\n\nثم تابع.\n",
    );
    f.build().unwrap();
    let ar = f.html("ar/legal/visa/index.html");
    assert_eq!(
        text(&ar, ".contact-card .contact-name"),
        "Questura di Milano"
    );
    assert_eq!(
        attr(&ar, ".contact-card .contact-name", "lang").as_deref(),
        Some("it")
    );
    assert!(text(&ar, ".contact-card").contains("تصدر تصاريح الإقامة."));
    assert_eq!(
        attr(&ar, ".contact-card dd a", "href").as_deref(),
        Some("https://questure.poliziadistato.it/it/Milano")
    );
    // The card replaced its paragraph; the text around it is intact.
    assert!(!f.read("ar/legal/visa/index.html").contains('\u{E000}'));
    assert!(text(&ar, ".content").contains("ثم تابع."));
    // The Italian fallback of the card text is marked as Italian.
    f.write(
        "content/legal/visa.en.md",
        "---\ntitle: \"Visa\"\nstep: 1\n---\n{{ contact(office=\"questura\") }}\n",
    );
    f.build().unwrap();
    let en = f.html("en/legal/visa/index.html");
    let what = select(&en, ".contact-card p[lang=it]:not(.contact-name)");
    assert_eq!(what[0].text().collect::<String>(), "Rilascia i permessi.");
}

/// A glossary page whose `##` headings are the terms, in Italian and Arabic.
fn with_glossary(f: &Fixture) {
    f.write(
        "content/glossary.it.md",
        "---\ntitle: \"Glossario\"\n---\n## Nulla Osta {#nulla-osta}\n\nL'autorizzazione per il visto; leggi [il visto](legal/visa.md).\n\n## Questura {#questura}\n\nL'ufficio della polizia.\n\n## Case popolari (SAP) {#case-popolari}\n\nLe case del Comune.\n",
    );
    f.write(
        "content/glossary.ar.md",
        "---\ntitle: \"مسرد\"\n---\n## Nulla Osta {#nulla-osta}\n\n**الإذن**\n\nالإذن الذي يسمح بطلب التأشيرة.\n\n## Questura {#questura}\n\n**مديرية الشرطة**\n\nمكتب الشرطة.\n\n## Case popolari (SAP) {#case-popolari}\n\nمساكن البلدية.\n",
    );
    f.write(
        "content/legal/arrival.ar.md",
        "---\ntitle: \"الوصول\"\nstep: 2\n---\n## Nulla Osta وما بعده\n\nبعد الـ Nulla Osta تذهب إلى Questura. احتفظ بنسخة من nulla osta و`Nulla Osta`.\n",
    );
}

#[test]
fn glossary_terms_are_linked_at_first_mention_and_marked_italian_after() {
    let f = Fixture::new();
    with_glossary(&f);
    f.build().unwrap();
    let doc = f.html("ar/legal/arrival/index.html");
    let terms = select(&doc, "main a.term");
    let first = terms.first().expect("a term link");
    assert_eq!(first.value().attr("href"), Some("/ar/glossary/#nulla-osta"));
    assert_eq!(first.value().attr("lang"), Some("it"));
    assert_eq!(first.value().attr("dir"), Some("ltr"));
    assert_eq!(
        first.value().attr("title"),
        Some("الإذن: الإذن الذي يسمح بطلب التأشيرة.")
    );
    assert_eq!(terms.len(), 2, "Nulla Osta and Questura, once each");
    // The later mention is marked Italian, not linked; heading and code are left alone.
    let later = select(&doc, "main p span[lang=it]");
    assert_eq!(later.len(), 1);
    assert_eq!(later[0].text().collect::<String>(), "nulla osta");
    assert!(text(&doc, "main h2").starts_with("Nulla Osta"));
    assert_eq!(select(&doc, "main h2 a, main h2 span[lang]").len(), 0);
    assert_eq!(text(&doc, "main code"), "Nulla Osta");
    // On the Italian fallback shown in English, the link goes to the English route of the glossary
    // and the text, being Italian, needs no language mark.
    let en = f.html("en/legal/visa/index.html");
    assert_eq!(select(&en, "main [lang=it].term").len(), 0);
}

#[test]
fn check_reports_a_glossary_entry_no_page_uses() {
    let f = Fixture::new();
    with_glossary(&f);
    // The Italian pages mention only the Nulla Osta (by link) and nothing else.
    f.write(
        "content/legal/arrival.it.md",
        "---\ntitle: \"L'arrivo\"\nstep: 2\n---\nDopo il [Nulla Osta](../glossary.md#nulla-osta) chiedi una casa SAP.\n",
    );
    let diags = approdo::pipeline::check(f.root()).unwrap();
    let unused: Vec<String> = diags
        .0
        .iter()
        .filter(|d| d.message.contains("is not used by any page"))
        .map(|d| format!("{}:{}", d.message, d.line.unwrap_or(0)))
        .collect();
    assert_eq!(
        unused,
        vec!["glossary entry `Questura` is not used by any page:8"],
        "{diags}"
    );
}

/// A build drops each page's Markdown once parsed; an error the checks find afterwards still shows
/// its source line (read back from the file), at the right line, for every occurrence.
#[test]
fn check_errors_after_parsing_still_show_their_source_line() {
    let f = Fixture::new();
    f.write(
        "content/legal/visa.it.md",
        "---\ntitle: \"Il visto\"\nstep: 1\n---\n## Documenti {#documents}\n\nPrima riga.\n\nVedi [la scuola](../school/enrol.md#nowhere).\n\nE [ancora](../school/enrol.md#nowhere-else).\n",
    );
    let failure = f.build().expect_err("broken anchors stop the build");
    let anchors: Vec<_> = failure
        .0
         .0
        .iter()
        .filter(|d| d.message.contains("#nowhere"))
        .collect();
    assert_eq!(anchors.len(), 2, "{anchors:?}");
    assert_eq!(anchors[0].line, Some(9));
    assert_eq!(
        anchors[0].source_line.as_deref(),
        Some("Vedi [la scuola](../school/enrol.md#nowhere).")
    );
    assert_eq!(anchors[1].line, Some(11));
    assert_eq!(
        anchors[1].source_line.as_deref(),
        Some("E [ancora](../school/enrol.md#nowhere-else).")
    );
}
