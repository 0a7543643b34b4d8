//! JSON Schemas (draft 2020-12) of the program files, derived from the model,
//! for editors (yaml-language-server) and validators.

use crate::layout::FileKind;

/// The schema of one kind of file, titled with the file's place.
pub fn schema(kind: FileKind) -> serde_json::Value {
    let mut s = (kind.spec().schema)();
    let title = format!("al: {}", kind.pattern());
    s.insert("title".to_string(), serde_json::Value::String(title));
    s.to_value()
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
}
