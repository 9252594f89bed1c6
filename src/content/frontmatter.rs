//! Front matter: splitting it from the body, and reading it.
//!
//! Written in YAML between `---` lines (approdo, Jekyll, Hugo, Docusaurus) or in TOML between `+++`
//! lines (Hugo, Zola), so a site written for another generator reads as it is. YAML itself is read
//! by [`crate::yaml`], the one module that touches serde_yaml; TOML by the `toml` crate.
//!
//! Keys other generators use for approdo's ideas are read as approdo's (`lastmod` is `updated`,
//! `translationKey` is `translation_key`); keys approdo has no use for (`tags`, `status`) are
//! warnings, so a migrated site builds and the editor sees what is ignored; a key one or two letters
//! away from a known one (`titel`) is an error, because a misspelt key that silently does nothing is
//! worse than a build that stops and says so.

use serde::{Deserialize, Serialize};

/// What a page may say about itself. Keys not listed here are checked by [`key_problems`].
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub weight: Option<i64>,
    /// `YYYY-MM-DD`; a date-time (`2024-03-01T10:00:00Z`, a TOML date) is read as its date.
    #[serde(default, deserialize_with = "date_or_datetime")]
    pub date: Option<String>,
    #[serde(
        default,
        alias = "lastmod",
        alias = "lastMod",
        alias = "modified",
        deserialize_with = "date_or_datetime"
    )]
    pub updated: Option<String>,
    /// Old addresses of the page (site paths such as `/legal/visto/`), each kept working by a small
    /// page that sends the reader on, so a leaflet printed with an old address still leads here.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// `draft:` with no value (as other generators' templates leave it) is `false`.
    #[serde(default, deserialize_with = "bool_or_empty")]
    pub draft: bool,
    /// Published, but kept out of search engines, the sitemap and the site's own search.
    #[serde(default, deserialize_with = "bool_or_empty")]
    pub noindex: bool,
    #[serde(default)]
    pub step: Option<u32>,
    #[serde(default, alias = "translationKey")]
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
    "aliases",
    "draft",
    "noindex",
    "step",
    "translation_key",
    "kind",
    "translated_from",
];

/// Other generators' names that approdo reads as its own keys (serde aliases above).
const READ_AS: &[(&str, &str)] = &[
    ("lastmod", "updated"),
    ("lastMod", "updated"),
    ("modified", "updated"),
    ("translationKey", "translation_key"),
];

/// Other generators' keys approdo does not read, with what to do instead. Any other unknown key is
/// ignored with a warning too, unless it looks like a misspelt known key.
const FOREIGN_KEYS: &[(&str, &str)] = &[
    ("slug", "approdo takes a page's address from its file name: rename the file, and list the old address under `aliases:` so links to it keep working"),
    ("url", "approdo takes a page's address from its file name: rename the file, and list the old address under `aliases:`"),
    ("summary", "approdo's key for the summary shown in listings and search results is `description`"),
    ("linkTitle", "approdo shows `title` in menus and listings"),
    ("publishDate", "approdo's publication date is `date`"),
    ("expiryDate", "approdo has no expiry: set `draft: true` to take a page down"),
    ("tags", "approdo has no tags or categories; the page's section is its category"),
    ("categories", "approdo has no tags or categories; the page's section is its category"),
    ("taxonomies", "approdo has no tags or categories; the page's section is its category"),
    ("template", "the theme chooses the template from the kind of page"),
    ("layout", "the theme chooses the template from the kind of page"),
    ("type", "the theme chooses the template from the kind of page"),
    ("sidebar_position", "approdo orders pages by `weight`"),
    ("sidebar_label", "approdo shows `title` in menus and listings"),
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

/// The notation of a front matter, told by its fence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notation {
    /// Between `---` lines.
    Yaml,
    /// Between `+++` lines (Hugo, Zola).
    Toml,
}

impl Notation {
    fn fence(self) -> &'static str {
        match self {
            Notation::Yaml => "---",
            Notation::Toml => "+++",
        }
    }
}

