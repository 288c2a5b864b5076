import { buildDocument } from '../analyze/build-document.js';
import { LAMBDA_PRICES_US_EAST_1 } from '../analyze/prices.js';
import { ExitCode, interrupted, noDataError } from '../errors.js';
import { loadConfig } from './config.js';
import type { Gathered } from './gather.js';
import type { Io } from './io.js';
import { resolveOptions, type CommandName, type RawOptions, type RunOptions } from './options.js';

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

/** Does what the parsed command asks: read, analyse, render. */
export async function run(command: CommandName, raw: RawOptions, io: Io, version: string): Promise<number> {
  const now = io.now();
  const config = await loadConfig(io.cwd, raw.config);
  const options = resolveOptions(command, raw, io.env, config, now);
  const gathered = await gather(options, io);
  if (io.signal?.aborted === true) throw interrupted();
  const doc = buildDocument({
    ...gathered,
    window: options.window,
    arch: options.arch,
    basis: options.basis,
    stepMB: options.stepMB,
    minInvocations: options.minInvocations,
    strategy: options.strategy,
    region: gathered.region ?? options.region,
    profile: options.profile,
    prices: LAMBDA_PRICES_US_EAST_1,
    generatedBy: `llmmem ${version}`,
    nowMs: now.getTime(),
  });
  if (doc.functions.every((f) => f.invocations === 0)) {
    const skipped = doc.source.skippedLines > 0 ? `, ${doc.source.skippedLines} unreadable skipped` : '';
    throw noDataError(
      `no Lambda REPORT lines found in the window (${doc.source.events} events read${skipped})`,
      'check the input or log group, and widen the window with --days/--start/--end',
    );
  }
  for (const w of doc.warnings) io.stderr.write(`llmmem: warning: ${w.message}\n`);
  const color = options.color && io.stdout.isTTY === true && (io.env['NO_COLOR'] ?? '') === '';
  const { render } = await import('./render.js');
  io.stdout.write(await render(doc, options, color));
  return ExitCode.ok;
}

