//! The shape ARCHITECTURE.md promises, checked on the source: no import cycle between the modules of
//! `src/`, and every import points from a later stage to an earlier one or to a leaf.
//!
//! approdo is one crate (see ARCHITECTURE.md, "Why one crate"), so Cargo cannot refuse a cycle the
//! way it would between workspace crates; this test does it instead, reading the `crate::` paths of
//! each module outside its tests.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The modules in stage order, earliest first. A module may use only modules listed before it.
/// The first six are leaves: they use nothing of the pipeline.
const LAYERS: &[&str] = &[
    // leaves
    "error",
    "escape",
    "paths",
    "ids",
    "yaml",
    "shortcode",
    // config and load
    "config",
    "data",
    "i18n",
    "content",
    "assets",
    // parse
    "sanitize",
    "markdown",
    // render (the glossary is built from the model and used by render and check)
    "glossary",
    "render",
    // checks and tools that read the parsed model
    "translation",
    "check",
    // write, the whole pipeline, and what drives it
    "output",
    "pipeline",
    "serve",
    "init",
    "invariants",
];
const LEAVES: usize = 6;

/// Top-level module → the top-level modules its code names with `crate::`.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_string();
        if module == "lib" || module == "main" {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let code: String = text
            .split("#[cfg(test)]\nmod ")
            .next()
            .unwrap_or("")
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let deps = graph.entry(module.clone()).or_default();
        deps.extend(
            names_after_crate(&code)
                .into_iter()
                .filter(|u| *u != module),
        );
    }
    graph
}

/// The module names code reaches through `crate::name` or `crate::{name, other::…}` (groups may
/// span lines and nest).
fn names_after_crate(code: &str) -> Vec<String> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = Vec::new();
    for part in code.split("crate::").skip(1) {
        let Some(group) = part.strip_prefix('{') else {
            out.push(ident(part));
            continue;
        };
        // Top-level items of the group: split at commas outside nested braces.
        let (mut depth, mut start) = (0, 0);
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    out.push(ident(&group[start..i]));
                    break;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    out.push(ident(&group[start..i]));
                    start = i + 1;
                }
                _ => {}
            }
        }
    }
    out.retain(|n| !n.is_empty());
    out
}

#[test]
fn every_module_of_src_has_a_place_in_the_stage_order() {
    let graph = imports();
    let unknown: Vec<&String> = graph
        .keys()
        .filter(|m| !LAYERS.contains(&m.as_str()))
        .collect();
    assert!(
        unknown.is_empty(),
        "modules not placed in LAYERS (tests/architecture.rs) nor in ARCHITECTURE.md: {unknown:?}"
    );
}

#[test]
fn imports_point_to_earlier_stages_or_leaves_so_there_is_no_cycle() {
    let graph = imports();
    let rank = |m: &str| LAYERS.iter().position(|l| *l == m);
    let mut wrong = Vec::new();
    for (module, deps) in &graph {
        let Some(from) = rank(module) else { continue };
        for dep in deps {
            let Some(to) = rank(dep) else { continue };
            if from < LEAVES {
                wrong.push(format!(
                    "{module} → {dep}: a leaf uses nothing of the pipeline"
                ));
            } else if to >= from {
                wrong.push(format!("{module} → {dep}: points to a later stage"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_reader_of_imports_sees_grouped_and_qualified_paths() {
    assert_eq!(
        names_after_crate(
            "use crate::{\n    config::{Config, Language},\n    error::Diagnostic,\n};"
        ),
        ["config", "error"]
    );
    assert_eq!(
        names_after_crate("let x = crate::paths::is_site_path(a) && crate::ids::X;"),
        ["paths", "ids"]
    );
}
