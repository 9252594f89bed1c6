//! Diagnostics: every problem found in a user's file, with where it is and what to do about it.
//!
//! A build gathers all of its diagnostics instead of stopping at the first one, because an editor who
//! fixes one typo, rebuilds and meets the next one is wasting an afternoon. The same structure feeds the
//! terminal (rendered with `annotate-snippets`), and later the preview server's error overlay and
//! `approdo check --format json`, so it stays plain data.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

/// How bad a diagnostic is: errors fail the build, warnings are printed and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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
    /// A link to a page of this site that does not exist. Its subject is the link as written.
    BrokenLink,
    /// A link to a heading id that the target page does not have. Its subject is the link.
    BrokenAnchor,
    /// A front-matter key approdo does not read (another generator's `tags`, `status`). Its
    /// subject is the key.
    IgnoredFrontMatterKey,
    /// Raw HTML the sanitizer removes, a tag and what it holds or only the tag. Its subject is
    /// the tag's name (`note`): sites written for another generator repeat their own tags on
    /// every page.
    RawHtmlRemoved,
    /// An attribute the sanitizer removes from a tag it keeps. Its subject is the attribute.
    RawHtmlAttributeRemoved,
    /// Raw HTML shown as text (`raw_html = "escape"`).
    RawHtmlEscaped,
    /// An image that is not one of the site's published files. Its subject is the source.
    MissingImage,
    /// An image from another site, which every reader's browser would fetch. Its subject is the
    /// source.
    ExternalImage,
    /// A link relative to the page's URL (`../visa/`), which breaks in other languages. Its
    /// subject is the destination.
    RelativeLink,
    /// An image without alt text. Its subject is the source.
    MissingAlt,
    /// Alt text that is a file name. Its subject is the source.
    AltIsFileName,
    /// A link without text. Its subject is the destination.
    LinkWithoutText,
    /// Link text that says nothing on its own ("click here"). Its subject is the text.
    VagueLinkText,
    /// Link text that is a bare address. Its subject is the text.
    AddressAsLinkText,
    /// A heading without words.
    EmptyHeading,
    /// A level-1 heading in a page's body, beside the title. Its subject is the heading.
    H1InBody,
    /// A heading that skips a level. Its subject is the heading.
    HeadingOrder,
    /// A table whose header row is empty.
    TableWithoutHeader,
    /// A paragraph over the plain-language limit.
    LongParagraph,
    /// A sentence over the plain-language limit.
    LongSentence,
    /// Two pages of one language with the same title. Its subject is the title.
    DuplicateTitle,
    /// A translation whose checklist has a different number of items than the source page's:
    /// readers' ticks are kept by position, so they would land on other items.
    ChecklistMismatch,
    /// A page marked `draft: true`.
    Draft,
    /// A shortcode no template renders (a warning under `[shortcodes] unknown = "warn"`). Its subject is the name.
    UnknownShortcode,
}

impl fmt::Display for Code {
    /// The name programs see in the JSON output (`raw-html-removed`), taken from the serialised
    /// form so the two can never disagree.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(name)) => f.write_str(&name),
            _ => write!(f, "{self:?}"),
        }
    }
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
    /// `lines` indexes `body`: a page with thousands of diagnostics (one note per external link)
    /// must not rescan its body for each.
    pub fn at_in_body(self, body: &str, lines: &LineIndex, body_line: usize, line: usize) -> Self {
        let text = lines
            .line(body, line.saturating_sub(body_line))
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

    /// Names the kind of a diagnostic that is about nothing more than its place (an empty
    /// heading).
    pub fn coded(mut self, code: Code) -> Self {
        self.code = Some(code);
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
    /// The code is shown as rustc shows its own (`warning[raw-html-removed]: …`), so the examples
    /// printed in full match the summary line that counts the rest of their kind.
    pub fn render(&self, renderer: &Renderer) -> String {
        let level = level(self.severity);
        let title = format!("{}: {}", self.location(), self.message);
        let title = match self.code {
            Some(code) => level.clone().primary_title(title).id(code.to_string()),
            None => level.clone().primary_title(title),
        };
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
                    title.element(
                        Snippet::source(src.as_str())
                            .line_start(line)
                            .path(path)
                            .annotation(AnnotationKind::Primary.span(start..end)),
                    ),
                );
            }
            _ => report.push(Group::with_title(title)),
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

/// How the terminal marks a severity.
fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    }
}

