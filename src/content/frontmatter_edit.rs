//! Editing front-matter keys in place: the one writer of front matter, used by `i18n stamp`
//! (`translated_from:`) and `i18n scaffold` (a draft's keys).
//!
//! A translator's file is theirs: a tool that rewrites it must change the one line it means to and
//! keep every other byte (a byte-order mark, CRLF line endings, comments, key order), or a stamp
//! shows up in review as a whole-file change, and a Windows editor's file gets mixed line endings.
//! So nothing here re-serialises YAML or TOML: lines are replaced or added, values written with
//! [`crate::yaml::quoted_scalar`] (or as a TOML string) so any text reads back as it was.

use super::frontmatter::{split_front_matter, FrontMatterError, Notation};

/// A value to write.
#[derive(Debug, Clone, Copy)]
pub enum Value<'a> {
    /// Written double-quoted, so `: `, `#` and quotes are kept.
    Text(&'a str),
    Number(i64),
    Bool(bool),
}

impl Value<'_> {
    /// The whole `key: value` (YAML) or `key = value` (TOML) line, without its line ending.
    fn line(self, key: &str, notation: Notation) -> String {
        let value = match self {
            Value::Text(t) if notation == Notation::Toml => toml::Value::from(t).to_string(),
            Value::Text(t) => crate::yaml::quoted_scalar(t),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
        };
        match notation {
            Notation::Yaml => format!("{key}: {value}"),
            Notation::Toml => format!("{key} = {value}"),
        }
    }
}

/// Sets top-level keys of the front matter of `text` (a whole page file): the line of a key
/// already there is replaced (with the indented lines continuing its value), a new key is added
/// after the last line of the front matter, in the file's own line ending. Every other byte is
/// kept.
pub fn set_keys(text: &str, keys: &[(&str, Value)]) -> Result<String, FrontMatterError> {
    let split = split_front_matter(text)?;
    let (start, end) = (split.matter_at, split.matter_at + split.matter.len());
    let eol = line_ending(text);
    let mut lines: Vec<String> = split
        .matter
        .split_inclusive('\n')
        .map(str::to_owned)
        .collect();
    // In TOML, top-level keys come before the first `[table]`: a new one goes there.
    let top_level_end = |lines: &[String]| match split.notation {
        Notation::Yaml => lines.len(),
        Notation::Toml => lines
            .iter()
            .position(|l| l.trim_start().starts_with('['))
            .unwrap_or(lines.len()),
    };
    for (key, value) in keys {
        let line = value.line(key, split.notation);
        let end_of_top = top_level_end(&lines);
        match lines[..end_of_top]
            .iter()
            .position(|l| is_key_line(l, key, split.notation))
        {
            Some(i) => {
                let ending = &lines[i][lines[i].trim_end_matches(['\r', '\n']).len()..];
                lines[i] = format!("{line}{ending}");
                let continued = lines[i + 1..]
                    .iter()
                    .take_while(|l| l.starts_with([' ', '\t']))
                    .count();
                lines.drain(i + 1..i + 1 + continued);
            }
            None => lines.insert(end_of_top, format!("{line}{eol}")),
        }
    }
    Ok(format!(
        "{}{}{}",
        &text[..start],
        lines.concat(),
        &text[end..]
    ))
}

/// A new page made from `text` (a whole page file): its byte-order mark, line endings and body,
/// under a front matter holding only `keys`. What a scaffolded translation starts from.
pub fn with_keys(text: &str, keys: &[(&str, Value)]) -> Result<String, FrontMatterError> {
    let split = split_front_matter(text)?;
    let emptied = format!(
        "{}{}",
        &text[..split.matter_at],
        &text[split.matter_at + split.matter.len()..]
    );
    set_keys(&emptied, keys)
}

