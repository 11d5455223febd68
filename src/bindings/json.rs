//! The JSON face of the bindings, on every target: parameters arrive as JSON
//! text, results leave as JSON text, and every failure is a crate [`Error`].
//!
//! [`super::wasm`] exports exactly these functions (turning an [`Error`] into
//! a JS `Error`); the fuzz targets (`fuzz/`) drive them natively, so what is
//! fuzzed is the path JavaScript input takes.

use super::value::{Value, MAX_DEPTH};
use super::{get_authorization as sign_with_options, inputs, response_parts, JsDescriptor};
use crate::api::notification::{self, DocProcessJobNotification};
use crate::api::{doc_job, doc_preview};
use crate::error::{Error, Result};
use crate::ops::{self, interpret, Answer, Op};
use crate::response::{check_status, notification_record, parse_record, RawResponse};
use crate::xml::decode::{Field, FromXml};
use crate::xml::record::Record;
use serde::Serialize;

/// How an argument crosses: JSON text (native callers, tests, fuzzing) or
/// the packed encoding the JS shim writes (the wasm: see
/// [`Value::from_packed`]). Both give the same [`Value`].
///
/// A type, not a value: each entry point is compiled for one format, so the
/// wasm exports (all packed) never link serde_json's reader (measured: the
/// browser wasm 4.9 KB brotli smaller than with a runtime choice).
pub(crate) trait Format {
    /// The argument as a [`Value`], or `None` when it is not plain data.
    fn value(text: &str) -> Option<Value>;
}

/// JSON text.
pub(crate) enum Json {}
/// The packed encoding.
pub(crate) enum Packed {}

impl Format for Json {
    fn value(text: &str) -> Option<Value> {
        serde_json::from_str(text).ok()
    }
}

impl Format for Packed {
    fn value(text: &str) -> Option<Value> {
        Value::from_packed(text)
    }
}

/// Reads an argument into a [`Value`]; anything that is not plain data
/// nested at most [`MAX_DEPTH`] levels is `InvalidArgument` for `what`.
pub(crate) fn read_as<F: Format>(text: &str, what: &str) -> Result<Value> {
    F::value(text).ok_or_else(|| not_plain_data(what))
}

/// Reads JSON text into a [`Value`] (see [`read_as`]).
pub(crate) fn read(json: &str, what: &str) -> Result<Value> {
    read_as::<Json>(json, what)
}

#[cold]
fn not_plain_data(what: &str) -> Error {
    Error::invalid(
        what,
        format!(
            "must be plain data (objects, arrays, strings, numbers, booleans) nested at most {MAX_DEPTH} levels deep, without cycles"
        ),
    )
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    // Writing plain data to a String cannot fail; the error's text would only
    // link serde_json's error Display into the wasm.
    serde_json::to_string(value).map_err(|_| Error::internal("the result could not be written as JSON"))
}

/// Parses a response into the JSON of the output struct whose schema is
/// `fields` (one copy of the code for every operation: see
/// [`Record`](crate::xml::record::Record)).
/// `required`: a list member that must not be empty (as the typed parser
/// requires it: CreateDocProcessJobs' `JobsDetail`).
fn parse<F: Format>(
    response: &str,
    body: &str,
    fields: &'static [Field],
    required: Option<&'static str>,
) -> Result<String> {
    // What a transport answered is a response, not the caller's input: unreadable is InvalidResponse.
    let response = read_as::<F>(response, "response").map_err(|e| Error::invalid_response("response", e.rule()))?;
    let parts = response_parts(&response, body)?;
    let headers: Vec<(&str, &str)> = parts.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let record = parse_record(&RawResponse { status: parts.status, headers: &headers, body: &parts.body }, fields)?;
    if let Some(key) = required.filter(|key| record.is_empty_list(key)) {
        return Err(doc_job::no_job_made(key));
    }
    to_json(&record)
}

/// An answer of bytes (DocPreview's): the members its headers give, by the operation's
/// header schema, as JSON (the page itself stays with the transport).
fn parse_headers<F: Format>(response: &str, body: &str, fields: &'static [Field]) -> Result<String> {
    let response = read_as::<F>(response, "response").map_err(|e| Error::invalid_response("response", e.rule()))?;
    let parts = response_parts(&response, body)?;
    let headers: Vec<(&str, &str)> = parts.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let raw = RawResponse { status: parts.status, headers: &headers, body: &parts.body };
    check_status(&raw)?;
    let record = Record::from_value(&doc_preview::header_values(&raw, fields), fields, "headers")?;
    to_json(&record.unwrap_or_else(|| Record::empty(fields)))
}

