// UTF-8 TextEncoder/TextDecoder for runtimes without them (WeChat mini-programs).
// Only what the wasm-bindgen glue uses: new TextEncoder().encode/encodeInto and
// new TextDecoder('utf-8', { fatal, ignoreBOM }).decode(bytes). Same output as the
// WHATWG ones: lone surrogates encode as U+FFFD; with `fatal` invalid input throws
// a TypeError, without it each bad sequence decodes to U+FFFD.

export class TextEncoder {
  get encoding() {
    return 'utf-8';
  }

  /** @param {string} [input] */
  encode(input = '') {
    const s = String(input);
    const out = new Uint8Array(s.length * 3);
    return out.subarray(0, this.encodeInto(s, out).written);
  }

  /**
   * @param {string} source
   * @param {Uint8Array} dest
   */
  encodeInto(source, dest) {
    const s = String(source);
    const cap = dest.length;
    let read = 0;
    let w = 0;
    while (read < s.length) {
      let c = s.charCodeAt(read);
      let units = 1;
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = read + 1 < s.length ? s.charCodeAt(read + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          units = 2;
        } else {
          c = 0xfffd;
        }
      }
      if (c < 0x80) {
        if (w + 1 > cap) break;
        dest[w++] = c;
      } else if (c < 0x800) {
        if (w + 2 > cap) break;
        dest[w++] = 0xc0 | (c >> 6);
        dest[w++] = 0x80 | (c & 0x3f);
      } else if (c < 0x10000) {
        if (w + 3 > cap) break;
        dest[w++] = 0xe0 | (c >> 12);
        dest[w++] = 0x80 | ((c >> 6) & 0x3f);
        dest[w++] = 0x80 | (c & 0x3f);
      } else {
        if (w + 4 > cap) break;
        dest[w++] = 0xf0 | (c >> 18);
        dest[w++] = 0x80 | ((c >> 12) & 0x3f);
        dest[w++] = 0x80 | ((c >> 6) & 0x3f);
        dest[w++] = 0x80 | (c & 0x3f);
      }
      read += units;
    }
    return { read, written: w };
  }
}

const CHUNK = 4096; // code units per String.fromCharCode call

export class TextDecoder {
  /**
   * @param {string} [label] only 'utf-8' / 'utf8'
   * @param {{ fatal?: boolean, ignoreBOM?: boolean }} [options]
   */
  constructor(label = 'utf-8', options = {}) {
    const l = String(label).trim().toLowerCase();
    if (l !== 'utf-8' && l !== 'utf8' && l !== 'unicode-1-1-utf-8') {
      throw new RangeError('only the utf-8 encoding is supported, not ' + label);
    }
    this.fatal = !!(options && options.fatal);
    this.ignoreBOM = !!(options && options.ignoreBOM);
  }

  get encoding() {
    return 'utf-8';
  }

  /** @param {ArrayBuffer | ArrayBufferView} [input] */
  decode(input) {
    if (input === undefined) return '';
    const b =
      input instanceof Uint8Array
        ? input
        : ArrayBuffer.isView(input)
          ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
          : new Uint8Array(input);
    const n = b.length;
    let i = 0;
    if (!this.ignoreBOM && n >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) i = 3;
    let out = '';
    const units = [];
    while (i < n) {
      const b0 = b[i];
      let cp = -1;
      let len = 1;
      if (b0 < 0x80) {
        cp = b0;
      } else if (b0 >= 0xc2 && b0 <= 0xdf) {
        const b1 = b[i + 1];
        if (i + 1 < n && (b1 & 0xc0) === 0x80) {
          cp = ((b0 & 0x1f) << 6) | (b1 & 0x3f);
          len = 2;
        }
      } else if (b0 >= 0xe0 && b0 <= 0xef) {
        const b1 = b[i + 1];
        const b2 = b[i + 2];
        const lo = b0 === 0xe0 ? 0xa0 : 0x80;
        const hi = b0 === 0xed ? 0x9f : 0xbf;
        if (i + 1 < n && b1 >= lo && b1 <= hi) {
          if (i + 2 < n && (b2 & 0xc0) === 0x80) {
            cp = ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
            len = 3;
          } else {
            len = 2; // a truncated sequence is one error
          }
        }
      } else if (b0 >= 0xf0 && b0 <= 0xf4) {
        const b1 = b[i + 1];
        const b2 = b[i + 2];
        const b3 = b[i + 3];
        const lo = b0 === 0xf0 ? 0x90 : 0x80;
        const hi = b0 === 0xf4 ? 0x8f : 0xbf;
        if (i + 1 < n && b1 >= lo && b1 <= hi) {
          if (i + 2 < n && (b2 & 0xc0) === 0x80) {
            if (i + 3 < n && (b3 & 0xc0) === 0x80) {
              cp = ((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
              len = 4;
            } else {
              len = 3;
            }
          } else {
            len = 2;
          }
        }
      }
      if (cp < 0) {
        if (this.fatal) throw new TypeError('The encoded data was not valid utf-8');
        cp = 0xfffd;
      }
      if (cp >= 0x10000) {
        cp -= 0x10000;
        units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
      } else {
        units.push(cp);
      }
      if (units.length >= CHUNK) {
        out += String.fromCharCode.apply(null, units);
        units.length = 0;
      }
      i += len;
    }
    return units.length ? out + String.fromCharCode.apply(null, units) : out;
  }
}
