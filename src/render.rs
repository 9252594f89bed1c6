//! Render stage: the theme's Tera templates, the `t()` function for UI strings, and one context per
//! route, rendered in parallel.
//!
//! Templates are parsed once; each language gets a clone with its own `t`/`t_attr` functions bound,
//! so templates write `t(key="step-of", current=2, total=6)` without passing the language around.
//! Every `t(key="…")` literal in the templates is checked before rendering, so a key missing in every
//! language is reported at its template line, not discovered page by page.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fluent_bundle::{FluentArgs, FluentValue};
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera, Value};

use crate::chart;
use crate::config::{Config, Language};
use crate::content::{SectionKind, Site};
use crate::data::Data;
use crate::error::{relative_to, Diagnostic, Diagnostics};
use crate::i18n::{Isolation, Localizer};
use crate::markdown::{Heading, LINK_PLACEHOLDER};

/// The Content-Security-Policy of every page: only the site itself, no inline script or style.
/// Written into each page's `<meta>` (as `csp` in templates) and into `_headers` for static hosts.
pub const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

/// Templates every theme must provide.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "index.html",
    "section.html",
    "page.html",
    "chooser.html",
    "404.html",
];

/// Characters escaped in URL paths: everything outside RFC 3986 unreserved, keeping `/`.
const PATH_SET: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}')
    .add(b'\'')
    .add(b'&')
    .add(b'+')
    .add(b',')
    .add(b';')
    .add(b'=')
    .add(b'@')
    .add(b':')
    .add(b'$')
    .add(b'!')
    .add(b'*')
    .add(b'(')
    .add(b')');

/// Percent-encodes a site path (non-ASCII slugs included) so it is valid in any URL context.
pub fn encode_path(path: &str) -> String {
    utf8_percent_encode(path, PATH_SET).to_string()
}

/// One file of the output, relative to the output folder with `/` separators.
#[derive(Debug)]
pub struct OutputFile {
    pub path: String,
    pub contents: Vec<u8>,
}

/// The loaded theme: templates parsed once, one Tera per language.
pub struct Theme {
    pub dir: PathBuf,
    by_lang: HashMap<String, Tera>,
    loc: Arc<Localizer>,
    shortcodes: Vec<String>,
    /// The theme has `search.html`: the build writes search pages and indexes.
    pub has_search: bool,
    /// Literal UI-string keys the templates use.
    pub keys: std::collections::BTreeSet<String>,
    /// Every double-quoted string literal in the templates.
    pub literals: std::collections::BTreeSet<String>,
}

