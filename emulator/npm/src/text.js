// TextEncoder/TextDecoder: the platform's (mini-programs: js/src/utf8.js, by the build).
export const TextEncoder = globalThis.TextEncoder;
export const TextDecoder = globalThis.TextDecoder;
