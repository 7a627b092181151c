//! Lenient field access on JSON records: a missing field is `None`, a number written as a
//! string is still a number, and an unexpected type never fails the record.

use serde_json::Value;

use super::node::Node;

/// What a field holds, seen the same way for [`serde_json::Value`] and [`Node`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scalar<'a> {
    /// A string.
    Str(&'a str),
    /// A non-negative integer.
    Unsigned(u64),
    /// A negative integer.
    Signed(i64),
    /// Any other number.
    Float(f64),
    /// `null`.
    Null,
    /// `true`, `false`, an array or an object.
    Other,
}

/// A parsed JSON value that the lenient accessors below can read.
pub trait Json: Sized + std::fmt::Display {
    /// The value of `key` in an object.
    fn field(&self, key: &str) -> Option<&Self>;
    /// The value as a scalar.
    fn scalar(&self) -> Scalar<'_>;
    /// The elements of an array.
    fn items(&self) -> Option<&[Self]>;
    /// Whether the value is an object.
    fn is_object(&self) -> bool;
    /// The first key of an object (Mastodon's `contentMap` names the language).
    fn first_key(&self) -> Option<&str>;
    /// A `null` to stand for a missing field.
    fn null<'x>() -> &'x Self
    where
        Self: 'x;
}

static NULL_VALUE: Value = Value::Null;
static NULL_NODE: Node<'static> = Node::Null;

impl Json for Value {
    fn field(&self, key: &str) -> Option<&Value> {
        self.get(key)
    }
    fn scalar(&self) -> Scalar<'_> {
        match self {
            Value::String(s) => Scalar::Str(s),
            Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => Scalar::Unsigned(u),
                (None, Some(i), _) => Scalar::Signed(i),
                (None, None, Some(f)) => Scalar::Float(f),
                _ => Scalar::Other,
            },
            Value::Null => Scalar::Null,
            _ => Scalar::Other,
        }
    }
    fn items(&self) -> Option<&[Value]> {
        self.as_array().map(Vec::as_slice)
    }
    fn is_object(&self) -> bool {
        Value::is_object(self)
    }
    fn first_key(&self) -> Option<&str> {
        self.as_object()?.keys().next().map(String::as_str)
    }
    fn null<'x>() -> &'x Value {
        &NULL_VALUE
    }
}

impl<'a> Json for Node<'a> {
    fn field(&self, key: &str) -> Option<&Node<'a>> {
        self.get(key)
    }
    fn scalar(&self) -> Scalar<'_> {
        match self {
            Node::Str(s) => Scalar::Str(s),
            Node::Unsigned(u) => Scalar::Unsigned(*u),
            Node::Signed(i) => Scalar::Signed(*i),
            Node::Float(f) => Scalar::Float(*f),
            Node::Null => Scalar::Null,
            _ => Scalar::Other,
        }
    }
    fn items(&self) -> Option<&[Node<'a>]> {
        self.as_array()
    }
    fn is_object(&self) -> bool {
        Node::is_object(self)
    }
    fn first_key(&self) -> Option<&str> {
        match self {
            Node::Object(pairs) => pairs.first().map(|(k, _)| k.as_ref()),
            _ => None,
        }
    }
    fn null<'x>() -> &'x Node<'a>
    where
        'a: 'x,
    {
        &NULL_NODE
    }
}

/// A number as serde_json writes it (`12`, `-3`, `424.0`).
fn number_text(scalar: Scalar<'_>) -> Option<String> {
    match scalar {
        Scalar::Unsigned(u) => Some(u.to_string()),
        Scalar::Signed(i) => Some(i.to_string()),
        Scalar::Float(f) => serde_json::Number::from_f64(f).map(|n| n.to_string()),
        _ => None,
    }
}

/// A string or a number as text (an empty string stays empty); `None` for anything else.
pub fn scalar_text<J: Json>(value: &J) -> Option<String> {
    match value.scalar() {
        Scalar::Str(s) => Some(s.to_string()),
        other => number_text(other),
    }
}

/// A text field (a string, or a number written as one); `None` when missing or empty.
pub fn text<J: Json>(record: &J, key: &str) -> Option<String> {
    match record.field(key)?.scalar() {
        Scalar::Str(s) if !s.trim().is_empty() => Some(s.to_string()),
        Scalar::Str(_) => None,
        other => number_text(other),
    }
}

