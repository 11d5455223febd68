// Native only (the bad-input catalogue runs through the bindings in js/test/bad-input.mjs).
#![cfg(not(target_arch = "wasm32"))]
//! Every documented input rule fails before anything is built, with a typed
//! error naming the field and the rule.

use cos_ci_wasm::api::doc_job::*;
use cos_ci_wasm::api::queue::*;
use cos_ci_wasm::api::{ai_queue, doc_queue};
use cos_ci_wasm::{ClientConfig, Endpoint, Error, ErrorCode};

const QUEUE: &str = "p4a17eeea29334bf499b7e20e2fbfd99d";

fn endpoint() -> Endpoint {
    ClientConfig::new("examplebucket-1250000000", "ap-guangzhou").resolve().unwrap()
}

#[track_caller]
fn assert_err<T: std::fmt::Debug>(r: cos_ci_wasm::Result<T>, code: ErrorCode, field: &str) -> Error {
    let e = r.unwrap_err();
    assert_eq!((e.code(), e.field()), (code, Some(field)), "{e}");
    assert!(!e.message().is_empty());
    e
}

fn url_notify() -> NotifyConfig {
    NotifyConfig {
        state: Some(NotifySwitch::On),
        event: vec![NotifyEvent::TaskFinish, NotifyEvent::WorkflowFinish],
        notify_type: Some(NotifyType::Url),
        url: Some("https://cb.example.com/ci?a=1&b=2".into()),
        result_format: Some(ResultFormat::Json),
        ..Default::default()
    }
}

fn update(notify: Option<NotifyConfig>) -> UpdateQueueInput {
    UpdateQueueInput {
        queue_id: QUEUE.into(),
        name: "queue".into(),
        state: Some(QueueState::Active),
        notify_config: notify,
    }
}

#[test]
fn enumerations_parse_with_the_field_and_the_allowed_values() {
    let e = assert_err(QueueState::parse("State", "All"), ErrorCode::InvalidArgument, "State");
    assert!(e.message().contains("Active, Paused"), "{e}");
    assert_eq!(QueueStateFilter::parse("State", "All").unwrap(), QueueStateFilter::All);
    assert_err(NotifySwitch::parse("NotifyConfig.State", "on"), ErrorCode::InvalidArgument, "NotifyConfig.State");
    assert_eq!(NotifyType::parse("NotifyConfig.Type", "TDMQ").unwrap(), NotifyType::Tdmq);
    assert_err(NotifyEvent::parse("NotifyConfig.Event", "JobFinish"), ErrorCode::InvalidArgument, "NotifyConfig.Event");
    assert_err(
        ResultFormat::parse("NotifyConfig.ResultFormat", "json"),
        ErrorCode::InvalidArgument,
        "NotifyConfig.ResultFormat",
    );
    assert_err(MqRegion::parse("NotifyConfig.MqRegion", "sz"), ErrorCode::InvalidArgument, "NotifyConfig.MqRegion");
    assert_err(MqMode::parse("NotifyConfig.MqMode", "queue"), ErrorCode::InvalidArgument, "NotifyConfig.MqMode");
    assert_err(
        TgtType::parse("Operation.DocProcess.TgtType", "gif"),
        ErrorCode::InvalidArgument,
        "Operation.DocProcess.TgtType",
    );
    assert_err(OrderByTime::parse("OrderByTime", "desc"), ErrorCode::InvalidArgument, "OrderByTime");
    assert_err(JobStateFilter::parse("States", "Done"), ErrorCode::InvalidArgument, "States");
    assert_eq!(JobStateFilter::ALL.len(), 7);
}

