//! The JavaScript face of the crate.
//!
//! Everything here except [`wasm`] is plain Rust, compiled and tested on
//! every target: reading JS parameter objects ([`value`], [`inputs`]), the
//! descriptor in the shape `cos.request` takes ([`JsDescriptor`]), raw
//! responses as transports hand them over ([`response_parts`]), and
//! `getAuthorization` with the options of cos-js-sdk-v5's
//! `COS.getAuthorization` ([`get_authorization`]). [`wasm`] (wasm32 only)
//! exports them with `wasm-bindgen`.

// Without wasm32 only the tests use these.
#![cfg_attr(not(all(target_arch = "wasm32", feature = "js-exports")), allow(dead_code))]

pub(crate) mod inputs;
pub(crate) mod json;
pub(crate) mod value;
#[cfg(all(target_arch = "wasm32", feature = "js-exports"))]
pub mod wasm;

use crate::credentials::Credentials;
use crate::descriptor::RequestDescriptor;
use crate::error::{quote, Error, Result};
use crate::sign::{sign, KeyTime, SignableRequest, SigningParams, SigningSettings};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::borrow::Cow;
use value::{Fields, Value};

/// A descriptor as JS sees it: `{ Method, Url, Key, Query, Headers, Body?,
/// ContentType? }` — the fields of `cos.request`. `Url` has no query string;
/// `Query` and `Headers` are objects in sending order.
#[derive(Debug)]
pub(crate) struct JsDescriptor<'a>(pub(crate) &'a RequestDescriptor);

struct Pairs<'a>(&'a [(String, String)]);

impl Serialize for Pairs<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (name, value) in self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

impl Serialize for JsDescriptor<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let d = self.0;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("Method", d.method().as_str())?;
        map.serialize_entry("Url", &d.url())?;
        map.serialize_entry("Key", d.key())?;
        map.serialize_entry("Query", &Pairs(d.query()))?;
        map.serialize_entry("Headers", &Pairs(d.headers()))?;
        if let Some(body) = d.body() {
            map.serialize_entry("Body", body)?;
        }
        if let Some(content_type) = d.content_type() {
            map.serialize_entry("ContentType", content_type)?;
        }
        map.end()
    }
}

/// A raw response as a transport hands it over:
/// `{ statusCode | status, headers?, body? }` (the body may come separately,
/// see [`response_parts`]).
#[derive(Debug)]
pub(crate) struct ResponseParts<'b> {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Cow<'b, str>,
}

/// Reads `{ statusCode | status, headers?, body? }`; other properties (a
/// transport's `statusText`, …) are ignored. The body is `body` when it is
/// present (a string, or `null` for none), otherwise `separate_body`: the JS
/// shim hands a string body over on its own, so that it is neither escaped
/// into JSON nor read back out of it.
///
/// The request has been sent by now, so a shape that does not fit is
/// `InvalidResponse` — never `InvalidArgument`, which promises that nothing
/// was sent.
pub(crate) fn response_parts<'b>(value: &Value, separate_body: &'b str) -> Result<ResponseParts<'b>> {
    let bad = |e: Error| Error::invalid_response(e.field().unwrap_or("response").to_string(), e.rule().to_string());
    let mut f = Fields::top(value, "response").map_err(bad)?;
    let status = match (f.integer("statusCode", 100, 599).map_err(bad)?, f.integer("status", 100, 599).map_err(bad)?) {
        (Some(s), _) | (None, Some(s)) => s as u16,
        (None, None) => {
            return Err(Error::invalid_response("statusCode", "the transport gave no HTTP status (statusCode)"))
        }
    };
    let headers = f
        .map("headers")
        .map_err(bad)?
        .iter()
        .filter_map(|(name, value)| scalar_text(value).ok().map(|text| (name.clone(), text)))
        .collect();
    let body = match f.string("body").map_err(bad)? {
        Some(body) => body.into(),
        None => separate_body.into(),
    };
    Ok(ResponseParts { status, headers, body })
}

/// Query and header values as cos-js-sdk-v5 signs them: strings as they
/// are, integers and booleans as text, `null`/`undefined` as `""`. Other
/// numbers are not formatted here (JS and Rust write them differently, e.g.
/// `1e+21`): the JS shim sends them as the text `String(n)` gives, which is
/// what a JS transport sends and cos-js-sdk-v5 signs.
fn scalar_text(value: &Value) -> std::result::Result<String, &'static str> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) if n.fract() == 0.0 && n.abs() < 9.007_199_254_740_992e15 => Ok((*n as i64).to_string()),
        Value::Number(_) => Err("must be a string, a safe integer or a boolean (got another number: pass it as text)"),
        Value::Bool(b) => Ok(b.to_string()),
        Value::Null => Ok(String::new()),
        Value::Array(_) => Err("must be a string, number or boolean (got an array)"),
        Value::Object(_) => Err("must be a string, number or boolean (got an object)"),
    }
}

