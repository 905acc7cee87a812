//! Fuzz target: parsing model and site-layer files never panics on damaged bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = retort_classifier::Model::from_bytes(data);
    let _ = retort_classifier::SiteLayer::from_bytes(data);
});
