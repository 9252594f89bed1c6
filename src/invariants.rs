//! The properties the property tests (`tests/properties.rs`) and the fuzz targets (`fuzz/`) check,
//! in one place so both hunt for the same bugs. Each function returns `Err` with what broke; a panic
//! inside the code under test is itself a failure.

use crate::config::RawHtml;
use crate::content::{check_segment, frontmatter, route_path};
use crate::markdown;
use crate::output::contained;
use crate::sanitize;
use crate::shortcode;

/// Markdown → HTML: under `sanitize` and `escape`, the output holds only allowed tags, attributes
/// and URL schemes, whatever the input.
pub fn markdown_output_is_inert(input: &str, rtl: bool, mode: RawHtml) -> Result<(), String> {
    let (parsed, _) = markdown::parse(
        input,
        1,
        rtl,
        mode,
        &crate::ids::ReservedIds::of(&["main"]),
        &markdown::Resolve::KEEP,
    );
    if mode == RawHtml::Allow {
        return Ok(());
    }
    match sanitize::audit(&parsed.html).first() {
        Some(f) => Err(format!(
            "{} in output {:?}",
            f.message,
            excerpt(&parsed.html, f.offset)
        )),
        None => Ok(()),
    }
}

/// Shortcode calls (Hugo's and approdo's own): never a panic, one line in, one line out (every later
/// diagnostic points at the right line), errors at lines of the input, each call's tokens in the
/// output once; and the Markdown of the result, tokens and their block comments included, is as
/// inert as any other.
pub fn shortcode_extract_keeps_lines(input: &str) -> Result<(), String> {
    let (out, calls, errors) = shortcode::extract(input, 1, &str::to_owned);
    let (lines_in, lines_out) = (input.matches('\n').count(), out.matches('\n').count());
    if lines_in != lines_out {
        return Err(format!("{lines_in} newlines in, {lines_out} out: {out:?}"));
    }
    if let Some(e) = errors.iter().find(|e| e.line == 0 || e.line > lines_in + 1) {
        return Err(format!("error at line {} of {lines_in} + 1", e.line));
    }
    for (i, call) in calls.iter().enumerate() {
        let mut tokens = vec![shortcode::token(i)];
        if call.paired {
            tokens.push(shortcode::end_token(i));
        }
        if let Some(t) = tokens.iter().find(|t| out.matches(t.as_str()).count() != 1) {
            return Err(format!(
                "token {t:?} of `{}` is not in the output once",
                call.name
            ));
        }
    }
    markdown_output_is_inert(&out, false, RawHtml::Sanitize)
}

/// About 40 bytes before and 80 after `offset`, to show where a finding is, widened to whole
/// characters: a byte offset ±40 lands inside an Arabic or Chinese character, and slicing there
/// panicked exactly when a property failed and its message was wanted.
fn excerpt(text: &str, offset: usize) -> &str {
    let mut start = offset.saturating_sub(40).min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (offset + 80).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    &text[start..end]
}

/// The front matter splitter: never panics, the parts are slices of the input in order, and the
/// body's line number is where the body really starts.
pub fn front_matter_split_is_consistent(input: &str) -> Result<(), String> {
    let Ok(split) = frontmatter::split_front_matter(input) else {
        return Ok(());
    };
    let start = input.len() - split.body.len();
    if !input.ends_with(split.body) {
        return Err("the body is not the end of the file".into());
    }
    let newlines = input[..start].matches('\n').count();
    // An empty body after a closing `---` with no newline starts on the (empty) line after it.
    if !split.body.is_empty() && split.body_line != newlines + 1 {
        return Err(format!(
            "body_line {} but the body starts after {newlines} newlines",
            split.body_line
        ));
    }
    if !input.contains(split.matter) {
        return Err("the YAML is not part of the file".into());
    }
    // The YAML reader must fail cleanly, never panic or hang, on whatever is between the fences.
    let _ = frontmatter::parse_front_matter(&split);
    Ok(())
}

/// Heading ids: usable as a fragment and an `id` without escaping: no spaces, no markup or URL
/// delimiters, never empty.
pub fn heading_id_is_clean(text: &str) -> Result<(), String> {
    let id = markdown::heading_id(text);
    if id.is_empty() {
        return Err("empty id".into());
    }
    if let Some(c) = id.chars().find(|c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(
                c,
                '<' | '>' | '"' | '\'' | '&' | '#' | '/' | '?' | '%' | '\\'
            )
    }) {
        return Err(format!("id {id:?} contains {c:?}"));
    }
    if id.starts_with('-') || id.ends_with('-') || id.contains("--") {
        return Err(format!("id {id:?} has stray dashes"));
    }
    Ok(())
}

