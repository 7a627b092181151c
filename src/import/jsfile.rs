//! JavaScript data files that are one assignment of a JSON value: Twitter's
//! `window.YTD.tweets.part0 = [ ... ]`, `window.__THAR_CONFIG = { ... }`, and the older
//! `Grailbird.data.tweets_2014_02 = [ ... ]`.
//!
//! Records of an array are handed over one at a time as they are parsed, so a file of
//! 200,000 tweets never exists as one tree in memory. A syntax error is reported with the
//! line and column in the file, the prefix included.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, SeqAccess, Visitor};
use serde_json::Value;

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
    let line = err.line() + body.line_offset;
    let column = if err.line() == 1 {
        err.column() + body.column_offset
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

/// Parses a data file whose value is an array, calling `each` for every element in order.
/// Returns the number of elements.
pub fn for_each_record(text: &str, mut each: impl FnMut(Value)) -> Result<usize, JsProblem> {
    let body = body(text)?;
    if !body.json.starts_with('[') {
        return Err(JsProblem(
            "the data is not a JSON array (broken `window.YTD` wrapper?)".into(),
        ));
    }
    let mut de = serde_json::Deserializer::from_str(body.json);
    let count = RecordStream { each: &mut each }
        .deserialize(&mut de)
        .map_err(|e| locate(&e, &body))?;
    de.end().map_err(|e| locate(&e, &body))?;
    Ok(count)
}

/// Parses a data file whose value is one JSON value (`manifest.js`, `user_details.js`).
pub fn parse_value(text: &str) -> Result<Value, JsProblem> {
    let body = body(text)?;
    serde_json::from_str(body.json).map_err(|e| locate(&e, &body))
}

struct RecordStream<'f, F> {
    each: &'f mut F,
}

impl<'de, F: FnMut(Value)> DeserializeSeed<'de> for RecordStream<'_, F> {
    type Value = usize;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, F: FnMut(Value)> Visitor<'de> for RecordStream<'_, F> {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of records")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
        let mut count = 0;
        while let Some(value) = seq.next_element::<Value>()? {
            (self.each)(value);
            count += 1;
        }
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wrapper_is_stripped_and_records_stream() {
        let mut seen = Vec::new();
        let n = for_each_record("window.YTD.tweets.part0 = [ {\"a\":1}, {\"a\":2} ]", |v| {
            seen.push(v["a"].as_i64())
        })
        .unwrap();
        assert_eq!(n, 2);
        assert_eq!(seen, vec![Some(1), Some(2)]);
    }

    #[test]
    fn an_empty_data_type_and_a_trailing_semicolon_are_fine() {
        assert_eq!(for_each_record("window.YTD.like.part0 = []", |_| {}), Ok(0));
        assert_eq!(
            for_each_record("window.YTD.like.part0 = [];\n", |_| {}),
            Ok(0)
        );
        assert_eq!(for_each_record("[{}]", |_| {}), Ok(1));
    }

    #[test]
    fn a_syntax_error_names_the_line_and_column_of_the_file() {
        let text = "window.YTD.tweets.part0 = [\n  {\"a\": 1},\n  {\"a\": }\n]";
        let err = for_each_record(text, |_| {}).unwrap_err();
        assert!(
            err.0.starts_with("invalid JSON at line 3, column 9"),
            "{}",
            err.0
        );
        let first_line = for_each_record("window.YTD.x.part0 = [ nope ]", |_| {}).unwrap_err();
        // `n` of `nope` is column 24; serde_json stops at the `o` that cannot start `null`.
        assert!(
            first_line.0.contains("line 1, column 25"),
            "{}",
            first_line.0
        );
    }

    #[test]
    fn a_broken_wrapper_is_refused() {
        assert!(for_each_record("window.YTD.tweets.part0 [ ]", |_| {}).is_err());
        assert!(for_each_record("window.YTD.tweets.part0 = {\"a\": 1}", |_| {}).is_err());
    }

    #[test]
    fn a_grailbird_month_file_reads_like_a_ytd_file() {
        let text = "Grailbird.data.tweets_2014_02 = \n[ {\n  \"id\" : 5\n} ]";
        let mut ids = Vec::new();
        for_each_record(text, |v| ids.push(v["id"].as_i64())).unwrap();
        assert_eq!(ids, vec![Some(5)]);
    }
}
