//! XML responses in the service's shapes.

use crate::error::ApiError;
use crate::state::{Callback, Job, Queue};
use crate::time;
use cos_ci_wasm::__emulator;
use cos_ci_wasm::xml::{parse, Element};
use quick_xml::escape::partial_escape;
use serde_json::{json, Map, Value};
use std::fmt::Write;

pub struct Xml(pub String);

impl Xml {
    pub fn new(root: &str) -> Self {
        Xml(format!("<{root}>"))
    }
    pub fn open(&mut self, name: &str) -> &mut Self {
        let _ = write!(self.0, "<{name}>");
        self
    }
    pub fn close(&mut self, name: &str) -> &mut Self {
        let _ = write!(self.0, "</{name}>");
        self
    }
    pub fn leaf(&mut self, name: &str, text: &str) -> &mut Self {
        let _ = write!(self.0, "<{name}>{}</{name}>", partial_escape(text));
        self
    }
    pub fn finish(mut self, root: &str) -> String {
        self.close(root);
        self.0
    }
}

pub fn error(e: &ApiError, request_id: &str) -> String {
    let mut x = Xml::new("Error");
    x.leaf("Code", e.code).leaf("Message", &e.message).leaf("RequestId", request_id);
    if let Some(t) = &e.server_time {
        x.leaf("ServerTime", t);
    }
    x.finish("Error")
}

pub fn queue(x: &mut Xml, tag: &str, q: &Queue, bucket: &str) {
    x.open(tag).leaf("QueueId", &q.id).leaf("Name", &q.name).leaf("State", &q.state);
    x.open("NotifyConfig");
    for (k, v) in &q.notify {
        x.leaf(k, v);
    }
    x.close("NotifyConfig");
    x.leaf("MaxSize", &q.max_size.to_string())
        .leaf("MaxConcurrent", &q.max_concurrent.to_string())
        .leaf("UpdateTime", &time::ci_time(q.update_time))
        .leaf("CreateTime", &time::ci_time(q.create_time))
        .leaf("BucketId", bucket)
        .leaf("Category", q.kind.category());
    x.close(tag);
}

/// A job's `<JobsDetail>`, written by the schema DescribeDocProcessJob's parser reads
/// (`__emulator::jobs_detail_xml`): the members are given as the parser outputs them, the
/// elements and their order come from the crate's table.
pub fn job(x: &mut Xml, j: &Job, bucket: &str, region: &str) {
    let (code, message) = match &j.failure {
        Some((c, m)) => (c.as_str(), m.as_str()),
        None => ("Success", ""),
    };
    let text = |path: &str| j.input.text(path).unwrap_or_default();
    // The DocProcess parameters as sent, echoed back.
    let doc_process: Map<String, Value> =
        j.input.members("Operation.DocProcess").into_iter().map(|(k, v)| (k, Value::String(v))).collect();
    let mut operation = json!({
        "Output": {
            "Region": text("Operation.Output.Region"),
            "Bucket": text("Operation.Output.Bucket"),
            "Object": text("Operation.Output.Object"),
        },
        "DocProcess": doc_process,
    });
    if let Some(r) = &j.result {
        let pages: Vec<Value> = r
            .pages
            .iter()
            .map(|p| {
                json!({ "PageNo": p.page_no, "TgtUri": p.tgt_uri, "XSheetPics": p.sheet_pics, "PicIndex": p.pic_index, "PicNum": 1 })
            })
            .collect();
        operation["DocProcessResult"] = json!({
            "PageInfo": pages,
            "TgtType": r.tgt_type,
            "TaskId": j.id,
            "TotalPageCount": r.total_page_count,
            "SuccPageCount": r.pages.len(),
            "FailPageCount": 0,
            "TotalSheetCount": r.total_sheet_count,
        });
    }
    let job = json!({
        "Code": code,
        "Message": message,
        "JobId": j.id,
        "Tag": "DocProcess",
        "State": j.state.as_str(),
        "CreationTime": time::ci_time(j.created),
        "StartTime": j.started.map_or("-".to_string(), time::ci_time),
        "EndTime": j.ended.map_or("-".to_string(), time::ci_time),
        "QueueId": j.queue_id,
        "Input": { "Region": region, "Bucket": bucket, "Object": text("Input.Object") },
        "Operation": operation,
    });
    x.0.push_str(&__emulator::jobs_detail_xml(&job).expect("the emulator's jobs fit the parser's schema"));
}

/// The TaskFinish notification of a finished job, when its queue asks for one
/// (`NotifyConfig` with `State=On`, `Type=Url` and a `Url`).
pub fn callback(queue: &Queue, j: &Job, bucket: &str, region: &str) -> Option<Callback> {
    let get = |k: &str| queue.notify.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    if get("State") != Some("On") || get("Type") != Some("Url") {
        return None;
    }
    let url = get("Url").filter(|u| !u.is_empty())?.to_string();
    let mut x = Xml::new("Response");
    x.leaf("EventName", "TaskFinish");
    job(&mut x, j, bucket, region);
    let xml = x.finish("Response");
    if get("ResultFormat") == Some("JSON") {
        let root = parse(&xml).ok()?;
        let body = serde_json::to_string(&to_json(&root)).ok()?;
        Some(Callback { url, content_type: "application/json", body })
    } else {
        Some(Callback { url, content_type: "application/xml", body: xml })
    }
}

/// An element's children as a JSON object: text leaves as strings, repeated
/// names as arrays (the JSON form of the service's callbacks).
fn to_json(el: &Element) -> Value {
    if el.children.is_empty() {
        return Value::String(el.text.clone());
    }
    let mut map = Map::new();
    for c in &el.children {
        let v = to_json(c);
        match map.get_mut(&c.name) {
            Some(Value::Array(a)) if el.children.iter().filter(|d| d.name == c.name).count() > 1 => a.push(v),
            Some(existing) => {
                let first = existing.take();
                *existing = Value::Array(vec![first, v]);
            }
            None => {
                map.insert(c.name.clone(), v);
            }
        }
    }
    Value::Object(map)
}
