//! The program as typed data: one struct per kind of file of a program (see [`crate::layout`]).
//!
//! Fields the method requires are still `Option` here: a missing convener is
//! a rule finding (AL102), not a parse failure. Values keep their place
//! ([`Sp`]) wherever a rule may point at them. Words from a fixed set and
//! dates are parsed leniently: a bad one is an AL002 finding and reads as absent.

pub mod id;
pub mod plan;
pub mod session;
pub mod subtopic;
pub mod team;
pub mod topic;

pub use plan::{Milestone, MilestoneKind, Plan, PlanMonth};
pub use session::{Action, ActionStatus, ActivityKind, AgendaItem, LearningItem, Session, SessionKind};
pub use subtopic::{
    Analysis, Decision, Implementation, Metric, Proposal, Results, Review, Subtopic, SubtopicStatus,
};
pub use team::{Consent, External, ExternalKind, Facilitator, FacilitatorLevel, Group, Person, Team};
pub use topic::{
    BudgetCategory, BudgetItem, Convener, Criteria, Sponsor, Topic, TopicKind, TopicMode, TopicSource,
};

pub use crate::yaml::{Field, Sp};

/// Defines an enum of fixed words with its parsing, its word list and its text.
macro_rules! words {
    ($(#[$m:meta])* $name:ident, $what:literal { $($(#[$vm:meta])* $variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $(#[doc = concat!("`", $word, "`.")] $(#[$vm])* $variant),+
        }

        impl $name {
            /// Every accepted word, in documentation order.
            pub const WORDS: &'static [&'static str] = &[$($word),+];

            /// The word as written in the files.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word),+
                }
            }
        }

        impl $crate::yaml::Scalar for $name {
            const WHAT: &'static str = $what;
            fn parse(text: &str) -> Result<Self, String> {
                match text {
                    $($word => Ok($name::$variant),)+
                    _ => Err(format!("expected one of: {}", Self::WORDS.join(", "))),
                }
            }
            fn choices() -> &'static [&'static str] {
                Self::WORDS
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "type": "string", "enum": Self::WORDS })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use words;

/// Free text of any scalar (a title written as a number is still a title).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Text(pub String);

impl schemars::JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string" })
    }
}

impl crate::yaml::Scalar for Text {
    const WHAT: &'static str = "text";
    fn parse(text: &str) -> Result<Self, String> {
        Ok(Text(text.to_string()))
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

/// A number (days, money, a metric value).
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Number(pub f64);

impl schemars::JsonSchema for Number {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Number".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "number" })
    }
}

impl serde::Serialize for Number {
    /// Whole numbers as integers (`12`, not `12.0`), so reports read as written.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            s.serialize_i64(v as i64)
        } else {
            s.serialize_f64(v)
        }
    }
}

impl crate::yaml::Scalar for Number {
    const WHAT: &'static str = "a number";
    fn parse(text: &str) -> Result<Self, String> {
        text.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .map(Number)
            .ok_or_else(|| "write a plain number, e.g. 30000 or 0.5".to_string())
    }
}

/// A whole number (a stage, a year, minutes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Int(pub i64);

impl schemars::JsonSchema for Int {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Int".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "integer" })
    }
}

impl crate::yaml::Scalar for Int {
    const WHAT: &'static str = "a whole number";
    fn parse(text: &str) -> Result<Self, String> {
        text.parse::<i64>()
            .map(Int)
            .map_err(|_| "write a whole number, e.g. 3".to_string())
    }
}

/// A calendar date (`YYYY-MM-DD`).
pub type Date = jiff::civil::Date;

/// A path inside a file as its keys, with `*` for any list index.
fn keys_path(path: &[crate::yaml::Seg]) -> Vec<&str> {
    path.iter()
        .map(|s| match s {
            crate::yaml::Seg::Key(k) => k.as_str(),
            crate::yaml::Seg::Index(_) => "*",
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::yaml::Seg;

    #[test]
    fn key_tables_come_from_the_model() {
        assert!(super::topic::keys(&[]).contains(&"criteria"));
        assert!(super::team::keys(&[Seg::Key("groups".into()), Seg::Index(0)]).contains(&"members"));
        assert!(super::session::keys(&[Seg::Key("actions".into()), Seg::Index(3)]).contains(&"due"));
        assert!(
            super::subtopic::keys(&[
                Seg::Key("implementation".into()),
                Seg::Key("metrics".into()),
                Seg::Index(0)
            ])
            .contains(&"baseline")
        );
    }
}