impl Theme {
    pub fn load(
        config: &Config,
        loc: &Arc<Localizer>,
        data: &Arc<Data>,
    ) -> Result<Theme, Diagnostics> {
        let dir = config.theme_dir();
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
        // Editor swap files and backups (`.page.html.swp`, `page.html~`) are not templates: the
        // content loader skips the same names.
        for entry in walkdir::WalkDir::new(&tpl_dir)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0 || !crate::content::is_ignored_name(&e.file_name().to_string_lossy())
            })
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
                Ok(src) => sources.push((name, rel, src)),
                Err(d) => diags.push(d),
            }
        }
        for required in REQUIRED_TEMPLATES {
            if !sources.iter().any(|(n, _, _)| n == required) {
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
        for (_, rel, src) in &sources {
            diags.extend(check_keys(rel, src, loc));
        }
        diags.extend(include_cycles(&sources));
        // Each template alone first, so a syntax error is reported at its own file and line.
        for (name, rel, src) in &sources {
            let mut probe = Tera::default();
            if let Err(e) = probe.add_raw_template(name, src) {
                if is_parse_error(&e) {
                    diags.push(tera_diag(rel, src, &e));
                }
            }
        }
        if diags.has_errors() {
            return Err(diags);
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        if let Err(e) = tera.add_raw_templates(
            sources
                .iter()
                .map(|(n, _, s)| (n.as_str(), s.as_str()))
                .collect::<Vec<_>>(),
        ) {
            return Err(Diagnostic::error(&rel_dir, error_chain(&e))
                .with_hint("check {% extends %}, {% include %} and {% import %} names")
                .into());
        }
        tera.register_function("data", data_fn(data));
        let by_lang = config
            .languages
            .iter()
            .map(|l| {
                let mut t = tera.clone();
                t.register_function("t", translate_fn(loc, &l.code, Isolation::Text));
                t.register_function("t_attr", translate_fn(loc, &l.code, Isolation::Plain));
                t.register_function("format_number", number_fn(loc, &l.code));
                t.register_function("plural_forms", plural_fn(loc, &l.code, &l.tag));
                t.register_function(
                    "bar_chart",
                    BarChartFn {
                        loc: Arc::clone(loc),
                        lang: l.code.clone(),
                        rtl: l.dir == crate::config::Direction::Rtl,
                    },
                );
                (l.code.clone(), t)
            })
            .collect();
        let shortcodes = sources
            .iter()
            .filter_map(|(n, _, _)| n.strip_prefix("shortcodes/")?.strip_suffix(".html"))
            .map(str::to_owned)
            .collect();
        // Keys named with `key=`, and any other string literal (keys passed to functions such as
        // `bar_chart(title="figures-chart-title")`), count as used by the theme.
        let keys = sources
            .iter()
            .flat_map(|(_, _, src)| template_keys(src).into_iter().map(|(k, _)| k))
            .collect();
        let literals = sources
            .iter()
            .flat_map(|(_, _, src)| string_literals(src))
            .collect();
        let has_search = sources.iter().any(|(n, _, _)| n == "search.html");
        Ok(Theme {
            dir,
            by_lang,
            loc: Arc::clone(loc),
            shortcodes,
            has_search,
            keys,
            literals,
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

    fn render(&self, lang: &str, template: &str, ctx: &Context) -> Result<String, String> {
        let tera = self
            .by_lang
            .get(lang)
            .ok_or_else(|| format!("no templates for language `{lang}`"))?;
        tera.render(template, ctx).map_err(|e| error_chain(&e))
    }
}

fn translate_fn(loc: &Arc<Localizer>, lang: &str, isolation: Isolation) -> impl tera::Function {
    let loc = Arc::clone(loc);
    let lang = lang.to_string();
    move |args: &HashMap<String, Value>| -> tera::Result<Value> {
        let key = args
            .get("key")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("t() needs key=\"…\""))?;
        let lang = args.get("lang").and_then(Value::as_str).unwrap_or(&lang);
        let mut fargs = FluentArgs::new();
        for (name, value) in args {
            if name == "key" || name == "lang" {
                continue;
            }
            match value {
                Value::Number(n) => {
                    fargs.set(name.clone(), FluentValue::from(n.as_f64().unwrap_or(0.0)))
                }
                Value::String(s) => fargs.set(name.clone(), FluentValue::from(s.clone())),
                other => fargs.set(name.clone(), FluentValue::from(other.to_string())),
            }
        }
        loc.format(lang, key, Some(&fargs), isolation)
            .map(Value::String)
            .map_err(tera::Error::msg)
    }
}

/// Templates that include, extend or import themselves, directly or in a ring: Tera would recurse
/// until the stack overflows, so the ring is reported (at the line that closes it) before rendering.
/// Names in these tags are always string literals in Tera, so reading them from the source finds
/// every edge.
fn include_cycles(sources: &[(String, PathBuf, String)]) -> Vec<Diagnostic> {
    let edges: HashMap<&str, Vec<(String, usize)>> = sources
        .iter()
        .map(|(name, _, src)| {
            let mut out = Vec::new();
            for (n, line) in src.lines().enumerate() {
                let line = line.replace("{%-", "{%");
                for tag in ["include", "extends", "import"] {
                    for part in line.split(&format!("{{% {tag} ")).skip(1) {
                        if let Some(target) = part.split('"').nth(1) {
                            out.push((target.to_string(), n + 1));
                        }
                    }
                }
            }
            (name.as_str(), out)
        })
        .collect();
    let mut diags = Vec::new();
    for (name, rel, _) in sources {
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

/// `plural_forms(key="search-results")`: the message for each plural category of the language, as
/// JSON (`{"none": "…", "one": "{n} …", …}`), for scripts that count things in the reader's language
/// with `Intl.PluralRules`. `{n}` stands for the number; `none` is the message's `[0]` form.
fn plural_fn(loc: &Arc<Localizer>, lang: &str, tag: &str) -> impl tera::Function {
    let loc = Arc::clone(loc);
    let (lang, tag) = (lang.to_string(), tag.to_string());
    // Every page shows the search box: the forms are worked out once per key, not per page.
    let cache: std::sync::Mutex<HashMap<String, String>> = Default::default();
    move |args: &HashMap<String, Value>| -> tera::Result<Value> {
        let key = args
            .get("key")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("plural_forms() needs key=\"…\""))?;
        if let Some(json) = cache.lock().ok().and_then(|c| c.get(key).cloned()) {
            return Ok(Value::String(json));
        }
        let forms = loc
            .plural_forms(&lang, &tag, key)
            .map_err(tera::Error::msg)?;
        let json = crate::search::web_json(&forms);
        if let Ok(mut c) = cache.lock() {
            c.insert(key.to_string(), json.clone());
        }
        Ok(Value::String(json))
    }
}

/// `data(name="offices")`: a data file, for templates and shortcodes.
fn data_fn(data: &Arc<Data>) -> impl tera::Function {
    let data = Arc::clone(data);
    move |args: &HashMap<String, Value>| -> tera::Result<Value> {
        let name = args
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("data() needs name=\"…\""))?;
        data.get(name).cloned().ok_or_else(|| {
            tera::Error::msg(format!(
                "there is no data file data/{name}.yaml (data files: {})",
                data.keys().cloned().collect::<Vec<_>>().join(", ")
            ))
        })
    }
}

/// `format_number(n=1203)`: the number written the page language's way.
fn number_fn(loc: &Arc<Localizer>, lang: &str) -> impl tera::Function {
    let loc = Arc::clone(loc);
    let lang = lang.to_string();
    move |args: &HashMap<String, Value>| -> tera::Result<Value> {
        let n = args
            .get("n")
            .and_then(Value::as_f64)
            .ok_or_else(|| tera::Error::msg("format_number() needs a number n=…"))?;
        Ok(Value::String(loc.format_number(&lang, n)))
    }
}

/// `bar_chart(id, title, desc, rows, label, fields, names)`: an SVG chart of `rows` (an array of
/// objects), one group per row labelled by the Fluent key in the row's `label` field, one bar per
/// field in `fields`, named by the Fluent keys in `names`; `title` and `desc` are Fluent keys.
struct BarChartFn {
    loc: Arc<Localizer>,
    lang: String,
    rtl: bool,
}

impl tera::Function for BarChartFn {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let get_str = |k: &str| {
            args.get(k)
                .and_then(Value::as_str)
                .ok_or_else(|| tera::Error::msg(format!("bar_chart() needs {k}=\"…\"")))
        };
        let get_list = |k: &str| {
            args.get(k)
                .and_then(Value::as_array)
                .ok_or_else(|| tera::Error::msg(format!("bar_chart() needs {k}=[…]")))
        };
        let tr = |key: &str| {
            self.loc
                .format(&self.lang, key, None, Isolation::Plain)
                .map_err(tera::Error::msg)
        };
        let rows = get_list("rows")?;
        let label_field = get_str("label")?;
        let fields = get_list("fields")?;
        let names = get_list("names")?;
        let labels = rows
            .iter()
            .map(|r| {
                tr(r.get(label_field)
                    .and_then(Value::as_str)
                    .unwrap_or_default())
            })
            .collect::<tera::Result<Vec<_>>>()?;
        let series = fields
            .iter()
            .zip(names)
            .map(|(f, n)| {
                let field = f.as_str().unwrap_or_default();
                Ok(chart::Series {
                    name: tr(n.as_str().unwrap_or_default())?,
                    values: rows
                        .iter()
                        .map(|r| r.get(field).and_then(Value::as_f64).unwrap_or(0.0))
                        .collect(),
                })
            })
            .collect::<tera::Result<Vec<_>>>()?;
        let title = tr(get_str("title")?)?;
        let desc = tr(get_str("desc")?)?;
        let format = |v: f64| self.loc.format_number(&self.lang, v);
        let chart = chart::BarChart {
            id: get_str("id")?,
            title: &title,
            description: &desc,
            labels,
            series,
            rtl: self.rtl,
            format: &format,
        };
        Ok(Value::String(chart.to_svg()))
    }

    fn is_safe(&self) -> bool {
        true
    }
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
fn string_literals(src: &str) -> Vec<String> {
    src.split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| !s.is_empty() && s.len() < 80)
        .map(str::to_owned)
        .collect()
}

/// Literal UI-string keys whose key no language defines, reported at their template line.
fn check_keys(rel: &Path, src: &str, loc: &Localizer) -> Vec<Diagnostic> {
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

fn is_parse_error(e: &tera::Error) -> bool {
    matches!(e.kind, tera::ErrorKind::Msg(_)) && error_chain(e).contains("-->")
}

/// Turns a Tera parse error into a diagnostic at the template line Tera reports (` --> 3:12`).
fn tera_diag(rel: &Path, src: &str, e: &tera::Error) -> Diagnostic {
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

#[derive(Serialize, Clone)]
struct LangCtx {
    code: String,
    tag: String,
    name: String,
    dir: &'static str,
    /// Locale for numbers (`ar-u-nu-latn`), for scripts that format counts.
    numbers: String,
}

impl From<&Language> for LangCtx {
    fn from(l: &Language) -> Self {
        LangCtx {
            code: l.code.clone(),
            tag: l.tag.clone(),
            name: l.name.clone(),
            dir: l.dir.as_str(),
            numbers: l.numbers.clone(),
        }
    }
}

#[derive(Serialize)]
struct SwitchItem {
    #[serde(flatten)]
    lang: LangCtx,
    url: String,
    current: bool,
    /// False when that language shows this page as a fallback.
    translated: bool,
}

#[derive(Serialize)]
struct Alternate {
    hreflang: String,
    url: String,
}

#[derive(Serialize, Clone)]
struct LinkItem {
    title: String,
    url: String,
    description: Option<String>,
    step: Option<u32>,
    /// Language of the title when it is borrowed (fallback), so templates can mark it with `lang`.
    lang: Option<LangCtx>,
    is_section: bool,
}

#[derive(Serialize)]
struct StepNav {
    current: usize,
    total: usize,
    prev: Option<LinkItem>,
    next: Option<LinkItem>,
    steps: Vec<LinkItem>,
}

#[derive(Serialize)]
struct PageCtx<'a> {
    title: &'a str,
    description: Option<&'a str>,
    content: String,
    url: String,
    permalink: String,
    date: Option<&'a str>,
    /// ISO date for `<time datetime>`.
    updated: Option<&'a str>,
    /// The same date written for the page's language.
    updated_display: Option<String>,
    headings: &'a [Heading],
    /// Level-2 headings, when there are enough of them for a table of contents to help.
    toc: Vec<&'a Heading>,
    reading_minutes: u32,
    is_fallback: bool,
    /// Language the text is written in (differs from the page language on fallback pages).
    content_lang: LangCtx,
    is_home: bool,
    is_section: bool,
    step: Option<u32>,
}

/// Renders the given routes only (the preview server re-renders what an edit touched).
pub fn render_routes(
    site: &Site,
    theme: &Theme,
    routes: &[usize],
) -> Result<Vec<OutputFile>, Diagnostics> {
    let bases = Bases::new(site);
    let results: Vec<Result<OutputFile, Diagnostic>> = routes
        .par_iter()
        .map(|&r| render_route(site, theme, &bases, r))
        .collect();
    let mut files = Vec::with_capacity(results.len());
    let mut diags = Diagnostics::default();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(d) => diags.push(d),
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(files)
    }
}

/// Renders every route, plus the language chooser, 404 pages, sitemap and robots.txt.
pub fn render_site(site: &Site, theme: &Theme) -> Result<Vec<OutputFile>, Diagnostics> {
    render_site_with_progress(site, theme, None)
}

/// [`render_site`], advancing `progress` by one for each page rendered.
pub fn render_site_with_progress(
    site: &Site,
    theme: &Theme,
    progress: Option<&indicatif::ProgressBar>,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let config = &site.config;
    let bases = Bases::new(site);
    // The search index is built alongside the pages (from the text the parse stage kept).
    let (results, search_files): (Vec<Result<OutputFile, Diagnostic>>, Vec<OutputFile>) =
        rayon::join(
            || {
                (0..site.routes.len())
                    .into_par_iter()
                    .map(|r| {
                        let out = render_route(site, theme, &bases, r);
                        if let Some(p) = progress {
                            p.inc(1);
                        }
                        out
                    })
                    .collect()
            },
            || {
                if theme.has_search {
                    crate::search::build(site)
                } else {
                    Vec::new()
                }
            },
        );
    let mut files = Vec::with_capacity(results.len() + 16);
    let mut errors: BTreeMap<String, (Diagnostic, usize)> = BTreeMap::new();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(d) => {
                errors
                    .entry(format!("{}{}", d.file.display(), d.message))
                    .and_modify(|e| e.1 += 1)
                    .or_insert((d, 0));
            }
        }
    }
    let mut diags = Diagnostics::default();
    let mut record = |res: Result<OutputFile, Diagnostic>, files: &mut Vec<OutputFile>| match res {
        Ok(f) => files.push(f),
        Err(d) => diags.push(d),
    };
    record(render_chooser(site, theme), &mut files);
    for lang in &config.languages {
        record(render_404(site, theme, lang, false), &mut files);
    }
    record(
        render_404(site, theme, config.default_lang(), true),
        &mut files,
    );
    if theme.has_search {
        for lang in &config.languages {
            record(render_search(site, theme, lang), &mut files);
        }
        let search_paths: Vec<String> = config
            .languages
            .iter()
            .map(|l| format!("/{}/search/", l.code))
            .collect();
        for r in site
            .routes
            .iter()
            .filter(|r| search_paths.contains(&r.path))
        {
            record(
                Err(Diagnostic::error(
                    &site.docs[r.doc].source,
                    format!("{} is where the search page is published", r.path),
                )
                .with_hint("rename this folder or page: `search` is reserved")),
                &mut files,
            );
        }
    }
    for (_, (mut d, more)) in errors {
        if more > 0 {
            d.message.push_str(&format!(" (and {more} more pages)"));
        }
        diags.push(d);
    }
    if diags.has_errors() {
        return Err(diags);
    }
    files.extend(search_files);
    files.push(OutputFile {
        path: "sitemap.xml".into(),
        contents: sitemap(site).into_bytes(),
    });
    // Headers for static hosts that read them (Netlify, Cloudflare Pages); README shows nginx.
    // `frame-ancestors` only works as a header, never in a meta tag.
    files.push(OutputFile {
        path: "_headers".into(),
        contents: format!(
            "/*\n  Content-Security-Policy: {CSP}; frame-ancestors 'none'\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n"
        )
        .into_bytes(),
    });
    files.push(OutputFile {
        path: "robots.txt".into(),
        contents: format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}/sitemap.xml\n",
            config.base_url
        )
        .into_bytes(),
    });
    Ok(files)
}