/// A file split into its front matter and its Markdown body.
#[derive(Debug)]
pub struct Split<'a> {
    pub notation: Notation,
    /// The front matter's text, between the fences.
    pub matter: &'a str,
    /// Byte offset of [`Split::matter`] in the text given (a byte-order mark included), so the
    /// front matter can be edited in place.
    pub matter_at: usize,
    /// 1-based line of the first front-matter line (after the opening fence).
    pub matter_line: usize,
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
    /// The kind, for warnings that repeat across a site (see [`crate::error::Code`]).
    pub code: Option<crate::error::Code>,
}

/// Splits `---\n<yaml>\n---\n<body>` or `+++\n<toml>\n+++\n<body>`. A leading byte-order mark is
/// tolerated (Windows editors add one).
pub fn split_front_matter(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let bom = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    // Blank lines before the fence (left by some editors and converters) are skipped.
    let blank: usize = text[bom..]
        .split_inclusive('\n')
        .take_while(|l| l.trim().is_empty() && l.ends_with('\n'))
        .map(str::len)
        .sum();
    let skipped_lines = text[bom..bom + blank].matches('\n').count();
    let bom = bom + blank;
    let text = &text[bom..];
    let first_line_end = text.find('\n').unwrap_or(text.len());
    let notation = match text[..first_line_end].trim_end() {
        "---" => Notation::Yaml,
        "+++" => Notation::Toml,
        _ => return Err(not_front_matter()),
    };
    let fence = notation.fence();
    let yaml_start = (first_line_end + 1).min(text.len());
    let mut pos = yaml_start;
    let mut line = 2;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..end].trim_end() == fence {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                notation,
                matter: &text[yaml_start..pos],
                matter_at: bom + yaml_start,
                matter_line: 2 + skipped_lines,
                body: &text[body_start..],
                body_line: line + 1 + skipped_lines,
            });
        }
        pos = end + 1;
        line += 1;
    }
    Err(FrontMatterError {
        line: 1,
        col: 1,
        message: format!("the front matter opened by `{fence}` on line 1 is never closed"),
        hint: Some(format!(
            "add a line `{fence}` after the last front matter key"
        )),
        code: None,
    })
}

fn not_front_matter() -> FrontMatterError {
    FrontMatterError {
        line: 1,
        col: 1,
        message: "the file does not start with front matter (a line `---`)".into(),
        hint: Some(
            "start the file with:\n---\ntitle: \"Page title\"\ndescription: \"One sentence.\"\n---"
                .into(),
        ),
        code: None,
    }
}

/// Reads a front matter (YAML or TOML). Errors carry lines relative to the whole file. A key that
/// looks like a misspelt known key is an error here; other unknown keys are [`warnings`].
pub fn parse_front_matter(split: &Split<'_>) -> Result<FrontMatter, FrontMatterError> {
    if split.matter.trim().is_empty() {
        return Err(FrontMatterError {
            line: split.matter_line,
            col: 1,
            message: "the front matter is empty".into(),
            hint: Some("a page needs at least `title: \"...\"`".into()),
            code: None,
        });
    }
    let keys = top_level_keys(split);
    refuse_hostile_shapes(split, &keys)?;
    // Hugo reads keys case-insensitively (`Title:`); so does approdo, for the keys it knows. The
    // key is rewritten in a copy of the same length, so every position stays where it was.
    let lowered;
    let split = match known_keys_in_other_case(split, &keys) {
        Some(text) => {
            lowered = text;
            &Split {
                matter: &lowered,
                ..*split
            }
        }
        None => split,
    };
    let front = match split.notation {
        Notation::Yaml => parse_yaml(split)?,
        Notation::Toml => parse_toml(split)?,
    };
    if let Some((key, line, known)) = keys
        .into_iter()
        .find_map(|(k, line)| misspelt_known_key(&k).map(|known| (k, line, known)))
    {
        return Err(FrontMatterError {
            line,
            col: 1,
            message: format!("front matter: unknown key `{key}`"),
            hint: Some(format!("did you mean `{known}`?")),
            code: None,
        });
    }
    Ok(front)
}

/// More top-level keys than any real page has (Hugo pages carry a dozen or two).
const MAX_KEYS: usize = 200;