/// Reads a `Query` / `Headers` object of scalars.
fn scalar_pairs(f: &mut Fields<'_>, name: &'static str) -> Result<TextPairs<'static>> {
    let path = f.path(name);
    f.map(name)?
        .iter()
        .map(|(key, value)| match scalar_text(value) {
            Ok(text) => Ok((key.clone().into(), text.into())),
            Err(rule) => Err(Error::invalid(format!("{path}.{key}"), rule)),
        })
        .collect()
}

/// `getAuthorization(opts)` with the options of cos-js-sdk-v5's
/// `COS.getAuthorization`: `SecretId`, `SecretKey`, `Method` (default
/// `get`), `Pathname` or `Key` (the path signed is `Pathname` when non-empty,
/// else `Key`, with a leading `/` added when missing), `Query`, `Headers`,
/// and `KeyTime` or `StartTime` (+ `Expires`, default 900).
///
/// Signed under this crate's policy (see [`crate::sign`]): `Host`, the
/// allow-listed headers and `x-cos-*`/`x-ci-*` from `Headers`; every
/// `Query` parameter. With `Bucket` and `Region` and no `Host` header, the
/// CI host `<Bucket>.ci.<Region>.myqcloud.com` is signed (cos-js-sdk-v5 signs
/// the COS host there, which does not match CI requests) unless
/// `ForceSignHost` is `false`. `SystemClockOffset`, `Scope` and `UseRawKey`, which
/// cos-js-sdk-v5 passes to its `getAuthorization` callback, are accepted and
/// ignored, so that callback's options can be handed over unchanged.
pub(crate) fn get_authorization(opts: &Value) -> Result<String> {
    let mut f = Fields::top(opts, "options")?;
    let secret_id = f.required_string("SecretId")?;
    let secret_key = f.required_string("SecretKey")?;
    let credentials = Credentials::new(secret_id, secret_key)?;
    let method = check_method(f.string("Method")?.map_or(Cow::Borrowed("get"), Cow::Owned))?;
    let path = path_of(f.string("Pathname")?.map(Cow::Owned), f.string("Key")?.map(Cow::Owned));
    let query = scalar_pairs(&mut f, "Query")?;
    let headers = check_headers(scalar_pairs(&mut f, "Headers")?)?;
    let bucket = f.string("Bucket")?;
    let region = f.string("Region")?;
    let force_sign_host = f.boolean("ForceSignHost")?.unwrap_or(true);
    f.ignore("SystemClockOffset");
    f.ignore("Scope");
    f.ignore("UseRawKey");
    let key_time = inputs::key_time(&mut f)?;
    f.finish()?;
    let host = match (&bucket, &region) {
        (Some(bucket), Some(region)) if force_sign_host => {
            crate::endpoint::validate_bucket("Bucket", bucket)?;
            crate::endpoint::validate_region("Region", region)?;
            Some(format!("{bucket}.ci.{region}.myqcloud.com"))
        }
        _ => None,
    };
    Ok(authorize(&credentials, &method, &path, &query, &headers, host.as_deref(), key_time))
}

/// `getAuthorization` from the packed options the JS shim sends when the
/// options are plain strings and numbers (its fast path; anything else goes
/// through [`get_authorization`], which reads and names every field). Fields
/// are separated by NUL (which no packed value contains):
/// `SecretId, SecretKey, Method, Pathname, Key, KeyTime, StartTime, Expires`
/// (empty when absent; `Method` always given), then the number of `Query`
/// pairs and the pairs, then the number of `Headers` pairs and the pairs.
/// Every rule [`get_authorization`] applies after reading the types applies
/// here too ([`authorize`]).
pub(crate) fn get_authorization_packed(packed: &str) -> Result<String> {
    let mut p = Packed(Some(packed));
    // The checks in the order the JSON path makes them.
    let credentials = Credentials::new(p.next()?, p.next()?)?;
    let method = check_method(p.next()?.into())?;
    let path = path_of(p.given()?.map(Cow::Borrowed), p.given()?.map(Cow::Borrowed));
    let key_time_text = p.given()?;
    let start = p.integer("StartTime", 0, inputs::MAX_START_TIME)?;
    let expires = p.integer("Expires", 1, inputs::MAX_EXPIRES)?;
    let query = p.pairs()?;
    let headers = check_headers(p.pairs()?)?;
    if p.0.is_some() {
        return Err(Packed::incomplete());
    }
    let key_time = inputs::key_time_of(key_time_text, start, expires, &|name| name.to_string())?;
    Ok(authorize(&credentials, &method, &path, &query, &headers, None, key_time))
}

