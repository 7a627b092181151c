//! Lenient field access on JSON records: a missing field is `None`, a number written as a
//! string is still a number, and an unexpected type never fails the record.

use serde_json::Value;

/// A text field (a string, or a number written as one); `None` when missing or empty.
pub fn text(record: &Value, key: &str) -> Option<String> {
    match record.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The first of several text fields that is present.
pub fn text_any(record: &Value, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| text(record, k))
}

/// An id field: like [`text`], but `"0"` and `"-1"` (placeholders) count as missing.
pub fn id(record: &Value, keys: &[&str]) -> Option<String> {
    text_any(record, keys).filter(|s| s != "0" && s != "-1")
}

/// A count: a number or a string of digits (`"16"`, `"424.0"`).
/// `Ok(None)` when the field is missing or empty; `Err(raw)` when it is not a number.
pub fn count(record: &Value, key: &str) -> Result<Option<u64>, String> {
    match record.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_u64()
            .or_else(|| n.as_f64().and_then(float_count))
            .map(Some)
            .ok_or_else(|| n.to_string()),
        Some(Value::String(s)) => parse_count(s),
        Some(other) => Err(other.to_string()),
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
pub fn array<'a>(record: &'a Value, key: &str) -> &'a [Value] {
    record
        .get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// Unwraps `{"tweet": {...}}` to its object; a bare object is returned as it is.
pub fn unwrap<'a>(record: &'a Value, key: &str) -> &'a Value {
    record.get(key).unwrap_or(record)
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
}
