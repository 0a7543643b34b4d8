//! `al` runs action learning programs (行动学习) as code: a program is a folder
//! of YAML files; `al check` holds it to the method's rules.
#![warn(missing_docs)]

pub mod app;
pub mod check;
pub mod cli;
pub mod config;
pub mod dates;
pub(crate) mod diag;
pub(crate) mod embedded;
pub(crate) mod error;
pub(crate) mod facts;
pub(crate) mod files;
pub mod history;
pub(crate) mod init;
pub(crate) mod lang;
pub mod layout;
pub mod load;
pub mod man;
pub mod model;
pub(crate) mod new;
pub mod output;
pub(crate) mod pipeline;
pub mod portfolio;
pub mod report;
pub mod rules;
pub(crate) mod schema;
pub mod source;
pub(crate) mod suggest;
pub mod yaml;
