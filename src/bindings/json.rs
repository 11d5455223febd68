//! The JSON face of the bindings, on every target: parameters arrive as JSON
//! text, results leave as JSON text, and every failure is a crate [`Error`].
//!
//! [`super::wasm`] exports exactly these functions (turning an [`Error`] into
//! a JS `Error`); the fuzz targets (`fuzz/`) drive them natively, so what is
//! fuzzed is the path JavaScript input takes.

use super::value::{Value, MAX_DEPTH};
use super::{
    build_and_sign, get_authorization as sign_with_options, inputs, prepare, response_parts, JsDescriptor, Prepared,
};
use crate::api::{ai_queue, doc_job, doc_queue, queue};
use crate::error::{Error, Result};
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

/// Builds (and signs) the request whose parameters `read_input` reads (one
/// copy of the code for every operation).
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
    ($name:literal, $read:path, $builder:path, $output:ty) => {
        operation!($name, $read, $builder, $output, None)
    };
    ($name:literal, $read:path, $builder:path, $output:ty, $required:expr) => {
        Operation {
            name: $name,
            build: |c, p, s| build(c, p, s, &|v| Ok(prepare($read(v)?, $builder))),
            parse: |r, b| parse(r, b, <$output as FromXml>::FIELDS, $required),
        }
    };
}

/// The seven operations, in the order of the API documentation.
pub(crate) const OPERATIONS: [Operation; 7] = [
    operation!(
        "DescribeDocProcessQueues",
        inputs::describe_queues,
        doc_queue::describe_doc_process_queues,
        queue::DescribeQueuesOutput
    ),
    operation!(
        "UpdateDocProcessQueue",
        inputs::update_queue,
        doc_queue::update_doc_process_queue,
        queue::UpdateQueueOutput
    ),
    operation!(
        "DescribeAiProcessQueues",
        inputs::describe_queues,
        ai_queue::describe_ai_process_queues,
        queue::DescribeQueuesOutput
    ),
    operation!(
        "UpdateAiProcessQueue",
        inputs::update_queue,
        ai_queue::update_ai_process_queue,
        queue::UpdateQueueOutput
    ),
    operation!(
        "CreateDocProcessJobs",
        inputs::create_doc_process_jobs,
        doc_job::create_doc_process_jobs,
        doc_job::CreateDocProcessJobsOutput,
        Some("JobsDetail")
    ),
    operation!(
        "DescribeDocProcessJob",
        inputs::describe_doc_process_job,
        doc_job::describe_doc_process_job,
        doc_job::DescribeDocProcessJobOutput
    ),
    operation!(
        "DescribeDocProcessJobs",
        inputs::describe_doc_process_jobs,
        doc_job::describe_doc_process_jobs,
        doc_job::DescribeDocProcessJobsOutput
    ),
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
