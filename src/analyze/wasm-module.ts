/** The part of the WebAssembly API used here (its types live in TypeScript's DOM library, not Node's). */
interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}

const compiled = new Map<string, object | null>();

/**
 * A new instance's exports of the WebAssembly module in `base64` (compiled once per module); undefined where
 * WebAssembly is not there (`node --jitless`) or the module does not compile.
 */
export function instantiate<T>(base64: string): T | undefined {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (wasm === undefined) return undefined;
  let module = compiled.get(base64);
  if (module === undefined) {
    try {
      module = new wasm.Module(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
    } catch {
      module = null;
    }
    compiled.set(base64, module);
  }
  return module === null ? undefined : (new wasm.Instance(module, {}).exports as unknown as T);
}
