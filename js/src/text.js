// UTF-8 decoding of response bytes, strict (`fatal`) or lenient. The mini-program build
// resolves this module to text-wx.js (no TextDecoder there: WeChat's JS engines lack it).

/** @param {boolean} fatal */
export function utf8Decoder(fatal) {
  return new TextDecoder('utf-8', { fatal });
}
