//! Front matter: splitting it from the body, and reading it.
//!
//! YAML itself is read by [`crate::yaml`], the one module that touches serde_yaml.

use serde::{Deserialize, Serialize};

/// The only keys a page may carry. Unknown keys are errors, because a misspelt `wieght` that silently
/// does nothing is worse than a build that stops and says so.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub weight: Option<i64>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub updated: Option<String>,
    #[serde(default)]
    pub draft: bool,
    /// Published, but kept out of search engines, the sitemap and the site's own search.
    #[serde(default)]
    pub noindex: bool,
    #[serde(default)]
    pub step: Option<u32>,
    #[serde(default)]
    pub translation_key: Option<String>,
    #[serde(default)]
    pub kind: Option<SectionKind>,
    /// On a translation: the version of the source-language page it was translated from (see
    /// `approdo i18n stamp`), so a changed source shows which translations are out of date.
    #[serde(default)]
    pub translated_from: Option<String>,
}

pub const KNOWN_KEYS: &[&str] = &[
    "title",
    "description",
    "weight",
    "date",
    "updated",
    "draft",
    "noindex",
    "step",
    "translation_key",
    "kind",
    "translated_from",
];

/// How a section presents its pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    /// An unordered collection of guides, listed by weight.
    #[default]
    Guides,
    /// An ordered journey: pages carry `step:` and get "step n of N" with previous/next links.
    Steps,
}

/// A file split into its front matter and its Markdown body.
#[derive(Debug)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Byte offset of [`Split::yaml`] in the text given (a byte-order mark included), so the
    /// front matter can be edited in place.
    pub yaml_at: usize,
    /// 1-based line of the first YAML line (after the opening `---`).
    pub yaml_line: usize,
    pub body: &'a str,
    /// 1-based line where the body starts.
    pub body_line: usize,
}

/// A problem in a front matter: why a file could not be split or read, or (from [`warnings`]) what
/// reads differently from what was meant. Line and column are 1-based within the whole file.
#[derive(Debug)]
pub struct FrontMatterError {
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub hint: Option<String>,
}

/// Splits `---\n<yaml>\n---\n<body>`. A leading byte-order mark is tolerated (Windows editors add one).
pub fn split_front_matter(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let bom = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let text = &text[bom..];
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        return Err(FrontMatterError {
            line: 1,
            col: 1,
            message: "the file does not start with front matter (a line `---`)".into(),
            hint: Some(
                "start the file with:\n---\ntitle: \"Page title\"\ndescription: \"One sentence.\"\n---"
                    .into(),
            ),
        });
    }
    let yaml_start = (first_line_end + 1).min(text.len());
    let mut pos = yaml_start;
    let mut line = 2;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..end].trim_end() == "---" {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                yaml: &text[yaml_start..pos],
                yaml_at: bom + yaml_start,
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        pos = end + 1;
        line += 1;
    }
    Err(FrontMatterError {
        line: 1,
        col: 1,
        message: "the front matter opened by `---` on line 1 is never closed".into(),
        hint: Some("add a line `---` after the last front matter key".into()),
    })
}

/// Reads the YAML of a front matter. Errors carry lines relative to the whole file.
pub fn parse_front_matter(split: &Split<'_>) -> Result<FrontMatter, FrontMatterError> {
    if split.yaml.trim().is_empty() {
        return Err(FrontMatterError {
            line: split.yaml_line,
            col: 1,
            message: "the front matter is empty".into(),
            hint: Some("a page needs at least `title: \"...\"`".into()),
        });
    }
    crate::yaml::from_yaml_at::<FrontMatter>(split.yaml, split.yaml_line).map_err(|e| {
        // "while scanning a quoted scalar at line 1 column 8": the start of the construct is
        // where the editor has to look, not the end of the file where the parser gave up.
        let (line, col) = match (e.message.contains("while "), e.marks.last()) {
            (true, Some(&m)) => m,
            _ => (e.line, e.col),
        };
        FrontMatterError {
            line,
            col,
            hint: hint_for(&e.message),
            message: editorial(&e.message),
        }
    })
}

