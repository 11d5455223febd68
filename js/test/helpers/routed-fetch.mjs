// A fetch that sends requests for the real CI hosts (https://<bucket>.ci.<region>.myqcloud.com)
// to the local emulator over plain HTTP, keeping the Host header — so a client configured
// with the default endpoint is checked by the emulator against the host it signed.
import http from 'node:http';

export function routedFetch(emulatorUrl) {
  const target = new URL(emulatorUrl);
  return (url, init = {}) =>
    new Promise((resolve, reject) => {
      const u = new URL(url);
      const body = init.body === undefined ? '' : String(init.body);
      const headers = { ...(init.headers || {}), Host: u.host };
      if (body !== '' || (init.method && init.method !== 'GET')) headers['Content-Length'] = Buffer.byteLength(body);
      const req = http.request(
        { method: init.method || 'GET', hostname: target.hostname, port: target.port, path: u.pathname + u.search, headers },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const h = new Headers();
            for (const [k, v] of Object.entries(res.headers)) h.set(k, Array.isArray(v) ? v.join(', ') : v);
            resolve(new Response(Buffer.concat(chunks), { status: res.statusCode, headers: h }));
          });
        },
      );
      req.on('error', reject);
      if (init.signal) {
        if (init.signal.aborted) return reject(init.signal.reason);
        init.signal.addEventListener('abort', () => {
          req.destroy();
          reject(init.signal.reason);
        });
      }
      req.end(body);
    });
}
