//! Hugo's shortcode syntax, so that a site written for Hugo builds: `{{< name args >}}` and
//! `{{% name args %}}`, positional and named arguments, paired with inner content
//! (`{{< note >}}…{{< /note >}}`), on a line of their own or inside a sentence.
//!
//! Calls become the same tokens as approdo's own shortcodes. A tag alone on its line is written as
//! an HTML comment holding its token (`<!--token-->`): Markdown makes such a line a block of its
//! own even right under a paragraph line, so a note's inner paragraphs stay whole paragraphs; the
//! Markdown stage writes the bare token back. The inner content of a paired call stays in the
//! page's Markdown between its opening and closing tokens, so it is parsed, sanitized and
//! link-checked with the rest of the page, at its own lines; the render stage hands the HTML
//! between the two tokens to the template as `body`.
//!
//! Two kinds of names are handled here rather than by a template: `ref`/`relref` become the link
//! destination they name (the Markdown stage then resolves it like any `.md` link), and the inner
//! text of `highlight` is code, kept as written and taken out of the Markdown.

use std::ops::Range;

use serde_json::{Map, Number, Value};

use super::{end_token, in_block, token, CallError, Fence, Shortcode};

/// Shortcodes whose inner text is code, kept as written rather than read as Markdown.
const RAW_INNER: &[&str] = &["highlight"];
/// Shortcodes that always have inner content, whatever the page does elsewhere.
const ALWAYS_PAIRED: &[&str] = &["details", "highlight"];
/// Hugo's link shortcodes, replaced by the destination they name.
const REFS: &[&str] = &["ref", "relref"];
const HINT: &str = "Hugo shortcodes are written {{< name arg key=\"value\" >}} on one line";

/// One tag as written, at a byte range of the body.
struct Tag {
    range: Range<usize>,
    line: usize,
    /// The tag is all its line holds (indentation aside).
    alone: bool,
    kind: Kind,
}

enum Kind {
    /// Positional arguments are in `args` as `_args`, an array.
    Open {
        name: String,
        args: Map<String, Value>,
        self_closing: bool,
    },
    Close {
        name: String,
    },
    /// `{{</* name */>}}`, Hugo's way to show a tag: written out as `{{< name >}}`.
    Escaped(String),
}

/// Replaces the Hugo tags of `body` with tokens (one line in, one line out) and records the calls.
/// `refs` turns the page named by a `ref`/`relref` into a link destination.
pub(super) fn extract(
    body: &str,
    first_line: usize,
    refs: &dyn Fn(&str) -> String,
) -> (String, Vec<Shortcode>, Vec<CallError>) {
    let mut pairing = Pairing::default();
    let tags = scan(body, first_line, &mut pairing.errors);
    pairing.run(body, &tags, refs);
    let mut out = String::with_capacity(body.len());
    let mut at = 0;
    for (range, text) in &pairing.edits {
        out.push_str(&body[at..range.start]);
        out.push_str(text);
        at = range.end;
    }
    out.push_str(&body[at..]);
    (out, pairing.calls, pairing.errors)
}

/// Every tag outside code, and every escaped tag (inside code too: that is where Hugo's own
/// documentation writes them).
fn scan(body: &str, first_line: usize, errors: &mut Vec<CallError>) -> Vec<Tag> {
    let mut tags = Vec::new();
    let mut fence = Fence::default();
    let mut offset = 0;
    for (n, line) in body.split_inclusive('\n').enumerate() {
        let in_fence = fence.step(line);
        let code = if in_fence {
            Vec::new()
        } else {
            code_spans(line)
        };
        let text = line.trim_end_matches('\n');
        let mut at = 0;
        while let Some(p) = text[at..].find("{{") {
            let start = at + p;
            at = start + 2;
            let close = match text[at..].chars().next() {
                Some('<') => ">}}",
                Some('%') => "%}}",
                _ => continue,
            };
            let after = &text[start + 3..];
            let in_code = in_fence || code.iter().any(|r| r.contains(&start));
            let parsed = match escaped(after, close) {
                Some((shown, len)) => Ok((Kind::Escaped(shown), len)),
                None if in_code => continue,
                None => parse_tag(after, close),
            };
            match parsed {
                Ok((kind, len)) => {
                    let end = start + 3 + len;
                    tags.push(Tag {
                        range: offset + start..offset + end,
                        line: first_line + n,
                        alone: text[..start].trim().is_empty() && text[end..].trim().is_empty(),
                        kind,
                    });
                    at = end;
                }
                Err(message) => errors.push(CallError {
                    line: first_line + n,
                    message,
                    hint: HINT.into(),
                }),
            }
        }
        offset += line.len();
    }
    tags
}

