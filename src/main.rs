//! The `approdo` command line: parses arguments, runs a command, turns its outcome into an exit code
//! (0 success, 1 problems in the site's files, 2 wrong usage).

/// `print!`, `println!` and `eprintln!` that never panic: a reader that closes the pipe early
/// (`approdo check --format json | head`) ends the output, not the program with a panic.
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), $($t)*);
    }};
}
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}
macro_rules! errln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($t)*);
    }};
}

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use annotate_snippets::Renderer;
use clap::{Parser, Subcommand};

use approdo::error::{summarise, Code, Diagnostic, SHOWN_PER_KIND};
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
    Build(BuildArgs),
    /// Check links, anchors, accessibility and content rules without writing anything.
    Check {
        #[command(flatten)]
        site: SiteArg,
        #[command(flatten)]
        report: ReportArgs,
        /// Print every diagnostic in full (otherwise: the first 3 of each kind, then counts).
        #[arg(long, short)]
        verbose: bool,
    },
    /// Preview the site: build it, serve it on this machine, rebuild and reload on every save.
    Serve(ServeArgs),
    /// Translation tools.
    #[command(subcommand)]
    I18n(I18nCommand),
    /// Create a new site in DIR (two languages, one page, the default theme) that builds at once.
    Init {
        /// Folder to create (must not exist or be empty).
        dir: PathBuf,
    },
}

#[derive(clap::Args)]
struct BuildArgs {
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
    #[arg(long, short, conflicts_with = "verbose")]
    quiet: bool,
    /// Print every diagnostic in full (otherwise: the first 3 of each kind, then counts).
    #[arg(long, short)]
    verbose: bool,
    /// Also print how long each stage took (load, parse, check and render, write), for benchmarks.
    #[arg(long)]
    timings: bool,
}

