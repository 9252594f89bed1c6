//! A corpus of everyday editor mistakes and hostile inputs, each with the answer a careful user
//! expects: it builds, it builds with a warning naming the place, or it is refused with an error
//! naming the file and line.
//!
//! Every case runs on a fresh [`Fixture`] that has been built once, and after the build these
//! invariants hold whatever the input:
//! - the build never panics;
//! - the site's own files (everything but `public/` and `.public.*` names beside it) are exactly
//!   as the mistake left them;
//! - no `.public.staging-*` or `.public.old-*` folder is left behind (except one without
//!   approdo's marker that was there before: approdo never deletes a folder it did not make);
//! - nothing named `approdo-canary…` (hostile cases use that name) appears outside the site;
//! - a failed build leaves `public/` exactly as it was; a successful one leaves a complete one.
//!
//! All cases run, and every failure is reported with what was expected and what happened.
//! `MISTAKES_SHOW=1 cargo test --test mistakes -- --nocapture` prints every case's answer.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use common::{Fixture, SITE_TOML};

/// The answer a careful user expects. Needles are substrings of the diagnostics text; a needle
/// `a|b` is satisfied by either `a` or `b`.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// Builds (warnings allowed).
    Builds,
    /// Builds, and the warnings contain every needle.
    Warned(&'static [&'static str]),
    /// The build fails and the diagnostics contain every needle.
    Refused(&'static [&'static str]),
    /// The build fails with exactly one error, which contains every needle.
    RefusedOnce(&'static [&'static str]),
}

use Expect::{Builds, Refused, RefusedOnce, Warned};

/// Something more to verify after the build (an output file exists, a folder was left alone).
type Check = fn(&Fixture) -> Result<(), String>;

#[derive(Clone, Copy)]
struct Case {
    area: &'static str,
    name: &'static str,
    setup: fn(&Fixture),
    expect: Expect,
    check: Option<Check>,
    /// Symbolic links and permission bits: skipped elsewhere.
    unix_only: bool,
}

const fn case(area: &'static str, name: &'static str, setup: fn(&Fixture), expect: Expect) -> Case {
    Case {
        area,
        name,
        setup,
        expect,
        check: None,
        unix_only: false,
    }
}

impl Case {
    const fn then(self, check: Check) -> Case {
        Case {
            check: Some(check),
            ..self
        }
    }

