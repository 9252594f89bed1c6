//! `site.toml` → [`Config`], validated before any content is read.
//!
//! Configuration mistakes (a fallback naming a language that does not exist, a right-to-left language
//! declared `ltr` by a typo) would otherwise surface as odd pages much later, so they are errors here,
//! each pointing at its line in `site.toml`.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;
use unic_langid::LanguageIdentifier;

use crate::error::{Diagnostic, Diagnostics};

pub const CONFIG_FILE: &str = "site.toml";

/// What happens to HTML written inside Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Keep the tags of [`crate::sanitize::GUIDE_TAGS`] (and what Markdown writes); remove the rest, with a warning.
    #[default]
    Sanitize,
    /// Pass everything through: for sites whose every editor is trusted.
    Allow,
    /// Show all raw HTML as text, with a warning.
    Escape,
}

/// What happens to a shortcode call no template renders (`[shortcodes] unknown`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UnknownShortcode {
    /// The build stops: a call readers would not see is a mistake until the site says otherwise.
    #[default]
    Error,
    /// A warning at the call; the call is dropped and its inner content kept, so a site brought
    /// from Hugo builds before it has a template for every shortcode it uses.
    Warn,
}

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
    /// What happens to a shortcode no template renders (`[shortcodes] unknown`).
    pub unknown_shortcode: UnknownShortcode,
    /// What a broken internal link or anchor is (`[links] broken`).
    pub broken_links: BrokenLinks,
}

/// `[links] broken`: whether a broken internal link or anchor stops the build. `warn` is for a site
/// moved from another generator, whose links are repaired while it is already published (Zola's
/// `link_checker.internal_level`); the link is then written as the editor wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BrokenLinks {
    #[default]
    Error,
    Warn,
}

impl BrokenLinks {
    /// How bad a broken link or anchor is under this setting.
    pub fn severity(self) -> crate::error::Severity {
        match self {
            BrokenLinks::Error => crate::error::Severity::Error,
            BrokenLinks::Warn => crate::error::Severity::Warning,
        }
    }
}

