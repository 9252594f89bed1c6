//! Whether every per-page cost is linear: `cargo run --release --example per_page_cost [BASE]`.
//! Builds a site (from `approdo init`) whose one guide holds BASE (default 5,000) of one kind of
//! thing — external links, links to another page, headings, footnotes, table rows, raw HTML
//! blocks — then twice and four times as many, and prints the build time of each (median of 3,
//! the time of the same site with an empty guide subtracted). Linear costs double with the count:
//! the last column (time at 4× over time at 1×) stays near 4; a cost that grows with the square
//! of the count shows 16. Figures, not a test: CI does not run it.

use std::path::Path;
use std::time::Instant;

type Maker = fn(usize) -> String;

const KINDS: [(&str, Maker); 6] = [
    ("external links", |n| {
        (0..n)
            .map(|i| format!("- [Sito {i}](https://example.org/p/{i})\n"))
            .collect()
    }),
    ("links to a page", |n| {
        (0..n)
            .map(|i| format!("- [Guida {i}](first-guide.md#what-you-need)\n"))
            .collect()
    }),
    ("headings", |n| {
        (0..n)
            .map(|i| format!("## Titolo numero {i}\n\nTesto.\n\n"))
            .collect()
    }),
    ("footnotes", |n| {
        let refs: String = (0..n).map(|i| format!("Frase[^n{i}]. ")).collect();
        let notes: String = (0..n).map(|i| format!("[^n{i}]: Nota {i}.\n")).collect();
        format!("{refs}\n\n{notes}")
    }),
    ("table rows", |n| {
        let rows: String = (0..n).map(|i| format!("| {i} | riga {i} |\n")).collect();
        format!("| N | Testo |\n|---|---|\n{rows}")
    }),
    ("raw HTML blocks", |n| {
        (0..n)
            .map(|i| format!("<div class=\"box\">\n<p>Blocco {i}</p>\n</div>\n\n"))
            .collect()
    }),
];

fn main() {
    let base: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(5_000);
    let dir = std::env::temp_dir().join(format!("approdo-per-page-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    approdo::init::init(&dir).expect("init");
    let empty = build_with(&dir, "");
    println!(
        "one guide in a two-language site; empty guide: {:.0} ms",
        empty * 1e3
    );
    println!(
        "{:<18} {:>10} {:>10} {:>10} {:>10}",
        "kind",
        format!("{base}"),
        format!("{}", 2 * base),
        format!("{}", 4 * base),
        "4x / 1x"
    );
    for (name, make) in KINDS {
        let times: Vec<f64> = [1, 2, 4]
            .iter()
            .map(|k| (build_with(&dir, &make(base * k)) - empty).max(1e-4))
            .collect();
        println!(
            "{name:<18} {:>8.0}ms {:>8.0}ms {:>8.0}ms {:>10.1}",
            times[0] * 1e3,
            times[1] * 1e3,
            times[2] * 1e3,
            times[2] / times[0]
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Median of three builds of the site with `body` as the Italian guide's text (seconds).
fn build_with(dir: &Path, body: &str) -> f64 {
    let page =
        format!("---\ntitle: \"Una guida lunga\"\ndescription: \"Per misurare.\"\n---\n{body}\n");
    std::fs::write(dir.join("content/guides/long.it.md"), page).unwrap();
    let mut times: Vec<f64> = (0..3)
        .map(|_| {
            let mut opts = approdo::BuildOptions::new(dir);
            opts.output = Some(dir.join("public"));
            let started = Instant::now();
            let mut report = approdo::build(&opts).unwrap_or_else(|f| {
                panic!("build failed: {:?}", f.0 .0.first().map(|d| &d.message))
            });
            report.cleanup.wait();
            started.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[1]
}
