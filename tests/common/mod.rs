//! A tiny site in a temp folder, built with the real default theme, for tests that assert on the
//! HTML a reader gets.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use approdo::{build, BuildFailure, BuildOptions, BuildReport};
use scraper::{Html, Selector};

pub const SITE_TOML: &str = r#"
base_url = "https://example.org"
default_language = "it"

[[languages]]
code = "it"
name = "Italiano"

[[languages]]
code = "en"
name = "English"
fallback = ["it"]

[[languages]]
code = "ar"
name = "العربية"
dir = "rtl"
fallback = ["en", "it"]

[[languages]]
code = "zh"
tag = "zh-Hans"
name = "中文"
fallback = ["en", "it"]
"#;

pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    /// A four-language site: home and a `legal` section with one step page, translated into
    /// it, en and ar (not zh); a `school` section only in Italian.
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let f = Fixture { dir };
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_dir(
            &repo.join("themes/default"),
            &f.root().join("themes/default"),
        );
        f.write("site.toml", SITE_TOML);
        let it_ftl = std::fs::read_to_string(repo.join("locales/it/main.ftl")).expect("it ftl");
        f.write("locales/it/main.ftl", &it_ftl);
        f.write("locales/en/main.ftl", "skip-link = Skip to main content\nfallback-notice = This guide is not yet available in English. Below is the text in { $language }.\n");
        f.write("locales/ar/main.ftl", "skip-link = انتقل إلى المحتوى الرئيسي\nfallback-notice = هذا الدليل غير متوفر بالعربية بعد. تجد أدناه النص بلغة { $language }.\n");
        f.write(
            "locales/zh/main.ftl",
            "fallback-notice = 本指南尚无中文版本。以下是{ $language }版本。\n",
        );
        for (lang, title) in [
            ("it", "Benvenuti"),
            ("en", "Welcome"),
            ("ar", "مرحبًا"),
            ("zh", "欢迎"),
        ] {
            f.write(
                &format!("content/_index.{lang}.md"),
                &format!("---\ntitle: \"{title}\"\ndescription: \"Home {lang}\"\n---\nHome text {lang}.\n"),
            );
        }
        for (lang, title) in [("it", "Percorso"), ("en", "Journey"), ("ar", "المسار")] {
            f.write(
                &format!("content/legal/_index.{lang}.md"),
                &format!("---\ntitle: \"{title}\"\nkind: steps\nweight: 10\n---\nIntro {lang}.\n"),
            );
        }
        f.write("content/legal/visa.it.md", "---\ntitle: \"Il visto\"\ndescription: \"Come chiedere il visto\"\nstep: 1\nupdated: 2026-11-23\n---\n## Documenti {#documents}\n\n- [ ] Passaporto\n\nVedi [la scuola](../school/enrol.md#age).\n");
        f.write("content/legal/visa.en.md", "---\ntitle: \"The visa\"\nstep: 1\n---\n## Documents {#documents}\n\nSee [school](../school/enrol.md).\n");
        f.write("content/legal/visa.ar.md", "---\ntitle: \"التأشيرة\"\nstep: 1\n---\n## الوثائق المطلوبة\n\n## 第一步：准备文件\n\n## الوثائق المطلوبة\n");
        f.write(
            "content/legal/arrival.it.md",
            "---\ntitle: \"L'arrivo\"\nstep: 2\n---\nTesto.\n",
        );
        f.write(
            "content/school/_index.it.md",
            "---\ntitle: \"Scuola\"\nweight: 20\n---\nScuola.\n",
        );
        f.write(
            "content/school/enrol.it.md",
            "---\ntitle: \"Iscrizione\"\n---\n## Età {#age}\n\nTesto.\n",
        );
        f
    }

    /// The page whose source path ends with `name` (`visa.it.md`), as the site loads it now.
    pub fn doc(&self, name: &str) -> approdo::content::Document {
        let site = approdo::pipeline::load_site(self.root()).unwrap_or_else(|e| panic!("{}", e.0));
        site.docs
            .into_iter()
            .find(|d| d.source.ends_with(name))
            .unwrap_or_else(|| panic!("no page {name}"))
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.root().join(rel)).unwrap();
    }

    pub fn build(&self) -> Result<BuildReport, BuildFailure> {
        let mut r = build(&BuildOptions::new(self.root()));
        if let Ok(report) = &mut r {
            report.cleanup.wait();
        }
        r
    }

    pub fn out(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn html(&self, rel: &str) -> Html {
        Html::parse_document(&self.read(rel))
    }

    /// Every HTML file of the output.
    pub fn html_files(&self) -> Vec<PathBuf> {
        walkdir::WalkDir::new(self.out())
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| e.into_path())
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .collect()
    }

    /// Builds and expects failure; returns all diagnostics as text (one per line).
    pub fn build_err(&self) -> String {
        match self.build() {
            Ok(r) => panic!("build should fail, but built {} pages", r.pages()),
            Err(f) => f.0.to_string(),
        }
    }
}

pub fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let sel = Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e:?}"));
    doc.select(&sel).collect()
}

pub fn attr(doc: &Html, css: &str, name: &str) -> Option<String> {
    select(doc, css)
        .first()
        .and_then(|e| e.value().attr(name).map(str::to_owned))
}

pub fn text(doc: &Html, css: &str) -> String {
    select(doc, css)
        .first()
        .map(|e| e.text().collect::<String>())
        .unwrap_or_default()
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
