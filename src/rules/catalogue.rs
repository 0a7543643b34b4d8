//! The registry: every rule, in code order. Each rule is defined next to
//! its check, in its family's module.

use super::Rule;

/// All rules `al check` knows, in code order.
pub static RULES: &[&Rule] = &[
    &super::schema::AL001,
    &super::schema::AL002,
    &super::schema::AL003,
    &super::schema::AL004,
    &super::schema::AL005,
    &super::schema::AL006,
    &super::topic::AL101,
    &super::topic::AL102,
    &super::topic::AL103,
    &super::topic::AL104,
    &super::team::AL201,
    &super::team::AL202,
    &super::team::AL203,
    &super::team::AL204,
    &super::team::AL205,
    &super::team::AL206,
    &super::team::AL207,
    &super::team::AL208,
    &super::team::AL209,
    &super::sessions::AL301,
    &super::sessions::AL302,
    &super::sessions::AL303,
    &super::sessions::AL304,
    &super::sessions::AL305,
    &super::sessions::AL306,
    &super::sessions::AL307,
    &super::sessions::AL308,
    &super::subtopics::AL401,
    &super::subtopics::AL402,
    &super::subtopics::AL403,
    &super::stages::AL501,
    &super::stages::AL502,
    &super::stages::AL503,
    &super::stages::AL504,
    &super::stages::AL601,
    &super::config::AL901,
];
