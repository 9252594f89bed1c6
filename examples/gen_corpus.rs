//! Writes a large six-language site for benchmarks: `cargo run --release --example gen_corpus --
//! OUT PAGES_PER_LANGUAGE`. Real text: paragraphs are drawn from the default site's own guides in
//! each language (Arabic and Han included), arranged into pages with headings, lists, a table, a
//! checklist, links between pages and an image with alt text. Layout and suffixes (`slug.ar.md`,
//! `_index.ar.md`) are the ones Hugo and Zola also read.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const LANGS: [&str; 6] = ["it", "en", "fr", "es", "ar", "zh"];
const SECTIONS: usize = 20;

fn main() {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(
        args.next()
            .expect("usage: gen_corpus OUT PAGES_PER_LANGUAGE"),
    );
    let per_lang: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(100);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pools = paragraph_pools(&repo.join("content"));
    let _ = std::fs::remove_dir_all(&out);
    for dir in ["themes", "locales", "data"] {
        copy_dir(&repo.join(dir), &out.join(dir));
    }
    std::fs::copy(repo.join("site.toml"), out.join("site.toml")).unwrap();
    // The images pages show: one in static/ (site-absolute), one per section next to the pages
    // with an Arabic file name (relative), so the missing-image check and asset publishing run
    // on every page as they do on a real site.
    let png = &PNG_1X1;
    write_bytes(&out.join("static/images/form.png"), png);
    for s in 0..SECTIONS {
        write_bytes(&out.join(format!("content/s{s:02}/{SECTION_IMAGE}")), png);
    }
    // The default site's glossary (its links to guides unlinked, as those pages are not here), so
    // every page's terms are linked and marked as on the real site.
    for lang in LANGS {
        let text =
            std::fs::read_to_string(repo.join(format!("content/glossary.{lang}.md"))).unwrap();
        write(
            &out.join(format!("content/glossary.{lang}.md")),
            &unlink(&text),
        );
    }
    let per_section = per_lang.div_ceil(SECTIONS);
    for lang in LANGS {
        let pool = &pools[lang];
        write(
            &out.join(format!("content/_index.{lang}.md")),
            &format!(
                "---\ntitle: \"Corpus {lang}\"\ndescription: \"Benchmark corpus\"\n---\n{}\n",
                pool[0]
            ),
        );
        let mut n = 0;
        for s in 0..SECTIONS {
            write(
                &out.join(format!("content/s{s:02}/_index.{lang}.md")),
                &format!(
                    "---\ntitle: \"{} {s}\"\ndescription: \"Section {s}\"\nweight: {s}\n---\n{}\n",
                    pick(pool, s)
                        .chars()
                        .take(30)
                        .collect::<String>()
                        .replace('"', "'")
                        .replace(['\n', ':', '#', '*', '[', ']'], " "),
                    pick(pool, s + 1)
                ),
            );
            for p in 0..per_section {
                if n == per_lang {
                    break;
                }
                n += 1;
                write(
                    &out.join(format!("content/s{s:02}/page-{p:03}.{lang}.md")),
                    &page(
                        lang,
                        pool,
                        (s, p),
                        per_section.min(per_lang - s * per_section),
                        per_lang.div_ceil(per_section),
                    ),
                );
            }
        }
    }
    println!(
        "wrote {} pages into {}",
        per_lang * LANGS.len(),
        out.display()
    );
}

