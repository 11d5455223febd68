// A `wx` global good enough for cos-wx-sdk-v5 and wxRequestTransport in Node: `request`
// goes over node:http to the emulator (like WeChat, it sets Host and Content-Length
// itself); the rest are the stubs cos-wx-sdk-v5 touches when it loads.
'use strict';
const http = require('node:http');

function makeWx({ onRequest, route, intercept } = {}) {
  // route: send every request to this base URL (the emulator), keeping the URL's host as Host.
  const target = route ? new URL(route) : null;
  const calls = [];
  const wx = {
    calls,
    request(opt) {
      calls.push(opt);
      if (onRequest) onRequest(opt);
      // intercept(opt) may answer a request itself (e.g. the user's STS server): { statusCode, header, data }.
      const answer = intercept && intercept(opt);
      if (answer) {
        setTimeout(() => {
          opt.success && opt.success(answer);
          opt.complete && opt.complete();
        }, 0);
        return { abort() {} };
      }
      const u = new URL(opt.url);
      const data = opt.data === undefined || opt.data === null ? '' : String(opt.data);
      const headers = {};
      for (const [k, v] of Object.entries(opt.header || {})) {
        if (!['host', 'content-length'].includes(k.toLowerCase())) headers[k] = v;
      }
      if (target) headers.Host = u.host;
      if (data !== '' || opt.method !== 'GET') headers['Content-Length'] = Buffer.byteLength(data);
      let aborted = false;
      const req = http.request(
        { method: opt.method || 'GET', hostname: target ? target.hostname : u.hostname, port: target ? target.port : u.port, path: u.pathname + u.search, headers },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const header = {};
            for (const [k, v] of Object.entries(res.headers)) header[k] = Array.isArray(v) ? v.join(', ') : v;
            // WeChat gives the body as text for dataType 'text', as an ArrayBuffer for responseType 'arraybuffer'.
            const bytes = Buffer.concat(chunks);
            const data = opt.responseType === 'arraybuffer' ? bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) : bytes.toString('utf8');
            opt.success && opt.success({ statusCode: res.statusCode, header, data });
            opt.complete && opt.complete();
          });
          res.on('error', (e) => {
            opt.fail && opt.fail({ errMsg: 'request:fail ' + e.message });
          });
        },
      );
      if (opt.timeout) req.setTimeout(opt.timeout, () => req.destroy(new Error('timeout')));
      req.on('error', (e) => {
        opt.fail && opt.fail({ errMsg: aborted ? 'request:fail abort' : 'request:fail ' + e.message });
        opt.complete && opt.complete();
      });
      req.end(data);
      return {
        abort() {
          aborted = true;
          req.destroy();
        },
      };
    },
    getFileSystemManager: () => ({ readFile() {}, readFileSync() {}, stat() {}, statSync() {} }),
    canIUse: () => true,
    getAppBaseInfo: () => ({ SDKVersion: '3.0.0', version: '8.0.50' }),
    getDeviceInfo: () => ({ platform: 'devtools', system: 'node', model: 'node' }),
    getSystemInfoSync: () => ({ platform: 'devtools', SDKVersion: '3.0.0' }),
    getNetworkType: (o) => o && o.success && o.success({ networkType: 'wifi' }),
    getStorageSync: () => '',
    setStorageSync() {},
    removeStorageSync() {},
  };
  return wx;
}

module.exports = { makeWx };
