//! `approdo i18n scaffold LANG`: the files a translator starts from, made from the source
//! language so nothing has to be copied by hand.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::Status;
use crate::config::Config;
use crate::content::Site;
use crate::error::{relative_to, Diagnostic, Diagnostics};
use crate::i18n::LOCALES_DIR;

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

