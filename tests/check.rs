//! `approdo check`, `approdo i18n status|scaffold`, `approdo init`: each known defect is reported
//! once, at the right file and line; a clean site reports nothing.

mod common;

use std::process::{Command, Output};

use common::Fixture;

fn approdo(args: &[&str], root: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_approdo"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap()
}

/// `i18n status --format json`, expected to succeed.
fn status_json(f: &Fixture) -> serde_json::Value {
    let out = approdo(&["i18n", "status", "--format", "json"], f.root());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// One language of a status report.
fn language<'a>(status: &'a serde_json::Value, code: &str) -> &'a serde_json::Value {
    status["languages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {status:#}"))
}

/// `i18n scaffold LANG`, expected to succeed.
fn scaffold_ok(f: &Fixture, lang: &str) {
    let out = approdo(&["i18n", "scaffold", lang], f.root());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn check_json(f: &Fixture) -> (Option<i32>, serde_json::Value) {
    let out = approdo(&["check", "--format", "json"], f.root());
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code(), json)
}

/// The (file, line, message) of every diagnostic of a severity.
fn found(json: &serde_json::Value, severity: &str) -> Vec<(String, u64, String)> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == severity)
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_clean_site_reports_nothing() {
    let f = Fixture::new();
    let (code, json) = check_json(&f);
    assert_eq!(code, Some(0), "{json}");
    assert_eq!(json["errors"], 0, "{json}");
    assert_eq!(json["warnings"], 0, "{json}");
    let text = approdo(&["check", "--strict"], f.root());
    assert_eq!(text.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&text.stdout).contains("0 errors, 0 warnings"));
}

#[test]
fn each_defect_is_reported_once_at_its_line() {
    let f = Fixture::new();
    f.write_bytes("content/school/foto_scuola.png", b"\x89PNG\r\n");
    f.write(
        "content/school/enrol.it.md",
        "---\ntitle: \"Iscrizione\"\n---\n## Età {#age}\n\n#### Troppo in basso\n\n![](foto_scuola.png)\n\nVedi [qui](../legal/visa.md#nessuna).\n\nSito: [https://www.mim.gov.it](https://www.mim.gov.it).\n\n| | |\n|-|-|\n|1|2|\n",
    );
    let (code, json) = check_json(&f);
    assert_eq!(code, Some(1), "errors fail the command");
    let errors = found(&json, "error");
    let file = "content/school/enrol.it.md".to_string();
    assert_eq!(
        errors,
        vec![
            (file.clone(), 8, "image `foto_scuola.png` has no alt text".into()),
            (file.clone(), 10, "link `../legal/visa.md#nessuna`: no heading with id `nessuna` in the target page (ar, en, it, zh)".into()),
            (file.clone(), 14, "table without a header row".into()),
        ],
        "{json}"
    );
    let warnings = found(&json, "warning");
    assert_eq!(
        warnings,
        vec![
            (
                file.clone(),
                6,
                "heading level jumps from h2 to h4: \"Troppo in basso\"".into()
            ),
            (
                file.clone(),
                10,
                "link text \"qui\" says nothing on its own".into()
            ),
            (
                file.clone(),
                12,
                "link text is a bare address: https://www.mim.gov.it".into()
            ),
        ],
        "{json}"
    );
    assert_eq!(json["errors"], errors.len());
    assert_eq!(json["warnings"], warnings.len());
    let notes = found(&json, "note");
    assert_eq!(
        notes,
        vec![(
            file,
            12,
            "external link (not checked): https://www.mim.gov.it".into()
        )]
    );
    // The build refuses the error-level defects too, and keeps the previous output.
    let msg = f.build_err();
    assert!(
        msg.contains("content/school/enrol.it.md:8:1: image `foto_scuola.png` has no alt text"),
        "{msg}"
    );
    assert!(
        !msg.contains("says nothing"),
        "warnings do not stop a build: {msg}"
    );
}

#[test]
fn anchors_are_checked_in_every_language_the_page_is_shown_in() {
    let f = Fixture::new();
    // The English visa page links to #age in the school page; in English that page is a fallback
    // to Italian (which has #age); the Arabic translation borrows nothing. Now give English its own
    // school page without the anchor.
    f.write(
        "content/school/enrol.en.md",
        "---\ntitle: \"Enrolment\"\n---\n## Years\n",
    );
    f.write(
        "content/legal/visa.en.md",
        "---\ntitle: \"The visa\"\nstep: 1\n---\nSee [school](../school/enrol.md#age).\n",
    );
    let (_, json) = check_json(&f);
    let errors = found(&json, "error");
    assert_eq!(errors.len(), 1, "{json}");
    assert_eq!(errors[0].0, "content/legal/visa.en.md");
    assert!(
        errors[0].2.contains("no heading with id `age`"),
        "{}",
        errors[0].2
    );
}

