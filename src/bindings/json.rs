//! The JSON face of the bindings, on every target: parameters arrive as JSON
//! text, results leave as JSON text, and every failure is a crate [`Error`].
//!
//! [`super::wasm`] exports exactly these functions (turning an [`Error`] into
//! a JS `Error`); the fuzz targets (`fuzz/`) drive them natively, so what is
//! fuzzed is the path JavaScript input takes.

use super::value::{Value, MAX_DEPTH};
#[cfg(test)]
use super::{build_and_sign, prepare, Prepared};
use super::{get_authorization as sign_with_options, inputs, response_parts, JsDescriptor};
#[cfg(test)]
use crate::api::{ai_queue, doc_queue};
use crate::api::{doc_job, queue};
use crate::error::{Error, Result};
use crate::ops::{self, interpret, Op};
use crate::response::{parse_record, RawResponse};
use crate::xml::decode::{Field, FromXml};
use serde::Serialize;

/// Reads JSON text into a [`Value`]; anything that is not plain JSON data
/// nested at most [`MAX_DEPTH`] levels is `InvalidArgument` for `what`.
pub(crate) fn read(json: &str, what: &str) -> Result<Value> {
    serde_json::from_str(json).map_err(|_| {
        Error::invalid(
            what,
            format!(
                "must be plain data (objects, arrays, strings, numbers, booleans) nested at most {MAX_DEPTH} levels deep, without cycles"
            ),
        )
    })
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::internal(e.to_string()))
}

/// Builds (and signs) the request whose parameters `read_input` reads, by
/// the typed builders the operation table replaced (the tests' oracle).
#[cfg(test)]
fn build(config: &str, params: &str, signing: &str, read_input: &dyn Fn(&Value) -> Result<Prepared>) -> Result<String> {
    let config = read(config, "config")?;
    let params = read(params, "params")?;
    let signing = read(signing, "signing")?;
    let descriptor = build_and_sign(&config, &params, &signing, read_input)?;
    to_json(&JsDescriptor(&descriptor))
}

/// Parses a response into the JSON of the output struct whose schema is
/// `fields` (one copy of the code for every operation: see
/// [`Record`](crate::xml::record::Record)).
/// `required`: a list member that must not be empty (as the typed parser
/// requires it: CreateDocProcessJobs' `JobsDetail`).
fn parse(response: &str, body: &str, fields: &'static [Field], required: Option<&'static str>) -> Result<String> {
    // What a transport answered is a response, not the caller's input: unreadable is InvalidResponse.
    let response = read(response, "response").map_err(|e| Error::invalid_response("response", e.message()))?;
    let parts = response_parts(&response, body)?;
    let headers: Vec<(&str, &str)> = parts.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let record = parse_record(&RawResponse { status: parts.status, headers: &headers, body: &parts.body }, fields)?;
    if let Some(key) = required.filter(|key| record.is_empty_list(key)) {
        return Err(doc_job::no_job_made(key));
    }
    to_json(&record)
}

/// Builds (and signs) `op`'s request by the operation table (one copy of
/// the code for every operation: [`crate::ops::interpret`]).
fn build_by_table(op: &'static Op, config: &str, params: &str, signing: &str) -> Result<String> {
    let config = read(config, "config")?;
    let params = read(params, "params")?;
    let signing = read(signing, "signing")?;
    let endpoint = inputs::client_config(&config)?.resolve()?;
    let given = interpret::read(op, &params)?;
    // Signing inputs are checked before the rules so that a bad key time is
    // reported even for a request that breaks one.
    let signing = match signing {
        Value::Null => None,
        other => Some(inputs::signing(&other)?),
    };
    let mut descriptor = interpret::write(op, &endpoint, &given)?;
    if let Some((credentials, key_time)) = signing {
        descriptor.sign(&credentials, key_time);
    }
    to_json(&JsDescriptor(&descriptor))
}