/// A presigned URL (a JSON string) for DocPreview, JSON arguments.
pub(crate) fn doc_preview_url(config: &str, params: &str, signing: &str) -> Result<String> {
    build_by_table::<Json>(&ops::OPERATIONS[7], config, params, signing, Output::PresignedUrl)
}

/// What [`build_by_table`] gives.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Output {
    /// The descriptor, signed when signing options are given.
    Descriptor,
    /// A presigned URL (signing options required).
    PresignedUrl,
}

/// Builds (and signs) `op`'s request by the operation table (one copy of
/// the code for every operation: [`crate::ops::interpret`]).
fn build_by_table<F: Format>(
    op: &'static Op,
    config: &str,
    params: &str,
    signing: &str,
    output: Output,
) -> Result<String> {
    let config = read_as::<F>(config, "config")?;
    let params = read_as::<F>(params, "params")?;
    let signing = read_as::<F>(signing, "signing")?;
    let endpoint = inputs::client_config(&config)?.resolve_for(op.service)?;
    let given = interpret::read(op, &params)?;
    // Signing inputs are checked before the rules (see `interpret` for the
    // order of errors).
    if output == Output::PresignedUrl {
        let presign = match signing {
            Value::Null => return Err(Error::missing("signing")),
            other => inputs::presign(&other)?,
        };
        let descriptor = interpret::write(op, &endpoint, &given)?;
        return to_json(&match presign {
            inputs::Presign::Keys(credentials, key_time) => descriptor.presigned_url(&credentials, key_time),
            inputs::Presign::Made(authorization, token) => {
                descriptor.presigned_url_with(&authorization, token.as_deref())
            }
        });
    }
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

/// Builds operation `op` of the table — its descriptor, or with `presign` a presigned
/// URL — from packed arguments (what the wasm's `build` takes).
pub(crate) fn build_packed(op: usize, presign: bool, config: &str, params: &str, signing: &str) -> Result<String> {
    let op = ops::OPERATIONS.get(op).ok_or_else(|| Error::internal("no such operation"))?;
    let output = if presign { Output::PresignedUrl } else { Output::Descriptor };
    build_by_table::<Packed>(op, config, params, signing, output)
}

/// Parses operation `op`'s answer (a packed response: what the wasm's `parse` takes).
pub(crate) fn parse_packed(op: usize, response: &str, body: &str) -> Result<String> {
    let op = ops::OPERATIONS.get(op).ok_or_else(|| Error::internal("no such operation"))?;
    parse_answer::<Packed>(op, response, body)
}

/// Parses `op`'s answer by what the table says it is: XML by its schema, or (bytes) its headers.
fn parse_answer<F: Format>(op: &Op, response: &str, body: &str) -> Result<String> {
    match op.answer {
        Answer::Xml(fields) => parse::<F>(response, body, fields, required_list(op)),
        Answer::Bytes(fields) => parse_headers::<F>(response, body, fields),
    }
}

/// A list member that must not be empty (as the typed parser requires it:
/// CreateDocProcessJobs' `JobsDetail`: a create that made no job is an error).
fn required_list(op: &Op) -> Option<&'static str> {
    (op.name == "CreateDocProcessJobs").then_some("JobsDetail")
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
    ($index:literal) => {
        Operation {
            name: ops::OPERATIONS[$index].name,
            build: |c, p, s| build_by_table::<Json>(&ops::OPERATIONS[$index], c, p, s, Output::Descriptor),
            parse: |r, b| parse_answer::<Json>(&ops::OPERATIONS[$index], r, b),
        }
    };
}

/// The operations, in the order of the operation table.
pub(crate) const OPERATIONS: [Operation; 8] = [
    operation!(0),
    operation!(1),
    operation!(2),
    operation!(3),
    operation!(4),
    operation!(5),
    operation!(6),
    operation!(7),
];

/// A job-finished notification's XML body, read by its schema into JSON.
pub(crate) fn notification_xml(body: &str) -> Result<String> {
    let record = notification_record(body, DocProcessJobNotification::FIELDS)?;
    finish_notification(&record)
}

/// A notification's JSON form (`ResultFormat=JSON`), parsed by the caller and
/// handed over as JSON text (`F = Json`) or packed (the wasm): the same
/// members as the XML form. `{ "Response": { … } }` is read like `{ … }`.
pub(crate) fn notification_value<F: Format>(text: &str) -> Result<String> {
    let value = read_as::<F>(text, "body").map_err(|e| Error::invalid_response("body", e.rule()))?;
    let inner = match &value {
        Value::Object(members) if members.len() == 1 && members[0].0 == "Response" => &members[0].1,
        other => other,
    };
    let record = Record::from_value(inner, DocProcessJobNotification::FIELDS, "Response")?
        .unwrap_or_else(|| Record::empty(DocProcessJobNotification::FIELDS));
    finish_notification(&record)
}

