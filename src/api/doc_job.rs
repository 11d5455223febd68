//! Doc-preview jobs (文档预览任务): CreateDocProcessJobs (`POST /doc_jobs`),
//! DescribeDocProcessJob (`GET /doc_jobs/<JobId>`) and DescribeDocProcessJobs
//! (`GET /doc_jobs`).

use crate::descriptor::RequestDescriptor;
use crate::endpoint::Endpoint;
use crate::error::{Error, Result};
use crate::ops::{self, Params};
use crate::response::{parse_response, RawResponse};
use crate::xml::decode::{from_xml, FromText, Kind};
use serde::Serialize;
use std::fmt;

string_enum! {
    /// `TgtType`: the output format.
    TgtType { Png = "png", Jpg = "jpg", Pdf = "pdf" }
}

string_enum! {
    /// `orderByTime` when listing jobs (default `Desc`).
    OrderByTime { Desc = "Desc", Asc = "Asc" }
}

string_enum! {
    /// One value of `states` when listing jobs (default `All`).
    JobStateFilter {
        All = "All",
        Submitted = "Submitted",
        Running = "Running",
        Success = "Success",
        Failed = "Failed",
        Pause = "Pause",
        Cancel = "Cancel",
    }
}

/// A document password: sent in the body, never shown by `Debug`.
#[derive(Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct DocPassword(String);

impl DocPassword {
    /// Wraps a password.
    pub fn new(password: impl Into<String>) -> Self {
        DocPassword(password.into())
    }

    /// The password itself.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for DocPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DocPassword(** redacted **)")
    }
}

impl FromText for DocPassword {
    /// A password is never output, even as the service echoes it.
    const KIND: Kind = Kind::Hidden;

    fn from_text(text: &str) -> std::result::Result<Self, String> {
        Ok(DocPassword(text.to_string()))
    }
}

/// `Input`: the COS object to convert.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocInput {
    /// `Object`: key of the document in the bucket; required.
    pub object: String,
}

/// `Operation.Output`: where the results go.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocOutput {
    /// `Bucket`: `<name>-<appid>`; required.
    pub bucket: String,
    /// `Region`; required.
    pub region: String,
    /// `Object`: output path. Non-spreadsheets: the file name must hold
    /// `${Number}` or `${Page}`. Spreadsheets: the path must hold `${SheetID}`
    /// and the file name `${Number}`.
    pub object: String,
}

/// `Operation.DocProcess`: every parameter of spec 004. Unset parameters are
/// not sent (the service applies its defaults); zero is sent when set.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocProcess {
    /// `SrcType`: source type when the object key has no extension.
    pub src_type: Option<String>,
    /// `TgtType`: `png`, `jpg` or `pdf`.
    pub tgt_type: Option<TgtType>,
    /// `StartPage`: ≥ 1 (service default 1).
    pub start_page: Option<u32>,
    /// `EndPage`: -1 (all pages, the service default) or ≥ `StartPage`.
    pub end_page: Option<i32>,
    /// `SheetId`: 0 = all sheets (service default 1).
    pub sheet_id: Option<u32>,
    /// `PaperDirection`: 0 vertical, other values horizontal.
    pub paper_direction: Option<u32>,
    /// `PaperSize`: 0 (A4), 1 (A2), 2 (A0).
    pub paper_size: Option<u32>,
    /// `DocPassword`: password of a protected document.
    pub doc_password: Option<DocPassword>,
    /// `Comments`: 0 hide comments and apply changes, 1 show them.
    pub comments: Option<u32>,
    /// `PageRanges`, e.g. `1,2-4,7`.
    pub page_ranges: Option<String>,
    /// `ImageParams`: image processing applied to each output image.
    pub image_params: Option<String>,
    /// `Quality`: 1–100.
    pub quality: Option<u32>,
    /// `Zoom`: 10–200.
    pub zoom: Option<u32>,
    /// `ImageDpi`: 96–600.
    pub image_dpi: Option<u32>,
    /// `PicPagination`: 1 = one long image (png/jpg only), 0 = one per page.
    pub pic_pagination: Option<u32>,
}

/// `Operation`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocOperation {
    /// `DocProcess` parameters.
    pub doc_process: DocProcess,
    /// `Output` location; required.
    pub output: DocOutput,
}

/// Input of CreateDocProcessJobs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CreateDocProcessJobsInput {
    /// `QueueId`: the doc-preview queue (the service's default queue when unset).
    pub queue_id: Option<String>,
    /// `Input`.
    pub input: DocInput,
    /// `Operation`.
    pub operation: DocOperation,
}

