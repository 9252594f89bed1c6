//! Property tests (proptest) for the parsers that read what editors write. The properties live in
//! `approdo::invariants`, shared with the cargo-fuzz targets under `fuzz/`; case counts are bounded
//! so `cargo test` stays quick. Crashes the fuzzers found are pinned at the bottom as regressions.

use approdo::config::RawHtml;
use approdo::invariants;
use proptest::prelude::*;

/// Markdown-ish text: the constructs that interact (HTML, links, emphasis, headings, lists, tables,
/// front-matter fences) mixed with Arabic, Chinese and bidi controls.
fn markdownish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "<",
        ">",
        "</",
        "<script>",
        "</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"",
        "javascript:",
        "java\tscript:",
        "data:text/html,",
        "data:image/png,",
        "<span lang=\"ar\">",
        "</span>",
        "<div>",
        "</div>",
        "<!--",
        "-->",
        "<details open>",
        "<svg onload=x>",
        "<iframe>",
        "\"",
        "'",
        "=",
        "&",
        "&#106;",
        "&colon;",
        "[",
        "](",
        ")",
        "![",
        "*",
        "_",
        "`",
        "```",
        "#",
        "## ",
        "{#",
        "}",
        "{.x onclick=y}",
        "- ",
        "1. ",
        "- [ ] ",
        "> ",
        "|",
        "|---|",
        "\n",
        "\n\n",
        "    ",
        "\\",
        "approdo:page/1",
        "+39 02 1234 5678",
        "نولا أوستا",
        "每个月都",
        "\u{202E}",
        "\u{2028}",
        "\u{E000}",
        "Nulla Osta",
        " ",
        "[^1]",
        "[^1]: n",
        "<https://x.example>",
        "<mailto:a@b>",
        "<abbr title=\"x\">",
        "</abbr>",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

/// Text with shortcode calls in both syntaxes, whole and in pieces: tags, quotes, escapes, code.
fn shortcodeish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "{{< note >}}",
        "{{< /note >}}",
        "{{% details summary=\"x\" %}}",
        "{{% /details %}}",
        "{{< highlight go >}}",
        "{{< /highlight >}}",
        "{{< ref \"a.md\" >}}",
        "{{< figure src=\"/x.png\" />}}",
        "{{</* note */>}}",
        "{{ contact(office=\"q\") }}",
        "{{<",
        "{{%",
        ">}}",
        "%}}",
        "/>}}",
        "{{",
        "}}",
        "\"",
        "`",
        "```",
        "<!--",
        "-->",
        "<script>",
        "=",
        " ",
        "\n",
        "\n\n",
        "  ",
        "- ",
        "نص",
        "\u{E000}",
        "x",
    ]);
    prop::collection::vec(pieces, 0..30).prop_map(|v| v.concat())
}