#[test]
fn journey_steps_must_be_continuous() {
    let f = Fixture::new();
    f.write(
        "content/legal/arrival.it.md",
        "---\ntitle: \"L'arrivo\"\nstep: 3\n---\nTesto.\n",
    );
    let (code, json) = check_json(&f);
    assert_eq!(code, Some(1));
    let errors = found(&json, "error");
    assert_eq!(errors.len(), 1, "{json}");
    assert!(
        errors[0]
            .2
            .contains("steps skip a number: expected step 2, found 3"),
        "{errors:?}"
    );
}

#[test]
fn duplicate_titles_and_drafts() {
    let f = Fixture::new();
    f.write(
        "content/school/other.it.md",
        "---\ntitle: \"Iscrizione\"\n---\nx\n",
    );
    f.write(
        "content/school/later.it.md",
        "---\ntitle: \"Più avanti\"\ndraft: true\n---\nx\n",
    );
    let (code, json) = check_json(&f);
    assert_eq!(code, Some(0), "warnings alone do not fail");
    let warnings = found(&json, "warning");
    assert_eq!(warnings.len(), 1, "{json}");
    assert!(
        warnings[0].2.starts_with("same title as content/school/"),
        "{warnings:?}"
    );
    assert!(found(&json, "note")
        .iter()
        .any(|n| n.0 == "content/school/later.it.md" && n.2.starts_with("draft")));
    let strict = approdo(&["check", "--strict"], f.root());
    assert_eq!(strict.status.code(), Some(1), "--strict fails on warnings");
}

