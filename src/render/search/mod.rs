//! Site search: one index per language under `/<lang>/search/`, split into prefix shards that a
//! query loads on demand, written from the text the parse stage already collected.
//!
//! Layout of `/<lang>/search/`:
//! - `index.json`: `{"v":1,"h":version,"n":pages,"k":[first term of each shard]}`: the only file
//!   every query needs; the files below are named `<n>.<version>.json`;
//! - `s/<n>.json`: the terms from shard n's first term up to the next shard's, sorted by code point:
//!   `{"term": [stem?, page-delta, score, page-delta, score, …]}`. A word's entry holds
//!   the pages of every word with the same stem (the stems are computed here, so the browser needs no
//!   stemmer); the stem is given when it differs from the word, so a query for a word that is not in
//!   the site (`documento` when pages say `documenti`) can still find its stem;
//! - `p/<n>.json`: page `n`'s title, section, URL and text, fetched for the results shown, for
//!   the snippet.
//!
//! Shards: the sorted terms are cut into consecutive runs of about [`SHARD_BYTES`] (like the leaves of
//! a B-tree). A query term loads the one shard its position falls in; words that start with it (as
//! you type) follow it in order, and a stem that is a prefix of it is found by looking up that prefix.
//!
//! Pages left out: borrowed fallback pages (their text is indexed in its own language), drafts, and
//! pages with `noindex: true`.

pub mod tokenize;

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::content::Site;
use crate::error::{Diagnostic, Diagnostics};
use crate::escape::web_json;
use crate::render::{OutputFile, Sink};
use rayon::iter::Either;

/// Target size of one shard (before compression).
pub const SHARD_BYTES: usize = 12 * 1024;
/// Characters of page text kept for snippets.
const TEXT_CHARS: usize = 20_000;
/// Weights of where a term appears.
const TITLE_WEIGHT: u32 = 10;
const HEADING_WEIGHT: u32 = 3;
/// A term's score on one page is capped, so a page repeating a word is not ranked above one about it.
const MAX_SCORE: u32 = 60;
/// Pages tokenised at once (in parallel) before their terms join the index.
const PAGE_CHUNK: usize = 256;

/// The search files of every language, built in parallel (beside the rendering of pages) and
/// handed to `sink` as they are made, so no language's files are held until the end. Returns the
/// paths written.
pub fn build(site: &Site, sink: &dyn Sink) -> Result<Vec<String>, Diagnostics> {
    let per_language: Vec<Result<Vec<String>, Diagnostics>> = site
        .config
        .languages
        .par_iter()
        .map(|l| build_language_into(site, &l.code, sink))
        .collect();
    let mut paths = Vec::new();
    for r in per_language {
        paths.extend(r?);
    }
    Ok(paths)
}

/// The routes of `lang` that are searchable, in route order (their position is their page id).
fn searchable(site: &Site, lang: &str) -> Vec<usize> {
    site.routes
        .iter()
        .enumerate()
        .filter(|(_, r)| r.lang == lang && !r.fallback)
        .filter(|(_, r)| {
            let fm = &site.docs[r.doc].front;
            !fm.draft && !fm.noindex
        })
        .map(|(route, _)| route)
        .collect()
}

/// The title of the section a page belongs to, in `lang` (empty for the home page and top-level pages).
pub fn section_title(site: &Site, group: usize, lang: &str) -> String {
    site.enclosing_section(group)
        .filter(|s| !s.is_empty())
        .and_then(|s| site.section_group(s))
        .and_then(|g| site.route(g, lang))
        .map(|r| site.docs[r.doc].front.title.clone())
        .unwrap_or_default()
}

fn stemmer_for(lang: &str) -> Option<Algorithm> {
    Some(match lang.split('-').next().unwrap_or(lang) {
        "it" => Algorithm::Italian,
        "en" => Algorithm::English,
        "fr" => Algorithm::French,
        "es" => Algorithm::Spanish,
        "pt" => Algorithm::Portuguese,
        "de" => Algorithm::German,
        "ro" => Algorithm::Romanian,
        "ar" => Algorithm::Arabic,
        "ru" => Algorithm::Russian,
        "tr" => Algorithm::Turkish,
        _ => return None,
    })
}

