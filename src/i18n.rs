//! UI strings: one Fluent bundle per language, built once and shared by every render thread.
//!
//! Lookup falls back *key by key* along the language's chain (ar → en → it): a half-translated
//! Arabic locale shows English or Italian for the strings it lacks, never a raw key. A key missing in
//! every language is an error, because it would otherwise reach readers as `step-of`.
//!
//! Bidi isolation: Fluent wraps placeables in U+2068 … U+2069 so an English language name inside an
//! Arabic sentence keeps its own direction. That is right for visible text ([`Isolation::Text`]) and
//! wrong in attributes, `<title>` and URLs, where the invisible marks leak into bookmarks, search
//! results and screen-reader labels; there [`Isolation::Plain`] strips them.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use icu_decimal::input::Decimal;
use icu_decimal::DecimalFormatter;
use unic_langid::LanguageIdentifier;
use walkdir::WalkDir;

use crate::config::Config;
use crate::error::{relative_to, Diagnostic, Diagnostics};

pub const LOCALES_DIR: &str = "locales";

/// Whether Fluent's bidi isolation marks are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Isolation {
    /// Visible HTML text: keep U+2068/U+2069 around placeables.
    Text,
    /// Attributes, `<title>`, URLs, JSON: no invisible marks.
    Plain,
}

