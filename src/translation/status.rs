//! `approdo i18n status`: what each translator still has to do.
//!
//! UI strings are compared key by key with the source language (missing, extra, variables the
//! source uses but the translation forgot); pages are compared by their `translated_from:` version
//! (see [`crate::translation`]): missing, not stamped, or stale because the source changed since.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast;
use serde::Serialize;

use crate::config::Config;
use crate::content::Site;
use crate::error::{relative_to, Diagnostic, Diagnostics};
use crate::i18n::LOCALES_DIR;
use super::source_version;

/// Keys the generator itself formats (dates), used even though no template names them.
fn keys_used_by_code() -> Vec<String> {
    let mut keys: Vec<String> = (1..=12).map(|m| format!("month-{m}")).collect();
    keys.push("date-long".into());
    keys
}

/// One UI string key in one language: the variables its text uses.
type Keys = BTreeMap<String, BTreeSet<String>>;

#[derive(Debug, Serialize)]
pub struct PageTodo {
    /// The translation's file (to create, or to update).
    pub file: PathBuf,
    /// The source-language file to translate from.
    pub source: PathBuf,
}

#[derive(Debug, Serialize)]
pub struct LanguageStatus {
    pub code: String,
    pub pages_total: usize,
    pub pages_up_to_date: usize,
    pub pages_missing: Vec<PageTodo>,
    /// Translated, but the source changed since (or the translation never recorded its version).
    pub pages_stale: Vec<PageTodo>,
    pub keys_total: usize,
    pub keys_missing: Vec<String>,
    pub keys_extra: Vec<String>,
    /// Keys whose translation lacks variables the source text uses: key → missing `$names`.
    pub variables_missing: BTreeMap<String, Vec<String>>,
    /// Share of pages up to date and UI strings present, in percent.
    pub complete: f64,
}

#[derive(Debug, Serialize)]
pub struct Status {
    pub source_language: String,
    pub languages: Vec<LanguageStatus>,
    /// Keys templates use that no language defines.
    pub keys_undefined: Vec<String>,
    /// Source keys nothing uses (templates, data files, the generator).
    pub keys_unused: Vec<String>,
    /// Fluent syntax errors and unreadable files.
    pub errors: Diagnostics,
}

impl Status {
    /// True when nothing is left to do.
    pub fn is_complete(&self) -> bool {
        self.errors.is_empty()
            && self.keys_undefined.is_empty()
            && self.languages.iter().all(|l| {
                l.pages_missing.is_empty()
                    && l.pages_stale.is_empty()
                    && l.keys_missing.is_empty()
                    && l.keys_extra.is_empty()
                    && l.variables_missing.is_empty()
            })
    }
}

