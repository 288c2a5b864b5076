import type { Readable } from 'node:stream';

export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean | undefined;
}

/** Everything `main` may touch of the outside world, so tests can run it in-process. */
export interface Io {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly stdin: Readable;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly now: () => Date;
  /** Aborted on SIGINT. */
  readonly signal?: AbortSignal | undefined;
}