/// Rewrites serde's wording into an editor's: "`weight` must be a whole number, found string \"two\"".
fn editorial(message: &str) -> String {
    if let Some((field, rest)) = message.split_once(": invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            let wanted = match expected {
                "i64" | "u32" | "a number" => "a whole number".to_string(),
                "a boolean" => "true or false".to_string(),
                "a string" => "text".to_string(),
                other => other.to_string(),
            };
            return format!("`{field}` must be {wanted}, found {found}");
        }
    }
    if let Some((field, rest)) = message.split_once(": unknown variant ") {
        return format!("`{field}` has an unknown value {rest}");
    }
    format!("front matter: {message}")
}

fn hint_for(message: &str) -> Option<String> {
    if message.starts_with("duplicate key") {
        return Some("remove one of the two lines, keeping the right value".into());
    }
    if message.contains("indented with a tab") {
        return Some("front matter keys start at the beginning of the line: remove the tab".into());
    }
    if let Some(rest) = message.split_once("unknown field `").map(|(_, r)| r) {
        let field = rest.split('`').next().unwrap_or("");
        let best = KNOWN_KEYS
            .iter()
            .map(|k| (strsim::levenshtein(field, k), *k))
            .min();
        return Some(match best {
            Some((d, k)) if d <= 2 => format!("did you mean `{k}`?"),
            _ => format!("known keys: {}", KNOWN_KEYS.join(", ")),
        });
    }
    if message.starts_with("missing field `title`") {
        return Some("every page needs `title: \"...\"`".into());
    }
    if message.contains("quoted scalar") {
        return Some(
            "a value that opens a quote must close it with the same quote on the same line".into(),
        );
    }
    if message.contains("mapping values are not allowed")
        || message.contains("did not find expected")
    {
        return Some(
            "a value containing `: ` or `#` must be quoted: title: \"Visa: the documents\"".into(),
        );
    }
    None
}

/// Keys whose values are text shown to readers. A `#` is ordinary in such text ("Passo #2",
/// "C#"), so an unquoted one that YAML reads as the start of a comment is almost certainly a
/// mistake; after `weight: 10` or `draft: true` a comment is more likely meant.
const TEXT_KEYS: &[&str] = &["title", "description"];

/// What in a front matter most likely reads differently from what the editor meant, without
/// stopping the build: an unquoted ` #` that cuts a title short, and invisible bidi controls that
/// make a title display in another order than it is written (in the page, the browser tab, search
/// results). Lines and columns are 1-based within the whole file.
pub fn warnings(split: &Split<'_>) -> Vec<FrontMatterError> {
    let mut out = Vec::new();
    for (i, line) in split.yaml.lines().enumerate() {
        let line_no = split.yaml_line + i;
        let col_of = |byte: usize| line[..byte].chars().count() + 1;
        if let Some(kl) = crate::yaml::key_line(line) {
            if let Some(hash) = TEXT_KEYS
                .contains(&kl.key.as_str())
                .then(|| comment_in_plain_value(kl.value))
                .flatten()
            {
                let kept = kl.value[..hash].trim_end();
                let what = if kept.is_empty() {
                    format!("so `{}` has no value", kl.key)
                } else {
                    format!("so `{}` is only \"{kept}\"", kl.key)
                };
                out.push(FrontMatterError {
                    line: line_no,
                    col: col_of(kl.value_at + hash),
                    message: format!(
                        "YAML reads `{}` as a comment, {what}",
                        kl.value[hash..].trim_end()
                    ),
                    hint: Some(format!(
                        "put the value in quotes to keep the `#`: {}: \"{}\"",
                        kl.key,
                        kl.value.trim_end().replace('"', "\\\"")
                    )),
                });
            }
        }
        // Same wording as the body's warning (markdown.rs); isolates (U+2066–U+2069) too, which
        // in a title also leak into the browser tab and search results as invisible marks.
        for (at, c) in line
            .char_indices()
            .filter(|(_, c)| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
            .take(3)
        {
            out.push(FrontMatterError {
                line: line_no,
                col: col_of(at),
                message: format!(
                    "invisible bidi control U+{:04X} changes the order text is displayed in",
                    c as u32
                ),
                hint: Some(
                    "remove it: the page's language already gives its title and description their direction"
                        .into(),
                ),
            });
        }
    }
    out
}

/// Byte offset of the `#` that starts a comment inside an unquoted (plain) value, if any: at the
/// start of the value, or after a space or tab.
fn comment_in_plain_value(value: &str) -> Option<usize> {
    if value.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '!']) {
        return None;
    }
    if value.starts_with('#') {
        return Some(0);
    }
    let bytes = value.as_bytes();
    (1..bytes.len()).find(|&i| bytes[i] == b'#' && matches!(bytes[i - 1], b' ' | b'\t'))
}