/// A site path as a URL on the site: base path prefixed, percent-encoded.
pub(crate) fn href(config: &Config, path: &str) -> String {
    format!("{}{}", config.base_path, encode_path(path))
}

fn absolute(config: &Config, path: &str) -> String {
    let origin = config
        .base_url
        .strip_suffix(&config.base_path)
        .unwrap_or(&config.base_url);
    format!("{origin}{}", href(config, path))
}

/// hreflang alternates of a group: its real translations only, plus x-default.
fn alternates(site: &Site, group: usize) -> Vec<Alternate> {
    let config = &site.config;
    let grp = &site.groups[group];
    let mut out = Vec::new();
    for l in &config.languages {
        if let Some(r) = site.route(group, &l.code).filter(|r| !r.fallback) {
            out.push(Alternate {
                hreflang: l.tag.clone(),
                url: absolute(config, &r.path),
            });
        }
    }
    let is_home = grp.is_index && grp.section.is_empty();
    let x_default = if is_home {
        Some(absolute(config, "/"))
    } else {
        site.route(group, &config.default_language)
            .filter(|r| !r.fallback)
            .map(|r| absolute(config, &r.path))
    };
    if let Some(url) = x_default {
        out.push(Alternate {
            hreflang: "x-default".into(),
            url,
        });
    }
    out
}

