//! JSON Schemas (draft 2020-12) of the program files, derived from the model,
//! for editors (yaml-language-server) and validators.

use crate::layout::FileKind;
use serde_json::{Map, Value};

/// The schema of one kind of file, titled with the file's place.
///
/// It is derived from the model, then made to say what `al` accepts when
/// it reads a file: a YAML file's lists as [`crate::yaml::list`] reads them
/// ([`lists_as_read`]); al.toml's numbers without the formats JSON Schema
/// does not define ([`standard_formats`]).
pub fn schema(kind: FileKind) -> Value {
    let mut s = (kind.spec().schema)();
    let title = format!("al: {}", kind.pattern());
    s.insert("title".to_string(), Value::String(title));
    let mut s = s.to_value();
    if kind == FileKind::Config {
        standard_formats(&mut s);
    } else {
        let text = <crate::model::Text as schemars::JsonSchema>::json_schema(&mut Default::default());
        lists_as_read(&mut s, &text.to_value());
    }
    s
}

/// A transform for a struct of a program file, as its container attribute
/// `#[schemars(transform = crate::schema::required(&["title"]))]`: these
/// keys are required, as the rules require them (AL002 "missing required
/// key"). A key written with nothing (`title:`) counts as missing, so a
/// required key's value may not be null, and it has no default.
pub(crate) fn required(keys: &'static [&'static str]) -> impl FnMut(&mut schemars::Schema) {
    move |schema| {
        let Some(obj) = schema.as_object_mut() else {
            return;
        };
        if let Some(Value::Object(props)) = obj.get_mut("properties") {
            for key in keys {
                if let Some(Value::Object(p)) = props.get_mut(*key) {
                    not_null(p);
                }
            }
        }
        if let Value::Array(list) = obj.entry("required").or_insert_with(|| Value::Array(Vec::new())) {
            for key in keys {
                if !list.iter().any(|k| k == key) {
                    list.push(Value::from(*key));
                }
            }
        }
    }
}

/// The schema `p` without null: no `null` type, no `{"type": "null"}`
/// alternative, no default.
fn not_null(p: &mut Map<String, Value>) {
    p.remove("default");
    if let Some(Value::Array(types)) = p.get_mut("type") {
        types.retain(|t| t != "null");
        if types.len() == 1 {
            let only = types.remove(0);
            p.insert("type".to_string(), only);
        }
    }
    let null = serde_json::json!({ "type": "null" });
    if let Some(Value::Array(any)) = p.get_mut("anyOf") {
        any.retain(|s| *s != null);
        if any.len() == 1
            && let Some(Value::Object(only)) = any.pop()
        {
            p.remove("anyOf");
            for (k, v) in only {
                p.entry(k).or_insert(v);
            }
        }
    }
}

/// Makes every list of a program file's schema say what
/// [`crate::yaml::list`] accepts: a list key written with nothing
/// (`members:`) is an empty list, unless the key is required; and an item of
/// a list of texts or ids may be any scalar (`members: [007, 12]`), read as
/// text — `text` is the schema of [`crate::model::Text`].
fn lists_as_read(value: &mut Value, text: &Value) {
    match value {
        Value::Object(obj) => {
            let required: Vec<String> = match obj.get("required") {
                Some(Value::Array(r)) => r.iter().filter_map(|k| k.as_str().map(str::to_string)).collect(),
                _ => Vec::new(),
            };
            if let Some(Value::Object(props)) = obj.get_mut("properties") {
                for (key, p) in props.iter_mut() {
                    if let Value::Object(p) = p {
                        list_as_read(p, !required.contains(key), text);
                    }
                }
            }
            for v in obj.values_mut() {
                lists_as_read(v, text);
            }
        }
        Value::Array(items) => {
            for v in items {
                lists_as_read(v, text);
            }
        }
        _ => {}
    }
}

/// One property of a program file's schema, if it is a list: see [`lists_as_read`].
fn list_as_read(p: &mut Map<String, Value>, may_be_empty: bool, text: &Value) {
    let is_list = match p.get("type") {
        Some(Value::String(t)) => t == "array",
        Some(Value::Array(ts)) => ts.iter().any(|t| t == "array"),
        _ => false,
    };
    if !is_list {
        return;
    }
    if p.get("items") == Some(&serde_json::json!({ "type": "string" })) {
        p.insert("items".to_string(), text.clone());
    }
    if may_be_empty {
        match p.get_mut("type") {
            Some(Value::Array(ts)) if !ts.iter().any(|t| t == "null") => ts.push(Value::from("null")),
            Some(t @ Value::String(_)) => *t = serde_json::json!([t.clone(), "null"]),
            _ => {}
        }
    }
}

/// The formats JSON Schema defines (draft 2020-12, "Vocabularies for
/// Semantic Content With format"); a strict validator (Ajv) refuses others.
const FORMATS: &[&str] = &[
    "date-time",
    "date",
    "time",
    "duration",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uuid",
    "uri-template",
    "json-pointer",
    "relative-json-pointer",
    "regex",
];

