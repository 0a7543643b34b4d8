#!/usr/bin/env bash
# The pre-commit hook `al-check`: builds `al` from this repository with the
# versions its Cargo.lock pins (`--locked`), once — pre-commit keeps this
# clone, and cargo rebuilds only when it changed — then checks the programs
# of the repository pre-commit runs in. Needs cargo (https://rustup.rs).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cargo build --locked --release --quiet --manifest-path "$here/Cargo.toml" --bin al
exec "$here/target/release/al" check "$@"
