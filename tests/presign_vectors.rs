// Native only (it reads tests/fixtures from disk; tests/wasm/cases.rs runs the same vectors in the wasm).
#![cfg(not(target_arch = "wasm32"))]
//! `tests/fixtures/presign/presign.json`: presigned DocPreview URLs made by
//! cos-nodejs-sdk-v5 (`getObjectUrl`) and cos-python-sdk-v5
//! (`get_presigned_url`) for the same inputs and key time. Ours must be
//! byte-for-byte Python's (which writes `+` for a space where we write `%20`,
//! both a space to the service), and carry exactly Node's parameters (Node
//! orders the query by name and leaves `;` and the token unencoded).

mod common;

use serde_json::{json, Value};

/// `%XX` decoded (a `+` stays a `+`: COS reads a query that way).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// The path and the decoded query parameters of a URL, sorted by name.
fn parts(url: &str) -> (String, Vec<(String, String)>) {
    let (path, query) = url.split_once('?').unwrap();
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (percent_decode(k), percent_decode(v).to_lowercase_if_list(k))
        })
        .collect();
    pairs.sort();
    (path.to_string(), pairs)
}

trait ListCase {
    fn to_lowercase_if_list(self, name: &str) -> String;
}
impl ListCase for String {
    /// `q-url-param-list` and `q-header-list` hold lower-case names by definition.
    fn to_lowercase_if_list(self, name: &str) -> String {
        if name.ends_with("-list") {
            self.to_lowercase()
        } else {
            self
        }
    }
}

#[test]
fn presigned_doc_preview_urls_match_the_official_sdks() {
    let fixture = common::load_json("presign/presign.json");
    let config = json!({ "Bucket": fixture["bucket"], "Region": fixture["region"] }).to_string();
    let cases = fixture["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 6);
    let mut python = 0;
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let (start, expires) = (case["start"].as_i64().unwrap(), case["expires"].as_i64().unwrap());
        let mut signing = case["credentials"].clone();
        signing["KeyTime"] = Value::String(format!("{start};{}", start + expires));
        let url: String = serde_json::from_str(
            &cos_ci_wasm::__fuzz::doc_preview_url(&config, &case["params"].to_string(), &signing.to_string())
                .unwrap_or_else(|e| panic!("{name}: {e}")),
        )
        .unwrap();
        assert!(
            !url.contains(case["credentials"]["SecretKey"].as_str().unwrap()),
            "{name}: the SecretKey is in the URL"
        );
        // The request's own query: the wire names and values an SDK user writes.
        let sent: Vec<(String, String)> = url
            .split_once("&q-signature=")
            .unwrap()
            .1
            .split('&')
            .skip(1)
            .filter(|kv| !kv.starts_with("x-cos-security-token="))
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap();
                (percent_decode(k), percent_decode(v))
            })
            .collect();
        let expected: Vec<(String, String)> =
            serde_json::from_value(case["query"].clone()).unwrap_or_else(|e| panic!("{name}: query: {e}"));
        assert_eq!(sent, expected, "{name}: the query sent");
        assert_eq!(parts(&url), parts(case["node_url"].as_str().unwrap()), "{name}: against cos-nodejs-sdk-v5");
        // A server that signs with getAuthorization (host and query of the same request)
        // hands over what makes the same URL.
        let host =
            format!("{}.cos.{}.myqcloud.com", fixture["bucket"].as_str().unwrap(), fixture["region"].as_str().unwrap());
        let query: serde_json::Map<String, Value> = expected.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
        let opts = json!({
            "SecretId": case["credentials"]["SecretId"], "SecretKey": case["credentials"]["SecretKey"],
            "Method": "GET", "Key": case["params"]["Key"], "Query": query, "Headers": { "Host": host },
            "KeyTime": signing["KeyTime"],
        });
        let authorization = cos_ci_wasm::__fuzz::get_authorization(&opts.to_string()).unwrap();
        let mut made = json!({ "Authorization": authorization });
        if let Some(token) = case["credentials"].get("SecurityToken") {
            made["SecurityToken"] = token.clone();
        }
        let from_server: String = serde_json::from_str(
            &cos_ci_wasm::__fuzz::doc_preview_url(&config, &case["params"].to_string(), &made.to_string()).unwrap(),
        )
        .unwrap();
        assert_eq!(from_server, url, "{name}: from a server's Authorization");
        if let Some(py) = case["python_url"].as_str() {
            python += 1;
            assert_eq!(url, py.replace('+', "%20"), "{name}: against cos-python-sdk-v5");
        }
    }
    assert_eq!(python, 4, "the Python vectors (permanent keys only)");
}

#[test]
fn presigning_refuses_what_would_not_be_the_signed_request() {
    let config = r#"{"Bucket":"examplebucket-1250000000","Region":"ap-guangzhou"}"#;
    let signing = r#"{"SecretId":"AKIDEXAMPLE","SecretKey":"secretEXAMPLE","KeyTime":"1700000000;1700000900"}"#;
    for (params, field) in [
        (r#"{"Key":"a/../b.docx"}"#, "Key"),
        (r#"{"Key":"/a.docx"}"#, "Key"),
        (r#"{"Key":""}"#, "Key"),
        (r#"{"Key":"a.docx","Page":0}"#, "Page"),
        (r#"{"Key":"a.docx","DstType":"gif"}"#, "DstType"),
        (r#"{"Key":"a.docx","SrcType":".docx"}"#, "SrcType"),
    ] {
        let e = cos_ci_wasm::__fuzz::doc_preview_url(config, params, signing).unwrap_err();
        assert_eq!(e.field(), Some(field), "{params}: {e}");
    }
    let e = cos_ci_wasm::__fuzz::doc_preview_url(config, r#"{"Key":"a.docx"}"#, "null").unwrap_err();
    assert_eq!(e.field(), Some("signing"), "{e}");
    for (signing, field) in [
        (r#"{"Authorization":"q-sign-algorithm=sha1&q-ak=AK"}"#, "Authorization"),
        (r#"{"Authorization":""}"#, "Authorization"),
        (
            r#"{"Authorization":"q-sign-algorithm=sha1&q-ak=AK&q-key-time=1;2&q-signature=ab","SecurityToken":"a\nb"}"#,
            "SecurityToken",
        ),
        (
            r#"{"Authorization":"q-sign-algorithm=sha1&q-ak=AK&q-key-time=1;2&q-signature=ab","SecretId":"x"}"#,
            "SecretId",
        ),
    ] {
        let e = cos_ci_wasm::__fuzz::doc_preview_url(config, r#"{"Key":"a.docx"}"#, signing).unwrap_err();
        assert_eq!(e.field(), Some(field), "{signing}: {e}");
    }
}
