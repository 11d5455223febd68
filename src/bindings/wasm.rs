//! `wasm-bindgen` exports (wasm32 only). The JS shim in `js/src` wraps these;
//! they are not the public JS API by themselves.
//!
//! One string crossing each way per argument (a response's body is a second
//! string of its own): arguments arrive in the packed encoding the shim
//! writes (`pack` in js/src/core.js, which also names values JSON could not
//! carry, such as `NaN` or a `BigInt`, by their field before anything reaches
//! here), are read into a [`Value`] tree with no JSON parser
//! ([`Value::from_packed`]), and results leave as JSON text for the shim's
//! `JSON.parse` — cheaper than building JS objects through the boundary field
//! by field (measured in bench/RESULTS.md).
//!
//! Every export returns `Result<_, JsValue>`: a crate [`Error`] crosses as a
//! JS `Error` whose `name` is `"CiError"` and which carries `code`, `field`,
//! `statusCode`, `requestId` and, for service errors, `serviceCode`,
//! `serviceMessage`, `resource`, `traceId`, `serverTime` (the shim turns it
//! into its `CiError` class). Nothing here can panic on any input: JS values
//! are read into [`Value`] first, and every failure is an `Error`.

#![allow(unreachable_pub)] // wasm-bindgen exports must be `pub`

use super::json::{self, OPERATIONS};
use crate::error::Error;
use wasm_bindgen::prelude::*;

fn set(target: &js_sys::Object, name: &str, value: Option<&str>) {
    if let Some(value) = value {
        let _ = js_sys::Reflect::set(target, &JsValue::from_str(name), &JsValue::from_str(value));
    }
}

/// The crate error as a JS `Error` with the fields the shim's `CiError` takes.
fn js_error(error: Error) -> JsValue {
    let e = js_sys::Error::new(error.message());
    e.set_name("CiError");
    let obj: &js_sys::Object = e.as_ref();
    set(obj, "code", Some(error.code().as_str()));
    set(obj, "field", error.field());
    if let Some(details) = error.service_details() {
        let _ = js_sys::Reflect::set(obj, &"statusCode".into(), &JsValue::from(details.status));
        set(obj, "requestId", details.request_id.as_deref());
        set(obj, "serviceCode", details.code.as_deref());
        set(obj, "serviceMessage", details.message.as_deref());
        set(obj, "resource", details.resource.as_deref());
        set(obj, "traceId", details.trace_id.as_deref());
        set(obj, "serverTime", details.server_time.as_deref());
    }
    e.into()
}

macro_rules! operation {
    ($index:literal, $build_js:ident, $parse_js:ident, $build_fn:ident, $parse_fn:ident) => {
        #[doc = concat!("Builds (and, given `signing`, signs) the ", stringify!($build_js), " descriptor: packed arguments in (see `Value::from_packed`), JSON out.")]
        #[wasm_bindgen(js_name = $build_js)]
        pub fn $build_fn(config: &str, params: &str, signing: &str) -> Result<String, JsValue> {
            (OPERATIONS[$index].build_packed)(config, params, signing).map_err(js_error)
        }

        #[doc = concat!("Parses a raw response (packed `{statusCode, headers}` and the body text) to JSON: ", stringify!($parse_js), ".")]
        #[wasm_bindgen(js_name = $parse_js)]
        pub fn $parse_fn(response: &str, body: &str) -> Result<String, JsValue> {
            (OPERATIONS[$index].parse_packed)(response, body).map_err(js_error)
        }
    };
}

operation!(
    0,
    buildDescribeDocProcessQueues,
    parseDescribeDocProcessQueues,
    build_describe_doc_process_queues,
    parse_describe_doc_process_queues
);
operation!(
    1,
    buildUpdateDocProcessQueue,
    parseUpdateDocProcessQueue,
    build_update_doc_process_queue,
    parse_update_doc_process_queue
);
operation!(
    2,
    buildDescribeAiProcessQueues,
    parseDescribeAiProcessQueues,
    build_describe_ai_process_queues,
    parse_describe_ai_process_queues
);
operation!(
    3,
    buildUpdateAiProcessQueue,
    parseUpdateAiProcessQueue,
    build_update_ai_process_queue,
    parse_update_ai_process_queue
);
operation!(
    4,
    buildCreateDocProcessJobs,
    parseCreateDocProcessJobs,
    build_create_doc_process_jobs,
    parse_create_doc_process_jobs
);
operation!(
    5,
    buildDescribeDocProcessJob,
    parseDescribeDocProcessJob,
    build_describe_doc_process_job,
    parse_describe_doc_process_job
);
operation!(
    6,
    buildDescribeDocProcessJobs,
    parseDescribeDocProcessJobs,
    build_describe_doc_process_jobs,
    parse_describe_doc_process_jobs
);

/// A job-finished notification's XML body, read into JSON.
#[wasm_bindgen(js_name = parseNotificationXml)]
pub fn parse_notification_xml(body: &str) -> Result<String, JsValue> {
    json::notification_xml(body).map_err(js_error)
}

/// A notification's JSON form, parsed by the shim and handed over packed, read into JSON.
#[wasm_bindgen(js_name = parseNotificationPacked)]
pub fn parse_notification_packed(packed: &str) -> Result<String, JsValue> {
    json::notification_value::<json::Packed>(packed).map_err(js_error)
}

/// `getAuthorization(opts)`: the `Authorization` value for the options of
/// cos-js-sdk-v5's `COS.getAuthorization` (see [`super::get_authorization`]).
#[wasm_bindgen(js_name = getAuthorization)]
pub fn get_authorization(opts: &str) -> Result<String, JsValue> {
    json::get_authorization_tree(opts).map_err(js_error)
}

/// `getAuthorization` with the packed options of the shim's fast path (see
/// [`super::get_authorization_packed`]).
#[wasm_bindgen(js_name = getAuthorizationPacked)]
pub fn get_authorization_packed(packed: &str) -> Result<String, JsValue> {
    super::get_authorization_packed(packed).map_err(js_error)
}
