//! What the doc-preview and AI queue families share: queue states, the
//! callback configuration, the returned queue, and the describe/update
//! request shapes (`GET /<family>`, `PUT /<family>/<QueueId>`).

use crate::descriptor::{Method, RequestDescriptor};
use crate::endpoint::Endpoint;
use crate::error::{Error, Result};
use crate::response::{parse_response, RawResponse};
use crate::validate;
use crate::xml::decode::from_xml;
use crate::xml::write::XmlWriter;
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
    fn validate(&self) -> Result<()> {
        let on = self.state == Some(NotifySwitch::On);
        if on && self.event.is_empty() {
            return Err(Error::missing("NotifyConfig.Event"));
        }
        if on && self.notify_type.is_none() {
            return Err(Error::missing("NotifyConfig.Type"));
        }
        match self.notify_type {
            Some(NotifyType::Url) if on => {
                validate::required("NotifyConfig.Url", self.url.as_deref())?;
            }
            Some(NotifyType::Tdmq) if on => {
                if self.mq_mode.is_none() {
                    return Err(Error::missing("NotifyConfig.MqMode"));
                }
                if self.mq_region.is_none() {
                    return Err(Error::missing("NotifyConfig.MqRegion"));
                }
                validate::required("NotifyConfig.MqName", self.mq_name.as_deref())?;
            }
            _ => {}
        }
        if let Some(url) = self.url.as_deref().filter(|u| !u.is_empty()) {
            validate::callback_url("NotifyConfig.Url", url)?;
        }
        if let Some(name) = &self.mq_name {
            validate::xml_text("NotifyConfig.MqName", name)?;
        }
        Ok(())
    }

    /// Element order as the official Python SDK's demo sends it.
    fn write(&self, w: &mut XmlWriter) {
        w.open("NotifyConfig");
        w.opt_text("Type", self.notify_type.map(NotifyType::as_str));
        w.opt_text("Url", self.url.as_deref());
        if !self.event.is_empty() {
            let events: Vec<&str> = self.event.iter().map(|e| e.as_str()).collect();
            w.text("Event", &events.join(","));
        }
        w.opt_text("State", self.state.map(NotifySwitch::as_str));
        w.opt_text("ResultFormat", self.result_format.map(ResultFormat::as_str));
        w.opt_text("MqMode", self.mq_mode.map(MqMode::as_str));
        w.opt_text("MqRegion", self.mq_region.map(MqRegion::as_str));
        w.opt_text("MqName", self.mq_name.as_deref());
        w.close("NotifyConfig");
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

/// How one queue family differs.
pub(crate) struct Family {
    /// Path of the family, e.g. `docqueue`.
    pub(crate) path: &'static str,
    /// Doc-preview queues document (and require) `QueueID` and `NotifyConfig`
    /// in the body; AI queues document neither as required and no `QueueID`.
    pub(crate) doc_style: bool,
}

pub(crate) fn build_describe(
    endpoint: &Endpoint,
    family: &Family,
    input: &DescribeQueuesInput,
) -> Result<RequestDescriptor> {
    for (i, id) in input.queue_ids.iter().enumerate() {
        let field = format!("QueueIds[{i}]");
        validate::path_id(&field, id)?;
        if id.contains(',') {
            return Err(Error::invalid(field, "must not contain ',' (ids are sent comma-joined)"));
        }
    }
    // Pages count from 1 and a page holds at least one queue (the docs give no upper bound).
    if let Some(n) = input.page_number {
        validate::range("PageNumber", n.into(), 1, u32::MAX.into())?;
    }
    if let Some(n) = input.page_size {
        validate::range("PageSize", n.into(), 1, u32::MAX.into())?;
    }
    let num = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    // All four are always sent, in this order, as the official SDKs and docs do;
    // unset page values are sent empty (the service applies its defaults).
    let query = vec![
        ("queueIds".to_string(), input.queue_ids.join(",")),
        ("state".to_string(), input.state.unwrap_or(QueueStateFilter::All).as_str().to_string()),
        ("pageNumber".to_string(), num(input.page_number)),
        ("pageSize".to_string(), num(input.page_size)),
    ];
    Ok(RequestDescriptor::new(endpoint, Method::Get, family.path.to_string(), query, None))
}

pub(crate) fn build_update(
    endpoint: &Endpoint,
    family: &Family,
    input: &UpdateQueueInput,
) -> Result<RequestDescriptor> {
    validate::path_id("QueueId", &input.queue_id)?;
    validate::xml_text("QueueId", &input.queue_id)?;
    let name = validate::required("Name", Some(&input.name))?;
    validate::max_chars("Name", name, 128)?;
    validate::xml_text("Name", name)?;
    if name.contains(['<', '>']) {
        // Escaped, it would be sent safely; but a queue name with markup in it is far more
        // likely an injection attempt (`</Name><State>Paused</State>`) than a label.
        return Err(Error::invalid("Name", "must not contain '<' or '>' (a queue name is a plain label)"));
    }
    let state = input.state.ok_or_else(|| Error::missing("State"))?;
    if family.doc_style && input.notify_config.is_none() {
        return Err(Error::missing("NotifyConfig"));
    }
    if let Some(n) = &input.notify_config {
        n.validate()?;
    }
    let mut w = XmlWriter::request();
    w.text("Name", name);
    if family.doc_style {
        w.text("QueueID", &input.queue_id);
    }
    w.text("State", state.as_str());
    if let Some(n) = &input.notify_config {
        n.write(&mut w);
    }
    let key = format!("{}/{}", family.path, input.queue_id);
    Ok(RequestDescriptor::new(endpoint, Method::Put, key, Vec::new(), Some(w.finish())))
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