// Values that diagnostics point at are `Spanned`, so an error about the third `[[languages]]`
// table lands on that table's line, not on the first line that happens to contain the same text
// (or on a comment mentioning the key).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    base_url: Spanned<String>,
    default_language: Spanned<String>,
    #[serde(default = "default_theme")]
    theme: String,
    languages: Vec<RawLanguage>,
    #[serde(default)]
    markdown: RawMarkdown,
    #[serde(default)]
    links: RawLinks,
    #[serde(default)]
    shortcodes: RawShortcodes,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawShortcodes {
    #[serde(default)]
    unknown: UnknownShortcode,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawLinks {
    #[serde(default)]
    broken: BrokenLinks,
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
    code: Spanned<String>,
    tag: Option<Spanned<String>>,
    name: Spanned<String>,
    dir: Option<Spanned<Direction>>,
    #[serde(default)]
    fallback: Vec<Spanned<String>>,
    numbers: Option<Spanned<String>>,
}

fn default_theme() -> String {
    "default".into()
}

impl Config {
    /// A site path as a URL on this site: base path prefixed, percent-encoded (Arabic and
    /// Chinese slugs included), the form every `href` of the build uses.
    pub fn href(&self, path: &str) -> String {
        format!("{}{}", self.base_path, crate::escape::encode_path(path))
    }

    /// A site path as an absolute URL, for what leaves the site (sitemap, canonical, hreflang).
    pub fn absolute_url(&self, path: &str) -> String {
        let origin = self
            .base_url
            .strip_suffix(&self.base_path)
            .unwrap_or(&self.base_url);
        format!("{origin}{}", self.href(path))
    }

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
        let raw: RawConfig = toml::from_str(text).map_err(|e| syntax_error(text, &e))?;
        let mut check = ConfigCheck {
            text,
            diags: Diagnostics::default(),
        };
        let (languages, placed) = check.read_languages(raw.languages);
        check.require_languages(&languages);
        check.default_language_is_configured(&languages, &raw.default_language);
        check.fallbacks_are_configured(&languages, &placed);
        let (base_url, base_path) = check.read_base_url(&raw.base_url);
        if check.diags.has_errors() {
            return Err(check.diags);
        }
        Ok(Config {
            root: root.to_path_buf(),
            base_url,
            base_path,
            default_language: raw.default_language.into_inner(),
            languages,
            theme: raw.theme,
            raw_html: raw.markdown.raw_html,
            broken_links: raw.links.broken,
            unknown_shortcode: raw.shortcodes.unknown,
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

/// A TOML syntax or shape error (an unknown key, a wrong type), at its place when toml gives one.
fn syntax_error(text: &str, e: &toml::de::Error) -> Diagnostic {
    let d = Diagnostic::error(CONFIG_FILE, e.message().trim().to_string());
    match e.span() {
        Some(span) => d.at_offset(text, span.start),
        None => d,
    }
}

/// Where a kept language's code and fallbacks are written, for the checks that need the whole
/// list of languages first.
struct Placed {
    code: Range<usize>,
    fallback: Vec<Range<usize>>,
}

/// The validation of one `site.toml`: every problem is gathered, each placed at the value it is
/// about.
struct ConfigCheck<'t> {
    text: &'t str,
    diags: Diagnostics,
}

impl ConfigCheck<'_> {
    /// An error at the first character of a value (its opening quote).
    fn error(&mut self, span: Range<usize>, message: String, hint: impl Into<String>) {
        let d = Diagnostic::error(CONFIG_FILE, message).with_hint(hint);
        self.diags.push(d.at_offset(self.text, span.start));
    }

    /// The languages that can be used, in the order written; a table whose code is unusable or
    /// repeated is reported and left out.
    fn read_languages(&mut self, raw: Vec<RawLanguage>) -> (Vec<Language>, Vec<Placed>) {
        let mut kept: Vec<(Language, Placed)> = Vec::new();
        for l in raw {
            if let Some(language) = self.read_language(l, &kept) {
                kept.push(language);
            }
        }
        kept.into_iter().unzip()
    }

    /// One `[[languages]]` table; `None` when its code is not safe in file names and URLs or is
    /// already configured, since nothing else can refer to it then.
    fn read_language(
        &mut self,
        l: RawLanguage,
        kept: &[(Language, Placed)],
    ) -> Option<(Language, Placed)> {
        let code_span = l.code.span();
        let code = l.code.into_inner();
        if !is_safe_code(&code) {
            self.error(
                code_span,
                format!("language code `{code}` is not a short lowercase code"),
                "codes appear in file names and URLs: use 2–3 lowercase letters, optionally with -region (e.g. `ar`, `zh`, `pt-br`); put the full BCP 47 tag in `tag`",
            );
            return None;
        }
        let (tag, tag_span, rtl_script) = self.read_tag(l.tag, &code, &code_span);
        let numbers = self.read_numbers(l.numbers, &tag, tag_span);
        if let Some((_, first)) = kept.iter().find(|(o, _)| o.code == code) {
            let (first_line, _) = crate::error::line_col(self.text, first.code.start);
            self.error(
                code_span,
                format!("language `{code}` is configured twice (first on line {first_line})"),
                "each language has one [[languages]] table: remove this one, or merge what it says into the first",
            );
            return None;
        }
        self.name_is_not_empty(&l.name, &code);
        let dir = self.read_dir(l.dir.as_ref(), rtl_script, &tag, &code_span);
        let placed = Placed {
            code: code_span,
            fallback: l.fallback.iter().map(Spanned::span).collect(),
        };
        let language = Language {
            code,
            tag,
            name: l.name.into_inner(),
            dir,
            fallback: l.fallback.into_iter().map(Spanned::into_inner).collect(),
            numbers,
        };
        Some((language, placed))
    }

    /// The BCP 47 tag (the code when not given), where it is written, and whether its script is
    /// right to left (false for a tag that does not parse, which is reported).
    fn read_tag(
        &mut self,
        tag: Option<Spanned<String>>,
        code: &str,
        code_span: &Range<usize>,
    ) -> (String, Range<usize>, bool) {
        let tag_span = tag.as_ref().map_or(code_span.clone(), Spanned::span);
        let tag = tag.map_or_else(|| code.to_string(), Spanned::into_inner);
        let langid = tag.parse::<LanguageIdentifier>();
        if langid.is_err() {
            self.error(
                tag_span.clone(),
                format!("`{tag}` is not a valid BCP 47 language tag"),
                "examples: `it`, `ar`, `zh-Hans`, `pt-BR`",
            );
        }
        let rtl_script = langid.as_ref().is_ok_and(is_rtl);
        (tag, tag_span, rtl_script)
    }

    /// The locale numbers are formatted in (the tag when not given).
    fn read_numbers(
        &mut self,
        numbers: Option<Spanned<String>>,
        tag: &str,
        tag_span: Range<usize>,
    ) -> String {
        let numbers_span = numbers.as_ref().map_or(tag_span, Spanned::span);
        let numbers = numbers.map_or_else(|| tag.to_string(), Spanned::into_inner);
        if numbers.parse::<icu_locale_core::Locale>().is_err() {
            self.error(
                numbers_span,
                format!("`{numbers}` is not a valid locale for `numbers`"),
                "examples: `ar-u-nu-latn` (Western digits), `ar` (Arabic-Indic digits)",
            );
        }
        numbers
    }

    /// The name is the link text of the language switcher.
    fn name_is_not_empty(&mut self, name: &Spanned<String>, code: &str) {
        if name.get_ref().trim().is_empty() {
            self.error(
                name.span(),
                format!("language `{code}` has an empty `name`"),
                "the name is the link text of the language switcher: write the language's name in that language, e.g. \"English\", \"العربية\", \"中文\"",
            );
        }
    }

    /// The writing direction (`ltr` when not given); a right-to-left script left `ltr` is an
    /// error, since every page of it would be laid out the wrong way round.
    fn read_dir(
        &mut self,
        dir: Option<&Spanned<Direction>>,
        rtl_script: bool,
        tag: &str,
        code_span: &Range<usize>,
    ) -> Direction {
        let value = dir.map_or(Direction::Ltr, |d| *d.get_ref());
        if value == Direction::Ltr && rtl_script {
            let (span, why) = match dir {
                Some(d) => (d.span(), "but its `dir` is \"ltr\""),
                None => (
                    code_span.clone(),
                    "but it has no `dir`, which means \"ltr\"",
                ),
            };
            self.error(
                span,
                format!("`{tag}` is written right to left, {why}"),
                "write dir = \"rtl\" in this [[languages]] table: with \"ltr\" its pages are laid out the wrong way round (text aligned to the wrong side, punctuation at the wrong end of sentences)",
            );
        }
        value
    }

    fn require_languages(&mut self, languages: &[Language]) {
        if languages.is_empty() {
            self.diags.push(
                Diagnostic::error(CONFIG_FILE, "no languages are configured")
                    .with_hint("add at least one [[languages]] table with code, name and dir"),
            );
        }
    }

    fn default_language_is_configured(
        &mut self,
        languages: &[Language],
        default_language: &Spanned<String>,
    ) {
        let code = default_language.get_ref();
        if !languages.iter().any(|l| &l.code == code) {
            self.error(
                default_language.span(),
                format!("default_language `{code}` is not one of the configured languages"),
                format!("configured: {}", codes(languages)),
            );
        }
    }

    /// Fallbacks are checked once every language is known, so a language may fall back to one
    /// configured below it.
    fn fallbacks_are_configured(&mut self, languages: &[Language], placed: &[Placed]) {
        for (l, placed) in languages.iter().zip(placed) {
            for (f, span) in l.fallback.iter().zip(&placed.fallback) {
                if f == &l.code {
                    self.error(
                        span.clone(),
                        format!("language `{f}` falls back to itself"),
                        "list the other languages to borrow from, e.g. fallback = [\"en\"]; the default language is always tried last",
                    );
                } else if !languages.iter().any(|o| &o.code == f) {
                    self.error(
                        span.clone(),
                        format!(
                            "language `{}` falls back to `{f}`, which is not a configured language",
                            l.code
                        ),
                        format!("configured: {}", codes(languages)),
                    );
                }
            }
        }
    }

    /// The base URL and its path; empty (with the error reported) when it cannot be published at.
    fn read_base_url(&mut self, raw: &Spanned<String>) -> (String, String) {
        match parse_base_url(raw.get_ref()) {
            Ok(parsed) => parsed,
            Err(why) => {
                self.error(
                    raw.span(),
                    format!("base_url `{}` {why}", raw.get_ref()),
                    "write the address the site will be published at, e.g. \"https://example.org\" or \"https://example.org/guide/\"",
                );
                (String::new(), String::new())
            }
        }
    }
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

/// Whether a language is written right to left, judged from its tag, so a `dir = "ltr"` typo on an
/// Arabic or Hebrew site is caught before every page is laid out backwards. An explicit script
/// subtag decides (`ar-Latn` is left to right, `az-Arab` right to left); otherwise the language's
/// usual script does (the languages CLDR's likely subtags give a right-to-left script).
fn is_rtl(tag: &LanguageIdentifier) -> bool {
    const RTL_SCRIPTS: &[&str] = &[
        "Adlm", "Arab", "Aran", "Hebr", "Mand", "Mend", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa",
        "Yezi",
    ];
    const RTL_LANGUAGES: &[&str] = &[
        "acm", "aeb", "ajp", "apc", "ar", "arc", "arz", "ary", "azb", "bal", "bgn", "ckb", "dv",
        "fa", "he", "iw", "ji", "ks", "lrc", "mzn", "nqo", "pnb", "prs", "ps", "rhg", "sd", "sdh",
        "skr", "syr", "ug", "ur", "yi",
    ];
    match &tag.script {
        Some(script) => RTL_SCRIPTS.contains(&script.as_str()),
        None => RTL_LANGUAGES.contains(&tag.language.as_str()),
    }
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

    /// The only error of `text`, which must fail.
    fn only_error(text: &str) -> Diagnostic {
        let e = Config::parse(Path::new("."), text).unwrap_err();
        assert_eq!(e.0.len(), 1, "{:?}", e.0);
        e.0[0].clone()
    }

    #[test]
    fn a_language_configured_twice_is_reported_at_the_second_table() {
        let d = only_error(&format!(
            "{OK}[[languages]]\ncode = \"it\"\nname = \"Italiano 2\"\n"
        ));
        assert!(
            d.message.contains("twice") && d.message.contains("line 5"),
            "{d}"
        );
        assert_eq!(d.line, Some(13));
    }

    #[test]
    fn fallback_errors_point_at_their_own_table_not_the_first_fallback_line() {
        // The comment and the first table both mention `fallback` before the faulty one.
        let text = OK.replace(
            "[[languages]]\ncode = \"it\"",
            "# fallback: where to borrow from\n[[languages]]\ncode = \"it\"\nfallback = [\"ar\"]",
        );
        let text = text.replace("fallback = [\"it\"]", "fallback = [\"it\", \"ar\"]");
        let d = only_error(&text);
        assert!(d.message.contains("`ar` falls back to itself"), "{d}");
        assert_eq!(d.line, Some(13));
        let text = OK.replace("fallback = [\"it\"]", "fallback = [\"it\", \"fr\"]");
        let d = only_error(&text);
        assert!(d.message.contains("`fr`"), "{d}");
        assert_eq!((d.line, d.col), (Some(11), Some(19)));
    }

    #[test]
    fn a_right_to_left_language_declared_ltr_is_an_error_at_its_dir() {
        let d = only_error(&OK.replace("dir = \"rtl\"", "dir = \"ltr\""));
        assert!(d.message.contains("right to left"), "{d}");
        assert!(d.hint.as_deref().unwrap_or("").contains("rtl"), "{d}");
        assert_eq!(d.line, Some(10));
        // Without `dir`, the code's line.
        let d = only_error(&OK.replace("dir = \"rtl\"\n", ""));
        assert_eq!(d.line, Some(8));
        // Arabic in Latin letters is left to right.
        let latin = OK.replace("dir = \"rtl\"", "dir = \"ltr\"\ntag = \"ar-Latn\"");
        assert!(Config::parse(Path::new("."), &latin).is_ok());
    }

    #[test]
    fn direction_follows_the_script_then_the_language() {
        for (tag, rtl) in [
            ("ar", true),
            ("he", true),
            ("fa-IR", true),
            ("ckb", true),
            ("az-Arab", true),
            ("ar-Latn", false),
            ("uz-Cyrl", false),
            ("en", false),
            ("zh-Hans", false),
            ("ha", false),
            ("pa", false),
        ] {
            let id: LanguageIdentifier = tag.parse().unwrap();
            assert_eq!(is_rtl(&id), rtl, "{tag}");
        }
    }

    #[test]
    fn an_empty_language_name_is_an_error_at_its_line() {
        let d = only_error(&OK.replace("name = \"Italiano\"", "name = \" \""));
        assert!(
            d.message.contains("`it`") && d.message.contains("name"),
            "{d}"
        );
        assert_eq!(d.line, Some(6));
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
