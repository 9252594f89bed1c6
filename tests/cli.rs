//! The command line: exit codes and the one-line summary.

mod common;

use std::process::Command;

fn approdo() -> Command {
    Command::new(env!("CARGO_BIN_EXE_approdo"))
}

#[test]
fn build_succeeds_with_summary_and_exit_0() {
    let f = common::Fixture::new();
    let out = approdo()
        .args(["build", "--root"])
        .arg(f.root())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("Built 24 pages in 4 languages"), "{stdout}");
    assert!(stdout.contains("zh 6 (5 fallback)"), "{stdout}");
    assert!(f.root().join("public/zh/index.html").is_file());
}

#[test]
fn quiet_prints_nothing() {
    let f = common::Fixture::new();
    let out = approdo()
        .args(["build", "-q", "--root"])
        .arg(f.root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
}

#[test]
fn content_error_exits_1_with_location() {
    let f = common::Fixture::new();
    f.write(
        "content/legal/visa.ar.md",
        "---\ntitle: \"x\"\nweight: two\n---\nx\n",
    );
    let out = approdo()
        .args(["build", "--root"])
        .arg(f.root())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("content/legal/visa.ar.md:3:9"), "{stderr}");
    assert!(
        stderr.contains("weight: two"),
        "snippet of the line: {stderr}"
    );
    assert!(
        stderr.contains("output folder was left as it was"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let out = approdo()
        .args(["build", "--no-such-flag"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let dir = tempfile::tempdir().unwrap();
    let out = approdo()
        .args(["build", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no site.toml"));
}

#[test]
fn output_and_base_url_flags() {
    let f = common::Fixture::new();
    let target = f.root().join("elsewhere");
    let out = approdo()
        .args(["build", "--root"])
        .arg(f.root())
        .arg("--output")
        .arg(&target)
        .args(["--base-url", "https://staging.example.org"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let robots = std::fs::read_to_string(target.join("robots.txt")).unwrap();
    assert!(robots.contains("https://staging.example.org/sitemap.xml"));
}

/// Stamps `file` and expects success.
fn stamp_ok(f: &common::Fixture, file: &str) {
    let out = stamp(f, file);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn stamp(f: &common::Fixture, file: &str) -> std::process::Output {
    approdo()
        .args(["i18n", "stamp", "--root"])
        .arg(f.root())
        .arg(file)
        .output()
        .unwrap()
}

#[test]
fn i18n_stamp_records_the_source_version() {
    let f = common::Fixture::new();
    stamp_ok(&f, "content/legal/visa.ar.md");
    let version = approdo::translation::source_version(&f.doc("visa.it.md"));
    let ar = std::fs::read_to_string(f.root().join("content/legal/visa.ar.md")).unwrap();
    assert!(
        ar.starts_with(&format!(
            "---\ntitle: \"التأشيرة\"\nstep: 1\ntranslated_from: \"{version}\"\n---\n"
        )),
        "{ar}"
    );
    // Stamping again replaces the line instead of adding a second one.
    stamp(&f, "content/legal/visa.ar.md");
    let again = std::fs::read_to_string(f.root().join("content/legal/visa.ar.md")).unwrap();
    assert_eq!(again, ar);
    // The source language cannot be stamped.
    let out = stamp(&f, "content/legal/visa.it.md");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("source language"));
}

/// A translation saved by a Windows editor (byte-order mark, CRLF line endings) is stamped inside
/// its front matter, and every other byte is kept.
#[test]
fn i18n_stamp_keeps_the_bom_and_crlf_line_endings() {
    let f = common::Fixture::new();
    let page = "\u{feff}---\r\ntitle: \"التأشيرة\"\r\n# reviewed by Amal\r\nstep: 1\r\n---\r\n## الوثائق\r\n\r\n---\r\n\r\nنص.\r\n";
    f.write("content/legal/visa.ar.md", page);
    stamp_ok(&f, "content/legal/visa.ar.md");
    let version = approdo::translation::source_version(&f.doc("visa.it.md"));
    let stamped = page.replacen(
        "step: 1\r\n---\r\n",
        &format!("step: 1\r\ntranslated_from: \"{version}\"\r\n---\r\n"),
        1,
    );
    let bytes = std::fs::read(f.root().join("content/legal/visa.ar.md")).unwrap();
    assert_eq!(String::from_utf8_lossy(&bytes), stamped);
    assert_eq!(bytes, stamped.as_bytes());
    // A stale stamp is replaced in place, with the file's own line ending.
    let old = stamped.replace(&version, "000000000000");
    f.write("content/legal/visa.ar.md", &old);
    stamp_ok(&f, "content/legal/visa.ar.md");
    let bytes = std::fs::read(f.root().join("content/legal/visa.ar.md")).unwrap();
    assert_eq!(bytes, stamped.as_bytes());
}

#[test]
fn a_reader_that_closes_the_pipe_early_does_not_make_approdo_panic() {
    use std::io::Read;
    let repo = env!("CARGO_MANIFEST_DIR");
    let mut child = approdo()
        .args(["check", "--root", repo, "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The pipe is closed here, before approdo has written its ~700 notes.
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_ne!(out.status.code(), Some(101), "{stderr}");
}
