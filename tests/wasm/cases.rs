//! The wasm-bindgen exports in wasm32, over the same fixtures as the native
//! suites — the cases of `tests/wasm_node.rs` (`wasm-pack test --node`) and
//! `tests/wasm_browser.rs` (`wasm-pack test --headless --chrome`) alike:
//! - every case of `fixtures/sign.json` through `getAuthorization` (the JS
//!   options of `COS.getAuthorization`) gives `expected_authorization`;
//! - every case of `fixtures/xml-python.json` through the operation's JS
//!   parser gives exactly what the Rust parser gives natively (whose agreement
//!   with the Python SDK `xml_vectors.rs` asserts), and errors cross as JS
//!   `Error`s named `CiError` with the same code, status and request id;
//! - every case of `fixtures/presign/presign.json` through `getDocPreviewUrl`
//!   gives cos-python-sdk-v5's URL (where it made one: `+` for a space is our
//!   `%20`) and the signature cos-nodejs-sdk-v5 made;
//! - builders sign what they describe, and bad input crosses as a `CiError`
//!   naming the field.
use cos_ci_wasm::__wasm_exports as js;
use cos_ci_wasm::api::{ai_queue, doc_job, doc_queue};
use cos_ci_wasm::{Error, RawResponse};
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const SIGN: &str = include_str!("../fixtures/sign.json");
const XML: &str = include_str!("../fixtures/xml-python.json");
const PRESIGN: &str = include_str!("../fixtures/presign/presign.json");

/// What the shim hands the exports: the packed encoding of `js/src/core.js` (`pack`), as the
/// crate's own packer writes it (objects keep their key order).
fn to_js(v: &Value) -> String {
    cos_ci_wasm::__fuzz::json_to_packed(&v.to_string()).expect("plain data")
}

/// The JSON text the exports return.
fn from_js(v: &str) -> Value {
    serde_json::from_str(v).unwrap()
}

fn prop(v: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(name)).unwrap()
}

#[wasm_bindgen_test]
fn all_90_sign_vectors_through_get_authorization() {
    let cases: Vec<Value> = serde_json::from_str(SIGN).unwrap();
    assert_eq!(cases.len(), 90);
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let mut headers = case["headers"].as_object().unwrap().clone();
        if let Some(host) = case["implicit_host_from_url"].as_str() {
            if !headers.keys().any(|k| k.eq_ignore_ascii_case("host")) {
                headers.insert("Host".into(), json!(host));
            }
        }
        // sign_params=false signs an empty parameter list: the same as no Query.
        let query = if case["sign_params"] == json!(false) { json!({}) } else { case["query"].clone() };
        let opts = json!({
            "SecretId": case["secret_id"], "SecretKey": case["secret_key"], "Method": case["method"],
            "Pathname": case["path"], "Query": query, "Headers": headers, "KeyTime": case["key_time"],
        });
        let auth =
            js::get_authorization(false, &to_js(&opts)).unwrap_or_else(|e| panic!("{name}: {:?}", prop(&e, "message")));
        assert_eq!(auth, case["expected_authorization"].as_str().unwrap(), "{name}");
    }
}

#[wasm_bindgen_test]
fn all_6_presign_vectors_through_get_doc_preview_url() {
    let fixture: Value = serde_json::from_str(PRESIGN).unwrap();
    let config = to_js(&json!({"Bucket": fixture["bucket"], "Region": fixture["region"]}));
    let cases = fixture["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 6);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let (start, expires) = (case["start"].as_i64().unwrap(), case["expires"].as_i64().unwrap());
        let mut signing = case["credentials"].clone();
        signing["KeyTime"] = json!(format!("{start};{}", start + expires));
        let url = js::build(7, true, &config, &to_js(&case["params"]), &to_js(&signing))
            .unwrap_or_else(|e| panic!("{name}: {:?}", prop(&e, "message")));
        let url: String = serde_json::from_str(&url).unwrap();
        if let Some(py) = case["python_url"].as_str() {
            assert_eq!(url, py.replace('+', "%20"), "{name}");
        }
        let node = case["node_url"].as_str().unwrap();
        let signature = |u: &str| u.split("q-signature=").nth(1).unwrap()[..40].to_string();
        assert_eq!(signature(&url), signature(node), "{name}");
    }
}

