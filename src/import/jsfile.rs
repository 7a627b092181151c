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

pub use records::{Records, records, records_under, records_under_last};

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

/// Parses a data file whose value is one JSON value (`manifest.js`, `user_details.js`, a
/// Facebook JSON file). Arrays and objects nested deeper than `max_depth` are refused
/// before parsing, with where the limit was passed.
pub fn parse_value(text: &str, max_depth: usize) -> Result<Value, JsProblem> {
    let body = body(text)?;
    if let Some(offset) = too_deep(body.json.as_bytes(), max_depth) {
        let before = &body.json[..offset];
        let line = body.line_offset + 1 + before.matches('\n').count();
        let column = match before.rfind('\n') {
            Some(newline) => before[newline + 1..].chars().count() + 1,
            None => body.column_offset + before.chars().count() + 1,
        };
        return Err(JsProblem(format!(
            "invalid JSON at line {line}, column {column}: {}",
            too_deep_message(max_depth)
        )));
    }
    serde_json::from_str(body.json).map_err(|e| locate(&e, &body))
}

/// The words for a file that nests deeper than the limit.
fn too_deep_message(max_depth: usize) -> String {
    format!("arrays and objects nest deeper than {max_depth} levels (see --max-depth)")
}

/// The offset of the first `[` or `{` (outside strings) that opens level `max_depth + 1`.
fn too_deep(json: &[u8], max_depth: usize) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, &b) in json.iter().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max_depth {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_value_is_read_past_its_wrapper() {
        let value = parse_value("window.__THAR_CONFIG = {\"a\": 1};\n", 64).unwrap();
        assert_eq!(value["a"], 1);
        let err = parse_value("window.__THAR_CONFIG = {\n\"a\": }", 64).unwrap_err();
        assert!(
            err.0.starts_with("invalid JSON at line 2, column 6"),
            "{}",
            err.0
        );
        assert!(parse_value("no assignment here", 64).is_err());
    }

    #[test]
    fn nesting_past_the_limit_is_refused_before_parsing_with_its_place() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let err = parse_value(&deep, 64).unwrap_err();
        assert_eq!(
            err.0,
            "invalid JSON at line 1, column 65: arrays and objects nest deeper than 64 levels \
             (see --max-depth)"
        );
        // Brackets inside strings do not count; the limit itself is allowed.
        let text = format!("x = {}\"[[[\\\"[[\"{}", "[".repeat(3), "]".repeat(3));
        assert!(parse_value(&text, 3).is_ok(), "{text}");
        let err = parse_value("x =\n {\"a\": [[1]]}", 2).unwrap_err();
        assert!(
            err.0.starts_with("invalid JSON at line 2, column 9:"),
            "{}",
            err.0
        );
    }
}
