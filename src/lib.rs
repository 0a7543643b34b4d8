//! `al` runs action learning programs (行动学习) as code: a program is a folder
//! of YAML files; `al check` holds it to the method's rules.
#![warn(missing_docs)]

pub mod app;
pub mod check;
pub mod cli;
pub mod config;
pub mod dates;
pub mod diag;
pub mod embedded;
pub mod error;
pub mod facts;
pub mod files;
pub mod history;
pub mod init;
pub mod lang;
pub mod layout;
pub mod load;
pub mod model;
pub mod new;
pub mod output;
pub mod pipeline;
pub mod report;
pub mod rules;
pub mod schema;
pub mod source;
pub mod suggest;
pub mod yaml;
