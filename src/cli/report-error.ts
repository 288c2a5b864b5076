import { ExitCode, LlmmemError } from '../errors.js';
import type { Io } from './io.js';
import { redact } from './redact.js';

/** Writes one line about `err` on stderr (plus the stack with --debug) and returns the exit code. */
export function reportError(err: unknown, io: Io, debug: boolean, version: string): number {
  const write = (text: string): void => void io.stderr.write(redact(text, io.env));
  if (err instanceof LlmmemError) {
    write(`llmmem: ${err.message}${err.hint === undefined ? '' : ` (${err.hint})`}\n`);
    if (debug && err.cause !== undefined) write(`${describeCause(err.cause)}\n`);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  write(`llmmem: internal error: ${message.split('\n')[0]} (this is a bug in llmmem ${version}; rerun with --debug and report it)\n`);
  if (debug && err instanceof Error && err.stack !== undefined) write(`${err.stack}\n`);
  return ExitCode.error;
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) return cause.stack ?? `${cause.name}: ${cause.message}`;
  return String(cause);
}
