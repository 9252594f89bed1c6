//! The theme: templates read and parsed once, linted (include cycles, `t()` keys no locale defines,
//! Tera syntax errors at their line), then cloned per language with that language's functions bound.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fluent_bundle::{FluentArgs, FluentValue};
use tera::{Context, Tera};

use super::functions::{data_fn, number_fn, plural_fn, translate_fn, BarChartFn};
use crate::config::{Config, Language};
use crate::data::Data;
use crate::error::{relative_to, Diagnostic, Diagnostics};
use crate::i18n::{Isolation, Localizer};
use crate::ids::ReservedIds;
use crate::paths::is_ignored_name;

/// Templates every theme must provide.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "index.html",
    "section.html",
    "page.html",
    "chooser.html",
    "404.html",
];

/// The loaded theme: templates parsed once, one Tera per language.
pub struct Theme {
    pub dir: PathBuf,
    by_lang: HashMap<String, Tera>,
    loc: Arc<Localizer>,
    shortcodes: Vec<String>,
    /// The theme has `search.html`: the build writes search pages and indexes.
    pub has_search: bool,
    /// The theme makes the site an installable app: `manifest.webmanifest` (one per language) and
    /// `offline.html` (what a reader offline sees for a page not saved), which go together.
    pub has_app: bool,
    /// Top-level `.json` and `.webmanifest` templates: data files published once per language
    /// (`/<lang>/manifest.webmanifest`, `/<lang>/app-strings.json`), checked to be JSON.
    pub language_files: Vec<String>,
    /// Literal UI-string keys the templates use.
    pub keys: std::collections::BTreeSet<String>,
    /// Every double-quoted string literal in the templates.
    pub literals: std::collections::BTreeSet<String>,
    /// The ids the templates put on pages, which headings must not take.
    pub reserved_ids: ReservedIds,
}

/// One template file: its name for Tera (`shortcodes/contact.html`), its path for messages, its text.
pub(super) struct TemplateSource {
    name: String,
    rel: PathBuf,
    text: String,
}

