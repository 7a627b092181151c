//! A figure that may be unknown, and why: [`Figure`] keeps a null value and its reason
//! together from the analysis to every output, so that summary.json's notes and the n/a of
//! the report say the same thing.
//!
//! summary.json writes a figure as its bare value (a number or null), as it always has; its
//! notes list is gathered from the figures by [`to_json`], which serializes a result once
//! with the reasons marked and then takes the marks out.

use std::cell::Cell;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

/// A figure of a result: its value, or `None` with the reason it cannot be given.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure<T> {
    value: Option<T>,
    note: Option<String>,
}

impl<T> Figure<T> {
    /// A known value.
    pub fn known(value: T) -> Figure<T> {
        Figure {
            value: Some(value),
            note: None,
        }
    }

    /// An unknown value and why.
    pub fn unknown(reason: impl Into<String>) -> Figure<T> {
        Figure {
            value: None,
            note: Some(reason.into()),
        }
    }

    /// `value`, or, when it is `None`, the figure unknown for `reason`.
    pub fn or_unknown(value: Option<T>, reason: impl Into<String>) -> Figure<T> {
        match value {
            Some(v) => Figure::known(v),
            None => Figure::unknown(reason),
        }
    }

    /// The value, where known.
    pub fn value(&self) -> Option<&T> {
        self.value.as_ref()
    }

    /// Why the value is unknown (`None` when it is known).
    pub fn note(&self) -> Option<&str> {
        match self.value {
            Some(_) => None,
            None => self.note.as_deref(),
        }
    }

    /// Whether the value is unknown.
    pub fn is_unknown(&self) -> bool {
        self.value.is_none()
    }
}

impl<T: Copy> Figure<T> {
    /// The value, where known.
    pub fn get(&self) -> Option<T> {
        self.value
    }
}

impl<T: Copy + Into<f64>> Figure<T> {
    /// The value as a decimal number, where known.
    pub fn number(&self) -> Option<f64> {
        self.value.map(Into::into)
    }
}

impl Figure<usize> {
    /// A count as a decimal number, where known.
    pub fn count(&self) -> Option<f64> {
        self.value.map(|v| v as f64)
    }
}

/// A figure's schema is its value's, or null.
impl<T: schemars::JsonSchema> schemars::JsonSchema for Figure<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        <Option<T>>::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <Option<T>>::json_schema(generator)
    }
}

thread_local! {
    /// Set while [`to_json`] serializes: figures then write their reason beside the value.
    static MARKING: Cell<bool> = const { Cell::new(false) };
}

const VALUE_MARK: &str = "\u{0}figure";
const NOTE_MARK: &str = "\u{0}note";

impl<T: Serialize> Serialize for Figure<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if MARKING.with(Cell::get) {
            let mut map = serializer.serialize_map(Some(2))?;
            map.serialize_entry(VALUE_MARK, &self.value)?;
            map.serialize_entry(NOTE_MARK, &self.note())?;
            map.end()
        } else {
            self.value.serialize(serializer)
        }
    }
}

/// Resets the marking flag however serialization ends.
struct Marking;

impl Marking {
    fn start() -> Marking {
        MARKING.with(|m| m.set(true));
        Marking
    }
}

impl Drop for Marking {
    fn drop(&mut self) {
        MARKING.with(|m| m.set(false));
    }
}

/// Serializes a result as summary.json writes it, with the notes of its unknown figures
/// as `path: reason` (the path relative to the result, fields joined by dots).
pub fn to_json<T: Serialize>(result: &T) -> (Value, Vec<String>) {
    let marked = {
        let _marking = Marking::start();
        serde_json::to_value(result)
    };
    // A result is plain data: serializing it cannot fail in practice, and if it ever did
    // the figure would be null (and explained by the summary's fallback note).
    let mut value = marked.unwrap_or(Value::Null);
    let mut notes = Vec::new();
    unmark(&mut value, "", &mut notes);
    (value, notes)
}

fn unmark(value: &mut Value, path: &str, notes: &mut Vec<String>) {
    match value {
        Value::Object(map) if map.contains_key(VALUE_MARK) => {
            if let Some(Value::String(note)) = map.get(NOTE_MARK) {
                notes.push(format!("{path}: {note}"));
            }
            let mut inner = map.remove(VALUE_MARK).unwrap_or(Value::Null);
            unmark(&mut inner, path, notes);
            *value = inner;
        }
        Value::Object(map) => {
            let keys: Vec<String> = map.keys().cloned().collect();
            let mut out = Map::new();
            for key in keys {
                if let Some(mut v) = map.remove(&key) {
                    let child = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    unmark(&mut v, &child, notes);
                    out.insert(key, v);
                }
            }
            *map = out;
        }
        Value::Array(items) => items.iter_mut().for_each(|v| unmark(v, path, notes)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, schemars::JsonSchema)]
    struct Example {
        count: usize,
        rate: Figure<f64>,
        nested: Nested,
    }

    #[derive(Serialize, schemars::JsonSchema)]
    struct Nested {
        share: Figure<f64>,
        known: Figure<f64>,
    }

    #[test]
    fn a_figure_is_written_as_its_value_and_its_reason_becomes_a_note() {
        let example = Example {
            count: 3,
            rate: Figure::unknown("no turn"),
            nested: Nested {
                share: Figure::or_unknown(None, "no invitation"),
                known: Figure::or_unknown(Some(0.5), "never said"),
            },
        };
        let (value, notes) = to_json(&example);
        assert_eq!(
            value,
            serde_json::json!({"count": 3, "rate": null, "nested": {"share": null, "known": 0.5}})
        );
        assert_eq!(notes, vec!["rate: no turn", "nested.share: no invitation"]);
        // Outside `to_json`, a figure is its bare value.
        assert_eq!(serde_json::to_value(&example.rate).ok(), Some(Value::Null));
        assert_eq!(example.nested.known.note(), None);
        assert_eq!(example.rate.note(), Some("no turn"));
    }
}
