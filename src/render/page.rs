//! One route to one HTML page: context, template, shortcodes expanded in the page's language, internal
//! link placeholders replaced by URLs of the language being rendered, glossary terms marked.

use super::context::{
    alternates, link_item, section_kind, step_nav, Bases, LangCtx, LinkItem, PageCtx, SwitchItem,
};
use super::theme::Theme;
use super::OutputFile;
use crate::config::Language;
use crate::content::{Heading, SectionKind, Site};
use crate::error::{relative_to, Diagnostic};
use crate::paths::LINK_PLACEHOLDER;

pub(super) fn render_route(
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
            url: config.href(&route.path),
            permalink: config.absolute_url(&route.path),
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
                url: config.href(&other.path),
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
pub(super) fn shortcode_error(
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
pub(super) fn expand_shortcodes(
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
        let out = theme.render(&lang.code, &template, &ctx).map_err(|msg| {
            shortcode_error(call, &msg, &doc.source).at_in_body(&doc.body, doc.body_line, call.line)
        })?;
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

/// Replaces `approdo:page/<group>#frag` links with the URL of that page in `lang`.
pub(super) fn resolve_placeholders(site: &Site, html: &str, lang: &str) -> String {
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
            Some(r) => out.push_str(&site.config.href(&r.path)),
            None => out.push('#'),
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}