/// How many diagnostics of one kind the terminal prints in full before it counts the rest: enough
/// to see what the kind is about and where, few enough that a site written for another generator,
/// with the same removed tag on 8,000 lines, still gets a screenful.
pub const SHOWN_PER_KIND: usize = 3;

/// What the terminal prints of a run's diagnostics ([`summarise`]).
#[derive(Debug)]
pub struct Summary<'d> {
    /// Printed in full (snippet and hint): errors, then warnings, then notes, each in file order.
    pub in_full: Vec<&'d Diagnostic>,
    /// One line per kind that had more than were printed in full: errors first, then the kinds
    /// with most.
    pub more: Vec<MoreOfKind<'d>>,
}

/// The diagnostics of one kind that were not printed in full.
#[derive(Debug, PartialEq, Eq)]
pub struct MoreOfKind<'d> {
    pub severity: Severity,
    pub code: Code,
    /// How many were not printed in full.
    pub count: usize,
    /// In how many files they are.
    pub files: usize,
    /// The (at most three) files with most of them, most first, ties by name.
    pub most: Vec<(&'d Path, usize)>,
}

/// Chooses what to print: of each kind (severity and [`Code`]) the first `per_kind` in full, the
/// rest counted per file. A diagnostic without a code is always printed in full: its kind is
/// unknown, so counting it with others could hide a problem of its own. Sorting once and counting
/// in maps keeps this O(n log n) for sites with tens of thousands of diagnostics.
pub fn summarise<'d>(
    diags: impl IntoIterator<Item = &'d Diagnostic>,
    per_kind: usize,
) -> Summary<'d> {
    let mut ordered: Vec<&Diagnostic> = diags.into_iter().collect();
    ordered.sort_by(|a, b| {
        (
            std::cmp::Reverse(a.severity),
            &a.file,
            a.line,
            a.col,
            &a.message,
        )
            .cmp(&(
                std::cmp::Reverse(b.severity),
                &b.file,
                b.line,
                b.col,
                &b.message,
            ))
    });
    let mut in_full = Vec::new();
    let mut shown: HashMap<(Severity, Code), usize> = HashMap::new();
    let mut rest: HashMap<(Severity, Code), HashMap<&Path, usize>> = HashMap::new();
    for d in ordered {
        let Some(code) = d.code else {
            in_full.push(d);
            continue;
        };
        let seen = shown.entry((d.severity, code)).or_default();
        if *seen < per_kind {
            *seen += 1;
            in_full.push(d);
        } else {
            *rest
                .entry((d.severity, code))
                .or_default()
                .entry(&d.file)
                .or_default() += 1;
        }
    }
    let mut more: Vec<MoreOfKind> = rest
        .into_iter()
        .map(|((severity, code), per_file)| MoreOfKind::new(severity, code, per_file))
        .collect();
    more.sort_by(|a, b| {
        (
            std::cmp::Reverse(a.severity),
            std::cmp::Reverse(a.count),
            a.code,
        )
            .cmp(&(
                std::cmp::Reverse(b.severity),
                std::cmp::Reverse(b.count),
                b.code,
            ))
    });
    Summary { in_full, more }
}

impl<'d> MoreOfKind<'d> {
    /// How many files [`MoreOfKind::most`] names.
    const MOST: usize = 3;

    fn new(severity: Severity, code: Code, per_file: HashMap<&'d Path, usize>) -> Self {
        let mut most: Vec<(&Path, usize)> = per_file.into_iter().collect();
        most.sort_by(|(a, n), (b, m)| m.cmp(n).then_with(|| a.cmp(b)));
        let files = most.len();
        let count = most.iter().map(|(_, n)| n).sum();
        most.truncate(Self::MOST);
        MoreOfKind {
            severity,
            code,
            count,
            files,
            most,
        }
    }

