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
            Ok(bytes) => String::from_utf8(bytes).map_err(|e| {
                Diagnostic::error(CONFIG_FILE, "site.toml is not valid UTF-8")
                    .at_offset(
                        &String::from_utf8_lossy(e.as_bytes()),
                        e.utf8_error().valid_up_to(),
                    )
                    .with_hint("save the file as UTF-8")
            })?,
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
        let base_url = raw.base_url.trim_end_matches('/').to_string();
        let base_path = match base_url
            .strip_prefix("https://")
            .or_else(|| base_url.strip_prefix("http://"))
        {
            Some(rest) => rest
                .find('/')
                .map_or(String::new(), |i| rest[i..].to_string()),
            None => {
                diags.push(at(
                    "base_url",
                    Diagnostic::error(
                        CONFIG_FILE,
                        format!("base_url `{}` is not an http(s) URL", raw.base_url),
                    )
                    .with_hint("write the address the site will be published at, e.g. \"https://example.org\""),
                ));
                String::new()
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
        let url = url.trim_end_matches('/');
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .ok_or_else(|| format!("--base-url `{url}` is not an http(s) URL"))?;
        self.base_path = rest
            .find('/')
            .map_or(String::new(), |i| rest[i..].to_string());
        self.base_url = url.to_string();
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
}
