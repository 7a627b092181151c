//! The report's sections, one file each: a section reads its analyses' typed results and
//! gives the report its headline figures, its tables (`tables/<name>.csv`), its charts and
//! its part of the document (figures, advice, tables, charts). Sections are registered
//! with their analysis in one table (`pipeline::ANALYSES`), so an analysis with a section
//! is one file here, one in `analysis/` and one line there.

pub mod actions;
pub mod broadcast;
pub mod consistency;
pub mod follow_up;
pub mod growth;
pub mod invitations;
pub mod posts;
pub mod relationships;
pub mod responsiveness;
pub mod timing;

use super::charts::ChartSlot;
use super::document::{Block, Section, Shown};
use super::headline::{Headline, Reading, Unit, format};
use crate::analysis::people;
use crate::analysis::summary::Header;
use crate::analysis::table::{Cell, Table};
use crate::analysis::{Outcome, Results, ScopeFigures};

/// Where a section stands in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Before the headline figures (what to do now).
    Top,
    /// After them, in the order of the registry.
    Body,
}

/// One section of the report.
pub trait ReportSection: Sync {
    /// Its anchor in index.html.
    fn id(&self) -> &'static str;

    /// Where it stands.
    fn placement(&self) -> Placement {
        Placement::Body
    }

    /// Its rows of the headline table, in order.
    fn headlines(&self) -> &'static [Headline] {
        &[]
    }

    /// The tables it reads off its results (the analyses' own detail tables are already in
    /// `ctx.tables`).
    fn tables(&self, _ctx: &Context) -> Vec<Table> {
        Vec::new()
    }

    /// Its charts, drawn or left out with the sentence saying why (`ctx.tables` holds every
    /// table by then).
    fn charts(&self, _ctx: &Context) -> Vec<ChartSlot> {
        Vec::new()
    }

    /// Its part of the document (`ctx.charts` holds every chart by then).
    fn build(&self, ctx: &Context) -> Section;
}

/// What a section reads.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The period, the settings, the archives and their coverage.
    pub header: &'a Header,
    /// The figures of every scope, `overall` first.
    pub scopes: &'a [ScopeFigures],
    /// The tables built so far.
    pub tables: &'a [Table],
    /// The charts built so far.
    pub charts: &'a [ChartSlot],
    /// Whether people are pseudonyms and post texts are left out.
    pub redacted: bool,
}

