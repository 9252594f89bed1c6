//! Every bad input gets a clear error naming the file and line, and the previous output survives.

mod common;

use common::Fixture;

/// Staging and old folders beside the output (a build must never leave any behind).
fn leftovers(f: &Fixture) -> Vec<String> {
    std::fs::read_dir(f.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.staging") || n.starts_with(".public.old"))
        .collect()
}

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
    let leftovers = leftovers(&f);
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
            "unknown key `wieght`",
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
                "---\ntitle: \"x\"\nnoindx: true\n---\nx\n",
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
            "contact, details, figure, figures, highlight",
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

// ---- #17: the answers an editor gets on their first day -------------------------------------

#[test]
fn a_missing_image_is_an_error_at_its_line_in_markdown_and_raw_html() {
    let msg = assert_fails_cleanly(
        |f| {
            f.write(
                "content/school/enrol.it.md",
                "---\ntitle: \"Iscrizione\"\n---\n## Età {#age}\n\n![modulo](modulo-mancante.png)\n\n![logo](/images/nope.png)\n\n<img src=\"../img/nope.png\" alt=\"x\">\n",
            )
        },
        &[
            "content/school/enrol.it.md:6:",
            "image `modulo-mancante.png` not found: no file content/school/modulo-mancante.png",
            "content/school/enrol.it.md:8:",
            "static/images/nope.png",
            "content/school/enrol.it.md:10:",
            "content/img/nope.png",
        ],
    );
    assert_eq!(msg.matches("not found").count(), 3, "{msg}");
}

#[test]
fn an_image_next_to_its_page_or_in_static_is_published_once_and_linked_in_every_language() {
    let f = Fixture::new();
    f.write_bytes("content/legal/modulo.png", b"\x89PNG\r\n");
    f.write_bytes(
        "static/images/logo.svg",
        b"<svg xmlns='http://www.w3.org/2000/svg'/>",
    );
    f.write(
        "content/legal/arrival.it.md",
        "---\ntitle: \"L'arrivo\"\nstep: 2\n---\n![Il modulo compilato](modulo.png)\n\n<img src=\"/images/logo.svg\" alt=\"Logo\">\n",
    );
    f.build().unwrap();
    assert!(f.out().join("legal/modulo.png").is_file());
    // Shown in Italian and (as a fallback) in Arabic: the same file, from any page's depth.
    for page in ["it/legal/arrival/index.html", "ar/legal/arrival/index.html"] {
        let html = f.read(page);
        assert!(html.contains("src=\"/legal/modulo.png\""), "{page}");
        assert!(html.contains("src=\"/images/logo.svg\""), "{page}");
    }
    // Markdown pages themselves are never published as files.
    assert!(!f.out().join("legal/arrival.it.md").exists());
}

#[test]
fn the_same_explicit_heading_id_twice_is_an_error_at_the_second() {
    assert_fails_cleanly(
        |f| {
            f.write(
                "content/school/enrol.it.md",
                "---\ntitle: \"Iscrizione\"\n---\n## Età {#age}\n\n## A {#doppio}\n\nx\n\n## B {#doppio}\n",
            )
        },
        &[
            "content/school/enrol.it.md:10:",
            "heading id `doppio` is used twice on this page (first at line 6)",
        ],
    );
}

#[test]
fn two_files_differing_only_by_case_are_refused_naming_both() {
    let msg = assert_fails_cleanly(
        |f| {
            f.write(
                "content/school/Figures.it.md",
                "---\ntitle: \"Dati\"\n---\nx\n",
            );
            f.write(
                "content/school/figures.it.md",
                "---\ntitle: \"Cifre\"\n---\ny\n",
            );
        },
        &[
            "content/school/Figures.it.md",
            "content/school/figures.it.md",
            "differ only in upper and lower case",
        ],
    );
    // Once per pair, not once per language that shows them.
    assert_eq!(msg.matches("differ only").count(), 1, "{msg}");
}

#[test]
fn a_fluent_file_saved_with_a_bom_and_crlf_reads() {
    let f = Fixture::new();
    f.write(
        "locales/en/main.ftl",
        "\u{feff}skip-link = Skip to main content\r\nfallback-notice = This guide is not yet available in English. Below is the text in { $language }.\r\n",
    );
    f.build().unwrap();
    assert!(f.read("en/index.html").contains(">Skip to main content<"));
}

#[test]
fn a_fluent_message_using_a_missing_term_is_one_error_at_its_line() {
    let msg = assert_fails_cleanly(
        |f| {
            f.write(
                "locales/en/main.ftl",
                "-brand = approdo\nskip-link = Skip to { -brand } content\nfallback-notice = Not in English yet: { -marque } shows it in { $language }.\n",
            )
        },
        &[
            "locales/en/main.ftl:3:",
            "`{ -marque }` refers to a term this language does not define",
        ],
    );
    assert_eq!(
        msg.lines().filter(|l| l.starts_with("error")).count(),
        1,
        "{msg}"
    );
}

#[test]
fn a_base_url_with_a_space_in_the_host_is_refused_at_its_line() {
    assert_fails_cleanly(
        |f| {
            f.write(
                "site.toml",
                &common::SITE_TOML.replace("https://example.org", "https://approdo example.org"),
            )
        },
        &[
            "site.toml:2:",
            "base_url `https://approdo example.org` is not a valid URL",
        ],
    );
}

#[test]
fn a_file_with_old_mac_line_endings_builds_and_reports_true_lines() {
    let f = Fixture::new();
    f.write(
        "content/school/enrol.it.md",
        "---\r title: \"Iscrizione\"\r---\r## Età {#age}\r\rTesto.\r",
    );
    f.build().unwrap();
    assert!(f.read("it/school/enrol/index.html").contains("Testo."));
    f.write(
        "content/school/enrol.it.md",
        "---\rtitle: \"Iscrizione\"\r---\r## Età {#age}\r\r![x](nope.png)\r",
    );
    assert!(f.build_err().contains("content/school/enrol.it.md:6:"));
}

#[cfg(unix)]
#[test]
fn a_read_only_output_folder_is_refused_and_nothing_is_moved_aside() {
    use std::os::unix::fs::PermissionsExt;
    let f = Fixture::new();
    f.build().unwrap();
    std::fs::set_permissions(f.out(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let msg = f.build_err();
    std::fs::set_permissions(f.out(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(msg.contains("is read-only"), "{msg}");
    let aside = leftovers(&f);
    assert!(aside.is_empty(), "{aside:?}");
}

#[test]
fn folders_left_by_a_killed_build_are_removed_by_the_next() {
    let f = Fixture::new();
    f.build().unwrap();
    // A build killed after the swap (old output not yet deleted) and one killed while staging;
    // pid 0 is never a running build. A folder without approdo's marker is not ours: kept.
    for leftover in [".public.old-0-1", ".public.staging-0-2"] {
        f.write(&format!("{leftover}/.approdo-output"), "");
        f.write(&format!("{leftover}/it/index.html"), "old");
    }
    f.write(".public.old-0-3/notes.txt", "not approdo's");
    f.build().unwrap();
    assert!(!f.root().join(".public.old-0-1").exists());
    assert!(!f.root().join(".public.staging-0-2").exists());
    assert!(f.root().join(".public.old-0-3/notes.txt").exists());
}

#[test]
fn two_builds_into_the_same_output_at_once_both_succeed() {
    let f = Fixture::new();
    f.build().unwrap();
    for round in 0..8 {
        // Each waits for its clean-up, as the command does before exiting: the report holds the
        // output lock until then.
        let build = || {
            let mut r = approdo::build(&approdo::BuildOptions::new(f.root()));
            if let Ok(report) = &mut r {
                report.cleanup.wait();
            }
            r.map(|report| report.pages())
        };
        let results = std::thread::scope(|s| {
            let a = s.spawn(build);
            let b = s.spawn(build);
            [a.join().unwrap(), b.join().unwrap()]
        });
        for r in results {
            r.unwrap_or_else(|e| panic!("round {round}: {}", e.0));
        }
        assert!(f.read("it/legal/visa/index.html").contains("Il visto"));
    }
    let leftovers = leftovers(&f);
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
