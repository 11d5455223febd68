// A minimal XMLHttpRequest over node:http — what cos-js-sdk-v5 (a browser SDK) needs to
// run in Node against the local emulator. Like a browser, it sets Host and Content-Length
// itself and refuses to let scripts set them.
'use strict';
const http = require('node:http');

const FORBIDDEN = ['host', 'content-length', 'connection', 'user-agent', 'origin'];

class XMLHttpRequest {
  constructor() {
    this.readyState = 0;
    this.status = 0;
    this.statusText = '';
    this.responseType = '';
    this.response = null;
    this.responseText = '';
    this.timeout = 0;
    this.upload = { onprogress: null, addEventListener() {} };
    this._headers = {};
    this._resHeaders = {};
  }
  open(method, url) {
    this._method = method;
    this._url = url;
    this.readyState = 1;
  }
  setRequestHeader(name, value) {
    if (!FORBIDDEN.includes(name.toLowerCase())) this._headers[name] = String(value);
  }
  getAllResponseHeaders() {
    return Object.entries(this._resHeaders).map(([k, v]) => k + ': ' + v).join('\r\n');
  }
  getResponseHeader(name) {
    const v = this._resHeaders[name.toLowerCase()];
    return v === undefined ? null : v;
  }
  abort() {
    if (this._req) this._req.destroy();
  }
  send(body) {
    const u = new URL(this._url);
    const data = body === undefined || body === null ? '' : String(body);
    const headers = { ...this._headers };
    if (data !== '' || this._method !== 'GET') headers['Content-Length'] = Buffer.byteLength(data);
    const req = http.request(
      { method: this._method, hostname: u.hostname, port: u.port, path: u.pathname + u.search, headers },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          this.status = res.statusCode;
          this.statusText = res.statusMessage;
          for (const [k, v] of Object.entries(res.headers)) this._resHeaders[k] = Array.isArray(v) ? v.join(', ') : v;
          const bytes = Buffer.concat(chunks);
          this.responseText = this.responseType === 'arraybuffer' ? '' : bytes.toString('utf8');
          // responseType 'arraybuffer' (cos-js-sdk-v5 with DataType 'arraybuffer'): the bytes as they came.
          this.response = this.responseType === 'arraybuffer' ? bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) : this.responseText;
          this.readyState = 4;
          if (this.onreadystatechange) this.onreadystatechange();
          if (this.onload) this.onload();
        });
        res.on('error', (e) => this._fail(e));
      },
    );
    this._req = req;
    if (this.timeout) req.setTimeout(this.timeout, () => {
      req.destroy();
      if (this.ontimeout) this.ontimeout();
    });
    req.on('error', (e) => this._fail(e));
    req.end(data);
  }
  _fail(e) {
    this.status = 0;
    this.readyState = 4;
    if (this.onerror) this.onerror(e);
  }
}

module.exports = { XMLHttpRequest };
