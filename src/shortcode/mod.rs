//! Shortcodes: `{{ figures(data="reunification-milan") }}` on a line of its own in Markdown calls the
//! theme's `templates/shortcodes/figures.html` with those arguments, so editors can place data
//! (contact cards, tables, charts) in a guide without writing HTML. Hugo's syntax is read too
//! (`{{< note >}}…{{< /note >}}`, see [`hugo`]), so a site written for Hugo builds.
//!
//! The parse stage replaces each call with a token that cannot occur in content (private-use
//! U+E000 is removed from content first) and records the call; the render stage renders the call in
//! the language of each page and puts the HTML where the token is.

mod hugo;

use serde::Serialize;
use serde_json::{Map, Number, Value};

/// Delimits a shortcode token in parsed HTML.
pub const MARK: char = '\u{E000}';

/// One call found in a page.
#[derive(Debug, Clone, Serialize)]
pub struct Shortcode {
    pub name: String,
    /// Named arguments; a Hugo call's positional ones are `_args`, an array.
    pub args: Map<String, Value>,
    /// 1-based line of the call in the source file.
    pub line: usize,
    /// The call has inner content: the parsed HTML holds it between [`token`] and [`end_token`].
    pub paired: bool,
    /// Inner text kept as written (a `highlight`'s code), not read as Markdown.
    pub inner: Option<String>,
    /// No template renders it and the site said `[shortcodes] unknown = "warn"`: the render
    /// stage writes only its inner content.
    pub unknown: bool,
}

impl Shortcode {
    fn new(name: String, args: Map<String, Value>, line: usize) -> Shortcode {
        Shortcode {
            name,
            args,
            line,
            paired: false,
            inner: None,
            unknown: false,
        }
    }
}

/// A malformed call, at a 1-based line of the file.
#[derive(Debug)]
pub struct CallError {
    pub line: usize,
    pub message: String,
    /// How the call is written, for the editor.
    pub hint: String,
}

/// The token standing for call number `i` of a page.
pub fn token(i: usize) -> String {
    format!("{MARK}shortcode-{i}{MARK}")
}

/// The token where the inner content of call number `i` ends.
pub fn end_token(i: usize) -> String {
    format!("{MARK}shortcode-end-{i}{MARK}")
}

/// A token on a line of its own, written as an HTML comment: Markdown makes a comment line a block
/// of its own, even right under a line of text, where a bare token would join that paragraph.
fn in_block(token: &str) -> String {
    format!("<!--{token}-->")
}

/// The token inside a comment written by [`in_block`], for the Markdown stage, which writes the
/// bare token (editors cannot write one: [`MARK`] is removed from content).
pub fn block_token(raw: &str) -> Option<&str> {
    let token = raw.trim().strip_prefix("<!--")?.strip_suffix("-->")?;
    let marks = token.matches(MARK).count();
    (marks == 2 && token.starts_with(MARK) && token.ends_with(MARK)).then_some(token)
}

/// Whether the lines of a body are inside a fenced code block, line by line.
#[derive(Default)]
struct Fence(Option<String>);

impl Fence {
    /// Reads the next line; true while a fence is open after it (its opening line included,
    /// its closing line not).
    fn step(&mut self, line: &str) -> bool {
        let trimmed = line.trim();
        let marker: String = trimmed
            .chars()
            .take_while(|&c| c == '`' || c == '~')
            .collect();
        if marker.len() >= 3 {
            match &self.0 {
                Some(open) if trimmed.starts_with(open.as_str()) => self.0 = None,
                None => self.0 = Some(marker),
                _ => {}
            }
        }
        self.0.is_some()
    }
}

/// Finds the calls of `body`, Hugo's tags anywhere outside code and approdo's own calls on lines of
/// their own, and replaces each with its token. Line numbers are kept: one line in, one line out.
/// `refs` turns the page a Hugo `ref`/`relref` names into a link destination.
pub fn extract(
    body: &str,
    first_line: usize,
    refs: &dyn Fn(&str) -> String,
) -> (String, Vec<Shortcode>, Vec<CallError>) {
    let clean: String = body.chars().filter(|&c| c != MARK).collect();
    let (text, mut calls, mut errors) = hugo::extract(&clean, first_line, refs);
    let out = extract_own(&text, first_line, &mut calls, &mut errors);
    (out, calls, errors)
}

