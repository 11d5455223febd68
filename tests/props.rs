#![cfg(not(target_arch = "wasm32"))]
//! Property tests: signing, building and parsing never panic on arbitrary
//! input, and a few invariants hold.

mod common;

use cos_ci_wasm::api::doc_job::*;
use cos_ci_wasm::api::queue::*;
use cos_ci_wasm::api::{ai_queue, doc_queue};
use cos_ci_wasm::sign::{encode, sign, SignableRequest, SigningParams};
use cos_ci_wasm::{__fuzz, ClientConfig, Credentials, KeyTime, RawResponse};
use proptest::prelude::*;

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![".*", "[a-zA-Z0-9 /<>&;#%+~._-]{0,40}", Just(String::new())]
}

fn endpoint() -> cos_ci_wasm::Endpoint {
    ClientConfig::new("examplebucket-1250000000", "ap-guangzhou").resolve().unwrap()
}

proptest! {
    #[test]
    fn signing_never_panics(
        method in any_text(), path in any_text(),
        query in prop::collection::vec((any_text(), any_text()), 0..6),
        headers in prop::collection::vec((any_text(), any_text()), 0..6),
        host in proptest::option::of(any_text()),
        start in any::<u64>(), len in any::<u64>(),
        id in "[A-Za-z0-9]{1,20}", key in ".+",
    ) {
        let creds = Credentials::new(id, key).unwrap();
        let q: Vec<(&str, &str)> = query.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let h: Vec<(&str, &str)> = headers.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let req = SignableRequest { method: &method, path: &path, query: &q, headers: &h, host: host.as_deref() };
        let kt = KeyTime::new(start.min(start.saturating_add(len)), start.saturating_add(len)).unwrap();
        let out = sign(&req, &SigningParams::new(&creds, kt));
        prop_assert_eq!(out.signature().as_str().len(), 40);
        prop_assert!(out.http_string().as_str().ends_with('\n'));
    }

    #[test]
    fn encoding_keeps_only_unreserved_characters(s in ".*") {
        let e = encode(&s);
        prop_assert!(e.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b)));
        prop_assert_eq!(common::form_decode(&e.replace('+', "%2B")), s);
    }

    #[test]
    fn building_never_panics_and_the_query_string_round_trips(
        ids in prop::collection::vec(any_text(), 0..3), name in any_text(), url in any_text(),
        object in any_text(), out in any_text(), ranges in any_text(), token in any_text(),
        nums in prop::collection::vec(any::<u32>(), 8), end in any::<i32>(), times in (any_text(), any_text()),
    ) {
        let e = endpoint();
        let q = DescribeQueuesInput { queue_ids: ids.clone(), page_number: Some(nums[0]), page_size: Some(nums[1]), ..Default::default() };
        for d in [doc_queue::describe_doc_process_queues(&e, &q), ai_queue::describe_ai_process_queues(&e, &q)].into_iter().flatten() {
            prop_assert_eq!(common::decode_query(&d.query_string()), d.query().to_vec());
        }
        let notify = NotifyConfig { state: Some(NotifySwitch::On), event: vec![NotifyEvent::TaskFinish], notify_type: Some(NotifyType::Url), url: Some(url), ..Default::default() };
        let u = UpdateQueueInput { queue_id: ids.first().cloned().unwrap_or_default(), name, state: Some(QueueState::Paused), notify_config: Some(notify) };
        let _ = doc_queue::update_doc_process_queue(&e, &u);
        let _ = ai_queue::update_ai_process_queue(&e, &u);
        let job = CreateDocProcessJobsInput {
            queue_id: ids.first().cloned(),
            input: DocInput { object },
            operation: DocOperation {
                output: DocOutput { bucket: "b-1".into(), region: "ap-guangzhou".into(), object: out },
                doc_process: DocProcess {
                    page_ranges: Some(ranges), quality: Some(nums[2]), zoom: Some(nums[3]), image_dpi: Some(nums[4]),
                    start_page: Some(nums[5]), end_page: Some(end), pic_pagination: Some(nums[6]), comments: Some(nums[7]),
                    ..Default::default()
                },
            },
        };
        if let Ok(d) = create_doc_process_jobs(&e, &job) {
            prop_assert_eq!(d.header("Content-Length").unwrap(), d.body().unwrap().len().to_string());
        }
        let _ = describe_doc_process_job(&e, &DescribeDocProcessJobInput { job_id: token.clone() });
        let list = DescribeDocProcessJobsInput {
            queue_id: token.clone(), next_token: Some(token), size: Some(nums[0]),
            start_creation_time: Some(times.0), end_creation_time: Some(times.1), ..Default::default()
        };
        if let Ok(d) = describe_doc_process_jobs(&e, &list) {
            prop_assert_eq!(common::decode_query(&d.query_string()), d.query().to_vec());
        }
    }

    #[test]
    fn parsing_never_panics(body in ".*", status in 100u16..600) {
        let r = RawResponse::new(status, &body);
        let _ = doc_queue::parse_describe_doc_process_queues(&r);
        let _ = ai_queue::parse_update_ai_process_queue(&r);
        let _ = parse_describe_doc_process_jobs(&r);
    }

    #[test]
    fn parsing_xml_shaped_input_never_panics(
        parts in prop::collection::vec(prop_oneof![
            Just("<Response>"), Just("</Response>"), Just("<JobsDetail>"), Just("</JobsDetail>"), Just("<QueueList>"),
            Just("</QueueList>"), Just("<TotalCount>"), Just("</TotalCount>"), Just("<PageInfo>"), Just("</PageInfo>"),
            Just("<Operation>"), Just("</Operation>"), Just("<DocProcessResult>"), Just("</DocProcessResult>"),
            Just("<Error>"), Just("</Error>"), Just("<Code>"), Just("</Code>"), Just("<X/>"), Just("1"), Just("&amp;"),
            Just("&#1;"), Just("&bad;"), Just("<![CDATA[x]]>"), Just("<!DOCTYPE x>"), Just("<?xml version=\"1.0\"?>"),
            Just("<PageNo>"), Just("</PageNo>"), Just("<XSheetPics>"), Just("</XSheetPics>"), Just("<X-SheetPics>"),
            Just("</X-SheetPics>"), Just("<DocProcess>"), Just("</DocProcess>"), Just("<DocPassword>"), Just("</DocPassword>"),
            Just("<SheetId>"), Just("</SheetId>"), Just("<NonExistPIDs>"), Just("</NonExistPIDs>"), Just("<Queue>"),
            Just("</Queue>"), Just("<RequestId>"), Just("</RequestId>"), Just("-1"), Just(" "),
        ], 0..40),
        status in prop_oneof![Just(200u16), Just(400u16), Just(502u16)],
    ) {
        let body: String = parts.concat();
        let r = RawResponse::new(status, &body);
        let _ = doc_queue::parse_describe_doc_process_queues(&r);
        let _ = parse_create_doc_process_jobs(&r);
        let _ = parse_describe_doc_process_job(&r);
        let _ = parse_describe_doc_process_jobs(&r);
        // The wasm's path (read by schema into JSON) gives the typed output's JSON text
        // and the same errors, for every operation.
        let head = format!(r#"{{"statusCode":{status},"headers":{{}}}}"#);
        let key = |e: cos_ci_wasm::Error| (e.code(), e.field().map(str::to_string), e.message().to_string());
        for op in 0..__fuzz::OPERATION_COUNT {
            prop_assert_eq!(
                __fuzz::parse_json(op, &head, &body).map_err(key),
                __fuzz::parse_raw(op, status, &[], &body).map_err(key)
            );
        }
    }
}
