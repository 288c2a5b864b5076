import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { usageError } from '../errors.js';

/** `llmmem.config.json`: defaults for the CloudWatch path (and the function name and arch for files). */
export interface Config {
  readonly functions?: readonly string[];
  readonly region?: string;
  readonly profile?: string;
  readonly arch?: string;
  readonly days?: number;
}

const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string' && x !== '');

/** Reads the config file named by --config, or `llmmem.config.json` in `cwd` when it exists. */
export async function loadConfig(cwd: string, explicitPath: string | undefined): Promise<Config> {
  const path = explicitPath ?? join(cwd, 'llmmem.config.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (explicitPath === undefined && (err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw usageError(`cannot read the config file ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw usageError(`the config file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw usageError(`the config file ${path} must hold a JSON object`);
  const o = raw as Record<string, unknown>;
  const bad = (field: string, want: string): never => {
    throw usageError(`the config file ${path}: "${field}" must be ${want}`);
  };
  const functions = o['functions'] ?? (o['function'] === undefined ? undefined : [o['function']]);
  if (functions !== undefined && !strings(functions)) bad('function(s)', 'a function name or a list of them');
  for (const f of ['region', 'profile', 'arch'] as const) if (o[f] !== undefined && typeof o[f] !== 'string') bad(f, 'a string');
  if (o['days'] !== undefined && !(typeof o['days'] === 'number' && o['days'] > 0)) bad('days', 'a positive number');
  return {
    ...(functions === undefined ? {} : { functions: functions as string[] }),
    ...(o['region'] === undefined ? {} : { region: o['region'] as string }),
    ...(o['profile'] === undefined ? {} : { profile: o['profile'] as string }),
    ...(o['arch'] === undefined ? {} : { arch: o['arch'] as string }),
    ...(o['days'] === undefined ? {} : { days: o['days'] as number }),
  };
}
