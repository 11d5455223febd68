// The seven operations: their names in each form and whether they are idempotent.

export const OPERATIONS = Object.freeze([
  { name: 'DescribeDocProcessQueues', method: 'describeDocProcessQueues', idempotent: true },
  { name: 'UpdateDocProcessQueue', method: 'updateDocProcessQueue', idempotent: true },
  { name: 'DescribeAiProcessQueues', method: 'describeAiProcessQueues', idempotent: true },
  { name: 'UpdateAiProcessQueue', method: 'updateAiProcessQueue', idempotent: true },
  { name: 'CreateDocProcessJobs', method: 'createDocProcessJobs', idempotent: false },
  { name: 'DescribeDocProcessJob', method: 'describeDocProcessJob', idempotent: true },
  { name: 'DescribeDocProcessJobs', method: 'describeDocProcessJobs', idempotent: true },
]);
