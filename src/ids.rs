//! The ids a theme's templates put on a page (`main`, `toc-heading`, `site-search-q`, …), read from
//! the templates themselves so that headings and hand-written HTML never take one.
//!
//! A hand-kept list was wrong twice over: it held ids the theme no longer used and missed the ones
//! it did (`steps-heading`, `section-pages`), so a heading could silently collide with the layout
//! and send the table of contents, the skip link or `aria-labelledby` to the wrong element. A leaf
//! module: the theme loader fills it, the parse stage and the checks read it.

use std::collections::BTreeSet;

/// Ids the theme's layout uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReservedIds {
    /// Every id any template or shortcode template writes.
    ids: BTreeSet<String>,
    /// The ids of the layout every page extends (`base.html`): a link may target these on any page.
    every_page: BTreeSet<String>,
}

impl ReservedIds {
    /// Reads the ids of `templates` (name, source). Literal `id="…"` attributes count, and ids a
    /// macro builds from one of its parameters (`id="{{ id }}-q"`) count once for every literal
    /// value a template passes for that parameter (`search_form(id="site-search")` →
    /// `site-search-q`). Other computed ids (`id="{{ h.id }}"`) are content, not the theme's.
    pub fn from_templates<'a>(templates: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let templates: Vec<(&str, &str)> = templates.into_iter().collect();
        let mut reserved = ReservedIds::default();
        for &(name, source) in &templates {
            let (literal, from_params) = template_ids(source);
            if name == "base.html" {
                reserved.every_page.extend(literal.iter().cloned());
            }
            reserved.ids.extend(literal);
            for (mac, param, prefix, suffix) in from_params {
                for &(caller, other) in &templates {
                    for value in call_arguments(other, &mac, &param) {
                        let id = format!("{prefix}{value}{suffix}");
                        if caller == "base.html" {
                            reserved.every_page.insert(id.clone());
                        }
                        reserved.ids.insert(id);
                    }
                }
            }
        }
        reserved
    }

    /// A fixed list, for tests and fuzzing where no theme exists.
    pub fn of(ids: &[&str]) -> Self {
        let ids: BTreeSet<String> = ids.iter().map(|s| s.to_string()).collect();
        ReservedIds {
            every_page: ids.clone(),
            ids,
        }
    }

    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.ids.iter().map(String::as_str)
    }

    /// Whether every page carries `id`, so `#id` is a valid link target anywhere.
    pub fn on_every_page(&self, id: &str) -> bool {
        self.every_page.contains(id)
    }

    /// The ids, sorted, for messages ("the theme uses main, toc-heading, …").
    pub fn list(&self) -> String {
        self.ids.iter().cloned().collect::<Vec<_>>().join(", ")
    }
}

/// A macro parameter an id is built from: (macro, parameter, text before, text after).
type ParamId = (String, String, String, String);

/// The literal ids of one template, and the ids built from a macro parameter.
fn template_ids(source: &str) -> (Vec<String>, Vec<ParamId>) {
    let mut literal = Vec::new();
    let mut from_params = Vec::new();
    let mut rest = source;
    let mut offset = 0;
    while let Some(found) = rest.find("id=\"") {
        let at = offset + found;
        rest = &rest[found + 4..];
        offset = at + 4;
        let before = source[..at].chars().next_back();
        let is_attribute = before.is_some_and(|c| c.is_whitespace());
        if !is_attribute || inside_tera_tag(source, at) {
            continue;
        }
        let Some(end) = rest.find('"') else { break };
        let value = &rest[..end];
        if !value.contains("{{") {
            if !value.is_empty() {
                literal.push(value.to_string());
            }
        } else if let Some((prefix, param, suffix)) = one_variable(value) {
            if let Some((mac, params)) = enclosing_macro(source, at) {
                if params.iter().any(|p| p == param) {
                    from_params.push((mac, param.to_string(), prefix.into(), suffix.into()));
                }
            }
        }
    }
    (literal, from_params)
}

/// Whether byte `at` lies inside `{{ … }}`, `{% … %}` or `{# … #}`.
fn inside_tera_tag(source: &str, at: usize) -> bool {
    let before = &source[..at];
    ["{{", "{%", "{#"]
        .iter()
        .zip(["}}", "%}", "#}"])
        .any(|(open, close)| {
            before
                .rfind(open)
                .is_some_and(|o| !before[o..].contains(close))
        })
}

