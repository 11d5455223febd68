//! What the doc-preview and AI queue families share: queue states, the
//! callback configuration, the returned queue, and the describe/update
//! request shapes (`GET /<family>`, `PUT /<family>/<QueueId>`).

use crate::descriptor::RequestDescriptor;
use crate::endpoint::Endpoint;
use crate::error::Result;
use crate::ops::{self, Params};
use crate::response::{parse_response, RawResponse};
use crate::xml::decode::from_xml;
use serde::Serialize;

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

/// Callback configuration of a queue, as returned.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct NotifyConfigInfo {
    /// `Url`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// `Event`, e.g. `TaskFinish,WorkflowFinish`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// `Type`: `Url` or `TDMQ`.
    #[serde(rename = "Type", skip_serializing_if = "Option::is_none")]
    pub notify_type: Option<String>,
    /// `State`: `On` or `Off`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// `ResultFormat`: `JSON` or `XML`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result_format: Option<String>,
    /// `MqMode`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mq_mode: Option<String>,
    /// `MqRegion`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mq_region: Option<String>,
    /// `MqName`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mq_name: Option<String>,
}

from_xml!(NotifyConfigInfo {
    "Url" => leaf(url: String), "Event" => leaf(event: String), "Type" => leaf(notify_type: String), "State" => leaf(state: String),
    "ResultFormat" => leaf(result_format: String), "MqMode" => leaf(mq_mode: String), "MqRegion" => leaf(mq_region: String),
    "MqName" => leaf(mq_name: String),
});

/// One queue, as returned.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Queue {
    /// `QueueId`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queue_id: Option<String>,
    /// `Name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `State`: `Active` or `Paused`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// `NotifyConfig`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_config: Option<NotifyConfigInfo>,
    /// `MaxSize`: longest the queue may grow.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_size: Option<u32>,
    /// `MaxConcurrent`: jobs run in parallel.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_concurrent: Option<u32>,
    /// `UpdateTime`, e.g. `2022-08-09T16:23:11+0800`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update_time: Option<String>,
    /// `CreateTime`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub create_time: Option<String>,
    /// `BucketId`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bucket_id: Option<String>,
    /// `Category`, e.g. `DocProcessing`, `AIProcess`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
}

from_xml!(Queue {
    "QueueId" => leaf(queue_id: String), "Name" => leaf(name: String), "State" => leaf(state: String), "NotifyConfig" => node(notify_config: NotifyConfigInfo),
    "MaxSize" => leaf(max_size: u32), "MaxConcurrent" => leaf(max_concurrent: u32), "UpdateTime" => leaf(update_time: String),
    "CreateTime" => leaf(create_time: String), "BucketId" => leaf(bucket_id: String), "Category" => leaf(category: String),
});

/// Output of DescribeDocProcessQueues / DescribeAiProcessQueues.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeQueuesOutput {
    /// `RequestId`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// `TotalCount`: queues matching the filter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_count: Option<u32>,
    /// `PageNumber`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_number: Option<u32>,
    /// `PageSize`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_size: Option<u32>,
    /// `QueueList`: always a list.
    pub queue_list: Vec<Queue>,
    /// `NonExistPIDs`: requested ids that do not exist; always a list.
    #[serde(rename = "NonExistPIDs")]
    pub non_exist_pids: Vec<String>,
}

from_xml!(DescribeQueuesOutput {
    "RequestId" => leaf(request_id: String), "TotalCount" => leaf(total_count: u32), "PageNumber" => leaf(page_number: u32),
    "PageSize" => leaf(page_size: u32), "QueueList" => push_node(queue_list: Queue), "NonExistPIDs" => push_text(non_exist_pids: String),
});

/// Output of UpdateDocProcessQueue / UpdateAiProcessQueue.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateQueueOutput {
    /// `RequestId`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// `Queue`: the updated queue; always a list.
    pub queue: Vec<Queue>,
}

from_xml!(UpdateQueueOutput { "RequestId" => leaf(request_id: String), "Queue" => push_node(queue: Queue) });

pub(crate) fn parse_describe(response: &RawResponse<'_>) -> Result<DescribeQueuesOutput> {
    parse_response(response)
}

pub(crate) fn parse_update(response: &RawResponse<'_>) -> Result<UpdateQueueOutput> {
    parse_response(response)
}
