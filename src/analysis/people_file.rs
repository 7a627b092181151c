//! The people file (`--people people.csv`): the user's word on who is one person. One row
//! per person: a `person` column (the name to show; may be empty), then one column per
//! platform holding that person's account there (the id, the `@handle` or the name as the
//! report shows it; several accounts of one platform separated by `|`). Columns named
//! `evidence` or `note` are read by people, not by rapport; a row whose `person` starts with
//! `#` is a comment (how `rapport people` writes the likely links it did not make).
//!
//! Reading checks the file's shape only; which account a cell names is decided against the
//! archives by [`super::persons::Persons::build`].

use std::path::{Path, PathBuf};

/// Columns that are neither the person nor a platform and that rapport ignores.
pub const IGNORED_COLUMNS: [&str; 3] = ["evidence", "note", "notes"];

/// One row of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeopleRow {
    /// The line of the file the row starts on (the header is line 1).
    pub line: u64,
    /// The name to show; empty when the row gives none.
    pub person: String,
    /// (platform, what the cell says), one per account named, in column order.
    pub accounts: Vec<(String, String)>,
}

/// A read people file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeopleFile {
    /// The file as the user named it.
    pub path: PathBuf,
    /// Its rows, comments and rows without an account left out.
    pub rows: Vec<PeopleRow>,
}

impl PeopleFile {
    /// The file name as error lines show it.
    pub fn label(&self) -> String {
        self.path.display().to_string()
    }
}

/// Reads a people file; every problem is one line naming the file and the row.
pub fn read(path: &Path) -> Result<PeopleFile, Vec<String>> {
    let label = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| vec![format!("{label}: cannot read: {e}")])?;
    parse(path, &bytes)
}

/// Reads a people file's content.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<PeopleFile, Vec<String>> {
    let label = path.display().to_string();
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start_matches('\u{feff}');
    let first_line = text.lines().next().unwrap_or("");
    // A spreadsheet set to a comma-decimal locale saves with semicolons.
    let delimiter = if !first_line.contains(',') && first_line.contains(';') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_lowercase()).collect(),
        Err(e) => return Err(vec![format!("{label}: line 1: not a CSV header: {e}")]),
    };
    let known: Vec<&str> = crate::import::platforms().map(|p| p.as_str()).collect();
    let mut errors = Vec::new();
    let Some(person_column) = header.iter().position(|c| c == "person") else {
        return Err(vec![format!(
            "{label}: line 1: no 'person' column; the first line names the columns: person, \
             then one per platform ({})",
            known.join(", ")
        )]);
    };
    let mut platform_columns: Vec<(usize, String)> = Vec::new();
    for (i, name) in header.iter().enumerate() {
        if i == person_column || IGNORED_COLUMNS.contains(&name.as_str()) {
            continue;
        }
        if known.contains(&name.as_str()) {
            if platform_columns.iter().any(|(_, p)| p == name) {
                errors.push(format!(
                    "{label}: line 1: the column '{name}' is there twice"
                ));
            }
            platform_columns.push((i, name.clone()));
        } else {
            errors.push(format!(
                "{label}: line 1: the column '{}' is no platform rapport reads ({}; other \
                 columns may be {})",
                crate::error::one_line(name),
                known.join(", "),
                IGNORED_COLUMNS.join(", ")
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                errors.push(format!("{label}: line {line}: not CSV: {e}"));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.len() > header.len() && record.iter().skip(header.len()).any(|c| !c.is_empty()) {
            errors.push(format!(
                "{label}: line {line}: {} cells where the header names {} columns",
                record.len(),
                header.len()
            ));
            continue;
        }
        let person = record.get(person_column).unwrap_or("").trim().to_string();
        if person.starts_with('#') {
            continue;
        }
        let mut accounts = Vec::new();
        for (i, platform) in &platform_columns {
            for value in record.get(*i).unwrap_or("").split('|') {
                let value = value.trim();
                if !value.is_empty() {
                    accounts.push((platform.clone(), value.to_string()));
                }
            }
        }
        if accounts.is_empty() {
            continue;
        }
        rows.push(PeopleRow {
            line,
            person,
            accounts,
        });
    }
    if errors.is_empty() {
        Ok(PeopleFile {
            path: path.to_path_buf(),
            rows,
        })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Result<PeopleFile, Vec<String>> {
        parse(Path::new("people.csv"), text.as_bytes())
    }

    #[test]
    fn rows_comments_and_several_accounts_in_a_cell() {
        let file = parsed(
            "\u{feff}Person,evidence,twitter,linkedin\n\
             Grace Hopper,same name,2001,https://www.linkedin.com/in/grace-hopper\n\
             # John Smith,not linked,3001 | 3002,\n\
             Ada,,@ada | 4001,\n\
             Nobody,,,\n",
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(file.rows.len(), 2);
        assert_eq!(file.rows[0].line, 2);
        assert_eq!(file.rows[0].person, "Grace Hopper");
        assert_eq!(file.rows[1].line, 4);
        assert_eq!(
            file.rows[1].accounts,
            [
                ("twitter".to_string(), "@ada".to_string()),
                ("twitter".to_string(), "4001".to_string())
            ]
        );
    }

    #[test]
    fn semicolons_from_a_spreadsheet_are_read() {
        let file = parsed("person;twitter;facebook\nGrace;2001;Grace Hopper\n")
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(file.rows[0].accounts.len(), 2);
    }

    #[test]
    fn a_bad_header_is_one_line_per_problem() {
        let errors = parsed("name,twitter\nGrace,2001\n")
            .err()
            .unwrap_or_default();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("people.csv: line 1: no 'person' column"));
        let errors = parsed("person,twitter,myspace,tiktokk\nGrace,2001,,\n")
            .err()
            .unwrap_or_default();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].contains("'myspace' is no platform"), "{errors:?}");
    }

    #[test]
    fn a_row_longer_than_the_header_is_named() {
        let errors = parsed("person,twitter\nGrace,2001\nAlan,2002,extra\n")
            .err()
            .unwrap_or_default();
        assert_eq!(
            errors,
            ["people.csv: line 3: 3 cells where the header names 2 columns"]
        );
    }
}
