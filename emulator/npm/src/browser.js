// cos-ci-emulator in browsers: createEmulator (in process, no sockets).
export { createEmulator } from './emulator.js';

/** Serving HTTP needs Node: in a browser, use createEmulator() and its transport. */
export async function startEmulator() {
  throw new Error('cos-ci-emulator: startEmulator serves HTTP and needs Node; in a browser use createEmulator() and emu.transport');
}
