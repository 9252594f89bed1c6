//! Hostile sizes and shapes: each input either builds or fails with a clear message naming the
//! file, never a panic, a stack overflow or a hang. The limits are stated in SECURITY.md; how long
//! each case takes is printed (run with --nocapture), not asserted, since a test is not a benchmark.

mod common;

use std::time::Instant;

use common::Fixture;

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    eprintln!("{what}: {:.2?}", t.elapsed());
    out
}

fn page(body: &str) -> String {
    format!("---\ntitle: \"Grande\"\n---\n{body}")
}

#[test]
fn a_20_mb_markdown_file_builds() {
    let f = Fixture::new();
    let para =
        "Il permesso di soggiorno si chiede in Questura entro otto giorni. ".repeat(8) + "\n\n";
    let body = para.repeat(20 * 1024 * 1024 / para.len());
    f.write("content/school/big.it.md", &page(&body));
    timed("20 MB page", || f.build()).unwrap();
    assert!(f.read("it/school/big/index.html").len() > 20_000_000);
}

#[test]
fn deep_nesting_builds_without_overflowing_the_stack() {
    let f = Fixture::new();
    let lists: String = (0..5000)
        .map(|i| format!("{}- livello {i}\n", "  ".repeat(i)))
        .collect();
    let quotes = format!("{} citazione\n", ">".repeat(5000));
    let html = format!("{}x{}", "<div>".repeat(5000), "</div>".repeat(5000));
    f.write("content/school/lists.it.md", &page(&lists));
    f.write("content/school/quotes.it.md", &page(&quotes));
    f.write("content/school/divs.it.md", &page(&html));
    timed("5000-deep lists, quotes, divs", || f.build()).unwrap();
}

#[test]
fn a_one_megabyte_line_builds() {
    let f = Fixture::new();
    let line = "parola ".repeat(150_000);
    f.write("content/school/line.it.md", &page(&line));
    timed("1 MB line", || f.build()).unwrap();
}

#[test]
fn a_yaml_alias_bomb_is_refused() {
    let f = Fixture::new();
    let mut yaml = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (i, name) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().enumerate() {
        let prev = ["a", "b", "c", "d", "e", "f", "g", "h"][i];
        yaml.push_str(&format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{prev}"); 9].join(",")
        ));
    }
    f.write(
        "content/school/bomb.it.md",
        &format!("---\ntitle: x\n{yaml}---\nx\n"),
    );
    let err = timed("alias bomb", || f.build_err());
    assert!(err.contains("content/school/bomb.it.md"), "{err}");
    // And in a data file, which has no fixed keys.
    f.remove("content/school/bomb.it.md");
    f.write("data/bomb.yaml", &yaml);
    let err = timed("alias bomb in data", || f.build_err());
    eprintln!("{err}");
    assert!(err.contains("data/bomb.yaml"), "{err}");
    assert!(
        err.contains("repetition limit") || err.contains("recursion"),
        "{err}"
    );
    assert!(err.contains("write the values out"), "{err}");
}

#[test]
fn a_front_matter_of_100000_keys_is_refused_quickly() {
    let f = Fixture::new();
    let keys: String = (0..100_000).map(|i| format!("key{i}: {i}\n")).collect();
    f.write(
        "content/school/keys.it.md",
        &format!("---\ntitle: x\n{keys}---\nx\n"),
    );
    let err = timed("100k keys", || f.build_err());
    assert!(
        err.contains("content/school/keys.it.md") && err.contains("key0"),
        "{err}"
    );
}

#[test]
fn a_message_with_10000_placeables_is_an_error_not_a_hang() {
    let f = Fixture::new();
    let it = std::fs::read_to_string(f.root().join("locales/it/main.ftl")).unwrap();
    let huge = format!("site-name = {}\n", "{ $x }".repeat(10_000));
    f.write(
        "locales/it/main.ftl",
        &it.replace("site-name = Approdo Milano\n", &huge),
    );
    let err = timed("10k placeables", || f.build_err());
    eprintln!("{err}");
    assert!(err.contains("site-name"), "{err}");
}

#[test]
fn a_template_that_includes_itself_is_an_error() {
    let f = Fixture::new();
    f.write(
        "themes/default/templates/shortcodes/loop.html",
        "{% include \"shortcodes/loop.html\" %}",
    );
    f.write("content/school/loop.it.md", &page("{{ loop() }}\n"));
    let err = timed("self-including template", || f.build_err());
    eprintln!("{err}");
    assert!(err.contains("loop.html"), "{err}");
}