fn link_item(site: &Site, group: usize, lang: &str) -> Option<LinkItem> {
    let r = site.route(group, lang)?;
    let d = &site.docs[r.doc];
    Some(LinkItem {
        title: d.front.title.clone(),
        url: href(&site.config, &r.path),
        description: d.front.description.clone(),
        step: site.groups[group].step,
        lang: if d.lang != lang {
            site.config.language(&d.lang).map(LangCtx::from)
        } else {
            None
        },
        is_section: site.groups[group].is_index,
    })
}

fn section_kind(site: &Site, section_group: usize) -> SectionKind {
    let grp = &site.groups[section_group];
    grp.docs
        .get(&site.config.default_language)
        .or_else(|| grp.docs.values().next())
        .and_then(|&d| site.docs[d].front.kind)
        .unwrap_or_default()
}

/// The context every page of a language shares (navigation, root pages), computed once per
/// language and cloned per page: building it per page made rendering quadratic in the site's size.
/// The glossary's terms are read once here too, for the same reason.
pub struct Bases {
    contexts: HashMap<String, Context>,
    glossary: crate::glossary::Glossary,
}

impl Bases {
    pub fn new(site: &Site) -> Bases {
        Bases {
            contexts: site
                .config
                .languages
                .iter()
                .map(|l| (l.code.clone(), base_context(site, l)))
                .collect(),
            glossary: crate::glossary::Glossary::new(site),
        }
    }

