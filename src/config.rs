//! `site.toml` → [`Config`], validated before any content is read.
//!
//! Configuration mistakes (a fallback naming a language that does not exist, a right-to-left language
//! declared `ltr` by a typo) would otherwise surface as odd pages much later, so they are errors here,
//! each pointing at its line in `site.toml`.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use unic_langid::LanguageIdentifier;

use crate::error::{Diagnostic, Diagnostics};
use crate::sanitize::RawHtml;

pub const CONFIG_FILE: &str = "site.toml";

/// Writing direction of a language, written into `<html dir>` and every borrowed block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// One configured language.
#[derive(Debug, Clone, Serialize)]
pub struct Language {
    /// Short code used in file names (`visa.zh.md`) and URLs (`/zh/`).
    pub code: String,
    /// BCP 47 tag written in `lang`, `hreflang` and the sitemap (`zh-Hans`). Keeping it apart from
    /// `code` lets URLs stay short while the markup names the script precisely.
    pub tag: String,
    /// Endonym shown in the language switcher ("العربية", "中文").
    pub name: String,
    pub dir: Direction,
    /// Languages to borrow from, in order, when a page or a UI string is missing in this one.
    pub fallback: Vec<String>,
    /// Locale used to format numbers (`ar-u-nu-latn` for Western digits in Arabic); the tag when
    /// not given.
    pub numbers: String,
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site's root folder (where `site.toml` lives).
    pub root: PathBuf,
    /// Absolute base URL without a trailing slash (`https://example.org/guide`).
    pub base_url: String,
    /// Path part of the base URL (`/guide`, or empty), prefixed to every site-relative link.
    pub base_path: String,
    pub default_language: String,
    pub languages: Vec<Language>,
    pub theme: String,
    /// What happens to HTML written inside Markdown (`[markdown] raw_html`).
    pub raw_html: RawHtml,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    base_url: String,
    default_language: String,
    #[serde(default = "default_theme")]
    theme: String,
    languages: Vec<RawLanguage>,
    #[serde(default)]
    markdown: RawMarkdown,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawMarkdown {
    #[serde(default)]
    raw_html: RawHtml,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    code: String,
    tag: Option<String>,
    name: String,
    #[serde(default = "default_dir")]
    dir: Direction,
    #[serde(default)]
    fallback: Vec<String>,
    numbers: Option<String>,
}

fn default_theme() -> String {
    "default".into()
}

fn default_dir() -> Direction {
    Direction::Ltr
}

impl Config {
    /// Reads and validates `<root>/site.toml`.
    pub fn load(root: &Path) -> Result<Config, Diagnostics> {
        let path = root.join(CONFIG_FILE);
        let text = match std::fs::read(&path) {
            Ok(bytes) => crate::error::decode_source(Path::new(CONFIG_FILE), bytes)?,
            Err(e) => {
                return Err(Diagnostic::error(
                    CONFIG_FILE,
                    format!("cannot read {}: {e}", path.display()),
                )
                .with_hint("run approdo from the site's folder or pass --root DIR; a site folder holds site.toml, content/, locales/ and themes/")
                .into())
            }
        };
        Config::parse(root, &text)
    }