impl<'a> Context<'a> {
    /// The results of the overall scope in the period.
    pub fn overall(&self) -> Option<Results<'a>> {
        self.scopes.first().map(ScopeFigures::current)
    }

    /// The typed result of the analysis `key` in the overall scope.
    pub fn get<T: Outcome>(&self, key: &str) -> Option<&'a T> {
        self.overall().and_then(|r| r.get(key))
    }

    /// The typed result of the analysis `key` in the scope `scope` (a platform's name).
    pub fn get_in<T: Outcome>(&self, scope: &str, key: &str) -> Option<&'a T> {
        self.scopes
            .iter()
            .find(|s| s.name == scope)
            .and_then(|s| s.get(key))
    }

    /// The title of a platform scope for people (`Twitter/X`), or the name as it is.
    pub fn title_of(&self, scope: &str) -> String {
        crate::import::platforms()
            .find(|p| p.as_str() == scope)
            .map_or_else(|| scope.to_string(), |p| p.title().to_string())
    }

    /// The platform scopes (one per platform whose archive was given).
    pub fn platforms(&self) -> Vec<&'a str> {
        self.scopes
            .iter()
            .map(|s| s.name.as_str())
            .filter(|n| *n != "overall")
            .collect()
    }

    /// The time zone of hours and weekdays.
    pub fn tz(&self) -> &'static str {
        self.header.options.clock.tz.name()
    }

    /// `--min-posts`.
    pub fn min_posts(&self) -> usize {
        self.header.options.min_posts
    }

    /// Whether the previous period is reported.
    pub fn compare(&self) -> bool {
        self.header.compare_previous
    }

    /// A UTC instant as the local day a person reads: `3 Mar 2013`.
    pub fn day_of(&self, ms: i64) -> String {
        chrono::DateTime::from_timestamp_millis(ms).map_or_else(String::new, |t| {
            t.with_timezone(&self.header.options.clock.tz)
                .format("%-d %b %Y")
                .to_string()
        })
    }

    /// An RFC 3339 time of a result as the local day a person reads.
    pub fn day(&self, rfc3339: &str) -> String {
        chrono::DateTime::parse_from_rfc3339(rfc3339).map_or_else(
            |_| rfc3339.to_string(),
            |t| self.day_of(t.timestamp_millis()),
        )
    }

    /// A table by name.
    pub fn table(&self, name: &str) -> Option<&'a Table> {
        self.tables.iter().find(|t| t.name == name)
    }

    /// The chart `name`, or the sentence saying why it is not drawn.
    pub fn chart(&self, name: &str) -> Vec<Block> {
        match self.charts.iter().position(|c| c.name == name) {
            Some(i) => match &self.charts[i].spec {
                Ok(_) => vec![Block::Chart(i)],
                Err(why) => vec![Block::Missing(format!(
                    "{}: not drawn. {why}",
                    self.charts[i].title
                ))],
            },
            None => Vec::new(),
        }
    }

    /// Labelled figures, each with the reason it is unknown.
    pub fn figures(&self, list: Vec<(&str, Unit, Reading)>) -> Block {
        Block::Figures(
            list.into_iter()
                .map(|(label, unit, reading)| (label.to_string(), shown(unit, reading)))
                .collect(),
        )
    }

    /// Some columns of a table, under a header a person reads; `None` when it has no row.
    pub fn table_block(&self, name: &str, columns: &[(&str, &str)]) -> Option<Block> {
        let table = self.table(name)?;
        if table.rows.is_empty() {
            return None;
        }
        let index: Vec<Option<usize>> = columns.iter().map(|(c, _)| table.column(c)).collect();
        // A person's name links to their profile where the table gives one.
        let profile = table.column("profile_url");
        let name = table.column("name");
        Some(Block::Table {
            header: columns.iter().map(|(_, h)| h.to_string()).collect(),
            rows: table
                .rows
                .iter()
                .map(|row| {
                    index
                        .iter()
                        .zip(columns)
                        .map(|(i, (column, _))| {
                            let text = i
                                .and_then(|i| row.get(i))
                                .map(|c| cell_text(column, c))
                                .unwrap_or_default();
                            let link = profile
                                .filter(|_| name.is_some() && *i == name)
                                .and_then(|p| row.get(p))
                                .and_then(Cell::as_str);
                            Shown::linked(text, link)
                        })
                        .collect()
                })
                .collect(),
        })
    }
}

/// A figure as a person reads it, with the reason where it is unknown.
pub fn shown(unit: Unit, reading: Reading) -> Shown {
    Shown {
        text: format(unit, reading.value),
        note: reading.value.is_none().then_some(reading.note).flatten(),
        link: None,
    }
}

/// A cell of the column `column` as a person reads it: a lift as `+41%`, whole numbers
/// with thousands separators, other decimals to one place without trailing zeros.
pub fn cell_text(column: &str, cell: &Cell) -> String {
    match cell {
        Cell::Float(f) if column == "lift" => super::format::lift(*f),
        Cell::Float(f) => super::format::number(*f, 1),
        Cell::Int(i) if column != "rank" && column != "hour" => super::format::int(*i),
        other => other.to_string(),
    }
}

/// A count as a person reads it.
pub fn count(n: usize) -> String {
    format(Unit::Count, Some(n as f64))
}

/// A share as a person reads it.
pub fn share(v: Option<f64>) -> String {
    format(Unit::Share, v)
}

/// A person as a report shows them: the best name the archives give, never a bare number
/// (see [`people::label`]), linked to their profile where the platform has one.
pub fn person(name: Option<&str>, id: &str, profile_url: Option<&str>) -> Shown {
    Shown::linked(people::label(name, id), profile_url)
}