#[test]
fn queue_update_rules() {
    let e = endpoint();
    assert!(doc_queue::update_doc_process_queue(&e, &update(Some(url_notify()))).is_ok());
    assert!(ai_queue::update_ai_process_queue(&e, &update(None)).is_ok());
    assert_err(doc_queue::update_doc_process_queue(&e, &update(None)), ErrorCode::MissingArgument, "NotifyConfig");

    let mut i = update(None);
    i.name = String::new();
    assert_err(ai_queue::update_ai_process_queue(&e, &i), ErrorCode::MissingArgument, "Name");
    i.name = "名".repeat(128);
    assert!(ai_queue::update_ai_process_queue(&e, &i).is_ok());
    i.name = "n".repeat(129);
    assert_err(ai_queue::update_ai_process_queue(&e, &i), ErrorCode::InvalidArgument, "Name");
    i.name = "a\u{0}b".into();
    assert_err(ai_queue::update_ai_process_queue(&e, &i), ErrorCode::InvalidArgument, "Name");
    i.name = "q</Name><State>Paused</State><Name>q".into();
    assert_err(ai_queue::update_ai_process_queue(&e, &i), ErrorCode::InvalidArgument, "Name");

    let mut i = update(None);
    i.state = None;
    assert_err(ai_queue::update_ai_process_queue(&e, &i), ErrorCode::MissingArgument, "State");
    for bad in ["", "a/b", "..", "a\r\nb"] {
        let mut i = update(None);
        i.queue_id = bad.into();
        let code = if bad.is_empty() { ErrorCode::MissingArgument } else { ErrorCode::InvalidArgument };
        assert_err(ai_queue::update_ai_process_queue(&e, &i), code, "QueueId");
    }
}

#[test]
fn injection_in_a_name_is_refused_and_other_text_is_escaped() {
    let mut i = update(Some(url_notify()));
    i.name = "</Name><State>Paused</State>".into();
    assert_err(doc_queue::update_doc_process_queue(&endpoint(), &i), ErrorCode::InvalidArgument, "Name");
    // Text that may hold markup characters is escaped, never interpreted.
    i.name = "R&D".into();
    let d = doc_queue::update_doc_process_queue(&endpoint(), &i).unwrap();
    let body = d.body().unwrap();
    assert!(body.contains("<Name>R&amp;D</Name>"), "{body}");
    assert_eq!(body.matches("<State>").count(), 2, "queue State and NotifyConfig State only");
    assert!(body.contains("<Url>https://cb.example.com/ci?a=1&amp;b=2</Url>"));
    assert!(body.contains("<Event>TaskFinish,WorkflowFinish</Event>"));
}

#[test]
fn notify_config_rules() {
    let e = endpoint();
    let run = |n: NotifyConfig| ai_queue::update_ai_process_queue(&e, &update(Some(n)));
    assert!(run(url_notify()).is_ok());
    // Off needs nothing else (the docs' own example sends an empty Url).
    assert!(
        run(NotifyConfig { state: Some(NotifySwitch::Off), url: Some(String::new()), ..Default::default() }).is_ok()
    );
    assert_err(run(NotifyConfig { event: vec![], ..url_notify() }), ErrorCode::MissingArgument, "NotifyConfig.Event");
    assert_err(
        run(NotifyConfig { notify_type: None, ..url_notify() }),
        ErrorCode::MissingArgument,
        "NotifyConfig.Type",
    );
    assert_err(run(NotifyConfig { url: None, ..url_notify() }), ErrorCode::MissingArgument, "NotifyConfig.Url");
    for bad in [
        "ftp://a.com/x",
        "http://10.0.0.8/cb",
        "http://127.0.0.1:9000",
        "http://[::1]/",
        "http://169.254.1.1/",
        "http://localhost/",
    ] {
        assert_err(
            run(NotifyConfig { url: Some(bad.into()), ..url_notify() }),
            ErrorCode::InvalidArgument,
            "NotifyConfig.Url",
        );
    }
    let tdmq = NotifyConfig {
        state: Some(NotifySwitch::On),
        event: vec![NotifyEvent::TaskFinish],
        notify_type: Some(NotifyType::Tdmq),
        mq_mode: Some(MqMode::Queue),
        mq_region: Some(MqRegion::Gz),
        mq_name: Some("topic-1".into()),
        ..Default::default()
    };
    let d = run(tdmq.clone()).unwrap();
    assert!(d.body().unwrap().ends_with(
        "<NotifyConfig><Type>TDMQ</Type><Event>TaskFinish</Event><State>On</State><MqMode>Queue</MqMode><MqRegion>gz</MqRegion><MqName>topic-1</MqName></NotifyConfig></Request>"
    ));
    assert_err(run(NotifyConfig { mq_mode: None, ..tdmq.clone() }), ErrorCode::MissingArgument, "NotifyConfig.MqMode");
    assert_err(
        run(NotifyConfig { mq_region: None, ..tdmq.clone() }),
        ErrorCode::MissingArgument,
        "NotifyConfig.MqRegion",
    );
    assert_err(
        run(NotifyConfig { mq_name: Some(String::new()), ..tdmq }),
        ErrorCode::MissingArgument,
        "NotifyConfig.MqName",
    );
}