    /// A page's body with glossary terms linked and marked ([`crate::glossary`]).
    fn with_glossary(&self, site: &Site, route: &crate::content::Route, html: String) -> String {
        let g = &self.glossary;
        if g.terms(&route.lang).is_none() {
            return html;
        }
        let doc = &site.docs[route.doc];
        let rtl = site
            .config
            .language(&route.lang)
            .is_some_and(|l| l.dir == crate::config::Direction::Rtl);
        let url = g
            .group
            .filter(|&grp| grp != route.group)
            .and_then(|grp| site.route(grp, &route.lang))
            .map(|r| href(&site.config, &r.path));
        g.annotate(&html, &route.lang, &doc.lang, rtl, url.as_deref())
    }

    fn get(&self, site: &Site, lang: &Language) -> Context {
        self.contexts
            .get(&lang.code)
            .cloned()
            .unwrap_or_else(|| base_context(site, lang))
    }
}

fn base_context(site: &Site, lang: &Language) -> Context {
    let config = &site.config;
    let mut ctx = Context::new();
    ctx.insert("lang", &LangCtx::from(lang));
    ctx.insert("base_path", &config.base_path);
    ctx.insert("base_url", &config.base_url);
    ctx.insert("csp", CSP);
    ctx.insert("home_url", &href(config, &format!("/{}/", lang.code)));
    ctx.insert(
        "search_url",
        &href(config, &format!("/{}/search/", lang.code)),
    );
    let nav: Vec<LinkItem> = site
        .children("")
        .into_iter()
        .filter(|&g| site.groups[g].is_index)
        .filter_map(|g| link_item(site, g, &lang.code))
        .collect();
    ctx.insert("sections", &nav);
    // Pages at the content root by key (`root_pages.glossary`), for links the theme places itself.
    let root_pages: BTreeMap<String, String> = site
        .children("")
        .into_iter()
        .filter(|&g| !site.groups[g].is_index)
        .filter_map(|g| {
            let r = site.route(g, &lang.code)?;
            Some((site.groups[g].key.clone(), href(config, &r.path)))
        })
        .collect();
    ctx.insert("root_pages", &root_pages);
    ctx
}