fn is_arabic_word(w: &str) -> bool {
    w.chars()
        .next()
        .is_some_and(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

/// The terms of one page and their scores: `terms` are (start, length, score) in `folded`, the
/// page's title, headings and text folded into one string, so a page's thousands of terms cost no
/// allocation each (they were the largest share of the build's allocations).
struct PageTerms {
    folded: String,
    terms: Vec<(u32, u32, u32)>,
}

impl PageTerms {
    fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        self.terms.iter().map(|&(start, len, score)| {
            let start = start as usize;
            (&self.folded[start..start + len as usize], score)
        })
    }
}

/// Term → score of one page: each occurrence adds the weight of where it is (title, heading,
/// text), up to [`MAX_SCORE`].
fn page_terms(title: &str, headings: &[&str], text: &str) -> PageTerms {
    // One string, the parts separated by a line break (never part of a term); each part's end
    // says which weight its terms get.
    let mut folded = String::with_capacity(title.len() + text.len() + 64);
    let mut ends: Vec<(usize, u32)> = Vec::with_capacity(headings.len() + 2);
    for (part, weight) in std::iter::once((title, TITLE_WEIGHT))
        .chain(headings.iter().map(|h| (*h, HEADING_WEIGHT)))
        .chain(std::iter::once((text, 1)))
    {
        for c in part.chars() {
            tokenize::fold_char(c, &mut folded);
        }
        ends.push((folded.len(), weight));
        folded.push('\n');
    }
    let base = folded.as_ptr() as usize;
    let mut scores: HashMap<&str, u32> = HashMap::default();
    let mut part = 0;
    tokenize::terms_of_folded(&folded, false, &mut |t: &str| {
        let start = t.as_ptr() as usize - base;
        while start > ends[part].0 {
            part += 1;
        }
        let weight = ends[part].1;
        let score = scores.entry(t).or_insert(0);
        *score = (*score + weight).min(MAX_SCORE);
    });
    let terms = scores
        .into_iter()
        .map(|(t, score)| {
            let start = t.as_ptr() as usize - base;
            (start as u32, t.len() as u32, score)
        })
        .collect();
    PageTerms { folded, terms }
}

/// The search files of one language (the preview server rebuilds one language after an edit).
pub fn build_language(site: &Site, lang: &str) -> Vec<OutputFile> {
    let files = crate::render::InMemory::default();
    let _ = build_language_into(site, lang, &files);
    files.into_files()
}

/// The search files of one language, each handed to `sink` as soon as it is made: index.json,
/// the shards, then the page records (as large as the language's text, so never all held).
/// Returns the paths written.
fn build_language_into(
    site: &Site,
    lang: &str,
    sink: &dyn Sink,
) -> Result<Vec<String>, Diagnostics> {
    let pages = searchable(site, lang);
    let entries = {
        let postings = collect_postings(site, &pages);
        let (stem_of, by_stem) = stem_terms(&postings, lang);
        let stem_lists = stem_postings(&by_stem, &postings);
        term_entries(&postings, &stem_of, &stem_lists)
    };
    let starts = pack_shards(&entries);
    let keys: Vec<&str> = starts.iter().map(|&i| entries[i].0.as_str()).collect();
    let shards = shard_bodies(&entries, &starts);
    // Names carry a version of the contents; the records are made twice (hashed, then written)
    // rather than held: they are as large as the language's text.
    let mut hash = Sha256::new();
    for body in &shards {
        hash.update(body.as_bytes());
    }
    for start in (0..pages.len()).step_by(PAGE_CHUNK) {
        let records: Vec<String> = (start..pages.len().min(start + PAGE_CHUNK))
            .into_par_iter()
            .map(|id| page_record(site, lang, &pages, id))
            .collect();
        for r in records {
            hash.update(r.as_bytes());
        }
    }
    let version: String = hash.finalize()[..5]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let dir = format!("{lang}/search");
    let index = OutputFile {
        path: format!("{dir}/index.json"),
        contents: web_json(&serde_json::json!({"v": 1, "h": version, "n": pages.len(), "k": keys}))
            .into_bytes(),
    };
    drop(keys);
    let shard_files = shards
        .into_par_iter()
        .enumerate()
        .map(|(n, body)| OutputFile {
            path: format!("{dir}/s/{n}.{version}.json"),
            contents: body.into_bytes(),
        });
    let record_files = (0..pages.len()).into_par_iter().map(|id| OutputFile {
        path: format!("{dir}/p/{id}.{version}.json"),
        contents: page_record(site, lang, &pages, id).into_bytes(),
    });
    let (paths, failures): (Vec<String>, Vec<Diagnostic>) = rayon::iter::once(index)
        .chain(shard_files)
        .chain(record_files)
        .partition_map(|f| {
            let path = f.path.clone();
            match sink.put(f) {
                Ok(()) => Either::Left(path),
                Err(d) => Either::Right(d),
            }
        });
    if failures.is_empty() {
        Ok(paths)
    } else {
        Err(Diagnostics(failures))
    }
}

/// Term → postings (page id, score), page ids ascending. Pages are tokenised in parallel a chunk
/// at a time, so only one chunk's term maps are alive at once (memory stays flat on large sites).
fn collect_postings(site: &Site, pages: &[usize]) -> HashMap<String, Vec<(u32, u32)>> {
    let mut postings: HashMap<String, Vec<(u32, u32)>> = HashMap::default();
    for (c, chunk) in pages.chunks(PAGE_CHUNK).enumerate() {
        let per_page: Vec<PageTerms> = chunk
            .par_iter()
            .map(|&r| {
                let doc = &site.docs[site.routes[r].doc];
                let headings: Vec<&str> = doc
                    .parsed
                    .headings
                    .iter()
                    .map(|h| h.text.as_str())
                    .collect();
                page_terms(&doc.front.title, &headings, &doc.parsed.text)
            })
            .collect();
        for (i, terms) in per_page.into_iter().enumerate() {
            let id = (c * PAGE_CHUNK + i) as u32;
            for (t, s) in terms.iter() {
                match postings.get_mut(t) {
                    Some(list) => list.push((id, s)),
                    None => {
                        postings.insert(t.to_string(), vec![(id, s)]);
                    }
                }
            }
        }
    }
    postings
}

/// Each term's stem, and each stem's terms. The page language's stemmer is used for its own
/// script, Arabic's for Arabic words anywhere; Latin words on Arabic or Chinese pages (Nulla
/// Osta, ISEE) and Han terms are kept as they are.
fn stem_terms<'t>(
    postings: &'t HashMap<String, Vec<(u32, u32)>>,
    lang: &str,
) -> (HashMap<&'t str, String>, HashMap<String, Vec<&'t str>>) {
    let algorithm = stemmer_for(lang);
    let own = algorithm.map(Stemmer::create);
    let arabic = Stemmer::create(Algorithm::Arabic);
    let latin_lang = algorithm.is_some_and(|a| a != Algorithm::Arabic);
    let mut stem_of: HashMap<&str, String> = HashMap::default();
    let mut by_stem: HashMap<String, Vec<&str>> = HashMap::default();
    for term in postings.keys() {
        let first = term.chars().next().unwrap_or(' ');
        if tokenize::is_cjk(first) {
            continue;
        }
        let stem = if is_arabic_word(term) {
            arabic.stem(term).into_owned()
        } else if latin_lang && !first.is_ascii_digit() {
            own.as_ref()
                .map_or(term.clone(), |s| s.stem(term).into_owned())
        } else {
            term.clone()
        };
        let stem = if stem.chars().count() < 2 {
            term.clone()
        } else {
            stem
        };
        by_stem.entry(stem.clone()).or_default().push(term);
        stem_of.insert(term, stem);
    }
    (stem_of, by_stem)
}

