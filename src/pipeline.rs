//! The whole build, readable top to bottom: load → parse → render → write.
//!
//! Each stage gathers every problem it finds; the build stops after a stage that found errors, so the
//! editor sees all mistakes of one kind at once and never a half-written output folder.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::assets::{self, StaticFiles};
use crate::check;
use crate::config::{Config, UnknownShortcode};
use crate::content::Place;
use crate::content::{self, Site};
use crate::data;
use crate::error::{Code, Diagnostic, Diagnostics};
use crate::i18n::Localizer;
use crate::markdown::{self, LinkTarget};
use crate::output::{self, Cleanup};
use crate::render::{self, Sink, Theme};
use crate::shortcode;

/// What `approdo build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holding `site.toml`).
    pub root: PathBuf,
    /// Output folder; `<root>/public` when not given.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    /// Publish pages marked `draft: true` (for previews).
    pub drafts: bool,
    /// Show a progress bar on stderr when rendering takes longer than a second.
    pub progress: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
            progress: false,
        }
    }
}

/// Pages written for one language.
#[derive(Debug, Clone)]
pub struct LanguageCount {
    pub code: String,
    pub pages: usize,
    /// Of which borrowed from another language.
    pub fallbacks: usize,
}

/// The result of a successful build.
#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    pub languages: Vec<LanguageCount>,
    /// Every file written (pages, chooser, 404s, sitemap, robots; static files not counted).
    pub files: usize,
    pub warnings: Diagnostics,
    pub elapsed: Duration,
    /// How long each stage took, in order (`approdo build --timings` prints them).
    pub stages: Vec<(&'static str, Duration)>,
    /// Deletes the previous output and holds the output lock until then: call
    /// [`Cleanup::wait`] (or drop the report) before another build into the same folder.
    pub cleanup: Cleanup,
}

impl BuildReport {
    pub fn pages(&self) -> usize {
        self.languages.iter().map(|l| l.pages).sum()
    }

    pub fn fallbacks(&self) -> usize {
        self.languages.iter().map(|l| l.fallbacks).sum()
    }

    /// One line: "Built 60 pages (it 10, ar 10 incl. 2 fallbacks, …) into public/ in 85 ms".
    pub fn summary(&self) -> String {
        let per_lang: Vec<String> = self
            .languages
            .iter()
            .map(|l| {
                if l.fallbacks > 0 {
                    format!("{} {} ({} fallback)", l.code, l.pages, l.fallbacks)
                } else {
                    format!("{} {}", l.code, l.pages)
                }
            })
            .collect();
        format!(
            "Built {} pages in {} languages ({}) into {} in {} ms",
            self.pages(),
            self.languages.len(),
            per_lang.join(", "),
            self.output.display(),
            self.elapsed.as_millis()
        )
    }
}

/// Why a build failed: all the diagnostics, errors and warnings.
#[derive(Debug)]
pub struct BuildFailure(pub Diagnostics);

/// Loads the content model only (config, content; no parsing or rendering), for commands that
/// work on source files such as `approdo i18n stamp`.
pub fn load_site(root: &std::path::Path) -> Result<Site, BuildFailure> {
    let config = Config::load(root).map_err(BuildFailure)?;
    content::load(&config, true)
        .map(|(site, _)| site)
        .map_err(BuildFailure)
}

