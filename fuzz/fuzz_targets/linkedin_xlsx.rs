//! Fuzz target: [`rapport::fuzz::linkedin_xlsx`] must not panic on any input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rapport::fuzz::linkedin_xlsx(data));
