//! The wasm suite in Node: `wasm-pack test --node` (make test: `make wasm-node`).
#![cfg(target_arch = "wasm32")]

#[path = "wasm/cases.rs"]
mod cases;