fn native(operation: &str, r: &RawResponse<'_>) -> Result<Value, Error> {
    Ok(match operation {
        "ci_get_doc_queue" => serde_json::to_value(doc_queue::parse_describe_doc_process_queues(r)?),
        "ci_get_ai_queue" => serde_json::to_value(ai_queue::parse_describe_ai_process_queues(r)?),
        "ci_update_doc_queue" => serde_json::to_value(doc_queue::parse_update_doc_process_queue(r)?),
        "ci_update_ai_queue" => serde_json::to_value(ai_queue::parse_update_ai_process_queue(r)?),
        "ci_create_doc_job" => serde_json::to_value(doc_job::parse_create_doc_process_jobs(r)?),
        "ci_get_doc_job" => serde_json::to_value(doc_job::parse_describe_doc_process_job(r)?),
        "ci_list_doc_jobs" => serde_json::to_value(doc_job::parse_describe_doc_process_jobs(r)?),
        other => panic!("unknown sdk method {other}"),
    }
    .unwrap())
}

fn through_js(operation: &str, response: &str, body: &str) -> Result<String, JsValue> {
    match operation {
        "ci_get_doc_queue" => js::parse(0, response, body),
        "ci_get_ai_queue" => js::parse(2, response, body),
        "ci_update_doc_queue" => js::parse(1, response, body),
        "ci_update_ai_queue" => js::parse(3, response, body),
        "ci_create_doc_job" => js::parse(4, response, body),
        "ci_get_doc_job" => js::parse(5, response, body),
        "ci_list_doc_jobs" => js::parse(6, response, body),
        other => panic!("unknown sdk method {other}"),
    }
}

#[wasm_bindgen_test]
fn all_23_xml_vectors_through_the_js_parsers() {
    let cases: Vec<Value> = serde_json::from_str(XML).unwrap();
    assert_eq!(cases.len(), 23);
    let (mut ok, mut errors) = (0, 0);
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let op = case["sdk_method"].as_str().unwrap();
        let status = case["http_status"].as_u64().unwrap_or(200) as u16;
        let body = case["xml"].as_str().unwrap();
        let headers = [("x-ci-request-id", "hdr-req-id")];
        let expected = native(op, &RawResponse { status, headers: &headers, body });
        let response =
            to_js(&json!({"statusCode": status, "headers": {"x-ci-request-id": "hdr-req-id"}, "body": body}));
        // The shim hands a string body over beside the JSON; both ways agree.
        let head = to_js(&json!({"statusCode": status, "headers": {"x-ci-request-id": "hdr-req-id"}}));
        let beside = through_js(op, &head, body);
        let inside = through_js(op, &response, "");
        assert_eq!(
            beside.as_ref().map_err(|e| format!("{e:?}")),
            inside.as_ref().map_err(|e| format!("{e:?}")),
            "{name}"
        );
        match (expected, inside) {
            (Ok(want), Ok(got)) => {
                assert_eq!(from_js(&got), want, "{name}");
                // Lists are JS arrays, numbers are JS numbers.
                ok += 1;
            }
            (Err(want), Err(got)) => {
                let e: &js_sys::Error = got.dyn_ref().unwrap_or_else(|| panic!("{name}: not an Error"));
                assert_eq!(String::from(e.name()), "CiError", "{name}");
                assert_eq!(prop(&got, "code").as_string().unwrap(), want.code().as_str(), "{name}");
                assert_eq!(String::from(e.message()), want.message(), "{name}");
                assert_eq!(prop(&got, "statusCode").as_f64().map(|s| s as u16), want.status_code(), "{name}");
                assert_eq!(prop(&got, "requestId").as_string().as_deref(), want.request_id(), "{name}");
                assert_eq!(prop(&got, "serviceCode").as_string().as_deref(), want.service_code(), "{name}");
                errors += 1;
            }
            (want, got) => panic!("{name}: native {want:?} but JS {:?}", got.map(|v| from_js(&v))),
        }
    }
    assert!(ok > 0 && errors > 0, "both results and errors are covered ({ok}, {errors})");
}

