import { createRequire } from 'node:module';
import { buildDocument } from '../analyze/build-document.js';
import { LAMBDA_PRICES_US_EAST_1 } from '../analyze/prices.js';
import { ExitCode, LlmmemError, noDataError } from '../errors.js';
import { loadConfig } from './config.js';
import type { Gathered } from './gather.js';
import type { Io } from './io.js';
import { resolveOptions, type CommandName, type RawOptions, type RunOptions } from './options.js';
import { parseArgv } from './program.js';
import { reportError } from './report-error.js';

const VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

/** Runs llmmem with `argv` (without node and the script) and returns the process exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const parsed = await parseArgv(argv, io, VERSION);
    if ('exitCode' in parsed) return parsed.exitCode;
    return await run(parsed.command, parsed.raw, io);
  } catch (err) {
    return reportError(err, io, debug, VERSION);
  }
}

async function gather(options: RunOptions, io: Io): Promise<Gathered> {
  const target = options.target;
  if (target.kind === 'files') {
    const { gatherFiles } = await import('./gather-files.js');
    return gatherFiles(target.inputs, target.functionName, io);
  }
  // The SDK is loaded only on this path, so --help, --version and --input never pay for it.
  const { gatherCloudWatch } = await import('./gather-cloudwatch.js');
  return gatherCloudWatch(target, options, io);
}

async function run(command: CommandName, raw: RawOptions, io: Io): Promise<number> {
  const config = await loadConfig(io.cwd, raw.config);
  const options = resolveOptions(command, raw, io.env, config, io.now());
  const gathered = await gather(options, io);
  if (io.signal?.aborted === true) throw new LlmmemError('interrupted', { exitCode: ExitCode.interrupted });
  const doc = buildDocument({
    ...gathered,
    window: options.window,
    arch: options.arch,
    basis: options.basis,
    stepMB: options.stepMB,
    prices: LAMBDA_PRICES_US_EAST_1,
    generatedBy: `llmmem ${VERSION}`,
  });
  for (const w of doc.warnings) io.stderr.write(`llmmem: warning: ${w.message}\n`);
  if (doc.functions.every((f) => f.invocations === 0)) {
    throw noDataError(
      `no Lambda REPORT lines found in the window (${doc.source.events} events read)`,
      'check the input or log group, and widen the window with --days/--start/--end',
    );
  }
  const color = options.color && io.stdout.isTTY === true && (io.env['NO_COLOR'] ?? '') === '';
  const { render } = await import('./render.js');
  io.stdout.write(render(doc, options, color));
  return ExitCode.ok;
}

/** The real process's streams, environment and clock; SIGINT aborts the run. */
export function processIo(): Io {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
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
