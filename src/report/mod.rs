//! The report: every output of `analyze`, one file each behind the [`Output`] trait and
//! registered in [`OUTPUTS`], so that a new output is one new file and one line.
//!
//! Every output reads one [`Report`]: summary.json's figures and the analyses' detail
//! tables, already redacted when `--redact` is given. No output recomputes a metric and no
//! output prints; the whole report is written into a temporary directory and renamed into
//! place at the end ([`atomic`]).

pub mod charts;
pub mod cohort;
pub mod document;
pub mod draw;
pub mod format;
pub mod headline;
pub mod redact;
pub mod sections;
pub mod tables;

mod chart_files;
mod html;
mod markdown;
mod summary_json;
mod tables_csv;

use std::fmt;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::Value;

use crate::analysis::summary::Header;
use crate::analysis::table::Table;
use crate::analysis::{Analyzed, ScopeFigures};
use crate::error::{Error, Result};
use crate::progress::Reporter;
use charts::ChartSlot;
use sections::{Context, ReportSection};

/// One output format of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    /// `index.html`.
    Html,
    /// `report.md`.
    Md,
    /// `summary.json`.
    Json,
    /// `tables/*.csv`.
    Csv,
    /// `charts/*.png`.
    Png,
    /// `charts/*.svg`.
    Svg,
}

impl Format {
    /// Every format, in the order of `--format`'s help.
    pub const ALL: [Format; 6] = [
        Format::Html,
        Format::Md,
        Format::Json,
        Format::Csv,
        Format::Png,
        Format::Svg,
    ];

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Md => "md",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Png => "png",
            Format::Svg => "svg",
        }
    }

    /// Parses `--format`'s list (`all` is every format).
    pub fn parse_list(items: &[String]) -> Result<Vec<Format>> {
        let mut out = Vec::new();
        for item in items {
            let item = item.trim();
            if item == "all" {
                out.extend(Format::ALL);
                continue;
            }
            let format = Format::ALL
                .into_iter()
                .find(|f| f.name() == item)
                .ok_or_else(|| {
                    Error::Usage(format!(
                        "--format {item}: unknown; the formats are all, {}",
                        Format::ALL.map(Format::name).join(", ")
                    ))
                })?;
            out.push(format);
        }
        out.sort();
        out.dedup();
        Ok(out)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Everything the outputs read.
pub struct Report {
    /// summary.json as written (pseudonyms in place under `--redact`).
    pub summary: Value,
    /// Why each null figure of summary.json is null.
    pub notes: Vec<String>,
    /// What summary.json says besides the figures (coverage redacted under `--redact`).
    pub header: Header,
    /// The typed figures of every scope, `overall` first (redacted under `--redact`).
    pub scopes: Vec<ScopeFigures>,
    /// The sections, in the order of the registry.
    pub sections: Vec<&'static dyn ReportSection>,
    /// Every table: the analyses' detail tables and the ones the sections read off the
    /// figures.
    pub tables: Vec<Table>,
    /// The charts, or why each is left out.
    pub charts: Vec<ChartSlot>,
    /// Whether names and ids are pseudonyms and post texts are left out.
    pub redacted: bool,
    /// The formats written.
    pub formats: Vec<Format>,
}

impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Report")
            .field("scopes", &self.scopes.len())
            .field("tables", &self.tables.len())
            .field("charts", &self.charts.len())
            .field("redacted", &self.redacted)
            .field("formats", &self.formats)
            .finish()
    }
}

