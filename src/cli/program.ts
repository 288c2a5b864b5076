import { Command, CommanderError, Option } from 'commander';
import type { CommandName, RawOptions } from './options.js';
import type { Io } from './io.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export type ParsedArgv = { readonly command: CommandName; readonly raw: RawOptions } | { readonly exitCode: number };

function addCommonOptions(cmd: Command): Command {
  return cmd
    .option('-i, --input <path>', 'read exported logs from a file (repeatable; - for stdin; gzip, filter-log-events JSON, aws logs tail, S3 export, NDJSON)', collect, [])
    .option('-f, --function <name>', 'Lambda function: reads /aws/lambda/<name> (repeatable); with --input, names the function', collect, [])
    .option('--log-group <name>', 'read any log group (repeatable)', collect, [])
    .option('--all', 'analyse every /aws/lambda/ log group')
    .option('--config <path>', 'config file (default: ./llmmem.config.json)')
    .option('--region <region>', 'AWS region (default: AWS_REGION / profile)')
    .option('--profile <name>', 'AWS profile (default: AWS_PROFILE)')
    .option('--endpoint-url <url>', 'CloudWatch Logs endpoint (default: AWS_ENDPOINT_URL_CLOUDWATCH_LOGS / AWS_ENDPOINT_URL)')
    .addOption(new Option('--engine <engine>', 'how to read CloudWatch: Logs Insights or FilterLogEvents').choices(['insights', 'filter']).default('insights'))
    .option('--concurrency <n>', 'Insights queries in flight at once (1–30; the account quota is shared)', '4')
    .option('--allow-partial', 'keep going when part of the window could not be read (source.complete: false)')
    .option('--start <iso>', 'window start (inclusive), ISO-8601, UTC when no offset')
    .option('--end <iso>', 'window end (exclusive); default now')
    .option('--days <n>', `window length in days ending at --end or now (CloudWatch default 14)`)
    .option('--since <when>', 'window start as 30m, 2h, 7d, 1w ago, or an ISO time')
    .option('--arch <arch>', 'x86_64 or arm64 (prices differ)')
    .option('--basis <stat>', 'peak the recommendations rest on: max, p99 or p99.9', 'max')
    .option('--step <mb>', 'round recommended sizes up to a multiple of this many MB', '64')
    .option('--min-invocations <n>', 'invocations a Memory Size needs before it is judged or its durations are used', '50')
    .option('--strategy <name>', 'strategy to apply: conservative, aggressive or optimized', 'conservative')
    .option('--json', 'print the result document (schema v2) on stdout')
    .option('--no-color', 'no colour (also NO_COLOR)')
    .option('-q, --quiet', 'no progress line')
    .option('--debug', 'print stack traces of errors');
}

/** Builds the commander program; actions only record what was asked, `main` does the work. */
export function buildProgram(io: Io, version: string, onCommand: (command: CommandName, raw: RawOptions) => void): Command {
  const program = new Command('llmmem')
    .description('How much memory each kind of request to an LLM proxy on AWS Lambda needs, and what the right size costs.')
    .version(version, '-V, --version')
    .showHelpAfterError('(run llmmem --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
    });
  addCommonOptions(program.command('analyze'))
    .description('MaxMemoryUsed per operation type with percentiles, cold starts, timeouts, OOM kills and tracker peaks')
    .action((opts: RawOptions) => onCommand('analyze', opts));
  addCommonOptions(program.command('recommend'))
    .description('conservative (1.5×), aggressive (1.2×) and optimized (1.15×) memory sizes with monthly cost, savings and risk')
    .action((opts: RawOptions) => onCommand('recommend', opts));
  return program;
}

/** Turns argv into the command to run, or the exit code when commander already answered (help, version, usage). */
export async function parseArgv(argv: readonly string[], io: Io, version: string): Promise<ParsedArgv> {
  let parsed: ParsedArgv | undefined;
  const program = buildProgram(io, version, (command, raw) => {
    parsed = { command, raw };
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      const ok = err.code === 'commander.helpDisplayed' || err.code === 'commander.version';
      return { exitCode: ok ? 0 : 2 };
    }
    throw err;
  }
  if (parsed === undefined) {
    io.stderr.write(program.helpInformation());
    return { exitCode: 2 };
  }
  return parsed;
}
