//! XML: writing request bodies and reading responses.
//!
//! The response parsers decode straight from a strict pull reader
//! (`read::Reader`, one pass, no document tree): into typed structs
//! (`decode`), or, in the wasm, into JSON by the same structs' schema
//! (`record`); [`parse`] builds an
//! [`Element`] tree on the same reader, with the same checks and bounds, for
//! tools that read CI XML themselves (the local emulator reads request bodies
//! with it).

// The emulator's answers, written by the parsers' schemas: native, and in the
// emulator's wasm (which links the crate without its JS exports), never in the
// package's wasm.
#[cfg(any(not(target_arch = "wasm32"), not(feature = "js-exports")))]
pub(crate) mod answer;
pub(crate) mod decode;
mod read;
pub(crate) mod record;
pub(crate) mod write;

pub(crate) use read::Reader;
pub use read::{parse, Element, MAX_DEPTH, MAX_ELEMENTS, MAX_RESPONSE_BYTES};
