//! XML: writing request bodies and reading responses.
//!
//! [`parse`] and [`Element`] are the strict document reader the response
//! parsers use, public for tools that read CI XML themselves (the local
//! emulator reads request bodies with it).

pub(crate) mod decode;
mod read;
pub(crate) mod write;

pub use read::{parse, Element, MAX_DEPTH, MAX_ELEMENTS, MAX_RESPONSE_BYTES};
