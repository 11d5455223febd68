//! Command line.

use std::net::IpAddr;

/// What an option takes after its flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Takes {
    /// A switch: nothing (`true` in `createEmulator(options)`).
    Nothing,
    /// A number.
    Number,
    /// A text.
    Text,
    /// A text; the flag may be given again (an array in `createEmulator(options)`).
    Texts,
    /// `ID:KEY[:TOKEN]`, repeatable (`[{ SecretId, SecretKey, SecurityToken? }]`).
    Credentials,
}

/// One option, written once: its flag, its name among `createEmulator(options)` of the npm
/// package (`None`: command line only), what it takes, its help, and what it sets. `--help`,
/// the parser, the npm package's option list and its TypeScript declarations come from here
/// (`generate.rs`).
pub struct Opt {
    pub flag: &'static str,
    pub option: Option<&'static str>,
    pub takes: Takes,
    /// The value's name in `--help` (`N`, `NAME`, …).
    pub value: &'static str,
    /// One line or more; the first says what it is.
    pub help: &'static str,
    /// The same for `createEmulator(options)` where the command line's words do not fit
    /// JavaScript (empty: `help`).
    pub js_help: &'static str,
    /// The section of `--help`.
    pub group: &'static str,
    set: fn(&mut Parsing, String) -> Result<(), String>,
}

impl std::fmt::Debug for Opt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.flag)
    }
}

/// The configuration being read, and what the end of the command line settles.
struct Parsing {
    c: Config,
    buckets: Vec<String>,
    credentials: Vec<Credential>,
    allow_remote: bool,
}

fn number<T: std::str::FromStr>(flag: &str, v: &str) -> Result<T, String> {
    v.parse().map_err(|_| format!("{flag}: invalid value {v:?}"))
}