pub use crate::ops::SPREADSHEET_TYPES;

/// Whether the job converts a spreadsheet (by `SrcType`, else the input
/// object's extension; see [`SPREADSHEET_TYPES`]).
pub fn is_spreadsheet(input: &CreateDocProcessJobsInput) -> bool {
    crate::ops::interpret::is_spreadsheet(input.operation.doc_process.src_type.as_deref(), &input.input.object)
}

impl DocProcess {
    /// As the operation table reads it.
    fn params(&self) -> Params {
        let int = |v: Option<u32>| v.map(i64::from);
        Params::new()
            .opt_text("SrcType", self.src_type.as_deref())
            .opt_text("TgtType", self.tgt_type.map(TgtType::as_str))
            .opt_int("StartPage", int(self.start_page))
            .opt_int("EndPage", self.end_page.map(i64::from))
            .opt_int("SheetId", int(self.sheet_id))
            .opt_int("PaperDirection", int(self.paper_direction))
            .opt_int("PaperSize", int(self.paper_size))
            .opt_text("DocPassword", self.doc_password.as_ref().map(DocPassword::expose))
            .opt_int("Comments", int(self.comments))
            .opt_text("PageRanges", self.page_ranges.as_deref())
            .opt_text("ImageParams", self.image_params.as_deref())
            .opt_int("Quality", int(self.quality))
            .opt_int("Zoom", int(self.zoom))
            .opt_int("ImageDpi", int(self.image_dpi))
            .opt_int("PicPagination", int(self.pic_pagination))
    }
}

/// Builds `POST /doc_jobs` with
/// `<Request><Input/><Tag>DocProcess</Tag><Operation><Output/><DocProcess/></Operation><QueueId/></Request>`.
pub fn create_doc_process_jobs(endpoint: &Endpoint, input: &CreateDocProcessJobsInput) -> Result<RequestDescriptor> {
    let out = &input.operation.output;
    let params = Params::new()
        .opt_text("QueueId", input.queue_id.as_deref())
        .object("Input", Params::new().text("Object", &input.input.object))
        .object(
            "Operation",
            Params::new().object("DocProcess", input.operation.doc_process.params()).object(
                "Output",
                Params::new().text("Bucket", &out.bucket).text("Region", &out.region).text("Object", &out.object),
            ),
        );
    ops::build("CreateDocProcessJobs", endpoint, params)
}

/// Input of DescribeDocProcessJob.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DescribeDocProcessJobInput {
    /// The job id (path segment); required.
    pub job_id: String,
}

/// Builds `GET /doc_jobs/<JobId>`.
pub fn describe_doc_process_job(endpoint: &Endpoint, input: &DescribeDocProcessJobInput) -> Result<RequestDescriptor> {
    ops::build("DescribeDocProcessJob", endpoint, Params::new().text("JobId", &input.job_id))
}

/// Input of DescribeDocProcessJobs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DescribeDocProcessJobsInput {
    /// `queueId`: the queue whose jobs are listed; required.
    pub queue_id: String,
    /// `orderByTime` (default `Desc`).
    pub order_by_time: Option<OrderByTime>,
    /// `nextToken`: from the previous page's `NextToken`.
    pub next_token: Option<String>,
    /// `size`: 1–100 (default 10).
    pub size: Option<u32>,
    /// `states` (default `All`); sent comma-joined.
    pub states: Vec<JobStateFilter>,
    /// `startCreationTime`, `%Y-%m-%dT%H:%M:%S%z`.
    pub start_creation_time: Option<String>,
    /// `endCreationTime`, `%Y-%m-%dT%H:%M:%S%z`.
    pub end_creation_time: Option<String>,
}

/// Builds `GET /doc_jobs?tag=DocProcess&orderByTime=&states=&size=&nextToken=&queueId=[&startCreationTime=][&endCreationTime=]`.
pub fn describe_doc_process_jobs(
    endpoint: &Endpoint,
    input: &DescribeDocProcessJobsInput,
) -> Result<RequestDescriptor> {
    let params = Params::new()
        .text("QueueId", &input.queue_id)
        .opt_text("OrderByTime", input.order_by_time.map(OrderByTime::as_str))
        .opt_text("NextToken", input.next_token.as_deref())
        .opt_int("Size", input.size.map(i64::from))
        .list("States", input.states.iter().map(|s| s.as_str()))
        .opt_text("StartCreationTime", input.start_creation_time.as_deref())
        .opt_text("EndCreationTime", input.end_creation_time.as_deref());
    ops::build("DescribeDocProcessJobs", endpoint, params)
}