/// One operation's JSON builder and parser.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Operation {
    /// The API's name, e.g. `DescribeDocProcessQueues` (tests and fuzz targets read it).
    #[allow(dead_code)]
    pub(crate) name: &'static str,
    /// `(config, params, signing)` JSON → descriptor JSON (signed when
    /// `signing` is not `null`).
    pub(crate) build: fn(&str, &str, &str) -> Result<String>,
    /// `{statusCode, headers, body?}` JSON and the body (when the JSON has
    /// none) → output JSON.
    pub(crate) parse: fn(&str, &str) -> Result<String>,
}

macro_rules! operation {
    ($index:literal, $output:ty) => {
        operation!($index, $output, None)
    };
    ($index:literal, $output:ty, $required:expr) => {
        Operation {
            name: ops::OPERATIONS[$index].name,
            build: |c, p, s| build_by_table(&ops::OPERATIONS[$index], c, p, s),
            parse: |r, b| parse(r, b, <$output as FromXml>::FIELDS, $required),
        }
    };
}

/// The builders before the operation table, per operation: the oracle the
/// table is compared with (`table_matches_the_typed_builders`).
#[cfg(test)]
macro_rules! legacy {
    ($read:path, $builder:path) => {
        |c, p, s| build(c, p, s, &|v| Ok(prepare($read(v)?, $builder)))
    };
}

#[cfg(test)]
type JsonBuilder = fn(&str, &str, &str) -> Result<String>;

#[cfg(test)]
pub(crate) const LEGACY_BUILDERS: [JsonBuilder; 7] = [
    legacy!(inputs::describe_queues, doc_queue::describe_doc_process_queues),
    legacy!(inputs::update_queue, doc_queue::update_doc_process_queue),
    legacy!(inputs::describe_queues, ai_queue::describe_ai_process_queues),
    legacy!(inputs::update_queue, ai_queue::update_ai_process_queue),
    legacy!(inputs::create_doc_process_jobs, doc_job::create_doc_process_jobs),
    legacy!(inputs::describe_doc_process_job, doc_job::describe_doc_process_job),
    legacy!(inputs::describe_doc_process_jobs, doc_job::describe_doc_process_jobs),
];

/// The seven operations, in the order of the operation table.
pub(crate) const OPERATIONS: [Operation; 7] = [
    operation!(0, queue::DescribeQueuesOutput),
    operation!(1, queue::UpdateQueueOutput),
    operation!(2, queue::DescribeQueuesOutput),
    operation!(3, queue::UpdateQueueOutput),
    operation!(4, doc_job::CreateDocProcessJobsOutput, Some("JobsDetail")),
    operation!(5, doc_job::DescribeDocProcessJobOutput),
    operation!(6, doc_job::DescribeDocProcessJobsOutput),
];

