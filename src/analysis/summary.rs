//! summary.json: every headline figure of every analysis, per platform and overall, under
//! the stable keys of docs/metrics.md. The shape is pinned by `summary.schema.json`, generated
//! from the result types (`pipeline::schema`).

use std::collections::BTreeMap;

use chrono::{DateTime, SecondsFormat};
use serde::Serialize;
use serde_json::{Map, Value};

use super::stats::round6;
use super::{Figures, Options, Period, ScopeFigures};

/// Bumped when a key changes meaning or disappears.
pub const SCHEMA_VERSION: u32 = 1;

/// One archive as summary.json lists it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ArchiveEntry {
    /// The archive's file name.
    pub file: String,
    /// Its platform.
    pub platform: String,
    /// Its generation.
    pub generation: String,
    /// The account id, where known.
    pub account: Option<String>,
}

/// What was read of one platform's archives.
#[derive(Debug, Clone, Default, Serialize, schemars::JsonSchema)]
pub struct PlatformCoverage {
    /// Entries read.
    pub files_read: usize,
    /// Entries ignored on purpose.
    pub files_ignored: usize,
    /// Optional entries that could not be read.
    pub files_unreadable: usize,
    /// Records per entry read.
    pub rows_per_file: BTreeMap<String, u64>,
    /// Records skipped (or read with a field nulled), per reason.
    pub records_skipped: BTreeMap<String, u64>,
}

/// Everything summary.json says besides the figures.
#[derive(Debug, Clone)]
pub struct Header {
    /// The period.
    pub period: Option<Period>,
    /// The previous period, with `--compare-previous`.
    pub previous: Option<Period>,
    /// The settings.
    pub options: Options,
    /// Whether the previous period is reported.
    pub compare_previous: bool,
    /// The archives.
    pub archives: Vec<ArchiveEntry>,
    /// Coverage per platform.
    pub coverage: BTreeMap<String, PlatformCoverage>,
    /// Notes that apply to the whole run.
    pub notes: Vec<String>,
    /// summary.json's `people`: the links of the overall scope.
    pub people: super::persons::PeopleSummary,
    /// The links themselves, for the pseudonyms of `--redact` (one per person).
    pub persons: super::persons::Persons,
    /// What the archives lack that the reader must know first (`tweets.js is missing`),
    /// one line each naming the archive; the report opens with them.
    pub warnings: Vec<String>,
}

/// The local day of `ms` as `YYYY-MM-DD`, as the report's lead names the period.
pub fn local_date(ms: i64, options: &Options) -> String {
    match local_time(ms, options) {
        Value::String(s) => s.get(..10).unwrap_or(&s).to_string(),
        _ => String::new(),
    }
}

fn local_time(ms: i64, options: &Options) -> Value {
    match DateTime::from_timestamp_millis(ms) {
        Some(t) => Value::String(
            t.with_timezone(&options.clock.tz)
                .to_rfc3339_opts(SecondsFormat::Millis, true),
        ),
        None => Value::Null,
    }
}

