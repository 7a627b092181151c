//! Fuzz target: [`rapport::fuzz::twitter_legacy`] must not panic on any input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rapport::fuzz::twitter_legacy(data));
