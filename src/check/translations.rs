//! `approdo i18n status` and `approdo i18n scaffold`: what each translator still has to do.
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
use crate::translation::source_version;

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
fn translation_path(source: &Path, from: &str, to: &str) -> PathBuf {
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

/// Creates what `lang` lacks: missing UI strings as commented-out entries carrying the source text
/// (so they keep falling back until translated), and missing pages as drafts holding the source
/// text (never published until `draft: true` is removed). Returns the files written.
pub fn scaffold(site: &Site, status: &Status, lang: &str) -> Result<Vec<PathBuf>, Diagnostics> {
    let config = &site.config;
    let Some(ls) = status.languages.iter().find(|l| l.code == lang) else {
        return Err(Diagnostic::error(
            "site.toml",
            format!(
                "`{lang}` is not a configured language other than the source `{}`",
                config.default_language
            ),
        )
        .into());
    };
    let mut written = Vec::new();
    let err = |p: &Path, e: std::io::Error| {
        Diagnostics::from(Diagnostic::error(
            p.display().to_string(),
            format!("cannot write: {e}"),
        ))
    };
    if !ls.keys_missing.is_empty() {
        let source_text = source_messages(config);
        let file = config.root.join(LOCALES_DIR).join(lang).join("main.ftl");
        std::fs::create_dir_all(file.parent().expect("has a parent")).map_err(|e| err(&file, e))?;
        let mut text = std::fs::read_to_string(&file).unwrap_or_default();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&format!(
            "\n## To translate (scaffolded from `{}`): remove the \"# \" before each key's lines and translate the text.\n",
            config.default_language
        ));
        for key in &ls.keys_missing {
            if let Some(src) = source_text.get(key) {
                for line in src.lines() {
                    text.push_str("# ");
                    text.push_str(line);
                    text.push('\n');
                }
            }
        }
        std::fs::write(&file, text).map_err(|e| err(&file, e))?;
        written.push(relative_to(&config.root, &file));
    }
    for todo in &ls.pages_missing {
        let src = config.root.join(&todo.source);
        let target = config.root.join(&todo.file);
        if target.exists() {
            continue;
        }
        let text = std::fs::read_to_string(&src).map_err(|e| err(&src, e))?;
        let body = crate::content::frontmatter::split_front_matter(&text).map_or("", |s| s.body);
        let doc = site.docs.iter().find(|d| d.source == todo.source);
        let mut front = String::from("---\n");
        if let Some(d) = doc {
            front.push_str(&format!(
                "title: {}\n",
                serde_json::to_string(&d.front.title).unwrap_or_default()
            ));
            if let Some(desc) = &d.front.description {
                front.push_str(&format!(
                    "description: {}\n",
                    serde_json::to_string(desc).unwrap_or_default()
                ));
            }
            if let Some(k) = d.front.kind {
                front.push_str(&format!(
                    "kind: {}\n",
                    if k == crate::content::SectionKind::Steps {
                        "steps"
                    } else {
                        "guides"
                    }
                ));
            }
            if let Some(w) = d.front.weight {
                front.push_str(&format!("weight: {w}\n"));
            }
            if let Some(s) = d.front.step {
                front.push_str(&format!("step: {s}\n"));
            }
        }
        front.push_str("draft: true\n---\n");
        std::fs::write(&target, format!("{front}{body}")).map_err(|e| err(&target, e))?;
        written.push(todo.file.clone());
    }
    Ok(written)
}

/// The source language's entries as text, by key, for scaffolding.
fn source_messages(config: &Config) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let dir = config.root.join(LOCALES_DIR).join(&config.default_language);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return out;
    };
    for path in entries.filter_map(Result::ok).map(|e| e.path()) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let mut current: Option<(String, String)> = None;
        for line in text.lines() {
            let starts_entry = !line.starts_with([' ', '#', '\t'])
                && line.contains('=')
                && !line.trim().is_empty();
            if starts_entry || line.starts_with('#') || line.trim().is_empty() {
                if let Some((k, v)) = current.take() {
                    out.insert(k, v);
                }
            }
            if starts_entry {
                let key = line.split('=').next().unwrap_or("").trim().to_string();
                current = Some((key, format!("{line}\n")));
            } else if let Some((_, v)) = current.as_mut() {
                if line.starts_with([' ', '\t']) {
                    v.push_str(line);
                    v.push('\n');
                }
            }
        }
        if let Some((k, v)) = current.take() {
            out.insert(k, v);
        }
    }
    out
}

