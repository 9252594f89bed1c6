//! Load stage for structured data: `data/*.yaml` files (offices, figures), read once and shared by
//! templates and shortcodes as `data(name="offices")`.
//!
//! Facts that change (opening hours, yearly amounts, published figures) live here rather than in
//! prose, so they are corrected in one place for all six languages.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::config::Config;
use crate::error::{relative_to, Diagnostic, Diagnostics};

pub const DATA_DIR: &str = "data";

/// Every data file, by file stem (`data/offices.yaml` → `offices`).
pub type Data = BTreeMap<String, Value>;

/// Reads `data/*.yaml` (and `.yml`). A missing folder is an empty set.
pub fn load(config: &Config) -> Result<Data, Diagnostics> {
    let dir = config.root.join(DATA_DIR);
    let mut data = Data::new();
    let mut diags = Diagnostics::default();
    if !dir.is_dir() {
        return Ok(data);
    }
    let mut entries: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd.filter_map(Result::ok).map(|e| e.path()).collect(),
        Err(e) => {
            return Err(Diagnostic::error(DATA_DIR, format!("cannot read the folder: {e}")).into())
        }
    };
    entries.sort();
    for path in entries {
        let is_yaml = path.extension().is_some_and(|x| x == "yaml" || x == "yml");
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !is_yaml || crate::content::is_ignored_name(&name) {
            continue;
        }
        match read_file(config, &path) {
            Ok(value) => {
                data.insert(name, value);
            }
            Err(d) => diags.push(d),
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(data)
    }
}

fn read_file(config: &Config, path: &Path) -> Result<Value, Diagnostic> {
    let rel = relative_to(&config.root, path);
    let text = crate::error::read_source(path, &rel)?;
    crate::yaml::from_yaml::<Value>(&text).map_err(|e| {
        let (line, col) = match (e.message.contains("while "), e.marks.last()) {
            (true, Some(&m)) => m,
            _ => (e.line, e.col),
        };
        let hint = if e.message.contains("repetition limit") || e.message.contains("recursion limit")
        {
            "YAML aliases (`*name`) here expand to more than approdo reads; write the values out instead of repeating anchors"
        } else {
            "check indentation and quote values that contain `: ` or `#`"
        };
        Diagnostic::error(&rel, format!("data file: {}", e.message))
            .at_in(&text, line, col)
            .with_hint(hint)
    })
}
