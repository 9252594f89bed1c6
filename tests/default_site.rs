//! The repository's own site (the one `cargo run --release -- build` publishes) builds cleanly.

use std::path::Path;

use approdo::{build, BuildOptions};

#[test]
fn default_site_builds_in_six_languages_without_warnings_or_fallbacks() {
    let out = tempfile::tempdir().unwrap();
    let mut opts = BuildOptions::new(Path::new(env!("CARGO_MANIFEST_DIR")));
    opts.output = Some(out.path().join("public"));
    let mut report = match build(&opts) {
        Ok(r) => r,
        Err(f) => panic!("the default site does not build:\n{}", f.0),
    };
    report.cleanup.wait();
    assert!(report.warnings.is_empty(), "{}", report.warnings);
    let codes: Vec<_> = report.languages.iter().map(|l| l.code.as_str()).collect();
    assert_eq!(codes, ["it", "en", "fr", "es", "ar", "zh"]);
    for l in &report.languages {
        assert_eq!(l.fallbacks, 0, "{} has untranslated pages", l.code);
        assert_eq!(
            l.pages, report.languages[0].pages,
            "{} has a different page count",
            l.code
        );
    }
    // Home, three sections, at least one page in each.
    assert!(report.languages[0].pages >= 7, "{}", report.summary());
    let zh = std::fs::read_to_string(out.path().join("public/zh/index.html")).unwrap();
    assert!(zh.contains("<html lang=\"zh-Hans\" dir=\"ltr\">"));
    let ar = std::fs::read_to_string(out.path().join("public/ar/index.html")).unwrap();
    assert!(ar.contains("<html lang=\"ar\" dir=\"rtl\">"));
}

#[test]
fn every_default_page_has_a_description_and_an_update_date() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let front = text.split("---").nth(1).unwrap_or("");
        let rel = entry
            .path()
            .strip_prefix(&content)
            .unwrap()
            .display()
            .to_string();
        assert!(front.contains("\ndescription:"), "{rel} has no description");
        assert!(front.contains("\nupdated:"), "{rel} has no updated date");
        checked += 1;
    }
    assert!(checked >= 42, "only {checked} pages");
}