/// Shapes no page needs and a hostile file uses: thousands of keys (each would be a warning), and
/// YAML anchors or aliases as the values of keys approdo does not read (an alias bomb; ignored keys
/// are never expanded, so serde_yaml's repetition limit would not catch it, but no page needs it).
fn refuse_hostile_shapes(
    split: &Split<'_>,
    keys: &[(String, usize)],
) -> Result<(), FrontMatterError> {
    if keys.len() > MAX_KEYS {
        let (first, line) = keys
            .iter()
            .find(|(k, _)| !is_known(k))
            .unwrap_or(&keys[MAX_KEYS]);
        return Err(FrontMatterError {
            line: *line,
            col: 1,
            message: format!(
                "the front matter has {} keys, from `{first}` on not approdo's; a page has at most {MAX_KEYS}",
                keys.len(),
            ),
            hint: Some("keep data in data/*.yaml and a page's front matter to its own keys".into()),
            code: None,
        });
    }
    if split.notation == Notation::Yaml {
        let starts = line_starts(split.matter);
        for (_, line) in keys {
            let text = &split.matter[starts[line - split.matter_line]..];
            let text = text.lines().next().unwrap_or("");
            if let Some(kl) = crate::yaml::key_line(text) {
                // approdo's own keys go through serde_yaml, whose repetition limit refuses a bomb.
                if !is_known(&kl.key) && kl.value.starts_with(['&', '*']) {
                    return Err(FrontMatterError {
                        line: *line,
                        col: text[..kl.value_at].chars().count() + 1,
                        message: format!("`{}` is a YAML anchor or alias, which front matter does not use", kl.key),
                        hint: Some("write the value itself; if it is text starting with & or *, put it in quotes".into()),
                        code: None,
                    });
                }
            }
        }
    }
    Ok(())
}

fn parse_yaml(split: &Split<'_>) -> Result<FrontMatter, FrontMatterError> {
    crate::yaml::from_yaml_at::<FrontMatter>(split.matter, split.matter_line).map_err(|e| {
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
            code: None,
        }
    })
}

fn parse_toml(split: &Split<'_>) -> Result<FrontMatter, FrontMatterError> {
    toml::from_str::<FrontMatter>(split.matter).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        let (line, col) = crate::error::line_col(split.matter, at);
        let message = e.message().trim().to_string();
        // toml names no field in a type error: take the key of the line it points at.
        let key = split
            .matter
            .lines()
            .nth(line - 1)
            .and_then(|l| l.split_once('='))
            .map(|(k, _)| k.trim().trim_matches('"').to_string());
        let message = match key {
            Some(k) if message.starts_with("invalid type") => format!("{k}: {message}"),
            _ => message,
        };
        FrontMatterError {
            line: split.matter_line + line - 1,
            col,
            hint: hint_for(&message),
            message: editorial(&message),
            code: None,
        }
    })
}

/// A key approdo reads: its own, another generator's name for one, in any case.
fn is_known(key: &str) -> bool {
    KNOWN_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key))
        || READ_AS.iter().any(|(k, _)| k.eq_ignore_ascii_case(key))
}

/// The front matter with known keys (`keys`, as [`top_level_keys`] read them) written in another
/// case (`Title`, `TranslationKey`) spelt as serde knows them (`title`, `translationKey`), or
/// `None` when there are none.
fn known_keys_in_other_case(split: &Split<'_>, keys: &[(String, usize)]) -> Option<String> {
    let mut text: Option<String> = None;
    let starts = line_starts(split.matter);
    for (key, line) in keys {
        let spelt = KNOWN_KEYS
            .iter()
            .chain(READ_AS.iter().map(|(k, _)| k))
            .find(|k| k.eq_ignore_ascii_case(key));
        let Some(spelt) = spelt.filter(|k| *k != key) else {
            continue;
        };
        let at = starts[line - split.matter_line];
        let t = text.get_or_insert_with(|| split.matter.to_string());
        if t[at..].starts_with(key.as_str()) {
            t.replace_range(at..at + key.len(), spelt);
        }
    }
    text
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// The known key `key` is most likely a misspelling of (one or two letters away), if any. Other
/// generators' names approdo reads, or has a hint for, are never misspellings.
fn misspelt_known_key(key: &str) -> Option<&'static str> {
    if is_known(key)
        || READ_AS.iter().any(|(k, _)| *k == key)
        || FOREIGN_KEYS.iter().any(|(k, _)| *k == key)
    {
        return None;
    }
    KNOWN_KEYS
        .iter()
        .map(|k| (strsim::levenshtein(key, k), *k))
        .filter(|&(d, k)| d <= 2 && d < k.len() / 2 + 1)
        .min()
        .map(|(_, k)| k)
}

