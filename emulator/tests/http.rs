//! The emulator over real HTTP on 127.0.0.1, driven by requests the core
//! crate builds and signs.

use cos_ci_wasm::api::doc_job::*;
use cos_ci_wasm::api::queue::*;
use cos_ci_wasm::api::{ai_queue, doc_queue};
use cos_ci_wasm::{ClientConfig, Credentials, Endpoint, ErrorCode, KeyTime, RawResponse, RequestDescriptor};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

const BUCKET: &str = "examplebucket-1250000000";

/// The emulator under test: the native binary, or the command in `COS_CI_EMULATOR`
/// (words split on spaces), e.g. the npm package's `cos-ci-emulator` bin — the same
/// core compiled to wasm behind Node's `http` — which must pass this whole suite.
fn emulator_command() -> Command {
    match std::env::var("COS_CI_EMULATOR") {
        Ok(cmd) if !cmd.trim().is_empty() => {
            let mut words = cmd.split_whitespace();
            let mut c = Command::new(words.next().unwrap_or_default());
            c.args(words);
            c
        }
        _ => Command::new(env!("CARGO_BIN_EXE_cos-ci-emulator")),
    }
}

struct Emulator {
    child: Child,
    base: String,
}

impl Emulator {
    fn start(args: &[&str]) -> Emulator {
        let mut child = emulator_command()
            .args(["--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the emulator");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let base = line.trim().strip_prefix("listening on ").expect("first line names the address").to_string();
        Emulator { child, base }
    }

    fn endpoint(&self) -> Endpoint {
        let mut c = ClientConfig::new(BUCKET, "ap-guangzhou");
        c.endpoint = Some(self.base.clone());
        c.resolve().unwrap()
    }

    fn addr(&self) -> String {
        self.base.trim_start_matches("http://").to_string()
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
    /// The body as received (a preview's page is binary; `body` is it as lossy UTF-8).
    bytes: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
    fn raw(&self) -> (u16, Vec<(&str, &str)>, &str) {
        (self.status, self.headers.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect(), &self.body)
    }
}

/// A minimal HTTP/1.1 exchange (`Connection: close`).
fn http(addr: &str, method: &str, target: &str, host: &str, headers: &[(String, String)], body: Option<&str>) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    let mut req = format!("{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
    for (n, v) in headers {
        req.push_str(&format!("{n}: {v}\r\n"));
    }
    if body.is_none() && method != "GET" && method != "OPTIONS" {
        req.push_str("Content-Length: 0\r\n");
    }
    req.push_str("\r\n");
    req.push_str(body.unwrap_or(""));
    s.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
        // The connection closed before a complete response head.
        return Reply { status: 0, headers: Vec::new(), body: String::from_utf8_lossy(&raw).into_owned(), bytes: raw };
    };
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let bytes = raw[split + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers = lines.filter_map(|l| l.split_once(": ")).map(|(a, b)| (a.to_string(), b.to_string())).collect();
    Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned(), bytes }
}

fn target(d: &RequestDescriptor) -> String {
    let url = d.url_with_query();
    let after_scheme = url.split_once("://").unwrap().1;
    after_scheme[after_scheme.find('/').unwrap()..].to_string()
}

fn send(emu: &Emulator, d: &RequestDescriptor) -> Reply {
    http(&emu.addr(), d.method().as_str(), &target(d), &emu.addr(), d.headers(), d.body())
}

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
}

fn key_time() -> KeyTime {
    KeyTime::new(now() - 60, now() + 900).unwrap()
}

fn creds() -> Credentials {
    Credentials::new("AKIDEXAMPLE", "secretEXAMPLE").unwrap()
}

fn signed(mut d: RequestDescriptor, c: &Credentials) -> RequestDescriptor {
    d.sign(c, key_time());
    d
}

fn doc_queue_id(emu: &Emulator, c: &Credentials) -> String {
    let d =
        signed(doc_queue::describe_doc_process_queues(&emu.endpoint(), &DescribeQueuesInput::default()).unwrap(), c);
    let r = send(emu, &d);
    let (status, headers, body) = r.raw();
    let out = doc_queue::parse_describe_doc_process_queues(&RawResponse { status, headers: &headers, body }).unwrap();
    out.queue_list[0].queue_id.clone()
}

fn job_input(queue: &str, object: &str, out: &str) -> CreateDocProcessJobsInput {
    CreateDocProcessJobsInput {
        queue_id: Some(queue.into()),
        input: DocInput { object: object.into() },
        operation: DocOperation {
            output: DocOutput { bucket: BUCKET.into(), region: "ap-guangzhou".into(), object: out.into() },
            doc_process: DocProcess::default(),
        },
    }
}

