//! What the doc-preview and AI queue families share: queue states, the
//! callback configuration, the returned queue, and the describe/update
//! request shapes (`GET /<family>`, `PUT /<family>/<QueueId>`).

use crate::descriptor::RequestDescriptor;
use crate::endpoint::Endpoint;
use crate::error::Result;
use crate::ops::{self, Params};
use crate::response::{parse_response, RawResponse};
use crate::xml::decode::schema;

string_enum! {
    /// State of a queue: its jobs are scheduled (`Active`) or held (`Paused`).
    QueueState { Active = "Active", Paused = "Paused" }
}

string_enum! {
    /// Queue state filter when describing queues.
    QueueStateFilter { All = "All", Active = "Active", Paused = "Paused" }
}

string_enum! {
    /// `NotifyConfig.State`: callbacks on or off (default `Off`).
    NotifySwitch { On = "On", Off = "Off" }
}

string_enum! {
    /// `NotifyConfig.Type`: an HTTP callback or a TDMQ message.
    NotifyType { Url = "Url", Tdmq = "TDMQ" }
}

string_enum! {
    /// `NotifyConfig.Event`: what triggers a callback.
    NotifyEvent { TaskFinish = "TaskFinish", WorkflowFinish = "WorkflowFinish" }
}

string_enum! {
    /// `NotifyConfig.ResultFormat` (default `XML`).
    ResultFormat { Json = "JSON", Xml = "XML" }
}

string_enum! {
    /// `NotifyConfig.MqMode`: TDMQ topic subscription or queue service.
    MqMode { Queue = "Queue", Topic = "Topic" }
}

string_enum! {
    /// `NotifyConfig.MqRegion`: the TDMQ region.
    MqRegion { Sh = "sh", Bj = "bj", Gz = "gz", Cd = "cd", Hk = "hk" }
}

/// Callback configuration of a queue (request side).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NotifyConfig {
    /// `State`: `On` or `Off` (service default `Off`).
    pub state: Option<NotifySwitch>,
    /// `Event`: required when `State=On`; sent comma-joined.
    pub event: Vec<NotifyEvent>,
    /// `ResultFormat`: `JSON` or `XML` (service default `XML`).
    pub result_format: Option<ResultFormat>,
    /// `Type`: required when `State=On`.
    pub notify_type: Option<NotifyType>,
    /// `Url`: required when `State=On` and `Type=Url`; http(s), not an
    /// intranet, loopback or link-local address.
    pub url: Option<String>,
    /// `MqMode`: required when `State=On` and `Type=TDMQ`.
    pub mq_mode: Option<MqMode>,
    /// `MqRegion`: required when `State=On` and `Type=TDMQ`.
    pub mq_region: Option<MqRegion>,
    /// `MqName`: the TDMQ topic; required when `State=On` and `Type=TDMQ`.
    pub mq_name: Option<String>,
}

impl NotifyConfig {
    /// As the operation table reads it.
    fn params(&self) -> Params {
        Params::new()
            .opt_text("State", self.state.map(NotifySwitch::as_str))
            .list("Event", self.event.iter().map(|e| e.as_str()))
            .opt_text("ResultFormat", self.result_format.map(ResultFormat::as_str))
            .opt_text("Type", self.notify_type.map(NotifyType::as_str))
            .opt_text("Url", self.url.as_deref())
            .opt_text("MqMode", self.mq_mode.map(MqMode::as_str))
            .opt_text("MqRegion", self.mq_region.map(MqRegion::as_str))
            .opt_text("MqName", self.mq_name.as_deref())
    }
}

/// Input of DescribeDocProcessQueues / DescribeAiProcessQueues.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DescribeQueuesInput {
    /// `queueIds`: only these queues (sent comma-joined); empty = all.
    pub queue_ids: Vec<String>,
    /// `state` (default `All`).
    pub state: Option<QueueStateFilter>,
    /// `pageNumber` (service default 1).
    pub page_number: Option<u32>,
    /// `pageSize` (service default 10).
    pub page_size: Option<u32>,
}

/// Input of UpdateDocProcessQueue / UpdateAiProcessQueue.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UpdateQueueInput {
    /// The queue to update (path segment).
    pub queue_id: String,
    /// `Name`: required, at most 128 characters.
    pub name: String,
    /// `State`: required.
    pub state: Option<QueueState>,
    /// `NotifyConfig` (required for doc-preview queues).
    pub notify_config: Option<NotifyConfig>,
}

