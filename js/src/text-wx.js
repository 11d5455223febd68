// text.js for mini-programs: the same decoder, from ./utf8.js.
import { TextDecoder } from './utf8.js';

/** @param {boolean} fatal */
export function utf8Decoder(fatal) {
  return new TextDecoder('utf-8', { fatal });
}