/// The report as plain text: a table per language, then what to do.
pub fn to_text(s: &Status) -> String {
    let mut out = format!(
        "Translation status (source language: {})\n\n",
        s.source_language
    );
    out.push_str("lang  complete  pages up to date  missing  stale   UI strings  missing  extra\n");
    for l in &s.languages {
        out.push_str(&format!(
            "{:<5} {:>7.1}%  {:>8}/{:<7} {:>7}  {:>5}   {:>5}/{:<5} {:>7}  {:>5}\n",
            l.code,
            l.complete,
            l.pages_up_to_date,
            l.pages_total,
            l.pages_missing.len(),
            l.pages_stale.len(),
            l.keys_total - l.keys_missing.len(),
            l.keys_total,
            l.keys_missing.len(),
            l.keys_extra.len()
        ));
    }
    for l in &s.languages {
        let mut todo = Vec::new();
        for p in &l.pages_missing {
            todo.push(format!(
                "  translate {} into {} (new file)",
                p.source.display(),
                p.file.display()
            ));
        }
        for p in &l.pages_stale {
            todo.push(format!(
                "  update {} from {} (the source changed; then run `approdo i18n stamp {}`)",
                p.file.display(),
                p.source.display(),
                p.file.display()
            ));
        }
        for k in &l.keys_missing {
            todo.push(format!(
                "  add UI string `{k}` to locales/{}/main.ftl",
                l.code
            ));
        }
        for k in &l.keys_extra {
            todo.push(format!(
                "  remove or rename UI string `{k}` (not in the source language)"
            ));
        }
        for (k, vars) in &l.variables_missing {
            todo.push(format!(
                "  UI string `{k}` does not use {} like the source does",
                vars.join(", ")
            ));
        }
        if !todo.is_empty() {
            out.push_str(&format!("\n{}:\n{}\n", l.code, todo.join("\n")));
        }
    }
    for k in &s.keys_undefined {
        out.push_str(&format!(
            "\ntemplates use UI string `{k}`, which no language defines"
        ));
    }
    if !s.keys_unused.is_empty() {
        out.push_str(&format!(
            "\nnote: UI strings nothing uses: {}\n",
            s.keys_unused.join(", ")
        ));
    }
    for d in &s.errors.0 {
        out.push_str(&format!("\n{d}"));
    }
    out
}

/// The report as a self-contained HTML page a translator can open (no scripts, no external files).
pub fn to_html(s: &Status) -> String {
    let e = crate::escape::xml_escape;
    let file_link = |p: &Path| {
        let path = p.display().to_string();
        format!(
            "<a href=\"{}\"><code>{}</code></a>",
            e(&crate::escape::encode_path(&path)),
            e(&path)
        )
    };
    let mut h = String::from("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Translation status</title>\n<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:auto;padding:1rem;line-height:1.5}table{border-collapse:collapse}th,td{border:1px solid #888;padding:.3rem .6rem;text-align:start}td.n{text-align:end}</style>\n</head>\n<body>\n<main>\n");
    h.push_str(&format!("<h1>Translation status</h1>\n<p>Source language: <strong>{}</strong>. Links open the files, relative to the site folder.</p>\n", e(&s.source_language)));
    h.push_str("<table>\n<thead><tr><th scope=\"col\">Language</th><th scope=\"col\">Complete</th><th scope=\"col\">Pages up to date</th><th scope=\"col\">Missing pages</th><th scope=\"col\">Stale pages</th><th scope=\"col\">Missing UI strings</th></tr></thead>\n<tbody>\n");
    for l in &s.languages {
        h.push_str(&format!(
            "<tr><th scope=\"row\"><a href=\"#lang-{c}\">{c}</a></th><td class=\"n\">{:.1} %</td><td class=\"n\">{} / {}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
            l.complete, l.pages_up_to_date, l.pages_total, l.pages_missing.len(), l.pages_stale.len(), l.keys_missing.len(), c = e(&l.code)
        ));
    }
    h.push_str("</tbody>\n</table>\n");
    for l in &s.languages {
        h.push_str(&format!(
            "<section id=\"lang-{c}\">\n<h2>{c}</h2>\n",
            c = e(&l.code)
        ));
        let mut items = Vec::new();
        for p in &l.pages_missing {
            items.push(format!(
                "Translate {} into a new file <code>{}</code>",
                file_link(&p.source),
                e(&p.file.display().to_string())
            ));
        }
        for p in &l.pages_stale {
            items.push(format!(
                "Update {} (source: {}), then run <code>approdo i18n stamp {}</code>",
                file_link(&p.file),
                file_link(&p.source),
                e(&p.file.display().to_string())
            ));
        }
        for k in &l.keys_missing {
            items.push(format!(
                "Add UI string <code>{}</code> to {}",
                e(k),
                file_link(&PathBuf::from(format!("locales/{}/main.ftl", l.code)))
            ));
        }
        for k in &l.keys_extra {
            items.push(format!(
                "Remove or rename UI string <code>{}</code>: the source language has no such key",
                e(k)
            ));
        }
        for (k, vars) in &l.variables_missing {
            items.push(format!(
                "UI string <code>{}</code> should use {}",
                e(k),
                e(&vars.join(", "))
            ));
        }
        if items.is_empty() {
            h.push_str("<p>Nothing to do: this language is up to date.</p>\n");
        } else {
            h.push_str("<ul>\n");
            for i in items {
                h.push_str(&format!("<li>{i}</li>\n"));
            }
            h.push_str("</ul>\n");
        }
        h.push_str("</section>\n");
    }
    h.push_str("</main>\n</body>\n</html>\n");
    h
}
