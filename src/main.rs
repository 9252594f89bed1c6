//! The `approdo` command line: parses arguments, runs a command, turns its outcome into an exit code
//! (0 success, 1 problems in the site's files, 2 wrong usage).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use annotate_snippets::Renderer;
use clap::{Parser, Subcommand};

use approdo::error::Code;
use approdo::{build, BuildOptions, Diagnostics, Severity};

#[derive(Parser)]
#[command(
    name = "approdo",
    version,
    about = "Build accessible multilingual information sites"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into public/ (or --output DIR).
    Build {
        #[command(flatten)]
        site: SiteArg,
        /// Where to write the site (default: <root>/public).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Override base_url from site.toml (e.g. for a staging host).
        #[arg(long)]
        base_url: Option<String>,
        /// Also publish pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Check links, anchors, accessibility and content rules without writing anything.
    Check {
        #[command(flatten)]
        site: SiteArg,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Preview the site: build it, serve it on this machine, rebuild and reload on every save.
    Serve {
        #[command(flatten)]
        site: SiteArg,
        /// Address to listen on. Other than loopback, the preview is visible to your network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Port; 0 takes a free one.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Also show pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Translation tools.
    #[command(subcommand)]
    I18n(I18nCommand),
    /// Create a new site in DIR (two languages, one page, the default theme) that builds at once.
    Init {
        /// Folder to create (must not exist or be empty).
        dir: PathBuf,
    },
}

/// `--root DIR`, shared by every command that works on a site.
#[derive(clap::Args)]
struct SiteArg {
    /// The site folder, holding site.toml.
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

impl SiteArg {
    /// The root, or a usage error (exit 2) when it holds no `site.toml`.
    fn require(self) -> Result<PathBuf, ExitCode> {
        if self.root.join("site.toml").is_file() {
            return Ok(self.root);
        }
        eprintln!(
            "error: {} is not an approdo site (no site.toml there)\n  hint: run from the site's folder or pass --root DIR",
            self.root.display()
        );
        Err(ExitCode::from(2))
    }
}

/// `--format` and `--strict`, shared by the reporting commands (`check`, `i18n status`).
#[derive(clap::Args)]
struct ReportArgs {
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Exit 1 on anything left to do (warnings, for `check`).
    #[arg(long)]
    strict: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
    Html,
}

#[derive(Subcommand)]
enum I18nCommand {
    /// What each language still needs: missing and stale pages, missing and extra UI strings.
    Status {
        #[command(flatten)]
        site: SiteArg,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Create LANG's missing UI strings (commented out, with the source text) and missing pages
    /// (as drafts holding the source text) for a translator to fill in.
    Scaffold {
        #[command(flatten)]
        site: SiteArg,
        /// Language code, e.g. `ar`.
        lang: String,
    },
    /// Record in each translated FILE that it is up to date with its source-language page
    /// (writes `translated_from:` into its front matter).
    Stamp {
        #[command(flatten)]
        site: SiteArg,
        /// Translated pages, e.g. content/legal/visa.ar.md.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve {
            site,
            bind,
            port,
            drafts,
            open,
        } => {
            let root = match site.require() {
                Ok(r) => r,
                Err(code) => return code,
            };
            let loopback = bind
                .parse::<std::net::IpAddr>()
                .map(|ip| ip.is_loopback())
                .unwrap_or(bind == "localhost");
            if !loopback {
                eprintln!("warning: listening on {bind}: anyone who can reach this machine can see the preview, drafts included");
            }
            let opts = approdo::serve::ServeOptions {
                root,
                bind,
                port,
                drafts,
            };
            match approdo::serve::start(&opts, true) {
                Ok(preview) => {
                    println!("Serving at {} (Ctrl+C to stop)", preview.url());
                    if open {
                        let _ = std::process::Command::new("xdg-open")
                            .arg(preview.url())
                            .spawn();
                    }
                    loop {
                        std::thread::park();
                    }
                }
                Err(msg) => {
                    eprintln!("error: {msg}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Check { site, report } => {
            let root = match site.require() {
                Ok(r) => r,
                Err(code) => return code,
            };
            match approdo::pipeline::check(&root) {
                Ok(diags) => report_check(&diags, report.format, report.strict),
                // Errors that stop the load or parse still come as JSON when asked for, so an
                // editor integration always has something to read.
                Err(failure) if matches!(report.format, Format::Json) => {
                    report_check(&failure.0, report.format, report.strict)
                }
                Err(failure) => {
                    print_diagnostics(&failure.0);
                    ExitCode::from(1)
                }
            }
        }
        Command::Init { dir } => match approdo::init::init(&dir) {
            Ok(files) => {
                println!(
                    "Created a new site in {} ({} files). Next:\n  cd {}\n  approdo build",
                    dir.display(),
                    files,
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(msg) => {
                eprintln!("error: {msg}");
                ExitCode::from(1)
            }
        },
        Command::I18n(I18nCommand::Status { site, report }) => {
            let root = match site.require() {
                Ok(r) => r,
                Err(code) => return code,
            };
            let (status, config) = match translation_status(&root) {
                Ok(s) => s,
                Err(diags) => {
                    print_diagnostics(&diags);
                    return ExitCode::from(1);
                }
            };
            match report.format {
                Format::Text => print!("{}", approdo::translation::report::to_text(&status)),
                Format::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&status).unwrap_or_default()
                ),
                Format::Html => match approdo::translation::report::to_html(&status, &config) {
                    Ok(html) => print!("{html}"),
                    Err(d) => {
                        print_diagnostics(&d.into());
                        return ExitCode::from(1);
                    }
                },
            }
            if report.strict && !status.is_complete() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::I18n(I18nCommand::Scaffold { site, lang }) => {
            let root = match site.require() {
                Ok(r) => r,
                Err(code) => return code,
            };
            let result = translation_status(&root).and_then(|(status, _)| {
                let site = approdo::pipeline::load_site(&root).map_err(|f| f.0)?;
                approdo::translation::scaffold(&site, &status, &lang)
            });
            match result {
                Ok(files) if files.is_empty() => {
                    println!("Nothing to scaffold: `{lang}` has every page and UI string.");
                    ExitCode::SUCCESS
                }
                Ok(files) => {
                    for f in files {
                        println!("wrote {}", f.display());
                    }
                    ExitCode::SUCCESS
                }
                Err(diags) => {
                    print_diagnostics(&diags);
                    ExitCode::from(1)
                }
            }
        }
        Command::I18n(I18nCommand::Stamp { site, files }) => {
            let root = match site.require() {
                Ok(r) => r,
                Err(code) => return code,
            };
            let result = approdo::pipeline::load_site(&root)
                .map_err(|f| f.0)
                .and_then(|site| approdo::translation::stamp(&site, &files));
            match result {
                Ok(lines) => {
                    for l in lines {
                        println!("{l}");
                    }
                    ExitCode::SUCCESS
                }
                Err(diags) => {
                    print_diagnostics(&diags);
                    ExitCode::from(1)
                }
            }
        }
        Command::Build {
            site,
            output,
            base_url,
            drafts,
            quiet,
        } => {
            let root = match site.require() {
                Ok(r) => r,
                Err(code) => return code,
            };
            let opts = BuildOptions {
                root,
                output,
                base_url,
                drafts,
                // Only for a person watching: never in CI logs or with --quiet.
                progress: !quiet
                    && std::io::stderr().is_terminal()
                    && std::env::var_os("CI").is_none(),
            };
            match build(&opts) {
                Ok(mut report) => {
                    if !quiet {
                        print_diagnostics(&report.warnings);
                        println!("{}", report.summary());
                    }
                    report.cleanup.wait();
                    ExitCode::SUCCESS
                }
                Err(failure) => {
                    print_diagnostics(&failure.0);
                    let n = failure.0.error_count();
                    eprintln!(
                        "error: the build failed with {n} error{}; the output folder was left as it was",
                        if n == 1 { "" } else { "s" }
                    );
                    ExitCode::from(1)
                }
            }
        }
    }
}

/// Loads the site (without drafts: a draft translation is still missing) and compares languages.
/// The configuration comes along for the HTML report, which is a template of the site's theme.
fn translation_status(
    root: &std::path::Path,
) -> Result<(approdo::translation::Status, approdo::config::Config), Diagnostics> {
    let config = approdo::pipeline::load_config(&BuildOptions::new(root)).map_err(|f| f.0)?;
    let prepared = approdo::pipeline::prepare(config, false).map_err(|f| f.0)?;
    let status = approdo::translation::status(
        &prepared.site,
        &prepared.theme.keys,
        &prepared.theme.literals,
    );
    Ok((status, prepared.config))
}

/// Prints a check's findings; exit 1 on errors (or warnings with --strict).
fn report_check(diags: &Diagnostics, format: Format, strict: bool) -> ExitCode {
    let errors = diags.count(Severity::Error);
    let warnings = diags.count(Severity::Warning);
    let notes = diags.count(Severity::Note);
    match format {
        Format::Json | Format::Html => println!(
            "{}",
            serde_json::json!({
                "errors": errors,
                "warnings": warnings,
                "notes": notes,
                "diagnostics": diags.0,
            })
        ),
        Format::Text => {
            let shown = Diagnostics(
                diags
                    .0
                    .iter()
                    .filter(|d| d.code != Some(Code::ExternalLink))
                    .cloned()
                    .collect(),
            );
            print_diagnostics(&shown);
            let mut external: std::collections::BTreeMap<&str, usize> = Default::default();
            for d in diags
                .0
                .iter()
                .filter(|d| d.code == Some(Code::ExternalLink))
            {
                if let Some(url) = &d.subject {
                    *external.entry(url).or_default() += 1;
                }
            }
            if !external.is_empty() {
                println!("External links (listed, not fetched):");
                for (url, n) in &external {
                    println!("  {url} ({n})");
                }
            }
            println!("{errors} errors, {warnings} warnings, {notes} notes");
        }
    }
    if errors > 0 || (strict && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_diagnostics(diags: &Diagnostics) {
    let renderer = if std::io::stderr().is_terminal() {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for d in &diags.0 {
        eprintln!("{}\n", d.render(&renderer));
    }
}
