//! Doc-preview jobs (文档预览任务): CreateDocProcessJobs (`POST /doc_jobs`),
//! DescribeDocProcessJob (`GET /doc_jobs/<JobId>`) and DescribeDocProcessJobs
//! (`GET /doc_jobs`).

use crate::descriptor::{Method, RequestDescriptor};
use crate::endpoint::{validate_bucket, validate_region, Endpoint};
use crate::error::{Error, Result};
use crate::response::{parse_response, RawResponse};
use crate::validate;
use crate::xml::decode::{from_xml, FromText, Kind};
use crate::xml::write::XmlWriter;
use serde::Serialize;
use std::fmt;

const PATH: &str = "doc_jobs";
const TAG: &str = "DocProcess";

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

/// File types the service treats as spreadsheets (their output path rule differs).
pub const SPREADSHEET_TYPES: [&str; 9] = ["xls", "xlsx", "xlsm", "xlt", "xltx", "xltm", "et", "ett", "csv"];

/// Whether the job converts a spreadsheet (by `SrcType`, else the input
/// object's extension; see [`SPREADSHEET_TYPES`]).
pub fn is_spreadsheet(input: &CreateDocProcessJobsInput) -> bool {
    let kind = match input.operation.doc_process.src_type.as_deref() {
        Some(t) if !t.is_empty() => t.to_ascii_lowercase(),
        _ => {
            let name = input.input.object.rsplit('/').next().unwrap_or("");
            name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).unwrap_or_default()
        }
    };
    SPREADSHEET_TYPES.contains(&kind.as_str())
}

fn validate_output_object(input: &CreateDocProcessJobsInput) -> Result<()> {
    const FIELD: &str = "Operation.Output.Object";
    let object = validate::required(FIELD, Some(&input.operation.output.object))?;
    validate::xml_text(FIELD, object)?;
    let (dir, name) = object.rsplit_once('/').unwrap_or(("", object));
    if is_spreadsheet(input) {
        if !dir.contains("${SheetID}") || !name.contains("${Number}") {
            return Err(Error::invalid(
                FIELD,
                "for a spreadsheet the path must contain ${SheetID} and the file name ${Number}, e.g. /${SheetID}/abc_${Number}.jpg",
            ));
        }
    } else if !name.contains("${Number}") && !name.contains("${Page}") {
        return Err(Error::invalid(
            FIELD,
            "the file name must contain ${Number} or ${Page}, e.g. /preview/abc_${Number}.jpg",
        ));
    }
    Ok(())
}

impl DocProcess {
    fn validate(&self) -> Result<()> {
        const P: &str = "Operation.DocProcess";
        let f = |name: &str| format!("{P}.{name}");
        if let Some(v) = &self.src_type {
            validate::xml_text(&f("SrcType"), v)?;
        }
        let start = self.start_page.unwrap_or(1);
        if let Some(v) = self.start_page {
            validate::range(&f("StartPage"), v.into(), 1, u32::MAX.into())?;
        }
        if let Some(v) = self.end_page {
            if v != -1 && i64::from(v) < i64::from(start) {
                return Err(Error::invalid(
                    f("EndPage"),
                    format!("must be -1 (all pages) or at least StartPage ({start}) (got {v})"),
                ));
            }
        }
        if let Some(v) = self.paper_size {
            validate::range(&f("PaperSize"), v.into(), 0, 2)?;
        }
        if let Some(v) = &self.doc_password {
            validate::xml_text(&f("DocPassword"), v.expose())
                .map_err(|_| Error::invalid(f("DocPassword"), "must not contain control characters"))?;
        }
        if let Some(v) = self.comments {
            validate::range(&f("Comments"), v.into(), 0, 1)?;
        }
        if let Some(v) = &self.page_ranges {
            validate::page_ranges(&f("PageRanges"), v)?;
        }
        if let Some(v) = &self.image_params {
            validate::xml_text(&f("ImageParams"), v)?;
        }
        if let Some(v) = self.quality {
            validate::range(&f("Quality"), v.into(), 1, 100)?;
        }
        if let Some(v) = self.zoom {
            validate::range(&f("Zoom"), v.into(), 10, 200)?;
        }
        if let Some(v) = self.image_dpi {
            validate::range(&f("ImageDpi"), v.into(), 96, 600)?;
        }
        if let Some(v) = self.pic_pagination {
            validate::range(&f("PicPagination"), v.into(), 0, 1)?;
            if v == 1 && self.tgt_type == Some(TgtType::Pdf) {
                return Err(Error::invalid(
                    f("PicPagination"),
                    "1 (one long image) works only when TgtType is png or jpg",
                ));
            }
        }
        Ok(())
    }

