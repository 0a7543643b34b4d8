//! team.yaml: people, facilitators, external support and the core groups.

use super::{Date, Int, Sp, Text, words};
use crate::yaml::{Field, Scalar, lenient};
use serde::{Deserialize, Serialize};

words! {
    /// A facilitator's level (促进师级别).
    FacilitatorLevel, "a facilitator level" {
        /// 初级: meeting level.
        Junior = "junior",
        /// 中级: team level.
        Intermediate = "intermediate",
        /// 高级: organisation level.
        Senior = "senior",
    }
}

words! {
    /// What an external supporter brings (外援).
    ExternalKind, "a kind of external support" { Expert = "expert", Information = "information" }
}

/// A person's recorded consent to take part (自愿).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Consent {
    /// `true`: consent given, date not recorded.
    Yes,
    /// `false`: explicitly not given.
    No,
    /// The date they agreed.
    On(Date),
}

impl Scalar for Consent {
    const WHAT: &'static str = "a consent (a date or true)";
    fn parse(text: &str) -> Result<Self, String> {
        match text {
            "true" => Ok(Consent::Yes),
            "false" => Ok(Consent::No),
            _ => crate::dates::parse_date(text)
                .map(Consent::On)
                .map_err(|e| format!("write the date they agreed, or true; {e}")),
        }
    }
}

impl schemars::JsonSchema for Consent {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Consent".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "The date the person agreed to take part (YYYY-MM-DD), or true; false when they declined.",
            "anyOf": [
                { "type": "string", "format": "date" },
                { "type": "boolean" },
                { "enum": ["true", "false"] }
            ]
        })
    }
}

impl Serialize for Consent {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Consent::Yes => s.serialize_bool(true),
            Consent::No => s.serialize_bool(false),
            Consent::On(d) => d.serialize(s),
        }
    }
}

/// team.yaml.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields, transform = crate::schema::required(&["groups"]))]
pub struct Team {
    /// Everyone who is a member of some group.
    #[serde(default, deserialize_with = "crate::yaml::list")]
    pub people: Vec<Sp<Person>>,
    /// Facilitators (促进师).
    #[serde(default, deserialize_with = "crate::yaml::list")]
    pub facilitators: Vec<Sp<Facilitator>>,
    /// External support (外援).
    #[serde(default, deserialize_with = "crate::yaml::list")]
    pub external: Vec<Sp<External>>,
    /// Core groups (at least one).
    #[serde(default, deserialize_with = "crate::yaml::list")]
    #[schemars(length(min = 1))]
    pub groups: Vec<Sp<Group>>,
}

/// A member of the program.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields, transform = crate::schema::required(&["name"]))]
pub struct Person {
    /// Id used in references; defaults to the name.
    #[serde(default, deserialize_with = "crate::yaml::id")]
    pub id: Field<Text>,
    /// Full name (required).
    #[serde(default, deserialize_with = "lenient")]
    pub name: Field<Text>,
    /// Department.
    #[serde(default, deserialize_with = "crate::yaml::plain")]
    pub department: Option<Text>,
    /// Hierarchy level, free text.
    #[serde(default, deserialize_with = "crate::yaml::plain")]
    pub level: Option<Text>,
    /// Gender, free text (optional; the diversity check compares it when
    /// every member of a group states one).
    #[serde(default, deserialize_with = "crate::yaml::plain")]
    pub gender: Option<Text>,
    /// Year of birth, e.g. 1988 (optional; the diversity check compares the
    /// ages when every member of a group states one).
    #[serde(default, deserialize_with = "lenient")]
    pub birth_year: Field<Int>,
    /// Discipline (专业), free text (optional; the diversity check compares
    /// it when every member of a group states one).
    #[serde(default, deserialize_with = "crate::yaml::plain")]
    pub discipline: Option<Text>,
    /// Date they agreed to take part, or true; `false` when they declined.
    #[serde(default, deserialize_with = "lenient")]
    pub consent: Field<Consent>,
    /// The date they became a member; absent: from the start.
    #[serde(default, deserialize_with = "lenient")]
    pub joined: Field<Date>,
    /// The date they stopped being a member; absent: still a member.
    #[serde(default, deserialize_with = "lenient")]
    pub left: Field<Date>,
}

impl Person {
    /// The id others use to name this person: `id`, else `name`.
    pub fn key(&self) -> Option<&Sp<Text>> {
        self.id.as_ref().or(self.name.as_ref())
    }

    /// Whether they are a member on `date`: on or after `joined` and before
    /// `left` (a date written invalid does not limit membership).
    pub fn member_on(&self, date: Date) -> bool {
        let joined = self.joined.as_ref().is_none_or(|j| j.value <= date);
        let left = self.left.as_ref().is_none_or(|l| date < l.value);
        joined && left
    }
}

/// A facilitator (促进师).
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields, transform = crate::schema::required(&["name"]))]
pub struct Facilitator {
    /// Id used in references; defaults to the name.
    #[serde(default, deserialize_with = "crate::yaml::id")]
    pub id: Field<Text>,
    /// Full name (required).
    #[serde(default, deserialize_with = "lenient")]
    pub name: Field<Text>,
    /// junior | intermediate | senior.
    #[serde(default, deserialize_with = "lenient")]
    pub level: Field<FacilitatorLevel>,
}

impl Facilitator {
    /// The id others use to name this facilitator: `id`, else `name`.
    pub fn key(&self) -> Option<&Sp<Text>> {
        self.id.as_ref().or(self.name.as_ref())
    }
}

/// External support (外援).
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields, transform = crate::schema::required(&["name"]))]
pub struct External {
    /// Name (required).
    #[serde(default, deserialize_with = "lenient")]
    pub name: Field<Text>,
    /// expert | information.
    #[serde(default, deserialize_with = "lenient")]
    pub kind: Field<ExternalKind>,
    /// Their organisation.
    #[serde(default, deserialize_with = "crate::yaml::plain")]
    pub organisation: Option<Text>,
}

/// A core group (核心小组).
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields, transform = crate::schema::required(&["id"]))]
pub struct Group {
    /// Id used in references (required).
    #[serde(default, deserialize_with = "crate::yaml::id")]
    pub id: Field<Text>,
    /// Display name.
    #[serde(default, deserialize_with = "lenient")]
    pub name: Field<Text>,
    /// Its focus area.
    #[serde(default, deserialize_with = "crate::yaml::plain")]
    pub focus: Option<Text>,
    /// Group leader (组长), a member.
    #[serde(default, deserialize_with = "crate::yaml::id")]
    pub leader: Field<Text>,
    /// Learning officers (学习委员) in rotation order, each a member.
    #[serde(default, deserialize_with = "crate::yaml::ids")]
    pub learning_officers: Vec<Sp<String>>,
    /// The group's facilitator.
    #[serde(default, deserialize_with = "crate::yaml::id")]
    pub facilitator: Field<Text>,
    /// Member ids.
    #[serde(default, deserialize_with = "crate::yaml::ids")]
    pub members: Vec<Sp<String>>,
}

/// The keys allowed in team.yaml at a path.
pub fn keys(path: &[crate::yaml::Seg]) -> &'static [&'static str] {
    match super::keys_path(path).as_slice() {
        [] => crate::yaml::fields_of::<Team>(),
        ["people", "*"] => crate::yaml::fields_of::<Person>(),
        ["facilitators", "*"] => crate::yaml::fields_of::<Facilitator>(),
        ["external", "*"] => crate::yaml::fields_of::<External>(),
        ["groups", "*"] => crate::yaml::fields_of::<Group>(),
        _ => &[],
    }
}
