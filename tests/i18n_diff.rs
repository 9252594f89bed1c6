//! `approdo i18n diff` and the diffs in `i18n status`: the source text a translation was stamped
//! from, found in the site's git history (a repository built here with gix) or in the stamp
//! cache, compared with the source now.

mod common;

use std::path::Path;
use std::process::Command;

use approdo::translation::diff::{page_diff, PageDiff};
use common::Fixture;

const SOURCE: &str = "content/legal/visa.it.md";
const TRANSLATION: &str = "content/legal/visa.ar.md";

const V1: &str = "---\ntitle: \"Il visto\"\ndescription: \"Come chiedere il visto\"\nstep: 1\n---\n## Documenti {#documents}\n\nPorta il passaporto. Controlla che il nome sia giusto. Porta anche due foto.\n\n- [ ] Passaporto\n- [ ] Foto\n\n## Dopo {#after}\n\nRitira il visto al consolato.\n";

/// Commits the fixture's files as they are now (`parent`: the previous commit), with gix.
fn commit(f: &Fixture, parent: Option<gix::ObjectId>) -> gix::ObjectId {
    let repo = gix::open(f.root()).unwrap_or_else(|_| gix::init(f.root()).unwrap());
    let mut tree = repo
        .edit_tree(gix::ObjectId::empty_tree(repo.object_hash()))
        .unwrap();
    for entry in walkdir::WalkDir::new(f.root().join("content")) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(f.root()).unwrap();
        let blob = repo
            .write_blob(std::fs::read(entry.path()).unwrap())
            .unwrap();
        tree.upsert(
            rel.to_string_lossy().replace('\\', "/"),
            gix::object::tree::EntryKind::Blob,
            blob.detach(),
        )
        .unwrap();
    }
    let tree = tree.write().unwrap().detach();
    let who = gix::actor::SignatureRef {
        name: "Editor".into(),
        email: "editor@example.org".into(),
        time: "1764500000 +0100",
    };
    let id = repo
        .new_commit_as(who, who, "edit", tree, parent)
        .unwrap()
        .id;
    repo.reference(
        "HEAD",
        id,
        gix::refs::transaction::PreviousValue::Any,
        "commit",
    )
    .unwrap();
    id
}

/// The translation stamped with the source's current version (as `i18n stamp` would).
fn stamp(f: &Fixture) {
    let version = approdo::translation::source_version(&f.doc("visa.it.md"));
    f.write(
        TRANSLATION,
        &format!("---\ntitle: \"التأشيرة\"\nstep: 1\ntranslated_from: \"{version}\"\n---\n## الوثائق {{#documents}}\n\nنص.\n\n## بعد ذلك {{#after}}\n\nنص.\n"),
    );
}

fn diff(f: &Fixture) -> PageDiff {
    let config = approdo::pipeline::load_config(&approdo::BuildOptions::new(f.root()))
        .unwrap_or_else(|e| panic!("{}", e.0));
    let prepared = approdo::pipeline::prepare(config, false).unwrap_or_else(|e| panic!("{}", e.0));
    let site = &prepared.site;
    let i = site
        .docs
        .iter()
        .position(|d| d.source == Path::new(TRANSLATION))
        .unwrap();
    page_diff(site, i).unwrap()
}

/// The change as one line: `{+added+}` and `[-removed-]` inside the kept text.
fn shown(d: &PageDiff) -> Vec<String> {
    d.changes
        .iter()
        .map(|c| {
            let text: String = c
                .pieces
                .iter()
                .map(|p| match p.tag {
                    "added" => format!("{{+{}+}}", p.text),
                    "removed" => format!("[-{}-]", p.text),
                    _ => p.text.clone(),
                })
                .collect();
            format!("{} {} {}: {text}", c.kind, c.field, c.line)
        })
        .collect()
}

fn approdo(f: &Fixture, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_approdo"))
        .args(args)
        .arg("--root")
        .arg(f.root())
        .args([TRANSLATION])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A site in git whose Italian page was `first`, stamped and committed, then edited (`from` → `to`)
/// and committed again.
fn edited_in_git(first: &str, from: &str, to: &str) -> Fixture {
    let f = Fixture::new();
    f.write(SOURCE, first);
    stamp(&f);
    let one = commit(&f, None);
    assert!(first.contains(from), "{from}");
    f.write(SOURCE, &V1.replace(from, to));
    commit(&f, Some(one));
    f
}

#[test]
fn one_changed_sentence_in_git_is_the_only_change_shown() {
    let f = edited_in_git(
        V1,
        "Controlla che il nome sia giusto.",
        "Controlla che il nome e la data di nascita siano giusti.",
    );

    let d = diff(&f);
    assert!(!d.is_up_to_date());
    assert!(
        matches!(
            d.origin,
            Some(approdo::translation::diff::Origin::Git { .. })
        ),
        "{d:?}"
    );
    assert_eq!(
        shown(&d),
        ["changed text 8: … Controlla che il nome [-sia-]{+e la data di nascita+} [-giusto.-]{+siano giusti.+} …"]
    );
    // Placed in the translation by the section's heading id.
    let place = d.changes[0].in_translation.as_ref().unwrap();
    assert_eq!((place.heading_id.as_str(), place.line), ("documents", 6));

    // The command says the same, and nothing else.
    let text = approdo(&f, &["i18n", "diff"]);
    assert!(
        text.contains("the stamped text is from git commit"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "changed paragraph, {SOURCE}:8 → {TRANSLATION}:6 (#documents)"
        )),
        "{text}"
    );
    assert!(text.contains("{+e la data di nascita+}"), "{text}");
    assert!(
        !text.contains("passaporto. Controlla") && !text.contains("Ritira"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 3, "{text}");

    // The HTML status report shows it, folded, with <ins> and <del>.
    let out = Command::new(env!("CARGO_BIN_EXE_approdo"))
        .args(["i18n", "status", "--format", "html", "--root"])
        .arg(f.root())
        .output()
        .unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains("<details class=\"diff\">"), "{html}");
    assert!(html.contains("<ins>e la data di nascita</ins>"), "{html}");
    assert!(html.contains("<del>sia</del>"), "{html}");
    assert!(
        html.contains("lang=\"ar\" dir=\"rtl\""),
        "the Arabic section is right to left"
    );
}