/// `pre{{ name }}post` → (pre, name, post), when the expression is a bare variable.
fn one_variable(value: &str) -> Option<(&str, &str, &str)> {
    let (prefix, rest) = value.split_once("{{")?;
    let (expr, suffix) = rest.split_once("}}")?;
    let name = expr
        .trim()
        .trim_start_matches('-')
        .trim_end_matches('-')
        .trim();
    let bare = !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_');
    (bare && !suffix.contains("{{")).then_some((prefix, name, suffix))
}

/// The macro whose body holds byte `at`: its name and parameter names.
fn enclosing_macro(source: &str, at: usize) -> Option<(String, Vec<String>)> {
    let before = &source[..at];
    let start = before
        .rfind("{% macro ")
        .or_else(|| before.rfind("{%- macro "))?;
    if before[start..].contains("endmacro") {
        return None;
    }
    let head = &source[start..];
    let head = &head[head.find("macro ")? + 6..head.find("%}")?];
    let (name, params) = head.split_once('(')?;
    let params = params.rsplit_once(')')?.0;
    let names = params
        .split(',')
        .map(|p| p.split('=').next().unwrap_or("").trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    Some((name.trim().to_string(), names))
}

/// The literal string values passed as `param="…"` in every call `mac(…)` of `source`.
fn call_arguments(source: &str, mac: &str, param: &str) -> Vec<String> {
    let mut values = Vec::new();
    let call = format!("{mac}(");
    let mut rest = source;
    while let Some(i) = rest.find(&call) {
        let preceded = rest[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        rest = &rest[i + call.len()..];
        let Some(end) = rest.find(')') else { break };
        if !preceded {
            continue;
        }
        for arg in rest[..end].split(',') {
            if let Some((key, value)) = arg.split_once('=') {
                let value = value.trim();
                if key.trim() == param && value.len() >= 2 {
                    let quoted = (value.starts_with('"') && value.ends_with('"'))
                        || (value.starts_with('\'') && value.ends_with('\''));
                    if quoted {
                        values.push(value[1..value.len() - 1].to_string());
                    }
                }
            }
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    const MACROS: &str = r#"{% macro search_form(id, url) %}
<input id="{{ id }}-q" name="q"><p id="{{ id }}-status"></p>
<ol id="{{ id }}-results" hidden></ol>
{% endmacro search_form %}"#;
    const BASE: &str = r##"{% import "macros.html" as macros %}
<main id="main">{{ macros::search_form(id="site-search", url=u) }}
{% for h in toc %}<a href="#{{ h.id }}" id="{{ h.id }}-link">{% endfor %}
<nav aria-labelledby="toc-heading"><h2 id="toc-heading">x</h2></nav>"##;
    const SECTION: &str =
        r#"<h2 id="section-pages">Pages</h2>{{ m::search_form(id="page-search", url=u) }}"#;

    fn theme() -> ReservedIds {
        ReservedIds::from_templates([
            ("macros.html", MACROS),
            ("base.html", BASE),
            ("section.html", SECTION),
        ])
    }

    #[test]
    fn literal_ids_and_ids_built_from_macro_arguments_are_reserved() {
        let r = theme();
        for id in [
            "main",
            "toc-heading",
            "section-pages",
            "site-search-q",
            "site-search-status",
            "page-search-results",
        ] {
            assert!(r.contains(id), "{id} missing from {}", r.list());
        }
        // Macro arguments are not ids; heading ids computed from content are not the theme's.
        assert!(!r.contains("site-search"), "{}", r.list());
        assert!(!r.contains("-link"), "{}", r.list());
        assert_eq!(r.ids.len(), 9, "{}", r.list());
    }

    #[test]
    fn only_the_layout_s_ids_are_on_every_page() {
        let r = theme();
        assert!(r.on_every_page("main"));
        assert!(r.on_every_page("site-search-q"));
        assert!(!r.on_every_page("section-pages"));
        assert!(!r.on_every_page("page-search-q"));
    }
}
