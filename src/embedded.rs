//! Files built into the binary: the example programs and the `al init` templates.

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
