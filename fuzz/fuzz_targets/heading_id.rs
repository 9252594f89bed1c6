//! Heading ids from any text are clean fragment identifiers.
#![no_main]
use approdo::invariants;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Err(e) = invariants::heading_id_is_clean(text) {
        panic!("{e}");
    }
});
