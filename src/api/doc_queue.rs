//! Doc-preview queues (文档预览队列): DescribeDocProcessQueues (`GET /docqueue`)
//! and UpdateDocProcessQueue (`PUT /docqueue/<QueueId>`).

use super::queue::{build_describe, build_update, parse_describe, parse_update, Family};
pub use super::queue::{DescribeQueuesInput, DescribeQueuesOutput, UpdateQueueInput, UpdateQueueOutput};
use crate::descriptor::RequestDescriptor;
use crate::endpoint::Endpoint;
use crate::error::Result;
use crate::response::RawResponse;

const FAMILY: Family = Family { describe: "DescribeDocProcessQueues", update: "UpdateDocProcessQueue" };

/// Input of DescribeDocProcessQueues.
pub type DescribeDocProcessQueuesInput = DescribeQueuesInput;
/// Output of DescribeDocProcessQueues.
pub type DescribeDocProcessQueuesOutput = DescribeQueuesOutput;
/// Input of UpdateDocProcessQueue: `Name`, `State` and `NotifyConfig` are
/// required; the body also carries `QueueID`.
pub type UpdateDocProcessQueueInput = UpdateQueueInput;
/// Output of UpdateDocProcessQueue.
pub type UpdateDocProcessQueueOutput = UpdateQueueOutput;

/// Builds `GET /docqueue?queueIds=&state=&pageNumber=&pageSize=`.
pub fn describe_doc_process_queues(
    endpoint: &Endpoint,
    input: &DescribeDocProcessQueuesInput,
) -> Result<RequestDescriptor> {
    build_describe(endpoint, &FAMILY, input)
}

/// Parses the DescribeDocProcessQueues response.
pub fn parse_describe_doc_process_queues(response: &RawResponse<'_>) -> Result<DescribeDocProcessQueuesOutput> {
    parse_describe(response)
}

/// Builds `PUT /docqueue/<QueueId>` with `<Request><Name/><QueueID/><State/><NotifyConfig/></Request>`.
pub fn update_doc_process_queue(endpoint: &Endpoint, input: &UpdateDocProcessQueueInput) -> Result<RequestDescriptor> {
    build_update(endpoint, &FAMILY, input)
}

/// Parses the UpdateDocProcessQueue response.
pub fn parse_update_doc_process_queue(response: &RawResponse<'_>) -> Result<UpdateDocProcessQueueOutput> {
    parse_update(response)
}
