/** Process exit codes, documented in the README. */
export const ExitCode = {
  ok: 0,
  error: 1,
  usage: 2,
  noData: 3,
  auth: 4,
  incomplete: 5,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The one error type llmmem throws on purpose: a one-line message, what to do about it, and the exit code. */
export class LlmmemError extends Error {
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;

  constructor(message: string, options: { exitCode?: ExitCode; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LlmmemError';
    this.exitCode = options.exitCode ?? ExitCode.error;
    this.hint = options.hint;
  }
}

export const usageError = (message: string, hint?: string): LlmmemError =>
  new LlmmemError(message, { exitCode: ExitCode.usage, ...(hint === undefined ? {} : { hint }) });

export const noDataError = (message: string, hint?: string): LlmmemError =>
  new LlmmemError(message, { exitCode: ExitCode.noData, ...(hint === undefined ? {} : { hint }) });

/** The user pressed Ctrl-C (SIGINT): exit 130. */
export const interrupted = (): LlmmemError => new LlmmemError('interrupted', { exitCode: ExitCode.interrupted });
