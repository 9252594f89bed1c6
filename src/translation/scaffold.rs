//! `approdo i18n scaffold LANG`: the files a translator starts from, made from the source
//! language so nothing has to be copied by hand.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::status::PageTodo;
use super::Status;
use crate::config::Config;
use crate::content::frontmatter::{FrontMatter, SectionKind};
use crate::content::frontmatter_edit::{with_keys, Value};
use crate::content::Site;
use crate::error::{Diagnostic, Diagnostics};
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
    let mut written = scaffold_strings(config, &ls.keys_missing, lang)?;
    written.extend(scaffold_pages(site, &ls.pages_missing)?);
    Ok(written)
}

/// Each missing page as a draft beside its source, holding the source's text to translate.
fn scaffold_pages(site: &Site, pages_missing: &[PageTodo]) -> Result<Vec<PathBuf>, Diagnostics> {
    let root = &site.config.root;
    let mut written = Vec::new();
    for todo in pages_missing {
        let target = root.join(&todo.file);
        if target.exists() {
            continue;
        }
        // Read as saved (not through `read_source`), so the draft keeps the source's line endings.
        let text = crate::error::read_as_saved(&root.join(&todo.source), &todo.source)
            .map_err(Diagnostics::from)?;
        let Some(doc) = site.docs.iter().find(|d| d.source == todo.source) else {
            continue;
        };
        let draft = with_keys(&text, &draft_keys(&doc.front)).map_err(|e| {
            Diagnostics::from(
                Diagnostic::error(&todo.source, e.message).at_in(&text, e.line, e.col),
            )
        })?;
        std::fs::write(&target, draft).map_err(|e| write_error(&todo.file, e))?;
        written.push(todo.file.clone());
    }
    Ok(written)
}

/// The front matter of a draft translation: what the source's readers see first (title,
/// description) to translate, what orders it (kind, weight, step), and `draft: true` so it is not
/// published before it is translated.
fn draft_keys(front: &FrontMatter) -> Vec<(&'static str, Value<'_>)> {
    let mut keys = vec![("title", Value::Text(&front.title))];
    if let Some(desc) = &front.description {
        keys.push(("description", Value::Text(desc)));
    }
    if let Some(kind) = front.kind {
        let name = match kind {
            SectionKind::Steps => "steps",
            SectionKind::Guides => "guides",
        };
        keys.push(("kind", Value::Text(name)));
    }
    if let Some(w) = front.weight {
        keys.push(("weight", Value::Number(w)));
    }
    if let Some(s) = front.step {
        keys.push(("step", Value::Number(i64::from(s))));
    }
    keys.push(("draft", Value::Bool(true)));
    keys
}

/// Appends the source entries of the missing keys, commented out, to the file of `lang` that
/// mirrors the source's (`locales/it/guides/steps.ftl` → `locales/ar/guides/steps.ftl`), each
/// message once however many of its attributes are missing. The entries come from the build's own
/// reader, so an entry in a sub-folder is copied like any other. Returns the files written.
fn scaffold_strings(
    config: &Config,
    keys_missing: &[String],
    lang: &str,
) -> Result<Vec<PathBuf>, Diagnostics> {
    let missing: BTreeSet<&str> = keys_missing.iter().map(String::as_str).collect();
    // Unreadable files and syntax errors were reported by the status this runs after.
    let (files, _) = crate::i18n::read_locale(config, &config.default_language);
    let source_dir = Path::new(LOCALES_DIR).join(&config.default_language);
    let mut written = Vec::new();
    for file in &files {
        let entries: Vec<&str> = file
            .entries
            .iter()
            .filter(|e| e.keys.iter().any(|(k, _)| missing.contains(k.as_str())))
            .map(|e| file.source_of(e))
            .collect();
        if entries.is_empty() {
            continue;
        }
        let within = file.path.strip_prefix(&source_dir).unwrap_or(&file.path);
        let target = Path::new(LOCALES_DIR).join(lang).join(within);
        append_commented(
            &config.root.join(&target),
            &config.default_language,
            &entries,
        )
        .map_err(|e| write_error(&target, e))?;
        written.push(target);
    }
    Ok(written)
}

/// Adds the entries at the end of the file as comments (so they keep falling back until someone
/// translates them), leaving the file's existing bytes as they are and using its line ending.
fn append_commented(path: &Path, from: &str, entries: &[&str]) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let existing = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e),
    };
    let eol = if existing.windows(2).any(|w| w == b"\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut text = String::new();
    if !existing.is_empty() && !existing.ends_with(b"\n") {
        text.push_str(eol);
    }
    text.push_str(&format!(
        "{eol}## To translate (scaffolded from `{from}`): remove the \"# \" before each key's lines and translate the text.{eol}"
    ));
    for line in entries.iter().flat_map(|e| e.lines()) {
        text.push_str(format!("# {line}").trim_end());
        text.push_str(eol);
    }
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?
        .write_all(text.as_bytes())
}

fn write_error(path: &Path, e: std::io::Error) -> Diagnostics {
    Diagnostic::error(path.display().to_string(), format!("cannot write: {e}")).into()
}
