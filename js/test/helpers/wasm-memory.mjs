// The wasm's linear memory, seen from a test: imported before the package, this wraps
// WebAssembly.Instance so that the instance the package makes (Node: synchronously, as it
// loads) is kept, and `wasmMemoryBytes()` reads its memory size. Test-only.
const instances = [];
const Original = WebAssembly.Instance;
WebAssembly.Instance = new Proxy(Original, {
  construct(target, args, newTarget) {
    const instance = Reflect.construct(target, args, newTarget);
    if (instance.exports && instance.exports.memory instanceof WebAssembly.Memory) instances.push(instance);
    return instance;
  },
});

/** Bytes of linear memory of the package's wasm instance. */
export function wasmMemoryBytes() {
  if (instances.length !== 1) throw new Error(`expected one wasm instance, saw ${instances.length}`);
  return instances[0].exports.memory.buffer.byteLength;
}