/// Reads every locale and compares every language with the source.
/// `template_keys`: keys the templates name with `key=`; `literals`: other strings they contain.
pub fn status(
    site: &Site,
    template_keys: &BTreeSet<String>,
    literals: &BTreeSet<String>,
) -> Status {
    let config = &site.config;
    let mut errors = Diagnostics::default();
    let keys: BTreeMap<String, Keys> = config
        .languages
        .iter()
        .map(|l| (l.code.clone(), read_keys(config, &l.code, &mut errors)))
        .collect();
    let source = &config.default_language;
    let empty = Keys::new();
    let source_keys = keys.get(source).unwrap_or(&empty);
    let mut languages = Vec::new();
    for lang in config.languages.iter().filter(|l| &l.code != source) {
        let own = keys.get(&lang.code).unwrap_or(&empty);
        let keys_missing: Vec<String> = source_keys
            .keys()
            .filter(|k| !own.contains_key(*k))
            .cloned()
            .collect();
        let keys_extra: Vec<String> = own
            .keys()
            .filter(|k| !source_keys.contains_key(*k))
            .cloned()
            .collect();
        let variables_missing: BTreeMap<String, Vec<String>> = source_keys
            .iter()
            .filter_map(|(k, vars)| {
                let theirs = own.get(k)?;
                let missing: Vec<String> =
                    vars.difference(theirs).map(|v| format!("${v}")).collect();
                (!missing.is_empty()).then(|| (k.clone(), missing))
            })
            .collect();
        let (mut total, mut up_to_date) = (0, 0);
        let (mut pages_missing, mut pages_stale) = (Vec::new(), Vec::new());
        for grp in &site.groups {
            let Some(&src_index) = grp.docs.get(source) else {
                continue;
            };
            let src = &site.docs[src_index];
            total += 1;
            match grp.docs.get(&lang.code) {
                None => pages_missing.push(PageTodo {
                    file: translation_path(&src.source, source, &lang.code),
                    source: src.source.clone(),
                }),
                Some(&d) => {
                    let doc = &site.docs[d];
                    if doc.front.translated_from.as_deref() == Some(source_version(src).as_str()) {
                        up_to_date += 1;
                    } else {
                        pages_stale.push(PageTodo {
                            file: doc.source.clone(),
                            source: src.source.clone(),
                        });
                    }
                }
            }
        }
        let keys_total = source_keys.len();
        let done = up_to_date + (keys_total - keys_missing.len());
        let all = total + keys_total;
        languages.push(LanguageStatus {
            code: lang.code.clone(),
            pages_total: total,
            pages_up_to_date: up_to_date,
            pages_missing,
            pages_stale,
            keys_total,
            keys_missing,
            keys_extra,
            variables_missing,
            complete: if all == 0 {
                100.0
            } else {
                (done as f64 * 1000.0 / all as f64).floor() / 10.0
            },
        });
    }
    let defined: BTreeSet<&String> = keys.values().flat_map(|k| k.keys()).collect();
    let keys_undefined = template_keys
        .iter()
        .filter(|k| !defined.contains(k))
        .cloned()
        .collect();
    let mut used: BTreeSet<String> = template_keys.clone();
    used.extend(literals.iter().cloned());
    used.extend(keys_used_by_code());
    collect_strings(
        &serde_json::Value::Object(
            site.data
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        ),
        &mut used,
    );
    let keys_unused = source_keys
        .keys()
        .filter(|k| !used.contains(*k))
        .cloned()
        .collect();
    Status {
        source_language: source.clone(),
        languages,
        keys_undefined,
        keys_unused,
        errors,
    }
}

/// `content/legal/visa.it.md` → `content/legal/visa.ar.md` (a file without suffix gets one).
pub(super) fn translation_path(source: &Path, from: &str, to: &str) -> PathBuf {
    let name = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.strip_suffix(".md").unwrap_or(&name);
    let stem = stem.strip_suffix(&format!(".{from}")).unwrap_or(stem);
    source.with_file_name(format!("{stem}.{to}.md"))
}

fn collect_strings(v: &serde_json::Value, out: &mut BTreeSet<String>) {
    match v {
        serde_json::Value::String(s) => {
            out.insert(s.clone());
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| collect_strings(x, out)),
        _ => {}
    }
}

/// Keys (messages, `message.attribute`, `-terms`) of one language with the variables each uses.
fn read_keys(config: &Config, code: &str, errors: &mut Diagnostics) -> Keys {
    let mut keys = Keys::new();
    let dir = config.root.join(LOCALES_DIR).join(code);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return keys;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        .collect();
    files.sort();
    for path in files {
        let rel = relative_to(&config.root, &path);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                errors.push(Diagnostic::error(&rel, format!("cannot read: {e}")));
                continue;
            }
        };
        let resource = match fluent_syntax::parser::parse(text.as_str()) {
            Ok(r) => r,
            Err((r, errs)) => {
                for e in errs {
                    errors.push(
                        Diagnostic::error(&rel, format!("Fluent syntax error: {}", e.kind))
                            .at_offset(&text, e.pos.start),
                    );
                }
                r
            }
        };
        for entry in resource.body {
            match entry {
                ast::Entry::Message(m) => {
                    if let Some(p) = &m.value {
                        keys.insert(m.id.name.to_string(), variables(p));
                    }
                    for a in &m.attributes {
                        keys.insert(format!("{}.{}", m.id.name, a.id.name), variables(&a.value));
                    }
                }
                ast::Entry::Term(t) => {
                    keys.insert(format!("-{}", t.id.name), variables(&t.value));
                }
                _ => {}
            }
        }
    }
    keys
}

fn variables(p: &ast::Pattern<&str>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    pattern_vars(p, &mut out);
    out
}

fn pattern_vars(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            expression_vars(expression, out);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Inline(i) => inline_vars(i, out),
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, out);
            for v in variants {
                pattern_vars(&v.value, out);
            }
        }
    }
}

fn inline_vars(i: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            arguments
                .positional
                .iter()
                .for_each(|a| inline_vars(a, out));
            arguments
                .named
                .iter()
                .for_each(|a| inline_vars(&a.value, out));
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, out),
        _ => {}
    }
}

