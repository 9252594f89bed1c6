//! The one place YAML is read. serde_yaml is unmaintained; front matter and data files both go
//! through [`from_yaml`], so replacing the YAML crate means rewriting this file only.
//!
//! Besides parsing, this module reads YAML *lines* for what serde_yaml does not say: a key written
//! twice in one mapping ([`duplicate_keys`]; serde_yaml keeps the last one without a word when the
//! target is a `Value`), and an indentation tab (its own message, "found character that cannot
//! start any token", does not say what to change).

use std::collections::HashMap;

use serde::de::DeserializeOwned;

/// `text` as a double-quoted YAML scalar that reads back as exactly `text`, whatever it holds
/// (`: `, `#`, quotes, backslashes): what the tools write into front matter. Besides the usual
/// escapes, the characters YAML 1.1 folds as line breaks (NEL, U+2028, U+2029) or does not allow
/// unescaped (DEL, C1 controls, BOM, U+FFFE/U+FFFF) are written as `\uXXXX`.
pub fn quoted_scalar(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{feff}'
            | '\u{fffe}'
            | '\u{ffff}' => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A YAML problem at a 1-based line and column: of the text parsed by [`from_yaml`], of the file
/// for [`from_yaml_at`].
#[derive(Debug)]
pub struct YamlError {
    pub line: usize,
    pub col: usize,
    /// The parser's message, without its own "at line N column M".
    pub message: String,
    /// `(line, column)` marks the parser named inside its message ("while scanning a quoted scalar
    /// at line 1 column 8"): where a construct started, often the better place to point at.
    pub marks: Vec<(usize, usize)>,
    /// For a duplicate key: the key, and the line it was first set on.
    pub duplicate: Option<(String, usize)>,
}

/// Parses YAML text into `T`. A key written twice in one mapping is an error at the second one,
/// whatever `T` is: a data file's reader would otherwise see only one of the two values, and a
/// front matter's error would point at the start of the mapping instead of the repeated key.
pub fn from_yaml<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    from_yaml_at(text, 1)
}

/// [`from_yaml`] for text that starts on line `first_line` of its file (a front matter starts on
/// line 2): every line in the error, including the one its message names, is a line of the file.
pub fn from_yaml_at<T: DeserializeOwned>(text: &str, first_line: usize) -> Result<T, YamlError> {
    let offset = first_line.saturating_sub(1);
    parse(text).map_err(|mut e| {
        e.line += offset;
        for mark in &mut e.marks {
            mark.0 += offset;
        }
        if let Some((key, first)) = e.duplicate.as_mut() {
            *first += offset;
            e.message = duplicate_message(key, *first);
        }
        e
    })
}

fn duplicate_message(key: &str, first_line: usize) -> String {
    format!(
        "duplicate key `{key}`: it is already set on line {first_line}, and only one of the two values would be kept"
    )
}

fn parse<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    let parsed = serde_yaml::from_str(text).map_err(|e| {
        let raw = e.to_string();
        let (message, marks) = strip_marks(&raw);
        let (line, col) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        match tab_indentation(text, line) {
            Some((line, col)) => YamlError {
                line,
                col,
                message: "this line is indented with a tab; YAML indents with spaces, not tabs"
                    .into(),
                marks: Vec::new(),
                duplicate: None,
            },
            None => YamlError {
                line,
                col,
                message,
                marks,
                duplicate: None,
            },
        }
    });
    // A parse error other than a duplicate is reported as the parser says: the lines of a broken
    // text are not a reliable map of its keys.
    if parsed
        .as_ref()
        .is_err_and(|e| !e.message.contains("duplicate"))
    {
        return parsed;
    }
    match duplicate_keys(text).into_iter().next() {
        Some(dup) => Err(YamlError {
            line: dup.line,
            col: dup.col,
            message: duplicate_message(&dup.key, dup.first_line),
            marks: Vec::new(),
            duplicate: Some((dup.key, dup.first_line)),
        }),
        None => parsed,
    }
}

/// The first line up to `until` (1-based) whose indentation holds a tab, with the tab's 1-based
/// column. Asked only when parsing failed, so a tab that is text inside a block scalar is not
/// blamed for a valid file.
fn tab_indentation(text: &str, until: usize) -> Option<(usize, usize)> {
    text.lines().take(until).enumerate().find_map(|(i, line)| {
        let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        let tab = indent.find('\t')?;
        (indent.len() < line.len()).then_some((i + 1, tab + 1))
    })
}