    /// `7,996 more in 412 files (most: content/a.md 120, …)`: the line without its severity.
    /// When every file has one, naming three of them says nothing: the line says so instead.
    pub fn message(&self) -> String {
        let count = thousands(self.count);
        let listed: Vec<String> = self
            .most
            .iter()
            .map(|(file, n)| format!("{} {}", file.display(), thousands(*n)))
            .collect();
        match (self.files, self.most.first()) {
            (1, Some((file, _))) => format!("{count} more in {}", file.display()),
            (n, _) if n <= Self::MOST => {
                format!("{count} more in {n} files ({})", listed.join(", "))
            }
            (n, _) if n == self.count => format!("{count} more in {count} files (one in each)"),
            (n, _) => format!(
                "{count} more in {} files (most: {})",
                thousands(n),
                listed.join(", ")
            ),
        }
    }

    /// The summary line as the terminal shows it: `warning[raw-html-removed]: 7,996 more in …`.
    pub fn render(&self, renderer: &Renderer) -> String {
        let title = level(self.severity)
            .primary_title(self.message())
            .id(self.code.to_string());
        renderer.render(&[Group::with_title(title)]).to_string()
    }
}

/// `7996` as `7,996`: counts in the terminal are read at a glance.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
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

/// Where each line of a text starts: a position becomes a line in O(log n) and a line number its
/// text in O(1), so placing many diagnostics in one page costs one pass over the page, not one
/// per diagnostic.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text));
        LineIndex { starts }
    }

    /// 0-based line and 1-based character column of a byte offset of `text` (the text indexed).
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let idx = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[idx];
        let col = text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        (idx, col)
    }

    /// The text of 0-based line `index`, without its line break.
    pub fn line<'t>(&self, text: &'t str, index: usize) -> Option<&'t str> {
        let start = *self.starts.get(index).filter(|&&s| s < text.len())?;
        let end = self.starts.get(index + 1).map_or(text.len(), |&e| e - 1);
        let line = text.get(start..end.max(start))?;
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.match_indices('\n').map(|(i, _)| i + 1)
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

    /// The index answers as the scans it replaced: same line, same column, same snippet.
    #[test]
    fn line_index_agrees_with_scanning() {
        let src = "uno\r\nمرحبا x\n\n末行";
        let index = LineIndex::new(src);
        for (offset, _) in src.char_indices() {
            let (line, col) = line_col(src, offset);
            assert_eq!(index.line_col(src, offset), (line - 1, col), "at {offset}");
        }
        let lines: Vec<&str> = src.lines().collect();
        for (i, l) in lines.iter().enumerate() {
            assert_eq!(index.line(src, i), Some(*l));
        }
        assert_eq!(index.line(src, lines.len()), None);
        let ended = "a\nb\n";
        assert_eq!(LineIndex::new(ended).line(ended, 2), ended.lines().nth(2));
    }

    fn removed(file: &str, line: usize) -> Diagnostic {
        Diagnostic::warning(file, "`<note>` is removed (its text is kept)")
            .at(line, 1)
            .with_code(Code::RawHtmlRemoved, "note")
    }

    fn missing_image(file: &str) -> Diagnostic {
        Diagnostic::error(file, "image `a.png` is missing")
            .at(1, 1)
            .with_code(Code::MissingImage, "a.png")
    }

    #[test]
    fn code_names_are_the_json_names() {
        assert_eq!(Code::RawHtmlRemoved.to_string(), "raw-html-removed");
        assert_eq!(Code::H1InBody.to_string(), "h1-in-body");
        let json = serde_json::to_string(&removed("content/a.md", 1)).unwrap();
        assert!(json.contains(r#""code":"raw-html-removed""#), "{json}");
        assert!(json.contains(r#""subject":"note""#), "{json}");
    }

    #[test]
    fn summary_shows_the_first_of_a_kind_in_full_and_counts_the_rest() {
        let mut diags = Vec::new();
        for (file, n) in [
            ("content/b.md", 4),
            ("content/a.md", 3),
            ("content/c.md", 2),
        ] {
            diags.extend((1..=n).map(|line| removed(file, line)));
        }
        diags.push(removed("content/d.md", 1));
        let summary = summarise(&diags, 3);
        let shown: Vec<String> = summary.in_full.iter().map(|d| d.location()).collect();
        assert_eq!(
            shown,
            ["content/a.md:1:1", "content/a.md:2:1", "content/a.md:3:1"]
        );
        assert_eq!(
            summary.more,
            [MoreOfKind {
                severity: Severity::Warning,
                code: Code::RawHtmlRemoved,
                count: 7,
                files: 3,
                most: vec![
                    (Path::new("content/b.md"), 4),
                    (Path::new("content/c.md"), 2),
                    (Path::new("content/d.md"), 1),
                ],
            }]
        );
    }

    #[test]
    fn summary_puts_errors_first_and_keeps_kinds_apart() {
        let mut diags: Vec<Diagnostic> = (1..=5).map(|l| removed("content/a.md", l)).collect();
        diags.extend(
            [
                "content/z.md",
                "content/y.md",
                "content/x.md",
                "content/w.md",
            ]
            .map(missing_image),
        );
        // The same code at another severity is another kind.
        diags.push(Diagnostic {
            severity: Severity::Error,
            ..removed("content/a.md", 9)
        });
        let summary = summarise(&diags, 2);
        let shown: Vec<(Severity, String)> = summary
            .in_full
            .iter()
            .map(|d| (d.severity, d.location()))
            .collect();
        assert_eq!(
            shown,
            [
                (Severity::Error, "content/a.md:9:1".to_string()),
                (Severity::Error, "content/w.md:1:1".to_string()),
                (Severity::Error, "content/x.md:1:1".to_string()),
                (Severity::Warning, "content/a.md:1:1".to_string()),
                (Severity::Warning, "content/a.md:2:1".to_string()),
            ]
        );
        let kinds: Vec<(Severity, Code, usize)> = summary
            .more
            .iter()
            .map(|m| (m.severity, m.code, m.count))
            .collect();
        assert_eq!(
            kinds,
            [
                (Severity::Error, Code::MissingImage, 2),
                (Severity::Warning, Code::RawHtmlRemoved, 3),
            ]
        );
    }

    #[test]
    fn summary_prints_uncoded_diagnostics_in_full() {
        let diags: Vec<Diagnostic> = (1..=10)
            .map(|l| Diagnostic::warning("content/a.md", "something odd").at(l, 1))
            .collect();
        let summary = summarise(&diags, 3);
        assert_eq!(summary.in_full.len(), 10);
        assert!(summary.more.is_empty());
    }

    #[test]
    fn summary_without_a_limit_prints_everything() {
        let diags: Vec<Diagnostic> = (1..=50).map(|l| removed("content/a.md", l)).collect();
        let summary = summarise(&diags, usize::MAX);
        assert_eq!(summary.in_full.len(), 50);
        assert!(summary.more.is_empty());
    }

    #[test]
    fn summary_does_not_depend_on_the_order_diagnostics_came_in() {
        let mut diags: Vec<Diagnostic> = (1..=20)
            .map(|i| removed(&format!("content/{}.md", i % 7), i))
            .collect();
        let lines = |diags: &[Diagnostic]| {
            let s = summarise(diags, 3);
            let full: Vec<String> = s.in_full.iter().map(|d| d.location()).collect();
            let more: Vec<String> = s.more.iter().map(MoreOfKind::message).collect();
            (full, more)
        };
        let before = lines(&diags);
        diags.reverse();
        assert_eq!(lines(&diags), before);
    }

    #[test]
    fn summary_line_counts_with_separators_and_names_files() {
        let mut many = MoreOfKind {
            severity: Severity::Warning,
            code: Code::RawHtmlRemoved,
            count: 7996,
            files: 412,
            most: vec![
                (Path::new("content/a.md"), 120),
                (Path::new("content/b.md"), 98),
                (Path::new("content/c.md"), 75),
            ],
        };
        assert_eq!(
            many.render(&Renderer::plain()).trim_end(),
            "warning[raw-html-removed]: 7,996 more in 412 files (most: content/a.md 120, content/b.md 98, content/c.md 75)"
        );
        many.files = 7996;
        assert_eq!(many.message(), "7,996 more in 7,996 files (one in each)");
        many.files = 3;
        assert_eq!(
            many.message(),
            "7,996 more in 3 files (content/a.md 120, content/b.md 98, content/c.md 75)"
        );
        many.files = 1;
        many.count = 5;
        assert_eq!(many.message(), "5 more in content/a.md");
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn render_names_the_code() {
        let out = removed("content/a.md", 1).render(&Renderer::plain());
        assert!(
            out.starts_with("warning[raw-html-removed]: content/a.md:1:1:"),
            "{out}"
        );
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
