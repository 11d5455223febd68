// The signing vectors of the official Python SDK (tests/fixtures/sign.json) as
// cos-js-sdk-v5-style getAuthorization options.
import { readFileSync } from 'node:fs';

/** @returns {{ name: string, opts: object, expected: string }[]} */
export function signVectors() {
  const cases = JSON.parse(readFileSync(new URL('../../../tests/fixtures/sign.json', import.meta.url), 'utf8'));
  return cases.map((c) => {
    const headers = { ...c.headers };
    if (c.implicit_host_from_url && !Object.keys(headers).some((k) => k.toLowerCase() === 'host')) headers.Host = c.implicit_host_from_url;
    const opts = {
      SecretId: c.secret_id, SecretKey: c.secret_key, Method: c.method, Pathname: c.path,
      Query: c.sign_params === false ? {} : c.query, Headers: headers, KeyTime: c.key_time,
    };
    return { name: c.name, opts, expected: c.expected_authorization };
  });
}
