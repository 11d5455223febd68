//! XML: writing request bodies and reading responses.

pub(crate) mod decode;
pub(crate) mod read;
pub(crate) mod write;