/// Every option, in `--help` order.
pub const OPTIONS: &[Opt] = &[
    Opt {
        flag: "--port",
        option: None,
        takes: Takes::Number,
        value: "N",
        help: "port on the listen address; 0 picks a free one (default 0).\nThe first stdout line is `listening on http://<addr>:<port>`.",
        js_help: "",
        group: "Serving",
        set: |p, v| {
            p.c.port = number("--port", &v)?;
            Ok(())
        },
    },
    Opt {
        flag: "--listen",
        option: None,
        takes: Takes::Text,
        value: "ADDR",
        help: "address to bind (default 127.0.0.1). Only loopback addresses\nare accepted unless --allow-remote is given.",
        js_help: "",
        group: "Serving",
        set: |p, v| {
            p.c.listen = number("--listen", &v)?;
            Ok(())
        },
    },
    Opt {
        flag: "--allow-remote",
        option: None,
        takes: Takes::Nothing,
        value: "",
        help: "allow a non-loopback --listen address.",
        js_help: "",
        group: "Serving",
        set: |p, _| {
            p.allow_remote = true;
            Ok(())
        },
    },
    Opt {
        flag: "--bucket",
        option: Some("bucket"),
        takes: Takes::Texts,
        value: "NAME",
        help: "a bucket to serve, <name>-<appid>; repeatable. The first is the\ndefault bucket, used when the Host header is not of the form\n<Bucket>.ci.<Region>.<domain> (default examplebucket-1250000000).",
        js_help: "",
        group: "Serving",
        set: |p, v| {
            cos_ci_wasm::ClientConfig::new(v.clone(), "ap-guangzhou").resolve().map_err(|e| format!("--bucket: {e}"))?;
            p.buckets.push(v);
            Ok(())
        },
    },
    Opt {
        flag: "--region",
        option: Some("region"),
        takes: Takes::Text,
        value: "REGION",
        help: "region of the buckets (default ap-guangzhou).",
        js_help: "",
        group: "Serving",
        set: |p, v| {
            p.c.region = v;
            Ok(())
        },
    },
    Opt {
        flag: "--credentials",
        option: Some("credentials"),
        takes: Takes::Credentials,
        value: "ID:KEY[:TOKEN]",
        help: "keys a request must be signed with; repeatable. ID:KEY are permanent\nkeys: a request signed with them must carry no security token (the\nservice refuses tokens it did not issue: 403 AccessDenied). ID:KEY:TOKEN\nare temporary keys: requests must carry the token in x-ci-security-token\n(or x-cos-security-token). Defaults, when none is given:\n  AKIDEXAMPLE:secretEXAMPLE\n  AKIDTMPEXAMPLE:tmpsecretEXAMPLE:tokenEXAMPLE",
        js_help: "keys a request must be signed with: permanent `{ SecretId, SecretKey }` (a request signed with them must carry no security token) or temporary ones with their `SecurityToken` (requests must carry it). Default: AKIDEXAMPLE / secretEXAMPLE, and the temporary AKIDTMPEXAMPLE / tmpsecretEXAMPLE / tokenEXAMPLE.",
        group: "Credentials (a request must be signed by one of them)",
        set: |p, v| {
            let parts: Vec<&str> = v.splitn(3, ':').collect();
            let token = match parts.as_slice() {
                [id, key] if !id.is_empty() && !key.is_empty() => None,
                [id, key, token] if !id.is_empty() && !key.is_empty() && !token.is_empty() => Some(token.to_string()),
                _ => return Err("--credentials: expected ID:KEY or ID:KEY:TOKEN".into()),
            };
            p.credentials.push(Credential { id: parts[0].to_string(), key: parts[1].to_string(), token });
            Ok(())
        },
    },
    Opt {
        flag: "--job-start-ms",
        option: Some("jobStartMs"),
        takes: Takes::Number,
        value: "MS",
        help: "time a job stays Submitted before it runs (default 50).",
        js_help: "milliseconds a job stays Submitted before it runs (default 50).",
        group: "Jobs",
        set: |p, v| {
            p.c.job_start_ms = number("--job-start-ms", &v)?;
            Ok(())
        },
    },
    Opt {
        flag: "--job-run-ms",
        option: Some("jobRunMs"),
        takes: Takes::Number,
        value: "MS",
        help: "time a job runs before it ends (default 100).",
        js_help: "milliseconds a job runs before it ends (default 100).",
        group: "Jobs",
        set: |p, v| {
            p.c.job_run_ms = number("--job-run-ms", &v)?;
            Ok(())
        },
    },
    Opt {
        flag: "--manual-jobs",
        option: Some("manualJobs"),
        takes: Takes::Nothing,
        value: "",
        help: "jobs only move when told: POST /-/emulator/advance moves every\njob of an Active queue one step (Submitted → Running → end).",
        js_help: "jobs only move when told: `emu.advance()` moves every job of an Active queue one step (Submitted → Running → end).",
        group: "Jobs",
        set: |p, _| {
            p.c.manual_jobs = true;
            Ok(())
        },
    },
    Opt {
        flag: "--fail-input",
        option: Some("failInput"),
        takes: Takes::Text,
        value: "TEXT",
        help: "jobs whose input object contains TEXT end Failed (default \"fail\").",
        js_help: "jobs whose input object contains this text end Failed (default \"fail\").",
        group: "Jobs",
        set: |p, v| {
            p.c.fail_input = v;
            Ok(())
        },
    },
    Opt {
        flag: "--object",
        option: Some("objects"),
        takes: Takes::Texts,
        value: "KEY",
        help: "an object of the buckets (a document), repeatable. With none, every\nkey is taken to be a document; with some, only they exist: a preview\nof another key is 404 NoSuchKey, and a job whose input is another key\nends Failed with NoSuchKey.",
        js_help: "",
        group: "Jobs",
        set: |p, v| {
            if v.is_empty() || v.starts_with('/') {
                return Err("--object: a key is not empty and has no leading '/' (docs/a.docx)".into());
            }
            p.c.objects.push(v);
            Ok(())
        },
    },
    Opt {
        flag: "--pages",
        option: Some("pages"),
        takes: Takes::Number,
        value: "N",
        help: "pages of every emulated document (default 5).",
        js_help: "",
        group: "Jobs",
        set: |p, v| {
            p.c.pages = number("--pages", &v)?;
            Ok(())
        },
    },
    Opt {
        flag: "--sheets",
        option: Some("sheets"),
        takes: Takes::Number,
        value: "N",
        help: "sheets of every emulated spreadsheet (default 2).",
        js_help: "",
        group: "Jobs",
        set: |p, v| {
            p.c.sheets = number("--sheets", &v)?;
            Ok(())
        },
    },
    Opt {
        flag: "--clock-skew",
        option: Some("clockSkew"),
        takes: Takes::Number,
        value: "SECS",
        help: "the emulator's clock runs SECS ahead (negative: behind).",
        js_help: "seconds the emulator's clock runs ahead (negative: behind).",
        group: "Faults",
        set: |p, v| {
            p.c.clock_skew = number("--clock-skew", &v)?;
            Ok(())
        },
    },
    Opt {
        flag: "--fail-next",
        option: Some("failNext"),
        takes: Takes::Number,
        value: "N",
        help: "answer the next N requests with --fail-status.",
        js_help: "answer the next N requests with `failStatus`.",
        group: "Faults",
        set: |p, v| {
            p.c.fail_next = number("--fail-next", &v)?;
            Ok(())
        },
    },
    Opt {
        flag: "--fail-status",
        option: Some("failStatus"),
        takes: Takes::Number,
        value: "CODE",
        help: "status of injected failures, 4xx or 5xx (default 503).",
        js_help: "",
        group: "Faults",
        set: |p, v| {
            p.c.fail_status = number("--fail-status", &v)?;
            Ok(())
        },
    },
    Opt {
        flag: "--delay-ms",
        option: Some("delayMs"),
        takes: Takes::Number,
        value: "MS",
        help: "delay every response by MS.",
        js_help: "delay every response by this many milliseconds.",
        group: "Faults",
        set: |p, v| {
            p.c.delay_ms = number("--delay-ms", &v)?;
            Ok(())
        },
    },
    Opt {
        flag: "--truncate-next",
        option: Some("truncateNext"),
        takes: Takes::Number,
        value: "N",
        help: "send only half of the next N response bodies, then close the\nconnection (Content-Length announces the whole body).",
        js_help: "",
        group: "Faults",
        set: |p, v| {
            p.c.truncate_next = number("--truncate-next", &v)?;
            Ok(())
        },
    },
    Opt {
        flag: "--close-next",
        option: Some("closeNext"),
        takes: Takes::Number,
        value: "N",
        help: "send only the status line and headers of the next N responses,\nthen close the connection.",
        js_help: "",
        group: "Faults",
        set: |p, v| {
            p.c.close_next = number("--close-next", &v)?;
            Ok(())
        },
    },
    Opt {
        flag: "--allow-local-callbacks",
        option: Some("allowLocalCallbacks"),
        takes: Takes::Nothing,
        value: "",
        help: "accept loopback/intranet callback URLs (the service refuses them).",
        js_help: "",
        group: "Callbacks",
        set: |p, _| {
            p.c.allow_local_callbacks = true;
            Ok(())
        },
    },
];

