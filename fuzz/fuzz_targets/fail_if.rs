//! Fuzz target: [`rapport::fuzz::fail_if`] must not panic on any input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rapport::fuzz::fail_if(data));