/// Checks a `YYYY-MM-DD` date, so a typo like `2026-13-01` is caught at build time and not shown to
/// readers.
pub fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|p| p.parse::<u32>().ok());
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_body_line() {
        let s = split_front_matter("---\ntitle: x\n---\nbody\n").unwrap();
        assert_eq!(s.yaml, "title: x\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn wrong_type_names_field_and_line() {
        let s = split_front_matter("---\ntitle: x\nweight: two\n---\n").unwrap();
        let e = parse_front_matter(&s).unwrap_err();
        assert_eq!(e.line, 3);
        assert!(
            e.message.contains("`weight` must be a whole number"),
            "{}",
            e.message
        );
    }

    #[test]
    fn unknown_key_suggests_the_right_one() {
        let s = split_front_matter("---\ntitle: x\nwieght: 3\n---\n").unwrap();
        let e = parse_front_matter(&s).unwrap_err();
        assert_eq!(e.hint.as_deref(), Some("did you mean `weight`?"));
    }

    #[test]
    fn dates_are_checked() {
        assert!(valid_date("2024-02-29"));
        assert!(!valid_date("2023-02-29"));
        assert!(!valid_date("2026-13-01"));
        assert!(!valid_date("23-11-2026"));
    }

    fn warnings_of(yaml: &str) -> Vec<FrontMatterError> {
        let text = format!("---\n{yaml}---\nbody\n");
        warnings(&split_front_matter(&text).unwrap())
    }

    #[test]
    fn a_key_twice_is_an_error_at_the_second_naming_the_first() {
        let s = split_front_matter("---\ntitle: \"a\"\ntitle: \"b\"\n---\n").unwrap();
        let e = parse_front_matter(&s).unwrap_err();
        assert_eq!(e.line, 3);
        assert!(
            e.message.contains("`title`") && e.message.contains("line 2"),
            "{}",
            e.message
        );
        assert!(e.hint.is_some());
    }

    #[test]
    fn an_indentation_tab_is_named() {
        let s = split_front_matter("---\ntitle: x\n\tweight: 3\n---\n").unwrap();
        let e = parse_front_matter(&s).unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("tab"), "{}", e.message);
    }

    #[test]
    fn an_unquoted_hash_in_a_title_is_a_warning_at_the_hash() {
        let w = warnings_of("title: Passo #2 del percorso\n");
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!((w[0].line, w[0].col), (2, 14));
        assert!(
            w[0].message.contains("`#2 del percorso`"),
            "{}",
            w[0].message
        );
        assert!(w[0].message.contains("\"Passo\""), "{}", w[0].message);
        assert_eq!(
            w[0].hint.as_deref(),
            Some("put the value in quotes to keep the `#`: title: \"Passo #2 del percorso\"")
        );
        let w = warnings_of("title: x\ndescription: # da scrivere\n");
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].message.contains("no value"), "{}", w[0].message);
    }

    #[test]
    fn a_hash_yaml_keeps_is_not_reported() {
        for yaml in [
            "title: \"Passo #2\"\n",
            "title: 'Passo #2'\n",
            "title: C# e F#\n",
            "title: x\nweight: 10 # prima\n",
            "title: x\ndraft: true # ancora no\n",
            "# title: commento # qui\ntitle: x\n",
            "title: x\n",
        ] {
            assert!(warnings_of(yaml).is_empty(), "{yaml}");
        }
    }

    #[test]
    fn bidi_controls_in_the_front_matter_are_warnings() {
        let w = warnings_of("title: \"Visto \u{202E}otsiv\"\n");
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!((w[0].line, w[0].col), (2, 15));
        assert!(w[0].message.contains("U+202E"), "{}", w[0].message);
        let w = warnings_of("title: x\ndescription: \"a \u{2067}b\u{2069}\"\n");
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(w.iter().all(|w| w.line == 3));
        // Right-to-left text itself is not a control.
        assert!(warnings_of("title: \"التأشيرة\"\n").is_empty());
    }
}
