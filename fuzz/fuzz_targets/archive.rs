//! Fuzz target: [`rapport::fuzz::archive`] must not panic on any input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rapport::fuzz::archive(data));
