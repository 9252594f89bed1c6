//! Markdown → HTML under every raw-HTML policy: no panic, and under `sanitize`/`escape` nothing
//! outside the allowlist reaches the output.
#![no_main]
use approdo::{config::RawHtml, invariants};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let mode = match flags % 3 {
        0 => RawHtml::Sanitize,
        1 => RawHtml::Escape,
        _ => RawHtml::Allow,
    };
    if let Err(e) = invariants::markdown_output_is_inert(text, flags & 4 != 0, mode) {
        panic!("{e}");
    }
});