/// Reads the packed options of [`get_authorization_packed`]: what is left of them
/// (`None` once the last field is read).
struct Packed<'a>(Option<&'a str>);

impl<'a> Packed<'a> {
    #[cold]
    fn incomplete() -> Error {
        Error::invalid("options", "packed options are incomplete (a bug in the JS shim)")
    }

    /// The next NUL-terminated field (a plain byte scan: fields are short, and
    /// the NUL is ASCII, so the slices fall on character boundaries).
    fn next(&mut self) -> Result<&'a str> {
        let rest = self.0.ok_or_else(Self::incomplete)?;
        Ok(match rest.bytes().position(|b| b == 0) {
            Some(end) => {
                self.0 = Some(&rest[end + 1..]);
                &rest[..end]
            }
            None => {
                self.0 = None;
                rest
            }
        })
    }

    /// A field that is absent when empty.
    fn given(&mut self) -> Result<Option<&'a str>> {
        Ok(Some(self.next()?).filter(|s| !s.is_empty()))
    }

    fn integer(&mut self, name: &str, min: i64, max: i64) -> Result<Option<i64>> {
        self.given()?
            .map(|text| match text.parse::<i64>() {
                Ok(n) if (min..=max).contains(&n) => Ok(n),
                _ => Err(Error::invalid(name, format!("must be an integer from {min} to {max} (got {text})"))),
            })
            .transpose()
    }

    fn pairs(&mut self) -> Result<TextPairs<'a>> {
        let n: usize = self.next()?.parse().map_err(|_| Self::incomplete())?;
        (0..n).map(|_| Ok((self.next()?.into(), self.next()?.into()))).collect()
    }
}

/// Query or header pairs, borrowed (packed) or owned (JSON).
type TextPairs<'a> = Vec<(Cow<'a, str>, Cow<'a, str>)>;

/// `Method`: letters only (default `get`).
fn check_method(method: Cow<'_, str>) -> Result<Cow<'_, str>> {
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(Error::invalid("Method", format!("must be an HTTP method such as GET (got {})", quote(&method))));
    }
    Ok(method)
}

/// As cos-js-sdk-v5: `Pathname || Key`, then a leading `/` when missing.
fn path_of<'a>(pathname: Option<Cow<'a, str>>, key: Option<Cow<'a, str>>) -> Cow<'a, str> {
    let path = pathname.filter(|p| !p.is_empty()).or(key).unwrap_or_default();
    if path.starts_with('/') {
        path
    } else {
        Cow::Owned(format!("/{path}"))
    }
}

