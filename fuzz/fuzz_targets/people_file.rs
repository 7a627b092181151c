//! Fuzz target: [`rapport::fuzz::people_file`] must not panic on any input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rapport::fuzz::people_file(data));
