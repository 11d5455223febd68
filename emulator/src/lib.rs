//! The local emulator of Tencent Cloud CI doc-preview and AI queues, doc-preview
//! jobs and previews, as a library with no I/O: [`Emulator`] takes a request and
//! the current time and returns the reply and the notifications to send.
//!
//! Two shells serve it: the native `cos-ci-emulator` binary (tokio/hyper, this
//! crate's `src/main.rs`) and the npm package `cos-ci-emulator` (this core
//! compiled to wasm, `emulator/npm/`), with the same command line
//! ([`config::parse`], [`config::help`]).

mod auth;
pub mod config;
mod error;
#[cfg(test)]
mod generate;
mod preview;
mod render;
mod service;
mod state;
pub mod time;

pub use config::{Config, Credential};
pub use service::{Emulator, Received, Reply, Request, MAX_BODY};
pub use state::Callback;
