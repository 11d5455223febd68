// The browser demo: serves js/demo and the built package (pkg/) on 127.0.0.1 next to a local
// emulator, and prints the page's URL. With --screenshot FILE it opens the page in headless
// Chromium instead, waits for it to finish and saves a screenshot (docs/demo.jpg: JPEG, small,
// as the package ships docs/).
//
//   node js/demo/serve.mjs                        (make demo-web; after make build)
//   node js/demo/serve.mjs --screenshot docs/demo.jpg
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../test/helpers/emulator.mjs';

const repo = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm' };
const shot = process.argv.indexOf('--screenshot');

const emu = await startEmulator(['--job-start-ms', '300', '--job-run-ms', '700']);
const server = http.createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  const file = path === '/' ? join(repo, 'js', 'demo', 'index.html') : path.startsWith('/pkg/') ? join(repo, path) : join(repo, 'js', 'demo', path);
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/?emu=${encodeURIComponent(emu.url)}`;

if (shot < 0) {
  console.log(`emulator: ${emu.url}\ndemo page: ${url}\n(Ctrl-C to stop)`);
  const stop = async () => {
    server.close();
    await emu.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} else {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 900, height: 600 } });
    await page.goto(url);
    await page.waitForFunction(() => window.__done !== undefined, null, { timeout: 30000 });
    const done = await page.evaluate(() => window.__done);
    if (done !== true) throw new Error('the demo page failed: ' + done);
    await page.screenshot({ path: process.argv[shot + 1], fullPage: true, type: 'jpeg', quality: 45 });
    console.log('saved ' + process.argv[shot + 1]);
  } finally {
    await browser.close();
    server.close();
    await emu.stop();
  }
}
