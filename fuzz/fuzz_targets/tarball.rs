//! Fuzz target: [`rapport::fuzz::tarball`] must not panic on any input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rapport::fuzz::tarball(data));
