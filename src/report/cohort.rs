//! The cohort of `analyze LAKE --each`: one row per account with its headline figures
//! (`cohort.csv`, `cohort.parquet`), the distribution of each figure across the accounts
//! (`cohort_summary.csv`: accounts with a value, quartiles), and `index.html`, a page that
//! shows both and links each account's own report.

use std::fmt::Write as _;
use std::fs::File;
use std::path::Path;

use polars::prelude::*;
use serde_json::Value;

use crate::analysis::stats::quantile;
use crate::error::{Error, Result};
use crate::report::headline::{Better, Headline, Reading, Unit};

/// Figures of the cohort besides the report's headline ones: what changed between an
/// account's downloads.
pub const HISTORY: &[Headline] = &[
    Headline {
        key: "history.connections_gained",
        label: "Connections gained between downloads",
        unit: Unit::Count,
        better: Better::Higher,
        read: |_| Reading::default(),
    },
    Headline {
        key: "history.connections_lost",
        label: "Connections lost between downloads",
        unit: Unit::Count,
        better: Better::Lower,
        read: |_| Reading::default(),
    },
    Headline {
        key: "history.posts_deleted_since",
        label: "Posts deleted since an older download",
        unit: Unit::Count,
        better: Better::Neither,
        read: |_| Reading::default(),
    },
];

/// One account of the cohort.
#[derive(Debug, Clone, PartialEq)]
pub struct CohortRow {
    /// The platform.
    pub platform: String,
    /// The account id.
    pub account: String,
    /// Downloads of the account in the lake.
    pub downloads: usize,
    /// Its report's folder, relative to the cohort's.
    pub report: String,
    /// The overall value of each headline figure, in the order of the keys.
    pub values: Vec<Option<f64>>,
}

/// The number at `key` (`responsiveness.within_24h_rate`) of a summary's `overall`.
pub fn value_at(summary: &Value, key: &str) -> Option<f64> {
    let mut v = summary.get("overall")?;
    for part in key.split('.') {
        v = v.get(part)?;
    }
    v.as_f64()
}

/// The cohort row of one account's summary.json.
pub fn row(
    summary: &Value,
    headlines: &[&Headline],
    platform: &str,
    account: &str,
    downloads: usize,
    report: &str,
) -> CohortRow {
    CohortRow {
        platform: platform.to_string(),
        account: account.to_string(),
        downloads,
        report: report.to_string(),
        values: headlines.iter().map(|h| value_at(summary, h.key)).collect(),
    }
}

