//! The emulated service, sans I/O: a request and the current time in, a reply
//! (and the notifications to send) out. No sockets, threads, sleeps or clock:
//! the native binary (tokio/hyper) and the npm package (Node `http`, or no
//! sockets at all) are shells around it.
//!
//! A request goes through two steps, so that a shell can wait between them
//! as the `--delay-ms` fault asks, with the request not yet carried out:
//! [`Emulator::receive`] takes the request (its id, the fail fault, the delay)
//! and [`Emulator::respond`] carries it out. [`Emulator::handle`] does both.

use crate::auth::{verify, WireRequest};
use crate::config::Config;
use crate::error::ApiError;
use crate::preview;
use crate::render::{self, Xml};
use crate::state::{Callback, Job, JobState, QueueKind, State, FAULTS};
use crate::time;
use cos_ci_wasm::__emulator::{self, Decoded};
use cos_ci_wasm::{ClientConfig, ErrorCode};

/// Largest request body accepted (larger: 413 `EntityTooLarge`).
pub const MAX_BODY: usize = 1 << 20;

/// A request as it arrived.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub method: String,
    /// The request target: `/path?query` (or an absolute URL), still encoded.
    pub target: String,
    /// Headers as received, in order.
    pub headers: Vec<(String, String)>,
    /// The body; `None` when it was larger than [`MAX_BODY`] (a shell need not keep more).
    pub body: Option<Vec<u8>>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// A request taken in by [`Emulator::receive`], to be carried out by
/// [`Emulator::respond`] after `delay_ms`.
#[derive(Debug)]
pub struct Received {
    request: Request,
    request_id: String,
    /// An injected failure: status and `Retry-After` seconds.
    fail: Option<(u16, u32)>,
    /// How long the shell waits before [`Emulator::respond`] (the `--delay-ms` fault).
    pub delay_ms: u64,
}

/// What to send back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Send only this many bytes of `body`, then close the connection, with
    /// `Content-Length` announcing the whole body (the truncate and close faults).
    pub cut: Option<usize>,
    /// Wait this long before sending (the slow fault: the request has been carried out).
    pub delay_ms: u64,
    /// TaskFinish notifications to POST (from `/-/emulator/advance`).
    pub callbacks: Vec<Callback>,
    /// The operation the request was decoded as (`None`: not one, or refused before).
    pub operation: Option<&'static str>,
}

impl Reply {
    fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Reply {
            status,
            headers: vec![("content-type".into(), content_type.into())],
            body: body.into(),
            cut: None,
            delay_ms: 0,
            callbacks: Vec::new(),
            operation: None,
        }
    }

    fn xml(status: u16, body: String) -> Self {
        Self::new(status, "application/xml", body)
    }

    fn set(&mut self, name: &str, value: impl Into<String>) {
        let value = value.into();
        match self.headers.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
            Some(h) => h.1 = value,
            None => self.headers.push((name.to_string(), value)),
        }
    }

    /// A header's value (names are case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// The emulated service: configuration, buckets, queues, jobs and faults.
#[derive(Debug)]
pub struct Emulator {
    config: Config,
    state: State,
    request_seq: u64,
}

/// Percent-decoding; `plus` turns `+` into a space (query strings).
fn decode(s: &str, plus: bool) -> Result<String, ApiError> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok());
                out.push(hex.ok_or_else(|| ApiError::invalid("malformed percent-encoding in the URL"))?);
                i += 3;
                continue;
            }
            b'+' if plus => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| ApiError::invalid("the URL does not decode to UTF-8"))
}

fn decode_query(raw: &str) -> Result<Vec<(String, String)>, ApiError> {
    raw.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (n, v) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((decode(n, true)?, decode(v, true)?))
        })
        .collect()
}

/// `/path?query` of a request target, and its authority when it is an absolute URL
/// (absolute-form: it does not start with `/`).
fn split_target(target: &str) -> (Option<&str>, &str, &str) {
    let (authority, rest) = match target.split_once("://").filter(|_| !target.starts_with('/')) {
        Some((_, after)) => match after.find('/') {
            Some(i) => (Some(&after[..i]), &after[i..]),
            None => (Some(after), "/"),
        },
        None => (None, target),
    };
    let rest = rest.split('#').next().unwrap_or_default();
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    (authority, path, query)
}