/// URL/path mapping: names that pass [`check_segment`] give a page path that stays inside the output
/// folder; names that could escape it are refused.
pub fn route_stays_inside(lang: &str, folders: &[&str], slug: &str) -> Result<(), String> {
    let names_ok = folders
        .iter()
        .chain([&slug])
        .all(|s| check_segment(s).is_ok())
        && check_segment(lang).is_ok();
    for s in folders.iter().chain([&slug, &lang]) {
        let escapes = s.contains(['/', '\\', '\0']) || *s == ".." || *s == "." || s.is_empty();
        if escapes && check_segment(s).is_ok() {
            return Err(format!("check_segment accepted {s:?}"));
        }
    }
    if !names_ok {
        return Ok(());
    }
    let path = route_path(lang, &folders.join("/"), Some(slug));
    let file = format!("{}index.html", path.trim_start_matches('/'));
    match contained(&file) {
        Some(p) if p.components().count() == folders.len() + 3 => Ok(()),
        Some(p) => Err(format!("{file:?} maps to {p:?}, not one folder per name")),
        None => Err(format!("{file:?} would leave the output folder")),
    }
}

/// The preview's request path, for any request line: no panic; every header value is visible
/// ASCII (so the HTTP layer never refuses it); the status is one a reader can act on; a 200 serves a
/// file of the site and nothing else; a redirect goes to a folder of the site, percent-encoded.
pub fn preview_answer_is_safe(method: &str, url: &str) -> Result<(), String> {
    use crate::serve::{answer, clean_path, header_value, output_key};
    let snapshot = preview_fixture();
    let reply = answer(&snapshot, method, url);
    for (name, value) in &reply.headers {
        if header_value(value).is_none() {
            return Err(format!("header {name} is not ASCII: {value:?}"));
        }
    }
    match reply.status {
        200 => {
            let key = clean_path(url)
                .map(|p| output_key(&p))
                .map_err(|c| format!("200 for a path clean_path refuses ({c}): {url:?}"))?;
            let served = snapshot.generated.get(&key).is_some() || key == "__approdo/livereload.js";
            if !served {
                return Err(format!("200 for {key:?}, which the site does not have"));
            }
        }
        301 => {
            let location = reply
                .headers
                .iter()
                .find(|(n, _)| *n == "Location")
                .map(|(_, v)| v.clone())
                .ok_or("301 without a Location")?;
            let path = clean_path(&location).map_err(|_| format!("bad Location {location:?}"))?;
            if !snapshot.generated.contains_key(&output_key(&path)) {
                return Err(format!("301 to {location:?}, which is not a page"));
            }
        }
        400 | 404 | 405 => {}
        other => return Err(format!("status {other} for {url:?}")),
    }
    Ok(())
}

/// A small served site with Arabic and Chinese slugs, for [`preview_answer_is_safe`] and the
/// request-path unit tests.
pub(crate) fn preview_fixture() -> crate::serve::Snapshot {
    use std::collections::HashMap;
    use std::sync::Arc;
    let mut generated = HashMap::new();
    for k in [
        "index.html",
        "404.html",
        "it/index.html",
        "it/404.html",
        "ar/404.html",
        "ar/legal/صفحة/index.html",
        "zh/学校/index.html",
        "it/search/index.json",
        "style.css",
    ] {
        generated.insert(
            k.to_string(),
            Arc::new(b"<html><body></body></html>".to_vec()),
        );
    }
    crate::serve::Snapshot {
        generated: Arc::new(generated),
        statics: Arc::default(),
        languages: vec![
            ("it".into(), false),
            ("ar".into(), true),
            ("zh".into(), false),
        ],
        error: None,
        built: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_excerpt_of_a_finding_never_cuts_a_character() {
        // Arabic letters are two bytes: 41 bytes before the finding is inside one.
        let html = format!("<p>{}x<iframe>{}</p>", "ب".repeat(30), "文".repeat(40));
        let at = html.find("<iframe>").unwrap();
        for offset in [at, at + 1, 3, html.len()] {
            let shown = excerpt(&html, offset);
            assert!(html.contains(shown));
        }
        assert!(excerpt(&html, at).contains("<iframe>"));
    }
}
