//! The `approdo i18n status` report: text for a terminal, and an HTML page for a translator made
//! from the theme's `i18n-status.html` (JSON is the [`Status`] itself, serialised by the CLI).
//!
//! Both list the same to-do items ([`todo`]); only the wording differs. The HTML page is a Tera
//! template so a site can restyle or translate it like the rest of its theme, and so every name
//! taken from a file is escaped by the template engine instead of by hand.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::status::LanguageStatus;
use super::Status;
use crate::config::Config;
use crate::error::{relative_to, Diagnostic};

/// The report template, in the theme's `templates/` folder.
pub const TEMPLATE: &str = "i18n-status.html";

/// The default theme's report template, used when the site's theme has none, so a site made with
/// an older theme still gets its report.
const DEFAULT_TEMPLATE: &str = include_str!("../../themes/default/templates/i18n-status.html");

/// A file named in the report, with its address relative to the site folder.
#[derive(Debug, Serialize)]
pub struct FileLink {
    pub path: String,
    /// Percent-encoded for `href`.
    pub href: String,
}

impl FileLink {
    fn new(path: &Path) -> FileLink {
        let path = path.display().to_string();
        FileLink {
            href: crate::escape::encode_path(&path),
            path,
        }
    }
}

/// One thing a translator has to do for a language.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Todo {
    /// Translate `source` into the new file `file`.
    NewPage { source: FileLink, file: FileLink },
    /// Bring `file` up to date with `source`, then stamp it; `diff` says what changed.
    StalePage {
        file: FileLink,
        source: FileLink,
        diff: Option<super::diff::PageDiff>,
    },
    /// Add `key` to `file`.
    MissingString { key: String, file: FileLink },
    /// `key` is not in the source language.
    ExtraString { key: String },
    /// `key` does not use `variables` like the source does.
    MissingVariables { key: String, variables: String },
}

