//! Hugo's shortcode syntax in a site's pages: `{{< note >}}…{{< /note >}}` with the site's own
//! template, `ref`/`relref` links, the built-in figure/details/highlight, unknown names, and the
//! raw-HTML policy inside a shortcode's body.

mod common;

use approdo::error::Code;
use common::{attr, select, text, Fixture};

const NOTE: &str =
    "<div class=\"note\" role=\"note\"><p class=\"note-label\">Nota</p>{{ body | safe }}</div>\n";

/// Adds `extra` to the fixture's `site.toml`; returns the line `extra` starts at.
fn add_to_site_toml(f: &Fixture, extra: &str) -> usize {
    let toml = std::fs::read_to_string(f.root().join("site.toml")).expect("site.toml");
    f.write("site.toml", &format!("{toml}\n{extra}"));
    toml.lines().count() + 2
}

fn page(body: &str) -> String {
    format!("---\ntitle: \"Il visto\"\nstep: 1\n---\n{body}")
}

#[test]
fn a_paired_call_renders_its_markdown_body_in_the_sites_template() {
    let f = Fixture::new();
    f.write("themes/default/templates/shortcodes/note.html", NOTE);
    f.write(
        "content/legal/visa.it.md",
        &page("Prima.\n{{< note >}}**Attenzione**{{< /note >}}\n\n{{% note %}}\nUno\n\nDue [scuola](../school/enrol.md)\n{{% /note %}}\nDopo.\n"),
    );
    f.build().unwrap();
    let it = f.html("it/legal/visa/index.html");
    let notes = select(&it, ".content .note");
    assert_eq!(notes.len(), 2, "{}", f.read("it/legal/visa/index.html"));
    assert_eq!(text(&it, ".note strong"), "Attenzione");
    assert_eq!(
        select(&it, ".note p").len(),
        1 + 3,
        "inner paragraphs stay paragraphs"
    );
    assert_eq!(
        attr(&it, ".note a", "href").as_deref(),
        Some("/it/school/enrol/")
    );
    assert!(text(&it, ".content").contains("Dopo."));
    assert!(!f.read("it/legal/visa/index.html").contains('\u{E000}'));
}

#[test]
fn a_ref_on_a_fallback_page_links_within_the_readers_language() {
    let f = Fixture::new();
    f.write(
        "content/legal/arrival.it.md",
        "---\ntitle: \"L'arrivo\"\nstep: 2\n---\nVedi [iscrizione]({{< ref \"school/enrol.md\" >}}) e [visto]({{< relref \"visa\" >}}).\n",
    );
    f.build().unwrap();
    let ar = f.html("ar/legal/arrival/index.html");
    let hrefs: Vec<String> = select(&ar, ".content a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    assert!(
        hrefs.contains(&"/ar/school/enrol/".to_string()),
        "{hrefs:?}"
    );
    assert!(
        hrefs
            .iter()
            .any(|h| h.starts_with("/ar/legal/") && h != "/ar/legal/"),
        "{hrefs:?}"
    );
}

#[test]
fn a_ref_to_a_missing_page_is_a_link_error_at_its_line() {
    let f = Fixture::new();
    f.write(
        "content/legal/arrival.it.md",
        "---\ntitle: \"L'arrivo\"\nstep: 2\n---\nTesto.\n[x]({{< ref \"school/nowhere.md\" >}})\n",
    );
    let err = f.build_err();
    assert!(err.contains("content/legal/arrival.it.md:6"), "{err}");
    assert!(err.contains("nowhere"), "{err}");
}

#[test]
fn figure_details_and_highlight_render_as_hugo_documents_them() {
    let f = Fixture::new();
    f.write_bytes("content/legal/map.png", b"\x89PNG\r\n\x1a\n");
    f.write(
        "content/legal/visa.it.md",
        &page("{{< figure src=\"/legal/map.png\" alt=\"Mappa\" caption=\"La questura\" >}}\n\n{{< details summary=\"Di più\" >}}\nTesto *nascosto*.\n{{< /details >}}\n\n{{< highlight rust >}}\nfn main() { let a = 1 < 2; }\n# no heading\n{{< /highlight >}}\n"),
    );
    f.build().unwrap();
    let html = f.read("it/legal/visa/index.html");
    let it = f.html("it/legal/visa/index.html");
    assert_eq!(attr(&it, "figure img", "alt").as_deref(), Some("Mappa"));
    assert_eq!(
        attr(&it, "figure img", "src").as_deref(),
        Some("/legal/map.png")
    );
    assert_eq!(text(&it, "figure figcaption"), "La questura");
    assert_eq!(text(&it, "details summary"), "Di più");
    assert_eq!(text(&it, "details em"), "nascosto");
    assert_eq!(
        attr(&it, "pre code", "class").as_deref(),
        Some("language-rust")
    );
    assert_eq!(
        text(&it, "pre code"),
        "fn main() { let a = 1 < 2; }\n# no heading"
    );
    assert!(
        select(&it, ".content h1").is_empty(),
        "code is not Markdown"
    );
    assert!(
        !html.contains("style="),
        "no inline style under the theme's CSP"
    );
}

