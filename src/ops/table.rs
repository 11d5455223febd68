//! The seven operations, as data (see the module above for what each entry
//! means). Rules and limits are those of the API documentation (spec pages
//! 001–005 in the project's references); element orders are those of the
//! official Python SDK's requests.

use super::{Answer, Check, Enum, Meta, Need, Node, Op, Pages, Param, Service, Source, Text, Ty};
use crate::api::doc_job::{CreateDocProcessJobsOutput, DescribeDocProcessJobOutput, DescribeDocProcessJobsOutput};
use crate::api::doc_preview::DOC_PREVIEW_HEADERS;
use crate::api::queue::{DescribeQueuesOutput, UpdateQueueOutput};
use crate::descriptor::Method;
use crate::xml::decode::FromXml;

const U32_MAX: i64 = u32::MAX as i64;

/// File types the service treats as spreadsheets: their output path rule
/// differs (`Operation.Output.Object`).
pub const SPREADSHEET_TYPES: [&str; 9] = ["xls", "xlsx", "xlsm", "xlt", "xltx", "xltm", "et", "ett", "csv"];

const fn p(name: &'static str, ty: Ty, need: Need, doc: &'static str) -> Param {
    Param { name, ty, need, doc: Meta::new(doc) }
}
use Need::{Optional as Opt, Required as Req};