/// All UI strings of the site, and each language's number format.
pub struct Localizer {
    bundles: HashMap<String, FluentBundle<FluentResource>>,
    chains: HashMap<String, Vec<String>>,
    numbers: HashMap<String, DecimalFormatter>,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer")
            .field("languages", &self.bundles.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Localizer {
    /// Reads `locales/<code>/*.ftl` for every configured language.
    pub fn load(config: &Config) -> Result<Localizer, Diagnostics> {
        let mut diags = Diagnostics::default();
        let mut bundles = HashMap::new();
        // Every file read, and per language the variables each key uses (with the file it is in),
        // to compare translations with the default language once all are read.
        let mut files: Vec<(PathBuf, String)> = Vec::new();
        let mut variables: HashMap<String, BTreeMap<String, (usize, KeyVariables)>> =
            HashMap::new();
        for lang in &config.languages {
            let langid: LanguageIdentifier = lang.tag.parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            if let Err(e) = bundle.add_builtins() {
                diags.push(Diagnostic::error(
                    LOCALES_DIR,
                    format!("Fluent built-ins: {e}"),
                ));
            }
            let dir = config.root.join(LOCALES_DIR).join(&lang.code);
            let mut defined_in: HashMap<String, PathBuf> = HashMap::new();
            // References to other messages and terms, checked once the language is whole, so a
            // typo in `{ -brand }` is one error at its line instead of one per rendered page.
            let mut references: Vec<(PathBuf, String, Vec<String>)> = Vec::new();
            let own_variables = variables.entry(lang.code.clone()).or_default();
            for path in ftl_files(&dir) {
                let rel = relative_to(&config.root, &path);
                match read_resource(&path, &rel) {
                    Ok((resource, text)) => {
                        references.push((rel.clone(), text.clone(), referenced_ids(&resource)));
                        for (key, vars) in key_variables(&text) {
                            own_variables
                                .entry(key)
                                .or_insert_with(|| (files.len(), vars));
                        }
                        files.push((rel.clone(), text.clone()));
                        for id in entry_ids(&resource) {
                            if let Some(first) = defined_in.get(&id) {
                                diags.push(duplicate_diag(&rel, &text, &id, first));
                            } else {
                                defined_in.insert(id, rel.clone());
                            }
                        }
                        // Duplicates are reported above with both files named.
                        bundle.add_resource_overriding(resource);
                    }
                    Err(ds) => diags.extend(ds),
                }
            }
            for (rel, text, ids) in references {
                let mut reported = std::collections::HashSet::new();
                for id in ids {
                    if !defined_in.contains_key(&id) && reported.insert(id.clone()) {
                        diags.push(missing_reference_diag(&rel, &text, &id));
                    }
                }
            }
            bundles.insert(lang.code.clone(), bundle);
        }
        diags.extend(unknown_variables(config, &variables, &files));
        if diags.has_errors() {
            return Err(diags);
        }
        let chains = config
            .languages
            .iter()
            .map(|l| {
                (
                    l.code.clone(),
                    config
                        .chain(&l.code)
                        .into_iter()
                        .map(str::to_owned)
                        .collect(),
                )
            })
            .collect();
        let numbers = config
            .languages
            .iter()
            .filter_map(|l| {
                let locale = l.numbers.parse::<icu_locale_core::Locale>().ok()?;
                let f = DecimalFormatter::try_new(locale.into(), Default::default()).ok()?;
                Some((l.code.clone(), f))
            })
            .collect();
        Ok(Localizer {
            bundles,
            chains,
            numbers,
        })
    }

    /// Writes a number the way `lang` writes it: "1.203" in Italian, "1,203" in English,
    /// "1 203" (narrow no-break space) in French; digits per the language's `numbers` locale.
    pub fn format_number(&self, lang: &str, value: f64) -> String {
        let plain = if value.fract() == 0.0 && value.abs() < 1e15 {
            format!("{}", value as i64)
        } else {
            format!("{value}")
        };
        match (self.numbers.get(lang), Decimal::try_from_str(&plain)) {
            (Some(f), Ok(d)) => f.format(&d).to_string(),
            _ => plain,
        }
    }

    /// True when some language defines `key` (`message` or `message.attribute`).
    pub fn defined_anywhere(&self, key: &str) -> bool {
        self.bundles.values().any(|b| has_key(b, key))
    }

    /// Formats `key` for `lang`, borrowing along its fallback chain.
    pub fn format(
        &self,
        lang: &str,
        key: &str,
        args: Option<&FluentArgs>,
        isolation: Isolation,
    ) -> Result<String, String> {
        let chain = self
            .chains
            .get(lang)
            .ok_or_else(|| format!("`{lang}` is not a configured language"))?;
        let (id, attr) = match key.split_once('.') {
            Some((m, a)) => (m, Some(a)),
            None => (key, None),
        };
        for code in chain {
            let Some(bundle) = self.bundles.get(code) else {
                continue;
            };
            let Some(msg) = bundle.get_message(id) else {
                continue;
            };
            let pattern = match attr {
                Some(a) => msg.get_attribute(a).map(|at| at.value()),
                None => msg.value(),
            };
            let Some(pattern) = pattern else { continue };
            let mut errors = Vec::new();
            let value = bundle.format_pattern(pattern, args, &mut errors);
            if let Some(e) = errors.first() {
                return Err(format!("UI string `{key}` in `{code}`: {e}"));
            }
            return Ok(match isolation {
                Isolation::Text => value.into_owned(),
                Isolation::Plain => strip_isolation(&value),
            });
        }
        Err(format!(
            "UI string `{key}` is not defined in any language (looked in {})",
            chain.join(", ")
        ))
    }
}

impl Localizer {
    /// `key` formatted once per plural category of the language (found by trying counts 1–1000 with
    /// CLDR's rules, the rules `Intl.PluralRules` applies in the browser), with `{n}` where the count
    /// goes; and under `none`, the message for 0 (Fluent's `[0]` variant, if the message has one).
    pub fn plural_forms(
        &self,
        lang: &str,
        tag: &str,
        key: &str,
    ) -> Result<BTreeMap<String, String>, String> {
        use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
        let langid: unic_langid::LanguageIdentifier = tag
            .parse()
            .map_err(|_| format!("`{tag}` is not a language tag"))?;
        let rules = PluralRules::create(langid, PluralRuleType::CARDINAL)
            .or_else(|_| {
                PluralRules::create(
                    LanguageIdentifier::from_bytes(b"en").unwrap_or_default(),
                    PluralRuleType::CARDINAL,
                )
            })
            .map_err(|e| e.to_string())?;
        let render = |n: u32| -> Result<String, String> {
            let mut args = FluentArgs::new();
            args.set("count", FluentValue::from(n));
            let text = self.format(lang, key, Some(&args), Isolation::Plain)?;
            Ok(text.replacen(&n.to_string(), "{n}", 1))
        };
        let mut forms = BTreeMap::new();
        forms.insert("none".to_string(), render(0)?.replace("{n}", "0"));
        for n in 1..=1000u32 {
            let name = match rules.select(n).map_err(|e| e.to_string())? {
                PluralCategory::ZERO => "zero",
                PluralCategory::ONE => "one",
                PluralCategory::TWO => "two",
                PluralCategory::FEW => "few",
                PluralCategory::MANY => "many",
                PluralCategory::OTHER => "other",
            };
            if !forms.contains_key(name) {
                forms.insert(name.to_string(), render(n)?);
            }
        }
        Ok(forms)
    }
}

/// Removes Unicode bidi isolation marks (U+2066–U+2069).
pub fn strip_isolation(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\u{2066}'..='\u{2069}'))
        .collect()
}

fn has_key(bundle: &FluentBundle<FluentResource>, key: &str) -> bool {
    let (id, attr) = match key.split_once('.') {
        Some((m, a)) => (m, Some(a)),
        None => (key, None),
    };
    match (bundle.get_message(id), attr) {
        (Some(m), Some(a)) => m.get_attribute(a).is_some(),
        (Some(m), None) => m.value().is_some(),
        (None, _) => false,
    }
}

fn ftl_files(dir: &Path) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "ftl"))
        .map(|e| e.into_path())
        .collect()
}

