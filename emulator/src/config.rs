//! Command line.

use std::net::IpAddr;

pub const HELP: &str = "\
cos-ci-emulator — a local Tencent Cloud CI (数据万象) endpoint for doc-preview and AI
queues and doc-preview jobs, with COS request-signature checking.

USAGE: cos-ci-emulator [OPTIONS]

Serving
  --port N               port on the listen address; 0 picks a free one (default 0).
                         The first stdout line is `listening on http://<addr>:<port>`.
  --listen ADDR          address to bind (default 127.0.0.1). Only loopback addresses
                         are accepted unless --allow-remote is given.
  --allow-remote         allow a non-loopback --listen address.
  --bucket NAME          a bucket to serve, <name>-<appid>; repeatable. The first is the
                         default bucket, used when the Host header is not of the form
                         <Bucket>.ci.<Region>.<domain> (default examplebucket-1250000000).
  --region REGION        region of the buckets (default ap-guangzhou).

Credentials (a request must be signed by one of them)
  --credentials ID:KEY   permanent keys; repeatable. A request signed with them must
                         carry no security token (the service refuses tokens it did
                         not issue): a token with permanent keys gets 403 AccessDenied.
  --credentials ID:KEY:TOKEN
                         temporary keys: requests must carry the token in
                         x-ci-security-token (or x-cos-security-token).
                         Defaults, when no --credentials is given:
                           AKIDEXAMPLE:secretEXAMPLE
                           AKIDTMPEXAMPLE:tmpsecretEXAMPLE:tokenEXAMPLE

Jobs
  --job-start-ms MS      time a job stays Submitted before it runs (default 50).
  --job-run-ms MS        time a job runs before it ends (default 100).
  --manual-jobs          jobs only move when told: POST /-/emulator/advance moves every
                         job of an Active queue one step (Submitted → Running → end).
  --fail-input TEXT      jobs whose input object contains TEXT end Failed (default \"fail\").
  --object KEY           an object of the buckets (a document), repeatable. With none, every
                         key is taken to be a document; with some, only they exist: a preview
                         of another key is 404 NoSuchKey, and a job whose input is another key
                         ends Failed with NoSuchKey.
  --pages N              pages of every emulated document (default 5).
  --sheets N             sheets of every emulated spreadsheet (default 2).

Faults
  --clock-skew SECS      the emulator's clock runs SECS ahead (negative: behind).
  --fail-next N          answer the next N requests with --fail-status.
  --fail-status CODE     status of injected failures (default 503).
  --delay-ms MS          delay every response by MS.
  --truncate-next N      send only half of the next N response bodies, then close the
                         connection (Content-Length announces the whole body).
  --close-next N         send only the status line and headers of the next N responses,
                         then close the connection.
  Faults can also be set at run time:
    POST /-/emulator/faults?failNext=N&status=CODE&delayMs=MS&skew=SECS&truncateNext=N&closeNext=N
                            &retryAfter=SECS&slowNext=N&slowMs=MS&htmlNext=N&contentTypeNext=N&contentType=TYPE
  retryAfter adds a Retry-After header to injected failures;
  slowNext delays only the next N answers by slowMs, after the request has been carried
  out (delayMs delays before); htmlNext answers with 200 and an HTML sign-in page (a captive portal); contentTypeNext
  sends the real answer with Content-Type TYPE.

Temporary keys
  POST /-/emulator/sts?seconds=N  mints temporary keys valid for N seconds (default 1800) and
                         answers {TmpSecretId, TmpSecretKey, SecurityToken, StartTime, ExpiredTime}
                         as getCredentials() returns them; once expired, requests signed with
                         them get 400 ExpiredToken.

Callbacks
  A queue whose NotifyConfig has State=On, Type=Url gets a TaskFinish notification
  POSTed to its Url (http:// only) when a job ends: <Response><EventName>TaskFinish</EventName>
  <JobsDetail>…</JobsDetail></Response>, or the same as JSON with ResultFormat=JSON.
  --allow-local-callbacks  accept loopback/intranet callback URLs (the service refuses them).

  -h, --help             this text.
";

#[derive(Debug, Clone)]
pub struct Credential {
    pub id: String,
    pub key: String,
    pub token: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub port: u16,
    pub listen: IpAddr,
    pub buckets: Vec<String>,
    pub region: String,
    pub credentials: Vec<Credential>,
    pub job_start_ms: u64,
    pub job_run_ms: u64,
    pub manual_jobs: bool,
    pub fail_input: String,
    /// `--object`: the objects that exist (empty: every key is a document).
    pub objects: Vec<String>,
    pub pages: u32,
    pub sheets: u32,
    pub clock_skew: i64,
    pub fail_next: u32,
    pub fail_status: u16,
    pub delay_ms: u64,
    pub truncate_next: u32,
    pub close_next: u32,
    pub allow_local_callbacks: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            port: 0,
            listen: IpAddr::from([127, 0, 0, 1]),
            buckets: vec!["examplebucket-1250000000".into()],
            region: "ap-guangzhou".into(),
            credentials: vec![
                Credential { id: "AKIDEXAMPLE".into(), key: "secretEXAMPLE".into(), token: None },
                Credential {
                    id: "AKIDTMPEXAMPLE".into(),
                    key: "tmpsecretEXAMPLE".into(),
                    token: Some("tokenEXAMPLE".into()),
                },
            ],
            job_start_ms: 50,
            job_run_ms: 100,
            manual_jobs: false,
            fail_input: "fail".into(),
            objects: Vec::new(),
            pages: 5,
            sheets: 2,
            clock_skew: 0,
            fail_next: 0,
            fail_status: 503,
            delay_ms: 0,
            truncate_next: 0,
            close_next: 0,
            allow_local_callbacks: false,
        }
    }
}