/// A key written a second time in the same mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    pub key: String,
    /// 1-based line and character column of the second occurrence.
    pub line: usize,
    pub col: usize,
    /// 1-based line of the first occurrence.
    pub first_line: usize,
}

/// One `key: value` line of block YAML, as far as the line alone shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyLine<'a> {
    /// The key, unquoted (`"title"` and `title` are the same key).
    pub key: String,
    /// What follows `key:`, leading spaces removed (a trailing comment included).
    pub value: &'a str,
    /// Byte offset of [`KeyLine::value`] in the text given to [`key_line`].
    pub value_at: usize,
}

/// Reads `key: value` (plain, `"double"` or `'single'` quoted key) from text that starts at the
/// key. `None` for anything else: a plain scalar, a comment, a complex `? key`, a line whose only
/// `: ` is inside a comment.
pub fn key_line(text: &str) -> Option<KeyLine<'_>> {
    let (key, after_key) = match text.chars().next()? {
        '"' | '\'' => {
            let (key, len) = quoted(text)?;
            (key, len)
        }
        '#' | '?' | '-' | '[' | '{' | '|' | '>' | '&' | '*' | '!' | '%' | '@' | '`' => {
            // `-` only starts a plain key when followed by a non-space (`-key: 1`).
            if text.starts_with('-') && text.len() > 1 && !text[1..].starts_with(' ') {
                plain_key(text)?
            } else {
                return None;
            }
        }
        _ => plain_key(text)?,
    };
    let rest = &text[after_key..];
    let colon = rest.len() - rest.trim_start_matches(' ').len();
    let rest = rest[colon..].strip_prefix(':')?;
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let value = rest.trim_start_matches([' ', '\t']);
    Some(KeyLine {
        key,
        value,
        value_at: text.len() - value.len(),
    })
}

/// A plain key: up to the first `: ` (or a final `:`), unless a ` #` comment starts before it.
fn plain_key(text: &str) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'#' && i > 0 && matches!(bytes[i - 1], b' ' | b'\t') {
            return None;
        }
        if b == b':' && matches!(bytes.get(i + 1), None | Some(b' ' | b'\t')) {
            let key = text[..i].trim_end();
            return (!key.is_empty()).then(|| (key.to_string(), i));
        }
    }
    None
}

/// A quoted scalar at the start of `text`: its content (escapes of a double-quoted one decoded,
/// so `"a\tb"` and `'a<tab>b'` are one key) and the byte length of the quoted form; `None` when it
/// does not close on this line.
fn quoted(text: &str) -> Option<(String, usize)> {
    let quote = text.chars().next()?;
    let mut out = String::new();
    let mut chars = text.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            ('"', '\\') => {
                let Some((_, n)) = chars.next() else { break };
                let hex = |len: usize, chars: &mut std::iter::Peekable<_>| {
                    let digits: String = (0..len)
                        .filter_map(|_| chars.next())
                        .map(|(_, c)| c)
                        .collect();
                    u32::from_str_radix(&digits, 16)
                        .ok()
                        .and_then(char::from_u32)
                };
                let c = match n {
                    '0' => Some('\0'),
                    'a' => Some('\u{7}'),
                    'b' => Some('\u{8}'),
                    't' => Some('\t'),
                    'n' => Some('\n'),
                    'v' => Some('\u{b}'),
                    'f' => Some('\u{c}'),
                    'r' => Some('\r'),
                    'e' => Some('\u{1b}'),
                    'N' => Some('\u{85}'),
                    '_' => Some('\u{a0}'),
                    'L' => Some('\u{2028}'),
                    'P' => Some('\u{2029}'),
                    'x' => hex(2, &mut chars),
                    'u' => hex(4, &mut chars),
                    'U' => hex(8, &mut chars),
                    other => Some(other),
                };
                out.extend(c);
            }
            ('\'', '\'') if chars.peek().is_some_and(|&(_, n)| n == '\'') => {
                chars.next();
                out.push('\'');
            }
            (q, c) if c == q => return Some((out, i + 1)),
            (_, c) => out.push(c),
        }
    }
    None
}

/// What the lines after a value are, when they are not keys of their own.
enum Skip {
    /// The content of a `|` or `>` block scalar: every line indented more than `parent`.
    Block { parent: usize },
    /// The rest of a quoted scalar that goes on over lines.
    Quoted(char),
    /// The rest of a `[…]` or `{…}` flow collection that goes on over lines.
    Flow(usize),
}