/// `Input` of a job, as returned.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct JobInputInfo {
    /// `Region`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// `Bucket`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bucket: Option<String>,
    /// `BucketId`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bucket_id: Option<String>,
    /// `Object`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
}
from_xml!(JobInputInfo { "Region" => leaf(region: String), "Bucket" => leaf(bucket: String), "BucketId" => leaf(bucket_id: String), "Object" => leaf(object: String) });

/// `Operation.Output` of a job, as returned.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct JobOutputInfo {
    /// `Region`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// `Bucket`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bucket: Option<String>,
    /// `Object`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
}
from_xml!(JobOutputInfo { "Region" => leaf(region: String), "Bucket" => leaf(bucket: String), "Object" => leaf(object: String) });

/// `Operation.DocProcess` of a job, as returned.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DocProcessInfo {
    /// `SrcType`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub src_type: Option<String>,
    /// `TgtType`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tgt_type: Option<String>,
    /// `SheetId`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet_id: Option<i32>,
    /// `StartPage`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_page: Option<i32>,
    /// `EndPage`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_page: Option<i32>,
    /// `ImageParams`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_params: Option<String>,
    /// `DocPassword` as the service echoes it (redacted by `Debug`, never
    /// serialized).
    #[serde(skip)]
    pub doc_password: Option<DocPassword>,
    /// `Comments`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comments: Option<u32>,
    /// `PaperDirection`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paper_direction: Option<i32>,
    /// `PaperSize`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paper_size: Option<u32>,
    /// `Quality`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quality: Option<u32>,
    /// `Zoom`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zoom: Option<u32>,
    /// `ImageDpi`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_dpi: Option<u32>,
    /// `PicPagination`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pic_pagination: Option<u32>,
    /// `PageRanges`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_ranges: Option<String>,
}
from_xml!(DocProcessInfo {
    "SrcType" => leaf(src_type: String), "TgtType" => leaf(tgt_type: String), "SheetId" => leaf(sheet_id: i32),
    "StartPage" => leaf(start_page: i32), "EndPage" => leaf(end_page: i32), "ImageParams" => leaf(image_params: String),
    "DocPassword" => leaf(doc_password: DocPassword), "Comments" => leaf(comments: u32), "PaperDirection" => leaf(paper_direction: i32),
    "PaperSize" => leaf(paper_size: u32), "Quality" => leaf(quality: u32), "Zoom" => leaf(zoom: u32), "ImageDpi" => leaf(image_dpi: u32),
    "PicPagination" => leaf(pic_pagination: u32), "PageRanges" => leaf(page_ranges: String),
});

/// One output page (`DocProcessResult.PageInfo`).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct PageInfo {
    /// `PageNo`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_no: Option<u32>,
    /// `TgtUri`: the output object.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tgt_uri: Option<String>,
    /// `X-SheetPics` (also read from `XSheetPics`): images of this sheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub x_sheet_pics: Option<u32>,
    /// `PicIndex`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pic_index: Option<u32>,
    /// `PicNum`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pic_num: Option<u32>,
}
from_xml!(PageInfo {
    "PageNo" => leaf(page_no: u32), "TgtUri" => leaf(tgt_uri: String), "X-SheetPics" as "XSheetPics" => leaf(x_sheet_pics: u32),
    "XSheetPics" => leaf(x_sheet_pics: u32), "PicIndex" => leaf(pic_index: u32), "PicNum" => leaf(pic_num: u32),
});

/// `Operation.DocProcessResult` of a finished job.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DocProcessResult {
    /// `PageInfo`: always a list.
    pub page_info: Vec<PageInfo>,
    /// `TgtType`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tgt_type: Option<String>,
    /// `TaskId`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_id: Option<String>,
    /// `TotalPageCount`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_page_count: Option<u32>,
    /// `SuccPageCount`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub succ_page_count: Option<u32>,
    /// `FailPageCount`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fail_page_count: Option<u32>,
    /// `TotalSheetCount`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_sheet_count: Option<u32>,
}
from_xml!(DocProcessResult {
    "PageInfo" => push_node(page_info: PageInfo), "TgtType" => leaf(tgt_type: String), "TaskId" => leaf(task_id: String),
    "TotalPageCount" => leaf(total_page_count: u32), "SuccPageCount" => leaf(succ_page_count: u32),
    "FailPageCount" => leaf(fail_page_count: u32), "TotalSheetCount" => leaf(total_sheet_count: u32),
});

