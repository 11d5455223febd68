//! The main job, end to end: describe the queues, update one, submit a
//! doc-preview job, wait for it to finish and list the queue's jobs — each
//! request built and signed by the crate, sent over HTTP, and its response
//! parsed into typed values.
//!
//! `make demo` starts the local emulator and runs
//! `cargo run --example demo -- http://127.0.0.1:<port>`. Without an endpoint
//! argument nothing is sent: each signed request is printed instead.
//! Credentials default to the emulator's `AKIDEXAMPLE`/`secretEXAMPLE`; set
//! `CI_SECRET_ID` / `CI_SECRET_KEY` to sign with others (the key is never printed).

use cos_ci_wasm::api::doc_job::*;
use cos_ci_wasm::api::queue::*;
use cos_ci_wasm::api::{ai_queue, doc_queue};
use cos_ci_wasm::{ClientConfig, Credentials, KeyTime, RawResponse, RequestDescriptor};
use std::io::{Read, Write};

const QUEUE: &str = "p4a17eeea29334bf499b7e20e2fbfd99d";

/// Sends a descriptor over plain HTTP/1.1 (the demo's transport) and returns
/// (status, headers, body).
/// Status, headers and body of a response.
type Reply = (u16, Vec<(String, String)>, String);

fn send(endpoint: &str, request: &RequestDescriptor) -> std::io::Result<Reply> {
    let authority = endpoint.trim_start_matches("http://").trim_end_matches('/');
    let url = request.url_with_query();
    let after_scheme = url.split_once("://").map_or(url.as_str(), |(_, r)| r);
    let target = &after_scheme[after_scheme.find('/').unwrap_or(after_scheme.len())..];
    let mut stream = std::net::TcpStream::connect(authority)?;
    let mut head = format!("{} {target} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n", request.method());
    for (n, v) in request.headers() {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(request.body().unwrap_or("").as_bytes())?;
    let mut raw = String::new();
    stream.read_to_string(&mut raw)?;
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let mut lines = head.split("\r\n");
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).unwrap_or(0);
    let headers = lines.filter_map(|l| l.split_once(": ")).map(|(a, b)| (a.to_string(), b.to_string())).collect();
    Ok((status, headers, body.to_string()))
}

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
    if let Some(url) = std::env::args().nth(1) {
        return run_against(&url, &credentials);
    }
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

macro_rules! call {
    ($url:expr, $creds:expr, $build:expr, $parse:path) => {{
        let mut request = $build?;
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        request.sign($creds, KeyTime::from_start_and_expires(now.saturating_sub(60), 900)?);
        let (status, headers, body) = send($url, &request).map_err(|e| {
            eprintln!("demo: cannot reach {}: {e}", $url);
            std::process::exit(1)
        })?;
        let headers: Vec<(&str, &str)> = headers.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        println!("{} {} -> {status}", request.method(), request.url_with_query());
        $parse(&RawResponse { status, headers: &headers, body: &body })?
    }};
}

fn run_against(url: &str, credentials: &Credentials) -> Result<(), cos_ci_wasm::Error> {
    let mut config = ClientConfig::new("examplebucket-1250000000", "ap-guangzhou");
    config.endpoint = Some(url.to_string());
    let e = config.resolve()?;

    let queues = call!(
        url,
        credentials,
        doc_queue::describe_doc_process_queues(&e, &DescribeQueuesInput::default()),
        doc_queue::parse_describe_doc_process_queues
    );
    let queue = &queues.queue_list[0];
    let queue_id = queue.queue_id.clone().unwrap_or_default();
    println!(
        "  doc-preview queue {queue_id} ({:?}, {:?}), {:?} queue(s)\n",
        queue.name, queue.state, queues.total_count
    );

    let ai = call!(
        url,
        credentials,
        ai_queue::describe_ai_process_queues(&e, &DescribeQueuesInput::default()),
        ai_queue::parse_describe_ai_process_queues
    );
    let ai_id = ai.queue_list.first().and_then(|q| q.queue_id.clone()).unwrap_or_default();
    println!("  AI queue {ai_id}\n");

    let update = UpdateQueueInput {
        queue_id: queue_id.clone(),
        name: "demo-doc-queue".into(),
        state: Some(QueueState::Active),
        notify_config: Some(NotifyConfig { state: Some(NotifySwitch::Off), ..Default::default() }),
    };
    let updated = call!(
        url,
        credentials,
        doc_queue::update_doc_process_queue(&e, &update),
        doc_queue::parse_update_doc_process_queue
    );
    println!("  renamed to {:?}\n", updated.queue[0].name);
    let ai_update = UpdateQueueInput {
        queue_id: ai_id,
        name: "demo-ai-queue".into(),
        state: Some(QueueState::Paused),
        notify_config: None,
    };
    let ai_updated = call!(
        url,
        credentials,
        ai_queue::update_ai_process_queue(&e, &ai_update),
        ai_queue::parse_update_ai_process_queue
    );
    println!("  AI queue now {:?}\n", ai_updated.queue[0].state);

    let job = CreateDocProcessJobsInput {
        queue_id: Some(queue_id.clone()),
        input: DocInput { object: "docs/report.docx".into() },
        operation: DocOperation {
            output: DocOutput {
                bucket: "examplebucket-1250000000".into(),
                region: "ap-guangzhou".into(),
                object: "preview/report_${Page}.jpg".into(),
            },
            doc_process: DocProcess {
                tgt_type: Some(TgtType::Jpg),
                page_ranges: Some("1,3-4".into()),
                ..Default::default()
            },
        },
    };
    let created = call!(url, credentials, create_doc_process_jobs(&e, &job), parse_create_doc_process_jobs);
    let job_id = created.jobs_detail[0].job_id.clone().unwrap_or_default();
    println!("  job {job_id} {:?}\n", created.jobs_detail[0].state);

    let finished = loop {
        let got = call!(
            url,
            credentials,
            describe_doc_process_job(&e, &DescribeDocProcessJobInput { job_id: job_id.clone() }),
            parse_describe_doc_process_job
        );
        let detail = got.jobs_detail.into_iter().next().unwrap_or_default();
        println!("  state {:?}", detail.state);
        if matches!(detail.state.as_deref(), Some("Success") | Some("Failed")) {
            break detail;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    if let Some(result) = finished.operation.as_ref().and_then(|o| o.doc_process_result.as_ref()) {
        for page in &result.page_info {
            println!("  page {:?} -> {:?}", page.page_no, page.tgt_uri);
        }
    }
    println!();

    let list = DescribeDocProcessJobsInput { queue_id, size: Some(10), ..Default::default() };
    let listed = call!(url, credentials, describe_doc_process_jobs(&e, &list), parse_describe_doc_process_jobs);
    println!("  {} job(s) in the queue, next token {:?}", listed.jobs_detail.len(), listed.next_token);
    Ok(())
}
