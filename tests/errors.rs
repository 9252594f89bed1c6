//! Every bad input gets a clear error naming the file and line, and the previous output survives.

mod common;

use common::Fixture;

/// Builds once, breaks the site with `breakage`, and checks the failed build's message contains
/// each of `expected` and left `public/` exactly as it was, with no staging folder behind.
fn assert_fails_cleanly(breakage: impl FnOnce(&Fixture), expected: &[&str]) -> String {
    let f = Fixture::new();
    f.build().expect("the fixture builds");
    let before = f.read("it/legal/visa/index.html");
    breakage(&f);
    let msg = f.build_err();
    for e in expected {
        assert!(msg.contains(e), "expected {e:?} in:\n{msg}");
    }
    assert_eq!(
        f.read("it/legal/visa/index.html"),
        before,
        "public/ changed"
    );
    let leftovers: Vec<_> = std::fs::read_dir(f.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging") || n.contains(".old-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    msg
}

#[test]
fn malformed_yaml() {
    assert_fails_cleanly(
        |f| {
            f.write(
                "content/legal/visa.en.md",
                "---\ntitle: \"The visa\nstep: 1\n---\nx\n",
            )
        },
        &["content/legal/visa.en.md:2:8", "quoted scalar", "close it"],
    );
}

#[test]
fn unquoted_colon_in_title_gets_a_hint() {
    let msg = assert_fails_cleanly(
        |f| {
            f.write(
                "content/legal/visa.ar.md",
                "---\ntitle: Visa: les documents\n---\nx\n",
            )
        },
        &["content/legal/visa.ar.md:2:", "must be quoted"],
    );
    assert!(!msg.contains("panicked"));
}

#[test]
fn wrong_type_in_front_matter() {
    assert_fails_cleanly(
        |f| {
            f.write(
                "content/legal/visa.ar.md",
                "---\ntitle: \"x\"\nweight: two\n---\nx\n",
            )
        },
        &[
            "content/legal/visa.ar.md:3:",
            "`weight` must be a whole number",
        ],
    );
}

#[test]
fn unknown_front_matter_key() {
    assert_fails_cleanly(
        |f| {
            f.write(
                "content/legal/visa.ar.md",
                "---\ntitle: \"x\"\nwieght: 2\n---\nx\n",
            )
        },
        &[
            "content/legal/visa.ar.md:3:",
            "unknown field `wieght`",
            "did you mean `weight`?",
        ],
    );
}

#[test]
fn invalid_date() {
    assert_fails_cleanly(
        |f| {
            f.write(
                "content/legal/visa.ar.md",
                "---\ntitle: \"x\"\nupdated: 2026-13-01\n---\nx\n",
            )
        },
        &["content/legal/visa.ar.md:3:", "not a valid date"],
    );
}

#[test]
fn missing_front_matter() {
    assert_fails_cleanly(
        |f| f.write("content/legal/visa.ar.md", "# Title\n\ntext\n"),
        &[
            "content/legal/visa.ar.md:1:1",
            "does not start with front matter",
        ],
    );
}

#[test]
fn invalid_utf8() {
    assert_fails_cleanly(
        |f| {
            f.write_bytes(
                "content/legal/visa.ar.md",
                b"---\ntitle: \"x\"\n---\nok\nbad \xff\xfe here\n",
            )
        },
        &["content/legal/visa.ar.md:5:5", "not valid UTF-8"],
    );
}

#[test]
fn unknown_language_suffix() {
    assert_fails_cleanly(
        |f| {
            f.write(
                "content/legal/visa.de.md",
                "---\ntitle: \"Visum\"\n---\nx\n",
            )
        },
        &[
            "content/legal/visa.de.md",
            "`de` in the file name is not a configured language",
        ],
    );
}

#[test]
fn duplicate_page_in_one_language() {
    assert_fails_cleanly(
        |f| {
            f.write(
                "content/legal/visto.en.md",
                "---\ntitle: \"Visa again\"\ntranslation_key: visa\n---\nx\n",
            )
        },
        &[
            "content/legal/visa.en.md",
            "content/legal/visto.en.md",
            "second `en` version",
        ],
    );
}

#[test]
fn two_pages_on_one_url() {
    assert_fails_cleanly(
        |f| {
            f.write(
                "content/legal/visa/_index.it.md",
                "---\ntitle: \"Sub\"\n---\nx\n",
            );
        },
        &["would both be published at /it/legal/visa/"],
    );
}

#[test]
fn section_without_index() {
    assert_fails_cleanly(
        |f| {
            f.write(
                "content/money/bank.it.md",
                "---\ntitle: \"Banca\"\n---\nx\n",
            )
        },
        &[
            "content/money/ has no _index.<lang>.md",
            "content/money/_index.it.md",
        ],
    );
}

#[test]
fn unsafe_file_name() {
    assert_fails_cleanly(
        |f| f.write("content/legal/my visa.it.md", "---\ntitle: \"x\"\n---\nx\n"),
        &["content/legal/my visa.it.md", "not allowed in URLs"],
    );
}

#[test]
fn broken_markdown_link() {
    assert_fails_cleanly(
        |f| {
            f.write(
                "content/legal/visa.en.md",
                "---\ntitle: \"x\"\n---\n\nSee [the school](../school/enrolment.md).\n",
            )
        },
        &[
            "content/legal/visa.en.md:5:5",
            "content/school/enrolment.<lang>.md, which does not exist",
        ],
    );
}

#[test]
fn script_link() {
    assert_fails_cleanly(
        |f| {
            f.write(
                "content/legal/visa.en.md",
                "---\ntitle: \"x\"\n---\n[a](javascript:alert(1))\n",
            )
        },
        &[
            "content/legal/visa.en.md:4:1",
            "`javascript:` URLs are not allowed",
        ],
    );
}

#[test]
fn template_syntax_error() {
    assert_fails_cleanly(
        |f| {
            let p = "themes/default/templates/page.html";
            let src = std::fs::read_to_string(f.root().join(p)).unwrap();
            f.write(
                p,
                &src.replacen("{% block main %}", "{% block main %}\n{% if %}", 1),
            );
        },
        &[
            "themes/default/templates/page.html:",
            "template syntax error",
        ],
    );
}

#[test]
fn missing_template() {
    assert_fails_cleanly(
        |f| f.remove("themes/default/templates/section.html"),
        &[
            "themes/default/templates/section.html",
            "has no template section.html",
        ],
    );
}

#[test]
fn template_uses_an_undefined_ui_string() {
    let msg = assert_fails_cleanly(
        |f| {
            let p = "themes/default/templates/404.html";
            let src = std::fs::read_to_string(f.root().join(p)).unwrap();
            f.write(
                p,
                &src.replace(
                    "{% block main %}",
                    "{% block main %}\n{{ t(key=\"no-such-key\") }}",
                ),
            );
        },
        &["themes/default/templates/404.html:4:4", "`no-such-key`"],
    );
    assert!(msg.contains("defined in no locales"), "{msg}");
}

#[test]
fn template_render_error_names_template_and_page() {
    assert_fails_cleanly(
        |f| {
            let p = "themes/default/templates/page.html";
            let src = std::fs::read_to_string(f.root().join(p)).unwrap();
            f.write(
                p,
                &src.replacen(
                    "{{ page.title }}</h1>",
                    "{{ page.nonexistent.field }}</h1>",
                    1,
                ),
            );
        },
        &[
            "themes/default/templates/page.html",
            "cannot render content/legal/",
        ],
    );
}

#[test]
fn fluent_syntax_error() {
    assert_fails_cleanly(
        |f| {
            f.write(
                "locales/ar/main.ftl",
                "skip-link = ok\nbroken = { $n ->\n  [one] x\n}\n",
            )
        },
        &["locales/ar/main.ftl:", "Fluent syntax error"],
    );
}

#[test]
fn fluent_key_defined_twice() {
    assert_fails_cleanly(
        |f| f.write("locales/ar/extra.ftl", "skip-link = again\n"),
        &[
            "locales/ar/main.ftl:1:1",
            "`skip-link` is defined twice",
            "locales/ar/extra.ftl",
        ],
    );
}

#[test]
fn unknown_fallback_language_in_config() {
    assert_fails_cleanly(
        |f| {
            let s = common::SITE_TOML.replace("fallback = [\"en\", \"it\"]\n\"#", "");
            let s = s.replacen("fallback = [\"it\"]", "fallback = [\"de\"]", 1);
            f.write("site.toml", &s);
        },
        &["site.toml:", "falls back to `de`"],
    );
}

#[test]
fn all_errors_of_a_build_are_reported_together() {
    let msg = assert_fails_cleanly(
        |f| {
            f.write(
                "content/legal/visa.ar.md",
                "---\ntitle: \"x\"\nweight: two\n---\nx\n",
            );
            f.write(
                "content/legal/visa.en.md",
                "---\ntitle: \"x\"\nfoo: 1\n---\nx\n",
            );
            f.write("locales/ar/main.ftl", "= broken\n");
        },
        &["visa.ar.md:3", "visa.en.md:3", "locales/ar/main.ftl:1"],
    );
    assert_eq!(
        msg.lines().filter(|l| l.starts_with("error:")).count(),
        3,
        "{msg}"
    );
}

#[test]
fn output_folder_not_made_by_approdo_is_never_replaced() {
    let f = Fixture::new();
    f.write("public/thesis.docx", "precious");
    let msg = f.build_err();
    assert!(
        msg.contains("not empty and was not created by approdo"),
        "{msg}"
    );
    assert_eq!(
        std::fs::read_to_string(f.root().join("public/thesis.docx")).unwrap(),
        "precious"
    );
}

#[test]
fn output_inside_content_is_refused() {
    let f = Fixture::new();
    let mut opts = approdo::BuildOptions::new(f.root());
    opts.output = Some(f.root().join("content/out"));
    let err = approdo::build(&opts).unwrap_err();
    assert!(
        err.0
            .to_string()
            .contains("inside the site's content/ folder"),
        "{}",
        err.0
    );
    let mut opts = approdo::BuildOptions::new(f.root());
    opts.output = Some(f.root().to_path_buf());
    let err = approdo::build(&opts).unwrap_err();
    assert!(
        err.0.to_string().contains("contains the site's own files"),
        "{}",
        err.0
    );
}

#[test]
fn unknown_shortcode() {
    assert_fails_cleanly(
        |f| {
            f.write(
                "content/legal/visa.en.md",
                "---\ntitle: \"x\"\n---\nText.\n\n{{ chart(data=\"x\") }}\n",
            )
        },
        &[
            "content/legal/visa.en.md:6:1",
            "there is no shortcode `chart`",
            "contact, figures",
        ],
    );
}

#[test]
fn malformed_shortcode() {
    assert_fails_cleanly(
        |f| {
            f.write(
                "content/legal/visa.en.md",
                "---\ntitle: \"x\"\n---\n{{ figures(data=nothing) }}\n",
            )
        },
        &["content/legal/visa.en.md:4:1", "quote text"],
    );
}

#[test]
fn shortcode_with_missing_data() {
    assert_fails_cleanly(
        |f| {
            f.write(
                "content/legal/visa.en.md",
                "---\ntitle: \"x\"\n---\n\n{{ figures(data=\"nothing\") }}\n",
            )
        },
        &[
            "content/legal/visa.en.md:5:1",
            "shortcode `figures`",
            "no data file data/nothing.yaml",
        ],
    );
}

#[test]
fn contact_card_for_an_unknown_office() {
    assert_fails_cleanly(
        |f| {
            f.write("data/offices.yaml", "offices:\n  - id: questura\n    name: \"Questura\"\n    website: \"https://example.org\"\n    what:\n      it: \"Permessi.\"\n");
            f.write(
                "content/legal/visa.en.md",
                "---\ntitle: \"x\"\n---\n\n{{ contact(office=\"prefettura\") }}\n",
            );
        },
        &[
            "content/legal/visa.en.md:5:1",
            "no office with id `prefettura`",
        ],
    );
}

#[test]
fn malformed_data_file() {
    assert_fails_cleanly(
        |f| {
            f.write(
                "data/offices.yaml",
                "offices:\n  - id: \"questura\n    name: x\n",
            )
        },
        &["data/offices.yaml:2:", "data file"],
    );
}