#[wasm_bindgen_test]
fn builders_cross_as_cos_request_descriptors() {
    let config = to_js(&json!({"Bucket": "examplebucket-1250000000", "Region": "ap-guangzhou"}));
    let signing =
        to_js(&json!({"SecretId": "AKIDEXAMPLE", "SecretKey": "secretEXAMPLE", "KeyTime": "1700000000;1700000900"}));
    let d = js::build(0, false, &config, &to_js(&json!({"State": "Active"})), &signing).unwrap();
    let d = from_js(&d);
    assert_eq!(d["Url"], "https://examplebucket-1250000000.ci.ap-guangzhou.myqcloud.com/docqueue");
    assert_eq!(d["Query"], json!({"queueIds": "", "state": "Active", "pageNumber": "", "pageSize": ""}));
    // js-sdks.md §1a: cos-js-sdk-v5 signs the same request the same way (host only).
    assert!(d["Headers"]["Authorization"]
        .as_str()
        .unwrap()
        .ends_with("q-signature=dfb5cf44fe82eb7938ca949de73364be6ad45031"));

    let params = json!({"Input": {"Object": "文档.docx"}, "Operation": {"DocProcess": {"TgtType": "jpg"},
        "Output": {"Bucket": "examplebucket-1250000000", "Region": "ap-guangzhou", "Object": "文档转码_${Number}.jpg"}}});
    let d = from_js(&js::build(4, false, &config, &to_js(&params), "z").unwrap());
    assert_eq!(
        (d["Method"].as_str(), d["Key"].as_str(), d["ContentType"].as_str()),
        (Some("POST"), Some("doc_jobs"), Some("application/xml"))
    );
    assert!(d["Body"].as_str().unwrap().contains("<Object>文档.docx</Object>"));
    assert!(d["Headers"].get("Authorization").is_none(), "unsigned without signing options");
}

#[wasm_bindgen_test]
fn bad_input_crosses_as_a_ci_error_naming_the_field() {
    let config = to_js(&json!({"Bucket": "examplebucket-1250000000", "Region": "ap-guangzhou"}));
    let cases = [
        (
            json!({"QueueId": "p1", "Name": "n", "State": "Active", "NotifyConfig": {"State": "On", "Type": "Url", "Url": "http://127.0.0.1/cb", "Event": "TaskFinish"}}),
            "InvalidArgument",
            "NotifyConfig.Url",
        ),
        (json!({"QueueId": "../x", "Name": "n", "State": "Active"}), "InvalidArgument", "QueueId"),
        (json!({"Name": "n", "State": "Active"}), "MissingArgument", "QueueId"),
        (json!({"QueueId": "p1", "Name": 5, "State": "Active"}), "InvalidArgument", "Name"),
    ];
    for (params, code, field) in cases {
        let e = js::build(1, false, &config, &to_js(&params), "z").unwrap_err();
        assert!(e.is_instance_of::<js_sys::Error>());
        assert_eq!(prop(&e, "code").as_string().as_deref(), Some(code), "{params}");
        assert_eq!(prop(&e, "field").as_string().as_deref(), Some(field), "{params}");
    }
    // Not an object; nested deeper than 32 levels (what a cyclic object would be; the shim
    // refuses cycles before this); not the packed encoding at all. The module still works afterwards.
    for params in
        ["n5\0".to_string(), format!("{}z{}", "oka\0".repeat(40), "}".repeat(40)), "o".to_string(), "{}".to_string()]
    {
        let e = js::build(5, false, &config, &params, "z").unwrap_err();
        assert_eq!(prop(&e, "field").as_string().as_deref(), Some("params"), "{params}");
    }
    assert!(js::build(0, false, &config, "z", "z").is_ok());
    // Secrets never appear in errors.
    let e = js::get_authorization(
        false,
        &to_js(&json!({"SecretId": "AKID", "SecretKey": "topsecretvalue", "KeyTime": "9;1"})),
    )
    .unwrap_err();
    assert!(!String::from(js_sys::JSON::stringify(&e).unwrap()).contains("topsecretvalue"));
    assert!(!prop(&e, "message").as_string().unwrap().contains("topsecretvalue"));
}
