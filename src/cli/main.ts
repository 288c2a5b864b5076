import { createRequire } from 'node:module';
import type { Io } from './io.js';
import { reportError } from './report-error.js';

const VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

/** Runs llmmem with `argv` (without node and the script) and returns the process exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const debug = argv.includes('--debug');
  // `llmmem --version` alone is answered before commander loads: scripts call it to check the install.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  try {
    const { parseArgv } = await import('./program.js');
    const parsed = await parseArgv(argv, io, VERSION);
    if ('exitCode' in parsed) return parsed.exitCode;
    // A large file is read on two threads: the second starts now, while the rest of llmmem loads.
    const firstInput = parsed.raw.input[0];
    const parts = firstInput === undefined ? undefined : await import('./part-reader.js');
    if (firstInput !== undefined) parts?.startReadingInPartsEarly(firstInput, io);
    try {
      // Loaded after parsing, so that --help and --version load no more than commander.
      const { run } = await import('./run.js');
      return await run(parsed.command, parsed.raw, io, VERSION);
    } finally {
      await parts?.endUnusedPartReader();
    }
  } catch (err) {
    return reportError(err, io, debug, VERSION);
  }
}

/** The real process's streams, environment and clock; SIGINT aborts the run. */
export function processIo(): Io {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  // `llmmem … | head` closes the pipe early: that is the reader being done, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
    signal: controller.signal,
  };
}
