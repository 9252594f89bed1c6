//! The preview's request path (decoding, traversal refusal, redirects, lookup) with arbitrary
//! bytes: no panic, valid headers, nothing served that the site does not have.
#![no_main]
use approdo::invariants;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // First byte picks the method; the rest is the request target, as lossy text (tiny_http hands
    // over a String).
    let Some((m, rest)) = data.split_first() else {
        return;
    };
    let method = ["GET", "HEAD", "POST", "get"][usize::from(*m) % 4];
    let url = String::from_utf8_lossy(rest);
    if let Err(e) = invariants::preview_answer_is_safe(method, &url) {
        panic!("{e}");
    }
});