#[test]
fn all_seven_operations_with_permanent_and_temporary_keys() {
    let emu = Emulator::start(&[]);
    for c in [
        creds(),
        Credentials::new("AKIDTMPEXAMPLE", "tmpsecretEXAMPLE").unwrap().with_security_token("tokenEXAMPLE").unwrap(),
    ] {
        let e = emu.endpoint();
        let r = send(
            &emu,
            &signed(doc_queue::describe_doc_process_queues(&e, &DescribeQueuesInput::default()).unwrap(), &c),
        );
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(r.header("x-ci-request-id").is_some() && r.header("date").is_some());
        let (s, h, b) = r.raw();
        let queues =
            doc_queue::parse_describe_doc_process_queues(&RawResponse { status: s, headers: &h, body: b }).unwrap();
        assert_eq!(queues.total_count, Some(1));
        let q = &queues.queue_list[0];
        assert_eq!(q.category.as_deref(), Some("DocProcessing"));
        let qid = q.queue_id.clone();
        assert!(qid.starts_with('p') && qid.len() == 33);

        let r = send(
            &emu,
            &signed(
                ai_queue::describe_ai_process_queues(
                    &e,
                    &DescribeQueuesInput { queue_ids: vec!["pnope".into()], ..Default::default() },
                )
                .unwrap(),
                &c,
            ),
        );
        let (s, h, b) = r.raw();
        let ai = ai_queue::parse_describe_ai_process_queues(&RawResponse { status: s, headers: &h, body: b }).unwrap();
        assert_eq!((ai.total_count, ai.non_exist_pids.clone()), (Some(0), vec!["pnope".to_string()]));
        let r =
            send(&emu, &signed(ai_queue::describe_ai_process_queues(&e, &DescribeQueuesInput::default()).unwrap(), &c));
        let (s, h, b) = r.raw();
        let ai = ai_queue::parse_describe_ai_process_queues(&RawResponse { status: s, headers: &h, body: b }).unwrap();
        let ai_id = ai.queue_list[0].queue_id.clone();
        assert_eq!(ai.queue_list[0].category.as_deref(), Some("AIProcess"));

        let notify = NotifyConfig { state: Some(NotifySwitch::Off), ..Default::default() };
        let upd = UpdateQueueInput {
            queue_id: qid.clone(),
            name: "renamed".into(),
            state: Some(QueueState::Active),
            notify_config: Some(notify),
        };
        let r = send(&emu, &signed(doc_queue::update_doc_process_queue(&e, &upd).unwrap(), &c));
        let (s, h, b) = r.raw();
        let out = doc_queue::parse_update_doc_process_queue(&RawResponse { status: s, headers: &h, body: b }).unwrap();
        assert_eq!(out.queue[0].name.as_deref(), Some("renamed"));
        let upd = UpdateQueueInput {
            queue_id: ai_id,
            name: "ai".into(),
            state: Some(QueueState::Paused),
            notify_config: None,
        };
        let r = send(&emu, &signed(ai_queue::update_ai_process_queue(&e, &upd).unwrap(), &c));
        let (s, h, b) = r.raw();
        let out = ai_queue::parse_update_ai_process_queue(&RawResponse { status: s, headers: &h, body: b }).unwrap();
        assert_eq!(out.queue[0].state.as_deref(), Some("Paused"));

        let r = send(
            &emu,
            &signed(create_doc_process_jobs(&e, &job_input(&qid, "a.docx", "o/${Number}.jpg")).unwrap(), &c),
        );
        let (s, h, b) = r.raw();
        let created = parse_create_doc_process_jobs(&RawResponse { status: s, headers: &h, body: b }).unwrap();
        let job_id = created.jobs_detail[0].job_id.clone();
        assert_eq!(created.jobs_detail[0].state, "Submitted");
        assert!(job_id.starts_with('d') && job_id.len() == 33);

        let r = send(
            &emu,
            &signed(describe_doc_process_job(&e, &DescribeDocProcessJobInput { job_id: job_id.clone() }).unwrap(), &c),
        );
        let (s, h, b) = r.raw();
        let one = parse_describe_doc_process_job(&RawResponse { status: s, headers: &h, body: b }).unwrap();
        assert_eq!(one.jobs_detail[0].job_id, job_id);

        let list = DescribeDocProcessJobsInput { queue_id: qid.clone(), ..Default::default() };
        let r = send(&emu, &signed(describe_doc_process_jobs(&e, &list).unwrap(), &c));
        let (s, h, b) = r.raw();
        let listed = parse_describe_doc_process_jobs(&RawResponse { status: s, headers: &h, body: b }).unwrap();
        assert!(listed.jobs_detail.iter().any(|j| j.job_id == job_id));
    }
}

fn error_code(r: &Reply) -> String {
    let (s, h, b) = r.raw();
    let e = doc_queue::parse_describe_doc_process_queues(&RawResponse { status: s, headers: &h, body: b }).unwrap_err();
    assert_eq!(e.code(), ErrorCode::ServiceError);
    e.service_code().unwrap().to_string()
}

