//! Request handling: CORS, faults, bucket, signature, then the operation.

use crate::auth::{verify, WireRequest};
use crate::config::Config;
use crate::error::ApiError;
use crate::preview;
use crate::render::{self, Xml};
use crate::state::{Job, JobState, QueueKind, State};
use crate::time;
use axum::body::{to_bytes, Body};
use axum::http::{HeaderValue, Request, Response, StatusCode};
use cos_ci_wasm::__emulator::{self, Decoded};
use cos_ci_wasm::{ClientConfig, ErrorCode};
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Largest request body accepted.
const MAX_BODY: usize = 1 << 20;

pub struct App {
    pub config: Config,
    pub state: Mutex<State>,
    request_seq: AtomicU64,
}

impl App {
    pub fn new(config: Config) -> Arc<Self> {
        let state = Mutex::new(State::new(&config));
        Arc::new(App { config, state, request_seq: AtomicU64::new(0) })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn request_id(&self) -> String {
        let n = self.request_seq.fetch_add(1, Ordering::Relaxed);
        format!("{:08x}{:016x}", n, time::now_ms())
    }
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

fn with_headers(app: &App, mut resp: Response<Body>, request_id: &str, origin: Option<&HeaderValue>) -> Response<Body> {
    let skew = app.lock().faults.skew;
    let h = resp.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, k: &'static str, v: &str| {
        if let Ok(v) = HeaderValue::from_str(v) {
            h.insert(k, v);
        }
    };
    set(h, "x-ci-request-id", request_id);
    set(h, "date", &time::http_date(time::now(skew)));
    set(h, "server", "cos-ci-emulator");
    match origin {
        Some(o) => {
            h.insert("access-control-allow-origin", o.clone());
            set(h, "vary", "Origin");
        }
        None => set(h, "access-control-allow-origin", "*"),
    }
    set(
        h,
        "access-control-expose-headers",
        "Date, x-ci-request-id, x-cos-request-id, Content-Length, Content-Type, Retry-After, X-Total-Page, X-Total-Sheet, X-Sheet-Name, X-ErrNo",
    );
    resp
}

fn xml(status: u16, body: String) -> Response<Body> {
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    r.headers_mut().insert("content-type", HeaderValue::from_static("application/xml"));
    r
}

pub async fn handle(app: Arc<App>, req: Request<Body>) -> Response<Body> {
    let request_id = app.request_id();
    let origin = req.headers().get("origin").cloned();
    let control = req.uri().path().starts_with("/-/emulator/");
    let resp = match route(&app, req, &request_id).await {
        Ok(r) => r,
        Err(e) => xml(e.status, render::error(&e, &request_id)),
    };
    let resp = if control { resp } else { damage(&app, resp).await };
    with_headers(&app, resp, &request_id, origin.as_ref())
}

/// Takes one from a fault counter: true when it was above zero.
fn take(counter: &mut u32) -> bool {
    let some = *counter > 0;
    if some {
        *counter -= 1;
    }
    some
}

/// The faults that change an answer, each counter taken under one lock:
/// - html: a 200 HTML sign-in page instead of the answer;
/// - content type: the answer with another `Content-Type`;
/// - truncate / close: Content-Length announces the whole body but only half
///   of it (truncate) or none of it (close) is sent; hyper then closes the
///   connection;
/// - slow: the answer (the request has been carried out) is sent late, so a
///   client that gives up meanwhile does not undo it.
async fn damage(app: &App, mut resp: Response<Body>) -> Response<Body> {
    let (html, content_type, close, truncate, slow) = {
        let mut st = app.lock();
        let f = &mut st.faults;
        let html = take(&mut f.html_next);
        let content_type = (!html && take(&mut f.content_type_next)).then(|| f.content_type.clone());
        let close = !html && take(&mut f.close_next);
        let truncate = !html && !close && take(&mut f.truncate_next);
        let slow = take(&mut f.slow_next).then_some(f.slow_ms);
        (html, content_type, close, truncate, slow)
    };
    if let Some(ms) = slow {
        tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
    }
    if html {
        let mut r = Response::new(Body::from(
            "<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><form action=\"/login\"></form></body></html>",
        ));
        r.headers_mut().insert("content-type", HeaderValue::from_static("text/html; charset=utf-8"));
        return r;
    }
    if let Some(ct) = content_type {
        let ct = HeaderValue::from_str(&ct).unwrap_or(HeaderValue::from_static("text/plain"));
        resp.headers_mut().insert("content-type", ct);
    }
    if !truncate && !close {
        return resp;
    }
    let (parts, body) = resp.into_parts();
    let bytes = to_bytes(body, MAX_BODY).await.unwrap_or_default();
    let keep = if close { 0 } else { bytes.len() / 2 };
    let announced = bytes.len().max(1) as u64;
    Response::from_parts(parts, Body::new(Partial { data: Some(bytes.slice(..keep)), announced, pause: None }))
}

/// A body that announces `announced` bytes, sends `data`, waits a moment (so
/// the head and the data are flushed), then fails, so the connection is
/// closed mid-response.
struct Partial {
    data: Option<axum::body::Bytes>,
    announced: u64,
    pause: Option<std::pin::Pin<Box<tokio::time::Sleep>>>,
}

impl http_body::Body for Partial {
    type Data = axum::body::Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        use std::task::Poll;
        if let Some(d) = self.data.take().filter(|d| !d.is_empty()) {
            return Poll::Ready(Some(Ok(http_body::Frame::data(d))));
        }
        let pause =
            self.pause.get_or_insert_with(|| Box::pin(tokio::time::sleep(std::time::Duration::from_millis(50))));
        match pause.as_mut().poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(()) => {
                Poll::Ready(Some(Err(std::io::Error::other("injected fault: connection closed mid-response"))))
            }
        }
    }

    fn size_hint(&self) -> http_body::SizeHint {
        http_body::SizeHint::with_exact(self.announced)
    }
}

