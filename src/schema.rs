//! JSON Schemas (draft 2020-12) of the program files, derived from the model,
//! for editors (yaml-language-server) and validators.

use crate::layout::FileKind;
use serde_json::{Map, Value};

/// The schema of one kind of file, titled with the file's place.
///
/// It is derived from the model, whose types describe the values (as the
/// report's templates see them too), then made to say what `al` accepts
/// when it reads a file: the keys ([`keys_as_read`]) and, in a YAML file,
/// the scalars as [`crate::yaml`] reads them ([`scalar_as_read`]); only the
/// formats JSON Schema defines in al.toml's ([`standard_format`]).
pub fn schema(kind: FileKind) -> Value {
    let mut s = (kind.spec().schema)();
    let title = format!("al: {}", kind.pattern());
    s.insert("title".to_string(), Value::String(title));
    let mut s = s.to_value();
    if kind == FileKind::Config {
        each_object(&mut s, &mut |o| {
            keys_as_read(o, false);
            standard_format(o);
        });
    } else {
        each_object(&mut s, &mut |o| {
            keys_as_read(o, true);
            scalar_as_read(o);
        });
    }
    s
}

/// Calls `f` on every object of a schema, outermost first.
fn each_object(value: &mut Value, f: &mut impl FnMut(&mut Map<String, Value>)) {
    match value {
        Value::Object(obj) => {
            f(obj);
            obj.values_mut().for_each(|v| each_object(v, f));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| each_object(v, f)),
        _ => {}
    }
}

/// A transform for a struct of a program file, as its container attribute
/// `#[schemars(transform = crate::schema::required(&["title"]))]`: these
/// keys are required, as the rules require them (AL002 "missing required
/// key"). [`keys_as_read`] then takes null from their values.
pub(crate) fn required(keys: &'static [&'static str]) -> impl FnMut(&mut schemars::Schema) {
    move |schema| {
        let Some(obj) = schema.as_object_mut() else {
            return;
        };
        if let Value::Array(list) = obj.entry("required").or_insert_with(|| Value::Array(Vec::new())) {
            for key in keys {
                if !list.iter().any(|k| k == key) {
                    list.push(Value::from(*key));
                }
            }
        }
    }
}

