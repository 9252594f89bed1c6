//! Summarised diagnostics (issue #18): a site written for another generator gives thousands of
//! diagnostics of a few kinds; the terminal shows the first of each kind in full and counts the
//! rest, `--verbose` prints every one, and `check --format json` lists every one with its code.

mod common;

use std::process::{Command, Output};

const PAGES: usize = 300;

fn approdo(f: &common::Fixture, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_approdo"))
        .args(args)
        .arg("--root")
        .arg(f.root())
        .output()
        .unwrap()
}

/// stdout and stderr together, as a terminal shows them.
fn printed(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    )
}

/// The fixture site with `PAGES` more Italian pages, each with `body`.
fn site_with_pages(body: &str) -> common::Fixture {
    let f = common::Fixture::new();
    f.write(
        "content/notes/_index.it.md",
        "---\ntitle: \"Note\"\n---\nIntro.\n",
    );
    for i in 0..PAGES {
        f.write(
            &format!("content/notes/p{i:03}.it.md"),
            &format!("---\ntitle: \"Pagina {i}\"\n---\nTesto della pagina.\n\n{body}\n"),
        );
    }
    f
}

/// Each page wraps a paragraph in `<Note>`, a tag of another generator that the default
/// `sanitize` policy removes (keeping its text): one warning per page.
fn site_with_removed_tags() -> common::Fixture {
    site_with_pages("<Note>Portare il passaporto.</Note>")
}

const REMOVED: &str =
    "`<Note>` is a component of another generator, not HTML: it is removed (its text is kept)";
const REMOVED_MORE: &str = "warning[raw-html-removed]: 297 more in 297 files (one in each)";

/// A screenful: `message` three times in full, then `summary_line` counting the rest.
fn assert_summarised(text: &str, message: &str, summary_line: &str) {
    let lines = text.lines().count();
    assert!(lines < 60, "{lines} lines:\n{text}");
    assert_eq!(text.matches(message).count(), 3, "{text}");
    assert!(text.contains(summary_line), "{text}");
}

#[test]
fn build_summarises_a_repeated_warning() {
    let f = site_with_removed_tags();
    let out = approdo(&f, &["build"]);
    let text = printed(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert_summarised(&text, REMOVED, REMOVED_MORE);
    assert!(text.contains("--verbose"), "{text}");
    assert!(text.contains("Built "), "{text}");
}

#[test]
fn build_verbose_prints_every_warning() {
    let f = site_with_removed_tags();
    let out = approdo(&f, &["build", "--verbose"]);
    let text = printed(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert_eq!(text.matches(REMOVED).count(), PAGES, "{text}");
    assert!(!text.contains("more in"), "{text}");
}

#[test]
fn check_summarises_and_verbose_prints_every_warning() {
    let f = site_with_removed_tags();
    let out = approdo(&f, &["check"]);
    let text = printed(&out);
    assert_summarised(&text, REMOVED, REMOVED_MORE);
    // The totals count every one, shown or not.
    let totals = text.lines().last().unwrap_or_default();
    let warnings: usize = totals
        .split(", ")
        .find_map(|part| part.strip_suffix(" warnings"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no totals line: {text}"));
    assert!(warnings >= PAGES, "{totals}");

    let verbose = printed(&approdo(&f, &["check", "-v"]));
    assert_eq!(verbose.matches(REMOVED).count(), PAGES, "{verbose}");
    assert_eq!(verbose.lines().last(), Some(totals));
}

#[test]
fn check_json_lists_every_diagnostic_with_its_code() {
    let f = site_with_removed_tags();
    let out = approdo(&f, &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let removed: Vec<&serde_json::Value> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "raw-html-removed")
        .collect();
    assert_eq!(removed.len(), PAGES);
    assert!(removed
        .iter()
        .all(|d| d["subject"] == "note" && d["message"] == REMOVED && d["severity"] == "warning"));
}

#[test]
fn many_errors_fail_the_build_with_a_summary() {
    let f = site_with_pages("![Il modulo](modulo-mancante.png)");
    let out = approdo(&f, &["build"]);
    let text = printed(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert_summarised(
        &text,
        "modulo-mancante.png` ",
        "error[missing-image]: 297 more in 297 files (one in each)",
    );
    assert!(
        text.contains(&format!("the build failed with {PAGES} errors")),
        "{text}"
    );
    assert!(!f.root().join("public").exists());
}

/// The lint's kinds carry their codes, so the terminal can count them and programs can tell them
/// apart.
#[test]
fn lint_findings_have_codes() {
    let f = common::Fixture::new();
    let long_sentence = "parola ".repeat(60);
    f.write(
        "content/lint.it.md",
        &format!(
            "---\ntitle: \"Lint\"\n---\n## Uno\n\n#### Salto\n\n![](foto.png)\n\n[qui](legal/visa.it.md)\n\n[vai](../legal/)\n\n{long_sentence}.\n"
        ),
    );
    f.write("content/foto.png", "not really a picture");
    let out = approdo(&f, &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == "content/lint.it.md")
        .filter_map(|d| d["code"].as_str())
        .collect();
    for code in [
        "heading-order",
        "missing-alt",
        "vague-link-text",
        "relative-link",
        "long-sentence",
    ] {
        assert!(codes.contains(&code), "{code} not in {codes:?}");
    }
}