/// The top-level keys of a front matter with their 1-based file lines (a TOML table such as
/// `[extra]` counts as its name).
pub fn top_level_keys(split: &Split<'_>) -> Vec<(String, usize)> {
    let mut keys = Vec::new();
    let mut in_table = false;
    for (i, line) in split.matter.lines().enumerate() {
        let line_no = split.matter_line + i;
        if line.starts_with([' ', '\t']) {
            continue;
        }
        match split.notation {
            Notation::Yaml => {
                if let Some(kl) = crate::yaml::key_line(line) {
                    keys.push((kl.key, line_no));
                }
            }
            Notation::Toml => {
                let trimmed = line.trim();
                if let Some(header) = trimmed.strip_prefix('[') {
                    let name = header.trim_start_matches('[').split([']', '.']).next();
                    keys.push((
                        name.unwrap_or("").trim().trim_matches('"').to_string(),
                        line_no,
                    ));
                    in_table = true;
                } else if let Some((key, _)) = trimmed.split_once('=').filter(|_| !in_table) {
                    let key = key.trim();
                    if !key.is_empty() && !key.starts_with('#') {
                        let first = key.split('.').next().unwrap_or(key);
                        keys.push((first.trim().trim_matches('"').to_string(), line_no));
                    }
                }
            }
        }
    }
    keys
}

/// Warnings for the keys approdo reads nothing from: what it does instead, when the key is another
/// generator's (`slug`, `tags`), or that the key is ignored.
fn ignored_keys(split: &Split<'_>) -> Vec<FrontMatterError> {
    top_level_keys(split)
        .into_iter()
        .filter(|(k, _)| !is_known(k))
        .map(|(key, line)| {
            let hint = FOREIGN_KEYS
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, h)| h.to_string())
                .unwrap_or_else(|| format!("approdo's keys are: {}", KNOWN_KEYS.join(", ")));
            FrontMatterError {
                line,
                col: 1,
                message: format!("front matter key `{key}` is not used by approdo and is ignored"),
                hint: Some(hint),
                code: Some(crate::error::Code::IgnoredFrontMatterKey),
            }
        })
        .collect()
}

fn bool_or_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(d)?.unwrap_or_default())
}

