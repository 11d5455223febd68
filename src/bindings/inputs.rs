//! JS parameter objects → the crate's typed inputs.
//!
//! Parameter names are the PascalCase names of the official documentation
//! (`QueueIds`, `PageNumber`, `NotifyConfig.ResultFormat`,
//! `Operation.DocProcess.TgtType`). Types are checked here; the rules of each
//! operation (ranges, formats, required-when) are checked by its builder.

use super::value::{Fields, Value};
#[cfg(test)]
use crate::api::doc_job::{
    CreateDocProcessJobsInput, DescribeDocProcessJobInput, DescribeDocProcessJobsInput, DocInput, DocOperation,
    DocOutput, DocPassword, DocProcess, JobStateFilter, OrderByTime, TgtType,
};
#[cfg(test)]
use crate::api::queue::{
    DescribeQueuesInput, MqMode, MqRegion, NotifyConfig, NotifyEvent, NotifySwitch, NotifyType, QueueState,
    QueueStateFilter, ResultFormat, UpdateQueueInput,
};
use crate::credentials::Credentials;
use crate::endpoint::{ClientConfig, Protocol};
use crate::error::{Error, Result};
use crate::sign::KeyTime;

/// Reads an optional enum-valued string property.
#[cfg(test)] // the oracle of the operation table (bindings::json)
fn enum_field<T>(f: &mut Fields<'_>, name: &str, parse: fn(&str, &str) -> Result<T>) -> Result<Option<T>> {
    match f.string(name)? {
        None => Ok(None),
        Some(text) => parse(&f.path(name), &text).map(Some),
    }
}

/// Reads an enum list given as one string, a comma-joined string or an array.
#[cfg(test)] // the oracle of the operation table (bindings::json)
fn enum_list<T>(f: &mut Fields<'_>, name: &str, parse: fn(&str, &str) -> Result<T>) -> Result<Vec<T>> {
    let path = f.path(name);
    f.string_or_strings(name)?.iter().flat_map(|s| s.split(',')).map(|s| parse(&path, s.trim())).collect()
}

/// `{ Bucket, Region, Protocol?, Endpoint? }` (other client options are the
/// JS client's and are not passed here).
pub(crate) fn client_config(value: &Value) -> Result<ClientConfig> {
    let mut f = Fields::top(value, "config")?;
    let bucket = f.required_string("Bucket")?;
    let region = f.required_string("Region")?;
    let protocol = match f.string("Protocol")?.as_deref() {
        None | Some("https") | Some("https:") => Protocol::Https,
        Some("http") | Some("http:") => Protocol::Http,
        Some(other) => {
            return Err(Error::invalid(
                "Protocol",
                format!("must be \"https\" or \"http\" (got {})", crate::error::quote(other)),
            ))
        }
    };
    let endpoint = f.string("Endpoint")?;
    f.finish()?;
    Ok(ClientConfig { bucket, region, protocol, endpoint })
}

/// `{ SecretId, SecretKey, SecurityToken?, KeyTime }`: what signing needs.
pub(crate) fn signing(value: &Value) -> Result<(Credentials, KeyTime)> {
    let mut f = Fields::top(value, "signing")?;
    let id = f.required_string("SecretId")?;
    let key = f.required_string("SecretKey")?;
    let token = f.string("SecurityToken")?;
    let key_time = key_time(&mut f)?;
    f.finish()?;
    let mut credentials = Credentials::new(id, key)?;
    if let Some(token) = token {
        credentials = credentials.with_security_token(token)?;
    }
    Ok((credentials, key_time))
}

/// `KeyTime` (`"start;end"`, or `{ StartTime, ExpiredTime }` seconds) or
/// `StartTime` + `Expires` (default 900 s), as `COS.getAuthorization` takes them.
pub(crate) fn key_time(f: &mut Fields<'_>) -> Result<KeyTime> {
    let text = f.string("KeyTime")?;
    let start = f.integer("StartTime", 0, MAX_START_TIME)?;
    let expires = f.integer("Expires", 1, MAX_EXPIRES)?;
    key_time_of(text.as_deref(), start, expires, &|name| f.path(name))
}

/// Latest `StartTime` accepted.
pub(crate) const MAX_START_TIME: i64 = u32::MAX as i64 * 4;

