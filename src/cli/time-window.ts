import { isValid } from 'date-fns/isValid';
import { usageError } from '../errors.js';
import { parseTimestamp } from '../parse/iso-time.js';
import type { RequestedWindow } from '../analyze/window.js';

export interface WindowFlags {
  readonly start?: string | undefined;
  readonly end?: string | undefined;
  readonly days?: string | number | undefined;
  readonly since?: string | undefined;
}

const RELATIVE = /^(\d+(?:\.\d+)?)\s*(m|min|h|d|w)$/;

function instant(flag: string, value: string): number {
  const ms = parseTimestamp(value);
  if (ms === undefined || !isValid(new Date(ms))) {
    throw usageError(`--${flag} ${JSON.stringify(value)} is not an ISO-8601 time`, 'e.g. 2025-10-11T00:00:00Z (no offset means UTC)');
  }
  return ms;
}

function positiveDays(value: string | number): number {
  const days = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(days) || days <= 0) throw usageError(`--days ${JSON.stringify(String(value))} is not a positive number of days`);
  return days;
}

const UNIT_MS: Readonly<Record<string, number>> = { m: 60e3, min: 60e3, h: 3600e3, d: 86_400e3, w: 604_800e3 };

/** `--since 2h|30m|7d|1w|ISO`, relative to `now`. */
function since(value: string, now: Date): number {
  const m = RELATIVE.exec(value.trim());
  if (m === null) return instant('since', value);
  return now.getTime() - Number(m[1]) * UNIT_MS[m[2]!]!;
}

/**
 * The half-open window [start, end) the flags ask for, or undefined when none was given. `now` is passed
 * in so that the same flags always mean the same window in tests.
 */
export function parseWindowFlags(flags: WindowFlags, now: Date, defaultDays?: number): RequestedWindow | undefined {
  const given = [flags.start, flags.end, flags.days, flags.since].some((v) => v !== undefined);
  if (!given && defaultDays === undefined) return undefined;
  if (flags.since !== undefined && (flags.start !== undefined || flags.days !== undefined)) {
    throw usageError('--since cannot be combined with --start or --days');
  }
  const nowMs = now.getTime();
  let startMs: number;
  let endMs: number;
  if (flags.since !== undefined) {
    startMs = since(flags.since, now);
    endMs = flags.end === undefined ? nowMs : instant('end', flags.end);
  } else if (flags.start !== undefined) {
    startMs = instant('start', flags.start);
    endMs =
      flags.end !== undefined ? instant('end', flags.end) : flags.days !== undefined ? startMs + positiveDays(flags.days) * 86_400_000 : nowMs;
    if (flags.end !== undefined && flags.days !== undefined) throw usageError('give two of --start, --end and --days, not all three');
  } else {
    endMs = flags.end === undefined ? nowMs : instant('end', flags.end);
    const days = flags.days ?? defaultDays;
    if (days === undefined) throw usageError('--end needs --start, --days or --since');
    startMs = endMs - positiveDays(days) * 86_400_000;
  }
  if (!(endMs > startMs)) throw usageError(`the window is empty: it starts at ${new Date(startMs).toISOString()} and ends at ${new Date(endMs).toISOString()}`);
  return { startMs, endMs };
}