/// What follows a value on its line: a block scalar, an unclosed quote or bracket, or nothing.
fn skip_after(value: &str, parent: usize) -> Option<Skip> {
    // Anchors and tags may precede the value: `&base |`, `!!str "…"`.
    let mut value = value;
    while value.starts_with(['&', '!']) {
        value = value
            .find(' ')
            .map_or("", |i| value[i..].trim_start_matches(' '));
    }
    let first = value.chars().next()?;
    match first {
        '|' | '>' => {
            let header = value[1..].split(" #").next().unwrap_or("").trim_end();
            header
                .chars()
                .all(|c| c.is_ascii_digit() || c == '+' || c == '-')
                .then_some(Skip::Block { parent })
        }
        '"' | '\'' => quoted(value).is_none().then_some(Skip::Quoted(first)),
        '[' | '{' => {
            let depth = flow_depth(value, 0);
            (depth > 0).then_some(Skip::Flow(depth))
        }
        _ => None,
    }
}

/// Bracket depth after `line`, starting from `depth`, with quoted text and comments left out.
fn flow_depth(line: &str, mut depth: usize) -> usize {
    let mut in_quote: Option<char> = None;
    let mut prev = ' ';
    for c in line.chars() {
        match (in_quote, c) {
            (Some('"'), '\\') => {}
            (Some(q), c) if c == q && !(q == '"' && prev == '\\') => in_quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => in_quote = Some(c),
            (None, '#') if prev == ' ' => break,
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        prev = if prev == '\\' && c == '\\' { ' ' } else { c };
    }
    depth
}

/// Keys written twice in the same mapping of block-style YAML, in the order of the second
/// occurrences. YAML forbids them, but serde_yaml reading into a `Value` keeps the last without a
/// word, so an office's `phone:` written twice silently loses one number.
///
/// Read line by line: keys at one indentation belong to one mapping until a line indented less
/// closes it; each `- ` item starts a new mapping; block scalars (`|`, `>`), quoted values and
/// flow collections (`[…]`, `{…}`, not looked into) that continue over lines are skipped, as are
/// comments, and complex `? key`s (multi-line keys) are not compared. Meant for text serde_yaml has
/// accepted (or refused only for a duplicate).
pub fn duplicate_keys(text: &str) -> Vec<DuplicateKey> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut scan = KeyScan::default();
    for (i, line) in text.lines().enumerate() {
        scan.line(i + 1, line);
    }
    scan.duplicates
}

/// The state of [`duplicate_keys`] between lines.
#[derive(Default)]
struct KeyScan {
    duplicates: Vec<DuplicateKey>,
    /// The mappings still open, outermost first.
    open: Vec<Mapping>,
    /// What the next lines continue, and so are not read as keys.
    skip: Option<Skip>,
}

/// One block mapping: its keys' indentation, and the line each key was first written on.
struct Mapping {
    indent: usize,
    keys: HashMap<String, usize>,
}

impl KeyScan {
    /// Reads line `number` (1-based).
    fn line(&mut self, number: usize, line: &str) {
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        if self.continues_skip(line, content, indent)
            || content.trim().is_empty()
            || content.starts_with('#')
        {
            return;
        }
        if indent == 0 && (content.starts_with("---") || content.starts_with("...")) {
            self.open.clear();
            return;
        }
        let (col, rest, item) = self.enter_items(indent, content);
        match key_line(rest) {
            Some(kl) => self.key(kl, number, &line[..col], item.is_some()),
            None => self.not_a_key(rest, col, item),
        }
    }

    /// Whether the line is the continuation of a block scalar, a quoted value or a flow
    /// collection started above (and so no key); a block scalar ends at the first line indented
    /// no more than its parent.
    fn continues_skip(&mut self, line: &str, content: &str, indent: usize) -> bool {
        match self.skip.take() {
            Some(Skip::Block { parent }) if content.trim().is_empty() || indent > parent => {
                self.skip = Some(Skip::Block { parent });
                true
            }
            Some(Skip::Quoted(q)) => {
                let closes = match q {
                    '"' => quoted(&format!("\"{line}")).is_some(),
                    _ => quoted(&format!("'{line}")).is_some(),
                };
                if !closes {
                    self.skip = Some(Skip::Quoted(q));
                }
                true
            }
            Some(Skip::Flow(depth)) => {
                let depth = flow_depth(line, depth);
                if depth > 0 {
                    self.skip = Some(Skip::Flow(depth));
                }
                true
            }
            _ => false,
        }
    }

