// Native only (the same checks run through the bindings in tests/wasm/cases.rs and js/test/secrets.mjs).
#![cfg(not(target_arch = "wasm32"))]
//! Secrets (SecretKey, SecurityToken, document passwords) never appear in an
//! error, a `Debug`/`Display`, a URL or a descriptor field other than the
//! token header.

use cos_ci_wasm::api::doc_job::*;
use cos_ci_wasm::api::doc_queue;
use cos_ci_wasm::api::queue::*;
use cos_ci_wasm::{ClientConfig, Credentials, KeyTime};

const KEY: &str = "secretKEY-do-not-leak";
const TOKEN: &str = "securityTOKEN-do-not-leak";
const PASSWORD: &str = "docPASSWORD-do-not-leak";

#[test]
fn signed_descriptor_debug_url_and_fields_hold_no_secret() {
    let endpoint = ClientConfig::new("examplebucket-1250000000", "ap-guangzhou").resolve().unwrap();
    let creds = Credentials::new("AKIDEXAMPLE", KEY).unwrap().with_security_token(TOKEN).unwrap();
    let mut d = doc_queue::describe_doc_process_queues(&endpoint, &DescribeQueuesInput::default()).unwrap();
    let out = d.sign(&creds, KeyTime::new(1, 2).unwrap());
    for text in [
        format!("{d:?}"),
        format!("{creds:?}"),
        format!("{out:?}"),
        d.url_with_query(),
        d.key().to_string(),
        format!("{:?}", d.query()),
        out.authorization().to_string(),
        out.string_to_sign().to_string(),
        out.http_string().redacted(),
    ] {
        assert!(!text.contains(KEY) && !text.contains(TOKEN), "leak in {text}");
    }
    // The token travels only in its own header.
    let carrying: Vec<&str> = d.headers().iter().filter(|(_, v)| v.contains(TOKEN)).map(|(n, _)| n.as_str()).collect();
    assert_eq!(carrying, ["x-ci-security-token"]);
    assert!(d.headers().iter().all(|(_, v)| !v.contains(KEY)));
}

#[test]
fn a_job_descriptor_does_not_show_its_document_password() {
    let endpoint = ClientConfig::new("examplebucket-1250000000", "ap-guangzhou").resolve().unwrap();
    let job = CreateDocProcessJobsInput {
        input: DocInput { object: "a.docx".into() },
        operation: DocOperation {
            output: DocOutput { bucket: "b-1".into(), region: "ap-guangzhou".into(), object: "o/${Page}.jpg".into() },
            doc_process: DocProcess { doc_password: Some(DocPassword::new(PASSWORD)), ..Default::default() },
        },
        ..Default::default()
    };
    let mut d = create_doc_process_jobs(&endpoint, &job).unwrap();
    assert!(d.body().unwrap().contains(PASSWORD), "the body itself carries it to the service");
    d.sign(&Credentials::new("AKIDEXAMPLE", KEY).unwrap(), KeyTime::new(1, 2).unwrap());
    let shown = format!("{d:?}");
    assert!(!shown.contains(PASSWORD) && !shown.contains(KEY), "{shown}");
    // The password the service echoes back is redacted and never serialized.
    let body = format!(
        "<Response><JobsDetail><JobId>j</JobId><State>Submitted</State><Operation><DocProcess><DocPassword>{PASSWORD}</DocPassword></DocProcess></Operation></JobsDetail></Response>"
    );
    let out = parse_create_doc_process_jobs(&cos_ci_wasm::RawResponse::new(200, &body)).unwrap();
    let echoed = out.jobs_detail[0].operation.as_ref().unwrap().doc_process.as_ref().unwrap();
    assert_eq!(echoed.doc_password.as_ref().map(|p| p.expose()), Some(PASSWORD));
    assert!(!format!("{out:?}").contains(PASSWORD));
    assert!(!serde_json::to_string(&out).unwrap().contains(PASSWORD));
}

#[test]
fn errors_hold_no_secret() {
    let bad_token = format!("{TOKEN}\r\nX: y");
    let e = Credentials::new("AKIDEXAMPLE", KEY).unwrap().with_security_token(bad_token).unwrap_err();
    for text in [e.to_string(), format!("{e:?}")] {
        assert!(!text.contains(TOKEN) && !text.contains(KEY), "{text}");
    }
    let endpoint = ClientConfig::new("examplebucket-1250000000", "ap-guangzhou").resolve().unwrap();
    let job = CreateDocProcessJobsInput {
        input: DocInput { object: "a.docx".into() },
        operation: DocOperation {
            output: DocOutput { bucket: "b-1".into(), region: "ap-guangzhou".into(), object: "o/${Page}.jpg".into() },
            doc_process: DocProcess {
                doc_password: Some(DocPassword::new(format!("{PASSWORD}\u{0}"))),
                ..Default::default()
            },
        },
        ..Default::default()
    };
    assert!(!format!("{job:?}").contains(PASSWORD));
    let e = create_doc_process_jobs(&endpoint, &job).unwrap_err();
    assert_eq!(e.field(), Some("Operation.DocProcess.DocPassword"));
    assert!(!e.to_string().contains(PASSWORD) && !format!("{e:?}").contains(PASSWORD));
}