fn read_resource(path: &Path, rel: &Path) -> Result<(FluentResource, String), Vec<Diagnostic>> {
    let text = crate::error::read_source(path, rel).map_err(|d| vec![d])?;
    match FluentResource::try_new(text.clone()) {
        Ok(r) => Ok((r, text)),
        Err((_, errors)) => Err(errors
            .iter()
            .map(|e| {
                Diagnostic::error(rel, format!("Fluent syntax error: {}", e.kind))
                    .at_offset(&text, e.pos.start)
                    .with_hint("a message is `key = text`; a multi-line value is indented; a select expression needs a default variant marked with *")
            })
            .collect()),
    }
}

/// Ids a resource defines: messages as `id`, terms as `-id`.
fn entry_ids(resource: &FluentResource) -> Vec<String> {
    use fluent_syntax::ast::Entry;
    resource
        .entries()
        .filter_map(|e| match e {
            Entry::Message(m) => Some(m.id.name.to_string()),
            Entry::Term(t) => Some(format!("-{}", t.id.name)),
            _ => None,
        })
        .collect()
}

/// Calls `visit` on every inline expression of a pattern, depth first: placeables, select
/// expressions and their variants, and the arguments of function and term calls (not the term's own
/// definition, whose `$x` are its parameters). The one walker behind the load-time checks.
fn visit_pattern(
    p: &fluent_syntax::ast::Pattern<&str>,
    visit: &mut dyn FnMut(&fluent_syntax::ast::InlineExpression<&str>),
) {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    fn inline(e: &InlineExpression<&str>, visit: &mut dyn FnMut(&InlineExpression<&str>)) {
        visit(e);
        match e {
            InlineExpression::FunctionReference { arguments, .. }
            | InlineExpression::TermReference {
                arguments: Some(arguments),
                ..
            } => {
                arguments.positional.iter().for_each(|a| inline(a, visit));
                arguments.named.iter().for_each(|a| inline(&a.value, visit));
            }
            InlineExpression::Placeable { expression } => expr(expression, visit),
            _ => {}
        }
    }
    fn expr(e: &Expression<&str>, visit: &mut dyn FnMut(&InlineExpression<&str>)) {
        match e {
            Expression::Inline(i) => inline(i, visit),
            Expression::Select { selector, variants } => {
                inline(selector, visit);
                variants.iter().for_each(|v| visit_pattern(&v.value, visit));
            }
        }
    }
    for el in &p.elements {
        if let PatternElement::Placeable { expression } = el {
            expr(expression, visit);
        }
    }
}

/// Every message (`id`) and term (`-id`) a resource's patterns refer to, in order of appearance.
fn referenced_ids(resource: &FluentResource) -> Vec<String> {
    use fluent_syntax::ast::{Entry, InlineExpression};
    let mut out = Vec::new();
    let mut visit = |e: &InlineExpression<&str>| match e {
        InlineExpression::MessageReference { id, .. } => out.push(id.name.to_string()),
        InlineExpression::TermReference { id, .. } => out.push(format!("-{}", id.name)),
        _ => {}
    };
    for entry in resource.entries() {
        let (value, attributes) = match entry {
            Entry::Message(m) => (m.value.as_ref(), &m.attributes),
            Entry::Term(t) => (Some(&t.value), &t.attributes),
            _ => continue,
        };
        value.into_iter().for_each(|p| visit_pattern(p, &mut visit));
        attributes
            .iter()
            .for_each(|a| visit_pattern(&a.value, &mut visit));
    }
    out
}

/// The variables one key (`message` or `message.attribute`) uses, and those its comment names.
#[derive(Debug, Default)]
struct KeyVariables {
    used: BTreeSet<String>,
    /// `$name`s in the comment above the message (`# $count: number of guides`): the default
    /// language documents there what the theme passes, including variables its own wording does
    /// not need (`$monthnum` for a language that writes months as numbers).
    documented: BTreeSet<String>,
}

