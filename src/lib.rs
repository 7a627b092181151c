//! rapport reads the "download your data" archives of Twitter/X, LinkedIn and Facebook,
//! turns them into one common set of polars dataframes, and measures what builds
//! relationships online.
//!
//! The pipeline: [`archive`] -> [`import`] -> [`model`] -> [`analysis`] -> [`report`].

pub mod analysis;
pub mod archive;
pub mod atomic;
pub mod cli;
pub mod commands;
pub mod error;
pub mod fuzz;
pub mod import;
pub mod model;
pub mod pipeline;
pub mod progress;
pub mod report;
pub mod timing;