/// Replaces every own-syntax shortcode line of `body` (outside fenced code blocks) with its token,
/// numbering calls after those already in `calls`.
fn extract_own(
    body: &str,
    first_line: usize,
    calls: &mut Vec<Shortcode>,
    errors: &mut Vec<CallError>,
) -> String {
    const HINT: &str = "a shortcode stands on its own line: {{ name(key=\"value\") }}";
    let mut out = String::with_capacity(body.len());
    let mut fence = Fence::default();
    for (n, line) in body.split_inclusive('\n').enumerate() {
        let in_code = fence.step(line);
        let trimmed = line.trim();
        // What is left of Hugo's syntax is text: escaped tags written out, or tags in code.
        let own_line = trimmed.starts_with("{{")
            && trimmed.ends_with("}}")
            && !trimmed.starts_with("{{<")
            && !trimmed.starts_with("{{%");
        if !in_code && own_line && trimmed.len() >= 4 {
            let inner = trimmed[2..trimmed.len() - 2].trim();
            match parse_call(inner) {
                Ok((name, args)) => {
                    out.push_str(&token(calls.len()));
                    out.push_str(&line[line.trim_end().len()..]);
                    calls.push(Shortcode::new(name, args, first_line + n));
                    continue;
                }
                Err(message) => errors.push(CallError {
                    line: first_line + n,
                    message,
                    hint: HINT.into(),
                }),
            }
        }
        if !in_code && !own_line {
            if let Some(name) = call_inside_text(line) {
                errors.push(CallError {
                    line: first_line + n,
                    message: format!(
                        "the shortcode `{name}` is inside a line of text, so readers would see its braces"
                    ),
                    hint: HINT.into(),
                });
            }
        }
        out.push_str(line);
    }
    out
}

/// The name of a `{{ name(` call written inside a line of text (outside inline code), which is
/// not run: a shortcode stands on a line of its own.
fn call_inside_text(line: &str) -> Option<&str> {
    let mut search = 0;
    while let Some(p) = line[search..].find("{{") {
        let at = search + p;
        search = at + 2;
        // Between backticks it is code shown as written (documentation about shortcodes).
        if line[..at].matches('`').count() % 2 == 1 {
            continue;
        }
        let rest = line[at + 2..].trim_start();
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        if name_len > 0 && rest[name_len..].trim_start().starts_with('(') {
            return Some(&rest[..name_len]);
        }
    }
    None
}

/// `name(key="text", n=3, flag=true)` → name and arguments.
fn parse_call(s: &str) -> Result<(String, Map<String, Value>), String> {
    let open = s
        .find('(')
        .ok_or("a shortcode is written `{{ name(key=\"value\") }}`")?;
    if !s.ends_with(')') {
        return Err("the shortcode's argument list is not closed with `)`".into());
    }
    let name = s[..open].trim();
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return Err(format!("`{name}` is not a shortcode name"));
    }
    let mut args = Map::new();
    let mut rest = s[open + 1..s.len() - 1].trim();
    while !rest.is_empty() {
        let eq = rest
            .find('=')
            .ok_or_else(|| format!("argument `{rest}` has no `=value`"))?;
        let key = rest[..eq].trim();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!("`{key}` is not an argument name"));
        }
        let after = rest[eq + 1..].trim_start();
        let (value, remaining) = parse_value(after)?;
        args.insert(key.to_string(), value);
        rest = remaining.trim_start();
        if let Some(r) = rest.strip_prefix(',') {
            rest = r.trim_start();
        } else if !rest.is_empty() {
            return Err(format!("expected `,` between arguments, found `{rest}`"));
        }
    }
    Ok((name.to_string(), args))
}

fn parse_value(s: &str) -> Result<(Value, &str), String> {
    if let Some(q) = s.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let body = &s[1..];
        let mut out = String::new();
        let mut chars = body.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some((_, e)) => out.push(e),
                    None => break,
                },
                c if c == q => return Ok((Value::String(out), &body[i + 1..])),
                c => out.push(c),
            }
        }
        return Err("a quoted argument is not closed".into());
    }
    let end = s.find([',', ' ']).unwrap_or(s.len());
    let word = &s[..end];
    let value = match word {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        w => {
            let n: f64 = w
                .parse()
                .map_err(|_| format!("`{w}` is not a value: quote text, e.g. key=\"{w}\""))?;
            Number::from_f64(n)
                .map(Value::Number)
                .ok_or("not a finite number")?
        }
    };
    Ok((value, &s[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_become_tokens_and_keep_line_numbers() {
        let body = "Intro.\n\n{{ contact(office=\"questura\", compact=true) }}\n\n```\n{{ not(a=\"call\") }}\n```\n";
        let (out, calls, errors) = extract(body, 5, &str::to_owned);
        assert!(errors.is_empty());
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0].name, "contact");
        assert_eq!(calls[0].line, 7);
        assert_eq!(calls[0].args["office"], "questura");
        assert_eq!(calls[0].args["compact"], true);
        assert_eq!(out.lines().count(), body.lines().count());
        assert!(out.contains(&token(0)));
        assert!(out.contains("{{ not(a=\"call\") }}"), "code is left alone");
    }

    #[test]
    fn malformed_calls_are_reported_at_their_line() {
        let (_, calls, errors) =
            extract("a\n{{ figures(data=reunification) }}\n", 1, &str::to_owned);
        assert!(calls.is_empty());
        assert_eq!(errors[0].line, 2);
        assert!(
            errors[0].message.contains("quote text"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn content_cannot_forge_a_token() {
        let (out, calls, _) = extract(&format!("{MARK}shortcode-0{MARK}\n"), 1, &str::to_owned);
        assert!(calls.is_empty());
        assert!(!out.contains(MARK));
    }
}
