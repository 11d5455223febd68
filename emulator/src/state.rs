//! The emulated service: buckets, their queues and jobs.

use crate::config::Config;
use crate::time;
use cos_ci_wasm::__emulator::{is_spreadsheet, Decoded};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueKind {
    Doc,
    Ai,
}

impl QueueKind {
    pub fn category(self) -> &'static str {
        match self {
            QueueKind::Doc => "DocProcessing",
            QueueKind::Ai => "AIProcess",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Queue {
    pub id: String,
    pub kind: QueueKind,
    pub name: String,
    pub state: String,
    /// NotifyConfig children as (element, text), in the order last set.
    pub notify: Vec<(String, String)>,
    pub max_size: u32,
    pub max_concurrent: u32,
    pub create_time: i64,
    pub update_time: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobState {
    Submitted,
    Running,
    Success,
    Failed,
}

impl JobState {
    pub fn as_str(self) -> &'static str {
        match self {
            JobState::Submitted => "Submitted",
            JobState::Running => "Running",
            JobState::Success => "Success",
            JobState::Failed => "Failed",
        }
    }
}

#[derive(Debug, Clone)]
pub struct PageOut {
    pub page_no: u32,
    pub tgt_uri: String,
    pub sheet_pics: u32,
    pub pic_index: u32,
}

#[derive(Debug, Clone)]
pub struct DocResult {
    pub pages: Vec<PageOut>,
    pub total_page_count: u32,
    pub total_sheet_count: u32,
    pub tgt_type: String,
}

#[derive(Debug, Clone)]
pub struct Job {
    pub id: String,
    pub seq: u64,
    pub queue_id: String,
    pub created: i64,
    pub started: Option<i64>,
    pub ended: Option<i64>,
    pub state: JobState,
    /// The CreateDocProcessJobs request, decoded and checked by the operation table.
    pub input: Decoded,
    pub next_step_ms: u64,
    pub failure: Option<(String, String)>,
    pub result: Option<DocResult>,
}

#[derive(Debug)]
pub struct Bucket {
    pub name: String,
    pub queues: Vec<Queue>,
    pub jobs: Vec<Job>,
}

#[derive(Debug, Default, Clone)]
pub struct Faults {
    pub fail_next: u32,
    pub fail_status: u16,
    pub delay_ms: u64,
    pub skew: i64,
    pub truncate_next: u32,
    pub close_next: u32,
    /// Answer the next N requests with `200`, `text/html` and a login page, as
    /// a captive portal or a misconfigured proxy does.
    pub html_next: u32,
    /// Send the next N responses with this `Content-Type` instead of `application/xml`.
    pub content_type_next: u32,
    pub content_type: String,
    /// Delay only the next N responses, by `slow_ms`.
    pub slow_next: u32,
    pub slow_ms: u64,
    /// `Retry-After` seconds sent with injected failures (0: none).
    pub retry_after: u32,
}

/// One fault of `POST /-/emulator/faults?name=value&…`, written once: its name, whether it
/// takes a number, its help, and what it sets (`None`: the value is refused). The control
/// endpoint, `--help` and the npm package's `emu.faults()` list and types come from here.
pub struct Fault {
    pub name: &'static str,
    pub number: bool,
    pub help: &'static str,
    set: fn(&mut Faults, &str) -> Option<()>,
}

impl std::fmt::Debug for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

impl Fault {
    /// Sets this fault to `value`; `None` when the value is refused.
    pub fn set(&self, faults: &mut Faults, value: &str) -> Option<()> {
        (self.set)(faults, value)
    }
}

/// Every fault, in the order `--help` lists them.
pub const FAULTS: &[Fault] = &[
    Fault {
        name: "failNext",
        number: true,
        help: "answer the next N requests with `status`",
        set: |f, v| {
            f.fail_next = v.parse().ok()?;
            Some(())
        },
    },
    Fault {
        name: "status",
        number: true,
        help: "the status of those failures, 100 to 999 (a 200 sends an error body with 200); default --fail-status, else 503",
        set: |f, v| {
            f.fail_status = v.parse().ok().filter(|s| (100..=999).contains(s))?;
            Some(())
        },
    },
    Fault {
        name: "retryAfter",
        number: true,
        help: "Retry-After seconds sent with those failures (0: none)",
        set: |f, v| {
            f.retry_after = v.parse().ok()?;
            Some(())
        },
    },
    Fault {
        name: "delayMs",
        number: true,
        help: "delay every answer by this many ms, before the request is carried out",
        set: |f, v| {
            f.delay_ms = v.parse().ok()?;
            Some(())
        },
    },
    Fault {
        name: "skew",
        number: true,
        help: "seconds the emulator's clock runs ahead (negative: behind)",
        set: |f, v| {
            f.skew = v.parse().ok()?;
            Some(())
        },
    },
    Fault {
        name: "truncateNext",
        number: true,
        help: "send half of the next N bodies, then close the connection",
        set: |f, v| {
            f.truncate_next = v.parse().ok()?;
            Some(())
        },
    },
    Fault {
        name: "closeNext",
        number: true,
        help: "send only the head of the next N answers, then close the connection",
        set: |f, v| {
            f.close_next = v.parse().ok()?;
            Some(())
        },
    },
    Fault {
        name: "slowNext",
        number: true,
        help: "delay the next N answers by `slowMs`, after the request has been carried out",
        set: |f, v| {
            f.slow_next = v.parse().ok()?;
            Some(())
        },
    },
    Fault {
        name: "slowMs",
        number: true,
        help: "the delay of `slowNext`",
        set: |f, v| {
            f.slow_ms = v.parse().ok()?;
            Some(())
        },
    },
    Fault {
        name: "htmlNext",
        number: true,
        help: "answer the next N requests 200 with an HTML sign-in page (a captive portal)",
        set: |f, v| {
            f.html_next = v.parse().ok()?;
            Some(())
        },
    },
    Fault {
        name: "contentTypeNext",
        number: true,
        help: "send the next N answers with Content-Type `contentType`",
        set: |f, v| {
            f.content_type_next = v.parse().ok()?;
            Some(())
        },
    },
    Fault {
        name: "contentType",
        number: false,
        help: "the Content-Type of `contentTypeNext`",
        set: |f, v| {
            f.content_type = v.to_string();
            Some(())
        },
    },
];

/// Temporary keys minted by `POST /-/emulator/sts`: accepted until `expires`
/// (Unix seconds, the emulator's clock), then refused with `ExpiredToken`.
#[derive(Debug, Clone)]
pub struct Issued {
    pub credential: crate::config::Credential,
    pub expires: i64,
}

/// A TaskFinish notification to deliver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Callback {
    pub url: String,
    pub content_type: &'static str,
    pub body: String,
}

#[derive(Debug)]
pub struct State {
    pub buckets: Vec<Bucket>,
    pub faults: Faults,
    pub issued: Vec<Issued>,
    seq: u64,
    rng: u64,
}

impl State {
    /// The buckets of `config`, each with a doc and an AI queue created at `now_ms`.
    pub fn new(config: &Config, now_ms: u64) -> Self {
        let mut state = State {
            buckets: Vec::new(),
            faults: Faults {
                fail_next: config.fail_next,
                fail_status: config.fail_status,
                delay_ms: config.delay_ms,
                skew: config.clock_skew,
                truncate_next: config.truncate_next,
                close_next: config.close_next,
                ..Faults::default()
            },
            issued: Vec::new(),
            seq: 0,
            rng: now_ms ^ 0x9e37_79b9_7f4a_7c15,
        };
        let created = time::secs(now_ms, config.clock_skew);
        for name in &config.buckets {
            let queues = [(QueueKind::Doc, "doc-queue"), (QueueKind::Ai, "ai-queue")]
                .into_iter()
                .map(|(kind, qname)| Queue {
                    id: state.id('p'),
                    kind,
                    name: qname.to_string(),
                    state: "Active".into(),
                    notify: vec![("State".into(), "Off".into())],
                    max_size: 10000,
                    max_concurrent: 10,
                    create_time: created,
                    update_time: created,
                })
                .collect();
            state.buckets.push(Bucket { name: name.clone(), queues, jobs: Vec::new() });
        }
        state
    }

