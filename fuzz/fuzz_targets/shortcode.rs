//! Shortcode calls in both syntaxes: no panic, one line in, one line out, and the Markdown of the
//! result stays inside the allowlist.
#![no_main]
use approdo::invariants;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(e) = invariants::shortcode_extract_keeps_lines(text) {
        panic!("{e}");
    }
});