    /// Parses and validates the text of a `site.toml`.
    pub fn parse(root: &Path, text: &str) -> Result<Config, Diagnostics> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let d = Diagnostic::error(CONFIG_FILE, e.message().trim().to_string());
            match e.span() {
                Some(span) => d.at_offset(text, span.start),
                None => d,
            }
        })?;
        let mut diags = Diagnostics::default();
        let at = |needle: &str, d: Diagnostic| match text.find(needle) {
            Some(off) => d.at_offset(text, off),
            None => d,
        };

        let mut languages = Vec::new();
        for l in raw.languages {
            if !is_safe_code(&l.code) {
                diags.push(at(
                    &format!("\"{}\"", l.code),
                    Diagnostic::error(
                        CONFIG_FILE,
                        format!("language code `{}` is not a short lowercase code", l.code),
                    )
                    .with_hint("codes appear in file names and URLs: use 2–3 lowercase letters, optionally with -region (e.g. `ar`, `zh`, `pt-br`); put the full BCP 47 tag in `tag`"),
                ));
                continue;
            }
            let tag = l.tag.unwrap_or_else(|| l.code.clone());
            if tag.parse::<LanguageIdentifier>().is_err() {
                diags.push(at(
                    &format!("\"{tag}\""),
                    Diagnostic::error(
                        CONFIG_FILE,
                        format!("`{tag}` is not a valid BCP 47 language tag"),
                    )
                    .with_hint("examples: `it`, `ar`, `zh-Hans`, `pt-BR`"),
                ));
            }
            let numbers = l.numbers.unwrap_or_else(|| tag.clone());
            if numbers.parse::<icu_locale_core::Locale>().is_err() {
                diags.push(at(
                    &format!("\"{numbers}\""),
                    Diagnostic::error(
                        CONFIG_FILE,
                        format!("`{numbers}` is not a valid locale for `numbers`"),
                    )
                    .with_hint(
                        "examples: `ar-u-nu-latn` (Western digits), `ar` (Arabic-Indic digits)",
                    ),
                ));
            }
            if languages.iter().any(|o: &Language| o.code == l.code) {
                diags.push(at(
                    &format!("\"{}\"", l.code),
                    Diagnostic::error(
                        CONFIG_FILE,
                        format!("language `{}` is configured twice", l.code),
                    ),
                ));
                continue;
            }
            languages.push(Language {
                code: l.code,
                tag,
                name: l.name,
                dir: l.dir,
                fallback: l.fallback,
                numbers,
            });
        }
        if languages.is_empty() {
            diags.push(
                Diagnostic::error(CONFIG_FILE, "no languages are configured")
                    .with_hint("add at least one [[languages]] table with code, name and dir"),
            );
        }
        if !languages.iter().any(|l| l.code == raw.default_language) {
            diags.push(at(
                "default_language",
                Diagnostic::error(
                    CONFIG_FILE,
                    format!(
                        "default_language `{}` is not one of the configured languages",
                        raw.default_language
                    ),
                )
                .with_hint(format!("configured: {}", codes(&languages))),
            ));
        }
        for l in &languages {
            for f in &l.fallback {
                if f == &l.code || !languages.iter().any(|o| &o.code == f) {
                    diags.push(at(
                        "fallback",
                        Diagnostic::error(
                            CONFIG_FILE,
                            format!("language `{}` falls back to `{f}`, which is not another configured language", l.code),
                        )
                        .with_hint(format!("configured: {}", codes(&languages))),
                    ));
                }
            }
        }
        let (base_url, base_path) = match parse_base_url(&raw.base_url) {
            Ok(parsed) => parsed,
            Err(why) => {
                diags.push(at(
                    "base_url",
                    Diagnostic::error(
                        CONFIG_FILE,
                        format!("base_url `{}` {why}", raw.base_url),
                    )
                    .with_hint("write the address the site will be published at, e.g. \"https://example.org\" or \"https://example.org/guide/\""),
                ));
                (String::new(), String::new())
            }
        };
        if diags.has_errors() {
            return Err(diags);
        }
        Ok(Config {
            root: root.to_path_buf(),
            base_url,
            base_path,
            default_language: raw.default_language,
            languages,
            theme: raw.theme,
            raw_html: raw.markdown.raw_html,
        })
    }

    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    pub fn default_lang(&self) -> &Language {
        self.language(&self.default_language)
            .unwrap_or(&self.languages[0])
    }

    /// The order in which a language borrows: itself, its fallbacks, then the default language.
    pub fn chain<'a>(&'a self, code: &'a str) -> Vec<&'a str> {
        let mut chain: Vec<&str> = vec![code];
        if let Some(l) = self.language(code) {
            for f in &l.fallback {
                if !chain.contains(&f.as_str()) {
                    chain.push(f);
                }
            }
        }
        if !chain.contains(&self.default_language.as_str()) {
            chain.push(&self.default_language);
        }
        chain
    }

    /// Overrides the base URL (from `--base-url`), with the same rules as `site.toml`.
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        let (base_url, base_path) =
            parse_base_url(url).map_err(|why| format!("--base-url `{url}` {why}"))?;
        self.base_url = base_url;
        self.base_path = base_path;
        Ok(())
    }

    pub fn theme_dir(&self) -> PathBuf {
        self.root.join("themes").join(&self.theme)
    }
}

