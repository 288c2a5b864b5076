import type { PeakBasis } from '../analyze/document.js';
import type { Architecture } from '../analyze/prices.js';
import type { Strategy } from '../analyze/recommend.js';
import type { RequestedWindow } from '../analyze/window.js';
import { usageError } from '../errors.js';
import type { Config } from './config.js';
import { parseWindowFlags } from './time-window.js';

export type CommandName = 'analyze' | 'recommend';

/** Options as commander hands them over, before any checking. */
export interface RawOptions {
  readonly input: string[];
  readonly function: string[];
  readonly logGroup: string[];
  readonly all?: boolean;
  readonly config?: string;
  readonly region?: string;
  readonly profile?: string;
  readonly endpointUrl?: string;
  readonly engine: string;
  readonly concurrency: string;
  readonly allowPartial?: boolean;
  readonly start?: string;
  readonly end?: string;
  readonly days?: string;
  readonly since?: string;
  readonly arch?: string;
  readonly basis: string;
  readonly step: string;
  readonly minInvocations: string;
  readonly strategy?: string;
  readonly json?: boolean;
  readonly color: boolean;
  readonly quiet?: boolean;
  readonly debug?: boolean;
}

export interface LogGroupTarget {
  readonly logGroup: string;
  readonly functionName: string;
}

export type Target =
  | { readonly kind: 'files'; readonly inputs: readonly string[]; readonly functionName: string | undefined }
  | {
      readonly kind: 'cloudwatch';
      /** Empty with `all: false` means nothing was named: list the groups that exist in the usage error. */
      readonly groups: readonly LogGroupTarget[];
      readonly all: boolean;
      readonly region: string | undefined;
      readonly profile: string | undefined;
      readonly endpointUrl: string | undefined;
      readonly engine: 'insights' | 'filter';
      readonly concurrency: number;
      readonly allowPartial: boolean;
    };

export interface RunOptions {
  readonly command: CommandName;
  readonly target: Target;
  readonly window: RequestedWindow | undefined;
  readonly arch: Architecture;
  readonly basis: PeakBasis;
  readonly stepMB: number;
  readonly minInvocations: number;
  readonly strategy: Strategy;
  /** Where the function runs, as flags, environment or config say (CloudWatch may resolve a region of its own). */
  readonly region: string | undefined;
  readonly profile: string | undefined;
  readonly json: boolean;
  readonly color: boolean;
  readonly quiet: boolean;
  readonly debug: boolean;
}

export const DEFAULT_CLOUDWATCH_DAYS = 14;
const LAMBDA_GROUP_PREFIX = '/aws/lambda/';

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usageError(`--${flag} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
}

function integerIn(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw usageError(`--${flag} must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)})`);
  return n;
}

/** Whether `group` is a function's own log group, so that its name is the function's. */
export const isFunctionLogGroup = (group: string): boolean => group.startsWith(LAMBDA_GROUP_PREFIX);

export const functionOfLogGroup = (group: string): string =>
  group.startsWith(LAMBDA_GROUP_PREFIX) ? group.slice(LAMBDA_GROUP_PREFIX.length) : group;

const envFunctions = (env: Readonly<Record<string, string | undefined>>): string[] =>
  (env['LLMMEM_FUNCTION'] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');

/** Checks and combines flags, environment and config file into what one run does. Pure: `now` is given. */
export function resolveOptions(
  command: CommandName,
  raw: RawOptions,
  env: Readonly<Record<string, string | undefined>>,
  config: Config,
  now: Date,
): RunOptions {
  const arch = oneOf('arch', raw.arch ?? config.arch ?? 'x86_64', ['x86_64', 'arm64'] as const);
  const basis = oneOf('basis', raw.basis, ['max', 'p99', 'p99.9'] as const);
  const strategy = oneOf('strategy', raw.strategy ?? 'conservative', ['conservative', 'aggressive', 'optimized'] as const);
  const stepMB = integerIn('step', raw.step, 1, 10_240);
  const minInvocations = integerIn('min-invocations', raw.minInvocations, 1, 1_000_000_000);
  const nonEmpty = (s: string | undefined): string | undefined => (s === undefined || s === '' ? undefined : s);
  const region = nonEmpty(raw.region ?? config.region ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION']);
  const profile = nonEmpty(raw.profile ?? config.profile ?? env['AWS_PROFILE']);
  const fromEnv = envFunctions(env);
  const namedFunctions = raw.function.length > 0 ? raw.function : fromEnv.length > 0 ? fromEnv : [...(config.functions ?? [])];
  const windowFlags = { start: raw.start, end: raw.end, days: raw.days, since: raw.since };

  let target: Target;
  let window: RequestedWindow | undefined;
  if (raw.input.length > 0) {
    if (raw.logGroup.length > 0 || raw.all === true) throw usageError('--input cannot be combined with --log-group or --all');
    if (namedFunctions.length > 1) throw usageError('with --input, name at most one function (it labels the output)');
    target = { kind: 'files', inputs: raw.input, functionName: namedFunctions[0] };
    window = parseWindowFlags(windowFlags, now);
  } else {
    const groups: LogGroupTarget[] = [
      ...namedFunctions.map((f) => ({ logGroup: `${LAMBDA_GROUP_PREFIX}${f}`, functionName: f })),
      ...raw.logGroup.map((g) => ({ logGroup: g, functionName: functionOfLogGroup(g) })),
    ];
    target = {
      kind: 'cloudwatch',
      groups,
      all: raw.all === true,
      region: raw.region ?? config.region,
      profile: raw.profile ?? config.profile,
      endpointUrl: raw.endpointUrl,
      engine: oneOf('engine', raw.engine, ['insights', 'filter'] as const),
      concurrency: integerIn('concurrency', raw.concurrency, 1, 30),
      allowPartial: raw.allowPartial === true,
    };
    window = parseWindowFlags(windowFlags, now, config.days ?? DEFAULT_CLOUDWATCH_DAYS);
  }
  return {
    command,
    target,
    window,
    arch,
    basis,
    stepMB,
    minInvocations,
    strategy,
    region,
    profile,
    json: raw.json === true,
    color: raw.color,
    quiet: raw.quiet === true,
    debug: raw.debug === true,
  };
}
