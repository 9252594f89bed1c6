//! Diagnostics: every problem found in a user's file, with where it is and what to do about it.
//!
//! A build gathers all of its diagnostics instead of stopping at the first one, because an editor who
//! fixes one typo, rebuilds and meets the next one is wasting an afternoon. The same structure feeds the
//! terminal (rendered with `annotate-snippets`), and later the preview server's error overlay and
//! `approdo check --format json`, so it stays plain data.

use std::fmt;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

/// How bad a diagnostic is: errors fail the build, warnings are printed and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Information that never fails a command (an external link, a draft).
    Note,
    Warning,
    Error,
}

/// A stable name for a kind of diagnostic. Messages are written for editors and may be reworded;
/// codes do not change, so the CLI, the JSON output and anyone scripting `approdo check` can tell
/// kinds apart without matching message text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// A link to another site: listed, never fetched. Its subject is the address.
    ExternalLink,
    /// A front-matter key approdo does not read (another generator's `tags`, `status`). Its
    /// subject is the key.
    IgnoredFrontMatterKey,
    /// A shortcode no template renders (a warning under `[shortcodes] unknown = "warn"`). Its subject is the name.
    UnknownShortcode,
}

/// One problem in one file, written for an editor rather than for a programmer.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root where possible (`content/legal/visa.ar.md`), so messages are short
    /// and the same on every machine.
    pub file: PathBuf,
    /// 1-based line, when the problem has a place in the file.
    pub line: Option<usize>,
    /// 1-based column counted in characters (what an editor's status bar shows), not bytes.
    pub col: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
    /// What kind of diagnostic this is, for programs (see [`Code`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<Code>,
    /// What the diagnostic is about (an external link's address), for grouping and summaries.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The text of the offending line, kept so the terminal can show it with a caret.
    #[serde(skip)]
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: None,
            col: None,
            message: message.into(),
            hint: None,
            code: None,
            subject: None,
            source_line: None,
        }
    }

    pub fn note(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    /// Places the diagnostic at a 1-based line and column.
    pub fn at(mut self, line: usize, col: usize) -> Self {
        self.line = Some(line.max(1));
        self.col = Some(col.max(1));
        self
    }

    /// Places the diagnostic at a line and column and keeps that line of `source` for the snippet.
    pub fn at_in(self, source: &str, line: usize, col: usize) -> Self {
        let text = source
            .lines()
            .nth(line.saturating_sub(1))
            .map(str::to_owned);
        let mut d = self.at(line, col);
        d.source_line = text;
        d
    }

    /// Places the diagnostic at a byte offset of `source` (what parsers usually report).
    pub fn at_offset(self, source: &str, offset: usize) -> Self {
        let (line, col) = line_col(source, offset);
        self.at_in(source, line, col)
    }

    /// Places the diagnostic at a 1-based file line inside a page's body (column 1), keeping that
    /// line for the snippet. `body_line` is the file line the body starts at (after front matter).
    pub fn at_in_body(self, body: &str, body_line: usize, line: usize) -> Self {
        let text = body
            .lines()
            .nth(line.saturating_sub(body_line))
            .map(str::to_owned);
        let mut d = self.at(line, 1);
        d.source_line = text;
        d
    }

    /// Names the kind of diagnostic and what it is about.
    pub fn with_code(mut self, code: Code, subject: impl Into<String>) -> Self {
        self.code = Some(code);
        self.subject = Some(subject.into());
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col`, the form editors and terminals turn into a link.
    pub fn location(&self) -> String {
        let file = self.file.display();
        match (self.line, self.col) {
            (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
            (Some(l), None) => format!("{file}:{l}"),
            _ => format!("{file}"),
        }
    }

    /// Renders the diagnostic with a source snippet and caret where the line is known.
    pub fn render(&self, renderer: &Renderer) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let title = format!("{}: {}", self.location(), self.message);
        let path = self.file.display().to_string();
        let mut report = Vec::new();
        match (&self.source_line, self.line, self.col) {
            (Some(src), Some(line), Some(col)) => {
                let start = char_col_to_byte(src, col);
                let end = src[start..]
                    .chars()
                    .next()
                    .map_or(start, |c| start + c.len_utf8());
                report.push(
                    level.primary_title(title).element(
                        Snippet::source(src.as_str())
                            .line_start(line)
                            .path(path)
                            .annotation(AnnotationKind::Primary.span(start..end)),
                    ),
                );
            }
            _ => report.push(Group::with_title(level.primary_title(title))),
        }
        if let Some(hint) = &self.hint {
            report.push(Group::with_title(
                Level::HELP.secondary_title(hint.as_str()),
            ));
        }
        renderer.render(&report).to_string()
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        write!(f, "{kind}: {}: {}", self.location(), self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// All diagnostics of a build. A build fails when any of them is an error.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.severity == Severity::Warning)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.0.iter().filter(|d| d.severity == severity).count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Sorted by file, then line, so output is stable whatever order the parallel stages finished in.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| {
            (&a.file, a.line, a.col, &a.message).cmp(&(&b.file, b.line, b.col, &b.message))
        });
        self
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// Reads a text file an editor wrote: UTF-8 (an error at the first bad byte otherwise), without the
/// byte-order mark Windows editors put first, and with every line ending made `\n`, so a file saved
/// with old Mac (CR only) or Windows (CRLF) line endings reads, and reports lines, like any other.
/// `shown` is how the file is named in messages (relative to the site root).
pub fn read_source(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(shown, format!("cannot read the file: {e}")))?;
    decode_source(shown, bytes)
}

/// Reads a file as it was saved (byte-order mark and line endings kept), under the same UTF-8 and
/// NUL rules as [`read_source`]: for the tools that edit a file in place and must give back every
/// byte they did not mean to change (`i18n stamp`, `i18n scaffold`).
pub fn read_as_saved(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(shown, format!("cannot read the file: {e}")))?;
    decode_utf8(shown, bytes)
}

/// [`read_source`] for bytes already read.
pub fn decode_source(shown: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let text = decode_utf8(shown, bytes)?;
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    })
}

/// UTF-8 text without NUL, or an error at the first bad byte: the one place that says so.
fn decode_utf8(shown: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
        Diagnostic::error(shown, "the file is not valid UTF-8 text")
            .at_offset(&lossy, e.utf8_error().valid_up_to())
            .with_hint("save the file with UTF-8 encoding (in most editors: File → Save with encoding → UTF-8)")
    })?;
    if let Some(at) = text.find('\0') {
        return Err(Diagnostic::error(shown, "the file contains a NUL character (byte 0)")
            .at_offset(&text, at)
            .with_hint("it is usually the sign of a binary file or a file saved as UTF-16: save it as UTF-8 text"));
    }
    Ok(text)
}

/// 1-based line and character column of a byte offset (clamped to the text).
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = source[line_start..offset].chars().count() + 1;
    (line, col)
}

fn char_col_to_byte(line: &str, col: usize) -> usize {
    line.char_indices()
        .nth(col.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i)
}

/// Shows `path` relative to `root` when it lies inside it.
pub fn relative_to(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let src = "a\nمرحبا x";
        let off = src.find('x').unwrap();
        assert_eq!(line_col(src, off), (2, 7));
    }

    #[test]
    fn render_names_file_line_and_hint() {
        let d = Diagnostic::error("content/a.md", "bad thing")
            .at_in("one\ntwo three\n", 2, 5)
            .with_hint("do this");
        let out = d.render(&Renderer::plain());
        assert!(out.contains("content/a.md:2:5: bad thing"), "{out}");
        assert!(out.contains("two three"), "{out}");
        assert!(out.contains("do this"), "{out}");
    }
}
