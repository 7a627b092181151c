//! `--fail-if 'KEY OP VALUE'`: conditions on summary.json that fail a CI run (exit 3).
//!
//! KEY is a dotted path into summary.json (`twitter.responsiveness.within_24h_rate`); a
//! path not found from the root is looked up under `overall`, so
//! `responsiveness.within_24h_rate` means the overall figure.

use std::fmt;

use serde_json::Value;

/// A comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `==`
    Eq,
    /// `!=`
    Ne,
}

impl Op {
    fn symbol(self) -> &'static str {
        match self {
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::Eq => "==",
            Op::Ne => "!=",
        }
    }

    fn holds(self, left: f64, right: f64) -> bool {
        match self {
            Op::Lt => left < right,
            Op::Le => left <= right,
            Op::Gt => left > right,
            Op::Ge => left >= right,
            Op::Eq => left == right,
            Op::Ne => left != right,
        }
    }
}

/// One `--fail-if` condition.
#[derive(Debug, Clone, PartialEq)]
pub struct Gate {
    /// The dotted key.
    pub key: String,
    /// The comparison.
    pub op: Op,
    /// The threshold.
    pub threshold: f64,
}

impl fmt::Display for Gate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.key, self.op.symbol(), self.threshold)
    }
}

/// Parses `KEY OP VALUE` (spaces around OP optional).
pub fn parse(text: &str) -> Result<Gate, String> {
    // Two-character operators first, so `<=` is not read as `<`.
    const OPS: [(&str, Op); 6] = [
        ("<=", Op::Le),
        (">=", Op::Ge),
        ("==", Op::Eq),
        ("!=", Op::Ne),
        ("<", Op::Lt),
        (">", Op::Gt),
    ];
    let bad = || {
        format!(
            "--fail-if {text:?}: expected 'KEY OP VALUE' with OP one of < <= > >= == != \
             and VALUE a number, e.g. 'responsiveness.within_24h_rate < 0.6'"
        )
    };
    let (at, symbol, op) = OPS
        .iter()
        .filter_map(|(symbol, op)| text.find(symbol).map(|at| (at, *symbol, *op)))
        .min_by_key(|(at, symbol, _)| (*at, std::cmp::Reverse(symbol.len())))
        .ok_or_else(bad)?;
    let key = text[..at].trim();
    let value = text[at + symbol.len()..].trim();
    if key.is_empty() || key.contains(char::is_whitespace) {
        return Err(bad());
    }
    let threshold: f64 = value.parse().map_err(|_| bad())?;
    if !threshold.is_finite() {
        return Err(bad());
    }
    Ok(Gate {
        key: key.to_string(),
        op,
        threshold,
    })
}

/// Looks up a dotted key; list items by number (`actions.actions.0.strength`).
pub fn lookup<'a>(summary: &'a Value, key: &str) -> Option<&'a Value> {
    let find = |root: &'a Value| {
        key.split('.').try_fold(root, |node, part| match node {
            Value::Object(map) => map.get(part),
            Value::Array(items) => part.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        })
    };
    find(summary).or_else(|| summary.get("overall").and_then(find))
}

/// What checking the gates found.
#[derive(Debug, Default, PartialEq)]
pub struct Outcome {
    /// One line per condition that held: key, value and threshold.
    pub failed: Vec<String>,
    /// One line per condition on a null figure (not evaluated).
    pub skipped: Vec<String>,
}

/// Checks every gate; an unknown key or a key that is not a number is an error (a usage
/// error: the condition can never be checked).
pub fn check(gates: &[Gate], summary: &Value) -> Result<Outcome, String> {
    let mut outcome = Outcome::default();
    for gate in gates {
        let value = lookup(summary, &gate.key).ok_or_else(|| {
            format!(
                "--fail-if {:?}: summary.json has no key {:?}",
                gate.to_string(),
                gate.key
            )
        })?;
        match value {
            Value::Null => outcome.skipped.push(format!(
                "gate not checked: {} is null (see notes in summary.json)",
                gate.key
            )),
            Value::Number(n) => {
                let v = n.as_f64().unwrap_or(f64::NAN);
                if gate.op.holds(v, gate.threshold) {
                    outcome.failed.push(format!(
                        "gate failed: {} = {} {} {}",
                        gate.key,
                        n,
                        gate.op.symbol(),
                        gate.threshold
                    ));
                }
            }
            other => {
                return Err(format!(
                    "--fail-if {:?}: {} is not a number but {}",
                    gate.to_string(),
                    gate.key,
                    match other {
                        Value::Object(_) => "an object",
                        Value::Array(_) => "a list",
                        Value::String(_) => "a string",
                        _ => "a boolean",
                    }
                ));
            }
        }
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_operator() {
        assert_eq!(parse("a.b < 0.6").unwrap().op, Op::Lt);
        assert_eq!(parse("a.b<=1").unwrap().op, Op::Le);
        assert_eq!(parse("a.b > 1").unwrap().op, Op::Gt);
        assert_eq!(parse("a.b >= 1").unwrap().op, Op::Ge);
        assert_eq!(parse("a.b == 1").unwrap().op, Op::Eq);
        assert_eq!(parse("a.b != -1.5").unwrap().threshold, -1.5);
        assert!(parse("a.b 0.6").is_err());
        assert!(parse("< 0.6").is_err());
        assert!(parse("a.b < high").is_err());
    }

    #[test]
    fn keys_fall_back_to_overall() {
        let summary =
            serde_json::json!({"overall": {"r": {"x": 0.5}}, "twitter": {"r": {"x": 0.9}}});
        let gates = [
            parse("r.x < 0.6").unwrap(),
            parse("twitter.r.x < 0.6").unwrap(),
        ];
        let outcome = check(&gates, &summary).unwrap();
        assert_eq!(outcome.failed, vec!["gate failed: r.x = 0.5 < 0.6"]);
        assert!(check(&[parse("r.y < 1").unwrap()], &summary).is_err());
    }
}