    /// Element order as the official Python SDK sends it.
    fn write(&self, w: &mut XmlWriter) {
        w.open("DocProcess");
        w.opt_text("SrcType", self.src_type.as_deref());
        w.opt_text("TgtType", self.tgt_type.map(TgtType::as_str));
        w.opt_text("ImageParams", self.image_params.as_deref());
        w.opt_text("DocPassword", self.doc_password.as_ref().map(DocPassword::expose));
        w.opt_text("PageRanges", self.page_ranges.as_deref());
        w.opt_int("StartPage", self.start_page.map(i64::from));
        w.opt_int("EndPage", self.end_page.map(i64::from));
        w.opt_int("SheetId", self.sheet_id.map(i64::from));
        w.opt_int("PaperDirection", self.paper_direction.map(i64::from));
        w.opt_int("PaperSize", self.paper_size.map(i64::from));
        w.opt_int("Quality", self.quality.map(i64::from));
        w.opt_int("Zoom", self.zoom.map(i64::from));
        w.opt_int("PicPagination", self.pic_pagination.map(i64::from));
        w.opt_int("ImageDpi", self.image_dpi.map(i64::from));
        w.opt_int("Comments", self.comments.map(i64::from));
        w.close("DocProcess");
    }
}

/// Builds `POST /doc_jobs` with
/// `<Request><Input/><Tag>DocProcess</Tag><Operation><Output/><DocProcess/></Operation><QueueId/></Request>`.
pub fn create_doc_process_jobs(endpoint: &Endpoint, input: &CreateDocProcessJobsInput) -> Result<RequestDescriptor> {
    if let Some(q) = &input.queue_id {
        validate::path_id("QueueId", q)?;
        validate::xml_text("QueueId", q)?;
    }
    let object = validate::required("Input.Object", Some(&input.input.object))?;
    validate::xml_text("Input.Object", object)?;
    let out = &input.operation.output;
    validate_bucket("Operation.Output.Bucket", &out.bucket)?;
    validate_region("Operation.Output.Region", &out.region)?;
    validate_output_object(input)?;
    input.operation.doc_process.validate()?;

    let mut w = XmlWriter::request();
    w.open("Input");
    w.text("Object", object);
    w.close("Input");
    w.text("Tag", TAG);
    w.open("Operation");
    w.open("Output");
    w.text("Bucket", &out.bucket);
    w.text("Region", &out.region);
    w.text("Object", &out.object);
    w.close("Output");
    input.operation.doc_process.write(&mut w);
    w.close("Operation");
    w.opt_text("QueueId", input.queue_id.as_deref());
    Ok(RequestDescriptor::new(endpoint, Method::Post, PATH.to_string(), Vec::new(), Some(w.finish())))
}

/// Input of DescribeDocProcessJob.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DescribeDocProcessJobInput {
    /// The job id (path segment); required.
    pub job_id: String,
}

/// Builds `GET /doc_jobs/<JobId>`.
pub fn describe_doc_process_job(endpoint: &Endpoint, input: &DescribeDocProcessJobInput) -> Result<RequestDescriptor> {
    validate::path_id("JobId", &input.job_id)?;
    Ok(RequestDescriptor::new(endpoint, Method::Get, format!("{PATH}/{}", input.job_id), Vec::new(), None))
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
    validate::path_id("QueueId", &input.queue_id)?;
    if let Some(size) = input.size {
        validate::range("Size", size.into(), 1, 100)?;
    }
    if let Some(t) = &input.start_creation_time {
        validate::creation_time("StartCreationTime", t)?;
    }
    if let Some(t) = &input.end_creation_time {
        validate::creation_time("EndCreationTime", t)?;
    }
    let states = if input.states.is_empty() {
        JobStateFilter::All.as_str().to_string()
    } else {
        input.states.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(",")
    };
    // Order and defaults as the official Python SDK sends them.
    let mut query = vec![
        ("tag".to_string(), TAG.to_string()),
        ("orderByTime".to_string(), input.order_by_time.unwrap_or(OrderByTime::Desc).as_str().to_string()),
        ("states".to_string(), states),
        ("size".to_string(), input.size.unwrap_or(10).to_string()),
        ("nextToken".to_string(), input.next_token.clone().unwrap_or_default()),
        ("queueId".to_string(), input.queue_id.clone()),
    ];
    if let Some(t) = &input.start_creation_time {
        query.push(("startCreationTime".to_string(), t.clone()));
    }
    if let Some(t) = &input.end_creation_time {
        query.push(("endCreationTime".to_string(), t.clone()));
    }
    Ok(RequestDescriptor::new(endpoint, Method::Get, PATH.to_string(), query, None))
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