/// A site loaded, parsed and checked, ready to render.
pub struct Prepared {
    pub config: Config,
    pub site: Site,
    pub theme: Theme,
    /// Files published as they are (content assets, static folders), which images must name.
    pub statics: StaticFiles,
    /// Warnings and notes so far (errors stop [`prepare`]).
    pub diags: Diagnostics,
    /// How long loading and parsing took.
    pub stages: Vec<(&'static str, Duration)>,
}

impl Prepared {
    /// What the stages after parsing read: the model, the theme, the published files.
    pub fn parts(&self) -> (&Site, &Theme, &StaticFiles) {
        (&self.site, &self.theme, &self.statics)
    }
}

/// `site.toml` with the options' overrides applied.
pub fn load_config(opts: &BuildOptions) -> Result<Config, BuildFailure> {
    let mut config = Config::load(&opts.root).map_err(BuildFailure)?;
    if let Some(url) = &opts.base_url {
        config
            .set_base_url(url)
            .map_err(|m| BuildFailure(Diagnostic::error("--base-url", m).into()))?;
    }
    Ok(config)
}

/// Load and parse: everything before rendering. Gathers all errors of a stage before stopping.
/// `drafts`: also load pages marked `draft: true`.
pub fn prepare(config: Config, drafts: bool) -> Result<Prepared, BuildFailure> {
    // Load: content, data, UI strings and templates; their errors are reported together.
    let started = Instant::now();
    let mut diags = Diagnostics::default();
    let site = content::load(&config, drafts);
    let data = match data::load(&config) {
        Ok(d) => Arc::new(d),
        Err(e) => {
            diags.extend(e);
            Arc::default()
        }
    };
    let loc = Localizer::load(&config).map(Arc::new);
    diags.extend(crate::i18n::unused_locale_folders(&config));
    let theme = match &loc {
        Ok(l) => Theme::load(&config, l, &data).map(Some),
        Err(_) => Ok(None),
    };
    let site = match site {
        Ok((s, w)) => {
            diags.extend(w);
            Some(s)
        }
        Err(e) => {
            diags.extend(e);
            None
        }
    };
    if let Err(e) = &loc {
        diags.extend(e.clone());
    }
    let theme = match theme {
        Ok(t) => t,
        Err(e) => {
            diags.extend(e);
            None
        }
    };
    let (Some(mut site), Some(theme), false) = (site, theme, diags.has_errors()) else {
        return Err(BuildFailure(diags.sorted()));
    };
    let statics = assets::list(&site.config);
    let loaded = Instant::now();
    diags.extend(complete_model(&mut site, &data, &theme, &statics));
    if diags.has_errors() {
        return Err(BuildFailure(diags.sorted()));
    }
    let stages = vec![("load", loaded - started), ("parse", loaded.elapsed())];
    Ok(Prepared {
        config,
        site,
        theme,
        statics,
        diags,
        stages,
    })
}

/// The model's last steps after [`content::assemble`]: what the other loaders read (data, the
/// theme's ids), then every page parsed. The build and the preview's re-assembly from memory both
/// come through here, so a model is never parsed without the theme's ids or the site's data.
pub fn complete_model(
    site: &mut Site,
    data: &data::Data,
    theme: &Theme,
    statics: &StaticFiles,
) -> Diagnostics {
    complete_model_parsing(site, data, theme, statics, None)
}

/// [`complete_model`], parsing `only` those documents when given: the preview re-assembles the
/// model after a front-matter edit, and when every page kept its place the others' parse results
/// (carried over with the documents) are still what parsing them would give.
pub fn complete_model_parsing(
    site: &mut Site,
    data: &data::Data,
    theme: &Theme,
    statics: &StaticFiles,
    only: Option<&std::collections::BTreeSet<usize>>,
) -> Diagnostics {
    site.data = data.clone();
    site.reserved_ids = theme.reserved_ids.clone();
    let shortcodes = theme.shortcodes();
    match only {
        None => parse_all(site, &shortcodes, statics),
        Some(docs) => {
            let mut diags = Diagnostics::default();
            for &i in docs {
                let (parsed, problems) = parse_doc(site, i, &shortcodes, statics);
                site.docs[i].parsed = parsed;
                diags.extend(problems);
            }
            diags
        }
    }
}

/// What the checks of [`render_checked`] do to the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checks {
    /// `build` and the preview: an error-level finding stops before rendering; warnings of the
    /// checks are left to `approdo check`, so a build prints what stops it and what it published.
    Gate,
    /// `approdo check`: report everything, and render in memory even after errors.
    Report,
}

/// A parsed site, checked and rendered into a [`Sink`]: the stages between parse and write, in the
/// one order every command uses (checks → render → static files that clash with generated ones).
pub struct Rendered {
    /// The paths of the files made.
    pub paths: Vec<String>,
    /// Everything found so far, the prepared warnings included.
    pub diags: Diagnostics,
}