/// The byte ranges of a line's inline code spans, backticks included: a run of backticks opens
/// a span that the next run of the same length closes.
fn code_spans(line: &str) -> Vec<Range<usize>> {
    let bytes = line.as_bytes();
    let mut spans = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'`' {
            i += 1;
            continue;
        }
        let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
        match open {
            Some((start, len)) if len == run => {
                spans.push(start..i + run);
                open = None;
            }
            None => open = Some((i, run)),
            Some(_) => {}
        }
        i += run;
    }
    spans
}

/// `/* name */>}}` after `{{<`: the tag as Hugo shows it (`{{< name >}}`) and the bytes it took.
fn escaped(after: &str, close: &str) -> Option<(String, usize)> {
    let open = after.len() - after.trim_start().len();
    let inner_start = open + after[open..].strip_prefix("/*").map(|_| 2)?;
    let end = after[inner_start..].find(&format!("*/{close}"))? + inner_start;
    let delim = &close[..1];
    let opener = if delim == ">" { "<" } else { "%" };
    let shown = format!("{{{{{opener}{}{close}", &after[inner_start..end]);
    Some((shown, end + 2 + close.len()))
}

/// Unescapes `{{</* … */>}}` in text kept as written (a highlight's code).
fn unescape(text: &str) -> String {
    text.replace("{{</*", "{{<")
        .replace("*/>}}", ">}}")
        .replace("{{%/*", "{{%")
        .replace("*/%}}", "%}}")
}

/// One tag after its `{{<` or `{{%`: what it is and how many bytes it took (up to its `>}}`).
fn parse_tag(s: &str, close: &str) -> Result<(Kind, usize), String> {
    let mut lex = Lexer { s, pos: 0, close };
    lex.skip_spaces();
    let closing = lex.eat("/");
    lex.skip_spaces();
    let name = lex.bare();
    if !is_name(name) {
        return Err(format!(
            "`{name}` is not a shortcode name: a tag starts with its name, as in `{{{{< note >}}}}`"
        ));
    }
    let name = name.to_string();
    if closing {
        lex.skip_spaces();
        if !lex.eat(close) {
            return Err(format!(
                "the closing tag of `{name}` takes no arguments and ends with `{close}`"
            ));
        }
        return Ok((Kind::Close { name }, lex.pos));
    }
    let (args, self_closing) = lex.arguments(&name)?;
    Ok((
        Kind::Open {
            name,
            args,
            self_closing,
        },
        lex.pos,
    ))
}

/// Hugo allows folders in names (`docs/note`), so `/` and `.` are name characters after the first.
fn is_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '/' | '.'))
}

/// Reads the inside of one tag.
struct Lexer<'a> {
    s: &'a str,
    pos: usize,
    close: &'a str,
}