async fn route(app: &Arc<App>, req: Request<Body>, request_id: &str) -> Result<Response<Body>, ApiError> {
    let (parts, body) = req.into_parts();
    let method = parts.method.as_str().to_string();
    let raw_path = parts.uri.path().to_string();
    let raw_query = parts.uri.query().unwrap_or("").to_string();

    if method == "OPTIONS" {
        let mut r = Response::new(Body::empty());
        let h = r.headers_mut();
        h.insert("access-control-allow-methods", HeaderValue::from_static("GET, PUT, POST, DELETE, HEAD, OPTIONS"));
        let asked = parts.headers.get("access-control-request-headers").cloned();
        h.insert("access-control-allow-headers", asked.unwrap_or(HeaderValue::from_static("*")));
        h.insert("access-control-max-age", HeaderValue::from_static("600"));
        return Ok(r);
    }
    if let Some(control) = raw_path.strip_prefix("/-/emulator/") {
        return control_endpoint(app, &method, control, &raw_query);
    }

    // Faults.
    let (delay, fail) = {
        let mut st = app.lock();
        let fail = take(&mut st.faults.fail_next).then_some(st.faults.fail_status);
        (st.faults.delay_ms, fail.map(|status| (status, st.faults.retry_after)))
    };
    if delay > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(delay)).await;
    }
    if let Some((status, retry_after)) = fail {
        let code = if status == 503 { "ServiceUnavailable" } else { "InternalError" };
        let e = ApiError::new(status, code, "injected failure");
        if retry_after > 0 {
            let mut r = xml(e.status, render::error(&e, request_id));
            r.headers_mut().insert("retry-after", HeaderValue::from(retry_after));
            return Ok(r);
        }
        return Err(e);
    }

    let body = to_bytes(body, MAX_BODY)
        .await
        .map_err(|_| ApiError::new(413, "EntityTooLarge", "the request body is too large"))?;
    let body = String::from_utf8(body.to_vec()).map_err(|_| ApiError::malformed("the body is not UTF-8"))?;
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(n, v)| (n.as_str().to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
        .collect();
    let host = parts
        .headers
        .get("host")
        .and_then(|h| h.to_str().ok())
        .map(str::to_string)
        .or_else(|| parts.uri.authority().map(|a| a.to_string()))
        .unwrap_or_default();
    let path = decode(&raw_path, false)?;
    let query = decode_query(&raw_query)?;

    let bucket = bucket_of(&host, &app.config);
    if !app.config.buckets.contains(&bucket) {
        return Err(ApiError::new(404, "NoSuchBucket", format!("The specified bucket {bucket} does not exist.")));
    }
    let (skew, issued) = {
        let st = app.lock();
        (st.faults.skew, st.issued.clone())
    };
    let wire = WireRequest { method: &method, path: &path, query: &query, headers: &headers };
    let mut credentials = app.config.credentials.clone();
    credentials.extend(issued.iter().map(|i| i.credential.clone()));
    let signer = verify(&wire, &credentials, skew)?;
    if let Some(i) = issued.iter().find(|i| i.credential.id == signer.id) {
        if time::now(skew) >= i.expires {
            return Err(ApiError::new(400, "ExpiredToken", "The provided token has expired."));
        }
    }

    // The operation and its parameters, read and checked by the operation table the
    // client builds requests with.
    let Some(request) = __emulator::decode(&method, &path, &query, &body).map_err(core_error)? else {
        return Err(ApiError::new(501, "NotImplemented", format!("the emulator does not implement {method} {path}")));
    };
    let ctx = Ctx { app, bucket: &bucket, request_id };
    match request.operation() {
        "DescribeDocProcessQueues" => ctx.describe_queues(QueueKind::Doc, &request),
        "DescribeAiProcessQueues" => ctx.describe_queues(QueueKind::Ai, &request),
        "UpdateDocProcessQueue" => ctx.update_queue(QueueKind::Doc, &request),
        "UpdateAiProcessQueue" => ctx.update_queue(QueueKind::Ai, &request),
        "CreateDocProcessJobs" => ctx.create_job(request),
        "DescribeDocProcessJob" => ctx.describe_job(&request),
        "DescribeDocProcessJobs" => ctx.list_jobs(&request),
        "DocPreview" => ctx.doc_preview(&request),
        other => Err(ApiError::new(501, "NotImplemented", format!("the emulator does not implement {other}"))),
    }
}