/// The keys of one object of a schema as `al` reads them: a key written
/// with nothing (`title:`) is missing, so a required key's value may not be
/// null, and it has no default; a list key written with nothing
/// (`members:`) is an empty list ([`crate::yaml::list`]) unless the key is
/// required, when `lists` says the file is YAML.
fn keys_as_read(obj: &mut Map<String, Value>, lists: bool) {
    let required: Vec<String> = match obj.get("required") {
        Some(Value::Array(r)) => r.iter().filter_map(|k| k.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    };
    let Some(Value::Object(props)) = obj.get_mut("properties") else {
        return;
    };
    for (key, p) in props.iter_mut() {
        let Value::Object(p) = p else { continue };
        if required.contains(key) {
            not_null(p);
        } else if lists && has_type(p, "array") {
            add_type(p, "null");
        }
    }
}

/// One scalar schema of a program file as `al` reads its value: a text from
/// any scalar (`id: 007`, `title: 2026`, `true`); a number or a whole
/// number also written as text (`days: "2"`), as [`crate::yaml::lenient`]
/// reads it, its pattern keeping the range (`minimum`, `maximum`,
/// `exclusiveMinimum`) the number has.
fn scalar_as_read(s: &mut Map<String, Value>) {
    let fixed = ["enum", "const", "format", "pattern"]
        .iter()
        .any(|k| s.contains_key(*k));
    if has_type(s, "string") && !fixed {
        add_type(s, "number");
        add_type(s, "boolean");
    } else if has_type(s, "integer") {
        let pattern = whole_number_text(s.get("minimum"), s.get("maximum"));
        add_type(s, "string");
        s.insert("pattern".to_string(), pattern.into());
    } else if has_type(s, "number") {
        let positive = s.get("exclusiveMinimum").and_then(Value::as_f64) == Some(0.0);
        let pattern = if positive { POSITIVE_TEXT } else { NUMBER_TEXT };
        add_type(s, "string");
        s.insert("pattern".to_string(), pattern.into());
    }
}

/// A number written as text, as `str::parse::<f64>` reads it (`1`, `+0.5`,
/// `.5`, `2.`, `1e3`); a pattern constrains only the strings of a schema.
const NUMBER_TEXT: &str = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$";

/// A number above zero written as text: [`NUMBER_TEXT`] without a minus
/// sign and with a digit other than 0 before its exponent.
const POSITIVE_TEXT: &str =
    r"^[+]?([0-9]*[1-9][0-9]*(\.[0-9]*)?|[0-9]*\.[0-9]*[1-9][0-9]*)([eE][+-]?[0-9]+)?$";

/// A whole number written as text, as `str::parse::<i64>` reads it (`3`,
/// `+3`, `007`), within `minimum` and `maximum` when both are digits (the
/// six steps); any whole number otherwise.
fn whole_number_text(min: Option<&Value>, max: Option<&Value>) -> String {
    match (min.and_then(Value::as_u64), max.and_then(Value::as_u64)) {
        (Some(lo), Some(hi)) if lo <= hi && hi <= 9 && lo > 0 => format!("^[+]?0*[{lo}-{hi}]$"),
        (Some(1), Some(hi)) if hi > 9 => format!("^[+]?0*({})$", one_to(hi)),
        _ => "^[+-]?[0-9]+$".to_string(),
    }
}

/// A regular expression for the whole numbers from 1 to `hi` written
/// without leading zeros (`1440`: `[1-9][0-9]{0,2}|1[0-3][0-9]{2}|14[0-3][0-9]|1440`):
/// every shorter number, then for each digit of `hi` the numbers that
/// share its digits before it and have a smaller one there.
fn one_to(hi: u64) -> String {
    let digits: Vec<u32> = hi.to_string().chars().filter_map(|c| c.to_digit(10)).collect();
    let n = digits.len();
    let mut alts = Vec::new();
    if n > 1 {
        alts.push(format!("[1-9][0-9]{{0,{}}}", n - 2));
    }
    for (i, &d) in digits.iter().enumerate() {
        let lowest = u32::from(i == 0);
        if d == 0 || d - 1 < lowest {
            continue;
        }
        let prefix: String = digits[..i].iter().map(u32::to_string).collect();
        let rest = n - i - 1;
        let tail = match rest {
            0 => String::new(),
            1 => "[0-9]".to_string(),
            _ => format!("[0-9]{{{rest}}}"),
        };
        alts.push(format!("{prefix}[{lowest}-{}]{tail}", d - 1));
    }
    alts.push(hi.to_string());
    alts.join("|")
}

/// Whether a schema's `type` is or includes `t`.
fn has_type(s: &Map<String, Value>, t: &str) -> bool {
    match s.get("type") {
        Some(Value::String(one)) => one == t,
        Some(Value::Array(ts)) => ts.iter().any(|x| x == t),
        _ => false,
    }
}

/// Adds `t` to a schema's `type`, before `null`.
fn add_type(s: &mut Map<String, Value>, t: &str) {
    if has_type(s, t) {
        return;
    }
    let mut types: Vec<Value> = match s.remove("type") {
        Some(Value::Array(ts)) => ts,
        Some(one) => vec![one],
        None => Vec::new(),
    };
    let at = types.iter().position(|x| x == "null").unwrap_or(types.len());
    let at = if t == "null" { types.len() } else { at };
    types.insert(at, Value::from(t));
    s.insert("type".to_string(), Value::Array(types));
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

/// Removes a format schemars gives Rust's number types (`uint32`,
/// `uint64`, `double`), which JSON Schema does not define, keeping the bound
/// a whole number of that type has: al.toml's numbers are read as those
/// types, and TOML's whole numbers have 64 bits with a sign.
fn standard_format(obj: &mut Map<String, Value>) {
    let Some(format) = obj.get("format").and_then(Value::as_str).map(str::to_string) else {
        return;
    };
    if FORMATS.contains(&format.as_str()) {
        return;
    }
    obj.remove("format");
    let max = match format.as_str() {
        "uint8" => Some(u64::from(u8::MAX)),
        "uint16" => Some(u64::from(u16::MAX)),
        "uint32" => Some(u64::from(u32::MAX)),
        "uint64" | "int64" => Some(i64::MAX.unsigned_abs()),
        _ => None,
    };
    if let Some(max) = max {
        obj.entry("maximum").or_insert(Value::from(max));
    }
}

/// The schema as pretty JSON text with a final newline.
pub(crate) fn schema_text(kind: FileKind) -> String {
    let mut t = crate::output::json::pretty(&schema(kind)).unwrap_or_default();
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
    fn a_whole_number_in_quotes_keeps_its_range() {
        let re = whole_number_text(Some(&Value::from(1)), Some(&Value::from(1440)));
        assert_eq!(re, "^[+]?0*([1-9][0-9]{0,2}|1[0-3][0-9]{2}|14[0-3][0-9]|1440)$");
        let re = regex::Regex::new(&re).expect("a regular expression");
        for n in 0..=3000u32 {
            let ok = (1..=1440).contains(&n);
            assert_eq!(re.is_match(&n.to_string()), ok, "{n}");
            assert_eq!(re.is_match(&format!("+00{n}")), ok, "+00{n}");
        }
        for hi in [10u64, 19, 20, 99, 100, 101, 999, 1000, 2026] {
            let re = regex::Regex::new(&format!("^({})$", one_to(hi))).expect("a regular expression");
            for n in 0..=hi + 50 {
                assert_eq!(
                    re.is_match(&n.to_string()),
                    (1..=hi).contains(&n),
                    "{n} of 1..={hi}"
                );
            }
        }
    }

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