/// Longest `Expires` accepted: ten years.
pub(crate) const MAX_EXPIRES: i64 = 10 * 365 * 24 * 3600;

/// The key time from `KeyTime` or `StartTime` (+ `Expires`, default 900);
/// `path` names a field for an error.
pub(crate) fn key_time_of(
    text: Option<&str>,
    start: Option<i64>,
    expires: Option<i64>,
    path: &dyn Fn(&str) -> String,
) -> Result<KeyTime> {
    match (text, start) {
        (Some(_), Some(_)) => Err(Error::invalid(path("KeyTime"), "give KeyTime or StartTime (+ Expires), not both")),
        (Some(_), None) if expires.is_some() => {
            Err(Error::invalid(path("Expires"), "goes with StartTime; KeyTime already says when it ends"))
        }
        (Some(text), None) => {
            text.parse::<KeyTime>().map_err(|e| Error::invalid(path("KeyTime"), e.message().to_string()))
        }
        (None, Some(start)) => KeyTime::from_start_and_expires(start as u64, expires.unwrap_or(900) as u64)
            .map_err(|e| Error::invalid(path("StartTime"), e.message().to_string())),
        (None, None) => Err(Error::missing(path("KeyTime"))),
    }
}

/// DescribeDocProcessQueues / DescribeAiProcessQueues:
/// `{ QueueIds?, State?, PageNumber?, PageSize? }`.
#[cfg(test)] // the oracle of the operation table (bindings::json)
pub(crate) fn describe_queues(value: &Value) -> Result<DescribeQueuesInput> {
    let mut f = Fields::top(value, "params")?;
    let input = DescribeQueuesInput {
        queue_ids: f.strings("QueueIds")?,
        state: enum_field(&mut f, "State", QueueStateFilter::parse)?,
        page_number: f.u32("PageNumber")?,
        page_size: f.u32("PageSize")?,
    };
    f.finish()?;
    Ok(input)
}

/// UpdateDocProcessQueue / UpdateAiProcessQueue:
/// `{ QueueId, Name, State, NotifyConfig? }`.
#[cfg(test)] // the oracle of the operation table (bindings::json)
pub(crate) fn update_queue(value: &Value) -> Result<UpdateQueueInput> {
    let mut f = Fields::top(value, "params")?;
    let queue_id = f.required_string("QueueId")?;
    let name = f.required_string("Name")?;
    let state = enum_field(&mut f, "State", QueueState::parse)?;
    let notify_config = match f.object("NotifyConfig")? {
        None => None,
        Some(mut n) => {
            let event = enum_list(&mut n, "Event", NotifyEvent::parse)?;
            let config = NotifyConfig {
                state: enum_field(&mut n, "State", NotifySwitch::parse)?,
                event,
                result_format: enum_field(&mut n, "ResultFormat", ResultFormat::parse)?,
                notify_type: enum_field(&mut n, "Type", NotifyType::parse)?,
                url: n.string("Url")?,
                mq_mode: enum_field(&mut n, "MqMode", MqMode::parse)?,
                mq_region: enum_field(&mut n, "MqRegion", MqRegion::parse)?,
                mq_name: n.string("MqName")?,
            };
            n.finish()?;
            Some(config)
        }
    };
    f.finish()?;
    Ok(UpdateQueueInput { queue_id, name, state, notify_config })
}

/// `Tag`, when given, must be the only documented value.
#[cfg(test)] // the oracle of the operation table (bindings::json)
fn tag(f: &mut Fields<'_>) -> Result<()> {
    match f.string("Tag")?.as_deref() {
        None | Some("DocProcess") => Ok(()),
        Some(other) => {
            Err(Error::invalid(f.path("Tag"), format!("must be \"DocProcess\" (got {})", crate::error::quote(other))))
        }
    }
}