/// Each stem's pages, merged and encoded once, shared by the entries of all its words.
fn stem_postings<'s>(
    by_stem: &'s HashMap<String, Vec<&str>>,
    postings: &HashMap<String, Vec<(u32, u32)>>,
) -> HashMap<&'s str, String> {
    by_stem
        .par_iter()
        .map(|(stem, words)| {
            let merged = merge(words.iter().map(|w| &postings[*w][..]));
            (stem.as_str(), encode_postings(&merged))
        })
        .collect()
}

/// Entries as JSON text (`"term":[stem?,delta,score,…]`), sorted by term.
fn term_entries(
    postings: &HashMap<String, Vec<(u32, u32)>>,
    stem_of: &HashMap<&str, String>,
    stem_lists: &HashMap<&str, String>,
) -> Vec<(String, String)> {
    let mut terms: Vec<&String> = postings.keys().collect();
    terms.par_sort_unstable();
    terms
        .par_iter()
        .map(|term| {
            let mut json = web_json(term.as_str());
            json.push_str(":[");
            match stem_of.get(term.as_str()) {
                Some(stem) => {
                    if stem != *term {
                        json.push_str(&web_json(stem.as_str()));
                        json.push(',');
                    }
                    json.push_str(&stem_lists[stem.as_str()]);
                }
                None => json.push_str(&encode_postings(&postings[*term])),
            }
            json.push(']');
            ((*term).clone(), json)
        })
        .collect()
}

