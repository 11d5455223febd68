// Native only (it reads tests/fixtures from disk; tests/wasm/cases.rs runs every vector in the wasm).
#![cfg(not(target_arch = "wasm32"))]
//! Every case of `tests/fixtures/sign.json` (made by the official Python
//! SDK's own signer) must reproduce its HttpString, StringToSign, signed
//! lists and Authorization exactly. Stages are asserted in order, each with its
//! own message. Adding a case to the JSON needs no code.

mod common;

use cos_ci_wasm::sign::{sign, SignableRequest, SigningParams};
use cos_ci_wasm::{Credentials, KeyTime};
use serde_json::Value;

fn pairs(v: &Value) -> Vec<(String, String)> {
    v.as_object()
        .expect("object")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().expect("string value").to_string()))
        .collect()
}

#[test]
fn python_sdk_signing_vectors() {
    let cases = common::load_json("sign.json");
    let cases = cases.as_array().expect("array of cases");
    assert!(cases.len() >= 90, "expected the 90 vectors, found {}", cases.len());
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let s = |k: &str| case[k].as_str().unwrap_or_else(|| panic!("{name}: missing {k}"));
        let query = pairs(&case["query"]);
        let headers = pairs(&case["headers"]);
        let query_refs: Vec<(&str, &str)> = query.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let header_refs: Vec<(&str, &str)> = headers.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let request = SignableRequest {
            method: s("method"),
            path: s("path"),
            query: &query_refs,
            headers: &header_refs,
            host: case["implicit_host_from_url"].as_str(),
        };
        let credentials = Credentials::new(s("secret_id"), s("secret_key")).unwrap();
        let key_time: KeyTime = s("key_time").parse().unwrap();
        let mut params = SigningParams::new(&credentials, key_time);
        params.settings.sign_params = case["sign_params"].as_bool().unwrap_or(true);

        let out = sign(&request, &params);
        assert_eq!(out.http_string().as_str(), s("http_string"), "{name}: HttpString didn't match");
        let list =
            |k: &str| case[k].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect::<Vec<_>>().join(";");
        assert_eq!(out.http_string().header_list(), list("signed_headers"), "{name}: q-header-list didn't match");
        assert_eq!(out.http_string().param_list(), list("signed_params"), "{name}: q-url-param-list didn't match");
        assert_eq!(out.string_to_sign().as_str(), s("string_to_sign"), "{name}: StringToSign didn't match");
        assert_eq!(out.authorization().as_str(), s("expected_authorization"), "{name}: Authorization didn't match");
        if let Some(captured) = case["captured_authorization"].as_str() {
            assert_eq!(out.authorization().as_str(), captured, "{name}: differs from the captured request");
        }
    }
}

/// The JS SDK's fixed-time vectors (reference/js-sdks.md §1a), for the
/// requests where cos-js-sdk-v5 signs the same headers as we do (`host`).
#[test]
fn js_sdk_fixed_time_vectors_agree_where_the_same_headers_are_signed() {
    let dir = common::fixture_path("captures/js");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_str().unwrap().to_string();
        if !file.starts_with("js-fixedtime-") {
            continue;
        }
        let capture = common::load_json(&format!("captures/js/{file}"));
        let wire = &capture["requests"][0];
        let auth = wire["rawHeaders"]
            .as_array()
            .unwrap()
            .iter()
            .find(|kv| kv[0] == "Authorization")
            .and_then(|kv| kv[1].as_str())
            .unwrap();
        let query = common::decode_query(wire["rawQuery"].as_str().unwrap_or_default());
        let query_refs: Vec<(&str, &str)> = query.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let path = common::form_decode(wire["path"].as_str().unwrap());
        let request = SignableRequest {
            method: wire["method"].as_str().unwrap(),
            path: &path,
            query: &query_refs,
            headers: &[],
            host: Some("examplebucket-1250000000.ci.ap-guangzhou.myqcloud.com"),
        };
        let credentials = Credentials::new("AKIDEXAMPLE", "secretEXAMPLE").unwrap();
        let out = sign(&request, &SigningParams::new(&credentials, KeyTime::new(1700000000, 1700000900).unwrap()));
        assert_eq!(out.authorization().as_str(), auth, "{file}");
        checked += 1;
    }
    assert_eq!(checked, 7, "the seven fixed-time captures");
}