#[test]
fn an_unknown_shortcode_is_an_error_with_its_code() {
    let f = Fixture::new();
    f.write(
        "content/legal/visa.en.md",
        "---\ntitle: \"x\"\nstep: 1\n---\nText.\n\n{{< warning >}}Careful{{< /warning >}}\n",
    );
    let err = f.build_err();
    assert!(err.contains("content/legal/visa.en.md:7"), "{err}");
    assert!(err.contains("there is no shortcode `warning`"), "{err}");
}

#[test]
fn under_warn_an_unknown_shortcode_keeps_its_inner_text() {
    let f = Fixture::new();
    add_to_site_toml(&f, "[shortcodes]\nunknown = \"warn\"\n");
    f.write(
        "content/legal/visa.en.md",
        "---\ntitle: \"x\"\nstep: 1\n---\nText.\n\n{{< warning >}}\n**Careful** now\n{{< /warning >}}\nA {{< glossary_tooltip text=\"Pods\" term_id=\"pod\" >}} here.\n",
    );
    let report = f.build().unwrap();
    let warnings: Vec<_> = report
        .warnings
        .warnings()
        .filter(|d| d.code == Some(Code::UnknownShortcode))
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert_eq!(warnings[0].line, Some(7));
    assert_eq!(warnings[0].subject.as_deref(), Some("warning"));
    assert_eq!(warnings[1].line, Some(10));
    let en = f.html("en/legal/visa/index.html");
    assert_eq!(text(&en, ".content strong"), "Careful");
    assert!(text(&en, ".content").contains("A  here."));
}

#[test]
fn a_bad_unknown_policy_is_an_error_at_its_line() {
    let f = Fixture::new();
    let line = add_to_site_toml(&f, "[shortcodes]\nunknown = \"ignore\"\n") + 1;
    let err = f.build_err();
    assert!(err.contains(&format!("site.toml:{line}")), "{err}");
}

#[test]
fn a_script_inside_a_shortcode_body_is_removed_by_the_sanitizer() {
    let f = Fixture::new();
    f.write("themes/default/templates/shortcodes/note.html", NOTE);
    f.write(
        "content/legal/visa.it.md",
        &page("{{< note >}}\nCiao <script>alert(1)</script> <b onclick=\"x()\">a</b>\n{{< /note >}}\n"),
    );
    let report = f.build().unwrap();
    let html = f.read("it/legal/visa/index.html");
    assert!(
        !html.contains("alert(1)") && !html.contains("onclick"),
        "{html}"
    );
    assert!(html.contains("class=\"note\""), "{html}");
    assert!(report.warnings.warnings().any(|d| d.line == Some(6)));
}

#[test]
fn a_javascript_link_in_a_shortcode_argument_is_refused() {
    let f = Fixture::new();
    f.write(
        "content/legal/visa.it.md",
        &page("{{< figure src=\"/x.png\" link=\"javascript:alert(1)\" >}}\n"),
    );
    let err = f.build_err();
    assert!(err.contains("javascript:"), "{err}");
}

#[test]
fn unclosed_and_stray_tags_are_errors_at_their_line() {
    let f = Fixture::new();
    f.write(
        "content/legal/visa.it.md",
        &page("{{< details >}}\nTesto\n\n{{< /note >}}\n{{< x \"a >}}\n"),
    );
    let err = f.build_err();
    for expected in [
        "visa.it.md:5:1: `{{< details >}}` is never closed",
        "visa.it.md:8:1: `{{< /note >}}` closes nothing",
        "visa.it.md:9:1: a quoted argument of `x` is not closed",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
}

#[test]
fn hugo_tags_in_code_and_escaped_tags_are_shown_as_written() {
    let f = Fixture::new();
    f.write(
        "content/legal/visa.it.md",
        &page("Scrivi `{{< note >}}`.\n\n```\n{{< note >}}\n```\n\n{{</* note */>}}\n"),
    );
    f.build().unwrap();
    let it = f.html("it/legal/visa/index.html");
    let content = text(&it, ".content");
    assert_eq!(content.matches("{{< note >}}").count(), 3, "{content}");
}

#[test]
fn a_missing_argument_is_named_in_hugos_syntax() {
    let f = Fixture::new();
    f.write(
        "content/legal/visa.it.md",
        &page("Testo.\n{{< figure alt=\"x\" >}}\n"),
    );
    let err = f.build_err();
    assert!(err.contains("visa.it.md:6"), "{err}");
    assert!(
        err.contains("needs `src=`") && err.contains("it gives: alt)"),
        "{err}"
    );
    assert!(err.contains("{{< figure src=\"…\" >}}"), "{err}");
}
