//! The importer registry is the one place that knows the platforms: the JSON Schema's
//! platform keys match it, and no code outside the importers names a platform.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::support::files_below;

const SCHEMA: &str = include_str!("../../src/analysis/summary.schema.json");

fn registry() -> Vec<String> {
    rapport::import::platforms()
        .map(|p| p.as_str().to_string())
        .collect()
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_schema_names_the_platforms_of_the_registry() {
    let schema: Value = serde_json::from_str(SCHEMA).unwrap();
    let properties = &schema["properties"];
    let mut archive_kinds = registry();
    archive_kinds.push("dataset".into());
    assert_eq!(
        strings(&properties["archives"]["items"]["properties"]["platform"]["enum"]),
        archive_kinds
    );
    assert_eq!(
        strings(&properties["coverage"]["propertyNames"]["enum"]),
        registry()
    );
    let scopes: Vec<String> = properties
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, v)| v["$ref"] == "#/$defs/platform_figures")
        .map(|(k, _)| k.clone())
        .collect();
    let mut expected = vec!["overall".to_string()];
    expected.extend(registry());
    assert_eq!(scopes, expected);
    // Every other list of platforms in the schema (the platform column of its tables).
    let mut lists = Vec::new();
    platform_enums(&schema, &mut lists);
    assert!(lists.len() > 3, "{lists:?}");
    for list in lists {
        let platforms: Vec<String> = list.into_iter().filter(|p| p != "dataset").collect();
        assert_eq!(platforms, registry());
    }
}

/// The text inside the string literals of a line (between pairs of double quotes).
fn strings_of(line: &str) -> String {
    line.split('"')
        .skip(1)
        .step_by(2)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every `enum` of the schema that names a platform of the registry.
fn platform_enums(value: &Value, out: &mut Vec<Vec<String>>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                if key == "enum" && v.as_array().is_some() {
                    let list = strings(v);
                    if registry().iter().any(|p| list.contains(p)) {
                        out.push(list);
                    }
                }
                platform_enums(v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| platform_enums(v, out)),
        _ => {}
    }
}

#[test]
fn no_code_outside_the_importers_names_a_platform() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    // The importers themselves, the enum, and the fuzz entry points (one per importer).
    let allowed = |relative: &str| {
        rapport::import::platforms()
            .any(|p| relative.starts_with(&format!("import/{}", p.as_str())))
            || relative == "model/rows.rs"
            || relative == "fuzz.rs"
    };
    let mut found = Vec::new();
    for path in files_below(&src) {
        let relative = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if !relative.ends_with(".rs") || allowed(&relative) {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        // Unit tests may name platforms: they are examples, not lists.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for platform in rapport::import::platforms() {
            let variant = format!("{:?}", platform);
            for needle in [
                format!("\"{}\"", platform.as_str()),
                format!("Platform::{variant}"),
            ] {
                for (n, line) in code.lines().enumerate() {
                    if line.contains(&needle) {
                        found.push(format!("src/{relative}:{}: {}", n + 1, line.trim()));
                    }
                }
            }
        }
        // Prose: a platform named in a string (a note, a sentence of the report), or a
        // folder name of one platform's export. Comments may name them as examples, and the
        // sample archives' folder names (`"twitter-2023"`) are fixtures, not facts.
        let words: Vec<String> = rapport::import::platforms()
            .flat_map(|p| {
                let title = p.title().to_string();
                let first = title.split('/').next().unwrap_or(&title).to_string();
                [title, first]
            })
            .chain(["dataexport", "facebook-", "inbox/"].map(String::from))
            .collect();
        for (n, line) in code.lines().enumerate() {
            let trimmed = line.trim();
            if trimmed.starts_with("//") || !trimmed.contains('"') {
                continue;
            }
            let fixture = rapport::import::platforms()
                .any(|p| trimmed.starts_with(&format!("\"{}-", p.as_str())));
            if fixture {
                continue;
            }
            if let Some(word) = words
                .iter()
                .find(|w| strings_of(trimmed).contains(w.as_str()))
            {
                found.push(format!("src/{relative}:{}: {word:?} in {trimmed}", n + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "platforms named outside the registry:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_checked_in_schema_is_generated_from_the_result_types() {
    let generated = rapport::pipeline::schema::summary_schema();
    let text = format!("{}\n", serde_json::to_string_pretty(&generated).unwrap());
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/analysis/summary.schema.json");
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        fs::write(&path, &text).unwrap();
    }
    assert!(
        text == SCHEMA,
        "src/analysis/summary.schema.json is not the schema of the result types: \
         run `UPDATE_SCHEMA=1 cargo test schema` and review the change"
    );
}