/// `Operation` of a job, as returned.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct JobOperationInfo {
    /// `Output`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output: Option<JobOutputInfo>,
    /// `DocProcess`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc_process: Option<DocProcessInfo>,
    /// `DocProcessResult` (once the job has run).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc_process_result: Option<DocProcessResult>,
    /// `JobLevel`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_level: Option<u32>,
}
from_xml!(JobOperationInfo {
    "Output" => node(output: JobOutputInfo), "DocProcess" => node(doc_process: DocProcessInfo),
    "DocProcessResult" => node(doc_process_result: DocProcessResult), "JobLevel" => leaf(job_level: u32),
});

/// One job (`JobsDetail`).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct JobDetail {
    /// `Code`: error code when `State` is `Failed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// `Message`: error message when `State` is `Failed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// `JobId`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_id: Option<String>,
    /// `Tag`: `DocProcess`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// `State`: Submitted, Running, Success, Failed, Pause or Cancel.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// `CreationTime`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creation_time: Option<String>,
    /// `StartTime` (`-` before the job starts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
    /// `EndTime` (`-` before the job ends).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_time: Option<String>,
    /// `QueueId`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queue_id: Option<String>,
    /// `Input`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<JobInputInfo>,
    /// `Operation`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<JobOperationInfo>,
}
from_xml!(JobDetail {
    "Code" => leaf(code: String), "Message" => leaf(message: String), "JobId" => leaf(job_id: String), "Tag" => leaf(tag: String),
    "State" => leaf(state: String), "CreationTime" => leaf(creation_time: String), "StartTime" => leaf(start_time: String),
    "EndTime" => leaf(end_time: String), "QueueId" => leaf(queue_id: String), "Input" => node(input: JobInputInfo), "Operation" => node(operation: JobOperationInfo),
});

/// Output of CreateDocProcessJobs.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateDocProcessJobsOutput {
    /// `RequestId`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// `JobsDetail`: the submitted job; always a list.
    pub jobs_detail: Vec<JobDetail>,
}
from_xml!(CreateDocProcessJobsOutput { "RequestId" => leaf(request_id: String), "JobsDetail" => push_node(jobs_detail: JobDetail) });

/// Output of DescribeDocProcessJob.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeDocProcessJobOutput {
    /// `RequestId`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// `JobsDetail`: always a list.
    pub jobs_detail: Vec<JobDetail>,
    /// `NonExistJobIds`: always a list.
    pub non_exist_job_ids: Vec<String>,
}
from_xml!(DescribeDocProcessJobOutput {
    "RequestId" => leaf(request_id: String), "JobsDetail" => push_node(jobs_detail: JobDetail), "NonExistJobIds" => push_text(non_exist_job_ids: String),
});

/// Output of DescribeDocProcessJobs.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeDocProcessJobsOutput {
    /// `RequestId`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// `JobsDetail`: always a list.
    pub jobs_detail: Vec<JobDetail>,
    /// `NextToken`: pass it as `next_token` for the next page; unset on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}
from_xml!(DescribeDocProcessJobsOutput {
    "RequestId" => leaf(request_id: String), "JobsDetail" => push_node(jobs_detail: JobDetail), "NextToken" => leaf(next_token: String),
});

/// Parses the CreateDocProcessJobs response. The service answers with the
/// job it made: a success answer without a `JobsDetail` is `InvalidResponse`
/// (it does not say whether, or which, job was made).
pub fn parse_create_doc_process_jobs(response: &RawResponse<'_>) -> Result<CreateDocProcessJobsOutput> {
    let output: CreateDocProcessJobsOutput = parse_response(response)?;
    if output.jobs_detail.is_empty() {
        return Err(no_job_made("JobsDetail"));
    }
    Ok(output)
}

/// A CreateDocProcessJobs answer without the job it made.
#[cold]
pub(crate) fn no_job_made(field: &str) -> Error {
    Error::invalid_response(
        field,
        "the CreateDocProcessJobs answer holds no JobsDetail: it does not say which job was made",
    )
}

/// Parses the DescribeDocProcessJob response.
pub fn parse_describe_doc_process_job(response: &RawResponse<'_>) -> Result<DescribeDocProcessJobOutput> {
    parse_response(response)
}

/// Parses the DescribeDocProcessJobs response.
pub fn parse_describe_doc_process_jobs(response: &RawResponse<'_>) -> Result<DescribeDocProcessJobsOutput> {
    parse_response(response)
}
