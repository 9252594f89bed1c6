//! What templates receive: the per-language base context (navigation, language switcher, root
//! pages), computed once per language, and the small serialisable records pages are made of.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use tera::Context;

use super::CSP;
use crate::config::Language;
use crate::content::{Heading, SectionKind, Site};

#[derive(Serialize, Clone)]
pub(super) struct LangCtx {
    pub(super) code: String,
    pub(super) tag: String,
    pub(super) name: String,
    pub(super) dir: &'static str,
    /// Locale for numbers (`ar-u-nu-latn`), for scripts that format counts.
    pub(super) numbers: String,
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
pub(super) struct SwitchItem {
    #[serde(flatten)]
    pub(super) lang: LangCtx,
    pub(super) url: String,
    pub(super) current: bool,
    /// False when that language shows this page as a fallback.
    pub(super) translated: bool,
}

#[derive(Serialize)]
pub(super) struct Alternate {
    pub(super) hreflang: String,
    pub(super) url: String,
}

#[derive(Serialize, Clone)]
pub(super) struct LinkItem {
    pub(super) title: String,
    pub(super) url: String,
    pub(super) description: Option<String>,
    pub(super) step: Option<u32>,
    /// Language of the title when it is borrowed (fallback), so templates can mark it with `lang`.
    pub(super) lang: Option<LangCtx>,
    pub(super) is_section: bool,
    /// [`Site::group_id`]: the same in every language.
    pub(super) key: String,
}

#[derive(Serialize)]
pub(super) struct StepNav {
    pub(super) current: usize,
    pub(super) total: usize,
    pub(super) prev: Option<LinkItem>,
    pub(super) next: Option<LinkItem>,
    pub(super) steps: Vec<LinkItem>,
}

#[derive(Serialize)]
pub(super) struct PageCtx<'a> {
    pub(super) title: &'a str,
    pub(super) description: Option<&'a str>,
    pub(super) content: String,
    pub(super) url: String,
    pub(super) permalink: String,
    pub(super) date: Option<&'a str>,
    /// ISO date for `<time datetime>`.
    pub(super) updated: Option<&'a str>,
    /// The same date written for the page's language.
    pub(super) updated_display: Option<String>,
    pub(super) headings: &'a [Heading],
    /// Level-2 headings, when there are enough of them for a table of contents to help.
    pub(super) toc: Vec<&'a Heading>,
    pub(super) reading_minutes: u32,
    pub(super) is_fallback: bool,
    /// Language the text is written in (differs from the page language on fallback pages).
    pub(super) content_lang: LangCtx,
    pub(super) is_home: bool,
    pub(super) is_section: bool,
    pub(super) step: Option<u32>,
    /// [`Site::group_id`]: the same in every language.
    pub(super) key: String,
}

/// The top-level section a group belongs to (a guide: what "save this guide" saves), in `lang`.
#[derive(Serialize)]
pub(super) struct Guide {
    /// The section's folder name: the offline file list names the guide the same way.
    pub(super) id: String,
    pub(super) title: String,
}

pub(super) fn guide(site: &Site, group: usize, lang: &str) -> Option<Guide> {
    let top = site.groups[group].section.split('/').next()?;
    let route = site.route(site.section_group(top)?, lang)?;
    Some(Guide {
        id: top.to_string(),
        title: site.docs[route.doc].front.title.clone(),
    })
}

/// hreflang alternates of a group: its real translations only, plus x-default.
pub(super) fn alternates(site: &Site, group: usize) -> Vec<Alternate> {
    let config = &site.config;
    let grp = &site.groups[group];
    let mut out = Vec::new();
    for l in &config.languages {
        if let Some(r) = site.route(group, &l.code).filter(|r| !r.fallback) {
            out.push(Alternate {
                hreflang: l.tag.clone(),
                url: config.absolute_url(&r.path),
            });
        }
    }
    let is_home = grp.is_index && grp.section.is_empty();
    let x_default = if is_home {
        Some(config.absolute_url("/"))
    } else {
        site.route(group, &config.default_language)
            .filter(|r| !r.fallback)
            .map(|r| config.absolute_url(&r.path))
    };
    if let Some(url) = x_default {
        out.push(Alternate {
            hreflang: "x-default".into(),
            url,
        });
    }
    out
}

pub(super) fn link_item(site: &Site, group: usize, lang: &str) -> Option<LinkItem> {
    let r = site.route(group, lang)?;
    let d = &site.docs[r.doc];
    Some(LinkItem {
        title: d.front.title.clone(),
        url: site.config.href(&r.path),
        description: d.front.description.clone(),
        step: site.groups[group].step,
        lang: if d.lang != lang {
            site.config.language(&d.lang).map(LangCtx::from)
        } else {
            None
        },
        is_section: site.groups[group].is_index,
        key: site.group_id(group),
    })
}

pub(super) fn section_kind(site: &Site, section_group: usize) -> SectionKind {
    let grp = &site.groups[section_group];
    grp.lead(&site.config.default_language)
        .and_then(|d| site.docs[d].front.kind)
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
    pub(super) fn with_glossary(
        &self,
        site: &Site,
        route: &crate::content::Route,
        html: String,
    ) -> String {
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
            .map(|r| site.config.href(&r.path));
        g.annotate(&html, &route.lang, &doc.lang, rtl, url.as_deref())
    }

    pub(super) fn get(&self, site: &Site, lang: &Language) -> Context {
        self.contexts
            .get(&lang.code)
            .cloned()
            .unwrap_or_else(|| base_context(site, lang))
    }
}

pub(super) fn base_context(site: &Site, lang: &Language) -> Context {
    let config = &site.config;
    let mut ctx = Context::new();
    ctx.insert("lang", &LangCtx::from(lang));
    ctx.insert("base_path", &config.base_path);
    ctx.insert("base_url", &config.base_url);
    ctx.insert("csp", CSP);
    ctx.insert("home_url", &config.href(&format!("/{}/", lang.code)));
    ctx.insert(
        "search_url",
        &config.href(&format!("/{}/search/", lang.code)),
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
            Some((site.groups[g].key.clone(), config.href(&r.path)))
        })
        .collect();
    ctx.insert("root_pages", &root_pages);
    ctx
}

pub(super) fn step_nav(site: &Site, section: &str, group: usize, lang: &str) -> Option<StepNav> {
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
