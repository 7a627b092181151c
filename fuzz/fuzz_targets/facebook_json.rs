//! Fuzz target: [`rapport::fuzz::facebook_json`] must not panic on any input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rapport::fuzz::facebook_json(data));
