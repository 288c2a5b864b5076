export declare const WASM_MODULES: readonly { readonly wat: string; readonly out: string; readonly name: string }[];
export declare function assemble(path: string): Promise<string>;
