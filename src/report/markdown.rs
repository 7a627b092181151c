//! `report.md`: the findings in Markdown, for a code host's page; charts are the PNGs.

use std::fmt::Write as _;
use std::path::Path;

use super::document::{Block, Reasons, build};
use super::{Format, Output, Report, write_file};
use crate::error::Result;

/// The report.md output.
pub struct Markdown;

/// Escapes archive text so that Markdown and inline HTML read it as text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            other => out.push(other),
        }
    }
    out
}

/// A link's address as a Markdown link target in angle brackets: what could end it or
/// break the table is percent-encoded.
fn link_target(link: &str) -> String {
    let mut out = String::with_capacity(link.len());
    for c in link.chars() {
        match c {
            '<' | '>' | '|' | '\\' | ' ' | '\n' | '\r' => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "%{b:02X}");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// The reasons of a table's n/a cells: `n/a [1]` in the cell, the reasons listed under
/// the table.
#[derive(Default)]
struct Notes<'a>(Reasons<'a>);

impl<'a> Notes<'a> {
    fn mark(&mut self, note: Option<&'a str>) -> String {
        self.0
            .number(note)
            .map_or(String::new(), |n| format!(" \\[{n}\\]"))
    }

    fn list(&self, md: &mut String) {
        for (i, reason) in self.0.list().iter().enumerate() {
            let _ = writeln!(md, "\\[{}\\] n/a: {}  ", i + 1, escape(reason));
        }
        if !self.0.list().is_empty() {
            md.push('\n');
        }
    }
}

/// Renders the report as Markdown.
pub fn render(report: &Report) -> String {
    let doc = build(report);
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", escape(&doc.title));
    for line in &doc.lead {
        let _ = writeln!(md, "- {}", escape(line));
    }
    md.push('\n');
    for section in &doc.sections {
        let _ = writeln!(md, "## {}\n", escape(&section.title));
        for block in &section.blocks {
            match block {
                Block::Para(text) | Block::Missing(text) => {
                    let _ = writeln!(md, "{}\n", escape(text));
                }
                Block::Points(list) => {
                    for (i, point) in list.iter().enumerate() {
                        let _ = writeln!(md, "{}. {}", i + 1, escape(point));
                    }
                    md.push('\n');
                }
                Block::Advice(text) => {
                    let _ = writeln!(md, "> **Advice:** {}\n", escape(text));
                }
                Block::Figures(list) => {
                    let mut notes = Notes::default();
                    md.push_str("| Figure | Value |\n|---|---:|\n");
                    for (label, value) in list {
                        let _ = writeln!(
                            md,
                            "| {} | {}{} |",
                            escape(label),
                            escape(&value.text),
                            notes.mark(value.note.as_deref())
                        );
                    }
                    md.push('\n');
                    notes.list(&mut md);
                }
                Block::Table { header, rows } => {
                    let _ = writeln!(
                        md,
                        "| {} |",
                        header
                            .iter()
                            .map(|h| escape(h))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    );
                    let _ = writeln!(md, "|{}", "---|".repeat(header.len()));
                    let mut notes = Notes::default();
                    for row in rows {
                        let cells: Vec<String> = row
                            .iter()
                            .map(|c| {
                                let text = match &c.link {
                                    Some(link) => {
                                        format!("[{}](<{}>)", escape(&c.text), link_target(link))
                                    }
                                    None => escape(&c.text),
                                };
                                format!("{text}{}", notes.mark(c.note.as_deref()))
                            })
                            .collect();
                        let _ = writeln!(md, "| {} |", cells.join(" | "));
                    }
                    md.push('\n');
                    notes.list(&mut md);
                }
                Block::Chart(i) => {
                    let Some(slot) = report.charts.get(*i) else {
                        continue;
                    };
                    if report.writes(Format::Png) {
                        let _ =
                            writeln!(md, "![{}](charts/{}.png)\n", escape(&slot.title), slot.name);
                    }
                    if report.writes(Format::Csv) {
                        let _ =
                            writeln!(md, "Data: [tables/{0}.csv](tables/{0}.csv)\n", slot.table);
                    }
                }
            }
        }
    }
    let _ = writeln!(
        md,
        "---\nWritten by rapport {}. Every figure is defined in docs/metrics.md of rapport's repository; the numbers are \
         those of summary.json.",
        env!("CARGO_PKG_VERSION")
    );
    md
}

impl Output for Markdown {
    fn format(&self) -> Format {
        Format::Md
    }

    fn main_file(&self) -> &'static str {
        "report.md"
    }

    fn write(&self, report: &Report, dir: &Path) -> Result<()> {
        write_file(dir, "report.md", render(report).as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archive_text_is_never_markup() {
        assert_eq!(
            escape("<script>alert(1)</script> *a* | b"),
            "&lt;script&gt;alert(1)&lt;/script&gt; \\*a\\* \\| b"
        );
    }
}