    /// Sequence items: each `- ` closes what was deeper and starts a new mapping. Returns the
    /// column and text after the dashes, and the column of the last dash if there was one.
    fn enter_items<'l>(
        &mut self,
        indent: usize,
        content: &'l str,
    ) -> (usize, &'l str, Option<usize>) {
        let (mut col, mut rest, mut item) = (indent, content, None);
        while rest == "-" || rest.starts_with("- ") {
            self.close_deeper_than(col);
            item = Some(col);
            let after = rest[1..].trim_start_matches(' ');
            col += rest.len() - after.len();
            rest = after;
        }
        (col, rest, item)
    }

    fn close_deeper_than(&mut self, col: usize) {
        while self.open.last().is_some_and(|m| m.indent > col) {
            self.open.pop();
        }
    }

    /// A line that is no `key:` line: an item's scalar, or a complex key, may start a skip.
    fn not_a_key(&mut self, rest: &str, col: usize, item: Option<usize>) {
        if let Some(dash) = item {
            self.skip = skip_after(rest, dash);
        } else if let Some(after) = ["? ", ": "].iter().find_map(|i| rest.strip_prefix(i)) {
            // A complex key (`? |` then `: value`, how multi-line keys are written): not
            // compared, but its text and value must not be read as keys.
            self.close_deeper_than(col);
            self.skip = skip_after(after.trim_start_matches(' '), col);
        }
    }

    /// A `key:` line whose key starts after `before` (the indentation and any dashes): it joins
    /// the open mapping at its column, or opens one, and is a duplicate if that mapping has it.
    fn key(&mut self, kl: KeyLine<'_>, number: usize, before: &str, in_item: bool) {
        let col = before.len();
        if !in_item {
            self.close_deeper_than(col);
        }
        if self.open.last().is_none_or(|m| m.indent < col) {
            self.open.push(Mapping {
                indent: col,
                keys: HashMap::new(),
            });
        }
        self.skip = skip_after(kl.value, col);
        if kl.key == "<<" {
            // Merge keys (`<<: *defaults`) are YAML 1.1's, and not values of their own.
            return;
        }
        let Some(mapping) = self.open.last_mut() else {
            return;
        };
        match mapping.keys.get(&kl.key) {
            Some(&first) => self.duplicates.push(DuplicateKey {
                key: kl.key,
                line: number,
                col: before.chars().count() + 1,
                first_line: first,
            }),
            None => {
                mapping.keys.insert(kl.key, number);
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `(key, line, first_line)` of every duplicate.
    fn dups(text: &str) -> Vec<(String, usize, usize)> {
        duplicate_keys(text)
            .into_iter()
            .map(|d| (d.key, d.line, d.first_line))
            .collect()
    }

    #[test]
    fn a_key_twice_in_one_mapping_is_found_at_its_second_line() {
        assert_eq!(
            dups("offices: []\noffices: []\n"),
            [("offices".into(), 2, 1)]
        );
        let nested = "a:\n  x: 1\n  y: 2\n  x: 3\nb: 4\n";
        assert_eq!(dups(nested), [("x".into(), 4, 2)]);
        let d = &duplicate_keys("a:\n  x: 1\n  x: 3\n")[0];
        assert_eq!((d.line, d.col), (3, 3));
    }

    #[test]
    fn the_same_key_in_different_mappings_is_not_a_duplicate() {
        assert!(dups("a:\n  x: 1\nb:\n  x: 2\n").is_empty());
        assert!(dups("a:\n  b:\n    x: 1\n  c:\n    x: 2\n  x: 3\nx: 4\n").is_empty());
        // After a deeper mapping closes, the outer one goes on.
        assert_eq!(
            dups("a:\n  b:\n    x: 1\n  x: 2\n  x: 3\n"),
            [("x".into(), 5, 4)]
        );
    }

    #[test]
    fn each_list_item_is_a_mapping_of_its_own() {
        let items = "offices:\n  - id: a\n    name: x\n  - id: b\n    name: y\n";
        assert!(dups(items).is_empty());
        let flush = "offices:\n- id: a\n  name: x\n- id: b\n  name: y\nother: 1\n";
        assert!(dups(flush).is_empty());
        assert_eq!(
            dups("offices:\n- id: a\n  id: b\noffices: 2\n"),
            [("id".into(), 3, 2), ("offices".into(), 4, 1)]
        );
        let deep = "- id: a\n  what:\n    it: x\n    en: y\n  phone: 1\n  phone: 2\n";
        assert_eq!(dups(deep), [("phone".into(), 6, 5)]);
        assert!(dups("- - a: 1\n  - a: 2\n- a: 3\n").is_empty());
        assert!(dups("-\n  a: 1\n-\n  a: 2\n").is_empty());
    }

    #[test]
    fn comments_are_not_keys() {
        assert!(dups("# title: a\ntitle: b # title: c\n  # title: d\n").is_empty());
        assert!(dups("a: 1\nb # a: 2\n").is_empty());
    }

    #[test]
    fn quoted_keys_are_read_as_their_text() {
        assert!(dups("\"a: b\": 1\na: 2\n'a # b': 3\n").is_empty());
        assert_eq!(dups("\"title\": x\ntitle: y\n"), [("title".into(), 2, 1)]);
        assert_eq!(dups("'it''s': 1\nit's: 2\n"), [("it's".into(), 2, 1)]);
        assert_eq!(dups("\"a\\\"b\": 1\n'a\"b': 2\n"), [("a\"b".into(), 2, 1)]);
    }

    #[test]
    fn block_scalars_quoted_text_and_flow_collections_are_skipped() {
        let block = "text: |\n  title: a\n\n  title: b\nother: >-\n  x: 1\n  x: 2\ntext: 2\n";
        assert_eq!(dups(block), [("text".into(), 8, 1)]);
        let item = "- |\n  a: 1\n  a: 2\n- a: 3\n";
        assert!(dups(item).is_empty());
        let kept = "a: |2 # comment\n   a: 1\nb: &x >\n  b: 1\n";
        assert!(dups(kept).is_empty());
        let quoted = "a: \"first\n  a: still text\"\nb: 'x\n  b: y'\na: 3\n";
        assert_eq!(dups(quoted), [("a".into(), 5, 1)]);
        let flow = "a: [1,\n  2]\nb: {x: 1,\n  x: 2}\nc: {y: \"}\",\n  y: 1}\n";
        assert!(dups(flow).is_empty());
        // `|` in the middle of a plain value is text, not a block scalar.
        assert_eq!(dups("a: x | y\na: 2\n"), [("a".into(), 2, 1)]);
    }

    #[test]
    fn documents_merge_keys_crlf_and_bom() {
        assert!(dups("a: 1\n---\na: 2\n").is_empty());
        assert!(dups("base: &b\n  x: 1\nc:\n  <<: *b\n  <<: *b\n").is_empty());
        assert_eq!(dups("a: 1\r\na: 2\r\n"), [("a".into(), 2, 1)]);
        assert_eq!(dups("\u{feff}a: 1\na: 2\n"), [("a".into(), 2, 1)]);
    }

    #[test]
    fn key_lines_are_read_as_yaml_reads_them() {
        let kl = key_line("title: Visa: the documents # x").unwrap();
        assert_eq!(
            (kl.key.as_str(), kl.value),
            ("title", "Visa: the documents # x")
        );
        assert_eq!(kl.value_at, 7);
        assert_eq!(key_line("url: https://x.org").unwrap().key, "url");
        assert_eq!(key_line("http://x.org: 1").unwrap().key, "http://x.org");
        assert_eq!(key_line("key:").unwrap().value, "");
        assert_eq!(key_line("-key: 1").unwrap().key, "-key");
        for not_a_key in [
            "plain text",
            "a:b",
            "# a: b",
            "- a: b",
            "? a",
            "\"open: 1",
            "a #: b",
        ] {
            assert!(key_line(not_a_key).is_none(), "{not_a_key}");
        }
    }

    #[test]
    fn a_duplicate_is_an_error_whatever_the_target_type() {
        let e = from_yaml::<serde_json::Value>("offices: []\noffices: []\n").unwrap_err();
        assert_eq!((e.line, e.col), (2, 1));
        assert!(
            e.message.contains("duplicate key `offices`"),
            "{}",
            e.message
        );
        assert!(e.message.contains("line 1"), "{}", e.message);
        // Lines of the file, message included, when the text starts further down.
        let e = from_yaml_at::<serde_json::Value>("a: 1\nb: 2\na: 3\n", 2).unwrap_err();
        assert_eq!(e.line, 4);
        assert!(e.message.contains("line 2"), "{}", e.message);
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            title: String,
        }
        let e = from_yaml_at::<T>("title: a\ntitle: b\n", 2).unwrap_err();
        assert_eq!(e.line, 3);
        assert_eq!(e.duplicate, Some(("title".into(), 2)));
    }

    #[test]
    fn an_indentation_tab_is_named_and_a_tab_in_text_is_not() {
        let e = from_yaml::<serde_json::Value>("offices:\n\t- id: a\n").unwrap_err();
        assert_eq!((e.line, e.col), (2, 1));
        assert!(e.message.contains("tab"), "{}", e.message);
        let ok = from_yaml::<serde_json::Value>("a: |\n  x\n  \ty\nb: \"\tz\"\n").unwrap();
        assert_eq!(ok["a"], "x\n\ty\n");
    }

    /// Any nested value as serde_yaml writes it (block scalars for multi-line text, quoted keys
    /// with `: `, `#` and quotes, lists of mappings): no duplicate is seen where there is none,
    /// and writing one key again at the end of the top mapping is seen.
    mod generated {
        use super::*;
        use proptest::prelude::*;
        use serde_json::{Map, Value};

        fn text() -> impl Strategy<Value = String> {
            prop::sample::select(vec![
                "a",
                "b",
                "title",
                "a: b",
                "x #y",
                "#c",
                "'q'",
                "\"d\"",
                "- e",
                "|",
                ">",
                "l1\nl2: x\n",
                "  sp",
                "[f]",
                "{g}",
                "&h",
                "*i",
                "?",
                "",
                "tab\there",
            ])
            .prop_map(str::to_string)
        }

        fn value() -> impl Strategy<Value = Value> {
            let leaf = prop_oneof![
                text().prop_map(Value::String),
                any::<i32>().prop_map(Value::from),
                any::<bool>().prop_map(Value::Bool),
                Just(Value::Null),
            ];
            leaf.prop_recursive(4, 32, 5, |inner| {
                prop_oneof![
                    prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                    prop::collection::btree_map(text(), inner, 0..5)
                        .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
                ]
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

            #[test]
            fn no_duplicate_where_there_is_none(v in value()) {
                let yaml = serde_yaml::to_string(&v).unwrap();
                prop_assert_eq!(duplicate_keys(&yaml), vec![], "{}", yaml);
                prop_assert_eq!(from_yaml::<Value>(&yaml).unwrap(), v);
            }

            #[test]
            fn a_top_level_key_written_again_is_found(
                m in prop::collection::btree_map(text(), value(), 1..5),
            ) {
                let (key, _) = m.iter().next().unwrap();
                // Multi-line keys are written as `? |` complex keys, which are not compared.
                prop_assume!(!key.contains('\n'));
                let v = Value::Object(m.clone().into_iter().collect());
                let again = serde_yaml::to_string(&serde_json::json!({ key.as_str(): 1 })).unwrap();
                let yaml = format!("{}{again}", serde_yaml::to_string(&v).unwrap());
                let found = duplicate_keys(&yaml);
                prop_assert_eq!(found.len(), 1, "{}", yaml);
                prop_assert_eq!(&found[0].key, key);
                prop_assert_eq!(found[0].line, yaml.lines().count() - again.lines().count() + 1);
            }
        }
    }

    #[test]
    fn quoted_text_reads_back_unchanged() {
        for text in [
            "Il visto",
            "Visto: tipo D",
            "Passo #2 # nota",
            "\"citato\" e 'apostrofo'",
            "barra \\ rovescia \\n",
            "righe\ne\ttab\r",
            "a\u{85}b\u{2028}c\u{2029}d\u{7f}e\u{9b}f\u{feff}g",
            "- [x] *grassetto* & {graffe} | > !tag %",
            "",
            "التأشيرة 签证",
        ] {
            let yaml = format!("v: {}\n", quoted_scalar(text));
            let back: std::collections::BTreeMap<String, String> =
                from_yaml(&yaml).unwrap_or_else(|e| panic!("{yaml}: {}", e.message));
            assert_eq!(back["v"], text, "{yaml}");
        }
    }
}
