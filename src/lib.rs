//! approdo: a static multilingual information-site generator.
//!
//! The build is a pipeline of stages, one module each, all reading one [`content::Site`] model:
//! [`config`] → [`content`] (load) → [`markdown`] (parse) → [`render`] (with [`i18n`]) →
//! [`output`] (write). [`pipeline::build`] runs them in order; see ARCHITECTURE.md.

// Stages return `Result<_, Diagnostic>`: errors are the cold path of a build and a diagnostic is plain
// data (file, line, message, hint), so boxing it would only add noise to every constructor.
#![allow(clippy::result_large_err)]

pub mod assets;
pub mod check;
pub mod config;
pub mod content;
pub mod data;
pub mod error;
pub mod escape;
pub mod glossary;
pub mod i18n;
pub mod ids;
pub mod init;
#[doc(hidden)]
pub mod invariants;
pub mod markdown;
pub mod output;
pub mod paths;
pub mod pipeline;
pub mod render;
pub mod sanitize;
pub mod serve;
pub mod shortcode;
pub mod translation;
pub mod yaml;

pub use error::{Diagnostic, Diagnostics, Severity};
pub use pipeline::{build, BuildFailure, BuildOptions, BuildReport};