const fn e(name: &'static str, values: &'static [&'static str]) -> Enum {
    Enum { name: Meta::new(name), values }
}

const QUEUE_STATES: Enum = e("QueueState", &["Active", "Paused"]);
const QUEUE_FILTERS: Enum = e("QueueStateFilter", &["All", "Active", "Paused"]);
const NOTIFY_SWITCH: Enum = e("NotifySwitch", &["On", "Off"]);
const NOTIFY_EVENT: Enum = e("NotifyEvent", &["TaskFinish", "WorkflowFinish"]);
const RESULT_FORMAT: Enum = e("ResultFormat", &["JSON", "XML"]);
const NOTIFY_TYPE: Enum = e("NotifyType", &["Url", "TDMQ"]);
const MQ_MODE: Enum = e("MqMode", &["Queue", "Topic"]);
const MQ_REGION: Enum = e("MqRegion", &["sh", "bj", "gz", "cd", "hk"]);
const TGT_TYPE: Enum = e("TgtType", &["png", "jpg", "pdf"]);
const ORDER_BY_TIME: Enum = e("OrderByTime", &["Desc", "Asc"]);
const JOB_STATE_FILTERS: &[&str] = &["All", "Submitted", "Running", "Success", "Failed", "Pause", "Cancel"];
const JOB_STATE_FILTER: Enum = e("JobStateFilter", JOB_STATE_FILTERS);
/// A job's state (`JobsDetail.State` of the answers): the filters but `All`.
const JOB_STATE: Enum = e("JobState", JOB_STATE_FILTERS.split_at(1).1);

/// Enumerations only answers use (the others are also parameters').
#[allow(dead_code)] // read by the generators (tests only)
pub(crate) const ANSWER_ENUMS: &[&Enum] = &[&JOB_STATE];

const DESCRIBE_QUEUES: &[Param] = &[
    p("QueueIds", Ty::IdList, Opt, "Only these queues (sent comma-joined); all when absent"),
    p("State", Ty::Enum(&QUEUE_FILTERS), Opt, "Queue state filter (default All)"),
    p("PageNumber", Ty::Int { min: 1, max: U32_MAX }, Opt, "Page number (service default 1)"),
    p("PageSize", Ty::Int { min: 1, max: U32_MAX }, Opt, "Queues per page (service default 10)"),
];
const DESCRIBE_QUEUES_QUERY: &[(&str, Source)] = &[
    ("queueIds", Source::Param("QueueIds", Some(""))),
    ("state", Source::Param("State", Some("All"))),
    ("pageNumber", Source::Param("PageNumber", Some(""))),
    ("pageSize", Source::Param("PageSize", Some(""))),
];

const ON: (&str, &str) = ("NotifyConfig.State", "On");
const NOTIFY_CONFIG: &[Param] = &[
    p("State", Ty::Enum(&NOTIFY_SWITCH), Opt, "Callbacks on or off (service default Off)"),
    p("Event", Ty::EnumList(&NOTIFY_EVENT), Need::When(&[ON]), "What triggers a callback"),
    p("ResultFormat", Ty::Enum(&RESULT_FORMAT), Opt, "Callback body format (service default XML)"),
    p("Type", Ty::Enum(&NOTIFY_TYPE), Need::When(&[ON]), "Callback kind"),
    p(
        "Url",
        Ty::Text(Text::CallbackUrl),
        Need::When(&[ON, ("NotifyConfig.Type", "Url")]),
        "Callback address (not an intranet, loopback or link-local host)",
    ),
    p("MqMode", Ty::Enum(&MQ_MODE), Need::When(&[ON, ("NotifyConfig.Type", "TDMQ")]), "TDMQ mode"),
    p("MqRegion", Ty::Enum(&MQ_REGION), Need::When(&[ON, ("NotifyConfig.Type", "TDMQ")]), "TDMQ region"),
    p("MqName", Ty::Text(Text::Xml), Need::When(&[ON, ("NotifyConfig.Type", "TDMQ")]), "TDMQ topic name"),
];
const NOTIFY_CONFIG_BODY: Node = Node::Element(
    "NotifyConfig",
    Some("NotifyConfig"),
    &[
        Node::Leaf("Type", "NotifyConfig.Type"),
        Node::Leaf("Url", "NotifyConfig.Url"),
        Node::Leaf("Event", "NotifyConfig.Event"),
        Node::Leaf("State", "NotifyConfig.State"),
        Node::Leaf("ResultFormat", "NotifyConfig.ResultFormat"),
        Node::Leaf("MqMode", "NotifyConfig.MqMode"),
        Node::Leaf("MqRegion", "NotifyConfig.MqRegion"),
        Node::Leaf("MqName", "NotifyConfig.MqName"),
    ],
);

const UPDATE_DOC_QUEUE: &[Param] = &[
    p("QueueId", Ty::Text(Text::PathIdXml), Req, "The queue to update"),
    p("Name", Ty::Text(Text::QueueName), Req, "Queue name"),
    p("State", Ty::Enum(&QUEUE_STATES), Req, "Active schedules the queue's jobs, Paused holds them"),
    p("NotifyConfig", Ty::Object(Some("NotifyConfigInput"), NOTIFY_CONFIG), Req, "Job-finished callbacks"),
];
const UPDATE_AI_QUEUE: &[Param] = &[
    p("QueueId", Ty::Text(Text::PathIdXml), Req, "The queue to update"),
    p("Name", Ty::Text(Text::QueueName), Req, "Queue name"),
    p("State", Ty::Enum(&QUEUE_STATES), Req, "Active schedules the queue's jobs, Paused holds them"),
    p("NotifyConfig", Ty::Object(Some("NotifyConfigInput"), NOTIFY_CONFIG), Opt, "Job-finished callbacks"),
];

const DOC_PROCESS: &[Param] = &[
    p("SrcType", Ty::Text(Text::Xml), Opt, "Source type when the object key has no extension, e.g. docx"),
    p("TgtType", Ty::Enum(&TGT_TYPE), Opt, "Output format (service default jpg)"),
    p("StartPage", Ty::Int { min: 1, max: U32_MAX }, Opt, "First page (service default 1)"),
    p(
        "EndPage",
        Ty::Int { min: i32::MIN as i64, max: i32::MAX as i64 },
        Opt,
        "Last page: -1 for all (the service default) or at least StartPage",
    ),
    p("SheetId", Ty::Int { min: 0, max: U32_MAX }, Opt, "Spreadsheet sheet, 0 for all (service default 1)"),
    p("PaperDirection", Ty::Int { min: 0, max: U32_MAX }, Opt, "0 portrait, other values landscape"),
    p("PaperSize", Ty::Int { min: 0, max: 2 }, Opt, "0 A4, 1 A2, 2 A0"),
    p("DocPassword", Ty::Text(Text::Secret), Opt, "Password of a protected document"),
    p("Comments", Ty::Int { min: 0, max: 1 }, Opt, "1 shows comments, 0 hides them and applies changes"),
    p("PageRanges", Ty::Text(Text::PageRanges), Opt, "Pages to convert"),
    p("ImageParams", Ty::Text(Text::Xml), Opt, "Image processing applied to each output image"),
    p("Quality", Ty::Int { min: 1, max: 100 }, Opt, "Image quality"),
    p("Zoom", Ty::Int { min: 10, max: 200 }, Opt, "Zoom, in percent"),
    p("ImageDpi", Ty::Int { min: 96, max: 600 }, Opt, "Image DPI"),
    p("PicPagination", Ty::Int { min: 0, max: 1 }, Opt, "1: one long image (png/jpg only), 0: one image per page"),
];
const CREATE_JOBS: &[Param] = &[
    p("Tag", Ty::Const("DocProcess"), Opt, "The job type"),
    p("QueueId", Ty::Text(Text::PathIdXml), Opt, "The doc-preview queue (the bucket's default queue when absent)"),
    p("Input", Ty::Object(None, &[p("Object", Ty::Text(Text::Xml), Req, "Key of the document in the bucket")]), Req, "The document"),
    p(
        "Operation",
        Ty::Object(
            None,
            &[
            p("DocProcess", Ty::Object(Some("DocProcessInput"), DOC_PROCESS), Opt, "Conversion parameters"),
            p(
                "Output",
                Ty::Object(
                    None,
                    &[
                    p("Bucket", Ty::Text(Text::Bucket), Req, "Output bucket"),
                    p("Region", Ty::Text(Text::Region), Req, "Output bucket's region"),
                    p(
                        "Object",
                        Ty::Text(Text::OutputObject),
                        Req,
                        "Output path: the file name holds ${Number} or ${Page}; for spreadsheets the path holds ${SheetID} and the name ${Number}",
                    ),
                ]),
                Req,
                "Where the results go",
            ),
        ]),
        Req,
        "What to do",
    ),
];
const CREATE_JOBS_BODY: &[Node] = &[
    Node::Element("Input", None, &[Node::Leaf("Object", "Input.Object")]),
    Node::Fixed("Tag", "DocProcess"),
    Node::Element(
        "Operation",
        None,
        &[
            Node::Element(
                "Output",
                None,
                &[
                    Node::Leaf("Bucket", "Operation.Output.Bucket"),
                    Node::Leaf("Region", "Operation.Output.Region"),
                    Node::Leaf("Object", "Operation.Output.Object"),
                ],
            ),
            Node::Element(
                "DocProcess",
                None,
                &[
                    Node::Leaf("SrcType", "Operation.DocProcess.SrcType"),
                    Node::Leaf("TgtType", "Operation.DocProcess.TgtType"),
                    Node::Leaf("ImageParams", "Operation.DocProcess.ImageParams"),
                    Node::Leaf("DocPassword", "Operation.DocProcess.DocPassword"),
                    Node::Leaf("PageRanges", "Operation.DocProcess.PageRanges"),
                    Node::Leaf("StartPage", "Operation.DocProcess.StartPage"),
                    Node::Leaf("EndPage", "Operation.DocProcess.EndPage"),
                    Node::Leaf("SheetId", "Operation.DocProcess.SheetId"),
                    Node::Leaf("PaperDirection", "Operation.DocProcess.PaperDirection"),
                    Node::Leaf("PaperSize", "Operation.DocProcess.PaperSize"),
                    Node::Leaf("Quality", "Operation.DocProcess.Quality"),
                    Node::Leaf("Zoom", "Operation.DocProcess.Zoom"),
                    Node::Leaf("PicPagination", "Operation.DocProcess.PicPagination"),
                    Node::Leaf("ImageDpi", "Operation.DocProcess.ImageDpi"),
                    Node::Leaf("Comments", "Operation.DocProcess.Comments"),
                ],
            ),
        ],
    ),
    Node::Leaf("QueueId", "QueueId"),
];

const DESCRIBE_JOBS: &[Param] = &[
    p("Tag", Ty::Const("DocProcess"), Opt, "The job type"),
    p("QueueId", Ty::Text(Text::PathId), Req, "The queue whose jobs are listed"),
    p("OrderByTime", Ty::Enum(&ORDER_BY_TIME), Opt, "Order by creation time (default Desc)"),
    p("NextToken", Ty::Text(Text::Plain), Opt, "The previous page's NextToken"),
    p("Size", Ty::Int { min: 1, max: 100 }, Opt, "Jobs per page (default 10)"),
    p("States", Ty::EnumList(&JOB_STATE_FILTER), Opt, "Job states (default All)"),
    p("StartCreationTime", Ty::Text(Text::CreationTime), Opt, "Created at or after"),
    p("EndCreationTime", Ty::Text(Text::CreationTime), Opt, "Created at or before"),
];
const DESCRIBE_JOBS_QUERY: &[(&str, Source)] = &[
    ("tag", Source::Fixed("DocProcess")),
    ("orderByTime", Source::Param("OrderByTime", Some("Desc"))),
    ("states", Source::Param("States", Some("All"))),
    ("size", Source::Param("Size", Some("10"))),
    ("nextToken", Source::Param("NextToken", Some(""))),
    ("queueId", Source::Param("QueueId", Some(""))),
    ("startCreationTime", Source::Param("StartCreationTime", None)),
    ("endCreationTime", Source::Param("EndCreationTime", None)),
];

/// The seven operations, in the order of the API documentation.
const DST_TYPE: Enum = e("DocPreviewType", &["png", "jpg", "pdf"]);
const I32_MAX: i64 = i32::MAX as i64;

const DOC_PREVIEW: &[Param] = &[
    p("Key", Ty::Text(Text::ObjectKey), Req, "The document's object key (without a leading /)"),
    p(
        "SrcType",
        Ty::Text(Text::Extension),
        Opt,
        "The document's type (an extension such as docx), when the key has none",
    ),
    p(
        "Page",
        Ty::Int { min: 1, max: I32_MAX },
        Opt,
        "Page to render, from 1 (a spreadsheet: its Nth image); ignored for pdf",
    ),
    p("DstType", Ty::Enum(&DST_TYPE), Opt, "Output type (service default jpg)"),
    p("Password", Ty::Text(Text::Secret), Opt, "Password of a protected document"),
    p("Comment", Ty::Int { min: 0, max: 1 }, Opt, "1: show comments and tracked changes; 0 (default): hide them"),
    p("Sheet", Ty::Int { min: 1, max: I32_MAX }, Opt, "Spreadsheets: the sheet to render, from 1 (default 1)"),
    p("ExcelPaperDirection", Ty::Int { min: 0, max: 1 }, Opt, "Spreadsheets: 0 portrait (default), 1 landscape"),
    p("ExcelRow", Ty::Int { min: 0, max: 1 }, Opt, "Spreadsheets: 1 fits all rows on one page (default 0)"),
    p("ExcelCol", Ty::Int { min: 0, max: 1 }, Opt, "Spreadsheets: 1 fits all columns on one page (default 0)"),
    p("ExcelPaperSize", Ty::Int { min: 0, max: 2 }, Opt, "Spreadsheets: 0 A4 (default), 1 A2, 2 A0"),
    p(
        "ImageParams",
        Ty::Text(Text::Plain),
        Opt,
        "Image processing applied to a png or jpg page, e.g. imageMogr2/thumbnail/!50p",
    ),
    p("Quality", Ty::Int { min: 1, max: 100 }, Opt, "Image quality (default 100)"),
    p("Scale", Ty::Int { min: 10, max: 200 }, Opt, "Scale in percent (default 100)"),
    p("ImageDpi", Ty::Int { min: 96, max: 600 }, Opt, "Rendering resolution (default 96)"),
];
/// `ci-process` first among the request's own parameters (cos-go-sdk-v5 keeps it
/// first: "COS routes on the first parameter"; a presigned URL's signature fields
/// come before it, as both official SDKs write them). The rest in the order
/// cos-python-sdk-v5 sends them.
const DOC_PREVIEW_QUERY: &[(&str, Source)] = &[
    ("ci-process", Source::Fixed("doc-preview")),
    ("srcType", Source::Param("SrcType", None)),
    ("page", Source::Param("Page", None)),
    ("dstType", Source::Param("DstType", None)),
    ("password", Source::Param("Password", None)),
    ("comment", Source::Param("Comment", None)),
    ("sheet", Source::Param("Sheet", None)),
    ("excelPaperDirection", Source::Param("ExcelPaperDirection", None)),
    ("excelRow", Source::Param("ExcelRow", None)),
    ("excelCol", Source::Param("ExcelCol", None)),
    ("excelPaperSize", Source::Param("ExcelPaperSize", None)),
    ("ImageParams", Source::Param("ImageParams", None)),
    ("quality", Source::Param("Quality", None)),
    ("scale", Source::Param("Scale", None)),
    ("imageDpi", Source::Param("ImageDpi", None)),
];

pub(crate) const OPERATIONS: [Op; 8] = [
    Op {
        name: "DescribeDocProcessQueues",
        service: Service::Ci,
        method: Method::Get,
        path: "docqueue",
        segment: None,
        idempotent: true,
        params: DESCRIBE_QUEUES,
        types: (Meta::new("DescribeQueuesInput"), Meta::new("DescribeQueuesOutput")),
        pages: Pages::PageNumber("QueueList"),
        query: DESCRIBE_QUEUES_QUERY,
        answer: Answer::Xml(<DescribeQueuesOutput as FromXml>::FIELDS),
        body: None,
        checks: &[],
        doc: Meta::new("Lists the bucket's doc-preview queues"),
        example: Meta::new(
            r#"{"QueueIds":["p4a17eeea29334bf499b7e20e2fbfd99d"],"State":"Active","PageNumber":1,"PageSize":10}"#,
        ),
    },
    Op {
        name: "UpdateDocProcessQueue",
        service: Service::Ci,
        method: Method::Put,
        path: "docqueue",
        segment: Some("QueueId"),
        idempotent: true,
        params: UPDATE_DOC_QUEUE,
        types: (Meta::new("UpdateQueueInput"), Meta::new("UpdateQueueOutput")),
        pages: Pages::One,
        query: &[],
        answer: Answer::Xml(<UpdateQueueOutput as FromXml>::FIELDS),
        body: Some(&[
            Node::Leaf("Name", "Name"),
            Node::Leaf("QueueID", "QueueId"),
            Node::Leaf("State", "State"),
            NOTIFY_CONFIG_BODY,
        ]),
        checks: &[],
        doc: Meta::new("Renames, pauses or resumes a doc-preview queue and sets its callbacks"),
        example: Meta::new(
            r#"{"QueueId":"p4a17eeea29334bf499b7e20e2fbfd99d","Name":"queue-1","State":"Active","NotifyConfig":{"State":"On","Event":"TaskFinish","ResultFormat":"JSON","Type":"Url","Url":"https://cb.example.com/ci"}}"#,
        ),
    },
    Op {
        name: "DescribeAiProcessQueues",
        service: Service::Ci,
        method: Method::Get,
        path: "ai_queue",
        segment: None,
        idempotent: true,
        params: DESCRIBE_QUEUES,
        types: (Meta::new("DescribeQueuesInput"), Meta::new("DescribeQueuesOutput")),
        pages: Pages::PageNumber("QueueList"),
        query: DESCRIBE_QUEUES_QUERY,
        answer: Answer::Xml(<DescribeQueuesOutput as FromXml>::FIELDS),
        body: None,
        checks: &[],
        doc: Meta::new("Lists the bucket's AI content-recognition queues"),
        example: Meta::new(
            r#"{"QueueIds":["pa2c9b8e5d4f34c0f8f1a2b3c4d5e6f70"],"State":"Paused","PageNumber":2,"PageSize":20}"#,
        ),
    },
    Op {
        name: "UpdateAiProcessQueue",
        service: Service::Ci,
        method: Method::Put,
        path: "ai_queue",
        segment: Some("QueueId"),
        idempotent: true,
        params: UPDATE_AI_QUEUE,
        types: (Meta::new("UpdateQueueInput"), Meta::new("UpdateQueueOutput")),
        pages: Pages::One,
        query: &[],
        answer: Answer::Xml(<UpdateQueueOutput as FromXml>::FIELDS),
        body: Some(&[Node::Leaf("Name", "Name"), Node::Leaf("State", "State"), NOTIFY_CONFIG_BODY]),
        checks: &[],
        doc: Meta::new("Renames, pauses or resumes an AI queue and sets its callbacks"),
        example: Meta::new(
            r#"{"QueueId":"pa2c9b8e5d4f34c0f8f1a2b3c4d5e6f70","Name":"ai-queue","State":"Paused","NotifyConfig":{"State":"On","Event":["TaskFinish","WorkflowFinish"],"Type":"TDMQ","MqMode":"Queue","MqRegion":"gz","MqName":"ci-topic"}}"#,
        ),
    },
    Op {
        name: "CreateDocProcessJobs",
        service: Service::Ci,
        method: Method::Post,
        path: "doc_jobs",
        segment: None,
        idempotent: false,
        params: CREATE_JOBS,
        types: (Meta::new("CreateDocProcessJobsInput"), Meta::new("CreateDocProcessJobsOutput")),
        pages: Pages::One,
        query: &[],
        answer: Answer::Xml(<CreateDocProcessJobsOutput as FromXml>::FIELDS),
        body: Some(CREATE_JOBS_BODY),
        checks: &[Check::EndPageAfterStartPage, Check::LongImageNotPdf],
        doc: Meta::new("Submits a doc-preview job: a document converted to images or PDF, page by page"),
        example: Meta::new(
            r#"{"Tag":"DocProcess","QueueId":"p4a17eeea29334bf499b7e20e2fbfd99d","Input":{"Object":"docs/report.docx"},"Operation":{"DocProcess":{"SrcType":"docx","TgtType":"png","StartPage":2,"EndPage":5,"SheetId":0,"PaperDirection":0,"PaperSize":0,"DocPassword":"pw","Comments":0,"PageRanges":"2,3-5","ImageParams":"imageMogr2/thumbnail/!50p","Quality":90,"Zoom":100,"ImageDpi":150,"PicPagination":0},"Output":{"Bucket":"examplebucket-1250000000","Region":"ap-guangzhou","Object":"preview/report-${Number}.png"}}}"#,
        ),
    },
    Op {
        name: "DescribeDocProcessJob",
        service: Service::Ci,
        method: Method::Get,
        path: "doc_jobs",
        segment: Some("JobId"),
        idempotent: true,
        params: &[p("JobId", Ty::Text(Text::PathId), Req, "The job")],
        types: (Meta::new("DescribeDocProcessJobInput"), Meta::new("DescribeDocProcessJobOutput")),
        pages: Pages::One,
        query: &[],
        answer: Answer::Xml(<DescribeDocProcessJobOutput as FromXml>::FIELDS),
        body: None,
        checks: &[],
        doc: Meta::new("Reads one doc-preview job"),
        example: Meta::new(r#"{"JobId":"d2f1a4e6c8b0a11edb3a7525400abcdef"}"#),
    },
    Op {
        name: "DescribeDocProcessJobs",
        service: Service::Ci,
        method: Method::Get,
        path: "doc_jobs",
        segment: None,
        idempotent: true,
        params: DESCRIBE_JOBS,
        types: (Meta::new("DescribeDocProcessJobsInput"), Meta::new("DescribeDocProcessJobsOutput")),
        pages: Pages::NextToken("JobsDetail"),
        query: DESCRIBE_JOBS_QUERY,
        answer: Answer::Xml(<DescribeDocProcessJobsOutput as FromXml>::FIELDS),
        body: None,
        checks: &[],
        doc: Meta::new("Lists a queue's doc-preview jobs, a page at a time"),
        example: Meta::new(
            r#"{"Tag":"DocProcess","QueueId":"p4a17eeea29334bf499b7e20e2fbfd99d","OrderByTime":"Desc","NextToken":"token","Size":100,"States":["Success","Failed"],"StartCreationTime":"2022-08-09T16:00:00+0800","EndCreationTime":"2022-08-10T16:00:00+0800"}"#,
        ),
    },
    Op {
        name: "DocPreview",
        service: Service::Cos,
        method: Method::Get,
        path: "",
        segment: Some("Key"),
        idempotent: true,
        params: DOC_PREVIEW,
        types: (Meta::new("DocPreviewInput"), Meta::new("DocPreviewOutput")),
        pages: Pages::One,
        query: DOC_PREVIEW_QUERY,
        answer: Answer::Bytes(&DOC_PREVIEW_HEADERS),
        body: None,
        checks: &[],
        doc: Meta::new("Renders one page of a document (the synchronous doc preview, on the bucket's COS host)"),
        example: Meta::new(
            r#"{"Key":"docs/report 2024.docx","SrcType":"docx","Page":2,"DstType":"png","Password":"p@ss","Comment":1,"Sheet":1,"ExcelPaperDirection":1,"ExcelRow":1,"ExcelCol":1,"ExcelPaperSize":1,"ImageParams":"imageMogr2/thumbnail/!50p","Quality":90,"Scale":150,"ImageDpi":150}"#,
        ),
    },
];
