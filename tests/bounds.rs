// Native only (it builds multi-megabyte adversarial bodies, which the native run covers).
#![cfg(not(target_arch = "wasm32"))]
//! Bounded parsing on adversarial responses, through every operation's parser: each bound
//! is a typed `LimitExceeded` (or `InvalidXml` for a DOCTYPE), reached at the bound — the
//! parser never reads on past it, never expands an entity, and never half-parses.

use cos_ci_wasm::api::{ai_queue, doc_job, doc_queue};
use cos_ci_wasm::xml::{MAX_DEPTH, MAX_ELEMENTS, MAX_RESPONSE_BYTES};
use cos_ci_wasm::{ErrorCode, RawResponse, Result};

type Parse = fn(&RawResponse<'_>) -> Result<()>;

fn parsers() -> [(&'static str, Parse); 7] {
    [
        ("DescribeDocProcessQueues", |r| doc_queue::parse_describe_doc_process_queues(r).map(drop)),
        ("UpdateDocProcessQueue", |r| doc_queue::parse_update_doc_process_queue(r).map(drop)),
        ("DescribeAiProcessQueues", |r| ai_queue::parse_describe_ai_process_queues(r).map(drop)),
        ("UpdateAiProcessQueue", |r| ai_queue::parse_update_ai_process_queue(r).map(drop)),
        ("CreateDocProcessJobs", |r| doc_job::parse_create_doc_process_jobs(r).map(drop)),
        ("DescribeDocProcessJob", |r| doc_job::parse_describe_doc_process_job(r).map(drop)),
        ("DescribeDocProcessJobs", |r| doc_job::parse_describe_doc_process_jobs(r).map(drop)),
    ]
}

fn code_of(parse: Parse, status: u16, body: &str) -> ErrorCode {
    parse(&RawResponse::new(status, body)).expect_err("must fail").code()
}

#[test]
fn each_bound_is_limit_exceeded_for_every_operation() {
    let too_long = format!("<Response>{}</Response>", " ".repeat(MAX_RESPONSE_BYTES));
    let too_many = format!("<Response>{}</Response>", "<JobsDetail/>".repeat(MAX_ELEMENTS));
    let too_deep = format!("<Response>{}", "<QueueList>".repeat(MAX_DEPTH));
    // A wide document: many elements in one list, under the bound, parses.
    let wide = format!("<Response>{}</Response>", "<NonExistJobIds>d1</NonExistJobIds>".repeat(MAX_ELEMENTS / 2));
    for (name, parse) in parsers() {
        for (what, body) in [("size", &too_long), ("element count", &too_many), ("depth", &too_deep)] {
            assert_eq!(code_of(parse, 200, body), ErrorCode::LimitExceeded, "{name}: {what}");
        }
        let _ = parse(&RawResponse::new(200, &wide)); // an error or a value; never a panic
    }
}

#[test]
fn an_oversized_error_answer_is_still_a_service_error_with_its_status() {
    let body = format!("<html>{}</html>", "x".repeat(MAX_RESPONSE_BYTES));
    for (name, parse) in parsers() {
        let e = parse(&RawResponse::new(502, &body)).unwrap_err();
        assert_eq!((e.code(), e.status_code()), (ErrorCode::ServiceError, Some(502)), "{name}");
        assert!(e.message().chars().count() < 300, "{name}: the text is cut");
    }
}

#[test]
fn entity_expansion_and_external_entities_are_refused() {
    let laughs = concat!(
        "<?xml version=\"1.0\"?><!DOCTYPE Response [<!ENTITY a \"aaaaaaaaaa\">",
        "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>",
        "<Response><RequestId>&c;</RequestId></Response>"
    );
    let xxe = "<!DOCTYPE Response [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Response><RequestId>&x;</RequestId></Response>";
    for (name, parse) in parsers() {
        for body in [laughs, xxe] {
            assert_eq!(code_of(parse, 200, body), ErrorCode::InvalidXml, "{name}");
        }
        // An undeclared entity is not looked up anywhere either.
        assert_eq!(code_of(parse, 200, "<Response><RequestId>&x;</RequestId></Response>"), ErrorCode::InvalidXml);
    }
}

#[test]
fn quadratic_shapes_stay_cheap() {
    // Many attributes, long names and many repeated siblings are linear work: these
    // finish (the test would time out otherwise) with a definite answer.
    let attrs: String = (0..50_000).map(|i| format!(" a{i}=\"v\"")).collect();
    let many_attrs = format!("<Response{attrs}/>");
    let long_name = format!("<Response><{0}>1</{0}></Response>", "N".repeat(1_000_000));
    let repeated = format!("<Response>{}</Response>", "<RequestId>r</RequestId>".repeat(50_000));
    for (name, parse) in parsers() {
        // Unknown attributes are ignored (CreateDocProcessJobs still needs the job it made).
        match parse(&RawResponse::new(200, &many_attrs)) {
            Ok(_) => assert_ne!(name, "CreateDocProcessJobs"),
            Err(e) => assert_eq!((name, e.field()), ("CreateDocProcessJobs", Some("JobsDetail")), "{e}"),
        }
        let _ = parse(&RawResponse::new(200, &long_name));
        assert_eq!(code_of(parse, 200, &repeated), ErrorCode::InvalidResponse, "{name}: a repeated single value");
    }
}

/// The longest run of bytes of `text` that are all `c`: how much of a
/// repeated name an error echoes.
fn longest_run(text: &str, c: char) -> usize {
    text.split(|x| x != c).map(str::len).max().unwrap_or(0)
}

#[test]
fn errors_echo_at_most_a_few_hundred_bytes_of_a_megabyte_name() {
    for c in ['a', '中'] {
        let n: String = std::iter::repeat_n(c, 1_000_000 / c.len_utf8()).collect();
        let bodies = [
            format!("<{n}>"),
            format!("<{n}></b>"),
            format!("<b></{n}>"),
            format!("<{n}></{n}x>"),
            format!("</{n}>"),
            format!("<{n}/>"),
            format!("<Response><{n}>"),
            format!("<Response><{n}></{n}></Response>x"),
            format!("<Response><JobsDetail><JobId><{n}/></JobId></JobsDetail><QueueList><QueueId><{n}/></QueueId></QueueList></Response>"),
            format!("<Response><{n}\u{A0}/></Response>"),
            format!("<Response {n}/>"),
            format!("<Response a=\"&{n};\"/>"),
            format!("<Response>&{n};</Response>"),
            format!("<Response>&#{n};</Response>"),
            format!("<?{n}\u{A0}?><Response/>"),
            format!("<Response><{n} a='1' a='2'/></Response>"),
            format!("<Response x{n}='1' x{n}='2'/>"),
            format!("<Error><Code>{n}</Code><Message>{n}</Message><RequestId>{n}</RequestId></Error>"),
            format!("<html>{n}</html>"),
        ];
        for body in &bodies {
            for (name, parse) in parsers() {
                for status in [200, 404] {
                    // A name an operation does not read may be well-formed and ignored.
                    let Err(e) = parse(&RawResponse::new(status, body)) else { continue };
                    let shown = format!("{e} {}", e.field().unwrap_or(""));
                    assert!(
                        longest_run(&shown, c) <= 200
                            && e.message().len() <= 400
                            && e.field().unwrap_or("").len() <= 200,
                        "{name} {status} {:?}…: {} bytes: {}…",
                        body.chars().take(12).collect::<String>(),
                        shown.len(),
                        &shown[..shown.len().min(300)]
                    );
                }
            }
            // The JSON path the wasm takes.
            for op in 0..cos_ci_wasm::__fuzz::OPERATION_COUNT {
                let Err(e) = cos_ci_wasm::__fuzz::parse_json(op, "{\"statusCode\":200,\"headers\":{}}", body) else {
                    continue;
                };
                let shown = format!("{e} {}", e.field().unwrap_or(""));
                assert!(longest_run(&shown, c) <= 200 && shown.len() <= 600, "op {op}: {} bytes", shown.len());
            }
        }
    }
}