/// `Headers` values must fit on one line.
fn check_headers(headers: TextPairs<'_>) -> Result<TextPairs<'_>> {
    for (name, value) in &headers {
        if value.bytes().any(|b| matches!(b, b'\r' | b'\n' | b'\0')) {
            return Err(Error::invalid(format!("Headers.{name}"), "must not contain CR, LF or NUL"));
        }
    }
    Ok(headers)
}

/// The signature over checked options.
fn authorize(
    credentials: &Credentials,
    method: &str,
    path: &str,
    query: &TextPairs<'_>,
    headers: &TextPairs<'_>,
    host: Option<&str>,
    key_time: KeyTime,
) -> String {
    let query: Vec<(&str, &str)> = query.iter().map(|(n, v)| (&**n, &**v)).collect();
    let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (&**n, &**v)).collect();
    let request = SignableRequest { method, path, query: &query, headers: &headers, host };
    let settings = SigningSettings { sign_host: host.is_some(), ..Default::default() };
    let params = SigningParams { credentials, key_time, settings };
    sign(&request, &params).into_authorization().into_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    fn value(json: &str) -> Value {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn get_authorization_matches_the_documented_js_vector() {
        // js-sdks.md §1a, capture js-fixedtime-describeDocQueues.json.
        let auth = get_authorization(&value(
            r#"{"SecretId":"AKIDEXAMPLE","SecretKey":"secretEXAMPLE","Method":"get","Key":"docqueue",
                "Query":{"queueIds":"","state":"Active","pageNumber":"","pageSize":""},
                "Headers":{"Host":"examplebucket-1250000000.ci.ap-guangzhou.myqcloud.com"},
                "KeyTime":"1700000000;1700000900"}"#,
        ))
        .unwrap();
        assert!(auth.ends_with("&q-signature=dfb5cf44fe82eb7938ca949de73364be6ad45031"), "{auth}");
        assert!(auth.contains("&q-header-list=host&q-url-param-list=pagenumber;pagesize;queueids;state&"));
        // The same with Bucket/Region instead of a Host header, and StartTime + Expires.
        let same = get_authorization(&value(
            r#"{"SecretId":"AKIDEXAMPLE","SecretKey":"secretEXAMPLE","Method":"GET","Pathname":"docqueue",
                "Query":{"queueIds":null,"state":"Active","pageNumber":"","pageSize":""},
                "Bucket":"examplebucket-1250000000","Region":"ap-guangzhou","StartTime":1700000000,"Expires":900,
                "SystemClockOffset":0,"Scope":[]}"#,
        ))
        .unwrap();
        assert_eq!(auth, same);
        // Key with its leading slash, and an empty Pathname, sign the same path (as cos-js-sdk-v5).
        let base = r#""SecretId":"a","SecretKey":"b","KeyTime":"1;2""#;
        let with = |extra: &str| get_authorization(&value(&format!("{{{base},{extra}}}"))).unwrap();
        assert_eq!(with(r#""Key":"/docqueue""#), with(r#""Key":"docqueue""#));
        assert_eq!(with(r#""Pathname":"","Key":"docqueue""#), with(r#""Pathname":"/docqueue""#));
        assert_ne!(with(r#""Key":"docqueue""#), with(r#""Key":"ai_queue""#));
    }

    #[test]
    fn get_authorization_errors_name_the_option() {
        let e = get_authorization(&value(r#"{"SecretId":"a","SecretKey":"b"}"#)).unwrap_err();
        assert_eq!((e.code(), e.field()), (ErrorCode::MissingArgument, Some("KeyTime")));
        let e = get_authorization(&value(
            r#"{"SecretId":"a","SecretKey":"b","KeyTime":"1;2","Headers":{"x-cos-a":"1\r\nb"}}"#,
        ))
        .unwrap_err();
        assert_eq!(e.field(), Some("Headers.x-cos-a"));
        let e = get_authorization(&value(r#"{"SecretId":"a","SecretKey":"b","KeyTime":"1;2","Query":{"a":[1]}}"#))
            .unwrap_err();
        assert_eq!(e.field(), Some("Query.a"));
        // Numbers other than safe integers come as text from the JS shim; the wasm formats none.
        let e = get_authorization(&value(r#"{"SecretId":"a","SecretKey":"b","KeyTime":"1;2","Query":{"a":1.5}}"#))
            .unwrap_err();
        assert_eq!(e.field(), Some("Query.a"));
        assert!(e.message().contains("pass it as text"), "{}", e.message());
        let int = |n: &str| {
            get_authorization(&value(&format!(
                r#"{{"SecretId":"a","SecretKey":"b","KeyTime":"1;2","Query":{{"a":{n}}}}}"#
            )))
        };
        assert_eq!(int("9007199254740991").unwrap(), int(r#""9007199254740991""#).unwrap());
        assert!(int("9007199254740992").is_err());
        let e =
            get_authorization(&value(r#"{"SecretId":"a","SecretKey":"b","KeyTime":"1;2","Secret":"x"}"#)).unwrap_err();
        assert_eq!(e.field(), Some("Secret"));
        assert!(!format!("{e} {e:?}").contains("\"b\""));
    }

    #[test]
    fn packed_options_sign_as_the_json_options_do() {
        let json = value(
            r#"{"SecretId":"AKIDEXAMPLE","SecretKey":"secretEXAMPLE","Method":"GET","Key":"doc_jobs",
                "Query":{"queueId":"p1","size":10},"Headers":{"Host":"h.example.com","x-cos-a":"1"},
                "StartTime":1700000000,"Expires":60}"#,
        );
        let pack = |fields: &[&str]| fields.join("\0");
        let packed = pack(&[
            "AKIDEXAMPLE",
            "secretEXAMPLE",
            "GET",
            "",
            "doc_jobs",
            "",
            "1700000000",
            "60",
            "2",
            "queueId",
            "p1",
            "size",
            "10",
            "2",
            "Host",
            "h.example.com",
            "x-cos-a",
            "1",
        ]);
        let packed = packed.as_str();
        let want = get_authorization(&json).unwrap();
        assert!(want.contains("q-sign-time=1700000000;1700000060"), "{want}");
        assert_eq!(get_authorization_packed(packed).unwrap(), want);
        // Missing or extra fields are the shim's bug, reported as such.
        let bad_count = pack(&["a", "b", "get", "", "", "1;2", "", "", "x", "0"]);
        for bad in ["AKIDEXAMPLE\0secretEXAMPLE", &format!("{packed}\0extra"), &bad_count] {
            let e = get_authorization_packed(bad).unwrap_err();
            assert_eq!((e.code(), e.field()), (ErrorCode::InvalidArgument, Some("options")), "{bad:?}");
        }
        // Errors come in the JSON path's order, and never hold the SecretKey.
        let e = get_authorization_packed(&pack(&["a b", "secretEXAMPLE", "G T", "", "", "x", "", "", "0", "0"]))
            .unwrap_err();
        assert_eq!(e.field(), Some("SecretId"));
        assert!(!format!("{e} {e:?}").contains("secretEXAMPLE"));
        let e = get_authorization_packed(&pack(&["a", "b", "G T", "", "", "x", "", "", "0", "0"])).unwrap_err();
        assert_eq!(e.field(), Some("Method"));
        let e = get_authorization(&value(r#"{"SecretId":"a","SecretKey":"b","Method":"G T","KeyTime":"x","Foo":1}"#))
            .unwrap_err();
        assert_eq!(e.field(), Some("Method"));
        let e =
            get_authorization_packed(&pack(&["a", "b", "get", "", "", "", "99999999999", "", "0", "0"])).unwrap_err();
        assert_eq!(e.field(), Some("StartTime"));
    }

    #[test]
    fn response_parts_accept_fetch_and_cos_shapes() {
        let r = response_parts(&value(r#"{"status":200,"headers":{"x-ci-request-id":"r1","n":5},"body":"<R/>"}"#), "")
            .unwrap();
        assert_eq!((r.status, &*r.body), (200, "<R/>"));
        assert_eq!(r.headers, [("x-ci-request-id".to_string(), "r1".to_string()), ("n".to_string(), "5".to_string())]);
        let r = response_parts(&value(r#"{"status":200}"#), "<S/>").unwrap();
        assert_eq!(&*r.body, "<S/>");
        let e = response_parts(&value(r#"{"status":200,"body":5}"#), "<S/>").unwrap_err();
        assert_eq!(
            (e.code(), e.field(), e.message()),
            (ErrorCode::InvalidResponse, Some("body"), "body: must be a string (got a number)")
        );
        let r = response_parts(&value(r#"{"statusCode":404,"body":""}"#), "").unwrap();
        assert_eq!(r.status, 404);
        let e = response_parts(&value(r#"{"body":""}"#), "").unwrap_err();
        assert_eq!((e.code(), e.field()), (ErrorCode::InvalidResponse, Some("statusCode")));
        let e = response_parts(&value(r#"{"status":99,"body":""}"#), "").unwrap_err();
        assert_eq!((e.code(), e.field()), (ErrorCode::InvalidResponse, Some("status")));
        let r = response_parts(&value(r#"{"status":200,"statusText":"OK","body":""}"#), "").unwrap();
        assert_eq!(r.status, 200);
    }

    #[test]
    fn descriptor_serializes_in_cos_request_shape() {
        let text = (json::OPERATIONS[0].build)(
            r#"{"Bucket":"examplebucket-1250000000","Region":"ap-guangzhou"}"#,
            r#"{"State":"Active"}"#,
            r#"{"SecretId":"AKIDEXAMPLE","SecretKey":"secretEXAMPLE","KeyTime":"1700000000;1700000900"}"#,
        )
        .unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["Method"], "GET");
        assert_eq!(json["Url"], "https://examplebucket-1250000000.ci.ap-guangzhou.myqcloud.com/docqueue");
        assert_eq!(json["Key"], "docqueue");
        assert_eq!(
            json["Query"].as_object().unwrap().keys().collect::<Vec<_>>(),
            ["queueIds", "state", "pageNumber", "pageSize"]
        );
        assert!(json["Headers"]["Authorization"]
            .as_str()
            .unwrap()
            .starts_with("q-sign-algorithm=sha1&q-ak=AKIDEXAMPLE&"));
        assert!(json.get("Body").is_none() && json.get("ContentType").is_none());
    }
}