#[test]
fn tampered_or_badly_signed_requests_are_refused() {
    let emu = Emulator::start(&[]);
    let e = emu.endpoint();
    let c = creds();
    let describe = signed(doc_queue::describe_doc_process_queues(&e, &DescribeQueuesInput::default()).unwrap(), &c);
    assert_eq!(send(&emu, &describe).status, 200);

    // A query value changed after signing.
    let t = target(&describe).replace("state=All", "state=Active");
    let r = http(&emu.addr(), "GET", &t, &emu.addr(), describe.headers(), None);
    assert_eq!((r.status, error_code(&r)), (403, "SignatureDoesNotMatch".to_string()));
    // The path changed.
    let t = target(&describe).replace("/docqueue", "/ai_queue");
    let r = http(&emu.addr(), "GET", &t, &emu.addr(), describe.headers(), None);
    assert_eq!((r.status, error_code(&r)), (403, "SignatureDoesNotMatch".to_string()));
    // A signed header changed.
    let qid = doc_queue_id(&emu, &c);
    let upd = UpdateQueueInput {
        queue_id: qid,
        name: "n".into(),
        state: Some(QueueState::Active),
        notify_config: Some(NotifyConfig::default()),
    };
    let d = signed(doc_queue::update_doc_process_queue(&e, &upd).unwrap(), &c);
    let headers: Vec<(String, String)> = d
        .headers()
        .iter()
        .map(|(n, v)| (n.clone(), if n == "Content-Type" { "text/xml".into() } else { v.clone() }))
        .collect();
    let r = http(&emu.addr(), "PUT", &target(&d), &emu.addr(), &headers, d.body());
    assert_eq!((r.status, error_code(&r)), (403, "SignatureDoesNotMatch".to_string()));
    // A listed header missing.
    let headers: Vec<(String, String)> = d.headers().iter().filter(|(n, _)| n != "Content-Type").cloned().collect();
    let r = http(&emu.addr(), "PUT", &target(&d), &emu.addr(), &headers, d.body());
    assert_eq!(r.status, 403);
    // The key time expired.
    let mut old = doc_queue::describe_doc_process_queues(&e, &DescribeQueuesInput::default()).unwrap();
    old.sign(&c, KeyTime::new(now() - 7200, now() - 3600).unwrap());
    let r = send(&emu, &old);
    assert_eq!((r.status, error_code(&r)), (403, "RequestTimeTooSkewed".to_string()));
    assert!(r.body.contains("<ServerTime>"));
    // A wrong SecretKey, an unknown SecretId, no Authorization.
    let r = send(
        &emu,
        &signed(
            doc_queue::describe_doc_process_queues(&e, &DescribeQueuesInput::default()).unwrap(),
            &Credentials::new("AKIDEXAMPLE", "wrong").unwrap(),
        ),
    );
    assert_eq!((r.status, error_code(&r)), (403, "SignatureDoesNotMatch".to_string()));
    let r = send(
        &emu,
        &signed(
            doc_queue::describe_doc_process_queues(&e, &DescribeQueuesInput::default()).unwrap(),
            &Credentials::new("AKIDNOBODY", "k").unwrap(),
        ),
    );
    assert_eq!((r.status, error_code(&r)), (403, "AccessDenied".to_string()));
    let r = send(&emu, &doc_queue::describe_doc_process_queues(&e, &DescribeQueuesInput::default()).unwrap());
    assert_eq!((r.status, error_code(&r)), (403, "AccessDenied".to_string()));
    // Temporary keys without (or with a wrong) token.
    let r = send(
        &emu,
        &signed(
            doc_queue::describe_doc_process_queues(&e, &DescribeQueuesInput::default()).unwrap(),
            &Credentials::new("AKIDTMPEXAMPLE", "tmpsecretEXAMPLE").unwrap(),
        ),
    );
    assert_eq!((r.status, error_code(&r)), (403, "AccessDenied".to_string()));
    let wrong = Credentials::new("AKIDTMPEXAMPLE", "tmpsecretEXAMPLE").unwrap().with_security_token("nope").unwrap();
    let r = send(
        &emu,
        &signed(doc_queue::describe_doc_process_queues(&e, &DescribeQueuesInput::default()).unwrap(), &wrong),
    );
    assert_eq!((r.status, error_code(&r)), (403, "AccessDenied".to_string()));
    // The JS SDKs sign host:port; accepted too.
    let d = doc_queue::describe_doc_process_queues(&e, &DescribeQueuesInput::default()).unwrap();
    let path = d.path();
    let q: Vec<(&str, &str)> = d.query().iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let addr = emu.addr();
    let req = cos_ci_wasm::sign::SignableRequest {
        method: "GET",
        path: &path,
        query: &q,
        headers: &[("Host", addr.as_str())],
        host: None,
    };
    let auth = cos_ci_wasm::sign::sign(&req, &cos_ci_wasm::sign::SigningParams::new(&c, key_time()));
    let r = http(
        &emu.addr(),
        "GET",
        &target(&d),
        &emu.addr(),
        &[("Authorization".into(), auth.authorization().to_string())],
        None,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    // An unknown bucket in the Host.
    let r = http(
        &emu.addr(),
        "GET",
        &target(&describe),
        "otherbucket-1.ci.ap-guangzhou.localhost",
        describe.headers(),
        None,
    );
    assert_eq!((r.status, error_code(&r)), (404, "NoSuchBucket".to_string()));
}

#[test]
fn security_tokens_the_emulator_did_not_issue_are_refused() {
    let emu = Emulator::start(&[]);
    let e = emu.endpoint();
    let describe = || doc_queue::describe_doc_process_queues(&e, &DescribeQueuesInput::default()).unwrap();
    // Permanent keys with a token nobody issued (signed, in x-ci-security-token),
    // and with the token of other (temporary) keys.
    for token in ["tokenEXAMPLE-not-issued", "tokenEXAMPLE"] {
        let c = creds().with_security_token(token).unwrap();
        let r = send(&emu, &signed(describe(), &c));
        assert_eq!((r.status, error_code(&r)), (403, "AccessDenied".to_string()), "{token}");
    }
    // An unsigned x-cos-security-token added to a correctly signed request,
    // with permanent and with temporary keys.
    let tmp =
        Credentials::new("AKIDTMPEXAMPLE", "tmpsecretEXAMPLE").unwrap().with_security_token("tokenEXAMPLE").unwrap();
    for c in [creds(), tmp.clone()] {
        let d = signed(describe(), &c);
        assert_eq!(send(&emu, &d).status, 200);
        let mut headers = d.headers().to_vec();
        headers.push(("x-cos-security-token".into(), "tokenEXAMPLE-not-issued".into()));
        let r = http(&emu.addr(), "GET", &target(&d), &emu.addr(), &headers, None);
        assert_eq!((r.status, error_code(&r)), (403, "AccessDenied".to_string()));
    }
    // The issued token, in either header, is still served.
    let d = signed(describe(), &tmp);
    let headers: Vec<(String, String)> =
        d.headers().iter().cloned().chain([("x-cos-security-token".to_string(), "tokenEXAMPLE".to_string())]).collect();
    assert_eq!(http(&emu.addr(), "GET", &target(&d), &emu.addr(), &headers, None).status, 200);
}

/// The path and query of a URL, for a request line.
fn target_of(url: &str) -> String {
    let after_scheme = url.split_once("://").unwrap().1;
    after_scheme[after_scheme.find('/').unwrap()..].to_string()
}

#[test]
fn doc_preview_by_signed_header_and_by_presigned_url() {
    use cos_ci_wasm::api::doc_preview::*;
    let emu = Emulator::start(&[]);
    let mut config = ClientConfig::new(BUCKET, "ap-guangzhou");
    config.endpoint = Some(emu.base.clone());
    let e = config.resolve_cos().unwrap();
    let tmp =
        Credentials::new("AKIDTMPEXAMPLE", "tmpsecretEXAMPLE").unwrap().with_security_token("tokenEXAMPLE").unwrap();
    let input = DocPreviewInput {
        key: "docs/季度 报告.docx".into(),
        page: Some(2),
        dst_type: Some(DocPreviewType::Png),
        ..Default::default()
    };
    let page = |r: &Reply| {
        let (status, headers, _) = r.raw();
        parse_doc_preview(&RawResponse { status, headers: &headers, body: "" })
    };
    // Signed in headers (x-cos-security-token for temporary keys), and presigned.
    for c in [creds(), tmp.clone()] {
        let d = signed(doc_preview(&e, &input).unwrap(), &c);
        assert_eq!(d.header("x-cos-security-token"), c.security_token());
        let r = send(&emu, &d);
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(r.bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
        let out = page(&r).unwrap();
        assert_eq!((out.total_page, out.content_type.as_deref()), (Some(5), Some("image/png")));
        assert!(out.request_id.is_some());

        let url = doc_preview(&e, &input).unwrap().presigned_url(&c, key_time());
        let r = http(&emu.addr(), "GET", &target_of(&url), &emu.addr(), &[], None);
        assert_eq!((r.status, r.header("x-total-page")), (200, Some("5")), "{url}: {}", r.body);
        // What the URL asks is what it signed: another page, or no token, is refused.
        let other = url.replace("&page=2", "&page=3");
        let r = http(&emu.addr(), "GET", &target_of(&other), &emu.addr(), &[], None);
        assert_eq!((r.status, error_code(&r)), (403, "SignatureDoesNotMatch".to_string()));
        if c.security_token().is_some() {
            let no_token = url.replace("&x-cos-security-token=tokenEXAMPLE", "");
            assert_ne!(no_token, url);
            let r = http(&emu.addr(), "GET", &target_of(&no_token), &emu.addr(), &[], None);
            assert_eq!((r.status, error_code(&r)), (403, "AccessDenied".to_string()));
        }
    }
    // Spreadsheets have sheets; a page past the end is 404 with X-ErrNo; pdf is the whole document.
    let sheet = DocPreviewInput { key: "q3.xlsx".into(), sheet: Some(2), page: Some(2), ..Default::default() };
    let r = send(&emu, &signed(doc_preview(&e, &sheet).unwrap(), &creds()));
    let out = page(&r).unwrap();
    assert_eq!(
        (out.total_page, out.total_sheet, out.sheet_name.as_deref(), out.content_type.as_deref()),
        (Some(5), Some(2), Some("Sheet2"), Some("image/jpeg"))
    );
    assert!(r.bytes.starts_with(&[0xFF, 0xD8]) && r.bytes.ends_with(&[0xFF, 0xD9]));
    let past = DocPreviewInput { page: Some(6), ..input.clone() };
    let r = send(&emu, &signed(doc_preview(&e, &past).unwrap(), &creds()));
    assert_eq!((r.status, r.header("x-errno")), (404, Some("-3013")));
    let err = page(&r).unwrap_err();
    assert_eq!((err.code(), err.service_details().unwrap().status), (ErrorCode::ServiceError, 404));
    let pdf = DocPreviewInput { dst_type: Some(DocPreviewType::Pdf), ..input.clone() };
    let r = send(&emu, &signed(doc_preview(&e, &pdf).unwrap(), &creds()));
    assert_eq!(r.header("content-type"), Some("application/pdf"));
    assert!(r.bytes.starts_with(b"%PDF-"));
    // The CI endpoint is not where a preview goes.
    let ci = doc_preview(&emu.endpoint(), &input).unwrap_err();
    assert_eq!(ci.field(), Some("Endpoint"));
}

#[test]
fn with_objects_given_other_keys_do_not_exist() {
    use cos_ci_wasm::api::doc_preview::*;
    let emu = Emulator::start(&["--object", "docs/a.docx", "--object", "docs/b.xlsx", "--manual-jobs"]);
    let mut config = ClientConfig::new(BUCKET, "ap-guangzhou");
    config.endpoint = Some(emu.base.clone());
    let e = config.resolve_cos().unwrap();
    let preview = |key: &str| {
        let input = DocPreviewInput { key: key.into(), ..Default::default() };
        let r = send(&emu, &signed(doc_preview(&e, &input).unwrap(), &creds()));
        let (status, headers, body) = r.raw();
        parse_doc_preview(&RawResponse { status, headers: &headers, body })
    };
    assert_eq!(preview("docs/a.docx").unwrap().total_page, Some(5));
    assert_eq!(preview("docs/b.xlsx").unwrap().sheet_name.as_deref(), Some("Sheet1"));
    let missing = preview("docs/c.docx").unwrap_err();
    assert_eq!((missing.status_code(), missing.service_code()), (Some(404), Some("NoSuchKey")));
    assert!(missing.request_id().is_some());

    // A job whose input is not an object ends Failed with NoSuchKey; one whose input is ends Success.
    let qid = doc_queue_id(&emu, &creds());
    let (ok, gone) = (
        create(&emu, &job_input(&qid, "docs/a.docx", "o/${Number}.jpg")),
        create(&emu, &job_input(&qid, "docs/gone.docx", "o/${Number}.jpg")),
    );
    advance(&emu);
    advance(&emu);
    assert_eq!(get_job(&emu, &ok).state, "Success");
    let failed = get_job(&emu, &gone);
    assert_eq!((failed.state.as_str(), failed.code.as_deref()), ("Failed", Some("NoSuchKey")));
}

#[test]
fn bad_bodies_and_parameters_are_refused() {
    let emu = Emulator::start(&[]);
    let c = creds();
    let qid = doc_queue_id(&emu, &c);
    let e = emu.endpoint();
    // A body that is not well-formed XML, correctly signed.
    let bad_body = "<Request><Input><Object>a.docx</Object></Input>";
    let length = bad_body.len().to_string();
    let headers = [("Content-Type", "application/xml"), ("Content-Length", length.as_str())];
    let req = cos_ci_wasm::sign::SignableRequest {
        method: "POST",
        path: "/doc_jobs",
        query: &[],
        headers: &headers,
        host: Some("127.0.0.1"),
    };
    let auth = cos_ci_wasm::sign::sign(&req, &cos_ci_wasm::sign::SigningParams::new(&c, key_time()));
    let wire: Vec<(String, String)> = headers
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .chain([("Authorization".to_string(), auth.authorization().to_string())])
        .collect();
    let r = http(&emu.addr(), "POST", "/doc_jobs", &emu.addr(), &wire, Some(bad_body));
    assert_eq!((r.status, error_code(&r)), (400, "MalformedXML".to_string()));
    let list = DescribeDocProcessJobsInput { queue_id: qid.clone(), ..Default::default() };
    let d = signed(describe_doc_process_jobs(&e, &list).unwrap(), &c);
    assert_eq!(send(&emu, &d).status, 200);
    let mut bad = job_input("pdoesnotexist", "a.docx", "o/${Number}.jpg");
    bad.queue_id = Some("pdoesnotexist".into());
    let r = send(&emu, &signed(create_doc_process_jobs(&e, &bad).unwrap(), &c));
    assert_eq!((r.status, error_code(&r)), (400, "InvalidArgument".to_string()));
}

fn advance(emu: &Emulator) {
    let r = http(&emu.addr(), "POST", "/-/emulator/advance", &emu.addr(), &[], None);
    assert_eq!(r.status, 200);
}

fn get_job(emu: &Emulator, id: &str) -> JobDetail {
    let d = signed(
        describe_doc_process_job(&emu.endpoint(), &DescribeDocProcessJobInput { job_id: id.into() }).unwrap(),
        &creds(),
    );
    let r = send(emu, &d);
    let (s, h, b) = r.raw();
    parse_describe_doc_process_job(&RawResponse { status: s, headers: &h, body: b }).unwrap().jobs_detail.remove(0)
}

fn create(emu: &Emulator, input: &CreateDocProcessJobsInput) -> String {
    let r = send(emu, &signed(create_doc_process_jobs(&emu.endpoint(), input).unwrap(), &creds()));
    let (s, h, b) = r.raw();
    parse_create_doc_process_jobs(&RawResponse { status: s, headers: &h, body: b }).unwrap().jobs_detail[0]
        .job_id
        .clone()
}

fn uris(j: &JobDetail) -> Vec<(u32, String)> {
    let r = j.operation.as_ref().unwrap().doc_process_result.as_ref().unwrap();
    r.page_info.iter().map(|p| (p.page_no.unwrap(), p.tgt_uri.clone().unwrap())).collect()
}

#[test]
fn jobs_move_step_by_step_and_a_paused_queue_holds_them() {
    let emu = Emulator::start(&["--manual-jobs", "--pages", "5", "--sheets", "2"]);
    let c = creds();
    let qid = doc_queue_id(&emu, &c);
    let pause = |state| {
        let upd = UpdateQueueInput {
            queue_id: qid.clone(),
            name: "q".into(),
            state: Some(state),
            notify_config: Some(NotifyConfig::default()),
        };
        assert_eq!(
            send(&emu, &signed(doc_queue::update_doc_process_queue(&emu.endpoint(), &upd).unwrap(), &c)).status,
            200
        );
    };
    let mut by_number = job_input(&qid, "docs/a.pptx", "/out/a_${Number}.jpg");
    by_number.operation.doc_process.page_ranges = Some("2,4-5".into());
    let by_number = create(&emu, &by_number);
    let mut by_page = job_input(&qid, "docs/b.docx", "out/b_${Page}.png");
    by_page.operation.doc_process.start_page = Some(3);
    by_page.operation.doc_process.end_page = Some(4);
    let by_page = create(&emu, &by_page);
    let mut sheets = job_input(&qid, "s.xlsx", "/x/${SheetID}/s_${Number}.jpg");
    sheets.operation.doc_process.sheet_id = Some(0);
    sheets.operation.doc_process.end_page = Some(2);
    let sheets = create(&emu, &sheets);
    let failing = create(&emu, &job_input(&qid, "fail-me.docx", "o/${Number}.jpg"));

    pause(QueueState::Paused);
    advance(&emu);
    assert_eq!(get_job(&emu, &by_number).state, "Submitted", "a paused queue holds its jobs");
    pause(QueueState::Active);
    advance(&emu);
    assert_eq!(get_job(&emu, &by_number).state, "Running");
    advance(&emu);
    let j = get_job(&emu, &by_number);
    assert_eq!(j.state, "Success");
    assert_eq!(uris(&j), [(2, "out/a_1.jpg".into()), (4, "out/a_2.jpg".into()), (5, "out/a_3.jpg".into())]);
    let r = j.operation.as_ref().unwrap().doc_process_result.as_ref().unwrap();
    assert_eq!((r.total_page_count, r.succ_page_count, r.fail_page_count), (Some(5), Some(3), Some(0)));
    assert_eq!(uris(&get_job(&emu, &by_page)), [(3, "out/b_3.png".into()), (4, "out/b_4.png".into())]);
    assert_eq!(
        uris(&get_job(&emu, &sheets)),
        [(1, "x/1/s_1.jpg".into()), (2, "x/1/s_2.jpg".into()), (1, "x/2/s_1.jpg".into()), (2, "x/2/s_2.jpg".into())]
    );
    let f = get_job(&emu, &failing);
    assert_eq!(f.state, "Failed");
    assert!(f.code.is_some() && f.message.is_some());
}

#[test]
fn jobs_finish_on_their_own_by_default() {
    let emu = Emulator::start(&["--job-start-ms", "10", "--job-run-ms", "10"]);
    let qid = doc_queue_id(&emu, &creds());
    let id = create(&emu, &job_input(&qid, "a.pdf", "o/${Page}.jpg"));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let j = get_job(&emu, &id);
        if j.state == "Success" {
            assert_eq!(uris(&j).len(), 5);
            break;
        }
        assert!(std::time::Instant::now() < deadline, "job did not finish");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn pagination_of_250_jobs_returns_each_exactly_once() {
    let emu = Emulator::start(&["--manual-jobs"]);
    let c = creds();
    let qid = doc_queue_id(&emu, &c);
    let mut created: Vec<String> =
        (0..250).map(|i| create(&emu, &job_input(&qid, &format!("d{i}.docx"), "o/${Number}.jpg"))).collect();
    for order in [OrderByTime::Asc, OrderByTime::Desc] {
        let mut seen: Vec<String> = Vec::new();
        let mut token = None;
        let mut pages = 0;
        loop {
            let input = DescribeDocProcessJobsInput {
                queue_id: qid.clone(),
                size: Some(100),
                order_by_time: Some(order),
                next_token: token.clone(),
                ..Default::default()
            };
            let r = send(&emu, &signed(describe_doc_process_jobs(&emu.endpoint(), &input).unwrap(), &c));
            let (s, h, b) = r.raw();
            let out = parse_describe_doc_process_jobs(&RawResponse { status: s, headers: &h, body: b }).unwrap();
            seen.extend(out.jobs_detail.iter().map(|j| j.job_id.clone()));
            pages += 1;
            match out.next_token {
                Some(t) => token = Some(t),
                None => break,
            }
        }
        assert_eq!(pages, 3);
        if order == OrderByTime::Desc {
            seen.reverse();
        }
        assert_eq!(seen, created, "{order}");
    }
    created.clear();
}

#[test]
fn cors_preflight_and_exposed_headers() {
    let emu = Emulator::start(&[]);
    let r = http(
        &emu.addr(),
        "OPTIONS",
        "/docqueue",
        &emu.addr(),
        &[
            ("Origin".into(), "http://localhost:3000".into()),
            ("Access-Control-Request-Method".into(), "PUT".into()),
            ("Access-Control-Request-Headers".into(), "authorization,content-type,x-ci-security-token".into()),
        ],
        None,
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.header("access-control-allow-origin"), Some("http://localhost:3000"));
    assert!(r.header("access-control-allow-headers").unwrap().contains("x-ci-security-token"));
    assert!(r.header("access-control-allow-methods").unwrap().contains("PUT"));
    let d = signed(
        doc_queue::describe_doc_process_queues(&emu.endpoint(), &DescribeQueuesInput::default()).unwrap(),
        &creds(),
    );
    let r = send(&emu, &d);
    let exposed = r.header("access-control-expose-headers").unwrap();
    assert!(exposed.contains("Date") && exposed.contains("x-ci-request-id"));
}

#[test]
fn injected_failures_and_clock_skew() {
    let emu = Emulator::start(&[]);
    let r = http(&emu.addr(), "POST", "/-/emulator/faults?failNext=2&status=503", &emu.addr(), &[], None);
    assert_eq!(r.status, 200);
    let d = signed(
        doc_queue::describe_doc_process_queues(&emu.endpoint(), &DescribeQueuesInput::default()).unwrap(),
        &creds(),
    );
    for _ in 0..2 {
        let r = send(&emu, &d);
        assert_eq!((r.status, error_code(&r)), (503, "ServiceUnavailable".to_string()));
    }
    assert_eq!(send(&emu, &d).status, 200);
    let r = http(&emu.addr(), "POST", "/-/emulator/faults?skew=7200", &emu.addr(), &[], None);
    assert_eq!(r.status, 200);
    let r = send(&emu, &d);
    assert_eq!((r.status, error_code(&r)), (403, "RequestTimeTooSkewed".to_string()));
}

#[test]
fn hostile_clients_and_fault_values_leave_it_serving() {
    let emu = Emulator::start(&[]);
    let d = signed(
        doc_queue::describe_doc_process_queues(&emu.endpoint(), &DescribeQueuesInput::default()).unwrap(),
        &creds(),
    );
    // A client that announces 10 bytes, sends 3 and goes away.
    let mut s = TcpStream::connect(emu.addr()).unwrap();
    s.write_all(b"PUT /docqueue/p1 HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc").unwrap();
    drop(s);
    // A query value that holds a URL is a query value (the target is not an absolute URL).
    let r = http(&emu.addr(), "POST", "/-/emulator/faults?contentType=http://h/x", &emu.addr(), &[], None);
    assert_eq!(r.status, 200, "{}", r.body);
    // Fault values a status line or a header cannot carry.
    for bad in ["status=0", "status=99", "status=1000", "status=x"] {
        let r = http(&emu.addr(), "POST", &format!("/-/emulator/faults?failNext=1&{bad}"), &emu.addr(), &[], None);
        assert_eq!(r.status, 400, "{bad}");
    }
    let r = http(&emu.addr(), "POST", "/-/emulator/faults?contentTypeNext=1&contentType=a%0Ab", &emu.addr(), &[], None);
    assert_eq!(r.status, 200);
    let r = send(&emu, &d);
    assert_eq!((r.status, r.header("content-type")), (200, Some("text/plain")));
    assert_eq!(send(&emu, &d).status, 200, "still serving");
}

#[test]
fn cli_help_and_refusals() {
    let out = emulator_command().arg("--help").output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    for flag in [
        "--port",
        "--bucket",
        "--region",
        "--credentials",
        "--manual-jobs",
        "--clock-skew",
        "--fail-next",
        "--delay-ms",
    ] {
        assert!(help.contains(flag), "{flag}");
    }
    let out = emulator_command().args(["--listen", "0.0.0.0"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "non-loopback needs --allow-remote");
}

/// Signs and sends an update whose body the crate's builder would refuse
/// (a loopback callback URL), as a client talking to the emulator may.
fn update_with_raw_body(emu: &Emulator, queue: &str, body: &str) -> Reply {
    let length = body.len().to_string();
    let headers = [("Content-Type", "application/xml"), ("Content-Length", length.as_str())];
    let path = format!("/docqueue/{queue}");
    let req = cos_ci_wasm::sign::SignableRequest {
        method: "PUT",
        path: &path,
        query: &[],
        headers: &headers,
        host: Some("127.0.0.1"),
    };
    let auth = cos_ci_wasm::sign::sign(&req, &cos_ci_wasm::sign::SigningParams::new(&creds(), key_time()));
    let wire: Vec<(String, String)> = headers
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .chain([("Authorization".to_string(), auth.authorization().to_string())])
        .collect();
    http(&emu.addr(), "PUT", &path, &emu.addr(), &wire, Some(body))
}

#[test]
fn task_finish_callbacks_in_json_and_xml() {
    for (format, content_type) in [("JSON", "application/json"), ("XML", "application/xml")] {
        let receiver = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let cb_url = format!("http://{}/ci/callback", receiver.local_addr().unwrap());
        let emu = Emulator::start(&["--manual-jobs", "--allow-local-callbacks"]);
        let qid = doc_queue_id(&emu, &creds());
        let body = format!(
            "<Request><Name>q</Name><QueueID>{qid}</QueueID><State>Active</State><NotifyConfig><Type>Url</Type><Url>{cb_url}</Url><Event>TaskFinish</Event><State>On</State><ResultFormat>{format}</ResultFormat></NotifyConfig></Request>"
        );
        let r = update_with_raw_body(&emu, &qid, &body);
        assert_eq!(r.status, 200, "{}", r.body);
        let id = create(&emu, &job_input(&qid, "a.docx", "o/${Number}.jpg"));
        advance(&emu);
        advance(&emu);
        receiver.set_nonblocking(false).unwrap();
        let (mut conn, _) = receiver.accept().unwrap();
        conn.set_read_timeout(Some(std::time::Duration::from_secs(5))).unwrap();
        let mut raw = Vec::new();
        let mut buf = [0u8; 4096];
        while !String::from_utf8_lossy(&raw).contains("\r\n\r\n") || {
            let text = String::from_utf8_lossy(&raw).to_string();
            let (head, body) = text.split_once("\r\n\r\n").unwrap();
            let len: usize = head.lines().find_map(|l| l.strip_prefix("Content-Length: ")).unwrap().parse().unwrap();
            body.len() < len
        } {
            let n = conn.read(&mut buf).unwrap();
            assert!(n > 0, "callback ended early");
            raw.extend_from_slice(&buf[..n]);
        }
        conn.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").unwrap();
        let text = String::from_utf8(raw).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("POST /ci/callback HTTP/1.1"), "{head}");
        assert!(head.contains(&format!("Content-Type: {content_type}")), "{head}");
        if format == "JSON" {
            let v: serde_json::Value = serde_json::from_str(body).unwrap();
            assert_eq!(v["EventName"], "TaskFinish");
            assert_eq!(v["JobsDetail"]["JobId"], id.as_str());
            assert_eq!(v["JobsDetail"]["State"], "Success");
        } else {
            let out = parse_describe_doc_process_job(&RawResponse::new(200, body)).unwrap();
            assert_eq!(out.jobs_detail[0].job_id, id);
            assert!(body.contains("<EventName>TaskFinish</EventName>"));
        }
    }
}

#[test]
fn loopback_callbacks_are_refused_without_the_flag() {
    let emu = Emulator::start(&[]);
    let qid = doc_queue_id(&emu, &creds());
    let body = format!(
        "<Request><Name>q</Name><QueueID>{qid}</QueueID><State>Active</State><NotifyConfig><Type>Url</Type><Url>http://127.0.0.1:9/cb</Url><Event>TaskFinish</Event><State>On</State></NotifyConfig></Request>"
    );
    let r = update_with_raw_body(&emu, &qid, &body);
    assert_eq!((r.status, error_code(&r)), (400, "InvalidArgument".to_string()));
}

#[test]
fn truncated_bodies_and_closed_connections() {
    let emu = Emulator::start(&[]);
    let d = signed(
        doc_queue::describe_doc_process_queues(&emu.endpoint(), &DescribeQueuesInput::default()).unwrap(),
        &creds(),
    );
    let whole = send(&emu, &d);
    let r = http(&emu.addr(), "POST", "/-/emulator/faults?truncateNext=1&closeNext=1", &emu.addr(), &[], None);
    assert_eq!(r.status, 200);
    // Close (it wins when both are set): the head arrives, then the connection
    // closes with none of the announced body.
    let r = send(&emu, &d);
    assert_eq!(r.status, 200);
    assert!(r.body.is_empty() && r.header("content-length").unwrap() != "0");
    // Truncate: the head announces the whole body, half of it arrives.
    let r = send(&emu, &d);
    assert_eq!(r.status, 200);
    let announced: usize = r.header("content-length").unwrap().parse().unwrap();
    assert_eq!(announced, whole.body.len());
    assert!(!r.body.is_empty() && r.body.len() < announced, "{} of {announced}", r.body.len());
    let (s, h, b) = r.raw();
    let e = doc_queue::parse_describe_doc_process_queues(&RawResponse { status: s, headers: &h, body: b }).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidXml, "{e}");
    // Then whole responses again.
    let again = send(&emu, &d);
    assert_eq!(again.body.len(), whole.body.len());
    assert_eq!(again.header("content-length"), Some(whole.body.len().to_string().as_str()));
}

#[test]
fn exits_cleanly_on_sigterm_and_sigint() {
    for signal in ["-TERM", "-INT"] {
        let mut emu = Emulator::start(&[]);
        let status = Command::new("kill").args([signal, &emu.child.id().to_string()]).status().unwrap();
        assert!(status.success());
        let code = emu.child.wait().unwrap();
        assert!(code.success(), "{signal}: {code:?}");
    }
}