/// Removes the formats schemars gives Rust's number types (`uint32`,
/// `uint64`, `double`), which JSON Schema does not define, keeping the bound
/// a whole number of that type has: al.toml's numbers are read as those
/// types, and TOML's whole numbers have 64 bits with a sign.
fn standard_formats(value: &mut Value) {
    match value {
        Value::Object(obj) => {
            let format = obj.get("format").and_then(Value::as_str).map(str::to_string);
            if let Some(f) = format.filter(|f| !FORMATS.contains(&f.as_str())) {
                obj.remove("format");
                let max = match f.as_str() {
                    "uint8" => Some(u64::from(u8::MAX)),
                    "uint16" => Some(u64::from(u16::MAX)),
                    "uint32" => Some(u64::from(u32::MAX)),
                    "uint64" | "int64" => Some(i64::MAX as u64),
                    _ => None,
                };
                if let Some(max) = max {
                    obj.entry("maximum").or_insert(Value::from(max));
                }
            }
            for v in obj.values_mut() {
                standard_formats(v);
            }
        }
        Value::Array(items) => {
            for v in items {
                standard_formats(v);
            }
        }
        _ => {}
    }
}

/// The schema as pretty JSON text with a final newline.
pub(crate) fn schema_text(kind: FileKind) -> String {
    let mut t = serde_json::to_string_pretty(&schema(kind)).unwrap_or_default();
    t.push('\n');
    t
}

/// Where `al init` puts the schemas, inside the program folder.
pub(crate) const SCHEMA_DIR: &str = ".al/schema";

/// The `# yaml-language-server` line for a file at `rel` inside the program,
/// pointing at the schema copy under [`SCHEMA_DIR`]; `None` for non-YAML files.
pub(crate) fn header_for(rel: &str) -> Option<String> {
    let kind = FileKind::of_rel(rel).filter(|k| k.spec().loaded)?;
    let up = "../".repeat(rel.matches('/').count());
    Some(format!(
        "# yaml-language-server: $schema={up}{SCHEMA_DIR}/{}.json\n",
        kind.name()
    ))
}

/// The schema files `al init` writes, as (path inside the program, text):
/// one per kind of file, al.toml's included (for TOML editors, `#:schema
/// .al/schema/config.json`).
pub fn files() -> Vec<(String, String)> {
    FileKind::all()
        .iter()
        .map(|k| (format!("{SCHEMA_DIR}/{}.json", k.name()), schema_text(*k)))
        .collect()
}

/// Writes the schema that the header of a new file at `rel` points at,
/// when the program does not have it yet (a program not made by `al init`),
/// so that no file `al` writes names a schema that does not exist. An
/// existing schema is left as it is.
pub(crate) fn ensure_for(dir: &std::path::Path, rel: &str) -> crate::error::Result<()> {
    let Some(kind) = FileKind::of_rel(rel).filter(|k| k.spec().loaded) else {
        return Ok(());
    };
    let path = dir.join(SCHEMA_DIR).join(format!("{}.json", kind.name()));
    if path.exists() {
        return Ok(());
    }
    crate::files::write_new(&path, &schema_text(kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_point_up_to_the_schema_folder() {
        assert_eq!(
            header_for("topic.yaml").as_deref(),
            Some("# yaml-language-server: $schema=.al/schema/topic.json\n")
        );
        assert_eq!(
            header_for("sessions/2026-03-02-kickoff.yaml").as_deref(),
            Some("# yaml-language-server: $schema=../.al/schema/session.json\n")
        );
        assert_eq!(header_for("al.toml"), None);
        assert_eq!(
            header_for("subtopics/a.yml").as_deref(),
            Some("# yaml-language-server: $schema=../.al/schema/subtopic.json\n")
        );
    }

    #[test]
    fn schemas_forbid_unknown_keys_and_know_the_words() {
        let s = schema(FileKind::Session);
        assert_eq!(s["additionalProperties"], false);
        let text = s.to_string();
        assert!(text.contains("group-meeting") && text.contains("study-visit"));
        assert!(text.contains("\"format\":\"date\""));
        assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    }

    #[test]
    fn schemas_say_how_al_reads_the_files() {
        let session = schema(FileKind::Session);
        assert_eq!(session["required"], serde_json::json!(["kind", "date"]));
        assert_eq!(session["properties"]["date"]["type"], "string");
        assert!(session["properties"]["date"].get("default").is_none());
        assert_eq!(session["properties"]["kind"]["$ref"], "#/$defs/SessionKind");
        assert_eq!(
            session["properties"]["members"],
            Value::Null,
            "no such key: guests are"
        );
        assert_eq!(
            session["properties"]["guests"]["type"],
            serde_json::json!(["array", "null"])
        );
        assert_eq!(
            session["properties"]["guests"]["items"]["type"],
            serde_json::json!(["string", "number", "boolean"])
        );
        let team = schema(FileKind::Team);
        assert_eq!(
            team["properties"]["groups"]["type"], "array",
            "required: never empty"
        );
        assert_eq!(team["properties"]["groups"]["minItems"], 1);
        let text = schema_text(FileKind::Config);
        assert!(!text.contains("uint") && !text.contains("double"), "{text}");
        assert!(text.contains("\"maximum\": 4294967295"));
    }
}