fn codes(languages: &[Language]) -> String {
    languages
        .iter()
        .map(|l| l.code.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A language code that is safe as a file-name suffix and a URL segment.
fn is_safe_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| {
            !p.is_empty()
                && p.len() <= 8
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Splits a published address into its origin-and-path form without a trailing slash
/// (`https://example.org/guide`) and its path (`/guide`, empty at the root), both as they go into
/// links (host lowercased and punycoded, path percent-encoded). Parsed by the `url` crate, as a
/// browser would, so a space in the host or a missing host is refused here rather than published
/// in every canonical link, hreflang and sitemap entry.
pub fn parse_base_url(raw: &str) -> Result<(String, String), String> {
    let url = url::Url::parse(raw.trim()).map_err(|e| format!("is not a valid URL ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("is not an http(s) URL".into());
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("has no host name".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("contains a user name or password".into());
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("has a `?query` or `#fragment`, which cannot prefix the site's links".into());
    }
    let path = url.path().trim_end_matches('/').to_string();
    let origin = url.origin().ascii_serialization();
    Ok((format!("{origin}{path}"), path))
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = r#"
base_url = "https://example.org/guide/"
default_language = "it"
[[languages]]
code = "it"
name = "Italiano"
[[languages]]
code = "ar"
name = "العربية"
dir = "rtl"
fallback = ["it"]
"#;

    #[test]
    fn parses_and_builds_chain() {
        let c = Config::parse(Path::new("."), OK).unwrap();
        assert_eq!(c.base_path, "/guide");
        assert_eq!(c.chain("ar"), vec!["ar", "it"]);
        assert_eq!(c.language("ar").unwrap().dir, Direction::Rtl);
    }

    #[test]
    fn unknown_fallback_is_an_error_with_line() {
        let bad = OK.replace("fallback = [\"it\"]", "fallback = [\"de\"]");
        let e = Config::parse(Path::new("."), &bad).unwrap_err();
        let d = &e.0[0];
        assert!(d.message.contains("`de`"), "{d}");
        assert_eq!(d.line, Some(11));
    }

    #[test]
    fn unknown_key_is_an_error_with_line() {
        let bad = OK.replace("dir = \"rtl\"", "direction = \"rtl\"");
        let e = Config::parse(Path::new("."), &bad).unwrap_err();
        assert!(e.0[0].message.contains("direction"), "{}", e.0[0]);
        assert_eq!(e.0[0].line, Some(10));
    }

    #[test]
    fn a_base_url_a_browser_would_refuse_is_an_error_at_its_line() {
        for bad in [
            "https://approdo example.org",
            "https://",
            "ftp://example.org",
            "example.org",
            "https://user:pw@example.org",
            "https://example.org/?x=1",
        ] {
            let text = OK.replace("https://example.org/guide/", bad);
            let e = Config::parse(Path::new("."), &text).unwrap_err();
            assert!(e.0[0].message.contains("base_url"), "{bad}: {}", e.0[0]);
            assert_eq!(e.0[0].line, Some(2), "{bad}");
        }
    }

    #[test]
    fn a_base_url_is_normalised_as_links_need_it() {
        for (raw, url, path) in [
            ("https://Example.ORG", "https://example.org", ""),
            (
                "http://localhost:8080/a/b/",
                "http://localhost:8080/a/b",
                "/a/b",
            ),
            (
                "https://例子.中国/指南/",
                "https://xn--fsqu00a.xn--fiqs8s/%E6%8C%87%E5%8D%97",
                "/%E6%8C%87%E5%8D%97",
            ),
        ] {
            let (u, p) = parse_base_url(raw).unwrap();
            assert_eq!((u.as_str(), p.as_str()), (url, path), "{raw}");
        }
    }
}
