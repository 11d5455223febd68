//! AI content-recognition queues (AI 内容识别队列): DescribeAiProcessQueues
//! (`GET /ai_queue`) and UpdateAiProcessQueue (`PUT /ai_queue/<QueueId>`).

use super::queue::{build_describe, build_update, parse_describe, parse_update, Family};
pub use super::queue::{DescribeQueuesInput, DescribeQueuesOutput, UpdateQueueInput, UpdateQueueOutput};
use crate::descriptor::RequestDescriptor;
use crate::endpoint::Endpoint;
use crate::error::Result;
use crate::response::RawResponse;

const FAMILY: Family = Family { describe: "DescribeAiProcessQueues", update: "UpdateAiProcessQueue" };

/// Input of DescribeAiProcessQueues.
pub type DescribeAiProcessQueuesInput = DescribeQueuesInput;
/// Output of DescribeAiProcessQueues.
pub type DescribeAiProcessQueuesOutput = DescribeQueuesOutput;
/// Input of UpdateAiProcessQueue: `Name` and `State` are required,
/// `NotifyConfig` (Url or TDMQ callbacks) optional; no `QueueID` in the body
/// (spec 002).
pub type UpdateAiProcessQueueInput = UpdateQueueInput;
/// Output of UpdateAiProcessQueue.
pub type UpdateAiProcessQueueOutput = UpdateQueueOutput;

/// Builds `GET /ai_queue?queueIds=&state=&pageNumber=&pageSize=`.
pub fn describe_ai_process_queues(
    endpoint: &Endpoint,
    input: &DescribeAiProcessQueuesInput,
) -> Result<RequestDescriptor> {
    build_describe(endpoint, &FAMILY, input)
}

/// Parses the DescribeAiProcessQueues response.
pub fn parse_describe_ai_process_queues(response: &RawResponse<'_>) -> Result<DescribeAiProcessQueuesOutput> {
    parse_describe(response)
}

/// Builds `PUT /ai_queue/<QueueId>` with `<Request><Name/><State/><NotifyConfig/></Request>`.
pub fn update_ai_process_queue(endpoint: &Endpoint, input: &UpdateAiProcessQueueInput) -> Result<RequestDescriptor> {
    build_update(endpoint, &FAMILY, input)
}

/// Parses the UpdateAiProcessQueue response.
pub fn parse_update_ai_process_queue(response: &RawResponse<'_>) -> Result<UpdateAiProcessQueueOutput> {
    parse_update(response)
}
