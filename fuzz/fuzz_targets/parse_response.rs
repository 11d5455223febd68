//! Parsing each operation's response from arbitrary bytes.
//!
//! Input: byte 0 picks the operation (mod 7), byte 1 the HTTP status, the rest
//! is the body (lossy UTF-8, as a transport's text decoding would give).
//! Checks: no panic; a success is valid JSON; an error has a code and a
//! message; the JSON path (`{statusCode, headers, body}`, as the wasm gets it)
//! agrees with the typed path, with the body inside the JSON or beside it.
#![no_main]

use cos_ci_wasm::__fuzz;
use libfuzzer_sys::fuzz_target;

const STATUSES: [u16; 8] = [200, 200, 200, 204, 400, 403, 404, 503];

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let op = data[0] as usize;
    let status = STATUSES[data[1] as usize % STATUSES.len()];
    let body = String::from_utf8_lossy(&data[2..]);
    let headers = [("x-ci-request-id", "fuzz-request-id")];

    let typed = __fuzz::parse_raw(op, status, &headers, &body);
    match &typed {
        Ok(json) => {
            serde_json::from_str::<serde_json::Value>(json).expect("output is valid JSON");
        }
        Err(e) => assert!(!e.message().is_empty(), "an error without a message: {e:?}"),
    }

    // Both ways the JS shim can hand the body over: inside the JSON, and
    // beside it (what it does with a string body).
    let head = serde_json::json!({ "statusCode": status, "headers": { "x-ci-request-id": "fuzz-request-id" } });
    let mut inside = head.clone();
    inside["body"] = serde_json::Value::String(body.to_string());
    for via_json in [__fuzz::parse_json(op, &inside.to_string(), ""), __fuzz::parse_json(op, &head.to_string(), &body)]
    {
        match (&typed, &via_json) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "typed and JSON paths differ"),
            (Err(a), Err(b)) => assert_eq!(a, b, "typed and JSON paths fail differently"),
            _ => panic!("typed {typed:?} vs JSON {via_json:?}"),
        }
    }
});