    /// `p`/`d` + 32 hex, as the service's ids.
    pub fn id(&mut self, prefix: char) -> String {
        let mut out = String::with_capacity(33);
        out.push(prefix);
        for _ in 0..2 {
            // xorshift64*
            self.rng ^= self.rng >> 12;
            self.rng ^= self.rng << 25;
            self.rng ^= self.rng >> 27;
            out.push_str(&format!("{:016x}", self.rng.wrapping_mul(0x2545_f491_4f6c_dd1d)));
        }
        out
    }

    pub fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    pub fn bucket(&self, name: &str) -> Option<&Bucket> {
        self.buckets.iter().find(|b| b.name == name)
    }

    pub fn bucket_mut(&mut self, name: &str) -> Option<&mut Bucket> {
        self.buckets.iter_mut().find(|b| b.name == name)
    }

    /// Moves jobs whose time has come (automatic schedule); returns how many
    /// moved and the callbacks of the jobs that ended.
    pub fn tick(&mut self, config: &Config, now_ms: u64) -> (usize, Vec<Callback>) {
        self.move_jobs(config, now_ms, |job, active| {
            now_ms >= job.next_step_ms && (job.state == JobState::Running || active.contains(&job.queue_id))
        })
    }

    /// Moves every movable job one step (manual schedule); returns how many
    /// moved and the callbacks of the jobs that ended.
    pub fn advance(&mut self, config: &Config, now_ms: u64) -> (usize, Vec<Callback>) {
        self.move_jobs(config, now_ms, |job, active| match job.state {
            JobState::Submitted => active.contains(&job.queue_id),
            JobState::Running => true,
            _ => false,
        })
    }

