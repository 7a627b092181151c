//! summary.json's JSON Schema, generated from the analyses' result types and the importer
//! registry: the figures of each analysis are its type's schema, and every list of
//! platforms is the registry's. The checked-in `src/analysis/summary.schema.json` is this
//! schema; a test fails when the two differ (`UPDATE_SCHEMA=1 cargo test schema` writes it).

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{Map, Value, json};

use super::registry::ANALYSES;
use crate::analysis::persons::PeopleSummary;
use crate::analysis::summary::{ArchiveEntry, PlatformCoverage, SCHEMA_VERSION};

/// The schema of one analysis' figures, for the registry.
pub fn figures_of<T: JsonSchema>(generator: &mut SchemaGenerator) -> Schema {
    generator.subschema_for::<T>()
}

/// The platforms of the registry, in its order.
fn platforms() -> Vec<Value> {
    crate::import::platforms()
        .map(|p| Value::from(p.as_str()))
        .collect()
}

/// The whole schema.
pub fn summary_schema() -> Value {
    let mut settings = SchemaSettings::draft2020_12().for_serialize();
    settings.inline_subschemas = true;
    let mut generator = settings.into_generator();
    let mut figures = Map::new();
    for analysis in ANALYSES {
        figures.insert(
            analysis.key.to_string(),
            (analysis.schema)(&mut generator).to_value(),
        );
    }
    let keys: Vec<Value> = ANALYSES.iter().map(|a| Value::from(a.key)).collect();
    let mut scope_properties = figures.clone();
    scope_properties.insert("previous".into(), json!({"$ref": "#/$defs/figures"}));
    scope_properties.insert("change".into(), json!({"$ref": "#/$defs/change"}));
    let mut archive = generator.subschema_for::<ArchiveEntry>().to_value();
    let mut archive_platforms = platforms();
    archive_platforms.push("dataset".into());
    archive["properties"]["platform"] = json!({ "enum": archive_platforms });
    let coverage = generator.subschema_for::<PlatformCoverage>().to_value();
    let date_time = json!({"type": ["string", "null"], "format": "date-time"});
    let mut properties = Map::new();
    properties.insert("schema_version".into(), json!({ "const": SCHEMA_VERSION }));
    properties.insert("generated_by".into(), json!({"type": "string"}));
    properties.insert(
        "period".into(),
        json!({
            "type": "object",
            "properties": {
                "start": date_time,
                "end": date_time,
                "tz": {"type": "string"},
                "previous": {
                    "type": "object",
                    "properties": {"start": date_time, "end": date_time},
                    "required": ["start", "end"],
                },
            },
            "required": ["start", "end", "tz"],
        }),
    );
    properties.insert(
        "parameters".into(),
        json!({
            "type": "object",
            "properties": {
                "min_posts": {"type": "integer", "minimum": 1},
                "top": {"type": "integer", "minimum": 0},
                "compare_previous": {"type": "boolean"},
            },
            "required": ["min_posts", "top", "compare_previous"],
        }),
    );
    properties.insert(
        "archives".into(),
        json!({"type": "array", "items": archive}),
    );
    properties.insert(
        "coverage".into(),
        json!({
            "type": "object",
            "propertyNames": {"enum": platforms()},
            "additionalProperties": coverage,
        }),
    );
    properties.insert(
        "people".into(),
        generator.subschema_for::<PeopleSummary>().to_value(),
    );
    properties.insert(
        "notes".into(),
        json!({"type": "array", "items": {"type": "string"}}),
    );
    for scope in std::iter::once(Value::from("overall")).chain(platforms()) {
        if let Value::String(scope) = scope {
            properties.insert(scope, json!({"$ref": "#/$defs/platform_figures"}));
        }
    }
    let mut schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/rapport/rapport/summary.schema.json",
        "title": "rapport summary.json",
        "description": "Every headline figure of `rapport analyze`, per platform and overall \
                        (docs/metrics.md defines each). A null figure has its reason in `notes`.",
        "type": "object",
        "properties": properties,
        "required": ["schema_version", "generated_by", "period", "parameters", "archives",
                     "coverage", "people", "notes", "overall"],
        "$defs": {
            "figures": {
                "type": "object",
                "properties": figures,
                "required": keys,
            },
            "platform_figures": {
                "type": "object",
                "properties": scope_properties,
                "required": keys,
            },
            "change": {
                "type": "object",
                "additionalProperties": {
                    "anyOf": [{"type": ["number", "null"]}, {"$ref": "#/$defs/change"}]
                },
            },
        },
    });
    close_objects(&mut schema);
    name_platforms(&mut schema, &platforms());
    schema
}

/// Every object with named properties admits no other (summary.json's keys are stable).
fn close_objects(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.get("properties").is_some_and(Value::is_object)
                && !map.contains_key("additionalProperties")
            {
                map.insert("additionalProperties".into(), Value::Bool(false));
            }
            for (key, v) in map.iter_mut() {
                // `properties` holds names, not schemas: recurse into its values only.
                if key == "properties" {
                    if let Value::Object(props) = v {
                        props.values_mut().for_each(close_objects);
                    }
                } else {
                    close_objects(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(close_objects),
        _ => {}
    }
}

/// A `platform` field of the figures names a platform of the registry.
fn name_platforms(value: &mut Value, platforms: &[Value]) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(props)) = map.get_mut("properties")
                && let Some(platform) = props.get_mut("platform")
                && platform.get("type") == Some(&Value::from("string"))
            {
                *platform = json!({ "enum": platforms });
            }
            map.values_mut().for_each(|v| name_platforms(v, platforms));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| name_platforms(v, platforms)),
        _ => {}
    }
}
