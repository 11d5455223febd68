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

use super::json;
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

/// Builds operation `op`'s request (its index in the table, the JS layer's `OPERATIONS`
/// order): packed arguments in (see `Value::from_packed`), JSON out — the descriptor, signed
/// when `signing` is not null, or with `presign` a presigned URL (a JSON string; `signing`
/// required). One export for every operation: each export costs its own glue in JS and its
/// own shim in the wasm.
#[wasm_bindgen]
pub fn build(op: u32, presign: bool, config: &str, params: &str, signing: &str) -> Result<String, JsValue> {
    json::build_packed(op as usize, presign, config, params, signing).map_err(js_error)
}

/// Parses operation `op`'s raw response (packed `{statusCode, headers}` and the body text) to JSON.
#[wasm_bindgen]
pub fn parse(op: u32, response: &str, body: &str) -> Result<String, JsValue> {
    json::parse_packed(op as usize, response, body).map_err(js_error)
}

/// A job-finished notification read into JSON: its XML body (`xml`), or its JSON form
/// parsed by the shim and handed over packed.
#[wasm_bindgen(js_name = parseNotification)]
pub fn parse_notification(xml: bool, text: &str) -> Result<String, JsValue> {
    if xml {
        json::notification_xml(text).map_err(js_error)
    } else {
        json::notification_value::<json::Packed>(text).map_err(js_error)
    }
}

/// `getAuthorization(opts)`: the `Authorization` value for the options of
/// cos-js-sdk-v5's `COS.getAuthorization` — packed as every argument (see
/// [`super::get_authorization`]), or with `fast` in the shim's flat encoding of plain
/// string and number options (see [`super::get_authorization_packed`]).
#[wasm_bindgen(js_name = getAuthorization)]
pub fn get_authorization(fast: bool, opts: &str) -> Result<String, JsValue> {
    if fast {
        super::get_authorization_packed(opts).map_err(js_error)
    } else {
        json::get_authorization_tree(opts).map_err(js_error)
    }
}