#[derive(clap::Args)]
struct ServeArgs {
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
        errln!(
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
    /// What changed in the source of each translated FILE since it was stamped: paragraphs added,
    /// removed and changed (word by word), title and description, with line numbers.
    Diff {
        #[command(flatten)]
        site: SiteArg,
        /// `text` or `json`.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Translated pages, e.g. content/legal/visa.ar.md.
        #[arg(required = true)]
        files: Vec<PathBuf>,
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
    let outcome = match Cli::parse().command {
        Command::Build(args) => build_command(args),
        Command::Check {
            site,
            report,
            verbose,
        } => check_command(site, report, verbose),
        Command::Serve(args) => serve_command(args),
        Command::I18n(I18nCommand::Status { site, report }) => i18n_status_command(site, report),
        Command::I18n(I18nCommand::Scaffold { site, lang }) => i18n_scaffold_command(site, &lang),
        Command::I18n(I18nCommand::Stamp { site, files }) => i18n_stamp_command(site, &files),
        Command::I18n(I18nCommand::Diff {
            site,
            format,
            files,
        }) => i18n_diff_command(site, format, &files),
        Command::Init { dir } => init_command(&dir),
    };
    outcome.unwrap_or_else(|code| code)
}

/// What a command ends with: `Err` is an early exit (a usage error, or problems already printed).
type Outcome = Result<ExitCode, ExitCode>;

/// Prints diagnostics (summarised) and gives exit code 1: the site's files have problems.
fn failed(diags: &Diagnostics) -> ExitCode {
    print_diagnostics(&diags.0, false);
    ExitCode::from(1)
}

fn build_command(args: BuildArgs) -> Outcome {
    let opts = BuildOptions {
        root: args.site.require()?,
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
        // Only for a person watching: never in CI logs or with --quiet.
        progress: !args.quiet
            && std::io::stderr().is_terminal()
            && std::env::var_os("CI").is_none(),
    };
    match build(&opts) {
        Ok(mut report) => {
            if !args.quiet {
                print_diagnostics(&report.warnings.0, args.verbose);
                outln!("{}", report.summary());
            }
            if args.timings {
                for (stage, took) in &report.stages {
                    errln!("{stage:>17}: {:>6} ms", took.as_millis());
                }
            }
            report.cleanup.wait();
            Ok(ExitCode::SUCCESS)
        }
        Err(failure) => {
            print_diagnostics(&failure.0 .0, args.verbose);
            let n = failure.0.error_count();
            errln!(
                "error: the build failed with {n} error{}; the output folder was left as it was",
                if n == 1 { "" } else { "s" }
            );
            Ok(ExitCode::from(1))
        }
    }
}

fn check_command(site: SiteArg, report: ReportArgs, verbose: bool) -> Outcome {
    let root = site.require()?;
    Ok(match approdo::pipeline::check(&root) {
        Ok(diags) => report_check(&diags, &report, verbose),
        // Errors that stop the load or parse still come as JSON when asked for, so an editor
        // integration always has something to read.
        Err(failure) if report.format == Format::Json => report_check(&failure.0, &report, verbose),
        Err(failure) => {
            print_diagnostics(&failure.0 .0, verbose);
            ExitCode::from(1)
        }
    })
}

fn serve_command(args: ServeArgs) -> Outcome {
    let root = args.site.require()?;
    let bind = args.bind;
    let loopback = bind
        .parse::<std::net::IpAddr>()
        .map(|ip| ip.is_loopback())
        .unwrap_or(bind == "localhost");
    if !loopback {
        errln!("warning: listening on {bind}: anyone who can reach this machine can see the preview, drafts included");
    }
    let opts = approdo::serve::ServeOptions {
        root,
        bind,
        port: args.port,
        drafts: args.drafts,
    };
    let preview = approdo::serve::start(&opts, true).map_err(|msg| {
        errln!("error: {msg}");
        ExitCode::from(1)
    })?;
    outln!("Serving at {} (Ctrl+C to stop)", preview.url());
    if args.open {
        let _ = std::process::Command::new("xdg-open")
            .arg(preview.url())
            .spawn();
    }
    loop {
        std::thread::park();
    }
}

fn init_command(dir: &std::path::Path) -> Outcome {
    let files = approdo::init::init(dir).map_err(|msg| {
        errln!("error: {msg}");
        ExitCode::from(1)
    })?;
    outln!(
        "Created a new site in {} ({} files). Next:\n  cd {}\n  approdo build",
        dir.display(),
        files,
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn i18n_status_command(site: SiteArg, report: ReportArgs) -> Outcome {
    let root = site.require()?;
    let (status, config) = translation_status(&root).map_err(|d| failed(&d))?;
    match report.format {
        Format::Text => out!("{}", approdo::translation::report::to_text(&status)),
        Format::Json => outln!(
            "{}",
            serde_json::to_string_pretty(&status).unwrap_or_default()
        ),
        Format::Html => {
            let html = approdo::translation::report::to_html(&status, &config)
                .map_err(|d| failed(&d.into()))?;
            out!("{html}");
        }
    }
    Ok(if report.strict && !status.is_complete() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn i18n_scaffold_command(site: SiteArg, lang: &str) -> Outcome {
    let root = site.require()?;
    let files = translation_status(&root)
        .and_then(|(status, _)| {
            let site = approdo::pipeline::load_site(&root).map_err(|f| f.0)?;
            approdo::translation::scaffold(&site, &status, lang)
        })
        .map_err(|d| failed(&d))?;
    if files.is_empty() {
        outln!("Nothing to scaffold: `{lang}` has every page and UI string.");
    }
    for f in files {
        outln!("wrote {}", f.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn i18n_stamp_command(site: SiteArg, files: &[PathBuf]) -> Outcome {
    let root = site.require()?;
    let lines = approdo::pipeline::load_site(&root)
        .map_err(|f| f.0)
        .and_then(|site| approdo::translation::stamp(&site, files))
        .map_err(|d| failed(&d))?;
    for l in lines {
        outln!("{l}");
    }
    Ok(ExitCode::SUCCESS)
}

fn i18n_diff_command(site: SiteArg, format: Format, files: &[PathBuf]) -> Outcome {
    let root = site.require()?;
    if format == Format::Html {
        return Err(failed(&Diagnostic::error(&root, "`i18n diff` writes text or JSON").with_hint("for a page to open in a browser, use `approdo i18n status --format html`: it shows the same diffs").into()));
    }
    let config =
        approdo::pipeline::load_config(&BuildOptions::new(&root)).map_err(|f| failed(&f.0))?;
    // Parsed (drafts included: a draft translation can be compared too), for the heading ids.
    let prepared = approdo::pipeline::prepare(config, true).map_err(|f| failed(&f.0))?;
    let site = &prepared.site;
    let mut diffs = Vec::new();
    let mut errors = Diagnostics::default();
    for file in files {
        let found = match approdo::translation::find_doc(site, file) {
            Ok(i) => approdo::translation::diff::page_diff(site, i),
            Err(d) => Err(d),
        };
        match found {
            Ok(d) => diffs.push(d),
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(failed(&errors));
    }
    match format {
        Format::Json => outln!(
            "{}",
            serde_json::to_string_pretty(&diffs).unwrap_or_default()
        ),
        _ => {
            for d in &diffs {
                out!("{}", approdo::translation::diff::to_text(d));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
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

/// Prints a check's findings; exit 1 on errors (or warnings with --strict). JSON lists every
/// diagnostic with its code; text summarises them like the build, and lists external links once
/// each with how often they occur.
fn report_check(diags: &Diagnostics, report: &ReportArgs, verbose: bool) -> ExitCode {
    let errors = diags.count(Severity::Error);
    let warnings = diags.count(Severity::Warning);
    let notes = diags.count(Severity::Note);
    match report.format {
        Format::Json | Format::Html => outln!(
            "{}",
            serde_json::json!({
                "errors": errors,
                "warnings": warnings,
                "notes": notes,
                "diagnostics": diags.0,
            })
        ),
        Format::Text => {
            let (external, shown): (Vec<&Diagnostic>, Vec<&Diagnostic>) = diags
                .0
                .iter()
                .partition(|d| d.code == Some(Code::ExternalLink));
            print_diagnostics(shown, verbose);
            print_external_links(&external);
            outln!("{errors} errors, {warnings} warnings, {notes} notes");
        }
    }
    if errors > 0 || (report.strict && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Each external address once, with how many links go to it: they are listed, never fetched.
fn print_external_links(external: &[&Diagnostic]) {
    let mut count: std::collections::BTreeMap<&str, usize> = Default::default();
    for url in external.iter().filter_map(|d| d.subject.as_deref()) {
        *count.entry(url).or_default() += 1;
    }
    if !count.is_empty() {
        outln!("External links (listed, not fetched):");
        for (url, n) in &count {
            outln!("  {url} ({n})");
        }
    }
}

/// Prints diagnostics to stderr: with `verbose` every one in full, otherwise the first few of each
/// kind in full and one line per kind counting the rest ([`summarise`]), so a site with 10,000
/// warnings still fits on a screen. Only what is printed in full is rendered with its snippet.
fn print_diagnostics<'d>(diags: impl IntoIterator<Item = &'d Diagnostic>, verbose: bool) {
    let renderer = if std::io::stderr().is_terminal() {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let per_kind = if verbose { usize::MAX } else { SHOWN_PER_KIND };
    let summary = summarise(diags, per_kind);
    // One buffered writer: thousands of unbuffered writes to stderr are slow on a terminal.
    let mut out = std::io::BufWriter::new(std::io::stderr().lock());
    for d in &summary.in_full {
        let _ = writeln!(out, "{}\n", d.render(&renderer));
    }
    for kind in &summary.more {
        let _ = writeln!(out, "{}", kind.render(&renderer));
    }
    if !summary.more.is_empty() {
        let _ = writeln!(out, "help: --verbose prints every one in full\n");
    }
    let _ = out.flush();
}