/// Checks and renders a parsed site into `sink`; `diags` are the findings so far (warnings of
/// loading and parsing), carried into the result. With [`Checks::Gate`], `Err` holds every
/// diagnostic and at least one error.
pub fn render_checked(
    (site, theme, statics): (&Site, &Theme, &StaticFiles),
    mut diags: Diagnostics,
    checks: Checks,
    progress: Option<&indicatif::ProgressBar>,
    sink: &dyn Sink,
) -> Result<Rendered, Diagnostics> {
    let found = check::check_site(site);
    match checks {
        // Errors, and broken links that `[links] broken = "warn"` made warnings: the editor
        // who chose to build with them still sees each one.
        Checks::Gate => diags.extend(found.into_iter().filter(|d| {
            d.is_error()
                || matches!(
                    d.code,
                    Some(crate::error::Code::BrokenLink | crate::error::Code::BrokenAnchor)
                )
        })),
        Checks::Report => diags.extend(found),
    }
    if checks == Checks::Gate && diags.has_errors() {
        return Err(diags.sorted());
    }
    diags.extend(statics.skipped.iter().cloned());
    let paths = match render::render_site(site, theme, progress, sink) {
        Ok(paths) => paths,
        Err(e) if checks == Checks::Report => {
            diags.extend(e);
            Vec::new()
        }
        Err(e) => {
            diags.extend(e);
            return Err(diags.sorted());
        }
    };
    diags.extend(static_collisions(site, statics, &paths));
    if checks == Checks::Gate && diags.has_errors() {
        return Err(diags.sorted());
    }
    Ok(Rendered {
        paths,
        diags: diags.sorted(),
    })
}

/// [`render_checked`] into memory: the preview serves the files it keeps.
pub fn render_in_memory(
    parts: (&Site, &Theme, &StaticFiles),
    diags: Diagnostics,
    checks: Checks,
) -> Result<(Vec<render::OutputFile>, Diagnostics), Diagnostics> {
    let sink = render::InMemory::default();
    let rendered = render_checked(parts, diags, checks, None, &sink)?;
    Ok((sink.into_files(), rendered.diags))
}

/// Builds the site. On failure the previous output folder is untouched.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    let start = Instant::now();
    let config = load_config(opts)?;
    // Refuse a dangerous output folder before doing any work.
    let out = opts
        .output
        .clone()
        .unwrap_or_else(|| config.root.join("public"));
    output::check_output_dir(&config, &out).map_err(|d| BuildFailure(d.into()))?;

    let mut prepared = prepare(config, opts.drafts)?;
    prepared.site.release_bodies();
    let bar = opts
        .progress
        .then(|| progress_bar(prepared.site.routes.len() as u64));
    let so_far = std::mem::take(&mut prepared.diags);
    let mut stages = std::mem::take(&mut prepared.stages);
    let rendering = Instant::now();
    // Pages go to disk as they are rendered, into a staging folder that replaces the output only
    // when everything was written; on any error it is deleted and the old output stays.
    let staging = output::Staging::open(&prepared.config, &out).map_err(BuildFailure)?;
    // A theme that makes the site an app gets the list of files a reader can save for offline
    // reading, made from what was written ([`render::offline`]).
    let recorder = render::offline::Recorder::new(&staging);
    let has_app = prepared.theme.has_app;
    let sink: &dyn render::Sink = if has_app { &recorder } else { &staging };
    let Rendered {
        mut paths,
        mut diags,
    } = render_checked(prepared.parts(), so_far, Checks::Gate, bar.as_ref(), sink)
        .map_err(BuildFailure)?;
    if has_app {
        let seen = recorder.into_seen();
        let listed = render::offline::listings(&prepared.site, &seen, &prepared.statics)
            .map_err(|d| BuildFailure(d.into()))?;
        for f in listed {
            paths.push(f.path.clone());
            staging.put(f).map_err(|d| BuildFailure(d.into()))?;
        }
    }
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    stages.push(("check and render", rendering.elapsed()));
    let Prepared {
        config,
        site,
        statics,
        ..
    } = prepared;

    // Write what is left (static files), then swap the folder into place.
    let writing = Instant::now();
    let written = staging.finish(&statics.files).map_err(|e| {
        diags.extend(e);
        BuildFailure(diags.clone().sorted())
    })?;
    diags.extend(written.warnings);
    stages.push(("write", writing.elapsed()));

    let languages = config
        .languages
        .iter()
        .map(|l| {
            let routes = site.routes.iter().filter(|r| r.lang == l.code);
            let (pages, fallbacks) =
                routes.fold((0, 0), |(p, f), r| (p + 1, f + usize::from(r.fallback)));
            LanguageCount {
                code: l.code.clone(),
                pages,
                fallbacks,
            }
        })
        .collect();
    Ok(BuildReport {
        output: out,
        languages,
        files: paths.len(),
        warnings: diags.sorted(),
        elapsed: start.elapsed(),
        stages,
        cleanup: written.cleanup,
    })
}

