//! Folder and file names → output path: accepted names never leave the output folder.
#![no_main]
use approdo::invariants;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    // Names separated by U+0001 (a separator no accepted name may contain): lang, folders…, slug.
    let parts: Vec<&str> = text.split('\u{1}').collect();
    if parts.len() < 2 {
        return;
    }
    let (lang, rest) = parts.split_first().unwrap();
    let (slug, folders) = rest.split_last().unwrap();
    if let Err(e) = invariants::route_stays_inside(lang, folders, slug) {
        panic!("{e}");
    }
});
