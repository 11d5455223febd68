//! Helpers shared by the fixture suites.
#![allow(dead_code)]

use serde_json::{Map, Value};
use std::path::PathBuf;

/// Path of a file under `tests/fixtures/`.
pub fn fixture_path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rel)
}

/// Parses a JSON fixture (object key order preserved).
pub fn load_json(rel: &str) -> Value {
    let path = fixture_path(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {}: {e}", path.display()))
}

/// `application/x-www-form-urlencoded` / percent decoding (`+` is a space).
pub fn form_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

/// Decoded query pairs of a raw query string, in order.
pub fn decode_query(raw: &str) -> Vec<(String, String)> {
    if raw.is_empty() {
        return Vec::new();
    }
    raw.split('&')
        .map(|pair| {
            let (n, v) = pair.split_once('=').unwrap_or((pair, ""));
            (form_decode(n), form_decode(v))
        })
        .collect()
}

/// Response keys that are lists in our typed outputs.
pub const LIST_KEYS: [&str; 6] = ["QueueList", "Queue", "NonExistPIDs", "JobsDetail", "PageInfo", "NonExistJobIds"];

/// Response keys that are numbers in our typed outputs.
pub const NUMBER_KEYS: [&str; 24] = [
    "TotalCount",
    "PageNumber",
    "PageSize",
    "MaxSize",
    "MaxConcurrent",
    "SheetId",
    "StartPage",
    "EndPage",
    "Comments",
    "PaperDirection",
    "PaperSize",
    "Quality",
    "Zoom",
    "ImageDpi",
    "PicPagination",
    "TotalPageCount",
    "SuccPageCount",
    "FailPageCount",
    "TotalSheetCount",
    "PageNo",
    "XSheetPics",
    "PicIndex",
    "PicNum",
    "JobLevel",
];

/// Brings a dict returned by an official SDK (Python: `None` for empty
/// elements, JS: `""`; both: strings for numbers, a single object instead of
/// a one-element list) into our normalized shape: empty values absent, lists
/// always arrays (empty ones removed, as in [`strip_empty_lists`]), numbers
/// as numbers, `X-SheetPics` spelled `XSheetPics`. Keys in `ignored` (fields
/// our typed outputs do not model) are dropped.
pub fn normalize_sdk(v: &Value, ignored: &[&str]) -> Value {
    match v {
        Value::Object(map) => {
            let mut out = Map::new();
            for (k, val) in map {
                let key = if k == "X-SheetPics" { "XSheetPics" } else { k.as_str() };
                if ignored.contains(&key) || is_empty(val) {
                    continue;
                }
                let val = if LIST_KEYS.contains(&key) {
                    let items: Vec<Value> = match val {
                        Value::Array(a) => a.clone(),
                        other => vec![other.clone()],
                    };
                    let items: Vec<Value> =
                        items.iter().filter(|x| !is_empty(x)).map(|x| normalize_sdk(x, ignored)).collect();
                    if items.is_empty() {
                        continue;
                    }
                    Value::Array(items)
                } else if NUMBER_KEYS.contains(&key) {
                    let s = val.as_str().unwrap_or_else(|| panic!("{key}: expected a string, got {val}"));
                    Value::from(s.trim().parse::<i64>().unwrap_or_else(|_| panic!("{key}: {s:?} is not a number")))
                } else {
                    normalize_sdk(val, ignored)
                };
                out.insert(key.to_string(), val);
            }
            Value::Object(out)
        }
        other => other.clone(),
    }
}

fn is_empty(v: &Value) -> bool {
    v.is_null() || v.as_str() == Some("")
}

/// Removes empty arrays (our outputs always carry every list; the SDKs omit
/// absent ones).
pub fn strip_empty_lists(v: &Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, val)| !matches!(val, Value::Array(a) if a.is_empty()))
                .map(|(k, val)| (k.clone(), strip_empty_lists(val)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(strip_empty_lists).collect()),
        other => other.clone(),
    }
}
