/** The WebAssembly module assembled from src/sources/file/block-scan.wat, as base64. */
export function assembleBlockScan(): Promise<string>;