fn mode() -> impl Strategy<Value = RawHtml> {
    prop_oneof![Just(RawHtml::Sanitize), Just(RawHtml::Escape)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn markdown_never_emits_markup_outside_the_allowlist(md in markdownish(), rtl: bool, mode in mode()) {
        if let Err(e) = invariants::markdown_output_is_inert(&md, rtl, mode) {
            return Err(TestCaseError::fail(format!("{e}\ninput: {md:?}")));
        }
    }

    #[test]
    fn markdown_of_any_text_is_inert(md in "\\PC{0,200}", mode in mode()) {
        if let Err(e) = invariants::markdown_output_is_inert(&md, false, mode) {
            return Err(TestCaseError::fail(format!("{e}\ninput: {md:?}")));
        }
    }

    #[test]
    fn shortcode_calls_keep_lines_and_stay_inert(text in shortcodeish()) {
        if let Err(e) = invariants::shortcode_extract_keeps_lines(&text) {
            prop_assert!(false, "{e}\ninput: {text:?}");
        }
    }

    #[test]
    fn shortcode_parser_survives_any_text(text in "\\PC{0,120}") {
        if let Err(e) = invariants::shortcode_extract_keeps_lines(&text) {
            prop_assert!(false, "{e}\ninput: {text:?}");
        }
    }

    #[test]
    fn front_matter_split_is_consistent(
        head in prop::sample::select(vec!["---\n", "\u{feff}---\n", "---  \n", "--\n", ""]),
        yaml in "(title: [a-zA-Z\"':&*!|>-]{0,12}\n|  - x\n|&a [x]\n|b: *a\n|---\n|\n){0,8}",
        body in "\\PC{0,80}",
    ) {
        let text = format!("{head}{yaml}{body}");
        if let Err(e) = invariants::front_matter_split_is_consistent(&text) {
            return Err(TestCaseError::fail(format!("{e}\ninput: {text:?}")));
        }
    }

    #[test]
    fn heading_ids_are_clean(text in "\\PC{0,60}") {
        prop_assert!(invariants::heading_id_is_clean(&text).is_ok(), "{:?}", invariants::heading_id_is_clean(&text));
    }

    #[test]
    fn routes_stay_inside_the_output_folder(
        lang in "[a-z]{2}|\\.\\.|/|[a-z]{2}/\\.\\.",
        folders in prop::collection::vec("[a-z0-9./\\\\:-]{0,6}|\\.\\.|\\PC{1,4}", 0..4),
        slug in "[a-z0-9./\\\\:-]{0,8}|\\.\\.|CON|nul|\\PC{1,4}",
    ) {
        let folders: Vec<&str> = folders.iter().map(String::as_str).collect();
        if let Err(e) = invariants::route_stays_inside(&lang, &folders, &slug) {
            return Err(TestCaseError::fail(e));
        }
    }

    #[test]
    fn preview_requests_always_get_a_safe_answer(
        method in prop::sample::select(vec!["GET", "HEAD", "POST", "get"]),
        parts in prop::collection::vec(
            prop::sample::select(vec![
                "/", "it", "ar", "zh", "legal", "صفحة", "学校", "%D8%B5%D9%81%D8%AD%D8%A9",
                "%E5%AD%A6%E6%A0%A1", "..", ".", "%2e%2e", "%2F", "%5c", "\\", "%00", "%0d%0a",
                "%", "%zz", "%C0%AF", "?", "?q=学 校", "#x", "index.html", "search", "index.json",
                "\u{0}", "\u{202e}", "//",
            ]),
            0..10,
        ),
        noise in "\\PC{0,6}",
    ) {
        let url = format!("/{}{noise}", parts.join(""));
        if let Err(e) = invariants::preview_answer_is_safe(method, &url) {
            return Err(TestCaseError::fail(format!("{e}\nrequest: {method} {url:?}")));
        }
    }
}

/// Every redirect of a page with a non-ASCII slug, typed without its slash, with and without a
/// query string: once a panic that killed a request thread each.
#[test]
fn regression_non_ascii_redirects() {
    for url in [
        "/ar/legal/%D8%B5%D9%81%D8%AD%D8%A9",
        "/ar/legal/صفحة",
        "/zh/学校?q=1",
        "/zh/%E5%AD%A6%E6%A0%A1?q=%E5%AD%A6",
    ] {
        invariants::preview_answer_is_safe("GET", url).unwrap();
    }
}

#[test]
fn known_hostile_names_are_refused() {
    for name in [
        "..", ".", "", "a/b", "a\\b", "con", "NUL", "x\0y", "a:b", "é\u{7}",
    ] {
        invariants::route_stays_inside("it", &[name], "page").unwrap();
        invariants::route_stays_inside("it", &[], name).unwrap();
        assert!(
            approdo::content::check_segment(name).is_err(),
            "{name:?} accepted"
        );
    }
}

/// Found by `fuzz/run.sh front_matter`: a file ending in `---` with no newline after it.
#[test]
fn regression_front_matter_closed_at_end_of_file() {
    let text = "---\ntitle: \"Dinero y cuentas\"\nweight: 30\n---";
    invariants::front_matter_split_is_consistent(text).unwrap();
    let split = approdo::content::frontmatter::split_front_matter(text).unwrap();
    assert_eq!(split.body, "");
    assert_eq!(split.matter, "title: \"Dinero y cuentas\"\nweight: 30\n");
}