#[test]
fn i18n_status_reports_missing_extra_stale_and_variables() {
    let f = Fixture::new();
    // Stamp the Arabic visa page, then change the Italian source: the translation is stale.
    let stamp = approdo(&["i18n", "stamp", "content/legal/visa.ar.md"], f.root());
    assert!(stamp.status.success());
    let it = std::fs::read_to_string(f.root().join("content/legal/visa.it.md")).unwrap();
    f.write(
        "content/legal/visa.it.md",
        &it.replace("Passaporto", "Passaporto valido"),
    );
    f.write(
        "locales/ar/main.ftl",
        "skip-link = انتقل\nonly-here = إضافي\nfallback-notice = هذا الدليل غير متوفر.\n",
    );
    let s = status_json(&f);
    let ar = language(&s, "ar");
    // Unstamped translations count as stale too; the stamped visa page is stale because its source changed.
    let stale: Vec<&str> = ar["pages_stale"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["file"].as_str().unwrap())
        .collect();
    assert!(stale.contains(&"content/legal/visa.ar.md"), "{stale:?}");
    assert!(
        stale.contains(&"content/_index.ar.md"),
        "never stamped: {stale:?}"
    );
    assert_eq!(ar["keys_extra"], serde_json::json!(["only-here"]));
    assert_eq!(
        ar["variables_missing"]["fallback-notice"],
        serde_json::json!(["$language"])
    );
    assert!(ar["keys_missing"]
        .as_array()
        .unwrap()
        .iter()
        .any(|k| k == "step-of"));
    // The visa page in Arabic is stale; arrival and the school pages are missing.
    let missing: Vec<&str> = ar["pages_missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        missing,
        [
            "content/legal/arrival.ar.md",
            "content/school/_index.ar.md",
            "content/school/enrol.ar.md"
        ]
    );
    assert!(ar["complete"].as_f64().unwrap() < 50.0);
    // Text and HTML reports; --strict fails.
    let text = String::from_utf8_lossy(&approdo(&["i18n", "status"], f.root()).stdout).into_owned();
    assert!(
        text.contains("update content/legal/visa.ar.md from content/legal/visa.it.md"),
        "{text}"
    );
    let html =
        String::from_utf8_lossy(&approdo(&["i18n", "status", "--format", "html"], f.root()).stdout)
            .into_owned();
    assert!(
        html.contains(
            "<a href=\"content/legal/visa.ar.md\"><code>content/legal/visa.ar.md</code></a>"
        ),
        "{html}"
    );
    assert_eq!(
        approdo(&["i18n", "status", "--strict"], f.root())
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn fluent_syntax_errors_are_reported_at_their_line() {
    let f = Fixture::new();
    f.write(
        "locales/ar/main.ftl",
        "skip-link = ok\n\nbroken = { $n ->\n  [one] x\n}\n",
    );
    let out = approdo(&["i18n", "status"], f.root());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(err.matches("Fluent syntax error").count(), 1, "{err}");
    assert!(err.contains("locales/ar/main.ftl:5:1"), "{err}");
}

#[test]
fn scaffold_creates_drafts_and_commented_strings() {
    let f = Fixture::new();
    scaffold_ok(&f, "zh");
    let draft = std::fs::read_to_string(f.root().join("content/legal/visa.zh.md")).unwrap();
    assert!(
        draft.contains("title: \"Il visto\"")
            && draft.contains("draft: true")
            && draft.contains("step: 1"),
        "{draft}"
    );
    assert!(
        draft.contains("## Documenti {#documents}"),
        "the source text to translate: {draft}"
    );
    let ftl = std::fs::read_to_string(f.root().join("locales/zh/main.ftl")).unwrap();
    assert!(
        ftl.contains("# step-of = Passo { $current } di { $total }"),
        "{ftl}"
    );
    // Drafts are not published and still count as missing; the site still builds.
    f.build().unwrap();
    assert!(f
        .html("zh/legal/visa/index.html")
        .root_element()
        .html()
        .contains("noindex"));
    let s = status_json(&f);
    let zh = language(&s, "zh");
    assert!(zh["pages_missing"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["file"] == "content/legal/visa.zh.md"));
}

#[test]
fn init_creates_a_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("new-site");
    let out = Command::new(env!("CARGO_BIN_EXE_approdo"))
        .arg("init")
        .arg(&site)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut report =
        approdo::build(&approdo::BuildOptions::new(&site)).unwrap_or_else(|e| panic!("{}", e.0));
    report.cleanup.wait();
    assert_eq!(
        report.pages(),
        6,
        "home, section and guide in two languages"
    );
    assert!(report.warnings.is_empty(), "{}", report.warnings);
    assert_eq!(
        approdo(&["check", "--strict"], &site).status.code(),
        Some(0)
    );
    // A second init into the same folder is refused.
    let again = Command::new(env!("CARGO_BIN_EXE_approdo"))
        .arg("init")
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
}

#[test]
fn the_default_site_passes_strict_checks_and_is_fully_translated() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = approdo(&["check", "--strict"], root);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let out = approdo(&["i18n", "status", "--strict", "--format", "json"], root);
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{s:#}");
    for l in s["languages"].as_array().unwrap() {
        assert_eq!(l["complete"], 100.0, "{}", l["code"]);
    }
}

/// Sub-folders of `locales/<lang>/` are read by the build; the translation tools read the same
/// files, so a key kept in `guides/steps.ftl` is present for `i18n status` and copied by
/// `i18n scaffold` from there.
#[test]
fn i18n_status_and_scaffold_read_locale_sub_folders() {
    let f = Fixture::new();
    f.write(
        "locales/it/guides/steps.ftl",
        "guide-steps = Passi della guida: { $count }\n    .title = Tutti i passi\n",
    );
    f.write(
        "locales/ar/guides/steps.ftl",
        "guide-steps = خطوات الدليل: { $count }\n    .title = كل الخطوات\nstep-of = الخطوة { $current } من { $total }\n",
    );
    let s = status_json(&f);
    let has =
        |list: &serde_json::Value, key: &str| list.as_array().unwrap().iter().any(|k| k == key);
    let ar = language(&s, "ar");
    // `step-of` is in the source's main.ftl and in Arabic's guides/steps.ftl: the build uses it.
    assert!(!has(&ar["keys_missing"], "step-of"), "{ar:#}");
    assert!(!has(&ar["keys_missing"], "guide-steps"), "{ar:#}");
    assert!(!has(&ar["keys_missing"], "guide-steps.title"), "{ar:#}");
    assert!(!has(&ar["keys_extra"], "guide-steps"), "{ar:#}");
    assert!(has(&language(&s, "zh")["keys_missing"], "guide-steps"));
    scaffold_ok(&f, "zh");
    let ftl = std::fs::read_to_string(f.root().join("locales/zh/guides/steps.ftl"))
        .unwrap_or_else(|e| panic!("the entry goes beside the source's own file: {e}"));
    assert!(
        ftl.contains(
            "# guide-steps = Passi della guida: { $count }\n#     .title = Tutti i passi\n"
        ),
        "{ftl}"
    );
    assert_eq!(
        ftl.matches("guide-steps =").count(),
        1,
        "once per message: {ftl}"
    );
}

/// A title YAML would misread unquoted (`: `, `#`, quotes) and characters YAML 1.1 takes as line
/// breaks (U+0085, U+2028) come back unchanged from a scaffolded draft.
#[test]
fn a_scaffolded_draft_keeps_a_title_with_yaml_punctuation() {
    let f = Fixture::new();
    let title = "Visto: \"tipo D\" #1 \\ l'arrivo\u{2028}seconda riga\u{85}fine";
    f.write(
        "content/legal/visa.it.md",
        &format!(
            "---\ntitle: {}\nstep: 1\n---\n## Documenti {{#documents}}\n",
            serde_json::to_string(title)
                .unwrap()
                .replace('\u{2028}', "\\u2028")
                .replace('\u{85}', "\\u0085")
        ),
    );
    assert_eq!(f.doc("visa.it.md").front.title, title, "the fixture itself");
    scaffold_ok(&f, "zh");
    let draft = std::fs::read_to_string(f.root().join("content/legal/visa.zh.md")).unwrap();
    let split = approdo::content::frontmatter::split_front_matter(&draft).unwrap();
    let front = approdo::content::frontmatter::parse_front_matter(&split)
        .unwrap_or_else(|e| panic!("{}: {draft}", e.message));
    assert_eq!(front.title, title, "{draft}");
    assert!(front.draft && front.step == Some(1), "{draft}");
}

/// The HTML report is the theme's `i18n-status.html`, or the default theme's when the site's
/// theme has none; names from files are text, never markup.
#[test]
fn i18n_status_html_comes_from_the_theme_template_and_is_escaped() {
    let f = Fixture::new();
    f.write(
        "content/school/l'iscrizione.it.md",
        "---\ntitle: \"Prova\"\n---\nTesto.\n",
    );
    let html = |f: &Fixture| {
        let out = approdo(&["i18n", "status", "--format", "html"], f.root());
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let default = html(&f);
    assert!(default.contains("<html lang=\"en\">"), "{default}");
    assert!(default.contains("<caption>"), "{default}");
    assert!(default.contains("<th scope=\"col\">"), "{default}");
    assert!(
        default.contains(
            "<a href=\"content/school/l%27iscrizione.it.md\"><code>content/school/l&apos;iscrizione.it.md</code></a>"
        ),
        "{default}"
    );
    // The site's theme can restyle the report.
    f.write(
        "themes/default/templates/i18n-status.html",
        "<p>{{ source_language }}: {% for l in languages %}{{ l.code }} {% endfor %}</p>\n",
    );
    assert_eq!(html(&f), "<p>it: en ar zh </p>\n");
    // Without the template, the default theme's copy built into approdo.
    f.remove("themes/default/templates/i18n-status.html");
    assert_eq!(html(&f), default);
}

/// "My journey" keeps ticks by item position: a translation whose checklist lost an item is
/// reported where its checklist starts, and a translation with the same items is not.
#[test]
fn a_translated_checklist_with_other_items_is_a_warning() {
    let f = Fixture::new();
    // The fixture's Italian visa page has one item; the English one gets two.
    f.write(
        "content/legal/visa.en.md",
        "---\ntitle: \"The visa\"\nstep: 1\n---\n## Documents {#documents}\n\n- [ ] Passport\n- [ ] Photo\n",
    );
    let (_, json) = check_json(&f);
    let warnings: Vec<_> = found(&json, "warning")
        .into_iter()
        .filter(|w| w.2.contains("checklists"))
        .collect();
    assert_eq!(
        warnings,
        [(
            "content/legal/visa.en.md".to_string(),
            7,
            "this page's checklists have 2 items, the source page's (content/legal/visa.it.md) 1"
                .to_string()
        )]
    );
    let codes: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(codes.contains(&"checklist-mismatch"), "{codes:?}");
    f.write(
        "content/legal/visa.en.md",
        "---\ntitle: \"The visa\"\nstep: 1\n---\n- [ ] Passport\n",
    );
    let (_, json) = check_json(&f);
    assert!(!found(&json, "warning")
        .iter()
        .any(|w| w.2.contains("checklists")));
}