fn render_route(
    site: &Site,
    theme: &Theme,
    bases: &Bases,
    r: usize,
) -> Result<OutputFile, Diagnostic> {
    let config = &site.config;
    let route = &site.routes[r];
    let doc = &site.docs[route.doc];
    let grp = &site.groups[route.group];
    let lang = config
        .language(&route.lang)
        .ok_or_else(|| Diagnostic::error(&doc.source, "route in an unknown language"))?;
    let mut ctx = bases.get(site, lang);
    let content_lang = config.language(&doc.lang).unwrap_or(lang);
    let is_home = grp.is_index && grp.section.is_empty();
    let updated = doc.front.updated.as_deref().or(doc.front.date.as_deref());
    let updated_display = updated
        .map(|d| theme.format_date(&lang.code, d))
        .transpose()
        .map_err(|m| Diagnostic::error(&doc.source, m))?;
    let h2: Vec<&Heading> = doc
        .parsed
        .headings
        .iter()
        .filter(|h| h.level == 2)
        .collect();
    ctx.insert(
        "page",
        &PageCtx {
            title: &doc.front.title,
            description: doc.front.description.as_deref(),
            content: expand_shortcodes(
                site,
                theme,
                bases,
                route.doc,
                lang,
                bases.with_glossary(
                    site,
                    route,
                    resolve_placeholders(site, &doc.parsed.html, &route.lang),
                ),
            )?,
            url: href(config, &route.path),
            permalink: absolute(config, &route.path),
            date: doc.front.date.as_deref(),
            updated,
            updated_display,
            headings: &doc.parsed.headings,
            toc: if h2.len() >= 3 { h2 } else { Vec::new() },
            reading_minutes: doc.parsed.reading_minutes,
            is_fallback: route.fallback,
            content_lang: LangCtx::from(content_lang),
            is_home,
            is_section: grp.is_index,
            step: grp.step,
        },
    );
    let switcher: Vec<SwitchItem> = config
        .languages
        .iter()
        .filter_map(|l| {
            site.route(route.group, &l.code).map(|other| SwitchItem {
                lang: LangCtx::from(l),
                url: href(config, &other.path),
                current: l.code == lang.code,
                translated: !other.fallback,
            })
        })
        .collect();
    ctx.insert("languages", &switcher);
    ctx.insert("alternates", &alternates(site, route.group));
    ctx.insert("noindex", &(route.fallback || doc.front.noindex));

    // Breadcrumbs: home, each enclosing section, then this page.
    let mut crumbs = Vec::new();
    if let Some(enclosing) = site.enclosing_section(route.group) {
        let mut sections = Vec::new();
        let mut s = enclosing.to_string();
        loop {
            sections.push(s.clone());
            if s.is_empty() {
                break;
            }
            s = crate::content::parent_section(&s).to_string();
        }
        for s in sections.iter().rev() {
            if let Some(item) = site
                .section_group(s)
                .and_then(|g| link_item(site, g, &lang.code))
            {
                crumbs.push(item);
            }
        }
    }
    ctx.insert("breadcrumbs", &crumbs);

    let children_of = if grp.is_index {
        Some(grp.section.as_str())
    } else {
        None
    };
    let children: Vec<LinkItem> = children_of
        .map(|s| {
            site.children(s)
                .into_iter()
                .filter_map(|g| link_item(site, g, &lang.code))
                .collect()
        })
        .unwrap_or_default();
    ctx.insert("children", &children);
    ctx.insert("section_kind", &"guides");
    if let Some(sg) = site.section_group(&grp.section) {
        let kind = section_kind(site, sg);
        if kind == SectionKind::Steps {
            ctx.insert("section_kind", &"steps");
            if !grp.is_index {
                ctx.insert(
                    "step_nav",
                    &step_nav(site, &grp.section, route.group, &lang.code),
                );
            }
        }
    }

    let template = if is_home {
        "index.html"
    } else if grp.is_index {
        "section.html"
    } else {
        "page.html"
    };
    let html = theme.render(&lang.code, template, &ctx).map_err(|msg| {
        Diagnostic::error(
            relative_to(&config.root, &theme.dir.join("templates").join(template)),
            format!(
                "cannot render {} for {}: {msg}",
                doc.source.display(),
                route.path
            ),
        )
    })?;
    Ok(OutputFile {
        path: format!("{}index.html", route.path.trim_start_matches('/')),
        contents: html.into_bytes(),
    })
}

