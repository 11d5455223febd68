//! Job-finished notifications: what the service POSTs to a queue's callback
//! `Url` when a job ends (`NotifyConfig` with `State=On`, `Type=Url`):
//! `<Response><EventName>TaskFinish</EventName><JobsDetail>…</JobsDetail></Response>`,
//! the job in the shape DescribeDocProcessJob returns it (the same
//! [`JobDetail`] schema). With `ResultFormat=JSON` the body is the same tree
//! as JSON; this crate reads that form through the JS package
//! (`parseDocProcessJobNotification`), which parses JSON.
//!
//! The service signs no notification: a receiver should take them on a
//! secret path, from expected addresses, and check the job again with
//! DescribeDocProcessJob before acting on it (SECURITY.md).

use super::doc_job::JobDetail;
use crate::error::{Error, Result};
use crate::response::parse_notification;
use crate::xml::decode::schema;

schema! {
    /// A `TaskFinish` notification of a doc-preview job.
    pub struct DocProcessJobNotification {
        /// `EventName`: `TaskFinish`.
        "EventName" => event_name: req String,
        /// `JobsDetail`: the job that finished, as DescribeDocProcessJob returns it (one; always a list).
        "JobsDetail" => jobs_detail: list JobDetail,
    }
}

/// Parses a notification's XML body. Strict and bounded like every parser:
/// not well-formed is `InvalidXml`; a root other than `<Response>`, a
/// missing `EventName`, or no `JobsDetail` is `InvalidResponse`.
pub fn parse_doc_process_job_notification(body: &str) -> Result<DocProcessJobNotification> {
    let notification: DocProcessJobNotification = parse_notification(body)?;
    if notification.jobs_detail.is_empty() {
        return Err(no_job("Response.JobsDetail"));
    }
    Ok(notification)
}

/// A notification without the job it is about.
#[cold]
pub(crate) fn no_job(field: &str) -> Error {
    Error::invalid_response(field, "is missing: a notification is about one job")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    const BODY: &str = "<Response><EventName>TaskFinish</EventName><JobsDetail><Code>Success</Code><Message/>\
        <JobId>d1</JobId><Tag>DocProcess</Tag><State>Success</State><QueueId>p1</QueueId>\
        <Input><Object>a.docx</Object></Input><Operation><DocProcessResult><PageInfo><PageNo>1</PageNo>\
        <TgtUri>o/1.png</TgtUri></PageInfo><TotalPageCount>3</TotalPageCount></DocProcessResult></Operation></JobsDetail></Response>";

    #[test]
    fn the_xml_form_is_read_by_the_job_schema() {
        let n = parse_doc_process_job_notification(BODY).unwrap();
        assert_eq!((n.event_name.as_str(), n.jobs_detail.len()), ("TaskFinish", 1));
        let job = &n.jobs_detail[0];
        assert_eq!((job.job_id.as_str(), job.state.as_str()), ("d1", "Success"));
        let result = job.operation.as_ref().unwrap().doc_process_result.as_ref().unwrap();
        assert_eq!((result.page_info[0].tgt_uri.as_deref(), result.total_page_count), (Some("o/1.png"), Some(3)));
    }

    #[test]
    fn malformed_notifications_are_errors() {
        for (body, code, field) in [
            (
                "<Response><EventName>TaskFinish</EventName></Response>",
                ErrorCode::InvalidResponse,
                Some("Response.JobsDetail"),
            ),
            (
                "<Response><JobsDetail><JobId>d</JobId><State>Success</State></JobsDetail></Response>",
                ErrorCode::InvalidResponse,
                Some("Response.EventName"),
            ),
            ("<Error><Code>X</Code></Error>", ErrorCode::InvalidResponse, Some("Error")),
            ("<Other/>", ErrorCode::InvalidResponse, Some("Other")),
            (
                "<Response><EventName>TaskFinish</EventName><JobsDetail><State>Success</State></JobsDetail></Response>",
                ErrorCode::InvalidResponse,
                Some("Response.JobsDetail.JobId"),
            ),
            ("<Response><EventName>TaskFinish", ErrorCode::InvalidXml, None),
            ("{\"EventName\":\"TaskFinish\"}", ErrorCode::InvalidXml, None),
        ] {
            let e = parse_doc_process_job_notification(body).unwrap_err();
            assert_eq!((e.code(), e.field()), (code, field), "{body}: {e}");
        }
    }
}
