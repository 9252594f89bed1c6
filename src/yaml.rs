//! The one place YAML is read. serde_yaml is unmaintained; front matter and data files both go
//! through [`from_yaml`], so replacing the YAML crate means rewriting this file only.

use serde::de::DeserializeOwned;

/// A YAML problem at a 1-based line and column of the text that was parsed.
#[derive(Debug)]
pub struct YamlError {
    pub line: usize,
    pub col: usize,
    /// The parser's message, without its own "at line N column M".
    pub message: String,
    /// `(line, column)` marks the parser named inside its message ("while scanning a quoted scalar
    /// at line 1 column 8"): where a construct started, often the better place to point at.
    pub marks: Vec<(usize, usize)>,
}

/// Parses YAML text into `T`.
pub fn from_yaml<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|e| {
        let raw = e.to_string();
        let (message, marks) = strip_marks(&raw);
        let (line, col) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        YamlError {
            line,
            col,
            message,
            marks,
        }
    })
}

/// Removes `at line N column M` marks from a YAML message, returning them separately.
fn strip_marks(raw: &str) -> (String, Vec<(usize, usize)>) {
    let mut out = String::new();
    let mut marks = Vec::new();
    let mut rest = raw;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let mut parts = after.splitn(3, ' ');
        let line = parts
            .next()
            .and_then(|n| n.trim_end_matches(',').parse::<usize>().ok());
        let kw = parts.next();
        let tail = parts.next().unwrap_or("");
        let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
        match (line, kw, tail[..digits].parse::<usize>().ok()) {
            (Some(l), Some("column"), Some(c)) => {
                marks.push((l, c));
                rest = &tail[digits..];
            }
            _ => {
                out.push_str(" at line ");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    (out, marks)
}