fn control_endpoint(app: &App, method: &str, what: &str, raw_query: &str) -> Result<Response<Body>, ApiError> {
    if method != "POST" {
        return Err(ApiError::new(405, "MethodNotAllowed", "control endpoints take POST"));
    }
    match what {
        "advance" => {
            let (moved, callbacks) = app.lock().advance(&app.config);
            for cb in callbacks {
                tokio::spawn(crate::callback::deliver(cb));
            }
            Ok(xml(200, format!("<Advanced><Jobs>{moved}</Jobs></Advanced>")))
        }
        "faults" => {
            let query = decode_query(raw_query)?;
            let mut st = app.lock();
            for (k, v) in &query {
                let bad = || ApiError::invalid(format!("faults: invalid {k}={v}"));
                match k.as_str() {
                    "failNext" => st.faults.fail_next = v.parse().map_err(|_| bad())?,
                    "status" => st.faults.fail_status = v.parse().map_err(|_| bad())?,
                    "delayMs" => st.faults.delay_ms = v.parse().map_err(|_| bad())?,
                    "skew" => st.faults.skew = v.parse().map_err(|_| bad())?,
                    "truncateNext" => st.faults.truncate_next = v.parse().map_err(|_| bad())?,
                    "closeNext" => st.faults.close_next = v.parse().map_err(|_| bad())?,
                    "retryAfter" => st.faults.retry_after = v.parse().map_err(|_| bad())?,
                    "slowNext" => st.faults.slow_next = v.parse().map_err(|_| bad())?,
                    "slowMs" => st.faults.slow_ms = v.parse().map_err(|_| bad())?,
                    "htmlNext" => st.faults.html_next = v.parse().map_err(|_| bad())?,
                    "contentTypeNext" => st.faults.content_type_next = v.parse().map_err(|_| bad())?,
                    "contentType" => st.faults.content_type = v.clone(),
                    _ => return Err(bad()),
                }
            }
            Ok(xml(200, "<Faults/>".into()))
        }
        "sts" => {
            // Mints temporary keys valid for `seconds` (default 1800), as an STS
            // GetFederationToken answer reduced to what getCredentials returns.
            let query = decode_query(raw_query)?;
            let seconds: i64 = match query.iter().find(|(k, _)| k == "seconds") {
                Some((_, v)) => v.parse().map_err(|_| ApiError::invalid(format!("sts: invalid seconds={v}")))?,
                None => 1800,
            };
            let mut st = app.lock();
            let now = time::now(st.faults.skew);
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
                now + seconds
            );
            st.issued.push(crate::state::Issued { credential, expires: now + seconds });
            let mut r = Response::new(Body::from(body));
            r.headers_mut().insert("content-type", HeaderValue::from_static("application/json"));
            Ok(r)
        }
        _ => Err(ApiError::new(404, "NotFound", "unknown control endpoint")),
    }
}