/// The bucket a Host addresses: `<Bucket>.ci.<Region>.<domain>` or
/// `<Bucket>.cos.<Region>.<domain>`, else the default.
fn bucket_of(host: &str, config: &Config) -> String {
    let hostname = host.split(':').next().unwrap_or("");
    let labels: Vec<&str> = hostname.split('.').collect();
    if labels.len() >= 4 && (labels[1] == "ci" || labels[1] == "cos") {
        return labels[0].to_string();
    }
    config.buckets[0].clone()
}

/// Takes one from a fault counter: true when it was above zero.
fn take(counter: &mut u32) -> bool {
    let some = *counter > 0;
    if some {
        *counter -= 1;
    }
    some
}

const EXPOSED_HEADERS: &str = "Date, x-ci-request-id, x-cos-request-id, Content-Length, Content-Type, Retry-After, X-Total-Page, X-Total-Sheet, X-Sheet-Name, X-ErrNo";

impl Emulator {
    /// The service of `config`, started at `now_ms` (Unix milliseconds).
    pub fn new(config: Config, now_ms: u64) -> Self {
        let state = State::new(&config, now_ms);
        Emulator { config, state, request_seq: 0 }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Takes a request in: gives it its id and decides the injected failure.
    pub fn receive(&mut self, request: Request, now_ms: u64) -> Received {
        let request_id = format!("{:08x}{:016x}", self.request_seq, now_ms);
        self.request_seq += 1;
        let (_, path, _) = split_target(&request.target);
        let serviced = request.method != "OPTIONS" && !path.starts_with("/-/emulator/");
        let f = &mut self.state.faults;
        let fail = (serviced && take(&mut f.fail_next)).then_some((f.fail_status, f.retry_after));
        let delay_ms = if serviced { f.delay_ms } else { 0 };
        Received { request, request_id, fail, delay_ms }
    }

    /// Carries a received request out.
    pub fn respond(&mut self, received: Received, now_ms: u64) -> Reply {
        let Received { request, request_id, fail, .. } = received;
        let (_, path, _) = split_target(&request.target);
        let control = path.starts_with("/-/emulator/");
        let origin = request.header("origin").map(str::to_string);
        let mut operation = None;
        let mut reply = match self.route(&request, &request_id, fail, now_ms, &mut operation) {
            Ok(r) => r,
            Err(e) => Reply::xml(e.status, render::error(&e, &request_id)),
        };
        reply.operation = operation;
        let reply = if control { reply } else { self.damage(reply) };
        self.with_headers(reply, &request_id, origin.as_deref(), now_ms)
    }

    /// [`Self::receive`] and [`Self::respond`] at once (no delay).
    pub fn handle(&mut self, request: Request, now_ms: u64) -> Reply {
        let received = self.receive(request, now_ms);
        self.respond(received, now_ms)
    }

    /// Moves the jobs whose time has come (the automatic schedule; nothing
    /// with `--manual-jobs`): how many moved, and the notifications of the jobs
    /// that ended.
    pub fn tick(&mut self, now_ms: u64) -> (usize, Vec<Callback>) {
        if self.config.manual_jobs {
            return (0, Vec::new());
        }
        self.state.tick(&self.config, now_ms)
    }

    /// Moves every movable job one step, as `POST /-/emulator/advance` does:
    /// how many moved, and the notifications of the jobs that ended.
    pub fn advance(&mut self, now_ms: u64) -> (usize, Vec<Callback>) {
        self.state.advance(&self.config, now_ms)
    }

    fn with_headers(&self, mut reply: Reply, request_id: &str, origin: Option<&str>, now_ms: u64) -> Reply {
        reply.set("x-ci-request-id", request_id);
        reply.set("date", time::http_date(time::secs(now_ms, self.state.faults.skew)));
        reply.set("server", "cos-ci-emulator");
        match origin {
            Some(o) => {
                reply.set("access-control-allow-origin", o);
                reply.set("vary", "Origin");
            }
            None => reply.set("access-control-allow-origin", "*"),
        }
        reply.set("access-control-expose-headers", EXPOSED_HEADERS);
        reply
    }

    /// The faults that change an answer:
    /// - html: a 200 HTML sign-in page instead of the answer;
    /// - content type: the answer with another `Content-Type`;
    /// - truncate / close: only half of the body (truncate) or none of it
    ///   (close) is sent, then the connection is closed;
    /// - slow: the answer (the request has been carried out) is sent late, so a
    ///   client that gives up meanwhile does not undo it.
    fn damage(&mut self, mut reply: Reply) -> Reply {
        let f = &mut self.state.faults;
        let html = take(&mut f.html_next);
        let content_type = (!html && take(&mut f.content_type_next)).then(|| f.content_type.clone());
        let close = !html && take(&mut f.close_next);
        let truncate = !html && !close && take(&mut f.truncate_next);
        if take(&mut f.slow_next) {
            reply.delay_ms = f.slow_ms;
        }
        if html {
            let body = "<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><form action=\"/login\"></form></body></html>";
            let mut r = Reply::new(200, "text/html; charset=utf-8", body);
            r.delay_ms = reply.delay_ms;
            r.operation = reply.operation;
            return r;
        }
        if let Some(ct) = content_type {
            reply.set("content-type", ct);
        }
        if close {
            reply.cut = Some(0);
        } else if truncate {
            reply.cut = Some(reply.body.len() / 2);
        }
        reply
    }

    fn route(
        &mut self,
        request: &Request,
        request_id: &str,
        fail: Option<(u16, u32)>,
        now_ms: u64,
        operation: &mut Option<&'static str>,
    ) -> Result<Reply, ApiError> {
        let method = request.method.as_str();
        let (authority, raw_path, raw_query) = split_target(&request.target);

        if method == "OPTIONS" {
            let mut r = Reply::new(200, "text/plain", Vec::new());
            r.headers.clear();
            r.set("access-control-allow-methods", "GET, PUT, POST, DELETE, HEAD, OPTIONS");
            r.set("access-control-allow-headers", request.header("access-control-request-headers").unwrap_or("*"));
            r.set("access-control-max-age", "600");
            return Ok(r);
        }
        if let Some(control) = raw_path.strip_prefix("/-/emulator/") {
            return self.control_endpoint(method, control, raw_query, now_ms);
        }

        if let Some((status, retry_after)) = fail {
            let code = if status == 503 { "ServiceUnavailable" } else { "InternalError" };
            let e = ApiError::new(status, code, "injected failure");
            if retry_after > 0 {
                let mut r = Reply::xml(e.status, render::error(&e, request_id));
                r.set("retry-after", retry_after.to_string());
                return Ok(r);
            }
            return Err(e);
        }

        let body = request
            .body
            .as_ref()
            .ok_or_else(|| ApiError::new(413, "EntityTooLarge", "the request body is too large"))?;
        if body.len() > MAX_BODY {
            return Err(ApiError::new(413, "EntityTooLarge", "the request body is too large"));
        }
        let body = std::str::from_utf8(body).map_err(|_| ApiError::malformed("the body is not UTF-8"))?;
        let host = request.header("host").or(authority).unwrap_or_default().to_string();
        let path = decode(raw_path, false)?;
        let query = decode_query(raw_query)?;

        let bucket = bucket_of(&host, &self.config);
        if !self.config.buckets.contains(&bucket) {
            return Err(ApiError::new(404, "NoSuchBucket", format!("The specified bucket {bucket} does not exist.")));
        }
        let now = time::secs(now_ms, self.state.faults.skew);
        let wire = WireRequest { method, path: &path, query: &query, headers: &request.headers };
        let mut credentials = self.config.credentials.clone();
        credentials.extend(self.state.issued.iter().map(|i| i.credential.clone()));
        let signer = verify(&wire, &credentials, now)?;
        if let Some(i) = self.state.issued.iter().find(|i| i.credential.id == signer.id) {
            if now >= i.expires {
                return Err(ApiError::new(400, "ExpiredToken", "The provided token has expired."));
            }
        }

        // The operation and its parameters, read and checked by the operation table the
        // client builds requests with.
        let Some(decoded) = __emulator::decode(method, &path, &query, body).map_err(core_error)? else {
            return Err(ApiError::new(
                501,
                "NotImplemented",
                format!("the emulator does not implement {method} {path}"),
            ));
        };
        *operation = Some(decoded.operation());
        let mut ctx = Ctx { emu: self, bucket: &bucket, request_id, now_ms };
        match decoded.operation() {
            "DescribeDocProcessQueues" => ctx.describe_queues(QueueKind::Doc, &decoded),
            "DescribeAiProcessQueues" => ctx.describe_queues(QueueKind::Ai, &decoded),
            "UpdateDocProcessQueue" => ctx.update_queue(QueueKind::Doc, &decoded),
            "UpdateAiProcessQueue" => ctx.update_queue(QueueKind::Ai, &decoded),
            "CreateDocProcessJobs" => ctx.create_job(decoded),
            "DescribeDocProcessJob" => ctx.describe_job(&decoded),
            "DescribeDocProcessJobs" => ctx.list_jobs(&decoded),
            "DocPreview" => ctx.doc_preview(&decoded),
            other => Err(ApiError::new(501, "NotImplemented", format!("the emulator does not implement {other}"))),
        }
    }

    fn control_endpoint(&mut self, method: &str, what: &str, raw_query: &str, now_ms: u64) -> Result<Reply, ApiError> {
        if method != "POST" {
            return Err(ApiError::new(405, "MethodNotAllowed", "control endpoints take POST"));
        }
        match what {
            "advance" => {
                let (moved, callbacks) = self.advance(now_ms);
                let mut r = Reply::xml(200, format!("<Advanced><Jobs>{moved}</Jobs></Advanced>"));
                r.callbacks = callbacks;
                Ok(r)
            }
            "faults" => {
                // All or nothing: a refused value leaves every fault as it was.
                let query = decode_query(raw_query)?;
                let mut faults = self.state.faults.clone();
                for (k, v) in &query {
                    let bad = || ApiError::invalid(format!("faults: invalid {k}={v}"));
                    let fault = FAULTS.iter().find(|f| f.name == k).ok_or_else(bad)?;
                    fault.set(&mut faults, v).ok_or_else(bad)?;
                }
                self.state.faults = faults;
                Ok(Reply::xml(200, "<Faults/>".into()))
            }
            "sts" => {
                // Mints temporary keys valid for `seconds` (default 1800), as an STS
                // GetFederationToken answer reduced to what getCredentials returns.
                let query = decode_query(raw_query)?;
                let seconds: i64 = match query.iter().find(|(k, _)| k == "seconds") {
                    Some((_, v)) => v.parse().map_err(|_| ApiError::invalid(format!("sts: invalid seconds={v}")))?,
                    None => 1800,
                };
                let st = &mut self.state;
                let now = time::secs(now_ms, st.faults.skew);
                let credential = crate::config::Credential {
                    id: format!("AKIDSTS{}", &st.id('k')[1..17]),
                    key: st.id('s'),
                    token: Some(st.id('t')),
                };
                let body = format!(
                    r#"{{"TmpSecretId":"{}","TmpSecretKey":"{}","SecurityToken":"{}","StartTime":{now},"ExpiredTime":{}}}"#,
                    credential.id,
                    credential.key,
                    credential.token.as_deref().unwrap_or_default(),
                    now.saturating_add(seconds)
                );
                st.issued.push(crate::state::Issued { credential, expires: now.saturating_add(seconds) });
                Ok(Reply::new(200, "application/json", body))
            }
            _ => Err(ApiError::new(404, "NotFound", "unknown control endpoint")),
        }
    }
}

struct Ctx<'a> {
    emu: &'a mut Emulator,
    bucket: &'a str,
    request_id: &'a str,
    now_ms: u64,
}