impl Report {
    /// Assembles the report from the analyses' figures and detail tables, with the sections
    /// of the registry; with `pseudonyms`, every counterpart name and id is replaced first,
    /// so that no output can see the real ones.
    pub fn new(
        analyzed: Analyzed,
        sections: Vec<&'static dyn ReportSection>,
        pseudonyms: Option<&redact::Pseudonyms>,
        formats: Vec<Format>,
    ) -> Report {
        let Analyzed {
            mut header,
            mut scopes,
            tables: mut detail,
            ..
        } = analyzed;
        if let Some(p) = pseudonyms {
            let pseudonym = |platform: &str, id: &str| p.of(platform, id);
            scopes = scopes.iter().map(|s| s.redacted(&pseudonym)).collect();
            p.redact_coverage(&mut header.coverage);
            p.redact_archives(&mut header.archives);
            header.people.redact(&pseudonym);
            // A warning names its archive by its path: keep only what it says.
            header.warnings = header
                .warnings
                .iter()
                .map(|w| p.redact_owner(w.split_once(": ").map_or(w.as_str(), |(_, rest)| rest)))
                .collect();
            for table in &mut detail {
                p.redact_table(table);
            }
        }
        let (summary, notes) = crate::analysis::summary::build_with_notes(&header, &scopes);
        let redacted = pseudonyms.is_some();
        let headlines: Vec<&'static headline::Headline> =
            sections.iter().flat_map(|s| s.headlines().iter()).collect();
        let mut ctx = Context {
            header: &header,
            scopes: &scopes,
            tables: &detail,
            charts: &[],
            redacted,
        };
        let mut all = detail.clone();
        for section in &sections {
            all.extend(section.tables(&ctx));
        }
        all.push(tables::headline_table(
            &scopes,
            &headlines,
            header.compare_previous,
        ));
        all.sort_by(|a, b| a.name.cmp(&b.name));
        ctx.tables = &all;
        let mut charts: Vec<ChartSlot> = sections.iter().flat_map(|s| s.charts(&ctx)).collect();
        if header.compare_previous {
            charts.push(charts::slot(
                "compare_previous",
                "This period against the previous one (shares)",
                "headline",
                charts::compare_previous(scopes.first(), &headlines),
            ));
        }
        Report {
            summary,
            notes,
            header,
            scopes,
            sections,
            tables: all,
            charts,
            redacted,
            formats,
        }
    }

    /// What the sections read.
    pub fn context(&self) -> Context<'_> {
        Context {
            header: &self.header,
            scopes: &self.scopes,
            tables: &self.tables,
            charts: &self.charts,
            redacted: self.redacted,
        }
    }

    /// A table by name.
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.name == name)
    }

    /// Whether `format` is written.
    pub fn writes(&self, format: Format) -> bool {
        self.formats.contains(&format)
    }
}

/// One output: writes its files into the report directory.
pub trait Output: Sync {
    /// The format it writes.
    fn format(&self) -> Format;
    /// The file people open first, relative to the report directory.
    fn main_file(&self) -> &'static str;
    /// Writes its files into `dir`.
    fn write(&self, report: &Report, dir: &Path) -> Result<()>;
}

/// Every output, in the order their files are named when the run ends.
pub const OUTPUTS: &[&dyn Output] = &[
    &html::Html,
    &markdown::Markdown,
    &summary_json::SummaryJson,
    &tables_csv::TablesCsv,
    &chart_files::Png,
    &chart_files::Svg,
];

/// Writes the report's formats into `out`, atomically, with a progress bar; returns the
/// path of the file to open first (index.html when written).
pub fn write(report: &Report, out: &Path, reporter: &Reporter) -> Result<PathBuf> {
    let chosen: Vec<&dyn Output> = OUTPUTS
        .iter()
        .copied()
        .filter(|o| report.writes(o.format()))
        .collect();
    let bar = reporter.bar("report", chosen.len() as u64);
    crate::atomic::write_dir_atomically(out, is_report_dir, |dir| {
        chosen.par_iter().try_for_each(|output| {
            output.write(report, dir)?;
            bar.step(output.format().name());
            Ok(())
        })
    })?;
    bar.finish();
    let main = chosen.first().map_or("", |o| o.main_file());
    Ok(out.join(main))
}

/// A directory that holds an earlier report, and nothing else, may be replaced: one with
/// any other file is not rapport's to remove.
pub fn is_report_dir(dir: &Path) -> bool {
    const OURS: [&str; 5] = [
        "summary.json",
        "index.html",
        "report.md",
        "tables",
        "charts",
    ];
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    let names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    // A file browser's own file (.DS_Store) does not make the folder someone else's.
    names.iter().any(|n| OURS.contains(&n.as_str()))
        && names
            .iter()
            .all(|n| OURS.contains(&n.as_str()) || n == ".DS_Store")
}

/// Writes one file of the report, creating its folder; `dir` is the staging directory.
pub fn write_file(dir: &Path, relative: &str, bytes: &[u8]) -> Result<()> {
    let path = dir.join(relative);
    let fail = |source| Error::Output {
        path: PathBuf::from(relative),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(fail)?;
    }
    std::fs::write(&path, bytes).map_err(fail)
}