struct Ctx<'a> {
    app: &'a App,
    bucket: &'a str,
    request_id: &'a str,
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
        ClientConfig::new(self.bucket, self.app.config.region.clone())
    }

    /// Checks the request by the table's rules, as the client does before sending.
    fn check(&self, request: &Decoded) -> Result<(), ApiError> {
        request.check(&self.config()).map(drop).map_err(core_error)
    }

    fn describe_queues(&self, kind: QueueKind, request: &Decoded) -> Result<Response<Body>, ApiError> {
        self.check(request)?;
        let ids = request.list("QueueIds");
        let state = request.text("State").unwrap_or_else(|| "All".into());
        let page_number = request.int("PageNumber").unwrap_or(1) as usize;
        let page_size = request.int("PageSize").unwrap_or(10) as usize;
        let st = self.app.lock();
        let bucket = st.bucket(self.bucket).ok_or_else(no_bucket)?;
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
        Ok(xml(200, x.finish("Response")))
    }

    fn update_queue(&self, kind: QueueKind, request: &Decoded) -> Result<Response<Body>, ApiError> {
        // The service's rules are the table's; with --allow-local-callbacks a plain-http
        // (loopback/intranet) Url is let through.
        let mut checked = request.clone();
        if self.app.config.allow_local_callbacks
            && request.text("NotifyConfig.Url").is_some_and(|u| u.starts_with("http://"))
        {
            checked.replace_text("NotifyConfig.Url", "http://callback.example.com/");
        }
        self.check(&checked)?;
        let id = request.text("QueueId").unwrap_or_default();
        let mut st = self.app.lock();
        let now = time::now(st.faults.skew);
        let bucket = st.bucket_mut(self.bucket).ok_or_else(no_bucket)?;
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
        Ok(xml(200, x.finish("Response")))
    }

    fn create_job(&self, request: Decoded) -> Result<Response<Body>, ApiError> {
        self.check(&request)?;
        let mut st = self.app.lock();
        let now = time::now(st.faults.skew);
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
            next_step_ms: if self.app.config.manual_jobs {
                u64::MAX
            } else {
                time::now_ms() + self.app.config.job_start_ms
            },
            failure: None,
            result: None,
        };
        let mut x = Xml::new("Response");
        x.leaf("RequestId", self.request_id);
        render::job(&mut x, &job, self.bucket, &self.app.config.region);
        bucket.jobs.push(job);
        Ok(xml(200, x.finish("Response")))
    }

    fn describe_job(&self, request: &Decoded) -> Result<Response<Body>, ApiError> {
        self.check(request)?;
        let ids = request.list("JobId");
        let st = self.app.lock();
        let bucket = st.bucket(self.bucket).ok_or_else(no_bucket)?;
        let mut x = Xml::new("Response");
        x.leaf("RequestId", self.request_id);
        for id in &ids {
            if let Some(j) = bucket.jobs.iter().find(|j| j.id == *id) {
                render::job(&mut x, j, self.bucket, &self.app.config.region);
            }
        }
        for id in ids.iter().filter(|id| !bucket.jobs.iter().any(|j| j.id == **id)) {
            x.leaf("NonExistJobIds", id);
        }
        Ok(xml(200, x.finish("Response")))
    }

    fn doc_preview(&self, request: &Decoded) -> Result<Response<Body>, ApiError> {
        self.check(request)?;
        let key = request.text("Key").unwrap_or_default();
        let src_type = request.text("SrcType");
        let asked = preview::Asked {
            pages: self.app.config.pages,
            sheets: self.app.config.sheets,
            page: request.int("Page").unwrap_or(1) as u32,
            dst_type: &request.text("DstType").unwrap_or_else(|| "jpg".into()),
            spreadsheet: __emulator::is_spreadsheet(src_type.as_deref(), &key),
            sheet: request.int("Sheet").unwrap_or(1) as u32,
        };
        let page = match preview::render(&asked) {
            Ok(page) => page,
            Err(e) => {
                let mut r = xml(e.status, render::error(&e, self.request_id));
                r.headers_mut().insert("x-errno", HeaderValue::from_static("-3013"));
                r.headers_mut().insert(
                    "x-cos-request-id",
                    HeaderValue::from_str(self.request_id).map_err(|_| ApiError::invalid("request id"))?,
                );
                return Ok(r);
            }
        };
        let mut r = Response::new(Body::from(page.body));
        let h = r.headers_mut();
        h.insert("content-type", HeaderValue::from_static(page.content_type));
        h.insert("x-total-page", HeaderValue::from(page.total_page));
        if let Some((sheets, name)) = page.sheet {
            h.insert("x-total-sheet", HeaderValue::from(sheets));
            h.insert("x-sheet-name", HeaderValue::from_str(&name).map_err(|_| ApiError::invalid("sheet name"))?);
        }
        if let Ok(id) = HeaderValue::from_str(self.request_id) {
            h.insert("x-cos-request-id", id);
        }
        Ok(r)
    }

    fn list_jobs(&self, request: &Decoded) -> Result<Response<Body>, ApiError> {
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
        let st = self.app.lock();
        let bucket = st.bucket(self.bucket).ok_or_else(no_bucket)?;
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
            render::job(&mut x, j, self.bucket, &self.app.config.region);
        }
        let next = if more { page.last().map(|j| j.seq.to_string()).unwrap_or_default() } else { String::new() };
        x.leaf("NextToken", &next);
        Ok(xml(200, x.finish("Response")))
    }
}
