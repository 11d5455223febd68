//! `wasm-bindgen` exports (wasm32 only). The JS shim in `js/src` wraps these;
//! they are not the public JS API by themselves.
//!
//! One string crossing each way per call: parameters arrive as JSON text (the
//! shim's `JSON.stringify`, which also names non-JSON values such as `NaN` or
//! a `BigInt` by their field before anything reaches here), are read into a
//! [`Value`] tree by `serde_json`, and results leave as JSON text for the
//! shim's `JSON.parse` — cheaper than building JS objects through the boundary
//! field by field (measured in bench/RESULTS.md).
//!
//! Every export returns `Result<_, JsValue>`: a crate [`Error`] crosses as a
//! JS `Error` whose `name` is `"CiError"` and which carries `code`, `field`,
//! `statusCode`, `requestId` and, for service errors, `serviceCode`,
//! `serviceMessage`, `resource`, `traceId`, `serverTime` (the shim turns it
//! into its `CiError` class). Nothing here can panic on any input: JS values
//! are read into [`Value`] first, and every failure is an `Error`.

#![allow(unreachable_pub)] // wasm-bindgen exports must be `pub`

use super::value::Value;
use super::{build_and_sign, get_authorization as sign_with_options, inputs, response_parts, JsDescriptor};
use crate::api::{ai_queue, doc_job, doc_queue};
use crate::error::{Error, Result};
use crate::response::RawResponse;
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn read(json: &str, what: &str) -> Result<Value> {
    serde_json::from_str(json).map_err(|_| {
        Error::invalid(
            what,
            format!(
                "must be plain data (objects, arrays, strings, numbers, booleans) nested at most {} levels deep, without cycles",
                super::value::MAX_DEPTH
            ),
        )
    })
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, JsValue> {
    serde_json::to_string(value).map_err(|e| js_error(&Error::internal(e.to_string())))
}

fn set(target: &js_sys::Object, name: &str, value: Option<&str>) {
    if let Some(value) = value {
        let _ = js_sys::Reflect::set(target, &JsValue::from_str(name), &JsValue::from_str(value));
    }
}

/// The crate error as a JS `Error` with the fields the shim's `CiError` takes.
fn js_error(error: &Error) -> JsValue {
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

fn build<I>(
    config: &str,
    params: &str,
    signing: &str,
    read_input: fn(&Value) -> Result<I>,
    builder: fn(&crate::Endpoint, &I) -> Result<crate::RequestDescriptor>,
) -> Result<String, JsValue> {
    let run = || -> Result<crate::RequestDescriptor> {
        let config = read(config, "config")?;
        let params = read(params, "params")?;
        let signing = read(signing, "signing")?;
        build_and_sign(&config, &params, &signing, read_input, builder)
    };
    match run() {
        Ok(descriptor) => to_json(&JsDescriptor(&descriptor)),
        Err(e) => Err(js_error(&e)),
    }
}

fn parse<T: Serialize>(response: &str, parser: fn(&RawResponse<'_>) -> Result<T>) -> Result<String, JsValue> {
    let run = || -> Result<T> {
        let parts = response_parts(&read(response, "response")?)?;
        let headers: Vec<(&str, &str)> = parts.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        parser(&RawResponse { status: parts.status, headers: &headers, body: &parts.body })
    };
    match run() {
        Ok(output) => to_json(&output),
        Err(e) => Err(js_error(&e)),
    }
}

macro_rules! operation {
    ($build_js:ident, $parse_js:ident, $build_fn:ident, $parse_fn:ident, $read:path, $builder:path, $parser:path) => {
        #[doc = concat!("Builds (and, given `signing`, signs) the ", stringify!($build_js), " descriptor: JSON in, JSON out.")]
        #[wasm_bindgen(js_name = $build_js)]
        pub fn $build_fn(config: &str, params: &str, signing: &str) -> Result<String, JsValue> {
            build(config, params, signing, $read, $builder)
        }

        #[doc = concat!("Parses a raw response (JSON `{statusCode, headers, body}`) to JSON: ", stringify!($parse_js), ".")]
        #[wasm_bindgen(js_name = $parse_js)]
        pub fn $parse_fn(response: &str) -> Result<String, JsValue> {
            parse(response, $parser)
        }
    };
}

operation!(
    buildDescribeDocProcessQueues,
    parseDescribeDocProcessQueues,
    build_describe_doc_process_queues,
    parse_describe_doc_process_queues,
    inputs::describe_queues,
    doc_queue::describe_doc_process_queues,
    doc_queue::parse_describe_doc_process_queues
);
operation!(
    buildUpdateDocProcessQueue,
    parseUpdateDocProcessQueue,
    build_update_doc_process_queue,
    parse_update_doc_process_queue,
    inputs::update_queue,
    doc_queue::update_doc_process_queue,
    doc_queue::parse_update_doc_process_queue
);
operation!(
    buildDescribeAiProcessQueues,
    parseDescribeAiProcessQueues,
    build_describe_ai_process_queues,
    parse_describe_ai_process_queues,
    inputs::describe_queues,
    ai_queue::describe_ai_process_queues,
    ai_queue::parse_describe_ai_process_queues
);
operation!(
    buildUpdateAiProcessQueue,
    parseUpdateAiProcessQueue,
    build_update_ai_process_queue,
    parse_update_ai_process_queue,
    inputs::update_queue,
    ai_queue::update_ai_process_queue,
    ai_queue::parse_update_ai_process_queue
);
operation!(
    buildCreateDocProcessJobs,
    parseCreateDocProcessJobs,
    build_create_doc_process_jobs,
    parse_create_doc_process_jobs,
    inputs::create_doc_process_jobs,
    doc_job::create_doc_process_jobs,
    doc_job::parse_create_doc_process_jobs
);
operation!(
    buildDescribeDocProcessJob,
    parseDescribeDocProcessJob,
    build_describe_doc_process_job,
    parse_describe_doc_process_job,
    inputs::describe_doc_process_job,
    doc_job::describe_doc_process_job,
    doc_job::parse_describe_doc_process_job
);
operation!(
    buildDescribeDocProcessJobs,
    parseDescribeDocProcessJobs,
    build_describe_doc_process_jobs,
    parse_describe_doc_process_jobs,
    inputs::describe_doc_process_jobs,
    doc_job::describe_doc_process_jobs,
    doc_job::parse_describe_doc_process_jobs
);

/// `getAuthorization(opts)`: the `Authorization` value for the options of
/// cos-js-sdk-v5's `COS.getAuthorization` (see [`super::get_authorization`]).
#[wasm_bindgen(js_name = getAuthorization)]
pub fn get_authorization(opts: &str) -> Result<String, JsValue> {
    let run = || sign_with_options(&read(opts, "options")?);
    run().map_err(|e| js_error(&e))
}
