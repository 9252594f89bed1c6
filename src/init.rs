//! `approdo init DIR`: a new minimal site that builds and serves at once: two languages (Italian and
//! English), a home page and one guide in both, the UI strings, and the default theme, all copied
//! from what this binary was built with.

use std::path::Path;

/// The default theme and locales, embedded at compile time so `init` needs nothing else.
const FILES: &[(&str, &str)] = &[
    ("themes/default/templates/base.html", include_str!("../themes/default/templates/base.html")),
    ("themes/default/templates/macros.html", include_str!("../themes/default/templates/macros.html")),
    ("themes/default/templates/index.html", include_str!("../themes/default/templates/index.html")),
    ("themes/default/templates/section.html", include_str!("../themes/default/templates/section.html")),
    ("themes/default/templates/page.html", include_str!("../themes/default/templates/page.html")),
    ("themes/default/templates/chooser.html", include_str!("../themes/default/templates/chooser.html")),
    ("themes/default/templates/404.html", include_str!("../themes/default/templates/404.html")),
    ("themes/default/templates/search.html", include_str!("../themes/default/templates/search.html")),
    ("themes/default/templates/i18n-status.html", include_str!("../themes/default/templates/i18n-status.html")),
    ("themes/default/templates/shortcodes/contact.html", include_str!("../themes/default/templates/shortcodes/contact.html")),
    ("themes/default/templates/shortcodes/figures.html", include_str!("../themes/default/templates/shortcodes/figures.html")),
    ("themes/default/templates/shortcodes/figure.html", include_str!("../themes/default/templates/shortcodes/figure.html")),
    ("themes/default/templates/shortcodes/details.html", include_str!("../themes/default/templates/shortcodes/details.html")),
    ("themes/default/templates/shortcodes/highlight.html", include_str!("../themes/default/templates/shortcodes/highlight.html")),
    ("themes/default/static/style.css", include_str!("../themes/default/static/style.css")),
    ("themes/default/static/search.js", include_str!("../themes/default/static/search.js")),
    ("themes/default/static/app.js", include_str!("../themes/default/static/app.js")),
    ("themes/default/static/sw.js", include_str!("../themes/default/static/sw.js")),
    ("themes/default/static/app.css", include_str!("../themes/default/static/app.css")),
    ("themes/default/templates/app-strings.json", include_str!("../themes/default/templates/app-strings.json")),
    ("themes/default/static/icons/icon.svg", include_str!("../themes/default/static/icons/icon.svg")),
    ("themes/default/templates/manifest.webmanifest", include_str!("../themes/default/templates/manifest.webmanifest")),
    ("themes/default/templates/offline.html", include_str!("../themes/default/templates/offline.html")),
    ("locales/it/main.ftl", include_str!("../locales/it/main.ftl")),
    ("locales/en/main.ftl", include_str!("../locales/en/main.ftl")),
    ("site.toml", SITE_TOML),
    ("content/_index.it.md", "---\ntitle: \"Benvenuti\"\ndescription: \"Un nuovo sito approdo.\"\n---\nQuesta è la pagina iniziale. Scrivi le guide in `content/`, una cartella per sezione.\n"),
    ("content/_index.en.md", "---\ntitle: \"Welcome\"\ndescription: \"A new approdo site.\"\n---\nThis is the home page. Write guides in `content/`, one folder per section.\n"),
    ("content/guides/_index.it.md", "---\ntitle: \"Guide\"\ndescription: \"Le guide del sito.\"\nweight: 10\n---\nLe guide di questa sezione.\n"),
    ("content/guides/_index.en.md", "---\ntitle: \"Guides\"\ndescription: \"The site's guides.\"\nweight: 10\n---\nThe guides in this section.\n"),
    ("content/guides/first-guide.it.md", "---\ntitle: \"La prima guida\"\ndescription: \"Un esempio di guida.\"\nupdated: 2026-01-01\n---\n## Che cosa serve {#what-you-need}\n\n- [ ] Un documento d'identità\n- [ ] Il codice fiscale\n"),
    ("content/guides/first-guide.en.md", "---\ntitle: \"The first guide\"\ndescription: \"An example guide.\"\nupdated: 2026-01-01\n---\n## What you need {#what-you-need}\n\n- [ ] An identity document\n- [ ] The tax code\n"),
    (".gitignore", "/public\n"),
];

/// The app icons (PNG: browsers want these sizes for an installable app).
const BINARY_FILES: &[(&str, &[u8])] = &[
    (
        "themes/default/static/icons/icon-192.png",
        include_bytes!("../themes/default/static/icons/icon-192.png"),
    ),
    (
        "themes/default/static/icons/icon-512.png",
        include_bytes!("../themes/default/static/icons/icon-512.png"),
    ),
];

const SITE_TOML: &str = r#"# approdo site configuration. See the approdo README for every key.
base_url = "https://example.org"
default_language = "it"
theme = "default"

[[languages]]
code = "it"
name = "Italiano"
dir = "ltr"

[[languages]]
code = "en"
name = "English"
dir = "ltr"
fallback = ["it"]
"#;

/// Creates the site; refuses a folder that exists and is not empty. Returns how many files it wrote.
pub fn init(dir: &Path) -> Result<usize, String> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        if !empty {
            return Err(format!(
                "{} already exists and is not empty; choose a new folder",
                dir.display()
            ));
        }
    }
    let files = FILES
        .iter()
        .map(|(p, t)| (*p, t.as_bytes()))
        .chain(BINARY_FILES.iter().copied());
    for (path, text) in files {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&target, text)
            .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    }
    Ok(FILES.len() + BINARY_FILES.len())
}
