//! JavaScript data files that are one assignment of a JSON value: Twitter's
//! `window.YTD.tweets.part0 = [ ... ]`, `window.__THAR_CONFIG = { ... }`, and the older
//! `Grailbird.data.tweets_2014_02 = [ ... ]`.
//!
//! The records of an array are read as the entry inflates ([`records`]); a file with one
//! value is read whole ([`parse_value`]). A syntax error is reported with the line and
//! column in the file, the prefix included.

mod records;

use std::fmt;

use serde_json::Value;

pub use records::{Records, records};

/// Why a data file could not be read as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsProblem(pub String);

impl fmt::Display for JsProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The JSON part of a data file and where it starts.
struct Body<'a> {
    json: &'a str,
    /// Newlines before the JSON starts.
    line_offset: usize,
    /// Characters before the JSON on its first line.
    column_offset: usize,
}

fn body(text: &str) -> Result<Body<'_>, JsProblem> {
    let trimmed = text.trim_start();
    let starts_plain = trimmed.starts_with('[') || trimmed.starts_with('{');
    let start = if starts_plain {
        text.len() - trimmed.len()
    } else {
        match text.find('=') {
            Some(eq) => eq + 1,
            None => {
                return Err(JsProblem(
                    "not a data file: no `window.YTD... =` assignment before the data".into(),
                ));
            }
        }
    };
    let start = start + (text[start..].len() - text[start..].trim_start().len());
    let prefix = &text[..start];
    let line_offset = prefix.matches('\n').count();
    let column_offset = prefix
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0);
    let json = text[start..].trim_end();
    let json = json.strip_suffix(';').unwrap_or(json);
    Ok(Body {
        json,
        line_offset,
        column_offset,
    })
}

fn locate(err: &serde_json::Error, body: &Body<'_>) -> JsProblem {
    placed(err, body.line_offset, body.column_offset)
}

/// A serde_json error of JSON that starts after `lines_before` newlines and
/// `chars_before` characters on its first line, placed in the file.
fn placed(err: &serde_json::Error, lines_before: usize, chars_before: usize) -> JsProblem {
    let line = lines_before + err.line().max(1);
    let column = if err.line() <= 1 {
        chars_before + err.column()
    } else {
        err.column()
    };
    // serde_json appends "at line L column C" to its message; replace it with ours.
    let message = err.to_string();
    let message = message
        .rsplit_once(" at line ")
        .map(|(m, _)| m.to_string())
        .unwrap_or(message);
    JsProblem(format!(
        "invalid JSON at line {line}, column {column}: {message}"
    ))
}

/// Parses a data file whose value is one JSON value (`manifest.js`, `user_details.js`).
pub fn parse_value(text: &str) -> Result<Value, JsProblem> {
    let body = body(text)?;
    serde_json::from_str(body.json).map_err(|e| locate(&e, &body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_value_is_read_past_its_wrapper() {
        let value = parse_value("window.__THAR_CONFIG = {\"a\": 1};\n").unwrap();
        assert_eq!(value["a"], 1);
        let err = parse_value("window.__THAR_CONFIG = {\n\"a\": }").unwrap_err();
        assert!(
            err.0.starts_with("invalid JSON at line 2, column 6"),
            "{}",
            err.0
        );
        assert!(parse_value("no assignment here").is_err());
    }
}
