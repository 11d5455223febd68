// The test pages' static files: a file (or null) answered with its type, else 404.
import { readFile } from 'node:fs/promises';

export const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.html': 'text/html', '.wasm': 'application/wasm' };

/** Answers `res` with `file`, or 404 when it is null or cannot be read. */
export async function serveFile(res, file) {
  try {
    if (!file) throw new Error('no file');
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[file.slice(file.lastIndexOf('.'))] || 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
}
