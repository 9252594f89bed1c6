//! The front matter splitter and YAML reader: no panic, no hang, consistent line numbers.
#![no_main]
use approdo::invariants;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Err(e) = invariants::front_matter_split_is_consistent(text) {
        panic!("{e}");
    }
});