/// Static files that would replace or block a generated file ([`assets::collisions`]).
fn static_collisions(site: &Site, statics: &StaticFiles, paths: &[String]) -> Vec<Diagnostic> {
    let generated: Vec<&str> = paths.iter().map(String::as_str).collect();
    let page_source = |path: &str| {
        site.routes
            .iter()
            .find(|r| render::route_file(r) == path)
            .map(|r| site.docs[r.doc].source.as_path())
    };
    assets::collisions(&site.config.root, statics, &generated, &page_source)
}

/// A page-count bar that stays invisible for the first second, so quick builds print nothing.
fn progress_bar(total: u64) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total),
        indicatif::ProgressDrawTarget::hidden(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} pages") {
        bar.set_style(style);
    }
    let shown = bar.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(1));
        if !shown.is_finished() {
            shown.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    });
    bar
}

/// `approdo check`: loads, parses, runs every check and renders in memory; writes nothing. Drafts
/// are included so they are checked before they are published.
pub fn check(root: &std::path::Path) -> Result<Diagnostics, BuildFailure> {
    let config = load_config(&BuildOptions::new(root))?;
    let mut prepared = prepare(config, true)?;
    let so_far = std::mem::take(&mut prepared.diags);
    match render_checked(
        prepared.parts(),
        so_far,
        Checks::Report,
        None,
        &render::Discard,
    ) {
        Ok(rendered) => Ok(rendered.diags),
        Err(diags) => Ok(diags),
    }
}

/// Parses every document's Markdown in parallel and stores the result in the model.
/// `shortcodes` names the shortcode templates the theme provides.
pub fn parse_all(site: &mut Site, shortcodes: &[String], statics: &StaticFiles) -> Diagnostics {
    let site_ref: &Site = site;
    let results: Vec<(content::Parsed, Vec<Diagnostic>)> = (0..site_ref.docs.len())
        .into_par_iter()
        .map(|i| parse_doc(site_ref, i, shortcodes, statics))
        .collect();
    let mut diags = Diagnostics::default();
    for (doc, (mut parsed, problems)) in site.docs.iter_mut().zip(results) {
        // Grown by doubling while written: up to half of each is spare room, kept for the whole
        // build (tens of megabytes at 12,000 pages).
        parsed.html.shrink_to_fit();
        parsed.text.shrink_to_fit();
        doc.parsed = parsed;
        diags.extend(problems);
    }
    diags
}