/// Shard `n` (`s/<n>`): the entries from its first term up to the next shard's.
fn shard_bodies(entries: &[(String, String)], starts: &[usize]) -> Vec<String> {
    let mut bodies = Vec::with_capacity(starts.len());
    for (n, &first) in starts.iter().enumerate() {
        let last = starts.get(n + 1).copied().unwrap_or(entries.len());
        let mut body = String::from("{");
        for (k, (_, json)) in entries[first..last].iter().enumerate() {
            if k > 0 {
                body.push(',');
            }
            body.push_str(json);
        }
        body.push('}');
        bodies.push(body);
    }
    bodies
}

/// Page `id`'s record (`p/<id>`): what a result shows, and the text its snippet is cut from.
fn page_record(site: &Site, lang: &str, pages: &[usize], id: usize) -> String {
    let route = &site.routes[pages[id]];
    let doc = &site.docs[route.doc];
    let end = doc
        .parsed
        .text
        .char_indices()
        .nth(TEXT_CHARS)
        .map_or(doc.parsed.text.len(), |(i, _)| i);
    web_json(&PageFragment {
        t: &doc.front.title,
        s: section_title(site, route.group, lang),
        u: site.config.href(&route.path),
        x: &doc.parsed.text[..end],
    })
}

#[derive(Serialize)]
struct PageFragment<'a> {
    t: &'a str,
    s: String,
    u: String,
    x: &'a str,
}

/// `delta,score,delta,score,…` of a posting list sorted by page.
fn encode_postings(list: &[(u32, u32)]) -> String {
    let mut out = String::with_capacity(list.len() * 6);
    let mut last = 0;
    for (n, &(page, score)) in list.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        push_u32(&mut out, page - last);
        out.push(',');
        push_u32(&mut out, score);
        last = page;
    }
    out
}

fn push_u32(out: &mut String, n: u32) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[i..].iter().map(|&d| d as char));
}

/// Merges posting lists sorted by page, adding the scores of a page found under several words.
fn merge<'a>(lists: impl Iterator<Item = &'a [(u32, u32)]>) -> Vec<(u32, u32)> {
    let mut all: Vec<(u32, u32)> = lists.flat_map(|l| l.iter().copied()).collect();
    all.sort_unstable();
    let mut out: Vec<(u32, u32)> = Vec::with_capacity(all.len());
    for (p, s) in all {
        match out.last_mut() {
            Some(last) if last.0 == p => last.1 = (last.1 + s).min(MAX_SCORE),
            _ => out.push((p, s)),
        }
    }
    out
}