/// Everything left to do for one language, in the order the report lists it.
pub fn todo(s: &Status, l: &LanguageStatus) -> Vec<Todo> {
    let mut out = Vec::new();
    for p in &l.pages_missing {
        out.push(Todo::NewPage {
            source: FileLink::new(&p.source),
            file: FileLink::new(&p.file),
        });
    }
    for p in &l.pages_stale {
        out.push(Todo::StalePage {
            file: FileLink::new(&p.file),
            source: FileLink::new(&p.source),
            diff: p.diff.clone(),
        });
    }
    for k in &l.keys_missing {
        out.push(Todo::MissingString {
            key: k.clone(),
            file: FileLink::new(&s.translation_file(k, &l.code)),
        });
    }
    for k in &l.keys_extra {
        out.push(Todo::ExtraString { key: k.clone() });
    }
    for (k, vars) in &l.variables_missing {
        out.push(Todo::MissingVariables {
            key: k.clone(),
            variables: vars.join(", "),
        });
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
        let todo: Vec<String> = todo(s, l).iter().map(todo_line).collect();
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

fn todo_line(t: &Todo) -> String {
    match t {
        Todo::NewPage { source, file } => {
            format!("  translate {} into {} (new file)", source.path, file.path)
        }
        Todo::StalePage { file, source, diff } => {
            let mut line = format!(
                "  update {} from {} (the source changed; then run `approdo i18n stamp {}`)",
                file.path, source.path, file.path
            );
            // What changed, indented under the to-do item.
            if let Some(d) = diff {
                for l in super::diff::to_text(d).lines().skip(1) {
                    line.push_str(&format!("\n  {l}"));
                }
            }
            line
        }
        Todo::MissingString { key, file } => format!("  add UI string `{key}` to {}", file.path),
        Todo::ExtraString { key } => {
            format!("  remove or rename UI string `{key}` (not in the source language)")
        }
        Todo::MissingVariables { key, variables } => {
            format!("  UI string `{key}` does not use {variables} like the source does")
        }
    }
}

/// One language's row and to-do list, as the HTML template gets them.
#[derive(Debug, Serialize)]
struct LanguageReport {
    code: String,
    /// BCP 47 tag, direction and endonym: the language's section is written its way.
    tag: String,
    dir: &'static str,
    name: String,
    /// Percent, one decimal: "87.5".
    complete: String,
    pages_total: usize,
    pages_up_to_date: usize,
    pages_missing: usize,
    pages_stale: usize,
    keys_total: usize,
    keys_missing: usize,
    todo: Vec<Todo>,
}

/// The report as a self-contained HTML page a translator can open, rendered from the theme's
/// `templates/i18n-status.html` (or the default theme's copy). The template gets
/// `source_language`, `languages` (each with `code`, `complete`, the counts and `todo`) and
/// `status`, the whole report as `--format json` gives it.
pub fn to_html(s: &Status, config: &Config) -> Result<String, Diagnostic> {
    let path = config.theme_dir().join("templates").join(TEMPLATE);
    let rel = relative_to(&config.root, &path);
    let (source, shown) = if path.is_file() {
        (crate::error::read_source(&path, &rel)?, rel)
    } else {
        (
            DEFAULT_TEMPLATE.to_string(),
            PathBuf::from(format!("(built-in) themes/default/templates/{TEMPLATE}")),
        )
    };
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html"]);
    // Paths stay readable (`content/legal/visa.ar.md`, not `content&#x2F;legal…`).
    tera.set_escape_fn(crate::escape::xml_escape);
    let fail = |e: tera::Error| {
        Diagnostic::error(&shown, crate::render::error_chain(&e))
            .with_hint("the template gets source_language, languages (code, complete, counts, todo) and status")
    };
    tera.add_raw_template(TEMPLATE, &source).map_err(fail)?;
    let languages: Vec<LanguageReport> = s
        .languages
        .iter()
        .map(|l| LanguageReport {
            tag: config
                .language(&l.code)
                .map_or(l.code.clone(), |c| c.tag.clone()),
            dir: config.language(&l.code).map_or("ltr", |c| c.dir.as_str()),
            name: config
                .language(&l.code)
                .map_or(l.code.clone(), |c| c.name.clone()),
            code: l.code.clone(),
            complete: format!("{:.1}", l.complete),
            pages_total: l.pages_total,
            pages_up_to_date: l.pages_up_to_date,
            pages_missing: l.pages_missing.len(),
            pages_stale: l.pages_stale.len(),
            keys_total: l.keys_total,
            keys_missing: l.keys_missing.len(),
            todo: todo(s, l),
        })
        .collect();
    let mut ctx = tera::Context::new();
    ctx.insert("source_language", &s.source_language);
    ctx.insert("languages", &languages);
    ctx.insert("status", s);
    let source_lang = config.language(&s.source_language);
    ctx.insert(
        "source_tag",
        &source_lang.map_or(s.source_language.clone(), |l| l.tag.clone()),
    );
    // The theme's stylesheet, inlined: the report is one file a coordinator can open or send.
    let css =
        std::fs::read_to_string(config.theme_dir().join("static/style.css")).unwrap_or_default();
    ctx.insert("theme_css", &css.replace("</", "<\\/"));
    tera.render(TEMPLATE, &ctx).map_err(fail)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::translation::status::PageTodo;

    /// A report whose names are markup: as if a file or key could be called that.
    fn hostile() -> Status {
        let page = PathBuf::from("content/<img src=x onerror=alert(1)>.it.md");
        Status {
            source_language: "it".into(),
            languages: vec![LanguageStatus {
                code: "ar".into(),
                pages_total: 1,
                pages_up_to_date: 0,
                pages_missing: vec![PageTodo {
                    file: page.with_file_name("x\".ar.md"),
                    source: page.clone(),
                    diff: None,
                }],
                // A source sentence that is markup: the diff shows it as text.
                pages_stale: vec![PageTodo {
                    file: page.with_file_name("y.ar.md"),
                    source: page.clone(),
                    diff: Some(crate::translation::diff::PageDiff {
                        file: page.with_file_name("y.ar.md"),
                        source: page,
                        stamped: Some("000000000000".into()),
                        current: "111111111111".into(),
                        origin: Some(crate::translation::diff::Origin::Git {
                            commit: "abc".into(),
                        }),
                        why_not: None,
                        current_source: Vec::new(),
                        changes: vec![crate::translation::diff::Change {
                            kind: "changed",
                            field: "text",
                            line: 3,
                            pieces: vec![crate::translation::diff::Piece {
                                tag: "added",
                                text: "<script>alert(2)</script>".into(),
                            }],
                            in_translation: None,
                        }],
                    }),
                }],
                keys_total: 1,
                keys_missing: vec!["<script>alert(1)</script>".into()],
                keys_extra: Vec::new(),
                variables_missing: BTreeMap::new(),
                complete: 0.0,
            }],
            keys_undefined: Vec::new(),
            keys_unused: Vec::new(),
            key_files: BTreeMap::new(),
            errors: Default::default(),
        }
    }

    #[test]
    fn names_in_the_html_report_are_text_not_markup() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::parse(
            dir.path(),
            "base_url = \"https://example.org\"\ndefault_language = \"it\"\n[[languages]]\ncode = \"it\"\nname = \"Italiano\"\n[[languages]]\ncode = \"en\"\nname = \"English\"\n",
        )
        .unwrap();
        let html = to_html(&hostile(), &config).unwrap();
        assert!(
            !html.contains("<script") && !html.contains("<img"),
            "{html}"
        );
        assert!(
            html.contains("<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>"),
            "{html}"
        );
        assert!(
            html.contains("href=\"content/%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.it.md\""),
            "{html}"
        );
        assert!(
            html.contains("<code>content/x&quot;.ar.md</code>"),
            "{html}"
        );
        assert!(
            html.contains("<ins>&lt;script&gt;alert(2)&lt;/script&gt;</ins>"),
            "{html}"
        );
        assert!(
            html.contains("<th scope=\"row\"><a href=\"#lang-ar\">ar</a></th>"),
            "{html}"
        );
    }
}
