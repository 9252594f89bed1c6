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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            quiet,
        } => {
            if !root.join("site.toml").is_file() {
                eprintln!(
                    "error: {} is not an approdo site (no site.toml there)\n  hint: run from the site's folder or pass --root DIR",
                    root.display()
                );
                return ExitCode::from(2);
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
