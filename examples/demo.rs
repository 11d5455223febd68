//! Builds, signs and prints one request for each of the seven operations, then
//! parses a documented response for each — all offline.
//!
//! `cargo run --example demo` (or `make demo`). Credentials default to the
//! documented examples; set `CI_SECRET_ID` / `CI_SECRET_KEY` to sign with yours
//! (the key is never printed).

use cos_ci_wasm::api::doc_job::*;
use cos_ci_wasm::api::queue::*;
use cos_ci_wasm::api::{ai_queue, doc_queue};
use cos_ci_wasm::{ClientConfig, Credentials, KeyTime, RawResponse, RequestDescriptor};

const QUEUE: &str = "p4a17eeea29334bf499b7e20e2fbfd99d";

fn show(name: &str, mut request: RequestDescriptor, credentials: &Credentials, key_time: KeyTime) {
    request.sign(credentials, key_time);
    println!("== {name}");
    println!("{} {}", request.method(), request.url_with_query());
    for (n, v) in request.headers() {
        println!("{n}: {v}");
    }
    if let Some(body) = request.body() {
        println!("\n{body}");
    }
    println!();
}

fn main() -> Result<(), cos_ci_wasm::Error> {
    let credentials = Credentials::new(
        std::env::var("CI_SECRET_ID").unwrap_or_else(|_| "AKIDEXAMPLE".into()),
        std::env::var("CI_SECRET_KEY").unwrap_or_else(|_| "secretEXAMPLE".into()),
    )?;
    // The crate reads no clock: the caller picks the key time.
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let key_time = KeyTime::from_start_and_expires(now.saturating_sub(60), 900)?;
    let endpoint = ClientConfig::new("examplebucket-1250000000", "ap-guangzhou").resolve()?;

    let notify = NotifyConfig {
        state: Some(NotifySwitch::On),
        event: vec![NotifyEvent::TaskFinish],
        notify_type: Some(NotifyType::Url),
        url: Some("http://callback.demo.com".into()),
        result_format: Some(ResultFormat::Json),
        ..Default::default()
    };
    let describe = DescribeQueuesInput { state: Some(QueueStateFilter::Active), ..Default::default() };
    let update = UpdateQueueInput {
        queue_id: QUEUE.into(),
        name: "doc-queue".into(),
        state: Some(QueueState::Active),
        notify_config: Some(notify),
    };
    let job = CreateDocProcessJobsInput {
        queue_id: Some(QUEUE.into()),
        input: DocInput { object: "docs/report.docx".into() },
        operation: DocOperation {
            output: DocOutput {
                bucket: "examplebucket-1250000000".into(),
                region: "ap-guangzhou".into(),
                object: "preview/report_${Number}.jpg".into(),
            },
            doc_process: DocProcess {
                tgt_type: Some(TgtType::Jpg),
                page_ranges: Some("1,3-5".into()),
                ..Default::default()
            },
        },
    };
    show(
        "DescribeDocProcessQueues",
        doc_queue::describe_doc_process_queues(&endpoint, &describe)?,
        &credentials,
        key_time,
    );
    show("UpdateDocProcessQueue", doc_queue::update_doc_process_queue(&endpoint, &update)?, &credentials, key_time);
    show(
        "DescribeAiProcessQueues",
        ai_queue::describe_ai_process_queues(&endpoint, &describe)?,
        &credentials,
        key_time,
    );
    show("UpdateAiProcessQueue", ai_queue::update_ai_process_queue(&endpoint, &update)?, &credentials, key_time);
    show("CreateDocProcessJobs", create_doc_process_jobs(&endpoint, &job)?, &credentials, key_time);
    let one = DescribeDocProcessJobInput { job_id: "d13cfd584d8f511ed9a2e52ed2f7b1a1b".into() };
    show("DescribeDocProcessJob", describe_doc_process_job(&endpoint, &one)?, &credentials, key_time);
    let list = DescribeDocProcessJobsInput { queue_id: QUEUE.into(), size: Some(20), ..Default::default() };
    show("DescribeDocProcessJobs", describe_doc_process_jobs(&endpoint, &list)?, &credentials, key_time);

    // A response from spec 003 (two NonExistPIDs, one queue).
    let body = "<Response><RequestId>NjJmNDczY2RfOTBmYTUwNjRfNTA4ZV85</RequestId><QueueList><QueueId>p4a17eeea29334bf499b7e20e2fbfd99d</QueueId><Name>My-Queue-ai</Name><State>Active</State><NotifyConfig><Url>http://callback.demo.com</Url><Event>TaskFinish,WorkflowFinish</Event><Type>Url</Type><State>On</State><ResultFormat>JSON</ResultFormat></NotifyConfig><MaxSize>10000</MaxSize><MaxConcurrent>10</MaxConcurrent><UpdateTime>2022-08-09T16:23:11+0800</UpdateTime><CreateTime>2022-08-09T16:23:11+0800</CreateTime><Category>AIProcess</Category></QueueList><NonExistPIDs>A</NonExistPIDs><NonExistPIDs>B</NonExistPIDs></Response>";
    let output = ai_queue::parse_describe_ai_process_queues(&RawResponse::new(200, body))?;
    println!("== parsed DescribeAiProcessQueues\n{output:#?}\n");

    let error = "<Error><Code>SignatureDoesNotMatch</Code><Message>The Signature you specified is invalid.</Message><RequestId>NjJmNDczY2RfZXJyb3I=</RequestId></Error>";
    let err = doc_queue::parse_describe_doc_process_queues(&RawResponse::new(403, error)).unwrap_err();
    println!("== parsed 403\n{err}");
    Ok(())
}
