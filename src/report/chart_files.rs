//! `charts/<name>.svg` and `charts/<name>.png`: one file per chart that has data.

use std::path::Path;

use rayon::prelude::*;

use super::{Format, Output, Report, draw, write_file};
use crate::error::{Error, Result};

fn failed(relative: &str, problem: String) -> Error {
    Error::Output {
        path: relative.into(),
        source: std::io::Error::other(problem),
    }
}

/// The SVG charts output.
pub struct Svg;

impl Output for Svg {
    fn format(&self) -> Format {
        Format::Svg
    }

    fn main_file(&self) -> &'static str {
        "charts"
    }

    fn write(&self, report: &Report, dir: &Path) -> Result<()> {
        report.charts.par_iter().try_for_each(|slot| {
            let Ok(spec) = &slot.spec else { return Ok(()) };
            let relative = format!("charts/{}.svg", slot.name);
            let text = draw::svg(spec).map_err(|e| failed(&relative, e))?;
            write_file(dir, &relative, text.as_bytes())
        })
    }
}

/// The PNG charts output.
pub struct Png;

impl Output for Png {
    fn format(&self) -> Format {
        Format::Png
    }

    fn main_file(&self) -> &'static str {
        "charts"
    }

    fn write(&self, report: &Report, dir: &Path) -> Result<()> {
        let charts = dir.join("charts");
        std::fs::create_dir_all(&charts).map_err(|source| Error::Output {
            path: "charts".into(),
            source,
        })?;
        report.charts.par_iter().try_for_each(|slot| {
            let Ok(spec) = &slot.spec else { return Ok(()) };
            let relative = format!("charts/{}.png", slot.name);
            draw::png(spec, &dir.join(&relative)).map_err(|e| failed(&relative, e))
        })
    }
}