fn figures_object(
    figures: &[(&'static str, Figures)],
    prefix: &str,
    notes: &mut Vec<String>,
) -> Value {
    let mut object = Map::new();
    for (key, f) in figures {
        let (value, figure_notes) = f.result.to_json();
        object.insert(key.to_string(), value);
        for note in figure_notes.iter().chain(&f.notes) {
            notes.push(format!("{prefix}.{key}.{note}"));
        }
    }
    Value::Object(object)
}

/// The difference of every number of `current` and `previous` (null where either is null);
/// objects recurse, other values are left out.
pub fn change(current: &Value, previous: &Value) -> Option<Value> {
    match (current, previous) {
        (Value::Object(c), Value::Object(p)) => {
            let mut out = Map::new();
            for (key, value) in c {
                let before = p.get(key).unwrap_or(&Value::Null);
                if let Some(diff) = change(value, before) {
                    out.insert(key.clone(), diff);
                }
            }
            Some(Value::Object(out))
        }
        (Value::Number(c), Value::Number(p)) => match (c.as_f64(), p.as_f64()) {
            (Some(c), Some(p)) => serde_json::Number::from_f64(c - p).map(Value::Number),
            _ => Some(Value::Null),
        },
        (Value::Number(_), Value::Null) | (Value::Null, Value::Number(_)) => Some(Value::Null),
        (Value::Null, Value::Null) => Some(Value::Null),
        _ => None,
    }
}

/// Rounds every float to 6 decimals; whole numbers stay integers.
pub fn round_floats(value: &mut Value) {
    match value {
        Value::Number(n) if n.is_f64() => {
            if let Some(x) = n
                .as_f64()
                .and_then(|x| serde_json::Number::from_f64(round6(x)))
            {
                *n = x;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(round_floats),
        Value::Object(map) => map.values_mut().for_each(round_floats),
        _ => {}
    }
}

/// The note of a null figure that its analysis did not explain. It must never appear: a
/// test runs every fixture and fails on it, so a forgotten reason is caught, not shipped.
pub const FALLBACK_NOTE: &str = "no data for it in the period";

/// Adds a note for every null figure (outside lists) that has none, so that no null goes
/// unexplained.
fn explain_remaining_nulls(value: &Value, path: &str, notes: &mut Vec<String>) {
    match value {
        Value::Null => {
            let explained = notes.iter().any(|note| {
                let noted = note.split_once(": ").map_or(note.as_str(), |(p, _)| p);
                path == noted || path.starts_with(&format!("{noted}."))
            });
            if !explained {
                notes.push(format!("{path}: {FALLBACK_NOTE}"));
            }
        }
        Value::Object(map) => {
            for (key, v) in map {
                explain_remaining_nulls(v, &format!("{path}.{key}"), notes);
            }
        }
        _ => {}
    }
}

/// Builds summary.json.
pub fn build(header: &Header, scopes: &[ScopeFigures]) -> Value {
    build_with_notes(header, scopes).0
}

/// Builds summary.json, and the notes it lists (why each null figure is null).
pub fn build_with_notes(header: &Header, scopes: &[ScopeFigures]) -> (Value, Vec<String>) {
    let options = &header.options;
    let mut notes = header.notes.clone();
    let mut root = Map::new();
    root.insert("schema_version".into(), SCHEMA_VERSION.into());
    root.insert(
        "generated_by".into(),
        format!("rapport {}", env!("CARGO_PKG_VERSION")).into(),
    );
    let mut period = Map::new();
    period.insert(
        "start".into(),
        header
            .period
            .map_or(Value::Null, |p| local_time(p.start, options)),
    );
    period.insert(
        "end".into(),
        header
            .period
            .map_or(Value::Null, |p| local_time(p.end, options)),
    );
    period.insert("tz".into(), options.clock.tz.name().into());
    if header.compare_previous {
        let previous = header.previous;
        let mut prev = Map::new();
        prev.insert(
            "start".into(),
            previous.map_or(Value::Null, |p| local_time(p.start, options)),
        );
        prev.insert(
            "end".into(),
            previous.map_or(Value::Null, |p| local_time(p.end, options)),
        );
        period.insert("previous".into(), Value::Object(prev));
    }
    root.insert("period".into(), Value::Object(period));
    let mut parameters = Map::new();
    parameters.insert("min_posts".into(), options.min_posts.into());
    parameters.insert("top".into(), options.top.into());
    parameters.insert("compare_previous".into(), header.compare_previous.into());
    root.insert("parameters".into(), Value::Object(parameters));
    root.insert(
        "archives".into(),
        serde_json::to_value(&header.archives).unwrap_or(Value::Null),
    );
    root.insert(
        "coverage".into(),
        serde_json::to_value(&header.coverage).unwrap_or(Value::Null),
    );
    root.insert(
        "people".into(),
        serde_json::to_value(&header.people).unwrap_or(Value::Null),
    );
    let mut scope_values = Vec::new();
    for scope in scopes {
        let mut object = match figures_object(&scope.current, &scope.name, &mut notes) {
            Value::Object(m) => m,
            _ => Map::new(),
        };
        if let Some(previous) = &scope.previous {
            let prefix = format!("{}.previous", scope.name);
            let prev = figures_object(previous, &prefix, &mut notes);
            let current = Value::Object(object.clone());
            let diff = change(&current, &prev).unwrap_or(Value::Null);
            object.insert("previous".into(), prev);
            object.insert("change".into(), diff);
        }
        let mut value = Value::Object(object);
        round_floats(&mut value);
        scope_values.push((scope.name.clone(), value));
    }
    for (name, value) in &scope_values {
        if let Value::Object(map) = value {
            for (key, v) in map {
                if key != "change" {
                    explain_remaining_nulls(v, &format!("{name}.{key}"), &mut notes);
                }
            }
        }
    }
    notes.sort();
    notes.dedup();
    root.insert("notes".into(), notes.clone().into());
    for (name, value) in scope_values {
        root.insert(name, value);
    }
    (Value::Object(root), notes)
}