/// The bucket vanished between routing and the operation (it cannot: buckets
/// are fixed at start-up), reported as the service would.
fn no_bucket() -> ApiError {
    ApiError::new(404, "NoSuchBucket", "The specified bucket does not exist.")
}

/// A request the table's rules refuse, as the service reports it: a body that
/// is not XML is MalformedXML, anything else InvalidArgument.
fn core_error(e: cos_ci_wasm::Error) -> ApiError {
    match e.code() {
        ErrorCode::InvalidXml => {
            ApiError::malformed(format!("The XML you provided was not well-formed: {}", e.message()))
        }
        _ => ApiError::invalid(e.to_string()),
    }
}

impl Ctx<'_> {
    fn config(&self) -> ClientConfig {
        ClientConfig::new(self.bucket, self.emu.config.region.clone())
    }

    fn now(&self) -> i64 {
        time::secs(self.now_ms, self.emu.state.faults.skew)
    }

    /// Checks the request by the table's rules, as the client does before sending.
    fn check(&self, request: &Decoded) -> Result<(), ApiError> {
        request.check(&self.config()).map(drop).map_err(core_error)
    }

    fn describe_queues(&mut self, kind: QueueKind, request: &Decoded) -> Result<Reply, ApiError> {
        self.check(request)?;
        let ids = request.list("QueueIds");
        let state = request.text("State").unwrap_or_else(|| "All".into());
        let page_number = request.int("PageNumber").unwrap_or(1) as usize;
        let page_size = request.int("PageSize").unwrap_or(10) as usize;
        let bucket = self.emu.state.bucket(self.bucket).ok_or_else(no_bucket)?;
        let of_kind: Vec<_> = bucket.queues.iter().filter(|q| q.kind == kind).collect();
        let matching: Vec<_> = of_kind
            .iter()
            .filter(|q| ids.is_empty() || ids.contains(&q.id))
            .filter(|q| state == "All" || q.state == state)
            .collect();
        let mut x = Xml::new("Response");
        x.leaf("RequestId", self.request_id);
        x.leaf("TotalCount", &matching.len().to_string());
        x.leaf("PageNumber", &page_number.to_string()).leaf("PageSize", &page_size.to_string());
        let skip = (page_number - 1).saturating_mul(page_size);
        for q in matching.iter().skip(skip).take(page_size) {
            render::queue(&mut x, "QueueList", q, self.bucket);
        }
        for id in ids.iter().filter(|id| !of_kind.iter().any(|q| q.id == **id)) {
            x.leaf("NonExistPIDs", id);
        }
        Ok(Reply::xml(200, x.finish("Response")))
    }

    fn update_queue(&mut self, kind: QueueKind, request: &Decoded) -> Result<Reply, ApiError> {
        // The service's rules are the table's; with --allow-local-callbacks a plain-http
        // (loopback/intranet) Url is let through.
        let mut checked = request.clone();
        if self.emu.config.allow_local_callbacks
            && request.text("NotifyConfig.Url").is_some_and(|u| u.starts_with("http://"))
        {
            checked.replace_text("NotifyConfig.Url", "http://callback.example.com/");
        }
        self.check(&checked)?;
        let id = request.text("QueueId").unwrap_or_default();
        let now = self.now();
        let bucket = self.emu.state.bucket_mut(self.bucket).ok_or_else(no_bucket)?;
        let queue = bucket
            .queues
            .iter_mut()
            .find(|q| q.id == id && q.kind == kind)
            .ok_or_else(|| ApiError::invalid(format!("The QueueId {id} is invalid.")))?;
        queue.name = request.text("Name").unwrap_or_default();
        queue.state = request.text("State").unwrap_or_else(|| "Active".into());
        if request.has("NotifyConfig") {
            queue.notify = request.members("NotifyConfig");
        }
        queue.update_time = now;
        let mut x = Xml::new("Response");
        x.leaf("RequestId", self.request_id);
        render::queue(&mut x, "Queue", queue, self.bucket);
        Ok(Reply::xml(200, x.finish("Response")))
    }

    fn create_job(&mut self, request: Decoded) -> Result<Reply, ApiError> {
        self.check(&request)?;
        let now = self.now();
        let next_step_ms = if self.emu.config.manual_jobs {
            u64::MAX
        } else {
            self.now_ms.saturating_add(self.emu.config.job_start_ms)
        };
        let st = &mut self.emu.state;
        let id = st.id('d');
        let seq = st.next_seq();
        let bucket = st.bucket_mut(self.bucket).ok_or_else(no_bucket)?;
        let queue_id = match request.text("QueueId") {
            Some(q) => bucket
                .queues
                .iter()
                .find(|x| x.id == q && x.kind == QueueKind::Doc)
                .map(|x| x.id.clone())
                .ok_or_else(|| ApiError::invalid(format!("The QueueId {q} is invalid.")))?,
            None => bucket.queues.iter().find(|x| x.kind == QueueKind::Doc).map(|x| x.id.clone()).unwrap_or_default(),
        };
        let job = Job {
            id,
            seq,
            queue_id,
            created: now,
            started: None,
            ended: None,
            state: JobState::Submitted,
            input: request,
            next_step_ms,
            failure: None,
            result: None,
        };
        let mut x = Xml::new("Response");
        x.leaf("RequestId", self.request_id);
        render::job(&mut x, &job, self.bucket, &self.emu.config.region);
        bucket.jobs.push(job);
        Ok(Reply::xml(200, x.finish("Response")))
    }

    fn describe_job(&mut self, request: &Decoded) -> Result<Reply, ApiError> {
        self.check(request)?;
        let ids = request.list("JobId");
        let bucket = self.emu.state.bucket(self.bucket).ok_or_else(no_bucket)?;
        let mut x = Xml::new("Response");
        x.leaf("RequestId", self.request_id);
        for id in &ids {
            if let Some(j) = bucket.jobs.iter().find(|j| j.id == *id) {
                render::job(&mut x, j, self.bucket, &self.emu.config.region);
            }
        }
        for id in ids.iter().filter(|id| !bucket.jobs.iter().any(|j| j.id == **id)) {
            x.leaf("NonExistJobIds", id);
        }
        Ok(Reply::xml(200, x.finish("Response")))
    }

    fn doc_preview(&mut self, request: &Decoded) -> Result<Reply, ApiError> {
        self.check(request)?;
        let key = request.text("Key").unwrap_or_default();
        if !self.emu.config.has_object(&key) {
            let e = ApiError::new(404, "NoSuchKey", "The specified key does not exist.");
            let mut r = Reply::xml(e.status, render::error(&e, self.request_id));
            r.set("x-cos-request-id", self.request_id);
            return Ok(r);
        }
        let src_type = request.text("SrcType");
        let asked = preview::Asked {
            pages: self.emu.config.pages,
            sheets: self.emu.config.sheets,
            page: request.int("Page").unwrap_or(1) as u32,
            dst_type: &request.text("DstType").unwrap_or_else(|| "jpg".into()),
            spreadsheet: __emulator::is_spreadsheet(src_type.as_deref(), &key),
            sheet: request.int("Sheet").unwrap_or(1) as u32,
        };
        let page = match preview::render(&asked) {
            Ok(page) => page,
            Err(e) => {
                let mut r = Reply::xml(e.status, render::error(&e, self.request_id));
                r.set("x-errno", "-3013");
                r.set("x-cos-request-id", self.request_id);
                return Ok(r);
            }
        };
        let mut r = Reply::new(200, page.content_type, page.body);
        r.set("x-total-page", page.total_page.to_string());
        if let Some((sheets, name)) = page.sheet {
            r.set("x-total-sheet", sheets.to_string());
            r.set("x-sheet-name", name);
        }
        r.set("x-cos-request-id", self.request_id);
        Ok(r)
    }

    fn list_jobs(&mut self, request: &Decoded) -> Result<Reply, ApiError> {
        self.check(request)?;
        let queue_id = request.text("QueueId").unwrap_or_default();
        let size = request.int("Size").unwrap_or(10) as usize;
        let asc = request.text("OrderByTime").as_deref() == Some("Asc");
        let mut states = request.list("States");
        if states.is_empty() {
            states.push("All".into());
        }
        let time_bound = |name: &str| -> Result<Option<i64>, ApiError> {
            match request.text(name) {
                None => Ok(None),
                Some(s) => time::parse_ci_time(&s)
                    .map(Some)
                    .ok_or_else(|| ApiError::invalid(format!("{name} must be %Y-%m-%dT%H:%M:%S%z"))),
            }
        };
        let (from, to) = (time_bound("StartCreationTime")?, time_bound("EndCreationTime")?);
        // The emulator's own NextToken: the last listed job's sequence number.
        let token: Option<u64> = match request.text("NextToken") {
            None => None,
            Some(t) => Some(t.parse().map_err(|_| ApiError::invalid("nextToken is invalid"))?),
        };
        let bucket = self.emu.state.bucket(self.bucket).ok_or_else(no_bucket)?;
        let mut jobs: Vec<&Job> = bucket
            .jobs
            .iter()
            .filter(|j| j.queue_id == queue_id)
            .filter(|j| states.iter().any(|s| s == "All" || s == j.state.as_str()))
            .filter(|j| from.is_none_or(|f| j.created >= f) && to.is_none_or(|t| j.created <= t))
            .collect();
        if !asc {
            jobs.reverse();
        }
        let after: Vec<&Job> = match token {
            None => jobs,
            Some(t) => jobs.into_iter().filter(|j| if asc { j.seq > t } else { j.seq < t }).collect(),
        };
        let page: Vec<&Job> = after.iter().take(size).copied().collect();
        let more = after.len() > page.len();
        let mut x = Xml::new("Response");
        x.leaf("RequestId", self.request_id);
        for j in &page {
            render::job(&mut x, j, self.bucket, &self.emu.config.region);
        }
        let next = if more { page.last().map(|j| j.seq.to_string()).unwrap_or_default() } else { String::new() };
        x.leaf("NextToken", &next);
        Ok(Reply::xml(200, x.finish("Response")))
    }
}

#[cfg(test)]
mod tests {
    use super::split_target;

    #[test]
    fn targets() {
        assert_eq!(split_target("/docqueue?state=All"), (None, "/docqueue", "state=All"));
        assert_eq!(split_target("/a?u=http://h/x#f"), (None, "/a", "u=http://h/x"));
        assert_eq!(
            split_target("http://b.ci.r.myqcloud.com/doc_jobs?x=1"),
            (Some("b.ci.r.myqcloud.com"), "/doc_jobs", "x=1")
        );
        assert_eq!(split_target("http://h"), (Some("h"), "/", ""));
    }
}
