//! Escaping and URL encoding: leaf helpers every stage may use, depending on nothing of the
//! pipeline, so that the stages do not import each other for a one-line function.

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde::Serialize;

/// Characters escaped in URL paths: everything outside RFC 3986 unreserved, keeping `/`.
const PATH_SET: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}')
    .add(b'\'')
    .add(b'&')
    .add(b'+')
    .add(b',')
    .add(b';')
    .add(b'=')
    .add(b'@')
    .add(b':')
    .add(b'$')
    .add(b'!')
    .add(b'*')
    .add(b'(')
    .add(b')');

/// Percent-encodes a site path (non-ASCII slugs included) so it is valid in any URL context.
pub fn encode_path(path: &str) -> String {
    utf8_percent_encode(path, PATH_SET).to_string()
}

/// Escapes text for XML element content and attribute values.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && !matches!(c, '\n' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

/// JSON safe to place anywhere on the web: `<`, `>`, `&` and the line separators U+2028/U+2029 are
/// written as `\u` escapes, so the text can never close a `<script>` or an HTML comment even if a
/// theme inlines it.
pub fn web_json<T: Serialize + ?Sized>(value: &T) -> String {
    let raw = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    const SPECIAL: [char; 5] = ['<', '>', '&', '\u{2028}', '\u{2029}'];
    // Most JSON (the search index: megabytes per language) has none of them: no copy at all.
    if !raw.contains(SPECIAL) {
        return raw;
    }
    let mut out = String::with_capacity(raw.len() + 64);
    let mut last = 0;
    for (i, c) in raw.match_indices(SPECIAL) {
        out.push_str(&raw[last..i]);
        out.push_str(match c {
            "<" => "\\u003c",
            ">" => "\\u003e",
            "&" => "\\u0026",
            "\u{2028}" => "\\u2028",
            _ => "\\u2029",
        });
        last = i + c.len();
    }
    out.push_str(&raw[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_percent_encoded() {
        assert_eq!(
            encode_path("/ar/legal/تأشيرة/"),
            "/ar/legal/%D8%AA%D8%A3%D8%B4%D9%8A%D8%B1%D8%A9/"
        );
        assert_eq!(encode_path("/it/a b/"), "/it/a%20b/");
    }

    #[test]
    fn xml_escape_escapes_markup() {
        assert_eq!(
            xml_escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"
        );
    }
}