/// Variables of every message and message attribute of a file, keyed as the theme names them
/// (`message`, `message.attribute`). Terms get their values from the message using them, not from
/// the theme, so they are left out. The text is parsed again because a [`FluentResource`] keeps no
/// comments.
fn key_variables(text: &str) -> Vec<(String, KeyVariables)> {
    use fluent_syntax::ast::{Entry, InlineExpression, Pattern};
    let resource = fluent_syntax::parser::parse(text).unwrap_or_else(|(partial, _)| partial);
    let mut out = Vec::new();
    for entry in &resource.body {
        let Entry::Message(m) = entry else { continue };
        let documented: BTreeSet<String> = m
            .comment
            .iter()
            .flat_map(|c| c.content.iter())
            .flat_map(|line| line.split('$').skip(1))
            .map(|rest| {
                rest.chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect::<String>()
            })
            .filter(|name| !name.is_empty())
            .collect();
        let vars = |p: &Pattern<&str>| {
            let mut used = BTreeSet::new();
            visit_pattern(p, &mut |e| {
                if let InlineExpression::VariableReference { id } = e {
                    used.insert(id.name.to_string());
                }
            });
            KeyVariables {
                used,
                documented: documented.clone(),
            }
        };
        if let Some(p) = &m.value {
            out.push((m.id.name.to_string(), vars(p)));
        }
        for a in &m.attributes {
            out.push((format!("{}.{}", m.id.name, a.id.name), vars(&a.value)));
        }
    }
    out
}

/// A translation using a variable the default language's message neither uses nor documents: the
/// theme passes the variables the default-language text needs, so a misspelt `{ $lingua }` has no
/// value and would fail (or show `{$lingua}`) on every page that shows the string. Checked when
/// the locales are read, so it is one error at its line instead of one per page.
fn unknown_variables(
    config: &Config,
    variables: &HashMap<String, BTreeMap<String, (usize, KeyVariables)>>,
    files: &[(PathBuf, String)],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let default = config.default_lang();
    let Some(source) = variables.get(&default.code) else {
        return out;
    };
    for lang in config.languages.iter().filter(|l| l.code != default.code) {
        let Some(own) = variables.get(&lang.code) else {
            continue;
        };
        for (key, (file, vars)) in own {
            let Some((_, src)) = source.get(key) else {
                continue;
            };
            for v in vars
                .used
                .iter()
                .filter(|v| !src.used.contains(*v) && !src.documented.contains(*v))
            {
                let (rel, text) = &files[*file];
                let known = if src.used.is_empty() {
                    "it uses no variables".to_string()
                } else {
                    let names: Vec<String> = src.used.iter().map(|v| format!("`${v}`")).collect();
                    format!("it uses {}", names.join(", "))
                };
                let d = Diagnostic::error(
                    rel,
                    format!(
                        "`{key}` uses `${v}`, which the {} (`{}`, default language) message does not: the page has no value for it",
                        default.name, default.code
                    ),
                )
                .with_hint(format!(
                    "variable names are not translated: {known} in the default language; if the theme does pass `${v}`, name it in a `# ${v}: …` comment above the default-language message"
                ));
                out.push(match variable_line(text, key, v) {
                    Some((line, col)) => d.at_in(text, line, col),
                    None => d,
                });
            }
        }
    }
    out
}