    fn move_jobs(
        &mut self,
        config: &Config,
        now_ms: u64,
        due: impl Fn(&Job, &[String]) -> bool,
    ) -> (usize, Vec<Callback>) {
        let skew = self.faults.skew;
        let (mut moved, mut callbacks) = (0, Vec::new());
        for bucket in &mut self.buckets {
            let active: Vec<String> =
                bucket.queues.iter().filter(|q| q.state == "Active").map(|q| q.id.clone()).collect();
            for job in &mut bucket.jobs {
                let was_running = match job.state {
                    JobState::Submitted => false,
                    JobState::Running => true,
                    JobState::Success | JobState::Failed => continue,
                };
                if !due(job, &active) {
                    continue;
                }
                step(job, config, now_ms, skew);
                moved += 1;
                if was_running {
                    if let Some(queue) = bucket.queues.iter().find(|q| q.id == job.queue_id) {
                        callbacks.extend(crate::render::callback(queue, job, &bucket.name, &config.region));
                    }
                }
            }
        }
        (moved, callbacks)
    }
}

fn step(job: &mut Job, config: &Config, now_ms: u64, skew: i64) {
    let now = time::secs(now_ms, skew);
    match job.state {
        JobState::Submitted => {
            job.state = JobState::Running;
            job.started = Some(now);
            job.next_step_ms = now_ms + config.job_run_ms;
        }
        JobState::Running => {
            job.ended = Some(now);
            let input = job.input.text("Input.Object").unwrap_or_default();
            // Input.Object is text and may start with '/'; a key does not.
            if !config.has_object(input.strip_prefix('/').unwrap_or(&input)) {
                job.state = JobState::Failed;
                job.failure = Some(("NoSuchKey".into(), "The specified key does not exist.".into()));
            } else if !config.fail_input.is_empty() && input.contains(&config.fail_input) {
                job.state = JobState::Failed;
                job.failure =
                    Some(("InternalError".into(), "The document could not be converted (emulated failure).".into()));
            } else {
                job.state = JobState::Success;
                job.result = Some(render(&job.input, config));
            }
        }
        _ => {}
    }
}

/// Pages selected by PageRanges, or StartPage..EndPage, within `total`.
fn selected_pages(input: &Decoded, total: u32) -> Vec<u32> {
    if let Some(ranges) = input.text("Operation.DocProcess.PageRanges") {
        let mut pages: Vec<u32> = Vec::new();
        for item in ranges.split(',') {
            let (a, b) = item.split_once('-').unwrap_or((item, item));
            if let (Ok(a), Ok(b)) = (a.parse::<u32>(), b.parse::<u32>()) {
                for p in a..=b.min(total) {
                    if !pages.contains(&p) {
                        pages.push(p);
                    }
                }
            }
        }
        return pages;
    }
    let start = input.int("Operation.DocProcess.StartPage").unwrap_or(1).clamp(1, u32::MAX as i64) as u32;
    let end = match input.int("Operation.DocProcess.EndPage") {
        Some(e) if e > 0 => (e.min(u32::MAX as i64) as u32).min(total),
        _ => total,
    };
    (start..=end).collect()
}

/// The result of a successful job: one PageInfo per output image.
pub fn render(input: &Decoded, config: &Config) -> DocResult {
    let tgt_type = input.text("Operation.DocProcess.TgtType");
    let single = tgt_type.as_deref() == Some("pdf") || input.int("Operation.DocProcess.PicPagination") == Some(1);
    let object = input.text("Operation.Output.Object").unwrap_or_default();
    let template = object.trim_start_matches('/');
    let spreadsheet = is_spreadsheet(
        input.text("Operation.DocProcess.SrcType").as_deref(),
        &input.text("Input.Object").unwrap_or_default(),
    );
    let sheets: Vec<u32> = if !spreadsheet {
        vec![1]
    } else {
        match input.int("Operation.DocProcess.SheetId") {
            Some(0) => (1..=config.sheets).collect(),
            Some(n) => vec![(n.clamp(1, u32::MAX as i64) as u32).min(config.sheets)],
            None => vec![1],
        }
    };
    let mut pages = Vec::new();
    for sheet in &sheets {
        let mut selected = selected_pages(input, config.pages);
        if single {
            selected.truncate(1);
        }
        let n = selected.len() as u32;
        for (i, page) in selected.into_iter().enumerate() {
            let number = i as u32 + 1;
            let uri = template
                .replace("${Number}", &number.to_string())
                .replace("${Page}", &page.to_string())
                .replace("${SheetID}", &sheet.to_string());
            pages.push(PageOut { page_no: page, tgt_uri: uri, sheet_pics: n, pic_index: number });
        }
    }
    DocResult {
        pages,
        total_page_count: config.pages * sheets.len() as u32,
        total_sheet_count: sheets.len() as u32,
        tgt_type: tgt_type.unwrap_or_else(|| "jpg".into()),
    }
}
