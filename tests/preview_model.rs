//! One truth for build and preview: after any sequence of saves, moves, renames and deletions, the
//! preview's pages and errors equal what a fresh build of the same files gives.
//!
//! Each step changes the files of a small site, hands the session the paths a watcher would report
//! (classified by the watcher's own `classify`), and compares the session with a fresh one built
//! from disk: same output paths and bytes when the site builds, the same errors when it does not.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use approdo::serve::{classify, Session};
use approdo::BuildOptions;
use common::Fixture;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    /// New body text (same front matter): the one-page fast path.
    EditBody(usize, u8),
    /// A new title: navigation changes everywhere.
    EditTitle(usize, u8),
    /// Broken YAML.
    Break(usize),
    /// A link to an anchor of another page, which may or may not exist.
    LinkAnchor(usize, usize, bool),
    AddPage(u8),
    Delete(usize),
    Rename(usize, u8),
    /// The `school` section moved out of `content/`, or back in.
    MoveSchool,
    /// A symbolic link to a page outside the site.
    Symlink(u8),
    /// A section index's new title (and weight): menus, listings and breadcrumbs below it change.
    EditSectionTitle(usize, u8),
    /// A section inside `school/` with a page, for the breadcrumbs of a nested section.
    NestedSection,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..8usize, any::<u8>()).prop_map(|(i, n)| Op::EditBody(i, n)),
        1 => (0..8usize, any::<u8>()).prop_map(|(i, n)| Op::EditTitle(i, n)),
        1 => (0..8usize).prop_map(Op::Break),
        2 => (0..8usize, 0..8usize, any::<bool>()).prop_map(|(a, b, ok)| Op::LinkAnchor(a, b, ok)),
        1 => any::<u8>().prop_map(Op::AddPage),
        1 => (0..8usize).prop_map(Op::Delete),
        1 => (0..8usize, any::<u8>()).prop_map(|(i, n)| Op::Rename(i, n)),
        1 => Just(Op::MoveSchool),
        1 => any::<u8>().prop_map(Op::Symlink),
        2 => (0..8usize, any::<u8>()).prop_map(|(i, n)| Op::EditSectionTitle(i, n)),
        1 => Just(Op::NestedSection),
    ]
}

/// Markdown pages under `content/` (not section indexes), sorted: the targets of an op.
fn pages(root: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "md")
                && !p
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("_index")
        })
        .collect();
    v.sort();
    v
}

fn page_text(title: &str, body: &str, step: bool) -> String {
    let step = if step { "step: 1\n" } else { "" };
    format!("---\ntitle: \"{title}\"\n{step}---\n## Documenti {{#documents}}\n\n{body}\n")
}

