//! `index.html`: one self-contained page (CSS inline, charts inline as SVG, no script, no
//! URL a browser would fetch), readable on a phone and printable. All text is escaped.

use std::fmt::Write as _;
use std::path::Path;

use super::document::{Block, Reasons, build};
use super::{Format, Output, Report, draw, write_file};
use crate::error::{Error, Result};

/// The index.html output.
pub struct Html;

const STYLE: &str = "
:root{--ink:#1e293b;--muted:#64748b;--line:#e2e8f0;--accent:#0f766e;--warm:#b45309}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;color:var(--ink);background:#f8fafc}
main{max-width:980px;margin:0 auto;padding:24px 16px 48px}
h1{font-size:1.8rem;margin:0 0 8px}
h2{font-size:1.3rem;margin:0 0 12px;border-bottom:2px solid var(--accent);padding-bottom:4px}
section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 18px;margin:18px 0}
.lead{color:var(--muted);margin:0;padding-left:18px;overflow-wrap:anywhere}
nav{margin:12px 0;font-size:.95rem}
nav a{color:var(--accent);margin-right:12px;white-space:nowrap}
td a{color:var(--accent);white-space:nowrap}
.advice{border-left:4px solid var(--warm);background:#fffbeb;padding:8px 12px;margin:12px 0}
.table{overflow-x:auto;background:linear-gradient(to right,#fff 30%,rgba(255,255,255,0)),linear-gradient(to right,rgba(255,255,255,0),#fff 70%) 100% 0,radial-gradient(farthest-side at 0 50%,rgba(15,23,42,.18),rgba(15,23,42,0)),radial-gradient(farthest-side at 100% 50%,rgba(15,23,42,.18),rgba(15,23,42,0)) 100% 0;background-repeat:no-repeat;background-size:40px 100%,40px 100%,12px 100%,12px 100%;background-attachment:local,local,scroll,scroll}
td.text{overflow-wrap:anywhere;min-width:12em}
.points li{margin:4px 0}
table{border-collapse:collapse;width:100%;margin:8px 0 14px;font-size:.93rem}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top;overflow-wrap:break-word}
th{background:#f1f5f9;overflow-wrap:normal}
thead th{white-space:nowrap}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
figure{margin:14px 0}
figure{overflow-x:auto}
figure svg{width:100%;height:auto;display:block}
figcaption{color:var(--muted);font-size:.85rem}
.missing{color:var(--muted);font-style:italic}
ol.why{color:var(--muted);font-size:.85rem;margin:0 0 14px;padding-left:22px}
footer{color:var(--muted);font-size:.85rem;margin-top:24px}
@media (max-width:600px){body{font-size:15px}main{padding:12px 8px}section{padding:12px 10px}table{font-size:.85rem}th,td{padding:5px 4px}thead th{white-space:normal}figure svg{width:auto;min-width:680px}figcaption::before{content:'Scroll sideways to see the whole chart. '}}
@media print{body{background:#fff}main{max-width:none;padding:0}section{border:none;padding:0;break-inside:auto}nav{display:none}figure,tr,.advice,ol.why,.points{break-inside:avoid}h1,h2{break-after:avoid}.table{overflow:visible;background:none}th,td{overflow-wrap:normal;hyphens:none}td.text{overflow-wrap:anywhere}table{font-size:.8rem}figure svg{width:100%;min-width:0}}
";

fn esc(text: &str) -> String {
    html_escape::encode_safe(text).into_owned()
}

/// Whether a cell reads as a number (aligned right).
fn numeric(cell: &str) -> bool {
    let c = cell.trim_start_matches(['▲', '▼', ' ', '+', '-']);
    c.chars().next().is_some_and(|ch| ch.is_ascii_digit()) || c == "n/a"
}

/// Why the figures of one table are n/a: each reason numbered once, marked on its cells
/// with a link, and listed under the table.
struct Notes<'a> {
    table: usize,
    reasons: Reasons<'a>,
}

impl<'a> Notes<'a> {
    fn new(table: usize) -> Notes<'a> {
        Notes {
            table,
            reasons: Reasons::default(),
        }
    }

    /// The mark after an n/a: a link to its reason.
    fn mark(&mut self, note: Option<&'a str>) -> String {
        self.reasons.number(note).map_or(String::new(), |n| {
            format!("<sup><a href=\"#why-{}-{n}\">{n}</a></sup>", self.table)
        })
    }

    /// The reasons, under the table.
    fn list(&self, h: &mut String) {
        if self.reasons.list().is_empty() {
            return;
        }
        h.push_str("<ol class=\"why\">\n");
        for (n, reason) in self.reasons.list().iter().enumerate() {
            let _ = writeln!(
                h,
                "<li id=\"why-{}-{}\">n/a: {}</li>",
                self.table,
                n + 1,
                esc(reason)
            );
        }
        h.push_str("</ol>\n");
    }
}

/// An SVG chart ready to sit inside HTML: no XML namespace URL (HTML does not need it, and
/// the page holds no URL at all), scaled by CSS.
fn inline_svg(svg: &str) -> String {
    svg.replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1)
}

/// Renders the report as one HTML page.
pub fn render(report: &Report) -> Result<String> {
    let doc = build(report);
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        esc(&doc.title)
    );
    let _ = writeln!(h, "<h1>{}</h1>\n<ul class=\"lead\">", esc(&doc.title));
    for line in &doc.lead {
        let _ = writeln!(h, "<li>{}</li>", esc(line));
    }
    h.push_str("</ul>\n<nav>");
    for section in &doc.sections {
        let _ = write!(
            h,
            "<a href=\"#{}\">{}</a> ",
            section.id,
            esc(&section.title)
        );
    }
    h.push_str("</nav>\n");
    let mut tables = 0;
    for section in &doc.sections {
        let _ = writeln!(
            h,
            "<section id=\"{}\">\n<h2>{}</h2>",
            section.id,
            esc(&section.title)
        );
        for block in &section.blocks {
            match block {
                Block::Missing(text) => {
                    let _ = writeln!(h, "<p class=\"missing\">{}</p>", esc(text));
                }
                Block::Para(text) => {
                    let _ = writeln!(h, "<p>{}</p>", esc(text));
                }
                Block::Points(list) => {
                    h.push_str("<ol class=\"points\">\n");
                    for point in list {
                        let _ = writeln!(h, "<li>{}</li>", esc(point));
                    }
                    h.push_str("</ol>\n");
                }
                Block::Advice(text) => {
                    let _ = writeln!(
                        h,
                        "<p class=\"advice\"><strong>Advice:</strong> {}</p>",
                        esc(text)
                    );
                }
                Block::Figures(list) => {
                    tables += 1;
                    let mut notes = Notes::new(tables);
                    h.push_str("<div class=\"table\"><table>\n");
                    for (label, value) in list {
                        let _ = writeln!(
                            h,
                            "<tr><th scope=\"row\">{}</th><td class=\"n\">{}{}</td></tr>",
                            esc(label),
                            esc(&value.text),
                            notes.mark(value.note.as_deref())
                        );
                    }
                    h.push_str("</table></div>\n");
                    notes.list(&mut h);
                }
                Block::Table { header, rows } => {
                    h.push_str("<div class=\"table\"><table>\n<thead><tr>");
                    for c in header {
                        let _ = write!(h, "<th scope=\"col\">{}</th>", esc(c));
                    }
                    h.push_str("</tr></thead>\n<tbody>\n");
                    tables += 1;
                    let mut notes = Notes::new(tables);
                    for row in rows {
                        h.push_str("<tr>");
                        for (i, c) in row.iter().enumerate() {
                            // Numbers align right and never wrap; long text (a post, a
                            // link) may break anywhere rather than push columns away.
                            let class = if i > 0 && numeric(&c.text) {
                                " class=\"n\""
                            } else if c.text.chars().count() > 40 {
                                " class=\"text\""
                            } else {
                                ""
                            };
                            let mark = notes.mark(c.note.as_deref());
                            let text = match &c.link {
                                Some(link) => format!(
                                    "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
                                    html_escape::encode_double_quoted_attribute(link),
                                    esc(&c.text)
                                ),
                                None => esc(&c.text),
                            };
                            let _ = write!(h, "<td{class}>{text}{mark}</td>");
                        }
                        h.push_str("</tr>\n");
                    }
                    h.push_str("</tbody></table></div>\n");
                    notes.list(&mut h);
                }
                Block::Chart(i) => {
                    let Some(slot) = report.charts.get(*i) else {
                        continue;
                    };
                    let Ok(spec) = &slot.spec else { continue };
                    let svg = draw::svg(spec).map_err(|e| Error::Output {
                        path: "index.html".into(),
                        source: std::io::Error::other(e),
                    })?;
                    let _ = writeln!(
                        h,
                        "<figure role=\"img\" aria-label=\"{}\">\n{}<figcaption>Data: tables/{}.csv</figcaption>\n</figure>",
                        esc(&slot.title),
                        inline_svg(&svg),
                        esc(&slot.table)
                    );
                }
            }
        }
        h.push_str("</section>\n");
    }
    let _ = writeln!(
        h,
        "<footer>Written by rapport {}. Every figure is defined in docs/metrics.md of rapport's repository; the numbers are \
         those of summary.json. This page loads nothing from the network.</footer>\n</main>\n</body>\n</html>",
        env!("CARGO_PKG_VERSION")
    );
    Ok(h)
}

impl Output for Html {
    fn format(&self) -> Format {
        Format::Html
    }

    fn main_file(&self) -> &'static str {
        "index.html"
    }

    fn write(&self, report: &Report, dir: &Path) -> Result<()> {
        write_file(dir, "index.html", render(report)?.as_bytes())
    }
}