/// Packs the sorted entries into consecutive shards of about [`SHARD_BYTES`] each; returns the
/// index of each shard's first entry. A shard holds every term from its first term up to the next
/// shard's first term (terms sorted by code point, as `search.js` compares them).
fn pack_shards(entries: &[(String, String)]) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut size = usize::MAX;
    for (i, (_, json)) in entries.iter().enumerate() {
        if size.saturating_add(json.len() + 1) > SHARD_BYTES {
            starts.push(i);
            size = 0;
        }
        size += json.len() + 1;
    }
    starts
}

/// One guide in a language's A–Z list (the search page without JavaScript).
#[derive(Debug, Clone, Serialize)]
pub struct AzItem {
    pub title: String,
    pub url: String,
    pub section: String,
    /// BCP 47 tag of the text when the page is borrowed from another language.
    pub lang: Option<String>,
}

/// Every page of `lang` (not sections or the home page), sorted the way the language sorts.
pub fn az_list(site: &Site, lang: &str) -> Vec<AzItem> {
    let config = &site.config;
    let mut items: Vec<AzItem> = site
        .routes
        .iter()
        .filter(|r| r.lang == lang && !site.groups[r.group].is_index)
        .filter(|r| !site.docs[r.doc].front.noindex)
        .map(|r| {
            let doc = &site.docs[r.doc];
            AzItem {
                title: doc.front.title.clone(),
                url: config.href(&r.path),
                section: section_title(site, r.group, lang),
                lang: r
                    .fallback
                    .then(|| config.language(&doc.lang).map(|l| l.tag.clone()))
                    .flatten(),
            }
        })
        .collect();
    let tag = config.language(lang).map_or(lang, |l| l.tag.as_str());
    let collator = tag
        .parse::<icu_locale_core::Locale>()
        .ok()
        .and_then(|loc| icu_collator::Collator::try_new((&loc).into(), Default::default()).ok());
    match collator {
        Some(c) => items.sort_by(|a, b| c.compare(&a.title, &b.title)),
        None => items.sort_by(|a, b| a.title.cmp(&b.title)),
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_json_cannot_break_out_of_a_script() {
        let s = web_json("</script><script>alert(1)</script>\u{2028}&");
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        assert!(!s.contains('\u{2028}'));
        let back: String = serde_json::from_str(&s).unwrap();
        assert_eq!(back, "</script><script>alert(1)</script>\u{2028}&");
    }

    #[test]
    fn shards_stay_small_and_cover_every_term_in_order() {
        let entries: Vec<(String, String)> = (0..3000)
            .map(|i| {
                let t = format!("p{:04}", i);
                (t.clone(), format!("\"{t}\":[1,2,3,4,5,6,7,8,9,10]"))
            })
            .collect();
        let starts = pack_shards(&entries);
        assert_eq!(starts[0], 0);
        assert!(starts.len() > 5 && starts.windows(2).all(|w| w[0] < w[1]));
        for (n, &first) in starts.iter().enumerate() {
            let last = starts.get(n + 1).copied().unwrap_or(entries.len());
            let size: usize = entries[first..last].iter().map(|e| e.1.len() + 1).sum();
            assert!(size <= SHARD_BYTES, "shard {n}: {size}");
        }
        assert!(pack_shards(&[]).is_empty());
    }

    #[test]
    fn stems_group_inflections() {
        let it = Stemmer::create(Algorithm::Italian);
        assert_eq!(it.stem("documenti"), it.stem("documento"));
        let page = page_terms("Permesso di soggiorno", &["Documenti"], "Il permesso.");
        let terms: std::collections::HashMap<&str, u32> = page.iter().collect();
        assert_eq!(terms["permesso"], TITLE_WEIGHT + 1);
        assert_eq!(terms["documenti"], HEADING_WEIGHT);
    }
}
