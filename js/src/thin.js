// The thin entry, `cos-ci-wasm/core`: the builders, the parsers, getAuthorization and init —
// for users who send requests themselves. No CiClient, transports, credentials or retries.
export { CiError } from './errors.js';
export { OPERATIONS } from './table.js';
export { init, getAuthorization, getDocPreviewUrl, parseDocProcessJobNotification } from './pure.js';
export { requestUrl } from './url.js';
export * from './operations.js';
