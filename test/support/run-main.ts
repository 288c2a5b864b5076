import { Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunContext {
  readonly stdin?: string | Buffer;
  readonly env?: Record<string, string | undefined>;
  readonly now?: Date;
  readonly cwd?: string;
  readonly tty?: boolean;
  readonly stderrTty?: boolean;
  readonly signal?: AbortSignal;
}

/** Runs `main(argv)` in-process with captured streams. */
export async function runMain(argv: readonly string[], ctx: RunContext = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (s: string) => (stdout += s), isTTY: ctx.tty ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: ctx.stderrTty ?? false },
    stdin: Readable.from(ctx.stdin === undefined ? [] : [Buffer.from(ctx.stdin)]),
    env: ctx.env ?? {},
    cwd: ctx.cwd ?? process.cwd(),
    now: () => ctx.now ?? new Date('2025-10-20T00:00:00Z'),
    signal: ctx.signal,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

export async function runJson(argv: readonly string[], ctx: RunContext = {}): Promise<{ doc: any; stderr: string }> {
  const r = await runMain([...argv, '--json'], ctx);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return { doc: JSON.parse(r.stdout), stderr: r.stderr };
}
