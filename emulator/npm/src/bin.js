#!/usr/bin/env node
// `npx cos-ci-emulator`: the same command line, output and exit codes as the native
// binary (`cos-ci-emulator --help`), over the wasm core and `node:http`.
import { openCore, startTicker } from './core.js';
import { loadCore } from './load-embedded.js';
import { serve, deliver, traceWriter } from './server.js';

const log = (line) => process.stderr.write('cos-ci-emulator: ' + line + '\n');
const args = process.argv.slice(2);
const { Core, command, help } = await loadCore();

let what;
try {
  what = command(args);
} catch (e) {
  log(e.message);
  process.exit(2);
}
if (what === 'help') {
  process.stdout.write(help());
  process.exit(0);
}
const core = openCore(Core, args, traceWriter());
const host = core.listen;
const notify = (list) => list.forEach((n) => deliver(n, log));
let served;
try {
  served = await serve(core, { host, port: core.port, log, notify });
} catch (e) {
  log('cannot bind ' + host + ':' + core.port + ': ' + e.message);
  process.exit(1);
}
// Signal handlers are in place before the address is announced, so a SIGTERM/SIGINT
// sent as soon as the first line is read ends it cleanly.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, async () => {
    log('shutting down');
    await served.stop();
    process.exit(0);
  });
}
startTicker(core, notify);
const shown = host.includes(':') ? '[' + host + ']' : host;
process.stdout.write('listening on http://' + shown + ':' + served.port + '\n');
log(core.banner);