/// A date as text: YAML and TOML strings as written, TOML's own date and date-time values too;
/// the checks then read its `YYYY-MM-DD`.
fn date_or_datetime<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Date {
        Text(String),
        Toml(toml::value::Datetime),
    }
    Ok(Option::<Date>::deserialize(d)?.map(|v| match v {
        Date::Text(t) => t,
        Date::Toml(t) => t.to_string(),
    }))
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
    let mut out = ignored_keys(split);
    for (i, line) in split.matter.lines().enumerate() {
        let line_no = split.matter_line + i;
        let col_of = |byte: usize| line[..byte].chars().count() + 1;
        let yaml_key = (split.notation == Notation::Yaml)
            .then(|| crate::yaml::key_line(line))
            .flatten();
        if let Some(kl) = yaml_key {
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
                    code: None,
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
                code: None,
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
/// readers. A date-time other generators write (`2024-03-01T10:00:00Z`, `2024-03-01 10:00`) is
/// valid when its date is; [`date_part`] is what approdo keeps of it.
pub fn valid_date(s: &str) -> bool {
    let rest = s.get(10..).unwrap_or("");
    let time_ok = rest.is_empty()
        || (rest.starts_with(['T', 't', ' '])
            && rest[1..].get(..5).is_some_and(|hm| {
                hm.as_bytes()[2] == b':'
                    && hm
                        .bytes()
                        .enumerate()
                        .all(|(i, c)| i == 2 || c.is_ascii_digit())
            }));
    time_ok && valid_plain_date(s.get(..10).unwrap_or(""))
}

/// The `YYYY-MM-DD` of a valid date or date-time.
pub fn date_part(s: &str) -> &str {
    s.get(..10).unwrap_or(s)
}

fn valid_plain_date(s: &str) -> bool {
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
        assert_eq!(s.matter, "title: x\n");
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
    fn a_misspelt_key_is_an_error_at_its_line_and_another_generator_s_key_a_warning() {
        let s = split_front_matter("---\ntitle: x\ntitel: y\n---\n").unwrap();
        let e = parse_front_matter(&s).unwrap_err();
        assert_eq!(
            (e.line, e.hint.as_deref()),
            (3, Some("did you mean `title`?"))
        );
        let s =
            split_front_matter("---\ntitle: x\nstatus: Completed\nslug: vecchio\ntags: [a]\n---\n")
                .unwrap();
        assert!(parse_front_matter(&s).is_ok());
        let w = warnings(&s);
        let lines: Vec<usize> = w.iter().map(|w| w.line).collect();
        assert_eq!(lines, [3, 4, 5]);
        assert!(w
            .iter()
            .all(|w| w.code == Some(crate::error::Code::IgnoredFrontMatterKey)));
        assert!(
            w[1].hint.as_deref().unwrap().contains("aliases"),
            "{:?}",
            w[1].hint
        );
    }

    #[test]
    fn toml_front_matter_reads_like_yaml_with_hugo_s_names() {
        let text = "+++\ntitle = \"Il visto\"\nweight = 3\ndate = 2024-03-01T10:00:00Z\nlastmod = \"2024-04-02\"\ntranslationKey = \"visa\"\naliases = [\"/legal/visto/\"]\n[extra]\nfoo = 1\n+++\nBody\n";
        let s = split_front_matter(text).unwrap();
        assert_eq!(
            (s.notation, s.body, s.body_line),
            (Notation::Toml, "Body\n", 11)
        );
        let fm = parse_front_matter(&s).unwrap();
        assert_eq!(fm.title, "Il visto");
        assert_eq!(fm.weight, Some(3));
        assert_eq!(fm.date.as_deref(), Some("2024-03-01T10:00:00Z"));
        assert!(valid_date(fm.date.as_deref().unwrap()));
        assert_eq!(fm.updated.as_deref(), Some("2024-04-02"));
        assert_eq!(fm.translation_key.as_deref(), Some("visa"));
        assert_eq!(fm.aliases, ["/legal/visto/"]);
        let keys: Vec<String> = warnings(&s).into_iter().map(|w| w.message).collect();
        assert_eq!(keys.len(), 1, "{keys:?}");
        assert!(keys[0].contains("`extra`"), "{keys:?}");
    }

    #[test]
    fn hugo_s_habits_read_as_hugo_reads_them() {
        // Keys in any case, blank lines before the fence, `draft:` left empty.
        let text =
            "\n\n---\nTitle: Serverless\nDraft:\nLastMod: 2024-01-02\nweigth: 1\n---\nBody\n";
        let s = split_front_matter(text).unwrap();
        assert_eq!((s.matter_line, s.body_line), (4, 9));
        let e = parse_front_matter(&s).unwrap_err();
        assert_eq!(
            (e.line, e.hint.as_deref()),
            (7, Some("did you mean `weight`?"))
        );
        let fixed = text.replace("weigth", "weight");
        let s = split_front_matter(&fixed).unwrap();
        let fm = parse_front_matter(&s).unwrap();
        assert_eq!(fm.title, "Serverless");
        assert!(!fm.draft);
        assert_eq!(fm.updated.as_deref(), Some("2024-01-02"));
        assert!(warnings(&s).is_empty(), "{:?}", warnings(&s));
    }

    #[test]
    fn toml_errors_name_the_key_and_its_line() {
        let s = split_front_matter("+++\ntitle = \"x\"\nweight = \"two\"\n+++\n").unwrap();
        let e = parse_front_matter(&s).unwrap_err();
        assert_eq!(e.line, 3, "{e:?}");
        assert!(e.message.contains("`weight`"), "{}", e.message);
        let s = split_front_matter("+++\ntitle = \"x\n+++\n").unwrap();
        assert_eq!(parse_front_matter(&s).unwrap_err().line, 2);
        let open = split_front_matter("+++\ntitle = \"x\"\n").unwrap_err();
        assert!(open.message.contains("`+++`"), "{}", open.message);
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
