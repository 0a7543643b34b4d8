//! JSON Schemas (draft 2020-12) of the program files, derived from the model,
//! for editors (yaml-language-server) and validators.

use crate::model::{Session, Subtopic, Team, Topic};
use std::path::Path;

/// The files a schema exists for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaKind {
    /// topic.yaml.
    Topic,
    /// team.yaml.
    Team,
    /// sessions/*.yaml.
    Session,
    /// subtopics/*.yaml.
    Subtopic,
    /// al.toml.
    Config,
}

impl SchemaKind {
    /// Every kind, in order.
    pub const ALL: [SchemaKind; 5] = [
        SchemaKind::Topic,
        SchemaKind::Team,
        SchemaKind::Session,
        SchemaKind::Subtopic,
        SchemaKind::Config,
    ];

    /// The lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            SchemaKind::Topic => "topic",
            SchemaKind::Team => "team",
            SchemaKind::Session => "session",
            SchemaKind::Subtopic => "subtopic",
            SchemaKind::Config => "config",
        }
    }
}

/// The schema of one kind of file.
pub fn schema(kind: SchemaKind) -> serde_json::Value {
    let mut s = match kind {
        SchemaKind::Topic => schemars::schema_for!(Topic),
        SchemaKind::Team => schemars::schema_for!(Team),
        SchemaKind::Session => schemars::schema_for!(Session),
        SchemaKind::Subtopic => schemars::schema_for!(Subtopic),
        SchemaKind::Config => schemars::schema_for!(crate::config::ConfigFile),
    };
    let title = match kind {
        SchemaKind::Topic => "al: topic.yaml",
        SchemaKind::Team => "al: team.yaml",
        SchemaKind::Session => "al: sessions/*.yaml",
        SchemaKind::Subtopic => "al: subtopics/*.yaml",
        SchemaKind::Config => "al: al.toml",
    };
    s.insert("title".to_string(), serde_json::Value::String(title.to_string()));
    s.to_value()
}

/// The schema as pretty JSON text with a final newline.
pub fn schema_text(kind: SchemaKind) -> String {
    let mut t = serde_json::to_string_pretty(&schema(kind)).unwrap_or_default();
    t.push('\n');
    t
}

/// Where `al init` puts the schemas, inside the program folder.
pub const SCHEMA_DIR: &str = ".al/schema";

/// The `# yaml-language-server` line for a file at `rel` inside the program,
/// pointing at the schema copy under [`SCHEMA_DIR`]; `None` for non-YAML files.
pub fn header_for(rel: &str) -> Option<String> {
    let kind = match rel {
        "topic.yaml" => SchemaKind::Topic,
        "team.yaml" => SchemaKind::Team,
        _ if rel.starts_with("sessions/") && rel.ends_with(".yaml") => SchemaKind::Session,
        _ if rel.starts_with("subtopics/") && rel.ends_with(".yaml") => SchemaKind::Subtopic,
        _ => return None,
    };
    let up = "../".repeat(rel.matches('/').count());
    Some(format!(
        "# yaml-language-server: $schema={up}{SCHEMA_DIR}/{}.json\n",
        kind.name()
    ))
}

/// The schema files `al init` writes, as (path inside the program, text).
pub fn files() -> Vec<(String, String)> {
    SchemaKind::ALL
        .iter()
        .filter(|k| **k != SchemaKind::Config)
        .map(|k| (format!("{SCHEMA_DIR}/{}.json", k.name()), schema_text(*k)))
        .collect()
}

/// Whether a program folder has the schema copies (so headers can point at them).
pub fn present_in(dir: &Path) -> bool {
    dir.join(SCHEMA_DIR).join("session.json").is_file()
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
    }

    #[test]
    fn schemas_forbid_unknown_keys_and_know_the_words() {
        let s = schema(SchemaKind::Session);
        assert_eq!(s["additionalProperties"], false);
        let text = s.to_string();
        assert!(text.contains("group-meeting") && text.contains("study-visit"));
        assert!(text.contains("\"format\":\"date\""));
        assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    }
}