/// Page `p` of section `s`, which holds `per_section` pages; `sections_used` sections hold pages
/// (with few pages per language the last are short or empty: links go only to pages that exist).
fn page(
    lang: &str,
    pool: &[String],
    (s, p): (usize, usize),
    per_section: usize,
    sections_used: usize,
) -> String {
    let seed = s * 1000 + p;
    let title: String = pick(pool, seed)
        .split_whitespace()
        .take(6)
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(60)
        .collect::<String>()
        .replace(['"', '\n', ':', '#', '*', '[', ']', '{', '}'], " ");
    let mut body = format!("---\ntitle: \"{} {p}\"\ndescription: \"Page {p} of section {s}\"\nweight: {p}\nupdated: 2026-11-23\n---\n", title.trim());
    for (h, id) in ["intro", "documents", "steps", "costs", "where", "mistakes"]
        .iter()
        .enumerate()
    {
        body.push_str(&format!(
            "## {} {{#{id}}}\n\n",
            pick(pool, seed + h * 7)
                .split_whitespace()
                .take(4)
                .collect::<Vec<_>>()
                .join(" ")
                .replace(['#', '{', '}', '*', '[', ']'], "")
        ));
        for k in 0..3 {
            body.push_str(pick(pool, seed + h * 13 + k));
            body.push_str("\n\n");
        }
        match h {
            1 => {
                for k in 0..5 {
                    body.push_str(&format!(
                        "- [ ] {}\n",
                        pick(pool, seed + k)
                            .split_whitespace()
                            .take(6)
                            .collect::<Vec<_>>()
                            .join(" ")
                            .replace(['[', ']', '*'], "")
                    ));
                }
                body.push('\n');
            }
            2 => {
                for k in 0..4 {
                    body.push_str(&format!(
                        "{}. {}\n",
                        k + 1,
                        pick(pool, seed + 3 * k)
                            .split_whitespace()
                            .take(12)
                            .collect::<Vec<_>>()
                            .join(" ")
                            .replace(['[', ']', '*'], "")
                    ));
                }
                body.push('\n');
            }
            3 => body.push_str("| A | B | C |\n|---|---|---|\n| 1 | 2 | 3 |\n| 4 | 5 | 6 |\n\n"),
            4 => {
                let next = (p + 1) % per_section;
                // The next section that has pages (with few pages per language, the last are empty).
                let other = (s + 1) % sections_used;
                body.push_str(&format!("[{} {lang}](page-{next:03}.md#documents) · [{} {other}](../s{other:02}/page-000.md)\n\n", "→", "§"));
                let src = if p.is_multiple_of(2) {
                    "/images/form.png"
                } else {
                    SECTION_IMAGE
                };
                body.push_str(&format!(
                    "![{}]({src})\n\n",
                    pick(pool, seed)
                        .split_whitespace()
                        .take(5)
                        .collect::<Vec<_>>()
                        .join(" ")
                        .replace(['[', ']', '*'], "")
                ));
            }
            _ => {}
        }
    }
    body
}

fn pick(pool: &[String], i: usize) -> &str {
    &pool[(i * 7919) % pool.len()]
}

/// Plain paragraphs (no links, headings or lists) from the default site, per language.
fn paragraph_pools(content: &Path) -> BTreeMap<&'static str, Vec<String>> {
    let mut pools: BTreeMap<&str, Vec<String>> = LANGS.iter().map(|l| (*l, Vec::new())).collect();
    for entry in walkdir::WalkDir::new(content)
        .into_iter()
        .filter_map(Result::ok)
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(lang) = LANGS.iter().find(|l| name.ends_with(&format!(".{l}.md"))) else {
            continue;
        };
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let body = text.splitn(3, "---").nth(2).unwrap_or("");
        for para in body.split("\n\n") {
            let para = para.trim();
            if para.len() > 80
                && !para.starts_with(['#', '-', '|', '{', '*', '1', '>'])
                && !para.contains("](")
                && !para.contains("{{")
            {
                pools.get_mut(lang).unwrap().push(para.replace('\n', " "));
            }
        }
    }
    pools
}

fn write(path: &Path, text: &str) {
    write_bytes(path, text.as_bytes());
}

fn write_bytes(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// A valid 1×1 PNG, so a browser shows the images as loaded.
const PNG_1X1: [u8; 68] = [
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 4, 0,
    0, 0, 181, 28, 12, 2, 0, 0, 0, 11, 73, 68, 65, 84, 120, 218, 99, 100, 96, 0, 0, 0, 6, 0, 2, 48,
    129, 208, 47, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

/// An image kept next to each section's pages, named in Arabic.
const SECTION_IMAGE: &str = "نموذج.png";

/// Markdown with every `[text](target)` link replaced by its text.
fn unlink(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut rest = md;
    while let Some(open) = rest.find('[') {
        let Some(mid) = rest[open..].find("](").map(|m| open + m) else {
            break;
        };
        let Some(close) = rest[mid..].find(')').map(|c| mid + c) else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..mid]);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