impl<'a> Lexer<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.pos..]
    }

    fn skip_spaces(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, text: &str) -> bool {
        let found = self.rest().starts_with(text);
        if found {
            self.pos += text.len();
        }
        found
    }

    /// A run of characters up to a space, `=`, a quote or the end of the tag.
    fn bare(&mut self) -> &'a str {
        let rest = self.rest();
        let mut end = rest.len();
        for (i, c) in rest.char_indices() {
            let tail = &rest[i..];
            if c.is_whitespace()
                || matches!(c, '=' | '"' | '`')
                || tail.starts_with(self.close)
                || (c == '/' && tail[1..].trim_start().starts_with(self.close))
            {
                end = i;
                break;
            }
        }
        self.pos += end;
        &rest[..end]
    }

    /// Arguments up to the end of the tag: named ones by name, positional ones as `_args`; and
    /// whether the tag closes itself (`/>}}`).
    fn arguments(&mut self, name: &str) -> Result<(Map<String, Value>, bool), String> {
        let mut args = Map::new();
        let mut positional = Vec::new();
        loop {
            self.skip_spaces();
            if self.eat(self.close) {
                break;
            }
            if self.eat("/") {
                self.skip_spaces();
                if self.eat(self.close) {
                    args.insert("_args".into(), Value::Array(positional));
                    return Ok((args, true));
                }
                return Err(format!(
                    "`/` inside `{name}` must be followed by `{}`",
                    self.close
                ));
            }
            if self.rest().is_empty() {
                return Err(format!(
                    "the shortcode `{name}` is not closed with `{}` on its line",
                    self.close
                ));
            }
            let (value, quoted) = self.value(name)?;
            if !quoted && self.eat("=") {
                let key = value.as_str().unwrap_or_default().to_string();
                self.skip_spaces();
                let (v, _) = self.value(name)?;
                args.insert(key, v);
            } else {
                positional.push(value);
            }
        }
        args.insert("_args".into(), Value::Array(positional));
        Ok((args, false))
    }

    /// A quoted string (`"…"` with `\"` escapes, or `` `…` `` kept as written), or a bare word
    /// (`true`/`false` and numbers typed, as Hugo does); and whether it was quoted.
    fn value(&mut self, name: &str) -> Result<(Value, bool), String> {
        let unbalanced =
            || format!("a quoted argument of `{name}` is not closed: its quotes are unbalanced");
        if self.eat("`") {
            let rest = self.rest();
            let end = rest.find('`').ok_or_else(unbalanced)?;
            self.pos += end + 1;
            return Ok((Value::String(rest[..end].to_string()), true));
        }
        if self.eat("\"") {
            let mut out = String::new();
            let mut chars = self.rest().char_indices();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => out.extend(chars.next().map(|(_, e)| e)),
                    '"' => {
                        self.pos += i + 1;
                        return Ok((Value::String(out), true));
                    }
                    c => out.push(c),
                }
            }
            return Err(unbalanced());
        }
        let word = self.bare();
        if word.is_empty() {
            return Err(format!(
                "unexpected `{}` in the shortcode `{name}`",
                self.rest().chars().next().unwrap_or(' ')
            ));
        }
        Ok((typed(word), false))
    }
}

/// An unquoted value as Hugo types it: booleans and numbers, otherwise text.
fn typed(word: &str) -> Value {
    match word {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        w => w
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map_or_else(|| Value::String(w.to_string()), Value::Number),
    }
}

/// Matches opening and closing tags and decides what each tag is written as.
#[derive(Default)]
struct Pairing {
    calls: Vec<Shortcode>,
    /// Per call: written `{{< name />}}`, so it has no closing tag to look for.
    self_closing: Vec<bool>,
    /// Byte ranges of the body and their replacements, in order.
    edits: Vec<(Range<usize>, String)>,
    errors: Vec<CallError>,
}

impl Pairing {
    fn run(&mut self, body: &str, tags: &[Tag], refs: &dyn Fn(&str) -> String) {
        let mut open: Vec<usize> = Vec::new();
        let mut i = 0;
        while i < tags.len() {
            let tag = &tags[i];
            i += 1;
            match &tag.kind {
                Kind::Escaped(shown) => self.edits.push((tag.range.clone(), shown.clone())),
                Kind::Open { name, args, .. } if REFS.contains(&name.as_str()) => {
                    self.reference(tag, name, args, refs)
                }
                Kind::Open {
                    name,
                    args,
                    self_closing: false,
                } if RAW_INNER.contains(&name.as_str()) => {
                    i = self.raw_inner(body, tags, i - 1, name, args);
                }
                Kind::Open {
                    name,
                    args,
                    self_closing,
                } => {
                    let index = self.calls.len();
                    self.calls
                        .push(Shortcode::new(name.clone(), args.clone(), tag.line));
                    self.self_closing.push(*self_closing);
                    self.edits
                        .push((tag.range.clone(), written(&token(index), tag.alone)));
                    if !self_closing {
                        open.push(index);
                    }
                }
                Kind::Close { name } => self.close(tag, name, &mut open),
            }
        }
        self.report_unclosed();
    }

    /// `{{< ref "legal/visa.md" >}}` → the destination `refs` gives for it.
    fn reference(
        &mut self,
        tag: &Tag,
        name: &str,
        args: &Map<String, Value>,
        refs: &dyn Fn(&str) -> String,
    ) {
        let target = args
            .get("_args")
            .and_then(|a| a.get(0))
            .or_else(|| args.get("path"))
            .and_then(Value::as_str);
        let Some(target) = target else {
            self.errors.push(CallError {
                line: tag.line,
                message: format!("`{name}` needs the page it points to"),
                hint: format!("write it as {{{{< {name} \"legal/visa.md\" >}}}}"),
            });
            return;
        };
        let dest = refs(target).replace('\n', " ");
        let dest = if dest.contains([' ', '\t']) {
            format!("<{dest}>")
        } else {
            dest
        };
        self.edits.push((tag.range.clone(), dest));
    }