/// Every way of writing an internal host that a WHATWG URL parser (fetch,
/// Node's `URL`, most HTTP clients) would turn into that host.
fn internal_host_forms() -> Vec<String> {
    let v4: [[u8; 4]; 14] = [
        [127, 0, 0, 1],
        [127, 255, 255, 254],
        [10, 0, 0, 1],
        [172, 16, 0, 1],
        [172, 31, 255, 255],
        [192, 168, 1, 1],
        [169, 254, 169, 254],
        [0, 0, 0, 0],
        [0, 1, 2, 3],
        [100, 64, 0, 1],
        [192, 0, 0, 170],
        [198, 18, 0, 1],
        [224, 0, 0, 1],
        [255, 255, 255, 255],
    ];
    let mut hosts = Vec::new();
    for ip in v4 {
        let [a, b, c, d] = ip;
        let n = u32::from_be_bytes(ip);
        let dotted = format!("{a}.{b}.{c}.{d}");
        let fullwidth = |s: &str, dot: char| -> String {
            s.chars()
                .map(|ch| match ch {
                    '0'..='9' => char::from_u32(0xFF10 + (ch as u32 - '0' as u32)).unwrap(),
                    '.' => dot,
                    other => other,
                })
                .collect()
        };
        let percent = |s: &str| s.bytes().map(|b| format!("%{b:02X}")).collect::<String>();
        hosts.extend([
            dotted.clone(),
            format!("{dotted}."),
            n.to_string(),
            format!("{n}."),
            format!("0x{n:x}"),
            format!("0X{n:X}"),
            format!("0{n:o}"),
            format!("{a}.{}", n & 0xFF_FFFF),
            format!("{a}.{b}.{}", n & 0xFFFF),
            format!("0x{a:x}.0x{b:x}.0x{c:x}.0x{d:x}"),
            format!("0{a:o}.0{b:o}.0{c:o}.0{d:o}"),
            format!("{a:03}.{b:03}.{c:03}.{d:03}"),
            format!("{a}.{b}.{c}.0{d}"),
            format!("0x{a:02x}.{b}.{c}.{d}"),
            fullwidth(&dotted, '．'),
            fullwidth(&dotted, '.'),
            fullwidth(&dotted, '。'),
            dotted.replace('.', "。"),
            dotted.replace('.', "｡"),
            percent(&dotted),
            format!("{}.{b}.{c}.{d}", percent(&a.to_string())),
            dotted.replace('.', "%2e"),
            format!("[::ffff:{dotted}]"),
            format!("[::FFFF:{:x}:{:x}]", n >> 16, n & 0xFFFF),
            format!("[0:0:0:0:0:ffff:{dotted}]"),
            format!("[::{dotted}]"),
            format!("[::{:x}:{:x}]", n >> 16, n & 0xFFFF),
            format!("[::ffff:0:{dotted}]"),
            format!("[64:ff9b::{dotted}]"),
            format!("[64:FF9B::{:x}:{:x}]", n >> 16, n & 0xFFFF),
            format!("[2002:{:x}:{:x}::1]", n >> 16, n & 0xFFFF),
            format!("[2001:0:{:x}:{:x}::]", n >> 16, n & 0xFFFF),
            format!("[2001:0:808:808::{:x}:{:x}]", !n >> 16, !n & 0xFFFF),
        ]);
    }
    hosts.extend(
        [
            "localhost",
            "LOCALHOST",
            "LocalHost",
            "localhost.",
            "a.localhost",
            "A.B.LOCALHOST.",
            "ⓛⓞⓒⓐⓛⓗⓞⓢⓣ",
            "ｌｏｃａｌｈｏｓｔ",
            "ＬＯＣＡＬＨＯＳＴ",
            "%6c%6f%63%61%6c%68%6f%73%74",
            "loc%61lhost",
            "localhost%2e",
            "xn--localhost-",
            "XN--LOCALHOST-",
            "xn--vuhdqncpe6aj",
            "xn--mi7cdqncpe6aj",
            "xn--8g7ccp.0.0.1",
            "localhost\u{200B}",
            "lοcalhost",
            "[::1]",
            "[::]",
            "[0:0:0:0:0:0:0:1]",
            "[0000::0001]",
            "[::0:1]",
            "[fe80::1]",
            "[FE80::1]",
            "[febf::1]",
            "[fc00::1]",
            "[fd12:3456::1]",
            "[fec0::1]",
            "[ff02::1]",
            "[64:ff9b:1::1]",
            "[100::1]",
            "[::1%25eth0]",
            "[::1%eth0]",
            "[%3A%3A1]",
            "[：：1]",
        ]
        .map(String::from),
    );
    hosts
}