/// Applies `op` to the files; returns the paths a watcher reports for it.
fn perform(root: &Path, away: &Path, op: &Op) -> Vec<PathBuf> {
    let list = pages(root);
    let pick = |i: usize| list.get(i % list.len().max(1)).cloned();
    let is_step = |p: &Path| p.to_string_lossy().contains("/legal/visa.");
    match op {
        Op::EditBody(i, n) => {
            let Some(p) = pick(*i) else { return vec![] };
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            let (front, _) = text.rsplit_once("---\n").unwrap_or((&text, ""));
            // Every other edit drops the heading other pages may link to.
            let heading = if n % 2 == 0 {
                "## Documenti {#documents}\n\n"
            } else {
                ""
            };
            std::fs::write(&p, format!("{front}---\n{heading}Testo {n}.\n")).unwrap();
            vec![p]
        }
        Op::EditTitle(i, n) => {
            let Some(p) = pick(*i) else { return vec![] };
            std::fs::write(&p, page_text(&format!("Titolo {n}"), "Testo.", is_step(&p))).unwrap();
            vec![p]
        }
        Op::Break(i) => {
            let Some(p) = pick(*i) else { return vec![] };
            std::fs::write(&p, "---\ntitle: \"rotto\n---\nTesto.\n").unwrap();
            vec![p]
        }
        Op::LinkAnchor(a, b, ok) => {
            let (Some(p), Some(target)) = (pick(*a), pick(*b)) else {
                return vec![];
            };
            let Some(rel) = pathdiff(&target, p.parent().unwrap()) else {
                return vec![];
            };
            let name = rel
                .to_string_lossy()
                .replace(".it.md", ".md")
                .replace(".en.md", ".md");
            let anchor = if *ok { "documents" } else { "nowhere" };
            std::fs::write(
                &p,
                page_text(
                    "Con link",
                    &format!("Vedi [qui]({name}#{anchor})."),
                    is_step(&p),
                ),
            )
            .unwrap();
            vec![p]
        }
        Op::AddPage(n) => {
            let dir = root.join("content/school");
            if !dir.is_dir() {
                return vec![];
            }
            let p = dir.join(format!("new-{}.it.md", n % 4));
            std::fs::write(&p, page_text(&format!("Nuova {n}"), "Nuova.", false)).unwrap();
            vec![p]
        }
        Op::Delete(i) => {
            let Some(p) = pick(*i) else { return vec![] };
            std::fs::remove_file(&p).unwrap();
            vec![p]
        }
        Op::Rename(i, n) => {
            let Some(p) = pick(*i) else { return vec![] };
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let Some((_, lang_ext)) = name.split_once('.') else {
                return vec![];
            };
            let to = p.with_file_name(format!("moved-{}.{lang_ext}", n % 3));
            std::fs::rename(&p, &to).unwrap();
            vec![p, to]
        }
        Op::MoveSchool => {
            let inside = root.join("content/school");
            let outside = away.join("school");
            if inside.is_dir() {
                std::fs::rename(&inside, &outside).unwrap();
            } else if outside.is_dir() {
                std::fs::rename(&outside, &inside).unwrap();
            }
            vec![inside]
        }
        Op::Symlink(n) => {
            let target = away.join("outside.it.md");
            std::fs::write(&target, page_text("Fuori", "Fuori.", false)).unwrap();
            let link = root.join(format!("content/legal/link-{}.it.md", n % 2));
            if link.symlink_metadata().is_ok() {
                return vec![];
            }
            #[cfg(unix)]
            std::os::unix::fs::symlink(&target, &link).unwrap();
            vec![link]
        }
        Op::EditSectionTitle(i, n) => {
            let mut indexes: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
                .into_iter()
                .filter_map(Result::ok)
                .map(|e| e.into_path())
                .filter(|p| {
                    p.file_name()
                        .unwrap()
                        .to_string_lossy()
                        .starts_with("_index")
                })
                .collect();
            indexes.sort();
            let Some(p) = indexes.get(i % indexes.len().max(1)).cloned() else {
                return vec![];
            };
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            let edited: String = text
                .lines()
                .filter(|l| !l.starts_with("weight:"))
                .map(|l| {
                    if l.starts_with("title:") {
                        format!("title: \"Sezione {n}\"\nweight: {}\n", n % 3)
                    } else {
                        format!("{l}\n")
                    }
                })
                .collect();
            std::fs::write(&p, edited).unwrap();
            vec![p]
        }
        Op::NestedSection => {
            let dir = root.join("content/school/corsi");
            if dir.exists() || !root.join("content/school").exists() {
                return vec![];
            }
            std::fs::create_dir_all(&dir).unwrap();
            let index = dir.join("_index.it.md");
            std::fs::write(&index, "---\ntitle: \"Corsi\"\n---\nI corsi.\n").unwrap();
            let page = dir.join("serale.it.md");
            std::fs::write(&page, page_text("Corso serale", "Di sera.", false)).unwrap();
            vec![index, page]
        }
    }
}

/// `target` relative to `from` (both inside the site), for a Markdown link.
fn pathdiff(target: &Path, from: &Path) -> Option<PathBuf> {
    let t: Vec<_> = target.components().collect();
    let f: Vec<_> = from.components().collect();
    let common = t.iter().zip(&f).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..f.len() {
        out.push("..");
    }
    for c in &t[common..] {
        out.push(c);
    }
    Some(out)
}

type ErrorSet = BTreeSet<(String, Option<usize>, String)>;

fn errors(d: &approdo::Diagnostics) -> ErrorSet {
    d.0.iter()
        .filter(|x| x.is_error())
        .map(|x| (x.file.display().to_string(), x.line, x.message.clone()))
        .collect()
}

fn compare(
    step: usize,
    op: &Op,
    live: &mut Session,
    live_result: Result<(), ErrorSet>,
    opts: &BuildOptions,
) {
    let mut fresh = Session::new(opts.clone());
    let fresh_result = fresh.rebuild_all().map(|_| ()).map_err(|d| errors(&d));
    match (&live_result, &fresh_result) {
        (Ok(()), Ok(())) => {
            live.refresh_all_search();
            assert_eq!(
                live.paths(),
                fresh.paths(),
                "step {step} ({op:?}): served paths"
            );
            for path in fresh.paths() {
                assert!(
                    live.file(&path) == fresh.file(&path),
                    "step {step} ({op:?}): {path} differs from a fresh build"
                );
            }
        }
        (Err(a), Err(b)) => assert_eq!(a, b, "step {step} ({op:?}): errors"),
        _ => panic!("step {step} ({op:?}): preview {live_result:?}, fresh build {fresh_result:?}"),
    }
}