/// Parses one document against the current model (links resolve to its groups).
pub fn parse_doc(
    site: &Site,
    index: usize,
    shortcodes: &[String],
    statics: &StaticFiles,
) -> (content::Parsed, Vec<Diagnostic>) {
    let doc = &site.docs[index];
    let broken = std::cell::RefCell::new(Vec::new());
    let resolve = |dest: &str| resolve_link(site, doc, dest, &broken);
    let rtl = site
        .config
        .language(&doc.lang)
        .is_some_and(|l| l.dir == crate::config::Direction::Rtl);
    let refs = |target: &str| ref_destination(site, doc, target);
    let (own_body, title_heading) = without_title_heading(doc);
    let (body, mut calls, call_errors) = shortcode::extract(&own_body, doc.body_line, &refs);
    let (mut parsed, problems) = markdown::parse(
        &body,
        doc.body_line,
        rtl,
        site.config.raw_html,
        &site.reserved_ids,
        &markdown::Resolve {
            link: &resolve,
            image: &|src: &str| assets::resolve_image(&site.config, statics, &doc.source, src),
        },
    );
    let mut full: Vec<Diagnostic> = call_errors
        .into_iter()
        .map(|e| {
            Diagnostic::error(&doc.source, e.message)
                .placed(doc, e.line)
                .with_hint(e.hint)
        })
        .collect();
    full.extend(title_heading);
    full.extend(check_calls(site, doc, &mut calls, shortcodes));
    parsed.shortcodes = calls;
    full.extend(problems.into_iter().map(|p| {
        let d = if p.is_error {
            Diagnostic::error(&doc.source, p.message)
        } else {
            Diagnostic::warning(&doc.source, p.message)
        };
        let mut d = d.placed(doc, p.line);
        d.col = Some(p.col);
        d.code = p.code;
        d.subject = p.subject;
        match p.hint {
            Some(h) => d.with_hint(h),
            None => d,
        }
    }));
    full.extend(broken_links(site, doc, &parsed, broken.into_inner()));
    (parsed, full)
}

/// The body without a `# heading` as its first line, as pages written for other generators start
/// (Docusaurus takes the title from it; Hugo themes that print no title need it): the front
/// matter's title is already the page's one `<h1>`. The line is blanked, not removed, so every
/// later line keeps its number; a warning says so, and says when the two differ. Any other
/// level-1 heading stays an error.
fn without_title_heading(
    doc: &content::Document,
) -> (std::borrow::Cow<'_, str>, Option<Diagnostic>) {
    let body = doc.body.as_str();
    let Some((index, line)) = body.lines().enumerate().find(|(_, l)| !l.trim().is_empty()) else {
        return (body.into(), None);
    };
    let Some(heading) = line
        .trim()
        .strip_prefix("# ")
        .map(|h| h.trim().trim_end_matches('#').trim())
    else {
        return (body.into(), None);
    };
    let message = if heading.eq_ignore_ascii_case(doc.front.title.trim()) {
        "the first heading repeats the page's title, which is already its heading: it is left out"
            .to_string()
    } else {
        format!(
            "the first heading \"{heading}\" stands where the page's title \"{}\" is shown: it is left out",
            doc.front.title.trim()
        )
    };
    let start = body.lines().take(index).map(|l| l.len() + 1).sum::<usize>();
    let mut without = body.to_string();
    without.replace_range(start..start + line.len(), "");
    let warning = Diagnostic::warning(&doc.source, message)
        .with_code(crate::error::Code::H1InBody, line.trim())
        .with_hint("remove the line; the title comes from `title:` in the front matter (put the better of the two there)")
    .placed(doc, doc.body_line + index);
    (without.into(), Some(warning))
}

/// Where a link of `doc` goes: a page (a `.md` file, or a language-less site path such as
/// `/learn/some-page/`), both then written in the reader's language; another site path as it is,
/// under the base path; anything else as written. A link to a page that does not exist is kept as
/// written and noted in `broken` (message by link) for [`broken_links`].
fn resolve_link(
    site: &Site,
    doc: &content::Document,
    dest: &str,
    broken: &std::cell::RefCell<Vec<(String, String)>>,
) -> Result<LinkTarget, String> {
    match site.resolve_md_link(doc, dest) {
        Ok(Some((g, frag))) => return Ok(LinkTarget::Page(g, frag)),
        Ok(None) => {}
        // Reported by `broken_links` at the link's line, as an error or a warning.
        Err(msg) => {
            broken.borrow_mut().push((dest.to_string(), msg));
            return Ok(LinkTarget::Keep);
        }
    }
    if !dest.starts_with('/') || dest.starts_with("//") {
        return Ok(LinkTarget::Keep);
    }
    let (path, frag) = dest.find('#').map_or((dest, ""), |i| dest.split_at(i));
    match site.group_at_site_path(path) {
        Some(g) => Ok(LinkTarget::Page(g, frag.to_string())),
        None => Ok(LinkTarget::Url(format!("{}{dest}", site.config.base_path))),
    }
}

