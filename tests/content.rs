//! The default site's content: complete in six languages, a continuous journey, links that land,
//! the published figures, and translations that record their source version.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use approdo::{build, BuildOptions};
use scraper::{Html, Selector};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Builds the default site once into a temp folder and returns it.
fn built() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let mut opts = BuildOptions::new(repo());
    opts.output = Some(out.clone());
    let mut report = build(&opts).unwrap_or_else(|f| panic!("{}", f.0));
    report.cleanup.wait();
    (dir, out)
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

#[test]
fn the_journey_has_continuous_steps_in_every_language() {
    let site = approdo::pipeline::load_site(repo()).unwrap();
    for lang in ["it", "en", "fr", "es", "ar", "zh"] {
        let mut steps: Vec<u32> = site
            .docs
            .iter()
            .filter(|d| d.lang == lang && d.section == "legal" && !d.is_index())
            .map(|d| {
                d.front
                    .step
                    .unwrap_or_else(|| panic!("{} has no step", d.source.display()))
            })
            .collect();
        steps.sort();
        assert_eq!(
            steps,
            (1..=steps.len() as u32).collect::<Vec<_>>(),
            "{lang}"
        );
        assert!(
            steps.len() >= 6,
            "{lang}: the journey has at least six steps"
        );
    }
}

#[test]
fn every_internal_link_and_anchor_resolves() {
    let (_dir, out) = built();
    let mut ids_cache = std::collections::HashMap::<PathBuf, HashSet<String>>::new();
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let page = Html::parse_document(&std::fs::read_to_string(entry.path()).unwrap());
        for a in page.select(&sel("a[href]")) {
            let href = a.value().attr("href").unwrap();
            if href.starts_with("http") || href.starts_with("tel:") || href.starts_with("mailto:") {
                continue;
            }
            let (path, frag) = href.split_once('#').unwrap_or((href, ""));
            let target = if path.is_empty() {
                entry.path().to_path_buf()
            } else {
                let decoded = percent_decode(path.trim_start_matches('/'));
                let p = out.join(decoded);
                if p.extension().is_some() {
                    p
                } else {
                    p.join("index.html")
                }
            };
            assert!(
                target.is_file(),
                "{}: link to missing {href}",
                entry.path().display()
            );
            if !frag.is_empty() {
                let ids = ids_cache.entry(target.clone()).or_insert_with(|| {
                    let doc = Html::parse_document(&std::fs::read_to_string(&target).unwrap());
                    doc.select(&sel("[id]"))
                        .map(|e| e.value().attr("id").unwrap().to_string())
                        .collect()
                });
                assert!(
                    ids.contains(&percent_decode(frag)),
                    "{}: anchor #{frag} missing in {}",
                    entry.path().display(),
                    target.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 1000, "only {checked} links");
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn the_figures_page_carries_the_published_figures() {
    let (_dir, out) = built();
    let published = [503, 802, 101, 160, 700, 1131, 78, 126, 1203, 1933, 86, 138];
    for lang in ["it", "en", "fr", "es", "ar", "zh"] {
        let page = Html::parse_document(
            &std::fs::read_to_string(out.join(lang).join("figures/index.html")).unwrap(),
        );
        let values: Vec<i64> = page
            .select(&sel(".figures td[data-value]"))
            .map(|td| td.value().attr("data-value").unwrap().parse().unwrap())
            .collect();
        assert_eq!(values, published, "{lang}");
        assert_eq!(
            page.select(&sel(".figures svg.chart[role=img] title"))
                .count(),
            1,
            "{lang}"
        );
        assert_eq!(page.select(&sel(".figures caption")).count(), 1, "{lang}");
    }
    let en = std::fs::read_to_string(out.join("en/figures/index.html")).unwrap();
    assert!(
        en.contains(">1,933<") && en.contains(">1,131<"),
        "English digits and grouping"
    );
    let ar = std::fs::read_to_string(out.join("ar/figures/index.html")).unwrap();
    assert!(
        ar.contains("text-anchor=\"start\" direction=\"rtl\""),
        "the chart is mirrored in Arabic"
    );
}

#[test]
fn the_published_figures_add_up() {
    let text = std::fs::read_to_string(repo().join("data/reunification-milan.yaml")).unwrap();
    let data: serde_json::Value = approdo::yaml::from_yaml(&text).unwrap();
    let periods = data["periods"].as_array().unwrap();
    let sum = |k: &str| periods.iter().map(|p| p[k].as_i64().unwrap()).sum::<i64>();
    assert_eq!(
        sum("applicants"),
        data["total"]["applicants"].as_i64().unwrap()
    );
    assert_eq!(sum("members"), data["total"]["members"].as_i64().unwrap());
    assert_eq!(sum("months"), data["total"]["months"].as_i64().unwrap());
    for p in periods.iter().chain([&data["total"]]) {
        let months = p["months"].as_f64().unwrap();
        for (k, avg) in [
            ("applicants", "applicants_per_month"),
            ("members", "members_per_month"),
        ] {
            let expected = (p[k].as_f64().unwrap() / months).round() as i64;
            assert_eq!(p[avg].as_i64().unwrap(), expected, "{k} per month in {p}");
        }
    }
}

#[test]
fn every_translation_records_the_current_source_version() {
    let site = approdo::pipeline::load_site(repo()).unwrap();
    let mut checked = 0;
    for (i, doc) in site.docs.iter().enumerate() {
        let Some(source) = approdo::translation::source_of(&site, i) else {
            continue;
        };
        let want = approdo::translation::source_version(source);
        assert_eq!(
            doc.front.translated_from.as_deref(),
            Some(want.as_str()),
            "{} is not stamped with the current version of {} (run `approdo i18n stamp {}` after updating it)",
            doc.source.display(),
            source.source.display(),
            doc.source.display()
        );
        checked += 1;
    }
    assert!(checked >= 5 * 20, "{checked} translations");
}

#[test]
fn the_help_page_shows_every_office() {
    let (_dir, out) = built();
    let text = std::fs::read_to_string(repo().join("data/offices.yaml")).unwrap();
    let data: serde_json::Value = approdo::yaml::from_yaml(&text).unwrap();
    let offices = data["offices"].as_array().unwrap();
    for lang in ["it", "en", "fr", "es", "ar", "zh"] {
        let page = Html::parse_document(
            &std::fs::read_to_string(out.join(lang).join("help/index.html")).unwrap(),
        );
        assert_eq!(
            page.select(&sel(".contact-card")).count(),
            offices.len(),
            "{lang}"
        );
        for o in offices {
            assert!(
                o["what"][lang].as_str().is_some_and(|s| !s.is_empty()),
                "{} has no {lang} text",
                o["id"]
            );
        }
    }
}
