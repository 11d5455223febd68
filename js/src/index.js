// The public API of cos-ci-wasm (every entry: browser, Node ESM/CJS, mini-programs).
import { init, core, isLoaded } from './pure.js';
import { createClientClass } from './client.js';

export { CiError } from './errors.js';
export { OPERATIONS } from './table.js';
export { init, getAuthorization, getDocPreviewUrl, parseDocProcessJobNotification } from './pure.js';
export { fetchTransport, wxRequestTransport, cosRequestTransport } from './transports.js';
export { requestUrl } from './url.js';
export * from './operations.js';
export const CiClient = createClientClass(core, init, isLoaded);
