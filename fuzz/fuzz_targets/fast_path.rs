//! The fast first parse against serde-saphyr: for any text, parsed as each
//! kind of program file, either the fast path hands it back, or its model,
//! findings and unknown keys (in order) are serde-saphyr's.
#![no_main]

use al::model::{plan, session, subtopic, team, topic};
use al::model::{Plan, Session, Subtopic, Team, Topic};
use al::yaml::{KeysAt, first_parses};
use libfuzzer_sys::fuzz_target;

fn same<T: serde::de::DeserializeOwned + Default + std::fmt::Debug>(text: &str, keys: KeysAt) {
    let (fast, reference) = first_parses::<T>(text, keys);
    if let Some(fast) = fast {
        assert_eq!(format!("{fast:?}"), format!("{reference:?}"), "the fast path differs on {text:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let text = &al::source::normalize(text);
    same::<Topic>(text, topic::keys);
    same::<Team>(text, team::keys);
    same::<Session>(text, session::keys);
    same::<Subtopic>(text, subtopic::keys);
    same::<Plan>(text, plan::keys);
});
