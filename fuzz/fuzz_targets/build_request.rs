//! Building each operation from arbitrary parameters, through the JSON entry
//! point (`build<Op>(config, params, signing)`) and, for the same arguments,
//! the packed encoding the wasm exports read: both must agree exactly.
//!
//! Input: byte 0 picks the operation (mod 7); byte 1 bit 0 asks for a
//! signature; the rest is JSON text: `params`, or `config` NUL `params` (a raw
//! NUL is never valid JSON, so it cannot be confused with the data).
//! Checks, for every descriptor that builds:
//! - it is valid JSON with the `cos.request` fields;
//! - the Url is https or http, with no whitespace or control character;
//! - no header name or value contains CR, LF or NUL (no header injection);
//! - the Body, when present, is XML our own strict reader accepts, with the
//!   `<Request>` root (no element injection can break out of a field);
//! - the SecretKey never appears anywhere in it.
#![no_main]

use cos_ci_wasm::{__fuzz, xml};
use libfuzzer_sys::fuzz_target;

const CONFIG: &str = r#"{"Bucket":"examplebucket-1250000000","Region":"ap-guangzhou"}"#;
const SECRET_KEY: &str = "fuzzSecretKeyThatMustNeverLeak0123456789";

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let op = data[0] as usize;
    let signed = data[1] & 1 == 1;
    let text = String::from_utf8_lossy(&data[2..]);
    let (config, params) = match text.split_once('\0') {
        Some((config, params)) => (config, params),
        None => (CONFIG, &*text),
    };
    let signing = if signed {
        format!(
            r#"{{"SecretId":"AKIDFUZZ","SecretKey":"{SECRET_KEY}","SecurityToken":"fuzz-token","KeyTime":"1700000000;1700000900"}}"#
        )
    } else {
        "null".to_string()
    };
    let built = __fuzz::build(op, config, params, &signing);
    // The packed arguments the wasm reads build exactly what JSON builds.
    if let (Some(c), Some(p), Some(s)) =
        (__fuzz::json_to_packed(config), __fuzz::json_to_packed(params), __fuzz::json_to_packed(&signing))
    {
        let packed = __fuzz::build_packed(op, &c, &p, &s);
        match (&built, &packed) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "packed and JSON descriptors differ"),
            (Err(a), Err(b)) => {
                assert_eq!(
                    (a.code(), a.field(), a.message()),
                    (b.code(), b.field(), b.message()),
                    "packed and JSON errors differ"
                )
            }
            _ => panic!("JSON {built:?} but packed {packed:?}"),
        }
    }
    let descriptor = match built {
        Ok(d) => d,
        Err(e) => {
            assert!(!e.message().is_empty());
            let shown = format!("{e} {e:?}");
            assert!(text.contains(SECRET_KEY) || !shown.contains(SECRET_KEY), "SecretKey in an error: {shown}");
            return;
        }
    };
    // (Unless the fuzzer put the key into the parameters itself: it learns constants.)
    assert!(text.contains(SECRET_KEY) || !descriptor.contains(SECRET_KEY), "SecretKey in a descriptor");
    let d: serde_json::Value = serde_json::from_str(&descriptor).expect("descriptor is JSON");
    let url = d["Url"].as_str().expect("Url");
    assert!(url.starts_with("https://") || url.starts_with("http://"), "{url}");
    assert!(!url.chars().any(|c| c.is_whitespace() || c.is_control()), "{url:?}");
    for field in ["Headers", "Query"] {
        for (name, value) in d[field].as_object().expect(field) {
            let value = value.as_str().expect("string values");
            for s in [name.as_str(), value] {
                assert!(!s.contains(['\r', '\n', '\0']), "{field} {name}: {value:?}");
            }
        }
    }
    if let Some(body) = d.get("Body").and_then(|b| b.as_str()) {
        let root = xml::parse(body).unwrap_or_else(|e| panic!("the body we built does not parse: {e}\n{body}"));
        assert_eq!(root.name, "Request");
    }
    if signed {
        let auth = d["Headers"]["Authorization"].as_str().expect("signed");
        assert!(auth.starts_with("q-sign-algorithm=sha1&q-ak=AKIDFUZZ&"), "{auth}");
    }
});
