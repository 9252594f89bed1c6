//! Load stage for structured data: `data/*.yaml` files (offices, figures), read once and shared by
//! templates and shortcodes as `data(name="offices")`.
//!
//! Facts that change (opening hours, yearly amounts, published figures) live here rather than in
//! prose, so they are corrected in one place for all six languages.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
    // Stem → file read for it: `offices.yaml` and `offices.yml` would both be `offices`, and which
    // one templates see must not depend on the order a folder happens to list them in.
    let mut read_as: BTreeMap<String, PathBuf> = BTreeMap::new();
    for path in entries {
        let is_yaml = path.extension().is_some_and(|x| x == "yaml" || x == "yml");
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !is_yaml || crate::paths::is_ignored_name(&name) {
            continue;
        }
        if let Some(first) = read_as.get(&name) {
            let (first, second) = (
                relative_to(&config.root, first),
                relative_to(&config.root, &path),
            );
            diags.push(
                Diagnostic::error(
                    &second,
                    format!(
                        "{} and {} are both the data file `{name}`: only one can be read",
                        first.display(),
                        second.display()
                    ),
                )
                .with_hint("keep one of the two files (merging what the other says into it) and delete the other"),
            );
            continue;
        }
        read_as.insert(name.clone(), path.clone());
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
        } else if e.message.starts_with("duplicate key") {
            "remove one of the two lines, keeping the right value"
        } else if e.message.contains("indented with a tab") {
            "replace the tab at the start of this line with spaces (many editors can convert indentation to spaces)"
        } else {
            "check indentation and quote values that contain `: ` or `#`"
        };
        Diagnostic::error(&rel, format!("data file: {}", e.message))
            .at_in(&text, line, col)
            .with_hint(hint)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_files(files: &[(&str, &str)]) -> Result<Data, Diagnostics> {
        let dir = tempfile::tempdir().unwrap();
        for (rel, text) in files {
            let p = dir.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let toml = "base_url = \"https://example.org\"\ndefault_language = \"it\"\n[[languages]]\ncode = \"it\"\nname = \"Italiano\"\n";
        load(&Config::parse(dir.path(), toml).unwrap())
    }

    #[test]
    fn yaml_and_yml_of_one_name_are_an_error_naming_both() {
        let e = load_files(&[
            ("data/offices.yaml", "offices: []\n"),
            ("data/offices.yml", "offices: [1]\n"),
        ])
        .unwrap_err();
        assert_eq!(e.0.len(), 1, "{:?}", e.0);
        let d = e.0[0].to_string();
        assert!(
            d.contains("data/offices.yaml") && d.contains("data/offices.yml"),
            "{d}"
        );
    }

    #[test]
    fn a_key_twice_is_an_error_at_the_second() {
        let e = load_files(&[(
            "data/offices.yaml",
            "offices:\n  - id: a\n    phone: \"1\"\n    phone: \"2\"\n",
        )])
        .unwrap_err();
        let d = &e.0[0];
        assert_eq!(d.line, Some(4));
        assert!(d.message.contains("duplicate key `phone`"), "{d}");
        assert!(d.message.contains("line 3"), "{d}");
        assert!(load_files(&[("data/offices.yaml", "a:\n  x: 1\nb:\n  x: 2\n")]).is_ok());
    }
}