    /// A call whose inner text is code: kept as written in the call, and taken out of the
    /// Markdown (its lines stay, empty). Returns the index of the tag after its closing tag.
    fn raw_inner(
        &mut self,
        body: &str,
        tags: &[Tag],
        at: usize,
        name: &str,
        args: &Map<String, Value>,
    ) -> usize {
        let open = &tags[at];
        let closing = tags[at + 1..]
            .iter()
            .position(|t| matches!(&t.kind, Kind::Close { name: n } if n == name));
        let Some(offset) = closing else {
            self.errors.push(unclosed(name, open.line));
            return at + 1;
        };
        let close = &tags[at + 1 + offset];
        let inner = unescape(&body[open.range.end..close.range.start]);
        let inner = inner.strip_prefix('\n').unwrap_or(&inner).trim_end();
        let index = self.calls.len();
        let mut call = Shortcode::new(name.to_string(), args.clone(), open.line);
        call.inner = Some(inner.to_string());
        self.calls.push(call);
        self.self_closing.push(false);
        let whole = open.range.start..close.range.end;
        let newlines = body[whole.clone()].matches('\n').count();
        let text = written(&token(index), open.alone) + &"\n".repeat(newlines);
        self.edits.push((whole, text));
        at + 2 + offset
    }

    /// A closing tag closes the innermost open call of its name; calls opened after that one and
    /// still open had no inner content.
    fn close(&mut self, tag: &Tag, name: &str, open: &mut Vec<usize>) {
        let Some(pos) = open.iter().rposition(|&c| self.calls[c].name == name) else {
            self.errors.push(CallError {
                line: tag.line,
                message: format!("`{{{{< /{name} >}}}}` closes nothing: no `{{{{< {name} >}}}}` is open before it"),
                hint: format!("remove it, or add `{{{{< {name} >}}}}` where its content starts"),
            });
            return;
        };
        let index = open[pos];
        open.truncate(pos);
        self.calls[index].paired = true;
        self.edits
            .push((tag.range.clone(), written(&end_token(index), tag.alone)));
    }

    /// A call left open whose name is closed elsewhere on the page (or always has content) was
    /// meant to be closed: its content would otherwise silently spill into the rest of the page.
    fn report_unclosed(&mut self) {
        let closed_somewhere: Vec<&str> = self
            .calls
            .iter()
            .filter(|c| c.paired)
            .map(|c| c.name.as_str())
            .collect();
        for (call, self_closing) in self.calls.iter().zip(&self.self_closing) {
            let name = call.name.as_str();
            if !call.paired
                && call.inner.is_none()
                && !self_closing
                && (closed_somewhere.contains(&name) || ALWAYS_PAIRED.contains(&name))
            {
                self.errors.push(unclosed(name, call.line));
            }
        }
    }
}

fn unclosed(name: &str, line: usize) -> CallError {
    CallError {
        line,
        message: format!("`{{{{< {name} >}}}}` is never closed with `{{{{< /{name} >}}}}`"),
        hint: format!("add `{{{{< /{name} >}}}}` after its content, or write `{{{{< {name} />}}}}` when it has none"),
    }
}

