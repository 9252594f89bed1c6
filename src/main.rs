//! The `approdo` command line: parses arguments, runs a command, turns its outcome into an exit code
//! (0 success, 1 problems in the site's files, 2 wrong usage).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use annotate_snippets::Renderer;
use clap::{Parser, Subcommand};

use approdo::{build, BuildOptions, Diagnostics};

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
        /// The site folder, holding site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
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
    /// Translation tools.
    #[command(subcommand)]
    I18n(I18nCommand),
}

#[derive(Subcommand)]
enum I18nCommand {
    /// Record in each translated FILE that it is up to date with its source-language page
    /// (writes `translated_from:` into its front matter).
    Stamp {
        /// The site folder, holding site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Translated pages, e.g. content/legal/visa.ar.md.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::I18n(I18nCommand::Stamp { root, files }) => {
            if let Err(code) = require_site(&root) {
                return code;
            }
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
            root,
            output,
            base_url,
            drafts,
            quiet,
        } => {
            if let Err(code) = require_site(&root) {
                return code;
            }
            let opts = BuildOptions {
                root,
                output,
                base_url,
                drafts,
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

/// Usage error (exit 2) when `root` holds no `site.toml`.
fn require_site(root: &std::path::Path) -> Result<(), ExitCode> {
    if root.join("site.toml").is_file() {
        return Ok(());
    }
    eprintln!(
        "error: {} is not an approdo site (no site.toml there)\n  hint: run from the site's folder or pass --root DIR",
        root.display()
    );
    Err(ExitCode::from(2))
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