/// Text printed after a section's options.
const AFTER: &[(&str, &str)] = &[
    (
        "Faults",
        "Temporary keys
  POST /-/emulator/sts?seconds=N  mints temporary keys valid for N seconds (default 1800) and
                         answers {TmpSecretId, TmpSecretKey, SecurityToken, StartTime, ExpiredTime}
                         as getCredentials() returns them; once expired, requests signed with
                         them get 400 ExpiredToken.
",
    ),
    (
        "Callbacks",
        "  A queue whose NotifyConfig has State=On, Type=Url gets a TaskFinish notification
  POSTed to its Url (http:// only) when a job ends: <Response><EventName>TaskFinish</EventName>
  <JobsDetail>…</JobsDetail></Response>, or the same as JSON with ResultFormat=JSON.
",
    ),
];

/// `--help`, from [`OPTIONS`].
pub fn help() -> String {
    let mut out = String::from(
        "cos-ci-emulator — a local Tencent Cloud CI (数据万象) endpoint for doc-preview and AI
queues and doc-preview jobs, with COS request-signature checking.

USAGE: cos-ci-emulator [OPTIONS]
",
    );
    let mut group = "";
    let flush = |out: &mut String, group: &str| {
        if group == "Faults" {
            out.push_str("  Faults can also be set at run time (a refused value changes none of them):\n");
            out.push_str("    POST /-/emulator/faults?NAME=VALUE&…\n");
            for f in crate::state::FAULTS {
                let value = if f.number { "N" } else { "TEXT" };
                out.push_str(&format!("    {:<21}{}\n", format!("{}={value}", f.name), f.help));
            }
            out.push('\n');
        }
        if let Some((_, text)) = AFTER.iter().find(|(g, _)| *g == group) {
            out.push_str(text);
        }
    };
    for o in OPTIONS {
        if o.group != group {
            flush(&mut out, group);
            group = o.group;
            out.push('\n');
            out.push_str(group);
            out.push('\n');
        }
        let head = if o.value.is_empty() { o.flag.to_string() } else { format!("{} {}", o.flag, o.value) };
        let mut lines = o.help.lines();
        let first = lines.next().unwrap_or_default();
        if head.len() < 23 {
            out.push_str(&format!("  {head:<23}{first}\n"));
        } else {
            out.push_str(&format!("  {head}\n  {:<23}{first}\n", ""));
        }
        for line in lines {
            out.push_str(&format!("  {:<23}{line}\n", ""));
        }
    }
    flush(&mut out, group);
    out.push_str("\n  -h, --help             this text.\n");
    out
}

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

pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut p = Parsing { c: Config::default(), buckets: Vec::new(), credentials: Vec::new(), allow_remote: false };
    let mut it = args.into_iter();
    while let Some(flag) = it.next() {
        if flag == "-h" || flag == "--help" {
            return Ok(Command::Help);
        }
        let Some(o) = OPTIONS.iter().find(|o| o.flag == flag) else {
            return Err(format!("unknown option {flag:?} (see --help)"));
        };
        let value = match o.takes {
            Takes::Nothing => String::new(),
            _ => it.next().ok_or_else(|| format!("{flag} needs a value"))?,
        };
        (o.set)(&mut p, value)?;
    }
    let Parsing { mut c, buckets, credentials, allow_remote } = p;
    if !c.listen.is_loopback() && !allow_remote {
        return Err(format!("--listen {} is not a loopback address; add --allow-remote to bind it", c.listen));
    }
    if !buckets.is_empty() {
        c.buckets = buckets;
    }
    if !credentials.is_empty() {
        c.credentials = credentials;
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