/// CreateDocProcessJobs: `{ Tag?, QueueId?, Input: { Object },
/// Operation: { DocProcess?, Output: { Bucket, Region, Object } } }`.
#[cfg(test)] // the oracle of the operation table (bindings::json)
pub(crate) fn create_doc_process_jobs(value: &Value) -> Result<CreateDocProcessJobsInput> {
    let mut f = Fields::top(value, "params")?;
    tag(&mut f)?;
    let queue_id = f.string("QueueId")?;
    let mut input = f.required_object("Input")?;
    let object = input.required_string("Object")?;
    input.finish()?;
    let mut operation = f.required_object("Operation")?;
    let doc_process = match operation.object("DocProcess")? {
        None => DocProcess::default(),
        Some(mut d) => {
            let process = DocProcess {
                src_type: d.string("SrcType")?,
                tgt_type: enum_field(&mut d, "TgtType", TgtType::parse)?,
                start_page: d.u32("StartPage")?,
                end_page: d.i32("EndPage")?,
                sheet_id: d.u32("SheetId")?,
                paper_direction: d.u32("PaperDirection")?,
                paper_size: d.u32("PaperSize")?,
                doc_password: d.string("DocPassword")?.map(DocPassword::new),
                comments: d.u32("Comments")?,
                page_ranges: d.string("PageRanges")?,
                image_params: d.string("ImageParams")?,
                quality: d.u32("Quality")?,
                zoom: d.u32("Zoom")?,
                image_dpi: d.u32("ImageDpi")?,
                pic_pagination: d.u32("PicPagination")?,
            };
            d.finish()?;
            process
        }
    };
    let mut out = operation.required_object("Output")?;
    let output = DocOutput {
        bucket: out.required_string("Bucket")?,
        region: out.required_string("Region")?,
        object: out.required_string("Object")?,
    };
    out.finish()?;
    operation.finish()?;
    f.finish()?;
    Ok(CreateDocProcessJobsInput {
        queue_id,
        input: DocInput { object },
        operation: DocOperation { doc_process, output },
    })
}

/// DescribeDocProcessJob: `{ JobId }`.
#[cfg(test)] // the oracle of the operation table (bindings::json)
pub(crate) fn describe_doc_process_job(value: &Value) -> Result<DescribeDocProcessJobInput> {
    let mut f = Fields::top(value, "params")?;
    let job_id = f.required_string("JobId")?;
    f.finish()?;
    Ok(DescribeDocProcessJobInput { job_id })
}