/// One queue family's two operations (names in the operation table).
pub(crate) struct Family {
    pub(crate) describe: &'static str,
    pub(crate) update: &'static str,
}

/// Builds the family's describe request by the operation table.
pub(crate) fn build_describe(
    endpoint: &Endpoint,
    family: &Family,
    input: &DescribeQueuesInput,
) -> Result<RequestDescriptor> {
    let params = Params::new()
        .list("QueueIds", input.queue_ids.iter().map(String::as_str))
        .opt_text("State", input.state.map(QueueStateFilter::as_str))
        .opt_int("PageNumber", input.page_number.map(i64::from))
        .opt_int("PageSize", input.page_size.map(i64::from));
    ops::build(family.describe, endpoint, params)
}

/// Builds the family's update request by the operation table.
pub(crate) fn build_update(
    endpoint: &Endpoint,
    family: &Family,
    input: &UpdateQueueInput,
) -> Result<RequestDescriptor> {
    let mut params = Params::new()
        .text("QueueId", &input.queue_id)
        .text("Name", &input.name)
        .opt_text("State", input.state.map(QueueState::as_str));
    if let Some(n) = &input.notify_config {
        params = params.object("NotifyConfig", n.params());
    }
    ops::build(family.update, endpoint, params)
}

schema! {
    /// Callback configuration of a queue, as returned.
    pub struct NotifyConfigInfo {
        /// `Url`.
        "Url" => url: opt String,
        /// `Event`, e.g. `TaskFinish,WorkflowFinish`.
        "Event" => event: opt String,
        /// `Type`: `Url` or `TDMQ`.
        "Type" => notify_type: opt String as NotifyType,
        /// `State`: `On` or `Off`.
        "State" => state: opt String as NotifySwitch,
        /// `ResultFormat`: `JSON` or `XML`.
        "ResultFormat" => result_format: opt String as ResultFormat,
        /// `MqMode`.
        "MqMode" => mq_mode: opt String as MqMode,
        /// `MqRegion`.
        "MqRegion" => mq_region: opt String as MqRegion,
        /// `MqName`.
        "MqName" => mq_name: opt String,
    }
}

schema! {
    /// One queue, as returned.
    pub struct Queue {
        /// `QueueId`.
        "QueueId" => queue_id: req String,
        /// `Name`.
        "Name" => name: opt String,
        /// `State`: `Active` or `Paused`.
        "State" => state: opt String as QueueState,
        /// `NotifyConfig`.
        "NotifyConfig" => notify_config: node NotifyConfigInfo,
        /// `MaxSize`: longest the queue may grow.
        "MaxSize" => max_size: opt u32,
        /// `MaxConcurrent`: jobs run in parallel.
        "MaxConcurrent" => max_concurrent: opt u32,
        /// `UpdateTime`, e.g. `2022-08-09T16:23:11+0800`.
        "UpdateTime" => update_time: opt String,
        /// `CreateTime`.
        "CreateTime" => create_time: opt String,
        /// `BucketId`.
        "BucketId" => bucket_id: opt String,
        /// `Category`, e.g. `DocProcessing`, `AIProcess`.
        "Category" => category: opt String,
    }
}

schema! {
    /// Output of DescribeDocProcessQueues / DescribeAiProcessQueues.
    pub struct DescribeQueuesOutput {
        /// `RequestId`.
        "RequestId" => request_id: opt String,
        /// `TotalCount`: queues matching the filter.
        "TotalCount" => total_count: opt u32,
        /// `PageNumber`.
        "PageNumber" => page_number: opt u32,
        /// `PageSize`.
        "PageSize" => page_size: opt u32,
        /// `QueueList`: always a list.
        "QueueList" => queue_list: list Queue,
        /// `NonExistPIDs`: requested ids that do not exist; always a list.
        "NonExistPIDs" => non_exist_pids: texts String,
    }
}

schema! {
    /// Output of UpdateDocProcessQueue / UpdateAiProcessQueue.
    pub struct UpdateQueueOutput {
        /// `RequestId`.
        "RequestId" => request_id: opt String,
        /// `Queue`: the updated queue; always a list.
        "Queue" => queue: list Queue,
    }
}

pub(crate) fn parse_describe(response: &RawResponse<'_>) -> Result<DescribeQueuesOutput> {
    parse_response(response)
}

pub(crate) fn parse_update(response: &RawResponse<'_>) -> Result<UpdateQueueOutput> {
    parse_response(response)
}
