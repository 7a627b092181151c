//! rapport reads the "download your data" archives of social platforms (Twitter/X,
//! LinkedIn, Facebook, Instagram, Mastodon), turns them into one common set of polars
//! dataframes, and measures what builds relationships online.
//!
//! The stages, each depending only on those after it: [`pipeline`] (inputs, scopes,
//! analyses, the registry) -> [`import`], [`analysis`], [`report`] -> [`model`],
//! [`archive`]. The command line (`cli`, `commands`) sits on top and is not part of the
//! library's API.
//!
//! ```no_run
//! use rapport::{Execution, Format, Options, Report, Reporter, Settings, pipeline};
//!
//! # fn main() -> Result<(), rapport::Error> {
//! let reporter = Reporter::silent();
//! let input = pipeline::read_input(
//!     &["twitter-2025-01-31.zip".into()],
//!     rapport::LoadOptions::default(),
//!     &reporter,
//! )?;
//! let settings = Settings {
//!     options: Options::default(),
//!     request: Default::default(),
//!     compare_previous: false,
//!     execution: Execution::Parallel,
//!     linking: Default::default(),
//! };
//! let analyzed = pipeline::summarize(&input, &settings)?;
//! println!("{}", analyzed.summary["overall"]["responsiveness"]["within_24h_rate"]);
//! let report = Report::new(analyzed, pipeline::registry::sections(), None, Format::ALL.to_vec());
//! rapport::report::write(&report, "reports/mine".as_ref(), &reporter)?;
//! # Ok(())
//! # }
//! ```

pub mod analysis;
pub mod archive;
pub(crate) mod atomic;
pub mod cli;
pub(crate) mod commands;
pub mod error;
#[cfg(feature = "fuzzing")]
pub mod fuzz;
pub mod import;
pub mod model;
pub mod pipeline;
pub mod progress;
pub mod report;
pub(crate) mod timing;

pub use analysis::{Analyzed, Clock, Execution, Figure, Options, Outcome, Period, ScopeFigures};
pub use error::{Error, Result};
pub use import::{ImportedArchive, LoadOptions, load};
pub use model::{Dataset, Platform};
pub use pipeline::{Input, Settings};
pub use progress::Reporter;
pub use report::{Format, Report};
