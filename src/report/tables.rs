//! The tables the sections read off the typed results (the groups of the lift analysis,
//! the ranked lists of people, growth by month) and the headline table: each is the data
//! behind a chart or a list of the report, written as `tables/<name>.csv`. They copy
//! figures; they compute none.

use super::headline::Headline;
use crate::analysis::ScopeFigures;
use crate::analysis::lift::Groups;
use crate::analysis::table::{Cell, Table};

/// A table of a lift dimension: one row per group.
pub fn groups(name: &str, first: &str, groups: Option<&Groups>) -> Table {
    let mut table = Table::new(
        name,
        &[
            first,
            "posts",
            "mean_engagement",
            "median_engagement",
            "lift",
        ],
    );
    for (group, stats) in groups.map(|g| g.0.as_slice()).unwrap_or_default() {
        table.push(vec![
            Cell::Text(group.clone()),
            Cell::from(stats.posts),
            Cell::Float(stats.mean_engagement),
            Cell::Float(stats.median_engagement),
            Cell::from(stats.lift),
        ]);
    }
    table
}

/// A text cell that may be empty.
pub fn text(value: Option<&str>) -> Cell {
    value.map_or(Cell::Null, Cell::from)
}

/// The `headline` table: each headline figure per scope, and with `--compare-previous` its
/// previous value and change.
pub fn headline_table(scopes: &[ScopeFigures], headlines: &[&Headline], compare: bool) -> Table {
    let mut columns = vec!["figure".to_string(), "key".to_string()];
    for s in scopes {
        columns.push(s.name.clone());
        if compare {
            columns.push(format!("{}_previous", s.name));
            columns.push(format!("{}_change", s.name));
        }
    }
    let mut table = Table {
        name: "headline".into(),
        columns,
        rows: Vec::new(),
    };
    for h in headlines {
        let mut row = vec![Cell::from(h.label), Cell::from(h.key)];
        for scope in scopes {
            let current = (h.read)(scope.current()).value;
            row.push(Cell::from(current));
            if compare {
                let previous = scope.previous().and_then(|p| (h.read)(p).value);
                row.push(Cell::from(previous));
                row.push(Cell::from(current.zip(previous).map(|(c, p)| c - p)));
            }
        }
        table.push(row);
    }
    table
}
