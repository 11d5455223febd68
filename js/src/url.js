// The URL of a request descriptor, as the transports send it.
import { CiError, messageOf } from './errors.js';

/** `k=v&k=v`, encodeURIComponent on both (the service decodes; what was signed is the decoded form). */
function queryString(query) {
  const parts = [];
  for (const name of Object.keys(query || {})) {
    parts.push(encodeURIComponent(name) + '=' + encodeURIComponent(query[name]));
  }
  return parts.join('&');
}

/** The full URL of a descriptor: `Url` plus its query string. */
export function requestUrl(request) {
  try {
    const qs = queryString(request.Query);
    return qs ? request.Url + '?' + qs : request.Url;
  } catch (e) {
    throw new CiError('InvalidArgument', 'requestUrl(request) needs a request descriptor ({ Url, Query }): ' + messageOf(e), { field: 'request', cause: e });
  }
}

