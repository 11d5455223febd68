//! The wasm suite in a browser: `wasm-pack test --headless --chrome` (make test:
//! `make wasm-browser`, with Debian's chromium and chromedriver).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "wasm/cases.rs"]
mod cases;
