//! Entry points for the fuzz targets in `fuzz/` and for `bench/native.rs`:
//! the JSON and packed layer the wasm exports run. Hidden; not an API.

use crate::api::{ai_queue, doc_job, doc_preview, doc_queue};
use crate::bindings::json::{self, OPERATIONS};
use crate::response::RawResponse;
use crate::Result;

/// How many operations there are.
pub const OPERATION_COUNT: usize = OPERATIONS.len();

/// The JSON builder of operation `op % OPERATION_COUNT` (the path JS parameters take).
pub fn build(op: usize, config: &str, params: &str, signing: &str) -> Result<String> {
    (OPERATIONS[op % OPERATION_COUNT].build)(config, params, signing)
}

/// The builder of operation `op % OPERATION_COUNT` with packed arguments (what the wasm
/// exports take).
pub fn build_packed(op: usize, config: &str, params: &str, signing: &str) -> Result<String> {
    json::build_packed(op % OPERATION_COUNT, false, config, params, signing)
}

/// JSON text in the packed encoding the wasm reads (`None` when it is not
/// the plain data the JSON path accepts).
pub fn json_to_packed(json: &str) -> Option<String> {
    json::read(json, "value").ok().map(|v| v.to_packed())
}

/// The JSON parser of operation `op % OPERATION_COUNT` (`{statusCode, headers, body?}`
/// JSON in, and the body when the JSON has none).
pub fn parse_json(op: usize, response: &str, body: &str) -> Result<String> {
    (OPERATIONS[op % OPERATION_COUNT].parse)(response, body)
}

/// The typed parser of operation `op % OPERATION_COUNT` on a raw body, its output
/// serialised with serde: the reference the JSON path ([`parse_json`], what
/// the wasm runs) must match.
pub fn parse_raw(op: usize, status: u16, headers: &[(&str, &str)], body: &str) -> Result<String> {
    let r = RawResponse { status, headers, body };
    match op % OPERATION_COUNT {
        0 => to_json(&doc_queue::parse_describe_doc_process_queues(&r)?),
        1 => to_json(&doc_queue::parse_update_doc_process_queue(&r)?),
        2 => to_json(&ai_queue::parse_describe_ai_process_queues(&r)?),
        3 => to_json(&ai_queue::parse_update_ai_process_queue(&r)?),
        4 => to_json(&doc_job::parse_create_doc_process_jobs(&r)?),
        5 => to_json(&doc_job::parse_describe_doc_process_job(&r)?),
        6 => to_json(&doc_job::parse_describe_doc_process_jobs(&r)?),
        _ => to_json(&doc_preview::parse_doc_preview(&r)?),
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| crate::Error::internal(e.to_string()))
}

/// A notification's XML body read into JSON (what the wasm's `parseNotification(true, …)` gives).
pub fn notification_xml(body: &str) -> Result<String> {
    json::notification_xml(body)
}

/// A notification's JSON form read into JSON (the wasm reads it packed).
pub fn notification_json(json_text: &str) -> Result<String> {
    json::notification_value::<json::Json>(json_text)
}

/// `getAuthorization` with JSON options.
pub fn get_authorization(opts: &str) -> Result<String> {
    json::get_authorization(opts)
}

/// `getAuthorization` with packed options (the JS shim's fast path).
pub fn get_authorization_packed(packed: &str) -> Result<String> {
    crate::bindings::get_authorization_packed(packed)
}

/// A presigned DocPreview URL (a JSON string) from JSON `(config, params, signing)`.
pub fn doc_preview_url(config: &str, params: &str, signing: &str) -> Result<String> {
    json::doc_preview_url(config, params, signing)
}
