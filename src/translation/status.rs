//! `approdo i18n status`: what each translator still has to do.
//!
//! UI strings are compared key by key with the source language (missing, extra, variables the
//! source uses but the translation forgot); pages are compared by their `translated_from:` version
//! (see [`crate::translation`]): missing, not stamped, or stale because the source changed since.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::source_version;
use crate::config::Config;
use crate::content::Site;
use crate::error::Diagnostics;
use crate::i18n::LOCALES_DIR;

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
    /// For a stale page: what changed in the source since the translation was stamped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<super::diff::PageDiff>,
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
    /// The file each source-language key is in, relative to `locales/<source>/` (`main.ftl`,
    /// `guides/steps.ftl`): a translation keeps the key in the same file of its own folder.
    pub key_files: BTreeMap<String, PathBuf>,
    /// Fluent syntax errors and unreadable files.
    pub errors: Diagnostics,
}

impl Status {
    /// Where `lang` keeps the UI string `key`: the file mirroring the source's
    /// (`locales/ar/guides/steps.ftl` for a key in `locales/it/guides/steps.ftl`), `main.ftl` for
    /// a key the source does not have.
    pub fn translation_file(&self, key: &str, lang: &str) -> PathBuf {
        let within = self
            .key_files
            .get(key)
            .map_or(Path::new("main.ftl"), PathBuf::as_path);
        Path::new(LOCALES_DIR).join(lang).join(within)
    }

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
    let source = &config.default_language;
    let mut key_files = BTreeMap::new();
    let mut keys: BTreeMap<String, Keys> = BTreeMap::new();
    for lang in &config.languages {
        let (own, files) = read_keys(config, &lang.code, &mut errors);
        if &lang.code == source {
            key_files = files;
        }
        keys.insert(lang.code.clone(), own);
    }
    let empty = Keys::new();
    let source_keys = keys.get(source).unwrap_or(&empty);
    let languages = config
        .languages
        .iter()
        .filter(|l| &l.code != source)
        .map(|l| {
            language_status(
                site,
                &l.code,
                source_keys,
                keys.get(&l.code).unwrap_or(&empty),
            )
        })
        .collect();
    let defined: BTreeSet<&String> = keys.values().flat_map(|k| k.keys()).collect();
    let keys_undefined = template_keys
        .iter()
        .filter(|k| !defined.contains(k))
        .cloned()
        .collect();
    let used = used_keys(site, template_keys, literals);
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
        key_files,
        errors,
    }
}

/// One language compared with the source: its pages, then its UI strings.
fn language_status(site: &Site, code: &str, source_keys: &Keys, own: &Keys) -> LanguageStatus {
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
            let missing: Vec<String> = vars.difference(theirs).map(|v| format!("${v}")).collect();
            (!missing.is_empty()).then(|| (k.clone(), missing))
        })
        .collect();
    let pages = page_status(site, code);
    let keys_total = source_keys.len();
    let done = pages.up_to_date + (keys_total - keys_missing.len());
    let all = pages.total + keys_total;
    LanguageStatus {
        code: code.to_string(),
        pages_total: pages.total,
        pages_up_to_date: pages.up_to_date,
        pages_missing: pages.missing,
        pages_stale: pages.stale,
        keys_total,
        keys_missing,
        keys_extra,
        variables_missing,
        complete: if all == 0 {
            100.0
        } else {
            (done as f64 * 1000.0 / all as f64).floor() / 10.0
        },
    }
}

/// The pages of one language against the source's.
#[derive(Default)]
struct PageStatus {
    total: usize,
    up_to_date: usize,
    missing: Vec<PageTodo>,
    stale: Vec<PageTodo>,
}

fn page_status(site: &Site, code: &str) -> PageStatus {
    let source = &site.config.default_language;
    let mut pages = PageStatus::default();
    for grp in &site.groups {
        let Some(&src_index) = grp.docs.get(source) else {
            continue;
        };
        let src = &site.docs[src_index];
        pages.total += 1;
        match grp.docs.get(code) {
            None => pages.missing.push(PageTodo {
                file: translation_path(&src.source, source, code),
                source: src.source.clone(),
                diff: None,
            }),
            Some(&d) => {
                let doc = &site.docs[d];
                if doc.front.translated_from.as_deref() == Some(source_version(src).as_str()) {
                    pages.up_to_date += 1;
                } else {
                    pages.stale.push(PageTodo {
                        file: doc.source.clone(),
                        source: src.source.clone(),
                        // Only a stamped page has a text to compare with.
                        diff: doc
                            .front
                            .translated_from
                            .as_ref()
                            .and_then(|_| super::diff::status_diff(site, d).ok()),
                    });
                }
            }
        }
    }
    pages
}

/// Every string that may name a UI string: keys the templates name, their other literals, data
/// files' strings and the keys the generator formats itself.
fn used_keys(
    site: &Site,
    template_keys: &BTreeSet<String>,
    literals: &BTreeSet<String>,
) -> BTreeSet<String> {
    let mut used: BTreeSet<String> = template_keys.clone();
    used.extend(literals.iter().cloned());
    used.extend(keys_used_by_code());
    for value in site.data.values() {
        collect_strings(value, &mut used);
    }
    used
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

/// Keys (messages, `message.attribute`, `-terms`) of one language with the variables each uses,
/// read by the build's own reader, and the file (relative to `locales/<code>/`) each is in.
fn read_keys(
    config: &Config,
    code: &str,
    errors: &mut Diagnostics,
) -> (Keys, BTreeMap<String, PathBuf>) {
    let (files, diags) = crate::i18n::read_locale(config, code);
    errors.extend(diags);
    let folder = Path::new(LOCALES_DIR).join(code);
    let mut keys = Keys::new();
    let mut key_files = BTreeMap::new();
    for file in &files {
        let within = file.path.strip_prefix(&folder).unwrap_or(&file.path);
        for (key, vars) in file.entries.iter().flat_map(|e| &e.keys) {
            keys.insert(key.clone(), vars.clone());
            key_files.insert(key.clone(), within.to_path_buf());
        }
    }
    (keys, key_files)
}