/// A failed shortcode call, in the editor's terms: a value the template needs and the call does
/// not give is named with the arguments given (a misspelt `ofice=` is then plain to see).
fn shortcode_error(
    call: &crate::shortcode::Shortcode,
    msg: &str,
    source: &std::path::Path,
) -> Diagnostic {
    let missing = msg
        .split("Variable `")
        .nth(1)
        .and_then(|rest| rest.split_once("` not found"))
        .map(|(name, _)| name)
        .filter(|name| !call.args.contains_key(*name));
    let Some(missing) = missing else {
        return Diagnostic::error(source, format!("shortcode `{}`: {msg}", call.name));
    };
    let given: Vec<&str> = call.args.keys().map(String::as_str).collect();
    let close = given
        .iter()
        .find(|g| strsim::levenshtein(g, missing) <= 2)
        .map(|g| format!("; did you mean `{missing}` instead of `{g}`?"))
        .unwrap_or_default();
    Diagnostic::error(
        source,
        format!(
            "shortcode `{}` needs `{missing}=`, which this call does not give (it gives: {}){close}",
            call.name,
            if given.is_empty() { "nothing".to_string() } else { given.join(", ") }
        ),
    )
    .with_hint(format!("write it as {{{{ {}({missing}=\"…\") }}}}", call.name))
}

/// Renders each shortcode call of a document in the page's language and puts it in place of its
/// token (a call alone in its paragraph replaces the whole `<p>`).
fn expand_shortcodes(
    site: &Site,
    theme: &Theme,
    bases: &Bases,
    doc_index: usize,
    lang: &Language,
    mut html: String,
) -> Result<String, Diagnostic> {
    let doc = &site.docs[doc_index];
    for (i, call) in doc.parsed.shortcodes.iter().enumerate() {
        let mut ctx = bases.get(site, lang);
        for (k, v) in &call.args {
            ctx.insert(k.as_str(), v);
        }
        let template = format!("shortcodes/{}.html", call.name);
        let out = theme
            .render(&lang.code, &template, &ctx)
            .map_err(|msg| shortcode_error(call, &msg, &doc.source).at_in_body(doc, call.line))?;
        let token = crate::shortcode::token(i);
        let para = format!("<p>{token}</p>");
        html = if html.contains(&para) {
            html.replacen(&para, out.trim(), 1)
        } else {
            html.replacen(&token, out.trim(), 1)
        };
    }
    Ok(html)
}

fn step_nav(site: &Site, section: &str, group: usize, lang: &str) -> Option<StepNav> {
    let steps: Vec<usize> = site
        .children(section)
        .into_iter()
        .filter(|&g| !site.groups[g].is_index && site.groups[g].step.is_some())
        .collect();
    let pos = steps.iter().position(|&g| g == group)?;
    let items: Vec<LinkItem> = steps
        .iter()
        .filter_map(|&g| link_item(site, g, lang))
        .collect();
    Some(StepNav {
        current: pos + 1,
        total: steps.len(),
        prev: pos.checked_sub(1).and_then(|p| items.get(p).cloned()),
        next: items.get(pos + 1).cloned(),
        steps: items,
    })
}

