import { Collector } from '../analyze/collector.js';
import type { Warning } from '../analyze/document.js';
import { ExitCode, LlmmemError } from '../errors.js';
import { fileEvents, newInputStats, type InputStats } from '../sources/file/file-source.js';
import type { Gathered } from './gather.js';
import type { Io } from './io.js';
import { regularFileSize } from './part-reader.js';
import { readInParts, readInto } from './read-in-parts.js';

/** Reads every `--input` into one collector: overlapping exports of one function de-duplicate by request id. */
export async function gatherFiles(inputs: readonly string[], functionName: string | undefined, io: Io): Promise<Gathered> {
  if (inputs.filter((p) => p === '-').length > 1) throw new LlmmemError('standard input (-) can be read only once', { exitCode: ExitCode.usage });
  const collector = new Collector();
  const stats: InputStats[] = [];
  for (const input of inputs) {
    if (input === '-' && (io.stdin as { isTTY?: boolean }).isTTY === true) {
      io.stderr.write('llmmem: reading logs from the terminal (standard input); end with Ctrl-D, or pipe an export in\n');
    }
    const s = newInputStats(input);
    stats.push(s);
    if ((await readInParts(input, collector, s, io)) === 0) {
      const size = regularFileSize(input);
      if (size !== undefined) collector.reserveFor(size);
      await readInto(collector, fileEvents(input, io.stdin, s), io);
    }
    collector.noteSpan(s.firstEventMs, s.lastEventMs);
  }
  const sourceWarnings: Warning[] = [];
  for (const s of stats) {
    if (s.container === 'empty') sourceWarnings.push({ code: 'empty-input', message: `${s.input}: no content` });
    if (s.firstSkipped !== undefined) {
      sourceWarnings.push({ code: 'skipped-lines', count: s.skippedLines, message: `${s.input}: skipped ${s.skippedLines} unreadable line(s) or event(s); first: ${JSON.stringify(s.firstSkipped)}` });
    }
  }
  return {
    functions: [{ name: functionName ?? 'unknown', collector, named: functionName !== undefined }],
    source: {
      kind: 'files',
      events: stats.reduce((n, s) => n + s.events, 0),
      skippedLines: stats.reduce((n, s) => n + s.skippedLines, 0),
      complete: true,
      inputs: stats.map((s) => ({ input: s.input, container: s.container, gzip: s.gzip, events: s.events, skippedLines: s.skippedLines })),
    },
    sourceWarnings,
  };
}