fn finish_notification(record: &Record<'_>) -> Result<String> {
    if !record.has("EventName") {
        return Err(Error::invalid_response(
            "Response.EventName",
            "is missing or empty, but the service always returns it",
        ));
    }
    if record.is_empty_list("JobsDetail") {
        return Err(notification::no_job("Response.JobsDetail"));
    }
    to_json(record)
}

/// `getAuthorization(opts)` with JSON options (see [`super::get_authorization`]).
pub(crate) fn get_authorization(opts: &str) -> Result<String> {
    sign_with_options(&read(opts, "options")?)
}

/// `getAuthorization(opts)` with packed options: what the shim sends when its
/// flat fast path does not fit (other options or types).
pub(crate) fn get_authorization_tree(opts: &str) -> Result<String> {
    sign_with_options(&read_as::<Packed>(opts, "options")?)
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

    const CONFIG: &str = r#"{"Bucket":"examplebucket-1250000000","Region":"ap-guangzhou"}"#;

    fn build(op: usize, params: &str) -> Result<String> {
        (OPERATIONS[op].build)(CONFIG, params, "null")
    }

    #[test]
    fn parameters_are_read_by_the_table() {
        let d = build(0, r#"{"QueueIds":["a","b"],"State":"Active","PageNumber":2,"PageSize":50}"#).unwrap();
        assert!(d.contains(r#""Query":{"queueIds":"a,b","state":"Active","pageNumber":"2","pageSize":"50"}"#), "{d}");
        let d = build(0, "null").unwrap();
        assert!(d.contains(r#""Query":{"queueIds":"","state":"All","pageNumber":"","pageSize":""}"#), "{d}");
        let e = build(0, r#"{"State":"active"}"#).unwrap_err();
        assert_eq!((e.code(), e.field()), (ErrorCode::InvalidArgument, Some("State")));
        let e = build(0, r#"{"queueIds":""}"#).unwrap_err();
        assert!(e.message().contains("did you mean QueueIds?"), "{}", e.message());
        // Event as a comma-joined string or a list: the same request.
        let update = |event: &str| {
            build(
                1,
                &format!(
                    r#"{{"QueueId":"p1","Name":"n","State":"Active","NotifyConfig":{{"State":"On","Type":"Url","Url":"https://e.com","Event":{event}}}}}"#
                ),
            )
        };
        let one = update(r#""TaskFinish,WorkflowFinish""#).unwrap();
        assert_eq!(one, update(r#"["TaskFinish","WorkflowFinish"]"#).unwrap());
        assert!(one.contains("<Event>TaskFinish,WorkflowFinish</Event>"), "{one}");
        let e = update(r#""Nope""#).unwrap_err();
        assert_eq!(e.field(), Some("NotifyConfig.Event"));
        let e = build(1, r#"{"Name":"n"}"#).unwrap_err();
        assert_eq!((e.code(), e.field()), (ErrorCode::MissingArgument, Some("QueueId")));
        let e = build(1, r#"{"QueueID":"p1","Name":"n","State":"Active","NotifyConfig":{"State":"Off"}}"#).unwrap_err();
        assert_eq!((e.code(), e.field()), (ErrorCode::InvalidArgument, Some("QueueID")), "{e}");
        // Nested fields are named from the root.
        let ok = r#"{"Tag":"DocProcess","Input":{"Object":"a.docx"},"Operation":{"DocProcess":{"TgtType":"png","StartPage":1,"EndPage":-1,"DocPassword":"pw"},"Output":{"Bucket":"b-1250000000","Region":"ap-guangzhou","Object":"o/${Number}.png"}}}"#;
        let d = build(4, ok).unwrap();
        assert!(
            d.contains("<StartPage>1</StartPage><EndPage>-1</EndPage>") && d.contains("<DocPassword>pw</DocPassword>"),
            "{d}"
        );
        for (change, code, field) in [
            (
                ok.replace("\"StartPage\":1", "\"StartPage\":\"1\""),
                ErrorCode::InvalidArgument,
                "Operation.DocProcess.StartPage",
            ),
            (ok.replace("\"Region\":\"ap-guangzhou\",", ""), ErrorCode::MissingArgument, "Operation.Output.Region"),
            (ok.replace("\"Tag\":\"DocProcess\"", "\"Tag\":\"X\""), ErrorCode::InvalidArgument, "Tag"),
            (ok.replace("TgtType", "TargetType"), ErrorCode::InvalidArgument, "Operation.DocProcess.TargetType"),
            (ok.replace("\"EndPage\":-1", "\"EndPage\":0"), ErrorCode::InvalidArgument, "Operation.DocProcess.EndPage"),
            (ok.replace("a.docx", "a.xlsx"), ErrorCode::InvalidArgument, "Operation.Output.Object"),
        ] {
            let e = build(4, &change).unwrap_err();
            assert_eq!((e.code(), e.field()), (code, Some(field)), "{change}: {e}");
        }
        let d = build(6, r#"{"QueueId":"p1","States":"Success,Failed","Size":100}"#).unwrap();
        assert!(d.contains(r#""states":"Success,Failed","size":"100""#), "{d}");
    }

    const NOTIFICATION: &str = "<Response><EventName>TaskFinish</EventName><JobsDetail><Code>Success</Code><Message/>\
        <JobId>d1</JobId><Tag>DocProcess</Tag><State>Success</State><CreationTime>2022-06-30T19:30:21+0800</CreationTime>\
        <QueueId>p1</QueueId><Input><Object>a.docx</Object></Input><Operation><DocProcess><StartPage>1</StartPage>\
        <DocPassword>pw</DocPassword></DocProcess><DocProcessResult><PageInfo><PageNo>1</PageNo><TgtUri>o/1.png</TgtUri>\
        <X-SheetPics>1</X-SheetPics></PageInfo><PageInfo><PageNo>2</PageNo><TgtUri>o/2.png</TgtUri></PageInfo>\
        <TotalPageCount>2</TotalPageCount></DocProcessResult></Operation></JobsDetail></Response>";

    /// The JSON form as the emulator (and a reader of the docs) writes it: every leaf a
    /// string, one `JobsDetail` as an object, repeated elements as arrays.
    const NOTIFICATION_JSON: &str = r#"{"EventName":"TaskFinish","JobsDetail":{"Code":"Success","Message":"",
        "JobId":"d1","Tag":"DocProcess","State":"Success","CreationTime":"2022-06-30T19:30:21+0800","QueueId":"p1",
        "Input":{"Object":"a.docx"},"Operation":{"DocProcess":{"StartPage":"1","DocPassword":"pw"},
        "DocProcessResult":{"PageInfo":[{"PageNo":"1","TgtUri":"o/1.png","X-SheetPics":"1"},{"PageNo":"2","TgtUri":"o/2.png"}],
        "TotalPageCount":"2"}}}}"#;

    #[test]
    fn notifications_read_the_same_from_xml_and_json() {
        let xml = notification_xml(NOTIFICATION).unwrap();
        assert!(xml.starts_with(r#"{"EventName":"TaskFinish","JobsDetail":[{"Code":"Success","JobId":"d1""#), "{xml}");
        assert!(xml.contains(r#""StartPage":1"#) && xml.contains(r#""XSheetPics":1"#) && !xml.contains("pw"), "{xml}");
        let json = |text: &str| notification_value::<Json>(text);
        assert_eq!(json(NOTIFICATION_JSON).unwrap(), xml);
        // The variants a reasonable reader takes: a list, numbers as numbers, a Response wrapper.
        let list =
            NOTIFICATION_JSON.replacen(r#""JobsDetail":{"#, r#""JobsDetail":[{"#, 1).replacen("}}}}", "}}}]}", 1);
        assert_eq!(json(&list).unwrap(), xml);
        let numbers = NOTIFICATION_JSON
            .replace(r#""StartPage":"1""#, r#""StartPage":1"#)
            .replace(r#""TotalPageCount":"2""#, r#""TotalPageCount":2"#);
        assert_eq!(json(&numbers).unwrap(), xml);
        assert_eq!(json(&format!(r#"{{"Response":{NOTIFICATION_JSON}}}"#)).unwrap(), xml);
        for (text, field) in [
            (r#"{"EventName":"TaskFinish"}"#, "Response.JobsDetail"),
            (r#"{"JobsDetail":{"JobId":"d","State":"Success"}}"#, "Response.EventName"),
            (r#"{"EventName":"TaskFinish","JobsDetail":{"State":"Success"}}"#, "Response.JobsDetail.JobId"),
            (r#"{"EventName":"TaskFinish","JobsDetail":5}"#, "Response.JobsDetail"),
            (
                r#"{"EventName":"TaskFinish","JobsDetail":{"JobId":"d","State":"Success","Operation":{"DocProcess":{"StartPage":"x"}}}}"#,
                "Response.JobsDetail.Operation.DocProcess.StartPage",
            ),
            (r#"{"EventName":["a"],"JobsDetail":{"JobId":"d","State":"S"}}"#, "Response.EventName"),
            ("[1]", "Response"),
            ("{}", "Response.EventName"),
            ("not json", "body"),
        ] {
            let e = json(text).unwrap_err();
            assert_eq!((e.code(), e.field()), (ErrorCode::InvalidResponse, Some(field)), "{text}: {e}");
        }
    }
}