#[test]
fn callback_urls_refuse_every_form_of_an_internal_host_and_keep_public_ones() {
    let e = endpoint();
    let run = |url: &str| {
        ai_queue::update_ai_process_queue(&e, &update(Some(NotifyConfig { url: Some(url.into()), ..url_notify() })))
    };
    let hosts = internal_host_forms();
    assert!(hosts.len() > 400, "{}", hosts.len());
    let mut checked = 0;
    for host in &hosts {
        for scheme in ["http://", "HTTPS://"] {
            for tail in ["", "/", ":8080/cb", "/cb?x=1#f", ":80"] {
                let url = format!("{scheme}{host}{tail}");
                let err = assert_err(run(&url), ErrorCode::InvalidArgument, "NotifyConfig.Url");
                assert!(!err.message().is_empty());
                checked += 1;
            }
            // User info is refused whatever the host.
            let url = format!("{scheme}user:pw@{host}/");
            let err = assert_err(run(&url), ErrorCode::InvalidArgument, "NotifyConfig.Url");
            assert!(!err.message().contains("pw@"), "{err}");
        }
    }
    assert!(checked > 4000);
    // User info in front of a public host too: parsers disagree on where it ends.
    for url in
        ["http://user@example.com/", "http://a@b@example.com/", "http://@example.com/", "http://example.com@8.8.8.8/"]
    {
        assert_err(run(url), ErrorCode::InvalidArgument, "NotifyConfig.Url");
    }
    // Public hosts, in the forms accepted, are kept and written verbatim.
    for url in [
        "http://8.8.8.8/",
        "https://203.0.113.7:8443/cb?a=1",
        "http://[2001:db8::1]/",
        "http://[2606:4700:4700::1111]:8080/x",
        "http://[::ffff:8.8.8.8]/",
        "http://[64:ff9b::808:808]/",
        "http://[2002:808:808::1]/",
        "https://xn--fiqs8s.cn/cb",
        "https://xn--mnchen-3ya.de/",
        "http://1.2.3.4.example.com/",
        "http://127.0.0.1.nip.example/",
        "http://localhost.example.com/",
        "http://mylocalhost/",
        "https://Cb.Example.COM/Path%2F?q=%41#frag",
        "http://0x7f.example/",
        "http://a-b.c-d.example:65535",
        "http://11.0.0.1/",
        "http://172.32.0.1/",
        "http://100.128.0.1/",
        "http://169.255.0.1/",
        "http://192.169.0.1/",
        "http://223.255.255.255/",
    ] {
        let d = run(url).unwrap_or_else(|err| panic!("{url}: {err}"));
        let body = d.body().unwrap();
        assert!(body.contains(&format!("<Url>{}</Url>", url.replace('&', "&amp;"))), "{body}");
    }
}

#[test]
fn describe_queue_rules() {
    let e = endpoint();
    let d = doc_queue::describe_doc_process_queues(
        &e,
        &DescribeQueuesInput { state: Some(QueueStateFilter::Paused), ..Default::default() },
    )
    .unwrap();
    assert_eq!(d.query_string(), "queueIds=&state=Paused&pageNumber=&pageSize=");
    for (ids, field) in [(vec!["a,b"], "QueueIds[0]"), (vec!["ok", "x/y"], "QueueIds[1]")] {
        let input =
            DescribeQueuesInput { queue_ids: ids.into_iter().map(String::from).collect(), ..Default::default() };
        assert_err(ai_queue::describe_ai_process_queues(&e, &input), ErrorCode::InvalidArgument, field);
    }
    let page = |page_number, page_size| DescribeQueuesInput { page_number, page_size, ..Default::default() };
    assert_err(
        doc_queue::describe_doc_process_queues(&e, &page(Some(0), None)),
        ErrorCode::InvalidArgument,
        "PageNumber",
    );
    assert_err(
        doc_queue::describe_doc_process_queues(&e, &page(None, Some(0))),
        ErrorCode::InvalidArgument,
        "PageSize",
    );
    let d = doc_queue::describe_doc_process_queues(&e, &page(Some(1), Some(1000))).unwrap();
    assert_eq!(d.query_string(), "queueIds=&state=All&pageNumber=1&pageSize=1000");
}