/// A token as written in the Markdown: as a block of its own when the tag was alone on its line.
fn written(token: &str, alone: bool) -> String {
    if alone {
        in_block(token)
    } else {
        token.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::super::{end_token, extract, token};

    fn run(body: &str) -> (String, Vec<super::Shortcode>, Vec<super::CallError>) {
        let (out, calls, errors) = extract(body, 1, &|t: &str| format!("REF[{t}]"));
        assert_eq!(out.lines().count(), body.lines().count(), "{out:?}");
        (out, calls, errors)
    }

    #[test]
    fn positional_and_named_arguments_with_quotes() {
        let (_, calls, errors) = run(
            r#"{{< glossary_tooltip "one two" `raw "x"` term_id="pod" text='a' n=3 open=true >}}"#,
        );
        assert!(errors.is_empty(), "{errors:?}");
        let args = &calls[0].args;
        assert_eq!(calls[0].name, "glossary_tooltip");
        assert_eq!(args["_args"][0], "one two");
        assert_eq!(args["_args"][1], "raw \"x\"");
        assert_eq!(args["text"], "'a'", "single quotes are not Hugo quotes");
        assert_eq!(args["term_id"], "pod");
        assert_eq!(args["n"], 3.0);
        assert_eq!(args["open"], true);
    }

    #[test]
    fn paired_call_keeps_its_inner_markdown_between_tokens() {
        let body = "Text\n{{< note >}}\n**Attenzione**\n{{< /note >}}\n";
        let (out, calls, errors) = run(body);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(calls[0].paired);
        assert_eq!(
            out,
            format!(
                "Text\n<!--{}-->\n**Attenzione**\n<!--{}-->\n",
                token(0),
                end_token(0)
            )
        );
    }

    #[test]
    fn inline_calls_inside_a_sentence_and_percent_delimiters() {
        let body = "A {{% heading \"x\" %}} and {{< b >}}bold{{< /b >}} here.\n";
        let (out, calls, errors) = run(body);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[0].args["_args"][0], "x");
        assert!(!calls[0].paired && calls[1].paired);
        assert_eq!(
            out,
            format!(
                "A {} and {}bold{} here.\n",
                token(0),
                token(1),
                end_token(1)
            )
        );
    }

    #[test]
    fn nested_calls_are_numbered_outer_first() {
        let body = "{{< note >}}\nSee {{< tip >}}x{{< /tip >}}\n{{< /note >}}\n";
        let (_, calls, errors) = run(body);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            (calls[0].name.as_str(), calls[1].name.as_str()),
            ("note", "tip")
        );
        assert!(calls[0].paired && calls[1].paired);
    }

    #[test]
    fn code_is_left_as_text_and_escaped_tags_are_written_out() {
        let body =
            "`{{< note >}}`\n```\n{{< note >}}\n{{</* note */>}}\n```\n{{%/* x \"y\" */%}}\n";
        let (out, calls, errors) = run(body);
        assert!(errors.is_empty() && calls.is_empty(), "{errors:?}");
        assert_eq!(
            out,
            "`{{< note >}}`\n```\n{{< note >}}\n{{< note >}}\n```\n{{% x \"y\" %}}\n"
        );
    }

    #[test]
    fn refs_become_link_destinations() {
        let (out, calls, _) =
            run("[x]({{< ref \"school/enrol.md\" >}}) [y]({{< relref path=\"a b\" >}})\n");
        assert!(calls.is_empty());
        assert_eq!(out, "[x](REF[school/enrol.md]) [y](<REF[a b]>)\n");
    }

    #[test]
    fn highlight_keeps_its_code_out_of_the_markdown() {
        let body =
            "{{< highlight go >}}\n# not a heading\n{{</* x */>}}\n{{< /highlight >}}\nAfter\n";
        let (out, calls, errors) = run(body);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            calls[0].inner.as_deref(),
            Some("# not a heading\n{{< x >}}")
        );
        assert_eq!(out, format!("<!--{}-->\n\n\n\nAfter\n", token(0)));
    }

    #[test]
    fn mistakes_are_errors_at_their_line() {
        let cases = [
            ("a\n{{< note >}}\nb\n", 0, "x"),
            ("a\n\n{{< /note >}}\n", 3, "closes nothing"),
            ("a\n{{< note \"x >}}\n", 2, "unbalanced"),
            (
                "{{< note >}}a\n{{< note >}}b{{< /note >}}\n",
                1,
                "never closed",
            ),
            ("x\n{{< details >}}\n", 2, "never closed"),
            ("{{< figure src=\"x\"\n", 1, "not closed"),
            ("{{< >}}\n", 1, "not a shortcode name"),
        ];
        for (body, line, message) in cases {
            let (_, _, errors) = run(body);
            if line == 0 {
                assert!(errors.is_empty(), "{body:?}: {errors:?}");
                continue;
            }
            assert_eq!(errors.len(), 1, "{body:?}: {errors:?}");
            assert_eq!(errors[0].line, line, "{body:?}");
            assert!(
                errors[0].message.contains(message),
                "{body:?}: {}",
                errors[0].message
            );
        }
    }

    #[test]
    fn own_syntax_calls_still_follow_hugo_ones() {
        let body = "{{< note >}}\n{{ contact(office=\"q\") }}\n{{< /note >}}\n";
        let (out, calls, errors) = run(body);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(calls[1].name, "contact");
        assert!(out.contains(&token(1)));
    }
}
