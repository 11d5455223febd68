//! The native ceiling for `make bench` (bench/run.mjs runs it with `cargo bench --bench
//! native`): the benchmark GET signed, and the three replies parsed into typed values and
//! through the wasm's JSON entry point, by the same crate compiled natively — timed the way bench/measure.mjs times JS (warm-up,
//! batches of about `batch_ms`, median over `reps`). Inputs come from the JSON file named
//! by BENCH_INPUTS (written by bench/run.mjs from bench/cases.mjs); JSON results go to stdout.

use cos_ci_wasm::api::{doc_job, doc_queue};
use cos_ci_wasm::sign::{sign, SignableRequest, SigningParams};
use cos_ci_wasm::{Credentials, KeyTime, RawResponse};
use serde_json::{json, Value};
use std::hint::black_box;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

fn median(xs: &mut [f64]) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    let m = xs.len() / 2;
    if xs.len() % 2 == 1 {
        xs[m]
    } else {
        (xs[m - 1] + xs[m]) / 2.0
    }
}

/// µs per call: median, min, max.
fn measure(mut f: impl FnMut(), reps: usize, warmup_ms: f64, batch_ms: f64) -> Value {
    let t0 = Instant::now();
    let mut calls = 0u64;
    while t0.elapsed().as_secs_f64() * 1000.0 < warmup_ms {
        f();
        calls += 1;
    }
    let per_call_ms = t0.elapsed().as_secs_f64() * 1000.0 / calls as f64;
    let batch = ((batch_ms / per_call_ms).round() as u64).max(1);
    let mut samples: Vec<f64> = (0..reps)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..batch {
                f();
            }
            t.elapsed().as_secs_f64() * 1e6 / batch as f64
        })
        .collect();
    let min = samples.iter().cloned().fold(f64::INFINITY, f64::min);
    let max = samples.iter().cloned().fold(0.0, f64::max);
    json!({ "us": median(&mut samples), "min": min, "max": max, "batch": batch, "reps": reps })
}

fn main() {
    let path = std::env::var("BENCH_INPUTS").expect("BENCH_INPUTS: the inputs file written by bench/run.mjs");
    let inputs: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let reps = inputs["reps"].as_u64().unwrap() as usize;
    let warmup = inputs["warmupMs"].as_f64().unwrap();
    let batch = inputs["batchMs"].as_f64().unwrap();
    let pairs = |v: &Value| -> Vec<(String, String)> {
        v.as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string())).collect()
    };
    let s = &inputs["sign"];
    let query = pairs(&s["Query"]);
    let headers = pairs(&s["Headers"]);
    let query: Vec<(&str, &str)> = query.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let headers: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let path = format!("/{}", s["Key"].as_str().unwrap());
    let credentials = Credentials::new(s["SecretId"].as_str().unwrap(), s["SecretKey"].as_str().unwrap()).unwrap();
    let request = SignableRequest { method: "GET", path: &path, query: &query, headers: &headers, host: None };

    let mut out = serde_json::Map::new();
    out.insert(
        "sign".into(),
        measure(
            || {
                // The key time from the clock on every call, as the JS signers do.
                let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() - 1;
                let key_time = KeyTime::new(now, now + 900).unwrap();
                let output = sign(black_box(&request), &SigningParams::new(&credentials, key_time));
                black_box(output.authorization().as_str().len());
            },
            reps,
            warmup,
            batch,
        ),
    );
    // The same signature through the entry point the wasm export runs: the packed
    // options of the JS shim's fast path → Authorization (reading and checking them
    // included), with the key time from the clock as above.
    let pairs_text = |p: &[(&str, &str)]| {
        let mut out = p.len().to_string();
        for (n, v) in p {
            out.push('\0');
            out.push_str(n);
            out.push('\0');
            out.push_str(v);
        }
        out
    };
    let (query_text, headers_text) = (pairs_text(&query), pairs_text(&headers));
    let (id, key, key_path) =
        (s["SecretId"].as_str().unwrap(), s["SecretKey"].as_str().unwrap(), s["Key"].as_str().unwrap());
    out.insert(
        "sign-entry".into(),
        measure(
            || {
                let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() - 1;
                let packed =
                    [id, key, "GET", "", key_path, "", &now.to_string(), "", &query_text, &headers_text].join("\0");
                let auth = cos_ci_wasm::__fuzz::get_authorization_packed(black_box(&packed)).unwrap();
                black_box(auth.len());
            },
            reps,
            warmup,
            batch,
        ),
    );
    let xml = &inputs["xml"];
    let queue = xml["queue"].as_str().unwrap();
    out.insert(
        "parse-queue".into(),
        measure(
            || {
                let r = doc_queue::parse_describe_doc_process_queues(&RawResponse::new(200, black_box(queue))).unwrap();
                black_box(r.queue_list.len());
            },
            reps,
            warmup,
            batch,
        ),
    );
    for id in ["jobs10", "jobs100"] {
        let body = xml[id].as_str().unwrap();
        out.insert(
            format!("parse-{id}"),
            measure(
                || {
                    let r = doc_job::parse_describe_doc_process_jobs(&RawResponse::new(200, black_box(body))).unwrap();
                    black_box(r.jobs_detail.len());
                },
                reps,
                warmup,
                batch,
            ),
        );
    }
    // The wasm's own entry point, natively: `{statusCode, headers}` JSON and the body in,
    // the response read by its schema into JSON out (what parse<Op> runs in the wasm).
    let head = r#"{"statusCode":200,"headers":{}}"#;
    for (id, op) in [("queue", 0), ("jobs10", 6), ("jobs100", 6)] {
        let body = xml[id].as_str().unwrap();
        out.insert(
            format!("parse-{id}-entry"),
            measure(
                || {
                    let json = cos_ci_wasm::__fuzz::parse_json(op, head, black_box(body)).unwrap();
                    black_box(json.len());
                },
                reps,
                warmup,
                batch,
            ),
        );
    }
    println!("{}", Value::Object(out));
}
