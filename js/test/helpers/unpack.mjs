// Reads the packed encoding js/src/core.js writes (the inverse of `pack`), for tests that look
// at what crosses into the wasm: numbers come back as numbers, text unescaped.
export function unpack(text) {
  let pos = 0;
  const item = () => {
    const end = text.indexOf('\0', pos);
    const raw = text.slice(pos, end);
    pos = end + 1;
    return raw.replace(/\x01([01])/g, (_, c) => (c === '0' ? '\0' : '\x01'));
  };
  const value = () => {
    const tag = text[pos++];
    switch (tag) {
      case 'z': return null;
      case 't': return true;
      case 'f': return false;
      case 's': return item();
      case 'n': return Number(item());
      case 'a': {
        const out = [];
        while (text[pos] !== ']') out.push(value());
        pos++;
        return out;
      }
      case 'o': {
        const out = {};
        while (text[pos] !== '}') {
          if (text[pos++] !== 'k') throw new Error('no key at ' + (pos - 1));
          const k = item();
          Object.defineProperty(out, k, { value: value(), enumerable: true, writable: true, configurable: true });
        }
        pos++;
        return out;
      }
      default: throw new Error('not packed at ' + pos);
    }
  };
  const v = value();
  if (pos !== text.length) throw new Error('left over at ' + pos);
  return v;
}