/// The first of several text fields that is present.
pub fn text_any<J: Json>(record: &J, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| text(record, k))
}

/// An id field: like [`text`], but `"0"` and `"-1"` (placeholders) count as missing.
pub fn id<J: Json>(record: &J, keys: &[&str]) -> Option<String> {
    text_any(record, keys).filter(|s| s != "0" && s != "-1")
}

/// A count: a number or a string of digits (`"16"`, `"424.0"`).
/// `Ok(None)` when the field is missing or empty; `Err(raw)` when it is not a number.
pub fn count<J: Json>(record: &J, key: &str) -> Result<Option<u64>, String> {
    let Some(value) = record.field(key) else {
        return Ok(None);
    };
    match value.scalar() {
        Scalar::Null => Ok(None),
        Scalar::Unsigned(u) => Ok(Some(u)),
        Scalar::Float(f) => float_count(f).map(Some).ok_or_else(|| value.to_string()),
        Scalar::Str(s) => parse_count(s),
        Scalar::Signed(_) | Scalar::Other => Err(value.to_string()),
    }
}

/// Parses a count written as text: `"16"`, `"424.0"`; empty or `-` is unknown.
pub fn parse_count(raw: &str) -> Result<Option<u64>, String> {
    let t = raw.trim();
    if t.is_empty() || t == "-" {
        return Ok(None);
    }
    t.parse::<u64>()
        .ok()
        .or_else(|| t.parse::<f64>().ok().and_then(float_count))
        .map(Some)
        .ok_or_else(|| raw.to_string())
}

fn float_count(f: f64) -> Option<u64> {
    (f.is_finite() && f >= 0.0 && f.fract() == 0.0 && f < 1e18).then_some(f as u64)
}

/// The elements of an array field; empty when missing or not an array.
pub fn array<'a, J: Json>(record: &'a J, key: &str) -> &'a [J] {
    record.field(key).and_then(J::items).unwrap_or(&[])
}

/// Unwraps `{"tweet": {...}}` to its object; a bare object is returned as it is.
pub fn unwrap<'a, J: Json>(record: &'a J, key: &str) -> &'a J {
    record.field(key).unwrap_or(record)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn counts_accept_strings_and_floats_and_flag_words() {
        let r = json!({"a": "16", "b": 3, "c": "424.0", "d": "lots", "e": "", "f": "-"});
        assert_eq!(count(&r, "a"), Ok(Some(16)));
        assert_eq!(count(&r, "b"), Ok(Some(3)));
        assert_eq!(count(&r, "c"), Ok(Some(424)));
        assert_eq!(count(&r, "d"), Err("lots".to_string()));
        assert_eq!(count(&r, "e"), Ok(None));
        assert_eq!(count(&r, "f"), Ok(None));
        assert_eq!(count(&r, "missing"), Ok(None));
    }

    #[test]
    fn ids_may_be_numbers_and_placeholders_are_missing() {
        let r = json!({"id": 12, "id_str": "12", "zero": "0"});
        assert_eq!(id(&r, &["id_str", "id"]).as_deref(), Some("12"));
        assert_eq!(id(&r, &["zero"]), None);
    }

    #[test]
    fn a_node_reads_like_a_value() {
        let json = r#"{"a": "16", "b": 3, "c": "424.0", "d": "lots", "e": "", "f": 2.5,
                       "g": -4, "h": [1, "x"], "i": {"j": 1}, "k": true, "id": 12}"#;
        let value: Value = serde_json::from_str(json).unwrap();
        let node = Node::parse(json).unwrap();
        for key in ["a", "b", "c", "d", "e", "f", "g", "h", "i", "k", "missing"] {
            assert_eq!(count(&value, key), count(&node, key), "{key}");
            assert_eq!(text(&value, key), text(&node, key), "{key}");
            assert_eq!(array(&value, key).len(), array(&node, key).len(), "{key}");
        }
        assert_eq!(id(&node, &["id"]).as_deref(), Some("12"));
        assert_eq!(count(&node, "f"), Err("2.5".to_string()));
        assert_eq!(count(&node, "h"), Err("[1,\"x\"]".to_string()));
    }
}
