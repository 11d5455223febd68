//! Signing with arbitrary inputs, directly and through `getAuthorization`.
//!
//! Input: NUL-separated fields (lossy UTF-8) — method, path, query
//! (`name=value` lines), headers (`name:value` lines), host, SecretId,
//! SecretKey, key time (`start;end`), flags (`p` = sign params, `h` = sign
//! host), and `getAuthorization` options as raw JSON text. The corpus is
//! seeded with the signing vectors (fuzz/seed.mjs).
//! Checks: no panic; signing is deterministic; the canonical params and headers
//! are their definition (a `BTreeMap` of encoded, lower-cased names, the last
//! one winning); the JS shim's packed fast path
//! agrees with the JSON path; a signature is 40 lowercase
//! hex digits; the Authorization is one line; the SecretKey (the fuzzed text
//! plus a fixed marker) appears in no Authorization, error message or `Debug`
//! output.
#![no_main]

use cos_ci_wasm::sign::{encode, is_signed_header, sign, SignableRequest, SigningParams, SigningSettings};
use cos_ci_wasm::{__fuzz, Credentials, KeyTime};
use libfuzzer_sys::fuzz_target;

const MARKER: &str = "kQ7vX2pL9wZ4";

fn pairs(text: &str, sep: char) -> Vec<(&str, &str)> {
    text.lines().filter(|l| !l.is_empty()).map(|l| l.split_once(sep).unwrap_or((l, ""))).collect()
}

/// The canonical `name=value&…` and `name;…` of pairs, by definition.
fn canonical(pairs: &[(&str, &str)]) -> (String, String) {
    let map: std::collections::BTreeMap<String, String> =
        pairs.iter().map(|(n, v)| (encode(n).to_ascii_lowercase(), encode(v))).collect();
    let text: Vec<String> = map.iter().map(|(n, v)| format!("{n}={v}")).collect();
    (text.join("&"), map.keys().cloned().collect::<Vec<_>>().join(";"))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut f = text.split('\0');
    let mut next = || f.next().unwrap_or("");
    let (method, path, query, headers, host) = (next(), next(), next(), next(), next());
    let (secret_id, fuzzed_key, key_time, flags, options_json) = (next(), next(), next(), next(), next());
    let (query, headers) = (pairs(query, '='), pairs(headers, ':'));
    // The key is the fuzzed text plus a marker: a leak shows the marker. (Matching the fuzzed
    // text alone gave false positives: a key made of another input's characters plus the '"'
    // an error message quotes that input with.) Exempt when the fuzzer copied the marker into
    // another input — libFuzzer learns constants.
    let secret_key_owned = format!("{fuzzed_key}{MARKER}");
    let secret_key = secret_key_owned.as_str();
    let others = [method, path, host, secret_id, key_time, flags, options_json];
    let leak_possible = !others.iter().any(|o| o.contains(MARKER))
        && !query.iter().chain(&headers).any(|(n, v)| n.contains(MARKER) || v.contains(MARKER));
    let check_secret =
        |what: &str, s: &str| assert!(!(leak_possible && s.contains(MARKER)), "SecretKey in {what}: {s}");

    let request =
        SignableRequest { method, path, query: &query, headers: &headers, host: (!host.is_empty()).then_some(host) };
    let kt = key_time.split_once(';').and_then(|(s, e)| Some(KeyTime::new(s.parse().ok()?, e.parse().ok()?)));
    match (Credentials::new(secret_id, secret_key), kt) {
        (Ok(credentials), Some(Ok(key_time))) => {
            let mut settings = SigningSettings::default();
            settings.sign_params = flags.contains('p');
            settings.sign_host = flags.contains('h');
            let mut params = SigningParams::new(&credentials, key_time);
            params.settings = settings;
            let a = sign(&request, &params);
            let b = sign(&request, &params);
            assert_eq!(a.authorization().as_str(), b.authorization().as_str(), "not deterministic");
            let mut signed: Vec<(&str, &str)> = headers.iter().copied().filter(|(n, _)| is_signed_header(n)).collect();
            if settings.sign_host && !host.is_empty() && !signed.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
                signed.push(("host", host));
            }
            let (param_text, param_list) = canonical(if settings.sign_params { &query[..] } else { &[] });
            let (header_text, header_list) = canonical(&signed);
            let h = a.http_string();
            assert_eq!((h.param_list(), h.header_list()), (param_list.as_str(), header_list.as_str()));
            assert!(h.as_str().ends_with(&format!("\n{param_text}\n{header_text}\n")), "{:?}", h.as_str());
            let sig = a.signature().as_str();
            assert!(sig.len() == 40 && sig.bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c)));
            let auth = a.authorization().as_str();
            assert!(!auth.contains(['\n', '\r']), "Authorization spans lines: {auth:?}");
            check_secret("the Authorization", auth);
            check_secret("Debug of the output", &format!("{a:?} {credentials:?}"));
        }
        (Err(e), _) | (_, Some(Err(e))) => {
            check_secret("an error", &format!("{e} {e:?}"));
        }
        _ => {}
    }

    // The same inputs as getAuthorization options, then the raw (mutated) JSON.
    let object =
        |p: &[(&str, &str)]| p.iter().map(|(n, v)| (n.to_string(), (*v).into())).collect::<serde_json::Map<_, _>>();
    let options = serde_json::json!({
        "SecretId": secret_id, "SecretKey": secret_key, "Method": method, "Pathname": path,
        "Query": object(&query), "Headers": object(&headers), "KeyTime": key_time,
    });
    // The JS shim's fast path packs the same options (NUL-separated; no field here can
    // hold a NUL): it must give exactly what the JSON path gives.
    let map = |v: &serde_json::Value| {
        let m = v.as_object().unwrap();
        let mut out = m.len().to_string();
        for (n, v) in m {
            out.push('\0');
            out.push_str(n);
            out.push('\0');
            out.push_str(v.as_str().unwrap());
        }
        out
    };
    let packed =
        [secret_id, secret_key, method, path, "", key_time, "", "", &map(&options["Query"]), &map(&options["Headers"])]
            .join("\0");
    let (fast, slow) = (__fuzz::get_authorization_packed(&packed), __fuzz::get_authorization(&options.to_string()));
    // An empty KeyTime is absent when packed; the shim packs only a non-empty one.
    match (&fast, &slow) {
        _ if key_time.is_empty() => {}
        (Ok(a), Ok(b)) => assert_eq!(a, b, "packed and JSON paths sign differently"),
        (Err(a), Err(b)) => assert_eq!(
            (a.code(), a.field(), a.message()),
            (b.code(), b.field(), b.message()),
            "packed and JSON paths fail differently"
        ),
        _ => panic!("packed {fast:?} vs JSON {slow:?}"),
    }
    if let Err(e) = &fast {
        check_secret("an error", &format!("{e} {e:?}"));
    }

    for json in [options.to_string(), options_json.to_string()] {
        match __fuzz::get_authorization(&json) {
            Ok(auth) => {
                assert!(!auth.contains(['\n', '\r']), "{auth:?}");
                check_secret("the Authorization", &auth);
            }
            Err(e) => {
                assert!(!e.message().is_empty());
                check_secret("an error", &format!("{e} {e:?}"));
            }
        }
    }
});
