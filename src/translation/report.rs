//! The `approdo i18n status` report, as text for a terminal and as an HTML page for a translator.

use std::path::Path;

use super::Status;

/// The report as plain text: a table per language, then what to do.
pub fn to_text(s: &Status) -> String {
    let mut out = format!(
        "Translation status (source language: {})\n\n",
        s.source_language
    );
    out.push_str("lang  complete  pages up to date  missing  stale   UI strings  missing  extra\n");
    for l in &s.languages {
        out.push_str(&format!(
            "{:<5} {:>7.1}%  {:>8}/{:<7} {:>7}  {:>5}   {:>5}/{:<5} {:>7}  {:>5}\n",
            l.code,
            l.complete,
            l.pages_up_to_date,
            l.pages_total,
            l.pages_missing.len(),
            l.pages_stale.len(),
            l.keys_total - l.keys_missing.len(),
            l.keys_total,
            l.keys_missing.len(),
            l.keys_extra.len()
        ));
    }
    for l in &s.languages {
        let mut todo = Vec::new();
        for p in &l.pages_missing {
            todo.push(format!(
                "  translate {} into {} (new file)",
                p.source.display(),
                p.file.display()
            ));
        }
        for p in &l.pages_stale {
            todo.push(format!(
                "  update {} from {} (the source changed; then run `approdo i18n stamp {}`)",
                p.file.display(),
                p.source.display(),
                p.file.display()
            ));
        }
        for k in &l.keys_missing {
            todo.push(format!(
                "  add UI string `{k}` to {}",
                s.translation_file(k, &l.code).display()
            ));
        }
        for k in &l.keys_extra {
            todo.push(format!(
                "  remove or rename UI string `{k}` (not in the source language)"
            ));
        }
        for (k, vars) in &l.variables_missing {
            todo.push(format!(
                "  UI string `{k}` does not use {} like the source does",
                vars.join(", ")
            ));
        }
        if !todo.is_empty() {
            out.push_str(&format!("\n{}:\n{}\n", l.code, todo.join("\n")));
        }
    }
    for k in &s.keys_undefined {
        out.push_str(&format!(
            "\ntemplates use UI string `{k}`, which no language defines"
        ));
    }
    if !s.keys_unused.is_empty() {
        out.push_str(&format!(
            "\nnote: UI strings nothing uses: {}\n",
            s.keys_unused.join(", ")
        ));
    }
    for d in &s.errors.0 {
        out.push_str(&format!("\n{d}"));
    }
    out
}

/// The report as a self-contained HTML page a translator can open (no scripts, no external files).
pub fn to_html(s: &Status) -> String {
    let e = crate::render::xml_escape;
    let file_link = |p: &Path| {
        let path = p.display().to_string();
        format!(
            "<a href=\"{}\"><code>{}</code></a>",
            e(&crate::render::encode_path(&path)),
            e(&path)
        )
    };
    let mut h = String::from("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Translation status</title>\n<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:auto;padding:1rem;line-height:1.5}table{border-collapse:collapse}th,td{border:1px solid #888;padding:.3rem .6rem;text-align:start}td.n{text-align:end}</style>\n</head>\n<body>\n<main>\n");
    h.push_str(&format!("<h1>Translation status</h1>\n<p>Source language: <strong>{}</strong>. Links open the files, relative to the site folder.</p>\n", e(&s.source_language)));
    h.push_str("<table>\n<thead><tr><th scope=\"col\">Language</th><th scope=\"col\">Complete</th><th scope=\"col\">Pages up to date</th><th scope=\"col\">Missing pages</th><th scope=\"col\">Stale pages</th><th scope=\"col\">Missing UI strings</th></tr></thead>\n<tbody>\n");
    for l in &s.languages {
        h.push_str(&format!(
            "<tr><th scope=\"row\"><a href=\"#lang-{c}\">{c}</a></th><td class=\"n\">{:.1} %</td><td class=\"n\">{} / {}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
            l.complete, l.pages_up_to_date, l.pages_total, l.pages_missing.len(), l.pages_stale.len(), l.keys_missing.len(), c = e(&l.code)
        ));
    }
    h.push_str("</tbody>\n</table>\n");
    for l in &s.languages {
        h.push_str(&format!(
            "<section id=\"lang-{c}\">\n<h2>{c}</h2>\n",
            c = e(&l.code)
        ));
        let mut items = Vec::new();
        for p in &l.pages_missing {
            items.push(format!(
                "Translate {} into a new file <code>{}</code>",
                file_link(&p.source),
                e(&p.file.display().to_string())
            ));
        }
        for p in &l.pages_stale {
            items.push(format!(
                "Update {} (source: {}), then run <code>approdo i18n stamp {}</code>",
                file_link(&p.file),
                file_link(&p.source),
                e(&p.file.display().to_string())
            ));
        }
        for k in &l.keys_missing {
            items.push(format!(
                "Add UI string <code>{}</code> to {}",
                e(k),
                file_link(&s.translation_file(k, &l.code))
            ));
        }
        for k in &l.keys_extra {
            items.push(format!(
                "Remove or rename UI string <code>{}</code>: the source language has no such key",
                e(k)
            ));
        }
        for (k, vars) in &l.variables_missing {
            items.push(format!(
                "UI string <code>{}</code> should use {}",
                e(k),
                e(&vars.join(", "))
            ));
        }
        if items.is_empty() {
            h.push_str("<p>Nothing to do: this language is up to date.</p>\n");
        } else {
            h.push_str("<ul>\n");
            for i in items {
                h.push_str(&format!("<li>{i}</li>\n"));
            }
            h.push_str("</ul>\n");
        }
        h.push_str("</section>\n");
    }
    h.push_str("</main>\n</body>\n</html>\n");
    h
}