fn output(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Output {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes the cohort's files into `dir`.
pub fn write(dir: &Path, rows: &[CohortRow], headlines: &[&Headline]) -> Result<()> {
    let csv_error = |e: csv::Error| Error::Usage(format!("cannot write the cohort: {e}"));
    // One row per account.
    let path = dir.join("cohort.csv");
    let mut writer = csv::Writer::from_path(&path).map_err(csv_error)?;
    let mut header = vec!["platform", "account", "downloads", "report"];
    header.extend(headlines.iter().map(|h| h.key));
    writer.write_record(&header).map_err(csv_error)?;
    for r in rows {
        let mut record = vec![
            r.platform.clone(),
            r.account.clone(),
            r.downloads.to_string(),
            r.report.clone(),
        ];
        record.extend(
            r.values
                .iter()
                .map(|v| v.map_or(String::new(), |x| x.to_string())),
        );
        writer.write_record(&record).map_err(csv_error)?;
    }
    writer.flush().map_err(output(&path))?;
    // The same as Parquet, for SQL over many cohorts.
    let mut columns = vec![
        Column::new(
            "platform".into(),
            rows.iter().map(|r| r.platform.as_str()).collect::<Vec<_>>(),
        ),
        Column::new(
            "account".into(),
            rows.iter().map(|r| r.account.as_str()).collect::<Vec<_>>(),
        ),
        Column::new(
            "downloads".into(),
            rows.iter().map(|r| r.downloads as u32).collect::<Vec<_>>(),
        ),
    ];
    for (i, h) in headlines.iter().enumerate() {
        columns.push(Column::new(
            h.key.into(),
            rows.iter()
                .map(|r| r.values.get(i).copied().flatten())
                .collect::<Vec<_>>(),
        ));
    }
    let mut frame = DataFrame::new(rows.len(), columns)?;
    let path = dir.join("cohort.parquet");
    ParquetWriter::new(File::create(&path).map_err(output(&path))?).finish(&mut frame)?;
    // The distribution of each figure.
    let path = dir.join("cohort_summary.csv");
    let mut writer = csv::Writer::from_path(&path).map_err(csv_error)?;
    writer
        .write_record(["figure", "label", "accounts", "q1", "median", "q3"])
        .map_err(csv_error)?;
    let summary = distribution(rows, headlines);
    for (h, (n, q)) in headlines.iter().zip(&summary) {
        let cell = |x: Option<f64>| x.map_or(String::new(), |x| x.to_string());
        writer
            .write_record([
                h.key.to_string(),
                h.label.to_string(),
                n.to_string(),
                cell(q[0]),
                cell(q[1]),
                cell(q[2]),
            ])
            .map_err(csv_error)?;
    }
    writer.flush().map_err(output(&path))?;
    let path = dir.join("index.html");
    std::fs::write(&path, page(rows, headlines, &summary)).map_err(output(&path))?;
    Ok(())
}

/// Per figure: accounts with a value, and its quartiles (q1, median, q3).
fn distribution(rows: &[CohortRow], headlines: &[&Headline]) -> Vec<(usize, [Option<f64>; 3])> {
    (0..headlines.len())
        .map(|i| {
            let values: Vec<f64> = rows
                .iter()
                .filter_map(|r| r.values.get(i).copied().flatten())
                .collect();
            (
                values.len(),
                [
                    quantile(&values, 0.25),
                    quantile(&values, 0.5),
                    quantile(&values, 0.75),
                ],
            )
        })
        .collect()
}

fn esc(text: &str) -> String {
    html_escape::encode_safe(text).into_owned()
}

fn page(
    rows: &[CohortRow],
    headlines: &[&Headline],
    summary: &[(usize, [Option<f64>; 3])],
) -> String {
    let show = |h: &Headline, v: Option<f64>| esc(&crate::report::headline::format(h.unit, v));
    let mut html = String::from(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>rapport: cohort</title><style>body{font-family:system-ui,sans-serif;\
         margin:2rem auto;max-width:75rem;padding:0 1rem;color:#1e293b}table{border-collapse:\
         collapse;margin:1rem 0}th,td{padding:.3rem .6rem;border-bottom:1px solid #e2e8f0;\
         text-align:right}th:first-child,td:first-child{text-align:left}th{background:#f1f5f9}\
         </style></head><body>\n",
    );
    let _ = write!(
        html,
        "<h1>rapport: {} accounts</h1>\n<p>Each account's figures over the period, from its \
         own report (linked). The quartiles say where the middle half of the accounts \
         stand.</p>\n<h2>Across the accounts</h2>\n<table><tr><th>Figure</th><th>Accounts \
         </th><th>Lower quartile</th><th>Median</th><th>Upper quartile</th></tr>\n",
        rows.len()
    );
    for (h, (n, q)) in headlines.iter().zip(summary) {
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td>{n}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(h.label),
            show(h, q[0]),
            show(h, q[1]),
            show(h, q[2])
        );
    }
    html.push_str("</table>\n<h2>Each account</h2>\n<table><tr><th>Account</th><th>Downloads</th>");
    for h in headlines {
        let _ = write!(html, "<th>{}</th>", esc(h.label));
    }
    html.push_str("</tr>\n");
    for r in rows {
        let _ = write!(
            html,
            "<tr><td><a href=\"{}/index.html\">{} {}</a></td><td>{}</td>",
            html_escape::encode_double_quoted_attribute(&r.report),
            esc(&r.platform),
            esc(&r.account),
            r.downloads
        );
        for (h, v) in headlines.iter().zip(&r.values) {
            let _ = write!(html, "<td>{}</td>", show(h, *v));
        }
        html.push_str("</tr>\n");
    }
    html.push_str(
        "</table>\n<p>Written by rapport; every figure is defined in docs/metrics.md. \
                   This page loads nothing from the network.</p>\n</body></html>\n",
    );
    html
}