impl Config {
    /// Whether the object `key` exists (every key does when no `--object` is given).
    pub fn has_object(&self, key: &str) -> bool {
        self.objects.is_empty() || self.objects.iter().any(|o| o == key)
    }
}

/// The second line the emulator prints (on stderr): its default bucket and credentials.
pub fn banner(c: &Config) -> String {
    format!(
        "default bucket {} in {}; credentials: {}",
        c.buckets[0],
        c.region,
        c.credentials.iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(", ")
    )
}

/// What the command line asks for.
pub enum Command {
    Run(Config),
    Help,
}

fn num<T: std::str::FromStr>(flag: &str, v: Option<String>) -> Result<T, String> {
    let v = v.ok_or_else(|| format!("{flag} needs a value"))?;
    v.parse().map_err(|_| format!("{flag}: invalid value {v:?}"))
}

pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut c = Config::default();
    let (mut buckets, mut creds, mut allow_remote) = (Vec::new(), Vec::new(), false);
    let mut it = args.into_iter();
    while let Some(flag) = it.next() {
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--port" => c.port = num(&flag, it.next())?,
            "--listen" => c.listen = num(&flag, it.next())?,
            "--allow-remote" => allow_remote = true,
            "--bucket" => {
                let b: String = num(&flag, it.next())?;
                let endpoint = cos_ci_wasm::ClientConfig::new(b.clone(), "ap-guangzhou");
                endpoint.resolve().map_err(|e| format!("--bucket: {e}"))?;
                buckets.push(b);
            }
            "--region" => c.region = num(&flag, it.next())?,
            "--credentials" => {
                let v: String = num(&flag, it.next())?;
                let parts: Vec<&str> = v.splitn(3, ':').collect();
                match parts.as_slice() {
                    [id, key] if !id.is_empty() && !key.is_empty() => {
                        creds.push(Credential { id: id.to_string(), key: key.to_string(), token: None })
                    }
                    [id, key, token] if !id.is_empty() && !key.is_empty() && !token.is_empty() => creds
                        .push(Credential { id: id.to_string(), key: key.to_string(), token: Some(token.to_string()) }),
                    _ => return Err("--credentials: expected ID:KEY or ID:KEY:TOKEN".into()),
                }
            }
            "--job-start-ms" => c.job_start_ms = num(&flag, it.next())?,
            "--job-run-ms" => c.job_run_ms = num(&flag, it.next())?,
            "--manual-jobs" => c.manual_jobs = true,
            "--fail-input" => c.fail_input = num(&flag, it.next())?,
            "--object" => {
                let key: String = num(&flag, it.next())?;
                if key.is_empty() || key.starts_with('/') {
                    return Err("--object: a key is not empty and has no leading '/' (docs/a.docx)".into());
                }
                c.objects.push(key);
            }
            "--pages" => c.pages = num(&flag, it.next())?,
            "--sheets" => c.sheets = num(&flag, it.next())?,
            "--clock-skew" => c.clock_skew = num(&flag, it.next())?,
            "--fail-next" => c.fail_next = num(&flag, it.next())?,
            "--fail-status" => c.fail_status = num(&flag, it.next())?,
            "--delay-ms" => c.delay_ms = num(&flag, it.next())?,
            "--truncate-next" => c.truncate_next = num(&flag, it.next())?,
            "--close-next" => c.close_next = num(&flag, it.next())?,
            "--allow-local-callbacks" => c.allow_local_callbacks = true,
            other => return Err(format!("unknown option {other:?} (see --help)")),
        }
    }
    if !c.listen.is_loopback() && !allow_remote {
        return Err(format!("--listen {} is not a loopback address; add --allow-remote to bind it", c.listen));
    }
    if !buckets.is_empty() {
        c.buckets = buckets;
    }
    if !creds.is_empty() {
        c.credentials = creds;
    }
    cos_ci_wasm::ClientConfig::new(c.buckets[0].clone(), c.region.clone())
        .resolve()
        .map_err(|e| format!("--region: {e}"))?;
    if c.pages == 0 || c.sheets == 0 {
        return Err("--pages and --sheets must be at least 1".into());
    }
    if !(500..=599).contains(&c.fail_status) && !(400..=499).contains(&c.fail_status) {
        return Err("--fail-status must be a 4xx or 5xx status".into());
    }
    Ok(Command::Run(c))
}