fn job() -> CreateDocProcessJobsInput {
    CreateDocProcessJobsInput {
        queue_id: Some(QUEUE.into()),
        input: DocInput { object: "docs/a.docx".into() },
        operation: DocOperation {
            output: DocOutput {
                bucket: "examplebucket-1250000000".into(),
                region: "ap-guangzhou".into(),
                object: "out/a_${Number}.jpg".into(),
            },
            doc_process: DocProcess::default(),
        },
    }
}

#[test]
fn create_job_rules() {
    let e = endpoint();
    let run = |f: &dyn Fn(&mut CreateDocProcessJobsInput)| {
        let mut j = job();
        f(&mut j);
        create_doc_process_jobs(&e, &j)
    };
    assert!(run(&|_| {}).is_ok());
    let p = "Operation.DocProcess.";
    type Mutation<'a> = &'a dyn Fn(&mut CreateDocProcessJobsInput);
    let cases: Vec<(Mutation, ErrorCode, String)> = vec![
        (&|j| j.input.object.clear(), ErrorCode::MissingArgument, "Input.Object".into()),
        (&|j| j.queue_id = Some("../q".into()), ErrorCode::InvalidArgument, "QueueId".into()),
        (
            &|j| j.operation.output.bucket = "nobucket".into(),
            ErrorCode::InvalidArgument,
            "Operation.Output.Bucket".into(),
        ),
        (&|j| j.operation.output.region.clear(), ErrorCode::MissingArgument, "Operation.Output.Region".into()),
        (
            &|j| j.operation.output.object = "out/a.jpg".into(),
            ErrorCode::InvalidArgument,
            "Operation.Output.Object".into(),
        ),
        (
            &|j| j.operation.output.object = "${Number}/a.jpg".into(),
            ErrorCode::InvalidArgument,
            "Operation.Output.Object".into(),
        ),
        (&|j| j.input.object = "s.xlsx".into(), ErrorCode::InvalidArgument, "Operation.Output.Object".into()),
        (
            &|j| {
                j.input.object = "s.bin".into();
                j.operation.doc_process.src_type = Some("csv".into());
            },
            ErrorCode::InvalidArgument,
            "Operation.Output.Object".into(),
        ),
        (&|j| j.operation.doc_process.quality = Some(109), ErrorCode::InvalidArgument, format!("{p}Quality")),
        (&|j| j.operation.doc_process.quality = Some(0), ErrorCode::InvalidArgument, format!("{p}Quality")),
        (&|j| j.operation.doc_process.zoom = Some(9), ErrorCode::InvalidArgument, format!("{p}Zoom")),
        (&|j| j.operation.doc_process.zoom = Some(201), ErrorCode::InvalidArgument, format!("{p}Zoom")),
        (&|j| j.operation.doc_process.image_dpi = Some(95), ErrorCode::InvalidArgument, format!("{p}ImageDpi")),
        (&|j| j.operation.doc_process.image_dpi = Some(601), ErrorCode::InvalidArgument, format!("{p}ImageDpi")),
        (&|j| j.operation.doc_process.paper_size = Some(3), ErrorCode::InvalidArgument, format!("{p}PaperSize")),
        (&|j| j.operation.doc_process.comments = Some(2), ErrorCode::InvalidArgument, format!("{p}Comments")),
        (
            &|j| j.operation.doc_process.pic_pagination = Some(2),
            ErrorCode::InvalidArgument,
            format!("{p}PicPagination"),
        ),
        (
            &|j| {
                j.operation.doc_process.pic_pagination = Some(1);
                j.operation.doc_process.tgt_type = Some(TgtType::Pdf);
            },
            ErrorCode::InvalidArgument,
            format!("{p}PicPagination"),
        ),
        (&|j| j.operation.doc_process.start_page = Some(0), ErrorCode::InvalidArgument, format!("{p}StartPage")),
        (&|j| j.operation.doc_process.end_page = Some(0), ErrorCode::InvalidArgument, format!("{p}EndPage")),
        (&|j| j.operation.doc_process.end_page = Some(-2), ErrorCode::InvalidArgument, format!("{p}EndPage")),
        (
            &|j| {
                j.operation.doc_process.start_page = Some(5);
                j.operation.doc_process.end_page = Some(4);
            },
            ErrorCode::InvalidArgument,
            format!("{p}EndPage"),
        ),
        (
            &|j| j.operation.doc_process.page_ranges = Some("1, 2".into()),
            ErrorCode::InvalidArgument,
            format!("{p}PageRanges"),
        ),
        (
            &|j| j.operation.doc_process.image_params = Some("a\u{1}".into()),
            ErrorCode::InvalidArgument,
            format!("{p}ImageParams"),
        ),
        (
            &|j| j.operation.doc_process.doc_password = Some(DocPassword::new("se\u{0}cret")),
            ErrorCode::InvalidArgument,
            format!("{p}DocPassword"),
        ),
    ];
    for (i, (f, code, field)) in cases.iter().enumerate() {
        let e = run(*f).unwrap_err();
        assert_eq!((e.code(), e.field()), (*code, Some(field.as_str())), "case {i}: {e}");
    }
    // Boundaries and meaningful zeros are accepted.
    let ok = run(&|j| {
        let d = &mut j.operation.doc_process;
        d.quality = Some(1);
        d.zoom = Some(200);
        d.image_dpi = Some(600);
        d.start_page = Some(3);
        d.end_page = Some(3);
        d.sheet_id = Some(0);
        d.tgt_type = Some(TgtType::Png);
        d.pic_pagination = Some(1);
    });
    assert!(ok.unwrap().body().unwrap().contains("<SheetId>0</SheetId>"));
    assert!(run(&|j| {
        j.input.object = "s.xlsx".into();
        j.operation.output.object = "/${SheetID}/s_${Number}.png".into();
    })
    .is_ok());
    assert!(run(&|j| j.operation.output.object = "o/${Page}.png".into()).is_ok());
}

