//! Detail tables: the rows behind a chart or a list of the report that summary.json does
//! not carry (the top posts, the hour x weekday grid, posts per week, response times).
//! An analysis computes them beside its figures, so the report never recomputes a metric;
//! they are plain data, written as `tables/<name>.csv` and drawn by the charts.

use std::fmt;

/// One value of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// No value (an unknown count, a lift under `--min-posts`).
    Null,
    /// A whole number.
    Int(i64),
    /// A decimal number; written rounded to 6 decimals.
    Float(f64),
    /// Text.
    Text(String),
}

impl Cell {
    /// The number in the cell, if any.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Cell::Int(i) => Some(*i as f64),
            Cell::Float(f) => Some(*f),
            _ => None,
        }
    }

    /// The text in the cell, if it is text.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Cell::Text(s) => Some(s),
            _ => None,
        }
    }
}

impl From<Option<f64>> for Cell {
    fn from(value: Option<f64>) -> Self {
        value.map_or(Cell::Null, Cell::Float)
    }
}

impl From<usize> for Cell {
    fn from(value: usize) -> Self {
        Cell::Int(value as i64)
    }
}

impl From<&str> for Cell {
    fn from(value: &str) -> Self {
        Cell::Text(value.to_string())
    }
}

impl From<String> for Cell {
    fn from(value: String) -> Self {
        Cell::Text(value)
    }
}

impl fmt::Display for Cell {
    /// The cell as written in a CSV file: empty for null, floats rounded to 6 decimals.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cell::Null => Ok(()),
            Cell::Int(i) => write!(f, "{i}"),
            Cell::Float(x) => write!(f, "{}", super::stats::round6(*x)),
            Cell::Text(s) => f.write_str(s),
        }
    }
}

/// A named table with a header.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The file name without `.csv`.
    pub name: String,
    /// The column names.
    pub columns: Vec<String>,
    /// The rows, each as long as `columns`.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// An empty table with these columns.
    pub fn new(name: &str, columns: &[&str]) -> Table {
        Table {
            name: name.to_string(),
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row.
    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    /// The index of a column.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// The cells of one column, top to bottom (empty when there is no such column).
    pub fn values<'a>(&'a self, name: &str) -> Vec<&'a Cell> {
        match self.column(name) {
            Some(i) => self.rows.iter().filter_map(|r| r.get(i)).collect(),
            None => Vec::new(),
        }
    }
}
