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

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Range;
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
    /// Codes of the right-to-left languages, to isolate a string borrowed across directions.
    rtl: std::collections::HashSet<String>,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer")
            .field("languages", &self.bundles.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Localizer {
    /// Reads `locales/<code>/` (with sub-folders, see [`read_locale`]) for every configured
    /// language.
    pub fn load(config: &Config) -> Result<Localizer, Diagnostics> {
        let mut diags = Diagnostics::default();
        let mut bundles = HashMap::new();
        // Every file read, and per language the variables each key uses (with the file it is in),
        // to compare translations with the default language once all are read.
        let mut files: Vec<LocaleFile> = Vec::new();
        let mut variables: HashMap<String, BTreeMap<String, (usize, KeyVariables)>> =
            HashMap::new();
        for lang in &config.languages {
            let (bundle, read, ds) = load_language(config, lang);
            diags.extend(ds);
            let own_variables = variables.entry(lang.code.clone()).or_default();
            for file in read {
                for (key, vars) in file.entries.iter().flat_map(LocaleEntry::message_keys) {
                    own_variables
                        .entry(key)
                        .or_insert_with(|| (files.len(), vars));
                }
                files.push(file);
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
        let rtl = config
            .languages
            .iter()
            .filter(|l| l.dir == crate::config::Direction::Rtl)
            .map(|l| l.code.clone())
            .collect();
        Ok(Localizer {
            bundles,
            chains,
            numbers,
            rtl,
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
                // A string borrowed from a language of the other direction (an English notice on
                // an Urdu page of a site with no Urdu strings yet) is isolated, so its full stop
                // stays at its own end instead of jumping to the other.
                // (Checked only for a borrowed string: `t()` runs dozens of times per page.)
                Isolation::Text
                    if code != lang && self.rtl.contains(code) != self.rtl.contains(lang) =>
                {
                    format!("\u{2068}{value}\u{2069}")
                }
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

/// One `.ftl` file of a language, read the way the build reads it.
#[derive(Debug)]
pub struct LocaleFile {
    /// Relative to the site root, as diagnostics name it.
    pub path: PathBuf,
    /// The text as [`crate::error::read_source`] gives it (no BOM, `\n` line endings), which is
    /// what [`LocaleEntry::line`] and [`LocaleEntry::span`] count in.
    pub text: String,
    /// Its messages and terms in file order; for a file with syntax errors, those that could be
    /// read.
    pub entries: Vec<LocaleEntry>,
}

impl LocaleFile {
    /// The entry's own text, from its id to its last line: what scaffolding copies.
    pub fn source_of(&self, entry: &LocaleEntry) -> &str {
        self.text.get(entry.span.clone()).unwrap_or_default()
    }
}

/// One message or term of a `.ftl` file.
#[derive(Debug, Clone)]
pub struct LocaleEntry {
    /// `message` or `-term`.
    pub id: String,
    /// 1-based line of the id.
    pub line: usize,
    /// Byte range in [`LocaleFile::text`] from the id to the end of the entry's last line (its
    /// comment left out, trailing blank lines too).
    pub span: Range<usize>,
    /// The keys it defines, each with the variables it uses: `message` (when it has a value) and
    /// `message.attribute`; a term is the one key `-term`, since its attributes are private to
    /// Fluent and no template can ask for them.
    pub keys: Vec<(String, BTreeSet<String>)>,
    /// `$name`s in the comment above it (`# $count: number of guides`): the default language
    /// documents there what the theme passes, including variables its own wording does not need
    /// (`$monthnum` for a language that writes months as numbers).
    pub documented: BTreeSet<String>,
    /// Messages (`id`) and terms (`-id`) its value and attributes refer to, in order.
    pub references: Vec<String>,
}

impl LocaleEntry {
    /// The keys a template can ask for (messages only; terms get their values from the message
    /// using them), with the variables each uses and those the comment documents.
    fn message_keys(&self) -> Vec<(String, KeyVariables)> {
        if self.id.starts_with('-') {
            return Vec::new();
        }
        self.keys
            .iter()
            .map(|(key, used)| {
                let vars = KeyVariables {
                    used: used.clone(),
                    documented: self.documented.clone(),
                };
                (key.clone(), vars)
            })
            .collect()
    }
}

/// Every `.ftl` file of `locales/<code>/` and its sub-folders, read once for the build, `i18n
/// status` and `i18n scaffold` alike, so the three never disagree about which keys a language has.
/// Syntax errors are judged by the parser the build's bundles use, so a file the build accepts is
/// never an error here; the returned files include those with errors, with what could be read.
pub fn read_locale(config: &Config, code: &str) -> (Vec<LocaleFile>, Diagnostics) {
    let (files, diags) = read_locale_resources(config, code);
    (files.into_iter().map(|(file, _)| file).collect(), diags)
}

/// [`read_locale`], with each file's bundle resource (`None` when it has syntax errors).
fn read_locale_resources(
    config: &Config,
    code: &str,
) -> (Vec<(LocaleFile, Option<FluentResource>)>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let mut files = Vec::new();
    for path in ftl_files(&config.root.join(LOCALES_DIR).join(code)) {
        let rel = relative_to(&config.root, &path);
        let text = match crate::error::read_source(&path, &rel) {
            Ok(text) => text,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let resource = match FluentResource::try_new(text.clone()) {
            Ok(r) => Some(r),
            Err((_, errors)) => {
                diags.extend(errors.iter().map(|e| syntax_diag(&rel, &text, e)));
                None
            }
        };
        let entries = locale_entries(&text);
        files.push((
            LocaleFile {
                path: rel,
                text,
                entries,
            },
            resource,
        ));
    }
    (files, diags)
}

fn syntax_diag(rel: &Path, text: &str, e: &fluent_syntax::parser::ParserError) -> Diagnostic {
    Diagnostic::error(rel, format!("Fluent syntax error: {}", e.kind))
        .at_offset(text, e.pos.start)
        .with_hint("a message is `key = text`; a multi-line value is indented; a select expression needs a default variant marked with *")
}

/// One language's bundle from its readable files, with the checks that need the whole language:
/// an id defined twice, and references to messages or terms it does not define (one error at its
/// line instead of one per rendered page).
fn load_language(
    config: &Config,
    lang: &crate::config::Language,
) -> (FluentBundle<FluentResource>, Vec<LocaleFile>, Diagnostics) {
    let langid: LanguageIdentifier = lang.tag.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    let (read, mut diags) = read_locale_resources(config, &lang.code);
    if let Err(e) = bundle.add_builtins() {
        diags.push(Diagnostic::error(
            LOCALES_DIR,
            format!("Fluent built-ins: {e}"),
        ));
    }
    let mut files = Vec::new();
    for (file, resource) in read {
        // A file with syntax errors is left out of the bundle and of the checks below, as if it
        // were not there: its errors already stop the build.
        let Some(resource) = resource else { continue };
        // Duplicates are reported with both files named (see below).
        bundle.add_resource_overriding(resource);
        files.push(file);
    }
    diags.extend(duplicate_ids(&files));
    diags.extend(missing_references(&files));
    (bundle, files, diags)
}

/// An id defined a second time in the language, at the second definition.
fn duplicate_ids(files: &[LocaleFile]) -> Vec<Diagnostic> {
    let mut defined_in: HashMap<&str, &Path> = HashMap::new();
    let mut out = Vec::new();
    for file in files {
        for entry in &file.entries {
            match defined_in.get(entry.id.as_str()) {
                Some(first) => out.push(duplicate_diag(file, entry, first)),
                None => {
                    defined_in.insert(&entry.id, &file.path);
                }
            }
        }
    }
    out
}

/// Each message or term the language's files refer to but no file defines, once per file.
fn missing_references(files: &[LocaleFile]) -> Vec<Diagnostic> {
    let defined: HashSet<&str> = files
        .iter()
        .flat_map(|f| f.entries.iter().map(|e| e.id.as_str()))
        .collect();
    let mut out = Vec::new();
    for file in files {
        let mut reported = HashSet::new();
        for id in file.entries.iter().flat_map(|e| &e.references) {
            if !defined.contains(id.as_str()) && reported.insert(id) {
                out.push(missing_reference_diag(&file.path, &file.text, id));
            }
        }
    }
    out
}

/// The messages and terms of a file, with their positions. Parsed with `fluent_syntax`'s full
/// parser because the bundle's resource keeps no comments. The AST has no positions, but its
/// names are slices of `text`, so an entry starts where its id does and ends where the next
/// entry (or that entry's comment) starts.
fn locale_entries(text: &str) -> Vec<LocaleEntry> {
    use fluent_syntax::ast::Entry;
    let resource = fluent_syntax::parser::parse(text).unwrap_or_else(|(partial, _)| partial);
    let starts: Vec<Option<usize>> = resource.body.iter().map(|e| entry_start(text, e)).collect();
    let mut out = Vec::new();
    for (i, entry) in resource.body.iter().enumerate() {
        let (name, id, value, attributes, comment) = match entry {
            Entry::Message(m) => (
                m.id.name,
                m.id.name.to_string(),
                m.value.as_ref(),
                &m.attributes,
                &m.comment,
            ),
            Entry::Term(t) => (
                t.id.name,
                format!("-{}", t.id.name),
                Some(&t.value),
                &t.attributes,
                &t.comment,
            ),
            _ => continue,
        };
        let Some(at) = offset_in(text, name) else {
            continue;
        };
        let start = line_start(text, at);
        let end = starts[i + 1..]
            .iter()
            .flatten()
            .next()
            .copied()
            .unwrap_or(text.len());
        let end = start + text[start..end.max(start)].trim_end().len();
        let mut keys = Vec::new();
        if let Some(p) = value {
            keys.push((id.clone(), pattern_variables(p)));
        }
        if !id.starts_with('-') {
            for a in attributes {
                keys.push((format!("{id}.{}", a.id.name), pattern_variables(&a.value)));
            }
        }
        let mut references = Vec::new();
        for p in value.into_iter().chain(attributes.iter().map(|a| &a.value)) {
            visit_pattern(p, &mut |e| references.extend(referenced_id(e)));
        }
        out.push(LocaleEntry {
            id,
            line: text[..at].matches('\n').count() + 1,
            span: start..end,
            keys,
            documented: documented_variables(comment.as_ref()),
            references,
        });
    }
    out
}

/// Where an entry's first line (its comment's, if it has one) starts in `text`.
fn entry_start<'a>(text: &str, entry: &fluent_syntax::ast::Entry<&'a str>) -> Option<usize> {
    use fluent_syntax::ast::Entry;
    // An entry's comment is where it starts; the comment lines are slices of `text` too.
    let commented = |comment: &Option<fluent_syntax::ast::Comment<&'a str>>, id: &'a str| {
        comment
            .as_ref()
            .and_then(|c| c.content.first())
            .copied()
            .unwrap_or(id)
    };
    let first: &str = match entry {
        Entry::Message(m) => commented(&m.comment, m.id.name),
        Entry::Term(t) => commented(&t.comment, t.id.name),
        Entry::Comment(c) | Entry::GroupComment(c) | Entry::ResourceComment(c) => {
            c.content.first().copied()?
        }
        Entry::Junk { content } => content,
    };
    offset_in(text, first).map(|at| line_start(text, at))
}

/// Byte offset of `part` in `text`, when `part` is a slice of it.
fn offset_in(text: &str, part: &str) -> Option<usize> {
    let at = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    (at + part.len() <= text.len()).then_some(at)
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The message or term an expression refers to, if it is a reference.
fn referenced_id(e: &fluent_syntax::ast::InlineExpression<&str>) -> Option<String> {
    use fluent_syntax::ast::InlineExpression;
    match e {
        InlineExpression::MessageReference { id, .. } => Some(id.name.to_string()),
        InlineExpression::TermReference { id, .. } => Some(format!("-{}", id.name)),
        _ => None,
    }
}

/// The `$variables` a pattern uses, in placeables, selectors, variants and call arguments.
fn pattern_variables(p: &fluent_syntax::ast::Pattern<&str>) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    visit_pattern(p, &mut |e| {
        if let fluent_syntax::ast::InlineExpression::VariableReference { id } = e {
            used.insert(id.name.to_string());
        }
    });
    used
}

/// `$names` a comment mentions.
fn documented_variables(comment: Option<&fluent_syntax::ast::Comment<&str>>) -> BTreeSet<String> {
    comment
        .iter()
        .flat_map(|c| c.content.iter())
        .flat_map(|line| line.split('$').skip(1))
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect::<String>()
        })
        .filter(|name| !name.is_empty())
        .collect()
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

/// The variables one key (`message` or `message.attribute`) uses, and those its comment names.
#[derive(Debug, Default)]
struct KeyVariables {
    used: BTreeSet<String>,
    /// See [`LocaleEntry::documented`].
    documented: BTreeSet<String>,
}

/// A translation using a variable the default language's message neither uses nor documents: the
/// theme passes the variables the default-language text needs, so a misspelt `{ $lingua }` has no
/// value and would fail (or show `{$lingua}`) on every page that shows the string. Checked when
/// the locales are read, so it is one error at its line instead of one per page.
fn unknown_variables(
    config: &Config,
    variables: &HashMap<String, BTreeMap<String, (usize, KeyVariables)>>,
    files: &[LocaleFile],
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
                let LocaleFile {
                    path: rel, text, ..
                } = &files[*file];
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

fn duplicate_diag(file: &LocaleFile, entry: &LocaleEntry, first: &Path) -> Diagnostic {
    let (rel, id) = (&file.path, &entry.id);
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
    d.at_in(&file.text, entry.line, 1)
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
        site_in(SITE_TOML, files)
    }

    /// A site in a temp folder with this `site.toml` and these files.
    fn site_in(toml: &str, files: &[(&str, &str)]) -> (tempfile::TempDir, Config) {
        let dir = tempfile::tempdir().unwrap();
        for (rel, text) in files {
            let p = dir.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let config = Config::parse(dir.path(), toml).unwrap();
        (dir, config)
    }

    const SITE_TOML: &str = r#"
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

    #[test]
    fn a_string_borrowed_across_directions_is_isolated() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("locales/en")).unwrap();
        std::fs::write(
            dir.path().join("locales/en/main.ftl"),
            "notice = Check with the office.\n",
        )
        .unwrap();
        let toml = "base_url = \"https://example.org\"\ndefault_language = \"en\"\n[[languages]]\ncode = \"en\"\nname = \"English\"\n[[languages]]\ncode = \"fr\"\nname = \"Français\"\n[[languages]]\ncode = \"ur\"\nname = \"اردو\"\ndir = \"rtl\"\n";
        let (_dir, config) = site_in(
            toml,
            &[("locales/en/main.ftl", "notice = Check with the office.\n")],
        );
        let l = Localizer::load(&config).unwrap();
        let text = |lang, iso| l.format(lang, "notice", None, iso).unwrap();
        assert_eq!(
            text("ur", Isolation::Text),
            "\u{2068}Check with the office.\u{2069}"
        );
        assert_eq!(text("ur", Isolation::Plain), "Check with the office.");
        assert_eq!(text("fr", Isolation::Text), "Check with the office.");
        assert_eq!(text("en", Isolation::Text), "Check with the office.");
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
    fn entries_know_their_keys_lines_variables_and_text() {
        let text = "### Resource comment\n\n# $count: number of guides\nguides = { $count ->\n    [one] Una guida\n   *[other] { $count } guide\n}\n    .title = Guide di { -brand }\n\n-brand = Approdo\n# standalone\n\n\nbroken\nlast = Fine\n";
        let entries = locale_entries(text);
        let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["guides", "-brand", "last"]);
        let guides = &entries[0];
        assert_eq!(guides.line, 4);
        assert_eq!(
            &text[guides.span.clone()],
            "guides = { $count ->\n    [one] Una guida\n   *[other] { $count } guide\n}\n    .title = Guide di { -brand }"
        );
        let keys: Vec<&str> = guides.keys.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["guides", "guides.title"]);
        assert!(guides.keys[0].1.contains("count") && guides.keys[1].1.is_empty());
        assert!(guides.documented.contains("count"));
        assert_eq!(guides.references, ["-brand"]);
        assert_eq!(&text[entries[1].span.clone()], "-brand = Approdo");
        assert_eq!(
            (entries[2].line, &text[entries[2].span.clone()]),
            (15, "last = Fine")
        );
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
