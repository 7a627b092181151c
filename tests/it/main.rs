//! The integration tests, linked into one test binary: each binary links all of
//! polars, so one binary instead of one per file saves minutes and gigabytes in CI.

mod support;

mod analyze;
mod bad_input;
mod cli_import;
mod cli_inspect;
mod cli_people;
mod fuzz_regressions;
mod hostile;
mod import_facebook;
mod import_instagram;
mod import_linkedin;
mod import_mastodon;
mod import_twitter;
mod lake;
mod output_safety;
mod persons;
mod privacy;
mod properties;
mod registry;
mod report;
mod spark;
