//! One route to one HTML page: context, template, shortcodes expanded in the page's language, internal
//! link placeholders replaced by URLs of the language being rendered, glossary terms marked.

use super::context::{
    alternates, link_item, section_kind, step_nav, Bases, LangCtx, LinkItem, PageCtx, SwitchItem,
};
use super::theme::Theme;
use super::OutputFile;
use crate::config::Language;
use crate::content::Place;
use crate::content::{Heading, Route, SectionKind, Site};
use crate::error::{relative_to, Diagnostic};
use crate::paths::LINK_PLACEHOLDER;
use tera::Context;

/// One route to its HTML page: the page itself, then what surrounds it (language switcher,
/// breadcrumbs, section listing, step navigation), then the template its kind of page uses.
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
    // The date is read before the text is rendered, so a page with both a bad date and a broken
    // shortcode reports the date, as it always has.
    let content = || {
        expand_shortcodes(
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
        )
    };
    ctx.insert("page", &page_context(site, theme, route, lang, content)?);
    ctx.insert("languages", &switcher(site, route, lang));
    ctx.insert(
        "guide",
        &super::context::guide(site, route.group, &lang.code),
    );
    ctx.insert("alternates", &alternates(site, route.group));
    ctx.insert("noindex", &(route.fallback || doc.front.noindex));
    ctx.insert("breadcrumbs", &breadcrumbs(site, route.group, &lang.code));
    let children: Vec<LinkItem> = if grp.is_index {
        site.children(&grp.section)
            .into_iter()
            .filter_map(|g| link_item(site, g, &lang.code))
            .collect()
    } else {
        Vec::new()
    };
    ctx.insert("children", &children);
    insert_section_kind(site, route.group, &lang.code, &mut ctx);

    let template = if grp.is_index && grp.section.is_empty() {
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
        path: super::route_file(route),
        contents: html.into_bytes(),
    })
}

/// The `page` the templates see: text, dates in the reader's language, headings, the table of
/// contents (from three second-level headings on), and where the text comes from.
fn page_context<'a>(
    site: &'a Site,
    theme: &Theme,
    route: &Route,
    lang: &'a Language,
    content: impl FnOnce() -> Result<String, Diagnostic>,
) -> Result<PageCtx<'a>, Diagnostic> {
    let config = &site.config;
    let doc = &site.docs[route.doc];
    let grp = &site.groups[route.group];
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
    Ok(PageCtx {
        title: &doc.front.title,
        description: doc.front.description.as_deref(),
        content: content()?,
        url: config.href(&route.path),
        permalink: config.absolute_url(&route.path),
        date: doc.front.date.as_deref(),
        updated,
        updated_display,
        headings: &doc.parsed.headings,
        toc: if h2.len() >= 3 { h2 } else { Vec::new() },
        reading_minutes: doc.parsed.reading_minutes,
        is_fallback: route.fallback,
        content_lang: LangCtx::from(config.language(&doc.lang).unwrap_or(lang)),
        is_home: grp.is_index && grp.section.is_empty(),
        is_section: grp.is_index,
        step: grp.step,
        key: site.group_id(route.group),
    })
}

/// The language switcher: this page in every language (every group has a route in each).
fn switcher(site: &Site, route: &Route, lang: &Language) -> Vec<SwitchItem> {
    let config = &site.config;
    config
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
        .collect()
}

/// Breadcrumbs: home, then each enclosing section, outermost first.
fn breadcrumbs(site: &Site, group: usize, lang: &str) -> Vec<LinkItem> {
    let Some(enclosing) = site.enclosing_section(group) else {
        return Vec::new();
    };
    let mut sections = Vec::new();
    let mut s = enclosing.to_string();
    loop {
        sections.push(s.clone());
        if s.is_empty() {
            break;
        }
        s = crate::content::parent_section(&s).to_string();
    }
    sections
        .iter()
        .rev()
        .filter_map(|s| site.section_group(s).and_then(|g| link_item(site, g, lang)))
        .collect()
}

/// `section_kind` ("steps" or "guides"), and for a step page the previous and next steps.
fn insert_section_kind(site: &Site, group: usize, lang: &str, ctx: &mut Context) {
    let grp = &site.groups[group];
    ctx.insert("section_kind", &"guides");
    let Some(sg) = site.section_group(&grp.section) else {
        return;
    };
    if section_kind(site, sg) == SectionKind::Steps {
        ctx.insert("section_kind", &"steps");
        if !grp.is_index {
            ctx.insert("step_nav", &step_nav(site, &grp.section, group, lang));
        }
    }
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
    // A Hugo call carries its positional arguments as `_args`, which the editor never wrote.
    let hugo = call.args.contains_key("_args");
    let given: Vec<&str> = call
        .args
        .keys()
        .map(String::as_str)
        .filter(|k| *k != "_args")
        .collect();
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
    .with_hint(if hugo {
        format!("write it as {{{{< {} {missing}=\"…\" >}}}}", call.name)
    } else {
        format!("write it as {{{{ {}({missing}=\"…\") }}}}", call.name)
    })
}

/// Renders each shortcode call of a document in the page's language and puts it in place of its
/// token (a call alone in its paragraph replaces the whole `<p>`). The last call goes first: a call
/// nested in another's inner content comes after it, so the outer one receives its body rendered.
pub(super) fn expand_shortcodes(
    site: &Site,
    theme: &Theme,
    bases: &Bases,
    doc_index: usize,
    lang: &Language,
    mut html: String,
) -> Result<String, Diagnostic> {
    let doc = &site.docs[doc_index];
    for (i, call) in doc.parsed.shortcodes.iter().enumerate().rev() {
        let Some(span) = call_span(&html, i, call.paired) else {
            continue;
        };
        let body = span.body.map_or("", |b| html[b].trim());
        let out = if call.unknown {
            body.to_string()
        } else {
            let mut ctx = bases.get(site, lang);
            ctx.insert("body", body);
            ctx.insert("inner", call.inner.as_deref().unwrap_or_default());
            for (k, v) in &call.args {
                ctx.insert(k.as_str(), v);
            }
            let template = format!("shortcodes/{}.html", call.name);
            theme
                .render(&lang.code, &template, &ctx)
                .map_err(|msg| shortcode_error(call, &msg, &doc.source).placed(doc, call.line))?
        };
        html.replace_range(span.whole, out.trim());
    }
    Ok(html)
}

/// Where call `i` is in a page's HTML: the whole of it, and its inner content when it has some.
struct CallSpan {
    whole: std::ops::Range<usize>,
    body: Option<std::ops::Range<usize>>,
}

/// The span of call `i`, widened to its paragraph when the call is all the paragraph holds; `None`
/// when its token is gone (a call inside a comment the sanitizer removed).
fn call_span(html: &str, i: usize, paired: bool) -> Option<CallSpan> {
    let open = crate::shortcode::token(i);
    let start = html.find(&open)?;
    let mut end = start + open.len();
    let body = if paired {
        let close = crate::shortcode::end_token(i);
        let close_at = end + html[end..].find(&close)?;
        let body = end..close_at;
        end = close_at + close.len();
        Some(body)
    } else {
        None
    };
    let alone = html[..start].ends_with("<p>") && html[end..].starts_with("</p>");
    let whole = if alone {
        start - "<p>".len()..end + "</p>".len()
    } else {
        start..end
    };
    Some(CallSpan { whole, body })
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