#[test]
fn a_changed_title_alone_is_the_change() {
    let f = edited_in_git(V1, "title: \"Il visto\"", "title: \"Il visto d'ingresso\"");
    assert_eq!(
        shown(&diff(&f)),
        ["changed title 2: Il visto{+ d'ingresso+}"]
    );
}

#[test]
fn a_changed_description_makes_a_translation_stale_and_is_shown() {
    let f = edited_in_git(
        V1,
        "Come chiedere il visto",
        "Come chiedere il visto al consolato",
    );
    let d = diff(&f);
    assert!(!d.is_up_to_date());
    assert_eq!(
        shown(&d),
        ["changed description 2: Come chiedere il visto{+ al consolato+}"]
    );
}

#[test]
fn a_source_saved_with_a_bom_and_crlf_in_history_is_found() {
    let windows = format!("\u{feff}{}", V1.replace('\n', "\r\n"));
    let f = edited_in_git(
        &windows,
        "Ritira il visto al consolato.",
        "Ritira il visto al consolato.\n\nPoi prenota il volo.",
    );
    let d = diff(&f);
    assert!(d.origin.is_some(), "{d:?}");
    assert_eq!(shown(&d), ["added text 17: {+Poi prenota il volo.+}"]);
}

#[test]
fn without_git_the_stamp_cache_has_the_old_text() {
    let f = Fixture::new();
    f.write(SOURCE, V1);
    f.write(
        TRANSLATION,
        "---\ntitle: \"التأشيرة\"\nstep: 1\n---\n## الوثائق {#documents}\n\nنص.\n",
    );
    approdo(&f, &["i18n", "stamp"]);
    let cache = f.root().join(approdo::translation::diff::CACHE_DIR);
    assert_eq!(
        std::fs::read_dir(&cache).unwrap().count(),
        1,
        "one text kept"
    );
    // The build does not publish it, nor read it as content.
    f.build().unwrap();
    assert!(!f.out().join(".approdo").exists());
    f.write(SOURCE, &V1.replace("\n- [ ] Foto", ""));
    let d = diff(&f);
    assert!(
        matches!(
            d.origin,
            Some(approdo::translation::diff::Origin::Cache { .. })
        ),
        "{d:?}"
    );
    assert_eq!(shown(&d), ["removed text 12: [-- [ ] Foto-]"]);
}

#[test]
fn with_no_history_and_no_cache_it_says_so_and_points_at_the_source() {
    let f = Fixture::new();
    f.write(SOURCE, V1);
    f.write(
        TRANSLATION,
        "---\ntitle: \"التأشيرة\"\nstep: 1\ntranslated_from: \"0123456789ab\"\n---\nنص.\n",
    );
    let d = diff(&f);
    assert!(d.origin.is_none());
    assert!(d.changes.is_empty());
    let why = d.why_not.unwrap();
    assert!(
        why.contains("not in a git repository") && why.contains(".approdo/sources/0123456789ab.md"),
        "{why}"
    );
    let text = approdo(&f, &["i18n", "diff"]);
    assert!(
        text.contains("the text it was translated from is unknown"),
        "{text}"
    );
    assert!(
        text.contains(&format!("compare it with the current source, {SOURCE}:")),
        "{text}"
    );
    // The source itself follows, with its line numbers.
    for line in [
        "    2 | title: Il visto",
        "    8 | Porta il passaporto.",
        "   15 | Ritira il visto al consolato.",
    ] {
        assert!(text.contains(line), "{line} in {text}");
    }
}

#[test]
fn an_up_to_date_translation_says_so_and_a_source_page_is_an_error() {
    let f = Fixture::new();
    f.write(SOURCE, V1);
    stamp(&f);
    assert!(approdo(&f, &["i18n", "diff"]).contains("up to date"));
    let out = Command::new(env!("CARGO_BIN_EXE_approdo"))
        .args(["i18n", "diff", "--root"])
        .arg(f.root())
        .arg(SOURCE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no source to compare with"));
}