/// Replaces `approdo:page/<group>#frag` links with the URL of that page in `lang`.
fn resolve_placeholders(site: &Site, html: &str, lang: &str) -> String {
    if !html.contains(LINK_PLACEHOLDER) {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(pos) = rest.find(LINK_PLACEHOLDER) {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + LINK_PLACEHOLDER.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let group = after[..digits].parse::<usize>().ok();
        match group.and_then(|g| site.route(g, lang)) {
            Some(r) => out.push_str(&href(&site.config, &r.path)),
            None => out.push('#'),
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

fn render_chooser(site: &Site, theme: &Theme) -> Result<OutputFile, Diagnostic> {
    let config = &site.config;
    let lang = config.default_lang();
    let mut ctx = base_context(site, lang);
    let home = site.section_group("");
    let choices: Vec<SwitchItem> = config
        .languages
        .iter()
        .map(|l| SwitchItem {
            lang: LangCtx::from(l),
            url: href(config, &format!("/{}/", l.code)),
            current: false,
            translated: true,
        })
        .collect();
    ctx.insert("languages", &choices);
    ctx.insert(
        "alternates",
        &home.map(|g| alternates(site, g)).unwrap_or_default(),
    );
    ctx.insert("noindex", &false);
    ctx.insert("permalink", &absolute(config, "/"));
    let html = theme
        .render(&lang.code, "chooser.html", &ctx)
        .map_err(|msg| {
            Diagnostic::error(
                relative_to(&config.root, &theme.dir.join("templates/chooser.html")),
                format!("cannot render the language chooser: {msg}"),
            )
        })?;
    Ok(OutputFile {
        path: "index.html".into(),
        contents: html.into_bytes(),
    })
}

/// `/<lang>/search/`: the search form, and every guide from A to Z for readers without JavaScript.
fn render_search(site: &Site, theme: &Theme, lang: &Language) -> Result<OutputFile, Diagnostic> {
    let path = format!("/{}/search/", lang.code);
    let mut ctx = generated_context(site, lang, |code| format!("/{code}/search/"));
    ctx.insert("canonical", &absolute(&site.config, &path));
    ctx.insert("guides", &crate::search::az_list(site, &lang.code));
    let html = render_generated(site, theme, lang, "search.html", &ctx, "the search page")?;
    Ok(OutputFile {
        path: format!("{}index.html", path.trim_start_matches('/')),
        contents: html.into_bytes(),
    })
}

fn render_404(
    site: &Site,
    theme: &Theme,
    lang: &Language,
    root: bool,
) -> Result<OutputFile, Diagnostic> {
    let ctx = generated_context(site, lang, |code| format!("/{code}/"));
    let html = render_generated(site, theme, lang, "404.html", &ctx, "the 404 page")?;
    Ok(OutputFile {
        path: if root {
            "404.html".into()
        } else {
            format!("{}/404.html", lang.code)
        },
        contents: html.into_bytes(),
    })
}

/// The context of a page the build makes itself (404, search): a language switcher leading to
/// `path_of(code)` in every language, no alternates, kept out of search engines.
fn generated_context(site: &Site, lang: &Language, path_of: impl Fn(&str) -> String) -> Context {
    let config = &site.config;
    let mut ctx = base_context(site, lang);
    let switch: Vec<SwitchItem> = config
        .languages
        .iter()
        .map(|l| SwitchItem {
            lang: LangCtx::from(l),
            url: href(config, &path_of(&l.code)),
            current: l.code == lang.code,
            translated: true,
        })
        .collect();
    ctx.insert("languages", &switch);
    ctx.insert("alternates", &Vec::<Alternate>::new());
    ctx.insert("noindex", &true);
    ctx
}

/// Renders one of the theme's own page templates, naming the template in any error.
fn render_generated(
    site: &Site,
    theme: &Theme,
    lang: &Language,
    template: &str,
    ctx: &Context,
    what: &str,
) -> Result<String, Diagnostic> {
    theme.render(&lang.code, template, ctx).map_err(|msg| {
        Diagnostic::error(
            relative_to(
                &site.config.root,
                &theme.dir.join("templates").join(template),
            ),
            format!("cannot render {what} for `{}`: {msg}", lang.code),
        )
    })
}

/// Escapes text for XML element content and attribute values.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && !matches!(c, '\n' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

/// `sitemap.xml` with `xhtml:link` alternates; fallback pages are not listed.
fn sitemap(site: &Site) -> String {
    let config = &site.config;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let mut entry = |loc: String, lastmod: Option<&str>, alts: &[Alternate]| {
        xml.push_str("  <url>\n    <loc>");
        xml.push_str(&xml_escape(&loc));
        xml.push_str("</loc>\n");
        if let Some(m) = lastmod {
            xml.push_str(&format!("    <lastmod>{}</lastmod>\n", xml_escape(m)));
        }
        for a in alts {
            xml.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                xml_escape(&a.hreflang),
                xml_escape(&a.url)
            ));
        }
        xml.push_str("  </url>\n");
    };
    if let Some(home) = site.section_group("") {
        entry(absolute(config, "/"), None, &alternates(site, home));
    }
    for route in site
        .routes
        .iter()
        .filter(|r| !r.fallback && !site.docs[r.doc].front.noindex)
    {
        let d = &site.docs[route.doc];
        let lastmod = d.front.updated.as_deref().or(d.front.date.as_deref());
        entry(
            absolute(config, &route.path),
            lastmod,
            &alternates(site, route.group),
        );
    }
    xml.push_str("</urlset>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_percent_encoded() {
        assert_eq!(
            encode_path("/ar/legal/تأشيرة/"),
            "/ar/legal/%D8%AA%D8%A3%D8%B4%D9%8A%D8%B1%D8%A9/"
        );
        assert_eq!(encode_path("/it/a b/"), "/it/a%20b/");
    }

    #[test]
    fn xml_escape_escapes_markup() {
        assert_eq!(
            xml_escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"
        );
    }
}
