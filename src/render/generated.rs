//! Pages and files no Markdown file stands for: the language chooser at `/`, 404 pages, search
//! pages, `sitemap.xml`, `robots.txt` and `_headers`.

use super::context::{alternates, base_context, Alternate, LangCtx, SwitchItem};
use super::theme::Theme;
use crate::escape::xml_escape;
use tera::Context;

use super::{OutputFile, CSP};
use crate::config::Language;
use crate::content::Site;
use crate::error::{relative_to, Diagnostic, Diagnostics};

/// The pages no Markdown file stands for (chooser, a 404 per language and the site-wide one, the
/// search pages), added to `files`; the errors are returned. A content page published where a
/// search page goes is an error, not a silent overwrite.
pub(super) fn generated_pages(
    site: &Site,
    theme: &Theme,
    files: &mut Vec<OutputFile>,
) -> Diagnostics {
    let config = &site.config;
    let mut diags = Diagnostics::default();
    let mut record = |res: Result<OutputFile, Diagnostic>| match res {
        Ok(f) => files.push(f),
        Err(d) => diags.push(d),
    };
    record(render_chooser(site, theme));
    for lang in &config.languages {
        record(render_404(site, theme, lang, false));
    }
    record(render_404(site, theme, config.default_lang(), true));
    for lang in &config.languages {
        for name in &theme.language_files {
            record(render_language_file(site, theme, lang, name));
        }
    }
    // The build's own pages in each language, by folder: a content page there is an error, not a
    // silent overwrite.
    type Maker = fn(&Site, &Theme, &Language) -> Result<OutputFile, Diagnostic>;
    let own: [(bool, &str, &str, Maker); 2] = [
        (theme.has_app, "offline", "the offline page", render_offline),
        (theme.has_search, "search", "the search page", render_search),
    ];
    let mut reserved = Vec::new();
    for (_, name, what, make) in own.into_iter().filter(|o| o.0) {
        for lang in &config.languages {
            record(make(site, theme, lang));
            reserved.push((format!("/{}/{name}/", lang.code), what, name));
        }
    }
    for r in &site.routes {
        if let Some((path, what, name)) = reserved.iter().find(|(p, ..)| *p == r.path) {
            record(Err(Diagnostic::error(
                &site.docs[r.doc].source,
                format!("{path} is where {what} is published"),
            )
            .with_hint(format!(
                "rename this folder or page: `{name}` is reserved"
            ))));
        }
    }
    diags
}

/// The files for crawlers and hosts: `sitemap.xml`, `_headers` and `robots.txt`.
pub(super) fn site_files(site: &Site) -> [OutputFile; 3] {
    [
        OutputFile {
            path: "sitemap.xml".into(),
            contents: sitemap(site).into_bytes(),
        },
        // Headers for static hosts that read them (Netlify, Cloudflare Pages); README shows nginx.
        // `frame-ancestors` only works as a header, never in a meta tag.
        OutputFile {
            path: "_headers".into(),
            contents: format!(
                "/*\n  Content-Security-Policy: {CSP}; frame-ancestors 'none'\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n"
            )
            .into_bytes(),
        },
        OutputFile {
            path: "robots.txt".into(),
            contents: format!(
                "User-agent: *\nAllow: /\n\nSitemap: {}/sitemap.xml\n",
                site.config.base_url
            )
            .into_bytes(),
        },
    ]
}

pub(super) fn render_chooser(site: &Site, theme: &Theme) -> Result<OutputFile, Diagnostic> {
    let config = &site.config;
    let lang = config.default_lang();
    let mut ctx = base_context(site, lang);
    let home = site.section_group("");
    let choices: Vec<SwitchItem> = config
        .languages
        .iter()
        .map(|l| SwitchItem {
            lang: LangCtx::from(l),
            url: config.href(&format!("/{}/", l.code)),
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
    ctx.insert("permalink", &config.absolute_url("/"));
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
pub(super) fn render_search(
    site: &Site,
    theme: &Theme,
    lang: &Language,
) -> Result<OutputFile, Diagnostic> {
    let path = format!("/{}/search/", lang.code);
    let mut ctx = generated_context(site, lang, |code| format!("/{code}/search/"));
    ctx.insert("canonical", &site.config.absolute_url(&path));
    ctx.insert("guides", &crate::render::search::az_list(site, &lang.code));
    let html = render_generated(site, theme, lang, "search.html", &ctx, "the search page")?;
    Ok(OutputFile {
        path: format!("{}index.html", path.trim_start_matches('/')),
        contents: html.into_bytes(),
    })
}

/// `/<lang>/<name>` from the theme's data template `name` (`manifest.webmanifest`: the web app
/// manifest, so the Arabic home installs as an Arabic, right-to-left app; `app-strings.json`: the
/// words the theme's script writes). A template that writes broken JSON is an error at the
/// template: a broken manifest would silently make the app uninstallable.
pub(super) fn render_language_file(
    site: &Site,
    theme: &Theme,
    lang: &Language,
    name: &str,
) -> Result<OutputFile, Diagnostic> {
    let ctx = base_context(site, lang);
    let json = render_generated(site, theme, lang, name, &ctx, name)?;
    if let Err(e) = serde_json::from_str::<serde_json::Value>(&json) {
        return Err(Diagnostic::error(
            relative_to(&site.config.root, &theme.dir.join("templates").join(name)),
            format!("{name} for `{}` is not valid JSON: {e}", lang.code),
        )
        .with_hint("write strings with `| json_encode | safe`"));
    }
    Ok(OutputFile {
        path: format!("{}/{name}", lang.code),
        contents: json.into_bytes(),
    })
}

/// `/<lang>/offline/`: what the service worker shows, in the reader's language, for a page that
/// is not saved on the phone (its script lists what is).
pub(super) fn render_offline(
    site: &Site,
    theme: &Theme,
    lang: &Language,
) -> Result<OutputFile, Diagnostic> {
    let ctx = generated_context(site, lang, |code| format!("/{code}/offline/"));
    let html = render_generated(site, theme, lang, "offline.html", &ctx, "the offline page")?;
    Ok(OutputFile {
        path: format!("{}/offline/index.html", lang.code),
        contents: html.into_bytes(),
    })
}

pub(super) fn render_404(
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
pub(super) fn generated_context(
    site: &Site,
    lang: &Language,
    path_of: impl Fn(&str) -> String,
) -> Context {
    let config = &site.config;
    let mut ctx = base_context(site, lang);
    let switch: Vec<SwitchItem> = config
        .languages
        .iter()
        .map(|l| SwitchItem {
            lang: LangCtx::from(l),
            url: config.href(&path_of(&l.code)),
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
pub(super) fn render_generated(
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

/// `sitemap.xml` with `xhtml:link` alternates; fallback pages are not listed.
pub(super) fn sitemap(site: &Site) -> String {
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
        entry(config.absolute_url("/"), None, &alternates(site, home));
    }
    for route in site
        .routes
        .iter()
        .filter(|r| !r.fallback && !site.docs[r.doc].front.noindex)
    {
        let d = &site.docs[route.doc];
        let lastmod = d.front.updated.as_deref().or(d.front.date.as_deref());
        entry(
            config.absolute_url(&route.path),
            lastmod,
            &alternates(site, route.group),
        );
    }
    xml.push_str("</urlset>\n");
    xml
}
