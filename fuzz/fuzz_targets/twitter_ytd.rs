//! Fuzz target: [`rapport::fuzz::twitter_ytd`] must not panic on any input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rapport::fuzz::twitter_ytd(data));