/// `getAuthorization(opts)` with JSON options (see [`super::get_authorization`]).
pub(crate) fn get_authorization(opts: &str) -> Result<String> {
    sign_with_options(&read(opts, "options")?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn every_operation_round_trips_json() {
        let config = r#"{"Bucket":"examplebucket-1250000000","Region":"ap-guangzhou"}"#;
        let signing = r#"{"SecretId":"AKIDEXAMPLE","SecretKey":"secretEXAMPLE","KeyTime":"1700000000;1700000900"}"#;
        let params = [
            "{}",
            r#"{"QueueId":"p1","Name":"q","State":"Active","NotifyConfig":{"State":"Off"}}"#,
            "{}",
            r#"{"QueueId":"p1","Name":"q","State":"Paused","NotifyConfig":{"State":"Off"}}"#,
            r#"{"Tag":"DocProcess","Input":{"Object":"a.docx"},"Operation":{"Output":{"Region":"ap-guangzhou","Bucket":"examplebucket-1250000000","Object":"p/${Number}.jpg"}}}"#,
            r#"{"JobId":"d1"}"#,
            r#"{"QueueId":"p1"}"#,
        ];
        for (op, params) in OPERATIONS.iter().zip(params) {
            let d = (op.build)(config, params, signing).unwrap_or_else(|e| panic!("{}: {e}", op.name));
            assert!(d.contains("q-sign-algorithm=sha1"), "{}: {d}", op.name);
            let e = (op.parse)(r#"{"statusCode":200,"body":"<Error><Code>X</Code></Error>"}"#, "").unwrap_err();
            assert_eq!(e.code(), ErrorCode::ServiceError, "{}", op.name);
            let e = (op.parse)(r#"{"statusCode":200}"#, "<Error><Code>X</Code></Error>").unwrap_err();
            assert_eq!(e.code(), ErrorCode::ServiceError, "{}", op.name);
        }
        assert_eq!((OPERATIONS[0].build)("[", "{}", "null").unwrap_err().field(), Some("config"));
        // A create answered without the job it made: refused by the JSON and the typed parser alike.
        let empty = "<Response><RequestId>r</RequestId></Response>";
        let e = (OPERATIONS[4].parse)(r#"{"statusCode":200}"#, empty).unwrap_err();
        assert_eq!((e.code(), e.field()), (ErrorCode::InvalidResponse, Some("JobsDetail")));
        let e = doc_job::parse_create_doc_process_jobs(&RawResponse::new(200, empty)).unwrap_err();
        assert_eq!((e.code(), e.field()), (ErrorCode::InvalidResponse, Some("JobsDetail")));
        assert!(
            (OPERATIONS[6].parse)(r#"{"statusCode":200}"#, empty).is_ok(),
            "an empty job list is an answer elsewhere"
        );
        assert_eq!((OPERATIONS[0].parse)("{}", "").unwrap_err().code(), ErrorCode::InvalidResponse);
    }
}

/// The operation table against the typed builders it replaces: one change at
/// a time to a valid request — each parameter removed, or set to values of
/// every kind (valid, out of range, wrong type, empty, hostile text) — must
/// give the same descriptor, byte for byte, or the same error code and field.
#[cfg(test)]
mod table_equivalence {
    use super::*;
    use serde_json::{json, Map, Value as Json};

    const CONFIG: &str = r#"{"Bucket":"examplebucket-1250000000","Region":"ap-guangzhou"}"#;
    const SIGNING: &str = r#"{"SecretId":"AKIDEXAMPLE","SecretKey":"secretEXAMPLE","KeyTime":"1700000000;1700000900"}"#;

    fn bases() -> [Json; 7] {
        let notify = json!({"State":"On","Type":"Url","Url":"https://cb.example.com/ci","Event":"TaskFinish","ResultFormat":"JSON"});
        [
            json!({"QueueIds":["p1","p2"],"State":"Active","PageNumber":2,"PageSize":20}),
            json!({"QueueId":"p1","Name":"q","State":"Active","NotifyConfig":notify}),
            json!({"State":"Paused","PageSize":5}),
            json!({"QueueId":"p1","Name":"q","State":"Paused","NotifyConfig":{"State":"On","Type":"TDMQ","MqMode":"Queue","MqRegion":"gz","MqName":"topic","Event":["TaskFinish","WorkflowFinish"]}}),
            json!({"Tag":"DocProcess","QueueId":"p1","Input":{"Object":"a/b.docx"},"Operation":{
                "DocProcess":{"SrcType":"docx","TgtType":"png","StartPage":2,"EndPage":5,"SheetId":0,"PaperDirection":1,"PaperSize":1,
                    "DocPassword":"pw","Comments":1,"PageRanges":"1,2-4","ImageParams":"imageMogr2/thumbnail/!50p","Quality":90,"Zoom":100,"ImageDpi":150,"PicPagination":0},
                "Output":{"Bucket":"examplebucket-1250000000","Region":"ap-guangzhou","Object":"out/${Number}.png"}}}),
            json!({"JobId":"d1234"}),
            json!({"Tag":"DocProcess","QueueId":"p1","OrderByTime":"Asc","NextToken":"t","Size":50,"States":"Success,Failed",
                "StartCreationTime":"2022-08-09T16:00:00+0800","EndCreationTime":"2022-08-10T16:00:00+0800"}),
        ]
    }

    /// Every parameter path of the table (and the paths of the base), plus names that are not parameters.
    fn paths(op: usize) -> Vec<String> {
        fn walk(params: &[crate::ops::Param], prefix: &str, out: &mut Vec<String>) {
            for p in params {
                let path = format!("{prefix}{}", p.name);
                out.push(path.clone());
                if let crate::ops::Ty::Object(children) = p.ty {
                    walk(children, &format!("{path}."), out);
                }
            }
        }
        let mut out = Vec::new();
        walk(ops::OPERATIONS[op].params, "", &mut out);
        out.extend(
            ["queueId", "Extra", "NotifyConfig.url", "Operation.DocProcess.Quality2", "Input.object"].map(String::from),
        );
        out
    }

    fn values() -> Vec<Json> {
        vec![
            json!("Active"),
            json!("Paused"),
            json!("All"),
            json!("active"),
            json!("On"),
            json!("Off"),
            json!("Url"),
            json!("TDMQ"),
            json!("png"),
            json!("pdf"),
            json!("jpg"),
            json!("Desc"),
            json!(""),
            json!("x"),
            json!("a,b"),
            json!("a/b"),
            json!(".."),
            json!("a\u{0}b"),
            json!("<x>"),
            json!("http://127.0.0.1/"),
            json!("https://cb.example.com/x"),
            json!("1,3-2"),
            json!("2022-13-01T00:00:00+0800"),
            json!("examplebucket"),
            json!("out/${Page}.jpg"),
            json!("s/${SheetID}/${Number}.jpg"),
            json!("TaskFinish,Nope"),
            json!(["TaskFinish"]),
            json!(["p1", "p,2"]),
            json!([]),
            json!([1]),
            json!("Success, Failed"),
            json!(0),
            json!(1),
            json!(-1),
            json!(2),
            json!(3),
            json!(9),
            json!(10),
            json!(95),
            json!(100),
            json!(101),
            json!(600),
            json!(601),
            json!(4294967296u64),
            json!(1.5),
            json!(true),
            json!(null),
            json!({}),
            json!({"State":"On"}),
            json!("x".repeat(129)),
            json!("DocProcess"),
        ]
    }

    fn set(root: &mut Json, path: &str, value: Option<Json>) {
        let mut parts: Vec<&str> = path.split('.').collect();
        let last = parts.pop().unwrap();
        let mut node = root;
        for part in parts {
            if !node.is_object() {
                return;
            }
            node = node.as_object_mut().unwrap().entry(part).or_insert_with(|| Json::Object(Map::new()));
        }
        if let Some(map) = node.as_object_mut() {
            match value {
                Some(v) => {
                    map.insert(last.to_string(), v);
                }
                None => {
                    map.remove(last);
                }
            }
        }
    }

    fn same(op: usize, params: &Json) -> std::result::Result<(), String> {
        let text = params.to_string();
        for signing in [SIGNING, "null"] {
            let table = (OPERATIONS[op].build)(CONFIG, &text, signing);
            let legacy = LEGACY_BUILDERS[op](CONFIG, &text, signing);
            match (&table, &legacy) {
                (Ok(a), Ok(b)) if a == b => {}
                (Err(a), Err(b)) if a.code() == b.code() && a.field() == b.field() => {}
                _ => return Err(format!("{}: {text}\n table:  {table:?}\n legacy: {legacy:?}", OPERATIONS[op].name)),
            }
        }
        Ok(())
    }

    #[test]
    fn every_base_and_every_removal_agree() {
        for (op, base) in bases().into_iter().enumerate() {
            same(op, &base).unwrap();
            assert!((OPERATIONS[op].build)(CONFIG, &base.to_string(), SIGNING).is_ok(), "{}", OPERATIONS[op].name);
            for path in paths(op) {
                let mut p = base.clone();
                set(&mut p, &path, None);
                same(op, &p).unwrap();
            }
        }
    }

    #[test]
    fn every_single_change_to_a_valid_request_agrees() {
        let values = values();
        for (op, base) in bases().into_iter().enumerate() {
            for path in paths(op) {
                for value in &values {
                    let mut params = base.clone();
                    set(&mut params, &path, Some(value.clone()));
                    same(op, &params).unwrap();
                }
            }
        }
    }
}
