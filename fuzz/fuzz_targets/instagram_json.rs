//! Fuzz target: [`rapport::fuzz::instagram_json`] must not panic on any input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rapport::fuzz::instagram_json(data));