/// Reads every template of the theme (editor swap files and backups skipped, as the content
/// loader skips them), each through the one source reader.
fn read_templates(config: &Config, dir: &Path) -> Result<Vec<TemplateSource>, Diagnostics> {
    let tpl_dir = dir.join("templates");
    let rel_dir = relative_to(&config.root, &tpl_dir);
    if !tpl_dir.is_dir() {
        return Err(Diagnostic::error(
            &rel_dir,
            format!("theme `{}` has no templates folder", config.theme),
        )
        .with_hint("check `theme` in site.toml and the folder themes/<theme>/templates/")
        .into());
    }
    let mut diags = Diagnostics::default();
    let mut sources = Vec::new();
    for entry in walkdir::WalkDir::new(&tpl_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let name = entry
            .path()
            .strip_prefix(&tpl_dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        let rel = relative_to(&config.root, entry.path());
        match crate::error::read_source(entry.path(), &rel) {
            Ok(text) => sources.push(TemplateSource { name, rel, text }),
            Err(d) => diags.push(d),
        }
    }
    for required in REQUIRED_TEMPLATES {
        if !sources.iter().any(|t| t.name == *required) {
            diags.push(
                Diagnostic::error(
                    rel_dir.join(required),
                    format!("theme `{}` has no template {required}", config.theme),
                )
                .with_hint(format!(
                    "every theme needs: {}",
                    REQUIRED_TEMPLATES.join(", ")
                )),
            );
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(sources)
}

/// Keys no locale defines, include cycles, and syntax errors of each template alone, so each is
/// reported at its own file and line rather than as one error for the whole theme.
fn lint_templates(sources: &[TemplateSource], loc: &Localizer) -> Result<(), Diagnostics> {
    let mut diags = Diagnostics::default();
    for t in sources {
        diags.extend(check_keys(&t.rel, &t.text, loc));
    }
    diags.extend(include_cycles(sources));
    for t in sources {
        let mut probe = Tera::default();
        if let Err(e) = probe.add_raw_template(&t.name, &t.text) {
            if is_parse_error(&e) {
                diags.push(tera_diag(&t.rel, &t.text, &e));
            }
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(())
}

/// All templates in one Tera, autoescaping HTML and XML, with the language-free functions bound.
fn compile(
    config: &Config,
    sources: &[TemplateSource],
    data: &Arc<Data>,
) -> Result<Tera, Diagnostics> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    let all: Vec<(&str, &str)> = sources
        .iter()
        .map(|t| (t.name.as_str(), t.text.as_str()))
        .collect();
    if let Err(e) = tera.add_raw_templates(all) {
        let rel_dir = relative_to(&config.root, &config.theme_dir().join("templates"));
        return Err(Diagnostic::error(&rel_dir, error_chain(&e))
            .with_hint("check {% extends %}, {% include %} and {% import %} names")
            .into());
    }
    tera.register_function("data", data_fn(data));
    Ok(tera)
}

/// A clone of the compiled templates with one language's functions bound, so templates call
/// `t(key=…)` without passing the language around.
fn bind_language(tera: &Tera, loc: &Arc<Localizer>, lang: &Language) -> Tera {
    let mut t = tera.clone();
    t.register_function("t", translate_fn(loc, &lang.code, Isolation::Text));
    t.register_function("t_attr", translate_fn(loc, &lang.code, Isolation::Plain));
    t.register_function("format_number", number_fn(loc, &lang.code));
    t.register_function("plural_forms", plural_fn(loc, &lang.code, &lang.tag));
    t.register_function(
        "bar_chart",
        BarChartFn {
            loc: Arc::clone(loc),
            lang: lang.code.clone(),
            rtl: lang.dir == crate::config::Direction::Rtl,
        },
    );
    t
}

impl Theme {
    pub fn load(
        config: &Config,
        loc: &Arc<Localizer>,
        data: &Arc<Data>,
    ) -> Result<Theme, Diagnostics> {
        let dir = config.theme_dir();
        let sources = read_templates(config, &dir)?;
        lint_templates(&sources, loc)?;
        let tera = compile(config, &sources, data)?;
        let by_lang = config
            .languages
            .iter()
            .map(|l| (l.code.clone(), bind_language(&tera, loc, l)))
            .collect();
        let shortcodes = sources
            .iter()
            .filter_map(|t| t.name.strip_prefix("shortcodes/")?.strip_suffix(".html"))
            .map(str::to_owned)
            .collect();
        // Keys named with `key=`, and any other string literal (keys passed to functions such as
        // `bar_chart(title="figures-chart-title")`), count as used by the theme.
        let keys = sources
            .iter()
            .flat_map(|t| template_keys(&t.text).into_iter().map(|(k, _)| k))
            .collect();
        let literals = sources
            .iter()
            .flat_map(|t| string_literals(&t.text))
            .collect();
        let reserved_ids =
            ReservedIds::from_templates(sources.iter().map(|t| (t.name.as_str(), t.text.as_str())));
        Ok(Theme {
            has_search: sources.iter().any(|t| t.name == "search.html"),
            has_app: sources.iter().any(|t| t.name == "manifest.webmanifest")
                && sources.iter().any(|t| t.name == "offline.html"),
            language_files: sources
                .iter()
                .filter(|t| !t.name.contains('/'))
                .filter(|t| t.name.ends_with(".json") || t.name.ends_with(".webmanifest"))
                .map(|t| t.name.clone())
                .collect(),
            dir,
            by_lang,
            loc: Arc::clone(loc),
            shortcodes,
            keys,
            literals,
            reserved_ids,
        })
    }

    /// Names of the shortcodes the theme provides (`templates/shortcodes/<name>.html`).
    pub fn shortcodes(&self) -> Vec<String> {
        self.shortcodes.clone()
    }

    /// A `YYYY-MM-DD` date written the way the language writes dates ("23 novembre 2026",
    /// "2026年11月23日"), from the locale's `date-long` and `month-N` strings.
    pub fn format_date(&self, lang: &str, iso: &str) -> Result<String, String> {
        let mut parts = iso.splitn(3, '-');
        let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
            return Ok(iso.to_string());
        };
        let month_num = m.trim_start_matches('0');
        let day = d.trim_start_matches('0');
        let month = self
            .loc
            .format(lang, &format!("month-{month_num}"), None, Isolation::Plain)?;
        let mut args = FluentArgs::new();
        args.set("day", FluentValue::from(day.to_string()));
        args.set("month", FluentValue::from(month));
        args.set("monthnum", FluentValue::from(month_num.to_string()));
        args.set("year", FluentValue::from(y.to_string()));
        // `$day` also selects a variant (French "1er"), so it goes in as a number when it is one.
        if let Ok(n) = day.parse::<u32>() {
            args.set("day", FluentValue::from(n));
        }
        self.loc
            .format(lang, "date-long", Some(&args), Isolation::Plain)
    }

    pub(super) fn render(
        &self,
        lang: &str,
        template: &str,
        ctx: &Context,
    ) -> Result<String, String> {
        let tera = self
            .by_lang
            .get(lang)
            .ok_or_else(|| format!("no templates for language `{lang}`"))?;
        tera.render(template, ctx).map_err(|e| error_chain(&e))
    }
}

/// Templates that include, extend or import themselves, directly or in a ring: Tera would recurse
/// until the stack overflows, so the ring is reported (at the line that closes it) before rendering.
/// Names in these tags are always string literals in Tera, so reading them from the source finds
/// every edge.
fn include_cycles(sources: &[TemplateSource]) -> Vec<Diagnostic> {
    let edges: HashMap<&str, Vec<(String, usize)>> = sources
        .iter()
        .map(|t| {
            let mut out = Vec::new();
            for (n, line) in t.text.lines().enumerate() {
                let line = line.replace("{%-", "{%");
                for tag in ["include", "extends", "import"] {
                    for part in line.split(&format!("{{% {tag} ")).skip(1) {
                        if let Some(target) = part.split('"').nth(1) {
                            out.push((target.to_string(), n + 1));
                        }
                    }
                }
            }
            (t.name.as_str(), out)
        })
        .collect();
    let mut diags = Vec::new();
    for TemplateSource { name, rel, .. } in sources {
        // Depth-first from each template, looking for a path back to it.
        let mut stack: Vec<(&str, Vec<&str>)> = vec![(name.as_str(), vec![name.as_str()])];
        let mut seen = std::collections::HashSet::new();
        while let Some((at, path)) = stack.pop() {
            for (target, line) in edges.get(at).into_iter().flatten() {
                if target == name {
                    let ring = path
                        .iter()
                        .chain([&name.as_str()])
                        .copied()
                        .collect::<Vec<_>>();
                    let d = Diagnostic::error(
                        rel,
                        format!("the template includes itself: {}", ring.join(" → ")),
                    )
                    .with_hint("an include, extends or import ring never ends; remove one link");
                    diags.push(if at == name { d.at(*line, 1) } else { d });
                    stack.clear();
                    break;
                }
                if seen.insert(target.as_str()) {
                    let mut p = path.clone();
                    p.push(target);
                    stack.push((target, p));
                }
            }
        }
    }
    diags
}

/// The literal keys of `t(key="…")` and `t_attr(key="…")` calls in a template, with their byte
/// offsets. Keys computed at render time (`t(key=p.key)`) are not literals and are not listed.
pub fn template_keys(src: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for func in ["t(", "t_attr("] {
        let mut from = 0;
        while let Some(pos) = src[from..].find(func) {
            let start = from + pos;
            from = start + func.len();
            let preceded_by_ident = src[..start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.');
            if preceded_by_ident {
                continue;
            }
            let call = &src[from..src[from..].find(')').map_or(src.len(), |i| from + i)];
            let Some(k) = call.find("key") else { continue };
            let rest = call[k + 3..].trim_start();
            let Some(rest) = rest.strip_prefix('=') else {
                continue;
            };
            let rest = rest.trim_start();
            let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                continue;
            };
            let Some(end) = rest[1..].find(quote) else {
                continue;
            };
            out.push((rest[1..1 + end].to_string(), start));
        }
    }
    out
}

/// Double-quoted string literals of a template.
pub(super) fn string_literals(src: &str) -> Vec<String> {
    src.split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| !s.is_empty() && s.len() < 80)
        .map(str::to_owned)
        .collect()
}

/// Literal UI-string keys whose key no language defines, reported at their template line.
pub(super) fn check_keys(rel: &Path, src: &str, loc: &Localizer) -> Vec<Diagnostic> {
    template_keys(src)
        .into_iter()
        .filter(|(key, _)| !loc.defined_anywhere(key))
        .map(|(key, start)| {
            Diagnostic::error(
                rel,
                format!(
                    "UI string `{key}` is used here but defined in no locales/<lang>/*.ftl file"
                ),
            )
            .at_offset(src, start)
            .with_hint(format!(
                "add `{key} = …` to locales/<default language>/main.ftl"
            ))
        })
        .collect()
}

pub(super) fn is_parse_error(e: &tera::Error) -> bool {
    matches!(e.kind, tera::ErrorKind::Msg(_)) && error_chain(e).contains("-->")
}

/// Turns a Tera parse error into a diagnostic at the template line Tera reports (` --> 3:12`).
pub(super) fn tera_diag(rel: &Path, src: &str, e: &tera::Error) -> Diagnostic {
    let chain = error_chain(e);
    let pos = chain.split("--> ").nth(1).and_then(|rest| {
        let mut it = rest.split(|c: char| !c.is_ascii_digit());
        let line = it.next()?.parse::<usize>().ok()?;
        let col = it.next()?.parse::<usize>().ok()?;
        Some((line, col))
    });
    let message = chain
        .lines()
        .rev()
        .find(|l| l.trim_start().starts_with("= "))
        .map(|l| l.trim_start().trim_start_matches("= ").to_string())
        .unwrap_or_else(|| chain.lines().next().unwrap_or("").to_string());
    let d = Diagnostic::error(rel, format!("template syntax error: {message}"));
    match pos {
        Some((l, c)) => d.at_in(src, l, c),
        None => d,
    }
}

/// The whole chain of a Tera error on one line: Tera nests the useful part several levels deep.
pub fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![e.to_string()];
    let mut cur = e.source();
    while let Some(s) = cur {
        parts.push(s.to_string());
        cur = s.source();
    }
    parts.join(": ")
}

// ---------------------------------------------------------------------------------------------
// Contexts
