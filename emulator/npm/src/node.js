// cos-ci-emulator for Node: createEmulator (in process) and startEmulator (on 127.0.0.1).
import { serve, deliver, traceWriter } from './server.js';
import { argsOf, coreFor, makeEmulator } from './emulator.js';

/** An emulator in this process, with no sockets: `emu.transport` is a CiClient transport. */
export async function createEmulator(options = {}) {
  return makeEmulator(await coreFor(argsOf(options), traceWriter()), undefined).emu;
}

const log = (line) => process.stderr.write('cos-ci-emulator: ' + line + '\n');

/**
 * An emulator serving HTTP on 127.0.0.1 (a free port unless `port` is given):
 * `emu.endpoint` is its URL, for `CiClient({ Endpoint })` or any SDK; `emu.transport`
 * talks to the same emulator with no socket.
 */
export async function startEmulator(options = {}) {
  const { port = 0, ...rest } = options;
  const args = argsOf(rest).concat(['--port', String(port)]);
  const core = await coreFor(args, traceWriter());
  const { emu, notify } = makeEmulator(core, rest.deliverNotifications === false ? undefined : (n) => deliver(n, log));
  const record = (r) => emu.requests.push({ ...r, body: new TextDecoder().decode(r.body || new Uint8Array(0)) });
  let served;
  try {
    served = await serve(core, { host: core.listen, port: core.port, log, notify, record });
  } catch (e) {
    await emu.close();
    throw new Error('cos-ci-emulator: cannot bind ' + core.listen + ':' + core.port + ': ' + e.message);
  }
  served.server.unref();
  const close = emu.close;
  emu.endpoint = 'http://127.0.0.1:' + served.port;
  emu.close = async () => {
    await close();
    await served.stop();
  };
  return emu;
}
