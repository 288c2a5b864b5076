// `npm run build` compiles src/ to dist/ with tsc, then bundles the CLI and its worker from there into dist/bundle/,
// which bin/llmmem.js runs: Node's ES module loader takes a millisecond or two a module, and a file read loaded ~60 of
// them before its first read, and most of them again on its worker; bundled, a run on a small file is 35–65 ms shorter.
// The lazy imports stay chunks of their own, so `--version` and `--help` still load no more than they need; packages
// stay in node_modules.
export default {
  input: { main: 'dist/cli/main.js', 'read-part-worker': 'dist/cli/read-part-worker.js' },
  external: (id) => id.startsWith('node:') || /^[a-z@]/.test(id),
  platform: 'node',
  // cleanDir: chunk names carry a hash of their content, and a build would otherwise leave the last build's beside its own
  output: { dir: 'dist/bundle', cleanDir: true, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
};
