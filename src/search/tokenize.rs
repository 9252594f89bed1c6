//! Tokenising for search, identical here and in the theme's `search.js` (both are tested against
//! `tests/search-cases.json`). Folding works one character at a time, so the script can map a match
//! in folded text back to the original text for the snippet:
//!
//! 1. lower-case (Unicode, per character), then compatibility decomposition (NFKD: `é` → `e` + accent,
//!    full-width `Ｑ` → `q`, Arabic presentation forms → letters);
//! 2. drop combining marks (Latin accents, Arabic tashkeel, the hamza and madda of `أ إ آ`) and the
//!    tatweel, zero-width joiners and soft hyphens;
//! 3. Arabic letter variants: `ٱ` → `ا`, `ى` → `ي`, `ة` → `ه`; Arabic-Indic digits → ASCII digits.
//!
//! Tokens are runs of letters and digits; Chinese and Japanese characters (and Hangul) give single
//! characters plus overlapping pairs at index time, and pairs (or the single character) at query
//! time, so `每个月都` typed without spaces finds a page containing it.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Appends the folded form of `c` to `out`.
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for lower in c.to_lowercase() {
        decompose_compatible(lower, |d| {
            if is_combining_mark(d) {
                return;
            }
            match d {
                // tatweel, zero-width non-joiner/joiner, soft hyphen, word joiner
                '\u{0640}' | '\u{200C}' | '\u{200D}' | '\u{00AD}' | '\u{2060}' => {}
                '\u{0671}' => out.push('\u{0627}'),
                '\u{0649}' => out.push('\u{064A}'),
                '\u{0629}' => out.push('\u{0647}'),
                '\u{0660}'..='\u{0669}' => out.push(char::from(b'0' + (d as u32 - 0x0660) as u8)),
                '\u{06F0}'..='\u{06F9}' => out.push(char::from(b'0' + (d as u32 - 0x06F0) as u8)),
                _ => out.push(d),
            }
        });
    }
}

/// The folded form of a whole text.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Characters searched one by one (and in pairs) rather than as space-separated words. The same
/// ranges are in `search.js`.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3005}' | '\u{3007}'
        | '\u{3040}'..='\u{30FF}'   // hiragana, katakana
        | '\u{3400}'..='\u{4DBF}'   // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'   // CJK unified ideographs
        | '\u{AC00}'..='\u{D7AF}'   // Hangul syllables
        | '\u{F900}'..='\u{FAFF}'   // compatibility ideographs
        | '\u{20000}'..='\u{3134F}' // extensions B–G
    )
}

/// A letter or digit of a word (Unicode Alphabetic or Number, as `\p{Alphabetic}|\p{N}` in JS).
fn is_word(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

/// A token of folded text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Token {
    /// A word of letters and digits (at least two characters, or a number).
    Word(String),
    /// A run of CJK characters, kept whole; split into grams by [`grams`].
    Cjk(String),
}

/// Words and CJK runs of an already folded text.
pub fn split(folded: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut word = String::new();
    let mut run = String::new();
    let flush = |word: &mut String, run: &mut String, tokens: &mut Vec<Token>| {
        if !word.is_empty() {
            let w = std::mem::take(word);
            if w.chars().nth(1).is_some() || w.chars().all(|c| c.is_ascii_digit()) {
                tokens.push(Token::Word(w));
            }
        }
        if !run.is_empty() {
            tokens.push(Token::Cjk(std::mem::take(run)));
        }
    };
    for c in folded.chars() {
        if is_cjk(c) {
            if !word.is_empty() {
                flush(&mut word, &mut String::new(), &mut tokens);
            }
            run.push(c);
        } else if is_word(c) {
            if !run.is_empty() {
                flush(&mut String::new(), &mut run, &mut tokens);
            }
            word.push(c);
        } else {
            flush(&mut word, &mut run, &mut tokens);
        }
    }
    flush(&mut word, &mut run, &mut tokens);
    tokens
}

/// The terms of a CJK run: every character and every overlapping pair (index time), or the pairs
/// alone (query time: a page holding every pair of the query holds the query), or the character
/// when the run is one character long.
pub fn grams(run: &str, for_query: bool) -> Vec<String> {
    let chars: Vec<char> = run.chars().collect();
    let mut out = Vec::new();
    if !for_query || chars.len() == 1 {
        out.extend(chars.iter().map(|c| c.to_string()));
    }
    out.extend(chars.windows(2).map(|w| w.iter().collect::<String>()));
    out
}

/// Terms as written into the index (before stemming): words and CJK grams.
pub fn index_terms(text: &str) -> Vec<String> {
    terms(text, false)
}

/// Terms a query looks up.
pub fn query_terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for t in terms(text, true) {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

fn terms(text: &str, for_query: bool) -> Vec<String> {
    let mut out = Vec::new();
    for token in split(&fold(text)) {
        match token {
            Token::Word(w) => out.push(w),
            Token::Cjk(run) => out.extend(grams(&run, for_query)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table `search.js` is tested against too (tests/browser/search-tokenize.test.mjs).
    #[test]
    fn shared_table_of_cases() {
        let table: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/search-cases.json")).unwrap();
        let cases = table.as_array().unwrap();
        assert!(cases.len() >= 20);
        for case in cases {
            let input = case["input"].as_str().unwrap();
            let want = |k: &str| -> Vec<String> {
                case[k]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap().to_string())
                    .collect()
            };
            assert_eq!(
                fold(input),
                case["fold"].as_str().unwrap(),
                "fold {input:?}"
            );
            assert_eq!(index_terms(input), want("index"), "index {input:?}");
            assert_eq!(query_terms(input), want("query"), "query {input:?}");
        }
    }

    #[test]
    fn arabic_with_and_without_diacritics_fold_alike() {
        assert_eq!(fold("الإِقَامَة"), fold("الاقامة"));
        assert_eq!(fold("تَصْرِيحُ"), "تصريح");
        assert_eq!(fold("أسرة"), fold("اسره"));
        assert_eq!(fold("مستشفى"), "مستشفي");
        assert_eq!(fold("٢٠٢٦"), "2026");
        assert_eq!(fold("۱۴"), "14");
        assert_eq!(fold("كـــتاب"), "كتاب");
    }

    #[test]
    fn chinese_query_without_spaces_is_covered_by_the_index() {
        let page = index_terms("申请人每个月都要提交收入证明。");
        for q in query_terms("每个月都") {
            assert!(page.contains(&q), "{q}");
        }
    }
}