/// A top-level `key:` (YAML) or `key =` (TOML) line; indented lines belong to another key's value.
fn is_key_line(line: &str, key: &str, notation: Notation) -> bool {
    if line.starts_with([' ', '\t']) {
        return false;
    }
    let line = line.trim_end_matches(['\r', '\n']);
    match notation {
        Notation::Yaml => crate::yaml::key_line(line).is_some_and(|k| k.key == key),
        Notation::Toml => line
            .split_once('=')
            .is_some_and(|(k, _)| k.trim().trim_matches('"') == key),
    }
}

/// The file's line ending, as its first line has it.
fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if text[..i].ends_with('\r') => "\r\n",
        _ => "\n",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_key_goes_last_in_the_front_matter_with_the_files_line_ending() {
        let text = "\u{feff}---\r\ntitle: \"T\"\r\n# note\r\n---\r\n---\r\nbody\r\n";
        let out = set_keys(text, &[("translated_from", Value::Text("abc"))]).unwrap();
        assert_eq!(
            out,
            "\u{feff}---\r\ntitle: \"T\"\r\n# note\r\ntranslated_from: \"abc\"\r\n---\r\n---\r\nbody\r\n"
        );
    }

    #[test]
    fn a_key_is_replaced_where_it_is_with_its_continuation_lines() {
        let text = "---\ndescription: >\n  old\n  text\ntitle: x # keep\nweight: 3\n---\nb\n";
        let out = set_keys(
            text,
            &[
                ("description", Value::Text("new: #1")),
                ("weight", Value::Number(4)),
            ],
        )
        .unwrap();
        assert_eq!(
            out,
            "---\ndescription: \"new: #1\"\ntitle: x # keep\nweight: 4\n---\nb\n"
        );
        // A commented-out or indented key is not the key.
        let text = "---\n# weight: 1\nnested:\n  weight: 2\ntitle: x\n---\n";
        let out = set_keys(text, &[("weight", Value::Number(3))]).unwrap();
        assert_eq!(
            out,
            "---\n# weight: 1\nnested:\n  weight: 2\ntitle: x\nweight: 3\n---\n"
        );
    }

    #[test]
    fn with_keys_keeps_the_body_and_replaces_every_key() {
        let text = "---\r\ntitle: \"Il visto\"\r\nstep: 1\r\n---\r\n## Documenti\r\n";
        let out = with_keys(
            text,
            &[
                ("title", Value::Text("Il visto")),
                ("draft", Value::Bool(true)),
            ],
        )
        .unwrap();
        assert_eq!(
            out,
            "---\r\ntitle: \"Il visto\"\r\ndraft: true\r\n---\r\n## Documenti\r\n"
        );
    }

    #[test]
    fn a_toml_front_matter_gets_a_toml_line_before_its_tables() {
        let text = "+++\r\ntitle = \"T\"\r\n[extra]\r\nx = 1\r\n+++\r\nBody\r\n";
        let out = set_keys(text, &[("translated_from", Value::Text("abc\"d"))]).unwrap();
        let (before, after) = out.split_once("translated_from = ").unwrap();
        assert_eq!(before, "+++\r\ntitle = \"T\"\r\n");
        assert!(
            after.contains("\r\n[extra]\r\nx = 1\r\n+++\r\nBody\r\n"),
            "{out}"
        );
        let split = super::super::frontmatter::split_front_matter(&out).unwrap();
        let fm = super::super::frontmatter::parse_front_matter(&split).unwrap();
        assert_eq!(fm.translated_from.as_deref(), Some("abc\"d"));
        let again = set_keys(&out, &[("translated_from", Value::Text("new"))]).unwrap();
        assert!(
            again.contains("translated_from = \"new\"\r\n[extra]"),
            "{again}"
        );
        let split = super::super::frontmatter::split_front_matter(&again).unwrap();
        let fm = super::super::frontmatter::parse_front_matter(&split).unwrap();
        assert_eq!(fm.translated_from.as_deref(), Some("new"));
    }

    #[test]
    fn a_file_without_front_matter_is_an_error() {
        assert!(set_keys("title: x\n", &[("draft", Value::Bool(true))]).is_err());
        assert!(set_keys("---\ntitle: x\n", &[("draft", Value::Bool(true))]).is_err());
    }
}
