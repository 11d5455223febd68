//! The native core against the wasm core: every trace the npm emulator wrote
//! (COS_CI_EMULATOR_TRACE, set by scripts/emulator-npm-tests.sh while the
//! official SDKs, the HTTP suite and the JS suites ran against it) is replayed
//! here — the same command line, start time, requests, ticks and times — and
//! every reply and notification must be the same, byte for byte.
//!
//! With COS_CI_EMULATOR_TRACES unset there is nothing to replay (plain `cargo
//! test`); with it set, an empty folder is a failure.

use cos_ci_emulator::{config, Emulator, Received, Reply, Request};
use serde_json::Value;
use std::collections::HashMap;

fn text(v: &Value) -> String {
    v.as_str().expect("a string").to_string()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().expect("an array").iter().map(text).collect()
}

fn bytes(v: &Value) -> Vec<u8> {
    v.as_array().expect("an array").iter().map(|b| b.as_u64().expect("a byte") as u8).collect()
}

fn flat_callbacks(c: &[cos_ci_emulator::Callback]) -> Vec<String> {
    c.iter().flat_map(|c| [c.url.clone(), c.content_type.to_string(), c.body.clone()]).collect()
}

fn same_reply(file: &str, line: usize, native: &Reply, wasm: &Value) {
    let at = format!("{file}:{line}");
    assert_eq!(native.status as u64, wasm["status"].as_u64().unwrap(), "{at}: status");
    let headers: Vec<String> = native.headers.iter().flat_map(|(n, v)| [n.clone(), v.clone()]).collect();
    assert_eq!(headers, strings(&wasm["headers"]), "{at}: headers");
    assert_eq!(String::from_utf8_lossy(&native.body), String::from_utf8_lossy(&bytes(&wasm["body"])), "{at}: body");
    assert_eq!(native.body, bytes(&wasm["body"]), "{at}: body bytes");
    assert_eq!(native.cut.map(|c| c as u64), wasm["cut"].as_u64(), "{at}: cut");
    assert_eq!(native.delay_ms as f64, wasm["delayMs"].as_f64().unwrap(), "{at}: delay");
    assert_eq!(flat_callbacks(&native.callbacks), strings(&wasm["callbacks"]), "{at}: callbacks");
    assert_eq!(native.operation.map(str::to_string), wasm["operation"].as_str().map(str::to_string), "{at}: operation");
}

/// Replays one trace; returns how many replies it compared.
fn replay(path: &std::path::Path) -> usize {
    let file = path.display().to_string();
    let content = std::fs::read_to_string(path).expect("read the trace");
    let mut lines = content.lines().enumerate();
    let (_, first) = lines.next().expect("a trace starts with its command line");
    let first: Value = serde_json::from_str(first).unwrap();
    let config = match config::parse(strings(&first["args"])) {
        Ok(config::Command::Run(c)) => c,
        _ => panic!("{file}: the traced command line does not configure an emulator"),
    };
    let mut emu = Emulator::new(config, first["start"].as_u64().unwrap());
    let mut pending: HashMap<u64, Received> = HashMap::new();
    let mut compared = 0;
    for (i, line) in lines {
        let r: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{file}:{}: {e}", i + 1));
        if let Some(now) = r["receive"].as_u64() {
            let h = strings(&r["headers"]);
            let headers = h.chunks(2).map(|p| (p[0].clone(), p[1].clone())).collect();
            let body = if r["body"].is_null() { None } else { Some(bytes(&r["body"])) };
            let request = Request { method: text(&r["method"]), target: text(&r["target"]), headers, body };
            pending.insert(r["id"].as_u64().unwrap(), emu.receive(request, now));
        } else if let Some(now) = r["respond"].as_u64() {
            let received = pending.remove(&r["id"].as_u64().unwrap()).expect("a reply to a received request");
            same_reply(&file, i + 1, &emu.respond(received, now), &r["reply"]);
            compared += 1;
        } else if let Some(now) = r["tick"].as_u64() {
            let (moved, callbacks) = emu.tick(now);
            assert_eq!(moved as u64, r["moved"].as_u64().unwrap(), "{file}:{}: jobs moved", i + 1);
            assert_eq!(flat_callbacks(&callbacks), strings(&r["callbacks"]), "{file}:{}: notifications", i + 1);
        } else {
            panic!("{file}:{}: unknown trace record", i + 1);
        }
    }
    compared
}

#[test]
fn the_wasm_core_answers_as_the_native_core() {
    let Ok(dir) = std::env::var("COS_CI_EMULATOR_TRACES") else {
        eprintln!("COS_CI_EMULATOR_TRACES is not set: no traces to replay");
        return;
    };
    let mut traces: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    traces.sort();
    assert!(!traces.is_empty(), "{dir} holds no traces");
    let compared: usize = traces.iter().map(|t| replay(t)).sum();
    assert!(compared > 0, "the traces hold no replies");
    eprintln!("{} traces, {compared} replies: the same from both cores", traces.len());
}
