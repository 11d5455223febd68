//! Doc-preview jobs (文档预览任务): CreateDocProcessJobs (`POST /doc_jobs`),
//! DescribeDocProcessJob (`GET /doc_jobs/<JobId>`) and DescribeDocProcessJobs
//! (`GET /doc_jobs`).

use crate::descriptor::RequestDescriptor;
use crate::endpoint::Endpoint;
use crate::error::{Error, Result};
use crate::ops::{self, Params};
use crate::response::{parse_response, RawResponse};
use crate::xml::decode::{schema, FromText, Kind, Visible};
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
#[derive(Clone, PartialEq, Eq, Default)]
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

impl Visible for DocPassword {
    /// Never output, even as the service echoes it.
    const VISIBLE: bool = false;
}

/// Serialises as a redaction mark; as a member of an output it is left out
/// altogether ([`Visible`]).
impl Serialize for DocPassword {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str("** redacted **")
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

schema! {
    /// `Input` of a job, as returned.
    pub struct JobInputInfo {
        /// `Region`.
        "Region" => region: opt String,
        /// `Bucket`.
        "Bucket" => bucket: opt String,
        /// `BucketId`.
        "BucketId" => bucket_id: opt String,
        /// `Object`.
        "Object" => object: opt String,
    }
}

schema! {
    /// `Operation.Output` of a job, as returned.
    pub struct JobOutputInfo {
        /// `Region`.
        "Region" => region: opt String,
        /// `Bucket`.
        "Bucket" => bucket: opt String,
        /// `Object`.
        "Object" => object: opt String,
    }
}

schema! {
    /// `Operation.DocProcess` of a job, as returned.
    pub struct DocProcessInfo {
        /// `SrcType`.
        "SrcType" => src_type: opt String,
        /// `TgtType`.
        "TgtType" => tgt_type: opt String as TgtType,
        /// `SheetId`.
        "SheetId" => sheet_id: opt i32,
        /// `StartPage`.
        "StartPage" => start_page: opt i32,
        /// `EndPage`.
        "EndPage" => end_page: opt i32,
        /// `ImageParams`.
        "ImageParams" => image_params: opt String,
        /// `DocPassword` as the service echoes it (redacted by `Debug`, never
        /// serialized).
        "DocPassword" => doc_password: opt DocPassword,
        /// `Comments`.
        "Comments" => comments: opt u32,
        /// `PaperDirection`.
        "PaperDirection" => paper_direction: opt i32,
        /// `PaperSize`.
        "PaperSize" => paper_size: opt u32,
        /// `Quality`.
        "Quality" => quality: opt u32,
        /// `Zoom`.
        "Zoom" => zoom: opt u32,
        /// `ImageDpi`.
        "ImageDpi" => image_dpi: opt u32,
        /// `PicPagination`.
        "PicPagination" => pic_pagination: opt u32,
        /// `PageRanges`.
        "PageRanges" => page_ranges: opt String,
    }
}

schema! {
    /// One output page (`DocProcessResult.PageInfo`).
    pub struct PageInfo {
        /// `PageNo`.
        "PageNo" => page_no: opt u32,
        /// `TgtUri`: the output object.
        "TgtUri" => tgt_uri: opt String,
        /// `X-SheetPics` (also read from `XSheetPics`): images of this sheet.
        "XSheetPics" | "X-SheetPics" => x_sheet_pics: opt u32,
        /// `PicIndex`.
        "PicIndex" => pic_index: opt u32,
        /// `PicNum`.
        "PicNum" => pic_num: opt u32,
    }
}

schema! {
    /// `Operation.DocProcessResult` of a finished job.
    pub struct DocProcessResult {
        /// `PageInfo`: always a list.
        "PageInfo" => page_info: list PageInfo,
        /// `TgtType`.
        "TgtType" => tgt_type: opt String as TgtType,
        /// `TaskId`.
        "TaskId" => task_id: opt String,
        /// `TotalPageCount`.
        "TotalPageCount" => total_page_count: opt u32,
        /// `SuccPageCount`.
        "SuccPageCount" => succ_page_count: opt u32,
        /// `FailPageCount`.
        "FailPageCount" => fail_page_count: opt u32,
        /// `TotalSheetCount`.
        "TotalSheetCount" => total_sheet_count: opt u32,
    }
}

schema! {
    /// `Operation` of a job, as returned.
    pub struct JobOperationInfo {
        /// `Output`.
        "Output" => output: node JobOutputInfo,
        /// `DocProcess`.
        "DocProcess" => doc_process: node DocProcessInfo,
        /// `DocProcessResult` (once the job has run).
        "DocProcessResult" => doc_process_result: node DocProcessResult,
        /// `JobLevel`.
        "JobLevel" => job_level: opt u32,
    }
}

schema! {
    /// One job (`JobsDetail`).
    pub struct JobDetail {
        /// `Code`: error code when `State` is `Failed`.
        "Code" => code: opt String,
        /// `Message`: error message when `State` is `Failed`.
        "Message" => message: opt String,
        /// `JobId`.
        "JobId" => job_id: req String,
        /// `Tag`: `DocProcess`.
        "Tag" => tag: opt String,
        /// `State`: Submitted, Running, Success, Failed, Pause or Cancel.
        "State" => state: req String as JobState,
        /// `CreationTime`.
        "CreationTime" => creation_time: opt String,
        /// `StartTime` (`-` before the job starts).
        "StartTime" => start_time: opt String,
        /// `EndTime` (`-` before the job ends).
        "EndTime" => end_time: opt String,
        /// `QueueId`.
        "QueueId" => queue_id: opt String,
        /// `Input`.
        "Input" => input: node JobInputInfo,
        /// `Operation`.
        "Operation" => operation: node JobOperationInfo,
    }
}

schema! {
    /// Output of CreateDocProcessJobs.
    pub struct CreateDocProcessJobsOutput {
        /// `RequestId`.
        "RequestId" => request_id: opt String,
        /// `JobsDetail`: the submitted job; always a list.
        "JobsDetail" => jobs_detail: list JobDetail,
    }
}

schema! {
    /// Output of DescribeDocProcessJob.
    pub struct DescribeDocProcessJobOutput {
        /// `RequestId`.
        "RequestId" => request_id: opt String,
        /// `JobsDetail`: always a list.
        "JobsDetail" => jobs_detail: list JobDetail,
        /// `NonExistJobIds`: always a list.
        "NonExistJobIds" => non_exist_job_ids: texts String,
    }
}

schema! {
    /// Output of DescribeDocProcessJobs.
    pub struct DescribeDocProcessJobsOutput {
        /// `RequestId`.
        "RequestId" => request_id: opt String,
        /// `JobsDetail`: always a list.
        "JobsDetail" => jobs_detail: list JobDetail,
        /// `NextToken`: pass it as `next_token` for the next page; unset on the last page.
        "NextToken" => next_token: opt String,
    }
}

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
