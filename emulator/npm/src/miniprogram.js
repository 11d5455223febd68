// cos-ci-emulator in WeChat mini-programs: createEmulator (in process, no sockets) — for the
// DevTools simulator and tests of mini-program code; the wasm is loaded from the code package
// (options.wasmPath, default /miniprogram_npm/cos-ci-emulator/emulator.wasm.br).
export { createEmulator } from './emulator.js';

/** Serving HTTP needs Node: in a mini-program, use createEmulator() and its transport. */
export async function startEmulator() {
  throw new Error('cos-ci-emulator: startEmulator serves HTTP and needs Node; in a mini-program use createEmulator() and emu.transport');
}