    const fn unix(self) -> Case {
        Case {
            unix_only: true,
            ..self
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Helpers for setups and checks.

/// A new Italian page in the `school` section (a plain guides section).
const PROVA: &str = "content/school/prova.it.md";

/// Writes [`PROVA`] with a three-line front matter: `body` starts at line 4.
fn page(f: &Fixture, body: &str) {
    f.write(PROVA, &format!("---\ntitle: \"Prova\"\n---\n{body}"));
}

/// Writes [`PROVA`] with this front matter, whose first line is line 2; the body is line 4 on.
fn front(f: &Fixture, yaml: &str) {
    f.write(PROVA, &format!("---\n{yaml}---\nTesto.\n"));
}

/// Replaces the first `from` of a site file with `to` (the text must be there).
fn edit(f: &Fixture, rel: &str, from: &str, to: &str) {
    let path = f.root().join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
    assert!(text.contains(from), "{rel} has no {from:?}");
    f.write(rel, &text.replacen(from, to, 1));
}

/// The fixture's site.toml with the first `from` replaced by `to`.
fn toml(f: &Fixture, from: &str, to: &str) {
    assert!(SITE_TOML.contains(from), "site.toml has no {from:?}");
    f.write("site.toml", &SITE_TOML.replacen(from, to, 1));
}

/// The fixture's site.toml with `more` appended (its first line is line 25).
fn toml_append(f: &Fixture, more: &str) {
    f.write("site.toml", &format!("{SITE_TOML}{more}"));
}

/// A small image the site publishes at `/img/ok.png`.
fn ok_png(f: &Fixture) {
    f.write_bytes("static/img/ok.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
}

/// A data file with one office, `questura`, described in every language of the fixture; the
/// `website:` key is on line 4.
const OFFICES: &str = "offices:
  - id: questura
    name: \"Questura di Milano\"
    website: \"https://questure.poliziadistato.it/it/Milano\"
    what:
      it: \"Permessi di soggiorno.\"
      en: \"Residence permits.\"
      ar: \"تصاريح الإقامة.\"
      zh: \"居留许可。\"
";

fn offices(f: &Fixture) {
    f.write("data/offices.yaml", OFFICES);
}

/// A folder beside the site (outside its root), removed after the case.
fn outside(f: &Fixture) -> PathBuf {
    let name = f.root().file_name().unwrap().to_string_lossy().into_owned();
    f.root().parent().unwrap().join(format!("{name}-outside"))
}

fn write_outside(f: &Fixture, rel: &str, text: &str) -> PathBuf {
    let p = outside(f).join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

fn symlink(target: &Path, link: &Path) {
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(target, link).unwrap();
    #[cfg(not(unix))]
    let _ = (target, link);
}

fn set_mode(path: &Path, mode: u32) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
}

fn exists(f: &Fixture, rel: &str) -> Result<(), String> {
    if f.out().join(rel).is_file() {
        Ok(())
    } else {
        Err(format!("public/{rel} was not written"))
    }
}

fn absent(f: &Fixture, rel: &str) -> Result<(), String> {
    if f.out().join(rel).symlink_metadata().is_ok() {
        Err(format!("public/{rel} should not be published"))
    } else {
        Ok(())
    }
}

fn out_contains(f: &Fixture, rel: &str, needle: &str) -> Result<(), String> {
    let text =
        std::fs::read_to_string(f.out().join(rel)).map_err(|e| format!("public/{rel}: {e}"))?;
    if text.contains(needle) {
        Ok(())
    } else {
        Err(format!("public/{rel} does not contain {needle:?}"))
    }
}

/// No element of the page carries an event-handler attribute.
/// Every id of the page is used once: a heading never takes an id of the layout.
fn unique_ids(f: &Fixture, rel: &str) -> Result<(), String> {
    let doc = scraper::Html::parse_document(&f.read(rel));
    let all = scraper::Selector::parse("[id]").unwrap();
    let mut seen = std::collections::HashSet::new();
    for el in doc.select(&all) {
        let id = el.value().id().unwrap_or_default();
        if !seen.insert(id.to_string()) {
            return Err(format!("public/{rel}: id=\"{id}\" twice"));
        }
    }
    Ok(())
}

fn no_handlers(f: &Fixture, rel: &str) -> Result<(), String> {
    let doc = scraper::Html::parse_document(&f.read(rel));
    let all = scraper::Selector::parse("*").unwrap();
    for el in doc.select(&all) {
        if let Some((name, value)) = el.value().attrs().find(|(n, _)| n.starts_with("on")) {
            return Err(format!(
                "public/{rel}: <{} {name}=\"{value}\">",
                el.value().name()
            ));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The corpus.

const CONFIG: &[Case] = &[
    case(
        "site.toml",
        "unclosed string in base_url",
        |f| {
            toml(
                f,
                "base_url = \"https://example.org\"",
                "base_url = \"https://example.org",
            )
        },
        Refused(&["site.toml:2:"]),
    ),
    case(
        "site.toml",
        "misspelt top-level key",
        |f| {
            toml(
                f,
                "default_language = \"it\"",
                "default_language = \"it\"\nbase_ulr = \"https://example.org\"",
            )
        },
        Refused(&["site.toml:4:", "base_ulr"]),
    ),
    case(
        "site.toml",
        "unknown key in a language",
        |f| toml(f, "dir = \"rtl\"", "direction = \"rtl\""),
        Refused(&["site.toml:17:", "direction"]),
    ),
    // In TOML a key after a table header belongs to that table: `theme` lands in the last language.
    case(
        "site.toml",
        "top-level key written after the last [[languages]]",
        |f| toml_append(f, "theme = \"default\"\n"),
        Refused(&["site.toml:25:", "theme"]),
    ),
    case(
        "site.toml",
        "default_language not configured",
        |f| toml(f, "default_language = \"it\"", "default_language = \"de\""),
        Refused(&["site.toml:3:", "`de`"]),
    ),
    case(
        "site.toml",
        "default_language in capitals",
        |f| toml(f, "default_language = \"it\"", "default_language = \"IT\""),
        Refused(&["site.toml:3:", "IT"]),
    ),
    case(
        "site.toml",
        "language configured twice",
        |f| {
            toml_append(
                f,
                "\n[[languages]]\ncode = \"en\"\nname = \"English (UK)\"\n",
            )
        },
        Refused(&["site.toml:27:", "twice"]),
    ),
    case(
        "site.toml",
        "tag that is not BCP 47",
        |f| toml(f, "tag = \"zh-Hans\"", "tag = \"zh Hans\""),
        Refused(&["site.toml:22:", "zh Hans"]),
    ),
    case(
        "site.toml",
        "language code with a path in it",
        |f| toml(f, "code = \"zh\"", "code = \"../zh\""),
        Refused(&["site.toml:21:", "../zh"]),
    ),
    // The first `fallback = ["en", "it"]` is Arabic's, on line 18.
    case(
        "site.toml",
        "language falls back to itself",
        |f| {
            toml(
                f,
                "fallback = [\"en\", \"it\"]",
                "fallback = [\"ar\", \"it\"]",
            )
        },
        Refused(&["site.toml:18:", "`ar`"]),
    ),
    case(
        "site.toml",
        "last language falls back to an unknown one",
        |f| {
            toml(
                f,
                "name = \"中文\"\nfallback = [\"en\", \"it\"]",
                "name = \"中文\"\nfallback = [\"en\", \"fr\"]",
            )
        },
        Refused(&["site.toml:24:", "`fr`"]),
    ),
    // en → ar and ar → en: fallbacks are not transitive, so a cycle is harmless.
    case(
        "site.toml",
        "fallback cycle",
        |f| toml(f, "fallback = [\"it\"]", "fallback = [\"ar\", \"it\"]"),
        Builds,
    ),
    case(
        "site.toml",
        "fallback written as a string",
        |f| toml(f, "fallback = [\"it\"]", "fallback = \"it\""),
        Refused(&["site.toml:12:"]),
    ),
    case(
        "site.toml",
        "base_url with a space",
        |f| {
            toml(
                f,
                "base_url = \"https://example.org\"",
                "base_url = \"https://approdo example.org\"",
            )
        },
        Refused(&["site.toml:2:", "base_url"]),
    ),
    case(
        "site.toml",
        "base_url without a scheme",
        |f| {
            toml(
                f,
                "base_url = \"https://example.org\"",
                "base_url = \"approdo.example.org\"",
            )
        },
        Refused(&["site.toml:2:", "base_url"]),
    ),
    // Every link would become `/?ref=newsletter/it/…`.
    case(
        "site.toml",
        "base_url with a query string",
        |f| {
            toml(
                f,
                "base_url = \"https://example.org\"",
                "base_url = \"https://example.org/?ref=newsletter\"",
            )
        },
        Refused(&["site.toml:2:", "base_url"]),
    ),
    case(
        "site.toml",
        "base_url that is only a scheme",
        |f| {
            toml(
                f,
                "base_url = \"https://example.org\"",
                "base_url = \"https://\"",
            )
        },
        Refused(&["site.toml:2:", "base_url"]),
    ),
    case(
        "site.toml",
        "base_url with a sub-path and a trailing slash",
        |f| {
            toml(
                f,
                "base_url = \"https://example.org\"",
                "base_url = \"https://example.org/guida/\"",
            )
        },
        Builds,
    )
    .then(|f| out_contains(f, "it/index.html", "guida/style.css\"")),
    case(
        "site.toml",
        "no languages",
        |f| {
            f.write(
                "site.toml",
                "base_url = \"https://example.org\"\ndefault_language = \"it\"\nlanguages = []\n",
            )
        },
        Refused(&["site.toml", "no languages"]),
    ),
    case(
        "site.toml",
        "default_language missing",
        |f| toml(f, "default_language = \"it\"\n", ""),
        Refused(&["site.toml", "default_language"]),
    ),
    case(
        "site.toml",
        "key defined twice",
        |f| {
            toml(
                f,
                "default_language = \"it\"",
                "default_language = \"it\"\ndefault_language = \"en\"",
            )
        },
        Refused(&["site.toml:4:", "duplicate"]),
    ),
    case(
        "site.toml",
        "site.toml missing",
        |f| f.remove("site.toml"),
        Refused(&["site.toml", "cannot read"]),
    ),
    // Windows Notepad saves UTF-8 with a byte-order mark.
    case(
        "site.toml",
        "byte-order mark",
        |f| f.write("site.toml", &format!("\u{feff}{SITE_TOML}")),
        Builds,
    ),
    case(
        "site.toml",
        "CRLF line endings",
        |f| f.write("site.toml", &SITE_TOML.replace('\n', "\r\n")),
        Builds,
    ),
    case(
        "site.toml",
        "Latin-1 byte in a language name",
        |f| {
            let text = SITE_TOML.replacen("\"Italiano\"", "\"Itali\u{1}no\"", 1);
            let bytes: Vec<u8> = text
                .bytes()
                .map(|b| if b == 1 { 0xE0 } else { b })
                .collect();
            f.write_bytes("site.toml", &bytes);
        },
        Refused(&["site.toml:7:", "UTF-8"]),
    ),
    case(
        "site.toml",
        "theme that does not exist",
        |f| {
            toml(
                f,
                "default_language = \"it\"",
                "default_language = \"it\"\ntheme = \"nuovo\"",
            )
        },
        Refused(&["themes/nuovo", "nuovo"]),
    ),
    case(
        "site.toml",
        "dir in capitals",
        |f| toml(f, "dir = \"rtl\"", "dir = \"RTL\""),
        Refused(&["site.toml:17:", "RTL"]),
    ),
    // config.rs promises that a right-to-left language declared `ltr` by a typo is an error.
    case(
        "site.toml",
        "Arabic declared left-to-right",
        |f| toml(f, "dir = \"rtl\"", "dir = \"ltr\""),
        Refused(&["site.toml:17:", "rtl"]),
    ),
    case(
        "site.toml",
        "raw_html policy misspelt",
        |f| toml_append(f, "\n[markdown]\nraw_html = \"sanitise\"\n"),
        Refused(&["site.toml:27:", "sanitise"]),
    ),
    // The language switcher would hold a link without text.
    case(
        "site.toml",
        "empty language name",
        |f| toml(f, "name = \"English\"", "name = \"\""),
        Refused(&["site.toml:11:", "name"]),
    ),
];

/// The fixture's English UI strings.
const EN_FTL: &str = "skip-link = Skip to main content\n\
    fallback-notice = This guide is not yet available in English. \
    Below is the text in { $language }.\n";

const LOCALES: &[Case] = &[
    case(
        "locales",
        "missing = after the key",
        |f| f.write("locales/en/main.ftl", "skip-link Skip to main content\n"),
        Refused(&["locales/en/main.ftl:1:", "Fluent"]),
    ),
    case(
        "locales",
        "byte-order mark",
        |f| f.write("locales/en/main.ftl", &format!("\u{feff}{EN_FTL}")),
        Builds,
    )
    .then(|f| out_contains(f, "en/index.html", "Skip to main content")),
    case(
        "locales",
        "CRLF line endings",
        |f| {
            f.write(
                "locales/ar/main.ftl",
                "skip-link = انتقل إلى المحتوى الرئيسي\r\n\
             fallback-notice = هذا الدليل غير متوفر بالعربية بعد. \
             تجد أدناه النص بلغة { $language }.\r\n",
            )
        },
        Builds,
    )
    .then(|f| out_contains(f, "ar/index.html", "انتقل إلى المحتوى الرئيسي<")),
    case(
        "locales",
        "same key twice in one file",
        |f| {
            f.write(
                "locales/en/main.ftl",
                &format!("{EN_FTL}skip-link = Skip again\n"),
            )
        },
        Refused(&["locales/en/main.ftl:3:", "skip-link"]),
    ),
    // The theme passes `$language`; the reader would see `{$lingua}`.
    case(
        "locales",
        "misspelt variable",
        |f| {
            f.write(
                "locales/en/main.ftl",
                "skip-link = Skip to main content\n\
             fallback-notice = Not in English yet; here it is in { $lingua }.\n",
            )
        },
        Refused(&["locales/en/main.ftl:2:", "lingua"]),
    ),
    case(
        "locales",
        "reference to a missing term, reported once",
        |f| {
            f.write(
                "locales/en/main.ftl",
                "skip-link = Skip to { -marque } content\n",
            )
        },
        RefusedOnce(&["locales/en/main.ftl:1:", "-marque"]),
    ),
    case(
        "locales",
        "reference to a missing message",
        |f| {
            f.write(
                "locales/en/main.ftl",
                "skip-link = { site-nam }: skip to content\n",
            )
        },
        Refused(&["locales/en/main.ftl:1:", "site-nam"]),
    ),
    // A translator's work that silently never reaches the site.
    case(
        "locales",
        "folder for a language the site does not have",
        |f| f.write("locales/de/main.ftl", "skip-link = Zum Inhalt springen\n"),
        Warned(&["locales/de"]),
    ),
    case(
        "locales",
        "folder named by the tag instead of the code",
        |f| f.write("locales/zh-Hans/main.ftl", "skip-link = 跳到主要内容\n"),
        Warned(&["locales/zh-Hans"]),
    ),
    case(
        "locales",
        "invalid UTF-8",
        |f| f.write_bytes("locales/ar/main.ftl", b"skip-link = \xd8\n"),
        Refused(&["locales/ar/main.ftl:1:", "UTF-8"]),
    ),
    case(
        "locales",
        "empty file",
        |f| f.write("locales/zh/main.ftl", ""),
        Builds,
    ),
    case(
        "locales",
        "language without any .ftl file",
        |f| f.remove("locales/zh/main.ftl"),
        Builds,
    ),
    // Fluent indentation is spaces; a tab starts junk.
    case(
        "locales",
        "continuation line indented with a tab",
        |f| {
            f.write(
                "locales/en/main.ftl",
                "skip-link = Skip to\n\tmain content\n",
            )
        },
        Refused(&["locales/en/main.ftl:2:"]),
    ),
    case(
        "locales",
        "key defined again in a nested folder",
        |f| f.write("locales/en/extra/more.ftl", "skip-link = Skip again\n"),
        Refused(&[
            "locales/en/extra/more.ftl:1:|locales/en/main.ftl:1:",
            "locales/en/extra/more.ftl",
            "locales/en/main.ftl",
            "skip-link",
        ]),
    ),
    case(
        "locales",
        "markup in a UI string",
        |f| {
            f.write(
                "locales/en/main.ftl",
                "skip-link = <img src=x onerror=alert(1)> Skip\n",
            )
        },
        Builds,
    )
    .then(|f| no_handlers(f, "en/index.html")),
];

const THEME: &[Case] = &[
    case(
        "theme",
        "unclosed {{ in a template",
        |f| {
            edit(
                f,
                "themes/default/templates/404.html",
                "{{ t(key=\"notfound-title\") }}</h1>",
                "{{ t(key=\"notfound-title\") </h1>",
            )
        },
        Refused(&["themes/default/templates/404.html:4:", "syntax"]),
    ),
    case(
        "theme",
        "unknown filter",
        |f| {
            edit(
                f,
                "themes/default/templates/404.html",
                "{{ t(key=\"notfound-text\") }}",
                "{{ t(key=\"notfound-text\") | gridare }}",
            )
        },
        Refused(&["themes/default/templates/404.html", "gridare"]),
    ),
    case(
        "theme",
        "template that imports itself",
        |f| {
            edit(
                f,
                "themes/default/templates/macros.html",
                "{% macro search_form",
                "{% import \"macros.html\" as again %}\n{% macro search_form",
            )
        },
        Refused(&["themes/default/templates/macros.html"]),
    ),
    case(
        "theme",
        "two templates that extend each other",
        |f| {
            edit(
                f,
                "themes/default/templates/base.html",
                "{% import \"macros.html\" as macros %}",
                "{% extends \"page.html\" %}",
            )
        },
        Refused(&["base.html", "page.html"]),
    ),
    case(
        "theme",
        "templates folder deleted",
        |f| std::fs::remove_dir_all(f.root().join("themes/default/templates")).unwrap(),
        Refused(&["themes/default/templates", "templates"]),
    ),
    case(
        "theme",
        "template not UTF-8",
        |f| {
            f.write_bytes(
                "themes/default/templates/404.html",
                b"{% extends \"base.html\" %}\n{% block main %}\xff{% endblock main %}\n",
            )
        },
        Refused(&["themes/default/templates/404.html", "UTF-8"]),
    ),
    // Vim's swap file while the theme's author has page.html open.
    case(
        "theme",
        "editor swap file beside a template",
        |f| {
            f.write_bytes(
                "themes/default/templates/.page.html.swp",
                b"b0VIM 9.0\0\0\0\0\xff\xfe\x10page.html",
            )
        },
        Builds,
    ),
    case(
        "theme",
        "editor backup of a half-edited template",
        |f| {
            f.write(
                "themes/default/templates/page.html~",
                "{% extends \"base.html\" %}{% if %}",
            )
        },
        Builds,
    ),
    case(
        "theme",
        "syntax error in a shortcode template",
        |f| {
            edit(
                f,
                "themes/default/templates/shortcodes/contact.html",
                "</dl>",
                "</dl>{% endif %}",
            )
        },
        Refused(&["themes/default/templates/shortcodes/contact.html"]),
    ),
    case(
        "theme",
        "macOS .DS_Store in the theme's static folder",
        |f| f.write_bytes("themes/default/static/.DS_Store", b"\0\0\0\x01Bud1"),
        Builds,
    )
    .then(|f| absent(f, ".DS_Store")),
];

const DATA: &[Case] = &[
    case(
        "data & shortcodes",
        "data file indented with a tab",
        |f| f.write("data/offices.yaml", "offices:\n\t- id: questura\n"),
        Refused(&["data/offices.yaml:2:"]),
    ),
    case(
        "data & shortcodes",
        "misspelt key in an office",
        |f| {
            f.write("data/offices.yaml", &OFFICES.replace("website:", "websit:"));
            page(f, "{{ contact(office=\"questura\") }}\n");
        },
        Refused(&[
            "content/school/prova.it.md:4:|data/offices.yaml:4:",
            "websit",
        ]),
    ),
    case(
        "data & shortcodes",
        "office id in capitals",
        |f| {
            offices(f);
            page(f, "{{ contact(office=\"Questura\") }}\n");
        },
        Refused(&["content/school/prova.it.md:4:", "Questura"]),
    ),
    case(
        "data & shortcodes",
        "shortcode name in Italian",
        |f| {
            offices(f);
            page(f, "{{ contatto(office=\"questura\") }}\n");
        },
        Refused(&["content/school/prova.it.md:4:", "contatto"]),
    ),
    case(
        "data & shortcodes",
        "argument list not closed",
        |f| {
            offices(f);
            page(f, "{{ contact(office=\"questura\" }}\n");
        },
        Refused(&["content/school/prova.it.md:4:", "not closed"]),
    ),
    case(
        "data & shortcodes",
        "misspelt argument name",
        |f| {
            offices(f);
            page(f, "{{ contact(ofice=\"questura\") }}\n");
        },
        Refused(&["content/school/prova.it.md:4:", "ofice"]),
    ),
    // Readers would see the braces; README says a shortcode stands on its own line.
    case(
        "data & shortcodes",
        "shortcode inside a sentence",
        |f| {
            offices(f);
            page(
                f,
                "Rivolgiti alla {{ contact(office=\"questura\") }} per il permesso.\n",
            );
        },
        Refused(&["content/school/prova.it.md:4:", "own line|line of its own"]),
    ),
    case(
        "data & shortcodes",
        "shortcode inside a code block is left alone",
        |f| page(f, "```\n{{ contact(office=\"questura\") }}\n```\n"),
        Builds,
    )
    .then(|f| out_contains(f, "it/school/prova/index.html", "{{ contact(office=")),
    case(
        "data & shortcodes",
        "data file not UTF-8",
        |f| {
            f.write_bytes(
                "data/offices.yaml",
                b"offices:\n  - id: questura\n    name: \"Questura \xe0\"\n",
            )
        },
        Refused(&["data/offices.yaml:3:", "UTF-8"]),
    ),
    case(
        "data & shortcodes",
        "offices.yaml and offices.yml both present",
        |f| {
            offices(f);
            f.write("data/offices.yml", "offices: []\n");
        },
        Refused(&["data/offices.yaml", "data/offices.yml"]),
    ),
    case(
        "data & shortcodes",
        "key twice in a data file",
        |f| f.write("data/offices.yaml", "offices: []\noffices: []\n"),
        Refused(&["data/offices.yaml:2:", "duplicate"]),
    ),
    case(
        "data & shortcodes",
        "figures without its data argument",
        |f| page(f, "{{ figures() }}\n"),
        Refused(&["content/school/prova.it.md:4:", "data"]),
    ),
    case(
        "data & shortcodes",
        "number argument too large",
        |f| page(f, "{{ figures(data=1e999) }}\n"),
        Refused(&["content/school/prova.it.md:4:", "finite"]),
    ),
    case(
        "data & shortcodes",
        "shortcode name with a path",
        |f| page(f, "{{ ../../approdo-canary-sc(x=\"y\") }}\n"),
        Refused(&["content/school/prova.it.md:4:", "shortcode name"]),
    ),
    case(
        "data & shortcodes",
        "data name with a path",
        |f| page(f, "{{ figures(data=\"../../approdo-canary-data\") }}\n"),
        Refused(&["content/school/prova.it.md:4:", "approdo-canary-data"]),
    ),
    case(
        "data & shortcodes",
        "empty data file",
        |f| f.write("data/empty.yaml", ""),
        Builds,
    ),
    case(
        "data & shortcodes",
        "single-quoted argument",
        |f| {
            offices(f);
            page(f, "{{ contact(office='questura') }}\n");
        },
        Builds,
    )
    .then(|f| out_contains(f, "it/school/prova/index.html", "contact-card")),
    case(
        "data & shortcodes",
        "spaces everywhere in a call",
        |f| {
            offices(f);
            page(f, "{{contact( office = \"questura\" )}}\n");
        },
        Builds,
    )
    .then(|f| out_contains(f, "it/school/prova/index.html", "contact-card")),
    // A word processor's typographic quotes.
    case(
        "data & shortcodes",
        "curly quotes around an argument",
        |f| {
            offices(f);
            page(f, "{{ contact(office=“questura”) }}\n");
        },
        Refused(&["content/school/prova.it.md:4:"]),
    ),
];

const FRONT: &[Case] = &[
    case(
        "front matter",
        "two dashes instead of three",
        |f| f.write(PROVA, "--\ntitle: \"Prova\"\n--\nTesto.\n"),
        Refused(&["content/school/prova.it.md:1:", "front matter"]),
    ),
    case(
        "front matter",
        "front matter never closed",
        |f| f.write(PROVA, "---\ntitle: \"Prova\"\n\nTesto.\n"),
        Refused(&["content/school/prova.it.md:1:", "never closed"]),
    ),
    case(
        "front matter",
        // Hugo's habits build since #18: TOML, blank lines first, date-times, keys in capitals.
        "TOML front matter (Hugo habit)",
        |f| f.write(PROVA, "+++\ntitle = \"Prova\"\n+++\nTesto.\n"),
        Builds,
    ),
    case(
        "front matter",
        "blank line before the front matter",
        |f| f.write(PROVA, "\n---\ntitle: \"Prova\"\n---\nTesto.\n"),
        Builds,
    ),
    case(
        "front matter",
        "title missing",
        |f| front(f, "description: \"Senza titolo\"\n"),
        Refused(&[
            "content/school/prova.it.md:1:|content/school/prova.it.md:2:",
            "title",
        ]),
    ),
    case(
        "front matter",
        "title empty",
        |f| front(f, "title: \"\"\n"),
        Refused(&["content/school/prova.it.md:2:", "empty"]),
    ),
    case(
        "front matter",
        "title without a value",
        |f| front(f, "title:\n"),
        Refused(&["content/school/prova.it.md:2:", "title"]),
    ),
    case(
        "front matter",
        "title that YAML reads as a number",
        |f| front(f, "title: 2026\n"),
        Builds,
    )
    .then(|f| out_contains(f, "it/school/prova/index.html", "<h1>2026</h1>")),
    case(
        "front matter",
        "title as a list",
        |f| front(f, "title: [Visto, Permesso]\n"),
        Refused(&["content/school/prova.it.md:2:", "title"]),
    ),
    case(
        "front matter",
        "weight as a quoted number",
        |f| front(f, "title: \"Prova\"\nweight: \"10\"\n"),
        Refused(&["content/school/prova.it.md:3:", "weight"]),
    ),
    case(
        "front matter",
        "weight with decimals",
        |f| front(f, "title: \"Prova\"\nweight: 1.5\n"),
        Refused(&["content/school/prova.it.md:3:", "weight"]),
    ),
    case(
        "front matter",
        "weight too large",
        |f| front(f, "title: \"Prova\"\nweight: 99999999999999999999\n"),
        Refused(&["content/school/prova.it.md:3:", "weight"]),
    ),
    case(
        "front matter",
        "negative weight",
        |f| front(f, "title: \"Prova\"\nweight: -5\n"),
        Builds,
    ),
    case(
        "front matter",
        "negative step",
        |f| front(f, "title: \"Prova\"\nstep: -1\n"),
        Refused(&["content/school/prova.it.md:3:", "step"]),
    ),
    case(
        "front matter",
        "30 February",
        |f| front(f, "title: \"Prova\"\ndate: 2026-02-30\n"),
        Refused(&["content/school/prova.it.md:3:", "date"]),
    ),
    case(
        "front matter",
        "date written the Italian way",
        |f| front(f, "title: \"Prova\"\ndate: 30/01/2026\n"),
        Refused(&["content/school/prova.it.md:3:", "date"]),
    ),
    case(
        "front matter",
        "date with a time",
        |f| front(f, "title: \"Prova\"\nupdated: 2026-11-01T10:00:00\n"),
        Builds,
    ),
    case(
        "front matter",
        "29 February of a leap year, unquoted",
        |f| front(f, "title: \"Prova\"\ndate: 2028-02-29\n"),
        Builds,
    ),
    case(
        "front matter",
        "misspelt key",
        |f| front(f, "title: \"Prova\"\ndescripton: \"x\"\n"),
        Refused(&["content/school/prova.it.md:3:", "descripton", "description"]),
    ),
    case(
        "front matter",
        "key in capitals",
        |f| front(f, "Title: \"Prova\"\n"),
        Builds,
    ),
    case(
        "front matter",
        "key twice",
        |f| front(f, "title: \"Prova\"\ntitle: \"Prova due\"\n"),
        Refused(&["content/school/prova.it.md:3:", "title"]),
    ),
    case(
        "front matter",
        "line indented with a tab",
        |f| front(f, "\ttitle: \"Prova\"\n"),
        Refused(&["content/school/prova.it.md:2:", "tab"]),
    ),
    case(
        "front matter",
        "byte-order mark",
        |f| f.write(PROVA, "\u{feff}---\ntitle: \"Prova BOM\"\n---\nTesto.\n"),
        Builds,
    )
    .then(|f| out_contains(f, "it/school/prova/index.html", "Prova BOM")),
    case(
        "front matter",
        "byte-order mark and an error keep the line right",
        |f| {
            f.write(
                PROVA,
                "\u{feff}---\ntitle: \"Prova\"\nweight: due\n---\nTesto.\n",
            )
        },
        Refused(&["content/school/prova.it.md:3:", "weight"]),
    ),
    case(
        "front matter",
        "CRLF line endings",
        |f| f.write(PROVA, "---\r\ntitle: \"Prova CRLF\"\r\n---\r\nTesto.\r\n"),
        Builds,
    )
    .then(|f| out_contains(f, "it/school/prova/index.html", "Prova CRLF")),
    case(
        "front matter",
        "CRLF line endings and an error keep the line right",
        |f| {
            f.write(
                PROVA,
                "---\r\ntitle: \"Prova\"\r\nweight: due\r\n---\r\nTesto.\r\n",
            )
        },
        Refused(&["content/school/prova.it.md:3:", "weight"]),
    ),
    // Classic Mac OS line endings (CR only), still written by some tools.
    case(
        "front matter",
        "CR-only line endings",
        |f| {
            f.write(
                PROVA,
                "---\rtitle: \"Prova CR\"\r---\rRiga uno.\r\rRiga due.\r",
            )
        },
        Builds,
    )
    .then(|f| out_contains(f, "it/school/prova/index.html", "Prova CR")),
    case(
        "front matter",
        "standard YAML tag",
        |f| front(f, "title: !!str 2026\n"),
        Builds,
    ),
    case(
        "front matter",
        "exotic YAML tag",
        |f| front(f, "title: !ruby/object:Gem \"x\"\n"),
        Builds,
    ),
    case(
        "front matter",
        "anchor and alias",
        |f| front(f, "description: &d \"Prova con alias\"\ntitle: *d\n"),
        Builds,
    ),
    case(
        "front matter",
        "10,000-character title",
        |f| front(f, &format!("title: \"{}\"\n", "Permesso ".repeat(1111))),
        Builds,
    ),
    case(
        "front matter",
        "empty file",
        |f| f.write(PROVA, ""),
        Refused(&["content/school/prova.it.md:1:", "front matter"]),
    ),
    case(
        "front matter",
        "front matter with no keys",
        |f| f.write(PROVA, "---\n---\nTesto.\n"),
        Refused(&[
            "content/school/prova.it.md:1:|content/school/prova.it.md:2:",
            "empty",
        ]),
    ),
    case(
        "front matter",
        "draft: yes",
        |f| front(f, "title: \"Prova\"\ndraft: yes\n"),
        Refused(&["content/school/prova.it.md:3:", "draft"]),
    ),
    case(
        "front matter",
        "kind in a page",
        |f| front(f, "title: \"Prova\"\nkind: steps\n"),
        Refused(&["content/school/prova.it.md:3:", "kind"]),
    ),
    case(
        "front matter",
        "kind misspelt in a section",
        |f| {
            f.write(
                "content/school/_index.it.md",
                "---\ntitle: \"Scuola\"\nkind: step\n---\nScuola.\n",
            )
        },
        Refused(&["content/school/_index.it.md:3:", "step"]),
    ),
    case(
        "front matter",
        "translation_key with a path",
        |f| {
            front(
                f,
                "title: \"Prova\"\ntranslation_key: \"../../approdo-canary-tk\"\n",
            )
        },
        Refused(&["content/school/prova.it.md:3:", "translation_key"]),
    ),
    // YAML reads ` #` as a comment: the title silently becomes "Passo".
    case(
        "front matter",
        "unquoted # in the title",
        |f| front(f, "title: Passo #2 del percorso\n"),
        Warned(&["content/school/prova.it.md:2:", "#"]),
    ),
    case(
        "front matter",
        "right-to-left override in the title",
        |f| front(f, "title: \"Visto \u{202E}otsiv\"\n"),
        Warned(&["content/school/prova.it.md:2:", "U+202E"]),
    ),
    case(
        "front matter",
        "NUL byte in the title",
        |f| f.write_bytes(PROVA, b"---\ntitle: \"a\0b\"\n---\nTesto.\n"),
        Refused(&["content/school/prova.it.md:2:"]),
    ),
];

const NAMES: &[Case] = &[
    case(
        "file names",
        "Arabic file name",
        |f| {
            f.write(
                "content/school/التسجيل.ar.md",
                "---\ntitle: \"التسجيل\"\n---\nنص.\n",
            )
        },
        Builds,
    )
    .then(|f| exists(f, "ar/school/التسجيل/index.html")),
    case(
        "file names",
        "Chinese file name",
        |f| {
            f.write(
                "content/school/入学.it.md",
                "---\ntitle: \"Iscrizione (入学)\"\n---\nTesto.\n",
            )
        },
        Builds,
    )
    .then(|f| exists(f, "zh/school/入学/index.html")),
    case(
        "file names",
        "Arabic folder name",
        |f| {
            f.write(
                "content/مدرسة/_index.it.md",
                "---\ntitle: \"Madrasa\"\n---\nTesto.\n",
            )
        },
        Builds,
    )
    .then(|f| exists(f, "ar/مدرسة/index.html")),
    case(
        "file names",
        "no-break space in a file name",
        |f| {
            f.write(
                "content/school/visto\u{a0}2.it.md",
                "---\ntitle: \"Visto 2\"\n---\nx\n",
            )
        },
        Refused(&["content/school/visto\u{a0}2.it.md"]),
    ),
    case(
        "file names",
        "capital letter in a file name",
        |f| {
            f.write(
                "content/school/Iscrizione.it.md",
                "---\ntitle: \"Iscrizione 2\"\n---\nx\n",
            )
        },
        Builds,
    ),
    case(
        "file names",
        "two files differing only by case",
        |f| {
            f.write(
                "content/school/Figures.it.md",
                "---\ntitle: \"Cifre\"\n---\nx\n",
            );
            f.write(
                "content/school/figures.it.md",
                "---\ntitle: \"Numeri\"\n---\nx\n",
            );
        },
        Refused(&[
            "content/school/Figures.it.md",
            "content/school/figures.it.md",
        ]),
    ),
    case(
        "file names",
        "two folders differing only by case",
        |f| {
            f.write(
                "content/School/_index.it.md",
                "---\ntitle: \"Scuola 2\"\n---\nx\n",
            )
        },
        Refused(&["content/School/_index.it.md", "content/school/_index.it.md"]),
    ),
    // /en/school/Enrol/ and the Italian fallback /en/school/enrol/: one folder on macOS.
    case(
        "file names",
        "translation differing by case from a fallback page",
        |f| {
            f.write(
                "content/school/Enrol.en.md",
                "---\ntitle: \"Enrolment\"\n---\nx\n",
            )
        },
        Refused(&["content/school/Enrol.en.md", "content/school/enrol.it.md"]),
    ),
    case(
        "file names",
        "unknown language suffix",
        |f| f.write("content/school/x.xx.md", "---\ntitle: \"X\"\n---\nx\n"),
        Refused(&["content/school/x.xx.md", "`xx`"]),
    ),
    case(
        "file names",
        "no language suffix",
        |f| {
            f.write(
                "content/school/senza.md",
                "---\ntitle: \"Senza lingua\"\n---\nx\n",
            )
        },
        Builds,
    )
    .then(|f| exists(f, "it/school/senza/index.html")),
    case(
        "file names",
        "page with and without a language suffix",
        |f| {
            f.write(
                "content/school/enrol.md",
                "---\ntitle: \"Iscrizione bis\"\n---\nx\n",
            )
        },
        Refused(&["content/school/enrol.md", "content/school/enrol.it.md"]),
    ),
    case(
        "file names",
        "page with the same name as a folder",
        |f| {
            f.write(
                "content/school.it.md",
                "---\ntitle: \"Scuola pagina\"\n---\nx\n",
            )
        },
        Refused(&["content/school.it.md", "content/school/_index.it.md"]),
    ),
    case(
        "file names",
        "dot inside a file name",
        |f| {
            f.write(
                "content/school/visto.v2.it.md",
                "---\ntitle: \"Visto v2\"\n---\nx\n",
            )
        },
        Builds,
    ),
    // Windows drops a trailing dot: `visto.` and `visto` are one folder there.
    case(
        "file names",
        "file name ending in a dot",
        |f| {
            f.write(
                "content/school/visto..it.md",
                "---\ntitle: \"Visto punto\"\n---\nx\n",
            )
        },
        Refused(&["content/school/visto..it.md"]),
    ),
    case(
        "file names",
        "leading dash",
        |f| {
            f.write(
                "content/school/-visto.it.md",
                "---\ntitle: \"Visto trattino\"\n---\nx\n",
            )
        },
        Builds,
    ),
    case(
        "file names",
        "Windows-reserved name",
        |f| f.write("content/school/con.it.md", "---\ntitle: \"Con\"\n---\nx\n"),
        Refused(&["content/school/con.it.md", "reserved"]),
    ),
    case(
        "file names",
        "Windows-reserved COM7",
        |f| {
            f.write(
                "content/school/com7.it.md",
                "---\ntitle: \"Com7\"\n---\nx\n",
            )
        },
        Refused(&["content/school/com7.it.md", "reserved"]),
    ),
    // AUX.txt is as reserved as AUX on Windows.
    case(
        "file names",
        "Windows-reserved name with an extension",
        |f| {
            f.write(
                "content/school/aux.v2.it.md",
                "---\ntitle: \"Aux\"\n---\nx\n",
            )
        },
        Refused(&["content/school/aux.v2.it.md", "reserved"]),
    ),
    case(
        "file names",
        "very long name",
        |f| {
            f.write(
                &format!("content/school/{}.it.md", "a".repeat(120)),
                "---\ntitle: \"Lungo\"\n---\nx\n",
            )
        },
        Refused(&["content/school/aaaaaaaaaa", "100 bytes"]),
    ),
    case(
        "file names",
        "upper-case .MD extension",
        |f| {
            f.write(
                "content/school/guida.it.MD",
                "---\ntitle: \"Guida\"\n---\nx\n",
            )
        },
        Warned(&["content/school/guida.it.MD"]),
    ),
    case(
        "file names",
        "editor backups and autosaves beside a page",
        |f| {
            f.write("content/school/enrol.it.md.bak", "garbage");
            f.write("content/school/enrol.it.md~", "garbage");
            f.write("content/school/#enrol.it.md#", "garbage");
            f.write("content/school/.#enrol.it.md", "garbage");
        },
        Builds,
    ),
    case(
        "file names",
        "ampersand in a file name",
        |f| {
            f.write(
                "content/school/q&a.it.md",
                "---\ntitle: \"Domande\"\n---\nx\n",
            )
        },
        Refused(&["content/school/q&a.it.md"]),
    ),
    // The same visible name, composed (NFC) and decomposed (NFD, as macOS writes it).
    case(
        "file names",
        "same name in NFC and NFD",
        |f| {
            f.write(
                "content/school/citt\u{e0}.it.md",
                "---\ntitle: \"Città\"\n---\nx\n",
            );
            f.write(
                "content/school/citta\u{300}.it.md",
                "---\ntitle: \"Città due\"\n---\nx\n",
            );
        },
        Refused(&[
            "content/school/citt\u{e0}.it.md",
            "content/school/citta\u{300}.it.md",
        ]),
    ),
    case(
        "file names",
        "space in a folder name",
        |f| {
            f.write(
                "content/my school/_index.it.md",
                "---\ntitle: \"Scuola mia\"\n---\nx\n",
            )
        },
        Refused(&["content/my school/_index.it.md", "folder name"]),
    ),
    case(
        "file names",
        "_index with and without a language suffix",
        |f| {
            f.write(
                "content/school/_index.md",
                "---\ntitle: \"Scuola bis\"\n---\nx\n",
            )
        },
        Refused(&["content/school/_index.md", "content/school/_index.it.md"]),
    ),
    case(
        "file names",
        "tag instead of code as suffix",
        |f| {
            f.write(
                "content/school/enrol.zh-Hans.md",
                "---\ntitle: \"入学\"\n---\nx\n",
            )
        },
        Refused(&["content/school/enrol.zh-Hans.md", "zh-Hans"]),
    ),
    // Two pages that look identical in every file manager.
    case(
        "file names",
        "zero-width space in a file name",
        |f| {
            f.write(
                "content/school/vis\u{200b}to.it.md",
                "---\ntitle: \"Visto invisibile\"\n---\nx\n",
            )
        },
        Refused(&["content/school/vis\u{200b}to.it.md"]),
    ),
    case(
        "file names",
        "right-to-left override in a file name",
        |f| {
            f.write(
                "content/school/\u{202e}dm.exe.it.md",
                "---\ntitle: \"Trucco\"\n---\nx\n",
            )
        },
        Refused(&["content/school/\u{202e}dm.exe.it.md"]),
    ),
    case(
        "file names",
        "a section named search",
        |f| {
            f.write(
                "content/search/_index.it.md",
                "---\ntitle: \"Cerca\"\n---\nx\n",
            )
        },
        Refused(&["content/search/_index.it.md", "search"]),
    ),
    case(
        "file names",
        "symbolic link to a page outside the site",
        |f| {
            let target = write_outside(
                f,
                "secret.it.md",
                "---\ntitle: \"Segreto\"\n---\nSegreto.\n",
            );
            symlink(&target, &f.root().join("content/school/link.it.md"));
        },
        Warned(&["content/school/link.it.md", "symbolic link"]),
    )
    .then(|f| absent(f, "it/school/link/index.html"))
    .unix(),
];

const CONTENT: &[Case] = &[
    case(
        "content",
        "link to a page that does not exist",
        |f| page(f, "Vedi [il visto](../legal/vista.md).\n"),
        Refused(&["content/school/prova.it.md:4:", "vista"]),
    ),
    case(
        "content",
        "link to a missing anchor on another page",
        |f| page(f, "Vedi [l'età](enrol.md#eta).\n"),
        Refused(&["content/school/prova.it.md:4:", "eta"]),
    ),
    case(
        "content",
        "link to a missing anchor on the same page",
        |f| page(f, "Vai [in fondo](#fondo).\n"),
        Refused(&["content/school/prova.it.md:4:", "fondo"]),
    ),
    case(
        "content",
        "link to a page above the content folder",
        |f| page(f, "Vedi [questo](../../../approdo-canary-up.md).\n"),
        Refused(&["content/school/prova.it.md:4:", "above"]),
    ),
    case(
        "content",
        "link to a site path with no page",
        |f| page(f, "Vedi [la pagina](/it/nessuna/).\n"),
        Refused(&["content/school/prova.it.md:4:", "/it/nessuna/"]),
    ),
    case(
        "content",
        "link to a page by its translated file name",
        |f| page(f, "Vedi [l'iscrizione](enrol.it.md#age).\n"),
        Builds,
    ),
    // Not resolved as a page, so it would be published as a broken relative link.
    case(
        "content",
        "link to a page with an upper-case .MD",
        |f| page(f, "Vedi [l'iscrizione](enrol.MD).\n"),
        Refused(&["content/school/prova.it.md:4:", "enrol.MD"]),
    ),
    case(
        "content",
        "link without text",
        |f| page(f, "Vedi [](enrol.md).\n"),
        Refused(&["content/school/prova.it.md:4:", "no text"]),
    ),
    case(
        "content",
        "javascript: with an entity in raw HTML",
        |f| page(f, "<a href=\"&#106;avascript:alert(1)\">apri</a>\n"),
        Refused(&["content/school/prova.it.md:4:", "javascript"]),
    ),
    case(
        "content",
        "javascript: autolink",
        |f| page(f, "Apri <javascript:alert(1)>.\n"),
        Refused(&["content/school/prova.it.md:4:", "javascript"]),
    ),
    case(
        "content",
        "javascript: with &colon; in a Markdown link",
        |f| page(f, "[apri](javascript&colon;alert(1))\n"),
        Refused(&["content/school/prova.it.md:4:", "javascript"]),
    ),
    case(
        "content",
        "data: HTML link",
        |f| page(f, "[apri](data:text/html,<script>alert(1)</script>)\n"),
        Refused(&["content/school/prova.it.md:4:", "data:"]),
    ),
    case(
        "content",
        "forged internal-link placeholder",
        |f| page(f, "[apri](approdo:page/0)\n"),
        Refused(&["content/school/prova.it.md:4:", "approdo:page/"]),
    ),
    case(
        "content",
        "raw <script>",
        |f| page(f, "Testo.<script>alert(1)</script>\n"),
        Warned(&["content/school/prova.it.md:4:", "script"]),
    ),
    case(
        "content",
        "onerror on an existing image",
        |f| {
            ok_png(f);
            page(
                f,
                "<img src=\"/img/ok.png\" alt=\"Il logo\" onerror=\"alert(1)\">\n",
            );
        },
        Warned(&["content/school/prova.it.md:4:", "onerror"]),
    )
    .then(|f| no_handlers(f, "it/school/prova/index.html")),
    case(
        "content",
        "classic <img src=x onerror>",
        |f| page(f, "<img src=x onerror=alert(1)>\n"),
        Refused(&["content/school/prova.it.md:4:"]),
    ),
    case(
        "content",
        "missing image",
        |f| page(f, "![modulo](modulo-mancante.png)\n"),
        Refused(&["content/school/prova.it.md:4:", "modulo-mancante.png"]),
    ),
    case(
        "content",
        "missing image in raw HTML",
        |f| page(f, "<img src=\"/img/nope.png\" alt=\"x\">\n"),
        Refused(&["content/school/prova.it.md:4:", "nope.png"]),
    ),
    case(
        "content",
        "missing site-absolute image",
        |f| page(f, "![x](/images/nope.png)\n"),
        Refused(&["content/school/prova.it.md:4:", "nope.png"]),
    ),
    case(
        "content",
        "missing image above the site",
        |f| page(f, "![x](../../../../approdo-canary-img.png)\n"),
        Refused(&["content/school/prova.it.md:4:", "approdo-canary-img.png"]),
    ),
    case(
        "content",
        "existing static image",
        |f| {
            ok_png(f);
            page(f, "![Il logo del sito](/img/ok.png)\n");
        },
        Builds,
    ),
    case(
        "content",
        "data: image",
        |f| page(f, "![Un punto rosso](data:image/png;base64,iVBORw0KGgo=)\n"),
        Builds,
    ),
    case(
        "content",
        "protocol-relative image from another site",
        |f| page(f, "![x](//evil.example/x.png)\n"),
        Refused(&["content/school/prova.it.md:4:", "another site"]),
    ),
    case(
        "content",
        "upper-case HTTPS image in raw HTML",
        |f| page(f, "<img src=\"HTTPS://evil.example/x.png\" alt=\"x\">\n"),
        Refused(&["content/school/prova.it.md:4:", "another site"]),
    ),
    case(
        "content",
        "srcset pointing at another site",
        |f| {
            ok_png(f);
            page(
                f,
                "<img src=\"/img/ok.png\" alt=\"Il logo\" \
             srcset=\"https://evil.example/x.png 2x\">\n",
            );
        },
        Warned(&["content/school/prova.it.md:4:", "srcset"]),
    )
    .then(|f| {
        let html = f.read("it/school/prova/index.html");
        if html.contains("evil.example") {
            Err("evil.example reached the page".into())
        } else {
            Ok(())
        }
    }),
    case(
        "content",
        "style attribute with a remote background",
        |f| {
            page(
                f,
                "<span style=\"background:url(https://evil.example/x)\">testo</span>\n",
            )
        },
        Warned(&["content/school/prova.it.md:4:", "style"]),
    ),
    case(
        "content",
        "image without alt text",
        |f| {
            ok_png(f);
            page(f, "![](/img/ok.png)\n");
        },
        Refused(&["content/school/prova.it.md:4:", "alt"]),
    ),
    case(
        "content",
        "raw HTML image without alt text",
        |f| {
            ok_png(f);
            page(f, "<img src=\"/img/ok.png\">\n");
        },
        Refused(&["content/school/prova.it.md:4:", "alt"]),
    ),
    case(
        "content",
        "same explicit heading id twice",
        |f| page(f, "## A {#doppio}\n\n## B {#doppio}\n"),
        Refused(&["content/school/prova.it.md:6:", "doppio"]),
    ),
    // <main id="main"> is the skip link's target: a heading with that id breaks it.
    case(
        "content",
        "explicit heading id the theme uses",
        |f| page(f, "## Inizio {#main}\n"),
        Refused(&["content/school/prova.it.md:4:", "main"]),
    ),
    // The theme's own ids come from its templates, not from a hand-kept list that missed these.
    case(
        "content",
        "explicit heading id of the theme's section list",
        |f| page(f, "## Pagine {#section-pages}\n"),
        Refused(&["content/school/prova.it.md:4:", "section-pages"]),
    ),
    case(
        "content",
        "explicit heading id of the search box a macro builds",
        |f| page(f, "## Cerca {#site-search-q}\n"),
        Refused(&["content/school/prova.it.md:4:", "site-search-q"]),
    ),
    case(
        "content",
        "generated heading id equal to a theme id",
        |f| page(f, "## Site search q\n\n## Steps heading\n"),
        Builds,
    )
    .then(|f| unique_ids(f, "it/school/prova/index.html")),
    case(
        "content",
        "explicit id equal to a generated one",
        |f| page(f, "## Documenti\n\n## Altro {#documenti}\n"),
        Builds,
    ),
    case(
        "content",
        "quote in an explicit heading id",
        |f| page(f, "## A {#x\"onmouseover=alert(1)}\n"),
        Builds,
    )
    .then(|f| no_handlers(f, "it/school/prova/index.html")),
    case(
        "content",
        "setext h1 in the body",
        |f| page(f, "Titolo\n======\n"),
        Refused(&["content/school/prova.it.md:4:", "level-1"]),
    ),
    case(
        "content",
        "empty heading",
        |f| page(f, "##\n\nTesto.\n"),
        Refused(&["content/school/prova.it.md:4:", "empty heading"]),
    ),
    case(
        "content",
        "heading with only an id",
        |f| page(f, "## {#vuoto}\n\nTesto.\n"),
        Refused(&["content/school/prova.it.md:4:", "empty heading"]),
    ),
    case(
        "content",
        "table without a header row",
        |f| page(f, "| | |\n|-|-|\n|a|b|\n"),
        Refused(&["content/school/prova.it.md:4:", "header"]),
    ),
    case(
        "content",
        "steps skip a number",
        |f| edit(f, "content/legal/arrival.it.md", "step: 2", "step: 3"),
        Refused(&["content/legal/arrival.it.md:3:", "step"]),
    ),
    case(
        "content",
        "step used twice",
        |f| edit(f, "content/legal/arrival.it.md", "step: 2", "step: 1"),
        Refused(&[
            "arrival.it.md:3:|visa.it.md:4:",
            "content/legal/arrival.it.md",
            "content/legal/visa.it.md",
            "step 1",
        ]),
    ),
    case(
        "content",
        "right-to-left override in an Arabic page",
        |f| {
            f.write(
                "content/legal/visa.ar.md",
                "---\ntitle: \"التأشيرة\"\nstep: 1\n---\nالرقم \u{202E}123\u{202C} هنا.\n",
            )
        },
        Warned(&["content/legal/visa.ar.md:5:", "U+202E"]),
    ),
    case(
        "content",
        "invalid UTF-8 in the title",
        |f| f.write_bytes(PROVA, b"---\ntitle: \"Citt\xe0\"\n---\nTesto.\n"),
        Refused(&["content/school/prova.it.md:2:", "UTF-8"]),
    ),
    case(
        "content",
        "Latin-1 body",
        |f| f.write_bytes(PROVA, b"---\ntitle: \"Prova\"\n---\nLa citt\xe0.\n"),
        Refused(&["content/school/prova.it.md:4:", "UTF-8"]),
    ),
    // Windows "Unicode" encoding.
    case(
        "content",
        "UTF-16 file",
        |f| {
            let mut bytes = vec![0xFF, 0xFE];
            for u in "---\ntitle: \"Prova\"\n---\nTesto.\n".encode_utf16() {
                bytes.extend(u.to_le_bytes());
            }
            f.write_bytes(PROVA, &bytes);
        },
        Refused(&["content/school/prova.it.md", "UTF-8"]),
    ),
    case(
        "content",
        "NUL byte in the body",
        |f| f.write_bytes(PROVA, b"---\ntitle: \"Prova\"\n---\nTesto\0nascosto.\n"),
        Refused(&["content/school/prova.it.md:4:"]),
    ),
    case(
        "content",
        "10,000-character heading",
        |f| page(f, &format!("## {}\n\nTesto.\n", "parola ".repeat(1430))),
        Builds,
    ),
    // Everything after an unclosed comment silently disappears from the page.
    case(
        "content",
        "HTML comment never closed",
        |f| {
            page(
                f,
                "Testo.\n\n<!-- nota per la redazione\n\n## Documenti\n\nTesto importante.\n",
            )
        },
        Warned(&["content/school/prova.it.md:6:", "comment"]),
    ),
    case(
        "content",
        "meta refresh to another site",
        |f| {
            page(
                f,
                "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">\n",
            )
        },
        Warned(&["content/school/prova.it.md:4:", "meta"]),
    ),
    case(
        "content",
        "base href",
        |f| page(f, "<base href=\"https://evil.example/\">\n"),
        Warned(&["content/school/prova.it.md:4:", "base"]),
    ),
];

const OUTPUT: &[Case] = &[
    case(
        "output",
        "a file named public",
        |f| {
            std::fs::remove_dir_all(f.out()).unwrap();
            std::fs::write(f.out(), "appunti").unwrap();
        },
        Refused(&["public", "file"]),
    ),
    // `rsync` without hidden files, or a tidy-up, removed the marker.
    case(
        "output",
        "own output whose marker was deleted",
        |f| std::fs::remove_file(f.out().join(".approdo-output")).unwrap(),
        Refused(&["public", "not created by approdo"]),
    ),
    case(
        "output",
        "empty folder not made by approdo",
        |f| {
            std::fs::remove_dir_all(f.out()).unwrap();
            std::fs::create_dir(f.out()).unwrap();
        },
        Builds,
    ),
    case(
        "output",
        "output folder made read-only",
        |f| set_mode(&f.out(), 0o555),
        Refused(&["public", "writable|read-only"]),
    )
    .unix(),
    case(
        "output",
        "leftover old folder from a killed build",
        |f| {
            f.write(".public.old-4242-1/.approdo-output", "x");
            f.write(".public.old-4242-1/it/index.html", "vecchio");
        },
        Builds,
    ),
    case(
        "output",
        "leftover staging folder with partial files",
        |f| {
            f.write(".public.staging-4242-2/.approdo-output", "x");
            f.write(
                ".public.staging-4242-2/it/legal/visa/index.html",
                "<html><body>mez",
            );
        },
        Builds,
    ),
    // Killed between moving public/ away and moving the new one in.
    case(
        "output",
        "public moved away by a killed build",
        |f| std::fs::rename(f.out(), f.root().join(".public.old-4242-3")).unwrap(),
        Builds,
    ),
    case(
        "output",
        "leftover-like folder without the marker is left alone",
        |f| f.write(".public.old-4242-4/appunti.txt", "non toccare"),
        Builds,
    )
    .then(
        |f| match std::fs::read_to_string(f.root().join(".public.old-4242-4/appunti.txt")) {
            Ok(t) if t == "non toccare" => Ok(()),
            other => Err(format!(".public.old-4242-4/appunti.txt: {other:?}")),
        },
    ),
    case(
        "output",
        "file named like a staging folder is left alone",
        |f| f.write(".public.staging-4242-5", "non toccare"),
        Builds,
    )
    .then(|f| {
        if f.root().join(".public.staging-4242-5").is_file() {
            Ok(())
        } else {
            Err(".public.staging-4242-5 was removed".into())
        }
    }),
    case(
        "output",
        "half-written output folder",
        |f| {
            std::fs::remove_file(f.out().join("it/index.html")).unwrap();
            std::fs::write(f.out().join("stale.html"), "vecchio").unwrap();
        },
        Builds,
    )
    .then(|f| absent(f, "stale.html").and_then(|()| exists(f, "it/index.html"))),
    // The previous output is deleted after the swap: the link must go, never what it points at.
    case(
        "output",
        "symbolic link inside the old output",
        |f| {
            f.write("keep/precious.txt", "prezioso");
            symlink(&f.root().join("keep"), &f.out().join("link"));
        },
        Builds,
    )
    .then(
        |f| match std::fs::read_to_string(f.root().join("keep/precious.txt")) {
            Ok(t) if t == "prezioso" => Ok(()),
            other => Err(format!("keep/precious.txt: {other:?}")),
        },
    )
    .unix(),
    case(
        "output",
        "symbolic link in static/ to a file outside the site",
        |f| {
            let target = write_outside(f, "secret.txt", "segreto");
            symlink(&target, &f.root().join("static/secret.txt"));
        },
        Warned(&["static/secret.txt", "symbolic link"]),
    )
    .then(|f| absent(f, "secret.txt"))
    .unix(),
    case(
        "output",
        "static/ itself a symbolic link outside the site",
        |f| {
            write_outside(f, "shared/secret.txt", "segreto");
            symlink(&outside(f).join("shared"), &f.root().join("static"));
        },
        Warned(&["static", "symbolic link"]),
    )
    .then(|f| absent(f, "secret.txt"))
    .unix(),
    case(
        "output",
        "static file on a page's path",
        |f| f.write("static/it/index.html", "<p>statico</p>"),
        Refused(&["static/it/index.html", "content/_index.it.md"]),
    ),
    case(
        "output",
        "static file where a language folder goes",
        |f| f.write("static/it", "statico"),
        Refused(&["static/it"]),
    ),
    case(
        "output",
        "site stylesheet replaces the theme's",
        |f| f.write("static/style.css", "/* sito */\n"),
        Builds,
    )
    .then(|f| out_contains(f, "style.css", "/* sito */")),
];

// ---------------------------------------------------------------------------------------------
// The runner.

/// Path (relative, `/`-separated) → hash of the contents; folders and links are entries too.
type Snapshot = BTreeMap<String, u64>;

fn hash(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// Everything under `dir` (or `dir` itself when it is a file); `keep` filters the entries directly
/// under `dir`.
fn snapshot_with(dir: &Path, keep: impl Fn(&str) -> bool) -> Snapshot {
    let mut map = Snapshot::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() != 1 || keep(&e.file_name().to_string_lossy()));
    for entry in walker.filter_map(Result::ok) {
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let rel = rel.to_string_lossy().replace('\\', "/");
        let ft = entry.file_type();
        let value = if ft.is_symlink() {
            let target = std::fs::read_link(entry.path()).unwrap_or_default();
            hash(format!("link:{}", target.display()).as_bytes())
        } else if ft.is_dir() {
            hash(b"dir")
        } else {
            hash(&std::fs::read(entry.path()).unwrap_or_else(|e| e.to_string().into_bytes()))
        };
        map.insert(rel, value);
    }
    map
}

fn snapshot(dir: &Path) -> Snapshot {
    snapshot_with(dir, |_| true)
}

/// The site's own files: everything but the output and the `.public.*` names beside it.
fn source_snapshot(root: &Path) -> Snapshot {
    snapshot_with(root, |name| {
        name != "public" && !name.starts_with(".public.")
    })
}

/// What changed between two snapshots (a few paths).
fn diff(before: &Snapshot, after: &Snapshot) -> String {
    let mut out = Vec::new();
    for (p, h) in before {
        match after.get(p) {
            None => out.push(format!("removed {p}")),
            Some(h2) if h2 != h => out.push(format!("changed {p}")),
            _ => {}
        }
    }
    out.extend(
        after
            .keys()
            .filter(|p| !before.contains_key(*p))
            .map(|p| format!("added {p}")),
    );
    let n = out.len();
    out.truncate(8);
    if n > 8 {
        out.push(format!("… and {} more", n - 8));
    }
    out.join(", ")
}

/// `.public.staging-*` and `.public.old-*` folders beside the output, with whether each carries
/// approdo's marker.
fn leftovers(root: &Path) -> BTreeMap<String, bool> {
    std::fs::read_dir(root)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(".public.staging-") || n.starts_with(".public.old-"))
                .map(|n| {
                    let marked = root.join(&n).join(".approdo-output").exists();
                    (n, marked)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Paths named `approdo-canary…` in the temp folder and beside the site.
fn canaries(f: &Fixture) -> Vec<PathBuf> {
    let mut places = vec![std::env::temp_dir()];
    places.extend(f.root().parent().map(Path::to_path_buf));
    let mut found = Vec::new();
    for place in places {
        for e in walkdir::WalkDir::new(&place)
            .max_depth(2)
            .follow_links(false)
            .into_iter()
            .filter_map(Result::ok)
        {
            if e.file_name().to_string_lossy().contains("approdo-canary") {
                found.push(e.into_path());
            }
        }
    }
    found
}

fn panic_text(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<String>()
        .cloned()
        .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "(no message)".into())
}

fn truncated(s: &str, n: usize) -> String {
    if s.chars().count() > n {
        format!("{}…", s.chars().take(n).collect::<String>())
    } else {
        s.to_string()
    }
}

/// The needles (or `a|b` alternatives) not found in `text`.
fn missing<'a>(text: &str, needles: &[&'a str]) -> Vec<&'a str> {
    needles
        .iter()
        .filter(|n| !n.split('|').any(|alt| text.contains(alt)))
        .copied()
        .collect()
}

fn run_case(case: &Case) -> Result<(), String> {
    let f = Fixture::new();
    let result = run_in(&f, case);
    // Leave nothing behind: permission bits back, the folder beside the site gone.
    for e in walkdir::WalkDir::new(f.root())
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir())
    {
        set_mode(e.path(), 0o755);
    }
    let _ = std::fs::remove_dir_all(outside(&f));
    result
}

fn run_in(f: &Fixture, case: &Case) -> Result<(), String> {
    f.build()
        .map_err(|e| format!("the fixture does not build before the mistake:\n{}", e.0))?;
    catch_unwind(AssertUnwindSafe(|| (case.setup)(f)))
        .map_err(|p| format!("the case's setup panicked: {}", panic_text(&*p)))?;
    let source = source_snapshot(f.root());
    // Equal to the baseline unless the mistake is in the output folder itself.
    let out_before = snapshot(&f.out());
    let unmarked: BTreeSet<String> = leftovers(f.root())
        .into_iter()
        .filter(|(_, marked)| !marked)
        .map(|(n, _)| n)
        .collect();

    let built = catch_unwind(AssertUnwindSafe(|| f.build()))
        .map_err(|p| format!("the build panicked: {}", panic_text(&*p)))?;

    let mut problems = Vec::new();
    let after = source_snapshot(f.root());
    if after != source {
        problems.push(format!(
            "the build changed the site's own files: {}",
            diff(&source, &after)
        ));
    }
    for (name, _) in leftovers(f.root()) {
        if !unmarked.contains(&name) {
            problems.push(format!("{name} was left beside the output"));
        }
    }
    let canaries = canaries(f);
    if !canaries.is_empty() {
        problems.push(format!("written outside the site: {canaries:?}"));
    }
    match &built {
        Err(_) => {
            let now = snapshot(&f.out());
            if now != out_before {
                problems.push(format!(
                    "the failed build changed public/: {}",
                    diff(&out_before, &now)
                ));
            }
        }
        Ok(_) => {
            for rel in [
                ".approdo-output",
                "index.html",
                "it/index.html",
                "zh/legal/visa/index.html",
            ] {
                if !f.out().join(rel).is_file() {
                    problems.push(format!("the output has no {rel}"));
                }
            }
        }
    }

    let got = match &built {
        Ok(r) => format!(
            "built; warnings:\n{}",
            truncated(&r.warnings.to_string(), 600)
        ),
        Err(e) => format!("refused:\n{}", truncated(&e.0.to_string(), 600)),
    };
    if std::env::var_os("MISTAKES_SHOW").is_some() {
        eprintln!("[{}] {}: {}\n", case.area, case.name, got);
    }
    match (case.expect, &built) {
        (Builds, Ok(_)) => {}
        (Warned(needles), Ok(r)) => {
            let gone = missing(&r.warnings.to_string(), needles);
            if !gone.is_empty() {
                problems.push(format!("the warnings do not mention {gone:?}"));
            }
        }
        (Refused(needles), Err(e)) => {
            let gone = missing(&e.0.to_string(), needles);
            if !gone.is_empty() {
                problems.push(format!("the diagnostics do not mention {gone:?}"));
            }
        }
        (RefusedOnce(needles), Err(e)) => {
            let gone = missing(&e.0.to_string(), needles);
            if !gone.is_empty() {
                problems.push(format!("the diagnostics do not mention {gone:?}"));
            }
            if e.0.error_count() != 1 {
                problems.push(format!("{} errors instead of one", e.0.error_count()));
            }
        }
        (Builds | Warned(_), Err(_)) => problems.push("the build was refused".into()),
        (Refused(_) | RefusedOnce(_), Ok(_)) => problems.push("the build succeeded".into()),
    }
    if let (Some(check), Ok(_)) = (case.check, &built) {
        match catch_unwind(AssertUnwindSafe(|| check(f))) {
            Ok(Ok(())) => {}
            Ok(Err(e)) => problems.push(e),
            Err(p) => problems.push(format!("the check panicked: {}", panic_text(&*p))),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "expected {:?}\n  problems: {}\n  got: {}",
            case.expect,
            problems.join("; "),
            got.replace('\n', "\n    ")
        ))
    }
}

fn run(tables: &[&[Case]]) {
    let cases: Vec<&Case> = tables
        .iter()
        .flat_map(|t| t.iter())
        .filter(|c| cfg!(unix) || !c.unix_only)
        .collect();
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            run_case(c)
                .err()
                .map(|e| format!("[{}] {}: {e}", c.area, c.name))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

#[test]
fn site_toml_and_locale_mistakes() {
    run(&[CONFIG, LOCALES]);
}

#[test]
fn theme_data_and_shortcode_mistakes() {
    run(&[THEME, DATA]);
}

#[test]
fn front_matter_mistakes() {
    run(&[FRONT]);
}

#[test]
fn file_name_mistakes() {
    run(&[NAMES]);
}

#[test]
fn content_mistakes() {
    run(&[CONTENT]);
}

#[test]
fn output_folder_mistakes() {
    run(&[OUTPUT]);
}

#[test]
fn the_corpus_has_at_least_100_cases() {
    let all = [CONFIG, LOCALES, THEME, DATA, FRONT, NAMES, CONTENT, OUTPUT];
    let n: usize = all.iter().map(|t| t.len()).sum();
    assert!(n >= 100, "only {n} cases");
    let mut names = BTreeSet::new();
    for c in all.iter().flat_map(|t| t.iter()) {
        assert!(
            names.insert((c.area, c.name)),
            "case named twice: {}",
            c.name
        );
    }
}

/// Two builds of one site started at the same moment (an editor's save while a deploy script
/// runs): both succeed, and the output is the complete site, nothing left beside it.
#[test]
fn two_builds_at_once_both_succeed_and_leave_a_complete_output() {
    let f = Fixture::new();
    f.build().expect("the fixture builds");
    let reference = snapshot(&f.out());
    let mut failures = Vec::new();
    for round in 0..10 {
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
        let builds: Vec<_> = (0..2)
            .map(|_| {
                let root = f.root().to_path_buf();
                let barrier = std::sync::Arc::clone(&barrier);
                std::thread::spawn(move || {
                    barrier.wait();
                    let mut r = approdo::build(&approdo::BuildOptions::new(root));
                    if let Ok(report) = &mut r {
                        report.cleanup.wait();
                    }
                    r.map(|_| ()).map_err(|e| e.0.to_string())
                })
            })
            .collect();
        for (i, b) in builds.into_iter().enumerate() {
            match b.join() {
                Ok(Ok(())) => {}
                Ok(Err(e)) => failures.push(format!(
                    "round {round}, build {i} failed: {}",
                    truncated(&e, 600)
                )),
                Err(p) => failures.push(format!(
                    "round {round}, build {i} panicked: {}",
                    panic_text(&*p)
                )),
            }
        }
        let now = snapshot(&f.out());
        if now != reference {
            failures.push(format!(
                "round {round}: the output differs from a single build: {}",
                diff(&reference, &now)
            ));
        }
        let left = leftovers(f.root());
        if !left.is_empty() {
            failures.push(format!(
                "round {round}: left beside the output: {:?}",
                left.keys().collect::<Vec<_>>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