/// 1-based line and column of the first `$variable` after the definition of `key` (the AST has no
/// positions).
fn variable_line(text: &str, key: &str, variable: &str) -> Option<(usize, usize)> {
    let id = key.split('.').next().unwrap_or(key);
    let start = text.lines().position(|l| {
        l.strip_prefix(id)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    })?;
    let needle = format!("${variable}");
    text.lines().enumerate().skip(start).find_map(|(i, line)| {
        line.match_indices(&needle).find_map(|(at, _)| {
            let after = line[at + needle.len()..].chars().next();
            (!after.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_'))
                .then(|| (i + 1, line[..at].chars().count() + 1))
        })
    })
}

/// Folders (and `.ftl` files) directly in `locales/` that no configured language reads: a
/// translator's work there would silently never reach the site, most often because the folder is
/// named by the language's tag (`zh-Hans`) where approdo looks for its code (`zh`), or the language
/// is not (yet) in `site.toml`.
pub fn unused_locale_folders(config: &Config) -> Vec<Diagnostic> {
    let dir = config.root.join(LOCALES_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut entries: Vec<std::fs::DirEntry> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    let configured = config
        .languages
        .iter()
        .map(|l| l.code.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let mut out = Vec::new();
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        if crate::paths::is_ignored_name(&name) {
            continue;
        }
        let rel = Path::new(LOCALES_DIR).join(&name);
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if !is_dir {
            if name.ends_with(".ftl") {
                out.push(
                    Diagnostic::warning(
                        &rel,
                        format!(
                            "locales/{name} is not read: UI strings go in a folder per language"
                        ),
                    )
                    .with_hint(format!(
                        "move it into locales/<code>/, where <code> is one of: {configured}"
                    )),
                );
            }
            continue;
        }
        if config.language(&name).is_some() {
            continue;
        }
        let meant = config
            .languages
            .iter()
            .find(|l| l.tag.eq_ignore_ascii_case(&name) || l.code.eq_ignore_ascii_case(&name));
        let hint = match meant {
            Some(l) if dir.join(&l.code).is_dir() => format!(
                "the strings of {} are read from locales/{}/: move what is missing there and delete locales/{name}/",
                l.name, l.code
            ),
            Some(l) => format!(
                "locale folders are named by the language's `code`, as file names are: rename it to locales/{}/",
                l.code
            ),
            None => format!(
                "add a [[languages]] table with code = \"{name}\" to site.toml to publish it, or delete the folder; configured: {configured}"
            ),
        };
        out.push(
            Diagnostic::warning(
                &rel,
                format!("locales/{name}/ is not read: `{name}` is not the code of a language of this site"),
            )
            .with_hint(hint),
        );
    }
    out
}

/// A reference to a message or term this language does not define, at the first line using it.
fn missing_reference_diag(rel: &Path, text: &str, id: &str) -> Diagnostic {
    let what = if id.starts_with('-') {
        "term"
    } else {
        "message"
    };
    let d = Diagnostic::error(
        rel,
        format!("`{{ {id} }}` refers to a {what} this language does not define"),
    )
    .with_hint(format!(
        "define `{id} = …` in a .ftl file of this language, or correct the name"
    ));
    // The AST has no positions: the first line that uses the name inside a placeable.
    let uses = |line: &str| {
        line.match_indices(id).any(|(at, _)| {
            let before = line[..at].trim_end();
            let after = line[at + id.len()..].chars().next();
            before.ends_with(['{', '(', ',', ':'])
                && !after.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_')
        })
    };
    match text.lines().position(uses) {
        Some(i) => d.at_in(text, i + 1, 1),
        None => d,
    }
}

fn duplicate_diag(rel: &Path, text: &str, id: &str, first: &Path) -> Diagnostic {
    let where_first = if first == rel {
        "earlier in this file".to_string()
    } else {
        format!("in {}", first.display())
    };
    let d = Diagnostic::error(
        rel,
        format!("UI string `{id}` is defined twice for this language (also {where_first})"),
    )
    .with_hint("keep one definition; keys must be unique across all .ftl files of a language");
    // The last definition is the duplicate within one file; the only one across files.
    let line = text.lines().enumerate().filter(|(_, l)| {
        l.strip_prefix(id)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    });
    match line.last() {
        Some((i, _)) => d.at_in(text, i + 1, 1),
        None => d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn localizer() -> Localizer {
        let toml = r#"
base_url = "https://example.org"
default_language = "it"
[[languages]]
code = "it"
name = "Italiano"
[[languages]]
code = "en"
name = "English"
[[languages]]
code = "fr"
name = "Français"
[[languages]]
code = "ar"
name = "العربية"
dir = "rtl"
numbers = "ar-u-nu-latn"
[[languages]]
code = "zh"
tag = "zh-Hans"
name = "中文"
"#;
        let dir = std::env::temp_dir();
        let config = Config::parse(&dir, toml).unwrap();
        Localizer::load(&config).unwrap()
    }

    #[test]
    fn numbers_follow_the_language() {
        let l = localizer();
        assert_eq!(l.format_number("it", 12345.0), "12.345");
        assert_eq!(l.format_number("en", 12345.0), "12,345");
        assert_eq!(l.format_number("fr", 12345.0), "12\u{202f}345");
        assert_eq!(l.format_number("ar", 12345.0), "12,345");
        assert_eq!(l.format_number("zh", 12345.0), "12,345");
        // CLDR: Italian does not group four-digit numbers, English does.
        assert_eq!(l.format_number("it", 1933.0), "1933");
        assert_eq!(l.format_number("en", 1933.0), "1,933");
        assert_eq!(l.format_number("it", 85.5), "85,5");
    }

    /// A site in a temp folder with `it` (default) and `en`, and these files.
    fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, Config) {
        let dir = tempfile::tempdir().unwrap();
        for (rel, text) in files {
            let p = dir.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let toml = r#"
base_url = "https://example.org"
default_language = "it"
[[languages]]
code = "it"
name = "Italiano"
[[languages]]
code = "en"
name = "English"
[[languages]]
code = "zh"
tag = "zh-Hans"
name = "中文"
"#;
        let config = Config::parse(dir.path(), toml).unwrap();
        (dir, config)
    }

    const IT: &str = "# $language: the language the text is in\n\
        notice = Il testo è in { $language }.\n\
        # $day: day; $monthnum: month number\n\
        date = { $day }\n\
        plain = Nessuna variabile\n\
        box = Scatola\n    .label = Per { $who }\n";

    #[test]
    fn a_variable_the_default_language_does_not_have_is_an_error_at_its_line() {
        let (_dir, config) = site(&[
            ("locales/it/main.ftl", IT),
            (
                "locales/en/main.ftl",
                "plain = None\nnotice = The text is in { $lingua }.\n",
            ),
        ]);
        let e = Localizer::load(&config).unwrap_err();
        assert_eq!(e.0.len(), 1, "{:?}", e.0);
        let d = &e.0[0];
        assert_eq!(d.file, Path::new("locales/en/main.ftl"));
        assert_eq!((d.line, d.col), (Some(2), Some(27)));
        assert!(d.message.contains("`notice` uses `$lingua`"), "{d}");
        assert!(
            d.hint.as_deref().unwrap_or("").contains("`$language`"),
            "{d}"
        );
    }

    #[test]
    fn attributes_selectors_and_function_arguments_are_compared_too() {
        let (_dir, config) = site(&[
            ("locales/it/main.ftl", IT),
            (
                "locales/en/main.ftl",
                "box = Box\n    .label = For { $whom }\nplain = { $n ->\n    [one] One\n   *[other] { NUMBER($m) }\n}\n",
            ),
        ]);
        let e = Localizer::load(&config).unwrap_err();
        let found: Vec<(String, Option<usize>)> =
            e.0.iter()
                .map(|d| {
                    (
                        d.message.split('`').nth(3).unwrap_or("").to_string(),
                        d.line,
                    )
                })
                .collect();
        assert_eq!(
            found,
            [
                ("$whom".to_string(), Some(2)),
                ("$m".to_string(), Some(5)),
                ("$n".to_string(), Some(3))
            ],
            "{:?}",
            e.0
        );
    }

    #[test]
    fn fewer_variables_documented_ones_and_own_keys_are_fine() {
        let (_dir, config) = site(&[
            ("locales/it/main.ftl", IT),
            (
                "locales/en/main.ftl",
                // A translation may leave a variable out, use one the default language only
                // documents, and have keys of its own (reported elsewhere, not here).
                "notice = Not in English yet.\ndate = { $monthnum }/{ $day }\nextra = { $x }\n",
            ),
            ("locales/zh/main.ftl", "notice = { $language }\n"),
        ]);
        Localizer::load(&config).unwrap();
    }

    #[test]
    fn locale_folders_no_language_reads_are_warnings() {
        let (_dir, config) = site(&[
            ("locales/it/main.ftl", "a = b\n"),
            ("locales/de/main.ftl", "a = b\n"),
            ("locales/zh-Hans/main.ftl", "a = b\n"),
            ("locales/EN/main.ftl", "a = b\n"),
            ("locales/main.ftl", "a = b\n"),
            ("locales/.git/x", ""),
            ("locales/README.md", "notes\n"),
        ]);
        let w = unused_locale_folders(&config);
        let shown: Vec<String> = w.iter().map(ToString::to_string).collect();
        assert_eq!(w.len(), 4, "{shown:#?}");
        assert!(w
            .iter()
            .all(|d| d.severity == crate::error::Severity::Warning));
        let of = |name: &str| {
            w.iter()
                .find(|d| d.file == Path::new("locales").join(name))
                .unwrap_or_else(|| panic!("{name}: {shown:#?}"))
        };
        assert!(of("de").hint.as_deref().unwrap().contains("code = \"de\""));
        assert!(of("zh-Hans")
            .hint
            .as_deref()
            .unwrap()
            .contains("rename it to locales/zh/"));
        assert!(of("EN")
            .hint
            .as_deref()
            .unwrap()
            .contains("rename it to locales/en/"));
        assert!(of("main.ftl").message.contains("folder per language"));
    }
}
