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
    let u = c as u32;
    if u < TABLE_END {
        let t = table();
        let (start, len) = t.spans[u as usize];
        out.push_str(&t.folded[start as usize..start as usize + len as usize]);
    } else if matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}') {
        // Unified ideographs have no case and no decomposition.
        out.push(c);
    } else {
        fold_char_slowly(c, out);
    }
}

/// Below this code point (Latin, Greek, Cyrillic, Arabic, Hebrew, Indic scripts…), folding and
/// the letter-or-digit test are read from a table made once: the Unicode lookups behind them were
/// the hottest spot of the search index on large sites, paid again for every character.
const TABLE_END: u32 = 0x3000;

struct Table {
    /// Per code point: where its folded form starts in `folded`, and its length in bytes.
    spans: Vec<(u32, u8)>,
    folded: String,
    /// Per code point: one bit, set when it is a letter or digit.
    alphanumeric: Vec<u64>,
}

fn table() -> &'static Table {
    static TABLE: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Table {
            spans: Vec::with_capacity(TABLE_END as usize),
            folded: String::new(),
            alphanumeric: vec![0; TABLE_END as usize / 64],
        };
        for u in 0..TABLE_END {
            let start = t.folded.len();
            if let Some(c) = char::from_u32(u) {
                fold_char_slowly(c, &mut t.folded);
                if c.is_alphanumeric() {
                    t.alphanumeric[u as usize / 64] |= 1 << (u % 64);
                }
            }
            let len = u8::try_from(t.folded.len() - start).expect("a short folded form");
            t.spans.push((start as u32, len));
        }
        t
    })
}

/// [`fold_char`] by the Unicode tables.
fn fold_char_slowly(c: char, out: &mut String) {
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
    let u = c as u32;
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if u < TABLE_END {
        table().alphanumeric[u as usize / 64] & (1 << (u % 64)) != 0
    } else {
        c.is_alphanumeric() && !is_cjk(c)
    }
}

/// Calls `f` with each term of `text`, in order: words (at least two characters, or a number) and
/// the grams of CJK runs ([`grams`]). Terms are slices of the folded text, so a caller that keeps
/// only new terms allocates only for those.
pub fn for_each_term(text: &str, for_query: bool, mut f: impl FnMut(&str)) {
    let folded = fold(text);
    terms_of_folded(&folded, for_query, &mut f);
}

/// [`for_each_term`] over text already folded ([`fold`]): the terms are slices of `folded`, so
/// the search index can keep a page's terms as positions in one string.
pub fn terms_of_folded<'a>(folded: &'a str, for_query: bool, f: &mut dyn FnMut(&'a str)) {
    let mut word: Option<usize> = None;
    let mut run: Option<usize> = None;
    let emit_word = |start: usize, end: usize, f: &mut dyn FnMut(&'a str)| {
        let w = &folded[start..end];
        if w.chars().nth(1).is_some() || w.bytes().all(|b| b.is_ascii_digit()) {
            f(w);
        }
    };
    for (i, c) in folded.char_indices() {
        if is_cjk(c) {
            if let Some(s) = word.take() {
                emit_word(s, i, f);
            }
            run.get_or_insert(i);
        } else if is_word(c) {
            if let Some(s) = run.take() {
                grams(&folded[s..i], for_query, f);
            }
            word.get_or_insert(i);
        } else {
            if let Some(s) = word.take() {
                emit_word(s, i, f);
            }
            if let Some(s) = run.take() {
                grams(&folded[s..i], for_query, f);
            }
        }
    }
    if let Some(s) = word {
        emit_word(s, folded.len(), f);
    }
    if let Some(s) = run {
        grams(&folded[s..], for_query, f);
    }
}

/// The terms of a CJK run: every character and every overlapping pair (index time), or the pairs
/// alone (query time: a page holding every pair of the query holds the query), or the character
/// when the run is one character long.
fn grams<'a>(run: &'a str, for_query: bool, f: &mut dyn FnMut(&'a str)) {
    let bounds: Vec<usize> = run
        .char_indices()
        .map(|(i, _)| i)
        .chain([run.len()])
        .collect();
    let chars = bounds.len() - 1;
    if !for_query || chars == 1 {
        for w in bounds.windows(2) {
            f(&run[w[0]..w[1]]);
        }
    }
    for w in bounds.windows(3) {
        f(&run[w[0]..w[2]]);
    }
}

/// Terms as written into the index (before stemming): words and CJK grams.
pub fn index_terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_term(text, false, |t| out.push(t.to_string()));
    out
}

/// Terms a query looks up, without repeats.
pub fn query_terms(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for_each_term(text, true, |t| {
        if !out.iter().any(|o| o == t) {
            out.push(t.to_string());
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table `search.js` is tested against too (tests/browser/search-tokenize.test.mjs).
    #[test]
    fn shared_table_of_cases() {
        let table: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/search-cases.json")).unwrap();
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

    /// The table gives what the Unicode lookups give, for every code point it covers.
    #[test]
    fn table_agrees_with_the_unicode_lookups() {
        for u in 0..TABLE_END + 0x2000 {
            let Some(c) = char::from_u32(u) else { continue };
            let (mut fast, mut slow) = (String::new(), String::new());
            fold_char(c, &mut fast);
            fold_char_slowly(c, &mut slow);
            assert_eq!(fast, slow, "U+{u:04X}");
            assert_eq!(is_word(c), c.is_alphanumeric() && !is_cjk(c), "U+{u:04X}");
        }
        for c in ['中', '㐀', '鿿', '豈', 'が', '한'] {
            let (mut fast, mut slow) = (String::new(), String::new());
            fold_char(c, &mut fast);
            fold_char_slowly(c, &mut slow);
            assert_eq!(fast, slow, "{c}");
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