/// The links to pages that do not exist, at each link's line: errors, or warnings under
/// `[links] broken = "warn"` (the link is then published as the editor wrote it).
fn broken_links(
    site: &Site,
    doc: &content::Document,
    parsed: &content::Parsed,
    broken: Vec<(String, String)>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (dest, msg) in broken {
        for link in parsed.links.iter().filter(|l| l.dest == dest) {
            let mut d = Diagnostic::error(&doc.source, msg.clone())
                .with_code(crate::error::Code::BrokenLink, &dest)
                .placed(doc, link.line);
            d.severity = site.config.broken_links.severity();
            if d.is_error() {
                d = d.with_hint("link to another page with a relative path to its file, e.g. `../school/enrolment.md`");
            }
            d.col = Some(link.col);
            out.push(d);
        }
    }
    out.dedup_by(|a, b| a.line == b.line && a.message == b.message);
    out
}

/// Each call against the theme's shortcodes (a name without a template is an error, or a warning
/// that drops the call under `[shortcodes] unknown = "warn"`) and its addresses against the
/// raw-HTML policy: an argument is an editor's text, so it may not smuggle a `javascript:` link
/// into a figure that Markdown would have refused.
fn check_calls(
    site: &Site,
    doc: &content::Document,
    calls: &mut [shortcode::Shortcode],
    shortcodes: &[String],
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let at = |d: Diagnostic, line| d.placed(doc, line);
    for call in calls.iter_mut() {
        if site.config.raw_html != crate::config::RawHtml::Allow {
            let schemes = ["src", "link", "attrlink", "href", "url"]
                .into_iter()
                .filter_map(|key| Some((key, call.args.get(key)?.as_str()?)))
                .filter_map(|(key, v)| crate::sanitize::unsafe_scheme(v, key == "src"));
            for scheme in schemes {
                let message = format!(
                    "shortcode `{}`: a `{scheme}` address is not allowed",
                    call.name
                );
                found.push(at(Diagnostic::error(&doc.source, message), call.line));
            }
        }
        if shortcodes.iter().any(|s| s == &call.name) {
            continue;
        }
        let message = format!("there is no shortcode `{}`", call.name);
        let d = match site.config.unknown_shortcode {
            UnknownShortcode::Error => Diagnostic::error(&doc.source, message),
            UnknownShortcode::Warn => {
                call.unknown = true;
                Diagnostic::warning(
                    &doc.source,
                    format!("{message}: it is left out, its inner text kept"),
                )
            }
        };
        found.push(
            at(d, call.line)
                .with_code(Code::UnknownShortcode, call.name.clone())
                .with_hint(format!(
                    "the theme's shortcodes are: {}; add templates/shortcodes/{}.html to the theme{}",
                    shortcodes.join(", "),
                    call.name,
                    if site.config.unknown_shortcode == UnknownShortcode::Warn {
                        ""
                    } else {
                        ", or set [shortcodes] unknown = \"warn\" in site.toml"
                    }
                )),
        );
    }
    found
}

/// The link destination a Hugo `ref`/`relref` names, for the Markdown stage to resolve like any
/// `.md` link: `.md` added where Hugo lets it be left out (`relref "visa"`, a section as
/// `"legal/"`), and, as Hugo does, the page looked up beside the page first, then from the
/// content folder. A page found nowhere is left relative, so the link check reports it.
fn ref_destination(site: &Site, doc: &content::Document, target: &str) -> String {
    let (path, frag) = target.split_at(target.find('#').unwrap_or(target.len()));
    if path.is_empty() {
        return target.to_string();
    }
    let mut path = path.to_string();
    if path.ends_with('/') {
        path.push_str(&format!("{}.md", content::INDEX));
    } else if !path.rsplit('/').next().unwrap_or_default().contains('.') {
        path.push_str(".md");
    }
    let found = |p: &str| matches!(site.resolve_md_link(doc, p), Ok(Some(_)));
    if !found(&path) && !path.starts_with(['/', '.']) && found(&format!("/{path}")) {
        path.insert(0, '/');
    }
    path + frag
}