/// The fixture site, a folder outside it, its canonical root, the build options and a preview
/// session that has built it.
fn live_fixture() -> (Fixture, tempfile::TempDir, PathBuf, BuildOptions, Session) {
    let f = Fixture::new();
    let away = tempfile::tempdir().unwrap();
    let root = f.root().canonicalize().unwrap();
    let mut opts = BuildOptions::new(&root);
    opts.base_url = Some("http://127.0.0.1:1".into());
    let mut live = Session::new(opts.clone());
    live.rebuild_all().expect("the fixture builds");
    (f, away, root, opts, live)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn the_preview_equals_a_fresh_build_after_any_edits(ops in proptest::collection::vec(op(), 1..7)) {
        let (_f, away, root, opts, mut live) = live_fixture();
        let mut last: Result<(), ErrorSet> = Ok(());
        for (step, op) in ops.iter().enumerate() {
            let touched = perform(&root, away.path(), op);
            if let Some(change) = classify(&root, &touched) {
                last = live.apply(&change).map(|_| ()).map_err(|d| errors(&d));
            }
            // Nothing the site uses changed: what is shown stays, and so must the truth.
            compare(step, op, &mut live, last.clone(), &opts);
        }
    }
}

/// The errors of a result, for comparing the preview with the build.
fn error_set(d: &approdo::Diagnostics) -> ErrorSet {
    errors(d)
}

#[test]
fn a_static_file_that_replaces_a_page_stops_the_preview_as_it_stops_the_build() {
    let f = Fixture::new();
    f.write("static/it/index.html", "<p>not the home page</p>\n");
    let built = f.build().map(|_| ()).map_err(|e| error_set(&e.0));
    let opts = BuildOptions::new(f.root());
    let previewed = Session::new(opts)
        .rebuild_all()
        .map(|_| ())
        .map_err(|d| error_set(&d));
    let Err(expected) = &built else {
        panic!("the build published a static file over the Italian home page")
    };
    assert!(
        expected.iter().any(|(_, _, m)| m.contains("would replace")),
        "{expected:?}"
    );
    assert_eq!(previewed, built, "the preview and the build disagree");
}

#[test]
fn headings_step_around_the_theme_s_ids_after_the_preview_re_assembles_the_site() {
    let f = Fixture::new();
    let root = f.root().canonicalize().unwrap();
    let mut opts = BuildOptions::new(&root);
    opts.base_url = Some("http://127.0.0.1:1".into());
    let mut live = Session::new(opts.clone());
    live.rebuild_all().expect("the fixture builds");
    // A new title and a heading whose generated id is one the layout uses: the re-assembly path.
    let page = root.join("content/school/enrol.it.md");
    std::fs::write(
        &page,
        "---\ntitle: \"Iscrizione a scuola\"\n---\n## Età {#age}\n\n## Site search q\n",
    )
    .unwrap();
    let change = classify(&root, &[page]).expect("a content change");
    live.apply(&change).expect("the edit builds");
    let mut fresh = Session::new(opts);
    fresh.rebuild_all().expect("a fresh build");
    let path = "it/school/enrol/index.html";
    let html = String::from_utf8(live.file(path).expect("served").to_vec()).unwrap();
    assert_eq!(
        html.matches("id=\"site-search-q\"").count(),
        1,
        "a heading took the search box's id"
    );
    assert!(
        live.file(path) == fresh.file(path),
        "{path} differs from a fresh build"
    );
}

#[test]
fn a_well_known_file_is_published_by_the_build_and_the_preview_alike() {
    let f = Fixture::new();
    f.write(
        "static/.well-known/security.txt",
        "Contact: mailto:x@example.org\n",
    );
    f.write("static/.hidden/secret.txt", "not published\n");
    f.build().expect("the site builds");
    assert!(
        f.out().join(".well-known/security.txt").is_file(),
        "RFC 8615's folder was not published"
    );
    assert!(
        !f.out().join(".hidden").exists(),
        "a hidden folder was published"
    );
    let root = f.root().canonicalize().unwrap();
    let mut live = Session::new(BuildOptions::new(&root));
    live.rebuild_all().expect("the preview builds");
    assert!(live.file(".well-known/security.txt").is_some());
    assert!(live.file(".hidden/secret.txt").is_none());
    // An edit there is a static change the preview acts on, not an ignored event.
    let edited = root.join("static/.well-known/security.txt");
    std::fs::write(&edited, "Contact: mailto:y@example.org\n").unwrap();
    let change = classify(&root, &[edited]).expect("the watcher sees the edit");
    live.apply(&change).expect("the preview takes it");
    assert_eq!(
        live.file(".well-known/security.txt").map(|b| b.to_vec()),
        Some(b"Contact: mailto:y@example.org\n".to_vec())
    );
}

/// Every section index's title edited in turn, a nested one among them: the preview renders only
/// the pages that show a title, and each must still equal a fresh build (breadcrumbs below the
/// section, its parent's listing, the menu).
#[test]
fn section_titles_edited_one_by_one_match_a_fresh_build() {
    let (_f, away, root, opts, mut live) = live_fixture();
    let mut ops = vec![Op::NestedSection];
    ops.extend((0..12).map(|i| Op::EditSectionTitle(i, i as u8 + 1)));
    for (step, op) in ops.iter().enumerate() {
        let touched = perform(&root, away.path(), op);
        let change = classify(&root, &touched).expect("a content change");
        let result = live.apply(&change).map(|_| ()).map_err(|d| errors(&d));
        compare(step, op, &mut live, result, &opts);
    }
}