/// DescribeDocProcessJobs: `{ Tag?, QueueId, OrderByTime?, NextToken?, Size?,
/// States?, StartCreationTime?, EndCreationTime? }`.
#[cfg(test)] // the oracle of the operation table (bindings::json)
pub(crate) fn describe_doc_process_jobs(value: &Value) -> Result<DescribeDocProcessJobsInput> {
    let mut f = Fields::top(value, "params")?;
    tag(&mut f)?;
    let queue_id = f.required_string("QueueId")?;
    let order_by_time = enum_field(&mut f, "OrderByTime", OrderByTime::parse)?;
    let next_token = f.string("NextToken")?;
    let size = f.u32("Size")?;
    let states = enum_list(&mut f, "States", JobStateFilter::parse)?;
    let start_creation_time = f.string("StartCreationTime")?;
    let end_creation_time = f.string("EndCreationTime")?;
    f.finish()?;
    Ok(DescribeDocProcessJobsInput {
        queue_id,
        order_by_time,
        next_token,
        size,
        states,
        start_creation_time,
        end_creation_time,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    fn value(json: &str) -> Value {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn describe_queues_reads_every_parameter() {
        let input =
            describe_queues(&value(r#"{"QueueIds":["a","b"],"State":"Active","PageNumber":2,"PageSize":50}"#)).unwrap();
        assert_eq!(input.queue_ids, ["a", "b"]);
        assert_eq!(input.state, Some(QueueStateFilter::Active));
        assert_eq!((input.page_number, input.page_size), (Some(2), Some(50)));
        assert_eq!(describe_queues(&Value::Null).unwrap(), DescribeQueuesInput::default());
        let e = describe_queues(&value(r#"{"State":"active"}"#)).unwrap_err();
        assert_eq!((e.code(), e.field()), (ErrorCode::InvalidArgument, Some("State")));
        let e = describe_queues(&value(r#"{"queueIds":""}"#)).unwrap_err();
        assert!(e.message().contains("did you mean QueueIds?"), "{}", e.message());
    }

    #[test]
    fn update_queue_accepts_event_as_string_or_list() {
        let one = update_queue(&value(
            r#"{"QueueId":"p1","Name":"n","State":"Active","NotifyConfig":{"State":"On","Type":"Url","Url":"https://e.com","Event":"TaskFinish,WorkflowFinish"}}"#,
        ))
        .unwrap();
        let list = update_queue(&value(
            r#"{"QueueId":"p1","Name":"n","State":"Active","NotifyConfig":{"State":"On","Type":"Url","Url":"https://e.com","Event":["TaskFinish","WorkflowFinish"]}}"#,
        ))
        .unwrap();
        assert_eq!(one, list);
        assert_eq!(one.notify_config.unwrap().event, [NotifyEvent::TaskFinish, NotifyEvent::WorkflowFinish]);
        let e = update_queue(&value(r#"{"QueueId":"p1","Name":"n","NotifyConfig":{"Event":"Nope"}}"#)).unwrap_err();
        assert_eq!(e.field(), Some("NotifyConfig.Event"));
        let e = update_queue(&value(r#"{"Name":"n"}"#)).unwrap_err();
        assert_eq!((e.code(), e.field()), (ErrorCode::MissingArgument, Some("QueueId")));
    }

    #[test]
    fn create_job_names_nested_fields() {
        let ok = r#"{"Tag":"DocProcess","Input":{"Object":"a.docx"},"Operation":{"DocProcess":{"TgtType":"png","StartPage":1,"EndPage":-1,"DocPassword":"pw"},"Output":{"Bucket":"b-1250000000","Region":"ap-guangzhou","Object":"o/${Number}.png"}}}"#;
        let input = create_doc_process_jobs(&value(ok)).unwrap();
        assert_eq!(input.operation.doc_process.end_page, Some(-1));
        assert_eq!(input.operation.doc_process.doc_password.as_ref().unwrap().expose(), "pw");
        let e = create_doc_process_jobs(&value(&ok.replace("\"StartPage\":1", "\"StartPage\":\"1\""))).unwrap_err();
        assert_eq!(e.field(), Some("Operation.DocProcess.StartPage"));
        let e = create_doc_process_jobs(&value(&ok.replace("\"Region\":\"ap-guangzhou\",", ""))).unwrap_err();
        assert_eq!((e.code(), e.field()), (ErrorCode::MissingArgument, Some("Operation.Output.Region")));
        let e = create_doc_process_jobs(&value(&ok.replace("\"Tag\":\"DocProcess\"", "\"Tag\":\"X\""))).unwrap_err();
        assert_eq!(e.field(), Some("Tag"));
        let e = create_doc_process_jobs(&value(&ok.replace("TgtType", "TargetType"))).unwrap_err();
        assert_eq!(e.field(), Some("Operation.DocProcess.TargetType"));
    }

    #[test]
    fn describe_jobs_and_signing() {
        let input =
            describe_doc_process_jobs(&value(r#"{"QueueId":"p1","States":"Success,Failed","Size":100}"#)).unwrap();
        assert_eq!(input.states, [JobStateFilter::Success, JobStateFilter::Failed]);
        let (creds, kt) = signing(&value(
            r#"{"SecretId":"AKIDEXAMPLE","SecretKey":"secretEXAMPLE","SecurityToken":"t","KeyTime":"1;901"}"#,
        ))
        .unwrap();
        assert_eq!(
            (creds.secret_id(), creds.security_token(), kt.to_string().as_str()),
            ("AKIDEXAMPLE", Some("t"), "1;901")
        );
        let e = signing(&value(r#"{"SecretId":"a","SecretKey":"b"}"#)).unwrap_err();
        assert_eq!((e.code(), e.field()), (ErrorCode::MissingArgument, Some("KeyTime")));
        let (_, kt) = signing(&value(r#"{"SecretId":"a","SecretKey":"b","StartTime":100}"#)).unwrap();
        assert_eq!(kt.to_string(), "100;1000");
        let (_, kt) = signing(&value(r#"{"SecretId":"a","SecretKey":"b","StartTime":100,"Expires":3600}"#)).unwrap();
        assert_eq!(kt.to_string(), "100;3700");
        let e = signing(&value(r#"{"SecretId":"a","SecretKey":"b","KeyTime":"1;2","StartTime":1}"#)).unwrap_err();
        assert_eq!(e.field(), Some("KeyTime"));
        let e =
            client_config(&value(r#"{"Bucket":"b-1250000000","Region":"ap-guangzhou","Protocol":"ftp"}"#)).unwrap_err();
        assert_eq!(e.field(), Some("Protocol"));
    }
}
