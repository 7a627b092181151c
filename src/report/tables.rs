//! The tables read off summary.json (the groups of the lift analysis, the ranked lists of
//! people, growth by month, the headline figures per platform): each is the data behind a
//! chart or a list of the report, written as `tables/<name>.csv`. They copy figures; they
//! compute none.

use serde_json::Value;

use super::headline::{HEADLINES, number};
use crate::analysis::table::{Cell, Table};

/// The scopes of summary.json, `overall` first, then the platforms present.
pub fn scopes(summary: &Value) -> Vec<String> {
    std::iter::once("overall")
        .chain(crate::import::platforms().map(|p| p.as_str()))
        .filter(|s| summary.get(*s).is_some())
        .map(str::to_string)
        .collect()
}

/// The platform scopes only (one per platform whose archive was given).
pub fn platforms(summary: &Value) -> Vec<String> {
    scopes(summary)
        .into_iter()
        .filter(|s| s != "overall")
        .collect()
}

fn cell(value: Option<&Value>) -> Cell {
    match value {
        Some(Value::Number(n)) => match n.as_i64() {
            Some(i) if !n.is_f64() => Cell::Int(i),
            _ => Cell::from(n.as_f64()),
        },
        Some(Value::String(s)) => Cell::Text(s.clone()),
        Some(Value::Bool(b)) => Cell::Text(b.to_string()),
        Some(Value::Array(items)) => Cell::Text(
            items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join("; "),
        ),
        _ => Cell::Null,
    }
}

/// A table of a lift dimension: one row per group.
fn groups(name: &str, first: &str, groups: Option<&Value>) -> Table {
    let columns = [
        first,
        "posts",
        "mean_engagement",
        "median_engagement",
        "lift",
    ];
    let mut table = Table::new(name, &columns);
    if let Some(Value::Object(map)) = groups {
        for (group, stats) in map {
            let mut row = vec![Cell::Text(group.clone())];
            row.extend(columns[1..].iter().map(|c| cell(stats.get(*c))));
            table.push(row);
        }
    }
    table
}

/// A table of a list of objects, one column per field.
fn list(name: &str, columns: &[&str], items: Option<&Value>) -> Table {
    let mut table = Table::new(name, columns);
    if let Some(Value::Array(items)) = items {
        for item in items {
            table.push(columns.iter().map(|c| cell(item.get(*c))).collect());
        }
    }
    table
}

/// The name a person reads for a counterpart: the display name where known, else the id
/// (a handle or a profile URL where that is the id).
pub fn display_name(item: &Value) -> String {
    item.get("counterpart_name")
        .and_then(Value::as_str)
        .filter(|n| !n.trim().is_empty())
        .or_else(|| item.get("counterpart_id").and_then(Value::as_str))
        .unwrap_or("(unknown)")
        .to_string()
}

/// Every table read off the summary.
pub fn from_summary(summary: &Value) -> Vec<Table> {
    let overall = summary.get("overall").unwrap_or(&Value::Null);
    let at = |path: &str| super::headline::lookup(overall, path);
    let mut out = vec![
        groups("engagement_by_kind", "kind", at("lift.kind")),
        groups("engagement_by_media", "media", at("lift.media")),
        groups("lift_by_length_band", "length_band", at("lift.length_band")),
        groups("lift_by_hour", "hour", at("lift.hour")),
        groups("lift_by_weekday", "weekday", at("lift.weekday")),
        groups("lift_by_hashtag", "hashtag", at("lift.hashtag")),
        groups("lift_by_link_domain", "link_domain", at("lift.link_domain")),
        list(
            "top_counterparts",
            &[
                "platform",
                "counterpart_id",
                "counterpart_name",
                "inbound",
                "outbound",
                "strength",
                "reciprocity",
            ],
            at("counterpart_strength.top_counterparts"),
        ),
        list(
            "supporters",
            &[
                "platform",
                "counterpart_id",
                "counterpart_name",
                "inbound",
                "outbound",
                "reciprocated",
            ],
            at("supporters.top_supporters"),
        ),
        list(
            "dormant",
            &[
                "platform",
                "counterpart_id",
                "interactions_before",
                "last_interaction_at",
            ],
            at("dormant.dormant_relationships"),
        ),
        list(
            "top_companies",
            &["company", "connections"],
            at("growth.top_companies"),
        ),
    ];
    let mut actions = list(
        "actions",
        &[
            "platform",
            "counterpart_id",
            "counterpart_name",
            "strength",
            "reasons",
        ],
        at("actions.actions"),
    );
    actions.columns.insert(0, "name".into());
    if let Some(Value::Array(items)) = at("actions.actions") {
        for (row, item) in actions.rows.iter_mut().zip(items) {
            row.insert(0, Cell::Text(display_name(item)));
        }
    }
    out.push(actions);
    let mut growth = Table::new("growth_by_month", &["month", "new", "cumulative"]);
    if let Some(Value::Object(months)) = at("growth.months") {
        for (month, m) in months {
            growth.push(vec![
                Cell::Text(month.clone()),
                cell(m.get("new")),
                cell(m.get("cumulative")),
            ]);
        }
    }
    out.push(growth);
    out.push(headline_table(summary));
    out
}

/// The `headline` table: each headline figure per scope, and with `--compare-previous` its
/// previous value and change.
fn headline_table(summary: &Value) -> Table {
    let scopes = scopes(summary);
    let compare = summary
        .pointer("/parameters/compare_previous")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let mut columns = vec!["figure".to_string(), "key".to_string()];
    for s in &scopes {
        columns.push(s.clone());
        if compare {
            columns.push(format!("{s}_previous"));
            columns.push(format!("{s}_change"));
        }
    }
    let mut table = Table {
        name: "headline".into(),
        columns,
        rows: Vec::new(),
    };
    for h in HEADLINES {
        let mut row = vec![Cell::from(h.label), Cell::from(h.key)];
        for s in &scopes {
            let scope = summary.get(s).unwrap_or(&Value::Null);
            row.push(Cell::from(number(scope, h.key)));
            if compare {
                let previous = scope.get("previous").unwrap_or(&Value::Null);
                let change = scope.get("change").unwrap_or(&Value::Null);
                row.push(Cell::from(number(previous, h.key)));
                row.push(Cell::from(number(change, h.key)));
            }
        }
        table.push(row);
    }
    table
}