#[test]
fn list_jobs_rules() {
    let e = endpoint();
    let base = DescribeDocProcessJobsInput { queue_id: QUEUE.into(), ..Default::default() };
    for size in [0, 101] {
        assert_err(
            describe_doc_process_jobs(&e, &DescribeDocProcessJobsInput { size: Some(size), ..base.clone() }),
            ErrorCode::InvalidArgument,
            "Size",
        );
    }
    assert!(describe_doc_process_jobs(&e, &DescribeDocProcessJobsInput { size: Some(100), ..base.clone() }).is_ok());
    assert_err(
        describe_doc_process_jobs(
            &e,
            &DescribeDocProcessJobsInput { start_creation_time: Some("2022-08-09".into()), ..base.clone() },
        ),
        ErrorCode::InvalidArgument,
        "StartCreationTime",
    );
    assert_err(
        describe_doc_process_jobs(
            &e,
            &DescribeDocProcessJobsInput { end_creation_time: Some("2022-08-09T16:00:00".into()), ..base.clone() },
        ),
        ErrorCode::InvalidArgument,
        "EndCreationTime",
    );
    assert_err(
        describe_doc_process_jobs(&e, &DescribeDocProcessJobsInput { queue_id: "a/b".into(), ..base }),
        ErrorCode::InvalidArgument,
        "QueueId",
    );
    assert_err(
        describe_doc_process_job(&e, &DescribeDocProcessJobInput { job_id: String::new() }),
        ErrorCode::MissingArgument,
        "JobId",
    );
}

#[test]
fn client_config_rules() {
    assert_err(ClientConfig::new("", "ap-guangzhou").resolve(), ErrorCode::MissingArgument, "Bucket");
    assert_err(ClientConfig::new("Bucket-1", "ap-guangzhou").resolve(), ErrorCode::InvalidArgument, "Bucket");
    assert_err(ClientConfig::new("b-1", "ap_guangzhou").resolve(), ErrorCode::InvalidArgument, "Region");
    assert_err(ClientConfig::new("b-1", "ap-guangzhou.evil.com/").resolve(), ErrorCode::InvalidArgument, "Region");
}
